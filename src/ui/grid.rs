//! The map grid: stages as column groups, steps as columns, lanes as rows.
//! Rows and columns are keyed by id, and each cell reads its own memo, so
//! one edit repaints one cell.

use super::cell::CellView;
use super::curve::{CurveRow, ScaleLabels};
use super::editor::Doc;
use super::slots::{cell_of, Slots};
use super::viewport::{self, Viewport};
use crate::format::validate::MAX_CHARS;
use crate::model::ops::OpError;
use crate::model::{JourneyMap, LaneKind};
use leptos::prelude::*;
use std::collections::HashMap;
use std::ops::Range;
use wasm_bindgen::JsCast;

pub use super::viewport::COL_WIDTH;

/// One column of the grid: a step, or the placeholder of an empty stage.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub stage: String,
    pub step: Option<String>,
}

impl Column {
    fn key(&self) -> String {
        match &self.step {
            Some(s) => format!("t:{s}"),
            None => format!("e:{}", self.stage),
        }
    }
}

/// What headers need to know about one step.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StepInfo {
    pub name: String,
    pub stage: String,
    pub first: bool,
    pub last: bool,
}

/// The stage and step layout of a map, indexed by step id. It changes only
/// when stages or steps do, so cell edits leave headers alone.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Structure {
    pub steps: HashMap<String, StepInfo>,
    /// Stage ids and names, in order.
    pub stages: Vec<(String, String)>,
}

impl Structure {
    pub fn of(map: &JourneyMap) -> Self {
        let total = map.step_count();
        let mut steps = HashMap::with_capacity(total);
        let mut n = 0;
        for stage in &map.stages {
            for step in &stage.steps {
                steps.insert(
                    step.id.clone(),
                    StepInfo {
                        name: step.name.clone(),
                        stage: stage.id.clone(),
                        first: n == 0,
                        last: n + 1 == total,
                    },
                );
                n += 1;
            }
        }
        Structure {
            steps,
            stages: map
                .stages
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect(),
        }
    }

    /// True when `map` has exactly this layout, checked without building
    /// one: most edits change cells, not stages or steps.
    pub fn matches(&self, map: &JourneyMap) -> bool {
        let total = map.step_count();
        if total != self.steps.len()
            || map.stages.len() != self.stages.len()
            || map
                .stages
                .iter()
                .zip(&self.stages)
                .any(|(s, (id, name))| s.id != *id || s.name != *name)
        {
            return false;
        }
        let mut n = 0;
        map.stages.iter().all(|stage| {
            stage.steps.iter().all(|step| {
                let same = self.steps.get(&step.id).is_some_and(|i| {
                    i.name == step.name
                        && i.stage == stage.id
                        && i.first == (n == 0)
                        && i.last == (n + 1 == total)
                });
                n += 1;
                same
            })
        })
    }

    /// The name of a step, or "" if it is gone.
    pub fn step_name(&self, id: &str) -> String {
        self.steps
            .get(id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }
}

/// True when `cols` are the columns of `map`, checked without allocating.
pub fn same_columns(map: &JourneyMap, cols: &[Column]) -> bool {
    let mut i = 0;
    for stage in &map.stages {
        let ok = if stage.steps.is_empty() {
            let ok = cols
                .get(i)
                .is_some_and(|c| c.step.is_none() && c.stage == stage.id);
            i += 1;
            ok
        } else {
            stage.steps.iter().all(|t| {
                let ok = cols.get(i).is_some_and(|c| {
                    c.stage == stage.id && c.step.as_deref() == Some(t.id.as_str())
                });
                i += 1;
                ok
            })
        };
        if !ok {
            return false;
        }
    }
    i == cols.len()
}

/// The columns of a map in display order.
pub fn columns(map: &JourneyMap) -> Vec<Column> {
    map.stages
        .iter()
        .flat_map(|stage| {
            let steps: Vec<Column> = stage
                .steps
                .iter()
                .map(|t| Column {
                    stage: stage.id.clone(),
                    step: Some(t.id.clone()),
                })
                .collect();
            if steps.is_empty() {
                vec![Column {
                    stage: stage.id.clone(),
                    step: None,
                }]
            } else {
                steps
            }
        })
        .collect()
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Focuses the element matching `selector` (an HTML or SVG element),
/// selecting an input's text. False if there is none.
fn focus_now(selector: &str) -> bool {
    let Some(e) = document().and_then(|d| d.query_selector(selector).ok().flatten()) else {
        return false;
    };
    if let Some(input) = e.dyn_ref::<web_sys::HtmlInputElement>() {
        let _ = input.focus();
        input.select();
    } else if let Some(h) = e.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    } else if let Some(svg) = e.dyn_ref::<web_sys::SvgElement>() {
        let _ = svg.focus();
    }
    true
}

/// A header's accessible name: its name on one line, or "Untitled".
fn header_label(name: &str) -> String {
    let name = one_line(name);
    if name.trim().is_empty() {
        "Untitled".into()
    } else {
        name
    }
}

/// Focuses the element matching `selector` after the next render.
pub fn focus_later(selector: String) {
    request_animation_frame(move || {
        focus_now(&selector);
    });
}

/// Like [`focus_later`], but only when nothing else took the focus by
/// then: a cell saved because the user clicked another control leaves the
/// focus on that control.
pub fn refocus_later(selector: String) {
    request_animation_frame(move || {
        if focus_lost() {
            focus_now(&selector);
        }
    });
}

/// True when nothing has the focus: the page itself, or an element that
/// has left it.
fn focus_lost() -> bool {
    document().is_none_or(|d| {
        d.active_element()
            .is_none_or(|a| d.body().is_some_and(|b| *b == a) || !a.is_connected())
    })
}

/// Like [`refocus_later`], with the first of `selectors` that matches:
/// where the focus goes after an action that removed what had it.
pub fn refocus_first_later(selectors: &'static [&'static str]) {
    refocus_any_later(selectors.iter().map(|s| s.to_string()).collect());
}

