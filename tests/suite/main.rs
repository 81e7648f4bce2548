//! The integration suite, one binary (as imara-diff does): invariants, a
//! naive reference aligner with property tests, hand-written scenarios, the
//! real corpus, and the CLI.

mod adversarial;
mod cli;
mod common;
mod corpus;
mod properties;
mod reference;
mod reworded_ja;
mod scenarios;
