//! The part of a long source text that is on screen at once.
//!
//! egui lays out a text's whole galley when it is shown, and hashes it again every frame: showing
//! a 62 MB source took over 20 s and grew past 7 GB. So the source window shows a passage around
//! the quote, and the reader pages earlier and later through the rest.

use std::ops::Range;

/// The most bytes of a source the source window lays out at once: 100,000 is a few dozen pages
/// (about 15,000 English words, half as many Russian ones at two bytes a letter), more context than
/// checking a quote needs, and egui lays it out in well under a frame. Every source of the seed
/// dataset is a few kilobytes, so those are still shown whole.
pub const PASSAGE_BYTES: usize = 100_000;

/// The smallest budget honoured: a passage must hold a few characters of up to four bytes, or
/// paging could stand still on one wide character.
const MIN_BUDGET: usize = 16;

/// A byte range of a source text, on char boundaries, that is shown instead of the whole text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Passage {
    start: usize,
    end: usize,
}

impl Passage {
    /// Where a source opens: the whole text when it is within `budget` bytes; else at most
    /// `budget` bytes centred on the quote, its edges moved to line breaks within a tenth of the
    /// budget so it starts at a paragraph. A quote that was not found (`None`) opens the text at
    /// its start, and a quote longer than the budget is shown from its start, as much as fits.
    pub fn around(text: &str, quote: Option<Range<usize>>, budget: usize) -> Self {
        let len = text.len();
        let budget = budget.max(MIN_BUDGET);
        if len <= budget {
            return Self { start: 0, end: len };
        }
        let quote = quote
            .filter(|q| {
                q.start <= q.end && text.is_char_boundary(q.start) && text.is_char_boundary(q.end)
            })
            .unwrap_or(0..0);
        let slack = budget / 10;
        if quote.len() > budget {
            let end = quote.start.saturating_add(budget).min(len);
            return snap(text, quote.start..end, quote.start..end, slack);
        }
        let last = len - budget;
        let start = quote
            .start
            .saturating_sub((budget - quote.len()) / 2)
            .min(last);
        // A sliver left before or after would be a page of its own; show it with the quote.
        let start = if start <= slack && quote.end <= budget {
            0
        } else if last - start <= slack && quote.start >= last {
            last
        } else {
            start
        };
        snap(text, start..start + budget, quote, slack)
    }

    /// The page before this one, overlapping it by a tenth of the budget so the reader keeps
    /// their place; this passage itself at the start of the text.
    #[must_use]
    pub fn earlier(self, text: &str, budget: usize) -> Self {
        let budget = budget.max(MIN_BUDGET);
        let at = floor_boundary(text, self.start);
        if at == 0 {
            return self.within(text);
        }
        let overlap = budget / 10;
        let start = at.saturating_add(overlap).saturating_sub(budget);
        // Rather than a last page of a sliver, reach the start now.
        let start = if start <= overlap { 0 } else { start };
        let end = start.saturating_add(budget).min(text.len());
        snap(text, start..end, at..at, overlap)
    }

    /// The page after this one, overlapping it by a tenth of the budget so the reader keeps their
    /// place; this passage itself at the end of the text.
    #[must_use]
    pub fn later(self, text: &str, budget: usize) -> Self {
        let budget = budget.max(MIN_BUDGET);
        let at = floor_boundary(text, self.end);
        if at >= text.len() {
            return self.within(text);
        }
        let overlap = budget / 10;
        let end = at
            .saturating_sub(overlap)
            .saturating_add(budget)
            .min(text.len());
        // Rather than a last page of a sliver, reach the end now.
        let end = if text.len() - end <= overlap {
            text.len()
        } else {
            end
        };
        let start = end.saturating_sub(budget);
        snap(text, start..end, at..at, overlap)
    }

    /// The bytes of the text on screen, to place them in the whole text.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The passage's words; empty if the text changed under it and it no longer fits.
    pub fn text(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or_default()
    }

    /// Whether the whole text is shown, so the window needs no paging.
    pub fn is_whole(self, text: &str) -> bool {
        self.start == 0 && self.end >= text.len()
    }

    /// Whether there is nothing earlier to page to.
    pub fn at_start(self) -> bool {
        self.start == 0
    }

    /// Whether there is nothing later to page to.
    pub fn at_end(self, text: &str) -> bool {
        self.end >= text.len()
    }

    /// Whether all of `quote` is on this page.
    pub fn contains(self, quote: &Range<usize>) -> bool {
        self.start <= quote.start && quote.end <= self.end
    }

