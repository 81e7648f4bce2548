//! Report: the value types every front end reads, and their construction
//! from the aligner's token-level passages.
//!
//! All offsets in a [`Report`] are **UTF-16 code units** into the original
//! text, as JavaScript indexes strings, and always fall on a character
//! boundary (never inside a surrogate pair). Inside the crate everything is
//! in bytes; the conversion happens here, once, through a checkpoint table.
//!
//! # Complexity
//! O(n + p log p + e) for text length n, p passages and e edit runs. The
//! UTF-16 table costs n/64 words and answers each query in at most 64 steps.

use crate::align::{Kind, OpKind, PairPassage};
use crate::keysort;
use crate::options::Options;
use crate::tokenize::Tokens;
use serde::{Deserialize, Serialize};

/// Version of the report schema; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 2;

/// The result of [`compare`](crate::compare).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Schema version ([`SCHEMA_VERSION`]).
    pub version: u32,
    /// The options the comparison ran with.
    pub options: Options,
    /// One entry per input text, in input order.
    pub documents: Vec<Document>,
    /// Passages shared by two documents, ordered by documents, then position.
    pub passages: Vec<Passage>,
    /// Passages that carry the same source text, grouped across documents.
    /// Every passage belongs to exactly one group; with two documents, each
    /// group holds one passage.
    pub groups: Vec<Group>,
}

/// One input text and how it splits into shared and added text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Display name. [`compare`](crate::compare) names texts `Text 1`,
    /// `Text 2`, …; callers that know better (the CLI uses file names)
    /// overwrite it.
    pub name: String,
    /// The encoding the text was read in, by its WHATWG name (`UTF-8`,
    /// `Shift_JIS`, …), when it was read from a file (the CLI and the page
    /// set it from [`decode_text`](crate::decode_text));
    /// [`compare`](crate::compare) leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// A fingerprint of the text, so that a report is never shown over other
    /// texts of the same lengths: `fnv1a32:` and 8 hex digits of the 32-bit
    /// FNV-1a hash of the text's UTF-16 code units (`h = (h ^ unit) ·
    /// 16777619`, from `h = 2166136261`; see [`fingerprint`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fingerprint: String,
    /// Length of the text in UTF-16 code units.
    pub length: u32,
    /// Code units inside some passage.
    pub shared: u32,
    /// Code units outside every passage (`length - shared`).
    pub added: u32,
    /// Spans that tile the whole text, in order.
    pub segments: Vec<Segment>,
}

/// Whether a segment is quoted in another document or the author's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Inside one or more passages.
    Shared,
    /// In no passage: this document's own text.
    Added,
}

/// A piece of one document's tiling.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
    /// Shared or added.
    pub kind: SegmentKind,
    /// Ids of the passages covering the segment (empty when added).
    #[serde(default)]
    pub passages: Vec<u32>,
}

/// A span of one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Index of the document in [`Report::documents`].
    pub doc: u32,
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
}

/// Start and end of a span whose document is known from context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bounds {
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
}

/// What an edit run inside a passage holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditKind {
    /// The same text on both sides (after folding).
    Equal,
    /// Text only in the passage's `a` side (deleted in `b`, or the `a` half
    /// of a change).
    OnlyA,
    /// Text only in the passage's `b` side.
    OnlyB,
}

/// A run of one kind inside a passage. On each side, the runs of a passage
/// tile its span; a run absent from one side has an empty span there, at the
/// place where it would be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// Equal, only in `a`, or only in `b`.
    pub kind: EditKind,
    /// The run's span in document `a`.
    pub a: Bounds,
    /// The run's span in document `b`.
    pub b: Bounds,
}

/// A stretch of text that two documents share.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Index of the passage in [`Report::passages`].
    pub id: u32,
    /// The group the passage belongs to.
    pub group: u32,
    /// The span in the first document (`a.doc < b.doc`).
    pub a: Span,
    /// The span in the second document.
    pub b: Span,
    /// How the passage was reused: verbatim, edited or reworded.
    pub kind: PassageKind,
    /// Share of the two sides' weighted text that is equal, 0 to 1.
    pub similarity: f64,
    /// Edit runs, in order.
    pub edits: Vec<Edit>,
    /// For a reworded passage, the evidence: the spans on each side that
    /// hold a content unit (a content word's stem, or a Han, Katakana or
    /// Hangul character bigram) that the other side holds too. Empty for
    /// verbatim and edited passages, whose edit runs say what is equal.
    #[serde(default)]
    pub matched: Matched,
}

