//! Tokenize: cut folded text into script-aware tokens and intern them to
//! integers, so every later stage compares `u32`s, never strings.
//!
//! Words are the runs of bytes other than ` `, `.` and `\n` in the folded
//! text (the word regex `[^ .\n]+`, which a test checks them against), where
//! normalization has already turned every punctuation mark and symbol into
//! a separator (so no Unicode tables are needed here). Inside a word,
//! every character of a script written without spaces (Han, Hiragana,
//! Katakana, Hangul, and Thai, Lao, Khmer, Myanmar) becomes a token of its
//! own; the letters of other scripts stay together as one word. So
//! `ポクロウスクPokrovskを` gives `ポ ク ロ ウ ス ク pokrovsk を`.
//!
//! Each token has:
//! - an exact id (same text, same id, across all documents of one
//!   comparison; a word's id is its rank in the sorted vocabulary, so no id
//!   depends on the order of the documents),
//! - a seeding key: the id of its light English stem, or [`STOP`] for an
//!   English function word (see [`crate::english`]),
//! - its span in the *original* text (bytes),
//! - a weight in weighted characters (see [`crate::Options`]).
//!
//! Single-character tokens are interned by their code point, with no hashing;
//! words go through a hash map and get ids above `0x10FFFF`.
//!
//! # Complexity
//! O(n) in the folded text: one byte scan, one hash look-up per word.
//! Memory: 18 bytes per token.

use crate::english;
use crate::normalize::Folded;
use crate::options::WIDE_CHAR_WEIGHT;
#[cfg(test)]
use regex::Regex;
use rustc_hash::FxHashMap;
#[cfg(test)]
use std::sync::OnceLock;

/// Seeding key of a token that is skipped when seeding.
pub(crate) const STOP: u32 = u32::MAX;

/// First id given to words; smaller ids are code points.
const WORD_BASE: u32 = 0x11_0000;

/// True if `id` is a word's id (not a single character's).
pub(crate) fn is_word(id: u32) -> bool {
    id >= WORD_BASE
}

/// Weight given to a word, capped so one long token cannot dominate.
const MAX_WORD_WEIGHT: u32 = 24;

/// The word pattern, over folded text: normalization has turned every
/// separator into a space, a line feed or a period. [`words`] finds exactly
/// its matches (a property test checks).
#[cfg(test)]
pub(crate) const WORD_PATTERN: &str = r"[^ .\n]+";

#[cfg(test)]
fn word_regex() -> &'static Regex {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| Regex::new(WORD_PATTERN).expect("the word regex is valid"))
}

/// The words of folded text, as `(start, end)` byte ranges: the runs of
/// bytes other than the three separators (which are ASCII, so splitting
/// bytes keeps UTF-8 intact). A byte scan: English words are a few bytes
/// long, and a regex engine's cost per match was most of tokenizing them
/// (the scan took PAN-size English from 15% of the profile to 2%).
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && matches!(bytes[at], b' ' | b'.' | b'\n') {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && !matches!(bytes[at], b' ' | b'.' | b'\n') {
            at += 1;
        }
        Some((start, at))
    })
}

/// How a character is tokenized.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    /// Part of a space-separated word.
    Word,
    /// A token of its own, weighing [`WIDE_CHAR_WEIGHT`] (Han, kana, Hangul).
    Wide,
    /// A token of its own, weighing 1 (Thai, Lao, Khmer, Myanmar: alphabets
    /// written without spaces).
    Narrow,
}

/// True for a code point of the scripts compared per character at double
/// weight (Han, kana, Hangul).
#[inline]
pub(crate) fn is_wide(c: u32) -> bool {
    // everything below the first wide range (Hangul jamo) without the table
    // (class tells the common ideographs and kana first)
    c >= 0x1100 && char::from_u32(c).is_some_and(|c| class(c) == Class::Wide)
}

