//! `--manifest FILE --out-dir DIR`: the comparisons a site build needs, one
//! report per comparison, for `<quote-lens report=…>` to render without
//! WebAssembly. Cost: one `compare` per comparison, plus reading and writing
//! its files.
//!
//! The manifest is JSON; paths in it are relative to the manifest's folder:
//!
//! ```json
//! {
//!   "options": { "minLength": 50 },
//!   "comparisons": [
//!     { "id": "bridge", "files": ["texts/wire.txt", "texts/post.txt"],
//!       "names": ["Wire story", "Blog post"], "options": { "reworded": false } }
//!   ]
//! }
//! ```
//!
//! Each comparison writes `DIR/ID.json` (the `--json` report), and the run
//! writes `DIR/index.json`, which lists every comparison with its report,
//! files, names and passage count. A file whose content would not change is
//! not rewritten, so a generator's file watcher sees only real changes. A
//! comparison that fails (a missing file, binary input) is named on
//! standard error; the others are still written, and the exit code is 2.

use crate::{merge_options, read_all};
use quotelens::{compare, Options};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    options: Option<serde_json::Value>,
    comparisons: Vec<Comparison>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Comparison {
    id: String,
    files: Vec<String>,
    #[serde(default)]
    names: Option<Vec<String>>,
    #[serde(default)]
    options: Option<serde_json::Value>,
}

/// One line of `index.json`.
#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    report: String,
    files: &'a [String],
    names: Vec<String>,
    passages: usize,
}

#[derive(Serialize)]
struct Index<'a> {
    comparisons: Vec<Entry<'a>>,
}

/// An id is a file stem: letters, digits, `-`, `_` and `.`, not starting
/// with a dot.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Writes `bytes` to `path` unless it already holds them. Returns whether it wrote.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, String> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    Ok(true)
}

fn load(path: &str) -> Result<Manifest, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let m: Manifest = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    if m.comparisons.is_empty() {
        return Err(format!("{path}: \"comparisons\" is empty"));
    }
    let mut seen = std::collections::HashSet::new();
    for c in &m.comparisons {
        if !valid_id(&c.id) {
            return Err(format!(
                "{path}: id {:?} must be letters, digits, - _ or . (not first), as it names a file",
                c.id
            ));
        }
        if !seen.insert(c.id.as_str()) {
            return Err(format!("{path}: id {:?} is given twice", c.id));
        }
        if c.files.len() < 2 {
            return Err(format!("{path}: {:?} needs at least two files", c.id));
        }
        if c.names.as_ref().is_some_and(|n| n.len() != c.files.len()) {
            return Err(format!(
                "{path}: {:?} has {} names for {} files",
                c.id,
                c.names.as_ref().map_or(0, Vec::len),
                c.files.len()
            ));
        }
    }
    Ok(m)
}

/// Runs one comparison and returns its report as JSON and its entry.
fn run_one<'a>(
    c: &'a Comparison,
    base: &Path,
    options: &Options,
) -> Result<(Vec<u8>, Entry<'a>), String> {
    let mut options = options.clone();
    if let Some(patch) = &c.options {
        options = merge_options(&options, patch, &format!("{}: options", c.id))?;
    }
    options.validate().map_err(|e| format!("{}: {e}", c.id))?;
    let paths: Vec<String> = c
        .files
        .iter()
        .map(|f| base.join(f).to_string_lossy().into_owned())
        .collect();
    let (texts, decoded) = read_all(&paths)?;
    let names = c.names.clone().unwrap_or_else(|| c.files.clone());
    let mut report = compare(&texts, &options);
    for ((d, name), dec) in report.documents.iter_mut().zip(&names).zip(&decoded) {
        d.name = name.clone();
        d.encoding = Some(dec.encoding.to_string());
    }
    let mut json = serde_json::to_vec(&report).map_err(|e| e.to_string())?;
    json.push(b'\n');
    let entry = Entry {
        id: &c.id,
        report: format!("{}.json", c.id),
        files: &c.files,
        names,
        passages: report.passages.len(),
    };
    Ok((json, entry))
}

/// Runs every comparison of the manifest at `path` into `out_dir`, with
/// `options` (from the command line) under the manifest's own. Returns
/// whether all of them succeeded; messages go to standard error and one
/// line per comparison to standard output.
pub fn run(path: &str, out_dir: &str, options: &Options) -> Result<bool, String> {
    let m = load(path)?;
    let base = Path::new(path).parent().unwrap_or(Path::new("."));
    let mut options = options.clone();
    if let Some(patch) = &m.options {
        options = merge_options(&options, patch, &format!("{path}: options"))?;
    }
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{out_dir}: cannot create: {e}"))?;
    let out = Path::new(out_dir);
    let mut entries = Vec::new();
    let mut ok = true;
    for c in &m.comparisons {
        match run_one(c, base, &options) {
            Ok((json, entry)) => {
                let target = out.join(&entry.report);
                let wrote = write_if_changed(&target, &json)?;
                println!(
                    "{}: {} texts, {} passage{} -> {}{}",
                    c.id,
                    c.files.len(),
                    entry.passages,
                    if entry.passages == 1 { "" } else { "s" },
                    target.display(),
                    if wrote { "" } else { " (unchanged)" }
                );
                entries.push(entry);
            }
            Err(e) => {
                eprintln!("quotelens: {}: {e}", c.id);
                ok = false;
            }
        }
    }
    let mut index = serde_json::to_vec_pretty(&Index {
        comparisons: entries,
    })
    .map_err(|e| e.to_string())?;
    index.push(b'\n');
    write_if_changed(&out.join("index.json"), &index)?;
    Ok(ok)
}
