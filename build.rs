//! Puts the git commit gongkai is built from into `--version` (`0.1.0 (1a2b3c4)`), when it is
//! built from a git checkout of its own. A build from a source archive, on a machine without
//! git, or inside another project's repository gets the plain version, silently: nothing here
//! may fail a build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    match commit(&manifest) {
        Some((hash, watched)) => {
            println!("cargo:rustc-env=GONGKAI_VERSION={version} ({hash})");
            // a new commit changes HEAD (a detached checkout) or the branch's ref
            for path in watched {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        None => println!("cargo:rustc-env=GONGKAI_VERSION={version}"),
    }
    // without a listed file cargo would run this again after every change to any file
    println!("cargo:rerun-if-changed=build.rs");
}

/// The short hash of HEAD and the files that change with it, if `manifest` is the top of a
/// git work tree and git answers.
fn commit(manifest: &Path) -> Option<(String, Vec<PathBuf>)> {
    let top = git(manifest, &["rev-parse", "--show-toplevel"])?;
    // an archive unpacked inside some other repository is not a checkout of gongkai
    if Path::new(&top).canonicalize().ok()? != manifest.canonicalize().ok()? {
        return None;
    }
    let hash = git(manifest, &["rev-parse", "--short=7", "HEAD"])?;
    let absolute = |p: String| manifest.join(p);
    let git_dir = absolute(git(manifest, &["rev-parse", "--git-dir"])?);
    let common = absolute(git(manifest, &["rev-parse", "--git-common-dir"])?);
    let mut watched = vec![git_dir.join("HEAD"), common.join("packed-refs")];
    if let Some(branch) = git(manifest, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(common.join(branch));
    }
    // cargo runs a build script again on every build when a listed file does not exist
    watched.retain(|p| p.exists());
    Some((hash, watched))
}

/// What `git ARGS` prints in `dir`, trimmed, if it succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}
