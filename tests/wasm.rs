//! The wasm API in a real browser (headless Chromium, via
//! wasm-bindgen-test): options decoding, errors, and UTF-16 offsets as
//! JavaScript sees them. Run by `make test`:
//! `cargo test --target wasm32-unknown-unknown --test wasm`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Object, Reflect};
use quotelens::wasm::{
    compare_js, decode_text_js, default_options, max_input_bytes, validate_options,
};
use quotelens::Report;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn texts(items: &[&str]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn error_message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    let err: js_sys::Error = v.dyn_into().expect("a JS Error");
    err.message().into()
}

const QUOTE: &str =
    "港大橋は平日で１日約３万８千台が利用している。車両はフェニック・トンネルへ迂回させる。";

#[wasm_bindgen_test]
fn compare_returns_plain_objects_with_utf16_offsets() {
    let a = format!("😀😀 {QUOTE} 👩‍👩‍👧");
    let b = format!("𠮷野家で読んだ。{QUOTE}");
    let out = compare_js(texts(&[&a, &b]), JsValue::UNDEFINED).expect("compare works");
    // a plain object (json_compatible), not a Map
    assert!(out.is_object());
    assert!(!out.is_instance_of::<js_sys::Map>());
    let report: Report = serde_wasm_bindgen::from_value(out.clone()).unwrap();
    assert_eq!(report.passages.len(), 1);
    let p = &report.passages[0];
    // JS string slicing with the report's offsets gives the quote
    let ja = JsString::from(a.as_str());
    let jb = JsString::from(b.as_str());
    let want = QUOTE.trim_end_matches('。');
    assert_eq!(String::from(ja.slice(p.a.start, p.a.end)), want);
    assert_eq!(String::from(jb.slice(p.b.start, p.b.end)), want);
    assert_eq!(p.a.start, 5); // two emoji of two UTF-16 units, one space
    assert_eq!(report.documents[0].length, ja.length());
    // keys are the schema's: snake_case kinds, camelCase options
    let opts = Reflect::get(&out, &"options".into()).unwrap();
    assert_eq!(
        Reflect::get(&opts, &"minLength".into()).unwrap().as_f64(),
        Some(60.0)
    );
}

#[wasm_bindgen_test]
fn options_are_decoded_and_applied() {
    let short = "The harbour bridge will close for six weeks from Monday.";
    let post = format!("News: {short} Ugh.");
    let none = compare_js(texts(&[short, &post]), JsValue::UNDEFINED).unwrap();
    let none: Report = serde_wasm_bindgen::from_value(none).unwrap();
    assert!(
        none.passages.is_empty(),
        "too short for the default minLength"
    );
    let some = compare_js(
        texts(&[short, &post]),
        options(&[
            ("minLength", JsValue::from(20)),
            ("maxGap", JsValue::from(10)),
        ]),
    )
    .unwrap();
    let some: Report = serde_wasm_bindgen::from_value(some).unwrap();
    assert_eq!(some.passages.len(), 1);
    assert_eq!(some.options.min_length, 20);
    assert_eq!(some.options.max_gap, 10);
}

#[wasm_bindgen_test]
fn bad_input_throws_readable_errors() {
    let e = compare_js(
        texts(&["a", "b"]),
        options(&[("minLength", JsValue::from(0))]),
    )
    .unwrap_err();
    assert!(error_message(e).contains("minLength"));
    let e = compare_js(texts(&["a", "b"]), options(&[("nope", JsValue::from(1))])).unwrap_err();
    let m = error_message(e);
    assert!(m.contains("invalid options") && m.contains("nope"), "{m}");
    let e = compare_js(
        texts(&["a", "b"]),
        options(&[("minLength", JsValue::from_str("ten"))]),
    )
    .unwrap_err();
    assert!(error_message(e).contains("invalid options"));
    let e = compare_js(JsValue::from_str("not an array"), JsValue::UNDEFINED).unwrap_err();
    assert!(error_message(e).contains("texts must be an array of strings"));
    assert!(validate_options(options(&[("minSimilarity", JsValue::from(2))])).is_err());
    assert!(validate_options(options(&[("reworded", JsValue::FALSE)])).is_ok());
}

#[wasm_bindgen_test]
fn decode_text_refuses_binary_and_reads_utf16() {
    assert!(decode_text_js(b"%PDF-1.7\x00\x01\x02").is_err());
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "日本語".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let d = decode_text_js(&utf16).unwrap();
    assert_eq!(
        Reflect::get(&d, &"text".into())
            .unwrap()
            .as_string()
            .unwrap(),
        "日本語"
    );
    let defaults = default_options().unwrap();
    assert_eq!(
        Reflect::get(&defaults, &"reworded".into()).unwrap(),
        JsValue::TRUE
    );
}

/// The wasm API runs the very detection of the CLI: the same text, the same
/// encoding, for Japanese legacy encodings and UTF-16 without a BOM.
#[wasm_bindgen_test]
fn decode_detects_encodings_as_natively() {
    let text = "港大橋は月曜日から六週間の通行止めになると市が発表した。\n技師が点検で主要なケーブル二本に亀裂を見つけた。";
    let mut cases: Vec<Vec<u8>> = [
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::ISO_2022_JP,
    ]
    .iter()
    .map(|e| e.encode(text).0.into_owned())
    .collect();
    cases.push(text.encode_utf16().flat_map(u16::to_le_bytes).collect());
    for bytes in cases {
        let native = quotelens::decode_text(&bytes).unwrap();
        let d = decode_text_js(&bytes).unwrap();
        let get = |k: &str| Reflect::get(&d, &k.into()).unwrap().as_string().unwrap();
        assert_eq!(get("text"), text);
        assert_eq!(get("encoding"), native.encoding);
        assert_ne!(native.encoding, "UTF-8");
        assert_eq!(get("detectedBy"), "guessed");
    }
}

/// Texts over the input limit together are refused with a message, not
/// compared until memory runs out.
#[wasm_bindgen_test]
fn too_much_text_is_refused() {
    let half = "a".repeat(max_input_bytes() / 2 + 1);
    let e = compare_js(texts(&[&half, &half]), JsValue::UNDEFINED).unwrap_err();
    let m = error_message(e);
    assert!(m.contains("too large") && m.contains("40 MB"), "{m}");
}
