//! What pages say about sets of plans: a year's figures and findings, an agency's findings by
//! year, and the agencies compared.

use super::context::agency_link;
use super::strings::Strings;
use super::views::{self, Link};
use crate::content::flags::{FULL_EXECUTION, LOW_SPENDING};
use crate::model::findings::Finding;
use crate::model::numbers::fmt_num;
use crate::model::stats::stats;
use crate::model::urls::{data_file, Urls};
use crate::model::{Lang, Site};
use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

/// A year's figures and findings over its plans.
#[derive(Serialize)]
pub(super) struct YearSummary {
    year: u32,
    label: String,
    url: String,
    /// `20 項計畫` / `20 plans`.
    plans_label: String,
    stats: crate::model::stats::Stats,
    mean_execution_text: Vec<String>,
    /// Every finding over these plans, with its count, statement and list.
    pub(super) findings: Vec<FindingLink>,
    json: String,
    csv: String,
    ods: String,
}

/// One finding over a set of plans: how many show it, said in a sentence, and where they
/// are listed.
#[derive(Serialize, Clone)]
pub(super) struct FindingLink {
    /// `behind-schedule`, `late-reports` …
    pub(super) slug: String,
    /// `behind`, `behind_in`, `late`, `returned`, `special` or `challenge`.
    kind: &'static str,
    /// The column of a table of plans that answers it (`lag`, `late`, `returned`,
    /// `challenge`, `special`, or the quarters' execution, `quarters`): its page shows it
    /// beside each plan's name.
    pub(super) column: &'static str,
    /// Plans showing it.
    pub(super) count: usize,
    /// The plans showing it, by item.
    #[serde(skip)]
    pub(super) plans: Vec<usize>,
    /// Where they are listed.
    url: String,
    /// The list's title: `進度曾落後之計畫`.
    pub(super) title: String,
    /// `20 項計畫中 5 項進度曾落後`.
    pub(super) statement: String,
    /// What the finding means, in one sentence.
    pub(super) meaning: String,
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
        Finding::NotChallenging => ("not_challenging", "challenge"),
        Finding::LowSpending => ("low_spending", "execution"),
        Finding::YearEndShort => ("year_end_short", "execution"),
    }
}

/// The column of a table of plans that answers finding `f`.
fn answer_column(f: Finding) -> &'static str {
    match f {
        Finding::Behind | Finding::BehindIn(_) => "lag",
        Finding::Late => "late",
        Finding::Returned => "returned",
        Finding::Special => "special",
        Finding::Challenge(_) | Finding::NotChallenging => "challenge",
        Finding::LowSpending | Finding::YearEndShort => "quarters",
    }
}

