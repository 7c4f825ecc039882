//! The start screen: the maps saved in this browser.

use super::notice::{Action, Confirm, Level};
use super::{persist, Ctx, Route};
use crate::model::{shown_title, template, JourneyMap};
use crate::storage::Summary;
use leptos::prelude::*;
use std::sync::Arc;

/// Moves a stored map to the trash after asking, and offers to undo it.
pub fn ask_delete(ctx: Ctx, id: String, title: String, after: impl Fn() + Send + Sync + 'static) {
    let question = format!(
        "\"{}\" will move to the Trash, where it stays for 30 days.",
        shown_title(&title)
    );
    let on_ok = Arc::new(move || {
        let title = shown_title(&title);
        if let Err(e) = persist::with(|l| l.delete(&id, persist::now())) {
            ctx.notices
                .error(format!("Could not delete \"{title}\": {e}"));
            return;
        }
        after();
        ctx.route.notify();
        let id = id.clone();
        let gone = title.to_string();
        let restore = Arc::new(move || {
            let found = persist::with(|l| l.trash())
                .ok()
                .and_then(|t| t.into_iter().find(|t| t.id == id));
            match found {
                Some(t) => super::trash::restore(ctx, &t),
                // The Trash was emptied, or the map deleted for good, since.
                None => {
                    ctx.notices.error(format!(
                        "\"{gone}\" is no longer in the Trash, so it cannot be brought back."
                    ));
                }
            }
        });
        ctx.notices.push(
            Level::Info,
            format!("Moved \"{title}\" to the Trash."),
            Some(Action {
                label: "Undo".into(),
                run: restore,
            }),
        );
    });
    ctx.confirm.set(Some(Confirm {
        title: "Delete this map?".into(),
        text: question,
        ok: "Delete".into(),
        on_ok,
        alt: None,
    }));
}

/// Downloads every stored map, with its saved versions, as one backup file.
fn export_all(ctx: Ctx) {
    match persist::with(|l| l.backup()) {
        Ok((_, 0)) => {
            ctx.notices.info("There are no maps to back up yet.");
        }
        Ok((text, _)) => {
            if let Err(e) = persist::download("journeymap-backup.json", "application/json", &text) {
                ctx.notices.error(format!("The download failed: {e}"));
            }
        }
        Err(e) => {
            ctx.notices
                .error(format!("Could not read the saved maps: {e}"));
        }
    }
}

/// Saves a new map and opens it.
fn create(ctx: Ctx, map: JourneyMap) {
    match persist::save(&map) {
        Ok(()) => ctx.go(Route::Editor(map.id)),
        Err(e) => {
            ctx.notices.error(format!("Could not create the map: {e}"));
        }
    }
}

/// Why a template could not be loaded, for the notice.
#[derive(Debug)]
enum TemplateError {
    /// fetch() was refused: offline, or the server cannot be reached.
    Unreachable,
    /// The server answered with an error status.
    Status(u16, String),
    /// The body could not be read.
    Body,
    /// The file is not a valid map.
    Invalid(String),
}

/// Fetches the template file at `url` (relative to the page) and reads it
/// with the same validating reader as imports.
async fn fetch_template(url: &str) -> Result<JourneyMap, TemplateError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or(TemplateError::Unreachable)?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| TemplateError::Unreachable)?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| TemplateError::Unreachable)?;
    if !response.ok() {
        return Err(TemplateError::Status(
            response.status(),
            response.status_text(),
        ));
    }
    let text = match response.text() {
        Ok(p) => JsFuture::from(p).await.map_err(|_| TemplateError::Body)?,
        Err(_) => return Err(TemplateError::Body),
    };
    let text = text.as_string().ok_or(TemplateError::Body)?;
    crate::format::validate::read_map(&text, None)
        .map(|(map, _warnings)| map)
        .map_err(|problems| TemplateError::Invalid(crate::format::validate::join(&problems)))
}

