//! Native timings of the pure parts of saving, importing and exporting:
//! `cargo bench --bench formats` (`-- --smoke` runs each once, on small maps).
//!
//! The maps have the shape of `bench/gen.mjs`'s: 10 lanes of every kind
//! (text, quotes, touchpoints, two emotion lanes, pain points,
//! opportunities, metrics, owners "Actors", a second text lane), built as
//! `.journey.json` text and read by the library, so they go through the
//! same reader as files. Each figure is the median of several runs, with
//! the min and max, measured with `std::time::Instant`.

use journeymap::format::{json, mermaid, share, validate};
use journeymap::model::JourneyMap;
use journeymap::storage::{versions, Library, MemoryStore};
use serde_json::{json as j, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

const WORDS: [&str; 40] = [
    "customer",
    "browses",
    "compares",
    "checks",
    "price",
    "delivery",
    "account",
    "password",
    "cart",
    "basket",
    "payment",
    "card",
    "voucher",
    "discount",
    "review",
    "rating",
    "size",
    "colour",
    "stock",
    "store",
    "app",
    "email",
    "support",
    "chat",
    "refund",
    "return",
    "parcel",
    "courier",
    "tracking",
    "receipt",
    "loyalty",
    "points",
    "offer",
    "search",
    "filter",
    "wishlist",
    "newsletter",
    "survey",
    "feedback",
    "login",
];
const CHANNELS: [&str; 10] = [
    "web",
    "mobile_app",
    "email",
    "social",
    "phone",
    "store",
    "chat",
    "ads",
    "word_of_mouth",
    "other",
];

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn phrase(&mut self, n: usize) -> String {
        let words: Vec<&str> = (0..n).map(|_| WORDS[self.next() % WORDS.len()]).collect();
        let s = words.join(" ");
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => s,
        }
    }
}

/// The document of a map with `steps` steps (10 per stage), 10 lanes and
/// `words` words in a typical text cell.
fn document(steps: usize, words: usize) -> Value {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ steps as u64);
    let mut stages: Vec<Value> = Vec::new();
    let kinds = [
        ("text", "Doing", None),
        ("quotes", "Thinking", None),
        ("touchpoints", "Touchpoints", None),
        ("emotion", "Feeling", Some("p1")),
        ("pain_points", "Pain points", None),
        ("opportunities", "Opportunities", None),
        ("metrics", "Metrics", None),
        ("owners", "Actors", None),
        ("text", "Backstage", None),
        ("emotion", "Feeling (new customer)", Some("p2")),
    ];
    let mut cells: Vec<serde_json::Map<String, Value>> = vec![Default::default(); kinds.len()];
    for i in 0..steps {
        if i % 10 == 0 {
            let n = stages.len() + 1;
            stages.push(j!({ "id": format!("s{n}"), "name": format!("Stage {n}: {}", r.phrase(2)), "color": "#e9c46a", "steps": [] }));
        }
        let id = format!("t{}", i + 1);
        let name = format!("{} {}", r.phrase(3), i + 1);
        if let Some(Value::Array(list)) = stages.last_mut().and_then(|s| s.get_mut("steps")) {
            list.push(j!({ "id": id, "name": name }));
        }
        let x = i as f64;
        cells[0].insert(id.clone(), j!(r.phrase(words + 2)));
        cells[1].insert(id.clone(), j!(format!("\"{}?\"", r.phrase(words))));
        let tps: Vec<Value> = (0..1 + i % 2)
            .map(|_| j!({ "channel": CHANNELS[r.next() % CHANNELS.len()], "note": r.phrase(2) }))
            .collect();
        cells[2].insert(id.clone(), Value::Array(tps));
        cells[3].insert(id.clone(), j!((2.0 * (x / 3.0).sin()).round()));
        let pains: Vec<String> = (0..1 + i % 2)
            .map(|_| r.phrase(words.saturating_sub(2).max(2)))
            .collect();
        cells[4].insert(id.clone(), j!(pains));
        if i % 2 == 0 {
            cells[5].insert(id.clone(), j!([r.phrase(words)]));
        }
        cells[6].insert(
            id.clone(),
            j!([{ "name": "Conversion", "value": (r.next() % 1000) as f64 / 10.0, "target": 50, "unit": "%" }]),
        );
        cells[7].insert(
            id.clone(),
            if i % 3 == 0 {
                j!(["Me", "Cat"])
            } else {
                j!(["Support"])
            },
        );
        cells[8].insert(id.clone(), j!(r.phrase(words)));
        cells[9].insert(id, j!((2.0 * (x / 4.0).cos()).round()));
    }
    let lanes: Vec<Value> = kinds
        .iter()
        .zip(cells)
        .enumerate()
        .map(|(i, ((kind, title, persona), cells))| {
            let mut lane =
                j!({ "id": format!("l{}", i + 1), "kind": kind, "title": title, "cells": cells });
            if let Some(p) = persona {
                lane["persona"] = j!(p);
            }
            lane
        })
        .collect();
    j!({
        "format": "journeymap", "version": 1, "id": format!("bench-{steps}"),
        "title": format!("Benchmark journey, {steps} steps"), "description": "", "state": "current",
        "scale": { "min": -2, "max": 2, "labels": ["Frustrated", "Unhappy", "Neutral", "Satisfied", "Delighted"] },
        "personas": [
            { "id": "p1", "name": "Shopper", "role": "", "goals": [], "pains": [], "color": "#2a9d8f" },
            { "id": "p2", "name": "Newcomer", "role": "", "goals": [], "pains": [], "color": "#e76f51" }
        ],
        "stages": stages, "lanes": lanes, "updated": 1_763_830_000_000u64
    })
}

