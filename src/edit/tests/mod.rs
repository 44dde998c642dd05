//! Edits applied to an open document agree with opening the edited dataset afresh: the same index,
//! the same quote checks and the same findings, after every edit and every undo.

use std::time::{Duration, Instant};

use super::*;
use crate::load::{Embedded, Finding, Origin, load_bytes};
use crate::model::{
    Actor, Citation, Dataset, Date, EventKind, FORMAT, Id, Lane, Quote, QuoteMatch, QuoteMatches,
    Relation, RelationKind, Source, test_event,
};
use crate::timeline::TimelineIndex;

const REUTERS: &str = "MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said on Monday that \
    Russia “has never interfered” in U.S. elections. “It’s over,” he told reporters. Officials \
    declined to comment further on the report.";
const MUELLER: &str = "The Russian government interfered in the 2016 presidential election in \
    sweeping and systematic fashion.";

fn lane(id: &str) -> Lane {
    Lane {
        id: id.into(),
        label: id.to_uppercase(),
        color: None,
    }
}

fn text_source(id: &str, text: &str, published: &str) -> Source {
    Source {
        id: id.into(),
        title: format!("The {id} article"),
        outlet: None,
        published: Date::parse(published).ok(),
        url: Some(format!("https://example.org/{id}")),
        note: None,
        text: Some(text.into()),
        text_file: None,
        sha256: Some(crate::load::validate::sha256_hex(text.as_bytes())),
    }
}

fn cite(source: &str, exact: &str) -> Citation {
    Citation {
        source: source.into(),
        quote: Quote {
            exact: exact.into(),
            prefix: None,
            suffix: None,
        },
        note: None,
    }
}

fn relation(kind: RelationKind, target: &str) -> Relation {
    Relation {
        kind,
        target: target.into(),
        note: None,
    }
}

/// A small record: three lanes, two actors, two sources and six events that cite and answer
/// each other.
fn fixture() -> Dataset {
    let mut events = vec![
        test_event(
            "mueller-report",
            EventKind::Report,
            "findings",
            "2019-04-18",
            "Mueller report",
        ),
        test_event(
            "peskov-denial",
            EventKind::Statement,
            "kremlin",
            "2020-11-09",
            "Peskov denies",
        ),
        test_event(
            "election-2016",
            EventKind::Election,
            "findings",
            "2016-11-08",
            "US election",
        ),
        test_event(
            "its-over",
            EventKind::Statement,
            "kremlin",
            "2020-11",
            "It's over",
        ),
        test_event("hearing", EventKind::Legal, "", "2021", "Hearing"),
        test_event(
            "echo",
            EventKind::Statement,
            "kremlin",
            "2020-11-10",
            "Echo",
        ),
    ];
    for e in &mut events {
        e.date_basis = Some("as reported".into());
    }
    events[0].citations = vec![cite("mueller", "sweeping and systematic fashion")];
    events[0].relations = vec![relation(RelationKind::Concerns, "election-2016")];
    events[0].actors = vec!["mueller".into()];
    events[1].citations = vec![cite("reuters", "“has never interfered”")];
    events[1].relations = vec![
        relation(RelationKind::Denies, "mueller-report"),
        relation(RelationKind::RespondsTo, "election-2016"),
    ];
    events[1].actors = vec!["peskov".into()];
    events[1].tags = vec!["denial".into()];
    events[3].citations = vec![cite("reuters", "It’s over,")];
    events[3].relations = vec![relation(RelationKind::Follows, "peskov-denial")];
    events[5].relations = vec![
        relation(RelationKind::Follows, "peskov-denial"),
        relation(RelationKind::Contradicts, "mueller-report"),
        relation(RelationKind::Follows, "peskov-denial"),
    ];
    events[5].actors = vec!["peskov".into(), "mueller".into()];
    Dataset {
        format: FORMAT.into(),
        title: "Fixture".into(),
        description: String::new(),
        lanes: vec![lane("findings"), lane("kremlin"), lane("legal")],
        actors: vec![
            Actor {
                id: "peskov".into(),
                name: "Dmitry Peskov".into(),
                role: None,
            },
            Actor {
                id: "mueller".into(),
                name: "Robert Mueller".into(),
                role: Some("Special counsel".into()),
            },
        ],
        sources: vec![
            text_source("reuters", REUTERS, "2020-11-09"),
            text_source("mueller", MUELLER, "2019-04"),
        ],
        events: events.into_iter().map(std::sync::Arc::new).collect(),
        kept: crate::model::Kept::default(),
    }
}