/// Loads the template `key` and opens it as a new map with a fresh id; on
/// a failure, says which file and why, and changes nothing.
fn create_from_template(ctx: Ctx, key: String, busy: RwSignal<bool>) {
    if busy.get_untracked() {
        return;
    }
    let Some(title) = template::title(&key) else {
        return;
    };
    busy.set(true);
    let url = template::file(&key);
    leptos::task::spawn_local(async move {
        let result = fetch_template(&url).await;
        // None when the start screen has gone meanwhile.
        let still_here = busy.try_set(false).is_none();
        match result {
            Ok(mut map) => {
                map.id = persist::new_map_id();
                if still_here {
                    create(ctx, map);
                } else if let Err(e) = persist::save(&map) {
                    ctx.notices.error(format!("Could not create the map: {e}"));
                } else {
                    ctx.notices.info(format!(
                        "Made \"{}\"; it is in your maps.",
                        shown_title(&map.title)
                    ));
                }
            }
            Err(e) => {
                let why = match e {
                    TemplateError::Unreachable => {
                        "the server cannot be reached (are you offline?)".to_string()
                    }
                    TemplateError::Status(code, text) if text.is_empty() => {
                        format!("the server answered {code}")
                    }
                    TemplateError::Status(code, text) => {
                        format!("the server answered {code} {text}")
                    }
                    TemplateError::Body => "its text could not be read".to_string(),
                    TemplateError::Invalid(problems) => {
                        format!("it is not a valid map ({problems})")
                    }
                };
                ctx.notices.error(format!(
                    "Could not load the template \"{title}\" from {url}: {why}. Nothing was changed."
                ));
            }
        }
    });
}

