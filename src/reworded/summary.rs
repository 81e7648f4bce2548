//! Summaries: a summary condenses its source, so its sentences follow each
//! other closely on the short side while what they retell lies all over a
//! longer stretch of the other text. Three steps find them:
//!
//! 1. [`summary_fragments`]: seeds (similar sentence pairs) close together
//!    on one side whose partners come from at least [`MIN_SUMMARY_SEEDS`]
//!    places of a stretch with twice their content make a summary
//!    fragment.
//! 2. [`merge_summaries`]: candidates (fragments and copied sentences) next
//!    to each other on a short side, spread over a longer one, join.
//! 3. [`extend_summary`]: a summary's long side extends over the
//!    neighbouring sentences that share its words.
//!
//! A summary of at least [`MIN_SUMMARY_SEEDS`] pieces is reported as one
//! reworded passage ([`condenses`]), even when its pieces are copied
//! sentences.
//!
//! # Complexity
//! Fragments O(s log s) for s seeds, plus the sentences of each cluster's
//! stretches; merging O(c log c) per pass, at most [`MAX_SUMMARY_PASSES`]
//! passes; extension O(sentences added · their words).

use crate::align::candidates::{overlaps, Candidate};
use crate::align::DocView;
use crate::keysort;
use crate::reworded::units::{self, Unit};

use super::fragments::{related, Fragment, FRAGMENT_COSINE};
use super::scoring::{Cosine, Weighted};
use super::sentences::Sentence;

/// Summary clusters: seeded sentences of the short side (the summary) may
/// have at most this many sentences without a seed between them, each of
/// which must still be related to the partners' stretch (as in
/// [`super::fragments`](mod@super::fragments))…
pub(crate) const SUMMARY_SEED_GAP: u32 = 2;

/// …their partners on the long side lie within this many sentences (a
/// summary condenses one passage, not a whole book)…
pub(crate) const SUMMARY_WINDOW: u32 = 80;

/// …and a summary cluster holds at least this many seeded sentences on
/// its short side: one or two sentences that resemble two far-apart
/// sentences are what any two texts on one topic have.
pub(crate) const MIN_SUMMARY_SEEDS: usize = 3;

/// Partners this close, in order, are one place of the long side (see
/// [`summary_fragments`]).
const SAME_PLACE: u32 = 1;

/// A summary's cosine with the whole stretch it condenses (not only the
/// sentences its own resemble) is at least this: a summary keeps its
/// source's vocabulary, where a text that merely shares the topic matches a
/// few sentences here and there.
pub(crate) const SUMMARY_COSINE: f32 = 0.34;

/// Clusters of seeds (sentence pairs `(i, j)`, sorted) that lie close
/// together on one side and spread over a stretch holding at least
/// [`SUMMARY_RATIO`] times as much content (units) on the other, in any
/// order there: a summary, whose sentences each condense sentences from all
/// over its source. Kept when the partners come from [`MIN_SUMMARY_SEEDS`]
/// places (see [`SAME_PLACE`]), and the short stretch has a cosine of
/// [`FRAGMENT_COSINE`] with its partners' sentences and of
/// [`SUMMARY_COSINE`] with the whole long stretch. Either side may be the
/// summary.
///
/// # Complexity
/// O(s log s) for s seeds, plus O(sentences of the stretches) per cluster.
pub(super) fn summary_fragments(
    seeds: &[(u32, u32)],
    sa: &[Sentence],
    sb: &[Sentence],
    wa: &[Weighted],
    wb: &[Weighted],
    cosine: &mut Cosine,
) -> Vec<Fragment> {
    let sides = Sides { sa, sb, wa, wb };
    let mut out = one_way(seeds, &sides, cosine);
    let mut swapped: Vec<(u32, u32)> = seeds.iter().map(|&(i, j)| (j, i)).collect();
    swapped.sort_unstable();
    let sides = Sides {
        sa: sb,
        sb: sa,
        wa: wb,
        wb: wa,
    };
    out.extend(
        one_way(&swapped, &sides, cosine)
            .into_iter()
            .map(|f| Fragment {
                a: f.b,
                b: f.a,
                ..f
            }),
    );
    out
}

