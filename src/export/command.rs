//! `claimline export`: a PNG, SVG or PDF of a dataset's timeline, with no display and no GPU.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use super::{ExportError, ExportRequest, ImageFormat};
use crate::document::Document;
use crate::load;
use crate::model::{Date, EventKind};
use crate::timeline::filter::fold;
use crate::timeline::{CalloutMode, Filter, QuoteStatus, TimeView};

/// The export's command-line options.
#[derive(Clone, Debug, clap::Args)]
#[expect(clippy::struct_excessive_bools, reason = "command-line switches")]
pub struct ExportArgs {
    /// The dataset (default: the embedded seed dataset).
    pub file: Option<PathBuf>,
    /// Where to write: `.png`, `.svg` or `.pdf`.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Width in pixels (before --scale).
    #[arg(long, default_value_t = 1920)]
    pub width: u32,
    /// Height in pixels (before --scale).
    #[arg(long, default_value_t = 1080)]
    pub height: u32,
    /// Pixel density of a PNG: 2 gives a 3840×2160 image of a 1920×1080 layout.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// First date shown (any precision: 2020, 2020-11, 2020-11-03).
    #[arg(long)]
    pub from: Option<String>,
    /// Last date shown, inclusive.
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// A title above the timeline.
    #[arg(long)]
    pub title: Option<String>,
    /// Number marks and list them in a key below the plot: `auto` where a label does not fit,
    /// `always` every mark, `never` none.
    #[arg(long, value_enum, default_value_t = CalloutMode::Auto)]
    pub callouts: CalloutMode,
    /// Leave out the provenance line (dataset, file, hash, range, version).
    #[arg(long)]
    pub no_footer: bool,
    /// Replace OUTPUT if it exists.
    #[arg(long)]
    pub force: bool,
    /// Keep the rows of lanes the filters leave empty (a filtered export drops them).
    #[arg(long)]
    pub keep_empty_lanes: bool,
    /// Draw the relation arrows of this event (its id), as the window does for a selected event.
    #[arg(long, value_name = "ID")]
    pub relations: Option<String>,
    /// Export a dataset that has errors; the footer says how many.
    #[arg(long)]
    pub allow_errors: bool,
    /// With a `.pdf`: the whole range on as many A4 landscape pages as it takes to name every event,
    /// for print and handouts.
    #[arg(long)]
    pub pages: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Which events to draw. A flag given twice means either value; different flags must all hold.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct FilterArgs {
    /// Only events of this kind (election, report, legal, statement, context).
    #[arg(long = "kind", value_name = "KIND", value_enum)]
    pub kinds: Vec<KindArg>,
    /// Only events in this lane (its id).
    #[arg(long = "lane", value_name = "LANE")]
    pub lanes: Vec<String>,
    /// Only events with this actor (id or name, any case).
    #[arg(long = "actor", value_name = "ACTOR")]
    pub actors: Vec<String>,
    /// Only events with this tag (any case).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only events whose quotes are verified, not found, or that have none.
    #[arg(long = "quotes", value_name = "STATUS", value_enum)]
    pub quotes: Vec<QuoteArg>,
    /// Leave out this lane's events.
    #[arg(long = "hide-lane", value_name = "LANE")]
    pub hidden_lanes: Vec<String>,
    /// Only events whose title, summary, quotes, actors, tags or source titles contain TEXT (any
    /// case, accents ignored).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
}

/// An event kind as the command line spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Election,
    Report,
    Legal,
    Statement,
    Context,
}

impl From<KindArg> for EventKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Election => Self::Election,
            KindArg::Report => Self::Report,
            KindArg::Legal => Self::Legal,
            KindArg::Statement => Self::Statement,
            KindArg::Context => Self::Context,
        }
    }
}

/// A quote status as the command line spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum QuoteArg {
    Verified,
    NotFound,
    None,
}

impl From<QuoteArg> for QuoteStatus {
    fn from(status: QuoteArg) -> Self {
        match status {
            QuoteArg::Verified => Self::Verified,
            QuoteArg::NotFound => Self::NotFound,
            QuoteArg::None => Self::None,
        }
    }
}

