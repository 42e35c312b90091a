//! The one way a build reaches the output folder. Every build, and each of `serve`'s
//! rebuilds, stages the whole new site in a folder beside the output (`.NAME.tmp-PID`, on the
//! same file system) and exchanges the two in one atomic step. Files equal to the published
//! ones are hard links to them, not copies, so an unchanged page costs a link and keeps its
//! inode; a rebuild of unchanged content publishes nothing.
//!
//! The promises, and how each is kept:
//! - A reader, or a process killed at any moment, sees the old site or the new one, never a
//!   mix: the live folder is never written; the exchange is one `renameat2` (`RENAME_EXCHANGE`,
//!   or `renamex_np` on macOS).
//! - Nothing outside the output is written, moved or deleted: the published folder is read,
//!   and linked from, through a capability handle (`cap-std`) that never resolves a path out
//!   of it; the staging folder is made anew and written the same way; the previous site is
//!   deleted only for what its marker lists or what the new site holds as the same file.
//! - Only what gongkai made is deleted: the marker lists the files a build made; anything else
//!   in the output is linked into the new site as it is and named in one warning.
//! - A failure before the exchange leaves the old site byte for byte and nothing to recover;
//!   leftovers of killed builds are deleted by the next one ([`super::clean`]).

use super::clean;
use super::manifest::{self, Marker, MARKER};
use super::PublishLock;
use super::{split, swap, Writer};
use crate::error::{Error, Msg, Result};
use cap_std::fs::Dir;
use rustc_hash::FxHashSet;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A build's files on their way to the output folder.
pub struct Batch {
    target: PathBuf,
    /// The published folder, when there is one.
    live: Option<Dir>,
    /// What the published folder's marker lists.
    previous: Previous,
    stage_path: PathBuf,
    stage: Dir,
    writer: Writer,
    made: Mutex<Vec<Box<str>>>,
    /// The files written anew (not linked).
    fresh: Mutex<Vec<Box<str>>>,
    /// The files equal to the published ones, linked in when the batch is published.
    same: Mutex<Vec<Box<str>>>,
    /// Folders made in the staging folder already.
    dirs: Mutex<FxHashSet<Box<str>>>,
    written: AtomicUsize,
    /// What cleaning the leftovers of killed builds left, to tell.
    leftovers: Vec<String>,
    published: bool,
}

/// The files of the published site that gongkai made.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Previous {
    /// No site yet (no folder, or an empty one).
    Nothing,
    /// A site an older gongkai made, all of whose files are gongkai's.
    Everything,
    /// These files (sorted).
    Listed(Vec<Box<str>>),
}

/// What publishing did.
#[derive(Debug, Default)]
pub struct Published {
    /// Files written anew (the rest are links to the published ones).
    pub written: usize,
    /// Whether the site changed (`false`: the same files, nothing published).
    pub changed: bool,
    /// Things to tell the user: files kept that gongkai did not make, a previous site that
    /// could not be deleted.
    pub warnings: Vec<String>,
}

/// The ambient authority `cap-std` asks for when a folder is opened by path: only the output
/// folder and the staging folder beside it are, and everything else is reached through them.
fn open_dir(path: &Path) -> std::io::Result<Dir> {
    Dir::open_ambient_dir(path, cap_std::ambient_authority())
}

impl Batch {
    /// Starts a batch for the output `target`: deletes what killed builds left beside it, and
    /// makes the staging folder. The caller holds `target`'s [`super::OutputLock`].
    pub fn begin(target: &Path, writer: Writer) -> Result<Batch> {
        let (parent, name) = split(target);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let leftovers = clean::leftovers(&parent, &name, target);
        let (live, previous) = open_live(target)?;
        let stage_path = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::create_dir(&stage_path).map_err(|e| Error::io(&stage_path, e))?;
        let stage = open_dir(&stage_path).map_err(|e| Error::io(&stage_path, e))?;
        let batch = Batch {
            target: target.to_path_buf(),
            live,
            previous,
            stage_path,
            stage,
            writer,
            made: Mutex::new(Vec::new()),
            fresh: Mutex::new(Vec::new()),
            same: Mutex::new(Vec::new()),
            dirs: Mutex::new(FxHashSet::default()),
            written: AtomicUsize::new(0),
            leftovers,
            published: false,
        };
        batch
            .stage
            .write(MARKER, manifest::building())
            .map_err(|e| Error::io(&batch.stage_path.join(MARKER), e))?;
        Ok(batch)
    }

