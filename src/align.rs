//! Align: turn one pair's seeds into passages, each with its edit runs.
//!
//! 1. **Runs.** Seeds on one diagonal (`b - a` constant) that overlap or touch
//!    merge into a run: a stretch of identical content.
//! 2. **Coverage.** A token is *covered* when a run of at least
//!    [`COVER_MIN_WEIGHT`] lies on it, with any other document. Covered text
//!    is quoted text, even when it was quoted from elsewhere in the source.
//! 3. **Chains.** Runs are taken in order of their start in `a` and appended
//!    to the open chain they follow most closely, when both sides of the gap
//!    between them hold at most `max_gap` of *uncovered* weight and at most
//!    `max_gap ×` [`RAW_GAP_FACTOR`] in all. So a typo, an inserted word or a
//!    cut clause leaves one passage, while a sentence of commentary between
//!    two quoted paragraphs splits them. A run that fits no chain opens one:
//!    reordered and repeated passages become passages of their own.
//! 4. **Ends.** Each chain's ends are refined with an X-drop alignment over
//!    the next [`EXTEND_LIMIT`] tokens (seed and extend, as in BLAST), so a
//!    passage starts and ends where the shared text does, even when an edit
//!    sits within a seed's length of its end.
//! 5. **Edits.** The content tokens of the chain's runs are anchors; between
//!    two anchors, the few tokens left are aligned by a small LCS table.
//!    The result is a list of `equal`, `only_a` and `only_b` runs.
//! 6. **Filters.** A passage is kept when its *evidence* (matched weight, each
//!    run discounted by the rarity of its seeds) reaches `min_length` and its
//!    similarity reaches `min_similarity`. Of two passages that overlap on
//!    both sides, the one with more evidence stays.
//!
//! # Complexity
//! Runs: O(s) for s seeds (one hash look-up per seed). Chains: O(r · c) for
//! r runs, with c ≤ [`MAX_OPEN_CHAINS`] open chains (in ordinary text a few).
//! Ends: O([`EXTEND_LIMIT`]²) per passage. Edits: O(passage length) plus
//! O(g²) per gap of g tokens, where g is bounded by the gap limits. Nothing
//! is quadratic in the document length.

use crate::keysort;
use crate::options::Options;
use crate::paraphrase::{self, Sentence};
use crate::seed::{Content, Seed};
use crate::tokenize::{is_word, Tokens, STOP};
use rustc_hash::FxHashMap;

/// Gaps may hold up to this many times `max_gap` in weight when most of the
/// gap is covered (quoted from elsewhere), as when a post splices a phrase
/// from another paragraph of the same report into a quote.
pub(crate) const RAW_GAP_FACTOR: u64 = 4;

/// A run covers its tokens (makes them count as quoted text inside gaps)
/// only from this weight on: 16 CJK characters or about 5 English words. A
/// stray seed of one stock phrase is not enough.
pub(crate) const COVER_MIN_WEIGHT: u64 = 32;

/// Two runs of one chain may overlap by this many tokens (a word or
/// character repeated at the junction).
const MAX_OVERLAP: u32 = 8;

/// Chains still open at once. Ordinary text keeps a handful; text that
/// repeats one sentence would keep thousands, and the oldest are closed.
pub(crate) const MAX_OPEN_CHAINS: usize = 64;

/// Tokens looked at beyond each end of a chain when refining its ends.
pub(crate) const EXTEND_LIMIT: usize = 32;

/// Score lost, below the best so far, at which an end extension stops. It
/// must exceed the cost of the longest gap worth crossing (a 5-token
/// insertion costs 6); the search never looks past [`EXTEND_LIMIT`] anyway.
const XDROP: i32 = 10;

/// Penalty of a mismatch when extending an end. A match scores
/// [`CONTENT_MATCH`] for an English content word, 1 for anything else (a
/// function word, one CJK character): five matching content words after a
/// cut clause are evidence, four chance characters are not.
const MISMATCH: i32 = 2;

/// Score of a matching content word when extending an end.
const CONTENT_MATCH: i32 = 2;

