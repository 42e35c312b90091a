//! The reasons a record gives (`reasons:`) checked against its text: each is for a flag its
//! facts raise, its Chinese is a part of the review's Chinese text and its English (when
//! given) a part of the English, compared as the reader reads (whitespace aside). A flag
//! whose words neither the reader finds nor the record gives is a warning: its pages can
//! then say what, but not why.

use super::flags::raised;
use super::names::name_of;
use super::schema::{Challenge, Flag, PlanFile, Text, PLACEHOLDER};
use super::Source;
use crate::error::{Diagnostic, Msg};
use crate::msg;
use crate::reader::located::find;
use crate::reader::Reading;
use crate::text::cleanup::markdown_paragraphs;

/// Longest quote of a reason in a message, in characters.
const SHOWN: usize = 40;

/// The reasons record `p` gives, and the flags with none, checked against its text and what
/// the reader found in it (`reading`).
pub fn reasons_agree(p: &Source<PlanFile>, reading: &Reading, out: &mut Vec<Diagnostic>) {
    let v = &p.value;
    let flags = raised(&v.facts);
    let texts = v.review.sections().map(|(_, t)| t);
    let zh = texts.map(|t| Some(markdown_paragraphs(&t.zh)));
    let en = texts.map(|t| Some(markdown_paragraphs(&t.en)));
    for (flag, given) in &v.reasons {
        let name = name_of(flag);
        if !flags.contains(flag) {
            out.push(p.problem(&format!("reasons.{name}"), not_raised(name)));
            continue;
        }
        if find(&zh, flag.section(), &given.zh).is_none() {
            let field = format!("reasons.{name}.zh");
            out.push(p.problem(&field, not_in_text(&given.zh, Msg::new("Chinese", "中文"))));
        }
        if !given.en.trim().is_empty() && find(&en, flag.section(), &given.en).is_none() {
            let field = format!("reasons.{name}.en");
            out.push(p.problem(&field, not_in_text(&given.en, Msg::new("English", "英文"))));
        }
    }
    for flag in flags {
        let found = reading
            .reasons
            .iter()
            .any(|(f, q)| *f == flag && !q.is_empty());
        let written = written(texts[flag.section()]);
        // a review that judges nothing of the targets' challenge has nothing to quote for it
        let judged = flag != Flag::Challenge || v.facts.target_challenge != Challenge::NotStated;
        if !found && written && judged && !v.reasons.contains_key(&flag) {
            out.push(
                p.problem(fact_field(flag), no_words(name_of(&flag)))
                    .as_warning(),
            );
        }
    }
}

/// Whether a section's Chinese is written (an empty or scaffold text is reported already).
fn written(t: &Text) -> bool {
    !t.zh.trim().is_empty() && !t.zh.contains(PLACEHOLDER)
}

/// The field of the facts that raises `flag`.
fn fact_field(flag: Flag) -> &'static str {
    match flag {
        _ if flag.quarter().is_some() && flag.section() == 1 => "facts.budget_execution",
        _ if flag.quarter().is_some() => "facts.lags",
        Flag::Challenge => "facts.target_challenge",
        Flag::SpecialPerformance => "facts.special_performance",
        Flag::LateWorkPlan
        | Flag::LateQ1
        | Flag::LateQ2
        | Flag::LateQ3
        | Flag::LateQ4
        | Flag::LateSelfEvaluation => "facts.reports.late",
        _ => "facts.reports.returned",
    }
}

fn not_raised(name: &str) -> Msg {
    msg!(
        "the facts do not say {name}, so there is nothing for this reason to explain: delete it, or correct the facts",
        "事實中沒有 {name} 這項情形，這句理由沒有可說明的對象：請刪除，或更正事實"
    )
}

/// `words` are not a part of the review's text in `language`.
fn not_in_text(words: &str, language: Msg) -> Msg {
    let mut shown: String = words.trim().chars().take(SHOWN).collect();
    if words.trim().chars().count() > SHOWN {
        shown.push('…');
    }
    let (en, zh) = (&language.en, &language.zh);
    msg!(
        "「{shown}」 is not a part of the review's {en} text: copy the sentence exactly as the review has it",
        "「{shown}」不在複核結果的{zh}內文中：請照內文逐字複製該句"
    )
}

fn no_words(name: &str) -> Msg {
    msg!(
        "gongkai finds no sentence of the text that states {name}, so its pages cannot say why: add the reviewers' sentence under reasons.{name}",
        "gongkai 在內文中找不到敘明 {name} 的句子，網頁因此無法說明原因：請在 reasons.{name} 下填入評核意見原句"
    )
}
