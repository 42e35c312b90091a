//! Open data as ODS (OpenDocument spreadsheet, the open format Taiwan's government sites
//! publish beside CSV), written here and read with `spreadsheet-ods`. The first sheet, `plans`,
//! holds exactly the CSV's header and rows, so an ODS file reads back through the same importer
//! as a CSV: numbers as numbers, percentages as percentages (`99.22` shown as 99.22 %),
//! booleans as booleans, the header row bold and frozen. The second, `about`, gives the
//! publisher, license, date and sources, then the field dictionary (each column's type and
//! meaning in both languages).

use crate::content::schema::{AgenciesFile, PlanFile, Text};
use crate::error::ImportError;
use crate::error::Msg;
use crate::msg;
use crate::opendata::{field_descriptions, from_csv, to_csv, FieldType, Meta};
use spreadsheet_ods::xmltree::{XmlContent, XmlTag};
use spreadsheet_ods::Value;
use std::collections::BTreeSet;

/// All plans as an ODS workbook ([`ods_of_csv`]). The same plans always give the same bytes
/// (no dates in the file but the data's own).
///
/// The package is written here, not with `spreadsheet-ods`: its writer builds the whole sheet
/// as cells first (about 50 kB a plan), stamps every entry with the time and writes namespaces
/// in hash order, and the sheet is a handful of elements. `spreadsheet-ods` still reads the
/// files back ([`from_ods`], and the tests).
pub fn to_ods<P: crate::model::reasons::Reasoned>(
    plans: &[P],
    agencies: &AgenciesFile,
    meta: &Meta,
) -> Vec<u8> {
    ods_of_csv(&to_csv(plans, agencies), meta)
}

/// The ODS workbook holding `csv`, a CSV download as [`to_csv`] writes it, described by `meta`
/// (the sources of the years the rows have). A build makes its sheets from each plan's CSV row
/// instead ([`ods_of_rows`]): the same bytes, without reading the CSV back.
pub fn ods_of_csv(csv: &[u8], meta: &Meta) -> Vec<u8> {
    ods_packed(csv, meta, Packing::Smallest)
}

/// How tightly a sheet's parts are deflated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Packing {
    /// The smallest file for the time (zlib's default level, 6): what a build publishes.
    #[default]
    Smallest,
    /// Not deflated (about ten times larger): `serve`'s, whose files are checked on this
    /// machine rather than downloaded, so that an edit spends nothing deflating them.
    Stored,
}

/// [`ods_of_csv`], packed as `packing` says.
pub fn ods_packed(csv: &[u8], meta: &Meta, packing: Packing) -> Vec<u8> {
    let body = csv.strip_prefix("\u{feff}".as_bytes()).unwrap_or(csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body);
    let rows = (reader.records())
        .map(|r| r.expect("our own CSV reads back"))
        .map(|row| {
            let mut x = String::new();
            row_xml(&row, &mut x);
            (year_of(&row), x)
        });
    ods_of_rows(rows, csv.len(), meta, packing)
}

/// The workbook's entries before `content.xml`, which comes last.
const ENTRIES: [(&str, &str); 5] = [
    // first and stored, as the format requires, so a reader can tell the type by it
    ("mimetype", MIMETYPE),
    ("META-INF/manifest.xml", MANIFEST),
    ("meta.xml", META),
    ("styles.xml", STYLES),
    ("settings.xml", SETTINGS),
];

