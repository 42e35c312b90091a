//! Nothing outside the output is written, moved or deleted, whatever links, folders or
//! leftovers a user or an attacker put inside or beside it; files a user keeps in the output
//! survive every build; a failed build leaves the site byte for byte; an output that is a
//! mount point is refused with what to do.
#![cfg(unix)]

mod common;
use common::*;
use gongkai::build::incremental::Session;
use std::os::unix::fs::symlink;
use std::path::Path;

/// A folder outside the site with one file, and what it holds.
fn outside() -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("index.html"), "outside, not gongkai's").unwrap();
    std::fs::write(d.path().join("victim.txt"), "keep me").unwrap();
    let snap = snapshot(d.path());
    (d, snap)
}

fn build(f: &Fixture) -> std::process::Output {
    cli(&["build", "--root", f.root().to_str().unwrap()])
}

#[test]
fn serve_rebuilds_never_write_or_delete_through_a_link_in_the_output() {
    let f = Fixture::new("minimal");
    let (o, before) = outside();
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    let page = f.out().join("plans/111/fix-ports");
    std::fs::remove_dir_all(&page).unwrap();
    symlink(o.path(), &page).unwrap();
    let record = f.root().join("content/plans/111/fix-ports.yaml");
    // an edit of the record whose page folder is the link
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "港口安全計畫",
        "港口安全新計畫",
    );
    s.update(std::slice::from_ref(&record)).unwrap();
    assert!(snapshot(o.path()) == before, "written through the link");
    assert!(f
        .read("plans/111/fix-ports/index.html")
        .contains("港口安全新計畫"));
    // the record deleted, with the link back in place
    std::fs::remove_dir_all(&page).unwrap();
    symlink(o.path(), &page).unwrap();
    std::fs::remove_file(&record).unwrap();
    s.update(std::slice::from_ref(&record)).unwrap();
    assert!(snapshot(o.path()) == before, "deleted through the link");
    assert!(!f.out().join("plans/111/fix-ports/index.html").exists());
}

#[test]
fn links_inside_the_output_are_never_written_through_by_a_build() {
    let f = Fixture::new("minimal");
    let (o, before) = outside();
    f.build().unwrap();
    // a page's folder, a page file, and a folder of the user's, each a link out
    let page = f.out().join("plans/111/fix-ports");
    std::fs::remove_dir_all(&page).unwrap();
    symlink(o.path(), &page).unwrap();
    let file = f.out().join("about/index.html");
    std::fs::remove_file(&file).unwrap();
    symlink(o.path().join("index.html"), &file).unwrap();
    symlink(o.path(), f.out().join("linkdir")).unwrap();
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "港口安全計畫",
        "港口安全新計畫",
    );
    let out = build(&f);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(snapshot(o.path()) == before);
    assert!(!std::fs::symlink_metadata(&page).unwrap().is_symlink());
    assert!(!std::fs::symlink_metadata(&file).unwrap().is_symlink());
    // the user's link is kept as a link, and named
    assert!(std::fs::symlink_metadata(f.out().join("linkdir"))
        .unwrap()
        .is_symlink());
    assert!(String::from_utf8_lossy(&out.stderr).contains("linkdir"));
    // and deleting what it kept deletes nothing it points to
    std::fs::remove_file(f.out().join("linkdir")).unwrap();
    assert!(build(&f).status.success());
    assert!(snapshot(o.path()) == before);
}

