//! The Leptos components. They read signals and call model operations;
//! the rules live in the domain modules.

pub mod cell;
pub mod compare;
pub mod curve;
pub mod editor;
pub mod export;
pub mod find;
pub mod grid;
pub mod icon;
pub mod import;
pub mod insights;
pub mod lazy;
pub mod library;
pub mod long_list;
pub mod menu;
pub mod notice;
pub mod persist;
pub mod personas;
pub mod rescue;
pub mod set_aside;
pub mod slots;
pub mod table;
pub mod theme;
pub mod trash;
pub mod undo_keys;
pub mod versions;
pub mod viewer;
pub use crate::viewport;

use leptos::prelude::*;
use notice::{Confirm, Notices};

thread_local! {
    /// The map the editor showed last: the start screen puts the focus on
    /// it when it comes back, so that the keyboard picks up where it was.
    static LEFT_MAP: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Notes that the editor of map `id` closed.
pub fn note_left_map(id: String) {
    LEFT_MAP.with(|m| *m.borrow_mut() = Some(id));
}

/// The map the editor closed on last, once.
pub fn take_left_map() -> Option<String> {
    LEFT_MAP.with(|m| m.borrow_mut().take())
}

/// Which screen is showing, mirrored in the URL fragment.
#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    /// The start screen with the maps saved in this browser.
    Library,
    /// One map open for editing.
    Editor(String),
    /// A map carried in a share link (`#map=…`), shown read-only.
    Shared(String),
    /// A map carried in a link (`#copy=…`, the share page's "Save a copy"),
    /// saved as a copy in this browser and then opened for editing.
    Copy(String),
}

impl Route {
    /// Reads `#/map/<id>`; anything else is the library.
    pub fn from_hash(hash: &str) -> Route {
        if let Some(code) = hash.strip_prefix("#map=") {
            return Route::Shared(code.to_string());
        }
        if let Some(code) = hash.strip_prefix("#copy=") {
            return Route::Copy(code.to_string());
        }
        hash.strip_prefix("#/map/")
            .filter(|id| !id.is_empty())
            .map(|id| Route::Editor(id.to_string()))
            .unwrap_or(Route::Library)
    }

    /// The fragment for this route.
    pub fn hash(&self) -> String {
        match self {
            Route::Library => "#/".into(),
            Route::Editor(id) => format!("#/map/{id}"),
            Route::Shared(code) => format!("#map={code}"),
            Route::Copy(code) => format!("#copy={code}"),
        }
    }
}

/// App-wide state, shared through context.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub route: RwSignal<Route>,
    pub notices: Notices,
    pub confirm: RwSignal<Option<Confirm>>,
    /// False when maps live only in memory.
    pub persistent: bool,
}

impl Ctx {
    /// Shows another screen and records it in the URL.
    pub fn go(&self, route: Route) {
        settle_focus();
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&route.hash());
        }
        self.route.set(route);
    }

    /// Shows another screen in place of this one in the browser's history,
    /// so that Back does not return to it (a `#copy=…` link, once saved).
    pub fn replace(&self, route: Route) {
        settle_focus();
        if let Some(w) = web_sys::window() {
            let _ = w.location().replace(&route.hash());
        }
        self.route.set(route);
    }
}

/// Says `text` to screen readers through the editor's polite live region
/// (`#announce`): what a key did that shows nowhere as text (an undo).
pub(crate) fn announce(text: &'static str) {
    let Some(e) = leptos::prelude::document().get_element_by_id("announce") else {
        return;
    };
    // Emptied first, so that the same words twice are said twice.
    e.set_text_content(None);
    request_animation_frame(move || e.set_text_content(Some(text)));
}

/// The window's height in CSS px (what can show of the page); unbounded
/// where there is no window.
pub(crate) fn window_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::MAX)
}

/// Takes the focus from the field or cell editor that has it, before the
/// screen changes (a map dropped on the page, the browser's Back) or the
/// page goes (a reload, a closed tab): leaving it saves what was typed
/// there, as clicking elsewhere does.
pub(crate) fn settle_focus() {
    use wasm_bindgen::JsCast;
    if let Some(e) = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = e.blur();
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let storage_problem = persist::init();
    theme::apply(theme::stored());
    let initial = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| Route::from_hash(&h))
        .unwrap_or(Route::Library);
    let ctx = Ctx {
        route: RwSignal::new(initial),
        notices: Notices::new(),
        confirm: RwSignal::new(None),
        persistent: storage_problem.is_none(),
    };
    provide_context(ctx);
    if let Some(problem) = storage_problem {
        ctx.notices.warn(format!(
            "Maps will not be kept: {problem}. You can still work here; \
             download your map as a file before you close this tab."
        ));
    }
    let route = ctx.route;
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        let next = Route::from_hash(&hash);
        if route.get_untracked() != next {
            settle_focus();
            route.set(next);
        }
    });

    let dragging = RwSignal::new(false);
    import::listen_for_drops_and_pastes(ctx, dragging);

    view! {
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true">"Drop a .journey.json, .mmd, or a Journeymap SVG or PNG to import it"</div>
        </Show>
        <notice::NoticeBar />
        <notice::ConfirmDialog />
        {move || match route.get() {
            Route::Library => lazy::show("start screen", lazy::library).into_any(),
            Route::Editor(id) => view! { <editor::EditorView id=id /> }.into_any(),
            Route::Shared(code) => lazy::show("map viewer", move || lazy::viewer(code.clone(), false)).into_any(),
            Route::Copy(code) => lazy::show("map viewer", move || lazy::viewer(code.clone(), true)).into_any(),
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn routes_round_trip_through_the_fragment() {
        for r in [
            Route::Library,
            Route::Editor("m1abc".into()),
            Route::Shared("eJzLSM3JyQcABiwCFQ".into()),
            Route::Copy("1abc".into()),
        ] {
            assert_eq!(Route::from_hash(&r.hash()), r);
        }
        assert_eq!(Route::from_hash(""), Route::Library);
        assert_eq!(Route::from_hash("#/map/"), Route::Library);
    }
}
