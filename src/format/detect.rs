//! Telling what a file or pasted text is, and reading it.

use super::json;
use crate::model::JourneyMap;

/// What an import holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// One map, with notes for the user (such as what was adjusted).
    Map { map: JourneyMap, notes: Vec<String> },
    /// A backup of several maps.
    Bundle(Vec<JourneyMap>),
}

/// The `format` of a backup of every map.
pub const BACKUP_FORMAT: &str = "journeymap-backup";

/// Reads a `.journey.json` document or a backup. `new_id` names a map that
/// arrives without an id of its own.
pub fn read_any(text: &str, new_id: &str) -> Result<Incoming, String> {
    let _ = new_id;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err("it is empty".into());
    }
    if trimmed.starts_with('{') {
        if is_backup(trimmed) {
            return read_backup(trimmed).map(Incoming::Bundle);
        }
        return json::from_str(trimmed)
            .map(|map| Incoming::Map {
                map,
                notes: Vec::new(),
            })
            .map_err(|e| e.0);
    }
    Err(
        "this is not a Journeymap file: expected a .journey.json document (it starts with \"{\")"
            .into(),
    )
}

fn is_backup(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    serde_json::from_str::<Head>(text)
        .ok()
        .and_then(|h| h.format)
        .as_deref()
        == Some(BACKUP_FORMAT)
}

fn read_backup(text: &str) -> Result<Vec<JourneyMap>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let maps = value
        .get("maps")
        .and_then(|m| m.as_array())
        .ok_or("maps: expected a list of maps")?;
    maps.iter()
        .enumerate()
        .map(|(i, m)| json::from_str(&m.to_string()).map_err(|e| format!("maps[{i}]: {}", e.0)))
        .collect()
}

/// Writes every map as one backup document.
pub fn write_backup(maps: &[JourneyMap]) -> String {
    let docs: Vec<String> = maps.iter().map(json::to_string_pretty).collect();
    format!(
        "{{\n\"format\": \"{BACKUP_FORMAT}\",\n\"version\": 1,\n\"maps\": [\n{}\n]\n}}\n",
        docs.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    #[test]
    fn a_map_and_a_backup_are_told_apart() {
        let map = template::ecommerce("a");
        match read_any(&json::to_string(&map), "n").unwrap() {
            Incoming::Map { map: m, .. } => assert_eq!(m, map),
            other => panic!("{other:?}"),
        }
        let b = JourneyMap::blank("b", "B");
        let backup = write_backup(&[map.clone(), b.clone()]);
        assert_eq!(
            read_any(&backup, "n").unwrap(),
            Incoming::Bundle(vec![map, b])
        );
    }

    #[test]
    fn a_bad_map_inside_a_backup_is_named_by_its_place() {
        let backup = format!(
            "{{\"format\":\"{BACKUP_FORMAT}\",\"version\":1,\"maps\":[{},{{\"format\":\"x\"}}]}}",
            json::to_string(&template::ecommerce("a"))
        );
        let err = read_any(&backup, "n").unwrap_err();
        assert!(err.starts_with("maps[1]: format:"), "{err}");
    }

    #[test]
    fn empty_and_foreign_text_is_refused_with_a_reason() {
        assert_eq!(read_any("  \n", "n").unwrap_err(), "it is empty");
        assert!(read_any("hello", "n")
            .unwrap_err()
            .contains("not a Journeymap file"));
    }
}
