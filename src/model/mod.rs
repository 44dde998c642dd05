//! The claims dataset: what happened, when, who said what, and where it is written.
//!
//! These types are the `claimline/1` format itself (serde + schemars), so the file, the schema and
//! the code cannot drift apart. Nothing here knows about egui.

pub mod color;
pub mod count;
pub mod date;
pub mod id;
pub mod kept;
pub mod link;
pub mod list;
pub mod passage;
pub mod quote;
pub mod targets;
pub mod visible_text;

pub use date::{Date, DateError, Precision};
pub use id::Id;
pub use kept::Kept;
pub use quote::{QuoteMatch, QuoteMatches, locate_quote, locate_quotes, locate_quotes_until};
pub use targets::RelationTargets;

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The one format string this version reads.
pub const FORMAT: &str = "claimline/1";

/// A whole dataset: lanes to draw in, the people involved, the texts cited, and the events.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Claimline dataset (claimline/1)")]
pub struct Dataset {
    /// Always `claimline/1`.
    #[schemars(extend("const" = "claimline/1"))]
    pub format: String,
    /// Shown in the window title and in export footers.
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Timeline rows, top to bottom. Without lanes there is one per event kind.
    #[serde(default)]
    pub lanes: Vec<Lane>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub sources: Vec<Source>,
    // Shared, so that handing the dataset to a save or an autosave thread copies a pointer per
    // event, not the events; an edit copies only the event it changes (`Arc::make_mut`). A plain
    // comment: a doc comment here would be the field's description in the published JSON Schema.
    pub events: Vec<Arc<Event>>,
    /// What the file held beyond these fields (unknown fields, items that could not be read,
    /// whether it declared its lanes), so that a save gives the file back. Not part of the
    /// format: never serialized; see [`kept`].
    #[serde(skip)]
    #[schemars(skip)]
    pub kept: Kept,
}

/// A row of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Lane {
    pub id: String,
    pub label: String,
    /// `#RRGGBB`, chosen to read on light and dark backgrounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// A person or body that acts in events.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// A text that events quote: an article, a report, a transcript.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    pub id: String,
    /// The headline or document title.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Publication date, as precisely as the source shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How the publication date or outlet was inferred, when the text does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The text itself. When `text_file` is given, the loader fills this from the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Path of the text relative to the dataset file; must stay inside the dataset's folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<String>,
    /// Hex SHA-256 of the text's UTF-8 bytes, to notice a source that changed under the quotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// What sort of thing happened. Each kind has its own mark shape and colour.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Election,
    Report,
    Legal,
    Statement,
    Context,
}

impl EventKind {
    pub const ALL: [Self; 5] = [
        Self::Election,
        Self::Report,
        Self::Legal,
        Self::Statement,
        Self::Context,
    ];

    /// The name used in files and as the default lane id.
    pub fn id(self) -> &'static str {
        match self {
            Self::Election => "election",
            Self::Report => "report",
            Self::Legal => "legal",
            Self::Statement => "statement",
            Self::Context => "context",
        }
    }

    /// Sentence-case name for legends and the detail panel.
    pub fn label(self) -> &'static str {
        match self {
            Self::Election => "Election",
            Self::Report => "Report",
            Self::Legal => "Legal action",
            Self::Statement => "Statement",
            Self::Context => "Context",
        }
    }
}

/// Something that happened on a date, with the words that attest it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Unique among events; relations refer to it.
    pub id: String,
    pub kind: EventKind,
    /// A lane id. Empty or absent: the lane named after the kind.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    #[schemars(with = "String")]
    pub lane: Id,
    pub date: Date,
    /// The end of a range, not before `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// The last date a source attests the event as still going, for a span whose end is not
    /// known: protests "for three months now" in an article of 9 Nov 2020. Instead of `end`, so
    /// the timeline never draws as finished what was only last seen going on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ongoing_as_of: Option<Date>,
    /// Bounds on an uncertain date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<Date>,
    /// How the date was derived, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Actor ids.
    #[serde(
        default,
        deserialize_with = "list::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Vec<String>")]
    pub actors: Vec<Id>,
    #[serde(
        default,
        deserialize_with = "list::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Vec<String>")]
    pub tags: Vec<Id>,
    #[serde(
        default,
        deserialize_with = "list::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub citations: Vec<Citation>,
    #[serde(
        default,
        deserialize_with = "list::exact",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub relations: Vec<Relation>,
}

impl Event {
    /// What a screen reader says for this event wherever it appears (a mark, a table row, a
    /// relation link): kind, date at its precision, title. "Statement, 13 Nov 2020: Peskov to RT".
    /// One function, so the same event sounds the same in every panel. The title is cut as a drawn
    /// one is: every visible mark makes its label each frame.
    pub fn accessible_label(&self) -> String {
        format!(
            "{}, {}: {}",
            self.kind.label(),
            self.date,
            visible_text::shown(&self.title, visible_text::MAX_DRAWN_CHARS)
        )
    }

    /// The first instant the event covers, including its `earliest` bound.
    pub fn earliest_days(&self) -> f64 {
        let start = self.date.start_days();
        self.earliest.map_or(start, |e| e.start_days().min(start))
    }

    /// The last instant the event is known to cover, including its range end, the day it was last
    /// attested as still going, and its `latest` bound.
    pub fn latest_days(&self) -> f64 {
        let end = self.end.unwrap_or(self.date).end_days();
        let end = self
            .attested_until_days()
            .map_or(end, |until| until.max(end));
        self.latest.map_or(end, |l| l.end_days().max(end))
    }

