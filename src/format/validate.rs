//! Reading documents that come from outside — files, pastes, share links,
//! backups — so that every refusal says where and what.
//!
//! Text is parsed into a [`serde_json::Value`] first (invalid JSON is
//! reported as `line L, column C: …`, and so is a key written twice in one
//! object), then walked field by field, so each
//! problem names its path: `stages[2].steps[0].id: duplicate id "t3"`,
//! `lanes[1].cells: step "t9" does not exist`,
//! `lanes[0].cells.t1: expected a number on the scale, found a string`.
//! Values outside the scale are kept and reported as warnings. Nothing here
//! panics on any input.

use super::json::{FORMAT, VERSION};
use crate::model::{
    Cell, Channel, JourneyMap, Lane, LaneKind, MapState, Metric, Persona, Scale, Stage, Step,
    Touchpoint,
};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// The value of `format` in a backup of several maps.
pub const BACKUP_FORMAT: &str = "journeymap-backup";
/// The newest backup version this build reads and the one it writes.
pub const BACKUP_VERSION: u32 = 1;
/// The largest document read, in bytes of UTF-8.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most steps one map may have, across all its stages.
pub const MAX_STEPS: usize = crate::model::MAX_STEPS;
/// The most lanes one map may have.
pub const MAX_LANES: usize = crate::model::MAX_LANES;
/// The longest string (text, name or id), in characters.
pub const MAX_CHARS: usize = 20_000;
/// The longest map id, in characters.
pub const MAX_MAP_ID: usize = 200;
/// How many problems (or warnings) are listed before the rest are counted.
pub const MAX_LISTED: usize = 50;

/// A problem or a warning, and where it is: a path such as
/// `lanes[1].cells.t3`, or `line 4, column 3` for invalid JSON. `at` is
/// empty when the message is about the whole document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub at: String,
    pub message: String,
}

/// Why a document was refused.
pub type Problem = Located;
/// Something kept but worth telling the user, such as a value outside the
/// scale or an unknown field that was ignored.
pub type Warning = Located;

impl Located {
    pub fn new(at: impl Into<String>, message: impl Into<String>) -> Self {
        Located {
            at: at.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

impl std::error::Error for Located {}

/// Joins messages into one line, separated by "; ".
pub fn join(list: &[Located]) -> String {
    list.iter()
        .map(Located::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a document holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// One map (`"format": "journeymap"`).
    Map(JourneyMap),
    /// A backup of several maps (`"format": "journeymap-backup"`).
    Backup(Vec<JourneyMap>),
}

/// The result of reading: the value and its warnings, or every problem.
pub type Outcome<T> = Result<(T, Vec<Warning>), Vec<Problem>>;

/// Reads a `.journey.json` document. A map without an `id` (or with one
/// that cannot be used) gets `new_id`, when given; without it, the id is
/// required.
pub fn read_map(text: &str, new_id: Option<&str>) -> Outcome<JourneyMap> {
    let value = parse(text)?;
    map_from_value(&value, new_id)
}

/// Reads a backup of several maps (`"format": "journeymap-backup"`).
pub fn read_backup(text: &str) -> Outcome<Vec<JourneyMap>> {
    let value = parse(text)?;
    backup_from_value(&value)
}

/// Reads either a single map or a backup, telling them apart by `format`.
pub fn read_document(text: &str, new_id: Option<&str>) -> Outcome<Document> {
    let value = parse(text)?;
    if value.get("format").and_then(Value::as_str) == Some(BACKUP_FORMAT) {
        backup_from_value(&value).map(|(maps, w)| (Document::Backup(maps), w))
    } else {
        map_from_value(&value, new_id).map(|(map, w)| (Document::Map(map), w))
    }
}

/// Reads the bytes of a file: UTF-8 (a leading byte-order mark is
/// skipped), then as [`read_document`].
pub fn read_bytes(bytes: &[u8], new_id: Option<&str>) -> Outcome<Document> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![too_big(bytes.len())]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => read_document(text, new_id),
        Err(e) => Err(vec![Located::new(
            "",
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )]),
    }
}

fn too_big(len: usize) -> Problem {
    Located::new(
        "",
        format!(
            "the document is {} MB; the limit is {} MB",
            mb(len),
            MAX_BYTES / (1024 * 1024)
        ),
    )
}

fn mb(len: usize) -> String {
    let v = len as f64 / (1024.0 * 1024.0);
    format!("{:.1}", (v * 10.0).floor() / 10.0)
}

/// Parses text into a JSON value, with size and emptiness checks and
/// line-and-column messages.
pub fn parse(text: &str) -> Result<Value, Vec<Problem>> {
    if text.len() > MAX_BYTES {
        return Err(vec![too_big(text.len())]);
    }
    if text.is_empty() {
        return Err(vec![Located::new("", "the document is empty (0 bytes)")]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![Located::new(
            "",
            "the document is empty (only whitespace)",
        )]);
    }
    serde_json::from_str::<Strict>(text)
        .map(|s| s.0)
        .map_err(|e| vec![json_error(&e, text)])
}

/// A JSON value whose objects name each key once: a key written twice is
/// refused where it stands, rather than the first value being dropped
/// without a word (as `serde_json::Value` does).
struct Strict(Value);

impl<'de> serde::Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut list = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            list.push(v);
        }
        Ok(Value::Array(list))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut obj = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if obj.contains_key(&key) {
                return Err(serde::de::Error::custom(format_args!(
                    "the key {} appears twice in one object",
                    quote(&key)
                )));
            }
            let Strict(v) = map.next_value()?;
            obj.insert(key, v);
        }
        Ok(Value::Object(obj))
    }
}

fn json_error(e: &serde_json::Error, text: &str) -> Problem {
    let full = e.to_string();
    let msg = full.split(" at line ").next().unwrap_or(&full);
    let msg = if msg.contains("recursion limit exceeded") {
        "nested too deeply (more than 127 levels of lists and objects)".to_string()
    } else if msg.starts_with("EOF while parsing") {
        format!("the document ends too early ({msg})")
    } else if msg.contains("number out of range") {
        "a number too large to hold".to_string()
    } else {
        msg.to_string()
    };
    match (e.line(), e.column()) {
        (0, _) => Located::new("", msg),
        // serde_json's column 0 is just after a line break: the place is
        // the last character of the line before, as it would be without
        // the break (columns count from 1).
        (line, 0) if line > 1 => {
            let before = text.split('\n').nth(line - 2).unwrap_or_default();
            let column = before.trim_end_matches('\r').chars().count().max(1);
            Located::new(format!("line {}, column {column}", line - 1), msg)
        }
        (line, column) => Located::new(format!("line {line}, column {}", column.max(1)), msg),
    }
}

/// Reads one map from a parsed document.
pub fn map_from_value(value: &Value, new_id: Option<&str>) -> Outcome<JourneyMap> {
    let mut w = Walk::default();
    let map = w.document(value, "", new_id, false);
    w.finish(map)
}

/// Reads a backup from a parsed document.
pub fn backup_from_value(value: &Value) -> Outcome<Vec<JourneyMap>> {
    let mut w = Walk::default();
    let maps = w.backup(value);
    w.finish(maps)
}

/// Writes every map as one backup document, readable by [`read_backup`].
pub fn write_backup(maps: &[JourneyMap]) -> String {
    write_backup_with(maps, None)
}

