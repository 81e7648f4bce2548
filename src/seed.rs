//! Seed: hash the k-grams of every document's content tokens and pair the
//! k-grams that two documents share, as the seed step of seed-and-extend
//! aligners (BLAST, and the PAN text-alignment systems after it).
//!
//! The *content* of a document is its tokens minus English function words
//! (their key is [`STOP`]). A k-gram (a *window*) starting at content token
//! `p` is the shortest run `p..q` whose weight reaches
//! [`Options::seed_length`](crate::Options::seed_length) and that holds at
//! least [`MIN_SEED_TOKENS`] tokens: 8 CJK characters, or about 3 English
//! content words. Windows are hashed with a polynomial hash over the tokens'
//! stem keys, so `walked` and `walks` seed alike.
//!
//! One hash table indexes the windows of all documents; each slot keeps a
//! linked list of its occurrences. The last document's windows are only
//! looked up, never inserted: one that no earlier document holds pairs with
//! nothing. A window that occurs more than
//! [`Options::max_occurrences`](crate::Options::max_occurrences) times in
//! either document of a pair is boilerplate and seeds nothing. The others
//! seed with a *rarity* of `1 / √(occurrences in a × occurrences in b)`, so
//! a phrase that recurs on both sides (a name, a title, a date) counts for
//! less than text that occurs once on each side, while a quote pasted twice
//! on one side still counts for 0.7 of its length.
//!
//! A window that more than [`MAX_PAIRWISE_DOCS`] documents hold seeds only
//! the pairs of its *hub* (the first of them in a canonical order) with the
//! others: the group-first answer to many documents quoting one source. Its
//! occurrences are also kept sorted by document, so that each hub pair finds
//! its two documents' by binary search instead of walking all of them.
//!
//! Seeding also marks which tokens of each document are *covered* by some
//! seed with another document. The aligner uses this to tell an edit inside
//! a quote (covered text, or a short uncovered run) from commentary (a long
//! uncovered run).
//!
//! # Complexity
//! O(n) expected time over all documents for hashing and indexing, plus
//! O(n_a · d) per pair for the look-ups, where `d ≤ max_occurrences · docs`
//! is the bounded walk of one slot's list (a widely shared window is
//! skipped in O(1) for a pair without its hub, and searched in O(log d)
//! for a pair with it). Seeds per pair are at most
//! `n_a · max_occurrences`. For N documents all quoting one source, every
//! pair costs O(n_a), and only the N − 1 pairs with the hub find seeds.
//! Memory: about 30 bytes per content token while a document's windows
//! are cut, then about 9 (its content tokens, and the windows winnowing
//! keeps, about 2 in 5, with their slots), plus the table's entries for
//! every document but the last.

use crate::options::Options;
use crate::tokenize::{is_word, Tokens, STOP};
use rustc_hash::FxHashMap;

/// A window holds at least this many content tokens, so one long word (or
/// one rare character) never seeds alone.
pub(crate) const MIN_SEED_TOKENS: usize = 2;

/// Weight of one content word when cutting windows: about the length of an
/// English content word, so the default seed is 3 words.
const SEED_WORD_WEIGHT: u64 = 6;

/// Winnowing window (Schleimer, Wilkerson and Aiken, 2003, as in MOSS): of
/// every `WINNOW` consecutive windows only the one with the smallest hash is
/// indexed. Any shared run of a window's length plus `WINNOW - 1` tokens is
/// still seeded, consecutive seeds still overlap (a window is longer than
/// `WINNOW`), and the index holds about 2/(WINNOW+1) of the windows.
pub(crate) const WINNOW: usize = 4;