/// Both documents' sentences and their tf-isf vectors; `a` is the summary
/// side.
struct Sides<'s> {
    sa: &'s [Sentence],
    sb: &'s [Sentence],
    wa: &'s [Weighted],
    wb: &'s [Weighted],
}

/// [`summary_fragments`] with `a` as the summary side.
fn one_way(seeds: &[(u32, u32)], sides: &Sides, cosine: &mut Cosine) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut lo = 0;
    while lo < seeds.len() {
        // seeds whose a-sentences follow each other closely
        let mut hi = lo + 1;
        while hi < seeds.len() && seeds[hi].0 <= seeds[hi - 1].0 + SUMMARY_SEED_GAP + 1 {
            hi += 1;
        }
        if let Some(f) = cluster(&seeds[lo..hi], sides, cosine) {
            out.push(f);
        }
        lo = hi;
    }
    out
}

/// How much content sentences hold: their units, with repeats.
fn content(ss: &[Sentence]) -> u64 {
    ss.iter()
        .flat_map(|s| &s.bag)
        .map(|&(_, count)| count as u64)
        .sum()
}

/// One summary fragment from seeds close together on a, if they make one.
fn cluster(group: &[(u32, u32)], sides: &Sides, cosine_of: &mut Cosine) -> Option<Fragment> {
    let Sides { sa, sb, wa, wb } = *sides;
    // the partners in the window of SUMMARY_WINDOW sentences holding most
    let mut js: Vec<u32> = group.iter().map(|&(_, j)| j).collect();
    js.sort_unstable();
    js.dedup();
    let (mut best, mut from) = (0, 0);
    let mut l = 0;
    for r in 0..js.len() {
        while js[r] - js[l] > SUMMARY_WINDOW {
            l += 1;
        }
        if r + 1 - l > best {
            (best, from) = (r + 1 - l, js[l]);
        }
    }
    let kept: Vec<(u32, u32)> = group
        .iter()
        .copied()
        .filter(|&(_, j)| j >= from && j <= from + SUMMARY_WINDOW)
        .collect();
    let mut is: Vec<u32> = kept.iter().map(|&(i, _)| i).collect();
    is.dedup();
    // places of the long side it draws on: a seed whose partner follows
    // the previous seed's closely (a copied stretch) is the same place
    let places = 1 + kept
        .windows(2)
        .filter(|w| !(w[1].1 >= w[0].1 && w[1].1 <= w[0].1 + SAME_PLACE))
        .count();
    if is.len() < MIN_SUMMARY_SEEDS || places < MIN_SUMMARY_SEEDS {
        return None;
    }
    // the kept partners, distinct and sorted: those of `js` in the window
    js.retain(|&j| j >= from && j <= from + SUMMARY_WINDOW);
    let (a0, a1) = (is[0], is[is.len() - 1]);
    let (b0, b1) = (js[0], js[js.len() - 1]);
    // a summary: its stretch is much shorter than what it condenses, in
    // content (units), not in sentences: one that keeps every other
    // sentence, each cut short, has half its source's sentences but a
    // third of its content (Japanese set's summary level 0.585 -> 0.693,
    // 0.088 -> 0.491 with invented sentences; PAN summary 0.659 -> 0.661)
    if content(&sa[a0 as usize..=a1 as usize]) * SUMMARY_RATIO
        > content(&sb[b0 as usize..=b1 as usize])
    {
        return None;
    }
    // sentences between the seeds on the summary side are its own too
    let bridged = is
        .windows(2)
        .all(|w| (w[0] + 1..w[1]).all(|g| related(&sa[g as usize], sb, (b0, b1 + 1))));
    if !bridged {
        return None;
    }
    let partners: Vec<&Weighted> = js.iter().map(|&j| &wb[j as usize]).collect();
    let short: Vec<&Weighted> = wa[a0 as usize..=a1 as usize].iter().collect();
    let cosine = cosine_of.of(&short, &partners);
    let hull: Vec<&Weighted> = wb[b0 as usize..=b1 as usize].iter().collect();
    let whole = cosine_of.of(&short, &hull);
    (cosine >= FRAGMENT_COSINE && whole >= SUMMARY_COSINE).then(|| Fragment {
        a: (sa[a0 as usize].tokens.0, sa[a1 as usize].tokens.1),
        b: (sb[b0 as usize].tokens.0, sb[b1 as usize].tokens.1),
        cosine,
        summary_pieces: is.len() as u32,
    })
}