/// Writes a backup with the maps' saved versions as its `history`.
pub fn write_backup_with(maps: &[JourneyMap], history: Option<Value>) -> String {
    let docs: Vec<Value> = maps
        .iter()
        .map(|m| serde_json::from_str(&super::json::to_string(m)).unwrap_or(Value::Null))
        .collect();
    let mut doc = serde_json::json!({
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "maps": docs,
    });
    if let Some(h) = history {
        doc["history"] = h;
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Helpers for paths and messages.

fn field(base: &str, name: &str) -> String {
    if base.is_empty() {
        name.to_string()
    } else {
        format!("{base}.{name}")
    }
}

fn index(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}

/// `base.key` for plain keys, `base["odd key"]` for others.
fn key(base: &str, k: &str) -> String {
    let plain = !k.is_empty()
        && k.len() <= 64
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        field(base, k)
    } else {
        format!("{base}[{}]", quote(k))
    }
}

/// A string in double quotes, escaped as JSON and shortened when long.
pub(crate) fn quote(s: &str) -> String {
    const MAX: usize = 60;
    let short: String = s.chars().take(MAX).collect();
    let mut q = serde_json::to_string(&short).unwrap_or_else(|_| "\"?\"".into());
    if s.chars().nth(MAX).is_some() {
        q.insert(q.len() - 1, '…');
    }
    q
}

fn what(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(_) => "a number".into(),
        Value::String(s) if s.chars().count() <= 20 => format!("a string ({})", quote(s)),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

pub(crate) fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else if v.abs() >= 1e15 || (v != 0.0 && v.abs() < 1e-6) {
        // 1e308 in a message, not 309 digits.
        crate::model::scientific(v)
    } else {
        format!("{v}")
    }
}

pub(crate) fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn kinds_list() -> String {
    LaneKind::ALL
        .iter()
        .map(|k| k.key())
        .collect::<Vec<_>>()
        .join(", ")
}

fn channels_list() -> String {
    Channel::ALL
        .iter()
        .map(|c| c.key())
        .collect::<Vec<_>>()
        .join(", ")
}

/// True for ids a map can be stored and routed under.
pub fn usable_map_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= MAX_MAP_ID
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

// ---------------------------------------------------------------------------
// The walk.

#[derive(Default)]
struct Walk {
    problems: Vec<Problem>,
    warnings: Vec<Warning>,
}

type Obj = Map<String, Value>;

/// The fields of a map document.
pub const MAP_FIELDS: [&str; 12] = [
    "format",
    "version",
    "id",
    "title",
    "description",
    "state",
    "scale",
    "personas",
    "stages",
    "lanes",
    "twin",
    "updated",
];

/// The fields of each object in a document, as read; anything else is
/// ignored with a warning. `docs/journey.schema.json` lists the same.
pub const SCALE_FIELDS: [&str; 3] = ["min", "max", "labels"];
pub const PERSONA_FIELDS: [&str; 10] = [
    "id",
    "name",
    "role",
    "goals",
    "pains",
    "color",
    "avatar",
    "demographics",
    "channels",
    "quote",
];
pub const STAGE_FIELDS: [&str; 4] = ["id", "name", "color", "steps"];
pub const STEP_FIELDS: [&str; 2] = ["id", "name"];
pub const LANE_FIELDS: [&str; 6] = ["id", "kind", "title", "persona", "color", "cells"];
pub const TOUCHPOINT_FIELDS: [&str; 2] = ["channel", "note"];
pub const METRIC_FIELDS: [&str; 4] = ["name", "value", "target", "unit"];

impl Walk {
    fn err(&mut self, at: impl Into<String>, msg: impl Into<String>) {
        self.problems.push(Located::new(at, msg));
    }

    fn warn(&mut self, at: impl Into<String>, msg: impl Into<String>) {
        self.warnings.push(Located::new(at, msg));
    }

    fn finish<T>(self, value: Option<T>) -> Outcome<T> {
        fn cap(mut list: Vec<Located>, noun: &str) -> Vec<Located> {
            if list.len() > MAX_LISTED {
                let more = list.len() - MAX_LISTED;
                list.truncate(MAX_LISTED);
                list.push(Located::new(
                    "",
                    format!("and {} more {noun}", thousands(more)),
                ));
            }
            list
        }
        match value {
            Some(v) if self.problems.is_empty() => Ok((v, cap(self.warnings, "warnings"))),
            _ => {
                let mut problems = self.problems;
                if problems.is_empty() {
                    problems.push(Located::new("", "the document could not be read"));
                }
                Err(cap(problems, "problems"))
            }
        }
    }

    fn object<'v>(&mut self, v: &'v Value, at: &str, expected: &str) -> Option<&'v Obj> {
        match v {
            Value::Object(o) => Some(o),
            other => {
                self.err(at, format!("expected {expected}, found {}", what(other)));
                None
            }
        }
    }

    fn unknown(&mut self, o: &Obj, at: &str, known: &[&str]) {
        for k in o.keys() {
            if !known.contains(&k.as_str()) && k != "$schema" {
                self.warn(key(at, k), "unknown field, ignored");
            }
        }
    }

    /// Checks a string's length.
    fn text(&mut self, s: &str, at: &str) -> String {
        // Counting stops early so a huge string costs no more than the limit.
        if s.len() > MAX_CHARS && s.chars().nth(MAX_CHARS).is_some() {
            self.err(
                at,
                format!(
                    "text of {} characters; the limit is {}",
                    thousands(s.chars().count()),
                    thousands(MAX_CHARS)
                ),
            );
        }
        s.to_string()
    }

    fn string(&mut self, v: &Value, at: &str) -> Option<String> {
        match v {
            Value::String(s) => Some(self.text(s, at)),
            other => {
                self.err(at, format!("expected a string, found {}", what(other)));
                None
            }
        }
    }

    fn req_string(&mut self, o: &Obj, base: &str, name: &str) -> Option<String> {
        let at = field(base, name);
        match o.get(name) {
            None => {
                self.err(at, "missing (expected a string)");
                None
            }
            Some(v) => self.string(v, &at),
        }
    }

    /// An optional string; absent or null gives "".
    fn opt_string(&mut self, o: &Obj, base: &str, name: &str) -> String {
        match o.get(name) {
            None | Some(Value::Null) => String::new(),
            Some(v) => self.string(v, &field(base, name)).unwrap_or_default(),
        }
    }

    fn string_list(&mut self, v: &Value, at: &str) -> Vec<String> {
        match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.string(item, &index(at, i)))
                .collect(),
            other => {
                self.err(
                    at,
                    format!("expected a list of strings, found {}", what(other)),
                );
                Vec::new()
            }
        }
    }

    fn opt_string_list(&mut self, o: &Obj, base: &str, name: &str) -> Vec<String> {
        match o.get(name) {
            None | Some(Value::Null) => Vec::new(),
            Some(v) => self.string_list(v, &field(base, name)),
        }
    }

    fn number(&mut self, v: &Value, at: &str, expected: &str) -> Option<f64> {
        match v {
            Value::Number(n) => match n.as_f64() {
                Some(x) if x.is_finite() => Some(x),
                _ => {
                    self.err(at, format!("{expected}, found a number too large to hold"));
                    None
                }
            },
            other => {
                self.err(at, format!("{expected}, found {}", what(other)));
                None
            }
        }
    }

    fn opt_number(&mut self, o: &Obj, base: &str, name: &str) -> Option<f64> {
        match o.get(name) {
            None | Some(Value::Null) => None,
            Some(v) => self.number(v, &field(base, name), "expected a number"),
        }
    }

    /// An element id: a non-empty string.
    fn id(&mut self, o: &Obj, base: &str) -> Option<String> {
        let id = self.req_string(o, base, "id")?;
        if id.is_empty() {
            self.err(field(base, "id"), "empty id");
            return None;
        }
        Some(id)
    }

    fn list<'v>(&mut self, o: &'v Obj, base: &str, name: &str) -> &'v [Value] {
        match o.get(name) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.err(
                    field(base, name),
                    format!("expected a list, found {}", what(other)),
                );
                &[]
            }
        }
    }

    /// Checks `format` and `version`; returns false when the rest should
    /// not be read. Inside a backup both may be left out.
    fn head(&mut self, o: &Obj, base: &str, expected: &str, newest: u32, optional: bool) -> bool {
        let at = field(base, "format");
        match o.get("format") {
            None if optional => {}
            None => {
                self.err(
                    at,
                    format!("missing; a Journeymap document has \"format\": \"{expected}\""),
                );
                return false;
            }
            Some(Value::String(f)) if f == expected => {}
            Some(Value::String(f)) if f == BACKUP_FORMAT => {
                self.err(
                    at,
                    format!(
                        "expected \"{expected}\", found \"{BACKUP_FORMAT}\": this is a backup of \
                         several maps; use Restore backup"
                    ),
                );
                return false;
            }
            Some(other) => {
                let found = match other {
                    Value::String(s) => quote(s),
                    v => what(v),
                };
                self.err(at, format!("expected \"{expected}\", found {found}"));
                return false;
            }
        }
        let at = field(base, "version");
        match o.get("version") {
            None if optional => true,
            None => {
                self.err(at, format!("missing (expected {newest})"));
                false
            }
            Some(Value::Number(n)) => match n.as_f64() {
                Some(v) if v.fract() == 0.0 && v >= 1.0 && v <= newest as f64 => true,
                Some(v) if v.fract() == 0.0 && v > newest as f64 => {
                    self.err(
                        at,
                        format!(
                            "{} was made by a newer Journeymap (this one reads up to {newest})",
                            num(v)
                        ),
                    );
                    false
                }
                Some(v) if v.fract() == 0.0 => {
                    self.err(
                        at,
                        format!("{} is not a Journeymap version (expected {newest})", num(v)),
                    );
                    false
                }
                _ => {
                    self.err(at, "expected a whole number such as 1, found a fraction");
                    false
                }
            },
            Some(other) => {
                self.err(
                    at,
                    format!("expected a whole number such as 1, found {}", what(other)),
                );
                false
            }
        }
    }

    fn backup(&mut self, v: &Value) -> Option<Vec<JourneyMap>> {
        let o = self.object(v, "", "a Journeymap backup (a JSON object)")?;
        if !self.head(o, "", BACKUP_FORMAT, BACKUP_VERSION, false) {
            return None;
        }
        // `history` holds saved versions, read by `storage::versions`.
        self.unknown(o, "", &["format", "version", "maps", "history"]);
        let maps = match o.get("maps") {
            Some(Value::Array(maps)) => maps,
            None => {
                self.err("maps", "missing (expected a list of maps)");
                return None;
            }
            Some(other) => {
                self.err(
                    "maps",
                    format!("expected a list of maps, found {}", what(other)),
                );
                return None;
            }
        };
        let mut out = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, m) in maps.iter().enumerate() {
            let at = index("maps", i);
            if let Some(map) = self.document(m, &at, None, true) {
                if let Some(first) = seen.get(&map.id) {
                    self.err(
                        field(&at, "id"),
                        format!(
                            "duplicate map id {} (maps[{first}] has it too)",
                            quote(&map.id)
                        ),
                    );
                } else {
                    seen.insert(map.id.clone(), i);
                }
                out.push(map);
            }
        }
        Some(out)
    }

    /// Reads one map document at `base` ("" or "maps[3]").
    fn document(
        &mut self,
        v: &Value,
        base: &str,
        new_id: Option<&str>,
        in_backup: bool,
    ) -> Option<JourneyMap> {
        let expected = if base.is_empty() {
            "a Journeymap document (a JSON object)"
        } else {
            "a map (a JSON object)"
        };
        let o = self.object(v, base, expected)?;
        if !self.head(o, base, FORMAT, VERSION, in_backup) {
            return None;
        }
        let before = self.problems.len();

        // Limits first: a map over them is refused without a detailed walk.
        let stages_v = self.list(o, base, "stages");
        let lanes_v = self.list(o, base, "lanes");
        let steps: usize = stages_v
            .iter()
            .map(|s| match s.get("steps") {
                Some(Value::Array(a)) => a.len(),
                _ => 0,
            })
            .sum();
        if steps > MAX_STEPS {
            self.err(
                field(base, "stages"),
                format!(
                    "{} steps in all; the limit is {}",
                    thousands(steps),
                    thousands(MAX_STEPS)
                ),
            );
        }
        if lanes_v.len() > MAX_LANES {
            self.err(
                field(base, "lanes"),
                format!(
                    "{} lanes; the limit is {}",
                    thousands(lanes_v.len()),
                    thousands(MAX_LANES)
                ),
            );
        }
        if self.problems.len() > before {
            return None;
        }

        self.unknown(o, base, &MAP_FIELDS);
        let id = match (o.get("id"), new_id) {
            (None | Some(Value::Null), Some(fresh)) => fresh.to_string(),
            (Some(Value::String(id)), Some(fresh)) if !usable_map_id(id) => {
                self.warn(
                    field(base, "id"),
                    format!(
                        "{} cannot be used as a map id (1 to {MAX_MAP_ID} letters, digits, \
                         '-', '_' or '.'); the map gets a new id",
                        quote(id)
                    ),
                );
                fresh.to_string()
            }
            _ => {
                let id = self.req_string(o, base, "id").unwrap_or_default();
                if o.get("id").is_some_and(Value::is_string) && !usable_map_id(&id) {
                    self.err(
                        field(base, "id"),
                        format!(
                            "{} cannot be used as a map id (1 to {MAX_MAP_ID} letters, digits, \
                             '-', '_' or '.')",
                            quote(&id)
                        ),
                    );
                }
                id
            }
        };
        let title = self.req_string(o, base, "title").unwrap_or_default();
        let description = self.opt_string(o, base, "description");
        let state = match o.get("state") {
            None | Some(Value::Null) => MapState::Current,
            Some(Value::String(s)) if s == "current" => MapState::Current,
            Some(Value::String(s)) if s == "future" => MapState::Future,
            Some(other) => {
                let found = match other {
                    Value::String(s) => quote(s),
                    v => what(v),
                };
                self.err(
                    field(base, "state"),
                    format!("expected \"current\" or \"future\", found {found}"),
                );
                MapState::Current
            }
        };
        let scale = self.scale(o, base);
        let updated = self.opt_number(o, base, "updated").unwrap_or(0.0);
        // A link that cannot be a map id is dropped with a warning: the
        // map itself is fine without it.
        let twin = match o.get("twin") {
            None | Some(Value::Null) => None,
            Some(Value::String(t)) if usable_map_id(t) => Some(t.clone()),
            Some(other) => {
                self.warn(
                    field(base, "twin"),
                    format!(
                        "{} is not a map id, so the link to the twin map was dropped",
                        what(other)
                    ),
                );
                None
            }
        };

        let mut persona_ids = Vec::new();
        let personas_ok = self.problems.len();
        let personas = self.personas(o, base, &mut persona_ids);
        let personas_ok = self.problems.len() == personas_ok;
        let mut stage_ids = Vec::new();
        let stages_ok = self.problems.len();
        let stages: Vec<Stage> = stages_v
            .iter()
            .enumerate()
            .filter_map(|(i, s)| self.stage(s, &index(&field(base, "stages"), i), &mut stage_ids))
            .collect();
        let stages_ok = self.problems.len() == stages_ok;

        // Ids are unique across stages, steps, lanes and personas; the
        // second use is reported where it is.
        let mut seen: HashSet<String> = HashSet::new();
        for (at, id) in stage_ids.iter().chain(&persona_ids) {
            if !seen.insert(id.clone()) {
                self.err(format!("{at}.id"), format!("duplicate id {}", quote(id)));
            }
        }

        // When stages or personas did not read, which ids exist is unknown,
        // so cells and lanes are not checked against them.
        let step_ids: Option<HashSet<&str>> = stages_ok.then(|| {
            stages
                .iter()
                .flat_map(|s| s.steps.iter().map(|t| t.id.as_str()))
                .collect()
        });
        let persona_set: Option<HashSet<&str>> =
            personas_ok.then(|| personas.iter().map(|p| p.id.as_str()).collect());
        let mut lanes = Vec::new();
        for (i, l) in lanes_v.iter().enumerate() {
            let at = index(&field(base, "lanes"), i);
            let lane = self.lane(
                l,
                &at,
                step_ids.as_ref(),
                persona_set.as_ref(),
                scale.as_ref(),
                &mut seen,
            );
            lanes.extend(lane);
        }

        if self.problems.len() > before {
            return None;
        }
        let mut map = JourneyMap {
            id,
            title,
            description,
            state,
            scale: scale.unwrap_or_default(),
            personas,
            stages,
            lanes,
            twin,
            updated,
        };
        map.normalize();
        // A safety net: whatever the model's own check finds is refused too.
        for p in map.check() {
            let (at, msg) = p.split_once(": ").unwrap_or(("", p.as_str()));
            let at = if at.is_empty() {
                base.to_string()
            } else {
                field(base, at)
            };
            self.err(at, msg);
        }
        (self.problems.len() == before).then_some(map)
    }

    fn scale(&mut self, o: &Obj, base: &str) -> Option<Scale> {
        let at = field(base, "scale");
        let v = match o.get("scale") {
            None | Some(Value::Null) => return Some(Scale::default()),
            Some(v) => v,
        };
        let s = self.object(v, &at, "an object with \"min\" and \"max\"")?;
        self.unknown(s, &at, &SCALE_FIELDS);
        let min = match s.get("min") {
            None => {
                self.err(field(&at, "min"), "missing (expected a number)");
                None
            }
            Some(v) => self.number(v, &field(&at, "min"), "expected a number"),
        };
        let max = match s.get("max") {
            None => {
                self.err(field(&at, "max"), "missing (expected a number)");
                None
            }
            Some(v) => self.number(v, &field(&at, "max"), "expected a number"),
        };
        let labels = self.opt_string_list(s, &at, "labels");
        let (min, max) = (min?, max?);
        let far = crate::model::MAX_LEVEL;
        if min.abs() > far || max.abs() > far {
            self.err(
                &at,
                format!(
                    "min ({}) and max ({}) must lie between -{} and {}",
                    num(min),
                    num(max),
                    num(far),
                    num(far)
                ),
            );
            return None;
        }
        if min >= max {
            self.err(
                &at,
                format!("min ({}) must be below max ({})", num(min), num(max)),
            );
            return None;
        }
        Some(Scale { min, max, labels })
    }

    fn personas(&mut self, o: &Obj, base: &str, ids: &mut Vec<(String, String)>) -> Vec<Persona> {
        let list = self.list(o, base, "personas");
        let mut out = Vec::new();
        for (i, p) in list.iter().enumerate() {
            let at = index(&field(base, "personas"), i);
            let Some(p) = self.object(p, &at, "a persona (an object)") else {
                continue;
            };
            self.unknown(p, &at, &PERSONA_FIELDS);
            let id = self.id(p, &at);
            let name = self.req_string(p, &at, "name");
            let role = self.opt_string(p, &at, "role");
            let goals = self.opt_string_list(p, &at, "goals");
            let pains = self.opt_string_list(p, &at, "pains");
            let color = self.opt_string(p, &at, "color");
            let mut avatar = self.opt_string(p, &at, "avatar");
            if !avatar.is_empty() && !Persona::usable_avatar(&avatar) {
                self.warn(
                    field(&at, "avatar"),
                    "not an https:, http: or data:image/ address, so initials are shown instead",
                );
                avatar.clear();
            }
            let demographics = self.opt_string_list(p, &at, "demographics");
            let said = self.opt_string(p, &at, "quote");
            let mut channels = Vec::new();
            for (j, c) in self.opt_string_list(p, &at, "channels").iter().enumerate() {
                match Channel::from_key(c) {
                    Some(ch) if !channels.contains(&ch) => channels.push(ch),
                    Some(_) => {}
                    None => self.err(
                        index(&field(&at, "channels"), j),
                        format!(
                            "unknown channel {}; expected one of {}",
                            quote(c),
                            channels_list()
                        ),
                    ),
                }
            }
            if let (Some(id), Some(name)) = (id, name) {
                ids.push((at, id.clone()));
                out.push(Persona {
                    id,
                    name,
                    role,
                    goals,
                    pains,
                    color,
                    avatar,
                    demographics,
                    channels,
                    quote: said,
                });
            }
        }
        out
    }

    fn stage(&mut self, v: &Value, at: &str, ids: &mut Vec<(String, String)>) -> Option<Stage> {
        let s = self.object(v, at, "a stage (an object)")?;
        self.unknown(s, at, &STAGE_FIELDS);
        let id = self.id(s, at);
        let name = self.req_string(s, at, "name");
        let color = self.opt_string(s, at, "color");
        if let Some(id) = &id {
            ids.push((at.to_string(), id.clone()));
        }
        let mut steps = Vec::new();
        for (i, t) in self.list(s, at, "steps").iter().enumerate() {
            let tat = index(&field(at, "steps"), i);
            let Some(t) = self.object(t, &tat, "a step (an object)") else {
                continue;
            };
            self.unknown(t, &tat, &STEP_FIELDS);
            let tid = self.id(t, &tat);
            let tname = self.req_string(t, &tat, "name");
            if let (Some(id), Some(name)) = (tid, tname) {
                ids.push((tat, id.clone()));
                steps.push(Step { id, name });
            }
        }
        Some(Stage {
            id: id?,
            name: name?,
            color,
            steps,
        })
    }

    fn lane(
        &mut self,
        v: &Value,
        at: &str,
        steps: Option<&HashSet<&str>>,
        personas: Option<&HashSet<&str>>,
        scale: Option<&Scale>,
        seen: &mut HashSet<String>,
    ) -> Option<Lane> {
        let l = self.object(v, at, "a lane (an object)")?;
        self.unknown(l, at, &LANE_FIELDS);
        let id = self.id(l, at);
        if let Some(id) = &id {
            if !seen.insert(id.clone()) {
                self.err(field(at, "id"), format!("duplicate id {}", quote(id)));
            }
        }
        let kind_at = field(at, "kind");
        let kind = match l.get("kind") {
            None => {
                self.err(
                    &kind_at,
                    format!("missing (expected one of {})", kinds_list()),
                );
                None
            }
            Some(Value::String(k)) => match LaneKind::from_key(k) {
                Some(kind) => Some(kind),
                None => {
                    self.err(
                        &kind_at,
                        format!(
                            "unknown lane kind {}; expected one of {}",
                            quote(k),
                            kinds_list()
                        ),
                    );
                    None
                }
            },
            Some(other) => {
                self.err(
                    &kind_at,
                    format!("expected one of {}, found {}", kinds_list(), what(other)),
                );
                None
            }
        };
        let title = self.req_string(l, at, "title");
        let persona = match l.get("persona") {
            None | Some(Value::Null) => None,
            Some(v) => {
                let p_at = field(at, "persona");
                let p = self.string(v, &p_at);
                if let Some(p) = &p {
                    if personas.is_some_and(|set| !set.contains(p.as_str())) {
                        self.err(p_at, format!("persona {} does not exist", quote(p)));
                    }
                }
                p
            }
        };
        let color = self.opt_string(l, at, "color");
        let cells_at = field(at, "cells");
        let mut cells = BTreeMap::new();
        match l.get("cells") {
            None | Some(Value::Null) => {}
            Some(Value::Object(c)) => {
                for (step, value) in c {
                    let c_at = key(&cells_at, step);
                    self.text(step, &c_at);
                    if steps.is_some_and(|set| !set.contains(step.as_str())) {
                        self.err(&cells_at, format!("step {} does not exist", quote(step)));
                        continue;
                    }
                    if value.is_null() {
                        continue;
                    }
                    if let Some(kind) = kind {
                        if let Some(cell) = self.cell(kind, value, &c_at, scale) {
                            cells.insert(step.clone(), cell);
                        }
                    }
                }
            }
            Some(other) => self.err(
                &cells_at,
                format!("expected an object keyed by step id, found {}", what(other)),
            ),
        }
        Some(Lane {
            id: id?,
            kind: kind?,
            title: title?,
            persona,
            color,
            cells,
        })
    }

    fn cell(&mut self, kind: LaneKind, v: &Value, at: &str, scale: Option<&Scale>) -> Option<Cell> {
        match kind {
            LaneKind::Emotion => {
                let x = self.number(v, at, "expected a number on the scale")?;
                if let Some(s) = scale {
                    if !s.contains(x) {
                        self.warn(
                            at,
                            format!(
                                "{} is outside the scale ({} to {}); kept as it is",
                                num(x),
                                num(s.min),
                                num(s.max)
                            ),
                        );
                    }
                }
                Some(Cell::Emotion(x))
            }
            LaneKind::Text | LaneKind::Quotes => match v {
                Value::String(s) => Some(Cell::Text(self.text(s, at))),
                other => {
                    self.err(
                        at,
                        format!(
                            "expected a string for a {} lane, found {}",
                            kind.key(),
                            what(other)
                        ),
                    );
                    None
                }
            },
            LaneKind::PainPoints
            | LaneKind::Opportunities
            | LaneKind::Owners
            | LaneKind::Evidence
            | LaneKind::Frontstage
            | LaneKind::Backstage
            | LaneKind::Support => match v {
                Value::Array(_) => Some(Cell::List(self.string_list(v, at))),
                other => {
                    self.err(
                        at,
                        format!(
                            "expected a list of strings for a {} lane, found {}",
                            kind.key(),
                            what(other)
                        ),
                    );
                    None
                }
            },
            LaneKind::Touchpoints => {
                let Value::Array(items) = v else {
                    self.err(
                        at,
                        format!(
                            "expected a list of touchpoints ({{\"channel\", \"note\"}}) for a \
                             touchpoints lane, found {}",
                            what(v)
                        ),
                    );
                    return None;
                };
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let iat = index(at, i);
                    let Some(t) = self.object(item, &iat, "a touchpoint (an object)") else {
                        continue;
                    };
                    self.unknown(t, &iat, &TOUCHPOINT_FIELDS);
                    let c_at = field(&iat, "channel");
                    let channel = match t.get("channel") {
                        None => {
                            self.err(
                                &c_at,
                                format!("missing (expected one of {})", channels_list()),
                            );
                            None
                        }
                        Some(Value::String(c)) => {
                            let ch = Channel::from_key(c);
                            if ch.is_none() {
                                self.err(
                                    &c_at,
                                    format!(
                                        "unknown channel {}; expected one of {}",
                                        quote(c),
                                        channels_list()
                                    ),
                                );
                            }
                            ch
                        }
                        Some(other) => {
                            self.err(
                                &c_at,
                                format!(
                                    "expected one of {}, found {}",
                                    channels_list(),
                                    what(other)
                                ),
                            );
                            None
                        }
                    };
                    let note = self.opt_string(t, &iat, "note");
                    if let Some(channel) = channel {
                        out.push(Touchpoint { channel, note });
                    }
                }
                Some(Cell::Touchpoints(out))
            }
            LaneKind::Metrics => {
                let Value::Array(items) = v else {
                    self.err(
                        at,
                        format!(
                            "expected a list of metrics ({{\"name\", \"value\", \"target\", \
                             \"unit\"}}) for a metrics lane, found {}",
                            what(v)
                        ),
                    );
                    return None;
                };
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let iat = index(at, i);
                    let Some(m) = self.object(item, &iat, "a metric (an object)") else {
                        continue;
                    };
                    self.unknown(m, &iat, &METRIC_FIELDS);
                    let name = self.req_string(m, &iat, "name");
                    let value = self.opt_number(m, &iat, "value");
                    let target = self.opt_number(m, &iat, "target");
                    let unit = self.opt_string(m, &iat, "unit");
                    if let Some(name) = name {
                        out.push(Metric {
                            name,
                            value,
                            target,
                            unit,
                        });
                    }
                }
                Some(Cell::Metrics(out))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::json;
    use crate::model::template;
    use serde_json::json;

    fn template_value() -> Value {
        serde_json::from_str(&json::to_string(&template::ecommerce("m1"))).unwrap()
    }

    fn problems(v: &Value) -> Vec<String> {
        match read_map(&v.to_string(), None) {
            Ok((m, _)) => panic!("accepted: {m:?}"),
            Err(p) => p.iter().map(Located::to_string).collect(),
        }
    }

    fn problems_of(text: &str) -> Vec<String> {
        match read_map(text, None) {
            Ok((m, _)) => panic!("accepted: {m:?}"),
            Err(p) => p.iter().map(Located::to_string).collect(),
        }
    }

    fn has(list: &[String], expected: &str) {
        assert!(
            list.iter().any(|p| p == expected),
            "expected {expected:?} in {list:#?}"
        );
    }

    #[test]
    fn a_written_map_reads_back_unchanged_and_without_warnings() {
        let map = template::ecommerce("m1");
        for text in [json::to_string(&map), json::to_string_pretty(&map)] {
            let (back, warnings) = read_map(&text, None).unwrap();
            assert_eq!(back, map);
            assert!(warnings.is_empty(), "{warnings:?}");
        }
    }

    #[test]
    fn the_sample_from_the_format_docs_reads_and_gets_a_new_id() {
        let text = r##"{
          "format": "journeymap",
          "version": 1,
          "title": "Online purchase",
          "description": "",
          "state": "current",
          "scale": { "min": -2, "max": 2 },
          "personas": [{ "id": "p1", "name": "Shopper", "role": "", "goals": [], "pains": [], "color": "#2a9d8f" }],
          "stages": [{ "id": "s1", "name": "Awareness", "color": "#e9c46a",
                       "steps": [{ "id": "t1", "name": "Sees an ad" }] }],
          "lanes": [
            { "id": "l1", "kind": "emotion", "title": "Feeling", "persona": "p1", "cells": { "t1": 1 } },
            { "id": "l2", "kind": "text", "title": "Doing", "cells": { "t1": "Scrolls social media" } }
          ]
        }"##;
        let (map, warnings) = read_map(text, Some("fresh")).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(map.id, "fresh");
        assert_eq!(map.title, "Online purchase");
        assert_eq!(map.lanes[0].cells["t1"], Cell::Emotion(1.0));
        assert_eq!(
            map.lanes[1].cells["t1"],
            Cell::Text("Scrolls social media".into())
        );
        assert!(map.scale.labels.is_empty());
        // Without a fallback the id is required.
        has(&problems_of(text), "id: missing (expected a string)");
    }

    #[test]
    fn extreme_numbers_read_short_in_messages() {
        assert_eq!(num(1e308), "1e308");
        assert_eq!(num(-1e19), "-1e19");
        assert_eq!(num(1e-300), "1e-300");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(-2.5e20), "-2.5e20");
        assert_eq!(num(1.234567e-7), "1.234567e-7");
        assert_eq!(num(42.0), "42");
        assert_eq!(crate::model::format_number(1e20), "1e20");
        assert_eq!(crate::model::format_number(2.5), "2.5");
    }

    #[test]
    fn empty_input_says_so() {
        assert_eq!(problems_of(""), ["the document is empty (0 bytes)"]);
        assert_eq!(
            problems_of(" \n\t "),
            ["the document is empty (only whitespace)"]
        );
        assert_eq!(
            problems_of("\u{feff}"),
            ["the document is empty (only whitespace)"]
        );
    }

    #[test]
    fn invalid_json_gives_line_and_column() {
        let p = problems_of("{\n  \"format\": \"journeymap\",\n  \"version\": 1,\n  oops\n}");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("line 4, column 3: "), "{p:?}");
        let p = problems_of("{\n  \"format\": ");
        assert!(
            p[0].starts_with("line 2, column 12: the document ends too early"),
            "{p:?}"
        );
        let p = problems_of("[1, 2,]");
        assert!(p[0].starts_with("line 1, column 7: "), "{p:?}");
        // A file that ends with a line break is placed as one without it
        // (serde_json says "column 0" of the line after).
        for end in ["\n", "\r\n"] {
            let p = problems_of(&format!("{{\n  \"format\": {end}"));
            assert!(
                p[0].starts_with("line 2, column 12: the document ends too early"),
                "{p:?}"
            );
        }
    }

    #[test]
    fn a_key_written_twice_is_refused_where_it_stands() {
        let text = "{\n  \"format\": \"journeymap\",\n  \"version\": 1,\n  \"title\": \"A\",\n  \"stages\": [],\n  \"lanes\": [],\n  \"title\": \"B\"\n}";
        let p = problems_of(text);
        assert_eq!(
            p,
            ["line 7, column 9: the key \"title\" appears twice in one object"]
        );
        // Deep inside, too; the same key in two objects is fine.
        let v = template_value();
        let cells = v["lanes"][0]["cells"].to_string();
        let twice = cells.replacen('{', "{\"t1\":\"x\",", 1);
        let text = v.to_string().replacen(&cells, &twice, 1);
        let p = problems_of(&text);
        assert!(
            p[0].ends_with(": the key \"t1\" appears twice in one object"),
            "{p:?}"
        );
        assert!(read_map(&template_value().to_string(), None).is_ok());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        for text in ["[".repeat(100_000), "{\"a\":".repeat(100_000)] {
            let p = problems_of(&text);
            assert!(p[0].contains("nested too deeply"), "{p:?}");
            assert!(p[0].starts_with("line 1, column "), "{p:?}");
        }
        // Nesting inside a field is reported where it is.
        let mut v = template_value();
        v["title"] = json!([[[["deep"]]]]);
        has(&problems(&v), "title: expected a string, found a list");
    }

    #[test]
    fn format_and_version_are_checked_first() {
        assert_eq!(
            problems_of(r#"{"format":"excalidraw","version":2}"#),
            ["format: expected \"journeymap\", found \"excalidraw\""]
        );
        assert_eq!(
            problems_of(r#"{"version":1,"title":"x"}"#),
            ["format: missing; a Journeymap document has \"format\": \"journeymap\""]
        );
        assert_eq!(
            problems_of(r#"{"format":"journeymap","version":2}"#),
            ["version: 2 was made by a newer Journeymap (this one reads up to 1)"]
        );
        assert_eq!(
            problems_of(r#"{"format":"journeymap","version":"1"}"#),
            ["version: expected a whole number such as 1, found a string (\"1\")"]
        );
        assert_eq!(
            problems_of(r#"{"format":"journeymap","version":1.5}"#),
            ["version: expected a whole number such as 1, found a fraction"]
        );
        assert_eq!(
            problems_of(r#"{"format":"journeymap","version":0}"#),
            ["version: 0 is not a Journeymap version (expected 1)"]
        );
        assert_eq!(
            problems_of(r#"{"format":"journeymap"}"#),
            ["version: missing (expected 1)"]
        );
        assert_eq!(
            problems_of("[1]"),
            ["expected a Journeymap document (a JSON object), found a list"]
        );
        assert!(
            problems_of(r#"{"format":"journeymap-backup","version":1,"maps":[]}"#)[0]
                .contains("Restore backup")
        );
    }

    #[test]
    fn missing_fields_are_named() {
        let mut v = template_value();
        v.as_object_mut().unwrap().remove("title");
        v["stages"][1].as_object_mut().unwrap().remove("name");
        v["stages"][2]["steps"][0]
            .as_object_mut()
            .unwrap()
            .remove("id");
        v["lanes"][3].as_object_mut().unwrap().remove("kind");
        v["personas"][0].as_object_mut().unwrap().remove("name");
        v["lanes"][1]["cells"]["t1"][0]
            .as_object_mut()
            .unwrap()
            .remove("channel");
        v["lanes"][6]["cells"]["t1"][0]
            .as_object_mut()
            .unwrap()
            .remove("name");
        let p = problems(&v);
        has(&p, "title: missing (expected a string)");
        has(&p, "stages[1].name: missing (expected a string)");
        has(&p, "stages[2].steps[0].id: missing (expected a string)");
        has(
            &p,
            "lanes[3].kind: missing (expected one of text, touchpoints, emotion, pain_points, \
             opportunities, metrics, quotes, owners, evidence, frontstage, backstage, support)",
        );
        has(&p, "personas[0].name: missing (expected a string)");
        has(
            &p,
            "lanes[1].cells.t1[0].channel: missing (expected one of web, mobile_app, email, \
             social, phone, store, chat, ads, word_of_mouth, other)",
        );
        has(&p, "lanes[6].cells.t1[0].name: missing (expected a string)");
        let mut v = template_value();
        v["scale"] = json!({ "max": 2 });
        has(&problems(&v), "scale.min: missing (expected a number)");
    }

    #[test]
    fn wrong_types_are_named() {
        let mut v = template_value();
        v["title"] = json!(5);
        v["description"] = json!(["a"]);
        v["state"] = json!("past");
        v["stages"][0]["steps"] = json!({});
        v["lanes"][0]["cells"]["t1"] = json!(12);
        v["lanes"][4]["cells"]["t3"] = json!("Prices differ");
        v["lanes"][4]["cells"]["t4"] = json!(["ok", 3]);
        v["lanes"][1]["cells"]["t2"] = json!("web");
        v["lanes"][1]["cells"]["t3"] = json!([{ "channel": "fax" }]);
        v["lanes"][6]["cells"]["t1"][0]["value"] = json!("1.2");
        v["lanes"][6]["cells"]["t5"] = json!({});
        v["personas"][0]["goals"] = json!("be fast");
        v["updated"] = json!("yesterday");
        let p = problems(&v);
        has(&p, "title: expected a string, found a number");
        has(&p, "description: expected a string, found a list");
        has(
            &p,
            "state: expected \"current\" or \"future\", found \"past\"",
        );
        has(&p, "stages[0].steps: expected a list, found an object");
        has(
            &p,
            "lanes[0].cells.t1: expected a string for a text lane, found a number",
        );
        has(
            &p,
            "lanes[4].cells.t3: expected a list of strings for a pain_points lane, found a string (\"Prices differ\")",
        );
        has(
            &p,
            "lanes[4].cells.t4[1]: expected a string, found a number",
        );
        has(
            &p,
            "lanes[1].cells.t2: expected a list of touchpoints ({\"channel\", \"note\"}) for a \
             touchpoints lane, found a string (\"web\")",
        );
        has(
            &p,
            "lanes[1].cells.t3[0].channel: unknown channel \"fax\"; expected one of web, \
             mobile_app, email, social, phone, store, chat, ads, word_of_mouth, other",
        );
        has(
            &p,
            "lanes[6].cells.t1[0].value: expected a number, found a string (\"1.2\")",
        );
        has(
            &p,
            "lanes[6].cells.t5: expected a list of metrics ({\"name\", \"value\", \"target\", \
             \"unit\"}) for a metrics lane, found an object",
        );
        has(
            &p,
            "personas[0].goals: expected a list of strings, found a string (\"be fast\")",
        );
        has(
            &p,
            "updated: expected a number, found a string (\"yesterday\")",
        );
    }

    #[test]
    fn strings_and_non_numbers_where_numbers_belong() {
        for (bad, found) in [
            (json!("NaN"), "a string (\"NaN\")"),
            (json!("Infinity"), "a string (\"Infinity\")"),
            (json!("-inf"), "a string (\"-inf\")"),
            (json!("1"), "a string (\"1\")"),
            (json!(true), "true"),
            (json!([1]), "a list"),
        ] {
            let mut v = template_value();
            v["lanes"][3]["cells"]["t1"] = bad;
            assert_eq!(
                problems(&v),
                [format!(
                    "lanes[3].cells.t1: expected a number on the scale, found {found}"
                )]
            );
        }
        // JSON cannot hold infinities; a number too large to hold is refused
        // where it stands.
        let text = json::to_string(&template::ecommerce("m1"))
            .replace("\"t1\":1.0", "\"t1\":1e999")
            .replace("\"t1\":1,", "\"t1\":1e999,");
        let p = problems_of(&text);
        assert!(p[0].starts_with("line 1, column "), "{p:?}");
        assert!(p[0].ends_with("a number too large to hold"), "{p:?}");
        let mut v = template_value();
        v["scale"] = json!({ "min": -1.7e308, "max": 2 });
        has(
            &problems(&v),
            "scale: min (-1.7e308) and max (2) must lie between -1000000000 and 1000000000",
        );
        v["scale"] = json!({ "min": "low", "max": 2 });
        has(
            &problems(&v),
            "scale.min: expected a number, found a string (\"low\")",
        );
        v["scale"] = json!({ "min": 3, "max": 1 });
        has(&problems(&v), "scale: min (3) must be below max (1)");
    }

    #[test]
    fn values_outside_the_scale_are_kept_and_flagged() {
        let mut v = template_value();
        v["lanes"][3]["cells"]["t1"] = json!(7);
        v["lanes"][3]["cells"]["t2"] = json!(-2.5);
        let (map, warnings) = read_map(&v.to_string(), None).unwrap();
        assert_eq!(map.lanes[3].cells["t1"], Cell::Emotion(7.0));
        assert_eq!(map.lanes[3].cells["t2"], Cell::Emotion(-2.5));
        let w: Vec<String> = warnings.iter().map(Located::to_string).collect();
        assert_eq!(
            w,
            [
                "lanes[3].cells.t1: 7 is outside the scale (-2 to 2); kept as it is",
                "lanes[3].cells.t2: -2.5 is outside the scale (-2 to 2); kept as it is",
            ]
        );
        assert!(map.check().is_empty());
        // And they survive another round.
        let (again, _) = read_map(&json::to_string(&map), None).unwrap();
        assert_eq!(again, map);
    }

    #[test]
    fn limits_are_named_with_where() {
        let big = format!("\"{}\"", "a".repeat(MAX_BYTES));
        assert_eq!(
            problems_of(&big),
            ["the document is 10.0 MB; the limit is 10 MB"]
        );

        let mut v = template_value();
        let steps: Vec<Value> = (0..MAX_STEPS - 9)
            .map(|i| json!({ "id": format!("x{i}"), "name": "s" }))
            .collect();
        v["stages"][0]["steps"] = Value::Array(steps);
        assert_eq!(
            problems(&v),
            ["stages: 5,001 steps in all; the limit is 5,000"]
        );

        let mut v = template_value();
        let lanes: Vec<Value> = (0..=MAX_LANES)
            .map(|i| json!({ "id": format!("x{i}"), "kind": "text", "title": "l" }))
            .collect();
        v["lanes"] = Value::Array(lanes);
        assert_eq!(problems(&v), ["lanes: 201 lanes; the limit is 200"]);

        let mut v = template_value();
        v["title"] = json!("é".repeat(MAX_CHARS + 1));
        v["lanes"][0]["cells"]["t2"] = json!("x".repeat(MAX_CHARS + 5));
        v["lanes"][0]["cells"]["t3"] = json!("x".repeat(MAX_CHARS));
        let p = problems(&v);
        assert_eq!(
            p,
            [
                "title: text of 20,001 characters; the limit is 20,000",
                "lanes[0].cells.t2: text of 20,005 characters; the limit is 20,000",
            ]
        );
        // Exactly at the limits is fine.
        let mut v = template_value();
        let steps: Vec<Value> = (0..MAX_STEPS - 12)
            .map(|i| json!({ "id": format!("x{i}"), "name": "s" }))
            .collect();
        v["stages"][0]["steps"]
            .as_array_mut()
            .unwrap()
            .extend(steps);
        assert_eq!(
            read_map(&v.to_string(), None).unwrap().0.step_count(),
            MAX_STEPS
        );
    }

    #[test]
    fn markup_and_script_urls_are_kept_as_text() {
        let mut v = template_value();
        v["title"] = json!("<img src=x onerror=alert(1)>");
        v["lanes"][0]["cells"]["t1"] = json!("<a href=\"javascript:alert(2)\">click</a>");
        v["personas"][0]["color"] = json!("javascript:alert(3)");
        let (map, warnings) = read_map(&v.to_string(), None).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(map.title, "<img src=x onerror=alert(1)>");
        assert_eq!(
            map.lanes[0].cells["t1"],
            Cell::Text("<a href=\"javascript:alert(2)\">click</a>".into())
        );
    }

    #[test]
    fn unknown_lane_kinds_list_the_allowed_ones() {
        let mut v = template_value();
        v["lanes"][2]["kind"] = json!("swimlane");
        assert_eq!(
            problems(&v),
            ["lanes[2].kind: unknown lane kind \"swimlane\"; expected one of text, touchpoints, \
              emotion, pain_points, opportunities, metrics, quotes, owners, evidence, \
              frontstage, backstage, support"]
        );
    }

    #[test]
    fn ids_must_be_unique_and_cells_must_point_at_steps() {
        let mut v = template_value();
        v["id"] = json!("other");
        v["stages"][2]["steps"][0]["id"] = json!("t3");
        v["lanes"][1]["cells"]["t99"] = json!([{ "channel": "web", "note": "" }]);
        v["lanes"][3]["persona"] = json!("p9");
        v["lanes"][4]["id"] = json!("s1");
        v["lanes"][5]["id"] = json!("");
        v["lanes"][0]["cells"]["odd key.with dots"] = json!("x");
        let p = problems(&v);
        assert_eq!(p[0], "stages[2].steps[0].id: duplicate id \"t3\"");
        has(
            &p,
            "lanes[0].cells: step \"odd key.with dots\" does not exist",
        );
        has(&p, "lanes[1].cells: step \"t99\" does not exist");
        // The renamed step's cells now point nowhere.
        has(&p, "lanes[1].cells: step \"t6\" does not exist");
        has(&p, "lanes[3].persona: persona \"p9\" does not exist");
        has(&p, "lanes[4].id: duplicate id \"s1\"");
        has(&p, "lanes[5].id: empty id");
    }

    #[test]
    fn map_ids_must_be_usable() {
        let mut v = template_value();
        v["id"] = json!("my map/1");
        has(
            &problems(&v),
            "id: \"my map/1\" cannot be used as a map id (1 to 200 letters, digits, '-', '_' \
             or '.')",
        );
        let (map, warnings) = read_map(&v.to_string(), Some("m9")).unwrap();
        assert_eq!(map.id, "m9");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0]
            .to_string()
            .starts_with("id: \"my map/1\" cannot be used"));
    }

    #[test]
    fn unknown_fields_and_null_cells_are_told_but_not_fatal() {
        let mut v = template_value();
        v["stagse"] = json!([]);
        v["$schema"] = json!("https://example.org/journey.schema.json");
        v["lanes"][0]["cells"]["t1"] = Value::Null;
        v["lanes"][1]["cells"]["t1"][0]["icon"] = json!("x");
        let (map, warnings) = read_map(&v.to_string(), None).unwrap();
        assert!(!map.lanes[0].cells.contains_key("t1"));
        let w: Vec<String> = warnings.iter().map(Located::to_string).collect();
        assert_eq!(
            w,
            [
                "stagse: unknown field, ignored",
                "lanes[1].cells.t1[0].icon: unknown field, ignored",
            ]
        );
    }

    #[test]
    fn a_twin_link_is_kept_or_dropped_with_a_warning() {
        let mut v = template_value();
        v["twin"] = json!("m-future");
        let (map, w) = read_map(&v.to_string(), None).unwrap();
        assert_eq!(map.twin.as_deref(), Some("m-future"));
        assert!(w.is_empty());
        v["twin"] = json!("not an id!");
        let (map, w) = read_map(&v.to_string(), None).unwrap();
        assert_eq!(map.twin, None);
        assert_eq!(
            w[0].to_string(),
            "twin: a string (\"not an id!\") is not a map id, so the link to the twin map was dropped"
        );
    }

    #[test]
    fn empty_cells_are_dropped() {
        let mut v = template_value();
        v["lanes"][0]["cells"]["t1"] = json!("  ");
        v["lanes"][4]["cells"]["t3"] = json!([]);
        let (map, _) = read_map(&v.to_string(), None).unwrap();
        assert!(!map.lanes[0].cells.contains_key("t1"));
        assert!(!map.lanes[4].cells.contains_key("t3"));
    }

    #[test]
    fn bytes_must_be_utf8() {
        let p = read_bytes(b"{\"a\":\"\xff\"}", None).unwrap_err();
        assert_eq!(
            p[0].to_string(),
            "the file is not UTF-8 text (invalid byte at offset 6)"
        );
        let mut with_bom = "\u{feff}".as_bytes().to_vec();
        with_bom.extend(json::to_string(&template::ecommerce("m1")).bytes());
        assert!(matches!(
            read_bytes(&with_bom, None).unwrap().0,
            Document::Map(_)
        ));
    }

    #[test]
    fn backups_read_back_and_name_the_map_at_fault() {
        let a = template::ecommerce("a");
        let b = JourneyMap::blank("b", "B");
        let text = write_backup(&[a.clone(), b.clone()]);
        let (maps, w) = read_backup(&text).unwrap();
        assert_eq!(maps, vec![a.clone(), b.clone()]);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            read_document(&text, None).unwrap().0,
            Document::Backup(vec![a.clone(), b.clone()])
        );
        let mut doc: Value = serde_json::from_str(&write_backup(&[a.clone(), b.clone()])).unwrap();
        doc["maps"][1]["stages"][0]["steps"][0]["name"] = json!(7);
        doc["maps"][1].as_object_mut().unwrap().remove("format");
        doc["maps"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "id": "a", "title": "again" }));
        doc["maps"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "format": "journeymap", "version": 3 }));
        let p: Vec<String> = read_backup(&doc.to_string())
            .unwrap_err()
            .iter()
            .map(Located::to_string)
            .collect();
        assert_eq!(
            p,
            [
                "maps[1].stages[0].steps[0].name: expected a string, found a number",
                "maps[2].id: duplicate map id \"a\" (maps[0] has it too)",
                "maps[3].version: 3 was made by a newer Journeymap (this one reads up to 1)",
            ]
        );
        let p = read_backup(r#"{"format":"journeymap-backup","version":2,"maps":[]}"#).unwrap_err();
        assert!(p[0].to_string().contains("newer Journeymap"));
        let p = read_backup(r#"{"format":"journeymap-backup","version":1}"#).unwrap_err();
        assert_eq!(p[0].to_string(), "maps: missing (expected a list of maps)");
    }

    #[test]
    fn long_lists_of_problems_are_cut_short() {
        let mut v = template_value();
        for i in 0..80 {
            v["lanes"][0]["cells"][format!("n{i}")] = json!("x");
        }
        let p = problems(&v);
        assert_eq!(p.len(), MAX_LISTED + 1);
        assert_eq!(p[MAX_LISTED], "and 30 more problems");
    }

    #[test]
    fn json_from_str_uses_these_messages() {
        let err = json::from_str(r#"{"format":"journeymap","version":1,"title":"t"}"#).unwrap_err();
        assert_eq!(err.0, "id: missing (expected a string)");
    }
}

/// Strategies for property tests: arbitrary valid maps and arbitrary JSON.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod arb {
    use crate::model::{
        Cell, Channel, JourneyMap, Lane, LaneKind, MapState, Metric, Persona, Scale, Stage, Step,
        Touchpoint,
    };
    use proptest::collection::vec;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    /// Text of every sort: plain, any printable, control characters and
    /// line breaks, markup.
    pub fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z ]{0,12}",
            "\\PC{0,16}",
            "[a-z\\n\\r\\t\"\\\\<>&#:;%,{}\u{0}\u{85}\u{2028} ]{0,12}",
            Just("<img src=x onerror=alert(1)>".to_string()),
            Just("javascript:alert(1)".to_string()),
        ]
    }

    fn nonblank() -> impl Strategy<Value = String> {
        text().prop_filter("not blank", |s| !s.trim().is_empty())
    }

    /// Finite numbers with at most 15 significant digits: what people type
    /// and whole-millisecond times. (Without serde_json's `float_roundtrip`
    /// feature, a number that needs 17 digits may read back one unit in the
    /// last place off, so arbitrary `f64`s are not used here.)
    pub fn finite() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-5i32..=5).prop_map(f64::from),
            (-1e9..1e9f64).prop_map(round4),
            (-999_999_999_999_999i64..999_999_999_999_999).prop_map(|v| v as f64),
        ]
    }

    fn round4(v: f64) -> f64 {
        (v * 1e4).round() / 1e4
    }

    type Seed = (
        f64,
        String,
        Vec<String>,
        Vec<(usize, String)>,
        Vec<(String, Option<f64>, Option<f64>, String)>,
    );

    fn seed() -> impl Strategy<Value = Seed> {
        (
            finite(),
            nonblank(),
            vec(nonblank(), 1..3),
            vec((0..Channel::ALL.len(), text()), 1..3),
            vec(
                (
                    text(),
                    proptest::option::of(finite()),
                    proptest::option::of(finite()),
                    text(),
                ),
                1..3,
            ),
        )
    }

    fn cell(kind: LaneKind, s: Seed) -> Cell {
        match kind {
            LaneKind::Emotion => Cell::Emotion(s.0),
            LaneKind::Text | LaneKind::Quotes => Cell::Text(s.1),
            LaneKind::PainPoints
            | LaneKind::Opportunities
            | LaneKind::Owners
            | LaneKind::Evidence
            | LaneKind::Frontstage
            | LaneKind::Backstage
            | LaneKind::Support => Cell::List(s.2),
            LaneKind::Touchpoints => Cell::Touchpoints(
                s.3.into_iter()
                    .map(|(c, note)| Touchpoint {
                        channel: Channel::ALL[c],
                        note,
                    })
                    .collect(),
            ),
            LaneKind::Metrics => Cell::Metrics(
                s.4.into_iter()
                    .map(|(name, value, target, unit)| Metric {
                        name,
                        value,
                        target,
                        unit,
                    })
                    .collect(),
            ),
        }
    }

    type LaneSeed = (usize, String, Option<usize>, String, Vec<Option<Seed>>);

    /// A valid map: unique ids, cells of the right shape at existing
    /// steps, no empty cells. Emotion values may lie outside the scale.
    pub fn map() -> impl Strategy<Value = JourneyMap> {
        (
            "[a-z0-9]{1,8}",
            text(),
            text(),
            any::<bool>(),
            (finite(), 0.001..100.0f64, vec(text(), 0..3)),
            vec(
                (text(), text(), vec(text(), 0..2), vec(text(), 0..2), text()),
                0..3,
            ),
            vec((text(), text(), vec(text(), 0..4)), 0..4),
            vec(
                (
                    0..LaneKind::ALL.len(),
                    text(),
                    proptest::option::of(0..3usize),
                    text(),
                    vec(proptest::option::of(seed()), 0..12),
                ),
                0..5,
            ),
            prop_oneof![Just(0.0), (0..2_000_000_000_000i64).prop_map(|v| v as f64)],
        )
            .prop_map(
                |(id, title, description, future, scale, personas, stages, lanes, updated)| {
                    build(
                        id,
                        title,
                        description,
                        future,
                        scale,
                        personas,
                        stages,
                        lanes,
                        updated,
                    )
                },
            )
    }

    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn build(
        id: String,
        title: String,
        description: String,
        future: bool,
        (min, span, labels): (f64, f64, Vec<String>),
        personas: Vec<(String, String, Vec<String>, Vec<String>, String)>,
        stages: Vec<(String, String, Vec<String>)>,
        lanes: Vec<LaneSeed>,
        updated: f64,
    ) -> JourneyMap {
        let min = round4(min.clamp(-1e6, 1e6));
        let max = round4((min + span).max(min + 1.0));
        let personas: Vec<Persona> = personas
            .into_iter()
            .enumerate()
            .map(|(i, (name, role, goals, pains, color))| Persona {
                id: format!("p{}", i + 1),
                quote: role.chars().rev().collect(),
                demographics: goals.iter().take(2).cloned().collect(),
                channels: Channel::ALL.iter().copied().take(i % 3).collect(),
                avatar: if i % 2 == 1 {
                    "https://example.org/a.png".into()
                } else {
                    String::new()
                },
                name,
                role,
                goals,
                pains,
                color,
            })
            .collect();
        let mut step_no = 0;
        let stages: Vec<Stage> = stages
            .into_iter()
            .enumerate()
            .map(|(i, (name, color, steps))| Stage {
                id: format!("s{}", i + 1),
                name,
                color,
                steps: steps
                    .into_iter()
                    .map(|name| {
                        step_no += 1;
                        Step {
                            id: format!("t{step_no}"),
                            name,
                        }
                    })
                    .collect(),
            })
            .collect();
        let step_ids: Vec<String> = stages
            .iter()
            .flat_map(|s| s.steps.iter().map(|t| t.id.clone()))
            .collect();
        let lanes = lanes
            .into_iter()
            .enumerate()
            .map(|(i, (kind, title, persona, color, cells))| {
                let kind = LaneKind::ALL[kind];
                Lane {
                    id: format!("l{}", i + 1),
                    kind,
                    title,
                    persona: persona
                        .filter(|p| *p < personas.len())
                        .map(|p| format!("p{}", p + 1)),
                    color,
                    cells: step_ids
                        .iter()
                        .zip(cells)
                        .filter_map(|(step, seed)| Some((step.clone(), cell(kind, seed?))))
                        .filter(|(_, c)| !c.is_empty())
                        .collect(),
                }
            })
            .collect();
        JourneyMap {
            id,
            title,
            description,
            state: if future {
                MapState::Future
            } else {
                MapState::Current
            },
            scale: Scale { min, max, labels },
            personas,
            stages,
            lanes,
            twin: future.then(|| "current-map".to_string()),
            updated,
        }
    }

    /// Any JSON value, with keys and strings that Journeymap documents use
    /// so that deep paths get exercised.
    pub fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            finite().prop_map(|v| json!(v)),
            any::<i64>().prop_map(|v| json!(v)),
            "\\PC{0,10}".prop_map(Value::String),
            prop_oneof![
                Just("journeymap"),
                Just("journeymap-backup"),
                Just("NaN"),
                Just("t1"),
                Just("emotion"),
                Just("web"),
            ]
            .prop_map(|s| json!(s)),
            Just(json!(1)),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            let key = prop_oneof![
                prop_oneof![
                    Just("format"),
                    Just("version"),
                    Just("id"),
                    Just("title"),
                    Just("scale"),
                    Just("min"),
                    Just("max"),
                    Just("personas"),
                    Just("stages"),
                    Just("steps"),
                    Just("lanes"),
                    Just("kind"),
                    Just("cells"),
                    Just("name"),
                    Just("channel"),
                    Just("maps"),
                    Just("t1"),
                ]
                .prop_map(String::from),
                "\\PC{0,6}",
            ];
            prop_oneof![
                vec(inner.clone(), 0..6).prop_map(Value::Array),
                vec((key, inner), 0..6).prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// A valid document with one part replaced by arbitrary JSON.
    pub fn mutated_document() -> impl Strategy<Value = Value> {
        (map(), json_value(), any::<prop::sample::Index>()).prop_map(|(m, junk, at)| {
            let mut doc: Value = serde_json::from_str(&crate::format::json::to_string(&m)).unwrap();
            let mut paths = Vec::new();
            collect(&doc, String::new(), &mut paths);
            let path = at.get(&paths).clone();
            if let Some(slot) = doc.pointer_mut(&path) {
                *slot = junk;
            }
            doc
        })
    }

    fn collect(v: &Value, here: String, out: &mut Vec<String>) {
        out.push(here.clone());
        match v {
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    collect(x, format!("{here}/{i}"), out);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    let k = k.replace('~', "~0").replace('/', "~1");
                    collect(x, format!("{here}/{k}"), out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use crate::format::json;
    use proptest::prelude::*;

    fn located(problems: &[Problem]) {
        assert!(!problems.is_empty());
        for p in problems {
            assert!(!p.message.is_empty(), "{p:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn export_then_import_is_the_identity(map in arb::map()) {
            prop_assert!(map.check().is_empty(), "{:?}", map.check());
            for text in [json::to_string(&map), json::to_string_pretty(&map)] {
                let (back, warnings) = read_map(&text, None).unwrap();
                prop_assert_eq!(&back, &map);
                for w in &warnings {
                    prop_assert!(w.message.contains("outside the scale"), "{}", w);
                }
            }
        }

        #[test]
        fn backups_of_any_maps_read_back(a in arb::map(), b in arb::map()) {
            let mut b = b;
            b.id = format!("{}x", a.id);
            let (maps, _) = read_backup(&write_backup(&[a.clone(), b.clone()])).unwrap();
            prop_assert_eq!(maps, vec![a, b]);
        }

        #[test]
        fn arbitrary_bytes_give_ok_or_a_located_error(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            if let Err(p) = read_bytes(&bytes, Some("n")) {
                located(&p);
            }
        }

        #[test]
        fn arbitrary_text_gives_ok_or_a_located_error(text in "\\PC{0,64}") {
            if let Err(p) = read_document(&text, Some("n")) {
                located(&p);
            }
        }

        #[test]
        fn arbitrary_json_gives_ok_or_a_located_error(v in arb::json_value()) {
            for candidate in [v.clone(), serde_json::json!({"format": "journeymap", "version": 1, "stages": v.clone()})] {
                if let Err(p) = read_document(&candidate.to_string(), Some("n")) {
                    located(&p);
                }
            }
        }

        #[test]
        fn a_damaged_document_gives_ok_or_errors_at_paths(doc in arb::mutated_document()) {
            match map_from_value(&doc, None) {
                Ok((map, _)) => prop_assert!(map.check().is_empty()),
                Err(p) => {
                    located(&p);
                    // Past the format and version, every problem has a place.
                    if doc.get("format") == Some(&serde_json::json!("journeymap"))
                        && doc.get("version") == Some(&serde_json::json!(1))
                        && doc.is_object()
                    {
                        for problem in &p {
                            prop_assert!(!problem.at.is_empty(), "{}", problem);
                        }
                    }
                }
            }
        }
    }
}

/// `docs/journey.schema.json` must describe what the model and this reader
/// use, so it cannot drift silently.
#[cfg(test)]
mod schema {
    use super::*;
    use crate::format::json;
    use crate::model::template;
    use serde::de::DeserializeOwned;
    use serde_json::json;
    use std::collections::BTreeSet;

    const SCHEMA: &str = include_str!("../../docs/journey.schema.json");

    fn schema() -> Value {
        serde_json::from_str(SCHEMA).expect("docs/journey.schema.json is JSON")
    }

    fn strings(v: &Value) -> Vec<String> {
        v.as_array()
            .expect("a list")
            .iter()
            .map(|s| s.as_str().expect("a string").to_string())
            .collect()
    }

    fn set<S: AsRef<str>>(items: &[S]) -> BTreeSet<String> {
        items.iter().map(|s| s.as_ref().to_string()).collect()
    }

    fn keys(v: &Value) -> BTreeSet<String> {
        v.as_object().expect("an object").keys().cloned().collect()
    }

    /// The fields serde cannot do without: each one, left out of a full
    /// object, makes deserializing fail.
    fn required_by_model<T: DeserializeOwned>(full: Value) -> BTreeSet<String> {
        assert!(serde_json::from_value::<T>(full.clone()).is_ok(), "{full}");
        keys(&full)
            .into_iter()
            .filter(|k| {
                let mut less = full.clone();
                less.as_object_mut().unwrap().remove(k);
                serde_json::from_value::<T>(less).is_err()
            })
            .collect()
    }

    #[test]
    fn every_lane_kind_has_its_cell_shape_in_the_schema_and_a_row_in_the_format_doc() {
        let s = schema();
        let branches = s["$defs"]["lane"]["allOf"].as_array().expect("allOf");
        let doc = include_str!("../../docs/format.md");
        for kind in LaneKind::ALL {
            let key = kind.key();
            let shapes: Vec<String> = branches
                .iter()
                .filter(|b| {
                    let k = &b["if"]["properties"]["kind"];
                    k["const"] == key
                        || k["enum"]
                            .as_array()
                            .is_some_and(|e| e.iter().any(|v| v == key))
                })
                .map(|b| b["then"]["properties"]["cells"]["additionalProperties"].to_string())
                .collect();
            let shape = match kind.empty_cell() {
                Cell::Emotion(_) => "#/$defs/emotionCell",
                Cell::Text(_) => "#/$defs/text",
                Cell::List(_) => "#/$defs/textList",
                Cell::Touchpoints(_) => "#/$defs/touchpoint",
                Cell::Metrics(_) => "#/$defs/metric",
            };
            assert_eq!(shapes.len(), 1, "{key}: {shapes:?}");
            assert!(
                shapes[0].contains(&format!("\"{shape}\"")),
                "{key}: {shapes:?}"
            );
            assert!(
                doc.contains(&format!("| `{key}` |")),
                "docs/format.md lists {key}"
            );
        }
    }

    #[test]
    fn the_schema_is_draft_2020_12_and_its_lists_match_the_model() {
        let s = schema();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        let defs = &s["$defs"];
        assert_eq!(
            strings(&defs["lane"]["properties"]["kind"]["enum"]),
            LaneKind::ALL.map(|k| k.key().to_string())
        );
        assert_eq!(
            strings(&defs["touchpoint"]["properties"]["channel"]["enum"]),
            Channel::ALL.map(|c| c.key().to_string())
        );
        assert_eq!(
            strings(&s["properties"]["state"]["enum"]),
            [MapState::Current, MapState::Future].map(|m| serde_json::to_value(m)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string())
        );
        assert_eq!(s["properties"]["format"]["const"], FORMAT);
        assert_eq!(s["properties"]["version"]["const"], VERSION);
        assert_eq!(s["properties"]["lanes"]["maxItems"], MAX_LANES);
        assert_eq!(defs["stage"]["properties"]["steps"]["maxItems"], MAX_STEPS);
        assert_eq!(defs["text"]["maxLength"], MAX_CHARS);

        // The fields of each object are those the reader knows.
        let mut top = keys(&s["properties"]);
        top.remove("$schema");
        assert_eq!(top, set(&MAP_FIELDS));
        for (def, fields) in [
            ("scale", &SCALE_FIELDS[..]),
            ("persona", &PERSONA_FIELDS[..]),
            ("stage", &STAGE_FIELDS[..]),
            ("step", &STEP_FIELDS[..]),
            ("lane", &LANE_FIELDS[..]),
            ("touchpoint", &TOUCHPOINT_FIELDS[..]),
            ("metric", &METRIC_FIELDS[..]),
        ] {
            assert_eq!(keys(&defs[def]["properties"]), set(fields), "{def}");
            assert_eq!(defs[def]["additionalProperties"], false, "{def}");
        }

        // Required fields are those the model requires. A document's id is
        // the exception: the importer gives a map without one a new id.
        let map: Value = serde_json::from_str(&json::to_string(&template::ecommerce("m"))).unwrap();
        let mut model = required_by_model::<JourneyMap>(map);
        assert!(model.remove("id"));
        model.extend(["format".to_string(), "version".to_string()]);
        assert_eq!(set(&strings(&s["required"])), model);
        let full = [
            (
                "scale",
                required_by_model::<Scale>(json!({"min": 1, "max": 5, "labels": ["a"]})),
            ),
            (
                "persona",
                required_by_model::<Persona>(json!({
                    "id": "p", "name": "n", "role": "r", "goals": [], "pains": [], "color": "c"
                })),
            ),
            (
                "stage",
                required_by_model::<Stage>(
                    json!({"id": "s", "name": "n", "color": "c", "steps": []}),
                ),
            ),
            (
                "step",
                required_by_model::<Step>(json!({"id": "t", "name": "n"})),
            ),
            (
                "lane",
                required_by_model::<Lane>(json!({
                    "id": "l", "kind": "text", "title": "t", "persona": "p", "color": "c", "cells": {}
                })),
            ),
            (
                "touchpoint",
                required_by_model::<Touchpoint>(json!({"channel": "web", "note": "n"})),
            ),
            (
                "metric",
                required_by_model::<Metric>(
                    json!({"name": "n", "value": 1, "target": 2, "unit": "%"}),
                ),
            ),
        ];
        for (def, model) in full {
            assert_eq!(set(&strings(&defs[def]["required"])), model, "{def}");
        }
    }

    #[test]
    fn the_reader_requires_what_the_schema_requires() {
        let s = schema();
        let doc: Value = serde_json::from_str(&json::to_string(&template::ecommerce("m"))).unwrap();
        let cases: [(&str, &str, Value); 4] = [
            ("", "", s.clone()),
            ("/stages/0", "stages[0]", s["$defs"]["stage"].clone()),
            ("/lanes/1", "lanes[1]", s["$defs"]["lane"].clone()),
            ("/personas/0", "personas[0]", s["$defs"]["persona"].clone()),
        ];
        for (pointer, path, def) in cases {
            let required = set(&strings(&def["required"]));
            for field in keys(&doc.pointer(pointer).unwrap().clone()) {
                let mut less = doc.clone();
                less.pointer_mut(pointer)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove(&field);
                // Left out, a required field is reported missing where it
                // was; an optional one is not (other problems may follow,
                // such as cells of a missing stage's steps).
                let at = if path.is_empty() {
                    field.clone()
                } else {
                    format!("{path}.{field}")
                };
                let missing = match read_map(&less.to_string(), Some("new")) {
                    Ok(_) => false,
                    Err(p) => p
                        .iter()
                        .any(|p| p.at == at && p.message.starts_with("missing")),
                };
                assert_eq!(missing, required.contains(&field), "{at}");
            }
        }
    }

    /// A small JSON Schema checker for the keywords the schema uses
    /// (`pattern`, `description` and `default` are not checked).
    fn check(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
        let Some(s) = schema.as_object() else {
            return;
        };
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let target = root
                .pointer(r.trim_start_matches('#'))
                .expect("a $ref that exists");
            check(root, target, v, at, errors);
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                other => other
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(Value::as_str)
                    .collect(),
            };
            let ok = types.iter().any(|t| match *t {
                "object" => v.is_object(),
                "array" => v.is_array(),
                "string" => v.is_string(),
                "number" => v.is_number(),
                "integer" => v.as_f64().is_some_and(|x| x.fract() == 0.0),
                "boolean" => v.is_boolean(),
                "null" => v.is_null(),
                _ => false,
            });
            if !ok {
                errors.push(format!("{at}: not of type {t}"));
                return;
            }
        }
        if let Some(c) = s.get("const") {
            if c != v && c.as_f64().is_none_or(|c| v.as_f64() != Some(c)) {
                errors.push(format!("{at}: not {c}"));
            }
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                errors.push(format!("{at}: {v} is not one of {e:?}"));
            }
        }
        if let (Some(max), Some(text)) = (s.get("maxLength").and_then(Value::as_u64), v.as_str()) {
            if text.chars().count() as u64 > max {
                errors.push(format!("{at}: too long"));
            }
        }
        if let (Some(min), Some(text)) = (s.get("minLength").and_then(Value::as_u64), v.as_str()) {
            if (text.chars().count() as u64) < min {
                errors.push(format!("{at}: too short"));
            }
        }
        if let Some(items) = v.as_array() {
            if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
                if items.len() as u64 > max {
                    errors.push(format!("{at}: too many items"));
                }
            }
            if let Some(item) = s.get("items") {
                for (i, x) in items.iter().enumerate() {
                    check(root, item, x, &format!("{at}[{i}]"), errors);
                }
            }
        }
        if let Some(o) = v.as_object() {
            for r in s
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !o.contains_key(r.as_str().unwrap()) {
                    errors.push(format!("{at}: {r} is missing"));
                }
            }
            let props = s.get("properties").and_then(Value::as_object);
            for (k, x) in o {
                match props.and_then(|p| p.get(k)) {
                    Some(p) => check(root, p, x, &format!("{at}.{k}"), errors),
                    None => match s.get("additionalProperties") {
                        Some(Value::Bool(false)) => errors.push(format!("{at}.{k}: not allowed")),
                        Some(extra) => check(root, extra, x, &format!("{at}.{k}"), errors),
                        None => {}
                    },
                }
            }
        }
        for part in s
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            check(root, part, v, at, errors);
        }
        if let Some(cond) = s.get("if") {
            let mut probe = Vec::new();
            check(root, cond, v, at, &mut probe);
            if probe.is_empty() {
                if let Some(then) = s.get("then") {
                    check(root, then, v, at, errors);
                }
            }
        }
    }

    fn errors(doc: &Value) -> Vec<String> {
        let s = schema();
        let mut errors = Vec::new();
        check(&s, &s, doc, "", &mut errors);
        errors
    }

    #[test]
    fn the_template_and_a_blank_map_fit_the_schema_and_broken_ones_do_not() {
        for map in [template::ecommerce("m1"), JourneyMap::blank("b", "B")] {
            let doc: Value = serde_json::from_str(&json::to_string_pretty(&map)).unwrap();
            assert_eq!(errors(&doc), Vec::<String>::new());
        }
        let good: Value =
            serde_json::from_str(&json::to_string(&template::ecommerce("m1"))).unwrap();
        for (pointer, bad) in [
            ("/lanes/3/cells/t1", json!("NaN")),
            ("/lanes/0/kind", json!("swimlane")),
            ("/lanes/1/cells/t1/0/channel", json!("fax")),
            ("/lanes/4/cells/t3", json!("one")),
            ("/lanes/6/cells/t1/0/value", json!("1.2")),
            ("/version", json!(2)),
            ("/state", json!("past")),
        ] {
            let mut doc = good.clone();
            *doc.pointer_mut(pointer).unwrap() = bad;
            assert!(!errors(&doc).is_empty(), "{pointer}");
            assert!(read_map(&doc.to_string(), None).is_err(), "{pointer}");
        }
    }
}
