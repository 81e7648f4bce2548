//! Generated test texts, shared by the benches and the property tests: an
//! invented "source article" and documents that quote parts of it, with small
//! edits inside the quotes and their own commentary between them.
//!
//! Words are random strings (English-like letters, or Japanese kanji and
//! kana), drawn from a large vocabulary so that chance matches between two
//! texts are as rare as in real prose. Everything is deterministic in the seed.
#![allow(dead_code)]

/// A small deterministic PRNG (splitmix64).
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    En,
    Ja,
}

const KANJI: &str = "日本人大年中出生子分行事会社者上地方国時間自同体前後東西南北市政府議員経済新聞記者発表公開映像兵士部隊戦争平和外交交渉首相大統領報告調査研究教育学校病院医療技術開発工場電力鉄道道路橋港空港海山川森林農業漁業商店市場価格物資輸送通信情報安全危険被害救助支援計画予算税金法律裁判警察事件事故火災地震台風天気気温雨雪風";
const KANA: &str = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロワン";

/// One random word.
pub fn word(rng: &mut Rng, script: Script) -> String {
    match script {
        Script::En => {
            const LETTERS: &[u8] = b"abcdefghiklmnoprstuvwy";
            let n = rng.range(3, 9);
            (0..n)
                .map(|_| LETTERS[rng.range(0, LETTERS.len() - 1)] as char)
                .collect()
        }
        Script::Ja => {
            let kanji: Vec<char> = KANJI.chars().collect();
            let kana: Vec<char> = KANA.chars().collect();
            let mut w = String::new();
            for _ in 0..rng.range(1, 2) {
                w.push(kanji[rng.range(0, kanji.len() - 1)]);
            }
            for _ in 0..rng.range(0, 2) {
                w.push(kana[rng.range(0, kana.len() - 1)]);
            }
            w
        }
    }
}

/// Joins words into prose: spaces and sentences for English, none for
/// Japanese, with 、 and 。 now and then.
pub fn prose(rng: &mut Rng, script: Script, words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        match script {
            Script::En => {
                if i > 0 {
                    out.push_str(if rng.chance(8) {
                        ". "
                    } else if rng.chance(6) {
                        ", "
                    } else {
                        " "
                    });
                }
                out.push_str(w);
            }
            Script::Ja => {
                out.push_str(w);
                if i + 1 < words.len() && rng.chance(10) {
                    out.push(if rng.chance(50) { '、' } else { '。' });
                }
            }
        }
    }
    out
}

/// A vocabulary drawn from by Zipf's law (rank r has weight 1/r), as words
/// are in real prose: a few very common, most rare.
pub struct Zipf {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(rng: &mut Rng, script: Script, size: usize) -> Self {
        let words = (0..size).map(|_| word(rng, script)).collect();
        let mut total = 0.0;
        let cumulative = (1..=size)
            .map(|r| {
                total += 1.0 / r as f64;
                total
            })
            .collect();
        Zipf { words, cumulative }
    }

    pub fn draw(&self, rng: &mut Rng, n: usize) -> Vec<String> {
        let total = *self.cumulative.last().unwrap();
        (0..n)
            .map(|_| {
                let x = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
                let i = self.cumulative.partition_point(|&c| c < x);
                self.words[i.min(self.words.len() - 1)].clone()
            })
            .collect()
    }
}

/// `n` random words.
pub fn words(rng: &mut Rng, script: Script, n: usize) -> Vec<String> {
    (0..n).map(|_| word(rng, script)).collect()
}

/// Applies up to `edits` small edits (a word replaced, inserted or
/// deleted), at least `spacing` words apart and away from the ends.
pub fn edit(
    rng: &mut Rng,
    script: Script,
    quote: &[String],
    edits: usize,
    spacing: usize,
) -> Vec<String> {
    let mut out = quote.to_vec();
    let mut at = spacing;
    for _ in 0..edits {
        if at + spacing >= out.len() {
            break;
        }
        match rng.range(0, 2) {
            0 => out[at] = word(rng, script),
            1 => out.insert(at, word(rng, script)),
            _ => {
                out.remove(at);
            }
        }
        at += spacing + rng.range(0, spacing);
    }
    out
}

