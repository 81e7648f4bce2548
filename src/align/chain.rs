//! Chains: runs, taken in order of their start in `a`, are appended to the
//! open chain they follow most closely, when both sides of the gap between
//! them hold at most `max_gap` of *uncovered* weight and at most
//! `max_gap ×` [`RAW_GAP_FACTOR`] in all. So a typo, an inserted word or a
//! cut clause leaves one passage, while a sentence of commentary between
//! two quoted paragraphs splits them. A run that fits no chain opens one:
//! reordered and repeated passages become passages of their own.
//!
//! # Complexity
//! O(r · c) for r runs, with c ≤ [`MAX_OPEN_CHAINS`] open chains (in
//! ordinary text a few).

use super::runs::{Run, COVER_MIN_WEIGHT};
use super::DocView;
use crate::options::Options;

/// Gaps may hold up to this many times `max_gap` in weight when most of the
/// gap is covered (quoted from elsewhere), as when a post splices a phrase
/// from another paragraph of the same report into a quote.
pub(crate) const RAW_GAP_FACTOR: u64 = 4;

/// Two runs of one chain may overlap by this many tokens (a word or
/// character repeated at the junction).
const MAX_OVERLAP: u32 = 8;

/// Chains still open at once. Ordinary text keeps a handful; text that
/// repeats one sentence would keep thousands, and the oldest are closed.
pub(crate) const MAX_OPEN_CHAINS: usize = 64;

pub(super) struct Chain {
    pub runs: Vec<u32>,
    /// Weight of the last run, which a long covered gap needs to be heavy.
    last_weight: u64,
    pub ta: (u32, u32),
    pub tb: (u32, u32),
    pub evidence: f64,
    /// Matched weight of its runs (evidence before rarity discounts).
    pub matched: u64,
}

/// Chains runs across small gaps (see the module docs).
pub(super) fn chain(runs: &[Run], a: &DocView, b: &DocView, opts: &Options) -> Vec<Chain> {
    let max_gap = opts.max_gap as u64;
    let max_raw = max_gap * RAW_GAP_FACTOR;
    let mut chains: Vec<Chain> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (ri, r) in runs.iter().enumerate() {
        open.retain(|&c| a.weight(chains[c].ta.1, r.ta.0) <= max_raw);
        let mut best: Option<(u64, usize)> = None;
        let mut absorbed = false;
        let r_weight = r.weight(a, b);
        for &c in &open {
            let ch = &chains[c];
            // already inside the chain on both sides: a repeat, nothing new
            if r.ta.0 >= ch.ta.0 && r.ta.1 <= ch.ta.1 && r.tb.0 >= ch.tb.0 && r.tb.1 <= ch.tb.1 {
                absorbed = true;
                break;
            }
            if r.ta.0 + MAX_OVERLAP < ch.ta.1
                || r.tb.0 + MAX_OVERLAP < ch.tb.1
                || r.ta.1 <= ch.ta.1
                || r.tb.1 <= ch.tb.1
            {
                continue;
            }
            let wa = a.weight(ch.ta.1, r.ta.0);
            let wb = b.weight(ch.tb.1, r.tb.0);
            if wa > max_raw || wb > max_raw {
                continue;
            }
            let ua = a.uncovered(ch.ta.1, r.ta.0);
            let ub = b.uncovered(ch.tb.1, r.tb.0);
            if ua > max_gap || ub > max_gap {
                continue;
            }
            // A gap longer than max_gap is bridged only because it is quoted
            // text; a lone seed (a name) on either side of it is no anchor.
            if (wa > max_gap || wb > max_gap)
                && (ch.last_weight < COVER_MIN_WEIGHT || r_weight < COVER_MIN_WEIGHT)
            {
                continue;
            }
            let cost = wa + wb;
            if best.is_none_or(|(bc, _)| cost < bc) {
                best = Some((cost, c));
            }
        }
        if absorbed {
            continue;
        }
        let ev = r.evidence(a, b);
        match best {
            Some((_, c)) => {
                let ch = &mut chains[c];
                ch.runs.push(ri as u32);
                ch.last_weight = r_weight;
                ch.ta.1 = ch.ta.1.max(r.ta.1);
                ch.tb.1 = ch.tb.1.max(r.tb.1);
                ch.evidence += ev;
                ch.matched += r_weight;
            }
            None => {
                if open.len() >= MAX_OPEN_CHAINS {
                    open.remove(0);
                }
                open.push(chains.len());
                chains.push(Chain {
                    runs: vec![ri as u32],
                    last_weight: r_weight,
                    ta: r.ta,
                    tb: r.tb,
                    evidence: ev,
                    matched: r_weight,
                });
            }
        }
    }
    chains
}
