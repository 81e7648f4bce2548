//! Edits: the content tokens of a passage's runs are anchors; between two
//! anchors, the few tokens left are aligned by a small LCS table. The result
//! is a list of `equal`, `only_a` and `only_b` runs that tile both sides.
//!
//! Tokens are compared after folding, and folding can turn one character of
//! the text into several tokens (`㌔` into `キ ロ`) or keep a combining mark
//! with its base (`橋́`): such a *cluster* of tokens shares one span of the
//! original text. A run that took only part of a cluster would be empty, or
//! a character off, on that side, so clusters are atomic: a cluster is in an
//! `equal` run whole, or it is an edit whole (see [`atomic_clusters`]).
//!
//! # Complexity
//! O(passage length) plus O(g²) per gap of g tokens between anchors, capped
//! by [`MAX_DP_CELLS`].

use super::candidates::SpanPair;
use super::runs::Run;
use super::{DocView, Op, OpKind};
use crate::tokenize::Tokens;

/// Largest LCS table built between two anchors; a bigger gap (which the gap
/// limits make rare) is reported as deleted on one side and inserted on the
/// other.
pub(crate) const MAX_DP_CELLS: usize = 1 << 20;

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
/// on the content tokens of the runs inside it.
pub(super) fn edits(
    runs: &[Run],
    a: &DocView,
    b: &DocView,
    pa: (u32, u32),
    pb: (u32, u32),
) -> Vec<Op> {
    let (ka, kb) = (&a.tokens.keys, &b.tokens.keys);
    let (ia, ib) = (&a.tokens.ids, &b.tokens.ids);
    let anchors = anchors_within(runs, pa, pb);
    let mut ops = Vec::new();
    let mut cur = (pa.0, pb.0);
    for &ri in &anchors {
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
    atomic_clusters(ops, a.tokens, b.tokens)
}

/// A passage of copied text begins and ends with text both sides share. A
/// one-sided run at either end (an insertion or a deletion, not one half of
/// a substitution) is the author's own text next to the quote, which the
/// ends' extension reached on one side only: it is cut off, and the
/// passage's ends with it. Returns the new ends and runs, or None when no
/// `equal` run is left. O(runs).
pub(super) fn trim_one_sided(mut ops: Vec<Op>) -> Option<(SpanPair, Vec<Op>)> {
    let substitution =
        |x: &Op, y: &Op| x.kind != OpKind::Equal && y.kind != OpKind::Equal && x.kind != y.kind;
    while let [.., before, last] = ops.as_slice() {
        if last.kind == OpKind::Equal || substitution(before, last) {
            break;
        }
        ops.pop();
    }
    let mut front = 0;
    while let [first, next, ..] = &ops[front..] {
        if first.kind == OpKind::Equal || substitution(first, next) {
            break;
        }
        front += 1;
    }
    ops.drain(..front);
    if !ops.iter().any(|o| o.kind == OpKind::Equal) {
        return None;
    }
    let (first, last) = (ops[0], ops[ops.len() - 1]);
    Some((((first.a.0, last.a.1), (first.b.0, last.b.1)), ops))
}

/// True when token `i` continues the cluster of token `i - 1`: both come
/// from one character of the original text (see the module docs).
fn continues(t: &Tokens, i: u32) -> bool {
    let i = i as usize;
    i > 0 && i < t.len() && t.starts[i] < t.ends[i - 1]
}

/// The token range of the cluster holding token `i`.
fn cluster(t: &Tokens, i: u32) -> (u32, u32) {
    let (mut s, mut e) = (i, i + 1);
    while continues(t, s) {
        s -= 1;
    }
    while continues(t, e) {
        e += 1;
    }
    (s, e)
}

/// Makes every cluster atomic: an `equal` token whose cluster, on either
/// side, holds a token that is not `equal` (or lies outside the passage)
/// becomes an edit, until no such token is left; then the runs are built
/// again. O(passage length) when no run boundary falls inside a cluster
/// (the common case); otherwise O(passage length · k) for k rounds, and k is
/// at most the number of clusters split.
pub(super) fn atomic_clusters(ops: Vec<Op>, ta: &Tokens, tb: &Tokens) -> Vec<Op> {
    let (Some(first), Some(last)) = (ops.first(), ops.last()) else {
        return ops;
    };
    let (ra, rb) = ((first.a.0, last.a.1), (first.b.0, last.b.1));
    let split = |o: &Op| {
        [o.a.0, o.a.1].iter().any(|&k| continues(ta, k))
            || [o.b.0, o.b.1].iter().any(|&k| continues(tb, k))
    };
    if !ops.iter().any(split) {
        return ops;
    }
    // the partner of each equal token, on each side
    const NONE: u32 = u32::MAX;
    let mut in_a = vec![NONE; (ra.1 - ra.0) as usize];
    let mut in_b = vec![NONE; (rb.1 - rb.0) as usize];
    for o in ops.iter().filter(|o| o.kind == OpKind::Equal) {
        for k in 0..o.a.1 - o.a.0 {
            in_a[(o.a.0 + k - ra.0) as usize] = o.b.0 + k;
            in_b[(o.b.0 + k - rb.0) as usize] = o.a.0 + k;
        }
    }
    let whole = |t: &Tokens, r: (u32, u32), partner: &[u32], i: u32| {
        let (s, e) = cluster(t, i);
        s >= r.0 && e <= r.1 && (s..e).all(|k| partner[(k - r.0) as usize] != NONE)
    };
    loop {
        let mut changed = false;
        for i in ra.0..ra.1 {
            let j = in_a[(i - ra.0) as usize];
            if j != NONE && !(whole(ta, ra, &in_a, i) && whole(tb, rb, &in_b, j)) {
                in_a[(i - ra.0) as usize] = NONE;
                in_b[(j - rb.0) as usize] = NONE;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut out = Vec::with_capacity(ops.len() + 2);
    let (mut i, mut j) = (ra.0, rb.0);
    for x in ra.0..ra.1 {
        let y = in_a[(x - ra.0) as usize];
        if y == NONE {
            continue;
        }
        push_op(&mut out, OpKind::OnlyA, (i, x), (j, j));
        push_op(&mut out, OpKind::OnlyB, (x, x), (j, y));
        push_op(&mut out, OpKind::Equal, (x, x + 1), (y, y + 1));
        (i, j) = (x + 1, y + 1);
    }
    push_op(&mut out, OpKind::OnlyA, (i, ra.1), (j, j));
    push_op(&mut out, OpKind::OnlyB, (ra.1, ra.1), (j, rb.1));
    out
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

#[cfg(test)]
mod tests {
    use super::*;

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
