//! Why, on the pages: a reason whose English sentence cannot be matched is shown in Chinese on
//! English pages, marked as Chinese and citing the Chinese page, rather than guessed; a reason
//! a record gives (`reasons:`) is what its pages show; every reason links to a paragraph
//! that is on its plan's page and holds its words. The pages are built unminified: their
//! lists are read by their markup's text.

mod common;
use common::*;

const BRIDGE: &str = "content/plans/111/fix-bridge.yaml";
const LOW: &str = "years/111/spending-below-90/index.html";

/// Whether a page gives reasons: a plan's list of why, or a finding's table with each plan's.
fn gives_reasons(html: &str) -> bool {
    html.contains("class=\"reasons\"") || html.contains("class=\"why-list\"")
}

/// The `<q …>…</q>` elements of a page's reasons (a plan's list of why, or the rows of a
/// finding's table), as (attributes, text).
fn quotes(html: &str) -> Vec<(String, String)> {
    let list = if html.contains("class=\"reasons\"") {
        between(html, "class=\"reasons\"", "</dl>")
    } else {
        between(html, "<tbody", "</tbody>")
    };
    list.split("<q ")
        .skip(1)
        .map(|q| {
            let (attrs, rest) = q.split_once('>').unwrap();
            let text = text_of(rest.split("</q>").next().unwrap());
            (attrs.to_string(), text)
        })
        .collect()
}

#[test]
fn an_english_sentence_that_does_not_say_the_same_numbers_is_not_guessed() {
    let f = Fixture::new("minimal").unminified();
    f.build().unwrap();
    // the English says the same numbers: it is quoted on English pages
    let q = quotes(&f.read(&format!("en/{LOW}")));
    assert_eq!(
        q,
        [(
            "cite=\"/en/plans/111/fix-bridge/#budget-p1\"".to_string(),
            "Cumulative execution was 80% in Q1 and 100% in the other quarters.".to_string()
        )]
    );
    // an English sentence without the Chinese figure: the Chinese, marked, citing its page
    f.edit(
        BRIDGE,
        "Cumulative execution was 80% in Q1 and 100% in the other quarters.",
        "Cumulative execution was low in Q1.",
    );
    f.build().unwrap();
    let html = f.read(&format!("en/{LOW}"));
    let q = quotes(&html);
    assert_eq!(q.len(), 1, "{html}");
    assert!(
        q[0].0.contains("cite=\"/plans/111/fix-bridge/#budget-p1\"")
            && q[0].0.contains("lang=\"zh-Hant-TW\""),
        "{:?}",
        q[0]
    );
    assert_eq!(q[0].1, "年累計支用比第 1 季 80%，餘均達 100%。");
    assert!(text_of(&html).contains("Chinese original"), "{html}");
    // its link still leads to the paragraph on the English page
    assert!(html.contains("href=\"/en/plans/111/fix-bridge/#budget-p1\""));
    assert!(f
        .read("en/plans/111/fix-bridge/index.html")
        .contains("<p id=\"budget-p1\">Cumulative execution was low in Q1.</p>"));
}

#[test]
fn a_reason_the_record_gives_is_the_one_shown() {
    let f = Fixture::new("minimal").unminified();
    f.edit(
        BRIDGE,
        "年累計支用比第 1 季 80%，餘均達 100%。",
        "年累計支用比第一季為八成，其餘各季均已支用完畢。",
    );
    f.edit(
        BRIDGE,
        "Cumulative execution was 80% in Q1 and 100% in the other quarters.",
        "Cumulative execution was eight tenths in Q1; the rest was all spent.",
    );
    f.edit(
        BRIDGE,
        "  special_performance: true\n",
        "  special_performance: true\nfacts_checked_by_hand: [budget_execution]\nreasons:\n  spending_q1:\n    zh: 年累計支用比第一季為八成\n    en: Cumulative execution was eight tenths in Q1\n",
    );
    f.build().unwrap();
    for (page, want) in [
        (LOW.to_string(), "年累計支用比第一季為八成"),
        (
            format!("en/{LOW}"),
            "Cumulative execution was eight tenths in Q1",
        ),
        (
            "plans/111/fix-bridge/index.html".to_string(),
            "年累計支用比第一季為八成",
        ),
    ] {
        let q = quotes(&f.read(&page));
        assert!(q.iter().any(|(_, text)| text == want), "{page}: {q:?}");
    }
}

#[test]
fn every_reason_of_the_real_site_links_to_a_paragraph_holding_its_words() {
    let f = Fixture::real().unminified();
    f.build().unwrap();
    let mut checked = 0;
    for (path, bytes) in snapshot(&f.out()) {
        let html = String::from_utf8_lossy(&bytes);
        if !path.ends_with(".html") || !gives_reasons(&html) {
            continue;
        }
        for (attrs, words) in quotes(&html) {
            let cite = attrs
                .split("cite=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let (page, id) = cite.split_once('#').unwrap();
            let target = f.read(&format!("{}index.html", page.trim_start_matches('/')));
            let para = between(&target, &format!("id=\"{id}\""), "</p>");
            assert!(
                squeeze(&text_of(&format!("<p {para}</p>"))).contains(&squeeze(&words)),
                "{path}: {words} not in {cite}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}
