//! The reasons in the open data: why each flag of a plan was raised, in the reviewers' own
//! words ([`crate::model::reasons`]).
//!
//! The JSON gives each plan's `reasons` by flag: `{"spending_q3": {"zh": "…", "en": "…",
//! "given": false}}`, `en` null where no English counterpart was found. The CSV gives them in
//! three cells: `reasons_zh` and `reasons_en`, a line `flag: words` per flag (several
//! sentences of one flag joined by ` … `; in the words `\` is written `\\` and a line break
//! `\n`), and `reasons_given`, the flags whose words the record gives (`reasons:`), separated
//! by semicolons. Reading a CSV back takes those flags' words as the record's; the others are
//! found again in the text.

use crate::content::names::name_of;
use crate::content::schema::{Flag, Text};
use crate::error::Msg;
use crate::model::reasons::{Paragraphs, Reason, Reasoned};
use crate::msg;
use serde::Serialize;
use std::collections::BTreeMap;

/// A reason's words: in Chinese, and in English where there are some.
type Words = (String, Option<String>);

/// Between the sentences of one flag's reason.
const BETWEEN: &str = " … ";

/// One flag's reason as the JSON gives it.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Reason")]
pub struct JsonReason {
    /// The reviewers' sentences in Chinese, verbatim; several joined by " … ". / 評核意見中文
    /// 原句；數句以「 … 」相連。
    zh: String,
    /// The corresponding sentences of the English translation, or null where they cannot be
    /// matched reliably. / 英文譯文中對應的句子；找不到可靠對應句時為 null。
    en: Option<String>,
    /// Whether staff gave the words in the record, rather than gongkai finding them in the
    /// text. / 理由是否由承辦人員於紀錄中指定（而非程式自原文找出）。
    given: bool,
}

/// Plan `p`'s reasons as the JSON gives them, by flag.
pub fn json(p: &impl Reasoned) -> BTreeMap<&'static str, JsonReason> {
    let paras = Paragraphs::of(p.record());
    (p.reasons().iter())
        .map(|r| {
            let (zh, en) = words(r, &paras);
            let reason = JsonReason {
                zh,
                en,
                given: r.given,
            };
            (name_of(&r.flag), reason)
        })
        .collect()
}

/// A reason's words in Chinese, and in English when every sentence has its English.
fn words(r: &Reason, paras: &Paragraphs) -> Words {
    let zh: Vec<&str> = r.quotes.iter().map(|q| paras.zh(&q.zh)).collect();
    let en: Option<Vec<&str>> = (r.quotes.iter())
        .map(|q| q.en.as_ref().map(|e| paras.en(e)))
        .collect();
    (zh.join(BETWEEN), en.map(|e| e.join(BETWEEN)))
}

/// The three CSV cells of plan `p`'s reasons: `reasons_zh`, `reasons_en`, `reasons_given`. The
/// reasons the record gives are written as it gives them, so that a CSV read back gives them
/// again whatever they are.
pub fn cells(plan: &impl Reasoned) -> [String; 3] {
    let p = plan.record();
    let paras = Paragraphs::of(p);
    let mut lines: BTreeMap<Flag, Words> = BTreeMap::new();
    for r in plan
        .reasons()
        .iter()
        .filter(|r| !p.reasons.contains_key(&r.flag))
    {
        lines.insert(r.flag, words(r, &paras));
    }
    for (flag, t) in &p.reasons {
        let en = (!t.en.is_empty()).then(|| t.en.clone());
        lines.insert(*flag, (t.zh.clone(), en));
    }
    let cell = |pick: &dyn Fn(&Words) -> Option<String>| {
        (lines.iter())
            .filter_map(|(f, w)| Some(format!("{}: {}", name_of(f), escape(&pick(w)?))))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let given: Vec<&str> = p.reasons.keys().map(name_of).collect();
    [
        cell(&|w| Some(w.0.clone())),
        cell(&|w| w.1.clone()),
        given.join(";"),
    ]
}

/// The reasons a record gives, read back from its CSV cells: the flags of `given` (already
/// read), each with its line of `zh` and of `en` (none: no English).
pub fn read(given: &[Flag], zh: &str, en: &str) -> Result<BTreeMap<Flag, Text>, Msg> {
    let (zh, en) = (lines(zh)?, lines(en)?);
    given
        .iter()
        .map(|flag| {
            let name = name_of(flag);
            let zh = zh.get(name).ok_or_else(|| {
                msg!(
                    "reasons_given names {name}, but reasons_zh has no line for it",
                    "reasons_given 列有 {name}，但 reasons_zh 沒有這一項"
                )
            })?;
            let en = en.get(name).cloned().unwrap_or_default();
            let zh = zh.clone();
            Ok((
                *flag,
                Text {
                    zh,
                    en,
                    en_from: None,
                },
            ))
        })
        .collect()
}

/// The `flag: words` lines of a cell, by flag, the words unescaped.
fn lines(cell: &str) -> Result<BTreeMap<&str, String>, Msg> {
    (cell.split('\n'))
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (flag, words) = l.split_once(": ").ok_or_else(|| {
                msg!(
                    "{l:?} is not of the form flag: words",
                    "{l:?} 不是「情形: 原句」的格式"
                )
            })?;
            Ok((flag, unescape(words)))
        })
        .collect()
}

/// Words on one line: `\` as `\\`, a line feed as `\n`, a carriage return as `\r`.
fn escape(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    for c in words.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// [`escape`] undone.
fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_words_read_back_whatever_they_hold() {
        for w in ["", "a", "\\", "\\n", "a\nb\r\nc\\", "第 3 季：60%", "x: y"] {
            assert_eq!(unescape(&escape(w)), w);
            assert!(!escape(w).contains('\n'));
        }
    }
}
