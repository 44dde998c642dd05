//! The settings file (`app.ron`, eframe's storage), read before eframe reads it: it is untrusted
//! input like any dataset. eframe reads whatever is there with no limit and hands its numbers to
//! the window system as they are: an `app.ron` that was a FIFO hung before the window opened, a
//! symlink to `/dev/zero` took 3.7 GB, and a zoom factor of NaN, 0 or 1e6 panicked at every start.
//!
//! So before eframe starts, the file must be a regular file under [`MAX_SETTINGS_BYTES`] that
//! reads as eframe's RON map, or it is moved aside (kept, renamed, and named in a notice) and
//! Claimline starts with default settings. A readable file has its zoom factor clamped and an
//! absurd window size or position dropped, and is written back only when something changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::load::read;

/// The largest settings file read: 4 MiB. Claimline writes a few kilobytes (the view, the recent
/// files, the filters of each dataset).
pub const MAX_SETTINGS_BYTES: u64 = 4 << 20;

/// The zoom factors a settings file may ask for; anything else (or not a number) becomes 1.
const ZOOM: std::ops::RangeInclusive<f32> = 0.25..=4.0;

/// Window sizes and positions past this many points are not a real screen's.
const MAX_WINDOW_POINTS: f64 = 100_000.0;

/// The settings file eframe reads for `app_id`.
pub fn path(app_id: &str) -> Option<PathBuf> {
    eframe::storage_dir(app_id).map(|dir| dir.join("app.ron"))
}

/// Makes the settings file at `path` safe for eframe to read. Returns a notice for the user when
/// it was moved aside or repaired, naming it.
pub fn prepare(path: &Path) -> Option<String> {
    // A missing file is a first start; anything else is looked at without following links first.
    path.symlink_metadata().ok()?;
    let limit = MAX_SETTINGS_BYTES;
    let name = "MAX_SETTINGS_BYTES";
    let bytes = match read::resolve_regular(path, limit, name)
        .and_then(|real| read::read_capped(&real, limit, name))
    {
        Ok(bytes) => bytes,
        Err(refusal) => return Some(move_aside(path, &refusal.to_string())),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Some(move_aside(path, "it is not UTF-8 text"));
    };
    let Ok(mut entries) = ron::from_str::<HashMap<String, String>>(&text) else {
        return Some(move_aside(
            path,
            "it is not a settings file Claimline can read",
        ));
    };
    let mut repaired = Vec::new();
    if let Some(memory) = entries.get("egui") {
        if let Ok(mut memory) = ron::from_str::<egui::Memory>(memory) {
            let zoom = memory.options.zoom_factor;
            if !ZOOM.contains(&zoom) {
                memory.options.zoom_factor = 1.0;
                if let Ok(text) = ron::ser::to_string(&memory) {
                    entries.insert("egui".to_owned(), text);
                } else {
                    entries.remove("egui");
                }
                repaired.push(format!("the zoom factor {zoom} is now 1"));
            }
        } else {
            // eframe would drop it too; dropped here, it cannot be half read.
            entries.remove("egui");
            repaired.push("the window's layout could not be read and is reset".to_owned());
        }
    }
    if entries.get("window").is_some_and(|w| !sane_window(w)) {
        entries.remove("window");
        repaired.push("the window's size or position was not a screen's and is reset".to_owned());
    }
    if repaired.is_empty() {
        return None;
    }
    let written = ron::ser::to_string(&entries)
        .ok()
        .and_then(|text| write_atomically(path, text.as_bytes()).ok());
    let outcome = if written.is_some() {
        "repaired"
    } else {
        "repaired for this run (it could not be written back)"
    };
    Some(format!(
        "The settings file {} was {outcome}: {}",
        path.display(),
        repaired.join("; ")
    ))
}

/// Whether every number in the window settings is finite and within a screen's reach.
fn sane_window(text: &str) -> bool {
    fn sane(value: &ron::Value) -> bool {
        match value {
            ron::Value::Number(n) => {
                let x = n.into_f64();
                x.is_finite() && x.abs() <= MAX_WINDOW_POINTS
            }
            ron::Value::Option(Some(inner)) => sane(inner),
            ron::Value::Seq(items) => items.iter().all(sane),
            ron::Value::Map(map) => map.iter().all(|(k, v)| sane(k) && sane(v)),
            _ => true,
        }
    }
    ron::from_str::<ron::Value>(text).is_ok_and(|value| sane(&value))
}

