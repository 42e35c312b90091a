//! Rendering: the model through Tera templates into HTML, feeds and sitemaps.

pub mod markdown;
pub mod pages;
pub mod strings;
pub mod theme;
pub mod views;

use crate::error::{Diagnostic, Error, Result};
use crate::model::findings::Finding;
use crate::model::stats::stats;
use crate::model::urls::{data_file, Urls};
use crate::model::{Lang, Site};
use pages::PageKey;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use strings::Strings;
use tera::{Context, Tera, Value};
use theme::Theme;
use views::{plan_summary, plan_view, Link};

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
            Error::Invalid(vec![Diagnostic::new(src, "template is not valid UTF-8")])
        })?;
        sources.push((name.to_string(), text));
    }
    tera.add_raw_templates(sources).map_err(|e| {
        Error::Invalid(vec![Diagnostic::new(
            "themes",
            format!("template error:\n{e}"),
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

/// Plans' listing values ([`views::PlanSummary`]), by language, year and id, kept between
/// rebuilds by `serve`. An entry must be dropped when its plan changes.
#[derive(Debug, Default)]
pub struct ValueCache {
    /// Plan id → (language, year) → value: looked up by `&str`, without allocating.
    values: std::sync::Mutex<PlanValues>,
    /// Set for a one-off build: nothing is kept (at 100,000 plans the values are gigabytes).
    transient: std::sync::atomic::AtomicBool,
}

type PlanValues = std::collections::HashMap<String, std::collections::HashMap<(Lang, u32), Value>>;

impl ValueCache {
    /// A cache that keeps nothing, for builds that are not followed by incremental ones.
    pub fn transient() -> Self {
        ValueCache {
            transient: true.into(),
            ..ValueCache::default()
        }
    }

    /// Forgets the values of plan `id` in every year and language.
    pub fn forget(&self, id: &str) {
        self.values.lock().expect("cache lock").remove(id);
    }

    /// The listing values of the plans `needed` lists (indices into `site.plans`; all when
    /// `None`); the others are left undefined.
    fn values(&self, site: &Site, lang: Lang, s: &Strings, needed: Option<&[usize]>) -> Vec<Value> {
        let transient = self.transient.load(std::sync::atomic::Ordering::Relaxed);
        let mut known = self.values.lock().expect("cache lock");
        let cached = |i: usize| -> Option<Value> {
            let r = &site.plans[i].record;
            known.get(r.id.as_str())?.get(&(lang, r.year)).cloned()
        };
        let all: Vec<usize>;
        let needed = match needed {
            Some(n) => n,
            None => {
                all = (0..site.plans.len()).collect();
                &all
            }
        };
        // read under the lock (other threads only read it), made where missing
        let made: Vec<(usize, Value, bool)> = needed
            .par_iter()
            .map(|&i| match cached(i) {
                Some(v) => (i, v, false),
                None => (
                    i,
                    Value::from_serializable(&plan_summary(site, i, lang, s)),
                    true,
                ),
            })
            .collect();
        let mut values = vec![Value::undefined(); site.plans.len()];
        for (i, v, new) in made {
            if new && !transient {
                let r = &site.plans[i].record;
                known
                    .entry(r.id.clone())
                    .or_default()
                    .insert((lang, r.year), v.clone());
            }
            values[i] = v;
        }
        values
    }
}

/// Renders the site's pages in both languages, calling `sink` for each file as soon as it is
/// ready (in parallel).
#[allow(clippy::too_many_arguments)]
pub fn render_site(
    site: &Site,
    theme: &Theme,
    tera: &Tera,
    extras: &Extras,
    timings: &Timings,
    scope: Scope,
    cache: &ValueCache,
    sink: crate::output::Sink,
) -> Result<()> {
    let all_strings = theme.strings()?;
    let all_keys;
    let (keys, sitemap, feeds, needed) = match scope {
        Scope::All => {
            all_keys = PageKey::all(site);
            (all_keys.as_slice(), true, true, None)
        }
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
            (keys, sitemap, feeds, Some(needed))
        }
    };
    for lang in Lang::ALL {
        let s = Strings::new(&all_strings, lang);
        let ctx = LangContext::new(site, lang, &s, extras);
        // each plan becomes a listing value once, shared by every page listing it
        let plan_values = timings.time("(plan values)", || {
            cache.values(site, lang, &s, needed.as_deref())
        });
        keys.par_iter().try_for_each(|key| {
            let (file, html) = timings.time(key.template(), || {
                render_page(site, tera, &ctx, &plan_values, key, lang)
            })?;
            // templates are compacted at load (`output::minify::template`): no per-page pass
            timings.time("(write)", || sink(&file, html.as_bytes()))
        })?;
        if feeds {
            let feed = timings.time("feed.xml", || render_feed(site, tera, &ctx, lang))?;
            sink(
                Urls::new(&site.config, lang).feed().trim_start_matches('/'),
                feed.as_bytes(),
            )?;
        }
    }
    if sitemap {
        let all = PageKey::all(site);
        for (file, xml) in timings.time("sitemap.xml", || render_sitemap(site, tera, &all))? {
            sink(&file, xml.as_bytes())?;
        }
        sink(
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
                base(site)
            )
            .as_bytes(),
        )?;
    }
    Ok(())
}

fn base(site: &Site) -> &str {
    site.config.base_url.trim_end_matches('/')
}

/// The parts of every page's context that depend only on the language.
struct LangContext {
    base: Context,
    strings: Strings,
    lang: Lang,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    description: &'a str,
    publisher: &'a str,
    ministry: &'a str,
    base_url: &'a str,
    contact_email: &'a str,
    updated: &'a str,
    /// `updated` as the language writes dates (the ROC calendar in Chinese).
    updated_label: String,
    /// Identity and contact: each empty when `site.yaml` leaves it unset, and then not shown.
    unit: &'a str,
    address: &'a str,
    phone: &'a str,
    /// `phone` for a `tel:` link: digits and `+` only.
    phone_uri: String,
    office_hours: &'a str,
    ministry_url: &'a str,
    /// Any way to reach the publisher is set.
    has_contact: bool,
    logo: Option<ImageView<'a>>,
    mark: Option<MarkView<'a>>,
}

#[derive(Serialize)]
struct ImageView<'a> {
    src: &'a str,
    alt: &'a str,
}

#[derive(Serialize)]
struct MarkView<'a> {
    src: &'a str,
    alt: &'a str,
    url: &'a str,
}

/// A year record's source document, as the plan pages of that year name it.
#[derive(Serialize)]
struct SourceView<'a> {
    title: &'a str,
    publisher: &'a str,
    date: &'a str,
    date_label: String,
    reference: &'a str,
    url: &'a str,
}

