//! A first, linear pass over a YAML file's events, before serde_yaml deserializes it, that
//! refuses what records never need and what makes parsing slow, costly or messages wrong. It
//! runs on every file: what it bounds is counted from the parser's events, so no spelling of a
//! list or mapping (block, flow, `- - -` with any spacing) gets past it.
//!
//! - nesting deeper than [`MAX_DEPTH`] (libyaml's simple-key bookkeeping is quadratic in it,
//!   and serde_yaml holds every event of a file before reading it: a 4 MB file of `-  -  -`
//!   cost it 860 MB; this pass stops at the limit, so a deep file costs no more than a
//!   shallow one);
//! - more than [`MAX_VALUES`] values in one file (a flat list of 2 million items cost
//!   serde_yaml 370 MB);
//! - anchors and aliases (`&a`, `*a`): an alias repeats a text without its bytes counting
//!   towards the size limit;
//! - tags (`!!binary`, `!foo`): serde_yaml would silently ignore most of them;
//! - a key given twice in one mapping, with the duplicate's own line;
//! - control characters anywhere (a tab, a newline and a carriage return excepted), with the
//!   line and column.
//!
//! Each problem is a [`Diagnostic`] with line and field path. A file this pass cannot read
//! (a syntax error) is handed back with the line and byte where reading stopped
//! ([`Scan::Unreadable`]), so that serde_yaml is given only what was checked.

use crate::error::{Diagnostic, Msg};
use crate::msg;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

/// Deepest nesting of mappings and sequences accepted; a plan record nests 4 deep.
pub const MAX_DEPTH: usize = 16;

/// Most values (texts, numbers, lists and mappings) one file may hold: a plan record holds
/// about 60, the agencies of a large ministry a few thousand.
pub const MAX_VALUES: usize = 100_000;

/// A character no text field may hold: C0 and C1 controls other than tab and newline, DEL, and
/// the noncharacters XML forbids.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Where the first forbidden character written as itself (not as an escape) is in `text`: its
/// byte offset, 1-based line and column (in characters), and the character. A carriage return
/// is a line end here, not a forbidden character.
fn first_raw_forbidden(text: &str) -> Option<Raw> {
    let b = text.as_bytes();
    let at = b.iter().enumerate().position(|(i, &c)| match c {
        0x7F => true,
        c if c < 0x20 => c != b'\t' && c != b'\n' && c != b'\r',
        // U+0080–U+009F (C2 80–9F) and U+FFFE, U+FFFF (EF BF BE/BF)
        0xC2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        0xEF => b.get(i + 1) == Some(&0xBF) && b.get(i + 2).is_some_and(|n| *n >= 0xBE),
        _ => false,
    })?;
    let c = text[at..].chars().next()?;
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some(Raw {
        chars: before.chars().count(),
        line: 1 + before.matches('\n').count(),
        column: 1 + before[line_start..].chars().count(),
        c,
    })
}

/// A forbidden character written as itself.
struct Raw {
    /// Characters before it (saphyr's markers count characters).
    chars: usize,
    line: usize,
    column: usize,
    c: char,
}

fn control_message(c: char) -> Msg {
    let code = c as u32;
    msg!(
        "control character U+{code:04X} is not allowed in text: delete it (it is invisible; it often comes with text pasted from another program)",
        "文字中不可有控制字元 U+{code:04X}：請刪除它（它看不見，常隨著從其他程式貼上的文字帶進來）"
    )
}

/// [`control_message`] with where the character is on its line.
fn control_at(c: char, column: usize) -> Msg {
    let m = control_message(c);
    let (en, zh) = (m.en, m.zh);
    msg!("{en}, at column {column}", "{zh}，位於第 {column} 個字元")
}

/// What [`scan`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Scan {
    /// Every event read; nothing refused.
    Fine,
    /// A syntax error stopped the pass at `line`, at byte `byte` of the text: what comes
    /// after it was not checked. `message` is the parser's.
    Unreadable {
        /// 1-based line.
        line: usize,
        /// Byte offset in the text where reading stopped.
        byte: usize,
        /// What the parser said.
        message: String,
    },
}

enum Frame<'a> {
    Map {
        key: Option<Cow<'a, str>>,
        expect_key: bool,
        keys: HashSet<Cow<'a, str>>,
    },
    Seq {
        next: usize,
    },
}

/// Checks `text` (from `file`); the first problem found stops the pass. A syntax error is not
/// a problem here (serde_yaml reports it): see [`scan`].
pub fn check(file: &Path, text: &str) -> Result<(), Diagnostic> {
    scan(file, text).map(|_| ())
}

