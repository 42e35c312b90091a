//! One page's context, made from what its [`PageKey`] declares it reads, rendered through its
//! template.

use super::cache::Listing;
use super::context::{agency_link, LangContext};
use super::pages::PageKey;
use super::strings::Strings;
use super::summary::{
    agency_details, agency_findings_by_year, agency_years, year_summaries, year_summary,
};
use super::views::{plan_view, Link};
use super::{base, markdown, template_error};
use crate::error::Result;
use crate::model::findings::Finding;
use crate::model::urls::Urls;
use crate::model::{Lang, Site};
use serde::Serialize;
use std::borrow::Cow;
use tera::{Context, Tera, Value};

#[derive(Serialize)]
struct PageInfo<'a> {
    kind: &'static str,
    /// A draft's page (a plan's, or a draft year's), shown only in a preview: marked.
    draft: bool,
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

/// A page being made: what its values are made from, and its context so far.
struct Page<'a> {
    site: &'a Site,
    lang: Lang,
    s: &'a Strings,
    u: Urls,
    /// The plans the page reads ([`PageKey::reads`]): its values are made from these.
    read: Cow<'a, [usize]>,
    /// The plans' listing values.
    values: &'a Listing<'a>,
    ctx: Context,
}

/// What the page kind says of itself: its kind, title and the breadcrumbs above it.
struct Head {
    kind: &'static str,
    title: String,
    crumbs: Vec<Link>,
}

impl Head {
    fn new(kind: &'static str, title: String, crumbs: Vec<Link>) -> Head {
        Head {
            kind,
            title,
            crumbs,
        }
    }
}

/// Renders page `key` in `lang` into `html` (emptied first; a buffer reused from page to
/// page, so a page costs no allocation of its own and no UTF-8 check), and returns its file
/// (relative to the output).
pub(super) fn render_page(
    site: &Site,
    tera: &Tera,
    lc: &LangContext,
    values: &Listing,
    key: &PageKey,
    lang: Lang,
    html: &mut Vec<u8>,
) -> Result<String> {
    let mut p = Page {
        site,
        lang,
        s: &lc.strings,
        u: Urls::new(&site.config, lang),
        read: key.reads().plans(site),
        values,
        ctx: lc.base.clone(),
    };
    let head = p.values_of(key);
    let url = key.url(site, lang);
    let mut crumbs = head.crumbs;
    if !crumbs.is_empty() {
        crumbs.push(Link {
            label: head.title.clone(),
            url: url.clone(),
        });
    }
    p.ctx.insert(
        "page",
        &PageInfo {
            kind: head.kind,
            draft: is_draft(site, key),
            canonical: format!("{}{}", base(site), url),
            alt_url: key.url(site, lang.other()),
            title: head.title,
            url: url.clone(),
            breadcrumbs: crumbs,
            description: lang.pick(&site.config.description),
        },
    );
    html.clear();
    tera.render_to(key.template(), &p.ctx, &mut *html)
        .map_err(|e| template_error(key.template(), e))?;
    Ok(crate::model::urls::to_file(&url))
}

/// Whether page `key` is a draft's: a draft plan's, or a page of a draft year.
fn is_draft(site: &Site, key: &PageKey) -> bool {
    match key {
        PageKey::Plan(i) => site.is_draft(*i),
        PageKey::Year(y) | PageKey::Finding(y, _) => site.year_is_draft(*y),
        _ => false,
    }
}

/// The template of one plan's row in a table of plans (`partials/plans_table.html`).
pub(super) const PLAN_ROW: &str = "partials/plan_row.html";

/// Plan value `p` as a row of a year's table (agency shown, year not), rendered once per plan
/// and shared by the year's page and its findings' pages, which list the same plans: they
/// were most of those pages' time. The row sees what every template gets, `p`, `show_agency`
/// and `show_year`.
pub(super) fn year_row(tera: &Tera, lc: &LangContext, p: &Value) -> Result<Value> {
    let mut ctx = lc.base.clone();
    ctx.insert_value("p", p.clone());
    ctx.insert("show_agency", &true);
    ctx.insert("show_year", &false);
    let html = tera
        .render(PLAN_ROW, &ctx)
        .map_err(|e| template_error(PLAN_ROW, e))?;
    Ok(Value::safe_string(&html))
}

