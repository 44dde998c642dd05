//! From a file to a checked dataset: read, parse, validate, and report every finding with its place.
//!
//! A load never panics and never half-succeeds silently: it returns a [`Report`] of findings, and
//! the dataset when one could be built, so the app can decide whether to replace what is open.

pub mod duplicate_keys;
pub mod finding;
pub mod imported;
pub mod json;
pub mod limits;
pub mod memory;
pub mod native;
pub mod outline;
pub mod parsed;
pub mod position;
pub mod progress;
pub mod read;
pub mod source_text;
pub mod table;
pub mod timelinejs;
pub mod validate;

use std::path::{Path, PathBuf};

pub use finding::{Anchor, Finding, FindingGroup, Findings, Place, Report, Severity};
pub use parsed::Parsed;
pub use progress::{Progress, Stage};
pub use source_text::{Embedded, Folder, SourceFileError, SourceTexts};
pub use validate::Checked;

use position::Positions;

/// Where an open dataset came from, to reload it and to stamp exports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The seed dataset compiled into the binary.
    Embedded,
    /// A dataset made in the app (File ▸ New) and not saved to a file yet.
    Untitled,
    File(PathBuf),
}

impl Origin {
    /// The name shown to users: the file's path, or `<embedded>`.
    pub fn display_name(&self) -> String {
        match self {
            Self::Embedded => "<embedded>".to_owned(),
            Self::Untitled => "<new>".to_owned(),
            Self::File(path) => path.display().to_string(),
        }
    }

    /// The file name without its extension, to title an imported timeline that has no title.
    pub fn stem(&self) -> String {
        match self {
            Self::Embedded | Self::Untitled => String::new(),
            Self::File(path) => path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }
}

/// The result of loading one file: always a report, and a dataset when one could be built.
pub struct Outcome {
    pub origin: Origin,
    pub report: Report,
    pub checked: Option<Checked>,
    /// Hex SHA-256 of the bytes that were read: exports stamp the data shown, not the file as it is
    /// on disk by then.
    pub sha256: String,
}

/// A file that could not be read at all (`claimline check` exits 2 for it).
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot read: {error}", path.display())]
pub struct ReadError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

/// Reads and checks the dataset at `path`, resolving `text_file`s against its folder.
pub fn load_file(path: &Path) -> Result<Outcome, ReadError> {
    load_file_with(path, &Progress::default())
}

/// [`load_file`], reporting how far it has got to `progress`.
///
/// `-` is standard input (`claimline check -`), its `text_file`s found in the working folder.
pub fn load_file_with(path: &Path, progress: &Progress) -> Result<Outcome, ReadError> {
    progress.begin(Stage::Reading, 1);
    let read = if path == Path::new("-") {
        read::read_stdin()
    } else {
        read::read_dataset(path)
    };
    let bytes = read.map_err(|error| ReadError {
        path: path.to_owned(),
        error,
    })?;
    let folder = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    let folder = if folder.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        folder
    };
    Ok(load_bytes_with(
        &bytes,
        Origin::File(path.to_owned()),
        &Folder(folder),
        progress,
    ))
}

/// The seed dataset compiled into the binary.
pub fn load_embedded() -> Outcome {
    load_bytes(
        crate::seed::CLAIMS_JSON.as_bytes(),
        Origin::Embedded,
        &Embedded(crate::seed::SOURCES),
    )
}

/// Checks a dataset held in memory; `texts` resolves its `text_file`s.
pub fn load_bytes(bytes: &[u8], origin: Origin, texts: &dyn SourceTexts) -> Outcome {
    load_bytes_with(bytes, origin, texts, &Progress::default())
}

/// The formats a dataset can be written in. [`load_bytes`] tells them apart by what the text holds;
/// [`load_bytes_as`] takes one as given, so a fuzzer (`fuzz/`) can drive one loader at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `claimline/1` JSON.
    Native,
    /// `TimelineJS3` JSON.
    TimelineJs3,
    /// Legacy `TimelineJS` 2 JSON (`{"timeline": {...}}`).
    TimelineJsLegacy,
    /// A CSV table: ours or the `TimelineJS` Google Sheets export (its header tells them apart).
    Csv,
}

