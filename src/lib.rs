//! quotelens finds the passages that two or more texts share, in any script,
//! and tells what each author added around them.
//!
//! Two blog posts paste the same news report, each with typos, an inserted
//! word, a cut clause, and the author's own commentary between the pasted
//! paragraphs. quotelens reports each pasted stretch as one passage, with
//! its small edits, and marks everything else as the author's own text.
//!
//! # A guided tour
//!
//! There is one entry point, [`compare`], and a handful of value types.
//!
//! ```
//! use quotelens::{compare, Options, SegmentKind};
//!
//! let wire = "The harbour bridge will close for repairs on Monday, the city said. \
//!             Engineers found cracks in two of the main cables during an inspection \
//!             last month, and traffic will be diverted through the tunnel.";
//! let post = "Big news for commuters! The harbour bridge will close for repairs on \
//!             Monday, the city said. Engineers found cracks in two main cables during \
//!             an inspection last month. I think they should have acted sooner.";
//!
//! let report = compare(&[wire, post], &Options::default());
//!
//! // One passage, despite the dropped "of the" inside it.
//! assert_eq!(report.passages.len(), 1);
//! let p = &report.passages[0];
//! assert_eq!((p.a.doc, p.b.doc), (0, 1));
//! let quoted = &post[p.b.start as usize..p.b.end as usize]; // ASCII: units = bytes
//! assert!(quoted.starts_with("The harbour bridge"));
//!
//! // The post's own words are `added`.
//! let own = &report.documents[1].segments[0];
//! assert_eq!(own.kind, SegmentKind::Added);
//! assert_eq!(&post[own.start as usize..own.end as usize].trim(), &"Big news for commuters!");
//! ```
//!
//! ## What the report holds
//! - [`Report::documents`]: per text, its length, how much is shared and
//!   added, and [`Segment`]s that tile it, each `shared` (with the ids of its
//!   passages) or `added`.
//! - [`Report::passages`]: each shared stretch as a [`Span`] in two documents,
//!   its similarity, and its [`Edit`] runs (`equal`, `only_a`, `only_b`), so a
//!   front end can mark an inserted word or a typo.
//! - [`Report::groups`]: passages that carry the same source text across
//!   several documents (a wire story quoted by three posts).
//!
//! All offsets are **UTF-16 code units** into the original texts, because
//! that is how JavaScript indexes strings. In Rust, convert with
//! `str::encode_utf16` or use ASCII input as above.
//!
//! ## Any script
//! Texts are folded (NFKC width, case, punctuation variants, white space)
//! before matching, and every offset maps back exactly to the original. Han,
//! kana and Hangul are compared per character, space-separated scripts per
//! word:
//!
//! ```
//! use quotelens::{compare, Options};
//! let a = "（ＣＮＮ）市内の橋は月曜日から補修のため通行止めになると市が発表した。技師が点検で主要なケーブル２本に亀裂を発見した。";
//! let b = "市内の橋は月曜日から補修のため通行止めになると市が発表した。技師が点検で主要なケーブル2本に亀裂を発見したという。困ったものだ。";
//! let r = compare(&[a, b], &Options::default());
//! assert_eq!(r.passages.len(), 1);
//! assert!(r.documents[1].added > 0);
//! ```
//!
//! ## Tuning
//! [`Options`] holds every knob with a documented default: the shortest
//! passage reported (`min_length`), the longest edit bridged inside a passage
//! (`max_gap`), the seed length, and the rarity cap that keeps stock phrases
//! (names, titles, dates) from being reported.
//!
//! ## The pipeline
//! Each stage is a module with one job:
//! `normalize` (fold, with a map back) → `tokenize` (script-aware tokens,
//! interned to integers) → `seed` (hashed k-grams shared by two documents) →
//! `align` (runs, chains across small gaps, refined ends, edit runs) →
//! `report` (UTF-16 spans, segments, groups).
//!
//! # Complexity
//! Linear in the total length of the texts on ordinary input, for each pair
//! of documents: no stage is quadratic in a document's length. Repeated text
//! is bounded by [`Options::max_occurrences`] and the aligner's constants.
#![deny(missing_docs)]

