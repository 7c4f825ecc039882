//! Draws an embedded map, or its error box, into an element with `web-sys`.
//!
//! Every piece of text from the map goes in through `textContent`, never
//! through HTML parsing; the one `innerHTML` is the chart's SVG, which
//! [`crate::chart`] builds from numbers and fixed words only. Sizes and
//! colours are set through the CSSOM (`element.style`), which a strict
//! Content Security Policy allows, never through `style` attributes.
//!
//! Like the editor's grid, the table holds only the step columns in view
//! and a margin either side ([`crate::viewport`]), with empty padding
//! columns for the rest, so a map of a thousand steps shows as fast as a
//! small one. A map opens with only the columns in view (the table is
//! `aria-busy` until the margin is drawn, when the browser is next idle),
//! and scrolling or resizing draws the columns that come into view.

use super::{
    column_values, columns, editor_link, links_to_editor, stage_spans, Column, EditorAction,
    LaneFilter, Theme,
};
use crate::chart::{self, Layout, Series};
use crate::format::share;
use crate::model::{format_number, Cell, JourneyMap, Lane, LaneKind, MapState, Metric};
use crate::viewport::{self, Viewport};
use std::cell::{Cell as Flag, RefCell};
use std::ops::Range;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

/// Width of a step column, as in the editor.
pub const COL_WIDTH: f64 = 190.0;
/// A box narrower than this (a phone, a wiki's side column) gets narrower
/// lane titles (`.jm-narrow`, 150 px instead of 220), as the editor does on
/// phones, so that a whole step column shows beside them.
pub const NARROW: f64 = 480.0;
/// The geometry of every emotion lane's chart, as in the editor.
pub const LAYOUT: Layout = Layout {
    col_width: COL_WIDTH,
    height: 168.0,
    pad_top: 22.0,
    pad_bottom: 22.0,
};

/// How to show a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub theme: Theme,
    pub lanes: LaneFilter,
    /// A CSS length for the whole box (see [`super::parse_height`]); the
    /// map scrolls inside it. `None`: as tall as the map.
    pub height: Option<String>,
    /// The editor's page, for the "Open in Journeymap" link; empty for no
    /// link.
    pub editor: String,
    /// The map is the page: a share link opened in a tab of its own. The
    /// head then says "Read-only" and offers "Save a copy", which saves the
    /// map in the reader's browser and opens it in the editor, in place of
    /// "Open in Journeymap".
    pub share_page: bool,
    /// The level of the map's title among the page's headings, 1 to 6
    /// (see [`super::heading_level`]).
    pub heading: u8,
    /// The share-link code the map came from, if it came from a link: the
    /// link to the editor carries it as it is. Otherwise the map is encoded
    /// for that link once the browser is idle after the first frame, so
    /// that encoding never holds the map up.
    pub code: Option<String>,
}

type R<T = ()> = Result<T, JsValue>;

/// A new element with a class.
fn el(doc: &Document, tag: &str, class: &str) -> R<Element> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// A new element with a class and text (as text, never HTML).
fn text(doc: &Document, tag: &str, class: &str, content: &str) -> R<Element> {
    let e = el(doc, tag, class)?;
    e.set_text_content(Some(content));
    Ok(e)
}

/// A channel's icon: an inline SVG of one stroked path (see
/// `Channel::icon_path`), hidden from assistive technology.
fn channel_icon(doc: &Document, path: &str) -> R<Element> {
    const SVG: &str = "http://www.w3.org/2000/svg";
    let svg = doc.create_element_ns(Some(SVG), "svg")?;
    svg.set_attribute("class", "channel-icon")?;
    svg.set_attribute("viewBox", "0 0 16 16")?;
    svg.set_attribute("aria-hidden", "true")?;
    let p = doc.create_element_ns(Some(SVG), "path")?;
    p.set_attribute("d", path)?;
    svg.append_child(&p)?;
    Ok(svg)
}

/// `color` when the browser takes it as a CSS colour, else "" (a typo such
/// as `#12345` would leave a stage's band with no colour at all, and its
/// name unreadable on a dark page): the neutral band is drawn instead.
pub fn usable_color(color: &str) -> &str {
    let ok =
        !color.is_empty() && web_sys::css::supports_with_value("color", color).unwrap_or(false);
    if ok {
        color
    } else {
        ""
    }
}

