//! Checks across a parsed dataset: ids, references, date order, source texts and every quote.

use std::collections::hash_map::Entry;

use foldhash::{HashMap, HashMapExt as _, HashSet};
use rayon::prelude::*;

use sha2::{Digest as _, Sha256};

use super::finding::{Anchor, Finding, Findings, Place};
use super::limits::MAX_SOURCE_TEXTS_BYTES;
use super::parsed::Parsed;
use super::position::{Positions, locate_paths, member_path};
use super::progress::{Progress, Stage};
use super::source_text::SourceTexts;
use crate::model::{
    Dataset, Date, Event, EventKind, Lane, Quote, QuoteMatch, QuoteMatches, RelationTargets,
    Source, locate_quotes_until,
};

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

/// Checks a lane on its own (its colour), for a load and for an edit.
pub(crate) fn check_lane(
    lane: &Lane,
    path: &str,
    at: impl Fn(&str) -> Place,
    findings: &mut Vec<Finding>,
) {
    if let Some(color) = &lane.color
        && crate::model::color::parse_hex_color(color).is_none()
    {
        let p = member_path(path, "color");
        findings.push(Finding::warning(
            at(&p),
            p,
            format!("lane colour `{color}` is not #RRGGBB; a default is used"),
        ));
    }
}

/// Checks a source once its text is read: its URL and its text's hash, for a load and for an edit.
pub(crate) fn check_source(
    source: &Source,
    path: &str,
    at: impl Fn(&str) -> Place,
    findings: &mut Vec<Finding>,
) {
    let field = |base: &str, name: &str| member_path(base, name);
    // Only http(s) is a link; anything else is shown as text, and said so here.
    if let Some(url) = source.url.as_deref().filter(|u| !u.is_empty())
        && !crate::model::link::is_web_link(url)
    {
        let p = field(path, "url");
        findings.push(Finding::warning(
            at(&p),
            p,
            format!(
                "url `{url}` of source `{}` is not an http(s) link; it is shown as text and \
                 never opened",
                source.id
            ),
        ));
    }
    if let (Some(expected), Some(text)) = (&source.sha256, &source.text) {
        let actual = hex(&Sha256::digest(text.as_bytes()));
        if !expected.eq_ignore_ascii_case(&actual) {
            let p = field(path, "sha256");
            findings.push(Finding::error(
                at(&p),
                p,
                format!("sha256 mismatch for source `{}`: the text hashes to {actual}, the dataset says {expected}", source.id),
            ));
        }
    }
}

/// What checking one event needs from the rest of the dataset: which ids exist, where each of its
/// quotes was found, and where a path is in the file. A load answers from its tables of every id;
/// an edit ([`crate::edit`]) from the open document's index, for the few events it touched.
pub(crate) trait EventContext {
    fn dataset(&self) -> &Dataset;
    /// Whether lanes are checked at all: a file that declares none is drawn in lanes the loader
    /// makes from the events.
    fn lanes_declared(&self) -> bool;
    fn is_lane(&self, id: &str) -> bool;
    fn is_actor(&self, id: &str) -> bool;
    /// The event a relation to `id` resolves to: the first with that id.
    fn event_index(&self, id: &str) -> Option<usize>;
    /// An id the file gave an event that could not be read (its relations are not reported again).
    fn is_broken_event(&self, id: &str) -> bool;
    fn source(&self, id: &str) -> Option<&Source>;
    /// Where citation `citation` of event `event` was found in its source.
    fn quote(&self, event: usize, citation: usize) -> QuoteMatch;
    /// The path of event `event` (`events[12]`, or an importer's own).
    fn event_path(&self, event: usize) -> String;
    fn place(&self, path: &str) -> Place;
}