/// Summary merging: two candidates next to each
/// other on the shorter (summary) side, in any order on the longer side,
/// join when the gap between them on the summary side weighs at most this,
/// about one sentence…
pub(crate) const SUMMARY_SHORT_GAP: u64 = 120;

/// …the gap on the longer (source) side at most this, about 700 words…
pub(crate) const SUMMARY_LONG_GAP: u64 = 4000;

/// …and the merged source side is at least this many times longer than the
/// summary side, as when a summary condenses a long passage (PAN's summary
/// obfuscation; Sanchez-Perez et al. widen their source gap the same way).
pub(crate) const SUMMARY_RATIO: u64 = 2;

/// Joins candidates that together look like a summary of a longer passage
/// (see [`SUMMARY_RATIO`]). Either side may be the summary. Pieces that
/// follow each other on the summary side with at most `max_gap` of weight
/// between them and no paragraph break are marked a summary paragraph
/// ([`Candidate::summary_paragraph`]): a paragraph that copies a sentence
/// or two from here and one from much further on condenses what lies
/// between. Two verbatim quotes of several sentences each never join,
/// back to back or not: they are two quotes. O(c log c) per pass.
pub(crate) fn merge_summaries(
    mut cs: Vec<Candidate>,
    a: &DocView,
    b: &DocView,
    max_gap: u32,
) -> Vec<Candidate> {
    // weight between two spans (0 when they overlap)
    let apart = |d: &DocView, x: (u32, u32), y: (u32, u32)| d.between(x, y).unwrap_or(0);
    let mut merged_any = true;
    let mut passes = 0;
    // a summary may take its sentences from the source in any order: merge
    // until nothing more joins, in at most MAX_SUMMARY_PASSES passes of
    // O(c log c) each
    while merged_any && passes < MAX_SUMMARY_PASSES {
        merged_any = false;
        passes += 1;
        keysort::sort_by_key(&mut cs, |c| keysort::key4(c.ta.0, c.tb.0, 0, 0));
        let mut out: Vec<Candidate> = Vec::with_capacity(cs.len());
        for c in cs {
            if let Some(last) = out.last_mut() {
                // Two verbatim quotes merge this way only as single sentences
                // (an extractive summary); longer verbatim quotes are
                // separate passages.
                let piece = |x: &Candidate| {
                    a.weight(x.ta.0, x.ta.1).min(b.weight(x.tb.0, x.tb.1)) <= SUMMARY_PIECE
                        && a.inner_sentences(x.ta).min(b.inner_sentences(x.tb)) <= MAX_INNER
                };
                let (ga, gb) = (apart(a, last.ta, c.ta), apart(b, last.tb, c.tb));
                // pieces that follow each other in one paragraph on one side
                let follows = |d: &DocView, x: (u32, u32), y: (u32, u32), gap: u64| {
                    gap <= max_gap as u64 && x.1 <= y.0 && !d.paragraph_between(x.1, y.0)
                };
                // Two verbatim quotes of several sentences each stay two
                // quotes even back to back; a paragraph whose pieces are
                // retold or single copied sentences is a summary.
                let both_verbatim = last.verbatim(a, b) && c.verbatim(a, b);
                let one_piece = !both_verbatim || piece(last) || piece(&c);
                let para_a = one_piece && follows(a, last.ta, c.ta, ga);
                let para_b = one_piece && follows(b, last.tb, c.tb, gb);
                let sentences = piece(last) && piece(&c);
                if sentences || para_a || para_b || !both_verbatim {
                    let repeat = |x, y| both_verbatim && overlaps(x, y);
                    let ta = (last.ta.0.min(c.ta.0), last.ta.1.max(c.ta.1));
                    let tb = (last.tb.0.min(c.tb.0), last.tb.1.max(c.tb.1));
                    let (wa, wb) = (a.weight(ta.0, ta.1), b.weight(tb.0, tb.1));
                    // two verbatim pieces that share text on the summary
                    // side are one quote pasted twice, not a summary
                    let a_short = wa * SUMMARY_RATIO <= wb
                        && !repeat(last.ta, c.ta)
                        && ga <= SUMMARY_SHORT_GAP
                        && gb <= SUMMARY_LONG_GAP;
                    let b_short = wb * SUMMARY_RATIO <= wa
                        && !repeat(last.tb, c.tb)
                        && gb <= SUMMARY_SHORT_GAP
                        && ga <= SUMMARY_LONG_GAP;
                    if a_short || b_short {
                        let pieces = last.summary_pieces.max(1) + c.summary_pieces.max(1);
                        // a paragraph stays one while every piece joins it
                        // closely on its summary side
                        let alone = |x: &Candidate| x.summary_pieces == 0 || x.summary_paragraph;
                        let paragraph =
                            (if a_short { para_a } else { para_b }) && alone(last) && alone(&c);
                        last.absorb(&c);
                        last.summary_pieces = pieces;
                        last.summary_paragraph = paragraph;
                        merged_any = true;
                        continue;
                    }
                }
            }
            out.push(c);
        }
        cs = out;
    }
    cs
}

