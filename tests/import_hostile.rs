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
    assert_eq!(r.id, "p111-7");
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
