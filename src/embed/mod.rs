//! Read-only maps embedded in other pages: the viewer page (`embed.html`)
//! and the script embed (`embed.js`), both drawn by the small `embed` wasm
//! binary (`src/bin/embed.rs`), which uses no Leptos.
//!
//! This module holds the rules, free of any browser API and tested on the
//! host: the options an embed takes ([`Theme`], [`parse_height`],
//! [`LaneFilter`]), reading what it is given ([`read`]), the columns of the
//! grid ([`columns`]) and the words of its error boxes
//! ([`http_failure`], [`network_failure`]). [`dom`] draws a map with
//! `web-sys`, never through HTML parsing of the map's text.

pub mod dom;

use crate::format::{share, validate};
use crate::model::{JourneyMap, Lane};

/// The colours of an embedded map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on white (the default).
    #[default]
    Light,
    /// Light text on a dark ground.
    Dark,
    /// Follows the reader's `prefers-color-scheme`.
    Auto,
}

impl Theme {
    /// Reads `light`, `dark` or `auto` (any case); anything else, or
    /// nothing, is [`Theme::Light`].
    pub fn parse(text: &str) -> Theme {
        match text.trim().to_ascii_lowercase().as_str() {
            "dark" => Theme::Dark,
            "auto" => Theme::Auto,
            _ => Theme::Light,
        }
    }

    /// The class the stylesheet keys the colours on.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Light => "theme-light",
            Theme::Dark => "theme-dark",
            Theme::Auto => "theme-auto",
        }
    }
}

/// Reads a `height`: a positive number of pixels (`400`, `400px`) or a
/// length in `em`, `rem`, `vh` or `%`. Returns the CSS length, or `None`
/// for nothing or anything else (the map then takes the height it needs).
pub fn parse_height(text: &str) -> Option<String> {
    let text = text.trim().to_ascii_lowercase();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().ok()?;
    if !(value.is_finite() && value > 0.0 && value <= 100_000.0) {
        return None;
    }
    let unit = match unit {
        "" | "px" => "px",
        "em" | "rem" | "vh" | "%" => unit,
        _ => return None,
    };
    Some(format!("{number}{unit}"))
}

/// Reads a `heading`: the level, 1 to 6, of the map's title among the host
/// page's headings. `None` for nothing or anything else.
pub fn parse_heading(text: &str) -> Option<u8> {
    let level: u8 = text.trim().parse().ok()?;
    (1..=6).contains(&level).then_some(level)
}

/// The level of the map's title: `heading` when it reads, else 1 on a
/// page of its own (a share link) and 2 in another page.
pub fn heading_level(heading: &str, share_page: bool) -> u8 {
    parse_heading(heading).unwrap_or(if share_page { 1 } else { 2 })
}

/// Notes on a `theme`, `height` or `heading` option that was set but cannot
/// be read, for the list above the map (as for lanes that match nothing).
pub fn option_notes(theme: &str, height: &str, heading: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let t = theme.trim();
    if !t.is_empty() && !["light", "dark", "auto"].contains(&t.to_ascii_lowercase().as_str()) {
        notes.push(format!(
            "theme {} is not light, dark or auto, so the light theme is shown",
            crate::format::validate::quote(t)
        ));
    }
    let h = height.trim();
    if !h.is_empty() && parse_height(h).is_none() {
        notes.push(format!(
            "height {} is not a length such as 480px, 30em or 60vh, so the map takes the height it needs",
            crate::format::validate::quote(h)
        ));
    }
    let h = heading.trim();
    if !h.is_empty() && parse_heading(h).is_none() {
        notes.push(format!(
            "heading {} is not a level from 1 to 6, so the title keeps its usual level (2, or 1 on a share link's page)",
            crate::format::validate::quote(h)
        ));
    }
    notes
}

/// Which lanes to show, from a `lanes=` list: names separated by commas,
/// each a lane's id, its kind (`emotion`, `pain_points`, also written
/// `pain-points` or `pain points`) or its title, compared without regard
/// to case. An empty list shows every lane.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LaneFilter {
    names: Vec<String>,
}

