//! Exports a [`SearchIndex`] to static files that `js/search.js` queries with no server.
//!
//! Under `search/<lang>/`:
//! - `index.json`, the manifest (fixed name, revalidated on each visit, so pages need not
//!   change when the index does): the agencies and years, the documents' (agency, year)
//!   runs as a flat list of (agency, year, count) triples, and the term shards with the first
//!   term of each;
//! - `s/<hash>.json`, term shards (fingerprinted, cacheable forever): for each term, its
//!   postings as delta-coded document numbers followed by one integer score per posting: the
//!   sum over fields of tantivy's BM25 weight × the field's boost, × [`SCORE_SCALE`]. The
//!   browser only adds these numbers, which reproduces tantivy's ranking;
//! - `d/<n>.json`, the documents: URL, title, agency, year and text (for the snippet), plus
//!   the generation so a stale chunk is detected. A small site's documents are one chunk (one
//!   request); past [`SINGLE_CHUNK_BYTES`] each document is its own file, so showing ten
//!   results fetches ten documents and nothing else.
//!
//! Terms are sorted by code point and cut into shards of about [`SHARD_BYTES`]; a small index
//! (under [`SINGLE_SHARD_BYTES`]) is one shard, so a query costs two requests.

use super::index::SearchIndex;
use crate::error::{Error, Result};
use std::fmt::Write as _;
use tantivy::postings::Postings;
use tantivy::query::Bm25Weight;
use tantivy::{DocSet, TERMINATED};

/// Scores are stored as integers: thousandths.
pub const SCORE_SCALE: f32 = 1000.0;
/// Target raw size of a term shard.
pub const SHARD_BYTES: usize = 16 * 1024;
/// An index smaller than this is one shard.
pub const SINGLE_SHARD_BYTES: usize = 128 * 1024;
/// Documents whose texts add up to less than this are one chunk.
pub const SINGLE_CHUNK_BYTES: usize = 64 * 1024;

/// The files of one language's export, paths relative to the site root.
#[derive(Debug, Clone, Default)]
pub struct Export {
    /// (path, bytes), sorted by path.
    pub files: Vec<(String, Vec<u8>)>,
    /// Figures for reports and benchmarks.
    pub stats: Stats,
}

/// Figures of an export.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Documents.
    pub docs: usize,
    /// Distinct terms.
    pub terms: usize,
    /// Postings (term, document) pairs.
    pub postings: usize,
    /// Term shard files.
    pub shards: usize,
    /// Bytes of all files.
    pub bytes: usize,
}

/// The folder of a language's search files, relative to the site root.
pub fn dir(lang: crate::model::Lang) -> String {
    format!("search/{}", lang.code())
}

/// The manifest's URL, which pages hand to the script.
pub fn manifest_url(lang: crate::model::Lang) -> String {
    format!("/{}/index.json", dir(lang))
}

fn err(e: impl std::fmt::Display) -> Error {
    Error::Other(format!("search export: {e}"))
}

fn fingerprint(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..12].to_string()
}

/// One term's postings, merged over fields and segments: (document, score).
struct TermPostings {
    term: Vec<u8>,
    postings: Vec<(u32, u32)>,
}

