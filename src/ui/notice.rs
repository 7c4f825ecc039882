//! Messages to the user (with an optional action such as "Undo") and the
//! confirmation dialog.

use super::Ctx;
use leptos::prelude::*;
use std::sync::Arc;

/// Something to run later. A plain closure rather than a `Callback`, so it
/// outlives the component that made it (a deleted row offering "Undo").
pub type Run = Arc<dyn Fn() + Send + Sync>;

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// A button offered with a notice.
#[derive(Clone)]
pub struct Action {
    pub label: String,
    pub run: Run,
}

/// One message in the notice bar.
#[derive(Clone)]
pub struct Notice {
    pub id: u64,
    pub level: Level,
    pub text: String,
    pub action: Option<Action>,
    /// Belongs to the open map and goes when the editor closes.
    pub editor: bool,
}

/// `items` as lines of a notice, one bullet each (the notice bar keeps line
/// breaks): one notice for many things, where one notice each would push
/// all but the last few off the screen.
pub fn bulleted<S: AsRef<str>>(items: &[S]) -> String {
    items.iter().fold(String::new(), |mut out, i| {
        out.push_str("\n• ");
        out.push_str(i.as_ref());
        out
    })
}

/// The list of notices on screen.
#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next: RwSignal<u64>,
}

impl Notices {
    pub fn new() -> Self {
        Notices {
            list: RwSignal::new(Vec::new()),
            next: RwSignal::new(1),
        }
    }

    /// Shows a notice and returns its id. Info notices fade after a while.
    pub fn push(&self, level: Level, text: impl Into<String>, action: Option<Action>) -> u64 {
        self.add(level, text.into(), action, false)
    }

    /// Shows a notice about the open map, removed when the editor closes.
    pub fn push_editor(
        &self,
        level: Level,
        text: impl Into<String>,
        action: Option<Action>,
    ) -> u64 {
        self.add(level, text.into(), action, true)
    }

    /// Removes the notices about the open map.
    pub fn clear_editor(&self) {
        if self.list.try_with_untracked(|l| l.iter().any(|n| n.editor)) == Some(true) {
            self.list.update(|l| l.retain(|n| !n.editor));
        }
    }

    fn add(&self, level: Level, text: String, action: Option<Action>, editor: bool) -> u64 {
        let id = self.next.get_untracked();
        self.next.set(id + 1);
        self.list.update(|l| {
            // The same message twice in a row is shown once.
            l.retain(|n| n.text != text);
            l.push(Notice {
                id,
                level,
                text,
                action,
                editor,
            });
            if l.len() > 4 {
                l.remove(0);
            }
        });
        if level == Level::Info {
            self.fade(id, 8);
        }
        id
    }

    /// Removes info notice `id` after `secs` seconds, but not while the
    /// pointer is on it or the focus in it (someone reaching for its Undo):
    /// then it waits until they leave, and the focus never drops to the page.
    fn fade(&self, id: u64, secs: u64) {
        let notices = *self;
        set_timeout(
            move || {
                let held = leptos::prelude::document()
                    .query_selector(&format!(
                        ".notice[data-id=\"{id}\"]:is(:hover, :focus-within)"
                    ))
                    .ok()
                    .flatten()
                    .is_some();
                if held {
                    notices.fade(id, 2);
                } else {
                    notices.dismiss(id);
                }
            },
            std::time::Duration::from_secs(secs),
        );
    }

    pub fn info(&self, text: impl Into<String>) -> u64 {
        self.push(Level::Info, text, None)
    }

    pub fn warn(&self, text: impl Into<String>) -> u64 {
        self.push(Level::Warn, text, None)
    }

    pub fn error(&self, text: impl Into<String>) -> u64 {
        self.push(Level::Error, text, None)
    }

    /// Removes a notice. When it had the focus, the focus goes to the
    /// page's heading (or the first map), never to the page itself.
    pub fn dismiss(&self, id: u64) {
        if self
            .list
            .try_with_untracked(|l| l.iter().any(|n| n.id == id))
            != Some(true)
        {
            return;
        }
        let focused = leptos::prelude::document()
            .query_selector(&format!(".notice[data-id=\"{id}\"]:focus-within"))
            .ok()
            .flatten()
            .is_some();
        self.list.update(|l| l.retain(|n| n.id != id));
        if focused {
            after_answer();
        }
    }