/// [`refocus_first_later`] with selectors made at run time.
pub fn refocus_any_later(selectors: Vec<String>) {
    request_animation_frame(move || {
        if focus_lost() {
            selectors.iter().any(|s| focus_now(s));
        }
    });
}

/// A selector for the focused name field or cell, which finds it again
/// once a change (an undo) has drawn it anew.
pub fn focused_selector() -> Option<String> {
    let a = document()?.active_element()?;
    if let Some(part) = [Part::Stage, Part::Step, Part::Lane]
        .into_iter()
        .find(|p| a.class_list().contains(&format!("{}-name", p.noun())))
    {
        return Some(name_field(part, &a.get_attribute("data-id")?));
    }
    let cell = a.closest("td.cell").ok()??;
    Some(super::cell::cell_selector(
        &cell.get_attribute("data-lane")?,
        &cell.get_attribute("data-step")?,
    ))
}

/// Scrolls the grid so that the column of step `step` is in view, and so
/// drawn by the next render.
pub fn reveal(doc: Doc, step: &str) {
    let Some(index) = doc.map_untracked(|m| {
        columns(m)
            .iter()
            .position(|c| c.step.as_deref() == Some(step))
    }) else {
        return;
    };
    reveal_column(doc, index, viewport::reveal);
}

/// Scrolls the grid so that column `index` is in view, to the scroll offset
/// that `how` gives (`viewport::reveal` or `reveal_centred`).
pub(super) fn reveal_column(doc: Doc, index: usize, how: fn(Viewport, usize) -> Option<f64>) {
    let Some(el) = document().and_then(|d| d.query_selector(".grid-scroll").ok().flatten()) else {
        return;
    };
    let view = Viewport {
        left: el.scroll_left() as f64,
        width: el.client_width() as f64,
        opening: false,
    };
    if let Some(left) = how(view, index) {
        el.set_scroll_left(left.round() as i32);
        doc.viewport.set(Viewport {
            left: el.scroll_left() as f64,
            ..view
        });
    }
}

/// Brings step `step` into view, then focuses `selector` in it: at once if
/// it is drawn (so that quick key presses each move on), else after the
/// next render.
pub fn focus_step(doc: Doc, step: &str, selector: String) {
    reveal(doc, step);
    focus(selector);
}

/// Focuses `selector` at once if it is in the page (so that quick key
/// presses and tests see it), else after the next render.
pub fn focus(selector: String) {
    if !focus_now(&selector) {
        focus_later(selector);
    }
}

/// Focuses the name field of the last stage, step or lane (after adding one).
pub fn focus_last_header(doc: Doc, what: &str) {
    if what != "lane" {
        let count = doc.map_untracked(|m| columns(m).len());
        if count > 0 {
            reveal_column(doc, count - 1, viewport::reveal);
        }
    }
    let what = what.to_string();
    request_animation_frame(move || {
        let Some(list) =
            document().and_then(|d| d.query_selector_all(&format!("input.{what}-name")).ok())
        else {
            return;
        };
        if list.length() == 0 {
            return;
        }
        if let Some(e) = list
            .item(list.length() - 1)
            .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            let _ = e.focus();
            e.select();
            e.scroll_into_view_with_bool(false);
        }
    });
}

/// Enter in a name field saves the name (the blur fires `change`) and
/// keeps the focus in the field, so the keyboard stays here. Escape puts
/// back `saved`, the name as it is in the map, and stays too.
pub(super) fn name_keys(ev: &web_sys::KeyboardEvent, saved: &str) {
    let Some(i) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    match ev.key().as_str() {
        "Enter" => {
            let _ = i.blur();
            let _ = i.focus();
        }
        // Only what was typed is undone: with nothing typed, Escape is
        // left to the page (it closes an open panel).
        "Escape" if i.value() != saved => {
            ev.stop_propagation();
            i.set_value(saved);
        }
        _ => {}
    }
}

/// Groups drawn columns by stage: (stage id, number of its columns drawn).
fn stage_spans<'a>(cols: impl IntoIterator<Item = &'a Column>) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for c in cols {
        match out.last_mut() {
            Some((stage, n)) if *stage == c.stage => *n += 1,
            _ => out.push((c.stage.clone(), 1)),
        }
    }
    out
}

/// Every emotion lane's values by column, computed once per edit for all
/// the curve rows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Curves {
    pub scale: crate::model::Scale,
    /// (lane id, colour, one value per column) of each emotion lane.
    pub series: Vec<(String, String, Vec<Option<f64>>)>,
}

impl Curves {
    pub fn of(map: &JourneyMap, cols: &[Column]) -> Self {
        Curves {
            scale: map.scale.clone(),
            series: map
                .lanes
                .iter()
                .filter(|l| l.kind == LaneKind::Emotion)
                .map(|l| {
                    let values = cols
                        .iter()
                        .map(|c| {
                            c.step.as_ref().and_then(|s| match l.cells.get(s) {
                                Some(crate::model::Cell::Emotion(v)) if v.is_finite() => Some(*v),
                                _ => None,
                            })
                        })
                        .collect();
                    (l.id.clone(), map.lane_color(l), values)
                })
                .collect(),
        }
    }
}

/// What the rows share about the columns: all of them, and those drawn.
#[derive(Clone, Copy)]
pub struct Columns {
    /// Every column of the map.
    pub all: Memo<Vec<Column>>,
    /// The indices of the columns drawn (see [`viewport::window`]).
    pub range: Memo<Range<usize>>,
    /// The columns drawn, with their index in `all`.
    pub shown: Memo<Vec<(usize, Column)>>,
}

