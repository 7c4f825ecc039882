//! The journey map model: plain data, serde-derived, free of any browser API.
//!
//! A [`JourneyMap`] has ordered [`Stage`]s, each with ordered [`Step`]s, and
//! [`Lane`]s whose cells are keyed by step id. Edits go through [`ops`], which
//! keep the map valid (see [`JourneyMap::check`]).

pub mod diff;
pub mod find;
pub mod insights;
pub mod ops;
pub mod template;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most steps a map may have; files with more are refused.
pub const MAX_STEPS: usize = 5_000;
/// Most lanes a map may have; files with more are refused.
pub const MAX_LANES: usize = 200;

/// Identifier of a stage, step, lane or persona; unique within one map.
pub type Id = String;

/// Whether a map describes how things are or how they should become.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum MapState {
    #[default]
    Current,
    Future,
}

/// The furthest a scale's ends (and so a Mermaid score) may lie from 0:
/// beyond it the curve's arithmetic would overflow.
pub const MAX_LEVEL: f64 = 1e9;

/// The range of emotion values and the words for its whole-number levels.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    /// Labels from `min` to `max`, one per whole number; may be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
}

impl Default for Scale {
    fn default() -> Self {
        Scale {
            min: -2.0,
            max: 2.0,
            labels: ["Frustrated", "Unhappy", "Neutral", "Satisfied", "Delighted"]
                .map(String::from)
                .to_vec(),
        }
    }
}

impl Scale {
    /// The label of the whole-number level nearest to `value`, if the scale has one.
    pub fn label(&self, value: f64) -> Option<&str> {
        let idx = (value.round() - self.min.round()) as i64;
        usize::try_from(idx)
            .ok()
            .and_then(|i| self.labels.get(i))
            .map(String::as_str)
    }

    /// Clamps `value` into the scale.
    pub fn clamp(&self, value: f64) -> f64 {
        value.clamp(self.min, self.max)
    }

    /// The next level from `value` by `by` (1 or 0.1, either sign): the
    /// next multiple of `by` beyond `value`, so that 0.5 goes up to 1 and
    /// down to 0, not past them; clamped into the scale.
    pub fn nudge(&self, value: f64, by: f64) -> f64 {
        let step = by.abs();
        let mut q = value / step;
        if (q - q.round()).abs() < 1e-9 {
            q = q.round();
        }
        let n = if by > 0.0 {
            q.floor() + 1.0
        } else {
            q.ceil() - 1.0
        };
        // Tenths as tenths (0.3, not 0.30000000000000004).
        self.clamp((n * step * 10.0).round() / 10.0)
    }

    /// True when `value` lies on the scale.
    pub fn contains(&self, value: f64) -> bool {
        value >= self.min && value <= self.max
    }
}

/// A persona: who is on the journey.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Persona {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub pains: Vec<String>,
    #[serde(default)]
    pub color: String,
    /// A picture: an `https:` or `data:image/` URL. Empty shows initials.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub avatar: String,
    /// Free lines such as "34 years old", "Leeds, UK", "Nurse".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demographics: Vec<String>,
    /// The channels this persona prefers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Something this persona says, in their own words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
}

impl Persona {
    /// Up to two initials of the name, for an avatar without a picture.
    pub fn initials(&self) -> String {
        let words: Vec<&str> = self
            .name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let pick = match words.as_slice() {
            [] => return "?".into(),
            [one] => vec![*one],
            [first, .., last] if words.len() > 2 && self.name.contains(',') => vec![*first],
            [first, .., last] => vec![*first, *last],
        };
        pick.iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    }

    /// True when `url` may be shown as a persona's picture: `https:`,
    /// `http:` or an inline `data:image/` (never `javascript:` and the like).
    pub fn usable_avatar(url: &str) -> bool {
        let u = url.trim().to_ascii_lowercase();
        u.starts_with("https://") || u.starts_with("http://") || u.starts_with("data:image/")
    }
}

/// A stage: a column group such as "Awareness".
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Stage {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub color: String,
    #[serde(default)]
    pub steps: Vec<Step>,
}

/// A step the customer takes within a stage: one sub-column of the grid.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Step {
    pub id: Id,
    pub name: String,
}

/// What a lane holds, which fixes the shape of its cells.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum LaneKind {
    Text,
    Touchpoints,
    Emotion,
    PainPoints,
    Opportunities,
    Metrics,
    Quotes,
    Owners,
    /// Service blueprint: what employees do in sight of the customer.
    Frontstage,
    /// Service blueprint: what employees do out of the customer's sight.
    Backstage,
    /// Service blueprint: systems, partners and teams that enable the service.
    Support,
    /// Service blueprint: what the customer sees, holds or receives.
    Evidence,
}