/// How a passage was reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// Equal after folding (width, case, punctuation, line breaks): every
    /// edit run is `equal`.
    Verbatim,
    /// Equal runs with small edits between them (a typo, an inserted or
    /// dropped word, a cut clause).
    Edited,
    /// Matched by shared content, not by order: words replaced, reordered,
    /// inserted or dropped, clauses moved, a change of style, a summary.
    Reworded,
}

/// The content units a reworded passage's two sides share, as spans in each
/// side (sorted, disjoint).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matched {
    /// Spans in the passage's `a` document.
    pub a: Vec<Bounds>,
    /// Spans in the passage's `b` document.
    pub b: Vec<Bounds>,
}

/// Passages that carry the same source text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Index of the group in [`Report::groups`].
    pub id: u32,
    /// Ids of its passages.
    pub passages: Vec<u32>,
    /// The text its passages cover: per document, the union of their spans
    /// there, as disjoint spans sorted by document and start. A document
    /// that holds the text twice (a quote pasted twice) has two spans, so a
    /// group never spans text that none of its passages covers.
    pub spans: Vec<Span>,
}

/// Byte offsets → UTF-16 offsets for one text.
pub(crate) struct Utf16Map<'a> {
    bytes: &'a [u8],
    ascii: bool,
    /// `checkpoints[k]`: UTF-16 units in `bytes[..k * CHECKPOINT]`.
    checkpoints: Vec<u32>,
}

/// Bytes between two checkpoints of [`Utf16Map`].
const CHECKPOINT: usize = 64;

#[inline]
fn units(b: u8) -> u32 {
    // Leading bytes start a character: 1 unit, 2 for a 4-byte character.
    // Continuation bytes add nothing.
    ((b & 0xC0 != 0x80) as u32) + ((b >= 0xF0) as u32)
}

impl<'a> Utf16Map<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            checkpoints.reserve(bytes.len() / CHECKPOINT + 1);
            let mut u = 0u32;
            checkpoints.push(0);
            for chunk in bytes.chunks(CHECKPOINT) {
                u += chunk.iter().map(|&b| units(b)).sum::<u32>();
                checkpoints.push(u);
            }
        }
        Utf16Map {
            bytes,
            ascii,
            checkpoints,
        }
    }

    /// UTF-16 offset of byte offset `byte` (a character boundary).
    pub fn at(&self, byte: u32) -> u32 {
        if self.ascii {
            return byte;
        }
        let byte = byte as usize;
        let k = byte / CHECKPOINT;
        self.checkpoints[k]
            + self.bytes[k * CHECKPOINT..byte]
                .iter()
                .map(|&b| units(b))
                .sum::<u32>()
    }

    /// Length of the whole text in UTF-16 units.
    pub fn len(&self) -> u32 {
        self.at(self.bytes.len() as u32)
    }
}

/// The aligner's passages for one pair of documents.
pub(crate) struct PairResult {
    pub a: usize,
    pub b: usize,
    pub passages: Vec<PairPassage>,
}

fn find(parent: &mut [u32], x: u32) -> u32 {
    let mut r = x;
    while parent[r as usize] != r {
        r = parent[r as usize];
    }
    let mut x = x;
    while parent[x as usize] != r {
        let next = parent[x as usize];
        parent[x as usize] = r;
        x = next;
    }
    r
}

