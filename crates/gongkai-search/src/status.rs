//! The review's facts as search filters: a plan fell behind schedule, filed a report late,
//! had a report returned, set challenging targets (or slightly challenging ones, or ones no
//! more challenging than the year before), achieved beyond its targets, had not spent its
//! whole budget by the year's end, spent little in some quarter. Each is a
//! filter beside agency and year (with counts, in the URL as `status=`), and a query naming
//! one (落後, 逾期, behind schedule, late …) puts the plans that have it first: the words
//! alone would rank 「未有落後」 and "did not fall behind" as high as a real delay.

use super::tokenize::{self, Token};
use crate::content::findings::Finding;
use crate::content::schema::{Challenge, Facts, ReportKind};

/// A review finding as search knows it: its key (in URLs and the manifest), the findings
/// a plan has it by (any of them, [`Finding::holds`]), the query words that name it and
/// those that name its absence (either language; matched on whole characters and words,
/// like synonyms).
#[derive(Debug, Clone, Copy)]
pub struct Status {
    /// The key.
    pub key: &'static str,
    /// The findings a plan has it by.
    pub findings: &'static [Finding],
    /// The words that name it.
    pub words: &'static [&'static str],
    /// Words naming its absence, as a negation of it does: "on schedule" and 進度正常 ask
    /// for plans that did not fall behind, "on time" and 如期 for those filing no report late.
    pub opposites: &'static [&'static str],
}

