//! Full-text search: the documents a site offers to search ([`docs`]), the tokenizer that
//! both the build and the browser use ([`tokenize`]), the tantivy index that ranks them
//! ([`index`]), its export to static files for the browser ([`export`]), snippets
//! ([`snippet`]) and what a query finding nothing is offered instead ([`suggest`]).

pub mod answer;
pub mod dict;
pub mod export;
pub mod fold;
pub mod index;
pub mod manifest;
pub mod phrases;
pub mod rank;
pub mod related;
pub mod snippet;
pub mod status;
pub mod stop;
pub mod suggest;
pub mod synonyms;
pub mod tokenize;
pub mod words;

use crate::model::{Lang, Site};
use crate::render::markdown;

pub use answer::{answer, Answer};
pub use index::{Hit, Query, SearchIndex};

use crate::error::Result;
use rayon::prelude::*;

/// The search side of a built site: each language's index, and a digest of every file the
/// export wrote (so a rebuild rewrites only the files that changed).
#[derive(Default)]
pub struct Published {
    langs: Vec<LangSearch>,
    /// Path → digest of the exported files.
    pub files: std::collections::BTreeMap<String, blake3::Hash>,
}

/// One language's search state.
struct LangSearch {
    /// The tantivy index, as of the last full indexing: shared with the searches under way
    /// (`serve` searches it without holding the session).
    index: std::sync::Arc<SearchIndex>,
    /// The documents as they are now, when they differ from `index.docs` (after edits).
    docs: Option<Vec<SearchDoc>>,
    /// Whether records changed since `index` was built (`mirror` holds the changes).
    stale: bool,
    /// The index as data, patched by record edits; made on the first edit.
    mirror: Option<export::Mirror>,
}

use crate::output::Sink;

/// Indexes and exports `site` for a build that keeps nothing: one language after the other,
/// each index freed once its files are written, so that a large site holds one language's
/// documents and index at a time (the pages, made beside, keep the other core busy).
pub fn write_files(site: &Site, write: Sink) -> Result<()> {
    for lang in Lang::ALL {
        LangSearch::indexed(site, lang, docs(site, lang), write, &Files::new())?;
    }
    Ok(())
}

impl Published {
    /// Indexes and exports `site` in both languages (in parallel), writing every file.
    pub fn build(site: &Site, write: Sink) -> Result<Published> {
        let done: Vec<Result<(LangSearch, Files)>> = Lang::ALL
            .par_iter()
            .map(|&lang| LangSearch::indexed(site, lang, docs(site, lang), write, &Files::new()))
            .collect();
        let mut out = Published::default();
        for r in done {
            let (ls, files) = r?;
            out.files.extend(files);
            out.langs.push(ls);
        }
        Ok(out)
    }

    /// Brings the search files up to date with `site` after records changed, handing each
    /// file whose bytes differ to `write`; returns the paths of files that are gone. When the
    /// records only changed in place (same plans, same order), the index is patched rather
    /// than rebuilt: tantivy's own index is then rebuilt only when `serve` is asked a query.
    /// `changed` names the plans (ids) whose records changed.
    pub fn update(
        &mut self,
        site: &Site,
        changed: &std::collections::BTreeSet<String>,
        write: Sink,
    ) -> Result<Vec<String>> {
        let before = std::mem::take(&mut self.files);
        let langs = std::mem::take(&mut self.langs);
        // the languages are independent: one core each
        let done: Vec<Result<(LangSearch, Files)>> = langs
            .into_par_iter()
            .map(|ls| ls.update(site, changed, write, &before))
            .collect();
        for r in done {
            let (ls, files) = r?;
            self.files.extend(files);
            self.langs.push(ls);
        }
        Ok(before
            .into_keys()
            .filter(|p| !self.files.contains_key(p))
            .collect())
    }

    /// The tantivy index of `lang`, brought up to date first if records changed: a new index
    /// then, the one handed out before staying whole for whoever still searches it.
    pub fn index(&mut self, lang: Lang) -> Result<Option<std::sync::Arc<SearchIndex>>> {
        let Some(ls) = self.langs.iter_mut().find(|l| l.index.lang == lang) else {
            return Ok(None);
        };
        if ls.stale {
            let docs = ls.docs.take().unwrap_or_default();
            let index = SearchIndex::build_with(
                lang,
                docs,
                ls.index.agency_slugs.clone(),
                ls.index.synonyms.clone(),
            )?
            .with_labels(ls.index.agency_labels.clone())
            .with_related(ls.index.related_source.clone());
            ls.index = std::sync::Arc::new(index);
            ls.stale = false;
        }
        Ok(Some(ls.index.clone()))
    }
}

