//! Mermaid `journey` diagrams: reading them into maps and writing maps back.
//!
//! The reader follows Mermaid's own grammar (`journey.jison` and
//! `journeyDb` in mermaid-js): keywords are case-insensitive; `%%` lines
//! (and, as Mermaid's lexer has it, any line starting with `%` but not
//! `%{`) are comments and `%%{…}%%` directives are skipped; `#` starts a comment
//! except in an entity code such as `#58;`, which Mermaid turns into the
//! character it names; `;` is not allowed outside entity codes; `title`,
//! `accTitle:`, `accDescr:` and `accDescr { … }` set the diagram's texts;
//! `section` starts a stage; any other line is a task
//! `Task name: score: Actor1, Actor2`, whose score is read as JavaScript's
//! `Number()` reads it and whose further `:` parts are ignored. Tasks before
//! any `section` belong to an unnamed stage. `<br>`, `<br/>` and `<br />`
//! in a name are line breaks. A leading `---` front-matter block is skipped
//! (its `title:` is used when the diagram has no `title`).
//!
//! Mapping: sections are stages and tasks are steps; scores go into one
//! emotion lane ("Score") on a 1 to 5 scale, kept exactly; a score outside
//! 1 to 5 is kept and the scale widens to fit, with a warning; actors become
//! personas and are listed per step in an owners lane titled "Actors";
//! `accDescr` is the map's description.
//!
//! Writing makes names safe with Mermaid's entity codes: `#` → `#35;`,
//! `:` → `#58;`, `;` → `#59;`, `%` → `#37;`, `<` → `#60;`, `{` → `#123;`,
//! `}` → `#125;`, and `,` → `#44;` in actor names; a line break becomes
//! `<br>`. A name that would read as a keyword (`title …`, `section …`,
//! `journey…`) has its first letter written as an entity code, and leading
//! or trailing spaces are written as `#32;`.

use super::validate::{thousands, Located, MAX_BYTES, MAX_CHARS, MAX_STEPS};
use crate::model::{
    Cell, JourneyMap, Lane, LaneKind, MapState, Persona, Scale, Stage, Step, PERSONA_COLORS,
    STAGE_COLORS,
};
use std::collections::BTreeMap;

/// A problem in Mermaid text; `at` is `line N` (or empty for the whole text).
pub type Problem = Located;

/// The title of the emotion lane that holds the scores.
pub const SCORE_LANE: &str = "Score";
/// The title of the owners lane that holds the actors.
pub const ACTORS_LANE: &str = "Actors";
/// The longest text Mermaid draws by default (its `maxTextSize`).
pub const MERMAID_MAX_TEXT: usize = 50_000;

/// True when `text` is a Mermaid `journey` diagram: its first word, after
/// front matter, blank lines, comments and directives, is `journey`.
pub fn is_journey(text: &str) -> bool {
    first_word(text).eq_ignore_ascii_case("journey")
}

/// The first word of the diagram, after front matter, blank lines,
/// comments and directives.
fn first_word(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    if i < lines.len() && lines[i].trim() == "---" {
        let open = i;
        i += 1;
        while i < lines.len() && lines[i].trim() != "---" {
            i += 1;
        }
        if i >= lines.len() {
            // Never closed: a journey if one starts inside, so that the
            // reader can say where the front matter went wrong.
            let starts = lines[open + 1..].iter().any(|l| {
                l.split_whitespace()
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("journey"))
            });
            return if starts {
                "journey".into()
            } else {
                String::new()
            };
        }
        i += 1;
    }
    let mut in_directive = false;
    for line in lines.iter().skip(i) {
        let t = line.trim();
        if in_directive {
            in_directive = !t.contains("}%%");
            continue;
        }
        if t.starts_with("%%{") {
            in_directive = !t.contains("}%%");
            continue;
        }
        if t.is_empty() || t.starts_with("%%") {
            continue;
        }
        return t
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .next()
            .unwrap_or("")
            .to_string();
    }
    String::new()
}

struct Task {
    name: String,
    score: Option<f64>,
    actors: Vec<String>,
    line: usize,
}

struct Section {
    name: String,
    tasks: Vec<Task>,
}

#[derive(Default)]
struct Parsed {
    title: Option<String>,
    acc_title: Option<String>,
    acc_descr: Option<String>,
    sections: Vec<Section>,
    notes: Vec<String>,
    problems: Vec<Problem>,
}

fn at(line: usize) -> String {
    format!("line {line}")
}

/// If `s` starts with `kw` (ASCII, any case), the rest.
fn keyword<'a>(s: &'a str, kw: &str) -> Option<&'a str> {
    let head = s.get(..kw.len())?;
    head.eq_ignore_ascii_case(kw).then(|| &s[kw.len()..])
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The length of an entity code (`#58;`, `#quot;`) at the start of `s`.
fn entity_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('#')?;
    let n = rest.chars().take_while(|c| is_word(*c)).count();
    (n > 0 && rest[n..].starts_with(';')).then_some(n + 2)
}

/// Cuts a `#` comment off (entity codes are not comments); reports the
/// column of a `;`, which Mermaid does not allow here.
fn strip_comment(s: &str) -> Result<&str, usize> {
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        match c {
            '#' => match entity_len(&s[i..]) {
                Some(n) => i += n,
                None => return Ok(&s[..i]),
            },
            ';' => return Err(s[..i].chars().count()),
            _ => i += c.len_utf8(),
        }
    }
    Ok(s)
}