impl FilterArgs {
    /// The core filter these flags ask for, checked against `doc`: every `--lane`, `--hide-lane`,
    /// `--actor` and `--tag` must name something the dataset has (a lane by id or, any case, by its
    /// name), or the message says so and suggests the nearest value, as `--kind` does.
    pub fn resolve(
        &self,
        doc: &Document,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<Filter, String> {
        let mut filter = self.to_filter(from, to);
        let lanes: Vec<(String, String)> = doc
            .dataset
            .lanes
            .iter()
            .map(|l| (l.id.clone(), l.label.clone()))
            .collect();
        let lane = |flag: &str, value: &String| -> Result<String, String> {
            let folded = fold(value.trim());
            lanes
                .iter()
                .find(|(id, _)| id == value)
                .or_else(|| {
                    lanes
                        .iter()
                        .find(|(id, label)| fold(id) == folded || fold(label) == folded)
                })
                .map(|(id, _)| id.clone())
                .ok_or_else(|| {
                    unknown(
                        flag,
                        value,
                        "lane",
                        lanes
                            .iter()
                            .flat_map(|(id, label)| [id.as_str(), label.as_str()]),
                        &lanes.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
                    )
                })
        };
        filter.lanes = self
            .lanes
            .iter()
            .map(|l| lane("--lane", l))
            .collect::<Result<_, _>>()?;
        filter.hidden_lanes = self
            .hidden_lanes
            .iter()
            .map(|l| lane("--hide-lane", l))
            .collect::<Result<_, _>>()?;
        for actor in &self.actors {
            let folded = fold(actor.trim());
            let actors = &doc.dataset.actors;
            if !actors
                .iter()
                .any(|a| fold(&a.id) == folded || fold(&a.name) == folded)
            {
                return Err(unknown(
                    "--actor",
                    actor,
                    "actor",
                    actors.iter().flat_map(|a| [a.id.as_str(), a.name.as_str()]),
                    &actors.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
                ));
            }
        }
        for tag in &self.tags {
            let folded = fold(tag.trim());
            if !doc.tags.iter().any(|t| fold(t) == folded) {
                return Err(unknown(
                    "--tag",
                    tag,
                    "tag",
                    doc.tags.iter().map(String::as_str),
                    &doc.tags.iter().map(String::as_str).collect::<Vec<_>>(),
                ));
            }
        }
        Ok(filter)
    }

    /// The core filter these flags ask for, with the date range of `--from/--to`, unchecked.
    pub fn to_filter(&self, from: Option<Date>, to: Option<Date>) -> Filter {
        Filter {
            kinds: self.kinds.iter().map(|&k| k.into()).collect(),
            lanes: self.lanes.clone(),
            actors: self.actors.clone(),
            tags: self.tags.clone(),
            quotes: self.quotes.iter().map(|&q| q.into()).collect(),
            from,
            to,
            hidden_lanes: self.hidden_lanes.clone(),
            search: self.search.clone().unwrap_or_default(),
        }
    }
}

/// "--lane nope: the dataset has no lane `nope`", the nearest known value as clap words it for
/// `--kind`, and the values there are (the first twenty).
fn unknown<'a>(
    flag: &str,
    value: &str,
    what: &str,
    candidates: impl Iterator<Item = &'a str>,
    listed: &[&str],
) -> String {
    use crate::model::visible_text::shown;
    let mut message = format!(
        "{flag} {}: the dataset has no {what} `{}`",
        shown(value, 60),
        shown(value, 60)
    );
    if let Some(near) = nearest(value, candidates) {
        let _ = write!(
            message,
            "\n\n  tip: a similar value exists: '{}'",
            shown(near, 60)
        );
    }
    if listed.is_empty() {
        let _ = write!(message, "\n  the dataset has no {what}s");
    } else {
        let names: Vec<String> = listed
            .iter()
            .take(20)
            .map(|v| shown(v, 40).into_owned())
            .collect();
        let more = listed.len().saturating_sub(names.len());
        let _ = write!(message, "\n  {what}s: {}", names.join(", "));
        if more > 0 {
            let _ = write!(message, " and {more} more");
        }
    }
    message
}

/// The candidate closest to `value` (case and accents ignored) by edit distance, if it is close:
/// at most a third of the longer word wrong, or one containing the other.
fn nearest<'a>(value: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted: Vec<char> = fold(value.trim()).chars().take(64).collect();
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let folded = fold(candidate);
        let other: Vec<char> = folded.chars().take(64).collect();
        if other.len().abs_diff(wanted.len()) > 8 && !folded.contains(&fold(value.trim())) {
            continue;
        }
        let distance =
            if folded.contains(&fold(value.trim())) || fold(value.trim()).contains(&folded) {
                0
            } else {
                edit_distance(&wanted, &other)
            };
        let limit = (wanted.len().max(other.len()) / 3).max(1);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let cost = previous + usize::from(ca != cb);
            previous = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = cost.min(above + 1).min(left + 1);
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Theme {
    Light,
    Dark,
}

/// Runs the export; returns the exit code (0 written, 1 the dataset could not be used or drawing
/// failed, 2 bad arguments or a file in the way). Messages go to `err`.
pub fn run(args: &ExportArgs, err: &mut dyn Write) -> u8 {
    match export(args) {
        Ok(()) => 0,
        Err(Failure { code, message }) => {
            let _ = writeln!(err, "claimline export: {message}");
            code
        }
    }
}

