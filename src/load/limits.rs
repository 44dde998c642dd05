//! Every limit a file from a stranger meets, in one place, each with why it has its value.
//!
//! A dataset is untrusted input. No file, however made, may ask Claimline for unbounded memory or
//! time: each limit below is named in the message of the error that enforces it, so a user who
//! meets one knows what was refused and why.

/// The largest dataset file read: 1 GiB. The largest real datasets (a million events with their
/// citations) are a few hundred MiB; past this a file is a mistake or an attack, and reading it
/// would take the machine's memory with it.
pub const MAX_DATASET_BYTES: u64 = 1 << 30;

/// The largest source text read: 64 MiB. A source is an article, a report or a transcript; the
/// Mueller report as plain text is under 2 MiB.
pub const MAX_SOURCE_TEXT_BYTES: u64 = 64 << 20;

/// The most source text one dataset may hold, every text and every copy together: 256 MiB, four
/// times the largest single text. A text file named by several sources is read once and copied.
pub const MAX_SOURCE_TEXTS_BYTES: u64 = 256 << 20;

pub use super::finding::MAX_FINDINGS;

/// The most events in one dataset: 2 million, twice the largest dataset the timeline is benchmarked
/// with, so every real file fits while a file of empty events cannot ask for a larger index.
pub const MAX_EVENTS: usize = 2_000_000;

/// The longest single string (a title, a quote, a summary): 8 MiB. Source texts are read from their
/// own files; no string inside a dataset needs to be longer than a long article.
pub const MAX_STRING_BYTES: usize = 8 << 20;

/// The deepest JSON nesting: 64 levels. The native format nests five deep and `TimelineJS` six; the
/// JSON parser itself stops at 128, and a tree walk should never come near a stack's end.
pub const MAX_JSON_DEPTH: usize = 64;

/// The most cells in one CSV row: 1,000. The `TimelineJS` sheet has 18 columns and ours fewer; a row
/// wider than this is not a table of events.
pub const MAX_CSV_ROW_CELLS: usize = 1_000;

/// The most lanes: 1,000. Each lane is a row of the timeline; past a few hundred they are thinner
/// than a pixel, and laying out 100,000 of them took 11 s.
pub const MAX_LANES: usize = 1_000;

/// The most items in one list inside an event (relations, citations, actors, tags): 10,000. One event
/// with 10 million relations grew past 9.7 GB; no real event relates to more than a few dozen.
pub const MAX_ITEMS_PER_EVENT: usize = 10_000;

/// The most pixels an export may draw: width × height × scale², 100 megapixels (a 3× export of a
/// 4K frame is 75 MP). Checked before anything is allocated; an RGBA pixel is 4 bytes.
pub const MAX_EXPORT_PIXELS: f64 = 100_000_000.0;

// How much of a text is drawn or shown is the model's to say (the window and exports draw it).
pub use crate::model::visible_text::{MAX_DRAWN_CHARS, MAX_SHOWN_TEXT_CHARS};

use super::finding::{Finding, Findings, Place};
use super::parsed::Parsed;

/// Checks what was parsed against [`MAX_EVENTS`], [`MAX_LANES`] and [`MAX_ITEMS_PER_EVENT`];
/// returns whether it is over a limit (and must not be validated or drawn).
/// `place` is where the findings go: [`Place::UNRESOLVED`] for JSON, whose paths are located
/// afterwards, the start of the file for CSV.
pub fn check_counts(parsed: &Parsed, place: Place, findings: &mut Findings) -> bool {
    let dataset = &parsed.dataset;
    if dataset.events.len() > MAX_EVENTS {
        findings.push(Finding::error(
            place,
            "events",
            format!(
                "{} events are more than the limit of {MAX_EVENTS} (MAX_EVENTS)",
                dataset.events.len()
            ),
        ));
        return true;
    }
    if dataset.lanes.len() > MAX_LANES {
        findings.push(Finding::error(
            place,
            "lanes",
            format!(
                "{} lanes are more than the limit of {MAX_LANES} (MAX_LANES)",
                dataset.lanes.len()
            ),
        ));
        return true;
    }
    // A lane no `lanes` entry declares is still a row of the timeline: declared and undeclared
    // lanes count together. 100,000 lanes named only by events took 30 s and then a GPU buffer
    // larger than any card allows.
    let mut lanes: foldhash::HashSet<&str> = dataset.lanes.iter().map(|l| l.id.as_str()).collect();
    for (i, event) in dataset.events.iter().enumerate() {
        if lanes.insert(dataset.lane_id(event)) && lanes.len() > MAX_LANES {
            let path = parsed
                .event_paths
                .get(i)
                .cloned()
                .unwrap_or_else(|| super::position::element_path("events", i));
            let path = super::position::member_path(&path, "lane");
            findings.push(
                Finding::error(
                    parsed.positions.value(&path),
                    path,
                    format!(
                        "this event's lane is lane {} of the file, more than the limit of \
                         {MAX_LANES} (MAX_LANES): {} declared in `lanes`, the rest named only by \
                         events; each lane is a row of the timeline",
                        lanes.len(),
                        dataset.lanes.len()
                    ),
                )
                .in_event(Some(&event.id)),
            );
            return true;
        }
    }
    for (i, event) in dataset.events.iter().enumerate() {
        // A native file that decoded whole records no paths: event `i` is `events[i]`.
        let path = || {
            parsed
                .event_paths
                .get(i)
                .cloned()
                .unwrap_or_else(|| super::position::element_path("events", i))
        };
        let lists = [
            ("relations", event.relations.len()),
            ("citations", event.citations.len()),
            ("actors", event.actors.len()),
            ("tags", event.tags.len()),
        ];
        for (field, len) in lists {
            if len > MAX_ITEMS_PER_EVENT {
                findings.push(
                    Finding::error(
                        place,
                        format!("{}.{field}", path()),
                        format!(
                            "{len} {field} are more than the limit of {MAX_ITEMS_PER_EVENT} for \
                             one event (MAX_ITEMS_PER_EVENT)"
                        ),
                    )
                    .in_event(Some(&event.id)),
                );
                return true;
            }
        }
    }
    false
}

/// A finding at byte `offset` of `text`.
pub(super) fn over(text: &str, offset: usize, message: String) -> Finding {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    let line = before.matches('\n').count() + 1;
    Finding::error(Place { line, column }, "", message)
}

/// Messages quote a value from a file through the one truncation place.
pub use crate::model::visible_text::{MAX_QUOTED_CHARS, quoted};
