//! A first, linear pass over a YAML file's events, before serde_yaml deserializes it, that
//! refuses what records never need and what makes parsing slow or messages wrong:
//!
//! - nesting deeper than [`MAX_DEPTH`] (libyaml's simple-key bookkeeping is quadratic in it;
//!   this pass stops at the limit, so a deep file costs no more than a shallow one);
//! - anchors and aliases (`&a`, `*a`): an alias repeats a text without its bytes counting
//!   towards the size limit;
//! - tags (`!!binary`, `!foo`): serde_yaml would silently ignore most of them;
//! - a key given twice in one mapping, with the duplicate's own line;
//! - control characters in any value or key (a tab and a newline excepted), with the line.
//!
//! Each problem is a [`Diagnostic`] with line and field path.

use crate::error::Diagnostic;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashSet;
use std::path::Path;

/// Deepest nesting of mappings and sequences accepted; a plan record nests 4 deep.
pub const MAX_DEPTH: usize = 16;

/// A character no text field may hold: C0 and C1 controls other than tab and newline, DEL, and
/// the noncharacters XML forbids.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Could [`check`] find anything in `text`? False only when a linear byte scan shows none of
/// what it refuses can be there: no `&`, `*` or `!` where a node starts, no escape (`\`), no
/// control character, no indentation deeper than [`MAX_DEPTH`], no `- -` on one line, flow
/// brackets at most [`MAX_DEPTH`] / 2 deep. Duplicate keys are left to serde_yaml, which
/// refuses them too ([`check`] then places them).
pub fn needs_check(text: &str) -> bool {
    let mut flow = 0usize;
    for line in text.split('\n') {
        let body = line.trim_start_matches(' ');
        if line.len() - body.len() > MAX_DEPTH || body.starts_with("- -") || body.starts_with('?') {
            return true;
        }
        let b = body.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if !MATTERS[c as usize] {
                continue;
            }
            match c {
                // a node's properties come first in it: after a line's indentation, `: `,
                // `- `, `? `, `[`, `{` or `,`
                b'&' | b'*' | b'!' | b'%' => {
                    let prev = b[..i].iter().rev().find(|&&p| p != b' ' && p != b'\t');
                    if prev.is_none_or(|p| b":-?[{,".contains(p)) {
                        return true;
                    }
                }
                // an escape that can give a control character (`\x01`, `\e`, `\N`, …); only
                // double-quoted scalars have escapes, so elsewhere this is merely cautious
                b'\\' if b.get(i + 1).is_some_and(|n| b"0abefrvxuUN".contains(n)) => return true,
                0x7F => return true,
                c if c < 0x20 && c != b'\t' && c != b'\r' => return true,
                // U+0080–U+009F (C2 80–9F) and U+FFFE, U+FFFF (EF BF BE/BF)
                0xC2 if b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)) => return true,
                0xEF if b.get(i + 1) == Some(&0xBF)
                    && b.get(i + 2).is_some_and(|n| *n == 0xBE || *n == 0xBF) =>
                {
                    return true
                }
                b'[' | b'{' => {
                    flow += 1;
                    if flow > MAX_DEPTH / 2 {
                        return true;
                    }
                }
                b']' | b'}' => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
    }
    false
}

/// The bytes [`needs_check`] looks at; the others (most of a record: letters and the bytes
/// of Chinese characters) are passed over with one lookup.
const MATTERS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = c != b'\t' as usize && c != b'\r' as usize;
        c += 1;
    }
    let named = *b"&*!%\\[{]}\x7F\xC2\xEF";
    let mut i = 0;
    while i < named.len() {
        t[named[i] as usize] = true;
        i += 1;
    }
    t
};

enum Frame {
    Map {
        key: Option<String>,
        expect_key: bool,
        keys: HashSet<String>,
    },
    Seq {
        next: usize,
    },
}

