//! Open-data downloads: CSV round-trips, JSON is sorted and complete, errors name row and column.

use gongkai::content::schema::PlanFile;
use gongkai::import::{parse_table, ImportError};
use gongkai::opendata::{field_descriptions, from_csv, to_csv, to_json, COLUMNS};
use proptest::prelude::*;

mod common;
use common::agencies;

#[path = "import_strategies.rs"]
mod strategies;

fn seed_plans() -> Vec<PlanFile> {
    let text = std::fs::read_to_string("tests/fixtures/import/mol-111-controlled-plan-review.txt")
        .unwrap();
    let o = parse_table(&text, 111, &agencies());
    assert!(o.problems.is_empty());
    o.records
}

fn values(p: &[PlanFile]) -> serde_json::Value {
    serde_json::to_value(p).unwrap()
}

#[test]
fn csv_round_trips_the_seed_and_the_example() {
    let mut plans = seed_plans();
    let example: PlanFile = serde_yaml::from_str(
        &std::fs::read_to_string("content/plans/111/mol-office-building.yaml").unwrap(),
    )
    .unwrap();
    plans.push(example);
    let csv = to_csv(&plans, &agencies());
    assert!(csv.starts_with("\u{feff}".as_bytes()));
    let back = from_csv(&csv).unwrap();
    assert_eq!(values(&back), values(&plans));
}

#[test]
fn csv_layout() {
    let plans = seed_plans();
    let csv = String::from_utf8(to_csv(&plans, &agencies())).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').split("\r\n");
    assert_eq!(lines.next().unwrap(), COLUMNS.join(","));
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 20);
    let row18 = &rows[17];
    let get = |name: &str| {
        row18
            .get(COLUMNS.iter().position(|c| *c == name).unwrap())
            .unwrap()
    };
    assert_eq!(get("year"), "111");
    assert_eq!(get("item"), "18");
    assert_eq!(get("agency"), "secretariat");
    assert_eq!(get("agency_zh"), "秘書處");
    assert_eq!(get("agency_en"), "Secretariat");
    assert_eq!(get("late_reports"), "q2:5");
    assert_eq!(get("returned_reports"), "work_plan:1");
    assert_eq!(get("lags"), "3:0.21");
    assert_eq!(get("reports_on_time"), "false");
    assert_eq!(get("target_challenge"), "challenging");
    assert_eq!(get("budget_q3"), "99.22");
    assert_eq!(get("budget_q1"), "100");
    assert_eq!(get("special_performance"), "true");
    // why: a line per flag, the reviewers' sentences, in both languages
    let zh: Vec<&str> = get("reasons_zh").lines().collect();
    assert!(
        zh.contains(&"returned_work_plan: 另作業計畫有退回修訂 1 次。"),
        "{zh:?}"
    );
    assert!(zh
        .iter()
        .any(|l| l.starts_with("late_q2: (一)111 年度第 2 季「執行情形」逾期提送 5 日")));
    assert_eq!(
        zh.iter()
            .map(|l| l.split(':').next().unwrap())
            .collect::<Vec<_>>(),
        [
            "behind_q3",
            "late_q2",
            "returned_work_plan",
            "spending_q3",
            "challenge",
            "special_performance"
        ]
    );
    assert_eq!(get("reasons_given"), "");
    let get20 = |name: &str| {
        rows[19]
            .get(COLUMNS.iter().position(|c| *c == name).unwrap())
            .unwrap()
            .to_string()
    };
    assert_eq!(get20("returned_reports"), "q1:5;q2:1;q3:2");
}

#[test]
fn field_descriptions_cover_every_column() {
    let d = field_descriptions();
    assert_eq!(d.iter().map(|f| f.0).collect::<Vec<_>>(), COLUMNS.to_vec());
    assert!(d.iter().all(|(_, zh, en)| !zh.is_empty() && !en.is_empty()));
}

