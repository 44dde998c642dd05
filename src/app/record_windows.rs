//! The windows of making the record, drawn each frame over the rest: Add source, Lanes and
//! actors, "Delete this event?" and the crash-recovery offer.

use super::claimline_app::ClaimlineApp;
use super::command::Command;
use crate::edit::{Edit, incoming_relations};

impl ClaimlineApp {
    pub(super) fn record_windows_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        self.add_source.ui(ctx, &self.doc, commands);
        if self.lanes_and_actors_open {
            self.lanes_and_actors_open =
                super::lanes_and_actors::lanes_and_actors_ui(ctx, &self.doc, commands);
        }
        if let Some(event) = self.confirm_delete {
            self.confirm_delete = delete_ui(ctx, &self.doc, event, commands).then_some(event);
        }
        if let Some(found) = &self.autosave.found {
            super::autosave::recovery_ui(ctx, found, commands);
        }
    }
}

/// "Delete this event?" when other events' relations point at it; false once answered.
fn delete_ui(
    ctx: &egui::Context,
    doc: &crate::document::Document,
    event: usize,
    commands: &mut Vec<Command>,
) -> bool {
    let incoming = incoming_relations(&doc.dataset, event);
    let Some(deleted) = doc.dataset.events.get(event) else {
        return false;
    };
    let mut open = true;
    egui::Modal::new(egui::Id::unique("confirm_delete")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Delete this event?");
        ui.label(format!(
            "{} of other events point at “{}”.",
            crate::model::count::count(incoming.len(), "relation", "relations"),
            crate::model::visible_text::shown(&deleted.title, 80)
        ));
        for &(from, _) in incoming.iter().take(5) {
            if let Some(e) = doc.dataset.events.get(from) {
                ui.weak(format!(
                    "• {}",
                    crate::model::visible_text::shown(&e.title, 80)
                ));
            }
        }
        ui.horizontal(|ui| {
            for (label, remove_incoming) in [
                ("Delete it and those relations", true),
                ("Delete it only (they are left pointing nowhere)", false),
            ] {
                if ui.button(label).clicked() {
                    commands.push(Command::Edit {
                        edit: Edit::DeleteEvent {
                            event,
                            remove_incoming,
                        },
                        group: None,
                    });
                    open = false;
                }
            }
            if ui.button("Cancel").clicked() {
                open = false;
            }
        });
    });
    open
}