struct Failure {
    code: u8,
    message: String,
}

fn fail(code: u8, message: impl Into<String>) -> Failure {
    Failure {
        code,
        message: message.into(),
    }
}

/// Loads `file` (the embedded dataset without one) for a command that must not work from a dataset
/// with errors. Fails with exit code 1 and the errors, each with its place.
pub(crate) fn open_clean(file: Option<&std::path::Path>) -> Result<Document, (u8, String)> {
    open(file, false)
}

/// Loads `file` (the embedded dataset without one). A dataset with errors fails with exit code 1
/// and the errors, each with its place, unless `allow_errors`; one that cannot be read always does.
pub(crate) fn open(
    file: Option<&std::path::Path>,
    allow_errors: bool,
) -> Result<Document, (u8, String)> {
    let outcome = match file {
        Some(path) => load::load_file(path).map_err(|e| (1, e.to_string()))?,
        None => load::load_embedded(),
    };
    let errors: Vec<String> = outcome
        .report
        .errors()
        .map(|f| format!("{}:{f}", outcome.report.file))
        .collect();
    let doc = Document::from_outcome(outcome).map_err(|_| {
        (
            1,
            format!("the dataset could not be read:\n{}", errors.join("\n")),
        )
    })?;
    if !errors.is_empty() && !allow_errors {
        return Err((
            1,
            format!(
                "the dataset has errors; fix them first, or pass --allow-errors to export it with \
                 its errors counted in the footer:\n{}",
                errors.join("\n")
            ),
        ));
    }
    Ok(doc)
}

fn export(args: &ExportArgs) -> Result<(), Failure> {
    let format = ImageFormat::from_path(&args.output).map_err(|e| fail(2, e.to_string()))?;
    // `symlink_metadata`: a symlink to nothing is in the way too (the rename would fail on it,
    // after the drawing).
    if args.output.symlink_metadata().is_ok() && !args.force {
        return Err(fail(
            2,
            ExportError::Exists(args.output.clone()).to_string(),
        ));
    }
    if args.pages && format != ImageFormat::Pdf {
        return Err(fail(2, "--pages makes a PDF: name the output `….pdf`"));
    }
    let parse = |text: &Option<String>, what: &str| {
        text.as_deref()
            .map(Date::parse)
            .transpose()
            .map_err(|e| fail(2, format!("--{what}: {e}")))
    };
    let (from, to) = (parse(&args.from, "from")?, parse(&args.to, "to")?);
    if let (Some(from), Some(to)) = (from, to)
        && to.end_days() <= from.start_days()
    {
        return Err(fail(2, "--to is before --from"));
    }
    // Before the dataset is read or anything drawn: a size past the limit would abort the process.
    super::check_size(args.width, args.height, args.scale).map_err(|e| fail(2, e.to_string()))?;

    let doc = open(args.file.as_deref(), args.allow_errors)
        .map_err(|(code, message)| fail(code, message))?;
    let filter = args
        .filter
        .resolve(&doc, from, to)
        .map_err(|message| fail(2, message))?;
    let selected = match &args.relations {
        Some(id) => Some(doc.index.event_by_id(&doc.dataset, id).ok_or_else(|| {
            fail(
                2,
                unknown(
                    "--relations",
                    id,
                    "event",
                    doc.dataset.events.iter().map(|e| e.id.as_str()),
                    &[],
                )
                .replace("\n  the dataset has no events", ""),
            )
        })?),
        None => None,
    };

    // Without --from/--to the range is fitted: to what the filters show, or to the whole dataset.
    let view = if from.is_none() && to.is_none() {
        None
    } else {
        let fit = if filter.is_active() {
            let shown = filter.apply(&doc.dataset, &doc.quotes, &doc.search);
            super::shown_extent(&doc, &shown).map(super::fit_to)
        } else {
            None
        }
        .unwrap_or_else(|| TimeView::fit(doc.limits));
        let start = from.map_or(fit.start_days, |d| d.start_days());
        let end = to.map_or(fit.end_days(), |d| d.end_days());
        if end <= start {
            return Err(fail(2, "--to is before --from"));
        }
        Some(TimeView::new(start, end))
    };
    let request = ExportRequest {
        path: args.output.clone(),
        format,
        width_px: args.width,
        height_px: args.height,
        scale: args.scale,
        view,
        dark: args.theme == Theme::Dark,
        title: args.title.clone(),
        footer: !args.no_footer,
        selected,
        filter,
        callouts: args.callouts,
        force: args.force,
        keep_empty_lanes: args.keep_empty_lanes,
        pages: args.pages,
    };
    super::export(&doc, &request).map_err(|e| {
        let code = match e {
            ExportError::Exists(_) | ExportError::NothingShown(_) => 2,
            _ => 1,
        };
        fail(code, e.to_string())
    })
}
