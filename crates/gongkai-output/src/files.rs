//! Where a build's files go (the sink rendering hands them to, the writer that writes them),
//! the output folder's lock, and deleting folders on many threads.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a build hands each finished file: its path inside the output folder and its bytes.
/// Rendering calls it from several threads at once.
pub type Sink<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<()> + Sync);

/// How a file's bytes are written into the file a batch has just made for them (its path in
/// the site is given): `write_all`, unless a test puts a failing writer in its place.
pub type Writer = Arc<dyn Fn(&str, &mut std::fs::File, &[u8]) -> std::io::Result<()> + Send + Sync>;

/// Held for writing while a build publishes into the output, for reading by whoever reads
/// it (`serve`); its number counts the publishes, so a reader can tell whether what it
/// derived from the site (a search index) is of the site as it is now.
pub type PublishLock = std::sync::RwLock<u64>;

/// The writer that writes.
pub fn fs_writer() -> Writer {
    Arc::new(|_: &str, file: &mut std::fs::File, bytes: &[u8]| {
        std::io::Write::write_all(file, bytes)
    })
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

/// Held while a process changes the output folder `out`; released on drop. Two builds (or a
/// build and `serve`) into one folder take turns instead of deleting each other's staging
/// folder. Where folders can be locked (Unix), the lock is on the folder holding `out`, so
/// nothing is made for it; elsewhere on a file `.NAME.lock` beside `out`.
pub struct OutputLock {
    _file: std::fs::File,
}

impl OutputLock {
    /// Waits for, then takes, the lock of `out` (saying so on stderr when it has to wait).
    pub fn take(out: &Path) -> Result<OutputLock> {
        let (parent, name) = split(out);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let (file, path) = lock_file(&parent, &name)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let out = out.display();
                eprintln!(
                    "{}",
                    crate::msg!(
                        "waiting for another gongkai build into {out} to finish",
                        "等待另一個建置到 {out} 的 gongkai 完成"
                    )
                );
                file.lock().map_err(|e| Error::io(&path, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        Ok(OutputLock { _file: file })
    }
}

#[cfg(unix)]
fn lock_file(parent: &Path, _name: &str) -> Result<(std::fs::File, PathBuf)> {
    let file = std::fs::File::open(parent).map_err(|e| Error::io(parent, e))?;
    Ok((file, parent.to_path_buf()))
}

#[cfg(not(unix))]
fn lock_file(parent: &Path, name: &str) -> Result<(std::fs::File, PathBuf)> {
    let path = parent.join(format!(".{name}.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    Ok((file, path))
}

/// The folder holding `target` and `target`'s name.
pub(crate) fn split(target: &Path) -> (PathBuf, String) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
