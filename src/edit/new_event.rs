//! New events and new citations, with the defaults a user would pick: the lane and kind they
//! chose last, the date of the source they cite at the precision it is known, and a `date_basis`
//! that says so.

use std::ops::Range;

use super::edits::Edit;
use super::selector::{SelectionError, selector_from_selection};
use super::slug::{slug, unique_id};
use crate::model::{Citation, Dataset, Date, Event, EventKind, Id, Source};
use crate::timeline::TimelineIndex;

/// Characters of a quote taken as a new event's provisional title.
const TITLE_FROM_QUOTE_CHARS: usize = 80;

/// A new event titled `title`, in `lane` and of `kind` (the user's last choice), with an id made
/// from the title that no event has. Cited from `source`, it is dated when the source was
/// published, at the precision that date has, with a `date_basis` that says so; otherwise it is
/// dated `today` and has no basis yet (which the detail panel asks for).
pub fn new_event(
    dataset: &Dataset,
    index: &TimelineIndex,
    title: &str,
    kind: EventKind,
    lane: Id,
    source: Option<&Source>,
    today: Date,
) -> Event {
    let id = event_id(dataset, index, title, None);
    let published = source.and_then(|s| s.published.map(|date| (s, date)));
    Event {
        id,
        kind,
        lane,
        date: published.map_or(today, |(_, date)| date),
        end: None,
        ongoing_as_of: None,
        earliest: None,
        latest: None,
        date_basis: published.map(|(s, _)| date_basis(s)),
        title: title.to_owned(),
        summary: None,
        actors: Vec::new(),
        tags: Vec::new(),
        citations: Vec::new(),
        relations: Vec::new(),
    }
}

/// An id made from `title` that no event but `event` has.
pub fn event_id(
    dataset: &Dataset,
    index: &TimelineIndex,
    title: &str,
    event: Option<usize>,
) -> String {
    unique_id(&slug(title, "event"), |id| {
        index
            .event_by_id(dataset, id)
            .is_some_and(|holder| Some(holder) != event)
    })
}

/// Event `event` retitled `title`. An event not saved yet is still named by its title: its id
/// follows (`follow_id`), and the relations that name it follow too ([`Edit::RenameEvent`]).
/// Once saved, an id stays as it is, since other files may name it.
pub fn retitle(
    dataset: &Dataset,
    index: &TimelineIndex,
    event: usize,
    title: String,
    follow_id: bool,
) -> Edit {
    let id = follow_id.then(|| event_id(dataset, index, &title, Some(event)));
    let set_title = Edit::SetTitle { event, title };
    match (dataset.events.get(event), id) {
        (Some(e), Some(id)) if e.id != id => {
            Edit::Batch(vec![set_title, Edit::RenameEvent { event, id }])
        }
        _ => set_title,
    }
}

/// "date of publication of Kremlin denies interference (Reuters)".
pub fn date_basis(source: &Source) -> String {
    let title = if source.title.trim().is_empty() {
        format!("source `{}`", source.id)
    } else {
        source.title.trim().to_owned()
    };
    match source
        .outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        Some(outlet) => format!("date of publication of {title} ({outlet})"),
        None => format!("date of publication of {title}"),
    }
}

/// Today, as a day, for new events with no dated source.
pub fn today() -> Date {
    Date::today()
}

/// Why a selection cannot be cited.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CiteError {
    #[error("there is no source `{0}`")]
    NoSource(String),
    #[error("source `{0}` has no text to cite")]
    NoText(String),
    #[error("there is no event number {0}")]
    NoEvent(usize),
    #[error(transparent)]
    Selection(#[from] SelectionError),
}

/// The citation of bytes `range` of source `source`'s text: its shortest unique selector.
pub fn citation_from_selection(
    dataset: &Dataset,
    source: &str,
    range: Range<usize>,
) -> Result<Citation, CiteError> {
    let cited = dataset
        .source(source)
        .ok_or_else(|| CiteError::NoSource(source.to_owned()))?;
    let text = cited
        .text
        .as_deref()
        .ok_or_else(|| CiteError::NoText(source.to_owned()))?;
    let selected = selector_from_selection(text, range)?;
    Ok(Citation {
        source: cited.id.as_str().into(),
        quote: selected.quote,
        note: None,
    })
}

/// **Cite in a new event**: an event quoting bytes `range` of `source`, titled with the start of
/// the quote, in the user's last `lane` and `kind`, dated by the source ([`new_event`]). Returns
/// the edit and the number the event will have.
pub fn cite_in_new_event(
    dataset: &Dataset,
    index: &TimelineIndex,
    source: &str,
    range: Range<usize>,
    (kind, lane): (EventKind, Id),
    today: Date,
) -> Result<(Edit, usize), CiteError> {
    let citation = citation_from_selection(dataset, source, range)?;
    let title = title_from_quote(&citation.quote.exact);
    let mut event = new_event(
        dataset,
        index,
        &title,
        kind,
        lane,
        dataset.source(source),
        today,
    );
    event.citations.push(citation);
    let at = dataset.events.len();
    Ok((
        Edit::AddEvent {
            at: Some(at),
            event: Box::new(event),
        },
        at,
    ))
}

