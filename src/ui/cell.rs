//! One cell of a non-emotion lane: its display, and its editor per kind.

use super::editor::Doc;
use super::grid::{refocus_later, Column};
use super::notice::Level;
use super::slots::{cell_of, Slots};
use crate::format::validate::MAX_CHARS;
use crate::model::{Cell, Channel, LaneKind, Metric, Touchpoint};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A selector for the cell of `lane` at `step`, whatever the ids hold.
pub fn cell_selector(lane: &str, step: &str) -> String {
    use super::grid::css_string;
    format!(
        "td.cell[data-lane={}][data-step={}]",
        css_string(lane),
        css_string(step)
    )
}

/// A cell: shows its content; Enter, F2 or a click edits it, Delete clears it.
#[component]
pub fn CellView(
    lane: String,
    slots: Slots<Option<Cell>>,
    col: Column,
    kind: LaneKind,
) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let Some(step) = col.step else {
        return view! { <td class="cell-empty-stage"></td> }.into_any();
    };
    let content = {
        let (lane2, step2) = (lane.clone(), step.clone());
        slots.get(&step, move || {
            doc.map_untracked(|m| cell_of(m.lane(&lane2), &step2))
        })
    };
    let key = (lane.clone(), step.clone());
    let editing = {
        // Keys are not removed on cleanup: a cell re-created under the same
        // key must keep its subscription.
        let key = Some(key.clone());
        Memo::new(move |_| doc.is_editing(&key))
    };
    let start = {
        let key = key.clone();
        move || {
            // A cell half under the lane titles scrolls fully into view, so
            // its editor is not opened out of sight.
            super::grid::reveal(doc, &key.1);
            doc.editing.set(Some(key.clone()))
        }
    };
    let start2 = start.clone();
    let (lane2, step2) = (lane.clone(), step.clone());
    let (lane3, step3) = (lane.clone(), step.clone());
    let (lane4, step4) = (lane.clone(), step.clone());
    view! {
        <td
            class="cell"
            class:editing=move || editing.get()
            tabindex=super::grid::tab_index(doc, &lane3, &step3)
            data-lane=lane3
            data-step=step3
            on:click=move |ev| {
                if !doc.readonly && !editing.get_untracked() && !inside_editor(&ev) {
                    start()
                }
            }
            on:keydown=move |ev| {
                if doc.readonly || editing.get_untracked() || inside_editor(&ev) {
                    return;
                }
                match ev.key().as_str() {
                    "Enter" | "F2" => {
                        ev.prevent_default();
                        start2();
                    }
                    "Delete" | "Backspace" => {
                        ev.prevent_default();
                        doc.edit_cell(None, &lane2, &step2, None);
                    }
                    _ => {}
                }
            }
            // Text pasted on a text or list cell goes into it, as in a
            // spreadsheet (one undoable change); a map file pasted goes on
            // to the page, which imports it.
            on:paste=move |ev| {
                if doc.readonly || editing.get_untracked() || inside_editor(&ev) {
                    return;
                }
                let text = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()).unwrap_or_default();
                if text.trim().is_empty() || crate::format::detect::looks_like_a_file(&text) {
                    return;
                }
                let Some(cell) = Cell::from_text(kind, &text) else {
                    return;
                };
                ev.prevent_default();
                ev.stop_propagation();
                let chars = text.chars().count();
                if chars > MAX_CHARS {
                    doc.ctx.notices.push_editor(
                        Level::Error,
                        format!("Not pasted: the text is {chars} characters long, and a cell holds up to {MAX_CHARS}."),
                        None,
                    );
                    return;
                }
                doc.edit_cell(None, &lane4, &step4, Some(cell));
            }
        >
            // The editor lies over the cell, which keeps what it shows
            // (hidden): the row keeps its height, and nothing below moves.
            <Display content=content kind=kind />
            <Show when=move || editing.get()>
                <CellEditor lane=lane.clone() step=step.clone() kind=kind initial=content.get_untracked() />
            </Show>
        </td>
    }
    .into_any()
}

