//! The detail panel: everything about the selected event, its relations as links, and each quote
//! with whether it was found in its source.
//!
//! Everything here comes from a stranger's file, so every list is shown a page at a time and every
//! text is cut before egui lays it out: an event that 300,000 others answered froze the window for
//! seconds, and so did an 8 MB summary.

use std::fmt::Write as _;

use egui::{RichText, Ui};

use super::command::Command;
use super::theme;
use crate::document::Document;
use crate::edit::Edit;
use crate::model::count::thousands;
use crate::model::visible_text::shown;
use crate::model::visible_text::{MAX_DRAWN_CHARS, MAX_SHOWN_TEXT_CHARS};
use crate::model::{QuoteMatch, Relation, RelationKind};

/// How many relations or citations a list shows at first, and how many more each click reveals.
/// Twenty links fill the panel at a laptop's height, so nearly every real event shows whole on its
/// first page, while an event that 300,000 others answer costs a frame no more than one with 20.
const PAGE: usize = 20;

/// The most characters of an event title in a link. A link is one line in a list of them; the
/// whole title (up to [`MAX_DRAWN_CHARS`]) shows once the event is selected.
const LINK_TITLE_CHARS: usize = 200;

/// Shows the selected event, or an overview of the dataset when nothing is selected.
pub fn detail_ui(
    ui: &mut Ui,
    doc: &Document,
    selected: Option<usize>,
    editing: bool,
    picking: Option<RelationKind>,
    hidden: &dyn Fn(usize) -> bool,
    commands: &mut Vec<Command>,
) {
    let pages_id = ui.make_persistent_id("event pages");
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let Some(index) = selected.filter(|&i| i < doc.dataset.events.len()) else {
                // Selecting the same event again opens it at its first pages too.
                ui.data_mut(|d| d.remove_temp::<Pages>(pages_id));
                overview_ui(ui, doc, commands);
                return;
            };
            let mut pages = ui
                .data_mut(|d| d.remove_temp::<Pages>(pages_id))
                .filter(|p| p.are_of(doc, index))
                .unwrap_or_else(|| Pages::of_event(doc, index));
            let mut reveal = None;
            let shown = Shown {
                pages: &pages,
                hidden,
                editing,
                picking,
            };
            event_ui(ui, doc, index, &shown, &mut reveal, commands);
            if let Some(list) = reveal {
                pages.reveal(doc, index, list);
                // The click's frame is drawn already; the next one shows the new page.
                ui.ctx().request_repaint();
            }
            ui.data_mut(|d| d.insert_temp(pages_id, pages));
        });
}

/// A list of the selected event that is shown a page at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    Outgoing,
    Incoming(RelationKind),
    Citations,
}

/// How much of each list of the selected event is shown. Kept in egui's temp memory between
/// frames, and made anew when another event (or another file) is selected, so every event opens
/// at its first pages.
#[derive(Clone, Debug, Default)]
struct Pages {
    /// The file (by its SHA-256) and event these pages are of: a reload that keeps the selection
    /// may have changed the event's relations.
    of: Option<(String, usize)>,
    outgoing: usize,
    citations: usize,
    /// One per kind, in the order of [`INCOMING_ORDER`].
    incoming: [IncomingPage; INCOMING_ORDER.len()],
}

/// The incoming relations of one kind: counted once when the event is selected, then found a page
/// at a time, so a frame touches only those it draws however many there are.
#[derive(Clone, Debug, Default)]
struct IncomingPage {
    /// How many relations of this kind point at the event: the group's heading.
    total: usize,
    /// Where the shown ones are in `doc.index.incoming(event)`, which mixes every kind.
    shown: Vec<usize>,
}

