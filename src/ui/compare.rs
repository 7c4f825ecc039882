//! Current state against future state: the curves overlaid and the list of
//! what changed, with an SVG download.

use super::editor::Doc;
use super::{long_list, persist, Route};
use crate::chart::compare;
use crate::model::{diff, JourneyMap, MapState};
use crate::viewport::{self, Viewport};
use leptos::prelude::*;

/// Makes the open map's future-state twin, saves it and opens it.
pub fn create_future_state(doc: Doc) {
    let ctx = doc.ctx;
    let id = persist::new_map_id();
    let Some(twin) = doc.edit::<_, std::convert::Infallible>(None, |m| Ok(m.future_twin(id)))
    else {
        return;
    };
    match persist::save(&twin) {
        Ok(()) => {
            ctx.notices.info(format!(
                "Made \"{}\": change it freely, and use Compare to see what changed.",
                crate::model::shown_title(&twin.title)
            ));
            ctx.go(Route::Editor(twin.id));
        }
        Err(e) => {
            doc.undo();
            ctx.notices
                .error(format!("Could not create the future state: {e}"));
        }
    }
}

/// Drops the open map's link to a twin that is not here (one undoable
/// edit); the toolbar then offers *Create future state* again.
fn unlink(doc: Doc) {
    doc.edit::<_, std::convert::Infallible>(None, |m| {
        m.twin = None;
        Ok(())
    });
    doc.ctx
        .notices
        .info("Unlinked: this map no longer has a twin to compare with. Undo links it again.");
    super::grid::refocus_first_later(&["#undo-button"]);
}

