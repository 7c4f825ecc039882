//! The whole map as one self-contained SVG picture, with the map's JSON
//! riding along in `<metadata>` so that the picture opens again as a map.
//!
//! Layout follows the editor's grid: a title block, a band of stage
//! headers in the stages' colours, a row of step headers, then one row per
//! lane with its title on the left. Cell text is wrapped to the column
//! width with a simple width estimate. Emotion lanes draw the same curve
//! as the editor ([`crate::chart::render_svg`]), nested in the lane's row.
//!
//! Every piece of text is a `<text>` element, XML-escaped; characters that
//! XML 1.0 forbids are dropped. The same renderer draws the print view,
//! a few steps per page ([`pages`]).

use crate::chart::{self, Layout, Series};
use crate::embed::{column_values, columns, Column};
use crate::model::{format_number, Cell, JourneyMap, Lane, LaneKind, MapState};
use std::fmt::Write as _;

/// The namespace of the `<journeymap>` element inside `<metadata>`.
pub const NAMESPACE: &str = "https://journeymap.invalid/ns";

/// Font stack: the platform's UI font, else a plain sans-serif.
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

const PAD: f64 = 24.0;
const LANE_COL: f64 = 220.0;
const COL: f64 = 190.0;
const CELL_PAD: f64 = 10.0;
const STAGE_H: f64 = 36.0;
const STEP_FONT: f64 = 13.0;
const FONT_SIZE: f64 = 13.0;
const LINE: f64 = 17.0;
const MIN_ROW: f64 = 44.0;
/// Under an emotion chart: the value and its label under each point.
const VALUE_STRIP: f64 = 18.0;
/// Most lines a cell shows; the rest is cut with an ellipsis.
const MAX_LINES: usize = 40;

const INK: &str = "#1f2933";
const INK_SOFT: &str = "#52606d";
const LINE_COLOR: &str = "#d9dee5";
const LINE_SOFT: &str = "#eceff3";
const LANE_BG: &str = "#fafbfc";

/// The emotion chart's geometry, as in the editor.
const CHART: Layout = Layout {
    col_width: COL,
    height: 168.0,
    pad_top: 22.0,
    pad_bottom: 22.0,
};

/// The whole map as an SVG file, its JSON in `<metadata>`.
pub fn export(map: &JourneyMap) -> String {
    let cols = columns(map).len();
    render(map, 0..cols, true)
}

/// The map cut into pictures of at most `per_page` step columns each, every
/// one with the title, the stage and step headers and the lane titles; for
/// printing. No metadata. A page of many lanes is cut between lanes too
/// (see [`PAGE_TALL`]), each part with the same headers.
pub fn pages(map: &JourneyMap, per_page: usize) -> Vec<String> {
    let all = columns(map);
    let n = all.len();
    let per_page = per_page.max(1);
    let mut out = Vec::new();
    for start in (0..n.max(1)).step_by(per_page) {
        let range = start..(start + per_page).min(n);
        let groups = lane_groups(map, &all, range.clone(), per_page);
        if groups.len() == 1 {
            out.push(render(map, range, false));
            continue;
        }
        for lanes in groups {
            let part = JourneyMap {
                lanes,
                ..map.clone()
            };
            out.push(render(&part, range.clone(), false));
        }
    }
    out
}

/// The tallest a printed page may be, in widths: an A3 landscape page
/// (400 × 270 mm within its margins) scales a picture down to fit, and a
/// taller picture than this would print below 70 % of the page's width.
const PAGE_TALL: f64 = 270.0 / 400.0 / 0.7;

/// The map's lanes in runs that each fit a printed page (see
/// [`PAGE_TALL`]) over the columns in `range`: one run when they all fit,
/// and never a run without a lane. The scale is that of a full page of
/// `per_page` columns, so a last, narrower page prints its text the same size.
fn lane_groups(
    map: &JourneyMap,
    all: &[Column],
    range: std::ops::Range<usize>,
    per_page: usize,
) -> Vec<Vec<Lane>> {
    let (_, height, _) = measure(map, all, range.clone(), false);
    let width = 2.0 * PAD + LANE_COL + COL * per_page as f64;
    let cols = &all[range];
    let heights: Vec<f64> = map.lanes.iter().map(|l| row_height(map, l, cols)).collect();
    let budget = width * PAGE_TALL - (height - heights.iter().sum::<f64>());
    if height <= width * PAGE_TALL || budget <= 0.0 {
        return vec![map.lanes.clone()];
    }
    let mut groups: Vec<Vec<Lane>> = vec![Vec::new()];
    let mut used = 0.0;
    for (lane, h) in map.lanes.iter().zip(heights) {
        let last = groups.len() - 1;
        if !groups[last].is_empty() && used + h > budget {
            groups.push(Vec::new());
            used = 0.0;
        }
        used += h;
        let last = groups.len() - 1;
        groups[last].push(lane.clone());
    }
    groups
}

/// Width and height in px of [`export`]'s picture.
pub fn size(map: &JourneyMap) -> (f64, f64) {
    let cols = columns(map);
    let (w, h, _) = measure(map, &cols, 0..cols.len(), true);
    (w, h)
}

/// One line of cell text.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    text: String,
    indent: f64,
    bold: bool,
    italic: bool,
    soft: bool,
}

impl Line {
    fn plain(text: String) -> Line {
        Line {
            text,
            indent: 0.0,
            bold: false,
            italic: false,
            soft: false,
        }
    }
}

/// Rough width of `text` in px at `font` px: narrow letters count less.
fn text_width(text: &str, font: f64, bold: bool) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.33,
            'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' => 0.43,
            'm' | 'w' | 'M' | 'W' | '@' | '%' | '—' => 0.96,
            '#' | '&' => 0.82,
            c if c.is_ascii_uppercase() => 0.7,
            c if c.is_ascii_digit() => 0.64,
            c if c.is_ascii() => 0.6,
            // Wide scripts and emoji.
            c if (c as u32) >= 0x2E80 => 1.0,
            c if c.is_uppercase() => 0.75,
            _ => 0.65,
        })
        .sum();
    // A little over the guess: wide system fonts (DejaVu Sans) overran it.
    em * font * if bold { 1.12 } else { 1.0 } * 1.04
}