/// Multiplier of the polynomial window hash (odd, so it is invertible mod 2^64).
const HASH_MUL: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(key: u32) -> u64 {
    // splitmix64 finalizer: spreads consecutive ids over the whole word.
    let mut z = (key as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The content tokens of one document and their windows.
#[derive(Debug, Default)]
pub(crate) struct Content {
    /// Token index of each content token.
    pub tok: Vec<u32>,
    /// The windows that winnowing keeps (the only ones indexed), in
    /// increasing order of their first content token.
    windows: Vec<Window>,
    /// Index slot of each kept window ([`NIL`] for a window of the last
    /// document that no earlier one holds).
    slot: Vec<u32>,
}

/// A window: content tokens `start..start + len`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Window {
    start: u32,
    len: u32,
}

impl Content {
    /// Token range `start..end` covered by content tokens `p..q` (q > p).
    pub fn token_span(&self, p: usize, q: usize) -> (u32, u32) {
        (self.tok[p], self.tok[q - 1] + 1)
    }
}

/// One shared window: content positions in documents `a` and `b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Seed {
    /// Content position in the first document of the pair.
    pub a: u32,
    /// Content position in the second document.
    pub b: u32,
    /// Content tokens in the window (the same on both sides).
    pub len: u32,
    /// 1 for a window that occurs once on each side, less for common ones.
    pub rarity: f32,
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    head: u32,
    count: u32,
    /// Distinct documents holding the window.
    docs: u32,
    /// The last document added (documents are added in order).
    last_doc: u32,
    /// The document holding the window that comes first in the order of
    /// [`Index::build`]'s `rank`: the hub of a widely shared window.
    hub: u32,
    /// Where a widely shared window's occurrences start in its part's
    /// `by_doc` (`count` of them, by document and position), or `NIL`.
    by_doc: u32,
}

/// A window that more documents than this hold is linked through one *hub*
/// document (the first of them in a canonical order, see [`Index::build`]):
/// it seeds the pairs of the hub with each other document, not every pair.
/// A wire story quoted by a thousand posts then gives a thousand passages
/// in one group, found in linear time, instead of half a million passages
/// that say the same thing. Up to this many documents (every page of a
/// class, every ordinary comparison) every pair is still reported.
pub const MAX_PAIRWISE_DOCS: u32 = 8;

#[derive(Clone, Copy, Debug)]
struct Entry {
    doc: u32,
    pos: u32,
    next: u32,
}

const NIL: u32 = u32::MAX;

/// The seed index over all documents of one comparison.
#[derive(Debug)]
pub(crate) struct Index {
    pub content: Vec<Content>,
    /// The table, split by hash into one part per core (one part in wasm).
    parts: Vec<Part>,
    max_occurrences: u32,
}

/// One part of the index: the slots and occurrence lists of the hashes
/// that fall in it.
#[derive(Debug, Default)]
struct Part {
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    /// The occurrences (document, position) of each widely shared window,
    /// sorted: a hub's pair finds its two documents' by binary search,
    /// instead of walking an occurrence list as long as the documents
    /// (which, for each of a thousand posts quoting one story, was most of
    /// the comparison).
    by_doc: Vec<(u32, u32)>,
}

/// A window's slot is `part << PART_SHIFT | index in the part`.
const PART_SHIFT: u32 = 27;

/// The part a hash belongs to: its top 24 bits (which the table does not
/// use) scaled to `0..parts` by a multiply and a shift, as every part's
/// thread asks this of every window and a division costs tens of cycles.
fn part_of(hash: u64, parts: usize) -> usize {
    (((hash >> 40) * parts as u64) >> 24) as usize
}

