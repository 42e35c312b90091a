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
//!   request); past [`SINGLE_CHUNK_BYTES`] they go in chunks of about [`CHUNK_BYTES`] of text,
//!   so showing ten results fetches at most ten small files.
//!
//! Terms are sorted by code point and cut into shards of about [`SHARD_BYTES`]. A small site's
//! index (terms under [`SINGLE_SHARD_BYTES`], texts under [`SINGLE_CHUNK_BYTES`]) goes whole
//! into the manifest's `inline` map (file name → content), so one request answers a query.

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
/// Past that, documents go in chunks of about this much text (one or two documents each): a
/// page of ten results fetches at most ten small files, little of them documents it does not
/// show, and a national site writes fewer files than one per document would (each file costs
/// the build a file system entry).
pub const CHUNK_BYTES: usize = 3 * 1024;

/// The files of one language's export, paths relative to the site root.
#[derive(Debug, Clone, Default)]
pub struct Export {
    /// (path, bytes), sorted by path; empty when the files were streamed.
    pub files: Vec<(String, Vec<u8>)>,
    /// Document files left out because their document did not change (see
    /// [`export_mirror_to`]): they are as previously exported.
    pub unchanged: Vec<String>,
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
    /// Bytes of all files (when collected).
    pub bytes: usize,
}

/// Where an export's files go, one (path, bytes) at a time. Not `gongkai::output::Sink`:
/// that one is shared by the build's threads (`Fn + Sync`, borrowing the bytes), while an
/// export runs on one thread and its receivers keep state as files come (a list of files, a
/// map of digests: `FnMut`) and take the bytes without copying them (a shard, a document
/// chunk, the manifest).
pub type Out<'a> = &'a mut dyn FnMut(String, Vec<u8>) -> Result<()>;

/// Runs an export that streams its files (`export_to`, `export_mirror_to`), collecting them
/// into [`Export::files`] (sorted).
pub fn collected(run: impl FnOnce(Out) -> Result<Export>) -> Result<Export> {
    let mut files = Vec::new();
    let mut e = run(&mut |p, b| {
        files.push((p, b));
        Ok(())
    })?;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    e.stats.bytes = files.iter().map(|f| f.1.len()).sum();
    e.files = files;
    Ok(e)
}

/// The folder of a language's search files, relative to the site root.
pub fn dir(lang: crate::Lang) -> String {
    format!("search/{}", lang.code())
}

/// The manifest's URL, which pages hand to the script.
pub fn manifest_url(lang: crate::Lang) -> String {
    format!("/{}/index.json", dir(lang))
}

fn err(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::failed(crate::error::Msg::new("search export", "匯出搜尋資料"), e)
}

fn fingerprint(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..12].to_string()
}

use super::manifest::{self as m, ShardRef};
pub use super::manifest::{Manifest, Tok, FORMAT};

/// The fold table's pairs (Simplified, Traditional) whose Traditional character, once
/// normalized, occurs in the index (`chars`), as one string of pairs: the rest cannot match.
pub fn fold_for(chars: &std::collections::BTreeSet<char>) -> String {
    let mut out = String::new();
    for (&s, &t) in super::fold::table() {
        let mut n = String::new();
        super::tokenize::normalize_char(t, &mut n);
        if n.chars().all(|c| chars.contains(&c)) && !n.is_empty() {
            out.push(s);
            out.push(t);
        }
    }
    out
}

/// The number of searched fields ([`super::index::WEIGHTED`]).
pub const FIELDS: usize = super::index::WEIGHTED.len();

/// A term's postings before scoring: (document, frequency in each field), by document.
pub type TermFreqs = Vec<(u32, [u32; FIELDS])>;

/// Collection statistics BM25 needs, as tantivy counts them.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    /// Documents.
    pub docs: u64,
    /// Tokens per field over all documents.
    pub tokens: [u64; FIELDS],
    /// Each document's length per field, as tantivy's one-byte fieldnorm id.
    pub norms: Vec<[u8; FIELDS]>,
}

