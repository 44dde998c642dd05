//! The detail panel: everything about the selected event, its relations as links, and each quote
//! with whether it was found in its source.

use egui::{RichText, Ui};

use super::command::Command;
use super::theme;
use crate::document::Document;
use crate::model::visible_text::visible;
use crate::model::{QuoteMatch, Relation, RelationKind};

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
    ui.heading(visible(&doc.dataset.title));
    if !doc.dataset.description.is_empty() {
        ui.label(visible(&doc.dataset.description));
    }
    ui.add_space(8.0);
    ui.weak(
        "Click a mark to see its quotes in their sources. ← and → step through events in time.",
    );
}

fn event_ui(ui: &mut Ui, doc: &Document, index: usize, commands: &mut Vec<Command>) {
    let dark = ui.visuals().dark_mode;
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    ui.add(egui::Label::new(RichText::new(visible(&event.title)).heading()).wrap());
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
            ui.label(RichText::new(basis).italics());
        });
    }
    if !event.actors.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.weak("Actors");
            let names: Vec<String> = event
                .actors
                .iter()
                .map(|id| {
                    doc.dataset.actor(id).map_or_else(
                        || id.to_string(),
                        |a| match &a.role {
                            Some(role) => format!("{} ({role})", a.name),
                            None => a.name.clone(),
                        },
                    )
                })
                .collect();
            ui.label(visible(&names.join(", ")));
        });
    }
    if let Some(summary) = &event.summary {
        ui.add_space(6.0);
        ui.label(visible(summary));
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
            ui.add(
                egui::Label::new(
                    RichText::new(format!("“{}”", visible(&citation.quote.exact)))
                        .size(15.0)
                        .italics(),
                )
                .wrap(),
            );
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
                        line.push_str(outlet);
                        line.push_str(" — ");
                    }
                    line.push_str(&source.title);
                    if let Some(published) = source.published {
                        line.push_str(", ");
                        line.push_str(&published.to_string());
                    }
                    ui.add(egui::Label::new(RichText::new(visible(&line)).small()).wrap());
                    if let Some(url) = source.url.as_deref().filter(|u| !u.is_empty()) {
                        url_ui(ui, url);
                    }
                }
                None => {
                    ui.colored_label(
                        theme::not_found(dark),
                        format!("Unknown source `{}`", citation.source),
                    );
                }
            }
            if let Some(note) = &citation.note {
                ui.weak(note);
            }
        });
    }
}

/// A citation that claims no words: the source's title, link and the citation's note.
fn media_ui(ui: &mut Ui, doc: &Document, citation: &crate::model::Citation) {
    let source = doc.dataset.source(&citation.source);
    ui.label(
        RichText::new(visible(
            source.map_or(citation.source.as_str(), |s| s.title.as_str()),
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
        ui.weak(note);
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
                ui.label(format!("{verb} unknown event `{}`", relation.target));
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
    let text = format!("{} ({})", visible(&target.title), target.date);
    let response = ui
        .link(text)
        .on_hover_text("Select it and bring it into view");
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Link, true, target.accessible_label())
    });
    if response.clicked() {
        commands.push(Command::Focus(other));
    }
}

/// A relation's note, indented under its link.
fn note_ui(ui: &mut Ui, note: Option<&String>, salt: impl std::hash::Hash + std::fmt::Debug) {
    if let Some(note) = note {
        ui.indent(("note", salt), |ui| ui.weak(note));
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
