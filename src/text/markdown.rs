//! Text fields are Markdown: rendered with pulldown-cmark, then sanitized with ammonia so no
//! script, event handler or `javascript:` URL from a record can reach a page.
//!
//! Two guarantees on top of that, both checked by [`check`] (which `check` and `build` run on
//! every Markdown field) and enforced again by [`to_html`]:
//!
//! - **No text disappears.** Raw HTML that would hide what follows it on a page (`<style>`,
//!   `<script>`, `<template>`, `<textarea>`, `<title>`, `<xmp>`, `<noscript>`, `<iframe>`,
//!   `<noembed>`, `<noframes>`, `<plaintext>`, `<math>`, `<svg>`, `<select>`, `<object>`, comments and other `<!…>` / `<?…>` markup) is
//!   shown as text, closed or not, on the page and in search alike.
//! - **Bounded work.** Nesting deeper than [`MAX_NESTING`] overflows the stack of the HTML
//!   minifier; a text longer than [`MAX_TEXT_BYTES`], or with more than [`MAX_ESCAPED`]
//!   characters that HTML serialization escapes (`&`, U+0080–U+00BF), makes html5ever's
//!   serializer quadratic (it scans to the next `<` or `>` for every `&`). Such a text is
//!   refused by `check`, and rendered as escaped plain paragraphs if it reaches [`to_html`].

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::sync::OnceLock;

/// Deepest nesting of blocks, inline elements and raw HTML elements a text may have. Real
/// reviews nest 4 deep (list, item, paragraph, emphasis); pages add about 12 around them.
pub const MAX_NESTING: usize = 32;

/// Longest Markdown text accepted, in bytes. The longest real review section is under 3 kB.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Most characters one text may hold that HTML serialization escapes (`&`, and U+0080–U+00BF,
/// whose UTF-8 starts with the byte html5ever checks for `&nbsp;`), after entities are decoded.
pub const MAX_ESCAPED: usize = 2_000;

/// Why a text cannot be rendered safely; the message is worded for staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub crate::error::Msg);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Headings inside a record would break the page outline (h1 page, h2 sections).
        b.rm_tags(["h1", "h2", "img"]);
        b.url_schemes(["http", "https", "mailto"].into_iter().collect());
        b
    })
}

/// Elements whose content a browser (or the sanitizer) does not show as page text, or shows
/// nothing after when left open.
const HIDING: &[&str] = &[
    // foreign content: the sanitizer drops MathML and SVG with everything parsed into them
    "math",
    "svg",
    // a select list keeps only option text, and the sanitizer drops it with the list
    "datalist",
    "optgroup",
    "option",
    "select",
    // plugin content: what a parser nests in it the sanitizer can lose
    "applet",
    "object",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "template",
    "textarea",
    "title",
    "xmp",
];

/// Does this raw HTML hold markup that hides text: a hiding element's start or end tag, or
/// `<!` (comment, CDATA, doctype) or `<?` (processing instruction, parsed as a bogus comment)?
fn hides_text(html: &str) -> bool {
    let b = html.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        if c != b'<' {
            return false;
        }
        let rest = &b[i + 1..];
        if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
            return true;
        }
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &rest[..name_len];
        HIDING
            .iter()
            .any(|h| h.as_bytes().eq_ignore_ascii_case(name))
            || (name_len > 0 && !kept_by_sanitizer(name))
    })
}

/// Whether the sanitizer keeps elements named `name`. One it drops is shown as text instead:
/// dropping it is not enough, since a parser restructures what follows an unknown or
/// scope-changing element (`<button><g>` swallows the next paragraphs) and the sanitizer then
/// loses that text with it.
fn kept_by_sanitizer(name: &[u8]) -> bool {
    static KEPT: OnceLock<Vec<String>> = OnceLock::new();
    KEPT.get_or_init(|| {
        sanitizer()
            .clone_tags()
            .into_iter()
            .map(str::to_string)
            .collect()
    })
    .iter()
    .any(|k| k.as_bytes().eq_ignore_ascii_case(name))
}

