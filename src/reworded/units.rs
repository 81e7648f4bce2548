//! Content units: what a reworded passage is matched by. In space-separated
//! scripts a unit is a content word's stem key (English function words are
//! left out); in Han, kana and Hangul text it is a character bigram inside
//! one run of text, as character n-grams are the usual unit for Japanese and
//! Chinese retrieval where no word boundaries are written.
//!
//! A bigram of two Hiragana characters is left out, as English function
//! words are: it is almost always a particle, an inflection or an auxiliary
//! (`した`, `ている`, `です`, `ます`), the very part that a change of style
//! (です/ます to だ/である) rewrites, and it is shared by any two Japanese
//! texts. A bigram with a Han, Katakana or Hangul character carries the
//! content (`戦争`, `研究`, `ロシ`).
//!
//! # Complexity
//! O(n) for n tokens; each token is looked at once and at most two units
//! cover it.

use crate::options::WIDE_CHAR_WEIGHT;
use crate::tokenize::{is_word, Tokens, STOP};

/// A content unit: a word key, or a bigram tagged by [`BIGRAM`].
pub(crate) type Unit = u64;

/// Tag of bigram units, which word keys (below 2³²) never carry.
const BIGRAM: u64 = 1 << 63;

/// A wide character (see [`is_wide`](crate::tokenize::is_wide)) that is
/// not Hiragana: Han, Katakana, Hangul, which carry content.
fn contentful_wide(c: u32) -> bool {
    !(0x3041..=0x309F).contains(&c)
}

/// Calls `f(first_token, end_token, unit)` for each content unit of tokens
/// `span.0..span.1`, in order.
pub(crate) fn for_each(tokens: &Tokens, span: (u32, u32), mut f: impl FnMut(u32, u32, Unit)) {
    let (ids, keys) = (&tokens.ids, &tokens.keys);
    // whether token t is a wide character, carried to the next token
    let wide = |t: usize| !is_word(ids[t]) && crate::tokenize::is_wide(ids[t]);
    let mut wide_here = span.0 < span.1 && wide(span.0 as usize);
    for t in span.0..span.1 {
        let i = t as usize;
        let id = ids[i];
        let wide_next = t + 1 < span.1 && wide(i + 1);
        let this_wide = std::mem::replace(&mut wide_here, wide_next);
        if is_word(id) {
            if keys[i] != STOP {
                f(t, t + 1, keys[i] as u64);
            }
            continue;
        }
        // one run of text: no separator between the two characters
        if !this_wide || !wide_next || tokens.ends[i] != tokens.starts[i + 1] {
            continue;
        }
        let next = ids[i + 1];
        if contentful_wide(id) || contentful_wide(next) {
            f(t, t + 2, BIGRAM | (id as u64) << 21 | next as u64);
        }
    }
}

/// The content units of tokens `span`, in order (with repeats).
pub(crate) fn of(tokens: &Tokens, span: (u32, u32)) -> Vec<Unit> {
    let mut out = Vec::new();
    extend(tokens, span, &mut out);
    out
}

/// Appends the units of tokens `span` to `out`: those of [`for_each`], in
/// order, without their token ranges. Its fast path: every token's unit is
/// written and kept by adding a flag to the length, with no branch on the
/// script (which mixed Japanese text makes unpredictable), and a wide
/// character is told by its weight (the tokenizer gives exactly the wide
/// characters [`WIDE_CHAR_WEIGHT`]). A test checks it against [`for_each`].
///
/// # Complexity
/// O(span length), with no hashing or lookup per token.
pub(crate) fn extend(tokens: &Tokens, span: (u32, u32), out: &mut Vec<Unit>) {
    let (s, e) = (span.0 as usize, span.1 as usize);
    if s >= e {
        return;
    }
    let n = e - s;
    let (ids, keys, weights) = (&tokens.ids[s..e], &tokens.keys[s..e], &tokens.weights[s..e]);
    let (starts, ends) = (&tokens.starts[s..e], &tokens.ends[s..e]);
    let base = out.len();
    out.resize(base + n, 0);
    let buf = &mut out[base..base + n];
    let wide = |i: usize| !is_word(ids[i]) & (weights[i] == WIDE_CHAR_WEIGHT as u16);
    let word_unit = |i: usize| (keys[i] as u64, is_word(ids[i]) & (keys[i] != STOP));
    let mut kept = 0;
    for i in 0..n - 1 {
        let (id, next) = (ids[i], ids[i + 1]);
        let bigram = wide(i)
            & wide(i + 1)
            & (ends[i] == starts[i + 1])
            & (contentful_wide(id) | contentful_wide(next));
        let (key, keep) = word_unit(i);
        let unit = if is_word(id) {
            key
        } else {
            BIGRAM | (id as u64) << 21 | next as u64
        };
        buf[kept] = unit;
        kept += (keep | bigram) as usize;
    }
    // the last token has no next one to join
    let (key, keep) = word_unit(n - 1);
    buf[kept] = key;
    kept += keep as usize;
    out.truncate(base + kept);
}

