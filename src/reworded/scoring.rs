//! Scoring: every sentence pair of two documents whose bags of content
//! units are alike enough to seed a reworded passage (tf-isf cosine and
//! Dice at least [`SEED_COSINE`] and [`SEED_DICE`]), found through an
//! inverted index rather than by comparing all pairs.
//!
//! Units are numbered densely first, with one hash probe per bag entry
//! (each document on its own core); the sentence frequencies, weights, the
//! index (compressed rows) and the cosines of summed sentences that
//! clustering asks for ([`Cosine`]) are then arrays, and the probes
//! dominate no longer.
//!
//! # Complexity
//! O(k) to number and weigh k bag entries, plus O(k · MAX_POSTINGS) to
//! score, as postings longer than [`MAX_POSTINGS`] are skipped; scoring is
//! shared out over the cores in chunks of a's sentences.

use super::fragments::{SEED_COSINE, SEED_DICE};
use super::sentences::Sentence;
use super::units::Unit;
use rustc_hash::FxHashMap;

/// A key in more sentences than this is too common to find candidates with
/// (it still counts in the cosine).
pub(crate) const MAX_POSTINGS: usize = 64;

/// A sentence's tf-isf vector.
pub(super) struct Weighted {
    /// (dense unit id, tf-isf weight), in bag order.
    pub vec: Vec<(u32, f32)>,
    pub norm: f32,
}

/// The tf-isf vectors of sentences whose units have dense ids `ids`
/// (flattened, in bag order), with the isf of each id.
fn weigh(ss: &[Sentence], ids: &[u32], isf: &[f32]) -> Vec<Weighted> {
    let mut at = 0;
    ss.iter()
        .map(|s| {
            let vec: Vec<(u32, f32)> = s
                .bag
                .iter()
                .zip(&ids[at..at + s.bag.len()])
                .map(|(&(_, c), &id)| (id, c as f32 * isf[id as usize]))
                .collect();
            at += s.bag.len();
            let norm = vec.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            Weighted { vec, norm }
        })
        .collect()
}

/// One document's units numbered densely, first come first numbered.
struct Numbered {
    /// Each bag entry's id, flattened in bag order.
    ids: Vec<u32>,
    /// Unit to id.
    map: FxHashMap<Unit, u32>,
    /// The units in id order.
    units: Vec<Unit>,
}

/// Numbers the units of `ss` densely (first come, first numbered), with
/// one hash probe per bag entry.
fn number(ss: &[Sentence]) -> Numbered {
    let mut ids = Vec::with_capacity(ss.iter().map(|s| s.bag.len()).sum());
    let mut map: FxHashMap<Unit, u32> = FxHashMap::default();
    map.reserve(ss.len() * 8);
    let mut units = Vec::new();
    for s in ss {
        for &(k, _) in &s.bag {
            let next = map.len() as u32;
            ids.push(*map.entry(k).or_insert_with(|| {
                units.push(k);
                next
            }));
        }
    }
    Numbered { ids, map, units }
}

/// Numbers the units of both documents densely, a's first, then b's new
/// ones, each first come first numbered (the ids only index arrays, they
/// never order anything), and returns each bag entry's id, flattened in
/// bag order, per document, with the number of ids. Every later step of
/// [`fragments`](super::fragments::fragments) indexes arrays.
///
/// Each document is numbered on its own core; b's units are then renumbered
/// with one probe per distinct unit of b, which gives exactly the ids of
/// numbering a and then b in one pass.
fn dense_ids(sa: &[Sentence], sb: &[Sentence]) -> (Vec<u32>, Vec<u32>, usize) {
    let sides = [sa, sb];
    let mut numbered = crate::par::map(
        &sides,
        |ss| ss.iter().map(|s| s.bag.len() * 16).sum(),
        |ss| number(ss),
    );
    let (b, a) = (numbered.pop(), numbered.pop());
    let (Some(a), Some(b)) = (a, b) else {
        unreachable!("two sides numbered")
    };
    let mut next = a.units.len() as u32;
    let global: Vec<u32> = b
        .units
        .iter()
        .map(|k| {
            a.map.get(k).copied().unwrap_or_else(|| {
                next += 1;
                next - 1
            })
        })
        .collect();
    let ids_b = b.ids.iter().map(|&l| global[l as usize]).collect();
    (a.ids, ids_b, next as usize)
}

