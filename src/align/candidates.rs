//! Candidates: passages before their ends are refined, from exact chains
//! and reworded fragments; merging those that overlap, dropping reworded
//! echoes of exact quotes, joining retold neighbours and copies with a
//! sentence rewritten between them, and, after refinement, keeping the
//! stronger of two passages that overlap on both sides.
//!
//! # Complexity
//! O(c log c + c · k) for c candidates, k of them overlapping at once, plus
//! the length of the gaps that joins look into (each at most
//! [`REPLACED_GAP`] of weight).

use super::{DocView, PairPassage};
use crate::keysort;
/// Token spans in `a` and in `b`.
pub(crate) type SpanPair = ((u32, u32), (u32, u32));

/// A passage before refinement: an exact chain, a reworded fragment, or
/// several of them merged.
#[derive(Clone)]
pub(crate) struct Candidate {
    pub ta: (u32, u32),
    pub tb: (u32, u32),
    pub evidence: f64,
    /// Found by reworded matching (judged by its cosine, not by
    /// `min_similarity`).
    pub reworded: bool,
    /// Matched weight of the exact chains in it.
    pub exact_weight: u64,
    /// The exact chains in it, as token spans in `a` and `b`.
    pub exact_spans: Vec<SpanPair>,
    /// Pieces joined as a summary (sentences condensed from all over a
    /// longer passage; see [`crate::reworded::summary`]), 0 if it is none.
    pub summary_pieces: u32,
    /// Its pieces were joined as a summary paragraph: they follow each
    /// other with at most `max_gap` between them, in one paragraph, on the
    /// summary side (see [`crate::reworded::summary::merge_summaries`]).
    pub summary_paragraph: bool,
}

/// A candidate is a verbatim quote when exact chains carry at least this
/// share of its weight (then reworded fragments neither widen it nor merge
/// it into a summary).
pub(crate) const VERBATIM_SHARE: f64 = 0.7;

impl Candidate {
    /// A reworded fragment over `ta` and `tb` alone, for tests.
    #[cfg(test)]
    pub fn retold(ta: (u32, u32), tb: (u32, u32)) -> Candidate {
        Candidate {
            ta,
            tb,
            evidence: 100.0,
            reworded: true,
            exact_weight: 0,
            exact_spans: Vec::new(),
            summary_pieces: 0,
            summary_paragraph: false,
        }
    }

    /// Becomes the union of itself and `other`: both spans widen to cover
    /// both, and the evidence adds up.
    pub fn absorb(&mut self, other: &Candidate) {
        self.ta = (self.ta.0.min(other.ta.0), self.ta.1.max(other.ta.1));
        self.tb = (self.tb.0.min(other.tb.0), self.tb.1.max(other.tb.1));
        self.evidence += other.evidence;
        self.reworded |= other.reworded;
        self.exact_weight += other.exact_weight;
        self.exact_spans.extend_from_slice(&other.exact_spans);
        self.summary_pieces = self.summary_pieces.max(other.summary_pieces);
        self.summary_paragraph &= other.summary_paragraph;
    }

    /// A summary of at least [`crate::reworded::summary::MIN_SUMMARY_SEEDS`]
    /// pieces: reported as one reworded passage, even when its pieces are
    /// copied sentences.
    pub fn is_summary(&self) -> bool {
        self.summary_pieces as usize >= crate::reworded::summary::MIN_SUMMARY_SEEDS
    }

    /// Holds exact chains.
    pub fn is_exact(&self) -> bool {
        !self.exact_spans.is_empty()
    }

    /// Mostly a verbatim quote (see [`VERBATIM_SHARE`]).
    pub fn verbatim(&self, a: &DocView, b: &DocView) -> bool {
        let w = a
            .weight(self.ta.0, self.ta.1)
            .min(b.weight(self.tb.0, self.tb.1));
        self.exact_weight as f64 >= VERBATIM_SHARE * w as f64
    }
}

/// Share of a reworded fragment's text, on either side, that an exact
/// passage elsewhere may already explain before the fragment is dropped as
/// a vaguer echo of it.
const REWORDED_EXPLAINED: f64 = 0.5;

/// Drops reworded-only candidates whose text on one side mostly lies in an
/// exact candidate: that text is quoted, verbatim, from somewhere else.
/// O(c log c + c · k) for k exact candidates overlapping one fragment.
pub(super) fn drop_echoes(cs: Vec<Candidate>) -> Vec<Candidate> {
    let exact = |c: &&Candidate| c.is_exact();
    let mut exact_a: Vec<(u32, u32)> = cs.iter().filter(exact).map(|c| c.ta).collect();
    let mut exact_b: Vec<(u32, u32)> = cs.iter().filter(exact).map(|c| c.tb).collect();
    keysort::sort_by_key(&mut exact_a, |r| keysort::key4(r.0, r.1, 0, 0));
    keysort::sort_by_key(&mut exact_b, |r| keysort::key4(r.0, r.1, 0, 0));
    let explained = |ranges: &[(u32, u32)], x: (u32, u32)| -> bool {
        // ranges overlapping x start before x.1; scan back from there
        let end = ranges.partition_point(|r| r.0 < x.1);
        let covered: u32 = ranges[..end]
            .iter()
            .rev()
            .take(64)
            .map(|r| r.1.min(x.1).saturating_sub(r.0.max(x.0)))
            .sum();
        covered as f64 >= REWORDED_EXPLAINED * (x.1 - x.0) as f64
    };
    cs.into_iter()
        .filter(|c| c.is_exact() || !(explained(&exact_a, c.ta) || explained(&exact_b, c.tb)))
        .collect()
}

