//! Input: decode the bytes of a dropped or named file into text, or say
//! clearly why it is not text.
//!
//! - UTF-8, with or without a BOM (the BOM is dropped).
//! - UTF-16 LE or BE with a BOM, decoded.
//! - A NUL byte anywhere else, or mostly invalid UTF-8: refused as binary.
//! - A few invalid UTF-8 sequences in otherwise good text: decoded lossily
//!   (each becomes U+FFFD) and counted, so the caller can warn.
//!
//! # Complexity
//! O(n) time, one pass for validation and one for the NUL scan.

use std::fmt;

/// Decoded text, and how many invalid UTF-8 sequences were replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Invalid sequences replaced by U+FFFD (0 for clean input).
    pub replaced: usize,
}

/// Why bytes were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// NUL bytes or mostly invalid UTF-8: a binary file (PDF, image, …).
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
    if bytes.contains(&0) {
        return Err(InputError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_owned(),
            replaced: 0,
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
        Ok(text) if !text.contains('\0') => Ok(Decoded { text, replaced: 0 }),
        Ok(_) => Err(InputError::Binary),
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
}
