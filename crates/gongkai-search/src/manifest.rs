//! The contract between the build and the browser: the shape of every file of the static
//! search export ([`super::export`] writes them, `js/search.js` reads them). Each row is an
//! object with named keys, one or two letters where a row repeats (an agency, a shard, a
//! document), so that nothing is read by its position; the types derive both `Serialize` and
//! `Deserialize`, so tests read the files back through them.
//!
//! Two lists stay flat on purpose, as homogeneous lists of numbers rather than rows: a
//! term's postings ([`Postings`]), which are most of the export's bytes, and the quarters
//! file's delta-coded document lists.

use super::tokenize::{CodeRange, QuarterMarks};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The manifest's format; the client refuses another (`FORMAT` in `js/search.js`).
pub const FORMAT: u32 = 5;

/// The name of a small site's one term shard inside [`Manifest::inline`].
pub const INLINE_SHARD: &str = "s/inline.json";
/// The name of a small site's one document chunk inside [`Manifest::inline`].
pub const INLINE_CHUNK: &str = "d/0.json";

/// `index.json`: what the client reads before anything else. Every constant the client's
/// tokenizer and engine share with the build comes from here, so they have one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version ([`FORMAT`]).
    pub v: u32,
    /// Query limits.
    pub limits: Limits,
    /// Tokenizer and engine constants.
    pub tok: Tok,
    /// Simplified → Traditional pairs the index needs, as one string of pairs.
    pub fold: String,
    /// Synonym groups queries may use.
    pub syn: Vec<SynGroup>,
    /// Review findings, in bit order.
    pub status: Vec<StatusWords>,
    /// Stop words, each its units joined by a space ([`super::stop`]).
    pub stop: Vec<String>,
    /// Names every plan is about (the ministry's), likewise ([`super::synonyms::Synonyms`]).
    pub ctx: Vec<String>,
    /// Negations of status words ([`super::words::NEGATORS`]).
    pub neg: Vec<String>,
    /// The related terms' file (`r/<hash>.json`, a [`RelatedFile`]), fetched by a query whose
    /// own words are not all found; absent when there are none ([`super::related`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<String>,
    /// Each document's finding bits, one character each (48 + bits).
    pub flags: String,
    /// The quarters of the quarterly findings (`q/<hash>.json`): per bit of
    /// [`super::status::quarters`], the documents having it, delta-coded; fetched by a query
    /// naming a finding and a quarter; absent when no plan has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarters: Option<String>,
    /// Language code.
    pub lang: String,
    /// Generation: changes when the documents do.
    pub g: String,
    /// Documents.
    pub n: usize,
    /// Documents per chunk.
    pub k: usize,
    /// Score scale ([`super::export::SCORE_SCALE`]).
    pub scale: f32,
    /// The agencies and years of the documents (`agencies`, `agency_url`, `years`, `groups`).
    #[serde(flatten)]
    pub facets: Facets,
    /// Term shards, in term order.
    pub shards: Vec<ShardRef>,
    /// A small site's files, by the names [`ShardRef::f`] and the chunks use.
    pub inline: Inline,
}

/// How much of a query is read ([`super::tokenize::MAX_QUERY_CHARS`],
/// [`super::tokenize::MAX_QUERY_TERMS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Characters.
    pub chars: usize,
    /// Distinct terms.
    pub terms: usize,
}

/// The constants of the tokenizer and engine the client uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tok {
    /// The variant table, as one string of pairs ([`super::tokenize::VARIANTS`]).
    pub variants: String,
    /// [`super::tokenize::MAX_WORD_CHARS`].
    pub max_word: usize,
    /// The Han ranges ([`super::tokenize::HAN`]).
    pub han: Vec<CodeRange>,
    /// The combining marks dropped ([`super::tokenize::DROPPED`]).
    pub dropped: Vec<CodeRange>,
    /// How a quarter is written ([`super::tokenize::QUARTER`]).
    pub quarter: QuarterMarks,
    /// How a query may write a quarter in words ([`super::words::SpelledQuarters`]).
    pub spelled: super::words::SpelledQuarters,
    /// [`super::tokenize::THOUSANDS_GROUP`].
    pub thousands: usize,
    /// [`super::index::MAX_EXPANSIONS`].
    pub expansions: usize,
    /// [`super::snippet::WINDOW_CHARS`].
    pub window: usize,
    /// [`super::snippet::MAX_MATCHES`].
    pub matches: usize,
    /// [`super::index::TYPO_MIN_LETTERS`].
    pub typo_min: usize,
    /// [`super::words::NEGATION_REACH`].
    pub reach: usize,
    /// [`super::rank::SCORE_FLOOR`].
    pub floor: f64,
    /// [`super::rank::SPECIFIC_HAN`].
    pub specific_han: usize,
    /// [`super::rank::SPECIFIC_LETTERS`].
    pub specific_letters: usize,
    /// The suggestions' limits.
    pub suggest: SuggestLimits,
    /// [`super::status::QUARTERLY`].
    pub quarterly: usize,
}

