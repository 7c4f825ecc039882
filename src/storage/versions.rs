//! Saved versions of a map: the last [`KEEP`], thinned over time, stored
//! compactly under `journeymap:history:<id>`.
//!
//! The oldest version is stored compressed on its own; each newer one as a
//! delta against the one before it ([`share::delta`]), so a version costs
//! a few hundred characters, or a few percent of a large map. The
//! compressed bytes are packed 15 bits to a character, which local storage
//! counts as one unit. (Until 2026-12-03 the chain ran the other way; such
//! versions are read, and written again the new way when one is added.)
//!
//! Keeping a version happens while the user edits, so [`add`] compresses
//! only the entries that change, and the one-line summaries are left to
//! the History panel ([`Describer`]): making one reads two whole maps.

use crate::format::{json, share};
use crate::model::{diff, JourneyMap};
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
    /// What changed since the version before it, in one line; empty until
    /// [`describe`] makes it.
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

impl Entry {
    /// `text`, compressed as a delta against `base` (the text it is read
    /// with), or on its own.
    fn new(saved: f64, summary: String, text: &[u8], base: Option<&[u8]>) -> Entry {
        let bytes = match base {
            Some(b) => share::delta(b, text),
            None => share::compress_fast(text),
        };
        Entry {
            saved,
            summary,
            len: bytes.len(),
            data: pack(&bytes),
        }
    }

    /// The text's bytes, given the text it was compressed against (`b""`
    /// for none).
    fn bytes(&self, base: &[u8]) -> Result<Vec<u8>, String> {
        let packed = unpack(&self.data, self.len)?;
        share::decompress_with(base, &packed).map_err(|_| "a saved version is damaged".into())
    }
}

#[derive(Serialize, Deserialize, Default)]
struct Stored {
    /// Each version is a delta against the one before it, and the oldest
    /// is compressed on its own. Without it (as written until 2026-12-03),
    /// each is a delta against the one after it, and the newest is on its
    /// own: every new version then had to be compressed in full.
    #[serde(default)]
    forward: bool,
    versions: Vec<Entry>,
}

impl Stored {
    fn read(raw: &str) -> Result<Stored, String> {
        serde_json::from_str(raw).map_err(|e| format!("their stored text is damaged ({e})"))
    }

    fn write(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Every version's text, oldest first.
    fn texts(&self) -> Result<Vec<String>, String> {
        let mut texts: Vec<String> = Vec::with_capacity(self.versions.len());
        let mut base: Vec<u8> = Vec::new();
        let order: Box<dyn Iterator<Item = &Entry>> = if self.forward {
            Box::new(self.versions.iter())
        } else {
            Box::new(self.versions.iter().rev())
        };
        for e in order {
            base = e.bytes(&base)?;
            texts.push(String::from_utf8(base.clone()).map_err(|_| "a saved version is damaged")?);
        }
        if !self.forward {
            texts.reverse();
        }
        Ok(texts)
    }
}

/// Reads the stored versions, oldest first.
pub fn decode(raw: &str) -> Result<Vec<Version>, String> {
    let stored = Stored::read(raw)?;
    let texts = stored.texts()?;
    Ok(stored
        .versions
        .into_iter()
        .zip(texts)
        .map(|(e, text)| Version {
            saved: e.saved,
            summary: e.summary,
            text,
        })
        .collect())
}

/// Writes versions (oldest first) for [`decode`].
pub fn encode(versions: &[Version]) -> String {
    let entries = versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let base = i.checked_sub(1).map(|j| versions[j].text.as_bytes());
            Entry::new(v.saved, v.summary.clone(), v.text.as_bytes(), base)
        })
        .collect();
    Stored {
        forward: true,
        versions: entries,
    }
    .write()
}

