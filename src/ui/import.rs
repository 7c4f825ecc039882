//! Bringing maps in: the "Import" file picker, files dropped anywhere on
//! the page, and pasted text. An import never overwrites a map silently.

use super::notice::{Action, Confirm, Level};
use super::{persist, Ctx, Route};
use crate::format;
use crate::model::{shown_title, JourneyMap};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// What an import read: one map with notes for the user, or a backup's
/// maps with the saved versions it carries.
pub enum Read {
    Map {
        map: JourneyMap,
        notes: Vec<String>,
    },
    Bundle {
        maps: Vec<JourneyMap>,
        history: Versions,
    },
}

/// Reads `text` in any format Journeymap reads; `new_id` names a map that
/// comes without an id (a Mermaid diagram). Runs in the importer's chunk
/// (`super::lazy::read_import`).
pub fn read(text: &str, new_id: &str) -> Result<Read, String> {
    Ok(match format::read_any(text, new_id)? {
        format::Incoming::Map { map, notes } => Read::Map { map, notes },
        format::Incoming::Bundle(maps) => {
            // Saved versions ride along in backups; read apart, leniently.
            let history = format::validate::parse(text)
                .map(|doc| crate::storage::versions::from_backup(&doc))
                .unwrap_or_default();
            Read::Bundle { maps, history }
        }
    })
}

/// Reads `text` that came from `source` (a file name, or "pasted text")
/// and stores what it holds, asking first where an id is taken. A map
/// with no title (a Mermaid diagram without one) is named after its file.
/// The readers are loaded on the first import.
pub fn import_text(ctx: Ctx, source: String, from_file: bool, text: String) {
    leptos::task::spawn_local(async move {
        match super::lazy::read_import(text, persist::new_map_id()).await {
            Ok(Ok(Read::Map { mut map, notes })) => {
                // One notice for all the notes, kept until dismissed.
                match notes.as_slice() {
                    [] => {}
                    [n] => {
                        ctx.notices.warn(format!("{source}: {n}"));
                    }
                    _ => {
                        ctx.notices.warn(format!(
                            "{source}, {} notes:{}",
                            notes.len(),
                            super::notice::bulleted(&notes)
                        ));
                    }
                }
                if map.title.trim().is_empty() && from_file {
                    if let Some(title) = format::title_from_file_name(&source) {
                        map.title = title;
                    }
                }
                // The map arrives now: it leads the list of maps.
                map.updated = persist::now();
                store_one(ctx, map);
            }
            Ok(Ok(Read::Bundle { maps, history })) => store_bundle(ctx, &source, maps, history),
            Ok(Err(e)) => {
                ctx.notices.error(format!(
                    "Could not import {source}: {e}. Nothing was changed."
                ));
            }
            Err(super::lazy::Unavailable) => {
                ctx.notices.error(format!(
                    "Could not import {source}: the importer could not be loaded (the connection may be down). Nothing was changed."
                ));
            }
        }
    });
}

/// Saves `map`; a stored map it replaces is kept as a version first.
fn save_keeping(map: &JourneyMap) -> Result<(), crate::storage::StoreError> {
    persist::with(|l| {
        if l.contains(&map.id) {
            l.keep_version(&map.id, persist::now())?;
        }
        l.save(map)
    })
}

/// Saves `map` and opens it, saying "`verb` "title"." and then `then`,
/// with `undo` as the notice's button.
fn save_and_open(ctx: Ctx, map: JourneyMap, verb: &str, then: &str, undo: Option<Action>) {
    match save_keeping(&map) {
        Ok(()) => {
            let text = format!("{verb} \"{}\".{then}", shown_title(&map.title));
            ctx.notices.push(Level::Info, text, undo);
            ctx.go(Route::Editor(map.id));
        }
        Err(e) => {
            ctx.notices.error(format!(
                "Could not save \"{}\": {e}. Nothing was changed.",
                shown_title(&map.title)
            ));
        }
    }
}

/// Undoes a Replace: puts `before` back in place of `imported`, unless the
/// map was changed since (then History has both, and the user chooses).
fn put_back(ctx: Ctx, before: &JourneyMap, imported: &JourneyMap) {
    let title = shown_title(&before.title).to_string();
    let stored = persist::with(|l| l.get(&before.id)).ok().flatten();
    let untouched = stored.is_some_and(|mut s| {
        s.updated = imported.updated;
        s == *imported
    });
    if !untouched {
        ctx.notices.info(format!(
            "\"{title}\" was changed after the import, so it was left as it is. Its earlier versions are in History."
        ));
        return;
    }
    match save_keeping(before) {
        Ok(()) => {
            ctx.notices
                .info(format!("Put back \"{title}\" as it was before the import."));
            ctx.go(Route::Editor(before.id.clone()));
        }
        Err(e) => {
            ctx.notices.error(format!(
                "Could not put back \"{title}\": {e}. The imported map stays."
            ));
        }
    }
}

