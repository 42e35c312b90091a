//! Related terms, one way: a word people use → the words the records use for it (加班 →
//! 工時, 延長工作時間; `annuity` → `pension`), from `content/search/related.yaml`, per
//! language. Unlike a synonym group nothing goes back: a query for 工時 does not find 加班.
//!
//! A query consults them only when its own words are not all found (some word no plan holds,
//! Han text not found whole, or words no one plan holds together; see
//! [`super::rank::wanting`]): its lay words are then segmented like synonyms, longest first,
//! and each is searched as itself and, at half the weight, as each of its record words
//! ([`super::rank`]). The browser fetches the compiled table then, and only then (`related`
//! in the manifest names the file).

use super::synonyms::Synonyms;
use super::tokenize;
use crate::content::schema::RelatedFile;
use crate::error::{Diagnostic, Msg};
use crate::Lang;
use std::collections::BTreeMap;

/// Most lay words one language may have.
pub const MAX_ENTRIES: usize = 3000;

/// Most record words one lay word may stand for.
pub const MAX_TARGETS: usize = 12;

/// Longest lay word or record word, in characters.
pub const MAX_CHARS: usize = 40;

/// Every lay word holds a word or two Han characters or more, stands for one to
/// [`MAX_TARGETS`] record words other than itself, and is listed once per language (after
/// normalizing: 加班 and 加班 in Simplified are one); no word is longer than [`MAX_CHARS`].
/// Each problem is made by `at` from its field (a dotted path) and message: the content
/// loader, which read the file, gives it its line.
pub fn validate(file: &RelatedFile, at: &dyn Fn(&str, Msg) -> Diagnostic) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let code = lang.code();
        let entries = file.of(lang);
        if entries.len() > MAX_ENTRIES {
            let n = entries.len();
            problems.push(at(code, crate::msg!(
                "`{code}` has {n} lay words; a language may have at most {MAX_ENTRIES} (every visitor may download them)",
                "`{code}` 有 {n} 個民眾用語；每種語言至多 {MAX_ENTRIES} 個（訪客可能要下載全部）"
            )));
        }
        let mut seen: BTreeMap<Vec<String>, &str> = BTreeMap::new();
        for (key, targets) in entries {
            let field = format!("{code}.{key}");
            problems.extend(word_problems(at, &field, key, true));
            let units = tokenize::unit_texts(key);
            if let Some(other) = seen.insert(units, key) {
                problems.push(at(
                    &field,
                    crate::msg!(
                        "{key:?} is the same word as {other:?} once normalized: list it once",
                        "「{key}」與「{other}」正規化後是同一個詞：請只列一次"
                    ),
                ));
            }
            let n = targets.len();
            if n == 0 || n > MAX_TARGETS {
                problems.push(at(
                    &field,
                    crate::msg!(
                        "{key:?} stands for {n} record words; give 1 to {MAX_TARGETS}",
                        "「{key}」對應 {n} 個紀錄用語；請給 1 到 {MAX_TARGETS} 個"
                    ),
                ));
            }
            for (i, t) in targets.iter().enumerate() {
                let tf = format!("{field}[{i}]");
                problems.extend(word_problems(at, &tf, t, false));
                if tokenize::unit_texts(t) == tokenize::unit_texts(key) {
                    problems.push(at(
                        &tf,
                        crate::msg!(
                            "{t:?} is the lay word itself: a related term must be another word",
                            "「{t}」就是民眾用語本身：相關用語必須是另一個詞"
                        ),
                    ));
                }
            }
        }
    }
    problems
}

/// A lay word's or record word's own problems: too long, or holding nothing to search.
fn word_problems(
    at: &dyn Fn(&str, Msg) -> Diagnostic,
    field: &str,
    w: &str,
    lay: bool,
) -> Vec<Diagnostic> {
    let chars = w.chars().count();
    if chars > MAX_CHARS {
        return vec![at(
            field,
            crate::msg!(
                "{w:?} has {chars} characters; a word may have at most {MAX_CHARS}",
                "「{w}」有 {chars} 個字元；一個詞至多 {MAX_CHARS} 個字元"
            ),
        )];
    }
    let units = tokenize::units(w);
    if units.is_empty() {
        return vec![at(
            field,
            crate::msg!(
                "{w:?} holds no word or Chinese character",
                "「{w}」沒有任何字詞或中文字"
            ),
        )];
    }
    let lone_han = units.len() == 1 && units[0].text.chars().all(tokenize::is_han);
    if lay && lone_han {
        return vec![at(field, crate::msg!(
            "{w:?} is one Chinese character: a lay word needs two or more (one character is in too many words)",
            "「{w}」只有一個中文字：民眾用語至少要兩個字（單字出現在太多詞裡）"
        ))];
    }
    Vec::new()
}

