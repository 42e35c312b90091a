//! The tantivy index over one language's documents, and tantivy's own searcher over it (for
//! `gongkai search`, `serve`'s `/api/search`, and as the reference the browser must match).
//!
//! The index is built in RAM in one pass, one document per plan in [`super::docs`] order;
//! each document carries its position in a fast field `ord`, so nothing depends on how
//! tantivy lays out segments.

use super::synonyms::Synonyms;
use super::tokenize::GongkaiTokenizer;
use super::SearchDoc;
use crate::error::Msg;
use crate::error::{Error, Result};
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{doc, DocSet, Index, IndexReader, Term};

/// The name the tokenizer is registered under.
pub const TOKENIZER: &str = "gongkai";

/// The searched fields and their weights: a title match counts three times.
pub const WEIGHTED: [(&str, f32); 4] = [
    ("title", 3.0),
    ("agency", 1.0),
    ("year", 1.0),
    ("body", 1.0),
];

/// A document's text in each of the [`WEIGHTED`] fields, in that order.
pub fn field_texts(d: &SearchDoc) -> [&str; 4] {
    [&d.title, &d.agency_name, &d.year_label, &d.body]
}

/// A search as a user asks it.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// The words; every term is required.
    pub text: String,
    /// Only the plans these name.
    pub filters: Filters,
    /// The last word is still being typed: it stands for the indexed words it begins (a
    /// submitted query's words are whole words).
    pub typing: bool,
}

/// A search's filters, as asked (the answer repeats them): each set keeps only the plans it
/// names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    /// Only this agency (its slug).
    pub agency: Option<String>,
    /// Only this ROC year.
    pub year: Option<u32>,
    /// Only plans with this status (a key of [`super::status::STATUSES`]).
    pub status: Option<String>,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`SearchIndex::docs`].
    pub doc: usize,
    /// tantivy's BM25 score.
    pub score: f32,
}

/// What a search found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// Matching documents (under the filters).
    pub total: usize,
    /// The best `limit` of them, best first.
    pub hits: Vec<Hit>,
    /// No document holds every word: these hold at least half of the words' weight (see
    /// [`super::rank`]).
    pub partial: bool,
    /// The query's words that no document holds, as typed.
    pub missing: Vec<String>,
}

/// A query's slots: each the terms one query term stands for.
pub type Slots = Vec<Vec<String>>;

/// A typo corrected: (word as typed, word searched).
pub type Correction = (String, String);

/// A word this long or longer that no document holds is corrected when one edit away from an
/// indexed word ([`SearchIndex::correction`]).
pub const TYPO_MIN_LETTERS: usize = 5;

/// Whether `a` and `b` differ by exactly one insertion, deletion, replacement or swap of two
/// neighbours (bytes).
pub fn one_edit(a: &str, b: &str) -> bool {
    one_edit_of(a.as_bytes(), b.as_bytes(), true)
}

/// Whether `a` and `b` differ by one unit inserted, deleted or replaced, or, with `swaps`,
/// two neighbours swapped.
pub fn one_edit_of<T: PartialEq>(a: &[T], b: &[T], swaps: bool) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[head + 1..] == long[head + 1..]
            || swaps
                && head + 1 < short.len()
                && short[head] == long[head + 1]
                && short[head + 1] == long[head]
                && short[head + 2..] == long[head + 2..]
    } else {
        short[head..] == long[head + 1..]
    }
}

/// A prefix stands for at most this many terms (the first in code-point order), in the
/// browser too.
pub const MAX_EXPANSIONS: usize = 50;

