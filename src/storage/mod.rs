//! Keeping maps in a key-value store: local storage in the browser, memory
//! in tests. The logic lives here, behind [`Store`], so it runs on the host.

#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod versions;

use crate::format::json;
use crate::model::JourneyMap;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

/// Prefix of the key under which each map is stored.
pub const MAP_PREFIX: &str = "journeymap:map:";
/// Prefix of the key under which an entry that could not be read is kept.
pub const BROKEN_PREFIX: &str = "journeymap:broken:";
/// Prefix of the keys of deleted maps: `journeymap:trash:<ms>:<id>`.
pub const TRASH_PREFIX: &str = "journeymap:trash:";
/// How long deleted maps stay in the trash (ms): 30 days.
pub const TRASH_DAYS: f64 = 30.0 * 86_400_000.0;

/// Why the store refused.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The browser's storage quota is full.
    Quota,
    /// Storage is blocked or missing.
    Unavailable(String),
    /// Anything else the store said.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Quota => f.write_str("the browser's storage is full"),
            StoreError::Unavailable(why) => write!(f, "local storage is unavailable ({why})"),
            StoreError::Other(why) => write!(f, "local storage failed: {why}"),
        }
    }
}

/// A string key-value store with the semantics of `localStorage`.
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;

    /// The end of the value at `key`: its last `n` characters or fewer (at
    /// least the last `n` bytes when they are ASCII), and its length, which
    /// is at most its length in UTF-8 bytes. Saves read the stored edit
    /// time from it without bringing a whole map across from the browser.
    fn tail(&self, key: &str, n: usize) -> Result<Option<(String, usize)>, StoreError> {
        Ok(self
            .get(key)?
            .map(|v| (tail_of(&v, n).to_string(), v.len())))
    }
}

/// The last `n` bytes of `s`, or fewer so as to start on a character.
fn tail_of(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

impl<T: Store + ?Sized> Store for Box<T> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
    fn tail(&self, key: &str, n: usize) -> Result<Option<(String, usize)>, StoreError> {
        (**self).tail(key, n)
    }
}

impl<T: Store + ?Sized> Store for &T {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
    fn tail(&self, key: &str, n: usize) -> Result<Option<(String, usize)>, StoreError> {
        (**self).tail(key, n)
    }
}

/// An in-memory store, optionally with a quota in bytes of keys and values.
#[derive(Default)]
pub struct MemoryStore {
    data: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
}

impl MemoryStore {
    /// An empty store without a limit.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store that refuses writes past `bytes`.
    pub fn with_quota(bytes: usize) -> Self {
        MemoryStore {
            data: RefCell::default(),
            quota: Some(bytes),
        }
    }

    fn used_without(&self, key: &str) -> usize {
        self.data
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.data.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(q) = self.quota {
            if self.used_without(key) + key.len() + value.len() > q {
                return Err(StoreError::Quota);
            }
        }
        self.data.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.data.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.data.borrow().keys().cloned().collect())
    }
    fn tail(&self, key: &str, n: usize) -> Result<Option<(String, usize)>, StoreError> {
        Ok(self
            .data
            .borrow()
            .get(key)
            .map(|v| (tail_of(v, n).to_string(), v.len())))
    }
}

/// What the library list shows for one map.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub steps: usize,
    pub updated: f64,
}

/// A stored entry that could not be read, and where its text was kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    pub key: String,
    pub error: String,
    /// The key now holding the raw text, or `None` if it stayed in place.
    pub kept_at: Option<String>,
}

/// What loading the library found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub maps: Vec<JourneyMap>,
    pub broken: Vec<Broken>,
}

/// The maps saved in one store.
pub struct Library<S: Store> {
    store: S,
    /// A stored copy that [`Library::save_checked_later`] found due to
    /// become a version, not yet kept (see [`Library::settle`]).
    due: std::cell::RefCell<Option<Due>>,
}

/// A map's stored copy, due to become one of its versions.
struct Due {
    id: String,
    text: String,
    saved: f64,
    now: f64,
}

impl<S: Store> Library<S> {
    pub fn new(store: S) -> Self {
        Library {
            store,
            due: Default::default(),
        }
    }