/// The whole grid. Only the step columns in view (and a margin) are in the
/// page; empty spacer columns stand for the rest, so the scroll area keeps
/// the width of the whole map.
#[component]
pub fn Grid() -> impl IntoView {
    let doc = expect_context::<Doc>();
    // A map opens with its first cell as the tab stop.
    TAB_STOP.with(|t| *t.borrow_mut() = None);
    // Columns (`Doc::columns`) and structure are rebuilt only when stages
    // or steps change; a cell edit checks them in place.
    let cols = doc.columns;
    let structure = Memo::new_owning(move |old: Option<Structure>| {
        doc.map(|m| match old {
            Some(old) if old.matches(m) => (old, false),
            _ => (Structure::of(m), true),
        })
    });
    provide_context(structure);
    let curves = Memo::new(move |_| cols.with(|c| doc.map(|m| Curves::of(m, c))));
    provide_context(curves);
    let scale = Memo::new(move |_| doc.map(|m| m.scale.clone()));
    provide_context(scale);
    let lane_ids =
        Memo::new(move |_| doc.map(|m| m.lanes.iter().map(|l| l.id.clone()).collect::<Vec<_>>()));
    let has_stages = Memo::new(move |_| doc.map(|m| !m.stages.is_empty()));
    // True until the columns beyond the view are drawn (`Viewport::opening`).
    let opening = Memo::new(move |_| doc.viewport.with(|v| v.opening));
    provide_context(Opening(opening));
    let range = Memo::new(move |_| {
        let view = doc.viewport.get();
        cols.with(|c| viewport::window(view, c.len()))
    });
    let shown = Memo::new(move |_| {
        let r = range.get();
        cols.with(|c| {
            c.get(r.clone())
                .unwrap_or_default()
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, c)| (r.start + i, c))
                .collect::<Vec<_>>()
        })
    });
    let spans = Memo::new(move |_| shown.with(|s| stage_spans(s.iter().map(|(_, c)| c))));
    let columns_ctx = Columns {
        all: cols,
        range,
        shown,
    };
    provide_context(columns_ctx);
    // The lane titles' width is the stylesheet's (narrower on phones).
    let width = move || {
        format!(
            "calc(var(--lane-col) + {}px)",
            COL_WIDTH * cols.with(|c| c.len()) as f64
        )
    };
    let before = move || format!("{}px", COL_WIDTH * range.with(|r| r.start) as f64);
    let after = move || {
        let n = cols.with(|c| c.len());
        format!(
            "{}px",
            COL_WIDTH * (n - range.with(|r| r.end.min(n))) as f64
        )
    };

    // Follow the scroll area: what is in view decides the columns drawn.
    let scroller = NodeRef::<leptos::html::Div>::new();
    let measure = move || {
        let Some(el) = scroller.get_untracked() else {
            return;
        };
        let view = Viewport {
            left: el.scroll_left() as f64,
            width: el.client_width() as f64,
            opening: false,
        };
        if doc.viewport.get_untracked() == view {
            return;
        }
        // A cell being edited whose column leaves the page saves first,
        // as it does when focus leaves it.
        if let Some((_, step)) = doc.editing.get_untracked() {
            let gone = cols.with_untracked(|c| {
                let r = viewport::window(view, c.len());
                c.iter()
                    .position(|c| c.step.as_deref() == Some(step.as_str()))
                    .is_some_and(|i| !r.contains(&i))
            });
            if gone {
                if let Some(e) = document()
                    .and_then(|d| d.active_element())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = e.blur();
                }
            }
        }
        doc.viewport.set(view);
    };
    // No measuring on open: reading the scroll area's size would force a
    // layout of the page being built, and the view starts at the left edge
    // with the window's width, which is what `Doc` assumes.
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // The map opens with the columns in view only (`Viewport::opening`);
    // the margin either side is drawn once that first frame is on screen.
    request_animation_frame(move || {
        crate::idle::when_idle(move || {
            doc.viewport.try_update(|v| v.opening = false);
        })
    });

    view! {
        <div class="grid-scroll" class:readonly=doc.readonly tabindex="-1" node_ref=scroller on:scroll=move |_| measure()>
            <Show
                when=move || has_stages.get()
                fallback=move || view! {
                    <div class="empty-grid">
                        <p>"This map has no stages yet."</p>
                        <button class="primary" on:click=move |_| {
                            doc.edit(None, |m| m.add_stage(None, "Awareness"));
                        }>"Add the first stage"</button>
                    </div>
                }
            >
                // Busy while the columns beyond the view are still to come.
                // A grid to assistive technology: its cells take the arrow
                // keys, Enter and Delete, as a spreadsheet's do.
                <table
                    class="grid"
                    role="grid"
                    aria-readonly=doc.readonly.then_some("true")
                    style:width=width
                    aria-busy=move || opening.get().then_some("true")
                    on:keydown=move |ev| navigate(doc, ev)
                    on:focusin=move |ev| take_tab_stop(&ev)
                >
                    <caption class="visually-hidden">
                        {move || doc.map(|m| m.title.clone())}
                        ": stages and steps across, lanes down"
                    </caption>
                    <colgroup>
                        <col class="lane-col" />
                        <col class="pad" style:width=before />
                        <For each=move || shown.get() key=|(_, c)| c.key() children=|_| view! { <col class="step-col" /> } />
                        <col class="pad" style:width=after />
                    </colgroup>
                    <thead>
                        <tr class="stage-row">
                            <th class="corner" rowspan="2" scope="col">
                                <span class="visually-hidden">"Lanes"</span>
                            </th>
                            <td class="pad" aria-hidden="true"></td>
                            <For each=move || spans.get() key=|(id, _)| id.clone() let:item>
                                <StageHeader id=item.0 spans=spans />
                            </For>
                            <td class="pad" aria-hidden="true"></td>
                        </tr>
                        <tr class="step-row">
                            <td class="pad" aria-hidden="true"></td>
                            <For each=move || shown.get() key=|(_, c)| c.key() let:col>
                                <StepHeader col=col.1 />
                            </For>
                            <td class="pad" aria-hidden="true"></td>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || lane_ids.get() key=|id| id.clone() let:id>
                            <LaneRow id=id />
                        </For>
                    </tbody>
                </table>
            </Show>
        </div>
    }
}

