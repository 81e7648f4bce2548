//! Hand-written scenarios: each a small story with one thing to check.

use crate::common::{
    assert_kinds, check_invariants, covering, find16, holds, only_passage, slice, span,
};
use quotelens::{compare, EditKind, Options, PassageKind, SegmentKind};

const WIRE: &str = "The regional water board approved a plan on Tuesday to build a new reservoir \
north of the valley, its first in forty years. The project is expected to cost about 120 million \
and to take six years to complete. Farmers in the lower valley have opposed the plan, saying it \
would flood grazing land that their families have used for generations. The board said it would \
compensate owners at market rates and that construction would not start before a public inquiry.";

#[test]
fn reordered_passages_are_found() {
    let first = "The regional water board approved a plan on Tuesday to build a new reservoir north of the valley, its first in forty years.";
    let last = "Farmers in the lower valley have opposed the plan, saying it would flood grazing land that their families have used for generations.";
    let post = format!("Start with the protest. {last} Only then the news itself: {first} Make of that what you will.");
    let r = compare(&[WIRE, &post], &Options::default());
    check_invariants(&[WIRE, &post], &r);
    assert_eq!(r.passages.len(), 2, "{:?}", r.passages);
    for q in [first, last] {
        let hits = covering(
            &r,
            span(0, find16(WIRE, &q[..40])),
            span(1, find16(&post, &q[..40])),
        );
        assert_eq!(hits.len(), 1, "{q}");
    }
}

#[test]
fn a_passage_pasted_twice_is_found_twice() {
    let quote = "Farmers in the lower valley have opposed the plan, saying it would flood grazing land that their families have used for generations.";
    let post = format!("{quote}\n\nI cannot say this often enough. Read it again:\n\n{quote}");
    let r = compare(&[WIRE, &post], &Options::default());
    check_invariants(&[WIRE, &post], &r);
    assert_eq!(r.passages.len(), 2, "{:?}", r.passages);
    assert_eq!(r.passages[0].a, r.passages[1].a);
    assert_ne!(r.passages[0].b.start, r.passages[1].b.start);
    let commentary = find16(&post, "I cannot say this often enough");
    let seg = r.documents[1]
        .segments
        .iter()
        .find(|s| s.start <= commentary.0 && commentary.1 <= s.end)
        .unwrap();
    assert_eq!(seg.kind, SegmentKind::Added);
}

/// Two documents, a quote pasted twice: two passages, grouped as one
/// source text, and the group's spans on the post are the two pastes, not
/// the commentary between them.
#[test]
fn a_quote_pasted_twice_groups_without_the_text_between() {
    let quote = "Farmers in the lower valley have opposed the plan, saying it would flood grazing land that their families have used for generations.";
    let between = "I cannot say this often enough. Read it again:";
    let post = format!("{quote}\n\n{between}\n\n{quote}");
    let r = compare(&[WIRE, &post], &Options::default());
    check_invariants(&[WIRE, &post], &r);
    assert_eq!(r.passages.len(), 2);
    assert_eq!(r.groups.len(), 1);
    let g = &r.groups[0];
    assert_eq!(g.passages, [0, 1]);
    let on_post: Vec<(u32, u32)> = g
        .spans
        .iter()
        .filter(|s| s.doc == 1)
        .map(|s| (s.start, s.end))
        .collect();
    assert_eq!(on_post.len(), 2, "{:?}", g.spans);
    let (cs, ce) = find16(&post, between);
    assert!(
        on_post.iter().all(|&(s, e)| e <= cs || s >= ce),
        "{on_post:?} covers the commentary"
    );
    assert_eq!(g.spans.iter().filter(|s| s.doc == 0).count(), 1);
}

#[test]
fn small_edits_stay_inside_one_passage_and_are_marked() {
    let post = "News: The regional water board approved a plan on Tuesday to build a large new reservoir \
north of the valley, its first in 40 years. The project is expected to cost about 120 million and to \
take six years to finish. Wow.";
    let r = compare(&[WIRE, post], &Options::default());
    check_invariants(&[WIRE, post], &r);
    assert_eq!(r.passages.len(), 1, "{:?}", r.passages);
    let p = &r.passages[0];
    let only_b: Vec<String> = p
        .edits
        .iter()
        .filter(|e| e.kind == EditKind::OnlyB)
        .map(|e| slice(post, e.b.start, e.b.end).trim().to_string())
        .collect();
    assert!(only_b.iter().any(|s| s == "large"), "{only_b:?}");
    assert!(only_b.iter().any(|s| s.starts_with("40")), "{only_b:?}");
    let only_a: Vec<String> = p
        .edits
        .iter()
        .filter(|e| e.kind == EditKind::OnlyA)
        .map(|e| slice(WIRE, e.a.start, e.a.end).trim().to_string())
        .collect();
    assert!(only_a.iter().any(|s| s.starts_with("forty")), "{only_a:?}");
    assert!(p.similarity > 0.85 && p.similarity < 1.0);
    // the passage starts and ends where the shared text does
    assert_eq!(slice(post, p.b.start, p.b.start + 3), "The");
    // "complete" / "finish" at the very end is not shared: the passage stops before it
    assert!(slice(WIRE, p.a.start, p.a.end).ends_with("six years to"));
}

#[test]
fn stock_phrases_are_not_passages() {
    let a = "ゼレンスキー大統領は、サリバン大統領補佐官(国家安全保障担当)と会談した。2025年11月、両国は新しい支援策で合意した。市場では円安が進んだ。";
    let b = "2025年11月の記者会見で、ゼレンスキー大統領は戦況について語った。サリバン大統領補佐官(国家安全保障担当)は声明を出していない。天気は晴れ。";
    let r = compare(&[a, b], &Options::default());
    check_invariants(&[a, b], &r);
    assert!(r.passages.is_empty(), "{:?}", r.passages);
}

#[test]
fn width_case_and_punctuation_do_not_matter() {
    let a = "ＴＨＥ　ＢＯＡＲＤ　ＳＡＩＤ：ｃｏｎｓｔｒｕｃｔｉｏｎ　ｗｏｕｌｄ　ｎｏｔ　ｓｔａｒｔ　ｂｅｆｏｒｅ　ａ　ｐｕｂｌｉｃ　ｉｎｑｕｉｒｙ，　ａｎｄ　ｏｗｎｅｒｓ　ｗｏｕｌｄ　ｂｅ　ｃｏｍｐｅｎｓａｔｅｄ　ａｔ　ｍａｒｋｅｔ　ｒａｔｅｓ。";
    let b = "the board said — construction would NOT start\r\nbefore a public inquiry; and owners would be compensated at market rates!";
    let r = compare(&[a, b], &Options::default());
    check_invariants(&[a, b], &r);
    assert_eq!(r.passages.len(), 1);
    let p = &r.passages[0];
    assert_eq!(p.similarity, 1.0);
    assert!(p.edits.iter().all(|e| e.kind == EditKind::Equal));
    assert_eq!(slice(a, p.a.start, p.a.end).chars().next(), Some('Ｔ'));
    assert_eq!(slice(b, p.b.start, p.b.end), &b[..b.len() - 1]);
}

