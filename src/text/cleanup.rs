//! Text cleanup: undoing what PDF extraction did to the cells.

/// The three section headings of a review result, in order.
pub const HEADINGS: [&str; 3] = ["一、行政作業", "二、經費運用", "三、特殊績效"];

/// Undo PDF wrap spaces: every run of whitespace becomes one space, the text is trimmed, and a
/// space is removed when neither neighbour is an ASCII letter or digit (`勞動福祉 退休司` →
/// `勞動福祉退休司`, `。 (二)` → `。(二)`), but kept next to one (`111 年度`, `LINE Bot 整合`).
pub fn clean_wraps(s: &str) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            if chars.last().is_some_and(|&p| p != ' ') {
                chars.push(' ');
            }
        } else {
            chars.push(c);
        }
    }
    while chars.last() == Some(&' ') {
        chars.pop();
    }
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            // Collapsing and trimming guarantee both neighbours exist and are not spaces.
            let prev = chars[i - 1];
            let next = chars[i + 1];
            if !prev.is_ascii_alphanumeric() && !next.is_ascii_alphanumeric() {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Remove every whitespace character (used to match agency names and to extract facts).
pub fn strip_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Normalise text for fact extraction: no whitespace, full-width digits and `％` as ASCII.
pub fn normalize_for_facts(s: &str) -> String {
    s.chars().filter_map(fold_for_facts).collect()
}

/// One character as [`normalize_for_facts`] reads it: `None` for whitespace, full-width digits
/// and `％` `．` as ASCII, any other character as it is.
pub fn fold_for_facts(c: char) -> Option<char> {
    if c.is_whitespace() {
        return None;
    }
    Some(match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        _ => c,
    })
}

/// Decode the few HTML entities a `<p>` cell may carry.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Backslash-escape a paragraph start that Markdown would read as a list item, heading or
/// block quote: `1. `, `1) `, `- `, `* `, `+ `, `# `, `> `.
pub fn escape_markdown_start(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    let space_or_end = |i: usize| i >= chars.len() || chars[i] == ' ' || chars[i] == '\t';
    match chars.first() {
        Some('-' | '*' | '+') if space_or_end(1) => format!("\\{p}"),
        Some('>') => format!("\\{p}"),
        Some('#') => {
            let n = chars.iter().take_while(|&&c| c == '#').count();
            if n <= 6 && space_or_end(n) {
                format!("\\{p}")
            } else {
                p.to_string()
            }
        }
        Some(c) if c.is_ascii_digit() => {
            let n = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            if n <= 9 && matches!(chars.get(n), Some('.' | ')')) && space_or_end(n + 1) {
                let (digits, rest) = p.split_at(n);
                format!("{digits}\\{rest}")
            } else {
                p.to_string()
            }
        }
        _ => p.to_string(),
    }
}

/// The paragraphs of a review text as a record holds it (Markdown, paragraphs separated by a
/// blank line): what [`escape_markdown_start`] did to each paragraph's start undone, so the
/// paragraphs are the ones `import` read from the table.
pub fn markdown_paragraphs(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in md.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(unescape_markdown_start(cur.join("\n").trim()));
                cur.clear();
            }
        } else {
            cur.push(line);
        }
    }
    out
}

/// [`escape_markdown_start`] undone: `1\. a` → `1. a`, `\- a` → `- a`.
pub fn unescape_markdown_start(p: &str) -> String {
    if let Some(rest) = p.strip_prefix('\\') {
        if rest.starts_with(['-', '*', '+', '>', '#']) {
            return rest.to_string();
        }
    }
    let n = p.bytes().take_while(u8::is_ascii_digit).count();
    if n > 0 && (p[n..].starts_with("\\.") || p[n..].starts_with("\\)")) {
        return format!("{}{}", &p[..n], &p[n + 1..]);
    }
    p.to_string()
}

/// Which section heading, if any, the paragraph starts with; returns its index and the rest.
pub fn heading_prefix(p: &str) -> Option<(usize, &str)> {
    HEADINGS
        .iter()
        .enumerate()
        .find_map(|(i, h)| p.strip_prefix(h).map(|rest| (i, rest.trim_start())))
}

/// Does the paragraph start with an outline marker (`(一)`, `（一）`, `1.`, `1、`, `一、`) or a
/// bullet (`-`, `•`, `※`, …)?
pub fn starts_with_marker(p: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let chars: Vec<char> = p.chars().collect();
    match chars.first() {
        Some('-' | '*' | '+' | '•' | '●' | '○' | '■' | '□' | '◆' | '◇' | '※' | '>' | '#') => {
            true
        }
        Some('(' | '（') => {
            let n = chars[1..]
                .iter()
                .take_while(|c| NUMERALS.contains(**c) || c.is_ascii_digit())
                .count();
            n > 0 && matches!(chars.get(1 + n), Some(')' | '）'))
        }
        Some(c) if c.is_ascii_digit() => {
            let n = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            // `1.` / `1、` / `1)`, but not a decimal like `1.5%`.
            matches!(chars.get(n), Some('.' | '、' | '．' | ')'))
                && !chars.get(n + 1).is_some_and(|c| c.is_ascii_digit())
        }
        Some(c) if NUMERALS.contains(*c) => {
            let n = chars.iter().take_while(|c| NUMERALS.contains(**c)).count();
            matches!(chars.get(n), Some('、'))
        }
        _ => false,
    }
}

/// Does the paragraph end a sentence (so a following `<p>` after a page break is a new one)?
pub fn ends_sentence(p: &str) -> bool {
    matches!(
        p.chars().last(),
        Some('。' | '！' | '？' | '；' | '.' | '!' | '?' | ';')
    )
}

