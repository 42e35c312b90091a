//! A review section as the fact reader reads it (its paragraphs folded by
//! [`fold_for_facts`] and joined by `\n`), with where each character of that reading came
//! from: what the reader finds at a place of its reading is quoted from the text itself,
//! character for character.

use crate::text::cleanup::fold_for_facts;

/// A part of a review text: a section (0 administration, 1 budget, 2 performance), one of its
/// paragraphs as [`markdown_paragraphs`](crate::text::cleanup::markdown_paragraphs) splits them, and
/// the bytes of that paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quote {
    /// The section.
    pub section: usize,
    /// The paragraph of the section.
    pub paragraph: usize,
    /// First byte in the paragraph.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Quote {
    /// Its words, from the paragraphs of its section (`None` when they are not those it was
    /// found in).
    pub fn text<'p>(&self, paragraphs: &'p [String]) -> Option<&'p str> {
        paragraphs.get(self.paragraph)?.get(self.start..self.end)
    }
}

/// Where a sentence ends: after one of these (and any closing brackets right after it), or
/// at the end of its paragraph.
const SENTENCE_END: [char; 3] = ['。', '！', '？'];
/// Closing brackets and quotation marks a sentence's end takes with it (`…。」`).
const CLOSERS: [char; 5] = ['」', '』', '）', ')', '”'];

/// A section's paragraphs as the reader reads them, and where each character came from.
#[derive(Debug, Clone)]
pub struct Located {
    section: usize,
    /// The reading: each paragraph folded, joined by `\n`.
    pub text: String,
    chars: Vec<char>,
    /// For each character of the reading: its paragraph and its bytes there (a `\n` between
    /// paragraphs: the end of the paragraph before it).
    origin: Vec<(usize, usize, usize)>,
    /// The sentences, as ranges of characters of the reading, in order.
    sentences: Vec<(usize, usize)>,
}

impl Located {
    /// Section `section`'s `paragraphs` as the reader reads them.
    pub fn new(section: usize, paragraphs: &[String]) -> Located {
        let mut chars = Vec::new();
        let mut origin = Vec::new();
        for (p, para) in paragraphs.iter().enumerate() {
            if p > 0 {
                let end = paragraphs[p - 1].len();
                chars.push('\n');
                origin.push((p - 1, end, end));
            }
            for (b, c) in para.char_indices() {
                if let Some(f) = fold_for_facts(c) {
                    chars.push(f);
                    origin.push((p, b, b + c.len_utf8()));
                }
            }
        }
        Located {
            section,
            text: chars.iter().collect(),
            sentences: sentences(&chars),
            chars,
            origin,
        }
    }

    /// The characters `a..b` of the reading as a quote of the text, when they are in one
    /// paragraph.
    pub fn quote(&self, a: usize, b: usize) -> Option<Quote> {
        if a >= b || b > self.origin.len() {
            return None;
        }
        let (p, start, _) = self.origin[a];
        let (q, _, end) = self.origin[b - 1];
        (p == q && self.chars[a..b].iter().all(|c| *c != '\n')).then_some(Quote {
            section: self.section,
            paragraph: p,
            start,
            end,
        })
    }

    /// The sentence holding character `pos` of the reading, as a range of characters.
    pub fn sentence_at(&self, pos: usize) -> Option<(usize, usize)> {
        let k = self.sentences.partition_point(|&(_, b)| b <= pos);
        self.sentences.get(k).copied().filter(|&(a, _)| a <= pos)
    }

    /// The sentences after the one ending at character `end`, up to the end of its paragraph.
    pub fn sentences_after(&self, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let k = self.sentences.partition_point(|&(a, _)| a < end);
        let para = self.origin.get(end.saturating_sub(1)).map(|o| o.0);
        self.sentences[k..]
            .iter()
            .copied()
            .take_while(move |&(a, _)| self.origin.get(a).map(|o| o.0) == para)
    }

    /// Every sentence, as quotes of the text, in order.
    pub fn sentence_quotes(&self) -> Vec<Quote> {
        (self.sentences.iter())
            .filter_map(|&(a, b)| self.quote(a, b))
            .collect()
    }

    /// The characters of the reading `a..b`.
    pub fn chars(&self, a: usize, b: usize) -> &[char] {
        &self.chars[a..b]
    }

    /// Every paragraph whole, as quotes (of `paragraphs`, those the reading was made of).
    pub fn paragraphs(&self, paragraphs: &[String]) -> Vec<Quote> {
        (paragraphs.iter().enumerate())
            .filter(|(_, p)| !p.is_empty())
            .map(|(k, p)| Quote {
                section: self.section,
                paragraph: k,
                start: 0,
                end: p.len(),
            })
            .collect()
    }