impl LaneKind {
    /// Every kind, in the order the "Add lane" menu offers them.
    pub const ALL: [LaneKind; 12] = [
        LaneKind::Text,
        LaneKind::Touchpoints,
        LaneKind::Emotion,
        LaneKind::PainPoints,
        LaneKind::Opportunities,
        LaneKind::Metrics,
        LaneKind::Quotes,
        LaneKind::Owners,
        LaneKind::Evidence,
        LaneKind::Frontstage,
        LaneKind::Backstage,
        LaneKind::Support,
    ];

    /// The name used in files and menus (`pain_points`).
    pub fn key(self) -> &'static str {
        match self {
            LaneKind::Text => "text",
            LaneKind::Touchpoints => "touchpoints",
            LaneKind::Emotion => "emotion",
            LaneKind::PainPoints => "pain_points",
            LaneKind::Opportunities => "opportunities",
            LaneKind::Metrics => "metrics",
            LaneKind::Quotes => "quotes",
            LaneKind::Owners => "owners",
            LaneKind::Frontstage => "frontstage",
            LaneKind::Backstage => "backstage",
            LaneKind::Support => "support",
            LaneKind::Evidence => "evidence",
        }
    }

    /// Parses [`LaneKind::key`].
    pub fn from_key(key: &str) -> Option<LaneKind> {
        LaneKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// A human name for menus and default lane titles.
    pub fn label(self) -> &'static str {
        match self {
            LaneKind::Text => "Text",
            LaneKind::Touchpoints => "Touchpoints",
            LaneKind::Emotion => "Emotion",
            LaneKind::PainPoints => "Pain points",
            LaneKind::Opportunities => "Opportunities",
            LaneKind::Metrics => "Metrics",
            LaneKind::Quotes => "Quotes",
            LaneKind::Owners => "Owners",
            LaneKind::Frontstage => "Frontstage actions",
            LaneKind::Backstage => "Backstage actions",
            LaneKind::Support => "Support processes",
            LaneKind::Evidence => "Physical evidence",
        }
    }

    /// The empty cell of this kind, whose shape every cell of the lane shares.
    pub fn empty_cell(self) -> Cell {
        match self {
            LaneKind::Text | LaneKind::Quotes => Cell::Text(String::new()),
            LaneKind::PainPoints
            | LaneKind::Opportunities
            | LaneKind::Owners
            | LaneKind::Frontstage
            | LaneKind::Backstage
            | LaneKind::Support
            | LaneKind::Evidence => Cell::List(Vec::new()),
            LaneKind::Touchpoints => Cell::Touchpoints(Vec::new()),
            LaneKind::Metrics => Cell::Metrics(Vec::new()),
            LaneKind::Emotion => Cell::Emotion(0.0),
        }
    }
}

/// A channel through which the customer meets the business.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Web,
    MobileApp,
    Email,
    Social,
    Phone,
    Store,
    Chat,
    Ads,
    WordOfMouth,
    Other,
}

impl Channel {
    /// The preset list, in menu order.
    pub const ALL: [Channel; 10] = [
        Channel::Web,
        Channel::MobileApp,
        Channel::Email,
        Channel::Social,
        Channel::Phone,
        Channel::Store,
        Channel::Chat,
        Channel::Ads,
        Channel::WordOfMouth,
        Channel::Other,
    ];