fn source_view(site: &Site, year: u32, lang: Lang) -> Option<SourceView<'_>> {
    let d = &site.year_records.get(&year)?.source;
    fn opt(t: &Option<String>) -> &str {
        t.as_deref().unwrap_or("")
    }
    Some(SourceView {
        title: lang.pick(&d.title),
        publisher: d.publisher.as_ref().map_or("", |t| lang.pick(t)),
        date: opt(&d.date),
        date_label: d
            .date
            .as_deref()
            .map(|x| lang.date_label(x))
            .unwrap_or_default(),
        reference: opt(&d.reference),
        url: opt(&d.url),
    })
}

#[derive(Serialize)]
struct Nav {
    home: String,
    agencies: String,
    data: String,
    sitemap: String,
    search: String,
    feed: String,
    pages: Vec<Link>,
    years: Vec<YearLink>,
    agency_links: Vec<AgencyLink>,
    methodology: String,
}

#[derive(Serialize)]
struct YearLink {
    year: u32,
    label: String,
    url: String,
}

#[derive(Serialize)]
struct AgencyLink {
    slug: String,
    label: String,
    url: String,
    plans: usize,
    /// `3 項計畫` / `1 plan`.
    plans_label: String,
}

impl LangContext {
    fn new(site: &Site, lang: Lang, s: &Strings, extras: &Extras) -> Self {
        let u = Urls::new(&site.config, lang);
        let c = &site.config;
        let mut cx = Context::new();
        cx.insert("lang", lang.code());
        cx.insert("lang_tag", lang.tag(c));
        cx.insert("other_lang", lang.other().code());
        cx.insert("other_lang_tag", lang.other().tag(c));
        cx.insert("t", &s.0);
        cx.insert(
            "site",
            &SiteInfo {
                title: lang.pick(&c.title),
                description: lang.pick(&c.description),
                publisher: lang.pick(&c.publisher),
                ministry: lang.pick(&site.ministry),
                base_url: base(site),
                contact_email: &c.contact_email,
                updated: &c.updated,
                updated_label: lang.date_label(&c.updated),
                unit: c.unit.as_ref().map_or("", |t| lang.pick(t)),
                address: c.address.as_ref().map_or("", |t| lang.pick(t)),
                phone: c.phone.as_deref().unwrap_or(""),
                phone_uri: c
                    .phone
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .filter(|ch| ch.is_ascii_digit() || *ch == '+')
                    .collect(),
                office_hours: c.office_hours.as_ref().map_or("", |t| lang.pick(t)),
                ministry_url: c.ministry_url.as_deref().unwrap_or(""),
                has_contact: crate::model::has_contact(c),
                logo: c.logo.as_ref().map(|i| ImageView {
                    src: &i.src,
                    alt: lang.pick(&i.alt),
                }),
                mark: c.accessibility_mark.as_ref().map(|m| MarkView {
                    src: &m.image.src,
                    alt: lang.pick(&m.image.alt),
                    url: &m.url,
                }),
            },
        );
        // footer order: the pages Taiwanese government sites link from every footer
        let order = ["about", "accessibility", "privacy", "open-data"];
        let mut slugs: Vec<&String> = site.pages.keys().collect();
        slugs.sort_by_key(|s| {
            (
                order.iter().position(|o| o == s).unwrap_or(order.len()),
                s.as_str(),
            )
        });
        cx.insert(
            "nav",
            &Nav {
                home: u.home(),
                agencies: u.agencies(),
                data: u.page("data"),
                sitemap: u.page("sitemap"),
                search: u.page("search"),
                feed: u.feed(),
                pages: slugs
                    .iter()
                    .map(|s| Link {
                        label: lang.pick(&site.pages[*s].title).to_string(),
                        url: u.page(s),
                    })
                    .collect(),
                years: site
                    .years
                    .iter()
                    .rev()
                    .map(|(y, _)| YearLink {
                        year: *y,
                        label: lang.year_label(*y),
                        url: u.year(*y),
                    })
                    .collect(),
                agency_links: (0..site.agencies.len())
                    .map(|i| agency_link(site, i, lang, s))
                    .collect(),
                methodology: u.page("methodology"),
            },
        );
        cx.insert("assets", &extras.assets);
        cx.insert(
            "search_manifest",
            extras
                .search_manifest
                .get(lang.code())
                .map(String::as_str)
                .unwrap_or(""),
        );
        LangContext {
            base: cx,
            strings: s.clone(),
            lang,
        }
    }
}

