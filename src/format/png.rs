//! PNG chunks: the map's JSON rides in an `iTXt` chunk with the keyword
//! `journeymap`, just before `IEND`. Only the chunk layer is handled here
//! (signature, length, type, data, CRC-32); pixels are the browser's job.
//! Nothing here panics on junk input.

/// The eight bytes every PNG file starts with.
pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// The keyword of the chunk that holds the map.
pub const KEYWORD: &str = "journeymap";

/// True when `bytes` start with the PNG signature.
pub fn is_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&SIGNATURE)
}

/// CRC-32 (ISO 3309, as PNG uses it) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    crc32_update(0xFFFF_FFFF, data) ^ 0xFFFF_FFFF
}

fn crc32_update(mut crc: u32, data: &[u8]) -> u32 {
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    crc
}

/// One chunk of a PNG.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub kind: [u8; 4],
    pub data: &'a [u8],
    /// Byte offset of the chunk (its length field) in the file.
    pub offset: usize,
    /// True when the stored CRC matches.
    pub crc_ok: bool,
}

/// The chunks of a PNG, in order, up to and including `IEND`.
pub fn chunks(png: &[u8]) -> Result<Vec<Chunk<'_>>, String> {
    if !is_png(png) {
        return Err("this is not a PNG file".into());
    }
    let mut out = Vec::new();
    let mut at = SIGNATURE.len();
    loop {
        let head = png
            .get(at..at + 8)
            .ok_or("the PNG file is cut short (no IEND chunk)")?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        if len > 0x7FFF_FFFF {
            return Err(format!(
                "the PNG chunk at byte {at} has an impossible length"
            ));
        }
        let kind = [head[4], head[5], head[6], head[7]];
        let data_end = at.checked_add(8 + len).ok_or("the PNG file is damaged")?;
        let data = png
            .get(at + 8..data_end)
            .ok_or_else(|| format!("the PNG file is cut short in the chunk at byte {at}"))?;
        let crc = png
            .get(data_end..data_end + 4)
            .ok_or_else(|| format!("the PNG file is cut short in the chunk at byte {at}"))?;
        let stored = u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]);
        let actual = crc32_update(crc32_update(0xFFFF_FFFF, &kind), data) ^ 0xFFFF_FFFF;
        out.push(Chunk {
            kind,
            data,
            offset: at,
            crc_ok: stored == actual,
        });
        at = data_end + 4;
        if &kind == b"IEND" {
            return Ok(out);
        }
    }
}

/// Width and height from the `IHDR` chunk.
pub fn dimensions(png: &[u8]) -> Option<(u32, u32)> {
    let list = chunks(png).ok()?;
    let ihdr = list.first().filter(|c| &c.kind == b"IHDR")?;
    let d = ihdr.data.get(0..8)?;
    Some((
        u32::from_be_bytes([d[0], d[1], d[2], d[3]]),
        u32::from_be_bytes([d[4], d[5], d[6], d[7]]),
    ))
}

/// Encodes one chunk: length, type, data, CRC.
fn encode_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 12);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32_update(crc32_update(0xFFFF_FFFF, kind), data) ^ 0xFFFF_FFFF;
    out.extend_from_slice(&crc.to_be_bytes());
    out
}

/// The keyword of a `tEXt`/`iTXt` chunk's data: the bytes before the
/// first NUL.
fn keyword(data: &[u8]) -> Option<&[u8]> {
    data.iter().position(|&b| b == 0).map(|i| &data[..i])
}

/// Returns `png` with an uncompressed `iTXt` chunk `keyword` = `text`
/// inserted just before `IEND`; chunks with the same keyword are dropped.
pub fn insert_text(png: &[u8], key: &str, text: &str) -> Result<Vec<u8>, String> {
    if key.is_empty() || key.len() > 79 || key.contains('\0') {
        return Err("a PNG keyword has 1 to 79 characters".into());
    }
    let list = chunks(png)?;
    let mut data = Vec::with_capacity(key.len() + 5 + text.len());
    data.extend_from_slice(key.as_bytes());
    // NUL, compression flag 0, method 0, empty language tag, empty
    // translated keyword.
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(text.as_bytes());
    let mut out = Vec::with_capacity(png.len() + data.len() + 12);
    out.extend_from_slice(&SIGNATURE);
    for c in &list {
        let same = matches!(&c.kind, b"iTXt" | b"tEXt" | b"zTXt")
            && keyword(c.data) == Some(key.as_bytes());
        if same {
            continue;
        }
        if &c.kind == b"IEND" {
            out.extend_from_slice(&encode_chunk(b"iTXt", &data));
        }
        out.extend_from_slice(&encode_chunk(&c.kind, c.data));
    }
    Ok(out)
}

