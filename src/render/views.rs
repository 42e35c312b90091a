//! Template values: each plan and agency turned into what a page shows, once per language,
//! and shared by every page that lists it.

use super::markdown;
use super::strings::Strings;
use crate::content::flags::LOW_SPENDING;
use crate::content::schema::{Challenge, Clarity, Facts, ReportKind};
use crate::model::findings::{challenge_slug, Finding, CHALLENGES};
use crate::model::numbers::fmt_num;
use crate::model::urls::Urls;
use crate::model::{Lang, Plan, Site};
use serde::Serialize;

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Visible text.
    pub label: String,
    /// Root-relative URL.
    pub url: String,
}

/// One of the review's three sections.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `administration`, `budget` or `performance` (used for anchors).
    pub key: &'static str,
    /// The heading as the source prints it (一、行政作業).
    pub heading: String,
    /// Sanitized HTML of the section's text.
    pub html: String,
}

/// One quarter's budget execution, with its bar in the chart.
#[derive(Debug, Clone, Serialize)]
pub struct Quarter {
    /// `第 1 季` / `Q1`.
    pub label: String,
    /// The rate in percent.
    pub value: f64,
    /// `99.22%`.
    pub text: String,
    /// Bar geometry in the chart's coordinate space.
    pub x: u32,
    /// Top of the bar.
    pub y: u32,
    /// Bar height.
    pub height: u32,
}

/// The facts table of a plan.
#[derive(Debug, Clone, Serialize)]
pub struct FactsView {
    /// Every report on time.
    pub on_time: bool,
    /// Reports: one sentence.
    pub reports: String,
    /// Reports filed late, each a phrase.
    pub late: Vec<String>,
    /// Reports returned for revision, each a phrase.
    pub returned: Vec<String>,
    /// Quarters behind schedule, each a phrase; empty when none.
    pub lags: Vec<String>,
    /// Target challenge, as a label.
    pub challenge: String,
    /// Target challenge as a URL segment (`slightly-challenging`).
    pub challenge_slug: &'static str,
    /// Target challenge's place in [`CHALLENGES`] (0 = challenging), for sorting.
    pub challenge_rank: usize,
    /// Target clarity, as a label.
    pub clarity: String,
    /// Special performance beyond the targets.
    pub special: bool,
    /// Special performance, as a label.
    pub special_label: String,
    /// Special performance in a word (有 / Yes), for tables.
    pub special_short: String,
    /// The largest lag in percentage points (0 when none), for sorting.
    pub lag_max: f64,
    /// Days late, summed over reports, for sorting.
    pub late_days: u32,
    /// Times returned, summed over reports, for sorting.
    pub returned_times: u32,
    /// The verdict in words, as tags: behind schedule or not, reports late, returned,
    /// spending low or short at the year's end, targets not more challenging, special
    /// performance.
    pub tags: Vec<Tag>,
}

/// A status tag: words, with a tone for styling (never colour alone).
#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    /// `warn`, `ok` or `good`.
    pub tone: &'static str,
    /// The words.
    pub label: String,
}

/// The interface string of a challenge level.
pub fn challenge_key(c: Challenge) -> &'static str {
    match c {
        Challenge::Challenging => "challenge_challenging",
        Challenge::SlightlyChallenging => "challenge_slightly",
        Challenge::Mixed => "challenge_mixed",
        Challenge::NotSignificant => "challenge_not_significant",
        Challenge::NotStated => "not_stated",
    }
}

/// What a listing (the agency and year pages' tables) shows about one plan in one
/// language: made once per plan and shared by every page that lists it.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    /// Stable id.
    pub id: String,
    /// ROC year.
    pub year: u32,
    /// Year as written in this language.
    pub year_label: String,
    /// The year's page.
    pub year_url: String,
    /// Item number.
    pub item: u32,
    /// This plan's page.
    pub url: String,
    /// Plan name.
    pub name: String,
    /// The language tag of the name where it is not in the page's language (the Chinese name
    /// on an English page while the translation is being prepared).
    pub name_lang: Option<String>,
    /// Whether this English page shows the Chinese text because the English is not written
    /// yet.
    pub translation_pending: bool,
    /// Whether the plan is a draft, shown only in a preview (`serve`, `build --drafts`).
    pub draft: bool,
    /// Organizing agency.
    pub agency: Link,
    /// Agency slug (for filters and data attributes).
    pub agency_slug: String,
    /// Structured facts.
    pub facts: FactsView,
    /// Budget execution by quarter.
    pub quarters: Vec<Quarter>,
    /// Lag per quarter for tables (`—` when none).
    pub lag_by_quarter: Vec<String>,
}

