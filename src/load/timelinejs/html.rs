//! `TimelineJS` text is HTML; it becomes plain text here and is never rendered as HTML.

/// Elements that separate paragraphs.
const BLOCKS: [&str; 21] = [
    "p",
    "div",
    "blockquote",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "hr",
    "pre",
    "figure",
];

/// HTML as plain text: tags removed, entities decoded, whitespace collapsed as a browser would,
/// `<br>` a line break and block elements (`<p>`, `<div>`, …) separated by a blank line. Text that
/// only looks like a tag (`a < b`) is kept. The result is never meant to be rendered as HTML.
pub fn plain_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut doomed = Doomed::default();
    while let Some(at) = rest.find('<') {
        push_text(&mut out, &rest[..at]);
        let after = &rest[at + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let end = if is_tag {
            tag_end(after, html.len() - after.len(), &mut doomed)
        } else {
            None
        };
        let Some(end) = end else {
            push_text(&mut out, "<");
            rest = after;
            continue;
        };
        let tag = &after[..end];
        rest = &after[end + 1..];
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name == "br" {
            out.push('\n');
        } else if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        } else if !closing && (name == "script" || name == "style") {
            // Their contents are not text.
            let close = format!("</{name}");
            rest = find_ascii_case_insensitive(rest, &close)
                .and_then(|i| rest[i..].find('>').map(|j| &rest[i + j + 1..]))
                .unwrap_or("");
        }
    }
    push_text(&mut out, rest);
    tidy(&out)
}

/// HTML as one line of plain text (for titles): line breaks become spaces.
pub fn plain_line(html: &str) -> String {
    plain_text(html)
        .lines()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Places (byte offset in the whole text, quote state) from which a scan for a tag's end is known
/// to reach the end of the text without finding one. Two scans in the same state at the same
/// place go the same way, so no place is scanned twice in vain: 200 KB of unclosed `<a` is one
/// pass, not one pass per `<` (it took 20 s).
#[derive(Default)]
struct Doomed(Vec<u8>);

impl Doomed {
    fn bit(quote: Option<char>) -> u8 {
        match quote {
            None => 1,
            Some('"') => 2,
            Some(_) => 4,
        }
    }

    fn contains(&self, at: usize, quote: Option<char>) -> bool {
        self.0.get(at).is_some_and(|b| b & Self::bit(quote) != 0)
    }

    fn mark(&mut self, len: usize, visited: &[(usize, Option<char>)]) {
        if self.0.len() < len {
            self.0.resize(len, 0);
        }
        for &(at, quote) in visited {
            if let Some(b) = self.0.get_mut(at) {
                *b |= Self::bit(quote);
            }
        }
    }
}

/// The byte index of the `>` that ends a tag starting after its `<`, skipping quoted attributes.
/// `offset` is where `tag` starts in the whole text, to share what failed scans learned.
fn tag_end(tag: &str, offset: usize, doomed: &mut Doomed) -> Option<usize> {
    let mut quote = None;
    let mut visited = Vec::new();
    for (i, c) in tag.char_indices() {
        if doomed.contains(offset + i, quote) {
            break;
        }
        visited.push((offset + i, quote));
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    doomed.mark(offset + tag.len(), &visited);
    None
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Appends text between tags: entities decoded, every run of whitespace one space.
fn push_text(out: &mut String, raw: &str) {
    let decoded = html_escape::decode_html_entities(raw);
    for c in decoded.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Trims each line and keeps at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.split('\n').map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text() {
        assert_eq!(
            plain_text("<p>One &amp; <a href=\"x>y\">two</a></p><p>Three&#8217;s</p>"),
            "One & two\n\nThree’s"
        );
        assert_eq!(plain_text("a<br/>b <br> c"), "a\nb\nc");
        assert_eq!(plain_text("1 < 2 &lt;b&gt;"), "1 < 2 <b>");
        assert_eq!(plain_text("x <!-- hidden --> y"), "x y");
        assert_eq!(plain_text("<script>alert(1)</script>ok"), "ok");
        assert_eq!(plain_text("text\n  with\tspace"), "text with space");
        assert_eq!(plain_text("<b>unclosed"), "unclosed");
        assert_eq!(plain_text("trailing <"), "trailing <");
        assert_eq!(
            plain_line("Elizabeth Taylor<br/> 1932-2011"),
            "Elizabeth Taylor 1932-2011"
        );
    }

    /// The scan before it was made linear, to compare against.
    fn naive_tag_end(tag: &str) -> Option<usize> {
        let mut quote = None;
        for (i, c) in tag.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), _) if c == q => quote = None,
                (None, '>') => return Some(i),
                _ => {}
            }
        }
        None
    }

    #[test]
    fn the_linear_tag_scan_finds_what_the_rescanning_one_found() {
        // Every string of up to 7 of these characters.
        let alphabet = ['<', 'a', '"', '\'', '>', ' '];
        let mut strings = vec![String::new()];
        let mut level = vec![String::new()];
        for _ in 0..7 {
            level = level
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(level.iter().cloned());
        }
        for html in &strings {
            let mut doomed = Doomed::default();
            for (at, _) in html.match_indices('<') {
                let after = &html[at + 1..];
                assert_eq!(
                    tag_end(after, at + 1, &mut doomed),
                    naive_tag_end(after),
                    "{html:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn unclosed_tags_take_one_pass() {
        for html in [
            "<a".repeat(100_000),
            "<a \"".repeat(50_000),
            "<a '\"".repeat(40_000),
        ] {
            let start = std::time::Instant::now();
            let text = plain_text(&html);
            // A generous bound: 200 KB took 20 s when every `<` rescanned to the end.
            assert!(start.elapsed().as_secs() < 2, "{:?}", start.elapsed());
            assert!(text.starts_with('<'));
        }
    }
}
