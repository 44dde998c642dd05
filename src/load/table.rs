//! Importing CSV tables: our own header (`id, kind, lane, date, end, title, summary, actors,
//! source_title, source_url, quote, date_basis`, documented in `docs/FORMAT.md`) and the
//! `TimelineJS` Google Sheets export (`Year, Month, Day, Time, …, Type, Group, Background`).
//!
//! The header decides the flavour. Places follow one rule for both: a finding's line is the
//! physical line where the record starts, its column the 1-based field number, and its path
//! `rows[i].Column`, where `i` counts data rows from 0 (the header is not a row) and `Column` is the
//! column's name (`rows[3].date`, `rows[3].End Year`).

use std::collections::HashMap;

use csv::StringRecord;

use super::finding::{Finding, Findings, Place};
use super::imported::{SourcesByKey, UniqueIds};
use super::limits::MAX_CSV_ROW_CELLS;
use super::parsed::Parsed;
use super::position::{Positions, member_path};
use super::timelinejs::{self, DateParts, Part, Slide, Timeline};
use crate::model::{Actor, Citation, Dataset, Date, Event, EventKind, FORMAT, Id, Quote, Source};

/// The columns of our own CSV, in their documented order.
pub const COLUMNS: [&str; 12] = [
    "id",
    "kind",
    "lane",
    "date",
    "end",
    "title",
    "summary",
    "actors",
    "source_title",
    "source_url",
    "quote",
    "date_basis",
];

/// The columns a table of ours must have.
const REQUIRED: [&str; 2] = ["title", "date"];

/// The columns of the `TimelineJS` Google Sheets template.
pub const TIMELINEJS_COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// True for text that is not JSON (it does not start with `{` or `[`) and whose first line has a
/// comma: a CSV table.
pub fn looks_like_csv(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    !text.starts_with(['{', '[']) && text.lines().next().is_some_and(|line| line.contains(','))
}

/// Reads a CSV table; `name` (the file name stem) is the dataset's title unless the table has one.
/// Returns `None` when no dataset can be built (no header, a required column missing).
pub fn parse(text: &str, name: &str, findings: &mut Findings) -> Option<Parsed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(1, |p| p.line() as usize);
                if record.len() > MAX_CSV_ROW_CELLS {
                    findings.push(Finding::error(
                        Place { line, column: 1 },
                        "",
                        format!(
                            "a row of {} cells is wider than the limit of {MAX_CSV_ROW_CELLS} \
                             (MAX_CSV_ROW_CELLS)",
                            record.len()
                        ),
                    ));
                    return None;
                }
                records.push((line, record));
            }
            Err(error) => {
                let line = error.position().map_or(1, |p| p.line() as usize);
                findings.push(Finding::error(
                    Place { line, column: 1 },
                    "",
                    format!("CSV error: {error}; the rest of the file is not read"),
                ));
                break;
            }
        }
    }
    // Quotes come in pairs (`""` inside a quoted field is two); an odd count means a quoted field
    // runs to the end of the file, which the reader accepts silently.
    if text.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
        let line = records.last().map_or(1, |(line, _)| *line);
        findings.push(Finding::error(
            Place { line, column: 1 },
            "",
            "a quoted field is not closed in this row: every row after it was read into it (is a \
             closing `\"` missing, or the file cut short?)",
        ));
    }
    let Some(((header_line, header), rows)) = records.split_first() else {
        findings.push(Finding::error(
            Place::START,
            "",
            "the table has no header line",
        ));
        return None;
    };
    let names: Vec<String> = header.iter().map(normalize).collect();
    let timelinejs = names.iter().any(|n| n == "year") && names.iter().any(|n| n == "headline");
    let table = Table::new(*header_line, header, &names, timelinejs, rows, findings)?;
    if timelinejs {
        let (timeline, positions) = table.timeline(findings);
        Some(timelinejs::build(&timeline, positions, name, findings))
    } else {
        Some(table.ours(name, findings))
    }
}

