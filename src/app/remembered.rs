//! What Claimline remembers between runs (eframe persistence): the last dataset, the view, the
//! theme and the recent files. Panel sizes are remembered by egui itself.

use std::path::{Path, PathBuf};

use crate::timeline::TimeView;

/// How many files File ▸ Open recent lists.
pub const RECENT_MAX: usize = 10;

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The dataset open at exit, as an absolute path; `None` for the embedded one.
    #[serde(with = "stored_path::option")]
    pub last_path: Option<PathBuf>,
    /// The view at exit, restored when the same dataset opens again.
    pub view: Option<TimeView>,
    pub dark: bool,
    /// Most recent first, absolute paths.
    #[serde(with = "stored_path::list")]
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
    /// Puts `path` first in the recent files, as an absolute path.
    pub fn add_recent(&mut self, path: &Path) {
        let path = absolute(path);
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    /// Remembers `path` as the open dataset and the most recent file, as an absolute path: a
    /// relative `base.json` remembered in one folder opened another folder's `base.json` the next
    /// time Claimline started somewhere else.
    pub fn remember_open(&mut self, path: &Path) {
        self.last_path = Some(absolute(path));
        self.add_recent(path);
    }

    /// What was read from a settings file, made safe to use: relative paths (written by older
    /// versions, whose folder is unknown now) are forgotten and the recent list is cut to
    /// [`RECENT_MAX`]. (A view that is not a finite range is clamped when it is applied.)
    pub fn sanitize(&mut self) {
        if self.last_path.as_ref().is_some_and(|p| !p.is_absolute()) {
            self.last_path = None;
        }
        self.recent.retain(|p| p.is_absolute());
        self.recent.truncate(RECENT_MAX);
    }
}

/// `path` made absolute against the working folder (without touching the disk), or as it is when
/// there is no working folder.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