/// The statuses, in bit order.
pub const STATUSES: [Status; 9] = [
    Status {
        key: "behind",
        findings: &[Finding::Behind],
        words: &[
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
        opposites: &[
            "on schedule",
            "on track",
            "ahead of schedule",
            "按進度",
            "進度正常",
            "進度超前",
            "符合進度",
            "如期完成",
            "如期執行",
            "準時完成",
            "按時完成",
        ],
    },
    Status {
        key: "late",
        findings: &[Finding::Late],
        words: &[
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
        opposites: &[
            "on time",
            "in time",
            "before the deadline",
            "by the deadline",
            "如期",
            "如期提報",
            "如期提送",
            "準時",
            "按時",
            "準時提報",
            "按時提報",
        ],
    },
    Status {
        key: "returned",
        findings: &[Finding::Returned],
        words: &[
            "退回",
            "退件",
            "退回修訂",
            "退回修正",
            "returned",
            "sent back",
            "returned for revision",
            "sent back for revision",
        ],
        opposites: &[],
    },
    Status {
        key: "challenging",
        findings: &[Finding::Challenge(Challenge::Challenging)],
        words: &["挑戰", "挑戰性", "具挑戰性", "challenging", "challenge"],
        opposites: &[],
    },
    Status {
        key: "special",
        findings: &[Finding::Special],
        words: &[
            "特殊績效",
            "特殊表現",
            "special performance",
            "special achievement",
            "special achievements",
            "outstanding performance",
            "exceptional performance",
        ],
        opposites: &[],
    },
    Status {
        key: "slightly",
        findings: &[
            Finding::Challenge(Challenge::SlightlyChallenging),
            Finding::Challenge(Challenge::Mixed),
        ],
        words: &[
            "略具挑戰性",
            "略具挑戰",
            "略有挑戰性",
            "略有挑戰",
            "稍具挑戰性",
            "slightly challenging",
            "somewhat challenging",
        ],
        opposites: &[],
    },
    Status {
        key: "unchallenging",
        findings: &[Finding::NotChallenging],
        words: &[
            "無顯著挑戰性",
            "無顯著挑戰",
            "無挑戰性",
            "不具挑戰性",
            "沒有挑戰性",
            "缺乏挑戰性",
            "not challenging",
            "not significantly challenging",
            "not significantly more challenging",
            "not more challenging",
            "no more challenging",
            "not much more challenging",
            "not very challenging",
            "not harder",
            "no harder",
            "not much harder",
            "unchallenging",
        ],
        opposites: &[],
    },
    Status {
        key: "underspent",
        findings: &[Finding::YearEndShort],
        words: &[
            "未執行完",
            "沒執行完",
            "未執行完畢",
            "預算未用完",
            "預算沒用完",
            "錢沒花完",
            "沒花完",
            "未花完",
            "未用完",
            "經費剩餘",
            "剩餘經費",
            "執行率不足",
            "underspent",
            "underspend",
            "underspending",
            "unspent",
            "not fully spent",
            "not fully used",
            "not fully executed",
            "left unspent",
            "money left over",
        ],
        opposites: &[
            "fully spent",
            "spent in full",
            "fully used",
            "fully executed",
            "spent the full budget",
            "spent the whole budget",
            "預算用完",
            "經費用完",
        ],
    },
    Status {
        key: "low-spending",
        findings: &[Finding::LowSpending],
        words: &[
            "執行率偏低",
            "執行率低",
            "支用比偏低",
            "支用比低",
            "支用率偏低",
            "支用率低",
            "執行不佳",
            "low spending",
            "low budget execution",
            "low execution",
            "low execution rate",
            "slow spending",
            "poor budget execution",
        ],
        opposites: &[
            "high budget execution",
            "high execution rate",
            "執行率高",
            "支用比高",
        ],
    },
];

/// The statuses a plan's facts have, one bit per [`STATUSES`] entry.
pub fn flags(facts: &Facts) -> u16 {
    STATUSES.iter().enumerate().fold(0, |bits, (i, st)| {
        if st.findings.iter().any(|f| f.holds(facts)) {
            bits | 1 << i
        } else {
            bits
        }
    })
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
    STATUSES.iter().position(|st| st.key == key)
}

/// How the negation in a Chinese status word may be written: 沒 and 未 alike, and 沒有 for
/// either (錢沒有花完 is 錢沒花完, 未執行完 is 沒有執行完).
pub const NEGATION_FORMS: [&[&str]; 3] = [&["沒"], &["未"], &["沒", "有"]];

/// Each status's words as normalized units (what the manifest carries), each in every way
/// its negation may be written ([`NEGATION_FORMS`]), once.
pub fn word_units() -> Vec<Vec<Vec<String>>> {
    STATUSES
        .iter()
        .map(|st| {
            let mut words: Vec<Vec<String>> = Vec::new();
            for w in st
                .words
                .iter()
                .flat_map(|w| negation_forms(tokenize::unit_texts(w)))
            {
                if !words.contains(&w) {
                    words.push(w);
                }
            }
            words
        })
        .collect()
}

/// Each status's opposites as normalized units (what the manifest carries), in order.
pub fn opposite_units() -> Vec<Vec<Vec<String>>> {
    (STATUSES.iter())
        .map(|st| {
            st.opposites
                .iter()
                .map(|w| tokenize::unit_texts(w))
                .collect()
        })
        .collect()
}

/// `units` as listed, then with its first one-unit negation written each other way.
fn negation_forms(units: Vec<String>) -> Vec<Vec<String>> {
    let one = |u: &String| NEGATION_FORMS.iter().any(|f| f.len() == 1 && f[0] == u);
    let Some(k) = units.iter().position(one) else {
        return vec![units];
    };
    let form = |f: &[&str]| {
        let mid = f.iter().map(|u| u.to_string());
        units[..k]
            .iter()
            .cloned()
            .chain(mid)
            .chain(units[k + 1..].iter().cloned())
            .collect()
    };
    std::iter::once(units.clone())
        .chain(NEGATION_FORMS.iter().map(|f| form(f)))
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
pub fn keys(mask: u16) -> Vec<&'static str> {
    STATUSES
        .iter()
        .enumerate()
        .filter(|(s, _)| mask >> s & 1 == 1)
        .map(|(_, st)| st.key)
        .collect()
}

/// The bits of the statuses `query` names.
pub fn named_mask(query: &str) -> u16 {
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
        assert_eq!(named("budget left unspent"), [7]);
        assert_eq!(named("預算執行率偏低"), [8]);
    }

    #[test]
    fn a_status_negation_reads_in_each_of_its_forms() {
        // 沒 and 未 alike, and 沒有 for either
        for q in [
            "錢沒有花完",
            "預算沒有用完",
            "經費沒用完",
            "沒有執行完",
            "未執行完",
        ] {
            assert_eq!(named(q), [7], "{q}");
        }
        let underspent = &word_units()[7];
        let once: std::collections::HashSet<_> = underspent.iter().collect();
        assert_eq!(once.len(), underspent.len());
        assert!(underspent.contains(&vec!["沒".into(), "有".into(), "花".into(), "完".into()]));
    }
}
