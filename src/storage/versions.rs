//! Saved versions of a map: the last [`KEEP`], thinned over time, stored
//! compactly under `journeymap:history:<id>`.
//!
//! The newest version is stored compressed on its own; each older one as a
//! delta against the next newer one, so a version costs a few hundred
//! characters. The compressed bytes are packed 15 bits to a character, which
//! local storage counts as one unit.

use crate::format::{json, share};
use crate::model::diff;
use serde::{Deserialize, Serialize};

/// Prefix of the key holding a map's saved versions.
pub const HISTORY_PREFIX: &str = "journeymap:history:";
/// How many versions a map keeps.
pub const KEEP: usize = 20;
/// A version is kept when the stored copy has rested this long (ms)...
pub const REST: f64 = 60_000.0;
/// ...or when the newest version is this old (ms) during long editing.
pub const EVERY: f64 = 10.0 * 60_000.0;
/// Maps whose text is longer get no versions: compressing them on save
/// would cost too much. Their undo and backups still work.
pub const MAX_TEXT: usize = 1024 * 1024;

/// One saved version, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// When this version was saved (ms since the epoch).
    pub saved: f64,
    /// What changed since the version before it, in one line.
    pub summary: String,
    /// The stored `.journey.json` text.
    pub text: String,
}

#[derive(Serialize, Deserialize, Clone)]
struct Entry {
    saved: f64,
    summary: String,
    /// Length of the compressed bytes.
    len: usize,
    /// The compressed bytes, packed.
    data: String,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    versions: Vec<Entry>,
}

/// Reads the stored versions, oldest first.
pub fn decode(raw: &str) -> Result<Vec<Version>, String> {
    Chain::read(raw).map(|c| c.versions)
}

/// Writes versions (oldest first) for [`decode`].
pub fn encode(versions: &[Version]) -> String {
    Chain::default().write(versions)
}

/// Stored versions with their encoded form, so that writing a changed list
/// compresses only the entries whose newer neighbour changed.
#[derive(Default)]
pub struct Chain {
    /// The versions, oldest first.
    pub versions: Vec<Version>,
    entries: Vec<Entry>,
}

impl Chain {
    /// Reads stored versions.
    pub fn read(raw: &str) -> Result<Chain, String> {
        let stored: Stored =
            serde_json::from_str(raw).map_err(|e| format!("their stored text is damaged ({e})"))?;
        let mut versions: Vec<Version> = Vec::with_capacity(stored.versions.len());
        let mut newer: Option<String> = None;
        for e in stored.versions.iter().rev() {
            let bytes = unpack(&e.data, e.len)?;
            let dict = newer.as_deref().unwrap_or("").as_bytes();
            let text = share::decompress_with(dict, &bytes)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or("a saved version is damaged")?;
            newer = Some(text.clone());
            versions.push(Version {
                saved: e.saved,
                summary: e.summary.clone(),
                text,
            });
        }
        versions.reverse();
        Ok(Chain {
            versions,
            entries: stored.versions,
        })
    }

    /// Writes `versions`, reusing this chain's compressed entries where a
    /// version and the one after it are unchanged.
    pub fn write(&self, versions: &[Version]) -> String {
        let old = &self.versions;
        let entries = versions
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let newer = versions.get(i + 1).map(|n| &n.text);
                let reuse = old
                    .iter()
                    .position(|o| o.saved == v.saved && o.text == v.text)
                    .filter(|&j| {
                        old.get(j + 1).map(|n| &n.text) == newer && j < self.entries.len()
                    });
                if let Some(j) = reuse {
                    return Entry {
                        summary: v.summary.clone(),
                        ..self.entries[j].clone()
                    };
                }
                let dict = newer.map_or(&b""[..], |t| t.as_bytes());
                let bytes = share::compress_with(dict, v.text.as_bytes());
                Entry {
                    saved: v.saved,
                    summary: v.summary.clone(),
                    len: bytes.len(),
                    data: pack(&bytes),
                }
            })
            .collect();
        serde_json::to_string(&Stored { versions: entries }).unwrap_or_default()
    }
}

/// The time of the newest stored version, read without decoding any.
pub fn newest(raw: &str) -> Option<f64> {
    #[derive(Deserialize)]
    struct Saved {
        saved: f64,
    }
    #[derive(Deserialize)]
    struct Light {
        versions: Vec<Saved>,
    }
    serde_json::from_str::<Light>(raw)
        .ok()?
        .versions
        .last()
        .map(|v| v.saved)
}