#[inline]
fn class(c: char) -> Class {
    // kana and the common ideographs first: most characters of CJK text,
    // told by two comparisons instead of the whole table
    let u = c as u32;
    if (0x3041..=0x30FF).contains(&u) || (0x4E00..=0x9FFF).contains(&u) {
        return Class::Wide;
    }
    match u {
        0x3005..=0x3007         // 々 〆 〇
        | 0x3021..=0x3029       // Hangzhou numerals
        | 0x3041..=0x30FF       // Hiragana, Katakana
        | 0x31F0..=0x31FF       // Katakana phonetic extensions
        | 0x3400..=0x4DBF       // CJK extension A
        | 0x4E00..=0x9FFF       // CJK unified ideographs
        | 0xF900..=0xFAFF       // CJK compatibility ideographs
        | 0x1100..=0x11FF       // Hangul jamo
        | 0x3130..=0x318F       // Hangul compatibility jamo
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF       // Hangul syllables, jamo extended B
        | 0x20000..=0x3FFFF => Class::Wide, // CJK extensions B and later
        0x0E00..=0x0EFF         // Thai, Lao
        | 0x1000..=0x109F       // Myanmar
        | 0x1780..=0x17FF => Class::Narrow, // Khmer
        _ => Class::Word,
    }
}

/// The tokens of one document, as parallel arrays.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tokens {
    /// Exact token ids.
    pub ids: Vec<u32>,
    /// Seeding keys (stem ids, or [`STOP`]).
    pub keys: Vec<u32>,
    /// Start of each token in the original text, in bytes.
    pub starts: Vec<u32>,
    /// End of each token in the original text, in bytes.
    pub ends: Vec<u32>,
    /// Weight of each token.
    pub weights: Vec<u16>,
    /// Index of the first token of each sentence (a sentence ends at `.`,
    /// `!`, `?`, their CJK forms, or a blank line), starting with 0 when
    /// there are tokens.
    pub sentences: Vec<u32>,
    /// Index of the first token of each paragraph after the first (a
    /// paragraph ends at a blank line); each is also a sentence start.
    pub paragraphs: Vec<u32>,
}

/// A word id or key through an id map from [`Interner::absorb`].
fn remap(id: u32, map: &[u32]) -> u32 {
    if id == STOP || id < WORD_BASE {
        id
    } else {
        map[(id - WORD_BASE) as usize]
    }
}

impl Tokens {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Rewrites word ids and keys through a map from [`Interner::absorb`].
    pub fn remap(&mut self, map: &[u32]) {
        for id in self.ids.iter_mut().chain(self.keys.iter_mut()) {
            *id = remap(*id, map);
        }
    }

    fn push(&mut self, id: u32, key: u32, start: u32, end: u32, weight: u32) {
        self.ids.push(id);
        self.keys.push(key);
        self.starts.push(start);
        self.ends.push(end);
        self.weights.push(weight as u16);
    }
}

/// Words of at most this many bytes (most words) are interned by their
/// bytes packed in one integer with their length: such a key hashes and
/// compares in one step, with no allocation and no call to `memcmp`.
const SHORT_WORD: usize = 15;

/// `word` packed as a [`SHORT_WORD`] key: its bytes, and its length in the
/// top byte (so `ab` and `ab\0` differ). `None` when it is longer.
#[inline]
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > SHORT_WORD {
        return None;
    }
    let mut k = (b.len() as u128) << 120;
    for (i, &c) in b.iter().enumerate() {
        k |= (c as u128) << (8 * i);
    }
    Some(k)
}

/// Interns words to ids for one comparison (shared by all its documents).
#[derive(Debug, Default)]
pub(crate) struct Interner {
    /// Ids of words of at most [`SHORT_WORD`] bytes, by [`pack`]ed word.
    short: FxHashMap<u128, u32>,
    /// Ids of longer words.
    long: FxHashMap<Box<str>, u32>,
    /// Every word's text, back to back, in order of id (to merge interners
    /// and sort the vocabulary).
    text: String,
    /// End of each word in `text`, by `id - WORD_BASE`.
    ends: Vec<u32>,
    /// Seeding key of each word, by `id - WORD_BASE`.
    keys: Vec<u32>,
    stem: bool,
    stop_words: bool,
}

