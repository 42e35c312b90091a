//! Related terms (content/search/related.yaml): one way, at a lower weight than the word
//! itself, consulted when a query's own words are not all found; checked with their lines.

mod common;

use gongkai::model::{Lang, Site};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

use common::result_urls as urls;
use common::{ask, real_index as index};

#[test]
fn a_lay_word_finds_the_plans_of_its_record_words_and_not_back() {
    let zh = index(Lang::Zh);
    // 加班 is in no record: the plans on 工時 answer it, the working-time rules first
    let a = ask(&zh, "加班");
    assert_eq!(
        urls(&a).first().map(String::as_str),
        Some("/plans/111/mol-flexible-working-hours/")
    );
    assert!(a.missing.is_empty());
    // one way: 工時 finds what holds 工時, nothing more
    let plain = ask(&zh, "工時");
    let holding: usize = zh
        .docs
        .iter()
        .filter(|d| d.body.contains("工時") || d.title.contains("工時"))
        .count();
    assert_eq!(plain.total, holding);
    let en = index(Lang::En);
    let a = ask(&en, "annuity");
    assert!(a.total > 0, "{a:?}");
    assert!(urls(&a).iter().all(|u| {
        let d = en.docs.iter().find(|d| d.url == *u).unwrap();
        d.body.to_lowercase().contains("pension") || d.title.to_lowercase().contains("pension")
    }));
}

#[test]
fn a_record_word_itself_outranks_its_lay_word_expansion() {
    let zh = index(Lang::Zh);
    // 老闆 (no record says it) stands for 雇主; 欠薪 for 積欠工資墊償基金: the plan holding
    // the record words answers first
    let a = ask(&zh, "老闆欠薪");
    assert_eq!(
        urls(&a).first().map(String::as_str),
        Some("/plans/111/mol-wages-maternity-protection/")
    );
    // a query whose words are all found is not expanded: 工資 finds what says 工資
    let a = ask(&zh, "工資");
    assert!(urls(&a).iter().all(|u| {
        let d = zh.docs.iter().find(|d| d.url == *u).unwrap();
        d.body.contains("工資") || d.title.contains("工資")
    }));
}

#[test]
fn a_bad_related_terms_file_is_reported_with_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&Path::new(ROOT).join("tests/fixtures/minimal"), dir.path());
    std::fs::create_dir_all(dir.path().join("content/search")).unwrap();
    std::fs::write(
        dir.path().join("content/search/related.yaml"),
        "zh:\n  加班: [工時]\n  倒: [財務]\n  欠薪: []\n  工時: [工時]\nen:\n  overtime: [working time]\n  Overtime: [hours]\n",
    )
    .unwrap();
    let err = gongkai::content::load(dir.path()).unwrap_err();
    let text = err.to_string();
    for line in [3, 4, 5, 7] {
        assert!(
            text.contains(&format!("content/search/related.yaml:{line}")),
            "line {line}: {text}"
        );
    }
    // in Chinese too
    let gongkai::error::Error::Invalid(problems) = err else {
        panic!("{text}")
    };
    assert!(problems
        .iter()
        .all(|p| !p.message.zh.is_empty() && p.message.zh != p.message.en));
    // a good file builds
    std::fs::write(
        dir.path().join("content/search/related.yaml"),
        "zh:\n  加班: [工時]\nen:\n  overtime: [working time]\n",
    )
    .unwrap();
    let content = gongkai::content::load(dir.path()).unwrap();
    let site = Site::build(&content, Default::default());
    assert_eq!(site.related.zh.len(), 1);
}

#[test]
fn a_lay_word_no_record_says_weighs_as_much_through_its_related_terms() {
    // 歧視 is in no record: its related terms (平等, 平權) read it, and hold it as strongly as
    // 女性, which one plan holds in passing (women union officers), holds its own
    let zh = index(Lang::Zh);
    let a = ask(&zh, "女性升遷受歧視");
    assert_eq!(
        urls(&a).first().map(String::as_str),
        Some("/plans/111/mol-workplace-equality/")
    );
}

#[test]
fn a_lay_phrase_no_record_says_scores_as_much_through_its_related_terms() {
    // "minimum wage" is in no record: its related term (basic wage) reads it and scores it
    // in full, above the plan whose title holds "raise" in another sense (raising awareness)
    let en = index(Lang::En);
    let a = ask(&en, "minimum wage raise");
    assert_eq!(
        urls(&a).first().map(String::as_str),
        Some("/en/plans/111/mol-wages-maternity-protection/")
    );
}

#[test]
fn an_agency_a_related_term_names_is_not_one_the_query_names() {
    // 網路申辦 (no record says it) reads as 數位服務, 電子查驗 and 勞工保險局: the plan is
    // found, but the query did not name the bureau, so the page lists no agency above it
    let zh = index(Lang::Zh);
    let a = ask(&zh, "網路申辦");
    assert_eq!(urls(&a), ["/plans/111/bli-service-upgrade/"]);
    assert!(a.agencies.is_empty(), "{:?}", a.agencies);
    // naming it does
    let a = ask(&zh, "勞保局 網路申辦");
    assert_eq!(a.agencies.len(), 1);
    assert_eq!(a.agencies[0].slug, "bli");
}

#[test]
fn words_no_one_plan_holds_together_are_read_again_with_the_related_terms() {
    // "day" and "care" are each in some record, but no plan holds both: the lay phrase "day
    // care" then reads as the childcare the records say, not as a plan holding the two words
    // apart
    let en = index(Lang::En);
    let a = ask(&en, "day care");
    assert_eq!(urls(&a), ["/en/plans/111/mol-breastfeeding-childcare/"]);
}
