//! Fragments: reworded passages found by comparing sentences as bags of
//! content units, after Sanchez-Perez, Sidorov and Gelbukh (PAN 2014):
//! tf-isf cosine and Dice seeds between sentence pairs, then clusters of
//! nearby seeds.
//!
//! Commentary is kept out as well as bags allow: a sentence between two
//! clustered seeds joins the passage only when it shares at least
//! [`GAP_MIN_SHARED`] units with the opposite stretch of the other document
//! (the sentences between and including the two seeds' partners), which
//! reworded source text does and fresh commentary does not.
//!
//! # Complexity
//! Scoring (see [`super::scoring`]) is O(k · MAX_POSTINGS) for k bag
//! entries.
//! Clustering is O(s · c) for s seeds and c open clusters (capped). Nothing
//! compares all sentence pairs.

use super::scoring::{score, Cosine, Scored};
use super::sentences::Sentence;
use super::units::Unit;
use rustc_hash::FxHashSet;

/// Seed thresholds: tf-isf cosine and Dice coefficient of two sentences'
/// bags. Sanchez-Perez et al. use 0.33; 0.27 finds more of PAN's random
/// obfuscation (PlagDet 0.835 → 0.882) and costs verbatim copies little,
/// since fragments no longer widen verbatim quotes (see the aligner's
/// `VERBATIM_SHARE`).
pub(crate) const SEED_COSINE: f32 = 0.27;
/// See [`SEED_COSINE`].
pub(crate) const SEED_DICE: f32 = 0.27;

/// A seed is kept only when its cosine is at least this share of the best
/// cosine of its sentence on either side: a copied sentence also resembles
/// its topical neighbours, which must not widen the passage.
pub(crate) const SEED_RELATIVE: f32 = 0.7;

/// A cluster of one seed (one sentence pair) needs this cosine: single
/// sentences on one topic resemble each other more easily than paragraphs
/// (two definitions of one disease, two lists of one product's
/// ingredients). Checked on each half of PAN's training pairs apart: 0.5
/// → 0.55 took 2 of 10 and 0 of 2 unrelated pairs' detections away, and
/// PlagDet overall stayed or rose (0.877 → 0.877, 0.885 → 0.887).
pub(crate) const SINGLE_SEED_COSINE: f32 = 0.55;

/// …or this Dice coefficient of its two bags (the same check): tf-isf
/// weighs a unit by how rare it is among the sentences compared, which
/// says little when there are only a few, while more than half of both
/// sentences' units in common is a retelling on any count.
pub(crate) const SINGLE_SEED_DICE: f32 = 0.55;

/// Sentences without a seed that may sit between two seeds of one cluster,
/// on either side.
pub(crate) const MAX_SENTENCE_GAP: u32 = 3;

/// Keys a gap sentence must share with the opposite stretch of the other
/// document to be bridged. Fresh commentary shares none; 2 lost a tenth of
/// PAN's random-obfuscation recall.
pub(crate) const GAP_MIN_SHARED: usize = 1;

/// …and at least this share of its distinct units: commentary that happens
/// to reuse one of the quote's words ("board", a place name) is not
/// reworded source text, which keeps much of its content.
pub(crate) const GAP_MIN_SHARE: f64 = 0.15;

/// A cluster is kept when the cosine of its two whole fragments reaches this.
pub(crate) const FRAGMENT_COSINE: f32 = 0.34;

/// Clusters still open at once.
const MAX_OPEN_CLUSTERS: usize = 32;

/// A reworded passage: token ranges in the two documents, and the cosine of
/// their bags.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fragment {
    pub a: (u32, u32),
    pub b: (u32, u32),
    pub cosine: f32,
    /// Seeded sentences on its short side, for a summary (0 otherwise).
    pub summary_pieces: u32,
}

/// Dice coefficient of two sentences' bags (distinct units).
fn dice(x: &Sentence, y: &Sentence) -> f32 {
    let shared = x
        .bag
        .iter()
        .filter(|(k, _)| y.bag.binary_search_by_key(k, |&(u, _)| u).is_ok())
        .count();
    2.0 * shared as f32 / (x.bag.len() + y.bag.len()).max(1) as f32
}

/// Dice coefficient of the distinct units of two unit lists.
pub(crate) fn dice_of(x: &[Unit], y: &[Unit]) -> f32 {
    let set = |v: &[Unit]| -> FxHashSet<Unit> { v.iter().copied().collect() };
    let (sx, sy) = (set(x), set(y));
    let shared = sx.iter().filter(|u| sy.contains(u)).count();
    2.0 * shared as f32 / (sx.len() + sy.len()).max(1) as f32
}

