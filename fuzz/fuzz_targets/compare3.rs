//! `compare` on three arbitrary byte strings with default options, and with
//! reworded matching: no panic, every invariant.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/suite/common.rs"]
mod common;

fuzz_target!(|data: (Vec<u8>, Vec<u8>, Vec<u8>, bool)| {
    let texts = [
        String::from_utf8_lossy(&data.0).into_owned(),
        String::from_utf8_lossy(&data.1).into_owned(),
        String::from_utf8_lossy(&data.2).into_owned(),
    ];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let opts = quotelens::Options { reworded: data.3, min_length: 12, ..Default::default() };
    let r = quotelens::compare(&refs, &opts);
    common::check_invariants(&refs, &r);
});
