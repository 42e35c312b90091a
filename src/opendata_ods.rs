//! Open data as ODS (OpenDocument spreadsheet, the open format Taiwan's government sites
//! publish beside CSV), written and read with `spreadsheet-ods`. The sheet holds exactly the
//! CSV's header and rows, so an ODS file reads back through the same importer as a CSV.

use crate::content::schema::{AgenciesFile, PlanFile};
use crate::import::ImportError;
use crate::opendata::{from_csv, to_csv};
use spreadsheet_ods::xmltree::{XmlContent, XmlTag};
use spreadsheet_ods::{Sheet, Value, WorkBook};

/// Columns written as numbers, so a spreadsheet sorts and sums them.
const NUMERIC: [&str; 6] = [
    "year",
    "item",
    "budget_q1",
    "budget_q2",
    "budget_q3",
    "budget_q4",
];

/// The rows of the CSV download, header first.
fn rows<P: std::borrow::Borrow<PlanFile>>(
    plans: &[P],
    agencies: &AgenciesFile,
) -> Vec<Vec<String>> {
    let csv = to_csv(plans, agencies);
    let body = csv.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&csv);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| {
            r.expect("our own CSV reads back")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// All plans as an ODS workbook of one sheet, `plans`: the CSV's columns and rows, numbers
/// as numbers. The same plans always give the same bytes (no dates in the file).
pub fn to_ods<P: std::borrow::Borrow<PlanFile>>(plans: &[P], agencies: &AgenciesFile) -> Vec<u8> {
    let rows = rows(plans, agencies);
    let numeric: Vec<bool> = rows
        .first()
        .map(|h| h.iter().map(|c| NUMERIC.contains(&c.as_str())).collect())
        .unwrap_or_default();
    let mut sheet = Sheet::new("plans");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let number = (r > 0 && numeric[c])
                .then(|| v.parse::<f64>().ok())
                .flatten();
            match number {
                Some(x) => sheet.set_value(r as u32, c as u32, x),
                None => sheet.set_value(r as u32, c as u32, Value::TextXml(paragraphs(v))),
            }
        }
    }
    let mut book = WorkBook::new_empty();
    book.push_sheet(sheet);
    // stored, not deflated: `without_dates` reads it back and deflates it, once
    let ods = spreadsheet_ods::write_ods_buf_uncompressed(&mut book, Vec::new())
        .expect("an ODS file is written to memory");
    without_dates(&ods)
}

/// The same zip with every entry's time set to zip's epoch (1980-01-01), so that a build is
/// byte-identical to the last one: the writer stamps entries with the current time. Every
/// entry is deflated but `mimetype`, which the OpenDocument format requires stored.
fn without_dates(ods: &[u8]) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut zin = zip::ZipArchive::new(Cursor::new(ods)).expect("the writer's own zip reads back");
    let mut zout = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let names: Vec<String> = zin.file_names().map(str::to_string).collect();
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).expect("entry of our own zip");
        let name = entry.name().to_string();
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default());
        if entry.is_dir() {
            zout.add_directory(name, options)
                .expect("writing to memory");
        } else {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("entry of our own zip");
            if name.ends_with(".xml") {
                let mut xml = sort_root_attributes(&String::from_utf8_lossy(&bytes));
                if name == "META-INF/manifest.xml" {
                    xml = tidy_manifest(&xml, &names);
                }
                bytes = xml.into_bytes();
            }
            zout.start_file(name, options).expect("writing to memory");
            zout.write_all(&bytes).expect("writing to memory");
        }
    }
    zout.finish().expect("writing to memory").into_inner()
}

/// The document element's attributes (namespace declarations, which the writer emits in hash
/// order) sorted by name.
fn sort_root_attributes(xml: &str) -> String {
    let start = match xml.strip_prefix("<?") {
        Some(_) => xml.find("?>").map_or(0, |i| i + 2),
        None => 0,
    };
    let Some(open) = xml[start..].find('<').map(|i| start + i) else {
        return xml.to_string();
    };
    let Some(close) = xml[open..].find('>').map(|i| open + i) else {
        return xml.to_string();
    };
    let tag = &xml[open + 1..close];
    let tag = tag.strip_suffix('/').unwrap_or(tag);
    let Some((name, attrs)) = tag.split_once(' ') else {
        return xml.to_string();
    };
    // attributes are `key="value"` separated by white space
    let mut list: Vec<&str> = Vec::new();
    let mut rest = attrs.trim_start();
    while let Some(eq) = rest.find("=\"") {
        let Some(len) = rest[eq + 2..].find('"') else {
            return xml.to_string();
        };
        let (attr, tail) = rest.split_at(eq + 2 + len + 1);
        list.push(attr);
        rest = tail.trim_start();
    }
    if !rest.is_empty() {
        return xml.to_string();
    }
    list.sort_unstable();
    let self_closing = xml[open + 1..close].ends_with('/');
    format!(
        "{}<{} {}{}>{}",
        &xml[..open],
        name,
        list.join(" "),
        if self_closing { "/" } else { "" },
        &xml[close + 1..]
    )
}