/// The list of maps with create, open, rename, duplicate and delete.
#[component]
pub fn LibraryView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let maps = RwSignal::new(Vec::<Summary>::new());
    let refresh = move || {
        let loaded = persist::with(|l| l.load());
        match loaded {
            Ok(loaded) => {
                // One notice for them all.
                let lines: Vec<String> = loaded
                    .broken
                    .iter()
                    .map(|b| {
                        let kept = match &b.kept_at {
                            Some(k) => format!("its text is kept under the storage key \"{k}\""),
                            None if b.error.contains("newer Journeymap") => {
                                "it is left where it is, for that newer Journeymap to open".into()
                            }
                            None => "its text was left where it is".into(),
                        };
                        format!("{}: {}; {kept}.", b.key, b.error)
                    })
                    .collect();
                let fine = !loaded.maps.is_empty();
                match lines.as_slice() {
                    [] => {}
                    [one] => {
                        let others = if fine {
                            " The other maps are fine."
                        } else {
                            ""
                        };
                        ctx.notices
                            .warn(format!("A saved map could not be read ({one}){others}"));
                    }
                    _ => {
                        let others = if fine {
                            " (the other maps are fine)"
                        } else {
                            ""
                        };
                        ctx.notices.warn(format!(
                            "{} saved maps could not be read{others}:{}",
                            lines.len(),
                            super::notice::bulleted(&lines)
                        ));
                    }
                }
                maps.set(crate::storage::summaries(&loaded.maps));
            }
            Err(e) => {
                ctx.notices
                    .error(format!("Could not list the saved maps: {e}"));
            }
        }
    };
    // Reload when asked to (after an undone delete).
    Effect::new(move |_| {
        ctx.route.track();
        refresh();
    });
    // Another tab made, renamed, changed or deleted a map: the list follows
    // when the browser is next idle (one reload for a burst of saves), except
    // while a name is being typed here (the rename reloads it).
    let waiting = StoredValue::new(false);
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        let ours = ev
            .key()
            .is_none_or(|k| k.starts_with(crate::storage::MAP_PREFIX));
        if !ours || waiting.get_value() {
            return;
        }
        waiting.set_value(true);
        crate::idle::when_idle(move || {
            if waiting.try_set_value(false).is_some() {
                return; // The list is gone.
            }
            let typing = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .is_some_and(|a| a.closest(".map-item input.rename").ok().flatten().is_some());
            if !typing {
                refresh();
            }
        });
    });
    on_cleanup(move || other_tab.remove());
    // Back from a map: the focus goes to that map in the list; after
    // *Delete map*, to the first map, or to New map when none is left.
    if let Some(id) = super::take_left_map() {
        super::grid::refocus_any_later(vec![
            map_title(&id),
            ".map-list button.map-title".to_string(),
            ".create button.primary".to_string(),
        ]);
    }
    let usage = RwSignal::new(0usize);
    let full = RwSignal::new(false);
    Effect::new(move |_| {
        maps.track();
        let used = persist::with(|l| l.usage()).unwrap_or(0);
        usage.set(used);
        // Storage can be full of other things than maps (other pages of
        // this site): ask the browser, not the maps' size.
        full.set(ctx.persistent && persist::storage_full());
        if full.get_untracked() {
            ctx.notices.warn(FULL);
        } else if crate::storage::near_quota(used) {
            ctx.notices.warn(format!(
                "Local storage is {}% full. Export maps you no longer edit and delete them here, \
                 or new changes may not be saved.",
                used * 100 / crate::storage::TYPICAL_QUOTA
            ));
        }
    });
    let template_key = RwSignal::new(template::TEMPLATES[0].0.to_string());
    let loading_template = RwSignal::new(false);
    let now = persist::now();

    view! {
        <main class="library">
            <header class="library-head">
                <h1>
                    <span class="logo" aria-hidden="true">"◠◡"</span>
                    "Journeymap"
                </h1>
                <p class="tagline">"Customer journey maps, in your browser. Nothing leaves this device."</p>
                <super::theme::ThemeToggle />
            </header>
            <section class="create" aria-label="Create a map">
                <button
                    class="primary"
                    on:click=move |_| {
                        create(ctx, JourneyMap::blank(persist::new_map_id(), crate::model::UNTITLED))
                    }
                >
                    "New map"
                </button>
                <span class="or">"or start from"</span>
                <select
                    aria-label="Template"
                    on:change=move |ev| template_key.set(event_target_value(&ev))
                >
                    {template::TEMPLATES
                        .iter()
                        .map(|(k, t)| view! { <option value=*k>{*t}</option> })
                        .collect_view()}
                </select>
                <button
                    class:busy=move || loading_template.get()
                    aria-busy=move || loading_template.get().then_some("true")
                    on:click=move |_| {
                        create_from_template(ctx, template_key.get_untracked(), loading_template)
                    }
                >"New from template"</button>
                <span class="or">"or"</span>
                <super::import::ImportButton />
                <p class="hint-inline">"You can also drop a .journey.json or .mmd file, or an SVG or PNG exported by Journeymap, anywhere on this page, or paste its text with Ctrl+V."</p>
            </section>
            <section class="maps" aria-label="Your maps">
                <div class="maps-head">
                    <h2>"Your maps"</h2>
                    <span class="grow"></span>
                    <button class="small" title="Every map and its saved versions in one file" on:click=move |_| export_all(ctx)>"Download backup"</button>
                    <button class="small" title="Restore a backup: adds its maps, never deletes, asks when a map is already here" on:click=move |_| {
                        // The same picker reads single maps and backups.
                        if let Some(b) = web_sys::window()
                            .and_then(|w| w.document())
                            .and_then(|d| d.query_selector("input[type=file]").ok().flatten())
                            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                        {
                            b.click();
                        }
                    }>"Restore backup"</button>
                </div>
                <Show
                    when=move || maps.with(|m| !m.is_empty())
                    fallback=|| view! {
                        <p class="empty">"No maps yet. Create one above — it is saved in this browser as you work."</p>
                    }
                >
                    <ul class="map-list">
                        <For
                            each=move || maps.get()
                            key=|s| (s.id.clone(), s.title.clone(), s.updated as u64)
                            children=move |s| map_row(ctx, s, now, maps)
                        />
                    </ul>
                </Show>
                <p class="usage" class:near=move || full.get() || crate::storage::near_quota(usage.get())>
                    {move || {
                        let kb = usage.get().div_ceil(1024);
                        let pct = usage.get() * 100 / crate::storage::TYPICAL_QUOTA;
                        if full.get() {
                            format!("Maps use {kb} KB, and this browser's storage is full.")
                        } else if ctx.persistent {
                            format!("Maps use {kb} KB of this browser's storage (about {pct}% of the usual 5 MB).")
                        } else {
                            "Local storage is unavailable: maps are kept in memory only.".to_string()
                        }
                    }}
                </p>
                <super::trash::TrashSection />
                <super::set_aside::SetAsideSection maps=maps />
            </section>
        </main>
    }
}

/// What the start screen says when storage is full.
const FULL: &str = "This browser's storage is full: your maps are all here and can be \
    opened and downloaded, but new maps and changes may not be saved until space is freed. \
    Download a backup, then delete maps you no longer need or empty the Trash.";

/// The selector of the title (the Open button) of map `id` in the list, to
/// put focus on it.
pub(super) fn map_title(id: &str) -> String {
    format!(
        ".map-item[data-id={}] button.map-title",
        super::grid::css_string(id)
    )
}

