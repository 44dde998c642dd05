//! `claimline export`: a PNG or SVG of a dataset's timeline, with no display and no GPU.

use std::io::Write;
use std::path::PathBuf;

use super::{ExportError, ExportRequest, ImageFormat};
use crate::document::Document;
use crate::load;
use crate::model::{Date, EventKind};
use crate::timeline::{CalloutMode, Filter, QuoteStatus, TimeView};

/// The export's command-line options.
#[derive(Clone, Debug, clap::Args)]
pub struct ExportArgs {
    /// The dataset (default: the embedded seed dataset).
    pub file: Option<PathBuf>,
    /// Where to write: `.png` or `.svg`.
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
    /// The core filter these flags ask for, with the date range of `--from/--to`.
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
    if !errors.is_empty() {
        return Err((
            1,
            format!(
                "the dataset has errors; fix them first:\n{}",
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
    let parse = |text: &Option<String>, what: &str| {
        text.as_deref()
            .map(Date::parse)
            .transpose()
            .map_err(|e| fail(2, format!("--{what}: {e}")))
    };
    let (from, to) = (parse(&args.from, "from")?, parse(&args.to, "to")?);
    // Before the dataset is read or anything drawn: a size past the limit would abort the process.
    super::check_size(args.width, args.height, args.scale).map_err(|e| fail(2, e.to_string()))?;

    let doc = open_clean(args.file.as_deref()).map_err(|(code, message)| fail(code, message))?;

    let fit = TimeView::fit(doc.limits);
    let start = from.map_or(fit.start_days, |d| d.start_days());
    let end = to.map_or(fit.end_days(), |d| d.end_days());
    if end <= start {
        return Err(fail(2, "--to is before --from"));
    }
    if args.width == 0 || args.height == 0 {
        return Err(fail(
            2,
            ExportError::BadSize {
                width: args.width,
                height: args.height,
                scale: args.scale,
            }
            .to_string(),
        ));
    }
    let request = ExportRequest {
        path: args.output.clone(),
        format,
        width_px: args.width,
        height_px: args.height,
        scale: args.scale,
        view: Some(TimeView::new(start, end)),
        dark: args.theme == Theme::Dark,
        title: args.title.clone(),
        footer: !args.no_footer,
        selected: None,
        filter: args.filter.to_filter(from, to),
        callouts: args.callouts,
        force: args.force,
    };
    super::export(&doc, &request).map_err(|e| {
        let code = if matches!(e, ExportError::Exists(_)) {
            2
        } else {
            1
        };
        fail(code, e.to_string())
    })
}