/// Checks event `n` on its own: its title, lane, dates, actors, relations and quotes. Findings go
/// to `findings`, each relation's target to `targets` and each citation's match to `event_quotes`.
pub(crate) fn check_event(
    cx: &impl EventContext,
    n: usize,
    event: &Event,
    findings: &mut Vec<Finding>,
    targets: &mut Vec<Option<u32>>,
    event_quotes: &mut Vec<QuoteMatch>,
) {
    let field = |base: &str, name: &str| member_path(base, name);
    // Built only for a finding: a million clean events need no path strings.
    let path = || cx.event_path(n);
    let id = Some(event.id.as_str());
    let mut push = |finding: Finding| findings.push(finding.in_event(id));

    if event.title.trim().is_empty() {
        let p = field(&path(), "title");
        push(Finding::error(cx.place(&p), p, "title is empty"));
    } else if crate::model::visible_text::is_invisible(&event.title) {
        // Zero-width and other invisible characters show nothing, like spaces.
        let p = field(&path(), "title");
        push(Finding::error(
            cx.place(&p),
            p,
            "title is empty: it has only invisible characters (zero-width spaces or the like)",
        ));
    }
    // Leaving `date_basis` out is allowed; giving it and saying nothing is not what anyone meant
    // (an edit that cleared the field).
    if event
        .date_basis
        .as_deref()
        .is_some_and(crate::model::visible_text::is_invisible)
    {
        let p = field(&path(), "date_basis");
        push(Finding::warning(
            cx.place(&p),
            p,
            "date_basis is empty: say how the date is known (\"'said Monday' in an article of 9 Nov 2020\")",
        ));
    }
    if cx.lanes_declared() {
        let lane = cx.dataset().lane_id(event);
        if !cx.is_lane(lane) {
            let p = field(&path(), "lane");
            let message = if event.lane.is_empty() {
                format!("event has no `lane` and there is no lane `{lane}` named after its kind")
            } else {
                format!("unknown lane `{lane}`")
            };
            push(Finding::error(cx.place(&p), p, message));
        }
    }
    if let Some(end) = event.end
        && before(end, event.date)
    {
        let p = field(&path(), "end");
        push(Finding::error(
            cx.place(&p),
            p,
            format!(
                "range ends ({}) before it starts ({})",
                end.iso(),
                event.date.iso()
            ),
        ));
    }
    if let Some(attested) = event.ongoing_as_of {
        // Still going as of a date: not before it starts, and not alongside a known end.
        let p = field(&path(), "ongoing_as_of");
        if before(attested, event.date) {
            push(Finding::error(
                cx.place(&p),
                p,
                format!(
                    "still going as of {}, which is before it starts ({})",
                    attested.iso(),
                    event.date.iso()
                ),
            ));
        } else if event.end.is_some() {
            push(Finding::error(
                cx.place(&p),
                p,
                "give `end` (it ended then) or `ongoing_as_of` (still going then, end unknown), not both",
            ));
        }
    }
    if let (Some(earliest), Some(latest)) = (event.earliest, event.latest)
        && before(latest, earliest)
    {
        let p = field(&path(), "earliest");
        push(Finding::error(
            cx.place(&p),
            p,
            format!(
                "earliest ({}) is after latest ({})",
                earliest.iso(),
                latest.iso()
            ),
        ));
    }
    for (i, actor) in event.actors.iter().enumerate() {
        if !cx.is_actor(actor) {
            let p = format!("{}.actors[{i}]", path());
            push(Finding::error(
                cx.place(&p),
                p,
                format!("unknown actor `{actor}`"),
            ));
        }
    }
    for (i, relation) in event.relations.iter().enumerate() {
        let p = || format!("{}.relations[{i}].target", path());
        let target = cx.event_index(&relation.target);
        targets.push(target.map(|t| t as u32));
        if relation.target == event.id {
            let p = p();
            push(Finding::warning(
                cx.place(&p),
                p,
                "relation points at its own event",
            ));
        } else if target.is_none() && !cx.is_broken_event(&relation.target) {
            let p = p();
            push(Finding::error(
                cx.place(&p),
                p,
                format!("relation target `{}` is not an event id", relation.target),
            ));
        }
    }
    for (i, citation) in event.citations.iter().enumerate() {
        let base = || format!("{}.citations[{i}]", path());
        let Some(source) = cx.source(&citation.source) else {
            let p = field(&base(), "source");
            push(Finding::error(
                cx.place(&p),
                p,
                format!("citation source `{}` is not a source id", citation.source),
            ));
            event_quotes.push(QuoteMatch::NotFound);
            continue;
        };
        if source.text.is_none() {
            // A `text_file` that could not be read has its own finding already. A source with
            // no text at all cannot verify words; a citation quoting none is a bare reference
            // (an imported media link) and claims nothing to verify.
            if source.text_file.is_none() && !citation.quote.exact.is_empty() {
                let exact = format!("{}.quote.exact", base());
                push(Finding::warning(
                    cx.place(&exact),
                    exact,
                    format!(
                        "quote “{}” cannot be verified: source `{}` has no text",
                        preview(&citation.quote.exact),
                        source.id
                    ),
                ));
            }
            event_quotes.push(QuoteMatch::NotFound);
            continue;
        }
        let found = cx.quote(n, i);
        let exact = || format!("{}.quote.exact", base());
        let preview = || preview(&citation.quote.exact);
        match found {
            QuoteMatch::Found { .. } => {}
            QuoteMatch::Ambiguous { count, .. } => push(Finding::warning(
                cx.place(&exact()),
                exact(),
                format!(
                    "quote “{}” occurs {count} times in source `{}`; add a `prefix` or `suffix` to pick one",
                    preview(),
                    source.id
                ),
            )),
            QuoteMatch::ContextMismatch { occurrences } => {
                let p = if citation.quote.prefix.is_some() {
                    format!("{}.quote.prefix", base())
                } else {
                    format!("{}.quote.suffix", base())
                };
                push(Finding::error(
                    cx.place(&p),
                    p,
                    format!(
                        "quote “{}” occurs {occurrences} time(s) in source `{}`, but never with this prefix/suffix",
                        preview(),
                        source.id
                    ),
                ));
            }
            QuoteMatch::NotFound if citation.quote.exact.is_empty() => {
                let exact = exact();
                push(Finding::error(cx.place(&exact), exact, "quote is empty"));
            }
            QuoteMatch::NotFound => {
                let exact = exact();
                push(Finding::error(
                    cx.place(&exact),
                    exact,
                    format!(
                        "quote not found verbatim in source `{}`: “{}”",
                        source.id,
                        preview()
                    ),
                ));
            }
        }
        event_quotes.push(found);
    }
}