/// Splits `text` into lines no wider than `width` px, breaking between
/// words, and inside words longer than a line.
fn wrap(text: &str, width: f64, font: f64, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, font, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word too long for a line is cut into pieces.
            for c in word.chars() {
                line.push(c);
                if text_width(&line, font, bold) > width && line.chars().count() > 1 {
                    let last = line.pop().unwrap_or(' ');
                    lines.push(std::mem::take(&mut line));
                    line.push(last);
                }
            }
        }
        if !line.is_empty() || lines.is_empty() && !para.trim().is_empty() {
            lines.push(line);
        } else if para.trim().is_empty() && lines.last().is_some_and(|l| !l.is_empty()) {
            // A blank line between paragraphs stays (one, however many).
            lines.push(String::new());
        }
    }
    // None at the end.
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Ends a line cut short with an ellipsis, dropping its last characters
/// so that the ellipsis still fits `width` px.
fn ellipsize(line: &mut String, width: f64, font: f64, bold: bool) {
    let dots = text_width("…", font, bold);
    while !line.is_empty() && text_width(line, font, bold) + dots > width {
        line.pop();
    }
    let kept = line.trim_end().len();
    line.truncate(kept);
    line.push('…');
}

/// Cuts `text` to fit `width` px on one line, with an ellipsis.
fn fit(text: &str, width: f64, font: f64, bold: bool) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text_width(&text, font, bold) <= width {
        return text;
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if text_width(&out, font, bold) + text_width("…", font, bold) > width {
            out.pop();
            break;
        }
    }
    out.trim_end().to_string() + "…"
}

/// The lines of a non-emotion cell, wrapped to a column.
fn cell_lines(cell: &Cell, kind: LaneKind) -> Vec<Line> {
    let width = COL - 2.0 * CELL_PAD;
    let mut out = Vec::new();
    let push_wrapped =
        |out: &mut Vec<Line>, text: &str, indent: f64, bold: bool, italic: bool, soft: bool| {
            for t in wrap(text, width - indent, FONT_SIZE, bold) {
                out.push(Line {
                    text: t,
                    indent,
                    bold,
                    italic,
                    soft,
                });
            }
        };
    match cell {
        Cell::Text(s) if kind == LaneKind::Quotes && !s.trim().is_empty() => {
            let s = s.trim();
            let quoted = s.starts_with(['"', '“', '«', '\'']);
            let s = if quoted {
                s.to_string()
            } else {
                format!("“{s}”")
            };
            push_wrapped(&mut out, &s, 0.0, false, true, false)
        }
        Cell::Text(s) => push_wrapped(&mut out, s, 0.0, false, false, false),
        Cell::List(items) => {
            for item in items.iter().filter(|s| !s.trim().is_empty()) {
                let wrapped = wrap(item, width - 12.0, FONT_SIZE, false);
                for (i, t) in wrapped.into_iter().enumerate() {
                    let mut line = Line::plain(if i == 0 { format!("• {t}") } else { t });
                    line.indent = if i == 0 { 0.0 } else { 12.0 };
                    out.push(line);
                }
            }
        }
        Cell::Touchpoints(list) => {
            for t in list {
                push_wrapped(&mut out, t.channel.label(), 0.0, true, false, false);
                if !t.note.trim().is_empty() {
                    push_wrapped(&mut out, &t.note, 8.0, false, false, true);
                }
            }
        }
        Cell::Metrics(list) => {
            for m in list {
                push_wrapped(&mut out, &m.name, 0.0, true, false, false);
                let mut figure = String::new();
                if let Some(v) = m.value {
                    figure.push_str(&crate::model::with_unit(v, &m.unit));
                }
                if let Some(t) = m.target {
                    if !figure.is_empty() {
                        figure.push_str(" / ");
                    }
                    figure.push_str(&format!("target {}", crate::model::with_unit(t, &m.unit)));
                }
                if !figure.is_empty() {
                    push_wrapped(&mut out, &figure, 8.0, false, false, true);
                }
            }
        }
        Cell::Emotion(_) => {}
    }
    if out.len() > MAX_LINES {
        out.truncate(MAX_LINES);
        if let Some(last) = out.last_mut() {
            let room = width - last.indent;
            ellipsize(&mut last.text, room, FONT_SIZE, last.bold);
        }
    }
    out
}

/// The lines of a lane's title cell.
fn lane_title_lines(map: &JourneyMap, lane: &Lane) -> Vec<Line> {
    let width = LANE_COL - 2.0 * CELL_PAD;
    let mut out: Vec<Line> = wrap(&lane.title, width, 14.0, true)
        .into_iter()
        .take(4)
        .map(|t| Line {
            bold: true,
            ..Line::plain(t)
        })
        .collect();
    let mut sub = lane.kind.label().to_string();
    if lane.kind == LaneKind::Emotion {
        if let Some(p) = lane.persona.as_deref().and_then(|p| map.persona(p)) {
            sub = format!("Emotion · {}", p.name);
        }
    }
    for t in wrap(&sub, width, 11.0, false).into_iter().take(2) {
        out.push(Line {
            soft: true,
            ..Line::plain(t)
        });
    }
    out
}

/// The service blueprint's line above `lane`, as the editor draws it: where
/// the frontstage, backstage or support lanes begin below other lanes.
fn line_above(map: &JourneyMap, lane: &Lane) -> Option<&'static str> {
    let caption = match lane.kind {
        LaneKind::Frontstage => "LINE OF INTERACTION",
        LaneKind::Backstage => "LINE OF VISIBILITY",
        LaneKind::Support => "LINE OF INTERNAL INTERACTION",
        _ => return None,
    };
    let k = map.lanes.iter().position(|l| l.id == lane.id)?;
    (k > 0 && map.lanes[k - 1].kind != lane.kind).then_some(caption)
}

