//! Synonyms and abbreviations: groups of words that mean the same (勞保 / 勞工保險, labour /
//! labor), from `content/search/synonyms.yaml`, and each agency's names and short names
//! (`short_names` in `agencies.yaml`).
//!
//! A group is one term in the index: wherever text holds a member, the group's key (`≈` and
//! its number, a character no token holds) is indexed too, at the member's first position.
//! A query holding a member searches the key instead of the member's own terms, so 勞保 finds
//! 勞工保險 and the other way round, ranked by how rare the group is. Members are matched on
//! [`tokenize::units`] (Han characters and words, normalized), so 哺乳室 matches the text's
//! 哺(集)乳室 only when the group lists it, and `child care` matches `child-care`. The
//! browser gets the groups in the manifest and matches them the same way (`js/search.js`).

use super::tokenize::{self, Token};
use crate::content::schema::SynonymsFile;
use crate::error::{Diagnostic, Msg};
use crate::Lang;
use std::collections::HashMap;

/// Most groups one language may have: every visitor's browser downloads the groups with the
/// search manifest. The shipped file has 16 a language.
pub const MAX_GROUPS: usize = 1000;

/// Most words one group may have (the shipped file's largest has 5).
pub const MAX_WORDS: usize = 20;

/// Longest word of a group, in characters (the shipped file's longest, `occupational
/// accidents`, has 22).
pub const MAX_WORD_CHARS: usize = 40;

/// Most Chinese characters or English words in one word of a group (職業安全衛生 has 6). A text
/// is indexed with one key for each word found at each of its places, and the words found at
/// one place are each longer than the last: this bounds how many keys a place can get.
pub const MAX_WORD_UNITS: usize = 10;

/// Most characters all the words of the file may have together (the shipped file's have
/// about 1,000): the manifest every visitor downloads carries them.
pub const MAX_TOTAL_CHARS: usize = 10_000;

/// Longest member matched, in units: an agency's name longer than this (none is near it) is
/// not a member of its group; the file's words are shorter still ([`MAX_WORD_UNITS`]).
const MAX_MEMBER_UNITS: usize = 40;

/// Most group keys indexed at one place of a text (the longest members found there): however
/// the groups and agencies' names are made, a text is indexed with at most this many keys
/// a place.
const MAX_KEYS_AT_ONCE: usize = 16;

/// The first character of a group's key.
pub const KEY_MARK: char = '≈';

/// A group needs two members; a member must hold a word or a Han character and may not be in
/// two groups of a language (a query would not know which to search). The file is bounded
/// ([`MAX_GROUPS`], [`MAX_WORDS`], [`MAX_WORD_CHARS`], [`MAX_WORD_UNITS`],
/// [`MAX_TOTAL_CHARS`]) so the index and the manifest stay small: past a limit of the file
/// as a whole, the rest of it is not checked. Each problem is made by `at` from its field (a
/// dotted path) and message: the content loader, which read the file, gives it its line.
pub fn validate(file: &SynonymsFile, at: &dyn Fn(&str, Msg) -> Diagnostic) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut total = 0usize;
    'langs: for lang in Lang::ALL {
        let code = lang.code();
        let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
        for (g, group) in file.groups(lang).iter().enumerate() {
            if g == MAX_GROUPS {
                problems.push(at(
                    &format!("{code}[{g}]"),
                    crate::msg!(
                        "`{code}` has more than {MAX_GROUPS} groups, the most a language may have (every visitor's browser downloads them all)",
                        "`{code}` 的組數超過 {MAX_GROUPS}，這是每種語言的上限（每位訪客的瀏覽器都要下載全部）"
                    ),
                ));
                break;
            }
            if let Some(m) = group_problem(group.len()) {
                problems.push(at(&format!("{code}[{g}]"), m));
            }
            if group.len() > MAX_WORDS {
                continue;
            }
            for (m, member) in group.iter().enumerate() {
                let field = format!("{code}[{g}][{m}]");
                total += member.chars().count();
                if total > MAX_TOTAL_CHARS {
                    problems.push(at(
                        &field,
                        crate::msg!(
                            "the words of the file have more than {MAX_TOTAL_CHARS} characters in all, the most they may have (every visitor's browser downloads them)",
                            "檔案中的詞合計超過 {MAX_TOTAL_CHARS} 個字元，這是上限（每位訪客的瀏覽器都要下載）"
                        ),
                    ));
                    break 'langs;
                }
                let units = match word_units(member) {
                    Ok(units) => units,
                    Err(m) => {
                        problems.push(at(&field, m));
                        continue;
                    }
                };
                match seen.get(&units) {
                    Some(&other) if other != g => problems.push(at(
                        &field,
                        crate::msg!(
                            "{member:?} is also in group {other} of `{code}`: a word may be in one group",
                            "{member:?} 也在 `{code}` 的第 {other} 組：一個詞只能屬於一組"
                        ),
                    )),
                    Some(_) => {}
                    None => {
                        seen.insert(units, g);
                    }
                }
            }
        }
    }
    problems
}