/// A load's answers to [`EventContext`]: tables of every id, built once for all events.
struct Loading<'a> {
    dataset: &'a Dataset,
    lanes_declared: bool,
    lanes: &'a HashMap<&'a str, usize>,
    actors: &'a HashMap<&'a str, usize>,
    events: &'a HashMap<&'a str, usize>,
    broken_event_ids: &'a HashSet<&'a str>,
    sources: &'a HashMap<&'a str, usize>,
    located: &'a QuotesBySource,
    event_paths: &'a [String],
    positions: &'a Positions,
}

impl EventContext for Loading<'_> {
    fn dataset(&self) -> &Dataset {
        self.dataset
    }
    fn lanes_declared(&self) -> bool {
        self.lanes_declared
    }
    fn is_lane(&self, id: &str) -> bool {
        self.lanes.contains_key(id)
    }
    fn is_actor(&self, id: &str) -> bool {
        self.actors.contains_key(id)
    }
    fn event_index(&self, id: &str) -> Option<usize> {
        self.events.get(id).copied()
    }
    fn is_broken_event(&self, id: &str) -> bool {
        self.broken_event_ids.contains(id)
    }
    fn source(&self, id: &str) -> Option<&Source> {
        self.sources
            .get(id)
            .and_then(|&i| self.dataset.sources.get(i))
    }
    fn quote(&self, event: usize, citation: usize) -> QuoteMatch {
        self.located.found(event, citation)
    }
    fn event_path(&self, event: usize) -> String {
        item_path(self.event_paths, "events", event)
    }
    fn place(&self, path: &str) -> Place {
        self.positions.value(path)
    }
}