/// True when candidate `c` is a summary to report as one reworded
/// passage: its long side is at least [`SUMMARY_RATIO`] times its short
/// one, and either its pieces make one paragraph on the short side (see
/// [`merge_summaries`]), or it joined at least [`MIN_SUMMARY_SEEDS`]
/// pieces and every exact chain in it is one copied sentence at most
/// ([`SUMMARY_PIECE`] of weight on either side): longer quotes in it stay
/// passages of their own, so that commentary between two pasted paragraphs
/// is never taken in.
pub(crate) fn condenses(c: &Candidate, a: &DocView, b: &DocView) -> bool {
    let (wa, wb) = (a.weight(c.ta.0, c.ta.1), b.weight(c.tb.0, c.tb.1));
    let pieces_are_sentences = || {
        c.exact_spans.iter().all(|&(x, y)| {
            a.weight(x.0, x.1).max(b.weight(y.0, y.1)) <= SUMMARY_PIECE
                && a.inner_sentences(x).max(b.inner_sentences(y)) <= MAX_INNER
        })
    };
    wa.min(wb) * SUMMARY_RATIO <= wa.max(wb)
        && (c.summary_paragraph || (c.is_summary() && pieces_are_sentences()))
}

/// Largest piece (in weight, on its shorter side) that counts as one
/// extracted sentence when merging verbatim pieces into a summary: PAN's
/// summaries copy many sentences verbatim from all over the source.
pub(crate) const SUMMARY_PIECE: u64 = 400;
const MAX_INNER: usize = 1;

/// Passes of summary merging; each joins every neighbouring pair it can, so
/// a few passes join all but pathological inputs.
const MAX_SUMMARY_PASSES: usize = 8;

/// A reworded candidate whose long side is this many times its short side
/// is extended as a summary (see [`extend_summary`]).
pub(crate) const SUMMARY_EXTEND_RATIO: u64 = 3;

/// Content units a source sentence must share with a summary to be taken
/// into the summary's passage when its long side is extended. One: a
/// summary keeps only a passage's key words, and PAN's summary PlagDet rose
/// from 0.41 to 0.43 while the other sub-corpora did not move.
pub(crate) const SUMMARY_EXTEND_SHARED: usize = 1;