impl Pages {
    /// The first page of each list of `index`, and the count of each kind of incoming relation: the
    /// one pass over them all, made once per selection rather than once per frame.
    fn of_event(doc: &Document, index: usize) -> Self {
        let mut pages = Self {
            of: Some((doc.sha256.clone(), index)),
            outgoing: PAGE,
            citations: PAGE,
            incoming: Default::default(),
        };
        for (position, _, relation) in incoming_relations(doc, index, 0) {
            if let Some(page) = pages.incoming_mut(relation.kind) {
                page.total += 1;
                if page.shown.len() < PAGE {
                    page.shown.push(position);
                }
            }
        }
        pages
    }

    fn are_of(&self, doc: &Document, index: usize) -> bool {
        self.of
            .as_ref()
            .is_some_and(|(sha256, event)| *event == index && *sha256 == doc.sha256)
    }

    fn incoming(&self, kind: RelationKind) -> Option<&IncomingPage> {
        let at = INCOMING_ORDER.iter().position(|&k| k == kind)?;
        self.incoming.get(at)
    }

    fn incoming_mut(&mut self, kind: RelationKind) -> Option<&mut IncomingPage> {
        let at = INCOMING_ORDER.iter().position(|&k| k == kind)?;
        self.incoming.get_mut(at)
    }

    /// Shows the next page of `list`. An incoming group's next page is looked for from just after
    /// its last shown relation, so a click costs the distance to it, not a pass over them all.
    fn reveal(&mut self, doc: &Document, index: usize, list: List) {
        match list {
            List::Outgoing => self.outgoing = self.outgoing.saturating_add(PAGE),
            List::Citations => self.citations = self.citations.saturating_add(PAGE),
            List::Incoming(kind) => {
                let Some(page) = self.incoming_mut(kind) else {
                    return;
                };
                let from = page.shown.last().map_or(0, |&p| p + 1);
                page.shown.extend(
                    incoming_relations(doc, index, from)
                        .filter(|(_, _, r)| r.kind == kind)
                        .take(PAGE)
                        .map(|(position, _, _)| position),
                );
            }
        }
    }
}

/// The relations into `index` from position `from` of its incoming list on, each with its position
/// there and the event holding it. Lazy: callers take what they draw.
fn incoming_relations(
    doc: &Document,
    index: usize,
    from: usize,
) -> impl Iterator<Item = (usize, usize, &Relation)> {
    doc.index
        .incoming(index)
        .iter()
        .enumerate()
        .skip(from)
        .filter_map(|(position, i)| {
            let relation = doc.dataset.events.get(i.from)?.relations.get(i.relation)?;
            Some((position, i.from, relation))
        })
}

fn overview_ui(ui: &mut Ui, doc: &Document, commands: &mut Vec<Command>) {
    ui.heading(shown(&doc.dataset.title, MAX_DRAWN_CHARS));
    if !doc.dataset.description.is_empty() {
        paragraph_ui(ui, &doc.dataset.description, RichText::new);
    }
    dataset_info_ui(ui, doc, commands);
    ui.add_space(8.0);
    if doc.dataset.events.is_empty() {
        ui.label(
            "To make the record: File ▸ Add source… to paste an article, select a passage in it, \
             then Cite in a new event.",
        );
    } else {
        ui.weak(
            "Click a mark to see its quotes in their sources. ← and → step through events in time.",
        );
    }
    ui.add_space(8.0);
    ui.heading(format!(
        "Sources ({})",
        thousands(doc.dataset.sources.len())
    ));
    // The first hundred: a list to open one and cite from it, not a catalogue.
    for source in doc.dataset.sources.iter().take(100) {
        ui.horizontal_wrapped(|ui| {
            let has_text = source.text.is_some();
            if ui
                .add_enabled(has_text, egui::Button::new("Open").small())
                .on_hover_text("Its text, to select passages and cite them")
                .clicked()
            {
                commands.push(Command::ShowSourceText(source.id.as_str().into()));
            }
            ui.label(shown(&source.title, LINK_TITLE_CHARS));
        });
    }
    if ui.button("Add source…").clicked() {
        commands.push(Command::ShowAddSource);
    }
}

