//! Images for slides, drawn by the core, not the window: Scene → SVG → PNG (resvg, on the CPU).
//!
//! Exports work with no display and no GPU, at any size, with the fonts bundled in the binary, and
//! stamp where the picture came from (dataset, file, content hash, range shown, version).

pub mod command;
pub mod png;
pub mod svg;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::model::Date;
use crate::timeline::TimeView;

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

/// The provenance line: "Title · file.json · sha256 1a2b3c4d · 1 Jan 2016 – 31 Dec 2024 · Claimline 0.1.0".
pub fn provenance(
    dataset_title: &str,
    file_name: &str,
    content: &[u8],
    view: TimeView,
    filters: &[String],
) -> String {
    let hash = Sha256::digest(content);
    let short = hash.iter().take(4).fold(String::new(), |mut s, b| {
        let _ = std::fmt::Write::write_fmt(&mut s, format_args!("{b:02x}"));
        s
    });
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
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<(), ExportError> {
    if path.exists() && !force {
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
