//! Input: decode the bytes of a dropped or named file into text, in
//! whatever encoding it was saved, or say clearly why it is not text. The
//! CLI and the wasm API (and so the page) call this one function, so they
//! never disagree about a file.
//!
//! The encoding is decided in this order, and reported with how it was
//! decided ([`Decoded::encoding`], [`Decoded::detected_by`]):
//! 1. A byte-order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE.
//! 2. UTF-32 or UTF-16 without a BOM, from its zero bytes: the high bytes
//!    of ASCII characters (spaces, line ends, digits) are zero, so the byte
//!    order that reads them as ASCII is the file's.
//! 3. Binary is refused here, by what binary files look like: a file
//!    signature (PDF, PNG, JPEG, GIF, ZIP and so `.docx`, gzip, ELF, …; see
//!    [`SIGNATURES`]), or more than one byte in [`MAX_CONTROL_SHARE`] being
//!    a control byte.
//! 4. Valid UTF-8 is UTF-8 (unless it holds escape sequences, which only
//!    ISO-2022-JP uses: then the detector decides). A page re-saved as
//!    UTF-8 often keeps its old `<meta charset>`, so valid UTF-8 wins.
//! 5. UTF-8 with a few damaged sequences (at most one per
//!    [`DAMAGED_UTF8_RATIO`] valid multi-byte characters) stays UTF-8, with
//!    the damaged sequences replaced and counted.
//! 6. An HTML `<meta charset>` (or `http-equiv` content) in the first
//!    [`META_PRESCAN`] bytes, as browsers read it.
//! 7. Otherwise `chardetng`, the detector Firefox uses, guesses among the
//!    legacy encodings (Shift_JIS, EUC-JP, ISO-2022-JP, GB18030, Big5,
//!    EUC-KR, windows-125x, …), and `encoding_rs` decodes. Latin-1 files
//!    come out as windows-1252, its superset, as in every browser.
//!
//! Text with a few stray control bytes (two NULs in 11 KB of scanned prose)
//! stays text: the characters are kept, so offsets still match the file,
//! and counted in [`Decoded::control`], so the caller can warn. Sequences
//! that are invalid in the chosen encoding become U+FFFD and are counted in
//! [`Decoded::replaced`]; too many of them mean the bytes are not text.
//!
//! # Complexity
//! O(n) time: a few passes over the bytes (zero-byte and control counts,
//! UTF-8 validation, at most one detector pass and one decode).

use crate::MAX_INPUT_BYTES;
use encoding_rs::{DecoderResult, Encoding};
use serde::Serialize;
use std::fmt;

/// Decoded text: what it says, which encoding it was in, and what was
/// wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding, by its WHATWG name: `UTF-8`, `UTF-16LE`, `UTF-16BE`,
    /// `UTF-32LE`, `UTF-32BE`, `Shift_JIS`, `EUC-JP`, `ISO-2022-JP`,
    /// `gb18030`, `GBK`, `Big5`, `EUC-KR`, `windows-1252`, …
    pub encoding: &'static str,
    /// How the encoding was decided.
    pub detected_by: DetectedBy,
    /// Invalid sequences replaced by U+FFFD (0 for clean input).
    pub replaced: usize,
    /// Control characters kept in the text (NUL, backspace, …; not tab,
    /// line feed, form feed, carriage return or escape): stray bytes of a
    /// scanned or scraped text, worth a warning.
    pub control: usize,
}

/// How [`decode_text`] decided the encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DetectedBy {
    /// A byte-order mark.
    Bom,
    /// The bytes are valid UTF-8 (plain ASCII included), or UTF-8 with a few
    /// damaged sequences.
    Utf8,
    /// An HTML `<meta charset>` declaration.
    Declared,
    /// Guessed: UTF-16/32 by its zero bytes, or a legacy encoding by
    /// `chardetng`.
    Guessed,
}

