//! Options: the tuning knobs of [`compare`](crate::compare), with named
//! defaults and a check that rejects values that make no sense.
//!
//! Lengths are in *weighted characters*: a letter or digit of a
//! space-separated script counts 1, a Han, kana or Hangul character counts
//! [`WIDE_CHAR_WEIGHT`] (as twitter-text weighs CJK), because one CJK
//! character carries about as much text as two Latin letters. So the same
//! `min_length` asks for roughly the same amount of text in English and in
//! Japanese. Punctuation and white space weigh nothing.
//!
//! Validation is O(1).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Weight of one Han, Hiragana, Katakana or Hangul character, in weighted
/// characters (a Latin letter weighs 1).
pub const WIDE_CHAR_WEIGHT: u32 = 2;

/// Default [`Options::min_length`]: 60 weighted characters, about 30
/// Japanese characters or 10 English words. Stock phrases ("サリバン大統領補佐官
/// (国家安全保障担当)", 19 characters) stay below it.
pub const DEFAULT_MIN_LENGTH: u32 = 60;

/// Default [`Options::max_gap`]: 40 weighted characters (20 CJK characters,
/// about 7 English words). A photo caption or an inserted clause inside a
/// quote is bridged; a sentence of commentary is not.
pub const DEFAULT_MAX_GAP: u32 = 40;

/// Default [`Options::seed_length`]: 16 weighted characters, so a seed is 8
/// CJK characters or about 3 English content words.
pub const DEFAULT_SEED_LENGTH: u32 = 16;

/// Default [`Options::max_occurrences`]: a seed k-gram that occurs more often
/// than this in one document is boilerplate (a repeated signature, a refrain)
/// and is not used to start a passage. This bounds the number of seed pairs
/// per k-gram, so repeated text can never make seeding quadratic.
pub const DEFAULT_MAX_OCCURRENCES: u32 = 16;

/// Default [`Options::min_similarity`]: a passage whose two sides share less
/// than this fraction of their text is noise, not a quote.
pub const DEFAULT_MIN_SIMILARITY: f64 = 0.4;

/// How texts are compared. Every field has a documented default; build one
/// with `Options::default()` and change what you need.
///
/// ```
/// let opts = quotelens::Options { min_length: 100, ..Default::default() };
/// assert!(opts.validate().is_ok());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Shortest passage reported, in weighted characters of matched text,
    /// after common k-grams are discounted (see [`DEFAULT_MIN_LENGTH`]).
    pub min_length: u32,
    /// Longest run of text that is in neither side's quote and may still sit
    /// inside one passage (a typo, an inserted word, a cut clause), in
    /// weighted characters (see [`DEFAULT_MAX_GAP`]).
    pub max_gap: u32,
    /// Length of the hashed k-grams that seed passages, in weighted
    /// characters (see [`DEFAULT_SEED_LENGTH`]).
    pub seed_length: u32,
    /// A k-gram that occurs more often than this in one document does not
    /// seed passages (see [`DEFAULT_MAX_OCCURRENCES`]).
    pub max_occurrences: u32,
    /// Lowest similarity (0 to 1) a passage may have.
    pub min_similarity: f64,
    /// Fold English inflections (`walked`, `walks` → `walk`) when seeding.
    pub stem: bool,
    /// Skip English function words (`the`, `of`, …) when seeding, so that
    /// inserted or dropped function words do not break seeds.
    pub stop_words: bool,
    /// Also find reworded passages (words replaced, reordered, inserted or
    /// dropped; clauses moved; summaries), by comparing sentences as bags of
    /// content units: stemmed words, and character bigrams in Han and kana
    /// text. On by default; turn it off to report only copied and edited
    /// passages. The JSON key `paraphrase`, this option's name before
    /// schema 2, is still accepted.
    #[serde(alias = "paraphrase")]
    pub reworded: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_length: DEFAULT_MIN_LENGTH,
            max_gap: DEFAULT_MAX_GAP,
            seed_length: DEFAULT_SEED_LENGTH,
            max_occurrences: DEFAULT_MAX_OCCURRENCES,
            min_similarity: DEFAULT_MIN_SIMILARITY,
            stem: true,
            stop_words: true,
            reworded: true,
        }
    }
}

/// Why an [`Options`] value was rejected.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct OptionsError {
    /// The field at fault, in the camelCase spelling of the JSON schema.
    pub field: &'static str,
    /// What is wrong and what to use instead.
    pub message: String,
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid option {}: {}", self.field, self.message)
    }
}

impl std::error::Error for OptionsError {}

/// Largest length option accepted, in weighted characters. Larger values
/// would only disable matching, and they keep the weight arithmetic far from
/// overflow.
pub const MAX_LENGTH_OPTION: u32 = 1_000_000;

impl Options {
    /// A copy with every field forced into range; used by
    /// [`compare`](crate::compare), which cannot fail.
    pub(crate) fn clamped(&self) -> Options {
        let c = |v: u32, lo: u32| v.clamp(lo, MAX_LENGTH_OPTION);
        Options {
            min_length: c(self.min_length, 1),
            max_gap: c(self.max_gap, 0),
            seed_length: c(self.seed_length, 1),
            max_occurrences: c(self.max_occurrences, 1),
            min_similarity: if self.min_similarity.is_nan() {
                DEFAULT_MIN_SIMILARITY
            } else {
                self.min_similarity.clamp(0.0, 1.0)
            },
            ..self.clone()
        }
    }

    /// Checks that every field is in range.
    ///
    /// ```
    /// let bad = quotelens::Options { seed_length: 0, ..Default::default() };
    /// assert_eq!(bad.validate().unwrap_err().field, "seedLength");
    /// ```
    pub fn validate(&self) -> Result<(), OptionsError> {
        let range = |field: &'static str, v: u32, lo: u32| {
            if v < lo || v > MAX_LENGTH_OPTION {
                Err(OptionsError {
                    field,
                    message: format!("{v} is out of range; use {lo} to {MAX_LENGTH_OPTION}"),
                })
            } else {
                Ok(())
            }
        };
        range("minLength", self.min_length, 1)?;
        range("maxGap", self.max_gap, 0)?;
        range("seedLength", self.seed_length, 1)?;
        range("maxOccurrences", self.max_occurrences, 1)?;
        if !(0.0..=1.0).contains(&self.min_similarity) {
            return Err(OptionsError {
                field: "minSimilarity",
                message: format!("{} is out of range; use 0 to 1", self.min_similarity),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Options::default().validate(), Ok(()));
    }

    #[test]
    fn rejects_out_of_range_values() {
        let o = Options {
            min_similarity: 1.5,
            ..Default::default()
        };
        assert_eq!(o.validate().unwrap_err().field, "minSimilarity");
        let o = Options {
            min_similarity: f64::NAN,
            ..Default::default()
        };
        assert!(o.validate().is_err());
        let o = Options {
            min_length: 0,
            ..Default::default()
        };
        assert!(o.validate().unwrap_err().to_string().contains("minLength"));
    }

    #[test]
    fn json_is_camel_case_and_partial() {
        let o: Options = serde_json::from_str(r#"{"minLength": 10, "stem": false}"#).unwrap();
        assert_eq!(o.min_length, 10);
        assert!(!o.stem);
        assert_eq!(o.max_gap, DEFAULT_MAX_GAP);
        assert!(serde_json::from_str::<Options>(r#"{"min_length": 10}"#).is_err());
    }
}
