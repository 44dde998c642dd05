//! Unsaved work is written to the settings folder every few seconds while the dataset has
//! changes; after a crash (or a kill, or a power cut) the next start offers it back.
//!
//! The work is `autosave.json`, the dataset in canonical form (source texts that live in files
//! beside the dataset stay there; texts pasted in the app are inline), and `autosave-of.json`,
//! which file it was the work on. Both are written atomically. A save, a discard or File ▸ New
//! removes them, so only work that was never saved or dropped is ever offered.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::command::Command;
use super::job::Job;

/// How long after an edit its work is written, at most.
pub const INTERVAL: Duration = Duration::from_secs(5);
pub const WORK: &str = "autosave.json";
const WORK_OF: &str = "autosave-of.json";

/// Which dataset the work was on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WorkOf {
    /// The file the dataset was opened from; `None` for the embedded seed or a new dataset.
    pub file: Option<PathBuf>,
    /// The work is on the embedded seed, whose source texts are in the program.
    #[serde(default)]
    pub embedded: bool,
    pub title: String,
}

/// Work found at start-up, offered back.
#[derive(Clone, Debug)]
pub struct Found {
    pub of: WorkOf,
    pub written: Option<SystemTime>,
}

#[derive(Default)]
pub struct Autosave {
    /// The settings folder; `None` where nothing is persisted (tests, unless they ask).
    pub folder: Option<PathBuf>,
    /// [`super::editing::Editing::changes`] at the last write started.
    pub written_changes: Option<u64>,
    pub last_write: Option<std::time::Instant>,
    pub job: Option<Job<std::io::Result<()>>>,
    /// Work found at start-up, until the user answers.
    pub found: Option<Found>,
}

impl Autosave {
    /// Autosaves in `folder`, and offers back work found there.
    pub fn in_folder(folder: PathBuf) -> Self {
        let found = read_work_of(&folder).map(|of| Found {
            of,
            written: std::fs::metadata(folder.join(WORK))
                .and_then(|m| m.modified())
                .ok(),
        });
        Self {
            folder: Some(folder),
            found,
            ..Self::default()
        }
    }

    /// Removes the autosaved work: it was saved, or dropped on purpose.
    pub fn forget(&mut self) {
        self.written_changes = None;
        if let Some(folder) = &self.folder {
            let _ = std::fs::remove_file(folder.join(WORK));
            let _ = std::fs::remove_file(folder.join(WORK_OF));
        }
    }
}

fn read_work_of(folder: &Path) -> Option<WorkOf> {
    if !folder.join(WORK).is_file() {
        return None;
    }
    // A small file of our own, but read with care all the same: a size cap.
    let meta = std::fs::metadata(folder.join(WORK_OF)).ok()?;
    if !meta.is_file() || meta.len() > 64 * 1024 {
        return None;
    }
    serde_json::from_slice(&std::fs::read(folder.join(WORK_OF)).ok()?).ok()
}

pub fn write_work(folder: &Path, work: &[u8], of: &WorkOf) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let options = crate::save::AtomicOptions {
        overwrite: true,
        backup: false,
        temp_prefix: ".claimline-autosave-",
    };
    let write = |name: &str, bytes: &[u8]| {
        crate::save::write_atomically(&folder.join(name), [bytes], &options)
            .map(|_| ())
            .map_err(|e| std::io::Error::other(e.to_string()))
    };
    write(WORK, work)?;
    write(WORK_OF, &serde_json::to_vec_pretty(of).unwrap_or_default())
}

/// "Claimline closed with unsaved work": Recover or Discard.
pub fn recovery_ui(ctx: &egui::Context, found: &Found, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("recover_autosave")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Recover unsaved work?");
        let on = match &found.of.file {
            Some(path) => format!("“{}” ({})", found.of.title, path.display()),
            None => format!("“{}”, not saved to a file yet", found.of.title),
        };
        let when = found
            .written
            .and_then(|t| t.elapsed().ok())
            .map(|ago| format!(", kept {} ago", ago_text(ago)))
            .unwrap_or_default();
        ui.label(format!(
            "Claimline closed before changes to {on} were saved{when}."
        ));
        ui.horizontal(|ui| {
            if ui.button("Recover").clicked() {
                commands.push(Command::RecoverAutosave(true));
            }
            if ui.button("Discard").clicked() {
                commands.push(Command::RecoverAutosave(false));
            }
        });
    });
}

fn ago_text(ago: Duration) -> String {
    let seconds = ago.as_secs();
    match seconds {
        0..=119 => format!("{seconds} s"),
        120..=7199 => format!("{} min", seconds / 60),
        _ => format!("{} h", seconds / 3600),
    }
}
