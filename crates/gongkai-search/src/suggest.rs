//! No dead ends: what a query that finds nothing, or only part of what it asks, is offered
//! instead. Every suggestion is a query that finds plans (under the same filters), with its
//! number of plans, so a button can run it:
//!
//! - **near** terms: the query with one Han character replaced, inserted or dropped so that
//!   every bigram of a run of three characters or more is indexed (勞資爭義 → 勞資爭議), or an English word replaced by
//!   an indexed word one edit away (two for long words) with the same first two letters
//!   (`labr` → `labor`): the typo pass of [`super::index`] generalised to Chinese and to
//!   short words;
//! - **synonyms**: the other members of a group (or of an agency's names) the query holds;
//! - **pieces**: the longest pieces of the query the index holds, stop words aside (年金改革 → 年金; `low budget
//!   execution` → `budget execution`; a word the typo pass corrects as its correction), and
//!   each word of a piece of several words.
//!
//! Everything here reads only what the browser's client can read cheaply (the index's terms,
//! by prefix, and their document counts), and `js/search.js` (`Engine.suggest`) follows the
//! same steps in the same order, so the suggestions are equal (tests/search_parity.rs).

use super::index::{Lookups, Outcome, Query, SearchIndex};
use super::tokenize::{self, Run};
use crate::error::Result;

/// At most this many suggestions are offered.
pub const MAX_SUGGESTIONS: usize = 5;
/// Per place of a Han edit, the characters tried: those following the previous character in
/// the most documents (the browser reads a shard per try).
pub const NEAR_PER_PLACE: usize = 6;
/// Per English word no plan holds, the near words offered: those the most documents hold.
pub const NEAR_WORDS: usize = 3;
/// An English word shorter than this gets no near words (any short word is near another).
pub const NEAR_MIN_LETTERS: usize = 3;
/// An English word this long may be two edits from its near words.
pub const TWO_EDITS_LETTERS: usize = 8;

/// What a suggestion stands for, in the order they are offered.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The query with a slip mended.
    Near,
    /// Another word of a synonym group (or an agency's name) the query holds.
    Synonym,
    /// A piece of the query the index holds.
    Piece,
}

/// One suggestion: a query to run instead.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Suggestion {
    /// The query.
    pub query: String,
    /// Why it is offered.
    pub kind: Kind,
    /// The plans it finds, under the same filters.
    pub plans: usize,
}

/// The suggestions for `q`, whose answer was `outcome`: none when it found plans holding every
/// word; else at most [`MAX_SUGGESTIONS`], by [`Kind`], then most plans first, then in the
/// order they were found.
pub fn suggest(index: &SearchIndex, q: &Query, outcome: &Outcome) -> Result<Vec<Suggestion>> {
    let text = tokenize::bounded(&q.text).0;
    if text.trim().is_empty() || outcome.total > 0 && !outcome.partial && outcome.missing.is_empty()
    {
        return Ok(Vec::new());
    }
    let runs = tokenize::runs(text);
    let look = Look {
        index,
        lookups: Lookups::new(index),
    };
    let mut offered = Vec::new();
    for run in &runs {
        if run.han {
            han_near(&look, text, run, &mut offered)?;
        } else {
            word_near(&look, text, run, &mut offered)?;
        }
    }
    synonyms(index, text, &mut offered);
    pieces(&look, text, &runs, &mut offered)?;
    evaluate(&look, q, text, offered)
}

/// Documents, by number, in order.
type Docs = Vec<usize>;

/// The documents both `a` and `b` hold (both in order).
fn common(a: &[usize], b: &[usize]) -> Docs {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                (i, j) = (i + 1, j + 1);
            }
        }
    }
    out
}

/// The index's terms as the client reads them.
struct Look<'a> {
    index: &'a SearchIndex,
    /// Each lookup made once: a query's runs, and the queries offered, look up the same terms
    /// again and again.
    lookups: Lookups<'a>,
}

