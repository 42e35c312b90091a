//! `to_yaml` round-trips any record; `write_records` never overwrites by accident.

use gongkai::content::schema::{Challenge, Clarity, Facts, PlanFile, Reports, Review, Text};
use gongkai::import::{to_yaml, write_records, ImportError};
use proptest::prelude::*;

#[path = "import_strategies.rs"]
mod strategies;
use strategies::plan_with_en_from;

fn same(a: &PlanFile, b: &PlanFile) -> bool {
    // PlanFile does not derive PartialEq; compare every field through JSON values.
    serde_json::to_value(a).unwrap() == serde_json::to_value(b).unwrap()
}

fn round_trip(r: &PlanFile) -> PlanFile {
    let y = to_yaml(r);
    serde_yaml::from_str(&y).unwrap_or_else(|e| panic!("{e}\n---\n{y}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn to_yaml_round_trips(mut r in plan_with_en_from(), draft in any::<bool>()) {
        r.draft = draft;
        let back = round_trip(&r);
        prop_assert!(same(&r, &back), "{}", to_yaml(&r));
    }
}

fn sample() -> PlanFile {
    let t = |zh: &str| Text {
        zh: zh.into(),
        en: String::new(),
        en_from: None,
    };
    PlanFile {
        id: "p111-1".into(),
        year: 111,
        item: 1,
        agency: "secretariat".into(),
        name: t("計畫"),
        review: Review {
            administration: t("(一)如期。\n\n(二)未有落後情形。\n"),
            budget: t("進度均達 100%。\n"),
            performance: t("特殊績效所列事項，同年度所設工作目標。\n"),
        },
        facts: Facts {
            reports: Reports {
                on_time: true,
                late: vec![],
                returned: vec![],
            },
            lags: vec![],
            target_challenge: Challenge::NotStated,
            target_clarity: Clarity::Quantitative,
            budget_execution: [100.0; 4],
            special_performance: false,
        },
        facts_checked_by_hand: vec![],
        reasons: Default::default(),
        draft: false,
    }
}

#[test]
fn layout_matches_the_hand_written_records() {
    let y = to_yaml(&sample());
    let expected = "\
# 111 年度部會管制個案計畫評核 — 項次 1
id: p111-1
year: 111
item: 1
agency: secretariat
name:
  zh: 計畫
  en: \"\" # TODO: translate
review:
  # 一、行政作業
  administration:
    zh: |
      (一)如期。

      (二)未有落後情形。
    en: \"\" # TODO: translate
  # 二、經費運用
  budget:
    zh: |
      進度均達 100%。
    en: \"\" # TODO: translate
  # 三、特殊績效
  performance:
    zh: |
      特殊績效所列事項，同年度所設工作目標。
    en: \"\" # TODO: translate
facts:
  reports:
    on_time: true
    late: []
    returned: []
  lags: []
  target_challenge: not_stated
  target_clarity: quantitative
  budget_execution: [100, 100, 100, 100]
  special_performance: false
";
    assert_eq!(y, expected);
}

#[test]
fn the_example_record_round_trips() {
    let text = std::fs::read_to_string("content/plans/111/mol-office-building.yaml").unwrap();
    let r: PlanFile = serde_yaml::from_str(&text).unwrap();
    let y = to_yaml(&r);
    assert!(same(&r, &round_trip(&r)));
    // Same layout as the hand-written file apart from the English texts' wrapping.
    assert!(y.contains("  budget_execution: [100, 100, 99.22, 100]\n"));
    assert!(y.contains("    late:\n      - report: q2\n        days: 5\n"));
    // numbered sentences keep their no-break space (plain text, not a Markdown list)
    assert!(y.contains("      1.\u{a0}Challenge of the annual targets"));
}

#[test]
fn write_records_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plans/111");
    let mut a = sample();
    let mut b = sample();
    b.id = "p111-2".into();
    b.item = 2;
    let paths = write_records(&[a.clone(), b.clone()], &out, false).unwrap();
    assert_eq!(
        paths,
        vec![out.join("p111-1.yaml"), out.join("p111-2.yaml")]
    );
    let written: PlanFile =
        serde_yaml::from_str(&std::fs::read_to_string(&paths[0]).unwrap()).unwrap();
    assert!(same(&written, &a));

    // A second import without force fails, names the file and writes nothing.
    a.name.zh = "改過的名稱".into();
    let mut c = sample();
    c.id = "p111-3".into();
    let err = write_records(&[c.clone(), a.clone()], &out, false).unwrap_err();
    assert!(
        matches!(&err, ImportError::Exists { path } if path == &out.join("p111-1.yaml")),
        "{err}"
    );
    assert!(err.to_string().contains("p111-1.yaml"));
    assert!(!out.join("p111-3.yaml").exists());
    assert!(std::fs::read_to_string(&paths[0])
        .unwrap()
        .contains("zh: 計畫\n"));

    // With force it overwrites.
    write_records(&[a.clone()], &out, true).unwrap();
    assert!(std::fs::read_to_string(&paths[0])
        .unwrap()
        .contains("改過的名稱"));
}

#[test]
fn write_records_rejects_bad_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = sample();
    a.id = "../escape".into();
    assert!(matches!(
        write_records(&[a], dir.path(), true),
        Err(ImportError::InvalidId { .. })
    ));
    let a = sample();
    assert!(matches!(
        write_records(&[a.clone(), a], dir.path(), true),
        Err(ImportError::DuplicateId { .. })
    ));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
