//! Loading and validating `content/`: site settings, agencies, pages and plan records.
//! Nothing here knows about HTML; the output is checked data for [`crate::model`].

pub mod agree;
pub mod feedback;
pub mod files;
pub mod json_schema;
pub mod locate;
pub mod reasons;
pub mod suggest;
pub mod validate;
pub mod yaml;
pub mod yaml_guard;
pub mod yaml_hints;
pub mod yaml_words;

/// The records' shape, the names serde gives it, the flags facts raise and the rules editors
/// are told: the layer below ([`gongkai_core::content`]), re-exported where they always were.
pub use gongkai_core::content::{flags, names, rules, schema};

use crate::error::{Diagnostic, Error, Msg, Result};
use gongkai_search as search;
use rayon::prelude::*;
use schema::{AgenciesFile, PageFile, PlanFile, RelatedFile, SiteFile, SynonymsFile, YearFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A parsed file with where it came from, so later checks can point at a line.
#[derive(Debug, Clone)]
pub struct Source<T> {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The file's text, or where to read it again.
    text: SourceText,
    /// The parsed value.
    pub value: T,
}

/// A source's text, which only problems read (for their line numbers).
#[derive(Debug, Clone)]
enum SourceText {
    /// Kept: a settings file (small), or a record `serve` read again after an edit.
    Held(String),
    /// Let go once parsed (a plan record: at 100,000 plans the texts would double the
    /// memory a build holds): read again, by the same rules, from the site folder (`root`,
    /// and its canonical path) should a problem need it.
    Dropped { root: Arc<Path>, canon: Arc<Path> },
}

impl<T> Source<T> {
    /// `value`, parsed from `text` of the file at `path` (relative to the site root).
    pub fn new(path: PathBuf, text: String, value: T) -> Self {
        Source {
            path,
            text: SourceText::Held(text),
            value,
        }
    }

    /// This source without its text, which a problem reads again from under `root`
    /// (canonically `canon`).
    pub fn dropping_text(self, root: Arc<Path>, canon: Arc<Path>) -> Self {
        Source {
            text: SourceText::Dropped { root, canon },
            ..self
        }
    }

    /// A diagnostic about `field` (a dotted path) in this file, with its line.
    pub fn problem(&self, field: &str, message: impl Into<crate::error::Msg>) -> Diagnostic {
        let step = locate::parse_path(field);
        let line = match &self.text {
            SourceText::Held(text) => locate::line_of(text, &step),
            SourceText::Dropped { root, canon } => files::read_yaml_text(root, canon, &self.path)
                .ok()
                .and_then(|text| locate::line_of(&text, &step)),
        };
        Diagnostic::new(&self.path, message).at(line).field(field)
    }
}

/// Everything under `content/`, parsed and validated.
#[derive(Debug, Clone)]
pub struct Content {
    /// `content/site.yaml`.
    pub site: Source<SiteFile>,
    /// `content/agencies.yaml`.
    pub agencies: Source<AgenciesFile>,
    /// `content/pages/*.yaml`, by slug (file stem), sorted.
    pub pages: Vec<(String, Source<PageFile>)>,
    /// `content/plans/<year>/*.yaml`, sorted by path.
    pub plans: Vec<Source<PlanFile>>,
    /// `content/years/<year>.yaml`, sorted by path: each year's source document.
    pub years: Vec<Source<YearFile>>,
    /// `content/search/synonyms.yaml`, when there is one.
    pub synonyms: Option<Source<schema::SynonymsFile>>,
    /// `content/search/related.yaml`, when there is one.
    pub related: Option<Source<schema::RelatedFile>>,
    /// What is still to do but does not stop a build (an English text not yet written).
    pub warnings: Vec<Diagnostic>,
}

/// Reads and validates the content under `root/content`. Every problem in every file is
/// reported together.
pub fn load(root: &Path) -> Result<Content> {
    let dir = root.join("content");
    if !dir.is_dir() {
        let dir = dir.display();
        return Err(Error::Usage(crate::msg!(
            "{dir}: no content folder here; run gongkai in the site's folder, or give it with --root",
            "{dir}：這裡沒有 content 資料夾；請在網站資料夾中執行 gongkai，或以 --root 指定網站資料夾"
        )));
    }
    let canon = files::canonical_root(root).map_err(|d| Error::Invalid(vec![d]))?;
    let canon = canon.as_path();
    let mut problems = Vec::new();
    let site = read_one::<SiteFile>(root, canon, "content/site.yaml", &mut problems);
    let agencies = read_one::<AgenciesFile>(root, canon, "content/agencies.yaml", &mut problems);
    let pages = read_dir_yaml(root, canon, &dir.join("pages"), 1, &mut problems)
        .into_iter()
        .filter_map(|p| {
            let slug = p.file_stem()?.to_string_lossy().into_owned();
            read_one::<PageFile>(root, canon, &p, &mut problems).map(|s| (slug, s))
        })
        .collect::<Vec<_>>();
    let years = read_dir_yaml(root, canon, &dir.join("years"), 1, &mut problems)
        .into_iter()
        .filter_map(|p| read_one::<YearFile>(root, canon, &p, &mut problems))
        .collect::<Vec<_>>();
    // tens of thousands of small files: read and parsed by the readers ([`READERS`]), kept in
    // path order, each text let go once parsed
    let (root_arc, canon_arc): (Arc<Path>, Arc<Path>) = (root.into(), canon.into());
    let paths = read_dir_yaml(root, canon, &dir.join("plans"), 2, &mut problems);
    let read_all = || -> Vec<std::result::Result<Source<PlanFile>, Diagnostic>> {
        paths
            .into_par_iter()
            .map(|p| {
                read_source::<PlanFile>(root, canon, &p)
                    .map(|s| s.dropping_text(root_arc.clone(), canon_arc.clone()))
            })
            .collect()
    };
    let read = match readers() {
        Some(pool) => pool.install(read_all),
        None => read_all(),
    };
    let mut plans = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(s) => plans.push(s),
            Err(d) => problems.push(d),
        }
    }
    let (synonyms, related) = search_files(root, canon, &mut problems);
    let (Some(site), Some(agencies)) = (site, agencies) else {
        return Err(problems.into());
    };
    let content = Content {
        site,
        agencies,
        pages,
        plans,
        years,
        synonyms,
        related,
        warnings: Vec::new(),
    };
    let warnings = keep_warnings(validate::validate(&content), &mut problems);
    if problems.is_empty() {
        Ok(Content {
            warnings,
            ..content
        })
    } else {
        Err(problems.into())
    }
}

