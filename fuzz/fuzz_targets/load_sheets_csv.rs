//! `cargo +nightly fuzz run load_sheets_csv`: see `claimline_fuzz::check` for the property.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    claimline_fuzz::check("load_sheets_csv", data);
});
