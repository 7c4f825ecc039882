//! An emotion lane: the plotters curve behind a row of accessible sliders,
//! one per step, that the user drags or moves with the arrow keys.

use super::editor::Doc;
use super::grid::{focus_step, Columns, Curves, Opening, Structure, COL_WIDTH};
use super::slots::{emotion_of, Slots};
use crate::chart::{self, Layout, Series};
use crate::model::{format_number, Cell, LaneKind, Scale};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The geometry every emotion lane shares.
pub const LAYOUT: Layout = Layout {
    col_width: COL_WIDTH,
    height: 168.0,
    pad_top: 22.0,
    pad_bottom: 22.0,
};

/// The words of the scale, beside the curve, in the lane's header.
#[component]
pub fn ScaleLabels(lane: String) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let legend = {
        let lane = lane.clone();
        Memo::new(move |_| {
            doc.map(|m| {
                let emotion: Vec<_> = m
                    .lanes
                    .iter()
                    .filter(|l| l.kind == LaneKind::Emotion)
                    .collect();
                if emotion.len() < 2 {
                    let own = m.lane(&lane).map(|l| m.lane_color(l)).unwrap_or_default();
                    return (own, Vec::new());
                }
                let own = m.lane(&lane).map(|l| m.lane_color(l)).unwrap_or_default();
                let items = emotion
                    .iter()
                    .map(|l| {
                        let who = l
                            .persona
                            .as_deref()
                            .and_then(|p| m.persona(p))
                            .map(|p| p.name.clone())
                            .unwrap_or_else(|| l.title.clone());
                        (m.lane_color(l), who, l.id == lane)
                    })
                    .collect::<Vec<_>>();
                (own, items)
            })
        })
    };
    let levels = Memo::new(move |_| {
        doc.map(|m| {
            let s = &m.scale;
            crate::chart::scale_marks(s)
                .into_iter()
                .map(|(v, word)| (LAYOUT.y(s, v), word, format_number(v)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <span class="lane-swatch" style:background=move || legend.with(|l| l.0.clone()) aria-hidden="true"></span>
        <Show when=move || legend.with(|l| !l.1.is_empty())>
            <ul class="legend" aria-label="Curves">
                {move || legend.with(|l| l.1.iter().map(|(color, who, own)| view! {
                    <li class:own=*own>
                        <span class="legend-line" style:background=color.clone()></span>
                        {who.clone()}
                    </li>
                }).collect_view())}
            </ul>
        </Show>
        <div class="scale-labels" aria-hidden="true">
            {move || levels.get().into_iter().map(|(y, label, num)| view! {
                <span class="scale-label" style:top=format!("{y}px") title=num>{label}</span>
            }).collect_view()}
        </div>
    }
}

/// The row body of an emotion lane: one cell across every column, with the
/// curve of the columns drawn and a point for each of their steps.
#[component]
pub fn CurveRow(lane: String, cols: Columns) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let curves = expect_context::<Memo<Curves>>();
    let opening = expect_context::<Opening>().0;
    // Three layers, each redrawn only when what it shows changes: the
    // bands of the scale, the other personas' curves, and this lane's. Each
    // covers the columns drawn, no more.
    let range = cols.range;
    let ground_key = Memo::new(move |_| curves.with(|c| (c.scale.clone(), range.get().len())));
    let ground = Memo::new(move |_| {
        ground_key.with(|(scale, steps)| chart::render_background(*steps, scale, &LAYOUT))
    });
    let others = {
        let lane = lane.clone();
        Memo::new(move |_| {
            curves.with(|c| {
                let list: Vec<_> = c
                    .series
                    .iter()
                    .filter(|s| s.0 != lane)
                    .map(|s| (s.1.clone(), s.2.clone()))
                    .collect();
                (c.scale.clone(), list)
            })
        })
    };
    let ghosts = Memo::new(move |_| {
        let window = range.get();
        others.with(|(scale, list)| {
            let series: Vec<Series> = list
                .iter()
                .map(|(color, values)| Series {
                    values,
                    color,
                    label: "",
                    emphasis: false,
                })
                .collect();
            chart::render_series_window(&series, scale, &LAYOUT, window)
        })
    });
    let mine = {
        let lane = lane.clone();
        Memo::new(move |_| {
            curves.with(|c| {
                (
                    c.scale.clone(),
                    c.series
                        .iter()
                        .find(|s| s.0 == lane)
                        .map(|s| (s.1.clone(), s.2.clone())),
                )
            })
        })
    };
    let own = Memo::new(move |_| {
        let window = range.get();
        mine.with(|(scale, s)| match s {
            Some((color, values)) => chart::render_curve_window(
                &[Series {
                    values,
                    color,
                    label: "",
                    emphasis: true,
                }],
                scale,
                &LAYOUT,
                window,
            ),
            None => String::new(),
        })
    });
    let extremes = Memo::new(move |_| {
        mine.with(|(scale, s)| {
            s.as_ref()
                .map(|s| chart::extremes_on(scale, &s.1))
                .unwrap_or_default()
        })
    });
    // The cell spans the drawn columns and both spacers.
    let span = move || cols.shown.with(|c| c.len() + 2);
    let width = move || format!("{}px", LAYOUT.width(cols.all.with(|c| c.len())));
    let height = format!("{}px", LAYOUT.height);
    let height2 = height.clone();
    let plot_left = move || format!("{}px", LAYOUT.width(range.with(|r| r.start)));
    let plot_width = move || format!("{}px", LAYOUT.width(range.with(|r| r.len())));
    let dragging = StoredValue::new(None::<String>);
    let overlay = NodeRef::<leptos::svg::Svg>::new();
    let lane_d = lane.clone();
    let drag_to = move |step: &str, client_y: f64, fine: bool| {
        let Some(svg) = overlay.get_untracked() else {
            return;
        };
        let el: &web_sys::Element = svg.as_ref();
        let top = el.get_bounding_client_rect().top();
        let scale = doc.map_untracked(|m| m.scale.clone());
        let v = LAYOUT.value_at(&scale, client_y - top, if fine { 0.1 } else { 1.0 });
        let key = format!("drag:{lane_d}:{step}");
        doc.edit_cell(Some(&key), &lane_d, step, Some(Cell::Emotion(v)));
    };
    let drag_move = drag_to.clone();
    let slots = Slots::follow(doc, lane.clone(), emotion_of);
    let lane_title = {
        let lane = lane.clone();
        Memo::new(move |_| doc.map(|m| m.lane(&lane).map(|l| l.title.clone()).unwrap_or_default()))
    };
    let lane_h = lane.clone();
    let shadow_id = shadow_id();
    let shadow_fill: Arc<str> = format!("url(#{shadow_id})").into();

    view! {
        <td class="curve-cell" colspan=span>
            <div class="curve" style:width=width style:height=height2>
                <div class="plot" style:left=plot_left style:width=plot_width inner_html=move || ground.get()></div>
                // The other personas' curves, faint behind this lane's, come
                // once the map's first frame is on screen.
                <div class="plot" style:left=plot_left style:width=plot_width inner_html=move || {
                    if opening.get() { String::new() } else { ghosts.get() }
                }></div>
                <div class="plot" style:left=plot_left style:width=plot_width inner_html=move || own.get()></div>
                <svg
                    class="handles"
                    node_ref=overlay
                    style:width=width
                    style:height=height
                    on:pointermove=move |ev| {
                        if let Some(step) = dragging.get_value() {
                            drag_move(&step, ev.client_y() as f64, ev.shift_key());
                        }
                    }
                    on:pointerup=move |_| {
                        if dragging.get_value().is_some() {
                            dragging.set_value(None);
                            doc.seal();
                        }
                    }
                    on:pointercancel=move |_| {
                        dragging.set_value(None);
                        doc.seal();
                    }
                >
                    <defs>
                        <radialGradient id=shadow_id>
                            {SHADOW_STOPS.map(|(offset, opacity)| view! {
                                <stop offset=offset stop-color="#000000" stop-opacity=opacity></stop>
                            })}
                        </radialGradient>
                    </defs>
                    <For each=move || cols.shown.get() key=|(i, c)| (*i, c.step.clone()) let:item>
                        {item.1.step.clone().map(|step| view! {
                            <Handle lane=lane_h.clone() slots=slots lane_title=lane_title step=step index=item.0 extremes=extremes dragging=dragging drag_to=drag_to.clone() shadow=shadow_fill.clone() />
                        })}
                    </For>
                </svg>
            </div>
        </td>
    }
}

/// How far below its point a point's shadow is drawn, in px.
const SHADOW_DY: f64 = 1.0;
/// The shadow's radius: the point's (8), its white ring (half of 2.5) and
/// 2.25 px of soft edge.
const SHADOW_R: &str = "11.5";
/// The shadow's fill, as (offset, opacity) stops of a black radial gradient
/// over `SHADOW_R`: a 9.25 px disc blurred by a Gaussian of σ = 0.75 px at
/// 35 % black, as the `drop-shadow(0 1px 1.5px rgba(0, 0, 0, 0.35))` it
/// replaces drew it.
const SHADOW_STOPS: [(&str, &str); 5] = [
    ("0", "0.35"),
    ("0.674", "0.34"),
    ("0.804", "0.175"),
    ("0.87", "0.055"),
    ("1", "0"),
];

/// A page-unique id for each lane's shadow gradient.
fn shadow_id() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("point-shadow-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[component]
fn Handle<F>(
    lane: String,
    slots: Slots<Option<f64>>,
    lane_title: Memo<String>,
    step: String,
    index: usize,
    extremes: Memo<chart::Extremes>,
    dragging: StoredValue<Option<String>>,
    drag_to: F,
    /// The fill of the point's shadow: `url(#…)` of the lane's gradient.
    shadow: Arc<str>,
) -> impl IntoView
where
    F: Fn(&str, f64, bool) + Clone + Send + Sync + 'static,
{
    let doc = expect_context::<Doc>();
    let structure = expect_context::<Memo<Structure>>();
    let value = {
        let (lane2, step2) = (lane.clone(), step.clone());
        slots.get(&step, move || {
            doc.map_untracked(|m| emotion_of(m.lane(&lane2), &step2))
        })
    };
    let scale = expect_context::<Memo<Scale>>();
    let names = {
        let step = step.clone();
        Memo::new(move |_| (lane_title.get(), structure.with(|s| s.step_name(&step))))
    };
    let x = LAYOUT.x(index);
    let y = move || scale.with(|s| LAYOUT.y(s, value.get().unwrap_or((s.min + s.max) / 2.0)));
    let fill = move || match value.get() {
        Some(v) => scale.with(|s| chart::value_color(s, v)),
        None => "#ffffff".to_string(),
    };
    let is_high = move || extremes.with(|e| e.is_high(value.get()));
    let is_low = move || extremes.with(|e| e.is_low(value.get()));
    let valuetext = move || match value.get() {
        None => "no value".to_string(),
        Some(v) => {
            let label = scale.with(|s| s.label(v).map(String::from));
            let mut t = match label {
                Some(l) => format!("{} ({l})", format_number(v)),
                None => format_number(v),
            };
            if is_high() {
                t.push_str(", highest moment");
            } else if is_low() {
                t.push_str(", lowest moment");
            }
            t
        }
    };
    let (l1, s1, l2, s2) = (lane.clone(), step.clone(), lane.clone(), step.clone());
    // Keys pressed on one point are one undoable step, until it loses the
    // focus (as typing in one field is).
    let keys_run = format!("keys {l1} {s1}");
    let set = move |v: Option<f64>| {
        doc.edit_cell(Some(&keys_run), &l1, &s1, v.map(Cell::Emotion));
    };
    let drag2 = drag_to.clone();
    view! {
        <g class="handle" class:empty=move || value.get().is_none() class:high=is_high class:low=is_low>
            <circle class="halo" cx=x cy=y r="15"></circle>
            // The point's shadow, drawn rather than filtered: a CSS
            // `drop-shadow` on each point made every repaint of the
            // handles layer run one filter per point. A gradient is cheap.
            <circle class="shadow" cx=x cy=move || y() + SHADOW_DY r=SHADOW_R fill=shadow></circle>
            <circle
                class="point"
                data-point=""
                data-lane=l2.clone()
                data-step=s2.clone()
                cx=x
                cy=y
                r=move || if value.get().is_some() { "8" } else { "6" }
                fill=fill
                tabindex=super::grid::tab_index(doc, &l2, &s2)
                role="slider"
                aria-readonly=doc.readonly.then_some("true")
                aria-orientation="vertical"
                aria-label=move || names.with(|(l, s)| format!("{l} at {s}"))
                aria-valuemin=move || format_number(scale.with(|s| s.min))
                aria-valuemax=move || format_number(scale.with(|s| s.max))
                aria-valuenow=move || value.get().map(format_number)
                aria-valuetext=valuetext
                on:pointerdown=move |ev| {
                    if doc.readonly {
                        return;
                    }
                    ev.prevent_default();
                    if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        let _ = t.set_pointer_capture(ev.pointer_id());
                        if let Ok(h) = t.dyn_into::<web_sys::SvgElement>() {
                            let _ = h.focus();
                        }
                    }
                    dragging.set_value(Some(s2.clone()));
                    drag2(&s2, ev.client_y() as f64, ev.shift_key());
                }
                on:focus={
                    // Drawn after it was passed to (a step scrolled in).
                    let (lane, step) = (lane.clone(), step.clone());
                    move |_| {
                        if super::grid::passing(&lane, &step) {
                            super::grid::describe_passing(&lane, &step, true);
                        }
                    }
                }
                on:blur={
                    let (lane, step) = (lane.clone(), step.clone());
                    move |_| {
                        super::grid::stop_passing(&lane, &step);
                        doc.seal();
                    }
                }
                on:keydown=move |ev| {
                    // Reached with ↑/↓ from another row: those keys move on,
                    // as over any cell, until Enter or F2 starts adjusting.
                    let plain = !(ev.alt_key() || ev.ctrl_key() || ev.meta_key());
                    if super::grid::passing(&lane, &step) {
                        match ev.key().as_str() {
                            "ArrowUp" | "ArrowDown" if plain => {
                                ev.prevent_default();
                                let dl = if ev.key() == "ArrowUp" { -1 } else { 1 };
                                super::grid::move_focus(doc, &lane, &step, dl, 0);
                                return;
                            }
                            "Enter" | "F2" => {
                                ev.prevent_default();
                                super::grid::stop_passing(&lane, &step);
                                return;
                            }
                            "ArrowLeft" | "ArrowRight" | "Tab" | "Shift" => {}
                            _ => super::grid::stop_passing(&lane, &step),
                        }
                    } else if ev.key() == "Escape" {
                        super::grid::start_passing(&lane, &step);
                        return;
                    }
                    let (min, max) = scale.with(|s| (s.min, s.max));
                    let now = value.get_untracked();
                    let mid = ((min + max) / 2.0).round();
                    let stepv = if ev.shift_key() { 0.1 } else { 1.0 };
                    // An empty step starts at the middle of the scale.
                    let bump = |d: f64| Some(now.map_or(mid, |v| scale.with(|s| s.nudge(v, d))));
                    let next = match ev.key().as_str() {
                        "ArrowUp" | "PageUp" => bump(stepv),
                        "ArrowDown" | "PageDown" => bump(-stepv),
                        "Home" => Some(min),
                        "End" => Some(max),
                        "Delete" | "Backspace" => None,
                        "ArrowLeft" | "ArrowRight" => {
                            ev.prevent_default();
                            let d: isize = if ev.key() == "ArrowLeft" { -1 } else { 1 };
                            let target = doc.map_untracked(|m| {
                                let steps: Vec<&str> = m.steps().map(|s| s.id.as_str()).collect();
                                let i = steps.iter().position(|s| *s == step)? as isize + d;
                                steps.get(usize::try_from(i).ok()?).map(|s| s.to_string())
                            });
                            if let Some(t) = target {
                                // Along the curve, passing over stays passing.
                                if super::grid::passing(&lane, &step) {
                                    super::grid::start_passing(&lane, &t);
                                }
                                focus_step(doc, &t, super::grid::point_selector(&lane, &t));
                            }
                            return;
                        }
                        _ => return,
                    };
                    ev.prevent_default();
                    set(next);
                }
            ></circle>
        </g>
    }
}