/// Fills each source's `text` from its `text_file`. A file named by several sources is read once
/// and copied, and every text held (copies included) counts against
/// [`MAX_SOURCE_TEXTS_BYTES`]: a 6 KB file whose 100 sources all named one 50 MB text read it 100
/// times and aborted on a failed allocation.
fn read_source_texts(
    sources: &mut [crate::model::Source],
    source_paths: &[String],
    texts: &dyn SourceTexts,
    at: &dyn Fn(&str) -> super::finding::Place,
    findings: &mut Findings,
) {
    // The file each source takes its text from, as a clean relative path, so `a.txt` and
    // `./a.txt` are one file.
    let key = |file: &str| {
        super::source_text::confined_relative_path(file)
            .map_or_else(|_| file.to_owned(), |p| p.to_string_lossy().into_owned())
    };
    // The first source that took each file's text, or the message of why it could not be read.
    let mut done: HashMap<String, Result<usize, String>> = HashMap::new();
    let mut held: u64 = 0;
    for i in 0..sources.len() {
        let path = item_path(source_paths, "sources", i);
        let p = member_path(&path, "text_file");
        let Some(source) = sources.get(i) else { break };
        let file = match (&source.text, &source.text_file) {
            (Some(_), Some(_)) => {
                findings.push(Finding::error(
                    at(&p),
                    p,
                    "give `text` or `text_file`, not both",
                ));
                continue;
            }
            (None, Some(file)) => file.clone(),
            // A source without text is fine on its own (a TimelineJS media link is one by
            // design); each quote that cites it is reported instead.
            (_, None) => continue,
        };
        let key = key(&file);
        let text = match done.get(&key) {
            Some(Err(message)) => {
                findings.push(Finding::error(at(&p), p, message.clone()));
                continue;
            }
            Some(Ok(first)) => {
                let Some(text) = sources.get(*first).and_then(|s| s.text.as_ref()) else {
                    continue;
                };
                if held + text.len() as u64 > MAX_SOURCE_TEXTS_BYTES {
                    findings.push(over_texts(at(&p), p, &file, text.len(), held));
                    continue;
                }
                text.clone()
            }
            None if held >= MAX_SOURCE_TEXTS_BYTES => {
                findings.push(over_texts(at(&p), p, &file, 0, held));
                continue;
            }
            None => match texts.read(&file) {
                Ok(text) if held + text.len() as u64 > MAX_SOURCE_TEXTS_BYTES => {
                    findings.push(over_texts(at(&p), p, &file, text.len(), held));
                    continue;
                }
                Ok(text) => {
                    done.insert(key, Ok(i));
                    text
                }
                Err(error) => {
                    let message = error.to_string();
                    done.insert(key, Err(message.clone()));
                    findings.push(Finding::error(at(&p), p, message));
                    continue;
                }
            },
        };
        held += text.len() as u64;
        if let Some(source) = sources.get_mut(i) {
            source.text = Some(text);
        }
    }
}

/// The finding for a source text past [`MAX_SOURCE_TEXTS_BYTES`].
fn over_texts(
    place: super::finding::Place,
    path: String,
    file: &str,
    len: usize,
    held: u64,
) -> Finding {
    let size = if len == 0 {
        String::new()
    } else {
        format!(" ({len} bytes)")
    };
    Finding::error(
        place,
        path,
        format!(
            "text_file `{}`{size} is not read: the source texts before it hold {held} bytes, \
             and one dataset's texts may hold at most {MAX_SOURCE_TEXTS_BYTES} bytes \
             (MAX_SOURCE_TEXTS_BYTES), a file named by several sources counting once for each",
            super::limits::quoted(file)
        ),
    )
}

/// One chunk's quote checks, findings and relation targets, in event order.
type ChunkChecked = (QuoteMatches, Findings, Vec<Option<u32>>);

/// Events checked together on one core: enough to make sharing them out pay.
const CHUNK: usize = 4096;

/// Every quote located once per source: citations of the same words in the same source share one
/// search, and all of a source's quotes are found in one pass over its text.
struct QuotesBySource {
    /// `matches[source][slot]`: the match of each distinct quote of each source.
    matches: Vec<Vec<QuoteMatch>>,
    /// `(source, slot)` of every citation, in event and citation order; `None` where the
    /// citation's source is unknown or has no text.
    located: Vec<Option<(u32, u32)>>,
    /// Where each event's citations start in `located` (one more entry than events).
    citation_start: Vec<usize>,
}

