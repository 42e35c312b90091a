//! Hostile content found by an adversarial run against the released binary: each input either
//! builds a page that shows all of its text, or `check` and `build` fail with file, line and
//! field, in bounded time, never crashing.

mod common;
use common::*;

const PLAN: &str = "content/plans/111/fix-bridge.yaml";
const PERF_ZH: &str = "      完成**重要**工作。\n";

/// Runs `gongkai check` and `gongkai build` on the fixture; both must fail (not crash) and
/// print `want`; returns check's message.
fn refused(f: &Fixture, want: &[&str]) -> String {
    let root = f.root().to_str().unwrap();
    let mut first = None;
    for cmd in ["check", "build"] {
        let out = cli(&[cmd, "--root", root]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{cmd} must fail cleanly: {err}");
        for w in want {
            assert!(err.contains(w), "{cmd}: {w:?} not in {err}");
        }
        first.get_or_insert(err);
    }
    assert!(!f.out().join("index.html").exists());
    first.unwrap()
}

/// A literal block holding `text` (each line indented) as the Chinese performance review.
fn set_perf(f: &Fixture, text: &str) {
    let block: String = text.lines().map(|l| format!("      {l}\n")).collect();
    f.edit(PLAN, PERF_ZH, &block);
}

#[test]
fn deep_markdown_nesting_is_an_error_not_a_crash() {
    for md in [
        "- ".repeat(2000) + "x",
        ">".repeat(5000) + " x",
        "<div>".repeat(5000) + "x",
        "<blockquote><ul><li>".repeat(2000) + "x",
        "- > ".repeat(1000) + "x",
        "前文 ".to_string() + &"<em><span>".repeat(100) + "x",
    ] {
        let f = Fixture::new("minimal");
        set_perf(&f, &md);
        refused(
            &f,
            &[
                "content/plans/111/fix-bridge.yaml:24: field `review.performance.zh`",
                "levels deep",
            ],
        );
    }
}

#[test]
fn nesting_at_the_limit_builds_and_shows_its_text() {
    use gongkai::render::markdown::MAX_NESTING;
    for md in [
        "<div>".repeat(MAX_NESTING - 1) + "最深處",
        "- ".repeat(MAX_NESTING / 2 - 1) + "最深處",
        "> ".repeat(MAX_NESTING - 2) + "最深處",
    ] {
        let f = Fixture::new("minimal");
        set_perf(&f, &md);
        f.build().unwrap_or_else(|e| panic!("{}: {e}", &md[..10]));
        assert!(text_of(&f.read("plans/111/fix-bridge/index.html")).contains("最深處"));
    }
}

#[test]
fn nesting_under_the_limit_builds() {
    let f = Fixture::new("minimal");
    let md = "- ".repeat(8)
        + "深處的文字"
        + "\n\n"
        + &"> ".repeat(8)
        + "引文"
        + "\n\n"
        + &"<div>".repeat(10)
        + "區塊";
    set_perf(&f, &md);
    f.build().unwrap();
    let page = text_of(&f.read("plans/111/fix-bridge/index.html"));
    for t in ["深處的文字", "引文", "區塊"] {
        assert!(page.contains(t), "{t}");
    }
}

#[test]
fn unclosed_raw_text_elements_hide_nothing() {
    for open in [
        "<style>",
        "<script>",
        "<template>",
        "<textarea>",
        "<title>",
        "<xmp>",
        "<noscript>",
        "<iframe>",
        "<noembed>",
        "<!--",
        "<StYlE media=x>",
    ] {
        let f = Fixture::new("minimal");
        set_perf(
            &f,
            &format!("完成 {open} 工作之後的文字。\n\n第二段也要看得見。"),
        );
        f.build().unwrap_or_else(|e| panic!("{open}: {e}"));
        let page = f.read("plans/111/fix-bridge/index.html");
        let text = text_of(&page);
        assert!(text.contains("工作之後的文字。"), "{open}: {text}");
        assert!(text.contains("第二段也要看得見。"), "{open}: {text}");
        // and what comes after the review on the page is there too
        assert!(
            text.contains("Cumulative") || text.contains("年累計支用比"),
            "{open}"
        );
        // shown as text, never as markup
        let lower = page.to_lowercase();
        for tag in [
            "<style",
            "<textarea",
            "<xmp",
            "<noscript",
            "<iframe",
            "<template",
            "<!--",
        ] {
            assert!(
                !lower.contains(tag) || tag == "<style" && !lower.contains("<style media"),
                "{open}: {tag} in the page"
            );
        }
    }
}

#[test]
fn control_characters_are_refused_with_line_and_field() {
    let f = Fixture::new("minimal");
    f.edit(PLAN, "  zh: 橋梁維護計畫", "  zh: \"橋梁\\x01維護計畫\"");
    refused(
        &f,
        &[
            "fix-bridge.yaml:6: field `name.zh`",
            "control character U+0001",
        ],
    );
    let f = Fixture::new("minimal");
    f.edit(
        PLAN,
        "Completed **important** work.",
        "Completed \u{7f} work.",
    );
    refused(
        &f,
        &[
            "fix-bridge.yaml:27: field `review.performance.en`",
            "U+007F",
        ],
    );
    let f = Fixture::new("minimal");
    f.edit(
        PLAN,
        "  en: Bridge maintenance plan",
        "  en: \"Bridge\\e plan\"",
    );
    refused(&f, &["fix-bridge.yaml:7: field `name.en`", "U+001B"]);
}

#[test]
fn yaml_nesting_aliases_and_tags_are_refused_quickly() {
    // 160 kB of flow nesting took 13.8 s; 2 MB did not finish in 5 minutes
    let f = Fixture::new("minimal");
    f.edit(
        PLAN,
        "  target_clarity: quantitative",
        &format!("  target_clarity: {}", "[".repeat(2_000_000)),
    );
    refused(
        &f,
        &[
            "fix-bridge.yaml:35: field `facts.target_clarity",
            "levels deep",
        ],
    );
    let f = Fixture::new("minimal");
    let deep: String = (0..2000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i + 1)))
        .collect();
    f.edit(
        PLAN,
        "special_performance: true",
        &format!("special_performance: true\nx:\n{deep}"),
    );
    refused(&f, &["fix-bridge.yaml:", "levels deep"]);
    // an alias repeats a text without its bytes counting; aliases are not allowed
    let f = Fixture::new("minimal");
    f.edit(
        PLAN,
        "      完成**重要**工作。\n",
        "      完成**重要**工作。\n    x: &big long text\n",
    );
    refused(
        &f,
        &[
            "fix-bridge.yaml:26: field `review.performance.x`",
            "anchors",
        ],
    );
    let f = Fixture::new("minimal");
    f.edit(PLAN, "  en: Bridge maintenance plan", "  en: *a");
    refused(&f, &["fix-bridge.yaml:7:", "anchor"]);
    let f = Fixture::new("minimal");
    f.edit(PLAN, "  en: Bridge maintenance plan", "  en: *a");
    f.edit(PLAN, "  zh: 橋梁維護計畫", "  zh: &a 橋梁維護計畫");
    refused(&f, &["fix-bridge.yaml:6: field `name.zh`", "anchors"]);
    for tag in ["!!binary aGVsbG8=", "!!str x", "!custom x", "!<tag:x> y"] {
        let f = Fixture::new("minimal");
        f.edit(
            PLAN,
            "  en: Bridge maintenance plan",
            &format!("  en: {tag}"),
        );
        refused(&f, &["fix-bridge.yaml:7: field `name.en`", "tags"]);
    }
}

