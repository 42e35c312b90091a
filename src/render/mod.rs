//! Rendering: the model through Tera templates into HTML, feeds and sitemaps.

mod cache;
mod context;
mod feed;
mod page;
pub mod pages;
pub mod share;
mod sitemap;
pub mod strings;
mod summary;
pub mod theme;
pub mod vendor;
pub mod views;
pub mod why;

/// Markdown to HTML, which pages render through; it lives below rendering ([`crate::text`]),
/// since validation and search read Markdown too.
pub use crate::text::markdown;
pub use cache::ValueCache;
pub use feed::feed_entries;

use crate::error::{Diagnostic, Error, Result};
use crate::model::urls::Urls;
use crate::model::{Lang, Site};
use cache::Listing;
use context::LangContext;
use pages::{PageKey, Reads};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;
use strings::Strings;
use tera::Tera;
use theme::Theme;

/// What rendering needs besides the model: asset URLs and the search manifests.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Theme static path → fingerprinted URL.
    pub assets: BTreeMap<String, String>,
    /// Search manifest URL per language code.
    pub search_manifest: BTreeMap<String, String>,
}

/// Time spent per template (and per named step), summed over every page and thread, so a
/// theme author can see what costs.
#[derive(Debug, Default)]
pub struct Timings(std::sync::Mutex<BTreeMap<&'static str, (std::time::Duration, usize)>>);

impl Timings {
    /// Runs `f`, adding its time to `name`.
    pub fn time<T>(&self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = std::time::Instant::now();
        let out = f();
        let mut m = self.0.lock().expect("timings lock");
        let e = m.entry(name).or_default();
        e.0 += start.elapsed();
        e.1 += 1;
        out
    }

    /// (name, total time, calls), the slowest first.
    pub fn slowest_first(&self) -> Vec<(&'static str, std::time::Duration, usize)> {
        let m = self.0.lock().expect("timings lock");
        let mut v: Vec<_> = m.iter().map(|(k, (d, n))| (*k, *d, *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }
}

/// Compiles the theme's templates. A template error names the template file.
pub fn engine(theme: &Theme) -> Result<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    let mut sources = Vec::new();
    for (name, src, bytes) in theme.under("templates") {
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
            Error::Invalid(vec![Diagnostic::new(
                src,
                crate::error::Msg::new("template is not valid UTF-8", "樣板不是有效的 UTF-8 文字"),
            )])
        })?;
        sources.push((name.to_string(), text));
    }
    tera.add_raw_templates(sources).map_err(|e| {
        let e = crate::error::Chain(&e);
        Error::Invalid(vec![Diagnostic::new(
            "themes",
            crate::msg!("template error:\n{e}", "樣板錯誤：\n{e}"),
        )])
    })?;
    Ok(tera)
}

/// Which files a render writes.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every page, feed, sitemap and robots.txt.
    All,
    /// These pages (in both languages); the feeds and the sitemap only when asked, because
    /// they change only when their entries do.
    Pages {
        /// The pages.
        keys: &'a [PageKey],
        /// Rewrite the sitemap too.
        sitemap: bool,
        /// Rewrite the feeds too.
        feeds: bool,
    },
}
/// What a render reads: the model, the theme and its compiled templates, the assets' URLs,
/// and where it keeps listing values and times.
#[derive(Clone, Copy)]
pub struct Renderer<'a> {
    /// The model.
    pub site: &'a Site,
    /// The theme chain (for its interface strings).
    pub theme: &'a Theme,
    /// The theme's compiled templates.
    pub tera: &'a Tera,
    /// Asset URLs and search manifests.
    pub extras: &'a Extras,
    /// Where time per template is summed.
    pub timings: &'a Timings,
    /// Plans' listing values, kept between `serve`'s rebuilds.
    pub cache: &'a ValueCache,
    /// The open-data files' sizes, for the data page: the files are written before it.
    pub data_sizes: &'a crate::opendata::DataSizes,
}

/// The pages a render writes, the plans they list, and whether feeds and sitemap go too.
struct Plan<'k> {
    keys: Cow<'k, [PageKey]>,
    /// Plans needing listing values (indices into `site.plans`); `None` for all.
    needed: Option<Vec<usize>>,
    sitemap: bool,
    feeds: bool,
}

