//! The tantivy index over one language's documents, and tantivy's own searcher over it (for
//! `gongkai search`, `serve`'s `/api/search`, and as the reference the browser must match).
//!
//! The index is built in RAM in one pass, one document per plan in [`super::docs`] order;
//! each document carries its position in a fast field `ord`, so nothing depends on how
//! tantivy lays out segments.

use super::synonyms::Synonyms;
use super::tokenize::{query_with, GongkaiTokenizer};
use super::SearchDoc;
use crate::error::Msg;
use crate::error::{Error, Result};
use crate::model::Lang;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STRING,
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
    /// No document holds every term: these hold most of them (see [`partial_order`]).
    pub partial: bool,
    /// Indices of the query's slots that no document holds.
    pub missing: Vec<usize>,
}

/// A partial match must hold at least this share of a query's slots: half, rounded up.
pub fn partial_need(slots: usize) -> usize {
    slots.div_ceil(2)
}

/// How partial matches rank: the number of slots held, then the longest run of consecutive
/// slots held (for Han text, the longest piece of the query found whole), then the score,
/// then document order. Returns (held, run) for a document holding the slots `held`.
pub fn partial_order(held: &[bool]) -> (usize, usize) {
    let (mut run, mut best) = (0, 0);
    for &h in held {
        run = if h { run + 1 } else { 0 };
        best = best.max(run);
    }
    (held.iter().filter(|h| **h).count(), best)
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
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[head + 1..] == long[head + 1..]
            || head + 1 < short.len()
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
    pub(crate) reader: IndexReader,
    pub(crate) fields: Vec<(Field, f32)>,
    agency_field: Field,
    year_field: Field,
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
        let agency_field = schema.add_text_field("agency_slug", STRING);
        let year_field =
            schema.add_u64_field("year_value", NumericOptions::default().set_indexed());
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
                    agency_field => agency_slugs[d.agency].as_str(),
                    year_field => d.year as u64,
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
        Ok(SearchIndex {
            query_synonyms,
            agency_labels: Vec::new(),
            lang,
            docs,
            agency_slugs,
            synonyms,
            reader,
            fields,
            agency_field,
            year_field,
        })
    }

    /// This index with the agencies' names and pages, which agency results show.
    pub fn with_labels(mut self, labels: Vec<super::AgencyLabel>) -> Self {
        self.agency_labels = labels;
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

    /// The terms of a query: each slot is one query term, or the terms its prefix stands for.
    pub fn terms(&self, text: &str) -> Result<Vec<Vec<String>>> {
        Ok(self.terms_corrected(text)?.0)
    }

    /// [`Self::terms`], and the typos corrected: (word as typed, word searched). A word of
    /// [`TYPO_MIN_LETTERS`] letters or more that no document holds is searched as the indexed
    /// word one edit away that the most documents hold (see [`Self::correction`]).
    pub fn terms_corrected(&self, text: &str) -> Result<(Slots, Vec<Correction>)> {
        Lookups::new(self).terms_corrected(text)
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

    /// Whether some document holds `term`.
    pub(crate) fn holds(&self, term: &str) -> bool {
        let searcher = self.reader.searcher();
        self.fields.iter().any(|(f, _)| {
            searcher
                .doc_freq(&Term::from_field_text(*f, term))
                .is_ok_and(|n| n > 0)
        })
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

    /// The `limit` best documents for `q`, best first, and how many match in all.
    pub fn search(&self, q: &Query, limit: usize) -> Result<(usize, Vec<Hit>)> {
        let o = self.run(&self.terms(&q.text)?, q, limit)?;
        Ok((o.total, o.hits))
    }

    /// Answers `slots` (see [`Self::terms`]): the documents holding every slot when there is
    /// one anywhere (filters aside); else those holding at least [`partial_need`] of them,
    /// ranked by [`partial_order`].
    pub fn run(&self, slots: &[Vec<String>], q: &Query, limit: usize) -> Result<Outcome> {
        let named = super::status::named_mask(&q.text);
        if slots.is_empty() && named == 0 {
            return Ok(Outcome::default());
        }
        let held = SlotScores::of(self, slots)?;
        let missing = held.missing();
        let exact_somewhere = held.exact_somewhere();
        let filter = Filter::new(self, q);
        let partial = !exact_somewhere && slots.len() >= 2;
        let mut hits: Vec<Hit> = if exact_somewhere || slots.len() < 2 {
            if filter.status == 0 && named == 0 {
                let (total, hits) = self.search_slots(slots, q, limit)?;
                return Ok(Outcome {
                    total,
                    hits,
                    partial: false,
                    missing,
                });
            }
            if exact_somewhere {
                let (_, all) = self.search_slots(slots, q, self.docs.len())?;
                all.into_iter().filter(|h| filter.passes(h.doc)).collect()
            } else {
                Vec::new()
            }
        } else {
            held.rank_partial(&filter)
        };
        if named != 0 {
            hits = self.named_first(hits, named, &filter, &held);
        }
        let total = hits.len();
        hits.truncate(limit);
        Ok(Outcome {
            total,
            hits,
            partial,
            missing,
        })
    }

    /// The plans that have a status the query names come first, whether or not their text
    /// uses its words, by the score of the words they hold; the words alone would rank
    /// 「未有落後」 as high as a delay.
    fn named_first(
        &self,
        mut hits: Vec<Hit>,
        named: u8,
        filter: &Filter,
        held: &SlotScores,
    ) -> Vec<Hit> {
        let mut first: Vec<Hit> = (0..self.docs.len())
            .filter(|&d| self.docs[d].flags & named != 0 && filter.passes(d))
            .map(|d| Hit {
                doc: d,
                score: held.score_of(d),
            })
            .collect();
        first.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits.retain(|h| self.docs[h.doc].flags & named == 0);
        first.extend(hits);
        first
    }

    /// Every document holding one of `terms`, with the slot's score (as in the exact query).
    fn slot_scores(
        &self,
        searcher: &tantivy::Searcher,
        terms: &[String],
    ) -> Result<std::collections::HashMap<usize, f32>> {
        let mut out = std::collections::HashMap::new();
        if terms.is_empty() {
            return Ok(out);
        }
        let query = self.tantivy_query(&[terms.to_vec()]);
        let top = searcher
            .search(
                &query,
                &TopDocs::with_limit(self.docs.len().max(1)).order_by_score(),
            )
            .map_err(tantivy_err)?;
        let mut ords = Ords::new(searcher);
        out.reserve(top.len());
        for (score, addr) in top {
            out.insert(ords.of(addr)?, score);
        }
        Ok(out)
    }

    /// [`Self::search`] for the query's terms as [`Self::terms`] gave them (`q.text` is not
    /// read again).
    pub fn search_slots(
        &self,
        slots: &[Vec<String>],
        q: &Query,
        limit: usize,
    ) -> Result<(usize, Vec<Hit>)> {
        if slots.is_empty() || slots.iter().any(Vec::is_empty) {
            return Ok((0, Vec::new()));
        }
        let mut clauses: Vec<(Occur, Box<dyn tantivy::query::Query>)> = vec![(
            Occur::Must,
            Box::new(self.tantivy_query(slots)) as Box<dyn tantivy::query::Query>,
        )];
        // filters score nothing, so ranking is the same with or without them
        if let Some(slug) = &q.agency {
            let t = TermQuery::new(
                Term::from_field_text(self.agency_field, slug),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(t), 0.0)),
            ));
        }
        if let Some(year) = q.year {
            let t = TermQuery::new(
                Term::from_field_u64(self.year_field, year as u64),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(t), 0.0)),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let (top, count) = searcher
            .search(
                &query,
                &(TopDocs::with_limit(limit.max(1)).order_by_score(), Count),
            )
            .map_err(tantivy_err)?;
        let mut hits = Vec::with_capacity(top.len());
        let mut ords = Ords::new(&searcher);
        for (score, addr) in top {
            hits.push(Hit {
                doc: ords.of(addr)?,
                score,
            });
        }
        if limit == 0 {
            hits.clear();
        }
        Ok((count, hits))
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
}