#[test]
fn crafted_leftovers_beside_the_output_move_or_delete_nothing_outside() {
    let f = Fixture::new("minimal");
    let (o, before) = outside();
    f.build().unwrap();
    symlink(o.path(), f.out().join("linkdir")).unwrap();
    // an older gongkai's journal naming a file through the link, and a pending page there
    let pending = f.root().join(".public.pending");
    std::fs::create_dir_all(pending.join("linkdir")).unwrap();
    std::fs::write(pending.join(".journal"), "linkdir/victim.txt\n").unwrap();
    std::fs::write(pending.join("linkdir/index.html"), "overwritten").unwrap();
    // a leftover that is a link to an outside folder holding a marker and a journal
    let (o2, before2) = outside();
    std::fs::write(
        o2.path().join(".gongkai-output"),
        gongkai::output::manifest::building(),
    )
    .unwrap();
    std::fs::write(o2.path().join(".journal"), "x\n").unwrap();
    let before2 = {
        let mut b = before2;
        b.extend(snapshot(o2.path()));
        b
    };
    symlink(o2.path(), f.root().join(".public.tmp-4000001")).unwrap();
    // a leftover listing paths out of itself, and holding a link out
    let crafted = f.root().join(".public.old-4000002");
    std::fs::create_dir_all(&crafted).unwrap();
    let files: Vec<Box<str>> = vec!["../outside".into(), "out/victim.txt".into()];
    std::fs::write(
        crafted.join(".gongkai-output"),
        gongkai::output::manifest::published(&files),
    )
    .unwrap();
    symlink(o.path(), crafted.join("out")).unwrap();
    for _ in 0..2 {
        let out = build(&f);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(snapshot(o.path()) == before, "outside folder changed");
    assert!(snapshot(o2.path()) == before2, "linked leftover followed");
    assert!(!f.out().join("x").exists() && !f.out().join("victim.txt").exists());
}

#[test]
fn files_a_user_keeps_in_the_output_survive_every_build_and_are_named() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let out = f.out();
    std::fs::create_dir_all(out.join(".git/refs")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    std::fs::create_dir_all(out.join(".well-known")).unwrap();
    std::fs::write(out.join(".well-known/security.txt"), "Contact: x").unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::write(out.join("plans/report.pdf"), "a download").unwrap();
    let mine = |out: &Path| {
        let mut s = snapshot(&out.join(".git"));
        s.extend(snapshot(&out.join(".well-known")));
        s.insert(
            "notes".into(),
            std::fs::read(out.join("notes.txt")).unwrap(),
        );
        s.insert(
            "pdf".into(),
            std::fs::read(out.join("plans/report.pdf")).unwrap(),
        );
        s
    };
    let before = mine(&out);
    // unchanged, then changed (a page gone), then every page changed
    let edits: [(&str, &str, &str); 2] = [
        (
            "content/plans/111/fix-ports.yaml",
            "港口安全計畫",
            "港口安全新計畫",
        ),
        (
            "content/site.yaml",
            "updated: 2024-01-31",
            "updated: 2024-02-01",
        ),
    ];
    let first = build(&f);
    assert!(first.status.success());
    let warning = String::from_utf8_lossy(&first.stderr);
    assert!(
        warning.contains(
            "kept 4 files gongkai did not make: .git/, .well-known/, notes.txt, plans/report.pdf"
        ),
        "{warning}"
    );
    for (file, from, to) in edits {
        f.edit(file, from, to);
        assert!(build(&f).status.success());
        assert!(mine(&out) == before);
        assert!(
            out.join(".git/refs").is_dir(),
            "an empty folder of the user's is kept"
        );
    }
    // a file of the user's where the new site puts one: refused, naming it, nothing changed
    std::fs::create_dir_all(out.join("plans/111/fix-new")).unwrap();
    std::fs::write(out.join("plans/111/fix-new/index.html"), "the user's page").unwrap();
    let record = std::fs::read_to_string(f.root().join("content/plans/111/fix-ports.yaml"))
        .unwrap()
        .replace("id: fix-ports", "id: fix-new")
        .replace("item: 2", "item: 9");
    f.write("content/plans/111/fix-new.yaml", &record);
    let site = snapshot(&out);
    let refused = build(&f);
    assert!(!refused.status.success());
    let msg = String::from_utf8_lossy(&refused.stderr);
    assert!(
        msg.contains("plans/111/fix-new/index.html") && msg.contains("move it"),
        "{msg}"
    );
    assert!(snapshot(&out) == site);
    std::fs::remove_dir_all(out.join("plans/111/fix-new")).unwrap();
    assert!(build(&f).status.success());
    assert!(mine(&out) == before);
}

#[test]
fn a_failed_build_leaves_the_site_byte_for_byte_and_the_next_one_succeeds() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let before = snapshot(&f.out());
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "港口安全計畫",
        "港口安全新計畫",
    );
    let full = Arc::new(AtomicBool::new(true));
    let disk = full.clone();
    let writer: gongkai::output::Writer =
        Arc::new(move |rel: &str, file: &mut std::fs::File, b: &[u8]| {
            if disk.load(Ordering::SeqCst) && rel.ends_with("index.html") {
                return Err(std::io::Error::other("No space left on device"));
            }
            std::io::Write::write_all(file, b)
        });
    let err = gongkai::build::build_keeping(
        f.root(),
        &f.out(),
        writer.clone(),
        None,
        &Default::default(),
    );
    assert!(err.is_err());
    assert!(
        snapshot(&f.out()) == before,
        "a failed build changed the site"
    );
    full.store(false, Ordering::SeqCst);
    gongkai::build::build_keeping(f.root(), &f.out(), writer, None, &Default::default()).unwrap();
    assert!(f
        .read("plans/111/fix-ports/index.html")
        .contains("港口安全新計畫"));
}

#[test]
fn an_output_that_is_a_mount_point_is_refused_with_what_to_do() {
    let f = Fixture::new("minimal");
    let out = f.out();
    std::fs::create_dir_all(&out).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "gongkai-test", out.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("cannot mount a tmpfs here (not root?): the mount point case is not tried");
        return;
    }
    let result = build(&f);
    let inside = cli(&[
        "build",
        "--root",
        f.root().to_str().unwrap(),
        "--output",
        out.join("site").to_str().unwrap(),
    ]);
    let _ = std::process::Command::new("umount").arg(&out).status();
    let msg = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success());
    assert!(
        msg.contains("mount point") && msg.contains("--output"),
        "{msg}"
    );
    assert!(
        inside.status.success(),
        "{}",
        String::from_utf8_lossy(&inside.stderr)
    );
}
