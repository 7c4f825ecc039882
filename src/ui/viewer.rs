//! A map shown read-only in the editor's page (`#map=…`): where an embed's
//! "Open in Journeymap" leads, and share links copied before they led to
//! the viewer page `embed.html`. Nothing is stored unless the user asks
//! for a copy; `#copy=…` (the viewer page's "Save a copy") saves one at
//! once.

use super::editor::Doc;
use super::{grid, persist, Ctx, Route};
use crate::model::JourneyMap;
use leptos::prelude::*;

/// The screen for `#map=…`: the map if the link reads, else what is wrong.
/// With `save` (`#copy=…`), the map is saved as a copy at once and opened
/// for editing; if that fails, it stays on show read-only with the reason.
#[component]
pub fn SharedView(fragment: String, #[prop(optional)] save: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    match crate::format::share::decode(&fragment) {
        Ok(map) => {
            if save {
                let copy = map.clone();
                request_animation_frame(move || save_copy(ctx, copy, true));
            }
            view! { <Viewer map=map /> }.into_any()
        }
        Err(e) => view! {
            <main class="missing">
                <h1>"This share link cannot be opened"</h1>
                <p>{e.to_string()}</p>
                <p>"Your saved maps were not touched. Ask for the link again, or for the map as a .journey.json file."</p>
                <button class="primary" on:click=move |_| ctx.go(Route::Library)>"Show my maps"</button>
            </main>
        }
        .into_any(),
    }
}

/// Saves `map` in this browser under a new id and opens it for editing,
/// in place of this screen in the history when `replace` is set.
fn save_copy(ctx: Ctx, mut copy: JourneyMap, replace: bool) {
    copy.id = persist::new_map_id();
    // The link to a future state is the sender's; it means nothing here.
    copy.twin = None;
    match persist::save(&copy) {
        Ok(()) => {
            ctx.notices.info(format!(
                "Saved a copy of \"{}\" in this browser.",
                crate::model::shown_title(&copy.title)
            ));
            let route = Route::Editor(copy.id);
            if replace {
                ctx.replace(route);
            } else {
                ctx.go(route);
            }
        }
        Err(e) => {
            ctx.notices.error(format!("Could not save a copy: {e}"));
        }
    }
}

/// A read-only map with a "Save a copy" button.
#[component]
pub fn Viewer(map: JourneyMap) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let title = map.title.clone();
    let doc = Doc::new(map, ctx, true);
    provide_context(doc);
    let save = move |_| save_copy(ctx, doc.map_untracked(|m| m.clone()), false);
    view! {
        <div class="editor viewer">
            <header class="toolbar">
                <button class="icon back" aria-label="Back to maps" title="My maps" on:click=move |_| ctx.go(Route::Library)>
                    "←"
                </button>
                <h1 class="viewer-title">{title}</h1>
                <span class="badge">"Read-only"</span>
                <span class="grow"></span>
                <button class="primary" on:click=save>"Save a copy"</button>
            </header>
            <grid::Grid />
            <super::export::PrintView />
        </div>
    }
}
