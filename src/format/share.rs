//! Share links: a whole map in the URL fragment (`#map=…`), compressed, so
//! nothing is sent to any server. A link leads to the small viewer page
//! `embed.html` beside the editor ([`link`]); the editor reads the same code
//! after `#map=` (read-only) and `#copy=` (saved as a copy).
//!
//! The code is `1` (the encoding's version) followed by base64url (no
//! padding) of the compact `.journey.json` document compressed with a small
//! LZ77 scheme:
//!
//! * a byte `c < 0x80` is followed by `c + 1` literal bytes;
//! * a byte `c ≥ 0x80` copies `(c & 0x7f) + 3` bytes from `d` bytes back,
//!   where `d` follows as an unsigned LEB128 number.

use super::json;
use crate::model::JourneyMap;
use std::fmt;

/// The share link for `code`: the viewer page `embed.html` in the folder
/// of the editor's page `editor` (`https://host/jm/` or
/// `https://host/jm/index.html`; a query or fragment is dropped).
pub fn link(editor: &str, code: &str) -> String {
    let page = editor.split(['#', '?']).next().unwrap_or_default();
    let path_start = page.find("://").map_or(0, |i| i + 3);
    let folder = match page[path_start..].rfind('/') {
        Some(i) => &page[..path_start + i + 1],
        None => return format!("{page}/embed.html#map={code}"),
    };
    format!("{folder}embed.html#map={code}")
}

/// Longest code a link may carry; longer maps should travel as files.
pub const MAX_LINK: usize = 32 * 1024;
/// Largest document a link may expand to.
const MAX_DOCUMENT: usize = 10 * 1024 * 1024;
const VERSION: char = '1';
const MIN_MATCH: usize = 3;
const MAX_MATCH: usize = 0x7f + MIN_MATCH;
const WINDOW: usize = 1 << 16;

/// Why a link could not be made or read.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// The map needs a longer link than [`MAX_LINK`].
    TooLong,
    /// The link is damaged or not a Journeymap link.
    Malformed(String),
    /// The link holds a document that does not read.
    Invalid(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLong => write!(
                f,
                "this map is too large for a link, which can practically carry {} KB. \
                 Export it as a .journey.json file and share that instead",
                MAX_LINK / 1024
            ),
            ShareError::Malformed(why) => write!(f, "the link is damaged: {why}"),
            ShareError::Invalid(why) => write!(f, "the map in the link does not read: {why}"),
        }
    }
}

/// The code for `#map=` that carries `map`.
pub fn encode(map: &JourneyMap) -> Result<String, ShareError> {
    let doc = json::to_string(map);
    // Compressed bytes beyond this cannot fit (base64url makes 4 of 3), so
    // a map too large for a link is found without compressing all of it.
    let limit = MAX_LINK / 4 * 3;
    let bytes = lz77(&[], doc.as_bytes(), limit, Effort::BEST);
    if bytes.len() > limit {
        return Err(ShareError::TooLong);
    }
    let mut code = String::from(VERSION);
    code.push_str(&base64url(&bytes));
    if code.len() > MAX_LINK {
        return Err(ShareError::TooLong);
    }
    Ok(code)
}

/// Reads the code of a `#map=` link back into a map.
pub fn decode(code: &str) -> Result<JourneyMap, ShareError> {
    let code = code.trim();
    let Some(body) = code.strip_prefix(VERSION) else {
        return Err(ShareError::Malformed(if code.is_empty() {
            "it carries no map".into()
        } else {
            "it was not made by this version of Journeymap".into()
        }));
    };
    if body.len() > MAX_LINK * 2 {
        return Err(ShareError::TooLong);
    }
    let bytes = unbase64url(body).map_err(ShareError::Malformed)?;
    let doc = decompress(&bytes).map_err(ShareError::Malformed)?;
    let text = String::from_utf8(doc)
        .map_err(|_| ShareError::Malformed("its text is not valid UTF-8".into()))?;
    // Links come from other people: the validating reader (which is also
    // what keeps serde's derived deserializers out of both bundles).
    json::from_str(&text).map_err(|e| {
        if e.0.contains("ends too early") {
            ShareError::Malformed("it is cut short, perhaps when it was copied".into())
        } else {
            ShareError::Invalid(e.0)
        }
    })
}