/// True when sentence `s` shares [`GAP_MIN_SHARED`] keys with the
/// sentences `range` of the other document (and [`GAP_MIN_SHARE`] of its
/// own).
///
/// # Complexity
/// O(|s| · r + Σ |o|) for r sentences o in the range: every bag is sorted,
/// so one cursor per sentence walks it once as `s`'s units ascend, with no
/// set built. It stops as soon as the answer is known either way.
pub(crate) fn related(s: &Sentence, other: &[Sentence], range: (u32, u32)) -> bool {
    let lo = range.0 as usize;
    let hi = (range.1 as usize).min(other.len());
    let others = &other[lo.min(hi)..hi];
    let len = s.bag.len();
    // both bounds grow with `shared`: the first count that meets them
    let enough =
        |shared: usize| shared >= GAP_MIN_SHARED && shared as f64 >= GAP_MIN_SHARE * len as f64;
    let mut cursors = vec![0usize; others.len()];
    let mut shared = 0;
    for (k, &(unit, _)) in s.bag.iter().enumerate() {
        if !enough(shared + (len - k)) {
            return false; // even all the rest would not do
        }
        let mut found = false;
        for (o, at) in others.iter().zip(cursors.iter_mut()) {
            let bag = &o.bag;
            while *at < bag.len() && bag[*at].0 < unit {
                *at += 1;
            }
            found |= *at < bag.len() && bag[*at].0 == unit;
        }
        if found {
            shared += 1;
            if enough(shared) {
                return true;
            }
        }
    }
    false
}

struct Cluster {
    /// Sentence ranges (inclusive) in a and b.
    a: (u32, u32),
    b: (u32, u32),
    seeds: u32,
    /// Partner in b of the cluster's last seed in a.
    last_b: u32,
}

