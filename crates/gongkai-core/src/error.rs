//! Errors as values with context. Every problem a build finds becomes one [`Diagnostic`]
//! naming the file, the line and the field; the command line prints them once, at the top.

mod import;

pub use import::ImportError;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The language messages are printed in: Traditional Chinese for the staff the tool is for,
/// English for everyone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UiLang {
    /// English.
    En,
    /// Traditional Chinese.
    Zh,
}

static UI_LANG: OnceLock<UiLang> = OnceLock::new();

impl UiLang {
    /// The language of this process's messages: the one set by [`UiLang::set`], else the
    /// locale's (`LC_ALL`, `LC_MESSAGES`, `LANG`; Chinese for `zh_*`), else English.
    pub fn current() -> UiLang {
        *UI_LANG.get_or_init(UiLang::from_env)
    }

    /// Sets the language of this process's messages (`--lang`); the first setting holds.
    pub fn set(lang: UiLang) {
        let _ = UI_LANG.set(lang);
    }

    /// The language the locale asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
    /// set and not empty decides, as POSIX orders them.
    pub fn from_env() -> UiLang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        UiLang::from_locale(&locale)
    }

    /// `zh_TW.UTF-8`, `zh-Hant`, `zh` → Chinese; anything else → English.
    pub fn from_locale(locale: &str) -> UiLang {
        let l = locale.to_ascii_lowercase();
        if l == "zh" || l.starts_with("zh_") || l.starts_with("zh-") || l.starts_with("zh.") {
            UiLang::Zh
        } else {
            UiLang::En
        }
    }
}

/// A message in both languages. Every message a user sees is written in English and in
/// Traditional Chinese where it is made; [`fmt::Display`] prints the one of
/// [`UiLang::current`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Msg {
    /// The English text.
    pub en: String,
    /// The Traditional Chinese text.
    pub zh: String,
}

impl Msg {
    /// A message with its English and Chinese texts.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Msg {
        Msg {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: UiLang) -> &str {
        match lang {
            UiLang::En => &self.en,
            UiLang::Zh => &self.zh,
        }
    }

    /// Whether either language's text contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.en.contains(needle) || self.zh.contains(needle)
    }

    /// Whether the message is empty in either language.
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() || self.zh.is_empty()
    }

    /// This message followed by `more` (`"; "` in English, `"；"` in Chinese).
    pub fn then(mut self, more: &Msg) -> Msg {
        self.en = format!("{}; {}", self.en, more.en);
        self.zh = format!("{}；{}", self.zh, more.zh);
        self
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get(UiLang::current()))
    }
}

/// Builds a [`Msg`] from two format strings: `msg!("{n} here", "此處為 {n}")`.
#[macro_export]
macro_rules! msg {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::error::Msg::new(format!($en), format!($zh))
    };
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// File the problem is in, relative to the site root when possible.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Dotted field path (`facts.budget_execution[2]`), when the problem is about one field.
    pub field: Option<String>,
    /// What is wrong, in plain words, in both languages.
    pub message: Msg,
    /// A warning does not stop a build (`--strict` makes it do so): something is still to do,
    /// such as an English text not yet written.
    pub warning: bool,
}

impl Diagnostic {
    /// A problem in `file` with no line or field yet.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<Msg>) -> Self {
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

    /// Sets the field path, or none.
    pub fn with_field(mut self, field: Option<String>) -> Self {
        self.field = field;
        self
    }
}