    /// The name used in files (`word_of_mouth`).
    pub fn key(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::MobileApp => "mobile_app",
            Channel::Email => "email",
            Channel::Social => "social",
            Channel::Phone => "phone",
            Channel::Store => "store",
            Channel::Chat => "chat",
            Channel::Ads => "ads",
            Channel::WordOfMouth => "word_of_mouth",
            Channel::Other => "other",
        }
    }

    /// Parses [`Channel::key`].
    pub fn from_key(key: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.key() == key)
    }

    /// A human name.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Web => "Web",
            Channel::MobileApp => "Mobile app",
            Channel::Email => "Email",
            Channel::Social => "Social",
            Channel::Phone => "Phone",
            Channel::Store => "Store",
            Channel::Chat => "Chat",
            Channel::Ads => "Ads",
            Channel::WordOfMouth => "Word of mouth",
            Channel::Other => "Other",
        }
    }

    /// The channel's icon as an SVG path on a 16 × 16 grid, drawn with a
    /// 1.5 px stroke in the text colour (`ui::icon`, the embed): everywhere a
    /// channel is shown. Emoji would cost a new page the colour-emoji font's
    /// 15–20 ms of its first layout (docs/performance-log.md), and look
    /// different on every system.
    pub fn icon_path(self) -> &'static str {
        match self {
            Channel::Web => "M8 1.75a6.25 6.25 0 1 0 0 12.5a6.25 6.25 0 1 0 0-12.5ZM1.75 8h12.5M8 1.75c-2.6 3-2.6 9.5 0 12.5M8 1.75c2.6 3 2.6 9.5 0 12.5",
            Channel::MobileApp => "M5.25 1.75h5.5a1 1 0 0 1 1 1v10.5a1 1 0 0 1-1 1h-5.5a1 1 0 0 1-1-1V2.75a1 1 0 0 1 1-1ZM7 12h2",
            Channel::Email => "M2 3.75h12v8.5H2ZM2 4l6 4.75L14 4",
            Channel::Social => "M4 6.25a1.75 1.75 0 1 0 0 3.5a1.75 1.75 0 1 0 0-3.5ZM12 2.25a1.75 1.75 0 1 0 0 3.5a1.75 1.75 0 1 0 0-3.5ZM12 10.25a1.75 1.75 0 1 0 0 3.5a1.75 1.75 0 1 0 0-3.5ZM5.6 7.2l4.8-2.4M5.6 8.8l4.8 2.4",
            Channel::Phone => "M4.5 2h2l1 3-1.5 1.25a7.5 7.5 0 0 0 3.25 3.25L10.5 8l3 1v2a2 2 0 0 1-2 2A9.5 9.5 0 0 1 2.5 4a2 2 0 0 1 2-2Z",
            Channel::Store => "M2.75 7v6.75h10.5V7M1.75 6.5 3 2.25h10l1.25 4.25ZM6.5 13.75v-4h3v4",
            Channel::Chat => "M2.25 2.75h11.5v8H7.5l-3.25 2.5v-2.5h-2Z",
            Channel::Ads => "M2.25 6h2.5l6.5-3.5v11L4.75 10h-2.5ZM4.75 10l1 3.75h1.75",
            Channel::WordOfMouth => "M6 3.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5ZM1.75 14c0-2.25 1.9-3.75 4.25-3.75S10.25 11.75 10.25 14M11.5 4.5c1.1.9 1.1 2.6 0 3.5M13.25 3c2 1.8 2 4.7 0 6.5",
            // Three dots ("more"): one circle read as a list's bullet.
            Channel::Other => "M2.25 8a1 1 0 1 0 2 0a1 1 0 1 0-2 0ZM7 8a1 1 0 1 0 2 0a1 1 0 1 0-2 0ZM11.75 8a1 1 0 1 0 2 0a1 1 0 1 0-2 0Z",
        }
    }
}

/// One touchpoint in a step: a channel and a note.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Touchpoint {
    pub channel: Channel,
    #[serde(default)]
    pub note: String,
}

/// One measured figure for a step, such as conversion rate or NPS.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Metric {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    #[serde(default)]
    pub unit: String,
}

/// The content of one lane at one step. Its variant follows the lane's kind.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum Cell {
    /// `emotion`: a value on the map's scale.
    Emotion(f64),
    /// `text` and `quotes`.
    Text(String),
    /// `pain_points`, `opportunities`, `owners` and the blueprint lanes
    /// (`evidence`, `frontstage`, `backstage`, `support`): one entry per item.
    List(Vec<String>),
    /// `touchpoints`.
    Touchpoints(Vec<Touchpoint>),
    /// `metrics`.
    Metrics(Vec<Metric>),
}

impl Cell {
    /// True when the cell's content may be taller than the twelve lines or
    /// so that a row shows (its box then scrolls): a generous estimate from
    /// its text, at about 26 characters a line in a step's column. The
    /// views mark such cells to draw a cue (a fade) on them alone.
    pub fn may_scroll(&self) -> bool {
        let lines = |s: &str| -> usize { s.lines().map(|l| l.chars().count() / 26 + 1).sum() };
        let estimate = match self {
            Cell::Emotion(_) => 0,
            Cell::Text(s) => lines(s),
            // Items take a little more for their padding and gaps.
            Cell::List(v) => v.iter().map(|s| lines(s) + 1).sum(),
            Cell::Touchpoints(v) => v.iter().map(|t| 1 + lines(&t.note)).sum(),
            Cell::Metrics(v) => v.len() * 3,
        };
        estimate > 8
    }