/// The fewest shared units with which a sentence of `len` units can reach
/// [`SEED_DICE`] with any partner, computed as the scoring loop computes the
/// Dice coefficient: a partner holds every shared unit, so its bag is at
/// least that long, and 2s / (len + s) is the best s shared units can do
/// (rounding is monotone, so fewer never do better).
fn least_shared(len: usize) -> u32 {
    (1..=len as u32)
        .find(|&s| 2.0 * s as f32 / (len + s as usize) as f32 >= SEED_DICE)
        .unwrap_or(u32::MAX)
}

/// Chunks of a's sentences that [`score`] hands out to the cores (more
/// than cores, so that an uneven chunk does not hold the others up).
const SCORING_CHUNKS: usize = 8;

/// b's inverted index (compressed rows): unit `id`'s sentences, in order,
/// with its weight there, are `postings[start[id]..start[id + 1]]`.
struct Postings {
    start: Vec<u32>,
    postings: Vec<(u32, f32)>,
}

impl Postings {
    /// The index of b's sentences `sb`, whose bag entries have dense ids
    /// `ids` (flattened, in bag order) below `units`, weighed with `isf`
    /// as [`weigh`] weighs them, so that it need not wait for b's vectors.
    /// O(entries + units).
    fn build(sb: &[Sentence], ids: &[u32], isf: &[f32], units: usize) -> Postings {
        let mut start = vec![0u32; units + 1];
        for &id in ids {
            start[id as usize + 1] += 1;
        }
        for u in 0..units {
            start[u + 1] += start[u];
        }
        let mut fill = start.clone();
        let mut postings = vec![(0u32, 0f32); ids.len()];
        let mut at = 0;
        for (j, s) in sb.iter().enumerate() {
            for (&(_, c), &id) in s.bag.iter().zip(&ids[at..at + s.bag.len()]) {
                postings[fill[id as usize] as usize] = (j as u32, c as f32 * isf[id as usize]);
                fill[id as usize] += 1;
            }
            at += s.bag.len();
        }
        Postings { start, postings }
    }

    /// Where unit `id`'s sentences of b, with its weight in each, lie in
    /// `postings`.
    fn range(&self, id: u32) -> (usize, usize) {
        (
            self.start[id as usize] as usize,
            self.start[id as usize + 1] as usize,
        )
    }
}

