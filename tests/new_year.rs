//! A new year's chores: `gongkai new year N` writes the year record from the previous one;
//! `check` warns of a year with plans and no record, and of `site.yaml`'s `updated` older than
//! the newest review.

mod common;
use common::*;

#[test]
fn new_year_writes_the_record_from_last_years_and_never_overwrites() {
    let f = Fixture::real();
    let (ok, said) = run_in(&f, &["new", "year", "112"]);
    assert!(ok, "{said}");
    let text = std::fs::read_to_string(f.root().join("content/years/112.yaml")).unwrap();
    assert!(text.contains("year: 112"), "{text}");
    assert!(text.contains("112 年度部會管制個案計畫評核"), "{text}");
    assert!(text.contains("2023 (ROC 112)"), "{text}");
    assert!(
        text.contains("zh: 勞動部"),
        "the publisher is carried over: {text}"
    );
    assert!(!text.contains("111") && !text.contains("2022"), "{text}");
    let (ok, said) = run_in(&f, &["check"]);
    assert!(ok, "{said}");
    let (ok, said) = run_in(&f, &["new", "year", "112"]);
    assert!(!ok && said.contains("exists already"), "{said}");
    let (ok, said) = run_in(&f, &["new", "year", "12345"]);
    assert!(!ok && said.contains("not a ROC year"), "{said}");
}

#[test]
fn check_warns_of_the_chores_of_a_new_year() {
    let f = Fixture::real();
    let plan = std::fs::read_dir(f.root().join("content/plans/111"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&plan)
        .unwrap()
        .replace("year: 111", "year: 112");
    f.write(
        &format!(
            "content/plans/112/{}",
            plan.file_name().unwrap().to_str().unwrap()
        ),
        &text,
    );
    let (ok, said) = run_in(&f, &["check"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("warning: content/years/112.yaml: year 112 has plans but no year record"),
        "{said}"
    );
    assert!(said.contains("gongkai new year 112"), "{said}");
    assert!(!run_in(&f, &["check", "--strict"]).0);
    // the record written, with a date later than site.yaml's `updated`
    assert!(run_in(&f, &["new", "year", "112"]).0);
    let year = f.root().join("content/years/112.yaml");
    let text = std::fs::read_to_string(&year).unwrap();
    std::fs::write(
        &year,
        text.replace("  publisher:", "  date: 2099-01-31\n  publisher:"),
    )
    .unwrap();
    let (ok, said) = run_in(&f, &["check"]);
    assert!(ok, "{said}");
    assert!(!said.contains("has plans but no year record"), "{said}");
    assert!(
        said.contains("field `updated`")
            && said.contains("older than the review of 112 (2099-01-31"),
        "{said}"
    );
}