    /// True when the cell holds nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Emotion(v) => !v.is_finite(),
            Cell::Text(s) => s.trim().is_empty(),
            Cell::List(v) => v.iter().all(|s| s.trim().is_empty()),
            Cell::Touchpoints(v) => v.is_empty(),
            Cell::Metrics(v) => v.is_empty(),
        }
    }

    /// The cell that text typed or pasted into a lane of `kind` makes: the
    /// text (trailing space dropped) for text lanes, one item per line for
    /// lists; `None` for lanes whose cells are not text (touchpoints,
    /// metrics, emotion).
    pub fn from_text(kind: LaneKind, text: &str) -> Option<Cell> {
        match kind.empty_cell() {
            Cell::Text(_) => Some(Cell::Text(text.trim_end().to_string())),
            Cell::List(_) => Some(Cell::List(text.lines().map(String::from).collect())),
            _ => None,
        }
    }

    /// True when the cell has the shape that lanes of `kind` hold.
    pub fn fits(&self, kind: LaneKind) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(&kind.empty_cell())
    }

    /// A one-line plain-text summary, used for tooltips and accessible names.
    pub fn summary(&self) -> String {
        match self {
            Cell::Emotion(v) => format_number(*v),
            Cell::Text(s) => s.clone(),
            Cell::List(v) => v.join("; "),
            Cell::Touchpoints(v) => v
                .iter()
                .map(|t| {
                    if t.note.is_empty() {
                        t.channel.label().to_string()
                    } else {
                        format!("{}: {}", t.channel.label(), t.note)
                    }
                })
                .collect::<Vec<_>>()
                .join("; "),
            Cell::Metrics(v) => v.iter().map(Metric::summary).collect::<Vec<_>>().join("; "),
        }
    }
}

/// A number with its unit: "2.1%", "4.2/5", but "18 min" (a space before
/// a unit that starts with a letter).
pub fn with_unit(v: f64, unit: &str) -> String {
    let space = if unit.starts_with(char::is_alphabetic) {
        " "
    } else {
        ""
    };
    format!("{}{space}{unit}", format_number(v))
}

impl Metric {
    /// "Conversion rate 2.1% (target 3%)".
    pub fn summary(&self) -> String {
        let mut s = self.name.clone();
        if let Some(v) = self.value {
            s.push(' ');
            s.push_str(&with_unit(v, &self.unit));
        }
        if let Some(t) = self.target {
            s.push_str(&format!(" (target {})", with_unit(t, &self.unit)));
        }
        s
    }
}

/// Formats a number without a trailing ".0".
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else if v.abs() >= 1e15 || v.abs() < 1e-9 {
        scientific(v)
    } else {
        // Two decimals, or two significant digits below 0.01: 0.004 is
        // "0.004", not "0".
        let places = (1.0 - v.abs().log10().floor()).max(2.0) as usize;
        let s = format!("{v:.places$}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A number as people type it: with a decimal comma, a trailing `%`, or
/// the minus sign U+2212; `None` for anything else.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s
        .trim()
        .trim_end_matches('%')
        .replace(',', ".")
        .replace('\u{2212}', "-");
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A `#rgb` or `#rrggbb` colour as `#rrggbb`, the one form a colour input
/// and SVG attributes all take; `None` for anything else (a name, junk).
pub fn hex_color(c: &str) -> Option<String> {
    let hex = c.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 => Some(format!("#{hex}")),
        3 => Some(hex.chars().fold(String::from("#"), |mut out, d| {
            out.push(d);
            out.push(d);
            out
        })),
        _ => None,
    }
}

/// The red, green and blue of a `#rgb` or `#rrggbb` colour.
pub fn hex_rgb(c: &str) -> Option<[u8; 3]> {
    let hex = hex_color(c)?;
    let n = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([n(1)?, n(3)?, n(5)?])
}

/// `v` as `2.5e20`: short for numbers too large or small to read in full.
/// (Written out here rather than with `{:e}`, whose code is bigger.)
pub fn scientific(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let exp = v.abs().log10().floor() as i32;
    let mantissa = (v / 10f64.powi(exp) * 1e6).round() / 1e6;
    format!("{mantissa}e{exp}")
}

/// A row of the map: one kind of content across all steps.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Lane {
    pub id: Id,
    pub kind: LaneKind,
    pub title: String,
    /// The persona whose feelings an emotion lane shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<Id>,
    /// Curve colour for emotion lanes; empty means the persona's colour.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub color: String,
    /// Cells keyed by step id. A missing key is an empty cell.
    #[serde(default)]
    pub cells: BTreeMap<Id, Cell>,
}

/// A whole customer journey map.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct JourneyMap {
    pub id: Id,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub state: MapState,
    #[serde(default)]
    pub scale: Scale,
    #[serde(default)]
    pub personas: Vec<Persona>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub lanes: Vec<Lane>,
    /// The id of this map's twin: the future state of a current-state map,
    /// or the current state a future-state map was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub twin: Option<Id>,
    /// Last edit, in milliseconds since the Unix epoch.
    #[serde(default)]
    pub updated: f64,
}

/// Where a step sits: its stage's index and its index within that stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepPos {
    pub stage: usize,
    pub step: usize,
}

/// What a map with no title is called wherever its title is shown.
pub const UNTITLED: &str = "Untitled journey";

