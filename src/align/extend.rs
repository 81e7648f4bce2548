//! Ends: each passage's ends are refined with a banded X-drop alignment with
//! affine gaps over the next [`EXTEND_LIMIT`] tokens (seed and extend, as in
//! BLAST), so a passage starts and ends where the shared text does, even
//! when an edit sits within a seed's length of its end.
//!
//! # Complexity
//! O([`EXTEND_LIMIT`] · band) per passage end.

use super::DocView;
use crate::tokenize::{is_word, STOP};

/// Tokens looked at beyond each end of a chain when refining its ends.
pub(crate) const EXTEND_LIMIT: usize = 32;

/// Score lost, below the best so far, at which an end extension stops. It
/// must exceed the cost of the longest gap worth crossing (a 5-token
/// insertion costs 6); the search never looks past [`EXTEND_LIMIT`] anyway.
const XDROP: i32 = 10;

/// Penalty of a mismatch when extending an end. A match scores
/// [`CONTENT_MATCH`] for an English content word, 1 for anything else (a
/// function word, one CJK character): five matching content words after a
/// cut clause are evidence, four chance characters are not.
const MISMATCH: i32 = 2;

/// Score of a matching content word when extending an end.
const CONTENT_MATCH: i32 = 2;

/// Affine gap penalties when extending an end: the first token of a gap
/// costs `GAP_OPEN`, each further one `GAP_EXTEND`. An inserted phrase is one
/// edit, so five inserted characters followed by nine matching ones extend
/// the passage, while three skipped tokens followed by four chance matches
/// (commentary that happens to reuse a word) do not.
const GAP_OPEN: i32 = 2;
/// See [`GAP_OPEN`].
const GAP_EXTEND: i32 = 1;

/// Refines the ends of a passage over tokens `ta` of `a` and `tb` of `b`:
/// both ends move outward over matching tokens, through small edits, as far
/// as the X-drop extension finds shared text.
pub(crate) fn refine_ends(
    a: &DocView,
    b: &DocView,
    ta: (u32, u32),
    tb: (u32, u32),
    max_gap: u32,
) -> ((u32, u32), (u32, u32)) {
    let (ia, ib) = (&a.tokens.ids, &b.tokens.ids);
    let (mut pa, mut pb) = (ta, tb);
    let band = band_for(max_gap);
    let keys = &a.tokens.keys;
    let match_score = |t: usize| {
        if keys[t] != STOP && is_word(ia[t]) {
            CONTENT_MATCH
        } else {
            1
        }
    };
    let ra = &ia[pa.1 as usize..(pa.1 as usize + EXTEND_LIMIT).min(ia.len())];
    let rb = &ib[pb.1 as usize..(pb.1 as usize + EXTEND_LIMIT).min(ib.len())];
    let at = pa.1 as usize;
    let (da, db) = xdrop(ra, rb, band, |k| match_score(at + k));
    pa.1 += da as u32;
    pb.1 += db as u32;
    let before = |ids: &[u32], s: u32| -> Vec<u32> {
        let s = s as usize;
        ids[s - s.min(EXTEND_LIMIT)..s]
            .iter()
            .rev()
            .copied()
            .collect()
    };
    let (la, lb) = (before(ia, pa.0), before(ib, pb.0));
    let at = pa.0 as usize;
    let (da, db) = xdrop(&la, &lb, band, |k| match_score(at - 1 - k));
    pa.0 -= da as u32;
    pb.0 -= db as u32;
    (pa, pb)
}

/// Largest band of the end extension, in tokens.
const MAX_BAND: usize = 8;

/// Band of the end extension for a `max_gap`: about the number of words
/// `max_gap` allows (6 weighted characters a word), so the extension never
/// bridges more than chaining would.
fn band_for(max_gap: u32) -> usize {
    ((max_gap / 6) as usize).min(MAX_BAND)
}

