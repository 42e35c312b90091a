//! `gongkai serve`: build, serve the output on 127.0.0.1 (or the address of `--bind`), rebuild
//! when content or themes change, and reload the browser. A failed rebuild keeps the last good
//! site online and shows the error over every page until it is fixed; a first build that fails
//! with no site ever built says there is no site yet. `/api/search?q=…&lang=…&agency=…&year=…`
//! answers from the live tantivy index as JSON (see [`crate::search::answer`]).
//!
//! The port is bound before anything is built; pages are read under the lock a rebuild holds
//! while it renames its files into place, so no answer mixes two rebuilds; requests are bounded
//! by the HTTP layer's limits (16 kB of request head, 64 connections, 10 s to send a request
//! head and 10 s to read the answer, only `Host`s naming the server's address) and search
//! queries by [`MAX_SEARCH_QUERY`] and the query limits of [`crate::search::tokenize`].
//! Only regular files of the output are served, reached through no symbolic link, and none of
//! gongkai's own (`.gongkai…`).
//!
//! A search does not hold the rebuild's lock while it searches: it takes the current index (an
//! [`Arc`] shared with the session, see [`Live::indexes`]) and searches that, while a rebuild
//! may run beside it.

use crate::build::incremental::{Rebuild, Session};
use crate::error::{Error, Result};
use crate::output;
use crate::search::SearchIndex;
use http::{Request, Response};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

mod browser;
mod http;
mod listen;

pub use listen::Options;

/// The state the browser polls: a version that changes on every successful rebuild, the
/// last error, if the last build failed, and whether there is a site to show under it.
#[derive(Debug, Default, Clone)]
struct Status {
    version: u64,
    error: Option<String>,
    site: bool,
}

const LIVE_JS: &str = include_str!("serve_live.js");

/// The longest query string `/api/search` takes, in bytes (a query is a few words).
pub const MAX_SEARCH_QUERY: usize = 2048;

/// How long a search waits for a rebuild to finish before it is answered 503.
const SEARCH_WAIT: Duration = Duration::from_secs(2);

/// The folders of a site that are watched: a change anywhere else is not content.
const WATCHED: [&str; 2] = ["content", "themes"];

/// How long a file must be quiet before its change is rebuilt: an editor's save is several
/// events (write, rename, attributes), and a batch of them is one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// The file watcher, which batches changes for [`DEBOUNCE`].
type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Serves `root`'s site from `output` on `options`' address and port until interrupted. Its
/// pages link to the base URL given, or to the server's own address.
pub fn serve(root: &Path, output: &Path, options: &Options) -> Result<()> {
    // the watcher reports absolute paths with links resolved: so is the root
    let root = &output::guard::absolute(root).map_err(|e| Error::io(root, e))?;
    let output = &output::guard::absolute(output).map_err(|e| Error::io(output, e))?;
    output::guard::check(root, output)?;
    // the port first: a second `serve` on a busy port must fail before touching the output
    let listener = listen::bind(options)?;
    let address = listener.local_addr().map_err(|e| {
        let m = crate::error::Msg::new("cannot read the address listened on", "無法讀取接聽的位址");
        Error::failed(m, e)
    })?;
    let url = listen::local_url(address);
    let build_options = crate::build::Options {
        base_url: Some(
            options
                .base_url
                .clone()
                .unwrap_or_else(|| url.trim_end_matches('/').to_string()),
        ),
        ..preview_options()
    };
    let live = Live::new(root, output, build_options);
    let first = crate::build::progress::with_progress(|progress| live.full_build(progress));
    *live.session.lock().expect("session lock") = live.settle(first);
    eprintln!("{}", listen::announce(output, address));
    if options.open {
        browser::open(&url);
    }
    let (watcher, changes) = watch(root)?;
    {
        let live = live.clone();
        std::thread::spawn(move || live.rebuild_on(watcher, changes));
    }
    let handler = move |req: &Request| -> Response {
        let (path, query) = req
            .target
            .split_once('?')
            .unwrap_or((req.target.as_str(), ""));
        if path == "/api/search" {
            return api_search(query, &live);
        }
        // a rebuild's files are renamed into place under the write lock
        let _reading = live.publish.read().expect("publish lock");
        respond(&live.output, path, &live.status)
    };
    http::run(
        listener,
        http::Limits::for_address(address),
        Arc::new(handler),
    );
    Ok(())
}