/// Room above a lane's title for the caption of its blueprint line.
const CAPTION_H: f64 = 12.0;

/// Height of a lane's row for the columns in `range`.
fn row_height(map: &JourneyMap, lane: &Lane, cols: &[Column]) -> f64 {
    let caption = if line_above(map, lane).is_some() {
        CAPTION_H
    } else {
        0.0
    };
    let title = lane_title_lines(map, lane).len() as f64 * LINE + 2.0 * CELL_PAD + caption;
    if lane.kind == LaneKind::Emotion {
        return (CHART.height + VALUE_STRIP).max(title);
    }
    let cells = cols
        .iter()
        .filter_map(|c| c.step.and_then(|(id, _)| lane.cells.get(id)))
        .map(|cell| cell_lines(cell, lane.kind).len())
        .max()
        .unwrap_or(0) as f64;
    (cells * LINE + 2.0 * CELL_PAD).max(title).max(MIN_ROW)
}

/// The title block's lines: the title, then the state and description.
fn head_lines(map: &JourneyMap, width: f64) -> (Vec<String>, Vec<String>) {
    let mut title = wrap(&map.title, width, 22.0, true);
    if title.len() > 3 {
        title.truncate(3);
        ellipsize(&mut title[2], width, 22.0, true);
    }
    let state = match map.state {
        MapState::Current => "Current state",
        MapState::Future => "Future state",
    };
    let mut sub = vec![state.to_string()];
    sub.extend(
        wrap(&map.description, width, 13.0, false)
            .into_iter()
            .take(4),
    );
    (title, sub)
}

/// Overall width, height and the step-header height.
fn measure(
    map: &JourneyMap,
    all: &[Column],
    range: std::ops::Range<usize>,
    personas: bool,
) -> (f64, f64, f64) {
    let cols = &all[range];
    let width = 2.0 * PAD + LANE_COL + COL * cols.len() as f64;
    let (title, sub) = head_lines(map, width - 2.0 * PAD);
    let head = title.len() as f64 * 28.0 + sub.len() as f64 * LINE + 16.0;
    let step_h = step_header_height(cols);
    let lanes: f64 = map.lanes.iter().map(|l| row_height(map, l, cols)).sum();
    let cards = if personas {
        persona_rows(map, width).iter().map(|r| r.1).sum::<f64>()
    } else {
        0.0
    };
    (
        width,
        PAD + head + STAGE_H + step_h + lanes + cards + PAD,
        step_h,
    )
}

fn step_lines(name: &str) -> Vec<String> {
    let width = COL - 2.0 * CELL_PAD;
    let mut lines = wrap(name, width, STEP_FONT, true);
    if lines.len() > 3 {
        lines.truncate(3);
        ellipsize(&mut lines[2], width, STEP_FONT, true);
    }
    lines
}

fn step_header_height(cols: &[Column]) -> f64 {
    let most = cols
        .iter()
        .map(|c| c.step.map(|(_, name)| step_lines(name).len()).unwrap_or(1))
        .max()
        .unwrap_or(1)
        .max(1);
    most as f64 * LINE + 2.0 * CELL_PAD - 4.0
}

/// Escapes text for XML content or attributes, dropping characters XML 1.0
/// forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// True for a character XML 1.0 allows.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// The fill of a band or bar of colour `c`: `fill="#rrggbb"` for a hex
/// colour; for another CSS colour (`tomato`, `rgb(…)`), `fallback` with the
/// colour as a style, which a viewer that reads it draws (browsers, the PNG)
/// and one that does not, or a name that is no colour, drops for the
/// fallback. Only the characters such colours use get through.
fn fill(c: &str, fallback: &str) -> String {
    if let Some(hex) = crate::model::hex_color(c) {
        return format!("fill=\"{hex}\"");
    }
    let t = c.trim();
    let css = !t.is_empty()
        && t.len() <= 64
        && t.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || " (),.%/-+#".contains(ch));
    if css {
        format!("fill=\"{fallback}\" style=\"fill:{t}\"")
    } else {
        format!("fill=\"{fallback}\"")
    }
}

/// The ink on a band of colour `c`: white on a dark hex colour, as the
/// editor turns a stage's name light (CIE lightness under about 62), else
/// [`INK`].
fn ink_on(c: &str) -> &'static str {
    let Some([r, g, b]) = crate::model::hex_rgb(c) else {
        return INK;
    };
    // Luminance with a gamma of 2 (no `powf`, which would bring its code
    // into the module): lightness 62 is sRGB grey 0.596, squared 0.355.
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        v * v
    };
    let y = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    if y < 0.355 {
        "#ffffff"
    } else {
        INK
    }
}

fn n(v: f64) -> String {
    format_number((v * 10.0).round() / 10.0)
}

fn text_el(out: &mut String, x: f64, y: f64, line: &Line, size: f64) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}{} fill=\"{}\">{}</text>",
        n(x + line.indent),
        n(y),
        n(size),
        if line.bold {
            " font-weight=\"600\""
        } else {
            ""
        },
        if line.italic {
            " font-style=\"italic\""
        } else {
            ""
        },
        if line.soft { INK_SOFT } else { INK },
        escape(&line.text)
    );
}

/// The map's JSON for `<metadata>`: XML-escaped text (no CDATA, so `]]>`
/// needs no care); characters XML forbids, which only occur inside JSON
/// strings, are written as JSON `\u` escapes.
fn metadata(map: &JourneyMap) -> String {
    let json = super::json::to_string(map);
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        if xml_char(c) {
            safe.push(c);
        } else {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                let _ = write!(safe, "\\u{unit:04x}");
            }
        }
    }
    format!(
        "<metadata><journeymap xmlns=\"{NAMESPACE}\" version=\"1\">{}</journeymap></metadata>\n",
        escape(&safe)
    )
}

