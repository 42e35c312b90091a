//! Mistakes staff often make in YAML, found in the text itself, so that a message names the
//! line the mistake is on (the parser stops a line or more later, or at the end of the file)
//! and says how to fix it: a tab or a full-width space used to indent, a full-width colon
//! after a field name, a quotation mark never closed, a number written with `%`.

use crate::error::Msg;
use crate::msg;

/// The first of the known mistakes on or before line `stopped` (where the parser stopped;
/// 1-based) or on the line after it: its line and what to do.
pub fn syntax_hint(text: &str, stopped: usize) -> Option<(usize, Msg)> {
    let lines: Vec<&str> = text.lines().take(stopped + 1).collect();
    let text_lines = block_lines(&lines);
    let layout = lines.iter().enumerate().find_map(|(i, line)| {
        if text_lines[i] {
            return None; // a block's text: anything may be written there
        }
        let before = i.checked_sub(1).map(|b| lines[b]);
        layout_mistake(line)
            .or_else(|| no_colon(before, line))
            .map(|m| (i + 1, m))
    });
    let quote = unclosed_quote(text).filter(|(line, _)| *line <= stopped);
    match (layout, quote) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// A tab or a full-width space in a line's indentation, or a full-width colon after its
/// field name.
fn layout_mistake(line: &str) -> Option<Msg> {
    let indent: String = line
        .chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '\u{3000}'))
        .collect();
    if indent.contains('\t') {
        return Some(Msg::new(
            "a tab is used to indent this line: YAML indents with spaces only; replace the tab with spaces",
            "這一行用 Tab 縮排：YAML 只能用空格縮排，請將 Tab 換成空格",
        ));
    }
    if indent.contains('\u{3000}') {
        return Some(Msg::new(
            "a full-width space (　) is used to indent this line: indent with half-width spaces",
            "這一行用全形空白（　）縮排：請改用半形空格",
        ));
    }
    let rest = line[indent.len()..].trim_start_matches("- ");
    let key_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let after = rest[key_len..].trim_start_matches([' ', '\u{3000}']);
    if key_len > 0 && (after.starts_with('：') || after.starts_with('︰')) {
        let key = &rest[..key_len];
        return Some(msg!(
            "the field name `{key}` is followed by a full-width colon `：`: write a half-width colon and a space (`{key}: `)",
            "欄位名稱 `{key}` 後面是全形冒號「：」：請改成半形冒號加一個空格（`{key}: `）"
        ));
    }
    if let Some(m) = text_after_quote(line) {
        return Some(m);
    }
    let lower_key = rest[..key_len]
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'_');
    if key_len > 0
        && lower_key
        && after.starts_with(':')
        && !after[1..].starts_with([' ', '\u{3000}'])
        && after.len() > 1
    {
        let key = &rest[..key_len];
        return Some(msg!(
            "the `:` after `{key}` is not followed by a space: write `{key}: ` and then the value",
            "`{key}` 的冒號後面少了空格：請寫成 `{key}: ` 再接值"
        ));
    }
    if key_len > 0 && after.starts_with(':') && after[1..].starts_with('\u{3000}') {
        let key = &rest[..key_len];
        return Some(msg!(
            "the `:` after `{key}` is followed by a full-width space: use a half-width space",
            "`{key}` 的冒號後面是全形空白：請改用半形空格"
        ));
    }
    None
}

/// Which of `lines` are the text of a block (`key: |`, `- >`): more indented than the line
/// that opens it, or blank within it.
fn block_lines(lines: &[&str]) -> Vec<bool> {
    let mut out = Vec::with_capacity(lines.len());
    let mut block: Option<usize> = None;
    for line in lines {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let inside = block.is_some_and(|b| line.trim().is_empty() || indent > b);
        if !inside {
            block = is_block_start(line).then_some(indent);
        }
        out.push(inside);
    }
    out
}

/// A field line without its `:` (`agency labor-relations`) right under a field with a plain
/// value, at the same indentation: YAML reads it as more of that value, and stops later.
fn no_colon(before: Option<&str>, line: &str) -> Option<Msg> {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let before = before?;
    let (key, value) = before.trim_start().split_once(": ")?;
    let plain = !value.trim().is_empty()
        && !value
            .trim_start()
            .starts_with(['"', '\'', '|', '>', '[', '{'])
        && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    let t = line.trim_start();
    let word = t.split(' ').next().unwrap_or("");
    let looks_like_key = !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        && t.len() > word.len()
        && !t.contains(':');
    (plain && looks_like_key && indent(line) == indent(before)).then(|| {
        msg!(
            "this line has no `:` after its field name `{word}`: write `{word}: ` and then the value",
            "這一行的欄位名稱 `{word}` 後面缺少 `:`：請寫成 `{word}: ` 再接值"
        )
    })
}