/// Sentences moved inside a retold passage may have this much weight
/// between them on either side (about one sentence, reworded past
/// matching); more is commentary between separate quotes.
pub(crate) const REORDER_GAP: u64 = 200;

/// True when exact chains `spans` are sentences put in another order in
/// place: at least two, short (a sentence each, at most
/// [`crate::reworded::summary::SUMMARY_PIECE`] of weight), some crossing,
/// and following each other with at most [`REORDER_GAP`] between them on
/// both sides. Such a passage was retold (the "clauses moved"),
/// and is one reworded passage; quotes far apart, or whole paragraphs in
/// another order, stay passages of their own. O(k log k) for k spans.
pub(crate) fn reordered_in_place(spans: &[SpanPair], a: &DocView, b: &DocView) -> bool {
    if spans.len() < 2 {
        return false;
    }
    let short = spans.iter().all(|&(sa, sb)| {
        a.weight(sa.0, sa.1).max(b.weight(sb.0, sb.1)) <= crate::reworded::summary::SUMMARY_PIECE
    });
    let mut by_a: Vec<SpanPair> = spans.to_vec();
    by_a.sort_by_key(|s| (s.0 .0, s.1 .0));
    let crossing = by_a.windows(2).any(|w| w[1].1 .0 < w[0].1 .0);
    let tiled = |mut v: Vec<(u32, u32)>, d: &DocView| {
        v.sort_unstable();
        let mut end = v[0].1;
        for s in &v[1..] {
            if d.weight(end, s.0) > REORDER_GAP {
                return false;
            }
            end = end.max(s.1);
        }
        true
    };
    short
        && crossing
        && tiled(spans.iter().map(|s| s.0).collect(), a)
        && tiled(spans.iter().map(|s| s.1).collect(), b)
}

/// True when two of the exact chains `spans` overlap on both sides: each
/// bridged the other's sentences (a chain may step over quoted text), as
/// when sentences were swapped pairwise. Their union is one passage; when
/// it is no copy, it is sentences moved in place (see
/// [`reordered_in_place`]). O(k log k + k · o) for k spans, o of them
/// open at once in `a`.
pub(crate) fn interleaved(spans: &[SpanPair]) -> bool {
    if spans.len() < 2 {
        return false; // most candidates: nothing to copy or sort
    }
    let mut v: Vec<SpanPair> = spans.to_vec();
    v.sort_by_key(|s| (s.0 .0, s.1 .0));
    // the earlier spans still open in a at each span's start
    let mut active: Vec<SpanPair> = Vec::new();
    for s in v {
        active.retain(|r| r.0 .1 > s.0 .0);
        if active.iter().any(|r| overlaps(r.1, s.1)) {
            return true;
        }
        active.push(s);
    }
    false
}

/// Drops reworded fragments that are mostly (by [`REWORDED_EXPLAINED`])
/// made of exact candidates which no one passage can hold: two that cross
/// (in one order in `a`, the other in `b`) or that share text on one side
/// (a quote pasted twice). Such a fragment is a vaguer echo of separate
/// quotes, and merging it would swallow the commentary between them. A
/// fragment that is mostly reworded text keeps its crossing pieces: words
/// and clauses move inside a reworded passage; so does one whose pieces are
/// sentences [`reordered_in_place`].
///
/// O(c log c + f · k) for f fragments and k exact candidates overlapping one.
pub(super) fn drop_incoherent(cs: Vec<Candidate>, a: &DocView, b: &DocView) -> Vec<Candidate> {
    let mut exact: Vec<SpanPair> = cs
        .iter()
        .filter(|c| c.is_exact())
        .map(|c| (c.ta, c.tb))
        .collect();
    keysort::sort_by_key(&mut exact, |e| keysort::key4(e.0 .0, e.1 .0, 0, 0));
    let echo = |c: &Candidate| -> bool {
        let end = exact.partition_point(|e| e.0 .0 < c.ta.1);
        let mut inside: Vec<&SpanPair> = exact[..end]
            .iter()
            .filter(|e| overlaps(e.0, c.ta) && overlaps(e.1, c.tb))
            .collect();
        inside.sort_by_key(|e| (e.0 .0, e.1 .0));
        let coherent = inside
            .windows(2)
            .all(|w| w[0].0 .1 <= w[1].0 .0 && w[0].1 .1 <= w[1].1 .0);
        let share = |x: (u32, u32), part: fn(&SpanPair) -> (u32, u32)| {
            let covered: u32 = inside
                .iter()
                .map(|e| part(e).1.min(x.1).saturating_sub(part(e).0.max(x.0)))
                .sum();
            covered as f64 >= REWORDED_EXPLAINED * (x.1 - x.0) as f64
        };
        let moved = || {
            let spans: Vec<SpanPair> = inside.iter().map(|&&e| e).collect();
            reordered_in_place(&spans, a, b)
        };
        !coherent && (share(c.ta, |e| e.0) || share(c.tb, |e| e.1)) && !moved()
    };
    cs.into_iter()
        .filter(|c| c.is_exact() || !echo(c))
        .collect()
}