/// Characters of a title that lists and messages show; a longer one ends
/// in "…" (the editor's title field shows all of it).
pub const SHOWN_TITLE_CHARS: usize = 120;

/// A map's title as shown in lists and messages: [`UNTITLED`] when it is
/// empty or only spaces, and cut to [`SHOWN_TITLE_CHARS`].
pub fn shown_title(title: &str) -> std::borrow::Cow<'_, str> {
    if title.trim().is_empty() {
        return UNTITLED.into();
    }
    match title.char_indices().nth(SHOWN_TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", title[..cut].trim_end()).into(),
        None => title.into(),
    }
}

/// The title of a copy: `title (mark)`, as "Checkout (copy)"; an untitled
/// map's copy is "Untitled journey (copy)", not " (copy)".
pub fn marked_title(title: &str, mark: &str) -> String {
    let base = if title.trim().is_empty() {
        UNTITLED
    } else {
        title
    };
    format!("{base} ({mark})")
}

impl JourneyMap {
    /// An empty map with the given id and title, one stage, one step and a
    /// few starter lanes, so the grid is never blank.
    pub fn blank(id: impl Into<Id>, title: impl Into<String>) -> Self {
        let mut map = JourneyMap {
            id: id.into(),
            title: title.into(),
            description: String::new(),
            state: MapState::Current,
            scale: Scale::default(),
            personas: vec![Persona {
                id: "p1".into(),
                name: "Customer".into(),
                color: PERSONA_COLORS[0].into(),
                ..Persona::default()
            }],
            stages: vec![Stage {
                id: "s1".into(),
                name: "Awareness".into(),
                color: STAGE_COLORS[0].into(),
                steps: vec![Step {
                    id: "t1".into(),
                    name: "First step".into(),
                }],
            }],
            lanes: Vec::new(),
            twin: None,
            updated: 0.0,
        };
        for (i, kind) in [LaneKind::Text, LaneKind::Touchpoints, LaneKind::Emotion]
            .into_iter()
            .enumerate()
        {
            let title = if kind == LaneKind::Text {
                "Doing".to_string()
            } else if kind == LaneKind::Emotion {
                "Feeling".to_string()
            } else {
                kind.label().to_string()
            };
            map.lanes.push(Lane {
                id: format!("l{}", i + 1),
                kind,
                title,
                persona: (kind == LaneKind::Emotion).then(|| "p1".to_string()),
                color: String::new(),
                cells: BTreeMap::new(),
            });
        }
        map
    }

    /// All steps in display order.
    pub fn steps(&self) -> impl Iterator<Item = &Step> {
        self.stages.iter().flat_map(|s| s.steps.iter())
    }

    /// Number of steps across all stages.
    pub fn step_count(&self) -> usize {
        self.stages.iter().map(|s| s.steps.len()).sum()
    }

    /// Where the step with `id` is.
    pub fn find_step(&self, id: &str) -> Option<StepPos> {
        self.stages.iter().enumerate().find_map(|(si, s)| {
            s.steps.iter().position(|t| t.id == id).map(|ti| StepPos {
                stage: si,
                step: ti,
            })
        })
    }