/// Moves focus between cells with the arrow keys.
fn navigate(doc: Doc, ev: web_sys::KeyboardEvent) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if !target.class_list().contains("cell") || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    let (Some(lane), Some(step)) = (
        target.get_attribute("data-lane"),
        target.get_attribute("data-step"),
    ) else {
        return;
    };
    let (dl, dc): (isize, isize) = match ev.key().as_str() {
        "ArrowUp" => (-1, 0),
        "ArrowDown" => (1, 0),
        "ArrowLeft" => (0, -1),
        "ArrowRight" => (0, 1),
        _ => return,
    };
    ev.prevent_default();
    move_focus(doc, &lane, &step, dl, dc);
}

thread_local! {
    /// The one cell or point of the grid in the Tab order, as (lane, step):
    /// the last one focused; before any, the first lane's first step. The
    /// arrow keys move among the others (a roving tab stop, as in a
    /// spreadsheet), so Tab passes the map in one step, not one per cell.
    static TAB_STOP: std::cell::RefCell<Option<(String, String)>> =
        const { std::cell::RefCell::new(None) };
    /// The emotion point that the arrow keys passed onto from another row:
    /// its ↑/↓ move on to the next row instead of changing its value, until
    /// Enter or F2 (see [`passing`]).
    static PASSING: std::cell::RefCell<Option<(String, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// Whether the point of `lane` at `step` was reached with the arrow keys
/// from another row, so that ↑/↓ pass over it as over any cell. Enter or
/// F2 on it starts adjusting its value ([`stop_passing`]); Escape while
/// adjusting passes again ([`start_passing`]).
pub fn passing(lane: &str, step: &str) -> bool {
    PASSING.with(|p| {
        p.borrow()
            .as_ref()
            .is_some_and(|(l, s)| l == lane && s == step)
    })
}

/// The `tabindex` of the cell or point of `lane` at `step` as it is drawn:
/// `0` for the grid's tab stop, `-1` for the others (see [`TAB_STOP`]).
pub fn tab_index(doc: Doc, lane: &str, step: &str) -> &'static str {
    let first = || {
        doc.map_untracked(|m| {
            m.lanes.first().is_some_and(|l| l.id == lane)
                && m.steps().next().is_some_and(|s| s.id == step)
        })
    };
    let stop = TAB_STOP.with(|t| match &*t.borrow() {
        Some((l, s)) if l == lane && s == step => true,
        // The first cell stands in for a stop that was deleted.
        Some((l, s)) => {
            first() && doc.map_untracked(|m| m.lane(l).is_none() || m.step(s).is_none())
        }
        None => first(),
    });
    if stop {
        "0"
    } else {
        "-1"
    }
}

/// On focus in the grid: a cell or point that takes the focus becomes the
/// grid's tab stop, and the one before leaves the Tab order.
pub fn take_tab_stop(ev: &web_sys::FocusEvent) {
    let Some(t) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if !t.matches("td.cell, [data-point]").unwrap_or(false) {
        return;
    }
    let (Some(lane), Some(step)) = (t.get_attribute("data-lane"), t.get_attribute("data-step"))
    else {
        return;
    };
    if let Some(list) = document().and_then(|d| {
        d.query_selector_all("table.grid :is(td.cell, [data-point])[tabindex=\"0\"]")
            .ok()
    }) {
        for k in 0..list.length() {
            if let Some(e) = list
                .item(k)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = e.set_attribute("tabindex", "-1");
            }
        }
    }
    let _ = t.set_attribute("tabindex", "0");
    TAB_STOP.with(|x| *x.borrow_mut() = Some((lane, step)));
}

/// Marks the point of `lane` at `step` as passed over (see [`passing`]).
pub fn start_passing(lane: &str, step: &str) {
    let before = PASSING.with(|p| p.borrow_mut().replace((lane.to_string(), step.to_string())));
    if let Some((l, s)) = before {
        describe_passing(&l, &s, false);
    }
    describe_passing(lane, step, true);
}

/// Ends passing over the point of `lane` at `step`, if it is the one.
pub fn stop_passing(lane: &str, step: &str) {
    if passing(lane, step) {
        PASSING.with(|p| *p.borrow_mut() = None);
        describe_passing(lane, step, false);
    }
}

/// Says to screen readers, on the point itself, that ↑/↓ pass over it
/// until Enter: a slider that does not take its arrow keys says why.
pub fn describe_passing(lane: &str, step: &str, on: bool) {
    if let Some(e) =
        document().and_then(|d| d.query_selector(&point_selector(lane, step)).ok().flatten())
    {
        let _ = if on {
            e.set_attribute("aria-description", "passing over: Enter to adjust")
        } else {
            e.remove_attribute("aria-description")
        };
    }
}

/// Moves focus from the cell or point of `lane` at `step` by `dl` lanes
/// and `dc` steps. A point reached this way is passed over (see [`passing`]).
pub fn move_focus(doc: Doc, lane: &str, step: &str, dl: isize, dc: isize) {
    let next = doc.map_untracked(|m| {
        let steps: Vec<&str> = m.steps().map(|s| s.id.as_str()).collect();
        let li = m.lane_index(lane)? as isize + dl;
        let si = steps.iter().position(|s| *s == step)? as isize + dc;
        let lane = m.lanes.get(usize::try_from(li).ok()?)?;
        let step = steps.get(usize::try_from(si).ok()?)?;
        Some((lane.id.clone(), lane.kind, step.to_string()))
    });
    if let Some((lane, kind, step)) = next {
        let sel = if kind == LaneKind::Emotion {
            start_passing(&lane, &step);
            point_selector(&lane, &step)
        } else {
            super::cell::cell_selector(&lane, &step)
        };
        focus_step(doc, &step, sel);
    }
}

/// `text` on one line: its line breaks as spaces.
pub fn one_line(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.lines().collect::<Vec<_>>().join(" ")
    } else {
        text.to_string()
    }
}

/// Which kind of header a control belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    Stage,
    Step,
    Lane,
}