/// The dataset's title and description, as a form folded away under the heading: what the
/// window title and every export's footer name.
fn dataset_info_ui(ui: &mut Ui, doc: &Document, commands: &mut Vec<Command>) {
    let info = &doc.dataset;
    egui::CollapsingHeader::new("✏ Title and description")
        .id_salt("dataset info")
        .show(ui, |ui| {
            let label = ui.label("Title").id;
            super::form_fields::text_field(
                ui,
                "dataset title",
                label,
                &info.title,
                false,
                commands,
                |title| Edit::SetDatasetInfo {
                    title,
                    description: info.description.clone(),
                },
            );
            let label = ui.label("Description").id;
            super::form_fields::text_field(
                ui,
                "dataset description",
                label,
                &info.description,
                true,
                commands,
                |description| Edit::SetDatasetInfo {
                    title: info.title.clone(),
                    description,
                },
            );
        });
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

/// "Show 20 more (299,980 not shown)" under a list of which `shown` of `total` are drawn.
fn more_ui(ui: &mut Ui, shown: usize, total: usize, list: List, reveal: &mut Option<List>) {
    let hidden = total.saturating_sub(shown);
    if hidden == 0 {
        return;
    }
    let label = format!(
        "Show {} more ({} not shown)",
        thousands(PAGE.min(hidden)),
        thousands(hidden)
    );
    if ui.button(label).clicked() {
        *reveal = Some(list);
    }
}

/// How the selected event is shown: which pages of its lists, which events the filter hides, and
/// whether as a form.
struct Shown<'a> {
    pages: &'a Pages,
    hidden: &'a dyn Fn(usize) -> bool,
    editing: bool,
    /// The kind of relation whose target is being picked on the timeline for this event.
    picking: Option<RelationKind>,
}

fn event_ui(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    shown_as: &Shown<'_>,
    reveal: &mut Option<List>,
    commands: &mut Vec<Command>,
) {
    let (pages, hidden) = (shown_as.pages, shown_as.hidden);
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    if hidden(index) {
        // Its panel stays, but the timeline has no mark for it and no arrows from it.
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new("Hidden by the search or filters: it has no mark on the timeline")
                    .color(theme::warning(ui.visuals().dark_mode)),
            );
            if ui.button("Clear search and filters").clicked() {
                commands.push(Command::SetFilter(crate::timeline::Filter::default()));
                commands.push(Command::Focus(index));
            }
        });
    }
    // Edit: the event's fields as a form; every change can be undone (Ctrl+Z).
    let editing = shown_as.editing;
    if ui
        .selectable_label(editing, "✏ Edit")
        .on_hover_text("Change any of this event's fields; every change can be undone")
        .clicked()
    {
        commands.push(Command::EditForm(!editing));
    }
    if editing {
        super::event_editor::event_editor_ui(ui, doc, index, shown_as.picking, commands);
        relations_ui(ui, doc, index, pages, hidden, reveal, commands);
        citations_ui(ui, doc, index, pages, reveal, commands);
        return;
    }
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

    relations_ui(ui, doc, index, pages, hidden, reveal, commands);
    citations_ui(ui, doc, index, pages, reveal, commands);
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