/// A column name for matching: case, surrounding spaces and `_`/`-`/space differences ignored.
fn normalize(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

struct Table<'r> {
    /// Canonical column name → field index.
    columns: HashMap<&'static str, usize>,
    header_len: usize,
    rows: &'r [(usize, StringRecord)],
    positions: Positions,
}

impl<'r> Table<'r> {
    fn new(
        header_line: usize,
        header: &StringRecord,
        names: &[String],
        timelinejs: bool,
        rows: &'r [(usize, StringRecord)],
        findings: &mut Findings,
    ) -> Option<Self> {
        let known: &[&'static str] = if timelinejs {
            &TIMELINEJS_COLUMNS
        } else {
            &COLUMNS
        };
        let mut columns = HashMap::new();
        let mut missing = false;
        for (j, name) in names.iter().enumerate() {
            let place = Place {
                line: header_line,
                column: j + 1,
            };
            let written = header.get(j).unwrap_or_default().trim();
            match known.iter().find(|k| normalize(k) == *name) {
                Some(canonical) if columns.contains_key(canonical) => {
                    findings.push(Finding::warning(
                        place,
                        format!("header.{canonical}"),
                        format!("column `{written}` appears twice; the first one is read"),
                    ));
                }
                Some(canonical) => {
                    columns.insert(*canonical, j);
                }
                None if timelinejs || name.is_empty() => {}
                None => findings.push(Finding::warning(
                    place,
                    format!("header.{written}"),
                    format!(
                        "unknown column `{written}` is ignored (the columns are {})",
                        COLUMNS.join(", ")
                    ),
                )),
            }
        }
        if !timelinejs {
            for required in REQUIRED {
                if !columns.contains_key(required) {
                    missing = true;
                    findings.push(Finding::error(
                        Place {
                            line: header_line,
                            column: 1,
                        },
                        "header",
                        format!(
                            "missing column `{required}`: a table needs `title` and `date` (the \
                             columns are {})",
                            COLUMNS.join(", ")
                        ),
                    ));
                }
            }
        }
        if missing {
            return None;
        }
        let mut positions = Positions::default();
        for (i, (line, _)) in rows.iter().enumerate() {
            let row = row_path(i);
            positions.insert(
                &row,
                Place {
                    line: *line,
                    column: 1,
                },
            );
            for (name, j) in &columns {
                positions.insert(
                    &member_path(&row, name),
                    Place {
                        line: *line,
                        column: j + 1,
                    },
                );
            }
        }
        Some(Self {
            columns,
            header_len: header.len(),
            rows,
            positions,
        })
    }

