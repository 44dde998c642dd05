//! Our own CSV columns: each row an event, with its source and its quote.

use super::super::finding::{Finding, Findings, Severity};
use super::super::imported::{SourcesByKey, UniqueIds};
use super::super::parsed::Parsed;
use super::super::position::{Positions, member_path};
use super::{Rows, cell, row_path};
use crate::model::{Actor, Citation, Dataset, Date, Event, EventKind, FORMAT, Id, Quote, Source};

/// Reads a table in our own columns, one row at a time.
pub(super) fn ours(
    rows: &mut Rows<'_>,
    columns: &[(&'static str, usize)],
    mut positions: Positions,
    name: &str,
    findings: &mut Findings,
) -> Parsed {
    let mut events = Vec::new();
    let mut event_paths = Vec::new();
    // Rows without an id get one once every given id is known (a made-up id never repeats a
    // given one): `(event, row)`.
    let mut unnamed: Vec<(usize, usize)> = Vec::new();
    let mut actors: Vec<Actor> = Vec::new();
    let mut actor_ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut actor_paths = Vec::new();
    let mut sources = SourcesByKey::default();
    while let Some((i, line)) = rows.next(findings) {
        if let Some(table) = positions.table_mut() {
            table.row(i, line);
        }
        let record = &rows.record;
        let row = row_path(i);
        let at = |column: &str| member_path(&row, column);
        let cell = |column: &str| cell(columns, record, column).trim();
        // Findings about a row without an id name it as its made-up id will (`event-N`).
        let named = (!cell("id").is_empty()).then(|| cell("id").to_owned());
        let shown_id = named.clone().unwrap_or_else(|| format!("event-{}", i + 1));
        let mut note = |severity: Severity, column: &str, message: String| {
            let path = at(column);
            findings.push(
                Finding::new(severity, positions.value(&path), path, message)
                    .in_event(Some(&shown_id)),
            );
        };
        let kind = if cell("kind").is_empty() {
            EventKind::Context
        } else if let Some(kind) = EventKind::ALL
            .into_iter()
            .find(|k| k.id().eq_ignore_ascii_case(cell("kind")))
        {
            kind
        } else {
            note(
                Severity::Error,
                "kind",
                format!(
                    "unknown kind `{}` (one of election, report, legal, statement, context); \
                     the row is not imported",
                    cell("kind")
                ),
            );
            continue;
        };
        let date = match Date::parse(cell("date")) {
            Ok(date) => date,
            Err(_) if cell("date").is_empty() => {
                note(
                    Severity::Error,
                    "date",
                    "no date; the row is not imported".to_owned(),
                );
                continue;
            }
            Err(e) => {
                note(
                    Severity::Error,
                    "date",
                    format!("{e}; the row is not imported"),
                );
                continue;
            }
        };
        let end = if cell("end").is_empty() {
            None
        } else {
            match Date::parse(cell("end")) {
                Ok(end) => Some(end),
                Err(e) => {
                    note(
                        Severity::Error,
                        "end",
                        format!("{e}; the row is not imported"),
                    );
                    continue;
                }
            }
        };
        let source = if cell("source_url").is_empty() && cell("source_title").is_empty() {
            None
        } else {
            let url = cell("source_url");
            let title = if cell("source_title").is_empty() {
                url
            } else {
                cell("source_title")
            };
            // A source without a link is told apart by its title.
            let key = if url.is_empty() {
                format!("\u{0}{title}")
            } else {
                url.to_owned()
            };
            let text_file = cell("source_text_file");
            let index = sources.index_for(
                &key,
                || member_path(&row, "source"),
                |n| Source {
                    id: format!("s{n}"),
                    title: title.to_owned(),
                    outlet: None,
                    published: None,
                    url: (!url.is_empty()).then(|| url.to_owned()),
                    note: None,
                    text: None,
                    text_file: (!text_file.is_empty()).then(|| text_file.to_owned()),
                    sha256: None,
                },
            );
            let source = sources.sources.get(index);
            if let Some(source) = source
                && !text_file.is_empty()
                && source.text_file.as_deref() != Some(text_file)
            {
                note(
                    Severity::Warning,
                    "source_text_file",
                    format!(
                        "source `{}` takes its text from `{}` as first given; this row's \
                         `{text_file}` is ignored",
                        source.id,
                        source.text_file.as_deref().unwrap_or_default()
                    ),
                );
            }
            source.map(|s| s.id.clone())
        };
        // The quote is kept verbatim (not trimmed): it must match its source exactly.
        let quote = self::cell(columns, record, "quote");
        let mut citations = Vec::new();
        if !quote.trim().is_empty() {
            if let Some(source) = source {
                citations.push(Citation {
                    source: source.into(),
                    quote: Quote {
                        exact: quote.to_owned(),
                        prefix: None,
                        suffix: None,
                    },
                    note: None,
                });
            } else {
                note(
                    Severity::Error,
                    "quote",
                    "a quote needs a source: give `source_title` or `source_url`".to_owned(),
                );
            }
        }
        let event_actors: Vec<Id> = cell("actors")
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(Id::from)
            .collect();
        for actor in &event_actors {
            // A set, not a scan of the actors per row: 100,000 actors must not be quadratic.
            if actor_ids.insert(actor.to_string()) {
                actors.push(Actor {
                    id: actor.to_string(),
                    name: actor.to_string(),
                    role: None,
                });
                actor_paths.push(at("actors"));
            }
        }
        let optional = |column: &str| {
            let v = cell(column);
            (!v.is_empty()).then(|| v.to_owned())
        };
        if named.is_none() {
            unnamed.push((events.len(), i));
        }
        events.push(Event {
            id: named.unwrap_or_default(),
            kind,
            lane: cell("lane").into(),
            date,
            end,
            ongoing_as_of: None,
            earliest: None,
            latest: None,
            date_basis: optional("date_basis"),
            title: cell("title").to_owned(),
            summary: optional("summary"),
            actors: event_actors,
            tags: Vec::new(),
            citations,
            relations: Vec::new(),
        });
        event_paths.push(row);
    }
    if !unnamed.is_empty() {
        let mut taken = UniqueIds::new(events.iter().map(|e| e.id.clone()));
        for (e, i) in unnamed {
            if let Some(event) = events.get_mut(e) {
                event.id = taken.make("event", i + 1);
            }
        }
    }
    Parsed {
        dataset: Dataset {
            format: FORMAT.to_owned(),
            title: if name.is_empty() {
                "Imported table".to_owned()
            } else {
                name.to_owned()
            },
            description: String::new(),
            lanes: Vec::new(),
            actors,
            sources: sources.sources,
            events: events.into_iter().map(std::sync::Arc::new).collect(),
            kept: crate::model::Kept::default(),
        },
        positions,
        event_paths,
        source_paths: sources.paths,
        lane_paths: Vec::new(),
        actor_paths,
        broken_event_ids: Vec::new(),
    }
}
