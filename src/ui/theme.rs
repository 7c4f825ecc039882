//! Light, dark, or the system's choice: kept in this browser and applied
//! as `data-theme` on the page's root element.

use leptos::prelude::*;

/// The key holding the chosen theme.
const KEY: &str = "journeymap:settings:theme";

/// The user's choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Auto,
    Light,
    Dark,
}

impl Theme {
    fn parse(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The next choice of the toggle: Auto → Dark → Light → Auto.
    fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Auto,
        }
    }

    fn icon(self) -> &'static str {
        match self {
            Theme::Auto => "\u{25d0}",
            Theme::Light => "\u{2600}\u{fe0e}",
            Theme::Dark => "\u{263e}",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Theme::Auto => "Theme: system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored choice, or Auto.
pub fn stored() -> Theme {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map_or(Theme::Auto, |v| Theme::parse(&v))
}

/// Shows `theme` on the page.
pub fn apply(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        t => root.set_attribute("data-theme", t.key()),
    };
}

/// A button that cycles the theme; the choice is kept in this browser
/// (silently not kept where storage is blocked).
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(stored());
    view! {
        <button
            class="small theme-toggle"
            title="Switch between the system's theme, dark and light"
            on:click=move |_| {
                let next = theme.get_untracked().next();
                theme.set(next);
                apply(next);
                if let Some(s) = storage() {
                    let _ = s.set_item(KEY, next.key());
                }
            }
        >
            // The toolbar shows the icon alone; the name stays for screen readers.
            <span class="theme-icon" aria-hidden="true">{move || theme.get().icon()}</span>
            <span class="theme-name">{move || theme.get().label()}</span>
        </button>
    }
}