/// An open document as the app holds one.
struct Doc {
    dataset: Dataset,
    quotes: QuoteMatches,
    index: TimelineIndex,
    findings: Vec<Finding>,
    history: History,
}

impl Doc {
    /// Opens `dataset` as a file of it would open.
    fn open(dataset: &Dataset) -> Self {
        let json = serde_json::to_vec(dataset).unwrap();
        let outcome = load_bytes(&json, Origin::Embedded, &Embedded(&[]));
        let checked = outcome.checked.unwrap();
        let index = TimelineIndex::with_targets(&checked.dataset, &checked.targets);
        Self {
            dataset: checked.dataset,
            quotes: checked.quotes,
            index,
            findings: outcome.report.findings,
            history: History::new(),
        }
    }

    fn live(&mut self) -> Live<'_> {
        Live {
            dataset: &mut self.dataset,
            quotes: &mut self.quotes,
            index: &mut self.index,
        }
    }

    fn edit(&mut self, edit: Edit) -> Committed {
        let mut live = Live {
            dataset: &mut self.dataset,
            quotes: &mut self.quotes,
            index: &mut self.index,
        };
        let described = format!("{edit:?}");
        let committed = self
            .history
            .apply(&mut live, edit, None, Instant::now())
            .unwrap_or_else(|e| panic!("{described}: {e}"));
        committed.findings.update(&mut self.findings);
        committed
    }

    fn undo(&mut self) -> Committed {
        let mut live = Live {
            dataset: &mut self.dataset,
            quotes: &mut self.quotes,
            index: &mut self.index,
        };
        let committed = self.history.undo(&mut live).unwrap().unwrap();
        committed.findings.update(&mut self.findings);
        committed
    }

    fn redo(&mut self) -> Committed {
        let mut live = Live {
            dataset: &mut self.dataset,
            quotes: &mut self.quotes,
            index: &mut self.index,
        };
        let committed = self.history.redo(&mut live).unwrap().unwrap();
        committed.findings.update(&mut self.findings);
        committed
    }

    /// Everything kept up to date by edits is what opening the dataset now would make.
    fn assert_fresh(&self, context: &str) {
        let fresh = Self::open(&self.dataset);
        assert_eq!(self.index, fresh.index, "index after {context}");
        assert_eq!(self.quotes.events(), self.dataset.events.len(), "{context}");
        for e in 0..self.dataset.events.len() {
            assert_eq!(
                self.quotes.of(e),
                fresh.quotes.of(e),
                "quotes of event {e} after {context}"
            );
        }
        assert_eq!(
            said(&self.findings),
            said(&fresh.findings),
            "findings after {context}"
        );
    }

    fn messages(&self) -> Vec<String> {
        self.findings.iter().map(|f| f.message.clone()).collect()
    }
}

/// Findings as what they say, sorted: places move with edits, words do not.
fn said(findings: &[Finding]) -> Vec<(Option<String>, String)> {
    let mut said: Vec<_> = findings
        .iter()
        .map(|f| (f.event.clone(), f.message.clone()))
        .collect();
    said.sort();
    said
}

fn day(iso: &str) -> Date {
    Date::parse(iso).unwrap()
}

