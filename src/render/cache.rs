//! Plans' listing values, made once per plan and language and kept between `serve`'s
//! rebuilds.

use super::strings::Strings;
use super::views::plan_summary;
use crate::model::{Lang, Site};
use rayon::prelude::*;
use tera::Value;

/// Plans' listing values ([`views::PlanSummary`]), by language, year and id, kept between
/// rebuilds by `serve`. An entry must be dropped when its plan changes.
#[derive(Debug, Default)]
pub struct ValueCache {
    /// Plan id → (language, year) → value: looked up by `&str`, without allocating.
    values: std::sync::Mutex<PlanValues>,
    /// Set for a one-off build: nothing is kept (at 100,000 plans the values are gigabytes).
    transient: std::sync::atomic::AtomicBool,
}

type PlanValues = std::collections::HashMap<String, std::collections::HashMap<(Lang, u32), Value>>;

impl ValueCache {
    /// A cache that keeps nothing, for builds that are not followed by incremental ones.
    pub fn transient() -> Self {
        ValueCache {
            transient: true.into(),
            ..ValueCache::default()
        }
    }

    /// Forgets the values of plan `id` in every year and language.
    pub fn forget(&self, id: &str) {
        self.values.lock().expect("cache lock").remove(id);
    }

    /// Whether nothing is kept: a one-off build.
    pub(super) fn is_transient(&self) -> bool {
        self.transient.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The listing values of the plans `needed` lists (indices into `site.plans`; all when
    /// `None`); the others are left undefined.
    pub(super) fn values(
        &self,
        site: &Site,
        lang: Lang,
        s: &Strings,
        needed: Option<&[usize]>,
    ) -> Vec<Value> {
        let transient = self.is_transient();
        let mut known = self.values.lock().expect("cache lock");
        let cached = |i: usize| -> Option<Value> {
            let r = &site.plans[i].record;
            known.get(r.id.as_str())?.get(&(lang, r.year)).cloned()
        };
        let all: Vec<usize>;
        let needed = match needed {
            Some(n) => n,
            None => {
                all = (0..site.plans.len()).collect();
                &all
            }
        };
        // read under the lock (other threads only read it), made where missing
        let made: Vec<(usize, Value, bool)> = needed
            .par_iter()
            .map(|&i| match cached(i) {
                Some(v) => (i, v, false),
                None => (
                    i,
                    Value::from_serializable(&plan_summary(site, i, lang, s)),
                    true,
                ),
            })
            .collect();
        let mut values = vec![Value::undefined(); site.plans.len()];
        for (i, v, new) in made {
            if new && !transient {
                let r = &site.plans[i].record;
                known
                    .entry(r.id.clone())
                    .or_default()
                    .insert((lang, r.year), v.clone());
            }
            values[i] = v;
        }
        values
    }
}

/// Plans' listing values as a language's pages read them.
pub(super) enum Listing<'a> {
    /// Made up front: every plan's value, by index into `site.plans`.
    Made(Vec<Value>),
    /// Made up front for `plans` (sorted indices into `site.plans`): one year's, with each
    /// plan's row of the year's table when rendered ([`Listing::with_rows`]).
    Of {
        plans: &'a [usize],
        values: Vec<Value>,
        rows: Vec<Value>,
    },
    /// Made when a page asks, and held by that page only.
    OnDemand {
        site: &'a Site,
        lang: Lang,
        s: &'a Strings,
    },
}

impl<'a> Listing<'a> {
    /// The values of `plans` (sorted indices into `site.plans`), made on every core.
    pub(super) fn of(site: &Site, lang: Lang, s: &Strings, plans: &'a [usize]) -> Listing<'a> {
        let values = (plans.par_iter())
            .map(|&i| Value::from_serializable(&plan_summary(site, i, lang, s)))
            .collect();
        Listing::Of {
            plans,
            values,
            rows: Vec::new(),
        }
    }

    /// This listing with its plans' rows of a year's table, made by `row` from each value
    /// (on every core); only a year's listing ([`Listing::of`]) keeps them.
    pub(super) fn with_rows(
        self,
        row: impl Fn(&Value) -> crate::error::Result<Value> + Sync,
    ) -> crate::error::Result<Self> {
        match self {
            Listing::Of { plans, values, .. } => {
                let rows = values.par_iter().map(&row).collect::<Result<_, _>>()?;
                Ok(Listing::Of {
                    plans,
                    values,
                    rows,
                })
            }
            other => Ok(other),
        }
    }

    /// The rows of a year's table of the plans `idx`, when this listing has them.
    pub(super) fn rows(&self, idx: &[usize]) -> Option<Vec<Value>> {
        match self {
            Listing::Of { plans, rows, .. } if !rows.is_empty() => Some(
                idx.iter()
                    .map(|i| rows[Self::at(plans, *i)].clone())
                    .collect(),
            ),
            _ => None,
        }
    }

    /// Where plan `i` is in `plans`, the plans a year's listing was made for.
    fn at(plans: &[usize], i: usize) -> usize {
        plans
            .binary_search(&i)
            .expect("a page lists only the plans its values were made for")
    }

    /// The listing value of plan `i` (an index into `site.plans`).
    pub(super) fn value(&self, i: usize) -> Value {
        match self {
            Listing::Made(values) => values[i].clone(),
            Listing::Of { plans, values, .. } => values[Self::at(plans, i)].clone(),
            Listing::OnDemand { site, lang, s } => {
                Value::from_serializable(&plan_summary(site, i, *lang, s))
            }
        }
    }
}