impl Tok {
    /// The build's constants.
    pub fn new() -> Tok {
        use super::tokenize;
        Tok {
            variants: tokenize::VARIANTS
                .iter()
                .flat_map(|(a, b)| [*a, *b])
                .collect(),
            max_word: tokenize::MAX_WORD_CHARS,
            han: tokenize::HAN.to_vec(),
            dropped: tokenize::DROPPED.to_vec(),
            quarter: tokenize::QUARTER,
            spelled: super::words::SpelledQuarters::new(),
            thousands: tokenize::THOUSANDS_GROUP,
            expansions: super::index::MAX_EXPANSIONS,
            window: super::snippet::WINDOW_CHARS,
            matches: super::snippet::MAX_MATCHES,
            typo_min: super::index::TYPO_MIN_LETTERS,
            reach: super::words::NEGATION_REACH,
            floor: super::rank::SCORE_FLOOR,
            specific_han: super::rank::SPECIFIC_HAN,
            specific_letters: super::rank::SPECIFIC_LETTERS,
            suggest: SuggestLimits::new(),
            quarterly: super::status::QUARTERLY,
        }
    }
}

impl Default for Tok {
    fn default() -> Self {
        Tok::new()
    }
}

/// The suggestions' limits ([`super::suggest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestLimits {
    /// [`super::suggest::MAX_SUGGESTIONS`].
    pub max: usize,
    /// [`super::suggest::NEAR_PER_PLACE`].
    pub per_place: usize,
    /// [`super::suggest::NEAR_WORDS`].
    pub near_words: usize,
    /// [`super::suggest::NEAR_MIN_LETTERS`].
    pub near_min: usize,
    /// [`super::suggest::TWO_EDITS_LETTERS`].
    pub two_edits: usize,
}

impl SuggestLimits {
    /// The build's limits.
    pub fn new() -> SuggestLimits {
        use super::suggest::*;
        SuggestLimits {
            max: MAX_SUGGESTIONS,
            per_place: NEAR_PER_PLACE,
            near_words: NEAR_WORDS,
            near_min: NEAR_MIN_LETTERS,
            two_edits: TWO_EDITS_LETTERS,
        }
    }
}

impl Default for SuggestLimits {
    fn default() -> Self {
        SuggestLimits::new()
    }
}

/// A synonym group a query may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynGroup {
    /// The group's key, the term it is indexed as.
    #[serde(rename = "k")]
    pub key: String,
    /// Its members, each as its units.
    #[serde(rename = "m")]
    pub members: Vec<Vec<String>>,
}

/// A review finding as a query names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusWords {
    /// The finding's key (the `status` filter's value).
    #[serde(rename = "k")]
    pub key: String,
    /// The words naming it, each its units joined by a space.
    #[serde(rename = "w")]
    pub words: Vec<String>,
    /// The words naming its absence ([`super::status::Status::opposites`]), likewise.
    #[serde(rename = "o", default, skip_serializing_if = "Vec::is_empty")]
    pub opposites: Vec<String>,
}

/// The agencies and years documents belong to, which the filters offer and the results
/// name, and the runs of documents of each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// Agencies, in the order documents number them.
    pub agencies: Vec<Agency>,
    /// An agency's page, `{slug}` standing for its slug (unless its entry gives the page).
    pub agency_url: String,
    /// Years, newest first.
    pub years: Vec<Year>,
    /// Runs of documents of one agency and year, in document order, so filters are ranges.
    pub groups: Vec<Group>,
}

/// An agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    /// Its slug.
    #[serde(rename = "s")]
    pub slug: String,
    /// Its name in the manifest's language.
    #[serde(rename = "n")]
    pub name: String,
    /// The key of its synonym group (a query naming it holds the key as a term).
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Its page, when it is not [`Facets::agency_url`] with the slug put in.
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A year documents belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Year {
    /// The year (ROC).
    #[serde(rename = "y")]
    pub year: u32,
    /// Its label in the manifest's language.
    #[serde(rename = "l")]
    pub label: String,
}

