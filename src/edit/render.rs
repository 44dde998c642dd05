//! A quote and its nearest passage as plain text, one above the other with the differing
//! characters marked under them, for `claimline check` and anywhere without a window:
//!
//! ```text
//! quote:   It's over, he said.
//! source:  It’s over,    said.
//!            ^        ^^^
//! ```
//!
//! Long quotes keep the words around each difference and elide the rest (`…`), rather than cutting
//! the line at a fixed width: what differs is always shown.

use super::nearest::{Difference, Nearest, nearest_passage};
use crate::load::Finding;
use crate::model::Dataset;

/// Characters of agreeing text kept on each side of a difference.
const CONTEXT_CHARS: usize = 30;

/// Agreeing runs shorter than this between two differences are shown as part of one difference.
const MIN_AGREEING_CHARS: usize = 3;

/// The three lines (quote, passage, marks) with the labels given, each ending in a newline.
/// `indent` goes before every line.
pub fn quote_and_passage(exact: &str, text: &str, nearest: &Nearest, indent: &str) -> String {
    let segments = segments(exact, text, nearest);
    let (mut top, mut bottom, mut marks) = (String::new(), String::new(), String::new());
    let last = segments.len().saturating_sub(1);
    for (n, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Same(same) => {
                let shown = elide(same, n == 0, n == last);
                push_visible(&mut top, &shown);
                push_visible(&mut bottom, &shown);
                pad(&mut marks, shown.chars().count(), ' ');
            }
            Segment::Differ(quote, passage) => {
                let (q, p) = (visible(quote), visible(passage));
                let width = q.chars().count().max(p.chars().count()).max(1);
                top.push_str(&q);
                pad(&mut top, width - q.chars().count(), ' ');
                bottom.push_str(&p);
                pad(&mut bottom, width - p.chars().count(), ' ');
                pad(&mut marks, width, '^');
            }
        }
    }
    let label_width = "source: ".len();
    format!(
        "{indent}{:<label_width$}{}\n{indent}{:<label_width$}{}\n{indent}{:<label_width$}{}\n",
        "quote:",
        top.trim_end(),
        "source:",
        bottom.trim_end(),
        "",
        marks.trim_end()
    )
}

/// For a finding that a quote was not found verbatim, the quote and the source's nearest passage
/// ([`quote_and_passage`], indented under the finding); `None` for any other finding, or when no
/// passage is near.
pub fn for_finding(dataset: &Dataset, finding: &Finding) -> Option<String> {
    if !(finding.path.ends_with(".quote.exact") && finding.message.contains("not found verbatim")) {
        return None;
    }
    let id = finding.event.as_deref()?;
    // A native file's path names the event's place; an import's is looked up by id.
    let event = number_after(&finding.path, "events[")
        .and_then(|n| dataset.events.get(n))
        .map(|e| &**e)
        .filter(|e| e.id == id)
        .or_else(|| dataset.event(id))?;
    let citation = match number_after(&finding.path, "citations[") {
        Some(n) => event.citations.get(n)?,
        None => event.citations.iter().find(|c| {
            dataset
                .source(&c.source)
                .and_then(|s| s.text.as_deref())
                .is_some_and(|text| !crate::model::locate_quote(text, &c.quote).is_verified())
        })?,
    };
    let text = dataset.source(&citation.source)?.text.as_deref()?;
    let nearest = nearest_passage(text, &citation.quote)?;
    Some(quote_and_passage(
        &citation.quote.exact,
        text,
        &nearest,
        "    ",
    ))
}

/// The number in `path` right after `opening` (`citations[` in `events[3].citations[1]`).
fn number_after(path: &str, opening: &str) -> Option<usize> {
    let (_, rest) = path.split_once(opening)?;
    rest.split(']').next()?.parse().ok()
}

/// Agreeing and differing stretches of quote and passage, in order.
#[derive(Debug, PartialEq, Eq)]
enum Segment<'a> {
    Same(&'a str),
    Differ(&'a str, &'a str),
}