#[test]
fn a_wire_story_and_three_posts_group_by_source_text() {
    let first = "The regional water board approved a plan on Tuesday to build a new reservoir north of the valley, its first in forty years.";
    let cost =
        "The project is expected to cost about 120 million and to take six years to complete.";
    let farmers = "Farmers in the lower valley have opposed the plan, saying it would flood grazing land that their families have used for generations.";
    let p1 = format!("Good news at last. {first} About time, too.");
    let p2 = format!("My neighbours are furious, and here is why. {farmers} I agree with them.");
    let p3 = format!("Two things from today's report. {first} And the price tag: {cost} That is a lot of money for a lake.");
    let texts = [WIRE, p1.as_str(), p2.as_str(), p3.as_str()];
    let r = compare(&texts, &Options::default());
    check_invariants(&texts, &r);
    // wire–p1, wire–p2, wire–p3 (×2), p1–p3
    let pairs: Vec<(u32, u32)> = r.passages.iter().map(|p| (p.a.doc, p.b.doc)).collect();
    assert!(
        pairs.contains(&(0, 1))
            && pairs.contains(&(0, 2))
            && pairs.contains(&(0, 3))
            && pairs.contains(&(1, 3)),
        "{pairs:?}"
    );
    assert!(!pairs.contains(&(1, 2)) && !pairs.contains(&(2, 3)));
    // the "first" sentence: wire, p1 and p3 in one group
    let g = r
        .groups
        .iter()
        .find(|g| g.spans.iter().any(|s| s.doc == 1))
        .expect("a group holds p1");
    let docs: Vec<u32> = g.spans.iter().map(|s| s.doc).collect();
    assert_eq!(docs, [0, 1, 3]);
    let wire_span = g.spans[0];
    assert_eq!(wire_span.start, find16(WIRE, "The regional").0);
    // the farmers' group holds only the wire and p2
    let farmers_group = r
        .groups
        .iter()
        .find(|g| g.spans.iter().any(|s| s.doc == 2))
        .unwrap();
    assert_eq!(farmers_group.spans.len(), 2);
    assert_eq!(farmers_group.passages.len(), 1);
}

#[test]
fn empty_and_tiny_texts() {
    for texts in [
        vec!["", ""],
        vec!["a", "a"],
        vec!["", WIRE],
        vec!["。。。", "   \n\n"],
        vec![WIRE],
    ] {
        let r = compare(&texts, &Options::default());
        check_invariants(&texts, &r);
        assert!(r.passages.is_empty());
    }
    let r = compare::<&str>(&[], &Options::default());
    assert!(r.documents.is_empty());
}

#[test]
fn identical_texts_are_one_passage() {
    let r = compare(&[WIRE, WIRE], &Options::default());
    check_invariants(&[WIRE, WIRE], &r);
    assert_eq!(r.passages.len(), 1);
    assert_eq!(r.passages[0].similarity, 1.0);
    assert_eq!(r.documents[0].shared, r.documents[0].length - 1); // all but the final period
}

#[test]
fn offsets_are_utf16_around_emoji() {
    let quote =
        "港大橋は平日で１日約３万８千台が利用している。車両はフェニック・トンネルへ迂回させる。";
    let a = format!("😀😀 {quote} 👩‍👩‍👧");
    let b = format!("𠮷野家で読んだ。{quote}");
    let r = compare(&[&a, &b], &Options::default());
    check_invariants(&[&a, &b], &r);
    assert_eq!(r.passages.len(), 1);
    let p = &r.passages[0];
    assert_eq!(p.a.start, 5); // two emoji of two units each, then a space
    assert_eq!(slice(&a, p.a.start, p.a.end), quote.trim_end_matches('。'));
    assert_eq!(slice(&b, p.b.start, p.b.end), quote.trim_end_matches('。'));
}

/// The three kinds from one default run: a verbatim copy, an edited copy
/// and a retelling in other words, each labelled as such.
#[test]
fn one_default_run_labels_verbatim_edited_and_reworded() {
    let wire = "The regional water board approved a plan on Tuesday to build a new reservoir \
north of the valley, its first in forty years.\n\nFarmers in the lower valley have opposed the plan, \
saying it would flood grazing land that their families have used for generations.\n\nThe board said \
it would compensate owners at market rates and that construction would not start before a public \
inquiry had heard every objection from the villages along the river.";
    let post = "Copied: The regional water board approved a plan on Tuesday to build a new reservoir \
north of the valley, its first in forty years.\n\nMy cousin keeps bees and has never trusted any \
board of anything since the fire at the old mill last spring.\n\nEdited: Farmers in the lower \
valley have long opposed this plan, saying it would flood the grazing land their families have used \
for generations.\n\nAnd honestly the weather this week has been dreadful for the harvest in our \
village and nobody knows when it will stop.\n\nRetold: Owners will receive compensation at market \
rates, the board promised, and no construction starts until a public inquiry has heard each \
objection raised by the riverside villages.";
    let r = compare(&[wire, post], &Options::default());
    check_invariants(&[wire, post], &r);
    let kind_at = |needle: &str| {
        let (s, e) = find16(post, needle);
        let hits: Vec<&quotelens::Passage> = r
            .passages
            .iter()
            .filter(|p| p.b.start <= s && e <= p.b.end)
            .collect();
        assert_eq!(hits.len(), 1, "{needle}: {:#?}", r.passages);
        hits[0].kind
    };
    use quotelens::PassageKind::*;
    eprintln!(
        "{:?}",
        r.passages
            .iter()
            .map(|p| (p.kind, p.a, p.b))
            .collect::<Vec<_>>()
    );
    assert_eq!(kind_at("The regional water board approved"), Verbatim);
    assert_eq!(kind_at("Farmers in the lower valley have long"), Edited);
    assert_eq!(kind_at("Owners will receive compensation"), Reworded);
    // the commentary between them stays the post's own
    for own in ["My cousin keeps bees", "the weather this week"] {
        let (s, e) = find16(post, own);
        assert!(
            r.passages.iter().all(|p| !(p.b.start < e && s < p.b.end)),
            "{own}"
        );
    }
    // the reworded passage shows its evidence: "compensat", "market",
    // "inquiry" are matched on both sides
    let p = r.passages.iter().find(|p| p.kind == Reworded).unwrap();
    for word in ["market", "inquiry", "objection"] {
        for (text, side) in [(wire, &p.matched.a), (post, &p.matched.b)] {
            let (s, e) = find16(text, word);
            assert!(
                side.iter().any(|m| m.start <= s && e <= m.end),
                "{word} not matched"
            );
        }
    }
    // and turning reworded matching off leaves the two copies only
    let exact = compare(
        &[wire, post],
        &Options {
            reworded: false,
            ..Options::default()
        },
    );
    assert_eq!(exact.passages.len(), 2);
    assert!(exact.passages.iter().all(|p| p.kind != Reworded));
}

