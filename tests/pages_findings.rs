//! The finding pages answer "which plans …?" and why: each lists exactly the plans whose
//! records show the fact (spending below 90 % in a quarter and below 100 % at the year's end
//! among them, with their figures), each with the reviewers' sentence, in both languages,
//! reachable from the home page in one click; the numbers that sum them up link to them; no
//! English page says "1 plans"; no placeholder reaches a page.

mod common;
use common::*;
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The records of the real content, read here on their own (not through the model).
fn records() -> Vec<Value> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/plans/111");
    let mut v: Vec<Value> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            serde_yaml::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap()
        })
        .collect();
    v.sort_by_key(|r| r["item"].as_u64());
    v
}

fn nonempty(v: &Value) -> bool {
    v.as_sequence().is_some_and(|s| !s.is_empty())
}

/// Expected plan ids per finding page slug, straight from the YAML.
fn expected() -> BTreeMap<String, BTreeSet<String>> {
    let recs = records();
    let mut m: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |slug: String, r: &Value| {
        m.entry(slug)
            .or_default()
            .insert(r["id"].as_str().unwrap().to_string());
    };
    for r in &recs {
        let f = &r["facts"];
        if nonempty(&f["lags"]) {
            add("behind-schedule".into(), r);
        }
        for l in f["lags"].as_sequence().into_iter().flatten() {
            add(
                format!("behind-schedule-q{}", l["quarter"].as_u64().unwrap()),
                r,
            );
        }
        if nonempty(&f["reports"]["late"]) {
            add("late-reports".into(), r);
        }
        if nonempty(&f["reports"]["returned"]) {
            add("returned-reports".into(), r);
        }
        if f["special_performance"].as_bool().unwrap() {
            add("special-performance".into(), r);
        }
        let c = f["target_challenge"].as_str().unwrap().replace('_', "-");
        add(format!("challenge-{c}"), r);
        if c == "not-significant" || c == "mixed" {
            add("targets-not-more-challenging".into(), r);
        }
        let spent = spent(r);
        if spent.iter().any(|v| *v < 90.0) {
            add("spending-below-90".into(), r);
        }
        if spent[3] < 100.0 {
            add("year-end-spending-below-100".into(), r);
        }
    }
    m
}

/// A record's cumulative spending by quarter, as its YAML gives it.
fn spent(r: &Value) -> Vec<f64> {
    let b = r["facts"]["budget_execution"].as_sequence().unwrap();
    b.iter().map(|v| v.as_f64().unwrap()).collect()
}

const SLUGS: [&str; 16] = [
    "behind-schedule",
    "behind-schedule-q1",
    "behind-schedule-q2",
    "behind-schedule-q3",
    "behind-schedule-q4",
    "spending-below-90",
    "year-end-spending-below-100",
    "targets-not-more-challenging",
    "late-reports",
    "returned-reports",
    "special-performance",
    "challenge-challenging",
    "challenge-slightly-challenging",
    "challenge-mixed",
    "challenge-not-significant",
    "challenge-not-stated",
];

/// Plan ids linked from the rows of a page's table (to the plans' pages: the reasons beside
/// them link paragraphs of those pages).
fn listed(html: &str, prefix: &str) -> BTreeSet<String> {
    if !html.contains("<tbody") {
        return BTreeSet::new();
    }
    let body = between(html, "<tbody", "</tbody>");
    attr_values(body, "href")
        .into_iter()
        .filter(|h| !h.contains('#'))
        .filter_map(|h| {
            h.strip_prefix(&format!("{prefix}/plans/111/"))
                .map(|s| s.trim_end_matches('/').to_string())
        })
        .collect()
}

#[test]
fn each_finding_page_lists_exactly_the_plans_whose_facts_show_it() {
    // the list and table markup is read by its text
    let f = Fixture::real().unminified();
    f.build().unwrap();
    let want = expected();
    assert!(!want["late-reports"].is_empty() && !want["returned-reports"].is_empty());
    let plans = records().len();
    for slug in SLUGS {
        let ids = want.get(slug).cloned().unwrap_or_default();
        for (prefix, file) in [
            ("", format!("years/111/{slug}/index.html")),
            ("/en", format!("en/years/111/{slug}/index.html")),
        ] {
            let html = f.read(&file);
            assert_eq!(listed(&html, prefix), ids, "{file}");
            assert_eq!(explained(&html, prefix), ids, "{file}: why");
            let text = text_of(&html);
            let said = if prefix.is_empty() {
                format!("{plans} 項計畫中 {} 項", ids.len())
            } else {
                format!("{} of {plans} plans", ids.len())
            };
            assert!(text.contains(&said), "{file} does not say {said:?}");
        }
    }
}

