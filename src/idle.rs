//! Work put off until the browser is idle: what a map's first frame can do
//! without (the columns beyond the view, the embed's link to the editor).

use wasm_bindgen::{closure::Closure, JsCast};

/// The longest deferred work waits, in ms. A page that draws no more frames
/// may get no idle time at all (headless Chromium gave a new map none at
/// some window widths), and the work must still be done.
const WITHIN_MS: u32 = 300;

/// Runs `f` when the browser is next idle, or after [`WITHIN_MS`] at most;
/// after the current task where `requestIdleCallback` is missing (Safari).
pub fn when_idle(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(f);
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(WITHIN_MS);
    if window
        .request_idle_callback_with_options(callback.unchecked_ref(), &options)
        .is_err()
    {
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }
}
