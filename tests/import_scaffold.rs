//! `scaffold::new_plan` gives a complete, parseable record with placeholders marked.

use gongkai::content::schema::{Challenge, PlanFile};
use gongkai::scaffold::{new_plan, PLACEHOLDER};

mod common;
use common::agencies;

#[test]
fn new_plan_parses_and_marks_placeholders() {
    for agency in &agencies().agencies {
        let y = new_plan(112, agency, 7, "mol-new-plan");
        let p: PlanFile = serde_yaml::from_str(&y).unwrap_or_else(|e| panic!("{e}\n{y}"));
        assert_eq!(
            (p.id.as_str(), p.year, p.item, p.agency.as_str()),
            ("mol-new-plan", 112, 7, agency.slug.as_str())
        );
        for t in [
            &p.name,
            &p.review.administration,
            &p.review.budget,
            &p.review.performance,
        ] {
            assert!(
                t.zh.starts_with(PLACEHOLDER) && t.en.starts_with(PLACEHOLDER),
                "{t:?}"
            );
        }
        assert_eq!(p.facts.target_challenge, Challenge::NotStated);
        assert!(y.contains(&agency.name.zh));
        // Every field is commented in both languages.
        for key in [
            "id:",
            "year:",
            "item:",
            "agency:",
            "late:",
            "returned:",
            "lags:",
            "target_challenge:",
            "target_clarity:",
            "budget_execution:",
            "special_performance:",
        ] {
            assert!(
                y.contains(&format!("\n{key}")) || y.contains(&format!(" {key}")),
                "{key}"
            );
        }
        assert!(
            y.contains("slightly_challenging")
                && y.contains("self_evaluation")
                && y.contains("qualitative")
        );
    }
}

#[test]
fn odd_ids_are_quoted() {
    let a = &agencies().agencies[0];
    let y = new_plan(111, a, 1, "123: #x");
    let p: PlanFile = serde_yaml::from_str(&y).unwrap();
    assert_eq!(p.id, "123: #x");
}
