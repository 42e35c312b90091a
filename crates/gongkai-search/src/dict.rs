//! The phrases a query is segmented against, longest first: stop words ([`super::stop`]),
//! synonym members and agency names ([`super::synonyms`]), the review's status words
//! ([`super::status`]) and, once a query's own words are not all found, the lay words of the
//! related-terms file ([`super::related`]). What is left between them is the query's own
//! words, searched as they are (see [`super::words`]). The browser builds the same table from
//! the manifest (`js/search.js`).

use super::tokenize::Token;
use std::collections::HashMap;

/// What a phrase of the table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    /// A member of the synonym group with this index (its key is searched).
    Synonym(usize),
    /// A lay word of the related-terms file, by index.
    Related(usize),
    /// A status word of the status with this index ([`super::status::STATUSES`]).
    Status(usize),
    /// A stop word.
    Stop,
    /// A name every plan is about (the ministry's): a word only when the query has no other.
    Context,
    /// A word naming the absence of the status with this index (on schedule, 如期).
    Opposite(usize),
}

/// The phrases, by their first unit, each list longest first then by entry.
#[derive(Debug, Clone, Default)]
pub struct Dict {
    by_first: HashMap<String, Vec<(Vec<String>, Entry)>>,
    /// The synonym groups' keys, by group.
    keys: Vec<String>,
    /// Each related lay word's ways of being held (its own slots first).
    related: Vec<Vec<Vec<Vec<String>>>>,
    /// The Chinese words a slip may be one edit from: synonym members and lay words of two
    /// characters or more, in the order they were added.
    near: Vec<(Vec<String>, Entry)>,
    /// The agencies' synonym groups, in agency order (their Chinese names are matched by
    /// characters taken in order: 勞關司 in 勞動關係司).
    agencies: Vec<(usize, Vec<Vec<String>>)>,
}

/// A phrase found in a query: its entry, first unit and number of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// What it is.
    pub entry: Entry,
    /// Index of its first unit.
    pub start: usize,
    /// Units it covers.
    pub len: usize,
}

impl Dict {
    /// The table of a language: the groups queries may use (`synonyms`), the status words
    /// and the stop words.
    pub fn new(synonyms: &super::synonyms::Synonyms) -> Dict {
        let mut d = Dict {
            keys: synonyms.groups.iter().map(|g| g.key.clone()).collect(),
            ..Dict::default()
        };
        for (g, group) in synonyms.live_groups() {
            for m in &group.members {
                d.add(m.clone(), Entry::Synonym(g));
            }
        }
        let live: Vec<usize> = synonyms.live_groups().map(|(g, _)| g).collect();
        d.agencies = synonyms
            .agency_groups
            .iter()
            .flatten()
            .filter(|g| live.contains(g))
            .map(|&g| (g, synonyms.groups[g].members.clone()))
            .collect();
        for (s, words) in super::status::word_units().into_iter().enumerate() {
            for w in words {
                d.add(w, Entry::Status(s));
            }
        }
        for (s, words) in super::status::opposite_units().into_iter().enumerate() {
            for w in words {
                d.add(w, Entry::Opposite(s));
            }
        }
        for w in super::stop::units() {
            d.add(w, Entry::Stop);
        }
        for w in &synonyms.context {
            d.add(w.clone(), Entry::Context);
        }
        d
    }

    /// This table with the lay words of `related` too.
    pub fn with_related(&self, related: &super::related::Related) -> Dict {
        let mut d = self.clone();
        for (r, e) in related.entries.iter().enumerate() {
            d.add(e.units.clone(), Entry::Related(r));
            d.related.push(e.alts.clone());
        }
        d
    }

    /// The ways lay word `r` is held: its own slots, then each record word's.
    pub fn related_alts(&self, r: usize) -> &[Vec<Vec<String>>] {
        &self.related[r]
    }

    /// The first word of the table one character from `chunk` (replaced, added or dropped),
    /// for a chunk of three characters or more (two mended would share one with the query).
    pub fn near(&self, chunk: &[String]) -> Option<&(Vec<String>, Entry)> {
        if chunk.len() < 3 {
            return None;
        }
        self.near.iter().find(|(p, _)| one_edit(chunk, p))
    }

