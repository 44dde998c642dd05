//! What the source window marks in a passage: the quote where it was found, or, for a ✘, the
//! nearest passage with the characters that differ from the quote; and the words that say how
//! they differ ("’ (U+2019) in the source, ' (U+0027) in the quote").

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

use crate::edit::Nearest;
use crate::model::passage::Passage;

/// Marks on a passage, as byte ranges of the whole source text.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    /// The quote found, or the nearest passage to a ✘ quote.
    pub passage: Option<Range<usize>>,
    /// Inside it, what differs from the quote.
    pub differences: Vec<Range<usize>>,
    /// The marked passage is the nearest, not the quote.
    pub nearest: bool,
}

/// Colours of the marks.
pub struct MarkColours {
    pub text: Color32,
    pub strong: Color32,
    pub quote: Color32,
    pub nearest: Color32,
    pub difference: Color32,
}

/// The passage's text laid out with its marks.
pub fn layout(body: &str, passage: Passage, marks: &Marks, colours: &MarkColours) -> LayoutJob {
    let plain = TextFormat::simple(FontId::proportional(15.0), colours.text);
    let marked = TextFormat {
        background: if marks.nearest {
            colours.nearest
        } else {
            colours.quote
        },
        color: colours.strong,
        ..plain.clone()
    };
    let differing = TextFormat {
        background: colours.difference,
        color: colours.strong,
        underline: egui::Stroke::new(2.0, colours.strong),
        ..plain.clone()
    };
    // Cut points, local to the passage, each with the format from there on.
    let mut cuts: Vec<(usize, u8)> = vec![(0, 0)];
    if let Some(range) = marks.passage.as_ref().and_then(|r| passage.local(r)) {
        cuts.push((range.start, 1));
        for difference in &marks.differences {
            if let Some(d) = passage.local(difference).filter(|d| !d.is_empty()) {
                cuts.push((d.start, 2));
                cuts.push((d.end, 1));
            }
        }
        cuts.push((range.end, 0));
    }
    cuts.sort_by_key(|&(at, _)| at);
    let mut job = LayoutJob::default();
    for (i, &(start, style)) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).map_or(body.len(), |&(at, _)| at);
        let Some(piece) = body.get(start..end).filter(|p| !p.is_empty()) else {
            continue;
        };
        let format = match style {
            1 => marked.clone(),
            2 => differing.clone(),
            _ => plain.clone(),
        };
        job.append(piece, 0.0, format);
    }
    job
}

/// The marks of a ✘ quote's nearest passage.
pub fn of_nearest(nearest: &Nearest) -> Marks {
    Marks {
        passage: Some(nearest.range.clone()),
        differences: nearest
            .differences
            .iter()
            .map(|d| d.passage.clone())
            .collect(),
        nearest: true,
    }
}

/// Each difference in words: what the source has, and what the quote has.
pub fn describe(nearest: &Nearest, exact: &str, text: &str) -> Vec<String> {
    nearest
        .differences
        .iter()
        .take(8)
        .map(|d| {
            let source = text.get(d.passage.clone()).unwrap_or_default();
            let quote = exact.get(d.quote.clone()).unwrap_or_default();
            match (source.is_empty(), quote.is_empty()) {
                (true, _) => format!("the quote has {} that the source does not", named(quote)),
                (_, true) => format!("the source has {} that the quote leaves out", named(source)),
                _ => format!(
                    "the source has {}, the quote {}",
                    named(source),
                    named(quote)
                ),
            }
        })
        .collect()
}

/// A short text with its invisible or look-alike characters named: `’ (U+2019)`.
fn named(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if let [c] = chars[..] {
        return if c.is_whitespace() {
            format!("a space (U+{:04X})", u32::from(c))
        } else {
            format!("“{c}” (U+{:04X})", u32::from(c))
        };
    }
    let shown: String = chars.iter().take(40).collect();
    if chars.len() > 40 {
        format!("“{shown}…”")
    } else {
        format!("“{shown}”")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Quote;

    #[test]
    fn a_curly_apostrophe_is_named_against_a_straight_one() {
        let text = "Peskov said: “It’s absurd.” Nothing more.";
        let quote = Quote {
            exact: "It's absurd.".into(),
            prefix: None,
            suffix: None,
        };
        let nearest = crate::edit::nearest_passage(text, &quote).unwrap();
        let said = describe(&nearest, &quote.exact, text);
        assert_eq!(
            said,
            vec!["the source has “’” (U+2019), the quote “'” (U+0027)"]
        );
        let marks = of_nearest(&nearest);
        let passage = Passage::around(text, marks.passage.clone(), 10_000);
        let colours = MarkColours {
            text: Color32::GRAY,
            strong: Color32::WHITE,
            quote: Color32::YELLOW,
            nearest: Color32::BROWN,
            difference: Color32::RED,
        };
        let job = layout(passage.text(text), passage, &marks, &colours);
        let differing: Vec<&str> = job
            .sections
            .iter()
            .filter(|s| s.format.background == Color32::RED)
            .map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(differing, vec!["’"]);
        assert_eq!(job.text, text, "every byte of the passage is laid out once");
    }
}
