//! Soak test on the host: 5,000 random edits by two tabs on one map, with
//! undo, redo, reloads and conflicts, through the same storage library the
//! browser uses. At the end the stored map equals the tab's model, and the
//! undo history replays to the same state.
#![cfg(not(target_arch = "wasm32"))]

use journeymap::format::json;
use journeymap::history::History;
use journeymap::model::{template, Cell, JourneyMap, LaneKind};
use journeymap::storage::{Library, MemoryStore, SaveError};

/// A small deterministic random source (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One tab: its undo history and the edit time of the copy it last saw.
struct Tab {
    history: History,
    base: f64,
}

impl Tab {
    fn open(lib: &Library<&MemoryStore>, id: &str) -> Tab {
        let map = lib.get(id).unwrap().expect("the map is stored");
        Tab {
            base: map.updated,
            history: History::new(map),
        }
    }
}

/// A random edit of the kind the editor makes.
fn edit(map: &mut JourneyMap, rng: &mut Rng, n: usize) {
    let steps: Vec<String> = map.steps().map(|s| s.id.clone()).collect();
    let step = steps.get(rng.below(steps.len())).cloned();
    let lane = map
        .lanes
        .get(rng.below(map.lanes.len()))
        .map(|l| (l.id.clone(), l.kind));
    let _ = match (rng.below(10), step, lane) {
        (0, Some(s), _) => map.rename_step(&s, &format!("Step {n}")).map(drop),
        (1, _, _) if map.step_count() < 40 => {
            let stage = map.stages[rng.below(map.stages.len())].id.clone();
            map.add_step(&stage, None, &format!("New {n}")).map(drop)
        }
        (2, Some(s), _) if map.step_count() > 3 => map.delete_step(&s).map(drop),
        (3, Some(s), _) => map
            .move_step(&s, if rng.below(2) == 0 { -1 } else { 1 })
            .map(drop),
        (4, _, Some((l, _))) => map.move_lane(&l, 1).map(drop),
        (5, _, _) if map.lanes.len() < 12 => map.add_lane(LaneKind::Text, None, "Notes").map(drop),
        (6, Some(s), Some((l, LaneKind::Emotion))) => {
            map.set_emotion(&l, &s, Some(rng.below(5) as f64 - 2.0))
        }
        (_, Some(s), Some((l, kind))) if kind != LaneKind::Emotion => {
            let cell = match kind {
                LaneKind::Text | LaneKind::Quotes => Cell::Text(format!("Text {n}")),
                _ => kind.empty_cell(),
            };
            map.set_cell(&l, &s, cell)
        }
        (_, Some(s), Some((l, _))) => map.clear_cell(&l, &s),
        _ => {
            map.set_title(&format!("Title {n}"));
            Ok(())
        }
    };
}

#[test]
fn five_thousand_random_edits_by_two_tabs_lose_nothing() {
    let store = MemoryStore::new();
    let lib = Library::new(&store);
    lib.save(&template::ecommerce("soak")).unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut tabs = [Tab::open(&lib, "soak"), Tab::open(&lib, "soak")];
    let mut clock = 1_000.0;
    // The edits of tab 0 since it last reloaded, to replay at the end.
    let mut start = tabs[0].history.current().clone();
    let mut replay: Vec<JourneyMap> = Vec::new();

    for n in 0..5_000 {
        // Mostly typing, now and then a pause long enough for a version.
        clock += 500.0
            + if rng.below(50) == 0 {
                90_000.0
            } else {
                rng.below(3_000) as f64
            };
        let t = if rng.below(10) < 8 { 0 } else { 1 };
        let tab = &mut tabs[t];
        match rng.below(20) {
            0 => {
                tab.history.undo();
            }
            1 => {
                tab.history.redo();
            }
            2 => {
                // Reload: the tab reads what is stored and starts afresh.
                *tab = Tab::open(&lib, "soak");
                if t == 0 {
                    start = tab.history.current().clone();
                    replay.clear();
                }
                continue;
            }
            _ => {
                let _ = tab.history.apply::<(), String>(None, |m| {
                    edit(m, &mut rng, n);
                    Ok(())
                });
            }
        }
        if t == 0 {
            replay.push(tab.history.current().clone());
        }
        // Save, as the editor does after every change.
        match lib.save_checked(tab.history.current(), tab.base, clock) {
            Ok(stamp) => tab.base = stamp,
            Err(SaveError::Changed(theirs)) => {
                // The user chooses: keep mine (save over theirs, knowingly)
                // or take theirs (as an undoable step).
                if rng.below(2) == 0 {
                    tab.base = theirs.updated;
                    tab.base = lib
                        .save_checked(tab.history.current(), tab.base, clock)
                        .expect("keep mine saves");
                } else {
                    tab.base = theirs.updated;
                    let theirs = *theirs;
                    tab.history
                        .apply::<(), String>(None, |m| {
                            *m = theirs;
                            Ok(())
                        })
                        .unwrap();
                    if t == 0 {
                        replay.push(tab.history.current().clone());
                    }
                }
            }
            Err(e) => panic!("edit {n}: {e}"),
        }
        // What is stored is what the saving tab shows, but for the time.
        let stored = lib.get("soak").unwrap().unwrap();
        let mut shown = tabs[t].history.current().clone();
        shown.updated = stored.updated;
        assert_eq!(
            stored, shown,
            "edit {n}: the stored map is the one in the tab"
        );
        assert!(stored.check().is_empty(), "edit {n}: {:?}", stored.check());
    }

    // The stored map reads back as tab 0 has it once tab 0 saves last.
    let final_stamp = lib
        .save_checked(tabs[0].history.current(), tabs[0].base, clock + 1.0)
        .or_else(|e| match e {
            SaveError::Changed(theirs) => {
                lib.save_checked(tabs[0].history.current(), theirs.updated, clock + 1.0)
            }
            e => Err(e),
        })
        .unwrap();
    let stored = json::from_str(&store_text(&store)).unwrap();
    let mut mine = tabs[0].history.current().clone();
    mine.updated = final_stamp;
    assert_eq!(stored, mine);

    // Undo all the way back and redo all the way forward: the same state.
    let h = &mut tabs[0].history;
    let now = h.current().clone();
    while h.undo() {}
    while h.redo() {}
    assert_eq!(h.current(), &now);
    // And the recorded states since the last reload end where tab 0 is.
    if let Some(last) = replay.last() {
        assert_eq!(last, &now);
    } else {
        assert_eq!(start, now);
    }
    // The saved versions are all readable maps.
    let versions = lib.versions("soak").unwrap();
    assert!(!versions.is_empty() && versions.len() <= 20);
    for v in versions {
        json::from_str(&v.text).expect("every saved version reads");
    }
}

fn store_text(store: &MemoryStore) -> String {
    use journeymap::storage::Store;
    store.get("journeymap:map:soak").unwrap().unwrap()
}
