//! Sentences: a document cut at sentence ends and paragraph breaks, each
//! with its bag of content units (see [`super::units`]). A sentence with
//! fewer than [`MIN_SENTENCE_KEYS`] distinct units (a heading, "Mr.", a
//! list bullet) is merged into the next, never across a paragraph break.
//!
//! # Complexity
//! O(n log n) for n tokens (each sentence's units are sorted once; the
//! units are found without a branch per token, see [`units::extend`]).

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
    let n = tokens.len() as u32;
    let mut out: Vec<Sentence> = Vec::with_capacity(tokens.sentences.len());
    // the units of the sentence being built, sorted; one buffer for all
    // sentences (a short sentence's units stay in it for the next one)
    let mut keys: Vec<Unit> = Vec::new();
    let mut open: Option<u32> = None;
    // the paragraph starts not yet passed (both lists ascend)
    let mut paragraphs = tokens.paragraphs.iter().copied().peekable();
    for (i, &start) in tokens.sentences.iter().enumerate() {
        let end = tokens.sentences.get(i + 1).copied().unwrap_or(n);
        // a short sentence is merged forward, never across a paragraph break
        while paragraphs.next_if(|&p| p < start).is_some() {}
        if paragraphs.peek() == Some(&start) {
            if let Some(s) = open.take() {
                let n = distinct(&keys);
                out.push(flush(s, start, &mut keys, n));
            }
        }
        let s = *open.get_or_insert(start);
        units::extend(tokens, (start, end), &mut keys);
        keys.sort_unstable();
        let units = distinct(&keys);
        if units < MIN_SENTENCE_KEYS && end < n {
            continue;
        }
        open = None;
        out.push(flush(s, end, &mut keys, units));
    }
    if let Some(s) = open {
        let units = distinct(&keys);
        out.push(flush(s, n, &mut keys, units));
    }
    out
}

/// How many distinct units sorted `keys` hold.
fn distinct(keys: &[Unit]) -> usize {
    keys.len() - keys.windows(2).filter(|w| w[0] == w[1]).count()
}

/// The sentence of tokens `start..end` whose units are `keys` (sorted,
/// `distinct` of them different), which it empties.
fn flush(start: u32, end: u32, keys: &mut Vec<Unit>, distinct: usize) -> Sentence {
    let mut bag: Vec<(Unit, u32)> = Vec::with_capacity(distinct);
    for &k in keys.iter() {
        match bag.last_mut() {
            Some((lk, c)) if *lk == k => *c += 1,
            _ => bag.push((k, 1)),
        }
    }
    keys.clear();
    Sentence {
        tokens: (start, end),
        bag,
    }
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
    fn short_sentences_never_merge_across_a_paragraph_break() {
        let body = "The council approved the reservoir plan on Tuesday evening.";
        let joined = sents(&format!("Hello there. {body}"));
        let parted = sents(&format!("Hello there.\n\n{body}"));
        assert_eq!(joined.len(), 1);
        assert_eq!(parted.len(), 2, "{parted:?}");
        assert_eq!(parted[1].tokens.0, parted[0].tokens.1);
    }

    #[test]
    fn cjk_sentences_have_bigram_bags() {
        let s = sents("ロシア軍が市内への侵攻に成功した。ISWは述べた。Putin said so, sources say. 戦闘は激化している。");
        // ISWは述べた has 2 units (isw, 述べ) and merges into the next sentence
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s.iter().all(|x| x.bag.len() >= MIN_SENTENCE_KEYS));
    }
}
