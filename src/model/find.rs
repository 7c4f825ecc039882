//! Finding text in a map: what the editor's *Find* bar searches. The grid
//! draws only the steps in view, so the browser's own find cannot see the
//! rest; this searches the map itself.

use super::{Cell, Id, JourneyMap};

/// Where a match is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A lane's title.
    Lane(Id),
    /// A stage's name.
    Stage(Id),
    /// A step's name.
    Step(Id),
    /// A cell's text (an emotion point has none).
    Cell { lane: Id, step: Id },
}

impl Found {
    /// The step whose column holds the match, for a step's name or a
    /// cell; `None` for a lane title (always in view) and a stage.
    pub fn step(&self) -> Option<&str> {
        match self {
            Found::Step(s) | Found::Cell { step: s, .. } => Some(s),
            Found::Lane(_) | Found::Stage(_) => None,
        }
    }
}

/// Every place in `map` whose text holds `query`, ignoring case and the
/// spaces around the query, in the order of the grid: the lane titles
/// (down the left), then column by column, each stage's name before its
/// steps, and in each step its name, then its cells from the top lane
/// down. An empty query finds nothing.
pub fn find(map: &JourneyMap, query: &str) -> Vec<Found> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let has = |text: &str| text.to_lowercase().contains(&query);
    let mut found: Vec<Found> = map
        .lanes
        .iter()
        .filter(|l| has(&l.title))
        .map(|l| Found::Lane(l.id.clone()))
        .collect();
    for stage in &map.stages {
        if has(&stage.name) {
            found.push(Found::Stage(stage.id.clone()));
        }
        for step in &stage.steps {
            if has(&step.name) {
                found.push(Found::Step(step.id.clone()));
            }
            for lane in &map.lanes {
                if lane.cells.get(&step.id).is_some_and(|c| cell_has(c, &has)) {
                    found.push(Found::Cell {
                        lane: lane.id.clone(),
                        step: step.id.clone(),
                    });
                }
            }
        }
    }
    found
}

/// True when any text the cell shows passes `has`.
fn cell_has(cell: &Cell, has: &impl Fn(&str) -> bool) -> bool {
    match cell {
        Cell::Emotion(_) => false,
        Cell::Text(s) => has(s),
        Cell::List(items) => items.iter().any(|s| has(s)),
        Cell::Touchpoints(v) => v.iter().any(|t| has(&t.note) || has(t.channel.label())),
        Cell::Metrics(v) => v.iter().any(|m| has(&m.name) || has(&m.unit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, LaneKind, Metric, Touchpoint};

    /// Ids of the test map's parts.
    struct Ids {
        purchase: Id,
        a: Id,
        b: Id,
        c: Id,
        does: Id,
        tp: Id,
        pain: Id,
        kpi: Id,
    }

    fn map() -> (JourneyMap, Ids) {
        let mut m = JourneyMap::blank("m", "Checkout");
        m.stages.clear();
        m.lanes.clear();
        let aware = m.add_stage(None, "Awareness").unwrap();
        let purchase = m.add_stage(None, "Purchase").unwrap();
        // Without the step a new stage comes with.
        for stage in &mut m.stages {
            stage.steps.clear();
        }
        let a = m.add_step(&aware, None, "Sees an ad").unwrap();
        let b = m.add_step(&purchase, None, "Pays by card").unwrap();
        let c = m.add_step(&purchase, None, "Gets a receipt").unwrap();
        let does = m.add_lane(LaneKind::Text, None, "Customer does").unwrap();
        let tp = m
            .add_lane(LaneKind::Touchpoints, None, "Touchpoints")
            .unwrap();
        let pain = m
            .add_lane(LaneKind::PainPoints, None, "Pain points")
            .unwrap();
        let kpi = m.add_lane(LaneKind::Metrics, None, "KPIs").unwrap();
        let feel = m.add_lane(LaneKind::Emotion, None, "Feels").unwrap();
        m.set_cell(&does, &a, Cell::Text("Scrolls past the CARD offer".into()))
            .unwrap();
        m.set_cell(
            &pain,
            &b,
            Cell::List(vec!["".into(), "Card declined twice".into()]),
        )
        .unwrap();
        let email = Touchpoint {
            channel: Channel::Email,
            note: "PDF".into(),
        };
        m.set_cell(&tp, &c, Cell::Touchpoints(vec![email])).unwrap();
        let refunds = Metric {
            name: "Refunds".into(),
            value: Some(2.0),
            target: None,
            unit: "%".into(),
        };
        m.set_cell(&kpi, &c, Cell::Metrics(vec![refunds])).unwrap();
        m.set_cell(&feel, &b, Cell::Emotion(-2.0)).unwrap();
        let ids = Ids {
            purchase,
            a,
            b,
            c,
            does,
            tp,
            pain,
            kpi,
        };
        (m, ids)
    }

    fn cell(lane: &str, step: &str) -> Found {
        Found::Cell {
            lane: lane.into(),
            step: step.into(),
        }
    }

    #[test]
    fn finds_every_kind_of_text_in_the_order_of_the_grid_ignoring_case() {
        let (m, i) = map();
        assert_eq!(
            find(&m, "card"),
            vec![
                cell(&i.does, &i.a),
                Found::Step(i.b.clone()),
                cell(&i.pain, &i.b)
            ]
        );
        assert_eq!(
            find(&m, "  EMAIL "),
            vec![cell(&i.tp, &i.c)],
            "a channel by its name"
        );
        assert_eq!(
            find(&m, "pdf"),
            vec![cell(&i.tp, &i.c)],
            "a touchpoint's note"
        );
        assert_eq!(
            find(&m, "refund"),
            vec![cell(&i.kpi, &i.c)],
            "a metric's name"
        );
        // Lane titles first, then column by column: a stage before its steps.
        assert_eq!(
            find(&m, "p"),
            vec![
                Found::Lane(i.tp.clone()),
                Found::Lane(i.pain.clone()),
                Found::Lane(i.kpi.clone()),
                cell(&i.does, &i.a),
                Found::Stage(i.purchase.clone()),
                Found::Step(i.b.clone()),
                Found::Step(i.c.clone()),
                cell(&i.tp, &i.c),
            ]
        );
    }

    #[test]
    fn an_empty_query_or_an_emotion_point_finds_nothing() {
        let (m, _) = map();
        assert!(find(&m, "").is_empty());
        assert!(find(&m, "   ").is_empty());
        assert!(find(&m, "-2").is_empty());
        assert!(find(&m, "nowhere").is_empty());
    }

    #[test]
    fn finds_letters_beyond_ascii_in_either_case() {
        let (mut m, i) = map();
        m.set_cell(&i.does, &i.b, Cell::Text("Zahlt per ÜBERWEISUNG".into()))
            .unwrap();
        assert_eq!(find(&m, "überweisung"), vec![cell(&i.does, &i.b)]);
    }
}
