//! Text from a file, shown as it is rather than obeyed.
//!
//! A title, quote or id from a stranger's file may hold characters that act instead of showing:
//! bidirectional overrides (U+202E turns `txt.exe` into `exe.txt` on screen), terminal escapes
//! (an id with `ESC[2J` clears the screen `check` prints to), and characters XML does not allow
//! (U+FFFF makes an SVG that no program opens). Each is shown as `⟨U+202E⟩` wherever text from a
//! file is drawn or printed. The stored text is untouched, so quote matching stays exact.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The most characters of one line of text drawn in an export (a title, a caption, a label). Longer
/// text is cut with an ellipsis: nothing longer fits on a slide, and shaping a million characters
/// took 30 s.
pub const MAX_DRAWN_CHARS: usize = 1_000;

/// The most characters of one paragraph the window shows (a summary, a date basis, a note, a quote):
/// 20,000, about eight pages. Longer text is cut with an ellipsis and says how long it is; egui
/// lays out a whole paragraph at once, and an 8 MB one froze the window for seconds.
pub const MAX_SHOWN_TEXT_CHARS: usize = 20_000;

/// Whether `c` acts rather than shows: a control character (C0 other than tab and newline, DEL,
/// C1), a bidirectional control, a line or paragraph separator, or a noncharacter.
pub fn acts(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        // Bidi embeddings, overrides, isolates and marks; line and paragraph separators;
        // noncharacters (U+FFFE and U+FFFF among them, which XML does not allow).
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{FDD0}'..='\u{FDEF}' => true,
        c if (c as u32) & 0xFFFE == 0xFFFE => true,
        c => c.is_control(),
    }
}

/// `text` with every character that [`acts`] written as `⟨U+XXXX⟩`; borrowed when there is none.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts(c) {
            let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `text` shows nothing at all: only whitespace, zero-width and invisible formatting
/// characters. A title like that is as empty as a title of spaces.
pub fn is_invisible(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}'..='\u{200F}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{FEFF}'
                    | '\u{00AD}'
                    | '\u{034F}'
                    | '\u{061C}'
                    | '\u{115F}'
                    | '\u{1160}'
                    | '\u{3164}'
                    | '\u{FFA0}'
                    | '\u{180E}'
            )
            || acts(c)
    })
}

/// `text` cut to at most `max` characters, with an ellipsis when it was cut (and no space before
/// it), so drawing a million-character title costs no more than drawing one that fits. The one
/// truncation of text from a file.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", text.get(..end).unwrap_or(text).trim_end())),
    }
}

/// Text from a file as the window draws it: cut to `max` characters, then made [`visible`]. Cutting
/// first keeps the cost of a frame bounded: laying out an 8 MB title took egui 6 s and 2 GB, and
/// its galley is made again whenever it is drawn anew.
pub fn shown(text: &str, max: usize) -> Cow<'_, str> {
    match cut(text, max) {
        Cow::Borrowed(text) => visible(text),
        Cow::Owned(cut) if cut.chars().any(acts) => Cow::Owned(visible(&cut).into_owned()),
        owned @ Cow::Owned(_) => owned,
    }
}

/// A quote as the window lists it: [`shown`], between “ and ” unless its own words already open
/// with a quotation mark (a quote of “has never interfered” is not shown as ““has never…””).
pub fn in_quotation_marks(text: &str, max: usize) -> String {
    let shown = shown(text, max);
    let marked = shown.starts_with(['“', '"', '«', '„', '‘', '\'', '‚', '「']);
    if marked {
        shown.into_owned()
    } else {
        format!("“{shown}”")
    }
}

/// A writer that passes lines through [`visible`], so nothing printed can drive the terminal.
/// Bytes are held until a newline (or [`std::io::Write::flush`]) so a character is never split.
pub struct VisibleWriter<'w> {
    inner: &'w mut dyn std::io::Write,
    pending: Vec<u8>,
}