/// Japanese retold in other words (synonyms, moved clauses, です/ます to
/// だ/である) is found by default, and labelled reworded.
#[test]
fn japanese_retelling_is_found_and_labelled_reworded() {
    let src = "市の水道局は火曜日、谷の北側に新しい貯水池を建設する計画を承認したと発表しました。\
完成すれば四十年ぶりの新しい貯水池となります。\n\
下流の農家は、先祖代々使ってきた放牧地が水没するとして、この計画に強く反対しています。\n\
水道局は、土地の所有者には市場価格で補償し、公聴会を開くまで着工しないと説明しました。";
    let post = "ニュースを見て驚いた。\n\
火曜日に、谷の北側で新たな貯水池を建設する計画が市の水道局によって承認された。\
四十年ぶりの新しい貯水池となる。\n\
放牧地が水没するとして、下流の農家はこの計画に強く反対している。先祖代々の土地だという。\n\
うちの畑は関係ないが、夏の水不足が解消されるなら悪い話ではないと思う。";
    let r = compare(&[src, post], &Options::default());
    check_invariants(&[src, post], &r);
    assert!(!r.passages.is_empty(), "nothing found");
    for needle in [
        "新たな貯水池を建設する計画",
        "下流の農家はこの計画に強く反対",
    ] {
        let (s, e) = find16(post, needle);
        let p = r
            .passages
            .iter()
            .find(|p| p.b.start <= s && e <= p.b.end)
            .unwrap_or_else(|| panic!("{needle} not in a passage: {:#?}", r.passages));
        assert_eq!(p.kind, quotelens::PassageKind::Reworded, "{needle}");
    }
    let (s, e) = find16(post, "うちの畑は関係ないが");
    assert!(r.passages.iter().all(|p| !(p.b.start < e && s < p.b.end)));
}

/// Two different reports of the same event share names, places and dates,
/// not passages: no reworded passage on shared topic alone.
#[test]
fn same_topic_different_articles_share_nothing() {
    let a = "The regional water board approved a plan on Tuesday to build a new reservoir north \
of the valley. The project is expected to cost about 120 million and to take six years. Engineers \
will survey the northern slopes in spring, and the first contracts are due by the end of the year.\n\n\
Officials said the reservoir would supply the growing towns downstream during dry summers.";
    let b =
        "Protesters gathered outside the regional water board offices in the valley on Tuesday. \
Several hundred farmers carried banners and tractors blocked the main road for an hour. Police \
said the crowd was peaceful and no arrests were made during the afternoon.\n\n\
A spokesman for the farmers' union promised further demonstrations next month.";
    let r = compare(&[a, b], &Options::default());
    check_invariants(&[a, b], &r);
    assert!(r.passages.is_empty(), "{:#?}", r.passages);
    let ja_a = "ロシア軍は東部の要衝に向けて進軍を続けており、市内では激しい市街戦が続いていると国防省が発表した。\
住民の多くはすでに避難している。";
    let ja_b = "ウクライナ東部の要衝をめぐり、大統領は記者会見で欧州各国にさらなる防空システムの供与を求めた。\
首脳会議は来月開かれる予定だ。";
    let r = compare(&[ja_a, ja_b], &Options::default());
    check_invariants(&[ja_a, ja_b], &r);
    assert!(r.passages.is_empty(), "{:#?}", r.passages);
}

/// The README's example: a quote with an inserted word between a line of
/// commentary and a one-word remark is one edited passage, and neither the
/// commentary nor the remark is taken into it.
#[test]
fn a_quote_with_an_inserted_word_is_edited_not_reworded() {
    let a = "The harbour bridge will close for six weeks from Monday after engineers found cracks in two of its main cables during a routine inspection, the council said.";
    let b = "Bad news: The harbour bridge will close for six weeks from Monday after engineers found cracks in two of its main steel cables during a routine inspection, the council said. Ugh.";
    let r = compare(&[a, b], &Options::default());
    check_invariants(&[a, b], &r);
    assert_eq!(r.passages.len(), 1, "{:#?}", r.passages);
    let p = &r.passages[0];
    assert_eq!(p.kind, quotelens::PassageKind::Edited);
    assert_eq!((p.b.start, p.b.end), (10, 172));
    assert!(p
        .edits
        .iter()
        .any(|e| e.kind == EditKind::OnlyB && slice(b, e.b.start, e.b.end).trim() == "steel"));
}

/// The default run, and copied and edited passages only.
fn both_modes() -> [Options; 2] {
    [
        Options::default(),
        Options {
            reworded: false,
            ..Options::default()
        },
    ]
}

/// A short quote (about 100 characters) pasted into a short post (about
/// 225 characters) is one passage whichever file comes first: the reproducer
/// of the file-order bug, where interned ids (and so seed hashes and
/// winnowing) depended on which text was read first.
#[test]
fn a_short_quote_is_found_in_either_file_order() {
    let quote = "The ferry to the far northern islands will stop running in January after the operator lost its subsidy.";
    let post = format!(
        "Islanders are angry, and rightly so. {quote} Nobody asked the people who depend on it every single week, said one neighbour today."
    );
    for opts in both_modes() {
        let fwd = compare(&[quote, post.as_str()], &opts);
        let rev = compare(&[post.as_str(), quote], &opts);
        check_invariants(&[quote, &post], &fwd);
        check_invariants(&[&post, quote], &rev);
        assert_eq!(fwd.passages.len(), 1, "{:?}", fwd.passages);
        assert_eq!(rev.passages.len(), 1, "{:?}", rev.passages);
        let (f, r) = (&fwd.passages[0], &rev.passages[0]);
        assert_eq!((f.a.start, f.a.end), (r.b.start, r.b.end));
        assert_eq!((f.b.start, f.b.end), (r.a.start, r.a.end));
        assert_eq!(f.similarity, 1.0);
        assert_eq!(r.similarity, 1.0);
    }
}