/// One of every edit, each valid on the fixture as it stands after the ones before it.
fn every_edit() -> Vec<Edit> {
    let mut new = test_event("new-event", EventKind::Context, "legal", "2018", "New");
    new.date_basis = Some("new".into());
    new.relations = vec![relation(RelationKind::Cites, "mueller-report")];
    new.citations = vec![cite("mueller", "presidential election")];
    vec![
        Edit::SetTitle {
            event: 1,
            title: "Peskov: “never”".into(),
        },
        Edit::SetSummary {
            event: 1,
            summary: Some("A denial.".into()),
        },
        // Three relations (from its-over and twice from echo) follow it to its new id.
        Edit::RenameEvent {
            event: 1,
            id: "peskov-says".into(),
        },
        Edit::SetEventId {
            event: 4,
            id: "hearing-2021".into(),
        },
        Edit::SetKind {
            event: 4,
            kind: EventKind::Report,
        },
        Edit::SetLane {
            event: 2,
            lane: "kremlin".into(),
        },
        Edit::SetDate {
            event: 3,
            dates: EventDates {
                date: day("2020-11-09T14:30"),
                end: None,
                ongoing_as_of: Some(day("2021-02")),
                earliest: Some(day("2020")),
                latest: Some(day("2022")),
            },
        },
        Edit::SetDate {
            event: 0,
            dates: EventDates {
                end: Some(day("2019-05")),
                ..EventDates::on(day("2017-05-17"))
            },
        },
        Edit::SetDateBasis {
            event: 2,
            basis: Some(String::new()),
        },
        Edit::AddEventActor {
            event: 2,
            actor: "peskov".into(),
        },
        Edit::RemoveEventActor {
            event: 5,
            actor: "peskov".into(),
        },
        Edit::AddTag {
            event: 0,
            tag: "report".into(),
        },
        Edit::RemoveTag {
            event: 1,
            tag: "denial".into(),
        },
        Edit::AddCitation {
            event: 4,
            at: None,
            citation: cite("reuters", "told reporters"),
        },
        Edit::RemoveCitation {
            event: 3,
            citation: 0,
        },
        Edit::ReAnchor {
            event: 1,
            citation: 0,
            quote: Quote {
                exact: "It's over,".into(),
                prefix: None,
                suffix: None,
            },
        },
        Edit::AddRelation {
            event: 5,
            at: Some(1),
            relation: relation(RelationKind::Denies, "its-over"),
        },
        Edit::RemoveRelation {
            event: 5,
            relation: 0,
        },
        Edit::AddRelation {
            event: 2,
            at: None,
            relation: relation(RelationKind::Cites, "nowhere"),
        },
        Edit::AddEvent {
            at: Some(2),
            event: Box::new(new),
        },
        Edit::AddEvent {
            at: None,
            event: Box::new(test_event(
                "nowhere",
                EventKind::Context,
                "",
                "2020",
                "Nowhere",
            )),
        },
        Edit::DeleteEvent {
            event: 0,
            remove_incoming: false,
        },
        Edit::DeleteEvent {
            event: 0,
            remove_incoming: true,
        },
        Edit::AddSource {
            at: None,
            source: Box::new(text_source("tass", "TASS reports nothing.", "2020")),
        },
        Edit::AddCitation {
            event: 1,
            at: Some(0),
            citation: cite("tass", "reports nothing"),
        },
        Edit::replace_source_text("reuters", REUTERS.replace("It’s over", "It is over")),
        Edit::SetSourceInfo {
            source: "tass".into(),
            info: SourceInfo {
                title: "TASS".into(),
                outlet: Some("TASS".into()),
                published: None,
                url: Some("ftp://tass".into()),
                note: None,
            },
        },
        Edit::RemoveSource {
            source: "mueller".into(),
        },
        Edit::AddLane {
            at: Some(0),
            lane: lane("context"),
        },
        Edit::RenameLane {
            lane: "context".into(),
            label: "Background".into(),
        },
        Edit::RecolourLane {
            lane: "kremlin".into(),
            color: Some("red".into()),
        },
        Edit::MoveLane {
            lane: "kremlin".into(),
            to: 0,
        },
        Edit::RemoveLane {
            lane: "findings".into(),
        },
        Edit::AddActor {
            at: None,
            actor: Actor {
                id: "lavrov".into(),
                name: "Sergey Lavrov".into(),
                role: None,
            },
        },
        Edit::RenameActor {
            actor: "lavrov".into(),
            name: "S. Lavrov".into(),
        },
        Edit::SetActorRole {
            actor: "lavrov".into(),
            role: Some("Foreign minister".into()),
        },
        Edit::MoveActor {
            actor: "lavrov".into(),
            to: 0,
        },
        Edit::MergeActor {
            from: "peskov".into(),
            into: "lavrov".into(),
        },
        Edit::RemoveActor {
            actor: "mueller".into(),
        },
        Edit::SetEventActors {
            event: 0,
            actors: vec!["ghost".into()],
        },
        Edit::SetTags {
            event: 0,
            tags: vec!["a".into(), "b".into()],
        },
        Edit::Batch(vec![
            Edit::SetTitle {
                event: 0,
                title: "Batched".into(),
            },
            Edit::SetKind {
                event: 0,
                kind: EventKind::Election,
            },
        ]),
    ]
}