/// True when two token ranges share a token.
pub(crate) fn overlaps(x: (u32, u32), y: (u32, u32)) -> bool {
    x.0 < y.1 && y.0 < x.1
}

/// Merges candidates that overlap in both documents into their union.
/// O(c log c + c · k) for k candidates overlapping in `a` at once.
pub(super) fn merge_candidates(mut cs: Vec<Candidate>) -> Vec<Candidate> {
    keysort::sort_by_key(&mut cs, |c| keysort::key4(c.ta.0, c.tb.0, 0, 0));
    let mut out: Vec<Candidate> = Vec::with_capacity(cs.len());
    let mut active: Vec<usize> = Vec::new();
    for c in cs {
        active.retain(|&k| out[k].ta.1 > c.ta.0);
        match active.iter().find(|&&k| overlaps(out[k].tb, c.tb)) {
            Some(&k) => {
                out[k].absorb(&c);
            }
            None => {
                active.push(out.len());
                out.push(c);
            }
        }
    }
    out
}

/// Joins retold candidates that lie next to each other on both sides, with
/// at most `max_gap` of weight between them on each (or overlapping on
/// one), in either order; or in order with a sentence retold between them
/// ([`replaced_between`]); or, in either order, with retold source text
/// between them on one side or both ([`retold_between`]): a retelling
/// whose sentences were found as two fragments (a swapped pair of
/// sentences, a sentence the clustering could not bridge, a sentence cut
/// from the retelling) is one passage. A mostly copied candidate never
/// joins this way: a quote next to a retold stretch stays a passage of its
/// own. O(c log c).
pub(super) fn join_adjacent_reworded(
    cs: Vec<Candidate>,
    a: &DocView,
    b: &DocView,
    max_gap: u32,
) -> Vec<Candidate> {
    let retold = |c: &Candidate| c.reworded && !c.verbatim(a, b);
    // overlapping on one side (no gap) is nearest of all
    let near = |g: Option<u64>| g.is_none_or(|g| g <= max_gap as u64);
    join_consecutive(cs, |last, c| {
        let next_to = near(a.between(last.ta, c.ta)) && near(b.between(last.tb, c.tb));
        let (x, y) = ((last.ta, last.tb), (c.ta, c.tb));
        retold(last)
            && retold(c)
            && (next_to || replaced_between(x, y, a, b) || retold_between(x, y, a, b, max_gap))
    })
}

/// True when retold passages `x` and `y` (in either order on either side)
/// lie near each other and every sentence between them, on a side with
/// more than `max_gap` of weight between them and at most [`REPLACED_GAP`],
/// retells text of the other side's stretch over both: it shares units
/// with it as a sentence the clustering bridges does
/// ([`related`](crate::reworded::fragments::related)). So a sentence
/// retold too freely to seed, or one left out of the retelling (the other
/// side runs on without a gap), keeps the passage whole, while commentary,
/// which shares (next to) nothing with the other side, keeps it apart.
/// O(gap sentences · their units + the stretch's sentences).
pub(crate) fn retold_between(
    x: SpanPair,
    y: SpanPair,
    a: &DocView,
    b: &DocView,
    max_gap: u32,
) -> bool {
    // the gap between two spans (in either order) and the hull of both
    let gap = |p: (u32, u32), q: (u32, u32)| if p.0 <= q.0 { (p.1, q.0) } else { (q.1, p.0) };
    let hull = |p: (u32, u32), q: (u32, u32)| (p.0.min(q.0), p.1.max(q.1));
    // the sentences starting in `gap` of `d` against those of `o` that
    // overlap `stretch`
    let retells = |gap: (u32, u32), d: &DocView, stretch: (u32, u32), o: &DocView| {
        let w = d.weight(gap.0, gap.1);
        if w <= max_gap as u64 {
            return true;
        }
        if w > REPLACED_GAP {
            return false;
        }
        let ss = &d.sentences;
        let inside =
            ss.partition_point(|s| s.tokens.0 < gap.0)..ss.partition_point(|s| s.tokens.0 < gap.1);
        let over = o.bag_sentences_over(stretch);
        let range = (over.start as u32, over.end as u32);
        !inside.is_empty()
            && ss[inside]
                .iter()
                .all(|s| crate::reworded::fragments::related(s, &o.sentences, range))
    };
    retells(gap(x.0, y.0), a, hull(x.1, y.1), b) && retells(gap(x.1, y.1), b, hull(x.0, y.0), a)
}

/// Candidates in order on `a`, each absorbed into the one before it (as
/// joined so far) when `joins(before, it)`. O(c log c) plus the calls.
fn join_consecutive(
    mut cs: Vec<Candidate>,
    joins: impl Fn(&Candidate, &Candidate) -> bool,
) -> Vec<Candidate> {
    keysort::sort_by_key(&mut cs, |c| keysort::key4(c.ta.0, c.tb.0, 0, 0));
    let mut out: Vec<Candidate> = Vec::with_capacity(cs.len());
    for c in cs {
        match out.last_mut() {
            Some(last) if joins(last, &c) => last.absorb(&c),
            _ => out.push(c),
        }
    }
    out
}

