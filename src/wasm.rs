//! The WebAssembly API: a thin layer that converts JS values to the core's
//! types and back, and errors to `Error`s with readable messages. It adds no
//! logic of its own. This is the only file that touches wasm-bindgen,
//! js-sys or serde-wasm-bindgen.
//!
//! ```js
//! import init, { compare, defaultOptions } from "./pkg/quotelens.js";
//! await init();
//! const report = compare([textA, textB], { minLength: 80 });
//! // reading files: the decoding module
//! import initDecode, { decodeFile } from "./pkg/quotelens_decode.js";
//! await initDecode();
//! const { text, encoding } = decodeFile(new Uint8Array(await file.arrayBuffer()));
//! ```
//!
//! The exports come in two modules (see wasm-pack.toml): feature
//! `wasm-compare` gives `compare`, `defaultOptions`, `validateOptions`,
//! `maxInputBytes` and `version`; feature `wasm-decode` gives `decodeFile`,
//! with the encoding detector, which the page loads only to read a file.
//!
//! Cost: the core's, plus one copy of each text in and of the report out.

#[cfg(feature = "wasm-compare")]
use crate::{Options, Report, MAX_INPUT_BYTES};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Options of `compare`; every field is optional and has a default. */
export interface Options {
  /** Shortest passage, in weighted characters (CJK counts 2). Default 60. */
  minLength?: number;
  /** Longest unquoted run bridged inside a passage. Default 40. */
  maxGap?: number;
  /** Seed k-gram length, in weighted characters. Default 16. */
  seedLength?: number;
  /** K-grams more frequent than this in one document seed nothing. Default 16. */
  maxOccurrences?: number;
  /** Lowest share of equal text in a passage, 0 to 1. Default 0.4. */
  minSimilarity?: number;
  /** Fold English inflections when seeding. Default true. */
  stem?: boolean;
  /** Skip English function words when seeding. Default true. */
  stopWords?: boolean;
  /** Also find reworded passages (any script). Default true. */
  reworded?: boolean;
}

/** A span of one document, in UTF-16 code units (end exclusive). */
export interface Span { doc: number; start: number; end: number; }
/** Start and end, in UTF-16 code units, of a span whose document is known. */
export interface Bounds { start: number; end: number; }

export type SegmentKind = "shared" | "added";
export interface Segment { start: number; end: number; kind: SegmentKind; passages: number[]; }

export interface Document {
  name: string;
  /** The encoding the text was read in (WHATWG name), when a front end
   * read it from a file; absent from `compare`'s own report. */
  encoding?: string;
  /** `fnv1a32:` and 8 hex digits: the 32-bit FNV-1a hash of the text's
   * UTF-16 code units, so a report is never drawn over other texts. */
  fingerprint?: string;
  /** Length in UTF-16 code units. */
  length: number;
  shared: number;
  added: number;
  /** Spans that tile the whole text. */
  segments: Segment[];
}

export type EditKind = "equal" | "only_a" | "only_b";
export interface Edit { kind: EditKind; a: Bounds; b: Bounds; }

/** How a passage was reused: equal after folding, equal runs with small
 * edits, or matched by shared content (words replaced or moved, a summary). */
export type PassageKind = "verbatim" | "edited" | "reworded";
/** For a reworded passage, the spans on each side holding a content unit
 * (a content word, or a Han/Katakana/Hangul bigram) the other side holds. */
export interface Matched { a: Bounds[]; b: Bounds[]; }

export interface Passage {
  id: number;
  group: number;
  a: Span;
  b: Span;
  kind: PassageKind;
  similarity: number;
  edits: Edit[];
  matched: Matched;
}

export interface Group { id: number; passages: number[]; spans: Span[]; }

/** The result of `compare`: the same schema as the CLI's `--json`. */
export interface Report {
  version: number;
  options: Required<Options>;
  documents: Document[];
  passages: Passage[];
  groups: Group[];
}

/** How `decodeFile` decided the encoding: a byte-order mark, valid UTF-8,
 * an HTML `<meta charset>`, or a guess (UTF-16/32 by its zero bytes, a
 * legacy encoding by chardetng). */
export type DetectedBy = "bom" | "utf8" | "declared" | "guessed";
/** Text decoded from file bytes: the encoding used (WHATWG name, such as
 * "UTF-8", "Shift_JIS", "EUC-JP", "UTF-16LE", "windows-1252"), how it was
 * found, the count of replaced invalid sequences and of stray control
 * characters kept in the text. */
export interface Decoded {
  text: string;
  encoding: string;
  detectedBy: DetectedBy;
  replaced: number;
  control: number;
}
"#;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}

#[cfg(feature = "wasm-compare")]
/// Options go through JSON so that serde's `deny_unknown_fields` applies
/// (serde-wasm-bindgen reads struct fields by name and would silently skip a
/// misspelt `minlength`).
fn options_from(options: JsValue) -> Result<Options, JsError> {
    let opts: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        let json = js_sys::JSON::stringify(&options)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| JsError::new("invalid options: not a plain object"))?;
        serde_json::from_str(&json).map_err(|e| JsError::new(&format!("invalid options: {e}")))?
    };
    opts.validate().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(opts)
}

#[cfg(feature = "wasm-compare")]
/// Compares texts and returns the report (see the `Report` type). Throws an
/// `Error` when `texts` is not an array of strings or an option is invalid.
#[wasm_bindgen(js_name = compare, unchecked_return_type = "Report")]
pub fn compare_js(
    #[wasm_bindgen(unchecked_param_type = "string[]")] texts: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let texts: Vec<String> = serde_wasm_bindgen::from_value(texts)
        .map_err(|e| JsError::new(&format!("texts must be an array of strings: {e}")))?;
    let opts = options_from(options)?;
    if let Some(why) = crate::too_large(texts.iter().map(String::len).sum()) {
        return Err(JsError::new(&format!("the texts are {why}")));
    }
    let report: Report = crate::compare(&texts, &opts);
    to_js(&report)
}

#[cfg(feature = "wasm-compare")]
/// The default options.
#[wasm_bindgen(js_name = defaultOptions, unchecked_return_type = "Required<Options>")]
pub fn default_options() -> Result<JsValue, JsError> {
    to_js(&Options::default())
}

#[cfg(feature = "wasm-compare")]
/// Checks options; throws an `Error` that names the bad field.
#[wasm_bindgen(js_name = validateOptions)]
pub fn validate_options(
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
) -> Result<(), JsError> {
    options_from(options).map(|_| ())
}

#[cfg(feature = "wasm-decode")]
/// Decodes file bytes to text in whatever encoding they are (the very
/// detection of the CLI: BOM, UTF-16/32 without BOM, UTF-8, HTML `<meta
/// charset>`, then chardetng); throws an `Error` for binary data or more
/// than the input limit. (Named `decodeFile` in JS: wasm-bindgen's own glue
/// already has a `decodeText`.)
#[wasm_bindgen(js_name = decodeFile, unchecked_return_type = "Decoded")]
pub fn decode_text_js(bytes: &[u8]) -> Result<JsValue, JsError> {
    let d = crate::decode_text(bytes).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&d)
}

#[cfg(feature = "wasm-compare")]
/// The most text one comparison takes, in UTF-8 bytes of all its texts.
#[wasm_bindgen(js_name = maxInputBytes)]
pub fn max_input_bytes() -> usize {
    MAX_INPUT_BYTES
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
