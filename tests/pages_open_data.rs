//! Open data as ODS beside CSV and JSON: the same records, read back through the importer,
//! byte-identical between builds, linked from the data page; the licence linked.

mod common;
use common::*;
use gongkai::content::schema::PlanFile;

fn json(p: &[PlanFile]) -> serde_json::Value {
    serde_json::to_value(p).unwrap()
}

#[test]
fn ods_round_trips_through_the_importer_and_is_deterministic() {
    let f = Fixture::real();
    f.build().unwrap();
    let ods = std::fs::read(f.out().join("data/111.ods")).unwrap();
    let csv = std::fs::read(f.out().join("data/111.csv")).unwrap();
    let from_ods = gongkai::opendata_ods::from_ods(&ods).unwrap();
    let from_csv = gongkai::opendata::from_csv(&csv).unwrap();
    assert_eq!(from_ods.len(), 20);
    assert_eq!(json(&from_ods), json(&from_csv));
    // every record as written in content/ comes back
    for p in &from_ods {
        let src = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("content/plans/111/{}.yaml", p.id)),
        )
        .unwrap();
        let want: PlanFile = serde_yaml::from_str(&src).unwrap();
        assert_eq!(json(std::slice::from_ref(p)), json(&[want]), "{}", p.id);
    }
    let again = Fixture::real();
    again.build().unwrap();
    assert_eq!(
        std::fs::read(again.out().join("data/111.ods")).unwrap(),
        ods
    );
}

#[test]
fn import_reads_an_ods_file() {
    let f = Fixture::real();
    f.build().unwrap();
    let out = f.root().join("imported");
    let o = cli(&[
        "import",
        f.out().join("data/111.ods").to_str().unwrap(),
        "--year",
        "111",
        "--root",
        f.root().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 20);
    // a file that is not ODS is refused with its name
    std::fs::write(f.root().join("bad.ods"), b"not a zip").unwrap();
    let o = cli(&[
        "import",
        f.root().join("bad.ods").to_str().unwrap(),
        "--year",
        "111",
        "--root",
        f.root().to_str().unwrap(),
        "--out",
        f.root().join("x").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.ods"));
}

#[test]
fn data_page_links_every_format_and_the_licence() {
    let f = Fixture::real();
    f.build().unwrap();
    for page in ["data/index.html", "en/data/index.html"] {
        let links = attr_values(&f.read(page), "href");
        for file in [
            "/data/111.json",
            "/data/111.csv",
            "/data/111.ods",
            "https://data.gov.tw/license",
        ] {
            assert!(
                links.iter().any(|l| l == file),
                "{page} does not link {file}"
            );
        }
    }
}

#[test]
fn ods_keeps_every_character_of_a_text() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let agencies =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("content/agencies.yaml")).unwrap())
            .unwrap();
    let mut p: PlanFile = serde_yaml::from_str(
        &std::fs::read_to_string(root.join("content/plans/111/mol-office-building.yaml")).unwrap(),
    )
    .unwrap();
    for text in [
        " leading and trailing ",
        "two  spaces,\n\nan empty line, a tab\there\n",
        "\n\n\n",
        "<b>&amp; \"quoted\" 'single'</b>\r\n1\\. escaped",
        "中文　全形空白  與 半形",
    ] {
        p.review.administration.en = text.to_string();
        p.name.en = text.trim().to_string();
        let ods = gongkai::opendata_ods::to_ods(std::slice::from_ref(&p), &agencies, &meta());
        let back = gongkai::opendata_ods::from_ods(&ods).unwrap();
        // every character, but the final line breaks a review text has one of, as in YAML
        let published = gongkai::opendata::canonical(&p).review.administration.en;
        assert_eq!(back[0].review.administration.en, published, "{text:?}");
        assert_eq!(
            published.trim_end_matches('\n'),
            text.trim_end_matches('\n')
        );
    }
}

