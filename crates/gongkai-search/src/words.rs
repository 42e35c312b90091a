//! A query as content words. Its units are segmented against [`super::dict`] (longest
//! phrase first): stop words drop out, a synonym member or agency name is one word (its
//! group's key), a status word names a finding (negated by 未, 無, not … just before it).
//! What is left is the query's own text, cut into words against the index:
//!
//! - `第 3 季` is the quarter's term (`q3`, as `Q3` is: see [`tokenize`]);
//! - an English word or a number is one word (its stem; a slip of five letters or more is
//!   searched as the indexed word one edit away; only the word being typed stands for the
//!   words it begins; a whole number no plan holds stands for the decimals it truncates,
//!   44% for 44.29%);
//! - a lone Han character stands for every indexed term it begins (it is found anywhere);
//! - a longer Han stretch is one word of bigrams when some plan holds them all; otherwise
//!   it is cut into its longest pieces some plan holds whole (基本工資會議 into 基本工資 and
//!   會議), each a word, a stretch of two or more characters no bigram of which is indexed
//!   is a word no plan holds, and a lone character between them (a slip, a particle) is left
//!   out. Such a query is *incomplete*: it is analysed again with the related terms, phrase
//!   conversion and near matches ([`super::rank`]).
//!
//! A negation that negates a status is no word of its own ("no special performance", 沒有落後).
//!
//! The browser follows the same steps (`js/search.js`, `analyzeQuery`).

use super::dict::{Dict, Entry, Found};
use super::index::{Correction, Lookups};
use super::tokenize::{self, Token};
use crate::error::Result;

/// One way a plan holds a word: every slot, a slot by any of its terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Alt {
    /// Whether this is a related term's expansion (weighs less than the word itself).
    pub related: bool,
    /// The slots, each a list of terms.
    pub slots: Vec<Vec<String>>,
}

/// A content word of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word as typed.
    pub typed: String,
    /// The ways a plan holds it: the word itself first, then its related terms.
    pub alts: Vec<Alt>,
}

impl Word {
    fn literal(typed: &str, slots: Vec<Vec<String>>) -> Word {
        Word {
            typed: typed.to_string(),
            alts: vec![Alt {
                related: false,
                slots,
            }],
        }
    }

    /// Every term the word is searched by.
    pub fn terms(&self) -> impl Iterator<Item = &String> {
        self.alts.iter().flat_map(|a| a.slots.iter().flatten())
    }

    /// The terms of its own alternatives, its related terms left out: what the query itself
    /// says (an agency a related term names is not one the query names).
    pub fn own_terms(&self) -> impl Iterator<Item = &String> {
        (self.alts.iter().filter(|a| !a.related)).flat_map(|a| a.slots.iter().flatten())
    }
}

/// A query analysed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// The content words, in query order.
    pub words: Vec<Word>,
    /// Slips searched as another word: (as typed, searched).
    pub corrections: Vec<Correction>,
    /// Bits of the statuses the query names.
    pub named: u16,
    /// Bits of the statuses the query names with a negation (「未有落後」, "not late").
    pub negated: u16,
    /// Whether some of the query's own text was not found whole (see the module docs).
    pub incomplete: bool,
}

/// Negations: a status word with one of these among the three units before it does not
/// name the status.
pub const NEGATORS: &[&str] = &[
    "未", "無", "沒", "不", "非", "not", "no", "never", "without", "didn", "doesn", "isn", "wasn",
    "hasn", "hadn", "don", "nor", "aren", "weren", "haven", "wouldn", "couldn", "shouldn",
];

/// What parts a number's decimals in an indexed term (44.29).
pub const DECIMAL: char = '.';

/// How many units before a status word a negation may stand.
pub const NEGATION_REACH: usize = 3;

/// A segment of a query: a phrase of the dictionary, or one unit of the query's own text.
#[derive(Debug, Clone, Copy)]
enum Seg {
    Phrase(Found),
    Free(usize),
    /// A quarter written out ([`spelled_quarter`]) from this unit on: how many units, and the
    /// quarter (1 to 4).
    Quarter(usize, usize, u8),
}

