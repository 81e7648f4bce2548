//! Helpers shared by the suite: UTF-16 slicing, locating needles, and the
//! invariant checker every report must pass.

use quotelens::{EditKind, PassageKind, Report, SegmentKind, Span};

/// The UTF-16 units of a text.
pub fn units(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

/// The text of a UTF-16 span.
pub fn slice(text: &str, start: u32, end: u32) -> String {
    String::from_utf16(&units(text)[start as usize..end as usize]).expect("span on char boundaries")
}

/// UTF-16 span of the first occurrence of `needle` in `text`.
pub fn find16(text: &str, needle: &str) -> (u32, u32) {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text[..byte].encode_utf16().count() as u32;
    (start, start + needle.encode_utf16().count() as u32)
}

/// True when span `s` holds `needle`'s place in `text`, give or take the
/// two UTF-16 units a passage's ends may stop short of (a final mark, a
/// space).
pub fn holds(s: Span, text: &str, needle: &str) -> bool {
    let (start, end) = find16(text, needle);
    s.start <= start + 2 && end <= s.end + 2
}

/// The report's one passage, which must be of `kind`.
pub fn only_passage(r: &Report, kind: quotelens::PassageKind) -> &quotelens::Passage {
    assert_eq!(r.passages.len(), 1, "{:#?}", r.passages);
    assert_eq!(r.passages[0].kind, kind, "{:#?}", r.passages);
    &r.passages[0]
}

/// Asserts that the report's passages are of `kinds`, in order.
pub fn assert_kinds(r: &Report, kinds: &[quotelens::PassageKind]) {
    let found: Vec<quotelens::PassageKind> = r.passages.iter().map(|p| p.kind).collect();
    assert_eq!(found, kinds, "{:#?}", r.passages);
}

/// UTF-16 span from the start of `from` to the end of `to` (after `from`).
pub fn between16(text: &str, from: &str, to: &str) -> (u32, u32) {
    let (s, _) = find16(text, from);
    let byte = text.find(from).unwrap();
    let rel = text[byte..]
        .find(to)
        .unwrap_or_else(|| panic!("{to:?} not after {from:?}"));
    let end_byte = byte + rel + to.len();
    (s, text[..end_byte].encode_utf16().count() as u32)
}

fn on_boundary(u: &[u16], at: u32) -> bool {
    // not between a high and a low surrogate
    let at = at as usize;
    at == 0 || at >= u.len() || !(0xDC00..0xE000).contains(&u[at])
}

fn check_span(what: &str, u: &[u16], start: u32, end: u32) {
    assert!(start <= end, "{what}: start {start} > end {end}");
    assert!(
        end as usize <= u.len(),
        "{what}: end {end} past length {}",
        u.len()
    );
    assert!(
        on_boundary(u, start),
        "{what}: start {start} inside a surrogate pair"
    );
    assert!(
        on_boundary(u, end),
        "{what}: end {end} inside a surrogate pair"
    );
}

/// Checks every structural invariant of a report on `texts`.
pub fn check_invariants(texts: &[&str], report: &Report) {
    let us: Vec<Vec<u16>> = texts.iter().map(|t| units(t)).collect();
    assert_eq!(report.documents.len(), texts.len());
    for (d, doc) in report.documents.iter().enumerate() {
        let u = &us[d];
        assert_eq!(doc.length as usize, u.len(), "doc {d} length");
        assert_eq!(doc.shared + doc.added, doc.length, "doc {d} shared + added");
        // segments tile the text
        let mut at = 0;
        for s in &doc.segments {
            assert_eq!(s.start, at, "doc {d}: segments must tile");
            assert!(s.end > s.start, "doc {d}: empty segment");
            check_span("segment", u, s.start, s.end);
            match s.kind {
                SegmentKind::Added => assert!(s.passages.is_empty()),
                SegmentKind::Shared => {
                    assert!(!s.passages.is_empty());
                    for &id in &s.passages {
                        let p = &report.passages[id as usize];
                        let span = if p.a.doc as usize == d { p.a } else { p.b };
                        assert_eq!(span.doc as usize, d);
                        assert!(
                            span.start <= s.start && s.end <= span.end,
                            "segment outside its passage"
                        );
                    }
                }
            }
            at = s.end;
        }
        assert_eq!(at, doc.length, "doc {d}: segments must reach the end");
        let shared: u32 = doc
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::Shared)
            .map(|s| s.end - s.start)
            .sum();
        assert_eq!(shared, doc.shared);
    }
    for (i, p) in report.passages.iter().enumerate() {
        assert_eq!(p.id as usize, i);
        assert!(p.a.doc < p.b.doc, "a.doc < b.doc");
        assert!((0.0..=1.0).contains(&p.similarity));
        for s in [p.a, p.b] {
            check_span("passage", &us[s.doc as usize], s.start, s.end);
            assert!(s.end > s.start, "empty passage");
        }
        // edits tile the passage on both sides
        let (mut ea, mut eb) = (p.a.start, p.b.start);
        for e in &p.edits {
            assert_eq!(e.a.start, ea, "passage {i}: edits tile a");
            assert_eq!(e.b.start, eb, "passage {i}: edits tile b");
            check_span("edit a", &us[p.a.doc as usize], e.a.start, e.a.end);
            check_span("edit b", &us[p.b.doc as usize], e.b.start, e.b.end);
            // no run is empty on a side it speaks of; an equal run is equal
            // text after the documented folding
            let (len_a, len_b) = (e.a.end - e.a.start, e.b.end - e.b.start);
            match e.kind {
                EditKind::OnlyA => assert!(len_a > 0 && len_b == 0, "passage {i}: only_a {e:?}"),
                EditKind::OnlyB => assert!(len_b > 0 && len_a == 0, "passage {i}: only_b {e:?}"),
                EditKind::Equal => {
                    assert!(
                        len_a > 0 && len_b > 0,
                        "passage {i}: empty side in equal {e:?}"
                    );
                    let ua = &us[p.a.doc as usize][e.a.start as usize..e.a.end as usize];
                    let ub = &us[p.b.doc as usize][e.b.start as usize..e.b.end as usize];
                    let (fa, fb) = (folded_words(ua), folded_words(ub));
                    assert_eq!(fa, fb, "passage {i}: equal run {e:?} holds different text");
                }
            }
            ea = e.a.end;
            eb = e.b.end;
        }
        assert_eq!(
            (ea, eb),
            (p.a.end, p.b.end),
            "passage {i}: edits reach the end"
        );
        // copied text begins and ends with text both sides share: an edge
        // run is equal, or one half of a substitution, never text that only
        // one side has (the author's own words next to the quote)
        if p.kind != PassageKind::Reworded {
            let substitution = |x: &quotelens::Edit, y: &quotelens::Edit| {
                x.kind != EditKind::Equal && y.kind != EditKind::Equal && x.kind != y.kind
            };
            let n = p.edits.len();
            let (first, last) = (&p.edits[0], &p.edits[n - 1]);
            assert!(
                first.kind == EditKind::Equal || (n > 1 && substitution(first, &p.edits[1])),
                "passage {i} begins with one-sided text {first:?}"
            );
            assert!(
                last.kind == EditKind::Equal || (n > 1 && substitution(&p.edits[n - 2], last)),
                "passage {i} ends with one-sided text {last:?}"
            );
        }
        // the kind agrees with the edits; only a reworded passage has
        // matched units, inside its spans, sorted and disjoint
        let all_equal = p.edits.iter().all(|e| e.kind == EditKind::Equal);
        match p.kind {
            PassageKind::Verbatim => assert!(all_equal, "passage {i}: verbatim with edits"),
            PassageKind::Edited => assert!(!all_equal, "passage {i}: edited without edits"),
            PassageKind::Reworded => assert!(
                !p.matched.a.is_empty() && !p.matched.b.is_empty(),
                "passage {i}: reworded without evidence"
            ),
        }
        if p.kind != PassageKind::Reworded {
            assert!(p.matched.a.is_empty() && p.matched.b.is_empty());
        }
        for (side, span) in [(&p.matched.a, p.a), (&p.matched.b, p.b)] {
            let mut last = span.start;
            for m in side {
                assert!(
                    m.start >= last && m.end > m.start && m.end <= span.end,
                    "passage {i}: matched {m:?}"
                );
                check_span("matched", &us[span.doc as usize], m.start, m.end);
                last = m.end;
            }
        }
        let g = &report.groups[p.group as usize];
        assert!(g.passages.contains(&p.id));
    }
    let mut seen = vec![0; report.passages.len()];
    for (gi, g) in report.groups.iter().enumerate() {
        assert_eq!(g.id as usize, gi);
        assert!(!g.passages.is_empty());
        for &p in &g.passages {
            seen[p as usize] += 1;
        }
        for s in &g.spans {
            check_span("group", &us[s.doc as usize], s.start, s.end);
        }
        // a group's spans are exactly the union of its passages' spans: it
        // never spans text that none of its passages covers
        let mut want: Vec<(u32, u32, u32)> = Vec::new();
        let mut sides: Vec<Span> = g
            .passages
            .iter()
            .flat_map(|&p| [report.passages[p as usize].a, report.passages[p as usize].b])
            .collect();
        sides.sort_by_key(|s| (s.doc, s.start, s.end));
        for s in sides {
            match want.last_mut() {
                Some(w) if w.0 == s.doc && s.start <= w.2 => w.2 = w.2.max(s.end),
                _ => want.push((s.doc, s.start, s.end)),
            }
        }
        let got: Vec<(u32, u32, u32)> = g.spans.iter().map(|s| (s.doc, s.start, s.end)).collect();
        assert_eq!(
            got, want,
            "group {gi}: spans are the union of its passages'"
        );
    }
    assert!(
        seen.iter().all(|&n| n == 1),
        "each passage in exactly one group"
    );
    // the report survives a JSON round trip
    let json = serde_json::to_string(report).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, report);
}