    /// The underlying store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Reads every stored map, newest edit first. An entry that cannot be
    /// read is moved to a `journeymap:broken:` key with its text intact
    /// (or left in place if that copy fails) and reported; the rest load.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        let mut out = Loaded::default();
        for key in self.store.keys()? {
            let Some(id) = key.strip_prefix(MAP_PREFIX) else {
                continue;
            };
            let Some(raw) = self.store.get(&key)? else {
                continue;
            };
            match json::from_str(&raw) {
                Ok(mut map) if map.id == id => {
                    map.normalize();
                    out.maps.push(map);
                }
                Ok(map) => out.broken.push(self.quarantine(
                    &key,
                    &raw,
                    format!("its id \"{}\" does not match its key", map.id),
                )),
                // A map from a newer Journeymap stays where that build
                // will look for it; this one only reports it.
                Err(e) if from_newer_build(&raw) => out.broken.push(Broken {
                    key: key.clone(),
                    error: e.0,
                    kept_at: None,
                }),
                Err(e) => out.broken.push(self.quarantine(&key, &raw, e.0)),
            }
        }
        out.maps
            .sort_by(|a, b| b.updated.total_cmp(&a.updated).then(a.title.cmp(&b.title)));
        Ok(out)
    }

    fn quarantine(&self, key: &str, raw: &str, error: String) -> Broken {
        let id = key.strip_prefix("journeymap:").unwrap_or(key);
        let id = id.strip_prefix("map:").unwrap_or(id);
        let mut n = 0;
        let target = loop {
            let candidate = if n == 0 {
                format!("{BROKEN_PREFIX}{id}")
            } else {
                format!("{BROKEN_PREFIX}{id}:{n}")
            };
            match self.store.get(&candidate) {
                Ok(None) => break Some(candidate),
                Ok(Some(existing)) if existing == raw => break Some(candidate),
                Ok(Some(_)) => n += 1,
                Err(_) => break None,
            }
        };
        let kept_at = target.filter(|t| {
            self.store.set(t, raw).is_ok()
                && self.store.get(t).ok().flatten().as_deref() == Some(raw)
                && self.store.remove(key).is_ok()
        });
        Broken {
            key: key.to_string(),
            error,
            kept_at,
        }
    }

    /// Reads one map.
    pub fn get(&self, id: &str) -> Result<Option<JourneyMap>, String> {
        let raw = self
            .store
            .get(&format!("{MAP_PREFIX}{id}"))
            .map_err(|e| e.to_string())?;
        raw.map(|r| json::from_str(&r).map_err(|e| e.0)).transpose()
    }

    /// Saves a map. On failure the previously stored copy is untouched.
    /// When the store is full, the map's own older versions make room
    /// first: the map matters more than its past.
    pub fn save(&self, map: &JourneyMap) -> Result<(), StoreError> {
        self.save_text(&map.id, &json::to_string(map))
    }

    /// Stores `text`, the document of map `id`, as [`Library::save`] does.
    fn save_text(&self, id: &str, text: &str) -> Result<(), StoreError> {
        let key = format!("{MAP_PREFIX}{id}");
        loop {
            match self.store.set(&key, text) {
                Err(StoreError::Quota) if self.drop_versions(id) => continue,
                other => return other,
            }
        }
    }

    /// Drops the older half of a map's versions (all, if only one is
    /// left). Returns false when there was nothing to drop.
    fn drop_versions(&self, id: &str) -> bool {
        let key = format!("{}{id}", versions::HISTORY_PREFIX);
        let Ok(Some(raw)) = self.store.get(&key) else {
            return false;
        };
        match versions::halve(&raw) {
            Ok(Some(half)) => self.store.set(&key, &half).is_ok(),
            _ => self.store.remove(&key).is_ok(),
        }
    }

    /// Saves `map` only if the stored copy is still the one this tab last
    /// loaded or saved, whose edit time is `base` (0 for a map never
    /// stored). Returns the new edit time, which is always later than
    /// `base`, so two saves never share one.
    ///
    /// A save reads only the end of the stored copy, where its edit time
    /// is (see [`stamp_at_end`]); the whole copy only when another tab has
    /// changed it, when its end does not say, or when it is to be kept as a
    /// version. The map is written with its new edit time without being
    /// copied.
    pub fn save_checked(&self, map: &JourneyMap, base: f64, now: f64) -> Result<f64, SaveError> {
        let stamp = self.save_checked_later(map, base, now)?;
        // Best effort: a version that does not fit costs nothing else.
        let _ = self.settle();
        Ok(stamp)
    }

    /// Saves as [`Library::save_checked`] does, but leaves a version that
    /// is due to [`Library::settle`], so that the save itself stays short
    /// (the editor settles when the browser is next idle). Saves while a
    /// version waits are judged against it, without reading any versions.
    pub fn save_checked_later(
        &self,
        map: &JourneyMap,
        base: f64,
        now: f64,
    ) -> Result<f64, SaveError> {
        if self.due.borrow().as_ref().is_some_and(|d| d.id != map.id) {
            let _ = self.settle();
        }
        let waiting = self.due.borrow().as_ref().map(|d| d.saved);
        let key = format!("{MAP_PREFIX}{}", map.id);
        let end = self.store.tail(&key, TAIL).map_err(SaveError::Store)?;
        // The stored copy, once read in full.
        let mut previous = None;
        match &end {
            None if base > 0.0 => return Err(SaveError::Deleted),
            None => {}
            Some((tail, _)) => {
                let stamp = match stamp_at_end(tail) {
                    Some(t) => Some(t),
                    None => {
                        // Not written by `json::to_string`: read it all.
                        let raw = self.store.get(&key).map_err(SaveError::Store)?;
                        let stamp = raw.as_deref().and_then(stamp_of);
                        previous = raw;
                        stamp
                    }
                };
                if matches!(stamp, Some(t) if t != base) {
                    if previous.is_none() {
                        previous = self.store.get(&key).map_err(SaveError::Store)?;
                    }
                    if let Some(Ok(stored)) = previous.as_deref().map(json::from_str) {
                        return Err(SaveError::Changed(Box::new(stored)));
                    }
                }
            }
        }
        // The stored copy becomes a version when one is due; only then is
        // it needed in full (and maps over `MAX_TEXT` keep none).
        let keep = match &end {
            Some((_, len)) => {
                *len <= versions::MAX_TEXT
                    && match waiting {
                        Some(saved) => versions::due(Some(saved), base, now),
                        None => self.version_due(&map.id, base, now),
                    }
            }
            None => false,
        };
        if keep && waiting.is_some() {
            // Rare (a long pause before the waiting one was kept): keep
            // the waiting one now, so that this one can wait in its place.
            let _ = self.settle();
        }
        if keep && previous.is_none() {
            previous = self.store.get(&key).ok().flatten();
        }
        let updated = if now > base { now } else { base + 1.0 };
        self.save_text(&map.id, &json::to_string_at(map, updated))
            .map_err(SaveError::Store)?;
        if let Some(text) = previous.filter(|_| keep) {
            *self.due.borrow_mut() = Some(Due {
                id: map.id.clone(),
                text,
                saved: base,
                now,
            });
        }
        Ok(updated)
    }

    /// True when a save left a version to keep (see [`Library::settle`]).
    pub fn unsettled(&self) -> bool {
        self.due.borrow().is_some()
    }

    /// Keeps the version that [`Library::save_checked_later`] left, if any.
    /// Everything that reads or writes versions settles first, so a
    /// waiting version is never missed or kept out of order.
    pub fn settle(&self) -> Result<(), StoreError> {
        let Some(due) = self.due.borrow_mut().take() else {
            return Ok(());
        };
        self.record(&due.id, due.text, due.saved, due.now, false)
    }

    /// Whether the stored copy of map `id`, saved at `saved`, may become a
    /// version at `now`, judged from the newest version's time alone;
    /// [`Library::record`] decides for good.
    fn version_due(&self, id: &str, saved: f64, now: f64) -> bool {
        match self.store.get(&format!("{}{id}", versions::HISTORY_PREFIX)) {
            Ok(Some(raw)) => {
                versions::newest(&raw).is_none_or(|t| versions::due(Some(t), saved, now))
            }
            Ok(None) => true,
            Err(_) => false,
        }
    }

    /// Keeps `text`, the stored copy saved at `saved`, as a version of map
    /// `id` when one is due at `now` (or always, with `force`). When the
    /// versions do not fit in the store, older ones are dropped until they
    /// do; a failure never touches the map itself.
    fn record(
        &self,
        id: &str,
        text: String,
        saved: f64,
        now: f64,
        force: bool,
    ) -> Result<(), StoreError> {
        if text.len() > versions::MAX_TEXT {
            return Ok(());
        }
        let key = format!("{}{id}", versions::HISTORY_PREFIX);
        let stored = self.store.get(&key)?;
        // Most saves keep no version: decide from the newest version's
        // time alone, without decompressing anything.
        if !force {
            if let Some(newest) = stored.as_deref().and_then(versions::newest) {
                if !versions::due(Some(newest), saved, now) {
                    return Ok(());
                }
            }
        }
        let next = match versions::add(stored.as_deref(), saved, &text) {
            Ok(next) => next,
            Err(e) => {
                // Kept aside, never overwritten.
                let b = self.quarantine(&key, stored.as_deref().unwrap_or_default(), e);
                if b.kept_at.is_none() {
                    return Ok(());
                }
                versions::add(None, saved, &text).ok().flatten()
            }
        };
        let Some(mut value) = next else {
            return Ok(());
        };
        loop {
            match self.store.set(&key, &value) {
                Err(StoreError::Quota) => match versions::halve(&value) {
                    Ok(Some(half)) => value = half,
                    _ => return Err(StoreError::Quota),
                },
                other => return other,
            }
        }
    }

    /// Keeps the stored copy of map `id` as a version now, whatever the
    /// time since the last one: done before a version is restored.
    pub fn keep_version(&self, id: &str, now: f64) -> Result<(), StoreError> {
        let _ = self.settle();
        let Some(raw) = self.store.get(&format!("{MAP_PREFIX}{id}"))? else {
            return Ok(());
        };
        let saved = stamp_of(&raw).unwrap_or(now);
        self.record(id, raw, saved, now, true)
    }

    /// Every map with its saved versions, as one backup document.
    pub fn backup(&self) -> Result<(String, usize), StoreError> {
        let maps = self.load()?.maps;
        let history: Vec<(String, Vec<versions::Version>)> = maps
            .iter()
            .map(|m| (m.id.clone(), self.versions(&m.id).unwrap_or_default()))
            .collect();
        let text =
            crate::format::validate::write_backup_with(&maps, Some(versions::to_backup(&history)));
        Ok((text, maps.len()))
    }

    /// Merges versions from a backup into those of map `id`.
    pub fn merge_versions(&self, id: &str, incoming: Vec<versions::Version>) -> Result<(), String> {
        let _ = self.settle();
        if incoming.is_empty() {
            return Ok(());
        }
        let mut list = self.versions(id)?;
        versions::merge(&mut list, incoming);
        self.store
            .set(
                &format!("{}{id}", versions::HISTORY_PREFIX),
                &versions::encode(&list),
            )
            .map_err(|e| e.to_string())
    }

    /// The saved versions of map `id`, oldest first.
    pub fn versions(&self, id: &str) -> Result<Vec<versions::Version>, String> {
        let _ = self.settle();
        match self
            .store
            .get(&format!("{}{id}", versions::HISTORY_PREFIX))
            .map_err(|e| e.to_string())?
        {
            None => Ok(Vec::new()),
            Some(raw) => versions::decode(&raw),
        }
    }

    /// Stores the summaries of `list`, the versions of map `id` as
    /// [`Library::versions`] read them, once [`versions::describe`] or a
    /// [`versions::Describer`] made them. Nothing is stored if the versions
    /// changed since (another version kept, in this tab or another).
    pub fn store_summaries(&self, id: &str, list: &[versions::Version]) -> Result<(), StoreError> {
        let _ = self.settle();
        let key = format!("{}{id}", versions::HISTORY_PREFIX);
        let Some(raw) = self.store.get(&key)? else {
            return Ok(());
        };
        match versions::with_summaries(&raw, list) {
            Some(next) => self.store.set(&key, &next),
            None => Ok(()),
        }
    }

    /// Bytes that Journeymap's entries take in the store, counted as
    /// browsers count local storage: UTF-16, keys and values.
    pub fn usage(&self) -> Result<usize, StoreError> {
        let mut total = 0;
        for key in self.store.keys()? {
            if key.starts_with("journeymap:") {
                let value = self.store.get(&key)?.unwrap_or_default();
                total += 2 * (key.encode_utf16().count() + value.encode_utf16().count());
            }
        }
        Ok(total)
    }

    /// Moves a map to the trash at time `now`, with its versions.
    pub fn delete(&self, id: &str, now: f64) -> Result<(), StoreError> {
        let _ = self.settle();
        let key = format!("{MAP_PREFIX}{id}");
        let Some(raw) = self.store.get(&key)? else {
            return Ok(());
        };
        let trash = format!("{TRASH_PREFIX}{}:{id}", now.max(0.0) as u64);
        self.store.set(&trash, &raw)?;
        self.store.remove(&key)
    }

    /// The maps in the trash, most recently deleted first. Entries that do
    /// not read are listed with their key as title, so they can be purged.
    pub fn trash(&self) -> Result<Vec<Trashed>, StoreError> {
        let mut out = Vec::new();
        for key in self.store.keys()? {
            let Some((deleted, id)) = key
                .strip_prefix(TRASH_PREFIX)
                .and_then(|rest| rest.split_once(':'))
            else {
                continue;
            };
            let title = self
                .store
                .get(&key)?
                .and_then(|raw| json::from_str(&raw).ok())
                .map_or_else(|| format!("(unreadable entry {key})"), |m| m.title);
            out.push(Trashed {
                key: key.clone(),
                id: id.to_string(),
                title,
                deleted: deleted.parse().unwrap_or(0.0),
            });
        }
        out.sort_by(|a, b| b.deleted.total_cmp(&a.deleted));
        Ok(out)
    }

    /// Puts a map from the trash back. If a map with its id exists by now,
    /// the restored one gets `new_id`. Returns the restored map.
    pub fn restore(&self, trashed: &Trashed, new_id: &str) -> Result<JourneyMap, String> {
        let raw = self
            .store
            .get(&trashed.key)
            .map_err(|e| e.to_string())?
            .ok_or("it is no longer in the trash")?;
        let mut map = json::from_str(&raw).map_err(|e| e.0)?;
        if self.contains(&map.id) {
            map.id = new_id.to_string();
        }
        self.save(&map).map_err(|e| e.to_string())?;
        self.store.remove(&trashed.key).map_err(|e| e.to_string())?;
        Ok(map)
    }

    /// Deletes a map in the trash for good, with its versions.
    pub fn purge(&self, trashed: &Trashed) -> Result<(), StoreError> {
        self.store.remove(&trashed.key)?;
        if !self.contains(&trashed.id) {
            self.store
                .remove(&format!("{}{}", versions::HISTORY_PREFIX, trashed.id))?;
        }
        Ok(())
    }

    /// Purges what has been in the trash longer than [`TRASH_DAYS`].
    /// Returns how many maps went.
    pub fn purge_expired(&self, now: f64) -> Result<usize, StoreError> {
        let old: Vec<Trashed> = self
            .trash()?
            .into_iter()
            .filter(|t| now - t.deleted > TRASH_DAYS)
            .collect();
        for t in &old {
            self.purge(t)?;
        }
        Ok(old.len())
    }

    /// True when a map with this id is stored.
    pub fn contains(&self, id: &str) -> bool {
        matches!(self.store.get(&format!("{MAP_PREFIX}{id}")), Ok(Some(_)))
    }

    /// The entries set aside because they did not read (under
    /// [`BROKEN_PREFIX`]), with the length of their text, by key.
    pub fn set_aside(&self) -> Result<Vec<(String, usize)>, StoreError> {
        let mut out = Vec::new();
        for key in self.store.keys()? {
            if key.starts_with(BROKEN_PREFIX) {
                if let Some(text) = self.store.get(&key)? {
                    out.push((key, text.len()));
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// The text of an entry set aside, as it was found.
    pub fn set_aside_text(&self, key: &str) -> Result<Option<String>, StoreError> {
        if !key.starts_with(BROKEN_PREFIX) {
            return Ok(None);
        }
        self.store.get(key)
    }

    /// Deletes an entry set aside, for good. No other key can be deleted
    /// this way.
    pub fn forget_set_aside(&self, key: &str) -> Result<(), StoreError> {
        if key.starts_with(BROKEN_PREFIX) {
            self.store.remove(key)?;
        }
        Ok(())
    }
}

/// How much of the end of a stored map a save reads for its edit time.
const TAIL: usize = 64;

/// The edit time of a stored map, read from the end of its text: a
/// document written by [`json::to_string`] ends with its last field,
/// `,"updated":<number>}`. `None` when `tail` does not end so.
///
/// In valid JSON that ending can only be the top-level `updated` field: the
/// `"` after the comma is not escaped, so it opens a string (had it closed
/// one, `updated` would stand outside a string), the string is followed by
/// `:`, so it is a key, and the final `}` closes the document. Text that is
/// not valid JSON is caught when it is read in full, as before.
pub fn stamp_at_end(tail: &str) -> Option<f64> {
    let body = tail.strip_suffix('}')?;
    let at = body.rfind("\"updated\":")?;
    if !matches!(body[..at].chars().last(), Some(',' | '{')) {
        return None;
    }
    let number = &body[at + "\"updated\":".len()..];
    let plain = !number.is_empty()
        && number
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'));
    if !plain {
        return None;
    }
    serde_json::from_str::<f64>(number).ok()
}

/// A stored map's text up to its edit time (see [`stamp_at_end`]), so
/// that two copies of one map saved at different times compare equal.
/// Text that does not end with an edit time is returned whole.
pub fn unstamped(text: &[u8]) -> &[u8] {
    const KEY: &[u8] = b",\"updated\":";
    let from = text.len().saturating_sub(TAIL);
    let at = text[from..]
        .windows(KEY.len())
        .rposition(|w| w == KEY)
        .map(|i| from + i);
    match at {
        Some(at) if std::str::from_utf8(&text[at..]).is_ok_and(|t| stamp_at_end(t).is_some()) => {
            &text[..at]
        }
        _ => text,
    }
}

/// The edit time of a stored map read from its whole text, as saves read it
/// before [`stamp_at_end`]: `updated`, or 0 when it has none.
fn stamp_of(raw: &str) -> Option<f64> {
    #[derive(serde::Deserialize)]
    struct Stamp {
        #[serde(default)]
        updated: f64,
    }
    serde_json::from_str::<Stamp>(raw).ok().map(|s| s.updated)
}

/// True when a stored text names a format version newer than this build's.
fn from_newer_build(raw: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Head {
        version: u64,
    }
    serde_json::from_str::<Head>(raw).is_ok_and(|h| h.version > u64::from(json::VERSION))
}

/// A map in the trash.
#[derive(Debug, Clone, PartialEq)]
pub struct Trashed {
    /// Its storage key.
    pub key: String,
    pub id: String,
    pub title: String,
    /// When it was deleted (ms since the epoch).
    pub deleted: f64,
}

/// Why a checked save did not write.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The store refused (full, blocked).
    Store(StoreError),
    /// Another tab saved this map since we loaded or saved it: theirs.
    Changed(Box<JourneyMap>),
    /// Another tab deleted this map.
    Deleted,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Store(e) => e.fmt(f),
            SaveError::Changed(_) => f.write_str("this map was changed in another tab"),
            SaveError::Deleted => f.write_str("this map was deleted in another tab"),
        }
    }
}