/// The file-order reproducer: 100 characters cut from the English sample
/// (mid-word at both ends) pasted into 225 characters of the other sample,
/// which repeats part of the quote. Before canonical token ids, one order
/// reported a passage of similarity 1.0 and the other none.
#[test]
fn the_file_order_reproducer_mirrors() {
    let wire = include_str!("../../www/samples/wire-en.txt");
    let post = include_str!("../../www/samples/post-en.txt");
    let d0 = &wire[678..778];
    let extra = &post[938..1063];
    let d1 = format!("{}{d0}{}", &extra[..76], &extra[76..]);
    assert_eq!((d0.len(), d1.len()), (100, 225));
    for opts in both_modes() {
        let fwd = compare(&[d0, d1.as_str()], &opts);
        let rev = compare(&[d1.as_str(), d0], &opts);
        check_invariants(&[d0, &d1], &fwd);
        let spans = |r: &quotelens::Report, swap: bool| -> Vec<_> {
            r.passages
                .iter()
                .map(|p| {
                    let (x, y) = if swap { (p.b, p.a) } else { (p.a, p.b) };
                    (x.start, x.end, y.start, y.end, p.similarity.to_bits())
                })
                .collect()
        };
        assert_eq!(spans(&fwd, false), spans(&rev, true));
        assert_eq!(fwd.documents[1].shared, rev.documents[0].shared);
    }
}

/// Many documents quoting one source (more than MAX_PAIRWISE_DOCS = 8):
/// the shared text is linked through one hub document, so twelve posts
/// and the wire give one group over all thirteen documents with one passage
/// per post (not one per pair of posts: 78), and each post's own words stay
/// added. The report is the same, renumbered, in any document order.
#[test]
fn many_posts_quoting_one_source_link_through_a_hub() {
    let quote = "Farmers in the lower valley have opposed the plan, saying it would flood grazing land that their families have used for generations.";
    let own = [
        "Here is what the board decided this week.",
        "My neighbour sent me this.",
        "Not again.",
        "Read this before the inquiry.",
        "The valley deserves better.",
        "Quoted in full below.",
        "From the morning paper.",
        "Another reservoir, another fight.",
        "This is the key passage.",
        "So it begins.",
        "Worth reading twice.",
        "Copied from the wire, as usual.",
    ];
    let posts: Vec<String> = own
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{o}\n\n{quote}\n\n{}", own[(i + 5) % own.len()]))
        .collect();
    let mut texts: Vec<&str> = vec![WIRE];
    texts.extend(posts.iter().map(String::as_str));
    let r = compare(&texts, &Options::default());
    check_invariants(&texts, &r);
    assert_eq!(r.groups.len(), 1, "{:?}", r.groups);
    let docs: Vec<u32> = r.groups[0].spans.iter().map(|s| s.doc).collect();
    assert_eq!(docs, (0..13).collect::<Vec<u32>>());
    assert_eq!(
        r.passages.len(),
        12,
        "one passage per post: {:?}",
        r.passages.len()
    );
    for (d, o) in own.iter().enumerate() {
        let (s, e) = find16(&posts[d], o);
        let doc = &r.documents[d + 1];
        assert!(
            doc.segments
                .iter()
                .any(|g| g.kind == SegmentKind::Added && g.start <= s && e <= g.end),
            "post {d}"
        );
    }
    let mut reversed = texts.clone();
    reversed.reverse();
    let rr = compare(&reversed, &Options::default());
    assert_eq!(rr.passages.len(), r.passages.len());
    assert_eq!(rr.groups.len(), 1);
}

/// A short aside of the author's own just before a retold paragraph ("And
/// the shops will suffer, as usual." in the English sample) shares no unit
/// with the source; short sentences count with the next one when sentences
/// are compared, but the reworded passage starts at the retelling, and the
/// aside stays the author's own text. The same for an aside made up here,
/// after the retelling.
#[test]
fn a_short_aside_next_to_a_retold_paragraph_stays_outside_it() {
    let wire = include_str!("../../www/samples/wire-en.txt");
    let post = include_str!("../../www/samples/post-en.txt");
    let aside = "And the shops will suffer, as usual.";
    let retold = "Traders on the south quay warn";
    assert!(post.contains(&format!("{aside} {retold}")));
    let tail = post.replacen(
        "while the works last.",
        "while the works last. Typical, really.",
        1,
    );
    for text in [post, tail.as_str()] {
        let r = compare(&[wire, text], &Options::default());
        check_invariants(&[wire, text], &r);
        let reworded: Vec<_> = r
            .passages
            .iter()
            .filter(|p| p.kind == PassageKind::Reworded)
            .collect();
        assert_eq!(reworded.len(), 1, "{:?}", r.passages);
        let b = reworded[0].b;
        assert_eq!(slice(text, b.start, b.end).find(retold), Some(0));
        assert!(!slice(text, b.start, b.end).contains("as usual"));
        assert!(!slice(text, b.start, b.end).contains("Typical"));
    }
}

/// A long invented report on one harbour: every sentence is on the topic,
/// so a summary drawing on sentences far apart shares words with all of it.
const HARBOUR: [&str; 20] = [
    "The harbour council voted on Monday to build a flood barrier across the mouth of the old port.",
    "The barrier will cost about forty million euros and take three years to complete.",
    "Engineers from the regional authority drew up the plans after a two-year study of the tides.",
    "Their report compared six designs, from a fixed dam to floating gates anchored to the seabed.",
    "The council chose a design with steel gates that lie flat on the bottom of the channel.",
    "Fishing crews worry that the narrower channel will slow boats returning with their catch at dawn.",
    "Their cooperative collected more than four hundred signatures against the first version of the plan.",
    "Talks between the cooperative and the council lasted most of the summer.",
    "Several members said the meetings were tense but ended in a workable agreement.",
    "The agreement also sets up a committee that will meet every month during construction.",
    "Last winter, waves flooded the fish market twice and damaged dozens of shops along the quay.",
    "Residents in the lower streets spent days pumping water out of cellars and garages.",
    "Volunteers from the sailing club handed out sandbags and blankets to older neighbours.",
    "The fire brigade said it had never answered so many calls in a single night.",
    "Schools near the waterfront closed for a week while the damage was assessed.",
    "Construction crews will begin dredging the channel early next spring, weather permitting.",
    "Traffic on the coastal road will be diverted through the industrial zone during the works.",
    "Bus routes to the beach will change for two summers, the transport office warned.",
    "Cyclists will keep a narrow lane along the promenade for the whole period.",
    "A public meeting on the final design is planned at the town hall at the end of the month.",
];

