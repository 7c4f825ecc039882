//! Pixel geometry of an emotion lane: where a value sits, which value a
//! pixel means, the smooth monotone curve through the values, the extremes
//! and the colour of a value.

use crate::model::Scale;

/// Samples per segment between two neighbouring steps in [`smooth_runs`]
/// (the segment's end point included, its start point shared with the
/// previous segment).
pub const SAMPLES_PER_SEGMENT: usize = 12;

/// The pixel geometry of an emotion lane's chart.
///
/// Every step column is exactly `col_width` px wide and step `i`'s point
/// sits at the centre of its column. The scale's maximum is drawn
/// `pad_top` px below the top edge, its minimum `pad_bottom` px above the
/// bottom edge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Width of one step column, in px.
    pub col_width: f64,
    /// Height of the whole chart, in px.
    pub height: f64,
    /// Space between the top edge and the scale's maximum, in px.
    pub pad_top: f64,
    /// Space between the scale's minimum and the bottom edge, in px.
    pub pad_bottom: f64,
}

impl Layout {
    /// Width of a chart with `steps` step columns, in px.
    pub fn width(&self, steps: usize) -> f64 {
        self.col_width * steps as f64
    }

    /// Horizontal centre of step `index`: `(index + 0.5) * col_width`.
    pub fn x(&self, index: usize) -> f64 {
        (index as f64 + 0.5) * self.col_width
    }

    /// Height of the band between the scale's maximum and minimum, in px.
    fn inner_height(&self) -> f64 {
        self.height - self.pad_top - self.pad_bottom
    }

    /// Vertical position of `value`, in px from the top.
    ///
    /// The scale's maximum maps to `pad_top`, its minimum to
    /// `height - pad_bottom`. Values outside the scale are clamped onto it,
    /// so a stray value never leaves the chart. A degenerate scale
    /// (`max <= min`) puts every value in the middle of the band.
    pub fn y(&self, scale: &Scale, value: f64) -> f64 {
        let span = scale.max - scale.min;
        let inner = self.inner_height();
        if !is_positive(span) || !value.is_finite() {
            return self.pad_top + inner / 2.0;
        }
        let t = (scale.max - value.clamp(scale.min, scale.max)) / span;
        self.pad_top + t * inner
    }

    /// Inverse of [`Layout::y`] for dragging: the value at pixel `y`,
    /// clamped to the scale and rounded to the nearest multiple of `step`
    /// (e.g. 0.5 or 1; multiples are counted from 0, so whole-number steps
    /// land on the scale's labelled levels).
    ///
    /// A `step` that is not a positive finite number disables rounding.
    /// Rounding happens before clamping, so on a scale whose ends are not
    /// multiples of `step` the ends themselves remain reachable. The result
    /// is tidied to 9 decimals, so `step = 0.1` gives `0.3`, not
    /// `0.30000000000000004`, and never `-0`.
    pub fn value_at(&self, scale: &Scale, y: f64, step: f64) -> f64 {
        let span = scale.max - scale.min;
        let inner = self.inner_height();
        if !is_positive(span) || !is_positive(inner) || !y.is_finite() {
            return tidy(scale.min);
        }
        let raw = scale.max - (y - self.pad_top) / inner * span;
        let rounded = if step.is_finite() && step > 0.0 {
            (raw / step).round() * step
        } else {
            raw
        };
        tidy(scale.clamp(rounded))
    }
}

/// True for a number greater than 0 (so false for NaN).
fn is_positive(v: f64) -> bool {
    v > 0.0
}

/// Rounds away binary noise (9 decimals) and turns `-0.0` into `0.0`.
fn tidy(v: f64) -> f64 {
    if !v.is_finite() {
        return v;
    }
    let r = (v * 1e9).round() / 1e9;
    r + 0.0
}

/// Runs of consecutive `Some` values, each sampled into a smooth curve of
/// `(x, y)` pixel points.
///
/// A `None` (or a non-finite value) leaves a gap: it ends the current run
/// and is never drawn as 0. A run of one value yields a single point (no
/// line). Longer runs use monotone cubic Hermite interpolation
/// (Fritsch–Carlson), so between two neighbouring steps the curve stays
/// within their two values: it never overshoots the scale and never
/// invents a peak. Each segment is sampled into [`SAMPLES_PER_SEGMENT`]
/// points, so a run of `n` values gives `12 * (n - 1) + 1` points that
/// pass exactly through every step's point.
pub fn smooth_runs(values: &[Option<f64>], layout: &Layout, scale: &Scale) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) if v.is_finite() => current.push((layout.x(i), layout.y(scale, *v))),
            _ => {
                if !current.is_empty() {
                    runs.push(sample_monotone(&current));
                    current.clear();
                }
            }
        }
    }
    if !current.is_empty() {
        runs.push(sample_monotone(&current));
    }
    runs
}

