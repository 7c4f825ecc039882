//! The editor screen: toolbar, grid, undo and redo, and saving as you go.

use super::notice::{Action, Level};
use super::{grid, library, persist, Ctx, Route};
use crate::history::History;
use crate::model::{Cell, JourneyMap, LaneKind, MapState};
use crate::storage::{SaveError, StoreError};

/// Another tab changed the open map while this one had edits of its own.
#[derive(Clone, Debug, PartialEq)]
// At most one at a time: boxing the map would buy nothing.
#[allow(clippy::large_enum_variant)]
enum Conflict {
    Changed(JourneyMap),
    Deleted,
}

#[derive(Clone, Copy)]
enum Choice {
    Mine,
    Theirs,
    Both,
}
use leptos::prelude::*;
use std::fmt::Display;
use std::sync::Arc;

/// The open map and its editing state, shared by the editor's components.
#[derive(Clone, Copy)]
pub struct Doc {
    pub history: RwSignal<History>,
    /// The cell being edited: (lane id, step id).
    pub editing: RwSignal<Option<(String, String)>>,
    /// Whether a given cell is the one being edited: wakes only the two
    /// cells whose answer changes, not every cell of a large map.
    pub selecting: StoredValue<Selector<Option<(String, String)>>>,
    /// The part of the grid in view, which decides the columns drawn.
    pub viewport: RwSignal<super::viewport::Viewport>,
    /// The grid's columns (the grid, and Compare that follows it): made
    /// again only when stages or steps change, so a cell edit checks them
    /// in place.
    pub columns: Memo<Vec<super::grid::Column>>,
    pub ctx: Ctx,
    /// A shared or embedded map: shown, never changed.
    pub readonly: bool,
    /// Notices whose "Undo" undoes one change: (notice id, the history's
    /// revision right after that change). They go once other changes follow.
    undo_notices: StoredValue<Vec<(u64, u64)>>,
}

impl Doc {
    /// A document for `map`, with nothing to undo yet.
    pub fn new(map: JourneyMap, ctx: Ctx, readonly: bool) -> Self {
        let editing = RwSignal::new(None);
        let history = RwSignal::new(History::new(map));
        let columns = Memo::new_owning(move |old: Option<Vec<super::grid::Column>>| {
            history.with(|h| match old {
                Some(old) if super::grid::same_columns(h.current(), &old) => (old, false),
                _ => (super::grid::columns(h.current()), true),
            })
        });
        Doc {
            history,
            columns,
            editing,
            selecting: StoredValue::new(Selector::new(move || editing.get())),
            viewport: RwSignal::new(super::viewport::Viewport::opening(
                web_sys::window()
                    .and_then(|w| w.inner_width().ok())
                    .and_then(|w| w.as_f64())
                    .unwrap_or(1600.0),
            )),
            ctx,
            readonly,
            undo_notices: StoredValue::new(Vec::new()),
        }
    }

    /// True while the cell (lane, step) is being edited; tracks only that.
    pub fn is_editing(&self, key: &Option<(String, String)>) -> bool {
        self.selecting
            .try_with_value(|s| s.selected(key))
            .unwrap_or(false)
    }

    /// Reads the map, tracking it.
    pub fn map<R>(&self, f: impl FnOnce(&JourneyMap) -> R) -> R {
        self.history.with(|h| f(h.current()))
    }

    /// Reads the map without tracking it.
    pub fn map_untracked<R>(&self, f: impl FnOnce(&JourneyMap) -> R) -> R {
        self.history.with_untracked(|h| f(h.current()))
    }

