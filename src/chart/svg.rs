//! The static SVG behind an emotion lane, drawn with plotters' SVG backend.
//!
//! The SVG is inserted with `innerHTML`, so it carries no caller-supplied
//! text at all: series labels are never drawn (the UI draws the legend as
//! HTML) and series colours are parsed into RGB before they reach the
//! backend. The only text is the fixed "▲ High" / "▼ Low" markers, and
//! plotters-svg escapes `< > & " '` in both text and attribute values.

use super::geometry::{extremes_on, smooth_runs, value_rgb, Layout};
use crate::model::Scale;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// One curve to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Series<'a> {
    /// One value per step column; `None` leaves a gap.
    pub values: &'a [Option<f64>],
    /// Curve colour as `#rgb` or `#rrggbb`; anything else draws slate grey.
    pub color: &'a str,
    /// Name for the legend. Never drawn into the SVG: the UI shows the
    /// legend as HTML.
    pub label: &'a str,
    /// Draw this series on top, thick and opaque, with "▲ High" / "▼ Low"
    /// markers; other series are thin and semi-transparent.
    pub emphasis: bool,
}

/// Supersampling factor: plotters draws in whole backend pixels with whole
/// stroke widths, so the drawing is made `K` times larger and the root
/// `viewBox` scales it back. This gives quarter-pixel curves and 1.5 px
/// strokes.
const K: f64 = 4.0;

/// Fallback curve colour for an unparsable `Series::color` (slate-500).
const FALLBACK: RGBColor = RGBColor(0x64, 0x74, 0x8b);
/// Faint fill of every other band between two levels (slate-50).
const BAND: RGBColor = RGBColor(0xf8, 0xfa, 0xfc);
/// Grid line at each whole-number level (slate-200).
const GRID: RGBColor = RGBColor(0xe2, 0xe8, 0xf0);
/// The neutral line at 0 or the middle level (slate-400).
const NEUTRAL: RGBColor = RGBColor(0x94, 0xa3, 0xb8);
/// "▲ High" text (green-700).
const HIGH_TEXT: RGBColor = RGBColor(0x15, 0x80, 0x3d);
/// "▼ Low" text (red-700).
const LOW_TEXT: RGBColor = RGBColor(0xb9, 0x1c, 0x1c);

/// Curve widths in px.
const EMPHASIS_STROKE: f64 = 3.0;
const OTHER_STROKE: f64 = 1.5;
/// Opacity of series that are not emphasised.
const OTHER_OPACITY: f64 = 0.45;
/// Dot radii in px; the emphasised dots get a white ring of `RING` px.
const EMPHASIS_DOT: f64 = 3.5;
const OTHER_DOT: f64 = 2.5;
const RING: f64 = 1.5;
/// Marker font size in px and gap between a marker and its point.
const MARKER_FONT: f64 = 10.0;
const MARKER_GAP: f64 = 9.0;
/// Rough half-width of a marker's text, to keep it inside the chart.
const MARKER_HALF_WIDTH: f64 = 18.0;

/// Parses `#rgb` / `#rrggbb` (case-insensitive).
fn parse_color(s: &str) -> Option<RGBColor> {
    let [r, g, b] = crate::model::hex_rgb(s)?;
    Some(RGBColor(r, g, b))
}

/// Pixel coordinate to backend coordinate.
fn px(v: f64) -> i32 {
    if v.is_finite() {
        (v * K).round() as i32
    } else {
        0
    }
}

/// Pixel length to a backend stroke width or radius.
fn len(v: f64) -> u32 {
    (v * K).round().max(1.0) as u32
}

/// Pixel point to backend point.
fn pt((x, y): (f64, f64)) -> (i32, i32) {
    (px(x), px(y))
}

