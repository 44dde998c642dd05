//! The detail panel: everything about the selected event, its relations as links, and each quote
//! with whether it was found in its source.
//!
//! Every text here comes from a stranger's file, so each is cut before egui lays it out: an 8 MB
//! summary froze the window for seconds.

use std::fmt::Write as _;

use egui::{RichText, Ui};

use super::command::Command;
use super::theme;
use crate::check::thousands;
use crate::document::Document;
use crate::load::limits::{MAX_DRAWN_CHARS, MAX_SHOWN_TEXT_CHARS};
use crate::model::visible_text::{shown, visible};
use crate::model::{QuoteMatch, Relation, RelationKind};

/// The most characters of an event title in a link. A link is one line in a list of them; the
/// whole title (up to [`MAX_DRAWN_CHARS`]) shows once the event is selected.
const LINK_TITLE_CHARS: usize = 200;

/// Shows the selected event, or an overview of the dataset when nothing is selected.
pub fn detail_ui(
    ui: &mut Ui,
    doc: &Document,
    selected: Option<usize>,
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            match selected.and_then(|i| doc.dataset.events.get(i).map(|e| (i, e))) {
                Some((index, _)) => event_ui(ui, doc, index, commands),
                None => overview_ui(ui, doc),
            }
        });
}

fn overview_ui(ui: &mut Ui, doc: &Document) {
    ui.heading(shown(&doc.dataset.title, MAX_DRAWN_CHARS));
    if !doc.dataset.description.is_empty() {
        paragraph_ui(ui, &doc.dataset.description, RichText::new);
    }
    ui.add_space(8.0);
    ui.weak(
        "Click a mark to see its quotes in their sources. ← and → step through events in time.",
    );
}

/// A paragraph from the file, cut to [`MAX_SHOWN_TEXT_CHARS`] before it is laid out, and a line
/// saying so when it was, so nobody takes the cut text for the whole. `style` makes it look like
/// the paragraph it is (a quote in italics, a summary plain).
fn paragraph_ui(ui: &mut Ui, text: &str, style: impl FnOnce(String) -> RichText) {
    ui.add(egui::Label::new(style(shown(text, MAX_SHOWN_TEXT_CHARS).into_owned())).wrap());
    cut_note_ui(ui, text);
}

/// "Cut to the first 20,000 of 8,388,544 characters", when `text` was cut for showing.
fn cut_note_ui(ui: &mut Ui, text: &str) {
    // Counting characters is a pass over the text: only one with more bytes than the limit can
    // have more characters.
    if text.len() <= MAX_SHOWN_TEXT_CHARS {
        return;
    }
    let chars = text.chars().count();
    if chars > MAX_SHOWN_TEXT_CHARS {
        ui.weak(format!(
            "Cut to the first {} of {} characters",
            thousands(MAX_SHOWN_TEXT_CHARS),
            thousands(chars)
        ));
    }
}