/// Streams every term of every searched field in code-point order, calling `emit` once per
/// term with its postings in document order.
fn for_each_term(index: &SearchIndex, mut emit: impl FnMut(TermPostings)) -> Result<()> {
    let searcher = index.reader.searcher();
    let segments = searcher.segment_readers();
    let total_docs: u64 = segments.iter().map(|s| s.max_doc() as u64).sum();
    let n_docs = index.docs.len();
    // per segment: document number (our order) of each tantivy doc id
    let mut ords: Vec<Vec<u32>> = Vec::new();
    for seg in segments {
        let col = seg.fast_fields().u64("ord").map_err(err)?;
        ords.push(
            (0..seg.max_doc())
                .map(|d| col.first(d).unwrap_or_default() as u32)
                .collect(),
        );
    }
    struct Source {
        field: usize,
        seg: usize,
        inv: std::sync::Arc<tantivy::InvertedIndexReader>,
        norms: tantivy::fieldnorm::FieldNormReader,
    }
    let mut sources = Vec::new();
    let mut avg = Vec::new();
    for (fi, (field, _)) in index.fields.iter().enumerate() {
        let mut tokens = 0u64;
        for (si, seg) in segments.iter().enumerate() {
            let inv = seg.inverted_index(*field).map_err(err)?;
            tokens += inv.total_num_tokens();
            sources.push(Source {
                field: fi,
                seg: si,
                inv,
                norms: seg.get_fieldnorms_reader(*field).map_err(err)?,
            });
        }
        avg.push(tokens as f32 / total_docs.max(1) as f32);
    }
    let mut streams = Vec::new();
    for s in &sources {
        let mut st = s.inv.terms().stream().map_err(err)?;
        let live = st.advance();
        streams.push((st, live));
    }
    let mut score = vec![0f32; n_docs];
    let mut touched: Vec<u32> = Vec::new();
    loop {
        let Some(min) = streams
            .iter()
            .filter(|(_, live)| *live)
            .map(|(s, _)| s.key())
            .min()
            .map(<[u8]>::to_vec)
        else {
            break;
        };
        let at: Vec<usize> = (0..streams.len())
            .filter(|&i| streams[i].1 && streams[i].0.key() == min.as_slice())
            .collect();
        // the weight of this term in each field, from its document frequency over segments
        let mut weights: Vec<Option<Bm25Weight>> = vec![None; index.fields.len()];
        for (fi, w) in weights.iter_mut().enumerate() {
            let df: u64 = at
                .iter()
                .filter(|&&i| sources[i].field == fi)
                .map(|&i| streams[i].0.value().doc_freq as u64)
                .sum();
            if df > 0 {
                *w = Some(Bm25Weight::for_one_term_without_explain(
                    df, total_docs, avg[fi],
                ));
            }
        }
        // summed in field order, as tantivy's boolean query sums its clauses
        for fi in 0..index.fields.len() {
            for &i in at.iter().filter(|&&i| sources[i].field == fi) {
                let src = &sources[i];
                let w = weights[fi].as_ref().expect("df > 0");
                let boost = index.fields[fi].1;
                let mut postings = src
                    .inv
                    .read_postings_from_terminfo(
                        streams[i].0.value(),
                        tantivy::schema::IndexRecordOption::WithFreqs,
                    )
                    .map_err(err)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let s = w.score(src.norms.fieldnorm_id(doc), postings.term_freq()) * boost;
                    let d = ords[src.seg][doc as usize];
                    if score[d as usize] == 0.0 {
                        touched.push(d);
                    }
                    score[d as usize] += s;
                    doc = postings.advance();
                }
            }
        }
        touched.sort_unstable();
        let postings = touched
            .drain(..)
            .map(|d| {
                let s = std::mem::take(&mut score[d as usize]);
                (d, ((s * SCORE_SCALE).round() as u32).max(1))
            })
            .collect();
        emit(TermPostings {
            term: min,
            postings,
        });
        for &i in &at {
            streams[i].1 = streams[i].0.advance();
        }
    }
    Ok(())
}

/// One shard's entries as JSON object members, and its first term.
#[derive(Default)]
struct Shard {
    first: String,
    body: String,
}

