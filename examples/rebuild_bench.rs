//! Measures `serve`'s rebuild after editing one record of a site (e.g. one made by
//! `gen_corpus`): `cargo run --release --example rebuild_bench -- SITE_ROOT [RUNS]`.
//! Prints each rebuild's time and the median, then the time of adding a record and of
//! deleting it again (which re-render the pages listing or summing up that record).

use gongkai::build::incremental::Session;
use std::path::PathBuf;

// the allocator `gongkai serve` uses, so the figures are serve's
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = PathBuf::from(args.get(1).expect("usage: rebuild_bench SITE_ROOT [RUNS]"));
    let runs: usize = args
        .get(2)
        .map_or(7, |r| r.parse().expect("RUNS is a number"));
    let out = root.join("public");
    let t = std::time::Instant::now();
    // built as `serve` builds: drafts shown, pages not minified, the ODS sheets not deflated
    let (mut session, report) = Session::start_with_options(
        &root,
        &out,
        gongkai::output::fs_writer(),
        std::sync::Arc::new(std::sync::RwLock::new(0)),
        gongkai::serve::preview_options(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "full build: {} plans, {} files, {:.0} ms",
        report.plans,
        report.files,
        t.elapsed().as_secs_f64() * 1000.0
    );
    // the first record of the newest year
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/plans"))
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let target = files.last().expect("no records").clone();
    let original = std::fs::read_to_string(&target).unwrap();
    let mut times = Vec::new();
    for i in 0..runs {
        // change the text the way an editor would: sentences added to the performance
        // review, a different number each time, so the text's length (and with it every
        // document's BM25 score) changes with each edit
        let edited = original.replacen(
            "performance:\n    zh: ",
            &format!("performance:\n    zh: {}", "本季修訂說明。".repeat(i + 1)),
            1,
        );
        assert_ne!(edited, original, "could not edit {}", target.display());
        std::fs::write(&target, edited).unwrap();
        let r = session
            .update(std::slice::from_ref(&target))
            .unwrap_or_else(|e| panic!("{e}"));
        println!(
            "rebuild {}: {} files written in {:.1} ms (pages {:.1} ms, search {:.1} ms){}",
            i + 1,
            r.written,
            r.millis,
            r.pages_millis,
            r.search_millis,
            if r.full { " (full)" } else { "" }
        );
        times.push(r.millis);
    }
    std::fs::write(&target, &original).unwrap();
    session.update(std::slice::from_ref(&target)).unwrap();
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "median rebuild after a one-record edit: {:.1} ms over {runs} runs",
        times[runs / 2]
    );
    add_and_delete(&mut session, &target, &original);
}

/// Adds a copy of `target`'s record under a new id and item, then deletes it, timing each.
fn add_and_delete(session: &mut Session, target: &std::path::Path, original: &str) {
    let copy = target.with_file_name("rebuild-bench-copy.yaml");
    let text: String = original
        .lines()
        .map(|l| match l.split_once(':') {
            Some(("id", _)) => "id: rebuild-bench-copy".to_string(),
            Some(("item", _)) => "item: 999999".to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&copy, text + "\n").unwrap();
    for what in ["added", "deleted"] {
        if what == "deleted" {
            std::fs::remove_file(&copy).unwrap();
        }
        let r = session
            .update(std::slice::from_ref(&copy))
            .unwrap_or_else(|e| panic!("{e}"));
        println!(
            "a record {what}: {} files written, {} removed in {:.1} ms (pages {:.1} ms, search {:.1} ms){}",
            r.written,
            r.removed,
            r.millis,
            r.pages_millis,
            r.search_millis,
            if r.full { " (full)" } else { "" }
        );
    }
}