    /// Takes the build's file `rel`: a link to the published file when that holds the same
    /// bytes, else written anew.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let rel = checked(rel)?;
        if self
            .live
            .as_ref()
            .is_some_and(|live| holds(live, rel, bytes))
        {
            // linked when the batch is published, and only if something changed
            self.same.lock().expect("same lock").push(rel.into());
        } else {
            self.parents(rel)?;
            self.write_new(rel, bytes)?;
        }
        self.made.lock().expect("made lock").push(rel.into());
        Ok(())
    }

    /// Links the files equal to the published ones into the staging folder, on
    /// [`DELETERS`](crate::files::DELETERS) threads (a link waits on the disk like a file made); a copy where
    /// the file system has no links.
    fn link_same(&self) -> Result<()> {
        use rayon::prelude::*;
        let same = std::mem::take(&mut *self.same.lock().expect("same lock"));
        let Some(live) = &self.live else {
            return Ok(());
        };
        super::on_deleters(|| {
            same.par_iter().try_for_each(|rel| {
                self.parents(rel)?;
                live.hard_link(&**rel, &self.stage, &**rel)
                    .or_else(|_| live.copy(&**rel, &self.stage, &**rel).map(|_| ()))
                    .map_err(|e| Error::io(&self.target.join(&**rel), e))
            })
        })
    }

    /// Keeps every file the published site holds and this batch was not given, except those
    /// in `gone`: a rebuild that renders only what changed.
    pub fn keep_the_rest(&self, gone: &[String]) -> Result<()> {
        let Previous::Listed(files) = &self.previous else {
            return Err(Error::Publish(Msg::new(
                "the published site lists no files to keep; build it in full",
                "已發布的網站沒有列出要保留的檔案；請完整建置一次",
            )));
        };
        let live = self.live.as_ref().expect("a listed site is open");
        let mut made = self.made.lock().expect("made lock");
        made.sort_unstable();
        let gone: FxHashSet<&str> = gone.iter().map(String::as_str).collect();
        let kept: Vec<Box<str>> = (files.iter())
            .filter(|f| made.binary_search(f).is_err() && !gone.contains(&***f))
            // deleted by hand: gone
            .filter(|f| live.symlink_metadata(&***f).is_ok_and(|m| m.is_file()))
            .cloned()
            .collect();
        self.same
            .lock()
            .expect("same lock")
            .extend(kept.iter().cloned());
        made.extend(kept);
        Ok(())
    }

    /// How many files were written anew so far.
    pub fn written(&self) -> usize {
        self.written.load(Ordering::Relaxed)
    }

    /// Publishes the staged site in the output's place in one step, holding `lock` for writing
    /// (readers of the output hold it for reading), then deletes the previous site. A batch
    /// that changes nothing publishes nothing.
    pub fn publish(mut self, lock: Option<&PublishLock>) -> Result<Published> {
        let mut made = std::mem::take(&mut *self.made.lock().expect("made lock"));
        made.sort_unstable();
        made.dedup();
        made.retain(|f| &**f != MARKER);
        let written = self.written();
        let mut warnings = std::mem::take(&mut self.leftovers);
        let unchanged = written == 0 && self.previous == Previous::Listed(made.clone());
        if !unchanged {
            self.link_same()?;
            // written aside and renamed over the building marker: a kill leaves one or the
            // other, never half a list
            let aside = format!("{MARKER}.new");
            self.stage
                .write(&aside, manifest::published(&made))
                .and_then(|()| self.stage.rename(&aside, &self.stage, MARKER))
                .map_err(|e| Error::io(&self.stage_path.join(MARKER), e))?;
        }
        if let (Some(live), Previous::Listed(previous)) = (&self.live, &self.previous) {
            let into = (!unchanged).then_some(&self.stage);
            let kept = carry(live, into, previous, &made, &self.target)?;
            if !kept.is_empty() {
                warnings.push(kept_warning(&kept).to_string());
            }
        }
        if unchanged {
            // the same files: nothing to publish; dropping deletes the staging folder
            return Ok(Published {
                warnings,
                ..Published::default()
            });
        }
        let (parent, name) = split(&self.target);
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let left = {
            let _writing = publishing(lock);
            swap::publish(&self.stage_path, &self.target, &old)
                .map_err(|e| swap::explain(&self.target, e))?
        };
        self.published = true;
        if let Some(left) = left {
            warnings.extend(clean::old_site(&left, &self.target));
        }
        Ok(Published {
            written,
            changed: true,
            warnings,
        })
    }

    /// Publishes a rebuild that rendered only what changed (`serve`'s): the files written anew
    /// are renamed into the published folder and those in `gone` deleted there, all while
    /// `lock` is held for writing, so the server never answers from half of it. Every place
    /// touched is first checked to be reached through real folders inside the output; where
    /// one is not (a link, a file where a folder goes), where the site lists no files, or where
    /// most files are new, the rest of the site is linked in and the whole exchanged instead
    /// ([`Batch::publish`]). The marker
    /// lists the new files before they arrive and drops the deleted ones after they are gone,
    /// so a process killed half-way leaves files the next build knows as gongkai's.
    pub fn publish_changes(self, gone: &[String], lock: Option<&PublishLock>) -> Result<Published> {
        let fresh = std::mem::take(&mut *self.fresh.lock().expect("fresh lock"));
        let reachable = |live: &Dir| {
            fresh
                .iter()
                .map(|f| &**f)
                .chain(gone.iter().map(String::as_str))
                .all(|rel| checked(rel).is_ok() && through_folders(live, rel))
        };
        let (Some(live), Previous::Listed(previous)) = (&self.live, &self.previous) else {
            return self.exchange_instead(fresh, gone, lock);
        };
        // most of the site anew (a count every page shows changed): one exchange costs less
        // than renaming each file over the one it replaces
        if fresh.len() * 2 > previous.len() || !reachable(live) {
            return self.exchange_instead(fresh, gone, lock);
        }
        let mut listed = previous.clone();
        listed.extend(fresh.iter().cloned());
        listed.sort_unstable();
        listed.dedup();
        let _writing = publishing(lock);
        self.mark(live, &listed)?;
        for rel in &fresh {
            if let Some((dir, _)) = rel.rsplit_once('/') {
                live.create_dir_all(dir)
                    .map_err(|e| Error::io(&self.target.join(dir), e))?;
            }
            self.stage
                .rename(&**rel, live, &**rel)
                .map_err(|e| Error::io(&self.target.join(&**rel), e))?;
        }
        for rel in gone {
            remove_with_empty_parents(live, rel)
                .map_err(|e| Error::io(&self.target.join(rel), e))?;
        }
        let gone: FxHashSet<&str> = gone.iter().map(String::as_str).collect();
        listed.retain(|f| !gone.contains(&**f));
        self.mark(live, &listed)?;
        Ok(Published {
            written: fresh.len(),
            changed: !fresh.is_empty() || !gone.is_empty(),
            warnings: Vec::new(),
        })
    }

    /// [`Batch::publish_changes`] by linking the rest of the site in and exchanging it whole.
    fn exchange_instead(
        self,
        fresh: Vec<Box<str>>,
        gone: &[String],
        lock: Option<&PublishLock>,
    ) -> Result<Published> {
        *self.fresh.lock().expect("fresh lock") = fresh;
        self.keep_the_rest(gone)?;
        self.publish(lock)
    }

    /// Writes the published folder's marker listing `files`: aside, then renamed in.
    fn mark(&self, live: &Dir, files: &[Box<str>]) -> Result<()> {
        let aside = format!("{MARKER}.new");
        self.stage
            .write(&aside, manifest::published(files))
            .and_then(|()| self.stage.rename(&aside, live, MARKER))
            .map_err(|e| Error::io(&self.target.join(MARKER), e))
    }

    /// Makes the folders `rel` goes in, in the staging folder.
    fn parents(&self, rel: &str) -> Result<()> {
        let Some((dir, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        if self.dirs.lock().expect("dirs lock").contains(dir) {
            return Ok(());
        }
        self.stage
            .create_dir_all(dir)
            .map_err(|e| Error::io(&self.stage_path.join(dir), e))?;
        self.dirs.lock().expect("dirs lock").insert(dir.into());
        Ok(())
    }

    fn write_new(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = || self.stage_path.join(rel);
        let mut options = cap_std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        let file = self
            .stage
            .open_with(rel, &options)
            .map_err(|e| Error::io(&path(), e))?;
        let mut file = file.into_std();
        (self.writer)(rel, &mut file, bytes).map_err(|e| Error::io(&path(), e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        self.fresh.lock().expect("fresh lock").push(rel.into());
        Ok(())
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        if !self.published {
            let _ = clean::discard(&self.stage_path);
        }
    }
}

/// Takes `lock` for writing, counting one more publish, for as long as the guard is held.
fn publishing(lock: Option<&PublishLock>) -> Option<std::sync::RwLockWriteGuard<'_, u64>> {
    let mut guard = lock.map(|l| l.write().expect("publish lock"));
    if let Some(count) = guard.as_deref_mut() {
        *count += 1;
    }
    guard
}

/// Whether every folder on the way to `rel` in `live` is a real folder (or not there yet), and
/// `rel` itself is not a folder: nothing on the way is a link.
fn through_folders(live: &Dir, rel: &str) -> bool {
    let ends = rel.match_indices('/').map(|(i, _)| i).chain([rel.len()]);
    for end in ends {
        match live.symlink_metadata(&rel[..end]) {
            Ok(m) if end == rel.len() => return !m.is_dir(),
            Ok(m) if m.is_dir() => {}
            Ok(_) => return false,
            Err(e) if e.kind() == ErrorKind::NotFound => return true,
            Err(_) => return false,
        }
    }
    true
}

/// Deletes `rel` in `live`, and the folders it leaves empty.
fn remove_with_empty_parents(live: &Dir, rel: &str) -> std::io::Result<()> {
    match live.remove_file(rel) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let mut dir = rel;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if live.remove_dir(parent).is_err() {
            break; // not empty: it holds other pages
        }
        dir = parent;
    }
    Ok(())
}

/// Opens the published folder `target` and reads what its marker lists.
fn open_live(target: &Path) -> Result<(Option<Dir>, Previous)> {
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok((None, Previous::Nothing)),
        Err(e) => return Err(Error::io(target, e)),
        Ok(m) if !m.is_dir() => {
            let t = target.display();
            return Err(Error::Publish(crate::msg!(
                "{t} is not a folder (a link or a file); pass a folder as --output",
                "{t} 不是資料夾（而是連結或檔案）；請以 --output 指定資料夾"
            )));
        }
        Ok(_) => {}
    }
    let live = open_dir(target).map_err(|e| Error::io(target, e))?;
    let previous = match manifest::read(&live).map_err(|e| Error::io(target, e))? {
        Some(Marker::Published(files)) => Previous::Listed(files),
        Some(Marker::Legacy) => Previous::Everything,
        Some(Marker::Building) | None => {
            let empty = live
                .entries()
                .map_err(|e| Error::io(target, e))?
                .next()
                .is_none();
            if !empty {
                let t = target.display();
                return Err(Error::Publish(crate::msg!(
                    "{t} holds files and no list of what gongkai made in it ({MARKER}); pass an empty or new folder as --output",
                    "{t} 裡面有檔案，卻沒有 gongkai 建立檔案的清單（{MARKER}）；請以 --output 指定空的或新的資料夾"
                )));
            }
            Previous::Nothing
        }
    };
    Ok((Some(live), previous))
}

