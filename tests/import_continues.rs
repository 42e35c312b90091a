//! Importing a new year's table into the real site continues last year's plans (same id, so
//! the site links their years), names new plans as `gongkai new plan` does, and importing a
//! corrected table again updates the records in place, keeping their English.

use std::collections::BTreeSet;

use gongkai::content::schema::{english_outdated, zh_hash, PlanFile};
use gongkai::import::{new_plan_id, to_yaml, NO_SPECIAL_PERFORMANCE};

mod common;
use common::*;

/// A review cell in the ministry's format, with the given budget and performance sentences.
fn review(budget: &str, performance: &str) -> String {
    format!(
        "<p>一、行政作業</p> <p>(一)如期依限提報 112 年度「作業計畫」、112 年度 1 至 4 季「執行情形」及 112 年度「自評報告」。</p> <p>(二)進度控制情形與結果：按季管考週期之年累計進度及年終進度未有落後情形。</p> {TARGETS} <p>二、經費運用</p> <p>{budget}</p> <p>三、特殊績效</p> <p>{performance}</p>"
    )
}

const TARGETS: &str = "<p>(三)年度目標之挑戰性與明確性</p> <p>1.年度目標挑戰性：所定目標均已完成，略具挑戰性。</p> <p>2.年度目標明確性：採量化指標，已如期如質完成年度作業計畫所定目標。</p>";
const HEADER: &str = "項次\t主辦機關\t計畫名稱\t複核結果";
const ALL_100: &str = "各管考週期，年累計支用比進度均達 100%。";
const Q1_90: &str = "各管考週期，年累計支用比第 1 季 90%，第 2 季至第 4 季均達 100%。";
const PERFORMANCE_3: &str = "辦理勞工保險財務精算，提出財務改革方案。";
const UNION: &str = "為簡化籌組工會事宜，與各縣市政府召開業務聯繫會議。";

/// Year 112's table, as text exported from the PDF: page breaks repeat the header and split
/// rows (item 2 mid-review, item 4 inside its agency), wrap spaces in names and agencies.
/// Items 1–4, 7, 8 continue plans of 111 under the same name (8 wrapped); item 5 is the
/// bli plan under a shortened name; items 6 and 9 are new.
fn table(q1: &str, performance_3: &str) -> String {
    let none = format!("{NO_SPECIAL_PERFORMANCE}。");
    let r2 = review(ALL_100, &none);
    let (r2_head, r2_tail) = r2.split_at(r2.find(TARGETS).unwrap());
    let r4 = review(ALL_100, &none);
    let (r4_head, r4_tail) = r4.split_at(r4.find("<p>(一)").unwrap());
    let rows = [
        "## 112 年度部會管制個案計畫評核\n".to_string(),
        HEADER.into(),
        format!("1\t勞動關係司\t營造勞工有利結社環境\t{}", review(q1, UNION)),
        format!("2\t勞動關係司\t提升勞資爭議處理效能\t{r2_head}"),
        String::new(),
        HEADER.into(),
        format!("\t\t\t{r2_tail}"),
        format!(
            "3\t勞動保險司\t健全勞工保險制度，改善勞工保險財務\t{}",
            review(ALL_100, performance_3)
        ),
        format!("4\t勞動條件及\t建構彈性安全的 工時規範\t{r4_head}"),
        String::new(),
        HEADER.into(),
        format!("\t就業平等司\t\t{r4_tail}"),
        format!(
            "5\t勞工保險局\t年金服務躍升計畫\t{}",
            review(ALL_100, &none)
        ),
        format!(
            "6\t職業安全衛生署\t推動職場安全衛生數位轉型\t{}",
            review(ALL_100, &none)
        ),
        format!(
            "7\t秘書處\t勞動部取得自有辦公廳舍計畫\t{}",
            review(ALL_100, &none)
        ),
        format!(
            "8\t勞動福祉 退休司\t推動僱主提供 哺(集)乳室 及托兒設施措 施\t{}",
            review(ALL_100, &none)
        ),
        format!(
            "9\t勞動福祉退休司\t推動高齡勞工退休生活規劃\t{}",
            review(ALL_100, &none)
        ),
    ];
    rows.join("\n") + "\n"
}

/// The ids of 112's plans: those continued from 111 (by the 111 file they continue) and the
/// new ones.
const CONTINUED: [&str; 6] = [
    "mol-union-environment",
    "mol-labor-dispute-resolution",
    "mol-labor-insurance-finance",
    "mol-flexible-working-hours",
    "mol-office-building",
    "mol-breastfeeding-childcare",
];
const SIMILAR: &str = "bli-service-upgrade";
const NEW: [&str; 2] = ["osha-112-6", "labor-welfare-retirement-112-9"];

