//! Undo and redo for one map, by snapshots.

use crate::model::JourneyMap;

/// How many steps back undo can go.
pub const DEPTH: usize = 200;

/// The current map with its undo and redo stacks.
#[derive(Clone, Debug)]
pub struct History {
    current: JourneyMap,
    past: Vec<(JourneyMap, Option<String>)>,
    future: Vec<JourneyMap>,
    /// The coalescing key of the last edit, while it may still merge.
    open: Option<String>,
}

impl History {
    /// Starts a history at `map`, with nothing to undo.
    pub fn new(map: JourneyMap) -> Self {
        History {
            current: map,
            past: Vec::new(),
            future: Vec::new(),
            open: None,
        }
    }

    /// The map as it is now.
    pub fn current(&self) -> &JourneyMap {
        &self.current
    }

    /// Applies `edit` as one undoable step. An edit that changes nothing or
    /// fails leaves no step behind. Successive edits with the same
    /// `coalesce` key (a drag, typing in one field) merge into one step.
    pub fn apply<T, E>(
        &mut self,
        coalesce: Option<&str>,
        edit: impl FnOnce(&mut JourneyMap) -> Result<T, E>,
    ) -> Result<T, E> {
        let before = self.current.clone();
        let out = edit(&mut self.current);
        if out.is_err() {
            self.current = before;
            return out;
        }
        if self.current == before {
            return out;
        }
        let merge = coalesce.is_some() && self.open.as_deref() == coalesce;
        if !merge {
            self.past.push((before, coalesce.map(String::from)));
            if self.past.len() > DEPTH {
                self.past.remove(0);
            }
        }
        self.open = coalesce.map(String::from);
        self.future.clear();
        out
    }

    /// Ends any open coalescing run, so the next edit is a step of its own.
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// Replaces the map without recording a step (a reload from storage).
    pub fn reset(&mut self, map: JourneyMap) {
        *self = History::new(map);
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Steps back; returns false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some((prev, _)) = self.past.pop() else {
            return false;
        };
        self.open = None;
        self.future.push(std::mem::replace(&mut self.current, prev));
        true
    }

    /// Steps forward again; returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.future.pop() else {
            return false;
        };
        self.open = None;
        let prev = std::mem::replace(&mut self.current, next);
        self.past.push((prev, None));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ops::OpError, template};

    fn h() -> History {
        History::new(template::ecommerce("m"))
    }

    #[test]
    fn undo_after_delete_brings_the_step_and_its_cells_back() {
        let mut h = h();
        let original = h.current().clone();
        h.apply(None, |m| m.delete_step("t6")).unwrap();
        assert!(h.current().find_step("t6").is_none());
        assert!(h.undo());
        assert_eq!(h.current(), &original);
        assert!(h.redo());
        assert!(h.current().find_step("t6").is_none());
        assert!(!h.redo());
    }

    #[test]
    fn failed_and_empty_edits_leave_no_step() {
        let mut h = h();
        let r: Result<(), OpError> = h.apply(None, |m| {
            m.set_title("half done");
            m.delete_step("missing").map(|_| ())
        });
        assert!(r.is_err());
        assert_eq!(
            h.current().title,
            "E-commerce purchase",
            "a failed edit is rolled back"
        );
        h.apply(None, |m| m.rename_stage("s1", "Awareness"))
            .unwrap();
        assert!(!h.can_undo());
    }

    #[test]
    fn a_drag_is_one_undo_step_and_a_new_edit_clears_redo() {
        let mut h = h();
        for v in [0.5, 1.0, 1.5, 2.0] {
            h.apply(Some("drag:l4:t3"), |m| m.set_emotion("l4", "t3", Some(v)))
                .unwrap();
        }
        h.seal();
        h.apply(Some("drag:l4:t3"), |m| {
            m.set_emotion("l4", "t3", Some(-2.0))
        })
        .unwrap();
        assert!(h.undo());
        assert_eq!(
            h.current().emotion_values(&h.current().lanes[3])[2],
            Some(2.0)
        );
        assert!(h.undo());
        assert_eq!(
            h.current().emotion_values(&h.current().lanes[3])[2],
            Some(-1.0)
        );
        assert!(h.can_redo());
        h.apply(None, |m| m.rename_step("t1", "x")).unwrap();
        assert!(!h.can_redo());
    }

    #[test]
    fn history_is_bounded() {
        let mut h = h();
        for i in 0..DEPTH + 10 {
            h.apply(None, |m| m.rename_step("t1", &i.to_string()))
                .unwrap();
        }
        let mut n = 0;
        while h.undo() {
            n += 1;
        }
        assert_eq!(n, DEPTH);
    }
}
