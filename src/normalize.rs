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
//!    word scan needs no Unicode tables: a word is a run of anything else.
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
    is_plain_wide_code(c as u32)
}

/// [`is_plain_wide`] of a code point.
#[inline]
fn is_plain_wide_code(c: u32) -> bool {
    matches!(c,
        0x3041..=0x3096     // Hiragana letters
        | 0x30A1..=0x30FA   // Katakana letters
        | 0x30FC            // prolonged sound mark ー
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xAC00..=0xD7A3) // Hangul syllables
}

/// Whether a plain CJK character (see [`is_plain_wide_code`]) starts at
/// byte `i` of `bytes` (UTF-8, so a lead byte 0xE3 to 0xED starts three).
#[inline]
fn plain3_at(bytes: &[u8], i: usize) -> bool {
    i + 3 <= bytes.len() && (0xE3..=0xED).contains(&bytes[i]) && {
        let c = u32::from(bytes[i] & 0x0F) << 12
            | u32::from(bytes[i + 1] & 0x3F) << 6
            | u32::from(bytes[i + 2] & 0x3F);
        is_plain_wide_code(c)
    }
}

/// True for the CJK punctuation that NFKC leaves alone and that is no part
/// of a word: 、。〃, the brackets 〈〉《》「」『』【】〔〕〖〗〘〙〚〛 and ・.
/// They skip the Unicode tables (the test checks each against them).
#[inline]
fn is_plain_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301B | 0x30FB)
}

/// True when `c` belongs to the chunk of the character before it.
#[inline]
fn continues_chunk(c: char) -> bool {
    let u = c as u32;
    u >= 0x300 && !is_plain_wide(c) && (matches!(u, 0xFF9E | 0xFF9F) || is_combining_mark(c))
}

