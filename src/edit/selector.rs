//! A citation from a selection: the W3C `TextQuoteSelector` of a passage of a source.
//!
//! The selector holds the selected words (`exact`), and the shortest `prefix` and `suffix` that
//! make them unique in their source, so the words are found again at the place the user selected
//! and nowhere else. The selector is then checked by the same locator that checks every quote when
//! a file loads ([`crate::model::locate_quote`]), so a citation made here is ✔ on the spot.

use std::ops::Range;

use crate::model::{Quote, QuoteMatch, locate_quote};

/// The most context taken on each side, in bytes. Two passages that agree for longer than this
/// on both sides are the same passage repeated (a boilerplate paragraph); the citation is then
/// ambiguous, and validation says so.
pub const MAX_CONTEXT_BYTES: usize = 256;

/// Why a selection cannot be cited.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("nothing is selected")]
    Empty,
    #[error("the selection {start}..{end} is outside a text of {len} bytes")]
    OutOfText {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("the selection {start}..{end} cuts a character in two")]
    NotOnCharacters { start: usize, end: usize },
    #[error("the selection has only spaces or invisible characters")]
    Invisible,
}

/// A selector made from a selection, and where the locator finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selected {
    pub quote: Quote,
    /// `Found` at the selection, unless the passage repeats beyond [`MAX_CONTEXT_BYTES`] of
    /// context (`Ambiguous`).
    pub found: QuoteMatch,
}

/// The selector of bytes `range` of `text`: `exact` is the selected text as it is, and `prefix`
/// and `suffix` the shortest context (fewest bytes together, then the shorter prefix) that no
/// other occurrence of `exact` shares. A passage that occurs once gets no context at all.
pub fn selector_from_selection(
    text: &str,
    range: Range<usize>,
) -> Result<Selected, SelectionError> {
    let Range { start, end } = range;
    if start >= end {
        return Err(SelectionError::Empty);
    }
    let exact = text.get(start..end).ok_or(if end > text.len() {
        SelectionError::OutOfText {
            start,
            end,
            len: text.len(),
        }
    } else {
        SelectionError::NotOnCharacters { start, end }
    })?;
    if crate::model::visible_text::is_invisible(exact) {
        return Err(SelectionError::Invisible);
    }
    let bytes = text.as_bytes();
    let before = bytes.get(..start).unwrap_or_default();
    let after = bytes.get(end..).unwrap_or_default();
    // How far each other occurrence agrees with the selection's context, before and after.
    let mut others: Vec<(usize, usize)> = Vec::new();
    crate::model::quote::each_occurrence(bytes, exact.as_bytes(), |at| {
        if at != start {
            let other_before = bytes.get(..at).unwrap_or_default();
            let other_after = bytes.get(at + exact.len()..).unwrap_or_default();
            others.push((
                common_suffix(before, other_before, MAX_CONTEXT_BYTES),
                common_prefix(after, other_after, MAX_CONTEXT_BYTES),
            ));
        }
    });
    let (prefix_len, suffix_len) = shortest_context(&mut others, before.len(), after.len());
    let prefix_from = floor_char_boundary(text, start - prefix_len.min(start));
    let suffix_to = ceil_char_boundary(text, (end + suffix_len).min(text.len()));
    let quote = Quote {
        exact: exact.to_owned(),
        prefix: text
            .get(prefix_from..start)
            .filter(|p| !p.is_empty())
            .map(str::to_owned),
        suffix: text
            .get(end..suffix_to)
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
    };
    let found = locate_quote(text, &quote);
    Ok(Selected { quote, found })
}

/// The fewest context bytes `(prefix, suffix)` such that every other occurrence disagrees within
/// them on one side: an occurrence agreeing for `(p, s)` bytes is told apart by a prefix longer
/// than `p` or a suffix longer than `s`. Context past the ends of the text, or past
/// [`MAX_CONTEXT_BYTES`], cannot be had; when nothing tells some occurrence apart, the most
/// context there is.
fn shortest_context(
    others: &mut [(usize, usize)],
    room_before: usize,
    room_after: usize,
) -> (usize, usize) {
    if others.is_empty() {
        return (0, 0);
    }
    let max_prefix = room_before.min(MAX_CONTEXT_BYTES);
    let max_suffix = room_after.min(MAX_CONTEXT_BYTES);
    // Candidate prefix lengths: none, or one more than some occurrence's agreement. For each, the
    // suffix must outrun every occurrence the prefix does not.
    others.sort_unstable_by_key(|o| std::cmp::Reverse(o.0));
    let mut best: Option<(usize, usize)> = None;
    let mut consider = |p: usize, s: usize| {
        if p <= max_prefix && s <= max_suffix {
            let better = best.is_none_or(|(bp, bs)| (p + s, p) < (bp + bs, bp));
            if better {
                best = Some((p, s));
            }
        }
    };
    // With a prefix of `p`, the occurrences still matching are those agreeing for `p` or more
    // bytes before: `others[..k]` in this order. Walk `p` down through the candidates.
    let mut suffix_needed = 0;
    let mut k = 0;
    let mut candidates: Vec<usize> = others.iter().map(|o| o.0 + 1).collect();
    candidates.push(0);
    candidates.dedup();
    for p in candidates {
        while let Some(&(agree_before, agree_after)) = others.get(k) {
            if agree_before < p {
                break;
            }
            suffix_needed = suffix_needed.max(agree_after + 1);
            k += 1;
        }
        consider(p, suffix_needed);
    }
    best.unwrap_or((max_prefix, max_suffix))
}