/// The pairs of a's sentences `sa` (the first is sentence `first`) with
/// b's that reach both seed thresholds, in order of a's sentence.
fn score_chunk(
    first: usize,
    sa: &[Sentence],
    wa: &[Weighted],
    sb: &[Sentence],
    wb: &[Weighted],
    index: &Postings,
) -> Vec<(u32, u32, f32)> {
    let mut scored: Vec<(u32, u32, f32)> = Vec::new();
    // per sentence of b: (shared units, dot product) side by side, so that
    // a posting touches one cache line, not two
    let mut acc = vec![(0u32, 0f32); sb.len()];
    // the partners each sentence of a touches: written at `touched[n]` for
    // every posting and kept (n grows) only at the first touch, which
    // spares the loop an unpredictable branch (one slot more than b has
    // sentences: a write after all were touched)
    let mut touched = vec![0u32; sb.len() + 1];
    let mut n = 0;
    // the current sentence's posting lists, with its weight for each
    let mut lists: Vec<((usize, usize), f32)> = Vec::new();
    for (i, s) in sa.iter().enumerate() {
        // every list's bounds first: loads independent of each other, which
        // the core overlaps, not each waiting for the walk before it
        // (about 7% of this loop on 2 x 1 MB of Japanese)
        lists.clear();
        lists.extend(wa[i].vec.iter().map(|&(id, w)| (index.range(id), w)));
        for &((lo, hi), w) in &lists {
            if hi - lo > MAX_POSTINGS {
                continue;
            }
            for &(j, wbj) in &index.postings[lo..hi] {
                let cell = &mut acc[j as usize];
                touched[n] = j;
                n += usize::from(cell.0 == 0);
                cell.0 += 1;
                cell.1 += w * wbj;
            }
        }
        let least = least_shared(s.bag.len());
        for &j in &touched[..n] {
            let j = j as usize;
            let (shared, dot) = std::mem::take(&mut acc[j]);
            if shared < least {
                // cannot reach SEED_DICE whatever b's sentence is: most
                // partners share a unit or two, and skip the divisions
                continue;
            }
            let cos = if wa[i].norm > 0.0 && wb[j].norm > 0.0 {
                dot / (wa[i].norm * wb[j].norm)
            } else {
                0.0
            };
            let dice = 2.0 * shared as f32 / (s.bag.len() + sb[j].bag.len()) as f32;
            if cos >= SEED_COSINE && dice >= SEED_DICE {
                scored.push(((first + i) as u32, j as u32, cos));
            }
        }
        n = 0;
    }
    scored
}

/// What [`score`] finds.
pub(super) struct Scored {
    /// The tf-isf vectors of a's sentences.
    pub wa: Vec<Weighted>,
    /// The tf-isf vectors of b's sentences.
    pub wb: Vec<Weighted>,
    /// Sentence pairs `(i, j, cosine)` that reach both seed thresholds, by
    /// `i`, then in the order the index meets `j`.
    pub pairs: Vec<(u32, u32, f32)>,
    /// How many distinct units both documents hold (dense ids are below).
    pub units: usize,
}

/// The cosine of the sums of two sets of sentence vectors, over dense unit
/// ids: two accumulators as long as the vocabulary, cleared after each use,
/// in place of two hash maps per cosine.
///
/// # Complexity
/// O(entries of the sentences summed) per cosine; O(units) memory once.
pub(super) struct Cosine {
    va: Vec<f32>,
    vb: Vec<f32>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

impl Cosine {
    /// Accumulators for dense unit ids below `units`.
    pub fn new(units: usize) -> Cosine {
        Cosine {
            va: vec![0.0; units],
            vb: vec![0.0; units],
            seen: vec![false; units],
            touched: Vec::new(),
        }
    }