impl Corpus {
    /// Scores one term's postings: per posting, the sum over fields (in field order, as
    /// tantivy's boolean query adds its clauses) of the field's BM25 weight × boost, scaled.
    fn score(&self, freqs: &TermFreqs) -> Vec<(u32, u32)> {
        let weights: Vec<Option<Bm25Weight>> = (0..FIELDS)
            .map(|f| {
                let df = freqs.iter().filter(|p| p.1[f] > 0).count() as u64;
                let avg = self.tokens[f] as f32 / self.docs.max(1) as f32;
                (df > 0).then(|| Bm25Weight::for_one_term_without_explain(df, self.docs, avg))
            })
            .collect();
        freqs
            .iter()
            .map(|(d, tf)| {
                let mut s = 0f32;
                for (f, w) in weights.iter().enumerate() {
                    if let (Some(w), true) = (w, tf[f] > 0) {
                        s += w.score(self.norms[*d as usize][f], tf[f])
                            * super::index::WEIGHTED[f].1;
                    }
                }
                (*d, ((s * SCORE_SCALE).round() as u32).max(1))
            })
            .collect()
    }
}

/// Each tantivy document's number in our order (the `ord` fast field), for one segment.
pub(crate) fn ords(seg: &tantivy::SegmentReader) -> Result<Vec<u32>> {
    let col = seg.fast_fields().u64("ord").map_err(err)?;
    Ok((0..seg.max_doc())
        .map(|d| col.first(d).unwrap_or_default() as u32)
        .collect())
}

/// Whether a file of the export is named by its content's digest (a term shard, the related
/// terms, the findings' quarters), so that the same path always holds the same bytes.
pub fn content_addressed(path: &str) -> bool {
    path.contains("/s/") || path.contains("/r/") || path.contains("/q/")
}

/// Reads the statistics of `index` from tantivy.
fn corpus(index: &SearchIndex) -> Result<Corpus> {
    let searcher = index.reader.searcher();
    let mut c = Corpus {
        docs: 0,
        tokens: [0; FIELDS],
        norms: vec![[0; FIELDS]; index.docs.len()],
    };
    for seg in searcher.segment_readers() {
        c.docs += seg.max_doc() as u64;
        let ords = ords(seg)?;
        for (f, (field, _)) in index.fields.iter().enumerate() {
            c.tokens[f] += seg.inverted_index(*field).map_err(err)?.total_num_tokens();
            let norms = seg.get_fieldnorms_reader(*field).map_err(err)?;
            for (doc, &d) in ords.iter().enumerate() {
                c.norms[d as usize][f] = norms.fieldnorm_id(doc as u32);
            }
        }
    }
    Ok(c)
}

/// Streams every term of every searched field of `index` in code-point order, merged over
/// fields and segments, with its frequencies per document.
fn stream_terms(index: &SearchIndex, mut emit: impl FnMut(&[u8], &TermFreqs)) -> Result<()> {
    let searcher = index.reader.searcher();
    let segments = searcher.segment_readers();
    let ords: Vec<Vec<u32>> = segments.iter().map(ords).collect::<Result<_>>()?;
    // (field, segment, inverted index) for every field of every segment
    let mut sources = Vec::new();
    for (f, (field, _)) in index.fields.iter().enumerate() {
        for (si, seg) in segments.iter().enumerate() {
            sources.push((f, si, seg.inverted_index(*field).map_err(err)?));
        }
    }
    let mut streams = Vec::new();
    for (_, _, inv) in &sources {
        let mut st = inv.terms().stream().map_err(err)?;
        let live = st.advance();
        streams.push((st, live));
    }
    let mut freqs = vec![[0u32; FIELDS]; index.docs.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut out: TermFreqs = Vec::new();
    while let Some(min) = streams
        .iter()
        .filter(|(_, live)| *live)
        .map(|(s, _)| s.key())
        .min()
        .map(<[u8]>::to_vec)
    {
        for (i, (f, seg, inv)) in sources.iter().enumerate() {
            if !streams[i].1 || streams[i].0.key() != min.as_slice() {
                continue;
            }
            let mut postings = inv
                .read_postings_from_terminfo(
                    streams[i].0.value(),
                    tantivy::schema::IndexRecordOption::WithFreqs,
                )
                .map_err(err)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let d = ords[*seg][doc as usize];
                if freqs[d as usize] == [0; FIELDS] {
                    touched.push(d);
                }
                freqs[d as usize][*f] += postings.term_freq();
                doc = postings.advance();
            }
            streams[i].1 = streams[i].0.advance();
        }
        touched.sort_unstable();
        out.clear();
        out.extend(
            touched
                .drain(..)
                .map(|d| (d, std::mem::take(&mut freqs[d as usize]))),
        );
        emit(&min, &out);
    }
    Ok(())
}

