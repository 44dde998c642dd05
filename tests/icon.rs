//! The committed icon files are rendered from `assets/icon/claimline.svg`; this fails when they are
//! stale or missing, as the schema test does for the schema.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed"
)]

use std::path::PathBuf;

use claimline::icon;

const STALE: &str = "run `cargo run --example icon` after editing assets/icon/claimline.svg";

fn icon_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/icon")
}

fn decode(png: &[u8]) -> image::RgbaImage {
    image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .unwrap()
        .to_rgba8()
}

/// Pixels, not bytes: tiny-skia's SIMD paths differ by a unit here and there between x86-64 and
/// ARM, and CI runs on both.
#[test]
fn every_committed_png_has_its_size_and_matches_the_svg() {
    for size_px in icon::SIZES_PX {
        let path = icon_dir().join(icon::png_file_name(size_px));
        let committed =
            std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; {STALE}", path.display()));
        let committed = decode(&committed);
        assert_eq!(
            committed.dimensions(),
            (size_px, size_px),
            "{}",
            path.display()
        );
        let fresh = decode(&icon::render_png(size_px).unwrap());
        let worst = committed
            .as_raw()
            .iter()
            .zip(fresh.as_raw())
            .map(|(a, b)| a.abs_diff(*b))
            .max()
            .unwrap_or(0);
        assert!(
            worst <= 2,
            "{} is stale (off by {worst}): {STALE}",
            path.display()
        );
    }
}

#[test]
fn the_ico_holds_the_committed_pngs() {
    let pngs: Vec<(u32, Vec<u8>)> = icon::ICO_SIZES_PX
        .iter()
        .map(|&size_px| {
            let png = std::fs::read(icon_dir().join(icon::png_file_name(size_px))).unwrap();
            (size_px, png)
        })
        .collect();
    let images: Vec<(u32, &[u8])> = pngs.iter().map(|(s, p)| (*s, p.as_slice())).collect();
    let committed = std::fs::read(icon_dir().join(icon::ICO_FILE_NAME)).expect(STALE);
    assert!(
        committed == icon::ico(&images).unwrap(),
        "claimline.ico is stale: {STALE}"
    );
    // The header: reserved 0, type 1 (icon), one entry per size, the 256 px one written as 0.
    assert_eq!(&committed[..6], &[0, 0, 1, 0, 4, 0]);
    assert_eq!(committed[6 + 3 * 16], 0);
}

#[test]
fn the_window_icon_decodes() {
    let icon = eframe::icon_data::from_png_bytes(icon::WINDOW_ICON_PNG).unwrap();
    assert_eq!((icon.width, icon.height), (256, 256));
}