    /// Cosine of the sum of `a`'s vectors and the sum of `b`'s (0 when
    /// either sum is empty).
    pub fn of<W: std::borrow::Borrow<Weighted>>(&mut self, a: &[W], b: &[W]) -> f32 {
        for (side, acc) in [(a, &mut self.va), (b, &mut self.vb)] {
            for s in side {
                for &(id, w) in &s.borrow().vec {
                    let i = id as usize;
                    if !self.seen[i] {
                        self.seen[i] = true;
                        self.touched.push(id);
                    }
                    acc[i] += w;
                }
            }
        }
        let (mut dot, mut na, mut nb) = (0f32, 0f32, 0f32);
        for &id in &self.touched {
            let i = id as usize;
            let (x, y) = (self.va[i], self.vb[i]);
            dot += x * y;
            na += x * x;
            nb += y * y;
            self.va[i] = 0.0;
            self.vb[i] = 0.0;
            self.seen[i] = false;
        }
        self.touched.clear();
        let (na, nb) = (na.sqrt(), nb.sqrt());
        if na == 0.0 || nb == 0.0 {
            0.0
        } else {
            dot / (na * nb)
        }
    }
}

/// The inverse sentence frequency of each of `units` dense ids over both
/// documents' bag entries `ids_a` and `ids_b`, in `sentences` sentences.
fn isf(ids_a: &[u32], ids_b: &[u32], units: usize, sentences: usize) -> Vec<f32> {
    let total = sentences as f32;
    let mut df = vec![0u32; units];
    for &id in ids_a.iter().chain(ids_b) {
        df[id as usize] += 1;
    }
    // isf depends on the frequency alone, which takes few values: one
    // logarithm per value rather than per unit
    let most = df.iter().copied().max().unwrap_or(0) as usize;
    let by_df: Vec<f32> = (0..=most).map(|d| (1.0 + total / d as f32).ln()).collect();
    df.iter().map(|&d| by_df[d as usize]).collect()
}

/// Weighs both documents' sentences (isf over both) and scores their pairs.
pub(super) fn score(sa: &[Sentence], sb: &[Sentence]) -> Scored {
    // dense unit ids, then the inverse sentence frequency over both documents
    let (ids_a, ids_b, units) = dense_ids(sa, sb);
    let isf = isf(&ids_a, &ids_b, units, sa.len() + sb.len());
    // each side weighed, and b's index built, as three jobs shared out
    // over the cores (the index reads b's bags, not its vectors)
    enum Job<'s> {
        Weigh(&'s [Sentence], &'s [u32]),
        Index,
    }
    enum Done {
        Weighed(Vec<Weighted>),
        Indexed(Postings),
    }
    let jobs = [Job::Weigh(sa, &ids_a), Job::Weigh(sb, &ids_b), Job::Index];
    let mut done = crate::par::map(
        &jobs,
        |job| match job {
            Job::Weigh(_, ids) => ids.len() * 16,
            Job::Index => ids_b.len() * 16,
        },
        |job| match *job {
            Job::Weigh(ss, ids) => Done::Weighed(weigh(ss, ids, &isf)),
            Job::Index => Done::Indexed(Postings::build(sb, &ids_b, &isf, units)),
        },
    )
    .into_iter();
    let (Some(Done::Weighed(wa)), Some(Done::Weighed(wb)), Some(Done::Indexed(index))) =
        (done.next(), done.next(), done.next())
    else {
        unreachable!("two sides weighed, b's indexed")
    };

    // a's sentences in chunks, scored on every core; each chunk's pairs
    // come back in order, so the result is the same as in one pass
    let mut offsets = Vec::with_capacity(sa.len() + 1);
    offsets.push(0);
    for s in sa {
        offsets.push(offsets[offsets.len() - 1] + s.bag.len());
    }
    let chunk = sa.len().div_ceil(SCORING_CHUNKS).max(1);
    let chunks: Vec<(usize, usize)> = (0..sa.len())
        .step_by(chunk)
        .map(|lo| (lo, (lo + chunk).min(sa.len())))
        .collect();
    let parts = crate::par::map(
        &chunks,
        |&(lo, hi)| (offsets[hi] - offsets[lo]) * 4,
        |&(lo, hi)| score_chunk(lo, &sa[lo..hi], &wa[lo..hi], sb, &wb, &index),
    );
    let scored = parts.concat();