/// A summary that condenses sentences from all over a longer report (each
/// of its sentences retells one far from the others) is one reworded
/// passage: its short side is the summary, its long side the stretch it
/// condenses, and the commentary around it stays the post's own.
#[test]
fn a_summary_of_sentences_far_apart_is_one_reworded_passage() {
    let report = HARBOUR.join(" ");
    let summary = "The harbour council has voted to build a flood barrier with steel gates \
across the old port's mouth. Fishing crews fear that the narrower channel will slow their boats \
at dawn. Last winter waves twice flooded the fish market and damaged shops on the quay. Dredging \
of the channel will begin next spring, and coastal road traffic will go through the industrial zone.";
    let before = "My grandfather fished from that port for forty years and never owned a raincoat.";
    let after = "Anyway, the gulls will not care either way, and neither will my cat.";
    let post = format!("{before}\n\n{summary}\n\n{after}");
    let r = compare(&[&report, &post], &Options::default());
    check_invariants(&[&report, &post], &r);
    assert_eq!(r.passages.len(), 1, "{:#?}", r.passages);
    let p = &r.passages[0];
    assert_eq!(p.kind, PassageKind::Reworded);
    let (ss, se) = find16(&post, summary);
    let (rs, re) = (p.b.start, p.b.end);
    assert!(
        rs <= ss + 2 && se <= re + 2,
        "summary {ss}..{se}, passage {rs}..{re}"
    );
    for own in [before, after] {
        let (s, e) = find16(&post, own);
        assert!(e <= rs || re <= s, "{own} taken in");
    }
    // the long side runs from the first sentence condensed to the last
    let (first, _) = find16(&report, HARBOUR[0]);
    let (_, last) = find16(&report, HARBOUR[16]);
    // (the passage ends before the final full stop)
    assert!(
        p.a.start <= first && last <= p.a.end + 1,
        "{:?} for {first}..{last}",
        p.a
    );
}

/// A paragraph that copies two sentences of a report and then, right after
/// them, one from much further on condenses the stretch between them: one
/// reworded passage (a summary), not a quote and a stray sentence. The
/// same pieces in two paragraphs, or two quotes of several sentences each
/// back to back, stay passages of their own.
#[test]
fn a_paragraph_condensing_two_places_is_one_summary() {
    let report = HARBOUR.join(" ");
    let opening = format!(
        "{} {}",
        HARBOUR[0],
        HARBOUR[1].replace("about forty", "roughly forty")
    );
    let paragraph = format!("{opening} {}", HARBOUR[15]);
    let post = format!("What our paper said:\n\n{paragraph}\n\nI will believe it when I see it.");
    let r = compare(&[&report, &post], &Options::default());
    check_invariants(&[&report, &post], &r);
    let p = only_passage(&r, PassageKind::Reworded);
    assert!(holds(p.b, &post, &paragraph), "{:?}", p.b);
    let (first, _) = find16(&report, HARBOUR[0]);
    let (_, last) = find16(&report, HARBOUR[15]);
    assert!(
        p.a.start <= first && last <= p.a.end + 1,
        "{:?} for {first}..{last}",
        p.a
    );

    // a paragraph break between the pieces: two passages, as copied
    let apart = format!("{opening}\n\n{}", HARBOUR[15]);
    let r = compare(&[&report, &apart], &Options::default());
    check_invariants(&[&report, &apart], &r);
    assert_kinds(&r, &[PassageKind::Edited, PassageKind::Verbatim]);

    // two quotes of three sentences each, back to back: two quotes
    let quotes = format!("{} {}", HARBOUR[..3].join(" "), HARBOUR[13..16].join(" "));
    let r = compare(&[&report, &quotes], &Options::default());
    check_invariants(&[&report, &quotes], &r);
    assert_eq!(r.passages.len(), 2, "{:#?}", r.passages);
    assert!(r.passages.iter().all(|p| p.kind == PassageKind::Verbatim));
}

/// A copy in which one sentence was rewritten (the same facts in other
/// words, as a translation round trip leaves it) is one edited passage
/// with the rewritten sentence inside it; a sentence of the author's own in
/// its place (on another subject) splits the copy in two, as commentary
/// does.
#[test]
fn a_copy_with_one_sentence_rewritten_is_one_passage() {
    let source = HARBOUR[..6].join(" ");
    let rewritten = "A study of the tides lasting two years let the regional authority's engineers draw the plans.";
    let copy = format!(
        "{} {} {rewritten} {} {}",
        HARBOUR[0], HARBOUR[1], HARBOUR[3], HARBOUR[4]
    );
    let post = format!("From the weekly paper:\n\n{copy}\n\nWe will see.");
    let r = compare(&[&source, &post], &Options::default());
    check_invariants(&[&source, &post], &r);
    let p = only_passage(&r, PassageKind::Edited);
    assert!(holds(p.b, &post, &copy), "{:?}", p.b);
    // the rewritten sentence is an edit inside it, not equal text
    let (rs, re) = find16(&post, rewritten);
    assert!(p
        .edits
        .iter()
        .any(|o| o.kind != EditKind::Equal && o.b.start < re && rs < o.b.end));

    let own = "My neighbour keeps three goats and a very loud rooster behind the garage.";
    let split = format!(
        "{} {} {own} {} {}",
        HARBOUR[0], HARBOUR[1], HARBOUR[3], HARBOUR[4]
    );
    let r = compare(&[&source, &split], &Options::default());
    check_invariants(&[&source, &split], &r);
    assert_eq!(r.passages.len(), 2, "{:#?}", r.passages);
    let (os, oe) = find16(&split, own);
    assert!(r.passages.iter().all(|p| p.b.end <= os || oe <= p.b.start));
}

/// A quote with a long clause cut from one of its sentences, in Japanese
/// and in English, is one edited passage: the cut clause (longer than
/// `maxGap`) is an edit in it, shown as text only in the source. Before,
/// the two halves of the sentence were two passages. The author's own
/// sentence between two copied ones still keeps them apart.
#[test]
fn a_quote_with_a_clause_cut_from_one_sentence_is_one_passage() {
    let ja_source = [
        "港湾局は月曜日、北側の防波堤を改修する計画を発表した。",
        "工事は来年の春に始まり、冬の高潮で崩れた古い石積みを取り壊してから、三年をかけて新しい堤を築く予定だ。",
        "漁協は工事中も漁船の出入りができるよう求めている。",
        "費用の大半は国の補助金でまかなわれる。",
    ];
    let ja_clause = "冬の高潮で崩れた古い石積みを取り壊してから、";
    let en_source = [
        "The harbour authority announced on Monday a plan to rebuild the northern breakwater.",
        "Work will start next spring and, once the old stone wall that the winter storms broke apart has been taken down, a new one will be built over three years.",
        "Fishermen have asked that their boats can still come and go during the works.",
        "Most of the cost will be met by a national grant.",
    ];
    let en_clause =
        "once the old stone wall that the winter storms broke apart has been taken down, ";
    for (sentences, clause, joiner, own) in [
        (
            &ja_source,
            ja_clause,
            "",
            "ちなみに私の祖父も若いころこの港で小さな釣り船を持っていたそうだ。",
        ),
        (
            &en_source,
            en_clause,
            " ",
            "My grandfather kept a small fishing boat in this harbour when he was young.",
        ),
    ] {
        let source = format!("Notice\n\n{}\n\nEnd", sentences.join(joiner));
        let cut = sentences[1].replacen(clause, "", 1);
        assert_ne!(cut, sentences[1], "the clause is in the sentence");
        let copy = [sentences[0], cut.as_str(), sentences[2], sentences[3]].join(joiner);
        let post = format!("Shared today:\n\n{copy}\n\nThoughts later.");
        let r = compare(&[&source, &post], &Options::default());
        check_invariants(&[&source, &post], &r);
        let p = only_passage(&r, PassageKind::Edited);
        assert!(holds(p.b, &post, &copy), "{:?}", p.b);
        // the cut clause is text only in the source, inside the passage
        let (cs, ce) = find16(&source, clause.trim_end());
        assert!(p
            .edits
            .iter()
            .any(|o| o.kind == EditKind::OnlyA && o.a.start <= cs + 2 && ce <= o.a.end + 2));

        // the author's own sentence between two copied ones
        let own_between =
            [sentences[0], sentences[1], own, sentences[2], sentences[3]].join(joiner);
        let r = compare(&[&source, &own_between], &Options::default());
        check_invariants(&[&source, &own_between], &r);
        assert_eq!(r.passages.len(), 2, "{:#?}", r.passages);
        // (give or take the two units a copy may share with its ending:
        // "だ。")
        let (os, oe) = find16(&own_between, own);
        assert!(
            r.passages
                .iter()
                .all(|p| p.b.end <= os + 2 || oe <= p.b.start + 2),
            "{own}: {:?}",
            r.passages
        );
    }
}