/// Cuts windows of weight `seed_length` from one document's content and
/// keeps those that winnowing picks, with their hashes.
fn windows(tokens: &Tokens, seed_length: u32) -> (Content, Vec<u64>) {
    // Content tokens, each with its mixed key (the hash's term) and its
    // weight, which the windows below read twice (as a window takes the
    // token in and as it lets it go). A window's extent must depend on the
    // keys only, so that `walked` and `walks` cut the same windows: words
    // weigh a constant here.
    let mut tok: Vec<u32> = Vec::with_capacity(tokens.len());
    let mut mixed: Vec<u64> = Vec::with_capacity(tokens.len());
    let mut weights: Vec<u32> = Vec::with_capacity(tokens.len());
    for (t, &key) in tokens.keys.iter().enumerate() {
        if key != STOP {
            tok.push(t as u32);
            mixed.push(mix(key));
            weights.push(if is_word(tokens.ids[t]) {
                SEED_WORD_WEIGHT as u32
            } else {
                tokens.weights[t] as u32
            });
        }
    }
    let m = tok.len();
    let weight = |p: usize| weights[p] as u64;
    // The hash of window p..q is Σ mix(key_j) · MUL^(q-1-j), rolled along:
    // a token added at q multiplies by MUL, one dropped at p subtracts its
    // term. pow[i] = MUL^i.
    let mut pow: Vec<u64> = vec![1];
    let mut lens: Vec<u32> = Vec::with_capacity(m);
    let mut hashes: Vec<u64> = Vec::with_capacity(m);
    let mut q = 0usize;
    let mut w = 0u64; // weight of p..q
    let mut rolled = 0u64; // polynomial hash of p..q
    for p in 0..m {
        if q < p {
            q = p;
            w = 0;
            rolled = 0;
        }
        while q < m && (w < seed_length as u64 || q - p < MIN_SEED_TOKENS) {
            w += weight(q);
            rolled = rolled.wrapping_mul(HASH_MUL).wrapping_add(mixed[q]);
            q += 1;
        }
        if w < seed_length as u64 || q - p < MIN_SEED_TOKENS {
            break; // no window fits from here on
        }
        let len = q - p;
        while pow.len() < len {
            let last = pow[pow.len() - 1];
            pow.push(last.wrapping_mul(HASH_MUL));
        }
        lens.push(len as u32);
        hashes.push(rolled ^ (len as u64));
        w -= weight(p);
        rolled = rolled.wrapping_sub(mixed[p].wrapping_mul(pow[len - 1]));
    }
    let kept = winnow(&hashes);
    let windows = kept
        .iter()
        .map(|&p| Window {
            start: p,
            len: lens[p as usize],
        })
        .collect();
    let kept_hashes = kept.iter().map(|&p| hashes[p as usize]).collect();
    (
        Content {
            tok,
            windows,
            slot: Vec::new(),
        },
        kept_hashes,
    )
}

/// The positions of the windows whose hash is the smallest of some
/// `WINNOW` consecutive windows (the rightmost on ties), in increasing
/// order; every window when there are `WINNOW` or fewer. O(n · WINNOW),
/// without branches on the hashes: for so small a window a direct scan
/// beats a monotone queue.
///
/// The minimum of one group of `WINNOW` never lies left of the previous
/// group's (the rightmost minimum of a group is smaller than everything
/// right of it in that group, and the next group only adds one window on
/// the right), so a position is new exactly when it differs from the last.
fn winnow(hashes: &[u64]) -> Vec<u32> {
    let n = hashes.len();
    if n <= WINNOW {
        return (0..n as u32).collect();
    }
    // Every group's minimum is written at the end of `kept`, which grows
    // only when it is new: no branch on the hashes (about two in five
    // groups bring a new one, which a branch would mispredict).
    let mut kept = vec![0u32; n - WINNOW + 1];
    let mut len = 0;
    let mut last = u32::MAX;
    for (s, group) in hashes.windows(WINNOW).enumerate() {
        let (mut at, mut least) = (0, group[0]);
        for (k, &h) in group.iter().enumerate().skip(1) {
            let le = h <= least;
            at = if le { k } else { at };
            least = if le { h } else { least };
        }
        let at = (s + at) as u32;
        // len <= s: the write stays inside
        kept[len] = at;
        len += usize::from(at != last);
        last = at;
    }
    kept.truncate(len);
    kept
}

