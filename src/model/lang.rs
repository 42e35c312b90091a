//! The two languages of a site.

use crate::content::schema::{SiteFile, Text};
use serde::Serialize;

/// A language the site is published in. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Traditional Chinese (Taiwan).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, the default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// This language's version of a text.
    pub fn pick(self, t: &Text) -> &str {
        match self {
            Lang::Zh => &t.zh,
            Lang::En => &t.en,
        }
    }

    /// The BCP 47 tag for `lang` attributes, from the site settings.
    pub fn tag(self, site: &SiteFile) -> &str {
        match self {
            Lang::Zh => &site.languages.zh.tag,
            Lang::En => &site.languages.en.tag,
        }
    }

    /// URL prefix: empty for the root, else `/en`.
    pub fn prefix(self, site: &SiteFile) -> String {
        let p = match self {
            Lang::Zh => &site.languages.zh.prefix,
            Lang::En => &site.languages.en.prefix,
        };
        if p.is_empty() {
            String::new()
        } else {
            format!("/{p}")
        }
    }

    /// A ROC year as readers of this language write it: `111 年`, `2022 (ROC 111)`.
    pub fn year_label(self, roc: u32) -> String {
        match self {
            Lang::Zh => format!("{roc} 年"),
            Lang::En => format!("{} (ROC {roc})", roc + 1911),
        }
    }
}