#[derive(Serialize)]
struct PageInfo<'a> {
    kind: &'static str,
    title: String,
    url: String,
    canonical: String,
    alt_url: String,
    breadcrumbs: Vec<Link>,
    description: &'a str,
}

#[derive(Serialize)]
struct Field {
    name: &'static str,
    meaning: &'static str,
}

#[derive(Serialize)]
struct YearSummary {
    year: u32,
    label: String,
    url: String,
    /// `20 項計畫` / `20 plans`.
    plans_label: String,
    stats: crate::model::stats::Stats,
    mean_execution_text: Vec<String>,
    /// Every finding over these plans, with its count, statement and list.
    findings: Vec<FindingLink>,
    json: String,
    csv: String,
    ods: String,
}

/// One finding over a set of plans: how many show it, said in a sentence, and where they
/// are listed.
#[derive(Serialize, Clone)]
struct FindingLink {
    /// `behind-schedule`, `late-reports` …
    slug: String,
    /// `behind`, `behind_in`, `late`, `returned`, `special` or `challenge`.
    kind: &'static str,
    /// Plans showing it.
    count: usize,
    /// The plans showing it, by item.
    #[serde(skip)]
    plans: Vec<usize>,
    /// Where they are listed.
    url: String,
    /// The list's title: `進度曾落後之計畫`.
    title: String,
    /// `20 項計畫中 5 項進度曾落後`.
    statement: String,
    /// What the finding means, in one sentence.
    meaning: String,
    /// The methodology page's anchor that defines it.
    definition: String,
    /// Shown among the headline findings (a challenge level no plan has is left out).
    headline: bool,
}

