//! Simplified Chinese folded to Traditional, one character at a time, at index and query
//! time, so 劳资争议 finds 勞資爭議 and a record's stray Simplified 护 is found by 防護.
//!
//! The table is OpenCC's (through the `ferrous-opencc` crate, Simplified → Taiwan
//! Traditional): each Han character of the Basic Multilingual Plane that OpenCC converts to
//! one other character. A character that is also a Traditional form (干, 后) folds too: both
//! sides fold the same way, so matching loses no recall, at the cost of merging a few
//! characters. The browser gets the part of this table whose targets occur in the index
//! (see `export.rs`): a character that folds to one the index lacks can match nothing.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Simplified → Traditional, for every character OpenCC changes.
pub fn table() -> &'static BTreeMap<char, char> {
    static TABLE: OnceLock<BTreeMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let Ok(cc) =
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2tw)
        else {
            return BTreeMap::new();
        };
        let from: Vec<char> = (0x3400u32..=0x4DBF)
            .chain(0x4E00..=0x9FFF)
            .filter_map(char::from_u32)
            .collect();
        let mut map = BTreeMap::new();
        for c in from {
            let mut buf = [0u8; 4];
            let out = cc.convert(c.encode_utf8(&mut buf));
            let mut chars = out.chars();
            if let (Some(t), None) = (chars.next(), chars.next()) {
                if t != c {
                    map.insert(c, t);
                }
            }
        }
        map
    })
}

/// `c` folded to Traditional (itself when OpenCC leaves it).
pub fn fold(c: char) -> char {
    if (c as u32) < 0x3400 {
        return c;
    }
    table().get(&c).copied().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplified_folds_to_traditional() {
        assert_eq!("劳资争议".chars().map(fold).collect::<String>(), "勞資爭議");
        assert_eq!(fold('护'), '護');
        assert_eq!(fold('勞'), '勞');
        assert!(table().len() > 2000, "{}", table().len());
    }
}
