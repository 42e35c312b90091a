//! Publishing: a failed build leaves the published site as it was; a build into a published
//! site changes only what changed and ends equal to a fresh build; leftovers of builds that
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

#[cfg(unix)]
fn inode(p: &std::path::Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap())
}

#[cfg(unix)]
#[test]
fn a_rebuild_changes_only_what_changed_and_equals_a_fresh_build() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let out = f.out();
    // pages a record edit cannot touch keep their file; a stray file and folder go
    let about = out.join("about/index.html");
    let kept = inode(&about);
    std::fs::write(out.join("stray.html"), "not made by this build").unwrap();
    std::fs::create_dir_all(out.join("stray/deeper")).unwrap();
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "agency: beta",
        "agency: alpha",
    );
    f.build().unwrap();
    assert_eq!(inode(&about), kept, "an unchanged page is not rewritten");
    assert!(!out.join("stray.html").exists() && !out.join("stray").exists());
    let fresh = f.root().join("fresh");
    let built = cli(&[
        "build",
        "--root",
        f.root().to_str().unwrap(),
        "--output",
        fresh.to_str().unwrap(),
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        snapshot(&out) == snapshot(&fresh),
        "rebuilt differs from fresh"
    );
    let dirs = |d: &std::path::Path| -> Vec<String> {
        walkdir::WalkDir::new(d)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_dir())
            .map(|e| e.path().strip_prefix(d).unwrap().display().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(dirs(&out), dirs(&fresh), "no folder left over");
    assert!(!f.root().join(".public.pending").exists());
}

#[test]
fn two_builds_at_once_into_one_folder_both_succeed_and_leave_it_whole() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "agency: beta",
        "agency: alpha",
    );
    let root = f.root().to_str().unwrap().to_string();
    let builds: Vec<_> = (0..3)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
                .args(["build", "--root", &root])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for b in builds {
        let out = b.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let fresh = f.root().join("fresh");
    let built = cli(&[
        "build",
        "--root",
        &root,
        "--output",
        fresh.to_str().unwrap(),
    ]);
    assert!(built.status.success());
    assert!(
        snapshot(&f.out()) == snapshot(&fresh),
        "differs from a fresh build"
    );
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
    for pattern in ["*.tmp-*", "*.old-*", "*.pending"] {
        assert!(ignore.lines().any(|l| l == pattern), "{pattern}");
    }
}
