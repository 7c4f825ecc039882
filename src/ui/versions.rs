//! The History panel: the map's saved versions, and restoring one.

use super::editor::Doc;
use super::persist;
use crate::storage::versions::{Describer, Version};
use leptos::prelude::*;

/// Lists the saved versions of the open map, newest first, each with a
/// "Restore" button. `flush` saves pending edits first, so the list and
/// the version kept before a restore are up to date. Summaries not made
/// yet are made one at a time while the browser is idle (each reads two
/// whole maps), then stored.
#[component]
pub fn HistoryPanel(flush: Callback<()>) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let ctx = doc.ctx;
    let id = doc.map_untracked(|m| m.id.clone());
    // The versions, oldest first, and what the list shows of them.
    let versions = StoredValue::new(Vec::<Version>::new());
    let rows = RwSignal::new(Vec::<(f64, String)>::new());
    let error = RwSignal::new(None::<String>);
    // Each load starts a new round of summaries; an older round stops.
    let round = StoredValue::new(0u32);
    let show = move || {
        versions.with_value(|v| {
            rows.set(
                v.iter()
                    .rev()
                    .map(|v| (v.saved, v.summary.clone()))
                    .collect(),
            )
        })
    };
    let load = {
        let id = id.clone();
        move || {
            flush.run(());
            match persist::with(|l| l.versions(&id)) {
                Ok(v) => {
                    versions.set_value(v);
                    show();
                    error.set(None);
                    round.update_value(|r| *r += 1);
                    describe_when_idle(id.clone(), versions, round, show);
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
        move |saved: f64| {
            let Some(text) = versions
                .with_value(|v| v.iter().find(|v| v.saved == saved).map(|v| v.text.clone()))
            else {
                return;
            };
            let when = persist::ago(saved, persist::now());
            let mut map = match crate::format::json::from_str(&text) {
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
                // The link to the future (or current) state belongs to the
                // pair of maps, not to a version: the other map still
                // links here.
                map.twin = m.twin.clone();
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
        <section class="history-panel" aria-label="History" tabindex="-1">
            <h2 tabindex="-1">"History"</h2>
            <p class="hint">
                "Versions are kept when you pause or every 10 minutes of editing, up to "
                {crate::storage::versions::KEEP}
                ", older ones thinned out. Restoring is an edit you can undo."
            </p>
            {move || error.get().map(|e| view! { <p class="error-text">{e}</p> })}
            <Show
                when=move || rows.with(|l| !l.is_empty())
                fallback=|| view! { <p class="empty">"No saved versions yet. One is kept once you pause after editing."</p> }
            >
                <ol class="version-list">
                    {
                        let restore = restore.clone();
                        move || {
                            rows.get()
                                .into_iter()
                                .map(|(saved, summary)| {
                                    let restore = restore.clone();
                                    // Two versions of the same minute differ by their time and summary.
                                    let label = format!(
                                        "Restore the version from {} ({}){}",
                                        persist::ago(saved, now),
                                        stamp(saved),
                                        if summary.is_empty() { String::new() } else { format!(": {summary}") }
                                    );
                                    let pending = summary.is_empty();
                                    view! {
                                        <li class="version">
                                            <time title=stamp(saved)>{persist::ago(saved, now)}</time>
                                            <span class="summary" class:pending=pending>
                                                {if pending { "Reading what changed…".to_string() } else { summary }}
                                            </span>
                                            <button class="small" aria-label=label on:click=move |_| restore(saved)>
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

/// Makes the summaries `versions` lack, one each time the browser is idle,
/// showing each as it comes, and stores them at the end. Stops when the
/// panel closes or loads the list again (`round` moves on).
fn describe_when_idle(
    id: String,
    versions: StoredValue<Vec<Version>>,
    round: StoredValue<u32>,
    show: impl Fn() + Copy + 'static,
) {
    fn next(
        id: String,
        versions: StoredValue<Vec<Version>>,
        (round, mine): (StoredValue<u32>, u32),
        mut describer: Describer,
        made_any: bool,
        show: impl Fn() + Copy + 'static,
    ) {
        crate::idle::when_idle(move || {
            if round.try_get_value() != Some(mine) {
                return;
            }
            let Some(made) = versions.try_update_value(|v| describer.step(v)) else {
                return;
            };
            if made {
                show();
                next(id, versions, (round, mine), describer, true, show);
            } else if made_any {
                // Best effort: they are made again next time.
                let _ = versions.with_value(|v| persist::with(|l| l.store_summaries(&id, v)));
            }
        });
    }
    let mine = round.get_value();
    next(
        id,
        versions,
        (round, mine),
        Describer::default(),
        false,
        show,
    );
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
