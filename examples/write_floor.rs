//! The floor of writing a built site on this disk: the same files, bytes and folders as a
//! build's output, written by a trivial writer (folders made first, then `std::fs::write` on
//! every core through rayon, as a build writes) into a new folder. A build's own writing
//! is read against it (`bench/write_floor.sh`):
//! `cargo run --release --example write_floor -- BUILT_SITE NEW_FOLDER`.
//! Prints one line: files, bytes, wall time and the writes' time summed over threads.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: write_floor BUILT_SITE NEW_FOLDER";
    let (src, dest) = match &args[1..] {
        [src, dest] => (PathBuf::from(src), PathBuf::from(dest)),
        _ => panic!("{usage}"),
    };
    assert!(
        !dest.exists(),
        "{}: it exists; give a new folder",
        dest.display()
    );
    // everything read first: the floor is the writing alone
    let files = read_all(&src);
    let dirs: std::collections::BTreeSet<&Path> =
        files.iter().filter_map(|(rel, _)| rel.parent()).collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let t = Instant::now();
    for d in dirs {
        std::fs::create_dir_all(dest.join(d)).unwrap();
    }
    let summed = AtomicU64::new(0);
    files.par_iter().for_each(|(rel, data)| {
        let t = Instant::now();
        std::fs::write(dest.join(rel), data).unwrap();
        summed.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
    });
    let wall = t.elapsed().as_secs_f64() * 1000.0;
    let summed = summed.load(Ordering::Relaxed) as f64 / 1e6;
    println!(
        "floor: {} files, {bytes} bytes: {wall:.0} ms wall, {summed:.0} ms summed over threads",
        files.len()
    );
}

/// Every file under `root`, by its path relative to `root`, with its bytes.
fn read_all(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}