/// Sets (or, for `""`, removes) a style property through the CSSOM.
fn style(e: &Element, property: &str, value: &str) -> R {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        if value.is_empty() {
            h.style().remove_property(property)?;
        } else {
            h.style().set_property(property, value)?;
        }
    }
    Ok(())
}

/// Empties `target` and gives it the box's classes and height.
fn frame(target: &Element, theme: Theme, height: Option<&str>, extra: &str) -> R<Document> {
    let doc = target
        .owner_document()
        .ok_or_else(|| JsValue::from_str("the element is not in a document"))?;
    forget(target);
    target.set_text_content(None);
    target.set_class_name(format!("jm {} {extra}", theme.class()).trim_end());
    style(target, "height", height.unwrap_or(""))?;
    Ok(doc)
}

/// Shows an error box in `target`: what happened and, when known, which
/// URL (or other source) failed.
pub fn render_error(target: &Element, message: &str, source: &str, theme: Theme) -> R {
    let doc = frame(target, theme, None, "jm-failed")?;
    target.set_attribute("role", "alert")?;
    let title = text(
        &doc,
        "p",
        "jm-error-title",
        "This journey map cannot be shown",
    )?;
    target.append_child(&title)?;
    target.append_child(&*text(&doc, "p", "jm-error-message", message)?)?;
    if !source.is_empty() {
        let p = el(&doc, "p", "jm-error-source")?;
        p.append_child(&doc.create_text_node("Source: "))?;
        p.append_child(&*text(&doc, "code", "", source)?)?;
        target.append_child(&p)?;
    }
    Ok(())
}

/// Draws `map` into `target`, replacing what it held, with `notes` (such
/// as values outside the scale) in a small list above the grid.
pub fn render_map(target: &Element, owned: JourneyMap, notes: &[String], options: &Options) -> R {
    let owned = Rc::new(owned);
    let map = &*owned;
    let doc = frame(target, options.theme, options.height.as_deref(), "")?;
    target.remove_attribute("role")?;
    // The box's width is the scroll area's. Read while the box is empty, so
    // that the layout this forces has nothing of the map to lay out yet.
    let width = f64::from(target.client_width());
    let picked = options.lanes.pick(map);

    let head = el(&doc, "div", "jm-head")?;
    let tag = format!("h{}", options.heading.clamp(1, 6));
    head.append_child(&*text(&doc, &tag, "jm-title", &map.title)?)?;
    if map.state == MapState::Future {
        head.append_child(&*text(&doc, "span", "jm-badge", "Future state")?)?;
    }
    if options.share_page {
        head.append_child(&*text(&doc, "span", "jm-badge", "Read-only")?)?;
    }
    if let Some(a) = editor_anchor(&doc, options)? {
        match &options.code {
            Some(code) => set_editor_link(&a, &options.editor, code, options.share_page),
            None => {
                // Shown once it leads somewhere (a map too large for a
                // link never gets one).
                a.set_attribute("hidden", "")?;
                let (map, editor, share_page) =
                    (owned.clone(), options.editor.clone(), options.share_page);
                let a = a.clone();
                after_first_frame(move || {
                    if let Ok(code) = share::encode(&map) {
                        set_editor_link(&a, &editor, &code, share_page);
                        let _ = a.remove_attribute("hidden");
                    }
                })?;
            }
        }
        head.append_child(&a)?;
    }
    target.append_child(&head)?;
    if !map.description.trim().is_empty() {
        target.append_child(&*text(&doc, "p", "jm-description", &map.description)?)?;
    }
    let all_notes: Vec<&String> = picked.notes.iter().chain(notes).collect();
    if !all_notes.is_empty() {
        let ul = el(&doc, "ul", "jm-notes")?;
        for n in all_notes {
            ul.append_child(&*text(&doc, "li", "", n)?)?;
        }
        target.append_child(&ul)?;
    }

    let scroll = el(&doc, "div", "jm-scroll")?;
    scroll.set_attribute("tabindex", "0")?;
    scroll.set_attribute("role", "region")?;
    scroll.set_attribute("aria-label", &format!("Journey map: {}", map.title))?;
    let cols = columns(map);
    if cols.is_empty() {
        scroll.append_child(&*text(
            &doc,
            "p",
            "jm-empty",
            "This map has no stages yet.",
        )?)?;
        target.append_child(&scroll)?;
    } else {
        if width > 0.0 && width < NARROW {
            scroll.class_list().add_1("jm-narrow")?;
        }
        let view = if width > 0.0 {
            Viewport::opening(width)
        } else {
            // Not laid out (hidden): a generous window until it is shown.
            Viewport::default()
        };
        let drawn = viewport::window(view, cols.len());
        let described = descriptions(map, &picked.lanes, &cols);
        let table = grid(&doc, map, &cols, &picked.lanes, &described, drawn.clone())?;
        if view.opening {
            table.set_attribute("aria-busy", "true")?;
        }
        scroll.append_child(&table)?;
        target.append_child(&scroll)?;
        let count = cols.len();
        drop(cols);
        watch(
            &scroll,
            owned,
            &options.lanes,
            described,
            count,
            drawn,
            view.opening,
        )?;
    }
    Ok(())
}

