//! The event table's rows: which events, in which order. Sorting a million rows takes longer than a
//! frame, so the window asks for an order only when the filter or the sort changes, and keeps it.
//!
//! Every order breaks ties by time (date, then id), so equal keys never shuffle between sorts and
//! a reader scanning "all statements" sees them chronologically.

use rayon::slice::ParallelSliceMut as _;

use super::filter::{Matches, QuoteStatus, fold};
use super::index::{TimelineIndex, kind_slot};
use crate::model::{Dataset, Event, QuoteMatches};

/// A column of the event table, each sortable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableColumn {
    Date,
    Kind,
    Lane,
    Title,
    Actors,
    Sources,
    Quotes,
}

impl TableColumn {
    /// Left to right, as the table shows them.
    pub const ALL: [Self; 7] = [
        Self::Date,
        Self::Kind,
        Self::Lane,
        Self::Title,
        Self::Actors,
        Self::Sources,
        Self::Quotes,
    ];

    /// The header text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "Date",
            Self::Kind => "Kind",
            Self::Lane => "Lane",
            Self::Title => "Title",
            Self::Actors => "Actors",
            Self::Sources => "Sources",
            Self::Quotes => "Quotes",
        }
    }
}

/// Which way a column sorts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortDirection {
    #[default]
    Ascending,
    Descending,
}

impl SortDirection {
    /// The other way: a second click on a header.
    #[must_use]
    pub fn reversed(self) -> Self {
        match self {
            Self::Ascending => Self::Descending,
            Self::Descending => Self::Ascending,
        }
    }
}

/// The table's order: a column and a direction. The default is by date, earliest first, like the
/// timeline reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TableSort {
    pub column: TableColumn,
    pub direction: SortDirection,
}

impl Default for TableSort {
    fn default() -> Self {
        Self {
            column: TableColumn::Date,
            direction: SortDirection::Ascending,
        }
    }
}

impl TableSort {
    /// The sort after a click on `column`'s header: the same column flips, another starts
    /// ascending.
    #[must_use]
    pub fn clicked(self, column: TableColumn) -> Self {
        if self.column == column {
            Self {
                column,
                direction: self.direction.reversed(),
            }
        } else {
            Self {
                column,
                direction: SortDirection::Ascending,
            }
        }
    }
}

/// The actors of an event by name (their id when the dataset does not name them), for the table's
/// cell and its sort.
pub fn actor_names(dataset: &Dataset, event: &Event) -> String {
    let names: Vec<&str> = event
        .actors
        .iter()
        .map(|id| dataset.actor(id).map_or(id.as_str(), |a| a.name.as_str()))
        .collect();
    names.join(", ")
}

