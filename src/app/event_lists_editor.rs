//! The selected event's lists in its form: actors (pick one or make one), tags, relations (pick the
//! type, then the target from a search list) and citations (remove one, or re-anchor it in its
//! source); and Delete event. Each change is an undoable edit, checked at once.

use egui::{RichText, Ui};

use super::command::Command;
use crate::document::Document;
use crate::edit::Edit;
use crate::model::visible_text::{in_quotation_marks, shown};
use crate::model::{Id, RelationKind};

/// Characters of an event's title in the relation target list.
const TARGET_TITLE_CHARS: usize = 70;
/// Events offered as relation targets at once.
const TARGETS_SHOWN: usize = 8;

pub fn event_lists_editor_ui(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    picking: Option<RelationKind>,
    commands: &mut Vec<Command>,
) {
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    let edit = |edit: Edit| Command::Edit { edit, group: None };

    ui.add_space(6.0);
    ui.strong("Actors");
    ui.horizontal_wrapped(|ui| {
        for actor in &event.actors {
            let name = doc
                .dataset
                .actor(actor)
                .map_or(actor.as_str(), |a| a.name.as_str());
            if ui
                .button(format!("{} ✕", shown(name, 60)))
                .on_hover_text("Take this actor out of the event")
                .clicked()
            {
                commands.push(edit(Edit::RemoveEventActor {
                    event: index,
                    actor: actor.clone(),
                }));
            }
        }
        let others: Vec<_> = doc
            .dataset
            .actors
            .iter()
            .filter(|a| !event.actors.iter().any(|e| *e == *a.id))
            .collect();
        if !others.is_empty() {
            let label = ui.label("Add").id;
            egui::ComboBox::from_id_salt(("add actor", index))
                .selected_text("an actor…")
                .show_ui(ui, |ui| {
                    for actor in others {
                        if ui.selectable_label(false, shown(&actor.name, 60)).clicked() {
                            commands.push(edit(Edit::AddEventActor {
                                event: index,
                                actor: actor.id.as_str().into(),
                            }));
                        }
                    }
                })
                .response
                .labelled_by(label);
        }
    });
    // A new actor is typed in place, as a tag is: the field is not inside a popup, which
    // closed at the click that would have given it the keyboard.
    ui.allocate_ui(egui::vec2(260.0, 20.0), |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("New actor").id;
            let field =
                typed_text(ui, ("new actor", index), "a name, then Enter").labelled_by(label);
            let typed = typed_value(ui, ("new actor", index));
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if entered && !typed.trim().is_empty() {
                let actor = super::lanes_and_actors::new_actor(doc, typed.trim());
                let id: Id = actor.id.as_str().into();
                commands.push(edit(Edit::Batch(vec![
                    Edit::AddActor { at: None, actor },
                    Edit::AddEventActor {
                        event: index,
                        actor: id,
                    },
                ])));
                clear_typed(ui, ("new actor", index));
            }
        });
    });

    ui.strong("Tags");
    ui.horizontal_wrapped(|ui| {
        for tag in &event.tags {
            if ui.button(format!("#{} ✕", shown(tag, 40))).clicked() {
                commands.push(edit(Edit::RemoveTag {
                    event: index,
                    tag: tag.clone(),
                }));
            }
        }
        ui.allocate_ui(egui::vec2(140.0, 20.0), |ui| {
            let label = ui.label("New tag").id;
            let field = typed_text(ui, ("new tag", index), "a tag, then Enter").labelled_by(label);
            let typed = typed_value(ui, ("new tag", index));
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let tag = typed.trim().trim_start_matches('#');
            if entered && !tag.is_empty() {
                commands.push(edit(Edit::AddTag {
                    event: index,
                    tag: tag.into(),
                }));
                clear_typed(ui, ("new tag", index));
            }
        });
    });

    relations_editor_ui(ui, doc, index, picking, commands);

    ui.strong(format!("Citations ({})", event.citations.len()));
    for (c, citation) in event.citations.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let badge = if doc.quote(index, c).is_verified() {
                "✔"
            } else {
                "✘"
            };
            ui.label(format!(
                "{badge} {}",
                in_quotation_marks(&citation.quote.exact, 50)
            ));
            if ui
                .small_button("Re-anchor…")
                .on_hover_text(
                    "Open its source, select the words, then Re-anchor this citation here",
                )
                .clicked()
            {
                commands.push(Command::ShowSource {
                    event: index,
                    citation: c,
                });
            }
            if ui.small_button("Remove").clicked() {
                commands.push(edit(Edit::RemoveCitation {
                    event: index,
                    citation: c,
                }));
            }
        });
    }
    ui.weak("To cite more, select a passage in a source and choose Cite in the selected event.");

    ui.add_space(8.0);
    if ui
        .button(
            RichText::new("Delete event").color(super::theme::not_found(ui.visuals().dark_mode)),
        )
        .on_hover_text("Delete this event (Ctrl+Z brings it back)")
        .clicked()
    {
        commands.push(Command::DeleteEvent(index));
    }
}