#[test]
fn json_is_sorted_deterministic_and_names_agencies() {
    let mut plans = seed_plans();
    plans.reverse();
    let a = to_json(&plans, &agencies());
    plans.swap(0, 5);
    let b = to_json(&plans, &agencies());
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
    let items: Vec<u64> = v["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["item"].as_u64().unwrap())
        .collect();
    assert_eq!(items, (1..=20).collect::<Vec<_>>());
    let p18 = &v["plans"][17];
    assert_eq!(p18["agency"], "secretariat");
    assert_eq!(p18["agency_name"]["zh"], "秘書處");
    assert_eq!(p18["agency_name"]["en"], "Secretariat");
    assert_eq!(p18["facts"]["budget_execution"][2], 99.22);
    assert_eq!(p18["facts"]["reports"]["late"][0]["report"], "q2");
    assert_eq!(v["ministry"]["en"], "Ministry of Labor");
    assert_eq!(v["agencies"].as_array().unwrap().len(), 7);
    // Pretty-printed.
    assert!(String::from_utf8(a)
        .unwrap()
        .starts_with("{\n  \"ministry\""));
}

#[test]
fn json_sorts_by_year_then_item() {
    let mut plans = seed_plans();
    let mut older = plans[0].clone();
    older.year = 110;
    older.item = 99;
    plans.push(older);
    let v: serde_json::Value = serde_json::from_slice(&to_json(&plans, &agencies())).unwrap();
    assert_eq!(v["plans"][0]["year"], 110);
    assert_eq!(v["plans"][1]["year"], 111);
}

fn replace_cell(csv: &[u8], row: usize, column: &str, value: &str) -> Vec<u8> {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let col = COLUMNS.iter().position(|c| *c == column).unwrap();
    rows[row - 1][col] = value.to_string();
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

#[test]
fn errors_name_row_and_column() {
    let plans = seed_plans();
    let csv = to_csv(&plans[..3], &agencies());
    for (row, column, value) in [
        (3, "budget_q2", "ninety"),
        (4, "late_reports", "q9:1"),
        (2, "lags", "3"),
        (3, "target_challenge", "hard"),
        (2, "special_performance", "yes"),
        (4, "year", "-1"),
    ] {
        let bad = replace_cell(&csv, row, column, value);
        match from_csv(&bad) {
            Err(ImportError::Csv {
                row: r,
                column: Some(c),
                ..
            }) => {
                assert_eq!((r, c.as_str()), (row, column), "{value}");
            }
            other => panic!("{column}={value}: {other:?}"),
        }
    }
    // Header problems.
    let bad = replace_cell(&csv, 1, "lags", "lagz");
    let err = from_csv(&bad).unwrap_err();
    assert!(
        matches!(&err, ImportError::Csv { row: 1, column: Some(c), .. } if c == "lagz"),
        "{err}"
    );
    assert!(from_csv(b"").is_err());
    assert!(from_csv(b"year,item\n").is_err());
    // A short row.
    let mut short = csv.clone();
    short.extend_from_slice(b"111,4\r\n");
    let err = from_csv(&short).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::Csv {
                row: 5,
                column: None,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("row 5"));
}

#[test]
fn csv_without_bom_and_with_reordered_columns() {
    let plans = seed_plans();
    let csv = to_csv(&plans[..2], &agencies());
    let text = String::from_utf8(csv).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rdr.records() {
        let mut cells: Vec<String> = r.unwrap().iter().map(String::from).collect();
        cells.reverse();
        w.write_record(cells).unwrap();
    }
    let back = from_csv(&w.into_inner().unwrap()).unwrap();
    assert_eq!(values(&back), values(&plans[..2]));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn csv_round_trips_anything(plans in proptest::collection::vec(strategies::plan(), 0..4)) {
        let csv = to_csv(&plans, &agencies());
        let back = from_csv(&csv).unwrap();
        prop_assert_eq!(values(&back), values(&plans));
    }

    #[test]
    fn from_csv_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = from_csv(&bytes);
    }
}

/// `csv` without the columns `drop` (as a file published before they were added).
fn without(csv: &str, drop: &[&str]) -> String {
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = rdr.headers().unwrap().clone();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| !drop.contains(&&header[i]))
        .collect();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(vec![]);
    w.write_record(keep.iter().map(|&i| &header[i])).unwrap();
    for row in rdr.records() {
        let row = row.unwrap();
        w.write_record(keep.iter().map(|&i| &row[i])).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn a_csv_from_before_the_facts_checked_by_hand_and_reasons_columns_still_reads() {
    let mut plans = seed_plans();
    plans[0].facts_checked_by_hand = vec![gongkai::content::schema::Fact::BudgetExecution];
    let csv = String::from_utf8(to_csv(&plans[1..], &agencies())).unwrap();
    let reasons = ["reasons_zh", "reasons_en", "reasons_given"];
    for drop in [
        &reasons[..],
        &["facts_checked_by_hand", reasons[0], reasons[1], reasons[2]],
    ] {
        let old = without(&csv, drop);
        assert!(drop.iter().all(|c| !old.contains(c)) && old.len() < csv.len());
        assert_eq!(
            values(&from_csv(old.as_bytes()).unwrap()),
            values(&plans[1..])
        );
    }
    // and a mark round-trips
    let back = from_csv(&to_csv(&plans[..1], &agencies())).unwrap();
    assert_eq!(values(&back), values(&plans[..1]));
}
