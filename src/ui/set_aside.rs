//! Stored entries that did not read, on the start screen: each was moved
//! under `journeymap:broken:` with its text intact (see `Library::load`),
//! and is listed here to download (to repair, or to send) or delete.

use super::notice::Confirm;
use super::{persist, Ctx};
use crate::storage::{Summary, BROKEN_PREFIX};
use leptos::prelude::*;
use std::sync::Arc;

/// The list, shown only when there is something in it. It is read again
/// whenever the list of maps is (`maps`), after the maps' load has set
/// aside what did not read.
#[component]
pub fn SetAsideSection(maps: RwSignal<Vec<Summary>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let items = RwSignal::new(Vec::<(String, usize)>::new());
    let reload = move || items.set(persist::with(|l| l.set_aside()).unwrap_or_default());
    Effect::new(move |_| {
        maps.track();
        reload();
    });
    let download = move |key: &str| {
        let name = persist::file_name(key.trim_start_matches(BROKEN_PREFIX), ".broken.json");
        let result = match persist::with(|l| l.set_aside_text(key)) {
            Ok(Some(text)) => persist::download(&name, "application/json", &text),
            Ok(None) => Err("it is no longer stored".into()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = result {
            ctx.notices.error(format!("Could not download {key}: {e}"));
        }
    };
    let forget = move |key: String| {
        ctx.confirm.set(Some(Confirm {
            title: "Delete this entry for good?".into(),
            text: format!(
                "The text kept under \"{key}\" will be gone. Download it first to keep a copy."
            ),
            ok: "Delete for good".into(),
            on_ok: Arc::new(move || {
                if let Err(e) = persist::with(|l| l.forget_set_aside(&key)) {
                    ctx.notices.error(format!("Could not delete {key}: {e}"));
                }
                reload();
                super::grid::refocus_first_later(&[".set-aside button", ".maps-head button"]);
            }),
            alt: None,
        }));
    };
    view! {
        <Show when=move || items.with(|i| !i.is_empty())>
            <section class="set-aside" aria-labelledby="set-aside-head">
                <h2 id="set-aside-head">"Could not be read"</h2>
                <p class="hint">
                    "These stored entries were damaged (or written by another program) and were set aside with their text as it was. Download one to repair it, or to send it with a bug report; a repaired file opens with Import."
                </p>
                <ul class="trash-list">
                    <For each=move || items.get() key=|(k, n)| (k.clone(), *n) let:item>
                        {
                            let (key, len) = item;
                            let (k1, k2) = (key.clone(), key.clone());
                            view! {
                                <li class="trash-item">
                                    <span><code>{key.clone()}</code>" "<span class="hint">{format!("({} KB)", len.div_ceil(1024))}</span></span>
                                    <button class="small" aria-label=format!("Download {key}") on:click=move |_| download(&k1)>"Download"</button>
                                    <button class="small danger-text" aria-label=format!("Delete {key}") on:click=move |_| forget(k2.clone())>"Delete…"</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        </Show>
    }
}
