//! Telling what a file or pasted text is, and reading it: a
//! `.journey.json` document, a backup of several maps, or a Mermaid
//! `journey` diagram.

use super::{mermaid, validate};
use crate::model::JourneyMap;

/// What an import holds.
#[derive(Debug, Clone, PartialEq)]
// One value per import: boxing the map would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Incoming {
    /// One map, with notes for the user (values kept outside the scale,
    /// what a Mermaid diagram could not carry).
    Map { map: JourneyMap, notes: Vec<String> },
    /// A backup of several maps.
    Bundle(Vec<JourneyMap>),
}

/// Reads `text`. `new_id` names a map that arrives without an id of its
/// own (every Mermaid diagram). Errors name where and what.
pub fn read_any(text: &str, new_id: &str) -> Result<Incoming, String> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err("it is empty".into());
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let (doc, warnings) =
            validate::read_document(trimmed, Some(new_id)).map_err(|p| validate::join(&p))?;
        let notes = warnings.iter().map(ToString::to_string).collect();
        return Ok(match doc {
            validate::Document::Map(map) => Incoming::Map { map, notes },
            validate::Document::Backup(maps) => Incoming::Bundle(maps),
        });
    }
    if mermaid::is_journey(trimmed) {
        let (map, notes) = mermaid::parse(trimmed, new_id).map_err(|p| validate::join(&p))?;
        return Ok(Incoming::Map { map, notes });
    }
    Err(
        "this is neither a Journeymap file (.journey.json, which starts with \"{\") \
         nor a Mermaid journey (which starts with \"journey\")"
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::json;
    use crate::model::template;

    #[test]
    fn a_map_a_backup_and_a_mermaid_journey_are_told_apart() {
        let map = template::ecommerce("a");
        match read_any(&json::to_string(&map), "n").unwrap() {
            Incoming::Map { map: m, .. } => assert_eq!(m, map),
            other => panic!("{other:?}"),
        }
        let b = JourneyMap::blank("b", "B");
        let backup = validate::write_backup(&[map.clone(), b.clone()]);
        assert_eq!(
            read_any(&backup, "n").unwrap(),
            Incoming::Bundle(vec![map, b])
        );
        let mmd = "journey\n  title Coffee\n  section Morning\n    Make coffee: 5: Me\n";
        match read_any(mmd, "n").unwrap() {
            Incoming::Map { map, .. } => {
                assert_eq!(map.id, "n");
                assert_eq!(map.title, "Coffee");
                assert_eq!(map.step_count(), 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bad_map_inside_a_backup_is_named_by_its_place() {
        let backup = format!(
            "{{\"format\":\"journeymap-backup\",\"version\":1,\"maps\":[{},{{\"format\":\"x\"}}]}}",
            json::to_string(&template::ecommerce("a"))
        );
        let err = read_any(&backup, "n").unwrap_err();
        assert!(err.contains("maps[1]"), "{err}");
    }

    #[test]
    fn empty_and_foreign_text_is_refused_with_a_reason() {
        assert_eq!(read_any("  \n", "n").unwrap_err(), "it is empty");
        assert!(read_any("hello", "n")
            .unwrap_err()
            .contains("neither a Journeymap file"));
    }
}
