//! Random and mutated inputs for every reader of what staff or others hand gongkai: the
//! content loader (YAML records), the Markdown renderer, the table importer and the ODS
//! reader. Each is seeded with the fixtures (`tests/fixtures/`) and the hostile inputs found
//! by review (nesting in any spelling, repeats that unfold into billions of cells, synonyms
//! and names that hide characters), then changed at random. Every case must end in a value
//! or a proper error (a line inside the file, when one is given), never a panic, within
//! bounded memory and time. 64 cases each, so the file runs in well under a minute in debug.

mod common;
#[path = "common/peak.rs"]
mod peak;

use gongkai::content::schema::PlanFile;
use gongkai::content::yaml;
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

const CASES: u32 = 64;

/// Most memory one case may hold, and most time it may take (debug build, shared machine).
const MEMORY: usize = 128_000_000;
const TIME: Duration = Duration::from_secs(15);

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel),
    )
    .unwrap()
}

/// `f` run once, its memory and time checked against the bounds.
fn bounded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    let start = Instant::now();
    let (r, peak) = peak::peak_of(f);
    prop_assert!(peak < MEMORY, "{what}: {}", peak::mb(peak));
    prop_assert!(start.elapsed() < TIME, "{what}: {:?}", start.elapsed());
    Ok(r)
}

/// `seed` with `pieces` inserted at places chosen by `at` (fractions of its length), each
/// piece repeated `times`: the mutations of every strategy here.
fn mutate(seed: &str, pieces: &[(String, usize, f64)]) -> String {
    let mut s = seed.to_string();
    for (piece, times, at) in pieces {
        let mut i = ((s.len() as f64) * at) as usize;
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        s.insert_str(i, &piece.repeat(*times));
    }
    s
}

/// Pieces with how often each is repeated (mostly once, sometimes thousands of times) and
/// where it goes.
fn insertions(
    piece: impl Strategy<Value = String>,
) -> impl Strategy<Value = Vec<(String, usize, f64)>> {
    proptest::collection::vec(
        (
            piece,
            prop_oneof![4 => Just(1usize), 1 => 2usize..50, 1 => Just(5_000usize)],
            0.0..1.0f64,
        ),
        0..12,
    )
}

/// The hostile characters of the review: controls, a byte order mark, direction controls,
/// zero-width characters.
fn odd_char() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\u{0}".to_string()),
        Just("\u{1}".to_string()),
        Just("\u{7f}".to_string()),
        Just("\u{85}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{2067}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{200d}".to_string()),
        Just("\u{fffe}".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn yaml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("- ".to_string()),
        Just("-  ".to_string()),
        Just("-    ".to_string()),
        Just("- \t".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{a: ".to_string()),
        Just("}".to_string()),
        Just("[{a: ".to_string()),
        Just(", ".to_string()),
        Just(": ".to_string()),
        Just("? ".to_string()),
        Just("\n".to_string()),
        Just("\n  ".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("!!binary ".to_string()),
        Just("!x ".to_string()),
        Just("\"\\x01\"".to_string()),
        Just("\"\\u202E\"".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("|\n".to_string()),
        Just(">-\n".to_string()),
        Just("# ".to_string()),
        Just("---\n".to_string()),
        Just("...\n".to_string()),
        Just("%YAML 1.2\n".to_string()),
        Just("x: 1\n".to_string()),
        Just("id: a\n".to_string()),
        Just("~".to_string()),
        Just("1e400".to_string()),
        Just("99999999999999999999".to_string()),
        Just("甲".to_string()),
        Just("x".repeat(1000)),
        odd_char(),
    ]
}

/// The fixture's records and settings, and the review's hostile records.
fn yaml_seed() -> impl Strategy<Value = String> {
    // the review's 4 MB records, cut to 100 kB (what they bound is counted the same way;
    // `tests/hostile.rs` reads them whole)
    let n = 100_000 / 3;
    prop_oneof![
        Just(fixture("minimal/content/plans/111/fix-bridge.yaml")),
        Just(fixture("minimal/content/plans/111/fix-ports.yaml")),
        Just(fixture("minimal/content/plans/110/fix-bridge.yaml")),
        Just(fixture("minimal/content/agencies.yaml")),
        Just(fixture("minimal/content/site.yaml")),
        Just("-  ".repeat(n) + "x\n"),
        Just(format!("id: {}", "[".repeat(n))),
        Just(format!("id: {}", "{a: ".repeat(n / 2))),
        Just(format!("id: [{}x]\n", "x,".repeat(n))),
        Just("a0: &a0 lol\na1: &a1 [*a0, *a0, *a0]\na2: [*a1, *a1, *a1]\n".to_string()),
        Just(format!("id: {}\n", "y".repeat(100_000))),
        Just(String::new()),
    ]
}

/// A record line's number is within its text (a problem's line points somewhere real).
fn within(text: &str, line: Option<usize>) -> bool {
    line.is_none_or(|l| l >= 1 && l <= text.split('\n').count() + text.matches('\r').count())
}

fn md_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("1. ".to_string()),
        Just("* ".to_string()),
        Just("**".to_string()),
        Just("_".to_string()),
        Just("`".to_string()),
        Just("```\n".to_string()),
        Just("\n\n".to_string()),
        Just("\n    ".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("[x]: http://a\n".to_string()),
        Just("![i](x.png)".to_string()),
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("&#x26;".to_string()),
        Just("&amp;".to_string()),
        Just("\\".to_string()),
        Just("# ".to_string()),
        Just("---\n".to_string()),
        Just("(一)".to_string()),
        Just("第 2 季落後 4.5%。".to_string()),
        odd_char(),
    ]
}

/// The fixture's review texts.
fn md_seed() -> impl Strategy<Value = String> {
    let record = fixture("minimal/content/plans/111/fix-bridge.yaml");
    let p: PlanFile = serde_yaml::from_str(&record).unwrap();
    prop_oneof![
        Just(p.review.administration.zh.clone()),
        Just(p.review.administration.en.clone()),
        Just(p.review.budget.zh.clone()),
        Just(p.review.performance.en.clone()),
        Just("- ".repeat(2000) + "x"),
        Just("&#x26;".repeat(20_000)),
        Just("<div>".repeat(5000)),
        Just(String::new()),
    ]
}

fn table_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("項次\t主辦機關\t計畫名稱\t複核結果\n".to_string()),
        // a second row with an item number already used
        Just("\n1\t秘書處\t甲\t<p>一、行政作業</p>\n".to_string()),
        Just("一、行政作業".to_string()),
        Just("二、經費運用".to_string()),
        Just("三、特殊績效".to_string()),
        Just("第 1 季至第 4 季".to_string()),
        Just("落後 0.21%".to_string()),
        Just("4294967296".to_string()),
        Just("99.5%".to_string()),
        odd_char(),
    ]
}

