//! Hostile records: no script, event handler or javascript: URL reaches a page; a record that
//! would unfold into far more than its size (nesting, a flat list of millions) is refused
//! at a cost bounded by its real size; control characters are placed where they are.

mod common;
#[path = "common/peak.rs"]
mod peak;
use common::*;
use gongkai::content::schema::PlanFile;
use gongkai::content::yaml;
use std::path::Path;

const PLAN: &str = "content/plans/111/fix-bridge.yaml";

#[test]
fn raw_html_in_records_is_escaped_or_sanitized() {
    let f = Fixture::new("minimal");
    f.edit(
        PLAN,
        "  zh: 橋梁維護計畫",
        "  zh: \"橋梁<script>alert('name')</script>計畫\"",
    );
    f.edit(
        PLAN,
        "完成**重要**工作。",
        "完成<script>alert(1)</script>工作<img src=x onerror=alert(2)>。[點我](javascript:alert(3)) <a href=\"javascript:alert(4)\" onclick=\"alert(5)\">連結</a> <iframe src=\"https://evil.example\"></iframe> <svg onload=alert(6)></svg> <div style=\"position:fixed\">x</div>",
    );
    f.edit(
        PLAN,
        "Bridge maintenance plan",
        "\"Bridge <img src=x onerror=alert(7)> plan\"",
    );
    f.build().unwrap();
    for (path, bytes) in snapshot(&f.out()) {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        // every element as a browser reads it (text escaped or in `title` is none)
        for e in elements(&html) {
            let name = e.name.as_str();
            assert!(
                !["script", "iframe", "img", "object", "embed"].contains(&name)
                    || (name == "script" && e.attr("src").is_some_and(|s| s.starts_with('/'))),
                "{path}: {e:?}"
            );
            for (attr, value) in &e.attrs {
                assert!(!attr.starts_with("on"), "{path}: event handler in {e:?}");
                assert!(attr != "style", "{path}: style in {e:?}");
                assert!(
                    !value.to_lowercase().contains("javascript:"),
                    "{path}: javascript: URL in {e:?}"
                );
            }
        }
    }
    // the text itself is still shown, as text
    let page = f.read("plans/111/fix-bridge/index.html");
    assert!(
        page.contains("&lt;script>alert('name')&lt;/script>")
            || page.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;")
            || text_of(&page).contains("橋梁<script>alert('name')</script>計畫"),
        "name shown escaped"
    );
    assert!(text_of(&page).contains("連結"));
}

/// A record of the minimal fixture, as text.
fn record() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/minimal")
            .join(PLAN),
    )
    .unwrap()
}

/// `text` parsed as a plan record: its error, and the most memory parsing held.
fn refused(text: &str) -> (gongkai::error::Diagnostic, usize) {
    let (r, peak) = peak::peak_of(|| yaml::parse::<PlanFile>(Path::new(PLAN), text));
    (r.expect_err("refused"), peak)
}

#[test]
fn nesting_is_bounded_however_it_is_spelled() {
    // 3.9 MB each: serde_yaml held 860 MB for the first before the pre-pass counted it
    let n = 1_300_000;
    for text in [
        "-  ".repeat(n) + "x\n",
        "- ".repeat(n) + "x\n",
        "-    ".repeat(n * 3 / 5) + "x\n",
        format!("id: {}", "[".repeat(n * 3)),
        format!("id: {}", "{a: ".repeat(n * 3 / 4)),
        format!("id: {}", "[{a: ".repeat(n / 2)),
        format!(
            "id:\n{}",
            (0..1500)
                .map(|i| format!("{}- k:\n", "  ".repeat(i)))
                .collect::<String>()
        ),
    ] {
        let (d, peak) = refused(&text);
        assert!(text.len() < yaml::MAX_BYTES);
        assert!(d.message.contains("nested more than 16 levels"), "{d}");
        assert_eq!(d.line.map(|l| l <= 20), Some(true), "{d}");
        assert!(peak < 32_000_000, "{}: {}", d, peak::mb(peak));
    }
}

