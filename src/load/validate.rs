//! Checks across a parsed dataset: ids, references, date order, source texts and every quote.
//!
//! This file runs the checks over a whole load (ids and their repeats, the events shared out
//! between the cores, findings kept to their cap); what each thing is checked for is in the file
//! named for it: [`event`], [`lanes`], [`sources`] and [`quotes`].

use std::collections::hash_map::Entry;

use foldhash::{HashMap, HashMapExt as _, HashSet};
use rayon::prelude::*;

use super::finding::{Anchor, Finding, Findings};
use super::parsed::Parsed;
use super::position::{Positions, locate_paths, member_path};
use super::progress::{Progress, Stage};
use super::source_text::SourceTexts;
use crate::model::{Dataset, QuoteMatches, RelationTargets};

mod event;
mod lanes;
mod quotes;
mod sources;

use event::Loading;
pub(crate) use event::{EventContext, check_event};
pub(crate) use lanes::{check_lane, default_lanes, default_lanes_of};
use quotes::QuotesBySource;
use sources::read_source_texts;
pub(crate) use sources::{check_source, hex, sha256_hex};

/// What validation adds to a dataset: the place of each quote in its source.
pub struct Checked {
    pub dataset: Dataset,
    /// `quotes.of(event)[citation]`, parallel to `dataset.events[event].citations`.
    pub quotes: QuoteMatches,
    /// Every relation's target event, resolved while the relations were checked.
    pub targets: RelationTargets,
}

/// Runs every cross-check, reads the source texts and locates every quote. `text` is the document
/// `parsed` was read from, for places the findings need in their messages.
pub fn validate(
    parsed: Parsed,
    text: &str,
    texts: &dyn SourceTexts,
    progress: &Progress,
    findings: &mut Findings,
) -> Checked {
    let Parsed {
        mut dataset,
        positions,
        event_paths,
        source_paths,
        lane_paths,
        actor_paths,
        broken_event_ids,
    } = parsed;
    let at = |path: &str| positions.value(path);

    let event_path = |n: usize| item_path(&event_paths, "events", n);
    let lane_ids = Ids::of(dataset.lanes.iter().map(|l| l.id.as_str()));
    let actor_ids = Ids::of(dataset.actors.iter().map(|a| a.id.as_str()));
    let places = (&positions, text);
    let lane_path = |n: usize| item_path(&lane_paths, "lanes", n);
    let actor_path = |n: usize| item_path(&actor_paths, "actors", n);
    let source_path = |n: usize| item_path(&source_paths, "sources", n);
    duplicates(&lane_ids.repeated, lane_path, "lane", places, findings);
    duplicates(&actor_ids.repeated, actor_path, "actor", places, findings);
    let source_ids = Ids::of(dataset.sources.iter().map(|s| s.id.as_str()));
    duplicates(
        &source_ids.repeated,
        source_path,
        "source",
        places,
        findings,
    );
    let (lane_first, actor_first) = (lane_ids.first, actor_ids.first);

    let mut found = Vec::new();
    for (lane, path) in dataset.lanes.iter().zip(&lane_paths) {
        check_lane(lane, path, at, &mut found);
        findings.extend(found.drain(..));
    }

    // Sources: read each text (a file named by several sources once), check its hash.
    read_source_texts(&mut dataset.sources, &source_paths, texts, &at, findings);
    for (source, path) in dataset.sources.iter().zip(&source_paths) {
        check_source(source, path, at, &mut found);
        findings.extend(found.drain(..));
    }

    let lanes_declared = !dataset.lanes.is_empty();
    let source_index = Ids::of(dataset.sources.iter().map(|s| s.id.as_str())).first;
    let broken_event_ids: HashSet<&str> = broken_event_ids.iter().map(String::as_str).collect();
    // A million ids hashed on one core while the quotes are found on the other.
    let (event_ids, located) = rayon::join(
        || Ids::of(dataset.events.iter().map(|e| e.id.as_str())),
        || QuotesBySource::locate(&dataset, &source_index, progress),
    );
    duplicates(&event_ids.repeated, event_path, "event", places, findings);
    let event_ids = event_ids.first;
    progress.begin(Stage::Validating, dataset.events.len() as u64);
    // Each event is checked on its own, so the events are shared out between the cores; the
    // results come back in event order.
    let cx = Loading {
        dataset: &dataset,
        lanes_declared,
        lanes: &lane_first,
        actors: &actor_first,
        events: &event_ids,
        broken_event_ids: &broken_event_ids,
        sources: &source_index,
        located: &located,
        event_paths: &event_paths,
        positions: &positions,
    };
    // Events are checked a wave of chunks at a time, and each chunk keeps at most the findings
    // there is still room for: which findings are kept does not depend on which core finished
    // first, and a file with a finding on every relation holds a few waves' worth, not millions.
    let wave_len = CHUNK * (2 * rayon::current_num_threads()).max(4);
    let mut quotes = QuoteMatches::default();
    let mut targets = Vec::new();
    for (w, wave) in dataset.events.chunks(wave_len).enumerate() {
        let room = findings.room();
        let chunks: Vec<ChunkChecked> = wave
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, events)| {
                let (mut new_findings, mut targets) = (Findings::with_room(room), Vec::new());
                let mut quotes = QuoteMatches::default();
                let (mut event_findings, mut event_quotes) = (Vec::new(), Vec::new());
                for (n, event) in (w * wave_len + c * CHUNK..).zip(events) {
                    // A cancelled load's result is thrown away: stop working on it.
                    if progress.is_cancelled() {
                        break;
                    }
                    check_event(
                        &cx,
                        n,
                        event,
                        &mut event_findings,
                        &mut targets,
                        &mut event_quotes,
                    );
                    new_findings.extend(event_findings.drain(..));
                    quotes.push_event(event_quotes.drain(..));
                }
                progress.advance(events.len() as u64);
                (quotes, new_findings, targets)
            })
            .collect();
        for (chunk_quotes, chunk_findings, chunk_targets) in chunks {
            quotes.append(chunk_quotes);
            findings.append(chunk_findings);
            targets.extend(chunk_targets);
        }
    }
    let targets = RelationTargets::from_targets(targets);

    if !lanes_declared {
        dataset.lanes = default_lanes(&dataset);
    }
    Checked {
        dataset,
        quotes,
        targets,
    }
}

