//! `gongkai import FILE --year N`: the ministry's review table (text exported from its PDF),
//! or the open-data CSV this site publishes, turned into one YAML record per plan.
//!
//! A plan of an earlier year keeps its id ([`import::history`]); a year that already has
//! records is updated, its English kept ([`import::merge`]).

use crate::content::files;
use crate::content::json_schema::Kind;
use crate::content::schema::PlanFile;
use crate::content::validate::{is_roc_year, not_roc_year};
use crate::error::{Diagnostic, Error, Msg, Result};
use crate::import::{Existing, Options, Reconciled, Site, Summary};
use crate::{import, msg, opendata};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug)]
pub struct Imported {
    /// The records written (new or changed), in table order.
    pub written: Vec<PathBuf>,
    /// Which plans continue, which are new, what changed: for staff.
    pub summary: Summary,
    /// The encoding the table was read in, when it was not UTF-8 (`Big5`, `UTF-16LE`).
    pub decoded_from: Option<&'static str>,
}

/// Imports `file` into `out` (default `root/content/plans/<year>`). Writes nothing if any line
/// could not be placed. Rows continue earlier years' plans by name; records already in `out`
/// are updated, their English kept unless `force`; nothing is deleted.
pub fn run(
    root: &Path,
    file: &Path,
    year: u32,
    out: Option<PathBuf>,
    force: bool,
) -> Result<Imported> {
    if !is_roc_year(year) {
        return Err(Error::Usage(not_roc_year(&format!("--year {year}"))));
    }
    let bytes = read_input(file)?;
    let ext = |x: &str| file.extension().is_some_and(|e| e.eq_ignore_ascii_case(x));
    let (records, decoded_from) = if ext("csv") || ext("ods") {
        (from_open_data(file, &bytes, ext("ods"), year)?, None)
    } else {
        from_table(root, file, &bytes, year)?
    };
    if records.is_empty() {
        return Err(Error::Invalid(vec![Diagnostic::new(
            file,
            msg!("no records for year {year}", "沒有 {year} 年度的紀錄"),
        )]));
    }
    let out = match out {
        Some(dir) => dir,
        None => plans_dir(root, year)?,
    };
    let (history, mut ids) = read_plans(root, year)?;
    let (existing, folder) = read_folder(root, &out)?;
    ids.extend(existing.iter().map(|e| e.record.id.clone()));
    let site = Site {
        history: &history,
        ids: &ids,
        existing: &existing,
        folder: &folder,
    };
    let options = Options {
        year,
        ids_given: ext("csv") || ext("ods"),
        force,
    };
    let Reconciled { writes, summary } = import::reconcile(records, site, options);
    // the schema first: the comment each record begins with points at it
    let schemas = super::schema::for_site(root)?;
    let modeline = super::schema::modeline(&out, &schemas, Kind::Plan);
    let written = import::write_all(&writes, &out, Some(&modeline))?;
    Ok(Imported {
        written,
        summary,
        decoded_from,
    })
}

/// What is added to the message of a record import cannot read.
fn fix_first() -> Msg {
    Msg::new(
        "import reads the records already written to match plans across years and update them: fix this one first (`gongkai check` lists every problem)",
        "匯入時須讀取已寫好的紀錄，才能對應歷年計畫並更新：請先修正這一筆（`gongkai check` 會列出所有問題）",
    )
}

/// Reads a record at `base/rel` by the rules of content files; a problem names the file as
/// `shown`.
fn read_record(
    base: &Path,
    canon: &Path,
    rel: &Path,
    shown: &Path,
) -> std::result::Result<(String, PlanFile), Diagnostic> {
    let explain = |mut d: Diagnostic| {
        d.file = shown.to_path_buf();
        d.message = d.message.clone().then(&fix_first());
        d
    };
    let text = files::read_yaml_text(base, canon, rel).map_err(explain)?;
    let record = crate::content::yaml::parse::<PlanFile>(rel, &text).map_err(explain)?;
    Ok((text, record))
}

/// The records of the years before `year` under `root/content/plans`, and the ids of every
/// record there (any year, by file name). Only those records are parsed: with `year` 0, none.
pub(super) fn read_plans(root: &Path, year: u32) -> Result<(Vec<PlanFile>, HashSet<String>)> {
    let dir = root.join("content/plans");
    let mut history = Vec::new();
    let mut ids = HashSet::new();
    if !dir.is_dir() {
        return Ok((history, ids));
    }
    let canon = files::canonical_root(root).map_err(|d| Error::Invalid(vec![d]))?;
    let mut problems = Vec::new();
    for (rel, depth) in files::walk(root, &canon, &dir, true, &mut problems) {
        let Some(stem) = yaml_stem(&rel) else {
            continue;
        };
        let folder_year = rel
            .parent()
            .and_then(|p| p.file_name()?.to_str()?.parse::<u32>().ok());
        let Some(y) = folder_year.filter(|_| depth == 2) else {
            continue;
        };
        ids.insert(stem);
        if y < year {
            match read_record(root, &canon, &rel, &rel) {
                Ok((_, record)) => history.push(record),
                Err(d) => problems.push(d),
            }
        }
    }
    if problems.is_empty() {
        Ok((history, ids))
    } else {
        Err(problems.into())
    }
}

