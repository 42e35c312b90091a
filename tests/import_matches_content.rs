//! Imported from the ministry's table, the 20 records of ROC 111 have exactly the Chinese
//! fields, the facts and the source pages of the published records in `content/plans/111/`.

use gongkai::content::schema::{AgenciesFile, PlanFile};
use std::collections::BTreeMap;
use std::path::Path;

fn published() -> BTreeMap<u32, PlanFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/plans/111");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            serde_yaml::from_str::<PlanFile>(&std::fs::read_to_string(e.unwrap().path()).unwrap())
                .unwrap()
        })
        .map(|r| (r.item, r))
        .collect()
}

#[test]
fn seed_imports_to_the_published_chinese_text_and_facts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = std::fs::read_to_string(
        root.join("tests/fixtures/import/mol-111-controlled-plan-review.txt"),
    )
    .unwrap();
    let agencies: AgenciesFile =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("content/agencies.yaml")).unwrap())
            .unwrap();
    let outcome = gongkai::import::parse_table(&table, 111, &agencies);
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let published = published();
    assert_eq!(outcome.records.len(), 20);
    assert_eq!(
        published.len(),
        20,
        "content/plans/111 should hold the 20 plans"
    );
    for r in &outcome.records {
        let p = &published[&r.item];
        let item = r.item;
        assert_eq!(r.agency, p.agency, "item {item}: agency");
        assert_eq!(r.name.zh, p.name.zh, "item {item}: name");
        assert_eq!(
            r.review.administration.zh, p.review.administration.zh,
            "item {item}: 一、行政作業"
        );
        assert_eq!(
            r.review.budget.zh, p.review.budget.zh,
            "item {item}: 二、經費運用"
        );
        assert_eq!(
            r.review.performance.zh, p.review.performance.zh,
            "item {item}: 三、特殊績效"
        );
        assert_eq!(r.facts, p.facts, "item {item}: facts");
        assert_eq!(r.source_page, p.source_page, "item {item}: source page");
    }
}
