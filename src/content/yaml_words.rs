//! The YAML parser's messages in staff's words, in both languages. serde and the YAML scanner
//! speak of `f64`, scalars, variants and tokens; staff wrote a number with `%` or a colon in
//! full width. Each kind of message the parsers give is said again here without their terms;
//! one this module does not know becomes a general message, never the parser's own words.

use crate::error::Msg;
use crate::msg;

/// A serde message (the value it quoted already removed, its position and path too) in plain
/// words.
pub fn data_message(raw: &str) -> Msg {
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return wrong_kind(&found_kind(found), &expected_kind(expected));
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let (found, expected) = (found_kind(found), expected_kind(expected));
        let (fe, fz, ee, ez) = (found.en, found.zh, expected.en, expected.zh);
        return msg!(
            "{fe} does not fit here: write {ee}",
            "{fz}不適用於此：請填{ez}"
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid length ") {
        let (n, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let want = expected
            .strip_prefix("an array of length ")
            .or_else(|| expected.strip_prefix("a tuple of size "))
            .or_else(|| {
                let n = expected.strip_prefix("sequence of ")?;
                n.strip_suffix(" elements")
            });
        return match want {
            Some(want) => msg!(
                "the list has {n} values; it must have exactly {want}",
                "這個清單有 {n} 個值，必須剛好 {want} 個"
            ),
            None => msg!(
                "the list has {n} values, which is not what this field takes",
                "這個清單有 {n} 個值，不符合此欄位的要求"
            ),
        };
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let (value, allowed) = names_and_list(rest);
        return msg!(
            "`{value}` is not one of the values this field takes: {allowed}",
            "`{value}` 不是此欄位可填的值；可填：{allowed}"
        );
    }
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        return unknown_field(rest);
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        return msg!(
            "the field `{name}` is missing: add it",
            "缺少欄位 `{name}`：請補上"
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate field ") {
        let name = rest.trim_matches('`');
        return msg!(
            "the field `{name}` is given twice: keep one",
            "欄位 `{name}` 出現兩次：請只保留一個"
        );
    }
    if raw.contains("did not match any variant") {
        return Msg::new(
            "this value has neither of the forms this field takes",
            "此值不符合此欄位可接受的任何寫法",
        );
    }
    syntax_message(raw)
}

/// `unknown field `x`, expected one of `a`, `b`` (or `expected `a``, or `there are no
/// fields`), with the closest field name when the unknown one looks like a slip.
fn unknown_field(rest: &str) -> Msg {
    let (name, allowed) = names_and_list(rest);
    let fields: Vec<&str> = rest
        .split_once(", expected ")
        .map(|(_, l)| l.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    match super::suggest::closest(&name, fields.iter().copied()) {
        Some(near) => msg!(
            "unknown field `{name}`: did you mean `{near}`? The fields here are: {allowed}",
            "沒有 `{name}` 這個欄位：是不是 `{near}`？此處可用的欄位有：{allowed}"
        ),
        None if allowed.is_empty() => msg!(
            "unknown field `{name}`: this place takes no fields",
            "沒有 `{name}` 這個欄位：此處不接受任何欄位"
        ),
        None => msg!(
            "unknown field `{name}`: the fields here are: {allowed}",
            "沒有 `{name}` 這個欄位；此處可用的欄位有：{allowed}"
        ),
    }
}

/// The name a message starts with (`` `x` ``) and the names it lists after `expected`,
/// joined for reading (`a, b, c`).
fn names_and_list(rest: &str) -> (String, String) {
    let (head, tail) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let name = head.trim().trim_matches('`').to_string();
    let listed: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
    (name, listed.join(", "))
}

/// What serde found, as staff would name it.
fn found_kind(found: &str) -> Msg {
    let word = found.split_whitespace().next().unwrap_or("");
    match word {
        "string" => Msg::new("text", "文字"),
        "integer" => Msg::new("a whole number", "整數"),
        "floating" => Msg::new("a number with decimals", "帶小數的數字"),
        "boolean" => Msg::new("true or false", "true 或 false"),
        "sequence" => Msg::new("a list", "清單"),
        "map" => Msg::new("a group of fields", "一組欄位"),
        "unit" | "null" => Msg::new("nothing (the value is empty)", "空值（沒有填寫）"),
        "char" => Msg::new("a character", "單一字元"),
        _ => Msg::new("this value", "此值"),
    }
}

/// What serde expected, as staff would write it.
fn expected_kind(expected: &str) -> Msg {
    let e = expected.trim();
    if matches!(e, "f64" | "f32") {
        return Msg::new("a number (85 or 85.5)", "數字（例如 85 或 85.5）");
    }
    if matches!(
        e,
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
    ) {
        return Msg::new("a whole number (3)", "整數（例如 3）");
    }
    if e.starts_with("a boolean") || e == "bool" {
        return Msg::new("true or false", "true 或 false");
    }
    if e.starts_with("a string") || e == "string" || e.starts_with("a borrowed string") {
        return Msg::new("text", "文字");
    }
    if let Some(n) = e.strip_prefix("an array of length ") {
        return msg!("a list of {n} values", "含 {n} 個值的清單");
    }
    if e.starts_with("a sequence") || e.starts_with("a list") || e.starts_with("an array") {
        return Msg::new(
            "a list (lines starting with `- `)",
            "清單（以 `- ` 開頭的各行）",
        );
    }
    if e.starts_with("struct ") || e.starts_with("a map") {
        return Msg::new(
            "a group of fields, each on its own indented line",
            "一組欄位（每個欄位各占一行並縮排）",
        );
    }
    if e.starts_with("a date") {
        return Msg::new("a date written YYYY-MM-DD", "寫成 YYYY-MM-DD 的日期");
    }
    // a type's own `expecting` text, already written for people (an enum's list is in
    // `unknown variant`), or a Rust name: neither is shown
    Msg::new("a value of the kind this field takes", "此欄位所需種類的值")
}

/// `expected …, found …` in both languages.
fn wrong_kind(found: &Msg, expected: &Msg) -> Msg {
    let (fe, fz, ee, ez) = (&found.en, &found.zh, &expected.en, &expected.zh);
    msg!(
        "this must be {ee}, but it is {fe}",
        "此處應為{ez}，目前卻是{fz}"
    )
}

/// A syntax error of the YAML scanner or parser (libyaml's and saphyr's words), in plain
/// words: what usually causes it, and what to look at. The words are data, in
/// `yaml_syntax.yaml` beside this file.
pub fn syntax_message(raw: &str) -> Msg {
    let r = raw.to_ascii_lowercase();
    let table = syntax_table();
    let found = (table.entries.iter())
        .find(|e| (e.when.iter()).any(|all| all.iter().all(|w| r.contains(w.as_str()))));
    let words = found.map_or(&table.otherwise, |e| &e.words);
    Msg::new(&words.en, &words.zh)
}

/// `yaml_syntax.yaml`: the syntax errors' messages.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SyntaxTable {
    entries: Vec<SyntaxEntry>,
    otherwise: SyntaxWords,
}

/// One message, and the parser's words it is for.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SyntaxEntry {
    /// Lists of words: the message fits when the parser's holds every word of one list.
    when: Vec<Vec<String>>,
    #[serde(flatten)]
    words: SyntaxWords,
}

