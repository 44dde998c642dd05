//! Undo and redo: two stacks of edits. Undoing applies the top edit of the undo stack, which
//! hands back the edit that redoes it.
//!
//! Typing in a field makes an edit per keystroke; they undo as one step. Consecutive edits of the
//! same field ([`Edit::field`]) merge while they share a group (the UI passes the id of the text
//! box while it has focus), or, with no group, while each comes within [`TYPING_PAUSE`] of the
//! last. The merged step keeps the oldest inverse, which restores the field as it was before the
//! typing began.

use std::time::{Duration, Instant};

use super::edits::{Edit, EditError, Field};
use super::live::{Committed, Live};

/// Edits of one field further apart than this are separate steps when no group says otherwise.
pub const TYPING_PAUSE: Duration = Duration::from_secs(1);

/// Steps kept for undo; the oldest go first.
pub const MAX_STEPS: usize = 1000;

/// The undo and redo stacks of an open document.
#[derive(Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The id the next step gets; 0 is the state before any step.
    next_id: u64,
    /// The state last saved (the id of the step on top of the undo stack then).
    saved: Option<u64>,
}

impl Default for History {
    fn default() -> Self {
        Self::new()
    }
}

/// One undoable step.
#[derive(Debug)]
struct Step {
    /// The edit that goes back (on the undo stack) or forward again (on the redo stack).
    edit: Edit,
    /// The state this step leads to, to tell whether it was saved.
    id: u64,
    /// Set while the step can still take more typing.
    typing: Option<Typing>,
}

#[derive(Debug)]
struct Typing {
    field: Field,
    group: Option<u64>,
    at: Instant,
}

impl History {
    pub fn new() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            next_id: 1,
            saved: Some(0),
        }
    }

    /// Applies `edit` to the open document and records how to undo it. `group` names one session
    /// of typing into a field; `now` is when the edit was made.
    pub fn apply(
        &mut self,
        live: &mut Live<'_>,
        edit: Edit,
        group: Option<u64>,
        now: Instant,
    ) -> Result<Committed, EditError> {
        let field = edit.field();
        let committed = live.apply(edit)?;
        self.record(field, committed.inverse.clone(), group, now);
        Ok(committed)
    }

    /// Records an edit applied elsewhere: `inverse` undoes it, `field` is its [`Edit::field`].
    pub fn record(
        &mut self,
        field: Option<Field>,
        inverse: Edit,
        group: Option<u64>,
        now: Instant,
    ) {
        if matches!(&inverse, Edit::Batch(steps) if steps.is_empty()) {
            return;
        }
        self.redo.clear();
        let id = self.fresh_id();
        if let (Some(field), Some(top)) = (&field, self.undo.last_mut())
            && let Some(typing) = &mut top.typing
            && typing.field == *field
            && match (group, typing.group) {
                (Some(a), Some(b)) => a == b,
                (None, None) => now.saturating_duration_since(typing.at) <= TYPING_PAUSE,
                _ => false,
            }
        {
            // More typing: the step keeps its oldest inverse and now leads to a new state.
            typing.at = now;
            top.id = id;
            return;
        }
        self.undo.push(Step {
            edit: inverse,
            id,
            typing: field.map(|field| Typing {
                field,
                group,
                at: now,
            }),
        });
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// Undoes the last step; `None` when there is none.
    pub fn undo(&mut self, live: &mut Live<'_>) -> Option<Result<Committed, EditError>> {
        let step = self.undo.pop()?;
        Some(self.replay(live, step, false))
    }

    /// Redoes the last undone step; `None` when there is none.
    pub fn redo(&mut self, live: &mut Live<'_>) -> Option<Result<Committed, EditError>> {
        let step = self.redo.pop()?;
        Some(self.replay(live, step, true))
    }

    /// Applies a step's edit and moves it to the other stack.
    fn replay(
        &mut self,
        live: &mut Live<'_>,
        step: Step,
        forward: bool,
    ) -> Result<Committed, EditError> {
        match live.apply(step.edit) {
            Ok(committed) => {
                let moved = Step {
                    edit: committed.inverse.clone(),
                    id: step.id,
                    typing: None,
                };
                if forward {
                    self.undo.push(moved);
                } else {
                    self.redo.push(moved);
                }
                Ok(committed)
            }
            Err(error) => {
                // The stacks no longer fit the dataset: keep nothing that could make it worse.
                self.undo.clear();
                self.redo.clear();
                self.saved = None;
                Err(error)
            }
        }
    }

    /// The next edit starts a new step, even of the same field (the field lost focus).
    pub fn seal(&mut self) {
        if let Some(top) = self.undo.last_mut() {
            top.typing = None;
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The dataset as it is now was just saved.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.state());
        self.seal();
    }

    /// Whether the dataset is as it was last saved (or loaded), undo and redo included.
    pub fn is_saved(&self) -> bool {
        self.saved == Some(self.state())
    }

    fn state(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.id)
    }

    fn fresh_id(&mut self) -> u64 {
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        id
    }
}
