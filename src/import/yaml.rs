//! Writing a record as YAML in the layout staff edit (see `content/plans/111/*.yaml`).
//!
//! Scalars are written plain only when that is unambiguous, as literal blocks (`|`) when the
//! text ends in exactly one newline and a block can hold it exactly, and double-quoted with
//! escapes otherwise, so that reading the output gives back exactly the record.

use std::fmt::Write;

use crate::content::names::name_of;
use crate::content::schema::{Facts, PlanFile, Text};
use crate::content::validate::PLACEHOLDER;
use crate::text::cleanup::HEADINGS;

/// Characters libyaml accepts unescaped in a document (its `is_printable`), minus the ones
/// YAML 1.1 treats as line breaks or that editors mangle.
fn printable(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        && !matches!(u, 0xFEFF | 0x2028 | 0x2029)
}

/// Can `s` be written as a plain scalar and read back as the same string?
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().last().unwrap_or(first);
    if first.is_whitespace() || last.is_whitespace() || !s.chars().all(printable) {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`.+~0123456789".contains(first) {
        return false;
    }
    if s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.contains(['[', ']', '{', '}', ','])
    {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "nan" | "inf"
    )
}

/// A double-quoted scalar with every non-printable character escaped.
pub(crate) fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xFF => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if (c as u32) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// A YAML scalar for `s` that reads back as exactly `s`: plain when that is unambiguous,
/// else double-quoted with escapes.
pub fn scalar(s: &str) -> String {
    if plain_ok(s) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// Can `s` be written as a clip-chomped literal block (`|`) and read back unchanged?
fn literal_ok(s: &str) -> bool {
    let Some(body) = s.strip_suffix('\n') else {
        return false;
    };
    if body.is_empty() || body.ends_with('\n') {
        return false;
    }
    body.split('\n').enumerate().all(|(i, line)| {
        let first_char_ok = match line.chars().next() {
            None => i > 0,
            Some(c) => c != ' ' && c != '\t',
        };
        first_char_ok && !line.ends_with([' ', '\t']) && line.chars().all(printable)
    })
}

/// Write `key: value` for a text that may span lines, at `indent` spaces.
fn block_field(out: &mut String, indent: usize, key: &str, value: &str, todo: bool) {
    let pad = " ".repeat(indent);
    if value.is_empty() && todo {
        let _ = writeln!(out, "{pad}{key}: \"\" # {PLACEHOLDER}: translate");
    } else if literal_ok(value) {
        let _ = writeln!(out, "{pad}{key}: |");
        for line in value.strip_suffix('\n').unwrap_or(value).split('\n') {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "{pad}  {line}");
            }
        }
    } else {
        let _ = writeln!(out, "{pad}{key}: {}", scalar(value));
    }
}

fn text_block(out: &mut String, indent: usize, key: &str, text: &Text, comment: Option<&str>) {
    let pad = " ".repeat(indent);
    if let Some(c) = comment {
        let _ = writeln!(out, "{pad}# {c}");
    }
    let _ = writeln!(out, "{pad}{key}:");
    block_field(out, indent + 2, "zh", &text.zh, false);
    block_field(out, indent + 2, "en", &text.en, true);
    if let Some(from) = &text.en_from {
        let _ = writeln!(out, "{pad}  # {OUTDATED}\n{pad}  en_from: {}", scalar(from));
    }
}

/// The comment above an `en_from`.
const OUTDATED: &str = "英文譯自先前的中文；請更新英文後刪除 en_from。 The English was translated from an earlier Chinese text: update it, then delete en_from.";

/// A float as YAML reads it back exactly.
pub(crate) fn float(v: f64) -> String {
    if v.is_nan() {
        ".nan".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            ".inf".into()
        } else {
            "-.inf".into()
        }
    } else {
        format!("{v}")
    }
}

/// The record as YAML, in the layout of `content/plans/<year>/*.yaml`: a comment naming the
/// table and item, comments naming the review sections, literal blocks for review texts, a flow
/// list for `budget_execution`, `source_page` after `item` when known, `en: "" # TODO: translate` where English is missing, a
/// commented `en_from` where the English was translated from an earlier Chinese text, and
/// `draft: true` first when the record is a draft, and the reasons it gives last.
/// `serde_yaml::from_str::<PlanFile>(&to_yaml(r))` gives back `r` exactly.
pub fn to_yaml(r: &PlanFile) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} 年度部會管制個案計畫評核 — 項次 {}",
        r.year, r.item
    );
    if r.draft {
        out.push_str("draft: true\n");
    }
    let _ = writeln!(out, "id: {}", scalar(&r.id));
    let _ = writeln!(out, "year: {}", r.year);
    let _ = writeln!(out, "item: {}", r.item);
    if let Some(page) = r.source_page {
        let _ = writeln!(out, "source_page: {page}");
    }
    let _ = writeln!(out, "agency: {}", scalar(&r.agency));
    text_block(&mut out, 0, "name", &r.name, None);
    out.push_str("review:\n");
    for ((key, text), heading) in r.review.sections().into_iter().zip(HEADINGS) {
        text_block(&mut out, 2, key, text, Some(heading));
    }
    facts(&mut out, &r.facts);
    if !r.facts_checked_by_hand.is_empty() {
        let names: Vec<&str> = r.facts_checked_by_hand.iter().map(name_of).collect();
        let _ = writeln!(out, "facts_checked_by_hand: [{}]", names.join(", "));
    }
    reasons(&mut out, r);
    out
}

/// The `reasons:` mapping, when the record gives any: each flag's words, the English only
/// when given.
fn reasons(out: &mut String, r: &PlanFile) {
    if r.reasons.is_empty() {
        return;
    }
    out.push_str("reasons:\n");
    for (flag, t) in &r.reasons {
        let _ = writeln!(out, "  {}:", name_of(flag));
        block_field(out, 4, "zh", &t.zh, false);
        if !t.en.is_empty() {
            block_field(out, 4, "en", &t.en, false);
        }
        if let Some(from) = &t.en_from {
            let _ = writeln!(out, "    en_from: {}", scalar(from));
        }
    }
}

/// The `facts:` mapping: lists in block style (`[]` when empty), `budget_execution` as a flow
/// list.
fn facts(out: &mut String, f: &Facts) {
    out.push_str("facts:\n  reports:\n");
    let _ = writeln!(out, "    on_time: {}", f.reports.on_time);
    let late = f.reports.late.iter();
    let late = late.map(|l| item(("report", name_of(&l.report)), ("days", l.days)));
    list(out, 4, "late", late);
    let returned = f.reports.returned.iter();
    let returned = returned.map(|l| item(("report", name_of(&l.report)), ("times", l.times)));
    list(out, 4, "returned", returned);
    let lags = f.lags.iter();
    let lags = lags.map(|l| item(("quarter", l.quarter), ("percent", float(l.percent))));
    list(out, 2, "lags", lags);
    let _ = writeln!(out, "  target_challenge: {}", name_of(&f.target_challenge));
    let _ = writeln!(out, "  target_clarity: {}", name_of(&f.target_clarity));
    let b = f.budget_execution.map(float);
    let _ = writeln!(
        out,
        "  budget_execution: [{}, {}, {}, {}]",
        b[0], b[1], b[2], b[3]
    );
    let _ = writeln!(out, "  special_performance: {}", f.special_performance);
}

/// A list item of two fields.
fn item(
    a: (&'static str, impl std::fmt::Display),
    b: (&'static str, impl std::fmt::Display),
) -> [(&'static str, String); 2] {
    [(a.0, a.1.to_string()), (b.0, b.1.to_string())]
}

/// `key: []` at `indent` spaces, or `key:` and one two-field mapping per item.
fn list(
    out: &mut String,
    indent: usize,
    key: &str,
    items: impl Iterator<Item = [(&'static str, String); 2]>,
) {
    let pad = " ".repeat(indent);
    let mut items = items.peekable();
    if items.peek().is_none() {
        let _ = writeln!(out, "{pad}{key}: []");
        return;
    }
    let _ = writeln!(out, "{pad}{key}:");
    for [(k1, v1), (k2, v2)] in items {
        let _ = writeln!(out, "{pad}  - {k1}: {v1}\n{pad}    {k2}: {v2}");
    }
}
