//! Every input that ever made a fuzz target fail (`fuzz/`, issue 11), kept in
//! `tests/fuzz_regressions/TARGET/` and run on stable through the same property the target checks
//! (`fuzz/src/lib.rs`, included by path), so a fixed bug stays fixed without nightly Rust.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a test that cannot unwrap has failed"
)]

#[path = "../fuzz/src/lib.rs"]
mod properties;

use std::path::Path;

#[test]
fn every_kept_fuzz_input_holds_its_property() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let folder = entry.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        let target = folder.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            properties::TARGETS.contains(&target.as_str()),
            "{}: no fuzz target is called {target}",
            folder.display()
        );
        for input in std::fs::read_dir(&folder).unwrap() {
            let input = input.unwrap().path();
            let data = std::fs::read(&input).unwrap();
            eprintln!("{}", input.display());
            assert!(properties::check(&target, &data));
            checked += 1;
        }
    }
    assert!(checked > 0, "no kept inputs under {}", root.display());
}
