//! `gongkai import FILE --year N`: the ministry's review table (text exported from its PDF),
//! or the open-data CSV this site publishes, turned into one YAML record per plan.

use crate::content::files;
use crate::content::schema::PlanFile;
use crate::content::validate::{is_roc_year, ROC_YEARS};
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
    if !is_roc_year(year) {
        return Err(Error::Usage(format!(
            "--year {year} is not a ROC year ({}–{})",
            ROC_YEARS.start(),
            ROC_YEARS.end()
        )));
    }
    let bytes = read_input(file)?;
    let ext = |x: &str| file.extension().is_some_and(|e| e.eq_ignore_ascii_case(x));
    let records = if ext("csv") || ext("ods") {
        from_open_data(file, &bytes, ext("ods"), year)?
    } else {
        from_table(root, file, bytes, year)?
    };
    if records.is_empty() {
        return Err(Error::Invalid(vec![Diagnostic::new(
            file,
            format!("no records for year {year}"),
        )]));
    }
    let out = match out {
        Some(dir) => dir,
        None => plans_dir(root, year)?,
    };
    Ok(import::write_records(&records, &out, force)?)
}

/// The records of this site's open data (CSV, or ODS when `ods`), all of `year`: a row of
/// another year is not dropped silently, the whole import stops.
fn from_open_data(file: &Path, bytes: &[u8], ods: bool, year: u32) -> Result<Vec<PlanFile>> {
    let read = if ods {
        crate::opendata_ods::from_ods
    } else {
        opendata::from_csv
    };
    let all = read(bytes).map_err(|e| e.about(file))?;
    let other: Vec<Diagnostic> = all
        .iter()
        .enumerate()
        .filter(|(_, r)| r.year != year)
        .map(|(i, r)| {
            Diagnostic::new(
                file,
                format!(
                    "row {}: the plan is of year {}, not {year}; import each year's table with its own --year",
                    i + 2,
                    r.year
                ),
            )
            .field("year")
        })
        .collect();
    if !other.is_empty() {
        return Err(other.into());
    }
    // each plan's item number is its own: the row holding each (row 1 is the header)
    let mut rows = std::collections::HashMap::new();
    let twice: Vec<Diagnostic> = all
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let first = rows.insert(r.item, i + 2)?;
            rows.insert(r.item, first);
            Some(
                Diagnostic::new(
                    file,
                    format!(
                        "row {}: item {} of year {year} is also on row {first}: each plan needs its own item number",
                        i + 2,
                        r.item
                    ),
                )
                .field("item"),
            )
        })
        .collect();
    if !twice.is_empty() {
        return Err(twice.into());
    }
    Ok(all)
}

/// The records of the ministry's review table, every line placed.
fn from_table(root: &Path, file: &Path, bytes: Vec<u8>, year: u32) -> Result<Vec<PlanFile>> {
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
    Ok(outcome.records)
}

/// The site's own folder for `year`'s records, which must not lead out of the site through a
/// link.
fn plans_dir(root: &Path, year: u32) -> Result<PathBuf> {
    let dir = root.join("content/plans").join(year.to_string());
    let canon = files::canonical_root(root).map_err(|d| Error::Invalid(vec![d]))?;
    if dir.exists() && !files::inside(&canon, &dir) {
        return Err(Error::Invalid(vec![Diagnostic::new(
            dir.strip_prefix(root).unwrap_or(&dir),
            files::OUTSIDE,
        )]));
    }
    Ok(dir)
}

/// Largest table or CSV file imported: a year's table is well under a megabyte.
const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Reads the file to import: a regular file (not a device or a pipe), at most [`MAX_INPUT`].
fn read_input(file: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(file).map_err(|e| Error::io(file, e))?;
    if !meta.is_file() || meta.len() > MAX_INPUT {
        return Err(Error::Invalid(vec![Diagnostic::new(
            file,
            format!("not read: import takes a regular file of at most {MAX_INPUT} bytes"),
        )]));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(file, e))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Error::Invalid(vec![Diagnostic::new(
            file,
            format!("not read: import takes a regular file of at most {MAX_INPUT} bytes"),
        )]));
    }
    Ok(bytes)
}