fn map_row(ctx: Ctx, s: Summary, now: f64, maps: RwSignal<Vec<Summary>>) -> impl IntoView {
    let renaming = RwSignal::new(false);
    let id = s.id.clone();
    let title = s.title.clone();
    let shown = shown_title(&title).to_string();
    let open = {
        let id = id.clone();
        move |_| ctx.go(Route::Editor(id.clone()))
    };
    let rename_to = {
        let id = id.clone();
        move |new_title: String| {
            renaming.set(false);
            let r = persist::with(|l| l.get(&id));
            match r {
                Ok(Some(mut m)) if m.title != new_title => {
                    m.set_title(&new_title);
                    if let Err(e) = persist::save(&m) {
                        ctx.notices.error(format!("Could not rename: {e}"));
                    }
                    ctx.route.notify();
                }
                Ok(_) => {}
                Err(e) => {
                    ctx.notices.error(format!("Could not rename: {e}"));
                }
            }
        }
    };
    let duplicate = {
        let id = id.clone();
        move |_| {
            let r = persist::with(|l| l.get(&id));
            if let Ok(Some(m)) = r {
                let copy = m.duplicate(persist::new_map_id());
                match persist::save(&copy) {
                    Ok(()) => {
                        ctx.notices
                            .info(format!("Made \"{}\".", shown_title(&copy.title)));
                        ctx.route.notify();
                        // The list is drawn again: the focus goes to the copy.
                        super::grid::focus_later(map_title(&copy.id));
                    }
                    Err(e) => {
                        ctx.notices.error(format!("Could not duplicate: {e}"));
                    }
                }
            }
        }
    };
    let delete = {
        let id = id.clone();
        let title = title.clone();
        move |_| {
            let id2 = id.clone();
            ask_delete(ctx, id.clone(), title.clone(), move || {
                // Focus goes to the map that takes its place in the list (or
                // the one before it), or to New map when none is left.
                let next = maps.with_untracked(|m| {
                    let i = m.iter().position(|s| s.id == id2)?;
                    m.get(i + 1)
                        .or(i.checked_sub(1).and_then(|j| m.get(j)))
                        .map(|s| s.id.clone())
                });
                maps.update(|m| m.retain(|s| s.id != id2));
                super::grid::focus_later(match next {
                    Some(n) => map_title(&n),
                    None => ".create button.primary".to_string(),
                });
            })
        }
    };
    let steps = s.steps;
    // Focus moves into the title field and back to the title, as in the editor.
    let field = format!(
        ".map-item[data-id={}] input.rename",
        super::grid::css_string(&id)
    );
    let back = map_title(&id);
    let delete_label = format!("Delete {}", shown_title(&title));
    let edited = persist::ago(s.updated, now);
    view! {
        <li class="map-item" data-id=id.clone()>
            <Show
                when=move || renaming.get()
                fallback={
                    let shown = shown.clone();
                    let open = open.clone();
                    // Named by the title alone: "Open …" is the Open button's name.
                    move || view! {
                        <button class="map-title link" on:click=open.clone()>
                            {shown.clone()}
                        </button>
                    }
                }
            >
                {
                    let title = title.clone();
                    let rename_to = rename_to.clone();
                    let rename_to2 = rename_to.clone();
                    let back = back.clone();
                    view! {
                        <input
                            class="rename"
                            aria-label="New title"
                            prop:value=title.clone()
                            on:keydown=move |ev| {
                                match ev.key().as_str() {
                                    "Enter" => rename_to(event_target_value(&ev)),
                                    "Escape" => renaming.set(false),
                                    _ => return,
                                }
                                super::grid::focus_later(back.clone());
                            }
                            on:blur=move |ev| {
                                // Blur also comes as the list leaves the page.
                                if renaming.try_get_untracked() == Some(true) {
                                    rename_to2(event_target_value(&ev))
                                }
                            }
                        />
                    }
                }
            </Show>
            <span class="meta">
                {format!("{steps} step{}", if steps == 1 { "" } else { "s" })}
                " · edited "
                {edited}
            </span>
            <span class="actions">
                <button class="primary small" on:click=open aria-label=format!("Open {shown}")>"Open"</button>
                <button class="small" on:click=move |_| {
                    renaming.set(true);
                    super::grid::focus_later(field.clone());
                } aria-label=format!("Rename {shown}")>"Rename"</button>
                <button class="small" on:click=duplicate aria-label=format!("Duplicate {shown}")>"Duplicate"</button>
                <button class="small danger-text" on:click=delete aria-label=delete_label>"Delete"</button>
            </span>
        </li>
    }
}