/// A message in both languages.
#[derive(serde::Deserialize)]
struct SyntaxWords {
    en: String,
    zh: String,
}

/// The table, read once; it is compiled in, and a test reads every entry.
fn syntax_table() -> &'static SyntaxTable {
    static TABLE: std::sync::OnceLock<SyntaxTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        serde_yaml::from_str(include_str!("yaml_syntax.yaml")).expect("yaml_syntax.yaml is valid")
    })
}

/// Words of the parsers that a message may never carry.
pub const JARGON: [&str; 9] = [
    "f64", "f32", "u32", "u8", "scalar", "variant", "token", "struct", "sequence",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(m: &Msg) {
        for text in [&m.en, &m.zh] {
            for w in JARGON {
                assert!(!text.contains(w), "{w} in {text}");
            }
        }
    }

    #[test]
    fn every_syntax_message_is_reached_by_its_words_and_is_plain() {
        let table = syntax_table();
        assert!(table.entries.len() >= 9);
        for e in &table.entries {
            for all in &e.when {
                assert!(!all.is_empty());
                let m = syntax_message(&format!("while scanning: {} at line 3", all.join(" ")));
                // the first entry holding these words wins
                let first = (table.entries.iter())
                    .find(|f| {
                        f.when
                            .iter()
                            .any(|l| l.iter().all(|w| all.join(" ").contains(w)))
                    })
                    .unwrap();
                assert_eq!(m.en, first.words.en);
                clean(&m);
            }
        }
        let m = syntax_message("an unheard-of parser complaint");
        assert_eq!(m.en, table.otherwise.en);
        assert_eq!(m.zh, table.otherwise.zh);
        clean(&m);
    }

    #[test]
    fn types_are_named_as_staff_write_them() {
        let m = data_message("invalid type: string, expected f64");
        assert!(m.en.contains("a number") && m.en.contains("text"), "{m:?}");
        assert!(m.zh.contains("數字") && m.zh.contains("文字"), "{m:?}");
        clean(&m);
        let m = data_message("invalid type: sequence, expected struct Text");
        assert!(m.en.contains("group of fields") && m.en.contains("a list"));
        clean(&m);
        let m = data_message("invalid value: integer `300`, expected u8");
        assert!(m.en.contains("whole number"));
        clean(&m);
    }

    #[test]
    fn names_keep_their_lists_and_suggest_a_near_one() {
        let m = data_message("unknown field `agnecy`, expected one of `id`, `agency`, `name`");
        assert!(m.en.contains("did you mean `agency`"), "{m:?}");
        assert!(m.zh.contains("是不是 `agency`"), "{m:?}");
        let m = data_message("invalid length 5, expected sequence of 4 elements");
        assert!(m.en.contains("exactly 4"), "{m:?}");
        let m = data_message("unknown variant `hard`, expected one of `challenging`, `mixed`");
        assert!(m.en.contains("`hard`") && m.en.contains("challenging, mixed"));
        clean(&m);
        let m = data_message("missing field `en`");
        assert!(m.en.contains("`en`") && m.zh.contains("`en`"));
    }

    #[test]
    fn syntax_errors_say_what_to_look_at() {
        for raw in [
            "found character that cannot start any token",
            "mapping values are not allowed in this context",
            "could not find expected ':'",
            "did not find expected key",
            "while scanning a quoted scalar, found unexpected end of stream",
            "something the scanner never said before",
        ] {
            clean(&syntax_message(raw));
            clean(&data_message(raw));
        }
    }
}
