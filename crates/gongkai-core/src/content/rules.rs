//! The rules a value must follow that the record's shape ([`schema`](super::schema)) also
//! gives editors, as JSON Schema patterns and ranges: slugs, language tags and prefixes, dates,
//! web addresses, the feedback setting, an image's address, ROC years. `check` applies them
//! (its own checks say more, such as whether a date's day exists).

/// True for a slug that is safe as one URL path segment and file name: `[a-z0-9]` words
/// joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// [`is_slug`] as a JSON Schema pattern (its length is a `maxLength` of 80), for editors.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// A URL prefix of a language: empty or a slug (a JSON Schema pattern, for editors).
pub const PREFIX_PATTERN: &str = "^([a-z0-9]+(-[a-z0-9]+)*)?$";

/// A language tag as `check` accepts one for `site.yaml` (a JSON Schema pattern, for editors).
pub const LANG_TAG_PATTERN: &str = "^[A-Za-z0-9-]+$";

/// A date's shape as `check` accepts it, `YYYY-MM-DD` (a JSON Schema pattern, for
/// editors; whether the day exists is left to `check`).
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// An absolute http(s) URL without spaces, as `check` accepts one (a JSON Schema
/// pattern, for editors).
pub const WEB_URL_PATTERN: &str = "^https?://\\S*$";

/// The `feedback` setting's shape as `check` accepts it: an
/// e-mail address, `mailto:` before it or not, or an absolute http(s) URL (a JSON Schema
/// pattern, for editors).
pub const FEEDBACK_PATTERN: &str =
    "^\\s*((mailto:)?[A-Za-z0-9+._-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|https?://\\S+)\\s*$";

/// An image's address as `check` accepts one: an absolute http(s) URL, or a path from the
/// site's root that does not start with `//` (a JSON Schema pattern, for editors).
pub const IMAGE_SRC_PATTERN: &str = "^(https?://\\S*|/([^/][\\s\\S]*)?)$";

/// The ROC years a record may have.
pub const ROC_YEARS: std::ops::RangeInclusive<u32> = 1..=999;

/// True for a ROC year a record may have ([`ROC_YEARS`]).
pub fn is_roc_year(year: u32) -> bool {
    ROC_YEARS.contains(&year)
}