/// The passage whose spans contain `a` in document `da` and `b` in `db`.
pub fn covering(report: &Report, a: Span, b: Span) -> Vec<&quotelens::Passage> {
    report
        .passages
        .iter()
        .filter(|p| {
            let (pa, pb) = if p.a.doc == a.doc {
                (p.a, p.b)
            } else {
                (p.b, p.a)
            };
            pa.doc == a.doc
                && pb.doc == b.doc
                && pa.start <= a.start
                && a.end <= pa.end
                && pb.start <= b.start
                && b.end <= pb.end
        })
        .collect()
}

/// Shorthand for a span.
pub fn span(doc: u32, (start, end): (u32, u32)) -> Span {
    Span { doc, start, end }
}

/// The word characters of a UTF-16 slice after the documented folding: each
/// character with the combining marks after it NFKC-normalized and lower
/// cased, then only letters, digits and marks kept (punctuation, symbols
/// and white space are separators, and an equal run may differ in them).
pub fn folded_words(units: &[u16]) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let text = String::from_utf16_lossy(units);
    let mut out = String::new();
    let mut chunk = String::new();
    let flush = |chunk: &mut String, out: &mut String| {
        let folded: String = chunk.nfkc().collect::<String>().to_lowercase();
        out.extend(
            folded
                .chars()
                .filter(|&c| c.is_alphanumeric() || is_combining_mark(c)),
        );
        chunk.clear();
    };
    for c in text.chars() {
        let continues =
            (c as u32) >= 0x300 && (matches!(c, '\u{FF9E}' | '\u{FF9F}') || is_combining_mark(c));
        if !continues {
            flush(&mut chunk, &mut out);
        }
        chunk.push(c);
    }
    flush(&mut chunk, &mut out);
    out
}