/// Checks `text` (from `file`); the first problem found stops the pass.
pub fn check(file: &Path, text: &str) -> Result<(), Diagnostic> {
    let mut stack: Vec<Frame> = Vec::new();
    for ev in Parser::new_from_str(text) {
        let (ev, span) = match ev {
            Ok(x) => x,
            // the scanner's own bound on flow nesting (`[[[…`)
            Err(e) if e.info().contains("recursion limit") => {
                return Err(problem(file, e.marker().line(), &stack, too_deep()))
            }
            // other syntax errors are left to serde_yaml, whose messages the rest of the code
            // knows; nothing read so far was too deep or too costly
            Err(_) => return Ok(()),
        };
        if let Err((line, message)) = step(&mut stack, ev, &span) {
            return Err(problem(file, line, &stack, message));
        }
    }
    Ok(())
}

/// A problem at `line`, in the value `stack` was reading.
fn problem(file: &Path, line: usize, stack: &[Frame], message: String) -> Diagnostic {
    let field = path(stack);
    let d = Diagnostic::new(file, message).at(Some(line));
    if field.is_empty() {
        d
    } else {
        d.field(field)
    }
}

fn too_deep() -> String {
    format!("nested more than {MAX_DEPTH} levels deep")
}

/// One event: its properties, then what it does to the stack. A problem is its line and
/// message.
fn step(stack: &mut Vec<Frame>, ev: Event, span: &Span) -> Result<(), (usize, String)> {
    let line = span.start.line();
    properties(&ev).map_err(|m| (line, m.to_string()))?;
    match ev {
        Event::Scalar(value, style, _, _) => scalar(stack, &value, style, line),
        Event::SequenceStart(..) | Event::MappingStart(..) => {
            if stack.len() >= MAX_DEPTH {
                return Err((line, too_deep()));
            }
            if matches!(
                stack.last(),
                Some(Frame::Map {
                    expect_key: true,
                    ..
                })
            ) {
                return Err((line, "a list or mapping cannot be a key".into()));
            }
            stack.push(if matches!(ev, Event::MappingStart(..)) {
                Frame::Map {
                    key: None,
                    expect_key: true,
                    keys: HashSet::new(),
                }
            } else {
                Frame::Seq { next: 0 }
            });
            Ok(())
        }
        Event::SequenceEnd | Event::MappingEnd => {
            stack.pop();
            value_done(stack);
            Ok(())
        }
        Event::DocumentEnd => {
            stack.clear();
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Anchors, aliases and tags are refused wherever they are.
fn properties(ev: &Event) -> Result<(), &'static str> {
    let (anchor, tag) = match ev {
        Event::Scalar(_, _, a, t) => (*a, t.is_some()),
        Event::SequenceStart(a, t) | Event::MappingStart(a, t) => (*a, t.is_some()),
        Event::Alias(_) => {
            return Err("YAML aliases (`*name`) are not allowed: write the text out");
        }
        _ => (0, false),
    };
    if anchor != 0 {
        return Err("YAML anchors (`&name`) are not allowed: write the text out");
    }
    if tag {
        return Err("YAML tags (`!!binary`, `!name`, …) are not allowed: write a plain value");
    }
    Ok(())
}

/// A scalar: no control character in it; as a key, not one the mapping already has.
fn scalar(
    stack: &mut [Frame],
    value: &str,
    style: ScalarStyle,
    line: usize,
) -> Result<(), (usize, String)> {
    if let Some((i, c)) = value.char_indices().find(|&(_, c)| is_forbidden_char(c)) {
        // a literal block's lines are the file's, after its `|` line
        let line = match style {
            ScalarStyle::Literal => line + value[..i].matches('\n').count(),
            _ => line,
        };
        let message = format!(
            "control character U+{:04X} is not allowed in text",
            c as u32
        );
        return Err((line, message));
    }
    if let Some(Frame::Map {
        key,
        expect_key: expect_key @ true,
        keys,
    }) = stack.last_mut()
    {
        let first = keys.insert(value.to_string());
        *key = Some(value.to_string());
        *expect_key = false;
        return match first {
            true => Ok(()),
            false => Err((line, "this key is given twice".into())),
        };
    }
    value_done(stack);
    Ok(())
}

/// A value of the innermost collection is complete: a mapping waits for its next key, a
/// sequence counts its next item.
fn value_done(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { expect_key, .. }) => *expect_key = true,
        Some(Frame::Seq { next }) => *next += 1,
        None => {}
    }
}