/// Everything a plan's own page (and its feed entry) shows: the summary's fields plus the
/// review. Made when that page is rendered and dropped after, so a build never holds the
/// review text of every plan as template values.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    /// The fields listings show too: the plan's listing value (a [`PlanSummary`]), which a
    /// year's pages made already.
    #[serde(flatten)]
    pub summary: tera::Value,
    /// The review's sections, in order.
    pub sections: Vec<Section>,
    /// Text alternative of the chart.
    pub chart_text: String,
    /// The same plan in other years.
    pub other_years: Vec<Link>,
    /// Each flag of the verdict and why, in the reviewers' words.
    pub reasons: Vec<super::why::ReasonView>,
}

/// Chart geometry (viewBox 0 0 340 200; bars stand on y = 160, 100 % = 130 px).
const BASE_Y: f64 = 160.0;
const FULL: f64 = 130.0;

/// Builds what listings show of plan `i` in `lang`.
pub fn plan_summary(site: &Site, i: usize, lang: Lang, s: &Strings) -> PlanSummary {
    let p: &Plan = &site.plans[i];
    let r = &p.record;
    let urls = Urls::new(&site.config, lang);
    let agency = &site.agencies[p.agency];
    PlanSummary {
        id: r.id.clone(),
        year: r.year,
        year_label: lang.year_label(r.year),
        year_url: urls.year(r.year),
        item: r.item,
        url: urls.plan(r.year, &r.id),
        name: lang.pick(&r.name).to_string(),
        name_lang: (lang == Lang::En && r.name.english_pending())
            .then(|| Lang::Zh.tag(&site.config).to_string()),
        translation_pending: lang == Lang::En && r.english_pending(),
        draft: site.is_draft(i),
        agency: Link {
            label: lang.pick(&agency.name).to_string(),
            url: urls.agency(&agency.slug),
        },
        agency_slug: agency.slug.clone(),
        facts: facts_view(&r.facts, s),
        quarters: quarters(&r.facts, s),
        lag_by_quarter: (1..=4u8)
            .map(|q| {
                let lag = r.facts.lags.iter().find(|l| l.quarter == q);
                lag.map_or_else(|| "—".into(), |l| format!("{}%", fmt_num(l.percent)))
            })
            .collect(),
    }
}

/// `第 1 季` / `Q1`.
pub(super) fn quarter_label(n: u8, s: &Strings) -> String {
    s.fmt("quarter", &[("n", &n.to_string())])
}

/// Each quarter's budget execution with its bar in the chart.
fn quarters(f: &Facts, s: &Strings) -> Vec<Quarter> {
    let bar = |k: usize, v: f64| {
        let h = (v.clamp(0.0, 100.0) / 100.0 * FULL).round();
        Quarter {
            label: quarter_label(k as u8 + 1, s),
            value: v,
            text: format!("{}%", fmt_num(v)),
            x: 60 + 68 * k as u32,
            y: (BASE_Y - h) as u32,
            height: h as u32,
        }
    };
    (f.budget_execution.iter().enumerate())
        .map(|(k, &v)| bar(k, v))
        .collect()
}

/// A report's name: `作業計畫`, `第 2 季執行情形` …
fn report_name(k: ReportKind, s: &Strings) -> String {
    let quarter = |n: &str| s.fmt("report_quarter", &[("n", n)]);
    match k {
        ReportKind::WorkPlan => s.get("report_work_plan"),
        ReportKind::SelfEvaluation => s.get("report_self_evaluation"),
        ReportKind::Q1 => quarter("1"),
        ReportKind::Q2 => quarter("2"),
        ReportKind::Q3 => quarter("3"),
        ReportKind::Q4 => quarter("4"),
    }
}