/// A search index shared by searches, with the publish count it was taken at.
type Shared = (u64, Arc<SearchIndex>);

/// What the server and the rebuilding thread share.
#[derive(Clone)]
struct Live {
    root: PathBuf,
    output: PathBuf,
    /// How every full build runs (the base URL).
    options: crate::build::Options,
    status: Arc<Mutex<Status>>,
    /// Held for writing while a rebuild renames its files into place.
    publish: Arc<crate::output::PublishLock>,
    /// The built site, or `None` after a failed start.
    session: Arc<Mutex<Option<Session>>>,
    /// The search indexes of the site as last built, as searches have asked for them, each
    /// with the publish count it was taken at: taken and filled under the session's lock,
    /// emptied by each rebuild (under it too), and searched by any number of requests without
    /// it; one taken before the last publish is not used (the pages are newer than it).
    indexes: Arc<Mutex<Vec<Shared>>>,
}

/// Watches `root` (not recursively, to see `content/` or `themes/` made anew) and its
/// watched folders; the receiver gets batches of changes.
fn watch(root: &Path) -> Result<(Watcher, mpsc::Receiver<DebounceEventResult>)> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = new_debouncer(DEBOUNCE, None, tx).map_err(|e| {
        Error::failed(
            crate::error::Msg::new("cannot watch files", "無法監看檔案"),
            e,
        )
    })?;
    watcher
        .watch(root, notify::RecursiveMode::NonRecursive)
        .map_err(|e| Error::failed(cannot_watch(root), e))?;
    watch_folders(&mut watcher, root)?;
    Ok((watcher, rx))
}