#[test]
fn every_edit_then_its_undo_gives_back_an_equal_dataset() {
    let mut dataset = fixture();
    for edit in every_edit() {
        let before = dataset.clone();
        let inverse = apply(&mut dataset, edit.clone()).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        assert_ne!(dataset, before, "{edit:?} changed nothing");
        let after = dataset.clone();
        let redo = apply(&mut dataset, inverse).unwrap();
        assert_eq!(dataset, before, "undoing {edit:?}");
        apply(&mut dataset, redo).unwrap();
        assert_eq!(dataset, after, "redoing {edit:?}");
    }
}

#[test]
fn the_index_quotes_and_findings_follow_every_edit_and_undo_as_a_fresh_load_would() {
    let mut doc = Doc::open(&fixture());
    doc.assert_fresh("opening");
    let edits = every_edit();
    for edit in &edits {
        doc.edit(edit.clone());
        doc.assert_fresh(&format!("{edit:?}"));
    }
    for edit in edits.iter().rev() {
        doc.undo();
        doc.assert_fresh(&format!("undoing {edit:?}"));
    }
    assert_eq!(doc.dataset, Doc::open(&fixture()).dataset);
    for edit in &edits {
        doc.redo();
        doc.assert_fresh(&format!("redoing {edit:?}"));
    }
}

#[test]
fn deleting_an_event_names_the_relations_that_point_at_it_and_can_remove_them() {
    let data = fixture();
    // peskov-denial (1) is followed by its-over (3) and twice by echo (5).
    assert_eq!(incoming_relations(&data, 1), [(3, 0), (5, 0), (5, 2)]);
    assert_eq!(incoming_relations(&data, 4), []);

    let mut kept = Doc::open(&data);
    kept.edit(Edit::DeleteEvent {
        event: 1,
        remove_incoming: false,
    });
    let dangling = kept
        .messages()
        .iter()
        .filter(|m| m.contains("relation target `peskov-denial` is not an event id"))
        .count();
    assert_eq!(dangling, 3, "{:?}", kept.messages());

    let mut removed = Doc::open(&data);
    removed.edit(Edit::DeleteEvent {
        event: 1,
        remove_incoming: true,
    });
    assert!(removed.findings.is_empty(), "{:?}", removed.messages());
    let echo = removed.dataset.event("echo").unwrap();
    assert_eq!(echo.relations.len(), 1);
    assert_eq!(echo.relations[0].target, "mueller-report");
    removed.undo();
    assert_eq!(removed.dataset, Doc::open(&data).dataset);
}

