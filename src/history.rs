//! Undo and redo for one map, by snapshots: of the whole map for most
//! edits, of the one cell for a cell edit ([`History::set_cell`]), which
//! spares an edit on a long map a copy and a comparison of all of it.

use crate::model::{ops::OpError, Cell, Id, JourneyMap};

/// How many steps back undo can go.
pub const DEPTH: usize = 200;

/// What an undo step puts back.
#[derive(Clone, Debug)]
enum Snapshot {
    /// The whole map as it was.
    Map(JourneyMap),
    /// One cell as it was (`None`: empty); the rest of the map is as it is
    /// when the step is undone, since every later step is undone first.
    Cell {
        lane: Id,
        step: Id,
        cell: Option<Cell>,
    },
}

impl Snapshot {
    /// Puts this snapshot into `map` and returns what it replaced.
    fn restore(self, map: &mut JourneyMap) -> Snapshot {
        match self {
            Snapshot::Map(m) => Snapshot::Map(std::mem::replace(map, m)),
            Snapshot::Cell { lane, step, cell } => {
                let now = map
                    .lanes
                    .iter_mut()
                    .find(|l| l.id == lane)
                    .and_then(|l| match cell {
                        Some(c) => l.cells.insert(step.clone(), c),
                        None => l.cells.remove(&step),
                    });
                Snapshot::Cell {
                    lane,
                    step,
                    cell: now,
                }
            }
        }
    }
}

/// The current map with its undo and redo stacks.
#[derive(Clone, Debug)]
pub struct History {
    current: JourneyMap,
    past: Vec<(Snapshot, Option<String>)>,
    future: Vec<Snapshot>,
    /// The coalescing key of the last edit, while it may still merge.
    open: Option<String>,
    /// Moves on with every change, undo, redo and reset: an "Undo" offered
    /// for one change checks that it is still the latest.
    revision: u64,
}

impl History {
    /// Starts a history at `map`, with nothing to undo.
    pub fn new(map: JourneyMap) -> Self {
        History {
            current: map,
            past: Vec::new(),
            future: Vec::new(),
            open: None,
            revision: 0,
        }
    }

    /// A number that changes with every change of the map.
    pub fn revision(&self) -> u64 {
        self.revision
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
        // A run whose step holds one cell cannot take in an edit of the map.
        let whole = matches!(self.past.last(), Some((Snapshot::Map(_), _)));
        self.record(coalesce, whole, || Snapshot::Map(before));
        out
    }

    /// Sets the cell of `lane` at `step` to `cell` (`None` empties it), as
    /// `apply(coalesce, |m| m.set_cell(lane, step, cell))` (or
    /// `clear_cell`) would, with the same checks and the same undo steps,
    /// but remembering only the cell it changes: its cost does not grow
    /// with the map.
    pub fn set_cell(
        &mut self,
        coalesce: Option<&str>,
        lane: &str,
        step: &str,
        cell: Option<Cell>,
    ) -> Result<(), OpError> {
        let read = |m: &JourneyMap| {
            m.lanes
                .iter()
                .find(|l| l.id == lane)
                .and_then(|l| l.cells.get(step).cloned())
        };
        let before = read(&self.current);
        // Both check everything before they change anything.
        match cell {
            Some(c) => self.current.set_cell(lane, step, c)?,
            None => self.current.clear_cell(lane, step)?,
        }
        if read(&self.current) == before {
            return Ok(());
        }
        let same_cell = matches!(
            self.past.last(),
            Some((Snapshot::Cell { lane: l, step: s, .. }, _)) if l == lane && s == step
        );
        self.record(coalesce, same_cell, || Snapshot::Cell {
            lane: lane.to_string(),
            step: step.to_string(),
            cell: before,
        });
        Ok(())
    }

    /// Records a changed map: a new undo step holding `before`, or, when
    /// `coalesce` continues the open run and `mergeable` says its step can
    /// hold this edit too, nothing more.
    fn record(
        &mut self,
        coalesce: Option<&str>,
        mergeable: bool,
        before: impl FnOnce() -> Snapshot,
    ) {
        let merge = mergeable && coalesce.is_some() && self.open.as_deref() == coalesce;
        if !merge {
            self.past.push((before(), coalesce.map(String::from)));
            if self.past.len() > DEPTH {
                self.past.remove(0);
            }
        }
        self.open = coalesce.map(String::from);
        self.future.clear();
        self.revision += 1;
    }

