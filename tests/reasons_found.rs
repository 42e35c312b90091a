//! The reasons the reader finds in the real records: every flag a record's facts raise has
//! the reviewers' own sentences, each a part of the record's Chinese text as written, and an
//! English counterpart that is a part of its English text.

use gongkai::content::flags::raised;
use gongkai::content::schema::{Flag, PlanFile};
use gongkai::model::reasons::{of, Paragraphs};

fn records() -> Vec<PlanFile> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/plans/111");
    let mut v: Vec<PlanFile> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            serde_yaml::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap()
        })
        .collect();
    v.sort_by_key(|r| r.item);
    v
}

/// The words of a record's reason for `flag`, in Chinese, every quote joined.
fn said(r: &PlanFile, flag: Flag) -> String {
    let p = Paragraphs::of(r);
    of(r)
        .iter()
        .filter(|x| x.flag == flag)
        .flat_map(|x| x.quotes.iter().map(|q| p.zh(&q.zh).to_string()))
        .collect()
}

#[test]
fn every_flag_of_every_record_has_the_reviewers_words_from_its_own_text() {
    for r in records() {
        let p = Paragraphs::of(&r);
        let reasons = of(&r);
        let flags: Vec<Flag> = reasons.iter().map(|x| x.flag).collect();
        assert_eq!(flags, raised(&r.facts), "item {}", r.item);
        let texts = r.review.sections().map(|(_, t)| t);
        for reason in &reasons {
            assert!(!reason.given && !reason.quotes.is_empty());
            for q in &reason.quotes {
                let zh = p.zh(&q.zh);
                assert!(zh.chars().count() > 4, "item {}: {zh:?}", r.item);
                assert!(texts[q.zh.section].zh.contains(zh), "item {}: {zh}", r.item);
                if let Some(en) = &q.en {
                    let en = p.en(en);
                    assert!(texts[q.zh.section].en.contains(en), "item {}: {en}", r.item);
                }
            }
        }
    }
}

#[test]
fn the_cause_the_reviewers_give_comes_with_its_flag() {
    let recs = records();
    let item = |n: u32| recs.iter().find(|r| r.item == n).unwrap();
    // item 2: Q3 spending at 60 %, and why
    let q3 = said(item(2), Flag::SpendingQ3);
    assert!(
        q3.contains("第 3 季 60%") && q3.contains("係因疫情影響"),
        "{q3}"
    );
    // item 19: some targets not more challenging, one with functions still to be accepted
    let challenge = said(item(19), Flag::Challenge);
    assert!(
        challenge.contains("略具挑戰性")
            && challenge.contains("無顯著挑戰性")
            && challenge.contains("尚有部分系統功能須加速審查驗收"),
        "{challenge}"
    );
    // item 18: the late report and the returned work plan, each its own sentence
    assert!(said(item(18), Flag::LateQ2).contains("逾期提送 5 日"));
    assert_eq!(
        said(item(18), Flag::ReturnedWorkPlan),
        "另作業計畫有退回修訂 1 次。"
    );
    // a plan spending its whole budget has no spending flag, so no words for one
    assert_eq!(said(item(3), Flag::SpendingQ4), "");
}

#[test]
fn the_english_of_each_real_reason_is_found() {
    // every real English text says the same numbers, sentence for sentence
    for r in records() {
        for reason in of(&r) {
            for q in &reason.quotes {
                assert!(q.en.is_some(), "item {} {:?}", r.item, reason.flag);
            }
        }
    }
}
