//! `gongkai import FILE --year N`: the ministry's review table (text exported from its PDF),
//! or the open-data CSV this site publishes, turned into one YAML record per plan.

use crate::content::schema::PlanFile;
use crate::error::{Diagnostic, Error, Result};
use crate::{import, opendata};
use std::path::{Path, PathBuf};

/// Imports `file` into `out` (default `root/content/plans/<year>`). Writes nothing if any line
/// could not be placed; never overwrites a record unless `force`.
pub fn run(
    root: &Path,
    file: &Path,
    year: u32,
    out: Option<PathBuf>,
    force: bool,
) -> Result<Vec<PathBuf>> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let ext = |x: &str| file.extension().is_some_and(|e| e.eq_ignore_ascii_case(x));
    let records: Vec<PlanFile> = if ext("csv") || ext("ods") {
        let read = if ext("ods") {
            crate::opendata_ods::from_ods
        } else {
            opendata::from_csv
        };
        let all =
            read(&bytes).map_err(|e| Error::Invalid(vec![Diagnostic::new(file, e.to_string())]))?;
        all.into_iter().filter(|r| r.year == year).collect()
    } else {
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::Invalid(vec![Diagnostic::new(file, "not UTF-8 text")]))?;
        let agencies = super::agencies(root)?;
        let outcome = import::parse_table(&text, year, &agencies);
        if !outcome.problems.is_empty() {
            return Err(Error::Invalid(
                outcome
                    .problems
                    .iter()
                    .map(|p| Diagnostic::new(file, &p.message).at(Some(p.line)))
                    .collect(),
            ));
        }
        outcome.records
    };
    if records.is_empty() {
        return Err(Error::Invalid(vec![Diagnostic::new(
            file,
            format!("no records for year {year}"),
        )]));
    }
    let out = out.unwrap_or_else(|| root.join("content/plans").join(year.to_string()));
    import::write_records(&records, &out, force).map_err(|e| Error::Other(e.to_string()))
}
