//! gongkai builds on Linux, macOS and Windows: every crate the code of each workspace package
//! uses outside a platform-gated block is a dependency on each of those targets, as Cargo
//! resolves them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGETS: [&str; 3] = [
    "x86_64-pc-windows-msvc",
    "aarch64-apple-darwin",
    "x86_64-unknown-linux-gnu",
];

/// The packages of the workspace: the `gongkai` crate's folder, then each crate's under
/// `crates/`.
fn packages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    dirs.sort();
    dirs.insert(0, root.to_path_buf());
    dirs
}

/// The crates Cargo resolves as normal dependencies of the package in `dir` on `target`, as
/// Rust names them.
fn resolved(target: &str, dir: &Path) -> BTreeSet<String> {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--filter-platform",
            target,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = dir.join("Cargo.toml").canonicalize().unwrap();
    let id = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| Path::new(p["manifest_path"].as_str().unwrap()) == manifest)
        .map(|p| p["id"].clone())
        .unwrap();
    let node = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id)
        .unwrap();
    node["deps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null())
        })
        .map(|d| d["name"].as_str().unwrap().to_string())
        .collect()
}

/// Every dependency the package in `dir` declares, as Rust names it, and the ones declared
/// for some platforms only.
fn declared(dir: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let toml = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let (mut all, mut gated) = (BTreeSet::new(), BTreeSet::new());
    let mut table = String::new();
    for line in toml.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            table = line.to_string();
            continue;
        }
        let deps = table == "[dependencies]" || table.ends_with(".dependencies]");
        if !deps || line.starts_with('#') || !line.contains('=') {
            continue;
        }
        let name = line.split('=').next().unwrap().trim().replace('-', "_");
        if table.starts_with("[target.") {
            gated.insert(name.clone());
        }
        all.insert(name);
    }
    (all, gated)
}

/// Lines of the package's `src/` (in `dir`) that use `krate` by path, with the file.
fn uses(krate: &str, dir: &Path) -> Vec<(String, usize, Vec<String>)> {
    let mut found = Vec::new();
    let src = dir.join("src");
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.split("//").next().unwrap();
            let used = code.match_indices(&format!("{krate}::")).any(|(at, _)| {
                at == 0
                    || !code.as_bytes()[at - 1].is_ascii_alphanumeric()
                        && code.as_bytes()[at - 1] != b'_'
            });
            if used {
                let from = i.saturating_sub(12);
                found.push((
                    entry.path().display().to_string(),
                    i + 1,
                    lines[from..=i].to_vec(),
                ));
            }
        }
    }
    found
}

#[test]
fn every_crate_the_code_uses_resolves_on_windows_macos_and_linux() {
    let dirs = packages();
    assert!(dirs.len() >= 4, "{dirs:?}");
    let search = dirs.iter().find(|d| d.ends_with("gongkai-search")).unwrap();
    let (all, _) = declared(search);
    assert!(all.contains("tantivy") && all.contains("ferrous_opencc"));
    for dir in &dirs {
        let (all, gated) = declared(dir);
        for target in TARGETS {
            let have = resolved(target, dir);
            for krate in all.difference(&gated) {
                assert!(
                    have.contains(krate),
                    "{krate} is not a dependency of {} on {target}: its Cargo.toml declares it for some platforms only",
                    dir.display()
                );
            }
        }
    }
}

#[test]
fn crates_declared_for_some_platforms_are_used_only_under_a_platform_cfg() {
    for (dir, krate) in packages()
        .into_iter()
        .flat_map(|d| declared(&d).1.into_iter().map(move |k| (d.clone(), k)))
    {
        let krate = &krate;
        for (file, line, before) in uses(krate, &dir) {
            let cfg = before.iter().rev().any(|l| {
                let l = l.trim();
                l.starts_with("#[cfg(")
                    && ["unix", "target_os", "target_vendor", "linux"]
                        .iter()
                        .any(|p| l.contains(p))
                    && !l.contains("not(")
            });
            assert!(
                cfg,
                "{file}:{line} uses {krate}, declared for some platforms only, without a #[cfg(...)] for them"
            );
        }
    }
}

/// Where a target's standard library is installed, the code type-checks for it (this machine's
/// own target is built by the other tests).
#[test]
fn the_code_checks_for_every_installed_foreign_target() {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    for target in &TARGETS[..2] {
        if !installed.lines().any(|l| l.trim() == *target) {
            eprintln!("{target}: standard library not installed, not checked");
            continue;
        }
        let status = Command::new(env!("CARGO"))
            .args(["check", "--quiet", "--lib", "--target", target])
            .env("CARGO_TARGET_DIR", env!("CARGO_TARGET_TMPDIR"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(status.success(), "cargo check --target {target} failed");
    }
}
