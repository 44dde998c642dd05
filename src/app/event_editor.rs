//! The selected event's fields as a form (the detail panel's "✏ Edit" switch): title, kind, lane,
//! the date at any precision, its end, "still going as of", bounds, date basis and summary.
//! Actors, tags, relations and citations are in `event_lists_editor.rs`. Each change is an
//! [`Edit`] command, so it is checked by the validator at once and can be undone; typing in one
//! field, while it has the keyboard, is one undo step.

use egui::{RichText, Ui};

use super::command::Command;
use super::form_fields::{date_field, text_field};
use super::theme;
use crate::document::Document;
use crate::edit::{Edit, EventDates};
use crate::model::{Date, EventKind};

/// The form for event `index`.
pub fn event_editor_ui(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    picking: Option<crate::model::RelationKind>,
    commands: &mut Vec<Command>,
) {
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

            let label = ui.label("Lane").id;
            lane_field(ui, doc, index, label, commands);
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

            let bounds: [(&str, &str, Option<Date>, SetDate); 3] = [
                (
                    "Still going as of",
                    "ongoing",
                    event.ongoing_as_of,
                    |d, v| {
                        d.ongoing_as_of = v;
                    },
                ),
                ("No earlier than", "earliest", event.earliest, |d, v| {
                    d.earliest = v;
                }),
                ("No later than", "latest", event.latest, |d, v| {
                    d.latest = v;
                }),
            ];
            for (name, hint_salt, current, set) in bounds {
                let label = ui.label(name).id;
                date_field(
                    ui,
                    (hint_salt, index),
                    label,
                    current,
                    dark,
                    commands,
                    move |v| {
                        let mut dates = dates;
                        set(&mut dates, v);
                        Some(Edit::SetDate {
                            event: index,
                            dates,
                        })
                    },
                );
                ui.end_row();
            }

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
    super::event_lists_editor::event_lists_editor_ui(ui, doc, index, picking, commands);
}

/// Sets one of an event's optional dates.
type SetDate = fn(&mut EventDates, Option<Date>);

/// The event's lane: a declared lane, or the row of its kind.
fn lane_field(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    label: egui::Id,
    commands: &mut Vec<Command>,
) {
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    let name_of = |id: &str| {
        doc.dataset
            .lanes
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| format!("`{id}`"), |l| l.label.clone())
    };
    let by_kind = "The row of its kind".to_owned();
    let shown = if event.lane.is_empty() {
        by_kind.clone()
    } else {
        name_of(&event.lane)
    };
    let mut lane = event.lane.clone();
    egui::ComboBox::from_id_salt(("lane", index))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut lane, crate::model::Id::default(), by_kind);
            for declared in &doc.dataset.lanes {
                ui.selectable_value(&mut lane, declared.id.as_str().into(), &declared.label);
            }
            if ui.button("Lanes and actors…").clicked() {
                commands.push(Command::ShowLanesAndActors);
            }
        })
        .response
        .labelled_by(label);
    if lane != event.lane {
        commands.push(Command::Edit {
            edit: Edit::SetLane { event: index, lane },
            group: None,
        });
    }
}
