//! Making the record in the window: every change goes through [`History`] (so it can be undone),
//! what is not saved yet, and saving off the UI thread.
//!
//! An edit is plain data from the core ([`crate::edit::Edit`]); applying one updates the open
//! document's dataset, quote checks and index in place (`edit::Live`), then the findings and what
//! is derived from them ([`crate::document::Document::follow_edit`]).

use std::collections::HashMap;
use std::path::PathBuf;

use super::job::Job;
use crate::edit::{Edit, History};
use crate::model::{EventKind, Id, RelationKind};
use crate::save::{SaveError, Saved};

/// A save running on its own thread.
pub type SaveJob = Job<Result<Saved, SaveError>>;

/// The editing state of the open document.
pub struct Editing {
    pub history: History,
    /// A save running, the file it writes, and [`Self::changes`] when it started.
    pub saving: Option<(PathBuf, u64, SaveJob)>,
    /// Counts edits, undos and redos: a save marks the dataset saved only if none came while it
    /// ran.
    pub changes: u64,
    /// The detail panel shows the selected event as a form (its "✏ Edit" switch).
    pub form_open: bool,
    /// The kind and lane the user chose last: a new event takes them.
    pub last_kind: EventKind,
    pub last_lane: Id,
    /// Work recovered after a crash: unsaved until saved, though no edit was made here.
    pub recovered: bool,
    /// A relation waiting for its target to be clicked.
    pub picking: Option<RelationPick>,
    /// Ids of events made here and not saved yet, with [`Self::changes`] when each event was
    /// made: their ids still follow their titles.
    pub unsaved_ids: HashMap<String, u64>,
    /// Rows added here because an event's kind had none: a kind changed again takes such a row
    /// away if nothing else is in it ([`crate::edit::with_row_for`]).
    pub rows_made: Vec<Id>,
}

/// A new relation from `event` (by id, which edits do not shift) of `kind`, whose target is the
/// next event clicked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationPick {
    pub event: Id,
    pub kind: RelationKind,
}

impl Default for Editing {
    fn default() -> Self {
        Self {
            history: History::default(),
            saving: None,
            changes: 0,
            form_open: false,
            last_kind: EventKind::Statement,
            last_lane: Id::default(),
            recovered: false,
            picking: None,
            unsaved_ids: HashMap::new(),
            rows_made: Vec::new(),
        }
    }
}

impl Editing {
    /// Whether the dataset has changes not saved to its file.
    pub fn is_dirty(&self) -> bool {
        self.recovered || !self.history.is_saved()
    }

    /// The kind of relation whose target is being picked for event `selected`.
    pub fn picking_for(
        &self,
        doc: &crate::document::Document,
        selected: Option<usize>,
    ) -> Option<RelationKind> {
        let pick = self.picking.as_ref()?;
        let event = doc.dataset.events.get(selected?)?;
        (event.id == pick.event).then_some(pick.kind)
    }

    /// `edit` as it should be applied: retitling an event not saved yet renames it too.
    pub fn name_by_title(&mut self, doc: &crate::document::Document, edit: Edit) -> Edit {
        let Edit::SetTitle { event, title } = edit else {
            return edit;
        };
        let made = doc
            .dataset
            .events
            .get(event)
            .and_then(|e| self.unsaved_ids.get(&e.id).copied());
        let edit = crate::edit::retitle(&doc.dataset, &doc.index, event, title, made.is_some());
        if let (Edit::Batch(steps), Some(made)) = (&edit, made) {
            for step in steps {
                if let Edit::RenameEvent { id, .. } = step {
                    self.unsaved_ids.insert(id.clone(), made);
                    // A relation being picked from this event stays its.
                    let old = doc.dataset.events.get(event).map(|e| e.id.as_str());
                    if let Some(pick) = &mut self.picking
                        && Some(pick.event.as_str()) == old
                    {
                        pick.event = id.as_str().into();
                    }
                }
            }
        }
        edit
    }

    /// Notes the events `edit` adds as made here.
    pub fn note_new_events(&mut self, edit: &Edit) {
        match edit {
            Edit::AddEvent { event, .. } => {
                self.unsaved_ids.insert(event.id.clone(), self.changes);
            }
            Edit::Batch(edits) => edits.iter().for_each(|e| self.note_new_events(e)),
            _ => {}
        }
    }

    /// A save that began after `changes` edits has written the events made before then.
    pub fn saved_ids(&mut self, changes: u64) {
        self.unsaved_ids.retain(|_, &mut made| made >= changes);
    }

    /// A kind or lane set by hand is the user's choice for the next new event.
    pub fn remember_choice(&mut self, edit: &Edit) {
        match edit {
            Edit::SetKind { kind, .. } => self.last_kind = *kind,
            Edit::SetLane { lane, .. } => self.last_lane = lane.clone(),
            _ => {}
        }
    }
}