impl Index {
    /// Indexes the windows of every document. `rank[d]` is document `d`'s
    /// place in a canonical order (one that does not depend on the input
    /// order), which picks the hub of a widely shared window.
    pub fn build(docs: &[Tokens], rank: &[u32], opts: &Options) -> Index {
        let mut content = Vec::with_capacity(docs.len());
        let mut all_hashes = Vec::with_capacity(docs.len());
        let mut total = 0;
        let cut = crate::par::map(docs, |d| d.len() * 4, |d| windows(d, opts.seed_length));
        for (c, h) in cut {
            total += c.windows.len();
            content.push(c);
            all_hashes.push(h);
        }
        // Each part is built by its own thread over every document's
        // windows, so the random accesses into the tables are shared out.
        let parts = crate::par::threads(32, total * 16).min(1 << (32 - PART_SHIFT));
        // Each part's table is sized for the windows that are inserted:
        // all but the last document's, which are only looked up.
        let inserted = match content.len() {
            0 | 1 => total,
            n => total - content[n - 1].windows.len(),
        };
        let ids: Vec<usize> = (0..parts).collect();
        let built = crate::par::map(
            &ids,
            |_| total * 16,
            |&k| {
                let mut table: FxHashMap<u64, u32> = FxHashMap::default();
                table.reserve(inserted / parts + 16);
                let mut part = Part::default();
                let mut assigned: Vec<Vec<(u32, u32)>> = Vec::with_capacity(content.len());
                // the last document's windows are only looked up: one that
                // no earlier document holds can pair with none (with two
                // documents, half the insertions)
                let last = content.len().saturating_sub(1);
                for (doc, (c, hashes)) in content.iter().zip(&all_hashes).enumerate() {
                    let mut mine = Vec::new();
                    for (i, (w, &hash)) in c.windows.iter().zip(hashes).enumerate() {
                        if part_of(hash, parts) != k {
                            continue;
                        }
                        let next_slot = part.slots.len() as u32;
                        let s = if doc == last && last > 0 {
                            match table.get(&hash) {
                                Some(&s) => s,
                                None => continue,
                            }
                        } else {
                            *table.entry(hash).or_insert(next_slot)
                        };
                        if s == next_slot {
                            part.slots.push(Slot {
                                head: NIL,
                                count: 0,
                                docs: 0,
                                last_doc: NIL,
                                hub: doc as u32,
                                by_doc: NIL,
                            });
                        }
                        let slot = &mut part.slots[s as usize];
                        if slot.last_doc != doc as u32 {
                            slot.docs += 1;
                            slot.last_doc = doc as u32;
                            if rank[doc] < rank[slot.hub as usize] {
                                slot.hub = doc as u32;
                            }
                        }
                        part.entries.push(Entry {
                            doc: doc as u32,
                            pos: w.start,
                            next: slot.head,
                        });
                        slot.head = part.entries.len() as u32 - 1;
                        slot.count += 1;
                        mine.push((i as u32, (k as u32) << PART_SHIFT | s));
                    }
                    assigned.push(mine);
                }
                // each list runs newest first, documents and positions
                // having been added in increasing order: reversed, it is
                // sorted
                for slot in part.slots.iter_mut().filter(|s| s.docs > MAX_PAIRWISE_DOCS) {
                    slot.by_doc = part.by_doc.len() as u32;
                    let mut e = slot.head;
                    while e != NIL {
                        let entry = part.entries[e as usize];
                        part.by_doc.push((entry.doc, entry.pos));
                        e = entry.next;
                    }
                    part.by_doc[slot.by_doc as usize..].reverse();
                }
                (part, assigned)
            },
        );
        for c in &mut content {
            c.slot = vec![NIL; c.windows.len()];
        }
        let mut all_parts = Vec::with_capacity(parts);
        for (part, assigned) in built {
            for (c, mine) in content.iter_mut().zip(assigned) {
                for (i, slot) in mine {
                    c.slot[i as usize] = slot;
                }
            }
            all_parts.push(part);
        }
        Index {
            content,
            parts: all_parts,
            max_occurrences: opts.max_occurrences,
        }
    }

    /// The slot a window's `slot` code names (see [`PART_SHIFT`]).
    fn slot(&self, code: u32) -> &Slot {
        &self.parts[(code >> PART_SHIFT) as usize].slots[(code & ((1 << PART_SHIFT) - 1)) as usize]
    }

    /// Which tokens of document `d` lie in a widely shared window (one that
    /// more than [`MAX_PAIRWISE_DOCS`] documents hold). O(n_d · window).
    pub fn widely_shared(&self, d: usize, tokens: usize) -> Vec<bool> {
        let c = &self.content[d];
        let mut out = vec![false; tokens];
        for (w, &code) in c.windows.iter().zip(&c.slot) {
            if code == NIL {
                continue;
            }
            if self.slot(code).docs > MAX_PAIRWISE_DOCS {
                let p = w.start as usize;
                let (s, e) = c.token_span(p, p + w.len as usize);
                out[s as usize..e as usize].fill(true);
            }
        }
        out
    }