/// The head's link to the editor, without its `href`: "Save a copy" on a
/// share page, "Open in Journeymap" elsewhere; `None` without an http(s)
/// editor URL.
fn editor_anchor(doc: &Document, options: &Options) -> R<Option<Element>> {
    if !links_to_editor(&options.editor) {
        return Ok(None);
    }
    let a = if options.share_page {
        let a = text(doc, "a", "jm-save", "Save a copy")?;
        a.set_attribute(
            "title",
            "Keep this map in this browser and open it in the editor",
        )?;
        a
    } else {
        let a = text(doc, "a", "jm-open", "Open in Journeymap")?;
        let note = text(doc, "span", "jm-sr", " (opens in a new tab)")?;
        a.append_child(&note)?;
        a.set_attribute("target", "_blank")?;
        a.set_attribute("rel", "noopener noreferrer")?;
        a
    };
    Ok(Some(a))
}

/// Points the head's link at the editor with the map of `code`.
fn set_editor_link(a: &Element, editor: &str, code: &str, share_page: bool) {
    let action = if share_page {
        EditorAction::SaveCopy
    } else {
        EditorAction::Open
    };
    if let Some(href) = editor_link(editor, code, action) {
        let _ = a.set_attribute("href", &href);
    }
}

/// Runs `f` when the browser is next idle after the coming frame (see
/// [`crate::idle::when_idle`]).
fn after_first_frame(f: impl FnOnce() + 'static) -> R {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let after_frame = Closure::once_into_js(move || crate::idle::when_idle(f));
    window.request_animation_frame(after_frame.unchecked_ref())?;
    Ok(())
}

/// A map on show, kept so that scrolling can draw other columns.
struct Shown {
    map: Rc<JourneyMap>,
    lanes: LaneFilter,
    /// The accessible description of each emotion lane shown (see
    /// [`descriptions`]): it covers every step, so it is made once.
    described: Vec<String>,
    scroll: Element,
    /// How many columns the map has (it does not change while shown), so
    /// that a scroll inside the drawn margin costs no walk of the map.
    count: usize,
    drawn: Range<usize>,
}

thread_local! {
    /// The maps on show, by the number in their scroll area's `data-jm` (a
    /// page shows a few: a list is smaller than a map, and as fast).
    static SHOWN: RefCell<Vec<(u32, Shown)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Flag<u32> = const { Flag::new(0) };
    /// The one scroll listener of every map's scroll area (it finds the map
    /// by `data-jm`), and the one resize listener of the window; made on the
    /// first map and kept for the page's life.
    static LISTENERS: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// How many maps are kept for drawing other columns as they scroll: the
/// maps on show, and those taken out of the page since a map was last drawn.
pub fn kept() -> usize {
    SHOWN.with(|s| s.borrow().len())
}

/// Drops the maps whose scroll area has left the page (a wiki that swaps
/// its content, a script that removes the element), so that their maps do
/// not stay in memory until the page closes. A map that is put back later
/// keeps the columns it had drawn; drawing it again draws them all anew.
fn drop_removed() {
    let on_scroll = LISTENERS.with(|l| l.borrow().clone());
    SHOWN.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            s.retain(|(_, shown)| {
                let on_page = shown.scroll.is_connected();
                if let (false, Some(f)) = (on_page, &on_scroll) {
                    let _ = shown
                        .scroll
                        .remove_event_listener_with_callback("scroll", f);
                    let _ = shown.scroll.remove_attribute("data-jm");
                }
                on_page
            });
        }
    });
}

