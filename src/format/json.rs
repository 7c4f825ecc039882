//! The `.journey.json` document: a [`JourneyMap`] with a format marker and
//! a version, so that files and stored entries say what they are.

use crate::model::{Cell, Id, JourneyMap, Lane, LaneKind, MapState, Persona, Scale, Stage};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// The value of the `format` field.
pub const FORMAT: &str = "journeymap";
/// The newest version this build reads and the one it writes.
pub const VERSION: u32 = 1;

/// A document as written: the map's fields by reference, after `format`
/// and `version`, with the edit time given apart so that a save can stamp
/// a new one without copying the map. The field order and the omitted
/// empty fields are those of [`JourneyMap`]'s own `Serialize`.
#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u32,
    id: &'a str,
    title: &'a str,
    description: &'a str,
    state: MapState,
    scale: &'a Scale,
    personas: &'a [Persona],
    stages: &'a [Stage],
    lanes: &'a [Lane],
    #[serde(skip_serializing_if = "Option::is_none")]
    twin: Option<&'a str>,
    updated: f64,
}

impl<'a> Out<'a> {
    fn new(map: &'a JourneyMap, updated: f64) -> Self {
        // No `..`: a field added to the model must be added here too.
        let JourneyMap {
            id,
            title,
            description,
            state,
            scale,
            personas,
            stages,
            lanes,
            twin,
            updated: _,
        } = map;
        Out {
            format: FORMAT,
            version: VERSION,
            id,
            title,
            description,
            state: *state,
            scale,
            personas,
            stages,
            lanes,
            twin: twin.as_deref(),
            updated,
        }
    }
}

/// Why a document could not be read. The message says where and what.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError(pub String);

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReadError {}

/// Writes a map as a compact document.
pub fn to_string(map: &JourneyMap) -> String {
    to_string_at(map, map.updated)
}

/// Writes a map as a compact document whose edit time is `updated`: what
/// [`to_string`] writes for a copy of `map` with that time, without the copy.
pub fn to_string_at(map: &JourneyMap, updated: f64) -> String {
    serde_json::to_string(&Out::new(map, updated)).expect("a map always serializes")
}

/// Writes a map as an indented document, for files people may read.
pub fn to_string_pretty(map: &JourneyMap) -> String {
    serde_json::to_string_pretty(&Out::new(map, map.updated)).expect("a map always serializes")
}

/// Reads a document that must carry its own id, with every problem located
/// (see [`super::validate`]). Empty cells are dropped; warnings, such as
/// values outside the scale, are not returned here: use
/// [`super::validate::read_map`] to show them.
///
/// Stored maps, versions and other tabs' saves come here. Most are documents
/// this program wrote, so they are first read by [`read_fast`], a plain
/// serde read that accepts only what the validating reader would read to
/// the very same map; anything else (a damaged entry, a value the reader
/// would change or drop) goes through the validating reader, so a refusal
/// still says where and what.
pub fn from_str(text: &str) -> Result<JourneyMap, ReadError> {
    match read_fast(text) {
        Some(map) => Ok(map),
        None => read_checked(text),
    }
}

/// Reads a document with the validating reader only: what [`from_str`]
/// does for anything [`read_fast`] leaves to it.
pub fn read_checked(text: &str) -> Result<JourneyMap, ReadError> {
    super::validate::read_map(text, None)
        .map(|(map, _warnings)| map)
        .map_err(|problems| ReadError(super::validate::join(&problems)))
}

/// A document read straight into the model. The same fields and defaults
/// as [`JourneyMap`], plus the head; `version` as a whole number.
#[derive(Deserialize)]
struct In {
    format: String,
    version: u32,
    id: Id,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    state: MapState,
    #[serde(default)]
    scale: Scale,
    #[serde(default)]
    personas: Vec<Persona>,
    #[serde(default)]
    stages: Vec<Stage>,
    #[serde(default)]
    lanes: Vec<Lane>,
    #[serde(default)]
    twin: Option<Id>,
    #[serde(default)]
    updated: f64,
}

