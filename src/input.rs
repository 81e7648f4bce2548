//! Input: decode the bytes of a dropped or named file into text, or say
//! clearly why it is not text.
//!
//! - UTF-8, with or without a BOM (the BOM is dropped).
//! - UTF-16 LE or BE with a BOM, decoded.
//! - Binary is decided by what binary files look like: a file signature
//!   (PDF, PNG, JPEG, GIF, ZIP and so `.docx`, gzip, ELF, …; see
//!   [`SIGNATURES`]), or more than one byte in [`MAX_CONTROL_SHARE`] being a
//!   control byte, or mostly invalid UTF-8. Such input is refused.
//! - Text with a few stray control bytes (two NULs in 11 KB of scanned
//!   prose) stays text: the bytes are kept, so offsets still match the
//!   file, and counted in [`Decoded::control`], so the caller can warn.
//! - A few invalid UTF-8 sequences in otherwise good text: decoded lossily
//!   (each becomes U+FFFD) and counted, so the caller can warn.
//!
//! # Complexity
//! O(n) time: one pass for validation and one to count control bytes.

use std::fmt;

/// Decoded text, and how many invalid UTF-8 sequences were replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Invalid sequences replaced by U+FFFD (0 for clean input).
    pub replaced: usize,
    /// Control characters kept in the text (NUL, backspace, …; not tab,
    /// line feed, form feed, carriage return or escape): stray bytes of a
    /// scanned or scraped text, worth a warning.
    pub control: usize,
}

/// Why bytes were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// A binary file (PDF, image, archive, …): a file signature, many
    /// control bytes, or mostly invalid UTF-8.
    Binary,
    /// A UTF-16 BOM, but an odd length or unpaired surrogates.
    BadUtf16,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Binary => {
                write!(f, "this is a binary file, not text (save it as .txt first)")
            }
            InputError::BadUtf16 => write!(
                f,
                "this UTF-16 file is damaged (odd length or broken surrogates)"
            ),
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

/// True when `bytes` start with a binary signature or hold too many
/// control bytes. A signature of printable letters (`ID3`, `RIFF`, `GIF89a`)
/// could begin a text, so it counts only with a control byte in the next
/// [`SIGNATURE_WINDOW`] bytes, as every such format has (sizes, versions).
fn looks_binary(bytes: &[u8], control: usize) -> bool {
    let head = &bytes[..bytes.len().min(SIGNATURE_WINDOW)];
    let head_control = head.iter().any(|&b| is_control(b));
    SIGNATURES.iter().any(|(at, sig)| {
        let printable = sig.iter().all(|b| (0x20..0x7F).contains(b));
        bytes.get(*at..*at + sig.len()) == Some(*sig)
            && (!printable || head_control || sig == b"%PDF-")
    }) || control * MAX_CONTROL_SHARE > bytes.len()
}

/// Bytes after the start in which a printable signature needs a control
/// byte (see [`looks_binary`]).
const SIGNATURE_WINDOW: usize = 64;

/// More than one invalid sequence in this many bytes means "not text"…
const MAX_INVALID_SHARE: usize = 100;

/// …unless there are no more than this many: a few stray bytes in a short
/// text are a damaged text, not a binary file.
const FEW_INVALID: usize = 8;

/// Decodes file bytes to text (see the module docs).
///
/// ```
/// use quotelens::{decode_text, InputError};
/// assert_eq!(decode_text(b"caf\xC3\xA9").unwrap().text, "café");
/// assert_eq!(decode_text(b"%PDF-1.7\x00\x01").unwrap_err(), InputError::Binary);
/// let stray = decode_text(b"A scanned page of text\x00 with one stray NUL byte in it.").unwrap();
/// assert_eq!(stray.control, 1);
/// let lossy = decode_text(b"one bad \xFF byte in a line of otherwise good text").unwrap();
/// assert_eq!(lossy.replaced, 1);
/// ```
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, InputError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let control = bytes.iter().filter(|&&b| is_control(b)).count();
    if looks_binary(bytes, control) {
        return Err(InputError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_owned(),
            replaced: 0,
            control,
        }),
        Err(_) => {
            let mut replaced = 0;
            for chunk in bytes.utf8_chunks() {
                if !chunk.invalid().is_empty() {
                    replaced += 1;
                }
            }
            if replaced > FEW_INVALID && replaced * MAX_INVALID_SHARE > bytes.len() {
                return Err(InputError::Binary);
            }
            Ok(Decoded {
                text: String::from_utf8_lossy(bytes).into_owned(),
                replaced,
                control,
            })
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<Decoded, InputError> {
    if bytes.len() % 2 != 0 {
        return Err(InputError::BadUtf16);
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let text: Result<String, _> = char::decode_utf16(units).collect();
    match text {
        Ok(text) => {
            let control = text
                .chars()
                .filter(|&c| c.is_ascii() && is_control(c as u8))
                .count();
            if control * MAX_CONTROL_SHARE > text.len() {
                return Err(InputError::Binary);
            }
            Ok(Decoded {
                text,
                replaced: 0,
                control,
            })
        }
        Err(_) => Err(InputError::BadUtf16),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "日本語 ok".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&le).unwrap().text, "日本語 ok");
        let mut be = vec![0xFE, 0xFF];
        for u in "😀".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode_text(&be).unwrap().text, "😀");
        assert_eq!(decode_text(&[0xFF, 0xFE, 0x41]), Err(InputError::BadUtf16));
    }

    #[test]
    fn utf8_bom_is_dropped_and_garbage_refused() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi").unwrap().text, "hi");
        let garbage: Vec<u8> = (0..200u32).map(|i| (i * 37 % 128 + 128) as u8).collect();
        assert_eq!(decode_text(&garbage), Err(InputError::Binary));
        assert_eq!(decode_text(b"").unwrap().text, "");
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