/// Finds reworded passages between two documents' sentences.
pub(crate) fn fragments(sa: &[Sentence], sb: &[Sentence]) -> Vec<Fragment> {
    if sa.is_empty() || sb.is_empty() {
        return Vec::new();
    }
    let Scored {
        wa,
        wb,
        pairs: scored,
        units,
    } = score(sa, sb);
    let mut cosine_of = Cosine::new(units);

    let mut best_a = vec![0f32; sa.len()];
    let mut best_b = vec![0f32; sb.len()];
    for &(i, j, c) in &scored {
        best_a[i as usize] = best_a[i as usize].max(c);
        best_b[j as usize] = best_b[j as usize].max(c);
    }
    let mut seeds: Vec<(u32, u32)> = scored
        .iter()
        .filter(|&&(i, j, c)| {
            c >= SEED_RELATIVE * best_a[i as usize] && c >= SEED_RELATIVE * best_b[j as usize]
        })
        .map(|&(i, j, _)| (i, j))
        .collect();
    // in sentence order: the partners of one sentence were found in the
    // order of its units' ids, which depends on the order of the documents
    seeds.sort_unstable();

    // cluster seeds that lie near each other on both sides
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    // each seed's cluster
    let mut member: Vec<usize> = Vec::with_capacity(seeds.len());
    let gap = MAX_SENTENCE_GAP;
    for &(i, j) in &seeds {
        open.retain(|&c| clusters[c].a.1 + gap + 1 >= i);
        let mut best: Option<(u32, usize)> = None;
        for &c in &open {
            let cl = &clusters[c];
            let near_b = j + gap + 1 >= cl.b.0 && j <= cl.b.1 + gap + 1;
            if !near_b {
                continue;
            }
            let dist =
                i.saturating_sub(cl.a.1) + j.saturating_sub(cl.b.1) + cl.b.0.saturating_sub(j);
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, c));
            }
        }
        // The sentences skipped on either side must be reworded source text
        // from the opposite stretch, not commentary.
        let ok = best.is_some_and(|(_, c)| {
            let cl = &clusters[c];
            let (lo_b, hi_b) = (cl.last_b.min(j), cl.last_b.max(j));
            let a_gap = (cl.a.1 + 1..i).all(|g| related(&sa[g as usize], sb, (lo_b, hi_b + 1)));
            let b_gap = if j > cl.b.1 {
                (cl.b.1 + 1..j).all(|g| related(&sb[g as usize], sa, (cl.a.1, i + 1)))
            } else if j < cl.b.0 {
                (j + 1..cl.b.0).all(|g| related(&sb[g as usize], sa, (cl.a.1, i + 1)))
            } else {
                true
            };
            a_gap && b_gap
        });
        match best {
            Some((_, c)) if ok => {
                let cl = &mut clusters[c];
                cl.a.1 = cl.a.1.max(i);
                cl.b = (cl.b.0.min(j), cl.b.1.max(j));
                cl.seeds += 1;
                cl.last_b = j;
                member.push(c);
            }
            _ => {
                if open.len() >= MAX_OPEN_CLUSTERS {
                    open.remove(0);
                }
                open.push(clusters.len());
                member.push(clusters.len());
                clusters.push(Cluster {
                    a: (i, i),
                    b: (j, j),
                    seeds: 1,
                    last_b: j,
                });
            }
        }
    }

    let mut out: Vec<Fragment> = clusters
        .iter()
        .filter_map(|cl| {
            let fa = &wa[cl.a.0 as usize..=cl.a.1 as usize];
            let fb = &wb[cl.b.0 as usize..=cl.b.1 as usize];
            let cosine = cosine_of.of(fa, fb);
            let accepted = if cl.seeds == 1 {
                cosine >= SINGLE_SEED_COSINE
                    || dice(&sa[cl.a.0 as usize], &sb[cl.b.0 as usize]) >= SINGLE_SEED_DICE
            } else {
                cosine >= FRAGMENT_COSINE
            };
            accepted.then(|| Fragment {
                a: (sa[cl.a.0 as usize].tokens.0, sa[cl.a.1 as usize].tokens.1),
                b: (sb[cl.b.0 as usize].tokens.0, sb[cl.b.1 as usize].tokens.1),
                cosine,
                summary_pieces: 0,
            })
        })
        .collect();
    // seeds in order on both sides, in clusters of their own, are not
    // pieces of a summary
    let loose: Vec<(u32, u32)> = seeds
        .iter()
        .zip(&member)
        .filter(|&(_, &c)| (clusters[c].seeds as usize) < super::summary::MIN_SUMMARY_SEEDS)
        .map(|(&s, _)| s)
        .collect();
    out.extend(super::summary::summary_fragments(
        &loose,
        sa,
        sb,
        &wa,
        &wb,
        &mut cosine_of,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::reworded::sentences::sentences;
    use crate::tokenize::{tokenize, Interner};

    fn sents(texts: &[&str]) -> Vec<Vec<Sentence>> {
        let mut i = Interner::new(true, true);
        texts
            .iter()
            .map(|t| sentences(&tokenize(&fold(t), &mut i)))
            .collect()
    }
    /// The definition `related` walks sorted bags for: the units of `s` found
    /// in the union of the range's bags, counted through a set.
    fn related_naive(s: &Sentence, other: &[Sentence], range: (u32, u32)) -> bool {
        let hi = (range.1 as usize).min(other.len());
        let lo = (range.0 as usize).min(hi);
        let keys: FxHashSet<Unit> = other[lo..hi]
            .iter()
            .flat_map(|o| o.bag.iter().map(|&(k, _)| k))
            .collect();
        let shared = s.bag.iter().filter(|(k, _)| keys.contains(k)).count();
        shared >= GAP_MIN_SHARED && shared as f64 >= GAP_MIN_SHARE * s.bag.len() as f64
    }

    /// Random sorted bags over a small alphabet (many shared units, bags
    /// of 0 to 40 units, ranges empty, reversed, partly or wholly outside
    /// the document): the walk answers as the set does.
    #[test]
    fn related_matches_the_set_definition() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        let bag = |next: &mut dyn FnMut(u64) -> u64| {
            let alphabet = 8 + next(120);
            let mut units: Vec<Unit> = (0..next(41)).map(|_| next(alphabet)).collect();
            units.sort_unstable();
            units.dedup();
            Sentence {
                tokens: (0, 0),
                bag: units.into_iter().map(|u| (u, 1)).collect(),
            }
        };
        let (mut yes, mut no) = (0, 0);
        for _ in 0..3000 {
            let s = bag(&mut next);
            let other: Vec<Sentence> = (0..next(7)).map(|_| bag(&mut next)).collect();
            let range = (next(9) as u32, next(9) as u32);
            let want = related_naive(&s, &other, range);
            assert_eq!(
                related(&s, &other, range),
                want,
                "{s:?} {other:?} {range:?}"
            );
            if want {
                yes += 1;
            } else {
                no += 1;
            }
        }
        // both answers are well represented
        assert!(yes > 300 && no > 300, "{yes} {no}");
    }

    #[test]
    fn reworded_sentences_seed_and_cluster() {
        let src = "The regional water board approved a plan to build a new reservoir north of the valley. \
                   Farmers in the lower valley opposed the plan, saying it would flood grazing land. \
                   The board promised to compensate owners at market rates before construction starts.";
        let susp = "A plan to build a reservoir north of the valley was approved by the regional water board. \
                    Saying it would flood their grazing land, valley farmers opposed the plan. \
                    Owners will be compensated at market rates before the construction starts, the board promised.";
        let s = sents(&[src, susp]);
        let f = fragments(&s[0], &s[1]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].cosine > 0.5);
    }

    #[test]
    fn commentary_sentences_split_clusters() {
        let src = "The regional water board approved a plan to build a new reservoir north of the valley. \
                   Farmers in the lower valley opposed the plan, saying it would flood grazing land.";
        let post = "A plan to build a reservoir north of the valley was approved by the regional water board. \
                    Honestly my cousin Bertram never liked swimming, cooking, or gardening anyway. \
                    Nor did anybody else I remember from school days or summer camps. \
                    Saying it would flood their grazing land, valley farmers opposed the plan.";
        let s = sents(&[src, post]);
        let f = fragments(&s[0], &s[1]);
        assert_eq!(f.len(), 2, "{f:?}");
    }

    #[test]
    fn reworded_japanese_sentences_seed() {
        let src = "市の水道局は火曜日、谷の北に新しい貯水池を建設する計画を承認した。下流の農家は放牧地が水没するとして計画に反対している。";
        let post = "谷の北に新たな貯水池を造る計画が、火曜日に市の水道局によって承認された。放牧地が水没するとして、下流の農家たちはこの計画に反対だ。";
        let s = sents(&[src, post]);
        let f = fragments(&s[0], &s[1]);
        assert_eq!(f.len(), 1, "{f:?}");
    }
}
