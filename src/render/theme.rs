//! Themes: templates, static assets, interface strings and default pages.
//!
//! The default theme is compiled into the binary, so a folder holding only `content/` builds.
//! A site's `themes/default` (when present, e.g. in this repository) replaces the built-in copy
//! file by file, and the theme named in `site.yaml` replaces single files of both.

use crate::content::schema::PageFile;
use crate::content::{files, yaml};
use crate::error::{Diagnostic, Error, Result};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Largest theme file read (a font, an image), so a hostile theme cannot exhaust memory.
const MAX_THEME_FILE: usize = 32 * 1024 * 1024;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme's files by path relative to the theme folder (`templates/base.html`,
/// `static/css/site.css`, `i18n.yaml`, `pages/about.yaml`), each with where it came from.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    files: BTreeMap<String, (PathBuf, Vec<u8>)>,
    /// The files whose bytes are the built-in theme's (not replaced, or replaced by a copy).
    builtin: std::collections::BTreeSet<String>,
}

impl Theme {
    /// The theme chain for a site: built-in default, then `root/themes/default`, then
    /// `root/themes/<name>`.
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
        let mut theme = Theme::default();
        add_builtin(&BUILTIN, &mut theme);
        let mut dirs = vec![root.join("themes/default")];
        if name != "default" {
            let dir = root.join("themes").join(name);
            if !dir.is_dir() {
                return Err(Error::Invalid(vec![Diagnostic::new(
                    "content/site.yaml",
                    crate::msg!(
                        "theme `{name}` not found: there is no folder themes/{name}",
                        "找不到佈景主題 `{name}`：沒有 themes/{name} 資料夾"
                    ),
                )
                .field("theme")]));
            }
            dirs.push(dir);
        }
        let canon = files::canonical_root(root).map_err(|d| Error::Invalid(vec![d]))?;
        let mut problems = Vec::new();
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            let rel_dir = dir.strip_prefix(root).unwrap_or(dir);
            // a theme folder that is itself a link out of the site is not published
            if !files::inside(&canon, dir) {
                problems.push(Diagnostic::new(rel_dir, files::OUTSIDE));
                continue;
            }
            for (shown, _) in files::walk(root, &canon, dir, false, &mut problems) {
                let key = shown
                    .strip_prefix(rel_dir)
                    .unwrap_or(&shown)
                    .to_string_lossy()
                    .replace('\\', "/");
                match files::read_limited(root, &canon, &shown, MAX_THEME_FILE) {
                    Ok(bytes) => {
                        theme.files.insert(key, (shown, bytes));
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems.into());
        }
        theme.builtin = (theme.files.iter())
            .filter(|(k, (_, b))| BUILTIN.get_file(k).is_some_and(|f| f.contents() == &b[..]))
            .map(|(k, _)| k.clone())
            .collect();
        theme.splice_vendored();
        Ok(theme)
    }

    /// Puts the vendored files into the scripts that name them ([`super::vendor::splice`]).
    fn splice_vendored(&mut self) {
        let scripts = self.files.iter_mut().filter(|(k, _)| k.ends_with(".js"));
        for (_, (_, bytes)) in scripts {
            let spliced = std::str::from_utf8(bytes)
                .ok()
                .and_then(super::vendor::splice);
            if let Some(text) = spliced {
                *bytes = text.into_bytes();
            }
        }
    }

    /// Files under `prefix/` (e.g. `templates/`), with the prefix removed, in path order.
    pub fn under<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Path, &'a [u8])> {
        self.files.iter().filter_map(move |(k, (src, b))| {
            let rest = k.strip_prefix(prefix)?.strip_prefix('/')?;
            Some((rest, src.as_path(), b.as_slice()))
        })
    }

    /// Whether the file `key` (`static/js/search.js`) is the built-in theme's, byte for byte.
    pub fn is_builtin(&self, key: &str) -> bool {
        self.builtin.contains(key)
    }

    /// Interface strings (`i18n.yaml`): key → (zh, en).
    pub fn strings(&self) -> Result<BTreeMap<String, crate::content::schema::Text>> {
        let (src, bytes) = self.files.get("i18n.yaml").ok_or_else(|| {
            Error::Usage(crate::error::Msg::new(
                "theme has no i18n.yaml",
                "佈景主題缺少 i18n.yaml",
            ))
        })?;
        let text = String::from_utf8_lossy(bytes);
        yaml::parse(src, &text).map_err(|d| Error::Invalid(vec![d]))
    }

    /// Default prose pages (`pages/<slug>.yaml`).
    pub fn pages(&self) -> Result<BTreeMap<String, PageFile>> {
        let mut out = BTreeMap::new();
        let mut problems = Vec::new();
        for (name, src, bytes) in self.under("pages") {
            let Some(slug) = name.strip_suffix(".yaml") else {
                continue;
            };
            match yaml::parse::<PageFile>(src, &String::from_utf8_lossy(bytes)) {
                Ok(p) => {
                    out.insert(slug.to_string(), p);
                }
                Err(d) => problems.push(d),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems.into())
        }
    }
}

fn add_builtin(dir: &Dir<'static>, theme: &mut Theme) {
    for f in dir.files() {
        let key = f.path().to_string_lossy().replace('\\', "/");
        theme.files.insert(
            key.clone(),
            (
                PathBuf::from("(built-in theme)").join(&key),
                f.contents().to_vec(),
            ),
        );
    }
    for d in dir.dirs() {
        add_builtin(d, theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_files_are_loaded_byte_for_byte() {
        // templates are what Tera parses: its error lines are the file's own lines
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), "default").unwrap();
        for key in [
            "templates/base.html",
            "templates/feed.xml",
            "static/css/site.css",
        ] {
            let original = BUILTIN.get_file(key).unwrap().contents();
            assert_eq!(theme.files[key].1, original, "{key}");
        }
    }
}
