//! Normalize: fold width (NFKC), case, punctuation variants and white space,
//! and keep an exact map from every folded byte back to the original text.
//!
//! The text is cut into *chunks*: one character plus the combining marks
//! (and half-width voiced sound marks ﾞ ﾟ) that follow it. Each chunk is
//! folded on its own, so every folded byte knows the original chunk it came
//! from, and a folded span maps back to whole original characters, never to
//! half a surrogate pair or half a grapheme's marks.
//!
//! Folding, in order:
//! 1. NFKC per chunk: `０１２`→`012`, `ＡＢ`→`AB`, `ｶﾞ`→`ガ`, `ﬁ`→`fi`, `㌔`→`キロ`.
//! 2. Lower case: `AB`→`ab`.
//! 3. Punctuation and symbols, in every script, fold to separators: sentence
//!    ends (`.` `!` `?` `。` `．` `！` `？` …) to `.`, everything else (`、` `，`
//!    `,` `「」` `“”` dashes, emoji …) to white space. So the tokenizer's
//!    word regex needs no Unicode tables: a word is a run of anything else.
//! 4. White space: any run of spaces, tabs, line breaks (CR, LF, U+3000, …)
//!    and folded punctuation → one space, or one line feed when the run holds
//!    a blank line (a paragraph break, which ends a sentence). Invisible format characters (soft hyphen, zero-width
//!    space and joiners, BOM) are dropped.
//!
//! # Complexity
//! O(n) time in the length of the text, with a fast path that copies ASCII and
//! the common Han, kana and Hangul ranges without consulting Unicode tables.
//! Memory: the folded text plus 4 bytes per folded byte for the map.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// A folded text and the map back to the original.
#[derive(Debug, Clone)]
pub(crate) struct Folded {
    /// The folded text.
    pub text: String,
    /// `orig[i]` is the byte offset in the original text where the chunk that
    /// produced folded byte `i` starts. It has one more entry than `text` has
    /// bytes, holding the original length.
    orig: Vec<u32>,
}

impl Folded {
    /// Original byte offset of the start of folded byte `i`'s chunk.
    pub fn orig_start(&self, i: usize) -> u32 {
        self.orig[i]
    }

    /// Original byte offset where the chunk holding folded byte `e - 1` ends,
    /// so a folded span `s..e` maps to `orig_start(s)..orig_end(e)`.
    /// `e` must be at least 1.
    pub fn orig_end(&self, e: usize) -> u32 {
        let chunk = self.orig[e - 1];
        // A chunk folds to at most a few dozen bytes (the longest NFKC
        // expansion is 18 characters), so this scan is short.
        self.orig[e..]
            .iter()
            .copied()
            .find(|&o| o != chunk)
            .unwrap_or(chunk)
    }
}

/// True for characters that NFKC leaves alone and that have no case, no
/// punctuation role and no combining role: most Japanese, Chinese and Korean
/// text. They skip the Unicode tables.
#[inline]
fn is_plain_wide(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x3096     // Hiragana letters
        | 0x30A1..=0x30FA   // Katakana letters
        | 0x30FC            // prolonged sound mark ー
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xAC00..=0xD7A3) // Hangul syllables
}

/// True when `c` belongs to the chunk of the character before it.
#[inline]
fn continues_chunk(c: char) -> bool {
    let u = c as u32;
    u >= 0x300 && !is_plain_wide(c) && (matches!(u, 0xFF9E | 0xFF9F) || is_combining_mark(c))
}

/// Format characters that are dropped: soft hyphen, zero-width space,
/// non-joiner, joiner, word joiner, BOM.
#[inline]
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// True for characters that end a sentence (after NFKC, which maps `！`
/// and `？` to ASCII).
#[inline]
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '。' | '｡' | '．' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '।' | '॥' | '۔'
    )
}

/// True for characters that are part of words: letters, digits, marks.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

struct Folder {
    text: String,
    orig: Vec<u32>,
    last_space: bool,
    /// Line feeds in the current white-space run.
    breaks: u32,
}

