//! Publishing a build into a folder that already holds a gongkai site by changing only what
//! changed. Each finished file is compared with the published one; only new and changed files
//! are written, as one [`Pending`] batch, and files the build no longer makes are deleted with
//! it. A rebuild of unchanged records writes nothing. Replacing the whole folder instead
//! ([`super::Staging`]) costs a new folder for every page and the deletion of the previous
//! site: on file systems that discard freed blocks (this project's machine), 25 s of a
//! 66 s rebuild of 100,000 records, and every file created soon after pays for those deleted
//! (ext4 without a journal skips recently freed inodes one by one).
//!
//! The published folder may hold what a build cannot update in place: a symbolic link (a
//! rename through it would write outside the folder), a folder where a file now goes, a file
//! where a folder now goes, a name that is not UTF-8. Then the update is [`Update::blocked`]
//! and publishes nothing, and the caller replaces the folder as a whole.

use super::pending::Pending;
use super::{checked, clean_leftovers, guard, split, Writer};
use crate::error::{Error, Result};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// A build's files on their way into the published folder `out`.
pub struct Update {
    out: PathBuf,
    pending: Pending,
    /// Every file the build made, relative to `out`: the rest of the folder is stale.
    made: Mutex<Vec<Box<str>>>,
    blocked: AtomicBool,
}

/// What an update returns when it cannot go on in place (see [`Update::blocked`]).
fn blocked_error(out: &Path, why: &str) -> Error {
    Error::Usage(format!(
        "{} cannot be updated in place: {why}",
        out.display()
    ))
}

impl Update {
    /// Starts updating `out`, which holds a site gongkai made.
    pub fn begin(out: &Path, writer: Writer) -> Result<Update> {
        let (parent, name) = split(out);
        clean_leftovers(&parent, &name);
        Ok(Update {
            out: out.to_path_buf(),
            pending: Pending::begin(out, writer)?,
            made: Mutex::new(Vec::new()),
            blocked: AtomicBool::new(false),
        })
    }

    /// Whether the folder turned out to need replacing as a whole; every call after that fails.
    pub fn blocked(&self) -> bool {
        self.blocked.load(Ordering::Relaxed)
    }

    fn block(&self, why: &str) -> Error {
        self.blocked.store(true, Ordering::Relaxed);
        blocked_error(&self.out, why)
    }

    /// Takes the build's file `rel`: written to the batch unless the published file holds the
    /// same bytes.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        if self.blocked() {
            return Err(blocked_error(&self.out, "an earlier file blocked it"));
        }
        let path = self.out.join(checked(rel)?);
        match holds(&path, bytes) {
            Ok(true) => {}
            Ok(false) => self.pending.write(rel, bytes)?,
            Err(e) if e.kind() == ErrorKind::NotFound => self.pending.write(rel, bytes)?,
            Err(e) if matches!(e.kind(), ErrorKind::NotADirectory | ErrorKind::IsADirectory) => {
                return Err(self.block(&format!("{rel}: {e}")));
            }
            Err(e) => return Err(Error::io(&path, e)),
        }
        self.made.lock().expect("made lock").push(rel.into());
        Ok(())
    }

    /// Publishes the batch and deletes what the build no longer makes; returns warnings (the
    /// previous site could not be deleted after an exchange), or `None`, with nothing
    /// published, when the folder must be replaced as a whole instead.
    pub fn publish(self) -> Result<Option<Vec<String>>> {
        if self.blocked() {
            return Ok(None);
        }
        let mut made = std::mem::take(&mut *self.made.lock().expect("made lock"));
        made.sort_unstable();
        let mut stale_dirs = Vec::new();
        for entry in walkdir::WalkDir::new(&self.out).min_depth(1) {
            let entry = entry.map_err(|e| Error::failed(self.out.display().to_string(), e))?;
            let kind = entry.file_type();
            if kind.is_symlink() {
                return Ok(None);
            }
            let rel = entry
                .path()
                .strip_prefix(&self.out)
                .expect("under the output");
            let Some(rel) = rel.to_str() else {
                return Ok(None);
            };
            // relative paths as the build names them
            let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
            if kind.is_dir() {
                let inside = format!("{rel}/");
                let first = made.partition_point(|m| **m < *inside);
                if !made.get(first).is_some_and(|m| m.starts_with(&inside)) {
                    stale_dirs.push(entry.into_path());
                }
            } else if rel != guard::MARKER && made.binary_search(&rel.as_str().into()).is_err() {
                self.pending.remove(&rel)?;
            }
        }
        if self.pending.written() * 2 > made.len() {
            return self.publish_whole(&made).map(Some);
        }
        self.pending.publish()?;
        // deepest first; a folder a stale file lived in is already gone with it
        for dir in stale_dirs.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
        Ok(Some(Vec::new()))
    }

    /// Publishes a batch holding most of the site (a theme or setting every page shows was
    /// changed) as a whole site: the unchanged files are linked into the batch's folder, which
    /// then takes the output's place in one exchange. Renaming that many files one by one,
    /// each rename freeing the file it replaces, costs more than deleting the previous site.
    fn publish_whole(self, made: &[Box<str>]) -> Result<Vec<String>> {
        use rayon::prelude::*;
        let dir = self.pending.into_folder();
        let out = &self.out;
        let linked = super::on_deleters(|| {
            made.par_iter().try_for_each(|rel| {
                let to = dir.join(&**rel);
                if to.exists() {
                    return Ok(());
                }
                let from = out.join(&**rel);
                if let Some(parent) = to.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                }
                // a file system without links gets a copy
                std::fs::hard_link(&from, &to)
                    .or_else(|_| std::fs::copy(&from, &to).map(|_| ()))
                    .map_err(|e| Error::io(&to, e))
            })
        });
        let (parent, name) = split(out);
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let left = linked
            .and_then(|()| super::swap::publish(&dir, out, &old).map_err(|e| Error::io(out, e)));
        match left {
            Ok(left) => Ok(super::delete_previous(left.as_deref(), super::remove_tree)),
            Err(e) => {
                let _ = super::remove_tree(&dir);
                Err(e)
            }
        }
    }
}

