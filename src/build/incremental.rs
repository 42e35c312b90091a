//! Incremental rebuilds for `serve`: the pipeline's state is kept, and a change to plan records
//! re-renders the pages whose context is made of a changed record, by what each page kind
//! declares ([`PageKey::reads`], [`NavInputs`]: every page, when an agency's number of plans
//! changes), with the feeds, the sitemap when pages come or go, the open data of the years
//! concerned and the search files. Any other change (settings, agencies, pages, themes, a year
//! come or gone) rebuilds everything, and so does the first rebuild after a failed one:
//! whatever the failure left in memory, the site then reflects the files as they are on disk.
//!
//! A rebuild's files are staged together, then renamed into place while the server's lock is
//! held, or exchanged with the site as a whole where the output holds a link on their way (see
//! [`output::publish::Batch::publish_changes`]).

use super::{Prepared, Report};
use crate::content::schema::PlanFile;
use crate::content::{validate, yaml, Source};
use crate::error::{Error, Result};
use crate::model::urls::to_file;
use crate::model::{Lang, Site};
use crate::output::{self, guard, publish::Batch, Writer};
use crate::render::pages::{Changed, NavInputs, PageKey};
use crate::render::{self, Scope};
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
    publish: Arc<crate::output::PublishLock>,
    /// The last rebuild failed: the next one is full.
    dirty: bool,
    /// How every full rebuild runs (the base URL `serve` gives).
    options: super::Options,
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
        Session::start_with(root, output, output::fs_writer(), Arc::new(RwLock::new(0)))
    }

    /// [`Session::start`], writing files with `writer` and publishing each rebuild under
    /// `publish` (held for writing while files are renamed into place).
    pub fn start_with(
        root: &Path,
        output: &Path,
        writer: Writer,
        publish: Arc<crate::output::PublishLock>,
    ) -> Result<(Session, Report)> {
        Session::start_with_options(root, output, writer, publish, super::Options::default())
    }

    /// [`Session::start_with`], every full build run with `options`.
    pub fn start_with_options(
        root: &Path,
        output: &Path,
        writer: Writer,
        publish: Arc<crate::output::PublishLock>,
        options: super::Options,
    ) -> Result<(Session, Report)> {
        Session::start_showing(root, output, writer, publish, options, &super::Quiet)
    }

    /// [`Session::start_with_options`], the first build telling `progress` how far it is.
    pub fn start_showing(
        root: &Path,
        output: &Path,
        writer: Writer,
        publish: Arc<crate::output::PublishLock>,
        options: super::Options,
        progress: &dyn super::Progress,
    ) -> Result<(Session, Report)> {
        let root = guard::absolute(root).map_err(|e| Error::io(root, e))?;
        let output = guard::absolute(output).map_err(|e| Error::io(output, e))?;
        let (mut prepared, report) = super::build_keeping_with(
            &root,
            &output,
            writer.clone(),
            Some(&publish),
            &options,
            progress,
        )?;
        // make the patchable copy of the search index now (an update with nothing changed
        // writes nothing), so the first edit is as quick as the next ones
        let _lock = output::OutputLock::take(&output)?;
        let batch = Batch::begin(&output, writer.clone())?;
        prepared
            .search
            .update(&prepared.site, &BTreeSet::new(), &|rel, bytes| {
                batch.write(rel, bytes)
            })?;
        if batch.written() > 0 {
            batch.publish_changes(&[], Some(&publish))?;
        }
        Ok((
            Session {
                root,
                output,
                prepared,
                writer,
                publish,
                dirty: false,
                options,
            },
            report,
        ))
    }

    /// The tantivy index of `lang` for the site as last built.
    pub fn search_index(
        &mut self,
        lang: crate::model::Lang,
    ) -> Result<Option<Arc<crate::search::SearchIndex>>> {
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

    /// Re-renders what the changed plan records make stale; anything else changed, or a year
    /// come or gone, rebuilds in full.
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
        let (removed, mut noted) = self.reread(&changed)?;
        let ids = noted.ids();
        for id in &ids {
            self.prepared.cache.forget(id);
            self.prepared.open_data.pieces.forget(id);
        }
        let years: Vec<u32> = noted.years.iter().copied().collect();
        if patch_in_place(
            &mut self.prepared.site,
            &self.prepared.content.plans,
            &removed,
        ) {
            // the same plans in the same places: the same pages, lists and links
            let site = &self.prepared.site;
            let (keys, feeds) = stale(site, site, &mut noted);
            let scope = Scope::Pages {
                keys: &keys,
                sitemap: false,
                feeds,
            };
            return self.render_some(start, scope, &years, &ids, Vec::new());
        }
        let pages = self.prepared.theme.pages()?;
        let site = Site::build_with(&self.prepared.content, pages, self.options.drafts);
        if NavInputs::of(&site).years != NavInputs::of(&self.prepared.site).years {
            // a year came or went: its pages, open data and every menu
            return self.full(start);
        }
        let old = std::mem::replace(&mut self.prepared.site, site);
        let site = &self.prepared.site;
        let (keys, feeds) = stale(&old, site, &mut noted);
        let (gone, sitemap) = gone_pages(&old, site);
        let scope = Scope::Pages {
            keys: &keys,
            sitemap,
            feeds,
        };
        self.render_some(start, scope, &years, &ids, gone)
    }

    /// Re-reads the changed records in place and validates them against the others: the
    /// records removed from memory (as they were), and the records changed (before and
    /// after). On an error the records in memory are half-changed, and `update` rebuilds in
    /// full next time.
    fn reread(&mut self, changed: &[PathBuf]) -> Result<(Vec<Source<PlanFile>>, Changed)> {
        let plans = &mut self.prepared.content.plans;
        let mut removed: Vec<Source<PlanFile>> = Vec::new();
        let mut added: Vec<PathBuf> = Vec::new();
        let mut noted = Changed::default();
        let mut problems = Vec::new();
        for abs in changed {
            let rel = abs.strip_prefix(&self.root).unwrap_or(abs).to_path_buf();
            if let Some(pos) = plans.iter().position(|s| s.path == rel) {
                noted.note(&plans[pos].value);
                removed.push(plans.remove(pos));
            }
            if !abs.is_file() {
                continue;
            }
            // the same rules as a full load: inside the site, a regular file, size-limited
            let text =
                crate::content::read_text(&self.root, &rel).map_err(|d| Error::Invalid(vec![d]))?;
            match yaml::parse::<PlanFile>(&rel, &text) {
                Ok(value) => {
                    noted.note(&value);
                    added.push(rel.clone());
                    plans.push(Source::new(rel, text, value));
                }
                Err(d) => problems.push(d),
            }
        }
        plans.sort_by(|a, b| a.path.cmp(&b.path));
        let after: Vec<&PlanFile> = (plans.iter())
            .filter(|s| added.contains(&s.path))
            .map(|s| &s.value)
            .collect();
        let before: Vec<&PlanFile> = removed.iter().map(|s| &s.value).collect();
        noted.summed_years = summed_years(&before, &after);
        noted.relabeled = relabeled(&before, &after);
        if problems.is_empty() {
            // the other records were valid at the last build and have not changed
            let all = validate::validate_plans(&self.prepared.content, |s| added.contains(&s.path));
            let (warnings, errors): (Vec<_>, Vec<_>) = all.into_iter().partition(|d| d.warning);
            warnings.iter().for_each(crate::error::print_warning);
            problems.extend(errors);
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        Ok((removed, noted))
    }

    fn full(&mut self, start: Instant) -> Result<Rebuild> {
        let (prepared, report) = super::build_keeping(
            &self.root,
            &self.output,
            self.writer.clone(),
            Some(&self.publish),
            &self.options,
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
        let _lock = output::OutputLock::take(&self.output)?;
        let batch = Batch::begin(&self.output, self.writer.clone())?;
        // pages minified as a full build with the same options would
        let minify = (p.minify).then(|| output::minify::Pages::for_output(&self.output));
        let written = AtomicUsize::new(0);
        let sink = |rel: &str, bytes: &[u8]| {
            written.fetch_add(1, Ordering::Relaxed);
            match &minify {
                Some(pages) => batch.write(rel, &pages.file(rel, bytes)),
                None => batch.write(rel, bytes),
            }
        };
        let (_, extras) = super::extras(&p.theme, p.minify);
        // pages and search files are independent: build them side by side
        let (site, theme, tera, cache, search, data_sizes) = (
            &p.site,
            &p.theme,
            &p.tera,
            &p.cache,
            &mut p.search,
            &p.data_sizes,
        );
        let open_data = &p.open_data;
        let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
        let timings = render::Timings::default();
        let renderer = render::Renderer {
            site,
            theme,
            tera,
            extras: &extras,
            timings: &timings,
            cache,
            data_sizes,
        };
        let ((pages, pages_millis), (search_gone, search_millis)) = rayon::join(
            || {
                let t = Instant::now();
                let r = pages_and_open_data(&renderer, scope, years, open_data, &sink);
                (r, ms(t))
            },
            || {
                let t = Instant::now();
                (search.update(site, changed, &sink), ms(t))
            },
        );
        pages?;
        let search_gone = search_gone?;
        let gone: Vec<String> = (gone.into_iter().chain(search_gone))
            .chain(open_data_gone(&p.site, years))
            .collect();
        if let Some(pages) = &minify {
            sink(output::minify::CACHE, pages.cache_keeping(&gone).as_bytes())?;
        }
        let published = batch.publish_changes(&gone, Some(&self.publish))?;
        published
            .warnings
            .iter()
            .for_each(crate::error::print_warning);
        let removed = gone.len();
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

/// The pages of `scope` and the open data of `years`, side by side; the data page, which gives
/// the files' sizes, after them.
fn pages_and_open_data(
    r: &render::Renderer,
    scope: Scope,
    years: &[u32],
    open_data: &crate::opendata_pieces::Writing,
    sink: crate::output::Sink,
) -> Result<()> {
    let Scope::Pages {
        keys,
        sitemap,
        feeds,
    } = scope
    else {
        unreachable!("a rebuild renders some pages")
    };
    let (data_page, others): (Vec<PageKey>, Vec<PageKey>) =
        keys.iter().cloned().partition(|k| *k == PageKey::Data);
    let others = Scope::Pages {
        keys: &others,
        sitemap,
        feeds,
    };
    let (data, pages) = rayon::join(
        || crate::opendata_files::write(r.site, years, (r.data_sizes, open_data), sink),
        || render::render_site(r, others, sink),
    );
    data.and(pages)?;
    let data_page = Scope::Pages {
        keys: &data_page,
        sitemap: false,
        feeds: false,
    };
    render::render_site(r, data_page, sink)
}

/// The open-data files of those of `years` that `site` no longer has.
fn open_data_gone(site: &Site, years: &[u32]) -> Vec<String> {
    let gone = years
        .iter()
        .filter(|y| !site.years.iter().any(|(yy, _)| yy == *y));
    gone.flat_map(|year| {
        ["json", "csv", "ods"].map(|ext| {
            let file = crate::model::urls::data_file(*year, ext);
            file.trim_start_matches('/').to_string()
        })
    })
    .collect()
}

/// Puts the re-read records into `site` when each changed record kept its file, year, item,
/// id, agency and draft mark, so the site's shape (order, lists, links, counts, which plans
/// it has) is unchanged, and says so; returns `false`, touching nothing, when it did not
/// (then the site is built anew).
fn patch_in_place(
    site: &mut Site,
    plans: &[Source<PlanFile>],
    removed: &[Source<PlanFile>],
) -> bool {
    // a draft left out is in `plans` and not in `site`: then the lengths below differ
    let key = |r: &PlanFile| (r.year, r.item, r.id.clone(), r.agency.clone(), r.draft);
    let mut changes = Vec::new();
    for old in removed {
        // deleted
        let Ok(new) = plans.binary_search_by(|s| s.path.cmp(&old.path)) else {
            return false;
        };
        let Some(at) = site.plans.iter().position(|p| p.source == old.path) else {
            return false;
        };
        if key(&plans[new].value) != key(&old.value) {
            return false;
        }
        changes.push((at, new));
    }
    if plans.len() != site.plans.len() {
        return false; // added
    }
    for &(at, new) in &changes {
        site.plans[at].replace_record(plans[new].value.clone());
    }
    true
}

/// Completes `noted` (the records an edit changed) with what that changed in `site` against
/// `old`, and returns the pages it makes stale, by what each page declares it reads, and
/// whether the feeds are.
fn stale(old: &Site, site: &Site, noted: &mut Changed) -> (Vec<PageKey>, bool) {
    let years_of = |s: &Site, id: &str| -> Vec<u32> {
        let plans = s.plans.iter().map(|p| &p.record);
        plans.filter(|r| r.id == id).map(|r| r.year).collect()
    };
    noted.moved_ids = (noted.ids().into_iter())
        .filter(|id| years_of(old, id) != years_of(site, id))
        .collect();
    noted.nav = NavInputs::of(old) != NavInputs::of(site);
    let keys = PageKey::all(site)
        .into_iter()
        .filter(|k| k.stale(site, noted))
        .collect();
    // a feed shows its entries with the shared context: a record leaving it is in the old
    // entries only
    let feeds = noted.nav
        || render::feed_entries(old)
            .into_iter()
            .any(|i| noted.touches_plan(old, i))
        || render::feed_entries(site)
            .into_iter()
            .any(|i| noted.touches_plan(site, i));
    (keys, feeds)
}

/// The years where a record came or went or its facts, agency or draft mark changed (what a
/// year's summary is made of: see [`Changed::summed_years`]), from the records `before` and
/// `after` an edit.
fn summed_years(before: &[&PlanFile], after: &[&PlanFile]) -> BTreeSet<u32> {
    let key = |r: &PlanFile| (r.year, r.id.clone());
    let summed = |r: &PlanFile| (r.facts.clone(), r.agency.clone(), r.draft);
    let was: Vec<_> = before.iter().map(|r| (key(r), summed(r))).collect();
    let is: Vec<_> = after.iter().map(|r| (key(r), summed(r))).collect();
    let differs = |(k, v): &((u32, String), _), other: &[((u32, String), _)]| {
        !other.iter().any(|(k2, v2)| k2 == k && v2 == v)
    };
    (was.iter().filter(|x| differs(x, &is)))
        .chain(is.iter().filter(|x| differs(x, &was)))
        .map(|((year, _), _)| *year)
        .collect()
}

/// Whether, from the records `before` and `after` an edit, a record came or went or its name
/// or item changed (see [`Changed::relabeled`]).
fn relabeled(before: &[&PlanFile], after: &[&PlanFile]) -> bool {
    let labels = |rs: &[&PlanFile]| {
        let mut v: Vec<_> = (rs.iter())
            .map(|r| ((r.year, r.id.clone()), r.item, r.name.clone()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    labels(before) != labels(after)
}

/// The files of pages `old` had and `site` has not, and whether the sitemap changed.
fn gone_pages(old: &Site, site: &Site) -> (Vec<String>, bool) {
    // the same plans (year, id) means the same pages: no need to list every URL
    let same_plans = old
        .plans
        .iter()
        .map(|p| (p.record.year, &p.record.id))
        .eq(site.plans.iter().map(|p| (p.record.year, &p.record.id)));
    if same_plans {
        return (Vec::new(), false);
    }
    let urls = |s: &Site| -> BTreeSet<String> {
        let keys = PageKey::all(s);
        (Lang::ALL.iter())
            .flat_map(|l| keys.iter().map(|k| k.url(s, *l)).collect::<Vec<_>>())
            .collect()
    };
    let (before, after) = (urls(old), urls(site));
    let gone: Vec<String> = before.difference(&after).map(|u| to_file(u)).collect();
    (gone, before != after)
}