/// Token ranges of `span` in `tokens` holding a unit that `other` holds,
/// merged where they touch: the evidence a front end shows for a reworded
/// passage. O(span length) with a hash set of `other`.
pub(crate) fn matched(
    tokens: &Tokens,
    span: (u32, u32),
    other: &rustc_hash::FxHashSet<Unit>,
) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for_each(tokens, span, |s, e, u| {
        if !other.contains(&u) {
            return;
        }
        match out.last_mut() {
            Some(last) if last.1 >= s => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::tokenize::{tokenize, Interner};

    /// Tokens and units of each text, interned together.
    fn units_of(texts: &[&str]) -> Vec<(Tokens, Vec<Unit>)> {
        let mut interner = Interner::new(true, true);
        texts
            .iter()
            .map(|text| {
                let t = tokenize(&fold(text), &mut interner);
                let u = of(&t, (0, t.len() as u32));
                (t, u)
            })
            .collect()
    }

    /// The units by the definition, with no carried state: each token's
    /// script looked up afresh. The reference for [`for_each`].
    fn units_naive(tokens: &Tokens) -> Vec<(u32, u32, Unit)> {
        let wide = |id: u32| {
            char::from_u32(id).is_some_and(|c| {
                let mut buf = [0u8; 4];
                let t = tokenize(
                    &fold(c.encode_utf8(&mut buf)),
                    &mut Interner::new(true, true),
                );
                t.len() == 1 && t.weights[0] as u32 == crate::options::WIDE_CHAR_WEIGHT
            })
        };
        let hiragana = |id: u32| (0x3041..=0x309F).contains(&id);
        let mut out = Vec::new();
        for i in 0..tokens.len() {
            let (id, t) = (tokens.ids[i], i as u32);
            if is_word(id) {
                if tokens.keys[i] != STOP {
                    out.push((t, t + 1, tokens.keys[i] as u64));
                }
            } else if i + 1 < tokens.len() {
                let next = tokens.ids[i + 1];
                if wide(id)
                    && wide(next)
                    && tokens.ends[i] == tokens.starts[i + 1]
                    && !(hiragana(id) && hiragana(next))
                {
                    out.push((t, t + 2, BIGRAM | (id as u64) << 21 | next as u64));
                }
            }
        }
        out
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// [`for_each`] gives the units of the definition, in any mix of
        /// scripts and separators.
        #[test]
        fn units_match_their_definition(s in "([a-z]{1,6}|the|あ|が|っ|ゝ|漢|字|カ|ー|한|ᄀ|ก|々|〇|Ａ|[ 、。.\n])*") {
            let t = tokenize(&fold(&s), &mut Interner::new(true, true));
            let mut got = Vec::new();
            for_each(&t, (0, t.len() as u32), |a, b, u| got.push((a, b, u)));
            proptest::prop_assert_eq!(got, units_naive(&t));
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// [`extend`] appends exactly [`for_each`]'s units, for any span.
        #[test]
        fn extend_matches_for_each(
            s in "([a-z]{1,6}|the|あ|が|っ|ゝ|漢|字|カ|ー|한|ᄀ|ก|々|〇|Ａ|[ 、。.\n])*",
            cut in 0usize..64,
            len in 0usize..64,
        ) {
            let t = tokenize(&fold(&s), &mut Interner::new(true, true));
            let a = cut.min(t.len()) as u32;
            let span = (a, (a as usize + len).min(t.len()) as u32);
            let mut want = vec![7];
            for_each(&t, span, |_, _, u| want.push(u));
            let mut got = vec![7];
            extend(&t, span, &mut got);
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn words_give_stems_and_skip_function_words() {
        let v = units_of(&["The farmers opposed the plan", "a farmer opposes plans"]);
        let (a, b) = (&v[0].1, &v[1].1);
        assert_eq!(a.len(), 3);
        assert_eq!(a, b);
    }

    #[test]
    fn cjk_gives_bigrams_without_hiragana_pairs_or_separators() {
        // 戦争 研究 所は(所+は) : は alone is Hiragana but 所は has a Han
        let u = &units_of(&["戦争研究所は、です"])[0].1;
        // 戦争 争研 研究 究所 所は; 、 separates; です is two Hiragana
        assert_eq!(u.len(), 5);
        let v = &units_of(&["戦争 研究"])[0].1;
        assert_eq!(v.len(), 2, "the space separates 争 and 研");
    }

    #[test]
    fn style_change_keeps_the_units() {
        // です/ます to だ/である changes only Hiragana pairs, and the bigram
        // joining the last Han character to the ending
        let v = units_of(&["市は橋を閉鎖します", "市は橋を閉鎖する"]);
        let (a, b) = (&v[0].1, &v[1].1);
        let shared = a.iter().filter(|x| b.contains(x)).count();
        assert!(shared * 10 >= a.len() * 7, "{shared} of {}", a.len());
    }

    #[test]
    fn matched_marks_shared_units_only() {
        let v = units_of(&[
            "the board approved a new reservoir plan",
            "a reservoir was approved",
        ]);
        let set: rustc_hash::FxHashSet<Unit> = v[1].1.iter().copied().collect();
        let t = &v[0].0;
        let m = matched(t, (0, t.len() as u32), &set);
        assert_eq!(m, [(2, 3), (5, 6)]);
    }
}
