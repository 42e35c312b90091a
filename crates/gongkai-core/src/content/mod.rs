//! The records' shape: the YAML files under `content/` as staff write them ([`schema`]), the
//! names serde gives their fields and values ([`names`]), the flags a record's facts raise
//! ([`flags`]), the findings they show ([`findings`]), and the rules the schemas give editors ([`rules`]). Loading and validating
//! them is `gongkai::content`'s.

pub mod findings;
pub mod flags;
pub mod names;
pub mod rules;
pub mod schema;
