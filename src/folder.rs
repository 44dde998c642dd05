//! A folder as the built-in file browser shows it: read with a cap on entries, sorted with the files
//! the user is looking for first, and a typed or pasted path resolved the way a shell would.
//!
//! The browser stands in for the system's file dialog where there is none (a Linux session with no
//! XDG desktop portal). No egui here: the view in `app::file_browser` only draws a [`Listing`].

use std::cmp::Ordering;
use std::path::{Component, Path, PathBuf};

/// At most this many entries of a folder are read: a folder of a million files would otherwise
/// take seconds to list and longer to sort, and nobody scrolls through them.
pub const MAX_ENTRIES: usize = 10_000;

/// The extensions of files Claimline opens as datasets.
pub const DATASET_EXTENSIONS: [&str; 2] = ["json", "csv"];

/// What an entry is, for sorting and for its icon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    /// A file with one of the extensions asked for (a dataset when opening, an image when saving).
    Wanted,
    /// A folder (or a link to one): somewhere to go.
    Folder,
    /// Any other file: listed, so the folder does not look emptier than it is.
    Other,
}

/// One name in a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name as shown (lossy for names that are not UTF-8).
    pub name: String,
    /// The full path, kept as the system gave it, so even an oddly named file opens.
    pub path: PathBuf,
    pub kind: EntryKind,
}

impl Entry {
    /// Dot files, hidden by default as file managers do.
    pub fn is_hidden(&self) -> bool {
        self.name.starts_with('.')
    }
}

/// A folder's entries, sorted: wanted files, then folders, then other files, each by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// The folder listed.
    pub folder: PathBuf,
    /// Sorted by [`sort_entries`], hidden ones included.
    pub entries: Vec<Entry>,
    /// The folder has more entries than were read ([`MAX_ENTRIES`]); the user is told, and can
    /// still type any name.
    pub truncated: bool,
}

/// A folder that could not be listed, with the folder named.
#[derive(Debug, thiserror::Error)]
#[error("cannot list {}: {error}", .folder.display())]
pub struct FolderError {
    /// The folder that could not be listed.
    pub folder: PathBuf,
    /// Why (missing, not a folder, no permission).
    #[source]
    pub error: std::io::Error,
}

impl Listing {
    /// The entries to show: hidden ones only when asked for.
    pub fn visible(&self, show_hidden: bool) -> impl Iterator<Item = &Entry> {
        self.entries
            .iter()
            .filter(move |e| show_hidden || !e.is_hidden())
    }

    /// How many entries of each kind are shown, for the line under the list.
    pub fn counts(&self, show_hidden: bool) -> [usize; 3] {
        let mut counts = [0; 3];
        for entry in self.visible(show_hidden) {
            let slot = match entry.kind {
                EntryKind::Wanted => counts.get_mut(0),
                EntryKind::Folder => counts.get_mut(1),
                EntryKind::Other => counts.get_mut(2),
            };
            if let Some(slot) = slot {
                *slot += 1;
            }
        }
        counts
    }
}

/// Reads at most `max_entries` entries of `folder`, sorted by [`sort_entries`]. Files count as
/// wanted when their extension is one of `wanted` (compared without case).
///
/// Runs on a background thread: a folder on a slow network share can take a while.
pub fn read_folder(
    folder: &Path,
    wanted: &[&str],
    max_entries: usize,
) -> Result<Listing, FolderError> {
    let error = |error| FolderError {
        folder: folder.to_owned(),
        error,
    };
    let mut entries = Vec::new();
    let mut truncated = false;
    for entry in std::fs::read_dir(folder).map_err(error)? {
        // An entry that vanished or cannot be read is left out, not the whole folder.
        let Ok(entry) = entry else { continue };
        if entries.len() >= max_entries {
            truncated = true;
            break;
        }
        let path = entry.path();
        // The type from the directory entry is free on most systems; only links need a look at
        // what they point to.
        let is_dir = match entry.file_type() {
            Ok(t) if t.is_symlink() => path.is_dir(),
            Ok(t) => t.is_dir(),
            Err(_) => false,
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = if is_dir {
            EntryKind::Folder
        } else if has_extension(&name, wanted) {
            EntryKind::Wanted
        } else {
            EntryKind::Other
        };
        entries.push(Entry { name, path, kind });
    }
    sort_entries(&mut entries);
    Ok(Listing {
        folder: folder.to_owned(),
        entries,
        truncated,
    })
}

/// Wanted files first, then folders, then the rest; by name within each, ignoring case, with
/// numbers in names compared as numbers (`day2` before `day10`).
pub fn sort_entries(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| natural_cmp(&a.name, &b.name))
    });
}

