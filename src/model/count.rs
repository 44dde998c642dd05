//! Numbers as people write them: `1 source`, `1,000,000 events`. At the bottom of the layers, so
//! the loader's findings, the CLI and the window all count the same way.

/// `1 source`, `1,000,000 events`: a count with its noun, for labels people read.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `999980` as `999,980`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
