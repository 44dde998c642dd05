//! Making the record: edits to a dataset, undone and redone, with the index and the findings of
//! the open document kept up to date one edit at a time.
//!
//! Pure Rust with no egui in it, so the window, the command line and the tests share it:
//! - [`Edit`] is an edit as plain data; [`apply`] applies one to a dataset and returns its inverse.
//! - [`Live::apply`] applies one to an open document: the [`crate::timeline::TimelineIndex`] is
//!   updated in place and only what the edit touched is validated again ([`Revalidation`]).
//! - [`History`] keeps the undo and redo stacks, merging keystrokes in one field into one step.
//! - [`selector_from_selection`] makes a citation from a selection, with the shortest unique
//!   context; [`nearest_passage`] finds where a ✘ quote nearly is, and what differs.
//! - [`new_event`], [`new_source`] and the `cite_*` functions make new things with ids from their
//!   titles ([`slug`]) and the defaults a user would pick.

pub mod apply;
pub mod edits;
pub mod fix;
pub mod history;
pub mod incoming;
pub mod live;
pub mod nearest;
pub mod new_event;
pub mod render;
pub mod revalidate;
pub mod selector;
pub mod slug;
pub mod source;
pub mod source_file;

pub use apply::apply;
pub use edits::{Edit, EditError, EventDates, Field, SourceInfo};
pub use fix::{nearest_for_citation, use_source_words};
pub use history::History;
pub use incoming::incoming_relations;
pub use live::{BrokenQuote, Committed, Live};
pub use nearest::{Difference, Nearest, nearest_passage};
pub use new_event::{
    CiteError, citation_from_selection, cite_in_event, cite_in_new_event, date_basis, event_id,
    new_event, retitle, today, with_row_for,
};
pub use render::quote_and_passage;
pub use revalidate::{Revalidation, revalidate};
pub use selector::{Selected, SelectionError, selector_from_selection};
pub use slug::{slug, unique_id};
pub use source::{SourceDraft, SourceError, new_source, source_info};
pub use source_file::{SourceText, read_source_text};

#[cfg(test)]
mod tests;
