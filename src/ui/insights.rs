//! The Insights panel: a short, visual reading of the map.
//!
//! It follows the map while it is open, but not within an edit's own task:
//! at 1,000 steps it holds about 3,500 elements, and re-drawing them made
//! moving a point take 77 ms. It reads the map again when the browser is
//! next idle, and re-draws only the parts whose reading changed. Long
//! lists show their first rows until the user asks for all
//! ([`super::long_list`]).

use super::editor::Doc;
use super::long_list::{first, toggle as show_all};
use crate::model::{format_number, insights, with_unit};
use leptos::prelude::*;

/// Emotion per stage as small bars, moments of truth, where the pain is,
/// stages with no opportunity noted, targets and the funnel.
#[component]
pub fn InsightsPanel() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let read = move || doc.map_untracked(|m| (insights::read(m), (m.scale.min, m.scale.max)));
    let data = doc.follow_when_idle(read);
    // Each part re-draws only when its own reading changed: moving a point
    // leaves the targets and the funnel be.
    let curves = Memo::new(move |_| data.with(|(i, scale)| (i.curves.clone(), *scale)));
    let rest = Memo::new(move |_| {
        data.with(|(i, _)| insights::Insights {
            curves: Vec::new(),
            ..i.clone()
        })
    });
    // The lists shown whole ("curve 0", "targets", …).
    let whole = RwSignal::new(std::collections::HashSet::<String>::new());
    let all = move |list: &str| whole.with(|w| w.contains(list));
    // Below a list: "Show all N", or "Show fewer" once pressed.
    let toggle = move |list: &str, total: usize| {
        let list = list.to_string();
        show_all(all(&list), total, move || {
            whole.update(|w| {
                if !w.remove(&list) {
                    w.insert(list.clone());
                }
            })
        })
    };
    view! {
        // Focusable, as it may hold no control: the keyboard can reach and
        // scroll it, and a click in it keeps the focus there, so Escape
        // closes it (the other panels take a click's focus likewise).
        <section class="insights-panel" aria-label="Insights" tabindex="0">
            <h2>"Insights"</h2>
            <div class="insights">
                {move || {
                    let (curves, (min, max)) = curves.get();
                    let span = (max - min).max(1e-9);
                    curves.into_iter().enumerate().map(|(k, c)| {
                        let list = format!("curve {k}");
                        let total = c.stages.len();
                        let bars = first(c.stages, all(&list)).into_iter().map(|s| {
                            let (width, text) = match s.average {
                                Some(a) => (((a - min) / span * 100.0).clamp(2.0, 100.0), format_number((a * 10.0).round() / 10.0)),
                                None => (0.0, "–".to_string()),
                            };
                            view! {
                                <li class="bar-row">
                                    <span class="bar-label">{s.stage}</span>
                                    <span class="bar-track" aria-hidden="true">
                                        <span class="bar" style:width=format!("{width}%") style:background=c.color.clone()></span>
                                    </span>
                                    <span class="bar-value">{text}</span>
                                </li>
                            }
                        }).collect_view();
                        let moment = |label: &'static str, m: Option<(String, f64)>| m.map(|(step, v)| view! {
                            <li><span class="moment-label">{label}</span>" "{step}" ("{format_number(v)}")"</li>
                        });
                        view! {
                            <div class="insight">
                                <h3>{format!("Average emotion per stage — {}", c.name)}</h3>
                                <ul class="bars">{bars}</ul>
                                {toggle(&list, total)}
                                <ul class="moments" aria-label="Moments of truth">
                                    {moment("Lowest:", c.lowest)}
                                    {moment("Highest:", c.highest)}
                                </ul>
                            </div>
                        }
                    }).collect_view()
                }}
                {move || {
                    let i = rest.get();
                    let pain = (!i.pain.is_empty()).then(|| view! {
                        <div class="insight">
                            <h3>"Most pain points"</h3>
                            <ol>
                                {i.pain.into_iter().map(|(step, n)| view! {
                                    <li>{step}" — "{n}{if n == 1 { " pain point" } else { " pain points" }}</li>
                                }).collect_view()}
                            </ol>
                        </div>
                    });
                    let (total_gaps, total_targets, total_funnel) = (i.no_opportunity.len(), i.targets.len(), i.funnel.len());
                    let gaps = (!i.no_opportunity.is_empty()).then(|| view! {
                        <div class="insight">
                            <h3>"No opportunity noted"</h3>
                            <ul>{first(i.no_opportunity, all("gaps")).into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                            {toggle("gaps", total_gaps)}
                        </div>
                    });
                    let targets = (!i.targets.is_empty()).then(|| view! {
                        <div class="insight">
                            <h3>"Metrics against targets"</h3>
                            <ul class="targets">
                                {first(i.targets, all("targets")).into_iter().map(|t| {
                                    let mark = if t.met { "✓ met" } else { "✗ missed" };
                                    view! {
                                        <li class:met=t.met class:missed=!t.met>
                                            <span class="target-mark">{mark}</span>" "
                                            {format!("{} at {}: {} (target {})", t.name, t.step, with_unit(t.value, &t.unit), with_unit(t.target, &t.unit))}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {toggle("targets", total_targets)}
                        </div>
                    });
                    let top = i.funnel.iter().map(|f| f.value).fold(0.0_f64, f64::max).max(1e-9);
                    let funnel = (i.funnel.len() > 1).then(|| view! {
                        <div class="insight">
                            <h3>"Conversion funnel"</h3>
                            <ul class="bars">
                                {first(i.funnel, all("funnel")).into_iter().map(|f| view! {
                                    <li class="bar-row">
                                        <span class="bar-label">{f.stage}</span>
                                        <span class="bar-track" aria-hidden="true">
                                            <span class="bar funnel-bar" style:width=format!("{}%", (f.value / top * 100.0).clamp(2.0, 100.0))></span>
                                        </span>
                                        <span class="bar-value">{with_unit(f.value, &f.unit)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                            {toggle("funnel", total_funnel)}
                        </div>
                    });
                    view! { {pain}{gaps}{targets}{funnel} }
                }}
            </div>
        </section>
    }
}
