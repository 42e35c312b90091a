//! Publishing: a failed build leaves the published site as it was; a build into a published
//! site keeps unchanged files (linked, same inode) and ends equal to a fresh build; leftovers
//! of builds that died are deleted by the next build, and only those.

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
    let stray = names_beside(f.root(), ".public");
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
    // pages a record edit cannot touch keep their file; a page gongkai no longer makes goes
    let about = out.join("about/index.html");
    let kept = inode(&about);
    let gone = out.join("plans/111/fix-ports/index.html");
    assert!(gone.is_file());
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "agency: beta",
        "agency: alpha",
    );
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "id: fix-ports",
        "id: fix-harbours",
    );
    std::fs::rename(
        f.root().join("content/plans/111/fix-ports.yaml"),
        f.root().join("content/plans/111/fix-harbours.yaml"),
    )
    .unwrap();
    f.build().unwrap();
    assert_eq!(inode(&about), kept, "an unchanged page is not rewritten");
    assert!(!gone.exists() && !out.join("plans/111/fix-ports").exists());
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
    let beside = names_beside(f.root(), ".public");
    assert!(beside.is_empty(), "{beside:?}");
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

#[test]
fn leftovers_of_killed_builds_are_cleaned_and_nothing_else() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let make = |name: &str, marker: Option<String>| {
        let dir = f.root().join(name);
        std::fs::create_dir_all(dir.join("plans")).unwrap();
        std::fs::write(dir.join("plans/index.html"), "half a site").unwrap();
        if let Some(m) = marker {
            std::fs::write(dir.join(".gongkai-output"), m).unwrap();
        }
        dir
    };
    let listed = |files: &[&str]| {
        let files: Vec<Box<str>> = files.iter().map(|f| Box::from(*f)).collect();
        gongkai::output::manifest::published(&files)
    };
    // a build killed while writing, and a previous site left after the exchange
    let tmp = make(
        ".public.tmp-4000001",
        Some(gongkai::output::manifest::building()),
    );
    let old = make(".public.old-4000002", Some(listed(&["plans/index.html"])));
    // a previous site holding a file it does not list, which the site does not hold: kept
    let odd = make(".public.tmp-4000003", Some(listed(&["x.html"])));
    // no marker: not gongkai's, kept
    let foreign = make(".public.tmp-4000004", None);
    let out = cli(&["build", "--root", f.root().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !tmp.exists() && !old.exists(),
        "killed builds' folders are deleted"
    );
    assert!(odd.join("plans/index.html").is_file() && foreign.join("plans/index.html").is_file());
    assert!(
        stderr.contains(".public.tmp-4000003") && stderr.contains(".public.tmp-4000004"),
        "{stderr}"
    );
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
