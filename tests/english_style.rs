//! The English of the site is US English with half-width punctuation: every English text of
//! the records and every English page's text, outside what is marked as Chinese, holds no
//! British spelling from the list below and no full-width punctuation (which belongs to the
//! Chinese texts, marked `lang="zh-Hant-TW"` where English pages show them).

mod common;
use common::*;

/// British forms and their US spelling: -ise verbs in all their forms, -our, -re, and the
/// nouns that differ. The search synonyms keep British forms on purpose (people type them),
/// so that file is not checked.
const BRITISH: &[&str] = &[
    "subsidis",
    "publicis",
    "stabilis",
    "organis",
    "prioritis",
    "realis",
    "recognis",
    "utilis",
    "maximis",
    "minimis",
    "emphasis",
    "authoris",
    "finalis",
    "summaris",
    "categoris",
    "standardis",
    "optimis",
    "digitis",
    "mobilis",
    "specialis",
    "criticis",
    "characteris",
    "harmonis",
    "modernis",
    "normalis",
    "centralis",
    "localis",
    "visualis",
    "penalis",
    "formalis",
    "customis",
    "familiaris",
    "legalis",
    "computeris",
    "labour",
    "behaviour",
    "favour",
    "honour",
    "colour",
    "endeavour",
    "neighbour",
    "rumour",
    "centre",
    "metre",
    "theatre",
    "fibre",
    "programme",
    "defence",
    "offence",
    "catalogue",
    "analyse",
    "travelled",
    "travelling",
    "cancelled",
    "modelling",
    "labelled",
    "enrolment",
    "fulfil ",
    "ageing",
    "whilst",
    "amongst",
    "learnt",
];

/// Exceptions: US words that hold a British stem (`emphasis` is a noun in both).
fn british_in(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    BRITISH
        .iter()
        .copied()
        .filter(|b| match *b {
            // "emphasis" is English everywhere; only "emphasise/-ed/-ing" is British
            "emphasis" => ["emphasise", "emphasising"]
                .iter()
                .any(|w| lower.contains(w)),
            _ => lower.contains(b),
        })
        .collect()
}

const FULL_WIDTH: &[char] = &[
    '，', '。', '：', '；', '（', '）', '｜', '、', '「', '」', '！', '？', '％', '『', '』',
];

#[test]
fn the_english_of_the_records_is_us_english_with_half_width_punctuation() {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new("content/plans")
        .into_iter()
        .chain(walkdir::WalkDir::new("content/pages"))
    {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let mut english = Vec::new();
        collect_english(&value, &mut english);
        for en in english {
            for b in british_in(&en) {
                found.push(format!("{}: {b} in {en:.80}", entry.path().display()));
            }
            if let Some(c) = en.chars().find(|c| FULL_WIDTH.contains(c)) {
                found.push(format!("{}: {c} in {en:.80}", entry.path().display()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Every `en:` text under `v`.
fn collect_english(v: &serde_yaml::Value, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::Mapping(m) => {
            for (k, v) in m {
                match (k.as_str(), v.as_str()) {
                    (Some("en"), Some(s)) => out.push(s.to_string()),
                    _ => collect_english(v, out),
                }
            }
        }
        serde_yaml::Value::Sequence(s) => s.iter().for_each(|v| collect_english(v, out)),
        _ => {}
    }
}

#[test]
fn english_pages_are_us_english_with_half_width_punctuation() {
    let f = Fixture::real();
    f.build().unwrap();
    let mut found = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(f.out().join("en")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let text = english_text(&html);
        for b in british_in(&text) {
            found.push(format!("{}: {b}", entry.path().display()));
        }
        for c in text.chars().filter(|c| FULL_WIDTH.contains(c)) {
            let at = text.find(c).unwrap();
            let around: String = text[at.saturating_sub(30)..].chars().take(40).collect();
            found.push(format!("{}: {c} in …{around}…", entry.path().display()));
        }
    }
    assert!(pages > 40, "{pages} English pages");
    let found: std::collections::BTreeSet<String> = found.into_iter().collect();
    assert!(found.is_empty(), "{found:#?}");
}

/// The text of an English page a reader sees as English: text nodes and the attributes read
/// out (`title`, `aria-label`, `alt`, `content`), without what is marked as Chinese
/// (`lang="zh…"` and everything inside it), scripts and styles.
fn english_text(html: &str) -> String {
    let mut out = String::new();
    // the languages of the open elements; void elements never open
    let mut stack: Vec<(String, Option<bool>)> = Vec::new();
    let zh = |stack: &[(String, Option<bool>)]| {
        stack.iter().rev().find_map(|(_, z)| *z).unwrap_or(false)
    };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        let hidden = stack.iter().any(|(t, _)| t == "script" || t == "style");
        if !hidden && !zh(&stack) {
            out.push_str(text);
            out.push(' ');
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_lowercase();
            if let Some(i) = stack.iter().rposition(|(t, _)| *t == name) {
                stack.truncate(i);
            }
            continue;
        }
        let name: String = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let lang = attr(tag, "lang").map(|l| l.starts_with("zh"));
        let inside_zh = lang.unwrap_or_else(|| zh(&stack));
        if !inside_zh {
            for a in ["title", "aria-label", "alt", "content", "placeholder"] {
                if let Some(v) = attr(tag, a) {
                    out.push_str(&v);
                    out.push(' ');
                }
            }
        }
        let void = [
            "meta", "link", "br", "img", "input", "hr", "source", "area", "base", "col", "wbr",
        ];
        if !void.contains(&name.as_str()) && !tag.ends_with('/') {
            stack.push((name, lang));
        }
    }
    out
}

/// The value of attribute `name` in the inside of a start tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let end = tag[i..].find('"')?;
    Some(tag[i..i + end].replace("&amp;", "&"))
}
