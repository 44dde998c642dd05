//! View ▸ Event table (T): the shown events as rows — date, kind, lane, title, actors, sources and
//! quote status — sortable by any column. Only the rows on screen are laid out, and the order is
//! computed by the core ([`table_rows`]) only when the filter or the sort changes, so a million
//! rows scroll like ten. Ordering a million rows by title takes seconds, so in a large dataset it
//! is done on its own thread while the old order stays on screen.

use std::sync::Arc;

use egui::{Align, RichText, Role, Sense, Ui, WidgetInfo};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::job::{Job, Latest, Poll};
use super::theme;
use crate::document::Document;
use crate::model::visible_text::MAX_DRAWN_CHARS;
use crate::model::visible_text::shown;
use crate::timeline::table::{
    SortDirection, TableColumn, TableSort, actor_names, source_names, table_rows,
};
use crate::timeline::{Matches, QuoteStatus};

/// The table's own state: its sort and the row order made for it.
#[derive(Default)]
pub struct EventTable {
    sort: TableSort,
    /// Event indices in row order, for `made_for`.
    rows: Arc<Vec<u32>>,
    /// The filter generation and sort `rows` was made for; `None` before the first frame.
    made_for: Option<RowsFor>,
    /// The selection the table last scrolled to, so it scrolls once per new selection and never
    /// fights the reader's own scrolling.
    scrolled_to: Option<usize>,
    /// An order being made on its own thread, and what it is for.
    pending: Latest<RowsFor, Vec<u32>>,
}

/// The filter generation and the sort an order of rows is made for.
type RowsFor = (u64, TableSort);

/// From this many events an order is made off the UI thread (as searches are): ordering a
/// million rows by title took 2.2 s (`cargo bench --bench timeline -- frame_1m`).
pub const BACKGROUND_ROWS: usize = 50_000;

impl EventTable {
    /// The rows shown last frame, as event indices in order (for tests and scripting).
    pub fn rows(&self) -> &[u32] {
        &self.rows
    }

    /// The current sort.
    pub fn sort(&self) -> TableSort {
        self.sort
    }

    /// Whether a new order is being made in the background (the old one is shown meanwhile).
    pub fn is_sorting(&self) -> bool {
        self.pending.running().is_some()
    }

    /// Re-sorts only when the filter (by generation) or the sort changed since the last frame; in
    /// a large dataset on its own thread, taking its result once it is the one still wanted.
    fn refresh(
        &mut self,
        ctx: &egui::Context,
        doc: &Arc<Document>,
        matches: Option<&Arc<Matches>>,
        generation: u64,
    ) {
        let key = (generation, self.sort);
        if self
            .pending
            .running()
            .is_some_and(|made_for| *made_for != key)
        {
            // Being made for a sort or filter no longer wanted.
            self.pending.cancel();
        }
        match self.pending.poll() {
            Some((made_for, Poll::Done(rows))) if made_for == key => {
                self.rows = Arc::new(rows);
                self.made_for = Some(key);
            }
            _ if self.pending.running().is_some() => return,
            _ => {}
        }
        if self.made_for == Some(key) {
            return;
        }
        if doc.dataset.events.len() < BACKGROUND_ROWS {
            let rows = table_rows(
                &doc.dataset,
                &doc.index,
                &doc.quotes,
                matches.map(|m| &**m),
                self.sort,
            );
            self.rows = Arc::new(rows);
            self.made_for = Some(key);
            return;
        }
        let (doc, matches, sort) = (Arc::clone(doc), matches.cloned(), self.sort);
        let job = Job::spawn(ctx, move || {
            table_rows(
                &doc.dataset,
                &doc.index,
                &doc.quotes,
                matches.as_deref(),
                sort,
            )
        });
        self.pending.start(key, job);
    }