/// How people write a quarter in words, besides `Q3` and `第 3 季`, which the tokenizer
/// makes one term ([`tokenize::QUARTER`]): 第三季, "third quarter", "3rd quarter". A query
/// reads them as that term; the browser reads the words from the manifest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SpelledQuarters {
    /// The Han numerals of the four quarters, between 第 and 季.
    pub han: Vec<String>,
    /// The English ordinals of the four quarters, before [`Self::word`].
    pub ordinals: Vec<String>,
    /// The English ordinal suffixes after a quarter's digit (3rd), before [`Self::word`].
    pub suffixes: Vec<String>,
    /// The English word for a quarter.
    pub word: String,
}

impl SpelledQuarters {
    /// The words, as the query's units are written (lower case).
    pub fn new() -> SpelledQuarters {
        let owned = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect();
        SpelledQuarters {
            han: owned(&["一", "二", "三", "四"]),
            ordinals: owned(&["first", "second", "third", "fourth"]),
            suffixes: owned(&["st", "nd", "rd", "th"]),
            word: "quarter".into(),
        }
    }
}

impl SpelledQuarters {
    /// The words, made once.
    pub fn get() -> &'static SpelledQuarters {
        static WORDS: std::sync::OnceLock<SpelledQuarters> = std::sync::OnceLock::new();
        WORDS.get_or_init(SpelledQuarters::new)
    }
}

impl Default for SpelledQuarters {
    fn default() -> Self {
        Self::new()
    }
}

/// The quarter written from unit `i` on, one unit after another, as (units, quarter 1 to 4):
/// 第 3 季 or 第三季, "third quarter", "3rd quarter".
fn spelled_quarter(units: &[Token], i: usize, words: &SpelledQuarters) -> Option<(usize, u8)> {
    let q = tokenize::QUARTER;
    let text = |k: usize| {
        units
            .get(i + k)
            .filter(|u| u.position == units[i].position + k)
            .map(|u| u.text.as_str())
    };
    let among = |list: &[String], t: &str| list.iter().position(|x| x == t);
    let is = |k: usize, c: char| text(k).is_some_and(|t| t.chars().eq([c]));
    let word = |k: usize| text(k) == Some(words.word.as_str());
    let first = text(0)?;
    if is(0, q.before) && is(2, q.after) {
        let t = text(1)?;
        let n = (q.of_digit(t)).or_else(|| among(&words.han, t).map(|n| n as u8 + 1))?;
        return Some((3, n));
    }
    if let Some(n) = among(&words.ordinals, first).filter(|_| word(1)) {
        return Some((2, n as u8 + 1));
    }
    let n = q.of_digit(first)?;
    (text(1).is_some_and(|t| among(&words.suffixes, t).is_some()) && word(2)).then_some((3, n))
}

/// `text` (already bounded) as content words, against `dict`. `typing`: the last word is
/// still being typed (it stands for the words it begins); `near`: mainland phrases are
/// put in Taiwan's words first ([`super::phrases`]) and Han text no plan holds whole may be
/// mended (a query analysed again, see [`super::index::Lookups::analyze`]).
pub fn analyze(
    look: &Lookups,
    dict: &Dict,
    text: &str,
    (typing, near): (bool, bool),
) -> Result<Analysis> {
    let mut units = tokenize::units(text);
    if near {
        units = super::phrases::convert(units, &look.index.phrases);
    }
    let segs = segment(look, dict, &units)?;
    let mut out = Analysis::default();
    let mut free: Vec<usize> = Vec::new();
    // the ministry's name, a word only when nothing else is
    let mut context: Vec<Found> = Vec::new();
    let flush = |free: &mut Vec<usize>, out: &mut Analysis| -> Result<()> {
        if !free.is_empty() {
            chunk(
                look,
                dict,
                text,
                &units,
                &std::mem::take(free),
                (typing, near),
                out,
            )?;
        }
        Ok(())
    };
    for seg in &segs {
        match *seg {
            Seg::Free(i) => {
                // a Han run goes on while its characters touch (哺(集)乳室 is three stretches);
                // a word stands alone
                let joins = free.last().is_some_and(|&p| {
                    let (a, b) = (&units[p], &units[i]);
                    han(a) && han(b) && b.position == a.position + 1 && b.from == a.to
                });
                if !joins {
                    flush(&mut free, &mut out)?;
                }
                free.push(i);
            }
            Seg::Phrase(f) => {
                flush(&mut free, &mut out)?;
                if f.entry == Entry::Context {
                    context.push(f);
                }
                phrase(dict, &units, text, f, &mut out);
            }
            Seg::Quarter(i, len, n) => {
                flush(&mut free, &mut out)?;
                let typed = &text[units[i].from..units[i + len - 1].to];
                let term = tokenize::QUARTER.term_of(n);
                out.words.push(Word::literal(typed, vec![vec![term]]));
            }
        }
    }
    flush(&mut free, &mut out)?;
    if out.words.is_empty() && out.named | out.negated == 0 {
        for f in context {
            let mut at: Vec<usize> = (f.start..f.start + f.len).collect();
            flush(&mut at, &mut out)?;
        }
    }
    out.words.truncate(tokenize::MAX_QUERY_TERMS);
    Ok(out)
}

