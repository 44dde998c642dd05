//! Edit ▸ Find (Ctrl+F): the search box, its match count, and the active filters as removable
//! chips. The matching itself is the core's [`Filter`]; this file only edits one.

use egui::Ui;

use super::command::Command;
use crate::document::Document;
use crate::model::count::thousands;
use crate::model::visible_text::shown;
use crate::model::{Date, EventKind};
use crate::timeline::{Filter, Matches, QuoteStatus};

/// The most characters of a name in a menu or a chip: enough to tell names apart, and an 8 MB actor
/// name is not laid out in full.
const CHOICE_CHARS: usize = 80;

/// Up to this many choices a submenu lists them all; past it, a box narrows them by name and only
/// the rows in view are laid out. A menu of 100,000 actor buttons took 3 s a frame and 1.4 GB.
const FEW_CHOICES: usize = 15;

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
    doc: &Document,
    commands: &mut Vec<Command>,
) {
    let total = doc.dataset.events.len();
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
        // A search counts the events it matches; filters alone count what they leave shown.
        let searched = !filter.search.trim().is_empty();
        ui.label(match count {
            _ if searching => "searching…".to_owned(),
            n if searched => crate::model::count::count(n, "match", "matches"),
            n if filter.is_active() => format!(
                "{} of {} shown",
                crate::model::count::thousands(n),
                crate::model::count::count(total, "event", "events")
            ),
            n => crate::model::count::count(n, "event", "events"),
        })
        .on_hover_text(if searched {
            "Events whose title, summary, quotes, actors, tags or sources hold every word, \
             within the filters"
        } else {
            "Events the filters leave on the timeline"
        });
        add_filter_menu(ui, filter, doc, commands);
        chips_ui(ui, filter, doc, commands);
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

fn add_filter_menu(ui: &mut Ui, filter: &Filter, doc: &Document, commands: &mut Vec<Command>) {
    let dataset = &doc.dataset;
    // A click inside leaves the menu open, so the date boxes can be clicked into; every choice
    // closes it itself.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    let menu = egui::containers::menu::MenuButton::new("+ Filter").config(config);
    menu.ui(ui, |ui| {
        // Each choice adds one value to a copy of the filter.
        let mut choose = |ui: &mut Ui, add: &dyn Fn(&mut Filter)| {
            let mut next = filter.clone();
            add(&mut next);
            commands.push(Command::SetFilter(next));
            ui.close();
        };
        let lanes = |hidden: &[String]| -> Vec<(&str, &str)> {
            let shown = dataset.lanes.iter().filter(|l| !hidden.contains(&l.id));
            shown.map(|l| (l.label.as_str(), l.id.as_str())).collect()
        };
        ui.menu_button("Lane", |ui| {
            if let Some(id) = choice_list(ui, &lanes(&filter.lanes)) {
                choose(ui, &|f| f.lanes.push(id.to_owned()));
            }
        });
        ui.menu_button("Kind", |ui| {
            for kind in EventKind::ALL
                .into_iter()
                .filter(|k| !filter.kinds.contains(k))
            {
                if ui.button(kind.label()).clicked() {
                    choose(ui, &|f| f.kinds.push(kind));
                }
            }
        });
        ui.menu_button("Actor", |ui| {
            let actors: Vec<(&str, &str)> = dataset
                .actors
                .iter()
                .filter(|a| !filter.actors.contains(&a.id))
                .map(|a| (a.name.as_str(), a.id.as_str()))
                .collect();
            if let Some(id) = choice_list(ui, &actors) {
                choose(ui, &|f| f.actors.push(id.to_owned()));
            }
        });
        ui.add_enabled_ui(!doc.tags.is_empty(), |ui| {
            ui.menu_button("Tag", |ui| {
                let tags: Vec<(&str, &str)> = (doc.tags.iter())
                    .filter(|t| !filter.tags.contains(t))
                    .map(|t| (t.as_str(), t.as_str()))
                    .collect();
                if let Some(tag) = choice_list(ui, &tags) {
                    choose(ui, &|f| f.tags.push(tag.to_owned()));
                }
            });
        });
        ui.menu_button("Quotes", |ui| {
            for status in QuoteStatus::ALL
                .into_iter()
                .filter(|s| !filter.quotes.contains(s))
            {
                if ui.button(status.label()).clicked() {
                    choose(ui, &|f| f.quotes.push(status));
                }
            }
        });
        ui.menu_button("Hide lane", |ui| {
            if let Some(id) = choice_list(ui, &lanes(&filter.hidden_lanes)) {
                choose(ui, &|f| f.hidden_lanes.push(id.to_owned()));
            }
        });
        ui.menu_button("Dates", |ui| dates_ui(ui, filter, commands));
    });
}

/// A submenu's `(name, value)` choices as buttons; returns the value of the one clicked. Past
/// [`FEW_CHOICES`], a box above the list narrows it by name, and the list lays out only the rows in
/// view, so a dataset with 100,000 actors opens its menu as fast as one with ten.
fn choice_list<'a>(ui: &mut Ui, choices: &[(&'a str, &'a str)]) -> Option<&'a str> {
    if choices.len() <= FEW_CHOICES {
        return choice_buttons(ui, choices.iter());
    }
    let id = ui.make_persistent_id("narrow");
    let mut needle: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
    ui.add(
        egui::TextEdit::singleline(&mut needle)
            .hint_text(format!("Type to narrow {}", thousands(choices.len())))
            .desired_width(260.0),
    );
    let needle_lower = needle.to_lowercase();
    let matching: Vec<&(&str, &str)> = choices
        .iter()
        .filter(|(name, _)| needle.is_empty() || name.to_lowercase().contains(&needle_lower))
        .collect();
    ui.data_mut(|d| d.insert_temp(id, needle));
    if matching.is_empty() {
        ui.weak("No name has these letters");
        return None;
    }
    let row_height = (ui.text_style_height(&egui::TextStyle::Button)
        + 2.0 * ui.spacing().button_padding.y)
        .max(ui.spacing().interact_size.y);
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show_rows(ui, row_height, matching.len(), |ui, rows| {
            choice_buttons(ui, matching.get(rows).unwrap_or_default().iter().copied())
        })
        .inner
}

/// A button per choice; the value of the one clicked.
fn choice_buttons<'a, 'c>(
    ui: &mut Ui,
    choices: impl Iterator<Item = &'c (&'a str, &'a str)>,
) -> Option<&'a str>
where
    'a: 'c,
{
    let mut chosen = None;
    for &(name, value) in choices {
        if ui.button(shown(name, CHOICE_CHARS)).clicked() {
            chosen = Some(value);
        }
    }
    chosen
}

/// From / To boxes for the date range: any precision (`2020`, `2020-11`, `2020-11-13`), applied
/// with Enter or the button, refused with the reason when a date does not parse.
fn dates_ui(ui: &mut Ui, filter: &Filter, commands: &mut Vec<Command>) {
    ui.set_min_width(240.0);
    let id = ui.make_persistent_id("date_range");
    let (mut from, mut to) = ui.data_mut(|d| {
        d.get_temp::<(String, String)>(id).unwrap_or_else(|| {
            let written = |date: Option<Date>| date.map(|d| d.iso()).unwrap_or_default();
            (written(filter.from), written(filter.to))
        })
    });
    let mut entered = false;
    egui::Grid::new(id.with("grid"))
        .num_columns(2)
        .show(ui, |ui| {
            for (label, text) in [("From", &mut from), ("To", &mut to)] {
                ui.label(label);
                let response = ui.add(
                    egui::TextEdit::singleline(text)
                        .hint_text("YYYY, YYYY-MM or YYYY-MM-DD")
                        .desired_width(170.0),
                );
                entered |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.end_row();
            }
        });
    let parse = |text: &str| {
        let text = text.trim();
        (!text.is_empty()).then(|| Date::parse(text)).transpose()
    };
    match (parse(&from), parse(&to)) {
        (Ok(from_date), Ok(to_date)) => {
            if ui.button("Apply").clicked() || entered {
                commands.push(Command::SetFilter(Filter {
                    from: from_date,
                    to: to_date,
                    ..filter.clone()
                }));
                ui.close();
            }
        }
        (Err(_), _) | (_, Err(_)) => {
            let color = super::theme::warning(ui.visuals().dark_mode);
            let text = egui::RichText::new("Not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
            ui.add(egui::Label::new(text.color(color)).extend());
        }
    }
    ui.data_mut(|d| d.insert_temp(id, (from, to)));
}

/// A list of values in a filter, by name, and how to reach it in a copy.
type List<'a> = (
    &'a str,
    &'a Vec<String>,
    fn(&mut Filter) -> &mut Vec<String>,
);

/// A chip per filter value; a click removes it. The accessible label says what it filters.
fn chips_ui(ui: &mut Ui, filter: &Filter, doc: &Document, commands: &mut Vec<Command>) {
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
            // A lane is named as the timeline names it, not by its id.
            let named = if matches!(name, "Lane" | "Hidden lane") {
                doc.dataset
                    .lanes
                    .iter()
                    .find(|l| l.id == *value)
                    .map_or(value.as_str(), |l| l.label.as_str())
            } else {
                value.as_str()
            };
            chip(
                ui,
                format!("{name}: {}", shown(named, CHOICE_CHARS)),
                without,
            );
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
            let doc = Document::embedded();
            egui_kittest::Harness::new_ui(move |ui| {
                search_bar_ui(ui, &filter, None, searching, &doc, &mut Vec::new());
            })
        };
        bar(true).get_by_label("searching…");
        let landed = bar(false);
        assert!(landed.query_by_label("searching…").is_none());
        landed.get_by_label("44 matches");
    }
}
