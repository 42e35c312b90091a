//! A batch of changes to a published site, published all at once or not at all. Every changed
//! file is first written in full in the pending folder beside the output (`.NAME.pending`, same
//! relative path, same file system); only when all are written is the journal (`.journal`: the
//! files to delete) put in place, by an atomic rename, and the files renamed over their
//! targets. A process killed before the journal exists leaves the site as it was (the pending
//! folder is deleted at the next start); killed after, the next start finishes the renames. So
//! the folder is never left mixed once a build or start has returned, and a killed build
//! leaves nothing inside the output.

use super::{checked, split, Writer};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const JOURNAL: &str = ".journal";

/// The folder, beside the output `out`, holding a batch's files until they are published.
pub fn folder(out: &Path) -> PathBuf {
    let (parent, name) = split(out);
    parent.join(format!(".{name}.pending"))
}

/// A batch of changes to the published folder `out`.
pub struct Pending {
    out: PathBuf,
    dir: PathBuf,
    writer: Writer,
    written: AtomicUsize,
    removals: Mutex<Vec<String>>,
    published: bool,
}

impl Pending {
    /// Starts collecting changes to `out` (finishing or dropping an earlier, interrupted
    /// batch first). The caller holds `out`'s [`super::OutputLock`] until the batch is
    /// published or dropped.
    pub fn begin(out: &Path, writer: Writer) -> Result<Pending> {
        recover(out)?;
        let dir = folder(out);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Pending {
            out: out.to_path_buf(),
            dir,
            writer,
            written: AtomicUsize::new(0),
            removals: Mutex::new(Vec::new()),
            published: false,
        })
    }

    /// Writes the new version of `rel`.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.written.fetch_add(1, Ordering::Relaxed);
        let path = self.dir.join(checked(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        (self.writer)(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// How many files have been written.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// The folder the files are written in, handed over as a whole: the caller makes it a full
    /// site and exchanges it with the output. It has no journal, so if the process is killed
    /// the next start deletes it, whatever it then holds.
    pub fn into_folder(mut self) -> PathBuf {
        self.published = true; // it is the caller's now: not deleted on drop
        std::mem::take(&mut self.dir)
    }

    /// Notes that `rel` is to be deleted.
    pub fn remove(&self, rel: &str) -> Result<()> {
        checked(rel)?;
        self.removals
            .lock()
            .expect("removals lock")
            .push(rel.to_string());
        Ok(())
    }

    /// Publishes every change: the journal first, then the renames. A batch with no change
    /// publishes nothing.
    pub fn publish(mut self) -> Result<()> {
        let removals = std::mem::take(&mut *self.removals.lock().expect("removals lock"));
        if removals.is_empty() && self.written() == 0 {
            return Ok(()); // dropping deletes the empty pending folder
        }
        let text: String = removals.iter().map(|r| format!("{r}\n")).collect();
        let tmp = self.dir.join(".journal.tmp");
        (self.writer)(&tmp, text.as_bytes()).map_err(|e| Error::io(&tmp, e))?;
        let journal = self.dir.join(JOURNAL);
        std::fs::rename(&tmp, &journal).map_err(|e| Error::io(&journal, e))?;
        self.published = true;
        roll_forward(&self.out)
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Finishes or undoes an interrupted batch in `out`: with its journal, the renames are
/// completed; without, its files are deleted and the site is as before.
pub fn recover(out: &Path) -> Result<()> {
    let dir = folder(out);
    if !dir.exists() {
        return Ok(());
    }
    if dir.join(JOURNAL).is_file() {
        roll_forward(out)
    } else {
        std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))
    }
}

/// Renames every pending file over its target, deletes the journaled files, then the pending
/// folder, on [`super::DELETERS`] threads (each rename frees the file it replaces). Repeating
/// it after an interruption is harmless: what was moved is no longer pending.
fn roll_forward(out: &Path) -> Result<()> {
    use rayon::prelude::*;
    let dir = folder(out);
    let journal = dir.join(JOURNAL);
    let text = std::fs::read_to_string(&journal).map_err(|e| Error::io(&journal, e))?;
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).min_depth(1) {
        let entry = entry.map_err(|e| Error::failed(dir.display().to_string(), e))?;
        if entry.file_type().is_file() && entry.path() != journal {
            files.push(entry.into_path());
        }
    }
    super::on_deleters(|| {
        files.par_iter().try_for_each(|file| {
            let rel = file.strip_prefix(&dir).expect("under the pending folder");
            let target = out.join(rel);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::rename(file, &target).map_err(|e| Error::io(&target, e))
        })?;
        let gone: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        gone.par_iter()
            .try_for_each(|rel| super::remove_file(out, rel))
    })?;
    super::remove_tree(&dir).map_err(|e| Error::io(&dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for (f, t) in [
            ("a.html", "old a"),
            ("b/index.html", "old b"),
            ("c.html", "c"),
        ] {
            let p = d.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, t).unwrap();
        }
        d
    }

    fn read(d: &Path, f: &str) -> Option<String> {
        std::fs::read_to_string(d.join(f)).ok()
    }

    #[test]
    fn publishes_every_change() {
        let d = site();
        let p = Pending::begin(d.path(), super::super::fs_writer()).unwrap();
        p.write("a.html", b"new a").unwrap();
        p.write("d/e.html", b"new e").unwrap();
        p.remove("c.html").unwrap();
        assert_eq!(read(d.path(), "a.html").unwrap(), "old a");
        p.publish().unwrap();
        assert_eq!(read(d.path(), "a.html").unwrap(), "new a");
        assert_eq!(read(d.path(), "d/e.html").unwrap(), "new e");
        assert_eq!(read(d.path(), "b/index.html").unwrap(), "old b");
        assert!(read(d.path(), "c.html").is_none());
        assert!(!folder(d.path()).exists());
    }

    #[test]
    fn a_failed_write_leaves_the_site_as_it_was() {
        let d = site();
        let failing: Writer = Arc::new(|p: &Path, b: &[u8]| {
            if p.ends_with("b/index.html") {
                Err(std::io::Error::other("No space left on device"))
            } else {
                std::fs::write(p, b)
            }
        });
        let p = Pending::begin(d.path(), failing).unwrap();
        p.write("a.html", b"new a").unwrap();
        assert!(p.write("b/index.html", b"new b").is_err());
        drop(p);
        assert_eq!(read(d.path(), "a.html").unwrap(), "old a");
        assert!(!folder(d.path()).exists());
    }

    #[test]
    fn an_interrupted_batch_is_finished_or_undone_at_the_next_start() {
        // killed before the journal: undone
        let d = site();
        let p = Pending::begin(d.path(), super::super::fs_writer()).unwrap();
        p.write("a.html", b"new a").unwrap();
        std::mem::forget(p);
        recover(d.path()).unwrap();
        assert_eq!(read(d.path(), "a.html").unwrap(), "old a");
        assert!(!folder(d.path()).exists());

        // killed after the journal, half the renames done: finished
        let pend = folder(d.path());
        std::fs::create_dir_all(pend.join("b")).unwrap();
        std::fs::write(pend.join("b/index.html"), "new b").unwrap();
        std::fs::write(pend.join(JOURNAL), "c.html\n").unwrap();
        std::fs::write(d.path().join("a.html"), "new a").unwrap(); // already moved
        recover(d.path()).unwrap();
        assert_eq!(read(d.path(), "a.html").unwrap(), "new a");
        assert_eq!(read(d.path(), "b/index.html").unwrap(), "new b");
        assert!(read(d.path(), "c.html").is_none());
        assert!(!pend.exists());
    }
}