/// A term's scored postings and their JSON text.
type Formatted = (Vec<(u32, u32)>, String);

/// The index as plain data (terms → frequencies, and the statistics), kept by `serve` so a
/// record's edit patches it instead of indexing every record again. Exporting it gives the
/// same files as exporting the tantivy index it was read from.
#[derive(Debug, Clone)]
pub struct Mirror {
    synonyms: std::sync::Arc<super::synonyms::Synonyms>,
    corpus: Corpus,
    terms: std::collections::BTreeMap<Vec<u8>, TermFreqs>,
    /// Each term's scored postings and their JSON, as last exported.
    formatted: std::collections::HashMap<Vec<u8>, Formatted>,
}

impl Mirror {
    /// Reads `index`.
    pub fn read(index: &SearchIndex) -> Result<Mirror> {
        let mut terms = std::collections::BTreeMap::new();
        stream_terms(index, |t, f| {
            terms.insert(t.to_vec(), f.clone());
        })?;
        Ok(Mirror {
            synonyms: index.synonyms.clone(),
            corpus: corpus(index)?,
            terms,
            formatted: Default::default(),
        })
    }

    /// Document `d` changes from `old` to `new` (its place in the order is the same).
    pub fn replace(&mut self, d: u32, old: &super::SearchDoc, new: &super::SearchDoc) {
        use std::collections::BTreeMap;
        let count = |doc: &super::SearchDoc| {
            let mut per_term: BTreeMap<Vec<u8>, [u32; FIELDS]> = BTreeMap::new();
            let mut lengths = [0u64; FIELDS];
            for (f, text) in super::index::field_texts(doc).iter().enumerate() {
                for t in self.synonyms.analyze(text) {
                    per_term
                        .entry(t.text.as_bytes().to_vec())
                        .or_insert([0; FIELDS])[f] += 1;
                    lengths[f] += 1;
                }
            }
            (per_term, lengths)
        };
        let (old_terms, old_len) = count(old);
        let (new_terms, new_len) = count(new);
        for f in 0..FIELDS {
            self.corpus.tokens[f] = self.corpus.tokens[f] - old_len[f] + new_len[f];
            self.corpus.norms[d as usize][f] =
                tantivy::fieldnorm::FieldNormReader::fieldnorm_to_id(new_len[f] as u32);
        }
        for term in old_terms.keys() {
            if let Some(list) = self.terms.get_mut(term) {
                if let Ok(i) = list.binary_search_by_key(&d, |p| p.0) {
                    list.remove(i);
                }
                if list.is_empty() {
                    self.terms.remove(term);
                }
            }
        }
        for (term, tf) in new_terms {
            let list = self.terms.entry(term).or_default();
            match list.binary_search_by_key(&d, |p| p.0) {
                Ok(i) => list[i].1 = tf,
                Err(i) => list.insert(i, (d, tf)),
            }
        }
    }
}

/// One shard's entries as JSON object members, and its first term.
#[derive(Default)]
struct Shard {
    first: String,
    body: String,
}

/// Exports `index` (see the module documentation), collecting the files.
pub fn export(index: &SearchIndex, agency_names: &[super::AgencyLabel]) -> Result<Export> {
    collected(|out| export_to(index, agency_names, out))
}

/// Exports `index`, handing each file to `out` as soon as it is made.
pub fn export_to(
    index: &SearchIndex,
    agency_names: &[super::AgencyLabel],
    out: Out,
) -> Result<Export> {
    let corpus = corpus(index)?;
    assemble(
        &IndexView::of(index, &index.docs, None),
        agency_names,
        |push| {
            stream_terms(index, |t, f| {
                push(t, f.len(), &postings_json(&corpus.score(f)))
            })
        },
        out,
    )
}

