//! `cargo +nightly fuzz run export_svg`: see `claimline_fuzz::check` for the property.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    claimline_fuzz::check("export_svg", data);
});