/// The text of the `iTXt` or `tEXt` chunk named `key`, if the PNG has one.
/// A damaged or compressed chunk is an error that says so.
pub fn find_text(png: &[u8], key: &str) -> Result<Option<String>, String> {
    for c in chunks(png)? {
        let is_text = matches!(&c.kind, b"iTXt" | b"tEXt" | b"zTXt");
        if !is_text || keyword(c.data) != Some(key.as_bytes()) {
            continue;
        }
        if !c.crc_ok {
            return Err(format!(
                "the \"{key}\" chunk of the PNG file is damaged (its checksum is wrong)"
            ));
        }
        let rest = &c.data[key.len() + 1..];
        return match &c.kind {
            b"tEXt" => Ok(Some(rest.iter().map(|&b| b as char).collect())),
            b"iTXt" => {
                let (&flag, rest) = rest.split_first().ok_or("the iTXt chunk is cut short")?;
                if flag != 0 {
                    return Err(format!(
                        "the \"{key}\" chunk is compressed, which Journeymap does not read"
                    ));
                }
                let rest = rest.get(1..).ok_or("the iTXt chunk is cut short")?;
                // Language tag, then translated keyword, each NUL-ended.
                let lang = rest
                    .iter()
                    .position(|&b| b == 0)
                    .ok_or("the iTXt chunk is cut short")?;
                let rest = &rest[lang + 1..];
                let tr = rest
                    .iter()
                    .position(|&b| b == 0)
                    .ok_or("the iTXt chunk is cut short")?;
                String::from_utf8(rest[tr + 1..].to_vec())
                    .map(Some)
                    .map_err(|_| format!("the \"{key}\" chunk is not UTF-8 text"))
            }
            _ => Err(format!(
                "the \"{key}\" chunk is compressed, which Journeymap does not read"
            )),
        };
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid 1×1 PNG (grey pixel), as browsers write them.
    fn tiny() -> Vec<u8> {
        let mut png = SIGNATURE.to_vec();
        png.extend(encode_chunk(
            b"IHDR",
            &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0],
        ));
        png.extend(encode_chunk(
            b"IDAT",
            &[0x78, 0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81],
        ));
        png.extend(encode_chunk(b"IEND", &[]));
        png
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        // The IEND chunk's well-known CRC.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn text_goes_in_before_iend_and_comes_back() {
        let png = tiny();
        let text = "{\"title\":\"Café ]]> <ok> \u{1F600}\"}";
        let out = insert_text(&png, KEYWORD, text).unwrap();
        let kinds: Vec<_> = chunks(&out).unwrap().iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [*b"IHDR", *b"IDAT", *b"iTXt", *b"IEND"]);
        assert!(chunks(&out).unwrap().iter().all(|c| c.crc_ok));
        assert_eq!(find_text(&out, KEYWORD).unwrap().as_deref(), Some(text));
        assert_eq!(dimensions(&out), Some((1, 1)));
        // Inserting again replaces, never duplicates.
        let again = insert_text(&out, KEYWORD, "two").unwrap();
        assert_eq!(again.len(), png.len() + 12 + KEYWORD.len() + 5 + 3);
        assert_eq!(find_text(&again, KEYWORD).unwrap().as_deref(), Some("two"));
        assert_eq!(find_text(&png, KEYWORD).unwrap(), None);
        assert_eq!(find_text(&out, "other").unwrap(), None);
    }

    #[test]
    fn text_chunks_from_other_tools_are_read() {
        let mut png = tiny();
        let iend = png.len() - 12;
        let chunk = encode_chunk(b"tEXt", b"journeymap\0{\"a\":1}");
        png.splice(iend..iend, chunk);
        assert_eq!(
            find_text(&png, KEYWORD).unwrap().as_deref(),
            Some("{\"a\":1}")
        );
    }

    #[test]
    fn damage_is_reported_not_panicked_on() {
        let out = insert_text(&tiny(), KEYWORD, "hello").unwrap();
        // Flip a byte of the text: the checksum catches it.
        let mut bad = out.clone();
        let at = bad.len() - 12 - 4 - 1;
        bad[at] ^= 1;
        assert!(find_text(&bad, KEYWORD).unwrap_err().contains("damaged"));
        // Every truncation is an error or a clean answer, never a panic.
        for cut in 0..out.len() {
            let _ = find_text(&out[..cut], KEYWORD);
            let _ = insert_text(&out[..cut], KEYWORD, "x");
            let _ = dimensions(&out[..cut]);
        }
        // Junk, and a huge length field.
        let mut junk = SIGNATURE.to_vec();
        junk.extend([0xFF, 0xFF, 0xFF, 0xFF, b'i', b'T', b'X', b't']);
        assert!(find_text(&junk, KEYWORD).is_err());
        assert!(find_text(b"GIF89a", KEYWORD).is_err());
        let mut x: u32 = 12345;
        for len in 0..400 {
            let mut bytes = SIGNATURE.to_vec();
            for _ in 0..len {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                bytes.push((x >> 16) as u8);
            }
            let _ = find_text(&bytes, KEYWORD);
            let _ = insert_text(&bytes, KEYWORD, "x");
        }
        // A compressed iTXt is named as such.
        let mut png = tiny();
        let iend = png.len() - 12;
        png.splice(
            iend..iend,
            encode_chunk(b"iTXt", b"journeymap\0\x01\x00\0\0xx"),
        );
        assert!(find_text(&png, KEYWORD).unwrap_err().contains("compressed"));
        // An iTXt cut inside its header.
        let mut png = tiny();
        png.splice(iend..iend, encode_chunk(b"iTXt", b"journeymap\0\0"));
        assert!(find_text(&png, KEYWORD).is_err());
        assert!(insert_text(&tiny(), "", "x").is_err());
    }
}
