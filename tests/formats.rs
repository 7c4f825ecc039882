//! Frozen documents of every released format version: whatever later
//! builds change, they must keep reading these, and a map stored in a
//! browser by an earlier build must load unchanged. A new format version
//! adds its migration in `format::validate` and new fixtures beside these.
//!
//! `UPDATE_FIXTURES=1 cargo test --test formats` writes missing fixtures;
//! existing ones are never rewritten.
#![cfg(not(target_arch = "wasm32"))]

use journeymap::format::{json, validate};
use journeymap::model::{template, JourneyMap};
use journeymap::storage::{versions, Library, MemoryStore, Store};
use std::path::PathBuf;

fn fixture(name: &str, make: impl FnOnce() -> String) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/format")
        .join(name);
    if !path.exists() && std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, make()).unwrap();
    }
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn v1_map() -> JourneyMap {
    let mut m = template::ecommerce("v1-ecommerce");
    m.updated = 1_764_633_600_000.0;
    m
}

#[test]
fn version_1_files_read_and_write_back_unchanged() {
    let text = fixture("v1/ecommerce.journey.json", || {
        json::to_string_pretty(&v1_map())
    });
    let (map, warnings) = validate::read_map(&text, None).expect("a v1 file reads");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(map.step_count(), 12);
    assert_eq!(
        json::to_string_pretty(&map),
        text,
        "written back byte for byte"
    );
}

/// The blueprint lane kinds came later in version 1; files using them are
/// frozen too.
#[test]
fn version_1_files_with_blueprint_lanes_read_and_write_back_unchanged() {
    let text = fixture("v1/blueprint.journey.json", || {
        let mut m = template::build("blueprint", "v1-blueprint").unwrap();
        m.updated = 1_764_633_600_000.0;
        json::to_string_pretty(&m)
    });
    let (map, warnings) = validate::read_map(&text, None).expect("a v1 file reads");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(map.lanes.iter().any(|l| l.kind.key() == "backstage"));
    assert_eq!(
        json::to_string_pretty(&map),
        text,
        "written back byte for byte"
    );
}

#[test]
fn version_1_backups_restore() {
    let text = fixture("v1/backup.json", || {
        validate::write_backup(&[v1_map(), JourneyMap::blank("v1-blank", "Blank")])
    });
    let (maps, _) = validate::read_backup(&text).expect("a v1 backup reads");
    let ids: Vec<&str> = maps.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["v1-ecommerce", "v1-blank"]);
}

#[test]
fn maps_stored_by_version_1_builds_load() {
    let stored = fixture("v1/stored-entry.json", || json::to_string(&v1_map()));
    let lib = Library::new(MemoryStore::new());
    lib.store()
        .set("journeymap:map:v1-ecommerce", &stored)
        .unwrap();
    let loaded = lib.load().unwrap();
    assert!(loaded.broken.is_empty(), "{:?}", loaded.broken);
    assert_eq!(loaded.maps[0].title, "E-commerce purchase");
    assert_eq!(json::to_string(&loaded.maps[0]), stored);
}

/// Every frozen document and every template reads back to the map it was
/// written from, and a save reads the stored edit time from the entry's end.
#[test]
fn version_1_documents_read_back_and_stamp_their_edit_time() {
    let stored = fixture("v1/stored-entry.json", || json::to_string(&v1_map()));
    for name in [
        "v1/stored-entry.json",
        "v1/ecommerce.journey.json",
        "v1/blueprint.journey.json",
    ] {
        let text = fixture(name, || unreachable!("frozen"));
        let map = json::from_str(&text).expect("reads");
        assert_eq!(json::from_str(&json::to_string(&map)), Ok(map), "{name}");
    }
    for (key, _) in template::TEMPLATES {
        let map = template::build(key, "t").unwrap();
        assert_eq!(json::from_str(&json::to_string(&map)), Ok(map));
    }
    assert_eq!(
        journeymap::storage::stamp_at_end(&stored),
        Some(1_764_633_600_000.0)
    );
    // A tab that loaded the stored copy saves over it; one that did not is told.
    let lib = Library::new(MemoryStore::new());
    lib.store()
        .set("journeymap:map:v1-ecommerce", &stored)
        .unwrap();
    let mut mine = v1_map();
    mine.title = "Mine".into();
    assert!(lib.save_checked(&mine, 1.0, 2e12).is_err());
    assert_eq!(lib.save_checked(&mine, 1_764_633_600_000.0, 2e12), Ok(2e12));
}

#[test]
fn version_1_saved_versions_read_and_take_a_new_one() {
    // Written by the build of 2026-12-03 06:11, before the chain of deltas
    // was turned round (`storage::versions`); never regenerated.
    let raw = fixture("v1/stored-history.json", || {
        panic!("this fixture comes from an earlier build")
    });
    let list = versions::decode(&raw).expect("versions of a v1 build read");
    let titles: Vec<String> = list
        .iter()
        .map(|v| json::from_str(&v.text).expect("each reads").title)
        .collect();
    assert_eq!(
        titles,
        [
            "E-commerce purchase",
            "Checkout redesign",
            "Checkout redesign, v2"
        ]
    );
    assert_eq!(list[0].summary, "Earliest saved version");
    assert_eq!(
        list[2].summary,
        "Renamed the map to \u{201c}Checkout redesign, v2\u{201d}"
    );
    let mut m = v1_map();
    m.title = "Next".into();
    let next = versions::add(Some(&raw), 1_764_633_900_000.0, &json::to_string(&m))
        .expect("a version is added")
        .expect("it is new");
    let grown = versions::decode(&next).expect("reads");
    assert_eq!(grown[..3], list[..]);
    assert_eq!(json::from_str(&grown[3].text).unwrap().title, "Next");
}