/// One language's tantivy index and the documents in it.
pub struct SearchIndex {
    /// The language.
    pub lang: Lang,
    /// The documents, in index order.
    pub docs: Vec<SearchDoc>,
    /// Agency slugs by agency index (for filters).
    pub agency_slugs: Vec<String>,
    /// The synonyms indexed with the text.
    pub synonyms: std::sync::Arc<Synonyms>,
    /// The synonyms queries use: the groups the index holds ([`Synonyms::live`]).
    pub query_synonyms: Synonyms,
    /// The agencies' names and pages, for agency results (see [`Self::with_labels`]).
    pub agency_labels: Vec<super::AgencyLabel>,
    /// The related-terms file's entries of this language, as given (see [`Self::with_related`]).
    pub related_source: std::collections::BTreeMap<String, Vec<String>>,
    /// Them compiled: the lay words whose record words some plan holds (and not most).
    pub related: super::related::Related,
    /// Mainland phrases whose Taiwan form the index holds ([`super::phrases`]).
    pub phrases: Vec<super::phrases::Phrase>,
    /// The phrases a query is segmented against.
    pub dict: std::sync::Arc<super::dict::Dict>,
    /// The same with the related lay words, for a query whose own words are not all found.
    pub dict_related: std::sync::Arc<super::dict::Dict>,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Vec<(Field, f32)>,
}

/// Terms with their frequencies, which is all BM25 needs: no query here matches a phrase, so
/// positions (most of an index's size and of the time to build it) are not recorded.
fn text_options() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

fn tantivy_err(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::failed(Msg::new("search index", "搜尋索引"), e)
}

impl SearchIndex {
    /// Indexes `docs` (see [`super::docs`]); `agency_slugs` names the agencies they refer to.
    pub fn build(lang: Lang, docs: Vec<SearchDoc>, agency_slugs: Vec<String>) -> Result<Self> {
        Self::build_with(lang, docs, agency_slugs, Default::default())
    }

    /// [`Self::build`] with synonyms (see [`super::synonyms`]).
    pub fn build_with(
        lang: Lang,
        docs: Vec<SearchDoc>,
        agency_slugs: Vec<String>,
        synonyms: std::sync::Arc<Synonyms>,
    ) -> Result<Self> {
        let mut schema = Schema::builder();
        let fields: Vec<(Field, f32)> = WEIGHTED
            .iter()
            .map(|(name, w)| (schema.add_text_field(name, text_options()), *w))
            .collect();
        let ord = schema.add_u64_field("ord", NumericOptions::default().set_fast());
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(
            TOKENIZER,
            GongkaiTokenizer {
                synonyms: synonyms.clone(),
                ..Default::default()
            },
        );
        // One thread with a large arena keeps one segment in insertion order (deterministic).
        let mut writer = index
            .writer_with_num_threads::<tantivy::TantivyDocument>(1, 1_000_000_000)
            .map_err(tantivy_err)?;
        for (i, d) in docs.iter().enumerate() {
            let [title, agency, year, body] = field_texts(d);
            writer
                .add_document(doc!(
                    fields[0].0 => title,
                    fields[1].0 => agency,
                    fields[2].0 => year,
                    fields[3].0 => body,
                    ord => i as u64,
                ))
                .map_err(tantivy_err)?;
        }
        writer.commit().map_err(tantivy_err)?;
        let reader = index.reader().map_err(tantivy_err)?;
        let searcher = reader.searcher();
        let query_synonyms = synonyms.live(|key| {
            fields.iter().any(|(f, _)| {
                searcher
                    .doc_freq(&Term::from_field_text(*f, key))
                    .is_ok_and(|n| n > 0)
            })
        });
        let dict = std::sync::Arc::new(super::dict::Dict::new(&query_synonyms));
        Ok(SearchIndex {
            dict_related: dict.clone(),
            dict,
            related_source: Default::default(),
            related: Default::default(),
            phrases: Vec::new(),
            query_synonyms,
            agency_labels: Vec::new(),
            lang,
            docs,
            agency_slugs,
            synonyms,
            reader,
            fields,
        })
    }

    /// This index with the agencies' names and pages, which agency results show.
    pub fn with_labels(mut self, labels: Vec<super::AgencyLabel>) -> Self {
        self.agency_labels = labels;
        self
    }