/// Checks `text` (from `file`) event by event; the first problem found stops the pass.
pub fn scan(file: &Path, text: &str) -> Result<Scan, Diagnostic> {
    let raw = first_raw_forbidden(text);
    let mut pass = Pass {
        stack: Vec::new(),
        values: 0,
        raw: raw.as_ref(),
    };
    let mut found = Scan::Fine;
    let mut stopped_at = None;
    for ev in Parser::new_from_str(text) {
        let (ev, span) = match ev {
            Ok(x) => x,
            // the scanner's own bound on flow nesting (`[[[…`)
            Err(e) if e.info().contains("recursion limit") => {
                return Err(problem(file, e.marker().line(), &pass.stack, too_deep()))
            }
            Err(e) => {
                let at = e.marker().index();
                stopped_at = Some(e.marker().line());
                found = Scan::Unreadable {
                    line: e.marker().line(),
                    byte: text.char_indices().nth(at).map_or(text.len(), |(b, _)| b),
                    message: e.info().to_string(),
                };
                break;
            }
        };
        if let Err((line, message)) = pass.step(ev, &span) {
            return Err(problem(file, line, &pass.stack, message));
        }
    }
    // a control character outside any text read (in a comment, or where parsing stopped)
    if let Some(r) = &raw {
        let message = control_at(r.c, r.column);
        // where the character stopped the parser, the value it was reading is the field
        return Err(match stopped_at == Some(r.line) {
            true => problem(file, r.line, &pass.stack, message),
            false => Diagnostic::new(file, message).at(Some(r.line)),
        });
    }
    Ok(found)
}

/// The pass's state: the collections open, the values read.
struct Pass<'a, 'r> {
    stack: Vec<Frame<'a>>,
    values: usize,
    raw: Option<&'r Raw>,
}

