//! The embed's wasm: draws read-only maps for `embed.js` and the viewer
//! page `embed.html`. It uses the domain modules and `web-sys` only, no
//! Leptos, so it stays small. `scripts/build-embed` builds it into
//! `dist/embed/`.
//!
//! `embed.js` fetches the map (or takes it inline) and calls [`render`];
//! the rules live in `journeymap::embed`.

use journeymap::embed::{self, dom, Input, LaneFilter, Theme};
use wasm_bindgen::prelude::*;

/// Nothing runs at load: `embed.js` calls [`render`] for each element.
fn main() {}

/// Reads a string property of the options object (missing: `""`).
fn option(options: &JsValue, name: &str) -> String {
    js_sys::Reflect::get(options, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Draws into `target` (an element inside the embed's shadow root),
/// replacing what it held:
///
/// * `kind = "json"`: `input` is the text of a `.journey.json` document;
/// * `kind = "link"`: `input` is the code of a share link (after `#map=`);
/// * `kind = "error"`: `input` is a message for the error box.
///
/// `source` names where the input came from (a URL, "the page"), shown
/// when it cannot be read. `options` may carry the strings `theme`
/// (`light`, `dark`, `auto`), `lanes` (see `journeymap::embed::LaneFilter`),
/// `height` (a CSS length), `heading` (the title's level, 1 to 6), `editor` (the editor's URL, for the "Open in
/// Journeymap" link) and `sharePage` (non-empty when the map is the whole
/// page, opened from a share link: see `journeymap::embed::dom::Options`). Returns true when a map was drawn, false for an
/// error box.
#[wasm_bindgen]
// The element and options are taken by value: wasm-bindgen's shim for
// borrowed ones uses `table.fill`, which binaryen 116's wasm-opt cannot read.
pub fn render(
    target: web_sys::Element,
    kind: &str,
    input: &str,
    source: &str,
    options: JsValue,
) -> Result<bool, JsValue> {
    let share_page = !option(&options, "sharePage").is_empty();
    let opts = dom::Options {
        theme: Theme::parse(&option(&options, "theme")),
        lanes: LaneFilter::parse(&option(&options, "lanes")),
        height: embed::parse_height(&option(&options, "height")),
        editor: option(&options, "editor"),
        share_page,
        heading: embed::heading_level(&option(&options, "heading"), share_page),
        // The editor link reuses the link's code rather than encode the map.
        code: (kind == "link").then(|| input.trim().to_string()),
    };
    let read = match kind {
        "json" => embed::read(Input::Json(input)),
        "link" => embed::read(Input::Link(input)),
        _ => Err(input.to_string()),
    };
    match read {
        Ok((map, mut notes)) => {
            notes.extend(embed::option_notes(
                &option(&options, "theme"),
                &option(&options, "height"),
                &option(&options, "heading"),
            ));
            dom::render_map(&target, map, &notes, &opts).map(|()| true)
        }
        Err(message) => dom::render_error(&target, &message, source, opts.theme).map(|()| false),
    }
}

/// The error for a `src` that answered `status` (see
/// `journeymap::embed::http_failure`).
#[wasm_bindgen]
pub fn http_failure(status: u16, status_text: &str) -> String {
    embed::http_failure(status, status_text)
}

/// The error for a `src` that could not be fetched at all.
#[wasm_bindgen]
pub fn network_failure() -> String {
    embed::network_failure()
}
