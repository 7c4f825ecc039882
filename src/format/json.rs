//! The `.journey.json` document: a [`JourneyMap`] with a format marker and
//! a version, so that files and stored entries say what they are.

use crate::model::JourneyMap;
use serde::Serialize;
use std::fmt;

/// The value of the `format` field.
pub const FORMAT: &str = "journeymap";
/// The newest version this build reads and the one it writes.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u32,
    #[serde(flatten)]
    map: &'a JourneyMap,
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
    serde_json::to_string(&Out {
        format: FORMAT,
        version: VERSION,
        map,
    })
    .expect("a map always serializes")
}

/// Writes a map as an indented document, for files people may read.
pub fn to_string_pretty(map: &JourneyMap) -> String {
    serde_json::to_string_pretty(&Out {
        format: FORMAT,
        version: VERSION,
        map,
    })
    .expect("a map always serializes")
}

/// Reads a document that must carry its own id, with every problem located
/// (see [`super::validate`]). Empty cells are dropped; warnings, such as
/// values outside the scale, are not returned here: use
/// [`super::validate::read_map`] to show them.
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
    fn dangling_cells_are_refused() {
        let mut map = template::ecommerce("m1");
        map.lanes[0]
            .cells
            .insert("t99".into(), crate::model::Cell::Text("x".into()));
        let err = from_str(&to_string(&map)).unwrap_err().0;
        assert_eq!(err, "lanes[0].cells: step \"t99\" does not exist");
    }
}