/// One chunk's quote checks, findings and relation targets, in event order.
type ChunkChecked = (QuoteMatches, Findings, Vec<Option<u32>>);

/// Events checked together on one core: enough to make sharing them out pay.
const CHUNK: usize = 4096;

/// The index of the first item with each id (later duplicates are reported, not used).
/// Each id's first item, and every later item that repeats an id, found in one pass over the
/// ids (a million events are hashed once, not once to index and again to find repeats).
struct Ids<'a> {
    first: HashMap<&'a str, usize>,
    /// `(id, item, the item that first had it)` for each repeat, in item order.
    repeated: Vec<(&'a str, usize, usize)>,
}

impl<'a> Ids<'a> {
    fn of(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut first = HashMap::with_capacity(ids.size_hint().0);
        let mut repeated = Vec::new();
        for (i, id) in ids.enumerate() {
            match first.entry(id) {
                Entry::Occupied(at) => repeated.push((id, i, *at.get())),
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        Self { first, repeated }
    }
}

/// Reports every id used a second time, naming the line of its first use. `first` maps each id
/// to the index of its first use; `path_of` gives an item's path.
fn duplicates(
    repeated: &[(&str, usize, usize)],
    path_of: impl Fn(usize) -> String,
    what: &str,
    (positions, text): (&Positions, &str),
    findings: &mut Findings,
) {
    if repeated.is_empty() {
        return;
    }
    let first_paths: Vec<String> = repeated.iter().map(|r| path_of(r.2)).collect();
    let first_lines: Vec<usize> = if positions.is_deferred() {
        let requests: Vec<(&str, Anchor)> = first_paths
            .iter()
            .map(|p| (p.as_str(), Anchor::Value))
            .collect();
        locate_paths(text, &requests)
            .iter()
            .map(|p| p.line)
            .collect()
    } else {
        first_paths
            .iter()
            .map(|p| positions.value(p).line)
            .collect()
    };
    for (&(id, i, _), first_line) in repeated.iter().zip(first_lines) {
        let p = member_path(&path_of(i), "id");
        let finding = Finding::error(
            positions.value(&p),
            p,
            format!("duplicate {what} id `{id}` (first defined on line {first_line})"),
        );
        findings.push(if what == "event" {
            finding.in_event(Some(id))
        } else {
            finding
        });
    }
}

/// The path of item `n` of the array `name`: as the parser recorded it (an importer's), or
/// `name[n]` when it recorded none (a native file, where item `n` is `name[n]`).
fn item_path(paths: &[String], name: &str, n: usize) -> String {
    paths
        .get(n)
        .cloned()
        .unwrap_or_else(|| super::position::element_path(name, n))
}