impl Live {
    /// The state of a server of `root`'s site in `output`, nothing built yet.
    fn new(root: &Path, output: &Path, options: crate::build::Options) -> Live {
        Live {
            root: root.to_path_buf(),
            output: output.to_path_buf(),
            options,
            status: Arc::new(Mutex::new(Status::default())),
            publish: Arc::new(RwLock::new(0)),
            session: Arc::new(Mutex::new(None)),
            indexes: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// Rebuilds after each batch of changes to the site's content, until the watcher stops.
    fn rebuild_on(&self, mut watcher: Watcher, changes: mpsc::Receiver<DebounceEventResult>) {
        let root = &self.root;
        while let Ok(batch) = changes.recv() {
            let mut paths: Vec<PathBuf> = match batch {
                Ok(events) => (events.into_iter())
                    .filter(|ev| !matches!(ev.kind, notify::EventKind::Access(_)))
                    .flat_map(|ev| ev.event.paths)
                    .filter(|p| is_content(root, p))
                    .collect(),
                Err(errors) => {
                    errors
                        .iter()
                        .for_each(|e| crate::error::print_warning(crate::error::Chain(e)));
                    continue;
                }
            };
            paths.sort();
            paths.dedup();
            if paths.is_empty() {
                continue;
            }
            // content/ or themes/ made anew: watch the new folder
            if paths
                .iter()
                .any(|p| WATCHED.iter().any(|d| p == &root.join(d)))
            {
                if let Err(e) = watch_folders(&mut watcher, root) {
                    crate::error::print_warning(crate::error::Chain(&e));
                }
            }
            let mut session = self.session.lock().expect("session lock");
            *session = match session.take() {
                Some(mut s) => {
                    self.report(s.update(&paths));
                    Some(s)
                }
                None => self.start(),
            };
            // searches went on with the last indexes; from now on they ask the rebuilt session
            self.indexes.lock().expect("indexes lock").clear();
        }
    }

    /// A full build that keeps its state; on failure, the error is shown and the next
    /// change tries again from scratch.
    fn start(&self) -> Option<Session> {
        let built = self.full_build(&crate::build::Quiet);
        self.settle(built)
    }

    /// A full build that keeps its state, telling `progress` how far it is.
    fn full_build(&self, progress: &dyn crate::build::Progress) -> Result<(Session, Rebuild)> {
        let started = Instant::now();
        let (session, r) = Session::start_showing(
            &self.root,
            &self.output,
            output::fs_writer(),
            self.publish.clone(),
            self.options.clone(),
            progress,
        )?;
        let rebuild = Rebuild {
            full: true,
            written: r.files,
            removed: 0,
            millis: started.elapsed().as_secs_f64() * 1000.0,
            pages_millis: 0.0,
            search_millis: 0.0,
        };
        Ok((session, rebuild))
    }

    /// Reports a full build and keeps its session, or reports its error and keeps none.
    fn settle(&self, built: Result<(Session, Rebuild)>) -> Option<Session> {
        match built {
            Ok((session, rebuild)) => {
                self.report(Ok(rebuild));
                Some(session)
            }
            Err(e) => {
                self.report(Err(e));
                None
            }
        }
    }

    /// Prints what a rebuild did, or its error, and tells the browsers.
    fn report(&self, result: Result<Rebuild>) {
        let site = has_site(&self.output);
        report(result, site, &self.status);
    }
}

/// Watches the site's `content/` and `themes/` (those that exist) recursively; watching one
/// again is harmless.
fn watch_folders(watcher: &mut Watcher, root: &Path) -> Result<()> {
    for dir in WATCHED {
        let d = root.join(dir);
        if d.is_dir() {
            watcher
                .watch(&d, notify::RecursiveMode::Recursive)
                .map_err(|e| Error::failed(cannot_watch(&d), e))?;
        }
    }
    Ok(())
}

/// Whether a changed path is the site's content: under `content/` or `themes/`, and not an
/// editor's swap or backup file.
fn is_content(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let in_watched = rel
        .components()
        .next()
        .is_some_and(|c| WATCHED.iter().any(|d| c.as_os_str() == *d));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    in_watched && !name.starts_with('.') && !name.ends_with('~')
}

/// Whether `output` holds a site to serve (one built by this server or before it).
fn has_site(output: &Path) -> bool {
    output.join("index.html").is_file()
}

/// Prints what a rebuild did, or its error (with whether a site is still served), and sets the
/// status the browsers poll.
fn report(result: Result<Rebuild>, site: bool, status: &Mutex<Status>) {
    let mut s = status.lock().expect("status lock");
    s.site = site;
    match result {
        Ok(r) => {
            s.version += 1;
            s.error = None;
            eprintln!("{}", rebuilt(&r));
        }
        Err(e) => {
            let e = crate::error::Chain(&e).to_string();
            eprintln!("{}\n{e}", failed(site));
            s.error = Some(e);
        }
    }
}

/// What a rebuild did, in a line.
fn rebuilt(r: &Rebuild) -> crate::error::Msg {
    let (written, removed, ms) = (r.written, r.removed, format!("{:.1}", r.millis));
    if r.full {
        return crate::msg!(
            "full rebuild: {written} files written in {ms} ms",
            "完整重建：寫入 {written} 個檔案，費時 {ms} 毫秒"
        );
    }
    let (pages, search) = (
        format!("{:.1}", r.pages_millis),
        format!("{:.1}", r.search_millis),
    );
    crate::msg!(
        "rebuilt: {written} files written, {removed} removed in {ms} ms (pages {pages} ms, search {search} ms, side by side)",
        "已重建：寫入 {written} 個、移除 {removed} 個檔案，費時 {ms} 毫秒（頁面 {pages} 毫秒、搜尋 {search} 毫秒，同時進行）"
    )
}

/// The headline of a failed build: whether a site is still served.
fn failed(site: bool) -> crate::error::Msg {
    if site {
        crate::error::Msg::new(
            "Build failed; still serving the last good site.",
            "建置失敗；仍提供上次成功建置的網站。",
        )
    } else {
        crate::error::Msg::new(
            "Build failed; there is no site yet: fix the problem below and save, and the site is built.",
            "建置失敗；尚無網站：請修正下列問題並存檔，網站就會建置。",
        )
    }
}

type Resp = Response;

fn json(v: serde_json::Value, code: u16) -> Resp {
    with_type(v.to_string().into_bytes(), code, "application/json")
}

fn json_error(message: impl std::fmt::Display, code: u16) -> Resp {
    json(serde_json::json!({ "error": message.to_string() }), code)
}

/// `/api/search`: the query string's `q`, `lang` (zh, en), `agency` (slug), `year`, `status`,
/// `typing` (1: the last word is being typed) and `limit` (at most 100), answered by tantivy from the session's current index, without
/// holding the session while searching.
fn api_search(query: &str, live: &Live) -> Resp {
    if query.len() > MAX_SEARCH_QUERY {
        return json_error(
            format!("the query string is longer than {MAX_SEARCH_QUERY} bytes"),
            414,
        );
    }
    let (q, lang, limit) = match search_params(query) {
        Ok(p) => p,
        Err(problem) => return json_error(problem, 400),
    };
    let index = match current_index(live, lang) {
        Ok(index) => index,
        Err(refusal) => return refusal,
    };
    if let Err(e) = crate::search::check_filters(&index, &q) {
        return json_error(e, 400);
    }
    let answer = crate::search::answer(&index, &q, limit).and_then(|a| {
        serde_json::to_value(a).map_err(|e| {
            crate::error::Error::failed(crate::error::Msg::new("search answer", "搜尋結果"), e)
        })
    });
    match answer {
        Ok(v) => json(v, 200),
        Err(e) => json_error(e, 500),
    }
}

/// The search, language and number of results a query string asks for, or what is wrong
/// with it.
fn search_params(
    query: &str,
) -> std::result::Result<(crate::search::Query, crate::model::Lang, usize), String> {
    let mut q = crate::search::Query::default();
    let (mut lang, mut limit) = (crate::model::Lang::Zh, 10usize);
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match &*k {
            "q" => q.text = v.into_owned(),
            "agency" if !v.is_empty() => q.filters.agency = Some(v.into_owned()),
            "status" if !v.is_empty() => q.filters.status = Some(v.into_owned()),
            "typing" => q.typing = v == "1",
            "year" if !v.is_empty() => match v.parse() {
                Ok(y) => q.filters.year = Some(y),
                Err(_) => return Err(format!("year must be a number, not {v:?}")),
            },
            "lang" => match &*v {
                "zh" => lang = crate::model::Lang::Zh,
                "en" => lang = crate::model::Lang::En,
                _ => return Err(format!("lang must be zh or en, not {v:?}")),
            },
            "limit" => match v.parse::<usize>() {
                Ok(n) => limit = n.min(100),
                Err(_) => return Err(format!("limit must be a number, not {v:?}")),
            },
            _ => {}
        }
    }
    Ok((q, lang, limit))
}

/// The index of `lang` for the site as last built: the one searches already share, else the
/// session's (brought up to date first, under the session's lock, waited for at most
/// [`SEARCH_WAIT`]), then shared.
fn current_index(
    live: &Live,
    lang: crate::model::Lang,
) -> std::result::Result<Arc<SearchIndex>, Resp> {
    let shared = |indexes: &[Shared], now: u64| {
        (indexes.iter())
            .find(|(at, i)| i.lang == lang && *at == now)
            .map(|(_, i)| i.clone())
    };
    let now = *live.publish.read().expect("publish lock");
    if let Some(index) = shared(&live.indexes.lock().expect("indexes lock"), now) {
        return Ok(index);
    }
    // a rebuild holds the session: wait a little, never for a whole rebuild
    let Some(mut guard) = lock_within(&live.session, SEARCH_WAIT) else {
        let mut r = json_error("the site is being rebuilt; try again", 503);
        r.headers.push(("Retry-After", "1".into()));
        return Err(r);
    };
    // under the session's lock nothing is published: the index is of the pages as they are
    let now = *live.publish.read().expect("publish lock");
    match guard.as_mut().map(|s| s.search_index(lang)) {
        Some(Ok(Some(index))) => {
            let mut indexes = live.indexes.lock().expect("indexes lock");
            indexes.retain(|(_, i)| i.lang != lang);
            indexes.push((now, index.clone()));
            Ok(index)
        }
        Some(Err(e)) => Err(json_error(e, 500)),
        _ => Err(json_error("the site has not built yet", 503)),
    }
}

/// The lock of `m`, if it can be had within `wait`.
fn lock_within<T>(m: &Mutex<T>, wait: Duration) -> Option<std::sync::MutexGuard<'_, T>> {
    let until = Instant::now() + wait;
    loop {
        match m.try_lock() {
            Ok(g) => return Some(g),
            Err(std::sync::TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if Instant::now() < until => {
                std::thread::sleep(Duration::from_millis(5))
            }
            Err(std::sync::TryLockError::WouldBlock) => return None,
        }
    }
}

fn with_type(body: Vec<u8>, status: u16, ctype: impl Into<std::borrow::Cow<'static, str>>) -> Resp {
    Response::new(status, ctype, body)
}

fn respond(output: &Path, path: &str, status: &Mutex<Status>) -> Resp {
    match path {
        "/__gongkai/live.js" => {
            return with_type(
                LIVE_JS.as_bytes().to_vec(),
                200,
                "text/javascript; charset=utf-8",
            )
        }
        "/__gongkai/status" => {
            let s = status.lock().expect("status lock").clone();
            let body =
                serde_json::json!({ "version": s.version, "error": s.error, "site": s.site });
            return with_type(body.to_string().into_bytes(), 200, "application/json");
        }
        _ => {}
    }
    match resolve(output, path) {
        Some(file) => match read_regular(&file) {
            Ok(bytes) => {
                let ctype = content_type(&file);
                let body = if ctype.starts_with("text/html") {
                    inject_live(bytes)
                } else {
                    bytes
                };
                with_type(body, 200, ctype)
            }
            Err(_) => not_found(output, path),
        },
        None => not_found(output, path),
    }
}

fn not_found(output: &Path, path: &str) -> Resp {
    let page = if path.starts_with("/en/") {
        "/en/404.html"
    } else {
        "/404.html"
    };
    let body = resolve(output, page)
        .and_then(|p| read_regular(&p).ok())
        .unwrap_or_else(|| b"<!doctype html><title>404</title><p>Not found".to_vec());
    with_type(inject_live(body), 404, "text/html; charset=utf-8")
}

/// Maps a URL path to a regular file inside `output` (a folder's `index.html` for a folder),
/// refusing anything that would leave it: a component that is `..`, a root or a drive, a
/// NUL, a backslash or another control character, one of gongkai's own files (`.gongkai…`:
/// marker, pending rebuild), and a symbolic link anywhere on the way, each component checked
/// with `symlink_metadata`, so that no link in the output leads a request out of it.
fn resolve(output: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    let mut file = output.to_path_buf();
    let mut meta = std::fs::symlink_metadata(&file).ok()?;
    for c in rel.components() {
        let Component::Normal(name) = c else {
            return None;
        };
        if name.to_string_lossy().starts_with(".gongkai") || !meta.is_dir() {
            return None;
        }
        file.push(name);
        meta = std::fs::symlink_metadata(&file).ok()?;
        if meta.file_type().is_symlink() {
            return None;
        }
    }
    if meta.is_dir() {
        file.push("index.html");
        meta = std::fs::symlink_metadata(&file).ok()?;
    }
    // `is_file` of a link's own metadata is false: a link named index.html is refused too
    meta.is_file().then_some(file)
}

/// The bytes of `file`, which must still be a regular file when opened: on Unix it is opened
/// without following a link (one put in its place since [`resolve`] looked) and without
/// waiting (a FIFO put there).
fn read_regular(file: &Path) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    let mut f = {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        std::fs::File::from(rustix::fs::open(file, flags, Mode::empty())?)
    };
    #[cfg(not(unix))]
    let mut f = std::fs::File::open(file)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(&mut f, &mut bytes)?;
    Ok(bytes)
}

