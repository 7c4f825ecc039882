//! Telling what a file or pasted text is, and reading it: a
//! `.journey.json` document, a backup of several maps, or a Mermaid
//! `journey` diagram, or an SVG or PNG picture exported by Journeymap,
//! which carries the map's JSON inside.

use super::{mermaid, png, svg, validate};
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
    if svg::looks_like_svg(trimmed) {
        let json = svg::extract(trimmed)?;
        if svg::looks_like_svg(&json) {
            return Err(svg::NO_MAP.into());
        }
        return read_any(&json, new_id);
    }
    if mermaid::is_journey(trimmed) {
        // Untrimmed, so that line numbers count from the top and a last
        // task's blank score (`Pay: `) reads as Mermaid reads it.
        let (map, notes) = mermaid::parse(text, new_id).map_err(|p| validate::join(&p))?;
        // What the diagram made must read back as a stored map, or it would
        // be set aside as broken the first time it is opened.
        validate::read_map(&super::json::to_string(&map), None).map_err(|p| {
            format!(
                "the map it makes could not be stored ({})",
                validate::join(&p)
            )
        })?;
        return Ok(Incoming::Map { map, notes });
    }
    Err(
        "this is neither a Journeymap file (.journey.json, which starts with \"{\"), \
         an SVG or PNG exported by Journeymap, nor a Mermaid journey (which starts \
         with \"journey\")"
            .into(),
    )
}

/// True when pasted `text` is meant as a file to import (a
/// `.journey.json`, a backup, an SVG, a Mermaid journey) rather than as
/// text for a cell.
pub fn looks_like_a_file(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with(['{', '[', '<']) || mermaid::is_journey(t)
}

