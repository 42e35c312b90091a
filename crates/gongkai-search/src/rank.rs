//! Which plans a query finds, and in what order, from its content words ([`super::words`]).
//!
//! A plan holds a word by the word itself (strength 2) or by one of its related terms
//! (strength 1). Each word weighs its IDF over the plans that hold it, in thousandths,
//! `round(1000 · ln(1 + (N − df + 0.5) / (df + 0.5)))`: a rare, specific word counts more
//! than a common one. Words no plan holds are reported (`missing`); they select nothing, and
//! a specific one ([`specific`]) weighs in the quorum as a word no plan holds does. The
//! plans holding every other word are the answer; when none does, those holding words of at
//! least a third of the words' weight, either way, are (`partial`). So "income tax filing
//! deadline" or 職業訓練課程報名 shows no plan holding only "filing" or 職業訓練, and says no
//! plan is about the rest. Plans are ordered by the weight they hold (IDF × strength; one
//! holding less than half the best plan's is left out), then by score: the sum over words of
//! the BM25 scores of the terms it matched by (a related term's halved, unless no record says
//! the word itself), each term's score as the export stores it (tantivy's BM25 × field
//! weights, in thousandths), then by document order.
//!
//! A query not found whole by its own words (no plan holds them all, some word no plan
//! holds, Han text not found whole, or words found by related terms) lists only the plans
//! scoring at least 1 / [`SCORE_FLOOR`] of the best: the rest hold the words it shares
//! with them in passing. In such a query with words no plan holds or Han text not found, a
//! word more than half of the plans hold selects no plan (年終 finds nothing about 年終獎金).
//!
//! A status the query names puts the plans that have it first (whether or not their text has
//! the words; beside words, only those the words found too, when some are); one it names with
//! a negation puts those without it first. Asked in a quarter (第 2 季落後, "Q2 behind
//! schedule"), a delay, a late or a returned report counts only in that quarter
//! ([`asked_quarters`]), and the quarter is no word of its own.
//!
//! The browser computes the same numbers in the same order (`js/search.js`, `rankWords`).

use super::index::{Lookups, Outcome, Query};
use super::tokenize::is_han;
use super::words::{Alt, Analysis};
use crate::error::Result;
use crate::Lang;

/// In a query not found whole by its own words, a plan scoring less than this fraction
/// (1 / SCORE_FLOOR, 85 %) of the best plan's score is left out: it holds the query's words
/// in passing, and a reader asking what no plan says whole is better shown the few plans
/// that match best than a list of guesses. A query found whole by its own words keeps every
/// plan holding them (a reader searching 勞資爭議 is owed every plan that says it).
pub const SCORE_FLOOR: f64 = 1.0 / 0.85;

/// A word no plan holds is the query's subject, not a filler or a slip, from this many Chinese
/// characters in a Chinese query ([`specific`]).
pub const SPECIFIC_HAN: usize = 4;

/// … and from this many Latin letters in an English one.
pub const SPECIFIC_LETTERS: usize = 6;

/// Whether `typed`, a word no plan holds, names a subject no plan is about, and so weighs in
/// the quorum: written in the index's own script (an English index holds no Chinese word, a
/// Chinese one few English words, so another script's word says nothing of the plans), and
/// long enough not to be a filler or a slip (加入工會後被調職, "can my boss fire me").
pub fn specific(typed: &str, lang: Lang) -> bool {
    let han = typed.chars().filter(|&c| is_han(c)).count();
    match lang {
        Lang::Zh => han >= SPECIFIC_HAN,
        Lang::En => {
            han == 0 && typed.chars().filter(char::is_ascii_alphabetic).count() >= SPECIFIC_LETTERS
        }
    }
}

/// A word's weight: its IDF over `n` documents of which `df` hold it, in thousandths.
pub fn idf(df: usize, n: usize) -> u64 {
    let (df, n) = (df as f64, n as f64);
    // at least one: a word every plan holds still counts
    (((1.0 + (n - df + 0.5) / (df + 0.5)).ln() * 1000.0).round() as u64).max(1)
}

