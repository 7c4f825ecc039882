//! What changed between two versions of a map, matched by id: the one-line
//! summaries of the History panel, and the change list of a compare view.

use super::{format_number, Cell, JourneyMap, Lane};
use std::collections::{HashMap, HashSet};

/// One difference between an older and a newer map.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Title {
        from: String,
        to: String,
    },
    Description,
    State,
    Scale,
    Personas,
    StageAdded(String),
    StageRemoved(String),
    StageRenamed {
        from: String,
        to: String,
    },
    StageMoved(String),
    StepAdded(String),
    StepRemoved(String),
    StepRenamed {
        from: String,
        to: String,
    },
    StepMoved(String),
    LaneAdded(String),
    LaneRemoved(String),
    LaneRenamed {
        from: String,
        to: String,
    },
    LaneMoved(String),
    /// Other settings of a lane: colour, persona.
    LaneChanged(String),
    /// A cell's content; `lane` and `step` are their names in the newer map.
    Cell {
        lane: String,
        step: String,
    },
    /// An emotion value, from and to (`None`: no value).
    Emotion {
        lane: String,
        step: String,
        from: Option<f64>,
        to: Option<f64>,
    },
}

impl Change {
    /// A short sentence for this change.
    pub fn describe(&self) -> String {
        fn q(s: &str) -> String {
            if s.trim().is_empty() {
                "(untitled)".into()
            } else {
                format!("\u{201c}{s}\u{201d}")
            }
        }
        match self {
            Change::Title { to, .. } => format!("Renamed the map to {}", q(to)),
            Change::Description => "Changed the description".into(),
            Change::State => "Changed current/future state".into(),
            Change::Scale => "Changed the emotion scale".into(),
            Change::Personas => "Changed the personas".into(),
            Change::StageAdded(n) => format!("Added stage {}", q(n)),
            Change::StageRemoved(n) => format!("Removed stage {}", q(n)),
            Change::StageRenamed { from, to } => {
                format!("Renamed stage {} to {}", q(from), q(to))
            }
            Change::StageMoved(n) => format!("Moved stage {}", q(n)),
            Change::StepAdded(n) => format!("Added step {}", q(n)),
            Change::StepRemoved(n) => format!("Removed step {}", q(n)),
            Change::StepRenamed { from, to } => format!("Renamed step {} to {}", q(from), q(to)),
            Change::StepMoved(n) => format!("Moved step {}", q(n)),
            Change::LaneAdded(n) => format!("Added lane {}", q(n)),
            Change::LaneRemoved(n) => format!("Removed lane {}", q(n)),
            Change::LaneRenamed { from, to } => format!("Renamed lane {} to {}", q(from), q(to)),
            Change::LaneMoved(n) => format!("Moved lane {}", q(n)),
            Change::LaneChanged(n) => format!("Changed lane {}", q(n)),
            Change::Cell { lane, step } => format!("Edited {} at {}", q(lane), q(step)),
            Change::Emotion {
                lane,
                step,
                from,
                to,
            } => {
                let v = |v: &Option<f64>| v.map_or("no value".to_string(), format_number);
                format!("{} at {}: {} → {}", q(lane), q(step), v(from), v(to))
            }
        }
    }
}

/// Twins as (current state, future state), the same from either map: by
/// their states, or, when both say the same (one was switched by hand),
/// by their ids, so that both maps' Compare agree.
pub fn current_and_future<'a>(
    a: &'a JourneyMap,
    b: &'a JourneyMap,
) -> (&'a JourneyMap, &'a JourneyMap) {
    use super::MapState::{Current, Future};
    match (a.state, b.state) {
        (Future, Current) => (b, a),
        (Current, Future) => (a, b),
        _ if a.id <= b.id => (a, b),
        _ => (b, a),
    }
}