/// The rows of a page's table (after the first `<tr` of its body).
fn rows(html: &str) -> Vec<&str> {
    if !html.contains("<tbody") {
        return Vec::new();
    }
    between(html, "<tbody", "</tbody>")
        .split("<tr")
        .skip(1)
        .collect()
}

/// Plan ids given a reason (the reviewers' words) beside them, in the rows of a page's table.
fn explained(html: &str, prefix: &str) -> BTreeSet<String> {
    rows(html)
        .into_iter()
        .filter(|row| why_cell(row).contains("<q "))
        .filter_map(|row| attr_values(row, "href").into_iter().next())
        .filter_map(|h| {
            h.strip_prefix(&format!("{prefix}/plans/111/"))
                .map(|s| s.trim_end_matches('/').to_string())
        })
        .collect()
}

/// A row's cell of reasons (empty when it has none).
fn why_cell(row: &str) -> &str {
    row.split_once("class=\"col-why\"")
        .map_or("", |(_, rest)| rest.split("</td>").next().unwrap_or(""))
}

#[test]
fn the_spending_findings_list_the_plans_below_with_their_figures() {
    // the list and table markup is read by its text
    let f = Fixture::real().unminified();
    f.build().unwrap();
    let recs = records();
    for (slug, below) in [
        (
            "spending-below-90",
            &(|v: f64, _q: usize| v < 90.0) as &dyn Fn(f64, usize) -> bool,
        ),
        ("year-end-spending-below-100", &|v: f64, q: usize| {
            q == 3 && v < 100.0
        }),
    ] {
        for (prefix, file) in [
            ("", format!("years/111/{slug}/index.html")),
            ("/en", format!("en/years/111/{slug}/index.html")),
        ] {
            let html = f.read(&file);
            let list: String = rows(&html).iter().map(|r| text_of(why_cell(r))).collect();
            let mut named = 0;
            for r in &recs {
                let figures: Vec<String> = (spent(r).into_iter().enumerate())
                    .filter(|&(q, v)| below(v, q))
                    .map(|(_, v)| format!("{v}%"))
                    .collect();
                let url = format!("{prefix}/plans/111/{}/", r["id"].as_str().unwrap());
                assert_eq!(
                    html.contains(&format!("href=\"{url}\"")),
                    !figures.is_empty(),
                    "{file}: {url}"
                );
                for fig in &figures {
                    assert!(list.contains(fig), "{file}: {fig} of {url} not in {list}");
                }
                named += usize::from(!figures.is_empty());
            }
            assert!(named > 0, "{file} names no plan");
        }
    }
    // the year's figures: plans at 100 % in Q4 name the rest, linked
    let want = expected()["year-end-spending-below-100"].len();
    for (prefix, home) in [("", "index.html"), ("/en", "en/index.html")] {
        let html = f.read(home);
        let row = between(&html, "#execution\"", "</tr>");
        let url = format!("{prefix}/years/111/year-end-spending-below-100/");
        assert!(row.contains(&format!("href=\"{url}\"")), "{home}: {row}");
        assert!(
            text_of(row).contains(&format!("{} ", recs.len() - want)),
            "{row}"
        );
        assert!(text_of(row).contains(&want.to_string()), "{row}");
    }
}

#[test]
fn home_links_to_each_list_in_one_click_and_the_sitemap_has_them() {
    let f = Fixture::real();
    f.build().unwrap();
    for (prefix, home) in [("", "index.html"), ("/en", "en/index.html")] {
        let links = attr_values(&f.read(home), "href");
        for slug in [
            "behind-schedule",
            "late-reports",
            "returned-reports",
            "special-performance",
        ] {
            let url = format!("{prefix}/years/111/{slug}/");
            assert!(links.contains(&url), "{home} does not link {url}");
        }
    }
    let sitemap = f.read("sitemap.xml");
    for slug in SLUGS {
        assert!(
            sitemap.contains(&format!("/years/111/{slug}/</loc>")),
            "{slug} not in sitemap"
        );
        assert!(
            sitemap.contains(&format!("/en/years/111/{slug}/</loc>")),
            "en {slug} not in sitemap"
        );
    }
}

#[test]
fn agencies_page_compares_every_agency_and_its_numbers_lead_to_their_plans() {
    // the list and table markup is read by its text
    let f = Fixture::real().unminified();
    f.build().unwrap();
    let html = f.read("agencies/index.html");
    let table = between(&html, "<table", "</table>");
    let agencies: Vec<String> = attr_values(table, "href")
        .into_iter()
        .filter(|h| h.starts_with("/agencies/") && !h.contains('#'))
        .collect();
    assert_eq!(agencies.len(), 7, "{agencies:?}");
    // every count link leads to an agency page's list holding exactly that many plans
    let want = expected();
    let mut late_total = 0;
    for h in attr_values(table, "href")
        .into_iter()
        .filter(|h| h.contains('#'))
    {
        let (page, anchor) = h.split_once('#').unwrap();
        let agency = f.read(&format!("{}index.html", page.trim_start_matches('/')));
        let item = between(&agency, &format!("id=\"{anchor}\""), "</li></ul>");
        let n = attr_values(item, "href").len();
        assert!(n > 0, "{h} lists no plan");
        if anchor.ends_with("late-reports") {
            late_total += n;
        }
    }
    assert_eq!(late_total, want["late-reports"].len());
}