/// How the package's entry `name` is written, packed as `packing` says.
fn entry_options(name: &str, packing: Packing) -> zip::write::SimpleFileOptions {
    let method = match (name, packing) {
        ("mimetype", _) | (_, Packing::Stored) => zip::CompressionMethod::Stored,
        // at zlib's default level
        (_, Packing::Smallest) => zip::CompressionMethod::Deflated,
    };
    // every entry dated at zip's epoch (1980-01-01), so a build is byte-identical to the last
    zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(zip::DateTime::default())
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
    r#"<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>"#,
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

/// The view a spreadsheet program opens the file with: in each sheet, the first row frozen
/// (split mode 2 at row 1), so the header stays in sight as the reader scrolls.
macro_rules! frozen_header {
    ($sheet:literal) => {
        concat!(
            r#"<config:config-item-map-entry config:name=""#,
            $sheet,
            r#"">"#,
            r#"<config:config-item config:name="HorizontalSplitMode" config:type="short">0</config:config-item>"#,
            r#"<config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>"#,
            r#"<config:config-item config:name="HorizontalSplitPosition" config:type="int">0</config:config-item>"#,
            r#"<config:config-item config:name="VerticalSplitPosition" config:type="int">1</config:config-item>"#,
            r#"<config:config-item config:name="ActiveSplitRange" config:type="short">2</config:config-item>"#,
            r#"<config:config-item config:name="PositionLeft" config:type="int">0</config:config-item>"#,
            r#"<config:config-item config:name="PositionRight" config:type="int">0</config:config-item>"#,
            r#"<config:config-item config:name="PositionTop" config:type="int">0</config:config-item>"#,
            r#"<config:config-item config:name="PositionBottom" config:type="int">1</config:config-item>"#,
            r#"</config:config-item-map-entry>"#
        )
    };
}

const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3">"#,
    r#"<office:settings><config:config-item-set config:name="ooo:view-settings">"#,
    r#"<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>"#,
    r#"<config:config-item config:name="ViewId" config:type="string">view1</config:config-item>"#,
    r#"<config:config-item-map-named config:name="Tables">"#,
    frozen_header!("plans"),
    frozen_header!("about"),
    r#"</config:config-item-map-named>"#,
    r#"<config:config-item config:name="ActiveTable" config:type="string">plans</config:config-item>"#,
    r#"</config:config-item-map-entry></config:config-item-map-indexed>"#,
    r#"</config:config-item-set></office:settings></office:document-settings>"#
);

/// The start of `content.xml`: its namespaces, and the styles its cells use: `head` (bold, the
/// header rows), `pct` (a percentage, up to two decimals) and `bool` (TRUE / FALSE).
const CONTENT_START: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">"#,
    r#"<office:automatic-styles>"#,
    r#"<number:percentage-style style:name="N-pct"><number:number number:decimal-places="2" number:min-decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>"#,
    r#"<number:boolean-style style:name="N-bool"><number:boolean/></number:boolean-style>"#,
    r#"<style:style style:name="head" style:family="table-cell"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/></style:style>"#,
    r#"<style:style style:name="pct" style:family="table-cell" style:data-style-name="N-pct"/>"#,
    r#"<style:style style:name="bool" style:family="table-cell" style:data-style-name="N-bool"/>"#,
    r#"</office:automatic-styles>"#,
    r#"<office:body><office:spreadsheet>"#
);

/// The ODS workbook of the sheet rows [`ods_row`] made, each with its plan's year, in the
/// order given, packed as `packing` says: [`ods_packed`] of their CSV (`csv_len` bytes long),
/// without reading it.
pub fn ods_of_rows<R: AsRef<[u8]>>(
    rows: impl IntoIterator<Item = (u32, R)>,
    csv_len: usize,
    meta: &Meta,
    packing: Packing,
) -> Vec<u8> {
    let mut sheet = SheetRows::new(csv_len, packing);
    rows.into_iter()
        .for_each(|(year, row)| sheet.push(year, row.as_ref()));
    sheet.finish(meta)
}

/// One plan's row of the `plans` sheet, from its CSV row ([`crate::opendata::csv_row`]).
pub fn ods_row(csv_row: &[u8]) -> String {
    // one reader per thread, its source replaced row by row: building a CSV reader (its
    // parsing automaton) costs more than reading a row
    thread_local! {
        static READER: std::cell::RefCell<csv::Reader<std::io::Cursor<Vec<u8>>>> =
            std::cell::RefCell::new(
                csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(std::io::Cursor::new(Vec::new())),
            );
    }
    let mut x = String::with_capacity(2 * csv_row.len());
    READER.with_borrow_mut(|reader| {
        let source = reader.get_mut().get_mut();
        source.clear();
        source.extend_from_slice(csv_row);
        reader
            .seek(csv::Position::new())
            .expect("seeking in memory");
        let mut row = csv::StringRecord::new();
        if reader
            .read_record(&mut row)
            .expect("our own CSV reads back")
        {
            row_xml(&row, &mut x);
        }
    });
    x
}

/// The year of a CSV row (its first column).
fn year_of(row: &csv::StringRecord) -> u32 {
    row.get(0).and_then(|y| y.parse().ok()).unwrap_or(0)
}

