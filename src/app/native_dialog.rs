//! The system's file dialogs (rfd), behind a trait.
//!
//! rfd answers `None` both when the user cancels and when no dialog could be shown at all (on Linux
//! with no XDG desktop portal and no zenity it only logs the failure), so File ▸ Open… used to do
//! nothing on such desktops. Whether the dialog can work is therefore checked first, off the UI
//! thread, and when it cannot the built-in browser is shown with a sentence saying why. Tests put
//! a stand-in behind the trait, so no test ever opens a real dialog.

use std::path::PathBuf;
use std::sync::mpsc::channel;

use super::job::Job;
use std::time::Duration;

/// Longest wait for the check: starting the portal on demand can take a moment, but a session
/// bus that never answers must not leave Open… waiting for ever.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether the system's file dialog can be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Availability {
    Available,
    /// It cannot; one sentence for the user naming what is missing and what to do instead.
    Missing(String),
}

/// What a file is chosen for, in the words a dialog uses: its title, the extensions it lists
/// first, and what to call such files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choosing {
    pub title: &'static str,
    pub extensions: &'static [&'static str],
    /// One and many: ("dataset", "datasets").
    pub noun: (&'static str, &'static str),
}

/// Where the file dialogs come from. Each call answers once on the returned channel, from another
/// thread, and wakes the UI with `ctx.request_repaint()`; a channel that closes without an answer
/// means the dialog failed (not that the user cancelled).
pub trait NativeDialogs {
    /// Finds out whether the dialogs can be shown, without showing one.
    fn check(&self, ctx: &egui::Context) -> Job<Availability>;

    /// An open dialog for what `choosing` says, starting in `folder` when given; `None` when
    /// cancelled.
    fn pick_file(
        &self,
        ctx: &egui::Context,
        choosing: Choosing,
        folder: Option<PathBuf>,
    ) -> Job<Option<PathBuf>>;

    /// A save dialog suggesting `file_name`; `None` when cancelled.
    fn pick_save_path(
        &self,
        ctx: &egui::Context,
        choosing: Choosing,
        file_name: String,
        extension: &'static str,
    ) -> Job<Option<PathBuf>>;
}

/// The real dialogs, through rfd, each on its own thread (they block, and on some systems run
/// their own event loop).
pub struct SystemDialogs;

impl NativeDialogs for SystemDialogs {
    fn check(&self, ctx: &egui::Context) -> Job<Availability> {
        Job::spawn(ctx, || {
            // A bus that never answers must not keep the question open: the probe gets its own
            // thread and a deadline.
            let (probe_sender, probe) = channel();
            std::thread::spawn(move || {
                let _ = probe_sender.send(system_dialog_problem());
            });
            let problem = probe
                .recv_timeout(CHECK_TIMEOUT)
                .unwrap_or(Some(Problem::NoAnswer));
            availability(problem, zenity_installed())
        })
    }

    fn pick_file(
        &self,
        ctx: &egui::Context,
        choosing: Choosing,
        folder: Option<PathBuf>,
    ) -> Job<Option<PathBuf>> {
        Job::spawn(ctx, move || {
            let mut dialog = rfd::FileDialog::new().set_title(choosing.title);
            dialog = if choosing.extensions == crate::folder::DATASET_EXTENSIONS {
                dialog
                    .add_filter("Datasets (JSON, CSV)", choosing.extensions)
                    .add_filter("Claimline or TimelineJS JSON", &["json"])
                    .add_filter("CSV", &["csv"])
            } else {
                let (_, many) = choosing.noun;
                dialog.add_filter(format!("Source {many}"), choosing.extensions)
            };
            dialog = dialog.add_filter("All files", &["*"]);
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            dialog.pick_file()
        })
    }

    fn pick_save_path(
        &self,
        ctx: &egui::Context,
        choosing: Choosing,
        file_name: String,
        extension: &'static str,
    ) -> Job<Option<PathBuf>> {
        Job::spawn(ctx, move || {
            rfd::FileDialog::new()
                .set_title(choosing.title)
                .set_file_name(file_name)
                .add_filter(extension.to_uppercase(), &[extension])
                .save_file()
        })
    }
}

/// Why rfd's dialog cannot be shown on this desktop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No D-Bus session bus to reach the portal through.
    NoSessionBus,
    /// Nothing owns (or can start) `org.freedesktop.portal.Desktop`.
    NoPortal,
    /// The portal runs, but no backend gives it the `FileChooser` interface.
    NoFileChooser,
    /// The portal did not answer within [`CHECK_TIMEOUT`].
    NoAnswer,
    /// The bus gave another error; its text is kept for the message.
    Other(String),
}