    /// The seeds shared by documents `a < b`, in increasing order of their
    /// position in `a`.
    pub fn pair(&self, a: usize, b: usize) -> Vec<Seed> {
        let ca = &self.content[a];
        let docs = self.content.len() as u32;
        let cap = self.max_occurrences;
        let mut seeds = Vec::new();
        let mut partners: Vec<u32> = Vec::new();
        for (w, &code) in ca.windows.iter().zip(&ca.slot) {
            // (a window of the last document that no other holds has no slot)
            if code == NIL {
                continue;
            }
            let part = &self.parts[(code >> PART_SHIFT) as usize];
            let slot = *self.slot(code);
            // A slot this full holds boilerplate for at least one pair, and
            // walking it would cost more than it could give.
            if slot.count < 2 || slot.count > cap.saturating_mul(docs) {
                continue;
            }
            // widely shared: only the hub's pairs
            if slot.docs > MAX_PAIRWISE_DOCS && slot.hub != a as u32 && slot.hub != b as u32 {
                continue;
            }
            let (mut in_a, mut in_b) = (0u32, 0u32);
            partners.clear();
            if slot.by_doc != NIL {
                // widely shared: the two documents' occurrences by search
                let all = &part.by_doc[slot.by_doc as usize..][..slot.count as usize];
                let of = |d: u32| {
                    let lo = all.partition_point(|o| o.0 < d);
                    &all[lo..lo + all[lo..].partition_point(|o| o.0 == d)]
                };
                let (oa, ob) = (of(a as u32), of(b as u32));
                in_a = oa.len() as u32;
                in_b = ob.len() as u32;
                // newest first, as a walk of the list gives them
                partners.extend(ob.iter().rev().map(|o| o.1));
            } else {
                let mut e = slot.head;
                while e != NIL {
                    let entry = part.entries[e as usize];
                    if entry.doc == a as u32 {
                        in_a += 1;
                    } else if entry.doc == b as u32 {
                        in_b += 1;
                        partners.push(entry.pos);
                    }
                    e = entry.next;
                }
            }
            if in_b == 0 || in_a > cap || in_b > cap {
                continue;
            }
            let rarity = 1.0 / ((in_a * in_b) as f32).sqrt();
            // entries are linked newest first; emit in increasing b order
            for &q in partners.iter().rev() {
                seeds.push(Seed {
                    a: w.start,
                    b: q,
                    len: w.len,
                    rarity,
                });
            }
        }
        seeds
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::tokenize::{tokenize, Interner};

    fn index(texts: &[&str], opts: &Options) -> Index {
        let mut i = Interner::new(opts.stem, opts.stop_words);
        let docs: Vec<Tokens> = texts.iter().map(|t| tokenize(&fold(t), &mut i)).collect();
        let rank: Vec<u32> = (0..docs.len() as u32).collect();
        Index::build(&docs, &rank, opts)
    }

    /// A widely shared window's sorted occurrences give exactly the seeds
    /// that walking its occurrence list gives, for every pair: hub pairs,
    /// windows a document holds twice, documents in any rank order.
    #[test]
    fn sorted_occurrences_give_the_seeds_of_the_walk() {
        let opts = Options::default();
        let quote =
            "the council approved a new reservoir plan on tuesday evening after a long debate";
        let texts: Vec<String> = (0..12)
            .map(|d| match d % 3 {
                0 => format!("post {d} opens with its own words. {quote}. and closes."),
                1 => format!("{quote}. post {d} repeats it: {quote}."),
                _ => format!("市の計画について {d}。{quote}。"),
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut i = Interner::new(opts.stem, opts.stop_words);
        let docs: Vec<Tokens> = refs.iter().map(|t| tokenize(&fold(t), &mut i)).collect();
        // the hub is document 4, which holds the quote twice
        let rank: Vec<u32> = (0..12).map(|d| (d + 8) % 12).collect();
        let mut ix = Index::build(&docs, &rank, &opts);
        let wide = ix
            .parts
            .iter()
            .flat_map(|p| &p.slots)
            .filter(|s| s.by_doc != NIL)
            .count();
        assert!(wide > 0, "no widely shared window");
        let pairs: Vec<(usize, usize)> = (0..12)
            .flat_map(|a| (a + 1..12).map(move |b| (a, b)))
            .collect();
        let sorted: Vec<Vec<Seed>> = pairs.iter().map(|&(a, b)| ix.pair(a, b)).collect();
        for part in &mut ix.parts {
            for slot in &mut part.slots {
                slot.by_doc = NIL;
            }
        }
        let mut seeded = 0;
        for (&(a, b), got) in pairs.iter().zip(&sorted) {
            let walked = ix.pair(a, b);
            assert_eq!(format!("{got:?}"), format!("{walked:?}"), "pair {a} {b}");
            seeded += walked.len();
        }
        assert!(seeded > 0);
    }

    #[test]
    fn windows_reach_the_seed_weight() {
        let opts = Options::default();
        let ix = index(&["あいうえおかきくけこ"], &opts);
        // 10 characters of weight 2; a window needs 16 → 8 characters,
        // and 3 windows are too few to thin out
        let w = |start, len| Window { start, len };
        assert_eq!(ix.content[0].windows, [w(0, 8), w(1, 8), w(2, 8)]);
    }

    /// The naive definition: a window is kept when it is the (rightmost)
    /// minimum of some WINNOW consecutive windows.
    fn winnow_naive(hashes: &[u64]) -> Vec<bool> {
        let n = hashes.len();
        let mut keep = vec![n <= WINNOW; n];
        if n > WINNOW {
            for s in 0..=n - WINNOW {
                let w = &hashes[s..s + WINNOW];
                let min = *w.iter().min().unwrap();
                let at = s + w.iter().rposition(|&h| h == min).unwrap();
                keep[at] = true;
            }
        }
        keep
    }

    #[test]
    fn winnowing_matches_the_naive_definition() {
        let mut x = 0x1234_5678u64;
        for n in 0..60 {
            let hashes: Vec<u64> = (0..n)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    x >> 60 // few distinct values: many ties
                })
                .collect();
            let mut got = vec![false; n];
            let kept = winnow(&hashes);
            assert!(kept.windows(2).all(|k| k[0] < k[1]), "{kept:?}");
            for p in kept {
                got[p as usize] = true;
            }
            assert_eq!(got, winnow_naive(&hashes), "{hashes:?}");
            // every WINNOW consecutive windows keep at least one
            for s in 0..n.saturating_sub(WINNOW - 1) {
                assert!(got[s..s + WINNOW.min(n - s)].iter().any(|&k| k));
            }
        }
    }

    /// The rolled hash of every kept window is its definition,
    /// `Σ mix(key_j) · MUL^(q-1-j)` over its tokens `p..q`, xor its length;
    /// English and CJK content, with windows of different lengths.
    #[test]
    fn rolled_window_hashes_match_their_definition() {
        let opts = Options::default();
        let mut i = Interner::new(opts.stem, opts.stop_words);
        let text = "港大橋は月曜日から六週間通行止めになる。The council approved a new reservoir plan on Tuesday; 技師がケーブルに亀裂を見つけた。Engineers found cracks in the bridge cables near the northern tower.";
        let tokens = tokenize(&fold(text), &mut i);
        let (content, hashes) = windows(&tokens, opts.seed_length);
        assert!(content.windows.len() > WINNOW);
        assert_eq!(content.windows.len(), hashes.len());
        let mut lens = std::collections::BTreeSet::new();
        for (w, &h) in content.windows.iter().zip(&hashes) {
            let (p, q) = (w.start as usize, (w.start + w.len) as usize);
            let direct = content.tok[p..q].iter().fold(0u64, |acc, &t| {
                acc.wrapping_mul(HASH_MUL)
                    .wrapping_add(mix(tokens.keys[t as usize]))
            });
            assert_eq!(h, direct ^ w.len as u64, "window {p}..{q}");
            lens.insert(w.len);
        }
        assert!(lens.len() > 1, "{lens:?}");
    }

    #[test]
    fn every_hash_falls_in_a_part() {
        let mut x = 0x9876_5432u64;
        for parts in 1..=32usize {
            let mut seen = vec![0usize; parts];
            for h in [0, u64::MAX, 1 << 40, (1 << 40) - 1] {
                assert!(part_of(h, parts) < parts);
            }
            for _ in 0..4000 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                seen[part_of(x, parts)] += 1;
            }
            // spread: every part gets at least half its share
            assert!(seen.iter().all(|&c| c * parts * 2 >= 4000), "{seen:?}");
        }
    }