fn han(t: &Token) -> bool {
    t.text.chars().next().is_some_and(tokenize::is_han)
}

/// Splits `units` into dictionary phrases and free units, left to right, the longest phrase
/// first. A lone Han stop character that forms an indexed bigram with a neighbour is text.
fn segment(look: &Lookups, dict: &Dict, units: &[Token]) -> Result<Vec<Seg>> {
    let mut glued = vec![false; units.len()];
    for i in 1..units.len() {
        let (a, b) = (&units[i - 1], &units[i]);
        if han(a) && han(b) && b.position == a.position + 1 {
            let bigram = format!("{}{}", a.text, b.text);
            if !look.docs(&bigram)?.is_empty() {
                glued[i - 1] = true;
                glued[i] = true;
            }
        }
    }
    let mut segs = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if let Some((len, n)) = spelled_quarter(units, i, SpelledQuarters::get()) {
            segs.push(Seg::Quarter(i, len, n));
            i += len;
            continue;
        }
        let accept = |f: &Found| !(f.entry == Entry::Stop && f.len == 1 && glued[f.start]);
        match dict.longest_at(units, i, accept) {
            Some(f) => {
                segs.push(Seg::Phrase(f));
                i += f.len;
            }
            None => {
                segs.push(Seg::Free(i));
                i += 1;
            }
        }
    }
    Ok(segs)
}

/// A dictionary phrase: a synonym is a word (its key), a status is named (or negated).
fn phrase(dict: &Dict, units: &[Token], text: &str, f: Found, out: &mut Analysis) {
    let typed = &text[units[f.start].from..units[f.start + f.len - 1].to];
    phrase_word(dict, units, typed, f, out);
}

/// What a phrase `f` of `units`, typed as `typed`, adds to the analysis.
fn phrase_word(dict: &Dict, units: &[Token], typed: &str, f: Found, out: &mut Analysis) {
    match f.entry {
        Entry::Synonym(g) => {
            let key = dict.synonym_key(g);
            out.words
                .push(Word::literal(typed, vec![vec![key.to_string()]]));
        }
        Entry::Status(s) => {
            let pos = units[f.start].position;
            let negated = units[f.start.saturating_sub(NEGATION_REACH)..f.start]
                .iter()
                .any(|u| u.position + NEGATION_REACH >= pos && NEGATORS.contains(&u.text.as_str()));
            if negated {
                out.negated |= 1 << s;
                // the negation belongs to the status: "no" is no word of "no special performance"
                while out.words.last().is_some_and(|w| is_negation(&w.typed)) {
                    out.words.pop();
                }
            } else {
                out.named |= 1 << s;
            }
        }
        Entry::Related(r) => {
            let alts = dict.related_alts(r);
            out.words.push(Word {
                typed: typed.to_string(),
                alts: alts
                    .iter()
                    .enumerate()
                    .map(|(i, slots)| Alt {
                        related: i > 0,
                        slots: slots.clone(),
                    })
                    .collect(),
            });
        }
        // "on schedule" asks what "not behind" does
        Entry::Opposite(s) => out.negated |= 1 << s,
        Entry::Stop | Entry::Context => {}
    }
}

/// Whether a word as typed is a negation ([`NEGATORS`]), alone or with 有 (沒有, 未有).
fn is_negation(typed: &str) -> bool {
    let t = typed.to_lowercase();
    let bare = t.strip_suffix('有').unwrap_or(&t);
    NEGATORS.contains(&bare)
}

