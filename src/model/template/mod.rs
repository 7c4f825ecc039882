//! Ready-made maps to start from, one per journey-mapping practice.
//!
//! The editor ships them as files, `templates/<key>.journey.json` beside
//! `index.html`, and fetches the one chosen (`ui::library`), so their text
//! is not in the wasm. The list of keys and titles ([`TEMPLATES`]) is.
//!
//! The files are written by the builders below, which are host-only (and
//! in tests): each template lives in its own file, all but the first
//! written with [`Draft`]: lanes first, then stage by stage, one row of
//! cells per step. A test checks that the committed files are exactly what
//! the builders make; after changing a template, rewrite them with
//! `JOURNEYMAP_WRITE_TEMPLATES=1 cargo test --lib template`.

#[cfg(any(test, not(target_arch = "wasm32")))]
mod b2b_saas;
#[cfg(any(test, not(target_arch = "wasm32")))]
mod blueprint;
#[cfg(any(test, not(target_arch = "wasm32")))]
mod day_in_life;
#[cfg(any(test, not(target_arch = "wasm32")))]
mod ecommerce;
#[cfg(any(test, not(target_arch = "wasm32")))]
mod onboarding;
#[cfg(any(test, not(target_arch = "wasm32")))]
mod support;

#[cfg(any(test, not(target_arch = "wasm32")))]
pub use ecommerce::ecommerce;

#[cfg(any(test, not(target_arch = "wasm32")))]
use super::{
    Cell, Channel, JourneyMap, Lane, LaneKind, MapState, Metric, Persona, Scale, Stage, Step,
    Touchpoint, PERSONA_COLORS, STAGE_COLORS,
};

/// The templates the library offers: (key, title), in menu order.
pub const TEMPLATES: [(&str, &str); 6] = [
    ("ecommerce", "E-commerce purchase"),
    ("b2b_saas", "B2B SaaS buying journey"),
    ("day_in_life", "Day in the life: community nurse"),
    ("blueprint", "Service blueprint: hotel stay"),
    ("onboarding", "Customer onboarding: banking app"),
    ("support", "Support and complaint resolution"),
];

/// The template file of `key`, relative to the page (so that hosting under
/// a sub-path works): `templates/<key>.journey.json`.
pub fn file(key: &str) -> String {
    format!("templates/{key}.journey.json")
}

/// The title of the template `key`, if there is one.
pub fn title(key: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// Builds the template named `key` under map id `id` (host and tests only:
/// the editor fetches [`file`]).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn build(key: &str, id: &str) -> Option<JourneyMap> {
    Some(match key {
        "ecommerce" => ecommerce(id),
        "b2b_saas" => b2b_saas::b2b_saas(id),
        "day_in_life" => day_in_life::day_in_life(id),
        "blueprint" => blueprint::blueprint(id),
        "onboarding" => onboarding::onboarding(id),
        "support" => support::support(id),
        _ => return None,
    })
}

#[cfg(any(test, not(target_arch = "wasm32")))]
fn list(items: &[&str]) -> Cell {
    Cell::List(items.iter().map(|s| s.to_string()).collect())
}

#[cfg(any(test, not(target_arch = "wasm32")))]
fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

#[cfg(any(test, not(target_arch = "wasm32")))]
fn tp(items: &[(Channel, &str)]) -> Cell {
    Cell::Touchpoints(
        items
            .iter()
            .map(|(channel, note)| Touchpoint {
                channel: *channel,
                note: note.to_string(),
            })
            .collect(),
    )
}

#[cfg(any(test, not(target_arch = "wasm32")))]
fn metric(name: &str, value: f64, target: f64, unit: &str) -> Cell {
    kpis(&[(name, value, target, unit)])
}

#[cfg(any(test, not(target_arch = "wasm32")))]
/// Metrics as (name, value, target, unit).
fn kpis(items: &[(&str, f64, f64, &str)]) -> Cell {
    Cell::Metrics(
        items
            .iter()
            .map(|(name, value, target, unit)| Metric {
                name: name.to_string(),
                value: Some(*value),
                target: Some(*target),
                unit: unit.to_string(),
            })
            .collect(),
    )
}

#[cfg(any(test, not(target_arch = "wasm32")))]
fn feel(v: f64) -> Cell {
    Cell::Emotion(v)
}

#[cfg(any(test, not(target_arch = "wasm32")))]
/// A template being written: personas and lanes first, then stages, then
/// each step with one cell per lane, in lane order. Ids are numbered as the
/// editor numbers them (`p1`, `l1`, `s1`, `t1`).
struct Draft {
    map: JourneyMap,
}