    /// This index with the related terms of its language (`entries`: lay word → record
    /// words), compiled: a record word is kept when some plan holds it whole and at most
    /// half of the plans do; and the mainland phrases whose Taiwan form some plan holds.
    pub fn with_related(
        mut self,
        entries: std::collections::BTreeMap<String, Vec<String>>,
    ) -> Self {
        let look = Lookups::new(&self);
        let plans = self.docs.len();
        let related = super::related::Related::new(&entries, &self.query_synonyms, plans, |s| {
            let alt = super::words::Alt {
                related: true,
                slots: s.to_vec(),
            };
            super::rank::holding_count(&look, &alt).unwrap_or(0)
        });
        let phrases = super::phrases::table(|units| {
            let bigrams: Vec<String> = units.windows(2).map(|w| w.concat()).collect();
            look.together(&bigrams).is_ok_and(|d| !d.is_empty())
        });
        drop(look);
        self.phrases = phrases;
        self.dict_related = std::sync::Arc::new(self.dict.with_related(&related));
        self.related = related;
        self.related_source = entries;
        self
    }

    /// The agencies a query's terms name (full or short name, either language), by agency
    /// index: those whose group key is one of the terms.
    pub fn named_agencies(&self, terms: &[String]) -> Vec<usize> {
        (0..self.agency_slugs.len())
            .filter(|&a| {
                self.query_synonyms
                    .agency_key(a)
                    .is_some_and(|k| terms.iter().any(|t| t == k))
            })
            .collect()
    }

    /// The indexed terms `prefix` begins, in code-point order, at most [`MAX_EXPANSIONS`].
    pub fn expand(&self, prefix: &str) -> Result<Vec<String>> {
        self.with_prefix(prefix, MAX_EXPANSIONS)
    }

