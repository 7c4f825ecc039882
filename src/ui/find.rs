//! The editor's *Find* bar (Ctrl+F). The grid draws only the steps in
//! view, so the browser's own find misses the rest: this searches the map
//! itself ([`crate::model::find`]), brings each match into view and marks
//! it. Loaded on first use (`lazy::find`).

use super::editor::Doc;
use super::grid;
use crate::model::find::{find, Found};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the editor keeps of the bar while it is closed.
#[derive(Clone, Copy)]
pub struct FindState {
    /// Whether the bar is shown.
    pub open: RwSignal<bool>,
    /// Changes each time Ctrl+F is pressed: the field takes the focus again,
    /// its text selected.
    pub ask: RwSignal<u32>,
    /// Where the focus was before (a selector), for closing with no match.
    pub back: StoredValue<Option<String>>,
    /// The text looked for, kept for the next time the bar opens.
    pub query: RwSignal<String>,
}

impl Default for FindState {
    /// Closed, with nothing looked for yet.
    fn default() -> Self {
        FindState {
            open: RwSignal::new(false),
            ask: RwSignal::new(0),
            back: StoredValue::new(None),
            query: RwSignal::new(String::new()),
        }
    }
}

impl FindState {
    /// Opens the bar on Ctrl+F (⌘F), or puts the focus back in it, for as
    /// long as the calling component lives. Listens before anything else
    /// (a cell's editor keeps its keys to itself). Left to the browser's
    /// own find: Ctrl+F pressed in the bar, and whenever `browsers` says so
    /// (the Table view, which lists every step, or a dialog).
    pub fn listen(self, browsers: impl Fn() -> bool + 'static) {
        let on_key =
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
                if !(ev.ctrl_key() || ev.meta_key())
                    || ev.alt_key()
                    || ev.shift_key()
                    || !ev.key().eq_ignore_ascii_case("f")
                {
                    return;
                }
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element());
                if active.as_ref().is_some_and(|a| a.id() == "find-input") || browsers() {
                    return;
                }
                ev.prevent_default();
                self.back.set_value(grid::focused_selector());
                // Leaving a cell or field saves it, and nothing typed before the
                // bar is there goes into it.
                if let Some(a) = active.and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = a.blur();
                }
                self.open.set(true);
                self.ask.update(|n| *n += 1);
            });
        let Some(window) = web_sys::window() else {
            return;
        };
        let _ = window.add_event_listener_with_callback_and_bool(
            "keydown",
            on_key.as_ref().unchecked_ref(),
            true,
        );
        let on_key = send_wrapper::SendWrapper::new(on_key);
        on_cleanup(move || {
            let _ = window.remove_event_listener_with_callback_and_bool(
                "keydown",
                on_key.as_ref().unchecked_ref(),
                true,
            );
        });
    }
}

/// The bar.
#[component]
pub fn FindBar(state: FindState) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let FindState {
        open,
        ask,
        back,
        query,
    } = state;
    let hits = Memo::new(move |_| {
        let q = query.get();
        doc.map(|m| find(m, &q))
    });
    let current = RwSignal::new(0usize);
    let shown = move || hits.with(|h| h.get(current.get().min(h.len().saturating_sub(1))).cloned());
    let input = NodeRef::<leptos::html::Input>::new();

    Effect::new(move |_| {
        ask.track();
        if let Some(i) = input.get() {
            let _ = i.focus();
            i.select();
        }
    });

    // Brings match `i` into view: its column first (which draws it), then,
    // once drawn, its row.
    let go = move |i: usize| {
        let Some(hit) = hits.with_untracked(|h| h.get(i).cloned()) else {
            return;
        };
        current.set(i);
        let column = doc.map_untracked(|m| {
            let cols = grid::columns(m);
            match &hit {
                Found::Lane(_) => None,
                Found::Stage(id) => cols.iter().position(|c| c.stage == *id),
                Found::Step(_) | Found::Cell { .. } => {
                    cols.iter().position(|c| c.step.as_deref() == hit.step())
                }
            }
        });
        if let Some(column) = column {
            grid::reveal_column(doc, column, crate::viewport::reveal_centred);
        }
        let selector = hit.selector();
        request_animation_frame(move || {
            if let Some(e) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&selector).ok().flatten())
            {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                opts.set_inline(web_sys::ScrollLogicalPosition::Nearest);
                e.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    };
    let step = move |by: isize| {
        let n = hits.with_untracked(|h| h.len());
        if n == 0 {
            return;
        }
        let i = current.get_untracked().min(n - 1) as isize + by;
        go(i.rem_euclid(n as isize) as usize);
    };
    // Closing puts the focus on the match shown, so that it can be edited
    // at once; with none, back where it was.
    let close = move || {
        let target = shown().map(|h| h.selector());
        open.set(false);
        let places: Vec<String> = target
            .into_iter()
            .chain(back.get_value())
            .chain(Some(".grid-scroll".to_string()))
            .collect();
        grid::refocus_any_later(places);
    };
    let keys = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            if let Some(e) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = e.blur();
            }
            close();
        }
        "Enter"
            if ev
                .target()
                .is_some_and(|t| t.has_type::<web_sys::HtmlInputElement>()) =>
        {
            ev.prevent_default();
            step(if ev.shift_key() { -1 } else { 1 });
        }
        "F3" => {
            ev.prevent_default();
            step(if ev.shift_key() { -1 } else { 1 });
        }
        _ => {}
    };
    let status = move || {
        let n = hits.with(|h| h.len());
        if query.with(|q| q.trim().is_empty()) {
            String::new()
        } else if n == 0 {
            "No matches".to_string()
        } else {
            format!("{} of {n}", current.get().min(n - 1) + 1)
        }
    };
    // The match shown, marked by a rule of its own: no cell needs to
    // watch for it.
    let mark = move || {
        shown()
            .map(|h| {
                format!(
                    "{} {{ outline: 3px solid var(--found); outline-offset: -3px; }}",
                    h.selector()
                )
            })
            .unwrap_or_default()
    };
    let none = move || hits.with(|h| h.is_empty());

    view! {
        <div class="find-bar" role="search" on:keydown=keys>
            <input
                id="find-input"
                type="text"
                aria-label="Find in map"
                placeholder="Find in map"
                autocomplete="off"
                node_ref=input
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    current.set(0);
                    go(0);
                }
            />
            <span class="find-status" aria-live="polite">{status}</span>
            <button class="icon" aria-label="Previous match" title="Previous match (Shift+Enter)" prop:disabled=none on:click=move |_| step(-1)>"↑"</button>
            <button class="icon" aria-label="Next match" title="Next match (Enter)" prop:disabled=none on:click=move |_| step(1)>"↓"</button>
            <button class="icon" aria-label="Close find" title="Close (Escape)" on:click=move |_| close()>"✕"</button>
            <style>{mark}</style>
        </div>
    }
}
