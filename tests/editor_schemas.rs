//! The JSON Schemas editors check content with (`schemas/`, `gongkai schema`): current with
//! the record types, met by every file in `content/`, and failed by wrong records, as an
//! independent validator (the `jsonschema` crate, not the generator) judges them; the
//! commands that write records point them at the schemas.

mod common;
use common::*;

use gongkai::content::json_schema::{Kind, MODELINE};
use serde_json::Value;
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's schema of `kind`, parsed.
fn kept(kind: Kind) -> Value {
    let path = repo().join("schemas").join(kind.file_name());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `gongkai schema --out schemas` (cargo run -- schema --out schemas)",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap()
}

/// A draft 07 validator for the repository's schema of `kind`.
fn validator(kind: Kind) -> jsonschema::Validator {
    let schema = kept(kind);
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("{} is not a valid schema: {e}", kind.file_name()));
    jsonschema::draft7::new(&schema).unwrap()
}

/// YAML as the JSON value an editor checks.
fn json(yaml: &str) -> Value {
    serde_yaml::from_str(yaml).unwrap()
}

/// What the validator says is wrong with `value`, one line an error.
fn errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_kept_schemas_are_the_generated_ones() {
    for kind in Kind::ALL {
        let path = repo().join("schemas").join(kind.file_name());
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == kind.text(),
            "{} is not the schema the record types give: run `gongkai schema --out schemas` \
             (cargo run -- schema --out schemas) and commit the result",
            path.display()
        );
    }
}

#[test]
fn every_content_file_meets_its_schema_and_points_at_it() {
    let mut seen = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(repo()).unwrap();
        let kind = Kind::of(rel).unwrap_or_else(|| panic!("{}: no schema", rel.display()));
        seen.insert(kind);
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let errs = errors(&validator(kind), &json(&text));
        assert!(errs.is_empty(), "{}:\n{}", rel.display(), errs.join("\n"));
        // the first line points the editor at the schema, which is there
        let first = text.lines().next().unwrap();
        let target = first
            .strip_prefix(MODELINE)
            .unwrap_or_else(|| panic!("{}: first line {first:?}", rel.display()));
        let schema = entry.path().parent().unwrap().join(target);
        assert_eq!(
            std::fs::canonicalize(&schema).unwrap(),
            repo()
                .join("schemas")
                .join(kind.file_name())
                .canonicalize()
                .unwrap(),
            "{}",
            rel.display()
        );
    }
    assert_eq!(
        seen.len(),
        Kind::ALL.len(),
        "every kind is checked: {seen:?}"
    );
}

/// A real record of ROC 111.
const RECORD: &str = "content/plans/111/mol-office-building.yaml";

/// `text` with `from` replaced by `to` (which must be there).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the record");
    text.replacen(from, to, 1)
}

#[test]
fn wrong_records_fail_the_schema_and_the_loader_alike() {
    let plan = std::fs::read_to_string(repo().join(RECORD)).unwrap();
    let v = validator(Kind::Plan);
    assert!(v.is_valid(&json(&plan)));
    let wrong = [
        (
            "a year as text",
            edit(&plan, "\nyear: 111", "\nyear: 一一一"),
        ),
        (
            "an unknown field",
            edit(&plan, "\nitem:", "\nitme: 1\nitem:"),
        ),
        (
            "an unknown nested field",
            edit(&plan, "  on_time:", "  in_time: true\n    on_time:"),
        ),
        (
            "no facts",
            plan[..plan.find("\nfacts:").unwrap() + 1].to_string(),
        ),
        (
            "no Chinese name",
            edit(&plan, "name:\n  zh:", "name:\n  zh_tw:"),
        ),
        (
            "an unknown judgement",
            edit(&plan, "target_clarity: ", "target_clarity: vague #"),
        ),
        (
            "three quarters",
            edit(&plan, "budget_execution: [", "budget_execution: [1, "),
        ),
        (
            "a budget over 100 %",
            edit(&plan, "budget_execution: [", "budget_execution: [101, "),
        ),
        (
            "a capital in the id",
            edit(&plan, "\nid: mol-", "\nid: MOL-"),
        ),
        ("item 0", edit(&plan, "\nitem: ", "\nitem: 0 #")),
    ];
    for (what, text) in &wrong {
        assert!(!v.is_valid(&json(text)), "the schema accepts {what}");
        let f = Fixture::real();
        f.write(RECORD, text);
        assert!(
            gongkai::content::load(f.root()).is_err(),
            "the loader accepts {what}: the schema would flag a good record"
        );
    }
}

