//! Checks that need more than one field or file: references, uniqueness, ranges, safe slugs.

use super::agree::facts_agree;
use super::schema::{PlanFile, Text};
use super::{Content, Source};
use crate::error::Diagnostic;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Placeholder text the scaffold and the importer leave for staff to fill in; `check` refuses a
/// Chinese text that still holds it, and warns of an English one.
pub use super::schema::PLACEHOLDER;

/// True for a slug that is safe as one URL path segment and file name: `[a-z0-9]` words
/// joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// [`is_slug`] as a JSON Schema pattern (its length is a `maxLength` of 80), for editors.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// A URL prefix of a language: empty or a slug (a JSON Schema pattern, for editors).
pub const PREFIX_PATTERN: &str = "^([a-z0-9]+(-[a-z0-9]+)*)?$";

/// A language tag as `check` accepts one for `site.yaml` (a JSON Schema pattern, for editors).
pub const LANG_TAG_PATTERN: &str = "^[A-Za-z0-9-]+$";

/// A date's shape as [`is_date`] accepts it, `YYYY-MM-DD` (a JSON Schema pattern, for
/// editors; whether the day exists is left to `check`).
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// An absolute http(s) URL without spaces, as `check` accepts one (a JSON Schema
/// pattern, for editors).
pub const WEB_URL_PATTERN: &str = "^https?://\\S*$";

/// An image's address as `check` accepts one: an absolute http(s) URL, or a path from the
/// site's root that does not start with `//` (a JSON Schema pattern, for editors).
pub const IMAGE_SRC_PATTERN: &str = "^(https?://\\S*|/([^/][\\s\\S]*)?)$";

/// A character that cannot be seen but changes what a name or id is: the controls that
/// change the direction of the text after them (U+202A–U+202E, U+2066–U+2069, and the marks
/// U+200E, U+200F, U+061C), which can make a title read as something else, and the
/// zero-width characters (U+200B–U+200D, U+2060, U+FEFF), with which a plan is not found by
/// its name as shown.
pub fn hidden_char(s: &str) -> Option<char> {
    s.chars().find(|c| {
        matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{061C}'
                | '\u{FEFF}'
        )
    })
}

/// Why `c` ([`hidden_char`]) may not be in a `what` (a name, an id).
pub fn hidden_message(c: char, what: &str) -> String {
    let kind = match c {
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            "an invisible zero-width character: searching for the name as it is shown would not find it"
        }
        _ => "an invisible character that changes the direction of the text after it, so the text can read as something else",
    };
    format!(
        "{what} holds U+{:04X}, {kind}; delete it (names and ids may not hold one)",
        c as u32
    )
}

/// A name (`field`, both languages) free of [`hidden_char`]s.
fn name<T>(src: &Source<T>, field: &str, t: &Text, out: &mut Vec<Diagnostic>) {
    for (lang, s) in [("zh", &t.zh), ("en", &t.en)] {
        let what = match lang {
            "zh" => "the Chinese name",
            _ => "the English name",
        };
        if let Some(c) = hidden_char(s) {
            out.push(src.problem(&format!("{field}.{lang}"), hidden_message(c, what)));
        }
    }
}

/// The ROC years a record may have.
pub const ROC_YEARS: std::ops::RangeInclusive<u32> = 1..=999;

/// True for a ROC year a record may have ([`ROC_YEARS`]).
pub fn is_roc_year(year: u32) -> bool {
    ROC_YEARS.contains(&year)
}

/// Every problem in the content, in file order.
pub fn validate(c: &Content) -> Vec<Diagnostic> {
    validate_plans(c, |_| true)
}

