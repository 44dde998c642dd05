//! Sources: each text read from its file within the budget for all texts, its link and its hash.

use foldhash::{HashMap, HashMapExt as _};
use sha2::{Digest as _, Sha256};

use super::super::finding::{Finding, Findings, Place};
use super::super::limits::MAX_SOURCE_TEXTS_BYTES;
use super::super::position::member_path;
use super::super::source_text::SourceTexts;
use super::item_path;
use crate::model::Source;

/// Checks a source once its text is read: its URL and its text's hash, for a load and for an edit.
pub(crate) fn check_source(
    source: &Source,
    path: &str,
    at: impl Fn(&str) -> Place,
    findings: &mut Vec<Finding>,
) {
    let field = |base: &str, name: &str| member_path(base, name);
    // Only http(s) is a link; anything else is shown as text, and said so here.
    if let Some(url) = source.url.as_deref().filter(|u| !u.is_empty())
        && !crate::model::link::is_web_link(url)
    {
        let p = field(path, "url");
        findings.push(Finding::warning(
            at(&p),
            p,
            format!(
                "url `{url}` of source `{}` is not an http(s) link; it is shown as text and \
                 never opened",
                source.id
            ),
        ));
    }
    if let (Some(expected), Some(text)) = (&source.sha256, &source.text) {
        let actual = hex(&Sha256::digest(text.as_bytes()));
        if !expected.eq_ignore_ascii_case(&actual) {
            let p = field(path, "sha256");
            findings.push(Finding::error(
                at(&p),
                p,
                format!("sha256 mismatch for source `{}`: the text hashes to {actual}, the dataset says {expected}", source.id),
            ));
        }
    }
}

/// Fills each source's `text` from its `text_file`. A file named by several sources is read once
/// and copied, and every text held (copies included) counts against
/// [`MAX_SOURCE_TEXTS_BYTES`]: a 6 KB file whose 100 sources all named one 50 MB text read it 100
/// times and aborted on a failed allocation.
pub(super) fn read_source_texts(
    sources: &mut [crate::model::Source],
    source_paths: &[String],
    texts: &dyn SourceTexts,
    at: &dyn Fn(&str) -> Place,
    findings: &mut Findings,
) {
    // The file each source takes its text from, as a clean relative path, so `a.txt` and
    // `./a.txt` are one file.
    let key = |file: &str| {
        super::super::source_text::confined_relative_path(file)
            .map_or_else(|_| file.to_owned(), |p| p.to_string_lossy().into_owned())
    };
    // The first source that took each file's text, or the message of why it could not be read.
    let mut done: HashMap<String, Result<usize, String>> = HashMap::new();
    let mut held: u64 = 0;
    for i in 0..sources.len() {
        let path = item_path(source_paths, "sources", i);
        let p = member_path(&path, "text_file");
        let Some(source) = sources.get(i) else { break };
        let file = match (&source.text, &source.text_file) {
            (Some(_), Some(_)) => {
                findings.push(Finding::error(
                    at(&p),
                    p,
                    "give `text` or `text_file`, not both",
                ));
                continue;
            }
            (None, Some(file)) => file.clone(),
            // A source without text is fine on its own (a TimelineJS media link is one by
            // design); each quote that cites it is reported instead.
            (_, None) => continue,
        };
        let key = key(&file);
        let text = match done.get(&key) {
            Some(Err(message)) => {
                findings.push(Finding::error(at(&p), p, message.clone()));
                continue;
            }
            Some(Ok(first)) => {
                let Some(text) = sources.get(*first).and_then(|s| s.text.as_ref()) else {
                    continue;
                };
                if held + text.len() as u64 > MAX_SOURCE_TEXTS_BYTES {
                    findings.push(over_texts(at(&p), p, &file, text.len(), held));
                    continue;
                }
                // Copied fallibly: a failed allocation is this source's error, not an abort.
                let mut copy = String::new();
                if copy.try_reserve_exact(text.len()).is_err() {
                    let error = super::super::memory::out_of_memory(text.len());
                    findings.push(Finding::error(
                        at(&p),
                        p,
                        format!("`{}`: {error}", super::super::limits::quoted(&file)),
                    ));
                    continue;
                }
                copy.push_str(text);
                copy
            }
            None if held >= MAX_SOURCE_TEXTS_BYTES => {
                findings.push(over_texts(at(&p), p, &file, 0, held));
                continue;
            }
            None => match texts.read(&file) {
                Ok(text) if held + text.len() as u64 > MAX_SOURCE_TEXTS_BYTES => {
                    findings.push(over_texts(at(&p), p, &file, text.len(), held));
                    continue;
                }
                Ok(text) => {
                    done.insert(key, Ok(i));
                    text
                }
                Err(error) => {
                    let message = error.to_string();
                    done.insert(key, Err(message.clone()));
                    findings.push(Finding::error(at(&p), p, message));
                    continue;
                }
            },
        };
        held += text.len() as u64;
        if let Some(source) = sources.get_mut(i) {
            source.text = Some(text);
        }
    }
}

/// The finding for a source text past [`MAX_SOURCE_TEXTS_BYTES`].
fn over_texts(place: Place, path: String, file: &str, len: usize, held: u64) -> Finding {
    let size = if len == 0 {
        String::new()
    } else {
        format!(" ({len} bytes)")
    };
    Finding::error(
        place,
        path,
        format!(
            "text_file `{}`{size} is not read: the source texts before it hold {held} bytes, \
             and one dataset's texts may hold at most {MAX_SOURCE_TEXTS_BYTES} bytes \
             (MAX_SOURCE_TEXTS_BYTES), a file named by several sources counting once for each",
            super::super::limits::quoted(file)
        ),
    )
}

/// Hex SHA-256 of a file's bytes, kept with the loaded document for export provenance.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes (a digest) as lowercase hex, as `sha256` fields hold them.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