/// The entity names read, beyond numbers: Mermaid hands `#name;` to the
/// browser as `&name;`, so any HTML name works there. These are the ones a
/// journey plausibly uses; others are kept as written, with a note.
const NAMED: [(&str, char); 83] = [
    ("quot", '"'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("num", '#'),
    ("colon", ':'),
    ("semi", ';'),
    ("comma", ','),
    ("percnt", '%'),
    ("lbrace", '{'),
    ("rbrace", '}'),
    ("lpar", '('),
    ("rpar", ')'),
    ("excl", '!'),
    ("quest", '?'),
    ("equals", '='),
    ("plus", '+'),
    ("ast", '*'),
    ("sol", '/'),
    ("bsol", '\\'),
    ("lowbar", '_'),
    ("period", '.'),
    ("copy", '©'),
    ("reg", '®'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("dollar", '$'),
    ("commat", '@'),
    ("verbar", '|'),
    ("lsqb", '['),
    ("rsqb", ']'),
    ("Hat", '^'),
    ("grave", '`'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("lArr", '⇐'),
    ("rArr", '⇒'),
    ("hArr", '⇔'),
    ("hearts", '♥'),
    ("spades", '♠'),
    ("clubs", '♣'),
    ("diams", '♦'),
    ("check", '✓'),
    ("cross", '✗'),
    ("star", '☆'),
    ("starf", '★'),
    ("deg", '°'),
    ("times", '×'),
    ("divide", '÷'),
    ("plusmn", '±'),
    ("minus", '−'),
    ("middot", '·'),
    ("bull", '•'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("trade", '™'),
    ("sect", '§'),
    ("para", '¶'),
    ("micro", 'µ'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("le", '≤'),
    ("ge", '≥'),
    ("ne", '≠'),
    ("infin", '∞'),
    ("dagger", '†'),
    ("permil", '‰'),
    ("iexcl", '¡'),
];

/// The character of the entity code whose inside is `inner` (`58`,
/// `+58`, `quot`): a number names its code point (U+FFFD for none), a name
/// one of [`NAMED`]; `None` for a name not there.
fn entity_char(inner: &str) -> Option<char> {
    let digits = inner.strip_prefix('+').unwrap_or(inner);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return Some(
            digits
                .parse::<u32>()
                .ok()
                .map(windows_1252)
                .and_then(char::from_u32)
                .filter(|c| *c != '\0')
                .unwrap_or('\u{fffd}'),
        );
    }
    NAMED
        .iter()
        .find(|(name, _)| *name == inner)
        .map(|(_, c)| *c)
}

/// A character reference's number as browsers read it: 128 to 159 name
/// the Windows-1252 characters there (`#128;` is €), as HTML says.
fn windows_1252(n: u32) -> u32 {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match n {
        128..=159 => u32::from(HIGH[(n - 128) as usize]),
        n => n,
    }
}

/// The first entity code in `s` that names no character Journeymap knows
/// (`#rarrw;`), if any.
fn unknown_entity(s: &str) -> Option<&str> {
    let mut i = 0;
    while let Some(k) = s[i..].find('#') {
        i += k;
        match entity_len(&s[i..]) {
            Some(n) if entity_char(&s[i + 1..i + n - 1]).is_none() => return Some(&s[i..i + n]),
            Some(n) => i += n,
            None => i += 1,
        }
    }
    None
}

/// Turns entity codes into the characters they name, as Mermaid's
/// renderer does. Unknown names are left as they are.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if c == '#' {
            if let Some(n) = entity_len(&s[i..]) {
                if let Some(ch) = entity_char(&s[i + 1..i + n - 1]) {
                    out.push(ch);
                    i += n;
                    continue;
                }
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// `<br>`, `<br/>` and `<br />` (any case, any spaces) become line breaks.
fn line_breaks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if c == '<' {
            if let Some(rest) = keyword(&s[i + 1..], "br") {
                let after = rest.trim_start();
                let after = after.strip_prefix('/').unwrap_or(after);
                if let Some(tail) = after.strip_prefix('>') {
                    out.push('\n');
                    i = s.len() - tail.len();
                    continue;
                }
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// A name as written (already trimmed) to the text it stands for.
fn name_text(raw: &str) -> String {
    let s = decode_entities(&line_breaks(raw.trim()));
    if s.trim().is_empty() {
        String::new()
    } else {
        s
    }
}

/// JavaScript's `Number(s)`; `None` where it gives `NaN`.
fn js_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return Some(0.0);
    }
    match t {
        "Infinity" | "+Infinity" => return Some(f64::INFINITY),
        "-Infinity" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = keyword(t, prefix) {
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return None;
            }
            return Some(
                digits
                    .chars()
                    .filter_map(|c| c.to_digit(radix))
                    .fold(0.0, |acc, d| acc * radix as f64 + d as f64),
            );
        }
    }
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(p) => (&body[..p], Some(&body[p + 1..])),
        None => (body, None),
    };
    let digits_ok = {
        let mut parts = mantissa.splitn(2, '.');
        let int = parts.next().unwrap_or("");
        let frac = parts.next().unwrap_or("");
        (!int.is_empty() || !frac.is_empty())
            && int.chars().all(|c| c.is_ascii_digit())
            && frac.chars().all(|c| c.is_ascii_digit())
    };
    let exp_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    if digits_ok && exp_ok {
        t.parse::<f64>().ok()
    } else {
        None
    }
}

impl Parsed {
    fn err(&mut self, line: usize, msg: impl Into<String>) {
        self.problems.push(Located::new(at(line), msg));
    }

    /// `text`, the `what` of `line`, or an error when it is longer than a
    /// map may hold (as the reader of stored maps would refuse it).
    fn text(&mut self, line: usize, what: &str, text: String) -> String {
        if text.chars().nth(MAX_CHARS).is_some() {
            self.err(
                line,
                format!(
                    "{what} of {} characters; the limit is {}",
                    thousands(text.chars().count()),
                    thousands(MAX_CHARS)
                ),
            );
        }
        text
    }

    fn note(&mut self, line: usize, msg: impl AsRef<str>) {
        self.notes.push(format!("line {line}: {}", msg.as_ref()));
    }

    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section {
                name: String::new(),
                tasks: Vec::new(),
            });
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    /// One statement (the text of a line after its indentation).
    fn statement(&mut self, line: usize, s: &str) {
        let s = s.trim_start();
        if s.is_empty() {
            return;
        }
        // Mermaid's lexer takes any character followed by `%%` as the start
        // of a comment, unless that character is `}`.
        if s.starts_with("%%") || (s.get(1..3) == Some("%%") && !s.starts_with('}')) {
            return;
        }
        // So is a single `%` at the start of a statement (not `%{`): Mermaid
        // drops the line without a word; the import says so.
        if s.starts_with('%') && !s.starts_with("%{") {
            self.note(
                line,
                "a line starting with % is a comment in Mermaid; it was skipped",
            );
            return;
        }
        if let Some(code) = unknown_entity(s) {
            self.note(
                line,
                format!(
                    "{code} names no character Journeymap knows; it is kept as written \
                     (a number such as #8594; always works)"
                ),
            );
        }
        if let Some(rest) = keyword(s, "journey") {
            if !rest.starts_with(is_word) {
                self.err(line, "\"journey\" may only start the diagram");
                return;
            }
        }
        if let Some(rest) = keyword(s, "acctitle") {
            if let Some(value) = rest.trim_start().strip_prefix(':') {
                self.acc_title =
                    Some(self.text(line, "an accTitle", decode_entities(value.trim())));
                return;
            }
        }
        if let Some(rest) = keyword(s, "accdescr") {
            if let Some(value) = rest.trim_start().strip_prefix(':') {
                self.acc_descr =
                    Some(self.text(line, "an accDescr", decode_entities(value.trim())));
                return;
            }
        }
        let whole = s;
        let s = match strip_comment(s) {
            Ok(s) => s,
            Err(col) => {
                self.err(
                    line,
                    format!(
                        "\";\" is not allowed here (character {}); write #59; for a semicolon",
                        col + 1
                    ),
                );
                return;
            }
        };
        if s.trim().is_empty() {
            return;
        }
        if let Some(rest) = keyword(s, "title") {
            if rest.starts_with(char::is_whitespace) {
                let title = decode_entities(rest.trim());
                self.title = Some(self.text(line, "a title", title));
                return;
            }
        }
        if let Some(rest) = keyword(s, "section") {
            if rest.starts_with(char::is_whitespace) {
                if rest.contains(':') {
                    self.err(
                        line,
                        "a section name cannot hold \":\"; write #58; for a colon",
                    );
                    return;
                }
                let name = self.text(line, "a section name", name_text(rest));
                self.sections.push(Section {
                    name,
                    tasks: Vec::new(),
                });
                return;
            }
        }
        self.task(line, s, s.len() < whole.len());
    }

    /// A task line; `cut`: a `#` comment was cut off it.
    fn task(&mut self, line: usize, s: &str, cut: bool) {
        let Some((raw_name, data)) = s.split_once(':') else {
            let hint = if cut {
                " (Mermaid reads the rest of the line from \"#\" as a comment; write #35; for #)"
            } else {
                ""
            };
            self.err(
                line,
                format!(
                    "expected a task such as \"Make tea: 5: Me\", found {}{hint}",
                    super::validate::quote(s.trim())
                ),
            );
            return;
        };
        if raw_name.trim().is_empty() {
            self.err(line, "a task needs a name before \":\"");
            return;
        }
        if data.is_empty() {
            self.err(
                line,
                "a task needs a score after \":\", such as \"Make tea: 5\"",
            );
            return;
        }
        let name = name_text(raw_name);
        let mut pieces = data.split(':');
        let score_text = pieces.next().unwrap_or("");
        let actors_text = pieces.next();
        let rest: Vec<&str> = pieces.collect();
        if rest.iter().any(|p| !p.trim().is_empty()) {
            self.note(
                line,
                format!(
                    "the text after the actors ({}) is ignored, as Mermaid ignores it",
                    super::validate::quote(rest.join(":").trim())
                ),
            );
        }
        let score = if score_text.trim().is_empty() {
            self.note(
                line,
                format!(
                    "task {} has no score (Mermaid draws it at 0); its score is left empty",
                    super::validate::quote(&name)
                ),
            );
            None
        } else {
            match js_number(score_text) {
                Some(v) if v.abs() <= crate::model::MAX_LEVEL => Some(v),
                Some(_) => {
                    self.err(
                        line,
                        format!(
                            "score {} is too large; Journeymap reads scores up to a billion either way \
                             (Mermaid draws 1 to 5)",
                            super::validate::quote(score_text.trim())
                        ),
                    );
                    return;
                }
                None => {
                    let hint = if score_text.contains("%%") {
                        " (%% starts a comment only at the start of a line)"
                    } else {
                        ""
                    };
                    self.err(
                        line,
                        format!(
                            "score {} is not a number; scores are numbers from 1 to 5{hint}",
                            super::validate::quote(score_text.trim())
                        ),
                    );
                    return;
                }
            }
        };
        let actors = actors_text
            .map(|a| {
                a.split(',')
                    .map(|p| decode_entities(p.trim()).trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        self.current().tasks.push(Task {
            name,
            score,
            actors,
            line,
        });
    }
}

/// Reads Mermaid `journey` text into a map with id `id`. Returns the map
/// and notes for the user (what was skipped, widened or left empty), or
/// every problem, each with its line number.
pub fn parse(text: &str, id: &str) -> Result<(JourneyMap, Vec<String>), Vec<Problem>> {
    if text.len() > MAX_BYTES {
        return Err(vec![Located::new(
            "",
            format!(
                "the text is larger than {} MB, the limit",
                MAX_BYTES / (1024 * 1024)
            ),
        )]);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![Located::new("", "the text is empty")]);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut p = Parsed::default();
    let mut i = 0;

    // Front matter: `---` … `---` before anything else.
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let mut front_title = None;
    let mut front_line = 0;
    if i < lines.len() && lines[i].trim() == "---" {
        let start = i;
        i += 1;
        while i < lines.len() && lines[i].trim() != "---" {
            if let Some(t) = lines[i].trim_start().strip_prefix("title:") {
                front_title = Some(yaml_scalar(t));
                front_line = i + 1;
            }
            i += 1;
        }
        if i >= lines.len() {
            return Err(vec![Located::new(
                at(start + 1),
                "the front matter opened with \"---\" is not closed with \"---\"",
            )]);
        }
        i += 1;
        p.notes.push(format!(
            "lines {}–{}: the front matter (settings for Mermaid) was skipped",
            start + 1,
            i
        ));
    }

    let mut seen_journey = false;
    let mut skipped_directive = false;
    while i < lines.len() {
        let n = i + 1;
        let line = lines[i];
        let t = line.trim_start();
        i += 1;
        // Directives `%%{ … }%%`, possibly over several lines.
        if t.starts_with("%%{") {
            skipped_directive = true;
            if !t.contains("}%%") {
                while i < lines.len() && !lines[i].contains("}%%") {
                    i += 1;
                }
                i += 1;
            }
            continue;
        }
        if t.trim().is_empty() || t.starts_with("%%") {
            continue;
        }
        if !seen_journey {
            match keyword(t, "journey") {
                Some(rest) if !rest.starts_with(is_word) => {
                    seen_journey = true;
                    p.statement(n, rest);
                }
                _ => {
                    let word = first_word(t);
                    let msg = if word.is_empty() || t.starts_with(['{', '[']) {
                        "this is not a Mermaid diagram: it must start with \"journey\"".to_string()
                    } else {
                        format!(
                            "this is not a Mermaid user journey: it must start with \"journey\", \
                             not {}",
                            super::validate::quote(&word)
                        )
                    };
                    return Err(vec![Located::new(at(n), msg)]);
                }
            }
            continue;
        }
        // The multi-line accessible description `accDescr { … }`.
        if let Some(rest) = keyword(t, "accdescr") {
            if let Some(body) = rest.trim_start().strip_prefix('{') {
                let mut value = String::new();
                let mut chunk = body;
                let mut line_no = n;
                loop {
                    if let Some(end) = chunk.find('}') {
                        value.push_str(&chunk[..end]);
                        let after = &chunk[end + 1..];
                        let text = p.text(n, "an accDescr { … }", accdescr_text(&value));
                        p.acc_descr = Some(text);
                        p.statement(line_no, after);
                        break;
                    }
                    value.push_str(chunk);
                    // Mermaid drops `%%` comment lines before it reads a
                    // diagram, inside a description too.
                    while i < lines.len() && is_comment_line(lines[i]) {
                        i += 1;
                    }
                    if i >= lines.len() {
                        p.err(n, "\"accDescr {\" is not closed with \"}\"");
                        break;
                    }
                    value.push('\n');
                    chunk = lines[i];
                    line_no = i + 1;
                    i += 1;
                }
                continue;
            }
        }
        p.statement(n, t);
    }
    if !seen_journey {
        return Err(vec![Located::new(
            "",
            "this is not a Mermaid user journey: it must start with \"journey\"",
        )]);
    }
    if skipped_directive {
        p.notes
            .push("directives (%%{ … }%%, settings for Mermaid) were skipped".into());
    }
    if let Some(t) = front_title.take() {
        front_title = Some(p.text(front_line, "the front matter's title", t));
    }
    let steps: usize = p.sections.iter().map(|s| s.tasks.len()).sum();
    if steps > MAX_STEPS {
        p.problems.insert(
            0,
            Located::new(
                "",
                format!(
                    "{} tasks; the limit is {}",
                    thousands(steps),
                    thousands(MAX_STEPS)
                ),
            ),
        );
    }
    for s in &p.sections {
        let too_long = |t: &str| t.chars().nth(MAX_CHARS).is_some();
        for t in &s.tasks {
            if too_long(&t.name) || t.actors.iter().any(|a| too_long(a)) {
                p.problems.push(Located::new(
                    at(t.line),
                    format!("text over {} characters", thousands(MAX_CHARS)),
                ));
            }
        }
    }
    if !p.problems.is_empty() {
        let mut problems = p.problems;
        if problems.len() > super::validate::MAX_LISTED {
            let more = problems.len() - super::validate::MAX_LISTED;
            problems.truncate(super::validate::MAX_LISTED);
            problems.push(Located::new(
                "",
                format!("and {} more problems", thousands(more)),
            ));
        }
        return Err(problems);
    }
    Ok(build(p, front_title, id))
}

/// A YAML value on one line, as Mermaid's front matter reads it: quoted
/// (`"…"` with `\"`, `\\` and `\n`; `'…'` with `''`), or plain with any
/// ` #` comment cut off.
fn yaml_scalar(raw: &str) -> String {
    let t = raw.trim();
    if let Some(body) = t.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                },
                c => out.push(c),
            }
        }
        return out;
    }
    if let Some(body) = t.strip_prefix('\'') {
        let mut out = String::new();
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(c);
        }
        return out;
    }
    let plain = t
        .find(" #")
        .or_else(|| t.find("\t#"))
        .map_or(t, |k| &t[..k]);
    plain.trim_end().to_string()
}

