//! `compare` on two arbitrary byte strings, decoded lossily: no panic, and
//! every invariant of the report (the test suite's checker).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/suite/common.rs"]
mod common;

fuzz_target!(|data: (Vec<u8>, Vec<u8>)| {
    let a = String::from_utf8_lossy(&data.0);
    let b = String::from_utf8_lossy(&data.1);
    let opts = quotelens::Options { min_length: 8, seed_length: 6, ..Default::default() };
    let r = quotelens::compare(&[a.as_ref(), b.as_ref()], &opts);
    common::check_invariants(&[a.as_ref(), b.as_ref()], &r);
});