impl Page<'_> {
    /// Puts the values of page `key` into the context.
    fn values_of(&mut self, key: &PageKey) -> Head {
        let s = self.s;
        match key {
            PageKey::Home => {
                self.insert_years();
                Head::new(
                    "home",
                    self.lang.pick(&self.site.config.title).into(),
                    vec![],
                )
            }
            PageKey::Year(y) => self.year(*y),
            PageKey::Finding(y, f) => self.finding(*y, *f),
            PageKey::Plan(i) => self.plan(*i),
            PageKey::Years => {
                self.insert_years();
                Head::new("years", s.get("years_title"), vec![self.home()])
            }
            PageKey::Agencies => {
                let years = agency_years(self.site, self.lang, s);
                self.ctx.insert_value("agency_years", years);
                Head::new("agencies", s.get("agencies"), vec![self.home()])
            }
            PageKey::Agency(i) => self.agency(*i, key),
            PageKey::Methodology => {
                Head::new("methodology", s.get("methodology_title"), vec![self.home()])
            }
            PageKey::Prose(slug) => self.prose(slug),
            PageKey::Data => self.data(),
            PageKey::SitemapPage => {
                self.insert_years();
                Head::new("sitemap", s.get("sitemap"), vec![self.home()])
            }
            PageKey::Search => Head::new("search", s.get("search"), vec![self.home()]),
            PageKey::NotFound => {
                Head::new("not_found", s.get("not_found_title"), vec![self.home()])
            }
        }
    }

    fn home(&self) -> Link {
        Link {
            label: self.s.get("home"),
            url: self.u.home(),
        }
    }

    fn year_link(&self, year: u32) -> Link {
        Link {
            label: self.year_title(year),
            url: self.u.year(year),
        }
    }

    fn year_title(&self, year: u32) -> String {
        let label = self.lang.year_label(year);
        self.s.fmt("year_title", &[("year", &label)])
    }

    /// The listing values of the plans `idx`, as the template's `plans`.
    fn insert_plans(&mut self, idx: &[usize]) {
        let list: Vec<Value> = idx.iter().map(|&i| self.values.value(i)).collect();
        self.ctx.insert_value("plans", Value::from(list));
    }

    /// The rows of a year's table of the plans `idx`, as `year_rows`, when the listing has
    /// them (see [`year_row`]).
    fn insert_year_rows(&mut self, idx: &[usize]) {
        if let Some(rows) = self.values.rows(idx) {
            self.ctx.insert_value("year_rows", Value::from(rows));
        }
    }

    /// Every year's summary, as `years`.
    fn insert_years(&mut self) {
        let years = year_summaries(self.site, self.lang, self.s);
        self.ctx.insert("years", &years);
    }

    fn year(&mut self, year: u32) -> Head {
        let summary = year_summary(self.site, year, &self.read, self.lang, self.s);
        self.ctx.insert("year", &summary);
        self.insert_plans(&self.read.clone());
        self.insert_year_rows(&self.read.clone());
        Head::new("year", self.year_title(year), vec![self.home()])
    }

    fn finding(&mut self, year: u32, f: Finding) -> Head {
        let summary = year_summary(self.site, year, &self.read, self.lang, self.s);
        let this = summary
            .findings
            .iter()
            .find(|l| l.slug == f.slug())
            .cloned()
            .expect("every finding is summed up");
        self.insert_plans(&this.plans);
        self.insert_year_rows(&this.plans);
        let label = self.lang.year_label(year);
        let args = [("title", this.title.as_str()), ("year", label.as_str())];
        let title = self.s.fmt("finding_page_title", &args);
        let why = super::why::finding_why(self.site, &this.plans, f, self.lang, self.s);
        self.ctx.insert("why", &why);
        self.ctx.insert("finding", &this);
        self.ctx.insert("year", &summary);
        Head::new("finding", title, vec![self.home(), self.year_link(year)])
    }

    fn plan(&mut self, i: usize) -> Head {
        let (site, lang) = (self.site, self.lang);
        // the review is in no listing: its value is made here, for this page only
        let summary = self.values.value(i);
        self.ctx
            .insert("plan", &plan_view(site, i, lang, self.s, summary));
        let r = &site.plans[i].record;
        self.ctx.insert("source", &source_view(site, r.year, lang));
        let a = &site.agencies[site.plans[i].agency];
        let agency = Link {
            label: lang.pick(&a.name).to_string(),
            url: self.u.agency(&a.slug),
        };
        let crumbs = vec![self.home(), self.year_link(r.year), agency];
        Head::new("plan", lang.pick(&r.name).to_string(), crumbs)
    }

    fn agency(&mut self, i: usize, key: &PageKey) -> Head {
        let (site, lang, s) = (self.site, self.lang, self.s);
        let a = &site.agencies[i];
        let by_year = agency_findings_by_year(site, &self.read, lang, s);
        self.ctx
            .insert("agency", &agency_link(site, i, self.read.len(), lang, s));
        self.ctx.insert("details", &agency_details(a, lang));
        self.ctx.insert("agency_years", &by_year);
        // short names and acronyms, which search also finds it by (Chinese ones on Chinese
        // pages only)
        let short: Vec<&String> = a
            .short_names
            .iter()
            .filter(|n| lang == Lang::Zh || !n.chars().any(crate::search::tokenize::is_han))
            .collect();
        self.ctx.insert("agency_short_names", &short);
        self.insert_plans(&key.listed(site));
        let agencies = Link {
            label: s.get("agencies"),
            url: self.u.agencies(),
        };
        Head::new(
            "agency",
            lang.pick(&a.name).to_string(),
            vec![self.home(), agencies],
        )
    }

    fn prose(&mut self, slug: &str) -> Head {
        let p = &self.site.pages[slug];
        self.ctx
            .insert("body", &markdown::to_html(self.lang.pick(&p.body)));
        self.ctx.insert("slug", slug);
        Head::new(
            "prose",
            self.lang.pick(&p.title).to_string(),
            vec![self.home()],
        )
    }

    fn data(&mut self) -> Head {
        self.insert_years();
        let fields: Vec<Field> = crate::opendata::field_descriptions()
            .into_iter()
            .map(|(name, zh, en)| Field {
                name,
                meaning: if self.lang == Lang::Zh { zh } else { en },
            })
            .collect();
        self.ctx.insert("fields", &fields);
        Head::new("data", self.s.get("data_title"), vec![self.home()])
    }
}