/// The Markdown events of `md`, with raw HTML that would hide text turned into text: an inline
/// tag on its own, an HTML block whole (a block opened by `<!--`, `<?` or `<script>` runs until
/// its end marker, so every line of it would be hidden).
fn events(md: &str) -> impl Iterator<Item = Event<'_>> {
    let mut evs: Vec<Event<'_>> = Parser::new_ext(md, options()).collect();
    let mut i = 0;
    while i < evs.len() {
        match &evs[i] {
            Event::InlineHtml(h) if hides_text(h) => {
                evs[i] = as_text(std::mem::replace(&mut evs[i], Event::SoftBreak));
            }
            Event::Start(Tag::HtmlBlock) => {
                let end = evs[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::HtmlBlock)))
                    .map_or(evs.len(), |n| i + n);
                let hides = evs[i..end]
                    .iter()
                    .any(|e| matches!(e, Event::Html(h) if hides_text(h)));
                if hides {
                    for e in &mut evs[i..end] {
                        *e = as_text(std::mem::replace(e, Event::SoftBreak));
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    evs.into_iter()
}

/// Raw HTML as text; any other event as it is.
fn as_text(e: Event<'_>) -> Event<'_> {
    match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        e => e,
    }
}

/// HTML void elements: never pushed on the open-element stack.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that bound the scope in which an end tag finds its start tag: an end tag whose
/// start tag lies beyond one of these is ignored by HTML parsers, so it closes nothing here.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "marquee", "object", "table", "td", "template", "th",
];

/// Follows the start and end tags of a raw HTML piece on `open` (lower-case names), as an
/// HTML parser's stack of open elements would grow, erring on the deep side; returns the
/// deepest the stack was.
fn follow_tags(html: &str, open: &mut Vec<String>) -> usize {
    let mut peak = open.len();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let close = b.get(i) == Some(&b'/');
        let start = if close { i + 1 } else { i };
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if close {
            if let Some(pos) = open
                .iter()
                .rposition(|n| *n == name || SCOPE.contains(&n.as_str()))
            {
                if open[pos] == name {
                    open.truncate(pos);
                }
            }
        } else if !VOID.contains(&name.as_str()) {
            // the parser adds the rows and row groups a table cell or row implies
            let implied: &[&str] = match name.as_str() {
                "td" | "th" => &["tbody", "tr"],
                "tr" => &["tbody"],
                "col" => &["colgroup"],
                _ => &[],
            };
            open.extend(implied.iter().map(|n| n.to_string()));
            open.push(name);
            peak = peak.max(open.len());
        }
        i = start + len;
    }
    peak
}

/// Checks that `md` renders within the limits above; the error says which and how to fix it.
pub fn check(md: &str) -> Result<(), Refused> {
    before_parsing(md)?;
    check_events(md, &events(md).collect::<Vec<_>>())
}

/// What [`check`] refuses without parsing `md`: a text over [`MAX_TEXT_BYTES`], or a line
/// opening more than [`MAX_NESTING`] lists or quotes (`- - - …`, `1. 1. …`, `> > …`).
/// pulldown-cmark reads every line of a text through all the lists and quotes it is in, so
/// 140 kB of such lines took it 8 s (debug build) before the nesting was counted.
fn before_parsing(md: &str) -> Result<(), Refused> {
    if md.len() > MAX_TEXT_BYTES {
        return Err(too_long(md));
    }
    if md.split('\n').any(|line| opened(line) > MAX_NESTING) {
        return Err(too_deep());
    }
    Ok(())
}

/// How many list items and quotes `line` starts: its leading `>`, and `-`, `*`, `+` or a
/// number with `.` or `)` followed by a space or tab.
fn opened(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    let mut n = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let spaced = |j: usize| j >= b.len() || b[j] == b' ' || b[j] == b'\t';
        match b.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if spaced(i + 1) => i += 1,
            Some(c) if c.is_ascii_digit() => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                let j = i + digits;
                if digits > 9 || !matches!(b.get(j), Some(b'.' | b')')) || !spaced(j + 1) {
                    return n;
                }
                i = j + 1;
            }
            _ => return n,
        }
        n += 1;
    }
}

fn too_deep() -> Refused {
    Refused(crate::msg!(
        "the text nests lists, quotes, emphasis or HTML elements more than {MAX_NESTING} levels deep",
        "內容的清單、引文、強調或 HTML 元素層層套疊超過 {MAX_NESTING} 層"
    ))
}