/// The documents holding every slot of `alt`, as bits.
fn alt_bits(look: &Lookups, alt: &Alt) -> Result<Vec<u64>> {
    let n = look.index.docs.len();
    let mut every = vec![!0u64; n.div_ceil(64)];
    for slot in &alt.slots {
        let mut any = vec![0u64; every.len()];
        for t in slot {
            any.iter_mut()
                .zip(look.bits(t)?.iter())
                .for_each(|(a, b)| *a |= b);
        }
        every.iter_mut().zip(&any).for_each(|(e, a)| *e &= a);
    }
    if alt.slots.is_empty() {
        every.fill(0);
    }
    Ok(every)
}

/// How many documents hold every slot of `alt`.
pub fn holding_count(look: &Lookups, alt: &Alt) -> Result<usize> {
    Ok(alt_bits(look, alt)?
        .iter()
        .map(|w| w.count_ones() as usize)
        .sum())
}

/// Whether an analysis leaves some of the query's own text not found: Han text not found
/// whole, a word no plan holds, or words no one plan holds together ("report my employer for
/// breaking labor law": each word is somewhere, the subject nowhere). Such a query is
/// analysed again with the related terms.
pub fn wanting(look: &Lookups, a: &Analysis) -> Result<bool> {
    if a.incomplete {
        return Ok(true);
    }
    let mut together: Option<Vec<u64>> = None;
    for w in &a.words {
        let mut any = vec![0u64; look.index.docs.len().div_ceil(64)];
        for alt in &w.alts {
            any.iter_mut()
                .zip(alt_bits(look, alt)?)
                .for_each(|(a, b)| *a |= b);
        }
        if any.iter().all(|&b| b == 0) {
            return Ok(true);
        }
        together = Some(match together {
            None => any,
            Some(t) => t.iter().zip(&any).map(|(x, y)| x & y).collect(),
        });
    }
    Ok(a.words.len() > 1 && together.is_some_and(|t| t.iter().all(|&b| b == 0)))
}

fn has(bits: &[u64], d: usize) -> bool {
    bits[d / 64] >> (d % 64) & 1 == 1
}

/// One word's holding: per alternative, the documents holding it.
struct Holding<'a> {
    alts: Vec<(&'a Alt, Vec<u64>)>,
    /// Whether no document holds the word itself: a lay word no record says (歧視, 加班) is
    /// read by its related terms alone, and they hold it at the word's own strength.
    sole: bool,
}

impl<'a> Holding<'a> {
    /// Whether `alt` holds the word in full (its own terms, or a related term of a
    /// [`sole`](Holding::sole) word), or at half its strength and score.
    fn in_full(&self, alt: &Alt) -> bool {
        !alt.related || self.sole
    }

    /// 2 when document `d` holds the word [in full](Holding::in_full), 1 by a related term,
    /// else 0.
    fn strength(&self, d: usize) -> u64 {
        self.alts
            .iter()
            .filter(|(_, b)| has(b, d))
            .map(|(a, _)| if self.in_full(a) { 2 } else { 1 })
            .max()
            .unwrap_or(0)
    }

    /// The score of document `d` for the word: its own terms' (sum over slots and their
    /// terms), or else the best of its related terms', halved unless held
    /// [in full](Holding::in_full).
    fn score(&self, look: &Lookups, d: usize) -> Result<f64> {
        let mut best: f64 = 0.0;
        for (alt, bits) in &self.alts {
            if !has(bits, d) {
                continue;
            }
            let mut sum: u64 = 0;
            for t in alt.slots.iter().flatten() {
                sum += u64::from(look.scores(t)?.get(&d).copied().unwrap_or(0));
            }
            let sum = if self.in_full(alt) {
                sum as f64
            } else {
                sum as f64 / 2.0
            };
            if !alt.related {
                return Ok(sum);
            }
            best = best.max(sum);
        }
        Ok(best)
    }
}