/// A finite, non-negative pixel size.
fn size(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// Formats a number for an attribute (never `NaN` or `inf`).
fn num(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    format!("{}", (v * 1000.0).round() / 1000.0 + 0.0)
}

/// The static part of an emotion lane's chart as an SVG string.
///
/// Drawn with plotters' `SVGBackend` straight onto the drawing area, in
/// pixel coordinates of `layout`:
///
/// * faint alternating bands between the scale's whole-number levels, a
///   thin grid line at each level and a slightly darker neutral line at 0
///   (or, for a scale without 0, at the middle level);
/// * each series' smooth curve ([`smooth_runs`]), other series first at
///   1.5 px and semi-transparent, emphasised ones on top at 3 px;
/// * a small dot on each valued step, coloured by
///   [`value_color`](super::value_color);
/// * "▲ High" / "▼ Low" beside the highest and lowest point of each
///   emphasised series, when it has distinct extremes
///   ([`extremes`]).
///
/// The root `<svg>` is `width` = `layout.width(steps)` (steps = the longest
/// series) by `layout.height` px, carries `aria-hidden="true"` and
/// `focusable="false"` (the UI draws the accessible points itself) and sets
/// `font-family="sans-serif"`. Series labels are never drawn. With no
/// series or no steps the result is a valid, empty SVG.
pub fn render_svg(series: &[Series], scale: &Scale, layout: &Layout) -> String {
    let steps = series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    render(0..steps, series, scale, layout, true, true)
}

/// The step columns `window` of [`render_svg`] (bands, curves, dots and
/// markers), left edge at column `window.start`, as
/// [`render_series_window`] cuts its layer: the embed draws the columns in
/// view of a long map this way.
pub fn render_svg_window(
    series: &[Series],
    scale: &Scale,
    layout: &Layout,
    window: Range<usize>,
) -> String {
    render(clamp(series, window), series, scale, layout, true, true)
}

/// Only the bands and grid lines of [`render_svg`], for a layer that
/// changes only with the scale or the number of steps.
pub fn render_background(steps: usize, scale: &Scale, layout: &Layout) -> String {
    render(0..steps, &[], scale, layout, true, true)
}

/// Only the curves, dots and markers of [`render_svg`], on a transparent
/// ground, for a layer above [`render_background`]: an edit to one lane
/// redraws one such layer.
pub fn render_series(series: &[Series], scale: &Scale, layout: &Layout) -> String {
    let steps = series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    render(0..steps, series, scale, layout, false, true)
}

/// The step columns `window` of [`render_series`]: an SVG
/// `layout.width(window.len())` wide whose left edge is the left edge of
/// column `window.start`. It shows exactly that part of the whole layer
/// (curves shaped by all values, the markers of the whole series), so a
/// view onto a long map costs only its own width to draw.
pub fn render_series_window(
    series: &[Series],
    scale: &Scale,
    layout: &Layout,
    window: Range<usize>,
) -> String {
    render(clamp(series, window), series, scale, layout, false, true)
}

/// [`render_series_window`] without the dots of the emphasised series, for
/// a layer under the UI's own points, which cover those dots whole: a
/// moved point then re-parses a layer of a few curves and two markers.
pub fn render_curve_window(
    series: &[Series],
    scale: &Scale,
    layout: &Layout,
    window: Range<usize>,
) -> String {
    render(clamp(series, window), series, scale, layout, false, false)
}

/// `window` cut to the steps the series have.
fn clamp(series: &[Series], window: Range<usize>) -> Range<usize> {
    let steps = series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    window.start.min(steps)..window.end.min(steps)
}

fn render(
    window: Range<usize>,
    series: &[Series],
    scale: &Scale,
    layout: &Layout,
    background: bool,
    own_dots: bool,
) -> String {
    let width = size(layout.width(window.len()));
    let height = size(layout.height);
    let backend_size = ((width * K).ceil() as u32, (height * K).ceil() as u32);

    let mut body = String::new();
    {
        let root = SVGBackend::with_string(&mut body, backend_size).into_drawing_area();
        if draw(&root, series, scale, layout, &window, background, own_dots).is_err()
            || root.present().is_err()
        {
            // The string backend cannot fail; should it ever, draw nothing
            // rather than half a chart.
            drop(root);
            body.clear();
        }
    }
    finish(&body, width, height)
}

/// Replaces plotters' root `<svg …>` tag with ours (real pixel size, the
/// supersampled `viewBox`, accessibility and style attributes) and makes
/// sure the document is closed.
fn finish(body: &str, width: f64, height: f64) -> String {
    let open = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {vw} {vh}\" aria-hidden=\"true\" focusable=\"false\" \
         font-family=\"sans-serif\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n",
        w = num(width),
        h = num(height),
        vw = num(width * K),
        vh = num(height * K),
    );
    let inner = body
        .strip_prefix("<svg")
        .and_then(|rest| rest.find('>').map(|end| &rest[end + 1..]))
        .map(str::trim_start)
        .unwrap_or("");
    if inner.trim_end().ends_with("</svg>") {
        open + &tighten_text(inner)
    } else {
        open + "</svg>\n"
    }
}

/// Removes the newlines plotters puts around a `<text>`'s content, which a
/// browser would render as spaces and so shift centred or end-anchored
/// text.
fn tighten_text(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("</text>").map(|i| open_end + i) else {
            break;
        };
        out.push_str(&rest[..open_end]);
        out.push_str(rest[open_end..close].trim_matches('\n'));
        rest = &rest[close..];
        out.push_str("</text>");
        rest = &rest["</text>".len()..];
    }
    out.push_str(rest);
    out
}

/// The whole-number levels of the scale, bottom to top.
fn levels(scale: &Scale) -> Vec<f64> {
    if !scale.min.is_finite() || !scale.max.is_finite() || scale.max < scale.min {
        return Vec::new();
    }
    let (lo, hi) = (scale.min.ceil(), scale.max.floor());
    // A sane cap: a scale of thousands of levels would be unreadable anyway.
    // (Counted in floats: a huge scale such as -1e308 to 2 would overflow
    // whole numbers.)
    if hi - lo > 200.0 {
        return Vec::new();
    }
    let lo = lo as i64;
    (0..=(hi as i64 - lo)).map(|n| (lo + n) as f64).collect()
}

