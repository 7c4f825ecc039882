//! Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y in the editor (⌘ on a Mac), and the
//! browser's Undo and Redo in a field's context menu.
//!
//! What was typed in the field, or in the cell editor, that has the focus is
//! undone first, by the browser, and redone first once undone; otherwise the
//! keys are the map's. The browser keeps one undo list for the whole page,
//! so its undo with nothing typed here would reach into text typed earlier
//! in another field and change that field's text without changing the map.
//!
//! Before the map's undo or redo, an open cell editor is saved (its changes
//! that are not typing, a channel picked or a row added, become one edit),
//! so Undo takes back that edit rather than dropping it, and Redo brings it
//! back.

use super::editor::Doc;
use leptos::prelude::*;
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Element, Event, EventTarget};

type Listener = Closure<dyn Fn(Event)>;

/// What the browser can still undo or redo here.
#[derive(Default)]
struct Typing {
    /// The cell editor the fields below are in; `None` for a field of its
    /// own (a name), whose typing ends when it loses the focus.
    scope: Option<Element>,
    /// Fields with typing left to undo, each with its text before it.
    typed: Vec<(EventTarget, String)>,
    /// Fields whose typing was all undone, with that text, for a redo.
    undone: Vec<(EventTarget, String)>,
    /// Undo steps of the browser's that a redo can take back.
    redos: usize,
    /// A change about to be made (`beforeinput`): the field and its text.
    pending: Option<(EventTarget, String)>,
}

impl Typing {
    fn clear(&mut self) {
        *self = Typing::default();
    }

    /// True when `t` is where the typing was: one of its fields, or
    /// another field of its cell editor (not the page, once the editor
    /// scrolled away and took the focus with it).
    fn here(&self, t: &EventTarget) -> bool {
        self.typed.iter().chain(&self.undone).any(|(f, _)| f == t)
            || self.scope.is_some() && editor_of(t) == self.scope
    }
}

fn value(t: &EventTarget) -> Option<String> {
    js_sys::Reflect::get(t, &JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.as_string())
}

/// The cell editor `t` is in.
fn editor_of(t: &EventTarget) -> Option<Element> {
    t.dyn_ref::<Element>()?.closest(".cell-editor").ok()?
}

fn input_type(ev: &Event) -> Option<String> {
    js_sys::Reflect::get(ev, &JsValue::from_str("inputType"))
        .ok()
        .and_then(|v| v.as_string())
}

/// Saves an open cell editor that has the focus, by taking the focus from
/// it (the editor saves when the focus leaves it, and puts it back on its
/// cell).
fn save_open_editor() {
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    if let Some(a) = active.filter(|a| editor_of(a).is_some()) {
        if let Some(h) = a.dyn_ref::<web_sys::HtmlElement>() {
            let _ = h.blur();
        }
    }
}

