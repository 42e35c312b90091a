//! Every URL of the site in one place. URLs are root-relative and end in `/` for pages;
//! [`to_file`] maps one to the file that serves it.

use super::Lang;
use crate::content::schema::SiteFile;

/// URLs for one language.
#[derive(Debug, Clone)]
pub struct Urls {
    prefix: String,
}

impl Urls {
    /// URLs for `lang` under the site's settings.
    pub fn new(site: &SiteFile, lang: Lang) -> Self {
        Urls {
            prefix: lang.prefix(site),
        }
    }

    /// Home page.
    pub fn home(&self) -> String {
        format!("{}/", self.prefix)
    }
    /// A year's page.
    pub fn year(&self, year: u32) -> String {
        format!("{}/years/{year}/", self.prefix)
    }
    /// The list of one year's plans showing a finding (`behind-schedule` …).
    pub fn finding(&self, year: u32, slug: &str) -> String {
        format!("{}/years/{year}/{slug}/", self.prefix)
    }
    /// A plan's page for one year.
    pub fn plan(&self, year: u32, id: &str) -> String {
        format!("{}/plans/{year}/{id}/", self.prefix)
    }
    /// The agency index.
    pub fn agencies(&self) -> String {
        format!("{}/agencies/", self.prefix)
    }
    /// One agency's page.
    pub fn agency(&self, slug: &str) -> String {
        format!("{}/agencies/{slug}/", self.prefix)
    }
    /// A prose page (about, privacy …) or a fixed page (search, sitemap, data).
    pub fn page(&self, slug: &str) -> String {
        format!("{}/{slug}/", self.prefix)
    }
    /// The Atom feed.
    pub fn feed(&self) -> String {
        format!("{}/feed.xml", self.prefix)
    }
    /// The 404 page.
    pub fn not_found(&self) -> String {
        format!("{}/404.html", self.prefix)
    }
}

/// Open-data downloads are the same for both languages: a year's (`name` is the year) or
/// every year's ([`ALL_YEARS`]).
pub fn data_file(name: impl std::fmt::Display, ext: &str) -> String {
    format!("/data/{name}.{ext}")
}

/// The name of the open-data files holding every year.
pub const ALL_YEARS: &str = "all";

/// The output file for a URL: `/en/plans/111/x/` → `en/plans/111/x/index.html`.
pub fn to_file(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::to_file;

    #[test]
    fn files() {
        for (url, file) in [
            ("/", "index.html"),
            ("/en/plans/111/x/", "en/plans/111/x/index.html"),
            ("/en/feed.xml", "en/feed.xml"),
        ] {
            assert_eq!(to_file(url), file, "{url}");
        }
    }
}