/// Affine gap penalties when extending an end: the first token of a gap
/// costs `GAP_OPEN`, each further one `GAP_EXTEND`. An inserted phrase is one
/// edit, so five inserted characters followed by nine matching ones extend
/// the passage, while three skipped tokens followed by four chance matches
/// (commentary that happens to reuse a word) do not.
const GAP_OPEN: i32 = 2;
/// See [`GAP_OPEN`].
const GAP_EXTEND: i32 = 1;

/// Largest LCS table built between two anchors; a bigger gap (which the gap
/// limits make rare) is reported as deleted on one side and inserted on the
/// other.
pub(crate) const MAX_DP_CELLS: usize = 1 << 20;

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
}

impl PairPassage {
    /// Swaps the roles of the two documents.
    pub fn mirror(&mut self) {
        std::mem::swap(&mut self.a, &mut self.b);
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
    /// Sentences with bags of words, for the paraphrase stage.
    pub sentences: Vec<Sentence>,
    /// `weight[t]`: total weight of tokens `0..t`.
    weight: Vec<u64>,
    /// `uncovered[t]`: total weight of uncovered tokens among `0..t`.
    uncovered: Vec<u64>,
}

impl<'a> DocView<'a> {
    /// Sentences are cut only when `paraphrase` asks for them.
    pub fn new(
        tokens: &'a Tokens,
        content: &'a Content,
        covered: &[bool],
        paraphrase: bool,
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
            sentences: if paraphrase {
                paraphrase::sentences(tokens)
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

    fn uncovered(&self, s: u32, e: u32) -> u64 {
        if e <= s {
            0
        } else {
            self.uncovered[e as usize] - self.uncovered[s as usize]
        }
    }
}

/// A stretch of identical content, in content positions and token indices.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Run {
    /// Content positions `ca..ca_end` in `a`; `b` is at `ca + diag`.
    ca: u32,
    ca_end: u32,
    diag: i64,
    /// Token spans.
    ta: (u32, u32),
    tb: (u32, u32),
    rarity_sum: f32,
    seeds: u32,
}

impl Run {
    /// Matched weight of the run, the smaller of its two sides.
    fn weight(&self, a: &DocView, b: &DocView) -> u64 {
        a.weight(self.ta.0, self.ta.1)
            .min(b.weight(self.tb.0, self.tb.1))
    }

    fn evidence(&self, a: &DocView, b: &DocView) -> f64 {
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

struct Chain {
    runs: Vec<u32>,
    /// Weight of the last run, which a long covered gap needs to be heavy.
    last_weight: u64,
    ta: (u32, u32),
    tb: (u32, u32),
    evidence: f64,
}

/// Chains runs across small gaps (see the module docs).
fn chain(runs: &[Run], a: &DocView, b: &DocView, opts: &Options) -> Vec<Chain> {
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
                });
            }
        }
    }
    chains
}

/// Largest band of the end extension, in tokens.
const MAX_BAND: usize = 8;

/// Band of the end extension for a `max_gap`: about the number of words
/// `max_gap` allows (6 weighted characters a word), so the extension never
/// bridges more than chaining would.
fn band_for(max_gap: u32) -> usize {
    ((max_gap / 6) as usize).min(MAX_BAND)
}