/// A retold sentence followed by two copied ones. When the copy starts
/// cleanly at its sentence, the post holds a reworded passage and a
/// verbatim one. When the retold sentence ends with the source's own words
/// ("in 1898."), the copy's exact run reaches back across the boundary;
/// the two cannot stand apart, and all three sentences are one reworded
/// passage. Before, the copy was dropped as overlapping the retold
/// passage, and two thirds of the borrowed text went unreported.
#[test]
fn a_copy_after_a_retold_sentence_is_never_lost() {
    let source =
        "The founder of the river museum wrote a short guide to its collection of old maps \
in 1898. Its second edition, printed by the city press, added forty plates and an index of the \
villages along the river. A portrait of the founder by a local painter still hangs in the \
reading room of the town library.";
    let copied = "Its second edition, printed by the city press, added forty plates and an index \
of the villages along the river. A portrait of the founder by a local painter still hangs in the \
reading room of the town library.";
    for (retold, apart) in [
        (
            "A short guide to the museum's old map collection was written by the river \
museum's founder during the late nineties, people say.",
            true,
        ),
        (
            "A short guide to the museum's old map collection was written by the river \
museum's founder in 1898.",
            false,
        ),
    ] {
        let post = format!("Found in the attic.\n\n{retold} {copied}\n\nI might donate it.");
        let r = compare(&[source, &post], &Options::default());
        check_invariants(&[source, &post], &r);
        // the copied sentences are reported, whole, either way
        assert!(
            r.passages.iter().any(|p| holds(p.b, &post, copied)),
            "{:#?}",
            r.passages
        );
        if apart {
            assert_kinds(&r, &[PassageKind::Reworded, PassageKind::Verbatim]);
        } else {
            assert_kinds(&r, &[PassageKind::Reworded]);
            let (rs, _) = find16(&post, retold);
            assert!(r.passages[0].b.start <= rs + 2, "{:?}", r.passages[0].b);
        }
    }
}

/// A retold sentence too short to be a passage alone (its evidence is
/// under `min_length`) joins the retold sentences next to it, across a
/// short aside, rather than being lost; alone it is still no passage.
#[test]
fn a_short_retold_sentence_joins_its_retold_neighbours() {
    let source = HARBOUR[..5].join(" ");
    let short = "On Monday the harbour council voted for a flood barrier at the old port's mouth.";
    let rest = "Forty million euros and three years of work is what the barrier will take. \
After studying the tides for two years, engineers of the regional authority drew the plans.";
    let retelling = format!("{short} Grim times, sadly, my friends. {rest}");
    let post = format!("Some news from home.\n\n{retelling}\n\nThat is all.");
    let r = compare(&[&source, &post], &Options::default());
    check_invariants(&[&source, &post], &r);
    let p = only_passage(&r, PassageKind::Reworded);
    assert!(holds(p.b, &post, &retelling), "{:?}", p.b);

    let alone = format!("Some news from home.\n\n{short}\n\nThat is all.");
    let r = compare(&[&source, &alone], &Options::default());
    assert!(r.passages.is_empty(), "{:#?}", r.passages);
}

/// A retelling that tells the second half of a paragraph first (two
/// retold sentences, then the two before them) is one reworded passage,
/// not one per half.
#[test]
fn a_retelling_with_its_halves_swapped_is_one_passage() {
    let report = HARBOUR.join(" ");
    let retold =
        "Older neighbours were given blankets and sandbags by volunteers of the sailing club. \
Never had the fire brigade answered as many calls in one night, it said. \
Twice last winter the fish market was flooded by waves, and dozens of quay shops were damaged. \
For days, people living in the lower streets pumped water from their garages and cellars.";
    let post = format!("Some news from home.\n\n{retold}\n\nThat is all for now.");
    let r = compare(&[&report, &post], &Options::default());
    check_invariants(&[&report, &post], &r);
    let p = only_passage(&r, PassageKind::Reworded);
    assert!(holds(p.b, &post, retold), "{:?}", p.b);
    let (first, _) = find16(&report, HARBOUR[10]);
    let (_, last) = find16(&report, HARBOUR[13]);
    assert!(
        p.a.start <= first && last <= p.a.end + 1,
        "{:?} for {first}..{last}",
        p.a
    );
}

/// Two or three sentences of an article that only share its topic (a few
/// sentences alike here and there) are no summary of it.
#[test]
fn sentences_on_the_same_topic_are_no_summary() {
    let report = HARBOUR.join(" ");
    let post = "Our sailing club met on Thursday to plan the regatta for the coming season. \
The committee wants boats from every village along the coast to take part this year. \
Members voted to hold the prize giving in the old fish market, if the roof is repaired. \
Training for young sailors starts in April, and parents can borrow life jackets from the club.";
    let r = compare(&[&report, post], &Options::default());
    check_invariants(&[&report, post], &r);
    assert!(r.passages.is_empty(), "{:#?}", r.passages);
}

