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

    /// The listing values of the plans `needed` lists (indices into `site.plans`; all when
    /// `None`); the others are left undefined.
    pub(super) fn values(
        &self,
        site: &Site,
        lang: Lang,
        s: &Strings,
        needed: Option<&[usize]>,
    ) -> Vec<Value> {
        let transient = self.transient.load(std::sync::atomic::Ordering::Relaxed);
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
