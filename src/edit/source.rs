//! Sources made in the app: pasted text with a title, an outlet, a date and a web link.

use super::edits::SourceInfo;
use super::slug::{slug, unique_id};
use crate::load::limits::MAX_SOURCE_TEXT_BYTES;
use crate::model::{Dataset, Date, Source};

/// A source as the user gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceDraft {
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
    /// The text as pasted: kept exactly, since quotes are checked against it byte for byte.
    pub text: String,
}

/// Why a source cannot be made as given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("`{0}` is not a web link: give an http:// or https:// address")]
    NotWebLink(String),
    #[error("the text is empty")]
    EmptyText,
    #[error("the text is {bytes} bytes, more than the {MAX_SOURCE_TEXT_BYTES} a source may hold")]
    TooLong { bytes: usize },
}

/// A new source from `draft`, with an id made from its title (unique among the dataset's
/// sources) and its text's `sha256`. Its `text_file` is left for the save to choose.
pub fn new_source(dataset: &Dataset, draft: SourceDraft) -> Result<Source, SourceError> {
    let SourceDraft {
        title,
        outlet,
        published,
        url,
        text,
    } = draft;
    if text.trim().is_empty() {
        return Err(SourceError::EmptyText);
    }
    if text.len() as u64 > MAX_SOURCE_TEXT_BYTES {
        return Err(SourceError::TooLong { bytes: text.len() });
    }
    let info = source_info(SourceInfo {
        title,
        outlet,
        published,
        url,
        note: None,
    })?;
    let id = unique_id(&slug(&info.title, "source"), |id| {
        dataset.sources.iter().any(|s| s.id == id)
    });
    let sha256 = Some(crate::load::validate::sha256_hex(text.as_bytes()));
    Ok(Source {
        id,
        title: info.title,
        outlet: info.outlet,
        published: info.published,
        url: info.url,
        note: info.note,
        text: Some(text),
        text_file: None,
        sha256,
    })
}

/// `info` tidied for a source: blank fields left out, the title trimmed, and the URL checked to
/// be `http`/`https` (a link a stranger's file gives is only ever shown as text; one made here is
/// refused instead).
pub fn source_info(info: SourceInfo) -> Result<SourceInfo, SourceError> {
    let blank_out = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let url = blank_out(info.url);
    if let Some(url) = &url
        && !crate::model::link::is_web_link(url)
    {
        return Err(SourceError::NotWebLink(url.clone()));
    }
    Ok(SourceInfo {
        title: info.title.trim().to_owned(),
        outlet: blank_out(info.outlet),
        published: info.published,
        url,
        note: blank_out(info.note),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str, url: Option<&str>) -> SourceDraft {
        SourceDraft {
            title: title.into(),
            outlet: Some(" Reuters ".into()),
            published: Date::parse("2020-11-09").ok(),
            url: url.map(Into::into),
            text: "Peskov said Russia “has never interfered”.\r\n".into(),
        }
    }

    #[test]
    fn a_pasted_source_gets_an_id_a_hash_and_its_text_as_pasted() {
        let mut dataset = Dataset::default();
        let source = new_source(
            &dataset,
            draft("Kremlin denies it", Some("https://x.org/a")),
        )
        .unwrap();
        assert_eq!(source.id, "kremlin-denies-it");
        assert_eq!(source.outlet.as_deref(), Some("Reuters"));
        assert_eq!(
            source.text.as_deref(),
            Some("Peskov said Russia “has never interfered”.\r\n")
        );
        assert_eq!(
            source.sha256.as_deref(),
            Some(
                crate::load::validate::sha256_hex(source.text.as_deref().unwrap().as_bytes())
                    .as_str()
            )
        );
        assert_eq!(source.text_file, None);
        dataset.sources.push(source);
        let again = new_source(&dataset, draft("Kremlin denies it", None)).unwrap();
        assert_eq!(again.id, "kremlin-denies-it-2");
    }

    #[test]
    fn only_web_links_are_taken() {
        let dataset = Dataset::default();
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "www.example.org",
        ] {
            assert_eq!(
                new_source(&dataset, draft("T", Some(bad))),
                Err(SourceError::NotWebLink(bad.into()))
            );
        }
        assert!(
            new_source(&dataset, draft("T", Some("  ")))
                .unwrap()
                .url
                .is_none()
        );
        let mut empty = draft("T", None);
        empty.text = " \n".into();
        assert_eq!(new_source(&dataset, empty), Err(SourceError::EmptyText));
    }
}
