//! The staff commands that write content: `import`, `new plan` and `new year`, and `schema`,
//! which writes the schemas editors check content with; `search` in the terminal; and the
//! terminal's progress line. (`build`, `check` and `serve` are in [`crate::build`] and
//! [`crate::serve`].)

pub mod import;
pub mod new;
pub mod new_year;
pub mod schema;
pub mod search;

use crate::content::schema::AgenciesFile;
use crate::content::yaml;
use crate::error::{Error, Result};
use std::path::Path;

/// Writes `text` to `path`, a new file (never over one that exists), making its folder.
fn write_new(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| Error::io(path, e))
}

/// Reads `root/content/agencies.yaml`, which both commands need to recognise agencies.
fn agencies(root: &Path) -> Result<AgenciesFile> {
    let rel = Path::new("content/agencies.yaml");
    let text = crate::content::read_text(root, rel).map_err(|d| Error::Invalid(vec![d]))?;
    yaml::parse(rel, &text).map_err(|d| Error::Invalid(vec![d]))
}
