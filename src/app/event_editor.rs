//! The selected event's fields as a form (Edit ▸ the detail panel's "Edit" switch): title, kind,
//! date, end, date basis and summary. Each change is an [`Edit`] command, so it is checked by the
//! validator at once and can be undone; typing in one field, while it has the keyboard, is one
//! undo step.

use egui::{RichText, Ui};

use super::command::Command;
use super::theme;
use crate::document::Document;
use crate::edit::{Edit, EventDates};
use crate::model::{Date, EventKind};

/// The form for event `index`.
pub fn event_editor_ui(ui: &mut Ui, doc: &Document, index: usize, commands: &mut Vec<Command>) {
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    let dark = ui.visuals().dark_mode;
    egui::Grid::new(("event_editor", index))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Title").id;
            text_field(
                ui,
                ("title", index),
                label,
                &event.title,
                false,
                commands,
                |t| Edit::SetTitle {
                    event: index,
                    title: t,
                },
            );
            ui.end_row();

            let label = ui.label("Kind").id;
            let mut kind = event.kind;
            egui::ComboBox::from_id_salt(("kind", index))
                .selected_text(kind.label())
                .show_ui(ui, |ui| {
                    for k in EventKind::ALL {
                        ui.selectable_value(&mut kind, k, k.label());
                    }
                })
                .response
                .labelled_by(label);
            if kind != event.kind {
                commands.push(Command::Edit {
                    edit: Edit::SetKind { event: index, kind },
                    group: None,
                });
            }
            ui.end_row();

            let dates = EventDates::of(event);
            let label = ui.label("Date").id;
            date_field(
                ui,
                ("date", index),
                label,
                Some(event.date),
                dark,
                commands,
                move |d| {
                    d.map(|date| Edit::SetDate {
                        event: index,
                        dates: EventDates { date, ..dates },
                    })
                },
            );
            ui.end_row();

            let label = ui.label("Ends").id;
            date_field(
                ui,
                ("end", index),
                label,
                event.end,
                dark,
                commands,
                move |end| {
                    Some(Edit::SetDate {
                        event: index,
                        dates: EventDates { end, ..dates },
                    })
                },
            );
            ui.end_row();

            let label = ui.label("Date basis").id;
            let basis = event.date_basis.as_deref().unwrap_or_default();
            ui.vertical(|ui| {
                text_field(ui, ("basis", index), label, basis, true, commands, |t| {
                    Edit::SetDateBasis {
                        event: index,
                        basis: (!t.trim().is_empty()).then_some(t),
                    }
                });
                if basis.trim().is_empty() {
                    ui.label(
                        RichText::new("Missing: say how the date was found")
                            .color(theme::warning(dark)),
                    );
                }
            });
            ui.end_row();

            let label = ui.label("Summary").id;
            let summary = event.summary.as_deref().unwrap_or_default();
            text_field(
                ui,
                ("summary", index),
                label,
                summary,
                true,
                commands,
                |t| Edit::SetSummary {
                    event: index,
                    summary: (!t.trim().is_empty()).then_some(t),
                },
            );
            ui.end_row();
        });
}

/// A text field showing `current` whenever it does not have the keyboard (so an undo shows at
/// once), and sending `make(text)` on each change. One focus session is one undo step.
fn text_field(
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
fn date_field(
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
