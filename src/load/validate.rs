//! Checks across a parsed dataset: ids, references, date order, source texts and every quote.

use std::collections::HashMap;

use sha2::{Digest as _, Sha256};

use super::finding::Finding;
use super::native::Parsed;
use super::position::member_path;
use super::source_text::SourceTexts;
use crate::model::{Dataset, Date, EventKind, Lane, QuoteMatch, locate_quote};

/// What validation adds to a dataset: the place of each quote in its source.
pub struct Checked {
    pub dataset: Dataset,
    /// `quotes[event][citation]`, parallel to `dataset.events[i].citations`.
    pub quotes: Vec<Vec<QuoteMatch>>,
}

/// Runs every cross-check, reads the source texts and locates every quote.
pub fn validate(parsed: Parsed, texts: &dyn SourceTexts, findings: &mut Vec<Finding>) -> Checked {
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
        &positions,
        findings,
    );
    duplicates(
        dataset.actors.iter().map(|a| a.id.as_str()),
        &actor_paths,
        "actor",
        &positions,
        findings,
    );
    duplicates(
        dataset.sources.iter().map(|s| s.id.as_str()),
        &source_paths,
        "source",
        &positions,
        findings,
    );
    duplicates(
        dataset.events.iter().map(|e| e.id.as_str()),
        &event_paths,
        "event",
        &positions,
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
    let event_ids: HashMap<&str, usize> = dataset
        .events
        .iter()
        .enumerate()
        .rev()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut quotes = Vec::with_capacity(dataset.events.len());
    let mut new_findings = Vec::new();
    for (event, path) in dataset.events.iter().zip(&event_paths) {
        let id = Some(event.id.as_str());
        let mut push = |finding: Finding| new_findings.push(finding.in_event(id));

        if event.title.trim().is_empty() {
            let p = field(path, "title");
            push(Finding::error(at(&p), p, "title is empty"));
        }
        if lanes_declared {
            let lane = dataset.lane_id(event);
            if !dataset.lanes.iter().any(|l| l.id == lane) {
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
            if dataset.actor(actor).is_none() {
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
                && !broken_event_ids.contains(&relation.target)
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
            let Some(source) = dataset.source(&citation.source) else {
                let p = field(&base, "source");
                push(Finding::error(
                    at(&p),
                    p,
                    format!("citation source `{}` is not a source id", citation.source),
                ));
                event_quotes.push(QuoteMatch::NotFound);
                continue;
            };
            let Some(text) = &source.text else {
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
            };
            let found = locate_quote(text, &citation.quote);
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

fn duplicates<'a>(
    ids: impl Iterator<Item = &'a str>,
    paths: &[String],
    what: &str,
    positions: &super::position::Positions,
    findings: &mut Vec<Finding>,
) {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for (id, path) in ids.zip(paths) {
        if let Some(first_path) = first.get(id) {
            let p = member_path(path, "id");
            let first_line = positions.value(first_path).line;
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
        } else {
            first.insert(id, path);
        }
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
