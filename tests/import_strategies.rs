//! Proptest strategies for plan records, shared by the import and open-data tests
//! (included with `#[path]`; as a test target of its own it has no tests).
#![allow(dead_code)]

use gongkai::content::names::{names, parse};
use gongkai::content::schema::{
    Challenge, Clarity, Fact, Facts, Flag, Lag, LateReport, PlanFile, ReportKind, Reports,
    ReturnedReport, Review, Text,
};
use proptest::prelude::*;

/// Text that exercises YAML: Unicode, `:`, `#`, quotes, leading/trailing spaces, tabs, newlines.
fn nasty_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(String::new()),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just(": ".to_string()),
        Just(":".to_string()),
        Just(" #".to_string()),
        Just("#".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("- ".to_string()),
        Just("---".to_string()),
        Just("...".to_string()),
        Just("|".to_string()),
        Just(">".to_string()),
        Just("&a *b !c %d @e `f".to_string()),
        Just("[]{},".to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
        Just("~".to_string()),
        Just("0x1F".to_string()),
        Just("1e3".to_string()),
        Just("\u{85}\u{2028}\u{2029}\u{feff}\u{0}\u{1b}\u{7f}".to_string()),
        Just("勞動部取得自有辦公廳舍計畫".to_string()),
        Just("(一)111 年度第 2 季「執行情形」逾期提送 5 日。".to_string()),
        Just("1\\. 年度".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
        "\\PC{0,12}",
    ];
    proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn text() -> impl Strategy<Value = Text> {
    (nasty_text(), nasty_text()).prop_map(|(zh, en)| Text {
        zh,
        en,
        en_from: None,
    })
}

/// Any record, its texts' `en_from` (which the open data does not carry) set or not: as import
/// writes it (12 hex digits, which may all be digits) or anything.
pub fn plan_with_en_from() -> impl Strategy<Value = PlanFile> {
    let from = || {
        proptest::option::of(prop_oneof![
            "[0-9]{12}".prop_map(String::from),
            "[0-9a-f]{12}".prop_map(String::from),
            nasty_text(),
        ])
    };
    (plan(), [from(), from(), from(), from()]).prop_map(|(mut p, [a, b, c, d])| {
        p.name.en_from = a;
        p.review.administration.en_from = b;
        p.review.budget.en_from = c;
        p.review.performance.en_from = d;
        p
    })
}

fn kind() -> impl Strategy<Value = ReportKind> {
    prop_oneof![
        Just(ReportKind::WorkPlan),
        Just(ReportKind::Q1),
        Just(ReportKind::Q2),
        Just(ReportKind::Q3),
        Just(ReportKind::Q4),
        Just(ReportKind::SelfEvaluation),
    ]
}

fn fact() -> impl Strategy<Value = Fact> {
    prop_oneof![
        Just(Fact::Reports),
        Just(Fact::Lags),
        Just(Fact::TargetChallenge),
        Just(Fact::TargetClarity),
        Just(Fact::BudgetExecution),
        Just(Fact::SpecialPerformance),
    ]
}

/// Any flag.
fn flag() -> impl Strategy<Value = Flag> {
    let all: Vec<Flag> = names::<Flag>().iter().filter_map(|n| parse(n)).collect();
    proptest::sample::select(all)
}

/// Reasons for any flags, in any words (the English given or not).
fn reasons() -> impl Strategy<Value = std::collections::BTreeMap<Flag, Text>> {
    let en = prop_oneof![Just(String::new()), nasty_text()];
    let reason = (nasty_text(), en).prop_map(|(zh, en)| Text {
        zh,
        en,
        en_from: None,
    });
    proptest::collection::btree_map(flag(), reason, 0..3)
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
        (0u32..=10000).prop_map(|n| n as f64 / 100.0),
    ]
}

pub fn plan() -> impl Strategy<Value = PlanFile> {
    let facts = (
        any::<bool>(),
        proptest::collection::vec((kind(), any::<u32>()), 0..3),
        proptest::collection::vec((kind(), any::<u32>()), 0..3),
        proptest::collection::vec((any::<u8>(), finite()), 0..3),
        prop_oneof![
            Just(Challenge::Challenging),
            Just(Challenge::SlightlyChallenging),
            Just(Challenge::Mixed),
            Just(Challenge::NotSignificant),
            Just(Challenge::NotStated),
        ],
        prop_oneof![
            Just(Clarity::Quantitative),
            Just(Clarity::Qualitative),
            Just(Clarity::NotStated)
        ],
        [finite(), finite(), finite(), finite()],
        any::<bool>(),
    )
        .prop_map(
            |(
                on_time,
                late,
                returned,
                lags,
                target_challenge,
                target_clarity,
                budget_execution,
                special_performance,
            )| Facts {
                reports: Reports {
                    on_time,
                    late: late
                        .into_iter()
                        .map(|(report, days)| LateReport { report, days })
                        .collect(),
                    returned: returned
                        .into_iter()
                        .map(|(report, times)| ReturnedReport { report, times })
                        .collect(),
                },
                lags: lags
                    .into_iter()
                    .map(|(quarter, percent)| Lag { quarter, percent })
                    .collect(),
                target_challenge,
                target_clarity,
                budget_execution,
                special_performance,
            },
        );
    (
        nasty_text(),
        any::<u32>(),
        any::<u32>(),
        nasty_text(),
        text(),
        text(),
        text(),
        text(),
        facts,
        (proptest::collection::vec(fact(), 0..3), reasons()),
    )
        .prop_map(
            |(
                id,
                year,
                item,
                agency,
                name,
                administration,
                budget,
                performance,
                facts,
                (by_hand, reasons),
            )| {
                PlanFile {
                    id,
                    year,
                    item,
                    agency,
                    name,
                    review: Review {
                        administration,
                        budget,
                        performance,
                    },
                    facts,
                    facts_checked_by_hand: by_hand,
                    reasons,
                    // open data has no drafts; `import_yaml` makes drafts of these itself
                    draft: false,
                }
            },
        )
}
