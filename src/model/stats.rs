//! Figures for a set of plans: the year at a glance, an agency's record.

use super::Plan;
use serde::Serialize;

/// Aggregate figures over some plans.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    /// Number of plans.
    pub plans: usize,
    /// Number of distinct agencies.
    pub agencies: usize,
    /// Plans behind schedule in Q1..Q4.
    pub lagging_by_quarter: [usize; 4],
    /// Plans behind schedule in at least one quarter.
    pub lagging: usize,
    /// Mean cumulative budget execution in Q1..Q4, rounded to 2 decimals.
    pub mean_execution: [f64; 4],
    /// Plans that spent their whole budget by Q4 (100 %).
    pub fully_executed: usize,
    /// Plans with at least one report late.
    pub late_reports: usize,
    /// Plans with a report returned for revision.
    pub returned_reports: usize,
    /// Plans with special performance beyond their targets.
    pub special_performance: usize,
}

/// Figures for `plans`.
pub fn stats<'a>(plans: impl IntoIterator<Item = &'a Plan>) -> Stats {
    let mut s = Stats {
        plans: 0,
        agencies: 0,
        lagging_by_quarter: [0; 4],
        lagging: 0,
        mean_execution: [0.0; 4],
        fully_executed: 0,
        late_reports: 0,
        returned_reports: 0,
        special_performance: 0,
    };
    let mut agencies = std::collections::BTreeSet::new();
    let mut sums = [0.0; 4];
    for p in plans {
        let f = &p.record.facts;
        s.plans += 1;
        agencies.insert(p.agency);
        for lag in &f.lags {
            if (1..=4).contains(&lag.quarter) {
                s.lagging_by_quarter[lag.quarter as usize - 1] += 1;
            }
        }
        s.lagging += usize::from(!f.lags.is_empty());
        for (sum, x) in sums.iter_mut().zip(f.budget_execution) {
            *sum += x;
        }
        s.fully_executed += usize::from(f.budget_execution[3] >= 100.0);
        s.late_reports += usize::from(!f.reports.late.is_empty());
        s.returned_reports += usize::from(!f.reports.returned.is_empty());
        s.special_performance += usize::from(f.special_performance);
    }
    s.agencies = agencies.len();
    if s.plans > 0 {
        for (m, sum) in s.mean_execution.iter_mut().zip(sums) {
            *m = (sum / s.plans as f64 * 100.0).round() / 100.0;
        }
    }
    s
}