/// The scroll listener shared by every map, made (with the window's resize
/// listener) on first use.
fn on_scroll(window: &web_sys::Window) -> R<js_sys::Function> {
    if let Some(f) = LISTENERS.with(|l| l.borrow().clone()) {
        return Ok(f);
    }
    let scrolled = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        let id = e
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.get_attribute("data-jm"))
            .and_then(|v| v.parse::<u32>().ok());
        if let Some(id) = id {
            redraw(id);
        }
    });
    let f: js_sys::Function = scrolled.into_js_value().unchecked_into();
    let on_resize = Closure::<dyn FnMut()>::new(|| {
        drop_removed();
        let ids: Vec<u32> = SHOWN.with(|s| s.borrow().iter().map(|(id, _)| *id).collect());
        ids.into_iter().for_each(redraw);
    });
    window.add_event_listener_with_callback("resize", on_resize.as_ref().unchecked_ref())?;
    on_resize.forget();
    LISTENERS.with(|l| *l.borrow_mut() = Some(f.clone()));
    Ok(f)
}

/// Draws the columns that come into view as `scroll` scrolls or the page
/// is resized, and, when the map is `opening`, the margin once the browser
/// is idle after its first frame.
fn watch(
    scroll: &Element,
    map: Rc<JourneyMap>,
    lanes: &LaneFilter,
    described: Vec<String>,
    count: usize,
    drawn: Range<usize>,
    opening: bool,
) -> R {
    drop_removed();
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    scroll.set_attribute("data-jm", &id.to_string())?;
    scroll.add_event_listener_with_callback("scroll", &on_scroll(&window)?)?;
    SHOWN.with(|s| {
        s.borrow_mut().push((
            id,
            Shown {
                map,
                lanes: lanes.clone(),
                described,
                scroll: scroll.clone(),
                count,
                drawn,
            },
        ))
    });
    if opening {
        after_first_frame(move || {
            redraw(id);
            SHOWN.with(|s| {
                if let Some((_, shown)) = s.borrow().iter().find(|(i, _)| *i == id) {
                    if let Ok(Some(t)) = shown.scroll.query_selector("table.jm-grid") {
                        let _ = t.remove_attribute("aria-busy");
                    }
                }
            });
        })?;
    }
    Ok(())
}

/// Redraws the table of map `id` when the columns in view (and their
/// margin) are not the ones drawn.
fn redraw(id: u32) {
    SHOWN.with(|s| {
        let Ok(mut shown) = s.try_borrow_mut() else {
            return;
        };
        let Some((_, sh)) = shown.iter_mut().find(|(i, _)| *i == id) else {
            return;
        };
        let view = Viewport {
            left: f64::from(sh.scroll.scroll_left()),
            width: f64::from(sh.scroll.client_width()),
            opening: false,
        };
        if view.width <= 0.0 {
            return;
        }
        // A box made narrow (a phone turned, a window or side column
        // resized) gets the narrow lane titles, and loses them when wide.
        let _ = sh
            .scroll
            .class_list()
            .toggle_with_force("jm-narrow", view.width < NARROW);
        // The table is redrawn whole: keep it while its margin lasts.
        if viewport::covers(&sh.drawn, view, sh.count) {
            return;
        }
        let wanted = viewport::window(view, sh.count);
        if wanted == sh.drawn {
            return;
        }
        let cols = columns(&sh.map);
        let (Some(doc), Ok(Some(old))) = (
            sh.scroll.owner_document(),
            sh.scroll.query_selector("table.jm-grid"),
        ) else {
            return;
        };
        let picked = sh.lanes.pick(&sh.map);
        // Drawn with its margin, so no longer busy.
        let table = grid(
            &doc,
            &sh.map,
            &cols,
            &picked.lanes,
            &sh.described,
            wanted.clone(),
        );
        if let Ok(table) = table {
            if sh.scroll.replace_child(&table, &old).is_ok() {
                sh.drawn = wanted;
            }
        }
    });
}