/// Fritsch–Carlson tangents for the points `pts` (x strictly increasing).
fn monotone_tangents(pts: &[(f64, f64)]) -> Vec<f64> {
    let n = pts.len();
    if n < 2 {
        return vec![0.0; n];
    }
    // Secant slopes of each segment.
    let d: Vec<f64> = pts
        .windows(2)
        .map(|w| (w[1].1 - w[0].1) / (w[1].0 - w[0].0))
        .collect();
    // Initial tangents: one-sided at the ends, averaged secants inside,
    // flat at a local extreme (the secants change sign or one is flat).
    let mut m = vec![0.0; n];
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for k in 1..n - 1 {
        m[k] = if d[k - 1] * d[k] > 0.0 {
            (d[k - 1] + d[k]) / 2.0
        } else {
            0.0
        };
    }
    // Limit the tangents so each segment stays monotone.
    for k in 0..n - 1 {
        if d[k] == 0.0 {
            m[k] = 0.0;
            m[k + 1] = 0.0;
            continue;
        }
        let a = m[k] / d[k];
        let b = m[k + 1] / d[k];
        if a < 0.0 {
            m[k] = 0.0;
        }
        if b < 0.0 {
            m[k + 1] = 0.0;
        }
        let (a, b) = (a.max(0.0), b.max(0.0));
        let s = a * a + b * b;
        if s > 9.0 {
            let tau = 3.0 / s.sqrt();
            m[k] = tau * a * d[k];
            m[k + 1] = tau * b * d[k];
        }
    }
    m
}

/// Samples the monotone cubic Hermite spline through `pts`.
fn sample_monotone(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
    if pts.len() < 2 {
        return pts.to_vec();
    }
    let m = monotone_tangents(pts);
    let mut out = Vec::with_capacity(SAMPLES_PER_SEGMENT * (pts.len() - 1) + 1);
    out.push(pts[0]);
    for k in 0..pts.len() - 1 {
        let (x0, y0) = pts[k];
        let (x1, y1) = pts[k + 1];
        let h = x1 - x0;
        let (lo, hi) = (y0.min(y1), y0.max(y1));
        for j in 1..=SAMPLES_PER_SEGMENT {
            if j == SAMPLES_PER_SEGMENT {
                out.push((x1, y1));
                break;
            }
            let t = j as f64 / SAMPLES_PER_SEGMENT as f64;
            let (t2, t3) = (t * t, t * t * t);
            let h00 = 2.0 * t3 - 3.0 * t2 + 1.0;
            let h10 = t3 - 2.0 * t2 + t;
            let h01 = -2.0 * t3 + 3.0 * t2;
            let h11 = t3 - t2;
            let y = h00 * y0 + h10 * h * m[k] + h01 * y1 + h11 * h * m[k + 1];
            // The spline is monotone in exact arithmetic; the clamp only
            // removes rounding noise.
            out.push((x0 + t * h, y.clamp(lo, hi)));
        }
    }
    out
}

/// A series' highest and lowest values: every point at one of them is
/// marked, so equal lows (or highs) are all pointed out, as *Insights*
/// names them all.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Extremes {
    /// The highest value.
    pub high: Option<f64>,
    /// The lowest value.
    pub low: Option<f64>,
    /// The scale's ends, where the values were judged as drawn
    /// ([`extremes_on`]).
    pub range: Option<(f64, f64)>,
}

impl Extremes {
    fn drawn(&self, value: Option<f64>) -> Option<f64> {
        match self.range {
            Some((lo, hi)) => value.map(|v| v.clamp(lo, hi)),
            None => value,
        }
    }

    /// True when `value` is the highest.
    pub fn is_high(&self, value: Option<f64>) -> bool {
        let v = self.drawn(value);
        v.is_some() && v == self.high
    }

    /// True when `value` is the lowest.
    pub fn is_low(&self, value: Option<f64>) -> bool {
        let v = self.drawn(value);
        v.is_some() && v == self.low
    }
}

