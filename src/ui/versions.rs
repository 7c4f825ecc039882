//! The History panel: the map's saved versions, and restoring one.

use super::editor::Doc;
use super::persist;
use crate::storage::versions::Version;
use leptos::prelude::*;

/// Lists the saved versions of the open map, newest first, each with a
/// "Restore" button. `flush` saves pending edits first, so the list and
/// the version kept before a restore are up to date.
#[component]
pub fn HistoryPanel(flush: Callback<()>) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let ctx = doc.ctx;
    let id = doc.map_untracked(|m| m.id.clone());
    let list = RwSignal::new(Vec::<Version>::new());
    let error = RwSignal::new(None::<String>);
    let load = {
        let id = id.clone();
        move || {
            flush.run(());
            match persist::with(|l| l.versions(&id)) {
                Ok(mut v) => {
                    v.reverse();
                    list.set(v);
                    error.set(None);
                }
                Err(e) => error.set(Some(format!(
                    "The saved versions could not be read: {e}. The map itself is fine; at its \
                     next version the damaged text is kept aside under a journeymap:broken: \
                     storage key, and a new list of versions starts."
                ))),
            }
        }
    };
    load();
    let restore = {
        let load = load.clone();
        move |v: Version| {
            let when = persist::ago(v.saved, persist::now());
            let mut map = match crate::format::json::from_str(&v.text) {
                Ok(m) => m,
                Err(e) => {
                    ctx.notices
                        .error(format!("That version could not be read: {e}."));
                    return;
                }
            };
            flush.run(());
            if let Err(e) = persist::with(|l| l.keep_version(&id, persist::now())) {
                ctx.notices.warn(format!(
                    "The current map could not be kept as a version ({e}); Undo still brings it back."
                ));
            }
            doc.edit::<(), std::convert::Infallible>(None, |m| {
                map.id = m.id.clone();
                map.updated = m.updated;
                *m = map;
                Ok(())
            });
            doc.notice_with_undo(format!("Restored the version from {when}."));
            // The list is drawn again: the focus waits on its heading, so
            // that a second Enter restores nothing by accident.
            super::grid::focus_later(".history-panel h2".into());
            load();
        }
    };
    let now = persist::now();
    view! {
        // Escape closes it (the editor's `close_on_escape`).
        <section class="history-panel" aria-label="History">
            <h2 tabindex="-1">"History"</h2>
            <p class="hint">
                "Versions are kept when you pause or every 10 minutes of editing, up to "
                {crate::storage::versions::KEEP}
                ", older ones thinned out. Restoring is an edit you can undo."
            </p>
            {move || error.get().map(|e| view! { <p class="error-text">{e}</p> })}
            <Show
                when=move || list.with(|l| !l.is_empty())
                fallback=|| view! { <p class="empty">"No saved versions yet. One is kept once you pause after editing."</p> }
            >
                <ol class="version-list">
                    {
                        let restore = restore.clone();
                        move || {
                            list.get()
                                .into_iter()
                                .map(|v| {
                                    let restore = restore.clone();
                                    // Two versions of the same minute differ by their time and summary.
                                    let label = format!(
                                        "Restore the version from {} ({}): {}",
                                        persist::ago(v.saved, now),
                                        stamp(v.saved),
                                        v.summary
                                    );
                                    view! {
                                        <li class="version">
                                            <time title=stamp(v.saved)>{persist::ago(v.saved, now)}</time>
                                            <span class="summary">{v.summary.clone()}</span>
                                            <button class="small" aria-label=label on:click=move |_| restore(v.clone())>
                                                "Restore"
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }
                    }
                </ol>
            </Show>
        </section>
    }
}

/// The local date and time of `ms`.
fn stamp(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
