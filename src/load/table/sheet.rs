//! The `TimelineJS` Google Sheets export: its rows as slides, for the `TimelineJS` importer.

use super::super::finding::{Finding, Findings};
use super::super::position::{Positions, member_path};
use super::super::timelinejs::{DateParts, Part, Slide, Timeline};
use super::{Rows, cell, row_path};

/// Reads a `TimelineJS` Sheets export into slides: the `title` row, `era` rows, and events.
pub(super) fn sheet(
    rows: &mut Rows<'_>,
    columns: &[(&'static str, usize)],
    positions: &mut Positions,
    findings: &mut Findings,
) -> Timeline {
    let mut timeline = Timeline::default();
    while let Some((i, line)) = rows.next(findings) {
        if let Some(table) = positions.table_mut() {
            table.row(i, line);
        }
        let record = &rows.record;
        let cell = |column: &str| cell(columns, record, column);
        let row = row_path(i);
        let at = |column: &str| member_path(&row, column);
        let part = |column: &str| {
            let text = cell(column);
            (!text.trim().is_empty()).then(|| Part {
                path: at(column),
                text: text.to_owned(),
            })
        };
        let written = |names: &[&str]| {
            names
                .iter()
                .filter_map(|c| {
                    let v = cell(c).trim();
                    (!v.is_empty()).then(|| format!("{c} {v}"))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let kind = cell("Type").trim().to_lowercase();
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
            headline: cell("Headline").to_owned(),
            headline_path: at("Headline"),
            text: cell("Text").to_owned(),
            media_url: cell("Media").to_owned(),
            media_credit: cell("Media Credit").to_owned(),
            media_caption: cell("Media Caption").to_owned(),
            media_path: at("Media"),
            group: cell("Group").to_owned(),
            group_path: at("Group"),
            tags: Vec::new(),
        };
        match kind.as_str() {
            "title" if timeline.title.is_none() => timeline.title = Some(slide),
            "title" => findings.push(Finding::warning(
                positions.value(&at("Type")),
                at("Type"),
                "a second `title` row is ignored; the first one titles the timeline",
            )),
            "era" => timeline.eras.push(slide),
            _ => timeline.events.push(slide),
        }
    }
    timeline
}
