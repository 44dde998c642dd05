//! An edit as plain data: what to change in a dataset, and nothing about how it is drawn.
//!
//! The window, the command line and the tests all make the same [`Edit`]s. Applying one returns
//! another, its inverse, so undo and redo are two stacks of edits ([`super::History`]).
//!
//! Events are named by their place in `dataset.events`, as the rest of the app names them (the
//! index, the quote checks, the selection); sources, lanes and actors by their ids. An edit is
//! meant for the dataset it was made for: the undo and redo stacks replay edits in order, so each
//! one finds the dataset as it was when it was made.

use crate::model::{Actor, Citation, Date, Event, EventKind, Id, Lane, Quote, Relation, Source};

/// An event's dates, edited together: a date at any precision, the end of a range or the last
/// date it was seen still going, and bounds on an uncertain date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventDates {
    pub date: Date,
    /// The end of a range, not before `date`.
    pub end: Option<Date>,
    /// Still going as of this date, end unknown (instead of `end`).
    pub ongoing_as_of: Option<Date>,
    pub earliest: Option<Date>,
    pub latest: Option<Date>,
}

impl EventDates {
    /// A single date and nothing else.
    pub fn on(date: Date) -> Self {
        Self {
            date,
            end: None,
            ongoing_as_of: None,
            earliest: None,
            latest: None,
        }
    }

    /// The dates `event` has now.
    pub fn of(event: &Event) -> Self {
        Self {
            date: event.date,
            end: event.end,
            ongoing_as_of: event.ongoing_as_of,
            earliest: event.earliest,
            latest: event.latest,
        }
    }

    /// Writes these dates into `event`.
    pub(crate) fn put(self, event: &mut Event) {
        event.date = self.date;
        event.end = self.end;
        event.ongoing_as_of = self.ongoing_as_of;
        event.earliest = self.earliest;
        event.latest = self.latest;
    }
}

/// What a source says about itself besides its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceInfo {
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    /// `http`/`https` only when made by [`super::source::source_info`].
    pub url: Option<String>,
    pub note: Option<String>,
}

impl SourceInfo {
    /// What `source` says now.
    pub fn of(source: &Source) -> Self {
        Self {
            title: source.title.clone(),
            outlet: source.outlet.clone(),
            published: source.published,
            url: source.url.clone(),
            note: source.note.clone(),
        }
    }

    pub(crate) fn put(self, source: &mut Source) {
        source.title = self.title;
        source.outlet = self.outlet;
        source.published = self.published;
        source.url = self.url;
        source.note = self.note;
    }
}

