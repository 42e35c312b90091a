//! The one place YAML is parsed, so the parser can change without touching the model.

use super::{yaml_guard, yaml_hints, yaml_words};
use crate::error::{Diagnostic, Msg};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Largest YAML file accepted, so a hostile file cannot exhaust memory.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// Parses `text` (the contents of `file`) into `T`, turning any syntax or schema error into a
/// [`Diagnostic`] with its line and, when the parser names one, the field. What the file holds
/// is never quoted (it may not be a record at all), except short plain names of keys and
/// values such as an unknown field's.
pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    if text.len() > MAX_BYTES {
        return Err(too_large(file, text.as_bytes()));
    }
    // every file goes through the pre-pass first: it bounds nesting and size by the parser's
    // events, which serde_yaml would hold all at once; serde_yaml is given only what the pass
    // read (a syntax error stops both)
    if let yaml_guard::Scan::Unreadable {
        line,
        byte,
        message,
    } = yaml_guard::scan(file, text)?
    {
        return Err(syntax_error::<T>(file, text, byte, line, &message));
    }
    // without tracking the path, which costs a fifth of parsing: a file that fails is parsed
    // again, tracked, for the message
    if let Ok(value) = T::deserialize(serde_yaml::Deserializer::from_str(text)) {
        return Ok(value);
    }
    tracked(file, text, text)
}

/// `text` parsed with the path tracked, for the message of a file that fails; `whole` is the
/// file (of which `text` may be the first part), where the mistake behind a syntax error is
/// looked for.
fn tracked<T: DeserializeOwned>(file: &Path, text: &str, whole: &str) -> Result<T, Diagnostic> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let e = e.into_inner();
        let raw = redact(&message(&e, &path));
        // a field missing from a file without a last newline is reported on the line after
        // it: the last line there is
        let last = text.lines().count().max(1);
        let line = e.location().map(|l| l.line().min(last));
        let field = field(&path, &raw);
        explained(file, whole, line, &raw).with_field(field)
    })
}

/// The diagnostic for serde's message `raw` at `line`, in plain words: a value of the wrong
/// kind with how it was probably meant ([`yaml_hints::value_hint`]); a syntax error at the
/// line of the mistake that caused it, when it is one staff often make
/// ([`yaml_hints::syntax_hint`]).
fn explained(file: &Path, text: &str, line: Option<usize>, raw: &str) -> Diagnostic {
    let mut message = yaml_words::data_message(raw);
    let wrong_kind = raw.starts_with("invalid type") || raw.starts_with("invalid value");
    let line_text = |l: usize| text.lines().nth(l.saturating_sub(1)).unwrap_or("");
    if let (true, Some(l)) = (wrong_kind, line) {
        if let Some(hint) = yaml_hints::value_hint(line_text(l)) {
            message = message.then(&hint);
        }
    }
    if is_syntax(raw) {
        if let Some((l, hint)) = line.and_then(|l| yaml_hints::syntax_hint(text, l)) {
            return Diagnostic::new(file, hint).at(Some(l));
        }
    }
    Diagnostic::new(file, message).at(line)
}

/// Whether serde's message is a syntax error (the scanner's), not one about a value.
fn is_syntax(raw: &str) -> bool {
    let data = [
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
        "unknown field",
        "missing field",
        "duplicate field",
    ];
    !data.iter().any(|p| raw.starts_with(p))
}

/// The syntax error the pre-pass stopped at (`line`, `pass_message`, at `byte` of `text`), as
/// serde_yaml reports the part of the file the pass read ([`checked_part`]): serde_yaml's first
/// problem there (a value of the wrong type before the error, or the error in its words), or
/// the pass's message where serde_yaml finds none but a field missing from the part.
fn syntax_error<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    byte: usize,
    line: usize,
    pass_message: &str,
) -> Diagnostic {
    match tracked::<T>(file, checked_part(text, byte), text) {
        Err(d) if !d.message.en.starts_with("the field `") => d,
        _ => explained(file, text, Some(line), &redact(pass_message)),
    }
}

/// The part of `text` the pre-pass read, up to the syntax error at byte `stop`: through the
/// end of its line, if that comes within [`AFTER_ERROR`] bytes (serde_yaml sees the same
/// error, and says it as before), else the bytes up to there.
fn checked_part(text: &str, stop: usize) -> &str {
    let stop = stop.min(text.len());
    let limit = (stop + AFTER_ERROR).min(text.len());
    let mut end = match text.as_bytes()[stop..limit]
        .iter()
        .position(|&b| b == b'\n')
    {
        Some(i) => stop + i + 1,
        None => limit,
    };
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// How far past a syntax error serde_yaml reads, to give its own message for it.
const AFTER_ERROR: usize = 4096;

/// Text from bytes read from `file`, or a diagnostic naming the line of the first byte that is
/// not UTF-8.
pub fn utf8(file: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        Diagnostic::new(file, not_utf8(e.as_bytes())).at(Some(line))
    })
}

/// The diagnostic for a file over [`MAX_BYTES`], at the line where the limit falls.
pub fn too_large(file: &Path, bytes: &[u8]) -> Diagnostic {
    let cut = &bytes[..bytes.len().min(MAX_BYTES)];
    let line = 1 + cut.iter().filter(|&&b| b == b'\n').count();
    Diagnostic::new(
        file,
        crate::msg!(
            "the file is larger than {MAX_BYTES} bytes, the most a YAML file may be",
            "檔案超過 {MAX_BYTES} 位元組，這是 YAML 檔的上限"
        ),
    )
    .at(Some(line))
}

