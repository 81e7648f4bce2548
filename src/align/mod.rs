//! Align: turn one pair's seeds into passages, each with its edit runs.
//! Each phase has its own file:
//!
//! 1. [`runs`](mod@runs): seeds on one diagonal merge into runs of identical
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

/// Tokens by which a chain's end may stop short of a sentence boundary (a
/// final particle or mark) and still be taken to end the sentence.
const SENTENCE_SNAP: u32 = 3;

use crate::options::Options;
use crate::reworded::{self, Sentence};
use crate::seed::Content;
use crate::tokenize::Tokens;
use candidates::{
    drop_double_overlaps, drop_echoes, drop_incoherent, merge_candidates, Candidate, SpanPair,
};

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
    /// Sentences are cut only when `reworded` asks for them. A sentence
    /// that lies mostly in `wide` text (copied text that many documents
    /// share, linked through a hub by exact matching) is left out of
    /// reworded matching.
    pub fn new(
        tokens: &'a Tokens,
        content: &'a Content,
        covered: &[bool],
        reworded: bool,
        wide: Option<&[bool]>,
    ) -> Self {
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
                let mut ss = reworded::sentences(tokens);
                if let Some(wide) = wide {
                    ss.retain(|s| {
                        let (a, b) = (s.tokens.0 as usize, s.tokens.1 as usize);
                        wide[a..b].iter().filter(|&&w| w).count() * 2 < b - a
                    });
                }
                ss
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

    /// `span` without its first and last sentences (as the text cuts them)
    /// when they hold no unit of `other`: an aside of the author's own that
    /// reworded matching took in with its neighbour (a short sentence's
    /// units count with the next one's) is left out. Unchanged when no
    /// unit is shared. O(span length).
    pub fn shared_sentences(
        &self,
        span: (u32, u32),
        other: &rustc_hash::FxHashSet<reworded::units::Unit>,
    ) -> (u32, u32) {
        let m = reworded::units::matched(self.tokens, span, other);
        let (Some(first), Some(last)) = (m.first(), m.last()) else {
            return span;
        };
        (
            self.sentence_start(first.0).max(span.0),
            self.sentence_end(last.1).min(span.1),
        )
    }

    /// Start of the sentence holding token `t`: the last sentence start at
    /// or before it (0 when there is none). O(log sentences).
    pub fn sentence_start(&self, t: u32) -> u32 {
        let ss = &self.tokens.sentences;
        ss[..ss.partition_point(|&s| s <= t)]
            .last()
            .copied()
            .unwrap_or(0)
    }

    /// End of the sentence that text ending at token `t` ends inside: the
    /// first sentence start at or after it (the text's end when there is
    /// none). O(log sentences).
    pub fn sentence_end(&self, t: u32) -> u32 {
        let ss = &self.tokens.sentences;
        ss.get(ss.partition_point(|&s| s < t))
            .copied()
            .unwrap_or(self.tokens.len() as u32)
    }

    /// Indices of the reworded sentences (with bags) that overlap tokens
    /// `span`. O(log sentences).
    pub fn bag_sentences_over(&self, span: (u32, u32)) -> std::ops::Range<usize> {
        let ss = &self.sentences;
        ss.partition_point(|s| s.tokens.1 <= span.0)..ss.partition_point(|s| s.tokens.0 < span.1)
    }

    /// The last sentence start in `span.0 + 1 ..= span.1 + SENTENCE_SNAP`
    /// with at most `gap` of weight from it to `span.1`: where a chain that
    /// runs a little into the next sentence is cut back to a sentence end.
    pub fn sentence_end_in(&self, span: (u32, u32), gap: u64) -> Option<u32> {
        let ss = &self.tokens.sentences;
        let hi = ss.partition_point(|&s| s <= span.1 + SENTENCE_SNAP);
        let n = self.tokens.len() as u32;
        let cut = if n <= span.1 + SENTENCE_SNAP {
            n
        } else {
            *ss[..hi].last()?
        };
        // a sentence start is below n, so the cut never passes the end
        let cut = cut.min(span.1);
        (cut > span.0 && self.weight(cut, span.1) <= gap).then_some(cut)
    }

    /// The first sentence start in `span.0 - SENTENCE_SNAP .. span.1` with
    /// at most `gap` of weight from `span.0` to it (see
    /// [`DocView::sentence_end_in`]).
    pub fn sentence_start_in(&self, span: (u32, u32), gap: u64) -> Option<u32> {
        let ss = &self.tokens.sentences;
        let lo = ss.partition_point(|&s| s + SENTENCE_SNAP < span.0);
        let cut = ss.get(lo).copied().unwrap_or(self.tokens.len() as u32);
        (cut < span.1 && self.weight(span.0, cut.max(span.0)) <= gap).then_some(cut.max(span.0))
    }

    /// Weight between token spans `x` and `y`, in either order; None when
    /// they overlap.
    pub fn between(&self, x: (u32, u32), y: (u32, u32)) -> Option<u64> {
        if x.1 <= y.0 {
            Some(self.weight(x.1, y.0))
        } else if y.1 <= x.0 {
            Some(self.weight(y.1, x.0))
        } else {
            None
        }
    }

    /// True when a paragraph starts at a token in `from..=to`: text that
    /// ends at `from` and text that starts at `to` are in different
    /// paragraphs. O(log paragraphs).
    pub fn paragraph_between(&self, from: u32, to: u32) -> bool {
        let ps = &self.tokens.paragraphs;
        let i = ps.partition_point(|&p| p < from);
        ps.get(i).is_some_and(|&p| p <= to)
    }

    /// True when a whole sentence lies in tokens `span`: a sentence start
    /// in it whose sentence also ends in it. O(log sentences).
    pub fn whole_sentence_in(&self, span: (u32, u32)) -> bool {
        let ss = &self.tokens.sentences;
        // the first sentence starting in the span, and where it ends
        ss.get(ss.partition_point(|&s| s < span.0))
            .is_some_and(|&start| start < span.1 && self.sentence_end(start + 1) <= span.1)
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
            exact_weight: ch.matched,
            exact_spans: vec![(ch.ta, ch.tb)],
            summary_pieces: 0,
            summary_paragraph: false,
        })
        .collect();
    // retold fragments too short to report alone (evidence under
    // min_length), which may still join a retold neighbour: a short
    // sentence the clustering could not bridge to (PAN random 0.871 ->
    // 0.875); what joins nothing is dropped after the joins
    let mut small: Vec<Candidate> = Vec::new();
    if opts.reworded {
        for f in reworded::fragments(&a.sentences, &b.sentences) {
            let w = a.weight(f.a.0, f.a.1).min(b.weight(f.b.0, f.b.1)) as f64;
            let evidence = w * f.cosine as f64;
            let c = Candidate {
                ta: f.a,
                tb: f.b,
                evidence,
                reworded: true,
                exact_weight: 0,
                exact_spans: Vec::new(),
                summary_pieces: f.summary_pieces,
                summary_paragraph: false,
            };
            if evidence >= min_length {
                cands.push(c);
            } else if f.summary_pieces == 0 {
                small.push(c);
            }
        }
    }
    let mut merged = drop_echoes(merge_candidates(drop_incoherent(cands, a, b)));
    if opts.reworded {
        merged = candidates::join_replaced(merged, a, b, opts.max_gap);
        merged.extend(drop_incoherent(small, a, b));
        merged = candidates::join_adjacent_reworded(merged, a, b, opts.max_gap);
        merged.retain(|c| c.evidence >= min_length);
        merged = reworded::summary::merge_summaries(merged, a, b, opts.max_gap);
        for c in &mut merged {
            if c.reworded || reworded::summary::condenses(c, a, b) {
                reworded::summary::extend_summary(c, a, b);
            }
        }
    }
    // each candidate's passages, on every core for large inputs (in order,
    // so the result is the same as in one pass)
    let size = |c: &Candidate| ((c.ta.1 - c.ta.0) + (c.tb.1 - c.tb.0)) as usize * 8;
    let out: Vec<PairPassage> =
        crate::par::map(&merged, size, |c| passages_of(c.clone(), runs, a, b, opts))
            .into_iter()
            .flatten()
            .collect();
    drop_double_overlaps(out)
}

