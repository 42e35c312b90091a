//! Which pages a site has, in each language, where each lives, and which plan records each
//! one's context is made of.
//!
//! A site theme may override any template, `base.html` included, so a page depends on
//! everything its context *offers*, not on what the default theme happens to print. Two
//! declarations here say what that is, and rendering takes its plans from them:
//!
//! - [`NavInputs`]: what every page's navigation offers about plans (the years). The
//!   navigation is built from it; when an edit changes it, every page
//!   is re-rendered.
//! - [`PageKey::reads`]: the records a page's own context is made of ([`Reads`]). The page
//!   builders take their plans from [`Reads::plans`]; an edit re-renders the pages whose
//!   records changed ([`PageKey::stale`]). A finding's page reads its year, but shows of it
//!   only what the year sums up (made of the plans' facts and agencies:
//!   [`Changed::summed_years`]) and the plans it lists, so an edit of another plan's words
//!   leaves it as it was.
//!
//! Everything else a page shows (settings, agencies' names and details, prose pages, year
//! records, the theme) changes only with a full rebuild.

use crate::model::findings::Finding;
use crate::model::urls::Urls;
use crate::model::{Lang, Site};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// The plan records a page's own context is made of (the navigation aside: see
/// [`NavInputs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// No record.
    Nothing,
    /// One plan's record (index into `Site::plans`), and the years its id has besides (the
    /// page links to the same plan in other years).
    Plan(usize),
    /// Every record of one year (its summary, its lists).
    Year(u32),
    /// Every record of one agency (index into `Site::agencies`), in any year.
    Agency(usize),
    /// Every record (summaries of every year, the agencies compared).
    All,
}

impl Reads {
    /// The plans read (indices into `Site::plans`, by year then item); for [`Reads::Plan`]
    /// the plan itself.
    pub fn plans<'s>(&self, site: &'s Site) -> Cow<'s, [usize]> {
        match *self {
            Reads::Nothing => Cow::Borrowed(&[]),
            Reads::Plan(i) => Cow::Owned(vec![i]),
            Reads::Year(y) => Cow::Borrowed(
                site.years
                    .iter()
                    .find(|(yy, _)| *yy == y)
                    .map_or(&[], |(_, idx)| idx.as_slice()),
            ),
            Reads::Agency(a) => Cow::Borrowed(&site.agencies[a].plans),
            Reads::All => Cow::Owned((0..site.plans.len()).collect()),
        }
    }
}

/// What every page's context offers about plans, through the navigation `base.html` gets:
/// the years (newest first in the menu). The navigation's plan-derived values are made from
/// this alone; an agency's number of plans is the home page's (`agency_plans`), so adding or
/// deleting a plan leaves every other agency's and year's pages as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavInputs {
    /// The years present, ascending.
    pub years: Vec<u32>,
}

impl NavInputs {
    /// The navigation's inputs in `site`.
    pub fn of(site: &Site) -> NavInputs {
        NavInputs {
            years: site.years.iter().map(|(y, _)| *y).collect(),
        }
    }
}

/// What an edit of plan records changed, in the terms pages declare their inputs in.
#[derive(Debug, Clone, Default)]
pub struct Changed {
    /// (year, id) of every record edited, added or removed, as it was and as it is.
    pub records: BTreeSet<(u32, String)>,
    /// The years of those records, before and after.
    pub years: BTreeSet<u32>,
    /// The agencies (slugs) running those records, before and after.
    pub agencies: BTreeSet<String>,
    /// Ids whose set of years changed: every page of such a plan links to the others.
    pub moved_ids: BTreeSet<String>,
    /// The years where a plan came or went, or a record's facts or agency changed: what their
    /// pages sum up (counts, statistics, each finding's plans) is made of these alone.
    pub summed_years: BTreeSet<u32>,
    /// A record came or went, or its name or item changed: what the pages listing every plan
    /// by name (the site map, the agencies compared) show of it besides its facts.
    pub relabeled: bool,
    /// The navigation's inputs ([`NavInputs`]) changed: every page is stale.
    pub nav: bool,
}