/// [`load_bytes`] with the format given instead of detected: the same reading, limits, validation
/// and places, through the one loader `format` names.
pub fn load_bytes_as(
    bytes: &[u8],
    format: Format,
    origin: Origin,
    texts: &dyn SourceTexts,
) -> Outcome {
    load_bytes_in(bytes, Some(format), origin, texts, &Progress::default())
}

/// [`load_bytes`], reporting how far it has got to `progress`.
pub fn load_bytes_with(
    bytes: &[u8],
    origin: Origin,
    texts: &dyn SourceTexts,
    progress: &Progress,
) -> Outcome {
    load_bytes_in(bytes, None, origin, texts, progress)
}

/// Loads `bytes` in `format`, or in the format they look like when `None`.
fn load_bytes_in(
    bytes: &[u8],
    format: Option<Format>,
    origin: Origin,
    texts: &dyn SourceTexts,
    progress: &Progress,
) -> Outcome {
    // A large file is hashed on its own thread while it is checked (a tenth of a second for 200 MB).
    std::thread::scope(|scope| {
        let sha256 = (bytes.len() > PARALLEL_HASH_BYTES)
            .then(|| scope.spawn(|| validate::sha256_hex(bytes)));
        let (report, checked) = check_bytes(bytes, format, &origin, texts, progress);
        let sha256 = sha256
            .and_then(|thread| thread.join().ok())
            .unwrap_or_else(|| validate::sha256_hex(bytes));
        Outcome {
            origin,
            report,
            checked,
            sha256,
        }
    })
}

/// Past this size the hash is taken beside the check rather than after it.
const PARALLEL_HASH_BYTES: usize = 1 << 20;

/// The report and, when the dataset could be built, the checked dataset.
fn check_bytes(
    bytes: &[u8],
    format: Option<Format>,
    origin: &Origin,
    texts: &dyn SourceTexts,
    progress: &Progress,
) -> (Report, Option<Checked>) {
    progress.begin(Stage::Scanning, 1);
    let mut report = Report::new(origin.display_name());
    let mut findings = Findings::default();
    let checked = match std::str::from_utf8(bytes) {
        // UTF-16 of plain ASCII is valid UTF-8, every other byte a NUL.
        Ok(_) if utf16(bytes).is_some() => {
            findings.push(not_utf8(bytes, 0));
            None
        }
        Ok(text) => check_text(text, format, &origin.stem(), texts, progress, &mut findings),
        Err(error) => {
            findings.push(not_utf8(bytes, error.valid_up_to()));
            None
        }
    };
    (report.findings, report.more_findings) = findings.into_parts();
    if let Some(checked) = &checked {
        report.events = checked.dataset.events.len();
        report.sources = checked.dataset.sources.len();
        let (verified, not_found) = checked.quotes.counts(&checked.dataset.events);
        report.quotes_total = verified + not_found;
        report.quotes_verified = verified;
    }
    report.sort();
    (report, checked)
}

/// Parses and validates `text` (in `format`, or the one it looks like), then gives every finding
/// that has no place yet its place.
fn check_text(
    text: &str,
    format: Option<Format>,
    name: &str,
    texts: &dyn SourceTexts,
    progress: &Progress,
    findings: &mut Findings,
) -> Option<Checked> {
    let csv = format.map_or_else(|| table::looks_like_csv(text), |f| f == Format::Csv);
    if csv {
        let mut parsed = table::parse(text, name, progress, findings)
            .filter(|parsed| !limits::check_counts(parsed, Place::START, findings))?;
        parsed.dataset.kept.imported = Some("CSV".to_owned());
        let checked = validate::validate(parsed, text, texts, progress, findings);
        return (!cancelled(progress, findings)).then_some(checked);
    }
    let text = json::strip_bom(text, findings);
    let outline = outline::scan(text, findings)?;
    // Lane, actor, source and target ids are decoded once each and shared by every event.
    let parsed =
        crate::model::id::sharing(|| parse_json(text, &outline, format, name, progress, findings));
    // A million events' places (16 MB) are not needed past parsing.
    drop(outline);
    if cancelled(progress, findings) {
        return None;
    }
    let checked = parsed
        .filter(|parsed| !limits::check_counts(parsed, Place::UNRESOLVED, findings))
        .map(|parsed| validate::validate(parsed, text, texts, progress, findings));
    if cancelled(progress, findings) {
        return None;
    }
    position::locate(text, findings);
    checked
}

