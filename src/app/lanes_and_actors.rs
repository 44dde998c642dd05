//! Edit ▸ Lanes and actors…: lanes added, renamed, recoloured and reordered; actors added,
//! renamed, given a role, reordered and merged into another. Each change is an undoable edit.

use egui::{Context, Ui};

use super::command::Command;
use super::form_fields::text_field;
use crate::document::Document;
use crate::edit::{Edit, slug, unique_id};
use crate::model::{Actor, Lane};

/// Shows the window; returns false once closed.
pub fn lanes_and_actors_ui(ctx: &Context, doc: &Document, commands: &mut Vec<Command>) -> bool {
    let mut open = true;
    egui::Window::new("Lanes and actors")
        .open(&mut open)
        .default_size([480.0, 520.0])
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                lanes_ui(ui, doc, commands);
                ui.separator();
                actors_ui(ui, doc, commands);
            });
        });
    open
}

fn lanes_ui(ui: &mut Ui, doc: &Document, commands: &mut Vec<Command>) {
    let lanes = &doc.dataset.lanes;
    ui.heading("Lanes");
    if lanes.is_empty() {
        ui.weak("No lanes declared: each kind of event has a row of its own.");
    }
    let edit = |edit: Edit| Command::Edit { edit, group: None };
    egui::Grid::new("lanes grid")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let name = if lanes.is_empty() {
                None
            } else {
                ui.weak("Colour");
                let name = ui.weak("Name").id;
                ui.weak("Id");
                ui.end_row();
                Some(name)
            };
            for (row, lane) in lanes.iter().enumerate() {
                let mut colour = lane
                    .color
                    .as_deref()
                    .and_then(crate::model::color::parse_hex_color)
                    .unwrap_or([0x88, 0x88, 0x88]);
                if ui
                    .color_edit_button_srgb(&mut colour)
                    .on_hover_text("The lane's colour")
                    .changed()
                {
                    let hex = format!("#{:02x}{:02x}{:02x}", colour[0], colour[1], colour[2]);
                    commands.push(Command::Edit {
                        edit: Edit::RecolourLane {
                            lane: lane.id.as_str().into(),
                            color: Some(hex),
                        },
                        // Dragging through colours is one step.
                        group: Some(egui::Id::unique(("lane colour", &lane.id)).value()),
                    });
                }
                ui.allocate_ui(egui::vec2(220.0, 20.0), |ui| {
                    text_field(
                        ui,
                        ("lane label", &lane.id),
                        name.unwrap_or(ui.scope_id()),
                        &lane.label,
                        false,
                        commands,
                        |label| Edit::RenameLane {
                            lane: lane.id.as_str().into(),
                            label,
                        },
                    );
                });
                id_label(ui, &lane.id);
                let moved = up_down_ui(ui, row, lanes.len());
                if let Some(to) = moved {
                    commands.push(edit(Edit::MoveLane {
                        lane: lane.id.as_str().into(),
                        to,
                    }));
                }
                ui.end_row();
            }
        });
    if let Some(name) = new_name_ui(ui, "New lane", "its name, then Enter") {
        let id = unique_id(&slug(&name, "lane"), |id| lanes.iter().any(|l| l.id == id));
        commands.push(edit(Edit::AddLane {
            at: None,
            lane: Lane {
                id,
                label: name,
                color: None,
            },
        }));
    }
}