/// True when `name` ends in `.ext` for one of `extensions`, ignoring case.
pub fn has_extension(name: &str, extensions: &[&str]) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|w| w.eq_ignore_ascii_case(e)))
}

/// The folder above `folder`, if there is one (none above `/`).
pub fn parent_folder(folder: &Path) -> Option<PathBuf> {
    folder.parent().map(Path::to_path_buf)
}

/// The path the user means by what they typed or pasted into the path field, relative to the
/// folder being shown. Surrounding spaces and quotes are dropped (paths copied from a terminal
/// often carry them), `file://` URLs from file managers become paths, `~` is the home folder, and
/// `.` / `..` are resolved by name. `None` for an empty field.
pub fn resolve_typed_path(typed: &str, folder: &Path, home: Option<&Path>) -> Option<PathBuf> {
    let mut text = typed.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            text = inner;
        }
    }
    let decoded;
    if let Some(url_path) = text.strip_prefix("file://") {
        decoded = percent_decode(url_path);
        text = &decoded;
    }
    if text.is_empty() {
        return None;
    }
    let path = match (text.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_owned(),
        (Some(rest), Some(home)) if rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => folder.join(text),
    };
    Some(normalize(&path))
}

/// `path` with `.extension` added when it has no extension, so a name typed in a save box gets
/// the format it will be written in (`timeline` → `timeline.png`), and one that has any is kept.
pub fn with_default_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(extension)
    }
}

/// `a/./b/../c` → `a/c`, by name only (no links followed), so the path field shows where the
/// user is rather than how they got there.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `%20` → space, for `file://` URLs; a malformed escape is kept as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let escaped = (byte == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let Some(value) = escaped {
            out.push(value);
            i += 3;
        } else {
            out.push(byte);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Compares names ignoring case, with runs of digits compared by value.
fn natural_cmp(a: &str, b: &str) -> Ordering {
    let mut a_chars = a.chars().peekable();
    let mut b_chars = b.chars().peekable();
    loop {
        match (a_chars.peek().copied(), b_chars.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let x_digits = take_digits(&mut a_chars);
                let y_digits = take_digits(&mut b_chars);
                let x_value = x_digits.trim_start_matches('0');
                let y_value = y_digits.trim_start_matches('0');
                let order = x_value
                    .len()
                    .cmp(&y_value.len())
                    .then_with(|| x_value.cmp(y_value));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(x), Some(y)) => {
                let order = x.to_lowercase().cmp(y.to_lowercase());
                if order != Ordering::Equal {
                    return order;
                }
                a_chars.next();
                b_chars.next();
            }
        }
    }
}

