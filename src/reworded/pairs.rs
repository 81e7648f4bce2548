//! Pairs: with many documents, the pairs worth reworded matching. Matching
//! every pair's sentences costs O(N²) sentence comparisons with hash maps;
//! most pairs of a thousand posts share nothing worth it. A pair is matched
//! only when some sentence of one and some sentence of the other could seed
//! a reworded fragment on their *distinctive* units alone: units that at
//! most [`scoring::MAX_POSTINGS`] sentences of the whole comparison hold
//! (a unit held by more is too common to tell a retelling from shared
//! vocabulary). Could seed means at least [`MIN_SHARED_UNITS`] of them
//! shared, and a Dice coefficient of [`fragments::SEED_DICE`] over the two
//! bags, the bar a sentence pair must clear in matching.
//!
//! # Complexity
//! O(s · u · MAX_POSTINGS) for s sentences of u units: one inverted index
//! over every document's sentences, walked once from each sentence, with a
//! dense counter (no hashing per pair of sentences).

use super::{fragments, scoring};
use crate::align::DocView;
use rustc_hash::{FxHashMap, FxHashSet};

/// Content units a sentence of each document must share (see the module
/// docs).
pub(crate) const MIN_SHARED_UNITS: u32 = 2;

/// The pairs `(a, b)`, `a < b`, worth reworded matching.
pub(crate) fn worth_matching(views: &[DocView]) -> FxHashSet<(u32, u32)> {
    // every sentence of every document, numbered, with its document
    let mut doc_of: Vec<u32> = Vec::new();
    let mut size: Vec<u32> = Vec::new();
    let mut postings: FxHashMap<super::units::Unit, Vec<u32>> = FxHashMap::default();
    for (d, v) in views.iter().enumerate() {
        for s in &v.sentences {
            let id = doc_of.len() as u32;
            doc_of.push(d as u32);
            size.push(s.bag.len() as u32);
            for &(u, _) in &s.bag {
                postings.entry(u).or_default().push(id);
            }
        }
    }
    let mut shared = vec![0u32; doc_of.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut out = FxHashSet::default();
    let mut id = 0usize;
    for v in views {
        for s in &v.sentences {
            let da = doc_of[id];
            for (u, _) in &s.bag {
                let list = &postings[u];
                if list.len() > scoring::MAX_POSTINGS {
                    continue;
                }
                // sentences of later documents only: each pair once
                for &t in list.iter().filter(|&&t| doc_of[t as usize] > da) {
                    if shared[t as usize] == 0 {
                        touched.push(t);
                    }
                    shared[t as usize] += 1;
                }
            }
            for &t in &touched {
                let n = shared[t as usize];
                let dice = 2.0 * n as f32 / (s.bag.len() as u32 + size[t as usize]) as f32;
                if n >= MIN_SHARED_UNITS && dice >= fragments::SEED_DICE {
                    out.insert((da, doc_of[t as usize]));
                }
                shared[t as usize] = 0;
            }
            touched.clear();
            id += 1;
        }
    }
    out
}
