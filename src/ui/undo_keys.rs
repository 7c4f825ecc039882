//! Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y in the editor (⌘ on a Mac), and the
//! browser's Undo and Redo in a field's context menu.
//!
//! A text field keeps its own undo only while something typed in it is
//! still to undo; otherwise the keys are the map's. The browser keeps one
//! undo list for the whole page, so its undo in a field with nothing typed
//! would reach into text typed earlier in another field and change that
//! field's text without changing the map.

use super::editor::Doc;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Event, EventTarget};

type Listener = Closure<dyn Fn(Event)>;

/// Listens on the window, before the fields' own handlers (which may stop
/// the keys), until the editor goes. Nothing happens while `blocked`
/// (a dialog asks something).
pub fn listen(doc: Doc, blocked: impl Fn() -> bool + Clone + 'static) {
    // The field with typing still to undo, and its text before that typing.
    let typed: std::rc::Rc<std::cell::RefCell<Option<(EventTarget, String)>>> = Default::default();
    let value = |t: &EventTarget| {
        js_sys::Reflect::get(t, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.as_string())
    };
    let is_typed = {
        let typed = typed.clone();
        move |t: &EventTarget| typed.borrow().as_ref().is_some_and(|(f, _)| f == t)
    };

    // The map's undo or redo, in place of the browser's.
    let run = {
        let typed = typed.clone();
        move |ev: &Event, redo: bool| {
            ev.prevent_default();
            *typed.borrow_mut() = None;
            if redo {
                doc.redo();
            } else {
                doc.undo();
            }
        }
    };
    // The browser's own Undo and Redo (the context menu's, or the Edit
    // menu's) arrive as `beforeinput`: the map's too, unless something
    // typed in the field is left to undo.
    let history = {
        let (is_typed, blocked, run) = (is_typed.clone(), blocked.clone(), run.clone());
        move |ev: &Event| -> bool {
            let kind = js_sys::Reflect::get(ev, &JsValue::from_str("inputType"))
                .ok()
                .and_then(|v| v.as_string());
            let redo = match kind.as_deref() {
                Some("historyUndo") => false,
                Some("historyRedo") => true,
                _ => return false,
            };
            if !blocked() && !ev.target().is_some_and(|t| is_typed(&t)) {
                run(ev, redo);
            }
            true
        }
    };
    let on_before = {
        let (typed, is_typed) = (typed.clone(), is_typed.clone());
        move |ev: Event| {
            if history(&ev) {
                return;
            }
            if let Some(t) = ev.target().filter(|t| !is_typed(t)) {
                if let Some(v) = value(&t) {
                    *typed.borrow_mut() = Some((t, v));
                }
            }
        }
    };
    // Typing undone (or typed away) back to where it started leaves
    // nothing of the field's own to undo.
    let on_input = {
        let typed = typed.clone();
        move |ev: Event| {
            let mut typed = typed.borrow_mut();
            let back = typed
                .as_ref()
                .zip(ev.target())
                .is_some_and(|((f, before), t)| *f == t && value(&t).as_ref() == Some(before));
            if back {
                *typed = None;
            }
        }
    };
    // Focus moved, or the field's text was taken into the map.
    let on_settle = {
        let typed = typed.clone();
        move |_: Event| *typed.borrow_mut() = None
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
        if !blocked() && !ev.target().is_some_and(|t| is_typed(&t)) {
            run(ev, redo);
        }
    };

    let Some(window) = web_sys::window() else {
        return;
    };
    let listeners: Vec<(&str, Listener)> = vec![
        ("beforeinput", Closure::new(on_before)),
        ("input", Closure::new(on_input)),
        ("focusin", Closure::new(on_settle.clone())),
        ("change", Closure::new(on_settle)),
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