/// Exports `mirror`, which stands for `index` with its documents replaced by `docs` (in the
/// same order), handing each file to `out` as soon as it is made ([`collected`] collects
/// them). Only the document chunks holding a document in `changed` are made when the
/// documents are chunked (not one inline chunk); the others are listed in
/// [`Export::unchanged`].
pub fn export_mirror_to(
    index: &SearchIndex,
    docs: &[super::SearchDoc],
    changed: &[usize],
    mirror: &mut Mirror,
    agency_names: &[super::AgencyLabel],
    out: Out,
) -> Result<Export> {
    let Mirror {
        synonyms: _,
        corpus,
        terms,
        formatted,
    } = mirror;
    assemble(
        &IndexView::of(index, docs, Some(changed)),
        agency_names,
        |push| {
            for (t, f) in terms.iter() {
                let scored = corpus.score(f);
                // a term's scores rarely change with one edit: reuse its text when they did not
                let entry = match formatted.get_mut(t) {
                    Some((s, text)) if *s == scored => text,
                    _ => {
                        let text = postings_json(&scored);
                        formatted.insert(t.clone(), (scored, text));
                        &formatted[t].1
                    }
                };
                push(t, f.len(), entry);
            }
            formatted.retain(|t, _| terms.contains_key(t));
            Ok(())
        },
        out,
    )
}

/// A term's postings as JSON: delta-coded documents, then the scores.
fn postings_json(postings: &[(u32, u32)]) -> String {
    // itoa: formatting millions of integers is most of an export's time
    let mut out = String::with_capacity(postings.len() * 8 + 2);
    let mut num = itoa::Buffer::new();
    out.push('[');
    let mut prev = 0;
    for (k, (d, _)) in postings.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(num.format(d - prev));
        prev = *d;
    }
    for (_, s) in postings {
        out.push(',');
        out.push_str(num.format(*s));
    }
    out.push(']');
    out
}

/// What the files say about the documents, besides their terms.
struct IndexView<'a> {
    lang: crate::Lang,
    synonyms: &'a super::synonyms::Synonyms,
    related: &'a super::related::Related,
    phrases: &'a [super::phrases::Phrase],
    docs: &'a [super::SearchDoc],
    agency_slugs: &'a [String],
    /// Only these documents' files, when documents are one file each.
    only: Option<&'a [usize]>,
}

impl<'a> IndexView<'a> {
    /// `index`'s language and agencies, with `docs` as its documents.
    fn of(index: &'a SearchIndex, docs: &'a [super::SearchDoc], only: Option<&'a [usize]>) -> Self {
        IndexView {
            lang: index.lang,
            synonyms: &index.synonyms,
            related: &index.related,
            phrases: &index.phrases,
            docs,
            agency_slugs: &index.agency_slugs,
            only,
        }
    }
}

/// Writes the shards of the terms `terms` pushes (term, postings count, postings JSON, in
/// code-point order), the document files and the manifest.
fn assemble(
    index: &IndexView,
    agency_names: &[super::AgencyLabel],
    terms: impl FnOnce(&mut dyn FnMut(&[u8], usize, &str)) -> Result<()>,
    out: Out,
) -> Result<Export> {
    let dir = dir(index.lang);
    let mut shards = Shards::new(&dir);
    terms(&mut |term: &[u8], count: usize, entry: &str| {
        shards.push(term, count, entry, &mut *out)
    })?;
    let mut stats = Stats {
        docs: index.docs.len(),
        terms: shards.terms,
        postings: shards.postings,
        ..Stats::default()
    };
    let (chars, keys) = (
        std::mem::take(&mut shards.chars),
        std::mem::take(&mut shards.keys),
    );
    let written = shards.finish(&mut *out)?;
    stats.shards = written.list.len();
    let mut inline = written.inline;
    let docs = write_docs(index, &dir, written.small, &mut inline, &mut *out)?;
    let live = index.synonyms.live(|k| keys.contains(k));
    let query_chars = query_chars(chars, &live);
    let related = write_related(index.related, index.phrases, &query_chars, &dir, &mut *out)?;
    let quarters = write_quarters(index.docs, &dir, &mut *out)?;
    let (agencies, agency_url) = agency_entries(index, agency_names, &live);
    let manifest = Manifest {
        v: FORMAT,
        limits: m::Limits {
            chars: super::tokenize::MAX_QUERY_CHARS,
            terms: super::tokenize::MAX_QUERY_TERMS,
        },
        tok: Tok::new(),
        fold: fold_for(&query_chars),
        syn: live.rows(),
        status: status_rows(),
        stop: super::stop::rows(),
        ctx: live.context.iter().map(|u| u.join(" ")).collect(),
        neg: super::words::NEGATORS
            .iter()
            .map(|w| w.to_string())
            .collect(),
        related,
        flags: index
            .docs
            .iter()
            .map(|d| char::from_u32(48 + u32::from(d.flags)).unwrap_or('0'))
            .collect(),
        quarters,
        lang: index.lang.code().to_string(),
        g: docs.generation,
        n: index.docs.len(),
        k: docs.per_chunk,
        scale: SCORE_SCALE,
        facets: m::Facets {
            agencies,
            agency_url,
            years: years(index.docs),
            groups: doc_runs(index.docs),
        },
        shards: written.list,
        inline,
    };
    out(
        format!("{dir}/index.json"),
        serde_json::to_vec(&manifest).map_err(err)?,
    )?;
    Ok(Export {
        files: Vec::new(),
        unchanged: docs.unchanged,
        stats,
    })
}