    Scored {
        wa,
        wb,
        pairs: scored,
        units,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::reworded::sentences::sentences;
    use crate::tokenize::{tokenize, Interner};

    /// Every pair compared, with the same arithmetic in the same order: the
    /// reference the index must match exactly.
    fn naive(
        sa: &[Sentence],
        sb: &[Sentence],
        wa: &[Weighted],
        wb: &[Weighted],
    ) -> Vec<(u32, u32, f32)> {
        let mut df_b: FxHashMap<u32, usize> = FxHashMap::default();
        for v in wb {
            for &(id, _) in &v.vec {
                *df_b.entry(id).or_default() += 1;
            }
        }
        let mut out = Vec::new();
        for (i, x) in sa.iter().enumerate() {
            for (j, y) in sb.iter().enumerate() {
                let (mut dot, mut shared) = (0f32, 0u32);
                for &(k, w) in &wa[i].vec {
                    if df_b.get(&k).is_some_and(|&d| d <= MAX_POSTINGS) {
                        if let Some(&(_, wy)) = wb[j].vec.iter().find(|&&(u, _)| u == k) {
                            shared += 1;
                            dot += w * wy;
                        }
                    }
                }
                if shared == 0 {
                    continue;
                }
                let cos = if wa[i].norm > 0.0 && wb[j].norm > 0.0 {
                    dot / (wa[i].norm * wb[j].norm)
                } else {
                    0.0
                };
                let dice = 2.0 * shared as f32 / (x.bag.len() + y.bag.len()) as f32;
                if cos >= SEED_COSINE && dice >= SEED_DICE {
                    out.push((i as u32, j as u32, cos));
                }
            }
        }
        out
    }

    /// Numbering a and b apart (on two cores when they are large) gives
    /// exactly the ids of numbering a and then b in one pass.
    #[test]
    fn numbering_each_side_apart_gives_the_ids_of_one_pass() {
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut doc = |sentences: usize, spread: u64| -> Vec<Sentence> {
            (0..sentences)
                .map(|_| {
                    let mut bag: Vec<(Unit, u32)> = (0..12)
                        .map(|_| {
                            x ^= x << 13;
                            x ^= x >> 7;
                            x ^= x << 17;
                            (x % spread, 1)
                        })
                        .collect();
                    bag.sort_unstable();
                    bag.dedup_by_key(|e| e.0);
                    Sentence {
                        tokens: (0, 0),
                        bag,
                    }
                })
                .collect()
        };
        for (n, spread) in [(3, 20), (40, 300), (1500, 5000)] {
            let (sa, sb) = (doc(n, spread), doc(n + 7, spread * 2));
            let mut one_pass: FxHashMap<Unit, u32> = FxHashMap::default();
            let mut reference = Vec::new();
            for s in sa.iter().chain(&sb) {
                for &(k, _) in &s.bag {
                    let next = one_pass.len() as u32;
                    reference.push(*one_pass.entry(k).or_insert(next));
                }
            }
            let (ids_a, ids_b, units) = dense_ids(&sa, &sb);
            assert_eq!(units, one_pass.len());
            assert_eq!([ids_a, ids_b].concat(), reference, "{n} sentences");
        }
    }

    #[test]
    fn fewer_shared_units_than_least_shared_never_reach_the_dice_seed() {
        let dice = |s: u32, lx: usize, ly: usize| 2.0 * s as f32 / (lx + ly) as f32;
        for lx in 1..120 {
            let least = least_shared(lx);
            assert!(dice(least, lx, least as usize) >= SEED_DICE, "{lx}");
            for s in 1..least {
                for ly in s as usize..400 {
                    assert!(dice(s, lx, ly) < SEED_DICE, "{lx} {s} {ly}");
                }
            }
        }
    }

    /// Scoring on every core, in chunks, gives the pairs of one pass over
    /// all of a's sentences, in the same order, bit for bit.
    #[test]
    fn chunks_on_many_cores_give_the_pairs_of_one_pass() {
        // a large vocabulary keeps most units under the postings cap, and b
        // repeats half of a's text, so that many pairs are alike
        let words: Vec<String> = (0..2000)
            .map(|i| format!("term{}q", i * 13 % 2003))
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut interner = Interner::new(true, true);
        let a = text(7, &words, 4000);
        let b = format!("{}{}", &a[..a.len() / 2], text(8, &words, 2000));
        let [sa, sb] = [a, b].map(|t| sentences(&tokenize(&fold(&t), &mut interner)));
        let entries: usize = sa.iter().map(|s| s.bag.len()).sum();
        assert!(
            entries * 4 >= crate::par::PARALLEL_MIN_BYTES,
            "big enough for threads"
        );
        let got = score(&sa, &sb);
        // one pass over all of a, as before chunks, on an index built from
        // b's vectors
        let index = postings_of_vectors(&got.wb, got.units);
        let one = score_chunk(0, &sa, &got.wa, &sb, &got.wb, &index);
        assert!(!one.is_empty());
        let bits = |v: &[(u32, u32, f32)]| {
            v.iter()
                .map(|&(i, j, c)| (i, j, c.to_bits()))
                .collect::<Vec<_>>()
        };
        assert_eq!(bits(&got.pairs), bits(&one));
    }

    /// b's index built from its weighed vectors: the reference for
    /// [`Postings::build`], which reads the bags so as not to wait for them.
    fn postings_of_vectors(wb: &[Weighted], units: usize) -> Postings {
        let mut start = vec![0u32; units + 1];
        for v in wb {
            for &(id, _) in &v.vec {
                start[id as usize + 1] += 1;
            }
        }
        for u in 0..units {
            start[u + 1] += start[u];
        }
        let mut fill = start.clone();
        let mut postings = vec![(0u32, 0f32); start[units] as usize];
        for (j, v) in wb.iter().enumerate() {
            for &(id, w) in &v.vec {
                postings[fill[id as usize] as usize] = (j as u32, w);
                fill[id as usize] += 1;
            }
        }
        Postings { start, postings }
    }

    /// The index built from b's bags is the one built from its vectors,
    /// weights bit for bit, in English and Japanese.
    #[test]
    fn the_index_from_bags_is_the_index_from_vectors() {
        let words: Vec<String> = (0..300).map(|i| format!("w{}x", i * 7 % 301)).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let kanji: Vec<String> = (0..200)
            .map(|i| char::from_u32(0x4E00 + i * 37).map_or(String::new(), String::from))
            .collect();
        let kanji: Vec<&str> = kanji.iter().map(String::as_str).collect();
        for (words, seed) in [(&words, 3), (&kanji, 5)] {
            let mut interner = Interner::new(true, true);
            let [sa, sb] = [text(seed, words, 300), text(seed + 1, words, 200)]
                .map(|t| sentences(&tokenize(&fold(&t), &mut interner)));
            let (ids_a, ids_b, units) = dense_ids(&sa, &sb);
            let isf = isf(&ids_a, &ids_b, units, sa.len() + sb.len());
            let wb = weigh(&sb, &ids_b, &isf);
            let (got, want) = (
                Postings::build(&sb, &ids_b, &isf, units),
                postings_of_vectors(&wb, units),
            );
            assert!(got.postings.len() > 1000);
            assert_eq!(got.start, want.start);
            let bits = |p: &Postings| -> Vec<(u32, u32)> {
                p.postings.iter().map(|&(j, w)| (j, w.to_bits())).collect()
            };
            assert_eq!(bits(&got), bits(&want));
        }
    }

    /// Sentences drawn from a small vocabulary, so that common units pass
    /// [`MAX_POSTINGS`] and many pairs are alike.
    fn text(seed: u64, words: &[&str], sentences: usize) -> String {
        let mut x = seed;
        let mut next = |n: usize| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as usize % n
        };
        let joiner = if words[0].is_ascii() { " " } else { "" };
        (0..sentences)
            .map(|_| {
                let n = 4 + next(10);
                let s: Vec<&str> = (0..n).map(|_| words[next(words.len())]).collect();
                format!("{}。 ", s.join(joiner))
            })
            .collect()
    }