/// One change to a dataset. `at: None` appends; `at: Some(i)` inserts before item `i`.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds an event. Its id must not be taken (see [`super::new_event`]).
    AddEvent {
        at: Option<usize>,
        event: Box<Event>,
    },
    /// Deletes an event. Relations of other events that point at it are left dangling (and
    /// reported) unless `remove_incoming`; [`super::incoming_relations`] lists them to ask first.
    DeleteEvent {
        event: usize,
        remove_incoming: bool,
    },
    SetTitle {
        event: usize,
        title: String,
    },
    /// Gives an event a new id, and points the relations that named the old one at it: a new
    /// event's id follows its title until it is saved (see [`super::retitle`]).
    RenameEvent {
        event: usize,
        id: String,
    },
    /// Sets an event's id alone; relations naming the old id are left dangling (and reported).
    /// [`Edit::RenameEvent`] is made of these and the relations it moves.
    SetEventId {
        event: usize,
        id: String,
    },
    SetSummary {
        event: usize,
        summary: Option<String>,
    },
    SetKind {
        event: usize,
        kind: EventKind,
    },
    /// An empty lane id draws the event in the lane named after its kind.
    SetLane {
        event: usize,
        lane: Id,
    },
    SetDate {
        event: usize,
        dates: EventDates,
    },
    SetDateBasis {
        event: usize,
        basis: Option<String>,
    },
    /// Names an actor in the event (nothing happens when it is named already).
    AddEventActor {
        event: usize,
        actor: Id,
    },
    RemoveEventActor {
        event: usize,
        actor: Id,
    },
    /// All of the event's actors, in order (how the two above are undone, and how a list is
    /// reordered).
    SetEventActors {
        event: usize,
        actors: Vec<Id>,
    },
    AddTag {
        event: usize,
        tag: Id,
    },
    RemoveTag {
        event: usize,
        tag: Id,
    },
    SetTags {
        event: usize,
        tags: Vec<Id>,
    },
    AddCitation {
        event: usize,
        at: Option<usize>,
        citation: Citation,
    },
    RemoveCitation {
        event: usize,
        citation: usize,
    },
    /// Points a citation at other words of its source (a new selection, or the nearest passage).
    ReAnchor {
        event: usize,
        citation: usize,
        quote: Quote,
    },
    AddRelation {
        event: usize,
        at: Option<usize>,
        relation: Relation,
    },
    RemoveRelation {
        event: usize,
        relation: usize,
    },
    /// Adds a source; see [`super::source::new_source`] for one made from pasted text.
    AddSource {
        at: Option<usize>,
        source: Box<Source>,
    },
    RemoveSource {
        source: Id,
    },
    SetSourceInfo {
        source: Id,
        info: SourceInfo,
    },
    /// Replaces a source's text and its hash ([`Edit::replace_source_text`] hashes it). Every
    /// quote of the source is checked again; [`super::Committed::broken`] lists those that broke.
    ReplaceSourceText {
        source: Id,
        text: Option<String>,
        sha256: Option<String>,
    },
    AddLane {
        at: Option<usize>,
        lane: Lane,
    },
    RemoveLane {
        lane: Id,
    },
    RenameLane {
        lane: Id,
        label: String,
    },
    RecolourLane {
        lane: Id,
        color: Option<String>,
    },
    /// Moves a lane to row `to` (counted after it is taken out).
    MoveLane {
        lane: Id,
        to: usize,
    },
    AddActor {
        at: Option<usize>,
        actor: Actor,
    },
    RemoveActor {
        actor: Id,
    },
    RenameActor {
        actor: Id,
        name: String,
    },
    SetActorRole {
        actor: Id,
        role: Option<String>,
    },
    MoveActor {
        actor: Id,
        to: usize,
    },
    /// Every event naming `from` names `into` instead (once), and `from` is removed.
    MergeActor {
        from: Id,
        into: Id,
    },
    /// The dataset's own title and description (the window title and export footers show it).
    SetDatasetInfo {
        title: String,
        description: String,
    },
    /// Several edits as one step, applied in order; if one fails, none is kept.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Replaces a source's text with `text`, hashed as the loader checks it.
    pub fn replace_source_text(source: impl Into<Id>, text: String) -> Self {
        let sha256 = Some(crate::load::validate::sha256_hex(text.as_bytes()));
        Self::ReplaceSourceText {
            source: source.into(),
            text: Some(text),
            sha256,
        }
    }

    /// Which field of what this edit sets, when typing into that field makes many of them:
    /// consecutive edits with the same key undo as one step ([`super::History`]).
    ///
    /// A new event's id follows its title as it is typed, so renaming it is part of the title's
    /// field, and a batch whose edits all set one field sets that field.
    pub fn field(&self) -> Option<Field> {
        let (what, of) = match self {
            Self::Batch(edits) => {
                let (first, rest) = edits.split_first()?;
                let field = first.field()?;
                return rest
                    .iter()
                    .all(|e| e.field().as_ref() == Some(&field))
                    .then_some(field);
            }
            Self::SetTitle { event, .. } | Self::RenameEvent { event, .. } => {
                (FieldName::Title, Of::Event(*event))
            }
            Self::SetSummary { event, .. } => (FieldName::Summary, Of::Event(*event)),
            Self::SetDate { event, .. } => (FieldName::Date, Of::Event(*event)),
            Self::SetDateBasis { event, .. } => (FieldName::DateBasis, Of::Event(*event)),
            Self::ReAnchor {
                event, citation, ..
            } => (FieldName::Quote(*citation), Of::Event(*event)),
            Self::SetSourceInfo { source, .. } => (FieldName::SourceInfo, Of::Id(source.clone())),
            Self::RenameLane { lane, .. } => (FieldName::LaneLabel, Of::Id(lane.clone())),
            Self::RecolourLane { lane, .. } => (FieldName::LaneColour, Of::Id(lane.clone())),
            Self::RenameActor { actor, .. } => (FieldName::ActorName, Of::Id(actor.clone())),
            Self::SetActorRole { actor, .. } => (FieldName::ActorRole, Of::Id(actor.clone())),
            Self::SetDatasetInfo { .. } => (FieldName::DatasetInfo, Of::Dataset),
            _ => return None,
        };
        Some(Field { what, of })
    }
}

/// A field that typing changes one character at a time.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    what: FieldName,
    of: Of,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum FieldName {
    Title,
    Summary,
    Date,
    DateBasis,
    Quote(usize),
    SourceInfo,
    LaneLabel,
    LaneColour,
    ActorName,
    ActorRole,
    DatasetInfo,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Of {
    Event(usize),
    Id(Id),
    Dataset,
}

/// Why an edit could not be applied. The dataset is left as it was.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no event number {0}")]
    NoEvent(usize),
    #[error("event `{event}` has no citation number {citation}")]
    NoCitation { event: String, citation: usize },
    #[error("event `{event}` has no relation number {relation}")]
    NoRelation { event: String, relation: usize },
    #[error("there is no source `{0}`")]
    NoSource(String),
    #[error("there is no lane `{0}`")]
    NoLane(String),
    #[error("there is no actor `{0}`")]
    NoActor(String),
    #[error("there is already {what} with the id `{id}`")]
    IdTaken { what: &'static str, id: String },
    #[error("an id cannot be empty")]
    EmptyId,
    #[error("actor `{0}` cannot be merged into itself")]
    MergeIntoItself(String),
    #[error("place {at} is past the end of a list of {len}")]
    OutOfRange { at: usize, len: usize },
    /// A compound edit reached the code for simple ones (a bug, reported rather than a panic).
    #[error("a compound edit cannot be applied as one step")]
    NotSimple,
}