/// Why bytes were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// A binary file (PDF, image, archive, …): a file signature, many
    /// control bytes, or bytes that are invalid in every encoding.
    Binary,
    /// More than [`MAX_INPUT_BYTES`] bytes.
    TooLarge {
        /// The size of the input, in bytes.
        bytes: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Binary => {
                write!(f, "this is a binary file, not text (save it as .txt first)")
            }
            InputError::TooLarge { bytes } => {
                write!(
                    f,
                    "this file is {}",
                    crate::too_large(*bytes).unwrap_or_default()
                )
            }
        }
    }
}

impl std::error::Error for InputError {}

/// File signatures (magic numbers) of binary formats people drop by mistake,
/// each with its offset.
pub(crate) const SIGNATURES: &[(usize, &[u8])] = &[
    (0, b"%PDF-"),
    (0, b"\x89PNG\r\n\x1a\n"),
    (0, b"\xFF\xD8\xFF"), // JPEG
    (0, b"GIF87a"),
    (0, b"GIF89a"),
    (0, b"PK\x03\x04"), // ZIP, .docx, .xlsx, .epub, .odt
    (0, b"\x1F\x8B"),   // gzip
    (0, b"BZh"),        // bzip2
    (0, b"7z\xBC\xAF\x27\x1C"),
    (0, b"Rar!\x1A\x07"),
    (0, b"\x7FELF"),
    (0, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), // .doc, .xls (OLE)
    (0, b"SQLite format 3\x00"),
    (0, b"\x00asm"), // WebAssembly
    (0, b"RIFF"),    // WAV, AVI, WebP
    (0, b"OggS"),
    (0, b"fLaC"),
    (0, b"ID3"),              // MP3
    (4, b"ftyp"),             // MP4, MOV, HEIC
    (0, b"\x28\xB5\x2F\xFD"), // zstd
];

/// More than one control byte in this many is binary: text has none but
/// tab, line feed, form feed, carriage return and escape (ISO-2022-JP), and
/// a scanned or scraped text a few strays; a binary format has them
/// everywhere.
pub(crate) const MAX_CONTROL_SHARE: usize = 10;

/// Control bytes that never occur in text (see [`MAX_CONTROL_SHARE`]).
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | 0x1B)) || b == 0x7F
}

/// True when `bytes` start with a binary signature. A signature of
/// printable letters (`ID3`, `RIFF`, `GIF89a`) could begin a text, so it
/// counts only with a control byte in the next [`SIGNATURE_WINDOW`] bytes,
/// as every such format has (sizes, versions).
fn has_signature(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SIGNATURE_WINDOW)];
    let head_control = head.iter().any(|&b| is_control(b));
    SIGNATURES.iter().any(|(at, sig)| {
        let printable = sig.iter().all(|b| (0x20..0x7F).contains(b));
        bytes.get(*at..*at + sig.len()) == Some(*sig)
            && (!printable || head_control || sig == b"%PDF-")
    })
}

/// Bytes after the start in which a printable signature needs a control
/// byte (see [`has_signature`]).
const SIGNATURE_WINDOW: usize = 64;

/// More than one invalid sequence in this many bytes means "not text"…
const MAX_INVALID_SHARE: usize = 100;

/// …unless there are no more than this many: a few stray bytes in a short
/// text are a damaged text, not a binary file.
const FEW_INVALID: usize = 8;

/// Bytes that are not valid UTF-8 are still UTF-8, damaged, when they hold
/// at least this many valid multi-byte characters per invalid sequence. A
/// legacy encoding forms valid UTF-8 only by chance: a Latin-1 accent is
/// followed by ASCII, Shift_JIS and EUC-JP text gives a few percent of
/// valid sequences against one invalid sequence per character or two, so
/// twice as many valid as invalid is UTF-8 beyond doubt.
pub const DAMAGED_UTF8_RATIO: usize = 2;

/// How far into the bytes an HTML `<meta charset>` is looked for: the 1024
/// bytes of the HTML standard's prescan.
pub const META_PRESCAN: usize = 1024;

