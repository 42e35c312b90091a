//! Findings: the facts a reader asks about ("which plans fell behind schedule?"), each a
//! predicate over a record's `facts`. Every count shown on the site, every list page of
//! plans and every finding search filters by comes from [`Finding::holds`], so a number, its
//! list and a search cannot disagree.

use super::flags::{raised, FULL_EXECUTION, LOW_SPENDING};
use super::schema::{Challenge, Facts, Flag};

/// One question about a year's plans, answered by a list page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    /// Behind schedule in at least one quarter.
    Behind,
    /// Behind schedule in quarter 1..=4.
    BehindIn(u8),
    /// At least one report filed late.
    Late,
    /// At least one report returned for revision.
    Returned,
    /// Annual targets judged at this level of challenge.
    Challenge(Challenge),
    /// All or some annual targets judged not significantly more challenging than the year
    /// before (「無顯著挑戰性」): not significant, or mixed.
    NotChallenging,
    /// Achievements beyond the annual targets.
    Special,
    /// Cumulative spending below [`LOW_SPENDING`] % of schedule in at least one quarter.
    LowSpending,
    /// Cumulative spending below 100 % at the year's end (Q4).
    YearEndShort,
}

/// Every challenge level, in the order the review grades them.
pub const CHALLENGES: [Challenge; 5] = [
    Challenge::Challenging,
    Challenge::SlightlyChallenging,
    Challenge::Mixed,
    Challenge::NotSignificant,
    Challenge::NotStated,
];

impl Finding {
    /// Every finding, in display order.
    pub fn all() -> Vec<Finding> {
        let mut v = vec![Finding::Behind];
        v.extend((1..=4).map(Finding::BehindIn));
        v.extend([
            Finding::LowSpending,
            Finding::YearEndShort,
            Finding::Late,
            Finding::Returned,
            Finding::Special,
            Finding::NotChallenging,
        ]);
        v.extend(CHALLENGES.into_iter().map(Finding::Challenge));
        v
    }

    /// The URL segment of its list page, and the stem of its interface strings.
    pub fn slug(self) -> String {
        match self {
            Finding::Behind => "behind-schedule".into(),
            Finding::BehindIn(q) => format!("behind-schedule-q{q}"),
            Finding::Late => "late-reports".into(),
            Finding::Returned => "returned-reports".into(),
            Finding::Special => "special-performance".into(),
            Finding::Challenge(c) => format!("challenge-{}", challenge_slug(c)),
            Finding::NotChallenging => "targets-not-more-challenging".into(),
            Finding::LowSpending => "spending-below-90".into(),
            Finding::YearEndShort => "year-end-spending-below-100".into(),
        }
    }

    /// Whether a record's facts show this finding.
    pub fn holds(self, f: &Facts) -> bool {
        match self {
            Finding::Behind => !f.lags.is_empty(),
            Finding::BehindIn(q) => f.lags.iter().any(|l| l.quarter == q),
            Finding::Late => !f.reports.late.is_empty(),
            Finding::Returned => !f.reports.returned.is_empty(),
            Finding::Special => f.special_performance,
            Finding::Challenge(c) => f.target_challenge == c,
            Finding::NotChallenging => matches!(
                f.target_challenge,
                Challenge::NotSignificant | Challenge::Mixed
            ),
            Finding::LowSpending => f.budget_execution.iter().any(|v| *v < LOW_SPENDING),
            Finding::YearEndShort => f.budget_execution[3] < FULL_EXECUTION,
        }
    }

    /// The flags of a record's facts this finding is about, whose reasons say why it holds
    /// (none when it does not): each quarter behind, each report late or returned, each
    /// quarter of low spending, the targets' challenge, special performance.
    pub fn flags(self, f: &Facts) -> Vec<Flag> {
        if !self.holds(f) {
            return vec![];
        }
        let low = |q: u8| f.budget_execution[usize::from(q) - 1] < LOW_SPENDING;
        raised(f)
            .into_iter()
            .filter(|&flag| match self {
                Finding::Behind => flag.section() == 0 && flag.quarter().is_some(),
                Finding::BehindIn(q) => Flag::behind(q) == Some(flag),
                Finding::Late | Finding::Returned => {
                    let report = flag.report();
                    report.is_some_and(|k| match self {
                        Finding::Late => Flag::late(k) == flag,
                        _ => Flag::returned(k) == flag,
                    })
                }
                Finding::Special => flag == Flag::SpecialPerformance,
                Finding::Challenge(_) | Finding::NotChallenging => flag == Flag::Challenge,
                Finding::LowSpending => flag.section() == 1 && flag.quarter().is_some_and(low),
                Finding::YearEndShort => flag == Flag::SpendingQ4,
            })
            .collect()
    }

    /// A finding's slug back to the finding.
    pub fn from_slug(slug: &str) -> Option<Finding> {
        Finding::all().into_iter().find(|f| f.slug() == slug)
    }
}

/// `challenging`, `slightly-challenging` …: the value's YAML name with hyphens.
pub fn challenge_slug(c: Challenge) -> &'static str {
    match c {
        Challenge::Challenging => "challenging",
        Challenge::SlightlyChallenging => "slightly-challenging",
        Challenge::Mixed => "mixed",
        Challenge::NotSignificant => "not-significant",
        Challenge::NotStated => "not-stated",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_finding_names_the_flags_behind_it() {
        let mut f: Facts = serde_yaml::from_str(
            "reports: {on_time: false, late: [{report: q2, days: 5}], returned: [{report: work_plan, times: 1}]}\n\
             lags: [{quarter: 3, percent: 0.21}]\ntarget_challenge: mixed\ntarget_clarity: quantitative\n\
             budget_execution: [100, 60, 99.5, 97]\nspecial_performance: true\n",
        )
        .unwrap();
        let flags = |x: Finding, f: &Facts| x.flags(f);
        assert_eq!(flags(Finding::Behind, &f), [Flag::BehindQ3]);
        assert_eq!(flags(Finding::BehindIn(3), &f), [Flag::BehindQ3]);
        assert_eq!(flags(Finding::BehindIn(2), &f), []);
        assert_eq!(flags(Finding::Late, &f), [Flag::LateQ2]);
        assert_eq!(flags(Finding::Returned, &f), [Flag::ReturnedWorkPlan]);
        assert_eq!(flags(Finding::LowSpending, &f), [Flag::SpendingQ2]);
        assert_eq!(flags(Finding::YearEndShort, &f), [Flag::SpendingQ4]);
        assert_eq!(flags(Finding::NotChallenging, &f), [Flag::Challenge]);
        assert_eq!(flags(Finding::Special, &f), [Flag::SpecialPerformance]);
        f.budget_execution = [100.0, 90.0, 100.0, 100.0];
        assert!(!Finding::LowSpending.holds(&f) && !Finding::YearEndShort.holds(&f));
        assert_eq!(flags(Finding::LowSpending, &f), []);
    }

    #[test]
    fn slugs_are_unique_and_read_back() {
        let all = Finding::all();
        let slugs: std::collections::BTreeSet<String> = all.iter().map(|f| f.slug()).collect();
        assert_eq!(slugs.len(), all.len());
        for f in all {
            assert_eq!(Finding::from_slug(&f.slug()), Some(f));
        }
    }
}
