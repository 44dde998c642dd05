//! Seeded mutation and property tests: the stable, every-run companion of the coverage-guided
//! fuzzing in `fuzz/` (which needs nightly Rust). Bounded so CI stays fast: every loader (native JSON, both
//! `TimelineJS` JSON forms, both CSV forms) sees 2,000 seeded mutations of each real file, date
//! parsing and the SVG exporter see random text. No input may panic or take more than 2 s.
//!
//! `CLAIMLINE_MUTATIONS=N` runs N mutations per file instead of 2,000 (and a new seed with
//! `CLAIMLINE_MUTATION_SEED`), for a longer hunt by hand. An input that ever finds a bug is kept
//! below as a regression case.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use claimline::document::Document;
use claimline::export::{ExportOptions, render_svg};
use claimline::load::{Embedded, Origin, load_bytes};
use claimline::model::Date;
use claimline::timeline::TimeView;

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments that reach the loaders' corners: structure, escapes, huge and odd numbers, dates,
/// HTML, controls, invisible and bidi characters, CSV quoting.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\",
    "\\u0000",
    "\\ud800",
    "null",
    "true",
    "-1",
    "1e999",
    "99999999999999999999",
    "0.5",
    "\"\"",
    "{}",
    "[]",
    "\n",
    "\r\n",
    "<a",
    "<b>",
    "</p>",
    "<!--",
    "&#xFFFF;",
    "&amp;",
    "\u{202E}",
    "\u{200B}",
    "\u{FFFF}",
    "\u{1b}[2J",
    "2020-02-30",
    "0000-00-00",
    "-9999",
    "2020-13",
    "BC",
    "\"\"\"",
    ",,,,",
    "\"year\":",
    "\"date\":",
    "\"events\":",
    "\"relations\":",
    "\"text_file\":\"../x\"",
    "javascript:",
    "é",
    "🦀",
];

fn mutate(base: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for _ in 0..=rng.below(4) {
        let len = bytes.len().max(1);
        let at = rng.below(len).min(bytes.len());
        match rng.below(7) {
            0 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(256)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            3 | 4 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            5 => bytes.truncate(at),
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let end = (at + token.len()).min(bytes.len());
                bytes.splice(at..end, token.iter().copied());
            }
        }
    }
    bytes
}

fn count() -> usize {
    std::env::var("CLAIMLINE_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

fn seed() -> u64 {
    std::env::var("CLAIMLINE_MUTATION_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5EED_CAFE)
}

/// Loads `count()` mutations of `base`; each must finish (no panic) within 2 s, and a mutation
/// that leaves nothing to open must say why: no dataset comes back without an error naming what
/// is wrong (else `check` would pass a file the window cannot open).
fn survive_mutations(name: &str, base: &[u8], texts: &Embedded) {
    let mut rng = Rng(seed() ^ name.len() as u64 ^ (base.len() as u64) << 20);
    let mut slowest = Duration::ZERO;
    for i in 0..count() {
        let input = mutate(base, &mut rng);
        let start = Instant::now();
        let outcome = load_bytes(&input, Origin::Embedded, texts);
        let took = start.elapsed();
        slowest = slowest.max(took);
        assert!(
            outcome.checked.is_some() || outcome.report.has_errors(),
            "{name} mutation {i} opens nothing and reports no error: {}",
            String::from_utf8_lossy(&input)
        );
        let unnamed = outcome
            .report
            .findings
            .iter()
            .find(|f| f.message.is_empty());
        assert!(
            unnamed.is_none(),
            "{name} mutation {i}: a finding without a message at {unnamed:?}"
        );
        assert!(
            took < Duration::from_secs(2),
            "{name} mutation {i} took {took:?}: {}",
            String::from_utf8_lossy(&input)
        );
    }
    eprintln!("{name}: {} mutations, slowest {slowest:?}", count());
}

#[test]
fn the_seed_dataset_survives_its_mutations() {
    survive_mutations(
        "claims.json",
        claimline::seed::CLAIMS_JSON.as_bytes(),
        &Embedded(claimline::seed::SOURCES),
    );
}

#[test]
fn every_timelinejs_fixture_survives_its_mutations() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timelinejs");
    let mut names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "csv"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        survive_mutations(&path.display().to_string(), &bytes, &Embedded(&[]));
    }
}

#[test]
fn our_csv_survives_its_mutations() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/claims.csv");
    survive_mutations("claims.csv", &std::fs::read(path).unwrap(), &Embedded(&[]));
}

fn random_text(rng: &mut Rng, max: usize) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(max) {
        match rng.below(4) {
            0 => text.push_str(TOKENS[rng.below(TOKENS.len())]),
            1 => text.push(char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{FFFE}')),
            2 => text.push(char::from(rng.below(0x80) as u8)),
            _ => text.push(['\u{FFFF}', '\u{FFFE}', '\u{202E}', '<', '&', '"', '\''][rng.below(7)]),
        }
    }
    text
}

#[test]
fn date_parsing_never_panics_on_random_text() {
    let mut rng = Rng(seed());
    let pieces = [
        "2020", "-", "02", "29", "1e3", "~", "/", "T", "Z", "+", " ", "年", "0",
    ];
    for _ in 0..count() * 10 {
        let mut text = String::new();
        for _ in 0..rng.below(8) {
            if rng.below(3) == 0 {
                text.push_str(&random_text(&mut rng, 2));
            } else {
                text.push_str(pieces[rng.below(pieces.len())]);
            }
        }
        if let Ok(date) = Date::parse(&text) {
            // Whatever parses is shown without panicking, and saves as the same date.
            let _ = date.to_string();
            let saved = serde_json::to_string(&date).unwrap();
            let read: Date = serde_json::from_str(&saved)
                .unwrap_or_else(|e| panic!("{text:?} saved as {saved}: {e}"));
            assert_eq!(read, date, "{text:?}");
        }
    }
}

#[test]
fn any_titles_give_well_formed_svg() {
    let mut rng = Rng(seed());
    let doc = Document::from_outcome(claimline::load::load_embedded()).unwrap();
    for i in 0..50 {
        let mut dataset = doc.dataset.clone();
        dataset.title = random_text(&mut rng, 40);
        for event in dataset.events.iter_mut().map(std::sync::Arc::make_mut) {
            event.title = random_text(&mut rng, 20);
        }
        for lane in &mut dataset.lanes {
            lane.label = random_text(&mut rng, 10);
        }
        let options = ExportOptions {
            width_px: 1280,
            height_px: 720,
            scale: 1.0,
            view: TimeView::fit(doc.limits),
            dark: i % 2 == 0,
            title: Some(random_text(&mut rng, 30)),
            footer: Some(random_text(&mut rng, 30)),
            selected: Some(rng.below(dataset.events.len())),
            callouts: claimline::timeline::CalloutMode::Auto,
            shown: None,
            ..Default::default()
        };
        let svg = render_svg(&dataset, &doc.index, &options);
        if let Err(error) = roxmltree::Document::parse(&svg) {
            panic!("not well-formed ({error}) with titles {:?}", dataset.title);
        }
    }
}
