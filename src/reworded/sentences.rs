//! Sentences: a document cut at sentence ends and paragraph breaks, each
//! with its bag of content units (see [`super::units`]). A sentence with
//! fewer than [`MIN_SENTENCE_KEYS`] distinct units (a heading, "Mr.", a
//! list bullet) is merged into the next, never across a paragraph break.
//!
//! # Complexity
//! O(n log n) for n tokens (each sentence's units are sorted once).

use super::units::{self, Unit};
use crate::tokenize::Tokens;

/// A sentence with fewer distinct content units is merged into the next
/// (headings, "Mr.", list bullets).
pub(crate) const MIN_SENTENCE_KEYS: usize = 4;

/// One sentence: its token range and its bag of content units.
#[derive(Clone, Debug)]
pub(crate) struct Sentence {
    pub tokens: (u32, u32),
    /// Distinct units with their counts, sorted by unit.
    pub bag: Vec<(Unit, u32)>,
}

/// Cuts a document into sentences with bags of content units.
pub(crate) fn sentences(tokens: &Tokens) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let n = tokens.len() as u32;
    let mut pending: Option<(u32, Vec<Unit>)> = None;
    let flush = |out: &mut Vec<Sentence>, s: u32, end: u32, mut keys: Vec<Unit>| {
        keys.sort_unstable();
        let mut bag: Vec<(Unit, u32)> = Vec::new();
        for k in keys {
            match bag.last_mut() {
                Some((lk, c)) if *lk == k => *c += 1,
                _ => bag.push((k, 1)),
            }
        }
        out.push(Sentence {
            tokens: (s, end),
            bag,
        });
    };
    for (i, &start) in tokens.sentences.iter().enumerate() {
        let end = tokens.sentences.get(i + 1).copied().unwrap_or(n);
        // a short sentence is merged forward, never across a paragraph break
        if tokens.paragraphs.binary_search(&start).is_ok() {
            if let Some((s, k)) = pending.take() {
                flush(&mut out, s, start, k);
            }
        }
        let (s, mut all) = pending.take().unwrap_or((start, Vec::new()));
        units::for_each(tokens, (start, end), |_, _, u| all.push(u));
        all.sort_unstable();
        let distinct = all.len() - all.windows(2).filter(|w| w[0] == w[1]).count();
        if distinct < MIN_SENTENCE_KEYS && end < n {
            pending = Some((s, all));
            continue;
        }
        flush(&mut out, s, end, all);
    }
    if let Some((s, k)) = pending.take() {
        flush(&mut out, s, n, k);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::tokenize::{tokenize, Interner};

    fn sents(text: &str) -> Vec<Sentence> {
        sentences(&tokenize(&fold(text), &mut Interner::new(true, true)))
    }

    #[test]
    fn short_sentences_merge_into_the_next() {
        let s = sents("Hello there. The council approved the reservoir plan on Tuesday evening.");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].tokens.0, 0);
    }

    #[test]
    fn cjk_sentences_have_bigram_bags() {
        let s = sents("ロシア軍が市内への侵攻に成功した。ISWは述べた。Putin said so, sources say. 戦闘は激化している。");
        // ISWは述べた has 2 units (isw, 述べ) and merges into the next sentence
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s.iter().all(|x| x.bag.len() >= MIN_SENTENCE_KEYS));
    }
}
