//! Crash rescue: should a bug panic, the page shows a banner that offers
//! every saved map as a download and a reload, instead of going dead.

use crate::storage::MAP_PREFIX;
use wasm_bindgen::JsCast;

/// Installs the panic hook. Call once, before mounting.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Journeymap stopped on a bug: {info}").into());
        let _ = show_banner();
    }));
}

/// Every stored map, as one backup document.
fn backup() -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let mut maps = Vec::new();
    for i in 0..storage.length().ok()? {
        let Some(key) = storage.key(i).ok().flatten() else {
            continue;
        };
        if key.starts_with(MAP_PREFIX) {
            if let Some(value) = storage.get_item(&key).ok().flatten() {
                maps.push(value);
            }
        }
    }
    Some(format!(
        "{{\"format\":\"journeymap-backup\",\"version\":1,\"maps\":[{}]}}",
        maps.join(",")
    ))
}

/// Shows the rescue banner (once). Public so that tests can show it
/// without a real panic, which would end the test run.
pub fn show_banner() -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id("jm-rescue").is_some() {
        return Some(());
    }
    let el = |tag: &str, class: &str, text: &str| -> Option<web_sys::Element> {
        let e = document.create_element(tag).ok()?;
        e.set_class_name(class);
        e.set_text_content(Some(text));
        Some(e)
    };
    let banner = el("div", "rescue", "")?;
    banner.set_id("jm-rescue");
    banner.set_attribute("role", "alert").ok()?;
    let title = el("strong", "", "Journeymap hit a bug and stopped. ")?;
    let text = el(
        "span",
        "",
        "Every map saved in this browser is safe. Download them to be sure, then reload the page.",
    )?;
    banner.append_child(&title).ok()?;
    banner.append_child(&text).ok()?;
    if let Some(text) = backup() {
        let parts = js_sys::Array::of1(&text.into());
        let blob = web_sys::Blob::new_with_str_sequence(&parts).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let a: web_sys::HtmlAnchorElement =
            el("a", "rescue-button", "Download all maps")?.unchecked_into();
        a.set_href(&url);
        a.set_download("journeymap-backup.json");
        banner.append_child(&a).ok()?;
    }
    let location = web_sys::window()?.location();
    let reload: web_sys::HtmlAnchorElement = el("a", "rescue-button", "Reload")?.unchecked_into();
    reload.set_href(&location.href().ok()?);
    banner.append_child(&reload).ok()?;
    // Should the bug come back on every load of this map, the list of maps
    // is one click away. The query makes it a new page load (a link that
    // changed only the hash would go to the stopped app).
    if location.hash().is_ok_and(|h| h.len() > 2) {
        let list: web_sys::HtmlAnchorElement =
            el("a", "rescue-button", "Back to the list of maps")?.unchecked_into();
        list.set_href(&format!("{}?#/", location.pathname().ok()?));
        banner.append_child(&list).ok()?;
    }
    document.body()?.prepend_with_node_1(&banner).ok()?;
    Some(())
}
