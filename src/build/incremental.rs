//! Incremental rebuilds for `serve`: the pipeline's state is kept, and a change to plan records
//! re-renders only the pages that show them (the plans' pages in both languages, their agency
//! and year pages, the home, index and data pages, feeds, the sitemap when pages come or go, and
//! the open data of the years concerned). Any other change (settings, agencies, pages, themes)
//! rebuilds everything, and so does the first rebuild after a failed one: whatever the failure
//! left in memory, the site then reflects the files as they are on disk.
//!
//! A rebuild's files are published together (see [`output::pending`]): the folder never holds
//! half of one rebuild.

use super::{Prepared, Report};
use crate::content::schema::PlanFile;
use crate::content::{validate, yaml, Source};
use crate::error::{Error, Result};
use crate::model::urls::to_file;
use crate::model::{Lang, Site};
use crate::output::{self, guard, pending::Pending, Writer};
use crate::render::{self, pages::PageKey, Scope};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;

/// A built site and everything needed to rebuild part of it.
pub struct Session {
    /// Absolute, links resolved, as the watcher's paths are.
    root: PathBuf,
    output: PathBuf,
    prepared: Prepared,
    writer: Writer,
    /// Held for writing while a rebuild's files are put in place; readers of the output hold
    /// it for reading, so they never see half of a rebuild.
    publish: Arc<RwLock<()>>,
    /// The last rebuild failed: the next one is full.
    dirty: bool,
}

/// What a rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// Whether everything was rebuilt.
    pub full: bool,
    /// Files written.
    pub written: usize,
    /// Files removed.
    pub removed: usize,
    /// Wall time.
    pub millis: f64,
    /// Of which: rendering pages and open data, and (at the same time) updating search.
    pub pages_millis: f64,
    /// Updating the search files.
    pub search_millis: f64,
}

impl Session {
    /// A full build of `root` into `output`, kept for later rebuilds.
    pub fn start(root: &Path, output: &Path) -> Result<(Session, Report)> {
        Session::start_with(root, output, output::fs_writer(), Arc::new(RwLock::new(())))
    }

    /// [`Session::start`], writing files with `writer` and publishing each rebuild under
    /// `publish` (held for writing while files are renamed into place).
    pub fn start_with(
        root: &Path,
        output: &Path,
        writer: Writer,
        publish: Arc<RwLock<()>>,
    ) -> Result<(Session, Report)> {
        let root = guard::absolute(root).map_err(|e| Error::io(root, e))?;
        let output = guard::absolute(output).map_err(|e| Error::io(output, e))?;
        let (mut prepared, report) =
            super::build_keeping(&root, &output, writer.clone(), Some(&publish))?;
        // make the patchable copy of the search index now (an update with nothing changed
        // writes nothing), so the first edit is as quick as the next ones
        let batch = Pending::begin(&output, writer.clone())?;
        prepared
            .search
            .update(&prepared.site, &BTreeSet::new(), &|rel, bytes| {
                batch.write(rel, bytes)
            })?;
        {
            let _guard = publish.write().expect("publish lock");
            batch.publish()?;
        }
        Ok((
            Session {
                root,
                output,
                prepared,
                writer,
                publish,
                dirty: false,
            },
            report,
        ))
    }

    /// The tantivy index of `lang` for the site as last built.
    pub fn search_index(
        &mut self,
        lang: crate::model::Lang,
    ) -> Result<Option<&crate::search::SearchIndex>> {
        self.prepared.search.index(lang)
    }