/// The passages one candidate gives (see [`align`]): itself, its copied
/// edges and reworded rest, or its chains.
fn passages_of(
    mut c: Candidate,
    runs: &[Run],
    a: &DocView,
    b: &DocView,
    opts: &Options,
) -> Vec<PairPassage> {
    let mut out = Vec::new();
    if c.reworded && c.is_exact() {
        // judge how much is exact by the chains as their passages would
        // be (ends refined over small edits, so a quote with an inserted
        // word is exact whole), counting only those that are copies
        // (chains refined over the same text count it once)
        let copies: Vec<SpanPair> = c
            .exact_spans
            .iter()
            .map(|s| extend::refine_ends(a, b, s.0, s.1, opts.max_gap))
            .filter(|&(pa, pb)| is_copy(runs, a, b, pa, pb))
            .collect();
        let refined = union_weight(copies.iter().map(|s| s.0).collect(), a)
            .min(union_weight(copies.iter().map(|s| s.1).collect(), b));
        c.exact_weight = c.exact_weight.max(refined);
    }
    // A summary, and sentences moved in place, are one reworded passage
    // whatever share of them is copied.
    if reworded::summary::condenses(&c, a, b) {
        return vec![reworded_passage(runs, a, b, &c, opts.max_gap, false)];
    }
    let moved = (c.reworded && candidates::reordered_in_place(&c.exact_spans, a, b))
        || (candidates::interleaved(&c.exact_spans) && !is_copy(runs, a, b, c.ta, c.tb));
    if moved {
        return vec![reworded_passage(runs, a, b, &c, opts.max_gap, true)];
    }
    // Exact chains at the edges of a reworded candidate are passages of
    // their own (a paragraph copied next to one retold), unless they are a
    // sentence or two that the retold rest outweighs, and the rest is
    // the reworded passage. A mostly exact candidate with chains inside
    // gives only its chains, as the chains were split by commentary and
    // the reworded fragments only confirmed them; chains (or edges) with
    // a sentence rewritten or a clause cut between them, not commentary,
    // join first, and
    // its first and last chains widen over a sentence or two retold before
    // or after them (PAN translation 0.913 -> 0.918: the first sentence of
    // a quote translated back and forth is rarely copied).
    let (edges, rest) = if c.reworded {
        let (edges, rest) = split_edges(runs, &c, a, b, opts);
        join_edges(edges, rest, a, b, opts.max_gap)
    } else {
        (Vec::new(), None)
    };
    // each copied span with its ends refined and its edit runs
    let copy = |(ta, tb): SpanPair| -> Option<(SpanPair, Vec<Op>)> {
        let (pa, pb) = extend::refine_ends(a, b, ta, tb, opts.max_gap);
        edits::trim_one_sided(edits::edits(runs, a, b, pa, pb))
    };
    let copied = |spans: Vec<SpanPair>| -> Vec<(SpanPair, Vec<Op>)> {
        spans.into_iter().filter_map(copy).collect()
    };
    // a copied passage `p` widened to `w` over retold text: kept only when
    // the widened copy's edit runs still hold `p` whole
    let widen = |p: (SpanPair, Vec<Op>), w: SpanPair| {
        if w == p.0 {
            return p;
        }
        let holds = |((wa, wb), _): &(SpanPair, Vec<Op>)| {
            let ((pa, pb), _) = &p;
            wa.0 <= pa.0 && pa.1 <= wa.1 && wb.0 <= pb.0 && pb.1 <= wb.1
        };
        match copy(w) {
            Some(wp) if holds(&wp) => wp,
            _ => p,
        }
    };
    let pieces = if !c.reworded {
        copied(vec![(c.ta, c.tb)])
    } else if c.verbatim(a, b) && edges.len() < c.exact_spans.len() {
        let spans = candidates::join_replaced_spans(c.exact_spans.clone(), a, b, opts.max_gap);
        let mut wide = spans.clone();
        candidates::widen_over_retold_ends(&mut wide, (c.ta, c.tb), a, b);
        spans
            .iter()
            .zip(&wide)
            .filter_map(|(&s, &w)| copy(s).map(|p| if w == s { p } else { widen(p, w) }))
            .collect()
    } else {
        let pieces = copied(edges);
        if let Some((ta, tb)) = rest {
            let rest = Candidate {
                ta,
                tb,
                ..c.clone()
            };
            // a rest next to exact chains keeps its ends: refining them
            // would run into the chains
            let refine = (ta, tb) == (c.ta, c.tb);
            let retold = reworded_passage(runs, a, b, &rest, opts.max_gap, refine);
            // an edge that still runs into the retold passage once its
            // ends are refined (words copied across the sentence
            // boundary) does not stand apart from it: the candidate is
            // one reworded passage, rather than two of which only one
            // would be kept
            let runs_into = pieces.iter().any(|((pa, pb), _)| {
                candidates::overlaps(*pa, retold.a) && candidates::overlaps(*pb, retold.b)
            });
            if runs_into {
                return vec![reworded_passage(runs, a, b, &c, opts.max_gap, true)];
            }
            out.push(retold);
        }
        pieces
    };
    // each copy runs to the ends of its sentences where their rest was
    // rephrased (see candidates::widen_to_retold_sentence_ends)
    let pieces: Vec<(SpanPair, Vec<Op>)> = if opts.reworded {
        pieces
            .into_iter()
            .map(|p| {
                let w = candidates::widen_to_retold_sentence_ends(p.0, a, b);
                widen(p, w)
            })
            .collect()
    } else {
        pieces
    };
    for ((pa, pb), ops) in pieces {
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
    out
}

/// The exact chains at the start or the end of a reworded candidate (with
/// at most `max_gap` of weight before or after them on either side), cut
/// back to the sentence boundary they reach on both sides (whole sentences
/// copied next to sentences retold; a chain runs on into the next sentence
/// where a few words happen to match) and copied with light edits at most
/// (similarity [`candidates::VERBATIM_SHARE`]), and
/// what is left between them when it still reads as reworded: its units'
/// Dice coefficient reaches the seed threshold of [`reworded::fragments`](mod@reworded::fragments)
/// and it weighs `min_length`.
///
/// A passage is of the kind most of it is: a copied edge of a sentence or
/// two (at most [`candidates::REPLACED_GAP`] of weight) that the retold
/// rest outweighs is part of the retelling, not a passage of its own, as
/// a copy with a sentence or two retold at its ends is one edited passage
/// ([`candidates::widen_over_retold_ends`]). Its copied words still show
/// as the reworded passage's equal runs. (PAN translation 0.921 → 0.927,
/// random 0.887 → 0.891: a retelling's first or last sentence kept
/// nearly as it was is no separate detection.)
fn split_edges(
    runs: &[Run],
    c: &Candidate,
    a: &DocView,
    b: &DocView,
    opts: &Options,
) -> (Vec<SpanPair>, Option<SpanPair>) {
    let gap = opts.max_gap as u64;
    // a copied edge `e` that the retold rest `r` outweighs, and which holds
    // a sentence or two at most, is part of the retelling
    let minor = |e: SpanPair, r: SpanPair| {
        let w = a.weight(e.0 .0, e.0 .1).min(b.weight(e.1 .0, e.1 .1));
        w <= candidates::REPLACED_GAP && w < a.weight(r.0 .0, r.0 .1).min(b.weight(r.1 .0, r.1 .1))
    };
    let mut chains = c.exact_spans.clone();
    chains.sort_by_key(|e| (e.0 .0, e.1 .0));
    let (mut ta, mut tb) = (c.ta, c.tb);
    let mut edges = Vec::new();
    let mut lo = 0;
    while lo < chains.len() {
        let (ea, eb) = chains[lo];
        if a.weight(ta.0, ea.0) > gap || b.weight(tb.0, eb.0) > gap || ea.1 >= ta.1 || eb.1 >= tb.1
        {
            break;
        }
        let (Some(ca), Some(cb)) = (a.sentence_end_in(ea, gap), b.sentence_end_in(eb, gap)) else {
            break;
        };
        let (edge, rest) = (((ea.0, ca), (eb.0, cb)), ((ca, ta.1), (cb, tb.1)));
        if !is_copy(runs, a, b, edge.0, edge.1) || minor(edge, rest) {
            break;
        }
        edges.push(edge);
        (ta.0, tb.0) = (ca, cb);
        lo += 1;
    }
    let mut hi = chains.len();
    while hi > lo {
        let (ea, eb) = chains[hi - 1];
        if a.weight(ea.1, ta.1) > gap || b.weight(eb.1, tb.1) > gap || ea.0 <= ta.0 || eb.0 <= tb.0
        {
            break;
        }
        let (Some(ca), Some(cb)) = (a.sentence_start_in(ea, gap), b.sentence_start_in(eb, gap))
        else {
            break;
        };
        let (edge, rest) = (((ca, ea.1), (cb, eb.1)), ((ta.0, ca), (tb.0, cb)));
        if !is_copy(runs, a, b, edge.0, edge.1) || minor(edge, rest) {
            break;
        }
        edges.push(edge);
        (ta.1, tb.1) = (ca, cb);
        hi -= 1;
    }
    if edges.is_empty() {
        return (edges, Some((c.ta, c.tb)));
    }
    let ua = reworded::units::of(a.tokens, ta);
    let ub = reworded::units::of(b.tokens, tb);
    let rest = (a.weight(ta.0, ta.1).min(b.weight(tb.0, tb.1)) >= opts.min_length as u64
        && reworded::fragments::dice_of(&ua, &ub) >= reworded::fragments::SEED_DICE)
        .then_some((ta, tb));
    (edges, rest)
}

/// Copied edges of one candidate (see [`split_edges`]) with a sentence
/// rewritten or a clause cut between them
/// ([`candidates::replaced_between`], [`candidates::clause_cut_between`])
/// join, and the retold rest between them goes with them.
fn join_edges(
    edges: Vec<SpanPair>,
    rest: Option<SpanPair>,
    a: &DocView,
    b: &DocView,
    max_gap: u32,
) -> (Vec<SpanPair>, Option<SpanPair>) {
    if edges.len() < 2 {
        return (edges, rest);
    }
    let joined = candidates::join_replaced_spans(edges, a, b, max_gap);
    let inside = |r: &SpanPair| {
        joined
            .iter()
            .any(|j| j.0 .0 <= r.0 .0 && r.0 .1 <= j.0 .1 && j.1 .0 <= r.1 .0 && r.1 .1 <= j.1 .1)
    };
    let rest = rest.filter(|r| !inside(r));
    (joined, rest)
}

/// A reworded passage over a candidate's spans, with its edit runs (the
/// exact runs inside it) and the content units both sides share; its ends
/// are refined with `max_gap` when `refine` asks for it. Each side runs
/// from its first shared unit to its last, give or take `max_gap` of
/// weight of other words at either end: a retold sentence's first words
/// before its first shared one stay in, while the rest of a sentence that
/// the passage starts or ends inside (the author's own words, a heading
/// run into it, a link) is no part of it, as `max_gap` keeps commentary
/// out of a copy. (PAN translation 0.927 → 0.931, random 0.891 → 0.892:
/// a retelling set into the middle of another text's sentence.)
fn reworded_passage(
    runs: &[Run],
    a: &DocView,
    b: &DocView,
    c: &Candidate,
    max_gap: u32,
    refine: bool,
) -> PairPassage {
    let (pa, pb) = if refine {
        extend::refine_ends(a, b, c.ta, c.tb, max_gap)
    } else {
        (c.ta, c.tb)
    };
    let set = |d: &DocView, s| -> rustc_hash::FxHashSet<reworded::units::Unit> {
        reworded::units::of(d.tokens, s).into_iter().collect()
    };
    let (sa, sb) = (set(a, pa), set(b, pb));
    let (ta, tb) = (a.shared_sentences(pa, &sb), b.shared_sentences(pb, &sa));
    // the evidence is what the trimmed passages share: a side's units are
    // gathered again only when its span lost a sentence
    let sa = if ta == pa { sa } else { set(a, ta) };
    let sb = if tb == pb { sb } else { set(b, tb) };
    let (matched_a, matched_b) = (
        reworded::units::matched(a.tokens, ta, &sb),
        reworded::units::matched(b.tokens, tb, &sa),
    );
    let (pa, pb) = (
        within_gap_of(a, ta, &matched_a, max_gap),
        within_gap_of(b, tb, &matched_b, max_gap),
    );
    let ops = edits::edits(runs, a, b, pa, pb);
    let similarity = similarity(&ops, a, b, pa, pb);
    PairPassage {
        a: pa,
        b: pb,
        matched_a,
        matched_b,
        ops,
        similarity,
        evidence: c.evidence,
        kind: Kind::Reworded,
    }
}

/// `span` of `d` cut at each end to its first or last `matched` span (in
/// order, inside `span`) when more than `max_gap` of weight lies before or
/// after it. Unchanged when nothing matched. O(1).
fn within_gap_of(
    d: &DocView,
    span: (u32, u32),
    matched: &[(u32, u32)],
    max_gap: u32,
) -> (u32, u32) {
    let (Some(first), Some(last)) = (matched.first(), matched.last()) else {
        return span;
    };
    let gap = max_gap as u64;
    let start = if d.weight(span.0, first.0) > gap {
        first.0
    } else {
        span.0
    };
    let end = if d.weight(last.1, span.1) > gap {
        last.1
    } else {
        span.1
    };
    (start, end)
}

/// Weight of the union of token spans `spans` of `d`: text that several
/// spans hold counts once. O(k log k) for k spans.
fn union_weight(mut spans: Vec<(u32, u32)>, d: &DocView) -> u64 {
    spans.sort_unstable();
    let mut total = 0;
    let mut open: Option<(u32, u32)> = None;
    for s in spans {
        match open {
            Some((lo, hi)) if s.0 <= hi => open = Some((lo, hi.max(s.1))),
            _ => {
                if let Some((lo, hi)) = open {
                    total += d.weight(lo, hi);
                }
                open = Some(s);
            }
        }
    }
    total + open.map_or(0, |(lo, hi)| d.weight(lo, hi))
}

/// True when tokens `pa` of `a` and `pb` of `b` are a copy, lightly edited
/// at most (similarity [`candidates::VERBATIM_SHARE`]): a restructured
/// sentence whose words happen to chain is not.
fn is_copy(runs: &[Run], a: &DocView, b: &DocView, pa: (u32, u32), pb: (u32, u32)) -> bool {
    similarity(&edits::edits(runs, a, b, pa, pb), a, b, pa, pb) >= candidates::VERBATIM_SHARE
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

/// For tests: a xorshift generator from `seed`, giving numbers below its
/// argument.
#[cfg(test)]
pub(crate) fn xorshift(mut state: u64) -> impl FnMut(u32) -> u32 {
    move |n: u32| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::tokenize::{tokenize, Interner};

    /// Text that two refined chains hold counts once: [`union_weight`]
    /// agrees with marking every token of every span.
    #[test]
    fn union_weight_counts_shared_text_once() {
        let text: String = (0..120)
            .map(|i| format!("w{} ", "x".repeat(i % 7)))
            .collect();
        let t = tokenize(&fold(&text), &mut Interner::new(true, true));
        let content = Content::default();
        let cov = vec![false; t.len()];
        let d = DocView::new(&t, &content, &cov, false, None);
        let n = t.len() as u32;
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let mut overlapping = 0;
        for _ in 0..2000 {
            let spans: Vec<(u32, u32)> = (0..1 + next(5))
                .map(|_| {
                    let s = next(n);
                    (s, (s + next(30)).min(n))
                })
                .collect();
            let mut mark = vec![false; n as usize];
            for &(s, e) in &spans {
                mark[s as usize..e as usize].fill(true);
            }
            let want: u64 = (0..n)
                .filter(|&i| mark[i as usize])
                .map(|i| d.weight(i, i + 1))
                .sum();
            let sum: u64 = spans.iter().map(|&(s, e)| d.weight(s, e)).sum();
            overlapping += usize::from(sum > want);
            assert_eq!(union_weight(spans.clone(), &d), want, "{spans:?}");
        }
        assert!(overlapping > 200, "overlaps were exercised: {overlapping}");
    }
}