/// The event's citations, a page at a time: each is a framed group with its quote, whether it was
/// found, and its source.
fn citations_ui(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    pages: &Pages,
    reveal: &mut Option<List>,
    commands: &mut Vec<Command>,
) {
    let dark = ui.visuals().dark_mode;
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    ui.add_space(10.0);
    ui.heading(format!("Citations ({})", thousands(event.citations.len())));
    if event.citations.is_empty() {
        ui.weak("No citation: this event's words are not attested in a source.");
    }
    for (c, citation) in event.citations.iter().enumerate().take(pages.citations) {
        let found = doc.quote(index, c);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if citation.quote.exact.is_empty() {
                // A link without words (a TimelineJS media item): nothing to verify.
                media_ui(ui, doc, citation);
                return;
            }
            paragraph_ui(ui, &citation.quote.exact, |quote| {
                RichText::new(crate::model::quote::in_quotation_marks(&quote))
                    .size(15.0)
                    .italics()
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
                let has_text = doc
                    .dataset
                    .source(&citation.source)
                    .is_some_and(|s| s.text.is_some());
                let tip = if found.is_verified() {
                    "The quote, marked in its source's text"
                } else {
                    "The nearest passage of the source, with what differs marked, and a fix"
                };
                if has_text && ui.button("Show in source").on_hover_text(tip).clicked() {
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
    more_ui(
        ui,
        pages.citations,
        event.citations.len(),
        List::Citations,
        reveal,
    );
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
/// not from a pass over every event, and only the shown ones are looked at.
fn relations_ui(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    pages: &Pages,
    hidden: &dyn Fn(usize) -> bool,
    reveal: &mut Option<List>,
    commands: &mut Vec<Command>,
) {
    let Some(event) = doc.dataset.events.get(index) else {
        return;
    };
    let incoming = doc.index.incoming(index);
    if event.relations.is_empty() && pages.incoming.iter().all(|p| p.total == 0) {
        return;
    }
    ui.add_space(10.0);
    ui.heading("Relations");
    for relation in event.relations.iter().take(pages.outgoing) {
        let color = theme::rgb(crate::timeline::style::relation_style(relation.kind).0);
        let verb = format!("{} →", capitalize(relation.kind.verb()));
        match doc.index.event_by_id(&doc.dataset, &relation.target) {
            Some(other) => {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(&verb).color(color).strong());
                    event_link_ui(ui, doc, other, commands);
                    hidden_note_ui(ui, hidden(other));
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
    more_ui(
        ui,
        pages.outgoing,
        event.relations.len(),
        List::Outgoing,
        reveal,
    );
    for kind in INCOMING_ORDER {
        let Some(page) = pages.incoming(kind).filter(|p| p.total > 0) else {
            continue;
        };
        let color = theme::rgb(crate::timeline::style::relation_style(kind).0);
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!(
                "← {} ({})",
                capitalize(kind.inverse_verb()),
                thousands(page.total)
            ))
            .color(color)
            .strong(),
        );
        ui.indent(("incoming", kind.verb()), |ui| {
            for &position in &page.shown {
                let Some(i) = incoming.get(position) else {
                    continue;
                };
                let Some(relation) = doc
                    .dataset
                    .events
                    .get(i.from)
                    .and_then(|e| e.relations.get(i.relation))
                else {
                    continue;
                };
                ui.horizontal_wrapped(|ui| {
                    event_link_ui(ui, doc, i.from, commands);
                    hidden_note_ui(ui, hidden(i.from));
                });
                note_ui(ui, relation.note.as_ref(), (i.from, kind.verb()));
            }
            more_ui(
                ui,
                page.shown.len(),
                page.total,
                List::Incoming(kind),
                reveal,
            );
        });
    }
}

/// Says that a related event has no mark (so no arrow) while the search or filters hide it.
fn hidden_note_ui(ui: &mut Ui, hidden: bool) {
    if hidden {
        ui.weak("(hidden by the filter: no arrow)");
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

/// A source's URL: a link when it is http(s), with the URL on hover before any click; anything
/// else (`javascript:`, `file:`, a custom protocol) as plain text that is never opened. A link
/// rather than `ui.hyperlink_to`, which copies the whole URL (up to 8 MB) every frame.
pub(super) fn url_ui(ui: &mut Ui, url: &str) {
    let shown_url = shown(url, MAX_SHOWN_TEXT_CHARS);
    if crate::model::link::is_web_link(url) {
        let response = ui
            .link(shown(url, 80).into_owned())
            .on_hover_text(shown_url.as_ref());
        if response.clicked_with_open_in_background() {
            ui.ctx().open_url(egui::OpenUrl::new_tab(url));
        } else if response.clicked() {
            ui.ctx().open_url(egui::OpenUrl::same_tab(url));
        }
    } else {
        ui.label(shown(url, 80).into_owned()).on_hover_text(format!(
            "{shown_url}\nNot an http(s) link, so it is not opened."
        ));
    }
}
