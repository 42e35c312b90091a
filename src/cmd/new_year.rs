//! `gongkai new year N`: the year record (`content/years/N.yaml`, the review's source
//! document) written from the previous year's, ready to fill in.

use crate::content::json_schema::Kind;
use crate::content::schema::{SourceDocument, Text, YearFile};
use crate::content::validate::{is_roc_year, not_roc_year};
use crate::content::yaml;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Writes `content/years/<year>.yaml` from the latest earlier year's record (its title and
/// publisher with the year changed; date, reference number and URL left to fill in) and
/// returns its path. Never overwrites a record.
pub fn run(root: &Path, year: u32) -> Result<PathBuf> {
    if !is_roc_year(year) {
        return Err(Error::Usage(not_roc_year(&format!("new year {year}:"))));
    }
    let dir = root.join("content/years");
    let path = dir.join(format!("{year}.yaml"));
    if std::fs::symlink_metadata(&path).is_ok() {
        let path = path.display();
        return Err(Error::Usage(crate::msg!(
            "{path} exists already; edit it instead",
            "{path} 已經存在；請直接編輯它"
        )));
    }
    let before = previous(root, year)?;
    let schemas = super::schema::for_site(root)?;
    let modeline = super::schema::modeline(&dir, &schemas, Kind::Year);
    let text = record(year, before.as_ref());
    super::write_new(&path, &format!("{modeline}\n{text}"))?;
    Ok(path)
}

/// The record of the latest year before `year`, if any.
fn previous(root: &Path, year: u32) -> Result<Option<YearFile>> {
    let Ok(entries) = std::fs::read_dir(root.join("content/years")) else {
        return Ok(None);
    };
    let mut years: Vec<u32> = entries
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".yaml")?
                .parse()
                .ok()
        })
        .filter(|y| *y < year)
        .collect();
    years.sort_unstable();
    let Some(last) = years.last() else {
        return Ok(None);
    };
    let rel = PathBuf::from(format!("content/years/{last}.yaml"));
    let text = crate::content::read_text(root, &rel).map_err(|d| Error::Invalid(vec![d]))?;
    yaml::parse::<YearFile>(&rel, &text)
        .map(Some)
        .map_err(|d| Error::Invalid(vec![d]))
}

/// `text` with the previous year's numbers (ROC and Western) changed to `year`'s.
fn moved(text: &str, from: u32, to: u32) -> String {
    text.replace(&(from + 1911).to_string(), &(to + 1911).to_string())
        .replace(&from.to_string(), &to.to_string())
}

/// The new record's YAML: comments saying what to fill in, then the fields.
fn record(year: u32, before: Option<&YearFile>) -> String {
    let western = year + 1911;
    let (zh, en, publisher) = match before {
        Some(b) => (
            moved(&b.source.title.zh, b.year, year),
            moved(&b.source.title.en, b.year, year),
            b.source.publisher.clone(),
        ),
        None => (
            format!("{year} 年度部會管制個案計畫評核"),
            format!("Review of ministry-controlled plans, {western} (ROC {year})"),
            None,
        ),
    };
    let mut title = Text::default();
    (title.zh, title.en) = (zh, en);
    let source = SourceDocument {
        title,
        publisher,
        date: None,
        reference: None,
        url: None,
    };
    let fields = serde_yaml::to_string(&YearFile {
        year,
        source,
        draft: false,
    })
    .expect("a year record");
    format!(
        "# The document the ROC {year} review comes from. Check the title against the published\n\
         # document, then add under `source:` what it states:\n\
         #   date: YYYY-MM-DD          (the date it was published; also set site.yaml's updated)\n\
         #   reference: 勞…字第…號      (its reference number, 文號)\n\
         #   url: https://…            (where it can be read)\n\
         {fields}"
    )
}
