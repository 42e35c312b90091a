//! The one place YAML is parsed, so the parser can change without touching the model.

use crate::error::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Largest record accepted, so a hostile file cannot exhaust memory.
const MAX_BYTES: usize = 4 * 1024 * 1024;

/// Parses `text` (the contents of `file`) into `T`, turning any syntax or schema error into a
/// [`Diagnostic`] with its line and, when the parser names one, the field.
pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    if text.len() > MAX_BYTES {
        return Err(Diagnostic::new(
            file,
            format!("file is larger than {MAX_BYTES} bytes"),
        ));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line());
        let (field, message) = split_message(&e.to_string());
        let mut d = Diagnostic::new(file, message).at(line);
        d.field = field;
        d
    })
}

/// serde_yaml words its errors as `path.to.field: message at line L column C`; this takes the
/// path out as the field, names the missing or unknown key as part of it, and drops the position
/// (reported separately).
fn split_message(raw: &str) -> (Option<String>, String) {
    let msg = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    let (path, rest) = match msg.split_once(": ") {
        Some((p, r)) if !p.contains(' ') && !p.is_empty() => (Some(p.to_string()), r.to_string()),
        _ => (None, msg.to_string()),
    };
    // `missing field `en`` / `unknown field `foo`, expected …` name the key itself.
    let key = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|pre| {
            rest.strip_prefix(pre)
                .and_then(|r| r.split('`').next())
                .map(str::to_string)
        });
    let field = match (path, key) {
        (Some(p), Some(k)) => Some(format!("{p}.{k}")),
        (None, Some(k)) => Some(k),
        (p, None) => p,
    };
    (field, rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        a: u32,
    }
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        x: Inner,
    }

    #[test]
    fn unknown_field_is_named_with_its_path_and_line() {
        let e = parse::<Outer>(Path::new("f.yaml"), "x:\n  a: 1\n  b: 2\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("x.b"));
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn missing_field_is_named() {
        let e = parse::<Outer>(Path::new("f.yaml"), "x:\n  {}\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("x.a"));
        assert!(e.message.contains("missing field"));
    }

    #[test]
    fn syntax_error_has_a_line() {
        let e = parse::<Outer>(Path::new("f.yaml"), "x:\n  a: [1\n  b: 2\n").unwrap_err();
        assert!(e.line.is_some());
    }
}