/// Draws the columns `range` of `map`.
fn render(map: &JourneyMap, range: std::ops::Range<usize>, with_metadata: bool) -> String {
    let all = columns(map);
    let range = range.start.min(all.len())..range.end.min(all.len());
    let cols = &all[range.clone()];
    let (width, height, step_h) = measure(map, &all, range.clone(), with_metadata);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"{FONT}\" role=\"img\" aria-label=\"{label}\">",
        w = n(width),
        h = n(height),
        label = escape(&format!("Journey map: {}", map.title)),
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&map.title));
    if with_metadata {
        out.push_str(&metadata(map));
    }
    let _ = writeln!(
        out,
        "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(width),
        n(height)
    );

    // Title block.
    let (title, sub) = head_lines(map, width - 2.0 * PAD);
    let mut y = PAD;
    for t in &title {
        y += 28.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"22\" font-weight=\"700\" fill=\"{INK}\">{}</text>",
            n(PAD),
            n(y - 6.0),
            escape(t)
        );
    }
    for (i, t) in sub.iter().enumerate() {
        y += LINE;
        let line = Line {
            bold: i == 0,
            soft: true,
            ..Line::plain(t.clone())
        };
        text_el(&mut out, PAD, y - 3.0, &line, 13.0);
    }
    y += 16.0;

    // Stage band: one rectangle per run of columns of the same stage.
    let grid_x = PAD + LANE_COL;
    let mut i = 0;
    while i < cols.len() {
        let stage = cols[i].stage;
        let span = cols[i..].iter().take_while(|c| c.stage == stage).count();
        let s = &map.stages[stage];
        let x = grid_x + COL * i as f64;
        let w = COL * span as f64;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {} stroke=\"#ffffff\" stroke-width=\"2\"/>",
            n(x),
            n(y),
            n(w),
            n(STAGE_H),
            fill(&s.color, "#e5e7eb")
        );
        let name = fit(&s.name, w - 2.0 * CELL_PAD, 14.0, true);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"700\" fill=\"{}\">{}</text>",
            n(x + CELL_PAD),
            n(y + 23.0),
            ink_on(&s.color),
            escape(&name)
        );
        i += span;
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{INK_SOFT}\">{}</text>",
        n(PAD + CELL_PAD),
        n(y + 23.0),
        if cols.len() < all.len() {
            escape(&format!(
                "Steps {}–{} of {}",
                range.start + 1,
                range.end,
                all.len()
            ))
        } else {
            "Stages".to_string()
        }
    );
    y += STAGE_H;

    // Step headers.
    for (i, c) in cols.iter().enumerate() {
        let x = grid_x + COL * i as f64;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"{LINE_SOFT}\"/>",
            n(x),
            n(y),
            n(COL),
            n(step_h)
        );
        match c.step {
            Some((_, name)) => {
                for (k, t) in step_lines(name).into_iter().enumerate() {
                    let line = Line {
                        bold: true,
                        ..Line::plain(t)
                    };
                    text_el(
                        &mut out,
                        x + CELL_PAD,
                        y + CELL_PAD + 11.0 + LINE * k as f64,
                        &line,
                        STEP_FONT,
                    );
                }
            }
            None => {
                let line = Line {
                    soft: true,
                    italic: true,
                    ..Line::plain("No steps yet".into())
                };
                text_el(&mut out, x + CELL_PAD, y + CELL_PAD + 11.0, &line, 12.0);
            }
        }
    }
    y += step_h;
    let _ = writeln!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{LINE_COLOR}\"/>",
        n(PAD),
        n(y),
        n(width - PAD),
        n(y)
    );

    // Lanes.
    for lane in &map.lanes {
        let h = row_height(map, lane, cols);
        let _ = writeln!(
            out,
            "<g class=\"lane kind-{}\">\n<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{LANE_BG}\" stroke=\"{LINE_COLOR}\"/>",
            lane.kind.key(),
            n(PAD),
            n(y),
            n(LANE_COL),
            n(h)
        );
        let line_caption = line_above(map, lane);
        let below = if line_caption.is_some() {
            CAPTION_H
        } else {
            0.0
        };
        for (k, line) in lane_title_lines(map, lane).iter().enumerate() {
            let size = if line.soft { 11.0 } else { 14.0 };
            text_el(
                &mut out,
                PAD + CELL_PAD,
                y + below + CELL_PAD + 12.0 + LINE * k as f64,
                line,
                size,
            );
        }
        for i in 0..cols.len() {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{LINE_SOFT}\"/>",
                n(grid_x + COL * i as f64),
                n(y),
                n(COL),
                n(h)
            );
        }
        if let Some(caption) = line_caption {
            let _ = writeln!(
                out,
                "<line class=\"blueprint-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#7b8794\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n\
                 <text x=\"{}\" y=\"{}\" font-size=\"9\" letter-spacing=\"0.2\" fill=\"{INK_SOFT}\">{caption}</text>",
                n(PAD),
                n(y),
                n(width - PAD),
                n(y),
                n(PAD + CELL_PAD),
                n(y + CELL_PAD + 7.0)
            );
        }
        if lane.kind == LaneKind::Emotion {
            // The lane's curve on these columns: the part of the whole
            // chart they show, so a page of a long print draws only its part
            // of the curve (which runs on across the page's edges) and marks
            // the highest and lowest moments of the whole map, not its own.
            let values = column_values(lane, &all);
            let lane_color = map.lane_color(lane);
            let series = [Series {
                values: &values,
                color: &lane_color,
                label: "",
                emphasis: true,
            }];
            let chart = chart::render_svg_window(&series, &map.scale, &CHART, range.clone());
            let top = y + (h - CHART.height - VALUE_STRIP) / 2.0;
            if let Some(rest) = chart.strip_prefix("<svg ") {
                let _ = write!(
                    out,
                    "<svg x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" overflow=\"hidden\">\n<svg x=\"0\" y=\"0\" {rest}</svg>\n",
                    x = n(grid_x),
                    y = n(top),
                    w = n(COL * cols.len() as f64),
                    h = n(CHART.height),
                    rest = rest.replace(" aria-hidden=\"true\" focusable=\"false\"", "")
                );
            }
            // The value under each point, as text.
            for (i, v) in values[range.clone()].iter().enumerate() {
                if let Some(v) = v {
                    let label = match map.scale.label(*v) {
                        Some(l) => format!("{} · {l}", format_number(*v)),
                        None => format_number(*v),
                    };
                    // Within its column: a long label ends in "…" rather
                    // than running over its neighbours'.
                    let label = fit(&label, COL - 2.0 * CELL_PAD, 10.0, false);
                    let _ = writeln!(
                        out,
                        "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{INK_SOFT}\" text-anchor=\"middle\">{}</text>",
                        n(grid_x + COL * i as f64 + COL / 2.0),
                        n(top + CHART.height + VALUE_STRIP - 5.0),
                        escape(&label)
                    );
                }
            }
        } else {
            for (i, c) in cols.iter().enumerate() {
                let Some(cell) = c.step.and_then(|(id, _)| lane.cells.get(id)) else {
                    continue;
                };
                for (k, line) in cell_lines(cell, lane.kind).iter().enumerate() {
                    text_el(
                        &mut out,
                        grid_x + COL * i as f64 + CELL_PAD,
                        y + CELL_PAD + 12.0 + LINE * k as f64,
                        line,
                        FONT_SIZE,
                    );
                }
            }
        }
        out.push_str("</g>\n");
        y += h;
    }
    if with_metadata {
        personas_band(&mut out, map, width, y);
    }
    out.push_str("</svg>\n");
    out
}