/// Drops what was kept for the map shown in `target` before, if any.
fn forget(target: &Element) {
    let Ok(Some(scroll)) = target.query_selector(".jm-scroll[data-jm]") else {
        return;
    };
    if let Some(id) = scroll
        .get_attribute("data-jm")
        .and_then(|v| v.parse::<u32>().ok())
    {
        SHOWN.with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                s.retain(|(i, _)| *i != id);
            }
        });
    }
}

/// The description of each emotion lane among `lanes`, in their order.
fn descriptions(map: &JourneyMap, lanes: &[&Lane], cols: &[Column]) -> Vec<String> {
    lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Emotion)
        .map(|l| describe(map, l, cols))
        .collect()
}

/// The table of `map` with the step columns `drawn` of `cols`, and an
/// empty padding column for those before and after. `described` holds the
/// [`descriptions`] of the emotion lanes.
fn grid(
    doc: &Document,
    map: &JourneyMap,
    cols: &[Column],
    lanes: &[&Lane],
    described: &[String],
    drawn: Range<usize>,
) -> R<Element> {
    let drawn = drawn.start.min(cols.len())..drawn.end.min(cols.len());
    let (before, after) = (drawn.start, cols.len() - drawn.end);
    let table = el(doc, "table", "jm-grid")?;
    style(
        &table,
        "width",
        &format!("calc(var(--jm-lane) + {}px)", COL_WIDTH * cols.len() as f64),
    )?;
    let colgroup = el(doc, "colgroup", "")?;
    colgroup.append_child(&*el(doc, "col", "jm-lane-col")?)?;
    let pad_col = |n: usize| -> R {
        if n > 0 {
            let col = el(doc, "col", "")?;
            style(&col, "width", &format!("{}px", COL_WIDTH * n as f64))?;
            colgroup.append_child(&col)?;
        }
        Ok(())
    };
    pad_col(before)?;
    for _ in drawn.clone() {
        colgroup.append_child(&*el(doc, "col", "jm-step-col")?)?;
    }
    pad_col(after)?;
    table.append_child(&colgroup)?;

    let thead = el(doc, "thead", "")?;
    let stages = el(doc, "tr", "jm-stage-row")?;
    let corner = text(doc, "th", "jm-corner", "")?;
    corner.set_attribute("scope", "col")?;
    let hidden = text(doc, "span", "jm-sr", "Lanes")?;
    corner.append_child(&hidden)?;
    corner.set_attribute("rowspan", "2")?;
    stages.append_child(&corner)?;
    let pad_head = |n: usize| -> R {
        if n > 0 {
            let th = el(doc, "th", "jm-pad")?;
            th.set_attribute("rowspan", "2")?;
            th.set_attribute("aria-hidden", "true")?;
            stages.append_child(&th)?;
        }
        Ok(())
    };
    pad_head(before)?;
    for (index, span) in stage_spans(cols, drawn.clone()) {
        let stage = &map.stages[index];
        let th = el(doc, "th", "jm-stage")?;
        th.set_attribute("scope", "colgroup")?;
        th.set_attribute("colspan", &span.to_string())?;
        style(&th, "--stage", usable_color(&stage.color))?;
        th.append_child(&*text(doc, "span", "jm-stage-name", &stage.name)?)?;
        stages.append_child(&th)?;
    }
    pad_head(after)?;
    thead.append_child(&stages)?;
    let steps = el(doc, "tr", "jm-step-row")?;
    for c in &cols[drawn.clone()] {
        let th = match c.step {
            Some((_, name)) => text(doc, "th", "jm-step", name)?,
            None => text(doc, "th", "jm-step jm-empty-stage", "No steps")?,
        };
        th.set_attribute("scope", "col")?;
        steps.append_child(&th)?;
    }
    thead.append_child(&steps)?;
    table.append_child(&thead)?;

    let tbody = el(doc, "tbody", "")?;
    let emotion: Vec<&Lane> = lanes
        .iter()
        .copied()
        .filter(|l| l.kind == LaneKind::Emotion)
        .collect();
    let mut described = described.iter();
    for lane in lanes {
        let tr = el(doc, "tr", &format!("jm-kind-{}", lane.kind.key()))?;
        tr.set_attribute("data-lane", &lane.id)?;
        let th = el(doc, "th", "jm-lane")?;
        th.set_attribute("scope", "row")?;
        th.append_child(&*text(doc, "span", "jm-lane-name", &lane.title)?)?;
        if lane.title != lane.kind.label() {
            th.append_child(&*text(doc, "span", "jm-kind", lane.kind.label())?)?;
        }
        let pad = |n: usize| -> R {
            if n > 0 {
                let td = el(doc, "td", "jm-pad")?;
                td.set_attribute("aria-hidden", "true")?;
                tr.append_child(&td)?;
            }
            Ok(())
        };
        if lane.kind == LaneKind::Emotion {
            style(&th, "--lane", &map.lane_color(lane))?;
            emotion_head(doc, &th, map, lane, &emotion)?;
            tr.append_child(&th)?;
            pad(before)?;
            let label = described.next().map(String::as_str).unwrap_or_default();
            let td = curve(doc, map, lane, cols, &emotion, label, drawn.clone())?;
            tr.append_child(&td)?;
        } else {
            style(&th, "--lane", &lane.color)?;
            tr.append_child(&th)?;
            pad(before)?;
            for c in &cols[drawn.clone()] {
                let td = el(doc, "td", "jm-cell")?;
                if let Some(cell) = c.step.and_then(|(id, _)| lane.cells.get(id)) {
                    td.append_child(&*cell_view(doc, lane.kind, cell)?)?;
                }
                tr.append_child(&td)?;
            }
        }
        pad(after)?;
        tbody.append_child(&tr)?;
    }
    table.append_child(&tbody)?;
    Ok(table)
}

