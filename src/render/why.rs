//! Why a plan is flagged, as pages say it: for each flag, what it is in a few words and the
//! reviewers' own sentences ([`crate::model::reasons`]), each linked to its paragraph on the
//! plan's page. An English page shows a sentence's English where it was found, and else the
//! Chinese, marked as Chinese.

use super::markdown;
use super::strings::Strings;
use super::views::{challenge_key, mark_chinese, quarter_label, report_phrases};
use crate::content::names::name_of;
use crate::content::schema::{Flag, PlanFile, Text};
use crate::model::numbers::fmt_num;
use crate::model::reasons::{Paragraphs, Quoted};
use crate::model::urls::Urls;
use crate::model::{Lang, Site};
use crate::reader::located::Quote;
use crate::text::cleanup::markdown_paragraphs;
use serde::Serialize;

/// One flag of a plan and why (or several flags the same sentences give, side by side).
#[derive(Debug, Clone, Serialize)]
pub struct ReasonView {
    /// The flags' names (`spending_q3`).
    pub flags: Vec<&'static str>,
    /// The flags in a few words, with their figures: `第 3 季年累計支用比 60%`.
    pub label: String,
    /// The reviewers' sentences.
    pub quotes: Vec<QuoteView>,
}

/// One of the reviewers' sentences.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    /// The words, as safe inline HTML.
    pub html: String,
    /// Their language tag, where it is not the page's (Chinese on an English page).
    pub lang: Option<String>,
    /// The plan's page in the page's language, at the paragraph holding the words (or their
    /// section, where paragraphs cannot be told apart).
    pub url: String,
    /// The paragraph holding the words as shown, on the plan's page in their language.
    pub cite: String,
}

/// What quoting one plan's review needs: its paragraphs, which of its sections' paragraphs
/// can be linked one by one, and its page in each language.
struct Review<'a> {
    record: &'a PlanFile,
    paras: Paragraphs,
    /// Each section's paragraphs, as many as the blocks its Markdown renders, in Chinese and
    /// English: `None` where they differ, and then the section is linked instead.
    zh_count: [Option<usize>; 3],
    en_count: [Option<usize>; 3],
    urls: [String; 2],
}

/// The section keys, as plan pages give their sections' ids.
const KEYS: [&str; 3] = crate::content::schema::Review::KEYS;

/// A text's paragraphs, when the page renders as many blocks.
fn linkable(md: &str) -> Option<usize> {
    let n = markdown_paragraphs(md).len();
    (markdown::block_count(md) == n).then_some(n)
}

impl<'a> Review<'a> {
    fn new(site: &'a Site, i: usize) -> Review<'a> {
        let record = &site.plans[i].record;
        let texts = record.review.sections().map(|(_, t)| t);
        let url = |lang| Urls::new(&site.config, lang).plan(record.year, &record.id);
        Review {
            record,
            paras: Paragraphs::of(record),
            zh_count: texts.map(|t| linkable(&t.zh)),
            en_count: texts.map(|t: &Text| linkable(&t.en)),
            urls: [url(Lang::Zh), url(Lang::En)],
        }
    }

    /// `url` at paragraph `p` of section `s`, or at the section.
    fn at(url: &str, s: usize, p: Option<usize>) -> String {
        match p {
            Some(p) => format!("{url}#{}-p{}", KEYS[s], p + 1),
            None => format!("{url}#{}", KEYS[s]),
        }
    }

    /// The Chinese quote `q` on the Chinese page.
    fn zh_place(&self, q: &Quote) -> String {
        let p = self.zh_count[q.section].map(|_| q.paragraph);
        Self::at(&self.urls[0], q.section, p)
    }

    /// Where the English page shows the paragraph of `q`: its English (`en`), else the
    /// Chinese paragraph where the page shows the Chinese, else the English paragraph of the
    /// same place where both have as many.
    fn en_place(&self, q: &Quoted) -> String {
        let s = q.zh.section;
        let text = self.record.review.sections()[s].1;
        let p = match &q.en {
            Some(e) => self.en_count[s].map(|_| e.paragraph),
            None if text.english_pending() => self.zh_count[s].map(|_| q.zh.paragraph),
            None => self.en_count[s]
                .filter(|&n| Some(n) == self.zh_count[s])
                .map(|_| q.zh.paragraph),
        };
        Self::at(&self.urls[1], s, p)
    }

    fn quote(&self, q: &Quoted, lang: Lang, zh_tag: &str) -> QuoteView {
        let zh = || markdown::inline(self.paras.zh(&q.zh));
        match (lang, &q.en) {
            (Lang::Zh, _) => QuoteView {
                html: zh(),
                lang: None,
                url: self.zh_place(&q.zh),
                cite: self.zh_place(&q.zh),
            },
            (Lang::En, Some(e)) => QuoteView {
                html: mark_chinese(&markdown::inline(self.paras.en(e)), zh_tag),
                lang: None,
                url: self.en_place(q),
                cite: self.en_place(q),
            },
            (Lang::En, None) => QuoteView {
                html: zh(),
                lang: Some(zh_tag.to_string()),
                url: self.en_place(q),
                cite: self.zh_place(&q.zh),
            },
        }
    }
}

/// Plan `i`'s flags among `flags` (all of them when `None`) and why, in `lang`, in
/// [`Flag`]'s order, flags next to each other with the same sentences (three quarters of one
/// sentence) as one; a flag with no words found or given is left out.
pub fn reasons(
    site: &Site,
    i: usize,
    flags: Option<&[Flag]>,
    lang: Lang,
    s: &Strings,
) -> Vec<ReasonView> {
    let review = Review::new(site, i);
    let zh_tag = Lang::Zh.tag(&site.config);
    let mut out: Vec<ReasonView> = Vec::new();
    let sep = s.get("list_sep");
    for r in (site.plans[i].reasons.iter()).filter(|r| flags.is_none_or(|f| f.contains(&r.flag))) {
        let quotes: Vec<QuoteView> = (r.quotes.iter())
            .map(|q| review.quote(q, lang, zh_tag))
            .collect();
        let label = label(review.record, r.flag, s);
        match out.last_mut() {
            Some(last) if same(&last.quotes, &quotes) => {
                last.flags.push(name_of(&r.flag));
                last.label = format!("{}{sep}{label}", last.label);
            }
            _ => out.push(ReasonView {
                flags: vec![name_of(&r.flag)],
                label,
                quotes,
            }),
        }
    }
    out
}

/// Whether two flags' sentences are the same.
fn same(a: &[QuoteView], b: &[QuoteView]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.html == y.html && x.url == y.url)
}

