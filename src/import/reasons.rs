//! The sentences the reader read each flag from: every fact it reads leaves a mark (the flag
//! and the place of its reading), and each mark becomes the sentence holding it. A quarter's
//! flag takes with it the sentences after that one, in the same paragraph, that give a cause
//! for that quarter (「其中第 3 季係因疫情影響…」).

use super::facts::quarters_in;
use super::located::{Located, Quote};
use crate::content::schema::Flag;

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
            found.extend(
                located
                    .sentences_after(b)
                    .filter(|&(c, d)| gives_cause(located.chars(c, d), q))
                    .map(|(c, d)| (section, c, d)),
            );
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

/// Whether a sentence names quarter `q` and gives a cause.
fn gives_cause(sentence: &[char], q: u8) -> bool {
    let text: String = sentence.iter().collect();
    CAUSES.iter().any(|c| text.contains(c))
        && quarters_in(sentence)
            .iter()
            .any(|&(n, _)| n == u32::from(q))
}