    /// Where `words` are in the text, compared as the reader reads both (whitespace aside,
    /// full-width digits as ASCII), as a quote of the text's own characters; `None` when they
    /// are not there within one paragraph.
    pub fn find(&self, words: &str) -> Option<Quote> {
        let folded: Vec<char> = words.chars().filter_map(fold_for_facts).collect();
        let n = folded.len();
        if n == 0 || n > self.chars.len() {
            return None;
        }
        (0..=self.chars.len() - n)
            .filter(|&a| self.chars[a..a + n] == folded[..])
            .find_map(|a| self.quote(a, a + n))
    }
}

/// Where `words` are in the sections of a review (those given, each its paragraphs), looked
/// for in section `first` before the others ([`Located::find`]).
pub fn find<P: AsRef<[String]>>(
    sections: &[Option<P>; 3],
    first: usize,
    words: &str,
) -> Option<Quote> {
    let order = std::iter::once(first).chain((0..3).filter(|&s| s != first));
    order
        .filter_map(|s| Some((s, sections[s].as_ref()?)))
        .find_map(|(s, p)| Located::new(s, p.as_ref()).find(words))
}

/// The sentences of a reading, as ranges of its characters: each ends after a
/// [`SENTENCE_END`] (and the [`CLOSERS`] right after it) or at the end of its paragraph.
fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    split_sentences(chars.len(), |_, i| match chars[i] {
        '\n' => Some((i, i + 1)),
        c if SENTENCE_END.contains(&c) => {
            let closers = chars[i + 1..].iter().take_while(|c| CLOSERS.contains(c));
            let end = i + 1 + closers.count();
            Some((end, end))
        }
        _ => None,
    })
}

/// A text of `len` items (characters, bytes) cut into sentences, as ranges of items.
/// `cut(start, i)`, for the item at `i` of a sentence begun at `start`, says whether the
/// sentence ends there, and then where it ends and where the next begins (after `i`): a
/// stop takes the closing marks after it, a paragraph break or a space between sentences is
/// in neither. An empty sentence is left out; what follows the last is the last.
pub fn split_sentences(
    len: usize,
    mut cut: impl FnMut(usize, usize) -> Option<(usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < len {
        match cut(start, i) {
            Some((end, next)) => {
                if start < end {
                    out.push((start, end));
                }
                (start, i) = (next, next);
            }
            None => i += 1,
        }
    }
    if start < len {
        out.push((start, len));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(ps: &[&str]) -> Vec<String> {
        ps.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_sentence_found_in_the_reading_is_quoted_from_the_text() {
        let p = paras(&[
            "(一)第 ２ 季落後 3%，餘未有落後。另「作業計畫」退回 1 次。",
            "其中第 3 季係因疫情影響",
        ]);
        let l = Located::new(0, &p);
        let pos = l.text.find("退回").map(|b| l.text[..b].chars().count());
        let (a, b) = l.sentence_at(pos.unwrap()).unwrap();
        let q = l.quote(a, b).unwrap();
        assert_eq!(q.text(&p), Some("另「作業計畫」退回 1 次。"));
        let (a, b) = l.sentence_at(3).unwrap();
        assert_eq!(
            l.quote(a, b).unwrap().text(&p),
            Some("(一)第 ２ 季落後 3%，餘未有落後。")
        );
        // the paragraph's last sentence ends at its end, and the next paragraph is not after it
        assert_eq!(l.sentences_after(b).count(), 1);
        let last = l.sentences.last().copied().unwrap();
        assert_eq!(l.quote(last.0, last.1).unwrap().paragraph, 1);
        assert_eq!(l.sentences_after(l.sentences[1].1).count(), 0);
    }

    #[test]
    fn words_are_found_whatever_their_spacing_and_never_across_paragraphs() {
        let p = paras(&["第 2 季落後 3%。", "尚有部分系統功能須加速審查驗收。"]);
        let l = Located::new(1, &p);
        let q = l.find("第2季落後 3%").unwrap();
        assert_eq!((q.section, q.paragraph), (1, 0));
        assert_eq!(q.text(&p), Some("第 2 季落後 3%"));
        assert_eq!(
            l.find("須加速審查驗收").unwrap().text(&p),
            Some("須加速審查驗收")
        );
        assert_eq!(l.find("3%。尚有"), None);
        assert_eq!(l.find("  "), None);
        assert_eq!(l.find("不在內文"), None);
    }
}