/// Width of a persona card, and the gap between cards.
const CARD_W: f64 = 300.0;
const CARD_GAP: f64 = 16.0;

/// A persona card's lines: name, role, demographics, goals, pains,
/// preferred channels and quote, wrapped to the card.
fn persona_lines(p: &crate::model::Persona) -> Vec<Line> {
    let w = CARD_W - 2.0 * CELL_PAD;
    let mut out: Vec<Line> = wrap(&p.name, w, FONT_SIZE, true)
        .into_iter()
        .map(|t| Line {
            bold: true,
            ..Line::plain(t)
        })
        .collect();
    let soft = |t: String| Line {
        soft: true,
        ..Line::plain(t)
    };
    out.extend(wrap(&p.role, w, FONT_SIZE, false).into_iter().map(soft));
    out.extend(
        p.demographics
            .iter()
            .flat_map(|d| wrap(d, w, FONT_SIZE, false))
            .map(soft),
    );
    for (head, items) in [("Goals", &p.goals), ("Pains", &p.pains)] {
        if !items.is_empty() {
            out.push(Line {
                bold: true,
                soft: true,
                ..Line::plain(head.into())
            });
            for item in items {
                for (k, t) in wrap(item, w - 12.0, FONT_SIZE, false)
                    .into_iter()
                    .enumerate()
                {
                    out.push(Line {
                        indent: 12.0,
                        ..Line::plain(if k == 0 { format!("• {t}") } else { t })
                    });
                }
            }
        }
    }
    if !p.channels.is_empty() {
        let names: Vec<&str> = p.channels.iter().map(|c| c.label()).collect();
        out.extend(
            wrap(
                &format!("Prefers: {}", names.join(", ")),
                w,
                FONT_SIZE,
                false,
            )
            .into_iter()
            .map(Line::plain),
        );
    }
    if !p.quote.is_empty() {
        out.extend(
            wrap(&format!("\u{201c}{}\u{201d}", p.quote), w, FONT_SIZE, false)
                .into_iter()
                .map(|t| Line {
                    italic: true,
                    ..Line::plain(t)
                }),
        );
    }
    out.truncate(MAX_LINES);
    out
}

/// The persona cards in rows that fit `width`: each row's persona
/// indices and height (with the heading above the first row).
fn persona_rows(map: &JourneyMap, width: f64) -> Vec<(Vec<usize>, f64)> {
    if map.personas.is_empty() {
        return Vec::new();
    }
    let per_row = (((width - 2.0 * PAD + CARD_GAP) / (CARD_W + CARD_GAP)).floor() as usize).max(1);
    let idx: Vec<usize> = (0..map.personas.len()).collect();
    idx.chunks(per_row)
        .enumerate()
        .map(|(r, chunk)| {
            let lines = chunk
                .iter()
                .map(|&i| persona_lines(&map.personas[i]).len())
                .max()
                .unwrap_or(0);
            let head = if r == 0 { 36.0 } else { 0.0 };
            (
                chunk.to_vec(),
                head + lines as f64 * LINE + 2.0 * CELL_PAD + CARD_GAP,
            )
        })
        .collect()
}

/// The persona cards under the map.
fn personas_band(out: &mut String, map: &JourneyMap, width: f64, mut y: f64) {
    for (r, (row, h)) in persona_rows(map, width).into_iter().enumerate() {
        let mut top = y;
        if r == 0 {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"700\" fill=\"{INK}\">Personas</text>",
                n(PAD),
                n(y + 26.0)
            );
            top += 36.0;
        }
        for (k, &i) in row.iter().enumerate() {
            let p = &map.personas[i];
            let lines = persona_lines(p);
            let x = PAD + (CARD_W + CARD_GAP) * k as f64;
            let card_h = lines.len() as f64 * LINE + 2.0 * CELL_PAD;
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{LANE_BG}\" stroke=\"{LINE_COLOR}\"/>\
                 <rect x=\"{}\" y=\"{}\" width=\"4\" height=\"{}\" {}/>",
                n(x),
                n(top),
                n(CARD_W),
                n(card_h),
                n(x),
                n(top),
                n(card_h),
                fill(&p.color, INK_SOFT)
            );
            for (j, line) in lines.iter().enumerate() {
                text_el(
                    out,
                    x + CELL_PAD + 4.0,
                    top + CELL_PAD + 12.0 + LINE * j as f64,
                    line,
                    FONT_SIZE,
                );
            }
        }
        y += h;
    }
}

/// What [`extract`] found in an SVG.
pub const NO_MAP: &str = "This image has no Journeymap map inside; export it from Journeymap \
                          with SVG or PNG to re-open it";