/// A piece of a generated document: quoted from the source, or its own.
#[derive(Clone, Debug)]
pub struct Piece {
    /// Index of the quote in the source, or `None` for own text.
    pub quote: Option<usize>,
    /// Byte span in the document.
    pub span: (usize, usize),
}

/// A generated document and where its pieces are.
#[derive(Clone, Debug)]
pub struct Doc {
    pub text: String,
    pub pieces: Vec<Piece>,
}

/// Builds a document from pieces (quote index, words), separated by blank
/// lines.
pub fn assemble(rng: &mut Rng, script: Script, parts: &[(Option<usize>, Vec<String>)]) -> Doc {
    let mut text = String::new();
    let mut pieces = Vec::new();
    for (q, ws) in parts {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let s = text.len();
        text.push_str(&prose(rng, script, ws));
        pieces.push(Piece {
            quote: *q,
            span: (s, text.len()),
        });
    }
    Doc { text, pieces }
}

/// Two documents of about `bytes` bytes each, with words from one Zipfian
/// vocabulary of 30 000, that quote the same invented article: about `shared_percent` of each is quoted (with an edit every 30
/// words or so), the rest is each author's own commentary.
pub fn quoting_pair(
    seed: u64,
    script: Script,
    bytes: usize,
    shared_percent: usize,
) -> (String, String) {
    let mut rng = Rng(seed);
    let vocab = Zipf::new(&mut rng, script, 30_000);
    let bytes_per_word = match script {
        Script::En => 7,
        Script::Ja => 8,
    };
    let total_words = bytes / bytes_per_word;
    let mut parts_a = Vec::new();
    let mut parts_b = Vec::new();
    let mut words_done = 0;
    let mut q = 0;
    while words_done < total_words {
        let quote_len = rng.range(40, 120);
        let own_len = quote_len * (100 - shared_percent) / shared_percent.max(1);
        let quote = vocab.draw(&mut rng, quote_len);
        parts_a.push((None, vocab.draw(&mut rng, own_len)));
        parts_a.push((Some(q), edit(&mut rng, script, &quote, quote_len / 30, 12)));
        parts_b.push((None, vocab.draw(&mut rng, own_len)));
        parts_b.push((Some(q), edit(&mut rng, script, &quote, quote_len / 30, 12)));
        words_done += quote_len + own_len;
        q += 1;
    }
    let a = assemble(&mut rng, script, &parts_a).text;
    let b = assemble(&mut rng, script, &parts_b).text;
    (a, b)
}

/// `n` posts of about `bytes` bytes each that all quote one source: each
/// has its own commentary around one lightly edited quote, drawn from a few
/// quotes of the source, so that many posts share each quote. The case of a
/// wire story picked up by a thousand blogs.
pub fn quoting_posts(seed: u64, script: Script, n: usize, bytes: usize) -> Vec<String> {
    let mut rng = Rng(seed);
    let word_bytes = match script {
        Script::En => 7,
        Script::Ja => 8,
    };
    let quote_words = bytes * 2 / 5 / word_bytes;
    let own_words = bytes * 3 / 10 / word_bytes;
    let quotes: Vec<Vec<String>> = (0..4)
        .map(|_| words(&mut rng, script, quote_words))
        .collect();
    // the posts' own words come from one shared vocabulary, as bloggers'
    // words do: common words recur in every post, rare ones in a few
    let vocabulary = Zipf::new(&mut rng, script, 20_000);
    (0..n)
        .map(|_| {
            let q = rng.range(0, quotes.len() - 1);
            let quote = edit(&mut rng, script, &quotes[q], 2, 8);
            let parts = [
                (None, vocabulary.draw(&mut rng, own_words)),
                (Some(q), quote),
                (None, vocabulary.draw(&mut rng, own_words)),
            ];
            assemble(&mut rng, script, &parts).text
        })
        .collect()
}