/// The review findings as queries name them, in bit order.
fn status_rows() -> Vec<m::StatusWords> {
    super::status::STATUSES
        .iter()
        .zip(super::status::word_units())
        .zip(super::status::opposite_units())
        .map(|((st, words), opposites)| m::StatusWords {
            key: st.key.to_string(),
            words: words.iter().map(|units| units.join(" ")).collect(),
            opposites: opposites.iter().map(|units| units.join(" ")).collect(),
        })
        .collect()
}

/// The term shards as terms come: written as they fill up, except while the whole index may
/// still fit in one (then it goes into the manifest).
struct Shards<'a> {
    dir: &'a str,
    pending: Vec<Shard>,
    streaming: bool,
    list: Vec<ShardRef>,
    failed: Option<Error>,
    /// Every character of the index, for the part of the fold table the client needs.
    chars: std::collections::BTreeSet<char>,
    /// The synonym keys the index holds.
    keys: std::collections::HashSet<String>,
    terms: usize,
    postings: usize,
}

/// The shards once every term is in: their list, and a small index's inline shard.
struct Written {
    list: Vec<ShardRef>,
    inline: m::Inline,
    /// Whether the index is small enough to be inline.
    small: bool,
}

impl<'a> Shards<'a> {
    fn new(dir: &'a str) -> Self {
        Shards {
            dir,
            pending: vec![Shard::default()],
            streaming: false,
            list: Vec::new(),
            failed: None,
            chars: Default::default(),
            keys: Default::default(),
            terms: 0,
            postings: 0,
        }
    }

    /// Writes `shard` as a file named by its digest.
    fn flush(&mut self, shard: Shard, out: Out) -> Result<()> {
        let bytes = format!("{{{}}}", shard.body).into_bytes();
        let name = format!("s/{}.json", fingerprint(&bytes));
        self.list.push(ShardRef {
            first: shard.first,
            file: name.clone(),
        });
        out(format!("{}/{name}", self.dir), bytes)
    }

    /// Adds one term; a failed write is kept to be reported by [`Self::finish`].
    fn push(&mut self, term: &[u8], count: usize, entry: &str, out: Out) {
        let term = String::from_utf8_lossy(term);
        self.chars
            .extend(term.chars().filter(|c| *c as u32 >= 0x3400));
        if term.starts_with(super::synonyms::KEY_MARK) {
            self.keys.insert(term.to_string());
        }
        self.terms += 1;
        self.postings += count;
        if self
            .pending
            .last()
            .is_some_and(|s| s.body.len() >= SHARD_BYTES)
        {
            if !self.streaming
                && self.pending.iter().map(|s| s.body.len()).sum::<usize>() > SINGLE_SHARD_BYTES
            {
                self.streaming = true;
            }
            if self.streaming {
                for shard in std::mem::take(&mut self.pending) {
                    if let Err(e) = self.flush(shard, &mut *out) {
                        self.failed.get_or_insert(e);
                    }
                }
            }
            self.pending.push(Shard::default());
        }
        let cur = self.pending.last_mut().expect("one shard");
        if cur.body.is_empty() {
            cur.first = term.to_string();
        } else {
            cur.body.push(',');
        }
        let _ = write!(
            cur.body,
            "{}:{entry}",
            serde_json::to_string(&term).unwrap_or_default()
        );
    }

