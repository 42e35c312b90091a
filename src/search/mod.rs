//! Full-text search: the documents a site offers to search ([`docs`]), the tokenizer that
//! both the build and the browser use ([`tokenize`]), the tantivy index that ranks them
//! ([`index`]), its export to static files for the browser ([`export`]) and snippets
//! ([`snippet`]).

pub mod export;
pub mod index;
pub mod snippet;
pub mod tokenize;

use crate::model::{Lang, Site};
use crate::render::markdown;

pub use index::{Hit, Query, SearchIndex};

use crate::error::Result;
use rayon::prelude::*;

/// The search side of a built site: each language's index, and a digest of every file the
/// export wrote (so an incremental rebuild rewrites only the files that changed).
#[derive(Default)]
pub struct Published {
    /// One index per language, in [`Lang::ALL`] order.
    pub indexes: Vec<SearchIndex>,
    /// Path → digest of the exported files.
    pub files: std::collections::BTreeMap<String, blake3::Hash>,
}

impl Published {
    /// Indexes and exports `site`, handing each file whose bytes differ from `self`'s to
    /// `write`; returns the new state and the paths of files that are gone.
    pub fn update(
        &self,
        site: &Site,
        write: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
    ) -> Result<(Published, Vec<String>)> {
        let mut next = Published::default();
        for (index, export) in index_site(site)? {
            for (path, bytes) in export.files {
                let hash = blake3::hash(&bytes);
                if self.files.get(&path) != Some(&hash) {
                    write(&path, &bytes)?;
                }
                next.files.insert(path, hash);
            }
            next.indexes.push(index);
        }
        let gone = self
            .files
            .keys()
            .filter(|p| !next.files.contains_key(*p))
            .cloned()
            .collect();
        Ok((next, gone))
    }

    /// The index of `lang`.
    pub fn index(&self, lang: Lang) -> Option<&SearchIndex> {
        self.indexes.iter().find(|i| i.lang == lang)
    }
}

/// Indexes the site in both languages and exports each index: the indexes (for searching
/// from Rust) and their files. The languages are indexed in parallel.
pub fn index_site(site: &Site) -> Result<Vec<(SearchIndex, export::Export)>> {
    let slugs: Vec<String> = site.agencies.iter().map(|a| a.slug.clone()).collect();
    Lang::ALL
        .par_iter()
        .map(|&lang| {
            let index = SearchIndex::build(lang, docs(site, lang), slugs.clone())?;
            let names: Vec<String> = site
                .agencies
                .iter()
                .map(|a| lang.pick(&a.name).to_string())
                .collect();
            let files = export::export(&index, &names)?;
            Ok((index, files))
        })
        .collect()
}

/// One plan as search sees it, in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    /// The plan page's URL.
    pub url: String,
    /// The plan's name.
    pub title: String,
    /// Index of the agency in [`Site::agencies`].
    pub agency: usize,
    /// The agency's name in this language.
    pub agency_name: String,
    /// ROC year.
    pub year: u32,
    /// The year as this language writes it.
    pub year_label: String,
    /// The review's three sections as plain text, one paragraph a line.
    pub body: String,
}

/// The site's plans in one language, ordered by agency (in display order), newest year first,
/// then item: so that an agency, and an agency's year, is a contiguous range of documents.
pub fn docs(site: &Site, lang: Lang) -> Vec<SearchDoc> {
    let urls = crate::model::urls::Urls::new(&site.config, lang);
    let mut order: Vec<usize> = (0..site.plans.len()).collect();
    order.sort_by_key(|&i| {
        let p = &site.plans[i];
        (
            p.agency,
            std::cmp::Reverse(p.record.year),
            p.record.item,
            p.record.id.clone(),
        )
    });
    order
        .into_iter()
        .map(|i| {
            let p = &site.plans[i];
            let r = &p.record.review;
            let body = [&r.administration, &r.budget, &r.performance]
                .iter()
                .map(|t| markdown::to_text(lang.pick(t)))
                .collect::<Vec<_>>()
                .join("\n");
            SearchDoc {
                url: urls.plan(p.record.year, &p.record.id),
                title: lang.pick(&p.record.name).to_string(),
                agency: p.agency,
                agency_name: lang.pick(&site.agencies[p.agency].name).to_string(),
                year: p.record.year,
                year_label: lang.year_label(p.record.year),
                body,
            }
        })
        .collect()
}

/// The answer to `q` as JSON, for `gongkai search --json` and `serve`'s `/api/search`:
/// `{"query", "terms", "total", "results": [{"url", "title", "agency", "year", "score",
/// "snippet": [{"text", "mark"}]}]}`.
pub fn answer(index: &SearchIndex, q: &Query, limit: usize) -> Result<serde_json::Value> {
    let slots = index.terms(&q.text)?;
    let terms: Vec<String> = slots.iter().flatten().cloned().collect();
    let (total, hits) = index.search(q, limit)?;
    let results: Vec<_> = hits
        .iter()
        .map(|h| {
            let d = &index.docs[h.doc];
            serde_json::json!({
                "url": d.url,
                "title": d.title,
                "agency": index.agency_slugs[d.agency],
                "agency_name": d.agency_name,
                "year": d.year,
                "score": h.score,
                "snippet": snippet::snippet(&d.body, &terms),
            })
        })
        .collect();
    Ok(serde_json::json!({
        "query": q.text,
        "terms": terms,
        "agency": q.agency,
        "year": q.year,
        "total": total,
        "results": results,
    }))
}