/// UTF-16 without a BOM has at least one zero byte in this many: one ASCII
/// character (a line end, a space, a digit) per 256 characters, which even
/// Japanese prose has; text with stray NULs has far fewer.
const MIN_ZERO_SHARE: usize = 512;

/// Decodes file bytes to text (see the module docs).
///
/// ```
/// use quotelens::{decode_text, DetectedBy, InputError};
/// assert_eq!(decode_text(b"caf\xC3\xA9").unwrap().text, "café");
/// assert_eq!(decode_text(b"%PDF-1.7\x00\x01").unwrap_err(), InputError::Binary);
/// let stray = decode_text(b"A scanned page of text\x00 with one stray NUL byte in it.").unwrap();
/// assert_eq!(stray.control, 1);
/// // UTF-8 with one damaged byte stays UTF-8, the byte replaced and counted
/// let mut damaged = "Zoë and Noël met in Köln, Zürich, Malmö and Øresund.".as_bytes().to_vec();
/// damaged.insert(2, 0xFF); // between "Zo" and "ë"
/// let d = decode_text(&damaged).unwrap();
/// assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
/// // Shift_JIS, as older Japanese sites and saved pages have it
/// let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("港大橋は月曜日から通行止めになる。市が発表した。");
/// let d = decode_text(&sjis).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding, d.detected_by), ("港大橋は月曜日から通行止めになる。市が発表した。", "Shift_JIS", DetectedBy::Guessed));
/// ```
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge { bytes: bytes.len() });
    }
    if has_signature(bytes) {
        return Err(InputError::Binary);
    }
    if let Some(d) = by_bom(bytes) {
        return checked(d, bytes.len());
    }
    let control = bytes.iter().filter(|&&b| is_control(b)).count();
    let few_control = control * MAX_CONTROL_SHARE <= bytes.len();
    let valid = std::str::from_utf8(bytes).ok();
    // Valid UTF-8 with a few stray NULs is that, not UTF-16: UTF-16 of a
    // space-separated script is half zero bytes, and of CJK text is almost
    // never valid UTF-8.
    if valid.is_none() || !few_control {
        if let Some(d) = wide_without_bom(bytes) {
            return checked(d, bytes.len());
        }
    }
    if !few_control {
        return Err(InputError::Binary);
    }
    let d = match valid {
        Some(s) if !bytes.contains(&0x1B) => Decoded {
            text: s.to_owned(),
            encoding: encoding_rs::UTF_8.name(),
            detected_by: DetectedBy::Utf8,
            replaced: 0,
            control,
        },
        None if damaged_utf8(bytes) => decode(encoding_rs::UTF_8, bytes, DetectedBy::Utf8),
        _ => match declared(bytes) {
            Some(enc) => decode(enc, bytes, DetectedBy::Declared),
            None => decode(detect(bytes), bytes, DetectedBy::Guessed),
        },
    };
    checked(d, bytes.len())
}

/// The multi-byte legacy encodings a file with a few damaged bytes may be
/// in (see [`detect`]).
const MULTI_BYTE: [&Encoding; 5] = [
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_JP,
    encoding_rs::GB18030,
    encoding_rs::BIG5,
    encoding_rs::EUC_KR,
];

/// `chardetng`'s guess. The detector rules out an encoding at its first
/// invalid byte, so a Shift_JIS file with one damaged byte would come out
/// as windows-1252 mojibake. So when it guesses a single-byte encoding, each
/// multi-byte one that decodes the file with few errors is tried again on
/// the file without its damaged sequences: if the detector then picks it,
/// it is the file's encoding.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let guess = |b: &[u8]| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
        detector.feed(b, true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    };
    let first = guess(bytes);
    if !first.is_single_byte() {
        return first;
    }
    MULTI_BYTE
        .iter()
        .filter_map(|&enc| {
            let d = decode(enc, bytes, DetectedBy::Guessed);
            if d.replaced == 0 || too_many(d.replaced, MAX_INVALID_SHARE, bytes.len()) {
                return None; // clean, so the detector saw it already; or not it
            }
            let text = d.text.replace(char::REPLACEMENT_CHARACTER, "");
            let (clean, _, _) = enc.encode(&text);
            (guess(&clean) == enc).then_some((d.replaced, enc))
        })
        .min_by_key(|&(replaced, _)| replaced)
        .map_or(first, |(_, enc)| enc)
}

