//! Times the loader and the Markdown renderer on the hostile inputs of the adversarial run
//! (each now refused or rendered flat) and the cost of the YAML pre-pass on a real record:
//! `cargo run --release --example safety_bench`. Prints one line per input.

use gongkai::content::schema::PlanFile;
use gongkai::content::{yaml, yaml_guard};
use gongkai::render::markdown;
use std::path::Path;
use std::time::Instant;

const RECORD: &str = include_str!("../content/plans/111/mol-office-building.yaml");

fn time<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    println!("{label:<58} {:>10.3} ms", t.elapsed().as_secs_f64() * 1e3);
    r
}

fn main() {
    let file = Path::new("content/plans/111/x.yaml");
    let with_review = |md: &str| {
        let block: String = md.lines().map(|l| format!("      {l}\n")).collect();
        RECORD.replacen("    zh: |\n", &format!("    zh: |\n{block}"), 1)
    };
    let cases: Vec<(&str, String)> = vec![
        (
            "YAML: 160 kB of flow nesting",
            format!("id: {}", "[".repeat(160_000)),
        ),
        (
            "YAML: 2 MB of flow nesting",
            format!("id: {}", "[".repeat(2_000_000)),
        ),
        (
            "YAML: 2,000 levels of block nesting",
            (0..2000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
        ),
        (
            "YAML: an alias of a 1.5 MB text",
            format!("a: &x {}\nb: *x\n", "y".repeat(1_500_000)),
        ),
        (
            "record: 1.5 MB of &#x26; in a review",
            with_review(&"&#x26;".repeat(250_000)),
        ),
        (
            "record: 5,000 nested <div> in a review",
            with_review(&"<div>".repeat(5000)),
        ),
    ];
    for (label, text) in &cases {
        let r = time(label, || {
            let p = yaml::parse::<PlanFile>(file, text).map_err(|d| d.message.en)?;
            markdown::check(&p.review.administration.zh).map_err(|e| e.to_string())
        });
        if let Err(m) = r {
            println!("    refused: {m}");
        }
    }
    for (label, md) in [
        (
            "to_html: 1.5 MB of &#x26; (rendered flat)",
            "&#x26;".repeat(250_000),
        ),
        (
            "to_html: '- ' x 2000 (rendered flat)",
            "- ".repeat(2000) + "x",
        ),
        (
            "to_html: 2,000 &amp; (within the limit)",
            "&amp;".repeat(2000),
        ),
    ] {
        let html = time(label, || markdown::to_html(&md));
        println!("    {} bytes of HTML", html.len());
    }
    let n = 2000;
    time(&format!("pre-pass over the real record x {n}"), || {
        for _ in 0..n {
            yaml_guard::check(file, RECORD).unwrap();
        }
    });
    time(&format!("yaml::parse (what a build runs) x {n}"), || {
        for _ in 0..n {
            yaml::parse::<PlanFile>(file, RECORD).unwrap();
        }
    });
    time(&format!("serde_yaml over the real record x {n}"), || {
        for _ in 0..n {
            serde_yaml::from_str::<PlanFile>(RECORD).unwrap();
        }
    });
}
