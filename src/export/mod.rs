//! Images for slides, drawn by the core, not the window: Scene → SVG → PNG (resvg, on the CPU).
//!
//! Exports work with no display and no GPU, at any size, with the fonts bundled in the binary, and
//! stamp where the picture came from (dataset, file, content hash, range shown, version).

pub mod command;
pub mod list;
pub mod pdf;
pub mod png;
pub mod svg;
pub mod text;

use std::path::{Path, PathBuf};

use std::sync::Arc;

use crate::document::Document;
use crate::load::Origin;
use crate::model::Date;
use crate::timeline::{Filter, Matches, QuoteStatus, TimeView};

pub use png::render_png;
pub use svg::render_svg;

/// What to export and how it looks.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Size in CSS pixels; a PNG is `scale` times larger.
    pub width_px: u32,
    pub height_px: u32,
    pub scale: f32,
    /// The time range shown.
    pub view: TimeView,
    pub dark: bool,
    pub title: Option<String>,
    /// The provenance line; `None` leaves it out.
    pub footer: Option<String>,
    /// An event drawn selected, with its relations.
    pub selected: Option<usize>,
    /// Which marks are numbered and listed in a key below the plot.
    pub callouts: crate::timeline::CalloutMode,
    /// The events a filter shows; `None` draws all.
    pub shown: Option<Arc<Matches>>,
    /// With a filter: keep the rows of lanes it leaves empty (by default they are dropped).
    pub keep_empty_lanes: bool,
    /// The lane rows to draw, in order; `None` decides from the filter and `keep_empty_lanes`.
    /// The pages of a multi-page PDF share one set, so every page has the same rows.
    pub lanes: Option<Vec<usize>>,
    /// Events with a quote not found in its source, sorted: their marks carry a ✘.
    pub failed_quotes: Arc<[usize]>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            width_px: 1920,
            height_px: 1080,
            scale: 1.0,
            view: TimeView::new(0.0, 365.0),
            dark: false,
            title: None,
            footer: None,
            selected: None,
            callouts: crate::timeline::CalloutMode::Auto,
            shown: None,
            keep_empty_lanes: false,
            lanes: None,
            failed_quotes: Arc::from(Vec::new()),
        }
    }
}

/// How an image looks, as File ▸ Export image… and `claimline export` set it: the one set of
/// image settings, carried from either through [`ExportRequest`] to the painter's
/// [`ExportOptions`].
#[derive(Clone, Debug, PartialEq)]
pub struct ImageSettings {
    /// Size in CSS pixels; a PNG is `scale` times larger.
    pub width_px: u32,
    pub height_px: u32,
    pub scale: f32,
    pub dark: bool,
    /// A title above the timeline (blank: none).
    pub title: String,
    /// Stamp the provenance line (dataset, file, hash, range, filters, version).
    pub footer: bool,
    /// Which marks are numbered and listed in a key below the plot.
    pub callouts: crate::timeline::CalloutMode,
}

impl Default for ImageSettings {
    fn default() -> Self {
        Self {
            width_px: 1920,
            height_px: 1080,
            scale: 1.0,
            dark: false,
            title: String::new(),
            footer: true,
            callouts: crate::timeline::CalloutMode::Auto,
        }
    }
}

/// One export as the window's dialog or the command line asks for it: the same request gives the
/// same file from either.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    pub path: PathBuf,
    pub format: ImageFormat,
    pub image: ImageSettings,
    /// The time range shown; `None` fits the whole dataset.
    pub view: Option<TimeView>,
    pub selected: Option<usize>,
    /// Only the events this filter shows are drawn, and the footer names it.
    pub filter: Filter,
    /// Replace a file already at `path`.
    pub force: bool,
    /// With a filter: keep the rows of lanes it leaves empty.
    pub keep_empty_lanes: bool,
    /// A PDF of the whole range on as many pages as it takes to name every event legibly, instead
    /// of one slide.
    pub pages: bool,
}