impl Look<'_> {
    /// The documents holding `term` in any field.
    fn docs(&self, term: &str) -> Result<std::rc::Rc<Docs>> {
        self.lookups.docs(term)
    }

    fn holds(&self, term: &str) -> Result<bool> {
        Ok(!self.docs(term)?.is_empty())
    }

    /// Whether an English word (or its stem) is indexed.
    fn word_held(&self, word: &str) -> Result<bool> {
        Ok(self.holds(&tokenize::stem(word))? || self.holds(word)?)
    }

    /// The indexed terms beginning with `prefix` that `keep` accepts, at most `n`: those
    /// held by the most documents (of `context`, when given; none outside it), then in
    /// code-point order.
    fn best(
        &self,
        prefix: &str,
        keep: impl Fn(&str) -> bool,
        n: usize,
        context: Option<&Docs>,
    ) -> Result<Vec<String>> {
        let mut found = Vec::new();
        for t in self.index.with_prefix(prefix, usize::MAX)? {
            if !keep(&t) {
                continue;
            }
            let docs = self.docs(&t)?;
            let score = context.map_or(docs.len(), |c| common(&docs, c).len());
            if score > 0 {
                found.push((score, t));
            }
        }
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(found.into_iter().take(n).map(|f| f.1).collect())
    }

    /// The characters `x` after `a` (the bigram `ax` indexed), `x` not `except`, best first
    /// (see [`Self::best`]).
    fn followers(
        &self,
        a: char,
        except: Option<char>,
        context: Option<&Docs>,
    ) -> Result<Vec<char>> {
        let keep = |t: &str| {
            let cs: Vec<char> = t.chars().collect();
            cs.len() == 2 && tokenize::is_han(cs[1]) && Some(cs[1]) != except
        };
        Ok(self
            .best(&a.to_string(), keep, NEAR_PER_PLACE, context)?
            .iter()
            .filter_map(|t| t.chars().nth(1))
            .collect())
    }
}

fn bigram(a: char, b: char) -> String {
    [a, b].iter().collect()
}

/// `text` with the bytes `from..to` replaced by `with`.
fn replaced(text: &str, from: usize, to: usize, with: &str) -> String {
    format!("{}{with}{}", &text[..from], &text[to..])
}

/// The bytes of `text` a run covers.
fn range(run: &Run) -> (usize, usize) {
    (run.chars[0].1, run.chars[run.chars.len() - 1].2)
}

/// One-character edits of a Han run with unindexed bigrams that leave every bigram indexed:
/// a character inserted where one bigram is missing, a character replaced (not the first,
/// whose candidates no prefix lists), an inner character dropped. Candidates follow the
/// character before them in the documents that hold the run's indexed bigrams.
fn han_near(look: &Look, text: &str, run: &Run, out: &mut Vec<(Kind, String)>) -> Result<()> {
    let c: Vec<char> = run.chars.iter().map(|x| x.0).collect();
    let l = c.len();
    // two characters mended would share one with the query: no suggestion shares only one
    if l < 3 {
        return Ok(());
    }
    let mut miss = Vec::new();
    let mut context: Option<Docs> = None;
    for k in 0..l - 1 {
        let docs = look.docs(&bigram(c[k], c[k + 1]))?;
        if docs.is_empty() {
            miss.push(k);
        } else {
            context = Some(match context {
                Some(ctx) => common(&ctx, &docs),
                None => (*docs).clone(),
            });
        }
    }
    if miss.is_empty() {
        return Ok(());
    }
    let ctx = context.as_ref();
    let within = |a: usize, b: usize| miss.iter().all(|&k| k == a || k == b);
    let (from, to) = range(run);
    let mut push = |e: Vec<char>| {
        let e: String = e.into_iter().collect();
        out.push((Kind::Near, replaced(text, from, to, &e)));
    };
    for g in 0..l - 1 {
        if miss != [g] {
            continue;
        }
        for x in look.followers(c[g], None, ctx)? {
            if look.holds(&bigram(x, c[g + 1]))? {
                let mut e = c.clone();
                e.insert(g + 1, x);
                push(e);
            }
        }
    }
    for i in 1..l {
        if !within(i - 1, i) {
            continue;
        }
        for x in look.followers(c[i - 1], Some(c[i]), ctx)? {
            if i + 1 == l || look.holds(&bigram(x, c[i + 1]))? {
                let mut e = c.clone();
                e[i] = x;
                push(e);
            }
        }
    }
    for i in 1..l - 1 {
        if within(i - 1, i) && look.holds(&bigram(c[i - 1], c[i + 1]))? {
            let mut e = c.clone();
            e.remove(i);
            push(e);
        }
    }
    Ok(())
}

/// Whether the lower-case ASCII words `a` and `b` are at most `max` edits apart (insertion,
/// deletion, replacement, or a swap of neighbours: the optimal string alignment distance).
pub fn within_edits(a: &str, b: &str, max: usize) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // rows i-2, i-1 and i of the distance table
    let mut rows = vec![vec![0usize; b.len() + 1]; 3];
    rows[1] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        rows[2][0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[1][j] + 1)
                .min(rows[2][j - 1] + 1)
                .min(rows[1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[0][j - 2] + 1);
            }
            rows[2][j] = d;
        }
        rows.rotate_left(1);
    }
    rows[1][b.len()] <= max
}