/// A quoted value whose text goes on after its closing quotation mark (`'the public's'`):
/// an apostrophe inside single quotes ends them.
fn text_after_quote(line: &str) -> Option<Msg> {
    let (start, q) = value_quote(line)?;
    let end = start + 1 + closes(&line[start + 1..], q)?;
    let rest = line[end..].trim();
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    Some(match q {
        '\'' => Msg::new(
            "the text goes on after its closing quotation mark ': inside single quotes write an apostrophe as '' (the public''s), or put the text in double quotes",
            "文字在結尾的引號 ' 之後還有內容：單引號中的撇號請寫成 ''（例如 the public''s），或改用雙引號括住",
        ),
        _ => Msg::new(
            "the text goes on after its closing quotation mark \": inside double quotes write a quotation mark as \\\", or put the text in single quotes",
            "文字在結尾的引號 \" 之後還有內容：雙引號中的引號請寫成 \\\"，或改用單引號括住",
        ),
    })
}

/// The line where a quoted value opens that no quotation mark closes before the end of the
/// file, with what to do. Block texts (`|`, `>`) are skipped: quotes in them are text.
pub fn unclosed_quote(text: &str) -> Option<(usize, Msg)> {
    let mut open: Option<(usize, char)> = None;
    let mut block_indent: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some((_, q)) = open {
            if closes(line, q).is_some() {
                open = None;
            }
            continue;
        }
        if let Some(b) = block_indent {
            if line.trim().is_empty() || indent > b {
                continue;
            }
            block_indent = None;
        }
        let Some((start, q)) = value_quote(line) else {
            if is_block_start(line) {
                block_indent = Some(indent);
            }
            continue;
        };
        if closes(&line[start + 1..], q).is_none() {
            open = Some((i + 1, q));
        }
    }
    open.map(|(line, q)| {
        (
            line,
            msg!(
                "the quotation mark {q} opened on this line is never closed: add the closing {q} at the end of the text",
                "這一行開頭的引號 {q} 沒有結束：請在文字結尾補上 {q}"
            ),
        )
    })
}

/// Where the value of a `key: "…` or `- "…` line starts with a quotation mark, and which.
fn value_quote(line: &str) -> Option<(usize, char)> {
    let t = line.trim_start();
    let offset = line.len() - t.len();
    let value_at = if let Some(rest) = t.strip_prefix("- ") {
        offset + 2 + (rest.len() - rest.trim_start().len())
    } else {
        let colon = t.find(": ")?;
        if t[..colon].contains(['"', '\'', '#']) {
            return None;
        }
        let rest = &t[colon + 2..];
        offset + colon + 2 + (rest.len() - rest.trim_start().len())
    };
    match line[value_at..].chars().next()? {
        q @ ('"' | '\'') => Some((value_at, q)),
        _ => None,
    }
}

/// The byte after the quotation mark `q` that closes a quoted text in `s`, if it is there:
/// `"` not escaped by a backslash, `'` not doubled.
fn closes(s: &str, q: char) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if q == '"' => {
                chars.next();
            }
            '\'' if q == '\'' && chars.peek().map(|&(_, n)| n) == Some('\'') => {
                chars.next();
            }
            c if c == q => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// A line whose value is a block text (`key: |`, `key: >-`, `- |`).
fn is_block_start(line: &str) -> bool {
    let t = line.trim_end();
    let t = t.split(" #").next().unwrap_or(t).trim_end();
    let last = t.rsplit([' ', '\t']).next().unwrap_or("");
    !last.is_empty()
        && last.starts_with(['|', '>'])
        && last[1..]
            .chars()
            .all(|c| matches!(c, '-' | '+' | '1'..='9'))
        && (t.len() == last.len() || t[..t.len() - last.len()].trim_end().ends_with([':', '-']))
}