/// Sentences of a paragraph copied with light edits but put in another
/// order in place are one reworded passage (a retelling that moved them),
/// while two quotes in another order with commentary between them stay
/// two passages.
#[test]
fn sentences_swapped_in_place_are_one_reworded_passage() {
    let source = HARBOUR[..6].join(" ");
    let swapped = format!(
        "{} {} {} {} {} {}",
        HARBOUR[1].replace("about forty", "roughly forty"),
        HARBOUR[0],
        HARBOUR[3].replace("six designs", "six different designs"),
        HARBOUR[2],
        HARBOUR[5],
        HARBOUR[4].replace("The council chose", "In the end the council picked"),
    );
    let post = format!("Here is what the paper said.\n\n{swapped}\n\nWe shall see.");
    let r = compare(&[&source, &post], &Options::default());
    check_invariants(&[&source, &post], &r);
    assert_eq!(r.passages.len(), 1, "{:#?}", r.passages);
    assert_eq!(
        r.passages[0].kind,
        PassageKind::Reworded,
        "{:#?}",
        r.passages
    );
    let (s, e) = find16(&post, &swapped);
    let b = r.passages[0].b;
    assert!(b.start <= s + 2 && e <= b.end + 2, "{b:?} for {s}..{e}");

    let apart = format!(
        "{}\n\nThat is a lot of money for a wall, if you ask anyone in my street, and the \
mayor knows it as well as we do.\n\n{}",
        HARBOUR[1], HARBOUR[0]
    );
    let r = compare(&[&source, &apart], &Options::default());
    check_invariants(&[&source, &apart], &r);
    assert_eq!(r.passages.len(), 2, "{:#?}", r.passages);
    assert!(r.passages.iter().all(|p| p.kind == PassageKind::Verbatim));
}

/// A Japanese summary that keeps every other sentence of a paragraph, each
/// cut short by a clause and in plain style, is one reworded passage over
/// the paragraph: it has half the paragraph's sentences but much less than
/// half its content, and shortness is judged by content.
#[test]
fn a_summary_keeping_every_other_sentence_cut_short_is_one_passage() {
    let paragraph = [
        "市の交通局は三日、湾の北岸と南岸を結ぶ新しいフェリー航路を来年四月に開設すると発表しました。",
        "航路の全長はおよそ十二キロで、片道の所要時間は二十五分ほどになる見込みです。",
        "これまで両岸の住民は、湾を大きく迂回する県道を、一時間以上かけて移動する必要がありました。",
        "交通局によりますと、運賃は大人一人四百円とし、通勤客向けの定期券も販売する予定です。",
        "地元の漁業協同組合は、漁船の航行に支障が出ないよう、運航ダイヤの調整を求めています。",
        "交通局は来月から説明会を開き、住民や関係団体の意見を聞いたうえで最終的な計画をまとめる方針です。",
    ];
    let source = format!(
        "港の倉庫では冷凍食品の出荷作業が続いている。\n\n{}\n\n駅前の広場は秋に再整備される。",
        paragraph.concat()
    );
    // sentences 1, 3 and 5, each without its longest clause, plain style
    let summary = "湾の北岸と南岸を結ぶ新しいフェリー航路を来年四月に開設すると発表した。\
これまで両岸の住民は、一時間以上かけて移動する必要があった。\
地元の漁業協同組合は、運航ダイヤの調整を求めている。";
    let post = format!("今朝のニュースを見て驚いた。\n\n{summary}\n\n続報を待ちたい。");
    let r = compare(&[&source, &post], &Options::default());
    check_invariants(&[&source, &post], &r);
    let p = only_passage(&r, PassageKind::Reworded);
    assert!(holds(p.b, &post, summary), "{:?}", p.b);
    let (first, _) = find16(&source, paragraph[0]);
    let (_, fifth) = find16(&source, paragraph[4]);
    assert!(
        p.a.start <= first + 2 && fifth <= p.a.end + 2,
        "{:?} for {first}..{fifth}",
        p.a
    );
}

/// The report on `wire` and `post`, its invariants checked.
fn checked(wire: &str, post: &str) -> quotelens::Report {
    let r = compare(&[wire, post], &Options::default());
    check_invariants(&[wire, post], &r);
    r
}

/// A quote whose first sentence was retold (as a translation or a light
/// rewrite leaves it) is one edited passage from the retold sentence on,
/// as it is with a sentence retold inside it; commentary in the same place
/// stays the post's own.
#[test]
fn a_quote_whose_first_sentence_is_retold_starts_at_that_sentence() {
    let wire = HARBOUR[..8].join(" ");
    let retold = "On Monday the harbour council decided to build a barrier against floods across the old port's mouth.";
    let aside =
        "My neighbour says that every public project in this town ends up late and over budget.";
    let post = |first: &str| {
        format!(
            "I read this interesting report in the local paper this morning. {first} {} After a two-year study of the tides, the regional \
authority's engineers drew up the plans. {} What do you all think?",
            HARBOUR[1],
            HARBOUR[3..8].join(" ")
        )
    };
    let (second_in_wire, _) = find16(&wire, HARBOUR[1]);
    for (first, taken) in [(retold, true), (aside, false)] {
        let text = post(first);
        let r = checked(&wire, &text);
        let p = only_passage(&r, PassageKind::Edited);
        if taken {
            // from the wire's first sentence, and from the first words the
            // retold one shares with it ("On Monday" moved to its front is
            // one-sided there)
            let shared = find16(&text, "the harbour council decided");
            assert_eq!((p.a.start, p.b.start), (0, shared.0), "{first}");
        } else {
            let second = find16(&text, HARBOUR[1]);
            assert_eq!((p.a.start, p.b.start), (second_in_wire, second.0));
        }
        // the quote runs to its last copied sentence either way
        let quoted = slice(&text, p.b.start, p.b.end);
        assert!(
            quoted.ends_with(HARBOUR[7].trim_end_matches('.')),
            "{quoted}"
        );
    }
    // the same at the other end: a retold last sentence ends the passage
    let retold =
        "The summer went mostly on talks between the council and the cooperative, which were long.";
    let post = |last: &str| {
        format!(
            "{} {} After a two-year study of the tides, the regional authority's engineers drew up \
the plans. {} {last} What do you all think of that?",
            HARBOUR[0],
            HARBOUR[1],
            HARBOUR[3..7].join(" ")
        )
    };
    for (last, taken) in [(retold, true), (aside, false)] {
        let text = post(last);
        let r = checked(&wire, &text);
        let p = only_passage(&r, PassageKind::Edited);
        let quoted = slice(&text, p.b.start, p.b.end);
        if taken {
            // to the end of both last sentences (their last words are
            // one half of a substitution, which is no one-sided end)
            assert_eq!(
                p.a.end as usize,
                wire.encode_utf16().count() - 1,
                "{quoted}"
            );
            assert!(quoted.ends_with(retold.trim_end_matches('.')), "{quoted}");
        } else {
            assert!(
                quoted.ends_with(HARBOUR[6].trim_end_matches('.')),
                "{quoted}"
            );
        }
    }
}

