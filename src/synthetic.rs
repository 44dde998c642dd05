//! Seeded synthetic datasets, to see how Claimline behaves with a million events before a user's
//! file does: `claimline generate`, the benchmarks and the scale tests all use this.
//!
//! The same seed always gives the same file. Events cover every kind, day/month/year precision,
//! ranges, uncertain bounds, relations and (optionally) citations.

use crate::model::{
    Citation, Dataset, Date, Event, EventKind, FORMAT, Lane, Quote, Relation, RelationKind, Source,
};

/// What the events cite.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Citations {
    /// No citations at all.
    #[default]
    None,
    /// One citation each, quoting one of 1,000 sentences that each occur once: all verified.
    Unique,
    /// One citation each, quoting one of 4 sentences that each occur 4 times in the source: every
    /// quote is verified but ambiguous, so every event has a warning.
    Repeated,
}

/// A reproducible stream of numbers (xorshift), so the generator needs no dependency.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

const LANES: usize = 6;
const UNIQUE_SENTENCES: usize = 1000;

/// `count` events in six lanes from 1900 to 2024, the same for the same `seed`.
pub fn dataset(count: usize, seed: u64, citations: Citations) -> Dataset {
    let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let lanes = (0..LANES)
        .map(|i| Lane {
            id: format!("l{i}"),
            label: format!("Lane {i}"),
            color: None,
        })
        .collect();
    let sources = match citations {
        Citations::None => Vec::new(),
        Citations::Unique => vec![source((0..UNIQUE_SENTENCES).fold(
            String::new(),
            |mut text, i| {
                use std::fmt::Write as _;
                let _ = write!(text, "Statement {i} was made on the record. ");
                text
            },
        ))],
        Citations::Repeated => vec![source(
            "Nothing to add. We never interfered. It is groundless. No comment. ".repeat(4),
        )],
    };
    let events = (0..count)
        .filter_map(|i| {
            let (y, m, d) = (
                1900 + dice.below(125),
                1 + dice.below(12),
                1 + dice.below(28),
            );
            let written = match dice.below(10) {
                0 => format!("{y}"),
                1 => format!("{y}-{m:02}"),
                _ => format!("{y}-{m:02}-{d:02}"),
            };
            let date = Date::parse(&written).ok()?;
            let end = (dice.below(20) == 0)
                .then(|| Date::parse(&format!("{}", y + 1 + dice.below(3))).ok())
                .flatten();
            let latest = (end.is_none() && dice.below(30) == 0)
                .then(|| Date::parse(&format!("{}", y + 1)).ok())
                .flatten();
            let relations = if i > 0 && dice.below(4) == 0 {
                let target = dice.below(i as u64);
                vec![Relation {
                    kind: match target % 4 {
                        0 => RelationKind::RespondsTo,
                        1 => RelationKind::Contradicts,
                        2 => RelationKind::Denies,
                        _ => RelationKind::Follows,
                    },
                    target: format!("e{target}").into(),
                    note: None,
                }]
            } else {
                Vec::new()
            };
            let citations = match citations {
                Citations::None => Vec::new(),
                Citations::Unique => vec![cite(format!(
                    "Statement {} was made on the record.",
                    i % UNIQUE_SENTENCES
                ))],
                Citations::Repeated => {
                    let sentences = [
                        "Nothing to add.",
                        "We never interfered.",
                        "It is groundless.",
                        "No comment.",
                    ];
                    let sentence = sentences.get(i % sentences.len()).copied();
                    vec![cite(sentence.unwrap_or_default().to_owned())]
                }
            };
            Some(Event {
                id: format!("e{i}"),
                kind: EventKind::ALL
                    .get(i % EventKind::ALL.len())
                    .copied()
                    .unwrap_or(EventKind::Statement),
                lane: format!("l{}", i % LANES).into(),
                date,
                end,
                ongoing_as_of: None,
                earliest: None,
                latest,
                date_basis: None,
                title: format!("Synthetic event number {i}"),
                summary: None,
                actors: Vec::new(),
                tags: Vec::new(),
                citations,
                relations,
            })
        })
        .map(std::sync::Arc::new)
        .collect();
    Dataset {
        format: FORMAT.to_owned(),
        title: format!("Synthetic, {count} events (seed {seed})"),
        description: String::new(),
        lanes,
        actors: Vec::new(),
        sources,
        events,
        kept: crate::model::Kept::default(),
    }
}

fn source(text: String) -> Source {
    Source {
        id: "s0".to_owned(),
        title: "A synthetic transcript".to_owned(),
        outlet: None,
        published: None,
        url: None,
        note: None,
        text: Some(text),
        text_file: None,
        sha256: None,
    }
}

fn cite(exact: String) -> Citation {
    Citation {
        source: "s0".into(),
        quote: Quote {
            exact,
            prefix: None,
            suffix: None,
        },
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_events() {
        let a = serde_json::to_string(&dataset(500, 7, Citations::Unique)).unwrap();
        let b = serde_json::to_string(&dataset(500, 7, Citations::Unique)).unwrap();
        let c = serde_json::to_string(&dataset(500, 8, Citations::Unique)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn generated_files_check_as_promised() {
        for (citations, warnings) in [
            (Citations::None, 0),
            (Citations::Unique, 0),
            (Citations::Repeated, 300),
        ] {
            let json = serde_json::to_vec(&dataset(300, 1, citations)).unwrap();
            let outcome = crate::load::load_bytes(
                &json,
                crate::load::Origin::Embedded,
                &crate::load::Embedded(&[]),
            );
            assert_eq!(outcome.report.error_count(), 0, "{citations:?}");
            assert_eq!(outcome.report.warning_count(), warnings, "{citations:?}");
            assert_eq!(outcome.report.events, 300);
        }
    }
}