/// Summaries of the maps for the start screen.
pub fn summaries(maps: &[JourneyMap]) -> Vec<Summary> {
    maps.iter()
        .map(|m| Summary {
            id: m.id.clone(),
            title: m.title.clone(),
            steps: m.step_count(),
            updated: m.updated,
        })
        .collect()
}

/// The local storage most browsers give one site: 5 MB.
pub const TYPICAL_QUOTA: usize = 5 * 1024 * 1024;

/// True when `used` bytes are past the share of [`TYPICAL_QUOTA`] at which
/// the user is warned (80%).
pub fn near_quota(used: usize) -> bool {
    used * 5 >= TYPICAL_QUOTA * 4
}

/// A map id from a timestamp and a random number, unique in practice.
pub fn new_map_id(now_ms: f64, random: f64) -> String {
    let t = now_ms.max(0.0) as u64;
    let r = (random.clamp(0.0, 1.0) * 1_679_616.0) as u64; // 36^4
    use crate::model::base36;
    format!("m{}{}", base36(t), base36(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    #[test]
    fn saved_maps_load_back_newest_first() {
        let lib = Library::new(MemoryStore::new());
        let mut a = template::ecommerce("a");
        a.updated = 10.0;
        let mut b = JourneyMap::blank("b", "Blank");
        b.updated = 20.0;
        lib.save(&a).unwrap();
        lib.save(&b).unwrap();
        let loaded = lib.load().unwrap();
        assert_eq!(loaded.maps, vec![b, a]);
        assert!(loaded.broken.is_empty());
        let s = summaries(&loaded.maps);
        assert_eq!(s[1].steps, 12);
        assert_eq!(s[1].title, "E-commerce purchase");
    }

    #[test]
    fn a_broken_entry_is_kept_aside_and_the_others_still_load() {
        let lib = Library::new(MemoryStore::new());
        lib.save(&template::ecommerce("good")).unwrap();
        lib.store()
            .set("journeymap:map:bad", "{\"format\":\"journ")
            .unwrap();
        lib.store().set("other-app:settings", "not ours").unwrap();
        let loaded = lib.load().unwrap();
        assert_eq!(loaded.maps.len(), 1);
        assert_eq!(loaded.broken.len(), 1);
        let broken = &loaded.broken[0];
        assert_eq!(broken.kept_at.as_deref(), Some("journeymap:broken:bad"));
        assert!(broken.error.contains("line 1"), "{}", broken.error);
        assert_eq!(
            lib.store().get("journeymap:broken:bad").unwrap().as_deref(),
            Some("{\"format\":\"journ")
        );
        assert_eq!(lib.store().get("journeymap:map:bad").unwrap(), None);
        assert_eq!(
            lib.store().get("other-app:settings").unwrap().as_deref(),
            Some("not ours"),
            "keys of other apps are left alone"
        );
        // A second broken entry with the same id does not overwrite the first copy.
        lib.store().set("journeymap:map:bad", "[1,2").unwrap();
        let again = lib.load().unwrap();
        assert_eq!(
            again.broken[0].kept_at.as_deref(),
            Some("journeymap:broken:bad:1")
        );
        assert_eq!(
            lib.store().get("journeymap:broken:bad").unwrap().as_deref(),
            Some("{\"format\":\"journ")
        );
    }

    #[test]
    fn when_the_quota_is_full_the_stored_copy_survives() {
        let map = template::ecommerce("m");
        let size = json::to_string(&map).len() + 100;
        let lib = Library::new(MemoryStore::with_quota(size));
        lib.save(&map).unwrap();
        let mut bigger = map.clone();
        bigger.description = "x".repeat(500);
        assert_eq!(lib.save(&bigger), Err(StoreError::Quota));
        assert_eq!(lib.get("m").unwrap(), Some(map));
    }

    #[test]
    fn a_map_from_a_newer_build_is_reported_and_left_in_place() {
        let lib = Library::new(MemoryStore::new());
        let newer = r#"{"format":"journeymap","version":2,"id":"n","title":"From the future"}"#;
        lib.store().set("journeymap:map:n", newer).unwrap();
        let loaded = lib.load().unwrap();
        assert!(loaded.maps.is_empty());
        assert_eq!(loaded.broken[0].kept_at, None);
        assert!(
            loaded.broken[0].error.contains("newer"),
            "{}",
            loaded.broken[0].error
        );
        assert_eq!(
            lib.store().get("journeymap:map:n").unwrap().as_deref(),
            Some(newer)
        );
    }

    #[test]
    fn entries_set_aside_are_listed_read_and_deleted_and_nothing_else_is() {
        let lib = Library::new(MemoryStore::new());
        lib.save(&JourneyMap::blank("good", "Good")).unwrap();
        lib.store()
            .set("journeymap:map:bad", "{\"title\":")
            .unwrap();
        lib.store().set("journeymap:map:odd", "[1, 2").unwrap();
        let loaded = lib.load().unwrap();
        assert_eq!(loaded.broken.len(), 2);
        let aside = lib.set_aside().unwrap();
        assert_eq!(
            aside,
            vec![
                ("journeymap:broken:bad".to_string(), 9),
                ("journeymap:broken:odd".to_string(), 5)
            ]
        );
        assert_eq!(
            lib.set_aside_text("journeymap:broken:bad")
                .unwrap()
                .as_deref(),
            Some("{\"title\":"),
            "the text as it was found"
        );
        // Only entries set aside can be read or deleted this way.
        assert_eq!(lib.set_aside_text("journeymap:map:good").unwrap(), None);
        lib.forget_set_aside("journeymap:map:good").unwrap();
        assert!(lib.contains("good"));
        lib.forget_set_aside("journeymap:broken:bad").unwrap();
        assert_eq!(lib.set_aside().unwrap().len(), 1);
        assert_eq!(lib.load().unwrap().maps.len(), 1);
    }

    #[test]
    fn a_broken_entry_stays_in_place_when_it_cannot_be_copied() {
        let lib = Library::new(MemoryStore::with_quota(40));
        lib.store().set("journeymap:map:x", "not json").unwrap();
        let loaded = lib.load().unwrap();
        assert_eq!(loaded.broken[0].kept_at, None);
        assert_eq!(
            lib.store().get("journeymap:map:x").unwrap().as_deref(),
            Some("not json")
        );
    }

    #[test]
    fn a_stale_tab_cannot_overwrite_a_newer_save() {
        let lib = Library::new(MemoryStore::new());
        let map = template::ecommerce("m");
        // Tab A and tab B both open the map saved at time 10.
        let t0 = lib.save_checked(&map, 0.0, 10.0).unwrap();
        assert_eq!(t0, 10.0);
        let mut a = map.clone();
        a.title = "From A".into();
        let t1 = lib.save_checked(&a, t0, 20.0).unwrap();
        // B still thinks the stored copy is from time 10.
        let mut b = map.clone();
        b.title = "From B".into();
        match lib.save_checked(&b, t0, 30.0) {
            Err(SaveError::Changed(theirs)) => assert_eq!(theirs.title, "From A"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            lib.get("m").unwrap().unwrap().title,
            "From A",
            "A's save survives"
        );
        // Having seen A's save, B may write.
        assert!(lib.save_checked(&b, t1, 30.0).unwrap() > t1);
        // A clock that goes backwards still moves the edit time forward.
        let t3 = lib.save_checked(&b, 30.0, 5.0).unwrap();
        assert_eq!(t3, 31.0);
        // A map deleted elsewhere is not silently recreated.
        lib.delete("m", 50.0).unwrap();
        assert_eq!(lib.save_checked(&b, t3, 40.0), Err(SaveError::Deleted));
    }

    /// A store that counts whole reads of each key.
    struct Counting {
        inner: MemoryStore,
        gets: RefCell<Vec<String>>,
    }

    impl Store for Counting {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.gets.borrow_mut().push(key.to_string());
            self.inner.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            self.inner.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), StoreError> {
            self.inner.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            self.inner.keys()
        }
        fn tail(&self, key: &str, n: usize) -> Result<Option<(String, usize)>, StoreError> {
            self.inner.tail(key, n)
        }
    }

    #[test]
    fn the_edit_time_is_read_from_the_end_of_a_stored_map() {
        let mut map = template::ecommerce("m");
        map.updated = 1_764_633_600_000.0;
        let text = json::to_string(&map);
        assert_eq!(stamp_at_end(tail_of(&text, TAIL)), Some(map.updated));
        map.updated = 0.0;
        assert_eq!(stamp_at_end(&json::to_string(&map)), Some(0.0));
        // Written otherwise, the end does not say; the whole text then does.
        let pretty = json::to_string_pretty(&map);
        assert_eq!(stamp_at_end(tail_of(&pretty, TAIL)), None);
        for end in [
            r#"{"a":1,"updated":12.5}"#,
            r#"{"updated":-3}"#,
            r#"{"updated":1e3}"#,
        ] {
            assert_eq!(stamp_at_end(end), stamp_of(end), "{end}");
        }
        for not in [
            r#"{"x":"a\"updated":5}"#, // a key that ends in `updated`
            r#"{"updated":"5"}"#,
            r#"{"updated":5} "#,
            r#"{"updated":5,"x":1}"#,
            r#"{"updated":null}"#,
            r#"updated":5}"#,
            "",
        ] {
            assert_eq!(stamp_at_end(not), None, "{not}");
        }
    }

    #[test]
    fn a_save_reads_only_the_end_of_the_stored_map_unless_it_must() {
        let store = Counting {
            inner: MemoryStore::new(),
            gets: RefCell::default(),
        };
        let lib = Library::new(&store);
        let mut map = template::ecommerce("m");
        let mut t = lib.save_checked(&map, 0.0, 1_000.0).unwrap();
        let whole_reads = |lib: &Library<&Counting>| {
            let n = lib
                .store()
                .gets
                .borrow()
                .iter()
                .filter(|k| k.as_str() == "journeymap:map:m")
                .count();
            lib.store().gets.borrow_mut().clear();
            n
        };
        // The first save over a stored copy keeps it as a version: read.
        t = lib.save_checked(&map, t, t + 1_000.0).unwrap();
        assert_eq!(whole_reads(&lib), 1);
        // Saves while typing keep no version: only the end is read.
        for n in 0..3 {
            map.title = format!("Typing {n}");
            t = lib.save_checked(&map, t, t + 1_000.0).unwrap();
            assert_eq!(whole_reads(&lib), 0);
        }
        // A save after a pause keeps one: read again.
        t = lib.save_checked(&map, t, t + versions::REST).unwrap();
        assert_eq!(whole_reads(&lib), 1);
        assert_eq!(lib.versions("m").unwrap().len(), 2);
        // Another tab's save is read in full, to show it.
        let mut theirs = map.clone();
        theirs.title = "Theirs".into();
        lib.save_checked(&theirs, t, t + 1.0).unwrap();
        match lib.save_checked(&map, t, t + 2.0) {
            Err(SaveError::Changed(m)) => assert_eq!(m.title, "Theirs"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn maps_stored_in_another_layout_are_still_checked_by_their_edit_time() {
        // Written by hand or by another program: `updated` is not last.
        let lib = Library::new(MemoryStore::new());
        let mut map = template::ecommerce("m");
        map.updated = 10.0;
        let mut doc: serde_json::Value = serde_json::from_str(&json::to_string(&map)).unwrap();
        doc["zz"] = serde_json::json!("after updated");
        lib.store()
            .set("journeymap:map:m", &doc.to_string())
            .unwrap();
        let mut mine = map.clone();
        mine.title = "Mine".into();
        // Loaded at 5: the stored copy (10) is newer.
        assert!(matches!(
            lib.save_checked(&mine, 5.0, 20.0),
            Err(SaveError::Changed(_))
        ));
        // Loaded at 10: saved, and back in the usual layout.
        assert_eq!(lib.save_checked(&mine, 10.0, 20.0), Ok(20.0));
        assert_eq!(lib.get("m").unwrap().unwrap().title, "Mine");
        let stored = lib.store().get("journeymap:map:m").unwrap().unwrap();
        assert_eq!(stamp_at_end(&stored), Some(20.0));
    }

    #[test]
    fn usage_counts_our_entries_as_the_browser_does() {
        let lib = Library::new(MemoryStore::new());
        lib.store().set("other-app", &"x".repeat(1000)).unwrap();
        assert_eq!(lib.usage().unwrap(), 0, "other apps' keys are not ours");
        lib.store().set("journeymap:map:a", "é").unwrap();
        assert_eq!(lib.usage().unwrap(), 2 * ("journeymap:map:a".len() + 1));
        assert!(!near_quota(TYPICAL_QUOTA * 4 / 5 - 1));
        assert!(near_quota(TYPICAL_QUOTA * 4 / 5));
    }

    #[test]
    fn saves_after_a_pause_keep_the_version_before_it() {
        let lib = Library::new(MemoryStore::new());
        let mut map = template::ecommerce("m");
        let mut t = lib.save_checked(&map, 0.0, 1_000.0).unwrap();
        // Typing: saves every second keep no versions in between.
        for i in 0..5 {
            map.title = format!("Typing {i}");
            t = lib.save_checked(&map, t, t + 1_000.0).unwrap();
        }
        let v = lib.versions("m").unwrap();
        assert_eq!(v.len(), 1, "only the copy before the first edit");
        assert_eq!(
            json::from_str(&v[0].text).unwrap().title,
            "E-commerce purchase"
        );
        // After a pause, the copy at rest becomes a version.
        map.title = "After lunch".into();
        t = lib.save_checked(&map, t, t + versions::REST).unwrap();
        let v = lib.versions("m").unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(json::from_str(&v[1].text).unwrap().title, "Typing 4");
        // Its summary is made when the History panel first lists it, and
        // stored then.
        assert_eq!(v[1].summary, "");
        let mut v = lib.versions("m").unwrap();
        versions::describe(&mut v);
        assert!(v[1].summary.contains("Typing 4"), "{}", v[1].summary);
        lib.store_summaries("m", &v).unwrap();
        assert_eq!(lib.versions("m").unwrap(), v);
        // Not over versions that changed in between.
        let mut old = v.clone();
        old[1].summary = "Stale".into();
        old.pop();
        lib.store_summaries("m", &old).unwrap();
        assert_eq!(lib.versions("m").unwrap(), v);
        // Before a restore, the current copy is kept whatever the time.
        lib.keep_version("m", t + 1.0).unwrap();
        let v = lib.versions("m").unwrap();
        assert_eq!(json::from_str(&v[2].text).unwrap().title, "After lunch");
        assert_eq!(lib.get("m").unwrap().unwrap().title, "After lunch");
    }

    #[test]
    fn a_copy_that_differs_only_in_its_edit_time_is_not_kept_twice() {
        // Restore a version, Undo, restore it again: the map between the two
        // restores is the one kept by the first, saved again (a new edit
        // time, the same map). History lists it once, not twice with
        // "No changes".
        let lib = Library::new(MemoryStore::new());
        let mut map = template::ecommerce("m");
        let mut t = lib.save_checked(&map, 0.0, 1_000.0).unwrap();
        map.title = "Old".into();
        t = lib.save_checked(&map, t, t + 1.0).unwrap();
        lib.keep_version("m", t + 2.0).unwrap();
        map.title = "New".into();
        t = lib.save_checked(&map, t, t + 3.0).unwrap();
        let before = lib.versions("m").unwrap().len();
        // Restore "Old": "New" is kept first.
        lib.keep_version("m", t + 4.0).unwrap();
        assert_eq!(lib.versions("m").unwrap().len(), before + 1);
        map.title = "Old".into();
        t = lib.save_checked(&map, t, t + 5.0).unwrap();
        // Undo: "New" again, with a new edit time.
        map.title = "New".into();
        t = lib.save_checked(&map, t, t + 6.0).unwrap();
        // Restore "Old" again: "New" is kept already.
        lib.keep_version("m", t + 7.0).unwrap();
        let mut v = lib.versions("m").unwrap();
        assert_eq!(v.len(), before + 1, "kept twice");
        versions::describe(&mut v);
        assert!(v.iter().all(|v| v.summary != "No changes"), "{v:?}");
        // Nor is a copy the same as an older version: restore "Old", then
        // Undo after a long pause (the save keeps the restored "Old").
        map.title = "Old".into();
        t = lib.save_checked(&map, t, t + 8.0).unwrap();
        map.title = "New".into();
        t = lib
            .save_checked(&map, t, t + 8.0 + versions::EVERY)
            .unwrap();
        lib.keep_version("m", t + 9.0).unwrap();
        assert_eq!(lib.versions("m").unwrap().len(), before + 1, "kept again");
        // A real change is still kept.
        map.title = "Newer".into();
        t = lib.save_checked(&map, t, t + 8.0).unwrap();
        lib.keep_version("m", t + 9.0).unwrap();
        assert_eq!(lib.versions("m").unwrap().len(), before + 2);
    }

    #[test]
    fn a_save_can_leave_its_version_to_be_kept_after_it() {
        let stored_versions = |lib: &Library<MemoryStore>| {
            let raw = lib.store().get("journeymap:history:m").unwrap();
            raw.map_or(0, |r| versions::decode(&r).unwrap().len())
        };
        let lib = Library::new(MemoryStore::new());
        let mut map = template::ecommerce("m");
        let mut t = lib.save_checked_later(&map, 0.0, 1_000.0).unwrap();
        assert!(!lib.unsettled(), "a first save has no copy to keep");
        map.title = "Typing 0".into();
        t = lib.save_checked_later(&map, t, t + 1_000.0).unwrap();
        // The save is done and the copy before it waits, not yet stored.
        assert_eq!(lib.get("m").unwrap().unwrap().title, "Typing 0");
        assert!(lib.unsettled());
        assert_eq!(stored_versions(&lib), 0);
        // Saves while it waits keep nothing of their own and leave it
        // waiting.
        for i in 1..4 {
            map.title = format!("Typing {i}");
            t = lib.save_checked_later(&map, t, t + 1_000.0).unwrap();
            assert!(lib.unsettled());
            assert_eq!(stored_versions(&lib), 0);
        }
        // A save after a pause (before the waiting one was kept) keeps
        // the waiting one, and its own copy waits.
        map.title = "After a pause".into();
        t = lib.save_checked_later(&map, t, t + versions::REST).unwrap();
        assert_eq!(stored_versions(&lib), 1);
        assert!(lib.unsettled());
        lib.settle().unwrap();
        assert!(!lib.unsettled());
        let titles: Vec<String> = lib
            .versions("m")
            .unwrap()
            .iter()
            .map(|v| json::from_str(&v.text).unwrap().title)
            .collect();
        assert_eq!(titles, ["E-commerce purchase", "Typing 3"]);
        // Anything that reads or writes versions settles first: listing
        // them, keeping one before a restore, and deleting the map.
        for settles in ["versions", "keep_version", "delete"] {
            // (A save just after the last kept version keeps none.)
            map.title = format!("Between {settles}");
            t = lib.save_checked(&map, t, t + 1.0).unwrap();
            map.title = format!("Before {settles}");
            t = lib.save_checked_later(&map, t, t + versions::REST).unwrap();
            assert!(lib.unsettled(), "{settles}");
            let before = stored_versions(&lib);
            match settles {
                "versions" => assert_eq!(lib.versions("m").unwrap().len(), before + 1),
                "keep_version" => {
                    lib.keep_version("m", t + 1.0).unwrap();
                    let v = lib.versions("m").unwrap();
                    assert_eq!(
                        v.len(),
                        before + 2,
                        "the waiting one, then the current copy"
                    );
                    assert_eq!(
                        json::from_str(&v[before + 1].text).unwrap().title,
                        "Before keep_version"
                    );
                }
                _ => {
                    lib.delete("m", t + 2.0).unwrap();
                    assert_eq!(stored_versions(&lib), before + 1);
                }
            }
            assert!(!lib.unsettled(), "{settles}");
        }
    }

    #[test]
    fn versions_that_do_not_fit_never_cost_the_map() {
        let map = template::ecommerce("m");
        let size = json::to_string(&map).len();
        let lib = Library::new(MemoryStore::with_quota(size * 2 + 200));
        let mut t = lib.save_checked(&map, 0.0, 1.0).unwrap();
        let mut m = map.clone();
        for i in 0..30 {
            m.description = format!("{i} {}", "words ".repeat(i * 10));
            t = lib.save_checked(&m, t, t + versions::EVERY).unwrap();
            assert_eq!(lib.get("m").unwrap().unwrap().description, m.description);
            if i == 1 {
                assert!(
                    !lib.versions("m").unwrap().is_empty(),
                    "versions while they fit"
                );
            }
        }
    }

    #[test]
    fn a_backup_carries_every_map_with_its_versions() {
        let lib = Library::new(MemoryStore::new());
        let mut map = template::ecommerce("m");
        let t = lib.save_checked(&map, 0.0, 1.0).unwrap();
        map.title = "Second".into();
        lib.save_checked(&map, t, 2.0).unwrap();
        lib.save(&JourneyMap::blank("b", "Blank")).unwrap();
        let (text, n) = lib.backup().unwrap();
        assert_eq!(n, 2);
        // It reads as a backup, and restores into another browser.
        let maps = crate::format::validate::read_backup(&text).unwrap().0;
        assert_eq!(maps.len(), 2);
        let other = Library::new(MemoryStore::new());
        for m in &maps {
            other.save(m).unwrap();
        }
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        for (id, list) in versions::from_backup(&doc) {
            other.merge_versions(&id, list).unwrap();
        }
        let v = other.versions("m").unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(
            json::from_str(&v[0].text).unwrap().title,
            "E-commerce purchase"
        );
    }

    #[test]
    fn deleted_maps_wait_in_the_trash_for_thirty_days() {
        let lib = Library::new(MemoryStore::new());
        let day = 86_400_000.0;
        lib.save(&template::ecommerce("a")).unwrap();
        lib.save(&JourneyMap::blank("b", "Blank")).unwrap();
        lib.keep_version("a", 1.0).unwrap();
        lib.delete("a", 10.0 * day).unwrap();
        lib.delete("b", 20.0 * day).unwrap();
        assert!(lib.load().unwrap().maps.is_empty());
        let trash = lib.trash().unwrap();
        assert_eq!(
            trash.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(),
            ["Blank", "E-commerce purchase"]
        );
        // Restoring puts the map back with its versions.
        let back = lib.restore(&trash[1], "new").unwrap();
        assert_eq!(back.id, "a");
        assert!(lib.contains("a"));
        assert_eq!(lib.versions("a").unwrap().len(), 1);
        // A restored map whose id was taken meanwhile keeps both.
        lib.save(&JourneyMap::blank("b", "Another b")).unwrap();
        let b = lib.restore(&trash[0], "b2").unwrap();
        assert_eq!((b.id.as_str(), lib.contains("b")), ("b2", true));
        // Expired entries are purged, with their versions; others stay.
        lib.delete("a", 10.0 * day).unwrap();
        lib.delete("b2", 39.0 * day).unwrap();
        assert_eq!(lib.purge_expired(41.0 * day).unwrap(), 1);
        let left = lib.trash().unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].id, "b2");
        assert!(lib.versions("a").unwrap().is_empty());
        lib.purge(&left[0]).unwrap();
        assert!(lib.trash().unwrap().is_empty());
    }

    /// A realistic 30-step map: the e-commerce template's content, its
    /// stages' steps repeated with their cells until there are 30.
    fn thirty_steps(id: &str) -> JourneyMap {
        let mut m = template::ecommerce(id);
        let mut n = 0;
        while m.step_count() < 30 {
            let stage = n % m.stages.len();
            let src = m.stages[stage].steps[0].clone();
            let new = m
                .add_step(
                    &m.stages[stage].id.clone(),
                    None,
                    &format!("{} {n}", src.name),
                )
                .unwrap();
            for lane in &mut m.lanes {
                if let Some(c) = lane.cells.get(&src.id).cloned() {
                    lane.cells.insert(new.clone(), c);
                }
            }
            n += 1;
        }
        m
    }

    #[test]
    fn a_browser_holds_a_hundred_maps_of_thirty_steps_with_their_versions() {
        // Maps take space independently: ten measured, times ten.
        let lib = Library::new(MemoryStore::new());
        for i in 0..10 {
            let mut m = thirty_steps(&format!("m{i}"));
            let mut t = lib.save_checked(&m, 0.0, 1.0).unwrap();
            // Twenty sessions of edits, each saved after a pause.
            for s in 0..20 {
                let step = m.stages[s % 5].steps[0].id.clone();
                m.rename_step(&step, &format!("Edited in session {s}"))
                    .unwrap();
                let lane = m.lanes[s % m.lanes.len()].id.clone();
                let _ = m.set_cell(&lane, &step, crate::model::Cell::Text(format!("Note {s}")));
                t = lib.save_checked(&m, t, t + versions::REST * 2.0).unwrap();
            }
        }
        let chars: usize = lib
            .store()
            .keys()
            .unwrap()
            .iter()
            .map(|k| {
                k.chars().count() + lib.store().get(k).unwrap().unwrap().encode_utf16().count()
            })
            .sum();
        let one_map = json::to_string(&thirty_steps("m")).len();
        // Chromium allows 5,242,880 UTF-16 units per origin; our own meter
        // counts two bytes per unit against 5 MB, the strictest reading.
        println!("10 maps of {one_map} characters, 20 versions each: {chars} units");
        assert!(
            lib.usage().unwrap() * 10 < TYPICAL_QUOTA,
            "10 maps of {one_map} characters with 20 versions each use {chars} units"
        );
        assert_eq!(lib.versions("m7").unwrap().len(), versions::KEEP);
    }

    #[test]
    fn map_ids_differ_by_time_and_chance() {
        let a = new_map_id(1_700_000_000_000.0, 0.1);
        assert_ne!(a, new_map_id(1_700_000_000_000.0, 0.2));
        assert_ne!(a, new_map_id(1_700_000_000_001.0, 0.1));
        assert!(a.starts_with('m') && a.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