impl Part {
    fn noun(self) -> &'static str {
        match self {
            Part::Stage => "stage",
            Part::Step => "step",
            Part::Lane => "lane",
        }
    }

    fn field(self) -> &'static str {
        match self {
            Part::Stage => "Stage name",
            Part::Step => "Step name",
            Part::Lane => "Lane title",
        }
    }

    /// Lanes move up and down, stages and steps left and right.
    fn keys(self) -> [(&'static str, &'static str, isize); 2] {
        if self == Part::Lane {
            [("ArrowUp", "up", -1), ("ArrowDown", "down", 1)]
        } else {
            [("ArrowLeft", "left", -1), ("ArrowRight", "right", 1)]
        }
    }

    fn rename(self, m: &mut JourneyMap, id: &str, name: &str) -> Result<(), OpError> {
        match self {
            Part::Stage => m.rename_stage(id, name),
            Part::Step => m.rename_step(id, name),
            Part::Lane => m.rename_lane(id, name),
        }
    }

    fn shift(self, m: &mut JourneyMap, id: &str, by: isize) -> Result<bool, OpError> {
        match self {
            Part::Stage => m.move_stage(id, by),
            Part::Step => m.move_step(id, by),
            Part::Lane => m.move_lane(id, by),
        }
    }

    fn delete(self, m: &mut JourneyMap, id: &str) -> Result<(), OpError> {
        match self {
            Part::Stage => m.delete_stage(id).map(drop),
            Part::Step => m.delete_step(id).map(drop),
            Part::Lane => m.delete_lane(id).map(drop),
        }
    }

    /// The ids of this kind of header, in the map's order.
    fn ids(self, m: &JourneyMap) -> Vec<String> {
        match self {
            Part::Stage => m.stages.iter().map(|s| s.id.clone()).collect(),
            Part::Step => m.steps().map(|s| s.id.clone()).collect(),
            Part::Lane => m.lanes.iter().map(|l| l.id.clone()).collect(),
        }
    }

    /// The toolbar button that adds one: the focus goes there when the
    /// last one is deleted.
    fn add_button(self) -> &'static str {
        match self {
            Part::Stage => "button.add-stage",
            Part::Step => "button.add-step",
            Part::Lane => ".toolbar .menu-wrap > button",
        }
    }
}

/// The header that takes the focus when `id` is deleted from `ids`: the
/// next one, else the one before.
fn neighbour(ids: &[String], id: &str) -> Option<String> {
    let i = ids.iter().position(|x| x == id)?;
    ids.get(i + 1)
        .or_else(|| ids.get(i.checked_sub(1)?))
        .cloned()
}

/// Deletes a stage, step or lane, offers its Undo, and moves the focus to
/// its neighbour's name (or to the button that adds one, when it was the
/// last), so that the keyboard never drops to the page.
fn delete(doc: Doc, part: Part, id: &str, what: String) {
    let next = doc.map_untracked(|m| neighbour(&part.ids(m), id));
    if doc.edit(None, |m| part.delete(m, id)).is_none() {
        return;
    }
    doc.deleted(what);
    match next {
        Some(next) => {
            bring_into_view(doc, part, &next);
            focus_later(name_field(part, &next));
        }
        None => focus_later(part.add_button().to_string()),
    }
}

/// Scrolls a stage's or step's column into view (lanes are rows).
fn bring_into_view(doc: Doc, part: Part, id: &str) {
    let first_step = match part {
        Part::Step => Some(id.to_string()),
        Part::Stage => doc.map_untracked(|m| {
            m.stage_index(id)
                .and_then(|i| m.stages[i].steps.first().map(|s| s.id.clone()))
        }),
        Part::Lane => None,
    };
    if let Some(step) = first_step {
        reveal(doc, &step);
    }
}

/// The selector of a header's name field.
pub fn name_field(part: Part, id: &str) -> String {
    format!("input.{}-name[data-id={}]", part.noun(), css_string(id))
}

/// A selector for the emotion point of `lane` at `step`.
pub fn point_selector(lane: &str, step: &str) -> String {
    format!(
        "[data-point][data-lane={}][data-step={}]",
        css_string(lane),
        css_string(step)
    )
}

/// `s` as a quoted CSS string: ids come from files and may hold anything,
/// and a selector built from one must still find it (and only it).
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            // Line breaks and other controls as hex escapes (the space
            // ends the escape).
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Moves a stage, step or lane by `by` places; the focus stays on what
/// moved: on the move button pressed while it can move on that way, else
/// on the name field.
fn shift(doc: Doc, part: Part, id: &str, by: isize, button: bool) {
    doc.edit(None, |m| part.shift(m, id, by));
    bring_into_view(doc, part, id);
    let name = name_field(part, id);
    let on = button.then(|| move_button(part, id, by) + ":enabled");
    request_animation_frame(move || {
        let _ = on.iter().chain([&name]).any(|s| focus_now(s));
    });
}

/// The selector of the button that moves `id` by `by`.
fn move_button(part: Part, id: &str, by: isize) -> String {
    format!(
        "button.move[data-part={}][data-id={}][data-by=\"{by}\"]",
        part.noun(),
        css_string(id)
    )
}

/// A header's name: Enter or leaving the field renames, Alt+arrows move.
/// The map's first frame shows the name as text, styled as the field, and
/// the field takes its place once that frame is on screen (`Opening`): a
/// text field costs the browser far more to style and lay out than text.
#[component]
fn NameField(part: Part, id: String, #[prop(into)] name: Signal<String>) -> impl IntoView {
    let opening = expect_context::<Opening>().0;
    move || {
        if opening.get() {
            view! { <span class=format!("name {}-name", part.noun())>{move || one_line(&name.get())}</span> }
                .into_any()
        } else {
            view! { <NameInput part=part id=id.clone() name=name /> }.into_any()
        }
    }
}