/// One paragraph-ish fragment of a review cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    /// Raw text (tags removed, entities decoded, whitespace not yet cleaned).
    pub text: String,
    /// The fragment began with `<p>` (otherwise it is bare text, e.g. continuing an open `<p>`).
    pub opened: bool,
    /// The fragment was ended by `</p>` or by the next `<p>` (otherwise the cell ended first).
    pub closed: bool,
}

/// Split a review cell into fragments at `<p>` / `</p>`. `<br>` becomes a space; bare text
/// outside tags becomes a fragment of its own (whitespace-only bare text is dropped).
pub fn split_review_cell(cell: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut cur: Option<Fragment> = None;
    let bytes = cell.as_bytes();
    let mut i = 0;
    let mut text_start = 0;

    // `by_close`: ended by `</p>` (a bare fragment then still matters: it closes a paragraph
    // opened in an earlier row, even when it carries no text).
    fn flush(cur: &mut Option<Fragment>, out: &mut Vec<Fragment>, closed: bool, by_close: bool) {
        if let Some(mut f) = cur.take() {
            f.closed = closed;
            if f.opened || by_close || !f.text.trim().is_empty() {
                f.text = decode_entities(&f.text);
                out.push(f);
            }
        }
    }
    fn append(cur: &mut Option<Fragment>, s: &str) {
        if s.is_empty() {
            return;
        }
        match cur {
            Some(f) => f.text.push_str(s),
            None => {
                *cur = Some(Fragment {
                    text: s.to_string(),
                    opened: false,
                    closed: false,
                });
            }
        }
    }

    while i < bytes.len() {
        if bytes[i] == b'<' {
            if let Some((kind, len)) = tag_at(&cell[i..]) {
                append(&mut cur, &cell[text_start..i]);
                match kind {
                    Tag::Open => {
                        flush(&mut cur, &mut out, true, false);
                        cur = Some(Fragment {
                            text: String::new(),
                            opened: true,
                            closed: false,
                        });
                    }
                    Tag::Close => {
                        if cur.is_none() {
                            // `</p>` closing a paragraph opened in an earlier row, with no text here.
                            cur = Some(Fragment {
                                text: String::new(),
                                opened: false,
                                closed: false,
                            });
                        }
                        flush(&mut cur, &mut out, true, true);
                    }
                    Tag::Br => append(&mut cur, " "),
                }
                i += len;
                text_start = i;
                continue;
            }
        }
        i += 1;
    }
    append(&mut cur, &cell[text_start..]);
    flush(&mut cur, &mut out, false, false);
    out
}

enum Tag {
    Open,
    Close,
    Br,
}

/// Recognise `<p>`, `<p attr…>`, `</p>`, `<br>`, `<br/>` (ASCII case-insensitive) at the start.
fn tag_at(s: &str) -> Option<(Tag, usize)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    if inner.contains('<') {
        return None;
    }
    let lower = inner.to_ascii_lowercase();
    let lower = lower.trim_end_matches('/').trim();
    let name_end = lower
        .find(|c: char| c.is_whitespace())
        .unwrap_or(lower.len());
    let tag = match &lower[..name_end] {
        "p" => Tag::Open,
        "/p" => Tag::Close,
        "br" => Tag::Br,
        _ => return None,
    };
    Some((tag, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps() {
        for (input, want) in [
            ("勞動福祉 退休司", "勞動福祉退休司"),
            ("  111 年度第 3 季  ", "111 年度第 3 季"),
            ("LINE Bot 整合", "LINE Bot 整合"),
            ("全民勞教 e 網", "全民勞教 e 網"),
            ("目標。 (二)進度", "目標。(二)進度"),
            ("a \t  b", "a b"),
            (" ", ""),
        ] {
            assert_eq!(clean_wraps(input), want, "{input:?}");
        }
    }

    #[test]
    fn escapes() {
        for (input, want) in [
            ("1. a", "1\\. a"),
            ("1.年度", "1.年度"),
            ("- a", "\\- a"),
            ("-a", "-a"),
            ("## a", "\\## a"),
            (">a", "\\>a"),
            ("* a", "\\* a"),
        ] {
            assert_eq!(escape_markdown_start(input), want, "{input:?}");
        }
    }

    #[test]
    fn paragraphs_read_back_as_written() {
        let paras = [
            "1. a",
            "- a",
            "## a",
            ">a",
            "* a",
            "1.年度",
            "(一)如期",
            "1) b",
        ];
        let md = paras
            .iter()
            .map(|p| escape_markdown_start(p))
            .collect::<Vec<_>>()
            .join("\n\n")
            + "\n";
        assert_eq!(markdown_paragraphs(&md), paras);
        assert_eq!(markdown_paragraphs("a\nb\n \n\nc"), ["a\nb", "c"]);
        assert!(markdown_paragraphs("").is_empty());
    }

    #[test]
    fn markers() {
        assert!(starts_with_marker("(一)如期"));
        assert!(starts_with_marker("1.年度"));
        assert!(starts_with_marker("二、經費運用"));
        assert!(!starts_with_marker("決策系統"));
        assert!(!starts_with_marker("111 年"));
        assert!(!starts_with_marker("1.5% 之"));
    }

    #[test]
    fn cells() {
        let f = split_review_cell("<p>a</p> <p>b");
        assert_eq!(f.len(), 2);
        assert!(f[0].opened && f[0].closed && f[1].opened && !f[1].closed);
        let f = split_review_cell("c</p> <p>d</p>");
        assert_eq!(
            f[0],
            Fragment {
                text: "c".into(),
                opened: false,
                closed: true
            }
        );
        assert_eq!(split_review_cell("").len(), 0);
    }
}