/// One lay word compiled: its units, and the ways a plan holds it (the word itself first,
/// then each record word), each a list of slots of terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The lay word's normalized units.
    pub units: Vec<String>,
    /// Slots of the word itself (none when no plan holds it), then of each record word some
    /// plan holds.
    pub alts: Vec<Vec<Vec<String>>>,
}

/// One language's lay words, compiled against its synonyms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Related {
    /// The entries, in the file's order (by lay word).
    pub entries: Vec<Entry>,
}

/// A phrase's terms as a query would search them, with no index at hand: a synonym member
/// is its group's key, a Han stretch its bigrams (a lone character itself), an English word
/// its stem; stop words drop out.
pub fn slots_of(text: &str, dict: &super::dict::Dict) -> Vec<Vec<String>> {
    let units = tokenize::units(text);
    let mut slots = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, slots: &mut Vec<Vec<String>>| {
        if run.len() == 1 {
            slots.push(vec![run[0].to_string()]);
        }
        slots.extend(run.windows(2).map(|w| vec![format!("{}{}", w[0], w[1])]));
        run.clear();
    };
    let mut i = 0;
    while i < units.len() {
        if let Some(f) = dict.longest_at(&units, i, |_| true) {
            flush(&mut run, &mut slots);
            if let super::dict::Entry::Synonym(g) = f.entry {
                slots.push(vec![dict.synonym_key(g).to_string()]);
            }
            i += f.len;
            continue;
        }
        let u = &units[i];
        let han = u.text.chars().all(tokenize::is_han);
        let joins = i > 0 && units[i - 1].position + 1 == u.position && !run.is_empty();
        if !han || !joins {
            flush(&mut run, &mut slots);
        }
        if han {
            run.push(&u.text);
        } else {
            slots.push(vec![tokenize::stem(&u.text).into_owned()]);
        }
        i += 1;
    }
    flush(&mut run, &mut slots);
    slots
}

impl Related {
    /// `entries` (one language of the file) compiled: each record word as the slots a query
    /// would search, kept when some plan holds them all and at most half of the `plans` do
    /// (`holding` counts them: a record word most plans hold, like "working time" read as
    /// `work` and `time`, tells no plan apart); a lay word with no such record word is left
    /// out.
    pub fn new(
        entries: &BTreeMap<String, Vec<String>>,
        synonyms: &Synonyms,
        plans: usize,
        holding: impl Fn(&[Vec<String>]) -> usize,
    ) -> Related {
        let held = |s: &[Vec<String>]| holding(s) > 0;
        let telling = |s: &[Vec<String>]| (1..=plans / 2).contains(&holding(s));
        let dict = super::dict::Dict::new(synonyms);
        let mut out = Vec::new();
        for (key, targets) in entries {
            let units = tokenize::unit_texts(key);
            // the word itself, when no plan holds it, is searched by nothing (and costs the
            // browser no bytes)
            let own = slots_of(key, &dict);
            let mut alts = vec![if held(&own) { own } else { Vec::new() }];
            for t in targets {
                let s = slots_of(t, &dict);
                if !s.is_empty() && telling(&s) && !alts.contains(&s) {
                    alts.push(s);
                }
            }
            if alts.len() > 1 && !units.is_empty() {
                out.push(Entry { units, alts });
            }
        }
        Related { entries: out }
    }

    /// The table as the browser reads it.
    pub fn rows(&self) -> Vec<super::manifest::RelatedEntry> {
        self.entries
            .iter()
            .map(|e| super::manifest::RelatedEntry {
                word: e.units.join(" "),
                alts: e.alts.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_word_most_plans_hold_is_left_out() {
        // "working time" is `work` and `time`, which every plan holds: it tells none apart
        let entries: BTreeMap<String, Vec<String>> = [(
            "overtime".to_string(),
            vec!["working time".to_string(), "overtime rules".to_string()],
        )]
        .into();
        let holding = |slots: &[Vec<String>]| match slots[0][0].as_str() {
            "work" => 4,
            "overtim" => 1,
            _ => 0,
        };
        let related = Related::new(&entries, &Synonyms::default(), 4, holding);
        let alts = &related.entries[0].alts;
        assert_eq!(
            alts[1..],
            [vec![vec!["overtim".to_string()], vec!["rule".to_string()]]]
        );
    }
}
