//! Writing the site atomically: everything goes into a staging folder beside the output, which
//! takes the output's place in one atomic exchange once the whole build has succeeded. A failed
//! build leaves the published folder exactly as it was. Incremental rebuilds write their files
//! into a pending folder first and journal the renames ([`pending`]). Only folders gongkai made
//! are ever replaced ([`guard`]); leftovers of killed builds are cleaned by the next build.

pub mod assets;
pub mod guard;
pub mod minify;
pub mod pending;
pub mod swap;
pub mod update;

use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Where a build hands each finished file: its path inside the output folder and its bytes.
/// Rendering calls it from several threads at once.
pub type Sink<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<()> + Sync);

/// How files are written: `std::fs::write`, unless a test puts a failing one in its place.
pub type Writer = Arc<dyn Fn(&Path, &[u8]) -> std::io::Result<()> + Send + Sync>;

/// The writer that writes.
pub fn fs_writer() -> Writer {
    Arc::new(|path: &Path, bytes: &[u8]| std::fs::write(path, bytes))
}

/// A build's output while it is being written.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    writer: Writer,
    committed: bool,
}

impl Staging {
    /// Starts a staging folder for `target` (created beside it, so the final exchange stays on
    /// one file system), after cleaning the staging folders of builds that died.
    pub fn new(target: &Path, writer: Writer) -> Result<Staging> {
        let (parent, name) = split(target);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        clean_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if dir.exists() {
            remove_tree(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let marker = dir.join(guard::MARKER);
        std::fs::write(&marker, guard::MARKER_TEXT).map_err(|e| Error::io(&marker, e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            writer,
            committed: false,
        })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file at `rel` (a relative path with no `..`).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(checked(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        (self.writer)(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Puts the staged site in the target's place in one step; returns warnings (the previous
    /// site could not be deleted): the new site is published all the same.
    pub fn commit(mut self) -> Result<Vec<String>> {
        let (parent, name) = split(&self.target);
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let left =
            swap::publish(&self.dir, &self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        self.committed = true;
        Ok(delete_previous(left.as_deref(), remove_tree))
    }
}

/// Deletes the previous site once the new one is published; a failure is a warning, not an
/// error: the build did publish (and the next build deletes what is left).
fn delete_previous(
    left: Option<&Path>,
    remove: impl Fn(&Path) -> std::io::Result<()>,
) -> Vec<String> {
    let Some(left) = left else {
        return Vec::new();
    };
    match remove(left) {
        Ok(()) => Vec::new(),
        Err(e) => vec![format!(
            "the site is published, but the previous one could not be deleted from {}: {e}; the next build deletes it",
            left.display()
        )],
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Threads deleting or replacing files: more than cores, because where the file system
/// discards the blocks of each freed file (the `discard` mount option) every deletion, and
/// every rename over an existing file, waits on the disk. A 100,000-record site on this
/// project's 2-core machine: 97 s with `rm -rf`.
const DELETERS: usize = 8;

/// Runs `work` with rayon's parallel iterators on [`DELETERS`] threads, or on the calling
/// thread's pool when the system refuses threads.
pub fn on_deleters<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    match rayon::ThreadPoolBuilder::new()
        .num_threads(DELETERS)
        .thread_name(|i| format!("deleter-{i}"))
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Deletes the folder `dir` and everything in it, on [`DELETERS`] threads (the
/// `remove_dir_all` crate, which deletes relative to each opened folder, never following a
/// link out of it).
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let remover = remove_dir_all::RemoverBuilder::new().parallel().build();
    on_deleters(|| remover.remove_dir_all(dir))
}

/// Held while a process changes the output folder `out` or its pending batch; released on
/// drop. Two builds (or a build and `serve`) into one folder take turns instead of deleting
/// each other's batch. It is an advisory lock on the folder holding `out`, so nothing is made
/// for it; builds into other folders of the same parent wait too, which is harmless.
pub struct OutputLock {
    #[cfg(unix)]
    _dir: std::fs::File,
}

impl OutputLock {
    /// Waits for, then takes, the lock of `out` (saying so on stderr when it has to wait).
    #[cfg(unix)]
    pub fn take(out: &Path) -> Result<OutputLock> {
        use rustix::fs::{flock, FlockOperation};
        let (parent, _) = split(out);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let dir = std::fs::File::open(&parent).map_err(|e| Error::io(&parent, e))?;
        if flock(&dir, FlockOperation::NonBlockingLockExclusive).is_err() {
            eprintln!(
                "waiting for another gongkai build into {} to finish",
                out.display()
            );
            flock(&dir, FlockOperation::LockExclusive).map_err(|e| Error::io(&parent, e.into()))?;
        }
        Ok(OutputLock { _dir: dir })
    }

    /// No lock where advisory locks are not known to work.
    #[cfg(not(unix))]
    pub fn take(_out: &Path) -> Result<OutputLock> {
        Ok(OutputLock {})
    }
}

/// The folder holding `target` and `target`'s name.
fn split(target: &Path) -> (PathBuf, String) {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

/// Deletes `.NAME.tmp-PID` and `.NAME.old-PID` folders in `parent` that a gongkai build made
/// (they carry the marker, or are empty) whose process is gone. Best effort: what cannot be
/// deleted now is tried again by the next build.
pub fn clean_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let Some(pid) = [".tmp-", ".old-"].iter().find_map(|kind| {
            file.strip_prefix(&format!(".{name}{kind}"))
                .and_then(|p| p.parse::<u32>().ok())
        }) else {
            continue;
        };
        let path = entry.path();
        let ours = path.join(guard::MARKER).is_file()
            || std::fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
        if ours && !swap::process_alive(pid) {
            let _ = remove_tree(&path);
        }
    }
}

/// Replaces one file of a published site in place (write beside it, then rename), for
/// incremental rebuilds: a reader never sees a half-written file.
pub fn replace_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = out.join(checked(rel)?);
    let dir = path.parent().unwrap_or(out);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let tmp = path.with_file_name(format!(
        ".{}.tmp-{}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
}

/// Removes one file of a published site, and the folders it leaves empty (up to the site's).
pub fn remove_file(out: &Path, rel: &str) -> Result<()> {
    let path = out.join(checked(rel)?);
    match std::fs::remove_file(&path) {
        Ok(()) => {
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != out) {
                if std::fs::remove_dir(d).is_err() {
                    break; // not empty: it holds other pages
                }
                dir = d.parent();
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Rejects paths that could leave the output folder.
fn checked(rel: &str) -> Result<&Path> {
    let p = Path::new(rel);
    if rel.is_empty() || !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Error::Usage(format!(
            "refusing to write outside the output folder: {rel:?}"
        )));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_clean_up_after_publishing_is_a_warning() {
        let w = delete_previous(Some(Path::new("/x/.public.tmp-1")), |_| {
            Err(std::io::Error::other("Device or resource busy"))
        });
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("published") && w[0].contains("/x/.public.tmp-1"));
        assert!(delete_previous(Some(Path::new("/x")), |_| Ok(())).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn removing_a_site_deletes_every_file_and_no_link_target() {
        let d = tempfile::tempdir().unwrap();
        let (site, kept) = (d.path().join("site"), d.path().join("kept"));
        std::fs::create_dir(&kept).unwrap();
        std::fs::write(kept.join("record.yaml"), "id: x").unwrap();
        for i in 0..300 {
            let dir = site.join(format!("plans/{}/p{i}", i % 3));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("index.html"), "<p>").unwrap();
        }
        std::os::unix::fs::symlink(&kept, site.join("plans/link")).unwrap();
        remove_tree(&site).unwrap();
        assert!(!site.exists());
        assert_eq!(
            std::fs::read_to_string(kept.join("record.yaml")).unwrap(),
            "id: x"
        );
    }

    #[test]
    fn refuses_escaping_paths() {
        for bad in ["../x", "/etc/passwd", "a/../../b", ""] {
            assert!(checked(bad).is_err(), "{bad}");
        }
        assert!(checked("en/plans/111/x/index.html").is_ok());
    }
}
