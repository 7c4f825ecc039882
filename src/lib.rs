//! Journeymap: customer journey maps in the browser.
//!
//! The domain (`model`, `history`, `format`, `chart`, `storage`) is plain
//! Rust tested on the host; `ui` holds the thin Leptos components.

pub mod chart;
pub mod format;
pub mod history;
pub mod model;
pub mod storage;
pub mod ui;