#[test]
fn a_flat_file_of_millions_of_values_is_refused_at_little_cost() {
    // serde_yaml held 370 MB for the first: each value is an event it keeps
    for text in [
        format!("id: [{}x]\n", "x,".repeat(1_990_000)),
        format!("id:\n{}", "- x\n".repeat(990_000)),
        format!(
            "id: {{{}}}\n",
            (0..300_000)
                .map(|i| format!("k{i}: 1,"))
                .collect::<String>()
        ),
    ] {
        let (d, peak) = refused(&text);
        assert!(d.message.contains("more than 100000 values"), "{d}");
        assert!(text.len() < yaml::MAX_BYTES);
        assert!(peak < 32_000_000, "{}: {}", d, peak::mb(peak));
    }
}

#[test]
fn aliases_cannot_multiply_a_text() {
    // "billion laughs": each level repeats the last ten times
    let mut text = "a0: &a0 \"lol\"\n".to_string();
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
    }
    let (d, peak) = refused(&text);
    assert!(d.message.contains("anchors"), "{d}");
    assert!(peak < 1_000_000, "{}", peak::mb(peak));
}

#[test]
fn a_control_character_is_reported_where_it_is() {
    let base = record();
    for (from, to, line, column) in [
        (
            "  en: Bridge maintenance plan",
            "  en: Bridge \u{0}maintenance plan",
            7,
            14,
        ),
        ("完成**重要**工作。", "完成**重要**\u{0}工作。", 25, 15),
        (
            "  target_clarity: quantitative",
            "  target_clarity: quantitative # \u{0}",
            35,
            34,
        ),
        ("  on_time: true", "  on_time: tr\u{1}ue", 30, 16),
    ] {
        let text = base.replacen(from, to, 1);
        assert_ne!(text, base);
        let (d, _) = refused(&text);
        assert_eq!(d.line, Some(line), "{to:?}: {d}");
        assert!(
            d.message.contains(&format!("at column {column}")),
            "{to:?}: {d}"
        );
        assert!(d.message.contains("control character U+000"), "{d}");
    }
}

#[test]
fn names_and_ids_may_not_hide_direction_controls_or_invisible_characters() {
    let f = Fixture::new("minimal");
    // an override that makes the name read backwards, a zero-width space in a word, an
    // isolate never closed
    f.edit(PLAN, "  zh: 橋梁維護計畫", "  zh: 橋梁\u{202E}畫計護維");
    f.edit(
        PLAN,
        "Bridge maintenance plan",
        "Bridge main\u{200B}tenance plan",
    );
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "id: fix-ports",
        "id: fix-\u{2067}ports",
    );
    f.edit(
        "content/agencies.yaml",
        "      en: Beta Administration",
        // written as an escape: a byte order mark as itself is a YAML error already
        "      en: \"Beta\\uFEFF Administration\"\n    short_names: [乙\u{200D}署]",
    );
    let Err(gongkai::error::Error::Invalid(found)) = gongkai::content::load(f.root()) else {
        panic!("loaded");
    };
    let shown: Vec<String> = found.iter().map(|d| d.to_string()).collect();
    for (file, line, field, what) in [
        (
            PLAN,
            6,
            "name.zh",
            "U+202E, an invisible character that changes the direction",
        ),
        (
            PLAN,
            7,
            "name.en",
            "U+200B, an invisible zero-width character",
        ),
        (
            "content/plans/111/fix-ports.yaml",
            1,
            "id",
            "the id holds U+2067",
        ),
        ("content/agencies.yaml", 13, "agencies[1].name.en", "U+FEFF"),
        (
            "content/agencies.yaml",
            14,
            "agencies[1].short_names[0]",
            "U+200D",
        ),
    ] {
        let d = found
            .iter()
            .find(|d| d.field.as_deref() == Some(field) && d.file == Path::new(file))
            .unwrap_or_else(|| panic!("{field} in {file}: {shown:#?}"));
        assert_eq!(d.line, Some(line), "{d}");
        assert!(d.message.contains(what), "{d}");
        // the message never shows the text itself, with its hidden character
        for text in [&d.message.en, &d.message.zh] {
            assert!(!text.contains(['\u{202E}', '\u{200B}', '\u{2067}', '\u{FEFF}', '\u{200D}']));
        }
    }
    // the fixture as it was loads
    gongkai::content::load(Fixture::new("minimal").root()).unwrap();
}

