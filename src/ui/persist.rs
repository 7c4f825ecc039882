//! The app's one library of maps, and the few browser calls around it:
//! the clock, random ids and file downloads.

/// The name of a downloaded file.
pub use crate::format::file_name;
use crate::model::JourneyMap;
use crate::storage::{Library, MemoryStore, Store, StoreError};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    static LIBRARY: RefCell<Option<Library<Box<dyn Store>>>> = const { RefCell::new(None) };
}

/// Opens local storage, falling back to memory. Returns why storage is
/// unavailable, if it is.
pub fn init() -> Option<StoreError> {
    #[cfg(target_arch = "wasm32")]
    let (store, problem): (Box<dyn Store>, _) = match crate::storage::local::LocalStore::open() {
        Ok(s) => (Box::new(s), None),
        Err(e) => (Box::new(MemoryStore::new()), Some(e)),
    };
    #[cfg(not(target_arch = "wasm32"))]
    let (store, problem): (Box<dyn Store>, Option<StoreError>) =
        (Box::new(MemoryStore::new()), None);
    LIBRARY.with(|l| *l.borrow_mut() = Some(Library::new(store)));
    problem
}

/// True when the browser's storage is there but full (nothing more can be
/// saved until space is freed).
pub fn storage_full() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        crate::storage::local::LocalStore.is_full()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Runs `f` with the library.
pub fn with<R>(f: impl FnOnce(&Library<Box<dyn Store>>) -> R) -> R {
    LIBRARY.with(|l| {
        let mut l = l.borrow_mut();
        let lib = l.get_or_insert_with(|| Library::new(Box::new(MemoryStore::new())));
        f(lib)
    })
}

/// Milliseconds since the Unix epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// A new unique map id.
pub fn new_map_id() -> String {
    crate::storage::new_map_id(now(), js_sys::Math::random())
}

/// Saves a map with the current time as its edit time.
pub fn save(map: &JourneyMap) -> Result<(), StoreError> {
    let mut stamped = map.clone();
    stamped.updated = now();
    with(|l| l.save(&stamped))
}

/// Offers `text` as a file download.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_parts(
        name,
        mime,
        &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)),
    )
}

/// Offers a file made of `parts` (strings or byte arrays) as a download.
pub fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Downloads a map as `<title>.journey.json`.
pub fn download_map(map: &JourneyMap) -> Result<(), String> {
    download(
        &file_name(&map.title, ".journey.json"),
        "application/json",
        &crate::format::json::to_string_pretty(map),
    )
}

/// "just now", "5 min ago", "yesterday", or a date.
pub fn ago(then: f64, now: f64) -> String {
    if then <= 0.0 {
        // No time kept (a file written with none, such as a template).
        return "some time ago".into();
    }
    let s = ((now - then) / 1000.0).max(0.0);
    if s < 45.0 {
        "just now".into()
    } else if s < 3600.0 {
        format!("{} min ago", (s / 60.0).round().max(1.0))
    } else if s < 86_400.0 {
        let h = (s / 3600.0).round();
        format!("{h} hour{} ago", if h == 1.0 { "" } else { "s" })
    } else if s < 2.0 * 86_400.0 {
        "yesterday".into()
    } else {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(then));
        format!(
            "{}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    }
}
