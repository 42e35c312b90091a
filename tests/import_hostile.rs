//! Odd and hostile tables: problems with the right line numbers, never a panic.

use gongkai::content::schema::{Challenge, LateReport, ReportKind, ReturnedReport};
use gongkai::import::{parse_table, ImportOutcome};
use proptest::prelude::*;

mod common;
use common::agencies;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/import/{name}")).unwrap()
}

fn run(text: &str) -> ImportOutcome {
    parse_table(text, 111, &agencies())
}

fn lines(o: &ImportOutcome) -> Vec<usize> {
    o.problems.iter().map(|p| p.line).collect()
}

#[test]
fn continuation_without_item() {
    let o = run(&fixture("orphan_continuation.txt"));
    assert_eq!(lines(&o), vec![4], "{:#?}", o.problems);
    assert!(o.problems[0].message.contains("continuation"));
    assert_eq!(o.records.len(), 1);
    assert_eq!(o.records[0].item, 1);
    // The orphan text went nowhere.
    assert!(!o.records[0].review.administration.zh.contains("孤兒"));
}

#[test]
fn unknown_agency() {
    let o = run(&fixture("unknown_agency.txt"));
    assert_eq!(lines(&o), vec![3], "{:#?}", o.problems);
    assert!(o.problems[0].message.contains("人事處"));
    assert!(o.problems[0].message.contains("item 2"));
    assert_eq!(o.records.len(), 4);
    assert_eq!(o.records[1].agency, "");
    // An agency split across a page break, and one with a wrap space.
    assert_eq!(o.records[2].agency, "labor-standards-equal-employment");
    assert_eq!(
        o.records[2].review.administration.zh,
        "(一)如期依限提報。\n"
    );
    assert_eq!(o.records[3].agency, "bli");
}

#[test]
fn row_with_three_cells() {
    let o = run(&fixture("three_cells.txt"));
    assert_eq!(lines(&o), vec![4], "{:#?}", o.problems);
    assert!(o.problems[0].message.contains("found 3"));
    assert_eq!(
        o.records.iter().map(|r| r.item).collect::<Vec<_>>(),
        vec![1, 3]
    );
    assert!(!o.records[0].review.performance.zh.contains("壞列"));
}

#[test]
fn missing_section() {
    let o = run(&fixture("missing_section.txt"));
    assert!(!o.problems.is_empty());
    assert!(o.problems.iter().all(|p| p.line == 2), "{:#?}", o.problems);
    assert!(o
        .problems
        .iter()
        .any(|p| p.message.contains("二、經費運用") && p.message.contains("missing")));
    assert!(o.problems.iter().any(|p| p.message.contains("budget")));
    assert_eq!(o.records.len(), 2);
    assert_eq!(o.records[0].review.budget.zh, "");
    assert_eq!(o.records[1].facts.budget_execution, [100.0; 4]);
}

#[test]
fn page_breaks_wraps_and_markdown() {
    let o = run(&fixture("page_breaks.txt"));
    assert!(o.problems.is_empty(), "{:#?}", o.problems);
    assert_eq!(o.records.len(), 1);
    let r = &o.records[0];
    assert_eq!(r.id, "labor-welfare-retirement-111-7");
    assert_eq!(r.agency, "labor-welfare-retirement");
    assert_eq!(r.name.zh, "推動 LINE Bot 整合應用計畫");
    assert!(r
        .review
        .administration
        .zh
        .contains("所定目標「甲」、「乙丙」均已完成，略具挑戰性。\n\n2.年度目標明確性"));
    assert_eq!(
        r.review.performance.zh,
        "1\\. LINE 建置 e 網\n\n\\- e 化「甲」及「乙」之系統整合。\n"
    );
    let f = &r.facts;
    assert!(!f.reports.on_time);
    assert_eq!(
        f.reports.late,
        vec![LateReport {
            report: ReportKind::Q1,
            days: 3
        }]
    );
    assert_eq!(
        f.reports.returned,
        vec![ReturnedReport {
            report: ReportKind::Q4,
            times: 2
        }]
    );
    assert_eq!(f.lags.len(), 1);
    assert_eq!((f.lags[0].quarter, f.lags[0].percent), (2, 1.5));
    assert_eq!(f.target_challenge, Challenge::SlightlyChallenging);
    assert_eq!(f.budget_execution, [50.0, 60.0, 100.0, 100.0]);
    assert!(f.special_performance);
}

