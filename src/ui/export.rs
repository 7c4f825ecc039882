//! Sending maps out: the editor's "Export" menu.

use super::editor::Doc;
use super::menu::{Item, Menu};
use super::persist;
use crate::format::share;
use leptos::prelude::*;

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

/// The link that opens the current map read-only, if it fits in a link.
pub fn share_link(doc: Doc) -> Result<String, String> {
    let code = doc
        .map_untracked(share::encode)
        .map_err(|e| e.to_string())?;
    let location = web_sys::window().ok_or("no window")?.location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    Ok(format!("{base}#map={code}"))
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
        let (text, notices) = doc.map_untracked(crate::format::mermaid::export);
        if !notices.is_empty() {
            ctx.notices.push(
                super::notice::Level::Info,
                format!("Mermaid export: {}", notices.join(" ")),
                None,
            );
        }
        if copy {
            copy_text(doc, "Mermaid journey", text);
        } else {
            let name = doc.map_untracked(|m| persist::file_name(&m.title, ".mmd"));
            if let Err(e) = persist::download(&name, "text/plain", &text) {
                ctx.notices.error(format!("The download failed: {e}"));
            }
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
            ]
        />
    }
}
