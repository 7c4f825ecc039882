//! The editor's entry point: mounts the app on the page.

fn main() {
    journeymap::ui::rescue::install();
    leptos::mount::mount_to_body(journeymap::ui::App);
}

/// Test-only: panics on purpose, so that end-to-end tests see the rescue
/// banner after a real panic. Exists only with the `test-hooks` feature.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn journeymap_test_panic() {
    panic!("a panic forced by a test");
}