#[test]
fn crlf_and_bom_give_the_same_result() {
    for name in [
        "page_breaks.txt",
        "unknown_agency.txt",
        "three_cells.txt",
        "orphan_continuation.txt",
    ] {
        let lf = fixture(name);
        let a = run(&lf);
        for variant in [
            lf.replace('\n', "\r\n"),
            format!("\u{feff}{lf}"),
            format!("\u{feff}{}", lf.replace('\n', "\r\n")),
            lf.replace('\n', "\r"),
        ] {
            let b = run(&variant);
            assert_eq!(a.problems, b.problems, "{name}");
            let ya: Vec<String> = a.records.iter().map(gongkai::import::to_yaml).collect();
            let yb: Vec<String> = b.records.iter().map(gongkai::import::to_yaml).collect();
            assert_eq!(ya, yb, "{name}");
        }
    }
}

#[test]
fn empty_and_blank_input() {
    for text in [
        "",
        "\u{feff}",
        "\n\n",
        "\r\n",
        "項次\t主辦機關\t計畫名稱\t複核結果\n",
        "## title only",
    ] {
        let o = run(text);
        assert!(o.records.is_empty());
        assert_eq!(lines(&o), vec![1], "{text:?}: {:#?}", o.problems);
    }
}

#[test]
fn odd_rows() {
    let full = "<p>一、行政作業</p><p>(一)如期。</p><p>二、經費運用</p><p>進度均達 100%。</p><p>三、特殊績效</p><p>特殊績效所列事項，同年度所設工作目標。</p>";
    let text = format!(
        "x\n1\t秘書處\t甲\t{full}\t\t\n<p>stray</p>\nabc\t秘書處\t乙\t{full}\n\t\t\t<p>skipped</p>\n1\t秘書處\t丙\t{full}\n2\t秘書處\t丁\t{full}\textra\n3\t秘書處\t戊\t<p>一、行政作業 (一)x</p><p>二、經費運用 第 1 季 50%</p><p>三、特殊績效</p><p>y 二、經費運用 z</p>\n"
    );
    let o = run(&text);
    let got: Vec<(usize, bool)> = o.problems.iter().map(|p| (p.line, true)).collect();
    assert_eq!(
        got.iter().map(|g| g.0).collect::<Vec<_>>(),
        vec![3, 4, 6, 7, 8, 8],
        "{:#?}",
        o.problems
    );
    assert!(o.problems[0].message.contains("outside"));
    assert!(o.problems[1].message.contains("not a positive number"));
    assert!(o.problems[2].message.contains("twice"));
    assert!(o.problems[3].message.contains("found 5"));
    assert_eq!(
        o.records.iter().map(|r| r.item).collect::<Vec<_>>(),
        vec![1, 3]
    );
    assert_eq!(o.records[0].name.zh, "甲");
}

fn table_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<p".to_string()),
        Just(" ".to_string()),
        Just("項次\t主辦機關\t計畫名稱\t複核結果\n".to_string()),
        Just("一、行政作業".to_string()),
        Just("二、經費運用".to_string()),
        Just("三、特殊績效".to_string()),
        Just("第 3 季".to_string()),
        Just("第 1 季至第 4 季".to_string()),
        Just("至".to_string()),
        Just("餘均達".to_string()),
        Just("逾期提送 5 日".to_string()),
        Just("退回修訂 3 次".to_string()),
        Just("落後 0.21%".to_string()),
        Just("99.5%".to_string()),
        Just("。".to_string()),
        Just("，".to_string()),
        Just("、".to_string()),
        Just("秘書處".to_string()),
        Just("1".to_string()),
        Just("20".to_string()),
        Just("4294967296".to_string()),
        Just("\u{feff}".to_string()),
        Just("具挑戰性".to_string()),
        Just("特殊績效所列事項，同年度所設工作目標".to_string()),
        "[0-9]{1,3}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        let _ = run(&text);
    }

    #[test]
    fn never_panics_on_table_like_text(pieces in proptest::collection::vec(table_piece(), 0..80)) {
        let text: String = pieces.concat();
        let o = run(&text);
        let n_lines = text.split('\n').count().max(1) + text.matches('\r').count();
        for p in &o.problems {
            prop_assert!(p.line >= 1 && p.line <= n_lines, "{p:?}");
        }
        for r in &o.records {
            let y = gongkai::import::to_yaml(r);
            let back: gongkai::content::schema::PlanFile = serde_yaml::from_str(&y).unwrap();
            prop_assert_eq!(serde_json::to_value(&back).unwrap(), serde_json::to_value(r).unwrap());
        }
    }
}

