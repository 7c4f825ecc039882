//! `LocalStore` and the library of maps on the browser's real local storage,
//! and what the embed keeps of the maps it draws, in headless Chromium.
//! Every test uses its own keys and removes them.
#![cfg(target_arch = "wasm32")]

use journeymap::format::json;
use journeymap::model::JourneyMap;
use journeymap::storage::local::LocalStore;
use journeymap::storage::{Library, Store, StoreError, BROKEN_PREFIX, MAP_PREFIX};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The e-commerce template, read from the file the editor fetches (its
/// builder is host-only, not in the wasm build).
fn ecommerce(id: &str) -> JourneyMap {
    let mut m = json::from_str(include_str!("../templates/ecommerce.journey.json")).unwrap();
    m.id = id.into();
    m
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Removes every key starting with `prefix`, straight through the browser.
fn remove_prefixed(prefix: &str) {
    let s = storage();
    let keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in keys {
        s.remove_item(&k).unwrap();
    }
}

#[wasm_bindgen_test]
fn open_works_and_leaves_no_probe_behind() {
    let store = LocalStore::open().expect("local storage opens");
    assert_eq!(store.get("journeymap:probe").unwrap(), None);
}

#[wasm_bindgen_test]
fn set_get_remove_and_keys_round_trip() {
    let store = LocalStore::open().unwrap();
    let key = "web-test:round-trip";
    let value = "quotes \" and <b>tags</b>, ünïcødé, emoji 😀, newline\n";
    assert_eq!(store.get(key).unwrap(), None);
    store.set(key, value).unwrap();
    assert_eq!(store.get(key).unwrap().as_deref(), Some(value));
    assert_eq!(
        storage().get_item(key).unwrap().as_deref(),
        Some(value),
        "written to the browser's own local storage"
    );
    assert!(store.keys().unwrap().iter().any(|k| k == key));
    store.set(key, "second").unwrap();
    assert_eq!(store.get(key).unwrap().as_deref(), Some("second"));
    store.remove(key).unwrap();
    assert_eq!(store.get(key).unwrap(), None);
    assert!(!store.keys().unwrap().iter().any(|k| k == key));
    // Removing what is not there is not an error.
    store.remove(key).unwrap();
}

#[wasm_bindgen_test]
fn the_end_of_a_value_is_read_without_the_rest() {
    let store = LocalStore::open().unwrap();
    let key = "web-test:tail";
    assert_eq!(store.tail(key, 8).unwrap(), None);
    store.set(key, "ünïcødé 😀,\"updated\":12.5}").unwrap();
    let (tail, len) = store.tail(key, 15).unwrap().unwrap();
    assert_eq!(tail, "\"updated\":12.5}");
    // UTF-16 units: never more than the UTF-8 length.
    assert_eq!(len, "ünïcødé 😀,\"updated\":12.5}".encode_utf16().count());
    // A cut inside a surrogate pair starts after it, not on half a character.
    store.set(key, "😀").unwrap();
    assert_eq!(store.tail(key, 1).unwrap(), Some((String::new(), 2)));
    assert_eq!(store.tail(key, 5).unwrap(), Some(("😀".to_string(), 2)));
    store.remove(key).unwrap();
}

#[wasm_bindgen_test]
fn a_stale_tab_is_caught_on_real_storage() {
    let lib = Library::new(LocalStore::open().unwrap());
    let map = ecommerce("web-test-stale");
    let t = lib.save_checked(&map, 0.0, 10.0).unwrap();
    let mut other = map.clone();
    other.title = "Other tab".into();
    lib.save_checked(&other, t, 20.0).unwrap();
    match lib.save_checked(&map, t, 30.0) {
        Err(journeymap::storage::SaveError::Changed(theirs)) => {
            assert_eq!(theirs.title, "Other tab")
        }
        other => panic!("{other:?}"),
    }
    remove_prefixed("journeymap:map:web-test-stale");
    remove_prefixed("journeymap:history:web-test-stale");
}

#[wasm_bindgen_test]
fn a_saved_map_loads_back_the_same() {
    let lib = Library::new(LocalStore::open().unwrap());
    let map = ecommerce("web-test-roundtrip");
    lib.save(&map).unwrap();
    assert!(lib.contains("web-test-roundtrip"));
    assert_eq!(lib.get("web-test-roundtrip").unwrap().as_ref(), Some(&map));
    let loaded = lib.load().unwrap();
    let found = loaded
        .maps
        .iter()
        .find(|m| m.id == "web-test-roundtrip")
        .expect("the saved map is listed");
    assert_eq!(found, &map);
    lib.store()
        .remove("journeymap:map:web-test-roundtrip")
        .unwrap();
    assert!(!lib.contains("web-test-roundtrip"));
}

#[wasm_bindgen_test]
fn a_corrupted_entry_is_moved_aside_and_good_maps_still_load() {
    let bad_key = format!("{MAP_PREFIX}bad");
    let kept_key = format!("{BROKEN_PREFIX}bad");
    remove_prefixed(&kept_key);
    let raw = "{\"format\":\"journ";
    storage().set_item(&bad_key, raw).unwrap();
    let lib = Library::new(LocalStore::open().unwrap());
    lib.save(&ecommerce("web-test-good")).unwrap();

    let loaded = lib.load().unwrap();
    assert!(loaded.maps.iter().any(|m| m.id == "web-test-good"));
    let broken = loaded
        .broken
        .iter()
        .find(|b| b.key == bad_key)
        .expect("the bad entry is reported");
    assert_eq!(broken.kept_at.as_deref(), Some(kept_key.as_str()));
    assert!(!broken.error.is_empty());
    assert_eq!(storage().get_item(&kept_key).unwrap().as_deref(), Some(raw));
    assert_eq!(storage().get_item(&bad_key).unwrap(), None);

    // Loading again finds nothing broken under that key.
    let again = lib.load().unwrap();
    assert!(again.broken.iter().all(|b| b.key != bad_key));
    assert!(again.maps.iter().any(|m| m.id == "web-test-good"));

    lib.store().remove("journeymap:map:web-test-good").unwrap();
    remove_prefixed(&kept_key);
}

/// Fills local storage until even a small write fails. Returns the keys used.
fn fill_storage() -> Vec<String> {
    let s = storage();
    let mut keys = Vec::new();
    let mut chunk = 1 << 20; // characters
    while chunk >= 256 {
        let key = format!("web-test:fill:{}", keys.len());
        if s.set_item(&key, &"x".repeat(chunk)).is_ok() {
            keys.push(key);
        } else {
            chunk /= 2;
        }
        assert!(keys.len() < 10_000, "local storage never filled up");
    }
    keys
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_as_quota_and_the_saved_map_survives() {
    let lib = Library::new(LocalStore::open().unwrap());
    let map = ecommerce("web-test-quota");
    lib.save(&map).unwrap();
    let mut bigger = map.clone();
    bigger.description = "z".repeat(64 * 1024);

    // Observe everything while full, clean up, and only then assert: a
    // failed assertion aborts the test module, and the next test would
    // find the storage still full.
    let filled = fill_storage();
    let raw_set = lib.store().set("web-test:one-more", &"y".repeat(64 * 1024));
    let save = lib.save(&bigger);
    let stored = lib.get("web-test-quota");
    for key in filled
        .iter()
        .map(String::as_str)
        .chain(["web-test:one-more"])
    {
        storage().remove_item(key).unwrap();
    }
    let save_with_room = lib.save(&bigger);
    lib.store().remove("journeymap:map:web-test-quota").unwrap();

    assert!(filled.len() > 1, "filled with {} values", filled.len());
    assert_eq!(raw_set, Err(StoreError::Quota));
    assert_eq!(save, Err(StoreError::Quota));
    assert_eq!(
        stored.unwrap().as_ref(),
        Some(&map),
        "the saved copy is intact"
    );
    assert_eq!(
        save_with_room,
        Ok(()),
        "with room again, the bigger map saves"
    );
}

/// A `div` with the embed's map of 300 steps drawn in it, in the page.
fn embedded(doc: &web_sys::Document, id: &str) -> web_sys::Element {
    use journeymap::embed::dom;
    let target = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&target).unwrap();
    let mut map = ecommerce(id);
    let stage = &mut map.stages[0];
    for i in 0..300 {
        stage.steps.push(journeymap::model::Step {
            id: format!("extra{i}"),
            name: format!("Extra {i}"),
        });
    }
    dom::render_map(&target, map, &[], &dom::Options::default()).unwrap();
    target
}

#[wasm_bindgen_test]
fn the_embed_lets_go_of_maps_taken_out_of_the_page() {
    use journeymap::embed::dom;
    let doc = web_sys::window().unwrap().document().unwrap();
    let before = dom::kept();
    let first = embedded(&doc, "kept-1");
    let second = embedded(&doc, "kept-2");
    assert_eq!(
        dom::kept(),
        before + 2,
        "both maps on show are kept for scrolling"
    );

    // A wiki swaps its content: the first map leaves the page.
    first.remove();
    let third = embedded(&doc, "kept-3");
    assert_eq!(dom::kept(), before + 2, "the removed map was let go");
    assert!(first.query_selector("[data-jm]").unwrap().is_none());

    // Drawing into the same element again replaces what was kept for it.
    let again = embedded(&doc, "kept-4");
    dom::render_map(&again, ecommerce("kept-5"), &[], &dom::Options::default()).unwrap();
    assert_eq!(dom::kept(), before + 3);
    for e in [second, third, again] {
        e.remove();
    }
}
