//! The menu bar. Every entry is a [`Command`], and shows its shortcut.

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use super::command::Command;
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
            if ui
                .add(egui::Button::new("Open…").shortcut_text(command_key(
                    ui,
                    Modifiers::NONE,
                    Key::O,
                )))
                .clicked()
            {
                commands.push(Command::OpenDialog);
            }
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
            if ui
                .add_enabled(
                    is_file,
                    egui::Button::new("Reload").shortcut_text(command_key(
                        ui,
                        Modifiers::NONE,
                        Key::R,
                    )),
                )
                .clicked()
            {
                commands.push(Command::Reload);
            }
            let mut watch = remembered.watch;
            if ui
                .checkbox(&mut watch, "Reload when the file changes")
                .on_hover_text("Checks the open file's time stamp every second")
                .changed()
            {
                commands.push(Command::SetWatch(watch));
            }
            ui.separator();
            if ui
                .button("Copy image")
                .on_hover_text("The timeline as shown, to the clipboard")
                .clicked()
            {
                commands.push(Command::CopyImage);
            }
            if ui
                .add(egui::Button::new("Save image…").shortcut_text(command_key(
                    ui,
                    Modifiers::SHIFT,
                    Key::S,
                )))
                .clicked()
            {
                commands.push(Command::SaveImageDialog);
            }
            if ui
                .button("Export image…")
                .on_hover_text("PNG or SVG at slide sizes, drawn crisp at any scale")
                .clicked()
            {
                commands.push(Command::ShowExportDialog);
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("View", |ui| {
            if ui
                .add(egui::Button::new("Fit all").shortcut_text("F"))
                .clicked()
            {
                commands.push(Command::FitAll);
            }
            if ui
                .add(egui::Button::new("Zoom in").shortcut_text("+"))
                .clicked()
            {
                commands.push(Command::Zoom(1.0 / super::timeline_view::ZOOM_STEP));
            }
            if ui
                .add(egui::Button::new("Zoom out").shortcut_text("−"))
                .clicked()
            {
                commands.push(Command::Zoom(super::timeline_view::ZOOM_STEP));
            }
            if ui
                .add(
                    egui::Button::selectable(remembered.show_table, "Event table")
                        .shortcut_text("T"),
                )
                .on_hover_text("The shown events as rows, sortable by any column")
                .clicked()
            {
                commands.push(Command::ToggleTable);
            }
            if ui
                .add(egui::Button::new("Presentation").shortcut_text("F11"))
                .clicked()
            {
                commands.push(Command::TogglePresentation);
            }
            ui.separator();
            if ui.radio(!remembered.dark, "Light theme").clicked() {
                commands.push(Command::SetDarkMode(false));
            }
            if ui.radio(remembered.dark, "Dark theme").clicked() {
                commands.push(Command::SetDarkMode(true));
            }
        });
        ui.menu_button("Help", |ui| {
            if ui
                .add(egui::Button::new("Gestures and shortcuts").shortcut_text("?"))
                .clicked()
            {
                commands.push(Command::ShowHelp);
            }
        });
    });
}

/// The label of a shortcut held with the command key: `Ctrl+O` on Windows and Linux, `⌘O` on macOS,
/// where [`Modifiers::COMMAND`] (what the shortcut handler reads) is the ⌘ key.
fn command_key(ui: &Ui, extra: Modifiers, key: Key) -> String {
    ui.ctx()
        .format_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND | extra, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_shortcuts_are_labelled_for_the_platform() {
        let ctx = egui::Context::default();
        super::super::theme::install_fonts(&ctx);
        for (os, expected) in [
            (egui::os::OperatingSystem::Mac, ["⌘O", "Cmd+O"]),
            (egui::os::OperatingSystem::Windows, ["Ctrl+O", "Ctrl+O"]),
            (egui::os::OperatingSystem::Nix, ["Ctrl+O", "Ctrl+O"]),
        ] {
            ctx.set_os(os);
            let mut label = String::new();
            let mut shifted = String::new();
            // Fonts are ready from the second frame on, as in the app, where menus open later.
            for _ in 0..2 {
                let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                    label = command_key(ui, Modifiers::NONE, Key::O);
                    shifted = command_key(ui, Modifiers::SHIFT, Key::S);
                });
                // Nothing draws these frames, so their font texture is dropped on purpose.
                output.textures_delta.clear();
            }
            assert!(expected.contains(&label.as_str()), "{os:?}: {label}");
            assert!(
                shifted.contains('S') && shifted.len() > 1,
                "{os:?}: {shifted}"
            );
        }
    }
}
