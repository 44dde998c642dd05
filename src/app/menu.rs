//! The menu bar. Every entry is a [`Command`], and shows its shortcut.

use egui::Ui;

use super::command::Command;

pub fn menu_bar_ui(ui: &mut Ui, dark: bool, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .add(egui::Button::new("Open…").shortcut_text("Ctrl+O"))
                .clicked()
            {
                commands.push(Command::OpenDialog);
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
            ui.separator();
            if ui.radio(!dark, "Light theme").clicked() {
                commands.push(Command::SetDarkMode(false));
            }
            if ui.radio(dark, "Dark theme").clicked() {
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