/// Banded X-drop extension with affine gaps (Gotoh's three states): how
/// many of `xs` and `ys` (read outward from a passage end) to add to the
/// passage. Cells more than `band` tokens off the diagonal are out, so no
/// gap longer than `band` is crossed. The extension ends on a match with
/// the best score above zero.
fn xdrop(xs: &[u32], ys: &[u32], band: usize, score: impl Fn(usize) -> i32) -> (usize, usize) {
    let (n, m) = (xs.len(), ys.len());
    if n == 0 || m == 0 {
        return (0, 0);
    }
    const NEG: i32 = i32::MIN / 4;
    // h: best ending in a match/mismatch; e: in a gap in ys; f: in a gap in xs
    let mut h_prev = vec![NEG; m + 1];
    let mut e_prev = vec![NEG; m + 1];
    let mut h_cur = vec![NEG; m + 1];
    let mut e_cur = vec![NEG; m + 1];
    h_prev[0] = 0;
    for (j, h) in h_prev.iter_mut().enumerate().take(m.min(band) + 1).skip(1) {
        *h = -GAP_OPEN - (j as i32 - 1) * GAP_EXTEND;
    }
    let mut best = (0i32, 0usize, 0usize);
    for i in 1..=n {
        h_cur[0] = if i <= band {
            -GAP_OPEN - (i as i32 - 1) * GAP_EXTEND
        } else {
            NEG
        };
        e_cur[0] = h_cur[0];
        let mut f = NEG;
        let mut row_best = h_cur[0];
        for j in 1..=m {
            if i.abs_diff(j) > band {
                h_cur[j] = NEG;
                e_cur[j] = NEG;
                f = NEG;
                continue;
            }
            let hit = xs[i - 1] == ys[j - 1];
            let diag = h_prev[j - 1] + if hit { score(i - 1) } else { -MISMATCH };
            let e = (h_prev[j] - GAP_OPEN).max(e_prev[j] - GAP_EXTEND);
            f = (h_cur[j - 1] - GAP_OPEN).max(f - GAP_EXTEND);
            let v = diag.max(e).max(f);
            h_cur[j] = v;
            e_cur[j] = e;
            row_best = row_best.max(v);
            if hit && v == diag && v > best.0 {
                best = (v, i, j);
            }
        }
        if row_best < best.0 - XDROP {
            break;
        }
        std::mem::swap(&mut h_prev, &mut h_cur);
        std::mem::swap(&mut e_prev, &mut e_cur);
    }
    (best.1, best.2)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdrop_takes_matching_tokens_through_one_edit() {
        let band = band_for(crate::DEFAULT_MAX_GAP);
        assert_eq!(xdrop(&[1, 2, 3], &[1, 2, 3], band, |_| 1), (3, 3));
        assert_eq!(xdrop(&[1, 9, 3, 4, 5], &[1, 3, 4, 5], band, |_| 1), (5, 4));
        assert_eq!(xdrop(&[7, 8], &[1, 2], band, |_| 1), (0, 0));
        assert_eq!(xdrop(&[], &[1], band, |_| 1), (0, 0));
        // one gap then only two matches: not worth taking
        assert_eq!(xdrop(&[9, 3, 4], &[3, 4], band, |_| 1), (0, 0));
        // three skipped, four chance matches: not taken (commentary)
        assert_eq!(
            xdrop(&[7, 8, 9, 1, 2, 3, 4], &[1, 2, 3, 4], band, |_| 1),
            (0, 0)
        );
        // a five-token insertion, then nine matches: one edit, taken
        let tail: Vec<u32> = (10..19).collect();
        let with_insert: Vec<u32> = (20..25).chain(10..19).collect();
        assert_eq!(xdrop(&with_insert, &tail, band, |_| 1), (14, 9));
        // twelve inserted tokens (commentary) then the next quote: outside the band
        let long: Vec<u32> = (100..112).chain(10..30).collect();
        let next: Vec<u32> = (10..30).collect();
        assert_eq!(xdrop(&long, &next, band, |_| 1), (0, 0));
        // four skipped words, then five matching words of which four are
        // content words: taken (a cut clause before a short quoted sentence)
        let after_cut: Vec<u32> = (40..44).chain(50..55).collect();
        let sentence: Vec<u32> = (50..55).collect();
        let content = |k: usize| if k == 6 { 1 } else { CONTENT_MATCH };
        assert_eq!(xdrop(&after_cut, &sentence, band, content), (9, 5));
        assert_eq!(xdrop(&after_cut, &sentence, band, |_| 1), (0, 0));
        // with max_gap 0 nothing is bridged at all
        assert_eq!(
            xdrop(&[1, 9, 3, 4, 5], &[1, 3, 4, 5], band_for(0), |_| 1),
            (1, 1)
        );
    }
}
