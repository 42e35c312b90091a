//! Property tests, short enough for every run: generated hostile records and Markdown never
//! panic or overflow; the loader gives a record or an error with a place; Markdown gives an
//! error or a page whose nesting is within the limit and which shows the text's last word.

use gongkai::content::schema::PlanFile;
use gongkai::content::yaml;
use gongkai::render::markdown::{self, MAX_NESTING};
use proptest::prelude::*;
use std::path::Path;

const RECORD: &str = include_str!("fixtures/minimal/content/plans/111/fix-bridge.yaml");

/// Markdown built from nesting openers, hiding elements, entities and text.
fn hostile_markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("1. ".to_string()),
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<span>".to_string()),
        Just("<b><i>".to_string()),
        Just("</b>".to_string()),
        Just("<table><td>".to_string()),
        Just("<ul><li>".to_string()),
        Just("<a href=x>".to_string()),
        Just("</a>".to_string()),
        Just("<p>".to_string()),
        Just("</i>".to_string()),
        Just("<tr>".to_string()),
        Just("<svg><g>".to_string()),
        Just("<math><mi>".to_string()),
        Just("<object>".to_string()),
        Just("<font color=red>".to_string()),
        Just("<dl><dd>".to_string()),
        Just("<select><option>".to_string()),
        Just("<button>".to_string()),
        Just("*".to_string()),
        Just("_".to_string()),
        Just("[".to_string()),
        Just("](x)".to_string()),
        Just("<style>".to_string()),
        Just("</style>".to_string()),
        Just("<script>".to_string()),
        Just("<template>".to_string()),
        Just("<textarea>".to_string()),
        Just("<title>".to_string()),
        Just("<xmp>".to_string()),
        Just("<noscript>".to_string()),
        Just("<iframe>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<?x".to_string()),
        Just("&amp;".to_string()),
        Just("&#x26;".to_string()),
        Just("&#60;".to_string()),
        Just("&nbsp;".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("    ".to_string()),
        Just("字".to_string()),
        "[a-z ]{0,4}",
    ];
    (
        proptest::collection::vec((piece, 1usize..60), 0..12),
        proptest::bool::ANY,
    )
        .prop_map(|(pieces, _)| {
            pieces
                .into_iter()
                .map(|(p, n)| p.repeat(n))
                .collect::<String>()
        })
}

/// Depth of well-formed HTML as the sanitizer writes it.
fn depth(html: &str) -> usize {
    const VOID: &[&str] = &["br", "hr", "img", "input", "wbr", "col", "area"];
    let (mut d, mut max) = (0usize, 0usize);
    for tag in html.split('<').skip(1) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() || VOID.contains(&name.as_str()) {
            continue;
        }
        if tag.starts_with('/') {
            d = d.saturating_sub(1);
        } else {
            d += 1;
            max = max.max(d);
        }
    }
    max
}

/// A record with `value` as the Chinese performance review (a literal block).
fn record_with(value: &str) -> String {
    let block: String = value.lines().map(|l| format!("      {l}\n")).collect();
    RECORD.replacen("      完成**重要**工作。\n", &block, 1)
}

/// YAML pieces: nesting, anchors, aliases, tags, control characters, duplicate keys.
fn hostile_yaml() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{a: ".to_string()),
        Just("}".to_string()),
        Just("- ".to_string()),
        Just("\n  ".to_string()),
        Just("k: ".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("!!binary ".to_string()),
        Just("!t ".to_string()),
        Just("\"\\x01\"".to_string()),
        Just("\"\\e\"".to_string()),
        Just("\u{7f}".to_string()),
        Just("\u{1}".to_string()),
        Just("&#x26;".to_string()),
        Just("x".to_string()),
        Just("\n".to_string()),
    ];
    proptest::collection::vec((piece, 1usize..200), 0..10)
        .prop_map(|v| v.into_iter().map(|(p, n)| p.repeat(n)).collect::<String>())
}

fn loads_or_places(text: &str) -> Result<(), TestCaseError> {
    match yaml::parse::<PlanFile>(Path::new("content/plans/111/x.yaml"), text) {
        Ok(_) => Ok(()),
        Err(d) => {
            prop_assert!(d.line.is_some() || d.field.is_some(), "no place: {}", d);
            prop_assert!(!d.message.is_empty());
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn markdown_gives_an_error_or_a_bounded_page(md in hostile_markdown()) {
        let md = format!("{md}\n\n最後一句");
        let checked = markdown::check(&md);
        let html = markdown::to_html(&md);
        // a page around it, through the minifier, never overflows
        let page = format!("<!doctype html><html><body><main><article><section>{html}</section></article></main></body></html>");
        let _ = gongkai::output::minify::html(&page);
        prop_assert!(depth(&html) <= MAX_NESTING, "depth {} for {:?}", depth(&html), md.chars().take(80).collect::<String>());
        if checked.is_ok() {
            // nothing after a hiding element disappears
            prop_assert!(html.contains("最後一句"), "{}", html);
            prop_assert!(markdown::to_text(&md).contains("最後一句"));
        } else {
            prop_assert!(html.contains("最後一句"));
        }
    }

    #[test]
    fn hostile_yaml_in_a_value_loads_or_is_placed(y in hostile_yaml()) {
        loads_or_places(&y)?;
        loads_or_places(&RECORD.replacen("agency: alpha", &format!("agency: {y}"), 1))?;
        loads_or_places(&record_with(&y))?;
    }
}
