//! Which folders a build may replace. A build deletes whatever its output folder held, so it
//! only ever replaces a folder that is missing, empty, or marked as made by gongkai, and never
//! one that holds, or lies inside, the site's content or themes.

use crate::error::{Error, Msg, Result};
use crate::msg;
use std::path::{Component, Path, PathBuf};

pub use super::manifest::MARKER;

/// Refuses an output folder that a build must not replace; names the path and says why.
pub fn check(root: &Path, output: &Path) -> Result<()> {
    let refuse = |why: Msg| {
        let (out, en, zh) = (output.display(), why.en, why.zh);
        Err(Error::Usage(msg!(
            "refusing to build into {out}: {en}",
            "不會建置到 {out}：{zh}"
        )))
    };
    let root_abs = absolute(root).map_err(|e| Error::io(root, e))?;
    let out_abs = absolute(output).map_err(|e| Error::io(output, e))?;
    if root_abs.starts_with(&out_abs) {
        let (site, public) = (root.display(), root.join("public"));
        let public = public.display();
        return refuse(msg!(
            "it is the site folder {site} or contains it; pass --output to a folder of its own, such as {public}",
            "它就是網站資料夾 {site}，或包含網站資料夾；請以 --output 指定另一個資料夾，例如 {public}"
        ));
    }
    for dir in ["content", "themes"] {
        let d = absolute(&root.join(dir)).map_err(|e| Error::io(&root.join(dir), e))?;
        if out_abs.starts_with(&d) {
            return refuse(msg!(
                "it is inside the site's {dir}/ folder (the build would delete or keep re-reading what it builds from)",
                "它位於網站的 {dir}/ 資料夾內（建置會刪除或不斷重讀建置所用的檔案）"
            ));
        }
    }
    let meta = match std::fs::symlink_metadata(output) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(output, e)),
    };
    if meta.file_type().is_symlink() {
        return refuse(Msg::new(
            "it is a symbolic link; pass the folder it points to as --output",
            "它是符號連結；請以 --output 指定它所指向的資料夾",
        ));
    }
    if !meta.is_dir() {
        return refuse(Msg::new(
            "it is a file, not a folder",
            "它是檔案，不是資料夾",
        ));
    }
    if super::swap::is_mount_point(output) {
        return Err(Error::Publish(super::swap::mount_point_message(output)));
    }
    if output.join(MARKER).is_file() || is_empty(output)? {
        return Ok(());
    }
    refuse(msg!(
        "it holds files and no {MARKER} marker, so gongkai did not make it; if it is a site built by an older gongkai, delete it yourself, otherwise pass another --output",
        "裡面有檔案，卻沒有 {MARKER} 標記，因此不是 gongkai 建立的；若是舊版 gongkai 建置的網站，請自行刪除，否則請以 --output 指定其他資料夾"
    ))
}

/// Whether `dir` has no entries.
fn is_empty(dir: &Path) -> Result<bool> {
    let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    Ok(entries.next().is_none())
}

/// `path` made absolute with symbolic links resolved as far as it exists; the part that does
/// not exist yet is appended as written, `..` taken off lexically (it cannot be a link).
pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(mut found) => {
                for c in rest.iter().rev() {
                    match c {
                        Component::ParentDir => {
                            found.pop();
                        }
                        Component::Normal(n) => found.push(n),
                        _ => {}
                    }
                }
                return Ok(found);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let Some(parent) = existing.parent() else {
                    return Err(e);
                };
                rest.extend(existing.components().next_back());
                existing = parent;
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for f in [
            "content/site.yaml",
            "content/plans/111/a.yaml",
            "themes/x/t.html",
        ] {
            let p = d.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        d
    }

    #[test]
    fn refuses_content_themes_root_and_parents() {
        let d = site();
        let r = d.path();
        for bad in [
            r.to_path_buf(),
            r.join("content"),
            r.join("content/plans"),
            r.join("content/new-folder"),
            r.join("themes"),
            r.join("public/../content"),
            r.parent().unwrap().to_path_buf(),
        ] {
            let e = check(r, &bad).unwrap_err().to_string();
            assert!(e.contains(&bad.display().to_string()), "{e}");
        }
        assert!(check(r, &r.join("public")).is_ok());
        assert!(check(r, &r.join("out/site")).is_ok());
    }

    #[test]
    fn refuses_unmarked_folders_with_files_but_not_empty_or_marked_ones() {
        let d = site();
        let out = d.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        assert!(check(d.path(), &out).is_ok(), "empty");
        std::fs::write(out.join("index.html"), "old").unwrap();
        let e = check(d.path(), &out).unwrap_err().to_string();
        assert!(e.contains(MARKER) && e.contains("older gongkai"), "{e}");
        std::fs::write(out.join(MARKER), super::super::manifest::building()).unwrap();
        assert!(check(d.path(), &out).is_ok(), "marked");
        std::fs::write(d.path().join("file"), "x").unwrap();
        assert!(check(d.path(), &d.path().join("file")).is_err());
    }
}
