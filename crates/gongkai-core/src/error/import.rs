//! Errors writing or reading records, kept beside [`Error`] (which holds one as
//! [`Error::Import`]) so that errors depend on nothing above them.

use super::{Diagnostic, Error, Msg, Words};
use std::fmt;
use std::path::{Path, PathBuf};

/// Errors writing or reading records (YAML files, open-data CSV).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file system operation failed.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// The file exists and `force` was not given.
    Exists {
        /// The record's file.
        path: PathBuf,
    },
    /// The record being updated changed (or went) while import ran: nothing was written.
    Changed {
        /// The record's file.
        path: PathBuf,
    },
    /// A record id that is not a slug (the rule `check` applies: [`is_slug`](crate::content::rules::is_slug)).
    InvalidId {
        /// The id as the input gave it.
        id: String,
    },
    /// The target is a symbolic link or not a regular file: import never writes through one.
    NotRegular {
        /// The record's file.
        path: PathBuf,
    },
    /// Two records share one id.
    DuplicateId {
        /// The id.
        id: String,
    },
    /// A CSV file could not be read. `row` is the 1-based row as a spreadsheet shows it
    /// (the header is row 1), `line` the line the row starts on.
    Csv {
        /// The row, as a spreadsheet numbers it.
        row: usize,
        /// The line the row starts on (0 when unknown).
        line: u64,
        /// The column, when the problem is one cell's.
        column: Option<String>,
        /// What is wrong.
        message: Msg,
    },
    /// A spreadsheet larger, once unpacked or its repeated rows and cells counted, than import
    /// reads: what is too large, and the limit.
    TooLarge(Msg),
    /// The file is not a readable spreadsheet of its kind (`ODS`).
    Unreadable {
        /// The kind of file expected.
        kind: &'static str,
        /// Why the reader gave up.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl ImportError {
    /// What went wrong, in both languages.
    pub fn message(&self) -> Msg {
        use crate::msg;
        match self {
            // the OS's words are the source, printed after by `Chain`
            ImportError::Io { path, .. } => {
                let p = path.display();
                msg!("{p}", "{p}")
            }
            ImportError::Exists { path } => of_path(path, EXISTS),
            ImportError::Changed { path } => of_path(path, CHANGED),
            ImportError::InvalidId { id } => {
                let id = shown(id);
                msg!(
                    "record id {id} is not valid: use lowercase ASCII words joined by single hyphens, at most 80 characters",
                    "紀錄 id {id} 無效：請用小寫英文字母或數字，以單一連字號連接，最多 80 個字元"
                )
            }
            ImportError::NotRegular { path } => of_path(path, NOT_REGULAR),
            ImportError::DuplicateId { id } => {
                msg!(
                    "two records have the id {id:?}",
                    "兩筆紀錄的 id 都是 {id:?}"
                )
            }
            ImportError::Csv {
                row,
                line,
                column,
                message,
            } => {
                let (ce, cz) = match column {
                    Some(c) => (format!(", column {c}"), format!("，欄 {c}")),
                    None => (String::new(), String::new()),
                };
                let (en, zh) = (&message.en, &message.zh);
                msg!(
                    "CSV row {row} (line {line}){ce}: {en}",
                    "CSV 第 {row} 列（第 {line} 行）{cz}：{zh}"
                )
            }
            ImportError::TooLarge(m) => m.clone(),
            ImportError::Unreadable { kind, .. } => {
                msg!("not a readable {kind} file", "不是可讀取的 {kind} 檔案")
            }
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// The record's file, then what is wrong with it.
fn of_path(path: &Path, what: Words) -> Msg {
    let (p, en, zh) = (path.display(), what.en, what.zh);
    crate::msg!("{p} {en}", "{p} {zh}")
}

const EXISTS: Words = Words::new(
    "already exists (use --force to overwrite)",
    "已經存在（要覆寫請加 --force）",
);
const CHANGED: Words = Words::new(
    "changed while import was running: nothing was written; run the import again",
    "在匯入期間被修改：沒有寫入任何檔案；請重新匯入",
);
const NOT_REGULAR: Words = Words::new(
    "is a symbolic link or not a regular file: import never writes through one",
    "是符號連結或不是一般檔案：匯入絕不透過它寫入",
);

/// An id as an error shows it: quoted, cut after 60 characters.
fn shown(id: &str) -> String {
    let cut: String = id.chars().take(60).collect();
    let more = if cut.len() < id.len() { "…" } else { "" };
    format!("{cut:?}{more}")
}

impl ImportError {
    /// The error as gongkai reports it about `file`, the file being imported: a problem with
    /// the file's contents is a [`Diagnostic`] with its line and column (as the field), a file
    /// that cannot be read at all names the file and keeps its cause, and the others keep their
    /// structure and cause in [`Error::Import`].
    pub fn about(self, file: &Path) -> Error {
        match self {
            // the file is named by the diagnostic: the row, with its line, and the column as
            // the field
            ImportError::Csv {
                row,
                line: at,
                column: field,
                message: what,
            } => {
                let (en, zh) = (&what.en, &what.zh);
                let m = crate::msg!("row {row}: {en}", "第 {row} 列：{zh}");
                let mut d = Diagnostic::new(file, m).at((at > 0).then_some(at as usize));
                d.field = field;
                Error::Invalid(vec![d])
            }
            ImportError::Unreadable { .. } => {
                let f = file.display();
                Error::failed(crate::msg!("{f}", "{f}"), self)
            }
            ImportError::TooLarge(message) => Error::Invalid(vec![Diagnostic::new(file, message)]),
            other => Error::Import(other),
        }
    }
}
