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
    for (row, lane) in lanes.iter().enumerate() {
        ui.horizontal(|ui| {
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
            let label = ui.label(format!("`{}`", lane.id)).id;
            ui.allocate_ui(egui::vec2(200.0, 20.0), |ui| {
                text_field(
                    ui,
                    ("lane label", &lane.id),
                    label,
                    &lane.label,
                    false,
                    commands,
                    |label| Edit::RenameLane {
                        lane: lane.id.as_str().into(),
                        label,
                    },
                );
            });
            if ui
                .add_enabled(row > 0, egui::Button::new("▲"))
                .on_hover_text("Up a row")
                .clicked()
            {
                commands.push(edit(Edit::MoveLane {
                    lane: lane.id.as_str().into(),
                    to: row - 1,
                }));
            }
            if ui
                .add_enabled(row + 1 < lanes.len(), egui::Button::new("▼"))
                .on_hover_text("Down a row")
                .clicked()
            {
                commands.push(edit(Edit::MoveLane {
                    lane: lane.id.as_str().into(),
                    to: row + 1,
                }));
            }
        });
    }
    if ui.button("Add a lane").clicked() {
        let id = unique_id(&slug("New lane", "lane"), |id| {
            lanes.iter().any(|l| l.id == id)
        });
        commands.push(edit(Edit::AddLane {
            at: None,
            lane: Lane {
                id,
                label: "New lane".to_owned(),
                color: None,
            },
        }));
    }
}

fn actors_ui(ui: &mut Ui, doc: &Document, commands: &mut Vec<Command>) {
    let actors = &doc.dataset.actors;
    ui.heading("Actors");
    let edit = |edit: Edit| Command::Edit { edit, group: None };
    for (row, actor) in actors.iter().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label(format!("`{}`", actor.id)).id;
            ui.allocate_ui(egui::vec2(160.0, 20.0), |ui| {
                text_field(
                    ui,
                    ("actor name", &actor.id),
                    label,
                    &actor.name,
                    false,
                    commands,
                    |name| Edit::RenameActor {
                        actor: actor.id.as_str().into(),
                        name,
                    },
                );
            });
            ui.allocate_ui(egui::vec2(120.0, 20.0), |ui| {
                text_field(
                    ui,
                    ("actor role", &actor.id),
                    label,
                    actor.role.as_deref().unwrap_or_default(),
                    false,
                    commands,
                    |role| Edit::SetActorRole {
                        actor: actor.id.as_str().into(),
                        role: (!role.trim().is_empty()).then_some(role),
                    },
                );
            });
            if ui.add_enabled(row > 0, egui::Button::new("▲")).clicked() {
                commands.push(edit(Edit::MoveActor {
                    actor: actor.id.as_str().into(),
                    to: row - 1,
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
        });
    }
    if ui.button("Add an actor").clicked() {
        commands.push(edit(Edit::AddActor {
            at: None,
            actor: new_actor(doc, "New actor"),
        }));
    }
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
