//! What a page tells those who share it or report an error on it: its own description (a
//! plan's name, agency and verdict in words; a year's, a finding's or an agency's figures),
//! its Open Graph locale, and the link that reports an error on it.

use super::strings::Strings;
use super::summary::finding_links;
use super::views::quarter_label;
use crate::content::feedback::{self, Report};
use crate::content::flags::LOW_SPENDING;
use crate::content::schema::Challenge;
use crate::model::findings::Finding;
use crate::model::numbers::fmt_num;
use crate::model::{Lang, Site};

/// The findings a year's or an agency's description counts.
const COUNTED: [Finding; 6] = [
    Finding::Behind,
    Finding::Late,
    Finding::Returned,
    Finding::LowSpending,
    Finding::NotChallenging,
    Finding::Special,
];

/// Plan `i`'s description: its name, agency and year, and its verdict in words (the quarters
/// it fell behind in, reports late or returned, low spending, targets not more challenging,
/// special performance).
pub(super) fn plan(site: &Site, i: usize, lang: Lang, s: &Strings) -> String {
    let p = &site.plans[i];
    let (r, f) = (&p.record, &p.record.facts);
    let mut verdict = Vec::new();
    if f.lags.is_empty() {
        verdict.push(s.get("desc_on_schedule"));
    } else {
        let quarters: Vec<String> = f.lags.iter().map(|l| quarter_label(l.quarter, s)).collect();
        let quarters = quarters.join(&s.get("list_sep"));
        verdict.push(s.fmt("desc_behind", &[("quarters", &quarters)]));
    }
    verdict.push(s.get(match f.reports.late.is_empty() {
        true => "desc_reports_on_time",
        false => "desc_late",
    }));
    let low = fmt_num(LOW_SPENDING);
    let flagged = [
        (Finding::Returned.holds(f), "desc_returned"),
        (Finding::LowSpending.holds(f), "desc_low_spending"),
        (Finding::YearEndShort.holds(f), "desc_year_end_short"),
        (
            f.target_challenge == Challenge::NotSignificant,
            "desc_not_challenging",
        ),
        (
            f.target_challenge == Challenge::Mixed,
            "desc_partly_not_challenging",
        ),
        (f.special_performance, "desc_special"),
    ];
    verdict.extend(
        (flagged.iter())
            .filter(|(holds, _)| *holds)
            .map(|(_, key)| s.fmt(key, &[("low", &low)])),
    );
    let year = lang.year_label(r.year);
    let args = [
        ("name", lang.pick(&r.name)),
        ("agency", lang.pick(&site.agencies[p.agency].name)),
        ("year", year.as_str()),
        ("verdict", &verdict.join(&s.get("list_sep"))),
    ];
    s.fmt("plan_description", &args)
}

/// How many of the plans `idx` show each counted finding, in words.
fn counts(site: &Site, idx: &[usize], lang: Lang, s: &Strings) -> String {
    let links = finding_links(site, idx, &COUNTED, lang, s, &|_| String::new());
    let parts: Vec<String> = (links.iter())
        .map(|l| s.count("desc_finding", l.count, &[("title", &l.title)]))
        .collect();
    parts.join(&s.get("desc_sep"))
}

/// Year `year`'s description, over its plans `idx`: how many, and how many show each
/// counted finding.
pub(super) fn year(site: &Site, year: u32, idx: &[usize], lang: Lang, s: &Strings) -> String {
    let args = [
        ("year", lang.year_label(year)),
        ("total", s.count("plans_n", idx.len(), &[])),
        ("findings", counts(site, idx, lang, s)),
    ];
    s.fmt("year_description", &pairs(&args))
}

/// Agency `a`'s description, over its plans `idx` (every year): how many, in which years, and
/// how many show each counted finding.
pub(super) fn agency(site: &Site, a: usize, idx: &[usize], lang: Lang, s: &Strings) -> String {
    let mut years: Vec<u32> = idx.iter().map(|&i| site.plans[i].record.year).collect();
    years.dedup();
    let years: Vec<String> = years.iter().map(|&y| lang.year_label(y)).collect();
    let args = [
        ("agency", lang.pick(&site.agencies[a].name).to_string()),
        ("total", s.count("plans_n", idx.len(), &[])),
        ("years", years.join(&s.get("list_sep"))),
        ("findings", counts(site, idx, lang, s)),
    ];
    s.fmt("agency_description", &pairs(&args))
}

/// A finding page's description: its statement over the year's plans, and what it means.
pub(super) fn finding(
    year: u32,
    statement: &str,
    meaning: &str,
    lang: Lang,
    s: &Strings,
) -> String {
    let year = lang.year_label(year);
    let args = [
        ("year", year.as_str()),
        ("statement", statement),
        ("meaning", meaning),
    ];
    s.fmt("finding_description", &args)
}

fn pairs<'a>(args: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    args.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The Open Graph locale of a BCP 47 tag (`zh-Hant-TW` → `zh_TW`, `en-GB` → `en_GB`): its
/// language and region; a tag without a region takes the one its language is published for
/// here (`en` → `en_US`, the site's spelling; `zh` → `zh_TW`), or none.
pub fn og_locale(tag: &str) -> String {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let region = parts.find(|p| {
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
            || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
    });
    let region = match (region, language.as_str()) {
        (Some(r), _) => r.to_ascii_uppercase(),
        (None, "en") => "US".into(),
        (None, "zh") => "TW".into(),
        (None, _) => return language,
    };
    format!("{language}_{region}")
}

/// The link reporting an error on the page at `url` titled `title`, when `site.yaml` sets
/// `feedback` (empty otherwise, and then not shown).
pub(super) fn feedback_href(site: &Site, s: &Strings, url: &str, title: &str) -> String {
    let Some(Ok(to)) = site.config.feedback.as_deref().map(feedback::parse) else {
        return String::new();
    };
    let args = [("title", title), ("url", url)];
    let (subject, body) = (
        s.fmt("feedback_subject", &args),
        s.fmt("feedback_body", &args),
    );
    to.href(&Report {
        url,
        title,
        subject: &subject,
        body: &body,
    })
}

#[cfg(test)]
mod tests {
    use super::og_locale;

    #[test]
    fn locales_take_language_and_region() {
        for (tag, want) in [
            ("zh-Hant-TW", "zh_TW"),
            ("zh-TW", "zh_TW"),
            ("zh-Hant", "zh_TW"),
            ("en", "en_US"),
            ("en-GB", "en_GB"),
            ("es-419", "es_419"),
            ("fr", "fr"),
        ] {
            assert_eq!(og_locale(tag), want, "{tag}");
        }
    }
}