    /// Cosine of summed vectors with two hash maps: the reference for
    /// [`Cosine::of`].
    fn cosine_naive(a: &[&Weighted], b: &[&Weighted]) -> f32 {
        let sum = |side: &[&Weighted]| {
            let mut m: FxHashMap<u32, f32> = FxHashMap::default();
            for s in side {
                for &(id, w) in &s.vec {
                    *m.entry(id).or_default() += w;
                }
            }
            m
        };
        let (va, vb) = (sum(a), sum(b));
        let dot: f32 = va
            .iter()
            .map(|(k, w)| w * vb.get(k).copied().unwrap_or(0.0))
            .sum();
        let na = va.values().map(|w| w * w).sum::<f32>().sqrt();
        let nb = vb.values().map(|w| w * w).sum::<f32>().sqrt();
        if na == 0.0 || nb == 0.0 {
            0.0
        } else {
            dot / (na * nb)
        }
    }

    #[test]
    fn cosine_of_summed_sentences_matches_two_hash_maps() {
        let words: Vec<String> = (0..60).map(|i| format!("word{}x", i * 7 % 61)).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut interner = Interner::new(true, true);
        let [sa, sb] =
            [3u64, 4].map(|s| sentences(&tokenize(&fold(&text(s, &words, 200)), &mut interner)));
        let got = score(&sa, &sb);
        let mut cosine = Cosine::new(got.units);
        let mut rng = crate::align::xorshift(11);
        let mut alike = 0;
        for _ in 0..500 {
            let mut range = |n: usize| {
                let lo = rng(n as u32) as usize;
                let len = 1 + rng(6) as usize;
                lo..(lo + len).min(n)
            };
            let a: Vec<&Weighted> = got.wa[range(got.wa.len())].iter().collect();
            let b: Vec<&Weighted> = got.wb[range(got.wb.len())].iter().collect();
            let (fast, naive) = (cosine.of(&a, &b), cosine_naive(&a, &b));
            assert!((fast - naive).abs() <= 1e-5, "{fast} {naive}");
            alike += usize::from(naive > 0.3);
            // the accumulators are left clean: the same cosine again
            assert_eq!(cosine.of(&a, &b).to_bits(), fast.to_bits());
        }
        assert!(cosine.of::<&Weighted>(&[], &[]) == 0.0);
        assert!(alike > 20, "{alike} alike pairs: the test needs some");
    }

