//! Property tests: the fast path against the naive reference, and the
//! invariants every report must keep, on generated texts.

use crate::common::{check_invariants, units};
use crate::reference;
use proptest::prelude::*;
use quotelens::{compare, EditKind, Options, Report, SegmentKind};

#[path = "../../benches/gen/mod.rs"]
mod gen;
use gen::{assemble, edit, words, Rng, Script};

fn script() -> impl Strategy<Value = Script> {
    prop_oneof![Just(Script::En), Just(Script::Ja)]
}

/// Options the naive reference understands: no stemming, no stop words, no
/// reworded matching.
fn plain() -> Options {
    Options {
        stem: false,
        stop_words: false,
        reworded: false,
        ..Options::default()
    }
}

/// Two documents quoting `quotes` parts of a source, in order, with edits
/// and commentary of 12 to 40 words between them (or none).
fn quoting_docs(seed: u64, script: Script, quotes: usize) -> (gen::Doc, gen::Doc) {
    let mut rng = Rng(seed);
    let source: Vec<Vec<String>> = (0..quotes)
        .map(|_| {
            let n = rng.range(14, 60);
            words(&mut rng, script, n)
        })
        .collect();
    let parts = |rng: &mut Rng| {
        let mut parts = Vec::new();
        for (q, quote) in source.iter().enumerate() {
            if rng.chance(70) {
                let n = rng.range(12, 40);
                parts.push((None, words(rng, script, n)));
            }
            let e = rng.range(0, 2);
            parts.push((Some(q), edit(rng, script, quote, e, 8)));
        }
        if rng.chance(50) {
            let n = rng.range(12, 40);
            parts.push((None, words(rng, script, n)));
        }
        parts
    };
    let pa = parts(&mut rng);
    let pb = parts(&mut rng);
    (
        assemble(&mut rng, script, &pa),
        assemble(&mut rng, script, &pb),
    )
}

fn u16_span(text: &str, (s, e): (usize, usize)) -> (u32, u32) {
    (
        text[..s].encode_utf16().count() as u32,
        text[..e].encode_utf16().count() as u32,
    )
}

fn overlap(x: (u32, u32), y: (u32, u32)) -> u32 {
    x.1.min(y.1).saturating_sub(x.0.max(y.0))
}

/// Units of `x` that `y` covers, as a share of `x`.
fn covered_share(x: (u32, u32), y: (u32, u32)) -> f64 {
    overlap(x, y) as f64 / (x.1 - x.0).max(1) as f64
}

/// Every mode a user can run: the default (reworded on), copied and
/// edited passages only, and plain tokens (no stems, no stop words).
fn modes() -> [Options; 3] {
    [
        Options::default(),
        Options {
            reworded: false,
            ..Options::default()
        },
        plain(),
    ]
}

/// One passage, independent of numbering: its two spans in document order
/// (doc, start, end), its kind, similarity and edit runs.
type PassageKey = ((u32, u32, u32), (u32, u32, u32), String, i64, Vec<String>);

/// The passages of a report as sorted keys, with documents renamed by
/// `doc_map` (document `d` becomes `doc_map[d]`) and each passage's sides
/// put in the order of the new document numbers.
fn mirrored(r: &Report, doc_map: &[usize]) -> (Vec<PassageKey>, Vec<(u32, u32)>) {
    let mut v: Vec<PassageKey> = r
        .passages
        .iter()
        .map(|p| {
            let (da, db) = (
                doc_map[p.a.doc as usize] as u32,
                doc_map[p.b.doc as usize] as u32,
            );
            let swap = da > db;
            let (x, y) = if swap {
                ((db, p.b), (da, p.a))
            } else {
                ((da, p.a), (db, p.b))
            };
            let edits = p
                .edits
                .iter()
                .map(|e| {
                    let (ea, eb) = if swap { (e.b, e.a) } else { (e.a, e.b) };
                    let kind = match (e.kind, swap) {
                        (EditKind::OnlyA, true) => EditKind::OnlyB,
                        (EditKind::OnlyB, true) => EditKind::OnlyA,
                        (k, _) => k,
                    };
                    format!("{kind:?} {}..{} {}..{}", ea.start, ea.end, eb.start, eb.end)
                })
                .collect();
            (
                (x.0, x.1.start, x.1.end),
                (y.0, y.1.start, y.1.end),
                format!("{:?}", p.kind),
                (p.similarity * 1000.0).round() as i64,
                edits,
            )
        })
        .collect();
    v.sort();
    let mut shared = vec![(0, 0); r.documents.len()];
    for (d, doc) in r.documents.iter().enumerate() {
        shared[doc_map[d]] = (doc.shared, doc.segments.len() as u32);
    }
    (v, shared)
}