    /// The agency whose Chinese name holds `chunk`'s characters in order, ending with its
    /// last (勞關司 in 勞動關係司), when exactly one does: its group, and the name.
    pub fn agency_in(&self, chunk: &[String]) -> Option<(usize, Vec<String>)> {
        if chunk.len() < 3 {
            return None;
        }
        let mut found: Option<(usize, Vec<String>)> = None;
        for (g, members) in &self.agencies {
            let g = *g;
            let Some(name) = members
                .iter()
                .find(|m| m.len() > chunk.len() && in_order(chunk, m))
            else {
                continue;
            };
            if found.is_some() {
                return None;
            }
            found = Some((g, name.clone()));
        }
        found
    }

    /// The key of synonym group `g`.
    pub fn synonym_key(&self, g: usize) -> &str {
        &self.keys[g]
    }

    /// Adds `phrase` (normalized units) as `entry`; an empty phrase is ignored.
    pub fn add(&mut self, phrase: Vec<String>, entry: Entry) {
        let Some(first) = phrase.first().cloned() else {
            return;
        };
        let han = phrase
            .iter()
            .all(|u| u.chars().all(super::tokenize::is_han));
        if han && phrase.len() >= 2 && matches!(entry, Entry::Synonym(_) | Entry::Related(_)) {
            self.near.push((phrase.clone(), entry));
        }
        let list = self.by_first.entry(first).or_default();
        list.push((phrase, entry));
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
    }

    /// The longest phrase starting at unit `i` of `units` (consecutive positions), with the
    /// entry that sorts first among equals; `accept` may pass over a candidate.
    pub fn longest_at(
        &self,
        units: &[Token],
        i: usize,
        accept: impl Fn(&Found) -> bool,
    ) -> Option<Found> {
        let list = self.by_first.get(units[i].text.as_str())?;
        list.iter()
            .filter(|(p, _)| fits(units, i, p))
            .map(|(p, e)| Found {
                entry: *e,
                start: i,
                len: p.len(),
            })
            .find(|f| accept(f))
    }
}

/// Whether `a` and `b` differ by one unit replaced, added or dropped.
pub fn one_edit(a: &[String], b: &[String]) -> bool {
    crate::index::one_edit_of(a, b, false)
}

/// Whether `name`'s units hold `chunk`'s in order, both ending with the same unit, and
/// every unit Han.
fn in_order(chunk: &[String], name: &[String]) -> bool {
    let han = |u: &String| u.chars().all(super::tokenize::is_han);
    if !name.iter().all(han) || chunk.last() != name.last() {
        return false;
    }
    let mut at = 0;
    for u in chunk {
        match name[at..].iter().position(|n| n == u) {
            Some(k) => at += k + 1,
            None => return false,
        }
    }
    true
}

/// Whether `phrase` is at unit `i` of `units`, its units at consecutive positions.
pub fn fits(units: &[Token], i: usize, phrase: &[String]) -> bool {
    phrase.len() <= units.len() - i
        && phrase
            .iter()
            .enumerate()
            .all(|(k, p)| units[i + k].text == *p && units[i + k].position == units[i].position + k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::units;

    fn u(s: &str) -> Vec<String> {
        units(s).into_iter().map(|t| t.text.into_string()).collect()
    }

    #[test]
    fn the_longest_phrase_wins_then_the_first_entry() {
        let mut d = Dict::default();
        d.add(u("勞保"), Entry::Synonym(0));
        d.add(u("勞保局"), Entry::Synonym(1));
        d.add(u("勞保"), Entry::Stop);
        let q = units("勞保局 勞保");
        assert_eq!(
            d.longest_at(&q, 0, |_| true).unwrap().entry,
            Entry::Synonym(1)
        );
        assert_eq!(
            d.longest_at(&q, 3, |_| true).unwrap().entry,
            Entry::Synonym(0)
        );
        // phrases do not run across a word between
        assert_eq!(d.longest_at(&units("勞x保"), 0, |_| true), None);
    }
}