/// The sentence shown for `problem` (none when the dialog can work). rfd falls back to zenity
/// when the portal fails, so a desktop with zenity still has a dialog.
pub fn availability(problem: Option<Problem>, zenity: bool) -> Availability {
    const INSTALL_PORTAL: &str =
        "install xdg-desktop-portal with a backend such as xdg-desktop-portal-gtk, or zenity";
    let Some(problem) = problem else {
        return Availability::Available;
    };
    if zenity {
        return Availability::Available;
    }
    let (what, remedy) = match problem {
        Problem::NoSessionBus => (
            "no D-Bus session bus is running".to_owned(),
            "start Claimline inside a desktop session, or with dbus-run-session".to_owned(),
        ),
        Problem::NoPortal => (
            "no XDG desktop portal is running on the session bus".to_owned(),
            INSTALL_PORTAL.to_owned(),
        ),
        Problem::NoFileChooser => (
            "the XDG desktop portal has no file chooser backend".to_owned(),
            INSTALL_PORTAL.to_owned(),
        ),
        Problem::NoAnswer => (
            format!(
                "the XDG desktop portal did not answer within {} s",
                CHECK_TIMEOUT.as_secs()
            ),
            "check that xdg-desktop-portal is working".to_owned(),
        ),
        Problem::Other(error) => (
            format!("the XDG desktop portal could not be asked ({error})"),
            "check that xdg-desktop-portal is working".to_owned(),
        ),
    };
    Availability::Missing(format!(
        "The system file dialog is unavailable because {what} and zenity is not installed, so \
         choose the file here (or {remedy})."
    ))
}

/// True when a `zenity` program is on the `PATH` (rfd's fallback on Linux).
fn zenity_installed() -> bool {
    cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "dragonfly",
        target_os = "netbsd",
        target_os = "openbsd"
    )) && std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()))
}

/// On Linux and the BSDs rfd (with its default `xdg-portal` feature) asks the XDG desktop portal
/// over the session bus: the dialog works when the portal has a `FileChooser` interface. Reading
/// that interface's `version` property asks exactly this, and starts the portal if it is
/// installed but not yet running, as the dialog itself would.
#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
fn system_dialog_problem() -> Option<Problem> {
    async_io::block_on(async {
        let Ok(connection) = zbus::Connection::session().await else {
            return Some(Problem::NoSessionBus);
        };
        let reply = connection
            .call_method(
                Some("org.freedesktop.portal.Desktop"),
                "/org/freedesktop/portal/desktop",
                Some("org.freedesktop.DBus.Properties"),
                "Get",
                &("org.freedesktop.portal.FileChooser", "version"),
            )
            .await;
        reply.err().map(|error| portal_problem(&error))
    })
}

/// Elsewhere (Windows, macOS) the dialog is part of the system.
#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
)))]
fn system_dialog_problem() -> Option<Problem> {
    None
}

#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "dragonfly",
    target_os = "netbsd",
    target_os = "openbsd"
))]
fn portal_problem(error: &zbus::Error) -> Problem {
    use zbus::fdo;
    let name = match error {
        zbus::Error::MethodError(name, _, _) => name.as_str(),
        zbus::Error::FDO(fdo_error) => match **fdo_error {
            fdo::Error::ServiceUnknown(_) | fdo::Error::NameHasNoOwner(_) => {
                return Problem::NoPortal;
            }
            fdo::Error::UnknownInterface(_)
            | fdo::Error::UnknownProperty(_)
            | fdo::Error::InvalidArgs(_)
            | fdo::Error::UnknownObject(_) => return Problem::NoFileChooser,
            _ => return Problem::Other(error.to_string()),
        },
        _ => return Problem::Other(error.to_string()),
    };
    match name {
        "org.freedesktop.DBus.Error.ServiceUnknown"
        | "org.freedesktop.DBus.Error.NameHasNoOwner" => Problem::NoPortal,
        "org.freedesktop.DBus.Error.UnknownInterface"
        | "org.freedesktop.DBus.Error.UnknownProperty"
        | "org.freedesktop.DBus.Error.InvalidArgs"
        | "org.freedesktop.DBus.Error.UnknownObject" => Problem::NoFileChooser,
        _ => Problem::Other(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_portal_is_named_in_one_sentence_with_what_to_do() {
        let Availability::Missing(message) = availability(Some(Problem::NoPortal), false) else {
            panic!("no portal and no zenity: no dialog");
        };
        assert!(
            message.contains("no XDG desktop portal is running"),
            "{message}"
        );
        assert!(message.contains("install xdg-desktop-portal"), "{message}");
        let Availability::Missing(message) = availability(Some(Problem::NoSessionBus), false)
        else {
            panic!("no session bus and no zenity: no dialog");
        };
        assert!(message.contains("no D-Bus session bus"), "{message}");
        assert!(message.contains("dbus-run-session"), "{message}");
        assert_eq!(message.matches(". ").count(), 0, "one sentence: {message}");
    }

    #[test]
    fn zenity_or_a_portal_is_enough() {
        assert_eq!(availability(None, false), Availability::Available);
        assert_eq!(
            availability(Some(Problem::NoSessionBus), true),
            Availability::Available
        );
    }
}