/// Two copies in order on both sides may have this much weight between
/// them on each side (about two sentences) and still be one passage with
/// those sentences rewritten (see [`replaced_between`]). PAN's translation
/// sub-corpus: 200 gave 0.890, 300 0.898, 400 0.899, 600 0.901.
pub(crate) const REPLACED_GAP: u64 = 400;

/// The gaps between span pairs `x` and `y` on each side, when `y` follows
/// `x` (or touches it) on both.
fn gaps_in_order(x: SpanPair, y: SpanPair) -> Option<((u32, u32), (u32, u32))> {
    let (ga, gb) = ((x.0 .1, y.0 .0), (x.1 .1, y.1 .0));
    (ga.0 <= ga.1 && gb.0 <= gb.1).then_some((ga, gb))
}

/// True when copies `x` and `y` follow each other on both sides and what
/// lies between them is a sentence or two rewritten (or translated
/// otherwise): at most [`REPLACED_GAP`] of weight on each side, and the two gaps retell
/// each other (the Dice coefficient of their content units reaches the
/// reworded seed threshold, [`crate::reworded::fragments::SEED_DICE`]).
/// Commentary is text on one side only, with nothing like it on the other,
/// and keeps copies apart; so is a gap without content units (kana only,
/// or function words), which shows nothing was retold. O(gap lengths).
pub(crate) fn replaced_between(x: SpanPair, y: SpanPair, a: &DocView, b: &DocView) -> bool {
    use crate::reworded::{fragments, units};
    let Some((ga, gb)) = gaps_in_order(x, y) else {
        return false;
    };
    if a.weight(ga.0, ga.1) > REPLACED_GAP || b.weight(gb.0, gb.1) > REPLACED_GAP {
        return false;
    }
    let (ua, ub) = (units::of(a.tokens, ga), units::of(b.tokens, gb));
    fragments::dice_of(&ua, &ub) >= fragments::SEED_DICE
}

/// True when copies `x` and `y` follow each other on both sides, next to
/// each other on one side (at most `max_gap` of weight between them) while
/// the other side has words between them inside one sentence: at most
/// [`REPLACED_GAP`] of weight that holds no whole sentence and no
/// paragraph break. Such a quote with a clause cut from one of its
/// sentences (or one added to it, or moved to its front) is one passage,
/// the clause an edit in it. Commentary is whole sentences of the author's
/// own, and keeps copies apart, as does a sentence moved elsewhere.
/// O(log sentences + log paragraphs).
pub(crate) fn clause_cut_between(
    x: SpanPair,
    y: SpanPair,
    a: &DocView,
    b: &DocView,
    max_gap: u32,
) -> bool {
    let Some((ga, gb)) = gaps_in_order(x, y) else {
        return false;
    };
    let (wa, wb) = (a.weight(ga.0, ga.1), b.weight(gb.0, gb.1));
    let cut = |w: u64, gap: (u32, u32), d: &DocView| {
        w <= REPLACED_GAP && !d.whole_sentence_in(gap) && !d.paragraph_between(gap.0, gap.1)
    };
    let next_to = |w: u64| w <= max_gap as u64;
    (next_to(wa) && cut(wb, gb, b)) || (next_to(wb) && cut(wa, ga, a))
}

/// Copies `spans`, in order on `a`, with each run of them that
/// [`replaced_between`] or [`clause_cut_between`] links joined into one
/// span.
pub(crate) fn join_replaced_spans(
    mut spans: Vec<SpanPair>,
    a: &DocView,
    b: &DocView,
    max_gap: u32,
) -> Vec<SpanPair> {
    spans.sort_by_key(|e| (e.0 .0, e.1 .0));
    let mut out: Vec<SpanPair> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last)
                if replaced_between(*last, s, a, b)
                    || clause_cut_between(*last, s, a, b, max_gap) =>
            {
                *last = ((last.0 .0, s.0 .1), (last.1 .0, s.1 .1));
            }
            _ => out.push(s),
        }
    }
    out
}

/// Copy `p` with its start moved back to `start` (a token position on each
/// side) and its end on to `end`, each only where the stretch it takes in
/// is text on both sides that retells the other side's ([`replaced_between`]
/// it and the copy): a sentence or two rewritten, not the author's own.
/// O(stretch lengths).
fn widen_over_retold(
    p: SpanPair,
    start: (u32, u32),
    end: (u32, u32),
    a: &DocView,
    b: &DocView,
) -> SpanPair {
    let ((mut pa, mut pb), (sa, sb), (ea, eb)) = (p, start, end);
    if sa < p.0 .0 && sb < p.1 .0 && replaced_between(((sa, sa), (sb, sb)), p, a, b) {
        (pa.0, pb.0) = (sa, sb);
    }
    if ea > p.0 .1 && eb > p.1 .1 && replaced_between(p, ((ea, ea), (eb, eb)), a, b) {
        (pa.1, pb.1) = (ea, eb);
    }
    (pa, pb)
}