impl<'a> Lookups<'a> {
    /// No lookup made yet.
    pub fn new(index: &'a SearchIndex) -> Self {
        Lookups {
            index,
            docs: Default::default(),
            bits: Default::default(),
            fixes: Default::default(),
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

    /// [`SearchIndex::terms_corrected`].
    pub fn terms_corrected(&self, text: &str) -> Result<(Slots, Vec<Correction>)> {
        let index = self.index;
        let mut fixed = Vec::new();
        let mut slots = Vec::new();
        for t in query_with(text, &index.query_synonyms) {
            let mut slot = if t.prefix {
                index.expand(&t.text)?
            } else if index.holds(&t.text) {
                vec![t.text.clone()]
            } else {
                Vec::new()
            };
            if slot.is_empty() {
                if let Some(c) = self.correction(&t.word)? {
                    slot = vec![super::tokenize::stem(&c).into_owned()];
                    fixed.push((t.word.clone(), c));
                } else if !t.prefix {
                    slot = vec![t.text];
                }
            }
            slots.push(slot);
        }
        Ok((slots, fixed))
    }

    /// The documents holding `term`, as a set of bits (bit `d % 64` of word `d / 64`).
    fn bits(&self, term: &str) -> Result<Rc<Vec<u64>>> {
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

    /// How many plans `slots` find under `q`'s filters, and whether only partly: the `total`
    /// and `partial` of [`SearchIndex::run`] (which this follows step by step), from sets of
    /// documents rather than a ranked search.
    pub fn count(&self, slots: &[Vec<String>], q: &Query) -> Result<(usize, bool)> {
        let named = super::status::named_mask(&q.text);
        if slots.is_empty() && named == 0 {
            return Ok((0, false));
        }
        // the documents holding every slot (each slot: any of its terms)
        let mut every = vec![!0u64; self.index.docs.len().div_ceil(64)];
        for slot in slots {
            let mut any = vec![0u64; every.len()];
            for t in slot {
                any.iter_mut()
                    .zip(self.bits(t)?.iter())
                    .for_each(|(a, b)| *a |= b);
            }
            every.iter_mut().zip(&any).for_each(|(e, a)| *e &= a);
        }
        if slots.is_empty() {
            every.fill(0);
        }
        if every.iter().all(|w| *w == 0) && slots.len() >= 2 {
            return Ok((0, true));
        }
        let filter = Filter::new(self.index, q);
        let found = (0..self.index.docs.len())
            .filter(|&d| every[d / 64] >> (d % 64) & 1 == 1 && filter.passes(d));
        if named == 0 {
            return Ok((found.count(), false));
        }
        let flags = |d: usize| self.index.docs[d].flags & named != 0;
        let first = (0..self.index.docs.len())
            .filter(|&d| flags(d) && filter.passes(d))
            .count();
        Ok((first + found.filter(|&d| !flags(d)).count(), false))
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

/// Per query slot, every document holding it and its score there.
struct SlotScores(Vec<std::collections::HashMap<usize, f32>>);

impl SlotScores {
    fn of(index: &SearchIndex, slots: &[Vec<String>]) -> Result<Self> {
        let searcher = index.reader.searcher();
        let maps = slots
            .iter()
            .map(|s| index.slot_scores(&searcher, s))
            .collect::<Result<_>>()?;
        Ok(SlotScores(maps))
    }

    /// The slots no document holds.
    fn missing(&self) -> Vec<usize> {
        (0..self.0.len())
            .filter(|&i| self.0[i].is_empty())
            .collect()
    }

    /// Whether some document holds every slot.
    fn exact_somewhere(&self) -> bool {
        let Some(smallest) = self.0.iter().min_by_key(|m| m.len()) else {
            return false;
        };
        smallest
            .keys()
            .any(|d| self.0.iter().all(|m| m.contains_key(d)))
    }

    /// A document's score, summed in slot order as the exact query adds its clauses.
    fn score_of(&self, d: usize) -> f32 {
        self.0
            .iter()
            .filter_map(|m| m.get(&d))
            .fold(0.0f32, |a, s| a + s)
    }

    /// The documents holding at least [`partial_need`] slots, by [`partial_order`], then score.
    fn rank_partial(&self, filter: &Filter) -> Vec<Hit> {
        let need = partial_need(self.0.len());
        let mut docs: Vec<usize> = self.0.iter().flat_map(|m| m.keys().copied()).collect();
        docs.sort_unstable();
        docs.dedup();
        let mut ranked: Vec<((usize, usize), f32, usize)> = Vec::new();
        for d in docs.into_iter().filter(|&d| filter.passes(d)) {
            let held: Vec<bool> = self.0.iter().map(|m| m.contains_key(&d)).collect();
            let order = partial_order(&held);
            if order.0 >= need {
                ranked.push((order, self.score_of(d), d));
            }
        }
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        ranked
            .into_iter()
            .map(|(_, score, doc)| Hit { doc, score })
            .collect()
    }
}

/// A query's agency, year and status filters over an index's documents.
struct Filter<'a> {
    docs: &'a [SearchDoc],
    /// The status filter's bit, 0 when none is set.
    status: u8,
    agency: Option<Option<usize>>,
    year: Option<u32>,
}

impl<'a> Filter<'a> {
    fn new(index: &'a SearchIndex, q: &Query) -> Self {
        let status = q
            .status
            .as_deref()
            .and_then(super::status::index_of)
            .map_or(0u8, |s| 1 << s);
        let agency = q
            .agency
            .as_ref()
            .map(|slug| index.agency_slugs.iter().position(|s| s == slug));
        Filter {
            docs: &index.docs,
            status,
            agency,
            year: q.year,
        }
    }

    fn passes(&self, d: usize) -> bool {
        let doc = &self.docs[d];
        !(self.agency.is_some_and(|a| a != Some(doc.agency))
            || self.year.is_some_and(|y| y != doc.year)
            || self.status != 0 && doc.flags & self.status == 0)
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
                    flags: (i % 4) as u8,
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
        assert_eq!(answer["partial"], true, "{answer}");
        assert!(took < std::time::Duration::from_secs(3), "{took:?}");
    }

    #[test]
    fn counting_agrees_with_searching() {
        // the suggestions' counts (`Lookups::count`) are `run`'s totals
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
                    year,
                    status: status.map(String::from),
                    ..Query::default()
                };
                let slots = index.terms(text).unwrap();
                let o = index.run(&slots, &q, 0).unwrap();
                let (total, partial) = lookups.count(&slots, &q).unwrap();
                assert_eq!(partial, o.partial, "{text:?} {year:?} {status:?}");
                if !partial {
                    assert_eq!(total, o.total, "{text:?} {year:?} {status:?}");
                }
            }
        }
    }
}