/// Refuses what decoded to mostly replacement or control characters.
fn checked(d: Decoded, len: usize) -> Result<Decoded, InputError> {
    if too_many(d.replaced, MAX_INVALID_SHARE, len) || too_many(d.control, MAX_CONTROL_SHARE, len) {
        return Err(InputError::Binary);
    }
    Ok(d)
}

/// More than [`FEW_INVALID`] bad characters, and more than one in `share`
/// of `len` bytes.
fn too_many(n: usize, share: usize, len: usize) -> bool {
    n > FEW_INVALID && n * share > len
}

/// Decodes by a byte-order mark, if there is one.
fn by_bom(bytes: &[u8]) -> Option<Decoded> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE, 0, 0]) {
        return Some(utf32(rest, false, DetectedBy::Bom));
    }
    if let Some(rest) = bytes.strip_prefix(&[0, 0, 0xFE, 0xFF]) {
        return Some(utf32(rest, true, DetectedBy::Bom));
    }
    let (enc, bom) = Encoding::for_bom(bytes)?;
    Some(decode(enc, &bytes[bom..], DetectedBy::Bom))
}

/// UTF-32 or UTF-16 without a BOM, told by its zero bytes: the high bytes
/// of every ASCII character are zero, at one position of the code unit.
fn wide_without_bom(bytes: &[u8]) -> Option<Decoded> {
    let mut zeros = [0usize; 4];
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            zeros[i % 4] += 1;
        }
    }
    let all: usize = zeros.iter().sum();
    if all == 0 {
        return None;
    }
    // UTF-32: every unit a scalar value, so its top byte is always zero
    if bytes.len() % 4 == 0 {
        let units = bytes.len() / 4;
        for (top, be) in [(3, false), (0, true)] {
            if zeros[top] == units && bytes.len() >= 4 {
                let d = utf32(bytes, be, DetectedBy::Guessed);
                if d.replaced == 0 {
                    return Some(d);
                }
            }
        }
    }
    if bytes.len() % 2 != 0 {
        return None;
    }
    // A few stray NULs in 8-bit text are not UTF-16: real UTF-16 has an
    // ASCII character (a line end, a space, a digit) every so often.
    if all * MIN_ZERO_SHARE < bytes.len() {
        return None;
    }
    // The byte order in which the zero bytes are the high bytes of ASCII
    // characters: read the other way, a line end is U+0A00 and a space
    // U+2000. (A CJK character U+xx00 gives a zero the other way, so it is
    // the count of ASCII characters that decides, not the zeros' positions.)
    let ascii = |d: &Decoded| {
        let clean = d.replaced == 0 && d.control * MAX_CONTROL_SHARE <= d.text.len();
        let n = d
            .text
            .chars()
            .filter(|c| c.is_ascii_graphic() || c.is_ascii_whitespace())
            .count();
        if clean {
            n
        } else {
            0
        }
    };
    let le = decode(encoding_rs::UTF_16LE, bytes, DetectedBy::Guessed);
    let be = decode(encoding_rs::UTF_16BE, bytes, DetectedBy::Guessed);
    let (nl, nb) = (ascii(&le), ascii(&be));
    if nl > 2 * nb {
        Some(le)
    } else if nb > 2 * nl {
        Some(be)
    } else {
        None
    }
}