/// What is wrong with a group of `n` words, if anything: too few, or too many.
fn group_problem(n: usize) -> Option<crate::error::Msg> {
    if n < 2 {
        return Some(crate::error::Msg::new(
            "a group needs at least two words that mean the same",
            "每一組至少要有兩個同義的詞",
        ));
    }
    (n > MAX_WORDS).then(|| {
        crate::msg!(
            "a group may have at most {MAX_WORDS} words; this one has {n}",
            "每一組最多 {MAX_WORDS} 個詞；這一組有 {n} 個"
        )
    })
}

/// The units a word of a group holds, or what is wrong with it: too long, no unit, too many.
fn word_units(member: &str) -> Result<Vec<String>, crate::error::Msg> {
    let chars = member.chars().count();
    if chars > MAX_WORD_CHARS {
        return Err(crate::msg!(
            "a word may have at most {MAX_WORD_CHARS} characters; this one has {chars}",
            "每個詞最多 {MAX_WORD_CHARS} 個字元；這個詞有 {chars} 個"
        ));
    }
    let units = tokenize::unit_texts(member);
    let n = units.len();
    if n == 0 {
        return Err(crate::msg!(
            "{member:?} holds no word or Chinese character",
            "{member:?} 不含任何詞或中文字"
        ));
    }
    if n > MAX_WORD_UNITS {
        return Err(crate::msg!(
            "a word may hold at most {MAX_WORD_UNITS} Chinese characters or English words; this one holds {n}",
            "每個詞最多含 {MAX_WORD_UNITS} 個中文字或英文單字；這個詞含 {n} 個"
        ));
    }
    Ok(units)
}

/// One group, ready to match.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The term indexed for the group.
    pub key: String,
    /// The members, as normalized units.
    pub members: Vec<Vec<String>>,
    /// The members as written (for the answer's suggestions).
    pub words: Vec<String>,
}

/// One language's groups, indexed by a member's first unit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Synonyms {
    /// The groups; a group's key is its place here.
    pub groups: Vec<Group>,
    /// The members of the groups a query may use, unit by unit.
    trie: Trie,
    /// Whether each group may be used by queries (see [`Synonyms::live`]).
    live: Vec<bool>,
    /// Each agency's group (by agency index), when it has one.
    pub agency_groups: Vec<Option<usize>>,
    /// Names every plan is about (the ministry's, in both languages), as normalized units: a
    /// query naming them narrows nothing, and they count as stop words.
    pub context: Vec<Vec<String>>,
}

/// Members as paths of units from the root (node 0), each node holding the members that end
/// there: finding the members at a place walks the text's units once, however many members
/// share a first unit (a national site's agencies share many).
#[derive(Debug, Clone, PartialEq)]
struct Trie {
    nodes: Vec<TrieNode>,
    /// The first characters of the members, as bits of their code points modulo 2^16: a unit
    /// starting with any other character starts no member (most units of a text), and is
    /// passed over without a hash lookup.
    firsts: Vec<u64>,
}

/// Which bit of [`Trie::firsts`] stands for the first character of `unit`.
fn first_bit(unit: &str) -> Option<usize> {
    unit.chars().next().map(|c| c as usize & 0xFFFF)
}

#[derive(Debug, Clone, Default, PartialEq)]
struct TrieNode {
    // looked up for every unit of every indexed text: a fast hash, not a DoS-resistant one
    children: rustc_hash::FxHashMap<String, usize>,
    /// (group, member) of the members ending here, in insertion order.
    ends: Vec<(usize, usize)>,
}

