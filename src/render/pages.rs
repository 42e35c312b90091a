//! Which pages a site has, in each language, and where each lives.

use crate::model::findings::Finding;
use crate::model::urls::Urls;
use crate::model::{Lang, Site};
use std::borrow::Cow;

/// One page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        let mut keys = vec![
            PageKey::Home,
            PageKey::Agencies,
            PageKey::Data,
            PageKey::SitemapPage,
            PageKey::Search,
            PageKey::NotFound,
            PageKey::Methodology,
        ];
        keys.extend(site.years.iter().map(|(y, _)| PageKey::Year(*y)));
        keys.extend(Self::findings(site.years.iter().map(|(y, _)| *y)));
        keys.extend((0..site.agencies.len()).map(PageKey::Agency));
        keys.extend((0..site.plans.len()).map(PageKey::Plan));
        keys.extend(site.pages.keys().map(|s| PageKey::Prose(s.clone())));
        keys
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
            PageKey::Agencies => "agencies.html",
            PageKey::Agency(_) => "agency.html",
            PageKey::Prose(_) => "page.html",
            PageKey::Data => "data.html",
            PageKey::SitemapPage => "sitemap_page.html",
            PageKey::Search => "search.html",
            PageKey::NotFound => "404.html",
        }
    }

    /// The plans the page lists (indices into `Site::plans`), whose listing values it needs.
    pub fn listed<'s>(&self, site: &'s Site) -> Cow<'s, [usize]> {
        match self {
            PageKey::Year(y) => Cow::Borrowed(
                site.years
                    .iter()
                    .find(|(yy, _)| yy == y)
                    .map_or(&[], |(_, idx)| idx.as_slice()),
            ),
            PageKey::Finding(y, f) => Cow::Owned(f.plans(site, *y)),
            PageKey::Agency(i) => Cow::Borrowed(&site.agencies[*i].plans),
            _ => Cow::Borrowed(&[]),
        }
    }

    /// Listed in `sitemap.xml` (everything a search engine should index).
    pub fn in_sitemap(&self) -> bool {
        !matches!(self, PageKey::NotFound)
    }
}
