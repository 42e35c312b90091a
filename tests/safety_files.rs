//! Files of a site are read only inside the site folder and only when regular: a link out is
//! an error naming the link (never the file's contents), a device is refused before reading,
//! and a linked folder inside the site is followed.
#![cfg(unix)]

mod common;
use common::*;
use std::os::unix::fs::symlink;

fn fails(f: &Fixture, cmd: &str) -> String {
    let out = cli(&[cmd, "--root", f.root().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{cmd} must fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_record_linked_to_a_private_file_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let key = outside.path().join("id_ed25519");
    std::fs::write(
        &key,
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n",
    )
    .unwrap();
    for target in [key.as_path(), std::path::Path::new("/etc/passwd")] {
        let f = Fixture::new("minimal");
        symlink(target, f.root().join("content/plans/111/leak.yaml")).unwrap();
        for cmd in ["check", "build"] {
            let err = fails(&f, cmd);
            assert!(
                err.contains("content/plans/111/leak.yaml")
                    && err.contains("outside the site folder"),
                "{err}"
            );
            for secret in ["b3BlbnNzaC1", "PRIVATE KEY", "root:", "/bin/"] {
                assert!(!err.contains(secret), "{secret} printed: {err}");
            }
        }
    }
}

#[test]
fn a_record_that_is_not_yaml_is_not_quoted() {
    let f = Fixture::new("minimal");
    f.write(
        "content/plans/111/notes.yaml",
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
    );
    let err = fails(&f, "check");
    assert!(err.contains("content/plans/111/notes.yaml"), "{err}");
    assert!(
        !err.contains("/bin/bash") && !err.contains("nologin"),
        "{err}"
    );
}

#[test]
fn devices_and_pipes_are_refused_before_reading() {
    let f = Fixture::new("minimal");
    symlink("/dev/zero", f.root().join("content/plans/111/zero.yaml")).unwrap();
    let err = fails(&f, "check");
    assert!(err.contains("content/plans/111/zero.yaml"), "{err}");
    // a named pipe inside the site: reading it would block forever
    let f = Fixture::new("minimal");
    let fifo = f.root().join("content/plans/111/pipe.yaml");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let err = fails(&f, "check");
    assert!(
        err.contains("content/plans/111/pipe.yaml") && err.contains("not a regular file"),
        "{err}"
    );
}

#[test]
fn a_linked_year_folder_inside_the_site_is_followed() {
    let f = Fixture::new("minimal");
    let plans = f.root().join("content/plans");
    std::fs::rename(plans.join("110"), f.root().join("archive-110")).unwrap();
    symlink(f.root().join("archive-110"), plans.join("110")).unwrap();
    f.build().unwrap();
    assert!(f.out().join("plans/110/fix-bridge/index.html").is_file());
}

#[test]
fn a_linked_year_folder_outside_the_site_is_an_error() {
    let f = Fixture::new("minimal");
    let elsewhere = tempfile::tempdir().unwrap();
    let plans = f.root().join("content/plans");
    std::fs::rename(plans.join("110"), elsewhere.path().join("110")).unwrap_or_else(|_| {
        copy_dir(&plans.join("110"), &elsewhere.path().join("110"));
        std::fs::remove_dir_all(plans.join("110")).unwrap();
    });
    symlink(elsewhere.path().join("110"), plans.join("110")).unwrap();
    let err = fails(&f, "build");
    assert!(
        err.contains("content/plans/110") && err.contains("outside the site folder"),
        "{err}"
    );
}

#[test]
fn a_theme_linked_from_outside_is_not_published() {
    let f = Fixture::new("minimal");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(elsewhere.path().join("static")).unwrap();
    std::fs::write(elsewhere.path().join("static/secret.txt"), "do not publish").unwrap();
    std::fs::create_dir_all(f.root().join("themes")).unwrap();
    symlink(elsewhere.path(), f.root().join("themes/civic")).unwrap();
    f.edit(
        "content/site.yaml",
        "publisher:",
        "theme: civic\npublisher:",
    );
    let err = fails(&f, "build");
    assert!(
        err.contains("themes/civic") && err.contains("outside the site folder"),
        "{err}"
    );
    assert!(!f.out().exists());
    // a single linked file in a theme inside the site is refused the same way
    let f = Fixture::new("minimal");
    std::fs::create_dir_all(f.root().join("themes/default/static")).unwrap();
    symlink(
        elsewhere.path().join("static/secret.txt"),
        f.root().join("themes/default/static/secret.txt"),
    )
    .unwrap();
    let err = fails(&f, "build");
    assert!(err.contains("themes/default/static/secret.txt"), "{err}");
}