/// The compare panel of a map with a twin.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let ctx = doc.ctx;
    let twin_id = doc.map_untracked(|m| m.twin.clone()).unwrap_or_default();
    let twin = persist::with(|l| l.get(&twin_id));
    let pair = move |twin: &JourneyMap| -> (JourneyMap, JourneyMap) {
        doc.map(|this| {
            let (c, f) = diff::current_and_future(this, twin);
            (c.clone(), f.clone())
        })
    };
    let layout = compare::PANEL;
    match twin {
        Ok(Some(twin)) => {
            let twin_title = twin.title.clone();
            let t3 = twin.clone();
            // What the panel shows, read again when the browser is next idle
            // after an edit, not in the edit's own task: at 1,000 steps a
            // reading and its re-drawing took about 200 ms a key.
            let read = {
                let twin = twin.clone();
                move || {
                    let (current, future) = doc.history.with_untracked(|h| {
                        let (c, f) = diff::current_and_future(h.current(), &twin);
                        (c.clone(), f.clone())
                    });
                    let steps: Vec<(String, String)> = future
                        .steps()
                        .map(|s| (s.id.clone(), s.name.clone()))
                        .collect();
                    let figures = compare::overlays(&current, &future);
                    let changes: Vec<String> = compare::journey_changes(&current, &future)
                        .iter()
                        .map(|c| c.describe())
                        .collect();
                    (steps, figures, changes, future.scale)
                }
            };
            let data = doc.follow_when_idle(read);
            // Each part re-draws only when it changed: moving a point
            // leaves the steps' names be.
            let steps = Memo::new(move |_| data.with(|d| d.0.clone()));
            let figures = Memo::new(move |_| data.with(|d| d.1.clone()));
            let changes = Memo::new(move |_| data.with(|d| d.2.clone()));
            let scale = Memo::new(move |_| data.with(|d| d.3.clone()));
            // Every overlay has one column per step of the future map.
            let count = Memo::new(move |_| steps.with(|s| s.len()));
            let scroll = follow_grid(doc, steps);
            let titles = Memo::new(move |_| {
                figures.with(|f| f.iter().map(|o| o.title.clone()).collect::<Vec<_>>())
            });
            let all_changes = RwSignal::new(false);
            let levels = Memo::new(move |_| {
                scale.with(|s| {
                    crate::chart::scale_marks(s)
                        .into_iter()
                        .map(|(v, word)| (layout.y(s, v), word))
                        .collect::<Vec<_>>()
                })
            });
            view! {
                <section class="compare-panel" aria-label="Compare" tabindex="-1">
                    <h2>"Current state against future state"</h2>
                    // Both maps marked the same (one was switched by hand).
                    {
                        let twin = twin.clone();
                        move || {
                            doc.map(|this| {
                                (this.state == twin.state).then(|| {
                                    let (current, _) = diff::current_and_future(this, &twin);
                                    (crate::model::shown_title(&current.title).to_string(), this.state)
                                })
                            })
                            .map(|(current, state)| {
                                let shown = if state == MapState::Future { "Future state" } else { "Current state" };
                                view! {
                                    <p class="note" role="note">
                                        {format!("Both maps are marked “{shown}”: the comparison takes \"{current}\" as the current state. Set each map's state in the toolbar.")}
                                    </p>
                                }
                            })
                        }
                    }
                    {move || {
                        // The legend's future line in the (first) curve's own colour.
                        let future_color = figures.with(|f| f.first().map(|o| o.color.clone()).unwrap_or_default());
                        view! {
                            <p class="legend">
                                <span class="key-item"><span class="key current"></span>"Current state"</span>
                                <span class="key-item"><span class="key future" style:border-top-color=future_color></span>"Future state"</span>
                            </p>
                        }
                    }}
                    {move || {
                        titles
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(k, title)| {
                                // Only the columns in view and a margin are drawn, as in
                                // the grid: a curve of 1,000 steps is 190,000 px wide.
                                let view = RwSignal::new(Viewport::default());
                                let window = Memo::new(move |_| viewport::window(view.get(), count.get()));
                                // Only a curve that changed, or moved into view, is drawn again.
                                let svg = Memo::new(move |_| {
                                    let w = window.get();
                                    scale.with(|scale| {
                                        figures.with(|f| {
                                            f.get(k)
                                                .map(|o| compare::overlay_svg_window(o, scale, &layout, w))
                                                .unwrap_or_default()
                                        })
                                    })
                                });
                                let full = move || format!("{}px", layout.width(count.get()));
                                let before = move || format!("{}px", layout.width(window.get().start));
                                view! {
                                    <figure class="overlay">
                                        <figcaption>{title}</figcaption>
                                        <div class="overlay-body">
                                        <div class="overlay-scale" aria-hidden="true" style:height=format!("{}px", layout.height)>
                                            {move || levels.get().into_iter().map(|(y, word)| {
                                                let title = word.clone();
                                                view! { <span class="scale-label" style:top=format!("{y}px") title=title>{word}</span> }
                                            }).collect_view()}
                                        </div>
                                        <div
                                            class="overlay-scroll"
                                            tabindex="0"
                                            role="group"
                                            aria-label="Curves, scrolled with the map"
                                            use:keep_at=scroll
                                            on:scroll=move |ev| {
                                                let el = event_target::<web_sys::HtmlElement>(&ev);
                                                // The grid's window leaves room for its lane titles.
                                                view.set(Viewport {
                                                    left: el.scroll_left() as f64,
                                                    width: el.client_width() as f64 + viewport::LANE_COL,
                                                    opening: false,
                                                });
                                                scroll.moved(&el);
                                            }
                                        >
                                            <div class="overlay-chart" style:width=full style:padding-left=before inner_html=svg></div>
                                            <ol class="overlay-steps" style:width=full style:padding-left=before>
                                                {move || {
                                                    let w = window.get();
                                                    steps.with(|s| {
                                                        s.get(w).unwrap_or_default().iter().map(|(_, n)| view! { <li>{n.clone()}</li> }).collect_view()
                                                    })
                                                }}
                                            </ol>
                                        </div>
                                        </div>
                                    </figure>
                                }
                            })
                            .collect_view()
                    }}
                    {move || {
                        let changes = changes.get();
                        let total = changes.len();
                        let head = match total {
                            0 => "No changes yet".to_string(),
                            1 => "1 change".to_string(),
                            n => format!("{n} changes"),
                        };
                        let all = all_changes.get();
                        view! {
                            <h3>{head}</h3>
                            <ul class="change-list">
                                {long_list::first(changes, all).into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                            </ul>
                            {long_list::toggle(all, total, move || all_changes.update(|a| *a = !*a))}
                        }
                    }}
                    <p class="compare-actions">
                        <button class="small" on:click=move |_| {
                            let (current, future) = pair(&t3);
                            let svg = compare::compare_svg(&current, &future);
                            let name = persist::file_name(&format!("{} compare", future.title), ".svg");
                            if let Err(e) = persist::download(&name, "image/svg+xml", &svg) {
                                ctx.notices.error(format!("The download failed: {e}"));
                            }
                        }>"Download SVG"</button>
                        <button class="small" on:click={
                            let id = twin_id.clone();
                            move |_| ctx.go(Route::Editor(id.clone()))
                        }>{format!("Open \u{201c}{twin_title}\u{201d}")}</button>
                    </p>
                </section>
            }
            .into_any()
        }
        Ok(None) => {
            // Deleted maps wait in the Trash: say so, and by name.
            let trashed = persist::with(|l| l.trash())
                .ok()
                .and_then(|t| t.into_iter().find(|t| t.id == twin_id));
            let text = match trashed {
                Some(t) => format!(
                    "The linked map \u{201c}{}\u{201d} is in the Trash. Restore it from the Trash on the start screen to compare again.",
                    crate::model::shown_title(&t.title)
                ),
                // A map imported on its own, or whose twin was deleted for
                // good: the other state may come back as a file.
                None => {
                    let other = if doc.map_untracked(|m| m.state) == MapState::Future {
                        "current"
                    } else {
                        "future"
                    };
                    format!(
                        "This map's {other} state, which it is linked to, is not in this browser. Import its .journey.json file to compare the two, or unlink this map."
                    )
                }
            };
            view! {
                <section class="compare-panel" aria-label="Compare" tabindex="-1">
                    <p>{text}</p>
                    <p class="compare-actions">
                        <button class="small" on:click=move |_| unlink(doc)>"Unlink"</button>
                    </p>
                </section>
            }
            .into_any()
        }
        Err(e) => view! {
            <section class="compare-panel" aria-label="Compare" tabindex="-1">
                <p class="error-text">{format!("The linked map could not be read: {e}")}</p>
            </section>
        }
        .into_any(),
    }
}