/// The interface-string stem and methodology anchor of a finding.
fn finding_stem(f: Finding) -> (&'static str, &'static str) {
    match f {
        Finding::Behind => ("behind", "lag"),
        Finding::BehindIn(_) => ("behind_in", "lag"),
        Finding::Late => ("late", "reports"),
        Finding::Returned => ("returned", "returned"),
        Finding::Special => ("special", "special"),
        Finding::Challenge(_) => ("challenge", "challenge"),
    }
}

/// The findings over the plans `idx` (all of one year), each listed at `url_of`.
fn finding_links(
    site: &Site,
    idx: &[usize],
    lang: Lang,
    s: &Strings,
    url_of: &dyn Fn(Finding) -> String,
) -> Vec<FindingLink> {
    let u = Urls::new(&site.config, lang);
    let total = s.count("plans_n", idx.len(), &[]);
    Finding::all()
        .into_iter()
        .map(|f| {
            let plans: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| f.holds(&site.plans[i].record.facts))
                .collect();
            let (stem, anchor) = finding_stem(f);
            let quarter = match f {
                Finding::BehindIn(q) => s.fmt("quarter", &[("n", &q.to_string())]),
                _ => String::new(),
            };
            let level = match f {
                Finding::Challenge(c) => s.get(views::challenge_key(c)),
                _ => String::new(),
            };
            let args = [
                ("quarter", quarter.as_str()),
                ("level", level.as_str()),
                ("total", total.as_str()),
            ];
            FindingLink {
                slug: f.slug(),
                kind: stem,
                count: plans.len(),
                url: url_of(f),
                title: s.fmt(&format!("finding_{stem}_title"), &args),
                statement: s.count(&format!("finding_{stem}_statement"), plans.len(), &args),
                meaning: s.fmt(&format!("finding_{stem}_meaning"), &args),
                definition: format!("{}#{anchor}", u.page("methodology")),
                headline: !matches!(f, Finding::Challenge(_)) || !plans.is_empty(),
                plans,
            }
        })
        .collect()
}

fn year_summary(site: &Site, year: u32, idx: &[usize], lang: Lang, s: &Strings) -> YearSummary {
    let st = stats(idx.iter().map(|&i| &site.plans[i]));
    let u = Urls::new(&site.config, lang);
    YearSummary {
        year,
        label: lang.year_label(year),
        url: u.year(year),
        plans_label: s.count("plans_n", idx.len(), &[]),
        mean_execution_text: st
            .mean_execution
            .iter()
            .map(|x| format!("{}%", crate::model::numbers::fmt_num(*x)))
            .collect(),
        stats: st,
        findings: finding_links(site, idx, lang, s, &|f| u.finding(year, &f.slug())),
        json: data_file(year, "json"),
        csv: data_file(year, "csv"),
        ods: data_file(year, "ods"),
    }
}