/// The words of a run of free units (`at`: indices into `units`): one English word or
/// number, or a stretch of Han characters.
#[allow(clippy::too_many_arguments)]
fn chunk(
    look: &Lookups,
    dict: &Dict,
    text: &str,
    units: &[Token],
    at: &[usize],
    (typing, near): (bool, bool),
    out: &mut Analysis,
) -> Result<()> {
    let first = &units[at[0]];
    let typed = |a: usize, b: usize| &text[units[at[a]].from..units[at[b]].to];
    if !han(first) {
        return word(look, text, first, typing, out);
    }
    if at.len() == 1 {
        // a lone character: wherever it is, as the first half of a bigram or alone
        let slot = look.index.expand(&first.text)?;
        out.words.push(Word::literal(typed(0, 0), vec![slot]));
        return Ok(());
    }
    let bigrams: Vec<String> = at
        .windows(2)
        .map(|w| format!("{}{}", units[w[0]].text, units[w[1]].text))
        .collect();
    if !look.together(&bigrams)?.is_empty() {
        let slots = bigrams.into_iter().map(|b| vec![b]).collect();
        out.words.push(Word::literal(typed(0, at.len() - 1), slots));
        return Ok(());
    }
    out.incomplete = true;
    if near && mended(dict, text, units, at, out) {
        return Ok(());
    }
    let mut held = Vec::with_capacity(bigrams.len());
    for b in &bigrams {
        held.push(!look.docs(b)?.is_empty());
    }
    for (a, b, indexed) in stretches(&held) {
        // a piece of indexed bigrams a..=b covers characters a..=b+1; a stretch of
        // unindexed ones, the characters no piece covers
        let (from, to) = if indexed {
            (a, b + 1)
        } else {
            (a + usize::from(a > 0), b + usize::from(b + 1 == held.len()))
        };
        let pieces = if indexed {
            held_pieces(look, &bigrams, from, to)?
        } else {
            vec![(from, to)]
        };
        for (x, y) in pieces.into_iter().filter(|(x, y)| y > x) {
            let slots = bigrams[x..y].iter().map(|b| vec![b.clone()]).collect();
            out.words.push(Word::literal(typed(x, y), slots));
        }
    }
    Ok(())
}

/// Bigrams `from..to` (each indexed) cut into the longest runs some plan holds whole, left
/// to right, as (first, end) bigram ranges: a run covers characters first..=end, and the
/// next starts after that character (the bigram between them is held by no plan beside the
/// run). A whole stretch no plan holds would otherwise be a word no plan holds, though its
/// pieces are the query's words (基本工資 and 會議 of 基本工資會議).
fn held_pieces(
    look: &Lookups,
    bigrams: &[String],
    from: usize,
    to: usize,
) -> Result<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let mut x = from;
    while x < to {
        let mut y = x + 1;
        while y < to && !look.together(&bigrams[x..=y])?.is_empty() {
            y += 1;
        }
        out.push((x, y));
        x = y + 1;
    }
    Ok(out)
}

/// A Han stretch no plan holds whole, mended: an agency named by characters of its name
/// taken in order (勞關司), or a word of the table one character away (哺乳事 → 哺乳室),
/// searched as that word and said (did you mean). Whether it was.
fn mended(dict: &Dict, text: &str, units: &[Token], at: &[usize], out: &mut Analysis) -> bool {
    let chunk: Vec<String> = at.iter().map(|&i| units[i].text.to_string()).collect();
    let typed = &text[units[at[0]].from..units[at[at.len() - 1]].to];
    let (phrase, entry) = if let Some((g, name)) = dict.agency_in(&chunk) {
        (name, Entry::Synonym(g))
    } else if let Some((p, e)) = dict.near(&chunk) {
        (p.clone(), *e)
    } else {
        return false;
    };
    let f = Found {
        entry,
        start: 0,
        len: phrase.len(),
    };
    let as_units: Vec<Token> = phrase
        .iter()
        .enumerate()
        .map(|(k, u)| Token {
            text: u.as_str().into(),
            position: k,
            from: 0,
            to: 0,
        })
        .collect();
    phrase_word(dict, &as_units, typed, f, out);
    out.corrections.push((typed.to_string(), phrase.concat()));
    true
}

/// Runs of equal values of `held`: (first, last, value).
fn stretches(held: &[bool]) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    for (k, &h) in held.iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.2 == h => last.1 = k,
            _ => out.push((k, k, h)),
        }
    }
    out
}