/// Whether the published file `rel` is a regular file holding exactly `bytes` (read without
/// following a link at its name, and never out of the folder).
fn holds(live: &Dir, rel: &str, bytes: &[u8]) -> bool {
    use cap_fs_ext::{FollowSymlinks, OpenOptionsFollowExt};
    let mut options = cap_std::fs::OpenOptions::new();
    options.read(true).follow(FollowSymlinks::No);
    let Ok(mut file) = live.open_with(rel, &options) else {
        return false;
    };
    match file.metadata() {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {}
        _ => return false,
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).is_ok() && old == bytes
}

/// Links every file of the published site that gongkai did not make (not in `previous`) into
/// the staging folder `stage` at the same place (or only lists them, without a `stage`);
/// returns their names, a folder wholly the user's named once (`.git/`). Refuses, naming it,
/// a file of the user's where the new site puts a file or a folder.
fn carry(
    live: &Dir,
    stage: Option<&Dir>,
    previous: &[Box<str>],
    made: &[Box<str>],
    target: &Path,
) -> Result<Vec<String>> {
    let mut carry = Carry {
        live,
        stage,
        previous,
        made,
        target,
        kept: Vec::new(),
    };
    let mut stack = vec![String::new()];
    while let Some(dir) = stack.pop() {
        let entries = if dir.is_empty() {
            live.entries()
        } else {
            live.read_dir(&dir)
        };
        let entries = entries.map_err(|e| Error::io(&target.join(&dir), e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&target.join(&dir), e))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                let p = target.join(&dir).join(&name);
                let p = p.display();
                return Err(Error::Publish(crate::msg!(
                    "{p}: a name that is not UTF-8 in the output; rename or move it",
                    "{p}：輸出資料夾中有檔名不是 UTF-8；請改名或移走"
                )));
            };
            let rel = if dir.is_empty() {
                name.to_string()
            } else {
                format!("{dir}/{name}")
            };
            if rel == MARKER {
                continue;
            }
            let kind = (entry.file_type()).map_err(|e| Error::io(&target.join(&rel), e))?;
            if kind.is_dir() {
                carry.folder(&rel)?;
                stack.push(rel);
            } else {
                carry.file(&dir, &rel)?;
            }
        }
    }
    carry.kept.sort();
    Ok(carry.kept)
}