/// One phrase per (report, number) under interface string `key` (days late, times returned).
pub(super) fn report_phrases(
    key: &str,
    reports: impl Iterator<Item = (ReportKind, u32)>,
    s: &Strings,
) -> Vec<String> {
    reports
        .map(|(k, n)| s.count(key, n as usize, &[("report", &report_name(k, s))]))
        .collect()
}

/// Picks the interface string `yes` or `no` by `b`.
fn either(s: &Strings, b: bool, yes: &str, no: &str) -> String {
    s.get(if b { yes } else { no })
}

/// The facts table of a record.
fn facts_view(f: &Facts, s: &Strings) -> FactsView {
    let late = f.reports.late.iter().map(|l| (l.report, l.days));
    let returned = f.reports.returned.iter().map(|x| (x.report, x.times));
    let lags = f.lags.iter().map(|l| {
        let quarter = quarter_label(l.quarter, s);
        s.fmt(
            "lag",
            &[("quarter", &quarter), ("percent", &fmt_num(l.percent))],
        )
    });
    FactsView {
        on_time: f.reports.on_time,
        reports: either(
            s,
            f.reports.on_time,
            "reports_on_time",
            "reports_not_on_time",
        ),
        late: report_phrases("late_report", late, s),
        returned: report_phrases("returned_report", returned, s),
        lags: lags.collect(),
        challenge: s.get(challenge_key(f.target_challenge)),
        challenge_slug: challenge_slug(f.target_challenge),
        challenge_rank: (CHALLENGES.iter())
            .position(|c| *c == f.target_challenge)
            .unwrap_or(0),
        clarity: s.get(match f.target_clarity {
            Clarity::Quantitative => "clarity_quantitative",
            Clarity::Qualitative => "clarity_qualitative",
            Clarity::NotStated => "not_stated",
        }),
        special: f.special_performance,
        special_label: either(s, f.special_performance, "special_yes", "special_no"),
        special_short: either(s, f.special_performance, "yes", "no"),
        lag_max: f.lags.iter().map(|l| l.percent).fold(0.0, f64::max),
        late_days: f.reports.late.iter().map(|l| l.days).sum(),
        returned_times: f.reports.returned.iter().map(|x| x.times).sum(),
        tags: tags(f, s),
    }
}

/// The verdict tags of a record's facts.
fn tags(f: &Facts, s: &Strings) -> Vec<Tag> {
    let tag = |tone, key: &str| Tag {
        tone,
        label: s.get(key),
    };
    let mut v = vec![if f.lags.is_empty() {
        tag("ok", "tag_on_schedule")
    } else {
        tag("warn", "tag_behind")
    }];
    v.push(if f.reports.late.is_empty() {
        tag("ok", "tag_reports_on_time")
    } else {
        tag("warn", "tag_late")
    });
    if !f.reports.returned.is_empty() {
        v.push(tag("warn", "tag_returned"));
    }
    if Finding::LowSpending.holds(f) {
        v.push(Tag {
            tone: "warn",
            label: s.fmt("tag_low_spending", &[("low", &fmt_num(LOW_SPENDING))]),
        });
    }
    if Finding::YearEndShort.holds(f) {
        v.push(tag("warn", "tag_year_end_short"));
    }
    match f.target_challenge {
        Challenge::NotSignificant => v.push(tag("warn", "tag_not_challenging")),
        Challenge::Mixed => v.push(tag("warn", "tag_partly_not_challenging")),
        _ => {}
    }
    if f.special_performance {
        v.push(tag("good", "tag_special"));
    }
    v
}

/// Han characters (and CJK punctuation).
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0x20000..=0x2FA1F)
}

/// Whether UTF-8 byte `b` can be the first of an [`is_han`] character's bytes.
fn may_start_han(b: u8) -> bool {
    matches!(b, 0xE3..=0xE9 | 0xEF | 0xF0)
}