impl Default for Trie {
    fn default() -> Self {
        Trie {
            nodes: vec![TrieNode::default()],
            firsts: vec![0; 0x10000 / 64],
        }
    }
}

impl Trie {
    fn insert(&mut self, units: &[String], member: (usize, usize)) {
        if let Some(b) = units.first().and_then(|u| first_bit(u)) {
            self.firsts[b / 64] |= 1 << (b % 64);
        }
        let mut node = 0;
        for u in units {
            node = match self.nodes[node].children.get(u) {
                Some(&n) => n,
                None => {
                    self.nodes.push(TrieNode::default());
                    let n = self.nodes.len() - 1;
                    self.nodes[node].children.insert(u.clone(), n);
                    n
                }
            };
        }
        self.nodes[node].ends.push(member);
    }

    /// Whether a member may start with `unit` (false: none does).
    fn may_start(&self, unit: &str) -> bool {
        first_bit(unit).is_some_and(|b| self.firsts[b / 64] & (1 << (b % 64)) != 0)
    }
}

/// A member found in a text: the group, and the units it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Index of the group.
    pub group: usize,
    /// First unit (index into the units).
    pub start: usize,
    /// Units covered.
    pub len: usize,
}

impl Synonyms {
    /// The groups of `lang`: the file's, then one per agency holding its names in both
    /// languages and its short names (a member already in an earlier group is left out of
    /// later ones, so a query reads one group).
    pub fn new(file: &SynonymsFile, lang: Lang, agencies: &[Vec<String>]) -> Synonyms {
        let mut taken = std::collections::HashSet::new();
        let mut groups = Vec::new();
        let mut agency_groups = Vec::new();
        let from_file = file.groups(lang).len();
        for (n, words) in file.groups(lang).iter().chain(agencies).enumerate() {
            let mut members = Vec::new();
            let mut kept = Vec::new();
            for w in words {
                let u = tokenize::unit_texts(w);
                if !u.is_empty() && u.len() <= MAX_MEMBER_UNITS && taken.insert(u.clone()) {
                    members.push(u);
                    kept.push(w.clone());
                }
            }
            let made = members.len() >= 2;
            if made {
                groups.push(Group {
                    key: format!("{KEY_MARK}{}", groups.len()),
                    members,
                    words: kept,
                });
            }
            if n >= from_file {
                agency_groups.push(made.then(|| groups.len() - 1));
            }
        }
        let live = vec![true; groups.len()];
        Synonyms::with_live(groups, live, agency_groups)
    }

    /// The key of agency `a`'s group, when queries may use it.
    pub fn agency_key(&self, a: usize) -> Option<&str> {
        let g = self.agency_groups.get(a).copied().flatten()?;
        self.live[g].then(|| self.groups[g].key.as_str())
    }

    fn with_live(
        groups: Vec<Group>,
        live: Vec<bool>,
        agency_groups: Vec<Option<usize>>,
    ) -> Synonyms {
        let mut trie = Trie::default();
        for (g, group) in groups.iter().enumerate().filter(|(g, _)| live[*g]) {
            for (m, member) in group.members.iter().enumerate() {
                trie.insert(member, (g, m));
            }
        }
        Synonyms {
            groups,
            trie,
            live,
            agency_groups,
            context: Vec::new(),
        }
    }

    /// These synonyms for queries: only the groups whose key the index holds (`present`). A
    /// query for a group no text holds (年金改革) is then searched by its own words, which
    /// may match in part, rather than by a key that matches nothing.
    pub fn live(&self, present: impl Fn(&str) -> bool) -> Synonyms {
        let live = self.groups.iter().map(|g| present(&g.key)).collect();
        Synonyms {
            context: self.context.clone(),
            ..Synonyms::with_live(self.groups.clone(), live, self.agency_groups.clone())
        }
    }

    /// These synonyms with `names` as the names every plan is about.
    pub fn with_context(mut self, names: &[&str]) -> Synonyms {
        self.context = names
            .iter()
            .map(|n| tokenize::unit_texts(n))
            .filter(|u| !u.is_empty())
            .collect();
        self
    }