    /// The last document's windows are only looked up, never inserted: the
    /// seeds of every pair, in either role order, are those of an index
    /// where a text sharing nothing comes last and every window is inserted.
    #[test]
    fn the_last_document_looked_up_gives_the_same_seeds() {
        let opts = Options::default();
        let texts = [
            "あいうえおかきくけこさしすせそたちつてと。なにぬねのはひふへほ",
            "まみむめもあいうえおかきくけこさしすせそ。やゆよらりるれろ",
            "らりるれろかきくけこさしすせそたちつてと、まみむめもやゆよ",
        ];
        let key = |s: &[Seed]| -> Vec<(u32, u32, u32, u32)> {
            s.iter()
                .map(|x| (x.a, x.b, x.len, x.rarity.to_bits()))
                .collect()
        };
        let looked_up = index(&texts, &opts);
        let mut padded = texts.to_vec();
        padded.push("0123456789 zzzz yyyy xxxx wwww");
        let inserted = index(&padded, &opts);
        let mut seen = 0;
        for a in 0..3 {
            for b in 0..3 {
                if a != b {
                    let got = key(&looked_up.pair(a, b));
                    assert_eq!(got, key(&inserted.pair(a, b)), "{a} {b}");
                    seen += got.len();
                }
            }
        }
        assert!(seen > 0);
    }