/// The name of a `.yaml` file without the extension.
fn yaml_stem(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    name.strip_suffix(".yaml").map(str::to_string)
}

/// The records in `dir` (each `*.yaml` directly in it), with the folder as the summary names
/// it: relative to the site when inside it. A record whose file name is not its id is a
/// problem: import updates records in their files.
fn read_folder(root: &Path, dir: &Path) -> Result<(Vec<Existing>, PathBuf)> {
    let canon_root = files::canonical_root(root).map_err(|d| Error::Invalid(vec![d]))?;
    let inside = dir.exists() && files::inside(&canon_root, dir);
    let shown = match dir.strip_prefix(root) {
        Ok(rel) if inside => rel.to_path_buf(),
        _ => dir.to_path_buf(),
    };
    if !dir.is_dir() {
        return Ok((Vec::new(), shown));
    }
    // read by the rules of the site's files: from the site when inside it, else from the folder
    let (base, canon) = if inside {
        (root.to_path_buf(), canon_root)
    } else {
        let canon = files::canonical_root(dir).map_err(|d| Error::Invalid(vec![d]))?;
        (dir.to_path_buf(), canon)
    };
    let mut problems = Vec::new();
    let mut existing = Vec::new();
    for (rel, depth) in files::walk(&base, &canon, dir, true, &mut problems) {
        let Some(stem) = yaml_stem(&rel).filter(|_| depth == 1) else {
            continue;
        };
        let file = shown.join(rel.file_name().unwrap_or_default());
        match read_record(&base, &canon, &rel, &file) {
            Ok((_, record)) if record.id != stem => problems.push(
                Diagnostic::new(
                    &file,
                    Msg::new(
                        format!(
                            "the file is named `{stem}.yaml` but its id is `{}`",
                            record.id
                        ),
                        format!("檔名是 `{stem}.yaml`，但 id 是 `{}`", record.id),
                    )
                    .then(&fix_first()),
                )
                .field("id"),
            ),
            Ok((text, record)) => existing.push(Existing {
                path: dir.join(rel.file_name().unwrap_or_default()),
                text,
                record,
            }),
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok((existing, shown))
    } else {
        Err(problems.into())
    }
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
                {
                    let (row, theirs) = (i + 2, r.year);
                    msg!(
                        "row {row}: the plan is of year {theirs}, not {year}; import each year's table with its own --year",
                        "第 {row} 列：這個計畫屬於 {theirs} 年度，而非 {year} 年度；每個年度的表格請分別以各自的 --year 匯入"
                    )
                },
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
                    {
                        let (row, item) = (i + 2, r.item);
                        msg!(
                            "row {row}: item {item} of year {year} is also on row {first}: each plan needs its own item number",
                            "第 {row} 列：{year} 年度的項次 {item} 也在第 {first} 列：每個計畫須有自己的項次"
                        )
                    },
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
fn from_table(
    root: &Path,
    file: &Path,
    bytes: &[u8],
    year: u32,
) -> Result<(Vec<PlanFile>, Option<&'static str>)> {
    let (text, decoded_from) = crate::text_encoding::decode(bytes).ok_or_else(|| {
        let m = crate::content::yaml::not_utf8(bytes);
        Error::Invalid(vec![Diagnostic::new(file, m)])
    })?;
    let agencies = super::agencies(root)?;
    let outcome = import::parse_table(&text, year, &agencies);
    if !outcome.problems.is_empty() {
        return Err(Error::Invalid(
            outcome
                .problems
                .iter()
                .map(|p| Diagnostic::new(file, p.message.clone()).at(Some(p.line)))
                .collect(),
        ));
    }
    Ok((outcome.records, decoded_from))
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

fn too_big() -> Msg {
    msg!(
        "not read: import takes a regular file of at most {MAX_INPUT} bytes",
        "未讀取：匯入的檔案須為一般檔案，且不超過 {MAX_INPUT} 位元組"
    )
}

/// Reads the file to import: a regular file (not a device or a pipe), at most [`MAX_INPUT`].
fn read_input(file: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(file).map_err(|e| Error::io(file, e))?;
    if !meta.is_file() || meta.len() > MAX_INPUT {
        return Err(Error::Invalid(vec![Diagnostic::new(file, too_big())]));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(file, e))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(Error::Invalid(vec![Diagnostic::new(file, too_big())]));
    }
    Ok(bytes)
}