/// The lanes a [`LaneFilter`] picked, and what to tell the reader about it.
#[derive(Debug, PartialEq)]
pub struct Picked<'a> {
    /// The lanes to show, in the map's order.
    pub lanes: Vec<&'a Lane>,
    /// Names in the list that matched no lane, or that nothing matched.
    pub notes: Vec<String>,
}

/// Lower case, with `-` and spaces as `_`, for comparing names and kinds.
fn fold(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect()
}

impl LaneFilter {
    /// Reads a comma-separated list; blank entries are skipped.
    pub fn parse(text: &str) -> LaneFilter {
        LaneFilter {
            names: text
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        }
    }

    /// True when the filter shows every lane.
    pub fn is_all(&self) -> bool {
        self.names.is_empty()
    }

    fn matches(name: &str, lane: &Lane) -> bool {
        let name = fold(name);
        fold(&lane.id) == name || lane.kind.key() == name || fold(&lane.title) == name
    }

    /// The lanes of `map` this filter shows. When no name matches any lane
    /// every lane is shown, with a note, rather than an empty map.
    pub fn pick<'a>(&self, map: &'a JourneyMap) -> Picked<'a> {
        if self.is_all() {
            return Picked {
                lanes: map.lanes.iter().collect(),
                notes: Vec::new(),
            };
        }
        let lanes: Vec<&Lane> = map
            .lanes
            .iter()
            .filter(|l| self.names.iter().any(|n| Self::matches(n, l)))
            .collect();
        let unknown: Vec<&str> = self
            .names
            .iter()
            .filter(|n| !map.lanes.iter().any(|l| Self::matches(n, l)))
            .map(String::as_str)
            .collect();
        if lanes.is_empty() {
            return Picked {
                lanes: map.lanes.iter().collect(),
                notes: vec![format!(
                    "No lane matches lanes=\"{}\", so every lane is shown.",
                    self.names.join(",")
                )],
            };
        }
        let notes = unknown
            .iter()
            .map(|n| format!("No lane matches \"{n}\"."))
            .collect();
        Picked { lanes, notes }
    }
}

/// One column of the grid: a step, or the single empty column of a stage
/// without steps.
#[derive(Clone, Debug, PartialEq)]
pub struct Column<'a> {
    /// Index of the stage in the map.
    pub stage: usize,
    /// The step's id and name; `None` for an empty stage.
    pub step: Option<(&'a str, &'a str)>,
}

/// The columns of `map` in display order, as the editor lays them out.
pub fn columns(map: &JourneyMap) -> Vec<Column<'_>> {
    map.stages
        .iter()
        .enumerate()
        .flat_map(|(i, stage)| {
            if stage.steps.is_empty() {
                vec![Column {
                    stage: i,
                    step: None,
                }]
            } else {
                stage
                    .steps
                    .iter()
                    .map(|t| Column {
                        stage: i,
                        step: Some((t.id.as_str(), t.name.as_str())),
                    })
                    .collect()
            }
        })
        .collect()
}

/// An emotion lane's values by column; empty stages and steps without a
/// value give `None`.
pub fn column_values(lane: &Lane, cols: &[Column]) -> Vec<Option<f64>> {
    cols.iter()
        .map(|c| {
            c.step.and_then(|(id, _)| match lane.cells.get(id) {
                Some(crate::model::Cell::Emotion(v)) if v.is_finite() => Some(*v),
                _ => None,
            })
        })
        .collect()
}