/// The changes that turn `old` into `new`, in the order of the newer map.
pub fn changes(old: &JourneyMap, new: &JourneyMap) -> Vec<Change> {
    let mut out = Vec::new();
    if old.title != new.title {
        out.push(Change::Title {
            from: old.title.clone(),
            to: new.title.clone(),
        });
    }
    if old.description != new.description {
        out.push(Change::Description);
    }
    if old.state != new.state {
        out.push(Change::State);
    }
    if old.scale != new.scale {
        out.push(Change::Scale);
    }
    if old.personas != new.personas {
        out.push(Change::Personas);
    }

    // Stages.
    let old_stages: HashMap<&str, (usize, &str)> = old
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), (i, s.name.as_str())))
        .collect();
    let new_stage_ids: Vec<&str> = new.stages.iter().map(|s| s.id.as_str()).collect();
    let kept_old: Vec<&str> = old
        .stages
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| new_stage_ids.contains(id))
        .collect();
    let kept_new: Vec<&str> = new_stage_ids
        .iter()
        .copied()
        .filter(|id| old_stages.contains_key(id))
        .collect();
    let moved = moved_set(&kept_old, &kept_new);
    for s in &new.stages {
        match old_stages.get(s.id.as_str()) {
            None => out.push(Change::StageAdded(s.name.clone())),
            Some((_, name)) => {
                if *name != s.name {
                    out.push(Change::StageRenamed {
                        from: name.to_string(),
                        to: s.name.clone(),
                    });
                }
                if moved.contains(s.id.as_str()) {
                    out.push(Change::StageMoved(s.name.clone()));
                }
            }
        }
    }
    for s in &old.stages {
        if !new_stage_ids.contains(&s.id.as_str()) {
            out.push(Change::StageRemoved(s.name.clone()));
        }
    }

    // Steps, by their order across the whole map.
    let old_steps: HashMap<&str, &str> = old
        .steps()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let new_steps: HashMap<&str, &str> = new
        .steps()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let kept_old: Vec<&str> = old
        .steps()
        .map(|s| s.id.as_str())
        .filter(|id| new_steps.contains_key(id))
        .collect();
    let kept_new: Vec<&str> = new
        .steps()
        .map(|s| s.id.as_str())
        .filter(|id| old_steps.contains_key(id))
        .collect();
    let moved = moved_set(&kept_old, &kept_new);
    let step_stage =
        |m: &JourneyMap, id: &str| m.find_step(id).map(|p| m.stages[p.stage].id.clone());
    for s in new.steps() {
        match old_steps.get(s.id.as_str()) {
            None => out.push(Change::StepAdded(s.name.clone())),
            Some(name) => {
                if *name != s.name {
                    out.push(Change::StepRenamed {
                        from: name.to_string(),
                        to: s.name.clone(),
                    });
                }
                if moved.contains(s.id.as_str()) || step_stage(old, &s.id) != step_stage(new, &s.id)
                {
                    out.push(Change::StepMoved(s.name.clone()));
                }
            }
        }
    }
    for s in old.steps() {
        if !new_steps.contains_key(s.id.as_str()) {
            out.push(Change::StepRemoved(s.name.clone()));
        }
    }

    // Lanes and their cells.
    let old_lanes: HashMap<&str, &Lane> = old.lanes.iter().map(|l| (l.id.as_str(), l)).collect();
    let new_lane_ids: Vec<&str> = new.lanes.iter().map(|l| l.id.as_str()).collect();
    let kept_old: Vec<&str> = old
        .lanes
        .iter()
        .map(|l| l.id.as_str())
        .filter(|id| new_lane_ids.contains(id))
        .collect();
    let kept_new: Vec<&str> = new_lane_ids
        .iter()
        .copied()
        .filter(|id| old_lanes.contains_key(id))
        .collect();
    let moved = moved_set(&kept_old, &kept_new);
    for lane in &new.lanes {
        let Some(before) = old_lanes.get(lane.id.as_str()) else {
            out.push(Change::LaneAdded(lane.title.clone()));
            continue;
        };
        if before.title != lane.title {
            out.push(Change::LaneRenamed {
                from: before.title.clone(),
                to: lane.title.clone(),
            });
        }
        if moved.contains(lane.id.as_str()) {
            out.push(Change::LaneMoved(lane.title.clone()));
        }
        if before.color != lane.color || before.persona != lane.persona || before.kind != lane.kind
        {
            out.push(Change::LaneChanged(lane.title.clone()));
        }
        // Cells of steps both maps have; cells of added or removed steps
        // are part of that step's change.
        for step in new.steps() {
            if !old_steps.contains_key(step.id.as_str()) {
                continue;
            }
            let a = before.cells.get(&step.id).filter(|c| !c.is_empty());
            let b = lane.cells.get(&step.id).filter(|c| !c.is_empty());
            let emotion = |c: Option<&Cell>| match c {
                Some(Cell::Emotion(v)) => Some(Some(*v)),
                None => Some(None),
                _ => None,
            };
            if a != b {
                out.push(match (emotion(a), emotion(b)) {
                    // Both sides a value or none: say from what to what.
                    (Some(from), Some(to)) if from.is_some() || to.is_some() => Change::Emotion {
                        lane: lane.title.clone(),
                        step: step.name.clone(),
                        from,
                        to,
                    },
                    _ => Change::Cell {
                        lane: lane.title.clone(),
                        step: step.name.clone(),
                    },
                });
            }
        }
    }
    for lane in &old.lanes {
        if !new_lane_ids.contains(&lane.id.as_str()) {
            out.push(Change::LaneRemoved(lane.title.clone()));
        }
    }
    out
}

