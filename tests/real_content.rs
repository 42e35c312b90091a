//! The real site: all 20 plans of the ministry's ROC 111 review, 7 agencies, both languages,
//! and each plan page carrying its review text exactly as in the source, whitespace aside.

mod common;
use common::*;
use std::collections::BTreeMap;

/// The source table, read independently of the importer: item → (agency, name, review), each
/// with whitespace and the `<p>` markup removed.
fn seed() -> BTreeMap<u32, (String, String, String)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/mol-111-controlled-plan-review.txt"
    ))
    .unwrap();
    let mut items: BTreeMap<u32, (String, String, String)> = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() < 4 || cells[0] == "項次" {
            continue;
        }
        if let Ok(n) = cells[0].trim().parse::<u32>() {
            current = Some(n);
        }
        let e = items
            .entry(current.expect("a continuation before any item"))
            .or_default();
        e.0.push_str(cells[1]);
        e.1.push_str(cells[2]);
        e.2.push_str(&cells[3..].join(""));
    }
    items
        .into_iter()
        .map(|(k, (a, n, r))| {
            (
                k,
                (
                    squeeze(&a),
                    squeeze(&n),
                    squeeze(&r.replace("<p>", "").replace("</p>", "")),
                ),
            )
        })
        .collect()
}

#[test]
fn every_plan_page_carries_the_source_text() {
    let f = Fixture::real();
    let report = f.build().unwrap();
    let seed = seed();
    assert_eq!(seed.len(), 20);
    assert_eq!(report.plans, 20);
    let mut pages = 0;
    for entry in std::fs::read_dir(f.out().join("plans/111")).unwrap() {
        let dir = entry.unwrap().path();
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        let main = text_of(between(&html, "<main", "</main>"));
        // the item number follows its label in the plan's details
        let item: u32 = main
            .split_once("項次 ")
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{}: no item number", dir.display()));
        let (agency, name, review) = &seed[&item];
        let body = squeeze(&main);
        assert!(body.contains(name), "item {item}: name");
        assert!(body.contains(agency), "item {item}: agency");
        assert!(
            body.contains(review.as_str()),
            "item {item}: the review text is not on its page exactly as in the source"
        );
        pages += 1;
    }
    assert_eq!(pages, 20);
}

#[test]
fn every_page_exists_in_both_languages() {
    let f = Fixture::real();
    f.build().unwrap();
    let agencies = std::fs::read_dir(f.out().join("agencies"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(agencies, 7);
    for (path, _) in snapshot(&f.out()) {
        if path.ends_with(".html") && !path.starts_with("en/") && !path.starts_with("static/") {
            assert!(
                f.out().join("en").join(&path).is_file(),
                "en/{path} missing"
            );
            let en = f.read(&format!("en/{path}"));
            assert!(has_element(&en, "html", &[("lang", "en")]), "en/{path}");
            // nothing untranslated: no Han character outside what names the other language
            let main = without_chinese_spans(between(&en, "<main", "</main>"));
            assert!(
                !main.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "en/{path} has Chinese text in its main content: {main}"
            );
        }
    }
}

/// The text of `html` less the spans marked as Chinese (`<span lang="zh-…">`): names kept in
/// the original language, marked so screen readers pronounce them right.
fn without_chinese_spans(html: &str) -> String {
    use common::html::Piece;
    let mut out = String::new();
    // spans open inside a Chinese one, that one included
    let mut chinese = 0usize;
    for piece in common::html::pieces(html) {
        match piece {
            Piece::Start(e) if e.name == "span" => {
                if chinese > 0 || e.attr("lang").is_some_and(|l| l.starts_with("zh")) {
                    chinese += 1;
                }
            }
            Piece::End(n) if n == "span" && chinese > 0 => chinese -= 1,
            Piece::Text(t) if chinese == 0 => out.push_str(&t),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