fn segments<'a>(exact: &'a str, text: &'a str, nearest: &Nearest) -> Vec<Segment<'a>> {
    // Differences only a character or two apart read as one: "Washington" matched letter by
    // letter against other words is noise, not agreement.
    let mut differences: Vec<Difference> = Vec::with_capacity(nearest.differences.len());
    for d in &nearest.differences {
        match differences.last_mut() {
            Some(last)
                if exact
                    .get(last.quote.end..d.quote.start)
                    .is_some_and(|gap| gap.chars().count() < MIN_AGREEING_CHARS) =>
            {
                last.quote.end = d.quote.end;
                last.passage.end = d.passage.end;
            }
            _ => differences.push(d.clone()),
        }
    }
    let mut segments = Vec::new();
    let mut quote_at = 0;
    for d in &differences {
        if let Some(same) = exact.get(quote_at..d.quote.start).filter(|s| !s.is_empty()) {
            segments.push(Segment::Same(same));
        }
        segments.push(Segment::Differ(
            exact.get(d.quote.clone()).unwrap_or_default(),
            text.get(d.passage.clone()).unwrap_or_default(),
        ));
        quote_at = d.quote.end;
    }
    if let Some(same) = exact.get(quote_at..).filter(|s| !s.is_empty()) {
        segments.push(Segment::Same(same));
    }
    segments
}

/// An agreeing stretch cut to [`CONTEXT_CHARS`] next to each difference: its end when it comes
/// first, its start when it comes last, both ends in between.
fn elide(same: &str, first: bool, last: bool) -> String {
    let count = same.chars().count();
    let keep = |from: usize, n: usize| -> String { same.chars().skip(from).take(n).collect() };
    match (first, last) {
        (true, false) if count > CONTEXT_CHARS => {
            format!("…{}", keep(count - CONTEXT_CHARS, CONTEXT_CHARS))
        }
        (false, true) if count > CONTEXT_CHARS => format!("{}…", keep(0, CONTEXT_CHARS)),
        (false, false) if count > 2 * CONTEXT_CHARS + 1 => format!(
            "{}…{}",
            keep(0, CONTEXT_CHARS),
            keep(count - CONTEXT_CHARS, CONTEXT_CHARS)
        ),
        _ => same.to_owned(),
    }
}

/// Line breaks and tabs as visible signs, so each line stays one line and a difference in
/// whitespace shows.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\r' => '␍',
            '\t' => '→',
            c if c.is_control() => '�',
            c => c,
        })
        .collect()
}

fn push_visible(line: &mut String, text: &str) {
    line.push_str(&visible(text));
}

fn pad(line: &mut String, n: usize, c: char) {
    line.extend(std::iter::repeat_n(c, n));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Quote;

    fn render(exact: &str, text: &str) -> String {
        let quote = Quote {
            exact: exact.into(),
            prefix: None,
            suffix: None,
        };
        let nearest = nearest_passage(text, &quote).unwrap();
        quote_and_passage(exact, text, &nearest, "  ")
    }

    #[test]
    fn the_quote_stands_above_the_passage_with_the_differences_marked() {
        let out = render("It's over, he said.", "Then: “It’s over, said.” End.");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "  quote:  It's over, he said.");
        assert_eq!(lines[1], "  source: It’s over,    said.");
        // The apostrophe, then the missing word with one of the spaces around it.
        assert!(
            ["            ^        ^^^", "            ^       ^^^"].contains(&lines[2]),
            "{out}"
        );
    }

    #[test]
    fn a_long_quote_keeps_the_words_around_its_differences() {
        let words = "word ".repeat(40);
        let exact = format!("{words}It's {words}");
        let text = format!("{words}It’s {words}");
        let out = render(&exact, &text);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[0].contains("It's") && lines[1].contains("It’s"),
            "{out}"
        );
        assert!(lines[0].contains('…'), "{out}");
        assert!(lines[0].chars().count() < 100, "{out}");
        let column = |line: &str, needle: char| line.chars().position(|c| c == needle).unwrap();
        assert_eq!(column(lines[2], '^'), column(lines[0], '\''), "{out}");
    }

    #[test]
    fn a_line_break_in_the_passage_stays_on_its_line() {
        let out = render("the vote was free", "they said the vote\nwas free");
        assert_eq!(out.lines().count(), 3, "{out}");
        assert!(out.contains('⏎'), "{out}");
    }
}
