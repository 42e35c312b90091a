//! Facts that agree with the text they come from: each record's facts are read again out of
//! its Chinese review text, by the reader `import` takes them with ([`crate::reader::read_review`]),
//! and every fact the record gives otherwise is an error naming both values. A fact the reader
//! cannot take from a text staff have checked by hand is compared no more once the record lists
//! it under `facts_checked_by_hand`, and `check` lists each such fact as a warning.

use super::names::name_of;
use super::schema::{
    Challenge, Clarity, Fact, Facts, LateReport, PlanFile, ReportKind, ReturnedReport, PLACEHOLDER,
};
use super::Source;
use crate::error::{Diagnostic, Msg, Words};
use crate::msg;
use crate::reader::{Reading, CHALLENGE_WORDS, QUANTITATIVE_WORDS};

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
type Found = (String, Msg);

/// The record's facts compared with what its Chinese review text states; a fact listed in
/// `facts_checked_by_hand` is not compared, and is a warning.
/// `reading` is the reader's of the record's text ([`crate::reader::read_review`]).
pub fn facts_agree(p: &Source<PlanFile>, reading: &Reading, out: &mut Vec<Diagnostic>) {
    let v = &p.value;
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
        let unread: Vec<&Msg> = problems(&reading.problems, fact).collect();
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
            msg!(
                "facts.{name} is marked as checked by hand, but gongkai reads the same from the text: take {name} off this list, so that check compares it again",
                "facts.{name} 標為人工核對，但 gongkai 已能從內文讀出相同的值：請將 {name} 從這個清單移除，讓 check 再次自動比對"
            )
        } else {
            msg!(
                "facts.{name} was checked against the text by hand, not by gongkai: check it again by hand whenever the text changes",
                "facts.{name} 是人工與內文核對，而非由 gongkai 比對：內文每次修改後，請再以人工核對一次"
            )
        };
        out.push(
            p.problem(&format!("facts_checked_by_hand[{i}]"), message)
                .as_warning(),
        );
    }
}

/// The reader's problems about `fact`.
fn problems(all: &[(Fact, Msg)], fact: Fact) -> impl Iterator<Item = &Msg> {
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
    let name = super::schema::Review::KEYS[k];
    format!("review.{name}.zh")
}

/// What to do about a text gongkai cannot take `fact` from (`why`, the reader's words).
fn not_understood(fact: Fact, why: &Msg) -> Msg {
    let name = name_of(&fact);
    let (en, zh) = (&why.en, &why.zh);
    msg!(
        "gongkai cannot check facts.{name} against this text: {en}. If the text was copied wrongly, correct it; if it is as published, check facts.{name} against it by hand and add {name} to facts_checked_by_hand",
        "gongkai 無法將 facts.{name} 與這段內文比對：{zh}。若內文抄錯，請更正；若與原文相同，請以人工核對 facts.{name}，並將 {name} 加入 facts_checked_by_hand"
    )
}

/// What the text says of `special_performance`: true, then false.
const SPECIAL_PERFORMANCE: [Words; 2] = [
    Words::new(
        "true: it names achievements beyond the annual targets",
        "true：內文列出超出年度目標的成果",
    ),
    Words::new(
        "false: the section is only the stock sentence 「特殊績效所列事項，同年度所設工作目標」",
        "false：該段只有固定句「特殊績效所列事項，同年度所設工作目標」",
    ),
];

/// What the text says of `reports.on_time`: true, then false.
const ON_TIME: [Words; 2] = [
    Words::new(
        "true: it says no report was late (「逾期」)",
        "true：內文未提到報告「逾期」",
    ),
    Words::new(
        "false: it says a report was late (「逾期」)",
        "false：內文提到報告「逾期」",
    ),
];