    /// The groups queries may use, with their indices.
    pub fn live_groups(&self) -> impl Iterator<Item = (usize, &Group)> {
        self.groups
            .iter()
            .enumerate()
            .filter(|(g, _)| self.live[*g])
    }

    /// Whether there is no group to match.
    pub fn is_empty(&self) -> bool {
        self.trie.nodes.len() <= 1
    }

    /// The members that start at unit `i` of `units` (units at consecutive positions), the
    /// longest first, then by group and member.
    fn at(&self, units: &[Token], i: usize) -> Vec<Found> {
        let mut found = Vec::new();
        if !self.trie.may_start(&units[i].text) {
            return found;
        }
        let mut node = 0;
        for (k, unit) in units[i..].iter().enumerate() {
            if unit.position != units[i].position + k {
                break;
            }
            let Some(&next) = self.trie.nodes[node].children.get(unit.text.as_str()) else {
                break;
            };
            node = next;
            found.extend(self.trie.nodes[node].ends.iter().map(|&(group, _)| Found {
                group,
                start: i,
                len: k + 1,
            }));
        }
        found.sort_by_key(|f| (std::cmp::Reverse(f.len), f.group));
        found
    }

    /// The longest member starting at unit `i` of `units`.
    fn longest_at(&self, units: &[Token], i: usize) -> Option<Found> {
        self.at(units, i).into_iter().next()
    }

    /// Every member occurrence in `units` (overlapping ones too): what the index holds.
    pub fn all(&self, units: &[Token]) -> Vec<Found> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        for i in 0..units.len() {
            let here = out.len();
            // one key per group and place, from its longest member; at most
            // [`MAX_KEYS_AT_ONCE`] a place
            for f in self.at(units, i) {
                if out.len() - here == MAX_KEYS_AT_ONCE {
                    break;
                }
                if !out[here..].iter().any(|o: &Found| o.group == f.group) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// The members of a query, left to right, longest first, not overlapping.
    pub fn in_query(&self, units: &[Token]) -> Vec<Found> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < units.len() {
            match self.longest_at(units, i) {
                Some(f) => {
                    out.push(f);
                    i += f.len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The tokens `text` is indexed as: [`tokenize::tokenize`]'s, and each member's group key
    /// at the member's first position, covering the member's text.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        if self.is_empty() {
            return tokenize::tokenize(text);
        }
        let (mut tokens, units) = tokenize::tokens_and_units(text);
        let found = self.all(&units);
        if found.is_empty() {
            return tokens;
        }
        tokens.extend(found.into_iter().map(|f| Token {
            text: self.groups[f.group].key.as_str().into(),
            position: units[f.start].position,
            from: units[f.start].from,
            to: units[f.start + f.len - 1].to,
        }));
        // positions ascending, as tantivy records them (stable: the text's tokens first)
        tokens.sort_by_key(|t| t.position);
        tokens
    }

    /// The groups a query may use, as the manifest carries them.
    pub fn rows(&self) -> Vec<super::manifest::SynGroup> {
        self.groups
            .iter()
            .zip(&self.live)
            .filter(|(_, live)| **live)
            .map(|(g, _)| super::manifest::SynGroup {
                key: g.key.clone(),
                members: g.members.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syn() -> Synonyms {
        let file = SynonymsFile {
            zh: vec![
                vec!["勞保".into(), "勞工保險".into()],
                vec!["哺乳室".into(), "哺(集)乳室".into()],
            ],
            en: vec![vec!["child care".into(), "childcare".into()]],
        };
        Synonyms::new(
            &file,
            Lang::Zh,
            &[vec!["勞工保險局".into(), "勞保局".into(), "BLI".into()]],
        )
    }

    #[test]
    fn members_match_on_units_longest_first() {
        let s = syn();
        let q = tokenize::units("勞保局的勞保");
        let found = s.in_query(&q);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].group, found[0].len), (2, 3));
        assert_eq!((found[1].group, found[1].start), (0, 4));
        // in text every member counts: 勞工保險局 holds 勞工保險 too
        let t = tokenize::units("勞工保險局");
        let groups: Vec<usize> = s.all(&t).iter().map(|f| f.group).collect();
        assert_eq!(groups, [2, 0]);
        assert_eq!(s.in_query(&tokenize::units("哺(集)乳室"))[0].group, 1);
    }
}
