//! Static assets with content fingerprints in their names (`css/site.css` →
//! `/static/css/site.3f2a9c1b.css`), so hosts can cache them forever.

use std::collections::BTreeMap;

/// A fingerprinted asset.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Output path relative to the site root.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Fingerprints `files` (path relative to the theme's `static/` → bytes). Returns the assets
/// and the map from original path to URL that templates use.
pub fn fingerprint<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> (Vec<Asset>, BTreeMap<String, String>) {
    let mut assets = Vec::new();
    let mut urls = BTreeMap::new();
    for (rel, bytes) in files {
        let path = format!("static/{}", hashed_name(rel, bytes));
        urls.insert(rel.to_string(), format!("/{path}"));
        assets.push(Asset {
            path,
            bytes: bytes.to_vec(),
        });
    }
    (assets, urls)
}

/// `dir/name.ext` → `dir/name.<8 hex>.ext`.
pub fn hashed_name(rel: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..8];
    match rel.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') && !stem.is_empty() => {
            format!("{stem}.{short}.{ext}")
        }
        _ => format!("{rel}.{short}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_with_content() {
        let a = hashed_name("css/site.css", b"a");
        let b = hashed_name("css/site.css", b"b");
        assert!(a.starts_with("css/site.") && a.ends_with(".css"));
        assert_ne!(a, b);
    }
}