impl<'k> Plan<'k> {
    fn of(site: &Site, scope: Scope<'k>) -> Plan<'k> {
        match scope {
            Scope::All => Plan {
                keys: Cow::Owned(PageKey::all(site)),
                needed: None,
                sitemap: true,
                feeds: true,
            },
            Scope::Pages {
                keys,
                sitemap,
                feeds,
            } => {
                // only the plans these pages list need listing values
                let mut needed: Vec<usize> = keys
                    .iter()
                    .flat_map(|k| k.listed(site).into_owned())
                    .collect();
                needed.sort_unstable();
                needed.dedup();
                Plan {
                    keys: Cow::Borrowed(keys),
                    needed: Some(needed),
                    sitemap,
                    feeds,
                }
            }
        }
    }
}

/// Renders the site's pages in both languages, calling `sink` for each file as soon as it is
/// ready (in parallel). A one-off build renders through [`OneOff`] instead, in two parts.
pub fn render_site(r: &Renderer, scope: Scope, sink: crate::output::Sink) -> Result<()> {
    let langs = contexts(r)?;
    let plan = Plan::of(r.site, scope);
    for (lang, ctx) in &langs {
        Language::new(r, &plan, (*lang, ctx), sink).pages()?;
    }
    if r.cache.is_transient() {
        render_summaries(r, &plan, &langs, sink)?;
    }
    if plan.sitemap {
        write_sitemap(r, sink)?;
    }
    Ok(())
}

/// Each language's shared page context.
fn contexts(r: &Renderer) -> Result<Vec<(Lang, LangContext)>> {
    let all_strings = r.theme.strings()?;
    Ok((Lang::ALL.iter())
        .map(|&lang| {
            let s = Strings::new(&all_strings, lang);
            (lang, LangContext::new(r.site, lang, &s, r.extras))
        })
        .collect())
}

/// A one-off build's rendering of every page, in two parts that may run at once on different
/// threads: [`OneOff::pages`], the pages listing plans and the feeds, and
/// [`OneOff::summaries`], the pages summing up the whole site and the sitemap. The agency
/// comparison has a row per agency and year, the largest context of all at 100,000 plans
/// (a hundred megabytes and more): the build starts the summaries once the search index and
/// the open data, made beside the pages, have let theirs go, and the pages go on beside them
/// rather than leaving a core idle at the end. The summaries list no plans, so they need no
/// listing values.
pub struct OneOff<'a> {
    r: Renderer<'a>,
    plan: Plan<'static>,
    langs: Vec<(Lang, LangContext)>,
}

impl<'a> OneOff<'a> {
    /// Prepares both languages' contexts; `r` holds a transient value cache.
    pub fn new(r: Renderer<'a>) -> Result<OneOff<'a>> {
        debug_assert!(r.cache.is_transient(), "a one-off build keeps no values");
        Ok(OneOff {
            plan: Plan::of(r.site, Scope::All),
            langs: contexts(&r)?,
            r,
        })
    }

    /// Every page but the summaries, and the feeds.
    pub fn pages(&self, sink: crate::output::Sink) -> Result<()> {
        (self.langs.iter()).try_for_each(|(lang, ctx)| {
            Language::new(&self.r, &self.plan, (*lang, ctx), sink).pages()
        })
    }

    /// The pages summing up the whole site (one language after the other), then the sitemap.
    pub fn summaries(&self, sink: crate::output::Sink) -> Result<()> {
        render_summaries(&self.r, &self.plan, &self.langs, sink)?;
        write_sitemap(&self.r, sink)
    }
}

/// The pages reading every plan, which a one-off build renders apart from the others (see
/// [`OneOff`]): one language after the other, since each holds the agency comparison's values.
fn render_summaries(
    r: &Renderer,
    plan: &Plan,
    langs: &[(Lang, LangContext)],
    sink: crate::output::Sink,
) -> Result<()> {
    let keys: Vec<&PageKey> = (plan.keys.iter())
        .filter(|k| k.reads() == Reads::All)
        .collect();
    for (lang, ctx) in langs {
        let (site, lang, s) = (r.site, *lang, &ctx.strings);
        let one = Language::new(r, plan, (lang, ctx), sink);
        one.render(&keys, &Listing::OnDemand { site, lang, s })?;
    }
    Ok(())
}

/// One language's share of a render: the renderer, the plan, the language with its shared
/// context, and where the files go.
#[derive(Clone, Copy)]
struct Language<'a> {
    r: &'a Renderer<'a>,
    plan: &'a Plan<'a>,
    lang: Lang,
    ctx: &'a LangContext,
    sink: crate::output::Sink<'a>,
}

