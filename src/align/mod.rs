//! Align: turn one pair's seeds into passages, each with its edit runs.
//! Each phase has its own file:
//!
//! 1. [`runs`]: seeds on one diagonal merge into runs of identical
//!    content; heavy runs mark their tokens *covered* (quoted text).
//! 2. [`chain`]: runs chain across gaps whose uncovered weight is at most
//!    `max_gap`, so an edit leaves one passage and commentary splits two.
//! 3. [`candidates`]: chains and reworded fragments (from
//!    [`crate::reworded`]) become candidates; overlapping ones merge.
//! 4. [`extend`]: each candidate's ends are refined by X-drop extension.
//! 5. [`edits`]: edit runs from the runs' anchors plus a small LCS between
//!    them.
//! 6. Filters: a passage is kept when its *evidence* (matched weight, each
//!    run discounted by the rarity of its seeds) reaches `min_length` and its
//!    similarity reaches `min_similarity`. Of two passages that overlap on
//!    both sides, the one with more evidence stays.
//!
//! # Complexity
//! Runs: O(s) for s seeds. Chains: O(r · c) for r runs and c open chains.
//! Ends: O(EXTEND_LIMIT · band) per passage. Edits: O(passage length) plus
//! O(g²) per gap of g tokens, bounded by the gap limits. Nothing is
//! quadratic in the document length.

pub(crate) mod candidates;
mod chain;
mod edits;
mod extend;
mod runs;

pub(crate) use runs::{mark_covered, runs, Run};

use crate::options::Options;
use crate::reworded::{self, Sentence};
use crate::seed::Content;
use crate::tokenize::Tokens;
use candidates::{drop_double_overlaps, drop_echoes, drop_incoherent, merge_candidates, Candidate};

/// What an edit run holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OpKind {
    Equal,
    OnlyA,
    OnlyB,
}

/// An edit run over token ranges `a.0..a.1` and `b.0..b.1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Op {
    pub kind: OpKind,
    pub a: (u32, u32),
    pub b: (u32, u32),
}

/// A passage of one pair, in token indices.
#[derive(Clone, Debug)]
pub(crate) struct PairPassage {
    pub a: (u32, u32),
    pub b: (u32, u32),
    pub ops: Vec<Op>,
    pub similarity: f64,
    pub evidence: f64,
    pub kind: Kind,
    /// For a reworded passage: token ranges on each side holding a content
    /// unit that the other side holds too (empty otherwise).
    pub matched_a: Vec<(u32, u32)>,
    /// See `matched_a`.
    pub matched_b: Vec<(u32, u32)>,
}

/// How a passage was reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Equal after folding: every edit run is `equal`.
    Verbatim,
    /// Equal runs with small edits between them.
    Edited,
    /// Matched by shared content units, not by order.
    Reworded,
}

impl PairPassage {
    /// Swaps the roles of the two documents.
    pub fn mirror(&mut self) {
        std::mem::swap(&mut self.a, &mut self.b);
        std::mem::swap(&mut self.matched_a, &mut self.matched_b);
        for op in &mut self.ops {
            std::mem::swap(&mut op.a, &mut op.b);
            op.kind = match op.kind {
                OpKind::Equal => OpKind::Equal,
                OpKind::OnlyA => OpKind::OnlyB,
                OpKind::OnlyB => OpKind::OnlyA,
            };
        }
    }
}

/// One document as the aligner sees it: tokens, content, and prefix sums.
pub(crate) struct DocView<'a> {
    pub tokens: &'a Tokens,
    pub content: &'a Content,
    /// Sentences with bags of content units, for reworded matching.
    pub sentences: Vec<Sentence>,
    /// `weight[t]`: total weight of tokens `0..t`.
    weight: Vec<u64>,
    /// `uncovered[t]`: total weight of uncovered tokens among `0..t`.
    uncovered: Vec<u64>,
}

impl<'a> DocView<'a> {
    /// Sentences are cut only when `reworded` asks for them.
    pub fn new(tokens: &'a Tokens, content: &'a Content, covered: &[bool], reworded: bool) -> Self {
        let n = tokens.len();
        let mut weight = Vec::with_capacity(n + 1);
        let mut uncovered = Vec::with_capacity(n + 1);
        let (mut w, mut u) = (0u64, 0u64);
        weight.push(0);
        uncovered.push(0);
        for (&tw, &cov) in tokens.weights.iter().zip(covered) {
            let tw = tw as u64;
            w += tw;
            if !cov {
                u += tw;
            }
            weight.push(w);
            uncovered.push(u);
        }
        DocView {
            tokens,
            content,
            sentences: if reworded {
                reworded::sentences(tokens)
            } else {
                Vec::new()
            },
            weight,
            uncovered,
        }
    }

    /// Weight of tokens `s..e` (0 when `e <= s`).
    pub fn weight(&self, s: u32, e: u32) -> u64 {
        if e <= s {
            0
        } else {
            self.weight[e as usize] - self.weight[s as usize]
        }
    }