/// Sentences sharing nothing with a summary that its long side's extension
/// steps over to reach one that does.
pub(crate) const SUMMARY_EXTEND_GAP: usize = 2;

/// The long side of a summary grows by its extension to at most this many
/// times its weight: in a text on one topic nearly every sentence shares a
/// unit with the summary, and the extension would run over the whole text
/// (PAN's random sub-corpus had passages of 16,000 characters for one
/// retold sentence). PAN summary: 2 gave 0.651, 3 0.658, no limit 0.659.
pub(crate) const SUMMARY_EXTEND_GROWTH: u64 = 3;

/// Extends the long side of a summary-like candidate (not verbatim, long side
/// at least [`SUMMARY_RATIO`] times the short one) over neighbouring
/// sentences that share [`SUMMARY_EXTEND_SHARED`] content words with the
/// summary, to at most [`SUMMARY_EXTEND_GROWTH`] times its weight.
/// O(sentences added · their units).
pub(crate) fn extend_summary(c: &mut Candidate, a: &DocView, b: &DocView) {
    if c.verbatim(a, b) && !condenses(c, a, b) {
        return;
    }
    let (wa, wb) = (a.weight(c.ta.0, c.ta.1), b.weight(c.tb.0, c.tb.1));
    let (short_doc, short, long_doc, long) = if wa * SUMMARY_EXTEND_RATIO <= wb {
        (a, c.ta, b, &mut c.tb)
    } else if wb * SUMMARY_EXTEND_RATIO <= wa {
        (b, c.tb, a, &mut c.ta)
    } else {
        return;
    };
    let bag: rustc_hash::FxHashSet<Unit> = units::of(short_doc.tokens, short).into_iter().collect();
    let ss = &long_doc.sentences;
    let related = |i: usize| {
        ss[i].bag.iter().filter(|(k, _)| bag.contains(k)).count() >= SUMMARY_EXTEND_SHARED
    };
    // sentences holding the long side's ends
    let over = long_doc.bag_sentences_over(*long);
    let (first, last) = (over.start, over.end);
    if first >= ss.len() || last == 0 {
        return;
    }
    let (mut lo, mut hi) = (first, last - 1);
    // over related sentences, and over up to SUMMARY_EXTEND_GAP others
    // when a related one follows them, a step at each end in turn, while
    // the long side stays within SUMMARY_EXTEND_GROWTH times its weight
    let gap = SUMMARY_EXTEND_GAP;
    let cap = long_doc.weight(long.0, long.1) * SUMMARY_EXTEND_GROWTH;
    let within = |lo: usize, hi: usize| long_doc.weight(ss[lo].tokens.0, ss[hi].tokens.1) <= cap;
    let (mut down, mut up) = (true, true);
    while down || up {
        if down {
            match (1..=gap + 1)
                .take_while(|&k| k <= lo)
                .find(|&k| related(lo - k))
            {
                Some(k) if within(lo - k, hi) => lo -= k,
                _ => down = false,
            }
        }
        if up {
            match (1..=gap + 1)
                .take_while(|&k| hi + k < ss.len())
                .find(|&k| related(hi + k))
            {
                Some(k) if within(lo, hi + k) => hi += k,
                _ => up = false,
            }
        }
    }
    long.0 = long.0.min(ss[lo].tokens.0);
    long.1 = long.1.max(ss[hi].tokens.1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;
    use crate::reworded::scoring::score;
    use crate::reworded::sentences::sentences;
    use crate::tokenize::{tokenize, Interner};

    const LONG: [&str; 14] = [
        "The river authority opened a new footbridge over the estuary on Saturday morning.",
        "Hundreds of residents walked across it before the official ribbon was cut.",
        "The mayor thanked the engineers who worked through two wet winters.",
        "Local cafes on both banks reported their busiest weekend of the year.",
        "A brass band from the primary school played until the early afternoon.",
        "Several older visitors said they had waited thirty years for a crossing.",
        "The bridge cost eleven million and was paid for mostly by a national grant.",
        "Cyclists must dismount on the central span, which is narrower than the ends.",
        "Lights along the railings switch on automatically at dusk every evening.",
        "Fishermen asked the authority to keep the channel beneath clear of debris.",
        "Some shop owners worry that parking near the southern ramp is too scarce.",
        "The council will review traffic around the ramps after the summer season.",
        "A ferry that crossed the estuary for a century will stop running in June.",
        "Its last skipper plans to turn the old boat into a floating museum.",
    ];

    fn parts(long: &[&str], short: &str) -> (Vec<Sentence>, Vec<Sentence>) {
        let mut i = Interner::new(true, true);
        let a = sentences(&tokenize(&fold(&long.join(" ")), &mut i));
        let b = sentences(&tokenize(&fold(short), &mut i));
        (a, b)
    }

    #[test]
    fn sentences_condensed_from_far_apart_make_one_summary() {
        // three sentences, each retelling one far from the others
        let short = "On Saturday the river authority opened its new estuary footbridge. \
                     Eleven million, mostly a national grant, paid for the bridge. \
                     In June the century-old estuary ferry will stop running.";
        let (long, short) = parts(&LONG, short);
        let s = score(&long, &short);
        let seeds = [(0, 0), (6, 1), (12, 2)];
        let f = summary_fragments(
            &seeds,
            &long,
            &short,
            &s.wa,
            &s.wb,
            &mut Cosine::new(s.units),
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].summary_pieces, 3);
        assert_eq!(f[0].b, (short[0].tokens.0, short[2].tokens.1));
        assert_eq!(f[0].a, (long[0].tokens.0, long[12].tokens.1));
    }

    #[test]
    fn a_summary_extends_over_related_sentences_but_not_the_whole_text() {
        use crate::seed::Content;
        // forty sentences on one topic: each shares "ferry" with the summary
        let long: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "The ferry timetable for route {i} lists a morning and an evening crossing."
                )
            })
            .collect();
        let short = "Ferry timetables list crossings.";
        let mut interner = Interner::new(true, true);
        let tl = tokenize(&fold(&long.join(" ")), &mut interner);
        let ts = tokenize(&fold(short), &mut interner);
        let content = Content::default();
        let (cl, cs) = (vec![false; tl.len()], vec![false; ts.len()]);
        let vl = DocView::new(&tl, &content, &cl, true, None);
        let vs = DocView::new(&ts, &content, &cs, true, None);
        // the short text against sentences 20..24 of the long one
        let start = |i: usize| tl.sentences[i];
        let mut c = Candidate::retold((0, ts.len() as u32), (start(20), start(24)));
        let before = vl.weight(c.tb.0, c.tb.1);
        extend_summary(&mut c, &vs, &vl);
        let after = vl.weight(c.tb.0, c.tb.1);
        // it grew over related sentences on both sides, but not to the ends
        assert!(c.tb.0 < start(20) && start(24) < c.tb.1, "{:?}", c.tb);
        assert!(
            after <= before * SUMMARY_EXTEND_GROWTH,
            "{before} -> {after}"
        );
        assert!(c.tb.0 > 0 && (c.tb.1 as usize) < tl.len(), "{:?}", c.tb);
    }

    #[test]
    fn a_copied_stretch_and_a_stray_sentence_are_no_summary() {
        // two sentences in order from one place, one from elsewhere: two
        // places, fewer than MIN_SUMMARY_SEEDS
        let short = format!("{} {} {}", LONG[0], LONG[1], LONG[12]);
        let (long, short) = parts(&LONG, &short);
        let s = score(&long, &short);
        let mut cosine = Cosine::new(s.units);
        let mut none = |seeds: &[(u32, u32)]| {
            summary_fragments(seeds, &long, &short, &s.wa, &s.wb, &mut cosine).is_empty()
        };
        assert!(none(&[(0, 0), (1, 1), (12, 2)]));
        // and neither are three seeds in a stretch without twice their content
        assert!(none(&[(0, 0), (2, 1), (4, 2)]));
    }
}