impl ExportRequest {
    /// What refuses an export before anything is read or drawn: a file in the way (unless
    /// `force`), or a size that cannot be drawn or is past the limit.
    pub fn check(&self) -> Result<(), ExportError> {
        if !self.force && self.path.exists() {
            return Err(ExportError::Exists(self.path.clone()));
        }
        let image = &self.image;
        check_size(image.width_px, image.height_px, image.scale)
    }
}

/// Draws `doc` as `request` asks and writes it atomically: view, provenance, SVG, PNG or PDF, file.
pub fn export(doc: &Document, request: &ExportRequest) -> Result<(), ExportError> {
    request.check()?;
    let shown = request
        .filter
        .is_active()
        .then(|| Arc::new(request.filter.apply(&doc.dataset, &doc.quotes, &doc.search)));
    if let Some(shown) = &shown
        && shown.count() == 0
    {
        return Err(ExportError::NothingShown(
            describe_filters(&request.filter, &doc.dataset).join(", "),
        ));
    }
    // A filtered slide is fitted to what it shows; an unfiltered one shows the whole dataset.
    let view = request.view.unwrap_or_else(|| match &shown {
        Some(shown) => fit_to(shown_extent(doc, shown).unwrap_or((0.0, 1.0))),
        None => TimeView::fit(doc.limits),
    });
    let image = &request.image;
    let options = ExportOptions {
        width_px: image.width_px,
        height_px: image.height_px,
        scale: image.scale,
        view,
        dark: image.dark,
        title: Some(image.title.clone()).filter(|t| !t.trim().is_empty()),
        footer: image
            .footer
            .then(|| provenance(doc, view, &request.filter, shown.as_deref())),
        selected: request.selected,
        callouts: image.callouts,
        shown,
        keep_empty_lanes: request.keep_empty_lanes,
        lanes: None,
        failed_quotes: failed_quotes(doc),
    };
    let bytes = match request.format {
        ImageFormat::Svg => render_svg(&doc.dataset, &doc.index, &options).into_bytes(),
        ImageFormat::Png => {
            let svg = render_svg(&doc.dataset, &doc.index, &options);
            render_png(&svg, image.width_px, image.height_px, image.scale)?
        }
        ImageFormat::Pdf => {
            let metadata = pdf::Metadata {
                title: options
                    .title
                    .clone()
                    .unwrap_or_else(|| doc.dataset.title.clone()),
                subject: format!(
                    "{} · {} · sha256 {}",
                    doc.dataset.title,
                    file_name(doc),
                    doc.sha256
                ),
                keywords: format!("sha256:{}", doc.sha256),
            };
            if request.pages {
                pdf::render_pages(&doc.dataset, &doc.index, &options, &metadata)?
            } else {
                pdf::render_pdf(&doc.dataset, &doc.index, &options, &metadata)?
            }
        }
    };
    write_atomically(&request.path, &bytes, request.force)
}

/// The name an export's footer gives the data: the file's name, or the embedded seed dataset.
fn file_name(doc: &Document) -> String {
    match &doc.origin {
        Origin::File(p) => p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        Origin::Embedded => "embedded seed dataset".to_owned(),
        Origin::Untitled => "new dataset, not saved".to_owned(),
    }
}

/// The events whose quotes were not all found in their sources, sorted.
pub fn failed_quotes(doc: &Document) -> Arc<[usize]> {
    doc.dataset
        .events
        .iter()
        .enumerate()
        .filter(|(i, e)| QuoteStatus::of(e, doc.quotes.of(*i)) == QuoteStatus::NotFound)
        .map(|(i, _)| i)
        .collect()
}

/// From the earliest to the latest day of the events `shown`, or `None` when none is.
pub fn shown_extent(doc: &Document, shown: &Matches) -> Option<(f64, f64)> {
    shown
        .iter()
        .filter_map(|e| doc.dataset.events.get(e))
        .fold(None, |acc, e| {
            let (lo, hi) = (e.earliest_days(), e.latest_days());
            Some(acc.map_or((lo, hi), |(a, b): (f64, f64)| (a.min(lo), b.max(hi))))
        })
}

