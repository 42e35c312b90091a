//! `check` (and so `build` and `serve`) reads each record's facts out of its Chinese review
//! text, as `import` does, and refuses a record whose facts say otherwise, naming file, line,
//! field and both values; a fact staff checked by hand is compared no more once listed under
//! `facts_checked_by_hand`, and is a warning.

mod common;
use common::*;

const OFFICE: &str = "content/plans/111/mol-office-building.yaml";
const BRIDGE: &str = "content/plans/111/fix-bridge.yaml";

#[test]
fn the_real_site_and_the_fixture_agree_with_their_texts() {
    for f in [Fixture::real(), Fixture::new("minimal")] {
        let (ok, said) = run_in(&f, &["check", "--strict"]);
        assert!(ok, "{said}");
    }
}

#[test]
fn a_fact_changed_against_the_text_fails_check_with_file_line_field_and_both_values() {
    let f = Fixture::real();
    for (from, to) in [
        (
            "budget_execution: [100, 100, 99.22, 100]",
            "budget_execution: [100, 100, 98.22, 100]",
        ),
        ("      percent: 0.21", "      percent: 0.12"),
        ("        days: 5", "        days: 6"),
        ("target_challenge: challenging", "target_challenge: mixed"),
        ("special_performance: true", "special_performance: false"),
    ] {
        f.edit(OFFICE, from, to);
    }
    let (ok, said) = run_in(&f, &["check"]);
    assert!(!ok, "{said}");
    for want in [
        "mol-office-building.yaml:60: field `facts.budget_execution[2]`: 98.22 here, the text says 99.22 %",
        "mol-office-building.yaml:57: field `facts.lags[0].percent`: 0.12 here, the text says 0.21 %",
        "mol-office-building.yaml:51: field `facts.reports.late[0].days`: 6 here, the text says q2 was late by 5 days",
        "mol-office-building.yaml:58: field `facts.target_challenge`: mixed here, the text says challenging",
        "mol-office-building.yaml:61: field `facts.special_performance`: false here, the text says true",
    ] {
        assert!(said.contains(want), "{want:?} not in {said}");
    }
    assert!(said.contains("5 problems found"), "{said}");
    // build runs the same checks and publishes nothing
    let (ok, _) = run_in(&f, &["build"]);
    assert!(!ok);
    assert!(!f.out().join("index.html").exists());
}

#[test]
fn a_difference_below_the_texts_two_decimals_is_no_disagreement() {
    let f = Fixture::real();
    f.edit(
        OFFICE,
        "budget_execution: [100, 100, 99.22, 100]",
        "budget_execution: [100.0, 100, 99.2200001, 100]",
    );
    let (ok, said) = run_in(&f, &["check"]);
    assert!(ok, "{said}");
}

#[test]
fn the_scaffold_with_its_texts_filled_but_its_facts_left_fails() {
    let f = Fixture::new("minimal");
    let out = cli(&[
        "new",
        "plan",
        "--year",
        "111",
        "--agency",
        "beta",
        "--id",
        "harbor-lights",
        "--root",
        f.root().to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let rel = "content/plans/111/harbor-lights.yaml";
    // every text written (the real record's), the facts as the scaffold left them
    let mut p: gongkai::content::schema::PlanFile =
        serde_yaml::from_str(&std::fs::read_to_string(f.root().join(rel)).unwrap()).unwrap();
    let real = example();
    (p.name, p.review) = (real.name, real.review);
    f.write(rel, &gongkai::import::to_yaml(&p));
    let (ok, said) = run_in(&f, &["check"]);
    assert!(!ok, "{said}");
    assert!(!said.contains("TODO"), "{said}");
    for want in [
        "field `facts.budget_execution[0]`: 0 here, the text says 100 %",
        "field `facts.budget_execution[2]`: 0 here, the text says 99.22 %",
        "field `facts.reports.on_time`: true here, the text says false",
        "field `facts.reports.late`: the text says q2 was late by 5 days, which is missing here",
        "field `facts.reports.returned`: the text says work_plan was returned for revision once, which is missing here",
        "field `facts.lags`: the text says quarter 3 fell behind by 0.21 %, which is missing here",
        "field `facts.target_challenge`: not_stated here, the text says challenging",
        "field `facts.target_clarity`: not_stated here, the text says quantitative",
        "field `facts.special_performance`: false here, the text says true",
    ] {
        assert!(
            said.contains("harbor-lights.yaml:") && said.contains(want),
            "{want:?} not in {said}"
        );
    }
}

/// The fixture with a budget text the reader cannot take the quarters' rates from.
fn unreadable_budget() -> Fixture {
    let f = Fixture::new("minimal");
    f.edit(
        BRIDGE,
        "年累計支用比第 1 季 80%，餘均達 100%。",
        "年累計支用比第 1 季 80%，第 2 季至第 4 季支用情形良好。",
    );
    f
}

#[test]
fn a_text_gongkai_cannot_read_is_an_error_at_the_text() {
    let f = unreadable_budget();
    let (ok, said) = run_in(&f, &["check"]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("fix-bridge.yaml:19: field `review.budget.zh`: gongkai cannot check facts.budget_execution against this text")
            && said.contains("facts_checked_by_hand"),
        "{said}"
    );
    assert!(said.contains("1 problem found"), "{said}");
}

#[test]
fn a_fact_checked_by_hand_passes_and_is_listed_as_a_warning() {
    let f = unreadable_budget();
    f.edit(
        BRIDGE,
        "  special_performance: true\n",
        "  special_performance: true\nfacts_checked_by_hand: [budget_execution]\n",
    );
    let (ok, said) = run_in(&f, &["check"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("warning: content/plans/111/fix-bridge.yaml:38: field `facts_checked_by_hand[0]`: facts.budget_execution was checked against the text by hand"),
        "{said}"
    );
    let (ok, said) = run_in(&f, &["check", "--strict"]);
    assert!(!ok, "{said}");
    // the mark covers that fact only: another changed against the text is still refused
    f.edit(BRIDGE, "percent: 4.5", "percent: 5.4");
    let (ok, said) = run_in(&f, &["check"]);
    assert!(!ok);
    assert!(
        said.contains("field `facts.lags[0].percent`: 5.4 here, the text says 4.5 %"),
        "{said}"
    );
}

#[test]
fn a_mark_on_a_fact_the_text_states_readably_says_it_can_go() {
    let f = Fixture::new("minimal");
    f.edit(
        BRIDGE,
        "  special_performance: true\n",
        "  special_performance: true\nfacts_checked_by_hand: [lags]\n",
    );
    let (ok, said) = run_in(&f, &["check"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("field `facts_checked_by_hand[0]`: facts.lags is marked as checked by hand, but gongkai reads the same from the text"),
        "{said}"
    );
}
