//! gongkai: a static site generator for government plan evaluations.

pub mod content;
pub mod import;
pub mod opendata;
pub mod scaffold;
