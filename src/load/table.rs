//! Importing CSV tables: our own header (`id, kind, lane, date, end, title, summary, actors,
//! source_title, source_url, source_text_file, quote, date_basis`, documented in
//! `docs/FORMAT.md`) and the `TimelineJS` Google Sheets export (`Year, Month, Day, Time, …, Type,
//! Group, Background`).
//!
//! The header decides the flavour. Places follow one rule for both: a finding's line is the
//! physical line where the record starts, its column the 1-based field number, and its path
//! `rows[i].Column`, where `i` counts data rows from 0 (the header is not a row) and `Column` is the
//! column's name (`rows[3].date`, `rows[3].End Year`). Reading rows is here; what a row means is
//! in [`ours`] and [`sheet`], one file per flavour.
//!
//! A table is read as spreadsheets write it: fields separated by commas, semicolons (Excel where
//! the decimal mark is a comma) or tabs, told apart by the header line or an Excel `sep=` line;
//! lines ending in CRLF, LF or a lone CR; a byte-order mark or none. Rows are read one at a time
//! and never held: a blank row costs nothing, and rows are counted against
//! [`super::limits::MAX_EVENTS`] as they are read.

use csv::StringRecord;

use super::finding::{Finding, Findings, Place};
use super::limits::{MAX_CSV_ROW_CELLS, MAX_EVENTS};
use super::parsed::Parsed;
use super::position::{Positions, TablePlaces};
use super::progress::Progress;
use super::timelinejs;

mod ours;
mod sheet;

use ours::ours;
use sheet::sheet;

/// The columns of our own CSV, in their documented order.
pub const COLUMNS: [&str; 13] = [
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
    "source_text_file",
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

/// What a path below a row of ours names when it is not a column (validation's paths, as the
/// native format has them).
const ALIASES: [(&str, &str); 4] = [
    ("citations", "quote"),
    ("source.text_file", "source_text_file"),
    ("source.url", "source_url"),
    ("source", "source_title"),
];

/// What a path below a `TimelineJS` sheet row names (the imported event's fields).
const TIMELINEJS_ALIASES: [(&str, &str); 6] = [
    ("title", "Headline"),
    ("date", "Year"),
    ("end", "End Year"),
    ("lane", "Group"),
    ("summary", "Text"),
    ("citations", "Media"),
];

/// The field separators a table may use, in the order a tie is settled.
const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// True for text that is not JSON (it does not start with `{` or `[`) and whose first line has a
/// comma, a semicolon or a tab: a CSV table.
pub fn looks_like_csv(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    !text.starts_with(['{', '['])
        && text
            .lines()
            .next()
            .is_some_and(|line| line.contains([',', ';', '\t']))
}

/// The field separator of a table, and where its header starts: an Excel `sep=;` first line names
/// it (and is not the header); otherwise it is whichever of comma, semicolon and tab the header
/// line has most of, outside quotes.
fn separator(text: &str) -> (u8, usize) {
    let first = text.split(['\r', '\n']).next().unwrap_or_default();
    if let Some(sep) = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))
        && let [b] = sep.as_bytes()
        && SEPARATORS.contains(b)
    {
        let skip = first.len() + line_break_len(text.get(first.len()..).unwrap_or_default());
        return (*b, skip);
    }
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in first.bytes() {
        match b {
            b'"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                if let Some(i) = SEPARATORS.iter().position(|&s| s == b)
                    && let Some(n) = counts.get_mut(i)
                {
                    *n += 1;
                }
            }
        }
    }
    let mut best = 0;
    for (i, &n) in counts.iter().enumerate() {
        if n > counts.get(best).copied().unwrap_or(0) {
            best = i;
        }
    }
    (SEPARATORS.get(best).copied().unwrap_or(b','), 0)
}

/// The length of the line break at the start of `rest` (CRLF, LF or CR), 0 when there is none.
fn line_break_len(rest: &str) -> usize {
    if rest.starts_with("\r\n") {
        2
    } else {
        usize::from(rest.starts_with(['\r', '\n']))
    }
}

/// Line numbers of byte offsets met in increasing order, counting CRLF, LF and lone CR each as one
/// line break, in one pass over the text however many rows ask.
struct Lines<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str, first_line: usize) -> Self {
        Self {
            text: text.as_bytes(),
            at: 0,
            line: first_line,
        }
    }

    /// The line of the record starting at `offset`. The reader puts a record's start before the
    /// line breaks (and blank lines) it skipped to reach it, so those are stepped over first.
    fn of_record(&mut self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while matches!(self.text.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        self.line_at(offset)
    }

    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset > self.at {
            let between = self.text.get(self.at..offset).unwrap_or_default();
            for i in memchr::memchr2_iter(b'\r', b'\n', between) {
                let at = self.at + i;
                // A CR directly followed by LF is one break, counted at the LF.
                let crlf =
                    self.text.get(at) == Some(&b'\r') && self.text.get(at + 1) == Some(&b'\n');
                if !crlf {
                    self.line += 1;
                }
            }
            self.at = offset;
        }
        self.line
    }
}