fn event_ui(ui: &mut Ui, doc: &Document, index: usize, commands: &mut Vec<Command>) {
    let dark = ui.visuals().dark_mode;
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    ui.add(egui::Label::new(RichText::new(shown(&event.title, MAX_DRAWN_CHARS)).heading()).wrap());
    ui.horizontal_wrapped(|ui| {
        let kind_color = theme::rgb(crate::timeline::style::kind_color(event.kind));
        ui.label(RichText::new(event.kind.label()).color(kind_color).strong());
        ui.label("·");
        let mut when = event.date.to_string();
        if let Some(end) = event.end {
            when = format!("{when} – {end}");
        } else if let Some(attested) = event.ongoing_as_of {
            // The sources saw it going on then; when it ended, they do not say.
            when = format!("{when} – still going as of {attested}");
        }
        ui.label(RichText::new(when).strong());
        ui.weak(format!("({} precision)", event.date.precision().label()));
    });
    if event.earliest.is_some() || event.latest.is_some() {
        let bound =
            |d: Option<crate::model::Date>| d.map_or_else(|| "…".to_owned(), |d| d.to_string());
        ui.weak(format!(
            "Somewhere between {} and {}",
            bound(event.earliest),
            bound(event.latest)
        ));
    }
    if let Some(basis) = &event.date_basis {
        ui.horizontal_wrapped(|ui| {
            ui.weak("Date basis");
            ui.label(RichText::new(shown(basis, MAX_SHOWN_TEXT_CHARS)).italics());
        });
        cut_note_ui(ui, basis);
    }
    if !event.actors.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.weak("Actors");
            ui.label(actors_line(doc, &event.actors));
        });
    }
    if let Some(summary) = &event.summary {
        ui.add_space(6.0);
        paragraph_ui(ui, summary, RichText::new);
    }

    relations_ui(ui, doc, index, commands);

    ui.add_space(10.0);
    ui.heading(format!("Citations ({})", event.citations.len()));
    if event.citations.is_empty() {
        ui.weak("No citation: this event's words are not attested in a source.");
    }
    for (c, citation) in event.citations.iter().enumerate() {
        let found = doc.quote(index, c);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if citation.quote.exact.is_empty() {
                // A link without words (a TimelineJS media item): nothing to verify.
                media_ui(ui, doc, citation);
                return;
            }
            paragraph_ui(ui, &citation.quote.exact, |quote| {
                RichText::new(format!("“{quote}”")).size(15.0).italics()
            });
            ui.horizontal_wrapped(|ui| {
                let (badge, color) = match found {
                    QuoteMatch::Found { .. } => ("✔ verified".to_owned(), theme::verified(dark)),
                    QuoteMatch::Ambiguous { count, .. } => {
                        (format!("⚠ occurs {count}× in source"), theme::warning(dark))
                    }
                    QuoteMatch::ContextMismatch { .. } | QuoteMatch::NotFound => {
                        ("✘ not found".to_owned(), theme::not_found(dark))
                    }
                };
                ui.label(RichText::new(badge).color(color).strong());
                if found.is_verified() && ui.button("Show in source").clicked() {
                    commands.push(Command::ShowSource {
                        event: index,
                        citation: c,
                    });
                }
            });
            match doc.dataset.source(&citation.source) {
                Some(source) => {
                    let mut line = String::new();
                    if let Some(outlet) = &source.outlet {
                        line.push_str(&shown(outlet, MAX_DRAWN_CHARS));
                        line.push_str(" — ");
                    }
                    line.push_str(&shown(&source.title, MAX_DRAWN_CHARS));
                    if let Some(published) = source.published {
                        line.push_str(", ");
                        line.push_str(&published.to_string());
                    }
                    ui.add(egui::Label::new(RichText::new(line).small()).wrap());
                    if let Some(url) = source.url.as_deref().filter(|u| !u.is_empty()) {
                        url_ui(ui, url);
                    }
                }
                None => {
                    ui.colored_label(
                        theme::not_found(dark),
                        format!(
                            "Unknown source `{}`",
                            shown(&citation.source, MAX_DRAWN_CHARS)
                        ),
                    );
                }
            }
            if let Some(note) = &citation.note {
                paragraph_ui(ui, note, |note| RichText::new(note).weak());
            }
        });
    }
}

/// The event's actors as one line, "Name (role), …", ending once it holds
/// [`MAX_SHOWN_TEXT_CHARS`] characters with how many were left out: an event may name 10,000.
fn actors_line(doc: &Document, actors: &[crate::model::Id]) -> String {
    let mut line = String::new();
    let mut chars = 0;
    for (n, id) in actors.iter().enumerate() {
        if chars >= MAX_SHOWN_TEXT_CHARS {
            let _ = write!(line, " and {} more", thousands(actors.len() - n));
            break;
        }
        let name = match doc.dataset.actor(id) {
            Some(actor) => match &actor.role {
                Some(role) => format!(
                    "{} ({})",
                    shown(&actor.name, MAX_DRAWN_CHARS),
                    shown(role, MAX_DRAWN_CHARS)
                ),
                None => shown(&actor.name, MAX_DRAWN_CHARS).into_owned(),
            },
            None => shown(id, MAX_DRAWN_CHARS).into_owned(),
        };
        if n > 0 {
            line.push_str(", ");
        }
        chars += name.chars().count() + 2;
        line.push_str(&name);
    }
    line
}

/// A citation that claims no words: the source's title, link and the citation's note.
fn media_ui(ui: &mut Ui, doc: &Document, citation: &crate::model::Citation) {
    let source = doc.dataset.source(&citation.source);
    ui.label(
        RichText::new(shown(
            source.map_or(citation.source.as_str(), |s| s.title.as_str()),
            MAX_DRAWN_CHARS,
        ))
        .strong(),
    );
    if let Some(url) = source
        .and_then(|s| s.url.as_deref())
        .filter(|u| !u.is_empty())
    {
        url_ui(ui, url);
    }
    if let Some(note) = &citation.note {
        paragraph_ui(ui, note, |note| RichText::new(note).weak());
    }
}

