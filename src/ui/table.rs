//! The Table view: the whole map as one plain, accessible table, emotion
//! values included, for screen readers and for copying into documents.

use super::editor::Doc;
use crate::model::{format_number, Cell, LaneKind};
use leptos::prelude::*;

/// One row per step, one column per lane; the stage heads its steps.
#[component]
pub fn TableView() -> impl IntoView {
    let doc = expect_context::<Doc>();
    view! {
        // Its own scroll area, reached with Tab and scrolled with the keys.
        <div class="table-view" tabindex="0" role="region" aria-label="Table view">
            {move || doc.map(|m| {
                let state = if m.state == crate::model::MapState::Future { "future state" } else { "current state" };
                let caption = format!("{} ({state})", crate::model::shown_title(&m.title));
                let heads = m.lanes.iter().map(|l| view! { <th scope="col">{l.title.clone()}</th> }).collect_view();
                let rows = m.stages.iter().flat_map(|s| {
                    s.steps.iter().enumerate().map(move |(i, t)| {
                        let stage = (i == 0).then(|| view! {
                            <th scope="rowgroup" rowspan=s.steps.len()>{s.name.clone()}</th>
                        });
                        let cells = m.lanes.iter().map(|l| {
                            let text = match l.cells.get(&t.id) {
                                None => String::new(),
                                Some(Cell::Emotion(v)) if l.kind == LaneKind::Emotion => match m.scale.label(*v) {
                                    Some(label) => format!("{} ({label})", format_number(*v)),
                                    None => format_number(*v),
                                },
                                Some(c) => c.summary(),
                            };
                            view! { <td>{text}</td> }
                        }).collect_view();
                        view! { <tr>{stage}<th scope="row">{t.name.clone()}</th>{cells}</tr> }
                    })
                }).collect_view();
                view! {
                    <table class="plain-table">
                        <caption>{caption}</caption>
                        <thead><tr><th scope="col">"Stage"</th><th scope="col">"Step"</th>{heads}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            })}
        </div>
    }
}
