//! The `.journey.json` document: a [`JourneyMap`] with a format marker and
//! a version, so that files and stored entries say what they are.

use crate::model::{JourneyMap, Lane, MapState, Persona, Scale, Stage};
use serde::Serialize;
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

/// Writes a map as an indented document, for files people may read: the
/// compact document, indented by [`indent`] (the same bytes as serde_json's
/// pretty printer, without a second copy of every model type's serializer
/// in the bundle).
pub fn to_string_pretty(map: &JourneyMap) -> String {
    indent(&to_string(map))
}

/// Indents compact JSON as serde_json's pretty printer does: two spaces a
/// level, `": "` after keys, and `[]` and `{}` for empty lists and objects.
/// `compact` must hold no whitespace outside strings (as serde_json writes).
fn indent(compact: &str) -> String {
    let b = compact.as_bytes();
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    // Runs of bytes copied as they are (strings, numbers, literals).
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let special = matches!(c, b'{' | b'[' | b'}' | b']' | b',' | b':' | b'"');
        if !special {
            i += 1;
            continue;
        }
        out.push_str(&compact[copied..i]);
        match c {
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(b.len());
                out.push_str(&compact[start..i]);
                copied = i;
                continue;
            }
            b'{' | b'[' => {
                let close = if c == b'{' { b'}' } else { b']' };
                if b.get(i + 1) == Some(&close) {
                    out.push(c as char);
                    out.push(close as char);
                    i += 2;
                    copied = i;
                    continue;
                }
                out.push(c as char);
                depth += 1;
                newline(&mut out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c as char);
            }
            b',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            _ => out.push_str(": "),
        }
        i += 1;
        copied = i;
    }
    out.push_str(&compact[copied.min(b.len())..]);
    out
}

/// Reads a document that must carry its own id, with every problem located
/// (see [`super::validate`]). Empty cells are dropped; warnings, such as
/// values outside the scale, are not returned here: use
/// [`super::validate::read_map`] to show them.
///
/// Stored maps, versions, other tabs' saves and share links all come here,
/// through the validating reader. (A plain serde read of documents this
/// program wrote opened 2,000 steps about 10 ms sooner in Chromium, but its
/// code added 17.8 KB gz to the editor: see `docs/performance-log.md`.)
pub fn from_str(text: &str) -> Result<JourneyMap, ReadError> {
    super::validate::read_map(text, None)
        .map(|(map, _warnings)| map)
        .map_err(|problems| ReadError(super::validate::join(&problems)))
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

    #[test]
    fn indenting_is_what_serde_json_pretty_prints() {
        let value = serde_json::json!({
            "a": [], "b": {}, "c": [1, -2.5, 1e300, true, null],
            "d": {"e": "x,y:{z}[w]", "f": "say \"hi\", \\ then {", "g": "é\u{1}\n"},
            "h": [[], [{}], {"i": [[1]]}], "": ""
        });
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(
            indent(&compact),
            serde_json::to_string_pretty(&value).unwrap()
        );
        assert_eq!(indent("[]"), "[]");
        assert_eq!(indent("\"{\""), "\"{\"");
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
        fn any_written_map_reads_back_to_the_same_map(map in arb::map()) {
            for text in [to_string(&map), to_string_pretty(&map)] {
                prop_assert_eq!(from_str(&text), Ok(map.clone()));
            }
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
        fn an_indented_document_is_serde_json_pretty_output(map in arb::map()) {
            prop_assert_eq!(
                to_string_pretty(&map),
                serde_json::to_string_pretty(&Out::new(&map, map.updated)).unwrap()
            );
        }

        #[test]
        fn any_json_is_indented_as_serde_json_does(v in arb::json_value()) {
            prop_assert_eq!(indent(&v.to_string()), serde_json::to_string_pretty(&v).unwrap());
        }

        #[test]
        fn a_stamped_write_is_a_write_of_a_stamped_copy(map in arb::map(), t in arb::finite()) {
            let mut copy = map.clone();
            copy.updated = t;
            prop_assert_eq!(to_string_at(&map, t), to_string(&copy));
        }
    }
}
