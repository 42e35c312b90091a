//! Writes a synthetic site of N realistic records for benchmarks: many years and agencies,
//! text built from the real records' vocabulary, facts consistent with the text.
//!
//! `cargo run --release --example gen_corpus -- N OUT_DIR [SOURCE_ROOT]`
//!
//! The output is a site folder (`OUT_DIR/content/…`) that `gongkai build --root OUT_DIR`
//! accepts. The same N always writes the same files.

use gongkai::content::schema::{AgenciesFile, AgencyFile, PlanFile, Text};
use std::path::{Path, PathBuf};

/// A tiny deterministic generator (64-bit LCG): benchmarks need repeatable corpora, not
/// statistical quality.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_corpus N OUT_DIR [SOURCE_ROOT]");
        std::process::exit(2);
    }
    let n: usize = args[1].parse().expect("N is a number");
    let out = PathBuf::from(&args[2]);
    let source = PathBuf::from(args.get(3).map(String::as_str).unwrap_or("."));
    generate(n, &out, &source);
    eprintln!("wrote {n} records into {}", out.display());
}

fn read<T: serde::de::DeserializeOwned>(p: &Path) -> T {
    serde_yaml::from_str(
        &std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
    )
    .unwrap()
}

fn generate(n: usize, out: &Path, source: &Path) {
    let content = out.join("content");
    if content.exists() {
        std::fs::remove_dir_all(&content).unwrap();
    }
    std::fs::create_dir_all(content.join("plans")).unwrap();
    std::fs::copy(source.join("content/site.yaml"), content.join("site.yaml")).unwrap();

    let mut templates: Vec<PlanFile> = walkdir::WalkDir::new(source.join("content/plans"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| read(e.path()))
        .collect();
    templates.sort_by_key(|p| (p.year, p.item));
    assert!(
        !templates.is_empty(),
        "no records to learn the vocabulary from"
    );

    // agencies: the real ones, then more departments as the corpus grows (≈ 40 plans each)
    let mut agencies: AgenciesFile = read(&source.join("content/agencies.yaml"));
    let real = agencies.agencies.len();
    for k in real..(n / 40).max(real) {
        agencies.agencies.push(AgencyFile {
            slug: format!("dept-{k}"),
            name: Text {
                zh: format!("第{}業務司", k + 1),
                en: format!("Department No. {}", k + 1),
                en_from: None,
            },
            short_names: Vec::new(),
            order: k as u32 + 1,
            ..Default::default()
        });
    }
    std::fs::write(
        content.join("agencies.yaml"),
        serde_yaml::to_string(&agencies).unwrap(),
    )
    .unwrap();

    // years: ≈ 1,000 records a year up to 20 years (ROC 92–111), then more records a year: a
    // national corpus is many ministries over a couple of decades, not a century. Every plan id
    // recurs across the years (each plan page links its other years).
    let years = n.div_ceil(1000).clamp(1, 20);
    let per_year = n.div_ceil(years);
    let mut rng = Lcg(0x9e3779b97f4a7c15);
    for i in 0..n {
        let (y, k) = (i / per_year, i % per_year);
        let year = 111 - (years - 1 - y) as u32;
        let t = &templates[k % templates.len()];
        let donor = &templates[rng.below(templates.len())];
        let mut r = t.clone();
        r.id = format!("plan-{k}");
        r.year = year;
        r.item = k as u32 + 1;
        r.agency = if k < templates.len() {
            t.agency.clone()
        } else {
            agencies.agencies[rng.below(agencies.agencies.len())]
                .slug
                .clone()
        };
        r.name.zh = format!("{}（第 {} 項）", t.name.zh, k + 1);
        r.name.en = format!("{} (No. {})", t.name.en, k + 1);
        // more vocabulary: another record's special performance, in place of the stock
        // sentence of none (the facts must agree with the text: `check` reads them from it)
        if donor.facts.special_performance && !t.facts.special_performance {
            r.review.performance = donor.review.performance.clone();
            r.facts.special_performance = true;
        } else if donor.facts.special_performance && donor.id != t.id {
            r.review.performance.zh = format!(
                "{}\n{}",
                t.review.performance.zh.trim_end(),
                donor.review.performance.zh
            );
            r.review.performance.en = format!(
                "{}\n{}",
                t.review.performance.en.trim_end(),
                donor.review.performance.en
            );
            r.facts.special_performance = true;
        }
        let dir = content.join("plans").join(year.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(format!("{}.yaml", r.id)),
            serde_yaml::to_string(&r).unwrap(),
        )
        .unwrap();
    }
}