/// The highest and lowest values of a series (see [`Extremes`]) as the
/// chart draws them, at the scale's ends when outside it: 12 and 10 on a 0 to 10 scale are drawn at the same
/// height, and both are the highest.
pub fn extremes_on(scale: &Scale, values: &[Option<f64>]) -> Extremes {
    let (lo, hi) = (scale.min, scale.max);
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return extremes(values);
    }
    let drawn: Vec<Option<f64>> = values.iter().map(|v| v.map(|v| v.clamp(lo, hi))).collect();
    Extremes {
        range: Some((lo, hi)),
        ..extremes(&drawn)
    }
}

/// The highest and lowest values of a series.
///
/// `None` and non-finite values are skipped. Both are `None` unless the
/// series has at least two *distinct* values: with no value, one value or
/// all values equal there is no "highest moment" or "lowest moment" to
/// point out, so neither is marked (and no point is both).
fn extremes(values: &[Option<f64>]) -> Extremes {
    let mut high: Option<f64> = None;
    let mut low: Option<f64> = None;
    for v in values.iter().filter_map(|v| v.filter(|v| v.is_finite())) {
        if high.is_none_or(|h| v > h) {
            high = Some(v);
        }
        if low.is_none_or(|l| v < l) {
            low = Some(v);
        }
    }
    match (high, low) {
        (Some(h), Some(l)) if h > l => Extremes {
            high: Some(h),
            low: Some(l),
            range: None,
        },
        _ => Extremes::default(),
    }
}

/// Red at the scale's minimum.
const RED: (u8, u8, u8) = (0xdc, 0x26, 0x26);
/// Amber in the scale's middle.
const AMBER: (u8, u8, u8) = (0xd9, 0x77, 0x06);
/// Green at the scale's maximum.
const GREEN: (u8, u8, u8) = (0x16, 0xa3, 0x4a);

