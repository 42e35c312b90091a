//! Taiwan phrasing for mainland words: 信息 → 資訊, 軟件 → 軟體, 視頻 → 視訊 (OpenCC's
//! `s2twp` phrase step), applied to a query after its characters are folded to Traditional
//! ([`super::fold`]), so 视频调解 finds 視訊 … 調解 and no text is left half converted.
//!
//! The candidates are OpenCC's own Taiwan phrase list (`twphrases.txt`, a copy of OpenCC's
//! `TWPhrases.txt`, Apache-2.0, as the `ferrous-opencc` crate ships it); a phrase is kept
//! when the crate's `s2twp` conversion of it gives its Taiwan form, and that form occurs in
//! the index. A query uses them when its own words are not all found, as it does the related
//! terms ([`super::related`]); the browser gets them in the same file.

use super::tokenize::{self, Token};

/// OpenCC's Taiwan phrases: `key<TAB>values`, `#` comments.
const TW_PHRASES: &str = include_str!("twphrases.txt");

/// A phrase as normalized units: (mainland, Taiwan).
pub type Phrase = (Vec<String>, Vec<String>);

/// The phrases whose Taiwan form the crate's `s2twp` gives and `held` says the index holds
/// (called with the form's units), longest mainland form first.
pub fn table(held: impl Fn(&[String]) -> bool) -> Vec<Phrase> {
    let Ok(cc) = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2twp)
    else {
        return Vec::new();
    };
    let mut out: Vec<Phrase> = Vec::new();
    for line in TW_PHRASES.lines().filter(|l| !l.starts_with('#')) {
        let Some((key, values)) = line.split_once('\t') else {
            continue;
        };
        let Some(value) = values.split(' ').next() else {
            continue;
        };
        let (k, v) = (tokenize::unit_texts(key), tokenize::unit_texts(value));
        let han = |u: &[String]| u.len() >= 2 && u.iter().all(|x| x.chars().all(tokenize::is_han));
        if han(&k) && han(&v) && k != v && cc.convert(key) == value && held(&v) {
            out.push((k, v));
        }
    }
    out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// `units` with each mainland phrase (longest first, left to right) replaced by its Taiwan
/// form: the new units cover the phrase's text, and the units after it move by the
/// difference in length.
pub fn convert(units: Vec<Token>, table: &[Phrase]) -> Vec<Token> {
    if table.is_empty() {
        return units;
    }
    let mut out = Vec::with_capacity(units.len());
    let (mut i, mut shift) = (0usize, 0isize);
    let moved = |p: usize, s: isize| (p as isize + s) as usize;
    while i < units.len() {
        let hit = table.iter().find(|(k, _)| {
            super::dict::fits(&units, i, k) && units[i].text.chars().all(tokenize::is_han)
        });
        let Some((k, v)) = hit else {
            let mut u = units[i].clone();
            u.position = moved(u.position, shift);
            out.push(u);
            i += 1;
            continue;
        };
        let (from, to) = (units[i].from, units[i + k.len() - 1].to);
        let start = moved(units[i].position, shift);
        out.extend(v.iter().enumerate().map(|(n, t)| Token {
            text: t.as_str().into(),
            position: start + n,
            from,
            to,
        }));
        shift += v.len() as isize - k.len() as isize;
        i += k.len();
    }
    out
}

/// The table as the browser reads it.
pub fn rows(table: &[Phrase]) -> Vec<super::manifest::PhraseEntry> {
    table
        .iter()
        .map(|(k, v)| super::manifest::PhraseEntry {
            mainland: k.join(" "),
            taiwan: v.join(" "),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainland_phrases_become_taiwan_ones_and_keep_their_text() {
        let t = table(|_| true);
        assert!(
            t.iter()
                .any(|(k, v)| k.concat() == "信息" && v.concat() == "資訊"),
            "{}",
            t.len()
        );
        let q = "软件开发的信息安全";
        let units = convert(tokenize::units(q), &t);
        let text: String = units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(text, "軟體開發的資訊安全");
        // positions follow one another, and each unit covers text of the query
        assert!(units.windows(2).all(|w| w[1].position == w[0].position + 1));
        assert_eq!(&q[units[0].from..units[1].to], "软件");
        // a phrase of another length moves what follows
        let t = vec![(
            vec!["甲".to_string(), "乙".to_string()],
            vec!["丙".to_string(), "丁".to_string(), "戊".to_string()],
        )];
        let units = convert(tokenize::units("甲乙 己"), &t);
        assert_eq!(
            units.iter().map(|u| u.position).collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
    }
}
