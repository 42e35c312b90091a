//! Under `serve`, an edit of a record's facts updates the finding lists and the agencies
//! comparison exactly as a full build would.

mod common;
use common::*;
use gongkai::build::incremental::Session;

fn listed(f: &Fixture, page: &str) -> bool {
    let html = f.read(page);
    html.contains("<tbody")
        && attr_values(between(&html, "<tbody", "</tbody>"), "href")
            .contains(&"/plans/111/fix-bridge/".to_string())
}

#[test]
fn a_facts_edit_moves_a_plan_between_finding_lists() {
    let f = Fixture::new("minimal");
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    let plan = f.root().join("content/plans/111/fix-bridge.yaml");
    assert!(listed(&f, "years/111/special-performance/index.html"));
    assert!(listed(
        &f,
        "years/111/challenge-slightly-challenging/index.html"
    ));
    assert!(!listed(&f, "years/111/challenge-challenging/index.html"));

    f.edit(
        "content/plans/111/fix-bridge.yaml",
        "special_performance: true",
        "special_performance: false",
    );
    f.edit(
        "content/plans/111/fix-bridge.yaml",
        "target_challenge: slightly_challenging",
        "target_challenge: challenging",
    );
    let r = s.update(std::slice::from_ref(&plan)).unwrap();
    assert!(!r.full);
    assert!(!listed(&f, "years/111/special-performance/index.html"));
    assert!(listed(&f, "years/111/challenge-challenging/index.html"));
    assert!(!listed(
        &f,
        "years/111/challenge-slightly-challenging/index.html"
    ));

    // every file as a full build of the same content makes it
    let fresh = f.dir.path().join("fresh");
    gongkai::build::build(f.root(), &fresh).unwrap();
    let (a, b) = (snapshot(&f.out()), snapshot(&fresh));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs from a full build");
    }
}
