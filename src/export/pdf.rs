//! PDF exports: the slide's SVG (with real text) as a vector page by svg2pdf, its fonts embedded
//! and subset, in a document that names its title, dataset and hash; or the whole range on as many
//! pages as it takes to name every event legibly (`--pages`), for print and handouts.
//!
//! A page is as many points as the slide has CSS pixels: a 1920×1080 slide is a 1920×1080 pt page,
//! Keynote's own slide size, which slide programs scale to fit anyway.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use svg2pdf::usvg;

use super::svg::render_svg_text;
use super::{ExportError, ExportOptions};
use crate::model::Dataset;
use crate::timeline::{TimeView, TimelineIndex};

/// What the document says about itself (File ▸ Properties in a PDF reader).
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub title: String,
    /// Dataset, file and full hash.
    pub subject: String,
    pub keywords: String,
}

/// The bundled fonts for svg2pdf's usvg (a different version from the PNG's, so its own
/// database), with no system fonts: the PDF embeds exactly what the PNG draws with.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
        db.load_font_data(crate::FALLBACK_FONT.to_vec());
        db.set_sans_serif_family("Ubuntu");
        Arc::new(db)
    }))
}

fn tree(svg: &str) -> Result<usvg::Tree, ExportError> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "Ubuntu".to_owned(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))
}

/// One page per SVG, each `(svg, width_pt, height_pt)`, in one document with `metadata`.
fn document(pages: &[(String, f32, f32)], metadata: &Metadata) -> Result<Vec<u8>, ExportError> {
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let page_tree = alloc.bump();
    let info = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_refs = Vec::new();
    let mut chunks = Vec::new();
    for (svg, width, height) in pages {
        let tree = tree(svg)?;
        let (chunk, root) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| ExportError::Render(format!("PDF: {e}")))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let root = map
            .get(&root)
            .copied()
            .ok_or_else(|| ExportError::Render("PDF: the page has no content".to_owned()))?;
        let (page, content) = (alloc.bump(), alloc.bump());
        let name = Name(b"S1");
        let mut page_writer = pdf.page(page);
        page_writer.media_box(Rect::new(0.0, 0.0, *width, *height));
        page_writer.parent(page_tree);
        page_writer.contents(content);
        page_writer.resources().x_objects().pair(name, root);
        page_writer.finish();
        // svg2pdf's XObject is one point square: scale it to the page.
        let mut stream = Content::new();
        stream
            .transform([*width, 0.0, 0.0, *height, 0.0, 0.0])
            .x_object(name);
        pdf.stream(content, &stream.finish());
        page_refs.push(page);
        chunks.push(chunk);
    }
    for chunk in &chunks {
        pdf.extend(chunk);
    }
    pdf.catalog(catalog).pages(page_tree);
    pdf.pages(page_tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);
    let creator = format!("Claimline {}", env!("CARGO_PKG_VERSION"));
    pdf.document_info(info)
        .title(TextStr(&metadata.title))
        .subject(TextStr(&metadata.subject))
        .keywords(TextStr(&metadata.keywords))
        .creator(TextStr(&creator))
        .producer(TextStr(&format!("{creator} (svg2pdf)")));
    Ok(pdf.finish())
}

/// The slide as a one-page PDF.
pub fn render_pdf(
    dataset: &Dataset,
    index: &TimelineIndex,
    options: &ExportOptions,
    metadata: &Metadata,
) -> Result<Vec<u8>, ExportError> {
    let svg = render_svg_text(dataset, index, options);
    document(
        &[(svg, options.width_px as f32, options.height_px as f32)],
        metadata,
    )
}

/// Events on a page of a handout: about as many as a 1280×720 slide names with labels.
const EVENTS_PER_PAGE: usize = 24;
/// Most pages of a handout.
const MAX_PAGES: usize = 200;
/// A handout page: A4 landscape, laid out 1120 units wide, so a 13-unit label prints at 9.8 pt.
const PAGE_PT: (f32, f32) = (842.0, 595.0);
const PAGE_UNITS: (u32, u32) = (1120, 792);

/// The time ranges of a handout's pages: the events in view in time order, cut into runs of
/// about [`EVENTS_PER_PAGE`], each page reaching halfway to the next page's first event.
pub fn page_views(
    dataset: &Dataset,
    options: &ExportOptions,
    index: &TimelineIndex,
) -> Vec<TimeView> {
    let view = options.view;
    let mut events: Vec<(f64, f64)> = index
        .by_time
        .iter()
        .filter(|&&e| options.shown.as_ref().is_none_or(|s| s.contains(e)))
        .filter_map(|&e| dataset.events.get(e))
        .map(|e| (e.earliest_days(), e.latest_days()))
        .filter(|&(lo, hi)| hi > view.start_days && lo < view.end_days())
        .collect();
    events.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pages = events.len().div_ceil(EVENTS_PER_PAGE).clamp(1, MAX_PAGES);
    let per_page = events.len().div_ceil(pages).max(1);
    let mut bounds = vec![view.start_days];
    for next in events.chunks(per_page).skip(1) {
        let Some(&(start, _)) = next.first() else {
            continue;
        };
        let previous = bounds.last().copied().unwrap_or(view.start_days);
        // Halfway between this page's first start and where the page before began, at the least.
        let cut = start - 0.5 * (start - previous).min(30.0);
        if cut > previous + 1.0 && cut < view.end_days() {
            bounds.push(cut);
        }
    }
    bounds.push(view.end_days());
    bounds
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if b > a => Some(TimeView::new(*a, *b)),
            _ => None,
        })
        .collect()
}

/// The whole range as a handout: A4 landscape pages, each a slice of time with the same lane
/// rows, every page with the footer and its page number.
pub fn render_pages(
    dataset: &Dataset,
    index: &TimelineIndex,
    options: &ExportOptions,
    metadata: &Metadata,
) -> Result<Vec<u8>, ExportError> {
    let views = page_views(dataset, options, index);
    let count = views.len();
    // The lanes any page uses, on every page, so rows do not move between pages.
    let lanes = super::svg::lanes_drawn(dataset, index, options);
    let pages: Vec<(String, f32, f32)> = views
        .into_iter()
        .enumerate()
        .map(|(i, view)| {
            let page = ExportOptions {
                width_px: PAGE_UNITS.0,
                height_px: PAGE_UNITS.1,
                view,
                title: Some(match &options.title {
                    Some(t) => format!("{t} — page {} of {count}", i + 1),
                    None => format!("{} — page {} of {count}", dataset.title, i + 1),
                }),
                lanes: Some(lanes.clone()),
                ..options.clone()
            };
            (render_svg_text(dataset, index, &page), PAGE_PT.0, PAGE_PT.1)
        })
        .collect();
    document(&pages, metadata)
}
