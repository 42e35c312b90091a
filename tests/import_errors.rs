//! `gongkai import`'s whole error output for each kind of bad input, compared with its
//! snapshot (`tests/snapshots/`): a table line that cannot be placed, a bad CSV cell, a row of
//! another year, a record already written that cannot be read (so cannot be updated), an
//! unreadable spreadsheet.

mod common;
use common::*;

/// A site with the real agencies, and a file to import written into it.
fn site() -> Fixture {
    let f = Fixture::real();
    std::fs::remove_dir_all(f.root().join("content/plans")).unwrap();
    f
}

/// Runs `gongkai import` in `f`, in English and in Chinese; the import must fail. Its error
/// output in both languages, the site's path replaced by `[root]`.
fn failed_import(f: &Fixture, file: &str, year: &str) -> String {
    let root = f.root().to_str().unwrap();
    let path = f.root().join(file);
    let args = [
        "import",
        path.to_str().unwrap(),
        "--year",
        year,
        "--root",
        root,
    ];
    let said = |lang: &str| {
        let out = cli_in(lang, &args);
        assert!(!out.status.success(), "the import should fail");
        let text = String::from_utf8(out.stderr).unwrap();
        assert_plain(&text);
        text.replace(root, "[root]")
    };
    let (en, zh) = (said("en"), said("zh"));
    assert!(zh.starts_with("錯誤："), "{zh}");
    format!("{en}--- zh ---\n{zh}")
}

#[test]
fn table_problems_name_their_lines() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for name in [
        "missing_section",
        "orphan_continuation",
        "three_cells",
        "unknown_agency",
    ] {
        let f = site();
        let text = std::fs::read_to_string(fixtures.join(format!("{name}.txt"))).unwrap();
        f.write("review.txt", &text);
        let err = failed_import(&f, "review.txt", "111");
        insta::assert_snapshot!(name, err);
        assert!(!f.root().join("content/plans/111").exists());
    }
}

/// The real records as open-data CSV, with `from` replaced by `to` once.
fn csv_with(from: &str, to: &str) -> String {
    let plans: Vec<_> = ["mol-office-building"].iter().map(|_| example()).collect();
    let csv = String::from_utf8(gongkai::opendata::to_csv(&plans, &agencies())).unwrap();
    assert!(csv.contains(from), "{from:?}");
    csv.replacen(from, to, 1)
}

#[test]
fn csv_problems_name_line_and_column() {
    for (name, from, to) in [
        ("csv_bad_lag", ",0.21,", ",zero,"),
        ("csv_bad_challenge", ",challenging,", ",very,"),
        ("csv_unknown_column", "special_performance", "special"),
        ("csv_other_year", "\r\n111,", "\r\n110,"),
    ] {
        let f = site();
        f.write("data.csv", &csv_with(from, to));
        let err = failed_import(&f, "data.csv", "111");
        insta::assert_snapshot!(name, err);
    }
}

#[test]
fn an_unreadable_spreadsheet_and_an_unreadable_record() {
    let f = site();
    f.write("data.ods", "not a zip");
    insta::assert_snapshot!("ods_unreadable", failed_import(&f, "data.ods", "111"));
    f.write("data.csv", &csv_with("", ""));
    f.write("content/plans/111/mol-office-building.yaml", "taken\n");
    insta::assert_snapshot!("record_unreadable", failed_import(&f, "data.csv", "111"));
}