impl Diagnostic {
    /// The problem in `lang`: `file:line: field `f`: message` (`file:line：欄位 `f`：message`).
    pub fn render(&self, lang: UiLang) -> String {
        use std::fmt::Write;
        let mut s = self.file.display().to_string();
        if let Some(line) = self.line {
            let _ = write!(s, ":{line}");
        }
        let (sep, field) = match lang {
            UiLang::En => (": ", "field"),
            UiLang::Zh => ("：", "欄位"),
        };
        if let Some(f) = &self.field {
            let _ = write!(s, "{sep}{field} `{f}`");
        }
        let _ = write!(s, "{sep}{}", self.message.get(lang));
        s
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(UiLang::current()))
    }
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content (or a theme) has problems; all of them are listed.
    #[error("{}", invalid_text(.0))]
    Invalid(Vec<Diagnostic>),
    /// Reading or writing a file failed. Its text names the file; what the OS said is its
    /// [`source`](std::error::Error::source), printed after it by [`Chain`].
    #[error("{}", path.display())]
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
    Usage(Msg),
    /// The output folder, or what lies beside it, holds something a build will not publish
    /// over (a file of the user's where the new site puts one, a mount point); nothing was
    /// changed, and the message says what to do.
    #[error("{0}")]
    Publish(Msg),
    /// Importing records failed (a record that would be overwritten, an id twice, a file that
    /// cannot be written); the import error keeps its structure and its cause.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A step failed because a library or the OS did: what gongkai was doing, and why it failed.
    /// The cause stays reachable through [`std::error::Error::source`], and [`Chain`] prints
    /// it after the context.
    #[error("{context}")]
    Failed {
        /// What gongkai was doing (`search index`, `cannot watch content/`).
        context: Msg,
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
        context: impl Into<Msg>,
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
    let mut s = match UiLang::current() {
        UiLang::En => format!("{n} problem{} found:\n", if n == 1 { "" } else { "s" }),
        UiLang::Zh => format!("發現 {n} 個問題：\n"),
    };
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

/// An error and each cause under it, once each: `context: cause: its cause`. The errors here
/// leave their cause out of their own text (it is their
/// [`source`](std::error::Error::source)), so the chain says every cause exactly once; where an
/// error is shown (`main`, `serve`, a template's diagnostic), it is shown through this.
pub struct Chain<'a>(pub &'a (dyn std::error::Error + 'a));

impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sep = match UiLang::current() {
            UiLang::En => ": ",
            UiLang::Zh => "：",
        };
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(c) = cause {
            write!(f, "{sep}{c}")?;
            cause = c.source();
        }
        Ok(())
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A message fixed when gongkai is built, in both languages: a note kept in a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// The English text.
    pub en: &'static str,
    /// The Traditional Chinese text.
    pub zh: &'static str,
}

impl Words {
    /// A message in English and Traditional Chinese.
    pub const fn new(en: &'static str, zh: &'static str) -> Words {
        Words { en, zh }
    }
}

impl From<Words> for Msg {
    fn from(w: Words) -> Msg {
        Msg::new(w.en, w.zh)
    }
}

impl fmt::Display for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match UiLang::current() {
            UiLang::En => self.en,
            UiLang::Zh => self.zh,
        })
    }
}

/// Prints a warning on stderr, labelled in the language of messages (`warning: …`,
/// `警告：…`).
pub fn print_warning(w: impl fmt::Display) {
    match UiLang::current() {
        UiLang::En => eprintln!("warning: {w}"),
        UiLang::Zh => eprintln!("警告：{w}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many times `needle` stands in `hay`.
    fn times(hay: &str, needle: &str) -> usize {
        hay.matches(needle).count()
    }

    #[test]
    fn the_chain_says_each_cause_once() {
        UiLang::set(UiLang::En);
        let os = || std::io::Error::other("disk quota exceeded");
        let errors = [
            Error::io(Path::new("public/a.html"), os()),
            Error::failed(Msg::new("search index", "搜尋索引"), os()),
            Error::failed(
                Msg::new("publishing", "發布"),
                Error::io(Path::new("x"), os()),
            ),
            Error::Import(ImportError::Io {
                path: "content/plans/a.yaml".into(),
                source: os(),
            }),
            ImportError::Unreadable {
                kind: "ODS",
                source: Box::new(os()),
            }
            .about(Path::new("t.ods")),
        ];
        for e in &errors {
            let shown = Chain(e).to_string();
            assert_eq!(times(&shown, "disk quota exceeded"), 1, "{shown}");
            // each error's own text leaves its cause to the chain
            assert_eq!(times(&e.to_string(), "disk quota exceeded"), 0, "{e}");
        }
        let shown = Chain(&errors[2]).to_string();
        assert_eq!(shown, "publishing: x: disk quota exceeded");
    }
}
