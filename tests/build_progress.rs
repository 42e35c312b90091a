//! A build's progress: what a terminal's progress line is told, and that a build whose stderr
//! is not a terminal prints only its own messages.

mod common;

use common::{cli, snapshot, Fixture};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

#[derive(Default)]
struct Recorder {
    phases: Mutex<Vec<String>>,
    files: AtomicUsize,
}

impl gongkai::build::Progress for Recorder {
    fn phase(&self, what: &str) {
        self.phases.lock().unwrap().push(what.to_string());
    }
    fn file_written(&self) {
        self.files.fetch_add(1, Ordering::Relaxed);
    }
}

#[test]
fn progress_names_each_phase_and_counts_every_file_written() {
    let f = Fixture::new("minimal");
    let recorder = Recorder::default();
    let report =
        gongkai::build::build_with(f.root(), &f.out(), &recorder, &Default::default()).unwrap();
    let phases = recorder.phases.lock().unwrap().clone();
    // the search index, the open data and the pages are made at the same time: one phase
    let plans = format!(
        "indexing {} plans for search, writing open data and pages",
        report.plans
    );
    let want = ["reading records", plans.as_str(), "publishing"];
    assert_eq!(phases, want);
    assert_eq!(recorder.files.load(Ordering::Relaxed), report.files);
    // the marker file aside, every file in the output was counted
    assert_eq!(snapshot(&f.out()).len(), report.files + 1);
}

#[test]
fn a_build_piped_to_a_file_prints_no_progress() {
    let f = Fixture::new("minimal");
    let root = f.root().to_str().unwrap();
    let o = cli(&["build", "--root", root]);
    assert!(o.status.success());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.starts_with("Built "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains('\u{1b}'), "no terminal codes: {err:?}");
}