#[test]
fn revalidation_finds_an_empty_date_basis_and_a_quote_not_in_its_source() {
    let mut doc = Doc::open(&fixture());
    assert!(doc.findings.is_empty(), "{:?}", doc.messages());
    let committed = doc.edit(Edit::SetDateBasis {
        event: 2,
        basis: Some("  ".into()),
    });
    assert_eq!(committed.events, [2]);
    assert_eq!(committed.findings.fresh.len(), 1);
    let finding = &committed.findings.fresh[0];
    assert_eq!(finding.path, "events[2].date_basis");
    assert_eq!(finding.event.as_deref(), Some("election-2016"));
    assert!(
        finding.message.starts_with("date_basis is empty"),
        "{}",
        finding.message
    );

    doc.edit(Edit::ReAnchor {
        event: 3,
        citation: 0,
        quote: Quote {
            exact: "It's over,".into(),
            prefix: None,
            suffix: None,
        },
    });
    assert_eq!(doc.quotes.of(3), [QuoteMatch::NotFound]);
    let messages = doc.messages();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("quote not found verbatim in source `reuters`")),
        "{messages:?}"
    );
    // Its nearest passage is the curly-apostrophe one.
    let text = doc
        .dataset
        .source("reuters")
        .unwrap()
        .text
        .as_deref()
        .unwrap();
    let nearest = nearest_passage(text, &doc.dataset.events[3].citations[0].quote).unwrap();
    assert_eq!(&text[nearest.range.clone()], "It’s over,");
    // One click puts the source's words in: ✔ again, and the finding goes.
    let fixed = selector_from_selection(text, nearest.range).unwrap();
    doc.edit(Edit::ReAnchor {
        event: 3,
        citation: 0,
        quote: fixed.quote,
    });
    assert!(doc.quotes.of(3)[0].is_verified());
    assert_eq!(
        doc.findings.len(),
        1,
        "only the date basis: {:?}",
        doc.messages()
    );
    doc.assert_fresh("fixing the quote");
}

#[test]
fn replacing_a_source_text_says_which_quotes_broke() {
    let mut doc = Doc::open(&fixture());
    let committed = doc.edit(Edit::replace_source_text(
        "reuters",
        REUTERS.replace("“has never interfered”", "“never interfered”"),
    ));
    assert_eq!(committed.broken.len(), 1, "{:?}", committed.broken);
    let broken = committed.broken[0];
    assert_eq!((broken.event, broken.citation), (1, 0));
    assert!(broken.was.is_verified());
    assert_eq!(broken.now, QuoteMatch::NotFound);
    assert_eq!(
        committed.events,
        [1, 3],
        "every event citing the source was checked"
    );
    doc.assert_fresh("replacing the text");
}

#[test]
fn merging_an_actor_renames_it_in_every_event_once() {
    let mut doc = Doc::open(&fixture());
    doc.edit(Edit::MergeActor {
        from: "peskov".into(),
        into: "mueller".into(),
    });
    assert!(doc.dataset.actor("peskov").is_none());
    assert_eq!(doc.dataset.events[1].actors, [Id::from("mueller")]);
    assert_eq!(
        doc.dataset.events[5].actors,
        [Id::from("mueller")],
        "named once"
    );
    doc.undo();
    assert_eq!(doc.dataset, Doc::open(&fixture()).dataset);
    let mut data = fixture();
    assert_eq!(
        apply(
            &mut data,
            Edit::MergeActor {
                from: "peskov".into(),
                into: "peskov".into()
            }
        ),
        Err(EditError::MergeIntoItself("peskov".into()))
    );
}

#[test]
fn ids_are_unique_and_stay_when_titles_change() {
    let mut doc = Doc::open(&fixture());
    let taken = test_event("echo", EventKind::Statement, "", "2020", "Echo again");
    assert_eq!(
        apply(
            &mut doc.dataset.clone(),
            Edit::AddEvent {
                at: None,
                event: Box::new(taken)
            }
        ),
        Err(EditError::IdTaken {
            what: "an event",
            id: "echo".into()
        })
    );
    let today = day("2024-05-01");
    let mut ids = Vec::new();
    for _ in 0..3 {
        let event = new_event(
            &doc.dataset,
            &doc.index,
            "Echo",
            EventKind::Statement,
            Id::default(),
            None,
            today,
        );
        ids.push(event.id.clone());
        doc.edit(Edit::AddEvent {
            at: None,
            event: Box::new(event),
        });
    }
    assert_eq!(ids, ["echo-2", "echo-3", "echo-4"]);
    let at = doc.dataset.event_index("echo-2").unwrap();
    doc.edit(Edit::SetTitle {
        event: at,
        title: "Something else entirely".into(),
    });
    assert_eq!(doc.dataset.events[at].id, "echo-2", "the id stays");
}

