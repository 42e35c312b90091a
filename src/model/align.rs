//! The English counterpart of a quote of the Chinese review, where it can be found without
//! guessing: the English section has as many paragraphs as the Chinese, the quote's paragraph
//! as many sentences (or the quote is its whole paragraph), and every number of the Chinese
//! quote is in the English one (but those from 0 to 9, which English may spell: `1 次`,
//! once). Otherwise there is none, and English pages show the Chinese.

use crate::reader::located::{split_sentences, Located, Quote};

/// The English of `zh`, a quote of whole sentences of the Chinese paragraphs `zh_paras`, in
/// the English paragraphs `en_paras` (of the same section).
pub fn english(zh: &Quote, zh_paras: &[String], en_paras: &[String]) -> Option<Quote> {
    if zh_paras.len() != en_paras.len() {
        return None;
    }
    let (zp, ep) = (zh_paras.get(zh.paragraph)?, en_paras.get(zh.paragraph)?);
    let whole = |end: usize| Quote {
        section: zh.section,
        paragraph: zh.paragraph,
        start: 0,
        end,
    };
    let en = if zh.start == 0 && zh.end == zp.len() {
        whole(ep.len())
    } else {
        let zs: Vec<Quote> = Located::new(zh.section, std::slice::from_ref(zp)).sentence_quotes();
        let es = english_sentences(ep);
        let first = zs.iter().position(|s| s.start == zh.start)?;
        let last = zs.iter().position(|s| s.end == zh.end)?;
        if zs.len() != es.len() || first > last {
            return None;
        }
        Quote {
            start: es[first].0,
            end: es[last].1,
            ..whole(0)
        }
    };
    let words = |p: &str, q: &Quote| p.get(q.start..q.end).map(numbers);
    let (zn, en_n) = (words(zp, zh)?, words(ep, &en)?);
    let spelled = |n: &String| n.len() == 1;
    (zn.iter().all(|n| spelled(n) || en_n.contains(n))).then_some(en)
}

/// Words before a full stop that does not end a sentence.
const ABBREVIATIONS: [&str; 10] = [
    "No", "Art", "Mr", "Ms", "Dr", "vs", "St", "Co", "Inc", "Ltd",
];

/// The sentences of an English paragraph, as byte ranges: each ends after `.`, `?` or `!`
/// (and any closing quotation marks or brackets right after it) followed by a space or the
/// end, unless the word before the stop is a number of one or two digits (`1. Challenge`), a
/// short abbreviation (`No.`) or has a stop inside (`e.g.`). Spaces between sentences are in
/// neither.
fn english_sentences(p: &str) -> Vec<(usize, usize)> {
    let b = p.as_bytes();
    let after = |mut i: usize, set: &[u8]| {
        while i < b.len() && set.contains(&b[i]) {
            i += 1;
        }
        i
    };
    split_sentences(b.len(), |start, i| {
        let c = b[i];
        if !matches!(c, b'.' | b'?' | b'!') {
            return None;
        }
        let end = after(i + 1, b"\"')]");
        let at_space = end == b.len() || b[end] == b' ' || b[end] == b'\n';
        let word = p[start..end].rsplit([' ', '\n', '(']).next().unwrap_or("");
        (at_space && (c != b'.' || ends_sentence(word))).then(|| (end, after(end, b" \n")))
    })
}

/// Whether `word`, ending in a full stop (and perhaps closing marks), ends a sentence.
fn ends_sentence(word: &str) -> bool {
    let w = word.trim_end_matches(['"', '\'', ')', ']']);
    let w = w.strip_suffix('.').unwrap_or(w);
    let short_number = !w.is_empty() && w.len() <= 2 && w.bytes().all(|c| c.is_ascii_digit());
    !(short_number || w.contains('.') || ABBREVIATIONS.contains(&w))
}

/// The numbers in a text (full-width digits read as ASCII), without thousands separators:
/// `40,000` is `40000`, `99.90%` is `99.90`, `Q4` is `4`.
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = (text.chars())
        .map(|c| crate::text::cleanup::fold_for_facts(c).unwrap_or(' '))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut n = String::new();
        while i < chars.len() {
            let c = chars[i];
            let joins = matches!(c, ',' | '.')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && !n.is_empty();
            if c.is_ascii_digit() || (joins && c == '.') {
                n.push(c);
            } else if !joins {
                break;
            }
            i += 1;
        }
        out.push(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(ps: &[&str]) -> Vec<String> {
        ps.iter().map(|s| s.to_string()).collect()
    }

    fn quote(paras: &[String], p: usize, text: &str) -> Quote {
        let start = paras[p].find(text).unwrap();
        Quote {
            section: 1,
            paragraph: p,
            start,
            end: start + text.len(),
        }
    }

    #[test]
    fn a_sentence_is_matched_by_its_place_and_its_numbers() {
        let zh = paras(&["各管考週期，年累計支用比第 3 季 60%、餘均達 100%。其中第 3 季係因疫情影響，於第 3 季及第 4 季加強辦理。"]);
        let en = paras(&["In each control cycle, the rate was 60% in Q3 and 100% otherwise. In Q3, because of COVID-19, more was done in Q3 and Q4."]);
        let q = quote(
            &zh,
            0,
            "其中第 3 季係因疫情影響，於第 3 季及第 4 季加強辦理。",
        );
        let e = english(&q, &zh, &en).unwrap();
        assert_eq!(
            &en[0][e.start..e.end],
            "In Q3, because of COVID-19, more was done in Q3 and Q4."
        );
        // a number the English does not have: no counterpart
        let q = quote(&zh, 0, "各管考週期，年累計支用比第 3 季 60%、餘均達 100%。");
        let en = paras(&["In each control cycle, the rate was 61% in Q3 and 100% otherwise. In Q3, because of COVID-19, more was done."]);
        assert_eq!(english(&q, &zh, &en), None);
        // not as many sentences: no counterpart
        let en = paras(&["In each control cycle, the rate was 60% in Q3, in Q3 and Q4."]);
        assert_eq!(english(&q, &zh, &en), None);
        // not as many paragraphs: no counterpart
        assert_eq!(english(&q, &zh, &paras(&["a.", "b."])), None);
    }

    #[test]
    fn list_numbers_and_abbreviations_do_not_end_sentences() {
        let p = "(3) Targets: 1. Challenge of No. 5, e.g. this (ROC 110). 2. Clarity: at least 40,000 visits.";
        let s: Vec<&str> = english_sentences(p)
            .iter()
            .map(|&(a, b)| &p[a..b])
            .collect();
        assert_eq!(
            s,
            [
                "(3) Targets: 1. Challenge of No. 5, e.g. this (ROC 110).",
                "2. Clarity: at least 40,000 visits."
            ]
        );
        assert_eq!(
            numbers("目標 40,000 家次、99.90%，第 ４ 季"),
            ["40000", "99.90", "4"]
        );
        assert_eq!(numbers("Q1–Q4, 2022 (ROC 111)."), ["1", "4", "2022", "111"]);
    }

    #[test]
    fn a_whole_paragraph_is_matched_whole() {
        let zh = paras(&["甲。", "本部 1 年可省下約 76,000 仟元租金。"]);
        let en = paras(&[
            "A.",
            "The Ministry saves about NT$76,000 thousand a year. It helps.",
        ]);
        let q = quote(&zh, 1, &zh[1]);
        let e = english(&q, &zh, &en).unwrap();
        assert_eq!((e.paragraph, e.start, e.end), (1, 0, en[1].len()));
    }
}