/// What an embed is given to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input<'a> {
    /// The text of a `.journey.json` document.
    Json(&'a str),
    /// The code of a share link, the part after `#map=`.
    Link(&'a str),
}

/// The id given to a map that arrives without one.
const EMBED_ID: &str = "embedded";

/// Reads what an embed was given into a map and the notes worth showing
/// (values kept outside the scale and the like), or says why it cannot be
/// shown. A backup of several maps is refused: an embed shows one map.
pub fn read(input: Input) -> Result<(JourneyMap, Vec<String>), String> {
    match input {
        Input::Link(code) => share::decode(code)
            .map(|m| (m, Vec::new()))
            .map_err(|e| capitalize(&e.to_string())),
        Input::Json(text) => {
            let text = text.trim_start_matches('\u{feff}');
            if text.trim().is_empty() {
                return Err("The file is empty.".into());
            }
            if let Some(other) = other_format(text) {
                return Err(format!(
                    "This is {other}, not a .journey.json file. An embed shows a map \
                     from its .journey.json: open this in Journeymap and download the \
                     map as a file (Export, then Download .journey.json)."
                ));
            }
            match validate::read_document(text, Some(EMBED_ID)) {
                Ok((validate::Document::Map(map), warnings)) => {
                    Ok((map, warnings.iter().map(ToString::to_string).collect()))
                }
                Ok((validate::Document::Backup(maps), _)) => Err(format!(
                    "This is a backup of {} maps; an embed shows one map. \
                     Export the map on its own as a .journey.json file.",
                    maps.len()
                )),
                Err(problems) => Err(format!(
                    "This is not a map Journeymap can read: {}.",
                    validate::join(&problems)
                )),
            }
        }
    }
}

/// What a file an embed cannot show is, when it is one of the other
/// formats Journeymap reads and writes.
fn other_format(text: &str) -> Option<&'static str> {
    let t = text.trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        None
    } else if t.get(..8).is_some_and(|h| h.contains("PNG")) {
        Some("a PNG picture")
    } else if t.starts_with('<') {
        Some(if t.contains("<svg") {
            "an SVG picture"
        } else {
            "a web page or other markup"
        })
    } else if ["journey", "---", "%%"].iter().any(|w| t.starts_with(w)) {
        Some("a Mermaid diagram")
    } else {
        None
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The error for a `src` that answered with an HTTP error.
pub fn http_failure(status: u16, status_text: &str) -> String {
    let status_text = status_text.trim();
    let what = match status {
        404 => "The map file was not found",
        401 | 403 => "The server refused access to the map file",
        s if s >= 500 => "The server failed to send the map file",
        _ => "The map file could not be loaded",
    };
    if status_text.is_empty() {
        format!("{what} (HTTP {status}).")
    } else {
        format!("{what} (HTTP {status} {status_text}).")
    }
}

/// The error for a `src` that could not be fetched at all: the browser
/// does not tell a network failure from a cross-origin refusal.
pub fn network_failure() -> String {
    "The map file could not be fetched: the server cannot be reached, or it does not \
     allow this page to read the file (CORS: it must send Access-Control-Allow-Origin)."
        .into()
}

/// The stage headers over the columns `window` of `cols`: for each stage
/// with a column there, in order, its index and how many of those columns
/// it spans.
pub fn stage_spans(cols: &[Column], window: std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let end = window.end.min(cols.len());
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for c in &cols[window.start.min(end)..end] {
        match spans.last_mut() {
            Some((stage, n)) if *stage == c.stage => *n += 1,
            _ => spans.push((c.stage, 1)),
        }
    }
    spans
}

/// What a link into the editor does with the map it carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorAction {
    /// Shows it read-only, with a "Save a copy" button (`#map=…`).
    Open,
    /// Saves a copy in the reader's browser and opens it for editing
    /// (`#copy=…`).
    SaveCopy,
}

/// Whether `editor` is a page the embed may link to: http(s) only.
pub fn links_to_editor(editor: &str) -> bool {
    editor.starts_with("https://") || editor.starts_with("http://")
}

