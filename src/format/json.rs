//! The `.journey.json` document: a [`JourneyMap`] with a format marker and
//! a version, so that files and stored entries say what they are.

use crate::model::JourneyMap;
use serde::{Deserialize, Serialize};
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

#[derive(Deserialize)]
struct Head {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
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

fn located(e: serde_json::Error) -> ReadError {
    if e.line() == 0 {
        ReadError(e.to_string())
    } else {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        ReadError(format!("line {}, column {}: {}", e.line(), e.column(), msg))
    }
}

/// Reads a document. Empty cells are dropped; everything else must fit.
pub fn from_str(text: &str) -> Result<JourneyMap, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError("the document is empty".into()));
    }
    let head: Head = serde_json::from_str(text).map_err(located)?;
    match head.format.as_ref().and_then(|v| v.as_str()) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(ReadError(format!(
                "format: expected \"{FORMAT}\", found \"{other}\""
            )))
        }
        None => {
            return Err(ReadError(format!(
                "format: missing (expected \"{FORMAT}\")"
            )))
        }
    }
    match head.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v <= VERSION as u64 && v >= 1 => {}
        Some(v) if v > VERSION as u64 => {
            return Err(ReadError(format!(
                "version: {v} was made by a newer Journeymap (this one reads up to {VERSION})"
            )))
        }
        _ => {
            return Err(ReadError(
                "version: expected a whole number such as 1".into(),
            ))
        }
    }
    let mut map: JourneyMap = serde_json::from_str(text).map_err(located)?;
    map.normalize();
    if let Some(problem) = map.check().into_iter().next() {
        return Err(ReadError(problem));
    }
    Ok(map)
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
                "missing field `id`",
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