impl<'a> Language<'a> {
    fn new(
        r: &'a Renderer<'a>,
        plan: &'a Plan<'a>,
        (lang, ctx): (Lang, &'a LangContext),
        sink: crate::output::Sink<'a>,
    ) -> Self {
        Language {
            r,
            plan,
            lang,
            ctx,
            sink,
        }
    }

    /// The pages (and feed, when planned) of the language.
    fn pages(&self) -> Result<()> {
        let Language {
            r, plan, lang, ctx, ..
        } = *self;
        let (site, timings, s) = (r.site, r.timings, &ctx.strings);
        let render = |keys: &[&PageKey], values: &Listing| self.render(keys, values);
        if !r.cache.is_transient() {
            // each plan becomes a listing value once, shared by every page listing it, and kept
            let values = timings.time("(plan values)", || {
                r.cache.values(site, lang, s, plan.needed.as_deref())
            });
            let keys: Vec<&PageKey> = plan.keys.iter().collect();
            return render(&keys, &Listing::Made(values)).and_then(|()| self.feed());
        }
        // A one-off build holds one year's listing values at a time (at 100,000 plans, all of
        // them at once would be most of a gigabyte): a year's pages share that year's values, and
        // its plans' pages take theirs from them; an agency's page, the only other page listing
        // plans, makes its own. The pages reading every plan come last ([`render_site`]).
        let mut by_year: BTreeMap<u32, Vec<&PageKey>> = BTreeMap::new();
        let mut others = Vec::new();
        for k in plan.keys.iter().filter(|k| k.reads() != Reads::All) {
            match year_read(site, k) {
                Some(year) => by_year.entry(year).or_default().push(k),
                None => others.push(k),
            }
        }
        render(&others, &Listing::OnDemand { site, lang, s })?;
        // one year after the other (each on every core): years side by side would each hold
        // their values, a thread waiting on one year's work taking up another's
        for (year, plans) in &site.years {
            let keys = by_year.remove(year).unwrap_or_default();
            let values = timings.time("(plan values)", || Listing::of(site, lang, s, plans));
            let values = timings.time("(year rows)", || {
                values.with_rows(|p| page::year_row(r.tera, ctx, p))
            })?;
            render(&keys, &values)?;
        }
        self.feed()
    }
}

/// The year whose listing values page `k` is made from: a year's page and its findings'
/// pages list its plans, and a plan's page shows its own listing value.
fn year_read(site: &Site, k: &PageKey) -> Option<u32> {
    match k.reads() {
        Reads::Year(year) => Some(year),
        Reads::Plan(i) => Some(site.plans[i].record.year),
        _ => None,
    }
}

impl Language<'_> {
    /// Renders the pages `keys` of the language on every core.
    fn render(&self, keys: &[&PageKey], values: &Listing) -> Result<()> {
        let Language { r, sink, .. } = *self;
        keys.par_iter().try_for_each_init(Vec::new, |html, key| {
            let file = r.timings.time(key.template(), || {
                page::render_page(self, values, key, html)
            })?;
            r.timings.time("(write)", || sink(&file, html))
        })
    }

    /// The language's feed, when planned.
    fn feed(&self) -> Result<()> {
        let Language {
            r,
            plan,
            lang,
            ctx,
            sink,
        } = *self;
        if plan.feeds {
            let feed = r
                .timings
                .time("feed.xml", || feed::render_feed(r.site, r.tera, ctx, lang))?;
            let file = Urls::new(&r.site.config, lang).feed();
            sink(file.trim_start_matches('/'), feed.as_bytes())?;
        }
        Ok(())
    }
}

/// `sitemap.xml` (with its parts, on a large site) and `robots.txt`.
fn write_sitemap(r: &Renderer, sink: crate::output::Sink) -> Result<()> {
    let all = PageKey::all(r.site);
    let files = r.timings.time("sitemap.xml", || {
        sitemap::render_sitemap(r.site, r.tera, &all)
    })?;
    for (file, xml) in files {
        sink(&file, xml.as_bytes())?;
    }
    let robots = format!(
        "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
        base(r.site)
    );
    sink("robots.txt", robots.as_bytes())
}

/// The site's base URL without its trailing slash.
fn base(site: &Site) -> &str {
    site.config.base_url.trim_end_matches('/')
}

/// A template that failed to render, named as the theme author knows it.
fn template_error(name: &str, e: tera::Error) -> Error {
    let e = crate::error::Chain(&e);
    Error::Invalid(vec![Diagnostic::new(
        format!("templates/{name}"),
        crate::msg!("cannot render:\n{e}", "無法產生頁面：\n{e}"),
    )])
}