/// A document considered: (weight held, score, document).
type Scored = (u64, f64, usize);

/// Ranks the plans for `a`, the analysis of `q`, under `q`'s filters.
pub fn rank(look: &Lookups, a: &Analysis, q: &Query, limit: usize) -> Result<Outcome> {
    let index = look.index;
    let n = index.docs.len();
    let mut held = Vec::with_capacity(a.words.len());
    for w in &a.words {
        let alts = w
            .alts
            .iter()
            .map(|alt| Ok((alt, alt_bits(look, alt)?)))
            .collect::<Result<Vec<_>>>()?;
        let sole = !(alts.iter()).any(|(alt, bits)| !alt.related && bits.iter().any(|&b| b != 0));
        held.push(Holding { alts, sole });
    }
    let w = Weighing::new(&held, a, n, index.lang);
    let missing = w.missing(a);
    let full = |d: usize| w.live.iter().all(|&i| held[i].strength(d) > 0);
    let exact = (0..n).any(full);
    let filter = Filter::new(look, q);
    // a plan holding less than half the weight the best one holds, or, in a query not found
    // whole by its own words, scoring less than 1 / [`SCORE_FLOOR`] of the best score among
    // those, is noise (filters aside, so that the counts per filter agree)
    let mut found: Vec<Scored> = Vec::new();
    for d in (0..n).filter(|&d| w.takes(&held, d, exact && !full(d))) {
        let mut score = 0.0;
        for &i in &w.live {
            score += held[i].score(look, d)?;
        }
        found.push((w.held(&held, d), score, d));
    }
    let best = found.iter().map(|f| f.0).max().unwrap_or(0);
    found.retain(|f| 2 * f.0 >= best);
    let loose =
        !exact || !missing.is_empty() || a.incomplete || a.words.iter().any(|x| x.alts.len() > 1);
    let top = if loose {
        found.iter().map(|f| f.1).fold(0.0f64, f64::max)
    } else {
        0.0
    };
    found.retain(|f| f.1 * SCORE_FLOOR >= top);
    // a status named beside words: the plans having both, when some do (filters aside)
    let qs = asked_quarters(a);
    let both = a.named != 0 && (found.iter()).any(|f| has_status(&index.docs[f.2], a.named, qs));
    let mut scored: Vec<Scored> = found.into_iter().filter(|f| filter.passes(f.2)).collect();
    order(&mut scored);
    let lists = Lists {
        scored,
        no_words: w.live.is_empty(),
        both,
    };
    let mut hits = statuses(look, a, &filter, lists, &held)?;
    let total = hits.len();
    hits.truncate(limit);
    Ok(Outcome {
        total,
        hits,
        partial: !exact && w.live.len() >= 2,
        missing,
    })
}

/// The words' weights, and which of them select plans.
struct Weighing {
    /// Each word's IDF.
    weights: Vec<u64>,
    /// Each word's number of plans.
    dfs: Vec<usize>,
    /// The words that select plans: held by some plan, and, in a query naming a status or
    /// holding text no plan holds, held by at most half of the plans (the status selects,
    /// not 目標 or "submitted"; 年終 in 年終獎金 says nothing of bonuses).
    live: Vec<usize>,
    /// The weight a plan must hold a third of: the live words', and, for each [`specific`]
    /// word no plan holds, the weight of a word no plan holds (a short one is said, not
    /// counted: a filler or a slip would otherwise hide every plan).
    total: u64,
}

