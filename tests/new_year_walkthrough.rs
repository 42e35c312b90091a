//! A whole new year published as staff would, on the real site, in one test: the ministry's
//! table for 112 (page breaks mid-row and inside an agency name, a new agency, plans that
//! continue 111's under the same or a shortened name) imported; the Chinese site previewed
//! while the English is written; wrong facts and a left scaffold caught; a corrected table
//! imported again; the year record written. Each step is a command as staff type it.

use gongkai::content::schema::PlanFile;
use gongkai::import::to_yaml;

mod common;
use common::year112::{add_new_agency, table, ON_TIME};
use common::*;

/// `gongkai ARGS --root SITE` in Chinese, as the ministry's staff run it: its status and
/// output (stdout and stderr).
fn run(f: &Fixture, args: &[&str]) -> (bool, String) {
    let root = f.root().to_str().unwrap().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--root", &root]);
    let out = cli_in("zh", &all);
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_plain(&text);
    (out.status.success(), text)
}

fn record(f: &Fixture, id: &str) -> PlanFile {
    let text = std::fs::read_to_string(f.root().join(format!("content/plans/112/{id}.yaml")));
    serde_yaml::from_str(&text.unwrap()).unwrap()
}

fn save(f: &Fixture, r: &PlanFile) {
    f.write(&format!("content/plans/112/{}.yaml", r.id), &to_yaml(r));
}

/// The ids 112's plans get: 111's for the five that continue, new ones for the rest.
const IDS: [&str; 8] = [
    "mol-union-environment",
    "mol-labor-dispute-resolution",
    "mol-labor-insurance-finance",
    "mol-flexible-working-hours",
    "bli-service-upgrade",
    "osha-112-6",
    "mol-office-building",
    "ilosh-112-8",
];

#[test]
fn a_new_year_from_the_ministrys_table_to_a_checked_bilingual_site() {
    let f = Fixture::real();
    // the chores of a new year: its source record, and the agency new this year
    let (ok, said) = run(&f, &["new", "year", "112"]);
    assert!(ok, "{said}");
    assert!(f.root().join("content/years/112.yaml").is_file());
    add_new_agency(&f);

    let table_file = f
        .root()
        .join("review-112.txt")
        .to_string_lossy()
        .into_owned();
    // import: last year's ids kept, new plans named, the summary in Chinese
    f.write("review-112.txt", &table("60", ON_TIME));
    let (ok, said) = run(&f, &["import", &table_file, "--year", "112"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("延續的計畫") && said.contains("依相似名稱對應"),
        "{said}"
    );
    for id in IDS {
        assert!(
            f.root()
                .join(format!("content/plans/112/{id}.yaml"))
                .is_file(),
            "{id}: {said}"
        );
    }
    assert_eq!(record(&f, "ilosh-112-8").agency, "ilosh");
    assert_eq!(
        record(&f, "mol-flexible-working-hours").name.zh,
        "建構彈性安全的工時規範"
    );
    assert_eq!(
        record(&f, "mol-labor-dispute-resolution")
            .facts
            .budget_execution[2],
        60.0
    );

    // the Chinese site builds while the English is being written; strict refuses
    let (ok, said) = run(&f, &["check"]);
    assert!(
        ok && said.contains("警告") && said.contains("英文尚未填寫"),
        "{said}"
    );
    let (ok, said) = run(&f, &["check", "--strict"]);
    assert!(!ok && said.contains("英文尚未填寫"), "{said}");
    let (ok, said) = run(&f, &["build"]);
    assert!(ok, "{said}");
    let en = std::fs::read_to_string(f.out().join("en/plans/112/ilosh-112-8/index.html"));
    let en = en.expect("the English page of an untranslated plan exists");
    let (h1, name) = &with_text(&en, "h1")[0];
    assert_eq!(
        (h1.attr("lang"), name.as_str()),
        (Some("zh-Hant-TW"), "職場危害預防研究"),
        "{en}"
    );
    assert!(
        en.to_lowercase().contains("translation"),
        "the page says the translation is pending"
    );
    assert!(f.out().join("plans/112/ilosh-112-8/index.html").is_file());

    // the English written: strict passes
    for id in IDS {
        let mut r = record(&f, id);
        for t in [
            &mut r.name,
            &mut r.review.administration,
            &mut r.review.budget,
            &mut r.review.performance,
        ] {
            t.en = format!("English of {id}.");
            t.en_from = None;
        }
        save(&f, &r);
    }
    let (ok, said) = run(&f, &["check", "--strict"]);
    assert!(ok, "{said}");

    // a fact changed against its text fails, with both values
    let good = record(&f, "mol-labor-dispute-resolution");
    let mut wrong = good.clone();
    wrong.facts.budget_execution[2] = 61.0;
    save(&f, &wrong);
    let (ok, said) = run(&f, &["check"]);
    assert!(!ok, "{said}");
    assert!(
        said.contains("mol-labor-dispute-resolution.yaml")
            && said.contains("facts.budget_execution[2]")
            && said.contains("此處為 61，內文為 60 %"),
        "{said}"
    );
    save(&f, &good);

    // a scaffold whose texts are filled but whose facts are left fails
    let (ok, said) = run(&f, &["new", "plan", "--year", "112", "--agency", "ilosh"]);
    assert!(ok, "{said}");
    let scaffold = f.root().join("content/plans/112/ilosh-112-9.yaml");
    let mut r: PlanFile =
        serde_yaml::from_str(&std::fs::read_to_string(&scaffold).unwrap()).unwrap();
    let filled = record(&f, "mol-labor-dispute-resolution");
    r.name.zh = "職場噪音研究".into();
    r.name.en = "Workplace noise research".into();
    r.review = filled.review.clone();
    std::fs::write(&scaffold, to_yaml(&r)).unwrap();
    let (ok, said) = run(&f, &["check"]);
    assert!(
        !ok && said.contains("ilosh-112-9.yaml") && said.contains("內文為 60 %"),
        "{said}"
    );
    std::fs::remove_file(&scaffold).unwrap();

    // the ministry's corrected table: item 2's Q3 figure and item 1's text change
    let late = "第 3 季年累計進度落後 2%。";
    f.write("review-112.txt", &table("65.5", late));
    let (ok, said) = run(&f, &["import", &table_file, "--year", "112"]);
    assert!(ok && said.contains("變更的欄位"), "{said}");
    let fixed = record(&f, "mol-labor-dispute-resolution");
    assert_eq!(fixed.facts.budget_execution[2], 65.5);
    assert_eq!(
        fixed.review.budget.en,
        "English of mol-labor-dispute-resolution."
    );
    let union = record(&f, "mol-union-environment");
    assert_eq!(
        union.review.administration.en,
        "English of mol-union-environment."
    );
    assert!(union.review.administration.zh.contains("落後 2%"));
    assert_eq!(union.facts.lags.len(), 1);
    assert_eq!(
        std::fs::read_dir(f.root().join("content/plans/112"))
            .unwrap()
            .count(),
        8
    );
    // the English whose Chinese changed is flagged until staff update it
    let (ok, said) = run(&f, &["check"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("mol-union-environment.yaml")
            && said.contains("review.administration.en")
            && said.contains("中文內容在翻譯成這段英文之後已修改"),
        "{said}"
    );
    let (ok, _) = run(&f, &["check", "--strict"]);
    assert!(!ok);
}
