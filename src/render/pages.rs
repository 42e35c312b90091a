//! Which pages a site has, in each language, and where each lives.

use crate::model::urls::Urls;
use crate::model::{Lang, Site};

/// One page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKey {
    /// The home page: the year at a glance.
    Home,
    /// All plans of one year.
    Year(u32),
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
        ];
        keys.extend(site.years.iter().map(|(y, _)| PageKey::Year(*y)));
        keys.extend((0..site.agencies.len()).map(PageKey::Agency));
        keys.extend((0..site.plans.len()).map(PageKey::Plan));
        keys.extend(site.pages.keys().map(|s| PageKey::Prose(s.clone())));
        keys
    }

    /// The page's URL in one language.
    pub fn url(&self, site: &Site, lang: Lang) -> String {
        let u = Urls::new(&site.config, lang);
        match self {
            PageKey::Home => u.home(),
            PageKey::Year(y) => u.year(*y),
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
    pub fn listed<'s>(&self, site: &'s Site) -> &'s [usize] {
        match self {
            PageKey::Year(y) => site
                .years
                .iter()
                .find(|(yy, _)| yy == y)
                .map_or(&[], |(_, idx)| idx.as_slice()),
            PageKey::Agency(i) => &site.agencies[*i].plans,
            _ => &[],
        }
    }

    /// Listed in `sitemap.xml` (everything a search engine should index).
    pub fn in_sitemap(&self) -> bool {
        !matches!(self, PageKey::NotFound)
    }
}