#[test]
fn renaming_an_event_takes_the_relations_that_name_it_along_and_undo_takes_them_back() {
    let mut doc = Doc::open(&fixture());
    let before = doc.dataset.clone();
    doc.edit(Edit::RenameEvent {
        event: 1,
        id: "peskov-says".into(),
    });
    doc.assert_fresh("renaming");
    let targets = |doc: &Doc, event: &str| -> Vec<String> {
        let e = &doc.dataset.events[doc.dataset.event_index(event).unwrap()];
        e.relations.iter().map(|r| r.target.to_string()).collect()
    };
    assert_eq!(targets(&doc, "its-over"), ["peskov-says"]);
    assert_eq!(
        targets(&doc, "echo"),
        ["peskov-says", "mueller-report", "peskov-says"]
    );
    assert!(doc.messages().is_empty(), "{:?}", doc.messages());
    let echo = doc.dataset.event_index("echo").unwrap();
    assert_eq!(
        doc.index
            .incoming(1)
            .iter()
            .filter(|i| i.from == echo)
            .count(),
        2
    );
    doc.undo();
    assert_eq!(doc.dataset, before);
    doc.assert_fresh("undoing the rename");
}

#[test]
fn an_id_given_to_an_event_answers_the_relations_that_named_it() {
    let mut doc = Doc::open(&fixture());
    doc.edit(Edit::AddRelation {
        event: 2,
        at: None,
        relation: relation(RelationKind::Cites, "the-hearing"),
    });
    let dangling = |doc: &Doc| doc.messages().iter().any(|m| m.contains("the-hearing"));
    assert!(dangling(&doc), "{:?}", doc.messages());
    doc.edit(Edit::SetEventId {
        event: 4,
        id: "the-hearing".into(),
    });
    doc.assert_fresh("naming the hearing");
    assert!(!dangling(&doc), "{:?}", doc.messages());
    assert_eq!(doc.index.incoming(4).len(), 1);
    doc.undo();
    doc.assert_fresh("undoing the name");
    assert!(dangling(&doc));
    assert_eq!(
        apply(
            &mut doc.dataset.clone(),
            Edit::SetEventId {
                event: 4,
                id: "echo".into()
            }
        ),
        Err(EditError::IdTaken {
            what: "an event",
            id: "echo".into()
        })
    );
}

#[test]
fn a_new_events_id_follows_its_title_as_it_is_typed_and_undoes_with_it() {
    let mut doc = Doc::open(&fixture());
    let event = new_event(
        &doc.dataset,
        &doc.index,
        "New event",
        EventKind::Statement,
        Id::default(),
        None,
        day("2024-05-01"),
    );
    doc.edit(Edit::AddEvent {
        at: None,
        event: Box::new(event),
    });
    let at = doc.dataset.events.len() - 1;
    doc.edit(Edit::AddRelation {
        event: 3,
        at: None,
        relation: relation(RelationKind::RespondsTo, "new-event"),
    });
    let now = Instant::now();
    for title in ["E", "Ec", "Echo"] {
        let edit = retitle(&doc.dataset, &doc.index, at, title.into(), true);
        let mut live = Live {
            dataset: &mut doc.dataset,
            quotes: &mut doc.quotes,
            index: &mut doc.index,
        };
        let committed = doc.history.apply(&mut live, edit, Some(7), now).unwrap();
        committed.findings.update(&mut doc.findings);
    }
    // "echo" is taken, so the id is the title's next free one; the relation followed it.
    assert_eq!(doc.dataset.events[at].id, "echo-2");
    assert_eq!(
        doc.dataset.events[3].relations.last().unwrap().target,
        "echo-2"
    );
    doc.assert_fresh("typing a title");
    // The typing is one step, which gives back both the title and the id.
    doc.undo();
    assert_eq!(doc.dataset.events[at].title, "New event");
    assert_eq!(doc.dataset.events[at].id, "new-event");
    assert_eq!(
        doc.dataset.events[3].relations.last().unwrap().target,
        "new-event"
    );
    doc.assert_fresh("undoing the typing");
    // A saved event keeps its id.
    let kept = retitle(&doc.dataset, &doc.index, at, "Other".into(), false);
    assert!(matches!(kept, Edit::SetTitle { .. }), "{kept:?}");
}

mod history;
