//! Sending maps out: the editor's "Export" menu.

use super::editor::Doc;
use super::menu::{Item, Menu};
use super::persist;
use crate::format::{json, png, share, svg};
use crate::model::JourneyMap;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Step columns per printed page: 6 × 190 px plus the lane titles fill an
/// A3 landscape page; smaller paper scales the page down.
pub const PRINT_STEPS: usize = 6;

/// Largest PNG side and area the browser's canvas is asked for.
const MAX_SIDE: f64 = 16_384.0;
const MAX_AREA: f64 = 120_000_000.0;

/// The message of a JavaScript exception or rejection.
fn js_message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.is_empty())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "no reason given".into())
}

/// Offers `bytes` as a file download.
fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    persist::download_parts(
        name,
        mime,
        &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)),
    )
}

/// Downloads the map as `<title>.journey.svg`, the map inside.
pub fn download_svg(map: &JourneyMap) -> Result<(), String> {
    persist::download(
        &persist::file_name(&map.title, ".journey.svg"),
        "image/svg+xml",
        &svg::export(map),
    )
}

/// Draws the map's SVG onto a canvas at twice its size and returns the PNG,
/// the map inside its `journeymap` chunk.
pub async fn png_bytes(map: &JourneyMap) -> Result<Vec<u8>, String> {
    let picture = svg::export(map);
    let (w, h) = svg::size(map);
    let (pw, ph) = ((w * 2.0).ceil(), (h * 2.0).ceil());
    if pw > MAX_SIDE || ph > MAX_SIDE || pw * ph > MAX_AREA {
        return Err(format!(
            "the map is too large for a PNG ({pw} × {ph} pixels at 2×); download the SVG instead"
        ));
    }
    let fail = |what: &str| {
        let what = what.to_string();
        move |e: JsValue| format!("{what} ({})", js_message(&e))
    };
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&picture));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(fail("the browser could not hold the picture"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(fail("the browser could not hold the picture"))?;
    let img = web_sys::HtmlImageElement::new().map_err(fail("no image element"))?;
    img.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(fail("the browser could not decode the SVG picture"))?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(fail("no canvas"))?
        .unchecked_into();
    canvas.set_width(pw as u32);
    canvas.set_height(ph as u32);
    let ctx2d: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(fail("no 2D canvas"))?
        .ok_or("the browser gave no 2D canvas (it may be out of memory)")?
        .unchecked_into();
    ctx2d
        .draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, pw, ph)
        .map_err(fail("the browser could not draw the picture on a canvas"))?;
    let data_url = canvas.to_data_url_with_type("image/png").map_err(fail(
        "the browser would not read the canvas back (it is tainted)",
    ))?;
    let b64 = data_url
        .split_once(',')
        .map(|(_, b)| b)
        .filter(|b| !b.is_empty())
        .ok_or("the canvas gave no PNG (the picture may be too large for this browser)")?;
    let bytes =
        share::unbase64url(b64).map_err(|e| format!("the canvas gave a broken PNG: {e}"))?;
    png::insert_text(&bytes, png::KEYWORD, &json::to_string(map))
}

/// Downloads the map as a 2× `<title>.journey.png`, the map inside.
pub fn download_png(doc: Doc) {
    let map = doc.map_untracked(Clone::clone);
    let ctx = doc.ctx;
    leptos::task::spawn_local(async move {
        let result = match png_bytes(&map).await {
            Ok(bytes) => download_bytes(
                &persist::file_name(&map.title, ".journey.png"),
                "image/png",
                &bytes,
            ),
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            ctx.notices.error(format!("The PNG export failed: {e}."));
        }
    });
}

thread_local! {
    /// Fills the print view of the open editor, if one is open.
    static PRINT_FILL: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
    static PRINT_LISTENING: Cell<bool> = const { Cell::new(false) };
}

fn fill_print_view() {
    PRINT_FILL.with(|f| {
        if let Some(f) = f.borrow().as_ref() {
            f();
        }
    });
}

/// Listens, once for the page, for the browser getting ready to print:
/// `beforeprint`, and the `print` media query turning on (which also
/// catches print emulation).
fn listen_for_print() {
    if PRINT_LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let before = Closure::<dyn Fn()>::new(fill_print_view);
    let _ = window.add_event_listener_with_callback("beforeprint", before.as_ref().unchecked_ref());
    before.forget();
    if let Ok(Some(mql)) = window.match_media("print") {
        let query = mql.clone();
        let change = Closure::<dyn Fn()>::new(move || {
            if query.matches() {
                fill_print_view();
            }
        });
        let _ = mql.add_event_listener_with_callback("change", change.as_ref().unchecked_ref());
        change.forget();
    }
}

