//! The answer to a query, as `gongkai search --json` prints it and `serve`'s `/api/search`
//! returns it; `gongkai search` prints its text from the same struct.

use super::index::{Filters, Query, SearchIndex};
use super::snippet::Piece;
use super::suggest::Suggestion;
use super::{snippet, status, suggest, tokenize, AgencyLabel};
use crate::error::Result;
use serde::{Deserialize, Serialize};

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The query as read: cut to the limits of [`tokenize::bounded`].
    pub query: String,
    /// The terms searched (the snippets mark them).
    pub terms: Vec<String>,
    /// The filters (`agency`, `year`, `status`).
    #[serde(flatten)]
    pub filters: Filters,
    /// The review findings the query names ([`status::STATUSES`] keys).
    pub statuses: Vec<String>,
    /// The review findings the query names after a negation.
    pub negated: Vec<String>,
    /// How many plans it found.
    pub total: usize,
    /// Whether no plan holds every word (the results hold most of them).
    pub partial: bool,
    /// The query's words no plan holds, as typed.
    pub missing: Vec<String>,
    /// Whether the query was cut to the limits ([`tokenize::over_limits`]).
    pub limited: bool,
    /// Typos searched as another word (did you mean).
    pub corrections: Vec<Correction>,
    /// The agencies the query names, shown above the plans.
    pub agencies: Vec<NamedAgency>,
    /// The queries offered when nothing, or only part, was found ([`suggest`]).
    pub suggestions: Vec<Suggestion>,
    /// The plans found, best first, at most the limit asked.
    pub results: Vec<Found>,
}

/// A word of the query searched as another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The word as typed.
    pub typed: String,
    /// The word searched instead.
    pub searched: String,
}

/// An agency a query names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedAgency {
    /// Its slug.
    pub slug: String,
    /// Its name in the index's language and its page (`name`, `url`); both left out of an
    /// index built without the agencies' labels (a site's index has them).
    #[serde(flatten)]
    pub label: Option<AgencyLabel>,
    /// Its number of plans.
    pub plans: usize,
}

/// A plan found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    /// Its page.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its agency's slug.
    pub agency: String,
    /// Its agency's name.
    pub agency_name: String,
    /// Its agency's page.
    pub agency_url: Option<String>,
    /// Its year.
    pub year: u32,
    /// tantivy's score.
    pub score: f32,
    /// Its text around the matches, the matches marked.
    pub snippet: Vec<Piece>,
}

/// The answer to `q`, at most `limit` results, for `gongkai search` and `serve`'s
/// `/api/search`.
pub fn answer(index: &SearchIndex, q: &Query, limit: usize) -> Result<Answer> {
    let (analysis, outcome) = index.run(q, limit)?;
    let mut terms: Vec<String> = Vec::new();
    for t in analysis.words.iter().flat_map(|w| w.terms()) {
        if !terms.contains(t) {
            terms.push(t.clone());
        }
    }
    let own: Vec<String> = (analysis.words.iter())
        .flat_map(|w| w.own_terms())
        .cloned()
        .collect();
    let suggestions = suggest::suggest(index, q, &outcome)?;
    let corrections = analysis.corrections.iter().cloned();
    let keys = |mask| status::keys(mask).into_iter().map(String::from).collect();
    Ok(Answer {
        query: tokenize::bounded(&q.text).0.to_string(),
        agencies: named_agencies(index, &own),
        results: outcome
            .hits
            .iter()
            .map(|h| found(index, h, &terms))
            .collect(),
        terms,
        filters: q.filters.clone(),
        statuses: keys(analysis.named),
        negated: keys(analysis.negated),
        total: outcome.total,
        partial: outcome.partial,
        missing: outcome.missing,
        limited: tokenize::over_limits(&q.text),
        corrections: corrections
            .map(|(typed, searched)| Correction { typed, searched })
            .collect(),
        suggestions,
    })
}

/// The agencies `terms` name, with their number of plans.
fn named_agencies(index: &SearchIndex, terms: &[String]) -> Vec<NamedAgency> {
    let named = index.named_agencies(terms).into_iter();
    named
        .map(|a| NamedAgency {
            slug: index.agency_slugs[a].clone(),
            label: index.agency_labels.get(a).cloned(),
            plans: index.docs.iter().filter(|d| d.agency == a).count(),
        })
        .collect()
}

/// A hit as the answer lists it, its snippet marking `terms`.
fn found(index: &SearchIndex, h: &super::Hit, terms: &[String]) -> Found {
    let d = &index.docs[h.doc];
    Found {
        url: d.url.clone(),
        title: d.title.clone(),
        agency: index.agency_slugs[d.agency].clone(),
        agency_name: d.agency_name.clone(),
        agency_url: index.agency_labels.get(d.agency).map(|l| l.url.clone()),
        year: d.year,
        score: h.score,
        snippet: snippet::snippet(&d.body, terms, &index.synonyms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_agency_with_its_label_is_one_flat_object_and_reads_back() {
        let a = NamedAgency {
            slug: "bli".into(),
            label: Some(AgencyLabel {
                name: "勞工保險局".into(),
                url: "/agencies/bli/".into(),
            }),
            plans: 1,
        };
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(
            json,
            r#"{"slug":"bli","name":"勞工保險局","url":"/agencies/bli/","plans":1}"#
        );
        assert_eq!(serde_json::from_str::<NamedAgency>(&json).unwrap(), a);
    }
}
