//! The staff commands that write content: `import`, `new plan` and `new year`. (`build`, `check` and `serve`
//! are in [`crate::build`] and [`crate::serve`].)

pub mod import;
pub mod new;
pub mod new_year;
pub mod search;

use crate::content::schema::AgenciesFile;
use crate::content::yaml;
use crate::error::{Error, Result};
use std::path::Path;

/// Reads `root/content/agencies.yaml`, which both commands need to recognise agencies.
fn agencies(root: &Path) -> Result<AgenciesFile> {
    let rel = Path::new("content/agencies.yaml");
    let text = crate::content::read_text(root, rel).map_err(|d| Error::Invalid(vec![d]))?;
    yaml::parse(rel, &text).map_err(|d| Error::Invalid(vec![d]))
}
