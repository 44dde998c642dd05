//! "Save your changes?" before anything closes a dataset with edits not saved: quitting, opening
//! another file (from the dialog, the recent list or a drop), File ▸ New, Reload, and a reload
//! because the file changed on disk. Save, Discard or Cancel; nothing is lost without a yes.

use egui::Context;

use super::command::{Command, Leaving};

impl Leaving {
    fn question(&self) -> (String, &'static str, &'static str) {
        match self {
            Self::Quit => (
                "Save your changes before quitting?".to_owned(),
                "Save",
                "Quit without saving",
            ),
            Self::Open(path) => (
                format!(
                    "Save your changes before opening {}?",
                    path.file_name().map_or_else(
                        || path.display().to_string(),
                        |n| n.to_string_lossy().into()
                    )
                ),
                "Save",
                "Discard and open",
            ),
            Self::New => (
                "Save your changes before starting a new dataset?".to_owned(),
                "Save",
                "Discard",
            ),
            Self::Reload => (
                "Reloading reads the file again and drops your changes. Save them first?"
                    .to_owned(),
                "Save",
                "Discard and reload",
            ),
            Self::ChangedOnDisk(path) => (
                format!(
                    "{} changed on disk, and you have changes that are not saved. Keep yours \
                     (Save writes them over the file), or reload the file and drop them?",
                    path.display()
                ),
                "Keep mine",
                "Reload the file",
            ),
        }
    }
}

/// Asks what to do with unsaved changes before `leaving`; `None` once answered.
pub fn leaving_ui(ctx: &Context, pending: &mut Option<Leaving>, commands: &mut Vec<Command>) {
    let Some(leaving) = pending.clone() else {
        return;
    };
    let (question, keep, discard) = leaving.question();
    egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Unsaved changes");
        ui.label(question);
        ui.horizontal(|ui| {
            let changed_on_disk = matches!(leaving, Leaving::ChangedOnDisk(_));
            if ui.button(keep).clicked() {
                // Keeping one's edits over a changed file is not a save yet: the user saves when
                // ready, as with any edit.
                if !changed_on_disk {
                    commands.push(Command::Leave {
                        to: leaving.clone(),
                        save_first: true,
                    });
                }
                *pending = None;
            }
            if ui.button(discard).clicked() {
                commands.push(Command::Leave {
                    to: leaving.clone(),
                    save_first: false,
                });
                *pending = None;
            }
            if !changed_on_disk && ui.button("Cancel").clicked() {
                *pending = None;
            }
        });
    });
}