    /// The cell of `column` in `record`; empty when the column or the field is absent.
    fn cell<'a>(&self, record: &'a StringRecord, column: &str) -> &'a str {
        self.columns
            .get(column)
            .and_then(|&j| record.get(j))
            .unwrap_or_default()
    }

    /// The data rows worth reading, with their index; blank rows are skipped, and a row with more
    /// fields than the header is reported once.
    fn data_rows(
        &self,
        findings: &mut Findings,
    ) -> impl Iterator<Item = (usize, &'r StringRecord)> + use<'r> {
        let mut kept = Vec::new();
        for (i, (line, record)) in self.rows.iter().enumerate() {
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let extra = record
                .iter()
                .skip(self.header_len)
                .any(|f| !f.trim().is_empty());
            if extra {
                findings.push(Finding::warning(
                    Place {
                        line: *line,
                        column: self.header_len + 1,
                    },
                    row_path(i),
                    format!(
                        "the row has {} fields but the header has {}; the extra fields are ignored",
                        record.len(),
                        self.header_len
                    ),
                ));
            }
            kept.push((i, record));
        }
        kept.into_iter()
    }

    /// Reads a `TimelineJS` Sheets export into slides: the `title` row, `era` rows, and events.
    fn timeline(self, findings: &mut Findings) -> (Timeline, Positions) {
        let mut timeline = Timeline::default();
        for (i, record) in self.data_rows(findings) {
            let row = row_path(i);
            let at = |column: &str| member_path(&row, column);
            let part = |column: &str| {
                let text = self.cell(record, column);
                (!text.trim().is_empty()).then(|| Part {
                    path: at(column),
                    text: text.to_owned(),
                })
            };
            let written = |columns: &[&str]| {
                columns
                    .iter()
                    .filter_map(|c| {
                        let v = self.cell(record, c).trim();
                        (!v.is_empty()).then(|| format!("{c} {v}"))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let kind = self.cell(record, "Type").trim().to_lowercase();
            let sheet = if kind == "era" {
                "TimelineJS sheet era"
            } else {
                "TimelineJS sheet"
            };
            let slide = Slide {
                path: row.clone(),
                unique_id: String::new(),
                unique_id_path: row.clone(),
                start: DateParts {
                    path: at("Year"),
                    written: format!(
                        "{sheet} row {}: {}",
                        i + 2,
                        written(&["Year", "Month", "Day", "Time", "Display Date"])
                    ),
                    year: part("Year"),
                    month: part("Month"),
                    day: part("Day"),
                    time: part("Time"),
                    ..DateParts::default()
                },
                end: DateParts {
                    path: at("End Year"),
                    written: written(&["End Year", "End Month", "End Day", "End Time"]),
                    year: part("End Year"),
                    month: part("End Month"),
                    day: part("End Day"),
                    time: part("End Time"),
                    ..DateParts::default()
                },
                headline: self.cell(record, "Headline").to_owned(),
                headline_path: at("Headline"),
                text: self.cell(record, "Text").to_owned(),
                media_url: self.cell(record, "Media").to_owned(),
                media_credit: self.cell(record, "Media Credit").to_owned(),
                media_caption: self.cell(record, "Media Caption").to_owned(),
                media_path: at("Media"),
                group: self.cell(record, "Group").to_owned(),
                group_path: at("Group"),
                tags: Vec::new(),
            };
            match kind.as_str() {
                "title" if timeline.title.is_none() => timeline.title = Some(slide),
                "title" => findings.push(Finding::warning(
                    self.positions.value(&at("Type")),
                    at("Type"),
                    "a second `title` row is ignored; the first one titles the timeline",
                )),
                "era" => timeline.eras.push(slide),
                _ => timeline.events.push(slide),
            }
        }
        (timeline, self.positions)
    }

    /// Reads a table in our own columns.
    fn ours(mut self, name: &str, findings: &mut Findings) -> Parsed {
        let rows: Vec<(usize, &StringRecord)> = self.data_rows(findings).collect();
        let mut taken = UniqueIds::new(
            rows.iter()
                .map(|(_, r)| self.cell(r, "id").trim().to_owned()),
        );
        let mut events = Vec::new();
        let mut event_paths = Vec::new();
        let mut actors: Vec<Actor> = Vec::new();
        let mut actor_paths = Vec::new();
        let mut sources = SourcesByKey::default();
        let mut aliases = Vec::new();
        for (i, record) in rows {
            let row = row_path(i);
            let at = |column: &str| member_path(&row, column);
            let cell = |column: &str| self.cell(record, column).trim();
            let id = if cell("id").is_empty() {
                taken.make("event", i + 1)
            } else {
                cell("id").to_owned()
            };
            let mut error = |column: &str, message: String| {
                findings.push(
                    Finding::error(self.positions.value(&at(column)), at(column), message)
                        .in_event(Some(&id)),
                );
            };
            let kind = if cell("kind").is_empty() {
                EventKind::Context
            } else if let Some(kind) = EventKind::ALL
                .into_iter()
                .find(|k| k.id().eq_ignore_ascii_case(cell("kind")))
            {
                kind
            } else {
                error(
                    "kind",
                    format!(
                        "unknown kind `{}` (one of election, report, legal, statement, \
                         context); the row is not imported",
                        cell("kind")
                    ),
                );
                continue;
            };
            let date = match Date::parse(cell("date")) {
                Ok(date) => date,
                Err(_) if cell("date").is_empty() => {
                    error("date", "no date; the row is not imported".to_owned());
                    continue;
                }
                Err(e) => {
                    error("date", format!("{e}; the row is not imported"));
                    continue;
                }
            };
            let end = if cell("end").is_empty() {
                None
            } else {
                match Date::parse(cell("end")) {
                    Ok(end) => Some(end),
                    Err(e) => {
                        error("end", format!("{e}; the row is not imported"));
                        continue;
                    }
                }
            };
            let source = if cell("source_url").is_empty() && cell("source_title").is_empty() {
                None
            } else {
                let url = cell("source_url");
                let title = if cell("source_title").is_empty() {
                    url
                } else {
                    cell("source_title")
                };
                // A source without a link is told apart by its title.
                let key = if url.is_empty() {
                    format!("\u{0}{title}")
                } else {
                    url.to_owned()
                };
                let path = || {
                    at(if cell("source_title").is_empty() {
                        "source_url"
                    } else {
                        "source_title"
                    })
                };
                Some(sources.id_for(&key, path, |n| Source {
                    id: format!("s{n}"),
                    title: title.to_owned(),
                    outlet: None,
                    published: None,
                    url: (!url.is_empty()).then(|| url.to_owned()),
                    note: None,
                    text: None,
                    text_file: None,
                    sha256: None,
                }))
            };
            // The quote is kept verbatim (not trimmed): it must match its source exactly.
            let quote = self.cell(record, "quote");
            let mut citations = Vec::new();
            if !quote.trim().is_empty() {
                if let Some(source) = source {
                    citations.push(Citation {
                        source: source.into(),
                        quote: Quote {
                            exact: quote.to_owned(),
                            prefix: None,
                            suffix: None,
                        },
                        note: None,
                    });
                    aliases.push((format!("{row}.citations[0].quote.exact"), at("quote")));
                    aliases.push((format!("{row}.citations[0].source"), at("quote")));
                } else {
                    error(
                        "quote",
                        "a quote needs a source: give `source_title` or `source_url`".to_owned(),
                    );
                }
            }
            let event_actors: Vec<Id> = cell("actors")
                .split(';')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(Id::from)
                .collect();
            for actor in &event_actors {
                if !actors.iter().any(|a| a.id == actor.as_str()) {
                    actors.push(Actor {
                        id: actor.to_string(),
                        name: actor.to_string(),
                        role: None,
                    });
                    actor_paths.push(at("actors"));
                }
            }
            let optional = |column: &str| {
                let v = cell(column);
                (!v.is_empty()).then(|| v.to_owned())
            };
            events.push(Event {
                id,
                kind,
                lane: cell("lane").into(),
                date,
                end,
                ongoing_as_of: None,
                earliest: None,
                latest: None,
                date_basis: optional("date_basis"),
                title: cell("title").to_owned(),
                summary: optional("summary"),
                actors: event_actors,
                tags: Vec::new(),
                citations,
                relations: Vec::new(),
            });
            event_paths.push(row);
        }
        for (alias, target) in aliases {
            self.positions.alias(&alias, &target);
        }
        Parsed {
            dataset: Dataset {
                format: FORMAT.to_owned(),
                title: if name.is_empty() {
                    "Imported table".to_owned()
                } else {
                    name.to_owned()
                },
                description: String::new(),
                lanes: Vec::new(),
                actors,
                sources: sources.sources,
                events,
            },
            positions: self.positions,
            event_paths,
            source_paths: sources.paths,
            lane_paths: Vec::new(),
            actor_paths,
            broken_event_ids: Vec::new(),
        }
    }
}

/// `rows[i]`: the `i`th data row, counting from 0 after the header.
fn row_path(i: usize) -> String {
    format!("rows[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_told_from_json_by_its_first_character_and_line() {
        assert!(looks_like_csv("title,date\nA,2020\n"));
        assert!(looks_like_csv("\u{feff}Year,Month\n"));
        assert!(!looks_like_csv("{\"a\": 1, \"b\": 2}"));
        assert!(!looks_like_csv("  [1, 2]"));
        assert!(!looks_like_csv("null"));
        assert!(!looks_like_csv("   \n"));
    }

    #[test]
    fn header_names_match_loosely() {
        assert_eq!(normalize("  End  Year "), "end year");
        assert_eq!(normalize("SOURCE_TITLE"), "source title");
        assert_eq!(normalize("source title"), normalize("source_title"));
    }
}