/// Banded X-drop extension with affine gaps (Gotoh's three states): how
/// many of `xs` and `ys` (read outward from a passage end) to add to the
/// passage. Cells more than `band` tokens off the diagonal are out, so no
/// gap longer than `band` is crossed. The extension ends on a match with
/// the best score above zero.
fn xdrop(xs: &[u32], ys: &[u32], band: usize, score: impl Fn(usize) -> i32) -> (usize, usize) {
    let (n, m) = (xs.len(), ys.len());
    if n == 0 || m == 0 {
        return (0, 0);
    }
    const NEG: i32 = i32::MIN / 4;
    // h: best ending in a match/mismatch; e: in a gap in ys; f: in a gap in xs
    let mut h_prev = vec![NEG; m + 1];
    let mut e_prev = vec![NEG; m + 1];
    let mut h_cur = vec![NEG; m + 1];
    let mut e_cur = vec![NEG; m + 1];
    h_prev[0] = 0;
    for (j, h) in h_prev.iter_mut().enumerate().take(m.min(band) + 1).skip(1) {
        *h = -GAP_OPEN - (j as i32 - 1) * GAP_EXTEND;
    }
    let mut best = (0i32, 0usize, 0usize);
    for i in 1..=n {
        h_cur[0] = if i <= band {
            -GAP_OPEN - (i as i32 - 1) * GAP_EXTEND
        } else {
            NEG
        };
        e_cur[0] = h_cur[0];
        let mut f = NEG;
        let mut row_best = h_cur[0];
        for j in 1..=m {
            if i.abs_diff(j) > band {
                h_cur[j] = NEG;
                e_cur[j] = NEG;
                f = NEG;
                continue;
            }
            let hit = xs[i - 1] == ys[j - 1];
            let diag = h_prev[j - 1] + if hit { score(i - 1) } else { -MISMATCH };
            let e = (h_prev[j] - GAP_OPEN).max(e_prev[j] - GAP_EXTEND);
            f = (h_cur[j - 1] - GAP_OPEN).max(f - GAP_EXTEND);
            let v = diag.max(e).max(f);
            h_cur[j] = v;
            e_cur[j] = e;
            row_best = row_best.max(v);
            if hit && v == diag && v > best.0 {
                best = (v, i, j);
            }
        }
        if row_best < best.0 - XDROP {
            break;
        }
        std::mem::swap(&mut h_prev, &mut h_cur);
        std::mem::swap(&mut e_prev, &mut e_cur);
    }
    (best.1, best.2)
}

/// Appends an edit run, merging it with the previous one of the same kind.
fn push_op(ops: &mut Vec<Op>, kind: OpKind, a: (u32, u32), b: (u32, u32)) {
    if a.0 == a.1 && b.0 == b.1 {
        return;
    }
    if let Some(last) = ops.last_mut() {
        if last.kind == kind && last.a.1 == a.0 && last.b.1 == b.0 {
            last.a.1 = a.1;
            last.b.1 = b.1;
            return;
        }
    }
    ops.push(Op { kind, a, b });
}

/// Aligns tokens `a_ids[ra]` with `b_ids[rb]` by LCS and appends the runs.
fn diff_gap(ops: &mut Vec<Op>, a_ids: &[u32], b_ids: &[u32], ra: (u32, u32), rb: (u32, u32)) {
    let xs = &a_ids[ra.0 as usize..ra.1 as usize];
    let ys = &b_ids[rb.0 as usize..rb.1 as usize];
    let (n, m) = (xs.len(), ys.len());
    if n == 0 || m == 0 || (n + 1) * (m + 1) > MAX_DP_CELLS {
        push_op(ops, OpKind::OnlyA, ra, (rb.0, rb.0));
        push_op(ops, OpKind::OnlyB, (ra.1, ra.1), rb);
        return;
    }
    // lcs[i][j] = LCS length of xs[i..] and ys[j..]
    let w = m + 1;
    let mut lcs = vec![0u16; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if xs[i] == ys[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0usize, 0usize);
    while i < n || j < m {
        let (ai, bj) = (ra.0 + i as u32, rb.0 + j as u32);
        if i < n && j < m && xs[i] == ys[j] {
            push_op(ops, OpKind::Equal, (ai, ai + 1), (bj, bj + 1));
            i += 1;
            j += 1;
        } else if j == m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            push_op(ops, OpKind::OnlyA, (ai, ai + 1), (bj, bj));
            i += 1;
        } else {
            push_op(ops, OpKind::OnlyB, (ai, ai), (bj, bj + 1));
            j += 1;
        }
    }
}