/// Adds `text`, the map as saved at `saved`, as the newest of the stored
/// versions `raw` and thins them to [`KEEP`]: the oldest stays, and of the
/// rest the one closest to its neighbours for its age goes first, so old
/// versions grow sparse. Returns what to store, or `None` when `text` is
/// one of the versions already (whatever its edit time).
///
/// This runs while the user edits, so it compresses only the new version
/// (against the newest) and, where one is thinned out, the one after it
/// (against the one before); the chain is decompressed once to find them.
/// Versions stored the old way are written again, once.
pub fn add(raw: Option<&str>, saved: f64, text: &str) -> Result<Option<String>, String> {
    let mut stored = raw.map(Stored::read).transpose()?.unwrap_or_default();
    let n = stored.versions.len();
    // Stored the old way, or more than are kept: written again in full.
    if !stored.forward && n > 0 || n > KEEP {
        let mut list = decode(raw.unwrap_or_default())?;
        if list
            .iter()
            .any(|v| same_map(v.text.as_bytes(), text.as_bytes()))
        {
            return Ok(None);
        }
        push(&mut list, saved, text.to_string());
        return Ok(Some(encode(&list)));
    }
    let mut times: Vec<f64> = stored.versions.iter().map(|e| e.saved).collect();
    times.push(saved);
    let drop = (times.len() > KEEP).then(|| thinned(&times, saved));
    // Walk the chain: the newest text, and those either side of the one
    // thinned out.
    let (mut newest, mut before, mut after) = (Vec::new(), None, None);
    for (i, e) in stored.versions.iter().enumerate() {
        newest = e.bytes(&newest)?;
        // The same map as a version kept already (restore, Undo, restore):
        // nothing new to restore.
        if same_map(&newest, text.as_bytes()) {
            return Ok(None);
        }
        match drop {
            Some(d) if d == i + 1 => before = Some(newest.clone()),
            Some(d) if i == d + 1 => after = Some(newest.clone()),
            _ => {}
        }
    }
    let base = (n > 0).then_some(&newest[..]);
    stored
        .versions
        .push(Entry::new(saved, String::new(), text.as_bytes(), base));
    stored.forward = true;
    if let (Some(d), Some(before)) = (drop, before) {
        let after = after.as_deref().unwrap_or(text.as_bytes());
        let e = &stored.versions[d + 1];
        // It now follows an earlier version: a summary of its own, later.
        stored.versions[d + 1] = Entry::new(e.saved, String::new(), after, Some(&before));
        stored.versions.remove(d);
    }
    Ok(Some(stored.write()))
}

