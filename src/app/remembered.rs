//! What Claimline remembers between runs (eframe persistence): the last dataset, the view, the
//! theme and the recent files. Panel sizes are remembered by egui itself.

use std::path::{Path, PathBuf};

use crate::timeline::TimeView;

/// How many files File ▸ Open recent lists.
pub const RECENT_MAX: usize = 10;

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The dataset open at exit; `None` for the embedded one.
    pub last_path: Option<PathBuf>,
    /// The view at exit, restored when the same dataset opens again.
    pub view: Option<TimeView>,
    pub dark: bool,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Reload the open file when it changes on disk.
    pub watch: bool,
    /// The filters last used on each dataset, by [`Origin::display_name`](crate::load::Origin):
    /// a researcher's "Kremlin statements only" comes back with the file. Search text is not kept.
    pub filters: std::collections::BTreeMap<String, crate::timeline::Filter>,
    /// The event table is shown (View ▸ Event table): a reader who works from the table gets it
    /// back.
    pub show_table: bool,
}

impl Remembered {
    /// Puts `path` first in the recent files.
    pub fn add_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT_MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_most_recent_first_without_duplicates_and_capped() {
        let mut r = Remembered::default();
        for i in 0..12 {
            r.add_recent(Path::new(&format!("/d/{i}.json")));
        }
        r.add_recent(Path::new("/d/5.json"));
        assert_eq!(r.recent.len(), RECENT_MAX);
        assert_eq!(r.recent[0], Path::new("/d/5.json"));
        assert_eq!(r.recent[1], Path::new("/d/11.json"));
        assert_eq!(r.recent.iter().filter(|p| p.ends_with("5.json")).count(), 1);
    }
}