/// Path → digest of exported files.
type Files = std::collections::BTreeMap<String, blake3::Hash>;

/// The digests of an export's files, writing those not already published with the same bytes
/// (`before`); files the export left out as unchanged keep their digest.
fn record(
    run: impl FnOnce(export::Out) -> Result<export::Export>,
    write: Sink,
    before: &Files,
) -> Result<Files> {
    let mut files = Files::new();
    let export = run(&mut |path, bytes| {
        // a term shard's name is its content's digest: the same name, the same bytes
        if export::content_addressed(&path) {
            if let Some(hash) = before.get(&path) {
                files.insert(path, *hash);
                return Ok(());
            }
        }
        let hash = blake3::hash(&bytes);
        if before.get(&path) != Some(&hash) {
            write(&path, &bytes)?;
        }
        files.insert(path, hash);
        Ok(())
    })?;
    for path in export.unchanged {
        if let Some(hash) = before.get(&path) {
            files.insert(path, *hash);
        }
    }
    Ok(files)
}

impl LangSearch {
    /// `docs` indexed with tantivy and exported in full.
    fn indexed(
        site: &Site,
        lang: Lang,
        docs: Vec<SearchDoc>,
        write: Sink,
        before: &Files,
    ) -> Result<(LangSearch, Files)> {
        let index = SearchIndex::build_with(lang, docs, agency_slugs(site), synonyms(site, lang))?
            .with_labels(agency_names(site, lang))
            .with_related(site.related.of(lang).clone());
        let names = agency_names(site, lang);
        let files = record(|out| export::export_to(&index, &names, out), write, before)?;
        let ls = LangSearch {
            index: std::sync::Arc::new(index),
            docs: None,
            stale: false,
            mirror: None,
        };
        Ok((ls, files))
    }

    /// The documents as they are now.
    fn current(&self) -> &[SearchDoc] {
        self.docs.as_deref().unwrap_or(&self.index.docs)
    }

    /// This language after records changed: patched when the plans are the same ones in the
    /// same order, else indexed again.
    fn update(
        mut self,
        site: &Site,
        changed: &std::collections::BTreeSet<String>,
        write: Sink,
        before: &Files,
    ) -> Result<(LangSearch, Files)> {
        let lang = self.index.lang;
        let urls = crate::model::urls::Urls::new(&site.config, lang);
        let order = order(site);
        let old = self.current();
        // synonyms or agency names changed: every text is analyzed anew
        let same_order = order.len() == old.len()
            && agency_slugs(site) == self.index.agency_slugs
            && synonyms(site, lang).groups == self.index.synonyms.groups
            && agency_names(site, lang) == self.index.agency_labels
            && *site.related.of(lang) == self.index.related_source
            && order.iter().zip(old).all(|(&i, d)| {
                let p = &site.plans[i].record;
                d.year == p.year && d.url == urls.plan(p.year, &p.id)
            });
        if !same_order {
            let docs = order
                .into_iter()
                .map(|i| doc(site, lang, &urls, i))
                .collect();
            return LangSearch::indexed(site, lang, docs, write, before);
        }
        if self.mirror.is_none() {
            self.mirror = Some(export::Mirror::read(&self.index)?);
        }
        // the same documents in the same places: replace the changed plans' in place
        let mut docs = match self.docs.take() {
            Some(d) => d,
            None => self.index.docs.clone(),
        };
        let mirror = self.mirror.as_mut().expect("made above");
        let mut edited = Vec::new();
        for (d, &i) in order.iter().enumerate() {
            if changed.contains(&site.plans[i].record.id) {
                let new = doc(site, lang, &urls, i);
                if new != docs[d] {
                    mirror.replace(d as u32, &docs[d], &new);
                    docs[d] = new;
                    edited.push(d);
                }
            }
        }
        let (index, names) = (&self.index, agency_names(site, lang));
        let files = record(
            |out| export::export_mirror_to(index, &docs, &edited, mirror, &names, out),
            write,
            before,
        )?;
        self.stale |= !edited.is_empty();
        self.docs = Some(docs);
        Ok((self, files))
    }
}