    /// Sentence starts strictly inside tokens `span`.
    pub fn inner_sentences(&self, span: (u32, u32)) -> usize {
        let ss = &self.tokens.sentences;
        ss.partition_point(|&s| s < span.1) - ss.partition_point(|&s| s <= span.0)
    }

    fn uncovered(&self, s: u32, e: u32) -> u64 {
        if e <= s {
            0
        } else {
            self.uncovered[e as usize] - self.uncovered[s as usize]
        }
    }
}

/// Finds the passages that documents `a` and `b` share.
pub(crate) fn align(runs: &[Run], a: &DocView, b: &DocView, opts: &Options) -> Vec<PairPassage> {
    let min_length = opts.min_length as f64;
    let mut cands: Vec<Candidate> = chain::chain(runs, a, b, opts)
        .into_iter()
        // Cheap reject before any alignment work: evidence only shrinks.
        .filter(|ch| ch.evidence >= min_length)
        .map(|ch| Candidate {
            ta: ch.ta,
            tb: ch.tb,
            evidence: ch.evidence,
            reworded: false,
            exact_evidence: ch.evidence,
            exact_weight: ch.matched,
            exact_spans: vec![(ch.ta, ch.tb)],
        })
        .collect();
    if opts.reworded {
        for f in reworded::fragments(&a.sentences, &b.sentences) {
            let w = a.weight(f.a.0, f.a.1).min(b.weight(f.b.0, f.b.1)) as f64;
            let evidence = w * f.cosine as f64;
            if evidence >= min_length {
                cands.push(Candidate {
                    ta: f.a,
                    tb: f.b,
                    evidence,
                    reworded: true,
                    exact_evidence: 0.0,
                    exact_weight: 0,
                    exact_spans: Vec::new(),
                });
            }
        }
    }
    let mut merged = drop_echoes(merge_candidates(drop_incoherent(cands)));
    if opts.reworded {
        merged = reworded::summary::merge_summaries(merged, a, b);
        for c in &mut merged {
            if c.reworded {
                reworded::summary::extend_summary(c, a, b);
            }
        }
    }
    let mut out = Vec::new();
    for c in merged {
        if c.reworded && !c.verbatim(a, b) {
            out.push(reworded_passage(runs, a, b, &c, opts.max_gap));
            continue;
        }
        // Mostly exact: each exact chain is its own passage, as the chains
        // were split by commentary; reworded fragments around them only
        // confirmed them.
        let spans = if c.reworded {
            c.exact_spans.clone()
        } else {
            vec![(c.ta, c.tb)]
        };
        for (ta, tb) in spans {
            let (pa, pb) = extend::refine_ends(a, b, ta, tb, opts.max_gap);
            let ops = edits::edits(runs, a, b, pa, pb);
            let similarity = similarity(&ops, a, b, pa, pb);
            if similarity < opts.min_similarity {
                continue;
            }
            let kind = if ops.iter().all(|o| o.kind == OpKind::Equal) {
                Kind::Verbatim
            } else {
                Kind::Edited
            };
            out.push(PairPassage {
                a: pa,
                b: pb,
                ops,
                similarity,
                evidence: c.evidence,
                kind,
                matched_a: Vec::new(),
                matched_b: Vec::new(),
            });
        }
    }
    drop_double_overlaps(out)
}

/// A reworded passage over a candidate's spans, with its edit runs (the
/// exact runs inside it) and the content units both sides share.
fn reworded_passage(
    runs: &[Run],
    a: &DocView,
    b: &DocView,
    c: &Candidate,
    max_gap: u32,
) -> PairPassage {
    let (pa, pb) = extend::refine_ends(a, b, c.ta, c.tb, max_gap);
    let ops = edits::edits(runs, a, b, pa, pb);
    let similarity = similarity(&ops, a, b, pa, pb);
    let set = |d: &DocView, s| -> rustc_hash::FxHashSet<reworded::units::Unit> {
        reworded::units::of(d.tokens, s).into_iter().collect()
    };
    PairPassage {
        a: pa,
        b: pb,
        matched_a: reworded::units::matched(a.tokens, pa, &set(b, pb)),
        matched_b: reworded::units::matched(b.tokens, pb, &set(a, pa)),
        ops,
        similarity,
        evidence: c.evidence,
        kind: Kind::Reworded,
    }
}

/// Share of the two sides' weight that the `equal` runs hold.
fn similarity(ops: &[Op], a: &DocView, b: &DocView, pa: (u32, u32), pb: (u32, u32)) -> f64 {
    let equal: u64 = ops
        .iter()
        .filter(|o| o.kind == OpKind::Equal)
        .map(|o| a.weight(o.a.0, o.a.1) + b.weight(o.b.0, o.b.1))
        .sum();
    let total = a.weight(pa.0, pa.1) + b.weight(pb.0, pb.1);
    if total == 0 {
        0.0
    } else {
        equal as f64 / total as f64
    }
}