/// The legend (when several curves share the chart) and the scale's words
/// in an emotion lane's title cell.
fn emotion_head(
    doc: &Document,
    th: &Element,
    map: &JourneyMap,
    lane: &Lane,
    emotion: &[&Lane],
) -> R {
    if emotion.len() > 1 {
        let ul = el(doc, "ul", "jm-legend")?;
        ul.set_attribute("aria-label", "Curves")?;
        for l in emotion {
            let who = l
                .persona
                .as_deref()
                .and_then(|p| map.persona(p))
                .map(|p| p.name.as_str())
                .unwrap_or(&l.title);
            let li = el(doc, "li", if l.id == lane.id { "jm-own" } else { "" })?;
            let line = el(doc, "span", "jm-legend-line")?;
            style(&line, "background", &map.lane_color(l))?;
            li.append_child(&line)?;
            li.append_child(&doc.create_text_node(who))?;
            ul.append_child(&li)?;
        }
        th.append_child(&ul)?;
    }
    let labels = el(doc, "div", "jm-scale")?;
    labels.set_attribute("aria-hidden", "true")?;
    for (value, word) in crate::chart::scale_marks(&map.scale) {
        let span = text(doc, "span", "jm-scale-label", &word)?;
        style(&span, "top", &format!("{}px", LAYOUT.y(&map.scale, value)))?;
        labels.append_child(&span)?;
    }
    th.append_child(&labels)?;
    Ok(())
}

/// An emotion lane's chart across the columns `drawn`, with `label` (the
/// values of every column, see [`describe`]) as the accessible name.
fn curve(
    doc: &Document,
    map: &JourneyMap,
    lane: &Lane,
    cols: &[Column],
    emotion: &[&Lane],
    label: &str,
    drawn: Range<usize>,
) -> R<Element> {
    let td = el(doc, "td", "jm-curve")?;
    td.set_attribute("colspan", &drawn.len().to_string())?;
    let values: Vec<(String, Vec<Option<f64>>, bool)> = emotion
        .iter()
        .map(|l| (map.lane_color(l), column_values(l, cols), l.id == lane.id))
        .collect();
    let series: Vec<Series> = values
        .iter()
        .map(|(color, values, own)| Series {
            values,
            color,
            label: "",
            emphasis: *own,
        })
        .collect();
    let plot = el(doc, "div", "jm-plot")?;
    plot.set_attribute("role", "img")?;
    plot.set_attribute("aria-label", label)?;
    style(&plot, "width", &format!("{}px", LAYOUT.width(drawn.len())))?;
    style(&plot, "height", &format!("{}px", LAYOUT.height))?;
    plot.set_inner_html(&chart::render_svg_window(
        &series, &map.scale, &LAYOUT, drawn,
    ));
    td.append_child(&plot)?;
    Ok(td)
}