/// The `findings` over the plans `idx` (all of one year), each listed at `url_of`.
pub(super) fn finding_links(
    site: &Site,
    idx: &[usize],
    findings: &[Finding],
    lang: Lang,
    s: &Strings,
    url_of: &dyn Fn(Finding) -> String,
) -> Vec<FindingLink> {
    let u = Urls::new(&site.config, lang);
    let total = s.count("plans_n", idx.len(), &[]);
    findings
        .iter()
        .map(|&f| {
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
            let low = fmt_num(LOW_SPENDING);
            let args = [
                ("quarter", quarter.as_str()),
                ("level", level.as_str()),
                ("total", total.as_str()),
                ("low", low.as_str()),
            ];
            FindingLink {
                slug: f.slug(),
                kind: stem,
                column: answer_column(f),
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

/// Year `year`'s summary over its plans `idx`.
pub(super) fn year_summary(
    site: &Site,
    year: u32,
    idx: &[usize],
    lang: Lang,
    s: &Strings,
) -> YearSummary {
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
            .map(|x| format!("{}%", fmt_num(*x)))
            .collect(),
        stats: st,
        findings: finding_links(site, idx, &Finding::all(), lang, s, &|f| {
            u.finding(year, &f.slug())
        }),
        json: data_file(year, "json"),
        csv: data_file(year, "csv"),
        ods: data_file(year, "ods"),
    }
}

/// Every year's summary, the newest first.
pub(super) fn year_summaries(site: &Site, lang: Lang, s: &Strings) -> Vec<YearSummary> {
    site.years
        .iter()
        .rev()
        .map(|(y, idx)| year_summary(site, *y, idx, lang, s))
        .collect()
}

/// The findings an agency is compared on, over its plans `idx` of `year`, each linked to the
/// agency page's list (`page` is that page's URL, empty on the page itself).
fn compared_links(
    site: &Site,
    idx: &[usize],
    year: u32,
    page: &str,
    lang: Lang,
    s: &Strings,
) -> Vec<FindingLink> {
    finding_links(site, idx, &COMPARED, lang, s, &|f| {
        agency_list(page, year, f)
    })
}

/// One agency's row in the comparison of one year.
#[derive(Serialize)]
struct AgencyRow {
    /// The agency's link (a `context::AgencyLink`), one template value shared by its rows of every
    /// year.
    agency: Value,
    /// Its plans that year.
    plans: usize,
    /// Behind schedule, late, returned, special, in the order of the year's `columns`.
    counts: Vec<AgencyCount>,
    /// The lowest cumulative execution of any quarter of any of its plans, and that plan.
    lowest: Option<LowestExecution>,
}

/// One cell of the comparison: an agency's plans showing one finding in one year. Only what
/// differs from row to row: what the finding is and means is said once, in the year's
/// `columns` (a national site has tens of thousands of rows, and each field of a cell is a
/// template value held until the page is written).
#[derive(Serialize)]
struct AgencyCount {
    /// The finding's kind (`behind`, `late` …), as the table's status filter names it.
    kind: &'static str,
    /// Plans showing it.
    count: usize,
    /// Their share of the agency's plans that year, in percent (rounded), for sorting.
    rate: f64,
    /// That share in words: `67%`.
    rate_text: String,
    /// Where the agency page lists them.
    url: String,
}

/// One column of the comparison: a finding compared, as its heading shows it.
#[derive(Serialize)]
struct Column {
    /// `behind-schedule`, `late-reports` …
    slug: String,
    /// `進度曾落後之計畫`.
    title: String,
    /// What the finding means, in one sentence.
    meaning: String,
    /// The methodology page's anchor that defines it.
    definition: String,
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
pub(super) struct AgencyFindingsYear {
    label: String,
    plans_label: String,
    findings: Vec<AgencyFinding>,
}

/// What an agency page says about the agency itself: only what `agencies.yaml` sets.
#[derive(Serialize)]
pub(super) struct AgencyDetails {
    description: String,
    website: String,
    phone: String,
    email: String,
    address: String,
}

/// What `agencies.yaml` says about agency `a`.
pub(super) fn agency_details(a: &crate::model::Agency, lang: Lang) -> AgencyDetails {
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
    /// The findings compared, one column each.
    columns: Vec<Column>,
    rows: Vec<AgencyRow>,
}

/// The findings an agency is compared on, in the order [`Finding::all`] gives them.
const COMPARED: [Finding; 5] = [
    Finding::Behind,
    Finding::Late,
    Finding::Returned,
    Finding::Special,
    Finding::NotChallenging,
];

/// Where an agency page lists its plans showing `f` in `year`.
fn agency_anchor(year: u32, f: Finding) -> String {
    format!("y{year}-{}", f.slug())
}

/// The link to that list on the agency page at `page` (empty on the page itself).
fn agency_list(page: &str, year: u32, f: Finding) -> String {
    format!("{page}#{}", agency_anchor(year, f))
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

/// The agencies compared, one table per year, the newest first, as the template's value.
/// Each year's table becomes a value as soon as it is made: on a national site the tables
/// are hundreds of megabytes, and never held twice.
pub(super) fn agency_years(site: &Site, lang: Lang, s: &Strings) -> Value {
    let u = Urls::new(&site.config, lang);
    let links: Vec<Value> = (site.agencies.par_iter().enumerate())
        .map(|(ai, a)| Value::from_serializable(&agency_link(site, ai, a.plans.len(), lang, s)))
        .collect();
    let years = site.years.iter().rev().map(|(year, idx)| {
        let columns = compared_links(site, idx, *year, "", lang, s)
            .into_iter()
            .map(|f| Column {
                slug: f.slug,
                title: f.title,
                meaning: f.meaning,
                definition: f.definition,
            })
            .collect();
        Value::from_serializable(&AgencyYear {
            year: *year,
            label: lang.year_label(*year),
            columns,
            // a row per agency: thousands on a national site, made on every core
            rows: (site.agencies.par_iter().enumerate())
                .filter_map(|(ai, a)| {
                    let idx = agency_plans_in(site, ai, *year);
                    if idx.is_empty() {
                        return None;
                    }
                    let page = u.agency(&a.slug);
                    let counts = COMPARED
                        .iter()
                        .map(|&f| agency_count(site, &idx, f, agency_list(&page, *year, f)))
                        .collect();
                    let lowest = lowest_execution(site, &idx, &u, lang, s);
                    Some(AgencyRow {
                        agency: links[ai].clone(),
                        plans: idx.len(),
                        counts,
                        lowest,
                    })
                })
                .collect(),
        })
    });
    Value::from(years.collect::<Vec<_>>())
}

/// How many of the plans `idx` (one agency's in one year) show `f`, listed at `url`.
fn agency_count(site: &Site, idx: &[usize], f: Finding, url: String) -> AgencyCount {
    let count = (idx.iter())
        .filter(|&&i| f.holds(&site.plans[i].record.facts))
        .count();
    let rate = (count as f64 * 100.0 / idx.len().max(1) as f64).round();
    AgencyCount {
        kind: finding_stem(f).0,
        count,
        rate,
        rate_text: format!("{}%", fmt_num(rate)),
        url,
    }
}

/// The lowest cumulative execution of any quarter of the plans `idx` (of one year) where one
/// is below 100 %, and the plan it is of.
fn lowest_execution(
    site: &Site,
    idx: &[usize],
    u: &Urls,
    lang: Lang,
    s: &Strings,
) -> Option<LowestExecution> {
    idx.iter()
        .flat_map(|&i| {
            let execution = &site.plans[i].record.facts.budget_execution;
            execution.iter().enumerate().map(move |(q, v)| (i, q, *v))
        })
        .min_by(|x, y| x.2.total_cmp(&y.2))
        .filter(|x| x.2 < FULL_EXECUTION)
        .map(|(i, q, v)| LowestExecution {
            text: format!("{}%", fmt_num(v)),
            value: v,
            quarter: s.fmt("quarter", &[("n", &(q + 1).to_string())]),
            plan: plan_link(site, u, lang, i),
        })
}

/// An agency page's findings, one block per year it has plans in (the newest first), from
/// its plans `plans`.
pub(super) fn agency_findings_by_year(
    site: &Site,
    plans: &[usize],
    lang: Lang,
    s: &Strings,
) -> Vec<AgencyFindingsYear> {
    let u = Urls::new(&site.config, lang);
    site.years
        .iter()
        .rev()
        .filter_map(|(y, _)| {
            let idx: Vec<usize> = (plans.iter().copied())
                .filter(|&p| site.plans[p].record.year == *y)
                .collect();
            if idx.is_empty() {
                return None;
            }
            let findings = compared_links(site, &idx, *y, "", lang, s)
                .into_iter()
                .map(|l| AgencyFinding {
                    anchor: l.url.trim_start_matches('#').to_string(),
                    plans: l
                        .plans
                        .iter()
                        .map(|&p| plan_link(site, &u, lang, p))
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
        .collect()
}

/// Plan `i` linked by its name.
fn plan_link(site: &Site, u: &Urls, lang: Lang, i: usize) -> Link {
    let r = &site.plans[i].record;
    Link {
        label: lang.pick(&r.name).to_string(),
        url: u.plan(r.year, &r.id),
    }
}

/// One year's plans as the site map lists them: by agency (in display order), each agency's
/// by item.
#[derive(Serialize)]
pub(super) struct YearPlans {
    label: String,
    agencies: Vec<AgencyPlans>,
}

/// One agency's plans in one year, linked by name.
#[derive(Serialize)]
struct AgencyPlans {
    agency: Link,
    plans: Vec<Link>,
}

/// Every plan, by year (the newest first, as [`year_summaries`] orders them) and agency.
pub(super) fn plans_by_year(site: &Site, lang: Lang) -> Vec<YearPlans> {
    let u = Urls::new(&site.config, lang);
    let agency = |ai: usize| {
        let a = &site.agencies[ai];
        Link {
            label: lang.pick(&a.name).to_string(),
            url: u.agency(&a.slug),
        }
    };
    (site.years.iter().rev())
        .map(|(year, idx)| {
            // agencies are indexed in display order, plans by item
            let mut by_agency: std::collections::BTreeMap<usize, Vec<Link>> = Default::default();
            for &i in idx {
                let link = plan_link(site, &u, lang, i);
                by_agency
                    .entry(site.plans[i].agency)
                    .or_default()
                    .push(link);
            }
            YearPlans {
                label: lang.year_label(*year),
                agencies: (by_agency.into_iter())
                    .map(|(ai, plans)| AgencyPlans {
                        agency: agency(ai),
                        plans,
                    })
                    .collect(),
            }
        })
        .collect()
}
