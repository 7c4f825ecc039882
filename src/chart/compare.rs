//! Current state against future state: the two emotion curves overlaid
//! step by step, and the whole comparison as one SVG file.

use super::{render_svg, render_svg_window, Layout, Series};
use crate::format::svg::escape as esc;
use crate::model::Scale;
use crate::model::{diff, JourneyMap, LaneKind};
use std::ops::Range;

/// One emotion lane in both maps, on the future map's steps.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    pub title: String,
    pub color: String,
    /// The current state's values on the future map's steps (`None` where
    /// the step is new or has no value).
    pub current: Vec<Option<f64>>,
    pub future: Vec<Option<f64>>,
}

/// Emotion lanes matched by id; lanes only in one map are left out.
pub fn overlays(current: &JourneyMap, future: &JourneyMap) -> Vec<Overlay> {
    future
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Emotion)
        .filter_map(|l| {
            let before = current.lane(&l.id)?;
            let values = |lane: &crate::model::Lane, map: &JourneyMap| -> Vec<Option<f64>> {
                let own = map.emotion_values(lane);
                let at: std::collections::HashMap<&str, usize> = map
                    .steps()
                    .enumerate()
                    .map(|(i, s)| (s.id.as_str(), i))
                    .collect();
                future
                    .steps()
                    .map(|s| {
                        at.get(s.id.as_str())
                            .and_then(|&i| own.get(i).copied().flatten())
                    })
                    .collect()
            };
            Some(Overlay {
                title: l.title.clone(),
                color: future.lane_color(l),
                current: values(before, current),
                future: values(l, future),
            })
        })
        .collect()
}

/// What changed from the current state to the future state, leaving out
/// the title and the state: those tell the twins apart, and are not a
/// change to the journey.
pub fn journey_changes(current: &JourneyMap, future: &JourneyMap) -> Vec<diff::Change> {
    diff::changes(current, future)
        .into_iter()
        .filter(|c| !matches!(c, diff::Change::Title { .. } | diff::Change::State))
        .collect()
}

/// The Compare panel's charts: one column per step, as wide as the grid's.
/// The padding leaves room for "▲ High"
/// above a point at the top of the scale and "▼ Low" below one at the
/// bottom, as in the editor.
pub const PANEL: Layout = Layout {
    col_width: crate::viewport::COL_WIDTH,
    height: 150.0,
    pad_top: 22.0,
    pad_bottom: 22.0,
};

/// The downloaded comparison's charts (see [`PANEL`]).
const PICTURE: Layout = Layout {
    col_width: 120.0,
    height: 160.0,
    pad_top: 22.0,
    pad_bottom: 22.0,
};

/// The width in px of the scale's words left of a chart, at 11 px: room for
/// the longest ("Neither satisfied nor dissatisfied" on a Likert scale),
/// up to 220 px.
pub fn axis_width(scale: &Scale) -> f64 {
    let longest = super::scale_marks(scale)
        .iter()
        .map(|(_, w)| w.chars().count())
        .max()
        .unwrap_or(0);
    (longest as f64 * 6.4 + 16.0).clamp(48.0, 220.0)
}

/// The colour of the current state's curve (slate-400).
pub const CURRENT_COLOR: &str = "#94a3b8";

/// The chart of one overlay: the current curve thin and grey, the future
/// curve on top in its lane's colour.
pub fn overlay_svg(o: &Overlay, future: &JourneyMap, layout: &Layout) -> String {
    render_svg(&overlay_series(o), &future.scale, layout)
}

/// The step columns `window` of [`overlay_svg`], its left edge at column
/// `window.start` (as [`render_svg_window`] cuts it): the Compare panel
/// draws the columns in view of a long map.
pub fn overlay_svg_window(
    o: &Overlay,
    scale: &Scale,
    layout: &Layout,
    window: Range<usize>,
) -> String {
    render_svg_window(&overlay_series(o), scale, layout, window)
}

/// The two curves of an overlay.
fn overlay_series(o: &Overlay) -> [Series<'_>; 2] {
    [
        Series {
            values: &o.current,
            color: CURRENT_COLOR,
            label: "Current state",
            emphasis: false,
        },
        Series {
            values: &o.future,
            color: &o.color,
            label: "Future state",
            emphasis: true,
        },
    ]
}

/// Cuts `s` to `n` characters with an ellipsis.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