/// The level of the neutral line: 0 when on the scale, else the level
/// nearest the middle.
fn neutral(scale: &Scale, levels: &[f64]) -> Option<f64> {
    if scale.contains(0.0) {
        return Some(0.0);
    }
    let mid = (scale.min + scale.max) / 2.0;
    levels
        .iter()
        .copied()
        .min_by(|a, b| (a - mid).abs().total_cmp(&(b - mid).abs()))
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type DrawResult<'a> =
    Result<(), DrawingAreaErrorKind<<SVGBackend<'a> as DrawingBackend>::ErrorType>>;

/// Draws the columns `window` of the chart, shifted left by the window's
/// start so that its first column is at x = 0.
fn draw<'a>(
    root: &Area<'a>,
    series: &[Series],
    scale: &Scale,
    layout: &Layout,
    window: &Range<usize>,
    background: bool,
    own_dots: bool,
) -> DrawResult<'a> {
    let width = size(layout.width(window.len()));
    if width <= 0.0 {
        return Ok(());
    }
    let (x0, x1) = (px(0.0), px(width));
    // Whole-chart coordinates to window coordinates.
    let offset = layout.width(window.start);
    let shift = |(x, y): (f64, f64)| (x - offset, y);

    // Bands and grid.
    let levels = if background {
        levels(scale)
    } else {
        Vec::new()
    };
    for (i, pair) in levels.windows(2).enumerate() {
        if i % 2 == 1 {
            let (top, bottom) = (layout.y(scale, pair[1]), layout.y(scale, pair[0]));
            root.draw(&Rectangle::new(
                [(x0, px(top)), (x1, px(bottom))],
                BAND.filled(),
            ))?;
        }
    }
    let neutral = neutral(scale, &levels);
    for &level in &levels {
        let y = px(layout.y(scale, level));
        let style = if Some(level) == neutral {
            NEUTRAL.mix(0.8).stroke_width(len(1.0))
        } else {
            GRID.stroke_width(len(1.0))
        };
        root.draw(&PathElement::new(vec![(x0, y), (x1, y)], style))?;
    }

    // Curves: others first, emphasised on top.
    let ordered = series
        .iter()
        .filter(|s| !s.emphasis)
        .chain(series.iter().filter(|s| s.emphasis));
    for s in ordered.clone() {
        let color = parse_color(s.color).unwrap_or(FALLBACK);
        let style = if s.emphasis {
            color.stroke_width(len(EMPHASIS_STROKE))
        } else {
            color.mix(OTHER_OPACITY).stroke_width(len(OTHER_STROKE))
        };
        for run in smooth_runs(s.values, layout, scale) {
            let run = clip(&run, offset, offset + width)
                .into_iter()
                .map(shift)
                .collect::<Vec<_>>();
            if run.len() < 2 {
                continue;
            }
            let mut points: Vec<(i32, i32)> = run.into_iter().map(pt).collect();
            points.dedup();
            root.draw(&PathElement::new(points, style))?;
        }
    }

    // Dots, in the same order so emphasised dots stay on top.
    for s in ordered.filter(|s| own_dots || !s.emphasis) {
        for (i, v) in s.values.iter().enumerate() {
            let Some(v) = v.filter(|v| v.is_finite()) else {
                continue;
            };
            if !window.contains(&i) {
                continue;
            }
            let centre = pt(shift((layout.x(i), layout.y(scale, v))));
            let (r, g, b) = value_rgb(scale, v);
            let fill = RGBColor(r, g, b);
            if s.emphasis {
                root.draw(&Circle::new(
                    centre,
                    len(EMPHASIS_DOT + RING),
                    WHITE.filled(),
                ))?;
                root.draw(&Circle::new(centre, len(EMPHASIS_DOT), fill.filled()))?;
            } else {
                root.draw(&Circle::new(centre, len(OTHER_DOT), fill.mix(0.7).filled()))?;
            }
        }
    }

    // High / low markers of the emphasised series.
    for s in series.iter().filter(|s| s.emphasis) {
        let e = extremes_on(scale, s.values);
        for i in window.clone() {
            let value = s.values.get(i).copied().flatten();
            let Some(v) = value else { continue };
            let (text, color, above) = if e.is_high(value) {
                ("▲ High", HIGH_TEXT, true)
            } else if e.is_low(value) {
                ("▼ Low", LOW_TEXT, false)
            } else {
                continue;
            };
            draw_marker(
                root,
                layout,
                (layout.width(s.values.len()), offset),
                (layout.x(i), layout.y(scale, v)),
                text,
                color,
                above,
            )?;
        }
    }
    Ok(())
}

