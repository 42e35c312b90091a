//! Compact HTML. Templates are compacted once, when the theme loads ([`template`]), so pages
//! leave Tera compact and need no per-page pass: re-parsing every page with minify-html cost
//! about half a build's CPU for a 7 % saving. [`html`] (minify-html) stays for HTML that no
//! template wrote. Its JS minifier stays off: it has broken scripts in other generators, and
//! our scripts are external files anyway.

use std::sync::OnceLock;

fn cfg() -> &'static minify_html::Cfg {
    static C: OnceLock<minify_html::Cfg> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = minify_html::Cfg::new();
        c.minify_css = true;
        c.minify_js = false;
        c.keep_closing_tags = true;
        c.keep_html_and_head_opening_tags = true;
        c
    })
}

/// Minified HTML (minify-html, whole document).
pub fn html(src: &str) -> Vec<u8> {
    minify_html::minify(src.as_bytes(), cfg())
}

/// A Tera HTML template with the whitespace no browser renders taken out, its Tera tags,
/// attributes, comments and the content of `pre`, `textarea`, `script` and `style` untouched.
///
/// Only whitespace between markup changes: a run of it beside a block-level tag (or anywhere
/// in `head`) is removed, since CSS's normal flow does not render it; any other run becomes
/// one character (a newline if it held one, else a space), which renders the same. A run
/// beside a Tera tag counts that side as unknown, because what the tag prints depends on the
/// data. Theme authors: a block-level element restyled `display: inline` loses the spaces
/// around it; put a `&#32;` or an inline element where a space must stay.
pub fn template(src: &str) -> String {
    let tokens = tokenize(src);
    let mut out = String::with_capacity(src.len());
    let mut in_head = false;
    for (i, tok) in tokens.iter().enumerate() {
        match tok {
            Token::Space(s) => {
                let prev = i.checked_sub(1).map(|p| &tokens[p]);
                let next = tokens.get(i + 1);
                if in_head || invisible(prev, next) {
                    continue;
                }
                out.push(if s.contains('\n') { '\n' } else { ' ' });
            }
            Token::Tag { text, name, close } => {
                if name == "head" {
                    in_head = !*close;
                }
                out.push_str(text);
            }
            Token::Verbatim(s) | Token::Text(s) => out.push_str(s),
        }
    }
    out
}

/// A piece of a template.
#[derive(Debug)]
enum Token<'a> {
    /// A run of ASCII whitespace between other tokens.
    Space(&'a str),
    /// An HTML tag, `<name …>` or `</name>`, with its name in lower case.
    Tag {
        text: &'a str,
        name: String,
        close: bool,
    },
    /// A Tera tag, an HTML comment or doctype, or a raw-text element's content: kept as is.
    Verbatim(&'a str),
    /// Other text.
    Text(&'a str),
}

/// Elements whose start and end no browser renders whitespace beside, inside or outside:
/// HTML's block-level elements and SVG's shapes and groups (SVG renders text only inside
/// `text`).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "circle",
    "col",
    "colgroup",
    "dd",
    "defs",
    "desc",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "ellipse",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "g",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "line",
    "main",
    "nav",
    "ol",
    "p",
    "path",
    "polygon",
    "polyline",
    "rect",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements whose content is not markup: copied whole.
const RAW: &[&str] = &["pre", "textarea", "script", "style"];

/// Whether a whitespace run between `prev` and `next` renders nothing.
fn invisible(prev: Option<&Token>, next: Option<&Token>) -> bool {
    let at = |t: Option<&Token>, is_prev: bool| match t {
        Some(Token::Tag { name, close, .. }) => {
            // the run is inside the element after its start tag or before its end tag
            let inside = *close != is_prev;
            BLOCK.contains(&name.as_str())
                || (name == "svg" && inside)
                || (name == "text" && !inside)
        }
        // a template's start or end may be printed mid-line by an include: unknown
        _ => false,
    };
    at(prev, true) || at(next, false)
}

/// Splits a template into tokens; every byte of `src` is in exactly one token.
fn tokenize(src: &str) -> Vec<Token<'_>> {
    let b = src.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        let end = if b[i].is_ascii_whitespace() {
            let end = i + b[i..]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
            Some((end, Token::Space(&src[i..end])))
        } else if matches!(b[i], b'<' | b'{') {
            special(src, i)
        } else {
            None
        };
        let Some((end, tok)) = end else {
            i += 1;
            continue;
        };
        if text_start < i {
            tokens.push(Token::Text(&src[text_start..i]));
        }
        // a raw-text element's content runs to its end tag, untouched
        let raw = match &tok {
            Token::Tag { name, close, .. } if !close && RAW.contains(&name.as_str()) => {
                Some(name.clone())
            }
            _ => None,
        };
        tokens.push(tok);
        i = end;
        if let Some(name) = raw {
            let rest = src[i..].to_ascii_lowercase();
            let stop = i + rest.find(&format!("</{name}")).unwrap_or(rest.len());
            if stop > i {
                tokens.push(Token::Verbatim(&src[i..stop]));
            }
            i = stop;
        }
        text_start = i;
    }
    if text_start < b.len() {
        tokens.push(Token::Text(&src[text_start..]));
    }
    tokens
}