/// The field of [`NameField`].
#[component]
fn NameInput(part: Part, id: String, name: Signal<String>) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let (id1, id2) = (id.clone(), id.clone());
    view! {
        <input
            class=format!("name {}-name", part.noun())
            maxlength=MAX_CHARS
            data-id=id
            aria-label=move || format!("{}: {}", part.field(), name.get())
            // The whole name on hover, where the field cuts it.
            title=name
            // A one-line field would glue the lines of a name with breaks
            // (from Mermaid's <br>); they show as spaces, and stay breaks
            // unless the name is edited.
            prop:value=move || one_line(&name.get())
            prop:readOnly=doc.readonly
            on:change=move |ev| {
                let v = event_target_value(&ev);
                doc.edit(None, |m| part.rename(m, &id1, &v));
            }
            on:keydown=move |ev| {
                name_keys(&ev, &one_line(&name.get_untracked()));
                if ev.alt_key() {
                    if let Some((_, _, by)) = part.keys().into_iter().find(|k| k.0 == ev.key()) {
                        ev.prevent_default();
                        shift(doc, part, &id2, by, false);
                    }
                }
            }
        />
    }
}

/// A step's or a lane's tools (colour, move and delete buttons), hidden
/// until the header is hovered or focused. They are added once the map's
/// first frame is on screen (`Viewport::opening`), so opening a map does not
/// build and lay out controls nobody sees yet; their row keeps its height
/// meanwhile (style/main.css), so nothing moves when they come. A stage's
/// tools are there at once: they take room beside its name, which they
/// would otherwise cut a moment after the first frame.
#[component]
fn Tools(children: ChildrenFn) -> impl IntoView {
    let opening = expect_context::<Opening>().0;
    view! { <span class="tools">{move || (!opening.get()).then(|| children())}</span> }
}

/// True until the map's first frame is drawn (`Viewport::opening`): what
/// nobody can use before then is added after it.
#[derive(Clone, Copy)]
pub(super) struct Opening(pub Memo<bool>);

/// The two move buttons of a header.
#[component]
fn MoveButtons(
    part: Part,
    id: String,
    #[prop(into)] name: Signal<String>,
    #[prop(into)] first: Signal<bool>,
    #[prop(into)] last: Signal<bool>,
) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let vertical = part == Part::Lane;
    part.keys()
        .into_iter()
        .map(|(_, dir, by)| {
            let id = id.clone();
            let arrow = match (vertical, by < 0) {
                (true, true) => "▲",
                (true, false) => "▼",
                (false, true) => "◀",
                (false, false) => "▶",
            };
            let glyph = match (vertical, by < 0) {
                (true, true) => "↑",
                (true, false) => "↓",
                (false, true) => "←",
                (false, false) => "→",
            };
            view! {
                <button
                    class="icon move"
                    data-part=part.noun()
                    data-id=id.clone()
                    data-by=by.to_string()
                    title=format!("Move {} {dir} (Alt+{glyph})", part.noun())
                    aria-label=move || format!("Move {} {} {dir}", part.noun(), name.get())
                    prop:disabled=move || if by < 0 { first.get() } else { last.get() }
                    on:click=move |_| shift(doc, part, &id, by, true)
                >
                    {arrow}
                </button>
            }
        })
        .collect_view()
}

/// A colour as a colour input takes it (`#rrggbb`), or `fallback` for
/// none or a name, which the input refuses with a console warning.
pub(super) fn colour_input(c: &str, fallback: &str) -> String {
    crate::model::hex_color(c).unwrap_or_else(|| fallback.to_string())
}

#[component]
fn StageHeader(id: String, spans: Memo<Vec<(String, usize)>>) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let info = {
        let id = id.clone();
        Memo::new(move |_| {
            doc.map(|m| {
                m.stage_index(&id).map(|i| {
                    let s = &m.stages[i];
                    (
                        s.name.clone(),
                        s.color.clone(),
                        i,
                        m.stages.len(),
                        s.steps.len() <= 1,
                    )
                })
            })
        })
    };
    // A stage one column wide shows its tools below its header rather than
    // beside its name (style/main.css).
    let narrow = move || info.with(|i| i.as_ref().is_some_and(|i| i.4));
    let name = move || info.with(|i| i.as_ref().map(|i| i.0.clone()).unwrap_or_default());
    let color = move || info.with(|i| i.as_ref().map(|i| i.1.clone()).unwrap_or_default());
    let band = move || crate::embed::dom::usable_color(&color()).to_string();
    let span = {
        let id = id.clone();
        move || spans.with(|s| s.iter().find(|s| s.0 == id).map_or(1, |s| s.1))
    };
    let first = move || info.with(|i| i.as_ref().is_none_or(|i| i.2 == 0));
    let last = move || info.with(|i| i.as_ref().is_none_or(|i| i.2 + 1 == i.3));
    let (id2, id3, id5, id7) = (id.clone(), id.clone(), id.clone(), id.clone());
    view! {
        // Named for its name alone, not the buttons beside it, since a
        // screen reader reads a header's name with every cell under it.
        <th class="stage" class:narrow=narrow scope="colgroup" colspan=span style:--stage=band aria-label=move || header_label(&name())>
            <div class="head">
                <NameField part=Part::Stage id=id.clone() name=Signal::derive(name) />
                <span class="tools">
                    <label class="swatch" title="Stage colour" style:background=color>
                        <input
                            type="color"
                            aria-label=move || format!("Colour of stage {}", name())
                            prop:value=move || colour_input(&color(), "#e5e7eb")
                            on:change={
                                let id = id2.clone();
                                move |ev| {
                                    let v = event_target_value(&ev);
                                    doc.edit(None, |m| m.set_stage_color(&id, &v));
                                }
                            }
                        />
                    </label>
                    <MoveButtons part=Part::Stage id=id3.clone() name=Signal::derive(name) first=Signal::derive(first) last=Signal::derive(last) />
                    <button class="icon" title="Add a step to this stage" aria-label=move || format!("Add step to stage {}", name())
                        on:click={
                            let id = id5.clone();
                            move |_| {
                                if let Some(step) = doc.edit(None, |m| m.add_step(&id, None, "New step")) {
                                    focus_step(doc, &step, name_field(Part::Step, &step));
                                }
                            }
                        }>"+"</button>
                    <button class="icon danger-text" title="Delete stage" aria-label=move || format!("Delete stage {}", name())
                        on:click={
                            let id = id7.clone();
                            move |_| delete(doc, Part::Stage, &id, format!("stage \"{}\" and its steps", name()))
                        }>"✕"</button>
                </span>
            </div>
        </th>
    }
}