    /// Where the solid part of a still-going span ends: the end of the day (or minute) it was last
    /// attested, or the start of an attested month or year — it was going at some time in that
    /// period, so surely at its start, and no later instant is sure.
    ///
    /// `None` when the event is not marked `ongoing_as_of`.
    pub fn attested_until_days(&self) -> Option<f64> {
        let attested = self.ongoing_as_of?;
        let until = match attested.precision() {
            Precision::Year | Precision::Month => attested.start_days(),
            Precision::Day | Precision::Minute => attested.end_days(),
        };
        Some(until.max(self.date.start_days()))
    }
}

/// Where an event's words are written: a source and a quote inside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Citation {
    /// A source id.
    #[schemars(with = "String")]
    pub source: Id,
    pub quote: Quote,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A W3C Web Annotation `TextQuoteSelector`: the exact words, and context to pick one occurrence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    /// Must occur in the source text verbatim.
    pub exact: String,
    /// Text immediately before `exact`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Text immediately after `exact`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

/// A typed link from one event to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Relation {
    #[serde(rename = "type")]
    pub kind: RelationKind,
    /// An event id.
    #[schemars(with = "String")]
    pub target: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How one event bears on another.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// An answer to something that already happened.
    RespondsTo,
    /// A claim at odds with the target's findings.
    Contradicts,
    /// A denial of a finding, report or claim (an election is not denied: respond to it).
    Denies,
    /// One document drawing on another.
    Cites,
    /// A next step: an echo, a walk-back, a consequence.
    Follows,
    /// "Is about": a prediction, warning or call about a coming event, which cannot respond to
    /// what has not happened yet.
    Concerns,
}

impl RelationKind {
    pub const ALL: [Self; 6] = [
        Self::RespondsTo,
        Self::Contradicts,
        Self::Denies,
        Self::Cites,
        Self::Follows,
        Self::Concerns,
    ];

    /// The name used in files: `responds_to`.
    pub fn name(self) -> &'static str {
        match self {
            Self::RespondsTo => "responds_to",
            Self::Contradicts => "contradicts",
            Self::Denies => "denies",
            Self::Cites => "cites",
            Self::Follows => "follows",
            Self::Concerns => "concerns",
        }
    }

    /// Reads as a sentence: "<event> responds to <target>".
    pub fn verb(self) -> &'static str {
        match self {
            Self::RespondsTo => "responds to",
            Self::Contradicts => "contradicts",
            Self::Denies => "denies",
            Self::Cites => "cites",
            Self::Follows => "follows",
            Self::Concerns => "concerns",
        }
    }

    /// The passive reading, for relations seen from their target: "responded to by".
    pub fn inverse_verb(self) -> &'static str {
        match self {
            Self::RespondsTo => "responded to by",
            Self::Contradicts => "contradicted by",
            Self::Denies => "denied by",
            Self::Cites => "cited by",
            Self::Follows => "followed by",
            Self::Concerns => "subject of",
        }
    }
}

impl Dataset {
    /// The lane an event is drawn in (its own, or the one named after its kind).
    pub fn lane_id<'a>(&self, event: &'a Event) -> &'a str {
        if event.lane.is_empty() {
            event.kind.id()
        } else {
            &event.lane
        }
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id).map(|e| &**e)
    }

    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The time the events cover, in days since 1970, or `None` for a dataset with no events.
    pub fn time_extent_days(&self) -> Option<(f64, f64)> {
        self.events.iter().fold(None, |acc, e| {
            let (lo, hi) = (e.earliest_days(), e.latest_days());
            Some(acc.map_or((lo, hi), |(a, b): (f64, f64)| (a.min(lo), b.max(hi))))
        })
    }
}

/// An event with only what every event needs, for tests that build datasets by hand.
#[cfg(test)]
pub(crate) fn test_event(id: &str, kind: EventKind, lane: &str, date: &str, title: &str) -> Event {
    Event {
        id: id.into(),
        kind,
        lane: lane.into(),
        date: Date::parse(date).unwrap(),
        end: None,
        ongoing_as_of: None,
        earliest: None,
        latest: None,
        date_basis: None,
        title: title.into(),
        summary: None,
        actors: vec![],
        tags: vec![],
        citations: vec![],
        relations: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accessible_label_cuts_a_title_no_screen_could_show() {
        let event = test_event("long", EventKind::Report, "", "2020", &"B".repeat(1 << 20));
        let label = event.accessible_label();
        assert!(label.starts_with("Report, 2020: BBB"), "{}", &label[..40]);
        assert_eq!(
            label.chars().count(),
            "Report, 2020: ".len() + visible_text::MAX_DRAWN_CHARS + 1
        );
    }

    #[test]
    fn an_accessible_label_says_kind_date_at_its_precision_and_title() {
        let mut event = Event {
            id: "peskov-rt".into(),
            kind: EventKind::Statement,
            lane: Id::default(),
            date: Date::parse("2020-11-13").unwrap(),
            end: None,
            earliest: None,
            latest: None,
            date_basis: None,
            title: "Peskov to RT: Russia never interferes".into(),
            summary: None,
            actors: vec![],
            tags: vec![],
            citations: vec![],
            relations: vec![],
            ongoing_as_of: None,
        };
        assert_eq!(
            event.accessible_label(),
            "Statement, 13 Nov 2020: Peskov to RT: Russia never interferes"
        );
        event.kind = EventKind::Report;
        event.date = Date::parse("2019-04").unwrap();
        assert_eq!(
            event.accessible_label(),
            "Report, Apr 2019: Peskov to RT: Russia never interferes",
            "a month-precision date is read as a month, never as the 1st"
        );
    }
}
