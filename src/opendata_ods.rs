//! Open data as ODS (OpenDocument spreadsheet, the open format Taiwan's government sites
//! publish beside CSV), written here and read with `spreadsheet-ods`. The sheet holds exactly the
//! CSV's header and rows, so an ODS file reads back through the same importer as a CSV.

use crate::content::schema::{AgenciesFile, PlanFile};
use crate::import::ImportError;
use crate::opendata::{from_csv, to_csv};
use spreadsheet_ods::xmltree::{XmlContent, XmlTag};
use spreadsheet_ods::Value;

/// Columns written as numbers, so a spreadsheet sorts and sums them.
const NUMERIC: [&str; 6] = [
    "year",
    "item",
    "budget_q1",
    "budget_q2",
    "budget_q3",
    "budget_q4",
];

/// All plans as an ODS workbook of one sheet, `plans`: the CSV's columns and rows, numbers
/// as numbers. The same plans always give the same bytes (no dates in the file).
///
/// The package is written here, not with `spreadsheet-ods`: its writer builds the whole sheet
/// as cells first (about 50 kB a plan), stamps every entry with the time and writes namespaces
/// in hash order, and the sheet is a handful of elements. `spreadsheet-ods` still reads the
/// files back ([`from_ods`], and the tests).
pub fn to_ods<P: std::borrow::Borrow<PlanFile>>(plans: &[P], agencies: &AgenciesFile) -> Vec<u8> {
    ods_of_csv(&to_csv(plans, agencies))
}

/// The ODS workbook holding `csv`, a CSV download as [`to_csv`] writes it: a build makes each
/// year's CSV once and gives it to both files.
pub fn ods_of_csv(csv: &[u8]) -> Vec<u8> {
    let content = content_xml(csv);
    let entries: [(&str, &[u8]); 5] = [
        // first and stored, as the format requires, so a reader can tell the type by it
        ("mimetype", MIMETYPE.as_bytes()),
        ("META-INF/manifest.xml", MANIFEST.as_bytes()),
        ("meta.xml", META.as_bytes()),
        ("styles.xml", STYLES.as_bytes()),
        ("content.xml", content.as_bytes()),
    ];
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(content.len() / 6)));
    for (name, bytes) in entries {
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        // every entry dated at zip's epoch (1980-01-01), so a build is byte-identical to the last
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default());
        zip.start_file(name, options).expect("writing to memory");
        zip.write_all(bytes).expect("writing to memory");
    }
    zip.finish().expect("writing to memory").into_inner()
}

/// The package's media type, in `mimetype` and in the manifest's root entry.
macro_rules! mimetype {
    () => {
        "application/vnd.oasis.opendocument.spreadsheet"
    };
}
const MIMETYPE: &str = mimetype!();

const MANIFEST: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#,
    r#"<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type=""#,
    mimetype!(),
    r#""/>"#,
    r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
    r#"<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>"#,
    r#"<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>"#,
    r#"</manifest:manifest>"#
);

const META: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3">"#,
    r#"<office:meta><meta:generator>gongkai</meta:generator></office:meta>"#,
    r#"</office:document-meta>"#
);

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3">"#,
    r#"<office:styles/></office:document-styles>"#
);