/// Listens on the window, before the fields' own handlers (which may stop
/// the keys), until the editor goes. Nothing happens while `blocked`
/// (a dialog asks something).
pub fn listen(doc: Doc, blocked: impl Fn() -> bool + Clone + 'static) {
    let state: Rc<RefCell<Typing>> = Default::default();

    // The map's undo or redo, in place of the browser's.
    let run = {
        let state = state.clone();
        move |ev: &Event, redo: bool| {
            ev.prevent_default();
            state.borrow_mut().clear();
            save_open_editor();
            if redo {
                doc.redo();
            } else {
                doc.undo();
            }
        }
    };
    // Undo or redo (`redo`): the browser's when it has something of this
    // field's or editor's to undo or redo, else the map's.
    let decide = {
        let state = state.clone();
        move |ev: &Event, redo: bool| {
            if blocked() {
                return;
            }
            let own = {
                let s = state.borrow();
                let here = ev.target().is_some_and(|t| s.here(&t));
                here && if redo {
                    s.redos > 0
                } else {
                    !s.typed.is_empty()
                }
            };
            if !own {
                run(ev, redo);
            }
        }
    };
    // The browser's own Undo and Redo (the context menu's, or the Edit
    // menu's) arrive as `beforeinput`.
    let on_before = {
        let (state, decide) = (state.clone(), decide.clone());
        move |ev: Event| {
            match input_type(&ev).as_deref() {
                Some("historyUndo") => return decide(&ev, false),
                Some("historyRedo") => return decide(&ev, true),
                _ => {}
            }
            // Recorded as typing only once it changes the text (Enter in a
            // name field fires this, and changes nothing).
            state.borrow_mut().pending = ev.target().and_then(|t| value(&t).map(|v| (t, v)));
        }
    };
    let on_input = {
        let state = state.clone();
        move |ev: Event| {
            let Some(t) = ev.target() else { return };
            let now = value(&t);
            let mut s = state.borrow_mut();
            match input_type(&ev).as_deref() {
                Some("historyUndo") => {
                    s.redos += 1;
                    // Typing undone back to where it started leaves nothing
                    // of the field's own to undo.
                    if let Some(i) = s
                        .typed
                        .iter()
                        .position(|(f, before)| *f == t && now.as_ref() == Some(before))
                    {
                        let entry = s.typed.remove(i);
                        s.undone.push(entry);
                    }
                }
                Some("historyRedo") => {
                    s.redos = s.redos.saturating_sub(1);
                    if let Some(i) = s
                        .undone
                        .iter()
                        .position(|(f, before)| *f == t && now.as_ref() != Some(before))
                    {
                        let entry = s.undone.remove(i);
                        s.typed.push(entry);
                    }
                }
                _ => {
                    // New typing: the browser forgets what it could redo.
                    s.redos = 0;
                    s.undone.clear();
                    let pending = s
                        .pending
                        .take()
                        .filter(|(f, before)| *f == t && now.as_ref() != Some(before));
                    if let Some(entry) = pending {
                        if !s.typed.iter().any(|(f, _)| *f == entry.0) {
                            s.scope = editor_of(&t);
                            s.typed.push(entry);
                        }
                    }
                }
            }
        }
    };
    // The focus moved: typing elsewhere is not this field's to undo, but
    // the fields of one cell editor share theirs until it closes.
    let on_focus = {
        let state = state.clone();
        move |ev: Event| {
            let mut s = state.borrow_mut();
            let here = ev.target().and_then(|t| editor_of(&t));
            if s.scope.is_none() || here != s.scope {
                s.clear();
            }
        }
    };
    // A field's text was taken into the map (a name); a cell editor's
    // fields change as the user moves through them, and are saved with it.
    let on_change = {
        let state = state.clone();
        move |ev: Event| {
            if ev.target().and_then(|t| editor_of(&t)).is_none() {
                state.borrow_mut().clear();
            }
        }
    };
    let on_key = move |ev: Event| {
        let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let redo = match ev.key().to_lowercase().as_str() {
            "z" => ev.shift_key(),
            "y" => true,
            _ => return,
        };
        decide(ev, redo);
    };

    let Some(window) = web_sys::window() else {
        return;
    };
    let listeners: Vec<(&str, Listener)> = vec![
        ("beforeinput", Closure::new(on_before)),
        ("input", Closure::new(on_input)),
        ("focusin", Closure::new(on_focus)),
        ("change", Closure::new(on_change)),
        ("keydown", Closure::new(on_key)),
    ];
    for (name, f) in &listeners {
        let _ = window.add_event_listener_with_callback_and_bool(
            name,
            f.as_ref().unchecked_ref(),
            true,
        );
    }
    let listeners = send_wrapper::SendWrapper::new(listeners);
    on_cleanup(move || {
        for (name, f) in listeners.iter() {
            let _ = window.remove_event_listener_with_callback_and_bool(
                name,
                f.as_ref().unchecked_ref(),
                true,
            );
        }
    });
}