/// The part of a polyline (x increasing) between `lo` and `hi`, cut where
/// it crosses them. plotters would pull points outside its area onto the
/// edge instead, which bends the line.
fn clip(run: &[(f64, f64)], lo: f64, hi: f64) -> Vec<(f64, f64)> {
    let cut = |a: (f64, f64), b: (f64, f64), x: f64| {
        let t = if b.0 > a.0 {
            (x - a.0) / (b.0 - a.0)
        } else {
            0.0
        };
        (x, a.1 + t * (b.1 - a.1))
    };
    let mut out = Vec::new();
    for (i, &p) in run.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| run[j]);
        if p.0 >= lo && p.0 <= hi {
            if let Some(a) = prev.filter(|a| a.0 < lo) {
                out.push(cut(a, p, lo));
            }
            out.push(p);
        } else if p.0 > hi {
            if let Some(a) = prev.filter(|a| a.0 <= hi) {
                if a.0 < lo {
                    out.push(cut(a, p, lo));
                }
                out.push(cut(a, p, hi));
            }
            break;
        }
    }
    out
}

/// Draws a marker's text above (or below) the point at `(x, y)`, flipping
/// to the other side when it would leave the chart and keeping it inside
/// horizontally: the whole chart is `width` wide, and the window drawn
/// starts `offset` px into it.
fn draw_marker<'a>(
    root: &Area<'a>,
    layout: &Layout,
    (width, offset): (f64, f64),
    (x, y): (f64, f64),
    text: &'static str,
    color: RGBColor,
    above: bool,
) -> DrawResult<'a> {
    let fits_above = y - MARKER_GAP - MARKER_FONT >= 0.0;
    let fits_below = y + MARKER_GAP + MARKER_FONT <= layout.height;
    let above = if above {
        fits_above || !fits_below
    } else {
        !fits_below && fits_above
    };
    let (ty, v_pos) = if above {
        (y - MARKER_GAP, VPos::Bottom)
    } else {
        (y + MARKER_GAP, VPos::Top)
    };
    let (tx, h_pos) = if x - MARKER_HALF_WIDTH < 0.0 {
        (2.0, HPos::Left)
    } else if x + MARKER_HALF_WIDTH > width {
        (width - 2.0, HPos::Right)
    } else {
        (x, HPos::Center)
    };
    // plotters-svg writes `font-size` as the style's size / 1.24.
    let style = ("sans-serif", MARKER_FONT * K * 1.24)
        .into_font()
        .style(FontStyle::Bold)
        .color(&color)
        .pos(Pos::new(h_pos, v_pos));
    root.draw(&Text::new(text, (px(tx - offset), px(ty)), style))
}

#[cfg(test)]
mod layer_tests {
    use super::*;

    fn small_layout() -> Layout {
        Layout {
            col_width: 100.0,
            height: 120.0,
            pad_top: 10.0,
            pad_bottom: 10.0,
        }
    }

    #[test]
    fn the_layers_together_draw_what_the_whole_chart_draws() {
        let scale = Scale::default();
        let layout = small_layout();
        let values = [Some(1.0), Some(-1.0), None, Some(2.0)];
        let series = [Series {
            values: &values,
            color: "#0f766e",
            label: "",
            emphasis: true,
        }];
        let whole = render_svg(&series, &scale, &layout);
        let ground = render_background(values.len(), &scale, &layout);
        let curves = render_series(&series, &scale, &layout);
        let count = |svg: &str, tag: &str| svg.matches(tag).count();
        for tag in ["<polyline", "<circle", "<text", "<rect"] {
            assert_eq!(
                count(&whole, tag),
                count(&ground, tag) + count(&curves, tag),
                "{tag}"
            );
        }
        assert_eq!(count(&curves, "<rect"), 0, "the curve layer is transparent");
        assert_eq!(count(&ground, "<circle"), 0, "the ground has no dots");
        assert!(ground.contains("aria-hidden=\"true\"") && curves.contains("aria-hidden=\"true\""));
    }

