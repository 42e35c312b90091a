//! A query's filters held to the site: an unknown agency or status is named, with the ones
//! there are.

use crate::error::{Error, Result};
use gongkai_search::{status, Query, SearchIndex};

/// An unknown agency or year is a mistake to report, not an empty result.
pub fn check_filters(index: &SearchIndex, q: &Query) -> Result<()> {
    if let Some(a) = &q.filters.agency {
        if !index.agency_slugs.contains(a) {
            return Err(Error::Usage(crate::content::suggest::unknown_agency(
                a,
                &index.agency_slugs,
            )));
        }
    }
    if let Some(s) = &q.filters.status {
        if status::index_of(s).is_none() {
            let keys: Vec<&str> = status::STATUSES.iter().map(|st| st.key).collect();
            let keys = keys.join(", ");
            return Err(Error::Usage(crate::msg!(
                "unknown status {s:?}; the statuses are: {keys}",
                "沒有 {s:?} 這個狀態；可用的狀態有：{keys}"
            )));
        }
    }
    Ok(())
}