/// The map's JSON from an SVG made by [`export`]: the text of the
/// `<journeymap>` element in `<metadata>`, entities decoded and CDATA
/// sections unwrapped. Tools that save SVG again may prefix the elements
/// (`<ns0:metadata>`); that is read too. An error ([`NO_MAP`], or a cut
/// short file) when the SVG carries no whole map.
pub fn extract(svg: &str) -> Result<String, &'static str> {
    const CUT: &str = "the SVG file is cut short: its map ends before </journeymap>";
    let meta = open_tag(svg, "metadata").ok_or(NO_MAP)?;
    let rest = &svg[meta..];
    let open = open_tag(rest, "journeymap").ok_or(NO_MAP)?;
    let rest = &rest[open..];
    let body_start = rest.find('>').ok_or(CUT)? + 1;
    if rest[..body_start].ends_with("/>") {
        return Err(NO_MAP);
    }
    let body = &rest[body_start..];
    let body_end = close_tag(body, "journeymap").ok_or(CUT)?;
    Ok(xml_text(&body[..body_end]))
}

/// Where the first start tag named `name` (or `prefix:name`) begins.
fn open_tag(text: &str, name: &str) -> Option<usize> {
    tag_at(text, "<", name)
}

/// Where the first end tag named `name` (or `prefix:name`) begins.
fn close_tag(text: &str, name: &str) -> Option<usize> {
    tag_at(text, "</", name)
}

fn tag_at(text: &str, start: &str, name: &str) -> Option<usize> {
    text.match_indices(start).map(|(i, _)| i).find(|&i| {
        let after = &text[i + start.len()..];
        let end = after
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(after.len());
        let tag = &after[..end];
        tag == name || tag.rsplit_once(':').is_some_and(|(_, local)| local == name)
    })
}

/// Decodes XML character data: entities and CDATA sections.
fn xml_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").unwrap_or(after.len());
            out.push_str(&after[..end]);
            rest = after.get(end + 3..).unwrap_or("");
        } else if rest.starts_with('&') {
            let end = rest.find(';').filter(|&e| e <= 12);
            let decoded = end.and_then(|e| entity(&rest[1..e]));
            match (end, decoded) {
                (Some(e), Some(c)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let next = rest[first..]
                .find(['&', '<'])
                .map(|i| i + first)
                .unwrap_or(rest.len());
            out.push_str(&rest[..next]);
            rest = &rest[next..];
        }
    }
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
            char::from_u32(code)
        }
    }
}

