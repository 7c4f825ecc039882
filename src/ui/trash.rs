//! The Trash on the start screen: deleted maps, kept for 30 days.

use super::notice::Confirm;
use super::{persist, Ctx};
use crate::model::shown_title;
use crate::storage::Trashed;
use leptos::prelude::*;
use std::sync::Arc;

thread_local! {
    static OPEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Puts a map from the trash back and says so.
pub fn restore(ctx: Ctx, t: &Trashed) {
    match persist::with(|l| l.restore(t, &persist::new_map_id())) {
        Ok(map) => {
            let note = if map.id == t.id {
                String::new()
            } else {
                " A map with its id existed by now, so it is restored as a copy.".into()
            };
            // Its "Moved to the Trash … Undo" has nothing left to undo.
            ctx.notices.dismiss_prefix(&format!(
                "Moved \"{}\" to the Trash.",
                shown_title(&t.title)
            ));
            ctx.notices
                .info(format!("Restored \"{}\".{note}", shown_title(&map.title)));
            // On the start screen, focus goes to the map brought back.
            super::grid::focus_later(super::library::map_title(&map.id));
        }
        Err(e) => {
            ctx.notices.error(format!(
                "Could not restore \"{}\": {e}",
                shown_title(&t.title)
            ));
        }
    }
    ctx.route.notify();
}

/// The trash: a button that shows how many maps it holds, and the list
/// with "Restore" and "Delete forever", and "Empty trash".
#[component]
pub fn TrashSection() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let items = RwSignal::new(Vec::<Trashed>::new());
    // The start screen is rebuilt after every change; the trash stays open.
    let open = RwSignal::new(OPEN.get());
    Effect::new(move |_| OPEN.set(open.get()));
    Effect::new(move |_| {
        ctx.route.track();
        match persist::with(|l| {
            let purged = l.purge_expired(persist::now())?;
            l.trash().map(|t| (purged, t))
        }) {
            Ok((purged, t)) => {
                if purged > 0 {
                    ctx.notices.info(format!(
                        "{purged} map{} deleted more than 30 days ago left the trash for good.",
                        if purged == 1 { "" } else { "s" }
                    ));
                }
                items.set(t);
            }
            Err(e) => {
                ctx.notices.error(format!("Could not read the trash: {e}"));
            }
        }
    });
    let purge = move |list: Vec<Trashed>, title: String, text: String| {
        let on_ok = Arc::new(move || {
            for t in &list {
                if let Err(e) = persist::with(|l| l.purge(t)) {
                    ctx.notices.error(format!(
                        "Could not delete \"{}\": {e}",
                        shown_title(&t.title)
                    ));
                }
            }
            ctx.route.notify();
            // The button pressed went with the list: the focus goes to the
            // trash's own button.
            super::grid::refocus_later(".trash-toggle".into());
        });
        ctx.confirm.set(Some(Confirm {
            title,
            text,
            ok: "Delete forever".into(),
            on_ok,
            alt: None,
        }));
    };
    let now = persist::now();
    view! {
        <section class="trash" aria-label="Trash">
            <button
                class="small trash-toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || format!("Trash ({})", items.with(Vec::len))}
            </button>
            <Show when=move || open.get()>
                <p class="hint">"Deleted maps stay here for 30 days, then go for good."</p>
                <Show
                    when=move || items.with(|i| !i.is_empty())
                    fallback=|| view! { <p class="empty">"The trash is empty."</p> }
                >
                    <ul class="trash-list">
                        {move || {
                            items
                                .get()
                                .into_iter()
                                .map(|t| {
                                    let (a, b) = (t.clone(), t.clone());
                                    let label = shown_title(&t.title).to_string();
                                    view! {
                                        <li class="trash-item">
                                            <span class="map-title">{label.clone()}</span>
                                            <span class="meta">{format!("deleted {}", persist::ago(t.deleted, now))}</span>
                                            <span class="actions">
                                                <button
                                                    class="small"
                                                    aria-label=format!("Restore {label}")
                                                    on:click=move |_| restore(ctx, &a)
                                                >
                                                    "Restore"
                                                </button>
                                                <button
                                                    class="small danger-text"
                                                    aria-label=format!("Delete forever: {label}")
                                                    on:click=move |_| purge(
                                                        vec![b.clone()],
                                                        "Delete this map forever?".into(),
                                                        format!("\"{}\" and its saved versions will be gone for good.", shown_title(&b.title)),
                                                    )
                                                >
                                                    "Delete forever"
                                                </button>
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                    <button
                        class="small danger-text"
                        on:click=move |_| {
                            let list = items.get_untracked();
                            let n = list.len();
                            purge(
                                list,
                                "Empty the trash?".into(),
                                if n == 1 { "1 map and its saved versions will be gone for good.".into() } else { format!("{n} maps and their saved versions will be gone for good.") },
                            )
                        }
                    >
                        "Empty trash"
                    </button>
                </Show>
            </Show>
        </section>
    }
}