/// An English word or a number: its stem, the words it begins while typed, or the indexed
/// word one edit away.
fn word(look: &Lookups, text: &str, unit: &Token, typing: bool, out: &mut Analysis) -> Result<()> {
    let w = unit.text.as_str();
    let term = tokenize::stem(w).into_owned();
    let open = typing && unit.to == text.len();
    let mut slot = if open {
        look.index.expand(&term)?
    } else if !look.docs(&term)?.is_empty() {
        vec![term.clone()]
    } else if term.bytes().all(|b| b.is_ascii_digit()) {
        // a whole number stands for the decimals it truncates: 44% for 44.29%
        look.index.expand(&format!("{term}{DECIMAL}"))?
    } else {
        Vec::new()
    };
    if slot.is_empty() {
        if let Some(c) = look.correction(w)? {
            slot = vec![tokenize::stem(&c).into_owned()];
            // an indexed stem the word begins with is its own form, no slip: subsidy is
            // found as subsid (of subsidize) without a "did you mean" naming the stem
            if !w.starts_with(c.as_str()) {
                out.corrections.push((w.to_string(), c));
            }
        } else {
            slot = vec![term];
        }
    }
    out.words
        .push(Word::literal(&text[unit.from..unit.to], vec![slot]));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::SearchIndex;
    use crate::{Lang, SearchDoc};

    /// An index of plans given by their bodies.
    fn index(lang: Lang, bodies: &[&str]) -> SearchIndex {
        let docs = (bodies.iter().enumerate())
            .map(|(i, body)| SearchDoc {
                url: format!("/plans/111/p{i}/"),
                title: format!("p{i}"),
                agency: 0,
                agency_name: String::new(),
                year: 111,
                year_label: String::new(),
                body: body.to_string(),
                flags: 0,
                quarters: 0,
            })
            .collect();
        SearchIndex::build(lang, docs, vec!["mol".into()]).unwrap()
    }

    /// The analysis of `text` by its own words, and its words as typed.
    fn words(index: &SearchIndex, text: &str) -> (Analysis, Vec<String>) {
        let look = Lookups::new(index);
        let a = analyze(&look, &index.dict, text, (false, false)).unwrap();
        let typed = a.words.iter().map(|w| w.typed.clone()).collect();
        (a, typed)
    }

    #[test]
    fn a_negation_of_a_status_is_no_word_of_its_own() {
        let en = index(Lang::En, &["No. 5 of the plan.", "The plan."]);
        let (a, typed) = words(&en, "no special performance");
        assert_eq!((typed, a.negated), (Vec::<String>::new(), 1 << 4));
        let (a, typed) = words(&en, "pension plan not behind schedule");
        assert_eq!(
            (typed, a.negated),
            (vec!["pension".into(), "plan".into()], 1)
        );
        let zh = index(Lang::Zh, &["沒有落後的計畫", "計畫"]);
        let (a, typed) = words(&zh, "沒有落後");
        assert_eq!((typed, a.negated), (Vec::<String>::new(), 1));
    }

    #[test]
    fn a_whole_number_no_plan_holds_stands_for_the_decimals_it_truncates() {
        let en = index(Lang::En, &["Execution 44.29% in Q1.", "Execution 100%."]);
        let (a, _) = words(&en, "budget execution 44%");
        assert_eq!(a.words[2].alts[0].slots, [["44.29"]]);
        // a number some plan holds is itself
        let (a, _) = words(&en, "100%");
        assert_eq!(a.words[0].alts[0].slots, [["100"]]);
    }

    #[test]
    fn a_han_stretch_no_plan_holds_whole_is_cut_into_pieces_some_plan_holds() {
        // every bigram of 基本工資會議 is indexed, but no plan holds them all
        let zh = index(Lang::Zh, &["基本工資審議", "召開會議", "投資會計"]);
        let (a, typed) = words(&zh, "基本工資會議");
        assert_eq!(typed, ["基本工資", "會議"]);
        assert!(a.incomplete);
    }

    #[test]
    fn stretches_are_runs_of_one_value() {
        assert_eq!(
            stretches(&[true, true, false, true]),
            [(0, 1, true), (2, 2, false), (3, 3, true)]
        );
        assert_eq!(stretches(&[]), []);
    }
}