/// Builds the report.
pub(crate) fn build(
    texts: &[&str],
    tokens: &[Tokens],
    pairs: Vec<PairResult>,
    opts: &Options,
) -> Report {
    // per text, on every core for large inputs: its UTF-16 map and its
    // fingerprint (a chain of one multiply per code unit, a millisecond per
    // megabyte)
    let (maps, fingerprints): (Vec<Utf16Map>, Vec<String>) =
        crate::par::map(texts, |t| t.len(), |t| (Utf16Map::new(t), fingerprint(t)))
            .into_iter()
            .unzip();
    let mut passages = Vec::new();
    for pr in pairs {
        let (ta, tb) = (&tokens[pr.a], &tokens[pr.b]);
        let (ma, mb) = (&maps[pr.a], &maps[pr.b]);
        for p in pr.passages {
            let a_span = (ta.starts[p.a.0 as usize], ta.ends[p.a.1 as usize - 1]);
            let b_span = (tb.starts[p.b.0 as usize], tb.ends[p.b.1 as usize - 1]);
            // Tile each side: walk backwards so that a run with no tokens on
            // a side starts where the next run with tokens there starts.
            let n = p.ops.len();
            let mut edits = vec![
                Edit {
                    kind: EditKind::Equal,
                    a: Bounds { start: 0, end: 0 },
                    b: Bounds { start: 0, end: 0 },
                };
                n
            ];
            let (mut next_a, mut next_b) = (a_span.1, b_span.1);
            for (i, op) in p.ops.iter().enumerate().rev() {
                let sa = if op.a.0 < op.a.1 {
                    ta.starts[op.a.0 as usize]
                } else {
                    next_a
                };
                let sb = if op.b.0 < op.b.1 {
                    tb.starts[op.b.0 as usize]
                } else {
                    next_b
                };
                edits[i] = Edit {
                    kind: match op.kind {
                        OpKind::Equal => EditKind::Equal,
                        OpKind::OnlyA => EditKind::OnlyA,
                        OpKind::OnlyB => EditKind::OnlyB,
                    },
                    a: Bounds {
                        start: ma.at(sa),
                        end: ma.at(next_a),
                    },
                    b: Bounds {
                        start: mb.at(sb),
                        end: mb.at(next_b),
                    },
                };
                next_a = sa;
                next_b = sb;
            }
            passages.push(Passage {
                id: 0,
                group: 0,
                a: Span {
                    doc: pr.a as u32,
                    start: ma.at(a_span.0),
                    end: ma.at(a_span.1),
                },
                b: Span {
                    doc: pr.b as u32,
                    start: mb.at(b_span.0),
                    end: mb.at(b_span.1),
                },
                kind: match p.kind {
                    Kind::Verbatim => PassageKind::Verbatim,
                    Kind::Edited => PassageKind::Edited,
                    Kind::Reworded => PassageKind::Reworded,
                },
                similarity: (p.similarity * 1000.0).round() / 1000.0,
                edits,
                matched: Matched {
                    a: bounds(&p.matched_a, ta, ma),
                    b: bounds(&p.matched_b, tb, mb),
                },
            });
        }
    }
    keysort::sort_by_key(&mut passages, |p| {
        keysort::key4(p.a.doc, p.b.doc, p.a.start, p.b.start)
    });
    for (i, p) in passages.iter_mut().enumerate() {
        p.id = i as u32;
    }

    // spans of every passage, per document
    let mut per_doc: Vec<Vec<(u32, u32, u32)>> = vec![Vec::new(); texts.len()];
    for p in &passages {
        per_doc[p.a.doc as usize].push((p.a.start, p.a.end, p.id));
        per_doc[p.b.doc as usize].push((p.b.start, p.b.end, p.id));
    }
    for spans in &mut per_doc {
        keysort::sort_by_key(spans, |s| keysort::key4(s.0, s.1, s.2, 0));
    }

    // groups: passages overlapping by half the shorter span on a document
    let mut parent: Vec<u32> = (0..passages.len() as u32).collect();
    for spans in &per_doc {
        let mut active: Vec<(u32, u32, u32)> = Vec::new();
        for &(s, e, id) in spans {
            active.retain(|&(_, ae, _)| ae > s);
            for &(as_, ae, aid) in &active {
                let overlap = e.min(ae).saturating_sub(s.max(as_));
                let shorter = (e - s).min(ae - as_);
                if overlap * 2 >= shorter && shorter > 0 {
                    let (ra, rb) = (find(&mut parent, id), find(&mut parent, aid));
                    parent[ra.max(rb) as usize] = ra.min(rb);
                }
            }
            active.push((s, e, id));
        }
    }
    let mut group_of_root: Vec<u32> = vec![u32::MAX; passages.len()];
    let mut groups: Vec<Group> = Vec::new();
    for (i, passage) in passages.iter_mut().enumerate() {
        let r = find(&mut parent, i as u32) as usize;
        if group_of_root[r] == u32::MAX {
            group_of_root[r] = groups.len() as u32;
            groups.push(Group {
                id: groups.len() as u32,
                passages: Vec::new(),
                spans: Vec::new(),
            });
        }
        let g = group_of_root[r];
        passage.group = g;
        let group = &mut groups[g as usize];
        group.passages.push(i as u32);
        group.spans.extend([passage.a, passage.b]);
    }
    for g in &mut groups {
        g.spans = union(std::mem::take(&mut g.spans));
    }

    let documents = fingerprints
        .into_iter()
        .enumerate()
        .map(|(d, fingerprint)| {
            let length = maps[d].len();
            let segments = tile(&per_doc[d], length);
            let shared = segments
                .iter()
                .filter(|s| s.kind == SegmentKind::Shared)
                .map(|s| s.end - s.start)
                .sum();
            Document {
                name: format!("Text {}", d + 1),
                encoding: None,
                fingerprint,
                length,
                shared,
                added: length - shared,
                segments,
            }
        })
        .collect();

    Report {
        version: SCHEMA_VERSION,
        options: opts.clone(),
        documents,
        passages,
        groups,
    }
}

