//! Summaries: pieces that follow each other closely on a short side and
//! spread over a much longer side join as one passage (a summary condenses
//! its source), and a reworded summary's long side extends over the
//! neighbouring sentences that share its words.
//!
//! # Complexity
//! O(c log c) per pass, at most [`MAX_SUMMARY_PASSES`] passes; extension
//! O(sentences added · their words).

use crate::align::candidates::{overlaps, Candidate};
use crate::align::DocView;
use crate::keysort;
use crate::reworded::units::{self, Unit};
/// Summary merging (paraphrase mode only): two candidates next to each
/// other on the shorter (summary) side, in any order on the longer side,
/// join when the gap between them on the summary side weighs at most this,
/// about one sentence…
pub(crate) const SUMMARY_SHORT_GAP: u64 = 120;

/// …the gap on the longer (source) side at most this, about 700 words…
pub(crate) const SUMMARY_LONG_GAP: u64 = 4000;

/// …and the merged source side is at least this many times longer than the
/// summary side, as when a summary condenses a long passage (PAN's summary
/// obfuscation; Sanchez-Perez et al. widen their source gap the same way).
pub(crate) const SUMMARY_RATIO: u64 = 2;

/// Joins candidates that together look like a summary of a longer passage
/// (see [`SUMMARY_RATIO`]). Either side may be the summary. O(c log c).
pub(crate) fn merge_summaries(mut cs: Vec<Candidate>, a: &DocView, b: &DocView) -> Vec<Candidate> {
    // weight between two spans (0 when they overlap)
    let apart = |d: &DocView, x: (u32, u32), y: (u32, u32)| {
        if x.1 <= y.0 {
            d.weight(x.1, y.0)
        } else if y.1 <= x.0 {
            d.weight(y.1, x.0)
        } else {
            0
        }
    };
    let mut merged_any = true;
    let mut passes = 0;
    // a summary may take its sentences from the source in any order: merge
    // until nothing more joins, in at most MAX_SUMMARY_PASSES passes of
    // O(c log c) each
    while merged_any && passes < MAX_SUMMARY_PASSES {
        merged_any = false;
        passes += 1;
        keysort::sort_by_key(&mut cs, |c| keysort::key4(c.ta.0, c.tb.0, 0, 0));
        let mut out: Vec<Candidate> = Vec::with_capacity(cs.len());
        for c in cs {
            if let Some(last) = out.last_mut() {
                // Two verbatim quotes merge this way only as single sentences
                // (an extractive summary); longer verbatim quotes are
                // separate passages.
                let piece = |x: &Candidate| {
                    a.weight(x.ta.0, x.ta.1).min(b.weight(x.tb.0, x.tb.1)) <= SUMMARY_PIECE
                        && a.inner_sentences(x.ta).min(b.inner_sentences(x.tb)) <= MAX_INNER
                };
                let sentences = piece(last) && piece(&c);
                if sentences || !(last.verbatim(a, b) && c.verbatim(a, b)) {
                    let (ga, gb) = (apart(a, last.ta, c.ta), apart(b, last.tb, c.tb));
                    let both_verbatim = last.verbatim(a, b) && c.verbatim(a, b);
                    let repeat = |x, y| both_verbatim && overlaps(x, y);
                    let ta = (last.ta.0.min(c.ta.0), last.ta.1.max(c.ta.1));
                    let tb = (last.tb.0.min(c.tb.0), last.tb.1.max(c.tb.1));
                    let (wa, wb) = (a.weight(ta.0, ta.1), b.weight(tb.0, tb.1));
                    // two verbatim pieces that share text on the summary
                    // side are one quote pasted twice, not a summary
                    let a_short = wa * SUMMARY_RATIO <= wb
                        && !repeat(last.ta, c.ta)
                        && ga <= SUMMARY_SHORT_GAP
                        && gb <= SUMMARY_LONG_GAP;
                    let b_short = wb * SUMMARY_RATIO <= wa
                        && !repeat(last.tb, c.tb)
                        && gb <= SUMMARY_SHORT_GAP
                        && ga <= SUMMARY_LONG_GAP;
                    if a_short || b_short {
                        last.absorb(&c);
                        merged_any = true;
                        continue;
                    }
                }
            }
            out.push(c);
        }
        cs = out;
    }
    cs
}

/// Largest piece (in weight, on its shorter side) that counts as one
/// extracted sentence when merging verbatim pieces into a summary: PAN's
/// summaries copy many sentences verbatim from all over the source.
pub(crate) const SUMMARY_PIECE: u64 = 400;
const MAX_INNER: usize = 1;

/// Passes of summary merging; each joins every neighbouring pair it can, so
/// a few passes join all but pathological inputs.
const MAX_SUMMARY_PASSES: usize = 8;

/// A reworded candidate whose long side is this many times its short side
/// is extended as a summary (see [`extend_summary`]).
pub(crate) const SUMMARY_EXTEND_RATIO: u64 = 3;

/// Content units a source sentence must share with a summary to be taken
/// into the summary's passage when its long side is extended. One: a
/// summary keeps only a passage's key words, and PAN's summary PlagDet rose
/// from 0.41 to 0.43 while the other sub-corpora did not move.
pub(crate) const SUMMARY_EXTEND_SHARED: usize = 1;

/// Extends the long side of a summary-like candidate (not verbatim, long side
/// at least [`SUMMARY_RATIO`] times the short one) over neighbouring
/// sentences that share [`SUMMARY_EXTEND_SHARED`] content words with the
/// summary. O(sentences added · their units).
pub(crate) fn extend_summary(c: &mut Candidate, a: &DocView, b: &DocView) {
    if c.verbatim(a, b) {
        return;
    }
    let (wa, wb) = (a.weight(c.ta.0, c.ta.1), b.weight(c.tb.0, c.tb.1));
    let (short_doc, short, long_doc, long) = if wa * SUMMARY_EXTEND_RATIO <= wb {
        (a, c.ta, b, &mut c.tb)
    } else if wb * SUMMARY_EXTEND_RATIO <= wa {
        (b, c.tb, a, &mut c.ta)
    } else {
        return;
    };
    let bag: rustc_hash::FxHashSet<Unit> = units::of(short_doc.tokens, short).into_iter().collect();
    let ss = &long_doc.sentences;
    let related = |i: usize| {
        ss[i].bag.iter().filter(|(k, _)| bag.contains(k)).count() >= SUMMARY_EXTEND_SHARED
    };
    // sentences holding the long side's ends
    let first = ss.partition_point(|s| s.tokens.1 <= long.0);
    let last = ss.partition_point(|s| s.tokens.0 < long.1);
    if first >= ss.len() || last == 0 {
        return;
    }
    let (mut lo, mut hi) = (first, last - 1);
    while lo > 0 && related(lo - 1) {
        lo -= 1;
    }
    while hi + 1 < ss.len() && related(hi + 1) {
        hi += 1;
    }
    long.0 = long.0.min(ss[lo].tokens.0);
    long.1 = long.1.max(ss[hi].tokens.1);
}