/// "Feeling: Sees a social ad 1 (Satisfied); Searches … no value".
fn describe(map: &JourneyMap, lane: &Lane, cols: &[Column]) -> String {
    let values = column_values(lane, cols);
    let points: Vec<String> = cols
        .iter()
        .zip(values)
        .filter_map(|(c, v)| {
            let (_, name) = c.step?;
            Some(match v {
                Some(v) => match map.scale.label(v) {
                    Some(word) => format!("{name} {} ({word})", format_number(v)),
                    None => format!("{name} {}", format_number(v)),
                },
                None => format!("{name} no value"),
            })
        })
        .collect();
    format!("{}: {}", lane.title, points.join("; "))
}

/// One cell's content, as the editor shows it when not editing; one that
/// may scroll is marked `long` for its cue.
fn cell_view(doc: &Document, kind: LaneKind, cell: &Cell) -> R<Element> {
    let content = cell_content(doc, kind, cell)?;
    if cell.may_scroll() {
        content.class_list().add_1("long")?;
    }
    Ok(content)
}

fn cell_content(doc: &Document, kind: LaneKind, cell: &Cell) -> R<Element> {
    Ok(match cell {
        Cell::Text(t) if kind == LaneKind::Quotes => text(doc, "blockquote", "quote", t)?,
        Cell::Text(t) => text(doc, "p", "text", t)?,
        Cell::List(items) => {
            let owners = kind == LaneKind::Owners;
            let ul = if owners {
                el(doc, "ul", "chips")?
            } else {
                el(doc, "ul", &format!("items {}", kind.key()))?
            };
            for i in items {
                ul.append_child(&*text(doc, "li", if owners { "chip" } else { "" }, i)?)?;
            }
            ul
        }
        Cell::Touchpoints(tps) => {
            let ul = el(doc, "ul", "touchpoints")?;
            for t in tps {
                let li = el(doc, "li", "touchpoint")?;
                let channel = el(doc, "span", "channel")?;
                channel.append_child(&*channel_icon(doc, t.channel.icon_path())?)?;
                channel.append_child(&doc.create_text_node(t.channel.label()))?;
                li.append_child(&channel)?;
                if !t.note.is_empty() {
                    li.append_child(&*text(doc, "span", "note", &t.note)?)?;
                }
                ul.append_child(&li)?;
            }
            ul
        }
        Cell::Metrics(ms) => {
            let ul = el(doc, "ul", "metrics")?;
            for m in ms {
                ul.append_child(&*metric(doc, m)?)?;
            }
            ul
        }
        Cell::Emotion(v) => text(doc, "span", "", &format_number(*v))?,
    })
}

fn metric(doc: &Document, m: &Metric) -> R<Element> {
    let li = el(doc, "li", "metric")?;
    li.append_child(&*text(doc, "span", "metric-name", &m.name)?)?;
    if let Some(v) = m.value {
        li.append_child(&*text(
            doc,
            "span",
            "metric-value",
            &crate::model::with_unit(v, &m.unit),
        )?)?;
    }
    if let Some(t) = m.target {
        li.append_child(&*text(
            doc,
            "span",
            "metric-target",
            &format!("target {}", crate::model::with_unit(t, &m.unit)),
        )?)?;
    }
    Ok(li)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    #[test]
    fn the_curve_is_described_step_by_step() {
        let map = template::ecommerce("m");
        let lane = map
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Emotion)
            .unwrap();
        let cols = columns(&map);
        let text = describe(&map, lane, &cols);
        assert!(text.starts_with(&format!("{}: ", lane.title)), "{text}");
        assert_eq!(text.matches("; ").count(), map.step_count() - 1);
    }
}
