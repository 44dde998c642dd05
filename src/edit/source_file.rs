//! A source's text read from a file: `.txt` and `.md` as they are, `.html` as the plain text a
//! reader sees (through the importer's HTML handling), with a title to start from.

use std::path::Path;

use super::source::SourceError;
use crate::load::limits::MAX_SOURCE_TEXT_BYTES;

/// A text read for a new source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    pub text: String,
    /// The page's `<title>`, a Markdown file's first heading, or the file's name.
    pub title: String,
}

/// Reads `path` as a source's text. Any other extension is read as plain text.
pub fn read_source_text(path: &Path) -> Result<SourceText, SourceError> {
    let unreadable = |error: String| SourceError::Unreadable {
        path: path.display().to_string(),
        error,
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(unreadable("not a regular file".to_owned()));
    }
    if meta.len() > MAX_SOURCE_TEXT_BYTES {
        return Err(SourceError::TooLong {
            bytes: usize::try_from(meta.len()).unwrap_or(usize::MAX),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let raw = String::from_utf8(bytes).map_err(|e| {
        unreadable(format!(
            "not UTF-8 text (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(match extension.as_str() {
        "html" | "htm" | "xhtml" => SourceText {
            title: html_title(raw).unwrap_or(stem),
            text: crate::load::timelinejs::html::plain_text(raw),
        },
        "md" | "markdown" => SourceText {
            title: raw
                .lines()
                .find_map(|l| l.trim().strip_prefix('#'))
                .map(|h| h.trim_start_matches('#').trim().to_owned())
                .filter(|h| !h.is_empty())
                .unwrap_or(stem),
            text: raw.to_owned(),
        },
        _ => SourceText {
            title: stem,
            text: raw.to_owned(),
        },
    })
}

/// The text of a page's `<title>`, if it has one.
fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let title = crate::load::timelinejs::html::plain_line(html.get(start..end)?);
    (!title.trim().is_empty()).then(|| title.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_the_text_a_reader_sees_with_its_title() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("peskov.html");
        std::fs::write(
            &page,
            "<html><head><title>Kremlin denies &amp; rejects</title><style>p{}</style></head>\
             <body><p>Peskov said it was <b>“absurd”</b>.</p><script>x()</script><p>Next.</p>\
             </body></html>",
        )
        .unwrap();
        let read = read_source_text(&page).unwrap();
        assert_eq!(read.title, "Kremlin denies & rejects");
        assert!(
            read.text.contains("Peskov said it was “absurd”."),
            "{:?}",
            read.text
        );
        assert!(!read.text.contains("x()") && !read.text.contains("<b>"));

        let md = dir.path().join("notes_2020.md");
        std::fs::write(&md, "\u{feff}# A heading\n\nIt’s over.\n").unwrap();
        let read = read_source_text(&md).unwrap();
        assert_eq!(read.title, "A heading");
        assert_eq!(
            read.text, "# A heading\n\nIt’s over.\n",
            "Markdown is kept as written"
        );

        let txt = dir.path().join("wire-copy.txt");
        std::fs::write(&txt, [0xff, 0xfe, 0x41]).unwrap();
        assert!(matches!(
            read_source_text(&txt),
            Err(SourceError::Unreadable { .. })
        ));
    }
}
