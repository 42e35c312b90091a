//! Interface strings of one language, from the theme's `i18n.yaml`.

use crate::content::schema::Text;
use crate::model::Lang;
use std::collections::BTreeMap;

/// Interface strings for one language.
#[derive(Debug, Clone, Default)]
pub struct Strings(pub BTreeMap<String, String>);

impl Strings {
    /// Picks `lang`'s side of every entry.
    pub fn new(all: &BTreeMap<String, Text>, lang: Lang) -> Self {
        Strings(
            all.iter()
                .map(|(k, t)| (k.clone(), lang.pick(t).to_string()))
                .collect(),
        )
    }

    /// The string for `key`; a missing key shows as itself so a theme gap is visible, not fatal.
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The string for `key` with `{name}` placeholders filled in.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.get(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }
}
