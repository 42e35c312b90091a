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
            if let Some(filled) = fill(&s, name, value) {
                s = filled;
            }
        }
        s
    }

    /// The string for `key` with a count `n`: `{key}_one` when `n` is 1 and the theme has it
    /// ("1 plan", "1 time"), else `key`; `{n}` and `args` filled in.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let one = (n == 1)
            .then(|| format!("{key}_one"))
            .filter(|one| self.0.contains_key(one));
        let key = one.as_deref().unwrap_or(key);
        let mut n_text = itoa::Buffer::new();
        let mut all = vec![("n", n_text.format(n))];
        all.extend_from_slice(args);
        self.fmt(key, &all)
    }
}

/// `text` with every `{name}` replaced by `value` (as `str::replace` would), or `None` when it
/// holds none: most strings have no placeholder for most arguments, and are then neither
/// searched for a made pattern nor copied.
fn fill(text: &str, name: &str, value: &str) -> Option<String> {
    // `i` is a `{`, one byte, so `i + 1` starts a character, and so does the end of `name`
    let at =
        |i: usize| text[i + 1..].starts_with(name) && text[i + 1 + name.len()..].starts_with('}');
    let next = |from: usize| {
        (text[from..].match_indices('{'))
            .map(|(i, _)| from + i)
            .find(|&i| at(i))
    };
    let mut i = next(0)?;
    let mut out = String::with_capacity(text.len() + value.len());
    let mut done = 0;
    loop {
        out.push_str(&text[done..i]);
        out.push_str(value);
        done = i + name.len() + 2;
        match next(done) {
            Some(j) => i = j,
            None => break,
        }
    }
    out.push_str(&text[done..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_as_replacing_one_after_the_other_would() {
        let cases = [
            ("{n} plans", "n", "3"),
            ("{n}{n} {n}", "n", "ab"),
            ("no placeholder", "n", "x"),
            ("{year}度{title}", "title", "{year}"),
            ("{", "n", "x"),
            ("{n", "n", "x"),
            ("{nn} {n}", "n", "1"),
            ("{{n}}", "n", "1"),
            ("第{n}季", "n", "２"),
            ("{}", "", "empty name"),
        ];
        for (text, name, value) in cases {
            let replaced = text.replace(&format!("{{{name}}}"), value);
            let filled = fill(text, name, value);
            assert_eq!(filled.as_deref().unwrap_or(text), replaced, "{text}");
            assert_eq!(
                filled.is_some(),
                replaced != text || text.contains(&format!("{{{name}}}"))
            );
        }
        // each argument fills the string the one before it left, as before
        let s = Strings(
            [("t".to_string(), "{a} {b}".to_string())]
                .into_iter()
                .collect(),
        );
        assert_eq!(s.fmt("t", &[("a", "{b}"), ("b", "B")]), "B B");
    }

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