impl Changed {
    /// Notes a record as it was or as it is now.
    pub fn note(&mut self, r: &crate::content::schema::PlanFile) {
        self.records.insert((r.year, r.id.clone()));
        self.years.insert(r.year);
        self.agencies.insert(r.agency.clone());
    }

    /// The ids of the records noted.
    pub fn ids(&self) -> BTreeSet<String> {
        self.records.iter().map(|(_, id)| id.clone()).collect()
    }

    /// Whether what is shown of plan `i` of `site` changed: its record, or the years its id
    /// has (its page and feed entry link to the others).
    pub fn touches_plan(&self, site: &Site, i: usize) -> bool {
        let r = &site.plans[i].record;
        self.moved_ids.contains(&r.id) || self.records.contains(&(r.year, r.id.clone()))
    }
}

/// One page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumDiscriminants)]
#[strum_discriminants(name(PageKind), derive(strum::EnumIter))]
pub enum PageKey {
    /// The home page: the year at a glance.
    Home,
    /// All plans of one year.
    Year(u32),
    /// The plans of one year showing one finding (behind schedule, a report late …).
    Finding(u32, Finding),
    /// How the review works: its basis, each measure and each term.
    Methodology,
    /// One plan in one year (index into `Site::plans`).
    Plan(usize),
    /// Every year reviewed, each with its findings.
    Years,
    /// The agency index.
    Agencies,
    /// One agency (index into `Site::agencies`).
    Agency(usize),
    /// A prose page by slug (about, accessibility, privacy, open-data).
    Prose(String),
    /// The open-data downloads.
    Data,
    /// The sitemap page (網站導覽).
    SitemapPage,
    /// Search.
    Search,
    /// Not found.
    NotFound,
}

impl PageKey {
    /// Every page of `site`, in a stable order.
    pub fn all(site: &Site) -> Vec<PageKey> {
        use strum::IntoEnumIterator;
        let years = || site.years.iter().map(|(y, _)| *y);
        // every kind of page, by a match a new kind must be added to
        PageKind::iter()
            .flat_map(|kind| -> Vec<PageKey> {
                match kind {
                    PageKind::Home => vec![PageKey::Home],
                    PageKind::Year => years().map(PageKey::Year).collect(),
                    PageKind::Finding => Self::findings(years()),
                    PageKind::Methodology => vec![PageKey::Methodology],
                    PageKind::Plan => (0..site.plans.len()).map(PageKey::Plan).collect(),
                    PageKind::Years => vec![PageKey::Years],
                    PageKind::Agencies => vec![PageKey::Agencies],
                    PageKind::Agency => (0..site.agencies.len()).map(PageKey::Agency).collect(),
                    PageKind::Prose => site.pages.keys().cloned().map(PageKey::Prose).collect(),
                    PageKind::Data => vec![PageKey::Data],
                    PageKind::SitemapPage => vec![PageKey::SitemapPage],
                    PageKind::Search => vec![PageKey::Search],
                    PageKind::NotFound => vec![PageKey::NotFound],
                }
            })
            .collect()
    }

    /// The finding pages of `years`: every finding of each, whether or not a plan shows it,
    /// so that a year's set of pages does not change when a record is edited.
    pub fn findings(years: impl IntoIterator<Item = u32>) -> Vec<PageKey> {
        years
            .into_iter()
            .flat_map(|y| {
                Finding::all()
                    .into_iter()
                    .map(move |f| PageKey::Finding(y, f))
            })
            .collect()
    }