/// UTF-32 (which `encoding_rs`, following the web, does not decode).
fn utf32(bytes: &[u8], be: bool, how: DetectedBy) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for c in bytes.chunks(4) {
        let unit = match <[u8; 4]>::try_from(c) {
            Ok(b) if be => char::from_u32(u32::from_be_bytes(b)),
            Ok(b) => char::from_u32(u32::from_le_bytes(b)),
            Err(_) => None, // a cut-off last unit
        };
        text.push(unit.unwrap_or_else(|| {
            replaced += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    let name = if be { "UTF-32BE" } else { "UTF-32LE" };
    finish(text, name, how, replaced)
}

/// Decodes with `enc`, replacing and counting malformed sequences.
fn decode(enc: &'static Encoding, bytes: &[u8], how: DetectedBy) -> Decoded {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let room = |d: &encoding_rs::Decoder, n: usize| {
        d.max_utf8_buffer_length_without_replacement(n)
            .unwrap_or(n.saturating_mul(3))
    };
    let mut text = String::with_capacity(room(&decoder, bytes.len()));
    let (mut rest, mut replaced) = (bytes, 0);
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = &rest[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(room(&decoder, rest.len()).max(4)),
            DecoderResult::Malformed(_, _) => {
                replaced += 1;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    finish(text, enc.name(), how, replaced)
}

fn finish(text: String, encoding: &'static str, how: DetectedBy, replaced: usize) -> Decoded {
    let control = text
        .chars()
        .filter(|&c| c.is_ascii() && is_control(c as u8))
        .count();
    Decoded {
        text,
        encoding,
        detected_by: how,
        replaced,
        control,
    }
}

/// True when invalid UTF-8 is UTF-8 all the same, damaged: at least
/// [`DAMAGED_UTF8_RATIO`] valid multi-byte characters per invalid sequence.
fn damaged_utf8(bytes: &[u8]) -> bool {
    let (mut invalid, mut wide) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    wide >= invalid * DAMAGED_UTF8_RATIO
}

/// The encoding an HTML `<meta charset="…">` or `<meta http-equiv
/// content="…; charset=…">` declares in the first [`META_PRESCAN`] bytes, as
/// the HTML standard's prescan reads it (UTF-16 labels mean UTF-8 there).
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_PRESCAN)].to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = find(&head[at..], b"<meta") {
        let tag_start = at + i + 5;
        let tag_end = find(&head[tag_start..], b">").map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset") {
            let value = tag[c + 7..].trim_ascii_start();
            if let Some(value) = value.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let end = value
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'>'))
                    .unwrap_or(value.len());
                if let Some(enc) = Encoding::for_label(&value[..end]) {
                    return Some(enc.output_encoding());
                }
            }
        }
        at = tag_end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    use encoding_rs as e;

    const JA: &str = "港大橋は月曜日から六週間の通行止めになると市が発表した。\n\
        技師が定期点検で主要なケーブル二本に亀裂を見つけたという。\n\
        迂回路はトンネル経由となり、朝の渋滞が予想される。";

    fn utf16(text: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for u in bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16()) {
            out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    fn utf32(text: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        for c in bom.then_some('\u{FEFF}').into_iter().chain(text.chars()) {
            let u = c as u32;
            out.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn utf16_and_utf32_with_and_without_bom() {
        let mixed = format!("{JA}\nThe bridge closes on Monday. 😀\n");
        for be in [false, true] {
            for bom in [true, false] {
                let how = if bom {
                    DetectedBy::Bom
                } else {
                    DetectedBy::Guessed
                };
                for (bytes, name) in [
                    (
                        utf16(&mixed, be, bom),
                        if be { "UTF-16BE" } else { "UTF-16LE" },
                    ),
                    (
                        utf32(&mixed, be, bom),
                        if be { "UTF-32BE" } else { "UTF-32LE" },
                    ),
                ] {
                    let d = decode_text(&bytes).unwrap();
                    assert_eq!(
                        (d.text.as_str(), d.encoding, d.detected_by),
                        (mixed.as_str(), name, how)
                    );
                    assert_eq!((d.replaced, d.control), (0, 0));
                }
            }
        }
        // English only: every other byte is zero
        let d = decode_text(&utf16("plain English text, no BOM\r\n", false, false)).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("plain English text, no BOM\r\n", "UTF-16LE")
        );
        // a damaged UTF-16 file (odd length) is decoded with the damage counted
        let d = decode_text(&[0xFF, 0xFE, 0x41, 0x00, 0x42]).unwrap();
        assert_eq!((d.text.as_str(), d.replaced), ("A\u{FFFD}", 1));
    }

    #[test]
    fn legacy_encodings_are_detected_and_decoded() {
        let zh_hans = "市政府周一宣布，港口大桥将从下周起封闭六个星期进行维修。工程师在例行检查中发现两根主缆出现裂缝。\n车辆将改道经过隧道，早高峰预计会出现拥堵。";
        let zh_hant = "市政府週一宣布，港口大橋將從下週起封閉六個星期進行維修。工程師在例行檢查中發現兩根主纜出現裂縫。\n車輛將改道經過隧道，早高峰預計會出現擁堵。";
        let ko = "시는 월요일부터 항구 대교를 6주 동안 보수를 위해 통행을 금지한다고 발표했다. 기술자들이 정기 점검에서 주요 케이블 두 개에 균열을 발견했다.\n차량은 터널로 우회하게 된다.";
        let fr = "Le pont du port sera fermé pendant six semaines à partir de lundi, a annoncé la ville. Les ingénieurs ont découvert des fissures dans deux câbles lors d'une inspection réalisée en été; la circulation sera déviée par le tunnel, où l'on prévoit des embouteillages à l'heure de pointe.";
        let ru = "Городские власти объявили, что мост в порту будет закрыт на шесть недель с понедельника. Инженеры обнаружили трещины в двух главных тросах во время плановой проверки, и движение будет направлено через тоннель.";
        let el = "Η γέφυρα του λιμανιού θα κλείσει για έξι εβδομάδες από τη Δευτέρα, ανακοίνωσε ο δήμος. Οι μηχανικοί βρήκαν ρωγμές σε δύο κύρια καλώδια κατά τη διάρκεια ελέγχου και η κυκλοφορία θα εκτραπεί μέσω της σήραγγας.";
        let cases: [(&str, &e::Encoding, &[&str]); 9] = [
            (JA, e::SHIFT_JIS, &["Shift_JIS"]),
            (JA, e::EUC_JP, &["EUC-JP"]),
            (JA, e::ISO_2022_JP, &["ISO-2022-JP"]),
            (zh_hans, e::GB18030, &["gb18030", "GBK"]),
            (zh_hant, e::BIG5, &["Big5"]),
            (ko, e::EUC_KR, &["EUC-KR"]),
            (fr, e::WINDOWS_1252, &["windows-1252"]),
            (ru, e::WINDOWS_1251, &["windows-1251"]),
            (el, e::WINDOWS_1253, &["windows-1253", "ISO-8859-7"]),
        ];
        for (text, enc, names) in cases {
            let (bytes, _, unmappable) = enc.encode(text);
            assert!(!unmappable, "{}", enc.name());
            let d = decode_text(&bytes).unwrap_or_else(|err| panic!("{}: {err}", enc.name()));
            assert_eq!(d.text, text, "{}", enc.name());
            assert!(
                names.contains(&d.encoding),
                "{} read as {}",
                enc.name(),
                d.encoding
            );
            assert_eq!(
                (d.replaced, d.control, d.detected_by),
                (0, 0, DetectedBy::Guessed),
                "{}",
                enc.name()
            );
        }
        // Latin-1 is read as windows-1252, its superset, as browsers do
        let latin1: Vec<u8> = fr.chars().map(|c| c as u32 as u8).collect();
        assert_eq!(decode_text(&latin1).unwrap().text, fr);
    }

    #[test]
    fn a_few_bad_bytes_never_garble_a_legacy_file() {
        let (sjis, _, _) = e::SHIFT_JIS.encode(JA);
        let mut bytes = sjis.into_owned();
        bytes.insert(bytes.len() / 2, 0xFF);
        bytes.push(0x81); // a lead byte cut off at the end
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.encoding, "Shift_JIS");
        assert_eq!(d.replaced, 2);
        assert!(d.text.starts_with("港大橋は月曜日から"), "{}", d.text);
        assert!(d.text.contains("迂回路はトンネル経由"), "{}", d.text);
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut bytes = JA.as_bytes().to_vec();
        bytes.insert(9, 0xFF); // between two characters
        bytes.insert(40, 0xC3); // a lead byte without its continuation
        let d = decode_text(&bytes).unwrap();
        assert_eq!(
            (d.encoding, d.detected_by, d.replaced),
            ("UTF-8", DetectedBy::Utf8, 2)
        );
        assert!(d.text.contains("迂回路はトンネル経由"));
    }

    #[test]
    fn html_meta_charset_is_read() {
        let page = format!(
            "<!DOCTYPE html><html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><title>t</title></head><body><p>{JA}</p></body></html>"
        );
        let (bytes, _, _) = e::SHIFT_JIS.encode(&page);
        let d = decode_text(&bytes).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.detected_by),
            (page.as_str(), "Shift_JIS", DetectedBy::Declared)
        );
        let page = format!("<html><head><meta charset='euc-jp'></head><body>{JA}</body></html>");
        let (bytes, _, _) = e::EUC_JP.encode(&page);
        let d = decode_text(&bytes).unwrap();
        assert_eq!(
            (d.encoding, d.detected_by),
            ("EUC-JP", DetectedBy::Declared)
        );
        // a page re-saved as UTF-8 that kept its old declaration is UTF-8
        let d = decode_text(page.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (page.as_str(), "UTF-8"));
    }

    #[test]
    fn utf8_bom_is_dropped_and_garbage_refused() {
        let d = decode_text(b"\xEF\xBB\xBFhi").unwrap();
        assert_eq!((d.text.as_str(), d.detected_by), ("hi", DetectedBy::Bom));
        // random bytes of every value, as compressed data is: binary
        let mut x = 0x9E37_79B9u32;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8
            })
            .collect();
        assert_eq!(decode_text(&noise), Err(InputError::Binary));
        assert_eq!(decode_text(b"").unwrap().text, "");
    }

    #[test]
    fn too_large_is_refused_before_any_work() {
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        let err = decode_text(&big).unwrap_err();
        assert_eq!(
            err,
            InputError::TooLarge {
                bytes: MAX_INPUT_BYTES + 1
            }
        );
        assert!(err.to_string().contains("40 MB"), "{err}");
    }

    #[test]
    fn stray_control_bytes_stay_text_and_binaries_are_refused() {
        // two NUL bytes in 11 KB of prose: text, with the bytes kept
        let mut prose = "The committee met on Tuesday to discuss the budget. ".repeat(212);
        prose.insert(4000, '\0');
        prose.insert(9000, '\0');
        let d = decode_text(prose.as_bytes()).unwrap();
        assert_eq!(d.control, 2);
        assert_eq!(d.text, prose);
        // every signature is refused, even with text after it
        for (at, sig) in SIGNATURES {
            let mut bytes = vec![0u8; *at];
            bytes.extend_from_slice(sig);
            bytes.extend_from_slice(b"\x03\x00 then a long stretch of perfectly ordinary text");
            assert_eq!(decode_text(&bytes), Err(InputError::Binary), "{sig:?}");
        }
        // …but a text may begin with the letters of one
        let id3 = decode_text(b"ID3 tags are metadata in MP3 files, as the manual explains.");
        assert!(id3.is_ok());
        // control bytes everywhere: binary, whatever the signature
        let noise: Vec<u8> = (0..4000u32)
            .map(|i| if i % 5 == 0 { 1 } else { b'a' })
            .collect();
        assert_eq!(decode_text(&noise), Err(InputError::Binary));
        // escape is text (ISO-2022-JP uses it)
        assert_eq!(decode_text(b"\x1b$B$3$s$K$A$O\x1b(B").unwrap().control, 0);
    }
}
