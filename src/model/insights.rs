//! What a map says at a glance: emotion per stage, moments of truth, where
//! the pain is, stages with no opportunity noted, metrics against targets
//! and a conversion funnel. Read by the Insights panel.

use super::{Cell, JourneyMap, LaneKind};

/// The average emotion of one lane over one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageMood {
    pub stage: String,
    pub color: String,
    /// `None` when no step of the stage has a value.
    pub average: Option<f64>,
}

/// One emotion lane's reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// The lane's title, with its persona's name when it has one.
    pub name: String,
    pub color: String,
    pub stages: Vec<StageMood>,
    /// The lowest and highest moments: (step name, value).
    pub lowest: Option<(String, f64)>,
    pub highest: Option<(String, f64)>,
}

/// A metric with both a value and a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub step: String,
    pub name: String,
    pub value: f64,
    pub target: f64,
    pub unit: String,
    /// True when the value reaches the target. Names that count something
    /// bad (abandonment, churn, errors, time, cost…) are met from below.
    pub met: bool,
}

/// One stage of the conversion funnel.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelStage {
    pub stage: String,
    pub metric: String,
    pub value: f64,
    pub unit: String,
}

/// Everything the Insights panel shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Insights {
    pub curves: Vec<Curve>,
    /// Steps with pain points, most first, at most five: (step, count).
    pub pain: Vec<(String, usize)>,
    /// Stages where no opportunity is noted (only when the map has an
    /// opportunities lane).
    pub no_opportunity: Vec<String>,
    pub targets: Vec<Target>,
    /// The first conversion metric of each stage that has one, in order.
    pub funnel: Vec<FunnelStage>,
}

/// Words in a metric's name that mean lower is better.
const LOWER_IS_BETTER: [&str; 17] = [
    "abandon",
    "churn",
    "bounce",
    "drop",
    "error",
    "exit",
    "cost",
    "complain",
    "wait",
    "refund",
    "return",
    "effort",
    "time to",
    "handling time",
    "response time",
    "resolution time",
    "duration",
];

/// Units of a duration: less is better ("Check-in wait 15 min").
const DURATION_UNITS: [&str; 9] = [
    "s", "sec", "min", "mins", "minutes", "h", "hours", "days", "d",
];

fn lower_is_better(name: &str, unit: &str) -> bool {
    let n = name.to_lowercase();
    LOWER_IS_BETTER.iter().any(|w| n.contains(w))
        || DURATION_UNITS.contains(&unit.trim().to_lowercase().as_str())
}

fn is_conversion(name: &str) -> bool {
    let n = name.to_lowercase();
    n.contains("conversion") || n.contains("convert") || n.contains("activation")
}

/// The lowest (with `f64::min`) or highest value of a curve, with the
/// names of every step at it, in the map's order ("Calls support, Pays",
/// at most five, then "and 2 more").
fn moment(points: &[(String, f64)], pick: fn(f64, f64) -> f64) -> Option<(String, f64)> {
    let v = points.iter().map(|p| p.1).reduce(pick)?;
    let at: Vec<&str> = points
        .iter()
        .filter(|p| p.1 == v)
        .map(|p| p.0.as_str())
        .collect();
    let mut names = at.iter().take(5).copied().collect::<Vec<_>>().join(", ");
    if at.len() > 5 {
        names.push_str(&format!(" and {} more", at.len() - 5));
    }
    Some((names, v))
}