/// The manifest's entries in a fixed order (the writer lists them in hash order), keeping
/// only files the package holds (it lists a `manifest.rdf` it does not write, which
/// LibreOffice reports as damage).
fn tidy_manifest(xml: &str, names: &[String]) -> String {
    const ENTRY: &str = "<manifest:file-entry ";
    const END: &str = "</manifest:manifest>";
    let (Some(first), Some(end)) = (xml.find(ENTRY), xml.rfind(END)) else {
        return xml.to_string();
    };
    let mut entries: Vec<&str> = xml[first..end]
        .split(ENTRY)
        .filter(|e| !e.is_empty())
        .filter(|e| {
            let path = e
                .split("manifest:full-path=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("");
            path == "/" || names.iter().any(|n| n == path)
        })
        .collect();
    entries.sort_unstable();
    let mut out = xml[..first].to_string();
    for e in entries {
        out.push_str(ENTRY);
        out.push_str(e);
    }
    out.push_str(&xml[end..]);
    out
}

/// Reads plans from an ODS file laid out as [`to_ods`] writes it (first sheet, header row of
/// the CSV's columns, in any order), with the CSV importer's checks and messages.
pub fn from_ods(bytes: &[u8]) -> Result<Vec<PlanFile>, ImportError> {
    let book = spreadsheet_ods::read_ods_buf(bytes).map_err(|e| ImportError::Unreadable {
        kind: "ODS",
        source: Box::new(e),
    })?;
    if book.num_sheets() == 0 {
        return from_csv(b"");
    }
    let sheet = book.sheet(0);
    let (nrows, ncols) = sheet.used_grid_size();
    let mut out = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        for r in 0..nrows {
            let row: Vec<String> = (0..ncols).map(|c| cell_text(sheet.value(r, c))).collect();
            // trailing empty cells are the grid, not the data
            let keep = row.iter().rposition(|v| !v.is_empty()).map_or(0, |i| i + 1);
            w.write_record(&row[..keep]).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    from_csv(&out)
}

/// A text as `text:p` paragraphs, one per line, as LibreOffice writes a cell of several lines
/// (an empty line is an empty `<text:p/>`, which readers keep), every character kept: tabs as
/// `text:tab`, and spaces a reader could collapse or trim (runs, and any at a line's ends) as
/// `text:s`.
fn paragraphs(s: &str) -> Vec<XmlTag> {
    s.split('\n').map(line_p).collect()
}

fn line_p(line: &str) -> XmlTag {
    let mut p = XmlTag::new("text:p");
    // most lines hold no tab and only single inner spaces: one text run as it is
    let plain = !line.contains('\t')
        && !line.contains("  ")
        && !line.starts_with(' ')
        && !line.ends_with(' ');
    if plain {
        if !line.is_empty() {
            p.add_text(line);
        }
        return p;
    }
    let mut run = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\t' => {
                if !run.is_empty() {
                    p.add_text(std::mem::take(&mut run));
                }
                p.add_tag(XmlTag::new("text:tab"));
                i += 1;
            }
            ' ' => {
                let n = chars[i..].iter().take_while(|c| **c == ' ').count();
                let edge =
                    i == 0 || i + n == chars.len() || chars[i - 1] == '\t' || chars[i + n] == '\t';
                if n == 1 && !edge {
                    run.push(' ');
                } else {
                    if !run.is_empty() {
                        p.add_text(std::mem::take(&mut run));
                    }
                    let mut sp = XmlTag::new("text:s");
                    if n > 1 {
                        sp.set_attr("text:c", n.to_string());
                    }
                    p.add_tag(sp);
                }
                i += n;
            }
            c => {
                run.push(c);
                i += 1;
            }
        }
    }
    if !run.is_empty() {
        p.add_text(run);
    }
    p
}

/// A cell's value as the CSV would hold it.
fn cell_text(v: &Value) -> String {
    match v {
        Value::Empty => String::new(),
        Value::Boolean(b) => b.to_string(),
        Value::Number(x) | Value::Percentage(x) | Value::Currency(x, _) => x.to_string(),
        Value::Text(s) => s.clone(),
        Value::TextXml(tags) => tags.iter().map(tag_text).collect::<Vec<_>>().join("\n"),
        other => format!("{other:?}"),
    }
}

/// The text of a `text:p` (or any tag inside it): `text:s` spaces, line breaks and tabs kept.
fn tag_text(t: &XmlTag) -> String {
    let mut s = String::new();
    match t.name() {
        "text:s" => {
            let n = t
                .get_attr("text:c")
                .and_then(|c| c.parse().ok())
                .unwrap_or(1);
            s.push_str(&" ".repeat(n));
        }
        "text:line-break" => s.push('\n'),
        "text:tab" => s.push('\t'),
        _ => {}
    }
    for c in t.content() {
        match c {
            XmlContent::Text(x) => s.push_str(x),
            XmlContent::Tag(inner) => s.push_str(&tag_text(inner)),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::NUMERIC;

    #[test]
    fn numeric_columns_are_columns_of_the_csv() {
        for c in NUMERIC {
            assert!(crate::opendata::COLUMNS.contains(&c), "{c} is not a column");
        }
    }
}