/// A problem at `line`, in the value `stack` was reading.
fn problem(file: &Path, line: usize, stack: &[Frame<'_>], message: Msg) -> Diagnostic {
    let field = path(stack);
    let d = Diagnostic::new(file, message).at(Some(line));
    if field.is_empty() {
        d
    } else {
        d.field(field)
    }
}

fn too_deep() -> Msg {
    msg!(
        "nested more than {MAX_DEPTH} levels deep",
        "巢狀層數超過 {MAX_DEPTH} 層"
    )
}

impl<'a> Pass<'a, '_> {
    /// One event: its properties, then what it does to the stack. A problem is its line and
    /// message.
    fn step(&mut self, ev: Event<'a>, span: &Span) -> Result<(), (usize, Msg)> {
        let line = span.start.line();
        properties(&ev).map_err(|m| (line, m))?;
        if matches!(
            ev,
            Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..)
        ) {
            self.values += 1;
            if self.values > MAX_VALUES {
                return Err((
                    line,
                    msg!(
                        "the file holds more than {MAX_VALUES} values (texts, numbers, lists and mappings), more than any content file needs",
                        "檔案中的值（文字、數字、清單與對應）超過 {MAX_VALUES} 個，遠多於任何內容檔所需"
                    ),
                ));
            }
        }
        let stack = &mut self.stack;
        match ev {
            Event::Scalar(value, style, _, _) => self.scalar(value, style, span),
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
                    return Err((
                        line,
                        Msg::new(
                            "a list or mapping cannot be a field name",
                            "清單或對應不能當作欄位名稱",
                        ),
                    ));
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

    /// A scalar: no control character in it; as a key, not one the mapping already has.
    fn scalar(
        &mut self,
        value: Cow<'a, str>,
        style: ScalarStyle,
        span: &Span,
    ) -> Result<(), (usize, Msg)> {
        let line = span.start.line();
        if let Some((i, c)) = value.char_indices().find(|&(_, c)| is_forbidden_char(c)) {
            // the character as written, when it is in this scalar: its own line and column
            if let Some(r) = self
                .raw
                .filter(|r| (span.start.index()..span.end.index()).contains(&r.chars))
            {
                return Err((r.line, control_at(r.c, r.column)));
            }
            // a literal block's lines are the file's, after its `|` line
            let line = match style {
                ScalarStyle::Literal => line + value[..i].matches('\n').count(),
                _ => line,
            };
            return Err((line, control_message(c)));
        }
        if let Some(Frame::Map {
            key,
            expect_key: expect_key @ true,
            keys,
        }) = self.stack.last_mut()
        {
            let first = keys.insert(value.clone());
            *key = Some(value);
            *expect_key = false;
            return match first {
                true => Ok(()),
                false => Err((
                    line,
                    Msg::new(
                        "this field is given twice in the same place: keep one and delete the other",
                        "同一處的這個欄位出現兩次：請保留一個，刪除另一個",
                    ),
                )),
            };
        }
        value_done(&mut self.stack);
        Ok(())
    }
}

/// Anchors, aliases and tags are refused wherever they are.
fn properties(ev: &Event) -> Result<(), Msg> {
    let (anchor, tag) = match ev {
        Event::Scalar(_, _, a, t) => (*a, t.is_some()),
        Event::SequenceStart(a, t) | Event::MappingStart(a, t) => (*a, t.is_some()),
        Event::Alias(_) => {
            return Err(Msg::new(
                "YAML aliases (`*name`) are not allowed: write the text out",
                "不可使用 YAML 別名（`*name`）：請把文字完整寫出",
            ));
        }
        _ => (0, false),
    };
    if anchor != 0 {
        return Err(Msg::new(
            "YAML anchors (`&name`) are not allowed: write the text out",
            "不可使用 YAML 錨點（`&name`）：請把文字完整寫出",
        ));
    }
    if tag {
        return Err(Msg::new(
            "YAML tags (`!!binary`, `!name`, …) are not allowed: write a plain value",
            "不可使用 YAML 標記（`!!binary`、`!name` 等）：請直接寫出值",
        ));
    }
    Ok(())
}

/// A value of the innermost collection is complete: a mapping waits for its next key, a
/// sequence counts its next item.
fn value_done(stack: &mut [Frame<'_>]) {
    match stack.last_mut() {
        Some(Frame::Map { expect_key, .. }) => *expect_key = true,
        Some(Frame::Seq { next }) => *next += 1,
        None => {}
    }
}

/// The dotted field path of the value being read (`facts.lags[1].percent`).
fn path(stack: &[Frame<'_>]) -> String {
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
    fn no_spelling_of_nesting_gets_past() {
        let deep = MAX_DEPTH + 1;
        let flow_maps = format!("a: {}1{}", "{a: ".repeat(deep), "}".repeat(deep));
        let mixed = format!("a: {}1{}", "[{a: ".repeat(deep), "}]".repeat(deep));
        let compact = |gap: &str| format!("{}x\n", format!("-{gap}").repeat(deep + 1));
        let keyed: String = (0..=deep)
            .map(|i| format!("{}- k{i}:\n", "  ".repeat(i)))
            .collect();
        for text in [
            compact(" "),
            compact("  "),
            compact("   "),
            format!("a:\n  {}x\n", "-    ".repeat(deep)),
            flow_maps,
            mixed,
            keyed,
            format!("- {}", "[".repeat(deep + 1)),
        ] {
            let d = check(Path::new("f.yaml"), &text).expect_err(&text);
            assert!(d.message.contains("nested more than"), "{text:?}: {d}");
        }
        // a tab where YAML wants spaces: the parser stops there, and nothing after it is read
        let stop = scan(Path::new("f.yaml"), &compact(" \t")).unwrap();
        assert!(
            matches!(
                stop,
                Scan::Unreadable {
                    line: 1,
                    byte: 3,
                    ..
                }
            ),
            "{stop:?}"
        );
    }

    #[test]
    fn a_flat_file_of_too_many_values_is_refused() {
        let d = err(&format!("a: [{}x]\n", "x,".repeat(MAX_VALUES)));
        assert!(d.message.contains("more than 100000 values"), "{d}");
        check(
            Path::new("f.yaml"),
            &format!("a: [{}x]\n", "x,".repeat(MAX_VALUES - 10)),
        )
        .unwrap();
    }

    #[test]
    fn a_control_character_is_placed_at_its_line_and_column() {
        let d = err("id: x\nname:\n  zh: 甲\u{0}乙\n  en: b\n");
        assert_eq!(d.line, Some(3), "{d}");
        assert!(d.field.as_deref().unwrap().starts_with("name"), "{d}");
        assert!(
            d.message.contains("U+0000") && d.message.contains("column 8"),
            "{d}"
        );
        // in a comment, and where the parser stops
        let d = err("id: x\n# a\u{0}\nb: 1\n");
        assert_eq!(d.line, Some(2), "{d}");
        assert!(d.message.contains("column 4"), "{d}");
        let d = err("id: x\nb: [1,\n\n  \u{0}\n");
        assert_eq!(d.line, Some(4), "{d}");
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