/// A synonyms file of `groups` (Chinese), as staff write it.
fn synonyms_yaml(groups: &[Vec<String>]) -> String {
    let mut y = "zh:\n".to_string();
    for g in groups {
        y.push_str(&format!("  - [{}]\n", g.join(", ")));
    }
    y
}

#[test]
fn synonym_files_are_bounded_with_lines() {
    use gongkai::search::synonyms::{MAX_GROUPS, MAX_TOTAL_CHARS, MAX_WORDS, MAX_WORD_CHARS};
    let problems = |groups: &[Vec<String>]| -> Vec<gongkai::error::Diagnostic> {
        let f = Fixture::new("minimal");
        f.write("content/search/synonyms.yaml", &synonyms_yaml(groups));
        match gongkai::content::load(f.root()) {
            Err(gongkai::error::Error::Invalid(d)) => d,
            other => panic!("{other:?}"),
        }
    };
    // 1,000 groups, each a longer run of one character than the last: with one long text
    // of that character the index held a key for every group at every place (4.1 GB)
    let stacked: Vec<Vec<String>> = (1..=1000)
        .map(|k| vec!["甲".repeat(k), "乙".repeat(k)])
        .collect();
    let d = problems(&stacked);
    assert!(d
        .iter()
        .all(|d| d.file == Path::new("content/search/synonyms.yaml")));
    let first = &d[0];
    assert_eq!(first.line, Some(12), "{first}");
    assert!(
        first
            .message
            .contains("Chinese characters or English words"),
        "{first}"
    );
    assert!(d.iter().any(|d| d
        .message
        .contains(&format!("at most {MAX_WORD_CHARS} characters"))));
    assert!(d.iter().any(|d| d
        .message
        .contains(&format!("more than {MAX_TOTAL_CHARS} characters in all"))));
    // too many groups, too many words in one
    let many: Vec<Vec<String>> = (0..=MAX_GROUPS)
        .map(|k| vec![format!("甲{k}"), format!("乙{k}")])
        .collect();
    let d = problems(&many);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].line, Some(MAX_GROUPS + 2), "{}", d[0]);
    assert!(d[0].message.contains("more than 1000 groups"), "{}", d[0]);
    let wide = vec![(0..=MAX_WORDS)
        .map(|k| format!("丙{k}"))
        .collect::<Vec<_>>()];
    let d = problems(&wide);
    assert_eq!(d[0].line, Some(2), "{}", d[0]);
    assert!(d[0].message.contains("at most 20 words"), "{}", d[0]);
}

#[test]
fn synonyms_within_the_limits_keep_the_index_and_manifest_small() {
    use gongkai::content::schema::SynonymsFile;
    use gongkai::model::Lang;
    use gongkai::search::synonyms::Synonyms;
    // the worst the limits allow: the longest words, each a longer run than the last
    let zh: Vec<Vec<String>> = (1..=10)
        .map(|k| vec!["甲".repeat(k), "乙".repeat(k)])
        .chain((0..240).map(|k| vec![format!("丙{k:03}丁"), format!("戊{k:03}己")]))
        .collect();
    let file = SynonymsFile { zh, en: vec![] };
    // and agencies named the same way, 100 long
    let agencies: Vec<Vec<String>> = (11..=100)
        .map(|k| vec!["甲".repeat(k), "庚".repeat(k)])
        .collect();
    let s = Synonyms::new(&file, Lang::Zh, &agencies);
    let text = "甲".repeat(20_000);
    let plain = gongkai::search::tokenize::tokenize(&text).len();
    let ((), peak) = peak::peak_of(|| {
        let tokens = s.analyze(&text);
        assert!(
            tokens.len() <= plain + 16 * 20_000,
            "{} tokens",
            tokens.len()
        );
    });
    assert!(peak < 64_000_000, "{}", peak::mb(peak));
    let manifest = serde_json::to_string(&s.rows()).unwrap();
    assert!(manifest.len() < 120_000, "{} bytes", manifest.len());
}