/// The fingerprint of a text (see [`Document::fingerprint`]); front ends
/// compute the same over a JavaScript string's code units. O(n).
pub fn fingerprint(text: &str) -> String {
    let h = text.encode_utf16().fold(2_166_136_261u32, |h, u| {
        (h ^ u as u32).wrapping_mul(16_777_619)
    });
    format!("fnv1a32:{h:08x}")
}

/// The union of spans: disjoint spans (overlapping or touching ones merged)
/// sorted by document and start. O(s log s).
fn union(mut spans: Vec<Span>) -> Vec<Span> {
    keysort::sort_by_key(&mut spans, |s| keysort::key4(s.doc, s.start, s.end, 0));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if last.doc == s.doc && s.start <= last.end => {
                last.end = last.end.max(s.end)
            }
            _ => out.push(s),
        }
    }
    out
}

/// UTF-16 bounds of token ranges.
fn bounds(ranges: &[(u32, u32)], t: &Tokens, m: &Utf16Map) -> Vec<Bounds> {
    ranges
        .iter()
        .map(|&(s, e)| Bounds {
            start: m.at(t.starts[s as usize]),
            end: m.at(t.ends[e as usize - 1]),
        })
        .collect()
}

/// Tiles `0..length` with segments from passage spans sorted by start.
fn tile(spans: &[(u32, u32, u32)], length: u32) -> Vec<Segment> {
    let mut cuts: Vec<u32> = Vec::with_capacity(spans.len() * 2 + 2);
    cuts.push(0);
    cuts.push(length);
    for &(s, e, _) in spans {
        cuts.push(s);
        cuts.push(e);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    let mut next = 0usize; // first span not yet started
    let mut active: Vec<(u32, u32)> = Vec::new(); // (end, id)
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        active.retain(|&(ae, _)| ae > s);
        while next < spans.len() && spans[next].0 <= s {
            if spans[next].1 > s {
                active.push((spans[next].1, spans[next].2));
            }
            next += 1;
        }
        let mut ids: Vec<u32> = active.iter().map(|&(_, id)| id).collect();
        ids.sort_unstable();
        let kind = if ids.is_empty() {
            SegmentKind::Added
        } else {
            SegmentKind::Shared
        };
        match out.last_mut() {
            Some(last) if last.kind == kind && last.passages == ids => last.end = e,
            _ => out.push(Segment {
                start: s,
                end: e,
                kind,
                passages: ids,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets() {
        let text = "a😀bあ".repeat(40);
        let m = Utf16Map::new(&text);
        let mut units = 0u32;
        for (i, c) in text.char_indices() {
            assert_eq!(m.at(i as u32), units);
            units += c.len_utf16() as u32;
        }
        assert_eq!(m.len(), units);
        assert_eq!(Utf16Map::new("abc").at(2), 2);
    }

    /// The standard FNV-1a values where a code unit is a byte ("a"), and
    /// one unit per UTF-16 unit beyond (the JS side computes the same:
    /// tests/e2e/element.test.mjs checks a CLI report against it).
    #[test]
    fn fingerprints_are_fnv1a_over_utf16_units() {
        assert_eq!(fingerprint(""), "fnv1a32:811c9dc5");
        assert_eq!(fingerprint("a"), "fnv1a32:e40c292c");
        assert_ne!(fingerprint("港大橋"), fingerprint("港大喬"));
        assert_ne!(fingerprint("ab"), fingerprint("ba"));
    }

    #[test]
    fn tile_covers_everything_once() {
        let segs = tile(&[(2, 5, 0), (4, 8, 1)], 10);
        let got: Vec<(u32, u32, Vec<u32>)> = segs
            .iter()
            .map(|s| (s.start, s.end, s.passages.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (0, 2, vec![]),
                (2, 4, vec![0]),
                (4, 5, vec![0, 1]),
                (5, 8, vec![1]),
                (8, 10, vec![])
            ]
        );
        assert_eq!(tile(&[], 0), []);
        assert_eq!(tile(&[], 3)[0].kind, SegmentKind::Added);
    }
}