/// The order incoming relations are grouped in: what disputes or answers the event first.
const INCOMING_ORDER: [RelationKind; 6] = [
    RelationKind::Denies,
    RelationKind::Contradicts,
    RelationKind::RespondsTo,
    RelationKind::Cites,
    RelationKind::Follows,
    RelationKind::Concerns,
];

/// Relations out of the event, then those into it grouped by type ("Denied by (3)"), each a link
/// that selects the other event and brings it into view. Incoming relations come from the index,
/// not from a pass over every event.
fn relations_ui(ui: &mut Ui, doc: &Document, index: usize, commands: &mut Vec<Command>) {
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    let incoming: Vec<(usize, &Relation)> = doc
        .index
        .incoming(index)
        .iter()
        .filter_map(|i| {
            let relation = doc.dataset.events.get(i.from)?.relations.get(i.relation)?;
            Some((i.from, relation))
        })
        .collect();
    if event.relations.is_empty() && incoming.is_empty() {
        return;
    }
    ui.add_space(10.0);
    ui.heading("Relations");
    for relation in &event.relations {
        let color = theme::rgb(crate::timeline::style::relation_style(relation.kind).0);
        let verb = format!("{} →", capitalize(relation.kind.verb()));
        match doc.index.event_by_id(&doc.dataset, &relation.target) {
            Some(other) => {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(&verb).color(color).strong());
                    event_link_ui(ui, doc, other, commands);
                });
                note_ui(ui, relation.note.as_ref(), (other, &verb));
            }
            None => {
                ui.label(format!(
                    "{verb} unknown event `{}`",
                    shown(&relation.target, MAX_DRAWN_CHARS)
                ));
            }
        }
    }
    for kind in INCOMING_ORDER {
        let group: Vec<&(usize, &Relation)> =
            incoming.iter().filter(|(_, r)| r.kind == kind).collect();
        if group.is_empty() {
            continue;
        }
        let color = theme::rgb(crate::timeline::style::relation_style(kind).0);
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!(
                "← {} ({})",
                capitalize(kind.inverse_verb()),
                group.len()
            ))
            .color(color)
            .strong(),
        );
        ui.indent(("incoming", kind.verb()), |ui| {
            for &&(other, relation) in &group {
                event_link_ui(ui, doc, other, commands);
                note_ui(ui, relation.note.as_ref(), (other, kind.verb()));
            }
        });
    }
}

/// A link to another event, "title (date)", read out as kind, date and title; a click selects it,
/// brings it into view and goes onto the selection history.
fn event_link_ui(ui: &mut Ui, doc: &Document, other: usize, commands: &mut Vec<Command>) {
    let Some(target) = doc.dataset.events.get(other) else {
        return;
    };
    let title = shown(&target.title, LINK_TITLE_CHARS);
    let response = ui
        .link(format!("{title} ({})", target.date))
        .on_hover_text("Select it and bring it into view");
    // As `Event::accessible_label` reads it, with the title cut as the link shows it.
    let label = format!("{}, {}: {title}", target.kind.label(), target.date);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &label));
    if response.clicked() {
        commands.push(Command::Focus(other));
    }
}

/// A relation's note, indented under its link.
fn note_ui(ui: &mut Ui, note: Option<&String>, salt: impl std::hash::Hash + std::fmt::Debug) {
    if let Some(note) = note {
        ui.indent(("note", salt), |ui| {
            paragraph_ui(ui, note, |note| RichText::new(note).weak());
        });
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A source's URL: a link when it is http(s), with the full URL on hover before any click;
/// anything else (`javascript:`, `file:`, a custom protocol) as plain text that is never opened.
pub(super) fn url_ui(ui: &mut Ui, url: &str) {
    use crate::model::visible_text::cut;
    let shown = visible(url);
    if crate::model::link::is_web_link(url) {
        ui.hyperlink_to(cut(&shown, 80).into_owned(), url)
            .on_hover_text(shown.as_ref());
    } else {
        ui.label(cut(&shown, 80).into_owned())
            .on_hover_text(format!(
                "{shown}\nNot an http(s) link, so it is not opened."
            ));
    }
}
