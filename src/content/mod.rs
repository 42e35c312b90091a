//! Loading and validating `content/`: site settings, agencies, pages and plan records.
//! Nothing here knows about HTML; the output is checked data for [`crate::model`].

pub mod locate;
pub mod schema;
pub mod validate;
pub mod yaml;

use crate::error::{Diagnostic, Error, Result};
use rayon::prelude::*;
use schema::{AgenciesFile, PageFile, PlanFile, SiteFile};
use std::path::{Path, PathBuf};

/// A parsed file with where it came from, so later checks can point at a line.
#[derive(Debug, Clone)]
pub struct Source<T> {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// The parsed value.
    pub value: T,
}

impl<T> Source<T> {
    /// A diagnostic about `field` (a dotted path) in this file, with its line.
    pub fn problem(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        let line = locate::line_of(&self.text, &locate::parse_path(field));
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
    /// `content/search/synonyms.yaml`, when there is one.
    pub synonyms: Option<Source<crate::search::synonyms::SynonymsFile>>,
}

/// Reads and validates the content under `root/content`. Every problem in every file is
/// reported together.
pub fn load(root: &Path) -> Result<Content> {
    let dir = root.join("content");
    if !dir.is_dir() {
        return Err(Error::Other(format!(
            "{}: no content folder here",
            dir.display()
        )));
    }
    let mut problems = Vec::new();
    let site = read_one::<SiteFile>(root, "content/site.yaml", &mut problems);
    let agencies = read_one::<AgenciesFile>(root, "content/agencies.yaml", &mut problems);
    let pages = read_dir_yaml(root, &dir.join("pages"), 1, &mut problems)
        .into_iter()
        .filter_map(|p| {
            let slug = p.file_stem()?.to_string_lossy().into_owned();
            read_one::<PageFile>(root, &p, &mut problems).map(|s| (slug, s))
        })
        .collect::<Vec<_>>();
    // tens of thousands of small files: read and parsed on every core, kept in path order
    let read: Vec<std::result::Result<Source<PlanFile>, Diagnostic>> =
        read_dir_yaml(root, &dir.join("plans"), 2, &mut problems)
            .into_par_iter()
            .map(|p| read_source::<PlanFile>(root, &p))
            .collect();
    let mut plans = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(s) => plans.push(s),
            Err(d) => problems.push(d),
        }
    }
    let synonyms = crate::search::synonyms::read(root, &mut problems);
    let (Some(site), Some(agencies)) = (site, agencies) else {
        return Err(problems.into());
    };
    let content = Content {
        site,
        agencies,
        pages,
        plans,
        synonyms,
    };
    problems.extend(validate::validate(&content));
    if problems.is_empty() {
        Ok(content)
    } else {
        Err(problems.into())
    }
}

/// Reads one YAML file; a problem is recorded and `None` returned.
fn read_one<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: impl AsRef<Path>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Source<T>> {
    read_source(root, rel.as_ref())
        .map_err(|d| problems.push(d))
        .ok()
}

/// Reads and parses one YAML file.
fn read_source<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
) -> std::result::Result<Source<T>, Diagnostic> {
    let text = match std::fs::read(root.join(rel)) {
        Ok(bytes) => {
            String::from_utf8(bytes).map_err(|_| Diagnostic::new(rel, "file is not valid UTF-8"))?
        }
        Err(e) => return Err(Diagnostic::new(rel, format!("cannot read: {e}"))),
    };
    let value = yaml::parse::<T>(rel, &text)?;
    Ok(Source {
        path: rel.to_path_buf(),
        text,
        value,
    })
}

/// The `.yaml` files under `dir` at exactly `depth`, as root-relative paths in sorted order.
/// Anything else found there (a `.yml`, a stray file) is reported rather than ignored.
fn read_dir_yaml(
    root: &Path,
    dir: &Path,
    depth: usize,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::new(dir, format!("cannot list: {e}")));
                continue;
            }
        };
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || entry.file_type().is_dir() {
            continue;
        }
        if entry.depth() == depth && name.ends_with(".yaml") {
            out.push(rel);
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            problems.push(Diagnostic::new(
                rel,
                "not read: records belong in content/plans/<year>/<id>.yaml and pages in content/pages/<slug>.yaml",
            ));
        }
    }
    out
}
