//! Synonyms staff can edit (`content/search/synonyms.yaml`) and agencies' short names: a
//! query for one word of a group finds the others, and a bad file is reported with its line.

mod common;

use common::{copy_dir, Fixture};
use gongkai::model::{Lang, Site};
use gongkai::search::{self, Query};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn urls(site: &Site, lang: Lang, text: &str) -> Vec<String> {
    let index = gongkai::cmd::search::index_of(site, lang).unwrap();
    let q = Query {
        text: text.into(),
        ..Query::default()
    };
    common::result_urls(&search::answer(&index, &q, 100).unwrap())
}

fn real_site() -> Site {
    let content = gongkai::content::load(Path::new(ROOT)).unwrap();
    Site::build(&content, Default::default())
}

#[test]
fn abbreviations_find_the_long_forms_and_back() {
    let site = real_site();
    for (short, long) in [
        ("勞保", "勞工保險"),
        ("就保", "就業保險"),
        ("職災", "職業災害"),
        ("勞基法", "勞動基準法"),
        ("性平", "性別工作平等"),
        ("托育", "托兒"),
        ("哺乳室", "哺(集)乳室"),
    ] {
        let (s, l) = (urls(&site, Lang::Zh, short), urls(&site, Lang::Zh, long));
        assert!(!s.is_empty(), "{short} finds nothing");
        for u in &l {
            assert!(s.contains(u), "{short} misses {u}, which {long} finds");
        }
    }
    for (a, b) in [
        ("breast-feeding", "breastfeeding"),
        ("child care", "childcare"),
        ("labour dispute", "labor dispute"),
    ] {
        let (x, y) = (urls(&site, Lang::En, a), urls(&site, Lang::En, b));
        assert!(!x.is_empty(), "{a} finds nothing");
        assert_eq!(x, y, "{a} and {b}");
    }
}

#[test]
fn agency_short_names_find_the_agency_plans() {
    let site = real_site();
    let bli: Vec<String> = urls(&site, Lang::Zh, "勞工保險局");
    assert!(!bli.is_empty());
    for short in ["勞保局", "BLI"] {
        let got = urls(&site, Lang::Zh, short);
        for u in &bli {
            assert!(got.contains(u), "{short} misses {u}");
        }
    }
    let osha = urls(
        &site,
        Lang::En,
        "Occupational Safety and Health Administration",
    );
    assert_eq!(urls(&site, Lang::En, "OSHA"), osha);
    assert_eq!(
        urls(&site, Lang::Zh, "職安署").first(),
        urls(&site, Lang::Zh, "職業安全衛生署").first()
    );
}

#[test]
fn a_bad_synonyms_file_is_reported_with_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(ROOT).join("tests/fixtures/minimal"), dir.path());
    std::fs::create_dir_all(dir.path().join("content/search")).unwrap();
    std::fs::write(
        dir.path().join("content/search/synonyms.yaml"),
        "zh:\n  - [橋梁, 橋樑]\n  - [孤單]\n  - [港口, 橋梁]\nen:\n  - [bridge, '...']\n",
    )
    .unwrap();
    let err = gongkai::content::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("content/search/synonyms.yaml:3"), "{err}");
    assert!(err.contains("content/search/synonyms.yaml:4"), "{err}");
    assert!(err.contains("content/search/synonyms.yaml:6"), "{err}");
    assert!(err.contains("at least two"), "{err}");
    // an unknown key is named
    std::fs::write(
        dir.path().join("content/search/synonyms.yaml"),
        "zh:\n  - [橋梁, 橋樑]\nfr:\n  - [pont, ponts]\n",
    )
    .unwrap();
    let err = gongkai::content::load(dir.path()).unwrap_err().to_string();
    assert!(err.contains("synonyms.yaml") && err.contains("fr"), "{err}");
    // a good file builds, and its group is searched
    std::fs::write(
        dir.path().join("content/search/synonyms.yaml"),
        "zh:\n  - [橋梁, 橋樑, 陸橋]\n",
    )
    .unwrap();
    let content = gongkai::content::load(dir.path()).unwrap();
    let site = Site::build(&content, Default::default());
    assert!(!site.synonyms.zh.is_empty());
}

#[test]
fn the_agency_page_shows_its_short_names() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    gongkai::build::build(Path::new(ROOT), &site).unwrap();
    let zh = std::fs::read_to_string(site.join("agencies/bli/index.html")).unwrap();
    assert!(
        zh.contains("勞保局") && zh.contains("BLI"),
        "the BLI page names 勞保局 and BLI"
    );
    let en = std::fs::read_to_string(site.join("en/agencies/osha/index.html")).unwrap();
    // the English page shows the Latin ones (Chinese text stays on Chinese pages)
    assert!(en.contains("OSHA") && !en.contains("職安署"));
    // an agency without short names shows no such line
    let f = Fixture::real();
    f.edit(
        "content/agencies.yaml",
        "    short_names: [勞工保險處]\n",
        "",
    );
    let bare = out.path().join("bare");
    gongkai::build::build(f.root(), &bare).unwrap();
    let none = std::fs::read_to_string(bare.join("agencies/labor-insurance/index.html")).unwrap();
    assert!(!none.contains("short-names"));
}

#[test]
fn editing_the_synonyms_under_serve_gives_the_search_files_of_a_full_build() {
    use gongkai::build::incremental::Session;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&Path::new(ROOT).join("tests/fixtures/minimal"), &root);
    let out = dir.path().join("out");
    let (mut s, _) = Session::start(&root, &out).unwrap();
    let file = root.join("content/search/synonyms.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "zh:\n  - [港口, 港埠]\nen:\n  - [port, harbour]\n").unwrap();
    s.update(std::slice::from_ref(&file)).unwrap();
    let fresh = dir.path().join("fresh");
    gongkai::build::build(&root, &fresh).unwrap();
    for lang in ["zh", "en"] {
        let a = std::fs::read(out.join(format!("search/{lang}/index.json"))).unwrap();
        let b = std::fs::read(fresh.join(format!("search/{lang}/index.json"))).unwrap();
        assert!(a == b, "{lang} manifest differs from a full build's");
        let m: serde_json::Value = serde_json::from_slice(&a).unwrap();
        assert!(
            !m["syn"].as_array().unwrap().is_empty() || lang == "en",
            "{lang}: {}",
            m["syn"]
        );
    }
}