    /// Ends any open coalescing run, so the next edit is a step of its own.
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// Replaces the map without recording a step (a reload from storage).
    pub fn reset(&mut self, map: JourneyMap) {
        let revision = self.revision + 1;
        *self = History::new(map);
        self.revision = revision;
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
        self.future.push(prev.restore(&mut self.current));
        self.revision += 1;
        true
    }

    /// Steps forward again; returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.future.pop() else {
            return false;
        };
        self.open = None;
        let prev = next.restore(&mut self.current);
        self.past.push((prev, None));
        self.revision += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_revision_moves_with_every_change_and_only_then() {
        let mut h = History::new(crate::model::template::ecommerce("m"));
        let r0 = h.revision();
        h.apply::<_, ()>(None, |m| {
            m.set_title("Same");
            Ok(())
        })
        .unwrap();
        let r1 = h.revision();
        assert_ne!(r1, r0);
        h.apply::<_, ()>(None, |m| {
            m.set_title("Same");
            Ok(())
        })
        .unwrap();
        assert_eq!(h.revision(), r1, "an edit that changes nothing");
        h.undo();
        let r2 = h.revision();
        h.redo();
        let r3 = h.revision();
        h.undo();
        h.apply::<_, ()>(None, |m| {
            m.set_title("Other");
            Ok(())
        })
        .unwrap();
        let r4 = h.revision();
        assert!(
            r0 < r1 && r1 < r2 && r2 < r3 && r3 < r4,
            "{r0} {r1} {r2} {r3} {r4}"
        );
        let map = h.current().clone();
        h.reset(map);
        assert!(h.revision() > r4);
    }
    use crate::model::template;

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
    fn a_cell_step_keeps_one_cell_and_puts_it_back() {
        let mut h = h();
        let original = h.current().clone();
        h.set_cell(None, "l4", "t3", Some(Cell::Emotion(2.0)))
            .unwrap();
        h.set_cell(None, "l1", "t1", None).unwrap();
        assert!(matches!(
            h.past.last(),
            Some((Snapshot::Cell { lane, step, cell: Some(_) }, None)) if lane == "l1" && step == "t1"
        ));
        // A refused or empty edit is no step; nor is an unchanged value.
        assert!(h
            .set_cell(None, "l4", "t3", Some(Cell::Text("x".into())))
            .is_err());
        assert!(h.set_cell(None, "l4", "nope", None).is_err());
        h.set_cell(None, "l4", "t3", Some(Cell::Emotion(2.0)))
            .unwrap();
        assert_eq!(h.past.len(), 2);
        assert!(h.undo() && h.undo() && !h.undo());
        assert_eq!(h.current(), &original);
        assert!(h.redo() && h.redo());
        assert_eq!(
            h.current().emotion_values(&h.current().lanes[3])[2],
            Some(2.0)
        );
    }

    #[test]
    fn a_drag_of_cell_steps_is_one_step_and_never_takes_in_a_map_edit() {
        let mut h = h();
        let original = h.current().clone();
        for v in [0.5, 1.0, 1.5] {
            h.set_cell(Some("drag:l4:t3"), "l4", "t3", Some(Cell::Emotion(v)))
                .unwrap();
        }
        assert_eq!(h.past.len(), 1);
        // The same key on a map edit, or on another cell, starts a step.
        h.apply(Some("drag:l4:t3"), |m| m.rename_step("t1", "x"))
            .unwrap();
        h.set_cell(Some("drag:l4:t3"), "l4", "t4", Some(Cell::Emotion(1.7)))
            .unwrap();
        assert_eq!(h.past.len(), 3);
        assert!(h.undo() && h.undo() && h.undo());
        assert_eq!(h.current(), &original);
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

/// `History::set_cell` against the whole-map snapshots of `History::apply`.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use crate::model::template;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Op {
        /// A cell edit: lane, step, value (`None` empties), whether it is
        /// part of a drag (coalesced by lane and step).
        Cell(usize, usize, Option<f64>, bool),
        /// Text into the emotion lane: refused.
        WrongKind(usize),
        /// A whole-map edit.
        Rename(usize),
        DeleteStep(usize),
        Seal,
        Undo,
        Redo,
    }

    const LANES: [&str; 4] = ["l4", "l1", "l9", "nope"];
    const STEPS: [&str; 5] = ["t1", "t2", "t3", "t12", "nope"];

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => (0..4usize, 0..5usize, proptest::option::of(prop_oneof![-3.0..3.0f64, Just(f64::NAN)]), any::<bool>())
                .prop_map(|(l, s, v, d)| Op::Cell(l, s, v, d)),
            1 => (0..5usize).prop_map(Op::WrongKind),
            1 => (0..5usize).prop_map(Op::Rename),
            1 => (0..5usize).prop_map(Op::DeleteStep),
            1 => Just(Op::Seal),
            2 => Just(Op::Undo),
            2 => Just(Op::Redo),
        ]
    }

    /// The cell an emotion value stands for in lane `l`'s kind.
    fn cell(l: usize, v: Option<f64>) -> Option<Cell> {
        v.map(|v| match l {
            0 => Cell::Emotion(v),
            _ => Cell::Text(format!("{v:.1}")),
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn set_cell_undoes_and_redoes_like_a_whole_map_snapshot(ops in proptest::collection::vec(op(), 0..60)) {
            let start = template::ecommerce("m");
            let (mut fast, mut slow) = (History::new(start.clone()), History::new(start));
            for op in ops {
                match op {
                    Op::Cell(l, s, v, drag) => {
                        let (lane, step) = (LANES[l], STEPS[s]);
                        let key = drag.then(|| format!("drag:{lane}:{step}"));
                        let c = cell(l, v);
                        let a = fast.set_cell(key.as_deref(), lane, step, c.clone());
                        let b = slow.apply(key.as_deref(), |m| match c {
                            Some(c) => m.set_cell(lane, step, c),
                            None => m.clear_cell(lane, step),
                        });
                        prop_assert_eq!(a, b);
                    }
                    Op::WrongKind(s) => {
                        let c = Some(Cell::Text("x".into()));
                        let a = fast.set_cell(None, "l4", STEPS[s], c);
                        let b = slow.apply(None, |m| m.set_cell("l4", STEPS[s], Cell::Text("x".into())));
                        prop_assert!(a.is_err());
                        prop_assert_eq!(a, b);
                    }
                    Op::Rename(s) => {
                        let name = format!("renamed {s}");
                        let a = fast.apply(None, |m| m.rename_step(STEPS[s], &name));
                        let b = slow.apply(None, |m| m.rename_step(STEPS[s], &name));
                        prop_assert_eq!(a, b);
                    }
                    Op::DeleteStep(s) => {
                        let a = fast.apply(None, |m| m.delete_step(STEPS[s]).map(|_| ()));
                        let b = slow.apply(None, |m| m.delete_step(STEPS[s]).map(|_| ()));
                        prop_assert_eq!(a, b);
                    }
                    Op::Seal => {
                        fast.seal();
                        slow.seal();
                    }
                    Op::Undo => prop_assert_eq!(fast.undo(), slow.undo()),
                    Op::Redo => prop_assert_eq!(fast.redo(), slow.redo()),
                }
                prop_assert_eq!(fast.current(), slow.current());
                prop_assert_eq!(fast.can_undo(), slow.can_undo());
                prop_assert_eq!(fast.can_redo(), slow.can_redo());
            }
            // Every step back and forth again lands on the same maps.
            while fast.can_undo() {
                prop_assert!(fast.undo() && slow.undo());
                prop_assert_eq!(fast.current(), slow.current());
            }
            prop_assert!(!slow.can_undo());
            while fast.can_redo() {
                prop_assert!(fast.redo() && slow.redo());
                prop_assert_eq!(fast.current(), slow.current());
            }
        }
    }
}