fn inside_editor(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(".cell-editor").ok().flatten())
        .is_some()
}

/// What a cell shows when it is not being edited.
#[component]
fn Display(content: RwSignal<Option<Cell>>, kind: LaneKind) -> impl IntoView {
    move || {
        // A cell that may scroll gets its cue (style/main.css, `.long`).
        let long = content.with(|c| c.as_ref().is_some_and(Cell::may_scroll));
        let class = move |base: &str| {
            if long {
                format!("{base} long")
            } else {
                base.to_string()
            }
        };
        match content.get() {
        None => view! { <span class="placeholder" aria-hidden="true">"+"</span> }.into_any(),
        Some(Cell::Text(t)) if kind == LaneKind::Quotes => {
            view! { <blockquote class=class("quote")>{t}</blockquote> }.into_any()
        }
        Some(Cell::Text(t)) => view! { <p class=class("text")>{t}</p> }.into_any(),
        Some(Cell::List(items)) if kind == LaneKind::Owners => view! {
            <ul class=class("chips")>
                {items.into_iter().map(|i| view! { <li class="chip owner">{i}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Some(Cell::List(items)) => view! {
            <ul class=class(&format!("items {}", kind.key()))>
                {items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
        Some(Cell::Touchpoints(tps)) => view! {
            <ul class=class("touchpoints")>
                {tps
                    .into_iter()
                    .map(|t| view! {
                        <li class="touchpoint">
                            <span class="channel" title=t.channel.label()>
                                {super::icon::channel_icon(t.channel)}
                                {t.channel.label()}
                            </span>
                            {(!t.note.is_empty()).then(|| view! { <span class="note">{t.note.clone()}</span> })}
                        </li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
        Some(Cell::Metrics(ms)) => view! {
            <ul class=class("metrics")>
                {ms.into_iter().map(metric_view).collect_view()}
            </ul>
        }
        .into_any(),
        Some(Cell::Emotion(v)) => view! { <span>{crate::model::format_number(v)}</span> }.into_any(),
    }
    }
}

fn metric_view(m: Metric) -> impl IntoView {
    let value = m.value.map(|v| crate::model::with_unit(v, &m.unit));
    let target = m
        .target
        .map(|t| format!("target {}", crate::model::with_unit(t, &m.unit)));
    view! {
        <li class="metric">
            <span class="metric-name">{m.name.clone()}</span>
            <span class="metric-value">{value}</span>
            <span class="metric-target">{target}</span>
        </li>
    }
}

/// The editor shown inside a cell. Enter (Ctrl+Enter in lists) or leaving
/// the cell saves; Escape cancels.
#[component]
fn CellEditor(lane: String, step: String, kind: LaneKind, initial: Option<Cell>) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let label = doc.map_untracked(|m| {
        let lane = m
            .lanes
            .iter()
            .find(|l| l.id == lane)
            .map(|l| l.title.clone());
        let step = m.steps().find(|s| s.id == step).map(|s| s.name.clone());
        format!(
            "{} at {}",
            lane.unwrap_or_default(),
            step.unwrap_or_default()
        )
    });
    let (l1, s1) = (lane.clone(), step.clone());
    let back_to_cell = {
        let sel = cell_selector(&lane, &step);
        move || refocus_later(sel.clone())
    };
    let b1 = back_to_cell.clone();
    let commit = Callback::new(move |cell: Cell| {
        doc.editing.set(None);
        doc.edit_cell(None, &l1, &s1, Some(cell));
        b1();
    });
    let cancel = Callback::new(move |()| {
        doc.editing.set(None);
        back_to_cell();
    });
    let body = match kind {
        LaneKind::Text | LaneKind::Quotes => {
            let text = match initial {
                Some(Cell::Text(t)) => t,
                _ => String::new(),
            };
            view! { <TextEditor initial=text kind=kind label=label commit=commit cancel=cancel /> }
                .into_any()
        }
        LaneKind::PainPoints
        | LaneKind::Opportunities
        | LaneKind::Owners
        | LaneKind::Evidence
        | LaneKind::Frontstage
        | LaneKind::Backstage
        | LaneKind::Support => {
            let text = match initial {
                Some(Cell::List(items)) => items.join("\n"),
                _ => String::new(),
            };
            view! { <TextEditor initial=text kind=kind label=label commit=commit cancel=cancel /> }
                .into_any()
        }
        LaneKind::Touchpoints => {
            let items = match initial {
                Some(Cell::Touchpoints(t)) => t,
                _ => Vec::new(),
            };
            view! { <TouchpointEditor initial=items commit=commit cancel=cancel /> }.into_any()
        }
        LaneKind::Metrics => {
            let items = match initial {
                Some(Cell::Metrics(m)) => m,
                _ => Vec::new(),
            };
            view! { <MetricEditor initial=items commit=commit cancel=cancel /> }.into_any()
        }
        LaneKind::Emotion => ().into_any(),
    };
    view! { <div class="cell-editor">{body}</div> }
}

/// Saves when focus leaves the editor for somewhere outside it.
fn on_leave(ev: &web_sys::FocusEvent, save: impl FnOnce()) {
    let current = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    let next = ev
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    let inside = match (current, next) {
        (Some(c), Some(n)) => c.contains(Some(&n)),
        _ => false,
    };
    if !inside {
        save();
    }
}

#[component]
fn TextEditor(
    initial: String,
    /// A text lane's, or a list lane's (one item per line).
    kind: LaneKind,
    /// What is being edited, for screen readers: "Doing at Checks out".
    label: String,
    commit: Callback<Cell>,
    cancel: Callback<()>,
) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let list = matches!(kind.empty_cell(), Cell::List(_));
    let area = NodeRef::<leptos::html::Textarea>::new();
    let done = StoredValue::new(false);
    let finish = move |save: bool| {
        // Events can arrive after the editor is gone (blur on removal).
        if done.try_get_value() != Some(false) {
            return;
        }
        done.set_value(true);
        if !save {
            return cancel.run(());
        }
        let text = area.get_untracked().map(|a| a.value()).unwrap_or_default();
        match Cell::from_text(kind, &text) {
            Some(cell) => commit.run(cell),
            None => cancel.run(()),
        }
    };
    Effect::new(move |_| {
        if let Some(a) = area.get() {
            let _ = a.focus();
            let len = a.value().len() as u32;
            let _ = a.set_selection_range(len, len);
            reveal_editor_later(a.into());
        }
    });
    let rows = if list { 4 } else { 3 };
    // A phone's keyboard has no Shift+Enter or Ctrl+Enter: there, Enter
    // starts a new line and a Done button saves.
    let touch = touch_only();
    let hint = match (touch, list) {
        (true, true) => "One per line · Done to save",
        (true, false) => "Enter for a new line · Done to save",
        (false, true) => "One per line · Ctrl+Enter to save",
        (false, false) => "Enter to save · Shift+Enter for a new line",
    };
    view! {
        <textarea
            node_ref=area
            maxlength=MAX_CHARS
            rows=rows
            aria-label=label
            aria-describedby="cell-hint"
            prop:value=initial
            on:keydown=move |ev| {
                ev.stop_propagation();
                match ev.key().as_str() {
                    "Escape" => {
                        ev.prevent_default();
                        finish(false);
                    }
                    "Enter" if ev.ctrl_key() || ev.meta_key() || (!list && !touch && !ev.shift_key()) => {
                        ev.prevent_default();
                        finish(true);
                    }
                    _ => {}
                }
            }
            on:input=move |_| {
                // The browser cuts what goes past `maxlength` without a word.
                if area.get_untracked().is_some_and(|a| a.text_length() as usize >= MAX_CHARS) {
                    doc.ctx.notices.push_editor(
                        Level::Warn,
                        format!(
                            "A cell holds at most {} characters: the text past that was left out.",
                            crate::format::validate::thousands(MAX_CHARS)
                        ),
                        None,
                    );
                }
            }
            on:blur=move |_| finish(true)
        ></textarea>
        <p class="hint" id="cell-hint">{hint}</p>
        {touch.then(|| view! {
            <button class="small primary cell-done" on:click=move |_| finish(true)>"Done"</button>
        })}
    }
}

/// True on a touch screen with no mouse or trackpad (a phone, a tablet):
/// no hover, a coarse pointer and no fine one.
fn touch_only() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(hover: none) and (pointer: coarse) and (not (any-pointer: fine))")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The rows of a list-shaped cell being edited, each with a stable key.
struct Rows<T: Send + Sync + 'static> {
    list: RwSignal<Vec<(usize, T)>>,
    next: StoredValue<usize>,
}

impl<T: Send + Sync + 'static> Clone for Rows<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Rows<T> {}

impl<T: Clone + Default + Send + Sync + 'static> Rows<T> {
    /// Starts with `initial`, or one empty row to type into.
    fn new(initial: Vec<T>) -> Self {
        let start = if initial.is_empty() {
            vec![T::default()]
        } else {
            initial
        };
        let n = start.len();
        Rows {
            list: RwSignal::new(start.into_iter().enumerate().collect()),
            next: StoredValue::new(n),
        }
    }

    fn update(&self, key: usize, f: impl FnOnce(&mut T)) {
        self.list.update(|r| {
            if let Some((_, t)) = r.iter_mut().find(|(k, _)| *k == key) {
                f(t)
            }
        });
    }

    fn remove(&self, key: usize) {
        self.list.update(|r| r.retain(|(k, _)| *k != key));
    }

    fn add(&self) {
        let key = self.next.get_value();
        self.next.set_value(key + 1);
        self.list.update(|r| r.push((key, T::default())));
    }

    fn items(&self) -> Vec<T> {
        self.list
            .get_untracked()
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }
}

/// A form of rows (touchpoints, metrics) with "Add …" and "Done". Enter in
/// a field or Ctrl+Enter saves, Escape cancels, leaving the form saves.
fn rows_form<T, V>(
    rows: Rows<T>,
    add_label: &'static str,
    finish: impl Fn(bool) + Copy + Send + Sync + 'static,
    row: impl Fn(usize, T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Default + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let wrap = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(e) = wrap
            .get()
            .and_then(|w| w.query_selector("input, select").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = e.focus();
            reveal_editor_later(e.into());
        }
    });
    view! {
        <div
            class="structured"
            node_ref=wrap
            on:focusout=move |ev| on_leave(&ev, move || finish(true))
            on:keydown=move |ev| {
                ev.stop_propagation();
                let in_input = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .is_some();
                match ev.key().as_str() {
                    "Escape" => finish(false),
                    "Enter" if in_input || ev.ctrl_key() || ev.meta_key() => {
                        ev.prevent_default();
                        finish(true)
                    }
                    _ => {}
                }
            }
        >
            <For each=move || rows.list.get() key=|(k, _)| *k let:item>
                {row(item.0, item.1)}
            </For>
            <div class="row buttons">
                <button class="small" on:click=move |_| {
                    rows.add();
                    // The new row's first field takes the focus.
                    request_animation_frame(move || {
                        let field = wrap.get_untracked().and_then(|w| {
                            let all = w.query_selector_all(".row:not(.buttons)").ok()?;
                            all.item(all.length().checked_sub(1)?)?
                                .dyn_into::<web_sys::Element>()
                                .ok()?
                                .query_selector("input, select")
                                .ok()?
                        });
                        if let Some(e) = field.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                            let _ = e.focus();
                            reveal_editor(&e);
                        }
                    });
                }>{add_label}</button>
                <button class="small primary" on:click=move |_| finish(true)>"Done"</button>
            </div>
            // Shown while a number field holds what is not a number (CSS),
            // in words as well as the field's red edge.
            <p class="hint not-a-number">"Not a number: write numbers as 2.5 or 2,5. As it is, it will be left out."</p>
        </div>
    }
}

/// Scrolls the map so that all of the open cell editor that holds `inside`
/// shows (its *Add* and *Done* too, when it grew past the window's edge),
/// as far as it can without going under the headers that stay in view.
fn reveal_editor(inside: &web_sys::Element) {
    /// The sticky stage and step headers' height (style/main.css).
    const HEADERS: f64 = 104.0;
    let Some(editor) = inside.closest(".cell-editor").ok().flatten() else {
        return;
    };
    let Some(grid) = editor.closest(".grid-scroll").ok().flatten() else {
        return;
    };
    let window_bottom = super::window_height();
    let (e, g) = (
        editor.get_bounding_client_rect(),
        grid.get_bounding_client_rect(),
    );
    let past = e.bottom() + 8.0 - g.bottom().min(window_bottom);
    let room = e.top() - (g.top() + HEADERS);
    let by = past.min(room);
    if by > 0.0 {
        grid.set_scroll_top(grid.scroll_top() + by.ceil() as i32);
    }
}

/// [`reveal_editor`] once the editor is laid out.
fn reveal_editor_later(inside: web_sys::Element) {
    request_animation_frame(move || reveal_editor(&inside));
}

/// Removes row `k` of a form, first moving the focus to the row after it
/// (or before it, or the form's *Add* button): the focused ✕ going with its
/// row would otherwise count as leaving the form, which saves it, and
/// Escape could no longer cancel.
fn remove_row<T: Clone + Default + Send + Sync + 'static>(
    ev: &web_sys::MouseEvent,
    rows: Rows<T>,
    k: usize,
) {
    let row = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|b| b.closest(".row").ok().flatten());
    if let Some(row) = row {
        let field = |r: Option<web_sys::Element>| {
            r.filter(|r| !r.class_list().contains("buttons"))
                .and_then(|r| r.query_selector("input, select").ok().flatten())
        };
        let next = field(row.next_element_sibling())
            .or_else(|| field(row.previous_element_sibling()))
            .or_else(|| {
                row.parent_element()
                    .and_then(|f| f.query_selector(".buttons button").ok().flatten())
            });
        if let Some(e) = next.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = e.focus();
        }
    }
    rows.remove(k);
}

/// Calls `commit` or `cancel` once, however many events ask to.
fn finisher<T: Clone + Default + Send + Sync + 'static>(
    rows: Rows<T>,
    to_cell: fn(Vec<T>) -> Cell,
    commit: Callback<Cell>,
    cancel: Callback<()>,
) -> impl Fn(bool) + Copy + Send + Sync + 'static {
    let done = StoredValue::new(false);
    move |save: bool| {
        // Events can arrive after the editor is gone (blur on removal).
        if done.try_get_value() != Some(false) {
            return;
        }
        done.set_value(true);
        if save {
            commit.run(to_cell(rows.items()));
        } else {
            cancel.run(());
        }
    }
}