/// The event's relations, each removable, and a new one: its type, then its target clicked on the
/// timeline, or chosen from a list of events whose titles hold the words typed.
fn relations_editor_ui(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    picking: Option<RelationKind>,
    commands: &mut Vec<Command>,
) {
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    ui.strong("Relations");
    for (r, relation) in event.relations.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let target = doc
                .index
                .event_by_id(&doc.dataset, &relation.target)
                .and_then(|t| doc.dataset.events.get(t))
                .map_or_else(
                    || format!("`{}` (no such event)", relation.target),
                    |t| shown(&t.title, TARGET_TITLE_CHARS).into_owned(),
                );
            ui.label(format!("{} {target}", relation.kind.verb()));
            if ui.small_button("Remove").clicked() {
                commands.push(Command::Edit {
                    edit: Edit::RemoveRelation {
                        event: index,
                        relation: r,
                    },
                    group: None,
                });
            }
        });
    }
    let kind_id = ui.make_persistent_id(("relation kind", index));
    let mut kind = ui.data_mut(|d| *d.get_temp_mut_or(kind_id, RelationKind::RespondsTo));
    ui.horizontal(|ui| {
        let label = ui.label("New relation").id;
        egui::ComboBox::from_id_salt(("relation kind box", index))
            .selected_text(kind.verb())
            .show_ui(ui, |ui| {
                for k in RelationKind::ALL {
                    ui.selectable_value(&mut kind, k, k.verb());
                }
            })
            .response
            .labelled_by(label);
        ui.data_mut(|d| d.insert_temp(kind_id, kind));
        ui.allocate_ui(egui::vec2(200.0, 20.0), |ui| {
            typed_text(ui, ("relation target", index), "the other event's title…")
                .labelled_by(label);
        });
    });
    match picking {
        Some(picking) => {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "Click the event this one {} on the timeline",
                        picking.verb()
                    ),
                );
                if ui.button("Cancel").clicked() {
                    commands.push(Command::PickRelationTarget(None));
                }
            });
        }
        None => {
            if ui
                .button("Pick on the timeline")
                .on_hover_text("Then click the other event's mark (or its row in the table)")
                .clicked()
            {
                commands.push(Command::PickRelationTarget(Some(kind)));
            }
        }
    }
    let typed = typed_value(ui, ("relation target", index));
    let words = typed.trim().to_lowercase();
    if words.is_empty() {
        return;
    }
    let found = doc
        .dataset
        .events
        .iter()
        .enumerate()
        .filter(|&(i, e)| i != index && e.title.to_lowercase().contains(&words))
        .take(TARGETS_SHOWN);
    for (target, other) in found {
        if ui
            .button(format!(
                "{} {}",
                kind.verb(),
                shown(&other.title, TARGET_TITLE_CHARS)
            ))
            .clicked()
        {
            commands.push(Command::Edit {
                edit: Edit::AddRelation {
                    event: index,
                    at: None,
                    relation: crate::model::Relation {
                        kind,
                        target: other.id.as_str().into(),
                        note: None,
                    },
                },
                group: None,
            });
            clear_typed(ui, ("relation target", index));
            let _ = target;
        }
    }
}

/// A one-line field whose text lives in egui's memory until used (by `salt`, wherever the field
/// is laid out).
fn typed_text(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    hint: &str,
) -> egui::Response {
    let id = egui::Id::unique(("typed", salt));
    let mut text = ui.data_mut(|d| d.get_temp::<String>(id).unwrap_or_default());
    let response = ui.add(
        egui::TextEdit::singleline(&mut text)
            .hint_text(hint)
            .desired_width(180.0),
    );
    ui.data_mut(|d| d.insert_temp(id, text));
    response
}

fn typed_value(ui: &Ui, salt: impl std::hash::Hash + std::fmt::Debug) -> String {
    let id = egui::Id::unique(("typed", salt));
    ui.data_mut(|d| d.get_temp::<String>(id).unwrap_or_default())
}

fn clear_typed(ui: &Ui, salt: impl std::hash::Hash + std::fmt::Debug) {
    let id = egui::Id::unique(("typed", salt));
    ui.data_mut(|d| d.remove_temp::<String>(id));
}