    /// The first `limit` indexed terms (of every field) that `prefix` begins, in code-point
    /// order: each field's term stream is read from `prefix` on, up to `limit` terms.
    pub(crate) fn with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut found = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            for (f, _) in &self.fields {
                let inv = seg.inverted_index(*f).map_err(tantivy_err)?;
                let mut stream = inv
                    .terms()
                    .range()
                    .ge(prefix.as_bytes())
                    .into_stream()
                    .map_err(tantivy_err)?;
                let mut n = 0;
                while n < limit && stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if !term.starts_with(prefix) {
                        break;
                    }
                    found.insert(term.to_string());
                    n += 1;
                }
            }
        }
        Ok(found.into_iter().take(limit).collect())
    }

    /// The documents holding `term` in any field, by their place in [`Self::docs`], in order:
    /// read from the postings, which is what a ranked search for the term finds, unranked.
    pub fn holding(&self, term: &str) -> Result<Vec<usize>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for seg in searcher.segment_readers() {
            let ord = seg.fast_fields().u64("ord").map_err(tantivy_err)?;
            for (f, _) in &self.fields {
                let inv = seg.inverted_index(*f).map_err(tantivy_err)?;
                let term = Term::from_field_text(*f, term);
                let Some(mut postings) = inv
                    .read_postings(&term, IndexRecordOption::Basic)
                    .map_err(tantivy_err)?
                else {
                    continue;
                };
                let mut d = postings.doc();
                while d != tantivy::TERMINATED {
                    out.push(ord.first(d).unwrap_or_default() as usize);
                    d = postings.advance();
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// The indexed word one edit (insert, delete, replace) away from `word` that the most
    /// documents hold (then the first in code-point order), for an English word of
    /// [`TYPO_MIN_LETTERS`] or more; only words with the same first two letters are
    /// considered, so the browser reads a few term shards, not all.
    pub fn correction(&self, word: &str) -> Result<Option<String>> {
        if word.len() < TYPO_MIN_LETTERS || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return Ok(None);
        }
        let mut best: Option<(usize, String)> = None;
        for term in self.with_prefix(&word[..2], usize::MAX)? {
            if !one_edit(word, &term) || !term.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let df = self.holding(&term)?.len();
            if best
                .as_ref()
                .is_none_or(|(n, t)| df > *n || df == *n && term < *t)
            {
                best = Some((df, term));
            }
        }
        Ok(best.map(|b| b.1))
    }

    /// The tantivy query for `slots`: every slot required, a slot matching any of its terms,
    /// a term matching in any field with the field's weight; scores add up. Built from
    /// `TermQuery`s, not the `QueryParser`, which would turn a Chinese word into a phrase query.
    pub fn tantivy_query(&self, slots: &[Vec<String>]) -> BooleanQuery {
        let any_term = |terms: &Vec<String>| -> Box<dyn tantivy::query::Query> {
            let mut q: Vec<_> = terms.iter().map(|t| self.term_query(t)).collect();
            if q.len() == 1 {
                q.pop().expect("one").1
            } else {
                Box::new(BooleanQuery::new(q))
            }
        };
        BooleanQuery::new(slots.iter().map(|s| (Occur::Must, any_term(s))).collect())
    }

    /// One term in any field.
    fn term_query(&self, t: &str) -> (Occur, Box<dyn tantivy::query::Query>) {
        let any_field: Vec<(Occur, Box<dyn tantivy::query::Query>)> = self
            .fields
            .iter()
            .map(|(f, w)| {
                let q = TermQuery::new(Term::from_field_text(*f, t), IndexRecordOption::WithFreqs);
                let q: Box<dyn tantivy::query::Query> = if *w == 1.0 {
                    Box::new(q)
                } else {
                    Box::new(BoostQuery::new(Box::new(q), *w))
                };
                (Occur::Should, q)
            })
            .collect();
        (Occur::Should, Box::new(BooleanQuery::new(any_field)))
    }

    /// Every document holding `term`, with the term's score there as the export stores it:
    /// tantivy's BM25 summed over the weighted fields, in thousandths (at least 1), so the
    /// browser's sums are this side's sums.
    pub(crate) fn term_scores(&self, term: &str) -> Result<HashMap<usize, u32>> {
        let searcher = self.reader.searcher();
        let query = self.tantivy_query(&[vec![term.to_string()]]);
        let top = searcher
            .search(
                &query,
                &TopDocs::with_limit(self.docs.len().max(1)).order_by_score(),
            )
            .map_err(tantivy_err)?;
        let mut ords = Ords::new(&searcher);
        let mut out = HashMap::with_capacity(top.len());
        for (score, addr) in top {
            let scaled = ((score * super::export::SCORE_SCALE).round() as u32).max(1);
            out.insert(ords.of(addr)?, scaled);
        }
        Ok(out)
    }

    /// Analyses and ranks `q`: its words, and the `limit` best plans.
    pub fn run(&self, q: &Query, limit: usize) -> Result<(super::words::Analysis, Outcome)> {
        Lookups::new(self).run(q, limit)
    }

    /// The `limit` best documents for `q`, best first, and how many match in all.
    pub fn search(&self, q: &Query, limit: usize) -> Result<(usize, Vec<Hit>)> {
        let (_, o) = self.run(q, limit)?;
        Ok((o.total, o.hits))
    }
}

/// An answer's lookups, each made once: the documents of each term (from the postings) and
/// the correction of each word. Suggestions ask many queries that differ from the one asked by
/// a word or a character, which looked the same terms up again for each (a long query took
/// seconds at 10,000 records).
pub struct Lookups<'a> {
    /// The index looked up.
    pub index: &'a SearchIndex,
    docs: RefCell<HashMap<String, Rc<Vec<usize>>>>,
    bits: RefCell<HashMap<String, Rc<Vec<u64>>>>,
    fixes: RefCell<HashMap<String, Option<String>>>,
    scores: RefCell<HashMap<String, Rc<HashMap<usize, u32>>>>,
}