impl Interner {
    pub fn new(stem: bool, stop_words: bool) -> Self {
        Interner {
            stem,
            stop_words,
            ..Default::default()
        }
    }

    /// The word of id `WORD_BASE + i`.
    fn name(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The id of `word` (packed as `packed`), if it has one.
    #[inline]
    fn find(&self, word: &str, packed: Option<u128>) -> Option<u32> {
        match packed {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn raw_id(&mut self, word: &str) -> u32 {
        let packed = pack(word);
        if let Some(id) = self.find(word, packed) {
            return id;
        }
        let id = WORD_BASE + self.keys.len() as u32;
        match packed {
            Some(k) => self.short.insert(k, id),
            None => self.long.insert(word.into(), id),
        };
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        self.keys.push(id); // provisional: a stem is its own key
        id
    }

    /// Takes in the words of `other` (an interner of other documents) and
    /// returns the map from its word ids to ours, for [`Tokens::remap`].
    /// O(words of `other`).
    pub fn absorb(&mut self, other: &Interner) -> Vec<u32> {
        let map: Vec<u32> = (0..other.keys.len())
            .map(|i| self.raw_id(other.name(i)))
            .collect();
        for (i, &key) in other.keys.iter().enumerate() {
            let id = map[i];
            self.keys[(id - WORD_BASE) as usize] = remap(key, &map);
        }
        map
    }

    /// The map from our word ids to *canonical* ids: each word's rank in
    /// the sorted vocabulary. Ids given in order of first appearance depend
    /// on which document came first; every later stage hashes, sorts and
    /// sums by id, so after [`Tokens::remap`] through this map the whole
    /// comparison is independent of the order of its documents.
    /// O(V log V) for V distinct words; words are compared by their first
    /// eight bytes as one integer (zero-padded, big-endian: the same order),
    /// and as strings only when those are equal.
    pub fn canonical(&self) -> Vec<u32> {
        let head = |w: &str| {
            let mut buf = [0u8; 8];
            let n = w.len().min(8);
            buf[..n].copy_from_slice(&w.as_bytes()[..n]);
            u64::from_be_bytes(buf)
        };
        let mut order: Vec<(u64, u32)> = (0..self.keys.len())
            .map(|i| (head(self.name(i)), i as u32))
            .collect();
        order.sort_unstable_by(|x, y| {
            x.0.cmp(&y.0)
                .then_with(|| self.name(x.1 as usize).cmp(self.name(y.1 as usize)))
        });
        let mut map = vec![0u32; order.len()];
        for (rank, &(_, i)) in order.iter().enumerate() {
            map[i as usize] = WORD_BASE + rank as u32;
        }
        map
    }

    /// Returns `(id, key)` for a word.
    fn word(&mut self, word: &str) -> (u32, u32) {
        if let Some(id) = self.find(word, pack(word)) {
            return (id, self.keys[(id - WORD_BASE) as usize]);
        }
        let id = self.raw_id(word);
        let key = if self.stop_words && english::is_stop_word(word) {
            STOP
        } else if self.stem {
            let s = english::stem(word);
            if s.len() == word.len() {
                id
            } else {
                self.raw_id(s)
            }
        } else {
            id
        };
        self.keys[(id - WORD_BASE) as usize] = key;
        (id, key)
    }
}

/// Folds and tokenizes every document, on all cores natively (each with an
/// interner of its own, merged afterwards, so ids agree across documents).
pub(crate) fn tokenize_all<S: AsRef<str> + Sync>(
    texts: &[S],
    stem: bool,
    stop_words: bool,
) -> Vec<Tokens> {
    let total = texts.iter().map(|t| t.as_ref().len()).sum();
    if crate::par::threads(texts.len(), total) == 1 {
        // one thread: one interner, nothing to merge
        let mut interner = Interner::new(stem, stop_words);
        let mut tokens: Vec<Tokens> = texts
            .iter()
            .map(|t| tokenize(&crate::normalize::fold(t.as_ref()), &mut interner))
            .collect();
        canonicalize(&interner, &mut tokens);
        return tokens;
    }
    let parts = crate::par::map(
        texts,
        |t| t.as_ref().len(),
        |t| {
            let mut interner = Interner::new(stem, stop_words);
            let tokens = tokenize(&crate::normalize::fold(t.as_ref()), &mut interner);
            (tokens, interner)
        },
    );
    // The first document's interner becomes the merged one (absorbing it
    // into an empty one would give it the same ids, word by word), and the
    // others' words are absorbed into it.
    let mut parts = parts.into_iter();
    let Some((mut first, mut global)) = parts.next() else {
        return Vec::new();
    };
    let rest: Vec<(Tokens, Vec<u32>)> = parts
        .map(|(tokens, interner)| {
            let map = global.absorb(&interner);
            (tokens, map)
        })
        .collect();
    let canonical = global.canonical();
    let mut out = Vec::with_capacity(rest.len() + 1);
    first.remap(&canonical);
    out.push(first);
    for (mut tokens, map) in rest {
        // the part's ids to the merged interner's, and those to canonical ids
        let map: Vec<u32> = map.iter().map(|&id| remap(id, &canonical)).collect();
        tokens.remap(&map);
        out.push(tokens);
    }
    out
}

/// Rewrites the tokens of every document of one comparison to canonical
/// ids (see [`Interner::canonical`]). O(V log V + n).
pub(crate) fn canonicalize(interner: &Interner, tokens: &mut [Tokens]) {
    let map = interner.canonical();
    for t in tokens {
        t.remap(&map);
    }
}

/// Tokenizes one folded document.
pub(crate) fn tokenize(folded: &Folded, interner: &mut Interner) -> Tokens {
    let text = folded.text.as_str();
    let mut out = Tokens::default();
    // about one token per CJK character (3 bytes) and fewer for words
    let guess = text.len() / 3 + 8;
    out.ids.reserve(guess);
    out.keys.reserve(guess);
    out.starts.reserve(guess);
    out.ends.reserve(guess);
    out.weights.reserve(guess);
    let mut prev_end = 0;
    for (base, end) in words(text) {
        let word = &text[base..end];
        let gap = &text[prev_end..base];
        if out.sentences.is_empty() || gap.contains(['.', '!', '?', '\n']) {
            out.sentences.push(out.len() as u32);
            if !out.ids.is_empty() && gap.contains('\n') {
                out.paragraphs.push(out.len() as u32);
            }
        }
        prev_end = end;
        if word.is_ascii() {
            // no script to split: one word (the common case in English)
            push_word(&mut out, folded, interner, word, base, word.len() as u32);
            continue;
        }
        // Split the match into runs of word characters and single
        // characters of scripts written without spaces.
        let mut run_start: Option<usize> = None;
        let mut run_chars = 0u32;
        for (off, c) in word.char_indices() {
            let cls = class(c);
            if cls == Class::Word {
                if run_start.is_none() {
                    run_start = Some(off);
                    run_chars = 0;
                }
                run_chars += 1;
                continue;
            }
            if let Some(rs) = run_start.take() {
                push_word(
                    &mut out,
                    folded,
                    interner,
                    &word[rs..off],
                    base + rs,
                    run_chars,
                );
            }
            let s = base + off;
            let e = s + c.len_utf8();
            let weight = if cls == Class::Wide {
                WIDE_CHAR_WEIGHT
            } else {
                1
            };
            out.push(
                c as u32,
                c as u32,
                folded.orig_start(s),
                folded.orig_end(e),
                weight,
            );
        }
        if let Some(rs) = run_start {
            push_word(
                &mut out,
                folded,
                interner,
                &word[rs..],
                base + rs,
                run_chars,
            );
        }
    }
    out
}

fn push_word(
    out: &mut Tokens,
    folded: &Folded,
    interner: &mut Interner,
    word: &str,
    start: usize,
    chars: u32,
) {
    let (id, key) = interner.word(word);
    out.push(
        id,
        key,
        folded.orig_start(start),
        folded.orig_end(start + word.len()),
        chars.min(MAX_WORD_WEIGHT),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn toks(s: &str) -> (Tokens, Vec<String>) {
        let mut i = Interner::new(true, true);
        let t = tokenize(&fold(s), &mut i);
        let spans = (0..t.len())
            .map(|k| s[t.starts[k] as usize..t.ends[k] as usize].to_string())
            .collect();
        (t, spans)
    }

    #[test]
    fn cjk_per_character_and_words_per_word() {
        let (t, spans) = toks("ポクロウスクPokrovskを、2025年");
        assert_eq!(
            spans,
            ["ポ", "ク", "ロ", "ウ", "ス", "ク", "Pokrovsk", "を", "2025", "年"]
        );
        assert_eq!(t.weights[0], 2);
        assert_eq!(t.weights[6], 8);
        // the two ク are one id
        assert_eq!(t.ids[1], t.ids[5]);
    }

    #[test]
    fn spans_are_original_text() {
        let (_, spans) = toks("ＦＵＬＬ width, ｶﾞｰﾃﾞﾝ!");
        assert_eq!(spans, ["ＦＵＬＬ", "width", "ｶﾞ", "ｰ", "ﾃﾞ", "ﾝ"]);
    }

    #[test]
    fn case_and_width_give_one_id() {
        let mut i = Interner::new(true, true);
        let a = tokenize(&fold("Report"), &mut i);
        let b = tokenize(&fold("ＲＥＰＯＲＴ report"), &mut i);
        assert_eq!(a.ids[0], b.ids[0]);
        assert_eq!(b.ids[0], b.ids[1]);
    }

    #[test]
    fn keys_stem_and_stop() {
        let (t, _) = toks("the soldiers walked");
        assert_eq!(t.keys[0], STOP);
        let (u, _) = toks("soldier walking");
        assert_ne!(t.keys[1], STOP);
        // separate interners give different ids, so compare within one
        let mut i = Interner::new(true, true);
        let a = tokenize(&fold("the soldiers walked"), &mut i);
        let b = tokenize(&fold("soldier walking"), &mut i);
        assert_eq!(a.keys[1], b.keys[0]);
        assert_eq!(a.keys[2], b.keys[1]);
        assert_ne!(a.ids[2], b.ids[1]);
        assert_eq!(u.len(), 2);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The byte scan finds exactly the matches of the word regex, on
        /// folded text and on raw text.
        #[test]
        fn word_boundaries_agree_with_the_word_regex(s in "(\\PC|[ .\n])*") {
            for text in [s.clone(), fold(&s).text] {
                let want: Vec<(usize, usize)> = word_regex().find_iter(&text).map(|m| (m.start(), m.end())).collect();
                let scan: Vec<(usize, usize)> = words(&text).collect();
                proptest::prop_assert_eq!(&scan, &want);
            }
        }
    }

    #[test]
    fn interned_words_keep_their_ids_and_sort_as_strings() {
        let mut words: Vec<String> = [
            "",
            "a",
            "ab",
            "ab\0",
            "a\u{1}",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "straße",
            "strasse",
            "ポクロウスク",
            "ポクロウスクの街",
            "zz",
            "\u{7f}",
            "é",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        let mut x = 7u64;
        for _ in 0..300 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 24) as usize;
            words.push(
                (0..len)
                    .map(|k| ['a', 'b', 'é', 'ー'][(x >> (2 * k)) as usize % 4])
                    .collect(),
            );
        }
        let mut interner = Interner::new(false, false);
        let ids: Vec<u32> = words.iter().map(|w| interner.raw_id(w)).collect();
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(interner.raw_id(w), id, "{w:?} keeps its id");
            assert_eq!(interner.name((id - WORD_BASE) as usize), w);
        }
        let mut distinct = words.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            interner.keys.len(),
            distinct.len(),
            "one id per distinct word"
        );
        // canonical ids are ranks in the byte order of the words
        let canonical = interner.canonical();
        for (w, &id) in words.iter().zip(&ids) {
            let rank = distinct.binary_search(w).unwrap() as u32;
            assert_eq!(
                canonical[(id - WORD_BASE) as usize],
                WORD_BASE + rank,
                "{w:?}"
            );
        }
    }

    /// Interners of their own per document (on several cores when the
    /// texts are large enough), merged, give the ids of one interner.
    #[test]
    fn merged_interners_agree_with_one_interner() {
        let small = [
            "the soldiers walked into town",
            "Soldiers WALK; a town walked",
            "ポクロウスクPokrovsk",
        ];
        // large enough for crate::par to use threads: words that each
        // document has alone, and words they share
        let large: Vec<String> = (0..3)
            .map(|d| {
                (0..4000)
                    .map(|k| format!("w{d}x{} Shared{} walks ", k % 997, k % 89))
                    .collect()
            })
            .collect();
        assert!(large.iter().map(String::len).sum::<usize>() >= crate::par::PARALLEL_MIN_BYTES);
        let large: Vec<&str> = large.iter().map(String::as_str).collect();
        for texts in [&small[..], &large[..]] {
            let merged = tokenize_all(texts, true, true);
            let mut one = Interner::new(true, true);
            let mut want: Vec<Tokens> =
                texts.iter().map(|t| tokenize(&fold(t), &mut one)).collect();
            canonicalize(&one, &mut want);
            assert_eq!(merged.len(), want.len());
            for (m, w) in merged.iter().zip(&want) {
                assert_eq!(m.ids, w.ids);
                assert_eq!(m.keys, w.keys);
                assert_eq!(m.starts, w.starts);
            }
        }
    }

    /// Ids are canonical: the same words get the same ids (and keys)
    /// whatever the order of the documents.
    #[test]
    fn ids_do_not_depend_on_document_order() {
        let texts = [
            "zebras walked home",
            "an apple walks to the zoo",
            "ポクロウスクPokrovsk",
        ];
        let fwd = tokenize_all(&texts, true, true);
        let rev_texts: Vec<&str> = texts.iter().rev().copied().collect();
        let rev = tokenize_all(&rev_texts, true, true);
        for (f, r) in fwd.iter().zip(rev.iter().rev()) {
            assert_eq!(f.ids, r.ids);
            assert_eq!(f.keys, r.keys);
        }
        // ranks in the sorted vocabulary: "apple" < "walk" < "zebras"
        let (apple, walk, zebras) = (fwd[1].ids[1], fwd[1].keys[2], fwd[0].ids[0]);
        assert!(apple < walk && walk < zebras);
    }

    #[test]
    fn sentences_start_after_terminal_punctuation() {
        let (t, _) = toks("One two. Three! Four? 五。六, seven");
        assert_eq!(t.sentences, [0, 2, 3, 4, 5]);
        assert!(toks("").0.sentences.is_empty());
    }

    #[test]
    fn thai_is_per_character_and_marks_stay_in_words() {
        let (t, spans) = toks("ภาษาไทย naïve");
        assert_eq!(spans.len(), 8);
        assert_eq!(t.weights[0], 1);
        assert_eq!(spans[7], "naïve");
    }
}
