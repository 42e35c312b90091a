//! gongkai (公開, "made public"): a static site generator that publishes government plan
//! evaluations from YAML records as a bilingual (Traditional Chinese / English) website.
//!
//! Data flows one way: [`content`] (load and validate YAML) → [`model`] (plans, agencies,
//! years) → [`render`] (Tera templates, Markdown) → [`output`] (minify, fingerprint, write
//! atomically). [`build`] runs the pipeline; [`serve`] rebuilds it on change.

#![warn(missing_docs)]

pub use gongkai_core::{error, msg};
/// Writing the site: the `gongkai-output` crate.
pub use gongkai_output as output;

pub mod build;
pub mod cmd;
pub mod content;
pub mod import;
pub mod model;
pub mod opendata;
pub mod opendata_files;
pub mod opendata_json;
pub mod opendata_ods;
pub mod opendata_pieces;
pub mod opendata_reasons;
pub mod reader;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;
pub mod text_encoding;
