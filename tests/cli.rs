//! The command line's conventions: one `--root`/`-r` before or after the command, Zola's and
//! Hugo's short flags, `help` for every command (itself included), and `--version` naming the
//! commit a build from git was made from.

mod common;
use common::{cli, Fixture};
use std::process::Output;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether `o` succeeded, showing what it printed when it did not.
fn ok(o: &Output) -> bool {
    if !o.status.success() {
        eprintln!("stdout: {}\nstderr: {}", stdout(o), stderr(o));
    }
    o.status.success()
}

#[test]
fn root_is_one_flag_before_or_after_the_command() {
    let f = Fixture::new("minimal");
    let root = f.root().to_str().unwrap();
    for args in [
        vec!["--root", root, "check"],
        vec!["-r", root, "check"],
        vec!["check", "--root", root],
        vec!["check", "-r", root],
        vec!["-r", "elsewhere", "check", "-r", root],
    ] {
        let o = cli(&[&["--lang", "en"], args.as_slice()].concat());
        assert!(ok(&o), "{args:?}");
        assert!(
            stderr(&o).contains("OK: 3 plans"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // a command's own subcommand takes it too
    let o = cli(&["new", "year", "112", "-r", root]);
    assert!(ok(&o));
    assert!(f.root().join("content/years/112.yaml").is_file());
    // without it, the current folder: an empty one has no content
    let empty = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .current_dir(empty.path())
        .args(["--lang", "en", "check"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("content"), "{}", stderr(&o));
}

#[test]
fn short_output_and_base_url_flags_build_where_they_say() {
    let f = Fixture::new("minimal");
    let out = f.root().join("elsewhere");
    let o = cli(&[
        "-r",
        f.root().to_str().unwrap(),
        "build",
        "-o",
        out.to_str().unwrap(),
        "-u",
        "https://preview.example/",
        "-D",
    ]);
    assert!(ok(&o));
    assert!(out.join("index.html").is_file());
    assert!(!f.out().exists(), "built into ROOT/public too");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("https://preview.example/"), "{sitemap}");
}

#[test]
fn help_works_for_every_command_and_for_itself() {
    let o = cli(&["help", "--help"]);
    assert!(ok(&o));
    assert!(stdout(&o).contains("Usage: gongkai help"), "{}", stdout(&o));
    let o = cli(&["help"]);
    assert!(ok(&o) && stdout(&o).contains("Usage: gongkai"));
    let o = cli(&["help", "serve"]);
    assert!(ok(&o));
    let text = stdout(&o);
    for flag in [
        "--port", "-p", "--bind", "--open", "--output", "-o", "--root",
    ] {
        assert!(text.contains(flag), "{flag} missing from:\n{text}");
    }
    // the same text as `serve --help`
    assert_eq!(text, stdout(&cli(&["serve", "--help"])));
    let o = cli(&["help", "new", "plan"]);
    assert!(ok(&o) && stdout(&o).contains("Usage: gongkai new plan"));
    let o = cli(&["--lang", "en", "help", "nothing"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no command `nothing`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn version_names_the_commit_when_built_from_git() {
    let o = cli(&["--version"]);
    assert!(ok(&o));
    let version = stdout(&o);
    let plain = format!("gongkai {}", env!("CARGO_PKG_VERSION"));
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short=7", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| stdout(&o).trim().to_string());
    match head {
        Some(hash) => assert_eq!(version.trim(), format!("{plain} ({hash})")),
        // a source archive: the version alone
        None => assert_eq!(version.trim(), plain),
    }
    assert_eq!(stdout(&cli(&["-V"])), version);
}

#[test]
fn an_error_and_its_cause_are_each_printed_once() {
    let f = Fixture::new("minimal");
    let root = f.root().to_str().unwrap();
    // an output folder under a file: making it fails with the OS's words
    std::fs::write(f.root().join("a-file"), "").unwrap();
    let out = f.root().join("a-file/public");
    let o = cli(&[
        "--lang",
        "en",
        "-r",
        root,
        "build",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.matches("os error").count(), 1, "{err}");
    assert!(err.contains("a-file"), "{err}");
}
