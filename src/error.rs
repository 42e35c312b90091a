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
    /// A warning does not stop a build (`--strict` makes it do so): something is still to do,
    /// such as an English text not yet written.
    pub warning: bool,
}

impl Diagnostic {
    /// A problem in `file` with no line or field yet.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            field: None,
            message: message.into(),
            warning: false,
        }
    }

    /// Makes this a warning.
    pub fn as_warning(mut self) -> Self {
        self.warning = true;
        self
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
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content (or a theme) has problems; all of them are listed.
    #[error("{}", invalid_text(.0))]
    Invalid(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// The command was asked for something it cannot do (an unknown option value, an output
    /// folder it refuses); the message says what to change. There is no underlying cause.
    #[error("{0}")]
    Usage(String),
    /// The output folder, or what lies beside it, holds something a build will not publish
    /// over (a file of the user's where the new site puts one, a mount point); nothing was
    /// changed, and the message says what to do.
    #[error("{0}")]
    Publish(String),
    /// Importing records failed (a record that would be overwritten, an id twice, a file that
    /// cannot be written); the import error keeps its structure and its cause.
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    /// A step failed because a library or the OS did: what gongkai was doing, and why it failed.
    /// The cause stays reachable through [`std::error::Error::source`].
    #[error("{context}: {source}")]
    Failed {
        /// What gongkai was doing (`search index`, `cannot watch content/`).
        context: String,
        /// The error that stopped it.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A failure of `source` while doing `context`, keeping the cause.
    pub fn failed(
        context: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error::Failed {
            context: context.into(),
            source: source.into(),
        }
    }
}

fn invalid_text(diags: &[Diagnostic]) -> String {
    use std::fmt::Write;
    let n = diags.len();
    let mut s = format!("{n} problem{} found:\n", if n == 1 { "" } else { "s" });
    for d in diags {
        let _ = writeln!(s, "  {d}");
    }
    s
}

impl From<Vec<Diagnostic>> for Error {
    fn from(mut diags: Vec<Diagnostic>) -> Self {
        diags.sort();
        diags.dedup();
        Error::Invalid(diags)
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