#[component]
fn TouchpointEditor(
    initial: Vec<Touchpoint>,
    commit: Callback<Cell>,
    cancel: Callback<()>,
) -> impl IntoView {
    let rows = Rows::new(initial);
    let finish = finisher(rows, Cell::Touchpoints, commit, cancel);
    rows_form(rows, "Add touchpoint", finish, move |k, t: Touchpoint| {
        // The picked channel's icon, as the grid draws it, beside its name.
        let channel = RwSignal::new(t.channel);
        view! {
            <div class="row tp-row">
                {move || super::icon::channel_icon(channel.get())}
                <select
                    aria-label="Channel"
                    on:change=move |ev| {
                        let c = Channel::from_key(&event_target_value(&ev)).unwrap_or_default();
                        channel.set(c);
                        rows.update(k, |t| t.channel = c);
                    }
                >
                    {Channel::ALL
                        .into_iter()
                        .map(|c| view! {
                            <option value=c.key() selected=c == t.channel>
                                {c.label()}
                            </option>
                        })
                        .collect_view()}
                </select>
                <input
                    aria-label="Note"
                    maxlength=MAX_CHARS
                    placeholder="Note"
                    prop:value=t.note.clone()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        rows.update(k, |t| t.note = v);
                    }
                />
                <button class="icon" aria-label="Remove touchpoint" on:click=move |ev| remove_row(&ev, rows, k)>"✕"</button>
            </div>
        }
    })
}

