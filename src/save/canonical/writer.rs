//! The canonical layout: two-space indentation, one member or element per line, strings escaping
//! only `"`, `\` and control characters.

use serde_json::Value;

use crate::model::Date;
use crate::model::kept::Fields;

/// Writes `items` as a JSON array at `depth`, each with `each`.
pub(super) fn array<T>(
    out: &mut Out,
    depth: usize,
    items: impl IntoIterator<Item = T>,
    mut each: impl FnMut(&mut Out, usize, T),
) {
    out.raw(b"[");
    let mut empty = true;
    for item in items {
        if !empty {
            out.raw(b",");
        }
        empty = false;
        out.newline(depth + 1);
        each(out, depth + 1, item);
    }
    if !empty {
        out.newline(depth);
    }
    out.raw(b"]");
}

/// Any JSON value, in the same layout (objects' keys in order: `serde_json`'s map is sorted).
pub(super) fn json_value(out: &mut Out, depth: usize, value: &Value) {
    match value {
        Value::Null => out.raw(b"null"),
        Value::Bool(true) => out.raw(b"true"),
        Value::Bool(false) => out.raw(b"false"),
        Value::Number(n) => out.raw(n.to_string().as_bytes()),
        Value::String(s) => out.string(s),
        Value::Array(items) => array(out, depth, items, json_value),
        Value::Object(map) => {
            let mut obj = Obj::open(out, depth);
            for (key, value) in map {
                let out = obj.key(key);
                json_value(out, depth + 1, value);
            }
            obj.close();
        }
    }
}

/// Bytes being written.
#[derive(Default)]
pub(super) struct Out(pub(super) Vec<u8>);

impl Out {
    pub(super) fn raw(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    pub(super) fn newline(&mut self, depth: usize) {
        const INDENT: &[u8; 33] = b"\n                                ";
        if let Some(indent) = INDENT.get(..1 + 2 * depth) {
            self.0.extend_from_slice(indent);
        } else {
            self.0.push(b'\n');
            for _ in 0..depth {
                self.0.extend_from_slice(b"  ");
            }
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`, the rest
    /// as UTF-8 (as `serde_json` writes them).
    pub(super) fn string(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let out = &mut self.0;
        out.reserve(s.len() + 2);
        out.push(b'"');
        let bytes = s.as_bytes();
        // Nearly every string has nothing to escape: find the first byte that needs it eight at a
        // time, and copy up to it in one piece.
        let plain = plain_prefix(bytes);
        out.extend_from_slice(bytes.get(..plain).unwrap_or_default());
        let mut start = plain;
        for (i, &b) in bytes.iter().enumerate().skip(plain) {
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                0x00..=0x1f => b"",
                _ => continue,
            };
            out.extend_from_slice(bytes.get(start..i).unwrap_or_default());
            if escape.is_empty() {
                out.extend_from_slice(b"\\u00");
                out.push(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
                out.push(HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0'));
            } else {
                out.extend_from_slice(escape);
            }
            start = i + 1;
        }
        out.extend_from_slice(bytes.get(start..).unwrap_or_default());
        out.push(b'"');
    }
}

/// How many bytes at the start of `bytes` a JSON string holds as they are (no `"`, `\\` or control
/// character), found a word at a time.
fn plain_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte of `w` is zero: the classic test (exact when used only to find whether one is).
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS;
    let mut words = bytes.chunks_exact(8);
    let mut plain = 0;
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        // Below 0x20: with each byte's high bit set, subtracting 0x20 clears it exactly where
        // the low seven bits are below 0x20 (and never borrows from the next byte); a byte whose
        // own high bit is set (UTF-8) is never special.
        let at_least_0x20 = ((w & !HIGHS) | HIGHS).wrapping_sub(0x20 * ONES) & HIGHS;
        let control = (at_least_0x20 ^ HIGHS) & !w;
        let quote = has_zero(w ^ (u64::from(b'"') * ONES));
        let backslash = has_zero(w ^ (u64::from(b'\\') * ONES));
        if (control | quote | backslash) != 0 {
            break;
        }
        plain += 8;
    }
    plain
}

/// An object being written: members one per line at `depth + 1`.
pub(super) struct Obj<'o> {
    out: &'o mut Out,
    depth: usize,
    empty: bool,
}

impl<'o> Obj<'o> {
    /// An object opened earlier, in another buffer, that already has members: what follows is
    /// written to `out`.
    pub(super) fn resume(out: &'o mut Out, depth: usize) -> Self {
        Self {
            out,
            depth,
            empty: false,
        }
    }

    pub(super) fn open(out: &'o mut Out, depth: usize) -> Self {
        out.raw(b"{");
        Self {
            out,
            depth,
            empty: true,
        }
    }

    /// Starts the member `key`; its value is written next, to the returned output.
    pub(super) fn key(&mut self, key: &str) -> &mut Out {
        if !self.empty {
            self.out.raw(b",");
        }
        self.empty = false;
        self.out.newline(self.depth + 1);
        self.out.string(key);
        self.out.raw(b": ");
        self.out
    }

    pub(super) fn str(&mut self, key: &str, value: &str) {
        self.key(key).string(value);
    }

    pub(super) fn opt_str(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.str(key, value);
        }
    }

    pub(super) fn date(&mut self, key: &str, date: Date) {
        let out = self.key(key);
        out.0.push(b'"');
        date.write_iso(&mut out.0);
        out.0.push(b'"');
    }

    pub(super) fn opt_date(&mut self, key: &str, date: Option<Date>) {
        if let Some(date) = date {
            self.date(key, date);
        }
    }

    /// The kept unknown members, after the known ones, in key order.
    pub(super) fn fields(&mut self, fields: Option<&Fields>) {
        for (key, value) in fields.into_iter().flatten() {
            let depth = self.depth + 1;
            let out = self.key(key);
            json_value(out, depth, value);
        }
    }

    pub(super) fn close(self) {
        if !self.empty {
            self.out.newline(self.depth);
        }
        self.out.raw(b"}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "plain",
            "quote \" backslash \\ slash /",
            "\u{0}\u{1}\u{7}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f}",
            "ünïcödé ✔ ✘ 🙂 \u{2028}\u{2029}",
        ] {
            let mut out = Out::default();
            out.string(s);
            assert_eq!(
                String::from_utf8(out.0).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }

    #[test]
    fn the_fast_scan_stops_at_the_first_word_with_a_byte_to_escape() {
        for special in [0u8, 0x1f, b'"', b'\\'] {
            for at in 0..24 {
                let mut bytes = vec![b'a'; 24];
                bytes[at] = special;
                assert_eq!(plain_prefix(&bytes), at / 8 * 8, "{special:#x} at {at}");
            }
        }
        for plain in [
            0x20u8, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0x9f, 0xa2, 0xdc, 0xff,
        ] {
            assert_eq!(plain_prefix(&[plain; 16]), 16, "{plain:#x}");
        }
    }
}
