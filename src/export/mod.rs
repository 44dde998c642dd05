//! Images for slides, drawn by the core, not the window: Scene → SVG → PNG (resvg, on the CPU).
//!
//! Exports work with no display and no GPU, at any size, with the fonts bundled in the binary, and
//! stamp where the picture came from (dataset, file, content hash, range shown, version).

pub mod command;
pub mod list;
pub mod png;
pub mod svg;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use crate::document::Document;
use crate::load::Origin;
use crate::model::Date;
use crate::timeline::{Filter, Matches, TimeView};

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
}

/// One export as the window's dialog or the command line asks for it: the same request gives the
/// same file from either.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    pub path: PathBuf,
    pub format: ImageFormat,
    /// Size in CSS pixels; a PNG is `scale` times larger.
    pub width_px: u32,
    pub height_px: u32,
    pub scale: f32,
    /// The time range shown; `None` fits the whole dataset.
    pub view: Option<TimeView>,
    pub dark: bool,
    /// A title above the timeline (blank: none).
    pub title: Option<String>,
    /// Stamp the provenance line (dataset, file, hash, range, filters, version).
    pub footer: bool,
    pub selected: Option<usize>,
    /// Only the events this filter shows are drawn, and the footer names it.
    pub filter: Filter,
    /// Which marks are numbered and listed in a key below the plot.
    pub callouts: crate::timeline::CalloutMode,
    /// Replace a file already at `path`.
    pub force: bool,
}

/// Draws `doc` as `request` asks and writes it atomically: view, provenance, SVG, PNG, file.
pub fn export(doc: &Document, request: &ExportRequest) -> Result<(), ExportError> {
    if request.width_px == 0 || request.height_px == 0 {
        return Err(ExportError::BadSize {
            width: request.width_px,
            height: request.height_px,
            scale: request.scale,
        });
    }
    let view = request.view.unwrap_or_else(|| TimeView::fit(doc.limits));
    let file_name = match &doc.origin {
        Origin::File(p) => p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        Origin::Embedded => "embedded seed dataset".to_owned(),
    };
    let shown = request
        .filter
        .is_active()
        .then(|| Arc::new(request.filter.apply(&doc.dataset, &doc.quotes, &doc.search)));
    let options = ExportOptions {
        width_px: request.width_px,
        height_px: request.height_px,
        scale: request.scale,
        view,
        dark: request.dark,
        title: request.title.clone().filter(|t| !t.trim().is_empty()),
        footer: request.footer.then(|| {
            provenance(
                &doc.dataset.title,
                &file_name,
                &doc.sha256,
                view,
                &request.filter.describe(),
            )
        }),
        selected: request.selected,
        callouts: request.callouts,
        shown,
    };
    let svg = render_svg(&doc.dataset, &doc.index, &options);
    let bytes = match request.format {
        ImageFormat::Svg => svg.into_bytes(),
        ImageFormat::Png => render_png(&svg, request.width_px, request.height_px, request.scale)?,
    };
    write_atomically(&request.path, &bytes, request.force)
}

/// Why an export failed. Messages name the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{} exists; pass --force to overwrite it", .0.display())]
    Exists(PathBuf),
    #[error("{}: the file name must end in .png or .svg", .0.display())]
    UnknownFormat(PathBuf),
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Svg,
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
            _ => Err(ExportError::UnknownFormat(path.to_owned())),
        }
    }
}

/// The provenance line: "Title · file.json · sha256 1a2b3c4d · 1 Jan 2016 – 31 Dec 2024 · Claimline
/// 0.1.0". `sha256` is the hex hash of the bytes loaded (its first 8 digits are shown).
pub fn provenance(
    dataset_title: &str,
    file_name: &str,
    sha256: &str,
    view: TimeView,
    filters: &[String],
) -> String {
    let short: String = sha256.chars().take(8).collect();
    let day = |days: f64| {
        crate::model::date::date_from_days(days)
            .map_or_else(|| "?".to_owned(), |d| Date::from_day(d).to_string())
    };
    let mut parts = vec![
        dataset_title.to_owned(),
        file_name.to_owned(),
        format!("sha256 {short}"),
        format!("{} – {}", day(view.start_days), day(view.end_days() - 1e-9)),
    ];
    if !filters.is_empty() {
        parts.push(format!("filters: {}", filters.join(", ")));
    }
    parts.push(format!("Claimline {}", env!("CARGO_PKG_VERSION")));
    parts.join(" · ")
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a failed
/// export never leaves a half-written file. Refuses to replace a file unless `force`.
///
/// It takes the finished bytes, never a writer to stream into: Ctrl-C ends the process without
/// running destructors, so the temporary file must exist only for this write and rename, not while
/// the image is drawn and encoded (`tests/export_interrupt.rs`).
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    if path.symlink_metadata().is_ok() && !force {
        return Err(ExportError::Exists(path.to_owned()));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let write_error = |error: std::io::Error| ExportError::Write {
        path: path.to_owned(),
        error,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".claimline-export-");
    // A temporary file is private by default; an exported image is an ordinary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder.tempfile_in(&folder).map_err(write_error)?;
    temp.write_all(bytes).map_err(write_error)?;
    temp.flush().map_err(write_error)?;
    if force {
        temp.persist(path).map_err(|e| write_error(e.error))?;
    } else {
        // Never replaces a file that appeared meanwhile.
        temp.persist_noclobber(path)
            .map_err(|e| write_error(e.error))?;
    }
    Ok(())
}