#[test]
fn english_in_the_open_data_is_plain_text() {
    let f = Fixture::real();
    f.build().unwrap();
    let plans =
        gongkai::opendata::from_csv(&std::fs::read(f.out().join("data/111.csv")).unwrap()).unwrap();
    let json = std::fs::read_to_string(f.out().join("data/111.json")).unwrap();
    for p in &plans {
        for t in [
            &p.name.en,
            &p.review.administration.en,
            &p.review.budget.en,
            &p.review.performance.en,
        ] {
            assert!(!t.contains("\\.") && !t.contains('<'), "{}: {t}", p.id);
        }
    }
    assert!(!json.contains("<span") && !json.contains("\\\\."));
    // and the English page still marks the Chinese name it quotes
    let page = f.read("en/plans/111/mol-labor-education/index.html");
    assert!(
        with_text(&page, "span")
            .iter()
            .any(|(e, t)| e.attr("lang") == Some("zh-Hant-TW") && t == "全民勞教 e 網"),
        "no lang span"
    );
}

/// LibreOffice, when installed (`.ci/run` may not install it): it opens the ODS file headless
/// and saves it as CSV, which imports to the same records. Numbers are numbers in its eyes.
#[test]
fn libreoffice_opens_the_ods_file() {
    let Ok(v) = std::process::Command::new("soffice")
        .arg("--version")
        .output()
    else {
        eprintln!("soffice not installed: LibreOffice check not run");
        return;
    };
    assert!(v.status.success());
    let f = Fixture::real();
    f.build().unwrap();
    let work = f.root().join("lo");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::copy(f.out().join("data/111.ods"), work.join("111.ods")).unwrap();
    let o = std::process::Command::new("soffice")
        .current_dir(&work)
        .args([
            "--headless",
            "--norestore",
            &format!(
                "-env:UserInstallation=file://{}",
                work.join("profile").display()
            ),
            "--convert-to",
            // comma, double quote, UTF-8, from row 1, formulas as shown values
            // (booleans and percentages as shown, TRUE and 99.22%, which import reads)
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false",
            "111.ods",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = std::fs::read(work.join("111.csv")).expect("LibreOffice wrote no CSV");
    let from_lo = gongkai::opendata::from_csv(&csv).unwrap();
    let ours =
        gongkai::opendata::from_csv(&std::fs::read(f.out().join("data/111.csv")).unwrap()).unwrap();
    assert_eq!(json(&from_lo), json(&ours));
    // year and item are numbers in the sheet, not text; budgets and lags percentages
    let content = {
        let bytes = std::fs::read(f.out().join("data/111.ods")).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name("content.xml").unwrap(), &mut s).unwrap();
        s
    };
    assert_eq!(
        content.matches("office:value-type=\"float\"").count(),
        20 * 2
    );
}

#[test]
fn serves_stored_sheets_hold_the_same_plans_as_a_builds() {
    // `serve` does not deflate its ODS sheets: a larger file, the same cells
    let agencies = common::agencies();
    let plans: Vec<PlanFile> = std::fs::read_dir("content/plans/111")
        .unwrap()
        .map(|e| {
            serde_yaml::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap()
        })
        .collect();
    let csv = gongkai::opendata::to_csv(&plans, &agencies);
    use gongkai::opendata_ods::{from_ods, ods_packed, Packing};
    let small = ods_packed(&csv, &meta(), Packing::Smallest);
    let quick = ods_packed(&csv, &meta(), Packing::Stored);
    assert_eq!(small, gongkai::opendata_ods::ods_of_csv(&csv, &meta()));
    // the sheet made row by row from each plan's CSV row, as a build makes it, is the same file
    let rows = plans.iter().map(|p| {
        let row = gongkai::opendata::csv_row(p, &agencies);
        (p.year, gongkai::opendata_ods::ods_row(&row))
    });
    let by_rows = gongkai::opendata_ods::ods_of_rows(rows, csv.len(), &meta(), Packing::Smallest);
    assert!(by_rows == small, "the sheet made row by row differs");
    assert!(quick.len() > small.len(), "{} {}", quick.len(), small.len());
    let (a, b) = (from_ods(&small).unwrap(), from_ods(&quick).unwrap());
    assert_eq!(a.len(), plans.len());
    let yaml = |p: &[PlanFile]| serde_yaml::to_string(p).unwrap();
    assert_eq!(yaml(&a), yaml(&b));
}
