//! Putting a staged folder in the published one's place in one atomic step, so a reader sees
//! the old site or the new one and never no site.

use std::io;
use std::path::{Path, PathBuf};

/// Publishes `staged` at `target`. Where the system can exchange two paths atomically (Linux
/// `renameat2(RENAME_EXCHANGE)`, macOS `renamex_np(RENAME_SWAP)`), it does, and the previous
/// site is left at `staged`; elsewhere it renames the previous site to `old` first (putting it
/// back if the second rename fails). Returns where the previous site is left, to delete.
pub fn publish(staged: &Path, target: &Path, old: &Path) -> io::Result<Option<PathBuf>> {
    if std::fs::symlink_metadata(target).is_err() {
        std::fs::rename(staged, target)?;
        return Ok(None);
    }
    match exchange(staged, target) {
        Ok(true) => return Ok(Some(staged.to_path_buf())),
        Ok(false) => {}
        Err(e) => return Err(e),
    }
    std::fs::rename(target, old)?;
    if let Err(e) = std::fs::rename(staged, target) {
        let _ = std::fs::rename(old, target);
        return Err(e);
    }
    Ok(Some(old.to_path_buf()))
}

/// Exchanges two existing paths atomically; `Ok(false)` when this system or file system
/// cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
pub fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // old kernels, and file systems without exchange
        Err(Errno::INVAL) | Err(Errno::NOSYS) | Err(Errno::NOTSUP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Exchanges two existing paths atomically; `Ok(false)` when this system or file system
/// cannot.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
pub fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// The error of a failed exchange, explained where the cause is the output being a mount
/// point (a Docker volume, a tmpfs): such a folder cannot be renamed or exchanged.
pub fn explain(target: &Path, e: io::Error) -> crate::error::Error {
    let busy = matches!(e.raw_os_error(), Some(16) | Some(18)); // EBUSY, EXDEV
    if busy || is_mount_point(target) {
        return crate::error::Error::Publish(mount_point_message(target));
    }
    crate::error::Error::io(target, e)
}

/// Why a mount point cannot be the output, and what to do.
pub fn mount_point_message(target: &Path) -> crate::error::Msg {
    let (t, inside) = (target.display(), target.join("site"));
    let inside = inside.display();
    crate::msg!(
        "{t} is a mount point (a separate file system, such as a Docker volume or a tmpfs): gongkai publishes a site by exchanging the whole output folder with the new one in one step, which a mount point does not allow. Build into a folder inside it (--output {inside}) and serve or deploy that folder, or mount the folder above it instead",
        "{t} 是掛載點（獨立的檔案系統，例如 Docker volume 或 tmpfs）：gongkai 發布網站時，會一次把整個輸出資料夾換成新的，掛載點不允許這樣做。請建置到它裡面的資料夾（--output {inside}），再提供或部署那個資料夾；或改為掛載上一層資料夾"
    )
}

/// Whether `path` is a folder on another file system than the folder holding it.
#[cfg(unix)]
pub fn is_mount_point(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (std::fs::symlink_metadata(path), std::fs::metadata(parent)) {
        (Ok(m), Ok(p)) => m.is_dir() && (m.dev() != p.dev() || m.ino() == p.ino()),
        _ => false,
    }
}

/// Whether `path` is a mount point (not known here: taken not to be).
#[cfg(not(unix))]
pub fn is_mount_point(_path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchange_swaps_two_folders() {
        let d = tempfile::tempdir().unwrap();
        let (a, b) = (d.path().join("a"), d.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("new"), "").unwrap();
        std::fs::write(b.join("old"), "").unwrap();
        let left = publish(&a, &b, &d.path().join("c")).unwrap().unwrap();
        assert!(b.join("new").exists());
        assert!(left.join("old").exists());
    }
}
