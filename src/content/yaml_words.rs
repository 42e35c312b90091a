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
/// words: what usually causes it, and what to look at.
pub fn syntax_message(raw: &str) -> Msg {
    let r = raw.to_ascii_lowercase();
    let has = |s: &str| r.contains(s);
    if has("quoted scalar") || (has("end of stream") && has("quot")) {
        return Msg::new(
            "a quotation mark (\" or ') opened here is never closed: add the closing one",
            "這裡開始的引號（\" 或 '）沒有結束：請補上結尾的引號",
        );
    }
    if has("mapping values are not allowed") {
        return Msg::new(
            "a `: ` here does not fit: a text that holds `: ` must be put in quotes, or this line is indented differently from its neighbours",
            "這裡的 `: ` 放不進去：含有 `: ` 的文字須加上引號，或這一行的縮排與前後行不一致",
        );
    }
    if has("could not find expected ':'") || has("could not find expected \\':\\'") {
        return Msg::new(
            "a field name is not followed by `:` (a half-width colon, then a space)",
            "欄位名稱後面缺少 `:`（半形冒號，後接一個空格）",
        );
    }
    if has("did not find expected key") || has("expected key") {
        return Msg::new(
            "this line is not indented like the field names around it: line up fields of the same group with the same number of spaces",
            "這一行的縮排與周圍的欄位不一致：同一組的欄位須以相同數目的空格縮排",
        );
    }
    if has("cannot start any token") || has("unexpected character") {
        return Msg::new(
            "a value starts with a character YAML does not allow there (a tab, `@` or a backquote): put the value in quotes, or replace a tab with spaces",
            "值的開頭是 YAML 不允許的字元（Tab、`@` 或反引號）：請用引號括住整個值，或將 Tab 換成空格",
        );
    }
    if has("block sequence entries are not allowed") || has("expected '-'") {
        return Msg::new(
            "a list item (`- `) is not where a list can be: put it on its own line, indented under its field",
            "清單項目（`- `）放錯位置：請另起一行，縮排放在所屬欄位之下",
        );
    }
    if has("anchor") || has("alias") {
        return Msg::new(
            "YAML aliases and anchors (`*name`, `&name`) are not allowed: write the text out",
            "不可使用 YAML 別名與錨點（`*name`、`&name`）：請把文字完整寫出",
        );
    }
    if has("tab") {
        return Msg::new(
            "a tab is used to indent: YAML indents with spaces only; replace the tab with spaces",
            "使用了 Tab 縮排：YAML 只能用空格縮排，請將 Tab 換成空格",
        );
    }
    if has("unknown escape") || has("escape") {
        return Msg::new(
            "a backslash (\\) inside double quotes starts an escape YAML does not know: write \\\\ for a backslash, or use single quotes",
            "雙引號中的反斜線（\\）後接 YAML 不認得的字元：反斜線請寫成 \\\\，或改用單引號",
        );
    }
    Msg::new(
        "the file cannot be read here: check this line and the one before for the indentation (spaces only), the `: ` after each field name, and closing quotes",
        "檔案在此處無法讀取：請檢查這一行與上一行的縮排（只能用空格）、每個欄位名稱後的 `: `，以及引號是否成對",
    )
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