/// One agency's row in the comparison of one year.
#[derive(Serialize)]
struct AgencyRow {
    agency: AgencyLink,
    /// Its plans that year.
    plans: usize,
    /// Behind schedule, late, returned, special: count and link to the agency page's list.
    counts: Vec<FindingLink>,
    /// The lowest cumulative execution of any quarter of any of its plans, and that plan.
    lowest: Option<LowestExecution>,
}

#[derive(Serialize)]
struct LowestExecution {
    text: String,
    value: f64,
    quarter: String,
    plan: Link,
}

/// An agency's plans showing one finding in one year.
#[derive(Serialize)]
struct AgencyFinding {
    link: FindingLink,
    anchor: String,
    plans: Vec<Link>,
}

#[derive(Serialize)]
struct AgencyFindingsYear {
    label: String,
    plans_label: String,
    findings: Vec<AgencyFinding>,
}

/// What an agency page says about the agency itself: only what `agencies.yaml` sets.
#[derive(Serialize)]
struct AgencyDetails {
    description: String,
    website: String,
    phone: String,
    email: String,
    address: String,
}

fn agency_details(a: &crate::model::Agency, lang: Lang) -> AgencyDetails {
    let pick = |t: &Option<crate::content::schema::Text>| {
        t.as_ref()
            .map(|t| lang.pick(t).to_string())
            .unwrap_or_default()
    };
    let c = a.contact.clone().unwrap_or_default();
    AgencyDetails {
        description: pick(&a.description),
        website: a.website.clone().unwrap_or_default(),
        phone: c.phone.unwrap_or_default(),
        email: c.email.unwrap_or_default(),
        address: pick(&c.address),
    }
}

/// The agencies compared, one table per year (newest first).
#[derive(Serialize)]
struct AgencyYear {
    year: u32,
    label: String,
    rows: Vec<AgencyRow>,
}

/// The findings an agency is compared on.
const COMPARED: [Finding; 4] = [
    Finding::Behind,
    Finding::Late,
    Finding::Returned,
    Finding::Special,
];

/// Where an agency page lists its plans showing `f` in `year`.
fn agency_anchor(year: u32, f: Finding) -> String {
    format!("y{year}-{}", f.slug())
}

/// Agency `a`'s plans in `year`.
fn agency_plans_in(site: &Site, a: usize, year: u32) -> Vec<usize> {
    site.agencies[a]
        .plans
        .iter()
        .copied()
        .filter(|&p| site.plans[p].record.year == year)
        .collect()
}

fn agency_years(site: &Site, lang: Lang, s: &Strings) -> Vec<AgencyYear> {
    let u = Urls::new(&site.config, lang);
    site.years
        .iter()
        .rev()
        .map(|(year, _)| AgencyYear {
            year: *year,
            label: lang.year_label(*year),
            rows: site
                .agencies
                .iter()
                .enumerate()
                .filter_map(|(ai, a)| {
                    let idx = agency_plans_in(site, ai, *year);
                    if idx.is_empty() {
                        return None;
                    }
                    let page = u.agency(&a.slug);
                    let counts = finding_links(site, &idx, lang, s, &|f| {
                        format!("{page}#{}", agency_anchor(*year, f))
                    })
                    .into_iter()
                    .filter(|l| COMPARED.iter().any(|f| f.slug() == l.slug))
                    .collect();
                    let lowest = idx
                        .iter()
                        .flat_map(|&i| {
                            site.plans[i]
                                .record
                                .facts
                                .budget_execution
                                .iter()
                                .enumerate()
                                .map(move |(q, v)| (i, q, *v))
                        })
                        .min_by(|x, y| x.2.total_cmp(&y.2))
                        .map(|(i, q, v)| LowestExecution {
                            text: format!("{}%", crate::model::numbers::fmt_num(v)),
                            value: v,
                            quarter: s.fmt("quarter", &[("n", &(q + 1).to_string())]),
                            plan: Link {
                                label: lang.pick(&site.plans[i].record.name).to_string(),
                                url: u.plan(*year, &site.plans[i].record.id),
                            },
                        });
                    Some(AgencyRow {
                        agency: agency_link(site, ai, lang, s),
                        plans: idx.len(),
                        counts,
                        lowest,
                    })
                })
                .collect(),
        })
        .collect()
}

