//! The seed claims dataset, compiled in so the app opens with data on any machine.

/// `data/claims.json` as committed.
pub const CLAIMS_JSON: &str = include_str!("../data/claims.json");

/// The texts `data/claims.json` names in its `text_file`s, by the path it names them with.
pub const SOURCES: &[(&str, &str)] = &[
    ("sources/000.txt", include_str!("../data/sources/000.txt")),
    ("sources/001.txt", include_str!("../data/sources/001.txt")),
    ("sources/002.txt", include_str!("../data/sources/002.txt")),
    ("sources/003.txt", include_str!("../data/sources/003.txt")),
    ("sources/004.txt", include_str!("../data/sources/004.txt")),
];
