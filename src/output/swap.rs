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

/// Whether process `pid` still runs (when unsure, it is taken to run, so nothing of a live
/// build is deleted).
#[cfg(unix)]
pub fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return true;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

/// Whether process `pid` still runs (unknown here: taken to run).
#[cfg(not(unix))]
pub fn process_alive(_pid: u32) -> bool {
    true
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

    #[test]
    fn a_dead_process_is_told_from_a_live_one() {
        assert!(process_alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!process_alive(pid));
    }
}