/// The link that opens the map of share-link `code` (see [`share::encode`])
/// in the editor at `editor` (the editor's page URL, without a fragment),
/// or `None` when the editor URL is not http(s).
pub fn editor_link(editor: &str, code: &str, action: EditorAction) -> Option<String> {
    if !links_to_editor(editor) {
        return None;
    }
    let base = editor.split('#').next().unwrap_or(editor);
    let key = match action {
        EditorAction::Open => "map",
        EditorAction::SaveCopy => "copy",
    };
    Some(format!("{base}#{key}={code}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_height_or_heading_that_cannot_be_read_gets_a_note() {
        assert!(option_notes("", "", "").is_empty());
        assert!(option_notes(" Dark ", "480px", " 3 ").is_empty());
        assert_eq!(
            option_notes("purple", "abc", "h3"),
            [
                "theme \"purple\" is not light, dark or auto, so the light theme is shown",
                "height \"abc\" is not a length such as 480px, 30em or 60vh, so the map takes the height it needs",
                "heading \"h3\" is not a level from 1 to 6, so the title keeps its usual level (2, or 1 on a share link's page)",
            ]
        );
    }

    #[test]
    fn the_title_is_a_level_2_heading_in_a_page_and_level_1_as_the_page() {
        assert_eq!(heading_level("", false), 2);
        assert_eq!(heading_level("", true), 1);
        assert_eq!(heading_level("4", false), 4);
        assert_eq!(heading_level("3", true), 3);
        for bad in ["0", "7", "h2", "2.5", "-1"] {
            assert_eq!(heading_level(bad, false), 2, "{bad}");
        }
    }
    use crate::format::json;
    use crate::model::{template, LaneKind};

    #[test]
    fn themes_are_read_leniently() {
        assert_eq!(Theme::parse("dark"), Theme::Dark);
        assert_eq!(Theme::parse(" AUTO "), Theme::Auto);
        assert_eq!(Theme::parse("light"), Theme::Light);
        assert_eq!(Theme::parse(""), Theme::Light);
        assert_eq!(Theme::parse("neon"), Theme::Light);
        assert_eq!(Theme::Dark.class(), "theme-dark");
    }

    #[test]
    fn heights_are_css_lengths_or_nothing() {
        assert_eq!(parse_height("400").as_deref(), Some("400px"));
        assert_eq!(parse_height("400px").as_deref(), Some("400px"));
        assert_eq!(parse_height("60vh").as_deref(), Some("60vh"));
        assert_eq!(parse_height("100%").as_deref(), Some("100%"));
        assert_eq!(parse_height("12.5EM").as_deref(), Some("12.5em"));
        for bad in ["", "0", "-4", "auto", "10pt", "1e9", "400px;color:red", "."] {
            assert_eq!(parse_height(bad), None, "{bad}");
        }
    }

    #[test]
    fn lanes_are_picked_by_id_kind_or_title_in_map_order() {
        let map = template::ecommerce("m");
        let titles = |f: &str| -> Vec<String> {
            LaneFilter::parse(f)
                .pick(&map)
                .lanes
                .iter()
                .map(|l| l.title.clone())
                .collect()
        };
        let all: Vec<String> = map.lanes.iter().map(|l| l.title.clone()).collect();
        assert_eq!(titles(""), all);
        assert_eq!(titles(" , "), all);
        let emotion: Vec<String> = map
            .lanes
            .iter()
            .filter(|l| l.kind == LaneKind::Emotion)
            .map(|l| l.title.clone())
            .collect();
        assert_eq!(titles("emotion"), emotion);
        assert_eq!(titles("EMOTION"), emotion);
        let first = &map.lanes[0];
        let pains = map
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::PainPoints)
            .unwrap();
        // Order follows the map, not the list.
        assert_eq!(
            titles(&format!("pain-points, {}", first.id)),
            vec![first.title.clone(), pains.title.clone()]
        );
        assert_eq!(
            titles(&first.title.to_uppercase()),
            vec![first.title.clone()]
        );
    }

    #[test]
    fn unknown_lane_names_are_noted_and_never_empty_the_map() {
        let map = template::ecommerce("m");
        let picked = LaneFilter::parse("emotion,nope").pick(&map);
        assert!(!picked.lanes.is_empty());
        assert_eq!(picked.notes, vec!["No lane matches \"nope\"."]);
        let picked = LaneFilter::parse("nope").pick(&map);
        assert_eq!(picked.lanes.len(), map.lanes.len());
        assert_eq!(
            picked.notes,
            vec!["No lane matches lanes=\"nope\", so every lane is shown."]
        );
    }

    #[test]
    fn an_empty_stage_keeps_one_column() {
        let mut map = template::ecommerce("m");
        map.stages[1].steps.clear();
        let cols = columns(&map);
        assert_eq!(cols.len(), map.step_count() + 1);
        assert!(cols.iter().any(|c| c.stage == 1 && c.step.is_none()));
        let lane = map
            .lanes
            .iter()
            .find(|l| l.kind == LaneKind::Emotion)
            .unwrap();
        let values = column_values(lane, &cols);
        assert_eq!(values.len(), cols.len());
        let empty = cols.iter().position(|c| c.step.is_none()).unwrap();
        assert_eq!(values[empty], None);
    }

    #[test]
    fn documents_and_links_are_read_and_refusals_say_why() {
        let map = template::ecommerce("m");
        let (read_back, notes) = read(Input::Json(&json::to_string(&map))).unwrap();
        assert_eq!(read_back, map);
        assert!(notes.is_empty());
        let code = share::encode(&map).unwrap();
        assert_eq!(read(Input::Link(&code)).unwrap().0, map);

        let newer = read(Input::Json(r#"{"format":"journeymap","version":2}"#)).unwrap_err();
        assert!(newer.contains("newer Journeymap"), "{newer}");
        let broken = read(Input::Json("{\"format\": ")).unwrap_err();
        assert!(broken.contains("line 1"), "{broken}");
        assert_eq!(read(Input::Json("  ")).unwrap_err(), "The file is empty.");
        // The other formats Journeymap writes are named, with the way out.
        for (text, what) in [
            (
                "journey\n  title T\n  section A\n    Go: 5\n",
                "This is a Mermaid diagram",
            ),
            (
                "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                "This is an SVG picture",
            ),
            ("\u{fffd}PNG\r\n\u{1a}\n\0\0", "This is a PNG picture"),
            ("<!doctype html><title>404</title>", "This is a web page"),
        ] {
            let e = read(Input::Json(text)).unwrap_err();
            assert!(e.starts_with(what) && e.contains(".journey.json"), "{e}");
        }
        let backup = validate::write_backup(&[map.clone(), template::ecommerce("n")]);
        assert!(read(Input::Json(&backup))
            .unwrap_err()
            .contains("backup of 2 maps"));
        let bad_link = read(Input::Link("9xyz")).unwrap_err();
        assert!(bad_link.starts_with("The link is damaged"), "{bad_link}");
    }

    #[test]
    fn a_map_without_an_id_is_still_shown() {
        let mut doc: serde_json::Value =
            serde_json::from_str(&json::to_string(&template::ecommerce("m"))).unwrap();
        doc.as_object_mut().unwrap().remove("id");
        let (map, _) = read(Input::Json(&doc.to_string())).unwrap();
        assert_eq!(map.id, EMBED_ID);
    }

    #[test]
    fn failures_name_the_status() {
        assert_eq!(
            http_failure(404, "Not Found"),
            "The map file was not found (HTTP 404 Not Found)."
        );
        assert_eq!(
            http_failure(500, ""),
            "The server failed to send the map file (HTTP 500)."
        );
        assert!(network_failure().contains("CORS"));
    }

    #[test]
    fn stage_headers_span_the_columns_drawn() {
        let map = template::ecommerce("m");
        let cols = columns(&map);
        let all = stage_spans(&cols, 0..cols.len());
        assert_eq!(
            all,
            map.stages
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.steps.len()))
                .collect::<Vec<_>>()
        );
        // A window that starts inside the first stage and ends inside the
        // third: the first and last stage headers span only their part.
        let first = map.stages[0].steps.len();
        let second = map.stages[1].steps.len();
        assert_eq!(
            stage_spans(&cols, 1..first + second + 1),
            vec![(0, first - 1), (1, second), (2, 1)]
        );
        assert_eq!(stage_spans(&cols, 40..50), vec![]);
    }

    #[test]
    fn the_editor_link_carries_the_map() {
        let map = template::ecommerce("m");
        let editor = "https://docs.example.com/jm/index.html#x";
        for (action, key) in [
            (EditorAction::Open, "#map="),
            (EditorAction::SaveCopy, "#copy="),
        ] {
            let code = share::encode(&map).unwrap();
            let link = editor_link(editor, &code, action).unwrap();
            let code = link
                .strip_prefix(&format!("https://docs.example.com/jm/index.html{key}"))
                .unwrap();
            assert_eq!(share::decode(code).unwrap(), map);
            assert_eq!(editor_link("javascript:alert(1)", code, action), None);
        }
    }
}
