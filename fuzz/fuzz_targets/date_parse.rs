//! `cargo +nightly fuzz run date_parse`: see `claimline_fuzz::check` for the property.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    claimline_fuzz::check("date_parse", data);
});
