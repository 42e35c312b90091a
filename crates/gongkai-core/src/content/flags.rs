//! The flags a record's facts raise ([`Flag`]): what a page gives a reason for, and what
//! `reasons:` in a record is keyed by.

use super::schema::{Facts, Flag, ReportKind};

/// Behind schedule, by quarter.
const BEHIND: [Flag; 4] = [
    Flag::BehindQ1,
    Flag::BehindQ2,
    Flag::BehindQ3,
    Flag::BehindQ4,
];
/// Spending below schedule, by quarter.
const SPENDING: [Flag; 4] = [
    Flag::SpendingQ1,
    Flag::SpendingQ2,
    Flag::SpendingQ3,
    Flag::SpendingQ4,
];
/// Late, in [`ReportKind`]'s order.
const LATE: [Flag; 6] = [
    Flag::LateWorkPlan,
    Flag::LateQ1,
    Flag::LateQ2,
    Flag::LateQ3,
    Flag::LateQ4,
    Flag::LateSelfEvaluation,
];
/// Returned, in [`ReportKind`]'s order.
const RETURNED: [Flag; 6] = [
    Flag::ReturnedWorkPlan,
    Flag::ReturnedQ1,
    Flag::ReturnedQ2,
    Flag::ReturnedQ3,
    Flag::ReturnedQ4,
    Flag::ReturnedSelfEvaluation,
];
/// Every report, in its declaration order (the index [`LATE`] and [`RETURNED`] use).
const REPORTS: [ReportKind; 6] = [
    ReportKind::WorkPlan,
    ReportKind::Q1,
    ReportKind::Q2,
    ReportKind::Q3,
    ReportKind::Q4,
    ReportKind::SelfEvaluation,
];

/// Below this cumulative execution rate (%), a quarter's spending is behind schedule.
pub const FULL_EXECUTION: f64 = 100.0;

/// Below this cumulative execution rate (%) in a quarter, spending is low.
pub const LOW_SPENDING: f64 = 90.0;

impl Flag {
    /// Behind schedule in quarter `q` (1–4; anything else is none).
    pub fn behind(q: u8) -> Option<Flag> {
        BEHIND.get(usize::from(q).checked_sub(1)?).copied()
    }

    /// Spending below schedule in quarter `q` (1–4).
    pub fn spending(q: u8) -> Option<Flag> {
        SPENDING.get(usize::from(q).checked_sub(1)?).copied()
    }

    /// Report `k` filed late.
    pub fn late(k: ReportKind) -> Flag {
        LATE[report_index(k)]
    }

    /// Report `k` returned for revision.
    pub fn returned(k: ReportKind) -> Flag {
        RETURNED[report_index(k)]
    }

    /// The quarter of a quarter's flag (behind or spending), 1–4.
    pub fn quarter(self) -> Option<u8> {
        let q = BEHIND.iter().chain(&SPENDING).position(|f| *f == self)?;
        Some(q as u8 % 4 + 1)
    }

    /// The report of a report's flag (late or returned).
    pub fn report(self) -> Option<ReportKind> {
        let k = LATE.iter().chain(&RETURNED).position(|f| *f == self)?;
        Some(REPORTS[k % 6])
    }

    /// Which review section (0 administration, 1 budget, 2 performance) states it.
    pub fn section(self) -> usize {
        if SPENDING.contains(&self) {
            1
        } else if self == Flag::SpecialPerformance {
            2
        } else {
            0
        }
    }
}

fn report_index(k: ReportKind) -> usize {
    REPORTS
        .iter()
        .position(|r| *r == k)
        .expect("every report is listed")
}

/// The flags `f` raises, in [`Flag`]'s order: each quarter behind schedule, each report late
/// or returned, each quarter spending below 100 %, the targets' challenge when the review
/// judges it (or says nothing of it: that is a finding too), special performance.
pub fn raised(f: &Facts) -> Vec<Flag> {
    let mut out: Vec<Flag> = f
        .lags
        .iter()
        .filter_map(|l| Flag::behind(l.quarter))
        .collect();
    out.extend(f.reports.late.iter().map(|l| Flag::late(l.report)));
    out.extend(f.reports.returned.iter().map(|r| Flag::returned(r.report)));
    out.extend(
        (1..=4u8)
            .zip(f.budget_execution)
            .filter(|(_, v)| *v < FULL_EXECUTION)
            .filter_map(|(q, _)| Flag::spending(q)),
    );
    out.push(Flag::Challenge);
    if f.special_performance {
        out.push(Flag::SpecialPerformance);
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flag_knows_its_quarter_or_report() {
        for q in 1..=4u8 {
            assert_eq!(Flag::behind(q).unwrap().quarter(), Some(q));
            assert_eq!(Flag::spending(q).unwrap().quarter(), Some(q));
        }
        assert_eq!(Flag::behind(0), None);
        assert_eq!(Flag::behind(5), None);
        for k in REPORTS {
            assert_eq!(Flag::late(k).report(), Some(k));
            assert_eq!(Flag::returned(k).report(), Some(k));
            assert_eq!(Flag::late(k).quarter(), None);
        }
        assert_eq!(Flag::Challenge.quarter(), None);
        assert_eq!(Flag::SpendingQ3.section(), 1);
        assert_eq!(Flag::SpecialPerformance.section(), 2);
        assert_eq!(Flag::LateQ2.section(), 0);
    }
}