/// The one-line summary of `newer` against the version before it.
pub fn summarize(older: Option<&str>, newer: &str) -> String {
    let Some(older) = older else {
        return "Earliest saved version".into();
    };
    match (json::from_str(older), json::from_str(newer)) {
        (Ok(a), Ok(b)) => diff::summary(&diff::changes(&a, &b)),
        _ => "Changed".into(),
    }
}

/// True when the stored copy saved at `stored` should become a version
/// before it is overwritten at `now`, given the newest version's time.
pub fn due(newest: Option<f64>, stored: f64, now: f64) -> bool {
    match newest {
        None => true,
        Some(t) if t >= stored => false,
        Some(t) => now - stored >= REST || stored - t >= EVERY,
    }
}

/// Adds `text` saved at `saved` as the newest version and thins the list
/// to [`KEEP`]: the oldest stays, and of the rest the one closest to its
/// neighbours for its age goes first, so old versions grow sparse.
pub fn push(versions: &mut Vec<Version>, saved: f64, text: String) {
    if versions.last().is_some_and(|v| v.text == text) {
        return;
    }
    let summary = summarize(versions.last().map(|v| v.text.as_str()), &text);
    versions.push(Version {
        saved,
        summary,
        text,
    });
    thin(versions, saved);
}

/// Thins `versions` (oldest first) to [`KEEP`] as of `now`.
fn thin(versions: &mut Vec<Version>, now: f64) {
    while versions.len() > KEEP {
        let drop = (1..versions.len() - 1)
            .min_by(|&a, &b| {
                let score = |i: usize| {
                    (versions[i + 1].saved - versions[i - 1].saved)
                        / (now - versions[i].saved + 1.0)
                };
                score(a).total_cmp(&score(b))
            })
            .unwrap_or(1);
        versions.remove(drop);
        // The next one now follows an earlier version.
        let older = versions[drop - 1].text.clone();
        versions[drop].summary = summarize(Some(&older), &versions[drop].text);
    }
}

/// Merges versions from a backup into a map's own: the union by time,
/// summaries recomputed, thinned to [`KEEP`].
pub fn merge(versions: &mut Vec<Version>, incoming: Vec<Version>) {
    for v in incoming {
        if !versions
            .iter()
            .any(|o| o.saved == v.saved && o.text == v.text)
        {
            versions.push(v);
        }
    }
    versions.sort_by(|a, b| a.saved.total_cmp(&b.saved));
    for i in 0..versions.len() {
        let older = i.checked_sub(1).map(|j| versions[j].text.clone());
        versions[i].summary = summarize(older.as_deref(), &versions[i].text);
    }
    let now = versions.last().map_or(0.0, |v| v.saved);
    thin(versions, now);
}

/// The `history` member of a backup: for each map id, its versions as
/// plain map documents, oldest first.
pub fn to_backup(all: &[(String, Vec<Version>)]) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for (id, list) in all {
        let docs: Vec<serde_json::Value> = list
            .iter()
            .filter_map(|v| {
                let map: serde_json::Value = serde_json::from_str(&v.text).ok()?;
                Some(serde_json::json!({ "saved": v.saved, "summary": v.summary, "map": map }))
            })
            .collect();
        if !docs.is_empty() {
            out.insert(id.clone(), docs.into());
        }
    }
    out.into()
}

/// Reads the `history` member of a backup. Versions that do not read are
/// skipped: a backup's maps matter more than their past.
pub fn from_backup(doc: &serde_json::Value) -> Vec<(String, Vec<Version>)> {
    let Some(all) = doc.get("history").and_then(|h| h.as_object()) else {
        return Vec::new();
    };
    all.iter()
        .map(|(id, list)| {
            let versions = list
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| {
                    let saved = v.get("saved")?.as_f64()?;
                    let (map, _) =
                        crate::format::validate::map_from_value(v.get("map")?, None).ok()?;
                    Some(Version {
                        saved,
                        summary: String::new(),
                        text: json::to_string(&map),
                    })
                })
                .collect();
            (id.clone(), versions)
        })
        .collect()
}

/// Packs bytes 15 bits to a character (U+0020 to U+801F, no surrogates).
fn pack(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = ((acc << 8) | b as u32) & 0xff_ffff;
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(char::from_u32(0x20 + ((acc >> bits) & 0x7fff)).unwrap_or(' '));
        }
    }
    if bits > 0 {
        out.push(char::from_u32(0x20 + ((acc << (15 - bits)) & 0x7fff)).unwrap_or(' '));
    }
    out
}

