//! The fields of the editing forms: text that is one undo step per typing session, and dates
//! typed at any precision.

use egui::{RichText, Ui};

use super::command::Command;
use super::theme;
use crate::edit::Edit;
use crate::model::Date;

/// A text field showing `current` whenever it does not have the keyboard (so an undo shows at
/// once), and sending `make(text)` on each change. One focus session is one undo step.
pub(super) fn text_field(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    label: egui::Id,
    current: &str,
    multiline: bool,
    commands: &mut Vec<Command>,
    make: impl Fn(String) -> Edit,
) {
    let id = ui.make_persistent_id(salt);
    let field_id = id.with("field");
    let focused = ui.memory(|m| m.has_focus(field_id));
    let mut text = if focused {
        ui.data_mut(|d| d.get_temp::<String>(id))
            .unwrap_or_else(|| current.to_owned())
    } else {
        current.to_owned()
    };
    let editor = if multiline {
        egui::TextEdit::multiline(&mut text).desired_rows(2)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let response = ui
        .add(editor.id(field_id).desired_width(f32::INFINITY))
        .labelled_by(label);
    let session_id = id.with("session");
    if response.gained_focus() {
        ui.data_mut(|d| {
            let n = d.get_temp::<u64>(session_id).unwrap_or(0) + 1;
            d.insert_temp(session_id, n);
        });
    }
    if response.changed() {
        let session = ui.data_mut(|d| d.get_temp::<u64>(session_id).unwrap_or(0));
        let group = id.with(session).value();
        commands.push(Command::Edit {
            edit: make(text.clone()),
            group: Some(group),
        });
    }
    ui.data_mut(|d| d.insert_temp(id, text));
}

/// A date typed as `2021`, `2021-03` or `2021-03-17`; applied once it reads as a date, and
/// marked while it does not. An empty field is `None` (for an optional date).
pub(super) fn date_field(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    label: egui::Id,
    current: Option<Date>,
    dark: bool,
    commands: &mut Vec<Command>,
    make: impl Fn(Option<Date>) -> Option<Edit>,
) {
    let id = ui.make_persistent_id(salt);
    let field_id = id.with("field");
    let focused = ui.memory(|m| m.has_focus(field_id));
    let shown = current.map(|d| d.iso()).unwrap_or_default();
    let mut text = if focused {
        ui.data_mut(|d| d.get_temp::<String>(id))
            .unwrap_or_else(|| shown.clone())
    } else {
        shown
    };
    ui.horizontal(|ui| {
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .id(field_id)
                    .hint_text("YYYY, YYYY-MM or YYYY-MM-DD")
                    .desired_width(140.0),
            )
            .labelled_by(label);
        let parsed = if text.trim().is_empty() {
            Ok(None)
        } else {
            Date::parse(text.trim()).map(Some)
        };
        match &parsed {
            Ok(date) if response.changed() && *date != current => {
                if let Some(edit) = make(*date) {
                    commands.push(Command::Edit { edit, group: None });
                }
            }
            Err(error) => {
                ui.label(RichText::new(format!("✘ {error}")).color(theme::not_found(dark)));
            }
            Ok(_) => {}
        }
    });
    ui.data_mut(|d| d.insert_temp(id, text));
}
