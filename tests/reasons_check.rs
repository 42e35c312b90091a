//! `check` holds the reasons a record gives (`reasons:`) to its text: each is for a flag its
//! facts raise, and its Chinese (and English, when given) is a part of the review's text; a
//! flag with no sentence found or given is a warning. Every message names file, line and
//! field, in English and in Chinese.

mod common;
use common::*;

const BRIDGE: &str = "content/plans/111/fix-bridge.yaml";

/// The fixture with a budget text the reader cannot take the quarters' rates from (so it
/// finds no sentence for Q1's spending below 100 % either), its budget checked by hand.
fn by_hand() -> Fixture {
    let f = Fixture::new("minimal");
    f.edit(
        BRIDGE,
        "年累計支用比第 1 季 80%，餘均達 100%。",
        "年累計支用比第一季為八成，其餘各季均已支用完畢。",
    );
    f.edit(
        BRIDGE,
        "  special_performance: true\n",
        "  special_performance: true\nfacts_checked_by_hand: [budget_execution]\n",
    );
    f
}

/// `by_hand` with `reasons:` as given.
fn with_reasons(yaml: &str) -> Fixture {
    let f = by_hand();
    f.edit(
        BRIDGE,
        "facts_checked_by_hand: [budget_execution]\n",
        &format!("facts_checked_by_hand: [budget_execution]\nreasons:\n{yaml}"),
    );
    f
}

fn check_in(lang: &str, f: &Fixture) -> (bool, String) {
    let out = cli_in(lang, &["check", "--root", f.root().to_str().unwrap()]);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_plain(&said);
    (out.status.success(), said)
}

#[test]
fn a_flag_without_words_is_a_warning_until_the_record_gives_them() {
    let f = by_hand();
    let (ok, said) = check_in("en", &f);
    assert!(ok, "{said}");
    assert!(
        said.contains("warning: content/plans/111/fix-bridge.yaml:36: field `facts.budget_execution`: gongkai finds no sentence of the text that states spending_q1"),
        "{said}"
    );
    let (_, said) = check_in("zh", &f);
    assert!(
        said.contains("fix-bridge.yaml:36：欄位 `facts.budget_execution`：gongkai 在內文中找不到敘明 spending_q1 的句子"),
        "{said}"
    );
    let f = with_reasons(
        "  spending_q1:\n    zh: 年累計支用比第一季為八成\n    en: Cumulative execution was 80% in Q1\n",
    );
    let (ok, said) = check_in("en", &f);
    assert!(ok, "{said}");
    assert!(!said.contains("spending_q1"), "{said}");
}

#[test]
fn words_not_in_the_text_and_a_flag_the_facts_do_not_raise_are_errors() {
    let f = with_reasons(
        "  spending_q1:\n    zh: 第 1 季支用 80%\n    en: Cumulative execution was 81% in Q1\n  behind_q4:\n    zh: 第 2 季落後 4.5%\n",
    );
    let (ok, said) = check_in("en", &f);
    assert!(!ok, "{said}");
    for want in [
        "fix-bridge.yaml:41: field `reasons.spending_q1.zh`: 「第 1 季支用 80%」 is not a part of the review's Chinese text",
        "fix-bridge.yaml:42: field `reasons.spending_q1.en`: 「Cumulative execution was 81% in Q1」 is not a part of the review's English text",
        "fix-bridge.yaml:43: field `reasons.behind_q4`: the facts do not say behind_q4",
    ] {
        assert!(said.contains(want), "{want:?} not in {said}");
    }
    assert!(said.contains("3 problems found"), "{said}");
    let (ok, said) = check_in("zh", &f);
    assert!(!ok);
    for want in [
        "fix-bridge.yaml:41",
        "「第 1 季支用 80%」不在複核結果的中文內文中",
        "「Cumulative execution was 81% in Q1」不在複核結果的英文內文中",
        "事實中沒有 behind_q4 這項情形",
    ] {
        assert!(said.contains(want), "{want:?} not in {said}");
    }
}

#[test]
fn the_real_site_needs_no_reason_given() {
    // every flag of the real records is found by the reader: check has nothing to say of one
    let f = Fixture::real();
    let (ok, said) = run_in(&f, &["check", "--strict"]);
    assert!(ok && !said.contains("reasons"), "{said}");
}
