//! Pairs: with many documents, the pairs worth reworded matching. Matching
//! every pair's sentences costs O(N²) sentence comparisons with a hash map
//! each; most pairs of a thousand posts share no content at all. A pair is
//! matched only when its documents share at least [`MIN_SHARED_UNITS`]
//! content units that at most [`fragments::MAX_POSTINGS`] documents hold:
//! two shared units are the least a sentence pair needs to seed (a Dice
//! coefficient of [`fragments::SEED_DICE`] over two bags of at least
//! [`super::sentences::MIN_SENTENCE_KEYS`] units), and a unit that more
//! documents hold seeds nothing in matching either.
//!
//! # Complexity
//! O(u log u) for u distinct units per document, plus Σ df² over the units
//! held by 2 to `MAX_POSTINGS` documents.

use super::fragments;
use crate::align::DocView;
use rustc_hash::{FxHashMap, FxHashSet};

/// Content units two documents must share, each held by few documents,
/// before their sentences are matched (see the module docs).
pub(crate) const MIN_SHARED_UNITS: u32 = 2;

/// The pairs `(a, b)`, `a < b`, worth reworded matching.
pub(crate) fn worth_matching(views: &[DocView]) -> FxHashSet<(u32, u32)> {
    let mut holders: FxHashMap<super::units::Unit, Vec<u32>> = FxHashMap::default();
    for (d, v) in views.iter().enumerate() {
        let mut units: Vec<super::units::Unit> = v
            .sentences
            .iter()
            .flat_map(|s| s.bag.iter().map(|&(u, _)| u))
            .collect();
        units.sort_unstable();
        units.dedup();
        for u in units {
            holders.entry(u).or_default().push(d as u32);
        }
    }
    let mut shared: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    for docs in holders.values() {
        if docs.len() < 2 || docs.len() > fragments::MAX_POSTINGS {
            continue;
        }
        for (i, &a) in docs.iter().enumerate() {
            for &b in &docs[i + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    shared
        .into_iter()
        .filter(|&(_, n)| n >= MIN_SHARED_UNITS)
        .map(|(p, _)| p)
        .collect()
}