#[test]
fn the_agencies_compared_sort_give_rates_beside_counts_a_challenge_column_and_a_lowest_quarter_only_below_100(
) {
    // the list and table markup is read by its text
    let f = Fixture::real().unminified();
    f.build().unwrap();
    let recs = records();
    for (prefix, file) in [
        ("", "agencies/index.html"),
        ("/en", "en/agencies/index.html"),
    ] {
        let html = f.read(file);
        let table = between(&html, "<table", "</table>");
        assert!(table.contains("data-sortable"), "{file}");
        let head = between(table, "<thead", "</thead>");
        let columns: Vec<&str> = head.split("<th ").skip(1).collect();
        assert!(
            columns.iter().all(|c| c.contains("data-type=")),
            "{file}: {head}"
        );
        let challenge = columns
            .iter()
            .position(|c| c.contains("#challenge\""))
            .expect("a challenge column");
        for row in between(table, "<tbody", "</tbody>").split("<tr").skip(1) {
            let slug = attr_values(row, "href")[0]
                .trim_start_matches(&format!("{prefix}/agencies/"))
                .trim_end_matches('/')
                .to_string();
            let mine: Vec<&Value> = recs
                .iter()
                .filter(|r| r["agency"].as_str() == Some(slug.as_str()))
                .collect();
            let cells: Vec<String> = (row.split("<td").skip(1))
                .map(|c| text_of(&format!("<td{c}")))
                .collect();
            // the first two cells are the agency (a th) and its plans
            assert_eq!(cells[0].trim(), mine.len().to_string(), "{file} {slug}");
            let not_challenging = mine
                .iter()
                .filter(|r| {
                    matches!(
                        r["facts"]["target_challenge"].as_str(),
                        Some("not_significant" | "mixed")
                    )
                })
                .count();
            let rate = (not_challenging as f64 * 100.0 / mine.len() as f64).round();
            let cell = &cells[challenge - 1];
            assert!(
                cell.starts_with(&format!("{not_challenging} "))
                    && cell.contains(&format!("{rate}%")),
                "{file} {slug}: {cell}"
            );
            let lowest = mine.iter().flat_map(|r| spent(r)).fold(100.0, f64::min);
            // the lowest quarter, named with its plan, only where one is below 100 %
            let last = row.rsplit("<td").next().unwrap();
            assert_eq!(
                last.contains("/plans/111/"),
                lowest < 100.0,
                "{file} {slug}: {last}"
            );
            if lowest < 100.0 {
                assert!(
                    text_of(last).contains(&format!("{lowest}%")),
                    "{file} {slug}: {last}"
                );
            }
        }
    }
}

#[test]
fn no_english_page_says_one_plans_or_times_and_no_placeholder_anywhere() {
    let f = Fixture::real();
    f.build().unwrap();
    for (path, bytes) in snapshot(&f.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        let text = text_of(&String::from_utf8_lossy(&bytes));
        for bad in [
            " 1 plans",
            " 1 times",
            " 1 days",
            "標章取得後置於此處",
            "once granted",
            "example.gov.tw",
        ] {
            assert!(!text.contains(bad), "{path} says {bad:?}");
        }
    }
}

#[test]
fn plan_page_states_its_verdict_before_the_review_text_and_names_its_source() {
    let f = Fixture::real();
    f.build().unwrap();
    for file in [
        "plans/111/mol-office-building/index.html",
        "en/plans/111/mol-office-building/index.html",
    ] {
        let html = f.read(file);
        let verdict = html.find("facts-heading").unwrap();
        let review = html.find("review-heading").unwrap();
        assert!(
            verdict < review,
            "{file}: the key figures come after the review text"
        );
        // item 18: 0.21 % behind in Q3, Q2 report 5 days late, work plan returned once
        let head = text_of(&html[..review]);
        for fig in ["0.21%", "99.22%", "5"] {
            assert!(head.contains(fig), "{file}: {fig} not before the review");
        }
        let source = text_of(between(&html, "source-heading", "</section>"));
        assert!(
            source.contains("111")
                && (source.contains("勞動部") || source.contains("Ministry of Labor")),
            "{file}: {source}"
        );
    }
}
