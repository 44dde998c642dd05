//! Finding a quote in its source, verbatim.
//!
//! This is the check the product stands on, so it is deliberately strict: the exact characters, the
//! exact whitespace, no case folding, no Unicode normalisation, no fuzzy look-alike. A quote that
//! differs from its source by one curly apostrophe is not found, and is shown as not found.

use super::Quote;

/// Where a quote sits in its source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteMatch {
    /// Exactly one occurrence fits the quote and its prefix/suffix; byte range into the text.
    Found { start: usize, end: usize },
    /// Several occurrences fit and nothing picks one; the first is used for display.
    Ambiguous {
        start: usize,
        end: usize,
        count: usize,
    },
    /// `exact` occurs, but never with the given prefix/suffix around it.
    ContextMismatch { occurrences: usize },
    /// `exact` does not occur in the text (or is empty).
    NotFound,
}

impl QuoteMatch {
    /// The byte range to highlight, when there is one.
    pub fn range(self) -> Option<std::ops::Range<usize>> {
        match self {
            Self::Found { start, end } | Self::Ambiguous { start, end, .. } => Some(start..end),
            Self::ContextMismatch { .. } | Self::NotFound => None,
        }
    }

    /// True when the words are in the source (found, or found more than once).
    pub fn is_verified(self) -> bool {
        self.range().is_some()
    }
}

/// Locates `quote` in `text`. Overlapping occurrences count: "aa" occurs twice in "aaa".
pub fn locate_quote(text: &str, quote: &Quote) -> QuoteMatch {
    let exact = quote.exact.as_str();
    if exact.is_empty() {
        return QuoteMatch::NotFound;
    }
    let mut occurrences = 0;
    let mut fitting = Vec::new();
    let mut from = 0;
    while let Some(offset) = text.get(from..).and_then(|rest| rest.find(exact)) {
        let start = from + offset;
        let end = start + exact.len();
        occurrences += 1;
        let prefix_fits = quote
            .prefix
            .as_deref()
            .is_none_or(|p| text[..start].ends_with(p));
        let suffix_fits = quote
            .suffix
            .as_deref()
            .is_none_or(|s| text[end..].starts_with(s));
        if prefix_fits && suffix_fits {
            fitting.push(start);
        }
        // Step one character, not one match, so overlapping occurrences are seen.
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    match fitting.as_slice() {
        [] if occurrences == 0 => QuoteMatch::NotFound,
        [] => QuoteMatch::ContextMismatch { occurrences },
        [start] => QuoteMatch::Found {
            start: *start,
            end: start + exact.len(),
        },
        [start, ..] => QuoteMatch::Ambiguous {
            start: *start,
            end: start + exact.len(),
            count: fitting.len(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Peskov said Russia “has never interfered”. Later, Peskov said Russia \
                        “has never interfered” again. It’s over.";

    fn q(exact: &str, prefix: Option<&str>, suffix: Option<&str>) -> Quote {
        Quote {
            exact: exact.into(),
            prefix: prefix.map(Into::into),
            suffix: suffix.map(Into::into),
        }
    }

    #[test]
    fn a_unique_quote_is_found_at_its_place() {
        let m = locate_quote(TEXT, &q("It’s over.", None, None));
        let range = m.range().unwrap();
        assert_eq!(&TEXT[range], "It’s over.");
        assert!(matches!(m, QuoteMatch::Found { .. }));
    }

    #[test]
    fn a_repeated_quote_without_context_is_ambiguous() {
        let m = locate_quote(TEXT, &q("“has never interfered”", None, None));
        assert!(matches!(m, QuoteMatch::Ambiguous { count: 2, .. }), "{m:?}");
        assert!(m.is_verified());
    }

    #[test]
    fn prefix_or_suffix_picks_one_occurrence() {
        let second = locate_quote(
            TEXT,
            &q(
                "“has never interfered”",
                Some("Later, Peskov said Russia "),
                None,
            ),
        );
        let by_suffix = locate_quote(TEXT, &q("“has never interfered”", None, Some(" again")));
        assert_eq!(second, by_suffix);
        let first = locate_quote(TEXT, &q("“has never interfered”", None, Some(".")));
        match (first, second) {
            (QuoteMatch::Found { start: a, .. }, QuoteMatch::Found { start: b, .. }) => {
                assert!(a < b);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn context_that_fits_no_occurrence_is_reported() {
        let m = locate_quote(
            TEXT,
            &q("“has never interfered”", Some("Putin said "), None),
        );
        assert_eq!(m, QuoteMatch::ContextMismatch { occurrences: 2 });
        assert!(!m.is_verified());
    }

    #[test]
    fn absent_words_are_not_found() {
        assert_eq!(
            locate_quote(TEXT, &q("has always interfered", None, None)),
            QuoteMatch::NotFound
        );
        assert_eq!(locate_quote(TEXT, &q("", None, None)), QuoteMatch::NotFound);
    }

    #[test]
    fn whitespace_differences_are_rejected() {
        assert_eq!(
            locate_quote(TEXT, &q("Peskov  said", None, None)),
            QuoteMatch::NotFound
        );
        assert_eq!(
            locate_quote(TEXT, &q("Peskov\nsaid", None, None)),
            QuoteMatch::NotFound
        );
        assert_eq!(
            locate_quote(TEXT, &q(" It’s over. ", None, None)),
            QuoteMatch::NotFound
        );
    }

    #[test]
    fn look_alike_characters_are_rejected() {
        assert_eq!(
            locate_quote(TEXT, &q("It's over.", None, None)),
            QuoteMatch::NotFound
        );
        assert_eq!(
            locate_quote(TEXT, &q("\"has never interfered\"", None, None)),
            QuoteMatch::NotFound
        );
        assert_eq!(
            locate_quote(TEXT, &q("peskov said", None, None)),
            QuoteMatch::NotFound
        );
    }

    #[test]
    fn overlapping_occurrences_count() {
        assert!(matches!(
            locate_quote("aaa", &q("aa", None, None)),
            QuoteMatch::Ambiguous { count: 2, .. }
        ));
    }
}
