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
    /// Since when (`performance.now()`) the bar is on its way, not yet in
    /// the page: keys typed meanwhile go into `query`.
    pub loading: StoredValue<Option<f64>>,
    /// Whether keys were typed while it was on its way.
    pub typed: StoredValue<bool>,
}

impl Default for FindState {
    /// Closed, with nothing looked for yet.
    fn default() -> Self {
        FindState {
            open: RwSignal::new(false),
            ask: RwSignal::new(0),
            back: StoredValue::new(None),
            query: RwSignal::new(String::new()),
            loading: StoredValue::new(None),
            typed: StoredValue::new(false),
        }
    }
}

/// How long keys typed after Ctrl+F wait for the bar: a bar that cannot be
/// loaded (offline) must not swallow typing elsewhere for good.
const WAIT_MS: f64 = 3000.0;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
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
                    self.type_ahead(&ev);
                    return;
                }
                let document = web_sys::window().and_then(|w| w.document());
                let active = document.as_ref().and_then(|d| d.active_element());
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
                self.show();
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

impl FindState {
    /// Opens the bar, or gives its field the focus again.
    pub fn show(self) {
        // The bar's code may still have to arrive (a chunk), and a closed
        // bar is drawn anew: what is typed meanwhile waits for it.
        let absent = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.get_element_by_id("find-input").is_none());
        if absent {
            self.loading.set_value(Some(now()));
            self.typed.set_value(false);
        }
        self.open.set(true);
        self.ask.update(|n| *n += 1);
    }

    /// A key pressed while the bar is on its way: a character goes into the
    /// search (replacing the last one, as if it were selected), Backspace
    /// takes one off, Escape closes.
    fn type_ahead(self, ev: &web_sys::KeyboardEvent) {
        let Some(since) = self.loading.get_value() else {
            return;
        };
        if now() - since > WAIT_MS || !self.open.get_untracked() {
            self.loading.set_value(None);
            return;
        }
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        // Keys meant for a field the user moved to meanwhile stay there.
        let elsewhere = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| Some((d.active_element()?, d.body()?)))
            .is_some_and(|(a, body)| a != *body.unchecked_ref::<web_sys::Element>());
        if elsewhere {
            self.loading.set_value(None);
            return;
        }
        let key = ev.key();
        let first = !self.typed.get_value();
        match key.as_str() {
            "Escape" => {
                self.loading.set_value(None);
                self.open.set(false);
            }
            "Backspace" => {
                self.query.update(|q| {
                    if first {
                        q.clear();
                    } else {
                        q.pop();
                    }
                });
            }
            k if k.chars().count() == 1 => {
                if first {
                    self.query.set(key);
                } else {
                    self.query.update(|q| q.push_str(&key));
                }
            }
            _ => return,
        }
        ev.prevent_default();
        self.typed.set_value(true);
    }
}

/// Scrolls the grid so that `e`, a cell or lane title, is in the middle of
/// the part of the grid below its sticky headers, if it is not wholly in
/// that part (`scrollIntoView` would leave it under them).
fn centre_vertically(e: &web_sys::Element) {
    let Some(grid) = e.closest(".grid-scroll").ok().flatten() else {
        return;
    };
    // A short window scrolls the page: the grid comes into view first.
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    grid.scroll_into_view_with_scroll_into_view_options(&opts);
    let area = grid.get_bounding_client_rect();
    // The headers stick, not the table's head: its cells show where they are.
    let top = grid
        .query_selector("tr.step-row th")
        .ok()
        .flatten()
        .map_or(area.top(), |h| h.get_bounding_client_rect().bottom());
    let bottom = area.top() + f64::from(grid.client_height());
    let r = e.get_bounding_client_rect();
    if r.top() < top - 0.5 || r.bottom() > bottom + 0.5 {
        let by = r.top() + r.height() / 2.0 - (top + bottom) / 2.0;
        grid.set_scroll_top(grid.scroll_top() + by.round() as i32);
    }
}

/// A selector for the match in the grid.
fn selector(hit: &Found) -> String {
    match hit {
        Found::Lane(id) => grid::name_field(grid::Part::Lane, id),
        Found::Stage(id) => grid::name_field(grid::Part::Stage, id),
        Found::Step(id) => grid::name_field(grid::Part::Step, id),
        Found::Cell { lane, step } => super::cell::cell_selector(lane, step),
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
        ..
    } = state;
    let hits = Memo::new(move |_| {
        let q = query.get();
        doc.map(|m| find(m, &q))
    });
    let current = RwSignal::new(0usize);
    let shown = move || hits.with(|h| h.get(current.get().min(h.len().saturating_sub(1))).cloned());
    let input = NodeRef::<leptos::html::Input>::new();

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
                Found::Stage(id) => cols.iter().position(|c| c.stage == *id),
                _ => hit
                    .step()
                    .and_then(|s| cols.iter().position(|c| c.step.as_deref() == Some(s))),
            }
        });
        if let Some(column) = column {
            grid::reveal_column(doc, column, crate::viewport::reveal_centred);
        }
        // Stage and step names sit in the sticky headers: always in view.
        if matches!(hit, Found::Lane(_) | Found::Cell { .. }) {
            let selector = selector(&hit);
            request_animation_frame(move || {
                if let Some(e) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(&selector).ok().flatten())
                {
                    centre_vertically(&e);
                }
            });
        }
    };
    // The field takes the focus when the bar opens (once it is in the
    // page, after the frame that draws it) and at each Ctrl+F. Its text is
    // selected, so that typing replaces it; what was typed while the bar
    // was on its way is searched for at once, and typing goes on after it.
    let take_focus = move || {
        let Some(i) = input.try_get_untracked().flatten() else {
            return;
        };
        let typed = state.typed.get_value();
        state.loading.set_value(None);
        state.typed.set_value(false);
        i.set_value(&query.get_untracked());
        let _ = i.focus();
        if typed {
            let end = i.value().encode_utf16().count() as u32;
            let _ = i.set_selection_range(end, end);
            current.set(0);
            go(0);
        } else {
            i.select();
        }
    };
    Effect::new(move |opened: Option<()>| {
        ask.track();
        if opened.is_none() {
            request_animation_frame(take_focus);
        } else {
            take_focus();
        }
    });
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
        let target = shown().map(|h| selector(&h));
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
        // Enter in the field, F3 anywhere in the bar.
        k @ ("Enter" | "F3")
            if k == "F3"
                || ev
                    .target()
                    .is_some_and(|t| t.has_type::<web_sys::HtmlInputElement>()) =>
        {
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
                    selector(&h)
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