/// The Tera tag, comment or HTML tag starting at `i`, and where it ends; `None` for text.
fn special(src: &str, i: usize) -> Option<(usize, Token<'_>)> {
    let rest = &src[i..];
    if let Some(end) = tera_end(rest.as_bytes()) {
        return Some((i + end, Token::Verbatim(&rest[..end])));
    }
    for (open, close) in [("<!--", "-->"), ("<!", ">")] {
        if rest.starts_with(open) {
            let end = rest.find(close).map_or(rest.len(), |e| e + close.len());
            return Some((i + end, Token::Verbatim(&rest[..end])));
        }
    }
    let b = rest.as_bytes();
    let close = b.get(1) == Some(&b'/');
    let name_at = if close { 2 } else { 1 };
    if b[0] != b'<' || !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name: String = rest[name_at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    let end = tag_end(rest);
    Some((
        i + end,
        Token::Tag {
            text: &rest[..end],
            name,
            close,
        },
    ))
}

/// The length of the Tera tag (`{{ }}`, `{% %}`, `{# #}`) `s` starts with, if it starts with
/// one. Its ends are ASCII, so the length falls on a character boundary.
fn tera_end(s: &[u8]) -> Option<usize> {
    let close: &[u8] = match s.get(..2)? {
        b"{{" => b"}}",
        b"{%" => b"%}",
        b"{#" => b"#}",
        _ => return None,
    };
    let found = s[2..].windows(2).position(|w| w == close);
    Some(found.map_or(s.len(), |e| e + 4))
}

/// The length of the HTML tag `s` starts with: to the first `>` outside quotes and Tera tags
/// (an attribute may hold `{% if a > b %}` or `"{% if lang == "zh" %}…"`).
fn tag_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut quote = None;
    let mut i = 1;
    while i < b.len() {
        if let Some(end) = tera_end(&b[i..]) {
            i += end;
            continue;
        }
        match (b[i], quote) {
            (b'"' | b'\'', None) => quote = Some(b[i]),
            (c, Some(q)) if c == q => quote = None,
            (b'>', None) => return i + 1,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::template;

    #[test]
    fn whitespace_beside_blocks_goes_and_between_inline_elements_stays() {
        assert_eq!(
            template("<ul>\n  <li><a href=\"/\">a</a>\n<a>b</a></li>\n</ul>\n<p>x  y</p>"),
            "<ul><li><a href=\"/\">a</a>\n<a>b</a></li></ul><p>x y</p>"
        );
    }

    #[test]
    fn tera_tags_and_attributes_are_kept_byte_for_byte() {
        let src = "<a href=\"{% if lang == \"zh\" %}{{ a }}{% else %}b{% endif %}\" title=\"x  >  y\">\n{{ t.name  }}  {% if a > b %}\n<b>{{ x }}</b>{% endif %}</a>";
        assert_eq!(
            template(src),
            "<a href=\"{% if lang == \"zh\" %}{{ a }}{% else %}b{% endif %}\" title=\"x  >  y\">\n{{ t.name  }} {% if a > b %}\n<b>{{ x }}</b>{% endif %}</a>"
        );
    }

    #[test]
    fn a_run_beside_a_tera_tag_is_kept_unless_a_block_is_on_its_other_side() {
        // `x` may print an inline element: the space before <span> stays
        assert_eq!(template("{{ x }} <span>"), "{{ x }} <span>");
        assert_eq!(template("{% endif %}\n<p>"), "{% endif %}<p>");
    }

    #[test]
    fn text_in_any_script_passes_through() {
        let src =
            "<p>\n勞動部 {{ t.中文 }}\n<a title=\"計畫 {% if a %}甲{% endif %}\">乙</a>\n</p>";
        assert_eq!(
            template(src),
            "<p>勞動部 {{ t.中文 }}\n<a title=\"計畫 {% if a %}甲{% endif %}\">乙</a></p>"
        );
    }

    #[test]
    fn raw_text_elements_and_comments_are_untouched() {
        let src = "<pre>\n  a\n    b\n</pre> <textarea> x  </textarea><!--  c  -->\n<style>a  { }</style>";
        assert_eq!(template(src), src);
    }

    #[test]
    fn head_and_svg_shapes_lose_their_whitespace_but_text_keeps_its_own() {
        assert_eq!(
            template("<head>\n<meta charset=\"utf-8\">\n<link rel=x>\n</head>"),
            "<head><meta charset=\"utf-8\"><link rel=x></head>"
        );
        assert_eq!(
            template("<span> <svg>\n<g>\n<rect/>\n<text> a </text>\n</g>\n</svg> </span>"),
            "<span> <svg><g><rect/><text> a </text></g></svg> </span>"
        );
    }
}
