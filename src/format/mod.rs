//! File formats: the `.journey.json` document and backups, share links
//! and Mermaid `journey` diagrams.

pub mod detect;
pub mod json;
pub mod mermaid;
pub mod share;
pub mod validate;

pub use detect::{read_any, Incoming};
