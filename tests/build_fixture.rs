//! Building the fixture site: every page kind in both languages, and what each page shows.

mod common;
use common::*;

#[test]
fn builds_every_page_kind_in_both_languages() {
    let f = Fixture::new("minimal");
    let report = f.build().unwrap();
    assert_eq!(report.plans, 3);
    for prefix in ["", "en/"] {
        for page in [
            "index.html",
            "years/111/index.html",
            "years/110/index.html",
            "plans/111/fix-bridge/index.html",
            "plans/110/fix-bridge/index.html",
            "plans/111/fix-ports/index.html",
            "agencies/index.html",
            "agencies/alpha/index.html",
            "agencies/beta/index.html",
            "about/index.html",
            "accessibility/index.html",
            "privacy/index.html",
            "open-data/index.html",
            "data/index.html",
            "sitemap/index.html",
            "search/index.html",
            "404.html",
            "feed.xml",
        ] {
            assert!(
                f.out().join(prefix).join(page).is_file(),
                "missing {prefix}{page}"
            );
        }
    }
    for file in ["sitemap.xml", "robots.txt"] {
        assert!(f.out().join(file).is_file(), "missing {file}");
    }
}

#[test]
fn pages_carry_language_switch_alternates_and_skip_link() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let zh = f.read("plans/111/fix-bridge/index.html");
    let en = f.read("en/plans/111/fix-bridge/index.html");
    assert!(
        has_element(&zh, "html", &[("lang", "zh-Hant-TW")]),
        "zh lang"
    );
    assert!(has_element(&en, "html", &[("lang", "en")]), "en lang");
    assert!(
        has_element(
            &zh,
            "a",
            &[("href", "/en/plans/111/fix-bridge/"), ("hreflang", "en")]
        ),
        "zh → en switch"
    );
    assert!(
        has_element(
            &en,
            "a",
            &[
                ("href", "/plans/111/fix-bridge/"),
                ("hreflang", "zh-Hant-TW")
            ]
        ),
        "en → zh switch"
    );
    assert!(has_element(
        &zh,
        "link",
        &[("rel", "alternate"), ("hreflang", "en")]
    ));
    // the skip link is the first link of the body (the head has none)
    let (skip, text) = with_text(&zh, "a").remove(0);
    assert!(skip.has(&[("class", "skip-link"), ("href", "#main")]));
    assert_eq!(text, "跳到主要內容區塊");
    assert_eq!(with_text(&en, "a")[0].1, "Skip to main content");
    let keys = attr_values(&zh, "accesskey");
    assert_eq!(keys, ["U", "C", "Z"]);
}

#[test]
fn plan_page_shows_review_facts_chart_and_other_years() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let html = f.read("plans/111/fix-bridge/index.html");
    let text = text_of(&html);
    for s in [
        "一、行政作業",
        "二、經費運用",
        "三、特殊績效",
        "(二)進度控制情形與結果：第 2 季落後 4.5%。",
        "第 2 季落後 4.5%",
        "略具挑戰性",
        "80%",
    ] {
        assert!(text.contains(s), "missing {s}");
    }
    assert!(
        with_text(&html, "strong").iter().any(|(_, t)| t == "重要"),
        "Markdown is rendered"
    );
    assert!(has_element(&html, "svg", &[("role", "img")]), "chart");
    assert!(
        text.contains("年累計經費支用比：第 1 季 80%、第 2 季 100%、第 3 季 100%、第 4 季 100%。"),
        "chart text alternative"
    );
    let links = attr_values(&html, "href");
    let links_to = |url: &str| links.iter().any(|l| l == url);
    assert!(
        links_to("/plans/110/fix-bridge/"),
        "link to the same plan in 110"
    );
    assert!(links_to("/agencies/alpha/") && links_to("/years/111/"));
    let en = text_of(&f.read("en/plans/111/fix-bridge/index.html"));
    assert!(
        en.contains("1. Administrative work")
            && en.contains("Q2: 4.5% behind schedule")
            && en.contains("2022 (ROC 111)")
    );
}

#[test]
fn year_and_agency_pages_list_their_plans_with_figures() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let year = text_of(&f.read("years/111/index.html"));
    assert!(year.contains("橋梁維護計畫") && year.contains("港口安全計畫"));
    assert!(year.contains("111 年度部會管制個案計畫評核"));
    let agency = f.read("en/agencies/alpha/index.html");
    let links = attr_values(&agency, "href");
    assert!(
        links.contains(&"/en/plans/111/fix-bridge/".to_string())
            && links.contains(&"/en/plans/110/fix-bridge/".to_string())
    );
    assert!(!agency.contains("fix-ports"), "only the agency's own plans");
    let agencies = text_of(&f.read("agencies/index.html"));
    // display order comes from `order`, not from the file
    assert!(agencies.find("乙署").unwrap() < agencies.find("甲司").unwrap());
}

#[test]
fn same_content_builds_byte_identical_output() {
    let f = Fixture::new("minimal");
    let a = f.dir.path().join("a");
    let b = f.dir.path().join("b");
    gongkai::build::build(f.root(), &a).unwrap();
    gongkai::build::build(f.root(), &b).unwrap();
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between builds");
    }
}

#[test]
fn pages_need_no_inline_script_or_style_and_no_third_party() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    for (path, bytes) in snapshot(&f.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert!(!html.contains("<style"), "{path}: inline <style>");
        assert!(!html.contains(" style="), "{path}: style attribute");
        for chunk in html.split("<script").skip(1) {
            // an external script: a src attribute and nothing between the tags
            let (tag, rest) = chunk.split_once('>').unwrap();
            assert!(tag.contains(" src="), "{path}: inline script");
            assert!(rest.starts_with("</script>"), "{path}: inline script");
        }
        for src in attr_values(&html, "src") {
            assert!(src.starts_with('/'), "{path}: third-party resource {src}");
        }
    }
}

#[test]
fn assets_are_fingerprinted() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let html = f.read("index.html");
    let css = attr_values(&html, "href")
        .into_iter()
        .find(|h| h.ends_with(".css"))
        .unwrap();
    let name = css.rsplit('/').next().unwrap();
    let parts: Vec<_> = name.split('.').collect();
    assert_eq!(parts.len(), 3, "{name}");
    assert!(
        parts[1].len() == 8 && parts[1].chars().all(|c| c.is_ascii_hexdigit()),
        "{name}"
    );
    assert!(f.out().join(css.trim_start_matches('/')).is_file());
}

#[test]
fn sitemap_and_feeds_list_every_plan() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let sitemap = f.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.test/plans/111/fix-bridge/</loc>"));
    assert!(
        sitemap.contains("hreflang=\"en\" href=\"https://example.test/en/plans/111/fix-bridge/\"")
    );
    let feed = f.read("en/feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(feed.contains("<updated>2024-01-31T00:00:00Z</updated>"));
    assert!(f
        .read("robots.txt")
        .contains("Sitemap: https://example.test/sitemap.xml"));
}

#[test]
fn a_site_can_override_one_template() {
    let f = Fixture::new("minimal");
    f.edit(
        "content/site.yaml",
        "publisher:",
        "theme: civic\npublisher:",
    );
    f.write("themes/civic/templates/404.html", "{% extends \"base.html\" %}{% block main %}<h1>Custom 404 {{ lang }}</h1>{% endblock main %}");
    f.build().unwrap();
    assert!(f.read("404.html").contains("<h1>Custom 404 zh</h1>"));
    // everything else falls back to the default theme
    assert!(f.read("index.html").contains("跳到主要內容區塊"));
}
