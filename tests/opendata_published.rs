//! The open data as the real site publishes them: every JSON file meets the published schema
//! (judged by an independent validator, the `jsonschema` crate), no CSV cell is one a
//! spreadsheet turns into a date or a time, the ODS types, styles, freezes and describes its
//! cells, every year's files are there beside each year's, and the pages link them.

mod common;
use common::*;
use std::io::Read;

/// The site built once per test, and its `data/` folder's files of one extension.
fn published(f: &Fixture, ext: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(f.out().join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_json_file_meets_the_published_schema() {
    let f = Fixture::real();
    f.build().unwrap();
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(f.out().join("data/schema.json")).unwrap()).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(
        schema["$id"],
        "https://gongkai.netlify.app/data/schema.json"
    );
    jsonschema::meta::validate(&schema).unwrap_or_else(|e| panic!("not a valid schema: {e}"));
    let v = jsonschema::draft7::new(&schema).unwrap();
    let files: Vec<_> = published(&f, "json")
        .into_iter()
        .filter(|(n, _)| n != "schema.json")
        .collect();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["111.json", "all.json"]);
    for (name, bytes) in &files {
        let data: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&data)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
        assert_eq!(data["$schema"], schema["$id"], "{name}");
        // every field the file has is one the schema describes, down to the facts
        let mut extra = data.clone();
        extra["plans"][0]["facts"]["budget_q5"] = 1.into();
        assert!(!v.is_valid(&extra), "{name}: an undescribed field passes");
        let mut wrong = data.clone();
        wrong["format_version"] = 2.into();
        assert!(!v.is_valid(&wrong), "{name}: another format version passes");
    }
    // the schema describes each field in both languages
    let plan = &schema["definitions"]["Plan"]["properties"];
    let d = plan["year"]["description"].as_str().unwrap();
    assert!(d.contains("ROC year") && d.contains("民國年"), "{d}");
    // the all-years file holds what the year's does
    let year: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap();
    let all: serde_json::Value = serde_json::from_slice(&files[1].1).unwrap();
    assert_eq!(year["plans"], all["plans"]);
    assert_eq!(year["sources"], all["sources"]);
}

/// The shape a spreadsheet sees in a cell: each run of digits `9`, a month's name `m`, `am`
/// or `pm` `p`, any other word `w`, other characters as they are.
fn shape(cell: &str) -> String {
    let lower = cell.trim().to_lowercase();
    let mut out = String::new();
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            while chars.next_if(char::is_ascii_digit).is_some() {}
            out.push('9');
        } else if c.is_ascii_alphabetic() {
            let mut word = c.to_string();
            while let Some(l) = chars.next_if(char::is_ascii_alphabetic) {
                word.push(l);
            }
            let months = [
                "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
            ];
            out.push(match word.as_str() {
                "am" | "pm" => 'p',
                w if w.len() >= 3 && months.iter().any(|m| w.starts_with(m)) => 'm',
                _ => 'w',
            });
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a spreadsheet opening a CSV would change `cell` into a date or a time: the whole
/// cell is one of the shapes it reads as one.
fn turns_into_a_date(cell: &str) -> bool {
    const SHAPES: &[&str] = &[
        "9:9",
        "9:9:9",
        "9:9.9",
        "9:9:9.9",
        "9/9",
        "9/9/9",
        "9-9",
        "9-9-9",
        "9.9.9",
        "9:9 p",
        "9:9p",
        "9 p",
        "9p",
        "m 9",
        "9 m",
        "m 9 9",
        "9 m 9",
        "m 9, 9",
        "9-m",
        "m-9",
        "9-m-9",
        "m-9-9",
        "9/m/9",
        "m. 9",
        "9月9日",
        "9年9月",
        "9年9月9日",
    ];
    SHAPES.contains(&shape(cell).as_str())
}

#[test]
fn the_date_check_knows_what_spreadsheets_do() {
    for cell in [
        "3:3",
        "2:9.97",
        "1/2",
        "1-2",
        "2022-01-05",
        "Jan 5",
        "5-Mar",
        "March 2022",
        "10:30 pm",
        "1月2日",
    ] {
        assert!(turns_into_a_date(cell), "{cell}");
        assert!(gongkai::opendata::date_shaped(cell), "{cell}");
    }
    for cell in [
        "99.22",
        "111",
        "0.21",
        "q2:5",
        "q2:5;q3:1",
        "work_plan:1",
        "true",
        "'3:3",
        "mol-x",
    ] {
        assert!(!turns_into_a_date(cell), "{cell}");
    }
    // a record's text of that shape is written after a `'`, and read back as it was
    let mut p = example();
    p.name.en = "3:3".into();
    p.name.zh = "1/2".into();
    let csv = gongkai::opendata::to_csv(std::slice::from_ref(&p), &agencies());
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains(",'1/2,'3:3,"), "{text}");
    let back = gongkai::opendata::from_csv(&csv).unwrap();
    assert_eq!(
        (back[0].name.zh.as_str(), back[0].name.en.as_str()),
        ("1/2", "3:3")
    );
}