/// Exports `index` (see the module documentation).
pub fn export(index: &SearchIndex, agency_names: &[String]) -> Result<Export> {
    let dir = dir(index.lang);
    let mut stats = Stats {
        docs: index.docs.len(),
        ..Stats::default()
    };
    let mut shards: Vec<Shard> = vec![Shard::default()];
    for_each_term(index, |tp| {
        let term = String::from_utf8_lossy(&tp.term).into_owned();
        stats.terms += 1;
        stats.postings += tp.postings.len();
        let cur = shards.last_mut().expect("one shard");
        if cur.body.len() >= SHARD_BYTES {
            shards.push(Shard::default());
        }
        let cur = shards.last_mut().expect("one shard");
        if cur.body.is_empty() {
            cur.first = term.clone();
        } else {
            cur.body.push(',');
        }
        let _ = write!(
            cur.body,
            "{}:[",
            serde_json::to_string(&term).unwrap_or_default()
        );
        let mut prev = 0;
        for (k, (d, _)) in tp.postings.iter().enumerate() {
            let _ = write!(cur.body, "{}{}", if k > 0 { "," } else { "" }, d - prev);
            prev = *d;
        }
        for (d, s) in &tp.postings {
            let _ = d;
            let _ = write!(cur.body, ",{s}");
        }
        cur.body.push(']');
    })?;
    let total: usize = shards.iter().map(|s| s.body.len()).sum();
    if total <= SINGLE_SHARD_BYTES && shards.len() > 1 {
        let first = shards[0].first.clone();
        let body = shards
            .iter()
            .map(|s| s.body.as_str())
            .collect::<Vec<_>>()
            .join(",");
        shards = vec![Shard { first, body }];
    }
    let mut files = Vec::new();
    let mut shard_list = Vec::new();
    for s in shards.iter().filter(|s| !s.body.is_empty()) {
        let bytes = format!("{{{}}}", s.body).into_bytes();
        let name = format!("s/{}.json", fingerprint(&bytes));
        shard_list.push(serde_json::json!([s.first, name]));
        files.push((format!("{dir}/{name}"), bytes));
    }
    stats.shards = shard_list.len();

    let generation = fingerprint(
        index
            .docs
            .iter()
            .map(|d| d.url.as_str())
            .collect::<Vec<_>>()
            .join("\n")
            .as_bytes(),
    );
    let text_bytes: usize = index
        .docs
        .iter()
        .map(|d| d.body.len() + d.title.len())
        .sum();
    let per_chunk = if text_bytes <= SINGLE_CHUNK_BYTES {
        index.docs.len().max(1)
    } else {
        1
    };
    for (c, chunk) in index.docs.chunks(per_chunk).enumerate() {
        let docs: Vec<_> = chunk
            .iter()
            .map(|d| serde_json::json!([d.url, d.title, d.agency, d.year, d.body]))
            .collect();
        let bytes =
            serde_json::to_vec(&serde_json::json!({"g": generation, "d": docs})).map_err(err)?;
        files.push((format!("{dir}/d/{c}.json"), bytes));
    }

    // runs of documents of one agency and year: (agency, year, count); each starts where the
    // previous ends, so filters are ranges
    let mut groups: Vec<[usize; 3]> = Vec::new();
    for d in &index.docs {
        match groups.last_mut() {
            Some(g) if g[0] == d.agency && g[1] == d.year as usize => g[2] += 1,
            _ => groups.push([d.agency, d.year as usize, 1]),
        }
    }
    let groups: Vec<usize> = groups.concat();
    let mut years: Vec<(u32, String)> = index
        .docs
        .iter()
        .map(|d| (d.year, d.year_label.clone()))
        .collect();
    years.sort_by(|a, b| b.0.cmp(&a.0));
    years.dedup();
    let agencies: Vec<_> = index
        .agency_slugs
        .iter()
        .zip(agency_names)
        .map(|(s, n)| serde_json::json!([s, n]))
        .collect();
    let manifest = serde_json::json!({
        "v": 1,
        "lang": index.lang.code(),
        "g": generation,
        "n": index.docs.len(),
        "k": per_chunk,
        "scale": SCORE_SCALE,
        "agencies": agencies,
        "years": years,
        "groups": groups,
        "shards": shard_list,
    });
    files.push((
        format!("{dir}/index.json"),
        serde_json::to_vec(&manifest).map_err(err)?,
    ));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    stats.bytes = files.iter().map(|f| f.1.len()).sum();
    Ok(Export { files, stats })
}