/// Reads a CSV table; `name` (the file name stem) is the dataset's title unless the table has one.
/// Returns `None` when no dataset can be built (no header, a required column missing, too many
/// rows).
pub fn parse(
    text: &str,
    name: &str,
    progress: &Progress,
    findings: &mut Findings,
) -> Option<Parsed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (separator, skip) = separator(text);
    let body = text.get(skip..).unwrap_or_default();
    let first_line = 1 + usize::from(skip > 0);
    if too_many_rows(body, separator, first_line, findings) {
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(body.as_bytes());
    let mut lines = Lines::new(body, first_line);
    let mut header = StringRecord::new();
    let header_line = match next_record(&mut reader, &mut header, &mut lines, findings) {
        Next::Row(line) => line,
        Next::TooWide => return None,
        Next::End => {
            if findings.iter().all(|f| !f.is_error()) {
                findings.push(Finding::error(
                    Place::START,
                    "",
                    "the table has no header line",
                ));
            }
            return None;
        }
    };
    let names: Vec<String> = header.iter().map(normalize).collect();
    let timelinejs = names.iter().any(|n| n == "year") && names.iter().any(|n| n == "headline");
    let columns = columns(
        header_line,
        &header,
        &names,
        timelinejs,
        separator,
        findings,
    )?;
    let mut rows = Rows {
        progress,
        reader,
        record: StringRecord::new(),
        lines,
        header_len: header.len(),
        next_row: 0,
        last_line: header_line,
        too_wide: false,
    };
    let parsed = if timelinejs {
        let mut positions = Positions::table(TablePlaces::new(
            columns.clone(),
            TIMELINEJS_ALIASES.to_vec(),
        ));
        let timeline = sheet(&mut rows, &columns, &mut positions, findings);
        timelinejs::build(&timeline, positions, name, findings)
    } else {
        let positions = Positions::table(TablePlaces::new(columns.clone(), ALIASES.to_vec()));
        ours(&mut rows, &columns, positions, name, findings)
    };
    if rows.too_wide {
        return None;
    }
    unclosed_quote(body, rows.last_line, findings);
    Some(parsed)
}

/// What reading the next record gave.
enum Next {
    /// A record, starting on this line.
    Row(usize),
    /// The end of the table, or an error that ends the reading (reported).
    End,
    /// A row past [`MAX_CSV_ROW_CELLS`] (reported): no table is imported.
    TooWide,
}

/// Reads the next record into `record`.
fn next_record(
    reader: &mut csv::Reader<&[u8]>,
    record: &mut StringRecord,
    lines: &mut Lines<'_>,
    findings: &mut Findings,
) -> Next {
    match reader.read_record(record) {
        Ok(true) => {
            let offset = record.position().map_or(0, |p| p.byte() as usize);
            let line = lines.of_record(offset);
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
                return Next::TooWide;
            }
            Next::Row(line)
        }
        Ok(false) => Next::End,
        Err(error) => {
            let offset = error.position().map_or(0, |p| p.byte() as usize);
            let line = lines.of_record(offset);
            findings.push(Finding::error(
                Place { line, column: 1 },
                "",
                format!("CSV error: {error}; the rest of the file is not read"),
            ));
            Next::End
        }
    }
}