/// A map of `steps` steps whose compact document is about `bytes` long.
fn map_of_size(steps: usize, bytes: usize) -> (JourneyMap, String) {
    let mut words = 6;
    for _ in 0..8 {
        let text = document(steps, words).to_string();
        let ratio = bytes as f64 / text.len() as f64;
        if (ratio - 1.0).abs() < 0.04 {
            break;
        }
        words = ((words as f64 * ratio.powf(1.15)).round() as usize).max(1);
    }
    let text = document(steps, words).to_string();
    let map = json::from_str(&text).expect("the generated document reads");
    (map, text)
}

struct Bench {
    runs: usize,
    /// Only figures whose label contains this are timed.
    only: Option<String>,
    rows: Vec<(String, Vec<Duration>)>,
}

impl Bench {
    fn time<T>(&mut self, what: &str, mut f: impl FnMut() -> T) {
        if self
            .only
            .as_ref()
            .is_some_and(|o| !what.contains(o.as_str()))
        {
            return;
        }
        black_box(f()); // warm up
        let mut xs: Vec<Duration> = (0..self.runs)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect();
        xs.sort();
        let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
        println!(
            "  {what:<64} {:>9.2} ms  ({:.2}–{:.2})",
            ms(&xs[xs.len() / 2]),
            ms(&xs[0]),
            ms(&xs[xs.len() - 1])
        );
        self.rows.push((what.to_string(), xs));
    }
}

