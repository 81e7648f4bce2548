//! English helpers for seeding: a stop-word list and a light suffix stemmer.
//!
//! Random obfuscation (PAN 2013) inserts and deletes function words and
//! changes inflections, which breaks exact word k-grams. Seeds are therefore
//! built from *content words* with their inflection stripped, as most PAN
//! text-alignment systems do. The stemmer is deliberately light (plural,
//! `-ing`, `-ed`, `-ly`): it only has to map the same word to the same key
//! on both sides, not to find linguistic roots. Display and edit runs still
//! use the exact words.
//!
//! # Complexity
//! O(length of the word) per call; each distinct word is stemmed once,
//! when it is interned.

/// English function words, skipped when seeding.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "s",
    "t",
    "may",
    "might",
    "must",
    "shall",
    "upon",
    "yet",
];

/// True if `word` (lower case) is an English function word.
pub(crate) fn is_stop_word(word: &str) -> bool {
    // A word is looked up once, when it is first interned, but a large
    // vocabulary has tens of thousands of words: one hash probe each, not
    // a scan of the list.
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
        .contains(word)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Undoes a doubled final consonant left by `-ing`/`-ed` (`runn` → `run`).
fn undouble(stem: &str) -> &str {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3
        && b[n - 1] == b[n - 2]
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'l' | b's' | b'z')
    {
        &stem[..n - 1]
    } else {
        stem
    }
}

/// Strips common English inflections from a lower-case ASCII word. Other
/// words are returned unchanged.
///
/// ```text
/// cats → cat   churches → church   studies → stud(y)   walked → walk
/// running → run   quickly → quick   class → class   is → is
/// ```
pub(crate) fn stem(word: &str) -> &str {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) || word.len() <= 3 {
        return word;
    }
    let s = strip_inflection(word);
    // A final -e or -y goes too, so that `state`/`states`/`stated` and
    // `study`/`studies` meet.
    if s.len() > 3 {
        if let Some(t) = s.strip_suffix('e').or_else(|| s.strip_suffix('y')) {
            return t;
        }
    }
    s
}

fn strip_inflection(w: &str) -> &str {
    if let Some(s) = w.strip_suffix("ies") {
        return s;
    }
    if w.ends_with("sses") {
        return &w[..w.len() - 2];
    }
    for suf in ["ches", "shes", "xes", "zes"] {
        if w.ends_with(suf) {
            return &w[..w.len() - 2];
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return &w[..w.len() - 1];
    }
    if w.len() > 5 {
        if let Some(s) = w.strip_suffix("ing") {
            return undouble(s);
        }
    }
    if w.len() > 4 {
        if let Some(s) = w.strip_suffix("ied") {
            return s;
        }
        if let Some(s) = w.strip_suffix("ed") {
            return undouble(s);
        }
        if let Some(s) = w.strip_suffix("ly") {
            return s;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_inflections_to_one_key() {
        for group in [
            &["walk", "walks", "walked", "walking"][..],
            &["study", "studies", "studied"][..],
            &["run", "running", "runs"][..],
            &["church", "churches"][..],
            &["quick", "quickly"][..],
            &["state", "states", "stated"][..],
        ] {
            let keys: Vec<&str> = group.iter().map(|w| stem(w)).collect();
            assert!(
                keys.windows(2).all(|k| k[0] == k[1]),
                "{group:?} → {keys:?}"
            );
        }
    }

    #[test]
    fn leaves_short_and_foreign_words() {
        assert_eq!(stem("is"), "is");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("virus"), "virus");
        assert_eq!(stem("café"), "café");
        assert_eq!(stem("ポクロウスク"), "ポクロウスク");
    }

    #[test]
    fn stop_words() {
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("report"));
        // the set holds exactly the list
        for w in STOP_WORDS {
            assert!(is_stop_word(w), "{w}");
            assert!(!is_stop_word(&format!("{w}x")) || STOP_WORDS.contains(&&*format!("{w}x")));
        }
    }
}