#[test]
fn wrong_settings_fail_their_schemas() {
    let read = |rel: &str| std::fs::read_to_string(repo().join(rel)).unwrap();
    let cases = [
        (
            Kind::Site,
            edit(
                &read("content/site.yaml"),
                "\ntitle:",
                "\nphone: [1]\ntitle:",
            ),
        ),
        (
            Kind::Site,
            edit(&read("content/site.yaml"), "\ntitle:", "\ntitel: x\ntitle:"),
        ),
        (
            Kind::Year,
            edit(&read("content/years/111.yaml"), "year: 111", "year: [111]"),
        ),
        (
            Kind::Agencies,
            edit(&read("content/agencies.yaml"), "order: 1", "order: first"),
        ),
        (
            Kind::Agencies,
            edit(
                &read("content/agencies.yaml"),
                "\nministry:",
                "\nministries:",
            ),
        ),
        (
            Kind::Page,
            edit(&read("content/pages/about.yaml"), "body:", "text:"),
        ),
        (Kind::Synonyms, "zh: [勞保, 勞工保險]\n".to_string()),
    ];
    for (kind, text) in &cases {
        assert!(
            !validator(*kind).is_valid(&json(text)),
            "{} accepts:\n{text}",
            kind.file_name()
        );
    }
}

#[test]
fn the_id_pattern_is_the_loaders_rule() {
    let v = validator(Kind::Plan);
    let plan = json(&std::fs::read_to_string(repo().join(RECORD)).unwrap());
    let long = "a".repeat(81);
    for id in [
        "a", "a-b", "a1-2b", "-a", "a-", "a--b", "A", "a_b", "a b", "", "中文", &long, "a.b",
    ] {
        let mut p = plan.clone();
        p["id"] = id.into();
        assert_eq!(
            v.is_valid(&p),
            gongkai::content::validate::is_slug(id),
            "id {id:?}"
        );
    }
}

#[test]
fn new_plan_and_new_year_point_at_the_sites_schemas() {
    let f = Fixture::new("minimal");
    assert!(!f.root().join("schemas").exists());
    let (ok, err) = run_in(&f, &["new", "plan", "--year", "112", "--agency", "beta"]);
    assert!(ok, "{err}");
    let (ok, err) = run_in(&f, &["new", "year", "112"]);
    assert!(ok, "{err}");
    for kind in Kind::ALL {
        let kept = std::fs::read_to_string(f.root().join("schemas").join(kind.file_name()));
        assert_eq!(kept.unwrap(), kind.text(), "{}", kind.file_name());
    }
    let plans: Vec<_> = std::fs::read_dir(f.root().join("content/plans/112"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(plans.len(), 1);
    let plan = std::fs::read_to_string(&plans[0]).unwrap();
    assert!(
        plan.starts_with(&format!("{MODELINE}../../../schemas/plan.schema.json\n")),
        "{plan}"
    );
    // the scaffold, placeholders and all, already has the schema's shape
    assert_eq!(
        errors(&validator(Kind::Plan), &json(&plan)),
        Vec::<String>::new()
    );
    let year = std::fs::read_to_string(f.root().join("content/years/112.yaml")).unwrap();
    assert!(
        year.starts_with(&format!("{MODELINE}../../schemas/year.schema.json\n")),
        "{year}"
    );
    assert!(validator(Kind::Year).is_valid(&json(&year)));
}

#[test]
fn import_points_records_at_the_schema_and_keeps_a_records_own_line() {
    let site = agencies_site();
    let root = site.path().to_str().unwrap();
    let table = repo().join("tests/fixtures/import/mol-111-controlled-plan-review.txt");
    let import = || {
        let out = cli(&[
            "import",
            table.to_str().unwrap(),
            "--year",
            "111",
            "--root",
            root,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // the records written, one a line
        String::from_utf8(out.stdout).unwrap()
    };
    let written = import();
    let path = std::path::PathBuf::from(written.lines().next().unwrap());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(&format!("{MODELINE}../../../schemas/plan.schema.json\n")),
        "{text}"
    );
    assert!(validator(Kind::Plan).is_valid(&json(&text)));
    assert!(site.path().join("schemas/plan.schema.json").is_file());
    // a record staff pointed elsewhere, then updated by importing again, keeps its line
    let own = format!("{MODELINE}https://example.org/plan.schema.json");
    let moved = text.replacen(
        &format!("{MODELINE}../../../schemas/plan.schema.json"),
        &own,
        1,
    );
    let renumbered = edit(&moved, "\nitem: ", "\nitem: 9");
    std::fs::write(&path, renumbered).unwrap();
    assert_eq!(
        import().trim(),
        path.to_str().unwrap(),
        "only the renumbered record"
    );
    let again = std::fs::read_to_string(&path).unwrap();
    assert!(again.starts_with(&format!("{own}\n")), "{again}");
    assert_eq!(again.replacen(&own, "", 1), moved.replacen(&own, "", 1));
}

#[test]
fn schema_links_every_record_of_a_site() {
    let f = Fixture::new("minimal");
    let (ok, err) = run_in(&f, &["schema", "--link-records"]);
    assert!(ok, "{err}");
    let site = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
    assert!(site.starts_with(&format!("{MODELINE}../schemas/site.schema.json\n")));
    let plan = std::fs::read_to_string(f.root().join("content/plans/110/fix-bridge.yaml")).unwrap();
    assert!(plan.starts_with(&format!("{MODELINE}../../../schemas/plan.schema.json\n")));
    // a second run changes nothing, and the site still builds
    let out = cli(&[
        "schema",
        "--link-records",
        "--root",
        f.root().to_str().unwrap(),
    ]);
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    f.build().unwrap();
}
