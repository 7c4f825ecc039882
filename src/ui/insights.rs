//! The Insights panel: a short, visual reading of the map.

use super::editor::Doc;
use crate::model::{format_number, insights};
use leptos::prelude::*;

/// Emotion per stage as small bars, moments of truth, where the pain is,
/// stages with no opportunity noted, targets and the funnel.
#[component]
pub fn InsightsPanel() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let data = Memo::new(move |_| doc.map(insights::read));
    let scale = Memo::new(move |_| doc.map(|m| (m.scale.min, m.scale.max)));
    view! {
        <section class="insights-panel" aria-label="Insights">
            <h2>"Insights"</h2>
            <div class="insights">
                {move || {
                    let i = data.get();
                    let (min, max) = scale.get();
                    let span = (max - min).max(1e-9);
                    let curves = i.curves.into_iter().map(|c| {
                        let bars = c.stages.into_iter().map(|s| {
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
                                <ul class="moments" aria-label="Moments of truth">
                                    {moment("Lowest:", c.lowest)}
                                    {moment("Highest:", c.highest)}
                                </ul>
                            </div>
                        }
                    }).collect_view();
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
                    let gaps = (!i.no_opportunity.is_empty()).then(|| view! {
                        <div class="insight">
                            <h3>"No opportunity noted"</h3>
                            <ul>{i.no_opportunity.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                        </div>
                    });
                    let targets = (!i.targets.is_empty()).then(|| view! {
                        <div class="insight">
                            <h3>"Metrics against targets"</h3>
                            <ul class="targets">
                                {i.targets.into_iter().map(|t| {
                                    let mark = if t.met { "✓ met" } else { "✗ missed" };
                                    view! {
                                        <li class:met=t.met class:missed=!t.met>
                                            <span class="target-mark">{mark}</span>" "
                                            {format!("{} at {}: {}{} (target {}{})", t.name, t.step, format_number(t.value), t.unit, format_number(t.target), t.unit)}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    });
                    let top = i.funnel.iter().map(|f| f.value).fold(0.0_f64, f64::max).max(1e-9);
                    let funnel = (i.funnel.len() > 1).then(|| view! {
                        <div class="insight">
                            <h3>"Conversion funnel"</h3>
                            <ul class="bars">
                                {i.funnel.into_iter().map(|f| view! {
                                    <li class="bar-row">
                                        <span class="bar-label">{f.stage}</span>
                                        <span class="bar-track" aria-hidden="true">
                                            <span class="bar funnel-bar" style:width=format!("{}%", (f.value / top * 100.0).clamp(2.0, 100.0))></span>
                                        </span>
                                        <span class="bar-value">{format!("{}{}", format_number(f.value), f.unit)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </div>
                    });
                    view! { {curves}{pain}{gaps}{targets}{funnel} }
                }}
            </div>
        </section>
    }
}