/// Reads the map.
pub fn read(map: &JourneyMap) -> Insights {
    let mut out = Insights::default();
    for lane in map.lanes.iter().filter(|l| l.kind == LaneKind::Emotion) {
        let name = match lane.persona.as_deref().and_then(|p| map.persona(p)) {
            // "Feeling (Tom)", unless the title names Tom already.
            Some(p)
                if !p.name.is_empty()
                    && !lane.title.to_lowercase().contains(&p.name.to_lowercase()) =>
            {
                format!("{} ({})", lane.title, p.name)
            }
            _ => lane.title.clone(),
        };
        let value = |id: &str| match lane.cells.get(id) {
            Some(Cell::Emotion(v)) if v.is_finite() => Some(*v),
            _ => None,
        };
        let stages = map
            .stages
            .iter()
            .map(|s| {
                let vals: Vec<f64> = s.steps.iter().filter_map(|t| value(&t.id)).collect();
                StageMood {
                    stage: s.name.clone(),
                    color: s.color.clone(),
                    average: (!vals.is_empty())
                        .then(|| vals.iter().sum::<f64>() / vals.len() as f64),
                }
            })
            .collect();
        let points: Vec<(String, f64)> = map
            .steps()
            .filter_map(|t| value(&t.id).map(|v| (t.name.clone(), v)))
            .collect();
        let lowest = moment(&points, f64::min);
        let highest = moment(&points, f64::max);
        out.curves.push(Curve {
            name,
            color: map.lane_color(lane),
            stages,
            lowest,
            highest,
        });
    }

    let count = |kind: LaneKind, step: &str| -> usize {
        map.lanes
            .iter()
            .filter(|l| l.kind == kind)
            .filter_map(|l| match l.cells.get(step) {
                Some(Cell::List(items)) => {
                    Some(items.iter().filter(|i| !i.trim().is_empty()).count())
                }
                _ => None,
            })
            .sum()
    };
    let mut pain: Vec<(String, usize)> = map
        .steps()
        .map(|t| (t.name.clone(), count(LaneKind::PainPoints, &t.id)))
        .filter(|(_, n)| *n > 0)
        .collect();
    pain.sort_by_key(|p| std::cmp::Reverse(p.1));
    pain.truncate(5);
    out.pain = pain;

    if map.lanes.iter().any(|l| l.kind == LaneKind::Opportunities) {
        out.no_opportunity = map
            .stages
            .iter()
            .filter(|s| {
                s.steps
                    .iter()
                    .all(|t| count(LaneKind::Opportunities, &t.id) == 0)
            })
            .map(|s| s.name.clone())
            .collect();
    }

    for stage in &map.stages {
        let mut first_conversion = None;
        for step in &stage.steps {
            for lane in map.lanes.iter().filter(|l| l.kind == LaneKind::Metrics) {
                let Some(Cell::Metrics(ms)) = lane.cells.get(&step.id) else {
                    continue;
                };
                for m in ms {
                    if let (Some(value), Some(target)) = (m.value, m.target) {
                        out.targets.push(Target {
                            step: step.name.clone(),
                            name: m.name.clone(),
                            value,
                            target,
                            unit: m.unit.clone(),
                            met: if lower_is_better(&m.name, &m.unit) {
                                value <= target
                            } else {
                                value >= target
                            },
                        });
                    }
                    if first_conversion.is_none() && is_conversion(&m.name) {
                        if let Some(value) = m.value {
                            first_conversion = Some(FunnelStage {
                                stage: stage.name.clone(),
                                metric: m.name.clone(),
                                value,
                                unit: m.unit.clone(),
                            });
                        }
                    }
                }
            }
        }
        out.funnel.extend(first_conversion);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{template, Metric};

    #[test]
    fn the_template_reads_as_a_practitioner_would() {
        let m = template::ecommerce("m");
        let i = read(&m);
        assert_eq!(i.curves.len(), 1);
        let c = &i.curves[0];
        assert_eq!(c.stages.len(), m.stages.len());
        let (low, lv) = c.lowest.clone().unwrap();
        let (high, hv) = c.highest.clone().unwrap();
        assert!(lv < hv);
        assert_eq!(lv, -2.0, "{low}");
        assert!(!high.is_empty());
        // Every stage average lies on the scale.
        for s in &c.stages {
            if let Some(a) = s.average {
                assert!((-2.0..=2.0).contains(&a), "{}: {a}", s.stage);
            }
        }
        assert!(!i.pain.is_empty());
        assert!(
            i.pain.windows(2).all(|w| w[0].1 >= w[1].1),
            "most pain first"
        );
        assert!(!i.targets.is_empty());
    }

    #[test]
    fn equal_lows_and_highs_are_all_named() {
        let p = |n: &str, v: f64| (n.to_string(), v);
        let points = [
            p("Calls", -2.0),
            p("Waits", 1.0),
            p("First bill", -2.0),
            p("Support", -2.0),
        ];
        assert_eq!(
            moment(&points, f64::min),
            Some(("Calls, First bill, Support".into(), -2.0))
        );
        assert_eq!(moment(&points, f64::max), Some(("Waits".into(), 1.0)));
        let many: Vec<_> = (0..8).map(|i| p(&format!("S{i}"), 0.0)).collect();
        assert_eq!(
            moment(&many, f64::min).unwrap().0,
            "S0, S1, S2, S3, S4 and 3 more"
        );
        assert_eq!(moment(&[], f64::min), None);
    }

    #[test]
    fn a_curve_is_named_for_its_persona_once() {
        let mut m = template::ecommerce("m");
        m.personas.push(crate::model::Persona {
            id: "tom".into(),
            name: "Tom".into(),
            ..Default::default()
        });
        let lane = m
            .lanes
            .iter_mut()
            .find(|l| l.kind == LaneKind::Emotion)
            .unwrap();
        lane.persona = Some("tom".into());
        lane.title = "Feeling".into();
        assert_eq!(read(&m).curves[0].name, "Feeling (Tom)");
        let lane = m
            .lanes
            .iter_mut()
            .find(|l| l.kind == LaneKind::Emotion)
            .unwrap();
        lane.title = "Feeling (Tom)".into();
        assert_eq!(read(&m).curves[0].name, "Feeling (Tom)");
    }

    #[test]
    fn stages_without_opportunities_and_targets_met_or_missed() {
        let mut m = template::ecommerce("m");
        let opp = m
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Opportunities)
            .unwrap()
            .id
            .clone();
        let first_stage_steps: Vec<String> =
            m.stages[0].steps.iter().map(|s| s.id.clone()).collect();
        for s in &first_stage_steps {
            m.clear_cell(&opp, s).unwrap();
        }
        assert!(read(&m).no_opportunity.contains(&m.stages[0].name));

        let metrics = m
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Metrics)
            .unwrap()
            .id
            .clone();
        let step = m.stages[1].steps[0].id.clone();
        let metric = |name: &str, value: f64, target: f64| Metric {
            name: name.into(),
            value: Some(value),
            target: Some(target),
            unit: "%".into(),
        };
        m.set_cell(
            &metrics,
            &step,
            Cell::Metrics(vec![
                metric("Cart abandonment", 60.0, 50.0),
                metric("Conversion rate", 3.0, 2.0),
            ]),
        )
        .unwrap();
        let i = read(&m);
        let t = |n: &str| i.targets.iter().find(|t| t.name == n).unwrap().met;
        assert!(!t("Cart abandonment"), "abandonment above target is missed");
        assert!(t("Conversion rate"));
        // "On-time" is not a duration; minutes are.
        assert!(!lower_is_better("On-time delivery", "%"));
        assert!(lower_is_better("Price-check exits", "%"));
        assert!(lower_is_better("Check-in queue", "min"));
        assert!(i
            .funnel
            .iter()
            .any(|f| f.stage == m.stages[1].name && f.value == 3.0));
    }

    #[test]
    fn an_empty_map_has_nothing_to_say() {
        let m = JourneyMap::blank("b", "Blank");
        let i = read(&m);
        assert_eq!(i.curves[0].lowest, None);
        assert_eq!(i.curves[0].stages[0].average, None);
        assert!(i.pain.is_empty() && i.targets.is_empty() && i.funnel.is_empty());
        assert!(
            i.no_opportunity.is_empty(),
            "no opportunities lane, nothing to flag"
        );
    }
}