/// The text inside a file's bytes: for a PNG, the map's JSON from its
/// `journeymap` chunk; otherwise the bytes as UTF-8 (an SVG is then read
/// by [`read_any`]).
pub fn file_text(bytes: &[u8]) -> Result<String, String> {
    if png::is_png(bytes) {
        return match png::find_text(bytes, png::KEYWORD)? {
            Some(json) => Ok(json),
            None => Err(svg::NO_MAP.into()),
        };
    }
    // Other pictures say what they are: only Journeymap's PNG and SVG carry a map.
    let picture = match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("a JPEG picture"),
        [b'G', b'I', b'F', b'8', ..] => Some("a GIF picture"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("a WebP picture"),
        [b'%', b'P', b'D', b'F', ..] => Some("a PDF document"),
        _ => None,
    };
    if let Some(what) = picture {
        return Err(format!(
            "this is {what}, which holds no map: Journeymap reads .journey.json and .mmd \
             files, and the SVG and PNG pictures it exports"
        ));
    }
    // UTF-16 with its byte-order mark: Notepad's "Unicode".
    let utf16 = match bytes {
        [0xFF, 0xFE, rest @ ..] => Some((rest, u16::from_le_bytes as fn([u8; 2]) -> u16)),
        [0xFE, 0xFF, rest @ ..] => Some((rest, u16::from_be_bytes as fn([u8; 2]) -> u16)),
        _ => None,
    };
    if let Some((rest, unit)) = utf16 {
        if rest.len() % 2 != 0 {
            return Err(
                "this UTF-16 text is cut short (an odd number of bytes); save it as UTF-8".into(),
            );
        }
        let units = rest.chunks_exact(2).map(|p| unit([p[0], p[1]]));
        return char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| {
                "this UTF-16 text is damaged (a lone surrogate); save it as UTF-8".to_string()
            });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(format!(
            "this is neither a Journeymap file nor an image exported by Journeymap \
             (it is not UTF-8 text: invalid byte at offset {}; a text file must be \
             saved as UTF-8)",
            e.valid_up_to()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::json;
    use crate::model::template;

    #[test]
    fn a_mermaid_files_lines_count_from_its_top_and_its_last_blank_score_reads() {
        // Blank lines before "journey" count: the error names the line in the file.
        let e = read_any("\n\njourney\n  No colon\n", "m").unwrap_err();
        assert!(e.starts_with("line 4:"), "{e}");
        // A last task with a blank score, as Mermaid reads it (score left empty).
        let Ok(Incoming::Map { map, notes }) = read_any("journey\n  A: 3\n  blank: ", "m") else {
            panic!("refused");
        };
        assert_eq!(map.step_count(), 2);
        assert!(
            notes.iter().any(|n| n.contains("has no score")),
            "{notes:?}"
        );
    }

    #[test]
    fn other_pictures_say_what_they_are() {
        let e = file_text(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F']).unwrap_err();
        assert!(
            e.starts_with("this is a JPEG picture, which holds no map"),
            "{e}"
        );
        assert!(file_text(b"GIF89a\x01\x00")
            .unwrap_err()
            .contains("a GIF picture"));
        assert!(file_text(b"RIFF\x10\0\0\0WEBPVP8 ")
            .unwrap_err()
            .contains("a WebP picture"));
        assert!(file_text(b"%PDF-1.7\n")
            .unwrap_err()
            .contains("a PDF document"));
    }

    #[test]
    fn utf16_files_with_their_mark_are_read() {
        let text = "journey\n  title Café ☕\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(file_text(&le).as_deref(), Ok(text));
        assert_eq!(file_text(&be).as_deref(), Ok(text));
        // A lone surrogate says what to do.
        let bad = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        assert!(file_text(&bad).unwrap_err().contains("save it as UTF-8"));
        // Other bytes that are not UTF-8 name the offset and the fix.
        let e = file_text(b"ab\xffcd").unwrap_err();
        assert!(e.contains("offset 2") && e.contains("UTF-8"), "{e}");
    }

    #[test]
    fn pasted_files_are_told_from_pasted_text() {
        for file in [
            "{\"format\": \"journeymap\"}",
            " [1]",
            "<svg/>",
            "\u{feff}journey\ntitle x",
            "---\ntitle: x\n---\njourney",
        ] {
            assert!(looks_like_a_file(file), "{file}");
        }
        for text in [
            "Reads the reviews",
            "journeys are long",
            "- a\n- b",
            "3 < 4",
        ] {
            assert!(!looks_like_a_file(text), "{text}");
        }
    }

    #[test]
    fn a_journey_whose_front_matter_is_left_open_says_so_at_its_line() {
        let e = read_any("---\ntitle: x\njourney\n  section A\n    T: 3: Me\n", "n").unwrap_err();
        assert!(
            e.contains("line 1: the front matter opened with \"---\" is not closed"),
            "{e}"
        );
    }

    #[test]
    fn a_mermaid_journey_whose_map_would_not_read_back_is_refused() {
        // Under the size limit as Mermaid, over it as a stored map: every
        // backslash is two characters in JSON.
        let name = "\\".repeat(1_900);
        let mut text = String::from("journey\nsection S\n");
        for _ in 0..5_000 {
            text.push_str(&name);
            text.push_str(": 3\n");
        }
        assert!(text.len() < validate::MAX_BYTES);
        let e = read_any(&text, "n").unwrap_err();
        assert!(
            e.starts_with("the map it makes could not be stored ("),
            "{e}"
        );
        assert!(e.contains("the limit is 10 MB"), "{e}");
        // Half as many tasks fit, and read back.
        let half: String = text.lines().take(2_502).collect::<Vec<_>>().join("\n");
        assert!(matches!(read_any(&half, "n"), Ok(Incoming::Map { .. })));
    }

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
    fn svg_and_png_exports_open_as_the_map() {
        let map = template::ecommerce("a");
        let svg = svg::export(&map);
        match read_any(&svg, "n").unwrap() {
            Incoming::Map { map: m, .. } => assert_eq!(m, map),
            other => panic!("{other:?}"),
        }
        assert_eq!(file_text(svg.as_bytes()).unwrap(), svg);
        let mut bare = png::SIGNATURE.to_vec();
        bare.extend([0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]);
        assert_eq!(file_text(&bare).unwrap_err(), svg::NO_MAP);
        let with = png::insert_text(&bare, png::KEYWORD, &json::to_string(&map)).unwrap();
        match read_any(&file_text(&with).unwrap(), "n").unwrap() {
            Incoming::Map { map: m, .. } => assert_eq!(m, map),
            other => panic!("{other:?}"),
        }
        assert!(file_text(&[0xff, 0xfd, 0x00])
            .unwrap_err()
            .contains("not UTF-8 text"));
        assert!(file_text(&[0xff, 0xfe, 0x00])
            .unwrap_err()
            .contains("cut short"));
    }

    #[test]
    fn images_without_a_map_say_so() {
        for text in [
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>",
            "<?xml version=\"1.0\"?><svg><metadata>x</metadata></svg>",
            "<svg><metadata><journeymap>&lt;svg</journeymap></metadata></svg>",
        ] {
            assert_eq!(read_any(text, "n").unwrap_err(), svg::NO_MAP, "{text}");
        }
        let broken =
            "<svg><metadata><journeymap>{\"format\":\"journeymap\"</journeymap></metadata></svg>";
        assert!(read_any(broken, "n").unwrap_err().contains("line 1"));
    }

    #[test]
    fn empty_and_foreign_text_is_refused_with_a_reason() {
        assert_eq!(read_any("  \n", "n").unwrap_err(), "it is empty");
        assert!(read_any("hello", "n")
            .unwrap_err()
            .contains("neither a Journeymap file"));
    }
}