#[cfg(any(test, not(target_arch = "wasm32")))]
impl Draft {
    fn new(id: &str, title: &str, description: &str) -> Self {
        Draft {
            map: JourneyMap {
                id: id.into(),
                title: title.into(),
                description: description.into(),
                state: MapState::Current,
                scale: Scale::default(),
                personas: Vec::new(),
                stages: Vec::new(),
                lanes: Vec::new(),
                twin: None,
                updated: 0.0,
            },
        }
    }

    fn persona(mut self, name: &str, role: &str, goals: &[&str], pains: &[&str]) -> Self {
        let n = self.map.personas.len();
        self.map.personas.push(Persona {
            id: format!("p{}", n + 1),
            name: name.into(),
            role: role.into(),
            goals: goals.iter().map(|s| s.to_string()).collect(),
            pains: pains.iter().map(|s| s.to_string()).collect(),
            color: PERSONA_COLORS[n % PERSONA_COLORS.len()].into(),
            ..Persona::default()
        });
        self
    }

    /// The last persona's profile: demographics, preferred channels, quote.
    fn profile(mut self, demographics: &[&str], channels: &[Channel], quote: &str) -> Self {
        if let Some(p) = self.map.personas.last_mut() {
            p.demographics = demographics.iter().map(|s| s.to_string()).collect();
            p.channels = channels.to_vec();
            p.quote = quote.into();
        }
        self
    }

    fn lane(mut self, kind: LaneKind, title: &str) -> Self {
        self.map.lanes.push(Lane {
            id: format!("l{}", self.map.lanes.len() + 1),
            kind,
            title: title.into(),
            persona: None,
            color: String::new(),
            cells: Default::default(),
        });
        self
    }

    /// An emotion lane for the persona at `persona` (0-based).
    fn feeling(mut self, title: &str, persona: usize) -> Self {
        self = self.lane(LaneKind::Emotion, title);
        let id = self.map.personas[persona].id.clone();
        self.map.lanes.last_mut().expect("just pushed").persona = Some(id);
        self
    }

    fn stage(mut self, name: &str) -> Self {
        let n = self.map.stages.len();
        self.map.stages.push(Stage {
            id: format!("s{}", n + 1),
            name: name.into(),
            color: STAGE_COLORS[n % STAGE_COLORS.len()].into(),
            steps: Vec::new(),
        });
        self
    }

    /// A step in the last stage, with `cells` in lane order; empty cells are
    /// left out.
    fn step(mut self, name: &str, cells: Vec<Cell>) -> Self {
        assert_eq!(
            cells.len(),
            self.map.lanes.len(),
            "one cell per lane at {name}"
        );
        let id = format!("t{}", self.map.step_count() + 1);
        for (lane, cell) in self.map.lanes.iter_mut().zip(cells) {
            if !cell.is_empty() {
                lane.cells.insert(id.clone(), cell);
            }
        }
        let stage = self
            .map
            .stages
            .last_mut()
            .expect("a stage before its steps");
        stage.steps.push(Step {
            id,
            name: name.into(),
        });
        self
    }