/// The items of `kept_new` that moved: those outside the longest run that
/// kept its old order (a longest increasing subsequence of old positions).
fn moved_set<'a>(kept_old: &[&str], kept_new: &[&'a str]) -> HashSet<&'a str> {
    let old_pos: HashMap<&str, usize> = kept_old
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let seq: Vec<usize> = kept_new.iter().map(|id| old_pos[id]).collect();
    // Patience sorting: tails[k] is the index in seq ending the best run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &v) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq[t] < v);
        prev[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut stayed = vec![false; seq.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        stayed[i] = true;
        at = prev[i];
    }
    kept_new
        .iter()
        .zip(stayed)
        .filter(|(_, s)| !s)
        .map(|(id, _)| *id)
        .collect()
}

/// One line for a list of changes: the first, and how many more.
pub fn summary(changes: &[Change]) -> String {
    match changes {
        [] => "No changes".into(),
        [one] => one.describe(),
        [first, rest @ ..] => format!(
            "{} and {} more change{}",
            first.describe(),
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{template, Cell, LaneKind};

    #[test]
    fn an_emotion_change_says_from_what_to_what() {
        let old = template::ecommerce("m");
        let mut new = old.clone();
        let lane = new
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Emotion)
            .unwrap()
            .id
            .clone();
        let step = new.stages[2].steps[0].clone();
        let before = match old.lane(&lane).and_then(|l| l.cells.get(&step.id)) {
            Some(Cell::Emotion(v)) => *v,
            other => panic!("{other:?}"),
        };
        new.set_cell(&lane, &step.id, Cell::Emotion(0.5)).unwrap();
        let found = changes(&old, &new);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].describe(),
            format!(
                "“Feeling” at “{}”: {} → 0.5",
                step.name,
                format_number(before)
            )
        );
        new.clear_cell(&lane, &step.id).unwrap();
        assert!(changes(&old, &new)[0].describe().ends_with("→ no value"));
    }

    #[test]
    fn twins_pair_the_same_way_from_either_map() {
        use crate::model::MapState;
        let mut a = template::ecommerce("a");
        let mut b = template::ecommerce("b");
        b.state = MapState::Future;
        let ids = |(c, f): (&JourneyMap, &JourneyMap)| (c.id.clone(), f.id.clone());
        assert_eq!(ids(current_and_future(&a, &b)), ("a".into(), "b".into()));
        assert_eq!(ids(current_and_future(&b, &a)), ("a".into(), "b".into()));
        // Both marked future (or both current): the same pair from both sides.
        a.state = MapState::Future;
        assert_eq!(
            ids(current_and_future(&a, &b)),
            ids(current_and_future(&b, &a))
        );
        a.state = MapState::Current;
        b.state = MapState::Current;
        assert_eq!(
            ids(current_and_future(&a, &b)),
            ids(current_and_future(&b, &a))
        );
    }

    #[test]
    fn identical_maps_have_no_changes() {
        let m = template::ecommerce("m");
        assert_eq!(changes(&m, &m), vec![]);
        assert_eq!(summary(&[]), "No changes");
    }

    #[test]
    fn renames_additions_removals_and_cells_are_named() {
        let old = template::ecommerce("m");
        let mut new = old.clone();
        let first_step = new.stages[0].steps[0].id.clone();
        let old_name = new.stages[0].steps[0].name.clone();
        new.stages[0].steps[0].name = "Sees an ad".into();
        let removed = new.stages[1].steps.remove(0).name;
        let lane = new.lanes[0].id.clone();
        new.set_cell(&lane, &first_step, Cell::Text("New text".into()))
            .unwrap();
        let added = new.add_lane(LaneKind::Metrics, None, "Goals").unwrap();
        let found = changes(&old, &new);
        assert!(found.contains(&Change::StepRenamed {
            from: old_name,
            to: "Sees an ad".into()
        }));
        assert!(found.contains(&Change::StepRemoved(removed)));
        assert!(found.contains(&Change::Cell {
            lane: new.lanes[0].title.clone(),
            step: "Sees an ad".into()
        }));
        assert!(found.contains(&Change::LaneAdded("Goals".into())));
        assert!(new.lane(&added).is_some());
        let line = summary(&found);
        assert!(line.contains("and 3 more changes"), "{line}");
    }

    #[test]
    fn reordering_is_a_move_and_only_the_moved_item_is_named() {
        let old = template::ecommerce("m");
        let mut new = old.clone();
        new.lanes.swap(0, 1);
        let found = changes(&old, &new);
        assert_eq!(found.len(), 1, "{found:?}: one swap is one move");
        assert!(matches!(found[0], Change::LaneMoved(_)));
        let mut one = old.clone();
        let last = one.lanes.remove(one.lanes.len() - 1);
        one.lanes.insert(0, last.clone());
        assert_eq!(changes(&old, &one), vec![Change::LaneMoved(last.title)]);
    }
}