/// Copies `spans` (in order on `a`, from [`join_replaced_spans`]) of a
/// candidate `whole` found by its retold sentences: the first copy starts
/// at the candidate's start when what lies before it is a sentence or two
/// rewritten ([`widen_over_retold`]), and the last ends at the candidate's
/// end likewise. A quote whose first sentence was retold is one edited
/// passage, as one with a sentence retold inside is. Only a copy that comes
/// first (or last) on both sides widens. O(spans + edge lengths).
pub(crate) fn widen_over_retold_ends(
    spans: &mut [SpanPair],
    whole: SpanPair,
    a: &DocView,
    b: &DocView,
) {
    let ((sa, ea), (sb, eb)) = whole;
    let first_b = spans.iter().map(|s| s.1 .0).min();
    if let Some(s) = spans.first_mut().filter(|s| Some(s.1 .0) == first_b) {
        *s = widen_over_retold(*s, (sa, sb), (s.0 .1, s.1 .1), a, b);
    }
    let last_b = spans.iter().map(|s| s.1 .1).max();
    if let Some(s) = spans.last_mut().filter(|s| Some(s.1 .1) == last_b) {
        *s = widen_over_retold(*s, (s.0 .0, s.1 .0), (ea, eb), a, b);
    }
}

/// A copied passage `p` that starts or ends inside a sentence on both
/// sides, widened to the sentence's start or end there when the rest of
/// the two sentences retell each other ([`widen_over_retold`]): a quote
/// whose last clause was rephrased runs to the end of its sentence.
/// O(sentences + rest lengths).
pub(crate) fn widen_to_retold_sentence_ends(p: SpanPair, a: &DocView, b: &DocView) -> SpanPair {
    let starts = (a.sentence_start(p.0 .0), b.sentence_start(p.1 .0));
    let ends = (a.sentence_end(p.0 .1), b.sentence_end(p.1 .1));
    widen_over_retold(p, starts, ends, a, b)
}

/// Joins two copied candidates (exact chains, or reworded fragments that
/// are mostly copies) that [`replaced_between`] or [`clause_cut_between`]
/// links: one edited passage with a sentence rewritten or a clause cut.
/// O(c log c + gap lengths).
pub(super) fn join_replaced(
    cs: Vec<Candidate>,
    a: &DocView,
    b: &DocView,
    max_gap: u32,
) -> Vec<Candidate> {
    let copy = |x: &Candidate| !x.reworded || x.verbatim(a, b);
    join_consecutive(cs, |last, c| {
        let (x, y) = ((last.ta, last.tb), (c.ta, c.tb));
        copy(last)
            && copy(c)
            && (replaced_between(x, y, a, b) || clause_cut_between(x, y, a, b, max_gap))
    })
}