    /// What `read` makes of the map, now and again when the browser is next
    /// idle after each change (several changes, one reading): for a panel
    /// beside the grid, whose reading of a large map must not delay the
    /// edit's own frame. `read` reads the map untracked.
    pub fn follow_when_idle<T: Send + Sync + 'static>(
        &self,
        read: impl Fn() -> T + Clone + 'static,
    ) -> RwSignal<T> {
        let data = RwSignal::new(read());
        let pending = StoredValue::new(false);
        let history = self.history;
        Effect::new(move |first: Option<()>| {
            history.track();
            if first.is_none() || pending.get_value() {
                return;
            }
            pending.set_value(true);
            let read = read.clone();
            crate::idle::when_idle(move || {
                if pending.try_set_value(false).is_none() {
                    data.try_set(read());
                }
            });
        });
        data
    }

    /// Applies an edit as one undoable step; a refused edit is reported.
    pub fn edit<T, E: Display>(
        &self,
        coalesce: Option<&str>,
        f: impl FnOnce(&mut JourneyMap) -> Result<T, E>,
    ) -> Option<T> {
        self.record(|h| h.apply(coalesce, f))
    }

    /// Sets (or, with `None`, empties) one cell as one undoable step, like
    /// `edit(coalesce, |m| m.set_cell(lane, step, cell))`, but the undo step
    /// holds only that cell ([`History::set_cell`]): no copy of the map.
    pub fn edit_cell(&self, coalesce: Option<&str>, lane: &str, step: &str, cell: Option<Cell>) {
        self.record(|h| h.set_cell(coalesce, lane, step, cell));
    }

    /// Runs one change of the history, unless the map is read-only, and
    /// reports it when it is refused.
    fn record<T, E: Display>(&self, f: impl FnOnce(&mut History) -> Result<T, E>) -> Option<T> {
        if self.readonly {
            return None;
        }
        let mut out = None;
        let mut err = None;
        self.history.update(|h| match f(h) {
            Ok(v) => out = Some(v),
            Err(e) => err = Some(e.to_string()),
        });
        if let Some(e) = err {
            self.ctx
                .notices
                .error(format!("That edit was not made: {e}."));
        }
        out
    }

    /// Applies an edit that cannot fail.
    pub fn change(&self, f: impl FnOnce(&mut JourneyMap)) {
        self.edit::<(), std::convert::Infallible>(None, |m| {
            f(m);
            Ok(())
        });
    }

    /// Ends a run of merged edits (a drag).
    pub fn seal(&self) {
        self.history.update_untracked(|h| h.seal());
    }

    pub fn undo(&self) {
        if self.history.try_with_untracked(|h| h.can_undo()) == Some(true) {
            let back = grid::focused_selector().or_else(history_button);
            self.editing.set(None);
            self.history.update(|h| {
                h.undo();
            });
            super::announce("Undone");
            Self::refocus(back);
        }
    }

    pub fn redo(&self) {
        if self.history.try_with_untracked(|h| h.can_redo()) == Some(true) {
            let back = grid::focused_selector().or_else(history_button);
            self.editing.set(None);
            self.history.update(|h| {
                h.redo();
            });
            super::announce("Redone");
            Self::refocus(back);
        }
    }

    /// After an undo or redo: the focus goes back to the field or cell that
    /// had it, drawn anew (or from a toolbar button that is now disabled to
    /// the other one); where that is gone (an added step's name), to the
    /// page's heading.
    fn refocus(back: Option<String>) {
        grid::refocus_any_later(
            back.into_iter()
                .chain(["#map-heading".to_string()])
                .collect(),
        );
    }

    /// Reports a deletion with an "Undo" button.
    pub fn deleted(&self, what: String) {
        self.notice_with_undo(format!("Deleted {what}."));
    }

    /// Shows `text` about the change just made, with an "Undo" that undoes
    /// that change only: the notice goes as soon as another change, undo
    /// or redo follows (see [`Doc::prune_undo_notices`]), and a click that
    /// comes too late says so instead of undoing something else.
    pub fn notice_with_undo(&self, text: String) {
        let doc = *self;
        let Some(rev) = self.history.try_with_untracked(History::revision) else {
            return;
        };
        let id = self.ctx.notices.push_editor(
            Level::Info,
            text,
            Some(Action {
                label: "Undo".into(),
                run: Arc::new(move || {
                    if doc.history.try_with_untracked(History::revision) == Some(rev) {
                        doc.undo();
                    } else {
                        doc.ctx.notices.warn(
                            "Other changes came after that one: Undo in the toolbar (Ctrl+Z) \
                             steps back through them.",
                        );
                    }
                }),
            }),
        );
        self.undo_notices.update_value(|v| v.push((id, rev)));
    }

    /// Removes the notices whose "Undo" no longer fits the map as it is.
    pub fn prune_undo_notices(&self) {
        let Some(rev) = self.history.try_with_untracked(History::revision) else {
            return;
        };
        let notices = self.ctx.notices;
        self.undo_notices.try_update_value(|v| {
            v.retain(|&(id, r)| {
                if r != rev {
                    notices.dismiss(id);
                }
                r == rev
            })
        });
    }
}

