//! The search beside the pages: each language's index, built and exported with the site, and
//! brought up to date (patched where it can be) when `serve` sees records change.

use super::documents::{agency_names, agency_slugs, doc, docs, order, synonyms};
use crate::error::Result;
use crate::model::urls::Urls;
use crate::model::{Lang, Site};
use crate::output::Sink;
use gongkai_search::{export, SearchDoc, SearchIndex};
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
        let urls = Urls::new(&site.config, lang);
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
