//! Picking a relation's target on the timeline: a banner over it says what the next click does,
//! and the pointer is a crosshair while it is over the marks.

use egui::{Align2, Ui};

use super::command::Command;
use super::editing::RelationPick;
use crate::document::Document;
use crate::model::visible_text::shown;

/// Characters of the event's title in the banner.
const TITLE_CHARS: usize = 60;

/// Over the timeline (`ui` is its panel) while `pick` waits for a click.
pub fn relation_pick_ui(
    ui: &mut Ui,
    doc: &Document,
    pick: &RelationPick,
    commands: &mut Vec<Command>,
) {
    let rect = ui.max_rect();
    if ui.rect_contains_pointer(rect) {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Crosshair);
    }
    let title = doc
        .index
        .event_by_id(&doc.dataset, &pick.event)
        .and_then(|e| doc.dataset.events.get(e))
        .map_or_else(String::new, |e| shown(&e.title, TITLE_CHARS).into_owned());
    egui::Area::new(ui.scope_id().with("relation pick"))
        .order(egui::Order::Foreground)
        .anchor(Align2::CENTER_TOP, egui::vec2(0.0, rect.top() + 8.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "Click the event that “{title}” {}",
                        pick.kind.verb()
                    ));
                    if ui.button("Cancel (Esc)").clicked() {
                        commands.push(Command::PickRelationTarget(None));
                    }
                });
            });
        });
}
