//! Hostile and degenerate inputs. Each test states the bound that keeps it
//! cheap (which guard applies) and checks every invariant of the report; the
//! timings of these inputs belong to the benchmarks, not to tests.

use crate::common::{check_invariants, slice};
use quotelens::{compare, decode_text, Options};

const QUOTE: &str = "The harbour bridge will close to all traffic for six weeks from Monday, after engineers found cracks in two of its main suspension cables, the council said.";

fn run(texts: &[&str]) -> quotelens::Report {
    let r = compare(texts, &Options::default());
    check_invariants(texts, &r);
    r
}

#[test]
fn empty_and_one_character_texts() {
    // bound: no tokens, no windows, no seeds
    for texts in [
        vec!["", ""],
        vec!["", "x"],
        vec!["x", "x"],
        vec!["あ", "あ"],
        vec!["😀", "😀"],
        vec!["", "", ""],
    ] {
        assert!(run(&texts).passages.is_empty(), "{texts:?}");
    }
}

#[test]
fn identical_megabyte_texts_are_one_passage() {
    // bound: linear; one diagonal, one run, one chain
    let mut text = String::new();
    let mut i = 0u64;
    while text.len() < 1 << 20 {
        i = i
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        text.push_str(
            [
                "tide", "harbour", "cable", "bridge", "council", "engineer", "traffic", "week",
            ][(i >> 61) as usize],
        );
        text.push_str(&format!("{} ", i >> 40));
    }
    let r = run(&[&text, &text]);
    assert_eq!(r.passages.len(), 1);
    assert_eq!(r.passages[0].similarity, 1.0);
    assert!(r.documents[0].shared as usize >= text.len() - 16);
}

#[test]
fn a_sentence_repeated_ten_thousand_times() {
    // bound: each k-gram of the repeated sentence occurs 10 000 times, over
    // Options::max_occurrences, so it seeds nothing (boilerplate): no
    // 10 000 × 1 seed pairs, no 10 000 passages
    let repeated = format!("{QUOTE} ").repeat(10_000);
    let once = format!("Someone wrote: {QUOTE} That is all.");
    let r = run(&[&repeated, &once]);
    assert!(r.passages.len() <= 2, "{} passages", r.passages.len());
    // twice is still a quote, not boilerplate
    let twice = format!("{QUOTE}\n\nAgain: {QUOTE}");
    assert_eq!(run(&[&twice, &once]).passages.len(), 2);
}

#[test]
fn long_runs_of_one_character() {
    // bound: every window of the run has one hash, over the occurrence cap
    let a = "あ".repeat(100_000);
    let b = format!("{}{}", "あ".repeat(50_000), "これは普通の文章です。");
    run(&[&a, &b]);
    let c = "a".repeat(200_000); // one word, weight capped
    let d = format!("{} {QUOTE}", "a".repeat(1000));
    run(&[&c, &d]);
    let e = "ab ".repeat(50_000);
    run(&[&e, &e]);
}

#[test]
fn only_punctuation_or_white_space() {
    let p = "、。「」！？…—・,.;:!?()[]{}\"'«»".repeat(1000);
    let w = " \t\r\n\u{3000}\u{2028}".repeat(1000);
    let r = run(&[&p, &w, &p]);
    assert!(r.passages.is_empty());
    assert_eq!(r.documents[0].added, r.documents[0].length);
}

#[test]
fn mixed_scripts_in_one_sentence() {
    // Japanese with English words, Arabic with diacritics, Thai, Devanagari,
    // emoji with ZWJ, combining marks, CRLF line ends
    let shared = "東京の会議で Prime Minister は 👩‍👩‍👧 と述べた。\r\nالسَّلَامُ عَلَيْكُمْ وَرَحْمَةُ اللهِ مرحبا بالعالم الكبير الجميل\r\nภาษาไทยเป็นภาษาที่สวยงามมาก नमस्ते दुनिया यह एक परीक्षण वाक्य है café e\u{301}toile naïve";
    let a = format!("Intro text here.\r\n{shared}\r\nOutro.");
    let b = format!("前置き。{shared} 後書き。");
    let r = run(&[&a, &b]);
    assert_eq!(r.passages.len(), 1, "{:?}", r.passages);
    let p = &r.passages[0];
    let got = slice(&a, p.a.start, p.a.end);
    assert!(got.starts_with("東京"), "{got}");
    assert!(got.ends_with("naïve"), "{got}");
}

#[test]
fn text_that_changes_length_under_nfkc() {
    // ㌔ → キロ, ﬁ → fi, ① → 1, ｶﾞ → ガ: folded lengths differ, offsets map back
    let a = "重さは５㌔で、ﬁnal ① の結果はｶﾞｲﾄﾞラインに従って計測された値である。";
    let b = "重さは5キロで、final 1 の結果はガイドラインに従って計測された値である。";
    let r = run(&[a, b]);
    assert_eq!(r.passages.len(), 1);
    let p = &r.passages[0];
    assert_eq!(p.similarity, 1.0);
    assert!(slice(a, p.a.start, p.a.end).starts_with("重さは５㌔"));
    assert!(slice(a, p.a.start, p.a.end).ends_with("値である"));
}