/// Every problem in the content, checking each plan record on its own only where `check`
/// says so (the records that changed since the content was last valid); what involves
/// several records (items and ids used twice) is checked over all of them.
pub fn validate_plans(
    c: &Content,
    check: impl Fn(&Source<PlanFile>) -> bool + Sync,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    site(c, &mut out);
    years(c, &mut out);
    let slugs = agencies(c, &mut out);
    for (slug, page) in &c.pages {
        if !is_slug(slug) {
            out.push(Diagnostic::new(
                &page.path,
                "page file names must be lowercase ASCII words joined by hyphens",
            ));
        }
        if let Some(c) = hidden_char(slug) {
            out.push(Diagnostic::new(
                &page.path,
                hidden_message(c, "the file name"),
            ));
        }
        text(page, "title", &page.value.title, &mut out);
        name(page, "title", &page.value.title, &mut out);
        text(page, "body", &page.value.body, &mut out);
        markdown(page, "body", &page.value.body, &mut out);
    }
    // each record's own checks (Markdown parsed, at 100,000 records seconds of work) on every
    // core; their problems still go out in file order, each record's before its duplicates'
    let own: Vec<Vec<Diagnostic>> = c
        .plans
        .par_iter()
        .map(|p| {
            let mut found = Vec::new();
            if check(p) {
                plan(p, &slugs, &mut found);
            }
            found
        })
        .collect();
    let mut items: BTreeMap<(u32, u32), &Source<PlanFile>> = BTreeMap::new();
    let mut ids: BTreeMap<(u32, &str), &Source<PlanFile>> = BTreeMap::new();
    for (p, found) in c.plans.iter().zip(own) {
        out.extend(found);
        let v = &p.value;
        if let Some(first) = items.insert((v.year, v.item), p) {
            out.push(p.problem(
                "item",
                format!(
                    "item {} of year {} is also used by {}",
                    v.item,
                    v.year,
                    first.path.display()
                ),
            ));
        }
        if let Some(first) = ids.insert((v.year, v.id.as_str()), p) {
            out.push(p.problem(
                "id",
                format!(
                    "plan id `{}` appears twice in year {} (also {})",
                    v.id,
                    v.year,
                    first.path.display()
                ),
            ));
        }
    }
    out
}

fn site(c: &Content, out: &mut Vec<Diagnostic>) {
    let s = &c.site;
    let v = &s.value;
    if !(v.base_url.starts_with("https://") || v.base_url.starts_with("http://"))
        || v.base_url.contains(char::is_whitespace)
    {
        out.push(s.problem("base_url", "must be an absolute http(s) URL"));
    }
    if !is_slug(&v.theme) {
        out.push(s.problem(
            "theme",
            "must be the name of a folder under themes/ (lowercase ASCII, hyphens)",
        ));
    }
    if v.languages.zh.prefix.is_empty() == v.languages.en.prefix.is_empty()
        && v.languages.zh.prefix == v.languages.en.prefix
    {
        out.push(s.problem("languages", "the two languages need different URL prefixes"));
    }
    for (name, l) in [("zh", &v.languages.zh), ("en", &v.languages.en)] {
        if !l.prefix.is_empty() && !is_slug(&l.prefix) {
            out.push(s.problem(
                &format!("languages.{name}.prefix"),
                "must be empty or lowercase ASCII",
            ));
        }
        if l.tag.is_empty()
            || !l
                .tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            out.push(s.problem(
                &format!("languages.{name}.tag"),
                "must be a language tag such as zh-Hant-TW",
            ));
        }
    }
    if !is_date(&v.updated) {
        out.push(s.problem("updated", "must be a date written YYYY-MM-DD"));
    }
    text(s, "title", &v.title, out);
    name(s, "title", &v.title, out);
    text(s, "description", &v.description, out);
    text(s, "publisher", &v.publisher, out);
    let urls = [
        ("ministry_url", v.ministry_url.as_deref()),
        (
            "accessibility_mark.url",
            v.accessibility_mark.as_ref().map(|m| m.url.as_str()),
        ),
    ];
    for (field, url) in urls {
        if url.is_some_and(|u| !is_web_url(u)) {
            out.push(s.problem(field, "must be an absolute http(s) URL"));
        }
    }
    let images = [
        ("logo.src", v.logo.as_ref().map(|i| i.src.as_str())),
        (
            "accessibility_mark.image.src",
            v.accessibility_mark.as_ref().map(|m| m.image.src.as_str()),
        ),
    ];
    for (field, src) in images {
        if src.is_some_and(|u| !is_web_url(u) && (!u.starts_with('/') || u.starts_with("//"))) {
            out.push(s.problem(
                field,
                "must be a root-relative path (/static/…) or an absolute http(s) URL",
            ));
        }
    }
}

/// An absolute http(s) URL without spaces.
fn is_web_url(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
}

/// Year records: named after their year, with a valid date and URL when given.
fn years(c: &Content, out: &mut Vec<Diagnostic>) {
    for y in &c.years {
        let v = &y.value;
        if y.path.file_stem().and_then(|s| s.to_str()) != Some(v.year.to_string().as_str()) {
            out.push(y.problem(
                "year",
                format!(
                    "year {} is in a file named otherwise; name it {}.yaml",
                    v.year, v.year
                ),
            ));
        }
        text(y, "source.title", &v.source.title, out);
        name(y, "source.title", &v.source.title, out);
        if v.source.date.as_deref().is_some_and(|d| !is_date(d)) {
            out.push(y.problem("source.date", "must be a date written YYYY-MM-DD"));
        }
        if v.source.url.as_deref().is_some_and(|u| !is_web_url(u)) {
            out.push(y.problem("source.url", "must be an absolute http(s) URL"));
        }
    }
    year_chores(c, out);
}

