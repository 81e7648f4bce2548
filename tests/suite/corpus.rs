//! Real data: the Japanese posts in ../shared/corpus. Skipped, with the
//! reason printed, when the corpus is absent, unless
//! QUOTELENS_REQUIRE_CORPUS=1 (as in CI), where its absence fails.

use crate::common::{between16, check_invariants, covering, find16, span};
use quotelens::{compare, Options, Report, SegmentKind};
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Reads the corpus file whose name starts with `prefix`, or None (after
/// printing why) when the corpus is not there and not required.
pub fn corpus_file(prefix: &str) -> Option<String> {
    let dir = corpus_dir();
    let found = std::fs::read_dir(&dir).ok().and_then(|rd| {
        rd.filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
    });
    match found {
        Some(e) => Some(std::fs::read_to_string(e.path()).expect("corpus file is UTF-8")),
        None => {
            if std::env::var("QUOTELENS_REQUIRE_CORPUS").as_deref() == Ok("1") {
                panic!(
                    "corpus file {prefix}* missing in {} and QUOTELENS_REQUIRE_CORPUS=1",
                    dir.display()
                );
            }
            eprintln!(
                "skipped: corpus file {prefix}* not found in {}",
                dir.display()
            );
            None
        }
    }
}

fn pokrovsk() -> Option<(String, String, Report)> {
    let a = corpus_file("000_")?;
    let b = corpus_file("001_")?;
    let r = compare(&[&a, &b], &Options::default());
    check_invariants(&[&a, &b], &r);
    Some((a, b, r))
}

/// Asserts that one passage carries the part of the report that runs from
/// `from` to `to` in each text.
fn assert_one_passage(
    a: &str,
    b: &str,
    r: &Report,
    from: (&str, &str),
    to: (&str, &str),
    what: &str,
) {
    let sa = between16(a, from.0, to.0);
    let sb = between16(b, from.1, to.1);
    let hits = covering(r, span(0, sa), span(1, sb));
    assert_eq!(
        hits.len(),
        1,
        "{what}: expected one passage covering 000 {sa:?} and 001 {sb:?}; passages: {:#?}",
        r.passages.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>()
    );
}

#[test]
fn pokrovsk_report_parts_are_one_passage_each() {
    let Some((a, b, r)) = pokrovsk() else { return };
    assert_one_passage(
        &a,
        &b,
        &r,
        (
            "ロシア軍が、ウクライナ東部の要衝",
            "ロシア軍が、ウクライナ東部の要衝",
        ),
        ("作戦は続いていると発表", "作戦は続いていると発表"),
        "opening paragraphs",
    );
    assert_one_passage(
        &a,
        &b,
        &r,
        ("ウクライナ軍ドローン部隊", "ウクライナ軍ドローン部隊"),
        (
            "「象徴的な戦い」へと変質している",
            "「象徴的な戦い」へと変質している",
        ),
        "drone-unit passage",
    );
    assert_one_passage(
        &a,
        &b,
        &r,
        (
            "戦略的、政治的、情報的な観点から",
            "戦略的、政治的、情報的な観点から",
        ),
        (
            "情報キャンペーンを展開している",
            "情報キャンペーンを展開している",
        ),
        "ISW quotes",
    );
    assert_one_passage(
        &a,
        &b,
        &r,
        (
            "プーチン大統領は、東部のドネツク州",
            "プーチン大統領は、東部のドネツク州",
        ),
        ("圧力を強めることができる", "圧力を強めることができる"),
        "closing paragraph on the four regions",
    );
}

#[test]
fn pokrovsk_commentary_is_added() {
    let Some((_, b, r)) = pokrovsk() else { return };
    for (from, to) in [
        (
            "そんな矢先、日本時間11月10日",
            "映像で確認するまで控えていた。",
        ),
        ("先にキャンペーン在りきで", "厳命しているようだ。"),
    ] {
        let (s, e) = between16(&b, from, to);
        for seg in &r.documents[1].segments {
            if seg.start < e && s < seg.end {
                assert_eq!(
                    seg.kind,
                    SegmentKind::Added,
                    "{from}…: segment {seg:?} is not added"
                );
            }
        }
    }
}

#[test]
fn pokrovsk_isw_quotes_and_closing_stay_apart() {
    let Some((_, b, r)) = pokrovsk() else { return };
    // 001 puts its commentary between the two; 000 has them side by side.
    let (isw_end, _) = find16(&b, "と言う。先にキャンペーン");
    let (closing, _) = find16(&b, "プーチン大統領は、東部のドネツク州");
    assert!(r
        .passages
        .iter()
        .all(|p| !(p.b.start < isw_end && closing < p.b.end)));
}

#[test]
fn pokrovsk_edits_mark_the_inserted_name_and_the_typo() {
    let Some((a, b, r)) = pokrovsk() else { return };
    let (name, name_end) = find16(&b, "Pokrovsk");
    let p = r
        .passages
        .iter()
        .find(|p| p.b.start <= name && name_end <= p.b.end)
        .expect("a passage holds the inserted name");
    let inserted = p
        .edits
        .iter()
        .any(|e| e.kind == quotelens::EditKind::OnlyB && e.b.start <= name && name_end <= e.b.end);
    assert!(
        inserted,
        "Pokrovsk is not marked as only in 001: {:?}",
        p.edits
    );
    // 000's typo ポクロウスシク (for ポクロウスク) is an edit, not a break
    let (typo, typo_end) = find16(&a, "ポクロウスシクの占領");
    assert!(p.a.start <= typo && typo_end <= p.a.end);
    assert!(p
        .edits
        .iter()
        .any(|e| e.kind != quotelens::EditKind::Equal && typo <= e.a.start && e.a.end <= typo_end));
}

#[test]
fn unrelated_pairs_share_nothing() {
    let files: Vec<(String, String)> = ["000_", "001_", "002_", "003_", "004_"]
        .iter()
        .filter_map(|p| corpus_file(p).map(|t| (p.to_string(), t)))
        .collect();
    if files.len() < 5 {
        return;
    }
    for i in 0..files.len() {
        for j in i + 1..files.len() {
            if (i, j) == (0, 1) {
                continue;
            }
            let r = compare(&[&files[i].1, &files[j].1], &Options::default());
            check_invariants(&[&files[i].1, &files[j].1], &r);
            assert!(
                r.passages.is_empty(),
                "{} vs {}: {:?}",
                files[i].0,
                files[j].0,
                r.passages.iter().map(|p| (p.a, p.b)).collect::<Vec<_>>()
            );
        }
    }
    // all five at once: only the 000/001 passages, in groups
    let texts: Vec<&str> = files.iter().map(|f| f.1.as_str()).collect();
    let r = compare(&texts, &Options::default());
    check_invariants(&texts, &r);
    assert!(!r.passages.is_empty());
    assert!(r.passages.iter().all(|p| (p.a.doc, p.b.doc) == (0, 1)));
}

/// Every corpus post saved in the encodings older Japanese sites used
/// (Shift_JIS, EUC-JP, ISO-2022-JP) and as UTF-16 without a BOM is
/// detected as such and decodes to the very text that encoding holds
/// (characters it cannot hold come back as the numeric references the
/// encoder wrote); the real pair compares the same from Shift_JIS files.
#[test]
fn corpus_posts_in_legacy_encodings_are_detected() {
    let Some(texts) = ["000_", "001_", "002_", "003_", "004_"]
        .iter()
        .map(|p| corpus_file(p))
        .collect::<Option<Vec<String>>>()
    else {
        return;
    };
    let mut sjis_texts = Vec::new();
    for text in &texts {
        for enc in [
            encoding_rs::SHIFT_JIS,
            encoding_rs::EUC_JP,
            encoding_rs::ISO_2022_JP,
        ] {
            let (bytes, _, _) = enc.encode(text);
            let want = enc.decode_without_bom_handling(&bytes).0;
            let d = quotelens::decode_text(&bytes).expect("a Japanese post is text");
            assert_eq!(d.encoding, enc.name());
            assert_eq!(d.text, want);
            assert_eq!(d.replaced, 0);
            if enc == encoding_rs::SHIFT_JIS {
                sjis_texts.push(d.text);
            }
        }
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = quotelens::decode_text(&utf16).unwrap();
        assert_eq!((d.encoding, d.text.as_str()), ("UTF-16LE", text.as_str()));
    }
    let r = compare(&sjis_texts[..2], &Options::default());
    let utf8 = compare(&texts[..2], &Options::default());
    assert_eq!(r.passages.len(), utf8.passages.len());
}
