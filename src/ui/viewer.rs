//! A map shown read-only: opened from a share link. Nothing is stored
//! unless the user asks for a copy.

use super::editor::Doc;
use super::{grid, persist, Ctx, Route};
use crate::model::JourneyMap;
use leptos::prelude::*;

/// The screen for `#map=…`: the map if the link reads, else what is wrong.
#[component]
pub fn SharedView(fragment: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    match crate::format::share::decode(&fragment) {
        Ok(map) => view! { <Viewer map=map /> }.into_any(),
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

/// A read-only map with a "Save a copy" button.
#[component]
pub fn Viewer(map: JourneyMap) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let title = map.title.clone();
    let doc = Doc::new(map, ctx, true);
    provide_context(doc);
    let save_copy = move |_| {
        let mut copy = doc.map_untracked(|m| m.clone());
        copy.id = persist::new_map_id();
        match persist::save(&copy) {
            Ok(()) => {
                ctx.notices.info(format!(
                    "Saved a copy of \"{}\" in this browser.",
                    copy.title
                ));
                ctx.go(Route::Editor(copy.id));
            }
            Err(e) => {
                ctx.notices.error(format!("Could not save a copy: {e}"));
            }
        }
    };
    view! {
        <div class="editor viewer">
            <header class="toolbar">
                <button class="icon back" aria-label="Back to maps" title="My maps" on:click=move |_| ctx.go(Route::Library)>
                    "←"
                </button>
                <h1 class="viewer-title">{title}</h1>
                <span class="badge">"Read-only"</span>
                <span class="grow"></span>
                <button class="primary" on:click=save_copy>"Save a copy"</button>
            </header>
            <grid::Grid />
            <super::export::PrintView />
        </div>
    }
}
