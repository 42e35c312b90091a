//! The plan record is defined once, in `content::schema`: every field of it survives the
//! open-data CSV and ODS and the YAML `import` writes, the scaffold `gongkai new` writes has
//! every field, and every CSV column is described. A field added to the schema and forgotten
//! in any of them fails here, as does one the open data's JSON leaves out, or a text
//! validation does not look at for a placeholder (see docs/developer.md, "Adding a field to a plan").

mod common;

use gongkai::content::schema::{
    Challenge, Clarity, Fact, Facts, Flag, Lag, LateReport, PlanFile, ReportKind, Reports,
    ReturnedReport, Review, Text,
};
use gongkai::import::to_yaml;
use gongkai::opendata::{field_descriptions, from_csv, to_csv, COLUMNS};
use gongkai::opendata_json::to_json;
use gongkai::opendata_ods::{from_ods, to_ods};
use serde_json::Value;

fn text(zh: &str, en: &str) -> Text {
    Text {
        zh: zh.into(),
        en: en.into(),
        en_from: None,
    }
}

/// A record with every list filled. Written out field by field, so a new schema field stops
/// this file compiling until it is given a value here and in [`other`].
fn one() -> PlanFile {
    PlanFile {
        id: "plan-a".into(),
        year: 111,
        item: 1,
        source_page: Some(3),
        agency: "bli".into(),
        name: text("甲計畫", "Plan A"),
        review: Review {
            administration: text("行政一\n", "Admin one\n"),
            budget: text("經費一\n", "Budget one\n"),
            performance: text("績效一\n", "Performance one\n"),
        },
        facts: Facts {
            reports: Reports {
                on_time: false,
                late: vec![LateReport {
                    report: ReportKind::Q2,
                    days: 5,
                }],
                returned: vec![ReturnedReport {
                    report: ReportKind::WorkPlan,
                    times: 1,
                }],
            },
            lags: vec![Lag {
                quarter: 3,
                percent: 0.21,
            }],
            target_challenge: Challenge::Challenging,
            target_clarity: Clarity::Quantitative,
            budget_execution: [100.0, 90.0, 99.22, 100.0],
            special_performance: true,
        },
        facts_checked_by_hand: vec![Fact::BudgetExecution],
        reasons: [(
            Flag::SpendingQ3,
            text(
                "第 3 季 60%，係因疫情影響",
                "60% in Q3, because of the pandemic",
            ),
        )]
        .into(),
        // whether a plan is published is not data: open data never holds a draft, and a
        // `false` is not written (`tests/drafts.rs` follows `draft` where it goes)
        draft: false,
    }
}

/// A record that differs from [`one`] in every field (the test checks it does).
fn other() -> PlanFile {
    PlanFile {
        id: "plan-b".into(),
        year: 112,
        item: 2,
        source_page: Some(9),
        agency: "osha".into(),
        name: text("乙計畫", "Plan B"),
        review: Review {
            administration: text("行政二\n", "Admin two\n"),
            budget: text("經費二\n", "Budget two\n"),
            performance: text("績效二\n", "Performance two\n"),
        },
        facts: Facts {
            reports: Reports {
                on_time: true,
                late: vec![LateReport {
                    report: ReportKind::SelfEvaluation,
                    days: 7,
                }],
                returned: vec![ReturnedReport {
                    report: ReportKind::Q4,
                    times: 3,
                }],
            },
            lags: vec![Lag {
                quarter: 1,
                percent: 4.5,
            }],
            target_challenge: Challenge::NotStated,
            target_clarity: Clarity::NotStated,
            budget_execution: [10.0, 20.0, 30.0, 40.0],
            special_performance: false,
        },
        facts_checked_by_hand: vec![Fact::TargetChallenge],
        reasons: [(Flag::SpendingQ3, text("餘均達 100%", "100% otherwise"))].into(),
        draft: false,
    }
}