/// Offers the map that storage last refused as a file; false when the
/// download failed (and says so).
fn download_refused(ctx: Ctx, unsaved: &std::sync::Mutex<Option<JourneyMap>>) -> bool {
    let map = unsaved.lock().ok().and_then(|u| u.clone());
    match map.map(|m| persist::download_map(&m)) {
        Some(Err(e)) => {
            ctx.notices.error(format!("The download failed: {e}"));
            false
        }
        _ => true,
    }
}

/// The editor for the map with `id`.
#[component]
pub fn EditorView(id: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let loaded = persist::with(|l| l.get(&id));
    match loaded {
        Ok(Some(map)) => view! { <Editor map=map /> }.into_any(),
        Ok(None) => view! {
            <main class="missing">
                <h1>"This map is not in this browser"</h1>
                <p>"It may have been deleted, or saved in another browser."</p>
                <button class="primary" on:click=move |_| ctx.go(Route::Library)>"Show my maps"</button>
            </main>
        }
        .into_any(),
        Err(e) => view! {
            <main class="missing">
                <h1>"This map could not be read"</h1>
                <p>{e}</p>
                <button class="primary" on:click=move |_| ctx.go(Route::Library)>"Show my maps"</button>
            </main>
        }
        .into_any(),
    }
}

/// When the toolbar's Undo or Redo has the focus: a selector for whichever
/// of the two is still enabled, where the focus goes once the pressed one
/// has nothing left to undo or redo.
fn history_button() -> Option<String> {
    let active = web_sys::window()?.document()?.active_element()?;
    matches!(active.id().as_str(), "undo-button" | "redo-button")
        .then(|| "#undo-button:enabled, #redo-button:enabled".to_string())
}