/// Why a file that is not UTF-8 cannot be read, and how to save it so: naming the encoding it
/// is probably in (Big5, UTF-16), which editors and Excel offer under that name.
pub fn not_utf8(bytes: &[u8]) -> Msg {
    match crate::text_encoding::guess(bytes) {
        Some(name) => crate::msg!(
            "the file is saved as {name}, not UTF-8: open it in your editor and save it again with the encoding UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
            "檔案的編碼是 {name}，而非 UTF-8：請用編輯器開啟後，以 UTF-8 編碼另存（記事本：另存新檔，編碼選 UTF-8）"
        ),
        None => Msg::new(
            "the file is not UTF-8 text: save it again with the encoding UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
            "檔案不是 UTF-8 文字：請以 UTF-8 編碼另存（記事本：另存新檔，編碼選 UTF-8）",
        ),
    }
}

/// serde's messages quote the offending value (`invalid type: string "…", expected u32`); the
/// value is dropped, and any other quoted text is kept only when it is a short plain name
/// (an unknown field or variant, the expected ones).
fn redact(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(['`', '"']) {
        let q = rest.as_bytes()[i] as char;
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(j) = after.find(q) else {
            out.push('…');
            return out;
        };
        let inner = &after[..j];
        let plain = inner.len() <= 40
            && inner
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b));
        if q == '`' && plain {
            out.push('`');
            out.push_str(inner);
            out.push('`');
        } else {
            // the quoted value of `invalid type: string "…"` and anything not a plain name
            out = out.trim_end().to_string();
        }
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    out
}

/// serde_yaml's message without what is reported apart: the position (`at line L column C`)
/// it ends with, and the field path it starts with (`path`, or for an unknown key the path of
/// its mapping).
fn message(e: &serde_yaml::Error, path: &str) -> String {
    let raw = e.to_string();
    let msg = match (e.location(), raw.rfind(" at line ")) {
        (Some(_), Some(i)) => &raw[..i],
        _ => &raw,
    };
    let msg = match msg.split_once(": ") {
        Some((p, rest)) if path.starts_with(p) => rest,
        _ => msg,
    };
    msg.to_string()
}

/// The field a problem is about: the path serde followed to it (`facts.lags[1]`), and the key
/// itself when the message names a missing one (`missing field `en``) or an unknown one the
/// path does not end with.
fn field(path: &str, message: &str) -> Option<String> {
    // `.` is the document itself; `?` a step serde could not name (a syntax error), left
    // off the end of a path
    let mut path = path;
    while let Some(p) = path.strip_suffix(".?") {
        path = p;
    }
    let path = path
        .split(['.', '['])
        .any(|step| !step.is_empty() && step != "?")
        .then_some(path);
    let key = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|pre| message.strip_prefix(pre)?.split('`').next());
    match (path, key) {
        (Some(p), Some(k)) if p != k && !p.ends_with(&format!(".{k}")) => Some(format!("{p}.{k}")),
        (None, Some(k)) => Some(k.to_string()),
        (Some(p), _) => Some(p.to_string()),
        (None, None) => None,
    }
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
    fn paths_go_through_lists() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct List {
            l: Vec<Outer>,
        }
        let e =
            parse::<List>(Path::new("f.yaml"), "l:\n  - x: {a: 1}\n  - x: {a: z}\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("l[1].x.a"), "{e}");
        assert_eq!(
            e.message.en, "this must be a whole number (3), but it is text",
            "{e}"
        );
        let e = parse::<List>(Path::new("f.yaml"), "l:\n  - x: {a: 1, b: 2}\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("l[0].x.b"), "{e}");
        assert_eq!(
            e.message.en, "unknown field `b`: the fields here are: a",
            "{e}"
        );
    }

    #[test]
    fn missing_field_is_named() {
        let e = parse::<Outer>(Path::new("f.yaml"), "x:\n  {}\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("x.a"));
        assert!(e.message.en.contains("the field `a` is missing"), "{e}");
    }

    #[test]
    fn values_of_the_file_are_never_quoted() {
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n";
        let e = parse::<Outer>(Path::new("f.yaml"), key).unwrap_err();
        assert!(!e.to_string().contains("b3BlbnNzaC1"), "{e}");
        assert!(!e.to_string().contains("BEGIN"), "{e}");
        let e =
            parse::<Outer>(Path::new("f.yaml"), "root:x:0:0:root:/root:/bin/bash\n").unwrap_err();
        assert!(!e.to_string().contains("/bin/bash"), "{e}");
        let e = parse::<Outer>(Path::new("f.yaml"), "x:\n  a: \"secret value\"\n").unwrap_err();
        assert!(!e.to_string().contains("secret"), "{e}");
        assert!(e.message.en.contains("whole number"), "{e}");
    }

    #[test]
    fn invalid_utf8_and_size_have_lines() {
        let d = utf8(Path::new("f.yaml"), b"a: 1\nb: \xff\n".to_vec()).unwrap_err();
        assert_eq!(d.line, Some(2));
        let big = "a: 1\n".repeat(MAX_BYTES / 5 + 10);
        let d = parse::<Outer>(Path::new("f.yaml"), &big).unwrap_err();
        assert_eq!(d.line, Some(MAX_BYTES / 5 + 1));
    }

    #[test]
    fn syntax_error_has_a_line() {
        let e = parse::<Outer>(Path::new("f.yaml"), "x:\n  a: [1\n  b: 2\n").unwrap_err();
        assert!(e.line.is_some());
    }
}
