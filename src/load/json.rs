//! Reading JSON text: the byte-order mark, blank files, syntax errors with their place, and the
//! document tree for the formats that need one (`TimelineJS`, and native files that failed to
//! decode in one typed pass).

use serde_json::{Map, Value};

use super::finding::{Finding, Findings, Place};
use crate::model::FORMAT;

/// `text` without a leading UTF-8 byte-order mark, warning that there was one (Windows editors
/// write it; it is harmless, so it is not an error).
pub fn strip_bom<'t>(text: &'t str, findings: &mut Findings) -> &'t str {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            findings.push(Finding::warning(
                Place::START,
                "",
                "the file starts with a UTF-8 byte-order mark; it was ignored",
            ));
            rest
        }
        None => text,
    }
}

/// Reports a file with nothing but whitespace in it, which `serde_json` would call "EOF while
/// parsing a value" — true, but not what a user needs to hear.
pub fn reject_blank(text: &str, findings: &mut Findings) -> bool {
    let blank = text.trim().is_empty();
    if blank {
        findings.push(Finding::error(
            Place::START,
            "",
            format!("the file is empty; a dataset is a JSON object with \"format\": \"{FORMAT}\""),
        ));
    }
    blank
}

/// The document as a tree, or `None` with a finding when it is not JSON or not an object.
pub fn read_tree(text: &str, findings: &mut Findings) -> Option<Map<String, Value>> {
    match serde_json::from_str(text) {
        Ok(Value::Object(root)) => Some(root),
        Ok(other) => {
            findings.push(Finding::error(
                Place::START,
                "",
                format!(
                    "expected a JSON object with \"format\": \"{FORMAT}\" at the top level, found {}",
                    json_type(&other)
                ),
            ));
            None
        }
        Err(error) => {
            findings.push(syntax_finding(text, &error));
            None
        }
    }
}

/// A `serde_json` syntax error as a finding, with its column in characters and without `serde_json`'s
/// own " at line L column C" suffix (the place is already in front).
pub fn syntax_finding(text: &str, error: &serde_json::Error) -> Finding {
    let line = error.line().max(1);
    let line_text = text.split('\n').nth(line - 1).unwrap_or("");
    // serde_json counts bytes; count the characters in those bytes instead.
    let byte_column = error.column().min(line_text.len());
    let column = line_text
        .get(..byte_column)
        .map_or(byte_column, |s| s.chars().count())
        .max(1);
    let message = error.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |cut| &message[..cut]);
    let message = match error.classify() {
        serde_json::error::Category::Eof => format!("{message}: the file ends too early"),
        _ => format!("JSON syntax error: {message}"),
    };
    Finding::error(Place { line, column }, "", message)
}

/// "an array", "a string"…, for messages about a value of the wrong type.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
