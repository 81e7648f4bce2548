//! A naive reference aligner: slow, simple, and easy to check by eye.
//!
//! 1. Tokens: per character NFKC, lower case, runs of letters and digits as
//!    words, Han/kana/Hangul one character each.
//! 2. Every maximal common token run of two texts, by the O(n·m) table of
//!    common suffix lengths.
//! 3. Runs of at least the seed weight, chained greedily in order when the
//!    gaps on both sides weigh at most `max_gap`.
//! 4. Chains whose matched weight reaches `min_length`.
//!
//! It does not know about rarity, coverage or stemming, so the property tests
//! compare it with the fast path on generated texts with no repeats, and with
//! stemming and stop words off.

use quotelens::Options;
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Debug)]
pub struct Tok {
    pub text: String,
    pub weight: u32,
    /// UTF-16 span in the original.
    pub span: (u32, u32),
}

fn wide(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3)
}

/// Naive tokens of a text.
pub fn tokens(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let mut word: Option<Tok> = None;
    let mut at = 0u32;
    for c in text.chars() {
        let len = c.len_utf16() as u32;
        let folded: String = std::iter::once(c).nfkc().collect::<String>().to_lowercase();
        for f in folded.chars() {
            if wide(f) {
                out.extend(word.take());
                out.push(Tok {
                    text: f.to_string(),
                    weight: 2,
                    span: (at, at + len),
                });
            } else if f.is_alphanumeric() {
                let w = word.get_or_insert(Tok {
                    text: String::new(),
                    weight: 0,
                    span: (at, at + len),
                });
                w.text.push(f);
                w.weight = (w.weight + 1).min(24);
                w.span.1 = at + len;
            } else {
                out.extend(word.take());
            }
        }
        at += len;
    }
    out.extend(word.take());
    out
}

/// A maximal common run: `len` tokens from `a` in text A and `b` in text B.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    pub a: usize,
    pub b: usize,
    pub len: usize,
}

/// Every maximal common run of at least one token. O(n·m).
pub fn common_runs(a: &[Tok], b: &[Tok]) -> Vec<Run> {
    let (n, m) = (a.len(), b.len());
    let mut runs = Vec::new();
    // suffix[j] for the current i: common suffix length of a[..=i], b[..=j]
    let mut prev = vec![0usize; m + 1];
    let mut cur = vec![0usize; m + 1];
    for i in 0..n {
        for j in 0..m {
            cur[j + 1] = if a[i].text == b[j].text {
                prev[j] + 1
            } else {
                0
            };
        }
        for j in 0..m {
            let l = cur[j + 1];
            let maximal = l > 0 && (i + 1 == n || j + 1 == m || a[i + 1].text != b[j + 1].text);
            if maximal {
                runs.push(Run {
                    a: i + 1 - l,
                    b: j + 1 - l,
                    len: l,
                });
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    runs
}

fn weight(t: &[Tok]) -> u32 {
    t.iter().map(|t| t.weight).sum()
}

/// A reference passage: token ranges in A and B, and the matched weight.
#[derive(Clone, Debug)]
pub struct RefPassage {
    pub a: (usize, usize),
    pub b: (usize, usize),
    pub matched: u32,
}

impl RefPassage {
    /// UTF-16 spans.
    pub fn spans(&self, a: &[Tok], b: &[Tok]) -> ((u32, u32), (u32, u32)) {
        (
            (a[self.a.0].span.0, a[self.a.1 - 1].span.1),
            (b[self.b.0].span.0, b[self.b.1 - 1].span.1),
        )
    }
}

/// The naive aligner.
pub fn align(a: &[Tok], b: &[Tok], opts: &Options) -> Vec<RefPassage> {
    let mut runs: Vec<Run> = common_runs(a, b)
        .into_iter()
        .filter(|r| weight(&a[r.a..r.a + r.len]) >= opts.seed_length)
        .collect();
    runs.sort_by_key(|r| (r.a, r.b));
    let mut chains: Vec<RefPassage> = Vec::new();
    for r in runs {
        // A run may share its first tokens with the chain's last run (a token
        // repeated at an edit); trim that overlap before the gap test.
        let fits = |c: &RefPassage| -> Option<Run> {
            let d = c.a.1.saturating_sub(r.a).max(c.b.1.saturating_sub(r.b));
            if d >= r.len || r.a + r.len <= c.a.1 {
                return None;
            }
            let t = Run {
                a: r.a + d,
                b: r.b + d,
                len: r.len - d,
            };
            let ok = t.a >= c.a.1
                && t.b >= c.b.1
                && weight(&a[c.a.1..t.a]) <= opts.max_gap
                && weight(&b[c.b.1..t.b]) <= opts.max_gap;
            ok.then_some(t)
        };
        let ext = chains
            .iter_mut()
            .rev()
            .find_map(|c| fits(c).map(|t| (c, t)));
        match ext {
            Some((c, t)) => {
                c.a.1 = t.a + t.len;
                c.b.1 = t.b + t.len;
                c.matched += weight(&a[t.a..t.a + t.len]);
            }
            None => chains.push(RefPassage {
                a: (r.a, r.a + r.len),
                b: (r.b, r.b + r.len),
                matched: weight(&a[r.a..r.a + r.len]),
            }),
        }
    }
    chains.retain(|c| c.matched >= opts.min_length);
    chains
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_tokens_and_runs() {
        let a = tokens("Ｔｈｅ quick 茶色 fox");
        let texts: Vec<&str> = a.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["the", "quick", "茶", "色", "fox"]);
        let b = tokens("a quick 茶色 dog");
        let runs = common_runs(&a, &b);
        assert_eq!(runs.len(), 1);
        assert_eq!((runs[0].a, runs[0].b, runs[0].len), (1, 1, 3));
    }
}