fn canonical(r: &Report) -> (Vec<PassageKey>, Vec<(u32, u32)>) {
    let id: Vec<usize> = (0..r.documents.len()).collect();
    mirrored(r, &id)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The fast path finds what the naive reference finds, and nothing else.
    #[test]
    fn matches_the_naive_reference(seed in any::<u64>(), script in script(), quotes in 1usize..5) {
        let (da, db) = quoting_docs(seed, script, quotes);
        let opts = plain();
        let report = compare(&[&da.text, &db.text], &opts);
        check_invariants(&[&da.text, &db.text], &report);
        let (ta, tb) = (reference::tokens(&da.text), reference::tokens(&db.text));
        let naive = reference::align(&ta, &tb, &opts);
        for r in &naive {
            let (ra, rb) = r.spans(&ta, &tb);
            let hit = report.passages.iter().any(|p| {
                covered_share(ra, (p.a.start, p.a.end)) >= 0.9
                    && covered_share(rb, (p.b.start, p.b.end)) >= 0.9
            });
            prop_assert!(hit, "reference passage {:?}/{:?} not found: {:?}", ra, rb, report.passages);
        }
        for p in &report.passages {
            let hit = naive.iter().any(|r| {
                let (ra, rb) = r.spans(&ta, &tb);
                covered_share((p.a.start, p.a.end), ra) >= 0.9
                    && covered_share((p.b.start, p.b.end), rb) >= 0.9
            });
            prop_assert!(hit, "passage {:?}/{:?} not in the reference: {:?}", p.a, p.b, naive);
        }
    }

    /// Equal edit runs hold the same tokens on both sides, by the naive
    /// tokenizer.
    #[test]
    fn equal_edits_are_equal_text(seed in any::<u64>(), script in script()) {
        let (da, db) = quoting_docs(seed, script, 3);
        let report = compare(&[&da.text, &db.text], &plain());
        let (ua, ub) = (units(&da.text), units(&db.text));
        for p in &report.passages {
            for e in p.edits.iter().filter(|e| e.kind == EditKind::Equal) {
                let sa = String::from_utf16(&ua[e.a.start as usize..e.a.end as usize]).unwrap();
                let sb = String::from_utf16(&ub[e.b.start as usize..e.b.end as usize]).unwrap();
                let ka: Vec<String> = reference::tokens(&sa).into_iter().map(|t| t.text).collect();
                let kb: Vec<String> = reference::tokens(&sb).into_iter().map(|t| t.text).collect();
                prop_assert_eq!(ka, kb);
            }
        }
    }

    /// Commentary between two quoted paragraphs is never swallowed by one
    /// passage, and it is marked added.
    #[test]
    fn commentary_splits_passages(seed in any::<u64>(), script in script(), n in 12usize..40, reworded in any::<bool>()) {
        let mut rng = Rng(seed);
        let p1 = words(&mut rng, script, 30);
        let p2 = words(&mut rng, script, 30);
        // a Japanese word is a character or two: twice as many of them, so
        // that the commentary always weighs more than maxGap (text up to
        // maxGap between two copies is an edit inside one passage)
        let own = words(&mut rng, script, if matches!(script, Script::Ja) { 2 * n } else { n });
        let a = assemble(&mut rng, script, &[(Some(0), p1.clone()), (Some(1), p2.clone())]);
        let b = assemble(&mut rng, script, &[(Some(0), p1), (None, own), (Some(1), p2)]);
        let opts = Options { reworded, ..Options::default() };
        let report = compare(&[&a.text, &b.text], &opts);
        check_invariants(&[&a.text, &b.text], &report);
        let c = u16_span(&b.text, b.pieces[1].span);
        for p in &report.passages {
            prop_assert!(!(p.b.start <= c.0 && c.1 <= p.b.end), "passage {:?} covers the commentary {:?}", p.b, c);
        }
        prop_assert_eq!(report.passages.len(), 2);
        let added: u32 = report.documents[1].segments.iter()
            .filter(|s| s.kind == SegmentKind::Added)
            .map(|s| overlap((s.start, s.end), c))
            .sum();
        prop_assert!(added as f64 >= 0.9 * (c.1 - c.0) as f64);
    }

    /// Swapping the documents mirrors the report, in every mode: copied
    /// and edited passages only, reworded matching on, and plain tokens.
    #[test]
    fn swapping_mirrors(seed in any::<u64>(), script in script(), quotes in 1usize..4, mode in 0usize..3) {
        let (da, db) = quoting_docs(seed, script, quotes);
        let o = modes()[mode].clone();
        let ab = compare(&[&da.text, &db.text], &o);
        let ba = compare(&[&db.text, &da.text], &o);
        prop_assert_eq!(mirrored(&ab, &[1, 0]), canonical(&ba));
    }

    /// Any permutation of N documents gives the same passages, renumbered:
    /// three posts quoting one source, with edits and commentary.
    #[test]
    fn permuting_renumbers(seed in any::<u64>(), script in script(), mode in 0usize..3, perm in 0usize..6) {
        let (da, db) = quoting_docs(seed, script, 2);
        let (dc, _) = quoting_docs(seed ^ 0x5eed, script, 2);
        // the third document quotes the first one's text
        let c = format!("{}\n\n{}", dc.text, da.text);
        let texts = [da.text.as_str(), db.text.as_str(), c.as_str()];
        let order = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]][perm];
        let permuted: Vec<&str> = order.iter().map(|&i| texts[i]).collect();
        let o = modes()[mode].clone();
        let base = compare(&texts, &o);
        let other = compare(&permuted, &o);
        // document `order[k]` of the base is document `k` of `other`
        let mut to_other = [0usize; 3];
        for (k, &i) in order.iter().enumerate() {
            to_other[i] = k;
        }
        prop_assert_eq!(mirrored(&base, &to_other), canonical(&other));
    }
    /// Arbitrary text, arbitrary scripts, emoji and marks: no panic, and
    /// every invariant holds.
    #[test]
    fn invariants_on_arbitrary_text(
        a in "\\PC{0,300}",
        b in "(\\PC|[😀👩‍👩‍👧é\u{301}ｶﾞ㌔ﬁ\r\n ])*{0,300}",
        shared in "[a-zあ-ん漢字 ]{0,120}",
    ) {
        let ta = format!("{a}{shared}");
        let tb = format!("{shared}{b}");
        for opts in [
            Options::default(),
            Options { min_length: 4, seed_length: 4, max_gap: 0, ..Options::default() },
            Options { reworded: true, min_length: 10, ..Options::default() },
        ] {
            let r = compare(&[&ta, &tb, &a], &opts);
            check_invariants(&[&ta, &tb, &a], &r);
        }
    }
}
