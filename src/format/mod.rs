//! File formats: the `.journey.json` document and backups, share links,
//! Mermaid `journey` diagrams, and SVG and PNG pictures that carry the map.

pub mod detect;
pub mod json;
pub mod mermaid;
pub mod png;
pub mod share;
pub mod svg;
pub mod validate;

pub use detect::{file_text, read_any, Incoming};