impl Folder {
    #[inline]
    fn push(&mut self, c: char, at: u32) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.orig.push(at);
        }
    }

    /// Emits a character that needs no folding at all (plain CJK).
    #[inline]
    fn emit_plain(&mut self, c: char, at: u32) {
        self.last_space = false;
        self.push(c, at);
    }

    /// Emits one NFKC-folded character: case, punctuation and white space.
    #[inline]
    fn emit(&mut self, c: char, at: u32) {
        if is_word_char(c) {
            self.last_space = false;
            if c.is_ascii() {
                self.push(c.to_ascii_lowercase(), at);
            } else if c.is_lowercase() || !c.is_alphabetic() {
                self.push(c, at);
            } else {
                for l in c.to_lowercase() {
                    self.push(l, at);
                }
            }
        } else if is_dropped(c) {
        } else if ends_sentence(c) {
            self.last_space = false;
            self.push('.', at);
        } else {
            // white space, and punctuation or symbols as if they were
            if !self.last_space {
                self.push(' ', at);
                self.last_space = true;
                self.breaks = 0;
            }
            if c == '\n' || c == '\u{2029}' {
                self.breaks += 1;
                if self.breaks == 2 {
                    // the run's one byte becomes a paragraph break
                    let last = self.text.len() - 1;
                    self.text.replace_range(last.., "\n");
                }
            }
        }
    }
}

/// Folds `text` (see the module docs) and returns the folded text with its map.
///
/// Offsets are kept as `u32`; texts over 4 GiB are not supported (the page
/// and the CLI refuse far smaller inputs).
pub(crate) fn fold(text: &str) -> Folded {
    let mut f = Folder {
        text: String::with_capacity(text.len()),
        orig: Vec::with_capacity(text.len() + 1),
        last_space: false,
        breaks: 0,
    };
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let at = start as u32;
        // Extend the chunk over the marks that follow.
        let mut end = start + c.len_utf8();
        while let Some(&(j, n)) = chars.peek() {
            if continues_chunk(n) {
                end = j + n.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if end == start + c.len_utf8() {
            // plain CJK needs no table at all, ASCII no quick check
            if is_plain_wide(c) {
                f.emit_plain(c, at);
            } else if c.is_ascii() || is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
                f.emit(c, at);
            } else {
                for n in std::iter::once(c).nfkc() {
                    f.emit(n, at);
                }
            }
        } else {
            for n in text[start..end].nfkc() {
                f.emit(n, at);
            }
        }
    }
    f.orig.push(text.len() as u32);
    Folded {
        text: f.text,
        orig: f.orig,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        fold(s).text
    }

    #[test]
    fn width_and_case() {
        assert_eq!(folded("０１２ＡＢｃ"), "012abc");
        assert_eq!(folded("ｶﾞｷﾞ"), "ガギ");
        assert_eq!(folded("ﬁle ㌔"), "file キロ");
        assert_eq!(folded("Straße ÀÉ"), "straße àé");
    }

    #[test]
    fn punctuation_and_space() {
        assert_eq!(folded("a、b，c,d。e！f"), "a b c d.e.f");
        assert_eq!(folded("「引用」 — “quote”"), " 引用 quote ");
        assert_eq!(folded("don't 😀 x_y"), "don t x y");
        assert_eq!(folded("a \r\n\t\u{3000} b"), "a b");
        assert_eq!(folded("a\r\n\r\nb\n \nc\nd"), "a\nb\nc d");
        assert_eq!(folded("a,\n\nb"), "a\nb");
        assert_eq!(folded("co\u{AD}op\u{200B}"), "coop");
    }

    #[test]
    fn map_points_at_whole_original_characters() {
        let src = "Ａ😀ｶﾞx";
        let f = fold(src);
        assert_eq!(f.text, "a ガx");
        // 'a' comes from the 3-byte 'Ａ'
        assert_eq!((f.orig_start(0), f.orig_end(1)), (0, 3));
        // the emoji (4 bytes) is a separator
        assert_eq!((f.orig_start(1), f.orig_end(2)), (3, 7));
        // 'ガ' (3 bytes) comes from 'ｶ' + 'ﾞ' (6 bytes)
        assert_eq!((f.orig_start(2), f.orig_end(5)), (7, 13));
        assert_eq!(&src[13..f.orig_end(6) as usize], "x");
    }

    #[test]
    fn combining_marks_compose_with_their_base() {
        let src = "e\u{301}t\u{E9}";
        let f = fold(src);
        assert_eq!(f.text, "\u{E9}t\u{E9}");
        assert_eq!(f.orig_end(2), 3);
    }

    #[test]
    fn expansions_map_every_byte_to_one_chunk() {
        let src = "x㌔y";
        let f = fold(src);
        assert_eq!(f.text, "xキロy");
        assert_eq!(f.orig_start(1), 1);
        assert_eq!(f.orig_start(4), 1);
        assert_eq!(f.orig_end(7), 4);
    }
}
