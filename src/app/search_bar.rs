//! Edit ▸ Find (Ctrl+F): the search box, its match count, and the active filters as removable
//! chips. The matching itself is the core's [`Filter`]; this file only edits one.

use egui::Ui;

use super::command::Command;
use crate::model::{EventKind, Lane};
use crate::timeline::{Filter, Matches, QuoteStatus};

/// The search box's id, so Ctrl+F can put the keyboard in it.
pub fn search_box_id() -> egui::Id {
    egui::Id::unique("search_box")
}

/// One row: search box, count, "+ Filter" menu, chips. Pushes [`Command::SetFilter`] on a change.
/// `searching` while the count is being made in the background.
pub fn search_bar_ui(
    ui: &mut Ui,
    filter: &Filter,
    matches: Option<&Matches>,
    searching: bool,
    lanes: &[Lane],
    total: usize,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Find");
        let mut text = filter.search.clone();
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(search_box_id())
                .hint_text("title, quote, actor, tag, source…")
                .desired_width(260.0)
                // Esc is the box's own (close the search); egui would otherwise drop the
                // keyboard on Esc before the box saw it, and the window would clear the selection.
                .event_filter(egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: false,
                    escape: true,
                }),
        );
        if response.changed() {
            commands.push(Command::SetFilter(Filter {
                search: text,
                ..filter.clone()
            }));
        }
        // Enter leaves a one-line box; its key is still in this frame's input.
        if response.lost_focus()
            && let Some(step) = ui.input(step_key)
        {
            commands.push(step);
            // Stay in the box, so Enter steps on.
            response.request_focus();
        }
        if response.has_focus() && ui.input(|i| pressed(i, &Command::CloseSearch)) {
            commands.push(Command::CloseSearch);
        }
        let count = matches.map_or(total, Matches::count);
        ui.label(match count {
            _ if searching => "searching…".to_owned(),
            n if filter.is_active() => crate::check::count(n, "match", "matches"),
            n => crate::check::count(n, "event", "events"),
        });
        add_filter_menu(ui, filter, lanes, commands);
        chips_ui(ui, filter, commands);
    });
}

/// Which of the search box's own bindings (Enter, Shift+Enter) was pressed, Shift+Enter first.
fn step_key(input: &egui::InputState) -> Option<Command> {
    [Command::PreviousMatch, Command::NextMatch]
        .into_iter()
        .find(|command| pressed(input, command))
}

/// Whether `command`'s key was pressed this frame. The box reads its keys itself: the window's
/// shortcuts are off while a text field has the keyboard.
fn pressed(input: &egui::InputState, command: &Command) -> bool {
    command.binding().and_then(|b| b.keys).is_some_and(|keys| {
        input.key_pressed(keys.logical_key) && input.modifiers.matches_logically(keys.modifiers)
    })
}

fn add_filter_menu(ui: &mut Ui, filter: &Filter, lanes: &[Lane], commands: &mut Vec<Command>) {
    ui.menu_button("+ Filter", |ui| {
        ui.label("Lane");
        for lane in lanes {
            if !filter.lanes.contains(&lane.id) && ui.button(&lane.label).clicked() {
                let mut next = filter.clone();
                next.lanes.push(lane.id.clone());
                commands.push(Command::SetFilter(next));
                ui.close();
            }
        }
        ui.separator();
        ui.label("Kind");
        for kind in EventKind::ALL {
            if !filter.kinds.contains(&kind) && ui.button(kind.label()).clicked() {
                let mut next = filter.clone();
                next.kinds.push(kind);
                commands.push(Command::SetFilter(next));
                ui.close();
            }
        }
        ui.separator();
        ui.label("Quotes");
        for status in QuoteStatus::ALL {
            if !filter.quotes.contains(&status) && ui.button(status.label()).clicked() {
                let mut next = filter.clone();
                next.quotes.push(status);
                commands.push(Command::SetFilter(next));
                ui.close();
            }
        }
    });
}

/// A list of values in a filter, by name, and how to reach it in a copy.
type List<'a> = (
    &'a str,
    &'a Vec<String>,
    fn(&mut Filter) -> &mut Vec<String>,
);

/// A chip per filter value; a click removes it. The accessible label says what it filters.
fn chips_ui(ui: &mut Ui, filter: &Filter, commands: &mut Vec<Command>) {
    let mut chip = |ui: &mut Ui, text: String, without: Filter| {
        let response = ui
            .add(egui::Button::new(format!("{text}  ✕")).corner_radius(10.0))
            .on_hover_text("Remove this filter");
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Remove filter {text}"))
        });
        if response.clicked() {
            commands.push(Command::SetFilter(without));
        }
    };
    for (i, kind) in filter.kinds.iter().enumerate() {
        let mut without = filter.clone();
        without.kinds.remove(i);
        chip(ui, format!("Kind: {}", kind.label()), without);
    }
    for (i, status) in filter.quotes.iter().enumerate() {
        let mut without = filter.clone();
        without.quotes.remove(i);
        chip(ui, status.label().to_owned(), without);
    }
    let lists: [List<'_>; 4] = [
        ("Lane", &filter.lanes, |f| &mut f.lanes),
        ("Actor", &filter.actors, |f| &mut f.actors),
        ("Tag", &filter.tags, |f| &mut f.tags),
        ("Hidden lane", &filter.hidden_lanes, |f| &mut f.hidden_lanes),
    ];
    for (name, values, field) in lists {
        for (i, value) in values.iter().enumerate() {
            let mut without = filter.clone();
            field(&mut without).remove(i);
            chip(ui, format!("{name}: {value}"), without);
        }
    }
    if let Some(from) = filter.from {
        chip(
            ui,
            format!("From {from}"),
            Filter {
                from: None,
                ..filter.clone()
            },
        );
    }
    if let Some(to) = filter.to {
        chip(
            ui,
            format!("To {to}"),
            Filter {
                to: None,
                ..filter.clone()
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::kittest::Queryable as _;

    #[test]
    fn the_count_says_searching_until_the_background_search_lands() {
        let filter = Filter {
            search: "groundless".into(),
            ..Filter::default()
        };
        let bar = |searching: bool| {
            let filter = filter.clone();
            egui_kittest::Harness::new_ui(move |ui| {
                search_bar_ui(ui, &filter, None, searching, &[], 44, &mut Vec::new());
            })
        };
        bar(true).get_by_label("searching…");
        let landed = bar(false);
        assert!(landed.query_by_label("searching…").is_none());
        landed.get_by_label("44 matches");
    }
}
