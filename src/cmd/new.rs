//! `gongkai new plan --year N --agency SLUG`: a record with every field present and commented,
//! ready to fill in.

use crate::content::json_schema::Kind;
use crate::content::validate::{is_roc_year, is_slug, ROC_YEARS};
use crate::error::{Diagnostic, Error, Result};
use crate::scaffold;
use std::path::{Path, PathBuf};

/// Writes a new record for `agency` in `year` and returns its path. The item number defaults to
/// one past the year's highest; the id to a new plan's, as import names them
/// ([`new_plan_id`](crate::import::new_plan_id): `<agency>-<year>-<item>`, unique in the site).
pub fn run(
    root: &Path,
    year: u32,
    agency: &str,
    id: Option<String>,
    item: Option<u32>,
) -> Result<PathBuf> {
    if !is_roc_year(year) {
        return Err(Error::Usage(format!(
            "--year {year} is not a ROC year ({}–{})",
            ROC_YEARS.start(),
            ROC_YEARS.end()
        )));
    }
    if item == Some(0) {
        return Err(Error::Usage("--item 0: item numbers start at 1".into()));
    }
    let agencies = super::agencies(root)?;
    let Some(a) = agencies.agencies.iter().find(|a| a.slug == agency) else {
        let known: Vec<&str> = agencies.agencies.iter().map(|a| a.slug.as_str()).collect();
        return Err(Error::Invalid(vec![Diagnostic::new(
            "content/agencies.yaml",
            format!("unknown agency `{agency}`; known: {}", known.join(", ")),
        )]));
    };
    let dir = root.join("content/plans").join(year.to_string());
    let item = match item {
        Some(n) => n,
        None => next_item(root, &dir),
    };
    let id = match id {
        Some(id) => id,
        None => {
            let (_, ids) = super::import::read_plans(root, 0)?;
            crate::import::new_plan_id(agency, year, item, |id| ids.contains(id))
        }
    };
    if !is_slug(&id) {
        return Err(Error::Usage(format!(
            "`{id}` is not a valid id: use lowercase ASCII words joined by hyphens"
        )));
    }
    let path = dir.join(format!("{id}.yaml"));
    let schemas = super::schema::for_site(root)?;
    let modeline = super::schema::modeline(&dir, &schemas, Kind::Plan);
    let text = scaffold::new_plan(year, a, item, &id);
    super::write_new(&path, &format!("{modeline}\n{text}"))?;
    Ok(path)
}

/// The one field of a record [`next_item`] needs; the rest is not read, so a record with
/// other problems still counts.
#[derive(serde::Deserialize)]
struct ItemOnly {
    item: u32,
}

/// One past the highest `item` among the year's records (1 for a new year). Records are read
/// and parsed by the same rules as a build (no link out of the site, no device, size-limited).
fn next_item(root: &Path, dir: &Path) -> u32 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 1;
    };
    entries
        .filter_map(|e| {
            let rel = e.ok()?.path().strip_prefix(root).ok()?.to_path_buf();
            let text = crate::content::read_text(root, &rel).ok()?;
            crate::content::yaml::parse::<ItemOnly>(&rel, &text).ok()
        })
        .map(|r| r.item)
        .max()
        .map_or(1, |m| m + 1)
}