/// The import fixtures (`tests/fixtures/import/`).
fn table_seed() -> impl Strategy<Value = String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut seeds: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    seeds.sort();
    proptest::sample::select(seeds)
}

/// An ODS package holding `content` (as `tests/import_hostile.rs` builds them).
fn ods_of(content: &[u8]) -> Vec<u8> {
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

fn sheet(rows: &str) -> String {
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

/// A repeat count, mostly small, sometimes one of the review's or an invalid one.
fn repeat() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (1u32..4).prop_map(|n| n.to_string()),
        1 => Just("500".to_string()),
        1 => Just("1000000000".to_string()),
        1 => Just("4294967295".to_string()),
        1 => Just("4294967296".to_string()),
        1 => Just("0".to_string()),
        1 => Just("-1".to_string()),
        1 => Just("x".to_string()),
    ]
}

fn ods_cell() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        Just("year".to_string()),
        Just("111".to_string()),
        Just("a &amp; b".to_string()),
        Just("甲".to_string()),
        Just("\u{202e}x".to_string()),
        repeat().prop_map(|n| format!(r#"a<text:s text:c="{n}"/>b"#)),
        Just("<text:span><text:span>x</text:span></text:span>".to_string()),
        Just("<text:line-break/><text:tab/>".to_string()),
    ];
    prop_oneof![
        (repeat(), text.clone()).prop_map(|(n, t)| format!(
            r#"<table:table-cell office:value-type="string" table:number-columns-repeated="{n}"><text:p>{t}</text:p></table:table-cell>"#
        )),
        (repeat(), 0.0..200.0f64).prop_map(|(n, x)| format!(
            r#"<table:table-cell office:value-type="float" office:value="{x}" table:number-columns-repeated="{n}"/>"#
        )),
        repeat().prop_map(|n| format!(
            r#"<table:table-cell table:style-name="ce1" table:number-columns-repeated="{n}"/>"#
        )),
        Just(r#"<table:covered-table-cell/>"#.to_string()),
        text.prop_map(|t| format!(
            r#"<table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>{t}</text:p></table:table-cell>"#
        )),
    ]
}

fn ods_rows() -> impl Strategy<Value = String> {
    let row = (repeat(), proptest::collection::vec(ods_cell(), 0..6)).prop_map(|(n, cells)| {
        format!(
            r#"<table:table-row table:number-rows-repeated="{n}">{}</table:table-row>"#,
            cells.concat()
        )
    });
    proptest::collection::vec(row, 0..8).prop_map(|r| r.concat())
}

/// A valid package of the fixture's plans, as the site publishes it.
fn published_ods() -> Vec<u8> {
    let plans: Vec<PlanFile> = [
        "minimal/content/plans/111/fix-bridge.yaml",
        "minimal/content/plans/111/fix-ports.yaml",
    ]
    .iter()
    .map(|f| serde_yaml::from_str(&fixture(f)).unwrap())
    .collect();
    gongkai::opendata_ods::to_ods(&plans, &common::agencies(), &common::meta())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, rng_seed: proptest::test_runner::RngSeed::Fixed(0x6f6e_6b61_6967_6e6f), ..ProptestConfig::default() })]

    #[test]
    fn the_content_loader_answers_every_record(seed in yaml_seed(), pieces in insertions(yaml_piece())) {
        let text = mutate(&seed, &pieces);
        let file = Path::new("content/plans/111/fix-bridge.yaml");
        if text.len() <= yaml::MAX_BYTES {
            let r = bounded("yaml::parse", || yaml::parse::<PlanFile>(file, &text))?;
            if let Err(d) = r {
                prop_assert!(within(&text, d.line), "{d}");
                prop_assert!(!d.message.is_empty());
            }
        }
        // the whole loader, the record in a site (its checks of names, ids and Markdown too)
        let f = common::Fixture::new("minimal");
        f.write("content/plans/111/fix-bridge.yaml", &text);
        let r = bounded("content::load", || gongkai::content::load(f.root()))?;
        match r {
            Ok(_) => {}
            Err(gongkai::error::Error::Invalid(found)) => {
                prop_assert!(!found.is_empty());
                for d in found.iter().filter(|d| d.file == file) {
                    prop_assert!(within(&text, d.line), "{d}");
                }
            }
            Err(e) => prop_assert!(false, "not a list of problems: {e}"),
        }
    }

    #[test]
    fn markdown_renders_every_text(seed in md_seed(), pieces in insertions(md_piece())) {
        let md = mutate(&seed, &pieces);
        let (html, text) = bounded("markdown", || {
            let _ = gongkai::render::markdown::check(&md);
            (gongkai::render::markdown::to_html(&md), gongkai::render::markdown::to_text(&md))
        })?;
        // what is shown grows with the text, not faster
        prop_assert!(html.len() <= 16 * md.len() + 1024, "{} bytes of HTML for {}", html.len(), md.len());
        prop_assert!(text.len() <= 4 * md.len() + 1024);
    }

    #[test]
    fn the_table_importer_answers_every_table(seed in table_seed(), pieces in insertions(table_piece())) {
        let text = mutate(&seed, &pieces);
        let o = bounded("parse_table", || gongkai::import::parse_table(&text, 111, &common::agencies()))?;
        for p in &o.problems {
            prop_assert!(within(&text, Some(p.line)), "{p:?}");
        }
        // an item number is never imported twice
        let mut items: Vec<u32> = o.records.iter().map(|r| r.item).collect();
        items.sort();
        items.dedup();
        prop_assert_eq!(items.len(), o.records.len());
    }

    #[test]
    fn the_ods_reader_answers_every_sheet(rows in ods_rows()) {
        let bytes = ods_of(sheet(&rows).as_bytes());
        let r = bounded("from_ods", || gongkai::opendata_ods::from_ods(&bytes))?;
        if let Err(e) = r {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn the_ods_reader_answers_every_damaged_package(
        flips in proptest::collection::vec((0.0..1.0f64, any::<u8>()), 0..6),
        cut in prop_oneof![3 => Just(1.0f64), 1 => 0.0..1.0f64],
    ) {
        let mut bytes = published_ods();
        for (at, b) in flips {
            let i = ((bytes.len() as f64) * at) as usize;
            let last = bytes.len() - 1;
            bytes[i.min(last)] = b;
        }
        bytes.truncate(((bytes.len() as f64) * cut) as usize);
        let r = bounded("from_ods", || gongkai::opendata_ods::from_ods(&bytes))?;
        if let Ok(plans) = r {
            prop_assert!(plans.len() <= 2);
        }
    }
}

/// The review's hostile packages, each refused (seeds of the ODS properties, kept as cases).
#[test]
fn the_reviewed_ods_bombs_are_refused() {
    let header = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>year</text:p></table:table-cell></table:table-row>"#;
    for content in [
        sheet(&format!(r#"{header}<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="1000000000"><text:p>x</text:p></table:table-cell></table:table-row>"#)),
        sheet(&format!(r#"{header}<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#).repeat(2)),
        sheet(&" ".repeat(100_000_000)),
    ] {
        let bytes = ods_of(content.as_bytes());
        let r = peak::peak_of(|| gongkai::opendata_ods::from_ods(&bytes));
        assert!(r.0.is_err());
        assert!(r.1 < MEMORY, "{}", peak::mb(r.1));
    }
}
