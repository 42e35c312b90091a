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
use std::collections::BTreeMap;
use tera::{Context, Tera, Value};

#[derive(Serialize)]
struct PageInfo {
    kind: &'static str,
    /// A draft's page (a plan's, or a draft year's), shown only in a preview: marked.
    draft: bool,
    title: String,
    url: String,
    canonical: String,
    alt_url: String,
    breadcrumbs: Vec<Link>,
    /// The page's own description (a plan's, year's, finding's or agency's), else the site's.
    description: String,
    /// Open Graph's type: `article` for a plan, `website` for the others.
    og_type: &'static str,
    /// The link reporting an error on this page; empty when `site.yaml` sets no `feedback`.
    feedback: String,
}

/// A column of the open data, as the data page describes it.
#[derive(Serialize)]
struct Field {
    name: &'static str,
    kind: &'static str,
    meaning: &'static str,
}

/// One line of the data page's downloads: a year's files, or every year's.
#[derive(Serialize)]
struct Download {
    /// `111 年度` / `2022 (ROC 111)`, or "every year".
    label: String,
    /// `20 項計畫` / `20 plans`.
    plans_label: String,
    files: Vec<DataFileLink>,
}

/// One open-data file: its format, address, media type and size.
#[derive(Serialize)]
struct DataFileLink {
    format: &'static str,
    url: String,
    media_type: &'static str,
    /// `12.3 KB`; empty when not known.
    size: String,
}

/// A year record's source document, as the plan pages of that year name it, with the page
/// the plan's row starts on.
#[derive(Serialize)]
struct SourceView<'a> {
    title: &'a str,
    publisher: &'a str,
    date: &'a str,
    date_label: String,
    reference: &'a str,
    url: &'a str,
    /// The page of the document the plan's row starts on (0 when unknown).
    page: u32,
    /// 「原始文件第 12 頁」; empty when the page is unknown.
    page_label: String,
    /// The document's address opened at that page, when it is a PDF (`…pdf#page=12`, which PDF
    /// readers follow); else the document's address.
    page_url: String,
}

/// Plan `i`'s source: its year's document, and the page its row starts on.
fn source_view<'a>(site: &'a Site, i: usize, lang: Lang, s: &Strings) -> Option<SourceView<'a>> {
    let r = &site.plans[i].record;
    let d = &site.year_records.get(&r.year)?.source;
    fn opt(t: &Option<String>) -> &str {
        t.as_deref().unwrap_or("")
    }
    let url = opt(&d.url);
    let page = r.source_page.unwrap_or(0);
    let pdf = url.split(['?', '#']).next().unwrap_or("");
    Some(SourceView {
        page,
        page_label: match page {
            0 => String::new(),
            n => s.fmt("source_page_n", &[("n", &n.to_string())]),
        },
        page_url: match page > 0 && pdf.to_ascii_lowercase().ends_with(".pdf") {
            true => format!("{}#page={page}", url.split('#').next().unwrap_or(url)),
            false => url.to_string(),
        },
        title: lang.pick(&d.title),
        publisher: d.publisher.as_ref().map_or("", |t| lang.pick(t)),
        date: opt(&d.date),
        date_label: d
            .date
            .as_deref()
            .map(|x| lang.date_label(x))
            .unwrap_or_default(),
        reference: opt(&d.reference),
        url,
    })
}

/// A page being made: what its values are made from, and its context so far.
struct Page<'a> {
    site: &'a Site,
    /// The open-data files' sizes (the data page gives them).
    sizes: &'a crate::opendata::DataSizes,
    lang: Lang,
    s: &'a Strings,
    u: Urls,
    /// The plans the page reads ([`PageKey::reads`]): its values are made from these.
    read: Cow<'a, [usize]>,
    /// The plans' listing values.
    values: &'a Listing<'a>,
    /// The templates and what every template gets, for rows a page makes itself.
    tera: &'a Tera,
    lc: &'a LangContext,
    ctx: Context,
}

/// What the page kind says of itself: its kind, title and the breadcrumbs above it, and its
/// own description where it has one.
struct Head {
    kind: &'static str,
    title: String,
    crumbs: Vec<Link>,
    description: Option<String>,
}

impl Head {
    fn new(kind: &'static str, title: String, crumbs: Vec<Link>) -> Head {
        Head {
            kind,
            title,
            crumbs,
            description: None,
        }
    }

    /// This head with its own description.
    fn described(self, description: String) -> Head {
        Head {
            description: Some(description),
            ..self
        }
    }
}