#[component]
fn Editor(map: JourneyMap) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let doc = Doc::new(map, ctx, false);
    provide_context(doc);

    // Save every change, right after the frame that shows it, so that
    // saving a large map never delays the repaint. Leaving the editor or
    // the page saves at once. Nothing is written on open. A save checks
    // that no other tab saved this map in between (see `save_checked`).
    let save_error = RwSignal::new(None::<StoreError>);
    // The map as last refused by storage: the "Not saved" notice offers it
    // as a file, also after the editor closed.
    let unsaved = StoredValue::new(Arc::<std::sync::Mutex<Option<JourneyMap>>>::default());
    let conflict = RwSignal::new(None::<Conflict>);
    let base = StoredValue::new(doc.map_untracked(|m| m.updated));
    let pending = StoredValue::new(false);
    // Set when the map was replaced by what another tab stored, which
    // needs no save of its own (and must not echo back to that tab).
    let external = StoredValue::new(false);
    let flush = move || {
        if pending.try_get_value() != Some(true) || conflict.with_untracked(|c| c.is_some()) {
            return;
        }
        pending.set_value(false);
        let Some(result) = doc.history.try_with_untracked(|h| {
            persist::with(|l| l.save_checked_later(h.current(), base.get_value(), persist::now()))
        }) else {
            return;
        };
        match result {
            Ok(stamp) => {
                base.set_value(stamp);
                // A version that this save made due is kept in a task of
                // its own (leaving settles it at once, see `settle_now`).
                if persist::with(|l| l.unsettled()) {
                    crate::idle::when_idle(|| {
                        let _ = persist::with(|l| l.settle());
                    });
                }
                if save_error.get_untracked().is_some() {
                    save_error.set(None);
                    ctx.notices.dismiss_prefix("Not saved");
                    ctx.notices.info("Saved again. Your changes are kept.");
                }
            }
            Err(SaveError::Changed(theirs)) => conflict.set(Some(Conflict::Changed(*theirs))),
            Err(SaveError::Deleted) => conflict.set(Some(Conflict::Deleted)),
            Err(SaveError::Store(e)) => {
                let current = doc.map_untracked(|m| m.clone());
                let unsaved = unsaved.get_value();
                if let Ok(mut u) = unsaved.lock() {
                    *u = Some(current);
                }
                if save_error.get_untracked().as_ref() != Some(&e) {
                    ctx.notices.push(
                        Level::Error,
                        format!(
                            "Not saved: {e}. Your latest changes are still open here: \
                             download the map as a file to keep them."
                        ),
                        Some(Action {
                            label: "Download the map".into(),
                            run: Arc::new(move || {
                                download_refused(ctx, &unsaved);
                            }),
                        }),
                    );
                }
                save_error.set(Some(e));
            }
        }
    };
    Effect::new(move |first: Option<()>| {
        doc.history.track();
        if first.is_none() {
            return;
        }
        if external.get_value() {
            external.set_value(false);
            return;
        }
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || set_timeout(flush, std::time::Duration::ZERO));
        // Hidden tabs get no animation frames: save soon regardless.
        set_timeout(flush, std::time::Duration::from_millis(120));
    });
    // A change, undo or redo retires the "Undo" of the change before it.
    Effect::new(move |_| {
        doc.history.track();
        doc.prune_undo_notices();
    });
    // Takes the stored version as one undoable step.
    let take = move |theirs: JourneyMap| {
        base.set_value(theirs.updated);
        let changed = doc.map_untracked(|m| {
            let mut mine = m.clone();
            mine.updated = theirs.updated;
            mine != theirs
        });
        if changed {
            external.set_value(true);
            doc.edit::<(), std::convert::Infallible>(None, |m| {
                *m = theirs;
                Ok(())
            });
        }
    };
    // After a conflict, the version the other tab stored becomes where this
    // tab's history starts: undoing past it would overwrite that save, which
    // *Take theirs* and *Keep both* chose to keep.
    let adopt = move |theirs: JourneyMap| {
        base.set_value(theirs.updated);
        external.set_value(true);
        doc.history.update(|h| h.reset(theirs));
    };
    // Another tab saved or deleted this map.
    let map_key = doc.map_untracked(|m| format!("{}{}", crate::storage::MAP_PREFIX, m.id));
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(map_key.as_str()) {
            return;
        }
        if pending.get_value() || conflict.with_untracked(|c| c.is_some()) {
            // Our own save will notice, and ask.
            return;
        }
        match ev.new_value() {
            None => conflict.set(Some(Conflict::Deleted)),
            Some(text) => match crate::format::json::from_str(&text) {
                Ok(theirs) if theirs.updated != base.get_value() => {
                    take(theirs);
                    ctx.notices
                        .info("Updated with changes saved in another tab.");
                }
                Ok(_) => {}
                Err(e) => {
                    ctx.notices.warn(format!(
                        "Another tab stored this map in a form that does not read ({e}); \
                         your copy here is kept and will be saved with your next change."
                    ));
                }
            },
        }
    });
    let resolve = move |choice: Choice| {
        let Some(c) = conflict.get_untracked() else {
            return;
        };
        conflict.set(None);
        match (choice, c) {
            (Choice::Mine, Conflict::Changed(theirs)) => {
                base.set_value(theirs.updated);
                pending.set_value(true);
                flush();
            }
            (Choice::Mine, Conflict::Deleted) => {
                base.set_value(0.0);
                pending.set_value(true);
                flush();
            }
            (Choice::Theirs, Conflict::Changed(theirs)) => {
                adopt(theirs);
                ctx.notices.info(
                    "Took the other tab's version. Undo starts from it: your earlier steps are gone.",
                );
            }
            (Choice::Theirs, Conflict::Deleted) => ctx.go(Route::Library),
            (Choice::Both, c) => {
                let mut copy = doc.map_untracked(|m| m.clone());
                copy.id = persist::new_map_id();
                copy.title = format!("{} (my copy)", copy.title);
                match persist::save(&copy) {
                    Ok(()) => {
                        ctx.notices.info(format!(
                            "Saved your version as \"{}\". This map now holds the other tab's version; Undo starts from it.",
                            copy.title
                        ));
                    }
                    Err(e) => {
                        conflict.set(Some(c));
                        ctx.notices
                            .error(format!("Could not save your version as a copy: {e}"));
                        return;
                    }
                }
                match c {
                    Conflict::Changed(theirs) => adopt(theirs),
                    Conflict::Deleted => ctx.go(Route::Editor(copy.id)),
                }
            }
        }
    };
    // Leaving saves, and keeps a version that is due, at once.
    let settle_now = move || {
        flush();
        let _ = persist::with(|l| l.settle());
    };
    // A reload, a closed tab, or a phone putting the page away: what is
    // being typed in a cell or name is saved too (taking the focus from it
    // commits it), and the focus comes back to it when the page does.
    let page_hide = window_event_listener(leptos::ev::pagehide, move |_| {
        super::settle_focus();
        settle_now();
    });
    let was_focused = StoredValue::new(None::<String>);
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            was_focused.set_value(grid::focused_selector());
            super::settle_focus();
            settle_now();
        } else if let Some(back) = was_focused.try_update_value(Option::take).flatten() {
            grid::refocus_later(back);
        }
    });

    // Ctrl+F opens the Find bar (see `FindState::listen`).
    let find = super::find::FindState::default();
    let show_find = find.open;
    let table_view = RwSignal::new(false);
    find.listen(move || table_view.get_untracked() || ctx.confirm.with_untracked(|c| c.is_some()));
    // Undo and redo from the keyboard (a field's own typing first).
    super::undo_keys::listen(doc, move || ctx.confirm.with_untracked(|c| c.is_some()));
    // Closing the tab with changes that storage refused (or with any
    // change, when nothing is kept) asks first.
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        super::settle_focus();
        settle_now();
        let refused = save_error.try_with_untracked(|e| e.is_some()) == Some(true);
        let edited = doc.history.try_with_untracked(|h| h.can_undo()) == Some(true);
        if refused || (!ctx.persistent && edited) {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    let map_id = doc.map_untracked(|m| m.id.clone());
    on_cleanup(move || {
        settle_now();
        super::note_left_map(map_id.clone());
        page_hide.remove();
        hidden.remove();
        other_tab.remove();
        unload.remove();
        ctx.notices.clear_editor();
    });

    // Memos, so that an edit that leaves them alone (a moved point) does
    // not write the title field, the state picker or the buttons again: a
    // `prop:` is set whenever its closure runs, and setting a <select>'s
    // value makes Chromium run a task that lays the page out again.
    let title = Memo::new(move |_| doc.map(|m| m.title.clone()));
    // The title as the page's heading and the browser's tab name it.
    let heading = Memo::new(move |_| {
        let t = grid::one_line(&title.get());
        crate::model::shown_title(t.trim()).to_string()
    });
    Effect::new(move |_| {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&format!("{} – Journeymap", heading.get()));
        }
    });
    on_cleanup(|| {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title("Journeymap");
        }
    });
    let can_undo = Memo::new(move |_| doc.history.with(|h| h.can_undo()));
    let can_redo = Memo::new(move |_| doc.history.with(|h| h.can_redo()));
    let show_personas = RwSignal::new(false);
    let show_history = RwSignal::new(false);
    let show_insights = RwSignal::new(false);
    let show_compare = RwSignal::new(false);
    let has_twin = Memo::new(move |_| doc.map(|m| m.twin.is_some()));
    let is_current = Memo::new(move |_| doc.map(|m| m.state == MapState::Current));

    // Adding goes back to the grid, where the new name field takes focus
    // (the Table view has no field to type it in).
    let add_stage = move |_| {
        table_view.set(false);
        doc.edit(None, |m| {
            let n = m.stages.len() + 1;
            m.add_stage(None, &format!("Stage {n}"))
        });
        grid::focus_last_header(doc, "stage");
    };
    let add_step = move |_| {
        let Some(stage) = doc.map_untracked(|m| m.stages.last().map(|s| s.id.clone())) else {
            ctx.notices
                .info("Add a stage first: steps belong to stages.");
            return;
        };
        table_view.set(false);
        doc.edit(None, |m| m.add_step(&stage, None, "New step"));
        grid::focus_last_header(doc, "step");
    };
    let add_lane = move |kind: LaneKind| {
        table_view.set(false);
        doc.edit(None, |m| m.add_lane(kind, None, kind.label()));
        grid::focus_last_header(doc, "lane");
    };
    // Leaving with changes that storage refused asks first, and offers
    // them as a file.
    let leave = move || {
        let Some(e) = save_error.get_untracked() else {
            return ctx.go(Route::Library);
        };
        let unsaved = unsaved.get_value();
        ctx.confirm.set(Some(super::notice::Confirm {
            title: "Leave without saving?".into(),
            text: format!(
                "This map's latest changes are not saved: {e}. Download the map as a file \
                 to keep them."
            ),
            ok: "Leave without saving".into(),
            // The "Not saved" message and its download go too: the user
            // chose to leave those changes, or has them as a file.
            on_ok: Arc::new(move || {
                ctx.notices.dismiss_prefix("Not saved");
                ctx.go(Route::Library);
            }),
            alt: Some((
                "Download, then leave".into(),
                Arc::new(move || {
                    if download_refused(ctx, &unsaved) {
                        ctx.notices.dismiss_prefix("Not saved");
                        ctx.go(Route::Library);
                    }
                }),
            )),
        }));
    };
    let delete_map = move |_| {
        let (id, title) = doc.map_untracked(|m| (m.id.clone(), m.title.clone()));
        library::ask_delete(ctx, id, title, move || ctx.go(Route::Library));
    };

    // Escape in an open panel, or on the toolbar button that opened it,
    // closes the panel and puts focus back on that button.
    let close_on_escape = move |ev: web_sys::KeyboardEvent| {
        use wasm_bindgen::JsCast;
        if ev.key() != "Escape" || ev.default_prevented() {
            return;
        }
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let panels = [
            (".personas-panel", "#personas-button", show_personas),
            (".history-panel", "#history-button", show_history),
            (".insights-panel", "#insights-button", show_insights),
            (".compare-panel", "#compare-button", show_compare),
            (".find-bar", "#find-button", show_find),
        ];
        for (panel, button, shown) in panels {
            let here = target.closest(panel).ok().flatten().is_some()
                || target.matches(button).unwrap_or(false);
            if here && shown.get_untracked() {
                ev.prevent_default();
                // A field being typed in keeps its text: leaving it saves.
                if let Some(field) = target.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = field.blur();
                }
                shown.set(false);
                grid::focus(button.to_string());
                return;
            }
        }
    };

    // A map opened from a button that went with the start screen (New map,
    // a map's title, Keep both) would leave the focus nowhere: it starts on
    // the page's heading, as after any page load (no on-screen keyboard
    // pops up, and Tab goes on to the toolbar).
    grid::refocus_first_later(&["#map-heading"]);

    view! {
        <div class="editor" on:keydown=close_on_escape>
            // The tools in groups that wrap whole, so a narrow window never
            // splits a pair such as Undo and Redo across two rows.
            <header class="toolbar">
                // The page's heading for screen readers (the title field is
                // an input), in the banner landmark with the tools.
                <h1 class="visually-hidden" id="map-heading" tabindex="-1">{heading}</h1>
                <p class="visually-hidden" id="announce" aria-live="polite"></p>
                <div class="tb-group tb-name">
                    <button class="icon back" aria-label="Back to maps" title="Back to maps" on:click=move |_| leave()>
                        "←"
                    </button>
                    <input
                        class="map-title-input"
                        aria-label="Map title"
                        maxlength=crate::format::validate::MAX_CHARS
                        placeholder=crate::model::UNTITLED
                        prop:value=move || grid::one_line(&title.get())
                        on:change=move |ev| {
                            let t = event_target_value(&ev);
                            doc.change(|m| m.set_title(&t));
                        }
                        on:keydown=move |ev| grid::name_keys(&ev, &grid::one_line(&title.get_untracked()))
                    />
                </div>
                <div class="tb-group">
                    <select
                        class="state-select"
                        aria-label="State"
                        prop:value=move || if is_current.get() { "current" } else { "future" }
                        on:change=move |ev| {
                            let s = if event_target_value(&ev) == "future" { MapState::Future } else { MapState::Current };
                            doc.change(|m| m.state = s);
                        }
                    >
                        <option value="current">"Current state"</option>
                        <option value="future">"Future state"</option>
                    </select>
                    <Show
                        when=move || has_twin.get()
                        fallback=move || view! {
                            <Show when=move || is_current.get()>
                                <button
                                    title="Copy this map as its future state, linked to it for comparing"
                                    on:click=move |_| super::compare::create_future_state(doc)
                                >
                                    "Create future state"
                                </button>
                            </Show>
                        }
                    >
                        <PanelButton id="compare-button" panel=".compare-panel" label="Compare" open=show_compare title="Current state against future state" />
                    </Show>
                </div>
                <div class="tb-group">
                    <button id="undo-button" on:click=move |_| doc.undo() prop:disabled=move || !can_undo.get() aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
                        <span aria-hidden="true">"↶ "</span>
                        <span class="tb-label">"Undo"</span>
                    </button>
                    <button id="redo-button" on:click=move |_| doc.redo() prop:disabled=move || !can_redo.get() aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
                        <span aria-hidden="true">"↷ "</span>
                        <span class="tb-label">"Redo"</span>
                    </button>
                </div>
                <div class="tb-group">
                    <button class="add-stage" on:click=add_stage><span aria-hidden="true">"+ "</span>"Add stage"</button>
                    <button class="add-step" on:click=add_step title="Add a step to the last stage"><span aria-hidden="true">"+ "</span>"Add step"</button>
                    <super::menu::Menu
                        label="Add lane"
                        icon="+ "
                        items=LaneKind::ALL
                            .into_iter()
                            .map(|k| super::menu::Item::new(k.label(), move || add_lane(k)))
                            .collect()
                    />
                </div>
                <div class="tb-group">
                    <PanelButton id="personas-button" panel=".personas-panel" label="Personas" open=show_personas />
                    <PanelButton id="history-button" panel=".history-panel" label="History" open=show_history />
                    <PanelButton id="insights-button" panel=".insights-panel" label="Insights" open=show_insights />
                    // From the Table view, back to the grid, where Find searches.
                    <button
                        id="find-button"
                        title="Find in map (Ctrl+F)"
                        aria-keyshortcuts="Control+F"
                        aria-expanded=move || show_find.get().to_string()
                        on:click=move |_| {
                            if show_find.get_untracked() {
                                show_find.set(false);
                            } else {
                                table_view.set(false);
                                find.back.set_value(None);
                                find.show();
                            }
                        }
                    >
                        "Find"
                    </button>
                    <button
                        aria-pressed=move || table_view.get().to_string()
                        title="The whole map as a plain table"
                        on:click=move |_| table_view.update(|v| *v = !*v)
                    >
                        "Table view"
                    </button>
                </div>
                <div class="tb-group tb-end">
                    <span class="save-state" aria-live="polite">
                        {move || {
                            if !ctx.persistent {
                                "Not kept: storage unavailable"
                            } else if conflict.with(|c| matches!(c, Some(Conflict::Deleted))) {
                                "Deleted in another tab"
                            } else if conflict.with(|c| c.is_some()) || save_error.with(|e| e.is_some()) {
                                "Not saved"
                            } else {
                                "Saved"
                            }
                        }}
                    </span>
                    <super::theme::ThemeToggle />
                    <super::export::ExportMenu />
                    <button class="danger-text" on:click=delete_map>"Delete map"</button>
                </div>
            </header>
            // The page's main landmark: everything below the toolbar.
            <main class="editor-main">
            <Show when=move || show_find.get() && !table_view.get()>
                {super::lazy::show("Find bar", move || super::lazy::find(find))}
            </Show>
            <Show when=move || conflict.with(|c| c.is_some())>
                <div class="conflict" role="alert">
                    <span>
                        {move || match conflict.get() {
                            Some(Conflict::Deleted) => "This map was deleted in another tab. Keep mine saves it again from here; Let it go leaves it in the Trash.",
                            _ => "This map was changed in another tab while you were editing it here. Your latest change is not saved yet.",
                        }}
                    </span>
                    <button class="primary small" on:click=move |_| resolve(Choice::Mine)>"Keep mine"</button>
                    <button class="small" on:click=move |_| resolve(Choice::Theirs)>
                        {move || if matches!(conflict.get(), Some(Conflict::Deleted)) { "Let it go" } else { "Take theirs" }}
                    </button>
                    <button class="small" on:click=move |_| resolve(Choice::Both)>"Keep both"</button>
                </div>
            </Show>
            // Open panels scroll together above the map, each at its own
            // height, rather than each shrinking to a sliver.
            <div class="panels">
            <Show when=move || show_personas.get()>
                {super::lazy::show("Personas panel", super::lazy::personas)}
            </Show>
            <Show when=move || show_history.get()>
                {
                    let flush = Callback::new(move |_| flush());
                    super::lazy::show("History panel", move || super::lazy::history(flush))
                }
            </Show>
            <Show when=move || show_compare.get() && has_twin.get()>
                {super::lazy::show("Compare panel", super::lazy::compare)}
            </Show>
            <Show when=move || show_insights.get()>
                {super::lazy::show("Insights panel", super::lazy::insights)}
            </Show>
            </div>
            <Show when=move || table_view.get() fallback=|| view! { <grid::Grid /> }>
                {super::lazy::show("Table view", super::lazy::table)}
            </Show>
            </main>
            <super::export::PrintView />
        </div>
    }
}

