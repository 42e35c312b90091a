//! Reading files of a site safely: only regular files inside the site folder, never more than
//! a limit. Content and themes are read only through here.
//!
//! A symbolic link is followed when it leads to a place inside the site folder (the resolved
//! path is checked, so no chain of links leads out), and refused with an error naming the link
//! otherwise. Sizes are checked before reading, and reading stops at the limit anyway.

use crate::error::{Diagnostic, Msg, Words};
use std::io::Read;
use std::path::{Path, PathBuf};

/// `root` resolved (links and `..` removed), against which every file read is checked.
pub fn canonical_root(root: &Path) -> Result<PathBuf, Diagnostic> {
    std::fs::canonicalize(root).map_err(|e| {
        let m = crate::msg!(
            "cannot open the site folder: {e}",
            "無法開啟網站資料夾：{e}"
        );
        Diagnostic::new(root, m)
    })
}

/// Is `path` (which exists) inside `canon_root` once every link in it is resolved?
pub fn inside(canon_root: &Path, path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(canon_root))
}

/// The message for a link that leads out of the site folder.
pub const OUTSIDE: Words = Words::new("is a symbolic link to a place outside the site folder: it is not read (copy the file in instead)", "是指向網站資料夾之外的符號連結：不予讀取（請改為把檔案複製進來）");

/// A file that could not be read, with what the system said.
pub fn cannot_read(e: impl std::fmt::Display) -> Msg {
    crate::msg!("cannot read: {e}", "無法讀取：{e}")
}

/// A file that is not a regular file (a device, a pipe, a folder).
fn not_regular() -> Msg {
    Msg::new(
        "is not a regular file: it is not read",
        "不是一般檔案：不予讀取",
    )
}

/// Reads `root/rel`, at most `max` bytes. `canon_root` is [`canonical_root`]`(root)`. Refuses
/// (naming `rel`) a path that resolves outside the site folder, anything but a regular file
/// (a device such as `/dev/zero`, a pipe, a folder) and a file over `max` bytes, reading no
/// more than `max` bytes of it to locate the line where the limit falls.
pub fn read_limited(
    root: &Path,
    canon_root: &Path,
    rel: &Path,
    max: usize,
) -> Result<Vec<u8>, Diagnostic> {
    let path = root.join(rel);
    let fail = |msg: Msg| Err(Diagnostic::new(rel, msg));
    let real = match std::fs::canonicalize(&path) {
        Ok(p) => p,
        Err(e) => return fail(cannot_read(e)),
    };
    if !real.starts_with(canon_root) {
        return fail(OUTSIDE.into());
    }
    // checked before opening too: opening a named pipe would wait for a writer
    match std::fs::metadata(&real) {
        Ok(m) if m.is_file() => {}
        Ok(_) => return fail(not_regular()),
        Err(e) => return fail(cannot_read(e)),
    }
    let file = match std::fs::File::open(&real) {
        Ok(f) => f,
        Err(e) => return fail(cannot_read(e)),
    };
    // the opened file's own metadata, so what is checked is what is read
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => return fail(cannot_read(e)),
    };
    if !meta.is_file() {
        return fail(not_regular());
    }
    let mut bytes = Vec::with_capacity((meta.len() as usize).min(max) + 1);
    if let Err(e) = file.take(max as u64 + 1).read_to_end(&mut bytes) {
        return fail(cannot_read(e));
    }
    if bytes.len() > max {
        return Err(super::yaml::too_large(rel, &bytes));
    }
    Ok(bytes)
}

/// Reads `root/rel` as a YAML file's text ([`read_limited`] to the YAML size limit, then UTF-8
/// checked with the line of the first bad byte).
pub fn read_yaml_text(root: &Path, canon_root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = read_limited(root, canon_root, rel, super::yaml::MAX_BYTES)?;
    super::yaml::utf8(rel, bytes)
}

