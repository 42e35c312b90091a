//! Importing the ministry's review table (text extracted from the published PDF) into plan
//! records, and writing those records as YAML for staff to review, translate and commit.
//!
//! The input is the table as tab-separated text, one row per line, four cells:
//! 項次 (item), 主辦機關 (agency), 計畫名稱 (plan name), 複核結果 (review, as `<p>` paragraphs).
//! See [`parse_table`] for the rules. Nothing in the text is corrected: the importer only undoes
//! what PDF extraction did (repeated header rows, rows split at page breaks, wrap spaces).

mod facts;
mod table;
pub mod text;
mod yaml;

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::schema::PlanFile;
use crate::content::validate::is_slug;

pub use facts::NO_SPECIAL_PERFORMANCE;
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
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Errors writing or reading records (YAML files, open-data CSV).
#[derive(Debug)]
pub enum ImportError {
    /// A file system operation failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file exists and `force` was not given.
    Exists { path: PathBuf },
    /// A record id that is not a slug (the rule `check` applies: [`is_slug`]).
    InvalidId { id: String },
    /// The target is a symbolic link or not a regular file: import never writes through one.
    NotRegular { path: PathBuf },
    /// Two records share one id.
    DuplicateId { id: String },
    /// A CSV file could not be read. `row` is the 1-based row as a spreadsheet shows it
    /// (the header is row 1), `line` the line the row starts on.
    Csv {
        row: usize,
        line: u64,
        column: Option<String>,
        message: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ImportError::Exists { path } => {
                write!(
                    f,
                    "{} already exists (use --force to overwrite)",
                    path.display()
                )
            }
            ImportError::InvalidId { id } => {
                let shown: String = id.chars().take(60).collect();
                let more = if shown.len() < id.len() { "…" } else { "" };
                write!(
                    f,
                    "record id {shown:?}{more} is not valid: use lowercase ASCII words joined by single hyphens, at most 80 characters"
                )
            }
            ImportError::NotRegular { path } => write!(
                f,
                "{} is a symbolic link or not a regular file: import never writes through one",
                path.display()
            ),
            ImportError::DuplicateId { id } => write!(f, "two records have the id {id:?}"),
            ImportError::Csv {
                row,
                line,
                column: Some(c),
                message,
            } => {
                write!(f, "CSV row {row} (line {line}), column {c}: {message}")
            }
            ImportError::Csv {
                row,
                line,
                column: None,
                message,
            } => {
                write!(f, "CSV row {row} (line {line}): {message}")
            }
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Write each record to `<out_dir>/<id>.yaml` (creating `out_dir`), all or nothing.
///
/// Everything is checked before anything is written: ids must be slugs ([`is_slug`], the rule
/// `check` applies) and unique; without `force` no target may exist; no target may be a
/// symbolic link or anything but a regular file, `force` or not. The records are then written
/// to temporary files beside their targets and renamed into place, so a failure leaves no
/// record written. Returns the paths written, in record order.
pub fn write_records(
    records: &[PlanFile],
    out_dir: &Path,
    force: bool,
) -> Result<Vec<PathBuf>, ImportError> {
    let mut paths = Vec::with_capacity(records.len());
    let mut seen = std::collections::HashSet::new();
    for r in records {
        if !is_slug(&r.id) {
            return Err(ImportError::InvalidId { id: r.id.clone() });
        }
        if !seen.insert(r.id.as_str()) {
            return Err(ImportError::DuplicateId { id: r.id.clone() });
        }
        let path = out_dir.join(format!("{}.yaml", r.id));
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() || !m.is_file() => {
                return Err(ImportError::NotRegular { path })
            }
            Ok(_) if !force => return Err(ImportError::Exists { path }),
            _ => {}
        }
        paths.push(path);
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Io { path, source }
    };
    fs::create_dir_all(out_dir).map_err(io(out_dir))?;
    let mut temps: Vec<PathBuf> = Vec::with_capacity(records.len());
    let written = (|| {
        for (r, path) in records.iter().zip(&paths) {
            let tmp = out_dir.join(format!(".{}.yaml.tmp-{}", r.id, std::process::id()));
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
                .map_err(io(&tmp))?;
            temps.push(tmp.clone());
            file.write_all(to_yaml(r).as_bytes()).map_err(io(path))?;
            file.sync_all().map_err(io(path))?;
        }
        // a target made meanwhile is not overwritten without `force`
        for path in &paths {
            if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(ImportError::NotRegular { path: path.clone() });
            }
            if !force && fs::symlink_metadata(path).is_ok() {
                return Err(ImportError::Exists { path: path.clone() });
            }
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