    /// The table. `generation` changes whenever the search or filters do (and on a new dataset).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        doc: &Arc<Document>,
        matches: Option<&Arc<Matches>>,
        generation: u64,
        selected: Option<usize>,
        commands: &mut Vec<Command>,
    ) {
        self.refresh(ui.ctx(), doc, matches, generation);
        if self.is_sorting() {
            ui.weak(format!(
                "Sorting {}…",
                crate::model::count::count(doc.dataset.events.len(), "event", "events")
            ));
        }
        if self.rows.is_empty() && !self.is_sorting() {
            ui.weak("No event matches the search and filters.");
            return;
        }
        // A new selection from elsewhere (a mark, ← / →, a link): bring its row into view.
        let scroll_to = if selected == self.scrolled_to {
            None
        } else {
            self.scrolled_to = selected;
            selected.and_then(|s| self.rows.iter().position(|&e| e as usize == s))
        };
        let rows = Arc::clone(&self.rows);
        // Cells are plain text: a click anywhere on a row selects its event, not a word.
        ui.style_mut().interaction.selectable_labels = false;
        // The title takes what the other columns leave, so at the usual window sizes every column
        // fits; the others can be dragged wider. Narrower than their minimums, the table scrolls
        // sideways, so the sources and ✔/✘ columns can always be reached.
        egui::ScrollArea::horizontal()
            .id_salt("event_table_sideways")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.table_ui(ui, doc, &rows, scroll_to, selected, commands);
            });
    }

    /// The table itself, as wide as the panel when the columns fit, wider when they cannot.
    fn table_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        rows: &[u32],
        scroll_to: Option<usize>,
        selected: Option<usize>,
        commands: &mut Vec<Command>,
    ) {
        let dark = ui.visuals().dark_mode;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        let mut table = TableBuilder::new(ui)
            .id_salt("event_table")
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            .auto_shrink([false, false])
            .column(Column::initial(100.0).at_least(60.0).clip(true))
            .column(Column::initial(80.0).at_least(50.0).clip(true))
            .column(Column::initial(100.0).at_least(50.0).clip(true))
            .column(
                Column::remainder()
                    .at_least(120.0)
                    .clip(true)
                    .resizable(false),
            )
            .column(Column::initial(140.0).at_least(50.0).clip(true))
            .column(Column::initial(140.0).at_least(50.0).clip(true))
            .column(Column::initial(76.0).at_least(60.0).clip(true));
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, Some(Align::Center));
        }
        let mut clicked_header = None;
        table
            .header(row_height + 2.0, |mut header| {
                for column in TableColumn::ALL {
                    header.col(|ui| {
                        if header_ui(ui, column, self.sort) {
                            clicked_header = Some(column);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let Some(event_index) = rows.get(row.index()).map(|&e| e as usize) else {
                        return;
                    };
                    let Some(event) = doc.dataset.events.get(event_index) else {
                        return;
                    };
                    row.set_selected(selected == Some(event_index));
                    row.col(|ui| {
                        ui.label(event.date.to_string());
                    });
                    row.col(|ui| {
                        ui.label(event.kind.label());
                    });
                    row.col(|ui| {
                        let lane = doc
                            .index
                            .lane_of_event
                            .get(event_index)
                            .and_then(|&l| doc.dataset.lanes.get(l))
                            .map_or("", |l| l.label.as_str());
                        ui.label(shown(lane, MAX_DRAWN_CHARS));
                    });
                    row.col(|ui| {
                        ui.label(shown(&event.title, MAX_DRAWN_CHARS));
                    });
                    row.col(|ui| {
                        ui.label(shown(&actor_names(&doc.dataset, event), MAX_DRAWN_CHARS));
                    });
                    row.col(|ui| {
                        ui.label(shown(&source_names(&doc.dataset, event), MAX_DRAWN_CHARS));
                    });
                    row.col(|ui| {
                        let quotes = doc.quotes.of(event_index);
                        quote_status_ui(ui, QuoteStatus::of(event, quotes), dark);
                    });
                    let response = row.response();
                    response.widget_info(|| {
                        WidgetInfo::labeled(Role::Row, true, event.accessible_label())
                    });
                    if response.clicked() {
                        // The row is already on screen: do not scroll to it.
                        self.scrolled_to = Some(event_index);
                        commands.push(Command::Focus(event_index));
                    }
                });
            });
        if let Some(column) = clicked_header {
            self.sort = self.sort.clicked(column);
        }
    }
}

