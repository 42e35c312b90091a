//! `gongkai import` writes all records or none, never through a symbolic link, with the id
//! rule `check` uses; rows of other years stop it; `gongkai new` refuses year and item 0.

use gongkai::content::schema::PlanFile;
use gongkai::import::{write_records, ImportError};
use gongkai::opendata::to_csv;
use std::path::Path;

mod common;
use common::{agencies, agencies_site, example};

/// `n` distinct records of year 111.
fn plans(n: usize) -> Vec<PlanFile> {
    (0..n)
        .map(|i| {
            let mut p = example();
            p.id = format!("plan-{i}");
            p.item = i as u32 + 1;
            p
        })
        .collect()
}

fn gongkai(args: &[&str], root: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(root)
        .output()
        .unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_bad_row_five_writes_nothing() {
    let root = agencies_site();
    let mut p = plans(6);
    p[4].id = "a".repeat(300);
    std::fs::write(root.path().join("111.csv"), to_csv(&p, &agencies())).unwrap();
    let out = gongkai(&["import", "111.csv", "--year", "111"], root.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not valid"), "{err}");
    assert!(files_in(&root.path().join("content/plans/111")).is_empty());
}

#[test]
fn ids_follow_the_slug_rule_of_check() {
    for bad in ["-", "--", "a--b", "-a", "a-", "A", &"a".repeat(81)] {
        let dir = tempfile::tempdir().unwrap();
        let mut p = plans(3);
        p[2].id = bad.to_string();
        let e = write_records(&p, dir.path(), false).unwrap_err();
        assert!(matches!(e, ImportError::InvalidId { .. }), "{bad}: {e}");
        assert!(files_in(dir.path()).is_empty(), "{bad}");
    }
}

#[test]
fn a_failure_while_writing_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // a folder where record 3's file would go: found before anything is written
    std::fs::create_dir(dir.path().join("plan-2.yaml")).unwrap();
    let e = write_records(&plans(4), dir.path(), true).unwrap_err();
    assert!(matches!(e, ImportError::NotRegular { .. }), "{e}");
    assert_eq!(files_in(dir.path()), vec!["plan-2.yaml"]);
}

#[cfg(unix)]
#[test]
fn force_never_writes_through_a_link() {
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("plan-1.yaml")).unwrap();
    for force in [false, true] {
        let e = write_records(&plans(3), dir.path(), force).unwrap_err();
        assert!(matches!(e, ImportError::NotRegular { .. }), "{e}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(files_in(dir.path()), vec!["plan-1.yaml"]);
    }
    // a dangling link is refused too
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("new.txt"),
        dir.path().join("plan-0.yaml"),
    )
    .unwrap();
    assert!(write_records(&plans(1), dir.path(), true).is_err());
    assert!(!outside.path().join("new.txt").exists());
}

#[cfg(unix)]
#[test]
fn the_year_folder_linked_out_of_the_site_is_refused() {
    let root = agencies_site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("content/plans")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.path().join("content/plans/111")).unwrap();
    std::fs::write(root.path().join("111.csv"), to_csv(&plans(2), &agencies())).unwrap();
    let out = gongkai(
        &["import", "111.csv", "--year", "111", "--force"],
        root.path(),
    );
    assert!(!out.status.success());
    assert!(files_in(outside.path()).is_empty());
}

#[test]
fn force_replaces_every_record_or_none() {
    let dir = tempfile::tempdir().unwrap();
    write_records(&plans(3), dir.path(), false).unwrap();
    let mut changed = plans(3);
    for p in &mut changed {
        p.name.en = "Changed".into();
    }
    write_records(&changed, dir.path(), true).unwrap();
    for i in 0..3 {
        let t = std::fs::read_to_string(dir.path().join(format!("plan-{i}.yaml"))).unwrap();
        assert!(t.contains("Changed"));
    }
    assert_eq!(files_in(dir.path()).len(), 3, "no temporary file left");
}

#[test]
fn rows_of_another_year_stop_the_import() {
    let root = agencies_site();
    let mut p = plans(3);
    p[1].year = 112;
    std::fs::write(root.path().join("data.csv"), to_csv(&p, &agencies())).unwrap();
    let out = gongkai(&["import", "data.csv", "--year", "111"], root.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("row 3") && err.contains("112"), "{err}");
    assert!(files_in(&root.path().join("content/plans/111")).is_empty());
}

#[test]
fn new_plan_refuses_year_and_item_zero() {
    let root = agencies_site();
    let agency = &agencies().agencies[0].slug;
    for args in [
        vec!["new", "plan", "--year", "0", "--agency", agency],
        vec!["new", "plan", "--year", "1000", "--agency", agency],
        vec![
            "new", "plan", "--year", "112", "--agency", agency, "--item", "0",
        ],
    ] {
        let out = gongkai(&args, root.path());
        assert!(!out.status.success(), "{args:?}");
        assert!(files_in(&root.path().join("content/plans/0")).is_empty());
        assert!(files_in(&root.path().join("content/plans/112")).is_empty());
    }
    let out = gongkai(&["import", "x.csv", "--year", "0"], root.path());
    assert!(!out.status.success());
}

#[cfg(unix)]
#[test]
fn import_reads_only_a_regular_file() {
    let root = agencies_site();
    std::os::unix::fs::symlink("/dev/zero", root.path().join("zero.csv")).unwrap();
    let out = gongkai(&["import", "zero.csv", "--year", "111"], root.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("regular file"));
}

#[test]
fn two_rows_with_one_item_number_stop_the_import() {
    let root = agencies_site();
    let mut p = plans(4);
    p[3].item = 2;
    std::fs::write(root.path().join("111.csv"), to_csv(&p, &agencies())).unwrap();
    std::fs::write(
        root.path().join("111.ods"),
        gongkai::opendata_ods::to_ods(&p, &agencies(), &common::meta()),
    )
    .unwrap();
    for file in ["111.csv", "111.ods"] {
        let out = gongkai(&["import", file, "--year", "111"], root.path());
        assert!(!out.status.success(), "{file}");
        let err = String::from_utf8_lossy(&out.stderr);
        // the second row (row 5 as a spreadsheet numbers it) and the first (row 3)
        assert!(
            err.contains(&format!(
                "{file}: field `item`: row 5: item 2 of year 111 is also on row 3"
            )),
            "{err}"
        );
        assert!(files_in(&root.path().join("content/plans/111")).is_empty());
    }
}

#[test]
fn a_record_changed_since_it_was_read_is_not_overwritten() {
    use gongkai::import::{write_all, Expect, ToWrite};
    let dir = tempfile::tempdir().unwrap();
    write_records(&plans(2), dir.path(), false).unwrap();
    let read = std::fs::read_to_string(dir.path().join("plan-0.yaml")).unwrap();
    // someone saves plan-0 while the import runs
    std::fs::write(dir.path().join("plan-0.yaml"), "edited\n").unwrap();
    let mut changed = plans(3);
    for p in &mut changed {
        p.name.en = "Changed".into();
    }
    let writes = [
        ToWrite {
            record: changed[0].clone(),
            expect: Expect::Holds(read),
        },
        ToWrite {
            record: changed[2].clone(),
            expect: Expect::Absent,
        },
    ];
    let e = write_all(&writes, dir.path(), None).unwrap_err();
    assert!(matches!(e, ImportError::Changed { .. }), "{e}");
    assert!(e.to_string().contains("run the import again"), "{e}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan-0.yaml")).unwrap(),
        "edited\n"
    );
    assert_eq!(files_in(dir.path()), vec!["plan-0.yaml", "plan-1.yaml"]);
}
