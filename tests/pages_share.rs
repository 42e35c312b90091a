//! Pages as they are shared and checked: each plan page describes its own plan (name, agency,
//! verdict in words) in its meta description, Open Graph and Twitter card tags; year, finding
//! and agency pages describe themselves; the Source block names the page of the original
//! document; the site map lists every plan; and a `feedback` setting puts a link reporting an
//! error on every page, carrying the page's address and title. The sites are built unminified,
//! so the markup is as the templates write it (`tests/minify.rs` holds minifying to it).

mod common;
use common::*;
use gongkai::content::schema::PlanFile;
use std::collections::{BTreeMap, BTreeSet};

const BASE: &str = "https://gongkai.netlify.app";

/// The `content` of `<meta {key}="{name}" content="…">` in `html` (entities as written).
fn meta(html: &str, key: &str, name: &str) -> Option<String> {
    let start = format!("<meta {key}=\"{name}\" content=\"");
    let i = html.find(&start)? + start.len();
    Some(html[i..i + html[i..].find('"')?].to_string())
}

fn published() -> Vec<PlanFile> {
    walkdir::WalkDir::new("content/plans")
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| serde_yaml::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap())
        .collect()
}

/// Every HTML page under `dir`, by path relative to it.
fn pages(dir: &std::path::Path) -> BTreeMap<String, String> {
    snapshot(dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The address a built file is served at: `en/plans/111/x/index.html` → `/en/plans/111/x/`.
fn address(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

#[test]
fn plan_pages_describe_their_own_plan_with_open_graph_and_twitter_cards() {
    let f = Fixture::real().unminified();
    f.build().unwrap();
    let plans = published();
    assert_eq!(plans.len(), 20);
    let agencies = agencies();
    for (lang, prefix) in [("zh", ""), ("en", "en/")] {
        let mut descriptions = BTreeSet::new();
        let mut titles = BTreeSet::new();
        for p in &plans {
            let file = format!("{prefix}plans/{}/{}/index.html", p.year, p.id);
            let html = f.read(&file);
            let d = meta(&html, "name", "description").unwrap();
            let og = |n: &str| meta(&html, "property", n).unwrap_or_else(|| panic!("{file}: {n}"));
            assert_eq!(og("og:description"), d, "{file}");
            assert_eq!(og("og:url"), format!("{BASE}{}", address(&file)));
            assert_eq!(og("og:type"), "article");
            // a card's title and description are the Open Graph ones, not said twice
            assert!(!html.contains("twitter:title") && !html.contains("twitter:description"));
            assert!(!og("og:title").is_empty());
            assert_eq!(meta(&html, "name", "twitter:card").unwrap(), "summary");
            let (locale, other) = if lang == "zh" {
                ("zh_TW", "en_US")
            } else {
                ("en_US", "zh_TW")
            };
            assert_eq!(og("og:locale"), locale);
            assert_eq!(og("og:locale:alternate"), other);
            assert!(!og("og:site_name").is_empty());
            // no image: never the site's picture for every plan
            assert!(!html.contains("og:image") && !html.contains("twitter:image"));
            // the plan's name and agency, and its verdict in words
            let pick = |t: &gongkai::content::schema::Text| {
                if lang == "zh" {
                    t.zh.clone()
                } else {
                    t.en.clone()
                }
            };
            let agency = agencies
                .agencies
                .iter()
                .find(|a| a.slug == p.agency)
                .unwrap();
            let name = pick(&p.name).replace('\'', "&#39;");
            assert!(d.contains(&name), "{file}: {d}");
            assert!(d.contains(&pick(&agency.name)), "{file}: {d}");
            assert!(og("og:title").contains(&name));
            for l in &p.facts.lags {
                let q = if lang == "zh" {
                    format!("第 {} 季", l.quarter)
                } else {
                    format!("Q{}", l.quarter)
                };
                assert!(d.contains(&q), "{file}: {d} names no {q}");
            }
            let late = if lang == "zh" {
                "報告逾期提送"
            } else {
                "a report filed late"
            };
            assert_eq!(
                d.contains(late),
                !p.facts.reports.late.is_empty(),
                "{file}: {d}"
            );
            assert!(descriptions.insert(d), "{file}: description shared");
            assert!(titles.insert(og("og:title")), "{file}: title shared");
        }
    }
    // a plan the review finds behind in Q3, its reports on time, its targets no more challenging
    let d = meta(
        &f.read("en/plans/111/mol-labor-dispute-resolution/index.html"),
        "name",
        "description",
    )
    .unwrap();
    for words in [
        "behind schedule in Q3",
        "reports filed on time",
        "targets no more challenging",
    ] {
        assert!(d.contains(words), "{d}");
    }
}

#[test]
fn year_finding_and_agency_pages_describe_themselves() {
    let f = Fixture::real().unminified();
    f.build().unwrap();
    let site_zh = meta(&f.read("index.html"), "name", "description").unwrap();
    let site_en = meta(&f.read("en/index.html"), "name", "description").unwrap();
    let mut seen = BTreeSet::new();
    for (file, html) in pages(&f.out()) {
        let own = file.starts_with("agencies/") && file != "agencies/index.html"
            || file.starts_with("en/agencies/") && file != "en/agencies/index.html"
            || file.contains("years/111/");
        if !own {
            continue;
        }
        let d = meta(&html, "name", "description").unwrap();
        assert!(
            d != site_zh && d != site_en,
            "{file} has the site's description"
        );
        assert_eq!(meta(&html, "property", "og:type").unwrap(), "website");
        assert!(seen.insert(d.clone()), "{file}: description shared: {d}");
    }
    assert!(seen.len() > 30, "{} pages", seen.len());
    let year = meta(&f.read("years/111/index.html"), "name", "description").unwrap();
    assert!(
        year.contains("20 項計畫") && year.contains("進度曾落後之計畫 5 項"),
        "{year}"
    );
    let late = meta(
        &f.read("en/years/111/late-reports/index.html"),
        "name",
        "description",
    )
    .unwrap();
    assert!(late.contains("1 of 20 plans filed a report late"), "{late}");
}

#[test]
fn the_source_names_the_page_of_the_original_document() {
    let f = Fixture::real().unminified();
    f.build().unwrap();
    for p in published() {
        let page = p.source_page.expect("every real record knows its page");
        let zh = f.read(&format!("plans/{}/{}/index.html", p.year, p.id));
        let en = f.read(&format!("en/plans/{}/{}/index.html", p.year, p.id));
        assert!(
            zh.contains(&format!("<dd>原始文件第 {page} 頁</dd>")),
            "{}",
            p.id
        );
        assert!(
            en.contains(&format!("<dd>Page {page} of the original document</dd>")),
            "{}",
            p.id
        );
    }
    // with the document's address, a PDF is opened at the page; its reference and date shown
    let f = Fixture::new("minimal").unminified();
    f.edit(
        "content/plans/111/fix-bridge.yaml",
        "item: ",
        "source_page: 12\nitem: ",
    );
    let year = "content/years/111.yaml";
    let more = "year: 111\nsource:\n  url: https://example.test/review.pdf\n  reference: 勞綜字第 1110000001 號\n  date: 2023-03-01\n";
    f.edit(year, "year: 111\nsource:\n", more);
    f.build().unwrap();
    let html = f.read("plans/111/fix-bridge/index.html");
    assert!(
        html.contains(r#"<a href="https://example.test/review.pdf#page=12">原始文件第 12 頁</a>"#),
        "{html}"
    );
    assert!(html.contains("勞綜字第 1110000001 號") && html.contains(r#"datetime="2023-03-01""#));
    // a record without a page says nothing of it
    let other = f.read("plans/111/fix-ports/index.html");
    assert!(!other.contains("原始文件第"));
}

#[test]
fn the_site_map_lists_every_plan_by_year_and_agency() {
    let f = Fixture::real().unminified();
    f.build().unwrap();
    let agencies = agencies();
    for prefix in ["", "en/"] {
        let html = f.read(&format!("{prefix}sitemap/index.html"));
        for p in published() {
            let plan = format!("<a href=\"/{prefix}plans/{}/{}/\">", p.year, p.id);
            let at = html
                .find(&plan)
                .unwrap_or_else(|| panic!("{prefix}: {} not listed", p.id));
            // under its agency, under its year
            let agency = format!("<a href=\"/{prefix}agencies/{}/\">", p.agency);
            let year = format!("<a href=\"/{prefix}years/{}/\">", p.year);
            let agency_at = html[..at]
                .rfind(&agency)
                .unwrap_or_else(|| panic!("{}", p.id));
            assert!(html[..agency_at].contains(&year), "{}", p.id);
            // no other agency's heading between the agency and the plan
            for other in agencies.agencies.iter().filter(|a| a.slug != p.agency) {
                let o = format!("<a href=\"/{prefix}agencies/{}/\">", other.slug);
                assert!(
                    !html[agency_at..at].contains(&o),
                    "{} under {}",
                    p.id,
                    other.slug
                );
            }
        }
    }
}

/// Every page of the fixture built with `feedback` set to `setting`, with its address.
fn built_with_feedback(setting: Option<&str>) -> (Fixture, BTreeMap<String, String>) {
    let f = Fixture::new("minimal").unminified();
    if let Some(s) = setting {
        f.edit(
            "content/site.yaml",
            "updated:",
            &format!("feedback: {s}\nupdated:"),
        );
    }
    f.build().unwrap();
    let pages = pages(&f.out());
    (f, pages)
}

/// `s` as the link encodes it (UTF-8 percent-encoded, unreserved characters kept).
fn encoded(s: &str) -> String {
    gongkai::content::feedback::encode(s)
}

#[test]
fn a_feedback_address_puts_a_report_link_on_every_page() {
    let (_f, pages) = built_with_feedback(Some("errors@example.test"));
    assert!(pages.len() > 20);
    for (file, html) in &pages {
        let url = format!("https://example.test{}", address(file));
        let start = "<p class=\"feedback\"><a href=\"mailto:errors@example.test?subject=";
        let at = html
            .find(start)
            .unwrap_or_else(|| panic!("{file}: no link"));
        let href = &html[at + start.len()..];
        let href = &href[..href.find('"').unwrap()];
        assert!(href.contains(&encoded(&url)), "{file}: {href} lacks {url}");
        // the title as the page's <title> begins
        let title = &html[html.find("<title>").unwrap() + 7..];
        let title = title[..title.find(['<', '|']).unwrap()]
            .trim()
            .replace("&#39;", "'");
        assert!(
            href.contains(&encoded(&title)),
            "{file}: {href} lacks {title}"
        );
        let label = if file.starts_with("en/") {
            "Report an error on this page"
        } else {
            "回報本頁錯誤"
        };
        assert!(
            html[at..].starts_with(&format!("{start}{href}\">{label}</a>")),
            "{file}"
        );
    }
}

#[test]
fn a_feedback_form_gets_the_page_as_parameters() {
    let (_f, pages) = built_with_feedback(Some("https://forms.example/report?site=gk"));
    let html = &pages["en/plans/111/fix-bridge/index.html"];
    let url = encoded("https://example.test/en/plans/111/fix-bridge/");
    let want = format!("href=\"https://forms.example/report?site=gk&amp;url={url}&amp;title=");
    assert!(html.contains(&want), "{html}");
}

#[test]
fn without_feedback_no_page_has_a_report_link() {
    let (_f, pages) = built_with_feedback(None);
    for (file, html) in &pages {
        assert!(!html.contains("class=\"feedback\""), "{file}");
        assert!(
            !html.contains("回報本頁錯誤") && !html.contains("Report an error"),
            "{file}"
        );
    }
}

#[test]
fn check_refuses_a_feedback_setting_that_is_neither_address_nor_form() {
    let f = Fixture::new("minimal").unminified();
    f.edit(
        "content/site.yaml",
        "updated:",
        "feedback: errors at example.test\nupdated:",
    );
    let root = f.root().to_str().unwrap();
    for (lang, words) in [
        ("en", "must be an e-mail address"),
        ("zh", "須為電子郵件地址"),
    ] {
        let out = cli(&["check", "--root", root, "--lang", lang]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("content/site.yaml:12") && err.contains("`feedback`"),
            "{err}"
        );
        assert!(err.contains(words), "{err}");
    }
}
