//! Facts that agree with the text they come from: each record's facts are read again out of
//! its Chinese review text, by the reader `import` takes them with ([`crate::import::read_review`]),
//! and every fact the record gives otherwise is an error naming both values. A fact the reader
//! cannot take from a text staff have checked by hand is compared no more once the record lists
//! it under `facts_checked_by_hand`, and `check` lists each such fact as a warning.

use super::names::name_of;
use super::schema::{
    Challenge, Clarity, Fact, Facts, LateReport, PlanFile, ReportKind, ReturnedReport, PLACEHOLDER,
};
use super::Source;
use crate::error::Diagnostic;
use crate::import::read_review;

/// Two percentages written to two decimals are the same when closer than this.
const TOLERANCE: f64 = 0.005;

/// Every fact, in the order of the record.
const FACTS: [Fact; 6] = [
    Fact::Reports,
    Fact::Lags,
    Fact::TargetChallenge,
    Fact::TargetClarity,
    Fact::BudgetExecution,
    Fact::SpecialPerformance,
];

/// A disagreement: the field of the record, and what is wrong with it.
type Found = (String, String);

/// The record's facts compared with what its Chinese review text states; a fact listed in
/// `facts_checked_by_hand` is not compared, and is a warning.
pub fn facts_agree(p: &Source<PlanFile>, out: &mut Vec<Diagnostic>) {
    let v = &p.value;
    let reading = read_review(&v.review);
    for fact in FACTS {
        let section = section(fact);
        let text = &v.review.sections()[section].1.zh;
        if text.trim().is_empty() || text.contains(PLACEHOLDER) {
            continue; // the text is not written yet, which is reported already
        }
        if v.facts_checked_by_hand.contains(&fact) {
            continue;
        }
        let field = text_field(section);
        let unread: Vec<&String> = problems(&reading.problems, fact).collect();
        for m in &unread {
            out.push(p.problem(&field, not_understood(fact, m)));
        }
        if unread.is_empty() {
            for (field, message) in compare(fact, &v.facts, &reading.facts) {
                out.push(p.problem(&field, message));
            }
        }
    }
    for (i, &fact) in v.facts_checked_by_hand.iter().enumerate() {
        let name = name_of(&fact);
        let agrees = problems(&reading.problems, fact).next().is_none()
            && compare(fact, &v.facts, &reading.facts).is_empty();
        let message = if agrees {
            format!("facts.{name} is marked as checked by hand, but gongkai reads the same from the text: take {name} off this list, so that check compares it again")
        } else {
            format!("facts.{name} was checked against the text by hand, not by gongkai: check it again by hand whenever the text changes")
        };
        out.push(
            p.problem(&format!("facts_checked_by_hand[{i}]"), message)
                .as_warning(),
        );
    }
}

/// The reader's problems about `fact`.
fn problems(all: &[(Fact, String)], fact: Fact) -> impl Iterator<Item = &String> {
    all.iter().filter(move |(f, _)| *f == fact).map(|(_, m)| m)
}

/// The review section (0–2) a fact is read from.
fn section(fact: Fact) -> usize {
    match fact {
        Fact::BudgetExecution => 1,
        Fact::SpecialPerformance => 2,
        _ => 0,
    }
}

/// The field of section `k`'s Chinese text.
fn text_field(k: usize) -> String {
    let name = ["administration", "budget", "performance"][k];
    format!("review.{name}.zh")
}

/// What to do about a text gongkai cannot take `fact` from (`why`, the reader's words).
fn not_understood(fact: Fact, why: &str) -> String {
    let name = name_of(&fact);
    format!(
        "gongkai cannot check facts.{name} against this text: {why}. If the text was copied wrongly, correct it; if it is as published, check facts.{name} against it by hand and add {name} to facts_checked_by_hand"
    )
}

/// Where the record's facts (`here`) and the text's (`text`) differ about `fact`.
fn compare(fact: Fact, here: &Facts, text: &Facts) -> Vec<Found> {
    let mut out = Vec::new();
    match fact {
        Fact::Reports => reports(here, text, &mut out),
        Fact::Lags => lags(here, text, &mut out),
        Fact::TargetChallenge if here.target_challenge != text.target_challenge => out.push((
            "facts.target_challenge".into(),
            format!(
                "{} here, the text says {}",
                name_of(&here.target_challenge),
                challenge_said(text.target_challenge)
            ),
        )),
        Fact::TargetClarity if here.target_clarity != text.target_clarity => out.push((
            "facts.target_clarity".into(),
            format!(
                "{} here, the text says {}",
                name_of(&here.target_clarity),
                clarity_said(text.target_clarity)
            ),
        )),
        Fact::BudgetExecution => {
            let pairs = here.budget_execution.iter().zip(&text.budget_execution);
            for (i, (&a, &b)) in pairs.enumerate() {
                // a value outside 0–100 % is reported as such already
                if (0.0..=100.0).contains(&a) && !same(a, b) {
                    out.push((
                        format!("facts.budget_execution[{i}]"),
                        format!("{a} here, the text says {b} %"),
                    ));
                }
            }
        }
        Fact::SpecialPerformance if here.special_performance != text.special_performance => {
            let said = if text.special_performance {
                "true: it names achievements beyond the annual targets"
            } else {
                "false: the section is only the stock sentence 「特殊績效所列事項，同年度所設工作目標」"
            };
            out.push((
                "facts.special_performance".into(),
                format!("{} here, the text says {said}", here.special_performance),
            ));
        }
        _ => {}
    }
    out
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < TOLERANCE
}