    /// The part of `quote` on this page, relative to the passage's start: what to highlight in the
    /// passage's text. `None` when none of the quote is on it.
    pub fn local(self, quote: &Range<usize>) -> Option<Range<usize>> {
        let start = quote.start.max(self.start);
        let end = quote.end.min(self.end);
        (start < end).then(|| start - self.start..end - self.start)
    }

    /// A position of the text as a position in the passage, clamped to its edges.
    pub fn local_offset(self, offset: usize) -> usize {
        offset.clamp(self.start, self.end) - self.start
    }

    /// This passage with its ends on char boundaries of `text`, should the text have changed.
    fn within(self, text: &str) -> Self {
        let end = floor_boundary(text, self.end);
        Self {
            start: floor_boundary(text, self.start).min(end),
            end,
        }
    }
}

/// `span` moved inwards onto char boundaries of `text` and, where a line break lies within `slack`
/// bytes of an edge, to just after it; never so far that `keep` leaves the passage, unless `keep`
/// was not on char boundaries inside `span` to begin with.
fn snap(text: &str, span: Range<usize>, keep: Range<usize>, slack: usize) -> Passage {
    let bytes = text.as_bytes();
    let start = if span.start == 0 {
        0
    } else {
        let limit = keep.start.min(span.start.saturating_add(slack));
        bytes
            .get(span.start..limit)
            .and_then(|b| memchr::memchr(b'\n', b))
            .map_or_else(|| ceil_boundary(text, span.start), |i| span.start + i + 1)
    };
    let end = if span.end >= text.len() {
        text.len()
    } else {
        let from = keep.end.max(span.end.saturating_sub(slack)).min(span.end);
        bytes
            .get(from..span.end)
            .and_then(|b| memchr::memrchr(b'\n', b))
            .map_or_else(|| floor_boundary(text, span.end), |i| from + i + 1)
    };
    Passage {
        start: start.min(end),
        end,
    }
}

