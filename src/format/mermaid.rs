//! Mermaid `journey` diagrams: reading them into maps and writing maps back.
//!
//! The reader follows Mermaid's own grammar (`journey.jison` and
//! `journeyDb` in mermaid-js): keywords are case-insensitive; `%%` lines
//! are comments and `%%{…}%%` directives are skipped; `#` starts a comment
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

/// True when `text` reads as a Mermaid diagram (of any kind) rather than
/// JSON: its first word, after front matter, comments and directives, is
/// not `{`. Use [`is_journey`] to tell a journey from other diagrams.
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
        i += 1;
        while i < lines.len() && lines[i].trim() != "---" {
            i += 1;
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

const NAMED: [(&str, char); 30] = [
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
];

/// Turns entity codes into the characters they name, as Mermaid's
/// renderer does. Unknown names are left as they are.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if c == '#' {
            if let Some(n) = entity_len(&s[i..]) {
                let inner = &s[i + 1..i + n - 1];
                let digits = inner.strip_prefix('+').unwrap_or(inner);
                let ch = if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                    Some(
                        digits
                            .parse::<u32>()
                            .ok()
                            .and_then(char::from_u32)
                            .filter(|c| *c != '\0')
                            .unwrap_or('\u{fffd}'),
                    )
                } else {
                    NAMED.iter().find(|(name, _)| *name == inner).map(|(_, c)| *c)
                };
                if let Some(ch) = ch {
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
        if let Some(rest) = keyword(s, "journey") {
            if !rest.starts_with(is_word) {
                self.err(line, "\"journey\" may only start the diagram");
                return;
            }
        }
        if let Some(rest) = keyword(s, "acctitle") {
            if let Some(value) = rest.trim_start().strip_prefix(':') {
                self.acc_title = Some(decode_entities(value.trim()));
                return;
            }
        }
        if let Some(rest) = keyword(s, "accdescr") {
            if let Some(value) = rest.trim_start().strip_prefix(':') {
                self.acc_descr = Some(decode_entities(value.trim()));
                return;
            }
        }
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
                self.title = Some(title);
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
                let name = name_text(rest);
                self.sections.push(Section {
                    name,
                    tasks: Vec::new(),
                });
                return;
            }
        }
        self.task(line, s);
    }

    fn task(&mut self, line: usize, s: &str) {
        let Some((raw_name, data)) = s.split_once(':') else {
            self.err(
                line,
                format!(
                    "expected a task such as \"Make tea: 5: Me\", found {}",
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
                Some(v) if v.is_finite() => Some(v),
                Some(_) => {
                    self.err(
                        line,
                        format!(
                            "score {} is too large; scores are numbers from 1 to 5",
                            super::validate::quote(score_text.trim())
                        ),
                    );
                    return;
                }
                None => {
                    self.err(
                        line,
                        format!(
                            "score {} is not a number; scores are numbers from 1 to 5",
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
    if i < lines.len() && lines[i].trim() == "---" {
        let start = i;
        i += 1;
        while i < lines.len() && lines[i].trim() != "---" {
            if let Some(t) = lines[i].strip_prefix("title:") {
                let t = t.trim();
                let t = t
                    .strip_prefix('"')
                    .and_then(|t| t.strip_suffix('"'))
                    .or_else(|| t.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
                    .unwrap_or(t);
                front_title = Some(t.to_string());
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
        // Block comments `%%* … *%%`.
        if t.starts_with("%%*") {
            if !t[3..].contains("*%%") {
                while i < lines.len() && !lines[i].contains("*%%") {
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
                        p.acc_descr = Some(accdescr_text(&value));
                        p.statement(line_no, after);
                        break;
                    }
                    value.push_str(chunk);
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
        updated: 0.0,
    };
    (map, p.notes)
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
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let chars: Vec<char> = text.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace());
    let last = chars.iter().rposition(|c| !c.is_whitespace());
    let mut out = String::with_capacity(text.len() + 8);
    for (k, &c) in chars.iter().enumerate() {
        let edge = first.is_none_or(|f| k < f) || last.is_none_or(|l| k > l);
        match c {
            '\n' if breaks => out.push_str("<br>"),
            '\n' => out.push(' '),
            '#' | ':' | ';' | '%' | '<' | '{' | '}' => entity(&mut out, c),
            c if extra.contains(&c) => entity(&mut out, c),
            c if c.is_control() => entity(&mut out, c),
            c if edge && c.is_whitespace() => entity(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A task or section name: safe, never empty, never read as a keyword.
fn safe_name(name: &str) -> String {
    let s = safe(name, &[], true);
    if s.is_empty() {
        return "#32;".into();
    }
    let keyword_like = ["title", "section"].iter().any(|kw| {
        keyword(&s, kw).is_some_and(|rest| rest.starts_with(char::is_whitespace))
    }) || keyword(&s, "journey").is_some_and(|rest| !rest.starts_with(is_word))
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
            out.push_str(&format!("    accDescr: {}\n", safe(description, &[], false)));
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
        .filter(|l| {
            !emotion.is_some_and(|e| e.id == l.id) && !actors.is_some_and(|a| a.id == l.id)
        })
        .map(|l| format!("{} ({})", l.title, l.kind.key()))
        .collect();
    if !dropped.is_empty() {
        notices.push(format!(
            "Mermaid journeys hold one score per task and its actors, so these lanes were left \
             out: {}",
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
    let mermaid_scale = (min == 1.0 && max == 5.0) || (min == lo && max == hi);
    let usable = min.is_finite() && max.is_finite() && min < max;
    if emotion.is_some() && !mermaid_scale && usable {
        notices.push(format!(
            "Mermaid scores run from 1 to 5, so the scale {} to {} was rescaled to 1 to 5 and \
             rounded to whole numbers",
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
    for (k, stage) in map.stages.iter().enumerate() {
        let name = stage.name.trim();
        if !(k == 0 && name.is_empty()) {
            out.push_str(&format!("    section {}\n", safe_name(name)));
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
            "the map has no emotion lane, so every task was given the neutral score 3".into(),
        );
    } else if missing > 0 {
        notices.push(format!(
            "{missing} step(s) without a score were given the neutral score 3"
        ));
    }
    if !clamped.is_empty() {
        notices.push(format!(
            "Mermaid refuses scores outside 1 to 5, so these were brought into range: {}",
            clamped.join("; ")
        ));
    }
    let unnamed: Vec<&str> = map
        .personas
        .iter()
        .filter(|p| !named_actors.iter().any(|a| a == p.name.trim()))
        .map(|p| p.name.as_str())
        .collect();
    if !unnamed.is_empty() {
        notices.push(format!(
            "Mermaid lists actors per task (from the \"{ACTORS_LANE}\" lane), so these personas \
             were left out: {}",
            unnamed.join(", ")
        ));
    }
    (out, notices)
}