/// Counts the rows that are not blank against [`MAX_EVENTS`] before any is read into an event:
/// a file of three million rows is refused in the time it takes to count them. A file with no
/// more lines than the limit cannot be over it, so only a long file is counted row by row.
fn too_many_rows(body: &str, separator: u8, first_line: usize, findings: &mut Findings) -> bool {
    let breaks = memchr::memchr2_iter(b'\r', b'\n', body.as_bytes()).count();
    if breaks <= MAX_EVENTS {
        return false;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(body.as_bytes());
    let mut record = csv::ByteRecord::new();
    let mut rows = 0usize;
    let mut header = true;
    while let Ok(true) = reader.read_byte_record(&mut record) {
        if record.iter().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        if std::mem::take(&mut header) {
            continue;
        }
        rows += 1;
        if rows > MAX_EVENTS {
            let offset = record.position().map_or(0, |p| p.byte() as usize);
            let line = Lines::new(body, first_line).of_record(offset);
            findings.push(Finding::error(
                Place { line, column: 1 },
                "",
                format!(
                    "the table has more than {MAX_EVENTS} rows, the most events a dataset may \
                     have (MAX_EVENTS); nothing is imported"
                ),
            ));
            return true;
        }
    }
    false
}

/// Quotes come in pairs (`""` inside a quoted field is two); an odd count means a quoted field runs
/// to the end of the file, which the reader accepts silently.
fn unclosed_quote(body: &str, last_line: usize, findings: &mut Findings) {
    if memchr::memchr_iter(b'"', body.as_bytes()).count() % 2 == 1 {
        findings.push(Finding::error(
            Place {
                line: last_line,
                column: 1,
            },
            "",
            "a quoted field is not closed in this row: every row after it was read into it (is a \
             closing `\"` missing, or the file cut short?)",
        ));
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

/// Canonical column name → 1-based field number, from the header; `None` when a required column
/// is missing.
fn columns(
    header_line: usize,
    header: &StringRecord,
    names: &[String],
    timelinejs: bool,
    separator: u8,
    findings: &mut Findings,
) -> Option<Vec<(&'static str, usize)>> {
    let known: &[&'static str] = if timelinejs {
        &TIMELINEJS_COLUMNS
    } else {
        &COLUMNS
    };
    let mut columns: Vec<(&'static str, usize)> = Vec::new();
    for (j, name) in names.iter().enumerate() {
        let place = Place {
            line: header_line,
            column: j + 1,
        };
        let written = header.get(j).unwrap_or_default().trim();
        match known.iter().find(|k| normalize(k) == *name) {
            Some(canonical) if columns.iter().any(|(c, _)| c == canonical) => {
                findings.push(Finding::warning(
                    place,
                    format!("header.{canonical}"),
                    format!("column `{written}` appears twice; the first one is read"),
                ));
            }
            Some(canonical) => columns.push((canonical, j + 1)),
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
    if timelinejs {
        return Some(columns);
    }
    let mut missing = false;
    for required in REQUIRED {
        if !columns.iter().any(|(c, _)| *c == required) {
            missing = true;
            let only = if header.len() == 1 && separator == b',' {
                // One column: the separator was not seen. A semicolon or tab table has been
                // detected already, so this names what the header holds.
                " (the header has one column: are the fields separated by something other than \
                 a comma, a semicolon or a tab?)"
            } else {
                ""
            };
            findings.push(Finding::error(
                Place {
                    line: header_line,
                    column: 1,
                },
                "header",
                format!(
                    "missing column `{required}`: a table needs `title` and `date` (the columns \
                     are {}){only}",
                    COLUMNS.join(", ")
                ),
            ));
        }
    }
    (!missing).then_some(columns)
}

/// The data rows of a table, read one at a time.
struct Rows<'t> {
    progress: &'t Progress,
    reader: csv::Reader<&'t [u8]>,
    record: StringRecord,
    lines: Lines<'t>,
    header_len: usize,
    /// The index the next row read gets (`rows[i]`; blank rows count, as a spreadsheet's row
    /// numbers do).
    next_row: usize,
    /// The line of the last record read, for a finding about the end of the file.
    last_line: usize,
    /// A row was wider than [`MAX_CSV_ROW_CELLS`]: nothing is imported.
    too_wide: bool,
}

impl Rows<'_> {
    /// The next row that is not blank: its index, its line and its fields (in `self.record`).
    /// A row with more fields than the header is reported once.
    fn next(&mut self, findings: &mut Findings) -> Option<(usize, usize)> {
        loop {
            if self.next_row.is_multiple_of(4096) && self.progress.is_cancelled() {
                return None;
            }
            let line = match next_record(
                &mut self.reader,
                &mut self.record,
                &mut self.lines,
                findings,
            ) {
                Next::Row(line) => line,
                Next::End => return None,
                Next::TooWide => {
                    self.too_wide = true;
                    return None;
                }
            };
            self.last_line = line;
            let i = self.next_row;
            self.next_row += 1;
            if self.record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let extra = self
                .record
                .iter()
                .skip(self.header_len)
                .any(|f| !f.trim().is_empty());
            if extra {
                findings.push(Finding::warning(
                    Place {
                        line,
                        column: self.header_len + 1,
                    },
                    row_path(i),
                    format!(
                        "the row has {} fields but the header has {}; the extra fields are ignored",
                        self.record.len(),
                        self.header_len
                    ),
                ));
            }
            return Some((i, line));
        }
    }
}

/// The cell of `column` in `record`; empty when the column or the field is absent.
fn cell<'a>(columns: &[(&'static str, usize)], record: &'a StringRecord, column: &str) -> &'a str {
    columns
        .iter()
        .find(|(c, _)| *c == column)
        .and_then(|&(_, j)| record.get(j - 1))
        .unwrap_or_default()
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