/// The last char boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The first char boundary of `text` at or after `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    (at.min(text.len())..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    /// Numbered lines of Russian, `lines` of them: two-byte letters, and line breaks to snap to.
    fn russian(lines: usize) -> String {
        let mut text = String::new();
        for i in 0..lines {
            let _ = writeln!(
                text,
                "Строка {i}: Песков заявил, что Россия не вмешивалась."
            );
        }
        text
    }

    /// Russian without a single line break, so every edge falls wherever the budget says.
    fn russian_run(bytes: usize) -> String {
        "ПесковЖ".repeat(bytes / "ПесковЖ".len() + 1)
    }

    fn assert_sound(text: &str, passage: Passage, budget: usize) {
        let range = passage.range();
        assert!(
            range.start <= range.end && range.end <= text.len(),
            "{range:?}"
        );
        assert!(text.is_char_boundary(range.start), "start {range:?}");
        assert!(text.is_char_boundary(range.end), "end {range:?}");
        assert!(range.len() <= budget, "{} bytes over {budget}", range.len());
    }

    #[test]
    fn a_short_text_is_shown_whole() {
        let text = russian(10);
        for quote in [None, Some(0..4), Some(text.len() - 2..text.len())] {
            let passage = Passage::around(&text, quote, PASSAGE_BYTES);
            assert_eq!(passage.range(), 0..text.len());
            assert!(passage.is_whole(&text) && passage.at_start() && passage.at_end(&text));
            assert_eq!(passage.earlier(&text, PASSAGE_BYTES), passage);
            assert_eq!(passage.later(&text, PASSAGE_BYTES), passage);
        }
        let empty = Passage::around("", None, PASSAGE_BYTES);
        assert_eq!(empty.range(), 0..0);
        assert_eq!(empty.text(""), "");
    }

    #[test]
    fn the_quote_is_always_inside_and_edges_are_char_boundaries() {
        let budget = 1_000;
        for text in [
            russian(200),
            russian_run(20_000),
            format!("ab{}", russian(200)),
        ] {
            let mut at = 0;
            while at < text.len() {
                let end = (at..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .nth(12)
                    .unwrap_or(text.len());
                let quote = at..end;
                let passage = Passage::around(&text, Some(quote.clone()), budget);
                assert_sound(&text, passage, budget);
                assert!(passage.contains(&quote), "{quote:?} in {passage:?}");
                assert_eq!(
                    passage.local(&quote).map(|r| &passage.text(&text)[r]),
                    Some(&text[quote.clone()])
                );
                at = (at + 97..=text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
            }
        }
    }

    #[test]
    fn a_quote_in_the_middle_is_centred_and_the_passage_starts_at_a_line() {
        let text = russian(2_000);
        let budget = 10_000;
        let at = text.find("Строка 1000:").unwrap();
        let quote = at..at + "Строка 1000: Песков".len();
        let passage = Passage::around(&text, Some(quote.clone()), budget);
        assert_sound(&text, passage, budget);
        let range = passage.range();
        assert!(
            range.len() >= budget * 8 / 10,
            "{range:?} is most of a budget"
        );
        let (before, after) = (quote.start - range.start, range.end - quote.end);
        assert!(
            before.abs_diff(after) <= budget / 5,
            "{before} before, {after} after"
        );
        assert_eq!(
            text.as_bytes()[range.start - 1],
            b'\n',
            "starts after a line break"
        );
        assert_eq!(text.as_bytes()[range.end - 1], b'\n', "ends with its line");
    }

    #[test]
    fn a_quote_near_either_end_opens_a_page_that_reaches_it() {
        let text = russian(2_000);
        let budget = 10_000;
        let first = 0..text.find('\n').unwrap();
        let passage = Passage::around(&text, Some(first.clone()), budget);
        assert!(passage.at_start() && passage.contains(&first));
        let last = text.rfind("Строка").unwrap()..text.len() - 1;
        let passage = Passage::around(&text, Some(last.clone()), budget);
        assert!(passage.at_end(&text) && passage.contains(&last));
        assert_sound(&text, passage, budget);
    }

    #[test]
    fn a_quote_that_was_not_found_opens_the_text_at_its_start() {
        let text = russian(2_000);
        let passage = Passage::around(&text, None, 10_000);
        assert_sound(&text, passage, 10_000);
        assert!(passage.at_start() && !passage.at_end(&text));
        let bad = Passage::around(&text, Some(1..text.len() + 5), 10_000);
        assert_eq!(bad, passage, "a range that is not the text's is no quote");
    }

    #[test]
    fn a_quote_longer_than_the_budget_is_shown_from_its_start() {
        let budget = 1_000;
        let text = russian_run(10_000);
        for start in [0, 14, 5_012, text.len() - 1_400] {
            let start = ceil_boundary(&text, start);
            let quote = start..text.len() - 2;
            let passage = Passage::around(&text, Some(quote.clone()), budget);
            assert_sound(&text, passage, budget);
            assert_eq!(passage.range().start, start);
            assert!(passage.range().len() >= budget - 4);
            assert_eq!(passage.local(&quote), Some(0..passage.range().len()));
        }
    }

    #[test]
    fn earlier_and_later_reach_the_ends_and_never_pass_them() {
        let budget = 1_000;
        for text in [russian(300), russian_run(20_000)] {
            let at = text.len() / 2;
            let at = ceil_boundary(&text, at);
            let first = Passage::around(&text, Some(at..at + 2), budget);

            let mut passage = first;
            let mut pages = 0;
            while !passage.at_start() {
                let earlier = passage.earlier(&text, budget);
                assert_sound(&text, earlier, budget);
                assert!(earlier.range().start < passage.range().start, "moves back");
                assert!(
                    earlier.range().end >= passage.range().start,
                    "skips nothing"
                );
                assert!(earlier.range().end < passage.range().end);
                passage = earlier;
                pages += 1;
                assert!(pages < 100, "reaches the start");
            }
            assert_eq!(
                passage.earlier(&text, budget),
                passage,
                "stays at the start"
            );

            passage = first;
            pages = 0;
            while !passage.at_end(&text) {
                let later = passage.later(&text, budget);
                assert_sound(&text, later, budget);
                assert!(later.range().end > passage.range().end, "moves on");
                assert!(later.range().start <= passage.range().end, "skips nothing");
                assert!(later.range().start > passage.range().start);
                passage = later;
                pages += 1;
                assert!(pages < 100, "reaches the end");
            }
            assert_eq!(passage.range().end, text.len());
            assert_eq!(passage.later(&text, budget), passage, "stays at the end");
        }
    }

    #[test]
    fn pages_overlap_so_the_reader_keeps_their_place() {
        let text = russian(2_000);
        let budget = 10_000;
        let first = Passage::around(&text, None, budget);
        let next = first.later(&text, budget);
        assert!(next.range().start < first.range().end, "overlaps");
        assert_eq!(text.as_bytes()[next.range().start - 1], b'\n');
        assert_eq!(next.earlier(&text, budget).range().start, 0);
    }

    #[test]
    fn a_passage_of_a_text_that_changed_under_it_stays_inside_the_text() {
        let long = russian(2_000);
        let passage = Passage::around(&long, None, 1_000).later(&long, 1_000);
        let short = "Песков";
        assert_eq!(passage.text(short), "");
        assert_sound(short, passage.later(short, 1_000), 1_000);
        assert_sound(short, passage.earlier(short, 1_000), 1_000);
        assert_eq!(passage.local_offset(0), 0);
    }
}
