//! Reworded: passages reused in other words (words replaced, reordered,
//! inserted or dropped; clauses moved; a change of style; summaries). Each
//! phase has its own file:
//!
//! 1. [`units`]: the content units texts are compared by (stemmed content
//!    words; Han, Katakana and Hangul character bigrams).
//! 2. [`sentences`](mod@sentences): sentences with bags of units.
//! 3. [`scoring`]: sentence pairs with similar bags, through an inverted
//!    index over dense unit ids.
//! 4. [`fragments`](mod@fragments): those pairs clustered into reworded fragments.
//! 5. [`summary`]: sentences that condense a longer passage, found from
//!    seeds spread over it and from pieces next to each other, join as one.
//! 6. [`pairs`]: with many documents, which pairs are worth matching.
//!
//! The aligner merges fragments with the exact chains and labels each
//! passage `verbatim`, `edited` or `reworded`.
//!
//! # Complexity
//! Linear in the text for ordinary input: see each phase.

pub(crate) mod fragments;
pub(crate) mod pairs;
pub(crate) mod scoring;
pub(crate) mod sentences;
pub(crate) mod summary;
pub(crate) mod units;

pub(crate) use fragments::fragments;
pub(crate) use sentences::{sentences, Sentence};