    /// The step with `id`.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.find_step(id)
            .map(|p| &self.stages[p.stage].steps[p.step])
    }

    /// Index of the stage with `id`.
    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// Index of the lane with `id`.
    pub fn lane_index(&self, id: &str) -> Option<usize> {
        self.lanes.iter().position(|l| l.id == id)
    }

    /// The lane with `id`.
    pub fn lane(&self, id: &str) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }

    /// The persona with `id`.
    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }

    /// The colour of an emotion lane's curve: its own, else its persona's,
    /// else one picked from its position.
    pub fn lane_color(&self, lane: &Lane) -> String {
        if !lane.color.is_empty() {
            return lane.color.clone();
        }
        if let Some(p) = lane.persona.as_deref().and_then(|p| self.persona(p)) {
            if !p.color.is_empty() {
                return p.color.clone();
            }
        }
        let idx = self
            .lanes
            .iter()
            .filter(|l| l.kind == LaneKind::Emotion)
            .position(|l| l.id == lane.id)
            .unwrap_or(0);
        PERSONA_COLORS[idx % PERSONA_COLORS.len()].to_string()
    }

    /// The values of an emotion lane, one per step in display order;
    /// `None` where the step has no value.
    pub fn emotion_values(&self, lane: &Lane) -> Vec<Option<f64>> {
        self.steps()
            .map(|s| match lane.cells.get(&s.id) {
                Some(Cell::Emotion(v)) if v.is_finite() => Some(*v),
                _ => None,
            })
            .collect()
    }

    /// A fresh id with `prefix` that no stage, step, lane or persona uses.
    ///
    /// A map linked to a twin shares its ids with it (that is how Compare
    /// pairs steps), so the ids it makes from then on carry a tag of its own
    /// (`t4-k2x9`): a step added on one side can never take the id of a step
    /// the other side has, or had, and be taken for it.
    pub fn new_id(&self, prefix: &str) -> Id {
        let taken = self.all_ids();
        let tag = self.twin.as_ref().map(|_| id_tag(&self.id));
        (1..)
            .map(|n| match &tag {
                Some(tag) => format!("{prefix}{n}-{tag}"),
                None => format!("{prefix}{n}"),
            })
            .find(|id| !taken.contains(id))
            .expect("ids are unbounded")
    }

    fn all_ids(&self) -> std::collections::HashSet<Id> {
        self.stages
            .iter()
            .map(|s| s.id.clone())
            .chain(self.steps().map(|s| s.id.clone()))
            .chain(self.lanes.iter().map(|l| l.id.clone()))
            .chain(self.personas.iter().map(|p| p.id.clone()))
            .collect()
    }

    /// Checks the invariants every edit keeps: unique ids, cells that point
    /// at existing steps and have their lane's shape, personas that exist.
    /// Returns one message per problem, each naming where it is.
    pub fn check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut note = |id: &str, at: String, problems: &mut Vec<String>| {
            if id.is_empty() {
                problems.push(format!("{at}.id: empty id"));
            } else if !seen.insert(id.to_string()) {
                problems.push(format!("{at}.id: duplicate id \"{id}\""));
            }
        };
        for (si, s) in self.stages.iter().enumerate() {
            note(&s.id, format!("stages[{si}]"), &mut problems);
            for (ti, t) in s.steps.iter().enumerate() {
                note(&t.id, format!("stages[{si}].steps[{ti}]"), &mut problems);
            }
        }
        for (li, l) in self.lanes.iter().enumerate() {
            note(&l.id, format!("lanes[{li}]"), &mut problems);
        }
        for (pi, p) in self.personas.iter().enumerate() {
            note(&p.id, format!("personas[{pi}]"), &mut problems);
        }
        // One set of step ids, so a large map is checked in linear time.
        let steps: std::collections::HashSet<&str> = self.steps().map(|t| t.id.as_str()).collect();
        for (li, l) in self.lanes.iter().enumerate() {
            for (step, cell) in &l.cells {
                if !steps.contains(step.as_str()) {
                    problems.push(format!("lanes[{li}].cells: step \"{step}\" does not exist"));
                }
                if !cell.fits(l.kind) {
                    problems.push(format!(
                        "lanes[{li}].cells.{step}: not a {} cell",
                        l.kind.key()
                    ));
                }
            }
            if let Some(p) = &l.persona {
                if self.persona(p).is_none() {
                    problems.push(format!(
                        "lanes[{li}].persona: persona \"{p}\" does not exist"
                    ));
                }
            }
        }
        if !(self.scale.min.is_finite() && self.scale.max.is_finite())
            || self.scale.min >= self.scale.max
        {
            problems.push("scale: min must be below max".to_string());
        }
        problems
    }
}

/// Stage colours: soft tints that keep dark text at WCAG AA contrast.
pub const STAGE_COLORS: [&str; 8] = [
    "#fde68a", "#bfdbfe", "#c7d2fe", "#bbf7d0", "#fbcfe8", "#fed7aa", "#a5f3fc", "#e9d5ff",
];

/// Curve colours for personas, distinguishable and readable on white.
pub const PERSONA_COLORS: [&str; 6] = [
    "#0f766e", "#7c3aed", "#c2410c", "#1d4ed8", "#be185d", "#4d7c0f",
];

/// Up to four letters and digits that stand for map id `id` (FNV-1a, in
/// base 36): the tag of the ids a twinned map makes (see
/// [`JourneyMap::new_id`]).
fn id_tag(id: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    base36(u64::from(h) % 1_679_616) // 36^4
}

