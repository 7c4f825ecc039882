//! The personas of a map: name, role and the colour of their curves.

use super::editor::Doc;
use super::grid::focus_later;
use leptos::prelude::*;

/// A strip under the toolbar listing the map's personas.
#[component]
pub fn PersonasPanel() -> impl IntoView {
    let doc = expect_context::<Doc>();
    let ids = Memo::new(move |_| {
        doc.map(|m| m.personas.iter().map(|p| p.id.clone()).collect::<Vec<_>>())
    });
    view! {
        <section class="personas-panel" aria-label="Personas">
            <h2>"Personas"</h2>
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <PersonaCard id=id />
            </For>
            <button
                class="small"
                on:click=move |_| {
                    let id = doc.edit::<_, std::convert::Infallible>(None, |m| {
                        let n = m.personas.len() + 1;
                        Ok(m.add_persona(&format!("Persona {n}")))
                    });
                    if let Some(id) = id {
                        focus_later(format!("input[data-persona-name=\"{id}\"]"));
                    }
                }
            >
                "Add persona"
            </button>
        </section>
    }
}

#[component]
fn PersonaCard(id: String) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let info = {
        let id = id.clone();
        Memo::new(move |_| {
            doc.map(|m| {
                m.persona(&id)
                    .map(|p| (p.name.clone(), p.role.clone(), p.color.clone()))
                    .unwrap_or_default()
            })
        })
    };
    let name = move || info.with(|i| i.0.clone());
    let (id1, id2, id3, id4) = (id.clone(), id.clone(), id.clone(), id.clone());
    view! {
        <div class="persona-card">
            <label class="swatch" title="Curve colour" style:background=move || info.with(|i| i.2.clone())>
                <input
                    type="color"
                    aria-label=move || format!("Colour of persona {}", name())
                    prop:value=move || info.with(|i| i.2.clone())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        doc.edit(None, |m| m.set_persona_color(&id1, &v));
                    }
                />
            </label>
            <input
                class="persona-name"
                data-persona-name=id.clone()
                aria-label="Persona name"
                maxlength=crate::format::validate::MAX_CHARS
                placeholder="Name"
                prop:value=name
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    doc.edit(None, |m| m.rename_persona(&id2, &v));
                }
            />
            <input
                class="persona-role"
                aria-label=move || format!("Role of {}", name())
                placeholder="Role"
                prop:value=move || info.with(|i| i.1.clone())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    doc.edit(None, |m| m.set_persona_role(&id3, &v));
                }
            />
            <button
                class="icon danger-text"
                aria-label=move || format!("Delete persona {}", name())
                title="Delete persona"
                on:click=move |_| {
                    let n = name();
                    if doc.edit(None, |m| m.delete_persona(&id4)).is_some() {
                        doc.deleted(format!("persona \"{n}\""));
                    }
                }
            >
                "✕"
            </button>
        </div>
    }
}