/// The print-only view of the map: the map's picture cut into pages of
/// [`PRINT_STEPS`] steps, each with the stage and step headers and the
/// lane titles. Filled when the browser prepares to print, so editing
/// never pays for it; hidden on screen (see the print block of main.css).
#[component]
pub fn PrintView() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let node = NodeRef::<leptos::html::Div>::new();
    listen_for_print();
    PRINT_FILL.with(|f| {
        *f.borrow_mut() = Some(Box::new(move || {
            let Some(el) = node.try_get_untracked().flatten() else {
                return;
            };
            let Some(pages) = doc
                .history
                .try_with_untracked(|h| svg::pages(h.current(), PRINT_STEPS))
            else {
                return;
            };
            let html: String = pages
                .iter()
                .map(|p| format!("<div class=\"print-page\">{p}</div>"))
                .collect();
            el.set_inner_html(&html);
        }))
    });
    on_cleanup(|| PRINT_FILL.with(|f| *f.borrow_mut() = None));
    view! { <div class="print-view" aria-hidden="true" node_ref=node></div> }
}

/// Puts `text` on the clipboard; on refusal, shows it for copying by hand.
pub fn copy_text(doc: Doc, what: &str, text: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    let what = what.to_string();
    let ctx = doc.ctx;
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => {
                ctx.notices
                    .info(format!("Copied the {what} to the clipboard."));
            }
            Err(_) => {
                ctx.notices.warn(format!(
                    "The browser did not allow copying. Here is the {what} to copy by hand: {text}"
                ));
            }
        }
    });
}

/// The link that shows the current map read-only in the small viewer page
/// (`embed.html#map=…`), if the map fits in a link.
pub fn share_link(doc: Doc) -> Result<String, String> {
    let code = doc
        .map_untracked(share::encode)
        .map_err(|e| e.to_string())?;
    let location = web_sys::window().ok_or("no window")?.location();
    let page = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    Ok(share::link(&page, &code))
}

/// The "Export" button and its menu.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let ctx = doc.ctx;
    let download = move || {
        if let Err(e) = doc.map_untracked(persist::download_map) {
            ctx.notices.error(format!("The download failed: {e}"));
        }
    };
    let link = move || match share_link(doc) {
        Ok(url) => copy_text(doc, "share link", url),
        Err(e) => {
            ctx.notices.error(format!("No share link: {e}."));
        }
    };
    let mermaid = move |copy: bool| {
        let map = doc.map_untracked(Clone::clone);
        leptos::task::spawn_local(async move {
            let name = persist::file_name(&map.title, ".mmd");
            let Ok((text, notices)) = super::lazy::mermaid_export(map).await else {
                ctx.notices.error(
                    "The Mermaid export could not be loaded (the connection may be down). Try again in a moment.",
                );
                return;
            };
            if !notices.is_empty() {
                ctx.notices.push(
                    super::notice::Level::Info,
                    format!("Mermaid export: {}", notices.join(" ")),
                    None,
                );
            }
            if copy {
                copy_text(doc, "Mermaid journey", text);
            } else if let Err(e) = persist::download(&name, "text/plain", &text) {
                ctx.notices.error(format!("The download failed: {e}"));
            }
        });
    };
    let svg_file = move || {
        if let Err(e) = doc.map_untracked(download_svg) {
            ctx.notices.error(format!("The SVG download failed: {e}"));
        }
    };
    let print = move || {
        fill_print_view();
        if let Some(Err(e)) = web_sys::window().map(|w| w.print()) {
            ctx.notices
                .error(format!("The browser would not print: {}.", js_message(&e)));
        }
    };
    view! {
        <Menu
            label="Export"
            right=true
            items=vec![
                Item::new("Download .journey.json", download),
                Item::new("Copy share link", link),
                Item::new("Copy Mermaid", move || mermaid(true)),
                Item::new("Download .mmd", move || mermaid(false)),
                Item::new("Download SVG", svg_file),
                Item::new("Download PNG", move || download_png(doc)),
                Item::new("Print…", print),
            ]
        />
    }
}
