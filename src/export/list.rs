//! `claimline list`: the events a filter shows, as text, JSON or CSV, for scripts. The same
//! filters as `claimline export` and the window's search, and the same row fields as the event
//! table, so a script sees what the screen shows.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::command::{FilterArgs, open_clean};
use crate::document::Document;
use crate::model::Date;
use crate::timeline::table::{TableSort, actor_names, source_names, table_rows};
use crate::timeline::{Filter, QuoteStatus};

/// The listing's command-line options.
#[derive(Clone, Debug, clap::Args)]
pub struct ListArgs {
    /// The dataset (default: the embedded seed dataset).
    pub file: Option<PathBuf>,
    /// Only events that end on or after this date (any precision: 2020, 2020-11, 2020-11-03).
    #[arg(long)]
    pub from: Option<String>,
    /// Only events that begin on or before this date, inclusive.
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// CSV: write cells as they are. Without it a cell that starts with `=`, `+`, `-`, `@`, a tab
    /// or a carriage return gets a leading `'`, so a spreadsheet shows it as text instead of
    /// running it as a formula (OWASP's advice against CSV injection).
    #[arg(long)]
    pub raw: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// How the rows are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// One aligned line per event, for reading.
    Text,
    /// One JSON array of objects, for `jq`.
    Json,
    /// A header and one row per event, for spreadsheets; cells that a spreadsheet would run as a
    /// formula start with `'` (see `--raw`).
    Csv,
}

/// One listed event: the event table's columns, plus the id a script needs to refer back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListRow {
    pub id: String,
    /// ISO 8601 at the date's own precision: "2020", "2020-11", "2020-11-09".
    pub date: String,
    pub kind: String,
    pub lane: String,
    pub title: String,
    pub actors: String,
    pub sources: String,
    /// `verified`, `not_found` or `none`.
    pub quotes: String,
}

/// The rows `filter` shows, in time order, made one at a time as they are written: a million rows
/// that each name a long source title are never all held at once.
pub fn list_rows<'a>(doc: &'a Document, filter: &Filter) -> impl Iterator<Item = ListRow> + 'a {
    let matches = filter
        .is_active()
        .then(|| filter.apply(&doc.dataset, &doc.quotes, &doc.search));
    table_rows(
        &doc.dataset,
        &doc.index,
        &doc.quotes,
        matches.as_ref(),
        TableSort::default(),
    )
    .into_iter()
    .filter_map(|e| {
        let e = e as usize;
        let event = doc.dataset.events.get(e)?;
        let quotes = doc.quotes.of(e);
        Some(ListRow {
            id: event.id.clone(),
            date: event.date.iso(),
            kind: event.kind.id().to_owned(),
            lane: doc.dataset.lane_id(event).to_owned(),
            title: event.title.clone(),
            actors: actor_names(&doc.dataset, event),
            sources: source_names(&doc.dataset, event),
            quotes: QuoteStatus::of(event, quotes).id().to_owned(),
        })
    })
}

/// Runs the listing; returns the exit code (0 listed, even nothing; 1 the dataset could not be
/// used; 2 bad arguments, a lane, actor or tag the dataset does not have among them). Rows go to `out`, messages to `err`.
pub fn run(args: &ListArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match list(args, out) {
        Ok(()) => 0,
        Err((code, message)) => {
            let _ = writeln!(err, "claimline list: {message}");
            code
        }
    }
}

fn list(args: &ListArgs, out: &mut dyn Write) -> Result<(), (u8, String)> {
    let parse = |text: &Option<String>, what: &str| {
        text.as_deref()
            .map(Date::parse)
            .transpose()
            .map_err(|e| (2, format!("--{what}: {e}")))
    };
    let (from, to) = (parse(&args.from, "from")?, parse(&args.to, "to")?);
    let doc = open_clean(args.file.as_deref())?;
    let filter = args
        .filter
        .resolve(&doc, from, to)
        .map_err(|message| (2, message))?;
    let rows = list_rows(&doc, &filter);
    let written = match args.format {
        ListFormat::Text => write_text(rows, out),
        ListFormat::Json => {
            use serde::Serializer as _;
            let mut out = JsonEscaped(&mut *out);
            serde_json::Serializer::pretty(&mut out)
                .collect_seq(rows)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        }
        ListFormat::Csv => write_csv(rows, out, !args.raw),
    };
    match written.and_then(|()| out.flush()) {
        // `claimline list | head`: the reader has all it wants.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| (1, format!("could not write the list: {e}"))),
    }
}

/// JSON as `serde_json` writes it, with every character that would act on a terminal (see
/// [`crate::model::visible_text::acts`]) written as a `\uXXXX` escape: the same text to a JSON
/// reader, and nothing a terminal obeys. `serde_json` escapes only C0 controls, not DEL, C1 or a
/// bidi override.
struct JsonEscaped<'w>(&'w mut dyn Write);

impl Write for JsonEscaped<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // serde_json writes whole strings and whole characters at a time.
        match std::str::from_utf8(buf) {
            Ok(text) if text.chars().any(crate::model::visible_text::acts) => {
                let mut escaped = String::with_capacity(text.len() + 12);
                for c in text.chars() {
                    if crate::model::visible_text::acts(c) {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            let _ = write!(escaped, "\\u{unit:04x}");
                        }
                    } else {
                        escaped.push(c);
                    }
                }
                self.0.write_all(escaped.as_bytes())?;
            }
            _ => self.0.write_all(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Date, kind and quote status in aligned columns, then the title and the id in brackets.
fn write_text(rows: impl Iterator<Item = ListRow>, out: &mut dyn Write) -> std::io::Result<()> {
    for row in rows {
        let mark = match row.quotes.as_str() {
            "verified" => "✔",
            "not_found" => "✘",
            _ => "–",
        };
        // Read by people on a terminal: nothing from the file may drive it, the id included.
        writeln!(
            out,
            "{:<10}  {:<9}  {mark}  {}  [{}]",
            row.date,
            row.kind,
            crate::model::visible_text::visible(&row.title),
            crate::model::visible_text::visible(&row.id)
        )?;
    }
    Ok(())
}

fn write_csv(
    rows: impl Iterator<Item = ListRow>,
    out: &mut dyn Write,
    safe: bool,
) -> std::io::Result<()> {
    // The header even when nothing matched, so a script can always read the columns.
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    writer.write_record([
        "id", "date", "kind", "lane", "title", "actors", "sources", "quotes",
    ])?;
    for row in rows {
        let cells = [
            row.id,
            row.date,
            row.kind,
            row.lane,
            row.title,
            row.actors,
            row.sources,
            row.quotes,
        ];
        if safe {
            let safe: Vec<_> = cells.iter().map(|c| spreadsheet_safe(c)).collect();
            writer.write_record(safe.iter().map(|c| c.as_bytes()))?;
        } else {
            writer.write_record(&cells)?;
        }
    }
    writer.flush()
}

/// A cell a spreadsheet shows as text: one starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return gets a leading `'` (`=HYPERLINK(…)` would be a live link, `+cmd|' /C calc'!A0` a
/// command). A negative year (`-0044`) gets one too, and shows as written.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}
