//! Full-text search: the tokenizer that both the build and the browser use ([`tokenize`]),
//! the tantivy index that ranks the documents ([`index`]), its export to static files for the
//! browser ([`export`]), snippets ([`snippet`]), what a query finding nothing is offered
//! instead ([`suggest`]), a query's answer ([`Answer`], as JSON for `gongkai search --json`
//! and `/api/search`), and the export's files as types ([`manifest`], the contract with the
//! browser).
//!
//! This is the `gongkai-search` crate: it knows documents ([`SearchDoc`]) and the search files'
//! shape, not the site; `gongkai::search` re-exports it and makes the documents from the site.

#![warn(missing_docs)]

pub mod answer;
pub mod dict;
mod doc;
pub mod export;
pub mod fold;
pub mod index;
pub mod manifest;
pub mod phrases;
pub mod rank;
pub mod related;
pub mod snippet;
pub mod status;
pub mod stop;
pub mod suggest;
pub mod synonyms;
pub mod tokenize;
pub mod words;

pub use answer::{answer, Answer};
pub use doc::{AgencyLabel, SearchDoc};
pub use index::{Filters, Hit, Query, SearchIndex};

// the layer below: messages and errors, the languages, the search files' and facts' shape
use gongkai_core::lang::Lang;
use gongkai_core::{content, error, msg};
