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

    /// The string for `key` with a count `n`: `{key}_one` when `n` is 1 and the theme has it
    /// ("1 plan", "1 time"), else `key`; `{n}` and `args` filled in.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let one = format!("{key}_one");
        let key = if n == 1 && self.0.contains_key(&one) {
            one.as_str()
        } else {
            key
        };
        let n = n.to_string();
        let mut all = vec![("n", n.as_str())];
        all.extend_from_slice(args);
        self.fmt(key, &all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_takes_the_singular() {
        let s = Strings(
            [
                ("plans_n", "{n} plans"),
                ("plans_n_one", "{n} plan"),
                ("x", "{n} x"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        );
        assert_eq!(s.count("plans_n", 1, &[]), "1 plan");
        assert_eq!(s.count("plans_n", 2, &[]), "2 plans");
        assert_eq!(s.count("plans_n", 0, &[]), "0 plans");
        assert_eq!(s.count("x", 1, &[]), "1 x");
    }
}