impl Weighing {
    fn new(held: &[Holding], a: &Analysis, n: usize, lang: Lang) -> Weighing {
        let dfs: Vec<usize> = held
            .iter()
            .map(|h| (0..n).filter(|&d| h.strength(d) > 0).count())
            .collect();
        let weights: Vec<u64> = dfs.iter().map(|&df| idf(df, n)).collect();
        // a quarter the query asks a status in narrows the status, it selects nothing itself
        let asked = asked_quarters(a) != 0;
        let quarter = |i: usize| asked && quarter_of(&a.words[i]).is_some();
        // beside a status, or text no plan holds, a word most plans hold tells none apart
        let wanting = a.incomplete || dfs.contains(&0);
        let common = a.named | a.negated != 0 || wanting;
        let live: Vec<usize> = (0..held.len())
            .filter(|&i| dfs[i] > 0 && !(common && 2 * dfs[i] > n) && !quarter(i))
            .collect();
        let unheld = (0..held.len())
            .filter(|&i| dfs[i] == 0 && !quarter(i) && specific(&a.words[i].typed, lang))
            .count() as u64;
        let total = live.iter().map(|&i| weights[i]).sum::<u64>() + unheld * idf(0, n);
        Weighing {
            weights,
            dfs,
            live,
            total,
        }
    }

    /// The words no plan holds, as typed (a quarter asked of a status is not a word).
    fn missing(&self, a: &Analysis) -> Vec<String> {
        let asked = asked_quarters(a) != 0;
        (0..self.dfs.len())
            .filter(|&i| self.dfs[i] == 0 && !(asked && quarter_of(&a.words[i]).is_some()))
            .map(|i| a.words[i].typed.clone())
            .collect()
    }

    /// The weight document `d` holds: IDF × strength over the live words.
    fn held(&self, held: &[Holding], d: usize) -> u64 {
        self.live
            .iter()
            .map(|&i| self.weights[i] * held[i].strength(d))
            .sum()
    }

    /// Whether document `d` is found: it holds words (either way) of at least a third of the
    /// total weight; `short`: some plan holds every live word and this one does not.
    fn takes(&self, held: &[Holding], d: usize, short: bool) -> bool {
        let quorum: u64 = self
            .live
            .iter()
            .filter(|&&i| held[i].strength(d) > 0)
            .map(|&i| self.weights[i])
            .sum();
        !short && quorum > 0 && 3 * quorum >= self.total
    }
}

/// Weight held, then score (both descending), then document order.
fn order(scored: &mut [Scored]) {
    scored.sort_by(|x, y| y.0.cmp(&x.0).then(y.1.total_cmp(&x.1)).then(x.2.cmp(&y.2)));
}

/// The plans the words found, and how a named status is to meet them.
struct Lists {
    /// The plans the words found, under the filters, in order.
    scored: Vec<Scored>,
    /// Whether no word of the query selects plans.
    no_words: bool,
    /// Whether some plan the words found has a status the query names: then only the plans
    /// having both are listed.
    both: bool,
}

/// The plans a named status puts first (those having it, found by the words or not; only
/// those found by the words when some are, see [`Lists::both`]), those a negated one puts
/// first (found by the words and lacking it), then the rest. A query none of whose words
/// selects plans lists the plans of its statuses (under the filters), or, with filters, no
/// status and no word at all, every plan under the filters.
fn statuses(
    look: &Lookups,
    a: &Analysis,
    filter: &Filter,
    lists: Lists,
    held: &[Holding],
) -> Result<Vec<super::index::Hit>> {
    let docs = &look.index.docs;
    let qs = asked_quarters(a);
    let flagged = |d: usize| has_status(&docs[d], a.named, qs);
    let lacking = |d: usize| !has_status(&docs[d], a.negated, qs);
    let Lists {
        scored,
        no_words,
        both,
    } = lists;
    let by_words: std::collections::HashSet<usize> = scored.iter().map(|s| s.2).collect();
    let mut out: Vec<Scored> = Vec::new();
    if a.named != 0 {
        let listed = |d: usize| flagged(d) && filter.passes(d) && (!both || by_words.contains(&d));
        for d in (0..docs.len()).filter(|&d| listed(d)) {
            let mut score = 0.0;
            for h in held {
                score += h.score(look, d)?;
            }
            out.push((0, score, d));
        }
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)).then(x.2.cmp(&y.2)));
    }
    let rest: Vec<Scored> = if no_words {
        // filters alone list their plans; words no plan holds list none
        let listed = a.negated != 0 || a.named == 0 && filter.any() && a.words.is_empty();
        (0..docs.len())
            .filter(|&d| listed && filter.passes(d) && lacking(d) && !flagged(d))
            .map(|d| (0, 0.0, d))
            .collect()
    } else if both {
        Vec::new()
    } else {
        scored.into_iter().filter(|s| !flagged(s.2)).collect()
    };
    let (first, second): (Vec<Scored>, Vec<Scored>) = if a.negated != 0 {
        rest.into_iter().partition(|s| lacking(s.2))
    } else {
        (rest, Vec::new())
    };
    Ok(out
        .into_iter()
        .chain(first)
        .chain(second)
        .map(|(_, score, doc)| super::index::Hit {
            doc,
            score: score as f32,
        })
        .collect())
}