/// How many bytes `a` and `b` end with in common, up to `max`.
fn common_suffix(a: &[u8], b: &[u8], max: usize) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take(max + 1)
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many bytes `a` and `b` start with in common, up to `max`.
fn common_prefix(a: &[u8], b: &[u8], max: usize) -> usize {
    a.iter()
        .zip(b)
        .take(max + 1)
        .take_while(|(x, y)| x == y)
        .count()
}

/// The char boundary at or before `at`.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at`.
fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at.min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Peskov said Russia “has never interfered”. Later, Peskov said Russia \
                        “has never interfered” again. It’s over.";

    fn select(text: &str, exact: &str, nth: usize) -> Selected {
        let start = text.match_indices(exact).nth(nth).unwrap().0;
        selector_from_selection(text, start..start + exact.len()).unwrap()
    }

    #[test]
    fn a_passage_that_occurs_once_needs_no_context() {
        let s = select(TEXT, "It’s over.", 0);
        assert_eq!(s.quote.prefix, None);
        assert_eq!(s.quote.suffix, None);
        assert!(matches!(s.found, QuoteMatch::Found { .. }));
    }

    #[test]
    fn a_repeated_passage_gets_the_shortest_context_that_picks_it() {
        let exact = "“has never interfered”";
        let first = select(TEXT, exact, 0);
        let second = select(TEXT, exact, 1);
        // The first is followed by "." and the second by " ": one byte of suffix each.
        assert_eq!(first.quote.prefix, None);
        assert_eq!(first.quote.suffix.as_deref(), Some("."));
        assert_eq!(second.quote.prefix, None);
        assert_eq!(second.quote.suffix.as_deref(), Some(" "));
        for (selected, nth) in [(first, 0), (second, 1)] {
            let start = TEXT.match_indices(exact).nth(nth).unwrap().0;
            assert_eq!(
                selected.found,
                QuoteMatch::Found {
                    start,
                    end: start + exact.len()
                }
            );
        }
    }

    #[test]
    fn no_shorter_context_is_unique() {
        // Brute force over every prefix and suffix length: none shorter picks the selection.
        let text = "ab ab ab xab aby ab";
        for (start, _) in text.match_indices("ab") {
            let s = selector_from_selection(text, start..start + 2).unwrap();
            assert_eq!(
                s.found,
                QuoteMatch::Found {
                    start,
                    end: start + 2
                },
                "{start}"
            );
            let p = s.quote.prefix.as_deref().map_or(0, str::len);
            let x = s.quote.suffix.as_deref().map_or(0, str::len);
            for total in 0..p + x {
                for pp in 0..=total.min(start) {
                    let ss = total - pp;
                    if start + 2 + ss > text.len() {
                        continue;
                    }
                    let quote = Quote {
                        exact: "ab".into(),
                        prefix: Some(text[start - pp..start].to_owned()),
                        suffix: Some(text[start + 2..start + 2 + ss].to_owned()),
                    };
                    assert!(
                        !matches!(locate_quote(text, &quote), QuoteMatch::Found { .. }),
                        "{start}: ({pp}, {ss}) is shorter than ({p}, {x}) and unique"
                    );
                }
            }
        }
    }

    #[test]
    fn context_never_cuts_a_character() {
        // `é` and `è` share their first byte: one byte of prefix would cut `è` in two.
        let text = "éX èX";
        let start = text.rfind('X').unwrap();
        let s = selector_from_selection(text, start..start + 1).unwrap();
        assert_eq!(s.quote.prefix.as_deref(), Some("è"));
        assert_eq!(s.quote.suffix, None);
        assert_eq!(
            s.found,
            QuoteMatch::Found {
                start,
                end: start + 1
            }
        );
    }

    #[test]
    fn a_selection_that_is_empty_outside_or_mid_character_is_refused() {
        assert_eq!(
            selector_from_selection(TEXT, 3..3),
            Err(SelectionError::Empty)
        );
        assert!(matches!(
            selector_from_selection(TEXT, 0..TEXT.len() + 1),
            Err(SelectionError::OutOfText { .. })
        ));
        let quote_mark = TEXT.find('“').unwrap();
        assert!(matches!(
            selector_from_selection(TEXT, quote_mark + 1..quote_mark + 4),
            Err(SelectionError::NotOnCharacters { .. })
        ));
        assert_eq!(
            selector_from_selection("a   b", 1..4),
            Err(SelectionError::Invisible)
        );
    }

    #[test]
    fn a_passage_repeated_past_the_context_limit_is_ambiguous_not_wrong() {
        let paragraph = "x".repeat(MAX_CONTEXT_BYTES * 2);
        let text = format!("{paragraph}needle{paragraph}needle{paragraph}");
        let start = text.find("needle").unwrap();
        let s = selector_from_selection(&text, start..start + 6).unwrap();
        assert!(
            matches!(s.found, QuoteMatch::Ambiguous { .. }),
            "{:?}",
            s.found
        );
    }

    /// Its speed is `cargo bench --bench edit -- selector_one_letter_run`.
    #[test]
    fn a_selection_in_a_long_run_of_one_letter_is_found() {
        let text = "a".repeat(20_000);
        let s = selector_from_selection(&text, 10_000..10_001).unwrap();
        assert!(s.found.is_verified(), "{:?}", s.found);
        assert_eq!(s.quote.exact, "a");
    }
}