    /// Every `(x, y)` of the dots and curve points in `svg`, in backend units.
    fn points(svg: &str) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        for circle in svg.split("<circle").skip(1) {
            let attr = |name: &str| -> i64 {
                let from = circle.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                circle[from..].split('"').next().unwrap().parse().unwrap()
            };
            out.push((attr("cx"), attr("cy")));
        }
        for line in svg.split("points=\"").skip(1) {
            for p in line.split('"').next().unwrap().split_whitespace() {
                let (x, y) = p.split_once(',').unwrap();
                out.push((x.parse().unwrap(), y.parse().unwrap()));
            }
        }
        out
    }

    /// `n` values across the scale with a gap every seventh step.
    fn wavy(n: usize) -> Vec<Option<f64>> {
        (0..n)
            .map(|i| (i % 7 != 3).then(|| ((i * 5) % 9) as f64 / 2.0 - 2.0))
            .collect()
    }

    /// One emphasised series of `values`, in the default lane colour.
    fn emphasised(values: &[Option<f64>]) -> Series<'_> {
        Series {
            values,
            color: "#0f766e",
            label: "",
            emphasis: true,
        }
    }

    #[test]
    fn a_window_of_the_whole_chart_has_its_bands_and_its_part_of_the_curve() {
        let (scale, layout, values) = (Scale::default(), small_layout(), wavy(40));
        let series = [emphasised(&values)];
        assert_eq!(
            render_svg_window(&series, &scale, &layout, 0..40),
            render_svg(&series, &scale, &layout)
        );
        let window = render_svg_window(&series, &scale, &layout, 12..20);
        assert!(window.contains("width=\"800\""), "8 columns wide");
        // The ground of the whole chart is there, and the curve's part.
        let ground = render_background(8, &scale, &layout);
        let bands = ground.matches("<rect").count();
        assert!(bands > 0 && window.matches("<rect").count() >= bands);
        let curve = render_series_window(&series, &scale, &layout, 12..20);
        let drawn = points(&window);
        let mine = points(&curve);
        assert!(mine.len() > 60);
        assert!(
            mine.iter().all(|p| drawn.contains(p)),
            "the curve's part is drawn"
        );
    }

    #[test]
    fn a_window_draws_exactly_its_part_of_the_whole_layer() {
        let (scale, layout, values) = (Scale::default(), small_layout(), wavy(40));
        let series = [emphasised(&values)];
        let whole = render_series(&series, &scale, &layout);
        assert_eq!(
            render_series_window(&series, &scale, &layout, 0..40),
            whole,
            "a window over everything is the whole layer"
        );
        let window = render_series_window(&series, &scale, &layout, 12..20);
        assert!(window.contains("width=\"800\""), "8 columns wide");
        let offset = (12.0 * 100.0 * K) as i64;
        let shifted: Vec<(i64, i64)> = points(&window)
            .into_iter()
            .map(|(x, y)| (x + offset, y))
            .collect();
        let all = points(&whole);
        assert!(shifted.len() > 60, "the window has its curve");
        let (lo, hi) = (offset, offset + (8.0 * 100.0 * K) as i64);
        for p in &shifted {
            let at_edge = p.0 == lo || p.0 == hi;
            assert!(
                at_edge || all.contains(p),
                "{p:?} is not on the whole chart"
            );
        }
        // Every point of the whole chart inside the window is drawn.
        for p in all.iter().filter(|p| p.0 >= lo && p.0 <= hi) {
            assert!(shifted.contains(p), "{p:?} is missing from the window");
        }
        // The markers belong to the whole series: a window without its
        // extremes has none.
        let e = extremes_on(&scale, &values);
        let marked = |i: usize| e.is_high(values[i]) || e.is_low(values[i]);
        let far = (0..40)
            .step_by(4)
            .map(|s| s..s + 4)
            .find(|w| !w.clone().any(marked))
            .unwrap();
        assert!(!render_series_window(&series, &scale, &layout, far).contains("<text"));
        let high = (0..40).find(|&i| e.is_high(values[i])).unwrap();
        assert!(render_series_window(&series, &scale, &layout, high..high + 1).contains("High"));
    }

    #[test]
    fn the_curve_window_is_the_series_window_without_the_emphasised_dots() {
        let scale = Scale::default();
        let layout = small_layout();
        let own = wavy(40);
        let other: Vec<Option<f64>> = (0..40).map(|i| Some((i % 5) as f64 - 2.0)).collect();
        let series = [
            Series {
                values: &own,
                color: "#0f766e",
                label: "",
                emphasis: true,
            },
            Series {
                values: &other,
                color: "#c2410c",
                label: "",
                emphasis: false,
            },
        ];
        for window in [0..40, 12..20, 30..40] {
            let full = render_series_window(&series, &scale, &layout, window.clone());
            let curve = render_curve_window(&series, &scale, &layout, window.clone());
            let lines = |svg: &str, circles: bool| -> Vec<String> {
                svg.lines()
                    .filter(|l| l.starts_with("<circle") == circles)
                    .map(String::from)
                    .collect()
            };
            // The same root, curves and markers ...
            assert_eq!(lines(&curve, false), lines(&full, false));
            // ... and only the other series' dots: one per valued step.
            let dots = lines(&curve, true);
            assert_eq!(dots.len(), window.len(), "{window:?}");
            assert!(dots.iter().all(|d| lines(&full, true).contains(d)));
            assert!(lines(&full, true).len() > dots.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            col_width: 100.0,
            height: 168.0,
            pad_top: 22.0,
            pad_bottom: 22.0,
        }
    }

    /// Checks that `svg` is one well-formed `<svg>` element: balanced tags,
    /// quoted attributes without `<`, and text whose `&` only start the
    /// five XML entities. Returns the tag names in document order.
    fn check_xml(svg: &str) -> Vec<String> {
        let mut stack: Vec<String> = Vec::new();
        let mut names = Vec::new();
        let mut rest = svg.trim();
        let mut roots = 0;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('<') {
                let end = tag_end(after).unwrap_or_else(|| panic!("unterminated tag: {after:.60}"));
                let tag = &after[..end];
                rest = &after[end + 1..];
                if let Some(name) = tag.strip_prefix('/') {
                    let open = stack.pop().unwrap_or_else(|| panic!("stray </{name}>"));
                    assert_eq!(open, name.trim(), "mismatched close tag");
                    continue;
                }
                let self_closing = tag.ends_with('/');
                let tag = tag.trim_end_matches('/');
                let name: String = tag
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                assert!(!name.is_empty(), "bad tag <{tag}>");
                check_attrs(&tag[name.len()..]);
                if stack.is_empty() {
                    roots += 1;
                    assert_eq!(name, "svg", "root must be <svg>");
                }
                names.push(name.clone());
                if !self_closing {
                    stack.push(name);
                }
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                let text = &rest[..end];
                assert!(
                    !stack.is_empty() || text.trim().is_empty(),
                    "text outside the root"
                );
                check_text(text);
                rest = &rest[end..];
            }
        }
        assert!(stack.is_empty(), "unclosed tags {stack:?}");
        assert_eq!(roots, 1, "exactly one root element");
        names
    }

    /// Index of the `>` ending a tag, skipping quoted attribute values.
    fn tag_end(s: &str) -> Option<usize> {
        let mut quote = None;
        for (i, c) in s.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => return Some(i),
                (None, '<') => panic!("'<' inside a tag"),
                _ => {}
            }
        }
        None
    }

    fn check_attrs(mut s: &str) {
        loop {
            s = s.trim_start();
            if s.is_empty() {
                return;
            }
            let eq = s
                .find('=')
                .unwrap_or_else(|| panic!("attribute without value: {s}"));
            let key = s[..eq].trim();
            assert!(
                !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
                "bad attribute name {key:?}"
            );
            assert!(
                !key.to_ascii_lowercase().starts_with("on"),
                "event handler attribute {key}"
            );
            let rest = s[eq + 1..].trim_start();
            let q = rest.chars().next().expect("attribute value");
            assert!(q == '"' || q == '\'', "unquoted attribute {key}");
            let close = rest[1..].find(q).expect("closing quote") + 1;
            let value = &rest[1..close];
            assert!(!value.contains('<'), "'<' in attribute {key}");
            check_text(value);
            s = &rest[close + 1..];
        }
    }

    fn check_text(s: &str) {
        for (i, _) in s.match_indices('&') {
            let ok = ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;"]
                .iter()
                .any(|e| s[i..].starts_with(e));
            assert!(ok, "bare '&' in {s:?}");
        }
    }

    /// The opening tag of the root.
    fn root_tag(svg: &str) -> &str {
        &svg[..svg.find('>').unwrap() + 1]
    }

    /// `<polyline>` tags drawn in `color` (as plotters writes it) at `width` px.
    fn curves<'a>(svg: &'a str, color: &str, width: f64) -> Vec<&'a str> {
        let stroke = format!("stroke=\"{}\"", color.to_ascii_uppercase());
        let sw = format!("stroke-width=\"{}\"", len(width));
        svg.lines()
            .filter(|l| l.starts_with("<polyline") && l.contains(&stroke) && l.contains(&sw))
            .collect()
    }

    #[test]
    fn chart_svg_empty_input_is_a_valid_empty_svg() {
        for svg in [
            render_svg(&[], &Scale::default(), &layout()),
            render_svg(
                &[Series {
                    values: &[],
                    color: "#000",
                    label: "x",
                    emphasis: true,
                }],
                &Scale::default(),
                &layout(),
            ),
        ] {
            let names = check_xml(&svg);
            assert_eq!(names, vec!["svg".to_string()], "{svg}");
            assert!(root_tag(&svg).contains("width=\"0\""));
            assert!(root_tag(&svg).contains("height=\"168\""));
        }
    }

    #[test]
    fn chart_svg_root_size_and_attributes() {
        let values = [Some(1.0), None, Some(-1.0)];
        let svg = render_svg(
            &[Series {
                values: &values,
                color: "#0f766e",
                label: "Customer",
                emphasis: true,
            }],
            &Scale::default(),
            &layout(),
        );
        let root = root_tag(&svg);
        assert!(root.starts_with("<svg "));
        for attr in [
            "xmlns=\"http://www.w3.org/2000/svg\"",
            "width=\"300\"",
            "height=\"168\"",
            "viewBox=\"0 0 1200 672\"",
            "aria-hidden=\"true\"",
            "focusable=\"false\"",
            "font-family=\"sans-serif\"",
        ] {
            assert!(root.contains(attr), "{attr} missing from {root}");
        }
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.trim_end().ends_with("</svg>"));
        check_xml(&svg);
    }

    #[test]
    fn chart_svg_one_path_per_run_of_the_emphasised_series() {
        let own = [
            Some(1.0),
            Some(2.0),
            None,
            Some(-1.0),
            Some(0.0),
            Some(1.0),
            None,
            Some(2.0),
        ];
        let other = [
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(0.0),
            Some(0.0),
        ];
        let series = [
            Series {
                values: &own,
                color: "#7c3aed",
                label: "Me",
                emphasis: true,
            },
            Series {
                values: &other,
                color: "#c2410c",
                label: "Them",
                emphasis: false,
            },
        ];
        let svg = render_svg(&series, &Scale::default(), &layout());
        check_xml(&svg);
        // Two runs of two or more points; the lone last point is a dot only.
        assert_eq!(curves(&svg, "#7c3aed", EMPHASIS_STROKE).len(), 2);
        assert!(curves(&svg, "#7c3aed", OTHER_STROKE).is_empty());
        // The other series: one thin, semi-transparent curve.
        let thin = curves(&svg, "#c2410c", OTHER_STROKE);
        assert_eq!(thin.len(), 1);
        assert!(thin[0].contains(&format!("opacity=\"{OTHER_OPACITY}\"")));
        // ... drawn below the emphasised curves.
        let first_own = svg.find("stroke=\"#7C3AED\"").unwrap();
        assert!(svg.find("stroke=\"#C2410C\"").unwrap() < first_own);
        // Smooth: 12 samples per segment, so far more points than steps.
        let points = curves(&svg, "#7c3aed", EMPHASIS_STROKE)[0]
            .matches(',')
            .count();
        assert!(points > 10, "{points} points");
        // One coloured dot per valued step: 6 emphasised + 8 others.
        let dots = svg
            .lines()
            .filter(|l| l.starts_with("<circle") && !l.contains("fill=\"#FFFFFF\""))
            .count();
        assert_eq!(dots, 14);
        assert!(svg.contains("fill=\"#16A34A\""), "green dot at the max");
        assert!(svg.contains("fill=\"#D97706\""), "amber dot at 0");
    }

    #[test]
    fn chart_svg_grid_has_a_line_per_level_and_a_neutral_line() {
        let svg = render_svg(
            &[Series {
                values: &[Some(0.0), Some(1.0)],
                color: "#000000",
                label: "",
                emphasis: false,
            }],
            &Scale::default(),
            &layout(),
        );
        let grid = curves(&svg, "#e2e8f0", 1.0);
        let neutral = curves(&svg, "#94a3b8", 1.0);
        assert_eq!(grid.len(), 4);
        assert_eq!(neutral.len(), 1);
        // The neutral line is at 0: y = 84 px = 336 backend units.
        assert!(neutral[0].contains("0,336 800,336"), "{}", neutral[0]);
        // Bands between levels.
        assert_eq!(svg.matches("<rect").count(), 2);

        // A scale without 0 puts the neutral line at its middle level.
        let scale = Scale {
            min: 1.0,
            max: 5.0,
            labels: vec![],
        };
        let svg = render_svg(
            &[Series {
                values: &[Some(3.0)],
                color: "#000000",
                label: "",
                emphasis: false,
            }],
            &scale,
            &layout(),
        );
        let neutral = curves(&svg, "#94a3b8", 1.0);
        assert_eq!(neutral.len(), 1);
        assert!(neutral[0].contains("0,336 400,336"), "{}", neutral[0]);
    }

    #[test]
    fn a_huge_scale_draws_its_curve_without_levels() {
        for (min, max) in [(-1e308, 2.0), (-1e308, 1e308), (-1e19, 5.0), (0.0, 1e300)] {
            let scale = Scale {
                min,
                max,
                labels: vec![],
            };
            assert!(levels(&scale).is_empty(), "{min}..{max}");
            let svg = render_svg(
                &[Series {
                    values: &[Some(1.0), Some(2.0)],
                    color: "#000000",
                    label: "",
                    emphasis: false,
                }],
                &scale,
                &layout(),
            );
            assert!(svg.starts_with("<svg"), "{min}..{max}");
        }
        let odd = Scale {
            min: -2.5,
            max: 2.5,
            labels: vec![],
        };
        assert_eq!(levels(&odd), [-2.0, -1.0, 0.0, 1.0, 2.0]);
    }

    #[test]
    fn chart_svg_high_and_low_markers() {
        let values = [Some(0.0), Some(2.0), Some(-2.0), Some(1.0)];
        let series = |emphasis| {
            [Series {
                values: &values,
                color: "#1d4ed8",
                label: "",
                emphasis,
            }]
        };
        let svg = render_svg(&series(true), &Scale::default(), &layout());
        check_xml(&svg);
        assert_eq!(svg.matches("▲ High").count(), 1);
        assert_eq!(svg.matches("▼ Low").count(), 1);
        assert_eq!(svg.matches("<text").count(), 2);
        // High above the point at step 1 (x = 150 px, y = 22 px).
        let high = svg
            .lines()
            .find(|l| l.starts_with("<text") && l.contains("fill=\"#15803D\""))
            .unwrap();
        assert!(
            high.contains("x=\"600\"") && high.contains("y=\"52\""),
            "{high}"
        );
        assert!(high.contains("font-family=\"sans-serif\""));
        assert!(
            high.ends_with(">▲ High</text>"),
            "no whitespace around the text: {high}"
        );
        // Low below the point at step 2 (x = 250 px, y = 146 px).
        let low = svg
            .lines()
            .find(|l| l.starts_with("<text") && l.contains("fill=\"#B91C1C\""))
            .unwrap();
        assert!(
            low.contains("x=\"1000\"") && low.contains("y=\"620\""),
            "{low}"
        );

        // Equal lows are all marked: neither is more the lowest moment.
        let tied = [Some(-2.0), Some(2.0), Some(-2.0), Some(1.0)];
        let svg = render_svg(
            &[Series {
                values: &tied,
                ..series(true)[0]
            }],
            &Scale::default(),
            &layout(),
        );
        assert_eq!(svg.matches("▼ Low").count(), 2);
        assert_eq!(svg.matches("▲ High").count(), 1);

        // Not for other series, nor for a flat emphasised series.
        let svg = render_svg(&series(false), &Scale::default(), &layout());
        assert!(!svg.contains("<text"));
        let flat = [Some(1.0), Some(1.0)];
        let svg = render_svg(
            &[Series {
                values: &flat,
                color: "#1d4ed8",
                label: "",
                emphasis: true,
            }],
            &Scale::default(),
            &layout(),
        );
        assert!(!svg.contains("<text"));
    }

    #[test]
    fn chart_svg_markers_stay_inside_the_chart() {
        // High at the first step, low at the last: anchored to the edges.
        let values = [Some(2.0), Some(-2.0)];
        let tight = Layout {
            col_width: 30.0,
            height: 60.0,
            pad_top: 4.0,
            pad_bottom: 4.0,
        };
        let svg = render_svg(
            &[Series {
                values: &values,
                color: "#1d4ed8",
                label: "",
                emphasis: true,
            }],
            &Scale::default(),
            &tight,
        );
        let high = svg.lines().find(|l| l.contains(">▲ High</text>")).unwrap();
        assert!(high.contains("text-anchor=\"start\""), "{high}");
        // No room above the top point: drawn below it.
        assert!(
            high.contains("y=\"52\"") && high.contains("dy=\"0.76em\""),
            "{high}"
        );
        let low = svg.lines().find(|l| l.contains(">▼ Low</text>")).unwrap();
        assert!(low.contains("text-anchor=\"end\""), "{low}");
        assert!(
            low.contains("y=\"188\"") && low.contains("dy=\"-0.5ex\""),
            "{low}"
        );
    }

    #[test]
    fn chart_svg_never_carries_caller_text() {
        let values = [Some(1.0), Some(-1.0)];
        let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        let series = [
            Series {
                values: &values,
                color: "\"><script>alert(3)</script>",
                label: evil,
                emphasis: true,
            },
            Series {
                values: &values,
                color: "red\" onload=\"alert(4)",
                label: "&<>\"'",
                emphasis: false,
            },
        ];
        let scale = Scale {
            labels: vec![evil.to_string(); 5],
            ..Scale::default()
        };
        let svg = render_svg(&series, &scale, &layout());
        check_xml(&svg);
        let lower = svg.to_ascii_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onload",
            "alert",
            "<img",
            "javascript:",
            "<foreignobject",
        ] {
            assert!(!lower.contains(bad), "{bad} in output");
        }
        // Unparsable colours fall back to slate.
        assert_eq!(curves(&svg, "#64748b", EMPHASIS_STROKE).len(), 1);
    }

    #[test]
    fn chart_xml_checker_rejects_bad_markup() {
        // The checker the tests rely on must be able to fail.
        for bad in [
            "<svg><g></svg>",
            "<svg></svg><svg></svg>",
            "<svg><text>a < b</text></svg>",
            "<svg><text>a & b</text></svg>",
            "<svg><rect x=1/></svg>",
            "<svg><rect onclick=\"x\"/></svg>",
            "<g></g>",
        ] {
            let bad = bad.to_string();
            assert!(
                std::panic::catch_unwind(move || check_xml(&bad)).is_err(),
                "accepted"
            );
        }
        check_xml("<svg a=\"&amp;\"><text>&lt;ok&gt;</text><rect/></svg>");
    }

    #[test]
    fn chart_parse_color_accepts_hex_only() {
        assert_eq!(parse_color("#0f766e"), Some(RGBColor(0x0f, 0x76, 0x6e)));
        assert_eq!(parse_color("#ABC"), Some(RGBColor(0xaa, 0xbb, 0xcc)));
        assert_eq!(parse_color(" #ffffff "), Some(RGBColor(255, 255, 255)));
        for bad in [
            "", "#", "0f766e", "#12345", "#ggg", "red", "#ééé", "#+1+2+3",
        ] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
    }
}
