//! Every class of bad input: the build fails, names file, line and field, and leaves the
//! published site exactly as it was.

mod common;
use common::*;

/// Builds the good fixture, breaks it with `change`, and checks the failed build's message
/// and that `public/` is untouched.
fn broken(change: impl Fn(&Fixture)) -> String {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let before = snapshot(&f.out());
    change(&f);
    let out = cli(&["build", "--root", f.root().to_str().unwrap()]);
    assert!(!out.status.success(), "the build should fail");
    let after = snapshot(&f.out());
    assert!(before == after, "public/ changed after a failed build");
    // and no staging folder is left behind
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    String::from_utf8(out.stderr).unwrap()
}

const PLAN: &str = "content/plans/111/fix-bridge.yaml";

#[test]
fn yaml_syntax_error() {
    let err = broken(|f| f.edit(PLAN, "agency: alpha", "agency: alpha: beta"));
    assert!(err.contains("content/plans/111/fix-bridge.yaml:4"), "{err}");
}

#[test]
fn unknown_field() {
    let err = broken(|f| f.edit(PLAN, "agency: alpha", "agency: alpha\nagnecy: alpha"));
    assert!(
        err.contains("content/plans/111/fix-bridge.yaml:5: field `agnecy`"),
        "{err}"
    );
}

#[test]
fn missing_field() {
    let err = broken(|f| f.edit(PLAN, "  target_clarity: quantitative\n", ""));
    assert!(err.contains("content/plans/111/fix-bridge.yaml:"), "{err}");
    assert!(
        err.contains("field `facts.target_clarity`") && err.contains("missing field"),
        "{err}"
    );
}

#[test]
fn unknown_agency() {
    let err = broken(|f| f.edit(PLAN, "agency: alpha", "agency: gamma"));
    assert!(
        err.contains("content/plans/111/fix-bridge.yaml:4: field `agency`: unknown agency `gamma`"),
        "{err}"
    );
}

#[test]
fn duplicate_item_number_in_a_year() {
    let err = broken(|f| f.edit("content/plans/111/fix-ports.yaml", "item: 2", "item: 1"));
    assert!(
        err.contains("field `item`: item 1 of year 111 is also used by"),
        "{err}"
    );
    assert!(
        err.contains("fix-ports.yaml:3") || err.contains("fix-bridge.yaml:3"),
        "{err}"
    );
}

#[test]
fn percentage_outside_0_to_100() {
    let err = broken(|f| {
        f.edit(
            PLAN,
            "budget_execution: [80, 100, 100, 100]",
            "budget_execution: [80, 100, 120, 100]",
        )
    });
    assert!(err.contains("content/plans/111/fix-bridge.yaml:36: field `facts.budget_execution[2]`: 120 is outside 0–100 %"), "{err}");
    let err = broken(|f| f.edit(PLAN, "percent: 4.5", "percent: -3"));
    assert!(
        err.contains("fix-bridge.yaml:33: field `facts.lags[0].percent`"),
        "{err}"
    );
}

#[test]
fn missing_english_text() {
    let err = broken(|f| f.edit(PLAN, "  en: Bridge maintenance plan\n", ""));
    assert!(
        err.contains(
            "content/plans/111/fix-bridge.yaml:5: field `name.en`: the English text is missing"
        ),
        "{err}"
    );
}

#[test]
fn every_problem_is_listed_once() {
    let err = broken(|f| {
        f.edit(PLAN, "agency: alpha", "agency: gamma");
        f.edit(
            "content/plans/111/fix-ports.yaml",
            "budget_execution: [100, 100, 100, 100]",
            "budget_execution: [100, 100, 100, 101]",
        );
        f.edit("content/plans/110/fix-bridge.yaml", "item: 3", "item: [3");
    });
    assert!(err.contains("3 problems found"), "{err}");
    assert_eq!(err.matches("unknown agency").count(), 1, "{err}");
    assert!(
        err.contains("fix-ports.yaml") && err.contains("110/fix-bridge.yaml"),
        "{err}"
    );
}

#[test]
fn unsafe_ids_cannot_write_outside_the_output() {
    let err = broken(|f| f.edit(PLAN, "id: fix-bridge", "id: ../../escape"));
    assert!(
        err.contains("field `id`") && err.contains("not a valid id"),
        "{err}"
    );
    let err = broken(|f| f.edit("content/agencies.yaml", "slug: alpha", "slug: ../alpha"));
    assert!(
        err.contains("content/agencies.yaml:5: field `agencies[0].slug`"),
        "{err}"
    );
}

#[test]
fn check_reports_the_same_problems_and_writes_nothing() {
    let f = Fixture::new("minimal");
    f.edit(PLAN, "agency: alpha", "agency: gamma");
    let out = cli(&["check", "--root", f.root().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown agency `gamma`"));
    assert!(!f.out().exists());
}

#[test]
fn a_broken_template_is_reported_and_the_site_kept() {
    let err = broken(|f| {
        f.edit(
            "content/site.yaml",
            "publisher:",
            "theme: civic\npublisher:",
        );
        f.write(
            "themes/civic/templates/plan.html",
            "{% extends \"base.html\" %}{% block main %}{{ plan.nope }}{% endblock main %}",
        );
    });
    assert!(err.contains("plan.html"), "{err}");
}