fn actors_ui(ui: &mut Ui, doc: &Document, commands: &mut Vec<Command>) {
    let actors = &doc.dataset.actors;
    ui.heading("Actors");
    let edit = |edit: Edit| Command::Edit { edit, group: None };
    egui::Grid::new("actors grid")
        .num_columns(5)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let (name, role) = if actors.is_empty() {
                (ui.scope_id(), ui.scope_id())
            } else {
                let name = ui.weak("Name").id;
                let role = ui.weak("Role").id;
                ui.weak("Id");
                ui.end_row();
                (name, role)
            };
            for (row, actor) in actors.iter().enumerate() {
                ui.allocate_ui(egui::vec2(170.0, 20.0), |ui| {
                    text_field(
                        ui,
                        ("actor name", &actor.id),
                        name,
                        &actor.name,
                        false,
                        commands,
                        |name| Edit::RenameActor {
                            actor: actor.id.as_str().into(),
                            name,
                        },
                    );
                });
                ui.allocate_ui(egui::vec2(130.0, 20.0), |ui| {
                    text_field(
                        ui,
                        ("actor role", &actor.id),
                        role,
                        actor.role.as_deref().unwrap_or_default(),
                        false,
                        commands,
                        |role| Edit::SetActorRole {
                            actor: actor.id.as_str().into(),
                            role: (!role.trim().is_empty()).then_some(role),
                        },
                    );
                });
                id_label(ui, &actor.id);
                if let Some(to) = up_down_ui(ui, row, actors.len()) {
                    commands.push(edit(Edit::MoveActor {
                        actor: actor.id.as_str().into(),
                        to,
                    }));
                }
                ui.menu_button("Merge into…", |ui| {
                    for other in actors.iter().filter(|a| a.id != actor.id) {
                        if ui
                            .button(&other.name)
                            .on_hover_text("Events naming this actor name that one instead")
                            .clicked()
                        {
                            commands.push(edit(Edit::MergeActor {
                                from: actor.id.as_str().into(),
                                into: other.id.as_str().into(),
                            }));
                        }
                    }
                });
                ui.end_row();
            }
        });
    if let Some(name) = new_name_ui(ui, "New actor", "a name, then Enter") {
        commands.push(edit(Edit::AddActor {
            at: None,
            actor: new_actor(doc, &name),
        }));
    }
}

/// The id a saved file uses for this lane or actor: fixed once made, so shown apart and quiet.
fn id_label(ui: &mut Ui, id: &str) {
    ui.label(egui::RichText::new(id).small().weak())
        .on_hover_text("The id the file uses; it stays the same when the name changes");
}

/// ▲ and ▼, side by side in one cell; the row to move to, if one was clicked.
fn up_down_ui(ui: &mut Ui, row: usize, rows: usize) -> Option<usize> {
    ui.horizontal(|ui| {
        let up = ui
            .add_enabled(row > 0, egui::Button::new("▲"))
            .on_hover_text("Up a row")
            .clicked();
        let down = ui
            .add_enabled(row + 1 < rows, egui::Button::new("▼"))
            .on_hover_text("Down a row")
            .clicked();
        if up {
            Some(row - 1)
        } else if down {
            Some(row + 1)
        } else {
            None
        }
    })
    .inner
}

/// A field to name a new lane or actor; the name once Enter is pressed in it.
fn new_name_ui(ui: &mut Ui, label: &str, hint: &str) -> Option<String> {
    ui.horizontal(|ui| {
        let id = ui.make_persistent_id(("new name", label));
        let mut text = ui.data_mut(|d| d.get_temp::<String>(id).unwrap_or_default());
        let label = ui.label(label).id;
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text(hint)
                    .desired_width(200.0),
            )
            .labelled_by(label);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let name = text.trim().to_owned();
        let add = ui
            .add_enabled(!name.is_empty(), egui::Button::new("Add"))
            .clicked();
        if (entered || add) && !name.is_empty() {
            ui.data_mut(|d| d.remove_temp::<String>(id));
            Some(name)
        } else {
            ui.data_mut(|d| d.insert_temp(id, text));
            None
        }
    })
    .inner
}

/// An actor named `name`, with an id made from it that no actor has.
pub fn new_actor(doc: &Document, name: &str) -> Actor {
    let actors = &doc.dataset.actors;
    let id = unique_id(&slug(name, "actor"), |id| actors.iter().any(|a| a.id == id));
    Actor {
        id,
        name: name.to_owned(),
        role: None,
    }
}
