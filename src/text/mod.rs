//! Text below rendering: Markdown to sanitized HTML and to plain text, checked and bounded
//! ([`markdown`]), and the review text cleaned of what PDF extraction did to it, its
//! paragraphs and its folding for the fact reader ([`cleanup`]). Content validation, search,
//! the fact reader and rendering all read text through here.

pub mod cleanup;
pub mod markdown;