/// Builds the edit runs of a passage whose ends are `pa` and `pb`, anchored
/// on the content tokens of `anchors` (runs in order of their start in `a`).
fn edits(
    anchors: &[u32],
    runs: &[Run],
    a: &DocView,
    b: &DocView,
    pa: (u32, u32),
    pb: (u32, u32),
) -> Vec<Op> {
    let (ka, kb) = (&a.tokens.keys, &b.tokens.keys);
    let (ia, ib) = (&a.tokens.ids, &b.tokens.ids);
    let mut ops = Vec::new();
    let mut cur = (pa.0, pb.0);
    for &ri in anchors {
        let r = runs[ri as usize];
        for p in r.ca..r.ca_end {
            let q = (p as i64 + r.diag) as usize;
            let (ta, tb) = (a.content.tok[p as usize], b.content.tok[q]);
            if ta < cur.0 || tb < cur.1 || ta >= pa.1 || tb >= pb.1 {
                continue;
            }
            if ka[ta as usize] != kb[tb as usize] {
                continue; // a hash collision; let the LCS handle it
            }
            diff_gap(&mut ops, ia, ib, (cur.0, ta), (cur.1, tb));
            if ia[ta as usize] == ib[tb as usize] {
                push_op(&mut ops, OpKind::Equal, (ta, ta + 1), (tb, tb + 1));
            } else {
                // same stem, other inflection: shown as a change
                push_op(&mut ops, OpKind::OnlyA, (ta, ta + 1), (tb, tb));
                push_op(&mut ops, OpKind::OnlyB, (ta + 1, ta + 1), (tb, tb + 1));
            }
            cur = (ta + 1, tb + 1);
        }
    }
    diff_gap(&mut ops, ia, ib, (cur.0, pa.1), (cur.1, pb.1));
    ops
}

/// A passage before refinement: an exact chain, a reworded fragment, or
/// several of them merged.
struct Candidate {
    ta: (u32, u32),
    tb: (u32, u32),
    evidence: f64,
    /// Found by the paraphrase stage (judged by its cosine, not by
    /// `min_similarity`).
    reworded: bool,
    /// Evidence from exact chains (the rest is from reworded fragments).
    exact_evidence: f64,
    /// Extent of the exact chains in it, if it holds any.
    exact_span: Option<((u32, u32), (u32, u32))>,
}

fn hull(
    x: Option<((u32, u32), (u32, u32))>,
    y: Option<((u32, u32), (u32, u32))>,
) -> Option<((u32, u32), (u32, u32))> {
    match (x, y) {
        (Some((xa, xb)), Some((ya, yb))) => Some((
            (xa.0.min(ya.0), xa.1.max(ya.1)),
            (xb.0.min(yb.0), xb.1.max(yb.1)),
        )),
        (x, None) => x,
        (None, y) => y,
    }
}

/// A candidate is a verbatim quote when exact chains carry at least this
/// share of its weight (then reworded fragments neither widen it nor merge
/// it into a summary).
pub(crate) const VERBATIM_SHARE: f64 = 0.7;

impl Candidate {
    /// Becomes the union of itself and `other`: both spans widen to cover
    /// both, and the evidence adds up.
    fn absorb(&mut self, other: &Candidate) {
        self.ta = (self.ta.0.min(other.ta.0), self.ta.1.max(other.ta.1));
        self.tb = (self.tb.0.min(other.tb.0), self.tb.1.max(other.tb.1));
        self.evidence += other.evidence;
        self.reworded |= other.reworded;
        self.exact_evidence += other.exact_evidence;
        self.exact_span = hull(self.exact_span, other.exact_span);
    }

    /// Mostly a verbatim quote (see [`VERBATIM_SHARE`]).
    fn verbatim(&self, a: &DocView, b: &DocView) -> bool {
        let w = a
            .weight(self.ta.0, self.ta.1)
            .min(b.weight(self.tb.0, self.tb.1));
        self.exact_evidence >= VERBATIM_SHARE * w as f64
    }
}

/// Share of a reworded fragment's text, on either side, that an exact
/// passage elsewhere may already explain before the fragment is dropped as
/// a vaguer echo of it.
const REWORDED_EXPLAINED: f64 = 0.5;

/// Drops reworded-only candidates whose text on one side mostly lies in an
/// exact candidate: that text is quoted, verbatim, from somewhere else.
/// O(c log c + c · k) for k exact candidates overlapping one fragment.
fn drop_echoes(cs: Vec<Candidate>) -> Vec<Candidate> {
    let exact = |c: &&Candidate| c.exact_span.is_some();
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
        .filter(|c| {
            c.exact_span.is_some() || !(explained(&exact_a, c.ta) || explained(&exact_b, c.tb))
        })
        .collect()
}

fn overlaps(x: (u32, u32), y: (u32, u32)) -> bool {
    x.0 < y.1 && y.0 < x.1
}