mod align;
mod english;
#[cfg(feature = "encodings")]
mod input;
mod keysort;
mod normalize;
mod options;
mod par;
mod report;
mod reworded;
mod seed;
mod tokenize;
/// The WebAssembly API (only in wasm builds): what JavaScript calls.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(feature = "encodings")]
pub use input::{decode_text, Decoded, DetectedBy, InputError, DAMAGED_UTF8_RATIO, META_PRESCAN};
pub use options::{
    Options, OptionsError, DEFAULT_MAX_GAP, DEFAULT_MAX_OCCURRENCES, DEFAULT_MIN_LENGTH,
    DEFAULT_MIN_SIMILARITY, DEFAULT_SEED_LENGTH, MAX_LENGTH_OPTION, WIDE_CHAR_WEIGHT,
};
pub use report::{
    fingerprint, Bounds, Document, Edit, EditKind, Group, Matched, Passage, PassageKind, Report,
    Segment, SegmentKind, Span, SCHEMA_VERSION,
};

/// The most text one comparison takes, in bytes of all its texts together
/// (and so the largest file `decode_text` reads). A comparison needs at
/// most about [`PEAK_BYTES_PER_INPUT_BYTE`] bytes of memory per input byte,
/// so this keeps a comparison under about 2 GB: within the 4 GB a
/// WebAssembly instance can address, and within an ordinary laptop's memory.
/// The CLI, the wasm API and the page refuse more with a clear message.
pub const MAX_INPUT_BYTES: usize = 40_000_000;

/// Peak memory of a comparison per byte of input, measured by `make bench`
/// (peak heap over input bytes, 2 × 100 KB to 2 × 4 MB, Japanese and
/// English, reworded matching on: at most 43, on the smallest input, where
/// fixed overhead weighs most), rounded up.
pub const PEAK_BYTES_PER_INPUT_BYTE: usize = 48;

/// What is wrong with `bytes` bytes of text when they are more than
/// [`MAX_INPUT_BYTES`], or `None`: the one message `decode_text`, the CLI
/// and the wasm API give ("too large (… MB; quotelens compares at most 40 MB
/// in all)"), after their own subject ("this file is", "the texts are").
pub fn too_large(bytes: usize) -> Option<String> {
    (bytes > MAX_INPUT_BYTES).then(|| {
        format!(
            "too large ({:.1} MB; quotelens compares at most {} MB in all)",
            bytes as f64 / 1e6,
            MAX_INPUT_BYTES / 1_000_000
        )
    })
}

use align::DocView;
use report::PairResult;
use tokenize::Tokens;

/// Compares texts and reports the passages they share.
///
/// Every pair of texts is compared; passages found in several pairs are
/// grouped. Options out of range are clamped into range (call
/// [`Options::validate`] first to reject them instead). Documents are named
/// `Text 1`, `Text 2`, …; rename them in the report as you like.
///
/// # Complexity
/// O(N² · n) for N texts of length n on ordinary text (each pair is a linear
/// pass); memory about 40 bytes per input byte at most.
pub fn compare<S: AsRef<str>>(texts: &[S], options: &Options) -> Report {
    let texts: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
    pipeline(&texts, options, None)
}

