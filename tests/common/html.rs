//! Built pages read as a browser reads them (html5ever's tokenizer, the one the sanitizer's
//! parser uses), so that a test holds minified pages (unquoted attributes, attributes in
//! another order, entities written otherwise) and unminified ones alike.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// A start tag: its name and its attributes in the order written, entities decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Element {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        (self.attrs.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether it has every attribute of `want` with that value.
    pub fn has(&self, want: &[(&str, &str)]) -> bool {
        want.iter().all(|(n, v)| self.attr(n) == Some(*v))
    }
}

/// What a page holds, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Start(Element),
    End(String),
    /// Text, entities decoded.
    Text(String),
}

struct Sink(RefCell<Vec<Piece>>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut pieces = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => return tag_piece(&mut pieces, tag),
            Token::CharacterTokens(text) => match pieces.last_mut() {
                Some(Piece::Text(t)) => t.push_str(&text),
                _ => pieces.push(Piece::Text(text.to_string())),
            },
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Adds `tag`; the content of `script`, `style`, `title` and `textarea` is text, as a
/// browser's tree builder tells its tokenizer.
fn tag_piece(pieces: &mut Vec<Piece>, tag: Tag) -> TokenSinkResult<()> {
    let name = tag.name.to_string();
    if tag.kind == TagKind::EndTag {
        pieces.push(Piece::End(name));
        return TokenSinkResult::Continue;
    }
    let raw = match name.as_str() {
        "script" => Some(RawKind::ScriptData),
        "style" => Some(RawKind::Rawtext),
        "title" | "textarea" => Some(RawKind::Rcdata),
        _ => None,
    };
    let attrs = (tag.attrs.iter())
        .map(|a| (a.name.local.to_string(), a.value.to_string()))
        .collect();
    pieces.push(Piece::Start(Element { name, attrs }));
    match raw {
        Some(kind) => TokenSinkResult::RawData(kind),
        None => TokenSinkResult::Continue,
    }
}

/// `html`'s tags and text, in order.
pub fn pieces(html: &str) -> Vec<Piece> {
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Every start tag of `html`.
pub fn elements(html: &str) -> Vec<Element> {
    (pieces(html).into_iter())
        .filter_map(|p| match p {
            Piece::Start(e) => Some(e),
            _ => None,
        })
        .collect()
}

/// Whether `html` has an element `name` with every attribute of `want`.
pub fn has_element(html: &str, name: &str, want: &[(&str, &str)]) -> bool {
    elements(html).iter().any(|e| e.name == name && e.has(want))
}

/// Values of attribute `name` on any element of `html`, in order.
pub fn attr_values(html: &str, name: &str) -> Vec<String> {
    (elements(html).iter())
        .filter_map(|e| e.attr(name).map(str::to_string))
        .collect()
}

/// Every element `name` of `html` with its text (entities decoded, whitespace collapsed), in
/// order.
pub fn with_text(html: &str, name: &str) -> Vec<(Element, String)> {
    // (where its start tag is, the element, its text so far)
    let mut open: Vec<(usize, Element, String)> = Vec::new();
    let mut done = Vec::new();
    for (at, piece) in pieces(html).into_iter().enumerate() {
        match piece {
            Piece::Start(e) if e.name == name => open.push((at, e, String::new())),
            Piece::End(n) if n == name => done.extend(open.pop()),
            Piece::Text(t) => open.iter_mut().for_each(|(_, _, text)| text.push_str(&t)),
            _ => {}
        }
    }
    // in the order of their start tags: an outer element ends after those inside it
    done.extend(open);
    done.sort_by_key(|(at, _, _)| *at);
    (done.into_iter())
        .map(|(_, e, t)| (e, t.split_ascii_whitespace().collect::<Vec<_>>().join(" ")))
        .collect()
}

/// Elements inside which text flows on the same line as the text around them: whitespace
/// between two of them, or between one and text, is a space a reader sees.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "img", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    "wbr",
];

/// The text a reader sees, line by line: text outside `script` and `style` with its
/// whitespace collapsed; every other element (a block, a table cell, an SVG shape or text,
/// a form control) ends a line, so that whitespace beside it, which no browser renders, is
/// not compared, while two words or links that lost the space between them are.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut hidden = 0usize;
    for piece in pieces(html) {
        match piece {
            Piece::Start(e) if matches!(e.name.as_str(), "script" | "style") => hidden += 1,
            Piece::End(n) if matches!(n.as_str(), "script" | "style") => {
                hidden = hidden.saturating_sub(1)
            }
            Piece::Start(Element { name, .. }) | Piece::End(name) => {
                if !INLINE.contains(&name.as_str()) {
                    out.push(BREAK);
                }
            }
            Piece::Text(t) if hidden == 0 => out.push_str(&t),
            Piece::Text(_) => {}
        }
    }
    lines_of(&out)
}

/// Where an element that is not [`INLINE`] starts or ends.
const BREAK: char = '\u{1}';

/// `text` with each run of whitespace a space, a line break at each [`BREAK`], and no
/// empty lines.
fn lines_of(text: &str) -> String {
    let lines: Vec<String> = (text.split(BREAK))
        .map(|l| l.split_ascii_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}