/// A judgement of the targets' challenge, with the words of the text it comes from.
fn challenge_said(c: Challenge) -> String {
    let words = match c {
        Challenge::Challenging => "「具挑戰性」",
        Challenge::SlightlyChallenging => "「略具挑戰性」",
        Challenge::Mixed => "both 「略具挑戰性」 and 「無顯著挑戰性」",
        Challenge::NotSignificant => "「無顯著挑戰性」",
        Challenge::NotStated => "none of 「具挑戰性」, 「略具挑戰性」, 「無顯著挑戰性」",
    };
    format!("{} (it has {words})", name_of(&c))
}

/// A judgement of the targets' clarity, with the words of the text it comes from.
fn clarity_said(c: Clarity) -> String {
    match c {
        Clarity::Quantitative => "quantitative (it has 「採量化指標」)".into(),
        Clarity::NotStated => "not_stated (it does not have 「採量化指標」)".into(),
        other => name_of(&other).into(),
    }
}

/// Reports on time, late and returned.
fn reports(here: &Facts, text: &Facts, out: &mut Vec<Found>) {
    let (h, t) = (&here.reports, &text.reports);
    if h.on_time != t.on_time {
        let said = if t.on_time {
            "true: it says no report was late (「逾期」)"
        } else {
            "false: it says a report was late (「逾期」)"
        };
        out.push((
            "facts.reports.on_time".into(),
            format!("{} here, the text says {said}", h.on_time),
        ));
    }
    let late = |l: &[LateReport]| l.iter().map(|r| (r.report, r.days)).collect();
    let days = |n: u32| {
        if n == 1 {
            "1 day".into()
        } else {
            format!("{n} days")
        }
    };
    let late_by = |d: u32| format!("was late by {}", days(d));
    counted(
        ("facts.reports.late", "days"),
        ("was late", &late_by),
        late(&h.late),
        late(&t.late),
        out,
    );
    let returned = |l: &[ReturnedReport]| l.iter().map(|r| (r.report, r.times)).collect();
    let times = |n: u32| match n {
        1 => "once".into(),
        n => format!("{n} times"),
    };
    let returned_times = |n: u32| format!("was returned for revision {}", times(n));
    counted(
        ("facts.reports.returned", "times"),
        ("was returned for revision", &returned_times),
        returned(&h.returned),
        returned(&t.returned),
        out,
    );
}

/// Reports with a count (days late, times returned), here and in the text, listed at a field
/// whose count is in a field of its own (`("facts.reports.late", "days")`); `said` is what
/// happened to a report, without and with its count.
fn counted(
    (field, count): (&str, &str),
    said: (&str, &dyn Fn(u32) -> String),
    here: Vec<(ReportKind, u32)>,
    mut text: Vec<(ReportKind, u32)>,
    out: &mut Vec<Found>,
) {
    let (happened, happened_n) = said;
    for (i, (report, n)) in here.into_iter().enumerate() {
        let name = name_of(&report);
        match text.iter().position(|(r, _)| *r == report) {
            Some(k) => {
                let (_, m) = text.remove(k);
                if m != n {
                    out.push((
                        format!("{field}[{i}].{count}"),
                        format!("{n} here, the text says {name} {}", happened_n(m)),
                    ));
                }
            }
            None => out.push((
                format!("{field}[{i}].report"),
                format!("{name} here, but the text does not say {name} {happened}"),
            )),
        }
    }
    for (report, m) in text {
        let name = name_of(&report);
        out.push((
            field.to_string(),
            format!(
                "the text says {name} {}, which is missing here",
                happened_n(m)
            ),
        ));
    }
}

/// Quarters behind schedule, matched by quarter.
fn lags(here: &Facts, text: &Facts, out: &mut Vec<Found>) {
    let mut said = text.lags.clone();
    for (i, lag) in here.lags.iter().enumerate() {
        if !(1..=4).contains(&lag.quarter) {
            continue; // reported as not a quarter already
        }
        match said.iter().position(|l| l.quarter == lag.quarter) {
            Some(k) => {
                let b = said.remove(k).percent;
                let a = lag.percent;
                if (0.0..=100.0).contains(&a) && !same(a, b) {
                    out.push((
                        format!("facts.lags[{i}].percent"),
                        format!("{a} here, the text says {b} % (quarter {})", lag.quarter),
                    ));
                }
            }
            None => out.push((
                format!("facts.lags[{i}].quarter"),
                format!(
                    "{} here, but the text gives no lag in quarter {}",
                    lag.quarter, lag.quarter
                ),
            )),
        }
    }
    for l in said {
        out.push((
            "facts.lags".into(),
            format!(
                "the text says quarter {} fell behind by {} %, which is missing here",
                l.quarter, l.percent
            ),
        ));
    }
}