/// True when `text` looks like an SVG (or other XML) document rather than
/// JSON or a Mermaid diagram.
pub fn looks_like_svg(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('<') && open_tag(t, "svg").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::json;
    use crate::model::{template, Channel, Metric, Touchpoint};

    #[test]
    fn stage_and_persona_colours_of_any_css_form_are_drawn_with_readable_names() {
        let mut map = template::ecommerce("m");
        map.stages[0].color = "tomato".into();
        map.stages[1].color = "#1e3a8a".into();
        map.stages[2].color = "red\" onload=\"x".into();
        map.personas[0].color = "rgb(200, 100, 0)".into();
        let svg = export(&map);
        // A name: drawn where the viewer knows it, grey where not.
        assert!(
            svg.contains("fill=\"#e5e7eb\" style=\"fill:tomato\""),
            "{svg}"
        );
        assert!(svg.contains("style=\"fill:rgb(200, 100, 0)\""));
        // What is no colour gets no further than the fallback.
        assert!(!svg.contains("style=\"fill:red"));
        // A dark band gets a light name, as in the editor.
        let name = escape(&map.stages[1].name);
        assert!(
            svg.contains(&format!("fill=\"#ffffff\">{name}</text>")),
            "{svg}"
        );
        assert_eq!(ink_on("#fde68a"), INK);
        assert_eq!(ink_on("navy"), INK);
    }

    #[test]
    fn a_long_scale_label_under_a_point_stays_in_its_column() {
        let mut map = template::ecommerce("m");
        map.scale.labels[0] = "Very frustrated with the whole of this experience so far".into();
        let emotion = map
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::Emotion)
            .unwrap();
        let step = map.stages[0].steps[0].id.clone();
        map.lanes[emotion].cells.insert(step, Cell::Emotion(-2.0));
        let svg = export(&map);
        let at = svg.find("-2 · Very frustrated").expect("the label, cut");
        let label = &svg[at..at + svg[at..].find('<').unwrap()];
        assert!(label.ends_with('…'), "{label}");
        assert!(
            text_width(label, 10.0, false) <= COL - 2.0 * CELL_PAD,
            "{label}"
        );
    }

    #[test]
    fn the_blueprints_lines_are_drawn_where_its_lanes_begin() {
        let map = template::build("blueprint", "m").unwrap();
        let svg = export(&map);
        for caption in [
            "LINE OF INTERACTION",
            "LINE OF VISIBILITY",
            "LINE OF INTERNAL INTERACTION",
        ] {
            assert_eq!(
                svg.matches(&format!(">{caption}</text>")).count(),
                1,
                "{caption}"
            );
        }
        assert_eq!(svg.matches("class=\"blueprint-line\"").count(), 3);
        // A map without those lanes has none.
        assert!(!export(&template::ecommerce("m")).contains("blueprint-line"));
    }

    #[test]
    fn a_blank_line_between_paragraphs_stays_in_the_picture() {
        let lines = wrap("Line 1\nLine 2\n\n\nLine 4\n\n", 1000.0, 12.0, false);
        assert_eq!(lines, ["Line 1", "Line 2", "", "Line 4"]);
        assert_eq!(wrap("\n\nOnly", 1000.0, 12.0, false), ["Only"]);
        assert!(wrap("  \n ", 1000.0, 12.0, false).is_empty());
    }

    /// Checks that tags open and close in order (a small XML-ish check:
    /// no attributes with `>` in them, since all are escaped).
    fn balanced(svg: &str) -> Result<(), String> {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(i) = rest.find('<') {
            rest = &rest[i..];
            let end = rest.find('>').ok_or("unclosed tag")?;
            let tag = &rest[1..end];
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().ok_or(format!("stray </{name}>"))?;
                if open != name {
                    return Err(format!("<{open}> closed by </{name}>"));
                }
            } else if !tag.ends_with('/') && !tag.starts_with('?') && !tag.starts_with('!') {
                let name = tag.split_whitespace().next().unwrap_or("").to_string();
                stack.push(name);
            }
            // Text between tags must not hold a raw '<' or '&' out of entities.
            rest = &rest[end + 1..];
            let text_end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..text_end];
            for (k, _) in text.match_indices('&') {
                let ent = &text[k..];
                let ok = ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| ent.starts_with(e));
                if !ok {
                    return Err(format!("raw & in {text:?}"));
                }
            }
        }
        if stack.is_empty() {
            Ok(())
        } else {
            Err(format!("unclosed {stack:?}"))
        }
    }

    fn hostile() -> JourneyMap {
        let mut map = template::ecommerce("m1");
        map.title = "<script>alert(1)</script> ]]> & \"quotes\" \u{0}\u{1b}".into();
        map.description = "]]><![CDATA[ break".into();
        map.stages[0].name = "</svg><svg onload=alert(1)>".into();
        map.stages[0].steps[0].name = "Step ]]> & <b>".into();
        let lane = map
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::Text)
            .unwrap();
        let first = map.stages[0].steps[0].id.clone();
        map.lanes[lane].cells.insert(
            first,
            Cell::Text("</journeymap></metadata> \u{fffe}".into()),
        );
        map
    }

    #[test]
    fn the_export_is_balanced_and_holds_every_step_and_lane() {
        let map = template::ecommerce("m1");
        let svg = export(&map);
        balanced(&svg).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        for step in map.steps() {
            // Long names are wrapped; every word is there.
            for word in step.name.split_whitespace() {
                assert!(svg.contains(&escape(word)), "{word}");
            }
        }
        for lane in &map.lanes {
            assert!(svg.contains(&escape(&lane.title)), "{}", lane.title);
        }
        for stage in &map.stages {
            assert!(svg.contains(&escape(&stage.name)), "{}", stage.name);
        }
        assert!(svg.contains(FONT));
        assert!(svg.contains("<polyline"), "the emotion curve is drawn");
        let (w, h) = size(&map);
        assert!(svg.contains(&format!("width=\"{}\" height=\"{}\"", n(w), n(h))));
    }

    #[test]
    fn hostile_text_is_escaped_and_the_map_round_trips() {
        let map = hostile();
        let svg = export(&map);
        balanced(&svg).unwrap();
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<svg onload"));
        assert!(!svg.contains("<b>"));
        assert!(!svg.contains('\u{0}') && !svg.contains('\u{1b}') && !svg.contains('\u{fffe}'));
        assert_eq!(svg.matches("</metadata>").count(), 1);
        let json = extract(&svg).expect("metadata");
        assert_eq!(json::from_str(&json).unwrap(), map);
    }

    #[test]
    fn every_template_round_trips_through_the_metadata() {
        for (key, _) in template::TEMPLATES {
            let map = template::build(key, "x").unwrap();
            let svg = export(&map);
            assert_eq!(json::from_str(&extract(&svg).unwrap()).unwrap(), map);
        }
    }

    #[test]
    fn cdata_and_entities_are_read_too() {
        let map = JourneyMap::blank("b", "A ]]> B");
        let json = json::to_string(&map);
        let cdata = json.replace("]]>", "]]]]><![CDATA[>");
        let svg = format!(
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><metadata>\
             <journeymap xmlns=\"{NAMESPACE}\"><![CDATA[{cdata}]]></journeymap></metadata></svg>"
        );
        assert!(looks_like_svg(&svg));
        assert_eq!(json::from_str(&extract(&svg).unwrap()).unwrap(), map);
        assert_eq!(xml_text("a &#x3C; &#60; &bogus; &"), "a < < &bogus; &");
        assert_eq!(xml_text("é<x>ü&amp;"), "é<x>ü&");
    }

    #[test]
    fn persona_cards_come_with_the_map_and_only_in_the_full_picture() {
        let mut m = template::ecommerce("m");
        m.personas[0].quote = "Cheap <b>and</b> fast".into();
        let svg = export(&m);
        assert!(svg.contains(">Personas</text>"));
        assert!(svg.contains("Sam, online shopper"));
        assert!(svg.contains("34 years old"));
        assert!(svg.contains("Prefers: Mobile app, Social, Email"));
        assert!(svg.contains("Cheap &lt;b&gt;and&lt;/b&gt; fast"));
        // The picture is tall enough for the cards.
        let (_, with) = size(&m);
        m.personas.clear();
        for lane in &mut m.lanes {
            lane.persona = None;
        }
        let (_, without) = size(&m);
        assert!(with > without + 100.0, "{with} vs {without}");
        assert!(!pages(&template::ecommerce("m"), 6)[0].contains(">Personas</text>"));
    }

    #[test]
    fn svgs_without_a_map_say_so() {
        for svg in [
            "<svg></svg>",
            "<svg><metadata></metadata></svg>",
            "<svg><metadata><journeymap/></metadata></svg>",
            "<svg><metadata><journeymapper>x</journeymapper></metadata></svg>",
            "",
        ] {
            assert_eq!(extract(svg), Err(NO_MAP), "{svg}");
        }
        // A map that starts and does not end is a file cut short.
        for svg in [
            "<svg><metadata><journeymap>{\"format\"",
            "<svg><metadata></journeymap><journeymap></svg>",
            "<svg><metadata><journeymap",
        ] {
            assert!(extract(svg).unwrap_err().contains("cut short"), "{svg}");
        }
    }

    #[test]
    fn svgs_saved_again_with_prefixed_elements_still_open() {
        let map = template::ecommerce("m1");
        let svg = export(&map)
            .replace("<svg xmlns=", "<ns0:svg xmlns:ns0=")
            .replace("</svg>", "</ns0:svg>")
            .replace("<metadata>", "<ns0:metadata>")
            .replace("</metadata>", "</ns0:metadata>")
            .replace("<journeymap xmlns=", "<ns1:journeymap xmlns:ns1=")
            .replace("</journeymap>", "</ns1:journeymap>");
        assert!(looks_like_svg(&svg));
        assert_eq!(json::from_str(&extract(&svg).unwrap()).unwrap(), map);
    }

    #[test]
    fn cells_wrap_to_the_column_and_show_each_kind() {
        let lines = wrap(
            "A rather long sentence that cannot possibly fit on one line of a column",
            170.0,
            13.0,
            false,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 13.0, false) <= 170.0));
        let long = wrap(&"x".repeat(200), 170.0, 13.0, false);
        assert!(long.len() > 1 && long.concat() == "x".repeat(200));
        let list = cell_lines(
            &Cell::List(vec!["Slow page".into(), "".into(), "Fees".into()]),
            LaneKind::PainPoints,
        );
        assert_eq!(
            list.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["• Slow page", "• Fees"]
        );
        let tp = cell_lines(
            &Cell::Touchpoints(vec![Touchpoint {
                channel: Channel::Email,
                note: "Receipt".into(),
            }]),
            LaneKind::Touchpoints,
        );
        assert_eq!(tp[0].text, "Email");
        assert!(tp[0].bold);
        assert_eq!(tp[1].text, "Receipt");
        let m = cell_lines(
            &Cell::Metrics(vec![Metric {
                name: "Conversion".into(),
                value: Some(2.1),
                target: Some(3.0),
                unit: "%".into(),
            }]),
            LaneKind::Metrics,
        );
        assert_eq!(m[1].text, "2.1% / target 3%");
        let many = Cell::List((0..100).map(|i| format!("item {i}")).collect());
        assert_eq!(cell_lines(&many, LaneKind::Owners).len(), MAX_LINES);
    }

    #[test]
    fn a_name_or_cell_cut_short_keeps_its_ellipsis_inside_the_column() {
        let width = COL - 2.0 * CELL_PAD;
        let map = JourneyMap::blank("m", "A title that runs on. ".repeat(40).trim());
        let title = head_lines(&map, 600.0).0;
        assert_eq!(title.len(), 3);
        assert!(title[2].ends_with('…') && text_width(&title[2], 22.0, true) <= 600.0);
        let name = step_lines(&"W".repeat(200));
        assert_eq!(name.len(), 3);
        assert!(name[2].ends_with('…'));
        assert!(
            text_width(&name[2], STEP_FONT, true) <= width,
            "{}",
            name[2]
        );
        let cell = cell_lines(&Cell::Text("m".repeat(2000)), LaneKind::Text);
        let last = cell.last().unwrap();
        assert_eq!(cell.len(), MAX_LINES);
        assert!(last.text.ends_with('…'));
        assert!(
            text_width(&last.text, FONT_SIZE, false) <= width,
            "{}",
            last.text
        );
    }

    #[test]
    fn a_map_of_many_lanes_prints_on_pages_cut_between_lanes_too() {
        let mut map = template::ecommerce("m");
        let text = map.lanes[0].clone();
        for k in 0..20 {
            let mut lane = text.clone();
            lane.id = format!("x{k}");
            lane.title = format!("Extra {k}");
            map.lanes.push(lane);
        }
        let steps = map.step_count();
        let pages = pages(&map, 6);
        assert!(pages.len() > steps.div_ceil(6), "{} pages", pages.len());
        let size = |svg: &str| {
            let attr = |name: &str| {
                let at = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                svg[at..at + svg[at..].find('"').unwrap()]
                    .parse::<f64>()
                    .unwrap()
            };
            (attr("width"), attr("height"))
        };
        let full = 2.0 * PAD + LANE_COL + COL * 6.0;
        for p in &pages {
            let (w, h) = size(p);
            assert!(h <= full * PAGE_TALL, "{w} × {h}");
        }
        // Every lane is on one page of each run of six steps.
        for lane in &map.lanes {
            let title = format!(">{}</text>", escape(&lane.title));
            let on = pages.iter().filter(|p| p.contains(&title)).count();
            assert_eq!(on, steps.div_ceil(6), "{}", lane.title);
        }
        // A map that fits is not cut: one page per six steps.
        assert_eq!(
            super::pages(&template::ecommerce("m"), 6).len(),
            steps.div_ceil(6)
        );
    }

    #[test]
    fn pages_repeat_the_headers_and_cover_every_step() {
        let map = template::ecommerce("m1");
        let cols = columns(&map).len();
        let pages = pages(&map, 5);
        assert_eq!(pages.len(), cols.div_ceil(5));
        for p in &pages {
            balanced(p).unwrap();
            assert!(!p.contains("<metadata"));
            for lane in &map.lanes {
                assert!(p.contains(&escape(&lane.title)));
            }
        }
        let last = map.steps().last().unwrap();
        assert!(pages
            .last()
            .unwrap()
            .contains(&escape(last.name.split_whitespace().next().unwrap())));
        // The highest and lowest moments are the whole map's: each marked
        // once, on the page that shows it (pages of 6 put e-commerce's two
        // "Delighted" moments on the second page).
        let six = super::pages(&map, 6);
        let high: Vec<usize> = six.iter().map(|p| p.matches("▲ High").count()).collect();
        let low: Vec<usize> = six.iter().map(|p| p.matches("▼ Low").count()).collect();
        assert_eq!(high.iter().sum::<usize>(), 2, "{high:?}");
        assert_eq!(low.iter().sum::<usize>(), 1, "{low:?}");
        assert_eq!(high[0], 0, "page 1 has no map-wide high");
        // An empty map still gives one page.
        let mut empty = JourneyMap::blank("e", "Empty");
        empty.stages.clear();
        let p = super::pages(&empty, 5);
        assert_eq!(p.len(), 1);
        balanced(&p[0]).unwrap();
    }
}