/// A run of documents of one agency and year; each starts where the previous ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// The agency's index in [`Facets::agencies`].
    #[serde(rename = "a")]
    pub agency: usize,
    /// The year.
    #[serde(rename = "y")]
    pub year: u32,
    /// How many documents.
    #[serde(rename = "n")]
    pub count: usize,
}

/// A term shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardRef {
    /// Its first term.
    #[serde(rename = "t")]
    pub first: String,
    /// Its file, relative to the manifest.
    #[serde(rename = "f")]
    pub file: String,
}

/// A small site's index inside the manifest, so that one request answers a query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inline {
    /// The one term shard ([`INLINE_SHARD`]).
    #[serde(
        rename = "s/inline.json",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub shard: Option<Shard>,
    /// The one document chunk ([`INLINE_CHUNK`]).
    #[serde(rename = "d/0.json", default, skip_serializing_if = "Option::is_none")]
    pub chunk: Option<Chunk>,
}

/// A term shard's file: each term's postings, in term order.
pub type Shard = BTreeMap<String, Postings>;

/// A term's postings: as JSON one flat list, the document numbers delta-coded, then one
/// integer score per document ([`super::export::SCORE_SCALE`] × tantivy's BM25 weight).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    /// The documents, in order.
    pub docs: Vec<u32>,
    /// Each document's score.
    pub scores: Vec<u32>,
}

impl Serialize for Postings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut prev = 0;
        let deltas = self
            .docs
            .iter()
            .map(|&d| d - std::mem::replace(&mut prev, d));
        s.collect_seq(deltas.chain(self.scores.iter().copied()))
    }
}

impl<'de> Deserialize<'de> for Postings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let flat = Vec::<u32>::deserialize(d)?;
        if flat.len() % 2 != 0 {
            return Err(serde::de::Error::custom("postings of odd length"));
        }
        let (deltas, scores) = flat.split_at(flat.len() / 2);
        let mut at = 0;
        let docs = deltas.iter().map(|x| {
            at += x;
            at
        });
        Ok(Postings {
            docs: docs.collect(),
            scores: scores.to_vec(),
        })
    }
}

/// A document chunk's file (`d/<n>.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunk {
    /// The generation ([`Manifest::g`]), so a chunk cached from before is detected.
    pub g: String,
    /// The documents.
    pub d: Vec<Doc>,
}

/// A document as the client shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    /// Its page.
    #[serde(rename = "u")]
    pub url: String,
    /// Its title.
    #[serde(rename = "t")]
    pub title: String,
    /// Its agency's index in [`Facets::agencies`].
    #[serde(rename = "a")]
    pub agency: usize,
    /// Its year.
    #[serde(rename = "y")]
    pub year: u32,
    /// Its text, for the snippet.
    #[serde(rename = "b")]
    pub body: String,
}

/// The related terms' file (`r/<hash>.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedFile {
    /// The related terms ([`super::related`]).
    pub r: Vec<RelatedEntry>,
    /// The mainland phrases ([`super::phrases`]).
    pub p: Vec<PhraseEntry>,
    /// The fold pairs their characters need beyond the manifest's, as one string of pairs.
    pub f: String,
}

/// A lay word and the words the records use for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedEntry {
    /// The lay word's units, joined by a space.
    #[serde(rename = "w")]
    pub word: String,
    /// Its alternatives (the word itself first), each its slots of terms.
    #[serde(rename = "a")]
    pub alts: Vec<Vec<Vec<String>>>,
}

/// A mainland phrase and Taiwan's words for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhraseEntry {
    /// The mainland phrase's units, joined by a space.
    #[serde(rename = "m")]
    pub mainland: String,
    /// Taiwan's units, joined by a space.
    #[serde(rename = "t")]
    pub taiwan: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_one_flat_list_and_read_back() {
        let p = Postings {
            docs: vec![3, 4, 10],
            scores: vec![900, 12, 5],
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, "[3,1,6,900,12,5]");
        assert_eq!(serde_json::from_str::<Postings>(&json).unwrap(), p);
        assert!(serde_json::from_str::<Postings>("[1,2,3]").is_err());
    }

    #[test]
    fn rows_have_named_keys() {
        let a = Agency {
            slug: "bli".into(),
            name: "勞保局".into(),
            key: None,
            url: None,
        };
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"s":"bli","n":"勞保局"}"#
        );
        let inline = Inline::default();
        assert_eq!(serde_json::to_string(&inline).unwrap(), "{}");
    }
}
