//! Test harness: fixture sites copied to a temporary folder, built with the library, and
//! helpers to read what a user would see in the output.
#![allow(dead_code)]

pub mod html;
pub mod ranking;
pub mod year112;

#[allow(unused_imports)]
pub use html::{attr_values, elements, has_element, visible_text, with_text};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A fixture site copied into a temporary folder, so a test may change it.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// Copies `tests/fixtures/<name>`.
    pub fn new(name: &str) -> Fixture {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&src, dir.path());
        Fixture { dir }
    }

    /// The repository's real site (`content/` only; the theme is built in).
    pub fn real() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
            &dir.path().join("content"),
        );
        Fixture { dir }
    }

    /// The same site with `minify: false` in `site.yaml`: pages as their templates write
    /// them, for a test that reads a page's markup by its text. (That minified pages show the
    /// same text and links is `tests/minify.rs`'s to hold.)
    pub fn unminified(self) -> Fixture {
        let site = self.root().join("content/site.yaml");
        let text = std::fs::read_to_string(&site).unwrap();
        assert!(!text.contains("\nminify:"), "{text}");
        std::fs::write(&site, format!("{text}\nminify: false\n")).unwrap();
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// Builds into `public/`.
    pub fn build(&self) -> Result<gongkai::build::Report, gongkai::error::Error> {
        gongkai::build::build(self.root(), &self.out())
    }

    /// Replaces `from` with `to` in a content file (panics if `from` is absent, so a test
    /// cannot silently stop testing anything).
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let target = dst.join(entry.path().strip_prefix(src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The real site's search index of `lang`, as `gongkai search` builds it.
pub fn real_index(lang: gongkai::model::Lang) -> gongkai::search::SearchIndex {
    let content = gongkai::content::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let site = gongkai::model::Site::build(&content, Default::default());
    gongkai::cmd::search::index_of(&site, lang).unwrap()
}

/// The answer to the words `text` alone, the first ten results.
pub fn ask(index: &gongkai::search::SearchIndex, text: &str) -> gongkai::search::Answer {
    let q = gongkai::search::Query {
        text: text.into(),
        ..gongkai::search::Query::default()
    };
    gongkai::search::answer(index, &q, 10).unwrap()
}

/// The result URLs of a search answer, in order.
pub fn result_urls(answer: &gongkai::search::Answer) -> Vec<String> {
    answer.results.iter().map(|r| r.url.clone()).collect()
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The text of a page: every tag a space, entities decoded, whitespace collapsed.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    for piece in html::pieces(html) {
        match piece {
            html::Piece::Text(t) => out.push_str(&t),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// All non-whitespace characters, for "exactly as in the source, whitespace aside".
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The part of `html` from the first occurrence of `start` to the first `end` after it.
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"));
    let rest = &html[i..];
    let j = rest.find(end).unwrap_or(rest.len());
    &rest[..j]
}

/// Runs the `gongkai` binary.
/// `gongkai ARGS --root <fixture>`: whether it succeeded, and what it printed on stderr.
pub fn run_in(f: &Fixture, args: &[&str]) -> (bool, String) {
    let mut all = args.to_vec();
    all.extend(["--root", f.root().to_str().unwrap()]);
    let out = cli(&all);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The names in `dir` starting with `prefix` (what a build left beside its output).
pub fn names_beside(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

pub fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .unwrap()
}

/// `gongkai ARGS` with messages in `lang` (`zh` or `en`) chosen by the locale, as a staff
/// member's terminal would.
pub fn cli_in(lang: &str, args: &[&str]) -> std::process::Output {
    let locale = match lang {
        "zh" => "zh_TW.UTF-8",
        _ => "en_US.UTF-8",
    };
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .output()
        .unwrap()
}

/// Checks that `text`, gongkai's messages, carries none of the parsers' words.
pub fn assert_plain(text: &str) {
    for word in gongkai::content::yaml_words::JARGON {
        assert!(!text.contains(word), "`{word}` in the messages:\n{text}");
    }
}

/// The real site's agencies (`content/agencies.yaml`).
pub fn agencies() -> gongkai::content::schema::AgenciesFile {
    serde_yaml::from_str(&std::fs::read_to_string("content/agencies.yaml").unwrap()).unwrap()
}

/// The README's example record, `content/plans/111/mol-office-building.yaml`: every list of
/// its facts has an entry.
pub fn example() -> gongkai::content::schema::PlanFile {
    serde_yaml::from_str(
        &std::fs::read_to_string("content/plans/111/mol-office-building.yaml").unwrap(),
    )
    .unwrap()
}

/// A site folder holding only the real agencies (`content/agencies.yaml`), to import into.
pub fn agencies_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::copy(
        "content/agencies.yaml",
        dir.path().join("content/agencies.yaml"),
    )
    .unwrap();
    dir
}

/// What the real site's open-data files say of themselves (`content/site.yaml` and the year
/// record of 111).
pub fn meta() -> gongkai::opendata::Meta {
    let read = |f: &str| std::fs::read_to_string(f).unwrap();
    let site: gongkai::content::schema::SiteFile =
        serde_yaml::from_str(&read("content/site.yaml")).unwrap();
    let year: gongkai::content::schema::YearFile =
        serde_yaml::from_str(&read("content/years/111.yaml")).unwrap();
    gongkai::opendata::Meta::new(&site, &std::collections::BTreeMap::from([(111, year)]))
}

/// `node ARGS`, started in the repository with its stdin and stdout piped: how the tests of
/// the browser's search code run it. `what` names the test in the message when Node is missing.
pub fn node_piped(args: &[&str], what: &str) -> std::process::Child {
    use std::process::{Command, Stdio};
    Command::new("node")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("node must be installed to run {what}: {e}"))
}
