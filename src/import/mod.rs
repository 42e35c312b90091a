//! Importing the ministry's review table (text extracted from the published PDF) into plan
//! records, and writing those records as YAML for staff to review, translate and commit.
//!
//! The input is the table as tab-separated text, one row per line, four cells:
//! 項次 (item), 主辦機關 (agency), 計畫名稱 (plan name), 複核結果 (review, as `<p>` paragraphs).
//! See [`parse_table`] for the rules. Nothing in the text is corrected: the importer only undoes
//! what PDF extraction did (repeated header rows, rows split at page breaks, wrap spaces).

pub mod history;
pub mod merge;
mod table;
mod yaml;

use std::fmt;

use crate::error::{Msg, UiLang};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::schema::PlanFile;
use crate::content::validate::is_slug;

pub use crate::error::ImportError;
pub use crate::reader::{read, read_review, Reading, NO_SPECIAL_PERFORMANCE};
pub use history::new_plan_id;
pub use merge::{reconcile, Existing, Expect, Options, Reconciled, Site, Summary, ToWrite};
pub use table::parse_table;
pub use yaml::{scalar as yaml_scalar, to_yaml};

/// The result of [`parse_table`]: the records found and everything that needs a person.
///
/// A record is produced for every item even when it has problems (fields that could not be
/// determined are empty, `budget_execution` quarters are 0); callers should refuse to write
/// records while `problems` is not empty.
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    /// One record per item, in table order.
    pub records: Vec<PlanFile>,
    /// Problems, sorted by line.
    pub problems: Vec<ImportProblem>,
}

/// Something in the input that the importer could not handle by the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// 1-based line in the input.
    pub line: usize,
    /// What is wrong, naming the item where there is one.
    pub message: Msg,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match UiLang::current() {
            UiLang::En => write!(f, "line {}: {}", self.line, self.message.en),
            UiLang::Zh => write!(f, "第 {} 行：{}", self.line, self.message.zh),
        }
    }
}

/// Write each record to `<out_dir>/<id>.yaml` (creating `out_dir`), all or nothing: without
/// `force` no target may exist, with it any regular file is replaced. See [`write_all`].
pub fn write_records(
    records: &[PlanFile],
    out_dir: &Path,
    force: bool,
) -> Result<Vec<PathBuf>, ImportError> {
    let expect = if force { Expect::Any } else { Expect::Absent };
    let writes: Vec<ToWrite> = records
        .iter()
        .map(|r| ToWrite {
            record: r.clone(),
            expect: expect.clone(),
        })
        .collect();
    write_all(&writes, out_dir, None)
}

/// Whether the file at `path` is what `expect` asks of it; the error to report if not.
fn as_expected(path: &Path, expect: &Expect) -> Result<(), ImportError> {
    let meta = fs::symlink_metadata(path);
    if let Ok(m) = &meta {
        if m.file_type().is_symlink() || !m.is_file() {
            return Err(ImportError::NotRegular {
                path: path.to_path_buf(),
            });
        }
    }
    let changed = || ImportError::Changed {
        path: path.to_path_buf(),
    };
    match expect {
        Expect::Absent if meta.is_ok() => Err(ImportError::Exists {
            path: path.to_path_buf(),
        }),
        Expect::Holds(_) if meta.is_err() => Err(changed()),
        Expect::Holds(text) => match fs::read(path) {
            Ok(bytes) if bytes == text.as_bytes() => Ok(()),
            _ => Err(changed()),
        },
        _ => Ok(()),
    }
}

/// Write each record to `<out_dir>/<id>.yaml` (creating `out_dir`), all or nothing.
///
/// Everything is checked before anything is written: ids must be slugs ([`is_slug`], the rule
/// `check` applies) and unique; each target must be as its [`Expect`] says (absent, any regular
/// file, or exactly the text the record was read from); no target may be a symbolic link or
/// anything but a regular file, whatever is expected. The records are then written to temporary
/// files beside their targets, the targets checked again, and the temporary files renamed into
/// place, so a failure leaves no record written. Returns the paths written, in record order.
///
/// Each record begins with `modeline` (the comment pointing an editor at the plan schema), or
/// with the one the record being updated began with: staff may have pointed it elsewhere.
pub fn write_all(
    writes: &[ToWrite],
    out_dir: &Path,
    modeline: Option<&str>,
) -> Result<Vec<PathBuf>, ImportError> {
    let mut paths = Vec::with_capacity(writes.len());
    let mut seen = std::collections::HashSet::new();
    for ToWrite { record: r, expect } in writes {
        if !is_slug(&r.id) {
            return Err(ImportError::InvalidId { id: r.id.clone() });
        }
        if !seen.insert(r.id.as_str()) {
            return Err(ImportError::DuplicateId { id: r.id.clone() });
        }
        let path = out_dir.join(format!("{}.yaml", r.id));
        as_expected(&path, expect)?;
        paths.push(path);
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Io { path, source }
    };
    fs::create_dir_all(out_dir).map_err(io(out_dir))?;
    let mut temps: Vec<PathBuf> = Vec::with_capacity(writes.len());
    let written = (|| {
        for (w, path) in writes.iter().zip(&paths) {
            let tmp = out_dir.join(format!(".{}.yaml.tmp-{}", w.record.id, std::process::id()));
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
                .map_err(io(&tmp))?;
            temps.push(tmp.clone());
            file.write_all(file_text(w, modeline).as_bytes())
                .map_err(io(path))?;
            file.sync_all().map_err(io(path))?;
        }
        // a target made, changed or replaced by a link meanwhile is not overwritten
        for (w, path) in writes.iter().zip(&paths) {
            as_expected(path, &w.expect)?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        for t in &temps {
            let _ = fs::remove_file(t);
        }
        return Err(e);
    }
    // rename replaces a target's directory entry; it never follows a link
    for (i, (tmp, path)) in temps.iter().zip(&paths).enumerate() {
        if let Err(e) = fs::rename(tmp, path) {
            for t in &temps[i..] {
                let _ = fs::remove_file(t);
            }
            return Err(io(path)(e));
        }
    }
    Ok(paths)
}

/// The text of the file `w` writes: the record ([`to_yaml`]) after the modeline the record
/// being updated began with, else after `modeline`.
fn file_text(w: &ToWrite, modeline: Option<&str>) -> String {
    let kept = match &w.expect {
        Expect::Holds(old) => crate::content::json_schema::modeline_of(old),
        _ => None,
    };
    match kept.or(modeline) {
        Some(line) => format!("{line}\n{}", to_yaml(&w.record)),
        None => to_yaml(&w.record),
    }
}
