//! The part of every page's context that depends only on the language: the site's identity,
//! the navigation, interface strings and asset URLs. Its only plan-derived values come from
//! [`NavInputs`], which is what makes every page depend on them.

use super::pages::NavInputs;
use super::strings::Strings;
use super::views::Link;
use super::{base, Extras};
use crate::model::urls::Urls;
use crate::model::{Lang, Site};
use serde::Serialize;
use tera::Context;

/// The parts of every page's context that depend only on the language.
pub(super) struct LangContext {
    /// What every page's template gets before its own values.
    pub(super) base: Context,
    /// Interface strings in this language.
    pub(super) strings: Strings,
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

#[derive(Serialize)]
struct Nav {
    home: String,
    years_page: String,
    agencies: String,
    data: String,
    sitemap: String,
    search: String,
    feed: String,
    pages: Vec<Link>,
    years: Vec<YearLink>,
    agency_links: Vec<NavAgency>,
    methodology: String,
}

/// An agency as the navigation links to it (its number of plans is the home page's
/// `agency_plans`: see [`super::pages::NavInputs`]).
#[derive(Serialize)]
struct NavAgency {
    slug: String,
    label: String,
    url: String,
}

#[derive(Serialize)]
struct YearLink {
    year: u32,
    label: String,
    url: String,
}

/// An agency as pages link to it, with its number of plans.
#[derive(Serialize)]
pub(super) struct AgencyLink {
    slug: String,
    label: String,
    url: String,
    plans: usize,
    /// `3 項計畫` / `1 plan`.
    plans_label: String,
}

/// Agency `i` linked, with `plans` plans.
pub(super) fn agency_link(
    site: &Site,
    i: usize,
    plans: usize,
    lang: Lang,
    s: &Strings,
) -> AgencyLink {
    let a = &site.agencies[i];
    AgencyLink {
        slug: a.slug.clone(),
        label: lang.pick(&a.name).to_string(),
        url: Urls::new(&site.config, lang).agency(&a.slug),
        plans,
        plans_label: s.count("plans_n", plans, &[]),
    }
}

impl LangContext {
    /// The shared context of `lang`'s pages.
    pub(super) fn new(site: &Site, lang: Lang, s: &Strings, extras: &Extras) -> Self {
        let c = &site.config;
        let mut cx = Context::new();
        cx.insert("lang", lang.code());
        cx.insert("lang_tag", lang.tag(c));
        cx.insert("other_lang", lang.other().code());
        cx.insert("other_lang_tag", lang.other().tag(c));
        // Open Graph names locales language_REGION
        cx.insert("og_locale", &super::share::og_locale(lang.tag(c)));
        cx.insert(
            "og_locale_alternate",
            &super::share::og_locale(lang.other().tag(c)),
        );
        cx.insert("t", &s.0);
        cx.insert("site", &site_info(site, lang));
        cx.insert("nav", &nav(site, &NavInputs::of(site), lang));
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
        }
    }
}

/// The site's identity and contact, as `site.yaml` sets them.
fn site_info(site: &Site, lang: Lang) -> SiteInfo<'_> {
    let c = &site.config;
    fn pick(t: &Option<crate::content::schema::Text>, lang: Lang) -> &str {
        t.as_ref().map_or("", |t| lang.pick(t))
    }
    let phone = c.phone.as_deref().unwrap_or("");
    SiteInfo {
        title: lang.pick(&c.title),
        description: lang.pick(&c.description),
        publisher: lang.pick(&c.publisher),
        ministry: lang.pick(&site.ministry),
        base_url: base(site),
        contact_email: &c.contact_email,
        updated: &c.updated,
        updated_label: lang.date_label(&c.updated),
        unit: pick(&c.unit, lang),
        address: pick(&c.address, lang),
        phone,
        phone_uri: phone
            .chars()
            .filter(|ch| ch.is_ascii_digit() || *ch == '+')
            .collect(),
        office_hours: pick(&c.office_hours, lang),
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
    }
}

/// The navigation: fixed links, prose pages, and (from `inputs` alone, of what plan records
/// change) the years.
fn nav(site: &Site, inputs: &NavInputs, lang: Lang) -> Nav {
    let u = Urls::new(&site.config, lang);
    // footer order: the pages Taiwanese government sites link from every footer
    let order = ["about", "accessibility", "privacy", "open-data"];
    let mut slugs: Vec<&String> = site.pages.keys().collect();
    slugs.sort_by_key(|s| {
        (
            order.iter().position(|o| o == s).unwrap_or(order.len()),
            s.as_str(),
        )
    });
    Nav {
        home: u.home(),
        years_page: u.page("years"),
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
        years: inputs
            .years
            .iter()
            .rev()
            .map(|y| YearLink {
                year: *y,
                label: lang.year_label(*y),
                url: u.year(*y),
            })
            .collect(),
        agency_links: (site.agencies.iter())
            .map(|a| NavAgency {
                slug: a.slug.clone(),
                label: lang.pick(&a.name).to_string(),
                url: u.agency(&a.slug),
            })
            .collect(),
        methodology: u.page("methodology"),
    }
}