/// A view of `extent` with a margin either side: a twentieth of the span, at least two weeks, so
/// the first and last marks and their labels are not on the edge.
pub fn fit_to((lo, hi): (f64, f64)) -> TimeView {
    let margin = ((hi - lo) * 0.05).max(14.0);
    TimeView::new(lo - margin, hi + margin)
}

/// Why an export failed. Messages name the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{} exists; pass --force to overwrite it", .0.display())]
    Exists(PathBuf),
    #[error("{}: the file name must end in .png, .svg or .pdf", .0.display())]
    UnknownFormat(PathBuf),
    #[error("no event matches the filters ({0}); there is nothing to draw")]
    NothingShown(String),
    #[error("{width}×{height} at scale {scale} is not a size that can be drawn")]
    BadSize { width: u32, height: u32, scale: f32 },
    #[error(
        "{width}×{height} at scale {scale} is {pixels:.0} pixels, more than the limit of \
         {limit:.0} (MAX_EXPORT_PIXELS, width × height × scale²)"
    )]
    TooManyPixels {
        width: u32,
        height: u32,
        scale: f32,
        pixels: f64,
        limit: f64,
    },
    #[error("could not draw the SVG: {0}")]
    Render(String),
    #[error("{}: {error}", path.display())]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// Refuses a size that could not be drawn or would ask for more than
/// [`crate::load::limits::MAX_EXPORT_PIXELS`], before anything is allocated.
pub fn check_size(width: u32, height: u32, scale: f32) -> Result<(), ExportError> {
    let limit = crate::load::limits::MAX_EXPORT_PIXELS;
    let pixels = f64::from(width) * f64::from(height) * f64::from(scale) * f64::from(scale);
    let drawn = |side: u32| (side as f32 * scale).round() >= 1.0;
    if !(scale.is_finite() && scale > 0.0 && drawn(width) && drawn(height)) {
        return Err(ExportError::BadSize {
            width,
            height,
            scale,
        });
    }
    if pixels > limit {
        return Err(ExportError::TooManyPixels {
            width,
            height,
            scale,
            pixels,
            limit,
        });
    }
    Ok(())
}

/// The image formats, chosen by the output's extension.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ImageFormat {
    #[default]
    Png,
    Svg,
    Pdf,
}

impl ImageFormat {
    pub fn from_path(path: &Path) -> Result<Self, ExportError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("png") => Ok(Self::Png),
            Some("svg") => Ok(Self::Svg),
            Some("pdf") => Ok(Self::Pdf),
            _ => Err(ExportError::UnknownFormat(path.to_owned())),
        }
    }

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Pdf => "pdf",
        }
    }
}

/// The provenance line: "Title · file.json · sha256 1a2b3c4d · 1 Jan 2016 – 31 Dec 2024 · filters:
/// kind statement · 12 of 44 events · 1 error · Claimline 0.1.0". The hash is of the bytes loaded
/// (its first 8 digits are shown); errors and quotes not found are always said.
pub fn provenance(
    doc: &Document,
    view: TimeView,
    filter: &Filter,
    shown: Option<&Matches>,
) -> String {
    use crate::model::visible_text::shown as cut;
    let short: String = doc.sha256.chars().take(8).collect();
    let day = |days: f64| {
        crate::model::date::date_from_days(days)
            .map_or_else(|| "?".to_owned(), |d| Date::from_day(d).to_string())
    };
    let mut parts = vec![
        cut(&doc.dataset.title, 80).into_owned(),
        cut(&file_name(doc), 60).into_owned(),
        format!("sha256 {short}"),
        format!("{} – {}", day(view.start_days), day(view.end_days() - 1e-9)),
    ];
    let filters = describe_filters(filter, &doc.dataset);
    if !filters.is_empty() {
        parts.push(format!("filters: {}", filters.join(", ")));
    }
    if let Some(shown) = shown {
        parts.push(format!(
            "{} of {} events",
            crate::check::thousands(shown.count()),
            crate::check::thousands(doc.dataset.events.len())
        ));
    }
    let (errors, _) = doc.finding_counts();
    if errors > 0 {
        parts.push(counted(errors, "error", "errors"));
    }
    let (_, missing) = doc.quote_counts();
    if missing > 0 {
        parts.push(format!(
            "{} not found in its source",
            counted(missing, "quote", "quotes")
        ));
    }
    parts.push(format!("Claimline {}", env!("CARGO_PKG_VERSION")));
    parts.join(" · ")
}

