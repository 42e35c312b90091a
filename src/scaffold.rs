//! Scaffolding a new plan record.
