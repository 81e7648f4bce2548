//! Runs: seeds on one diagonal (`b - a` constant) that overlap or touch
//! merge into a run, a stretch of identical content, extended over the
//! matching content keys on both sides. Runs heavy enough
//! ([`COVER_MIN_WEIGHT`]) mark their tokens *covered*: quoted text, even
//! when it was quoted from elsewhere in the source.
//!
//! # Complexity
//! O(s + r log r + e) for s seeds, r runs and e extended tokens; each
//! diagonal is swept once.

use super::DocView;
use crate::keysort;
use crate::seed::{Content, Seed};
use crate::tokenize::Tokens;
use rustc_hash::FxHashMap;

/// A run covers its tokens (makes them count as quoted text inside gaps)
/// only from this weight on: 16 CJK characters or about 5 English words. A
/// stray seed of one stock phrase is not enough.
pub(crate) const COVER_MIN_WEIGHT: u64 = 32;

/// A stretch of identical content, in content positions and token indices.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Run {
    /// Content positions `ca..ca_end` in `a`; `b` is at `ca + diag`.
    pub ca: u32,
    pub ca_end: u32,
    pub diag: i64,
    /// Token spans.
    pub ta: (u32, u32),
    pub tb: (u32, u32),
    rarity_sum: f32,
    seeds: u32,
}

impl Run {
    /// Matched weight of the run, the smaller of its two sides.
    pub fn weight(&self, a: &DocView, b: &DocView) -> u64 {
        a.weight(self.ta.0, self.ta.1)
            .min(b.weight(self.tb.0, self.tb.1))
    }

    pub fn evidence(&self, a: &DocView, b: &DocView) -> f64 {
        self.weight(a, b) as f64 * (self.rarity_sum / self.seeds as f32) as f64
    }
}

/// Merges seeds (sorted by position in `a`) into runs, extends every run
/// over the matching content keys on both sides (the seeds are winnowed, so
/// they rarely reach a run's ends), and returns the runs in order of start
/// in `a`.
///
/// # Complexity
/// O(s + r log r + e) for s seeds, r runs and e extended tokens; each
/// diagonal is swept once, so e is at most the content length per diagonal
/// that has a run.
pub(crate) fn runs(seeds: &[Seed], a: &Tokens, ca: &Content, b: &Tokens, cb: &Content) -> Vec<Run> {
    let mut raw: Vec<Run> = Vec::new();
    let mut by_diag: FxHashMap<i64, u32> = FxHashMap::default();
    for s in seeds {
        let diag = s.b as i64 - s.a as i64;
        if let Some(&r) = by_diag.get(&diag) {
            let run = &mut raw[r as usize];
            if s.a <= run.ca_end {
                run.ca_end = run.ca_end.max(s.a + s.len);
                run.rarity_sum += s.rarity;
                run.seeds += 1;
                continue;
            }
        }
        by_diag.insert(diag, raw.len() as u32);
        raw.push(Run {
            ca: s.a,
            ca_end: s.a + s.len,
            diag,
            ta: (0, 0),
            tb: (0, 0),
            rarity_sum: s.rarity,
            seeds: 1,
        });
    }
    drop(by_diag);
    // diagonals shifted to be non-negative, then position
    keysort::sort_by_key(&mut raw, |r| {
        (((r.diag + (1i64 << 32)) as u128) << 32) | r.ca as u128
    });
    let key_a = |p: i64| a.keys[ca.tok[p as usize] as usize];
    let key_b = |q: i64| b.keys[cb.tok[q as usize] as usize];
    let (na, nb) = (ca.tok.len() as i64, cb.tok.len() as i64);
    let mut runs: Vec<Run> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let mut cur = raw[i];
        let d = cur.diag;
        // left, down to the previous run of this diagonal
        let floor = match runs.last() {
            Some(prev) if prev.diag == d => prev.ca_end as i64,
            _ => 0,
        };
        let mut p = cur.ca as i64;
        while p > floor && p + d > 0 && key_a(p - 1) == key_b(p - 1 + d) {
            p -= 1;
        }
        cur.ca = p as u32;
        // right, swallowing the runs of this diagonal it reaches
        i += 1;
        let mut e = cur.ca_end as i64;
        loop {
            while e < na && e + d < nb && key_a(e) == key_b(e + d) {
                e += 1;
                if i < raw.len() && raw[i].diag == d && raw[i].ca as i64 <= e {
                    break;
                }
            }
            if i < raw.len() && raw[i].diag == d && raw[i].ca as i64 <= e {
                let next = raw[i];
                e = e.max(next.ca_end as i64);
                cur.rarity_sum += next.rarity_sum;
                cur.seeds += next.seeds;
                i += 1;
                continue;
            }
            break;
        }
        cur.ca_end = e as u32;
        runs.push(cur);
    }
    for r in &mut runs {
        r.ta = ca.token_span(r.ca as usize, r.ca_end as usize);
        let cb_start = (r.ca as i64 + r.diag) as usize;
        let cb_end = (r.ca_end as i64 + r.diag) as usize;
        r.tb = cb.token_span(cb_start, cb_end);
    }
    keysort::sort_by_key(&mut runs, |r| keysort::key4(r.ta.0, r.tb.0, 0, 0));
    runs
}

/// Marks the tokens under runs heavy enough to count as quoted text.
pub(crate) fn mark_covered(runs: &[Run], a: (&Tokens, &mut [bool]), b: (&Tokens, &mut [bool])) {
    let (ta, cov_a) = a;
    let (tb, cov_b) = b;
    // whether tokens s..e weigh COVER_MIN_WEIGHT: counts only that far, so
    // long runs over the same text cost nothing extra
    let heavy = |t: &Tokens, s: u32, e: u32| -> bool {
        let mut w = 0u64;
        for &x in &t.weights[s as usize..e as usize] {
            w += x as u64;
            if w >= COVER_MIN_WEIGHT {
                return true;
            }
        }
        false
    };
    for r in runs {
        if heavy(ta, r.ta.0, r.ta.1) && heavy(tb, r.tb.0, r.tb.1) {
            cov_a[r.ta.0 as usize..r.ta.1 as usize].fill(true);
            cov_b[r.tb.0 as usize..r.tb.1 as usize].fill(true);
        }
    }
}
