//! How the commands that make the record change the app: edits, undo and redo, saving, leaving a
//! dataset with unsaved changes, File ▸ New, sources and citing a selected passage.

use std::sync::Arc;

use super::claimline_app::{ClaimlineApp, file_stem};
use super::command::Command;
use super::command::Leaving;
use super::editing::RelationPick;
use super::file_chooser::{FilePurpose, FileRequest};
use super::loading::LoadReason;
use super::source_view::SourceView;
use crate::document::Document;
use crate::edit::{Edit, incoming_relations};

impl ClaimlineApp {
    pub(super) fn apply_record(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit { edit, group } => self.apply_edit(edit, group),
            Command::Undo | Command::Redo => self.undo_or_redo(command == Command::Undo),
            Command::Save => match self.save_target() {
                Some(path) => self.start_save(ctx, path),
                None => self.apply_record(ctx, Command::SaveAsDialog),
            },
            Command::SaveAsDialog => {
                let name = format!("{}.json", file_stem(&self.doc.dataset.title));
                self.request_file(
                    ctx,
                    FileRequest {
                        purpose: FilePurpose::SaveDataset,
                        save_as: Some((name, "json")),
                    },
                );
            }
            Command::SaveTo(path) => self.start_save(ctx, path),
            Command::Leave { to, save_first } => {
                if save_first {
                    self.after_save = Some(to);
                    self.apply_record(ctx, Command::Save);
                } else {
                    self.leave(ctx, to);
                }
            }
            Command::NewDataset => self.leave_or_ask(ctx, Leaving::New),
            Command::NewEvent => {
                let event = crate::edit::new_event(
                    &self.doc.dataset,
                    &self.doc.index,
                    "New event",
                    self.editing.last_kind,
                    self.editing.last_lane.clone(),
                    None,
                    crate::edit::today(),
                );
                let at = self.doc.dataset.events.len();
                self.apply_edit(
                    Edit::AddEvent {
                        at: Some(at),
                        event: Box::new(event),
                    },
                    None,
                );
                if self.doc.dataset.events.len() > at {
                    self.focus(at);
                    self.editing.form_open = true;
                }
            }
            Command::EditForm(open) => self.editing.form_open = open,
            Command::ShowAddSource => self.add_source.open = true,
            Command::ChooseSourceFile => self.request_file(
                ctx,
                FileRequest {
                    purpose: FilePurpose::SourceText,
                    save_as: None,
                },
            ),
            Command::ReadSourceText(path) => match crate::edit::read_source_text(&path) {
                Ok(read) => self.add_source.take_file(read),
                Err(error) => self.add_source.refuse(error.to_string()),
            },
            Command::ShowSourceText(source) => {
                self.source_view = Some(SourceView::of_source(source));
            }
            Command::CiteSelection { new_event } => self.cite_selection(new_event),
            Command::UseSourceWords { event, citation } => {
                match crate::edit::use_source_words(&self.doc.dataset, event, citation) {
                    Some(edit) => {
                        self.apply_edit(edit, None);
                        // Show it as found now: the window opens again at the quote.
                        self.source_view = Some(SourceView::new(event, citation));
                    }
                    None => self.notice = Some("No nearer passage to take".to_owned()),
                }
            }
            Command::ReAnchorSelection {
                event,
                citation,
                range,
            } => {
                let source = self
                    .doc
                    .dataset
                    .events
                    .get(event)
                    .and_then(|e| e.citations.get(citation))
                    .map(|c| c.source.clone());
                let made = source.map(|source| {
                    crate::edit::citation_from_selection(&self.doc.dataset, &source, range)
                });
                match made {
                    Some(Ok(cited)) => {
                        self.apply_edit(
                            Edit::ReAnchor {
                                event,
                                citation,
                                quote: cited.quote,
                            },
                            None,
                        );
                        self.source_view = Some(SourceView::new(event, citation));
                    }
                    Some(Err(error)) => self.notice = Some(format!("Not re-anchored: {error}")),
                    None => {}
                }
            }
            Command::DeleteEvent(event) => {
                if incoming_relations(&self.doc.dataset, event).is_empty() {
                    self.apply_edit(
                        Edit::DeleteEvent {
                            event,
                            remove_incoming: false,
                        },
                        None,
                    );
                } else {
                    self.confirm_delete = Some(event);
                }
            }
            Command::ShowLanesAndActors => self.lanes_and_actors_open = true,
            Command::PickRelationTarget(kind) => {
                self.editing.picking = kind.zip(self.selected).and_then(|(kind, event)| {
                    let id = self.doc.dataset.events.get(event)?.id.clone();
                    Some(RelationPick {
                        event: id.as_str().into(),
                        kind,
                    })
                });
            }
            Command::RecoverAutosave(take) => self.recover(take),
            _ => {}
        }
    }

    /// Does what would close the open dataset, asking first when it has unsaved changes.
    pub(super) fn leave_or_ask(&mut self, ctx: &egui::Context, to: Leaving) {
        if self.editing.is_dirty() {
            self.confirm_leave = Some(to);
        } else {
            self.leave(ctx, to);
        }
    }

    /// Does what would close the open dataset; the user has saved or chosen to drop changes.
    pub(super) fn leave(&mut self, ctx: &egui::Context, to: Leaving) {
        match to {
            Leaving::Quit => {
                self.quitting = true;
                self.autosave.forget();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Leaving::Open(path) => self.start_load(ctx, path, LoadReason::Open),
            Leaving::Reload | Leaving::ChangedOnDisk(_) => {
                if let crate::load::Origin::File(path) = &self.doc.origin {
                    let path = path.clone();
                    self.start_load(ctx, path, LoadReason::Reload);
                }
            }
            Leaving::New => {
                self.autosave.forget();
                self.replace_document(Document::untitled(), LoadReason::Open);
                self.notice = Some(
                    "A new dataset: File ▸ Add source… to paste an article, then select a passage \
                     to cite it"
                        .to_owned(),
                );
            }
        }
    }

    /// **Cite in a new event** or **in the selected event**: the passage selected in the source
    /// window, with the shortest context that makes it unique, verified at once.
    fn cite_selection(&mut self, new_event: bool) {
        let Some((source, range)) = self.source_view.as_ref().and_then(SourceView::selection)
        else {
            self.notice = Some("Select a passage in the source window first".to_owned());
            return;
        };
        let made = if new_event {
            crate::edit::cite_in_new_event(
                &self.doc.dataset,
                &self.doc.index,
                &source,
                range,
                (self.editing.last_kind, self.editing.last_lane.clone()),
                crate::edit::today(),
            )
            .map(|(edit, at)| (edit, Some(at)))
        } else {
            let Some(event) = self.selected else {
                self.notice =
                    Some("Select the event to cite in first (or cite in a new event)".into());
                return;
            };
            crate::edit::cite_in_event(&self.doc.dataset, event, &source, range)
                .map(|edit| (edit, None))
        };
        match made {
            Ok((edit, new)) => {
                let changes = self.editing.changes;
                self.apply_edit(edit, None);
                if self.editing.changes == changes {
                    return;
                }
                if let Some(event) = new {
                    self.focus(event);
                    self.editing.form_open = true;
                    self.notice = Some(
                        "Cited in a new event, dated by its source: check its title, date and kind"
                            .to_owned(),
                    );
                } else {
                    self.notice = Some("Cited in the selected event".to_owned());
                }
            }
            Err(error) => self.notice = Some(format!("Not cited: {error}")),
        }
    }

    /// Applies an edit to the open document through the history. A search or a table order being
    /// made on another thread shares the document: the edit waits for it (a few milliseconds).
    pub(super) fn apply_edit(&mut self, edit: Edit, group: Option<u64>) {
        let Some(doc) = Arc::get_mut(&mut self.doc) else {
            self.commands.push(Command::Edit { edit, group });
            return;
        };
        self.editing.remember_choice(&edit);
        self.editing.note_new_events(&edit);
        let edit = self.editing.name_by_title(doc, edit);
        let edit =
            crate::edit::with_row_for(&doc.dataset, &doc.index, edit, &mut self.editing.rows_made);
        let mut live = crate::edit::Live {
            dataset: &mut doc.dataset,
            quotes: &mut doc.quotes,
            index: &mut doc.index,
        };
        match self
            .editing
            .history
            .apply(&mut live, edit, group, std::time::Instant::now())
        {
            Ok(committed) => {
                committed.follow_in(doc);
                if !committed.broken.is_empty() {
                    self.notice = Some(format!(
                        "{} no longer found in the new text (✘ in their events; Ctrl+Z undoes)",
                        crate::model::count::count(
                            committed.broken.len(),
                            "quote is",
                            "quotes are"
                        )
                    ));
                }
                self.after_edit();
            }
            Err(error) => self.notice = Some(format!("Not changed: {error}")),
        }
    }

    pub(super) fn undo_or_redo(&mut self, undo: bool) {
        let Some(doc) = Arc::get_mut(&mut self.doc) else {
            self.commands
                .push(if undo { Command::Undo } else { Command::Redo });
            return;
        };
        let mut live = crate::edit::Live {
            dataset: &mut doc.dataset,
            quotes: &mut doc.quotes,
            index: &mut doc.index,
        };
        let done = if undo {
            self.editing.history.undo(&mut live)
        } else {
            self.editing.history.redo(&mut live)
        };
        match done {
            Some(Ok(committed)) => {
                committed.follow_in(doc);
                self.after_edit();
            }
            Some(Err(error)) => self.notice = Some(format!("Could not undo: {error}")),
            None => {}
        }
    }

    /// What the views derive from the dataset follows an edit: the filter's matches, the table.
    fn after_edit(&mut self) {
        self.editing.changes += 1;
        if self
            .selected
            .is_some_and(|s| s >= self.doc.dataset.events.len())
        {
            self.selected = None;
        }
        let filter = self.find.filter.clone();
        self.set_filter(filter);
        self.find.generation += 1;
    }

    /// While a relation's target is being picked, the event clicked becomes it: the relation is
    /// added from the event the pick began on, which stays selected. Returns whether the click
    /// was taken.
    pub(super) fn pick_relation_target(&mut self, target: usize) -> bool {
        let Some(pick) = self.editing.picking.clone() else {
            return false;
        };
        let Some(from) = self.doc.index.event_by_id(&self.doc.dataset, &pick.event) else {
            self.editing.picking = None;
            return false;
        };
        if from == target {
            self.notice = Some("An event cannot be related to itself: click another one".into());
            return true;
        }
        let Some(target_id) = self.doc.dataset.events.get(target).map(|e| e.id.clone()) else {
            return true;
        };
        self.editing.picking = None;
        self.apply_edit(
            Edit::AddRelation {
                event: from,
                at: None,
                relation: crate::model::Relation {
                    kind: pick.kind,
                    target: target_id.as_str().into(),
                    note: None,
                },
            },
            None,
        );
        self.selected = Some(from);
        true
    }
}