fn store_one(ctx: Ctx, map: JourneyMap) {
    if !persist::with(|l| l.contains(&map.id)) {
        return save_and_open(ctx, map, "Imported", "", None);
    }
    let before = persist::with(|l| l.get(&map.id)).ok().flatten();
    let existing = before
        .as_ref()
        .map(|m| shown_title(&m.title).to_string())
        .unwrap_or_default();
    let replace = {
        let map = map.clone();
        // The map as it was is kept as a version (`save_keeping`): say
        // where, and offer to put it back.
        Arc::new(move || {
            let imported = map.clone();
            let undo = before.clone().map(|before| Action {
                label: "Undo".into(),
                run: Arc::new(move || put_back(ctx, &before, &imported)),
            });
            save_and_open(
                ctx,
                map.clone(),
                "Replaced with",
                " The map as it was is in History, to restore.",
                undo,
            )
        })
    };
    let keep_both = Arc::new(move || {
        let mut copy = map.clone();
        copy.id = persist::new_map_id();
        copy.title = crate::model::marked_title(&map.title, "imported");
        // Its twin links to the map kept here, not to the copy.
        copy.twin = None;
        save_and_open(ctx, copy, "Imported", "", None);
    });
    ctx.confirm.set(Some(Confirm {
        title: "This map is already here".into(),
        text: format!(
            "The imported map has the same id as \"{existing}\" in this browser. \
             Replace that map with the imported one, or keep both?"
        ),
        ok: "Replace".into(),
        on_ok: replace,
        alt: Some(("Keep both".into(), keep_both)),
    }));
}

/// Saved versions by map id, as a backup carries them.
pub type Versions = Vec<(String, Vec<crate::storage::versions::Version>)>;

fn store_bundle(ctx: Ctx, source: &str, maps: Vec<JourneyMap>, history: Versions) {
    let (clashes, fresh): (Vec<_>, Vec<_>) = maps
        .into_iter()
        .partition(|m| persist::with(|l| l.contains(&m.id)));
    let history = Arc::new(history);
    // Each map with the id its versions have in the backup: a copy kept
    // beside a map already here gets a new id, and its versions go with it.
    let save_all = move |maps: &[(JourneyMap, String)]| -> Result<usize, String> {
        for (m, origin) in maps {
            save_keeping(m).map_err(|e| format!("\"{}\": {e}", shown_title(&m.title)))?;
            if let Some((_, list)) = history.iter().find(|(id, _)| id == origin) {
                if let Err(e) = persist::with(|l| l.merge_versions(&m.id, list.clone())) {
                    ctx.notices.warn(format!(
                        "The saved versions of \"{}\" were not restored: {e}",
                        shown_title(&m.title)
                    ));
                }
            }
        }
        Ok(maps.len())
    };
    let report = move |r: Result<usize, String>| match r {
        Ok(n) => {
            ctx.notices.info(format!(
                "Restored {n} map{}.",
                if n == 1 { "" } else { "s" }
            ));
            ctx.go(Route::Library);
            ctx.route.notify();
            // The list is drawn again: the focus goes to its first map.
            super::grid::refocus_first_later(&["button.map-title", "main button"]);
        }
        Err(e) => {
            ctx.notices
                .error(format!("Could not restore every map: {e}."));
        }
    };
    let own_ids = |maps: Vec<JourneyMap>| -> Vec<(JourneyMap, String)> {
        maps.into_iter()
            .map(|m| {
                let id = m.id.clone();
                (m, id)
            })
            .collect()
    };
    let (fresh, clashes) = (own_ids(fresh), own_ids(clashes));
    if clashes.is_empty() {
        return report(save_all(&fresh));
    }
    let n = clashes.len();
    let fresh2 = fresh.clone();
    let clashes2 = clashes.clone();
    let save_all2 = save_all.clone();
    let replace = Arc::new(move || {
        let all: Vec<_> = fresh.iter().chain(clashes.iter()).cloned().collect();
        report(save_all(&all));
    });
    let keep_both = Arc::new(move || {
        let mut all = fresh2.clone();
        let renamed: std::collections::HashMap<String, String> = clashes2
            .iter()
            .map(|(m, _)| (m.id.clone(), persist::new_map_id()))
            .collect();
        for (m, origin) in &clashes2 {
            let mut copy = m.clone();
            copy.id = renamed[&m.id].clone();
            copy.title = crate::model::marked_title(&m.title, "imported");
            // Twins copied together stay linked; a link to a map kept
            // here goes, as that map links back to the original.
            copy.twin = m.twin.as_ref().and_then(|t| renamed.get(t).cloned());
            all.push((copy, origin.clone()));
        }
        report(save_all2(&all));
    });
    ctx.confirm.set(Some(Confirm {
        title: format!(
            "{n} map{} already here",
            if n == 1 { " is" } else { "s are" }
        ),
        text: format!(
            "{source} has {n} map{} with the same id as maps in this browser. \
             Replace them, or keep both versions? Maps not in this browser are added either way.",
            if n == 1 { "" } else { "s" }
        ),
        ok: "Replace".into(),
        on_ok: replace,
        alt: Some(("Keep both".into(), keep_both)),
    }));
}