/// A column header: its name, with ▲ or ▼ when the table is sorted by it. True when clicked.
fn header_ui(ui: &mut Ui, column: TableColumn, sort: TableSort) -> bool {
    let arrow = match (sort.column == column, sort.direction) {
        (false, _) => "",
        (true, SortDirection::Ascending) => " ▲",
        (true, SortDirection::Descending) => " ▼",
    };
    let response = ui
        .add(
            egui::Button::new(RichText::new(format!("{}{arrow}", column.label())).strong())
                .frame(false),
        )
        .on_hover_text("Sort by this column; click again to reverse");
    let state = match (sort.column == column, sort.direction) {
        (false, _) => "",
        (true, SortDirection::Ascending) => ", sorted ascending",
        (true, SortDirection::Descending) => ", sorted descending",
    };
    response.widget_info(|| {
        WidgetInfo::labeled(
            Role::ColumnHeader,
            true,
            format!("{}{state}", column.label()),
        )
    });
    response.clicked()
}

/// ✔ when every quote was found, ✘ when one was not, – without quotes; coloured and named.
fn quote_status_ui(ui: &mut Ui, status: QuoteStatus, dark: bool) {
    let (symbol, color) = match status {
        QuoteStatus::Verified => ("✔", theme::verified(dark)),
        QuoteStatus::NotFound => ("✘", theme::not_found(dark)),
        QuoteStatus::None => ("–", ui.visuals().weak_text_color()),
    };
    ui.label(RichText::new(symbol).color(color).strong())
        .on_hover_text(status.label());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Checked, Origin, Outcome, Report};
    use crate::model::RelationTargets;

    /// A document of `count` synthetic events, built without a file.
    fn document(count: usize) -> Arc<Document> {
        let dataset = crate::synthetic::dataset(count, 7, crate::synthetic::Citations::None);
        let outcome = Outcome {
            origin: Origin::Embedded,
            report: Report::new("synthetic"),
            checked: Some(Checked {
                targets: RelationTargets::resolve(&dataset),
                quotes: (0..dataset.events.len()).map(|_| Vec::new()).collect(),
                dataset,
            }),
            sha256: String::new(),
        };
        Arc::new(Document::from_outcome(outcome).unwrap())
    }

    #[test]
    fn a_large_table_is_ordered_off_the_ui_thread_and_keeps_its_old_order_meanwhile() {
        let doc = document(BACKGROUND_ROWS + 1);
        let ctx = egui::Context::default();
        let mut table = EventTable::default();
        let mut frame = |table: &mut EventTable| {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                table.ui(ui, &doc, None, 0, None, &mut Vec::new());
            });
            output.textures_delta.clear();
        };
        let wait = |table: &mut EventTable, frame: &mut dyn FnMut(&mut EventTable)| {
            let started = std::time::Instant::now();
            while table.is_sorting() {
                assert!(started.elapsed().as_secs() < 60, "the order never landed");
                std::thread::sleep(std::time::Duration::from_millis(5));
                frame(table);
            }
        };
        frame(&mut table);
        assert!(
            table.is_sorting(),
            "a large dataset is not ordered in the frame"
        );
        assert!(table.rows().is_empty());
        wait(&mut table, &mut frame);
        assert_eq!(table.rows().len(), doc.dataset.events.len());
        let by_date = table.rows().to_vec();
        assert_eq!(
            by_date.first().map(|&e| e as usize),
            doc.index.by_time.first().copied()
        );

        table.sort = table.sort.clicked(TableColumn::Title);
        frame(&mut table);
        assert!(table.is_sorting());
        assert_eq!(
            table.rows(),
            by_date,
            "the old order stays on screen meanwhile"
        );
        wait(&mut table, &mut frame);
        let title = |e: u32| doc.dataset.events[e as usize].title.to_lowercase();
        let titles: Vec<String> = table.rows().iter().take(50).map(|&e| title(e)).collect();
        assert!(titles.is_sorted(), "{titles:?}");
        assert_ne!(table.rows(), by_date);
    }
}
