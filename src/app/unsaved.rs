//! "Save your changes?" before the window closes with edits not saved: Save, Discard or Cancel.

use egui::Context;

use super::command::Command;

/// Asks what to do with unsaved changes; `open` goes false once answered.
pub fn unsaved_ui(ctx: &Context, open: &mut bool, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.heading("Save your changes?");
        ui.label("The dataset has changes that are not saved. Without saving they are lost.");
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                commands.push(Command::SaveAndQuit);
                *open = false;
            }
            if ui.button("Discard").clicked() {
                commands.push(Command::QuitDiscarding);
                *open = false;
            }
            if ui.button("Cancel").clicked() {
                *open = false;
            }
        });
    });
}
