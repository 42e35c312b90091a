//! The floor of minifying a built site's pages: every page of a site built with `minify: false`
//! (read first), through the build's own minifier (`gongkai::output::minify::html`:
//! minify-html with the build's settings) on every core, as a build minifies. No build that
//! minifies every page can take less wall time than this on the same machine:
//! `cargo run --release --example minify_floor -- BUILT_SITE [RUNS]`.
//! Prints each run's wall time, then the median.

use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

// the allocator `gongkai build` uses, so the figures are the build's
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let site = PathBuf::from(args.get(1).expect("usage: minify_floor BUILT_SITE [RUNS]"));
    let runs: usize = args
        .get(2)
        .map_or(3, |r| r.parse().expect("RUNS is a number"));
    // everything read first: the floor is the minifying alone
    let pages: Vec<String> = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(&site)
                .ok()?
                .to_string_lossy()
                .into_owned();
            gongkai::output::minify::is_page(&rel)
                .then(|| std::fs::read_to_string(e.path()).ok())?
        })
        .collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut walls = Vec::new();
    for run in 1..=runs {
        let t = Instant::now();
        let out: usize = pages
            .par_iter()
            .map(|p| gongkai::output::minify::html(p).len())
            .sum();
        let wall = t.elapsed().as_secs_f64();
        println!(
            "run {run}: {} pages, {:.1} MB minified to {:.1} MB in {wall:.3} s on {} threads",
            pages.len(),
            bytes as f64 / 1e6,
            out as f64 / 1e6,
            rayon::current_num_threads()
        );
        walls.push(wall);
    }
    walls.sort_by(f64::total_cmp);
    println!("median: {:.3} s", walls[walls.len() / 2]);
}
