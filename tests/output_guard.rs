//! `build` and `serve` never delete what gongkai did not make: an output folder that holds, or
//! lies inside, the content or themes, that contains the site, or that holds files without
//! gongkai's marker is refused, with the path and the reason, and nothing is touched.

mod common;
use common::*;
use std::path::Path;

fn build_into(f: &Fixture, out: &Path) -> std::process::Output {
    build_site(f.root(), out)
}

fn build_site(root: &Path, out: &Path) -> std::process::Output {
    cli(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
}

fn refused(out: &std::process::Output, path: &Path) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "exited 0: {err}");
    assert!(
        err.contains(&path.display().to_string()) && err.contains("refusing"),
        "{err}"
    );
    err
}

#[test]
fn content_themes_the_root_and_its_parent_are_refused_and_kept() {
    // the site inside a folder of its own, so that its parent holds other files too
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"),
        &root,
    );
    let theme = root.join("themes/default/templates/404.html");
    std::fs::create_dir_all(theme.parent().unwrap()).unwrap();
    std::fs::write(theme, "{% extends \"base.html\" %}").unwrap();
    std::fs::write(outer.path().join("notes.txt"), "the staff's own file").unwrap();
    let before = snapshot(outer.path());
    for out in [
        root.join("content"),
        root.join("content/plans"),
        root.join("content/plans/112"),
        root.join("themes"),
        root.clone(),
        root.join("."),
        outer.path().to_path_buf(),
    ] {
        refused(&build_site(&root, &out), &out);
        assert!(
            snapshot(outer.path()) == before,
            "{} changed files",
            out.display()
        );
    }
}

#[test]
fn a_folder_of_other_files_is_refused_but_an_empty_or_own_one_is_built() {
    let f = Fixture::new("minimal");
    let out = f.root().join("site");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("thesis.docx"), "years of work").unwrap();
    let err = refused(&build_into(&f, &out), &out);
    assert!(err.contains("gongkai did not make it"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.docx")).unwrap(),
        "years of work"
    );

    // an empty folder, then the folder the build made, are replaced
    std::fs::remove_file(out.join("thesis.docx")).unwrap();
    assert!(build_into(&f, &out).status.success());
    assert!(out.join("index.html").is_file());
    let again = build_into(&f, &out);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn a_site_built_by_an_older_gongkai_gets_a_one_line_instruction() {
    // what a user who upgrades sees: their public/ has no marker; it is not deleted
    let f = Fixture::new("minimal");
    f.build().unwrap();
    std::fs::remove_file(f.out().join(".gongkai-output")).unwrap();
    let before = snapshot(&f.out());
    let out = cli(&["build", "--root", f.root().to_str().unwrap()]);
    let err = refused(&out, &f.out());
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("older gongkai, delete it yourself"), "{err}");
    assert!(snapshot(&f.out()) == before);
}

#[test]
fn serve_refuses_an_output_inside_content_before_building() {
    let f = Fixture::new("minimal");
    let before = snapshot(f.root());
    let out = f.root().join("content/public");
    // an old binary served (and rebuilt) forever here: give it 20 s
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--root", f.root().to_str().unwrap(), "--output"])
        .arg(&out)
        .args(["--port", "0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("serve did not refuse the output folder");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let run = child.wait_with_output().unwrap();
    refused(&run, &out);
    assert!(snapshot(f.root()) == before);
}
