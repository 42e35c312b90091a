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
    /// A record id that cannot be used as a file name (`[a-z0-9-]+` expected).
    InvalidId { id: String },
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
                write!(
                    f,
                    "record id {id:?} is not a valid file name: use [a-z0-9-]+"
                )
            }
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

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Write each record to `<out_dir>/<id>.yaml` (creating `out_dir`).
///
/// Without `force`, an existing file is never overwritten: every target is checked before
/// anything is written, and the error names the first existing file. Ids must be `[a-z0-9-]+`
/// and unique. Returns the paths written, in record order.
pub fn write_records(
    records: &[PlanFile],
    out_dir: &Path,
    force: bool,
) -> Result<Vec<PathBuf>, ImportError> {
    let mut paths = Vec::with_capacity(records.len());
    let mut seen = std::collections::HashSet::new();
    for r in records {
        if !valid_id(&r.id) {
            return Err(ImportError::InvalidId { id: r.id.clone() });
        }
        if !seen.insert(r.id.as_str()) {
            return Err(ImportError::DuplicateId { id: r.id.clone() });
        }
        let path = out_dir.join(format!("{}.yaml", r.id));
        if !force && path.exists() {
            return Err(ImportError::Exists { path });
        }
        paths.push(path);
    }
    fs::create_dir_all(out_dir).map_err(|source| ImportError::Io {
        path: out_dir.to_path_buf(),
        source,
    })?;
    for (r, path) in records.iter().zip(&paths) {
        let text = to_yaml(r);
        let mut opts = fs::OpenOptions::new();
        opts.write(true);
        if force {
            opts.create(true).truncate(true);
        } else {
            opts.create_new(true);
        }
        let mut file = opts.open(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                ImportError::Exists { path: path.clone() }
            } else {
                ImportError::Io {
                    path: path.clone(),
                    source,
                }
            }
        })?;
        file.write_all(text.as_bytes())
            .map_err(|source| ImportError::Io {
                path: path.clone(),
                source,
            })?;
    }
    Ok(paths)
}