/// The quarter word `w` is (`q1` … `q4`, from `Q3` or 第 3 季), if it is one.
fn quarter_of(w: &super::words::Word) -> Option<u8> {
    match w.alts.as_slice() {
        [alt] if !alt.related && alt.slots.len() == 1 && alt.slots[0].len() == 1 => {
            super::tokenize::QUARTER.of_term(&alt.slots[0][0])
        }
        _ => None,
    }
}

/// The quarters a query asks its statuses in (bit `q − 1`): those its words name, when it
/// names (or negates) a status the facts give per quarter; else none.
pub fn asked_quarters(a: &Analysis) -> u8 {
    let quarterly = (1u16 << super::status::QUARTERLY) - 1;
    if (a.named | a.negated) & quarterly == 0 {
        return 0;
    }
    a.words
        .iter()
        .filter_map(quarter_of)
        .fold(0, |m, q| m | 1 << (q - 1))
}

/// Whether `doc` has a status of `mask`: a quarterly one, when quarters `qs` are asked, in
/// one of them.
fn has_status(doc: &super::SearchDoc, mask: u16, qs: u8) -> bool {
    let quarterly = (1u16 << super::status::QUARTERLY) - 1;
    if qs == 0 {
        return doc.flags & mask != 0;
    }
    let in_quarter = (0..super::status::QUARTERLY)
        .filter(|s| mask >> s & 1 == 1)
        .flat_map(|s| {
            (0..4)
                .filter(move |q| qs >> q & 1 == 1)
                .map(move |q| 4 * s + q)
        })
        .any(|bit| doc.quarters >> bit & 1 == 1);
    in_quarter || doc.flags & mask & !quarterly != 0
}

/// A query's agency, year and status filters over an index's documents.
pub struct Filter<'a> {
    docs: &'a [super::SearchDoc],
    /// The status filter's bit, 0 when none is set.
    status: u16,
    agency: Option<Option<usize>>,
    year: Option<u32>,
}

impl<'a> Filter<'a> {
    /// `q`'s filters.
    pub fn new(look: &Lookups<'a>, q: &Query) -> Self {
        let index = look.index;
        let status = (q.filters.status.as_deref())
            .and_then(super::status::index_of)
            .map_or(0u16, |s| 1 << s);
        let agency = (q.filters.agency.as_ref())
            .map(|slug| index.agency_slugs.iter().position(|s| s == slug));
        Filter {
            docs: &index.docs,
            status,
            agency,
            year: q.filters.year,
        }
    }

    /// Whether some filter is set.
    pub fn any(&self) -> bool {
        self.status != 0 || self.agency.is_some() || self.year.is_some()
    }

