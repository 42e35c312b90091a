//! Publishing: a failed build leaves the published site as it was; leftovers of builds that
//! died are deleted by the next build, and only those.

mod common;
use common::*;

#[test]
fn a_failed_build_leaves_the_published_site_byte_for_byte() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let before = snapshot(&f.out());
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "agency: beta",
        "agency: gamma",
    );
    assert!(f.build().is_err());
    assert!(snapshot(&f.out()) == before);
    let stray: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn leftovers_of_dead_builds_are_cleaned_and_nothing_else() {
    let f = Fixture::new("minimal");
    let make = |name: &str, marker: bool| {
        let dir = f.root().join(name);
        std::fs::create_dir_all(dir.join("plans")).unwrap();
        std::fs::write(dir.join("plans/index.html"), "half a site").unwrap();
        if marker {
            std::fs::write(dir.join(".gongkai-output"), "").unwrap();
        }
        dir
    };
    let dead = dead_pid();
    let tmp = make(&format!(".public.tmp-{dead}"), true);
    let old = make(&format!(".public.old-{dead}"), true);
    // a folder of the same shape without the marker: not gongkai's, kept
    let foreign = make(&format!(".public.tmp-{}", dead_pid()), false);
    // a live process's staging folder: kept (this test's own process stands for it)
    let live = make(&format!(".public.tmp-{}", std::process::id()), true);
    let out = cli(&["build", "--root", f.root().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !tmp.exists() && !old.exists(),
        "dead builds' folders are deleted"
    );
    assert!(foreign.exists() && live.exists());
    assert!(f.out().join("index.html").is_file());
}

#[test]
fn leftover_names_are_ignored_by_git() {
    let ignore =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.gitignore")).unwrap();
    for pattern in ["*.tmp-*", "*.old-*"] {
        assert!(ignore.lines().any(|l| l == pattern), "{pattern}");
    }
}
