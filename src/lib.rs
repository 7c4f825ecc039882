//! Journeymap: customer journey maps in the browser.
//!
//! The domain (`model`, `history`, `format`, `chart`, `storage`, and
//! `viewport`, which picks the step columns a grid draws) is plain Rust
//! tested on the host; `ui` holds the thin Leptos components, and `embed`
//! the read-only maps other pages embed (drawn without Leptos by the
//! `embed` binary).

pub mod chart;
pub mod embed;
pub mod format;
pub mod history;
pub mod idle;
pub mod model;
pub mod storage;
pub mod ui;
pub mod viewport;
