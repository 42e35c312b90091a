//! Times the open-data writers on a site:
//! `cargo run --release --example opendata_profile -- ROOT [RUNS]`.
//! Prints, per format, the best of RUNS (default 3) times to write every year's file, and the
//! files' total size.
use gongkai::content::schema::{AgenciesFile, PlanFile};
use gongkai::model::Site;
use std::time::{Duration, Instant};

type Writer = fn(&[&PlanFile], &AgenciesFile, &gongkai::opendata::Meta) -> Vec<u8>;

fn main() {
    let root = std::env::args()
        .nth(1)
        .expect("usage: opendata_profile ROOT [RUNS]");
    let runs: usize = std::env::args()
        .nth(2)
        .map_or(3, |r| r.parse().expect("RUNS"));
    let content = gongkai::content::load(std::path::Path::new(&root)).expect("content");
    let site = Site::build(&content, Default::default());
    let agencies = site.agencies_file();
    let meta = gongkai::opendata::Meta::of(&site);
    let kinds: [(&str, Writer); 3] = [
        ("json", |r, a, m| gongkai::opendata::to_json(r, a, m)),
        ("csv", |r, a, _| gongkai::opendata::to_csv(r, a)),
        ("ods", |r, a, m| gongkai::opendata_ods::to_ods(r, a, m)),
    ];
    for (ext, write) in kinds {
        let mut best = Duration::MAX;
        let mut bytes = 0;
        for _ in 0..runs {
            let t = Instant::now();
            bytes = site
                .years
                .iter()
                .map(|(y, _)| write(&site.records_of_year(*y), &agencies, &meta).len())
                .sum();
            best = best.min(t.elapsed());
        }
        println!(
            "{ext}: {:.0} ms for {} years, {bytes} bytes",
            best.as_secs_f64() * 1e3,
            site.years.len()
        );
    }
}