/// `here`, the record's value, disagrees with `said`, what the text says.
fn differs(here: impl std::fmt::Display, said: &Msg) -> Msg {
    let (en, zh) = (&said.en, &said.zh);
    msg!(
        "{here} here, the text says {en}",
        "此處為 {here}，內文為 {zh}"
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
            differs(
                name_of(&here.target_challenge),
                &challenge_said(text.target_challenge),
            ),
        )),
        Fact::TargetClarity if here.target_clarity != text.target_clarity => out.push((
            "facts.target_clarity".into(),
            differs(
                name_of(&here.target_clarity),
                &clarity_said(text.target_clarity),
            ),
        )),
        Fact::BudgetExecution => {
            let pairs = here.budget_execution.iter().zip(&text.budget_execution);
            for (i, (&a, &b)) in pairs.enumerate() {
                // a value outside 0–100 % is reported as such already
                if (0.0..=100.0).contains(&a) && !same(a, b) {
                    out.push((
                        format!("facts.budget_execution[{i}]"),
                        differs(a, &msg!("{b} %", "{b} %")),
                    ));
                }
            }
        }
        Fact::SpecialPerformance if here.special_performance != text.special_performance => {
            let said: Msg = SPECIAL_PERFORMANCE[usize::from(!text.special_performance)].into();
            out.push((
                "facts.special_performance".into(),
                differs(here.special_performance, &said),
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
fn challenge_said(c: Challenge) -> Msg {
    let name = name_of(&c);
    let [yes, slightly, not] = CHALLENGE_WORDS.map(|w| format!("「{w}」"));
    let (en, zh) = match c {
        Challenge::Challenging => (yes.clone(), yes),
        Challenge::SlightlyChallenging => (slightly.clone(), slightly),
        Challenge::NotSignificant => (not.clone(), not),
        Challenge::Mixed => (
            format!("both {slightly} and {not}"),
            format!("{slightly}與{not}兩者"),
        ),
        Challenge::NotStated => (
            format!("none of {yes}, {slightly}, {not}"),
            format!("{yes}、{slightly}、{not}皆未出現"),
        ),
    };
    msg!("{name} (it has {en})", "{name}（內文寫的是{zh}）")
}

/// A judgement of the targets' clarity, with the words of the text it comes from.
fn clarity_said(c: Clarity) -> Msg {
    let q = QUANTITATIVE_WORDS;
    match c {
        Clarity::Quantitative => msg!(
            "quantitative (it has 「{q}」)",
            "quantitative（內文有「{q}」）"
        ),
        Clarity::NotStated => msg!(
            "not_stated (it does not have 「{q}」)",
            "not_stated（內文沒有「{q}」）"
        ),
        other => Msg::new(name_of(&other), name_of(&other)),
    }
}

/// Reports on time, late and returned.
fn reports(here: &Facts, text: &Facts, out: &mut Vec<Found>) {
    let (h, t) = (&here.reports, &text.reports);
    if h.on_time != t.on_time {
        let said: Msg = ON_TIME[usize::from(!t.on_time)].into();
        out.push(("facts.reports.on_time".into(), differs(h.on_time, &said)));
    }
    let late = |l: &[LateReport]| l.iter().map(|r| (r.report, r.days)).collect();
    LATE.compare(late(&h.late), late(&t.late), out);
    let returned = |l: &[ReturnedReport]| l.iter().map(|r| (r.report, r.times)).collect();
    RETURNED.compare(returned(&h.returned), returned(&t.returned), out);
}

/// Reports late, by how many days.
const LATE: Counted = Counted {
    field: "facts.reports.late",
    happened: Words::new("was late", "逾期"),
    unit: Unit::Days,
};

/// Reports returned for revision, by how many times.
const RETURNED: Counted = Counted {
    field: "facts.reports.returned",
    happened: Words::new("was returned for revision", "退回修正"),
    unit: Unit::Times,
};

/// Reports with a count (days late, times returned): the field listing them
/// (`facts.reports.late`), what happened to a report, and what its count counts.
struct Counted {
    field: &'static str,
    happened: Words,
    unit: Unit,
}

/// What a report's count counts.
#[derive(Clone, Copy)]
enum Unit {
    Days,
    Times,
}

impl Unit {
    /// The field of the count in a report's entry.
    fn field(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::Times => "times",
        }
    }

    /// A count of `n`, as it follows what happened: `by 3 days` (`3 天`), `once` (`1 次`).
    fn count(self, n: u32) -> Msg {
        match (self, n) {
            (Unit::Days, 1) => Msg::new("by 1 day", "1 天"),
            (Unit::Days, n) => msg!("by {n} days", "{n} 天"),
            (Unit::Times, 1) => Msg::new("once", "1 次"),
            (Unit::Times, n) => msg!("{n} times", "{n} 次"),
        }
    }
}

impl Counted {
    /// What happened to a report, with its count `n`: `was late by 3 days` (`逾期 3 天`).
    fn happened_n(&self, n: u32) -> Msg {
        let (happened, count) = (self.happened, self.unit.count(n));
        Msg::new(
            format!("{} {}", happened.en, count.en),
            format!("{} {}", happened.zh, count.zh),
        )
    }

    /// The reports of this kind here and in the text, compared.
    fn compare(
        &self,
        here: Vec<(ReportKind, u32)>,
        mut text: Vec<(ReportKind, u32)>,
        out: &mut Vec<Found>,
    ) {
        let Counted {
            field,
            happened,
            unit,
        } = self;
        let count = unit.field();
        for (i, (report, n)) in here.into_iter().enumerate() {
            let name = name_of(&report);
            match text.iter().position(|(r, _)| *r == report) {
                Some(k) => {
                    let (_, m) = text.remove(k);
                    if m != n {
                        let said = self.happened_n(m);
                        let (en, zh) = (&said.en, &said.zh);
                        out.push((
                            format!("{field}[{i}].{count}"),
                            msg!(
                                "{n} here, the text says {name} {en}",
                                "此處為 {n}，內文為 {name} {zh}"
                            ),
                        ));
                    }
                }
                None => out.push((format!("{field}[{i}].report"), {
                    let (en, zh) = (&happened.en, &happened.zh);
                    msg!(
                        "{name} here, but the text does not say {name} {en}",
                        "此處列了 {name}，但內文沒有提到 {name} {zh}"
                    )
                })),
            }
        }
        for (report, m) in text {
            let name = name_of(&report);
            let said = self.happened_n(m);
            let (en, zh) = (&said.en, &said.zh);
            out.push((
                field.to_string(),
                msg!(
                    "the text says {name} {en}, which is missing here",
                    "內文提到 {name} {zh}，此處卻沒有列出"
                ),
            ));
        }
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
                    out.push((format!("facts.lags[{i}].percent"), {
                        let q = lag.quarter;
                        msg!(
                            "{a} here, the text says {b} % (quarter {q})",
                            "此處為 {a}，內文為 {b} %（第 {q} 季）"
                        )
                    }));
                }
            }
            None => out.push((format!("facts.lags[{i}].quarter"), {
                let q = lag.quarter;
                msg!(
                    "{q} here, but the text gives no lag in quarter {q}",
                    "此處為 {q}，但內文沒有提到第 {q} 季落後"
                )
            })),
        }
    }
    for l in said {
        out.push(("facts.lags".into(), {
            let (q, x) = (l.quarter, l.percent);
            msg!(
                "the text says quarter {q} fell behind by {x} %, which is missing here",
                "內文提到第 {q} 季落後 {x} %，此處卻沒有列出"
            )
        }));
    }
}