/// The whole comparison as one self-contained SVG: titles, a legend, each
/// overlaid curve with its step names, and the list of changes.
pub fn compare_svg(current: &JourneyMap, future: &JourneyMap) -> String {
    const LEFT: f64 = 24.0;
    let layout = PICTURE;
    // The scale's words, left of each chart.
    let axis = axis_width(&future.scale);
    let steps = future.step_count().max(1);
    let changes = journey_changes(current, future);
    let width = (LEFT * 2.0 + axis + layout.width(steps)).max(640.0);
    let marks = super::scale_marks(&future.scale);
    let mut body = String::new();
    let mut y = 36.0;
    body += &format!(
        "<text x=\"{LEFT}\" y=\"{y}\" font-size=\"20\" font-weight=\"600\">{}</text>\n",
        esc(&format!("{} → {}", current.title, future.title))
    );
    y += 24.0;
    body += &format!(
        "<line x1=\"{LEFT}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{CURRENT_COLOR}\" stroke-width=\"2\"/>\
         <text x=\"{}\" y=\"{y}\" font-size=\"12\">Current state</text>\
         <line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#0f766e\" stroke-width=\"3\"/>\
         <text x=\"{}\" y=\"{y}\" font-size=\"12\">Future state</text>\n",
        y - 4.0,
        LEFT + 24.0,
        y - 4.0,
        LEFT + 30.0,
        LEFT + 130.0,
        y - 4.0,
        LEFT + 154.0,
        y - 4.0,
        LEFT + 160.0,
    );
    y += 16.0;
    for o in overlays(current, future) {
        y += 16.0;
        body += &format!(
            "<text x=\"{LEFT}\" y=\"{y}\" font-size=\"14\" font-weight=\"600\">{}</text>\n",
            esc(&o.title)
        );
        y += 8.0;
        for (v, word) in &marks {
            body += &format!(
                "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#52606d\">{}</text>\n",
                LEFT + axis - 8.0,
                y + layout.y(&future.scale, *v) + 4.0,
                esc(word)
            );
        }
        let chart = overlay_svg(&o, future, &layout);
        // The chart is a complete <svg>; placed as a nested viewport.
        let x = LEFT + axis;
        body += &chart.replacen("<svg ", &format!("<svg x=\"{x}\" y=\"{y}\" "), 1);
        y += layout.height + 14.0;
        for (i, s) in future.steps().enumerate() {
            body += &format!(
                "<text x=\"{}\" y=\"{y}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n",
                x + layout.x(i),
                esc(&clip(&s.name, 18))
            );
        }
        y += 12.0;
    }
    y += 24.0;
    body += &format!(
        "<text x=\"{LEFT}\" y=\"{y}\" font-size=\"14\" font-weight=\"600\">{}</text>\n",
        esc(&match changes.len() {
            0 => "No changes".to_string(),
            1 => "1 change".to_string(),
            n => format!("{n} changes"),
        })
    );
    for c in &changes {
        y += 18.0;
        body += &format!(
            "<text x=\"{LEFT}\" y=\"{y}\" font-size=\"12\">• {}</text>\n",
            esc(&c.describe())
        );
    }
    y += 24.0;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{y}\" viewBox=\"0 0 {width} {y}\" \
         font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" fill=\"#1f2933\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{body}</svg>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    #[test]
    fn curves_line_up_by_step_even_when_steps_were_added() {
        let mut now = template::ecommerce("now");
        let mut later = now.future_twin("later");
        let lane = later
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Emotion)
            .unwrap()
            .id
            .clone();
        let first = later.stages[0].steps[0].id.clone();
        later.set_emotion(&lane, &first, Some(2.0)).unwrap();
        let stage = later.stages[0].id.clone();
        let added = later.add_step(&stage, Some(0), "New step").unwrap();
        later.set_emotion(&lane, &added, Some(1.0)).unwrap();
        let o = &overlays(&now, &later)[0];
        assert_eq!(o.future.len(), later.step_count());
        assert_eq!(o.current.len(), later.step_count());
        assert_eq!(
            (o.future[0], o.current[0]),
            (Some(2.0), now.emotion_values(now.lane(&lane).unwrap())[0])
        );
        assert_eq!(
            (o.future[1], o.current[1]),
            (Some(1.0), None),
            "a new step has no current value"
        );
        now.title = "<Now & then>".into();
        let svg = compare_svg(&now, &later);
        assert!(svg.contains("&lt;Now &amp; then&gt;"));
        assert!(!svg.contains("<Now"));
        assert!(svg.contains("Added step “New step”"));
        // As in the panel: the twins' own titles and states are no change.
        assert!(!svg.contains("Renamed the map") && !svg.contains("current/future"));
        assert_eq!(
            svg.matches("<svg").count(),
            2,
            "one nested chart per emotion lane"
        );
        assert!(svg.trim_end().ends_with("</svg>"));
        // The scale's words stand beside the chart, once per emotion lane,
        // as text (a word from the file is escaped).
        for word in ["Delighted", "Neutral", "Frustrated"] {
            assert_eq!(svg.matches(&format!(">{word}</text>")).count(), 1, "{word}");
        }
        // "▲ High" above a point at the top of the scale, "▼ Low" below one
        // at the bottom, in the panel and the picture: not over the curves.
        for layout in [PANEL, PICTURE] {
            let o = Overlay {
                title: "Feeling".into(),
                color: "#0f766e".into(),
                current: vec![Some(0.0), Some(0.0)],
                future: vec![Some(2.0), Some(-2.0)],
            };
            let svg = overlay_svg(&o, &later, &layout);
            let y_of = |mark: &str| -> f64 {
                let line = svg.lines().find(|l| l.contains(mark)).unwrap();
                let at = line.find(" y=\"").unwrap() + 4;
                line[at..].split('"').next().unwrap().parse().unwrap()
            };
            // plotters draws at 4 units a pixel.
            let (top, bottom) = (
                layout.y(&later.scale, 2.0) * 4.0,
                layout.y(&later.scale, -2.0) * 4.0,
            );
            assert!(y_of("▲ High") < top, "High above its point");
            assert!(y_of("▼ Low") > bottom, "Low below its point");
        }
        // A long word gets the room it needs, left of the chart.
        later.scale.labels[2] = "Neither satisfied nor dissatisfied".into();
        let svg = compare_svg(&now, &later);
        let line = svg
            .lines()
            .find(|l| l.contains(">Neither satisfied"))
            .unwrap();
        let at = line.find(" x=\"").unwrap() + 4;
        let right: f64 = line[at..].split('"').next().unwrap().parse().unwrap();
        assert!(
            right - 34.0 * 6.0 > 0.0,
            "the word starts inside the picture: ends at {right}"
        );
        later.scale.labels[0] = "<Furious>".into();
        let svg = compare_svg(&now, &later);
        assert!(svg.contains(">&lt;Furious&gt;</text>"));
    }
}