/// Merges candidates that overlap in both documents into their union.
/// O(c log c + c · k) for k candidates overlapping in `a` at once.
fn merge_candidates(mut cs: Vec<Candidate>) -> Vec<Candidate> {
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

/// Summary merging (paraphrase mode only): two candidates next to each
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
/// (see [`SUMMARY_RATIO`]). Either side may be the summary. O(c log c).
fn merge_summaries(mut cs: Vec<Candidate>, a: &DocView, b: &DocView) -> Vec<Candidate> {
    // weight between two spans (0 when they overlap)
    let apart = |d: &DocView, x: (u32, u32), y: (u32, u32)| {
        if x.1 <= y.0 {
            d.weight(x.1, y.0)
        } else if y.1 <= x.0 {
            d.weight(y.1, x.0)
        } else {
            0
        }
    };
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
                let piece = |x: &Candidate| a.weight(x.ta.0, x.ta.1).min(b.weight(x.tb.0, x.tb.1));
                let sentences = piece(last) <= SUMMARY_PIECE && piece(&c) <= SUMMARY_PIECE;
                if sentences || !(last.verbatim(a, b) && c.verbatim(a, b)) {
                    let (ga, gb) = (apart(a, last.ta, c.ta), apart(b, last.tb, c.tb));
                    let ta = (last.ta.0.min(c.ta.0), last.ta.1.max(c.ta.1));
                    let tb = (last.tb.0.min(c.tb.0), last.tb.1.max(c.tb.1));
                    let (wa, wb) = (a.weight(ta.0, ta.1), b.weight(tb.0, tb.1));
                    let a_short = wa * SUMMARY_RATIO <= wb
                        && ga <= SUMMARY_SHORT_GAP
                        && gb <= SUMMARY_LONG_GAP;
                    let b_short = wb * SUMMARY_RATIO <= wa
                        && gb <= SUMMARY_SHORT_GAP
                        && ga <= SUMMARY_LONG_GAP;
                    if a_short || b_short {
                        last.absorb(&c);
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

/// Largest piece (in weight, on its shorter side) that counts as one
/// extracted sentence when merging verbatim pieces into a summary: PAN's
/// summaries copy many sentences verbatim from all over the source.
pub(crate) const SUMMARY_PIECE: u64 = 400;

/// Passes of summary merging; each joins every neighbouring pair it can, so
/// a few passes join all but pathological inputs.
const MAX_SUMMARY_PASSES: usize = 8;

/// A reworded candidate whose long side is this many times its short side
/// is extended as a summary (see [`extend_summary`]).
pub(crate) const SUMMARY_EXTEND_RATIO: u64 = 3;

/// Content words a source sentence must share with a summary to be taken
/// into the summary's passage when its long side is extended. One: a
/// summary keeps only a passage's key words, and PAN's summary PlagDet rose
/// from 0.41 to 0.43 while the other sub-corpora did not move.
pub(crate) const SUMMARY_EXTEND_SHARED: usize = 1;

/// Extends the long side of a summary-like candidate (not verbatim, long side
/// at least [`SUMMARY_RATIO`] times the short one) over neighbouring
/// sentences that share [`SUMMARY_EXTEND_SHARED`] content words with the
/// summary. O(sentences added · their words).
fn extend_summary(c: &mut Candidate, a: &DocView, b: &DocView) {
    if c.verbatim(a, b) {
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
    let toks = short_doc.tokens;
    let bag: rustc_hash::FxHashSet<u32> = (short.0..short.1)
        .map(|t| t as usize)
        .filter(|&t| toks.keys[t] != STOP && is_word(toks.ids[t]))
        .map(|t| toks.keys[t])
        .collect();
    let ss = &long_doc.sentences;
    let related = |i: usize| {
        ss[i].bag.iter().filter(|(k, _)| bag.contains(k)).count() >= SUMMARY_EXTEND_SHARED
    };
    // sentences holding the long side's ends
    let first = ss.partition_point(|s| s.tokens.1 <= long.0);
    let last = ss.partition_point(|s| s.tokens.0 < long.1);
    if first >= ss.len() || last == 0 {
        return;
    }
    let (mut lo, mut hi) = (first, last - 1);
    while lo > 0 && related(lo - 1) {
        lo -= 1;
    }
    while hi + 1 < ss.len() && related(hi + 1) {
        hi += 1;
    }
    long.0 = long.0.min(ss[lo].tokens.0);
    long.1 = long.1.max(ss[hi].tokens.1);
}

/// Runs inside a candidate, in order of start in `a`, keeping only those
/// that go forward in `b` too (the anchors of its edit script).
fn anchors_within(runs: &[Run], ta: (u32, u32), tb: (u32, u32)) -> Vec<u32> {
    let first = runs.partition_point(|r| r.ta.0 < ta.0);
    let mut out = Vec::new();
    let mut b_end = tb.0;
    for (i, r) in runs.iter().enumerate().skip(first) {
        if r.ta.0 >= ta.1 {
            break;
        }
        if r.ta.1 <= ta.1 && r.tb.0 >= b_end && r.tb.1 <= tb.1 {
            out.push(i as u32);
            b_end = r.tb.1;
        }
    }
    out
}

/// Finds the passages that documents `a` and `b` share.
pub(crate) fn align(runs: &[Run], a: &DocView, b: &DocView, opts: &Options) -> Vec<PairPassage> {
    let min_length = opts.min_length as f64;
    let mut cands: Vec<Candidate> = chain(runs, a, b, opts)
        .into_iter()
        // Cheap reject before any alignment work: evidence only shrinks.
        .filter(|ch| ch.evidence >= min_length)
        .map(|ch| Candidate {
            ta: ch.ta,
            tb: ch.tb,
            evidence: ch.evidence,
            reworded: false,
            exact_evidence: ch.evidence,
            exact_span: Some((ch.ta, ch.tb)),
        })
        .collect();
    if opts.paraphrase {
        for f in paraphrase::fragments(&a.sentences, &b.sentences) {
            let w = a.weight(f.a.0, f.a.1).min(b.weight(f.b.0, f.b.1)) as f64;
            let evidence = w * f.cosine as f64;
            if evidence >= min_length {
                cands.push(Candidate {
                    ta: f.a,
                    tb: f.b,
                    evidence,
                    reworded: true,
                    exact_evidence: 0.0,
                    exact_span: None,
                });
            }
        }
    }
    let (ia, ib) = (&a.tokens.ids, &b.tokens.ids);
    let mut out = Vec::new();
    let mut merged = drop_echoes(merge_candidates(cands));
    if opts.paraphrase {
        merged = merge_summaries(merged, a, b);
        for c in &mut merged {
            if c.reworded {
                extend_summary(c, a, b);
            }
        }
    }
    for c in merged {
        // A verbatim quote keeps the exact chains' extent: reworded
        // fragments around it only add whole sentences of noise.
        let (ta, tb) = match c.exact_span {
            Some(span) if c.reworded && c.verbatim(a, b) => span,
            _ => (c.ta, c.tb),
        };
        // refine the ends
        let (mut pa, mut pb) = (ta, tb);
        let ra = &ia[pa.1 as usize..(pa.1 as usize + EXTEND_LIMIT).min(ia.len())];
        let rb = &ib[pb.1 as usize..(pb.1 as usize + EXTEND_LIMIT).min(ib.len())];
        let band = band_for(opts.max_gap);
        let keys = &a.tokens.keys;
        let match_score = |t: usize| {
            if keys[t] != STOP && is_word(ia[t]) {
                CONTENT_MATCH
            } else {
                1
            }
        };
        let at = pa.1 as usize;
        let (da, db) = xdrop(ra, rb, band, |k| match_score(at + k));
        pa.1 += da as u32;
        pb.1 += db as u32;
        let la: Vec<u32> = ia[pa.0 as usize - (pa.0 as usize).min(EXTEND_LIMIT)..pa.0 as usize]
            .iter()
            .rev()
            .copied()
            .collect();
        let lb: Vec<u32> = ib[pb.0 as usize - (pb.0 as usize).min(EXTEND_LIMIT)..pb.0 as usize]
            .iter()
            .rev()
            .copied()
            .collect();
        let at = pa.0 as usize;
        let (da, db) = xdrop(&la, &lb, band, |k| match_score(at - 1 - k));
        pa.0 -= da as u32;
        pb.0 -= db as u32;

        let anchors = anchors_within(runs, pa, pb);
        let ops = edits(&anchors, runs, a, b, pa, pb);
        let equal: u64 = ops
            .iter()
            .filter(|o| o.kind == OpKind::Equal)
            .map(|o| a.weight(o.a.0, o.a.1) + b.weight(o.b.0, o.b.1))
            .sum();
        let total = a.weight(pa.0, pa.1) + b.weight(pb.0, pb.1);
        let similarity = if total == 0 {
            0.0
        } else {
            equal as f64 / total as f64
        };
        if !c.reworded && similarity < opts.min_similarity {
            continue;
        }
        out.push(PairPassage {
            a: pa,
            b: pb,
            ops,
            similarity,
            evidence: c.evidence,
        });
    }
    drop_double_overlaps(out)
}

/// Of passages that overlap in both documents, keeps the one with more
/// evidence. O(p · k) for p passages, k of them overlapping in `a` at once.
fn drop_double_overlaps(mut ps: Vec<PairPassage>) -> Vec<PairPassage> {
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

    #[test]
    fn xdrop_takes_matching_tokens_through_one_edit() {
        let band = band_for(crate::DEFAULT_MAX_GAP);
        assert_eq!(xdrop(&[1, 2, 3], &[1, 2, 3], band, |_| 1), (3, 3));
        assert_eq!(xdrop(&[1, 9, 3, 4, 5], &[1, 3, 4, 5], band, |_| 1), (5, 4));
        assert_eq!(xdrop(&[7, 8], &[1, 2], band, |_| 1), (0, 0));
        assert_eq!(xdrop(&[], &[1], band, |_| 1), (0, 0));
        // one gap then only two matches: not worth taking
        assert_eq!(xdrop(&[9, 3, 4], &[3, 4], band, |_| 1), (0, 0));
        // three skipped, four chance matches: not taken (commentary)
        assert_eq!(
            xdrop(&[7, 8, 9, 1, 2, 3, 4], &[1, 2, 3, 4], band, |_| 1),
            (0, 0)
        );
        // a five-token insertion, then nine matches: one edit, taken
        let tail: Vec<u32> = (10..19).collect();
        let with_insert: Vec<u32> = (20..25).chain(10..19).collect();
        assert_eq!(xdrop(&with_insert, &tail, band, |_| 1), (14, 9));
        // twelve inserted tokens (commentary) then the next quote: outside the band
        let long: Vec<u32> = (100..112).chain(10..30).collect();
        let next: Vec<u32> = (10..30).collect();
        assert_eq!(xdrop(&long, &next, band, |_| 1), (0, 0));
        // four skipped words, then five matching words of which four are
        // content words: taken (a cut clause before a short quoted sentence)
        let after_cut: Vec<u32> = (40..44).chain(50..55).collect();
        let sentence: Vec<u32> = (50..55).collect();
        let content = |k: usize| if k == 6 { 1 } else { CONTENT_MATCH };
        assert_eq!(xdrop(&after_cut, &sentence, band, content), (9, 5));
        assert_eq!(xdrop(&after_cut, &sentence, band, |_| 1), (0, 0));
        // with max_gap 0 nothing is bridged at all
        assert_eq!(
            xdrop(&[1, 9, 3, 4, 5], &[1, 3, 4, 5], band_for(0), |_| 1),
            (1, 1)
        );
    }

    #[test]
    fn diff_gap_finds_lcs_runs() {
        let mut ops = Vec::new();
        diff_gap(&mut ops, &[1, 2, 3, 4], &[1, 5, 3, 4], (0, 4), (0, 4));
        let kinds: Vec<OpKind> = ops.iter().map(|o| o.kind).collect();
        assert_eq!(
            kinds,
            [OpKind::Equal, OpKind::OnlyA, OpKind::OnlyB, OpKind::Equal]
        );
        assert_eq!(ops[3].a, (2, 4));
        assert_eq!(ops[3].b, (2, 4));
    }

    #[test]
    fn push_op_merges_adjacent_runs() {
        let mut ops = Vec::new();
        push_op(&mut ops, OpKind::Equal, (0, 1), (0, 1));
        push_op(&mut ops, OpKind::Equal, (1, 3), (1, 3));
        push_op(&mut ops, OpKind::OnlyB, (3, 3), (3, 4));
        push_op(&mut ops, OpKind::OnlyB, (3, 3), (3, 3));
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[0].a, (0, 3));
    }
}
