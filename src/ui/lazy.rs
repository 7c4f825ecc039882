//! Parts of the app that are loaded on first use: the start screen, the
//! share-link viewer and the editor's panels each live in a wasm chunk of
//! their own, so that opening a map downloads and compiles only the editor.
//!
//! With the `split` feature on wasm32 every function declared with
//! [`split_point!`] becomes a split point (Leptos's `wasm_split` helpers),
//! and `scripts/split-wasm` cuts the built module into chunks after
//! `trunk build`. Without it (host tests, the browser tests, a build
//! without the feature) the same functions run in place. See
//! docs/performance-log.md, "Code splitting".

use leptos::prelude::*;
use std::future::Future;

/// A chunk of the app could not be loaded: the network is gone, or a newer
/// version was deployed since this page was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable;

#[cfg(all(feature = "split", target_arch = "wasm32"))]
impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// Declares a function whose code is loaded on first call. It is called
/// with `.await` and returns `Err(Unavailable)` when its chunk cannot be
/// loaded; a later call tries again.
macro_rules! split_point {
    ($(#[$meta:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$meta])*
        #[cfg(all(feature = "split", target_arch = "wasm32"))]
        #[::leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<$ret, Unavailable> {
            Ok($body)
        }

        $(#[$meta])*
        #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
        pub async fn $name($($arg: $ty),*) -> Result<$ret, Unavailable> {
            Ok($body)
        }
    };
}

split_point! {
    /// The start screen.
    pub fn library() -> AnyView {
        view! { <super::library::LibraryView /> }.into_any()
    }
}

split_point! {
    /// A map from a share link, read-only; with `save`, saved as a copy
    /// and opened for editing.
    pub fn viewer(fragment: String, save: bool) -> AnyView {
        view! { <super::viewer::SharedView fragment=fragment save=save /> }.into_any()
    }
}

split_point! {
    /// The Personas panel.
    pub fn personas() -> AnyView {
        view! { <super::personas::PersonasPanel /> }.into_any()
    }
}

split_point! {
    /// The History panel (saved versions).
    pub fn history(flush: Callback<()>) -> AnyView {
        view! { <super::versions::HistoryPanel flush=flush /> }.into_any()
    }
}

split_point! {
    /// The Compare panel (current against future state).
    pub fn compare() -> AnyView {
        view! { <super::compare::ComparePanel /> }.into_any()
    }
}

split_point! {
    /// The Insights panel.
    pub fn insights() -> AnyView {
        view! { <super::insights::InsightsPanel /> }.into_any()
    }
}

split_point! {
    /// The Table view.
    pub fn table() -> AnyView {
        view! { <super::table::TableView /> }.into_any()
    }
}

split_point! {
    /// The Find bar.
    pub fn find(state: super::find::FindState) -> AnyView {
        view! { <super::find::FindBar state=state /> }.into_any()
    }
}

split_point! {
    /// The readers of every import format (`super::import::read`).
    pub fn read_import(text: String, new_id: String) -> Result<super::import::Read, String> {
        super::import::read(&text, &new_id)
    }
}

split_point! {
    /// The Mermaid `journey` text of a map, with notes on what it cannot carry.
    pub fn mermaid_export(map: crate::model::JourneyMap) -> (String, Vec<String>) {
        crate::format::mermaid::export(&map)
    }
}

/// A chunk's load, boxed so that [`show`] is compiled once for every panel.
type Load = std::sync::Arc<
    dyn Fn() -> std::pin::Pin<Box<dyn Future<Output = Result<AnyView, Unavailable>>>> + Send + Sync,
>;

/// Shows what `load` returns once its chunk is there: nothing while it
/// loads (a chunk is small and usually cached), and a message with a
/// *Try again* button when it cannot be loaded.
pub fn show<F, Fut>(what: &'static str, load: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, Unavailable>> + 'static,
{
    shown(what, std::sync::Arc::new(move || Box::pin(load())))
}

fn shown(what: &'static str, load: Load) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let loading = send_wrapper::SendWrapper::new(load());
        Suspend::new(async move {
            match loading.await {
                Ok(view) => view,
                Err(Unavailable) => view! {
                    <div class="load-failed" role="alert">
                        <span>
                            {format!("The {what} could not be loaded: the connection may be down, or Journeymap was updated since this page was opened. Your maps are safe.")}
                        </span>
                        <button class="small" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
                        <button class="small" on:click=move |_| reload()>"Reload"</button>
                    </div>
                }
                .into_any(),
            }
        })
    }
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}