fn too_long(md: &str) -> Refused {
    let n = md.len();
    Refused(crate::msg!(
        "the text is {n} bytes long; at most {MAX_TEXT_BYTES} are allowed",
        "內容長達 {n} 位元組，上限為 {MAX_TEXT_BYTES}"
    ))
}

/// [`check`] on the events of `md`, already parsed.
fn check_events(md: &str, evs: &[Event<'_>]) -> Result<(), Refused> {
    if md.len() > MAX_TEXT_BYTES {
        return Err(too_long(md));
    }
    // the HTML elements each open Markdown block or span renders as (a code block is
    // <pre><code>, a table head <thead><tr>, a body row may open <tbody> before its <tr>)
    let mut open: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut html: Vec<String> = Vec::new();
    let mut escaped = 0usize;
    // `&` and U+0080–U+00BF, counted on bytes: those characters are exactly the ones whose
    // UTF-8 starts with C2 (C2 80 to C2 BF)
    let escapes = |s: &str| s.bytes().filter(|&b| b == b'&' || b == 0xC2).count();
    for ev in evs {
        let mut peak = html.len();
        match ev {
            Event::Start(tag) => {
                let n = match tag {
                    Tag::CodeBlock(_) | Tag::TableHead | Tag::TableRow => 2,
                    _ => 1,
                };
                open.push(n);
                depth += n;
            }
            Event::End(_) => depth = depth.saturating_sub(open.pop().unwrap_or(1)),
            Event::Html(h) | Event::InlineHtml(h) => {
                peak = follow_tags(h, &mut html);
                escaped += escapes(h);
            }
            Event::Text(t) | Event::Code(t) => escaped += escapes(t),
            _ => {}
        }
        if depth + peak > MAX_NESTING {
            return Err(too_deep());
        }
        if escaped > MAX_ESCAPED {
            return Err(Refused(crate::msg!(
                "the text has more than {MAX_ESCAPED} `&` and U+0080–U+00BF characters (entities included)",
                "內容的 `&` 與 U+0080–U+00BF 字元（含 HTML 字元參照）超過 {MAX_ESCAPED} 個"
            )));
        }
    }
    Ok(())
}

/// Markdown → safe HTML. A text [`check`] refuses is shown as escaped plain paragraphs, so
/// nothing downstream (sanitizer, templates, minifier) sees deep or costly markup.
pub fn to_html(md: &str) -> String {
    if before_parsing(md).is_err() {
        return plain_paragraphs(md);
    }
    let evs: Vec<Event<'_>> = events(md).collect();
    if check_events(md, &evs).is_err() {
        return plain_paragraphs(md);
    }
    let plain = evs.iter().all(plain_markup);
    let mut raw = String::with_capacity(md.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, evs.into_iter());
    if plain {
        return as_sanitized(raw);
    }
    sanitizer().clean(&raw).to_string()
}

/// The HTML of [`plain_markup`] as the sanitizer's serializer writes it: the same, but for
/// U+00A0, which it writes `&nbsp;` (a sixth of real review texts hold one).
fn as_sanitized(raw: String) -> String {
    if raw.contains('\u{a0}') {
        raw.replace('\u{a0}', "&nbsp;")
    } else {
        raw
    }
}

/// Whether pulldown-cmark renders `ev` as markup the sanitizer keeps exactly as it is:
/// paragraphs, lists, quotes, emphasis and code spans around text with nothing the
/// sanitizer's serializer writes differently (it drops `\r` and writes `<br>` for `<br />`;
/// U+00A0, which it escapes, [`as_sanitized`] escapes too). Most review texts are only that,
/// and skip the sanitizer's parse.
fn plain_markup(ev: &Event<'_>) -> bool {
    match ev {
        Event::Start(t) => matches!(
            t,
            Tag::Paragraph
                | Tag::List(None | Some(1))
                | Tag::Item
                | Tag::BlockQuote(None)
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
        ),
        Event::End(t) => matches!(
            t,
            TagEnd::Paragraph
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(None)
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
        ),
        Event::Text(t) | Event::Code(t) => !t.contains(['\r', '\0']),
        Event::SoftBreak => true,
        _ => false,
    }
}

/// The text escaped, blank-line-separated blocks as paragraphs, with no markup interpreted.
fn plain_paragraphs(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 16);
    for block in md.split("\n\n").filter(|b| !b.trim().is_empty()) {
        out.push_str("<p>");
        for c in block.trim().chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
        out.push_str("</p>\n");
    }
    out
}