/// The fast path of [`from_str`]: the map, when `text` is a map document
/// that the validating reader ([`super::validate::read_map`] without a new
/// id) reads without a problem and to exactly this map; `None` when it
/// cannot tell, which is never wrong, only slower.
///
/// Where serde is more lenient than that reader, the text or the result is
/// checked here and anything doubtful is left to the reader:
/// * serde reads a struct from a list (`["t1", "Step"]`) and an enum from a
///   one-key object (`{"text": null}`), which the reader refuses: see
///   [`plain_shapes`];
/// * the reader replaces `null` with defaults, and serde refuses it;
/// * the reader reads cells by their lane's kind, serde by their shape
///   (`[]` is a list): cells must fit their lane before empty ones are
///   dropped, and point at existing steps, as the reader checks;
/// * the reader drops or clears with a warning a twin link that is not a
///   map id, an unusable avatar and repeated channels: such maps are left
///   to it; as are texts over its length limit, maps over its step or lane
///   limits, and `version` written as `1.0`.
pub fn read_fast(text: &str) -> Option<JourneyMap> {
    use super::validate::{usable_map_id, MAX_BYTES, MAX_CHARS};
    if text.len() > MAX_BYTES || !plain_shapes(text) {
        return None;
    }
    let doc: In = serde_json::from_str(text).ok()?;
    if doc.format != FORMAT || doc.version != VERSION {
        return None;
    }
    let mut map = JourneyMap {
        id: doc.id,
        title: doc.title,
        description: doc.description,
        state: doc.state,
        scale: doc.scale,
        personas: doc.personas,
        stages: doc.stages,
        lanes: doc.lanes,
        twin: doc.twin,
        updated: doc.updated,
    };
    if !usable_map_id(&map.id)
        || map.twin.as_deref().is_some_and(|t| !usable_map_id(t))
        || map.step_count() > crate::model::MAX_STEPS
        || map.lanes.len() > crate::model::MAX_LANES
    {
        return None;
    }
    for p in &map.personas {
        let repeated = p
            .channels
            .iter()
            .enumerate()
            .any(|(i, c)| p.channels[..i].contains(c));
        if repeated || (!p.avatar.is_empty() && !Persona::usable_avatar(&p.avatar)) {
            return None;
        }
    }
    let mut long = false;
    each_text(&map, &mut |s: &str| {
        long |= s.len() > MAX_CHARS && s.chars().nth(MAX_CHARS).is_some();
    });
    if long {
        return None;
    }
    // Before empty cells are dropped: each must point at a step and have
    // its lane's shape, as the reader requires of every cell it reads.
    let steps: HashSet<&str> = map.steps().map(|t| t.id.as_str()).collect();
    let cells_fit = map.lanes.iter().all(|l| {
        l.cells.iter().all(|(step, cell)| {
            steps.contains(step.as_str())
                && (cell.fits(l.kind)
                    // `[]` is an empty list to serde and an empty
                    // touchpoints or metrics cell to the reader; both drop it.
                    || matches!((cell, l.kind), (Cell::List(v), LaneKind::Touchpoints | LaneKind::Metrics) if v.is_empty()))
        })
    });
    drop(steps);
    if !cells_fit {
        return None;
    }
    map.normalize();
    map.check().is_empty().then_some(map)
}

/// Calls `f` with every text of a map that the validating reader limits in
/// length (and a few it does not, which is harmless here).
fn each_text(map: &JourneyMap, f: &mut impl FnMut(&str)) {
    f(&map.id);
    f(&map.title);
    f(&map.description);
    map.scale.labels.iter().for_each(|s| f(s));
    for p in &map.personas {
        for s in [&p.id, &p.name, &p.role, &p.color, &p.avatar, &p.quote] {
            f(s);
        }
        for s in p.goals.iter().chain(&p.pains).chain(&p.demographics) {
            f(s);
        }
    }
    for s in &map.stages {
        f(&s.id);
        f(&s.name);
        f(&s.color);
        for t in &s.steps {
            f(&t.id);
            f(&t.name);
        }
    }
    for l in &map.lanes {
        f(&l.id);
        f(&l.title);
        f(&l.color);
        if let Some(p) = &l.persona {
            f(p);
        }
        for (step, cell) in &l.cells {
            f(step);
            match cell {
                Cell::Emotion(_) => {}
                Cell::Text(s) => f(s),
                Cell::List(v) => v.iter().for_each(|s| f(s)),
                Cell::Touchpoints(v) => v.iter().for_each(|t| f(&t.note)),
                Cell::Metrics(v) => v.iter().for_each(|m| {
                    f(&m.name);
                    f(&m.unit);
                }),
            }
        }
    }
}