    /// Writes what is pending: a small index as one inline shard, else the last shards.
    fn finish(mut self, out: Out) -> Result<Written> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let mut pending = std::mem::take(&mut self.pending);
        if !self.streaming && pending.len() > 1 {
            let first = pending[0].first.clone();
            let body = pending
                .iter()
                .map(|s| s.body.as_str())
                .collect::<Vec<_>>()
                .join(",");
            pending = vec![Shard { first, body }];
        }
        let mut inline = m::Inline::default();
        let small = !self.streaming;
        for shard in pending.into_iter().filter(|s| !s.body.is_empty()) {
            if small {
                // read back through the contract's type: the inline shard is the file's JSON
                inline.shard =
                    Some(serde_json::from_str(&format!("{{{}}}", shard.body)).map_err(err)?);
                self.list.push(ShardRef {
                    first: shard.first,
                    file: m::INLINE_SHARD.to_string(),
                });
            } else {
                self.flush(shard, &mut *out)?;
            }
        }
        Ok(Written {
            list: self.list,
            inline,
            small,
        })
    }
}

/// The characters whose fold pairs a query needs: the index's (`chars`), and those of the
/// words a query is segmented against (a stop word's 嗎 folds from 吗 though no text holds it).
fn query_chars(
    mut chars: std::collections::BTreeSet<char>,
    live: &super::synonyms::Synonyms,
) -> std::collections::BTreeSet<char> {
    for (_, g) in live.live_groups() {
        chars.extend(g.members.iter().flatten().flat_map(|u| u.chars()));
    }
    chars.extend(live.context.iter().flatten().flat_map(|u| u.chars()));
    let words = (super::status::word_units().into_iter().flatten())
        .chain(super::status::opposite_units().into_iter().flatten());
    for u in super::stop::units().into_iter().chain(words) {
        chars.extend(u.iter().flat_map(|x| x.chars()));
    }
    chars
}

/// Writes the related terms' table, the mainland phrases and the fold pairs their characters
/// need beyond the manifest's (`{"r": [...], "p": [...], "f": "..."}`) as a file named by its
/// digest; its name, or none when there is nothing to write.
fn write_related(
    related: &super::related::Related,
    phrases: &[super::phrases::Phrase],
    query_chars: &std::collections::BTreeSet<char>,
    dir: &str,
    out: Out,
) -> Result<Option<String>> {
    if related.entries.is_empty() && phrases.is_empty() {
        return Ok(None);
    }
    // the fold pairs of the lay words' and phrases' characters the manifest lacks
    let mut chars = query_chars.clone();
    let units = related.entries.iter().flat_map(|e| &e.units);
    chars.extend(
        units
            .chain(phrases.iter().flat_map(|p| &p.0))
            .flat_map(|u| u.chars()),
    );
    let had: std::collections::BTreeSet<char> = fold_for(query_chars).chars().collect();
    let more: String = fold_for(&chars)
        .chars()
        .collect::<Vec<_>>()
        .chunks(2)
        .filter(|pair| !had.contains(&pair[0]))
        .flatten()
        .collect();
    let file = m::RelatedFile {
        r: related.rows(),
        p: super::phrases::rows(phrases),
        f: more,
    };
    let bytes = serde_json::to_vec(&file).map_err(err)?;
    let name = format!("r/{}.json", fingerprint(&bytes));
    out(format!("{dir}/{name}"), bytes)?;
    Ok(Some(name))
}

/// Writes, per bit of [`super::status::quarters`], the documents having it (delta-coded) as
/// a file named by its digest; its name, or none when no document has a quarterly finding.
fn write_quarters(docs: &[super::SearchDoc], dir: &str, out: Out) -> Result<Option<String>> {
    if docs.iter().all(|d| d.quarters == 0) {
        return Ok(None);
    }
    let lists: Vec<Vec<usize>> = (0..4 * super::status::QUARTERLY)
        .map(|bit| {
            let mut last = 0;
            let with = docs
                .iter()
                .enumerate()
                .filter(|(_, d)| d.quarters >> bit & 1 == 1);
            with.map(|(i, _)| std::mem::replace(&mut last, i).abs_diff(i))
                .collect()
        })
        .collect();
    let bytes = serde_json::to_vec(&lists).map_err(err)?;
    let name = format!("q/{}.json", fingerprint(&bytes));
    out(format!("{dir}/{name}"), bytes)?;
    Ok(Some(name))
}