/// Whether the character starting with UTF-8 lead byte `b` might continue a
/// chunk: combining marks start at U+0300 (lead byte 0xCC), and the CJK
/// ideographs (lead bytes 0xE4 to 0xE9) never do. A fast negative that
/// spares decoding most next characters.
#[inline]
fn may_continue(b: u8) -> bool {
    b >= 0xCC && !(0xE4..=0xE9).contains(&b)
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
    /// The folded text.
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

    /// A separator: white space, or punctuation folded to white space.
    /// `line` counts towards a paragraph break.
    #[inline]
    fn space(&mut self, at: u32, line: bool) {
        if !self.last_space {
            self.text.push(' ');
            self.orig.push(at);
            self.last_space = true;
            self.breaks = 0;
        }
        if line {
            self.breaks += 1;
            if self.breaks == 2 {
                // the run's one byte (its space) becomes a paragraph break
                if self.text.pop().is_some() {
                    self.text.push('\n');
                }
            }
        }
    }

    /// Folds a run of ASCII bytes starting at original offset `at`: the fast
    /// path, with no char decoding and no Unicode tables.
    #[inline]
    fn ascii_run(&mut self, run: &[u8], at: usize) {
        for (k, &b) in run.iter().enumerate() {
            let at = (at + k) as u32;
            match b {
                b'a'..=b'z' | b'0'..=b'9' => {
                    self.last_space = false;
                    self.text.push(char::from(b));
                    self.orig.push(at);
                }
                b'A'..=b'Z' => {
                    self.last_space = false;
                    self.text.push(char::from(b + 32));
                    self.orig.push(at);
                }
                b'.' | b'!' | b'?' => {
                    self.last_space = false;
                    self.text.push('.');
                    self.orig.push(at);
                }
                b'\n' => self.space(at, true),
                _ => self.space(at, false),
            }
        }
    }

    /// Emits a character that needs no folding at all (plain CJK).
    #[inline]
    fn emit_plain(&mut self, c: char, at: u32) {
        self.last_space = false;
        self.push(c, at);
    }

    /// Emits a plain CJK character (see [`is_plain_wide`]) from its three
    /// UTF-8 bytes in the original, without decoding or encoding it.
    #[inline]
    fn emit_plain3(&mut self, utf8: &str, at: u32) {
        self.last_space = false;
        self.text.push_str(utf8);
        self.orig.extend_from_slice(&[at; 3]);
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
        } else {
            self.emit_non_word(c, at);
        }
    }

    /// Emits an NFKC-folded character that is not part of a word: dropped,
    /// a sentence end, or a separator.
    #[inline]
    fn emit_non_word(&mut self, c: char, at: u32) {
        if is_dropped(c) {
        } else if ends_sentence(c) {
            self.last_space = false;
            self.push('.', at);
        } else {
            // white space, and punctuation or symbols as if they were
            self.space(at, c == '\n' || c == '\u{2029}');
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
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            let mut j = i;
            while j < bytes.len() && bytes[j] < 0x80 {
                j += 1;
            }
            // A combining mark after the run belongs to the run's last
            // character: leave that one to the chunk path below.
            let mark_follows = text[j..].chars().next().is_some_and(continues_chunk);
            let end = if mark_follows { j - 1 } else { j };
            f.ascii_run(&bytes[i..end], i);
            i = end;
            if !mark_follows {
                continue;
            }
        }
        // a run of plain CJK (three UTF-8 bytes each), each with no mark
        // after it: copied as is; a plain character next is no mark, and
        // needs no decoding to tell
        if plain3_at(bytes, i) {
            let mut j = i;
            loop {
                let next = j + 3;
                let next_plain = plain3_at(bytes, next);
                let mark_follows = !next_plain
                    && next < bytes.len()
                    && may_continue(bytes[next])
                    && text[next..].chars().next().is_some_and(continues_chunk);
                if mark_follows {
                    break; // this one goes to the chunk path below
                }
                f.emit_plain3(&text[j..next], j as u32);
                j = next;
                if !next_plain {
                    break;
                }
            }
            if j > i {
                i = j;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let start = i;
        let at = start as u32;
        // Extend the chunk over the marks that follow.
        let mut end = start + c.len_utf8();
        while end < bytes.len() && may_continue(bytes[end]) {
            match text[end..].chars().next() {
                Some(n) if continues_chunk(n) => end += n.len_utf8(),
                _ => break,
            }
        }
        if end == start + c.len_utf8() {
            // plain CJK needs no table at all, ASCII no quick check
            if is_plain_wide(c) {
                f.emit_plain(c, at);
            } else if is_plain_cjk_punct(c) {
                f.emit_non_word(c, at);
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
        i = end;
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

    /// The CJK punctuation that skips the tables is what the tables say:
    /// stable under NFKC, no word character, no combining mark, and
    /// folded as the general path folds it.
    #[test]
    fn plain_cjk_punctuation_is_what_the_tables_say() {
        let plain: Vec<char> = (0x3000..=0x30FF)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain_cjk_punct(c))
            .collect();
        assert_eq!(plain.len(), 3 + 10 + 8 + 1);
        for c in plain {
            assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "{c}");
            assert!(!c.is_alphanumeric() && !is_combining_mark(c), "{c}");
            assert!(!continues_chunk(c) && !is_plain_wide(c), "{c}");
            let nfkc: String = std::iter::once(c).nfkc().collect();
            assert_eq!(nfkc, c.to_string());
            // a separator, or a sentence end for 。
            let want = if c == '。' { "あ.い" } else { "あ い" };
            assert_eq!(folded(&format!("あ{c}い")), want, "{c}");
        }
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

    /// The general path: every chunk through NFKC and `emit`, no shortcut.
    fn fold_naive(s: &str) -> (Vec<u8>, Vec<u32>) {
        let mut slow = Folder {
            text: String::new(),
            orig: Vec::new(),
            last_space: false,
            breaks: 0,
        };
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if continues_chunk(n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            for n in s[i..end].nfkc() {
                slow.emit(n, i as u32);
            }
        }
        (slow.text.into_bytes(), slow.orig)
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The fast paths (ASCII runs, plain CJK, CJK punctuation,
        /// quick-checked characters) fold exactly as the general path does.
        #[test]
        fn fast_paths_match_the_general_path(s in "(\\PC|[ .!?\n\r\t\u{0}]|\u{301}|\u{3099}|ﾞ|ｶ|Ａ|あ|漢|ア|ー|한|\u{D7A4}|\u{3040}|[\u{3000}-\u{3020}]|・|\u{30FC}|[a-zA-Z0-9]{1,8})*") {
            let fast = fold(&s);
            let (text, orig) = fold_naive(&s);
            proptest::prop_assert_eq!(fast.text.as_bytes(), &text[..]);
            proptest::prop_assert_eq!(&fast.orig[..fast.orig.len() - 1], &orig[..]);
        }
    }

    #[test]
    fn may_continue_never_misses_a_mark() {
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            if continues_chunk(c) {
                let mut buf = [0u8; 4];
                assert!(may_continue(c.encode_utf8(&mut buf).as_bytes()[0]), "{u:X}");
            }
        }
    }

    #[test]
    fn fast_paths_on_samples() {
        for s in [
            "Hello, World! It's 3.5 km.\r\n\r\nNext\tpara\u{0}x",
            "a\u{301}b",
            "e\u{301}\u{302}z",
            "A.B?C!\n\nD",
        ] {
            let fast = fold(s);
            let (text, orig) = fold_naive(s);
            assert_eq!(fast.text.as_bytes(), &text[..], "{s:?}");
            assert_eq!(&fast.orig[..fast.orig.len() - 1], &orig[..], "{s:?}");
        }
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
