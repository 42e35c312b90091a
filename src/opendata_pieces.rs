//! Each plan's pieces of the open data (its CSV row, its row of the ODS sheet and its JSON
//! object), kept between `serve`'s rebuilds; [`crate::opendata_files`] writes the files made
//! of them.

use crate::content::schema::AgenciesFile;
use crate::opendata::csv_row;

/// How a build writes the open data.
#[derive(Debug, Default)]
pub struct Writing {
    /// Each plan's pieces of the files.
    pub pieces: Pieces,
    /// How tightly the ODS sheets are packed.
    pub packing: crate::opendata_ods::Packing,
}

/// Each plan's row of the CSV downloads and of the ODS sheets, and its object of the JSON
/// ones, kept between `serve`'s rebuilds (dropped when the plan changes), so that an edit
/// makes its year's files and the all-years files again from the other plans' kept pieces; a
/// one-off build keeps nothing (at 100,000 plans the pieces are gigabytes) and makes each
/// piece as it is written.
#[derive(Debug, Default)]
pub struct Pieces {
    /// (year, id) → the plan's CSV row ([`csv_row`]).
    csv: Kept,
    /// (year, id) → the plan's JSON object ([`crate::opendata_json::json_plan`]).
    json: Kept,
    /// (year, id) → the plan's row of the ODS sheet ([`crate::opendata_ods::ods_row`]).
    ods: Kept,
    /// Set for a one-off build: nothing is kept.
    transient: bool,
}

/// Pieces of one kind, by (year, id).
type Kept = std::sync::Mutex<PieceMap>;

/// (year, id) → a plan's piece.
type PieceMap = std::collections::HashMap<(u32, String), std::sync::Arc<[u8]>>;

impl Pieces {
    /// Pieces that are never kept, for builds not followed by incremental ones.
    pub fn transient() -> Self {
        Pieces {
            transient: true,
            ..Pieces::default()
        }
    }

    /// Drops the pieces of plan `id`, in every year.
    pub fn forget(&self, id: &str) {
        for kept in [&self.csv, &self.json, &self.ods] {
            lock(kept).retain(|(_, i), _| i != id);
        }
    }

    /// The CSV row of `plan`.
    pub fn csv(&self, plan: &crate::model::Plan, agencies: &AgenciesFile) -> std::sync::Arc<[u8]> {
        self.get(&self.csv, plan, || csv_row(plan, agencies))
    }

    /// The JSON object of `plan`.
    pub fn json(&self, plan: &crate::model::Plan, agencies: &AgenciesFile) -> std::sync::Arc<[u8]> {
        self.get(&self.json, plan, || {
            crate::opendata_json::json_plan(plan, agencies)
        })
    }

    /// The row of the ODS sheet of `plan`, whose CSV row is `csv`.
    pub fn ods(&self, plan: &crate::model::Plan, csv: &[u8]) -> std::sync::Arc<[u8]> {
        self.get(&self.ods, plan, || {
            crate::opendata_ods::ods_row(csv).into_bytes()
        })
    }

    /// The kept piece of `plan`, or one made now (and kept unless the pieces are transient).
    fn get(
        &self,
        kept: &Kept,
        plan: &crate::model::Plan,
        make: impl FnOnce() -> Vec<u8>,
    ) -> std::sync::Arc<[u8]> {
        if self.transient {
            return make().into();
        }
        let key = (plan.record.year, plan.record.id.clone());
        if let Some(piece) = lock(kept).get(&key) {
            return piece.clone();
        }
        let piece: std::sync::Arc<[u8]> = make().into();
        lock(kept).insert(key, piece.clone());
        piece
    }
}

/// A map of kept pieces; a panic elsewhere while holding it leaves the map whole.
fn lock(kept: &Kept) -> std::sync::MutexGuard<'_, PieceMap> {
    kept.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
