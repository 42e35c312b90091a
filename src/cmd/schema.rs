//! `gongkai schema`: the JSON Schemas of the content files ([`json_schema`]) written to a
//! folder, and the first-line comments that point each content file at its schema. The
//! commands that write records (`new plan`, `new year`, `import`) keep the site's own copy,
//! `ROOT/schemas/`, current ([`for_site`]), so the comment they write always finds its schema.

use crate::content::files;
use crate::content::json_schema::{self, Kind};
use crate::error::{Diagnostic, Error, Result};
use crate::msg;
use std::path::{Path, PathBuf};

/// Writes every schema into `out` (made if missing), leaving those already current alone;
/// returns the files written.
pub fn run(out: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let mut written = Vec::new();
    for kind in Kind::ALL {
        let path = out.join(kind.file_name());
        if replace(&path, &kind.text())? {
            written.push(path);
        }
    }
    Ok(written)
}

/// Brings the site's own schemas, `root/schemas/`, up to date and returns that folder. A
/// `schemas` link leading out of the site is refused: gongkai writes only inside it.
pub fn for_site(root: &Path) -> Result<PathBuf> {
    let dir = root.join(json_schema::DIR);
    if std::fs::symlink_metadata(&dir).is_ok() {
        let canon = files::canonical_root(root).map_err(|d| Error::Invalid(vec![d]))?;
        if !files::inside(&canon, &dir) {
            return Err(Error::Invalid(vec![Diagnostic::new(
                json_schema::DIR,
                msg!(
                    "is a symbolic link to a place outside the site folder: the schemas are not written there (make it a folder)",
                    "是指向網站資料夾以外的符號連結：結構描述不寫入該處（請改為資料夾）"
                ),
            )]));
        }
    }
    run(&dir)?;
    Ok(dir)
}

/// The first-line comment for a `kind` of file written into `dir`, pointing at the site's
/// schemas in `schemas` ([`for_site`]).
pub fn modeline(dir: &Path, schemas: &Path, kind: Kind) -> String {
    json_schema::modeline(&json_schema::reference(dir, schemas, kind))
}

/// Begins every content file under `root/content` with the comment pointing at its schema in
/// `schemas`, replacing the one it has; returns the files changed. A file reached through a
/// symbolic link is left as it is (gongkai never writes through one), and so is a file the
/// loader would not read.
pub fn link_records(root: &Path, schemas: &Path) -> Result<Vec<PathBuf>> {
    let canon = files::canonical_root(root).map_err(|d| Error::Invalid(vec![d]))?;
    let mut problems = Vec::new();
    let found = files::walk(root, &canon, &root.join("content"), true, &mut problems);
    let mut changed = Vec::new();
    for (rel, _) in found {
        let Some(kind) = Kind::of(&rel) else {
            continue;
        };
        let path = root.join(&rel);
        let linked = std::fs::symlink_metadata(&path).map(|m| m.file_type().is_symlink());
        if linked.unwrap_or(true) {
            continue;
        }
        let text = match files::read_yaml_text(root, &canon, &rel) {
            Ok(text) => text,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let dir = path.parent().unwrap_or(root);
        let linked = json_schema::with_modeline(&text, &modeline(dir, schemas, kind));
        if replace(&path, &linked)? {
            changed.push(path);
        }
    }
    if problems.is_empty() {
        Ok(changed)
    } else {
        Err(problems.into())
    }
}

/// Writes `text` to `path` unless it holds exactly that already; whether it wrote. The text
/// goes to a new file beside it first, renamed over the old one, so a reader never sees half
/// a file; a link or anything but a regular file there is refused, never written through.
fn replace(path: &Path, text: &str) -> Result<bool> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.file_type().is_file() {
            return Err(Error::Invalid(vec![Diagnostic::new(
                path,
                msg!(
                    "is a symbolic link or not a regular file: gongkai does not write through it",
                    "是符號連結或不是一般檔案：gongkai 不會寫入"
                ),
            )]));
        }
        if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(false);
        }
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let written = super::write_new(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e)));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.map(|()| true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_written_once_and_kept_current() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("schemas");
        let first = run(&out).unwrap();
        assert_eq!(first.len(), Kind::ALL.len());
        assert!(
            run(&out).unwrap().is_empty(),
            "current schemas are left alone"
        );
        std::fs::write(out.join("plan.schema.json"), "{}").unwrap();
        assert_eq!(run(&out).unwrap(), vec![out.join("plan.schema.json")]);
        let names: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
        assert_eq!(names.len(), Kind::ALL.len(), "no temporary file is left");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_not_written_through() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("schemas")).unwrap();
        let Err(Error::Invalid(e)) = for_site(site.path()) else {
            panic!("a link out of the site is written through");
        };
        assert!(e[0].message.en.contains("outside the site folder"), "{e:?}");
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);

        let out = site.path().join("own");
        std::fs::create_dir(&out).unwrap();
        let target = outside.path().join("target.json");
        std::fs::write(&target, "mine").unwrap();
        std::os::unix::fs::symlink(&target, out.join("plan.schema.json")).unwrap();
        assert!(run(&out).is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    }
}