/// A `%%` comment line, which Mermaid removes before reading a diagram
/// (`%%{` starts a directive instead).
fn is_comment_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("%%") && !t.starts_with("%%{") && t.len() > 2
}

/// The text of `accDescr { … }` as Mermaid keeps it: trimmed, with the
/// indentation of each line removed.
fn accdescr_text(raw: &str) -> String {
    let lines: Vec<&str> = raw.trim().split('\n').collect();
    let joined = lines
        .iter()
        .enumerate()
        .map(|(k, l)| if k == 0 { *l } else { l.trim_start() })
        .collect::<Vec<_>>()
        .join("\n");
    decode_entities(&joined)
}

fn build(mut p: Parsed, front_title: Option<String>, id: &str) -> (JourneyMap, Vec<String>) {
    let title = match (p.title.take(), front_title, p.acc_title.take()) {
        (Some(t), _, acc) => {
            if acc.is_some() {
                p.notes
                    .push("accTitle is not kept: the map's title is its title".into());
            }
            t
        }
        (None, Some(t), acc) => {
            if acc.is_some() {
                p.notes
                    .push("accTitle is not kept: the map's title is its title".into());
            }
            t
        }
        (None, None, Some(acc)) => {
            p.notes
                .push("the diagram has no title, so its accTitle became the map's title".into());
            acc
        }
        (None, None, None) => String::new(),
    };

    let mut personas: Vec<Persona> = Vec::new();
    let mut stages = Vec::new();
    let mut scores = BTreeMap::new();
    let mut actors = BTreeMap::new();
    let (mut lo, mut hi) = (1.0f64, 5.0f64);
    let mut step_no = 0;
    for (k, s) in p.sections.iter().enumerate() {
        let mut steps = Vec::new();
        for t in &s.tasks {
            step_no += 1;
            let step = format!("t{step_no}");
            if let Some(v) = t.score {
                if !(1.0..=5.0).contains(&v) {
                    p.notes.push(format!(
                        "line {}: the score {} of {} is outside 1 to 5; it is kept, and the \
                         scale widens to fit",
                        t.line,
                        super::validate::num(v),
                        super::validate::quote(&t.name)
                    ));
                }
                lo = lo.min(v.floor());
                hi = hi.max(v.ceil());
                scores.insert(step.clone(), Cell::Emotion(v));
            }
            for a in &t.actors {
                if !personas.iter().any(|p| &p.name == a) {
                    personas.push(Persona {
                        id: format!("p{}", personas.len() + 1),
                        name: a.clone(),
                        color: PERSONA_COLORS[personas.len() % PERSONA_COLORS.len()].into(),
                        ..Persona::default()
                    });
                }
            }
            if !t.actors.is_empty() {
                actors.insert(step.clone(), Cell::List(t.actors.clone()));
            }
            steps.push(Step {
                id: step,
                name: t.name.clone(),
            });
        }
        stages.push(Stage {
            id: format!("s{}", k + 1),
            name: s.name.clone(),
            color: STAGE_COLORS[k % STAGE_COLORS.len()].into(),
            steps,
        });
    }
    let scale = if lo == 1.0 && hi == 5.0 {
        Scale {
            min: 1.0,
            max: 5.0,
            labels: Scale::default().labels,
        }
    } else {
        p.notes.push(format!(
            "the scale is {} to {} so that every score fits",
            super::validate::num(lo),
            super::validate::num(hi)
        ));
        Scale {
            min: lo,
            max: hi,
            labels: Vec::new(),
        }
    };
    let mut lanes = vec![Lane {
        id: "l1".into(),
        kind: LaneKind::Emotion,
        title: SCORE_LANE.into(),
        persona: None,
        color: String::new(),
        cells: scores,
    }];
    if !personas.is_empty() {
        lanes.push(Lane {
            id: "l2".into(),
            kind: LaneKind::Owners,
            title: ACTORS_LANE.into(),
            persona: None,
            color: String::new(),
            cells: actors,
        });
    }
    let map = JourneyMap {
        id: id.to_string(),
        title,
        description: p.acc_descr.unwrap_or_default(),
        state: MapState::Current,
        scale,
        personas,
        stages,
        lanes,
        twin: None,
        updated: 0.0,
    };
    // Notes come from two passes (reading, then building); they are shown
    // in the order of the lines they name, those with none last.
    let mut notes = p.notes;
    notes.sort_by_key(|n| note_line(n));
    (map, notes)
}

