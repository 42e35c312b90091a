//! Minified pages. `build` runs every page through minify-html, as Zola's `minify_html`
//! does, on every core as pages are rendered; `serve` does not, so that its pages read as
//! their templates are written (and templates are never rewritten, so that the template
//! engine's error lines are the files' own). A rebuild minifies only the pages that rendered
//! differently: [`Pages`] keeps, beside the published site ([`CACHE`]), the hash of each page
//! as rendered and of the bytes published for it, and takes the published bytes back when
//! both still hold.
//!
//! What minify-html does, and what it is told not to: it collapses whitespace, drops it
//! between the children of layout elements (`div`, `ul`, `nav`, `header`, …: a theme puts
//! words or links that need a space between them in a `p`, `li`, `td` or `span`), unquotes
//! attributes where the standard allows, sorts them and leaves out default values. It keeps
//! every closing tag and the `html` and `head` start tags (optional in HTML, but tests and
//! tools find elements by them), and writes only what the standard calls valid (none of its
//! "possibly noncompliant" options is on). Its JS minifier stays off in pages (they hold no
//! script); the built-in theme's scripts, external files, are minified one by one by the same
//! minifier ([`script`]): the browser tests and the search parity tests run them as published.

use cap_fs_ext::{FollowSymlinks, OpenOptionsFollowExt};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The file, in the output, listing each page's hashes (a file of the site like any other, so
/// it is published, and replaced, with the pages it describes).
pub const CACHE: &str = ".gongkai-minified";

/// The first line of [`CACHE`]; a file without it is not read.
const HEADER: &str = "gongkai minified pages: rendered-hash published-hash path";

/// minify-html's settings: see the module's documentation.
fn cfg() -> &'static minify_html::Cfg {
    static C: OnceLock<minify_html::Cfg> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = minify_html::Cfg::new();
        c.minify_css = true;
        c.minify_js = false;
        c.keep_closing_tags = true;
        c.keep_html_and_head_opening_tags = true;
        c
    })
}

/// Minified HTML (minify-html, whole document).
pub fn html(src: &str) -> Vec<u8> {
    minify_html::minify(src.as_bytes(), cfg())
}

