//! The review reader: the facts a review's Chinese text states, and the sentences each flag is
//! read from, each as a place in the text. `import` takes a new record's facts with it,
//! `check` holds a record's facts and reasons to it, and the model finds each flag's
//! sentences with it; it reads the record's shape and text, and nothing above them.

mod facts;
pub mod located;
mod reasons;

pub use facts::{read, read_review, Reading, NO_SPECIAL_PERFORMANCE};
