//! File formats: the `.journey.json` document.

pub mod detect;
pub mod json;

pub use detect::{read_any, Incoming};
pub mod share;