#[test]
fn entity_floods_are_refused() {
    // 1.5 MB of entities in a review took 19 s; html5ever's serializer is quadratic in them
    for md in [
        "&#x26;".repeat(250_000),
        "&amp;".repeat(3000),
        "&lt;&gt;&amp;".repeat(2500),
        "°".repeat(3000),
    ] {
        let f = Fixture::new("minimal");
        set_perf(&f, &md);
        refused(&f, &["fix-bridge.yaml:24: field `review.performance.zh`"]);
    }
    let f = Fixture::new("minimal");
    set_perf(&f, &"甲".repeat(30_000));
    refused(&f, &["field `review.performance.zh`", "bytes long"]);
}

#[test]
fn duplicate_keys_name_the_duplicate_line() {
    let f = Fixture::new("minimal");
    f.edit(PLAN, "agency: alpha", "agency: alpha\nagency: beta");
    refused(&f, &["fix-bridge.yaml:5: field `agency`", "twice"]);
    let f = Fixture::new("minimal");
    f.edit(
        PLAN,
        "  target_clarity: quantitative",
        "  target_clarity: quantitative\n  target_clarity: qualitative",
    );
    refused(
        &f,
        &["fix-bridge.yaml:36: field `facts.target_clarity`", "twice"],
    );
}

#[test]
fn invalid_utf8_and_oversized_files_name_a_line() {
    let f = Fixture::new("minimal");
    let mut bytes = std::fs::read(f.root().join(PLAN)).unwrap();
    let at = bytes.windows(5).position(|w| w == b"alpha").unwrap();
    bytes[at] = 0xff;
    std::fs::write(f.root().join(PLAN), bytes).unwrap();
    refused(&f, &["fix-bridge.yaml:4:", "not UTF-8"]);
    let f = Fixture::new("minimal");
    let filler = "# filler\n".repeat(500_000);
    f.edit(
        PLAN,
        "id: fix-bridge\n",
        &format!("id: fix-bridge\n{filler}"),
    );
    refused(&f, &["fix-bridge.yaml:466034:", "larger than"]);
}