    /// Whether document `d` passes every filter.
    pub fn passes(&self, d: usize) -> bool {
        let doc = &self.docs[d];
        !(self.agency.is_some_and(|a| a != Some(doc.agency))
            || self.year.is_some_and(|y| y != doc.year)
            || self.status != 0 && doc.flags & self.status == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{Filters, Query, SearchIndex};
    use crate::{Lang, SearchDoc};

    /// An English index of plans given as (title, body), all of one agency and year.
    fn index(plans: &[(&str, &str)]) -> SearchIndex {
        let docs = (plans.iter().enumerate())
            .map(|(i, (title, body))| SearchDoc {
                url: format!("/plans/111/p{i}/"),
                title: title.to_string(),
                agency: 0,
                agency_name: "Ministry".into(),
                year: 111,
                year_label: "2022".into(),
                body: body.to_string(),
                flags: 0,
                quarters: 0,
            })
            .collect();
        SearchIndex::build(Lang::En, docs, vec!["mol".into()]).unwrap()
    }

    /// The documents `text` finds, best first, and what no plan holds.
    fn found(index: &SearchIndex, text: &str, filters: Filters) -> (Vec<usize>, Vec<String>) {
        let q = Query {
            text: text.into(),
            filters,
            ..Query::default()
        };
        let (_, o) = index.run(&q, 10).unwrap();
        assert_eq!(o.total, o.hits.len());
        (o.hits.iter().map(|h| h.doc).collect(), o.missing)
    }

    #[test]
    fn a_query_with_a_word_no_plan_holds_lists_only_the_plans_matching_best() {
        // the plan holding "pension" in passing is left out; said whole, it is listed
        let idx = index(&[
            ("Pension fund", "The pension fund pays the pensions of retired workers."),
            ("Office building", "The ministry bought an office building, saving rent; its staff have a pension plan, and the building has meeting rooms, a library and a canteen for visitors."),
            ("Mediation", "Disputes are mediated."),
            ("Training", "Courses for union leaders."),
        ]);
        let (docs, missing) = found(&idx, "pension zzzz", Filters::default());
        assert_eq!((docs, missing), (vec![0], vec!["zzzz".to_string()]));
        assert_eq!(found(&idx, "pension", Filters::default()).0, [0, 1]);
    }

    #[test]
    fn a_word_most_plans_hold_selects_nothing_beside_a_word_no_plan_holds() {
        let idx = index(&[
            ("Pension fund", "The budget of the pension fund."),
            ("Office building", "The budget of the building."),
            ("Mediation", "The budget for mediation."),
            ("Training", "Courses for union leaders."),
        ]);
        // "budget" tells none of the three apart: nothing is about "bonus"
        let (docs, missing) = found(&idx, "budget bonus", Filters::default());
        assert_eq!((docs, missing), (vec![], vec!["bonus".to_string()]));
        // asked alone, every plan holding it is listed
        assert_eq!(found(&idx, "budget", Filters::default()).0.len(), 3);
    }

    #[test]
    fn a_plan_holding_a_third_of_a_partial_querys_weight_is_found() {
        // no plan holds both words; "mediation" (two plans) weighs 0.40 of the query beside
        // "retirement" (one plan)
        let idx = index(&[
            ("Savings", "The fund keeps savings for workers of every trade until their retirement, which the law sets at sixty-five years of age."),
            ("Mediation", "Disputes go to mediation."),
            ("Mediation service", "Mediation of disputes online, mediation by video."),
            ("Training", "Courses for union leaders."),
            ("Office", "The office building."),
            ("Safety", "Machine safety."),
        ]);
        let (docs, _) = found(&idx, "retirement mediation", Filters::default());
        // (with half, the one plan holding "retirement" in passing was the answer)
        assert!(matches!(docs.first(), Some(1 | 2)), "{docs:?}");
    }

    #[test]
    fn filters_alone_list_their_plans_but_words_no_plan_holds_list_none() {
        let idx = index(&[("Pension fund", "Pensions."), ("Mediation", "Disputes.")]);
        let year = Filters {
            year: Some(111),
            ..Filters::default()
        };
        assert_eq!(found(&idx, "", year.clone()).0, [0, 1]);
        assert_eq!(found(&idx, "zzzz", year).0, Vec::<usize>::new());
    }

    #[test]
    fn rare_words_weigh_more() {
        assert!(idf(1, 20) > idf(10, 20));
        assert!(idf(10, 20) > idf(20, 20));
        assert_eq!(
            idf(20, 20),
            ((1.0f64 + 0.5 / 20.5).ln() * 1000.0).round() as u64
        );
    }
}
