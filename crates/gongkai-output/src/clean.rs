//! Deleting what a build leaves beside the output: the previous site once the new one is
//! published, and the folders of builds that were killed. Only what gongkai made goes: a
//! folder's marker lists its files, and a file it does not list is deleted only when the
//! published site holds the very same file (a link of the user's file carried over). Nothing
//! is followed through a link; what cannot be accounted for is left in place and named.

use super::manifest::{self, Marker, MARKER};
use cap_std::fs::Dir;
use std::path::Path;

/// Deletes the folders named `.NAME.tmp-*` and `.NAME.old-*` in `parent`, left by builds
/// into `target` that were killed (the caller holds the output's lock, so none is running),
/// and returns warnings for what it left. A previous site left aside while `target` is
/// missing (a build killed between two renames where the system cannot exchange folders) is
/// put back instead.
pub fn leftovers(parent: &Path, name: &str, target: &Path) -> Vec<String> {
    let mut warnings = Vec::new();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return warnings;
    };
    let mut found: Vec<std::path::PathBuf> = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file == format!(".{name}.pending") {
            let p = entry.path();
            let p = p.display();
            warnings.push(
                crate::msg!(
                    "{p} is an unfinished batch of an older gongkai; it is ignored, delete it",
                    "{p} 是舊版 gongkai 未完成的批次；已略過，請刪除它"
                )
                .to_string(),
            );
        }
        let (stem, trash) = match file.strip_suffix(TRASH) {
            Some(stem) => (stem, true),
            None => (&*file, false),
        };
        let ours = [".tmp-", ".old-"].iter().any(|kind| {
            stem.strip_prefix(&format!(".{name}{kind}"))
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        // a real folder only: a link of that name is not followed, and not ours
        if !ours || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if trash {
            // a deletion that was cut short: everything in it was to go
            if let Err(e) = super::remove_tree(&entry.path()) {
                warnings.push(format!("{}: {e}", entry.path().display()));
            }
        } else {
            found.push(entry.path());
        }
    }
    found.sort();
    for path in found {
        if std::fs::symlink_metadata(target).is_err()
            && is_published(&path)
            && std::fs::rename(&path, target).is_ok()
        {
            continue;
        }
        warnings.extend(old_site(&path, target));
    }
    warnings
}

/// What a folder being deleted is renamed with first, so that a deletion cut short (its marker
/// gone, half its files) is still known for what it is.
const TRASH: &str = ".trash";

/// Deletes the folder `dir`, a gongkai folder beside the output: renamed first (to the same
/// name with [`TRASH`] after it), then deleted on [`DELETERS`](crate::files::DELETERS) threads.
pub fn discard(dir: &Path) -> std::io::Result<()> {
    let mut trash = dir.as_os_str().to_owned();
    trash.push(TRASH);
    let trash = std::path::PathBuf::from(trash);
    if std::fs::symlink_metadata(&trash).is_ok_and(|m| m.is_dir()) {
        super::remove_tree(&trash)?;
    }
    std::fs::rename(dir, &trash)?;
    super::remove_tree(&trash)
}

/// Whether the folder at `path` is a published site (its marker lists its files).
fn is_published(path: &Path) -> bool {
    Dir::open_ambient_dir(path, cap_std::ambient_authority())
        .ok()
        .and_then(|d| manifest::read(&d).ok().flatten())
        .is_some_and(|m| matches!(m, Marker::Published(_) | Marker::Legacy))
}

/// Deletes the folder `old` beside the output `target` (a previous site, or a build's folder
/// never published): as a whole when everything in it is gongkai's or a link of a file the
/// published site holds, else file by file, leaving what is neither and saying so.
pub fn old_site(old: &Path, target: &Path) -> Vec<String> {
    let fail = |e: std::io::Error| {
        vec![format!(
            "the previous site could not be deleted from {}: {e}; the next build tries again",
            old.display()
        )]
    };
    let dir = match Dir::open_ambient_dir(old, cap_std::ambient_authority()) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let listed = match manifest::read(&dir) {
        Ok(Some(Marker::Published(files))) => files,
        // never published (no user file was carried into it yet), or an older gongkai's site
        Ok(Some(Marker::Building | Marker::Legacy)) => {
            drop(dir);
            return discard(old).map_or_else(fail, |()| Vec::new());
        }
        Ok(None) => {
            // a build killed while writing its first marker leaves that alone, half written
            let only_marker = dir.entries().is_ok_and(|entries| {
                entries
                    .map(|e| e.map(|e| e.file_name()))
                    .all(|n| n.is_ok_and(|n| n == MARKER))
            });
            drop(dir);
            if only_marker {
                return discard(old).map_or_else(fail, |()| Vec::new());
            }
            return vec![format!(
                "{} has no gongkai marker and was left as it is; delete it if it is not yours",
                old.display()
            )];
        }
        Err(e) => return fail(e),
    };
    let live = Dir::open_ambient_dir(target, cap_std::ambient_authority()).ok();
    let strays = strays(old, &dir, live.as_ref(), &listed);
    drop(dir);
    if strays.is_empty() {
        return discard(old).map_or_else(fail, |()| Vec::new());
    }
    vec![keep_only(old, &strays)]
}

/// The files in the folder `old` (opened as `dir`) that are neither gongkai's (listed, or
/// put in the place of a listed folder: a link, deleting which deletes the link only) nor
/// the very file the published site holds at the same place.
fn strays(
    old: &Path,
    dir: &Dir,
    live: Option<&Dir>,
    listed: &[Box<str>],
) -> Vec<std::path::PathBuf> {
    let mut strays = Vec::new();
    for entry in walkdir::WalkDir::new(old).min_depth(1) {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = (entry.path().strip_prefix(old).ok())
            .and_then(|r| r.to_str())
            .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"));
        let ours = rel.is_some_and(|rel| {
            rel == MARKER
                || listed.binary_search(&rel.as_str().into()).is_ok()
                || manifest::under(listed, &rel)
                || same_file(dir, live, &rel)
        });
        if !ours {
            strays.push(entry.into_path());
        }
    }
    strays
}

/// Deletes everything in `old` but `strays` and the folders holding them; says what is kept.
fn keep_only(old: &Path, strays: &[std::path::PathBuf]) -> String {
    let keep: std::collections::HashSet<&Path> = strays.iter().map(|p| p.as_path()).collect();
    for entry in walkdir::WalkDir::new(old).min_depth(1).contents_first(true) {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if entry.file_type().is_dir() {
            let _ = std::fs::remove_dir(path); // fails while it holds a stray
        } else if !keep.contains(path) {
            let _ = std::fs::remove_file(path);
        }
    }
    let names: Vec<String> = (strays.iter().take(8))
        .map(|s| s.display().to_string())
        .collect();
    let n = strays.len();
    format!(
        "{n} {} gongkai did not make {} kept in {} (not in the published site): {}{}",
        if n == 1 { "file" } else { "files" },
        if n == 1 { "is" } else { "are" },
        old.display(),
        names.join(", "),
        if n > 8 { ", …" } else { "" }
    )
}

/// Whether `rel` in `old` is the very file (device and inode) at `rel` in the published site.
fn same_file(old: &Dir, live: Option<&Dir>, rel: &str) -> bool {
    use cap_fs_ext::MetadataExt;
    let Some(live) = live else { return false };
    match (old.symlink_metadata(rel), live.symlink_metadata(rel)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}