/// The colour of `value` on `scale` as RGB components; see [`value_color`].
pub(crate) fn value_rgb(scale: &Scale, value: f64) -> (u8, u8, u8) {
    let span = scale.max - scale.min;
    if !is_positive(span) || !value.is_finite() {
        return AMBER;
    }
    let t = ((value - scale.min) / span).clamp(0.0, 1.0);
    let (from, to, u) = if t <= 0.5 {
        (RED, AMBER, t * 2.0)
    } else {
        (AMBER, GREEN, (t - 0.5) * 2.0)
    };
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * u).round() as u8;
    (mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

/// Colour of a point by its value: red (`#dc2626`) at the scale's minimum,
/// through amber (`#d97706`) in the middle, to green (`#16a34a`) at the
/// maximum, linearly interpolated in RGB; returned as lowercase
/// `"#rrggbb"`. Values outside the scale take the colour of the nearer
/// end; a degenerate scale or a non-finite value gives amber.
pub fn value_color(scale: &Scale, value: f64) -> String {
    let (r, g, b) = value_rgb(scale, value);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The marks of the scale's gutter, with their words: every whole number
/// of a scale up to 11 levels (its label where it has one: 0 to 10 for
/// NPS), every second, fifth or tenth of one up to 100 levels (0 to 20 has
/// 0, 2, 4, …), else five evenly spaced values from its minimum to its
/// maximum, so that the marks of a scale such as 0 to 1e9 neither pile up
/// nor run forever.
pub fn scale_marks(scale: &Scale) -> Vec<(f64, String)> {
    let (lo, hi) = (scale.min, scale.max);
    if !(lo.is_finite() && hi.is_finite()) || hi < lo {
        return Vec::new();
    }
    let word = |v: f64| {
        scale
            .label(v)
            .map(String::from)
            .unwrap_or_else(|| crate::model::format_number(v))
    };
    let levels = hi.floor() - lo.ceil();
    if levels <= 100.0 {
        // The smallest of 1, 2, 5 and 10 that leaves at most 11 marks.
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .find(|s| levels / s <= 10.0)
            .unwrap_or(10.0);
        let first = (lo / step).ceil() * step;
        let count = ((hi - first) / step).floor() as i64 + 1;
        return (0..count.max(0))
            .map(|k| first + k as f64 * step)
            .map(|v| (v, word(v)))
            .collect();
    }
    (0..5)
        .map(|k| k as f64 / 4.0)
        // Weighted, so that -1e308 to 1e308 does not overflow its range.
        .map(|t| lo * (1.0 - t) + hi * t)
        .map(|v| (v, crate::model::format_number(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Scale {
        Scale::default() // -2 ..= 2
    }

    #[test]
    fn scale_marks_are_every_level_or_five_spread_values() {
        let words: Vec<String> = scale_marks(&scale()).into_iter().map(|(_, w)| w).collect();
        assert_eq!(
            words,
            ["Frustrated", "Unhappy", "Neutral", "Satisfied", "Delighted"]
        );
        let bare = Scale {
            min: 0.5,
            max: 3.0,
            labels: vec![],
        };
        assert_eq!(
            scale_marks(&bare).iter().map(|m| m.0).collect::<Vec<_>>(),
            [1.0, 2.0, 3.0]
        );
        let wide = Scale {
            min: 0.0,
            max: 1e9,
            labels: vec![],
        };
        let marks = scale_marks(&wide);
        assert_eq!(marks.len(), 5);
        assert_eq!(marks[4], (1e9, "1000000000".to_string()));
        let huge = Scale {
            min: -1e308,
            max: 1e308,
            labels: vec![],
        };
        let marks = scale_marks(&huge);
        assert!(marks.iter().all(|m| m.0.is_finite()), "{marks:?}");
        assert_eq!(marks[2].0, 0.0);
        let upside = Scale {
            min: 3.0,
            max: 1.0,
            labels: vec![],
        };
        assert!(scale_marks(&upside).is_empty());
        // Up to 11 marks: 0 to 10 (NPS) every level, 0 to 20 every second,
        // -3 to 40 every fifth; none pile up.
        let at = |min: f64, max: f64| {
            scale_marks(&Scale {
                min,
                max,
                labels: vec![],
            })
            .iter()
            .map(|m| m.0)
            .collect::<Vec<_>>()
        };
        assert_eq!(at(0.0, 10.0).len(), 11);
        assert_eq!(
            at(0.0, 20.0),
            [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0]
        );
        assert_eq!(
            at(-3.0, 40.0),
            [0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0]
        );
        assert_eq!(at(0.0, 100.0).len(), 11);
    }

    fn layout() -> Layout {
        Layout {
            col_width: 100.0,
            height: 168.0,
            pad_top: 22.0,
            pad_bottom: 22.0,
        }
    }

    #[test]
    fn chart_width_and_x_follow_the_columns() {
        let l = layout();
        assert_eq!(l.width(0), 0.0);
        assert_eq!(l.width(7), 700.0);
        assert_eq!(l.x(0), 50.0);
        assert_eq!(l.x(3), 350.0);
    }

    #[test]
    fn chart_y_puts_max_at_top_and_min_at_bottom() {
        let (l, s) = (layout(), scale());
        assert_eq!(l.y(&s, 2.0), 22.0);
        assert_eq!(l.y(&s, -2.0), 146.0);
        assert_eq!(l.y(&s, 0.0), 84.0);
        // Out-of-scale values are clamped onto the chart.
        assert_eq!(l.y(&s, 9.0), 22.0);
        assert_eq!(l.y(&s, -9.0), 146.0);
    }

    #[test]
    fn chart_value_at_round_trips_on_step_values() {
        let (l, s) = (layout(), scale());
        for step in [1.0, 0.5, 0.25, 0.1] {
            let n = ((s.max - s.min) / step).round() as i64;
            for k in 0..=n {
                let v = tidy(s.min + k as f64 * step);
                assert_eq!(l.value_at(&s, l.y(&s, v), step), v, "step {step}, v {v}");
            }
        }
        let odd = Scale {
            min: 1.0,
            max: 7.0,
            labels: vec![],
        };
        for v in 1..=7 {
            let v = v as f64;
            assert_eq!(l.value_at(&odd, l.y(&odd, v), 1.0), v);
        }
    }

    #[test]
    fn chart_value_at_rounds_and_clamps() {
        let (l, s) = (layout(), scale());
        // 0.4 of a level above 0 rounds to 0, 0.6 rounds to 1.
        let px_per_level = 124.0 / 4.0;
        assert_eq!(l.value_at(&s, 84.0 - 0.4 * px_per_level, 1.0), 0.0);
        assert_eq!(l.value_at(&s, 84.0 - 0.6 * px_per_level, 1.0), 1.0);
        assert_eq!(l.value_at(&s, 84.0 - 0.6 * px_per_level, 0.5), 0.5);
        // A hair below the middle must not give -0.
        let v = l.value_at(&s, 84.1, 1.0);
        assert!(v == 0.0 && v.is_sign_positive());
        // Beyond the chart: clamped to the scale.
        assert_eq!(l.value_at(&s, -500.0, 1.0), 2.0);
        assert_eq!(l.value_at(&s, 500.0, 0.5), -2.0);
        // Fine steps give tidy decimals.
        assert_eq!(l.value_at(&s, l.y(&s, 0.3), 0.1), 0.3);
        // No rounding with a zero step.
        assert_eq!(l.value_at(&s, 84.0 - 0.4 * px_per_level, 0.0), 0.4);
    }

    #[test]
    fn chart_degenerate_scale_and_layout_do_not_produce_nan() {
        let flat = Scale {
            min: 1.0,
            max: 1.0,
            labels: vec![],
        };
        let l = layout();
        assert_eq!(l.y(&flat, 1.0), 84.0);
        assert_eq!(l.value_at(&flat, 10.0, 1.0), 1.0);
        let squashed = Layout {
            height: 10.0,
            ..layout()
        };
        assert!(squashed.value_at(&scale(), 5.0, 1.0).is_finite());
        assert_eq!(value_color(&flat, 1.0), "#d97706");
    }

    #[test]
    fn chart_gaps_split_runs() {
        let (l, s) = (layout(), scale());
        let v = [
            Some(1.0),
            Some(2.0),
            None,
            Some(-1.0),
            None,
            None,
            Some(0.0),
            Some(1.0),
            Some(-2.0),
        ];
        let runs = smooth_runs(&v, &l, &s);
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[0].len(), SAMPLES_PER_SEGMENT + 1);
        assert_eq!(runs[1], vec![(350.0, l.y(&s, -1.0))]);
        assert_eq!(runs[2].len(), 2 * SAMPLES_PER_SEGMENT + 1);
        // Runs start and end exactly on their steps' points.
        assert_eq!(runs[0][0], (50.0, l.y(&s, 1.0)));
        assert_eq!(*runs[0].last().unwrap(), (150.0, 22.0));
        assert_eq!(runs[2][0], (650.0, 84.0));
        assert_eq!(*runs[2].last().unwrap(), (850.0, 146.0));
        // Nothing drawn in a gap, and nothing at the value 0 for a None.
        for run in &runs {
            for &(x, _) in run {
                assert!(
                    !(x > 150.0 && x < 350.0 || x > 350.0 && x < 650.0),
                    "x {x} in a gap"
                );
            }
        }
    }

    #[test]
    fn chart_no_values_no_runs() {
        let (l, s) = (layout(), scale());
        assert!(smooth_runs(&[], &l, &s).is_empty());
        assert!(smooth_runs(&[None, None], &l, &s).is_empty());
        assert!(smooth_runs(&[None, Some(f64::NAN)], &l, &s).is_empty());
    }

    #[test]
    fn chart_single_point_run_is_one_point() {
        let (l, s) = (layout(), scale());
        let runs = smooth_runs(&[None, Some(2.0), None], &l, &s);
        assert_eq!(runs, vec![vec![(150.0, 22.0)]]);
    }

    #[test]
    fn chart_curve_is_monotone_between_steps() {
        let (l, s) = (layout(), scale());
        // Sharp turns, plateaus and near-flat steps that make a plain cubic
        // (Catmull-Rom) overshoot.
        let cases: Vec<Vec<Option<f64>>> = vec![
            vec![Some(-2.0), Some(2.0), Some(2.0), Some(-2.0)],
            vec![Some(-2.0), Some(-1.9), Some(2.0), Some(1.9), Some(-2.0)],
            vec![Some(2.0), Some(-2.0), Some(2.0), Some(-2.0), Some(2.0)],
            vec![Some(0.0), Some(0.0), Some(2.0), Some(0.0), Some(0.0)],
            vec![
                Some(-2.0),
                Some(1.9),
                Some(2.0),
                Some(2.0),
                Some(-2.0),
                Some(-1.9),
            ],
            vec![Some(0.1), Some(0.2), Some(2.0), Some(-2.0)],
        ];
        for v in cases {
            let runs = smooth_runs(&v, &l, &s);
            assert_eq!(runs.len(), 1);
            let run = &runs[0];
            for (k, seg) in run
                .windows(SAMPLES_PER_SEGMENT + 1)
                .step_by(SAMPLES_PER_SEGMENT)
                .enumerate()
            {
                let (y0, y1) = (l.y(&s, v[k].unwrap()), l.y(&s, v[k + 1].unwrap()));
                let (lo, hi) = (y0.min(y1), y0.max(y1));
                for w in seg.windows(2) {
                    assert!(w[1].0 > w[0].0, "x must increase");
                    // Monotone: every step of y goes the way of the segment.
                    assert!(
                        (w[1].1 - w[0].1) * (y1 - y0) >= 0.0,
                        "turns back in segment {k} of {v:?}"
                    );
                }
                for &(_, y) in seg {
                    assert!(
                        y >= lo && y <= hi,
                        "y {y} outside [{lo}, {hi}] in segment {k} of {v:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn chart_tangents_limit_overshoot_without_clamping() {
        // The clamp in sample_monotone only hides rounding noise; the
        // tangents themselves must keep the cubic inside each segment.
        let pts: Vec<(f64, f64)> = [0.0, 0.1, 10.0, 10.1, 0.0]
            .iter()
            .enumerate()
            .map(|(i, &y)| (i as f64, y))
            .collect();
        let m = monotone_tangents(&pts);
        for k in 0..pts.len() - 1 {
            let ((_, y0), (_, y1)) = (pts[k], pts[k + 1]);
            for j in 0..=100 {
                let t = j as f64 / 100.0;
                let (t2, t3) = (t * t, t * t * t);
                let y = (2.0 * t3 - 3.0 * t2 + 1.0) * y0
                    + (t3 - 2.0 * t2 + t) * m[k]
                    + (-2.0 * t3 + 3.0 * t2) * y1
                    + (t3 - t2) * m[k + 1];
                assert!(
                    y >= y0.min(y1) - 1e-9 && y <= y0.max(y1) + 1e-9,
                    "overshoot {y} in segment {k}"
                );
            }
        }
    }

    #[test]
    fn chart_extremes_mark_every_point_at_the_highest_and_lowest() {
        let v = [
            Some(0.0),
            Some(2.0),
            None,
            Some(-1.0),
            Some(2.0),
            Some(-1.0),
        ];
        let e = extremes(&v);
        let marked = |is: fn(&Extremes, Option<f64>) -> bool| {
            (0..v.len()).filter(|&i| is(&e, v[i])).collect::<Vec<_>>()
        };
        assert_eq!(marked(Extremes::is_high), [1, 4]);
        assert_eq!(marked(Extremes::is_low), [3, 5]);
        let e = extremes(&[None, Some(-1.0), Some(1.5)]);
        assert!(e.is_high(Some(1.5)) && e.is_low(Some(-1.0)));
        assert!(!e.is_high(None) && !e.is_low(Some(0.0)));
        // Judged as drawn: beyond the scale's ends counts as at them.
        let nps = Scale {
            min: 0.0,
            max: 10.0,
            labels: vec![],
        };
        let v = [Some(12.0), Some(-3.0), Some(5.0), Some(10.0), Some(0.0)];
        let e = extremes_on(&nps, &v);
        let high: Vec<usize> = (0..v.len()).filter(|&i| e.is_high(v[i])).collect();
        let low: Vec<usize> = (0..v.len()).filter(|&i| e.is_low(v[i])).collect();
        assert_eq!((high, low), (vec![0, 3], vec![1, 4]));
    }

    #[test]
    fn chart_extremes_need_distinct_values() {
        let none = Extremes::default();
        assert_eq!(extremes(&[]), none);
        assert_eq!(extremes(&[None, None]), none);
        assert_eq!(extremes(&[None, Some(1.0)]), none);
        assert_eq!(extremes(&[Some(1.0), None, Some(1.0)]), none);
        assert_eq!(extremes(&[Some(f64::NAN), Some(1.0)]), none);
    }

    #[test]
    fn chart_value_colors_at_min_mid_max() {
        let s = scale();
        assert_eq!(value_color(&s, -2.0), "#dc2626");
        assert_eq!(value_color(&s, 0.0), "#d97706");
        assert_eq!(value_color(&s, 2.0), "#16a34a");
        // Halfway between red and amber.
        assert_eq!(value_color(&s, -1.0), "#db4f16");
        // Clamped outside the scale.
        assert_eq!(value_color(&s, -7.0), "#dc2626");
        assert_eq!(value_color(&s, 7.0), "#16a34a");
        let odd = Scale {
            min: 1.0,
            max: 7.0,
            labels: vec![],
        };
        assert_eq!(value_color(&odd, 4.0), "#d97706");
    }
}
