//! Findings: the facts a reader asks about ("which plans fell behind schedule?"), each a
//! predicate over a record's `facts`. Every count shown on the site and every list page of
//! plans comes from [`Finding::holds`], so a number and its list cannot disagree.

use crate::content::schema::{Challenge, Facts};
use crate::model::Site;

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
    /// Achievements beyond the annual targets.
    Special,
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
        v.extend([Finding::Late, Finding::Returned, Finding::Special]);
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
        }
    }

    /// The plans of `year` showing this finding (indices into `site.plans`, by item).
    pub fn plans(self, site: &Site, year: u32) -> Vec<usize> {
        site.years
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, idx)| {
                idx.iter()
                    .copied()
                    .filter(|&i| self.holds(&site.plans[i].record.facts))
                    .collect()
            })
            .unwrap_or_default()
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
    fn slugs_are_unique_and_read_back() {
        let all = Finding::all();
        let slugs: std::collections::BTreeSet<String> = all.iter().map(|f| f.slug()).collect();
        assert_eq!(slugs.len(), all.len());
        for f in all {
            assert_eq!(Finding::from_slug(&f.slug()), Some(f));
        }
    }
}
