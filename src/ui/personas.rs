//! The personas of a map: name, role, the colour of their curves, and a
//! profile card (picture or initials, demographics, goals, pains,
//! preferred channels, quote).

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
        <section class="personas-panel" aria-label="Personas" tabindex="-1">
            <h2>"Personas"</h2>
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <PersonaCard id=id />
            </For>
            <button
                class="small add-persona"
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
    let profile_id = id.clone();
    view! {
        <div class="persona-card">
          <div class="persona-row">
            <label class="swatch" title="Curve colour" style:background=move || info.with(|i| i.2.clone())>
                <input
                    type="color"
                    aria-label=move || format!("Colour of persona {}", name())
                    prop:value=move || info.with(|i| super::grid::colour_input(&i.2, crate::model::PERSONA_COLORS[0]))
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        doc.edit(None, |m| m.set_persona_color(&id1, &v));
                    }
                />
            </label>
            <input
                class="persona-name"
                data-persona-name=id.clone()
                aria-label=move || format!("Name of persona {}", name())
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
                        // The card went with its button: on to Add persona.
                        super::grid::refocus_first_later(&[".personas-panel .add-persona"]);
                    }
                }
            >
                "✕"
            </button>
          </div>
          <PersonaProfile id=profile_id />
        </div>
    }
}

/// Lines of a text area as a list, blank lines dropped.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// A persona's picture (or initials), profile and, on request, the form
/// to edit it.
#[component]
fn PersonaProfile(id: String) -> impl IntoView {
    let doc = expect_context::<Doc>();
    let editing = RwSignal::new(false);
    let persona = {
        let id = id.clone();
        Memo::new(move |_| doc.map(|m| m.persona(&id).cloned().unwrap_or_default()))
    };
    let set = {
        let id = id.clone();
        move |f: Box<dyn FnOnce(&mut crate::model::Persona)>| {
            doc.edit(None, |m| m.update_persona(&id, f));
        }
    };
    let text_field = {
        let set = set.clone();
        move |label: &'static str,
              get: fn(&crate::model::Persona) -> String,
              put: fn(&mut crate::model::Persona, String)| {
            let set = set.clone();
            view! {
                <label class="profile-field">
                    <span>{label}</span>
                    <textarea
                        rows="2"
                        maxlength=crate::format::validate::MAX_CHARS
                        prop:value=move || persona.with(get)
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set(Box::new(move |p| put(p, v)));
                        }
                    ></textarea>
                </label>
            }
        }
    };
    // A picture that does not load (a wrong address, offline) shows the
    // initials, and is not asked for again on every change.
    let failed = RwSignal::new(None::<String>);
    let avatar = move || {
        let p = persona.get();
        if p.avatar.is_empty() || failed.with(|f| f.as_deref() == Some(p.avatar.as_str())) {
            view! {
                <span class="avatar initials" style:background=p.color.clone() aria-hidden="true">{p.initials()}</span>
            }
            .into_any()
        } else {
            let url = p.avatar.clone();
            view! {
                <img
                    class="avatar"
                    src=p.avatar.clone()
                    alt=format!("Picture of {}", p.name)
                    referrerpolicy="no-referrer"
                    on:error=move |_| failed.set(Some(url.clone()))
                />
            }
            .into_any()
        }
    };
    let set_channels = set.clone();
    view! {
        <div class="persona-profile">
            <div class="profile-head">
                {avatar}
                <button
                    class="small"
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)
                >
                    {move || if editing.get() { "Done" } else { "Edit profile" }}
                </button>
            </div>
            <Show
                when=move || editing.get()
                fallback=move || {
                    let p = persona.get();
                    let list = |title: &'static str, items: Vec<String>| {
                        (!items.is_empty()).then(|| view! {
                            <div class="profile-list">
                                <span class="profile-label">{title}</span>
                                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                            </div>
                        })
                    };
                    let channels = (!p.channels.is_empty()).then(|| {
                        view! {
                            <div class="profile-list">
                                <span class="profile-label">"Prefers"</span>
                                <ul class="channels">
                                    {p.channels.into_iter().map(|c| view! {
                                        <li class="channel">{crate::ui::icon::channel_icon(c)}{c.label()}</li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        }
                    });
                    let quote = (!p.quote.is_empty()).then(|| view! { <blockquote class="quote">{format!("\u{201c}{}\u{201d}", p.quote)}</blockquote> });
                    view! {
                        {list("About", p.demographics)}
                        {list("Goals", p.goals)}
                        {list("Pains", p.pains)}
                        {channels}
                        {quote}
                    }
                }
            >
                {
                    let set_avatar = set.clone();
                    view! {
                        <label class="profile-field">
                            <span>"Picture (an https: or http: address, or a data:image; empty shows initials)"</span>
                            <input
                                type="url"
                                prop:value=move || persona.with(|p| p.avatar.clone())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev).trim().to_string();
                                    set_avatar(Box::new(move |p| p.avatar = v));
                                    // A refused address (the message says why) leaves
                                    // the field showing the picture still kept.
                                    let kept = persona.with_untracked(|p| p.avatar.clone());
                                    if let Some(i) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                                        if i.value().trim() != kept {
                                            i.set_value(&kept);
                                        }
                                    }
                                }
                            />
                        </label>
                    }
                }
                {text_field("About: age, place, work… (one per line)", |p| p.demographics.join("\n"), |p, v| p.demographics = lines(&v))}
                {text_field("Goals (one per line)", |p| p.goals.join("\n"), |p, v| p.goals = lines(&v))}
                {text_field("Pains and challenges (one per line)", |p| p.pains.join("\n"), |p, v| p.pains = lines(&v))}
                <fieldset class="profile-channels">
                    <legend>"Preferred channels"</legend>
                    {crate::model::Channel::ALL
                        .into_iter()
                        .map(|c| {
                            let set = set_channels.clone();
                            view! {
                                <label>
                                    <input
                                        type="checkbox"
                                        prop:checked=move || persona.with(|p| p.channels.contains(&c))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            set(Box::new(move |p| {
                                                p.channels.retain(|x| *x != c);
                                                if on {
                                                    p.channels.push(c);
                                                }
                                            }));
                                        }
                                    />
                                    {crate::ui::icon::channel_icon(c)}
                                    {c.label()}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                {text_field("Quote, in their words", |p| p.quote.clone(), |p, v| p.quote = v.trim().to_string())}
            </Show>
        </div>
    }
}
