//! Renders `assets/icon/claimline.svg` to the committed PNGs and `.ico` beside it:
//! `cargo run --example icon`. Run it after editing the SVG; `tests/icon.rs` fails until you do.

use std::path::Path;
use std::process::ExitCode;

use claimline::icon;

fn main() -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icon");
    match write_all(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("icon: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_all(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut rendered = Vec::new();
    for size_px in icon::SIZES_PX {
        let png = icon::render_png(size_px)?;
        let path = dir.join(icon::png_file_name(size_px));
        std::fs::write(&path, &png)?;
        println!("{}", path.display());
        rendered.push((size_px, png));
    }
    let ico_images: Vec<(u32, &[u8])> = rendered
        .iter()
        .filter(|(size_px, _)| icon::ICO_SIZES_PX.contains(size_px))
        .map(|(size_px, png)| (*size_px, png.as_slice()))
        .collect();
    let path = dir.join(icon::ICO_FILE_NAME);
    std::fs::write(&path, icon::ico(&ico_images)?)?;
    println!("{}", path.display());
    Ok(())
}