    /// The page's URL in one language.
    pub fn url(&self, site: &Site, lang: Lang) -> String {
        let u = Urls::new(&site.config, lang);
        match self {
            PageKey::Home => u.home(),
            PageKey::Year(y) => u.year(*y),
            PageKey::Finding(y, f) => u.finding(*y, &f.slug()),
            PageKey::Methodology => u.page("methodology"),
            PageKey::Plan(i) => {
                let r = &site.plans[*i].record;
                u.plan(r.year, &r.id)
            }
            PageKey::Years => u.page("years"),
            PageKey::Agencies => u.agencies(),
            PageKey::Agency(i) => u.agency(&site.agencies[*i].slug),
            PageKey::Prose(slug) => u.page(slug),
            PageKey::Data => u.page("data"),
            PageKey::SitemapPage => u.page("sitemap"),
            PageKey::Search => u.page("search"),
            PageKey::NotFound => u.not_found(),
        }
    }

    /// The template that renders it.
    pub fn template(&self) -> &'static str {
        match self {
            PageKey::Home => "home.html",
            PageKey::Year(_) => "year.html",
            PageKey::Finding(..) => "finding.html",
            PageKey::Methodology => "methodology.html",
            PageKey::Plan(_) => "plan.html",
            PageKey::Years => "years.html",
            PageKey::Agencies => "agencies.html",
            PageKey::Agency(_) => "agency.html",
            PageKey::Prose(_) => "page.html",
            PageKey::Data => "data.html",
            PageKey::SitemapPage => "sitemap_page.html",
            PageKey::Search => "search.html",
            PageKey::NotFound => "404.html",
        }
    }

    /// The plan records the page's own context is made of: what it sums up, lists or shows.
    pub fn reads(&self) -> Reads {
        match self {
            PageKey::Home
            | PageKey::Years
            | PageKey::Agencies
            | PageKey::Data
            | PageKey::SitemapPage => Reads::All,
            PageKey::Year(y) | PageKey::Finding(y, _) => Reads::Year(*y),
            PageKey::Agency(i) => Reads::Agency(*i),
            PageKey::Plan(i) => Reads::Plan(*i),
            PageKey::Methodology | PageKey::Prose(_) | PageKey::Search | PageKey::NotFound => {
                Reads::Nothing
            }
        }
    }

    /// Whether an edit (`changed`, with `site` as it is now) changes what the page's context
    /// holds: its navigation or the records it [`reads`](PageKey::reads).
    pub fn stale(&self, site: &Site, changed: &Changed) -> bool {
        if changed.nav {
            return true;
        }
        if let PageKey::Finding(y, f) = *self {
            // the year summed up, and the values of the plans it lists: an edit of another
            // plan's words leaves it as it was
            let listed = || crate::model::findings::plans(f, site, y);
            return changed.summed_years.contains(&y)
                || (changed.years.contains(&y)
                    && listed().into_iter().any(|i| changed.touches_plan(site, i)));
        }
        match self.reads() {
            Reads::Nothing => false,
            Reads::Plan(i) => changed.touches_plan(site, i),
            Reads::Year(y) => changed.years.contains(&y),
            Reads::Agency(a) => changed.agencies.contains(&site.agencies[a].slug),
            // the data page gives the files' sizes, which any word changes; the others sum
            // up the facts and name the plans
            Reads::All if *self == PageKey::Data => !changed.records.is_empty(),
            Reads::All => !changed.summed_years.is_empty() || changed.relabeled,
        }
    }

    /// The plans whose listing values the page needs (indices into `Site::plans`, a part of
    /// what it [`reads`](PageKey::reads)): those it lists in a table, and a plan's own, which
    /// its page shows with the review.
    pub fn listed<'s>(&self, site: &'s Site) -> Cow<'s, [usize]> {
        match self {
            PageKey::Year(_) | PageKey::Agency(_) | PageKey::Plan(_) => self.reads().plans(site),
            PageKey::Finding(y, f) => Cow::Owned(crate::model::findings::plans(*f, site, *y)),
            _ => Cow::Borrowed(&[]),
        }
    }

    /// Listed in `sitemap.xml` (everything a search engine should index).
    pub fn in_sitemap(&self) -> bool {
        !matches!(self, PageKey::NotFound)
    }
}