/// Drops the older half of the stored versions `raw` (at least one, and
/// never the newest), keeping the others as they are. `None` when there is
/// at most one.
pub fn halve(raw: &str) -> Result<Option<String>, String> {
    let mut list = decode(raw)?;
    if list.len() <= 1 {
        return Ok(None);
    }
    list.drain(..list.len().div_ceil(2).min(list.len() - 1));
    if let Some(first) = list.first_mut() {
        first.summary.clear();
    }
    Ok(Some(encode(&list)))
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

/// Makes the summaries not made yet (see [`Version::summary`]), one per
/// [`Describer::step`], newest first: each reads two whole maps, so the
/// History panel makes them between frames. Keeps the one map the next
/// step needs.
#[derive(Default)]
pub struct Describer {
    held: Option<(usize, Option<JourneyMap>)>,
}

impl Describer {
    /// Makes the summary of the newest of `versions` (oldest first) that
    /// lacks one. Returns false when none does.
    pub fn step(&mut self, versions: &mut [Version]) -> bool {
        let Some(i) = versions.iter().rposition(|v| v.summary.is_empty()) else {
            return false;
        };
        if i == 0 {
            versions[0].summary = "Earliest saved version".into();
            return true;
        }
        let read = |k: usize| json::from_str(&versions[k].text).ok();
        let newer = match self.held.take() {
            Some((k, map)) if k == i => map,
            _ => read(i),
        };
        let older = read(i - 1);
        versions[i].summary = match (&older, &newer) {
            (Some(a), Some(b)) => diff::summary(&diff::changes(a, b)),
            _ => "Changed".into(),
        };
        self.held = Some((i - 1, older));
        true
    }
}

/// Makes every summary not made yet. Returns whether there were any.
pub fn describe(versions: &mut [Version]) -> bool {
    let mut d = Describer::default();
    let mut made = false;
    while d.step(versions) {
        made = true;
    }
    made
}

/// Writes into the stored versions `raw` the summaries of `versions`, as
/// read from it by [`decode`] and completed by [`describe`]; nothing is
/// compressed again. `None` if they do not match.
pub fn with_summaries(raw: &str, versions: &[Version]) -> Option<String> {
    let mut stored = Stored::read(raw).ok()?;
    if stored.versions.len() != versions.len() {
        return None;
    }
    for (e, v) in stored.versions.iter_mut().zip(versions) {
        if e.saved != v.saved {
            return None;
        }
        e.summary.clone_from(&v.summary);
    }
    Some(stored.write())
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
/// to [`KEEP`], as [`add`] does for stored versions.
pub fn push(versions: &mut Vec<Version>, saved: f64, text: String) {
    if versions
        .iter()
        .any(|v| same_map(v.text.as_bytes(), text.as_bytes()))
    {
        return;
    }
    versions.push(Version {
        saved,
        summary: String::new(),
        text,
    });
    thin(versions, saved);
}

/// True when two stored texts are the same map, whatever their edit times:
/// a copy of a version kept already (after a restore and Undo, say) is
/// not a new version.
fn same_map(a: &[u8], b: &[u8]) -> bool {
    super::unstamped(a) == super::unstamped(b)
}

/// Which version of those saved at `times` (oldest first, more than two)
/// goes first when thinning as of `now`: never the oldest or the newest.
fn thinned(times: &[f64], now: f64) -> usize {
    (1..times.len() - 1)
        .min_by(|&a, &b| {
            let score = |i: usize| (times[i + 1] - times[i - 1]) / (now - times[i] + 1.0);
            score(a).total_cmp(&score(b))
        })
        .unwrap_or(1)
}

/// Thins `versions` (oldest first) to [`KEEP`] as of `now`.
fn thin(versions: &mut Vec<Version>, now: f64) {
    while versions.len() > KEEP {
        let drop = thinned(&versions.iter().map(|v| v.saved).collect::<Vec<_>>(), now);
        versions.remove(drop);
        // The next one now follows an earlier version.
        versions[drop].summary.clear();
    }
}

/// Merges versions from a backup into a map's own: the union by time,
/// thinned to [`KEEP`]. Summaries are made again (by [`describe`]).
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
    for v in versions.iter_mut() {
        v.summary.clear();
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

    /// The summary [`describe`] makes for `newer` after `older`.
    fn summary_of(older: &Version, newer: &Version) -> String {
        let mut pair = [
            older.clone(),
            Version {
                summary: String::new(),
                ..newer.clone()
            },
        ];
        describe(&mut pair);
        pair[1].summary.clone()
    }

    #[test]
    fn versions_round_trip_and_cost_little() {
        let mut list = Vec::new();
        for i in 0..KEEP {
            push(&mut list, i as f64 * 1e6, text(&format!("Title {i}")));
        }
        assert!(list.iter().all(|v| v.summary.is_empty()), "made later");
        assert!(describe(&mut list));
        assert!(!describe(&mut list), "nothing left to make");
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
            // The History panel is opened now and then.
            if i % 7 == 0 {
                describe(&mut list);
            }
        }
        assert_eq!(list.len(), KEEP);
        assert_eq!(list[0].text, text("T0"));
        assert_eq!(list[KEEP - 1].text, text("T199"));
        let gaps: Vec<f64> = list.windows(2).map(|w| w[1].saved - w[0].saved).collect();
        assert!(
            gaps[0] > gaps[KEEP - 2],
            "older versions are further apart: {gaps:?}"
        );
        // Each summary describes the step from the version before it, also
        // where one was made before the version it followed was thinned out.
        describe(&mut list);
        for w in list.windows(2) {
            assert_eq!(w[1].summary, summary_of(&w[0], &w[1]));
        }
    }

    #[test]
    fn adding_to_stored_versions_gives_what_the_list_would() {
        let mut raw: Option<String> = None;
        let mut list = Vec::new();
        // Uneven gaps, so that every place in the list is thinned out.
        let (mut seed, mut saved) = (5u32, 0.0);
        let mut thinned_at = std::collections::BTreeSet::new();
        for i in 0..200 {
            // Some saves repeat the newest version: nothing is added.
            let t = text(&format!("T{}", i - i % 3 / 2));
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            saved += [1.0, 60_000.0, 1e7][(seed >> 16) as usize % 3];
            match add(raw.as_deref(), saved, &t).unwrap() {
                Some(next) => raw = Some(next),
                None => assert_eq!(list.last().map(|v: &Version| &v.text), Some(&t)),
            }
            if list.len() == KEEP && list.last().is_some_and(|v: &Version| v.text != t) {
                let mut times: Vec<f64> = list.iter().map(|v| v.saved).collect();
                times.push(saved);
                thinned_at.insert(thinned(&times, saved));
            }
            push(&mut list, saved, t);
            let stored = raw.as_deref().unwrap();
            let mut read = decode(stored).unwrap();
            assert_eq!(read, list, "after save {i}");
            if i % 5 == 0 {
                describe(&mut read);
                describe(&mut list);
                raw = with_summaries(stored, &read);
            }
        }
        assert_eq!(list.len(), KEEP);
        assert_eq!(decode(raw.as_deref().unwrap()).unwrap(), list);
        assert!(
            thinned_at.contains(&1) && thinned_at.contains(&(KEEP - 2)),
            "{thinned_at:?}"
        );
    }

    #[test]
    fn the_newest_but_one_may_be_thinned_out_and_the_new_one_follows_the_one_before() {
        // Gaps growing threefold into the past, and the newest two saved a
        // millisecond apart: the newest but one is closest to its
        // neighbours for its age.
        let now = 3f64.powi(KEEP as i32 + 1) * 1000.0;
        let mut list: Vec<Version> = (0..KEEP - 1)
            .map(|k| Version {
                saved: now - 3f64.powi((KEEP - k) as i32) * 1000.0,
                summary: String::new(),
                text: text(&format!("T{k}")),
            })
            .collect();
        list.push(Version {
            saved: list[KEEP - 2].saved + 1.0,
            summary: String::new(),
            text: text("Almost the same"),
        });
        let mut times: Vec<f64> = list.iter().map(|v| v.saved).collect();
        times.push(now);
        assert_eq!(thinned(&times, now), KEEP - 1);
        let raw = add(Some(&encode(&list)), now, &text("New"))
            .unwrap()
            .unwrap();
        push(&mut list, now, text("New"));
        assert_eq!(list[KEEP - 1].text, text("New"));
        assert_eq!(decode(&raw).unwrap(), list);
    }

    #[test]
    fn versions_stored_before_deltas_reached_far_still_read_and_grow() {
        // Until 2026-12, each older version was compressed with
        // `share::compress_with`, and the newest with `share::compress`.
        let texts = [text("A"), text("B"), text("C")];
        let entries: Vec<serde_json::Value> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let bytes = match texts.get(i + 1) {
                    Some(n) => share::compress_with(n.as_bytes(), t.as_bytes()),
                    None => share::compress(t.as_bytes()),
                };
                serde_json::json!({ "saved": i, "summary": format!("s{i}"), "len": bytes.len(), "data": pack(&bytes) })
            })
            .collect();
        let old = serde_json::json!({ "versions": entries }).to_string();
        let read = decode(&old).unwrap();
        assert_eq!(
            read.iter().map(|v| &v.text).collect::<Vec<_>>(),
            texts.iter().collect::<Vec<_>>()
        );
        assert_eq!(read[1].summary, "s1");
        let next = add(Some(&old), 9.0, &text("D")).unwrap().unwrap();
        let grown = decode(&next).unwrap();
        assert_eq!(grown.len(), 4);
        assert_eq!(grown[..3], read[..]);
        assert_eq!(grown[3].text, text("D"));
    }

    #[test]
    fn a_version_of_a_large_map_costs_a_few_percent_of_it() {
        // About 250 KB: far beyond the 64 KB an ordinary copy reaches back.
        let mut map = template::ecommerce("m");
        let stage = map.stages[1].id.clone();
        let lane = map.lanes[0].id.clone();
        for k in 0..1500 {
            let step = map.add_step(&stage, None, &format!("Step {k}")).unwrap();
            let words = format!("step {k} has its own words, {} of them", k * 7919 % 1000);
            map.set_cell(&lane, &step, crate::model::Cell::Text(words.repeat(3)))
                .unwrap();
        }
        let mut raw = None;
        for i in 0..KEEP + 3 {
            map.title = format!("Edit {i}");
            let t = json::to_string(&map);
            raw = add(raw.as_deref(), i as f64 * 1e6, &t).unwrap();
        }
        let raw = raw.unwrap();
        let one = json::to_string(&map).len();
        assert!(one > 200_000, "{one}");
        let newest = decode(&raw).unwrap().pop().unwrap().text.len();
        assert_eq!(newest, one);
        // The newest is compressed on its own; each of the 19 others is a
        // delta of a few percent.
        let per_version = raw.chars().count() as f64 / one as f64 / KEEP as f64;
        assert!(
            per_version < 0.03,
            "{KEEP} versions take {} characters for a map of {one}",
            raw.chars().count()
        );
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
        describe(&mut mine);
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
        assert!(add(Some(&cut), 2.0, &text("b")).is_err());
        assert!(add(Some("not json"), 2.0, &text("b")).is_err());
    }
}