fn inject_live(html: Vec<u8>) -> Vec<u8> {
    let tag = b"<script src=/__gongkai/live.js defer></script>";
    match html.windows(7).rposition(|w| w == b"</body>") {
        Some(i) => [&html[..i], tag, &html[i..]].concat(),
        None => [html.as_slice(), tag].concat(),
    }
}

/// The content type of a file served, by its extension (mime_guess's table: `.ods` is
/// `application/vnd.oasis.opendocument.spreadsheet`); the site's text is UTF-8.
fn content_type(p: &Path) -> String {
    let mime = mime_guess::from_path(p).first_or_octet_stream();
    let text =
        mime.type_() == "text" || matches!(mime.subtype().as_str(), "javascript" | "xml" | "json");
    match text && mime.get_param("charset").is_none() {
        true => format!("{mime}; charset=utf-8"),
        false => mime.to_string(),
    }
}

/// The message of a folder that cannot be watched for changes.
fn cannot_watch(dir: &Path) -> crate::error::Msg {
    let d = dir.display();
    crate::msg!("cannot watch {d}", "無法監看 {d}")
}

/// How `serve` builds, its address aside: a preview, with drafts shown (each marked), pages as
/// their templates are written (to read and debug), and the ODS sheets not deflated.
pub fn preview_options() -> crate::build::Options {
    crate::build::Options {
        drafts: crate::model::Drafts::Shown,
        minify: Some(false),
        packing: crate::opendata_ods::Packing::Stored,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_served_with_their_types() {
        let t = |p: &str| content_type(Path::new(p));
        assert_eq!(t("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(t("s.css"), "text/css; charset=utf-8");
        assert_eq!(t("x.js"), "text/javascript; charset=utf-8");
        assert_eq!(t("d.json"), "application/json; charset=utf-8");
        assert_eq!(
            t("plans.ods"),
            "application/vnd.oasis.opendocument.spreadsheet"
        );
        assert_eq!(t("plans.csv"), "text/csv; charset=utf-8");
        assert_eq!(t("i.png"), "image/png");
        assert_eq!(t("shard.bin"), "application/octet-stream");
    }

    #[test]
    fn no_escape_from_output() {
        let dir = std::env::temp_dir();
        assert!(resolve(&dir, "/../etc/passwd").is_none());
        assert!(resolve(&dir, "/%2e%2e/etc/passwd").is_none());
        assert!(resolve(&dir, "/%2E%2E%2Fetc/passwd").is_none());
        assert!(resolve(&dir, "/a/%2e%2e/%2e%2e/etc/passwd").is_none());
        assert!(resolve(&dir, "//etc/passwd").is_none());
    }

    #[test]
    fn nul_backslash_and_control_characters_name_no_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "x").unwrap();
        assert!(resolve(dir.path(), "/a.html").is_some());
        for path in [
            "/a.html%00",
            "/a.html%00.png",
            "/..%5c..%5cetc",
            "/a%5c..%5ca.html",
            "/%0a",
        ] {
            assert!(resolve(dir.path(), path).is_none(), "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_in_the_output_are_not_followed() {
        use std::os::unix::fs::symlink;
        let (out, outside) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (o, x) = (out.path(), outside.path());
        std::fs::write(x.join("secret.txt"), "secret").unwrap();
        std::fs::create_dir(x.join("site")).unwrap();
        std::fs::write(x.join("site/index.html"), "secret").unwrap();
        std::fs::create_dir(o.join("plans")).unwrap();
        std::fs::write(o.join("plans/index.html"), "ok").unwrap();
        std::fs::write(o.join("page.html"), "ok").unwrap();
        symlink(x, o.join("out")).unwrap(); // a folder outside
        symlink(x.join("secret.txt"), o.join("secret.txt")).unwrap(); // a file outside
        symlink(x.join("site"), o.join("plans/site")).unwrap();
        symlink("/etc", o.join("etc")).unwrap();
        symlink(o.join("page.html"), o.join("alias.html")).unwrap(); // even inside
        let index_link = o.join("linked");
        std::fs::create_dir(&index_link).unwrap();
        symlink(x.join("secret.txt"), index_link.join("index.html")).unwrap();
        for path in [
            "/out/secret.txt",
            "/secret.txt",
            "/plans/site/",
            "/plans/site/index.html",
            "/etc/passwd",
            "/alias.html",
            "/linked/",
        ] {
            assert_eq!(resolve(o, path), None, "{path}");
        }
        assert_eq!(resolve(o, "/plans/"), Some(o.join("plans/index.html")));
        assert_eq!(read_regular(&o.join("page.html")).unwrap(), b"ok");
        // a link put in a file's place after it was resolved is not opened
        assert!(read_regular(&o.join("secret.txt")).is_err());
        // gongkai's own files stay hidden
        std::fs::write(o.join(".gongkai-output"), "").unwrap();
        assert_eq!(resolve(o, "/.gongkai-output"), None);
    }

    /// A `Live` with no session and `index` as the shared Chinese index.
    fn live_with(index: SearchIndex) -> Live {
        let dir = std::env::temp_dir();
        Live {
            root: dir.clone(),
            output: dir,
            options: Default::default(),
            status: Default::default(),
            publish: Default::default(),
            session: Arc::new(Mutex::new(None)),
            indexes: Arc::new(Mutex::new(vec![(0, Arc::new(index))])),
        }
    }

    #[test]
    fn searches_do_not_wait_for_the_session() {
        let doc = crate::search::SearchDoc {
            url: "/plans/111/a/".into(),
            title: "橋梁維護計畫".into(),
            agency: 0,
            agency_name: "甲".into(),
            year: 111,
            year_label: "111年".into(),
            body: "橋梁維護".into(),
            flags: 0,
            quarters: 0,
        };
        let index =
            SearchIndex::build(crate::model::Lang::Zh, vec![doc], vec!["alpha".into()]).unwrap();
        let live = live_with(index);
        // a rebuild holds the session the whole time: the search answers from the shared index
        let _rebuilding = live.session.lock().unwrap();
        let started = Instant::now();
        let r = api_search("q=%E6%A9%8B%E6%A2%81&lang=zh", &live);
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
        assert!(started.elapsed() < SEARCH_WAIT / 2);
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["total"], 1);
        // no index shared yet for English: that one waits for the session, then 503
        assert_eq!(api_search("q=bridge&lang=en", &live).status, 503);
    }

    #[test]
    fn percent_encoded_paths_find_their_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("年報 111")).unwrap();
        std::fs::write(dir.path().join("年報 111/index.html"), "x").unwrap();
        let found = resolve(dir.path(), "/%E5%B9%B4%E5%A0%B1%20111/");
        assert_eq!(found, Some(dir.path().join("年報 111/index.html")));
        // not UTF-8 once decoded, or a stray `%`: no file
        assert!(resolve(dir.path(), "/%FF/").is_none());
        assert!(resolve(dir.path(), "/%zz").is_none());
    }

    #[test]
    fn live_script_goes_before_body_end() {
        let out = inject_live(b"<html><body><p>x</body></html>".to_vec());
        assert!(String::from_utf8(out).unwrap().contains("</script></body>"));
    }
}