/// **Cite in the selected event**: adds the citation of bytes `range` of `source` to `event`.
pub fn cite_in_event(
    dataset: &Dataset,
    event: usize,
    source: &str,
    range: Range<usize>,
) -> Result<Edit, CiteError> {
    if dataset.events.get(event).is_none() {
        return Err(CiteError::NoEvent(event));
    }
    Ok(Edit::AddCitation {
        event,
        at: None,
        citation: citation_from_selection(dataset, source, range)?,
    })
}

/// `edit`, with the row its event needs added first: an event placed in the row of its kind
/// (`lane` empty) when the dataset has no such row yet, as in a new dataset's first event or a
/// first event of a new kind. Without it the event would have nowhere to be drawn.
///
/// `rows_made` lists the rows this has added (it adds to it). A kind changed again takes such a
/// row away when the event was the only one in it and it is still as made (the kind's label, no
/// colour), rather than leave it behind empty after a wrong first pick. Rows the dataset had are
/// never taken away.
pub fn with_row_for(
    dataset: &Dataset,
    index: &TimelineIndex,
    edit: Edit,
    rows_made: &mut Vec<Id>,
) -> Edit {
    let (kind, lane, left) = match &edit {
        Edit::AddEvent { event, .. } => (event.kind, event.lane.as_str(), None),
        Edit::SetKind { event: at, kind } => match dataset.events.get(*at) {
            Some(e) => {
                let left = row_left_empty(dataset, index, *at, *kind);
                (
                    *kind,
                    e.lane.as_str(),
                    left.filter(|id| rows_made.contains(id)),
                )
            }
            None => return edit,
        },
        _ => return edit,
    };
    let needed = lane.is_empty() && !dataset.lanes.iter().any(|l| l.id == kind.id());
    if !needed && left.is_none() {
        return edit;
    }
    let mut edits = Vec::with_capacity(3);
    if needed {
        rows_made.push(kind.id().into());
        edits.push(Edit::AddLane {
            at: None,
            lane: crate::model::Lane {
                id: kind.id().to_owned(),
                label: kind.label().to_owned(),
                color: None,
            },
        });
    }
    edits.push(edit);
    if let Some(lane) = left {
        rows_made.retain(|id| *id != lane);
        edits.push(Edit::RemoveLane { lane });
    }
    Edit::Batch(edits)
}

/// The row of its kind that event `at` leaves empty by becoming a `kind`, when that row still has
/// the kind's own label and no colour.
fn row_left_empty(
    dataset: &Dataset,
    index: &TimelineIndex,
    at: usize,
    kind: EventKind,
) -> Option<Id> {
    let event = dataset.events.get(at)?;
    if !event.lane.is_empty() || event.kind == kind {
        return None;
    }
    let old = event.kind;
    let (row, lane) = (dataset.lanes.iter().enumerate()).find(|(_, l)| l.id == old.id())?;
    let as_made = lane.label == old.label() && lane.color.is_none();
    // The index's row holds every event drawn there, those of unknown lanes in the last row too.
    let only_this = index.lanes.get(row).is_some_and(|r| r.events == [at]);
    (as_made && only_this).then(|| lane.id.as_str().into())
}

