//! Staff's mistakes, made at random in real records: whatever the mistake and wherever it is,
//! the message exists in English and Chinese, is not empty, names a line inside the file, and
//! carries none of the parser's words (`f64`, `scalar`, `variant`, `token` …). The mistakes
//! are the ones people make typing YAML by hand or pasting from Word: a tab, a full-width
//! colon or space, a quote left open, a `%` after a number, a field name misspelt, a line
//! indented wrongly, a colon without its space, a value in full-width digits.

mod common;

use gongkai::content::schema::PlanFile;
use gongkai::content::yaml;
use gongkai::content::yaml_words::JARGON;
use proptest::prelude::*;
use std::path::Path;

/// The real site's plan records.
fn records() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/plans/111");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    out.sort();
    out
}

/// One mistake made on `line` of `text`.
fn mistake(text: &str, line: usize, kind: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let i = line % lines.len();
    let l = lines[i].clone();
    let trimmed = l.trim_start();
    let indent = &l[..l.len() - trimmed.len()];
    lines[i] = match kind % 10 {
        0 => format!("\t{trimmed}"),
        1 => l.replacen(": ", "：", 1),
        2 => l.replacen(": ", ": \"", 1),
        3 => format!("{l}%"),
        4 => format!(
            "{indent}{}",
            trimmed.replacen(|c: char| c.is_ascii_lowercase(), "x", 1)
        ),
        5 => format!(" {l}"),
        6 => l.replacen(": ", ":", 1),
        7 => format!("\u{3000}{trimmed}"),
        8 => l.replace(['1', '2', '3'], "３"),
        _ => l.replacen(": ", " ", 1),
    };
    lines.join("\n") + "\n"
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20261206),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_mistake_gets_a_plain_message_in_both_languages(
        record in 0usize..20,
        line in 0usize..200,
        kind in 0usize..10,
    ) {
        let all = records();
        let text = mistake(&all[record % all.len()], line, kind);
        if let Err(d) = yaml::parse::<PlanFile>(Path::new("r.yaml"), &text) {
            let lines = text.lines().count();
            prop_assert!(d.line.is_some_and(|l| l >= 1 && l <= lines), "{d:?}");
            for m in [&d.message.en, &d.message.zh] {
                prop_assert!(!m.is_empty());
                for w in JARGON {
                    prop_assert!(!m.contains(w), "`{}` in {:?}\n{}", w, m, text);
                }
            }
            prop_assert!(d.message.zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{:?}", d.message);
        }
    }
}

/// The mistakes staff make most are named for what they are, on the line they are on.
#[test]
fn the_common_mistakes_are_named_on_their_line() {
    let text = &records()[0];
    let at = |needle: &str| 1 + text.lines().position(|l| l.starts_with(needle)).unwrap();
    let cases = [
        (
            text.replacen("\nyear: ", "\nyear：", 1),
            at("year:"),
            "全形冒號",
        ),
        (
            text.replacen("\nitem: ", "\n\titem: ", 1),
            at("item:"),
            "Tab",
        ),
        (
            text.replacen("\nitem: ", "\nitem:", 1),
            at("item:"),
            "少了空格",
        ),
        (
            text.replacen("\nagency: ", "\nagency ", 1),
            at("agency:"),
            "缺少 `:`",
        ),
    ];
    for (text, line, words) in cases {
        let d = yaml::parse::<PlanFile>(Path::new("r.yaml"), &text).unwrap_err();
        assert_eq!(d.line, Some(line), "{d:?}");
        assert!(d.message.zh.contains(words), "{d:?}");
    }
}