#[component]
fn StepHeader(col: Column) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let Some(id) = col.step.clone() else {
        let stage = col.stage.clone();
        // A map shown read-only offers no step to add.
        let add = (!doc.readonly).then(|| {
            view! {
                <button class="small" on:click=move |_| {
                    if let Some(step) = doc.edit(None, |m| m.add_step(&stage, None, "New step")) {
                        focus_step(doc, &step, name_field(Part::Step, &step));
                    }
                }>"Add step"</button>
            }
        });
        return view! {
            <th class="step empty-stage" scope="col">{add}</th>
        }
        .into_any();
    };
    let structure = expect_context::<Memo<Structure>>();
    let info = {
        let id = id.clone();
        Memo::new(move |_| {
            structure.with(|st| {
                st.steps
                    .get(&id)
                    .map(|i| (i.name.clone(), i.stage.clone(), i.first, i.last))
            })
        })
    };
    // The stage picker lists every stage only once it is used, so a map of
    // many stages and steps does not carry steps × stages options.
    let picker_open = RwSignal::new(false);
    let stages = Memo::new(move |_| {
        if picker_open.get() {
            structure.with(|st| st.stages.clone())
        } else {
            let current = info.with(|i| i.as_ref().map(|i| i.1.clone()).unwrap_or_default());
            structure.with(|st| {
                st.stages
                    .iter()
                    .filter(|s| s.0 == current)
                    .cloned()
                    .collect()
            })
        }
    });
    let name = move || info.with(|i| i.as_ref().map(|i| i.0.clone()).unwrap_or_default());
    let stage_of = move || info.with(|i| i.as_ref().map(|i| i.1.clone()).unwrap_or_default());
    let (id3, id4, id6) = (id.clone(), id.clone(), id.clone());
    view! {
        <th class="step" scope="col" aria-label=move || header_label(&name())>
            <div class="head">
                <NameField part=Part::Step id=id.clone() name=Signal::derive(name) />
                <Tools>
                    <MoveButtons
                        part=Part::Step
                        id=id3.clone()
                        name=Signal::derive(name)
                        first=Signal::derive(move || info.with(|i| i.as_ref().is_none_or(|i| i.2)))
                        last=Signal::derive(move || info.with(|i| i.as_ref().is_none_or(|i| i.3)))
                    />
                    <select
                        class="move-to"
                        data-id=id6.clone()
                        title="Move to stage"
                        aria-label=move || format!("Stage of step {}", name())
                        on:focus=move |_| picker_open.set(true)
                        on:pointerdown=move |_| picker_open.set(true)
                        on:change={
                            let id = id6.clone();
                            move |ev| {
                                let target = event_target_value(&ev);
                                doc.edit(None, |m| m.move_step_to_stage(&id, &target, usize::MAX));
                                // The focus stays on the picker, which the
                                // move draws anew: arrow keys go on moving.
                                reveal(doc, &id);
                                focus_later(format!("select.move-to[data-id={}]", css_string(&id)));
                            }
                        }
                    >
                        <For each=move || stages.get() key=|s| s.clone() let:s>
                            <option value=s.0.clone() selected=move || stage_of() == s.0>{s.1.clone()}</option>
                        </For>
                    </select>
                    <button class="icon danger-text" title="Delete step" aria-label=move || format!("Delete step {}", name())
                        on:click={
                            let id = id4.clone();
                            move |_| delete(doc, Part::Step, &id, format!("step \"{}\"", name()))
                        }>"✕"</button>
                </Tools>
            </div>
        </th>
    }
    .into_any()
}