#[path = "common/peak.rs"]
mod peak;

/// An ODS package holding `content` as its sheets, built here as a spreadsheet program
/// would: the media type first and stored, the rest deflated.
pub fn ods_of(content: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content).unwrap();
    zip.finish().unwrap().into_inner()
}

/// A sheet's `content.xml` around `rows` (the table's rows as XML).
pub fn sheet(rows: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">"#,
            r#"<office:body><office:spreadsheet><table:table table:name="plans">{}"#,
            r#"</table:table></office:spreadsheet></office:body></office:document-content>"#
        ),
        rows
    )
}

/// A row of one text cell.
fn text_row(text: &str) -> String {
    format!(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell></table:table-row>"#
    )
}

/// The ODS reader's answer to `bytes`, and the most memory it held.
fn read_ods(
    bytes: &[u8],
) -> (
    Result<Vec<gongkai::content::schema::PlanFile>, ImportError>,
    usize,
) {
    peak::peak_of(|| gongkai::opendata_ods::from_ods(bytes))
}

use gongkai::import::ImportError;

#[test]
fn small_ods_files_that_unfold_into_billions_of_cells_are_refused_first() {
    let header = text_row("year");
    let repeated = |cell: &str| {
        sheet(&format!(
            "{header}<table:table-row>{cell}</table:table-row>"
        ))
    };
    let cases = [
        // 15 kB asked spreadsheet-ods for 24 GB: a cell with a value, a billion times
        (
            "a value across a billion columns",
            ods_of(repeated(r#"<table:table-cell office:value-type="string" table:number-columns-repeated="1000000000"><text:p>x</text:p></table:table-cell>"#).as_bytes()),
            "more than 1000000 cells",
        ),
        (
            "a row of values a billion times",
            ods_of(sheet(&format!(r#"{header}<table:table-row table:number-rows-repeated="1000000000"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#)).as_bytes()),
            "more than 1000000 cells",
        ),
        (
            "rows past the largest sheet",
            ods_of(sheet(&format!(r#"{header}<table:table-row table:number-rows-repeated="4294967295"><table:table-cell/></table:table-row><table:table-row table:number-rows-repeated="4294967295"><table:table-cell/></table:table-row>{header}"#)).as_bytes()),
            "reach past row 16777216",
        ),
        (
            "a value far below the table",
            ods_of(sheet(&format!(r#"{header}<table:table-row table:number-rows-repeated="10000000"><table:table-cell table:number-columns-repeated="5"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="100"/>{}</table:table-row>"#, r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#)).as_bytes()),
            "span more than 4000000 cells",
        ),
        (
            "a billion spaces",
            ods_of(sheet(&text_row(r#"a<text:s text:c="1000000000"/>b"#)).as_bytes()),
            "MB of text",
        ),
        (
            "a long text in many cells",
            ods_of(repeated(&format!(r#"<table:table-cell office:value-type="string" table:number-columns-repeated="1000"><text:p>{}</text:p></table:table-cell>"#, "x".repeat(100_000))).as_bytes()),
            "MB of text",
        ),
        (
            "nesting",
            ods_of(sheet(&text_row(&("<text:span>".repeat(100_000) + &"</text:span>".repeat(100_000)))).as_bytes()),
            "nest more than 64",
        ),
        (
            // 2 MB unpacking to 3.4 GB reached that much: the unpacking stops at the limit
            "a zip bomb",
            ods_of(sheet(&text_row(&" ".repeat(200_000_000))).as_bytes()),
            "unpack to more than 32 MB",
        ),
        (
            // a 32 MB sheet of a million rows took 3.9 GB
            "a million rows",
            ods_of(sheet(&text_row("1").repeat(1_000_000)).as_bytes()),
            "unpack to more than 32 MB",
        ),
        (
            "a million empty cells",
            ods_of(sheet(&format!("<table:table-row>{}</table:table-row>", "<table:table-cell/>".repeat(1_200_000))).as_bytes()),
            "more than 1000000 elements",
        ),
    ];
    for (what, bytes, said) in cases {
        assert!(bytes.len() < 1_000_000, "{what}: {} bytes", bytes.len());
        let start = std::time::Instant::now();
        let (r, peak) = read_ods(&bytes);
        let e = r.expect_err(what);
        assert!(e.to_string().contains(said), "{what}: {e}");
        assert!(peak < 80_000_000, "{what}: {}", peak::mb(peak));
        assert!(
            start.elapsed().as_secs() < 20,
            "{what}: {:?}",
            start.elapsed()
        );
        // and `import` names the file
        let d = e.about(std::path::Path::new("111.ods"));
        assert!(
            d.to_string().starts_with("1 problem found:\n  111.ods: "),
            "{what}: {d}"
        );
    }
}

#[test]
fn what_a_spreadsheet_program_writes_around_a_table_is_read() {
    // trailing empty cells and rows, styled, repeated to the sheet's edge, as LibreOffice
    // saves them: nothing is made of them
    let table = gongkai::opendata_ods::to_ods(&[common::example()], &agencies(), &common::meta());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&table)).unwrap();
    let mut content = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("content.xml").unwrap(), &mut content).unwrap();
    let edge = concat!(
        r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:style-name="ce1" table:number-columns-repeated="16384"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
    );
    let content = content
        .replace("</table:table-row></table:table>", &format!("</table:table-row>{edge}</table:table>"))
        .replace("</table:table-cell></table:table-row>", r#"</table:table-cell><table:table-cell table:style-name="ce1" table:number-columns-repeated="16000"/></table:table-row>"#);
    assert!(content.contains("1048574"));
    let (r, peak) = read_ods(&ods_of(content.as_bytes()));
    let plans = r.unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].id, common::example().id);
    assert!(peak < 20_000_000, "{}", peak::mb(peak));
}

#[test]
fn the_largest_ods_within_the_limits_costs_bounded_memory() {
    // about 32 MB of sheet: 450,000 rows of a number each
    let rows = r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#;
    let content = sheet(&rows.repeat(330_000));
    assert!(content.len() < 32 * 1024 * 1024);
    let (r, peak) = read_ods(&ods_of(content.as_bytes()));
    let e = r.unwrap_err();
    // read, and refused for what it holds (no header row)
    assert!(e.to_string().contains("row 1"), "{e}");
    // 118 MB when measured
    assert!(peak < 250_000_000, "{}", peak::mb(peak));
}

#[test]
fn a_long_cell_of_repeated_facts_makes_short_messages() {
    // 5,000 lags in one cell without a clause break: each problem quoted the whole cell
    // (550 MB of messages)
    let cell = format!("<p>一、行政作業</p><p>{}</p><p>二、經費運用</p><p>進度均達 100%。</p><p>三、特殊績效</p><p>無</p>", "落後 0.21%".repeat(5000));
    let text = format!("項次\t主辦機關\t計畫名稱\t複核結果\n1\t秘書處\t甲\t{cell}\n");
    let (o, peak) = peak::peak_of(|| run(&text));
    // said once, not read 5,000 times (which took time in the square of the cell)
    assert!(
        o.problems.iter().any(|p| p.message.contains("5000 times")),
        "{:?}",
        o.problems
    );
    assert!(
        o.problems
            .iter()
            .all(|p| p.message.en.chars().count() < 200 && p.message.zh.chars().count() < 200),
        "{}",
        o.problems[0].message
    );
    assert!(peak < 40_000_000, "{}", peak::mb(peak));
}
