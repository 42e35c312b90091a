//! Text fields are Markdown: rendered with pulldown-cmark, then sanitized with ammonia so no
//! script, event handler or `javascript:` URL from a record can reach a page.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::sync::OnceLock;

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

/// Markdown → safe HTML.
pub fn to_html(md: &str) -> String {
    let mut raw = String::with_capacity(md.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, Parser::new_ext(md, options()));
    sanitizer().clean(&raw).to_string()
}

/// Markdown → plain text, blocks separated by newlines (for search and feeds). Raw HTML in
/// the source is dropped, not shown as text.
pub fn to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for ev in Parser::new_ext(md, options()) {
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
    fn hostile_html_is_removed() {
        let html = to_html("hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href=\"https://a.example\" onclick=\"x()\">a</a>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("https://a.example"));
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
}