#[component]
fn LaneRow(id: String) -> impl IntoView {
    let cols = expect_context::<Columns>();
    let doc = expect_context::<Doc>();
    let info = {
        let id = id.clone();
        Memo::new(move |_| {
            doc.map(|m| {
                m.lane_index(&id).map(|i| {
                    let l = &m.lanes[i];
                    (
                        l.title.clone(),
                        l.kind,
                        i,
                        m.lanes.len(),
                        l.persona.clone(),
                        if l.kind == LaneKind::Emotion || !l.color.is_empty() {
                            m.lane_color(l)
                        } else {
                            String::new()
                        },
                    )
                })
            })
        })
    };
    let title = move || info.with(|i| i.as_ref().map(|i| i.0.clone()).unwrap_or_default());
    let kind = info.with_untracked(|i| i.as_ref().map_or(LaneKind::Text, |i| i.1));
    let current = move || info.with(|i| i.as_ref().and_then(|i| i.4.clone()).unwrap_or_default());
    let personas = Memo::new(move |_| {
        doc.map(|m| {
            m.personas
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let (id2, id3, id4, id6) = (id.clone(), id.clone(), id.clone(), id.clone());
    let body = if kind == LaneKind::Emotion {
        view! { <CurveRow lane=id.clone() cols=cols /> }.into_any()
    } else {
        let lane = id.clone();
        let slots = Slots::follow(doc, id.clone(), cell_of);
        view! {
            <td class="pad" aria-hidden="true"></td>
            <For each=move || cols.shown.get() key=|(_, c)| c.key() let:col>
                <CellView lane=lane.clone() slots=slots col=col.1 kind=kind />
            </For>
            <td class="pad" aria-hidden="true"></td>
        }
        .into_any()
    };
    view! {
        <tr
            class=format!("lane kind-{}", kind.key())
            style:--lane=move || info.with(|i| i.as_ref().map(|i| i.5.clone()).unwrap_or_default())
        >
            <th class="lane-title" scope="row" aria-label=move || header_label(&title())>
                <div class="head">
                    <NameField part=Part::Lane id=id.clone() name=Signal::derive(title) />
                    <span class="kind-badge" class:same=move || title() == kind.label()>{kind.label()}</span>
                    <Tools>
                        <label class="swatch" title="Lane colour" style:background=move || info.with(|i| i.as_ref().map(|i| i.5.clone()).unwrap_or_default())>
                            <input
                                type="color"
                                aria-label=move || format!("Colour of lane {}", title())
                                prop:value=move || {
                                    info.with(|i| colour_input(i.as_ref().map_or("", |i| i.5.as_str()), "#cbd2d9"))
                                }
                                on:change={
                                    let id = id2.clone();
                                    move |ev| {
                                        let v = event_target_value(&ev);
                                        doc.edit(None, |m| m.set_lane_color(&id, &v));
                                    }
                                }
                            />
                        </label>
                        <MoveButtons
                            part=Part::Lane
                            id=id3.clone()
                            name=Signal::derive(title)
                            first=Signal::derive(move || info.with(|i| i.as_ref().is_none_or(|i| i.2 == 0)))
                            last=Signal::derive(move || info.with(|i| i.as_ref().is_none_or(|i| i.2 + 1 == i.3)))
                        />
                        <button class="icon danger-text" title="Delete lane" aria-label=move || format!("Delete lane {}", title())
                            on:click={
                                let id = id4.clone();
                                move |_| delete(doc, Part::Lane, &id, format!("lane \"{}\"", title()))
                            }>"✕"</button>
                    </Tools>
                </div>
                {(kind == LaneKind::Emotion).then(|| {
                    let lane = id6.clone();
                    let lane2 = id6.clone();
                    view! {
                        <div class="persona-pick">
                            <select
                                prop:disabled=doc.readonly
                                aria-label=move || format!("Persona of lane {}", title())
                                // The whole name, where a long one is cut.
                                title=move || {
                                    let id = current();
                                    personas.with(|ps| ps.iter().find(|p| p.0 == id).map_or_else(|| "No persona".to_string(), |p| p.1.clone()))
                                }
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    doc.edit(None, |m| m.set_lane_persona(&lane, (!v.is_empty()).then_some(v.as_str())));
                                }
                            >
                                <option value="" selected=move || current().is_empty()>"No persona"</option>
                                <For each=move || personas.get() key=|p| p.clone() let:p>
                                    <option value=p.0.clone() selected=move || current() == p.0>{p.1.clone()}</option>
                                </For>
                            </select>
                        </div>
                        <ScaleLabels lane=lane2 />
                    }
                })}
            </th>
            {body}
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_quote_ids_so_that_none_can_break_out() {
        assert_eq!(
            super::super::cell::cell_selector("l", "s"),
            "td.cell[data-lane=\"l\"][data-step=\"s\"]"
        );
        assert_eq!(
            name_field(Part::Step, "a\"] , * {x:1} [b=\"\\\n"),
            "input.step-name[data-id=\"a\\\"] , * {x:1} [b=\\\"\\\\\\a \"]"
        );
        assert_eq!(
            point_selector("l\"", "s"),
            "[data-point][data-lane=\"l\\\"\"][data-step=\"s\"]"
        );
    }
    use crate::model::{template, Cell};

    type Edit = Box<dyn Fn(&mut JourneyMap)>;

    /// After each edit, the in-place checks say "unchanged" exactly when a
    /// rebuilt layout would equal the old one.
    #[test]
    fn a_deleted_header_hands_the_focus_to_the_next_else_the_one_before() {
        let ids: Vec<String> = ["a", "b", "c"].map(String::from).into();
        assert_eq!(neighbour(&ids, "a").as_deref(), Some("b"));
        assert_eq!(neighbour(&ids, "b").as_deref(), Some("c"));
        assert_eq!(neighbour(&ids, "c").as_deref(), Some("b"));
        assert_eq!(neighbour(&ids[..1], "a"), None);
        assert_eq!(neighbour(&ids, "z"), None);
    }

    #[test]
    fn layout_checks_agree_with_rebuilding() {
        let mut m = template::ecommerce("m");
        let edits: Vec<Edit> = vec![
            Box::new(|m| {
                m.set_cell("l1", "t1", Cell::Text("changed".into()))
                    .unwrap()
            }),
            Box::new(|m| {
                m.set_emotion("l4", "t2", Some(1.0))
                    .map(|_| ())
                    .unwrap_or(())
            }),
            Box::new(|m| m.rename_step("t3", "Renamed").unwrap()),
            Box::new(|m| {
                m.move_step("t3", 1).unwrap();
            }),
            Box::new(|m| {
                m.add_stage(None, "Empty").unwrap();
            }),
            Box::new(|m| {
                let s = m.stages[0].id.clone();
                m.rename_stage(&s, "First").unwrap()
            }),
            Box::new(|m| {
                let last = m.stages.last().unwrap().id.clone();
                m.add_step(&last, None, "Fills it").unwrap();
            }),
            Box::new(|m| {
                let last = m.stages.last().unwrap().id.clone();
                m.move_step_to_stage("t1", &last, 0).unwrap()
            }),
            Box::new(|m| {
                m.delete_step("t5").unwrap();
            }),
        ];
        for (i, edit) in edits.iter().enumerate() {
            let (cols, st) = (columns(&m), Structure::of(&m));
            assert!(same_columns(&m, &cols) && st.matches(&m));
            edit(&mut m);
            assert_eq!(
                same_columns(&m, &cols),
                columns(&m) == cols,
                "edit {i}: columns"
            );
            assert_eq!(
                st.matches(&m),
                Structure::of(&m) == st,
                "edit {i}: structure"
            );
        }
        // A cell edit keeps both; a structure edit does not.
        let (cols, st) = (columns(&m), Structure::of(&m));
        m.set_cell("l1", "t2", Cell::Text("again".into())).unwrap();
        assert!(same_columns(&m, &cols) && st.matches(&m));
        m.rename_step("t2", "Other name").unwrap();
        assert!(same_columns(&m, &cols) && !st.matches(&m));
    }
}