/// The search's optional files (synonyms, related terms), each read (by the same rules as
/// every file) and checked only when something is there.
#[allow(clippy::type_complexity)]
fn search_files(
    root: &Path,
    canon: &Path,
    problems: &mut Vec<Diagnostic>,
) -> (
    Option<Source<schema::SynonymsFile>>,
    Option<Source<schema::RelatedFile>>,
) {
    let there = |rel: &str| root.join(rel).symlink_metadata().is_ok();
    let synonyms = there(SynonymsFile::PATH)
        .then(|| read_one(root, canon, SynonymsFile::PATH, problems))
        .flatten()
        .inspect(|s| {
            problems.extend(search::synonyms::validate(&s.value, &|f, m| {
                s.problem(f, m)
            }))
        });
    let related = there(RelatedFile::PATH)
        .then(|| read_one(root, canon, RelatedFile::PATH, problems))
        .flatten()
        .inspect(|s| problems.extend(search::related::validate(&s.value, &|f, m| s.problem(f, m))));
    (synonyms, related)
}

/// Puts the errors of `found` with `problems` and returns its warnings, sorted, each once.
fn keep_warnings(found: Vec<Diagnostic>, problems: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    let (mut warnings, errors): (Vec<_>, Vec<_>) = found.into_iter().partition(|d| d.warning);
    problems.extend(errors);
    warnings.sort();
    warnings.dedup();
    warnings
}

/// Threads reading records, more than cores: a record not in the page cache costs a few reads
/// of the disk, each waited for, so with one reader a core the disk is idle most of the time.
/// 100,000 records on this project's 2-core machine: 25 s from disk with two readers, 15 s
/// with four, 9 s with eight, 11–15 s with 16 or 32; 8 s from the page cache with any.
/// Parsing is work for the cores, which the readers share.
const READERS: usize = 8;

/// The pool of [`READERS`], or none if the system refuses threads (the records are then read
/// on the cores' pool).
fn readers() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(READERS)
        .thread_name(|i| format!("reader-{i}"))
        .build()
        .ok()
}

/// Reads one YAML file; a problem is recorded and `None` returned.
fn read_one<T: serde::de::DeserializeOwned>(
    root: &Path,
    canon: &Path,
    rel: impl AsRef<Path>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Source<T>> {
    read_source(root, canon, rel.as_ref())
        .map_err(|d| problems.push(d))
        .ok()
}

/// Reads `root/rel` (a path relative to the site root) as text, by the rules of [`files`]:
/// inside the site folder, a regular file, within the YAML size limit, UTF-8.
pub fn read_text(root: &Path, rel: &Path) -> std::result::Result<String, Diagnostic> {
    files::read_yaml_text(root, &files::canonical_root(root)?, rel)
}

/// Reads and parses one YAML file.
fn read_source<T: serde::de::DeserializeOwned>(
    root: &Path,
    canon: &Path,
    rel: &Path,
) -> std::result::Result<Source<T>, Diagnostic> {
    let text = files::read_yaml_text(root, canon, rel)?;
    let value = yaml::parse::<T>(rel, &text)?;
    Ok(Source::new(rel.to_path_buf(), text, value))
}

/// The `.yaml` files under `dir` at exactly `depth`, as root-relative paths in sorted order.
/// Anything else found there (a `.yml`, a stray file) is reported rather than ignored, and so
/// is a link leading out of the site folder ([`files::walk`]).
fn read_dir_yaml(
    root: &Path,
    canon: &Path,
    dir: &Path,
    depth: usize,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (rel, at) in files::walk(root, canon, dir, true, problems) {
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if at == depth && name.ends_with(".yaml") {
            out.push(rel);
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            problems.push(Diagnostic::new(
                rel,
                Msg::new(
                    "not read: records belong in content/plans/<year>/<id>.yaml, pages in content/pages/<slug>.yaml and year records in content/years/<year>.yaml",
                    "不予讀取：計畫紀錄應放在 content/plans/<年度>/<id>.yaml，頁面放在 content/pages/<slug>.yaml，年度紀錄放在 content/years/<年度>.yaml",
                ),
            ));
        }
    }
    out
}
