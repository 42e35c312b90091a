//! The review's facts as search filters: a plan fell behind schedule, filed a report late,
//! had a report returned, set challenging targets (or slightly challenging ones, or ones no
//! more challenging than the year before), achieved beyond its targets. Each is a
//! filter beside agency and year (with counts, in the URL as `status=`), and a query naming
//! one (落後, 逾期, behind schedule, late …) puts the plans that have it first: the words
//! alone would rank 「未有落後」 and "did not fall behind" as high as a real delay.

use super::tokenize::{self, Token};
use crate::content::schema::{Challenge, Facts, ReportKind};

/// The statuses: key (in URLs and the manifest) and the query words that name it (either
/// language; matched on whole characters and words, like synonyms).
pub const STATUSES: [(&str, &[&str]); 7] = [
    (
        "behind",
        &[
            "落後",
            "進度落後",
            "behind schedule",
            "behind",
            "fell behind",
            "lag",
            "lagged",
            "lagging",
            "delay",
            "delayed",
            "delays",
            "延宕",
            "延誤",
            "進度延遲",
            "falling behind",
            "fall behind",
            "falls behind",
            "behind time",
        ],
    ),
    (
        "late",
        &[
            "逾期",
            "遲交",
            "晚交",
            "遲延",
            "逾期提送",
            "逾期提報",
            "延遲提報",
            "late",
            "overdue",
            "past due",
            "after the deadline",
            "after deadline",
            "past the deadline",
            "missed the deadline",
            "missed deadline",
        ],
    ),
    (
        "returned",
        &[
            "退回",
            "退件",
            "退回修訂",
            "退回修正",
            "returned",
            "sent back",
            "returned for revision",
            "sent back for revision",
        ],
    ),
    (
        "challenging",
        &["挑戰", "挑戰性", "具挑戰性", "challenging", "challenge"],
    ),
    ("special", &["特殊績效", "special performance"]),
    (
        "slightly",
        &[
            "略具挑戰性",
            "略具挑戰",
            "略有挑戰性",
            "略有挑戰",
            "稍具挑戰性",
            "slightly challenging",
            "somewhat challenging",
        ],
    ),
    (
        "unchallenging",
        &[
            "無顯著挑戰性",
            "無顯著挑戰",
            "無挑戰性",
            "不具挑戰性",
            "沒有挑戰性",
            "缺乏挑戰性",
            "not challenging",
            "not significantly challenging",
            "not significantly more challenging",
            "unchallenging",
        ],
    ),
];

/// The statuses a plan's facts have, one bit per [`STATUSES`] entry.
pub fn flags(facts: &Facts) -> u8 {
    let has = [
        !facts.lags.is_empty(),
        !facts.reports.late.is_empty(),
        !facts.reports.returned.is_empty(),
        matches!(facts.target_challenge, Challenge::Challenging),
        facts.special_performance,
        matches!(
            facts.target_challenge,
            Challenge::SlightlyChallenging | Challenge::Mixed
        ),
        matches!(
            facts.target_challenge,
            Challenge::NotSignificant | Challenge::Mixed
        ),
    ];
    has.iter()
        .enumerate()
        .fold(0, |f, (i, &b)| if b { f | 1 << i } else { f })
}

/// The statuses a quarter qualifies: the first three of [`STATUSES`] (behind schedule, a
/// report late, a report returned), which the facts give per quarter.
pub const QUARTERLY: usize = 3;

/// The quarters each [`QUARTERLY`] status falls in: bit `4 · s + q − 1` for status `s` in
/// quarter `q` (a work plan or a self-evaluation is of no quarter). A query naming a status
/// and a quarter (第 2 季落後, "Q2 behind schedule") asks for that quarter.
pub fn quarters(facts: &Facts) -> u16 {
    let quarter = |r: &ReportKind| match r {
        ReportKind::Q1 => Some(1),
        ReportKind::Q2 => Some(2),
        ReportKind::Q3 => Some(3),
        ReportKind::Q4 => Some(4),
        ReportKind::WorkPlan | ReportKind::SelfEvaluation => None,
    };
    let behind = facts.lags.iter().map(|l| (0, Some(l.quarter)));
    let late = facts.reports.late.iter().map(|r| (1, quarter(&r.report)));
    let returned = facts
        .reports
        .returned
        .iter()
        .map(|r| (2, quarter(&r.report)));
    behind
        .chain(late)
        .chain(returned)
        .filter_map(|(s, q)| q.filter(|q| (1..=4).contains(q)).map(|q| (s, q)))
        .fold(0, |bits, (s, q)| bits | 1 << (4 * s + u16::from(q) - 1))
}

/// The index of the status keyed `key`.
pub fn index_of(key: &str) -> Option<usize> {
    STATUSES.iter().position(|(k, _)| *k == key)
}

/// Each status's words as normalized units (what the manifest carries).
pub fn word_units() -> Vec<Vec<Vec<String>>> {
    STATUSES
        .iter()
        .map(|(_, words)| words.iter().map(|w| tokenize::unit_texts(w)).collect())
        .collect()
}

/// The statuses `query` names (indices into [`STATUSES`]), in order.
pub fn named(query: &str) -> Vec<usize> {
    let units: Vec<Token> = tokenize::units(tokenize::bounded(query).0);
    word_units()
        .iter()
        .enumerate()
        .filter(|(_, words)| {
            words.iter().any(|w| {
                (0..units.len()).any(|i| {
                    w.len() <= units.len() - i
                        && w.iter().enumerate().all(|(k, u)| {
                            units[i + k].text == *u
                                && units[i + k].position == units[i].position + k
                        })
                })
            })
        })
        .map(|(s, _)| s)
        .collect()
}

/// The keys of the statuses whose bits `mask` holds, in order.
pub fn keys(mask: u8) -> Vec<&'static str> {
    STATUSES
        .iter()
        .enumerate()
        .filter(|(s, _)| mask >> s & 1 == 1)
        .map(|(_, (k, _))| *k)
        .collect()
}

/// The bits of the statuses `query` names.
pub fn named_mask(query: &str) -> u8 {
    named(query).into_iter().fold(0, |m, s| m | 1 << s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_name_statuses() {
        assert_eq!(named("進度落後"), [0]);
        assert_eq!(named("Behind schedule"), [0]);
        assert_eq!(named("reports late"), [1]);
        assert_eq!(named("勞資爭議"), Vec::<usize>::new());
        // whole words only
        assert_eq!(named("latest"), Vec::<usize>::new());
        // the status's whole phrase, not its first word alone
        assert_eq!(named("returned for revision"), [2]);
        assert_eq!(named("report filed after the deadline"), [1]);
    }
}
