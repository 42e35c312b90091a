//! How a build writes the open data under `data/`: each year's plans as JSON, CSV and ODS,
//! every year's in `data/all.*`, and the JSON's schema, made from each plan's pieces
//! ([`crate::opendata_pieces`]), each piece once per build.

use crate::model::urls::{data_file, ALL_YEARS};
use crate::model::{Plan, Site};
use crate::opendata::{DataSizes, Meta};
use crate::opendata_ods::SheetRows;
use crate::opendata_pieces::Writing;
use gongkai_core::error::Result;
use std::collections::BTreeSet;

/// The open-data files of `years` (none for a year the site no longer has), and, when there
/// are any, the all-years files and the schema, each file's size noted in `sizes`.
///
/// A year at a time, its plans' pieces are made (or taken from those kept), its files are
/// written when it is one of `years`, and the all-years files grow from the same pieces. The
/// JSON first, then the CSV and the sheet made from its rows: at 100,000 plans only one
/// all-years file is held whole (the sheets are deflated as their rows come). The pages,
/// made beside, keep the other core busy.
pub fn write(
    site: &Site,
    years: &[u32],
    (sizes, how): (&DataSizes, &Writing),
    sink: crate::output::Sink,
) -> Result<()> {
    let write = |path: String, bytes: &[u8]| {
        sizes.note(&path, bytes.len() as u64);
        sink(path.trim_start_matches('/'), bytes)
    };
    for &year in years {
        if !site.years.iter().any(|(y, _)| *y == year) {
            for ext in ["json", "csv", "ods"] {
                sizes.forget(&data_file(year, ext));
            }
        }
    }
    if years.is_empty() {
        return Ok(());
    }
    let meta = Meta::of(site);
    json_files(site, years, how, &meta, &write)?;
    csv_and_sheet_files(site, years, how, &meta, &write)?;
    // the schema (its `$id` has the site's address)
    write(
        crate::opendata_json::SCHEMA_PATH.to_string(),
        &crate::opendata_json::schema_text(&meta.schema_url),
    )
}

/// Writes a file of the site: its path and bytes.
type Write<'a> = dyn Fn(String, &[u8]) -> Result<()> + 'a;

/// The JSON of `years` and of all years: every plan by year and item, so the years ascending.
fn json_files(site: &Site, years: &[u32], how: &Writing, meta: &Meta, write: &Write) -> Result<()> {
    let agencies = site.agencies_file();
    let mut ascending: Vec<u32> = site.years.iter().map(|(y, _)| *y).collect();
    ascending.sort_unstable();
    let with_plans: BTreeSet<u32> = site.plans.iter().map(|p| p.record.year).collect();
    let mut all = crate::opendata_json::JsonPlans::new(&with_plans, &agencies, meta);
    for &year in &ascending {
        let mut plans = site.plans_of_year(year);
        plans.sort_by(|a, b| crate::opendata_json::in_file_order(&a.record, &b.record));
        let objects: Vec<_> = plans
            .iter()
            .map(|p| how.pieces.json(p, &agencies))
            .collect();
        if years.contains(&year) {
            let records: Vec<_> = plans.iter().map(|p| &p.record).collect();
            let json = crate::opendata_json::json_of_plans(&records, &objects, &agencies, meta);
            write(data_file(year, "json"), &json)?;
        }
        if year == ascending[0] {
            all.reserve(all_years_size(objects.iter().map(|o| o.len() + 2), site));
        }
        objects.iter().for_each(|o| all.push(o));
    }
    write(data_file(ALL_YEARS, "json"), &all.finish())
}

/// The CSV and the ODS sheet of `years` and of all years, the sheet's rows made from the CSV's
/// (they hold the same cells), in the site's order of years.
fn csv_and_sheet_files(
    site: &Site,
    years: &[u32],
    how: &Writing,
    meta: &Meta,
    write: &Write,
) -> Result<()> {
    let agencies = site.agencies_file();
    let mut all_csv = crate::opendata::csv_of_rows(std::iter::empty::<&[u8]>());
    let mut all_sheet: Option<SheetRows> = None;
    for &(year, _) in &site.years {
        let plans: Vec<&Plan> = site.plans_of_year(year);
        let rows: Vec<_> = plans.iter().map(|p| how.pieces.csv(p, &agencies)).collect();
        let mut sheet = None;
        if years.contains(&year) {
            let csv = crate::opendata::csv_of_rows(&rows);
            write(data_file(year, "csv"), &csv)?;
            sheet = Some(SheetRows::new(csv.len(), how.packing));
        }
        let all_sheet = all_sheet.get_or_insert_with(|| {
            let size = all_years_size(rows.iter().map(|r| r.len()), site);
            all_csv.reserve(size);
            SheetRows::new(size, how.packing)
        });
        for (p, row) in plans.iter().zip(&rows) {
            let sheet_row = how.pieces.ods(p, row);
            all_sheet.push(year, &sheet_row);
            if let Some(sheet) = &mut sheet {
                sheet.push(year, &sheet_row);
            }
            all_csv.extend_from_slice(row);
        }
        if let Some(sheet) = sheet {
            write(data_file(year, "ods"), &sheet.finish(meta))?;
        }
    }
    write(data_file(ALL_YEARS, "csv"), &all_csv)?;
    drop(all_csv);
    let all_sheet = all_sheet.unwrap_or_else(|| SheetRows::new(0, how.packing));
    write(data_file(ALL_YEARS, "ods"), &all_sheet.finish(meta))
}

/// The size of an all-years file whose pieces for one year are `lens` bytes long: reserved
/// once, a file of gigabytes is not copied as it grows.
fn all_years_size(lens: impl Iterator<Item = usize>, site: &Site) -> usize {
    let (count, bytes) = lens.fold((0, 0), |(n, b), len| (n + 1, b + len));
    bytes / count.max(1) * site.plans.len() * 11 / 10
}