/// A workbook made row by row, its `plans` sheet's rows in the order pushed, deflated as they
/// come: what [`ods_of_rows`] makes at once, for a workbook whose rows are made a year at a
/// time. Only the deflated package is held, not the sheet's text (a gigabyte at 100,000
/// plans).
pub struct SheetRows {
    zip: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    /// `content.xml`'s text not yet deflated: gathered to 64 kB, as one write a row would be
    /// many small calls.
    pending: Vec<u8>,
    /// The years of the rows.
    years: BTreeSet<u32>,
}

/// How much of `content.xml` [`SheetRows`] gathers before deflating it.
const PENDING: usize = 64 * 1024;

impl SheetRows {
    /// A workbook for the rows of a CSV about `csv_len` bytes long, packed as `packing` says.
    pub fn new(csv_len: usize, packing: Packing) -> Self {
        use std::io::Write;
        // deflated, the package is about a sixth of the CSV; stored, about twice it
        let size = match packing {
            Packing::Smallest => csv_len / 5,
            Packing::Stored => 2 * csv_len,
        };
        let out = std::io::Cursor::new(Vec::with_capacity(size + 16 * 1024));
        let mut zip = zip::ZipWriter::new(out);
        for (name, text) in ENTRIES {
            zip.start_file(name, entry_options(name, packing))
                .expect("writing to memory");
            zip.write_all(text.as_bytes()).expect("writing to memory");
        }
        zip.start_file("content.xml", entry_options("content.xml", packing))
            .expect("writing to memory");
        let mut head = String::with_capacity(2 * PENDING);
        head.push_str(CONTENT_START);
        head.push_str(r#"<table:table table:name="plans">"#);
        for _ in COLUMN_KINDS.iter() {
            head.push_str("<table:table-column/>");
        }
        head.push_str("<table:table-row>");
        crate::opendata::COLUMNS
            .iter()
            .for_each(|v| text_cell(v, true, &mut head));
        head.push_str("</table:table-row>");
        SheetRows {
            zip,
            pending: head.into_bytes(),
            years: BTreeSet::new(),
        }
    }

    /// Adds the row ([`ods_row`]) of a plan of `year`.
    pub fn push(&mut self, year: u32, row: &[u8]) {
        self.years.insert(year);
        self.pending.extend_from_slice(row);
        if self.pending.len() >= PENDING {
            self.deflate();
        }
    }

    /// Deflates what is pending.
    fn deflate(&mut self) {
        use std::io::Write;
        self.zip
            .write_all(&self.pending)
            .expect("writing to memory");
        self.pending.clear();
    }

    /// The workbook: the rows, then the `about` sheet naming the years they have.
    pub fn finish(mut self, meta: &Meta) -> Vec<u8> {
        self.years.remove(&0);
        let mut tail = String::from("</table:table>");
        about_sheet(meta, &self.years, &mut tail);
        tail.push_str("</office:spreadsheet></office:body></office:document-content>");
        self.pending.extend_from_slice(tail.as_bytes());
        self.deflate();
        self.zip.finish().expect("writing to memory").into_inner()
    }
}

/// The kind of each CSV column, by [`crate::opendata::COLUMNS`]' order.
static COLUMN_KINDS: std::sync::LazyLock<Vec<Option<FieldType>>> = std::sync::LazyLock::new(|| {
    let fields = field_descriptions();
    (crate::opendata::COLUMNS.iter())
        .map(|c| fields.iter().find(|f| f.name == *c).map(|f| f.kind))
        .collect()
});

/// A plan's row of the `plans` sheet, its cells typed by their columns' kinds, into `x`.
fn row_xml(row: &csv::StringRecord, x: &mut String) {
    x.push_str("<table:table-row>");
    for (c, v) in row.iter().enumerate() {
        typed_cell(v, COLUMN_KINDS.get(c).copied().flatten(), x);
    }
    x.push_str("</table:table-row>");
}

/// A cell of the `plans` sheet: its value typed by its column's `kind` where it reads as one
/// (a number, a percentage, a boolean), else as the CSV's text.
fn typed_cell(v: &str, kind: Option<FieldType>, x: &mut String) {
    match kind {
        Some(FieldType::Integer) if v.parse::<f64>().is_ok() => {
            x.push_str(r#"<table:table-cell office:value-type="float" office:value=""#);
            x.push_str(v);
            x.push_str(r#""><text:p>"#);
            x.push_str(v);
            x.push_str("</text:p></table:table-cell>");
        }
        Some(FieldType::Percent) if hundredth(v).is_some() => {
            let fraction = hundredth(v).unwrap_or_default();
            x.push_str(r#"<table:table-cell table:style-name="pct" office:value-type="percentage" office:value=""#);
            x.push_str(&fraction);
            x.push_str(r#""><text:p>"#);
            x.push_str(v);
            x.push_str("%</text:p></table:table-cell>");
        }
        Some(FieldType::Boolean) if v == "true" || v == "false" => {
            x.push_str(r#"<table:table-cell table:style-name="bool" office:value-type="boolean" office:boolean-value=""#);
            x.push_str(v);
            x.push_str(r#""><text:p>"#);
            x.push_str(&v.to_ascii_uppercase());
            x.push_str("</text:p></table:table-cell>");
        }
        _ => text_cell(v, false, x),
    }
}

/// A text cell, bold when it `head`s a table, each line of `v` a paragraph.
fn text_cell(v: &str, head: bool, x: &mut String) {
    x.push_str(match head {
        true => r#"<table:table-cell table:style-name="head" office:value-type="string">"#,
        false => r#"<table:table-cell office:value-type="string">"#,
    });
    for line in v.split('\n') {
        line_p(line, x);
    }
    x.push_str("</table:table-cell>");
}

/// A row of text cells.
fn text_row(cells: &[&str], head: bool, x: &mut String) {
    x.push_str("<table:table-row>");
    cells.iter().for_each(|c| text_cell(c, head, x));
    x.push_str("</table:table-row>");
}

/// The sheet `about`: who publishes the data, under what license, of what date, from which
/// sources (those of `years`), then every column's type and meaning in both languages.
fn about_sheet(meta: &Meta, years: &BTreeSet<u32>, x: &mut String) {
    x.push_str(r#"<table:table table:name="about">"#);
    x.push_str(r#"<table:table-column table:number-columns-repeated="5"/>"#);
    text_row(&["item / 項目", "中文", "English"], true, x);
    let text = |key: &str, t: &Text, x: &mut String| text_row(&[key, &t.zh, &t.en], false, x);
    let same = |key: &str, v: &str, x: &mut String| text_row(&[key, v, v], false, x);
    text("publisher / 資料提供機關", &meta.publisher, x);
    let l = &meta.license;
    text("license / 授權條款", &l.name, x);
    let urls = [l.url_for(false), l.url_for(true)];
    text_row(&["license_url / 授權條款網址", urls[0], urls[1]], false, x);
    same("generated / 資料日期", &meta.generated, x);
    for (year, d) in meta.sources.iter().filter(|(y, _)| years.contains(y)) {
        text(&format!("source {year} / {year} 年度出處"), &d.title, x);
        if let Some(p) = &d.publisher {
            text(&format!("source_publisher {year} / 發布機關"), p, x);
        }
        let more = [
            ("date / 日期", &d.date),
            ("reference / 文號", &d.reference),
            ("url / 網址", &d.url),
        ];
        for (what, v) in more {
            if let Some(v) = v {
                same(&format!("source_{what} {year}"), v, x);
            }
        }
    }
    // a row between the two parts (a row holds at least one cell)
    x.push_str("<table:table-row><table:table-cell/></table:table-row>");
    text_row(
        &["field / 欄位", "型別", "type", "說明", "meaning"],
        true,
        x,
    );
    for f in field_descriptions() {
        let (zh, en) = f.kind.label();
        text_row(&[f.name, zh, en, f.zh, f.en], false, x);
    }
    x.push_str("</table:table>");
}

/// `v`, a decimal number (`99.22`), divided by 100 without rounding (`0.9922`): a
/// percentage cell's value. `None` when `v` is not a plain decimal.
fn hundredth(v: &str) -> Option<String> {
    let (sign, digits) = v.strip_prefix('-').map_or(("", v), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !plain(int) || !plain(frac) {
        return None;
    }
    let all = format!("{int}{frac}");
    // the point moves two places left of where it was
    let point = int.len() as isize - 2;
    let (i, f) = if point <= 0 {
        (
            "0".to_string(),
            format!("{}{all}", "0".repeat(point.unsigned_abs())),
        )
    } else {
        let (i, f) = all.split_at(point as usize);
        (i.to_string(), f.to_string())
    };
    Some(tidy_decimal(sign, &i, &f))
}

/// `sign`, `int` and `frac` as a decimal without leading or trailing zeros (`0.5`, `12`).
fn tidy_decimal(sign: &str, int: &str, frac: &str) -> String {
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let sign = if int == "0" && frac.is_empty() {
        ""
    } else {
        sign
    };
    match frac.is_empty() {
        true => format!("{sign}{int}"),
        false => format!("{sign}{int}.{frac}"),
    }
}

/// A percentage cell's value `x` (`0.9922`) as the percentage the CSV holds (`99.22`): `x`'s
/// shortest decimal with the point moved two places right, so [`hundredth`] is undone exactly.
fn percent_text(x: f64) -> String {
    let s = x.to_string();
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = format!("{frac}00");
    let (moved, rest) = frac.split_at(2);
    tidy_decimal(sign, &format!("{int}{moved}"), rest)
}

/// Reads plans from an ODS file laid out as [`to_ods`] writes it (first sheet, header row of
/// the CSV's columns, in any order), with the CSV importer's checks and messages.
///
/// A spreadsheet is a zip of XML in which one element can stand for a billion cells
/// (`table:number-columns-repeated`), and `spreadsheet-ods` makes each of them; a small file
/// can unpack to far more than it is. Before it is handed over, the file is measured
/// ([`measure`]): its sheets unpacked (at most [`MAX_CONTENT_BYTES`]), their elements
/// ([`MAX_ELEMENTS`]) and nesting ([`MAX_XML_DEPTH`]), and the cells and text they make once
/// repeated rows and cells are counted ([`MAX_CELLS`], [`MAX_TEXT_BYTES`], [`MAX_GRID`]).
pub fn from_ods(bytes: &[u8]) -> Result<Vec<PlanFile>, ImportError> {
    let unreadable = |e: Box<dyn std::error::Error + Send + Sync>| ImportError::Unreadable {
        kind: "ODS",
        source: e,
    };
    measure(bytes)?;
    let book = spreadsheet_ods::OdsOptions::default()
        .content_only()
        .ignore_empty_cells()
        .read_ods(std::io::Cursor::new(bytes))
        .map_err(|e| unreadable(Box::new(e)))?;
    if book.num_sheets() == 0 {
        return from_csv(b"");
    }
    let sheet = book.sheet(0);
    let (nrows, _) = sheet.used_grid_size();
    let nrows = if sheet.cell_count() == 0 { 0 } else { nrows };
    let mut out = Vec::new();
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        // the cells that hold something, row by row: a row's cells are written out to its
        // last one, the rows between as empty
        let mut cells = sheet.iter().peekable();
        let mut row: Vec<String> = Vec::new();
        let mut width = 0;
        for r in 0..nrows {
            row.clear();
            while let Some(((_, c), cell)) = cells.next_if(|((at, _), _)| *at == r) {
                let c = c as usize;
                if row.len() <= c {
                    row.resize(c + 1, String::new());
                }
                row[c] = cell_text(cell.value);
            }
            // trailing empty cells are the grid, not the data, except under the header: a
            // row's last columns may be empty (a plan with no fact checked by hand)
            let mut keep = row.iter().rposition(|v| !v.is_empty()).map_or(0, |i| i + 1);
            if r == 0 {
                width = keep;
            } else if keep > 0 && keep < width {
                row.resize(width, String::new());
                keep = width;
            }
            w.write_record(&row[..keep]).expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    // the lines of the CSV made here are no place in the spreadsheet: its rows are
    from_csv(&out).map_err(|e| match e {
        ImportError::Csv {
            row,
            column,
            message,
            ..
        } => ImportError::Csv {
            row,
            line: 0,
            column,
            message,
        },
        other => other,
    })
}

/// Largest `content.xml` (the sheets) read, unpacked: a year's table of a few hundred plans is
/// a few MB.
pub const MAX_CONTENT_BYTES: u64 = 32 * 1024 * 1024;

/// Most XML elements `content.xml` may hold (a year's table has about 100,000).
pub const MAX_ELEMENTS: u64 = 1_000_000;

/// Deepest nesting of XML elements in `content.xml` (a sheet nests about 10 deep).
pub const MAX_XML_DEPTH: usize = 64;

/// Most cells holding something, once repeated rows and cells are counted as many times as
/// they repeat (a year's table has about 30 a plan).
pub const MAX_CELLS: u64 = 1_000_000;

/// Most text, in bytes of XML, the cells make once repeated (and `text:s` runs of spaces
/// counted as the spaces they stand for): as much as a CSV file import reads.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// Most places in a sheet's grid, up to its last row and column that hold something: the
/// table is read row by row across that grid.
pub const MAX_GRID: u64 = 4_000_000;

/// Most files in the package (a spreadsheet program writes about 10).
pub const MAX_ENTRIES: usize = 1000;

/// The furthest row or column a sheet may reach with its repeats, empty ones included (a
/// spreadsheet program's largest sheet has 16,777,216 rows).
const MAX_POSITION: u64 = 1 << 24;

/// The ODS package `bytes` measured as [`from_ods`] says, without making a cell; the first
/// limit passed is the error, naming the row it was passed at where there is one.
pub fn measure(bytes: &[u8]) -> Result<(), ImportError> {
    use std::io::Read;
    let unreadable = |e: Box<dyn std::error::Error + Send + Sync>| ImportError::Unreadable {
        kind: "ODS",
        source: e,
    };
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(Box::new(e)))?;
    if zip.len() > MAX_ENTRIES {
        let n = zip.len();
        return Err(ImportError::TooLarge(msg!(
            "the spreadsheet package holds {n} files; import reads one of at most {MAX_ENTRIES}",
            "試算表檔案包含 {n} 個檔案；匯入最多只讀 {MAX_ENTRIES} 個"
        )));
    }
    let content = zip
        .by_name("content.xml")
        .map_err(|e| unreadable(Box::new(e)))?;
    let too_big = || {
        let mb = MAX_CONTENT_BYTES / (1024 * 1024);
        ImportError::TooLarge(msg!(
            "the spreadsheet's sheets (content.xml) unpack to more than {mb} MB, the most import reads; save the table as CSV, or split it",
            "試算表的工作表（content.xml）解壓後超過 {mb} MB，超出匯入的上限；請另存為 CSV，或拆成幾個檔案"
        ))
    };
    if content.size() > MAX_CONTENT_BYTES {
        return Err(too_big());
    }
    // the size the package states is not trusted: reading stops past the limit
    let reader = std::io::BufReader::new(content.take(MAX_CONTENT_BYTES + 1));
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut m = Measure::default();
    let mut buf = Vec::new();
    loop {
        let ev = xml.read_event_into(&mut buf);
        if xml.buffer_position() > MAX_CONTENT_BYTES {
            return Err(too_big());
        }
        match ev.map_err(|e| unreadable(Box::new(e)))? {
            quick_xml::events::Event::Start(e) => m.open(&e, false, xml.buffer_position())?,
            quick_xml::events::Event::Empty(e) => m.open(&e, true, xml.buffer_position())?,
            quick_xml::events::Event::End(e) => {
                m.close(e.name().as_ref(), xml.buffer_position())?
            }
            quick_xml::events::Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// What [`measure`] has counted so far.
#[derive(Default)]
struct Measure {
    elements: u64,
    depth: usize,
    cells: u64,
    text: u64,
    /// The tables open (a table may hold one in a cell).
    tables: Vec<TableMeasure>,
}

/// One table's place and what its current row holds.
#[derive(Default)]
struct TableMeasure {
    /// The row (0-based) the current one starts at, and how often it repeats.
    row: u64,
    row_repeat: u64,
    /// The column the next cell starts at.
    col: u64,
    /// The cells holding something in the current row, and their text, counting the
    /// columns they repeat across.
    row_cells: u64,
    row_text: u64,
    /// Where the cell being read started (a byte of the XML) and how often it repeats.
    cell: Option<(u64, u64)>,
    /// Spaces `text:s` stands for in the cell being read.
    cell_spaces: u64,
    /// One past the last row and column holding something.
    rows: u64,
    cols: u64,
}

/// Attributes that make `spreadsheet-ods` keep a cell written without content: a value, a
/// formula, a span, a validation (others, such as a style, leave it empty, and it is not
/// read).
const STORED_ATTRIBUTES: [&[u8]; 14] = [
    b"office:value-type",
    b"calcext:value-type",
    b"office:value",
    b"office:date-value",
    b"office:time-value",
    b"office:boolean-value",
    b"office:string-value",
    b"office:currency",
    b"table:formula",
    b"table:number-columns-spanned",
    b"table:number-rows-spanned",
    b"table:number-matrix-columns-spanned",
    b"table:number-matrix-rows-spanned",
    b"table:content-validation-name",
];

/// The number an attribute `name` of `e` gives (1 when absent), or a message.
fn count_attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Result<u64, ImportError> {
    for a in e.attributes().with_checks(false) {
        let Ok(a) = a else { continue };
        if a.key.as_ref() == name {
            return std::str::from_utf8(&a.value)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    let name = String::from_utf8_lossy(name);
                    ImportError::TooLarge(msg!(
                        "`{name}` is not a count the spreadsheet can hold",
                        "`{name}` 不是試算表可以有的數量"
                    ))
                });
        }
    }
    Ok(1)
}

impl Measure {
    fn open(
        &mut self,
        e: &quick_xml::events::BytesStart<'_>,
        empty: bool,
        at: u64,
    ) -> Result<(), ImportError> {
        self.element(empty)?;
        match e.name().as_ref() {
            b"table:table" if !empty => self.tables.push(TableMeasure::default()),
            b"table:table-row" => {
                let repeat = count_attr(e, b"table:number-rows-repeated")?;
                let Some(t) = self.tables.last_mut() else {
                    return Ok(());
                };
                t.row_repeat = repeat;
                t.col = 0;
                t.row_cells = 0;
                t.row_text = 0;
                if empty {
                    return self.row_done();
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let repeat = count_attr(e, b"table:number-columns-repeated")?;
                let Some(t) = self.tables.last_mut() else {
                    return Ok(());
                };
                let has_value = e
                    .attributes()
                    .with_checks(false)
                    .any(|a| a.is_ok_and(|a| STORED_ATTRIBUTES.contains(&a.key.as_ref())));
                let start = at.saturating_sub(e.len() as u64 + 2);
                if !empty || has_value {
                    t.add_cell(repeat);
                }
                if !empty {
                    // its end says how much text it holds
                    t.cell = Some((start, repeat));
                    t.cell_spaces = 0;
                } else if has_value {
                    t.add_text(at - start, repeat);
                }
                let row = t.row + 1;
                // what the row holds so far, as often as it repeats, must fit
                let cells = t.row_cells.saturating_mul(t.row_repeat);
                let text = t.row_text.saturating_mul(t.row_repeat);
                self.fits(cells, text, row)?;
                let Some(t) = self.tables.last_mut() else {
                    return Ok(());
                };
                t.col = t.col.saturating_add(repeat);
                if t.col > MAX_POSITION {
                    return Err(ImportError::TooLarge(msg!(
                        "row {row} of the spreadsheet reaches past column {MAX_POSITION}, the most a sheet has",
                        "試算表第 {row} 列超過第 {MAX_POSITION} 欄，這是工作表的上限"
                    )));
                }
            }
            b"text:s" => {
                let spaces = count_attr(e, b"text:c")?;
                if let Some(t) = self.tables.last_mut() {
                    t.cell_spaces = t.cell_spaces.saturating_add(spaces);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// One more element, and one level deeper unless `empty`: both bounded.
    fn element(&mut self, empty: bool) -> Result<(), ImportError> {
        self.elements += 1;
        if self.elements > MAX_ELEMENTS {
            return Err(ImportError::TooLarge(msg!(
                "the spreadsheet's sheets hold more than {MAX_ELEMENTS} elements, the most import reads; save the table as CSV, or split it",
                "試算表的工作表超過 {MAX_ELEMENTS} 個元素，超出匯入的上限；請另存為 CSV，或拆成幾個檔案"
            )));
        }
        if !empty {
            self.depth += 1;
            if self.depth > MAX_XML_DEPTH {
                return Err(ImportError::TooLarge(msg!(
                    "the spreadsheet's sheets nest more than {MAX_XML_DEPTH} elements deep",
                    "試算表的工作表巢狀超過 {MAX_XML_DEPTH} 層"
                )));
            }
        }
        Ok(())
    }

    fn close(&mut self, name: &[u8], at: u64) -> Result<(), ImportError> {
        self.depth = self.depth.saturating_sub(1);
        match name {
            b"table:table" => {
                self.tables.pop();
            }
            b"table:table-row" => return self.row_done(),
            b"table:table-cell" | b"table:covered-table-cell" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some((start, repeat)) = t.cell.take() {
                        let size = (at - start).saturating_add(t.cell_spaces);
                        t.add_text(size, repeat);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The current row is complete: what it holds, as often as it repeats, is counted.
    fn row_done(&mut self) -> Result<(), ImportError> {
        let Some(t) = self.tables.last_mut() else {
            return Ok(());
        };
        let first = t.row + 1;
        if t.row_cells > 0 {
            self.cells = self
                .cells
                .saturating_add(t.row_cells.saturating_mul(t.row_repeat));
            self.text = self
                .text
                .saturating_add(t.row_text.saturating_mul(t.row_repeat));
            t.rows = t.row.saturating_add(t.row_repeat);
        }
        t.row = t.row.saturating_add(t.row_repeat);
        let limit = |what: Msg| {
            let (en, zh) = (what.en, what.zh);
            Err(ImportError::TooLarge(msg!(
                "{en} (at row {first})",
                "{zh}（第 {first} 列）"
            )))
        };
        if t.row > MAX_POSITION {
            return limit(msg!(
                "the spreadsheet's rows reach past row {MAX_POSITION}, the most a sheet has",
                "試算表的列超過第 {MAX_POSITION} 列，這是工作表的上限"
            ));
        }
        let grid = t.rows.saturating_mul(t.cols);
        self.fits(0, 0, first)?;
        if grid > MAX_GRID {
            return limit(msg!(
                "the spreadsheet's filled rows and columns span more than {MAX_GRID} cells, the most import reads (is something written far below or to the right of the table?)",
                "試算表有資料的列與欄範圍超過 {MAX_GRID} 格，超出匯入的上限（表格下方或右方遠處是否寫了東西？）"
            ));
        }
        Ok(())
    }
}

impl Measure {
    /// Whether the cells and text counted, and `cells` and `text` more (of the row starting
    /// at `row`, 1-based), are within the limits.
    fn fits(&self, cells: u64, text: u64, row: u64) -> Result<(), ImportError> {
        let limit = |what: Msg| {
            let (en, zh) = (what.en, what.zh);
            Err(ImportError::TooLarge(msg!(
                "{en} (at row {row})",
                "{zh}（第 {row} 列）"
            )))
        };
        if self.cells.saturating_add(cells) > MAX_CELLS {
            return limit(msg!(
                "the spreadsheet holds more than {MAX_CELLS} cells once its repeated rows and cells are counted, the most import reads",
                "試算表計入重複的列與格後超過 {MAX_CELLS} 格，超出匯入的上限"
            ));
        }
        if self.text.saturating_add(text) > MAX_TEXT_BYTES {
            let mb = MAX_TEXT_BYTES / (1024 * 1024);
            return limit(msg!(
                "the spreadsheet's cells hold more than {mb} MB of text once its repeated rows and cells are counted, the most import reads",
                "試算表計入重複的列與格後，文字超過 {mb} MB，超出匯入的上限"
            ));
        }
        Ok(())
    }
}

impl TableMeasure {
    /// A cell holding something, repeated across `repeat` columns from the current one.
    fn add_cell(&mut self, repeat: u64) {
        self.row_cells = self.row_cells.saturating_add(repeat);
        self.cols = self.cols.max(self.col.saturating_add(repeat));
    }

    /// The text of a cell, `size` bytes of XML, repeated across `repeat` columns.
    fn add_text(&mut self, size: u64, repeat: u64) {
        self.row_text = self.row_text.saturating_add(size.saturating_mul(repeat));
    }
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
        Value::Number(x) | Value::Currency(x, _) => x.to_string(),
        Value::Percentage(x) => percent_text(*x),
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
            // measured before reading ([`measure`]); bounded here as well
            let n = t
                .get_attr("text:c")
                .and_then(|c| c.parse::<usize>().ok())
                .unwrap_or(1)
                .min(MAX_TEXT_BYTES as usize);
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
    fn percentages_are_moved_two_places_exactly() {
        for (v, f) in [
            ("99.22", "0.9922"),
            ("100", "1"),
            ("0", "0"),
            ("0.21", "0.0021"),
            ("5", "0.05"),
            ("44.29", "0.4429"),
            ("-1.5", "-0.015"),
            ("1234.5678", "12.345678"),
        ] {
            assert_eq!(hundredth(v).as_deref(), Some(f), "{v}");
            let back = percent_text(f.parse().unwrap());
            assert_eq!(back, v, "{f}");
        }
        assert_eq!(hundredth("1e5"), None);
        assert_eq!(hundredth(""), None);
        assert_eq!(hundredth(".5"), None);
    }
}