    #[test]
    fn the_index_finds_exactly_the_pairs_of_comparing_all() {
        let en: Vec<String> = (0..30).map(|i| format!("word{}x", i * 7 % 31)).collect();
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let ja = [
            "港",
            "大橋",
            "通行",
            "止め",
            "技師",
            "亀裂",
            "ケーブル",
            "市",
            "議会",
            "月曜",
            "週間",
            "交通",
            "渋滞",
            "フェリー",
            "運航",
            "商店",
        ];
        let mut checked = 0;
        for seed in 0..6u64 {
            let vocab: &[&str] = if seed % 2 == 0 { &en } else { &ja };
            let mut interner = Interner::new(true, true);
            let [sa, sb] = [seed, seed + 100]
                .map(|s| sentences(&tokenize(&fold(&text(s, vocab, 300)), &mut interner)));
            let got = score(&sa, &sb);
            let mut want = naive(&sa, &sb, &got.wa, &got.wb);
            let mut pairs = got.pairs.clone();
            pairs.sort_by_key(|&(i, j, _)| (i, j));
            want.sort_by_key(|&(i, j, _)| (i, j));
            assert_eq!(pairs.len(), want.len(), "seed {seed}");
            for (g, w) in pairs.iter().zip(&want) {
                assert_eq!(
                    (g.0, g.1, g.2.to_bits()),
                    (w.0, w.1, w.2.to_bits()),
                    "seed {seed}"
                );
            }
            assert!(!want.is_empty(), "seed {seed}: the test needs alike pairs");
            checked += want.len();
        }
        // and the cap was exercised: some unit is in more sentences than it
        let mut interner = Interner::new(true, true);
        let sb = sentences(&tokenize(&fold(&text(100, &en, 300)), &mut interner));
        let mut df: FxHashMap<Unit, usize> = FxHashMap::default();
        for s in &sb {
            for &(k, _) in &s.bag {
                *df.entry(k).or_default() += 1;
            }
        }
        assert!(df.values().any(|&d| d > MAX_POSTINGS));
        assert!(checked > 100, "{checked} pairs checked");
    }
}