    /// Rebuilds after `changed` files (paths from the watcher). On error the published site is
    /// left as it was, and the next rebuild is a full one.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Rebuild> {
        let start = Instant::now();
        let result = if self.dirty {
            self.full(start)
        } else {
            self.update_changed(changed, start)
        };
        self.dirty = result.is_err();
        result
    }

    fn update_changed(&mut self, changed: &[PathBuf], start: Instant) -> Result<Rebuild> {
        let changed: Vec<PathBuf> = changed
            .iter()
            .map(|p| guard::absolute(p).unwrap_or_else(|_| p.clone()))
            .collect();
        let plans_dir = self.root.join("content/plans");
        let only_plans = !changed.is_empty()
            && changed
                .iter()
                .all(|p| p.starts_with(&plans_dir) && p.extension().is_some_and(|e| e == "yaml"));
        if !only_plans {
            return self.full(start);
        }
        let theme_pages = self.prepared.theme.pages()?;
        // the changed records re-read in place; put back as they were if anything is wrong
        let plans = &mut self.prepared.content.plans;
        let mut removed: Vec<Source<PlanFile>> = Vec::new();
        let mut added: Vec<PathBuf> = Vec::new();
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mut years: BTreeSet<u32> = BTreeSet::new();
        let mut agencies: BTreeSet<String> = BTreeSet::new();
        let mut note = |r: &PlanFile| {
            ids.insert(r.id.clone());
            years.insert(r.year);
            agencies.insert(r.agency.clone());
        };
        let mut problems = Vec::new();
        let mut failed = None;
        for abs in &changed {
            let rel = abs.strip_prefix(&self.root).unwrap_or(abs).to_path_buf();
            if let Some(pos) = plans.iter().position(|s| s.path == rel) {
                note(&plans[pos].value);
                removed.push(plans.remove(pos));
            }
            if abs.is_file() {
                // the same rules as a full load: inside the site, a regular file, size-limited
                let text = match crate::content::read_text(&self.root, &rel) {
                    Ok(t) => t,
                    Err(d) => {
                        failed = Some(Error::Invalid(vec![d]));
                        break;
                    }
                };
                match yaml::parse::<PlanFile>(&rel, &text) {
                    Ok(value) => {
                        note(&value);
                        added.push(rel.clone());
                        plans.push(Source {
                            path: rel,
                            text,
                            value,
                        });
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
        plans.sort_by(|a, b| a.path.cmp(&b.path));
        if failed.is_none() && problems.is_empty() {
            // the other records were valid at the last build and have not changed
            problems.extend(validate::validate_plans(&self.prepared.content, |s| {
                added.contains(&s.path)
            }));
        }
        if failed.is_some() || !problems.is_empty() {
            // the records in memory are now half-changed: `update` rebuilds in full next time
            return Err(failed.unwrap_or_else(|| problems.into()));
        }
        for id in &ids {
            self.prepared.cache.forget(id);
        }
        if let Some(patched) = patch_in_place(
            &mut self.prepared.site,
            &self.prepared.content.plans,
            &removed,
        ) {
            // the same plans in the same places: their pages and lists keep their URLs, and
            // other years' pages of these plans link to them by year only, so they stay
            let site = &self.prepared.site;
            let mut keys = lists(site, &years, &agencies);
            keys.extend(patched.into_iter().map(PageKey::Plan));
            // the feeds list the same plans: rewritten only when one of them changed
            let feeds = render::feed_entries(site)
                .iter()
                .any(|&i| ids.contains(&site.plans[i].record.id));
            let years: Vec<u32> = years.into_iter().collect();
            let scope = Scope::Pages {
                keys: &keys,
                sitemap: false,
                feeds,
            };
            return self.render_some(start, scope, &years, &ids, Vec::new());
        }
        let site = Site::build(&self.prepared.content, theme_pages);
        let old = &self.prepared.site;
        let same_shape = site
            .years
            .iter()
            .map(|y| y.0)
            .eq(old.years.iter().map(|y| y.0));
        if !same_shape {
            // every page's navigation lists the years
            return self.full(start);
        }
        let mut keys = lists(&site, &years, &agencies);
        // every year's page of a changed plan: its links to the others may have changed
        keys.extend(
            (0..site.plans.len())
                .filter(|&i| ids.contains(&site.plans[i].record.id))
                .map(PageKey::Plan),
        );
        // pages of records that are gone
        let urls = |s: &Site| -> BTreeSet<String> {
            Lang::ALL
                .iter()
                .flat_map(|l| {
                    PageKey::all(s)
                        .into_iter()
                        .map(|k| k.url(s, *l))
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        // the same plans (year, id) means the same pages: no need to list every URL
        let same_plans = old
            .plans
            .iter()
            .map(|p| (p.record.year, &p.record.id))
            .eq(site.plans.iter().map(|p| (p.record.year, &p.record.id)));
        let (gone, sitemap) = if same_plans {
            (Vec::new(), false)
        } else {
            let (before, after) = (urls(old), urls(&site));
            let gone: Vec<String> = before.difference(&after).map(|u| to_file(u)).collect();
            (gone, before != after)
        };
        self.prepared.site = site;
        let years: Vec<u32> = years.into_iter().collect();
        let scope = Scope::Pages {
            keys: &keys,
            sitemap,
            feeds: true,
        };
        self.render_some(start, scope, &years, &ids, gone)
    }

    fn full(&mut self, start: Instant) -> Result<Rebuild> {
        let (prepared, report) = super::build_keeping(
            &self.root,
            &self.output,
            self.writer.clone(),
            Some(&self.publish),
        )?;
        self.prepared = prepared;
        Ok(Rebuild {
            full: true,
            written: report.files,
            removed: 0,
            millis: start.elapsed().as_secs_f64() * 1000.0,
            pages_millis: 0.0,
            search_millis: 0.0,
        })
    }

    fn render_some(
        &mut self,
        start: Instant,
        scope: Scope,
        years: &[u32],
        changed: &BTreeSet<String>,
        gone: Vec<String>,
    ) -> Result<Rebuild> {
        let p = &mut self.prepared;
        let batch = Pending::begin(&self.output, self.writer.clone())?;
        let written = AtomicUsize::new(0);
        let sink = |rel: &str, bytes: &[u8]| {
            written.fetch_add(1, Ordering::Relaxed);
            batch.write(rel, bytes)
        };
        let (_, extras) = super::extras(&p.theme);
        // pages and search files are independent: build them side by side
        let (site, theme, tera, cache, search) =
            (&p.site, &p.theme, &p.tera, &p.cache, &mut p.search);
        let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
        let ((pages, pages_millis), (search_gone, search_millis)) = rayon::join(
            || {
                let t = Instant::now();
                let (pages, data) = rayon::join(
                    || {
                        render::render_site(
                            site,
                            theme,
                            tera,
                            &extras,
                            &render::Timings::default(),
                            scope,
                            cache,
                            &sink,
                        )
                    },
                    || super::write_open_data_for(site, years, &sink),
                );
                let r = pages.and(data);
                (r, ms(t))
            },
            || {
                let t = Instant::now();
                (search.update(site, changed, &sink), ms(t))
            },
        );
        pages?;
        let search_gone = search_gone?;
        for rel in gone.iter().chain(&search_gone) {
            batch.remove(rel)?;
        }
        for year in years
            .iter()
            .filter(|y| !p.site.years.iter().any(|(yy, _)| yy == *y))
        {
            for ext in ["json", "csv", "ods"] {
                batch.remove(crate::model::urls::data_file(*year, ext).trim_start_matches('/'))?;
            }
        }
        {
            let _guard = self.publish.write().expect("publish lock");
            batch.publish()?;
        }
        let removed = gone.len() + search_gone.len();
        Ok(Rebuild {
            full: false,
            written: written.into_inner(),
            removed,
            millis: start.elapsed().as_secs_f64() * 1000.0,
            pages_millis,
            search_millis,
        })
    }
}

/// Puts the re-read records into `site` when each changed record kept its file, year, item,
/// id and agency, so the site's shape (order, lists, links) is unchanged, and returns the
/// patched plans (indices into `site.plans`); returns `None`, touching nothing, when it did
/// not (then the site is built anew).
fn patch_in_place(
    site: &mut Site,
    plans: &[Source<PlanFile>],
    removed: &[Source<PlanFile>],
) -> Option<Vec<usize>> {
    let key = |r: &PlanFile| (r.year, r.item, r.id.clone(), r.agency.clone());
    let mut changes = Vec::new();
    for old in removed {
        // deleted
        let new = plans.binary_search_by(|s| s.path.cmp(&old.path)).ok()?;
        let at = site.plans.iter().position(|p| p.source == old.path)?;
        if key(&plans[new].value) != key(&old.value) {
            return None;
        }
        changes.push((at, new));
    }
    if plans.len() != site.plans.len() {
        return None; // added
    }
    for &(at, new) in &changes {
        site.plans[at].record = plans[new].value.clone();
    }
    Some(changes.into_iter().map(|(at, _)| at).collect())
}

/// The pages listing or summing up changed plans (of `years`, run by `agencies`): home, the
/// index pages, and those years' and agencies' pages.
fn lists(site: &Site, years: &BTreeSet<u32>, agencies: &BTreeSet<String>) -> Vec<PageKey> {
    let mut keys = vec![
        PageKey::Home,
        PageKey::Agencies,
        PageKey::Data,
        PageKey::SitemapPage,
    ];
    let years: Vec<u32> = years
        .iter()
        .copied()
        .filter(|y| site.years.iter().any(|(yy, _)| yy == y))
        .collect();
    keys.extend(years.iter().map(|y| PageKey::Year(*y)));
    keys.extend(PageKey::findings(years));
    keys.extend(
        site.agencies
            .iter()
            .enumerate()
            .filter(|(_, a)| agencies.contains(&a.slug))
            .map(|(i, _)| PageKey::Agency(i)),
    );
    keys
}