fn agency_link(site: &Site, i: usize, lang: Lang, s: &Strings) -> AgencyLink {
    let a = &site.agencies[i];
    AgencyLink {
        slug: a.slug.clone(),
        label: lang.pick(&a.name).to_string(),
        url: Urls::new(&site.config, lang).agency(&a.slug),
        plans: a.plans.len(),
        plans_label: s.count("plans_n", a.plans.len(), &[]),
    }
}

fn render_page(
    site: &Site,
    tera: &Tera,
    lc: &LangContext,
    plans: &[Value],
    key: &PageKey,
    lang: Lang,
) -> Result<(String, String)> {
    let s = &lc.strings;
    let u = Urls::new(&site.config, lang);
    let url = key.url(site, lang);
    let home = Link {
        label: s.get("home"),
        url: u.home(),
    };
    let mut ctx = lc.base.clone();
    let list =
        |idx: &[usize]| Value::from(idx.iter().map(|&i| plans[i].clone()).collect::<Vec<_>>());
    let (kind, title, mut crumbs): (&str, String, Vec<Link>) = match key {
        PageKey::Home => {
            let years: Vec<YearSummary> = site
                .years
                .iter()
                .rev()
                .map(|(y, idx)| year_summary(site, *y, idx, lang, s))
                .collect();
            ctx.insert("years", &years);
            ("home", lang.pick(&site.config.title).to_string(), vec![])
        }
        PageKey::Year(y) => {
            let idx = key.listed(site);
            ctx.insert("year", &year_summary(site, *y, &idx, lang, s));
            ctx.insert_value("plans", list(&idx));
            (
                "year",
                s.fmt("year_title", &[("year", &lang.year_label(*y))]),
                vec![home],
            )
        }
        PageKey::Plan(i) => {
            // the review is in no listing: its value is made here, for this page only
            ctx.insert("plan", &plan_view(site, *i, lang, s));
            let r = &site.plans[*i].record;
            ctx.insert("source", &source_view(site, r.year, lang));
            let a = &site.agencies[site.plans[*i].agency];
            let crumbs = vec![
                home,
                Link {
                    label: s.fmt("year_title", &[("year", &lang.year_label(r.year))]),
                    url: u.year(r.year),
                },
                Link {
                    label: lang.pick(&a.name).to_string(),
                    url: u.agency(&a.slug),
                },
            ];
            ("plan", lang.pick(&r.name).to_string(), crumbs)
        }
        PageKey::Agencies => {
            ctx.insert("agency_years", &agency_years(site, lang, s));
            ("agencies", s.get("agencies"), vec![home])
        }
        PageKey::Agency(i) => {
            let a = &site.agencies[*i];
            let by_year: Vec<AgencyFindingsYear> = site
                .years
                .iter()
                .rev()
                .filter_map(|(y, _)| {
                    let idx = agency_plans_in(site, *i, *y);
                    if idx.is_empty() {
                        return None;
                    }
                    let findings = finding_links(site, &idx, lang, s, &|f| {
                        format!("#{}", agency_anchor(*y, f))
                    })
                    .into_iter()
                    .filter(|l| COMPARED.iter().any(|f| f.slug() == l.slug))
                    .map(|l| AgencyFinding {
                        anchor: l.url.trim_start_matches('#').to_string(),
                        plans: l
                            .plans
                            .iter()
                            .map(|&p| Link {
                                label: lang.pick(&site.plans[p].record.name).to_string(),
                                url: u.plan(*y, &site.plans[p].record.id),
                            })
                            .collect(),
                        link: l,
                    })
                    .collect();
                    Some(AgencyFindingsYear {
                        label: lang.year_label(*y),
                        plans_label: s.count("plans_n", idx.len(), &[]),
                        findings,
                    })
                })
                .collect();
            ctx.insert("agency", &agency_link(site, *i, lang, s));
            ctx.insert("details", &agency_details(a, lang));
            ctx.insert("agency_years", &by_year);
            // short names and acronyms, which search also finds it by (Chinese ones on
            // Chinese pages only)
            let short: Vec<&String> = a
                .short_names
                .iter()
                .filter(|n| lang == Lang::Zh || !n.chars().any(crate::search::tokenize::is_han))
                .collect();
            ctx.insert("agency_short_names", &short);
            ctx.insert_value("plans", list(&key.listed(site)));
            (
                "agency",
                lang.pick(&a.name).to_string(),
                vec![
                    home,
                    Link {
                        label: s.get("agencies"),
                        url: u.agencies(),
                    },
                ],
            )
        }
        PageKey::Finding(y, f) => {
            let year_idx = PageKey::Year(*y).listed(site);
            let summary = year_summary(site, *y, &year_idx, lang, s);
            let this = summary
                .findings
                .iter()
                .find(|l| l.slug == f.slug())
                .cloned()
                .expect("every finding is summed up");
            ctx.insert_value("plans", list(&this.plans));
            let title = s.fmt(
                "finding_page_title",
                &[("title", &this.title), ("year", &lang.year_label(*y))],
            );
            ctx.insert("finding", &this);
            ctx.insert("year", &summary);
            let crumbs = vec![
                home,
                Link {
                    label: s.fmt("year_title", &[("year", &lang.year_label(*y))]),
                    url: u.year(*y),
                },
            ];
            ("finding", title, crumbs)
        }
        PageKey::Methodology => ("methodology", s.get("methodology_title"), vec![home]),
        PageKey::Prose(slug) => {
            let p = &site.pages[slug];
            ctx.insert("body", &markdown::to_html(lang.pick(&p.body)));
            ctx.insert("slug", slug);
            ("prose", lang.pick(&p.title).to_string(), vec![home])
        }
        PageKey::Data => {
            let years: Vec<YearSummary> = site
                .years
                .iter()
                .rev()
                .map(|(y, idx)| year_summary(site, *y, idx, lang, s))
                .collect();
            ctx.insert("years", &years);
            let fields: Vec<Field> = crate::opendata::field_descriptions()
                .into_iter()
                .map(|(name, zh, en)| Field {
                    name,
                    meaning: if lang == Lang::Zh { zh } else { en },
                })
                .collect();
            ctx.insert("fields", &fields);
            ("data", s.get("data_title"), vec![home])
        }
        PageKey::SitemapPage => {
            let years: Vec<YearSummary> = site
                .years
                .iter()
                .rev()
                .map(|(y, idx)| year_summary(site, *y, idx, lang, s))
                .collect();
            ctx.insert("years", &years);
            ("sitemap", s.get("sitemap"), vec![home])
        }
        PageKey::Search => ("search", s.get("search"), vec![home]),
        PageKey::NotFound => ("not_found", s.get("not_found_title"), vec![home]),
    };
    if !crumbs.is_empty() {
        crumbs.push(Link {
            label: title.clone(),
            url: url.clone(),
        });
    }
    ctx.insert(
        "page",
        &PageInfo {
            kind,
            canonical: format!("{}{}", base(site), url),
            alt_url: key.url(site, lang.other()),
            title,
            url: url.clone(),
            breadcrumbs: crumbs,
            description: lang.pick(&site.config.description),
        },
    );
    let html = tera
        .render(key.template(), &ctx)
        .map_err(|e| template_error(key.template(), e))?;
    Ok((crate::model::urls::to_file(&url), html))
}

