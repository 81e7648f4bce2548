//! Options from arbitrary JSON: parsing never panics; whatever parses and
//! validates runs a comparison that keeps every invariant; whatever parses
//! but fails validation is still clamped by `compare` without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/suite/common.rs"]
mod common;

const A: &str = "The harbour bridge will close for six weeks from Monday after engineers found cracks in two of its main cables. 東京の会議で首相は新しい計画を発表した。";
const B: &str = "News: the harbour bridge will close for six weeks from Monday after engineers found cracks in two cables. 首相は東京の会議で新しい計画を発表した。";

fuzz_target!(|data: &[u8]| {
    let Ok(opts) = serde_json::from_slice::<quotelens::Options>(data) else { return };
    let _ = opts.validate();
    let r = quotelens::compare(&[A, B], &opts);
    common::check_invariants(&[A, B], &r);
});
