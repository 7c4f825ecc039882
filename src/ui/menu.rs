//! A button that opens a menu of actions: arrow keys move between items,
//! Escape or a click elsewhere closes it and returns focus to the button.

use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// One entry of a [`Menu`].
#[derive(Clone)]
pub struct Item {
    pub label: String,
    pub run: Arc<dyn Fn() + Send + Sync>,
}

impl Item {
    pub fn new(label: impl Into<String>, run: impl Fn() + Send + Sync + 'static) -> Self {
        Item {
            label: label.into(),
            run: Arc::new(run),
        }
    }
}

fn focus_item(menu: &web_sys::Element, step: i32) {
    let Ok(items) = menu.query_selector_all("[role=menuitem]") else {
        return;
    };
    let n = items.length() as i32;
    if n == 0 {
        return;
    }
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let current = (0..n).find(|i| {
        items
            .item(*i as u32)
            .map(|e| e.unchecked_into::<web_sys::Element>())
            == active
    });
    let next = match (current, step) {
        (None, s) if s < 0 => n - 1,
        (None, _) => 0,
        (Some(i), s) => (i + s).rem_euclid(n),
    };
    if let Some(e) = items
        .item(next as u32)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = e.focus();
    }
}

/// A menu button. `label` is its accessible name; `icon` is shown before
/// it and hidden from screen readers.
#[component]
pub fn Menu(
    label: &'static str,
    #[prop(optional)] icon: &'static str,
    /// Opens to the left, for buttons at the right edge.
    #[prop(optional)]
    right: bool,
    items: Vec<Item>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let list = NodeRef::<leptos::html::Div>::new();
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    Effect::new(move |_| {
        if let Some(l) = list.get() {
            focus_item(&l, 1);
        }
    });
    let items = StoredValue::new(items);
    view! {
        <div
            class="menu-wrap"
            on:focusout=move |ev| {
                let inside = ev
                    .related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .zip(ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
                    .is_some_and(|(next, wrap)| wrap.contains(Some(&next)));
                // Also fires as the page leaves the editor (the browser's
                // Back) with the focus here, after the menu's state is gone.
                if !inside && open.try_get_untracked() == Some(true) {
                    close(false);
                }
            }
        >
            <button
                node_ref=button
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|v| *v = !*v)
            >
                {(!icon.is_empty()).then(|| view! { <span aria-hidden="true">{icon}</span> })}
                {label}
            </button>
            <Show when=move || open.get()>
                <div
                    class="menu"
                    class:right=right
                    role="menu"
                    aria-label=label
                    node_ref=list
                    on:keydown=move |ev| {
                        let Some(l) = list.get_untracked() else { return };
                        match ev.key().as_str() {
                            "Escape" => {
                                ev.prevent_default();
                                close(true);
                            }
                            "ArrowDown" => {
                                ev.prevent_default();
                                focus_item(&l, 1);
                            }
                            "ArrowUp" => {
                                ev.prevent_default();
                                focus_item(&l, -1);
                            }
                            _ => {}
                        }
                    }
                >
                    {items
                        .get_value()
                        .into_iter()
                        .map(|item| {
                            let run = item.run.clone();
                            view! {
                                <button
                                    role="menuitem"
                                    on:click=move |_| {
                                        close(true);
                                        run();
                                    }
                                >
                                    {item.label.clone()}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </Show>
        </div>
    }
}