/// Whether the file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(ErrorKind::IsADirectory.into());
    }
    if meta.len() != bytes.len() as u64 {
        return Ok(false);
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old)?;
    Ok(old == bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::fs_writer;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join(guard::MARKER), guard::MARKER_TEXT).unwrap();
        for (f, t) in files {
            let p = d.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, t).unwrap();
        }
        d
    }

    fn files(d: &Path) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(d)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                let rel = e.path().strip_prefix(d).unwrap().display().to_string();
                if e.file_type().is_dir() {
                    format!("{rel}/")
                } else {
                    format!("{rel}={}", std::fs::read_to_string(e.path()).unwrap())
                }
            })
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    fn inode(p: &Path) -> u64 {
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap())
    }

    #[test]
    fn only_changes_are_written_and_what_is_no_longer_made_is_deleted() {
        let d = site(&[
            ("same/index.html", "same"),
            ("changed/index.html", "old"),
            ("gone/deep/index.html", "gone"),
            ("data/gone.csv", "x"),
            ("data/kept.csv", "k"),
        ]);
        std::fs::create_dir_all(d.path().join("empty/inside")).unwrap();
        #[cfg(unix)]
        let same = inode(&d.path().join("same/index.html"));
        let u = Update::begin(d.path(), fs_writer()).unwrap();
        for (f, t) in [
            ("same/index.html", "same"),
            ("changed/index.html", "new"),
            ("new/page/index.html", "new page"),
            ("data/kept.csv", "k"),
        ] {
            u.write(f, t.as_bytes()).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(d.path().join("changed/index.html")).unwrap(),
            "old",
            "nothing changes before publishing"
        );
        assert_eq!(u.publish().unwrap(), Some(vec![]));
        assert_eq!(
            files(d.path()),
            [
                format!("{}={}", guard::MARKER, guard::MARKER_TEXT),
                "changed/".into(),
                "changed/index.html=new".into(),
                "data/".into(),
                "data/kept.csv=k".into(),
                "new/".into(),
                "new/page/".into(),
                "new/page/index.html=new page".into(),
                "same/".into(),
                "same/index.html=same".into(),
            ]
        );
        #[cfg(unix)]
        assert_eq!(inode(&d.path().join("same/index.html")), same, "rewritten");
        assert!(!crate::output::pending::folder(d.path()).exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_batch_of_most_files_is_published_as_a_whole_site_in_one_exchange() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join(guard::MARKER), guard::MARKER_TEXT).unwrap();
        for (f, t) in [
            ("a/index.html", "old"),
            ("b/index.html", "old"),
            ("c.html", "c"),
        ] {
            std::fs::create_dir_all(out.join(f).parent().unwrap()).unwrap();
            std::fs::write(out.join(f), t).unwrap();
        }
        std::fs::create_dir_all(out.join("gone/deep")).unwrap();
        std::fs::write(out.join("gone/deep/index.html"), "gone").unwrap();
        let same = inode(&out.join(guard::MARKER));
        let u = Update::begin(&out, fs_writer()).unwrap();
        u.write(guard::MARKER, guard::MARKER_TEXT.as_bytes())
            .unwrap();
        for (f, t) in [
            ("a/index.html", "new"),
            ("b/index.html", "new"),
            ("c.html", "new"),
        ] {
            u.write(f, t.as_bytes()).unwrap();
        }
        u.write("new/index.html", b"new").unwrap();
        assert_eq!(u.publish().unwrap(), Some(vec![]));
        assert_eq!(
            files(&out),
            [
                format!("{}={}", guard::MARKER, guard::MARKER_TEXT),
                "a/".into(),
                "a/index.html=new".into(),
                "b/".into(),
                "b/index.html=new".into(),
                "c.html=new".into(),
                "new/".into(),
                "new/index.html=new".into(),
            ]
        );
        assert_eq!(inode(&out.join(guard::MARKER)), same, "unchanged: linked");
        let beside: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(beside, ["public"], "nothing left beside the output");
    }

    #[test]
    fn a_folder_where_a_file_goes_or_a_file_where_a_folder_goes_blocks_the_update() {
        for (old, new) in [("a/index.html", "a"), ("a", "a/index.html")] {
            let d = site(&[(old, "old"), ("b.html", "b")]);
            let u = Update::begin(d.path(), fs_writer()).unwrap();
            u.write("b.html", b"new b").unwrap();
            assert!(u.write(new, b"new").is_err());
            assert!(u.blocked());
            assert_eq!(u.publish().unwrap(), None);
            assert_eq!(
                std::fs::read_to_string(d.path().join("b.html")).unwrap(),
                "b",
                "a blocked update publishes nothing"
            );
            assert!(!crate::output::pending::folder(d.path()).exists());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_folder_blocks_the_update_and_is_not_written_through() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("index.html"), "outside").unwrap();
        let d = site(&[("b.html", "b")]);
        std::os::unix::fs::symlink(outside.path(), d.path().join("plans")).unwrap();
        let u = Update::begin(d.path(), fs_writer()).unwrap();
        u.write("plans/index.html", b"new").unwrap();
        assert_eq!(u.publish().unwrap(), None);
        assert_eq!(
            std::fs::read_to_string(outside.path().join("index.html")).unwrap(),
            "outside"
        );
    }
}
