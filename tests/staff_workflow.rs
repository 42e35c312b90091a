//! The staff workflow from the command line: scaffold a record, fill it in, check it; import a
//! table without overwriting; round-trip the published CSV.

mod common;
use common::*;

/// `gongkai new plan` for agency `beta`'s plan `harbor-lights` of 111, in the site at `root`.
fn new_harbor_lights(root: &str) -> std::process::Output {
    cli(&[
        "new",
        "plan",
        "--year",
        "111",
        "--agency",
        "beta",
        "--root",
        root,
        "--id",
        "harbor-lights",
    ])
}

#[test]
fn new_plan_then_fill_in_then_check() {
    let f = Fixture::new("minimal");
    let root = f.root().to_str().unwrap();
    let out = new_harbor_lights(root);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rel = "content/plans/111/harbor-lights.yaml";
    let text = std::fs::read_to_string(f.root().join(rel)).unwrap();
    assert!(text.contains("item: 3"), "next free item number");
    assert!(
        text.contains("# Plan id") && text.contains("# 計畫識別碼"),
        "commented in both languages"
    );

    // as scaffolded, check names every placeholder left
    let check = cli(&["check", "--root", root]);
    assert!(!check.status.success());
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(
        err.contains("harbor-lights.yaml:") && err.contains("placeholder `TODO`"),
        "{err}"
    );

    // filled in (every TODO replaced), it passes
    let filled: String = text
        .lines()
        .map(|l| match l.find("TODO") {
            Some(i) if !l.trim_start().starts_with('#') => {
                let (head, _) = l.split_at(i);
                let head = head.trim_end_matches('"');
                if head.trim_end().ends_with(':') {
                    format!("{head}\"填好了 filled in\"")
                } else {
                    format!("{head}填好了 filled in")
                }
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(f.root().join(rel), &filled).unwrap();
    // the facts are still the scaffold's, which the text does not state
    let check = cli(&["check", "--root", root]);
    assert!(!check.status.success());
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(
        err.contains("field `review.budget.zh`")
            && err.contains("field `facts.special_performance`"),
        "{err}"
    );

    // with a budget text and the facts it states, it passes
    let filled = filled
        .replacen(
            "      填好了 filled in\n    en: |\n      填好了 filled in\n  # 三",
            "      各管考週期，年累計支用比進度均達 100%。\n    en: |\n      填好了 filled in\n  # 三",
            1,
        )
        .replace("budget_execution: [0, 0, 0, 0]", "budget_execution: [100, 100, 100, 100]")
        .replace("special_performance: false", "special_performance: true");
    std::fs::write(f.root().join(rel), filled).unwrap();
    let check = cli(&["check", "--root", root]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // and it is never overwritten by a second `new`
    let again = new_harbor_lights(root);
    assert!(!again.status.success());
}

#[test]
fn new_plan_rejects_an_unknown_agency() {
    let f = Fixture::new("minimal");
    let out = cli(&[
        "new",
        "plan",
        "--year",
        "111",
        "--agency",
        "gamma",
        "--root",
        f.root().to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        "unknown agency `gamma`: write the slug of one in content/agencies.yaml (alpha, beta)"
    ));
}

#[test]
fn published_csv_imports_back_to_the_same_records() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let root = f.root().to_str().unwrap();
    let csv = f.out().join("data/111.csv");
    let dest = f.root().join("reimported");
    let out = cli(&[
        "import",
        csv.to_str().unwrap(),
        "--year",
        "111",
        "--root",
        root,
        "--out",
        dest.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for id in ["fix-bridge", "fix-ports"] {
        let a: serde_json::Value = serde_json::to_value(
            serde_yaml::from_str::<gongkai::content::schema::PlanFile>(
                &std::fs::read_to_string(dest.join(format!("{id}.yaml"))).unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
        // the record as the open data give it back: a section written on one line (a plain
        // scalar) comes back as import writes every section, a block ending in a line break
        let b: serde_json::Value = serde_json::to_value(gongkai::opendata::canonical(
            &serde_yaml::from_str::<gongkai::content::schema::PlanFile>(
                &std::fs::read_to_string(f.root().join(format!("content/plans/111/{id}.yaml")))
                    .unwrap(),
            )
            .unwrap(),
        ))
        .unwrap();
        assert_eq!(a, b, "{id}");
    }
    // a second import updates the records in place: nothing changed, nothing added
    let before = snapshot(&dest);
    let again = cli(&[
        "import",
        csv.to_str().unwrap(),
        "--year",
        "111",
        "--root",
        root,
        "--out",
        dest.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{err}");
    assert!(
        err.contains("0 new records, 0 updated, 2 unchanged."),
        "{err}"
    );
    assert_eq!(snapshot(&dest), before);
}

#[test]
fn a_table_with_unplaceable_lines_writes_nothing_and_names_the_lines() {
    let f = Fixture::new("minimal");
    let table = "項次\t主辦機關\t計畫名稱\t複核結果\n1\t甲司\t橋梁\t<p>一、行政作業</p> <p>如期。</p> <p>二、經費運用</p> <p>各季均達 100%。</p> <p>三、特殊績效</p> <p>無。</p>\n2\t丙司\t港口\t<p>一、行政作業</p>\n";
    f.write("table.txt", table);
    let dest = f.root().join("imported");
    let out = cli(&[
        "import",
        f.root().join("table.txt").to_str().unwrap(),
        "--year",
        "112",
        "--root",
        f.root().to_str().unwrap(),
        "--out",
        dest.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("table.txt:3"), "{err}");
    assert!(!dest.exists(), "nothing written");
}
