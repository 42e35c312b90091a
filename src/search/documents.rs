//! The site's plans as search documents, and what the index takes of the site besides them:
//! the synonyms (the site's groups, and each agency's names), the agencies' slugs and labels.

use crate::model::urls::Urls;
use crate::model::{Lang, Site};
use crate::text::markdown;
use gongkai_search::{status, synonyms, AgencyLabel, SearchDoc};

/// The synonyms of `lang`: the site's groups, and each agency's names with its short names.
pub fn synonyms(site: &Site, lang: Lang) -> std::sync::Arc<synonyms::Synonyms> {
    let agencies: Vec<Vec<String>> = site
        .agencies
        .iter()
        .map(|a| {
            let mut names = vec![lang.pick(&a.name).to_string()];
            names.extend(a.short_names.iter().cloned());
            names.push(lang.other().pick(&a.name).to_string());
            names
        })
        .collect();
    let mut ministry = vec![site.ministry.zh.as_str(), site.ministry.en.as_str()];
    // "the ministry" in a question means the publisher too: the English name's head noun
    // (Ministry of Labor → ministry) when it is one word before "of"
    if let Some((head, _)) = site.ministry.en.split_once(" of ") {
        if !head.trim().contains(' ') && !head.trim().is_empty() {
            ministry.push(head.trim());
        }
    }
    ministry.extend(country_names(&site.config.languages.zh.tag));
    std::sync::Arc::new(
        synonyms::Synonyms::new(&site.synonyms, lang, &agencies).with_context(&ministry),
    )
}

/// The names of the country every plan is in, by the region of the site's Chinese language
/// tag: "minimum wage Taiwan" asks of the minimum wage, as "the ministry" asks of nothing
/// more than its question (the records seldom say their own country's name).
fn country_names(tag: &str) -> &'static [&'static str] {
    let region = tag.rsplit('-').next().unwrap_or_default();
    if region.eq_ignore_ascii_case("TW") {
        &[
            "臺灣",
            "台灣",
            "中華民國",
            "我國",
            "Taiwan",
            "Taiwanese",
            "R.O.C.",
            "ROC",
        ]
    } else {
        &[]
    }
}

/// The agencies' slugs, by agency index.
pub fn agency_slugs(site: &Site) -> Vec<String> {
    site.agencies.iter().map(|a| a.slug.clone()).collect()
}

/// The agencies' names and pages in `lang`, by agency index.
pub fn agency_names(site: &Site, lang: Lang) -> Vec<AgencyLabel> {
    let urls = Urls::new(&site.config, lang);
    site.agencies
        .iter()
        .map(|a| AgencyLabel {
            name: lang.pick(&a.name).to_string(),
            url: urls.agency(&a.slug),
        })
        .collect()
}

/// The site's plans in one language, ordered by agency (in display order), newest year first,
/// then item: so that an agency, and an agency's year, is a contiguous range of documents.
pub fn docs(site: &Site, lang: Lang) -> Vec<SearchDoc> {
    let urls = Urls::new(&site.config, lang);
    order(site)
        .into_iter()
        .map(|i| doc(site, lang, &urls, i))
        .collect()
}

/// Plan indices in search order (see [`docs`]).
pub(super) fn order(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.plans.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            let p = &site.plans[i];
            (
                p.agency,
                std::cmp::Reverse(p.record.year),
                p.record.item,
                &p.record.id,
            )
        };
        key(a).cmp(&key(b))
    });
    order
}

/// Plan `i` as a search document.
pub(super) fn doc(site: &Site, lang: Lang, urls: &Urls, i: usize) -> SearchDoc {
    let p = &site.plans[i];
    let r = &p.record.review;
    let body = r
        .sections()
        .iter()
        .map(|(_, t)| markdown::to_text(lang.pick(t)))
        .collect::<Vec<_>>()
        .join("\n");
    SearchDoc {
        url: urls.plan(p.record.year, &p.record.id),
        title: lang.pick(&p.record.name).to_string(),
        agency: p.agency,
        agency_name: lang.pick(&site.agencies[p.agency].name).to_string(),
        year: p.record.year,
        year_label: lang.year_label(p.record.year),
        body,
        flags: status::flags(&p.record.facts),
        quarters: status::quarters(&p.record.facts),
    }
}