fn take_digits(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut digits = String::new();
    while let Some(&c) = chars.peek() {
        if !c.is_ascii_digit() {
            break;
        }
        digits.push(c);
        chars.next();
    }
    digits
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

    use super::*;

    fn entry(name: &str, kind: EntryKind) -> Entry {
        Entry {
            name: name.to_owned(),
            path: PathBuf::from("/d").join(name),
            kind,
        }
    }

    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn datasets_come_first_then_folders_then_other_files_each_by_name() {
        let mut entries = vec![
            entry("notes.txt", EntryKind::Other),
            entry("zeta", EntryKind::Folder),
            entry("b.csv", EntryKind::Wanted),
            entry("Alpha", EntryKind::Folder),
            entry("A.json", EntryKind::Wanted),
        ];
        sort_entries(&mut entries);
        assert_eq!(
            names(&entries),
            ["A.json", "b.csv", "Alpha", "zeta", "notes.txt"]
        );
    }

    #[test]
    fn numbers_in_names_sort_by_value() {
        let mut entries = vec![
            entry("day10.json", EntryKind::Wanted),
            entry("day2.json", EntryKind::Wanted),
            entry("day02b.json", EntryKind::Wanted),
        ];
        sort_entries(&mut entries);
        assert_eq!(names(&entries), ["day2.json", "day02b.json", "day10.json"]);
    }

    #[test]
    fn extensions_match_without_case() {
        assert!(has_extension("CLAIMS.JSON", &DATASET_EXTENSIONS));
        assert!(has_extension("sheet.csv", &DATASET_EXTENSIONS));
        assert!(!has_extension("json", &DATASET_EXTENSIONS));
        assert!(!has_extension("claims.json.txt", &DATASET_EXTENSIONS));
    }

    #[test]
    fn the_parent_of_the_root_is_none() {
        assert_eq!(parent_folder(Path::new("/a/b")), Some(PathBuf::from("/a")));
        assert_eq!(parent_folder(Path::new("/")), None);
    }

    #[test]
    fn typed_paths_resolve_like_a_shell() {
        let folder = Path::new("/data/claims");
        let home = Some(Path::new("/home/ana"));
        let resolve = |typed| resolve_typed_path(typed, folder, home);
        assert_eq!(resolve("  "), None);
        assert_eq!(
            resolve("x.json"),
            Some(PathBuf::from("/data/claims/x.json"))
        );
        assert_eq!(resolve("../y.csv"), Some(PathBuf::from("/data/y.csv")));
        assert_eq!(resolve("/tmp/./z.json"), Some(PathBuf::from("/tmp/z.json")));
        assert_eq!(resolve("~"), Some(PathBuf::from("/home/ana")));
        assert_eq!(resolve("~/t.json"), Some(PathBuf::from("/home/ana/t.json")));
        assert_eq!(
            resolve("~other/t.json"),
            Some(PathBuf::from("/data/claims/~other/t.json")),
            "only a bare ~ is the home folder"
        );
        assert_eq!(
            resolve(" '/tmp/with space.json' "),
            Some(PathBuf::from("/tmp/with space.json"))
        );
        assert_eq!(
            resolve("\"/tmp/q.json\""),
            Some(PathBuf::from("/tmp/q.json"))
        );
        assert_eq!(
            resolve("file:///tmp/with%20space.json"),
            Some(PathBuf::from("/tmp/with space.json"))
        );
        assert_eq!(
            resolve("file:///tmp/100%.json"),
            Some(PathBuf::from("/tmp/100%.json")),
            "a stray % stays"
        );
    }

    #[test]
    fn a_saved_name_without_an_extension_gets_the_format_s() {
        let ext = |p: &str| with_default_extension(PathBuf::from(p), "png");
        assert_eq!(ext("/t/timeline"), PathBuf::from("/t/timeline.png"));
        assert_eq!(ext("/t/timeline.svg"), PathBuf::from("/t/timeline.svg"));
        assert_eq!(
            ext("/t/v1.2"),
            PathBuf::from("/t/v1.2"),
            "any extension is kept"
        );
    }

    #[test]
    fn a_folder_is_read_sorted_and_capped() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.json", "a.CSV", "readme.md", ".hidden.json"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();

        let listing = read_folder(dir.path(), &DATASET_EXTENSIONS, MAX_ENTRIES).unwrap();
        assert!(!listing.truncated);
        assert_eq!(
            names(&listing.entries),
            [".hidden.json", "a.CSV", "b.json", "sub", "readme.md"]
        );
        let shown: Vec<_> = listing.visible(false).map(|e| e.name.as_str()).collect();
        assert_eq!(shown, ["a.CSV", "b.json", "sub", "readme.md"]);
        assert_eq!(listing.counts(false), [2, 1, 1]);
        assert_eq!(listing.counts(true), [3, 1, 1]);

        let capped = read_folder(dir.path(), &DATASET_EXTENSIONS, 3).unwrap();
        assert!(capped.truncated);
        assert_eq!(capped.entries.len(), 3);
    }

    #[test]
    fn a_missing_folder_is_an_error_that_names_it() {
        let error = read_folder(Path::new("/no/such/folder"), &DATASET_EXTENSIONS, 10).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("cannot list /no/such/folder:"),
            "{error}"
        );
    }
}
