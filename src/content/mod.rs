//! The content files under `content/`.

pub mod schema;