/// The sheet `plans` of `csv`'s header and rows: one column element per column, then the
/// rows, header first, each read into the same record as it is written.
fn content_xml(csv: &[u8]) -> String {
    let body = csv.strip_prefix("\u{feff}".as_bytes()).unwrap_or(csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    let mut row = csv::StringRecord::new();
    let mut numeric: Vec<bool> = Vec::new();
    // the XML is the CSV's text with markup around each cell, about twice its size
    let mut x = String::with_capacity(2 * csv.len() + 1024);
    x.push_str(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">"#,
        r#"<office:body><office:spreadsheet><table:table table:name="plans">"#
    ));
    let mut header = true;
    while reader
        .read_record(&mut row)
        .expect("our own CSV reads back")
    {
        if header {
            numeric = row.iter().map(|c| NUMERIC.contains(&c)).collect();
            for _ in &numeric {
                x.push_str("<table:table-column/>");
            }
        }
        x.push_str("<table:table-row>");
        for (c, v) in row.iter().enumerate() {
            let number = (!header && numeric.get(c) == Some(&true))
                .then(|| v.parse::<f64>().ok())
                .flatten();
            match number {
                Some(n) => {
                    let n = n.to_string();
                    x.push_str(r#"<table:table-cell office:value-type="float" office:value=""#);
                    x.push_str(&n);
                    x.push_str(r#""><text:p>"#);
                    x.push_str(&n);
                    x.push_str("</text:p></table:table-cell>");
                }
                None => {
                    x.push_str(r#"<table:table-cell office:value-type="string">"#);
                    for line in v.split('\n') {
                        line_p(line, &mut x);
                    }
                    x.push_str("</table:table-cell>");
                }
            }
        }
        x.push_str("</table:table-row>");
        header = false;
    }
    x.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    x
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

/// One line of a cell's text as a `text:p` paragraph, as LibreOffice writes a cell of several
/// lines (an empty line is an empty `<text:p/>`, which readers keep), every character kept:
/// tabs as `text:tab`, and spaces a reader could collapse or trim (runs, and any at the line's
/// ends) as `text:s`.
fn line_p(line: &str, x: &mut String) {
    if line.is_empty() {
        x.push_str("<text:p/>");
        return;
    }
    x.push_str("<text:p>");
    // most lines hold no tab and only single inner spaces: their characters as they are
    if !line.contains(['\t'])
        && !line.contains("  ")
        && !line.starts_with(' ')
        && !line.ends_with(' ')
    {
        escape_text(line, x);
        x.push_str("</text:p>");
        return;
    }
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\t' => {
                x.push_str("<text:tab/>");
                i += 1;
            }
            ' ' => {
                let n = chars[i..].iter().take_while(|c| **c == ' ').count();
                let edge =
                    i == 0 || i + n == chars.len() || chars[i - 1] == '\t' || chars[i + n] == '\t';
                if n == 1 && !edge {
                    x.push(' ');
                } else if n == 1 {
                    x.push_str("<text:s/>");
                } else {
                    x.push_str(&format!(r#"<text:s text:c="{n}"/>"#));
                }
                i += n;
            }
            c => {
                escape_char(c, x);
                i += 1;
            }
        }
    }
    x.push_str("</text:p>");
}

/// `text` as XML text ([`escape_char`] for each character that needs it, the runs between as
/// they are).
fn escape_text(text: &str, x: &mut String) {
    let mut from = 0;
    // scanned as bytes: what needs escaping is ASCII, or U+FFFE and U+FFFF, which start with
    // EF; any of those bytes starts a character
    for (at, &b) in text.as_bytes().iter().enumerate() {
        if !MAY_ESCAPE[b as usize] {
            continue;
        }
        let Some(c) = text[at..].chars().next().filter(|&c| needs_escape(c)) else {
            continue;
        };
        x.push_str(&text[from..at]);
        escape_char(c, x);
        from = at + c.len_utf8();
    }
    x.push_str(&text[from..]);
}

/// The bytes that may start a character [`needs_escape`]: the ASCII ones it names and EF.
const MAY_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b == 0xEF || b < 0x80 && needs_escape(b as u8 as char);
        b += 1;
    }
    t
};

const fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '&' | '<' | '>' | '"' | '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// `c` as XML text: markup characters as entities, a carriage return as a character reference
/// (a reader would turn a raw one into a line feed), and the control characters XML 1.0
/// cannot hold at all as U+FFFD.
fn escape_char(c: char, x: &mut String) {
    match c {
        '&' => x.push_str("&amp;"),
        '<' => x.push_str("&lt;"),
        '>' => x.push_str("&gt;"),
        '"' => x.push_str("&quot;"),
        '\r' => x.push_str("&#13;"),
        '\t' | '\n' => x.push(c),
        c if needs_escape(c) => x.push('\u{fffd}'),
        c => x.push(c),
    }
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
    use super::*;

    #[test]
    fn text_is_escaped_for_xml_and_read_back_as_written() {
        let mut x = String::new();
        line_p("a & <b> \"c\" \r d\u{1}e\u{ffff}", &mut x);
        assert_eq!(
            x,
            "<text:p>a &amp; &lt;b&gt; &quot;c&quot; &#13; d\u{fffd}e\u{fffd}</text:p>"
        );
        let mut x = String::new();
        line_p(" two  spaces\tand a tab ", &mut x);
        assert_eq!(
            x,
            "<text:p><text:s/>two<text:s text:c=\"2\"/>spaces<text:tab/>and a tab<text:s/></text:p>"
        );
    }

    #[test]
    fn text_outside_ascii_is_kept_but_for_the_two_noncharacters() {
        // the fullwidth forms start with EF too (，＆ are EF BC 8C, EF BC 86)
        let mut x = String::new();
        escape_text("甲，乙\u{fffe}＆<\u{ffff}é\u{10000}&", &mut x);
        assert_eq!(x, "甲，乙\u{fffd}＆&lt;\u{fffd}é\u{10000}&amp;");
    }

    #[test]
    fn numeric_columns_are_columns_of_the_csv() {
        for c in NUMERIC {
            assert!(crate::opendata::COLUMNS.contains(&c), "{c} is not a column");
        }
    }
}