#[test]
fn invalid_utf8_nul_and_utf16() {
    // bytes are decoded (or refused) before compare; what they decode to
    // keeps every invariant
    let mut bytes = QUOTE.as_bytes().to_vec();
    bytes.insert(20, 0xFF);
    bytes.insert(40, 0xC3);
    // in ASCII text, two high bytes are a legacy 8-bit text (é in Latin-1),
    // not damaged UTF-8: no character is lost
    let d = decode_text(&bytes).expect("a few bad bytes are text");
    assert_eq!((d.encoding, d.replaced), ("windows-1252", 0));
    assert_eq!(d.text.chars().count(), QUOTE.len() + 2);
    assert_eq!(run(&[&d.text, QUOTE]).passages.len(), 1);
    assert!(decode_text(b"PK\x03\x04\x00\x00binary").is_err());
    let nul = format!("{QUOTE}\0\0\0{QUOTE}");
    run(&[&nul, QUOTE]);
    let mut utf16 = vec![0xFE, 0xFF];
    for u in QUOTE.encode_utf16() {
        utf16.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(decode_text(&utf16).unwrap().text, QUOTE);
    // cut off in the middle of a code unit: decoded, the damage counted
    let cut = decode_text(&utf16[..utf16.len() - 1]).unwrap();
    assert_eq!(cut.replaced, 1);
    assert!(cut.text.ends_with('\u{FFFD}'));
}

#[test]
fn twenty_documents_at_once() {
    // bound: 190 pairs, each linear in its two texts
    let wire = format!("{QUOTE} Around 38,000 vehicles use the bridge on a typical weekday, and traffic will be diverted through the tunnel during the works.");
    let texts: Vec<String> = (0..20)
        .map(|i| match i % 4 {
            0 => format!("Post {i}: {QUOTE} My own view number {i} follows here."),
            1 => format!("Note {i}. Around 38,000 vehicles use the bridge on a typical weekday, and traffic will be diverted through the tunnel during the works."),
            2 => format!("Unrelated {i}: the cat sat on the mat and looked at the garden for a while."),
            _ => wire.clone(),
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let r = run(&refs);
    assert_eq!(r.documents.len(), 20);
    // the unrelated texts share nothing
    for (i, d) in r.documents.iter().enumerate() {
        if i % 4 == 2 {
            assert_eq!(d.shared, 0, "document {i}");
        }
    }
    // the bridge quote is one group across the wires and the posts
    let g = r.groups.iter().max_by_key(|g| g.spans.len()).unwrap();
    assert!(
        g.spans.len() >= 10,
        "{} documents in the largest group",
        g.spans.len()
    );
}

#[test]
fn options_at_their_extremes() {
    // clamped, never a panic
    let texts = [QUOTE, &format!("x {QUOTE} y")[..]];
    for o in [
        Options {
            min_length: 1,
            seed_length: 1,
            max_gap: 0,
            min_similarity: 0.0,
            ..Options::default()
        },
        Options {
            min_length: u32::MAX,
            seed_length: u32::MAX,
            max_gap: u32::MAX,
            ..Options::default()
        },
        Options {
            max_occurrences: 1,
            min_similarity: 1.0,
            reworded: true,
            ..Options::default()
        },
        Options {
            min_similarity: f64::NAN,
            ..Options::default()
        },
    ] {
        let r = compare(&texts, &o);
        check_invariants(&texts, &r);
    }
}

/// Edit runs stay exact where folding makes one character several tokens
/// (`㌔` → `キロ`) or keeps a combining mark with its CJK base (`橋́`): the
/// cluster is equal as a whole or an edit as a whole, and no run is empty
/// on a side it speaks of (the invariant checker asserts both).
#[test]
fn clusters_of_tokens_are_atomic_in_edit_runs() {
    let tail = "は月曜日から六週間の通行止めになると市が発表した。";
    let cases = [
        (format!("市によると新しい港大橋{tail}"), format!("市によると新しい港大x橋\u{301}{tail}")),
        (
            "The bridge カロCalloway will close for six weeks from Monday after engineers found cracks.".to_string(),
            "The bridge ㌔Calloway will close for six weeks from Monday after engineers found cracks.".to_string(),
        ),
        (format!("重さはキロの単位{tail}"), format!("重さは㌔の単位{tail}")),
    ];
    let opts = Options {
        min_length: 20,
        ..Options::default()
    };
    for (a, b) in &cases {
        for (x, y) in [(a, b), (b, a)] {
            let r = compare(&[x.as_str(), y.as_str()], &opts);
            check_invariants(&[x, y], &r);
            assert_eq!(r.passages.len(), 1, "{x} / {y}");
        }
    }
    // ㌔ against キロ is equal as a whole: a verbatim passage
    let r = compare(&[cases[2].0.as_str(), cases[2].1.as_str()], &opts);
    assert_eq!(r.passages[0].kind, quotelens::PassageKind::Verbatim);
    // ㌔ against カロ is an edit as a whole, never ロ equal to ㌔
    let r = compare(&[cases[1].0.as_str(), cases[1].1.as_str()], &opts);
    let b16: Vec<u16> = cases[1].1.encode_utf16().collect();
    let kilo = cases[1]
        .1
        .encode_utf16()
        .take_while(|&u| u != 0x3314)
        .count() as u32;
    for e in &r.passages[0].edits {
        if e.b.start <= kilo && kilo < e.b.end {
            assert_eq!(e.kind, quotelens::EditKind::OnlyB, "{e:?}");
            assert_eq!(
                String::from_utf16_lossy(&b16[e.b.start as usize..e.b.end as usize]),
                "㌔"
            );
        }
    }
}