impl<'w> VisibleWriter<'w> {
    pub fn new(inner: &'w mut dyn std::io::Write) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    fn write_pending(&mut self, upto: usize) -> std::io::Result<()> {
        let rest = self.pending.split_off(upto.min(self.pending.len()));
        let line = std::mem::replace(&mut self.pending, rest);
        let text = String::from_utf8_lossy(&line);
        self.inner.write_all(visible(&text).as_bytes())
    }
}

impl std::io::Write for VisibleWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.write_pending(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let len = self.pending.len();
        self.write_pending(len)?;
        self.inner.flush()
    }
}

impl Drop for VisibleWriter<'_> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

/// The most characters of a value from a file that a message quotes: a 4 MB date or lane is named
/// by its first 200 characters and how many more there are, not repeated whole.
pub const MAX_QUOTED_CHARS: usize = 200;

/// `value` as a message quotes it: whole when short, else its first [`MAX_QUOTED_CHARS`]
/// characters and a count of the rest (`xxxx… (and 3,999,800 more characters)`).
pub fn quoted(value: &str) -> std::borrow::Cow<'_, str> {
    match value.char_indices().nth(MAX_QUOTED_CHARS) {
        None => std::borrow::Cow::Borrowed(value),
        Some((end, _)) => {
            let rest = value.get(end..).map_or(0, |r| r.chars().count());
            std::borrow::Cow::Owned(format!(
                "{}… (and {} more characters)",
                value.get(..end).unwrap_or_default(),
                crate::model::count::thousands(rest)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_gets_quotation_marks_only_when_it_has_none_of_its_own() {
        assert_eq!(in_quotation_marks("It's over", 50), "“It's over”");
        assert_eq!(
            in_quotation_marks("“has never interfered”", 50),
            "“has never interfered”"
        );
        assert_eq!(
            in_quotation_marks("\"absolutely unfounded\"", 50),
            "\"absolutely unfounded\""
        );
        assert_eq!(in_quotation_marks("«non»", 50), "«non»");
    }

    #[test]
    fn controls_overrides_and_noncharacters_are_shown_not_obeyed() {
        assert_eq!(visible("plain – text\n"), "plain – text\n");
        assert_eq!(visible("a\u{202E}b"), "a⟨U+202E⟩b");
        assert_eq!(visible("\u{1b}[2J"), "⟨U+001B⟩[2J");
        assert_eq!(visible("x\u{FFFF}\u{FFFE}"), "x⟨U+FFFF⟩⟨U+FFFE⟩");
        assert_eq!(visible("\u{9b}"), "⟨U+009B⟩");
    }

    #[test]
    fn zero_width_titles_are_invisible_and_letters_are_not() {
        assert!(is_invisible("\u{200B}\u{200B} \u{FEFF}"));
        assert!(!is_invisible("\u{200B}a"));
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(cut("abcdef", 3), "abc…");
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("ééé", 2), "éé…");
        assert_eq!(cut("ab cd", 3), "ab…", "no space before the ellipsis");
    }

    #[test]
    fn shown_text_is_cut_before_it_is_made_visible() {
        assert_eq!(shown("a\u{202E}bcdef", 3), "a⟨U+202E⟩b…");
        assert_eq!(shown("abc", 3), "abc");
        assert_eq!(shown("abcdef", 3), "abc…");
        assert_eq!(shown(&"B".repeat(1 << 20), 5).len(), 5 + '…'.len_utf8());
    }

    #[test]
    fn the_writer_escapes_whole_lines_even_when_split() {
        let mut out = Vec::new();
        {
            let mut w = VisibleWriter::new(&mut out);
            std::io::Write::write_all(&mut w, "id \u{1b}[2J \u{202E}".as_bytes()[..6].as_ref())
                .unwrap();
            std::io::Write::write_all(&mut w, &"id \u{1b}[2J \u{202E}\n".as_bytes()[6..]).unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "id ⟨U+001B⟩[2J ⟨U+202E⟩\n");
    }
}