/// Of passages that overlap in both documents, keeps the one with more
/// evidence. O(p · k) for p passages, k of them overlapping in `a` at once.
pub(super) fn drop_double_overlaps(mut ps: Vec<PairPassage>) -> Vec<PairPassage> {
    keysort::sort_by_key(&mut ps, |p| keysort::key4(p.a.0, p.a.1, 0, 0));
    let mut kept: Vec<PairPassage> = Vec::with_capacity(ps.len());
    let mut active: Vec<usize> = Vec::new(); // indices into kept, overlapping in a
    'next: for p in ps {
        active.retain(|&k| kept[k].a.1 > p.a.0);
        for &k in &active {
            let q = &kept[k];
            if q.b.0 < p.b.1 && p.b.0 < q.b.1 {
                if p.evidence > q.evidence {
                    kept[k] = p;
                }
                continue 'next;
            }
        }
        active.push(kept.len());
        kept.push(p);
    }
    keysort::sort_by_key(&mut kept, |p| keysort::key4(p.a.0, p.b.0, 0, 0));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::seed::Content;
    use crate::tokenize::{tokenize, Interner, Tokens};

    fn tokens(texts: &[&str]) -> Vec<Tokens> {
        let mut i = Interner::new(true, true);
        texts.iter().map(|t| tokenize(&fold(t), &mut i)).collect()
    }

    /// Token span of sentences `from..to` of `t`.
    fn sentences(t: &Tokens, from: usize, to: usize) -> (u32, u32) {
        let end = t.sentences.get(to).copied().unwrap_or(t.len() as u32);
        (t.sentences[from], end)
    }

    #[test]
    fn retold_neighbours_join_and_commentary_keeps_them_apart() {
        let retold = Candidate::retold;
        let a = "The ferry company raised its fares by a tenth on Monday. \
                 Commuters from the islands say they cannot afford the rise. \
                 My aunt once rowed across the sound in a bathtub for charity, which was foolish.";
        let b = "Fares on the ferry went up ten per cent this Monday. \
                 Island commuters complain the increase is more than they can pay.";
        let t = tokens(&[a, b]);
        let content = Content::default();
        let cov: Vec<Vec<bool>> = t.iter().map(|t| vec![false; t.len()]).collect();
        let va = DocView::new(&t[0], &content, &cov[0], false, None);
        let vb = DocView::new(&t[1], &content, &cov[1], false, None);
        let (a0, a1, a2) = (
            sentences(&t[0], 0, 1),
            sentences(&t[0], 1, 2),
            sentences(&t[0], 2, 3),
        );
        let (b0, b1) = (sentences(&t[1], 0, 1), sentences(&t[1], 1, 2));
        // next to each other on both sides
        let joined = join_adjacent_reworded(vec![retold(a0, b0), retold(a1, b1)], &va, &vb, 40);
        assert_eq!(joined.len(), 1);
        assert_eq!((joined[0].ta, joined[0].tb), ((a0.0, a1.1), (b0.0, b1.1)));
        // in the other order on one side (swapped)
        let joined = join_adjacent_reworded(vec![retold(a0, b1), retold(a1, b0)], &va, &vb, 40);
        assert_eq!(joined.len(), 1);
        // overlapping on one side, next to each other on the other
        let joined =
            join_adjacent_reworded(vec![retold(a0, (b0.0, b1.1)), retold(a1, b1)], &va, &vb, 40);
        assert_eq!(joined.len(), 1);
        // a sentence of commentary between them on one side only
        let apart = join_adjacent_reworded(vec![retold(a0, b0), retold(a2, b1)], &va, &vb, 40);
        assert_eq!(apart.len(), 2);
        // a mostly copied candidate does not join a retold one
        let mut copy = retold(a0, b0);
        copy.exact_weight = va.weight(a0.0, a0.1).max(vb.weight(b0.0, b0.1));
        let apart = join_adjacent_reworded(vec![copy, retold(a1, b1)], &va, &vb, 40);
        assert_eq!(apart.len(), 2);
    }

    #[test]
    fn a_sentence_cut_or_retold_freely_between_retold_pieces_joins_them_and_commentary_does_not() {
        let src = "The ferry company raised its fares by a tenth on Monday. \
                   Commuters from the islands say they cannot afford the rise. \
                   A return ticket to the largest island now costs eleven euros.";
        let first = "Fares on the ferry went up ten per cent this Monday.";
        let last =
            "Island commuters who cannot afford it now pay eleven euros for a return ticket.";
        let own =
            "My aunt once rowed across the sound in a bathtub for charity, which was foolish.";
        // the middle sentence cut, or the author's own sentence in its place;
        // the retold sentences in the source's order or swapped
        let posts = [
            (format!("{first} {last}"), false, true),
            (format!("{first} {own} {last}"), false, false),
            (format!("{last} {first}"), true, true),
            (format!("{last} {own} {first}"), true, false),
        ];
        let mut texts = vec![src];
        texts.extend(posts.iter().map(|p| p.0.as_str()));
        let t = tokens(&texts);
        let content = Content::default();
        let cov: Vec<Vec<bool>> = t.iter().map(|t| vec![false; t.len()]).collect();
        let v: Vec<DocView> = (0..t.len())
            .map(|d| DocView::new(&t[d], &content, &cov[d], true, None))
            .collect();
        let (s0, s2) = (sentences(&t[0], 0, 1), sentences(&t[0], 2, 3));
        for (d, &(_, swapped, joins)) in posts.iter().enumerate().map(|(i, p)| (i + 1, p)) {
            let n = t[d].sentences.len();
            let (mut x0, mut x2) = (sentences(&t[d], 0, 1), sentences(&t[d], n - 1, n));
            if swapped {
                std::mem::swap(&mut x0, &mut x2);
            }
            let (p, q) = ((s0, x0), (s2, x2));
            assert_eq!(retold_between(p, q, &v[0], &v[d], 40), joins, "text {d}");
            let pieces = vec![Candidate::retold(p.0, p.1), Candidate::retold(q.0, q.1)];
            let joined = join_adjacent_reworded(pieces, &v[0], &v[d], 40);
            assert_eq!(joined.len(), if joins { 1 } else { 2 }, "text {d}");
        }
    }

    #[test]
    fn a_rewritten_sentence_between_copies_joins_them_and_commentary_does_not() {
        let first = "The ferry company raised its fares by a tenth on Monday.";
        let last = "A return ticket to the largest island now costs eleven euros.";
        let src =
            format!("{first} Commuters from the islands say they cannot afford the rise. {last}");
        let retold = format!(
            "{first} Island commuters complain that they cannot afford the increase. {last}"
        );
        let own =
            format!("{first} My aunt once rowed across the sound in a bathtub for charity. {last}");
        let cut = format!("{first} {last}");
        let t = tokens(&[&src, &retold, &own, &cut]);
        let content = Content::default();
        let cov: Vec<Vec<bool>> = t.iter().map(|t| vec![false; t.len()]).collect();
        let v: Vec<DocView> = (0..4)
            .map(|d| DocView::new(&t[d], &content, &cov[d], false, None))
            .collect();
        let ends = |d: usize| {
            let n = t[d].sentences.len();
            (sentences(&t[d], 0, 1), sentences(&t[d], n - 1, n))
        };
        let (s0, s2) = ends(0);
        for (d, want) in [(1, true), (2, false), (3, false)] {
            let (x0, x2) = ends(d);
            assert_eq!(
                replaced_between((s0, x0), (s2, x2), &v[0], &v[d]),
                want,
                "text {d}"
            );
        }
    }

    /// The copy `needle` of each text as a token span, `text` holding it.
    fn copy_span(t: &Tokens, text: &str, needle: &str) -> (u32, u32) {
        let (s, e) = (
            text.find(needle).unwrap(),
            text.find(needle).unwrap() + needle.len(),
        );
        let first = t.starts.iter().position(|&x| x as usize == s).unwrap();
        let last = t.ends.iter().position(|&x| x as usize == e).unwrap();
        (first as u32, last as u32 + 1)
    }

    /// The copy `copy` of `src` in `post` as token spans, and as
    /// [`widen_to_retold_sentence_ends`] widens it, with both texts' tokens.
    fn widened(src: &str, post: &str, copy: &str) -> (Vec<Tokens>, SpanPair, SpanPair) {
        let t = tokens(&[src, post]);
        let content = Content::default();
        let cov: Vec<Vec<bool>> = t.iter().map(|t| vec![false; t.len()]).collect();
        let va = DocView::new(&t[0], &content, &cov[0], false, None);
        let vb = DocView::new(&t[1], &content, &cov[1], false, None);
        let p = (copy_span(&t[0], src, copy), copy_span(&t[1], post, copy));
        let w = widen_to_retold_sentence_ends(p, &va, &vb);
        (t, p, w)
    }

    #[test]
    fn a_copy_widens_to_sentence_ends_whose_rest_was_rephrased_only() {
        let cases = [
            (
                "In a statement on Friday evening the company said that its new factory near the river will employ four hundred people from next spring. Shares rose.",
                "its new factory near the river will employ four hundred people",
                [
                    ("According to the company's Friday statement, its new factory near the river will employ four hundred people, most of them from the valley. Shares rose.", true),
                    ("My uncle keeps telling everyone at dinner that its new factory near the river will employ four hundred people, most of them from the valley. Shares rose.", false),
                ],
            ),
            (
                "市の水道局は火曜日の記者会見で、谷の北側に新しい貯水池を建設する計画を承認したと発表した。反対の声もある。",
                "谷の北側に新しい貯水池を建設する計画を承認した",
                [
                    ("火曜日の会見で水道局によると、谷の北側に新しい貯水池を建設する計画を承認したそうだ。反対の声もある。", true),
                    ("うちの祖父はいつも夕食の席で言うのだが、谷の北側に新しい貯水池を建設する計画を承認したそうだ。反対の声もある。", false),
                ],
            ),
        ];
        for (src, copy, posts) in cases {
            for (post, widens) in posts {
                let (_, p, w) = widened(src, post, copy);
                // the start moves to the sentence start on both sides, or
                // not at all; the end never (the rest of each sentence
                // differs: "from next spring" against "most of them from
                // the valley", and 発表した against そうだ)
                let want_start = if widens { (0, 0) } else { (p.0 .0, p.1 .0) };
                assert_eq!((w.0 .0, w.1 .0), want_start, "{post}");
                assert_eq!((w.0 .1, w.1 .1), (p.0 .1, p.1 .1), "{post}");
            }
        }
        // at the other end: a last clause rephrased, or the author's own
        let src = "Its new factory near the river will employ four hundred people, the company said in a statement on Friday evening. Shares rose.";
        let copy = "Its new factory near the river will employ four hundred people";
        for (post, widens) in [
            ("Its new factory near the river will employ four hundred people, according to a company statement on Friday. Shares rose.", true),
            ("Its new factory near the river will employ four hundred people, which my uncle finds hard to believe. Shares rose.", false),
        ] {
            let (t, p, w) = widened(src, post, copy);
            let want_end = if widens {
                (t[0].sentences[1], t[1].sentences[1])
            } else {
                (p.0 .1, p.1 .1)
            };
            assert_eq!((w.0 .0, w.1 .0), (0, 0), "{post}");
            assert_eq!((w.0 .1, w.1 .1), want_end, "{post}");
        }
    }

    /// Every pair compared: the reference [`interleaved`] must agree with.
    fn naive(spans: &[SpanPair]) -> bool {
        spans.iter().enumerate().any(|(i, x)| {
            spans[i + 1..]
                .iter()
                .any(|y| overlaps(x.0, y.0) && overlaps(x.1, y.1))
        })
    }

    #[test]
    fn interleaved_agrees_with_comparing_all_pairs() {
        let mut next = crate::align::xorshift(0x2545_f491_4f6c_dd1d);
        let mut seen = [0usize; 2];
        for _ in 0..5000 {
            let k = 1 + next(6) as usize;
            let spans: Vec<SpanPair> = (0..k)
                .map(|_| {
                    let (a, b) = (next(60), next(60));
                    ((a, a + 1 + next(15)), (b, b + 1 + next(15)))
                })
                .collect();
            let want = naive(&spans);
            assert_eq!(interleaved(&spans), want, "{spans:?}");
            seen[want as usize] += 1;
        }
        // both answers were exercised
        assert!(seen[0] > 500 && seen[1] > 500, "{seen:?}");
    }

    #[test]
    fn pieces_apart_or_in_order_are_not_interleaved() {
        // in order, touching: one quote after another
        assert!(!interleaved(&[((0, 10), (0, 10)), ((10, 20), (10, 20))]));
        // one quote pasted twice: the same text in a, two places in b
        assert!(!interleaved(&[((0, 10), (0, 10)), ((0, 10), (30, 40))]));
        // each bridging the other's sentence
        assert!(interleaved(&[((0, 30), (10, 40)), ((10, 40), (0, 30))]));
    }

    /// Token span of the first `part` of `text` (tokens `t`).
    fn span_of(t: &Tokens, text: &str, part: &str) -> (u32, u32) {
        let at = text.find(part).expect("part in text") as u32;
        let end = at + part.len() as u32;
        let first = t.starts.partition_point(|&s| s < at) as u32;
        let last = t.starts.partition_point(|&s| s < end) as u32;
        (first, last)
    }

    /// `f` called with views of `src` and `post` and the copies of `first`
    /// and of `second` in them.
    fn with_copies<R>(
        (src, post): (&str, &str),
        (first, second): (&str, &str),
        f: impl FnOnce(&DocView, &DocView, SpanPair, SpanPair) -> R,
    ) -> R {
        let t = tokens(&[src, post]);
        let content = Content::default();
        let cov: Vec<Vec<bool>> = t.iter().map(|t| vec![false; t.len()]).collect();
        let va = DocView::new(&t[0], &content, &cov[0], false, None);
        let vb = DocView::new(&t[1], &content, &cov[1], false, None);
        let x = (span_of(&t[0], src, first), span_of(&t[1], post, first));
        let y = (span_of(&t[0], src, second), span_of(&t[1], post, second));
        f(&va, &vb, x, y)
    }

    #[test]
    fn a_clause_cut_from_a_copied_sentence_joins_its_two_halves_and_a_sentence_does_not() {
        let max_gap = 40;
        let head = "The council approved the harbour budget on Monday, ";
        let clause = "after a long debate about dredging that ran past midnight, ";
        let tail = "and the mayor signed it the next morning.";
        let own = "Honestly I never understood why anyone cares about harbours. ";
        // English and Japanese: a copy with a clause cut from its sentence
        let cases = [
            (
                format!("Intro. {head}{clause}{tail} Later."),
                format!("{head}{tail}"),
                head.to_string(),
                tail.to_string(),
            ),
            (
                "前置き。市議会は月曜日、港の予算案を承認し、しゅんせつをめぐる議論は深夜まで続いたが、市長が翌朝署名した。".into(),
                "市議会は月曜日、港の予算案を承認し、市長が翌朝署名した。".into(),
                "市議会は月曜日、港の予算案を承認し、".into(),
                "市長が翌朝署名した。".into(),
            ),
        ];
        for (src, post, first, second) in &cases {
            with_copies((src, post), (first, second), |va, vb, x, y| {
                assert!(clause_cut_between(x, y, va, vb, max_gap), "{post}");
                // either document may be the one that cut the clause
                let mirror = |p: SpanPair| (p.1, p.0);
                assert!(clause_cut_between(mirror(x), mirror(y), vb, va, max_gap));
                // not in the other order
                assert!(!clause_cut_between(y, x, va, vb, max_gap));
                // and the joins use it: two chains, one span and one candidate
                let joined = join_replaced_spans(vec![y, x], va, vb, max_gap);
                assert_eq!(joined, vec![((x.0 .0, y.0 .1), (x.1 .0, y.1 .1))]);
                let chain = |p: SpanPair| Candidate {
                    exact_spans: vec![p],
                    ..Candidate::retold(p.0, p.1)
                };
                let mut chains = vec![chain(x), chain(y)];
                for c in &mut chains {
                    c.reworded = false;
                }
                assert_eq!(join_replaced(chains, va, vb, max_gap).len(), 1);
            });
        }

        // what lies between is a whole sentence, a paragraph break, or
        // too much: the halves stay apart
        let apart = [
            // the author's own sentence between two copied ones
            (
                "The council approved the budget. The mayor signed it.".to_string(),
                format!("The council approved the budget. {own}The mayor signed it."),
                "The council approved the budget.",
                "The mayor signed it.",
            ),
            // a sentence left out (longer than max_gap), not a clause
            (
                "The council met. It approved the harbour budget after a long debate. \
                 The mayor signed it."
                    .to_string(),
                "The council met. The mayor signed it.".to_string(),
                "The council met.",
                "The mayor signed it.",
            ),
            // a paragraph break inside the gap
            (
                format!("{head}a long debate on harbour dues\n\nabout dredging at night, {tail}"),
                format!("{head}{tail}"),
                head,
                tail,
            ),
            // more than REPLACED_GAP of weight cut from one sentence
            (
                format!(
                    "{head}{}{tail}",
                    "and then more and more words, ".repeat(20)
                ),
                format!("{head}{tail}"),
                head,
                tail,
            ),
        ];
        for (src, post, first, second) in &apart {
            with_copies((src, post), (first, second), |va, vb, x, y| {
                // more than max_gap between them on one side, as a chain has
                let gap = va.weight(x.0 .1, y.0 .0).max(vb.weight(x.1 .1, y.1 .0));
                assert!(gap > max_gap as u64, "{src}");
                assert!(!clause_cut_between(x, y, va, vb, max_gap), "{src} | {post}");
                assert_eq!(join_replaced_spans(vec![x, y], va, vb, max_gap).len(), 2);
            });
        }
    }
}