/// Whether the load was cancelled; if so, says so in a finding (the result is not used).
fn cancelled(progress: &Progress, findings: &mut Findings) -> bool {
    let cancelled = progress.is_cancelled();
    if cancelled {
        findings.push(Finding::error(Place::START, "", "the load was cancelled"));
    }
    cancelled
}

/// Reads JSON, native or `TimelineJS`. A valid native file takes one typed pass; anything else is
/// read as a tree, told apart by its shape (unless `format` says what it is), and decoded item by
/// item so every problem is reported.
fn parse_json(
    text: &str,
    outline: &outline::Outline,
    format: Option<Format>,
    name: &str,
    progress: &Progress,
    findings: &mut Findings,
) -> Option<Parsed> {
    if json::reject_blank(text, findings) {
        return None;
    }
    if matches!(format, None | Some(Format::Native))
        && let Some(parsed) = native::decode_fast(text, outline, progress, findings)
    {
        return Some(parsed);
    }
    // A cancelled fast pass gave up; the slow one is not wanted either.
    if progress.is_cancelled() {
        return None;
    }
    let root = json::read_tree(text, findings)?;
    duplicate_keys::report(text, findings);
    let flavour = match format {
        None => timelinejs::detect(&root),
        Some(Format::TimelineJs3) => Some(timelinejs::Flavour::V3),
        Some(Format::TimelineJsLegacy) => Some(timelinejs::Flavour::Legacy),
        Some(Format::Native | Format::Csv) => None,
    };
    match flavour {
        Some(flavour) => {
            let mut parsed =
                timelinejs::import(flavour, &root, Positions::index(text), name, findings)?;
            parsed.dataset.kept.imported = Some(
                match flavour {
                    timelinejs::Flavour::V3 => "TimelineJS3 JSON",
                    timelinejs::Flavour::Legacy => "TimelineJS 2 JSON",
                }
                .to_owned(),
            );
            Some(parsed)
        }
        None => native::decode_tree(root, findings),
    }
}

/// Names the line and column of the first byte that is not UTF-8 (at `valid_up_to`), or says the
/// file is UTF-16.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Finding {
    let valid = bytes.get(..valid_up_to).unwrap_or(bytes);
    let line = valid.split(|&b| b == b'\n').count();
    let last_line = valid.rsplit(|&b| b == b'\n').next().unwrap_or_default();
    let column = String::from_utf8_lossy(last_line).chars().count() + 1;
    let looks_binary = bytes.iter().take(1024).any(|&b| b == 0);
    let message = if let Some(order) = utf16(bytes) {
        format!(
            "this file is UTF-16 text ({order}), as Windows Notepad and Excel's \"Unicode text\" \
             save it; a dataset must be saved as UTF-8 (in Excel: CSV UTF-8)"
        )
    } else if looks_binary {
        "this is not a text file (it contains binary data); a dataset is UTF-8 JSON or CSV"
            .to_owned()
    } else {
        let bad = bytes.get(valid_up_to).copied().unwrap_or_default();
        format!("invalid UTF-8 (byte 0x{bad:02X}); a dataset must be saved as UTF-8")
    };
    Finding::error(Place { line, column }, "", message)
}

/// "little-endian" or "big-endian" when `bytes` look like UTF-16 text: a byte-order mark, or
/// text whose every other byte is zero (ASCII written as UTF-16 without a mark).
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian"),
        [0xFE, 0xFF, ..] => return Some("big-endian"),
        _ => {}
    }
    let head = bytes.get(..bytes.len().min(1024) & !1)?;
    if head.len() < 4 {
        return None;
    }
    let zero_at = |parity: usize| head.iter().skip(parity).step_by(2).all(|&b| b == 0);
    let text_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .all(|&b| b != 0 && (b.is_ascii_graphic() || b.is_ascii_whitespace()))
    };
    if zero_at(1) && text_at(0) {
        Some("little-endian")
    } else if zero_at(0) && text_at(1) {
        Some("big-endian")
    } else {
        None
    }
}