fn lower_ascii(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_lowercase())
}

/// For an English word no plan holds: the indexed words near it (see [`within_edits`]) with
/// the same first two letters, the query with the word replaced by each.
fn word_near(look: &Look, text: &str, run: &Run, out: &mut Vec<(Kind, String)>) -> Result<()> {
    let w = run.text();
    if w.len() < NEAR_MIN_LETTERS || !lower_ascii(&w) || look.word_held(&w)? {
        return Ok(());
    }
    let max = if w.len() >= TWO_EDITS_LETTERS { 2 } else { 1 };
    let keep = |t: &str| t != w && lower_ascii(t) && within_edits(&w, t, max);
    let (from, to) = range(run);
    for t in look.best(&w[..2], keep, NEAR_WORDS, None)? {
        out.push((Kind::Near, replaced(text, from, to, &t)));
    }
    Ok(())
}

/// A member's units as a query: Han characters together, words apart.
pub fn member_text(units: &[String]) -> String {
    let mut s = String::new();
    for u in units {
        let han = |c: Option<char>| c.is_some_and(tokenize::is_han);
        // no space before the first unit, nor between two Han characters
        let joined = s.is_empty() || han(s.chars().last()) && han(u.chars().next());
        if !joined {
            s.push(' ');
        }
        s.push_str(u);
    }
    s
}

/// The other members of each group (the index holds) a member of which the query holds.
fn synonyms(index: &SearchIndex, text: &str, out: &mut Vec<(Kind, String)>) {
    let syn = &index.query_synonyms;
    let units = tokenize::units(text);
    for f in syn.in_query(&units) {
        let typed: Vec<&str> = units[f.start..f.start + f.len]
            .iter()
            .map(|u| u.text.as_str())
            .collect();
        for m in &syn.groups[f.group].members {
            if *m != typed {
                out.push((Kind::Synonym, member_text(m)));
            }
        }
    }
}

/// The longest pieces of the query whose every token is indexed (or inside a synonym the
/// index holds): in a Han run, each longest run of indexed bigrams; among consecutive words,
/// each longest run of indexed words (a word the typo pass corrects counts, as its
/// correction), and each of its words alone when it has several.
fn pieces(look: &Look, text: &str, runs: &[Run], out: &mut Vec<(Kind, String)>) -> Result<()> {
    let units = tokenize::units(text);
    let covered: Vec<(usize, usize)> = look
        .index
        .query_synonyms
        .in_query(&units)
        .iter()
        .map(|f| (units[f.start].position, units[f.start + f.len - 1].position))
        .collect();
    let inside = |a: usize, b: usize| covered.iter().any(|&(s, e)| s <= a && b <= e);
    let mut fixes: Vec<Option<String>> = vec![None; runs.len()];
    // the current run of indexed words: (first, last) run index
    let mut words: Option<(usize, usize)> = None;
    for (r, run) in runs.iter().enumerate() {
        // a stop word holds no topic: it ends a piece and is never one
        let stop = !run.han && super::stop::is_stop(&run.text());
        let mut held = !run.han
            && !stop
            && (look.word_held(&run.text())? || inside(run.position, run.position));
        if !run.han && !held && !stop {
            fixes[r] = look.lookups.correction(&run.text())?;
            held = fixes[r].is_some();
        }
        if !held {
            if let Some((a, b)) = words.take() {
                word_piece(text, runs, &fixes, (a, b), out);
            }
        } else {
            words = Some((words.map_or(r, |w| w.0), r));
        }
        if run.han && run.chars.len() >= 2 {
            let c = &run.chars;
            let mut start = None;
            for k in 0..c.len() {
                let held = k + 1 < c.len()
                    && (look.holds(&bigram(c[k].0, c[k + 1].0))?
                        || inside(run.position + k, run.position + k + 1));
                match (held, start) {
                    (true, None) => start = Some(k),
                    (false, Some(a)) => {
                        let piece = &text[c[a].1..c[k].2];
                        if !super::stop::is_stop(&tokenize::normalize(piece)) {
                            out.push((Kind::Piece, piece.to_string()));
                        }
                        start = None;
                    }
                    _ => {}
                }
            }
        }
    }
    if let Some(w) = words {
        word_piece(text, runs, &fixes, w, out);
    }
    Ok(())
}