/// The document files as written.
struct DocFiles {
    /// Changes when the documents do.
    generation: String,
    /// Documents per chunk.
    per_chunk: usize,
    /// Chunks left as they were (see [`Export::unchanged`]).
    unchanged: Vec<String>,
}

/// Writes the document chunks (a small site's one chunk into `inline` when its index is
/// `small` too).
fn write_docs(
    index: &IndexView,
    dir: &str,
    small: bool,
    inline: &mut m::Inline,
    out: Out,
) -> Result<DocFiles> {
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
    let one_chunk = text_bytes <= SINGLE_CHUNK_BYTES;
    let per_chunk = if one_chunk {
        index.docs.len().max(1)
    } else {
        (CHUNK_BYTES * index.docs.len() / text_bytes.max(1)).max(1)
    };
    let mut unchanged = Vec::new();
    for (c, chunk) in index.docs.chunks(per_chunk).enumerate() {
        let path = format!("{dir}/d/{c}.json");
        let first = c * per_chunk;
        if !one_chunk
            && index.only.is_some_and(|only| {
                // no changed document in this chunk
                let at = only.partition_point(|&d| d < first);
                only.get(at).is_none_or(|&d| d >= first + chunk.len())
            })
        {
            unchanged.push(path);
            continue;
        }
        let chunk = m::Chunk {
            g: generation.clone(),
            d: chunk.iter().map(doc_row).collect(),
        };
        if small && one_chunk {
            inline.chunk = Some(chunk);
        } else {
            out(path, serde_json::to_vec(&chunk).map_err(err)?)?;
        }
    }
    Ok(DocFiles {
        generation,
        per_chunk,
        unchanged,
    })
}

/// A document as its chunk holds it.
fn doc_row(d: &super::SearchDoc) -> m::Doc {
    m::Doc {
        url: d.url.clone(),
        title: d.title.clone(),
        agency: d.agency,
        year: d.year,
        body: d.body.clone(),
    }
}

/// Runs of documents of one agency and year; each starts where the previous ends, so
/// filters are ranges.
fn doc_runs(docs: &[super::SearchDoc]) -> Vec<m::Group> {
    let mut groups: Vec<m::Group> = Vec::new();
    for d in docs {
        match groups.last_mut() {
            Some(g) if g.agency == d.agency && g.year == d.year => g.count += 1,
            _ => groups.push(m::Group {
                agency: d.agency,
                year: d.year,
                count: 1,
            }),
        }
    }
    groups
}

/// The years of the documents with their labels, newest first.
fn years(docs: &[super::SearchDoc]) -> Vec<m::Year> {
    let mut years: Vec<(u32, String)> = docs
        .iter()
        .map(|d| (d.year, d.year_label.clone()))
        .collect();
    years.sort_by_key(|y| std::cmp::Reverse(y.0));
    years.dedup();
    let row = |(year, label)| m::Year { year, label };
    years.into_iter().map(row).collect()
}

/// The manifest's agencies (each with the key of its group, which a query naming it holds,
/// and its page when it is not the returned pattern with the slug put in), and that pattern.
fn agency_entries(
    index: &IndexView,
    agency_names: &[super::AgencyLabel],
    live: &super::synonyms::Synonyms,
) -> (Vec<m::Agency>, String) {
    let agency_url = match (index.agency_slugs.first(), agency_names.first()) {
        (Some(slug), Some(label)) => label.url.replacen(slug.as_str(), "{slug}", 1),
        _ => String::new(),
    };
    let agencies = index
        .agency_slugs
        .iter()
        .zip(agency_names)
        .enumerate()
        .map(|(i, (s, n))| {
            let url = (n.url != agency_url.replacen("{slug}", s, 1)).then(|| n.url.clone());
            m::Agency {
                slug: s.clone(),
                name: n.name.clone(),
                key: live.agency_key(i).map(String::from),
                url,
            }
        })
        .collect();
    (agencies, agency_url)
}