/// A flag of record `r` in a few words, with its figure.
fn label(r: &PlanFile, flag: Flag, s: &Strings) -> String {
    let f = &r.facts;
    let quarter = flag.quarter().unwrap_or(1);
    match flag {
        Flag::Challenge => {
            let level = s.get(challenge_key(f.target_challenge));
            format!("{}{}{level}", s.get("challenge"), s.get("colon"))
        }
        Flag::SpecialPerformance => s.get("tag_special"),
        _ if flag.section() == 1 => s.fmt(
            "spending_quarter",
            &[
                ("quarter", &quarter_label(quarter, s)),
                (
                    "percent",
                    &fmt_num(f.budget_execution[usize::from(quarter) - 1]),
                ),
            ],
        ),
        _ if flag.quarter().is_some() => {
            let lag = f.lags.iter().find(|l| l.quarter == quarter);
            let percent = lag.map_or_else(String::new, |l| fmt_num(l.percent));
            let quarter = quarter_label(quarter, s);
            s.fmt("lag", &[("quarter", &quarter), ("percent", &percent)])
        }
        _ => {
            let late = f.reports.late.iter().map(|l| (l.report, l.days));
            let returned = f.reports.returned.iter().map(|x| (x.report, x.times));
            let phrases = if Some(flag) == flag.report().map(Flag::late) {
                report_phrases(
                    "late_report",
                    late.filter(|l| Some(l.0) == flag.report()),
                    s,
                )
            } else {
                let mine = returned.filter(|x| Some(x.0) == flag.report());
                report_phrases("returned_report", mine, s)
            };
            phrases.join(&s.get("list_sep"))
        }
    }
}

/// One plan of a finding's list, and why it is there.
#[derive(Debug, Clone, Serialize)]
pub struct PlanWhy {
    /// The plan's name and page.
    pub plan: super::views::Link,
    /// The language tag of the name where it is not in the page's language.
    pub name_lang: Option<String>,
    /// Its item number.
    pub item: u32,
    /// The flags behind the finding, and why (empty where the words were not found).
    pub reasons: Vec<ReasonView>,
}

/// Why each of the plans `plans` (of one year) shows finding `f`.
pub fn finding_why(
    site: &Site,
    plans: &[usize],
    f: crate::model::findings::Finding,
    lang: Lang,
    s: &Strings,
) -> Vec<PlanWhy> {
    let u = Urls::new(&site.config, lang);
    (plans.iter())
        .map(|&i| {
            let r = &site.plans[i].record;
            let flags = f.flags(&r.facts);
            PlanWhy {
                plan: super::views::Link {
                    label: lang.pick(&r.name).to_string(),
                    url: u.plan(r.year, &r.id),
                },
                name_lang: (lang == Lang::En && r.name.english_pending())
                    .then(|| Lang::Zh.tag(&site.config).to_string()),
                item: r.item,
                reasons: reasons(site, i, Some(&flags), lang, s),
            }
        })
        .collect()
}