/// `n` in base 36 (digits, then lower-case letters), as ids are written.
pub fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_may_scroll_once_its_text_passes_about_eight_lines() {
        assert!(
            !Cell::Text("Checks two marketplaces and a price comparison site".into()).may_scroll()
        );
        assert!(Cell::Text("A long note. ".repeat(40)).may_scroll());
        // Short lines count too.
        assert!(Cell::Text("a\n".repeat(9)).may_scroll());
        assert!(!Cell::List(vec!["One".into(), "Two".into()]).may_scroll());
        assert!(Cell::List(vec!["An item".into(); 5]).may_scroll());
        assert!(!Cell::Emotion(2.0).may_scroll());
        let tp = Touchpoint {
            channel: Channel::Web,
            note: "Search result page".into(),
        };
        assert!(!Cell::Touchpoints(vec![tp.clone(); 3]).may_scroll());
        assert!(Cell::Touchpoints(vec![tp; 6]).may_scroll());
        assert!(Cell::Metrics(vec![Metric::default(); 3]).may_scroll());
    }

    #[test]
    fn colours_read_in_either_hex_form_and_nothing_else() {
        assert_eq!(hex_color("#0F766e").as_deref(), Some("#0F766e"));
        assert_eq!(hex_color(" #abc ").as_deref(), Some("#aabbcc"));
        assert_eq!(hex_color(""), None);
        assert_eq!(hex_color("teal"), None);
        assert_eq!(hex_color("#abcd"), None);
        assert_eq!(hex_color("#ggg"), None);
    }

    #[test]
    fn every_channel_has_an_icon_of_its_own_on_the_16_px_grid() {
        let mut seen = std::collections::HashSet::new();
        for c in Channel::ALL {
            let d = c.icon_path();
            assert!(d.starts_with('M'), "{c:?}: {d}");
            assert!(
                d.chars()
                    .all(|ch| "MmLlHhVvCcSsAaZz0123456789.- ".contains(ch)),
                "{c:?}: {d}"
            );
            // Every number stays on the 16 × 16 grid (SVG's compact form:
            // "1.1.9" is 1.1 then .9, "2-3" is 2 then -3).
            let mut numbers = Vec::new();
            let mut current = String::new();
            for ch in d.chars() {
                let starts_new = match ch {
                    '-' => true,
                    '.' => current.contains('.'),
                    '0'..='9' => false,
                    _ => {
                        numbers.push(std::mem::take(&mut current));
                        continue;
                    }
                };
                if starts_new {
                    numbers.push(std::mem::take(&mut current));
                }
                current.push(ch);
            }
            numbers.push(current);
            for n in numbers.iter().filter(|n| !n.is_empty()) {
                let v: f64 = n.parse().unwrap_or_else(|_| panic!("{c:?}: {n} in {d}"));
                assert!((-16.0..=16.0).contains(&v), "{c:?}: {v}");
            }
            assert!(seen.insert(d), "{c:?} shares its icon");
        }
    }

    #[test]
    fn a_map_without_a_title_is_shown_as_untitled() {
        assert_eq!(shown_title(""), "Untitled journey");
        assert_eq!(shown_title("  \t "), "Untitled journey");
        assert_eq!(shown_title("Checkout"), "Checkout");
        assert_eq!(shown_title(" Checkout "), " Checkout ");
        // A long title is cut in messages, at a character, not a byte.
        let long = "é".repeat(30_000);
        let shown = shown_title(&long);
        assert_eq!(shown.chars().count(), SHOWN_TITLE_CHARS + 1);
        assert!(shown.ends_with("é…"));
        let exact = "x".repeat(SHOWN_TITLE_CHARS);
        assert_eq!(shown_title(&exact), exact.as_str());
    }

    #[test]
    fn blank_map_is_valid_and_round_trips_through_json() {
        let map = JourneyMap::blank("m1", "My map");
        assert!(map.check().is_empty(), "{:?}", map.check());
        let json = serde_json::to_string(&map).unwrap();
        let back: JourneyMap = serde_json::from_str(&json).unwrap();
        assert_eq!(back, map);
    }

    #[test]
    fn cells_keep_their_shape_through_json() {
        let cells = vec![
            Cell::Emotion(1.5),
            Cell::Text("Reads reviews".into()),
            Cell::List(vec!["Slow page".into()]),
            Cell::Touchpoints(vec![Touchpoint {
                channel: Channel::Email,
                note: "Receipt".into(),
            }]),
            Cell::Metrics(vec![Metric {
                name: "NPS".into(),
                value: Some(42.0),
                target: Some(50.0),
                unit: String::new(),
            }]),
        ];
        for cell in cells {
            let json = serde_json::to_string(&cell).unwrap();
            let back: Cell = serde_json::from_str(&json).unwrap();
            assert_eq!(back, cell, "{json}");
        }
    }

    #[test]
    fn check_reports_duplicates_and_dangling_cells_with_their_place() {
        let mut map = JourneyMap::blank("m", "t");
        map.stages[0].steps.push(Step {
            id: "t1".into(),
            name: "again".into(),
        });
        map.lanes[0]
            .cells
            .insert("t9".into(), Cell::Text("x".into()));
        map.lanes[0].cells.insert("t1".into(), Cell::Emotion(1.0));
        let problems = map.check();
        assert!(problems.contains(&"stages[0].steps[1].id: duplicate id \"t1\"".to_string()));
        assert!(problems.contains(&"lanes[0].cells: step \"t9\" does not exist".to_string()));
        assert!(problems.contains(&"lanes[0].cells.t1: not a text cell".to_string()));
    }

    #[test]
    fn scale_labels_follow_whole_numbers() {
        let s = Scale::default();
        assert_eq!(s.label(-2.0), Some("Frustrated"));
        assert_eq!(s.label(0.4), Some("Neutral"));
        assert_eq!(s.label(2.0), Some("Delighted"));
        assert_eq!(s.label(3.0), None);
    }

    #[test]
    fn emotion_values_leave_gaps_for_missing_steps() {
        let mut map = JourneyMap::blank("m", "t");
        map.stages[0].steps.push(Step {
            id: "t2".into(),
            name: "b".into(),
        });
        let lane = map
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::Emotion)
            .unwrap();
        map.lanes[lane]
            .cells
            .insert("t2".into(), Cell::Emotion(-1.0));
        assert_eq!(map.emotion_values(&map.lanes[lane]), vec![None, Some(-1.0)]);
    }

    #[test]
    fn arrow_keys_step_to_the_next_level_not_past_it() {
        let s = Scale::default();
        // From whole levels, one level.
        assert_eq!(s.nudge(0.0, 1.0), 1.0);
        assert_eq!(s.nudge(1.0, -1.0), 0.0);
        // From between levels, to the next one in that direction.
        assert_eq!(s.nudge(0.5, 1.0), 1.0);
        assert_eq!(s.nudge(0.5, -1.0), 0.0);
        assert_eq!(s.nudge(0.2, -1.0), 0.0);
        assert_eq!(s.nudge(-0.8, -1.0), -1.0);
        assert_eq!(s.nudge(-0.8, 1.0), 0.0);
        // Tenths (Shift) as tenths.
        assert_eq!(s.nudge(0.2, 0.1), 0.3);
        assert_eq!(s.nudge(0.3, -0.1), 0.2);
        assert_eq!(s.nudge(0.25, 0.1), 0.3);
        assert_eq!(s.nudge(-0.05, -0.1), -0.1);
        // Never off the scale.
        assert_eq!(s.nudge(2.0, 1.0), 2.0);
        assert_eq!(s.nudge(-1.5, -1.0), -2.0);
    }

    #[test]
    fn text_makes_the_cell_of_its_lane() {
        assert_eq!(
            Cell::from_text(LaneKind::Text, "Reads the mail\n"),
            Some(Cell::Text("Reads the mail".into()))
        );
        assert_eq!(
            Cell::from_text(LaneKind::PainPoints, "Slow\nConfusing"),
            Some(Cell::List(vec!["Slow".into(), "Confusing".into()]))
        );
        for kind in LaneKind::ALL {
            match Cell::from_text(kind, "x") {
                Some(cell) => assert!(cell.fits(kind), "{kind:?}"),
                None => assert!(matches!(
                    kind,
                    LaneKind::Touchpoints | LaneKind::Metrics | LaneKind::Emotion
                )),
            }
        }
    }

    #[test]
    fn copies_of_untitled_maps_say_untitled() {
        assert_eq!(marked_title("Checkout", "copy"), "Checkout (copy)");
        assert_eq!(marked_title("", "imported"), "Untitled journey (imported)");
        assert_eq!(marked_title("  ", "copy"), "Untitled journey (copy)");
    }

    #[test]
    fn units_follow_numbers_as_they_are_written() {
        assert_eq!(with_unit(2.1, "%"), "2.1%");
        assert_eq!(with_unit(4.2, "/5"), "4.2/5");
        assert_eq!(with_unit(18.0, "min"), "18 min");
        assert_eq!(with_unit(3.0, "días"), "3 días");
        assert_eq!(with_unit(7.0, ""), "7");
    }

    #[test]
    fn numbers_read_as_people_type_them() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number(" 1,5 "), Some(1.5));
        assert_eq!(parse_number("40%"), Some(40.0));
        assert_eq!(parse_number("-2"), Some(-2.0));
        assert_eq!(parse_number("\u{2212}2"), Some(-2.0));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
    }

    #[test]
    fn numbers_print_without_noise() {
        assert_eq!(format_number(2.0), "2");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(-0.333), "-0.33");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(1234.5678), "1234.57");
        // Small values keep two significant digits, not "0" (or "-0").
        assert_eq!(format_number(0.004), "0.004");
        assert_eq!(format_number(0.001), "0.001");
        assert_eq!(format_number(-0.004), "-0.004");
        assert_eq!(format_number(0.012_345), "0.012");
        assert_eq!(format_number(0.099_99), "0.1");
        assert_eq!(format_number(-1e-7), "-0.0000001");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(2.5e-12), scientific(2.5e-12));
    }
}