fn template_error(name: &str, e: tera::Error) -> Error {
    Error::Invalid(vec![Diagnostic::new(
        format!("templates/{name}"),
        format!("cannot render:\n{e}"),
    )])
}

/// Entries per feed: a year of one ministry fits; a national site's feed stays small.
const FEED_ENTRIES: usize = 200;

/// The plans a feed shows (indices into `site.plans`): the newest year first, then by item;
/// a feed is for news, so it stops at [`FEED_ENTRIES`].
pub fn feed_entries(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.plans.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(site.plans[i].record.year),
            site.plans[i].record.item,
        )
    });
    order.truncate(FEED_ENTRIES);
    order
}

fn render_feed(site: &Site, tera: &Tera, lc: &LangContext, lang: Lang) -> Result<String> {
    let mut ctx = lc.base.clone();
    let order = feed_entries(site);
    ctx.insert_value(
        "plans",
        Value::from_serializable(
            &order
                .iter()
                .map(|&i| plan_view(site, i, lang, &lc.strings))
                .collect::<Vec<_>>(),
        ),
    );
    ctx.insert(
        "feed_url",
        &format!("{}{}", base(site), Urls::new(&site.config, lang).feed()),
    );
    ctx.insert(
        "home_url",
        &format!("{}{}", base(site), Urls::new(&site.config, lang).home()),
    );
    let _ = lc.lang;
    tera.render("feed.xml", &ctx)
        .map_err(|e| template_error("feed.xml", e))
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    alternates: Vec<(String, String)>,
}