    /// Removes every notice whose text starts with `prefix`.
    pub fn dismiss_prefix(&self, prefix: &str) {
        if self
            .list
            .with_untracked(|l| l.iter().any(|n| n.text.starts_with(prefix)))
        {
            self.list
                .update(|l| l.retain(|n| !n.text.starts_with(prefix)));
        }
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}

/// The notices, top of the page, announced to screen readers.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let notices = ctx.notices;
    view! {
        <div class="notices" role="status" aria-live="polite">
            <For
                each=move || notices.list.get()
                key=|n| n.id
                children=move |n| {
                    let id = n.id;
                    let class = match n.level {
                        Level::Info => "notice info",
                        Level::Warn => "notice warn",
                        Level::Error => "notice error",
                    };
                    let action = n.action.clone().map(|a| {
                        view! {
                            <button
                                class="notice-action"
                                on:click=move |_| {
                                    (a.run)();
                                    notices.dismiss(id);
                                }
                            >
                                {a.label.clone()}
                            </button>
                        }
                    });
                    view! {
                        <div class=class data-id=id>
                            <span class="notice-text">{n.text.clone()}</span>
                            {action}
                            <button
                                class="icon notice-close"
                                aria-label="Dismiss message"
                                title="Dismiss"
                                on:click=move |_| notices.dismiss(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}

/// A question that needs a yes before something happens.
#[derive(Clone)]
pub struct Confirm {
    pub title: String,
    pub text: String,
    pub ok: String,
    pub on_ok: Run,
    /// A second way to say yes ("Keep both" beside "Replace").
    pub alt: Option<(String, Run)>,
}

/// Tab and Shift+Tab go round the dialog's buttons, never behind it.
fn keep_tab_inside(ev: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(dialog) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(buttons) = dialog.query_selector_all("button") else {
        return;
    };
    let n = buttons.length();
    let at = |i: u32| {
        buttons
            .item(i)
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let is = |b: &Option<web_sys::HtmlElement>| {
        b.as_ref()
            .zip(active.as_ref())
            .is_some_and(|(b, a)| b.unchecked_ref::<web_sys::Element>() == a)
    };
    let (first, last) = (at(0), at(n.saturating_sub(1)));
    let wrap = if ev.shift_key() && is(&first) {
        last
    } else if !ev.shift_key() && is(&last) {
        first
    } else {
        None
    };
    if let Some(b) = wrap {
        ev.prevent_default();
        let _ = b.focus();
    }
}

/// After an answer that removed what had the focus (a map replaced, a row
/// deleted): the map's heading in the editor, else the first map in the
/// list, else the page's first button.
fn after_answer() {
    super::grid::refocus_first_later(&["#map-heading", "button.map-title", "main button"]);
}

/// The modal confirmation dialog. Escape or "Cancel" says no, and Cancel
/// has the focus when it opens, so that Enter alone never deletes.
#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let confirm = ctx.confirm;
    let cancel_ref = NodeRef::<leptos::html::Button>::new();
    let previous_focus = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        if confirm.with(|c| c.is_some()) {
            previous_focus.set_value(
                web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()),
            );
            request_animation_frame(move || {
                if let Some(b) = cancel_ref.get_untracked() {
                    let _ = b.focus();
                }
            });
        }
    });
    let close = move || {
        confirm.set(None);
        if let Some(e) = previous_focus.get_value() {
            let _ = e.focus();
        }
    };
    // Saying no: the focus goes back to where it was, or, when nothing had
    // it (a file dropped on the page) or that is gone, never to the body.
    let cancel = move || {
        close();
        after_answer();
    };
    view! {
        <Show when=move || confirm.with(|c| c.is_some())>
            <div class="backdrop" on:click=move |_| cancel()>
                <div
                    class="dialog"
                    role="alertdialog"
                    aria-modal="true"
                    aria-labelledby="confirm-title"
                    aria-describedby="confirm-text"
                    on:click=|ev| ev.stop_propagation()
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            ev.prevent_default();
                            cancel();
                        } else if ev.key() == "Tab" {
                            keep_tab_inside(&ev);
                        }
                    }
                >
                    <h2 id="confirm-title">
                        {move || confirm.with(|c| c.as_ref().map(|c| c.title.clone()))}
                    </h2>
                    <p id="confirm-text">
                        {move || confirm.with(|c| c.as_ref().map(|c| c.text.clone()))}
                    </p>
                    <div class="dialog-buttons">
                        <button node_ref=cancel_ref on:click=move |_| cancel()>"Cancel"</button>
                        {move || {
                            confirm
                                .with(|c| c.as_ref().and_then(|c| c.alt.clone()))
                                .map(|(label, run)| {
                                    view! {
                                        <button on:click=move |_| {
                                            close();
                                            run();
                                            after_answer();
                                        }>{label}</button>
                                    }
                                })
                        }}
                        <button
                            class="danger"
                            on:click=move |_| {
                                let c = confirm.get_untracked();
                                close();
                                if let Some(c) = c {
                                    (c.on_ok)();
                                }
                                after_answer();
                            }
                        >
                            {move || confirm.with(|c| c.as_ref().map(|c| c.ok.clone()))}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