/// LZ77 compression as described in the module docs.
pub fn compress(input: &[u8]) -> Vec<u8> {
    lz77(&[], input, usize::MAX, Effort::BEST)
}

/// Like [`compress`], about three times faster for about an eighth more
/// bytes: for saved versions, compressed while the user edits.
pub fn compress_fast(input: &[u8]) -> Vec<u8> {
    lz77(&[], input, usize::MAX, Effort::FAST)
}

/// Compresses `input` with `dict` as text already seen, so that references
/// may point into it: a version of a map against the next one costs a few
/// hundred bytes. [`decompress_with`] needs the same `dict`.
pub fn compress_with(dict: &[u8], input: &[u8]) -> Vec<u8> {
    lz77(dict, input, usize::MAX, Effort::BEST)
}

/// Compresses `input` as copies from `base` where the two are the same, for
/// a version of a map against the next one. Unlike [`compress_with`], whose
/// copies reach back 64 KB, these reach anywhere in `base`, so a version
/// costs little whatever the map's size; text not found in `base` is kept
/// as it is. [`decompress_with`] reads it with `base` as `dict`.
///
/// Copies are found along the last copy's offset (an edit that keeps the
/// length resumes there), else through an index of the 16 bytes at every
/// 8th place of `base`; one hash lookup per byte, so it runs in time linear
/// in the two texts.
pub fn delta(base: &[u8], input: &[u8]) -> Vec<u8> {
    const ANCHOR: usize = 16;
    const STRIDE: usize = 8;
    let data = [base, input].concat();
    let start = base.len();
    let bits = (base.len() / STRIDE * 2)
        .next_power_of_two()
        .clamp(1 << 10, 1 << 22)
        .trailing_zeros();
    let hash = |k: usize| {
        let w = |o: usize| u64::from_le_bytes(data[k + o..k + o + 8].try_into().unwrap_or([0; 8]));
        ((w(0) ^ w(8).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    };
    let mut table = vec![NONE; 1 << bits];
    for p in (0..base.len().saturating_sub(ANCHOR - 1)).step_by(STRIDE) {
        table[hash(p)] = p as u32;
    }
    let mut out = Vec::with_capacity(input.len() / 16 + 16);
    let mut literals: Vec<u8> = Vec::new();
    let same = |p: usize, i: usize| copyable(&data, p, i);
    let mut last = 0;
    let mut i = start;
    while i < data.len() {
        let mut best = (0, 0);
        if last > 0 && last <= i {
            best = (same(i - last, i), last);
        }
        if best.0 < MAX_MATCH && i + ANCHOR <= data.len() {
            let p = table[hash(i)];
            if p != NONE {
                let len = same(p as usize, i);
                if len >= ANCHOR && len > best.0 {
                    best = (len, i - p as usize);
                }
            }
        }
        if best.0 >= MIN_MATCH {
            flush_literals(&mut out, &mut literals);
            push_copy(&mut out, best.0, best.1);
            last = best.1;
            i += best.0;
        } else {
            literals.push(data[i]);
            i += 1;
        }
    }
    flush_literals(&mut out, &mut literals);
    out
}

/// How many bytes at `i` of `data` (up to [`MAX_MATCH`]) are the same as
/// those at the earlier place `p`: the length of a copy from there.
fn copyable(data: &[u8], p: usize, i: usize) -> usize {
    data[p..]
        .iter()
        .zip(&data[i..])
        .take(MAX_MATCH)
        .take_while(|(a, b)| a == b)
        .count()
}

/// Writes `literals` as runs of at most 128 bytes, and empties it.
fn flush_literals(out: &mut Vec<u8>, literals: &mut Vec<u8>) {
    for chunk in literals.chunks(128) {
        out.push((chunk.len() - 1) as u8);
        out.extend_from_slice(chunk);
    }
    literals.clear();
}

/// Writes a copy of `len` bytes from `distance` bytes back.
fn push_copy(out: &mut Vec<u8>, len: usize, distance: usize) {
    out.push(0x80 | (len - MIN_MATCH) as u8);
    let mut d = distance;
    loop {
        let byte = (d & 0x7f) as u8;
        d >>= 7;
        if d == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
}

/// Bits of the hash of three bytes that finds earlier places to copy from.
const HASH_BITS: u32 = 15;
/// No earlier place with the same hash.
const NONE: u32 = u32::MAX;

/// The hash of the three bytes at `k` of `data` (`k + 3 <= data.len()`).
fn hash3(data: &[u8], k: usize) -> usize {
    let v = u32::from(data[k]) << 16 | u32::from(data[k + 1]) << 8 | u32::from(data[k + 2]);
    (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

/// How hard [`lz77`] looks for copies.
#[derive(Clone, Copy)]
struct Effort {
    /// Earlier places tried at each byte.
    tries: usize,
    /// A copy at least this long ends the search.
    enough: usize,
    /// The places inside a copy longer than this are not indexed (only its
    /// first and last).
    index_within: usize,
}

impl Effort {
    const BEST: Effort = Effort {
        tries: 16,
        enough: MAX_MATCH,
        index_within: MAX_MATCH,
    };
    const FAST: Effort = Effort {
        tries: 4,
        enough: 32,
        index_within: 16,
    };
}

/// Compresses `input` after `dict`, stopping once the output passes
/// `limit` bytes (what is returned is then longer than `limit` and not a
/// complete compression: callers that pass a limit check the length).
///
/// Earlier places are found through hash chains, as in zlib: `head` holds
/// the last place of each hash and `prev`, a ring as long as the window,
/// the place before each one with the same hash. Up to `effort.tries` of
/// the latest places within the window are tried (see [`Effort`]).
fn lz77(dict: &[u8], input: &[u8], limit: usize, effort: Effort) -> Vec<u8> {
    let data = [dict, input].concat();
    let start = dict.len();
    let mut out = Vec::with_capacity(input.len().min(limit) / 3 + 16);
    let mut head = vec![NONE; 1 << HASH_BITS];
    let mut prev = vec![NONE; WINDOW.min(data.len()).max(1)];
    let mut literals: Vec<u8> = Vec::new();
    let ring = prev.len();
    let index = |head: &mut [u32], prev: &mut [u32], k: usize| {
        if k + MIN_MATCH <= data.len() {
            let h = hash3(&data, k);
            prev[k % ring] = head[h];
            head[h] = k as u32;
        }
    };
    for k in 0..start {
        index(&mut head, &mut prev, k);
    }
    let match_len = |p: usize, i: usize| copyable(&data, p, i);
    // The distance of the last copy: a changed version of a text mostly
    // continues where the previous copy left off.
    let mut last = 0;
    let mut i = start;
    while i < data.len() && out.len() + literals.len() <= limit {
        let mut best = (0, 0);
        if last > 0 && last <= i {
            best = (match_len(i - last, i), last);
        }
        if best.0 < effort.enough && i + MIN_MATCH <= data.len() {
            let mut p = head[hash3(&data, i)];
            for _ in 0..effort.tries {
                let at = p as usize;
                // Chains run back in time; a later place means the ring
                // has moved on past this one.
                if p == NONE || at >= i || i - at > WINDOW {
                    break;
                }
                let len = match_len(at, i);
                if len > best.0 {
                    best = (len, i - at);
                }
                p = prev[at % ring];
                if p != NONE && p as usize >= at {
                    break;
                }
            }
        }
        let step = if best.0 >= MIN_MATCH {
            flush_literals(&mut out, &mut literals);
            push_copy(&mut out, best.0, best.1);
            last = best.1;
            best.0
        } else {
            literals.push(data[i]);
            1
        };
        if step <= effort.index_within {
            for k in i..(i + step) {
                index(&mut head, &mut prev, k);
            }
        } else {
            index(&mut head, &mut prev, i);
            index(&mut head, &mut prev, i + step - 1);
        }
        i += step;
    }
    flush_literals(&mut out, &mut literals);
    out
}

/// Reverses [`compress`]; damaged input gives an error, never a panic.
pub fn decompress(input: &[u8]) -> Result<Vec<u8>, String> {
    decompress_with(&[], input)
}

/// Reverses [`compress_with`] given the same `dict`.
pub fn decompress_with(dict: &[u8], input: &[u8]) -> Result<Vec<u8>, String> {
    // The dictionary is read in place: positions below `dict.len()` of the
    // text so far are in it, the rest in `out`.
    // A version is usually about as long as the one it is a delta against.
    let mut out: Vec<u8> = Vec::with_capacity((input.len() * 3).max(dict.len() + dict.len() / 16));
    let mut i = 0;
    while i < input.len() {
        let c = input[i];
        i += 1;
        if c < 0x80 {
            let n = c as usize + 1;
            let lit = input
                .get(i..i + n)
                .ok_or("it ends in the middle of its text")?;
            out.extend_from_slice(lit);
            i += n;
        } else {
            let len = (c & 0x7f) as usize + MIN_MATCH;
            let mut d: usize = 0;
            let mut shift = 0;
            loop {
                let b = *input.get(i).ok_or("it ends in the middle of a reference")?;
                i += 1;
                if shift > 21 {
                    return Err("it holds a reference out of range".into());
                }
                d |= ((b & 0x7f) as usize) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            if d == 0 || d > dict.len() + out.len() {
                return Err("it holds a reference out of range".into());
            }
            // Where the copy starts, counted from the start of `dict`.
            let start = dict.len() + out.len() - d;
            let from_dict = dict.len().saturating_sub(start).min(len);
            out.extend_from_slice(&dict[start.min(dict.len())..][..from_dict]);
            let (rest, at) = (
                len - from_dict,
                (start + from_dict).saturating_sub(dict.len()),
            );
            if at + rest <= out.len() {
                out.extend_from_within(at..at + rest);
            } else {
                // The copy overlaps what it writes: byte by byte.
                for k in 0..rest {
                    let b = out[at + k];
                    out.push(b);
                }
            }
        }
        if out.len() > MAX_DOCUMENT {
            return Err("it expands to more than 10 MB".into());
        }
    }
    Ok(out)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (k, b)| acc | (*b as u32) << (16 - 8 * k));
        for k in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url, with or without padding.
pub fn unbase64url(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for (pos, ch) in text.chars().enumerate() {
        let v = match ch {
            'A'..='Z' => ch as u32 - 'A' as u32,
            'a'..='z' => ch as u32 - 'a' as u32 + 26,
            '0'..='9' => ch as u32 - '0' as u32 + 52,
            '-' | '+' => 62,
            '_' | '/' => 63,
            _ => {
                return Err(format!(
                    "character {} ({ch:?}) does not belong in a link",
                    pos + 2
                ))
            }
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return Err("it was cut short".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_leads_to_the_viewer_page_beside_the_editor() {
        for (editor, expected) in [
            (
                "https://docs.example.com/",
                "https://docs.example.com/embed.html#map=1ab",
            ),
            (
                "https://docs.example.com/jm/index.html",
                "https://docs.example.com/jm/embed.html#map=1ab",
            ),
            (
                "https://docs.example.com/jm/",
                "https://docs.example.com/jm/embed.html#map=1ab",
            ),
            (
                "http://127.0.0.1:8080/?x=1#/map/m1",
                "http://127.0.0.1:8080/embed.html#map=1ab",
            ),
            (
                "https://docs.example.com",
                "https://docs.example.com/embed.html#map=1ab",
            ),
        ] {
            assert_eq!(super::link(editor, "1ab"), expected, "{editor}");
        }
    }

    use super::*;
    use crate::model::template;
    use crate::model::Cell;

    #[test]
    fn a_map_survives_a_link_and_the_link_is_compact() {
        let map = template::ecommerce("m1");
        let code = encode(&map).unwrap();
        assert!(code.starts_with('1'));
        assert!(code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&code).unwrap(), map);
        let doc = json::to_string(&map).len();
        assert!(code.len() < doc, "{} < {doc}", code.len());
    }

    #[test]
    fn compression_round_trips_edge_cases() {
        for input in [
            &b""[..],
            b"a",
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            b"abcabcabcabcabc xyz abcabc",
            &[0u8, 255, 128, 127, 3, 3, 3, 3, 3, 3],
        ] {
            assert_eq!(decompress(&compress(input)).unwrap(), input);
        }
        let long: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
        assert_eq!(decompress(&compress(&long)).unwrap(), long);
        // Beyond the window: text repeated from further back than it reaches,
        // after a dictionary longer than it.
        let mut seed = 7u32;
        let noise: Vec<u8> = (0..(WINDOW + 5000))
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (seed >> 24) as u8
            })
            .collect();
        let again = [&noise[..], &noise[..3000]].concat();
        assert_eq!(decompress(&compress(&again)).unwrap(), again);
        let delta = compress_with(&noise, &noise[..9000]);
        assert_eq!(decompress_with(&noise, &delta).unwrap(), &noise[..9000]);
    }

    #[test]
    fn a_version_compresses_to_little_against_the_next() {
        let old = json::to_string(&template::ecommerce("m"));
        let mut map = template::ecommerce("m");
        map.title = "Renamed".into();
        map.stages[2].steps[1].name = "Compares delivery options".into();
        let new = json::to_string(&map);
        let delta = compress_with(new.as_bytes(), old.as_bytes());
        assert!(
            delta.len() < old.len() / 20,
            "{} of {}",
            delta.len(),
            old.len()
        );
        assert_eq!(
            decompress_with(new.as_bytes(), &delta).unwrap(),
            old.as_bytes()
        );
        // Without the right dictionary it does not silently give the text.
        assert_ne!(
            decompress_with(b"other", &delta).ok().as_deref(),
            Some(old.as_bytes())
        );
    }

    /// A map of about 400 KB: the e-commerce template with `n` more steps,
    /// each with a sentence in every text lane.
    fn large(n: usize) -> JourneyMap {
        let mut map = template::ecommerce("m");
        let stage = map.stages[1].id.clone();
        let lanes: Vec<String> = map
            .lanes
            .iter()
            .filter(|l| l.kind == crate::model::LaneKind::Text)
            .map(|l| l.id.clone())
            .collect();
        let mut seed = 11u32;
        let mut word = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            [
                "cart", "price", "parcel", "refund", "login", "review", "voucher",
            ][(seed >> 16) as usize % 7]
        };
        for k in 0..n {
            let name = format!("{} {} {k}", word(), word());
            let step = map.add_step(&stage, None, &name).unwrap();
            for lane in &lanes {
                let text: Vec<&str> = (0..24).map(|_| word()).collect();
                map.set_cell(lane, &step, Cell::Text(text.join(" ")))
                    .unwrap();
            }
        }
        map
    }

    #[test]
    fn a_version_of_a_large_map_costs_little_against_the_next() {
        let old_map = large(1200);
        let old = json::to_string(&old_map);
        assert!(old.len() > 300_000, "{}", old.len());
        // The next version: a renamed map, a cell typed into near the end,
        // a step added in the middle, one removed near the start.
        let mut map = old_map.clone();
        map.title = "Renamed".into();
        let steps: Vec<String> = map.stages[1].steps.iter().map(|s| s.id.clone()).collect();
        let lane = map.lanes[0].id.clone();
        map.set_cell(&lane, &steps[1100], Cell::Text("Typed later".into()))
            .unwrap();
        let stage = map.stages[1].id.clone();
        map.add_step(&stage, Some(600), "Added in the middle")
            .unwrap();
        map.delete_step(&steps[40]).unwrap();
        let new = json::to_string(&map);
        let d = delta(new.as_bytes(), old.as_bytes());
        assert!(
            d.len() < old.len() / 20,
            "a version costs {} bytes of a {}-byte map",
            d.len(),
            old.len()
        );
        assert_eq!(decompress_with(new.as_bytes(), &d).unwrap(), old.as_bytes());
        // And the other way round, and against an unrelated text.
        let back = delta(old.as_bytes(), new.as_bytes());
        assert_eq!(
            decompress_with(old.as_bytes(), &back).unwrap(),
            new.as_bytes()
        );
        let other = delta(b"unrelated", new.as_bytes());
        assert_eq!(
            decompress_with(b"unrelated", &other).unwrap(),
            new.as_bytes()
        );
    }

    #[test]
    fn deltas_round_trip_any_edit() {
        let mut seed = 3u32;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 8) as usize % n.max(1)
        };
        let base: Vec<u8> = (0..5_000).map(|_| b"abcd \"xy"[next(8)]).collect();
        for _ in 0..300 {
            let mut input = base.clone();
            for _ in 0..next(6) {
                let at = next(input.len() + 1);
                match next(3) {
                    0 => input.insert(at, b"qz"[next(2)]),
                    1 if at < input.len() => {
                        input.remove(at);
                    }
                    _ => {
                        let from = next(base.len());
                        let len = next(300).min(base.len() - from);
                        input.splice(at..at, base[from..from + len].iter().copied());
                    }
                }
            }
            let cut = next(input.len() + 1);
            for (b, i) in [
                (&base[..], &input[..]),
                (&input[..cut], &base[..]),
                (&[][..], &input[..]),
            ] {
                assert_eq!(decompress_with(b, &delta(b, i)).unwrap(), i);
            }
        }
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            assert_eq!(unbase64url(&base64url(&bytes)).unwrap(), bytes);
        }
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        let code = encode(&template::ecommerce("m1")).unwrap();
        let bad_reference = format!("1{}", base64url(&[0x80, 5]));
        let cases = [
            ("", "carries no map"),
            ("2abc", "not made by this version"),
            ("1ab$cd", "does not belong in a link"),
            (&code[..code.len() / 2], "damaged"),
            ("1_____", "cut short"),
            (&bad_reference, "out of range"),
        ];
        for (input, expected) in cases {
            let err = decode(input).unwrap_err().to_string();
            assert!(err.contains(expected), "{input:?}: {err}");
        }
        // A valid link to something that is not a map.
        let not_a_map = format!(
            "1{}",
            base64url(&compress(b"{\"format\":\"journeymap\",\"version\":7}"))
        );
        assert!(decode(&not_a_map)
            .unwrap_err()
            .to_string()
            .contains("newer Journeymap"));
    }

    #[test]
    fn a_map_too_large_for_a_link_is_refused_with_advice() {
        let mut map = template::ecommerce("big");
        let lane = map.lanes[0].id.clone();
        let mut seed = 1u64;
        let steps: Vec<String> = map.steps().map(|s| s.id.clone()).collect();
        for s in steps {
            // Text that does not compress away.
            let text: String = (0..4000)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (b'a' + (seed >> 59) as u8) as char
                })
                .collect();
            map.set_cell(&lane, &s, crate::model::Cell::Text(text))
                .unwrap();
        }
        let err = encode(&map).unwrap_err();
        assert!(matches!(err, ShareError::TooLong));
        assert!(err
            .to_string()
            .contains("Export it as a .journey.json file"));
    }

    #[test]
    fn decompress_never_panics_on_junk() {
        let mut seed = 7u64;
        for _ in 0..2000 {
            let len = (seed % 64) as usize;
            let junk: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 56) as u8
                })
                .collect();
            let _ = decompress(&junk);
            let _ = decode(&format!("1{}", base64url(&junk)));
            // With a dictionary, as saved versions are read.
            let _ = decompress_with(b"abcdefgh", &junk);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use crate::format::validate::arb;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn a_link_gives_back_the_map(map in arb::map()) {
            match encode(&map) {
                Ok(code) => prop_assert_eq!(decode(&code).unwrap(), map),
                Err(e) => prop_assert!(matches!(e, ShareError::TooLong)),
            }
        }

        #[test]
        fn any_text_decodes_to_a_map_or_an_error(text in "\\PC{0,80}") {
            let _ = decode(&text);
            let _ = decode(&format!("1{text}"));
        }

        #[test]
        fn any_bytes_behind_a_valid_prefix_give_an_error_not_a_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..200)
        ) {
            let _ = decode(&format!("1{}", base64url(&bytes)));
            let _ = decode(&format!("1{}", base64url(&compress(&bytes))));
        }

        #[test]
        fn a_damaged_document_in_a_link_is_refused_with_its_place(doc in arb::mutated_document()) {
            let code = format!("1{}", base64url(&compress(doc.to_string().as_bytes())));
            match decode(&code) {
                Ok(map) => prop_assert!(map.check().is_empty()),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
