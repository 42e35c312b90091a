//! For every record in `content/`: each number in the facts appears in the record's Chinese
//! text, and each percentage the text states for progress lags and budget execution is in the
//! facts. This keeps the data and the text it was taken from in step.

mod common;
use gongkai::content::schema::PlanFile;
use std::path::Path;

/// Numbers in `s` with their byte offsets and whether a `%` follows.
fn numbers(s: &str) -> Vec<(usize, f64, bool)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.')) {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || b[i] == b','
                    || (b[i] == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            let value: f64 = s[start..i].replace(',', "").parse().unwrap();
            let rest = s[i..].trim_start_matches(' ');
            out.push((start, value, rest.starts_with('%')));
        } else {
            i += 1;
        }
    }
    out
}

fn has(list: &[f64], x: f64) -> bool {
    list.iter().any(|y| (x - y).abs() < 1e-9)
}

fn records() -> Vec<(String, PlanFile)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/plans");
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "yaml") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            out.push((
                e.path().display().to_string(),
                serde_yaml::from_str(&text).unwrap(),
            ));
        }
    }
    out
}

#[test]
fn facts_and_text_agree_for_every_record() {
    let recs = records();
    assert!(
        recs.len() >= 20,
        "expected the 20 plans of ROC 111, found {}",
        recs.len()
    );
    let mut problems = Vec::new();
    for (path, r) in &recs {
        let admin = &r.review.administration.zh;
        let budget = &r.review.budget.zh;
        let all = format!("{admin}\n{}\n{}", budget, r.review.performance.zh);
        let in_text: Vec<f64> = numbers(&all).iter().map(|n| n.1).collect();
        let f = &r.facts;
        let mut data: Vec<(String, f64)> = Vec::new();
        data.extend(
            f.reports
                .late
                .iter()
                .map(|l| ("late days".to_string(), l.days as f64)),
        );
        data.extend(
            f.reports
                .returned
                .iter()
                .map(|x| ("returned times".to_string(), x.times as f64)),
        );
        for l in &f.lags {
            data.push(("lag quarter".into(), l.quarter as f64));
            data.push(("lag percent".into(), l.percent));
        }
        data.extend(
            f.budget_execution
                .iter()
                .map(|x| ("budget execution".to_string(), *x)),
        );
        for (what, x) in &data {
            if !has(&in_text, *x) {
                problems.push(format!("{path}: {what} {x} is not in the text"));
            }
        }
        // percentages the text gives for lags (落後 X%) must be lags in the data
        let lags: Vec<f64> = f.lags.iter().map(|l| l.percent).collect();
        for (at, x, pct) in numbers(admin) {
            if pct && admin[..at].trim_end().ends_with("落後") && !has(&lags, x) {
                problems.push(format!("{path}: lag {x}% in the text is not in facts.lags"));
            }
        }
        for (_, x, pct) in numbers(budget) {
            if pct && !has(&f.budget_execution, x) {
                problems.push(format!(
                    "{path}: budget {x}% in the text is not in facts.budget_execution"
                ));
            }
        }
        if f.lags.is_empty() && admin.contains("落後") && !admin.contains("未有落後") {
            problems.push(format!(
                "{path}: the text reports a lag but facts.lags is empty"
            ));
        }
        if f.reports.on_time == admin.contains("逾期") {
            problems.push(format!(
                "{path}: facts.reports.on_time disagrees with the text"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_number_scanner_reads_the_text_as_written() {
    let n = numbers("第 3 季落後 0.21%，1 年可省下約 76,000 仟元，99.90%");
    let v: Vec<(f64, bool)> = n.iter().map(|x| (x.1, x.2)).collect();
    assert_eq!(
        v,
        vec![
            (3.0, false),
            (0.21, true),
            (1.0, false),
            (76000.0, false),
            (99.9, true)
        ]
    );
}