/// A toolbar button that opens and closes a panel (`panel` selects it).
#[component]
fn PanelButton(
    id: &'static str,
    panel: &'static str,
    label: &'static str,
    open: RwSignal<bool>,
    #[prop(optional)] title: Option<&'static str>,
) -> impl IntoView {
    let toggle = move |_| {
        open.update(|v| *v = !*v);
        if open.get_untracked() {
            reveal_panel(panel, 120);
        }
    };
    view! {
        <button id=id title=title aria-expanded=move || open.get().to_string() on:click=toggle>
            {label}
        </button>
    }
}

/// Scrolls the open panels so that the one just opened (`panel`) is in
/// view, once it is drawn (its code may still be loading): it may be below
/// others. Gives up after `frames` frames.
fn reveal_panel(panel: &'static str, frames: u32) {
    request_animation_frame(move || {
        let Some(d) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let found = d.query_selector(panel).ok().flatten();
        let all = d.query_selector(".panels").ok().flatten();
        match (found, all) {
            (Some(p), Some(all)) => {
                // What shows of the panels: their own box, within the
                // window (in a short window the page scrolls instead).
                let height = super::window_height();
                let box_ = all.get_bounding_client_rect();
                let (top, bottom) = (box_.top().max(0.0), box_.bottom().min(height));
                let at = p.get_bounding_client_rect().top();
                // Its top and a few lines in view, or it goes to the top.
                if at < top - 1.0 || at > bottom - 60.0 {
                    p.scroll_into_view_with_bool(true);
                }
            }
            _ if frames > 0 => reveal_panel(panel, frames - 1),
            _ => {}
        }
    });
}