/// How a value of the wrong kind was probably meant, from the line it is on: a number written
/// with `%`, with full-width digits, or with thousands separators.
pub fn value_hint(line: &str) -> Option<Msg> {
    let value = match line.split_once(':') {
        Some((_, v)) => v,
        None => line.trim_start().trim_start_matches('-'),
    };
    let value = value.split(" #").next().unwrap_or(value).trim();
    let bare = value.trim_matches(['"', '\'']);
    if value.contains(['%', '％']) {
        // the one item of a list written on the line (`[85%, 100]`) that has the sign
        let item = (value.split([',', '[', ']']))
            .find(|v| v.contains(['%', '％']))
            .unwrap_or(value);
        let number = (item.trim().trim_matches(['"', '\''])).trim_end_matches(['%', '％', ' ']);
        return Some(msg!(
            "write the number without `%` (the field is a percentage already): {number}",
            "數字後面不要加 `%`（此欄位本身就是百分比）：請寫 {number}"
        ));
    }
    if bare.chars().any(|c| matches!(c, '０'..='９' | '．')) {
        return Some(Msg::new(
            "the digits are full-width: write them half-width (85, not ８５)",
            "數字是全形：請改用半形數字（85，而非 ８５）",
        ));
    }
    let digits_with_commas = bare.contains(',')
        && bare
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    if digits_with_commas {
        return Some(Msg::new(
            "write the number without thousands separators (12345, not 12,345)",
            "數字請勿加千分位逗號（12345，而非 12,345）",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_and_full_width_layout_are_found_on_their_line() {
        let (line, m) = syntax_hint("id: a\nname:\n\tzh: 甲\n", 3).unwrap();
        assert_eq!(line, 3);
        assert!(m.en.contains("tab"));
        let (line, m) = syntax_hint("id: a\nyear：112\nitem: 1\n", 3).unwrap();
        assert_eq!(line, 2);
        assert!(m.zh.contains("全形冒號"), "{m:?}");
        let (line, _) = syntax_hint("id: a\nname:\n\u{3000}\u{3000}zh: 甲\n", 3).unwrap();
        assert_eq!(line, 3);
        assert_eq!(syntax_hint("id: a\nname:\n  zh: 甲\n", 3), None);
    }

    #[test]
    fn a_missing_colon_or_space_is_found_on_its_line() {
        let (line, m) = syntax_hint("id: a\nitem:10\nagency: b\n", 3).unwrap();
        assert_eq!(line, 2);
        assert!(m.en.contains("not followed by a space"), "{m:?}");
        let (line, m) = syntax_hint("id: a\nitem: 7\nagency labor\nname:\n", 4).unwrap();
        assert_eq!(line, 3);
        assert!(
            m.en.contains("no `:` after its field name `agency`"),
            "{m:?}"
        );
        // a URL's colon, and text in a block, are not mistakes
        assert_eq!(
            syntax_hint("url: https://a.tw/x\nb: |\n  note:see\n", 3),
            None
        );
    }

    #[test]
    fn text_after_a_closing_quote_is_named() {
        let (line, m) = syntax_hint("a:\n  en: 'the public's way'\nb: 1\n", 3).unwrap();
        assert_eq!(line, 2);
        assert!(m.en.contains("''"), "{m:?}");
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let text = "id: a\nname:\n  zh: \"甲乙\n  en: b\nitem: 3\n";
        assert_eq!(unclosed_quote(text).map(|(l, _)| l), Some(3));
        // closed, escaped, doubled, and quotes in block texts are not mistakes
        for fine in [
            "a: \"x \\\" y\"\nb: 'it''s'\n",
            "a: |\n  he said \"hi\n  and left\nb: 1\n",
            "a: \"one\n  two\"\nb: 1\n",
            "- 'x'\n- \"y\"\n",
        ] {
            assert_eq!(unclosed_quote(fine), None, "{fine}");
        }
    }

    #[test]
    fn numbers_written_as_people_write_them() {
        assert!(value_hint("    - 85%").unwrap().en.contains("85"));
        assert!(value_hint("  percent: 60.12 %")
            .unwrap()
            .zh
            .contains("60.12"));
        let m = value_hint("  budget_execution: [100, 85%, 100, 100]").unwrap();
        assert!(m.en.ends_with(": 85"), "{m:?}");
        assert!(value_hint("  - ８５").unwrap().en.contains("full-width"));
        assert!(value_hint("  budget: 12,345")
            .unwrap()
            .en
            .contains("separators"));
        assert_eq!(value_hint("  percent: abc"), None);
    }
}