impl<'a> Lookups<'a> {
    /// No lookup made yet.
    pub fn new(index: &'a SearchIndex) -> Self {
        Lookups {
            index,
            docs: Default::default(),
            bits: Default::default(),
            fixes: Default::default(),
            scores: Default::default(),
        }
    }

    /// [`SearchIndex::holding`].
    pub fn docs(&self, term: &str) -> Result<Rc<Vec<usize>>> {
        if let Some(d) = self.docs.borrow().get(term) {
            return Ok(d.clone());
        }
        let docs = Rc::new(self.index.holding(term)?);
        self.docs
            .borrow_mut()
            .insert(term.to_string(), docs.clone());
        Ok(docs)
    }

    /// [`SearchIndex::correction`].
    pub fn correction(&self, word: &str) -> Result<Option<String>> {
        if let Some(c) = self.fixes.borrow().get(word) {
            return Ok(c.clone());
        }
        let c = self.index.correction(word)?;
        self.fixes.borrow_mut().insert(word.to_string(), c.clone());
        Ok(c)
    }

    /// The documents holding every one of `terms`, in order.
    pub fn together(&self, terms: &[String]) -> Result<Vec<usize>> {
        let mut out: Option<Vec<usize>> = None;
        for t in terms {
            let docs = self.docs(t)?;
            out = Some(match out {
                None => docs.to_vec(),
                Some(o) => o
                    .into_iter()
                    .filter(|d| docs.binary_search(d).is_ok())
                    .collect(),
            });
        }
        Ok(out.unwrap_or_default())
    }

    /// [`SearchIndex::term_scores`].
    pub fn scores(&self, term: &str) -> Result<Rc<HashMap<usize, u32>>> {
        if let Some(s) = self.scores.borrow().get(term) {
            return Ok(s.clone());
        }
        let s = Rc::new(self.index.term_scores(term)?);
        self.scores.borrow_mut().insert(term.to_string(), s.clone());
        Ok(s)
    }

    /// `q`'s words ([`super::words`]): by its own words first; when some are not found, or not
    /// together in one plan ([`super::rank::wanting`]), again with the related terms and near
    /// matches.
    pub fn analyze(&self, q: &Query) -> Result<super::words::Analysis> {
        let text = super::tokenize::bounded(&q.text).0;
        let a = super::words::analyze(self, &self.index.dict, text, (q.typing, false))?;
        if super::rank::wanting(self, &a)? {
            return super::words::analyze(self, &self.index.dict_related, text, (q.typing, true));
        }
        Ok(a)
    }

    /// Analyses and ranks `q` ([`super::rank`]).
    pub fn run(&self, q: &Query, limit: usize) -> Result<(super::words::Analysis, Outcome)> {
        let a = self.analyze(q)?;
        let o = super::rank::rank(self, &a, q, limit)?;
        Ok((a, o))
    }

    /// The documents holding `term`, as a set of bits (bit `d % 64` of word `d / 64`).
    pub(crate) fn bits(&self, term: &str) -> Result<Rc<Vec<u64>>> {
        if let Some(b) = self.bits.borrow().get(term) {
            return Ok(b.clone());
        }
        let mut bits = vec![0u64; self.index.docs.len().div_ceil(64)];
        for &d in self.docs(term)?.iter() {
            bits[d / 64] |= 1 << (d % 64);
        }
        let bits = Rc::new(bits);
        self.bits
            .borrow_mut()
            .insert(term.to_string(), bits.clone());
        Ok(bits)
    }
}

/// Documents' places in [`SearchIndex::docs`] (the fast field `ord`), each segment's column
/// opened once: opening it for every hit was most of the time of a search finding thousands.
struct Ords<'a> {
    searcher: &'a tantivy::Searcher,
    columns: Vec<Option<tantivy::columnar::Column<u64>>>,
}