/// Receives the name of each stage as it ends (see [`pipeline`]).
type StageMark<'a> = Option<&'a mut dyn FnMut(&'static str)>;

/// The pipeline behind [`compare`]. With `stages`, every stage runs on one
/// thread, after the previous one, and `stages` hears the name of each stage
/// as it ends: `normalize`, `tokenize`, `seed`, `align`, `report` (for the
/// benchmarks' per-stage table). Without it, per-document work uses every
/// core.
fn pipeline(texts: &[&str], options: &Options, mut stages: StageMark) -> Report {
    let opts = options.clamped();
    let tokens: Vec<Tokens> = match stages.as_mut() {
        Some(mark) => {
            let folded: Vec<normalize::Folded> = texts.iter().map(|t| normalize::fold(t)).collect();
            mark("normalize");
            let mut interner = tokenize::Interner::new(opts.stem, opts.stop_words);
            let mut tokens: Vec<Tokens> = folded
                .iter()
                .map(|f| tokenize::tokenize(f, &mut interner))
                .collect();
            tokenize::canonicalize(&interner, &mut tokens);
            mark("tokenize");
            tokens
        }
        None => tokenize::tokenize_all(texts, opts.stem, opts.stop_words),
    };
    let n = texts.len();
    // a canonical order of the documents: by length, then text
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&d| (texts[d].len(), texts[d]));
    let mut rank = vec![0u32; n];
    for (r, &d) in order.iter().enumerate() {
        rank[d] = r as u32;
    }
    let index = seed::Index::build(&tokens, &rank, &opts);

    let mut covered: Vec<Vec<bool>> = tokens.iter().map(|t| vec![false; t.len()]).collect();
    let mut pair_runs = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for a in 0..n {
        for b in a + 1..n {
            // Each pair is aligned in a role order fixed by the texts
            // themselves, so the report does not depend on input order.
            let (x, y) = if rank[b] < rank[a] { (b, a) } else { (a, b) };
            let seeds = index.pair(x, y);
            let runs = align::runs(
                &seeds,
                &tokens[x],
                &index.content[x],
                &tokens[y],
                &index.content[y],
            );
            let (left, right) = covered.split_at_mut(b);
            let (cov_x, cov_y) = if x == a {
                (&mut left[a], &mut right[0])
            } else {
                (&mut right[0], &mut left[a])
            };
            align::mark_covered(&runs, (&tokens[x], cov_x), (&tokens[y], cov_y));
            pair_runs.push((a, b, x, y, runs));
        }
    }
    if let Some(mark) = stages.as_mut() {
        mark("seed");
    }
    // Many documents: text that many of them copy is linked through a hub
    // by exact matching (see seed::MAX_PAIRWISE_DOCS), so it is left out of
    // reworded matching, and only pairs that share content are matched.
    let many = n > seed::MAX_PAIRWISE_DOCS as usize;
    let view = |&d: &usize| {
        let wide = (many && opts.reworded).then(|| index.widely_shared(d, tokens[d].len()));
        DocView::new(
            &tokens[d],
            &index.content[d],
            &covered[d],
            opts.reworded,
            wide.as_deref(),
        )
    };
    let docs: Vec<usize> = (0..n).collect();
    // sentences and their bags of units, one document per core
    let views: Vec<DocView> = if stages.is_some() {
        docs.iter().map(view).collect()
    } else {
        par::map(&docs, |&d| texts[d].len(), view)
    };
    let worth = (many && opts.reworded).then(|| reworded::pairs::worth_matching(&views));
    let exact_only = Options {
        reworded: false,
        ..opts.clone()
    };
    let pairs = pair_runs
        .into_iter()
        .map(|(a, b, x, y, runs)| {
            let skip = worth
                .as_ref()
                .is_some_and(|w| !w.contains(&(a as u32, b as u32)));
            let pair_opts = if skip { &exact_only } else { &opts };
            let mut passages = align::align(&runs, &views[x], &views[y], pair_opts);
            if x != a {
                passages.iter_mut().for_each(align::PairPassage::mirror);
            }
            PairResult { a, b, passages }
        })
        .collect();
    if let Some(mark) = stages.as_mut() {
        mark("align");
    }
    let report = report::build(texts, &tokens, pairs, &opts);
    if let Some(mark) = stages.as_mut() {
        mark("report");
    }
    report
}

/// For the benchmarks only (feature `stage-timing`): [`compare`] with every
/// stage on one thread, timed. Returns the report and `(stage, seconds)`.
#[cfg(feature = "stage-timing")]
#[doc(hidden)]
pub fn compare_staged(texts: &[&str], options: &Options) -> (Report, Vec<(&'static str, f64)>) {
    let mut times = Vec::new();
    let mut last = std::time::Instant::now();
    let mut mark = |name: &'static str| {
        let now = std::time::Instant::now();
        times.push((name, (now - last).as_secs_f64()));
        last = now;
    };
    let report = pipeline(texts, options, Some(&mut mark));
    (report, times)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-thread, stage-by-stage pipeline (used for the per-stage
    /// benchmark) gives exactly the report of the parallel one.
    #[test]
    fn staged_pipeline_matches_compare() {
        let a = "The harbour bridge will close for six weeks from Monday after engineers found cracks in its cables. ".repeat(400);
        let b = format!(
            "News! {}",
            "港大橋は月曜日から６週間通行止めになる。技師がケーブルに亀裂を見つけた。".repeat(300)
        ) + &a[..20_000];
        let texts = [a.as_str(), b.as_str(), &a[5_000..40_000]];
        let mut names = Vec::new();
        let mut mark = |n: &'static str| names.push(n);
        let staged = pipeline(&texts, &Options::default(), Some(&mut mark));
        assert_eq!(names, ["normalize", "tokenize", "seed", "align", "report"]);
        assert_eq!(staged, compare(&texts, &Options::default()));
    }
}