/// The first words of a quote, cut at a word and marked as cut.
fn title_from_quote(exact: &str) -> String {
    let words = exact.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= TITLE_FROM_QUOTE_CHARS {
        return words;
    }
    let cut: String = words.chars().take(TITLE_FROM_QUOTE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, test_event};

    fn source(published: Option<&str>) -> Source {
        Source {
            id: "reuters-denial".into(),
            title: "Kremlin denies interference".into(),
            outlet: Some("Reuters".into()),
            published: published.map(|d| Date::parse(d).unwrap()),
            url: None,
            note: None,
            text: Some("Peskov said Russia “has never interfered”. It’s over.".into()),
            text_file: None,
            sha256: None,
        }
    }

    fn dataset() -> Dataset {
        Dataset {
            sources: vec![source(Some("2020-11"))],
            events: vec![test_event(
                "peskov-denies",
                EventKind::Statement,
                "",
                "2020-11-09",
                "x",
            )]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect(),
            ..Dataset::default()
        }
    }

    #[test]
    fn a_new_event_is_dated_by_its_source_at_the_sources_precision() {
        let data = dataset();
        let index = TimelineIndex::new(&data);
        let today = Date::parse("2024-01-02").unwrap();
        let cited = source(Some("2020-11"));
        let event = new_event(
            &data,
            &index,
            "Peskov denies",
            EventKind::Report,
            "kremlin".into(),
            Some(&cited),
            today,
        );
        assert_eq!(event.date.iso(), "2020-11", "month precision kept");
        assert_eq!(event.kind, EventKind::Report);
        assert_eq!(event.lane, "kremlin");
        assert_eq!(
            event.date_basis.as_deref(),
            Some("date of publication of Kremlin denies interference (Reuters)")
        );
        assert_eq!(event.id, "peskov-denies-2", "peskov-denies is taken");

        let undated = source(None);
        let event = new_event(
            &data,
            &index,
            "Later",
            EventKind::Statement,
            Id::default(),
            Some(&undated),
            today,
        );
        assert_eq!(event.date, today);
        assert_eq!(event.date_basis, None, "no basis is invented");
    }

    #[test]
    fn citing_a_selection_in_a_new_event_makes_a_verified_quote() {
        let data = dataset();
        let index = TimelineIndex::new(&data);
        let text = data.sources[0].text.as_deref().unwrap();
        let start = text.find("It’s").unwrap();
        let (edit, at) = cite_in_new_event(
            &data,
            &index,
            "reuters-denial",
            start..text.len(),
            (EventKind::Statement, Id::default()),
            Date::parse("2024-01-02").unwrap(),
        )
        .unwrap();
        assert_eq!(at, 1);
        let Edit::AddEvent { event, .. } = &edit else {
            panic!("{edit:?}")
        };
        assert_eq!(event.title, "It’s over.");
        assert_eq!(event.id, "it-s-over");
        assert_eq!(event.citations[0].quote.exact, "It’s over.");
        let found = crate::model::locate_quote(text, &event.citations[0].quote);
        assert!(matches!(found, crate::model::QuoteMatch::Found { .. }));
        assert_eq!(
            cite_in_event(&data, 5, "reuters-denial", 0..3),
            Err(CiteError::NoEvent(5))
        );
        assert_eq!(
            cite_in_event(&data, 0, "nowhere", 0..3),
            Err(CiteError::NoSource("nowhere".into()))
        );
    }

    #[test]
    fn a_first_event_of_a_kind_brings_its_row() {
        let mut data = Dataset::default();
        let event = test_event("first", EventKind::Report, "", "2020", "First");
        let edit = with_row_for(
            &data,
            &TimelineIndex::new(&data),
            Edit::AddEvent {
                at: None,
                event: Box::new(event.clone()),
            },
            &mut Vec::new(),
        );
        crate::edit::apply(&mut data, edit).unwrap();
        assert_eq!(data.lanes.len(), 1);
        assert_eq!(data.lanes[0].id, "report");
        let again = with_row_for(
            &data,
            &TimelineIndex::new(&data),
            Edit::AddEvent {
                at: None,
                event: Box::new(test_event(
                    "second",
                    EventKind::Report,
                    "",
                    "2021",
                    "Second",
                )),
            },
            &mut Vec::new(),
        );
        assert!(
            matches!(again, Edit::AddEvent { .. }),
            "the row is there now"
        );
    }

    #[test]
    fn a_kind_changed_after_a_first_pick_takes_its_empty_row_away() {
        fn step(data: &mut Dataset, made: &mut Vec<Id>, edit: Edit) {
            let edit = with_row_for(data, &TimelineIndex::new(data), edit, made);
            crate::edit::apply(data, edit).unwrap();
        }
        fn rows(data: &Dataset) -> Vec<&str> {
            data.lanes.iter().map(|l| l.id.as_str()).collect()
        }
        let set_kind = |kind| Edit::SetKind { event: 1, kind };
        let mut made = Vec::new();
        let mut data = Dataset::default();
        data.lanes.push(crate::model::Lane {
            id: "elections".into(),
            label: "Elections".into(),
            color: None,
        });
        let vote = test_event("vote", EventKind::Election, "elections", "2020", "Vote");
        data.events.push(vote.into());
        let event = test_event("new", EventKind::Report, "", "2021", "New");
        let add = Edit::AddEvent {
            at: None,
            event: Box::new(event),
        };
        step(&mut data, &mut made, add);
        assert_eq!(rows(&data), ["elections", "report"]);

        step(&mut data, &mut made, set_kind(EventKind::Statement));
        assert_eq!(
            rows(&data),
            ["elections", "statement"],
            "the report row went"
        );

        // A row someone renamed stays, and so does one another event is in.
        data.lanes[1].label = "Kremlin".into();
        step(&mut data, &mut made, set_kind(EventKind::Context));
        assert_eq!(rows(&data), ["elections", "statement", "context"]);
        let other = test_event("other", EventKind::Context, "", "2022", "Other");
        data.events.push(other.into());
        step(&mut data, &mut made, set_kind(EventKind::Report));
        assert_eq!(rows(&data), ["elections", "statement", "context", "report"]);

        // A row the dataset had, not one made here, stays though it is left empty.
        made.clear();
        step(&mut data, &mut made, set_kind(EventKind::Election));
        assert_eq!(
            rows(&data),
            ["elections", "statement", "context", "report", "election"]
        );

        // An event in a named lane has no row of its kind to leave.
        let named = Edit::SetKind {
            event: 0,
            kind: EventKind::Context,
        };
        let edit = with_row_for(&data, &TimelineIndex::new(&data), named, &mut made);
        assert!(matches!(edit, Edit::SetKind { .. }), "{edit:?}");
    }

    #[test]
    fn a_long_quote_makes_a_title_cut_at_a_word() {
        let title = title_from_quote(&"word ".repeat(50));
        assert!(title.ends_with("word…"), "{title}");
        assert!(title.chars().count() <= TITLE_FROM_QUOTE_CHARS + 1);
    }
}