/// Runs `gongkai import` of `table` for 112 in `f` (extra arguments after it); the import
/// must succeed. Its stderr.
fn import(f: &Fixture, table: &str, extra: &[&str]) -> String {
    f.write("review-112.txt", table);
    let root = f.root().to_str().unwrap();
    let file = f.root().join("review-112.txt");
    let mut args = vec![
        "import",
        file.to_str().unwrap(),
        "--year",
        "112",
        "--root",
        root,
    ];
    args.extend(extra);
    let out = cli(&args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    err
}

/// The lines of `summary` under the line starting with `heading`, up to the next heading.
fn section(summary: &str, heading: &str) -> Vec<String> {
    summary
        .lines()
        .skip_while(|l| !l.starts_with(heading))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_string())
        .collect()
}

fn files_112(f: &Fixture) -> BTreeSet<String> {
    std::fs::read_dir(f.root().join("content/plans/112"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn record(f: &Fixture, year: u32, id: &str) -> PlanFile {
    let path = f.root().join(format!("content/plans/{year}/{id}.yaml"));
    serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn save(f: &Fixture, r: &PlanFile) {
    f.write(&format!("content/plans/112/{}.yaml", r.id), &to_yaml(r));
}

fn check_passes(f: &Fixture) {
    let out = cli(&["check", "--root", f.root().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_new_year_continues_last_years_plans() {
    let f = Fixture::real();
    let summary = import(&f, &table(Q1_90, PERFORMANCE_3), &[]);

    // one file per plan: continued plans under their 111 ids, new ones by the shared scheme
    let expected: BTreeSet<String> = CONTINUED
        .iter()
        .chain(&NEW)
        .chain([&SIMILAR])
        .map(|id| format!("{id}.yaml"))
        .collect();
    assert_eq!(files_112(&f), expected);
    for id in CONTINUED.iter().chain([&SIMILAR]) {
        let (old, new) = (record(&f, 111, id), record(&f, 112, id));
        assert_eq!((&new.id, &new.agency), (&old.id, &old.agency));
        // the name's English comes along; a different name's is marked as from the old one
        assert_eq!(new.name.en, old.name.en);
        assert_eq!(
            english_outdated(&new.name),
            new.name.zh != old.name.zh,
            "{id}"
        );
    }
    assert_eq!(record(&f, 112, NEW[0]).agency, "osha");
    assert_eq!(new_plan_id("osha", 112, 6, |_| false), NEW[0]);

    // the summary says which plans continue, which are similar, new or gone
    let continuing = section(&summary, "Continuing plans");
    for id in CONTINUED {
        assert!(
            continuing
                .iter()
                .any(|l| l.starts_with(id) && l.ends_with("(continues 111)")),
            "{id}: {summary}"
        );
    }
    let similar = section(&summary, "Matched by a similar name");
    assert_eq!(similar.len(), 1, "{summary}");
    assert!(
        similar[0].starts_with("bli-service-upgrade  年金服務躍升計畫")
            && similar[0].contains("勞動保障暨年金服務躍升計畫"),
        "{summary}"
    );
    let new = section(&summary, "New plans");
    assert_eq!(new.len(), 2, "{summary}");
    assert!(NEW.iter().all(|id| new.iter().any(|l| l.starts_with(id))));
    let gone = section(&summary, "Plans of 111 not in this table");
    assert_eq!(gone.len(), 20 - 7, "{summary}");
    assert!(gone
        .iter()
        .any(|l| l.starts_with("osha-smart-safety-supervision")));
    check_passes(&f);

    // `new plan` names a plan by the same scheme, unique in the site
    let new_plan = |extra: &[&str]| {
        let root = f.root().to_str().unwrap();
        let mut args = vec![
            "new", "plan", "--year", "112", "--agency", "osha", "--root", root,
        ];
        args.extend(extra);
        let out = cli(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let next = new_plan(&[]);
    assert!(
        next.trim().ends_with("content/plans/112/osha-112-10.yaml"),
        "{next}"
    );
    assert_eq!(new_plan_id("osha", 112, 10, |_| false), "osha-112-10");
    let taken = new_plan(&["--item", "6"]);
    assert!(
        taken
            .trim()
            .ends_with("content/plans/112/osha-112-6-2.yaml"),
        "{taken}"
    );
}

#[test]
fn a_corrected_table_updates_the_records_and_keeps_the_english() {
    let f = Fixture::real();
    import(&f, &table(Q1_90, PERFORMANCE_3), &[]);
    let before = files_112(&f);

    // staff translate some texts
    let mut union = record(&f, 112, "mol-union-environment");
    union.review.budget.en = "Cumulative budget execution was 90% in Q1, 100% after.\n".into();
    union.review.performance.en = "Meetings with the local governments.\n".into();
    save(&f, &union);
    let mut finance = record(&f, 112, "mol-labor-insurance-finance");
    finance.review.performance.en = "An actuarial review of labor insurance.\n".into();
    save(&f, &finance);
    let office =
        std::fs::read(f.root().join("content/plans/112/mol-office-building.yaml")).unwrap();

    // the ministry corrects a figure (item 1) and a sentence (item 3)
    let corrected = "辦理勞工保險財務精算，提出財務改革方案並召開公聽會。";
    let summary = import(&f, &table(&Q1_90.replace("90%", "95%"), corrected), &[]);

    assert_eq!(files_112(&f), before, "no second set of records");
    let union2 = record(&f, 112, "mol-union-environment");
    assert_eq!(union2.facts.budget_execution, [95.0, 100.0, 100.0, 100.0]);
    assert!(union2.review.budget.zh.contains("95%"));
    assert_eq!(
        union2.review.budget.en, union.review.budget.en,
        "English kept"
    );
    let from = union2.review.budget.en_from.as_deref().expect("marked");
    assert_eq!(
        from,
        zh_hash(&union.review.budget.zh),
        "the Chinese it came from"
    );
    assert_ne!(from, zh_hash(&union2.review.budget.zh));
    assert!(english_outdated(&union2.review.budget));
    // a text whose Chinese did not change is not marked
    assert_eq!(union2.review.performance, union.review.performance);
    assert!(!english_outdated(&union2.review.performance));

    let finance2 = record(&f, 112, "mol-labor-insurance-finance");
    assert!(finance2.review.performance.zh.contains("公聽會"));
    assert_eq!(
        finance2.review.performance.en,
        finance.review.performance.en
    );
    assert!(english_outdated(&finance2.review.performance));
    assert_eq!(
        std::fs::read(f.root().join("content/plans/112/mol-office-building.yaml")).unwrap(),
        office,
        "an unchanged record is not rewritten"
    );

    // every changed field, by file
    let changed = section(&summary, "Fields changed");
    let union_file = "content/plans/112/mol-union-environment.yaml";
    let finance_file = "content/plans/112/mol-labor-insurance-finance.yaml";
    for (file, field) in [
        (union_file, "review.budget.zh"),
        (union_file, "review.budget.en_from"),
        (union_file, "facts.budget_execution"),
        (finance_file, "review.performance.zh"),
        (finance_file, "review.performance.en_from"),
    ] {
        let line = format!("{file}: {field}");
        assert!(
            changed.iter().any(|l| l.starts_with(&line)),
            "{line}: {summary}"
        );
    }
    assert_eq!(changed.len(), 5, "{summary}");
    assert!(
        summary.contains("0 new records, 2 updated, 7 unchanged."),
        "{summary}"
    );
    check_passes(&f);
    // check names the English whose Chinese changed, until it is updated
    let checked = cli(&["check", "--root", f.root().to_str().unwrap()]);
    let said = String::from_utf8_lossy(&checked.stderr);
    for (file, field) in [
        (union_file, "review.budget.en"),
        (finance_file, "review.performance.en"),
    ] {
        assert!(
            said.lines()
                .any(|l| l.starts_with(&format!("warning: {file}:"))
                    && l.contains(&format!("field `{field}`"))
                    && l.contains("Chinese text changed")),
            "{file} {field}: {said}"
        );
    }

    // the same table once more changes nothing
    let again = import(&f, &table(&Q1_90.replace("90%", "95%"), corrected), &[]);
    assert!(
        again.contains("0 new records, 0 updated, 9 unchanged."),
        "{again}"
    );
}

#[test]
fn a_row_gone_is_reported_and_only_force_drops_english() {
    let f = Fixture::real();
    let full = table(Q1_90, PERFORMANCE_3);
    import(&f, &full, &[]);
    let mut office = record(&f, 112, "mol-office-building");
    office.review.budget.en = "All quarters reached 100%.\n".into();
    save(&f, &office);

    // item 7 (the office building) is gone from the corrected table: reported, not deleted
    let without_7: String = full
        .lines()
        .filter(|l| !l.starts_with("7\t"))
        .map(|l| format!("{l}\n"))
        .collect();
    let summary = import(&f, &without_7, &[]);
    let kept = section(&summary, "Records not in this table");
    assert_eq!(
        kept,
        ["content/plans/112/mol-office-building.yaml"],
        "{summary}"
    );
    assert_eq!(record(&f, 112, "mol-office-building"), office);

    // --force replaces a record whole, English included, in its own file
    let summary = import(&f, &full, &["--force"]);
    assert!(
        summary.contains("content/plans/112/mol-office-building.yaml: review.budget.en"),
        "{summary}"
    );
    assert_eq!(record(&f, 112, "mol-office-building").review.budget.en, "");
    assert_eq!(files_112(&f).len(), 9);
}