/// A theme's script minified by oxc, the JavaScript minifier minify-html carries: comments
/// dropped but for those starting `/*!` (a vendored file's licence stays with it), code
/// compressed by its safest rules, local names shortened. A script oxc cannot parse is
/// published as written.
pub fn script(js: &[u8]) -> Vec<u8> {
    use oxc_codegen::{Codegen, CodegenOptions, CommentOptions, LegalComment};
    use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
    let Ok(text) = std::str::from_utf8(js) else {
        return js.to_vec();
    };
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, oxc_span::SourceType::cjs()).parse();
    if !parsed.errors.is_empty() || parsed.panicked {
        return js.to_vec();
    }
    let mut program = parsed.program;
    let minified = Minifier::new(MinifierOptions {
        mangle: Some(MangleOptions::default()),
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    let options = CodegenOptions {
        minify: true,
        comments: CommentOptions {
            legal: LegalComment::Inline,
            ..CommentOptions::disabled()
        },
        ..CodegenOptions::default()
    };
    let code = Codegen::new()
        .with_options(options)
        .with_scoping(minified.scoping)
        .build(&program)
        .code;
    if code.len() < js.len() {
        code.into_bytes()
    } else {
        js.to_vec()
    }
}

/// Whether a build's file `rel` is a page, rendered from a template: HTML not among the
/// theme's static files, which are published as the theme has them (a search engine's
/// verification file must keep its bytes).
pub fn is_page(rel: &str) -> bool {
    rel.ends_with(".html") && !rel.starts_with("static/")
}

/// A page's hash: the first 16 bytes of its BLAKE3.
type Hash = [u8; 16];

fn hash(bytes: &[u8]) -> Hash {
    let mut h = [0; 16];
    h.copy_from_slice(&blake3::hash(bytes).as_bytes()[..16]);
    h
}

/// The pages of one build, minified, with what the published site's [`CACHE`] says spares.
pub struct Pages {
    /// The published output, when there is one to take pages back from.
    published: Option<cap_std::fs::Dir>,
    /// Each published page: the hash of its rendered HTML and of its published bytes.
    previous: HashMap<String, (Hash, Hash)>,
    /// This build's pages, for its own [`CACHE`].
    made: Mutex<Vec<(String, Hash, Hash)>>,
    /// Pages minified (not taken back).
    minified: AtomicUsize,
    /// Nanoseconds spent minifying, summed over threads.
    nanos: AtomicU64,
}

impl Pages {
    /// The pages of a build into `output`, reading its published [`CACHE`] (never through a
    /// link) when there is one.
    pub fn for_output(output: &Path) -> Pages {
        let published = cap_std::fs::Dir::open_ambient_dir(output, cap_std::ambient_authority())
            .ok()
            .filter(|_| !output.is_symlink());
        let previous = published
            .as_ref()
            .and_then(|d| read_plain(d, CACHE))
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(|text| parse(&text))
            .unwrap_or_default();
        Pages {
            published,
            previous,
            made: Mutex::new(Vec::new()),
            minified: AtomicUsize::new(0),
            nanos: AtomicU64::new(0),
        }
    }

    /// The bytes to publish for the page `rel` rendered as `html`: the published ones when
    /// the page rendered the same and its published file is as this build's cache left it,
    /// else `html` minified.
    pub fn page(&self, rel: &str, html: &[u8]) -> Vec<u8> {
        let rendered = hash(html);
        let kept = self.previous.get(rel).and_then(|&(was, made)| {
            let file = self.published.as_ref()?;
            let bytes = (was == rendered).then(|| read_plain(file, rel))??;
            (hash(&bytes) == made).then_some(bytes)
        });
        let out = match kept {
            Some(bytes) => bytes,
            None => {
                let t = Instant::now();
                let out = html_bytes(html);
                let nanos = u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX);
                self.nanos.fetch_add(nanos, Ordering::Relaxed);
                self.minified.fetch_add(1, Ordering::Relaxed);
                out
            }
        };
        let published = hash(&out);
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.push((rel.to_string(), rendered, published));
        drop(made);
        out
    }

    /// What to publish for a build's file `rel`: a page (see [`is_page`]) minified or taken
    /// back, any other file as it is.
    pub fn file<'a>(&self, rel: &str, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        if is_page(rel) {
            Cow::Owned(self.page(rel, bytes))
        } else {
            Cow::Borrowed(bytes)
        }
    }

    /// How many pages were minified (the others were taken back unchanged).
    pub fn minified(&self) -> usize {
        self.minified.load(Ordering::Relaxed)
    }

    /// The time spent minifying, summed over threads.
    pub fn time(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::Relaxed))
    }

    /// The text of the [`CACHE`] of a build that made every page: its own pages.
    pub fn cache(&self) -> String {
        cache_text(self.made_pages())
    }

    /// The text of the [`CACHE`] of a rebuild that made some pages and kept the others (see
    /// [`super::publish::Batch::keep_the_rest`]): the published cache's pages, less those
    /// `gone`, with this rebuild's in place of their old lines.
    pub fn cache_keeping(&self, gone: &[String]) -> String {
        let gone: HashSet<&str> = gone.iter().map(String::as_str).collect();
        let mut pages: BTreeMap<String, (Hash, Hash)> = (self.previous.iter())
            .filter(|(rel, _)| !gone.contains(rel.as_str()))
            .map(|(rel, hashes)| (rel.clone(), *hashes))
            .collect();
        pages.extend(self.made_pages());
        cache_text(pages)
    }

    /// This build's pages so far, sorted.
    fn made_pages(&self) -> BTreeMap<String, (Hash, Hash)> {
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        (made.iter())
            .map(|(rel, rendered, published)| (rel.clone(), (*rendered, *published)))
            .collect()
    }
}