/// The number of top-level blocks `md` renders as (paragraphs, lists, quotes …): where it is
/// the number of [`markdown_paragraphs`](super::cleanup::markdown_paragraphs), the
/// `n`-th block of [`with_block_ids`] is the `n`-th paragraph.
pub fn block_count(md: &str) -> usize {
    if before_parsing(md).is_err() {
        return md.split("\n\n").filter(|b| !b.trim().is_empty()).count();
    }
    let mut depth = 0usize;
    let mut blocks = 0;
    for ev in events(md) {
        match ev {
            Event::Start(_) => {
                blocks += usize::from(depth == 0);
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(_) | Event::Rule if depth == 0 => blocks += 1,
            _ => {}
        }
    }
    blocks
}

/// `html`, as [`to_html`] renders a text, with each top-level element given the id
/// `{prefix}-p{n}` (n from 1), so that a page links to a paragraph of a review.
pub fn with_block_ids(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let (mut depth, mut n, mut done) = (0usize, 0, 0);
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + off;
        let name_len = b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        // the tag's end, quoted attribute values skipped
        let mut end = at + 1;
        let mut quote = None;
        while end < b.len() && (quote.is_some() || b[end] != b'>') {
            match (quote, b[end]) {
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            end += 1;
        }
        let name = html[at + 1..at + 1 + name_len].to_ascii_lowercase();
        if b.get(at + 1) == Some(&b'/') {
            depth = depth.saturating_sub(1);
        } else if name_len > 0 {
            if depth == 0 {
                n += 1;
                out.push_str(&html[done..at + 1 + name_len]);
                out.push_str(&format!(" id=\"{prefix}-p{n}\""));
                done = at + 1 + name_len;
            }
            if !VOID.contains(&name.as_str()) && b[end - 1] != b'/' {
                depth += 1;
            }
        }
        i = end.min(b.len());
        if i >= b.len() {
            break;
        }
    }
    out.push_str(&html[done..]);
    out
}

/// A part of a text (a quote of a sentence) → safe inline HTML: its Markdown rendered as the
/// text's paragraph renders it, without the paragraph; as escaped text where it would render
/// as anything but one paragraph.
pub fn inline(md: &str) -> String {
    let html = to_html(&super::cleanup::escape_markdown_start(md.trim()));
    let inner = html
        .trim_end()
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .filter(|h| !h.contains("<p>"));
    match inner {
        Some(h) => h.to_string(),
        None => plain_paragraphs(md.trim())
            .trim_end()
            .trim_start_matches("<p>")
            .trim_end_matches("</p>")
            .to_string(),
    }
}

/// Markdown → plain text, blocks separated by newlines (for search and feeds). Raw HTML in
/// the source is dropped, not shown as text, except markup that would hide text on the page,
/// which is kept as the page shows it.
pub fn to_text(md: &str) -> String {
    // a text [`check`] refuses before parsing is its own plain text
    if before_parsing(md).is_err() {
        return md.trim_end().to_string();
    }
    let mut out = String::with_capacity(md.len());
    for ev in events(md) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push('\n'),
            Event::Start(Tag::Item) if !out.is_empty() && !out.ends_with('\n') => out.push('\n'),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_top_level_block_gets_its_id_and_counts_as_one() {
        let md = "(一)如期。\n\n- a\n- b\n\n> q\n\n---\n\n1\\. 年度 <br> x";
        let html = with_block_ids(&to_html(md), "administration");
        for (n, tag) in [(1, "p"), (2, "ul"), (3, "blockquote"), (4, "hr"), (5, "p")] {
            assert!(
                html.contains(&format!("<{tag} id=\"administration-p{n}\"")),
                "{html}"
            );
        }
        assert_eq!(html.matches(" id=").count(), 5, "{html}");
        assert_eq!(block_count(md), 5);
        assert_eq!(block_count("a\nb\n\nc"), 2);
        let titled = "[x](https://e.org \"a>b\") y\n\nz";
        assert_eq!(
            with_block_ids(&to_html(titled), "s")
                .matches(" id=")
                .count(),
            2
        );
    }

    #[test]
    fn a_quote_renders_inline_as_its_paragraph_does() {
        assert_eq!(
            inline("完成**重要**工作。"),
            "完成<strong>重要</strong>工作。"
        );
        // a quote starting like a list item is still a sentence
        assert_eq!(inline("1. Challenge of x"), "1. Challenge of x");
        assert_eq!(inline("a & b"), "a &amp; b");
    }

    #[test]
    fn elements_the_sanitizer_drops_are_shown_as_text_and_hide_nothing() {
        // <button> changes the parser's scope and <g> is unknown: dropped, they took the
        // following paragraph with them
        let html = to_html("<button><svg><g>\n\n最後一句");
        assert!(html.contains("&lt;button&gt;"), "{html}");
        assert!(html.contains("最後一句"), "{html}");
        // elements the sanitizer keeps stay markup
        assert!(to_html("a <span lang=\"en\">b</span>").contains("<span lang=\"en\">b</span>"));
    }

    #[test]
    fn lines_opening_many_lists_are_refused_before_parsing() {
        // a raw HTML block deep in lists: pulldown-cmark read each later line through every
        // list (seconds for 60 kB, debug build)
        let md = "1. ".repeat(10_000) + "<script>\n" + &"\n".repeat(30_000) + "x";
        assert!(md.len() < MAX_TEXT_BYTES);
        let start = std::time::Instant::now();
        assert!(check(&md).is_err());
        assert!(to_html(&md).starts_with("<p>1. 1. "));
        assert!(to_text(&md).ends_with('x'));
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
        let md = "> ".repeat(MAX_NESTING + 1) + "x";
        assert_eq!(check(&md), Err(too_deep()));
        assert_eq!(opened(&md), MAX_NESTING + 1);
        for (line, n) in [
            ("- * + 1. 2) x", 5),
            ("-x", 0),
            ("1.x", 0),
            ("1234567890. x", 0),
            ("> >> - ", 4),
        ] {
            assert_eq!(opened(line), n, "{line}");
        }
    }

    #[test]
    fn blocks_rendering_as_two_elements_count_twice() {
        // 31 quotes hold a code block, <pre><code>: 33 elements deep
        let md = format!("{}    code", "> ".repeat(MAX_NESTING - 1));
        assert!(check(&md).is_err());
        let table = format!(
            "{}| a |\n{}|---|\n{}| b |",
            "> ".repeat(30),
            "> ".repeat(30),
            "> ".repeat(30)
        );
        assert!(
            check(&table).is_err(),
            "table, thead and tr under 30 quotes"
        );
    }

    #[test]
    fn hostile_html_is_removed() {
        let html = to_html("hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href=\"https://a.example\" onclick=\"x()\">a</a>");
        assert!(!html.contains("<script"), "{html}");
        // an element the sanitizer drops is shown as text, never as markup
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("https://a.example"));
    }

    #[test]
    fn plain_markup_renders_as_the_sanitizer_would_keep_it() {
        // texts made of every pairing of these pieces: where all their events are plain,
        // skipping the sanitizer must give its very output
        let pieces = [
            "(一)如期依限提報。",
            "1.年度目標挑戰性：略具挑戰性。",
            "a \"quoted\" & 'single' <b>x</b> 5 > 3",
            "*強調* **粗體** ~~刪除~~ `code <a> & \"`",
            "- 一\n- 二\n  - 巢狀\n",
            "1. first\n2. second\n",
            "3. starts at three\n",
            "- loose\n\n- list\n",
            "> 引言\n> 第二行\n",
            "tab\there, line\nsoft break",
            "line with hard break  \nnext",
            "&amp; &lt; &#160; &copy; \\* escaped",
            "[link](https://a.example) <https://b.example>",
            "### heading",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "    code block",
            "---",
            "crlf\r\nline",
            "nul\0char",
            "non\u{a0}breaking\u{a0}\u{a0}spaces",
            "`code\u{a0}span` and &nbsp; entity",
            "- item\u{a0}one\n- *em\u{a0}phasis*\n",
        ];
        let mut plain = 0;
        for a in pieces {
            for b in pieces {
                for sep in ["\n\n", " ", "\n"] {
                    let md = format!("{a}{sep}{b}");
                    let evs: Vec<Event<'_>> = events(&md).collect();
                    if !evs.iter().all(plain_markup) {
                        continue;
                    }
                    plain += 1;
                    let mut raw = String::new();
                    pulldown_cmark::html::push_html(&mut raw, evs.into_iter());
                    let fast = as_sanitized(raw.clone());
                    assert_eq!(sanitizer().clean(&raw).to_string(), fast, "{md:?}");
                    assert_eq!(to_html(&md), fast, "{md:?}");
                }
            }
        }
        assert!(plain > 100, "only {plain} plain texts");
        let nbsp = "a\u{a0}b";
        assert!(events(nbsp).all(|e| plain_markup(&e)));
        assert_eq!(to_html(nbsp), "<p>a&nbsp;b</p>\n");
    }

    #[test]
    fn chinese_paragraphs_survive() {
        let html = to_html("(一)如期依限提報。\n\n1.年度目標挑戰性：略具挑戰性。\n");
        assert_eq!(
            html,
            "<p>(一)如期依限提報。</p>\n<p>1.年度目標挑戰性：略具挑戰性。</p>\n"
        );
        assert_eq!(to_text("a\n\nb <b>c</b>"), "a\nb c");
    }

    #[test]
    fn unclosed_hiding_elements_show_what_follows() {
        // every element the module names, plus markup that is not an element, and case
        let named = HIDING.iter().map(|e| format!("<{e}>"));
        let other = ["<!--", "<?php", "<!x", "<STYLE type=x>"].map(String::from);
        for open in named.chain(other) {
            let html = to_html(&format!("前文 {open} 後文仍在\n\n下一段也在"));
            assert!(html.contains("後文仍在"), "{open}: {html}");
            assert!(html.contains("下一段也在"), "{open}: {html}");
            let block = to_html(&format!("{open}\n後文仍在\n\n下一段也在"));
            assert!(block.contains("後文仍在"), "{open}: {block}");
            assert!(block.contains("下一段也在"), "{open}: {block}");
            assert!(to_text(&format!("a {open} b")).contains('b'));
        }
    }

    #[test]
    fn deep_nesting_is_refused_and_rendered_flat() {
        // (what opens a level, how many times)
        let nested = [
            ("- ", 2000),
            (">", 5000),
            ("<div>", 5000),
            ("<div><table><td></div>", 500),
        ];
        let mixed = [
            "- > ".repeat(1000) + &"<span>".repeat(100) + "x",
            "*a ".repeat(40) + "x" + &"*".repeat(40),
        ];
        for md in (nested.iter().map(|(open, n)| open.repeat(*n) + " x")).chain(mixed) {
            assert!(check(&md).is_err(), "{}", &md[..20]);
            let html = to_html(&md);
            assert!(
                html.starts_with("<p>") && html.contains('x'),
                "{}",
                &html[..20]
            );
        }
        assert!(check(&("- ".repeat(10) + "x")).is_ok());
        assert!(check(&"<div>a</div>\n\n".repeat(100)).is_ok());
    }

    #[test]
    fn many_escaped_characters_are_refused() {
        assert!(check(&"&#x26;".repeat(MAX_ESCAPED + 1)).is_err());
        assert!(check(&"&amp;".repeat(MAX_ESCAPED + 1)).is_err());
        assert!(check(&"&".repeat(MAX_ESCAPED + 1)).is_err());
        assert!(check(&"&amp;".repeat(MAX_ESCAPED / 2)).is_ok());
        // U+0080–U+00BF count, the characters either side of them do not
        for c in ['\u{80}', '\u{A0}', '\u{BF}'] {
            assert!(
                check(&c.to_string().repeat(MAX_ESCAPED + 1)).is_err(),
                "{c:?}"
            );
        }
        for c in ['\u{7F}', '\u{C0}', '\u{100}', '字'] {
            assert!(
                check(&c.to_string().repeat(MAX_ESCAPED + 1)).is_ok(),
                "{c:?}"
            );
        }
        assert!(check(&"字".repeat(MAX_TEXT_BYTES / 3 + 1)).is_err());
    }
}
