//! The lowest layer of gongkai: what every other part speaks in and nothing above it.
//!
//! - [`error`]: messages in both languages ([`msg!`], [`error::Msg`]), the language of
//!   messages, diagnostics and the errors that stop a command, the import's among them;
//! - [`lang`]: the two languages a site is published in;
//! - [`content`]: the shape of every YAML file under `content/`, exactly as staff write it
//!   (plan records, settings, years, pages, the search's synonyms and related terms), the names
//!   serde gives its fields and values, the flags a record's facts raise, and the rules the
//!   schemas give editors.
//!
//! The `gongkai` crate re-exports each of them where it always had them (`gongkai::error`,
//! `gongkai::content::schema`, `gongkai::model::lang`).

#![warn(missing_docs)]

pub mod content;
pub mod error;
pub mod lang;