/// What [`carry`] walks with.
struct Carry<'a> {
    live: &'a Dir,
    stage: Option<&'a Dir>,
    previous: &'a [Box<str>],
    made: &'a [Box<str>],
    target: &'a Path,
    kept: Vec<String>,
}

impl Carry<'_> {
    fn conflict(&self, rel: &str, what: Msg) -> Error {
        let (p, en, zh) = (self.target.join(rel), what.en, what.zh);
        let p = p.display();
        Error::Publish(crate::msg!(
            "{p} is not a file gongkai made, and the new site puts {en} there; move it out of the output, then build again",
            "{p} 不是 gongkai 建立的檔案，而新網站要在那裡放{zh}；請把它移出輸出資料夾，再重新建置"
        ))
    }

    /// A folder of the published site: made in the staging folder when it is the user's.
    fn folder(&mut self, rel: &str) -> Result<()> {
        if self.made.binary_search(&rel.into()).is_ok() {
            return Err(self.conflict(rel, Msg::new("a file", "一個檔案")));
        }
        if manifest::under(self.previous, rel) {
            return Ok(()); // gongkai's: the new build decides
        }
        // the user's folder: kept even when empty
        if !self.kept.iter().any(|k| rel.starts_with(&**k)) {
            self.kept.push(format!("{rel}/"));
        }
        if let Some(stage) = self.stage {
            (stage.create_dir_all(rel)).map_err(|e| Error::io(&self.target.join(rel), e))?;
        }
        Ok(())
    }

    /// A file (or link) of the published site in the folder `dir`: linked into the staging
    /// folder unless gongkai made it.
    fn file(&mut self, dir: &str, rel: &str) -> Result<()> {
        let (previous, made) = (self.previous, self.made);
        if previous.binary_search(&rel.into()).is_ok() || manifest::under(previous, rel) {
            // gongkai's, or put in the place of a folder of gongkai's (a link, say): the new
            // build decides
            return Ok(());
        }
        if made.binary_search(&rel.into()).is_ok() {
            return Err(self.conflict(rel, Msg::new("a file of its own", "它自己的檔案")));
        }
        if manifest::under(made, rel) {
            return Err(self.conflict(rel, Msg::new("a folder", "一個資料夾")));
        }
        if !(self.kept.iter()).any(|k| k.ends_with('/') && rel.starts_with(&**k)) {
            self.kept.push(rel.to_string());
        }
        let Some(stage) = self.stage else {
            return Ok(());
        };
        if !dir.is_empty() {
            (stage.create_dir_all(dir)).map_err(|e| Error::io(&self.target.join(dir), e))?;
        }
        self.live.hard_link(rel, stage, rel).map_err(|e| {
            let p = self.target.join(rel);
            let p = p.display();
            Error::Publish(crate::msg!(
                "{p} (not made by gongkai) cannot be kept in the new site: {e}; move it out of the output, then build again",
                "{p}（不是 gongkai 建立的）無法保留在新網站中：{e}；請把它移出輸出資料夾，再重新建置"
            ))
        })
    }
}

/// The warning naming the files kept: `kept 3 files gongkai did not make: .git/, …`.
fn kept_warning(kept: &[String]) -> Msg {
    const SHOWN: usize = 8;
    let names = kept[..kept.len().min(SHOWN)].join(", ");
    let (n, more) = (kept.len(), kept.len().saturating_sub(SHOWN));
    let files = if n == 1 { "file" } else { "files" };
    match more {
        0 => crate::msg!(
            "kept {n} {files} gongkai did not make: {names}",
            "保留了 {n} 個不是 gongkai 建立的檔案：{names}"
        ),
        _ => crate::msg!(
            "kept {n} {files} gongkai did not make: {names} and {more} more",
            "保留了 {n} 個不是 gongkai 建立的檔案：{names} 等（另有 {more} 個）"
        ),
    }
}

/// Rejects paths that could leave the output folder.
fn checked(rel: &str) -> Result<&str> {
    if manifest::is_relative(rel) {
        Ok(rel)
    } else {
        Err(Error::Usage(crate::msg!(
            "refusing to write outside the output folder: {rel:?}",
            "拒絕寫到輸出資料夾之外：{rel:?}"
        )))
    }
}
