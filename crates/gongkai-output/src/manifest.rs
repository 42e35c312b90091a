//! The marker file every folder gongkai makes carries, and the list of files it holds: which
//! files of an output folder gongkai made, so that a build deletes only those and keeps
//! everything else a user put there (a `.git/` worktree, `.well-known/`, downloads).

use std::io::Read;

/// The marker's name, in the output folder and in the folders a build stages beside it.
pub const MARKER: &str = ".gongkai-output";

/// The first line of a published folder's marker; the files gongkai made follow, one a line.
const PUBLISHED: &str =
    "This folder is made by gongkai. A build replaces the files listed below and keeps every other file.";

/// The marker of a folder a build is still writing: never published.
const BUILDING: &str = "gongkai is building this folder beside the site; it is not published.";

/// What an older gongkai wrote: a site replaced as a whole, no list.
const LEGACY: &str = "This folder is made by gongkai and replaced as a whole by every build.";

/// A marker the reader refuses past this size (a site of a million records lists about
/// 120 MB).
const MAX_MARKER: u64 = 512 << 20;

/// What a folder's marker says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// A build is writing it; it was never published.
    Building,
    /// A published site: the files gongkai made, sorted, relative with `/`.
    Published(Vec<Box<str>>),
    /// A site an older gongkai made, every file of which it made.
    Legacy,
}

impl Marker {
    /// The files gongkai made, when the marker lists them.
    pub fn files(&self) -> Option<&[Box<str>]> {
        match self {
            Marker::Published(files) => Some(files),
            _ => None,
        }
    }
}

/// The marker of a folder being built.
pub fn building() -> String {
    format!("{BUILDING}\n")
}

/// The marker of a published site made of `files` (sorted).
pub fn published(files: &[Box<str>]) -> String {
    let mut text = String::with_capacity(files.len() * 40 + PUBLISHED.len() + 1);
    text.push_str(PUBLISHED);
    text.push('\n');
    for f in files {
        text.push_str(f);
        text.push('\n');
    }
    text
}

/// Reads a marker's text; `None` when it is not one gongkai writes.
pub fn parse(text: &str) -> Option<Marker> {
    let mut lines = text.lines();
    match lines.next()? {
        BUILDING => Some(Marker::Building),
        LEGACY => Some(Marker::Legacy),
        PUBLISHED => {
            let mut files: Vec<Box<str>> = lines
                .filter(|l| !l.is_empty() && is_relative(l))
                .map(Box::from)
                .collect();
            files.sort_unstable();
            files.dedup();
            Some(Marker::Published(files))
        }
        _ => None,
    }
}

/// Reads the marker of the folder `dir`, never through a link; `Ok(None)` when there is none
/// (or it is not a regular file, or not gongkai's).
pub fn read(dir: &cap_std::fs::Dir) -> std::io::Result<Option<Marker>> {
    use cap_fs_ext::{FollowSymlinks, OpenOptionsFollowExt};
    let mut options = cap_std::fs::OpenOptions::new();
    options.read(true).follow(FollowSymlinks::No);
    let mut file = match dir.open_with(MARKER, &options) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Ok(None), // a link, or unreadable: not a marker gongkai wrote
    };
    let meta = file.metadata()?;
    if !meta.is_file() || meta.len() > MAX_MARKER {
        return Ok(None);
    }
    let mut text = String::new();
    if file.read_to_string(&mut text).is_err() {
        return Ok(None);
    }
    Ok(parse(&text))
}

/// Whether the sorted `list` holds a path inside the folder `dir`.
pub fn under(list: &[Box<str>], dir: &str) -> bool {
    let inside = format!("{dir}/");
    let first = list.partition_point(|m| **m < *inside);
    list.get(first).is_some_and(|m| m.starts_with(&inside))
}

/// Whether `rel` is a relative path of plain names (no `..`, no root, no empty part).
pub fn is_relative(rel: &str) -> bool {
    !rel.is_empty()
        && std::path::Path::new(rel)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && !rel
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_marker_lists_its_files_and_reads_back() {
        let files: Vec<Box<str>> = vec!["a/index.html".into(), "b.css".into()];
        assert_eq!(
            parse(&published(&files)),
            Some(Marker::Published(files.clone()))
        );
        assert_eq!(parse(&building()), Some(Marker::Building));
        assert_eq!(parse(&format!("{LEGACY}\n")), Some(Marker::Legacy));
        assert_eq!(parse("notes\n"), None);
    }

    #[test]
    fn a_listed_path_that_could_leave_the_folder_is_dropped() {
        let text = format!("{PUBLISHED}\n../x\n/etc/passwd\na//b\nok.html\n");
        assert_eq!(
            parse(&text),
            Some(Marker::Published(vec!["ok.html".into()]))
        );
    }
}
