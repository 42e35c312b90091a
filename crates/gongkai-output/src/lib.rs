//! Writing the site. Every build stages the whole new site beside the output and exchanges
//! the two in one atomic step ([`publish`]); only folders gongkai made are ever built into
//! ([`guard`]); the marker of a published site lists the files gongkai made ([`manifest`]),
//! and only those are ever deleted ([`clean`]).
//!
//! This is the `gongkai-output` crate: it knows files and folders, not the site; `gongkai`
//! re-exports it as `gongkai::output`.

#![warn(missing_docs)]

pub mod assets;
pub mod clean;
mod files;
pub mod guard;
pub mod manifest;
pub mod minify;
pub mod publish;
pub mod swap;

pub use files::{fs_writer, on_deleters, remove_tree, OutputLock, PublishLock, Sink, Writer};

// what the modules share, and the layer below
use files::split;
use gongkai_core::{error, msg};