/// Where the overlays are scrolled to, shared by all of them and kept in
/// step with the grid: scrolling either brings the same step into view in
/// the other (`viewport::follow`, matched by step id).
#[derive(Clone, Copy)]
struct Scroll {
    /// The overlays' scroll offset, in px.
    left: RwSignal<f64>,
    /// The future map's step ids, the overlays' columns.
    curves: Memo<Vec<Option<String>>>,
    /// The grid's columns' step ids (`None` for an empty stage).
    grid: Memo<Vec<Option<String>>>,
    /// True from setting the grid's offset here until its scroll comes
    /// back, which is not followed back: where the grid could not go as far
    /// (a map with fewer steps), following it would pull the curves back
    /// from under the user's hand.
    sent: StoredValue<bool>,
}

/// Starts [`Scroll`]: the overlays follow the grid's scrolling from now on.
fn follow_grid(doc: Doc, steps: Memo<Vec<(String, String)>>) -> Scroll {
    let grid = Memo::new(move |_| {
        doc.columns
            .with(|c| c.iter().map(|c| c.step.clone()).collect())
    });
    let curves =
        Memo::new(move |_| steps.with(|s| s.iter().map(|(id, _)| Some(id.clone())).collect()));
    let scroll = Scroll {
        left: RwSignal::new(0.0),
        curves,
        grid,
        sent: StoredValue::new(false),
    };
    // Runs when the grid scrolls, and when either side's steps change (a
    // step deleted, Undo): the curves' steps follow a moment after the
    // grid's, when the browser is idle.
    Effect::new(move |shown: Option<f64>| {
        let left = doc.viewport.with(|v| v.left);
        if scroll.sent.get_value() && shown != Some(left) {
            scroll.sent.set_value(false);
            return left;
        }
        let to = scroll
            .grid
            .with(|g| scroll.curves.with(|c| viewport::follow(left, g, c)));
        if let Some(to) = to {
            if (to - scroll.left.get_untracked()).abs() >= 1.0 {
                scroll.left.set(to);
            }
        }
        left
    });
    scroll
}

impl Scroll {
    /// An overlay scrolled to where it is now: by the user, unless it is
    /// where [`keep_at`] put it (or as near as its width allows).
    fn moved(self, el: &web_sys::HtmlElement) {
        let now = el.scroll_left() as f64;
        let max = (el.scroll_width() - el.client_width()).max(0) as f64;
        let want = self.left.get_untracked();
        if (now - want.min(max)).abs() < 1.0 {
            return;
        }
        self.left.set(now);
        let to = self
            .curves
            .with_untracked(|c| self.grid.with_untracked(|g| viewport::follow(now, c, g)));
        let grid = document().query_selector(".grid-scroll").ok().flatten();
        if let (Some(to), Some(grid)) = (to, grid) {
            let (to, was) = (to.round() as i32, grid.scroll_left());
            if to != was {
                grid.set_scroll_left(to);
                // No scroll, no echo to wait for (it was at its end already).
                self.sent.set_value(grid.scroll_left() != was);
            }
        }
    }
}

/// Keeps an overlay scrolled to the shared offset.
fn keep_at(el: web_sys::Element, scroll: Scroll) {
    Effect::new(move |_| {
        let left = scroll.left.get().round() as i32;
        if el.scroll_left() != left {
            el.set_scroll_left(left);
        }
    });
}