/// The line a note names ("line 7: …", "lines 1–3: …"), or `usize::MAX`.
fn note_line(note: &str) -> usize {
    note.strip_prefix("lines ")
        .or_else(|| note.strip_prefix("line "))
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

// ---------------------------------------------------------------------------
// Writing.

/// Writes `c` as an entity code.
fn entity(out: &mut String, c: char) {
    out.push_str(&format!("#{};", c as u32));
}

/// Text made safe for Mermaid. `extra` names further characters to encode
/// (`,` in actor names).
fn safe(text: &str, extra: &[char], breaks: bool) -> String {
    // C1 controls are left out: a browser reads every code for them as a
    // Windows-1252 character (`#133;` is …), so none would come back.
    let text: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !is_c1(*c))
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace());
    let last = chars.iter().rposition(|c| !c.is_whitespace());
    let mut out = String::with_capacity(text.len() + 8);
    for (k, &c) in chars.iter().enumerate() {
        let edge = first.is_none_or(|f| k < f) || last.is_none_or(|l| k > l);
        match c {
            // A code, not `<br>`: Mermaid shows `<br>` as it is written
            // (unless a diagram's settings say otherwise), and this as a
            // space; an import reads it back as the line break.
            '\n' if breaks => entity(&mut out, c),
            '\n' => out.push(' '),
            // `¶` and `ﬂ` too: Mermaid uses `ﬂ°`, `ﬂ°°` and `¶ß` for its own
            // entity codes, and would turn a name holding them into others.
            '#' | ':' | ';' | '%' | '<' | '{' | '}' | '¶' | 'ﬂ' => entity(&mut out, c),
            c if extra.contains(&c) => entity(&mut out, c),
            c if c.is_control() => entity(&mut out, c),
            c if edge && c.is_whitespace() => entity(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A C1 control character (U+0080 to U+009F).
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// A task or section name: safe, never empty, never read as a keyword.
fn safe_name(name: &str) -> String {
    let s = safe(name, &[], true);
    if s.is_empty() {
        return "#32;".into();
    }
    let keyword_like = ["title", "section"]
        .iter()
        .any(|kw| keyword(&s, kw).is_some_and(|rest| rest.starts_with(char::is_whitespace)))
        || keyword(&s, "journey").is_some_and(|rest| !rest.starts_with(is_word))
        || keyword(&s, "acctitle").is_some()
        || keyword(&s, "accdescr").is_some();
    if keyword_like {
        let mut chars = s.chars();
        let mut out = String::new();
        if let Some(c) = chars.next() {
            entity(&mut out, c);
        }
        out.push_str(chars.as_str());
        return out;
    }
    s
}

fn score_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A lane as the export's notes name it: its title, with its kind in
/// words when the title does not already say it ("Doing (text)", "Pain
/// points").
fn lane_name(l: &crate::model::Lane) -> String {
    let kind = l.kind.label();
    if l.title.trim().eq_ignore_ascii_case(kind) {
        l.title.clone()
    } else {
        format!("{} ({})", l.title, kind.to_lowercase())
    }
}

/// Writes `map` as a Mermaid `journey` diagram. Returns the text and
/// notices for the user: what was rescaled, clamped, filled in or left out.
pub fn export(map: &JourneyMap) -> (String, Vec<String>) {
    let mut notices = Vec::new();
    let mut out = String::from("journey\n");
    let title = map.title.trim();
    if !title.is_empty() {
        out.push_str(&format!("    title {}\n", safe(title, &[], false)));
    }
    let description = map.description.trim();
    if !description.is_empty() {
        if description.contains('\n') {
            out.push_str("    accDescr {\n");
            for line in description.lines() {
                out.push_str(&format!("        {}\n", safe(line, &[], false)));
            }
            out.push_str("    }\n");
        } else {
            out.push_str(&format!(
                "    accDescr: {}\n",
                safe(description, &[], false)
            ));
        }
    }

    let emotion = map.lanes.iter().find(|l| l.kind == LaneKind::Emotion);
    let actors = map
        .lanes
        .iter()
        .find(|l| l.kind == LaneKind::Owners && l.title.trim().eq_ignore_ascii_case(ACTORS_LANE));
    let dropped: Vec<String> = map
        .lanes
        .iter()
        .filter(|l| emotion.is_none_or(|e| e.id != l.id) && actors.is_none_or(|a| a.id != l.id))
        .map(|l| format!("\u{201c}{}\u{201d}", lane_name(l)))
        .collect();
    if !dropped.is_empty() {
        notices.push(format!(
            "Mermaid journeys hold one score per task and its actors, so these lanes were left \
             out: {}.",
            dropped.join(", ")
        ));
    }

    // Scores: kept as they are on a 1 to 5 scale (or one widened from it
    // just enough to hold its values); other scales are rescaled.
    let (min, max) = (map.scale.min, map.scale.max);
    let values: Vec<f64> = emotion
        .map(|l| {
            l.cells
                .values()
                .filter_map(|c| match c {
                    Cell::Emotion(v) if v.is_finite() => Some(*v),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let lo = values.iter().fold(1.0f64, |a, v| a.min(v.floor()));
    let hi = values.iter().fold(5.0f64, |a, v| a.max(v.ceil()));
    // A scale widened by an import keeps its lane's name from Mermaid
    // ("Score"): without that, a scale such as 1 to 10 whose values reach
    // both ends is a scale of its own, and is rescaled.
    let widened = min == lo
        && max == hi
        && map.scale.labels.is_empty()
        && emotion.is_some_and(|l| l.title.trim().eq_ignore_ascii_case(SCORE_LANE));
    let mermaid_scale = (min == 1.0 && max == 5.0) || widened;
    let usable = min.is_finite() && max.is_finite() && min < max;
    if emotion.is_some() && !mermaid_scale && usable {
        notices.push(format!(
            "Mermaid scores run from 1 to 5, so the scale {} to {} was rescaled to 1 to 5 and \
             rounded to whole numbers.",
            score_text(min),
            score_text(max)
        ));
    }
    let mut clamped = Vec::new();
    let mut missing = 0usize;
    let mut score_of = |step: &Step| -> String {
        let v = emotion.and_then(|l| match l.cells.get(&step.id) {
            Some(Cell::Emotion(v)) if v.is_finite() => Some(*v),
            _ => None,
        });
        let Some(v) = v else {
            missing += 1;
            return "3".into();
        };
        let v = if mermaid_scale || !usable {
            v
        } else {
            (1.0 + (v - min) * 4.0 / (max - min)).round()
        };
        if !(1.0..=5.0).contains(&v) {
            let c = v.clamp(1.0, 5.0);
            clamped.push(format!(
                "{} {} → {}",
                step.name.replace('\n', " "),
                score_text(v),
                score_text(c)
            ));
            return score_text(c);
        }
        score_text(v)
    };

    let mut named_actors: Vec<String> = Vec::new();
    let quoted = |name: &str| format!("\u{201c}{}\u{201d}", name.replace('\n', " "));
    let empty: Vec<String> = map
        .stages
        .iter()
        .filter(|s| s.steps.is_empty())
        .map(|s| quoted(&s.name))
        .collect();
    if !empty.is_empty() {
        notices.push(format!(
            "Mermaid draws a section only with its tasks, so these stages without steps do not \
             show: {}.",
            empty.join(", ")
        ));
    }
    let joined: Vec<String> = map
        .stages
        .iter()
        .filter(|s| !s.steps.is_empty())
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[0].name.trim() == w[1].name.trim())
        .map(|w| quoted(&w[1].name))
        .collect();
    if !joined.is_empty() {
        notices.push(format!(
            "Mermaid draws sections of the same name side by side as one, so these stages \
             show joined to the one before: {}.",
            joined.join(", ")
        ));
    }
    for (k, stage) in map.stages.iter().enumerate() {
        if !(k == 0 && stage.name.trim().is_empty()) {
            // Spaces at either end are written as codes, as in task names.
            out.push_str(&format!("    section {}\n", safe_name(&stage.name)));
        }
        for step in &stage.steps {
            let score = score_of(step);
            let people: Vec<String> = match actors.and_then(|l| l.cells.get(&step.id)) {
                Some(Cell::List(items)) => items
                    .iter()
                    .map(|a| a.trim())
                    .filter(|a| !a.is_empty())
                    .map(|a| {
                        named_actors.push(a.to_string());
                        safe(a, &[','], false)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let mut line = format!("      {}: {score}", safe_name(&step.name));
            if !people.is_empty() {
                line.push_str(": ");
                line.push_str(&people.join(", "));
            }
            line.push('\n');
            out.push_str(&line);
        }
    }
    if emotion.is_none() && map.step_count() > 0 {
        notices.push(
            "The map has no emotion lane, so every task was given the neutral score 3.".into(),
        );
    } else if missing > 0 {
        notices.push(if missing == 1 {
            "1 step without a score was given the neutral score 3.".to_string()
        } else {
            format!("{missing} steps without a score were given the neutral score 3.")
        });
    }
    if !clamped.is_empty() {
        notices.push(format!(
            "Mermaid draws scores from 1 to 5 (others land outside its diagram), so these were \
             brought into range: {}.",
            clamped.join("; ")
        ));
    }
    let length = out.chars().count();
    if length > MERMAID_MAX_TEXT {
        notices.push(format!(
            "The diagram is {} characters long, and Mermaid draws at most {} unless the page \
             that draws it raises its maxTextSize setting; to share a map this large, send the \
             .journey.json file instead.",
            thousands(length),
            thousands(MERMAID_MAX_TEXT)
        ));
    }
    // Quoted: a name may hold a comma ("Sam, online shopper").
    let unnamed: Vec<String> = map
        .personas
        .iter()
        .filter(|p| !named_actors.iter().any(|a| a == p.name.trim()))
        .map(|p| format!("\u{201c}{}\u{201d}", p.name))
        .collect();
    if !unnamed.is_empty() {
        notices.push(format!(
            "Mermaid lists actors per task (from the \"{ACTORS_LANE}\" lane), so these personas \
             were left out: {}.",
            unnamed.join(", ")
        ));
    }
    (out, notices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template;

    type Summary = (
        String,
        Vec<(String, Vec<(String, Option<f64>, Vec<String>)>)>,
    );

    /// Title, sections, tasks, scores and actors: what a round trip keeps.
    fn summary(map: &JourneyMap) -> Summary {
        let score = map.lanes.iter().find(|l| l.kind == LaneKind::Emotion);
        let actors = map.lanes.iter().find(|l| l.title == ACTORS_LANE);
        let sections = map
            .stages
            .iter()
            .map(|s| {
                let tasks = s
                    .steps
                    .iter()
                    .map(|t| {
                        let v = score.and_then(|l| match l.cells.get(&t.id) {
                            Some(Cell::Emotion(v)) => Some(*v),
                            _ => None,
                        });
                        let a = match actors.and_then(|l| l.cells.get(&t.id)) {
                            Some(Cell::List(a)) => a.clone(),
                            _ => Vec::new(),
                        };
                        (t.name.clone(), v, a)
                    })
                    .collect();
                (s.name.clone(), tasks)
            })
            .collect();
        (map.title.clone(), sections)
    }

    fn ok(text: &str) -> (JourneyMap, Vec<String>) {
        match parse(text, "m") {
            Ok(r) => r,
            Err(p) => panic!("{text:?}: {}", super::super::validate::join(&p)),
        }
    }

    fn errors(text: &str) -> Vec<String> {
        match parse(text, "m") {
            Ok((m, _)) => panic!("accepted {text:?}: {m:?}"),
            Err(p) => p.iter().map(Located::to_string).collect(),
        }
    }

    /// A map whose first lane is an emotion lane titled `lane` on a scale
    /// `min` to `max` without labels, with `values` in steps t1, t2, ….
    fn scored(lane: &str, min: f64, max: f64, values: &[f64]) -> JourneyMap {
        let text: String = values
            .iter()
            .enumerate()
            .map(|(k, _)| format!("  S{k}: 3\n"))
            .collect();
        let (mut map, _) = ok(&format!("journey\n{text}"));
        map.lanes[0].title = lane.into();
        map.scale = crate::model::Scale {
            min,
            max,
            labels: Vec::new(),
        };
        for (k, v) in values.iter().enumerate() {
            map.lanes[0]
                .cells
                .insert(format!("t{}", k + 1), Cell::Emotion(*v));
        }
        map
    }

    #[test]
    fn a_scale_of_its_own_is_rescaled_even_when_its_values_reach_both_ends() {
        // 1 to 10, as a team's CSAT: 10 is the top of Mermaid's scale.
        let (text, notices) = export(&scored("CSAT", 1.0, 10.0, &[1.0, 6.0, 8.0, 10.0]));
        assert!(
            text.contains("S0: 1\n") && text.contains("S1: 3\n") && text.contains("S3: 5\n"),
            "{text}"
        );
        assert!(
            notices
                .iter()
                .any(|n| n.contains("scale 1 to 10 was rescaled")),
            "{notices:?}"
        );
        // The same scale from a Mermaid import ("Score", widened to fit) keeps
        // the scores Mermaid draws, and brings the others into range.
        let (text, notices) = export(&scored("Score", 1.0, 10.0, &[1.0, 3.0, 10.0]));
        assert!(
            text.contains("S1: 3\n") && text.contains("S2: 5\n"),
            "{text}"
        );
        assert!(
            notices
                .iter()
                .any(|n| n.contains("brought into range: S2 10 → 5")),
            "{notices:?}"
        );
    }

    #[test]
    fn an_export_mermaid_would_not_draw_says_so() {
        let long = "x".repeat(120);
        let tasks: String = (0..420).map(|k| format!("  {long} {k}: 3\n")).collect();
        let (map, _) = ok(&format!("journey\n{tasks}"));
        let (text, notices) = export(&map);
        assert!(text.chars().count() > MERMAID_MAX_TEXT);
        assert!(
            notices
                .iter()
                .any(|n| n.contains("Mermaid draws at most 50,000") && n.contains("maxTextSize")),
            "{notices:?}"
        );
        let (small, notices) = export(&ok("journey\n  A: 3\n").0);
        assert!(small.len() < 100 && !notices.iter().any(|n| n.contains("maxTextSize")));
    }

    #[test]
    fn stages_mermaid_cannot_show_are_named() {
        let (mut map, _) =
            ok("journey\n section Buy\n  A: 3\n section Buy\n  B: 4\n section Empty\n  C: 2\n");
        map.stages[2].steps.clear();
        let (_, notices) = export(&map);
        assert!(
            notices
                .iter()
                .any(|n| n.contains("stages without steps do not show: “Empty”")),
            "{notices:?}"
        );
        assert!(
            notices
                .iter()
                .any(|n| n.contains("show joined to the one before: “Buy”")),
            "{notices:?}"
        );
        let (_, notices) = export(&ok("journey\n section A\n  X: 3\n section B\n  Y: 3\n").0);
        assert!(
            notices.iter().all(|n| !n.contains("section")),
            "{notices:?}"
        );
    }

    #[test]
    fn percent_star_lines_are_comments_and_the_lines_after_them_tasks() {
        // Mermaid has no block comments: `%%*` starts a line comment.
        let (map, _) = ok("journey\n section S\n  %%* note\n  comment: 3\n  %% *%%\n  Next: 4\n");
        let names: Vec<&str> = map.steps().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["comment", "Next"]);
    }

    #[test]
    fn comment_lines_inside_a_description_block_are_dropped() {
        let (map, _) =
            ok("journey\n accDescr {\n  First line\n  %% not said\n  Second\n }\n  A: 3\n");
        assert_eq!(map.description, "First line\nSecond");
    }

    #[test]
    fn front_matter_titles_read_as_yaml() {
        let title = |line: &str| ok(&format!("---\n{line}\n---\njourney\n  A: 3\n")).0.title;
        assert_eq!(title("title: Hello # a comment"), "Hello");
        assert_eq!(title("title: 'It''s mine'"), "It's mine");
        assert_eq!(title("title: \"Say \\\"hi\\\"\" # c"), "Say \"hi\"");
        assert_eq!(title("  title: Indented"), "Indented");
        assert_eq!(title("title: C# for all"), "C# for all");
    }

    #[test]
    fn codes_128_to_159_are_windows_1252_as_in_browsers() {
        let (map, _) = ok("journey\n  Win #150; euro #128;: 3\n");
        assert_eq!(map.stages[0].steps[0].name, "Win – euro €");
    }

    #[test]
    fn names_holding_mermaids_own_markers_come_back() {
        // Mermaid writes `#…;` as `ﬂ°°…¶ß` while it reads, and turns them back.
        let (mut map, _) = ok("journey\n section S\n  A: 3\n");
        map.stages[0].steps[0].name = "a¶ßb ﬂ°c".into();
        let (text, _) = export(&map);
        assert!(!text.contains('¶') && !text.contains('ﬂ'), "{text}");
        assert_eq!(ok(&text).0.stages[0].steps[0].name, "a¶ßb ﬂ°c");
    }

    #[test]
    fn errors_explain_hash_and_double_percent() {
        assert_eq!(
            errors("journey\n  Order #1234 arrives: 3: Me\n"),
            ["line 2: expected a task such as \"Make tea: 5: Me\", found \"Order\" (Mermaid reads \
              the rest of the line from \"#\" as a comment; write #35; for #)"]
        );
        let e = errors("journey\n  Pay: 3 %% felt ok\n");
        assert!(
            e[0].ends_with("(%% starts a comment only at the start of a line)"),
            "{e:?}"
        );
    }

    #[test]
    fn notes_come_in_the_order_of_their_lines() {
        let (_, notes) =
            ok("journey\nsection A\n  Far: 9: Me\n  Bare: : Me\n% skipped\n  Also far: 0\n");
        let lines: Vec<usize> = notes.iter().map(|n| note_line(n)).collect();
        assert_eq!(lines[..4], [3, 4, 5, 6], "{notes:?}");
        assert!(
            notes.last().unwrap().contains("the scale is 0 to 9"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_title_description_or_section_longer_than_a_map_holds_is_refused_at_its_line() {
        let long = "x".repeat(MAX_CHARS + 1);
        let limit = "characters; the limit is 20,000";
        let cases = [
            (
                format!("journey\ntitle {long}\nsection S\n  T: 3"),
                2,
                "a title of 20,001",
            ),
            (
                format!("journey\naccTitle: {long}"),
                2,
                "an accTitle of 20,001",
            ),
            (
                format!("journey\n\naccDescr: {long}"),
                3,
                "an accDescr of 20,001",
            ),
            (
                format!("journey\nsection {long}\n  T: 3"),
                2,
                "a section name of 20,001",
            ),
            (
                format!("---\ntitle: {long}\n---\njourney\nsection S"),
                2,
                "the front matter's title of 20,001",
            ),
        ];
        for (text, line, what) in cases {
            assert_eq!(errors(&text), vec![format!("line {line}: {what} {limit}")]);
        }
        // Many short lines of a description add up too.
        let lines = vec!["y".repeat(99); 300].join("\n");
        assert_eq!(
            errors(&format!("journey\ntitle T\naccDescr {{\n{lines}\n}}")),
            vec![format!("line 3: an accDescr {{ … }} of 29,999 {limit}")]
        );
        // At the limit, all is kept.
        let (m, _) = ok(&format!(
            "journey\ntitle {}\nsection S",
            "x".repeat(MAX_CHARS)
        ));
        assert_eq!(m.title.chars().count(), MAX_CHARS);
    }

    fn t(name: &str, score: f64, actors: &[&str]) -> (String, Option<f64>, Vec<String>) {
        (
            name.to_string(),
            Some(score),
            actors.iter().map(|a| a.to_string()).collect(),
        )
    }

    const FIXTURES: [(&str, &str); 17] = [
        (
            "docs_working_day",
            include_str!("../../tests/fixtures/mermaid/docs_working_day.mmd"),
        ),
        (
            "demo_front_matter",
            include_str!("../../tests/fixtures/mermaid/demo_front_matter.mmd"),
        ),
        (
            "spec_title",
            include_str!("../../tests/fixtures/mermaid/spec_title.mmd"),
        ),
        (
            "spec_acc_descr",
            include_str!("../../tests/fixtures/mermaid/spec_acc_descr.mmd"),
        ),
        (
            "spec_acc_descr_multiline",
            include_str!("../../tests/fixtures/mermaid/spec_acc_descr_multiline.mmd"),
        ),
        (
            "spec_acc_title",
            include_str!("../../tests/fixtures/mermaid/spec_acc_title.mmd"),
        ),
        (
            "spec_section",
            include_str!("../../tests/fixtures/mermaid/spec_section.mmd"),
        ),
        (
            "spec_section_line_breaks",
            include_str!("../../tests/fixtures/mermaid/spec_section_line_breaks.mmd"),
        ),
        (
            "spec_tasks",
            include_str!("../../tests/fixtures/mermaid/spec_tasks.mmd"),
        ),
        (
            "db_shopping",
            include_str!("../../tests/fixtures/mermaid/db_shopping.mmd"),
        ),
        (
            "cypress_simple",
            include_str!("../../tests/fixtures/mermaid/cypress_simple.mmd"),
        ),
        (
            "cypress_ecommerce",
            include_str!("../../tests/fixtures/mermaid/cypress_ecommerce.mmd"),
        ),
        (
            "cypress_onboarding",
            include_str!("../../tests/fixtures/mermaid/cypress_onboarding.mmd"),
        ),
        (
            "cypress_web_hook",
            include_str!("../../tests/fixtures/mermaid/cypress_web_hook.mmd"),
        ),
        (
            "cypress_styled_title",
            include_str!("../../tests/fixtures/mermaid/cypress_styled_title.mmd"),
        ),
        (
            "cypress_score_out_of_range",
            include_str!("../../tests/fixtures/mermaid/cypress_score_out_of_range.mmd"),
        ),
        (
            "cypress_score_not_a_number",
            include_str!("../../tests/fixtures/mermaid/cypress_score_not_a_number.mmd"),
        ),
    ];

    fn fixture(name: &str) -> &'static str {
        FIXTURES.iter().find(|(n, _)| *n == name).unwrap().1
    }

    #[test]
    fn every_fixture_survives_mermaid_to_map_to_mermaid() {
        for (name, text) in FIXTURES {
            if name == "cypress_score_not_a_number" {
                continue;
            }
            let (map, _) = ok(text);
            assert!(map.check().is_empty(), "{name}: {:?}", map.check());
            let (written, _) = export(&map);
            let (again, _) = ok(&written);
            if name == "cypress_score_out_of_range" {
                // 23 is kept on import; Mermaid would draw it off its diagram, so export clamps.
                assert_eq!(map.lanes[0].cells["t1"], Cell::Emotion(23.0));
                assert_eq!(again.lanes[0].cells["t1"], Cell::Emotion(5.0));
                continue;
            }
            assert_eq!(summary(&again), summary(&map), "{name}:\n{written}");
            assert_eq!(again.description, map.description, "{name}");
            // Writing the re-read map gives the very same text.
            assert_eq!(export(&again).0, written, "{name}");
        }
    }

    #[test]
    fn the_documentation_example_reads_as_expected() {
        let (map, notes) = ok(fixture("docs_working_day"));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            summary(&map),
            (
                "My working day".to_string(),
                vec![
                    (
                        "Go to work".to_string(),
                        vec![
                            t("Make tea", 5.0, &["Me"]),
                            t("Go upstairs", 3.0, &["Me"]),
                            t("Do work", 1.0, &["Me", "Cat"]),
                        ]
                    ),
                    (
                        "Go home".to_string(),
                        vec![
                            t("Go downstairs", 5.0, &["Me"]),
                            t("Sit down", 5.0, &["Me"])
                        ]
                    ),
                ]
            )
        );
        assert_eq!((map.scale.min, map.scale.max), (1.0, 5.0));
        assert_eq!(map.scale.labels.len(), 5);
        let names: Vec<_> = map.personas.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Me", "Cat"]);
        assert_eq!(map.lanes[0].kind, LaneKind::Emotion);
        assert_eq!(map.lanes[0].title, SCORE_LANE);
        assert_eq!(map.lanes[1].kind, LaneKind::Owners);
        assert_eq!(map.lanes[1].title, ACTORS_LANE);
        assert_eq!(map.id, "m");
        assert_eq!(
            export(&map),
            (
                "journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n      \
                 Go upstairs: 3: Me\n      Do work: 1: Me, Cat\n    section Go home\n      \
                 Go downstairs: 5: Me\n      Sit down: 5: Me\n"
                    .to_string(),
                vec![]
            )
        );
    }

    #[test]
    fn the_parser_test_cases_give_mermaids_values() {
        let (map, notes) = ok(fixture("spec_tasks"));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            summary(&map).1,
            vec![
                (
                    "Documentation".to_string(),
                    vec![
                        t("A task", 5.0, &["Alice", "Bob", "Charlie"]),
                        t("B task", 3.0, &["Bob", "Charlie"]),
                        t("C task", 5.0, &[]),
                        t("D task", 5.0, &["Charlie", "Alice"]),
                        // Mermaid lists one actor with an empty name here.
                        t("E task", 5.0, &[]),
                    ]
                ),
                (
                    "Another section".to_string(),
                    vec![
                        t("P task", 5.0, &[]),
                        t("Q task", 5.0, &[]),
                        t("R task", 5.0, &[])
                    ]
                ),
            ]
        );

        let (map, _) = ok(fixture("spec_acc_descr_multiline"));
        assert_eq!(map.description, "A user journey for\nfamily shopping");
        assert_eq!(map.title, "Adding journey diagram functionality to mermaid");
        assert_eq!(map.stages[0].name, "Order from website");

        let (map, notes) = ok(fixture("spec_acc_title"));
        assert_eq!(map.title, "The title");
        assert_eq!(map.description, "");
        assert!(
            notes[0].contains("accTitle became the map's title"),
            "{notes:?}"
        );

        let (map, _) = ok(fixture("spec_section_line_breaks"));
        assert_eq!(map.stages[0].name, "Line1\nLine2\nLine3</br />Line4\nLine5");

        let (map, _) = ok(fixture("db_shopping"));
        assert_eq!(
            summary(&map).1[0].1[1],
            t("Go to car", 3.0, &["Dad", "Mum", "Child#1", "Child#2"])
        );
        assert_eq!(map.description, "A user journey for family shopping");
        assert_eq!(map.title, "Shopping");
    }

    #[test]
    fn the_demo_and_rendering_examples_read() {
        let (map, notes) = ok(fixture("demo_front_matter"));
        assert_eq!(map.title, "My working day");
        assert_eq!(
            map.description,
            "2 main sections: work and home, each with just a few tasks"
        );
        assert!(
            notes.iter().any(|n| n.contains("front matter")),
            "{notes:?}"
        );

        let (map, notes) = ok(fixture("cypress_onboarding"));
        assert_eq!(map.title, "User Journey Example");
        assert_eq!(map.step_count(), 5);
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("lines 2–6: the front matter")),
            "{notes:?}"
        );

        let (map, _) = ok(fixture("cypress_web_hook"));
        assert_eq!(map.title, "Web hook life cycle");
        let names: Vec<_> = map.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Darkoob", "External Service", "Darkoob"]);
        assert_eq!(map.stages[0].steps[1].name, "register slug");
        assert_eq!(
            summary(&map).1[1].1[0],
            t(
                "set Darkoob slug as hook for an Event",
                5.0,
                &["admin Exjjjnjjjj qwerty"]
            )
        );

        let (map, notes) = ok(fixture("cypress_score_out_of_range"));
        assert_eq!((map.scale.min, map.scale.max), (1.0, 23.0));
        assert!(map.scale.labels.is_empty());
        assert!(
            notes.iter().any(|n| n
                .starts_with("line 4: the score 23 of \"Make tea\" is outside 1 to 5; it is kept")),
            "{notes:?}"
        );
        let (_, notices) = export(&map);
        assert!(
            notices.iter().any(|n| n.contains("Make tea 23 → 5")),
            "{notices:?}"
        );

        assert_eq!(
            errors(fixture("cypress_score_not_a_number")),
            ["line 7: score \"Hello\" is not a number; scores are numbers from 1 to 5"]
        );
    }

    #[test]
    fn keywords_are_case_insensitive() {
        let (map, _) =
            ok("JOURNEY\nTITLE Big\nAccDescr: d\nSECTION One\n  Task: 4: Me\nSection Two\n");
        assert_eq!(map.title, "Big");
        assert_eq!(map.description, "d");
        let names: Vec<_> = map.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["One", "Two"]);
    }

    #[test]
    fn comments_and_directives_are_skipped() {
        let (map, notes) = ok("%% a comment first\n%%{init: {'theme': 'forest'}}%%\njourney\n  \
             %% an indented comment\n  %%{\n    init: {}\n  }%%\n  section A\n    Make tea: 5: Me # with milk\n    \
             # a whole-line comment\n    Drink: 4 #it\n");
        assert_eq!(
            summary(&map).1,
            vec![(
                "A".to_string(),
                vec![t("Make tea", 5.0, &["Me"]), t("Drink", 4.0, &[])]
            )]
        );
        assert!(notes.iter().any(|n| n.contains("directives")), "{notes:?}");
    }

    #[test]
    fn tasks_before_any_section_go_to_an_unnamed_stage() {
        let (map, _) = ok("journey\n  Wake up: 2\n  Coffee: 4\n  section Work\n  Email: 1\n");
        assert_eq!(map.stages.len(), 2);
        assert_eq!(map.stages[0].name, "");
        assert_eq!(map.stages[0].steps.len(), 2);
        assert_eq!(map.stages[1].name, "Work");
        let (text, _) = export(&map);
        assert_eq!(
            text,
            "journey\n      Wake up: 2\n      Coffee: 4\n    section Work\n      Email: 1\n"
        );
    }

    #[test]
    fn br_is_a_line_break_in_names() {
        let (map, _) = ok("journey\nsection A<BR>b\n  One<br>two<br/>three<br />four: 3\n");
        assert_eq!(map.stages[0].name, "A\nb");
        assert_eq!(map.stages[0].steps[0].name, "One\ntwo\nthree\nfour");
        let (text, _) = export(&map);
        // Written as codes, which Mermaid shows as spaces (a `<br>` it
        // would show as written) and an import reads back as line breaks.
        assert!(text.contains("section A#10;b\n"), "{text}");
        assert!(text.contains("One#10;two#10;three#10;four: 3\n"), "{text}");
        let (back, _) = ok(&text);
        assert_eq!(back.stages[0].steps[0].name, "One\ntwo\nthree\nfour");
    }

    #[test]
    fn task_lines_follow_mermaids_rules() {
        let (map, notes) = ok(
            "journey\n  A: 5: Me, You: ignored: too\n  B:2\n  C : 3 :  Them ,  Us \n  \
             D: 0x4\n  E: 2.5\n  F:  \n",
        );
        assert_eq!(
            summary(&map).1[0].1,
            vec![
                t("A", 5.0, &["Me", "You"]),
                t("B", 2.0, &[]),
                t("C", 3.0, &["Them", "Us"]),
                t("D", 4.0, &[]),
                t("E", 2.5, &[]),
                ("F".to_string(), None, vec![]),
            ]
        );
        assert_eq!(
            notes,
            [
                "line 2: the text after the actors (\"ignored: too\") is ignored, as Mermaid \
                 ignores it",
                "line 7: task \"F\" has no score (Mermaid draws it at 0); its score is left empty",
            ]
        );
        let p = errors(
            "journey\n  No colon here\n  : 5: nameless\n  Bare:\n  Semi: 5; x\n  Huge: 1e999\n  Far: -1.7e308\n",
        );
        assert_eq!(
            p,
            [
                "line 2: expected a task such as \"Make tea: 5: Me\", found \"No colon here\"",
                "line 3: a task needs a name before \":\"",
                "line 4: a task needs a score after \":\", such as \"Make tea: 5\"",
                "line 5: \";\" is not allowed here (character 8); write #59; for a semicolon",
                "line 6: score \"1e999\" is too large; Journeymap reads scores up to a billion \
                 either way (Mermaid draws 1 to 5)",
                "line 7: score \"-1.7e308\" is too large; Journeymap reads scores up to a \
                 billion either way (Mermaid draws 1 to 5)",
            ]
        );
        assert_eq!(
            errors("journey\nsection A: b\n"),
            ["line 2: a section name cannot hold \":\"; write #58; for a colon"]
        );
        assert_eq!(
            errors("journey\njourney again: 3\n"),
            ["line 2: \"journey\" may only start the diagram"]
        );
    }

    #[test]
    fn scores_outside_one_to_five_widen_the_scale() {
        let (map, notes) = ok("journey\n  Low: -1\n  High: 9\n  Mid: 3\n");
        assert_eq!((map.scale.min, map.scale.max), (-1.0, 9.0));
        assert_eq!(map.lanes[0].cells["t1"], Cell::Emotion(-1.0));
        assert_eq!(map.lanes[0].cells["t2"], Cell::Emotion(9.0));
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert_eq!(notes[2], "the scale is -1 to 9 so that every score fits");
        let (text, notices) = export(&map);
        assert!(
            text.contains("Low: 1\n") && text.contains("High: 5\n") && text.contains("Mid: 3\n"),
            "{text}"
        );
        assert_eq!(
            notices,
            ["Mermaid draws scores from 1 to 5 (others land outside its diagram), so these were brought into range: Low -1 → 1; High 9 → 5."]
        );
    }

    #[test]
    fn spaces_at_either_end_of_a_stage_name_come_back() {
        let (mut map, _) = ok("journey\n section A\n  T: 3\n section B\n  U: 4\n");
        map.stages[1].name = "  padded ".into();
        let (text, _) = export(&map);
        assert!(text.contains("section #32;#32;padded#32;\n"), "{text}");
        assert_eq!(ok(&text).0.stages[1].name, "  padded ");
    }

    #[test]
    fn common_named_entity_codes_are_read_and_unknown_ones_noted() {
        let (map, notes) = ok(
            "journey\n section Plan #rarr; Do\n  Pay #euro;5 #hearts;: 4: Me\n  Odd #zork;: 3\n",
        );
        assert_eq!(map.stages[0].name, "Plan → Do");
        assert_eq!(map.stages[0].steps[0].name, "Pay €5 ♥");
        assert_eq!(map.stages[0].steps[1].name, "Odd #zork;");
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].starts_with("line 4: #zork; names no character"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_line_starting_with_one_percent_sign_is_a_comment_as_in_mermaid() {
        let (map, notes) = ok("journey\n section S\n  %50 off: 3\n  Pay: 4\n");
        assert_eq!(map.step_count(), 1);
        assert_eq!(map.stages[0].steps[0].name, "Pay");
        assert_eq!(
            notes,
            ["line 3: a line starting with % is a comment in Mermaid; it was skipped"]
        );
        // Written by Journeymap, a name starting with % is an entity code.
        let mut m = map.clone();
        m.stages[0].steps[0].name = "%50 off".into();
        let (text, _) = export(&m);
        let (again, _) = ok(&text);
        assert_eq!(again.stages[0].steps[0].name, "%50 off");
    }

    #[test]
    fn front_matter_is_skipped_with_a_note() {
        let (map, notes) =
            ok("---\ntitle: \"From front\"\nconfig:\n  theme: dark\n---\njourney\n  A: 3\n");
        assert_eq!(map.title, "From front");
        assert_eq!(
            notes,
            ["lines 1–5: the front matter (settings for Mermaid) was skipped"]
        );
        let (map, _) = ok("---\ntitle: Front\n---\njourney\ntitle Own\n");
        assert_eq!(map.title, "Own");
        assert_eq!(
            errors("---\ntitle: x\njourney\n"),
            ["line 1: the front matter opened with \"---\" is not closed with \"---\""]
        );
    }

    #[test]
    fn other_text_is_refused_with_a_reason() {
        assert_eq!(errors(""), ["the text is empty"]);
        assert_eq!(errors(" \n "), ["the text is empty"]);
        assert_eq!(
            errors("flowchart TD\n  A --> B\n"),
            ["line 1: this is not a Mermaid user journey: it must start with \"journey\", not \"flowchart\""]
        );
        assert_eq!(
            errors("{\"format\": \"journeymap\"}"),
            ["line 1: this is not a Mermaid diagram: it must start with \"journey\""]
        );
        assert_eq!(
            errors("%% only a comment\n"),
            ["this is not a Mermaid user journey: it must start with \"journey\""]
        );
        assert_eq!(
            errors("journey\naccDescr {\n  never closed\n"),
            ["line 2: \"accDescr {\" is not closed with \"}\""]
        );
        assert!(is_journey("\n%% c\n  Journey\n"));
        assert!(!is_journey("{\"format\":\"journeymap\"}"));
        assert!(!is_journey("journeys\n"));
        // Front matter left open is still a journey, for the reader to say
        // where it went wrong; without a journey inside it is not one.
        assert!(is_journey("---\ntitle: x\njourney\n  section A\n"));
        assert!(!is_journey("---\ntitle: x\n"));
    }

    #[test]
    fn entity_codes_are_decoded() {
        let (map, _) =
            ok("journey\ntitle A #35;1 #quot;hit#quot; #colon; #59; #9999999999; #zz;\n");
        assert_eq!(map.title, "A #1 \"hit\" : ; \u{fffd} #zz;");
    }

    #[test]
    fn names_are_made_safe_on_export() {
        let mut map = JourneyMap::blank("m", "Title: #1; 50%% {done}");
        map.stages[0].name = "Stage: one # two".into();
        map.stages[0].steps[0].name = "a: b # c; d %% e\nsecond <br> line".into();
        let names = [
            "title of the task",
            "Section\tB",
            "journey",
            "Journey ends",
            "journeys",
            "accTitle: x",
            "accDescr {x}",
            "",
            "  padded  ",
            "%%{init}%%",
            "#35;",
            "x%% y",
        ];
        let stage = map.stages[0].id.clone();
        for n in names {
            map.add_step(&stage, None, n).unwrap();
        }
        map.add_stage(None, "").unwrap();
        map.add_stage(None, "section").unwrap();
        let actors = map.add_lane(LaneKind::Owners, None, "actors").unwrap();
        let first = map.stages[0].steps[0].id.clone();
        map.set_cell(
            &actors,
            &first,
            Cell::List(vec!["Smith, J.".into(), "A: B".into(), "#1".into()]),
        )
        .unwrap();
        let (text, _) = export(&map);
        for line in text.lines().skip(1) {
            assert!(!line.contains(';') || line.contains('#'), "{line}");
        }
        let (back, _) = ok(&text);
        let want: Vec<(String, Vec<String>)> = map
            .stages
            .iter()
            .map(|s| {
                (
                    s.name.trim().to_string(),
                    s.steps.iter().map(|t| t.name.clone()).collect(),
                )
            })
            .collect();
        let got: Vec<(String, Vec<String>)> = back
            .stages
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.steps.iter().map(|t| t.name.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(got, want, "{text}");
        assert_eq!(back.title, map.title);
        assert_eq!(
            back.lanes[1].cells["t1"],
            Cell::List(vec!["Smith, J.".into(), "A: B".into(), "#1".into()])
        );
    }

    #[test]
    fn every_template_exports_and_blueprint_lanes_are_listed_as_dropped() {
        for (key, _) in template::TEMPLATES {
            let map = template::build(key, "m1").unwrap();
            let (text, notices) = export(&map);
            assert!(text.starts_with("journey\n"), "{key}: {text}");
            for lane in map.lanes.iter().filter(|l| l.kind != LaneKind::Emotion) {
                let named = lane_name(lane);
                assert!(notices[0].contains(&named), "{key}: {named} in {notices:?}");
            }
        }
        let (_, notices) = export(&template::build("blueprint", "m1").unwrap());
        assert!(
            notices[0].contains("“Frontstage actions”, “Backstage actions”"),
            "{notices:?}"
        );
    }

    #[test]
    fn other_scales_are_rescaled_and_other_lanes_listed_as_dropped() {
        let map = template::ecommerce("m1");
        let (text, notices) = export(&map);
        // Feeling on -2..2: t1 1 → 4, t3 -1 → 2, t6 -2 → 1, t9 2 → 5.
        assert!(text.contains("Sees a social ad: 4\n"), "{text}");
        assert!(text.contains("Compares prices: 2\n"), "{text}");
        assert!(
            text.contains("Is asked to create an account") || text.contains("Checks out: 1\n"),
            "{text}"
        );
        assert!(text.contains("Receives the delivery: 5\n"), "{text}");
        assert!(text.contains("accDescr: An online shopper"), "{text}");
        assert_eq!(
            notices,
            [
                "Mermaid journeys hold one score per task and its actors, so these lanes were \
                 left out: “Doing (text)”, “Touchpoints”, “Thinking (text)”, “Pain points”, \
                 “Opportunities”, “KPIs (metrics)”, “Quotes”, “Owner (owners)”.",
                "Mermaid scores run from 1 to 5, so the scale -2 to 2 was rescaled to 1 to 5 and \
                 rounded to whole numbers.",
                "Mermaid lists actors per task (from the \"Actors\" lane), so these personas were \
                 left out: “Sam, online shopper”.",
            ]
        );
        let (back, _) = ok(&text);
        assert_eq!(back.step_count(), map.step_count());
        // A map without an emotion lane gets the neutral score, and says so.
        let mut plain = JourneyMap::blank("m", "Plain");
        let feeling = plain.lanes[2].id.clone();
        plain.delete_lane(&feeling).unwrap();
        let (text, notices) = export(&plain);
        assert!(text.contains("First step: 3\n"), "{text}");
        assert!(
            notices.iter().any(|n| n.contains("neutral score 3")),
            "{notices:?}"
        );
    }

    #[test]
    fn nothing_panics_on_odd_text() {
        for text in [
            "journey\n:",
            "journey\n#",
            "journey\n#;",
            "journey\n\u{0}: \u{0}",
            "journey\naccDescr {",
            "journey\naccDescr {}}}",
            "journey\n%%{",
            "journey\n%%*",
            "journey\n é#é;: 1",
            "journey\nsection",
            "journey\ntitle",
            "journey\nA: #1",
            "---",
            "---\n---",
            "journey\n<br",
            "journey\nx<br/",
            "journey\n\r\rA:1\r",
            "journey\n%%{init}%%\n}%%",
        ] {
            let _ = parse(text, "m");
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use crate::format::validate::arb;
    use proptest::prelude::*;

    /// What a name becomes through Mermaid: line breaks of any kind are
    /// `\n`, NUL is not kept, and a blank name is empty.
    fn through(name: &str, breaks: bool) -> String {
        let s: String = name
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\0', "\u{fffd}")
            .chars()
            .filter(|c| !is_c1(*c))
            .collect();
        let s = if breaks { s } else { s.replace('\n', " ") };
        if s.trim().is_empty() {
            String::new()
        } else {
            s
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn any_map_exports_to_text_that_reads_back(map in arb::map()) {
            let (text, _) = export(&map);
            let (back, _) = match parse(&text, "m") {
                Ok(r) => r,
                Err(p) => panic!("{text}\n{}", crate::format::validate::join(&p)),
            };
            prop_assert!(back.check().is_empty());
            prop_assert_eq!(back.title, through(map.title.trim(), false));
            let mut stages = map.stages.clone();
            if stages.first().is_some_and(|s| s.name.trim().is_empty() && s.steps.is_empty()) {
                stages.remove(0);
            }
            let want: Vec<(String, Vec<String>)> = stages
                .iter()
                .map(|s| (through(&s.name, true), s.steps.iter().map(|t| through(&t.name, true)).collect()))
                .collect();
            let got: Vec<(String, Vec<String>)> = back
                .stages
                .iter()
                .map(|s| (s.name.clone(), s.steps.iter().map(|t| t.name.clone()).collect()))
                .collect();
            prop_assert_eq!(got, want);
            // Actors come back from the "Actors" lane, trimmed.
            if let Some(lane) = map.lanes.iter().find(|l| l.kind == LaneKind::Owners && l.title.trim().eq_ignore_ascii_case(ACTORS_LANE)) {
                let back_lane = back.lanes.iter().find(|l| l.title == ACTORS_LANE);
                for step in map.steps() {
                    let want: Vec<String> = match lane.cells.get(&step.id) {
                        Some(Cell::List(items)) => items.iter().map(|a| through(a.trim(), false)).filter(|a| !a.trim().is_empty()).map(|a| a.trim().to_string()).collect(),
                        _ => Vec::new(),
                    };
                    let got = match back_lane.and_then(|l| l.cells.get(&step.id)) {
                        Some(Cell::List(items)) => items.clone(),
                        _ => Vec::new(),
                    };
                    prop_assert_eq!(got, want);
                }
            }
        }

        #[test]
        fn scores_on_one_to_five_come_back_exactly(
            scores in proptest::collection::vec(proptest::option::of(1.0..=5.0f64), 1..20)
        ) {
            let mut map = JourneyMap::blank("m", "Scores");
            map.scale = Scale { min: 1.0, max: 5.0, labels: Vec::new() };
            let lane = map.lanes[2].id.clone();
            let stage = map.stages[0].id.clone();
            let mut steps = vec![map.stages[0].steps[0].id.clone()];
            for _ in 1..scores.len() {
                steps.push(map.add_step(&stage, None, "s").unwrap());
            }
            for (step, v) in steps.iter().zip(&scores) {
                map.set_emotion(&lane, step, *v).unwrap();
            }
            let (text, _) = export(&map);
            let (back, _) = parse(&text, "m").unwrap();
            for (i, v) in scores.iter().enumerate() {
                let got = back.lanes[0].cells.get(&format!("t{}", i + 1)).cloned();
                // A step without a score is written as the neutral 3.
                prop_assert_eq!(got, Some(Cell::Emotion(v.unwrap_or(3.0))));
            }
        }

        #[test]
        fn any_text_parses_or_gives_numbered_problems(text in "\\PC{0,200}") {
            for t in [text.clone(), format!("journey\n{text}"), format!("journey\nsection A\n{}", text.replace(';', "\n"))] {
                if let Err(p) = parse(&t, "m") {
                    prop_assert!(!p.is_empty());
                }
            }
        }

        #[test]
        fn task_like_lines_never_panic(lines in proptest::collection::vec("[ a-zA-Z0-9:,#;%<>/{}\\-.]{0,30}", 0..20)) {
            let text = format!("journey\n{}", lines.join("\n"));
            if let Ok((map, _)) = parse(&text, "m") {
                prop_assert!(map.check().is_empty());
                let (again, _) = export(&map);
                prop_assert!(parse(&again, "m").is_ok(), "{}", again);
            }
        }
    }
}
