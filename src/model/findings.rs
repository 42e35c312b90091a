//! The plans of a year each finding holds for ([`plans`]); the findings themselves, predicates
//! over a record's facts, are the layer below's ([`gongkai_core::content::findings`]),
//! re-exported here.

pub use gongkai_core::content::findings::*;

use crate::model::Site;

/// The plans of `year` showing `finding` (indices into `site.plans`, by item).
pub fn plans(finding: Finding, site: &Site, year: u32) -> Vec<usize> {
    site.years
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, idx)| {
            idx.iter()
                .copied()
                .filter(|&i| finding.holds(&site.plans[i].record.facts))
                .collect()
        })
        .unwrap_or_default()
}
