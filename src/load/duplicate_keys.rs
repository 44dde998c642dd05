//! Duplicate keys in a JSON object, reported at their place.
//!
//! `serde_json`'s tree keeps the last of two equal keys and says nothing, so a file with two
//! `"date"`s in one event would silently mean the second. This is one linear scan, run only on the
//! tree path (the native fast path already refuses duplicates): each object's keys are held in a
//! set while it is open.

use std::collections::HashSet;

use super::finding::{Finding, Findings, Place};

/// Reports every key that repeats one before it in the same object, as a warning at the repeat.
pub fn report(text: &str, findings: &mut Findings) {
    let bytes = text.as_bytes();
    // The keys of each open object (`None` for an open array), innermost last.
    let mut open: Vec<Option<HashSet<&str>>> = Vec::new();
    let (mut line, mut line_start) = (1usize, 0usize);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'{' => open.push(Some(HashSet::new())),
            b'[' => open.push(None),
            b'}' | b']' => {
                open.pop();
            }
            b'"' => {
                let start = i;
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                let raw = text.get(start + 1..i).unwrap_or_default();
                if is_key(bytes, i + 1)
                    && let Some(Some(keys)) = open.last_mut()
                    && !keys.insert(raw)
                {
                    let column = text.get(line_start..start).map_or(0, |s| s.chars().count()) + 1;
                    findings.push(Finding::warning(
                        Place { line, column },
                        "",
                        format!(
                            "key \"{raw}\" appears more than once in this object; only the last \
                             one is used"
                        ),
                    ));
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Whether a string that ends before `after` is followed by `:` (and so is a key).
fn is_key(bytes: &[u8], after: usize) -> bool {
    bytes
        .get(after..)
        .and_then(|rest| rest.iter().find(|b| !b.is_ascii_whitespace()))
        == Some(&b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_reported_at_the_repeat_and_others_are_not() {
        let text =
            "{\"a\": {\"x\": 1, \"y\": \"x\"},\n \"b\": [{\"x\": 1}, {\"x\": 2}],\n  \"a\": 2}";
        let mut findings = Findings::default();
        report(text, &mut findings);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!((findings[0].line, findings[0].column), (3, 3));
        assert!(findings[0].message.contains("\"a\""));
    }
}