/// "1 error", "10,000 errors".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::check::thousands(n),
        if n == 1 { one } else { many }
    )
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "A", "A or B", "A, B or C".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The filters in words for a footer, naming lanes and actors as the dataset does: `["kind
/// statement", "hidden lanes Elections, Context and US", "search “groundless”"]`. Empty when
/// nothing is filtered. A value the dataset does not know is quoted as given.
pub fn describe_filters(filter: &Filter, dataset: &crate::model::Dataset) -> Vec<String> {
    use crate::model::visible_text::shown as cut;
    let lane = |id: &String| {
        dataset.lanes.iter().find(|l| &l.id == id).map_or_else(
            || cut(id, 40).into_owned(),
            |l| crate::timeline::layout::lane_label(l).into_owned(),
        )
    };
    let actor = |a: &String| {
        let folded = crate::timeline::filter::fold(a.trim());
        dataset
            .actors
            .iter()
            .find(|x| {
                crate::timeline::filter::fold(&x.id) == folded
                    || crate::timeline::filter::fold(&x.name) == folded
            })
            .map_or_else(
                || cut(a, 40).into_owned(),
                |x| cut(&x.name, 40).into_owned(),
            )
    };
    let mut parts = Vec::new();
    if let Some(d) = filter.from {
        parts.push(format!("from {d}"));
    }
    if let Some(d) = filter.to {
        parts.push(format!("to {d}"));
    }
    let kinds: Vec<String> = filter.kinds.iter().map(|k| k.id().to_owned()).collect();
    if !kinds.is_empty() {
        parts.push(format!("kind {}", or_list(&kinds)));
    }
    let lanes: Vec<String> = filter.lanes.iter().map(lane).collect();
    if !lanes.is_empty() {
        parts.push(format!("lane {}", or_list(&lanes)));
    }
    let actors: Vec<String> = filter.actors.iter().map(actor).collect();
    if !actors.is_empty() {
        parts.push(format!("actor {}", or_list(&actors)));
    }
    let tags: Vec<String> = filter
        .tags
        .iter()
        .map(|t| cut(t, 40).into_owned())
        .collect();
    if !tags.is_empty() {
        parts.push(format!("tag {}", or_list(&tags)));
    }
    let quotes: Vec<String> = filter
        .quotes
        .iter()
        .map(|q| q.label().to_lowercase())
        .collect();
    if !quotes.is_empty() {
        parts.push(or_list(&quotes));
    }
    let hidden: Vec<String> = filter.hidden_lanes.iter().map(lane).collect();
    match hidden.len() {
        0 => {}
        1 => parts.push(format!("hidden lane {}", and_list(&hidden))),
        _ => parts.push(format!("hidden lanes {}", and_list(&hidden))),
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        parts.push(format!("search “{}”", cut(search, 60)));
    }
    parts
}

/// Writes `bytes` to `path` through a temporary file in the same folder, flushed to the disk, and
/// a rename, so a failed export never leaves a half-written file. Refuses to replace a file unless
/// `force`. The one write path of saves and exports: [`crate::save::atomic`].
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    // `symlink_metadata`: a symbolic link to nothing is in the way too, and is named as such
    // instead of as the error following it gives.
    if path.symlink_metadata().is_ok() && !force {
        return Err(ExportError::Exists(path.to_owned()));
    }
    let options = crate::save::AtomicOptions {
        overwrite: force,
        backup: false,
        temp_prefix: ".claimline-export-",
    };
    crate::save::write_atomically(path, [bytes], &options)
        .map(drop)
        .map_err(|error| match error {
            crate::save::AtomicError::Exists(path) => ExportError::Exists(path),
            crate::save::AtomicError::Write { path, error } => ExportError::Write { path, error },
        })
}