/// Reverses [`pack`] for `len` bytes.
fn unpack(text: &str, len: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.chars() {
        let v = (c as u32)
            .checked_sub(0x20)
            .filter(|v| *v <= 0x7fff)
            .ok_or("a saved version is damaged")?;
        acc = ((acc << 15) | v) & 0x3f_ffff;
        bits += 15;
        while bits >= 8 && out.len() < len {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if out.len() != len {
        return Err("a saved version is cut short".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    fn text(title: &str) -> String {
        let mut m = template::ecommerce("m");
        m.title = title.into();
        json::to_string(&m)
    }

    #[test]
    fn packing_round_trips_every_length() {
        for n in 0..64usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 151 % 256) as u8).collect();
            let packed = pack(&bytes);
            assert!(packed.chars().count() <= (n * 8).div_ceil(15));
            assert_eq!(unpack(&packed, n).unwrap(), bytes);
        }
        assert!(unpack("\u{1}", 1).is_err());
        assert!(unpack("", 3).is_err());
    }

    #[test]
    fn versions_round_trip_and_cost_little() {
        let mut list = Vec::new();
        for i in 0..KEEP {
            push(&mut list, i as f64 * 1e6, text(&format!("Title {i}")));
        }
        let raw = encode(&list);
        assert_eq!(decode(&raw).unwrap(), list);
        let one = text("x").len();
        assert!(
            raw.chars().count() < one,
            "{KEEP} versions take {} characters, less than one map's {one}",
            raw.chars().count()
        );
        assert_eq!(list[0].summary, "Earliest saved version");
        assert_eq!(
            list[1].summary,
            "Renamed the map to \u{201c}Title 1\u{201d}"
        );
    }

    #[test]
    fn thinning_keeps_the_oldest_and_the_newest_and_spreads_the_rest() {
        let mut list = Vec::new();
        let minute = 60_000.0;
        for i in 0..200 {
            push(&mut list, i as f64 * minute, text(&format!("T{i}")));
        }
        assert_eq!(list.len(), KEEP);
        assert_eq!(list[0].text, text("T0"));
        assert_eq!(list[KEEP - 1].text, text("T199"));
        let gaps: Vec<f64> = list.windows(2).map(|w| w[1].saved - w[0].saved).collect();
        assert!(
            gaps[0] > gaps[KEEP - 2],
            "older versions are further apart: {gaps:?}"
        );
        // Each summary still describes the step from the version before it.
        for w in list.windows(2) {
            assert_eq!(w[1].summary, summarize(Some(&w[0].text), &w[1].text));
        }
    }

    #[test]
    fn a_version_is_taken_when_the_stored_copy_rested_or_editing_ran_long() {
        assert!(due(None, 5.0, 6.0));
        assert!(!due(Some(0.0), 1_000.0, 2_000.0), "typing: not yet");
        assert!(due(Some(0.0), 1_000.0, 1_000.0 + REST), "after a pause");
        assert!(due(Some(0.0), EVERY, EVERY + 1.0), "after long editing");
        assert!(!due(Some(10.0), 10.0, 1e9), "already kept");
    }

    #[test]
    fn versions_travel_in_a_backup_and_merge_without_loss() {
        let mut mine = Vec::new();
        push(&mut mine, 1.0, text("One"));
        push(&mut mine, 3.0, text("Three"));
        let mut theirs = Vec::new();
        push(&mut theirs, 2.0, text("Two"));
        push(&mut theirs, 3.0, text("Three"));
        let doc = serde_json::json!({ "history": to_backup(&[("m".into(), theirs)]) });
        let back = from_backup(&doc);
        assert_eq!(back.len(), 1);
        merge(&mut mine, back.into_iter().next().unwrap().1);
        let titles: Vec<String> = mine
            .iter()
            .map(|v| json::from_str(&v.text).unwrap().title)
            .collect();
        assert_eq!(titles, ["One", "Two", "Three"]);
        assert_eq!(mine[1].summary, "Renamed the map to \u{201c}Two\u{201d}");
        // Junk in a backup's history is skipped, not fatal.
        let junk =
            serde_json::json!({ "history": { "m": [1, {"saved": "x"}, {"saved": 1, "map": {}}] } });
        assert!(from_backup(&junk)[0].1.is_empty());
    }

    #[test]
    fn the_newest_time_reads_without_decoding() {
        let mut list = Vec::new();
        push(&mut list, 5.0, text("a"));
        push(&mut list, 9.0, text("b"));
        assert_eq!(newest(&encode(&list)), Some(9.0));
        assert_eq!(newest("junk"), None);
        assert_eq!(newest(&encode(&[])), None);
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        let raw = encode(&[Version {
            saved: 1.0,
            summary: "s".into(),
            text: text("a"),
        }]);
        assert!(decode("not json").is_err());
        let cut = raw.replace("\"len\":", "\"len\":9");
        assert!(decode(&cut).is_err());
    }
}
