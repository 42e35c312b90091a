//! Why a plan is flagged: for each flag its facts raise, the reviewers' own sentences, found
//! by the reader that reads the facts ([`crate::reader::read_review`]), or given in the
//! record's `reasons:` where the reader does not find them; each with its English where it
//! can be found ([`align`](super::align)). Held as places in the text, not as copies of it.

use super::align::english;
use crate::content::flags::raised;
use crate::content::schema::{english_outdated, Flag, PlanFile, Text};
use crate::reader::located::{find, Quote};
use crate::reader::read_review;
use crate::text::cleanup::markdown_paragraphs;

/// The sentences behind one flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// The flag.
    pub flag: Flag,
    /// Its sentences, in text order.
    pub quotes: Vec<Quoted>,
    /// Given in the record's `reasons:` rather than found by the reader.
    pub given: bool,
}

/// One quote, in the Chinese text and, where found, in the English.
#[derive(Debug, Clone, PartialEq)]
pub struct Quoted {
    /// Where it is in the Chinese.
    pub zh: Quote,
    /// Where its counterpart is in the English.
    pub en: Option<Quote>,
}

/// A review's sections split into paragraphs, in both languages: the English only where it
/// is written and translated from the current Chinese (else there is none to quote).
pub struct Paragraphs {
    /// The Chinese paragraphs of each section.
    pub zh: [Vec<String>; 3],
    /// The English paragraphs of each section, where they can be quoted.
    pub en: [Option<Vec<String>>; 3],
}

impl Paragraphs {
    /// The paragraphs of `r`'s review.
    pub fn of(r: &PlanFile) -> Paragraphs {
        let sections = r.review.sections().map(|(_, t)| t);
        let quotable = |t: &Text| !t.english_pending() && !english_outdated(t);
        Paragraphs {
            zh: sections.map(|t| markdown_paragraphs(&t.zh)),
            en: sections.map(|t| quotable(t).then(|| markdown_paragraphs(&t.en))),
        }
    }

    /// The words of a quote of the Chinese.
    pub fn zh(&self, q: &Quote) -> &str {
        q.text(&self.zh[q.section]).unwrap_or_default()
    }

    /// The words of a quote of the English.
    pub fn en(&self, q: &Quote) -> &str {
        (self.en[q.section].as_deref())
            .and_then(|p| q.text(p))
            .unwrap_or_default()
    }
}

/// The reasons for each flag record `r`'s facts raise, in [`Flag`]'s order; a flag neither
/// the reader nor the record gives words for has none.
pub fn of(r: &PlanFile) -> Vec<Reason> {
    let paras = Paragraphs::of(r);
    let reading = read_review(&r.review);
    raised(&r.facts)
        .into_iter()
        .filter_map(|flag| {
            if let Some(given) = r
                .reasons
                .get(&flag)
                .and_then(|t| given_quote(&paras, flag, t))
            {
                return Some(given);
            }
            let found = reading.reasons.iter().find(|(f, _)| *f == flag)?;
            let quotes = (found.1.iter())
                .map(|zh| Quoted {
                    en: paras.en[zh.section]
                        .as_ref()
                        .and_then(|en| english(zh, &paras.zh[zh.section], en)),
                    zh: zh.clone(),
                })
                .collect::<Vec<_>>();
            (!quotes.is_empty()).then_some(Reason {
                flag,
                quotes,
                given: false,
            })
        })
        .collect()
}

/// The reason the record gives for `flag`, where its Chinese is in the text (its English,
/// when given, where that is in the English text); `None` when the Chinese is not (`check`
/// says so).
fn given_quote(paras: &Paragraphs, flag: Flag, t: &Text) -> Option<Reason> {
    let zh = find(&paras.zh.each_ref().map(Some), flag.section(), &t.zh)?;
    let en_paras = paras.en.each_ref().map(Option::as_deref);
    let en = (!t.en.trim().is_empty())
        .then(|| find(&en_paras, zh.section, &t.en))
        .flatten();
    Some(Reason {
        flag,
        quotes: vec![Quoted { zh, en }],
        given: true,
    })
}

/// A record with its reasons: the site's plans hold theirs, read once when the site is built
/// ([`super::Plan::reasons`]); a record alone reads them from its text when asked. The open
/// data takes either, so a build does not read each text again for every file.
pub trait Reasoned {
    /// The record.
    fn record(&self) -> &PlanFile;
    /// Its reasons ([`of`] the record).
    fn reasons(&self) -> std::borrow::Cow<'_, [Reason]>;
}

impl Reasoned for PlanFile {
    fn record(&self) -> &PlanFile {
        self
    }

    fn reasons(&self) -> std::borrow::Cow<'_, [Reason]> {
        std::borrow::Cow::Owned(of(self))
    }
}

impl Reasoned for super::Plan {
    fn record(&self) -> &PlanFile {
        &self.record
    }

    fn reasons(&self) -> std::borrow::Cow<'_, [Reason]> {
        std::borrow::Cow::Borrowed(&self.reasons)
    }
}

impl<T: Reasoned + ?Sized> Reasoned for &T {
    fn record(&self) -> &PlanFile {
        (**self).record()
    }

    fn reasons(&self) -> std::borrow::Cow<'_, [Reason]> {
        (**self).reasons()
    }
}