/// The text of a [`CACHE`] listing `pages`, in path order.
fn cache_text(pages: BTreeMap<String, (Hash, Hash)>) -> String {
    let mut text = String::with_capacity(pages.len() * 100 + HEADER.len() + 1);
    text.push_str(HEADER);
    text.push('\n');
    for (rel, (rendered, published)) in &pages {
        text.push_str(&hex(rendered));
        text.push(' ');
        text.push_str(&hex(published));
        text.push(' ');
        text.push_str(rel);
        text.push('\n');
    }
    text
}

/// `html` minified; bytes that are not UTF-8 (no template writes them) pass unchanged.
fn html_bytes(html: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(html) {
        Ok(text) => self::html(text),
        Err(_) => html.to_vec(),
    }
}

/// A regular file of `dir` at `rel`, never through a link, at most 64 MB.
fn read_plain(dir: &cap_std::fs::Dir, rel: &str) -> Option<Vec<u8>> {
    let mut options = cap_std::fs::OpenOptions::new();
    options.read(true).follow(FollowSymlinks::No);
    let file = dir.open_with(rel, &options).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > 64 << 20 {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(64 << 20).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The pages a [`CACHE`] lists; lines that are not its own are skipped.
fn parse(text: &str) -> HashMap<String, (Hash, Hash)> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return HashMap::new();
    }
    lines
        .filter_map(|l| {
            let mut parts = l.splitn(3, ' ');
            let rendered = unhex(parts.next()?)?;
            let published = unhex(parts.next()?)?;
            let rel = parts.next()?;
            super::manifest::is_relative(rel).then(|| (rel.to_string(), (rendered, published)))
        })
        .collect()
}

fn hex(h: &Hash) -> String {
    h.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Hash> {
    if s.len() != 32 {
        return None;
    }
    let mut h = [0; 16];
    for (i, b) in h.iter_mut().enumerate() {
        *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_lose_comments_and_long_names_but_keep_licences() {
        let js = "/*! licence: keep me */\n(function () {\n  // a note\n  var longName = 1;\n  function add(value) { return value + longName; }\n  window.api = { add: add };\n})();\n";
        let out = String::from_utf8(script(js.as_bytes())).unwrap();
        assert!(out.contains("/*! licence: keep me */"), "{out}");
        assert!(
            !out.contains("a note") && !out.contains("longName"),
            "{out}"
        );
        assert!(out.contains("window.api") && out.contains("add:"), "{out}");
        assert!(out.len() < js.len());
        // what oxc cannot parse is published as written
        let broken = b"function (";
        assert_eq!(script(broken), broken);
    }

    const PAGE: &str = "<!doctype html>\n<html lang=en>\n<head>\n  <title>A</title>\n</head>\n<body>\n  <p>\n    One   two\n  </p>\n</body>\n</html>\n";

    #[test]
    fn pages_are_minified_and_taken_back_when_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let first = Pages::for_output(dir.path());
        let out = first.page("index.html", PAGE.as_bytes());
        assert!(out.len() < PAGE.len(), "{}", String::from_utf8_lossy(&out));
        assert_eq!(first.minified(), 1);
        std::fs::write(dir.path().join("index.html"), &out).unwrap();
        std::fs::write(dir.path().join(CACHE), first.cache()).unwrap();
        // the same page: taken back, not minified
        let second = Pages::for_output(dir.path());
        assert_eq!(second.page("index.html", PAGE.as_bytes()), out);
        assert_eq!(second.minified(), 0);
        assert_eq!(second.cache(), first.cache());
        // a page changed, or its published file changed by hand: minified again
        let third = Pages::for_output(dir.path());
        let _ = third.page("index.html", PAGE.replace("two", "three").as_bytes());
        std::fs::write(dir.path().join("index.html"), b"tampered").unwrap();
        let _ = third.page("index.html", PAGE.as_bytes());
        assert_eq!(third.minified(), 2);
    }

    #[test]
    fn a_cache_not_of_gongkai_or_a_path_outside_is_ignored() {
        assert!(parse("something else\n00 00 a.html\n").is_empty());
        let h = "0".repeat(32);
        let text = format!("{HEADER}\n{h} {h} ../x.html\n{h} {h} ok.html\nbad line\n");
        let read = parse(&text);
        assert_eq!(read.len(), 1);
        assert!(read.contains_key("ok.html"));
    }
}
