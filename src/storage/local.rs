//! The browser's local storage, through `gloo-storage`.

use super::{Store, StoreError};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `Storage.getItem`, leaving the value a JS string (web-sys copies it
    /// into a Rust `String`).
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_js(this: &RawStorage, key: &str) -> Result<JsValue, JsValue>;
}

/// `window.localStorage`, once it is known to work.
pub struct LocalStore;

impl LocalStore {
    /// Opens local storage, or says why it cannot be used (blocked by the
    /// browser, a sandboxed frame, private mode without storage).
    pub fn open() -> Result<LocalStore, StoreError> {
        let window =
            web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(_)) => {}
            Ok(None) => return Err(StoreError::Unavailable("the browser has none".into())),
            Err(e) => return Err(StoreError::Unavailable(describe(&e))),
        }
        match LocalStore.set(PROBE, "1") {
            Ok(()) => LocalStore.remove(PROBE)?,
            // Full, but there: the maps in it can still be read, listed
            // and downloaded (the start screen says it is full).
            Err(StoreError::Quota) => {
                LocalStore.get(PROBE)?;
            }
            Err(e) => return Err(e),
        }
        Ok(LocalStore)
    }

    /// True when storage has no room for 4 KB more, less than a small map
    /// needs: it is full for what users do.
    pub fn is_full(&self) -> bool {
        match self.set(PROBE, &"x".repeat(4096)) {
            Err(StoreError::Quota) => true,
            _ => {
                let _ = self.remove(PROBE);
                false
            }
        }
    }
}

const PROBE: &str = "journeymap:probe";

fn describe(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| format!("{}: {}", d.name(), d.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "access was refused".into())
}

fn error(e: wasm_bindgen::JsValue) -> StoreError {
    match e.dyn_ref::<web_sys::DomException>() {
        Some(d) if d.name() == "QuotaExceededError" || d.code() == 22 => StoreError::Quota,
        _ => StoreError::Other(describe(&e)),
    }
}

impl Store for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        LocalStorage::raw().get_item(key).map_err(error)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        LocalStorage::raw().set_item(key, value).map_err(error)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        LocalStorage::raw().remove_item(key).map_err(error)
    }
    /// Only the last `n` UTF-16 units cross into wasm; the length is in
    /// UTF-16 units, never more than the UTF-8 length.
    fn tail(&self, key: &str, n: usize) -> Result<Option<(String, usize)>, StoreError> {
        let storage = LocalStorage::raw();
        let value = storage
            .unchecked_ref::<RawStorage>()
            .get_item_js(key)
            .map_err(error)?;
        let Some(text) = value.dyn_ref::<js_sys::JsString>() else {
            return Ok(None);
        };
        let len = text.length();
        let start = len.saturating_sub(n.try_into().unwrap_or(u32::MAX));
        // A slice that starts inside a surrogate pair starts one unit later.
        let mut slice = text.slice(start, len);
        if !slice.is_valid_utf16() {
            slice = text.slice(start + 1, len);
        }
        let tail = slice.as_string().unwrap_or_default();
        Ok(Some((tail, len as usize)))
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let raw = LocalStorage::raw();
        let n = raw.length().map_err(error)?;
        Ok((0..n).filter_map(|i| raw.key(i).ok().flatten()).collect())
    }
}