/// True when no value in `text` has a shape that serde would read but the
/// validating reader refuses: the document is an object, no list holds a
/// list (serde reads a step, a persona or a touchpoint from `["a", "b"]`),
/// `scale` is not a list, and `state`, `kind`, `channel` and the items of
/// `channels` are not objects (serde reads `{"future": null}` as an enum).
/// Keys written with escapes count as any of these. It only looks at the
/// text's structure, in one pass; false means "not sure".
fn plain_shapes(text: &str) -> bool {
    let b = text.as_bytes();
    // For each open list or object: is it a list, and the key it is the value of.
    let mut open: Vec<(bool, &[u8])> = Vec::new();
    // The last key read (the string before a `:`).
    let mut key: &[u8] = b"";
    // Whether the next value is the value of `key` (just after its `:`).
    let mut after_colon = false;
    let mut i = 0;
    let next_is = |mut j: usize, c: u8| {
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        j < b.len() && b[j] == c
    };
    let risky = |k: &[u8], names: &[&[u8]]| k.contains(&b'\\') || names.contains(&k);
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let s = &b[start..i.min(b.len())];
                if next_is(i + 1, b':') {
                    key = s;
                }
                after_colon = false;
            }
            b':' => after_colon = true,
            c @ (b'[' | b'{') => {
                let list = c == b'[';
                let (in_list, parent) = open.last().copied().unwrap_or((false, b""));
                if open.is_empty() && !list {
                    // The document itself: an object.
                } else if open.is_empty() {
                    return false;
                } else if after_colon {
                    if (list && risky(key, &[b"scale"]))
                        || (!list && risky(key, &[b"state", b"kind", b"channel"]))
                    {
                        return false;
                    }
                } else if in_list && (list || risky(parent, &[b"channels"])) {
                    return false;
                }
                open.push((list, if after_colon { key } else { b"" }));
                after_colon = false;
            }
            b']' | b'}' => {
                open.pop();
                after_colon = false;
            }
            b',' => after_colon = false,
            c if c.is_ascii_whitespace() => {}
            _ => after_colon = false,
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    #[test]
    fn a_map_survives_writing_and_reading() {
        let map = template::ecommerce("m1");
        assert_eq!(from_str(&to_string(&map)).unwrap(), map);
        assert_eq!(from_str(&to_string_pretty(&map)).unwrap(), map);
    }

    #[test]
    fn bad_documents_say_where_and_what() {
        let cases = [
            ("", "the document is empty"),
            ("{\n  \"format\": ", "line 2, column"),
            (
                r#"{"format":"excalidraw","version":1}"#,
                "format: expected \"journeymap\", found \"excalidraw\"",
            ),
            (
                r#"{"format":"journeymap","version":2}"#,
                "made by a newer Journeymap",
            ),
            (
                r#"{"format":"journeymap","version":1}"#,
                "id: missing (expected a string); title: missing (expected a string)",
            ),
        ];
        for (input, expected) in cases {
            let err = from_str(input).unwrap_err().0;
            assert!(err.contains(expected), "{input:?} gave {err:?}");
        }
    }

    /// `from_str` and the validating reader alone agree on `text`; returns
    /// whether the fast path took it.
    fn same_as_checked(text: &str) -> bool {
        let fast = read_fast(text);
        let checked = read_checked(text);
        if let Some(map) = &fast {
            assert_eq!(Ok(map), checked.as_ref(), "fast path on {text}");
        }
        assert_eq!(from_str(text), checked, "{text}");
        fast.is_some()
    }

    #[test]
    fn written_maps_take_the_fast_path() {
        for key in ["ecommerce", "blueprint", "support"] {
            let mut map = template::build(key, "m1").unwrap();
            map.twin = Some("m2".into());
            map.updated = 1_764_633_600_000.0;
            assert!(same_as_checked(&to_string(&map)), "{key}");
            assert!(same_as_checked(&to_string_pretty(&map)), "{key}");
            assert_eq!(read_fast(&to_string(&map)), Some(map));
        }
    }

    #[test]
    fn writing_with_a_new_edit_time_is_writing_a_stamped_copy() {
        let map = template::ecommerce("m1");
        let mut stamped = map.clone();
        stamped.updated = 1_764_633_600_123.5;
        assert_eq!(to_string_at(&map, stamped.updated), to_string(&stamped));
        // The same bytes as the model's own serialization after the head.
        let own = serde_json::to_string(&stamped).unwrap();
        let doc = to_string(&stamped);
        assert_eq!(
            doc,
            format!("{{\"format\":\"journeymap\",\"version\":1,{}", &own[1..])
        );
    }

    /// Documents that serde would read but the validating reader refuses or
    /// reads differently: each must come out as the validating reader says.
    #[test]
    fn what_serde_reads_more_leniently_is_left_to_the_validating_reader() {
        use serde_json::{json, Value};
        let mut base = template::ecommerce("m1");
        base.personas[0].channels = vec![crate::model::Channel::Web];
        let doc: Value = serde_json::from_str(&to_string(&base)).unwrap();
        let edit = |f: &dyn Fn(&mut Value)| {
            let mut d = doc.clone();
            f(&mut d);
            d.to_string()
        };
        let first_step = doc["stages"][0]["steps"][0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let tp_lane = base
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::Touchpoints)
            .unwrap();
        let text_lane = base
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::Text)
            .unwrap();
        let emotion_lane = base
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::Emotion)
            .unwrap();
        let cell = |lane: usize, v: Value| {
            let step = first_step.clone();
            move |d: &mut Value| d["lanes"][lane]["cells"][&step] = v.clone()
        };
        let cases: Vec<(&str, String)> = vec![
            (
                "a step as a list",
                edit(&|d| d["stages"][0]["steps"][0] = json!([first_step, "Step"])),
            ),
            (
                "a stage as a list",
                edit(&|d| d["stages"][1] = json!(["sX", "Stage", "", []])),
            ),
            (
                "a persona as a list",
                edit(&|d| d["personas"][0] = json!(["p9", "Someone"])),
            ),
            (
                "the scale as a list",
                edit(&|d| d["scale"] = json!([-2, 2])),
            ),
            (
                "the document as a list",
                edit(&|d| *d = json!(["journeymap", 1, "m1", "t"])),
            ),
            (
                "a touchpoint as a list",
                edit(&cell(tp_lane, json!([["web", "note"]]))),
            ),
            (
                "a state as an object",
                edit(&|d| d["state"] = json!({"future": null})),
            ),
            (
                "a kind as an object",
                edit(&|d| d["lanes"][0]["kind"] = json!({"text": null})),
            ),
            (
                "a channel as an object",
                edit(&cell(tp_lane, json!([{"channel": {"web": null}}]))),
            ),
            (
                "channels as objects",
                edit(&|d| d["personas"][0]["channels"] = json!([{"web": null}])),
            ),
            (
                "a null description",
                edit(&|d| d["description"] = Value::Null),
            ),
            ("a null state", edit(&|d| d["state"] = Value::Null)),
            ("a null scale", edit(&|d| d["scale"] = Value::Null)),
            ("null stages", edit(&|d| d["stages"] = Value::Null)),
            ("a null cell", edit(&cell(text_lane, Value::Null))),
            (
                "a null note",
                edit(&cell(tp_lane, json!([{"channel": "web", "note": null}]))),
            ),
            (
                "an empty list in a text lane",
                edit(&cell(text_lane, json!([]))),
            ),
            (
                "blank items in a text lane",
                edit(&cell(text_lane, json!(["", " "]))),
            ),
            (
                "a blank text in an emotion lane",
                edit(&cell(emotion_lane, json!(" "))),
            ),
            (
                "an empty list in a touchpoints lane",
                edit(&cell(tp_lane, json!([]))),
            ),
            (
                "an empty cell of a missing step",
                edit(&|d| d["lanes"][0]["cells"]["nowhere"] = json!("")),
            ),
            (
                "a missing step",
                edit(&|d| d["lanes"][0]["cells"]["nowhere"] = json!("x")),
            ),
            ("version 1.0", edit(&|d| d["version"] = json!(1.0))),
            ("version 2", edit(&|d| d["version"] = json!(2))),
            (
                "a backup's format",
                edit(&|d| d["format"] = json!("journeymap-backup")),
            ),
            (
                "no format",
                edit(&|d| {
                    d.as_object_mut().unwrap().remove("format");
                }),
            ),
            ("an unusable id", edit(&|d| d["id"] = json!("not an id!"))),
            (
                "an unusable twin",
                edit(&|d| d["twin"] = json!("not an id!")),
            ),
            (
                "a script avatar",
                edit(&|d| d["personas"][0]["avatar"] = json!("javascript:alert(1)")),
            ),
            (
                "a repeated channel",
                edit(&|d| d["personas"][0]["channels"] = json!(["web", "web"])),
            ),
            (
                "a long title",
                edit(&|d| d["title"] = json!("é".repeat(20_001))),
            ),
            (
                "a title at the limit",
                edit(&|d| d["title"] = json!("é".repeat(20_000))),
            ),
            (
                "a duplicate id",
                edit(&|d| d["lanes"][1]["id"] = d["lanes"][0]["id"].clone()),
            ),
            (
                "an unknown persona",
                edit(&|d| d["lanes"][emotion_lane]["persona"] = json!("nobody")),
            ),
            ("min above max", edit(&|d| d["scale"]["min"] = json!(5))),
            (
                "unknown fields",
                edit(&|d| {
                    d["extra"] = json!({"a": null, "b": [1]});
                    d["lanes"][0]["x"] = json!(1);
                }),
            ),
            (
                "an unknown field holding lists",
                edit(&|d| d["extra"] = json!([[1], {"a": null}])),
            ),
            (
                "a value outside the scale",
                edit(&cell(emotion_lane, json!(9))),
            ),
            (
                "a metric in a touchpoints lane",
                edit(&cell(tp_lane, json!([{"name": "NPS", "value": 1}]))),
            ),
            (
                "a touchpoint that could be a metric",
                edit(&cell(
                    base.lanes
                        .iter()
                        .position(|l| l.kind == LaneKind::Metrics)
                        .unwrap(),
                    json!([{"name": "NPS", "channel": "web"}]),
                )),
            ),
        ];
        // Each reads as the validating reader reads it (refused, or to the
        // same map): `same_as_checked` fails on any difference.
        let fast: Vec<&str> = cases
            .iter()
            .filter(|(_, text)| same_as_checked(text))
            .map(|(what, _)| *what)
            .collect();
        // Those the fast path may take: read by both to the same map.
        assert_eq!(
            fast,
            [
                "an empty list in a touchpoints lane",
                "a title at the limit",
                "unknown fields",
                "a value outside the scale",
            ]
        );
        // Written with an escaped key, or a key given twice: left to it too.
        let text = to_string(&base);
        for odd in [
            text.replacen("\"state\"", "\"st\\u0061te\"", 1),
            text.replacen("\"version\":1,", "\"version\":1,\"format\":\"other\",", 1),
            text.replacen("\"version\":1,", "\"version\":1,\"version\":1,", 1),
            format!("\u{feff}{text}"),
            format!("{text} "),
            String::new(),
        ] {
            same_as_checked(&odd);
        }
        assert!(!same_as_checked(&text.replacen(
            "\"version\":1,",
            "\"version\":1,\"format\":\"other\",",
            1
        )));
    }

    #[test]
    fn dangling_cells_are_refused() {
        let mut map = template::ecommerce("m1");
        map.lanes[0]
            .cells
            .insert("t99".into(), crate::model::Cell::Text("x".into()));
        let err = from_str(&to_string(&map)).unwrap_err().0;
        assert_eq!(err, "lanes[0].cells: step \"t99\" does not exist");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use crate::format::validate::arb;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_written_map_takes_the_fast_path_to_the_same_map(map in arb::map()) {
            for text in [to_string(&map), to_string_pretty(&map)] {
                prop_assert_eq!(read_fast(&text), Some(map.clone()));
                prop_assert_eq!(read_checked(&text), Ok(map.clone()));
            }
        }

        #[test]
        fn any_damaged_document_reads_as_the_validating_reader_says(doc in arb::mutated_document()) {
            let text = doc.to_string();
            let checked = read_checked(&text);
            if let Some(map) = read_fast(&text) {
                prop_assert_eq!(Ok(map), checked.clone());
            }
            prop_assert_eq!(from_str(&text), checked);
        }

        #[test]
        fn any_json_reads_as_the_validating_reader_says(v in arb::json_value()) {
            let text = v.to_string();
            prop_assert_eq!(from_str(&text), read_checked(&text));
        }

        #[test]
        fn documents_are_written_byte_for_byte_as_before(map in arb::map()) {
            // The writer of earlier builds: the head, then the model's fields.
            #[derive(Serialize)]
            struct Before<'a> {
                format: &'static str,
                version: u32,
                #[serde(flatten)]
                map: &'a JourneyMap,
            }
            let before = Before { format: FORMAT, version: VERSION, map: &map };
            prop_assert_eq!(to_string(&map), serde_json::to_string(&before).unwrap());
            prop_assert_eq!(to_string_pretty(&map), serde_json::to_string_pretty(&before).unwrap());
        }

        #[test]
        fn a_stamped_write_is_a_write_of_a_stamped_copy(map in arb::map(), t in arb::finite()) {
            let mut copy = map.clone();
            copy.updated = t;
            prop_assert_eq!(to_string_at(&map, t), to_string(&copy));
        }
    }
}
