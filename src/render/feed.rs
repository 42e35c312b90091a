//! The Atom feed of each language: the newest plans with their reviews.

use super::cache::Listing;
use super::context::LangContext;
use super::views::plan_view;
use super::{base, template_error};
use crate::error::Result;
use crate::model::urls::Urls;
use crate::model::{Lang, Site};
use tera::{Tera, Value};

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

/// `feed.xml` in `lang`: the shared context (navigation included) and the entries.
pub(super) fn render_feed(
    site: &Site,
    tera: &Tera,
    lc: &LangContext,
    lang: Lang,
) -> Result<String> {
    let mut ctx = lc.base.clone();
    let s = &lc.strings;
    let listing = Listing::OnDemand { site, lang, s };
    let entries: Vec<_> = feed_entries(site)
        .iter()
        .map(|&i| plan_view(site, i, lang, s, listing.value(i)))
        .collect();
    ctx.insert_value("plans", Value::from_serializable(&entries));
    let u = Urls::new(&site.config, lang);
    ctx.insert("feed_url", &format!("{}{}", base(site), u.feed()));
    ctx.insert("home_url", &format!("{}{}", base(site), u.home()));
    tera.render("feed.xml", &ctx)
        .map_err(|e| template_error("feed.xml", e))
}