/// The files under `dir` (depth ≥ 1, in file-name order), as paths relative to `root`.
/// Links to folders inside the site are followed; a link leading outside is reported and
/// not entered; names starting with `.` are skipped when `skip_hidden` (content: editors'
/// and version control's files; a theme keeps them, e.g. `static/.well-known/`); a folder that
/// cannot be listed (a broken link, a loop) is reported.
pub fn walk(
    root: &Path,
    canon_root: &Path,
    dir: &Path,
    skip_hidden: bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, usize)> {
    let rel_of = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut out = Vec::new();
    let mut it = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().map(rel_of).unwrap_or_else(|| rel_of(dir));
                let why = if e.loop_ancestor().is_some() {
                    Msg::new(
                        "is a symbolic link to a folder that contains it: it is not read",
                        "是指向包含它自身之資料夾的符號連結：不予讀取",
                    )
                } else {
                    match e.io_error() {
                        Some(io) => cannot_read(io),
                        None => cannot_read(&e),
                    }
                };
                problems.push(Diagnostic::new(at, why));
                continue;
            }
        };
        if skip_hidden && entry.file_name().to_string_lossy().starts_with('.') {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let rel = rel_of(entry.path());
        if entry.path_is_symlink() && !inside(canon_root, entry.path()) {
            problems.push(Diagnostic::new(&rel, OUTSIDE));
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        out.push((rel, entry.depth()));
    }
    out
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_of_the_root_devices_and_large_files_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "PRIVATE KEY").unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let canon = canonical_root(root).unwrap();
        std::fs::create_dir(root.join("d")).unwrap();
        std::fs::write(root.join("d/ok.yaml"), "a: 1\n").unwrap();
        symlink(outside.path().join("secret"), root.join("d/key.yaml")).unwrap();
        symlink("ok.yaml", root.join("d/alias.yaml")).unwrap();
        symlink("/dev/zero", root.join("d/zero.yaml")).unwrap();
        symlink(outside.path(), root.join("d/out")).unwrap();
        let read = |p: &str| read_limited(root, &canon, Path::new(p), 100);
        assert_eq!(read("d/ok.yaml").unwrap(), b"a: 1\n");
        assert_eq!(read("d/alias.yaml").unwrap(), b"a: 1\n");
        let e = read("d/key.yaml").unwrap_err();
        assert!(e.message.contains("outside the site folder"), "{e}");
        assert!(!e.to_string().contains("PRIVATE"));
        assert_eq!(e.file, Path::new("d/key.yaml"));
        assert!(read("d/out/secret")
            .unwrap_err()
            .message
            .contains("outside"));
        // /dev/zero is outside too; a device inside the root would be refused as not regular
        assert!(read("d/zero.yaml").is_err());
        assert!(read("d")
            .unwrap_err()
            .message
            .contains("not a regular file"));
        std::fs::write(root.join("d/big.yaml"), "x\n".repeat(100)).unwrap();
        let e = read("d/big.yaml").unwrap_err();
        assert_eq!(e.line, Some(51), "{e}");

        let mut problems = Vec::new();
        let files = walk(root, &canon, &root.join("d"), true, &mut problems);
        let names: Vec<_> = files
            .iter()
            .map(|(p, _)| p.to_string_lossy().into_owned())
            .collect();
        assert!(names.contains(&"d/ok.yaml".to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("secret")), "{names:?}");
        let listed: Vec<_> = problems.iter().map(|d| d.to_string()).collect();
        assert!(listed.iter().any(|d| d.starts_with("d/out:")), "{listed:?}");
        assert!(
            listed.iter().any(|d| d.starts_with("d/key.yaml:")),
            "{listed:?}"
        );
    }

    #[test]
    fn a_linked_folder_inside_the_root_is_followed() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let canon = canonical_root(root).unwrap();
        std::fs::create_dir_all(root.join("store/111")).unwrap();
        std::fs::write(root.join("store/111/a.yaml"), "a: 1\n").unwrap();
        std::fs::create_dir(root.join("plans")).unwrap();
        symlink(root.join("store/111"), root.join("plans/111")).unwrap();
        symlink(root.join("plans"), root.join("plans/111/loop")).unwrap_or(());
        let mut problems = Vec::new();
        let files = walk(root, &canon, &root.join("plans"), true, &mut problems);
        assert!(
            files.contains(&(PathBuf::from("plans/111/a.yaml"), 2)),
            "{files:?}"
        );
    }
}