/// A quote whose last clause was rephrased runs to the end of its sentence
/// on both sides, as one edited passage; a quote followed in the same
/// sentence by the author's own words ends where the copy ends.
#[test]
fn a_quote_runs_to_the_end_of_a_sentence_whose_last_clause_was_rephrased() {
    let wire = HARBOUR[..4].join(" ");
    let copied = format!(
        "{} {} {}",
        HARBOUR[0], HARBOUR[1], "Engineers from the regional authority drew up the plans"
    );
    let rephrased = "once the tides had been studied for two years.";
    let own = "and frankly nobody in my street was ever asked about any of it.";
    for (rest, taken) in [(rephrased, true), (own, false)] {
        let text = format!("News from home. {copied} {rest} More soon, I promise you all.");
        let r = checked(&wire, &text);
        let kind = if taken {
            PassageKind::Edited
        } else {
            PassageKind::Verbatim
        };
        let p = only_passage(&r, kind);
        let quoted = slice(&text, p.b.start, p.b.end);
        let source = slice(&wire, p.a.start, p.a.end);
        if taken {
            // the wire's whole sentence, and the rephrased clause up to the
            // last word it shares with it ("tides")
            assert!(
                source.ends_with(HARBOUR[2].trim_end_matches('.')),
                "{source}"
            );
            assert!(
                quoted.ends_with("drew up the plans once the tides"),
                "{quoted}"
            );
        } else {
            assert!(quoted.ends_with("drew up the plans"), "{quoted}");
            assert!(source.ends_with("drew up the plans"), "{source}");
        }
    }
    // and from the start of a sentence whose first clause was rephrased
    let wire = "In a statement on Friday evening the company said that its new factory near the \
river will employ four hundred people from next spring, most of them from the valley. Shares rose.";
    let copy = "its new factory near the river will employ four hundred people from next spring, \
most of them from the valley.";
    for (lead, taken) in [
        ("According to the company's Friday statement,", true),
        ("My uncle keeps telling everyone at dinner that", false),
    ] {
        let text = format!(
            "Finally some good news for our little town this week. {lead} {copy} We will see."
        );
        let r = checked(wire, &text);
        assert_eq!(r.passages.len(), 1, "{lead}: {:#?}", r.passages);
        let p = &r.passages[0];
        let (quoted, source) = (
            slice(&text, p.b.start, p.b.end),
            slice(wire, p.a.start, p.a.end),
        );
        if taken {
            assert_ne!(p.kind, PassageKind::Verbatim);
            assert!(source.starts_with("In a statement"), "{source}");
            assert!(
                lead.contains(quoted.split(" its new").next().unwrap_or("")),
                "{quoted}"
            );
            assert!(!quoted.starts_with("its new"), "{quoted}");
        } else {
            // the copy, with the "that" both sides have before it
            assert_eq!(p.kind, PassageKind::Verbatim);
            assert!(source.starts_with("that its new"), "{source}");
            assert!(quoted.starts_with("that its new"), "{quoted}");
        }
    }
}

/// A passage is of the kind most of it is. A retelling whose first
/// sentence was kept as it was is one reworded passage from that sentence
/// on, its copied words equal runs inside it; a copied paragraph longer
/// than a sentence or two stays a verbatim passage of its own, even before
/// a longer retelling.
#[test]
fn a_retelling_that_keeps_its_first_sentence_is_one_reworded_passage() {
    let wire = HARBOUR[..10].join(" ");
    let retold = "Building it should take three years, at a cost of roughly forty million euros. \
The plans come from regional authority engineers, who studied the tides for two years. \
Six designs were weighed in their report, ranging from floating gates anchored to the seabed \
to a fixed dam. The design the council picked has steel gates lying flat on the channel's bottom.";
    let text = format!("Big news at home. {} {retold} Let us see.", HARBOUR[0]);
    let r = checked(&wire, &text);
    let p = only_passage(&r, PassageKind::Reworded);
    assert!(holds(p.b, &text, HARBOUR[0]), "{:?}", p.b);
    assert!(holds(p.b, &text, retold), "{:?}", p.b);
    let (copy_start, copy_end) = find16(&text, HARBOUR[0]);
    assert!(
        p.edits.iter().any(|e| e.kind == EditKind::Equal
            && e.b.start <= copy_start + 2
            && copy_end <= e.b.end + 2),
        "{:#?}",
        p.edits
    );
    // a copied paragraph of seven sentences (about 490 weighted characters,
    // more than a sentence or two) before a longer retelling of eight stays
    // a verbatim passage of its own
    let retold = format!(
        "{retold} Crews fear that boats coming back at dawn with their catch will be slowed by the \
narrower channel. Over four hundred signatures against the plan's first version were gathered by \
the crews' cooperative. The cooperative and the council spent most of the summer in talks. The \
meetings were tense, several members said, but a workable agreement came out of them."
    );
    let copied = HARBOUR[10..17].join(" ");
    let wire = format!("{copied} {}", HARBOUR[1..9].join(" "));
    let text = format!("Big news at home. {copied} {retold} Let us see.");
    let r = checked(&wire, &text);
    assert_kinds(&r, &[PassageKind::Verbatim, PassageKind::Reworded]);
    assert!(
        holds(r.passages[0].b, &text, &copied),
        "{:?}",
        r.passages[0].b
    );
    assert!(
        holds(r.passages[1].b, &text, &retold),
        "{:?}",
        r.passages[1].b
    );
}

/// A retelling that starts inside a sentence of the author's own starts
/// at its first shared word: more than `maxGap` of other words before it
/// are no part of the passage. A short opener ("Reportedly, the") stays in.
#[test]
fn a_retelling_set_into_the_authors_own_sentence_starts_at_its_first_shared_word() {
    let wire = HARBOUR[..6].join(" ");
    let rest = "The plans come from regional authority engineers, who studied the tides for two \
years. Six designs were weighed in their report, ranging from floating gates anchored to the \
seabed to a fixed dam. The design the council picked has steel gates lying flat on the \
channel's bottom.";
    let first =
        "the barrier should take three years to build, at a cost of roughly forty million euros.";
    for (opener, inside) in [
        (
            "Reading the local paper over breakfast this morning, my whole family learned that",
            false,
        ),
        ("Reportedly,", true),
    ] {
        let text = format!("Big news at home. {opener} {first} {rest} Let us see.");
        let r = checked(&wire, &text);
        let p = only_passage(&r, PassageKind::Reworded);
        let want = if inside {
            find16(&text, opener).0
        } else {
            find16(&text, "barrier should").0
        };
        assert_eq!(p.b.start, want, "{}", slice(&text, p.b.start, p.b.end));
        assert!(holds(p.b, &text, rest), "{:?}", p.b);
    }
}
