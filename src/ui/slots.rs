//! One signal per cell of a lane, kept in step with the lane by a single
//! effect. An edit then wakes only the cells it changed, instead of every
//! cell re-reading the lane.

use super::editor::Doc;
use crate::model::{Cell, Lane};
use leptos::prelude::*;
use std::collections::HashMap;

/// Per-step signals of one lane.
pub struct Slots<T: Send + Sync + 'static> {
    map: StoredValue<HashMap<String, RwSignal<T>>>,
}

impl<T: Send + Sync + 'static> Clone for Slots<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Slots<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Slots<T> {
    /// Slots that follow the lane `lane` of the open map, where `read`
    /// gives a step's value. An edit costs one read per slot, that is per
    /// cell in the page, however long the lane.
    pub fn follow(doc: Doc, lane: String, read: fn(Option<&Lane>, &str) -> T) -> Self {
        let slots = Slots {
            map: StoredValue::new(HashMap::new()),
        };
        Effect::new(move |_| {
            doc.map(|map| {
                let l = map.lane(&lane);
                slots.map.with_value(|m| {
                    for (step, signal) in m {
                        let value = read(l, step);
                        if signal.with_untracked(|v| *v != value) {
                            signal.set(value);
                        }
                    }
                })
            })
        });
        slots
    }

    /// The signal of `step`, made from the lane as it is now if new. It is
    /// forgotten when the calling component goes away.
    pub fn get(&self, step: &str, init: impl FnOnce() -> T) -> RwSignal<T> {
        let existing = self.map.with_value(|m| m.get(step).copied());
        let signal = existing.unwrap_or_else(|| {
            let s = RwSignal::new(init());
            self.map.update_value(|m| {
                m.insert(step.to_string(), s);
            });
            s
        });
        let (map, step) = (self.map, step.to_string());
        on_cleanup(move || {
            map.try_update_value(|m| {
                m.remove(&step);
            });
        });
        signal
    }
}

/// A step's cell in a lane.
pub fn cell_of(lane: Option<&Lane>, step: &str) -> Option<Cell> {
    lane.and_then(|l| l.cells.get(step).cloned())
}

/// A step's emotion value in a lane, if it has a finite one.
pub fn emotion_of(lane: Option<&Lane>, step: &str) -> Option<f64> {
    match lane.and_then(|l| l.cells.get(step)) {
        Some(Cell::Emotion(v)) if v.is_finite() => Some(*v),
        _ => None,
    }
}