/// The chores of a new year, as warnings: a year with plans and no year record (its source
/// goes unnamed), and `site.yaml`'s `updated` older than the newest review's date.
fn year_chores(c: &Content, out: &mut Vec<Diagnostic>) {
    let recorded: BTreeSet<u32> = c.years.iter().map(|y| y.value.year).collect();
    let with_plans: BTreeSet<u32> = c.plans.iter().map(|p| p.value.year).collect();
    for year in with_plans.difference(&recorded) {
        out.push(
            Diagnostic::new(
                format!("content/years/{year}.yaml"),
                format!(
                    "year {year} has plans but no year record, so its pages name no source document; write it with `gongkai new year {year}`"
                ),
            )
            .as_warning(),
        );
    }
    let newest = (c.years.iter())
        .filter_map(|y| {
            y.value
                .source
                .date
                .as_deref()
                .filter(|d| is_date(d))
                .map(|d| (d, y))
        })
        .max_by_key(|(d, _)| *d);
    let updated = &c.site.value.updated;
    if let Some((date, y)) = newest.filter(|(d, _)| is_date(updated) && updated.as_str() < *d) {
        out.push(
            c.site
                .problem(
                    "updated",
                    format!(
                        "{updated} is older than the review of {} ({date}, in {}): set it to the date this edition is published",
                        y.value.year,
                        y.path.display()
                    ),
                )
                .as_warning(),
        );
    }
}

/// A calendar date written `YYYY-MM-DD` that exists (`2023-02-31` does not).
pub fn is_date(s: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    s.len() == 10
        && s.starts_with(|c: char| c.is_ascii_digit())
        && time::Date::parse(s, format).is_ok()
}

fn agencies(c: &Content, out: &mut Vec<Diagnostic>) -> BTreeSet<String> {
    let a = &c.agencies;
    text(a, "ministry", &a.value.ministry, out);
    let mut slugs = BTreeSet::new();
    for (i, ag) in a.value.agencies.iter().enumerate() {
        if let Some(c) = hidden_char(&ag.slug) {
            out.push(a.problem(
                &format!("agencies[{i}].slug"),
                hidden_message(c, "the slug"),
            ));
        } else if !is_slug(&ag.slug) {
            out.push(a.problem(
                &format!("agencies[{i}].slug"),
                format!(
                    "`{}` is not a slug: use lowercase ASCII words joined by hyphens",
                    ag.slug
                ),
            ));
        } else if !slugs.insert(ag.slug.clone()) {
            out.push(a.problem(
                &format!("agencies[{i}].slug"),
                format!("agency `{}` is listed twice", ag.slug),
            ));
        }
        text(a, &format!("agencies[{i}].name"), &ag.name, out);
        name(a, &format!("agencies[{i}].name"), &ag.name, out);
        for (j, short) in ag.short_names.iter().enumerate() {
            if let Some(c) = hidden_char(short) {
                out.push(a.problem(
                    &format!("agencies[{i}].short_names[{j}]"),
                    hidden_message(c, "the short name"),
                ));
            }
        }
        if ag.website.as_deref().is_some_and(|u| !is_web_url(u)) {
            out.push(a.problem(
                &format!("agencies[{i}].website"),
                "must be an absolute http(s) URL",
            ));
        }
    }
    slugs
}

/// Both languages present, no placeholder left.
fn text<T>(src: &Source<T>, field: &str, t: &Text, out: &mut Vec<Diagnostic>) {
    if t.zh.trim().is_empty() {
        out.push(src.problem(&format!("{field}.zh"), "the Chinese text is missing"));
    }
    if t.english_pending() {
        // the Chinese is authoritative: its pages are published, and the English page says
        // the translation is being prepared
        out.push(
            src.problem(
                &format!("{field}.en"),
                "the English text is not written yet: the English page shows the Chinese text and says the translation is being prepared",
            )
            .as_warning(),
        );
    }
    if !t.english_pending() && super::schema::english_outdated(t) {
        out.push(
            src.problem(
                &format!("{field}.en"),
                "the Chinese text changed since this English was translated from it: update the English, then delete the `en_from` line",
            )
            .as_warning(),
        );
    }
    if t.zh.contains(PLACEHOLDER) {
        out.push(src.problem(
            &format!("{field}.zh"),
            format!("placeholder `{PLACEHOLDER}` left in the text"),
        ));
    }
}