#[test]
fn no_csv_cell_turns_into_a_date_or_ends_in_a_line_break() {
    let f = Fixture::real();
    f.build().unwrap();
    let files = published(&f, "csv");
    assert_eq!(files.len(), 2, "111.csv and all.csv");
    for (name, bytes) in &files {
        let text = std::str::from_utf8(bytes)
            .unwrap()
            .trim_start_matches('\u{feff}');
        let mut cells = 0;
        for row in csv::Reader::from_reader(text.as_bytes()).records() {
            for cell in row.unwrap().iter() {
                cells += 1;
                assert!(!turns_into_a_date(cell), "{name}: {cell:?}");
                assert!(!cell.ends_with(['\n', '\r']), "{name}: {cell:?}");
            }
        }
        assert!(cells > 20 * 30, "{name}: {cells} cells");
    }
    assert_eq!(files[0].1, files[1].1, "one year: all.csv is 111.csv");
}

/// The text of `entry` in the ODS package `bytes`.
fn entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Each `table:table-cell` of content.xml, sheet by sheet: its attributes and its text.
type Cells = Vec<(String, Vec<Vec<(Vec<(String, String)>, String)>>)>;

fn sheets(content: &str) -> Cells {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(content);
    let mut out: Cells = Vec::new();
    let attrs = |e: &quick_xml::events::BytesStart| -> Vec<(String, String)> {
        e.attributes()
            .map(|a| {
                let a = a.unwrap();
                let k = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                (k, String::from_utf8(a.value.to_vec()).unwrap())
            })
            .collect()
    };
    let mut cell: Option<(Vec<(String, String)>, String)> = None;
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"table:table" => {
                let name = attrs(&e)
                    .into_iter()
                    .find(|(k, _)| k == "table:name")
                    .unwrap()
                    .1;
                out.push((name, Vec::new()));
            }
            Event::Start(e) if e.name().as_ref() == b"table:table-row" => {
                out.last_mut().unwrap().1.push(Vec::new());
            }
            Event::Start(e) if e.name().as_ref() == b"table:table-cell" => {
                cell = Some((attrs(&e), String::new()));
            }
            Event::Empty(e) if e.name().as_ref() == b"table:table-cell" => {
                let row = out.last_mut().unwrap().1.last_mut().unwrap();
                row.push((attrs(&e), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = &mut cell {
                    text.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = &mut cell {
                    let name = r.decode().unwrap();
                    let entities = [
                        ("amp", "&"),
                        ("lt", "<"),
                        ("gt", ">"),
                        ("quot", "\""),
                        ("apos", "'"),
                    ];
                    let c = entities
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map_or("\u{fffd}", |e| e.1);
                    text.push_str(c);
                }
            }
            Event::End(e) if e.name().as_ref() == b"table:table-cell" => {
                let row = out.last_mut().unwrap().1.last_mut().unwrap();
                row.push(cell.take().unwrap());
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

fn attr<'a>(cell: &'a [(String, String)], name: &str) -> Option<&'a str> {
    cell.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn the_ods_types_styles_freezes_and_describes_its_cells() {
    let f = Fixture::real();
    f.build().unwrap();
    let ods = std::fs::read(f.out().join("data/111.ods")).unwrap();
    let content = entry(&ods, "content.xml");
    let sheets = sheets(&content);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["plans", "about"]);
    let rows = &sheets[0].1;
    assert_eq!(rows.len(), 21);
    let header: Vec<&str> = rows[0].iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(header, gongkai::opendata::COLUMNS.to_vec());
    // the header's style is bold
    let head_style = attr(&rows[0][0].0, "table:style-name").expect("the header is styled");
    assert!(rows[0]
        .iter()
        .all(|(a, _)| attr(a, "table:style-name") == Some(head_style)));
    let bold = format!(
        r#"<style:style style:name="{head_style}" style:family="table-cell"><style:text-properties fo:font-weight="bold""#
    );
    assert!(content.contains(&bold), "no bold style {head_style}");
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let item18 = &rows[18];
    // booleans as booleans
    for col in ["reports_on_time", "special_performance"] {
        for row in &rows[1..] {
            let (a, _) = &row[at(col)];
            assert_eq!(attr(a, "office:value-type"), Some("boolean"), "{col}");
            assert!(matches!(
                attr(a, "office:boolean-value"),
                Some("true" | "false")
            ));
        }
    }
    assert_eq!(
        attr(&item18[at("special_performance")].0, "office:boolean-value"),
        Some("true")
    );
    // percentages as percentages, formatted with a percentage style
    let (a, shown) = &item18[at("budget_q3")];
    assert_eq!(attr(a, "office:value-type"), Some("percentage"));
    assert_eq!(attr(a, "office:value"), Some("0.9922"));
    assert_eq!(shown, "99.22%");
    let pct = attr(a, "table:style-name").unwrap();
    assert!(content.contains(&format!(
        r#"style:name="{pct}" style:family="table-cell" style:data-style-name=""#
    )));
    assert!(content.contains("<number:percentage-style"));
    let (a, shown) = &item18[at("lag_q3")];
    assert_eq!(
        (attr(a, "office:value"), shown.as_str()),
        (Some("0.0021"), "0.21%")
    );
    assert_eq!(
        attr(&item18[at("year")].0, "office:value-type"),
        Some("float")
    );
    // the header row frozen in both sheets
    let settings = entry(&ods, "settings.xml");
    for sheet in ["plans", "about"] {
        let from = settings.find(&format!(r#"config:name="{sheet}""#)).unwrap();
        let part = &settings[from..from
            + settings[from..]
                .find("</config:config-item-map-entry>")
                .unwrap()];
        assert!(
            part.contains(r#"config:name="VerticalSplitMode" config:type="short">2<"#),
            "{sheet}"
        );
        assert!(
            part.contains(r#"config:name="VerticalSplitPosition" config:type="int">1<"#),
            "{sheet}"
        );
    }
    assert!(entry(&ods, "META-INF/manifest.xml").contains(r#"manifest:full-path="settings.xml""#));
    // the second sheet: license, source, and every column's type and meaning in both languages
    let about: Vec<Vec<&str>> = (sheets[1].1.iter())
        .map(|r| r.iter().map(|(_, t)| t.as_str()).collect())
        .collect();
    let row_of = |key: &str| {
        about
            .iter()
            .find(|r| r.first().is_some_and(|k| k.starts_with(key)))
    };
    assert_eq!(
        row_of("license /").unwrap()[1..],
        [
            "政府資料開放授權條款－第1版",
            "Open Government Data License, version 1.0"
        ]
    );
    assert_eq!(
        row_of("license_url").unwrap()[1],
        "https://data.gov.tw/license"
    );
    assert_eq!(
        row_of("source 111").unwrap()[1],
        "111 年度部會管制個案計畫評核"
    );
    assert_eq!(row_of("generated").unwrap()[1], "2023-06-30");
    for d in gongkai::opendata::field_descriptions() {
        let row = about
            .iter()
            .find(|r| r.first() == Some(&d.name))
            .unwrap_or_else(|| panic!("{}", d.name));
        let (zh, en) = d.kind.label();
        assert_eq!(row[1..], [zh, en, d.zh, d.en], "{}", d.name);
    }
    assert_eq!(
        row_of("budget_q1").unwrap()[2],
        "percentage as a number (99.22 is 99.22%)"
    );
}

#[test]
fn every_years_files_are_linked_with_their_sizes_and_the_license() {
    let f = Fixture::real();
    f.build().unwrap();
    for (page, lang) in [("data/index.html", "zh"), ("en/data/index.html", "en")] {
        let html = f.read(page);
        let links = attr_values(&html, "href");
        for file in [
            "/data/all.json",
            "/data/all.csv",
            "/data/all.ods",
            "/data/111.json",
            "/data/111.csv",
            "/data/111.ods",
            "/data/schema.json",
            "https://data.gov.tw/license",
        ] {
            assert!(
                links.iter().any(|l| l == file),
                "{page} does not link {file}"
            );
        }
        // each file's size, as the file is
        for file in ["all.csv", "111.ods", "schema.json"] {
            let bytes = std::fs::metadata(f.out().join("data").join(file))
                .unwrap()
                .len();
            let size = format!("({:.1} KB)", bytes as f64 / 1024.0);
            let at = html.find(&format!("/data/{file}")).unwrap();
            let after: String = html[at..].chars().take(200).collect();
            assert!(
                after.contains(&size),
                "{page}: {file} without {size}: {after}"
            );
        }
        let (licence, all, kind) = match lang {
            "zh" => (
                "政府資料開放授權條款－第1版",
                "所有年度",
                "純文字，段落以空行分隔",
            ),
            _ => (
                "Open Government Data License, version 1.0",
                "All years",
                "plain text, paragraphs separated by a blank line",
            ),
        };
        for text in [licence, all, kind] {
            assert!(html.contains(text), "{page}: no {text}");
        }
        assert!(!html.contains("Markdown)"), "{page} calls a field Markdown");
    }
    // the open-data notice names the ODS and links the downloads and the license
    for (page, downloads) in [
        ("open-data/index.html", "/data/"),
        ("en/open-data/index.html", "/en/data/"),
    ] {
        let html = f.read(page);
        assert!(html.contains("ODS"), "{page}");
        let links = attr_values(&html, "href");
        for want in [
            downloads,
            "/data/all.ods",
            "/data/all.csv",
            "/data/all.json",
            "https://data.gov.tw/license",
        ] {
            assert!(
                links.iter().any(|l| l == want),
                "{page} does not link {want}: {links:?}"
            );
        }
    }
}

#[test]
fn a_sites_own_license_is_stated_everywhere_and_checked() {
    let f = Fixture::real();
    f.edit(
        "content/site.yaml",
        "  url: https://data.gov.tw/license\n  spdx: OGDL-Taiwan-1.0\n",
        "  url: https://example.test/licence-zh\n  url_en: https://example.test/license-en\n",
    );
    f.edit(
        "content/site.yaml",
        "    en: Open Government Data License, version 1.0\n",
        "    en: Example Data License\n",
    );
    f.build().unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(f.out().join("data/all.json")).unwrap()).unwrap();
    assert_eq!(json["license"]["name"]["en"], "Example Data License");
    assert_eq!(
        json["license"]["url"]["zh"],
        "https://example.test/licence-zh"
    );
    assert_eq!(
        json["license"]["url"]["en"],
        "https://example.test/license-en"
    );
    assert_eq!(json["license"]["spdx"], serde_json::Value::Null);
    for (page, url) in [
        ("data/index.html", "https://example.test/licence-zh"),
        ("en/data/index.html", "https://example.test/license-en"),
        ("en/open-data/index.html", "https://example.test/license-en"),
    ] {
        let html = f.read(page);
        assert!(
            attr_values(&html, "href").iter().any(|l| l == url),
            "{page}"
        );
    }
    assert!(f
        .read("en/data/index.html")
        .contains("Example Data License"));
    let ods = std::fs::read(f.out().join("data/111.ods")).unwrap();
    assert!(entry(&ods, "content.xml").contains("<text:p>Example Data License</text:p>"));
    // an address that is not a web address is refused, naming the field
    f.edit(
        "content/site.yaml",
        "url_en: https://example.test/license-en",
        "url_en: example.test/en",
    );
    let o = cli(&["check", "--root", f.root().to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("data_license.url_en"), "{err}");
}