/// Reads a file the user picked or dropped, then imports it.
pub fn import_file(ctx: Ctx, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_FILE_BYTES {
        ctx.notices.error(format!(
            "Could not import {name}: it is {:.1} MB, and the limit is 10 MB. Nothing was changed.",
            file.size() / 1024.0 / 1024.0
        ));
        return;
    }
    leptos::task::spawn_local(async move {
        // Read as bytes: a PNG carries the map in a chunk, not as text.
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        let Ok(buffer) = buffer else {
            ctx.notices.error(format!(
                "Could not read {name}: the browser refused to open it."
            ));
            return;
        };
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        match format::file_text(&bytes) {
            Ok(text) => import_text(ctx, name, true, text),
            Err(e) => {
                ctx.notices.error(format!(
                    "Could not import {name}: {e}. Nothing was changed."
                ));
            }
        }
    });
}

/// The "Import" button with its hidden file picker.
#[component]
pub fn ImportButton() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let input = NodeRef::<leptos::html::Input>::new();
    view! {
        <input
            type="file"
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            accept=".json,.journey.json,.mmd,.txt,.svg,.png,application/json,text/plain,image/svg+xml,image/png"
            node_ref=input
            on:change=move |ev| {
                let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                if let Some(file) = el.files().and_then(|f| f.get(0)) {
                    import_file(ctx, file);
                }
                el.set_value("");
            }
        />
        <button
            title="Open a .journey.json file, a backup, a Mermaid journey, or an SVG or PNG exported by Journeymap"
            on:click=move |_| {
                if let Some(i) = input.get_untracked() {
                    i.click();
                }
            }
        >
            "Import"
        </button>
    }
}

/// Accepts files dropped anywhere on the page, and pasted map text when
/// no field has focus.
pub fn listen_for_drops_and_pastes(ctx: Ctx, dragging: RwSignal<bool>) {
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        let has_files = ev
            .data_transfer()
            .map(|d| d.types().includes(&"Files".into(), 0))
            .unwrap_or(false);
        if has_files {
            ev.prevent_default();
            if !dragging.get_untracked() {
                dragging.set(true);
            }
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window, not moving between elements.
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        dragging.set(false);
        let Some(files) = ev.data_transfer().and_then(|d| d.files()) else {
            return;
        };
        if files.length() == 0 {
            return;
        }
        ev.prevent_default();
        if let Some(file) = files.get(0) {
            if files.length() > 1 {
                let left: Vec<String> = (1..files.length())
                    .filter_map(|i| files.get(i))
                    .map(|f| format!("\"{}\"", f.name()))
                    .collect();
                ctx.notices.warn(format!(
                    "One file at a time: importing \"{}\" only. Drop {} again to import {} too.",
                    file.name(),
                    left.join(", "),
                    if left.len() == 1 { "it" } else { "them" }
                ));
            }
            import_file(ctx, file);
        }
    });
    let paste = window_event_listener(leptos::ev::paste, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|e| {
                let tag = e.tag_name();
                tag == "INPUT" || tag == "TEXTAREA" || tag == "SELECT"
            })
            .unwrap_or(false);
        if in_field || ctx.confirm.with_untracked(|c| c.is_some()) {
            return;
        }
        let text = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        ev.prevent_default();
        if text.trim().is_empty() {
            ctx.notices
                .error("Nothing to import: the clipboard holds no text. Copy a .journey.json or a Mermaid journey first.");
            return;
        }
        import_text(ctx, "pasted text".into(), false, text);
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
        paste.remove();
    });
}