    #[test]
    fn shared_windows_seed_in_order() {
        let opts = Options::default();
        let shared = "あいうえおかきくけこさしすせそたちつてと";
        let ix = index(&[&format!("xx{shared}"), &format!("{shared}yy")], &opts);
        let seeds = ix.pair(0, 1);
        assert!(!seeds.is_empty());
        assert!(seeds.iter().all(|s| s.a == s.b + 1 && s.rarity == 1.0));
        assert!(seeds.windows(2).all(|w| w[0].a < w[1].a));
        // winnowing keeps seeds overlapping: one continuous run
        assert!(seeds.windows(2).all(|w| w[1].a - w[0].a <= WINNOW as u32));
    }

    #[test]
    fn common_windows_are_rarer_and_capped() {
        let opts = Options {
            max_occurrences: 2,
            ..Default::default()
        };
        let unit = "あいうえおかきくけこさしすせそたちつてと";
        let twice = format!("{unit}。{unit}");
        let ix = index(&[&twice, unit], &opts);
        let seeds = ix.pair(0, 1);
        assert!(!seeds.is_empty());
        assert!(seeds
            .iter()
            .all(|s| (s.rarity - 0.5f32.sqrt()).abs() < 1e-6));
        let thrice = format!("{unit}。{unit}。{unit}");
        let ix = index(&[&thrice, unit], &opts);
        assert!(ix.pair(0, 1).is_empty());
    }

    #[test]
    fn english_seeds_ignore_function_words_and_inflection() {
        let opts = Options::default();
        let ix = index(
            &[
                "the soldiers walked into the ruined city at dawn",
                "a soldier walks in ruined cities by dawn",
            ],
            &opts,
        );
        assert!(!ix.pair(0, 1).is_empty());
        let plain = Options {
            stem: false,
            stop_words: false,
            ..opts
        };
        let ix = index(
            &[
                "the soldiers walked into the ruined city at dawn",
                "a soldier walks in ruined cities by dawn",
            ],
            &plain,
        );
        assert!(ix.pair(0, 1).is_empty());
    }
}