/// The sources an event cites, by outlet (else title), for the table's cell and its sort.
pub fn source_names(dataset: &Dataset, event: &Event) -> String {
    let mut names: Vec<&str> = Vec::with_capacity(event.citations.len());
    for citation in &event.citations {
        let name = dataset.source(&citation.source).map_or_else(
            || citation.source.as_str(),
            |s| s.outlet.as_deref().unwrap_or(s.title.as_str()),
        );
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(", ")
}

/// The table's rows: the shown events (all when `matches` is `None`) as event indices, ordered
/// by `sort`. `u32` halves the memory of a million-row order; datasets are capped well below 4G
/// events.
pub fn table_rows(
    dataset: &Dataset,
    index: &TimelineIndex,
    quotes: &QuoteMatches,
    matches: Option<&Matches>,
    sort: TableSort,
) -> Vec<u32> {
    let shown = |e: usize| matches.is_none_or(|m| m.contains(e));
    // In time order already: the date sort and every tie-break come from it.
    let mut rows: Vec<u32> = index
        .by_time
        .iter()
        .copied()
        .filter(|&e| shown(e))
        .map(|e| e as u32)
        .collect();
    let rank = |e: u32| index.rank(e as usize);
    let event = |e: u32| dataset.events.get(e as usize);
    match sort.column {
        TableColumn::Date => {}
        TableColumn::Kind => rows.par_sort_by_key(|&e| event(e).map(|ev| kind_slot(ev.kind))),
        TableColumn::Lane => {
            rows.par_sort_by_key(|&e| index.lane_of_event.get(e as usize).copied());
        }
        TableColumn::Quotes => rows.par_sort_by_key(|&e| {
            event(e).map(|ev| quote_order(QuoteStatus::of(ev, quotes.of(e as usize))))
        }),
        TableColumn::Title | TableColumn::Actors | TableColumn::Sources => {
            // Case- and accent-insensitive, computed once per row, not once per comparison.
            rows.par_sort_by_cached_key(|&e| {
                let text = event(e).map_or_else(String::new, |ev| match sort.column {
                    TableColumn::Actors => actor_names(dataset, ev),
                    TableColumn::Sources => source_names(dataset, ev),
                    _ => ev.title.clone(),
                });
                // Events with nothing in the column go last, as spreadsheets do.
                (text.is_empty(), fold(&text), rank(e))
            });
        }
    }
    if sort.direction == SortDirection::Descending {
        // Stable sorts kept time order within equal keys; reversing keeps ties in reverse time,
        // which is what a descending date sort shows too.
        rows.reverse();
    }
    rows
}

/// Unverified quotes first: they are what a reader must look at.
fn quote_order(status: QuoteStatus) -> u8 {
    match status {
        QuoteStatus::NotFound => 0,
        QuoteStatus::Verified => 1,
        QuoteStatus::None => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Citation, EventKind, Lane, Quote};

    fn event(id: &str, kind: EventKind, lane: &str, date: &str, title: &str) -> Event {
        crate::model::test_event(id, kind, lane, date, title)
    }

    fn cite(exact: &str) -> Citation {
        Citation {
            source: "s".into(),
            quote: Quote {
                exact: exact.into(),
                prefix: None,
                suffix: None,
            },
            note: None,
        }
    }

    /// Four events in file order b, d, a, c by date; titles and kinds chosen so every column sorts
    /// differently from the date.
    fn dataset() -> (Dataset, QuoteMatches) {
        let lane = |id: &str| Lane {
            id: id.into(),
            label: id.into(),
            color: None,
        };
        let mut zak = event("zak", EventKind::Statement, "b", "2017-01-07", "zakharova");
        zak.actors = vec!["zk".into()];
        zak.citations = vec![cite("said")];
        let mut ica = event("ica", EventKind::Report, "a", "2017-01-06", "Élysée");
        ica.actors = vec!["odni".into()];
        let mut pes = event("pes", EventKind::Statement, "b", "2020-11-13", "Alpha");
        pes.citations = vec![cite("groundless")];
        let mueller = event("mueller", EventKind::Report, "a", "2019", "mueller");
        let data = Dataset {
            lanes: vec![lane("a"), lane("b")],
            actors: vec![
                Actor {
                    id: "zk".into(),
                    name: "Maria Zakharova".into(),
                    role: None,
                },
                Actor {
                    id: "odni".into(),
                    name: "ODNI".into(),
                    role: None,
                },
            ],
            events: vec![zak, ica, pes, mueller]
                .into_iter()
                .map(std::sync::Arc::new)
                .collect(),
            ..Dataset::default()
        };
        let found = crate::model::QuoteMatch::Found { start: 0, end: 1 };
        let not_found = crate::model::QuoteMatch::NotFound;
        let quotes = [vec![not_found], vec![], vec![found], vec![]]
            .into_iter()
            .collect();
        (data, quotes)
    }

    fn ids(data: &Dataset, rows: &[u32]) -> Vec<String> {
        rows.iter()
            .map(|&e| data.events[e as usize].id.clone())
            .collect()
    }

    fn sorted(column: TableColumn, direction: SortDirection) -> Vec<String> {
        let (data, quotes) = dataset();
        let index = TimelineIndex::new(&data);
        let rows = table_rows(
            &data,
            &index,
            &quotes,
            None,
            TableSort { column, direction },
        );
        ids(&data, &rows)
    }

    #[test]
    fn each_column_sorts_with_time_breaking_ties() {
        use SortDirection::{Ascending, Descending};
        assert_eq!(
            sorted(TableColumn::Date, Ascending),
            ["ica", "zak", "mueller", "pes"]
        );
        assert_eq!(
            sorted(TableColumn::Date, Descending),
            ["pes", "mueller", "zak", "ica"]
        );
        let statements_first = kind_slot(EventKind::Statement) < kind_slot(EventKind::Report);
        let (first, second) = if statements_first {
            (["zak", "pes"], ["ica", "mueller"])
        } else {
            (["ica", "mueller"], ["zak", "pes"])
        };
        assert_eq!(
            sorted(TableColumn::Kind, Ascending),
            [first, second].concat(),
            "kinds grouped, each group in time order"
        );
        assert_eq!(
            sorted(TableColumn::Lane, Ascending),
            ["ica", "mueller", "zak", "pes"]
        );
        assert_eq!(
            sorted(TableColumn::Title, Ascending),
            ["pes", "ica", "mueller", "zak"],
            "Alpha, Élysée (as e), mueller, zakharova: case and accents ignored"
        );
        assert_eq!(
            sorted(TableColumn::Actors, Ascending),
            ["zak", "ica", "mueller", "pes"],
            "Maria Zakharova, ODNI, then the events without actors in time order"
        );
        assert_eq!(
            sorted(TableColumn::Quotes, Ascending),
            ["zak", "pes", "ica", "mueller"],
            "not found, verified, then no quotes"
        );
    }

    #[test]
    fn only_matching_events_are_rows() {
        let (data, quotes) = dataset();
        let index = TimelineIndex::new(&data);
        let filter = crate::timeline::Filter {
            kinds: vec![EventKind::Statement],
            ..crate::timeline::Filter::default()
        };
        let matches = filter.apply(&data, &quotes, &crate::timeline::SearchIndex::new(&data));
        let rows = table_rows(
            &data,
            &index,
            &quotes,
            Some(&matches),
            TableSort::default().clicked(TableColumn::Date),
        );
        assert_eq!(
            ids(&data, &rows),
            ["pes", "zak"],
            "descending after a click"
        );
    }

    #[test]
    fn a_header_click_flips_its_own_column_and_starts_others_ascending() {
        let sort = TableSort::default();
        assert_eq!(
            sort.clicked(TableColumn::Date).direction,
            SortDirection::Descending
        );
        let title = sort.clicked(TableColumn::Date).clicked(TableColumn::Title);
        assert_eq!(title.column, TableColumn::Title);
        assert_eq!(title.direction, SortDirection::Ascending);
    }
}