/// The dotted field path of the value being read (`facts.lags[1].percent`).
fn path(stack: &[Frame]) -> String {
    let mut out = String::new();
    for f in stack {
        match f {
            Frame::Map {
                key: Some(k),
                expect_key: false,
                ..
            } => {
                if !out.is_empty() {
                    out.push('.');
                }
                // a key is shown only when it is a plain name, never arbitrary bytes of the file
                if k.len() <= 40
                    && k.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                {
                    out.push_str(k);
                } else {
                    out.push('?');
                }
            }
            Frame::Map { .. } => {}
            Frame::Seq { next } => out.push_str(&format!("[{next}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Diagnostic {
        check(Path::new("f.yaml"), text).unwrap_err()
    }

    #[test]
    fn the_byte_scan_lets_through_only_what_check_accepts() {
        let plain = "id: a\nname:\n  zh: 甲**乙**\n  en: A & B\nb: [1, 2]\nc: |\n  1\\. a\\*\n";
        assert!(!needs_check(plain));
        for risky in [
            "a: &x 1",
            "a: *x",
            "a: !!binary x",
            "a: \"\\x01\"",
            "a: \"\\e\"",
            "a: \"\\N\"",
            "a: \"\\0\"",
            "a: \u{7f}",
            "a: \u{85}",
            "a: \u{fffe}",
            "a: \u{1}",
            "a: [[[[[[[[[",
            "- - - x",
            "? a\n: b",
            "a:\n                   b: 1",
        ] {
            assert!(needs_check(risky), "{risky:?}");
        }
    }

    #[test]
    fn accepts_a_plain_record_shape() {
        let ok = "id: a\nname:\n  zh: 甲\n  en: \"A\\tb\"\nfacts:\n  lags:\n    - quarter: 1\n      percent: 2\n  b: [1, 2]\ntext: |\n  x\n\n  y\n";
        check(Path::new("f.yaml"), ok).unwrap();
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let d = err(&("a: ".to_string() + &"[".repeat(1_000_000)));
        assert!(d.message.contains("nested more than"), "{d}");
        assert_eq!(d.line, Some(1));
        let block: String = (0..40)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let d = err(&(block + &" ".repeat(40) + "x: 1\n"));
        assert!(d.message.contains("nested more than"), "{d}");
        assert_eq!(d.line, Some(MAX_DEPTH + 1));
    }

    #[test]
    fn anchors_aliases_and_tags_are_refused() {
        let d = err("a:\n  zh: &t long\n  en: x\nb: *t\n");
        assert!(d.message.contains("anchors"), "{d}");
        assert_eq!((d.line, d.field.as_deref()), (Some(2), Some("a.zh")));
        let d = err("a: !!binary aGVsbG8=\n");
        assert!(d.message.contains("tags"), "{d}");
        assert_eq!(d.field.as_deref(), Some("a"));
        assert!(err("a: !x 1\n").message.contains("tags"));
        assert!(err("a: !!str 1\n").message.contains("tags"));
    }

    #[test]
    fn duplicate_keys_name_the_second_line() {
        let d = err("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n");
        assert!(d.message.contains("twice"), "{d}");
        assert_eq!((d.line, d.field.as_deref()), (Some(5), Some("b.c")));
    }

    #[test]
    fn control_characters_have_line_and_field() {
        let d = err("id: x\nname:\n  zh: \"a\\x01b\"\n  en: b\n");
        assert_eq!(
            (d.line, d.field.as_deref()),
            (Some(3), Some("name.zh")),
            "{d}"
        );
        assert!(d.message.contains("U+0001"), "{d}");
        let d = err("id: x\nreview:\n  zh: |\n    one\n\n    two\u{7f}\n");
        assert_eq!(
            (d.line, d.field.as_deref()),
            (Some(6), Some("review.zh")),
            "{d}"
        );
        let d = err("list:\n  - \"\\e\"\n");
        assert_eq!(
            (d.line, d.field.as_deref()),
            (Some(2), Some("list[0]")),
            "{d}"
        );
        let d = err("\"k\\x02\": 1\n");
        assert_eq!(d.line, Some(1), "{d}");
    }
}