/// Paths as the settings file stores them: text when they are Unicode, else their raw bytes
/// (UTF-16 units on Windows), so a file whose name is not UTF-8 is remembered as it is. A
/// `PathBuf` alone refuses to be written then, and every setting went unsaved while such a file
/// was in the recent list.
mod stored_path {
    use std::path::{Path, PathBuf};

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    struct Stored<'a>(&'a Path);

    impl Serialize for Stored<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            if let Some(text) = self.0.to_str() {
                return serializer.serialize_str(text);
            }
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt as _;
                serializer.collect_seq(self.0.as_os_str().as_bytes())
            }
            #[cfg(windows)]
            {
                use std::os::windows::ffi::OsStrExt as _;
                serializer.collect_seq(self.0.as_os_str().encode_wide())
            }
            #[cfg(not(any(unix, windows)))]
            {
                serializer.serialize_str(&self.0.to_string_lossy())
            }
        }
    }

    struct Owned(PathBuf);

    impl<'de> Deserialize<'de> for Owned {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visit;
            impl<'de> serde::de::Visitor<'de> for Visit {
                type Value = Owned;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a path: a string, or the bytes of a name that is not UTF-8")
                }
                fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Owned, E> {
                    Ok(Owned(PathBuf::from(text)))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> Result<Owned, A::Error> {
                    #[cfg(windows)]
                    type Unit = u16;
                    #[cfg(not(windows))]
                    type Unit = u8;
                    let mut units: Vec<Unit> = Vec::new();
                    while let Some(unit) = seq.next_element::<Unit>()? {
                        units.push(unit);
                    }
                    #[cfg(unix)]
                    let path = {
                        use std::os::unix::ffi::OsStringExt as _;
                        PathBuf::from(std::ffi::OsString::from_vec(units))
                    };
                    #[cfg(windows)]
                    let path = {
                        use std::os::windows::ffi::OsStringExt as _;
                        PathBuf::from(std::ffi::OsString::from_wide(&units))
                    };
                    #[cfg(not(any(unix, windows)))]
                    let path = PathBuf::from(String::from_utf8_lossy(&units).into_owned());
                    Ok(Owned(path))
                }
            }
            deserializer.deserialize_any(Visit)
        }
    }

    pub mod option {
        use super::{Deserialize, Deserializer, Owned, PathBuf, Serialize, Serializer, Stored};

        #[expect(
            clippy::ref_option,
            reason = "serde's `with` passes a reference to the field"
        )]
        pub fn serialize<S: Serializer>(
            path: &Option<PathBuf>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            path.as_deref().map(Stored).serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<PathBuf>, D::Error> {
            Ok(Option::<Owned>::deserialize(deserializer)?.map(|p| p.0))
        }
    }

    pub mod list {
        use super::{Deserialize, Deserializer, Owned, PathBuf, Serializer, Stored};

        pub fn serialize<S: Serializer>(
            paths: &[PathBuf],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(paths.iter().map(|p| Stored(p)))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<PathBuf>, D::Error> {
            Ok(Vec::<Owned>::deserialize(deserializer)?
                .into_iter()
                .map(|p| p.0)
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// eframe's storage, in memory: `eframe::set_value` writes RON as the settings file does.
    #[derive(Default)]
    struct Memory(std::collections::HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    /// `name` in a folder `d` at the root: `/d/NAME` on Unix, `C:\d\NAME` on Windows (where
    /// `/d/NAME` names no drive, so it is not absolute).
    fn absolute_in_d(name: impl AsRef<Path>) -> PathBuf {
        let root = if cfg!(windows) { r"C:\" } else { "/" };
        Path::new(root).join("d").join(name)
    }

    /// A file name the system allows that is not Unicode text: Latin-1 bytes on Unix, an unpaired
    /// UTF-16 surrogate on Windows.
    #[cfg(any(unix, windows))]
    fn not_unicode() -> PathBuf {
        #[cfg(unix)]
        let name = {
            use std::os::unix::ffi::OsStringExt as _;
            std::ffi::OsString::from_vec(b"caf\xe9.json".to_vec())
        };
        #[cfg(windows)]
        let name = {
            use std::os::windows::ffi::OsStringExt as _;
            let mut units: Vec<u16> = "caf".encode_utf16().collect();
            units.push(0xD800);
            units.extend(".json".encode_utf16());
            std::ffi::OsString::from_wide(&units)
        };
        let path = absolute_in_d(name);
        assert!(path.to_str().is_none());
        path
    }

    #[cfg(any(unix, windows))]
    #[test]
    fn a_file_name_that_is_not_unicode_is_remembered_and_does_not_stop_saving() {
        let odd = not_unicode();
        let mut r = Remembered::default();
        r.remember_open(&absolute_in_d("plain.json"));
        r.add_recent(&odd);
        r.dark = true;
        let mut storage = Memory::default();
        eframe::set_value(&mut storage, eframe::APP_KEY, &r);
        let back: Remembered = eframe::get_value(&storage, eframe::APP_KEY)
            .expect("the settings were written and read back");
        assert_eq!(back, r);
        assert_eq!(back.recent[0], odd);
    }

    #[test]
    fn remembered_paths_are_absolute_and_relative_ones_from_old_settings_are_dropped() {
        let mut r = Remembered::default();
        r.remember_open(Path::new("base.json"));
        let last = r.last_path.clone().unwrap();
        assert!(last.is_absolute(), "{}", last.display());
        assert!(last.ends_with("base.json"));
        assert_eq!(r.recent, [last]);

        let mut old = Remembered {
            last_path: Some(PathBuf::from("base.json")),
            recent: vec![PathBuf::from("base.json"), absolute_in_d("a.json")],
            ..Remembered::default()
        };
        old.sanitize();
        assert_eq!(old.last_path, None);
        assert_eq!(old.recent, [absolute_in_d("a.json")]);
    }

    #[test]
    fn recent_files_are_most_recent_first_without_duplicates_and_capped() {
        let mut r = Remembered::default();
        for i in 0..12 {
            r.add_recent(&absolute_in_d(format!("{i}.json")));
        }
        r.add_recent(&absolute_in_d("5.json"));
        assert_eq!(r.recent.len(), RECENT_MAX);
        assert_eq!(r.recent[0], absolute_in_d("5.json"));
        assert_eq!(r.recent[1], absolute_in_d("11.json"));
        assert_eq!(r.recent.iter().filter(|p| p.ends_with("5.json")).count(), 1);
    }
}