/// Markdown that renders within the renderer's limits (nesting, length, escaped characters).
fn markdown<T>(src: &Source<T>, field: &str, t: &Text, out: &mut Vec<Diagnostic>) {
    for (lang, s) in [("zh", &t.zh), ("en", &t.en)] {
        if let Err(e) = crate::render::markdown::check(s) {
            out.push(src.problem(&format!("{field}.{lang}"), e.to_string()));
        }
    }
}

/// Every check of one plan record on its own.
fn plan(p: &Source<PlanFile>, agencies: &BTreeSet<String>, out: &mut Vec<Diagnostic>) {
    plan_place(p, out);
    let v = &p.value;
    if !is_roc_year(v.year) {
        out.push(p.problem("year", format!("{} is not a ROC year", v.year)));
    }
    if v.item == 0 {
        out.push(p.problem("item", "item numbers start at 1"));
    }
    if let Some(c) = hidden_char(&v.agency) {
        out.push(p.problem("agency", hidden_message(c, "the agency's slug")));
    } else if !agencies.contains(&v.agency) {
        out.push(p.problem(
            "agency",
            format!(
                "unknown agency `{}`: it is not in content/agencies.yaml",
                v.agency
            ),
        ));
    }
    text(p, "name", &v.name, out);
    name(p, "name", &v.name, out);
    let sections = [
        ("review.administration", &v.review.administration),
        ("review.budget", &v.review.budget),
        ("review.performance", &v.review.performance),
    ];
    for (field, t) in sections {
        text(p, field, t, out);
    }
    for (field, t) in sections {
        markdown(p, field, t, out);
    }
    facts(p, out);
    facts_agree(p, out);
}

/// The id is a slug, and the file's place agrees with what it says (`<year>/<id>.yaml`), so
/// staff find records by id and year.
fn plan_place(p: &Source<PlanFile>, out: &mut Vec<Diagnostic>) {
    let v = &p.value;
    if let Some(c) = hidden_char(&v.id) {
        out.push(p.problem("id", hidden_message(c, "the id")));
    } else if !is_slug(&v.id) {
        out.push(p.problem(
            "id",
            format!(
                "`{}` is not a valid id: use lowercase ASCII words joined by hyphens",
                v.id
            ),
        ));
    }
    let stem = p
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_slug(&v.id) && stem != v.id {
        out.push(p.problem(
            "id",
            format!("the file is named `{stem}.yaml` but its id is `{}`", v.id),
        ));
    }
    let folder = p
        .path
        .parent()
        .and_then(|d| d.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if folder != v.year.to_string() {
        out.push(p.problem(
            "year",
            format!("year {} does not match the folder `{folder}`", v.year),
        ));
    }
}

/// The facts' numbers in range and consistent with each other.
fn facts(p: &Source<PlanFile>, out: &mut Vec<Diagnostic>) {
    let f = &p.value.facts;
    for (i, x) in f.budget_execution.iter().enumerate() {
        if !(0.0..=100.0).contains(x) {
            out.push(p.problem(
                &format!("facts.budget_execution[{i}]"),
                format!("{x} is outside 0–100 %"),
            ));
        }
    }
    let mut quarters = BTreeSet::new();
    for (i, lag) in f.lags.iter().enumerate() {
        if !(1..=4).contains(&lag.quarter) {
            out.push(p.problem(
                &format!("facts.lags[{i}].quarter"),
                format!("quarter {} is not 1–4", lag.quarter),
            ));
        } else if !quarters.insert(lag.quarter) {
            out.push(p.problem(
                &format!("facts.lags[{i}].quarter"),
                format!("quarter {} is listed twice", lag.quarter),
            ));
        }
        if !(0.0..=100.0).contains(&lag.percent) {
            out.push(p.problem(
                &format!("facts.lags[{i}].percent"),
                format!("{} is outside 0–100 %", lag.percent),
            ));
        }
    }
    if f.reports.on_time && !f.reports.late.is_empty() {
        out.push(p.problem(
            "facts.reports.on_time",
            "is true but late reports are listed",
        ));
    }
    for (i, r) in f.reports.returned.iter().enumerate() {
        if r.times == 0 {
            out.push(p.problem(
                &format!("facts.reports.returned[{i}].times"),
                "must be at least 1",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("mol-office-building"));
        assert!(is_slug("bli"));
        for bad in ["", "-a", "a-", "a--b", "A", "a/b", "..", "a b", "中文"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(is_date("2023-06-30"));
        assert!(!is_date("2023-13-01"));
        assert!(!is_date("23-06-30"));
        assert!(is_date("2024-02-29"));
        for bad in [
            "2023-02-31",
            "2023-02-29",
            "2023-04-31",
            "2023-00-10",
            "2023-06-00",
            "+023-06-30",
            "2023-6-30",
            "2023-06-30 ",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
