//! File formats: the `.journey.json` document.

pub mod json;