/// Wraps each run of Chinese in the text of `html` (never inside a tag) in
/// `<span lang="{tag}">`, so that a screen reader reading an English page pronounces it as
/// Chinese. A run may hold short Latin words or spaces between Han characters
/// (全民勞教 e 網).
pub fn mark_chinese(html: &str, tag: &str) -> String {
    // most English texts have no byte that can start a Han character
    if !html.bytes().any(may_start_han) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 32);
    let mut in_tag = false;
    let chars: Vec<(usize, char)> = html.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if in_tag {
            in_tag = c != '>';
            out.push(c);
            i += 1;
            continue;
        }
        if c == '<' {
            in_tag = true;
            out.push(c);
            i += 1;
            continue;
        }
        if !is_han(c) {
            out.push(c);
            i += 1;
            continue;
        }
        // extend the run over Han characters and over short gaps that end in Han again
        let mut end = i + 1;
        loop {
            while end < chars.len() && is_han(chars[end].1) {
                end += 1;
            }
            let gap = chars[end..]
                .iter()
                .take(4)
                .take_while(|(_, g)| *g == ' ' || g.is_ascii_alphanumeric())
                .count();
            if gap > 0 && end + gap < chars.len() && is_han(chars[end + gap].1) {
                end += gap;
            } else {
                break;
            }
        }
        let stop = chars.get(end).map_or(html.len(), |x| x.0);
        out.push_str(&format!("<span lang=\"{tag}\">{}</span>", &html[at..stop]));
        i = end;
    }
    out
}

/// Builds everything plan `i`'s own page shows in `lang`, around `summary`, its listing value
/// ([`plan_summary`] made a template value).
pub fn plan_view(site: &Site, i: usize, lang: Lang, s: &Strings, summary: tera::Value) -> PlanView {
    let p: &Plan = &site.plans[i];
    let r = &p.record;
    let urls = Urls::new(&site.config, lang);
    let sections = r
        .review
        .sections()
        .into_iter()
        .map(|(key, text)| {
            let heading = s.get(&format!("section_{key}"));
            let md = lang.pick(text);
            // each paragraph its id, so that a reason links to it
            let html = markdown::with_block_ids(&markdown::to_html(md), key);
            Section {
                key,
                heading,
                // Chinese names kept in an English text are marked, so the record stays plain text
                html: match lang {
                    Lang::En => mark_chinese(&html, Lang::Zh.tag(&site.config)),
                    Lang::Zh => html,
                },
            }
        })
        .collect();
    let chart_text = s.fmt(
        "chart_alt",
        &[(
            "values",
            &quarters(&r.facts, s)
                .iter()
                .map(|q| format!("{} {}", q.label, q.text))
                .collect::<Vec<_>>()
                .join(s.get("list_sep").as_str()),
        )],
    );
    let other_years = p
        .other_years
        .iter()
        .map(|&j| {
            let o = &site.plans[j].record;
            Link {
                label: lang.year_label(o.year),
                url: urls.plan(o.year, &o.id),
            }
        })
        .collect();
    PlanView {
        summary,
        sections,
        chart_text,
        other_years,
        reasons: super::why::reasons(site, i, None, lang, s),
    }
}

#[cfg(test)]
mod tests {
    use super::mark_chinese;

    #[test]
    fn chinese_runs_are_marked_outside_tags_only() {
        assert_eq!(
            mark_chinese("<p title=\"中文\">the site (全民勞教 e 網) and 勞動部.</p>", "zh-Hant-TW"),
            "<p title=\"中文\">the site (<span lang=\"zh-Hant-TW\">全民勞教 e 網</span>) and <span lang=\"zh-Hant-TW\">勞動部</span>.</p>"
        );
        assert_eq!(mark_chinese("plain English", "zh"), "plain English");
        assert_eq!(
            mark_chinese("<p>“quoted” — café 𝔸</p>", "zh"),
            "<p>“quoted” — café 𝔸</p>"
        );
    }

    #[test]
    fn the_quick_check_sees_every_han_character() {
        // the fast path skips a text none of whose bytes can start a Han character
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| super::is_han(*c))
        {
            let first = c.to_string().as_bytes()[0];
            assert!(super::may_start_han(first), "{c:?} starts with {first:#x}");
            let text = format!("a{c}b");
            assert!(mark_chinese(&text, "zh").contains("<span"), "{c:?}");
        }
    }
}
