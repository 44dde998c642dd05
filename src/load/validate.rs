//! Checks across a parsed dataset: ids, references, date order, source texts and every quote.

use foldhash::{HashMap, HashMapExt as _, HashSet};

use sha2::{Digest as _, Sha256};

use super::finding::{Anchor, Finding};
use super::parsed::Parsed;
use super::position::{Positions, locate_paths, member_path};
use super::progress::{Progress, Stage};
use super::source_text::SourceTexts;
use crate::model::{Dataset, Date, EventKind, Lane, Quote, QuoteMatch, locate_quotes};

/// What validation adds to a dataset: the place of each quote in its source.
pub struct Checked {
    pub dataset: Dataset,
    /// `quotes[event][citation]`, parallel to `dataset.events[i].citations`.
    pub quotes: Vec<Vec<QuoteMatch>>,
}

/// Runs every cross-check, reads the source texts and locates every quote. `text` is the document
/// `parsed` was read from, for places the findings need in their messages.
pub fn validate(
    parsed: Parsed,
    text: &str,
    texts: &dyn SourceTexts,
    progress: &Progress,
    findings: &mut Vec<Finding>,
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
    let field = |base: &str, name: &str| member_path(base, name);

    duplicates(
        dataset.lanes.iter().map(|l| l.id.as_str()),
        &lane_paths,
        "lane",
        (&positions, text),
        findings,
    );
    duplicates(
        dataset.actors.iter().map(|a| a.id.as_str()),
        &actor_paths,
        "actor",
        (&positions, text),
        findings,
    );
    duplicates(
        dataset.sources.iter().map(|s| s.id.as_str()),
        &source_paths,
        "source",
        (&positions, text),
        findings,
    );
    duplicates(
        dataset.events.iter().map(|e| e.id.as_str()),
        &event_paths,
        "event",
        (&positions, text),
        findings,
    );

    for (lane, path) in dataset.lanes.iter().zip(&lane_paths) {
        if let Some(color) = &lane.color
            && parse_hex_color(color).is_none()
        {
            let p = field(path, "color");
            findings.push(Finding::warning(
                at(&p),
                p,
                format!("lane colour `{color}` is not #RRGGBB; a default is used"),
            ));
        }
    }

    // Sources: read each text, check its hash.
    for (source, path) in dataset.sources.iter_mut().zip(&source_paths) {
        match (&source.text, &source.text_file) {
            (Some(_), Some(_)) => {
                let p = field(path, "text_file");
                findings.push(Finding::error(
                    at(&p),
                    p,
                    "give `text` or `text_file`, not both",
                ));
            }
            (None, Some(file)) => match texts.read(file) {
                Ok(text) => source.text = Some(text),
                Err(error) => {
                    let p = field(path, "text_file");
                    findings.push(Finding::error(at(&p), p, error.to_string()));
                }
            },
            // A source without text is fine on its own (a TimelineJS media link is one by design);
            // each quote that cites it is reported instead, below.
            (_, None) => {}
        }
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

    let lanes_declared = !dataset.lanes.is_empty();
    let lane_ids: HashSet<&str> = dataset.lanes.iter().map(|l| l.id.as_str()).collect();
    let actor_ids: HashSet<&str> = dataset.actors.iter().map(|a| a.id.as_str()).collect();
    let source_index = first_index(dataset.sources.iter().map(|s| s.id.as_str()));
    let broken_event_ids: HashSet<&str> = broken_event_ids.iter().map(String::as_str).collect();
    let located = QuotesBySource::locate(&dataset, &source_index);
    let mut located_next = located.order.iter();
    let event_ids: HashMap<&str, usize> = dataset
        .events
        .iter()
        .enumerate()
        .rev()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut quotes = Vec::with_capacity(dataset.events.len());
    let mut new_findings = Vec::new();
    progress.begin(Stage::Validating, dataset.events.len() as u64);
    for (n, (event, path)) in dataset.events.iter().zip(&event_paths).enumerate() {
        if n % 4096 == 4095 {
            progress.advance(4096);
        }
        let id = Some(event.id.as_str());
        let mut push = |finding: Finding| new_findings.push(finding.in_event(id));

        if event.title.trim().is_empty() {
            let p = field(path, "title");
            push(Finding::error(at(&p), p, "title is empty"));
        } else if crate::model::visible_text::is_invisible(&event.title) {
            // Zero-width and other invisible characters show nothing, like spaces.
            let p = field(path, "title");
            push(Finding::error(
                at(&p),
                p,
                "title is empty: it has only invisible characters (zero-width spaces or the like)",
            ));
        }
        if lanes_declared {
            let lane = dataset.lane_id(event);
            if !lane_ids.contains(lane) {
                let p = field(path, "lane");
                let message = if event.lane.is_empty() {
                    format!(
                        "event has no `lane` and there is no lane `{lane}` named after its kind"
                    )
                } else {
                    format!("unknown lane `{lane}`")
                };
                push(Finding::error(at(&p), p, message));
            }
        }
        if let Some(end) = event.end
            && before(end, event.date)
        {
            let p = field(path, "end");
            push(Finding::error(
                at(&p),
                p,
                format!(
                    "range ends ({}) before it starts ({})",
                    end.iso(),
                    event.date.iso()
                ),
            ));
        }
        if let (Some(earliest), Some(latest)) = (event.earliest, event.latest)
            && before(latest, earliest)
        {
            let p = field(path, "earliest");
            push(Finding::error(
                at(&p),
                p,
                format!(
                    "earliest ({}) is after latest ({})",
                    earliest.iso(),
                    latest.iso()
                ),
            ));
        }
        for (i, actor) in event.actors.iter().enumerate() {
            if !actor_ids.contains(actor.as_str()) {
                let p = format!("{path}.actors[{i}]");
                push(Finding::error(
                    at(&p),
                    p,
                    format!("unknown actor `{actor}`"),
                ));
            }
        }
        for (i, relation) in event.relations.iter().enumerate() {
            let p = format!("{path}.relations[{i}].target");
            if relation.target == event.id {
                push(Finding::warning(
                    at(&p),
                    p,
                    "relation points at its own event",
                ));
            } else if !event_ids.contains_key(relation.target.as_str())
                && !broken_event_ids.contains(relation.target.as_str())
            {
                push(Finding::error(
                    at(&p),
                    p,
                    format!("relation target `{}` is not an event id", relation.target),
                ));
            }
        }
        let mut event_quotes = Vec::with_capacity(event.citations.len());
        for (i, citation) in event.citations.iter().enumerate() {
            let base = format!("{path}.citations[{i}]");
            let Some(source) = source_index
                .get(citation.source.as_str())
                .and_then(|&i| dataset.sources.get(i))
            else {
                let p = field(&base, "source");
                push(Finding::error(
                    at(&p),
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
                    let exact = format!("{base}.quote.exact");
                    push(Finding::warning(
                        at(&exact),
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
            let found = located_next
                .next()
                .and_then(|&(source, slot)| located.matches.get(source)?.get(slot).copied())
                .unwrap_or(QuoteMatch::NotFound);
            let exact = format!("{base}.quote.exact");
            let preview = preview(&citation.quote.exact);
            match found {
                QuoteMatch::Found { .. } => {}
                QuoteMatch::Ambiguous { count, .. } => push(Finding::warning(
                    at(&exact),
                    exact,
                    format!(
                        "quote “{preview}” occurs {count} times in source `{}`; add a `prefix` or `suffix` to pick one",
                        source.id
                    ),
                )),
                QuoteMatch::ContextMismatch { occurrences } => {
                    let p = if citation.quote.prefix.is_some() {
                        format!("{base}.quote.prefix")
                    } else {
                        format!("{base}.quote.suffix")
                    };
                    push(Finding::error(
                        at(&p),
                        p,
                        format!(
                            "quote “{preview}” occurs {occurrences} time(s) in source `{}`, but never with this prefix/suffix",
                            source.id
                        ),
                    ));
                }
                QuoteMatch::NotFound if citation.quote.exact.is_empty() => {
                    push(Finding::error(at(&exact), exact, "quote is empty"));
                }
                QuoteMatch::NotFound => push(Finding::error(
                    at(&exact),
                    exact,
                    format!(
                        "quote not found verbatim in source `{}`: “{preview}”",
                        source.id
                    ),
                )),
            }
            event_quotes.push(found);
        }
        quotes.push(event_quotes);
    }
    findings.extend(new_findings);

    if !lanes_declared {
        dataset.lanes = default_lanes(&dataset);
    }
    Checked { dataset, quotes }
}

/// Every quote located once per source: citations of the same words in the same source share one
/// search, and all of a source's quotes are found in one pass over its text.
struct QuotesBySource {
    /// `matches[source][slot]`: the match of each distinct quote of each source.
    matches: Vec<Vec<QuoteMatch>>,
    /// `(source, slot)` of each citation that has a source with text, in event and citation order
    /// (the order the validation loop meets them).
    order: Vec<(usize, usize)>,
}

impl QuotesBySource {
    fn locate(dataset: &Dataset, source_index: &HashMap<&str, usize>) -> Self {
        let mut distinct: Vec<(Vec<&Quote>, HashMap<&Quote, usize>)> =
            dataset.sources.iter().map(|_| Default::default()).collect();
        let mut order = Vec::new();
        for citation in dataset.events.iter().flat_map(|e| &e.citations) {
            let Some(&source) = source_index.get(citation.source.as_str()) else {
                continue;
            };
            if dataset.sources.get(source).is_none_or(|s| s.text.is_none()) {
                continue;
            }
            if let Some((quotes, slots)) = distinct.get_mut(source) {
                let slot = *slots.entry(&citation.quote).or_insert_with(|| {
                    quotes.push(&citation.quote);
                    quotes.len() - 1
                });
                order.push((source, slot));
            }
        }
        let matches = dataset
            .sources
            .iter()
            .zip(&distinct)
            .map(|(source, (quotes, _))| match &source.text {
                Some(text) if !quotes.is_empty() => locate_quotes(text, quotes),
                _ => Vec::new(),
            })
            .collect();
        Self { matches, order }
    }
}

/// The index of the first item with each id (later duplicates are reported, not used).
fn first_index<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut index = HashMap::new();
    for (i, id) in ids.enumerate() {
        index.entry(id).or_insert(i);
    }
    index
}

/// True when `a` lies wholly before `b` (a range ending in 2019 before one starting in 2020).
fn before(a: Date, b: Date) -> bool {
    a.start_days() < b.start_days() && a.end_days() <= b.start_days()
}

/// One lane per kind in use, in the canonical kind order, then any other lane the events name.
fn default_lanes(dataset: &Dataset) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = EventKind::ALL
        .iter()
        .filter(|k| {
            dataset
                .events
                .iter()
                .any(|e| e.lane.is_empty() && e.kind == **k)
        })
        .map(|k| Lane {
            id: k.id().to_owned(),
            label: k.label().to_owned(),
            color: None,
        })
        .collect();
    for event in &dataset.events {
        let id = dataset.lane_id(event);
        if !lanes.iter().any(|l| l.id == id) {
            lanes.push(Lane {
                id: id.to_owned(),
                label: id.to_owned(),
                color: None,
            });
        }
    }
    lanes
}

/// Reports every id used a second time, naming the line of its first use.
fn duplicates<'a>(
    ids: impl Iterator<Item = &'a str>,
    paths: &[String],
    what: &str,
    (positions, text): (&Positions, &str),
    findings: &mut Vec<Finding>,
) {
    let mut first: HashMap<&str, &str> = HashMap::new();
    let mut repeated = Vec::new();
    for (id, path) in ids.zip(paths) {
        if let Some(first_path) = first.get(id) {
            repeated.push((id, path, *first_path));
        } else {
            first.insert(id, path);
        }
    }
    if repeated.is_empty() {
        return;
    }
    let first_lines: Vec<usize> = if positions.is_deferred() {
        let requests: Vec<(&str, Anchor)> = repeated
            .iter()
            .map(|(_, _, first)| (*first, Anchor::Value))
            .collect();
        locate_paths(text, &requests)
            .iter()
            .map(|p| p.line)
            .collect()
    } else {
        repeated
            .iter()
            .map(|(_, _, first)| positions.value(first).line)
            .collect()
    };
    for ((id, path, _), first_line) in repeated.into_iter().zip(first_lines) {
        let p = member_path(path, "id");
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

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Parses `#RRGGBB` into its three channels.
pub fn parse_hex_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}