/// Renames the settings file out of the way (`app.ron.refused`, the old one replaced) and says
/// so; if even that fails, says that too.
fn move_aside(path: &Path, why: &str) -> String {
    let mut aside = path.as_os_str().to_owned();
    aside.push(".refused");
    let aside = PathBuf::from(aside);
    match std::fs::rename(path, &aside) {
        Ok(()) => format!(
            "The settings file {} was not read ({why}); it was moved to {} and the default \
             settings are used",
            path.display(),
            aside.display()
        ),
        Err(error) => format!(
            "The settings file {} was not read ({why}) and could not be moved aside ({error}); \
             remove it to keep your settings from now on",
            path.display()
        ),
    }
}

/// Writes `bytes` over `path` through a temporary file and a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(folder)?;
    temp.write_all(bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(dir: &Path, entries: &[(&str, String)]) -> PathBuf {
        let map: HashMap<String, String> = entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        let path = dir.join("app.ron");
        std::fs::write(&path, ron::ser::to_string(&map).unwrap()).unwrap();
        path
    }

    fn memory_with_zoom(zoom: f32) -> String {
        let mut memory = egui::Memory::default();
        memory.options.zoom_factor = zoom;
        ron::ser::to_string(&memory).unwrap()
    }

    fn zoom_in(path: &Path) -> f32 {
        let map: HashMap<String, String> =
            ron::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        ron::from_str::<egui::Memory>(&map["egui"])
            .unwrap()
            .options
            .zoom_factor
    }

    #[test]
    fn an_absurd_zoom_factor_is_reset_before_eframe_sees_it() {
        for zoom in [f32::NAN, 0.0, 1e6, f32::INFINITY] {
            let dir = tempfile::tempdir().unwrap();
            let path = settings(
                dir.path(),
                &[("egui", memory_with_zoom(zoom)), ("app", "()".to_owned())],
            );
            let notice = prepare(&path).expect("a notice");
            assert!(notice.contains("zoom factor"), "{notice}");
            assert!((zoom_in(&path) - 1.0).abs() < f32::EPSILON, "{zoom}");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = settings(dir.path(), &[("egui", memory_with_zoom(1.5))]);
        assert_eq!(prepare(&path), None, "a sane file is left alone");
        assert!((zoom_in(&path) - 1.5).abs() < f32::EPSILON);
    }

    #[test]
    fn a_window_of_absurd_size_is_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let window = "(inner_position_pixels: None, outer_position_pixels: Some((x: 1e300, y: \
                      0.0)), fullscreen: false, maximized: false, inner_size_points: Some((x: \
                      NaN, y: 800.0)))";
        let path = settings(dir.path(), &[("window", window.to_owned())]);
        assert!(prepare(&path).unwrap().contains("size or position"));
        let map: HashMap<String, String> =
            ron::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(!map.contains_key("window"));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_link_to_dev_zero_is_moved_aside_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.ron");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap()
                .success()
        );
        let start = std::time::Instant::now();
        let notice = prepare(&path).unwrap();
        assert!(start.elapsed().as_secs() < 5);
        assert!(
            notice.contains("FIFO") && notice.contains("app.ron"),
            "{notice}"
        );
        assert!(!path.exists() && dir.path().join("app.ron.refused").exists());

        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        let notice = prepare(&path).unwrap();
        assert!(notice.contains("character device"), "{notice}");
        assert!(path.symlink_metadata().is_err());
    }

    #[test]
    fn a_settings_file_over_its_limit_or_not_ron_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.ron");
        // Closed at once: the file is moved aside, and replaced there by the next one moved aside;
        // Windows refuses to rename over a file that is still open (error 5 under Wine 8, which
        // lacks the POSIX-semantics rename std falls back to on Windows 10).
        std::fs::File::create(&path)
            .unwrap()
            .set_len(MAX_SETTINGS_BYTES + 1)
            .unwrap();
        let notice = prepare(&path).unwrap();
        assert!(notice.contains("MAX_SETTINGS_BYTES"), "{notice}");
        std::fs::write(&path, "not ron at all {{{").unwrap();
        let notice = prepare(&path).unwrap();
        assert!(notice.contains("moved to"), "{notice}");
        assert_eq!(prepare(&dir.path().join("none.ron")), None);
    }
}
