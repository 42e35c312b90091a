//! The build pipeline: content → model → render → output, with timings per phase.
//! [`incremental`] keeps the pipeline's state between rebuilds for `serve`.

pub mod incremental;
pub mod progress;

use crate::content;
use crate::error::{Msg, Result};
use crate::model::Site;
use crate::output::{self, assets, publish::Batch, Writer};
use crate::render::{self, theme::Theme, Extras};
use crate::search;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What a build produced.
#[derive(Debug, Clone)]
pub struct Report {
    /// Files written.
    pub files: usize,
    /// Plans published.
    pub plans: usize,
    /// Time of each phase, in order.
    pub phases: Vec<(&'static str, Duration)>,
    /// The own time of each job of the phase that runs several at once (search index, open
    /// data, pages), which overlap.
    pub parts: Vec<(&'static str, Duration)>,
    /// Time per template and rendering step (summed over threads), the slowest first.
    pub templates: Vec<(&'static str, Duration, usize)>,
    /// Problems that did not stop the site from being published (to print as warnings).
    pub warnings: Vec<String>,
    /// Pages minified, when pages are minified: the others rendered as they did for the
    /// published site, whose minified bytes were taken back (see [`output::minify::Pages`]).
    pub minified: Option<usize>,
    /// Time spent minifying, summed over threads (part of the pages' time).
    pub minifying: Duration,
}

impl Report {
    /// Total time.
    pub fn total(&self) -> Duration {
        self.phases.iter().map(|(_, d)| *d).sum()
    }
}

/// What a build keeps once its files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Nothing: the search indexes and the records as read are dropped as soon as they are
    /// written, so that their memory is free for rendering pages.
    Nothing,
    /// The records as read, the plans' template values and the search indexes, for `serve`'s
    /// incremental rebuilds.
    ForRebuilds,
}

/// Where a build reports how far it is (a progress bar on a terminal). Called from several
/// threads at once.
pub trait Progress: Sync {
    /// A phase begins; `what` says what it does (`reading records`, `writing pages`).
    fn phase(&self, what: &str);
    /// One more file is written.
    fn file_written(&self);
}

/// Progress that goes nowhere: builds in tests, `serve` and every non-terminal.
pub struct Quiet;

impl Progress for Quiet {
    fn phase(&self, _: &str) {}
    fn file_written(&self) {}
}

/// Where a build's times go: its phases in order, and the jobs of the phase that runs
/// several at once (see [`Report::parts`]).
#[derive(Debug, Default)]
pub struct Times {
    /// Time of each phase, in order.
    pub phases: Vec<(&'static str, Duration)>,
    /// The own time of each job run at once with others.
    pub parts: Vec<(&'static str, Duration)>,
}

/// Loaded, checked and linked input, ready to render.
pub struct Prepared {
    /// The content as read.
    pub content: content::Content,
    /// The model.
    pub site: Site,
    /// The theme chain.
    pub theme: Theme,
    /// Compiled templates.
    pub tera: tera::Tera,
    /// Plans' template values, filled by the first render and reused by incremental ones.
    pub cache: render::ValueCache,
    /// The search indexes and their files, filled by a build.
    pub search: search::Published,
    /// The open-data files' sizes, filled as they are written, for the data page.
    pub data_sizes: crate::opendata::DataSizes,
    /// How the open data is written: each plan's pieces, kept for incremental rebuilds, and
    /// how tightly the ODS sheets are packed.
    pub open_data: crate::opendata_pieces::Writing,
    /// Whether pages and the theme's scripts are minified: as the options say, else as
    /// `site.yaml` does (on unless set off).
    pub minify: bool,
}

/// Loads and validates content and theme; compiles templates.
pub fn prepare(
    root: &Path,
    keep: Keep,
    phases: &mut Vec<(&'static str, Duration)>,
    options: &Options,
) -> Result<Prepared> {
    let t = Instant::now();
    let mut content = content::load(root)?;
    apply(&mut content, options)?;
    phases.push(("load content", t.elapsed()));
    let t = Instant::now();
    let theme = Theme::load(root, &content.site.value.theme)?;
    let tera = render::engine(&theme)?;
    phases.push(("load theme", t.elapsed()));
    let t = Instant::now();
    // drafts were validated with the rest; the model leaves them out unless asked
    let site = match keep {
        Keep::ForRebuilds => Site::build_with(&content, theme.pages()?, options.drafts),
        // the model holds what rendering needs; the records as read (text and values, about
        // 10 kB a plan) are only for incremental rebuilds
        Keep::Nothing => Site::build_taking(&mut content, theme.pages()?, options.drafts),
    };
    phases.push(("build model", t.elapsed()));
    let minify = options.minify.unwrap_or(content.site.value.minify);
    Ok(Prepared {
        content,
        site,
        theme,
        tera,
        cache: render::ValueCache::default(),
        search: search::Published::default(),
        data_sizes: Default::default(),
        open_data: crate::opendata_pieces::Writing {
            pieces: match keep {
                Keep::ForRebuilds => crate::opendata_pieces::Pieces::default(),
                Keep::Nothing => crate::opendata_pieces::Pieces::transient(),
            },
            packing: options.packing,
        },
        minify,
    })
}

/// What pages need besides the model: fingerprinted asset URLs and the search manifests.
/// With `minify`, the built-in theme's scripts are published minified
/// ([`output::minify::script`]); a script a site's theme replaces is published as written,
/// since the minifier's parser recurses as deep as the script nests (a script nesting a
/// million brackets would overflow the stack), and only the built-in ones are known.
pub fn extras(theme: &Theme, minify: bool) -> (Vec<assets::Asset>, Extras) {
    let minified =
        |rel: &str| minify && rel.ends_with(".js") && theme.is_builtin(&format!("static/{rel}"));
    let statics: Vec<(&str, std::borrow::Cow<[u8]>)> = (theme.under("static"))
        .map(|(rel, _, bytes)| {
            if minified(rel) {
                (rel, output::minify::script(bytes).into())
            } else {
                (rel, bytes.into())
            }
        })
        .collect();
    let (files, urls) = assets::fingerprint(statics.iter().map(|(rel, b)| (*rel, &b[..])));
    let search_manifest = crate::model::Lang::ALL
        .iter()
        .map(|l| (l.code().to_string(), search::export::manifest_url(*l)))
        .collect();
    (
        files,
        Extras {
            assets: urls,
            search_manifest,
        },
    )
}

/// Renders everything into `sink`; returns the search side when `keep` asks for it (for
/// `serve`). The search index, the open data and the pages read the model and nothing of
/// each other, so they are made at the same time, every core busy until the last file; each
/// one's own time goes in `parts`.
pub fn render_all(
    p: &Prepared,
    keep: Keep,
    sink: crate::output::Sink,
    times: &mut Times,
    timings: &render::Timings,
    progress: &dyn Progress,
) -> Result<search::Published> {
    let extras = write_assets(p, sink, times)?;
    let t = Instant::now();
    let n = p.site.plans.len();
    progress.phase(
        &crate::msg!(
            "indexing {n} plans for search, writing open data and pages",
            "為 {n} 個計畫建立搜尋索引，寫出開放資料與頁面"
        )
        .to_string(),
    );
    // The search index holds hundreds of megabytes at 100,000 plans (one language's
    // documents and index): it and the open data are made one after the other, beside the
    // pages; in a one-off build the pages summing up the site follow them there (see
    // [`render::OneOff`]).
    let renderer = render::Renderer {
        site: &p.site,
        theme: &p.theme,
        tera: &p.tera,
        extras: &extras,
        timings,
        cache: &p.cache,
        data_sizes: &p.data_sizes,
    };
    let one_off = match keep {
        Keep::Nothing => Some(render::OneOff::new(renderer)?),
        Keep::ForRebuilds => None,
    };
    // the data page gives the files' sizes: a one-off build renders it with the summaries,
    // after the open data; otherwise the open data come first
    let data_first = match &one_off {
        Some(_) => None,
        None => Some(timed(|| write_open_data(p, sink))?.1),
    };
    let ((search, data, summaries), pages) = rayon::join(
        || {
            let search = timed(|| match keep {
                Keep::ForRebuilds => search::Published::build(&p.site, sink).map(Some),
                Keep::Nothing => search::write_files(&p.site, sink).map(|()| None),
            });
            let data = match data_first {
                Some(took) => Ok(((), took)),
                None => timed(|| write_open_data(p, sink)),
            };
            let summaries = timed(|| match &one_off {
                Some(o) => o.summaries(sink),
                None => Ok(()),
            });
            (search, data, summaries)
        },
        || {
            timed(|| match &one_off {
                Some(o) => o.pages(sink),
                None => render::render_site(&renderer, render::Scope::All, sink),
            })
        },
    );
    let (published, search) = search?;
    times.parts = vec![
        ("search index", search),
        ("open data", data?.1),
        ("pages", pages?.1),
    ];
    let summaries = summaries?.1;
    if one_off.is_some() {
        times.parts.push(("summing-up pages", summaries));
    }
    times
        .phases
        .push(("search, open data and pages", t.elapsed()));
    Ok(published.unwrap_or_default())
}

/// Writes the theme's assets, timed; what pages need to link them.
fn write_assets(p: &Prepared, sink: crate::output::Sink, times: &mut Times) -> Result<Extras> {
    let t = Instant::now();
    let (files, extras) = extras(&p.theme, p.minify);
    for a in &files {
        sink(&a.path, &a.bytes)?;
    }
    times.phases.push(("assets", t.elapsed()));
    Ok(extras)
}

/// What `job` made, and how long it took.
fn timed<T>(job: impl FnOnce() -> Result<T>) -> Result<(T, Duration)> {
    let t = Instant::now();
    job().map(|made| (made, t.elapsed()))
}

/// Each year's records as JSON, CSV and ODS under `data/`, every year's in `data/all.*`, and
/// the JSON's schema.
fn write_open_data(p: &Prepared, sink: crate::output::Sink) -> Result<()> {
    let years: Vec<u32> = p.site.years.iter().map(|(y, _)| *y).collect();
    crate::opendata_files::write(&p.site, &years, (&p.data_sizes, &p.open_data), sink)
}

/// Renders a prepared site into `sink`, counting files and timing templates.
fn run(
    p: &mut Prepared,
    keep: Keep,
    phases: Vec<(&'static str, Duration)>,
    sink: crate::output::Sink,
    progress: &dyn Progress,
) -> Result<Report> {
    let mut times = Times {
        phases,
        parts: Vec::new(),
    };
    let count = AtomicUsize::new(0);
    let timings = render::Timings::default();
    let counted = |path: &str, bytes: &[u8]| {
        count.fetch_add(1, Ordering::Relaxed);
        progress.file_written();
        sink(path, bytes)
    };
    p.search = render_all(p, keep, &counted, &mut times, &timings, progress)?;
    Ok(Report {
        files: count.into_inner(),
        plans: p.site.plans.len(),
        phases: times.phases,
        parts: times.parts,
        templates: timings.slowest_first(),
        warnings: Vec::new(),
        minified: None,
        minifying: Duration::ZERO,
    })
}

/// Validates everything a build would, rendering every page in memory, and writes nothing.
pub fn check(root: &Path) -> Result<Report> {
    check_with(root, &Options::default())
}

/// Whether what is still to do (an English text not yet written) stops a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    /// Warnings are reported and the site is built.
    #[default]
    Lenient,
    /// Every warning is an error (`--strict`, for a pipeline that wants nothing left to do).
    Strict,
}

/// How a build or check runs, beyond its folders.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Whether warnings stop it.
    pub strictness: Strictness,
    /// The address the site is published at, in place of `site.yaml`'s `base_url` (a deploy
    /// preview's, `serve`'s own): canonical links, `hreflang`, the sitemap, robots and feeds.
    pub base_url: Option<String>,
    /// Drafts left out (a published build's default) or shown and marked (`serve`,
    /// `--drafts`). Either way they are validated.
    pub drafts: crate::model::Drafts,
    /// Whether pages are minified: `None` for `site.yaml`'s `minify` (on unless set off);
    /// `serve` gives `Some(false)`, so that its pages read as their templates are written.
    pub minify: Option<bool>,
    /// How tightly the ODS sheets are packed: smallest for a published build, not deflated
    /// for `serve`, whose downloads are checked, not downloaded.
    pub packing: crate::opendata_ods::Packing,
}

/// Puts `options`' base URL in place of the settings' one, refusing one that is not an
/// absolute http(s) address.
fn apply(content: &mut content::Content, options: &Options) -> Result<()> {
    let Some(url) = &options.base_url else {
        return Ok(());
    };
    let web = url.starts_with("https://") || url.starts_with("http://");
    if !web || url.contains(char::is_whitespace) || url.len() <= "https://".len() {
        return Err(crate::error::Error::Usage(crate::msg!(
            "--base-url {url:?} is not an absolute http(s) address such as https://example.gov.tw/",
            "--base-url {url:?} 不是以 http:// 或 https:// 開頭的完整網址（例如 https://example.gov.tw/）"
        )));
    }
    content.site.value.base_url = url.trim_end_matches('/').to_string();
    Ok(())
}

/// Fails with the content's warnings as errors when `strictness` asks for it.
fn enforce(content: &content::Content, strictness: Strictness) -> Result<()> {
    if strictness == Strictness::Strict && !content.warnings.is_empty() {
        let errors: Vec<_> = (content.warnings.iter().cloned())
            .map(|mut d| {
                d.warning = false;
                d
            })
            .collect();
        return Err(errors.into());
    }
    Ok(())
}

/// The content's warnings, as a report lists them.
fn content_warnings(content: &content::Content) -> Vec<String> {
    content.warnings.iter().map(|d| d.to_string()).collect()
}

/// [`check`] with `options`.
pub fn check_with(root: &Path, options: &Options) -> Result<Report> {
    let mut phases = Vec::new();
    let mut p = prepare(root, Keep::Nothing, &mut phases, options)?;
    enforce(&p.content, options.strictness)?;
    p.cache = render::ValueCache::transient();
    let mut report = run(&mut p, Keep::Nothing, phases, &|_, _| Ok(()), &Quiet)?;
    report.warnings = content_warnings(&p.content);
    Ok(report)
}

/// Builds the site under `root` into `output`, replacing it only if the whole build succeeds.
/// Refuses an output folder gongkai did not make (see [`output::guard`]).
pub fn build(root: &Path, output: &Path) -> Result<Report> {
    build_with(root, output, &Quiet, &Options::default())
}

/// [`build`] with `options`, telling `progress` how far it is.
pub fn build_with(
    root: &Path,
    output: &Path,
    progress: &dyn Progress,
    options: &Options,
) -> Result<Report> {
    let target = Target {
        output,
        writer: output::fs_writer(),
        publish: None,
        options: options.clone(),
    };
    build_into(root, &target, Keep::Nothing, progress).map(|(_, report)| report)
}

/// [`build`], also returning the loaded state for later incremental rebuilds; files are
/// written with `writer`, and the output is swapped holding `publish` for writing (readers of
/// the output hold it for reading).
pub fn build_keeping(
    root: &Path,
    output: &Path,
    writer: Writer,
    publish: Option<&crate::output::PublishLock>,
    options: &Options,
) -> Result<(Prepared, Report)> {
    build_keeping_with(root, output, writer, publish, options, &Quiet)
}

/// [`build_keeping`], telling `progress` how far it is (`serve`'s first build).
pub fn build_keeping_with(
    root: &Path,
    output: &Path,
    writer: Writer,
    publish: Option<&crate::output::PublishLock>,
    options: &Options,
    progress: &dyn Progress,
) -> Result<(Prepared, Report)> {
    let target = Target {
        output,
        writer,
        publish,
        options: options.clone(),
    };
    build_into(root, &target, Keep::ForRebuilds, progress)
}

/// Where a build's files go: the output folder, how files are written, and the lock held while
/// the output is swapped.
struct Target<'a> {
    output: &'a Path,
    writer: Writer,
    publish: Option<&'a crate::output::PublishLock>,
    options: Options,
}

fn build_into(
    root: &Path,
    target: &Target,
    keep: Keep,
    progress: &dyn Progress,
) -> Result<(Prepared, Report)> {
    let output = target.output;
    output::guard::check(root, output)?;
    let _lock = output::OutputLock::take(output)?;
    let mut phases = Vec::new();
    progress.phase(&Msg::new("reading records", "讀取紀錄").to_string());
    let mut p = prepare(root, keep, &mut phases, &target.options)?;
    enforce(&p.content, target.options.strictness)?;
    if keep == Keep::Nothing {
        p.cache = render::ValueCache::transient();
    }
    let batch = Batch::begin(output, target.writer.clone())?;
    let pages = p.minify.then(|| output::minify::Pages::for_output(output));
    let sink = |path: &str, bytes: &[u8]| match &pages {
        Some(pages) => batch.write(path, &pages.file(path, bytes)),
        None => batch.write(path, bytes),
    };
    let mut report = run(&mut p, keep, phases, &sink, progress)?;
    if let Some(pages) = &pages {
        // written last, when every page is in it
        batch.write(output::minify::CACHE, pages.cache().as_bytes())?;
        report.files += 1;
        progress.file_written();
        report.minified = Some(pages.minified());
        report.minifying = pages.time();
    }
    let t = Instant::now();
    progress.phase(&Msg::new("publishing", "發布").to_string());
    let published = batch.publish(target.publish)?;
    report.warnings = content_warnings(&p.content);
    report.warnings.extend(published.warnings);
    report.phases.push(("publish", t.elapsed()));
    Ok((p, report))
}

/// The output folder: `output` if given (relative to the working directory), else `root/public`.
pub fn output_dir(root: &Path, output: Option<PathBuf>) -> PathBuf {
    output.unwrap_or_else(|| root.join("public"))
}
