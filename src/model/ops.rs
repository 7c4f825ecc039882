//! Edit operations. Each one leaves the map valid or changes nothing and
//! says why.

use super::{
    Cell, Id, JourneyMap, Lane, LaneKind, MapState, Persona, Stage, Step, PERSONA_COLORS,
    STAGE_COLORS,
};
use std::collections::BTreeMap;
use std::fmt;

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum OpError {
    NoStage(Id),
    NoStep(Id),
    NoLane(Id),
    NoPersona(Id),
    /// The cell does not have the shape the lane's kind needs.
    WrongCell {
        lane: Id,
        kind: LaneKind,
    },
    /// A number that is not finite.
    NotANumber,
    /// The map already has as many steps or lanes as a file may hold.
    Full(&'static str, usize),
    /// A value the map cannot hold, with why.
    Invalid(String),
}

impl fmt::Display for OpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpError::NoStage(id) => write!(f, "stage \"{id}\" does not exist"),
            OpError::NoStep(id) => write!(f, "step \"{id}\" does not exist"),
            OpError::NoLane(id) => write!(f, "lane \"{id}\" does not exist"),
            OpError::NoPersona(id) => write!(f, "persona \"{id}\" does not exist"),
            OpError::WrongCell { lane, kind } => {
                write!(f, "lane \"{lane}\" holds {} cells", kind.key())
            }
            OpError::NotANumber => write!(f, "the value is not a finite number"),
            OpError::Full(what, max) => write!(f, "a map holds at most {max} {what}"),
            OpError::Invalid(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for OpError {}

type R<T = ()> = Result<T, OpError>;

fn move_within<T>(v: &mut [T], from: usize, delta: isize) -> bool {
    let to = from as isize + delta;
    if to < 0 || to as usize >= v.len() || delta == 0 {
        return false;
    }
    let to = to as usize;
    if to > from {
        v[from..=to].rotate_left(1);
    } else {
        v[to..=from].rotate_right(1);
    }
    true
}

impl JourneyMap {
    fn stage_mut(&mut self, id: &str) -> R<&mut Stage> {
        self.stages
            .iter_mut()
            .find(|s| s.id == id)
            .ok_or_else(|| OpError::NoStage(id.into()))
    }

    fn lane_mut(&mut self, id: &str) -> R<&mut Lane> {
        self.lanes
            .iter_mut()
            .find(|l| l.id == id)
            .ok_or_else(|| OpError::NoLane(id.into()))
    }

    /// Sets the title.
    pub fn set_title(&mut self, title: &str) {
        self.title = title.to_string();
    }

    /// Adds a stage with one step after the stage at `after` (at the end
    /// when `None`) and returns its id.
    pub fn add_stage(&mut self, after: Option<usize>, name: &str) -> R<Id> {
        if self.step_count() >= super::MAX_STEPS {
            return Err(OpError::Full("steps", super::MAX_STEPS));
        }
        let id = self.new_id("s");
        let color = STAGE_COLORS[self.stages.len() % STAGE_COLORS.len()].to_string();
        let at = after.map_or(self.stages.len(), |i| (i + 1).min(self.stages.len()));
        self.stages.insert(
            at,
            Stage {
                id: id.clone(),
                name: name.to_string(),
                color,
                steps: Vec::new(),
            },
        );
        let step = self.new_id("t");
        self.stages[at].steps.push(Step {
            id: step,
            name: "New step".into(),
        });
        Ok(id)
    }

    /// Renames a stage.
    pub fn rename_stage(&mut self, id: &str, name: &str) -> R {
        self.stage_mut(id)?.name = name.to_string();
        Ok(())
    }

    /// Sets a stage's colour.
    pub fn set_stage_color(&mut self, id: &str, color: &str) -> R {
        self.stage_mut(id)?.color = color.to_string();
        Ok(())
    }

    /// Moves a stage `delta` places; returns whether it moved.
    pub fn move_stage(&mut self, id: &str, delta: isize) -> R<bool> {
        let i = self
            .stage_index(id)
            .ok_or_else(|| OpError::NoStage(id.into()))?;
        Ok(move_within(&mut self.stages, i, delta))
    }

    /// Deletes a stage, its steps and their cells.
    pub fn delete_stage(&mut self, id: &str) -> R<Stage> {
        let i = self
            .stage_index(id)
            .ok_or_else(|| OpError::NoStage(id.into()))?;
        let stage = self.stages.remove(i);
        for step in &stage.steps {
            self.drop_cells(&step.id);
        }
        Ok(stage)
    }

    /// Adds a step to a stage after position `after` (at the end when
    /// `None`) and returns its id.
    pub fn add_step(&mut self, stage: &str, after: Option<usize>, name: &str) -> R<Id> {
        if self.step_count() >= super::MAX_STEPS {
            return Err(OpError::Full("steps", super::MAX_STEPS));
        }
        let id = self.new_id("t");
        let s = self.stage_mut(stage)?;
        let at = after.map_or(s.steps.len(), |i| (i + 1).min(s.steps.len()));
        s.steps.insert(
            at,
            Step {
                id: id.clone(),
                name: name.to_string(),
            },
        );
        Ok(id)
    }

    /// Renames a step.
    pub fn rename_step(&mut self, id: &str, name: &str) -> R {
        let p = self
            .find_step(id)
            .ok_or_else(|| OpError::NoStep(id.into()))?;
        self.stages[p.stage].steps[p.step].name = name.to_string();
        Ok(())
    }

    /// Moves a step one place left (`delta` < 0) or right. At the edge of
    /// its stage it crosses into the neighbouring stage. Returns whether it
    /// moved.
    pub fn move_step(&mut self, id: &str, delta: isize) -> R<bool> {
        let p = self
            .find_step(id)
            .ok_or_else(|| OpError::NoStep(id.into()))?;
        let len = self.stages[p.stage].steps.len();
        let to = p.step as isize + delta.signum();
        if to >= 0 && (to as usize) < len {
            return Ok(move_within(
                &mut self.stages[p.stage].steps,
                p.step,
                delta.signum(),
            ));
        }
        let target = p.stage as isize + delta.signum();
        if target < 0 || target as usize >= self.stages.len() {
            return Ok(false);
        }
        let target = target as usize;
        let step = self.stages[p.stage].steps.remove(p.step);
        let index = if delta < 0 {
            self.stages[target].steps.len()
        } else {
            0
        };
        self.stages[target].steps.insert(index, step);
        Ok(true)
    }

    /// Moves a step into `stage` at `index` (clamped to the stage's end).
    pub fn move_step_to_stage(&mut self, id: &str, stage: &str, index: usize) -> R {
        let p = self
            .find_step(id)
            .ok_or_else(|| OpError::NoStep(id.into()))?;
        let target = self
            .stage_index(stage)
            .ok_or_else(|| OpError::NoStage(stage.into()))?;
        let step = self.stages[p.stage].steps.remove(p.step);
        let steps = &mut self.stages[target].steps;
        steps.insert(index.min(steps.len()), step);
        Ok(())
    }

    /// Deletes a step and every cell at it. The stage stays, even if empty.
    pub fn delete_step(&mut self, id: &str) -> R<Step> {
        let p = self
            .find_step(id)
            .ok_or_else(|| OpError::NoStep(id.into()))?;
        let step = self.stages[p.stage].steps.remove(p.step);
        self.drop_cells(&step.id);
        Ok(step)
    }

    fn drop_cells(&mut self, step: &str) {
        for lane in &mut self.lanes {
            lane.cells.remove(step);
        }
    }

    /// Adds a lane of `kind` after position `after` (at the end when `None`)
    /// and returns its id. A new emotion lane belongs to the first persona
    /// that has no emotion lane yet; when every persona has one, a new
    /// persona is added for it, so each curve has its own colour.
    pub fn add_lane(&mut self, kind: LaneKind, after: Option<usize>, title: &str) -> R<Id> {
        if self.lanes.len() >= super::MAX_LANES {
            return Err(OpError::Full("lanes", super::MAX_LANES));
        }
        let persona = (kind == LaneKind::Emotion).then(|| {
            let free = self.personas.iter().find(|p| {
                !self
                    .lanes
                    .iter()
                    .any(|l| l.kind == LaneKind::Emotion && l.persona.as_ref() == Some(&p.id))
            });
            match free {
                Some(p) => p.id.clone(),
                None => {
                    let name = format!("Persona {}", self.personas.len() + 1);
                    self.add_persona(&name)
                }
            }
        });
        let id = self.new_id("l");
        let at = after.map_or(self.lanes.len(), |i| (i + 1).min(self.lanes.len()));
        self.lanes.insert(
            at,
            Lane {
                id: id.clone(),
                kind,
                title: title.to_string(),
                persona,
                color: String::new(),
                cells: BTreeMap::new(),
            },
        );
        Ok(id)
    }

    /// Renames a lane.
    pub fn rename_lane(&mut self, id: &str, title: &str) -> R {
        self.lane_mut(id)?.title = title.to_string();
        Ok(())
    }

    /// Sets the colour of a lane's curve; empty means the persona's colour.
    pub fn set_lane_color(&mut self, id: &str, color: &str) -> R {
        self.lane_mut(id)?.color = color.to_string();
        Ok(())
    }

    /// Moves a lane `delta` places; returns whether it moved.
    pub fn move_lane(&mut self, id: &str, delta: isize) -> R<bool> {
        let i = self
            .lane_index(id)
            .ok_or_else(|| OpError::NoLane(id.into()))?;
        Ok(move_within(&mut self.lanes, i, delta))
    }

    /// Deletes a lane and its cells.
    pub fn delete_lane(&mut self, id: &str) -> R<Lane> {
        let i = self
            .lane_index(id)
            .ok_or_else(|| OpError::NoLane(id.into()))?;
        Ok(self.lanes.remove(i))
    }

    /// Sets the persona an emotion lane belongs to.
    pub fn set_lane_persona(&mut self, id: &str, persona: Option<&str>) -> R {
        if let Some(p) = persona {
            if self.persona(p).is_none() {
                return Err(OpError::NoPersona(p.into()));
            }
        }
        self.lane_mut(id)?.persona = persona.map(String::from);
        Ok(())
    }

    /// Sets one cell. An empty cell is removed, so files stay small.
    pub fn set_cell(&mut self, lane: &str, step: &str, cell: Cell) -> R {
        if self.find_step(step).is_none() {
            return Err(OpError::NoStep(step.into()));
        }
        let scale = self.scale.clone();
        let l = self.lane_mut(lane)?;
        if !cell.fits(l.kind) {
            return Err(OpError::WrongCell {
                lane: lane.into(),
                kind: l.kind,
            });
        }
        let cell = match cell {
            Cell::Emotion(v) if !v.is_finite() => return Err(OpError::NotANumber),
            Cell::Emotion(v) => Cell::Emotion(scale.clamp(v)),
            Cell::List(items) => Cell::List(
                items
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            ),
            other => other,
        };
        if cell.is_empty() {
            l.cells.remove(step);
        } else {
            l.cells.insert(step.to_string(), cell);
        }
        Ok(())
    }

    /// Sets or clears the emotion value of a step, clamped to the scale.
    pub fn set_emotion(&mut self, lane: &str, step: &str, value: Option<f64>) -> R {
        match value {
            Some(v) => self.set_cell(lane, step, Cell::Emotion(v)),
            None => self.clear_cell(lane, step),
        }
    }

    /// Empties one cell.
    pub fn clear_cell(&mut self, lane: &str, step: &str) -> R {
        if self.find_step(step).is_none() {
            return Err(OpError::NoStep(step.into()));
        }
        self.lane_mut(lane)?.cells.remove(step);
        Ok(())
    }

    /// Adds a persona and returns its id.
    pub fn add_persona(&mut self, name: &str) -> Id {
        let id = self.new_id("p");
        let color = PERSONA_COLORS[self.personas.len() % PERSONA_COLORS.len()].to_string();
        self.personas.push(Persona {
            id: id.clone(),
            name: name.to_string(),
            color,
            ..Persona::default()
        });
        id
    }

    /// Renames a persona.
    pub fn rename_persona(&mut self, id: &str, name: &str) -> R {
        self.persona_mut(id)?.name = name.to_string();
        Ok(())
    }

    /// Changes a persona's profile: picture, demographics, goals, pains,
    /// preferred channels, quote. A picture that is not a usable address
    /// is refused.
    pub fn update_persona(&mut self, id: &str, f: impl FnOnce(&mut Persona)) -> R {
        let p = self.persona_mut(id)?;
        let mut next = p.clone();
        f(&mut next);
        if !next.avatar.is_empty() && !Persona::usable_avatar(&next.avatar) {
            return Err(OpError::Invalid(
                "a picture must be an https:, http: or data:image/ address".into(),
            ));
        }
        *p = next;
        Ok(())
    }

    /// Sets a persona's role ("Recreational runner, 34").
    pub fn set_persona_role(&mut self, id: &str, role: &str) -> R {
        self.persona_mut(id)?.role = role.to_string();
        Ok(())
    }

    /// Sets a persona's colour, which its emotion curves take.
    pub fn set_persona_color(&mut self, id: &str, color: &str) -> R {
        self.persona_mut(id)?.color = color.to_string();
        Ok(())
    }

    fn persona_mut(&mut self, id: &str) -> R<&mut Persona> {
        self.personas
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or_else(|| OpError::NoPersona(id.into()))
    }

    /// Deletes a persona; lanes that belonged to it keep their curves but
    /// no longer name a persona.
    pub fn delete_persona(&mut self, id: &str) -> R<Persona> {
        let i = self
            .personas
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| OpError::NoPersona(id.into()))?;
        for lane in &mut self.lanes {
            if lane.persona.as_deref() == Some(id) {
                lane.persona = None;
            }
        }
        Ok(self.personas.remove(i))
    }

    /// This map's future-state twin under id `id`: the same stages, steps,
    /// lanes and content (ids kept, so the two compare step by step),
    /// marked future state and linked both ways. Returns the twin; `self`
    /// now names it as its twin.
    pub fn future_twin(&mut self, id: impl Into<Id>) -> JourneyMap {
        let mut twin = self.clone();
        twin.id = id.into();
        twin.title = format!("{} (future state)", self.title);
        twin.state = MapState::Future;
        twin.twin = Some(self.id.clone());
        self.twin = Some(twin.id.clone());
        twin
    }

    /// A copy under a new id and title.
    pub fn duplicate(&self, id: impl Into<Id>) -> JourneyMap {
        let mut copy = self.clone();
        copy.id = id.into();
        copy.title = super::marked_title(&self.title, "copy");
        copy.twin = None;
        copy
    }

    /// Repairs what a hand-edited or older file may get wrong without
    /// losing content: empty cells are dropped, and an empty list is given
    /// the shape its lane's kind needs.
    pub fn normalize(&mut self) {
        for lane in &mut self.lanes {
            lane.cells.retain(|_, c| !c.is_empty());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    fn map() -> JourneyMap {
        template::ecommerce("m1")
    }

    fn ids(m: &JourneyMap) -> Vec<String> {
        m.steps().map(|s| s.id.clone()).collect()
    }

    #[test]
    fn template_is_valid() {
        let m = map();
        assert!(m.check().is_empty(), "{:?}", m.check());
    }

    #[test]
    fn added_stage_gets_fresh_ids_and_one_step() {
        let mut m = map();
        let before = m.step_count();
        let id = m.add_stage(Some(0), "Research").unwrap();
        assert_eq!(m.stages[1].id, id);
        assert_eq!(m.stages[1].steps.len(), 1);
        assert_eq!(m.step_count(), before + 1);
        assert!(m.check().is_empty());
    }

    #[test]
    fn deleting_a_step_drops_its_cells_everywhere() {
        let mut m = map();
        let step = m.stages[0].steps[0].id.clone();
        assert!(m.lanes.iter().any(|l| l.cells.contains_key(&step)));
        m.delete_step(&step).unwrap();
        assert!(m.lanes.iter().all(|l| !l.cells.contains_key(&step)));
        assert!(m.check().is_empty());
    }

    #[test]
    fn deleting_the_last_step_of_a_stage_keeps_the_stage() {
        let mut m = JourneyMap::blank("m", "t");
        m.delete_step("t1").unwrap();
        assert_eq!(m.stages.len(), 1);
        assert!(m.stages[0].steps.is_empty());
        assert_eq!(m.step_count(), 0);
        assert!(m.check().is_empty());
        // The empty stage can take a step again.
        m.add_step("s1", None, "Back").unwrap();
        assert_eq!(m.step_count(), 1);
    }

    #[test]
    fn deleting_a_stage_drops_the_cells_of_its_steps() {
        let mut m = map();
        let gone: Vec<_> = m.stages[1].steps.iter().map(|s| s.id.clone()).collect();
        let id = m.stages[1].id.clone();
        m.delete_stage(&id).unwrap();
        for s in gone {
            assert!(m.lanes.iter().all(|l| !l.cells.contains_key(&s)));
        }
        assert!(m.check().is_empty());
    }

    #[test]
    fn a_step_moves_within_and_across_stages() {
        let mut m = map();
        let first_of_second = m.stages[1].steps[0].id.clone();
        let last_of_first = m.stages[0].steps.last().unwrap().id.clone();
        let order = ids(&m);
        // Moving left from the start of a stage joins the end of the previous one.
        assert!(m.move_step(&first_of_second, -1).unwrap());
        assert_eq!(
            ids(&m),
            order,
            "display order is unchanged by a stage crossing"
        );
        assert_eq!(m.stages[0].steps.last().unwrap().id, first_of_second);
        // Moving left again swaps it with its neighbour.
        assert!(m.move_step(&first_of_second, -1).unwrap());
        let p = m.find_step(&last_of_first).unwrap();
        assert_eq!(m.stages[0].steps[p.step - 1].id, first_of_second);
        // The very first step cannot move further left.
        let first = m.stages[0].steps[0].id.clone();
        assert!(!m.move_step(&first, -1).unwrap());
        assert!(m.check().is_empty());
    }

    #[test]
    fn a_step_moves_to_a_named_stage_with_its_cells() {
        let mut m = map();
        let step = m.stages[0].steps[0].id.clone();
        let cells_before: Vec<_> = m
            .lanes
            .iter()
            .map(|l| l.cells.get(&step).cloned())
            .collect();
        let target = m.stages[3].id.clone();
        m.move_step_to_stage(&step, &target, 99).unwrap();
        assert_eq!(m.stages[3].steps.last().unwrap().id, step);
        let cells_after: Vec<_> = m
            .lanes
            .iter()
            .map(|l| l.cells.get(&step).cloned())
            .collect();
        assert_eq!(cells_before, cells_after);
        assert_eq!(
            m.move_step_to_stage(&step, "nope", 0),
            Err(OpError::NoStage("nope".into()))
        );
    }

    #[test]
    fn stages_and_lanes_reorder_and_stop_at_the_ends() {
        let mut m = map();
        let s = m.stages[0].id.clone();
        assert!(!m.move_stage(&s, -1).unwrap());
        assert!(m.move_stage(&s, 2).unwrap());
        assert_eq!(m.stages[2].id, s);
        let l = m.lanes.last().unwrap().id.clone();
        assert!(!m.move_lane(&l, 1).unwrap());
        assert!(m.move_lane(&l, -1).unwrap());
        assert_eq!(m.lanes[m.lanes.len() - 2].id, l);
    }

    #[test]
    fn cells_must_fit_their_lane() {
        let mut m = JourneyMap::blank("m", "t");
        let text = m.lanes[0].id.clone();
        assert!(matches!(
            m.set_cell(&text, "t1", Cell::Emotion(1.0)),
            Err(OpError::WrongCell { .. })
        ));
        assert_eq!(
            m.set_cell(&text, "t404", Cell::Text("x".into())),
            Err(OpError::NoStep("t404".into()))
        );
        m.set_cell(&text, "t1", Cell::Text("Hello".into())).unwrap();
        assert_eq!(m.lanes[0].cells["t1"], Cell::Text("Hello".into()));
        // Emptying removes the cell.
        m.set_cell(&text, "t1", Cell::Text("  ".into())).unwrap();
        assert!(!m.lanes[0].cells.contains_key("t1"));
    }

    #[test]
    fn emotion_values_are_clamped_and_must_be_numbers() {
        let mut m = JourneyMap::blank("m", "t");
        let lane = m
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Emotion)
            .unwrap()
            .id
            .clone();
        m.set_emotion(&lane, "t1", Some(7.0)).unwrap();
        assert_eq!(m.lane(&lane).unwrap().cells["t1"], Cell::Emotion(2.0));
        assert_eq!(
            m.set_emotion(&lane, "t1", Some(f64::NAN)),
            Err(OpError::NotANumber)
        );
        m.set_emotion(&lane, "t1", None).unwrap();
        assert!(m.lane(&lane).unwrap().cells.is_empty());
    }

    #[test]
    fn list_cells_drop_blank_items() {
        let mut m = JourneyMap::blank("m", "t");
        let lane = m.add_lane(LaneKind::PainPoints, None, "Pains").unwrap();
        m.set_cell(
            &lane,
            "t1",
            Cell::List(vec![" Slow ".into(), "".into(), "Fees".into()]),
        )
        .unwrap();
        assert_eq!(
            m.lane(&lane).unwrap().cells["t1"],
            Cell::List(vec!["Slow".into(), "Fees".into()])
        );
    }

    #[test]
    fn new_emotion_lanes_take_a_persona_without_a_curve() {
        let mut m = JourneyMap::blank("m", "t");
        let p2 = m.add_persona("Buyer");
        let lane = m.add_lane(LaneKind::Emotion, None, "Buyer feels").unwrap();
        assert_eq!(m.lane(&lane).unwrap().persona.as_deref(), Some(p2.as_str()));
        assert_ne!(
            m.lane_color(m.lane(&lane).unwrap()),
            m.lane_color(&m.lanes[2]),
            "two personas, two colours"
        );
        m.delete_persona(&p2).unwrap();
        assert_eq!(m.lane(&lane).unwrap().persona, None);
        assert!(m.check().is_empty());
    }

    #[test]
    fn an_emotion_lane_beyond_the_personas_brings_its_own_persona() {
        let mut m = JourneyMap::blank("m", "t");
        assert_eq!(m.personas.len(), 1);
        let lane = m.add_lane(LaneKind::Emotion, None, "Second curve").unwrap();
        assert_eq!(m.personas.len(), 2);
        let persona = m.lane(&lane).unwrap().persona.clone().unwrap();
        assert_eq!(m.persona(&persona).unwrap().name, "Persona 2");
        m.set_persona_color(&persona, "#123456").unwrap();
        assert_eq!(m.lane_color(m.lane(&lane).unwrap()), "#123456");
        // Other kinds add no persona.
        m.add_lane(LaneKind::Quotes, None, "Quotes").unwrap();
        assert_eq!(m.personas.len(), 2);
        assert!(m.check().is_empty());
    }

    #[test]
    fn normalize_drops_empty_cells_of_any_shape() {
        let mut m = JourneyMap::blank("m", "t");
        let tp = m.lanes[1].id.clone();
        // `[]` reads back as an empty list whatever the lane's kind.
        m.lanes[1].cells.insert("t1".into(), Cell::List(vec![]));
        m.normalize();
        assert!(m.lane(&tp).unwrap().cells.is_empty());
        assert!(m.check().is_empty());
    }

    #[test]
    fn a_map_stops_growing_at_the_limits_files_are_read_with() {
        let mut m = JourneyMap::blank("m", "t");
        for i in m.step_count()..crate::model::MAX_STEPS {
            m.stages[0].steps.push(Step {
                id: format!("x{i}"),
                name: i.to_string(),
            });
        }
        assert_eq!(
            m.add_step("s1", None, "one more"),
            Err(OpError::Full("steps", crate::model::MAX_STEPS))
        );
        assert!(
            m.add_stage(None, "more").is_err(),
            "a new stage brings a step"
        );
        for _ in m.lanes.len()..crate::model::MAX_LANES {
            m.add_lane(LaneKind::Text, None, "x").unwrap();
        }
        assert!(m
            .add_lane(LaneKind::Text, None, "x")
            .unwrap_err()
            .to_string()
            .contains("at most 200 lanes"));
        assert!(crate::format::json::from_str(&crate::format::json::to_string(&m)).is_ok());
    }

    #[test]
    fn a_persona_profile_is_changed_but_never_given_a_script_for_a_picture() {
        let mut m = template::ecommerce("m");
        m.update_persona("p1", |p| p.quote = "Fast, please.".into())
            .unwrap();
        assert_eq!(m.personas[0].quote, "Fast, please.");
        let err = m
            .update_persona("p1", |p| p.avatar = "javascript:alert(1)".into())
            .unwrap_err();
        assert!(err.to_string().contains("https:"));
        assert_eq!(m.personas[0].avatar, "", "refused as a whole");
        assert_eq!(m.personas[0].initials(), "S");
        let mut two = m.personas[0].clone();
        two.name = "Ada Lovelace".into();
        assert_eq!(two.initials(), "AL");
    }

    #[test]
    fn a_future_twin_keeps_the_content_and_links_both_ways() {
        let mut m = template::ecommerce("now");
        let f = m.future_twin("later");
        assert_eq!((f.id.as_str(), f.state), ("later", MapState::Future));
        assert_eq!(f.twin.as_deref(), Some("now"));
        assert_eq!(m.twin.as_deref(), Some("later"));
        assert_eq!(f.stages, m.stages);
        assert_eq!(f.lanes, m.lanes);
        assert!(f.title.ends_with("(future state)"));
        assert!(crate::model::diff::changes(&m, &f).iter().all(|c| matches!(
            c,
            crate::model::diff::Change::Title { .. } | crate::model::diff::Change::State
        )));
    }

    #[test]
    fn duplicate_keeps_content_under_a_new_id() {
        let m = map();
        let d = m.duplicate("m2");
        assert_eq!(d.id, "m2");
        assert_eq!(d.lanes, m.lanes);
        assert!(d.title.contains(&m.title));
    }

    #[test]
    fn twins_never_give_a_new_step_an_id_the_other_has_or_had() {
        use crate::model::diff::{changes, Change};
        let mut now = template::ecommerce("now");
        let mut later = now.future_twin("later");
        // The future drops its first step and adds one; the current state
        // adds one too.
        let first = later.stages[0].steps[0].id.clone();
        let gone = later.delete_step(&first).unwrap().name;
        let stage = later.stages[0].id.clone();
        let added = later.add_step(&stage, None, "Sees a TV spot").unwrap();
        let here = now.add_step(&stage, None, "Hears from a friend").unwrap();
        assert_ne!(added, first, "a deleted step's id is not taken again");
        assert_ne!(added, here, "the two maps' new steps differ");
        assert!(now.steps().all(|s| s.id != added));
        // So Compare sees one removed and one added step, not a rename.
        let found = changes(&now, &later);
        assert!(found.contains(&Change::StepRemoved(gone)), "{found:?}");
        assert!(
            found.contains(&Change::StepAdded("Sees a TV spot".into())),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|c| matches!(c, Change::StepRenamed { .. })),
            "{found:?}"
        );
        // Lanes and personas too; a map with no twin keeps short ids.
        let lane = later.add_lane(LaneKind::Text, None, "Says").unwrap();
        assert!(now.lanes.iter().all(|l| l.id != lane));
        let mut alone = map();
        let id = alone
            .add_step(&alone.stages[0].id.clone(), None, "X")
            .unwrap();
        assert!(!id.contains('-'), "{id}");
    }
}
