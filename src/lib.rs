//! Claimline: a timeline of official claims laid against the record.
//!
//! The core — [`model`], [`load`], [`timeline`] — is pure Rust with no egui in it, so it is tested
//! with plain unit tests and reused by the command line. [`app`] is the egui shell on top.

// Unit tests may panic on a broken assumption; that is how they fail (clippy.toml covers `#[test]`
// functions, this covers their helpers too).
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod app;
pub mod check;
pub mod cli;
pub mod document;
pub mod edit;
pub mod export;
pub mod folder;
pub mod icon;
pub mod load;
pub mod model;
pub mod save;
pub mod seed;
pub mod synthetic;
pub mod timeline;

/// `DejaVu Sans`, the fallback after egui's own font, in the window and in exports: it has the
/// symbols the UI uses (✔ ✘ ⚠ ← →) and Cyrillic and Greek for users' sources, on machines with no
/// system fonts at all.
pub const FALLBACK_FONT: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

/// The JSON Schema of the native format, generated from the model types.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(model::Dataset);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