fn main() {
    let smoke = std::env::args().any(|a| a == "--smoke");
    let mut b = Bench {
        runs: if smoke { 1 } else { 9 },
        only: std::env::args().skip(1).find(|a| !a.starts_with('-')),
        rows: Vec::new(),
    };
    let scale = |n: usize| if smoke { n / 10 } else { n };
    println!(
        "formats: native timings, median (min–max) of {} runs{}",
        b.runs,
        if smoke { ", smoke sizes" } else { "" }
    );

    // Saving: what the editor's save does with a 2 MB map.
    let (two, two_text) = map_of_size(scale(2000), scale(2 * 1024 * 1024));
    let label = format!(
        "{:.1} MB, {} steps",
        two_text.len() as f64 / 1048576.0,
        two.step_count()
    );
    b.time(&format!("json::to_string, {label}"), || {
        json::to_string(&two)
    });
    b.time(
        &format!("json::to_string_at (new edit time, no clone), {label}"),
        || json::to_string_at(&two, 1.0),
    );
    b.time(&format!("map.clone(), {label}"), || two.clone());
    let lib = Library::new(MemoryStore::new());
    lib.save(&two).expect("saved");
    let mut stamp = two.updated;
    b.time(
        &format!("Library::save_checked (memory store), {label}"),
        || {
            stamp = lib.save_checked(&two, stamp, stamp + 1.0).expect("saved");
        },
    );
    // Opening: a stored entry is what `json::to_string` wrote; the generated
    // text (keys in another order, whole numbers) is read the same way.
    let stored = json::to_string(&two);
    b.time(
        &format!("json::from_str (open from storage: the validating reader), {label}"),
        || json::from_str(&stored).expect("reads"),
    );
    b.time(
        &format!("json::from_str, generated text (gen.mjs layout), {label}"),
        || json::from_str(&two_text).expect("reads"),
    );

    // Importing a 5 MB file, pretty-printed as Export writes it.
    let (five, _) = map_of_size(scale(4000), scale(5 * 1024 * 1024) * 3 / 4);
    let five_text = json::to_string_pretty(&five);
    let label = format!(
        "{:.1} MB, {} steps",
        five_text.len() as f64 / 1048576.0,
        five.step_count()
    );
    b.time(&format!("validate::read_map (import), {label}"), || {
        validate::read_map(&five_text, Some("new")).expect("reads")
    });
    b.time(&format!("json::to_string_pretty (export), {label}"), || {
        json::to_string_pretty(&five)
    });

    // Mermaid, 2,000 tasks.
    let (tasks, _) = map_of_size(scale(2000), scale(2000) * 500);
    let (mmd, _) = mermaid::export(&tasks);
    let label = format!("{} tasks, {} KB", tasks.step_count(), mmd.len() / 1024);
    b.time(&format!("mermaid::export, {label}"), || {
        mermaid::export(&tasks)
    });
    b.time(&format!("mermaid::parse (import), {label}"), || {
        mermaid::parse(&mmd, "m").expect("parses")
    });

    // Share links: the 200-step map a viewer opens.
    let (link_map, _) = map_of_size(scale(200), scale(200) * 500);
    let code = share::encode(&link_map).or_else(|_| {
        // Over the 32 KB a link may carry: time the parts of a link instead.
        let bytes = share::compress(json::to_string(&link_map).as_bytes());
        Ok::<String, share::ShareError>(format!("1{}", share::base64url(&bytes)))
    });
    let code = code.expect("a code");
    let label = format!(
        "{} steps, {} KB code",
        link_map.step_count(),
        code.len() / 1024
    );
    b.time(&format!("share::compress + base64url, {label}"), || {
        share::base64url(&share::compress(json::to_string(&link_map).as_bytes()))
    });
    b.time(&format!("share::decode (open a link), {label}"), || {
        share::decode(&code)
    });
    // What the embed's "Open in Journeymap" costs on a map too large for a
    // link: the encoder stops once the code cannot fit.
    b.time(
        &format!(
            "share::encode refuses a map too large for a link, {} steps",
            two.step_count()
        ),
        || share::encode(&two).is_err(),
    );

    // A save that keeps a version (after a minute's rest, or every ten
    // minutes of editing), at 1,000 steps with 20 versions stored; and the
    // History panel's first look at them.
    let (thousand, _) = map_of_size(scale(1000), scale(1000) * 500);
    let label = format!(
        "{} steps, {} KB",
        thousand.step_count(),
        json::to_string(&thousand).len() / 1024
    );
    let edited = |n: usize| {
        let mut m = thousand.clone();
        m.title = format!("Edit {n}");
        m
    };
    let mut raw = None;
    for n in 0..versions::KEEP {
        let text = json::to_string(&edited(n));
        raw = versions::add(raw.as_deref(), n as f64 * 1e6, &text).expect("adds");
    }
    let raw = raw.expect("stored");
    println!(
        "  ({} versions stored in {} K characters)",
        versions::KEEP,
        raw.chars().count() / 1000
    );
    let next = json::to_string(&edited(99));
    let prev = json::to_string(&edited(19));
    b.time(&format!("versions: share::compress_fast, {label}"), || {
        share::compress_fast(next.as_bytes())
    });
    b.time(&format!("versions: share::delta, {label}"), || {
        share::delta(next.as_bytes(), prev.as_bytes())
    });
    let d = share::delta(next.as_bytes(), prev.as_bytes());
    b.time(
        &format!("versions: share::decompress_with (delta), {label}"),
        || share::decompress_with(next.as_bytes(), &d),
    );
    b.time(
        &format!("versions: newest (parse entries), {label}"),
        || versions::newest(&raw),
    );
    b.time(
        &format!("versions::add, the 21st version (one thinned), {label}"),
        || versions::add(Some(&raw), 1e12, &next).expect("adds"),
    );
    let lib = Library::new(MemoryStore::new());
    lib.save(&thousand).expect("saved");
    let mut stamp = thousand.updated;
    b.time(
        &format!("Library::save_checked keeping a version, {label}"),
        || {
            stamp = lib
                .save_checked(&thousand, stamp, stamp + versions::REST)
                .expect("saved");
        },
    );
    b.time(&format!("versions::decode, 20 versions, {label}"), || {
        versions::decode(&raw).expect("reads")
    });
    let list = versions::decode(&raw).expect("reads");
    b.time(
        &format!("versions::describe, 20 summaries, {label}"),
        || {
            let mut l = list.clone();
            versions::describe(&mut l)
        },
    );

    // What the Insights panel reads after every edit while it is open.
    b.time(&format!("insights::read, {label}"), || {
        journeymap::model::insights::read(&thousand)
    });

    // The 12-step template, for scale.
    let small = json::from_str(include_str!("../templates/ecommerce.journey.json")).unwrap();
    b.time(
        "json::to_string + from_str, e-commerce template (12 steps)",
        || json::from_str(&json::to_string(&small)).expect("reads"),
    );
    println!("formats: {} figures", b.rows.len());
}