impl<'a> Ords<'a> {
    fn new(searcher: &'a tantivy::Searcher) -> Self {
        let columns = vec![None; searcher.segment_readers().len()];
        Ords { searcher, columns }
    }

    /// The place of the document at `addr`.
    fn of(&mut self, addr: tantivy::DocAddress) -> Result<usize> {
        let column = &mut self.columns[addr.segment_ord as usize];
        if column.is_none() {
            let seg = self.searcher.segment_reader(addr.segment_ord);
            *column = Some(seg.fast_fields().u64("ord").map_err(tantivy_err)?);
        }
        let column = column.as_ref().expect("opened above");
        Ok(column.first(addr.doc_id).unwrap_or_default() as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` plans of text drawn from a small alphabet (so that every character begins many
    /// bigrams, each held by many plans), each holding one common phrase.
    fn synthetic(n: usize) -> SearchIndex {
        let alphabet: Vec<char> = "計畫年度目標執行情形進度管考預算經費勞動工作安全職業保險退休資訊系統服務推動辦理完成提升"
            .chars()
            .collect();
        let mut seed = 0x9e3779b97f4a7c15u64;
        let docs = (0..n)
            .map(|i| {
                let body: String = (0..240)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                        alphabet[(seed >> 33) as usize % alphabet.len()]
                    })
                    .collect();
                SearchDoc {
                    url: format!("/plans/{i}/"),
                    title: format!("計畫{i}"),
                    agency: 0,
                    agency_name: "勞動部".into(),
                    year: 111,
                    year_label: "111年".into(),
                    body: format!("年度目標達成情形。{body}"),
                    flags: (i % 4) as u16,
                    quarters: 0,
                }
            })
            .collect();
        SearchIndex::build(Lang::Zh, docs, vec!["mol".into()]).unwrap()
    }

    #[test]
    fn a_long_query_of_slips_is_answered_quickly() {
        // an adversarial review: words every plan holds, then many two-character runs no plan
        // holds; each run offered six mended queries, each looked up anew (4.6 s at 10,000
        // records)
        let index = synthetic(1000);
        let typos: Vec<String> =
            "計畫年度目標執行情形進度管考預算經費勞動工作安全職業保險退休資訊系統"
                .chars()
                .map(|c| format!("{c}鑫"))
                .collect();
        let text = format!("年度 目標 達成 成情 情形 {}", typos.join(" "));
        let text: String = text
            .chars()
            .take(super::super::tokenize::MAX_QUERY_CHARS)
            .collect();
        let q = Query {
            text,
            ..Query::default()
        };
        let started = std::time::Instant::now();
        let answer = super::super::answer(&index, &q, 10).unwrap();
        let took = started.elapsed();
        assert!(!answer.missing.is_empty(), "{answer:?}");
        assert!(took < std::time::Duration::from_secs(3), "{took:?}");
    }

    #[test]
    fn lookups_shared_by_many_queries_answer_as_fresh_ones() {
        // suggestions ask many queries with one set of lookups: each as if asked alone
        let index = synthetic(300);
        let lookups = Lookups::new(&index);
        let queries = [
            "年度目標",
            "年度 鑫鑫",
            "計畫 執行 情形",
            "鑫",
            "計",
            "",
            "落後",
            "落後 年度",
            "年度 目標 達成 鑫 鑫勞",
            "勞動 保險 退休 資訊",
        ];
        for text in queries {
            for (year, status) in [
                (None, None),
                (Some(111), None),
                (Some(110), None),
                (None, Some("behind")),
                (None, Some("late")),
            ] {
                let q = Query {
                    text: text.into(),
                    filters: Filters {
                        year,
                        status: status.map(String::from),
                        ..Filters::default()
                    },
                    ..Query::default()
                };
                let (_, fresh) = index.run(&q, 10).unwrap();
                let (_, shared) = lookups.run(&q, 10).unwrap();
                assert_eq!(fresh, shared, "{text:?} {year:?} {status:?}");
            }
        }
    }
}