impl QuotesBySource {
    fn locate(dataset: &Dataset, source_index: &HashMap<&str, usize>, progress: &Progress) -> Self {
        let mut distinct: Vec<(Vec<&Quote>, HashMap<&Quote, usize>)> =
            dataset.sources.iter().map(|_| Default::default()).collect();
        let mut citation_start = Vec::with_capacity(dataset.events.len() + 1);
        let mut located = Vec::new();
        for event in &dataset.events {
            citation_start.push(located.len());
            for citation in &event.citations {
                let source = source_index
                    .get(citation.source.as_str())
                    .copied()
                    .filter(|&s| dataset.sources.get(s).is_some_and(|s| s.text.is_some()));
                let slot = source.and_then(|source| {
                    let (quotes, slots) = distinct.get_mut(source)?;
                    let slot = *slots.entry(&citation.quote).or_insert_with(|| {
                        quotes.push(&citation.quote);
                        quotes.len() - 1
                    });
                    Some((source as u32, slot as u32))
                });
                located.push(slot);
            }
        }
        citation_start.push(located.len());
        let matches = dataset
            .sources
            .iter()
            .zip(&distinct)
            .map(|(source, (quotes, _))| match &source.text {
                Some(text) if !quotes.is_empty() => {
                    locate_quotes_until(text, quotes, &|| progress.is_cancelled())
                }
                _ => Vec::new(),
            })
            .collect();
        Self {
            matches,
            located,
            citation_start,
        }
    }

    /// The match of citation `citation` of event `event`.
    fn found(&self, event: usize, citation: usize) -> QuoteMatch {
        self.citation_start
            .get(event)
            .and_then(|&start| *self.located.get(start + citation)?)
            .and_then(|(source, slot)| {
                let matches = self.matches.get(source as usize)?;
                matches.get(slot as usize).copied()
            })
            .unwrap_or(QuoteMatch::NotFound)
    }
}

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

/// True when `a` lies wholly before `b` (a range ending in 2019 before one starting in 2020).
fn before(a: Date, b: Date) -> bool {
    a.start_days() < b.start_days() && a.end_days() <= b.start_days()
}

/// One lane per kind in use, in the canonical kind order, then any other lane the events name.
pub(crate) fn default_lanes(dataset: &Dataset) -> Vec<Lane> {
    default_lanes_of(|| dataset.events.iter())
}

/// [`default_lanes`] of events in any order (a save writes them sorted, and leaves the lanes out
/// only when a load of what it wrote would make the same ones).
pub(crate) fn default_lanes_of<'a, I: Iterator<Item = &'a Event>>(
    events: impl Fn() -> I,
) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = EventKind::ALL
        .iter()
        .filter(|k| events().any(|e| e.lane.is_empty() && e.kind == **k))
        .map(|k| Lane {
            id: k.id().to_owned(),
            label: k.label().to_owned(),
            color: None,
        })
        .collect();
    // A set, not a scan of the lanes per event: a million events in a thousand lanes.
    let mut seen: HashSet<String> = lanes.iter().map(|l| l.id.clone()).collect();
    for event in events() {
        let id = if event.lane.is_empty() {
            event.kind.id()
        } else {
            &event.lane
        };
        if !seen.contains(id) {
            seen.insert(id.to_owned());
            lanes.push(Lane {
                id: id.to_owned(),
                label: id.to_owned(),
                color: None,
            });
        }
    }
    lanes
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

/// A quote shortened for a one-line message.
fn preview(quote: &str) -> String {
    const MAX_CHARS: usize = 60;
    if quote.chars().count() <= MAX_CHARS {
        quote.to_owned()
    } else {
        let cut: String = quote.chars().take(MAX_CHARS).collect();
        format!("{cut}…")
    }
}

/// Hex SHA-256 of a file's bytes, kept with the loaded document for export provenance.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