/// The words `runs[a..=b]` as one piece (corrected words as their correction, `fixes`), and
/// each alone when they are several.
fn word_piece(
    text: &str,
    runs: &[Run],
    fixes: &[Option<String>],
    (a, b): (usize, usize),
    out: &mut Vec<(Kind, String)>,
) {
    let word = |r: usize| {
        let (from, to) = range(&runs[r]);
        fixes[r]
            .clone()
            .unwrap_or_else(|| text[from..to].to_string())
    };
    let mut piece = String::new();
    let mut at = range(&runs[a]).0;
    for (r, run) in runs.iter().enumerate().take(b + 1).skip(a) {
        let (from, to) = range(run);
        if from < at {
            // a run that begins inside the character the run before ends with (one typed
            // character can be several words: ¼ is 1⁄4, ㎧ is m∕s): that character is in
            // already, and the rest of the run goes in as typed
            if to > at {
                piece.push_str(&text[at..to]);
                at = to;
            }
            continue;
        }
        piece.push_str(&text[at..from]);
        piece.push_str(&word(r));
        at = to;
    }
    out.push((Kind::Piece, piece));
    if b > a {
        out.extend((a..=b).map(|r| (Kind::Piece, word(r))));
    }
}

/// Runs each offered query under `q`'s filters and keeps, once each, those that find plans
/// holding every word (a piece finding every plan narrows nothing, and is left out).
fn evaluate(
    look: &Look,
    q: &Query,
    text: &str,
    offered: Vec<(Kind, String)>,
) -> Result<Vec<Suggestion>> {
    let mut seen = std::collections::HashSet::from([text.trim().to_string()]);
    let mut out = Vec::new();
    for (kind, s) in offered {
        let s = s.trim().to_string();
        if s.is_empty() || !seen.insert(s.clone()) {
            continue;
        }
        // run as the button submits it: whole words, none still being typed (as the client
        // counts it), under the same filters
        let ask = Query {
            text: s.clone(),
            typing: false,
            ..q.clone()
        };
        // what `index.run` would answer, from the lookups already made
        let (_, o) = look.lookups.run(&ask, 0)?;
        let (total, partial) = (o.total, o.partial || !o.missing.is_empty());
        if total == 0 || partial || kind == Kind::Piece && total >= look.index.docs.len() {
            continue;
        }
        out.push(Suggestion {
            query: s,
            kind,
            plans: total,
        });
    }
    // stable: among as many plans, the order they were offered in (the best candidates first)
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then(b.plans.cmp(&a.plans)));
    out.truncate(MAX_SUGGESTIONS);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_count_insertions_deletions_replacements_and_swaps() {
        assert!(within_edits("labr", "labor", 1));
        assert!(within_edits("pensoin", "pension", 1));
        assert!(!within_edits("pensoin", "pension", 0));
        assert!(!within_edits("insurence", "insure", 2));
        assert!(within_edits("emploiyment", "employment", 2));
        assert!(!within_edits("abcdef", "badcfe", 2));
        assert!(within_edits("", "ab", 2));
    }

    /// The piece of all of `text`'s runs, none corrected.
    fn whole_piece(text: &str) -> String {
        let runs = tokenize::runs(text);
        let fixes = vec![None; runs.len()];
        let mut out = Vec::new();
        word_piece(text, &runs, &fixes, (0, runs.len() - 1), &mut out);
        out.swap_remove(0).1
    }

    #[test]
    fn a_piece_is_the_text_its_words_span_when_one_character_is_several_words() {
        // ¼ is 1⁄4 and ㎧ is m∕s: runs of one typed character, ending or beginning inside it
        // (once sliced backwards: a panic)
        for text in [
            "¼",
            "a ¼ b",
            "¼x",
            "x¼",
            "㎧",
            "㎧x",
            "x㎧",
            "¼㎧x",
            "pension ¼ ﬄzzz",
        ] {
            let runs = tokenize::runs(text);
            let from = range(&runs[0]).0;
            let to = range(&runs[runs.len() - 1]).1;
            assert_eq!(whole_piece(text), &text[from..to], "{text:?}");
        }
    }

    #[test]
    fn members_read_as_queries() {
        let m = |v: &[&str]| member_text(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(m(&["勞", "保"]), "勞保");
        assert_eq!(m(&["child", "care"]), "child care");
        assert_eq!(m(&["iso", "27001", "資", "安"]), "iso 27001 資安");
    }
}
