//! Errors as values with context. Every problem a build finds becomes one [`Diagnostic`]
//! naming the file, the line and the field; the command line prints them once, at the top.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// File the problem is in, relative to the site root when possible.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Dotted field path (`facts.budget_execution[2]`), when the problem is about one field.
    pub field: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Diagnostic {
    /// A problem in `file` with no line or field yet.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            field: None,
            message: message.into(),
        }
    }

    /// Sets the line.
    pub fn at(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// Sets the field path.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// The content (or a theme) has problems; all of them are listed.
    Invalid(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// Anything else, already worded for the user.
    Other(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diags) => {
                let n = diags.len();
                writeln!(f, "{n} problem{} found:", if n == 1 { "" } else { "s" })?;
                for d in diags {
                    writeln!(f, "  {d}")?;
                }
                Ok(())
            }
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Other(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<Vec<Diagnostic>> for Error {
    fn from(mut diags: Vec<Diagnostic>) -> Self {
        diags.sort();
        diags.dedup();
        Error::Invalid(diags)
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