/// The synonyms of `lang`: the site's groups, and each agency's names with its short names.
pub fn synonyms(site: &Site, lang: Lang) -> std::sync::Arc<synonyms::Synonyms> {
    let agencies: Vec<Vec<String>> = site
        .agencies
        .iter()
        .map(|a| {
            let mut names = vec![lang.pick(&a.name).to_string()];
            names.extend(a.short_names.iter().cloned());
            names.push(lang.other().pick(&a.name).to_string());
            names
        })
        .collect();
    let mut ministry = vec![site.ministry.zh.as_str(), site.ministry.en.as_str()];
    // "the ministry" in a question means the publisher too: the English name's head noun
    // (Ministry of Labor → ministry) when it is one word before "of"
    if let Some((head, _)) = site.ministry.en.split_once(" of ") {
        if !head.trim().contains(' ') && !head.trim().is_empty() {
            ministry.push(head.trim());
        }
    }
    std::sync::Arc::new(
        synonyms::Synonyms::new(&site.synonyms, lang, &agencies).with_context(&ministry),
    )
}

/// The agencies' slugs, by agency index.
pub fn agency_slugs(site: &Site) -> Vec<String> {
    site.agencies.iter().map(|a| a.slug.clone()).collect()
}

/// An agency as search shows it: its name and page.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyLabel {
    /// The name in the index's language.
    pub name: String,
    /// The agency page's URL.
    pub url: String,
}

/// The agencies' names and pages in `lang`, by agency index.
pub fn agency_names(site: &Site, lang: Lang) -> Vec<AgencyLabel> {
    let urls = crate::model::urls::Urls::new(&site.config, lang);
    site.agencies
        .iter()
        .map(|a| AgencyLabel {
            name: lang.pick(&a.name).to_string(),
            url: urls.agency(&a.slug),
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
    /// The statuses the plan's facts have ([`status::flags`]).
    pub flags: u8,
    /// The quarters of its quarterly statuses ([`status::quarters`]).
    pub quarters: u16,
}

/// The site's plans in one language, ordered by agency (in display order), newest year first,
/// then item: so that an agency, and an agency's year, is a contiguous range of documents.
pub fn docs(site: &Site, lang: Lang) -> Vec<SearchDoc> {
    let urls = crate::model::urls::Urls::new(&site.config, lang);
    order(site)
        .into_iter()
        .map(|i| doc(site, lang, &urls, i))
        .collect()
}

/// Plan indices in search order (see [`docs`]).
fn order(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.plans.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let p = &site.plans[i];
            (
                p.agency,
                std::cmp::Reverse(p.record.year),
                p.record.item,
                &p.record.id,
            )
        };
        key(a).cmp(&key(b))
    });
    order
}

/// Plan `i` as a search document.
fn doc(site: &Site, lang: Lang, urls: &crate::model::urls::Urls, i: usize) -> SearchDoc {
    let p = &site.plans[i];
    let r = &p.record.review;
    let body = r
        .sections()
        .iter()
        .map(|(_, t)| markdown::to_text(lang.pick(t)))
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
        flags: status::flags(&p.record.facts),
        quarters: status::quarters(&p.record.facts),
    }
}

/// An unknown agency or year is a mistake to report, not an empty result.
pub fn check_filters(index: &SearchIndex, q: &Query) -> crate::error::Result<()> {
    if let Some(a) = &q.agency {
        if !index.agency_slugs.contains(a) {
            return Err(crate::error::Error::Usage(
                crate::content::suggest::unknown_agency(a, &index.agency_slugs),
            ));
        }
    }
    if let Some(s) = &q.status {
        if crate::search::status::index_of(s).is_none() {
            let keys: Vec<&str> = crate::search::status::STATUSES
                .iter()
                .map(|(k, _)| *k)
                .collect();
            let keys = keys.join(", ");
            return Err(crate::error::Error::Usage(crate::msg!(
                "unknown status {s:?}; the statuses are: {keys}",
                "沒有 {s:?} 這個狀態；可用的狀態有：{keys}"
            )));
        }
    }
    Ok(())
}
