//! The menu bar. Every entry is a [`Command`]; its label, shortcut and tooltip come from the
//! command table ([`super::command::BINDINGS`]), as the keys and the help window do.

use egui::Ui;

use super::command::{Command, ZOOM_IN, ZOOM_OUT, shortcut_text};
use super::remembered::Remembered;
use crate::load::Origin;

pub fn menu_bar_ui(
    ui: &mut Ui,
    remembered: &Remembered,
    origin: &Origin,
    commands: &mut Vec<Command>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            command_button(ui, Command::OpenDialog, None, true, commands);
            ui.add_enabled_ui(!remembered.recent.is_empty(), |ui| {
                ui.menu_button("Open recent", |ui| {
                    for path in &remembered.recent {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        if ui
                            .button(name)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            commands.push(Command::OpenPath(path.clone()));
                        }
                    }
                    ui.separator();
                    if ui.button("Clear recent files").clicked() {
                        commands.push(Command::ClearRecent);
                    }
                });
            });
            let is_file = matches!(origin, Origin::File(_));
            command_button(ui, Command::Reload, None, is_file, commands);
            let mut watch = remembered.watch;
            if ui
                .checkbox(&mut watch, "Reload when the file changes")
                .on_hover_text("Checks the open file's time stamp every second")
                .changed()
            {
                commands.push(Command::SetWatch(watch));
            }
            ui.separator();
            command_button(ui, Command::Save, None, true, commands);
            command_button(ui, Command::SaveAsDialog, None, true, commands);
            ui.separator();
            command_button(ui, Command::CopyImage, None, true, commands);
            command_button(ui, Command::SaveImageDialog, None, true, commands);
            command_button(ui, Command::ShowExportDialog, None, true, commands);
            ui.separator();
            if ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("Edit", |ui| {
            command_button(ui, Command::Undo, None, true, commands);
            command_button(ui, Command::Redo, None, true, commands);
            ui.separator();
            command_button(ui, Command::ShowSearch, None, true, commands);
            ui.separator();
            command_button(ui, Command::HistoryBack, None, true, commands);
            command_button(ui, Command::HistoryForward, None, true, commands);
        });
        ui.menu_button("View", |ui| {
            command_button(ui, Command::FitAll, None, true, commands);
            command_button(ui, ZOOM_IN, None, true, commands);
            command_button(ui, ZOOM_OUT, None, true, commands);
            command_button(
                ui,
                Command::ToggleTable,
                Some(remembered.show_table),
                true,
                commands,
            );
            command_button(ui, Command::TogglePresentation, None, true, commands);
            ui.separator();
            if ui.radio(!remembered.dark, "Light theme").clicked() {
                commands.push(Command::SetDarkMode(false));
            }
            if ui.radio(remembered.dark, "Dark theme").clicked() {
                commands.push(Command::SetDarkMode(true));
            }
        });
        ui.menu_button("Help", |ui| {
            command_button(ui, Command::ShowMeanings, None, true, commands);
            command_button(ui, Command::ShowHelp, None, true, commands);
            ui.separator();
            command_button(ui, Command::ShowAbout, None, true, commands);
        });
    });
}

/// A menu entry for `command`, named, keyed and explained by its binding; `selected` for entries
/// that show whether something is on.
fn command_button(
    ui: &mut Ui,
    command: Command,
    selected: Option<bool>,
    enabled: bool,
    commands: &mut Vec<Command>,
) {
    let Some(binding) = command.binding() else {
        return;
    };
    let mut button = match selected {
        Some(on) => egui::Button::selectable(on, binding.label),
        None => egui::Button::new(binding.label),
    };
    if let Some(keys) = &binding.keys {
        button = button.shortcut_text(shortcut_text(ui.ctx(), keys));
    }
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(binding.tooltip)
        .clicked()
    {
        commands.push(command);
    }
}