/// Reads a number field as it is typed, marking it invalid while its text
/// is not a number.
fn read_number(ev: &web_sys::Event) -> Option<f64> {
    let raw = event_target_value(ev);
    let v = crate::model::parse_number(&raw);
    if let Some(e) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let _ = if v.is_none() && !raw.trim().is_empty() {
            e.set_attribute("aria-invalid", "true")
        } else {
            e.remove_attribute("aria-invalid")
        };
    }
    v
}

/// The number fields of the open cell editor whose text is not a number,
/// as `Target "abc"`, if any.
fn not_numbers() -> Option<String> {
    let list = web_sys::window()?
        .document()?
        .query_selector_all(".cell-editor input[aria-invalid=\"true\"]")
        .ok()?;
    let found: Vec<String> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|e| {
            format!(
                "{} {}",
                e.get_attribute("aria-label").unwrap_or_default(),
                crate::format::validate::quote(&e.value())
            )
        })
        .collect();
    (!found.is_empty()).then(|| found.join(", "))
}

#[component]
fn MetricEditor(
    initial: Vec<Metric>,
    commit: Callback<Cell>,
    cancel: Callback<()>,
) -> impl IntoView {
    let rows = Rows::new(initial);
    let to_cell = |items: Vec<Metric>| {
        Cell::Metrics(
            items
                .into_iter()
                .filter(|m| !m.name.trim().is_empty())
                .collect(),
        )
    };
    let finish = finisher(rows, to_cell, commit, cancel);
    // What is not a number is left out, and said so (once).
    let doc = expect_context::<Doc>();
    let warned = StoredValue::new(false);
    let finish = move |save: bool| {
        // Events can arrive after the editor is gone (blur on removal).
        if save && warned.try_get_value() == Some(false) {
            if let Some(list) = not_numbers() {
                warned.set_value(true);
                // About this map only: it goes when the editor closes.
                doc.ctx.notices.push_editor(
                    Level::Warn,
                    format!("Not a number, so left out: {list}. Write numbers as 2.5 or 2,5."),
                    None,
                );
            }
        }
        finish(save)
    };
    rows_form(rows, "Add metric", finish, move |k, m: Metric| {
        let num = |v: Option<f64>| v.map(crate::model::format_number).unwrap_or_default();
        view! {
            <div class="row metric-row">
                <input class="m-name" maxlength=MAX_CHARS aria-label="Metric name" placeholder="Metric (e.g. NPS)" prop:value=m.name.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); rows.update(k, |m| m.name = v); } />
                // Captions stay visible once the fields are filled.
                <label class="m-field m-num"><span aria-hidden="true">"Value"</span>
                    <input aria-label="Value" inputmode="decimal" prop:value=num(m.value)
                        on:input=move |ev| { let v = read_number(&ev); rows.update(k, |m| m.value = v); } /></label>
                <label class="m-field m-num"><span aria-hidden="true">"Target"</span>
                    <input aria-label="Target" inputmode="decimal" prop:value=num(m.target)
                        on:input=move |ev| { let v = read_number(&ev); rows.update(k, |m| m.target = v); } /></label>
                <label class="m-field m-unit"><span aria-hidden="true">"Unit"</span>
                    <input maxlength=MAX_CHARS aria-label="Unit" prop:value=m.unit.clone()
                        on:input=move |ev| { let v = event_target_value(&ev); rows.update(k, |m| m.unit = v); } /></label>
                <button class="icon" aria-label="Remove metric" on:click=move |ev| remove_row(&ev, rows, k)>"✕"</button>
            </div>
        }
    })
}
