//! Search. The engine (tokenizer, index, export, snippets, suggestions, answers) is the
//! `gongkai-search` crate, re-exported here under its old paths (`gongkai::search::tokenize`,
//! `gongkai::search::SearchIndex`, …); this module gives it the site: the documents a site
//! offers to search ([`docs`]), the index published beside the pages ([`Published`]), and a
//! query's filters held to the site ([`check_filters`]).

mod documents;
mod filters;
mod published;

pub use documents::{agency_names, agency_slugs, docs, synonyms};
pub use filters::check_filters;
pub use gongkai_search::*;
pub use published::{write_files, Published};