/// Every leaf of a JSON value (a scalar, or an empty list or object) as a JSON pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, x) in m {
                leaves(x, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

/// The mapping keys of a value, as dotted paths, not looking into lists, nor into `reasons`
/// (keyed by flags, not fields: a record gives reasons for some flags, if any).
fn keys(v: &Value, at: &str, out: &mut Vec<String>) {
    if let Value::Object(m) = v {
        for (k, x) in m.iter().filter(|_| at != "reasons") {
            let path = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            keys(x, &path, out);
            out.push(path);
        }
    }
    out.sort();
}

fn json(p: &PlanFile) -> Value {
    serde_json::to_value(p).unwrap()
}

/// [`one`] with the field at `pointer` taken from [`other`].
fn one_with(pointer: &str) -> PlanFile {
    let mut v = json(&one());
    *v.pointer_mut(pointer).unwrap() = json(&other()).pointer(pointer).unwrap().clone();
    serde_json::from_value(v).unwrap()
}

fn all_leaves() -> Vec<String> {
    let mut out = Vec::new();
    leaves(&json(&one()), String::new(), &mut out);
    out
}

#[test]
fn the_two_records_differ_in_every_field() {
    let (a, b) = (json(&one()), json(&other()));
    let mut other_leaves = Vec::new();
    leaves(&b, String::new(), &mut other_leaves);
    assert_eq!(all_leaves(), other_leaves, "the same shape");
    for at in all_leaves() {
        assert_ne!(a.pointer(&at), b.pointer(&at), "{at} is the same in both");
    }
}

#[test]
fn every_field_survives_csv_ods_and_yaml() {
    let agencies = common::agencies();
    for at in all_leaves() {
        let record = one_with(&at);
        let want = json(&record);
        let records = [record];
        let csv = from_csv(&to_csv(&records, &agencies)).unwrap();
        assert_eq!(json(&csv[0]), want, "{at} is lost in the CSV");
        let ods = from_ods(&to_ods(&records, &agencies, &common::meta())).unwrap();
        assert_eq!(json(&ods[0]), want, "{at} is lost in the ODS");
        let yaml: PlanFile = serde_yaml::from_str(&to_yaml(&records[0])).unwrap();
        assert_eq!(json(&yaml), want, "{at} is lost in import's YAML");
    }
}

#[test]
fn the_scaffold_has_every_field() {
    let agencies = common::agencies();
    let scaffold = gongkai::scaffold::new_plan(111, &agencies.agencies[0], 1, "plan-x");
    let written: Value = serde_yaml::from_str(&scaffold).unwrap();
    let (mut want, mut got) = (Vec::new(), Vec::new());
    keys(&json(&one()), "", &mut want);
    keys(&written, "", &mut got);
    assert_eq!(got, want, "the scaffold's fields are not the schema's");
}

#[test]
fn every_column_is_described_once_in_order() {
    let described: Vec<&str> = field_descriptions().iter().map(|d| d.name).collect();
    assert_eq!(described, COLUMNS.to_vec());
    for d in field_descriptions() {
        assert!(
            !d.zh.trim().is_empty() && !d.en.trim().is_empty(),
            "{}",
            d.name
        );
    }
}

/// The open data's JSON holds every field of the record, at the record's own path (texts as
/// published, without YAML's final line break), except `draft` (a draft is never published)
/// and the reasons, which it gives as the sentences of the text they quote (`check` requires
/// them to be; [`one`]'s are not: see [`a_given_reason_reaches_the_open_data_json`]).
#[test]
fn every_field_reaches_the_open_data_json() {
    let agencies = common::agencies();
    let published = |at: &String| at != "/draft" && !at.starts_with("/reasons/");
    for at in all_leaves().into_iter().filter(published) {
        let record = one_with(&at);
        let want = json(&record).pointer(&at).unwrap().clone();
        let published: Value =
            serde_json::from_slice(&to_json(&[record], &agencies, &common::meta())).unwrap();
        let got = published["plans"][0].pointer(&at).cloned();
        let want = match want {
            Value::String(s) => Value::String(s.trim_end_matches('\n').to_string()),
            v => v,
        };
        assert_eq!(got, Some(want), "{at} does not reach the open data's JSON");
    }
}

/// The record's text leaves (a `{zh, en}` object's two strings) as JSON pointers.
fn text_leaves(v: &Value, at: String, out: &mut Vec<String>) {
    if let Value::Object(m) = v {
        if m.get("zh").is_some_and(Value::is_string) {
            out.extend(["zh", "en"].map(|l| format!("{at}/{l}")));
            return;
        }
        for (k, x) in m {
            text_leaves(x, format!("{at}/{k}"), out);
        }
    }
}

/// The real example record with a reason given (quoting its texts, as `check` requires), so
/// that every kind of text is there.
fn example_with_reason() -> PlanFile {
    let mut record = common::example();
    record.reasons.insert(
        Flag::SpendingQ3,
        text(
            "年累計支用比第 3 季 99.22%",
            "the cumulative budget execution rate was 99.22% in Q3",
        ),
    );
    record
}

/// A reason the record gives is the JSON's, in both languages, marked as given.
#[test]
fn a_given_reason_reaches_the_open_data_json() {
    let record = example_with_reason();
    let given = record.reasons[&Flag::SpendingQ3].clone();
    let published: Value =
        serde_json::from_slice(&to_json(&[record], &common::agencies(), &common::meta())).unwrap();
    let reason = &published["plans"][0]["reasons"]["spending_q3"];
    assert_eq!(reason["zh"], given.zh.as_str());
    assert_eq!(reason["en"], given.en.as_str());
    assert_eq!(reason["given"], true);
}

/// A placeholder left in any text of a plan is a problem `check` names at that field.
#[test]
fn a_placeholder_in_any_text_is_named_at_its_field() {
    let record = example_with_reason();
    let plan = "content/plans/111/mol-office-building.yaml";
    let problems_with = |r: &PlanFile| {
        let f = common::Fixture::real();
        f.write(plan, &serde_yaml::to_string(r).unwrap());
        // a record with an error is not loaded: the problems come with the refusal
        let problems = match gongkai::content::load(f.root()) {
            Ok(content) => gongkai::content::validate::validate(&content),
            Err(gongkai::error::Error::Invalid(problems)) => problems,
            Err(e) => panic!("{e}"),
        };
        let fields: Vec<String> = (problems.into_iter())
            .filter(|d| d.file.ends_with("mol-office-building.yaml"))
            .filter_map(|d| d.field)
            .collect();
        fields
    };
    assert_eq!(
        problems_with(&record),
        Vec::<String>::new(),
        "the record is valid"
    );
    let mut leaves = Vec::new();
    text_leaves(&json(&record), String::new(), &mut leaves);
    assert!(
        leaves.contains(&"/reasons/spending_q3/en".to_string()),
        "{leaves:?}"
    );
    for at in leaves {
        let mut v = json(&record);
        let leaf = v.pointer_mut(&at).unwrap();
        *leaf = Value::String(format!("{} TODO", leaf.as_str().unwrap()));
        let field = at.trim_start_matches('/').replace('/', ".");
        let problems = problems_with(&serde_json::from_value(v).unwrap());
        assert!(problems.contains(&field), "TODO in {field}: {problems:?}");
    }
}
