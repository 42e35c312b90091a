//! The sentences the reader read each flag from: every fact it reads leaves a mark (the flag
//! and the place of its reading), and each mark becomes the sentence holding it. A quarter's
//! flag takes with it the sentences after that one, in the same paragraph, that give a cause
//! for that quarter (「其中第 3 季係因疫情影響…」), or a cause naming no quarter right after
//! it (「主要係因採購延宕。」).

use super::facts::quarters_in;
use super::located::{Located, Quote};
use gongkai_core::content::schema::Flag;

/// Where the reader read a flag: the flag, the section and the character of its reading.
pub type Mark = (Flag, usize, usize);

/// A sentence of a section: the section and the range of characters of its reading.
type Place = (usize, usize, usize);

/// Words that give a cause.
const CAUSES: [&str; 7] = ["係因", "由於", "因為", "主因", "原因", "導致", "肇因"];

/// The sentences of `sections` (the reader's readings) behind each flag `marks` holds, by
/// flag in [`Flag`]'s order, each flag's sentences in text order, none twice.
pub fn quotes(sections: &[Located; 3], marks: &[Mark]) -> Vec<(Flag, Vec<Quote>)> {
    let mut by_flag: Vec<(Flag, Vec<Place>)> = Vec::new();
    for &(flag, section, pos) in marks {
        let located = &sections[section];
        let Some((a, b)) = located.sentence_at(pos) else {
            continue;
        };
        let mut found = vec![(section, a, b)];
        if let Some(q) = flag.quarter() {
            found.extend(causes(located, b, q).map(|(c, d)| (section, c, d)));
        }
        match by_flag.iter_mut().find(|(f, _)| *f == flag) {
            Some((_, v)) => v.extend(found),
            None => by_flag.push((flag, found)),
        }
    }
    by_flag.sort_by_key(|(f, _)| *f);
    by_flag
        .into_iter()
        .map(|(flag, mut places)| {
            places.sort_unstable();
            places.dedup();
            let quotes = places
                .into_iter()
                .filter_map(|(s, a, b)| sections[s].quote(a, b))
                .collect();
            (flag, quotes)
        })
        .collect()
}

/// The sentences after the one ending at character `end` of `located`, in its paragraph,
/// that give a cause for quarter `q`: naming it, or naming no quarter and following the
/// statement (or a cause taken) directly.
fn causes(located: &Located, end: usize, q: u8) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut next_to = true;
    located.sentences_after(end).filter(move |&(c, d)| {
        let sentence = located.chars(c, d);
        let text: String = sentence.iter().collect();
        let quarters = quarters_in(sentence);
        let names = quarters.iter().any(|&(n, _)| n == u32::from(q));
        let cause =
            CAUSES.iter().any(|w| text.contains(w)) && (names || (quarters.is_empty() && next_to));
        next_to = cause;
        cause
    })
}

#[cfg(test)]
mod tests {
    use super::super::located::Located;
    use super::*;

    fn said(paragraph: &str, q: u8) -> Vec<String> {
        let p = [paragraph.to_string()];
        let l = Located::new(0, &p);
        let (_, end) = l.sentence_at(0).unwrap();
        causes(&l, end, q)
            .filter_map(|(a, b)| l.quote(a, b)?.text(&p).map(str::to_string))
            .collect()
    }

    #[test]
    fn a_cause_names_the_quarter_or_follows_the_statement() {
        let text = "第 3 季 60%。其中第 3 季係因疫情影響。另辦理研習。第 3 季係因人力不足。";
        assert_eq!(
            said(text, 3),
            ["其中第 3 季係因疫情影響。", "第 3 季係因人力不足。"]
        );
        assert!(said(text, 2).is_empty());
        let text = "第 2 季落後 5%。主要係因採購延宕。另辦理研習。由於天候不佳。";
        assert_eq!(said(text, 2), ["主要係因採購延宕。"]);
        // a cause of another quarter is not this one's
        assert!(said("第 2 季落後 5%。第 4 季係因颱風。", 2).is_empty());
    }
}