/// Renders page `key` in the language of `l` into `html` (emptied first; a buffer reused from
/// page to page, so a page costs no allocation of its own and no UTF-8 check), and returns its
/// file (relative to the output).
pub(super) fn render_page(
    l: &super::Language,
    values: &Listing,
    key: &PageKey,
    html: &mut Vec<u8>,
) -> Result<String> {
    let super::Language {
        r, ctx: lc, lang, ..
    } = *l;
    let (site, tera) = (r.site, r.tera);
    let mut p = Page {
        site,
        sizes: r.data_sizes,
        lang,
        s: &lc.strings,
        u: Urls::new(&site.config, lang),
        read: key.reads().plans(site),
        values,
        tera,
        lc,
        ctx: lc.base.clone(),
    };
    let head = p.values_of(key)?;
    let url = key.url(site, lang);
    let mut crumbs = head.crumbs;
    if !crumbs.is_empty() {
        crumbs.push(Link {
            label: head.title.clone(),
            url: url.clone(),
        });
    }
    let canonical = format!("{}{}", base(site), url);
    p.ctx.insert(
        "page",
        &PageInfo {
            kind: head.kind,
            draft: is_draft(site, key),
            feedback: super::share::feedback_href(site, p.s, &canonical, &head.title),
            canonical,
            alt_url: key.url(site, lang.other()),
            title: head.title,
            url: url.clone(),
            breadcrumbs: crumbs,
            description: (head.description)
                .unwrap_or_else(|| lang.pick(&site.config.description).to_string()),
            og_type: if head.kind == "plan" {
                "article"
            } else {
                "website"
            },
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
/// were most of those pages' time. The row sees what every template gets, `p`, `show_agency`,
/// `show_year` and `split`, and is kept in parts ([`row_parts`]), so that a finding's page can
/// put the column that answers it first.
pub(super) fn year_row(tera: &Tera, lc: &LangContext, p: &Value) -> Result<Value> {
    let mut ctx = lc.base.clone();
    ctx.insert_value("p", p.clone());
    ctx.insert("show_agency", &true);
    ctx.insert("show_year", &false);
    ctx.insert("split", &true);
    let html = tera
        .render(PLAN_ROW, &ctx)
        .map_err(|e| template_error(PLAN_ROW, e))?;
    Ok(row_parts(&html))
}

/// Where a row written with `split` starts a column's cells: `<!--col:agency-->`, and
/// `<!--col:-->` where the columns end.
const COLUMN_MARK: &str = "<!--col:";

/// A row written with `split`, in parts: `head` (the row's start, up to its first column: the
/// item and the plan's name), `cells` (each column's `name` and `html`, in order) and `tail`
/// (the row's end). A row without marks is all `head`.
fn row_parts(html: &str) -> Value {
    let mut pieces = html.split(COLUMN_MARK);
    let head = pieces.next().unwrap_or_default();
    let mut cells = Vec::new();
    let mut tail = "";
    for piece in pieces {
        let (name, cell) = piece.split_once("-->").unwrap_or(("", piece));
        if name.is_empty() {
            tail = cell;
            continue;
        }
        let parts = BTreeMap::from([
            ("name", Value::from(name)),
            ("html", Value::safe_string(cell)),
        ]);
        cells.push(Value::from(parts));
    }
    Value::from(BTreeMap::from([
        ("head", Value::safe_string(head)),
        ("cells", Value::from(cells)),
        ("tail", Value::safe_string(tail)),
    ]))
}

impl Page<'_> {
    /// Puts the values of page `key` into the context.
    fn values_of(&mut self, key: &PageKey) -> Result<Head> {
        let s = self.s;
        Ok(match key {
            PageKey::Home => {
                self.insert_years();
                self.insert_agency_plans();
                Head::new(
                    "home",
                    self.lang.pick(&self.site.config.title).into(),
                    vec![],
                )
            }
            PageKey::Year(y) => self.year(*y),
            PageKey::Finding(y, f) => self.finding(*y, *f)?,
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
                let plans = super::summary::plans_by_year(self.site, self.lang);
                self.ctx.insert("plans_by_year", &plans);
                Head::new("sitemap", s.get("sitemap"), vec![self.home()])
            }
            PageKey::Search => {
                self.insert_statuses();
                Head::new("search", s.get("search"), vec![self.home()])
            }
            PageKey::NotFound => {
                Head::new("not_found", s.get("not_found_title"), vec![self.home()])
            }
        })
    }

    /// The search page's finding filter: each status search knows
    /// ([`crate::search::status::STATUSES`]), as `key` (the filter's value) and `label`.
    fn insert_statuses(&mut self) {
        let low = crate::model::numbers::fmt_num(crate::content::flags::LOW_SPENDING);
        let statuses: Vec<BTreeMap<&str, String>> = (crate::search::status::STATUSES.iter())
            .map(|st| {
                let string = format!("search_status_{}", st.key.replace('-', "_"));
                let label = self.s.fmt(&string, &[("low", &low)]);
                BTreeMap::from([("key", st.key.to_string()), ("label", label)])
            })
            .collect();
        self.ctx.insert("statuses", &statuses);
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

    /// Each agency linked with its number of plans, as `agency_plans` (the home page's: no
    /// other page shows them, so no other page changes with them).
    fn insert_agency_plans(&mut self) {
        let links: Vec<_> = (self.site.agencies.iter().enumerate())
            .map(|(i, a)| agency_link(self.site, i, a.plans.len(), self.lang, self.s))
            .collect();
        self.ctx.insert("agency_plans", &links);
    }

    fn year(&mut self, year: u32) -> Head {
        let summary = year_summary(self.site, year, &self.read, self.lang, self.s);
        self.ctx.insert("year", &summary);
        self.insert_plans(&self.read.clone());
        self.insert_year_rows(&self.read.clone());
        let description = super::share::year(self.site, year, &self.read, self.lang, self.s);
        Head::new("year", self.year_title(year), vec![self.home()]).described(description)
    }

    fn finding(&mut self, year: u32, f: Finding) -> Result<Head> {
        let summary = year_summary(self.site, year, &self.read, self.lang, self.s);
        let this = summary
            .findings
            .iter()
            .find(|l| l.slug == f.slug())
            .cloned()
            .expect("every finding is summed up");
        self.insert_plans(&this.plans);
        // the year's rows, which this page puts the answer first in (made here when the build
        // made none: an incremental one)
        let rows = match self.values.rows(&this.plans) {
            Some(rows) => rows,
            None => (this.plans.iter())
                .map(|&i| year_row(self.tera, self.lc, &self.values.value(i)))
                .collect::<Result<_>>()?,
        };
        self.ctx.insert_value("year_rows", Value::from(rows));
        self.ctx.insert("answer", this.column);
        let label = self.lang.year_label(year);
        let args = [("title", this.title.as_str()), ("year", label.as_str())];
        let title = self.s.fmt("finding_page_title", &args);
        let why = super::why::finding_why(self.site, &this.plans, f, self.lang, self.s);
        self.ctx.insert("why", &why);
        let description =
            super::share::finding(year, &this.statement, &this.meaning, self.lang, self.s);
        self.ctx.insert("finding", &this);
        self.ctx.insert("year", &summary);
        let crumbs = vec![self.home(), self.year_link(year)];
        Ok(Head::new("finding", title, crumbs).described(description))
    }

    fn plan(&mut self, i: usize) -> Head {
        let (site, lang) = (self.site, self.lang);
        // the review is in no listing: its value is made here, for this page only
        let summary = self.values.value(i);
        self.ctx
            .insert("plan", &plan_view(site, i, lang, self.s, summary));
        let r = &site.plans[i].record;
        self.ctx
            .insert("source", &source_view(site, i, lang, self.s));
        let a = &site.agencies[site.plans[i].agency];
        let agency = Link {
            label: lang.pick(&a.name).to_string(),
            url: self.u.agency(&a.slug),
        };
        let crumbs = vec![self.home(), self.year_link(r.year), agency];
        let description = super::share::plan(site, i, lang, self.s);
        Head::new("plan", lang.pick(&r.name).to_string(), crumbs).described(description)
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
        let description = super::share::agency(site, i, &self.read, lang, s);
        Head::new(
            "agency",
            lang.pick(&a.name).to_string(),
            vec![self.home(), agencies],
        )
        .described(description)
    }

    fn prose(&mut self, slug: &str) -> Head {
        let p = &self.site.pages[slug];
        self.ctx
            .insert("body", &markdown::to_html(self.lang.pick(&p.body)));
        self.ctx.insert("slug", slug);
        if slug == "open-data" {
            // the notice links every year's files and names the license the site sets (no
            // sizes: the page reads no record, so an edit does not render it again)
            let license = self.site.config.license();
            self.ctx
                .insert("license_name", self.lang.pick(&license.name));
            self.ctx
                .insert("license_url", license.url_for(self.lang == Lang::En));
            let files = self.data_files(crate::model::urls::ALL_YEARS);
            self.ctx.insert("all_years_files", &files);
        }
        Head::new(
            "prose",
            self.lang.pick(&p.title).to_string(),
            vec![self.home()],
        )
    }

    fn data(&mut self) -> Head {
        let (site, lang, s) = (self.site, self.lang, self.s);
        let years = site.years.iter().map(|(y, idx)| (*y, idx.len()));
        let total: usize = site.years.iter().map(|(_, idx)| idx.len()).sum();
        let all = (
            crate::model::urls::ALL_YEARS.to_string(),
            s.get("data_all_years"),
            total,
        );
        let rows = std::iter::once(all).chain(
            years
                .rev()
                .map(|(y, n)| (y.to_string(), lang.year_label(y), n)),
        );
        let downloads: Vec<Download> = rows
            .map(|(name, label, n)| Download {
                label,
                plans_label: s.count("plans_n", n, &[]),
                files: self.data_files(&name),
            })
            .collect();
        self.ctx.insert("downloads", &downloads);
        let license = site.config.license();
        self.ctx.insert("license_name", lang.pick(&license.name));
        self.ctx
            .insert("license_url", license.url_for(lang == Lang::En));
        let schema = crate::opendata_json::SCHEMA_PATH;
        self.ctx.insert("schema_url", schema);
        self.ctx.insert("schema_size", &self.size_of(schema));
        let fields: Vec<Field> = crate::opendata::field_descriptions()
            .into_iter()
            .map(|f| {
                let (kind_zh, kind_en) = f.kind.label();
                let zh = lang == Lang::Zh;
                Field {
                    name: f.name,
                    kind: if zh { kind_zh } else { kind_en },
                    meaning: if zh { f.zh } else { f.en },
                }
            })
            .collect();
        self.ctx.insert("fields", &fields);
        Head::new("data", s.get("data_title"), vec![self.home()])
    }

    /// The JSON, CSV and ODS files named `name` (a year, or every year's).
    fn data_files(&self, name: &str) -> Vec<DataFileLink> {
        let formats = [
            ("JSON", "json", "application/json"),
            ("CSV", "csv", "text/csv"),
            (
                "ODS",
                "ods",
                "application/vnd.oasis.opendocument.spreadsheet",
            ),
        ];
        formats
            .into_iter()
            .map(|(format, ext, media_type)| {
                let url = crate::model::urls::data_file(name, ext);
                DataFileLink {
                    format,
                    size: self.size_of(&url),
                    url,
                    media_type,
                }
            })
            .collect()
    }

    /// The size of the open-data file at `url`, as readers are told it: `812 bytes`,
    /// `12.3 KB`, `4.5 MB` (1 KB = 1,024 bytes); empty when it is not known.
    fn size_of(&self, url: &str) -> String {
        let Some(bytes) = self.sizes.get(url) else {
            return String::new();
        };
        let (n, unit) = match bytes {
            b if b < 1024 => return self.s.count("size_bytes", b as usize, &[]),
            b if b < 1024 * 1024 => (b as f64 / 1024.0, "KB"),
            b => (b as f64 / (1024.0 * 1024.0), "MB"),
        };
        format!("{:.1} {unit}", n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part<'v>(v: &'v Value, key: &'static str) -> &'v Value {
        v.as_map().unwrap().get(&key.into()).unwrap()
    }

    #[test]
    fn a_row_written_with_marks_comes_apart_into_its_columns() {
        let row = "<tr><th>A</th>\n<!--col:agency--><td>x</td>\n<!--col:quarters--><td>1</td><td>2</td>\n<!--col:--></tr>";
        let v = row_parts(row);
        assert_eq!(part(&v, "head").as_str(), Some("<tr><th>A</th>\n"));
        assert_eq!(part(&v, "tail").as_str(), Some("</tr>"));
        let cells: Vec<(&str, &str)> = (part(&v, "cells").as_array().unwrap().iter())
            .map(|c| {
                let field = |k| part(c, k).as_str().unwrap();
                (field("name"), field("html"))
            })
            .collect();
        assert_eq!(
            cells,
            [
                ("agency", "<td>x</td>\n"),
                ("quarters", "<td>1</td><td>2</td>\n")
            ]
        );
        assert!(part(&v, "head").is_safe() && part(&cells_value(&v), "html").is_safe());
        // a row without marks (a theme's own) is all head, so it is shown whole
        let plain = row_parts("<tr><td>x</td></tr>");
        assert_eq!(part(&plain, "head").as_str(), Some("<tr><td>x</td></tr>"));
        assert!(part(&plain, "cells").as_array().unwrap().is_empty());
    }

    fn cells_value(v: &Value) -> Value {
        part(v, "cells").as_array().unwrap()[0].clone()
    }
}