/// URLs per sitemap file; the protocol allows 50,000, and a larger site gets an index.
const SITEMAP_URLS: usize = 40_000;

/// `sitemap.xml`, or for large sites `sitemap.xml` as an index of `sitemap-N.xml` files.
fn render_sitemap(site: &Site, tera: &Tera, keys: &[PageKey]) -> Result<Vec<(String, String)>> {
    let mut entries = Vec::new();
    for lang in Lang::ALL {
        for key in keys.iter().filter(|k| k.in_sitemap()) {
            entries.push(SitemapEntry {
                loc: format!("{}{}", base(site), key.url(site, lang)),
                alternates: Lang::ALL
                    .iter()
                    .map(|l| {
                        (
                            l.tag(&site.config).to_string(),
                            format!("{}{}", base(site), key.url(site, *l)),
                        )
                    })
                    .collect(),
            });
        }
    }
    let render = |chunk: &[SitemapEntry]| {
        let mut ctx = Context::new();
        ctx.insert("entries", chunk);
        tera.render("sitemap.xml", &ctx)
            .map_err(|e| template_error("sitemap.xml", e))
    };
    split_sitemap(&entries, SITEMAP_URLS, base(site), render)
}

/// One sitemap, or an index and numbered parts of at most `per_file` entries each.
fn split_sitemap<T>(
    entries: &[T],
    per_file: usize,
    base: &str,
    render: impl Fn(&[T]) -> Result<String>,
) -> Result<Vec<(String, String)>> {
    if entries.len() <= per_file {
        return Ok(vec![("sitemap.xml".to_string(), render(entries)?)]);
    }
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let base = base.replace('&', "&amp;").replace('<', "&lt;");
    for (i, chunk) in entries.chunks(per_file).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!("<sitemap><loc>{base}/{name}</loc></sitemap>\n"));
        files.push((name, render(chunk)?));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".to_string(), index));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sitemaps_are_split_under_an_index() {
        let render = |c: &[u32]| Ok(format!("{c:?}"));
        let one = split_sitemap(&[1, 2], 2, "https://x.test", render).unwrap();
        assert_eq!(one, vec![("sitemap.xml".to_string(), "[1, 2]".to_string())]);
        let many = split_sitemap(&[1, 2, 3, 4, 5], 2, "https://x.test", render).unwrap();
        let names: Vec<&str> = many.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        assert_eq!(many[2].1, "[5]");
        assert!(
            many[3].1.contains("<sitemapindex")
                && many[3]
                    .1
                    .contains("<loc>https://x.test/sitemap-3.xml</loc>")
        );
    }
}