    fn done(self) -> JourneyMap {
        self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{json, validate};

    fn all() -> Vec<JourneyMap> {
        TEMPLATES
            .iter()
            .map(|(key, _)| build(key, "m1").unwrap())
            .collect()
    }

    /// The files the editor fetches are exactly what the builders make, and
    /// read back without a warning. `JOURNEYMAP_WRITE_TEMPLATES=1` rewrites
    /// them first.
    #[test]
    fn the_committed_template_files_are_what_the_builders_make() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (key, title) in TEMPLATES {
            let path = dir.join(file(key));
            let made = json::to_string_pretty(&build(key, key).unwrap());
            if std::env::var_os("JOURNEYMAP_WRITE_TEMPLATES").is_some() {
                std::fs::write(&path, &made).unwrap();
            }
            let committed = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                committed == made,
                "{} differs from template::build({key:?}); rewrite it with \
                 JOURNEYMAP_WRITE_TEMPLATES=1 cargo test --lib template",
                path.display()
            );
            let (map, warnings) = validate::read_map(&committed, None).unwrap();
            assert!(warnings.is_empty(), "{key}: {warnings:?}");
            assert_eq!(map.title, title);
            assert_eq!(json::to_string_pretty(&map), committed, "{key}");
        }
    }

    #[test]
    fn every_template_has_a_file_and_a_title() {
        assert_eq!(file("ecommerce"), "templates/ecommerce.journey.json");
        assert_eq!(title("support"), Some("Support and complaint resolution"));
        assert_eq!(title("nope"), None);
    }

    #[test]
    fn build_knows_its_templates() {
        for (key, title) in TEMPLATES {
            assert_eq!(build(key, "id").unwrap().title, title);
        }
        assert!(build("nope", "id").is_none());
    }

    #[test]
    fn ecommerce_has_five_stages_of_two_or_three_steps() {
        let m = ecommerce("x");
        let names: Vec<_> = m.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Awareness",
                "Consideration",
                "Purchase",
                "Retention",
                "Advocacy"
            ]
        );
        assert!(m.stages.iter().all(|s| (2..=3).contains(&s.steps.len())));
    }

    #[test]
    fn every_template_is_valid_and_shaped_like_a_journey() {
        for m in all() {
            let t = &m.title;
            assert!(m.check().is_empty(), "{t}: {:?}", m.check());
            assert!((4..=6).contains(&m.stages.len()), "{t}: stages");
            assert!((8..=16).contains(&m.step_count()), "{t}: steps");
            assert!((1..=2).contains(&m.personas.len()), "{t}: personas");
            for p in &m.personas {
                assert!(!p.name.is_empty() && !p.role.is_empty(), "{t}: {}", p.name);
                assert!(
                    !p.goals.is_empty() && !p.pains.is_empty(),
                    "{t}: {}",
                    p.name
                );
            }
            assert!(m.description.len() > 40, "{t}: description");
        }
    }

    #[test]
    fn every_template_fills_its_lanes_with_the_usual_kinds() {
        for m in all() {
            let t = &m.title;
            for l in &m.lanes {
                if l.kind == LaneKind::Emotion {
                    assert_eq!(l.cells.len(), m.step_count(), "{t}: {} has a gap", l.title);
                    assert!(l.persona.is_some(), "{t}: {} has no persona", l.title);
                } else {
                    assert!(
                        l.cells.len() * 5 >= m.step_count() * 4,
                        "{t}: {} fills {} of {} steps",
                        l.title,
                        l.cells.len(),
                        m.step_count()
                    );
                }
            }
            for kind in [
                LaneKind::Text,
                LaneKind::Touchpoints,
                LaneKind::Emotion,
                LaneKind::PainPoints,
                LaneKind::Opportunities,
                LaneKind::Metrics,
                LaneKind::Quotes,
                LaneKind::Owners,
            ] {
                assert!(m.lanes.iter().any(|l| l.kind == kind), "{t}: no {kind:?}");
            }
            for l in m.lanes.iter().filter(|l| l.kind == LaneKind::Metrics) {
                for c in l.cells.values() {
                    let Cell::Metrics(ms) = c else { unreachable!() };
                    assert!(
                        ms.iter().all(|m| m.value.is_some() && m.target.is_some()),
                        "{t}: a metric without value or target"
                    );
                }
            }
        }
    }

    #[test]
    fn every_emotion_curve_has_ups_and_downs() {
        for m in all() {
            for l in m.lanes.iter().filter(|l| l.kind == LaneKind::Emotion) {
                let v: Vec<f64> = m.emotion_values(l).into_iter().flatten().collect();
                let (lo, hi) = v
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(*x), hi.max(*x)));
                assert!(lo <= -1.0 && hi >= 1.0, "{}: {} is flat", m.title, l.title);
                assert!(v.iter().all(|x| m.scale.contains(*x)), "{}", m.title);
                let falls = v.windows(2).any(|w| w[1] < w[0]);
                let rises = v.windows(2).any(|w| w[1] > w[0]);
                assert!(falls && rises, "{}: {} goes one way", m.title, l.title);
            }
        }
    }

    #[test]
    fn every_template_round_trips_through_json_and_the_validator_without_warnings() {
        for m in all() {
            let text = json::to_string(&m);
            assert_eq!(json::from_str(&text).unwrap(), m, "{}", m.title);
            let (back, warnings) = validate::read_map(&text, None).unwrap();
            assert!(warnings.is_empty(), "{}: {warnings:?}", m.title);
            assert_eq!(back, m, "{}", m.title);
        }
    }

    #[test]
    fn the_blueprint_uses_every_blueprint_lane_in_order() {
        let m = build("blueprint", "m").unwrap();
        let kinds: Vec<_> = m.lanes.iter().map(|l| l.kind).collect();
        let at = |k| kinds.iter().position(|x| *x == k).unwrap();
        assert!(at(LaneKind::Evidence) < at(LaneKind::Text));
        assert!(at(LaneKind::Text) < at(LaneKind::Frontstage));
        assert!(at(LaneKind::Frontstage) < at(LaneKind::Backstage));
        assert!(at(LaneKind::Backstage) < at(LaneKind::Support));
    }

    #[test]
    fn the_b2b_journey_follows_two_stakeholders() {
        let m = build("b2b_saas", "m").unwrap();
        let curves = m
            .lanes
            .iter()
            .filter(|l| l.kind == LaneKind::Emotion)
            .count();
        assert_eq!((m.personas.len(), curves), (2, 2));
    }
}
