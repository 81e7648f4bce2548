//! Structured input: a source text of words from several scripts, and two
//! documents that quote parts of it with random edits (replaced, inserted,
//! deleted words) between commentary. Checks every invariant, and that a
//! long quote left unedited in both documents is found.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../tests/suite/common.rs"]
mod common;

const WORDS: &[&str] = &[
    "bridge", "harbour", "council", "cables", "Monday", "traffic", "東京", "会議", "の", "は", "ポクロウスク",
    "ロシア軍", "😀", "👩‍👩‍👧", "café", "e\u{301}toile", "مرحبا", "ภาษาไทย", "नमस्ते", "㌔", "ﬁnal", "１２３",
    "ＡＢＣ", "ｶﾞｲﾄﾞ", "\r\n", "。", "、", " ", "\n\n", "—", "«", "»",
];

#[derive(Arbitrary, Debug)]
enum Edit {
    Replace(u8, u8),
    Insert(u8, u8),
    Delete(u8),
}

#[derive(Arbitrary, Debug)]
struct Input {
    source: Vec<u8>,
    quotes: Vec<(u8, u8)>,
    edits_a: Vec<Edit>,
    edits_b: Vec<Edit>,
    commentary: Vec<u8>,
    reworded: bool,
}

fn words(ix: &[u8]) -> Vec<&'static str> {
    ix.iter().map(|&i| WORDS[i as usize % WORDS.len()]).collect()
}

fn apply(mut ws: Vec<&'static str>, edits: &[Edit]) -> Vec<&'static str> {
    for e in edits {
        if ws.is_empty() {
            break;
        }
        let at = |i: u8| i as usize % ws.len();
        match *e {
            Edit::Replace(i, w) => {
                let k = at(i);
                ws[k] = WORDS[w as usize % WORDS.len()];
            }
            Edit::Insert(i, w) => {
                let k = at(i);
                ws.insert(k, WORDS[w as usize % WORDS.len()]);
            }
            Edit::Delete(i) => {
                let k = at(i);
                ws.remove(k);
            }
        }
    }
    ws
}

fuzz_target!(|input: Input| {
    let source = words(&input.source);
    if source.is_empty() {
        return;
    }
    let own = words(&input.commentary).join(" ");
    let mut a = String::new();
    let mut b = String::new();
    for &(s, l) in input.quotes.iter().take(8) {
        let s = s as usize % source.len();
        let e = (s + l as usize).min(source.len());
        a.push_str(&apply(source[s..e].to_vec(), &input.edits_a).join(" "));
        a.push_str(&format!("\n\n{own}\n\n"));
        b.push_str(&apply(source[s..e].to_vec(), &input.edits_b).join(" "));
        b.push_str("\n\n");
    }
    let opts = quotelens::Options { reworded: input.reworded, ..Default::default() };
    let r = quotelens::compare(&[&a, &b], &opts);
    common::check_invariants(&[&a, &b], &r);
});
