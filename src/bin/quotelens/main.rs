//! The quotelens command line: compare files, print a summary or the JSON
//! report. A thin shell over `quotelens::compare`; see `--help`.

use quotelens::{
    compare, decode_text, too_large, Decoded, DetectedBy, EditKind, Options, PassageKind, Report,
    MAX_INPUT_BYTES,
};
use std::io::{Read, Write};
use std::process::ExitCode;

mod manifest;

const USAGE: &str = "\
quotelens: find the passages texts share, and what each author added

USAGE:
    quotelens [OPTIONS] FILE FILE [FILE ...]
    quotelens [OPTIONS] --sample [en|ja]
    quotelens [OPTIONS] --manifest FILE --out-dir DIR

FILE is a path, or - for standard input. Files may be in any encoding:
UTF-8, UTF-16/32 (with or without a BOM), Shift_JIS, EUC-JP, ISO-2022-JP,
GB18030, Big5, EUC-KR, windows-125x, Latin-1, or what an HTML page's
<meta charset> declares; the summary says which was used.

OPTIONS:
    --json                   print the report as JSON (the schema of README.md)
    --min-length N           shortest passage, in weighted characters [60]
    --max-gap N              longest edit bridged inside a passage [40]
    --seed-length N          seed k-gram length, in weighted characters [16]
    --max-occurrences N      k-grams more frequent than this seed nothing [16]
    --min-similarity X       lowest passage similarity, 0 to 1 [0.4]
    --no-stem                do not fold English inflections
    --no-stop-words          seed on English function words too
    --no-reworded            report only copied and edited passages, not
                             reworded ones (found by default, in any script)
    --options JSON           options as a JSON object (camelCase keys); it
                             sets the keys it names, so options apply in the
                             order given: later flags and keys win
    --sample [en|ja]         compare the built-in sample pair (default en)
    --manifest FILE          run the comparisons a JSON manifest lists
                             (keys: options, and comparisons of id, files,
                             names, options; paths relative to FILE),
                             writing DIR/ID.json for each and DIR/index.json
                             (README: Site builds)
    --out-dir DIR            where --manifest writes its reports
    -h, --help               this text
    -V, --version            the version

Weighted characters: a letter counts 1, a Han, kana or Hangul character 2.
Input: at most 40 MB of text in all.
Exit codes: 0 done, 2 bad usage or unreadable input.";

const SAMPLES: [(&str, &str, &str, &str); 2] = [
    (
        "wire-en.txt",
        include_str!("../../../www/samples/wire-en.txt"),
        "post-en.txt",
        include_str!("../../../www/samples/post-en.txt"),
    ),
    (
        "wire-ja.txt",
        include_str!("../../../www/samples/wire-ja.txt"),
        "post-ja.txt",
        include_str!("../../../www/samples/post-ja.txt"),
    ),
];

struct Args {
    json: bool,
    options: Options,
    files: Vec<String>,
    sample: Option<usize>,
    manifest: Option<String>,
    out_dir: Option<String>,
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("quotelens: {msg}");
    ExitCode::from(2)
}

fn parse_args(argv: Vec<String>) -> Result<Option<Args>, String> {
    let mut args = Args {
        json: false,
        options: Options::default(),
        files: Vec::new(),
        sample: None,
        manifest: None,
        out_dir: None,
    };
    let mut it = argv.into_iter().peekable();
    let mut only_files = false;
    while let Some(a) = it.next() {
        if only_files || !a.starts_with('-') || a == "-" {
            args.files.push(a);
            continue;
        }
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (a.clone(), None),
        };
        let mut value = |what: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        let num = |v: String| -> Result<u32, String> {
            v.parse()
                .map_err(|_| format!("{name} needs a whole number, got {v:?}"))
        };
        let o = &mut args.options;
        match name.as_str() {
            "--" => only_files = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(None);
            }
            "-V" | "--version" => {
                println!("quotelens {}", env!("CARGO_PKG_VERSION"));
                return Ok(None);
            }
            "--json" => args.json = true,
            "--no-stem" => o.stem = false,
            "--no-stop-words" => o.stop_words = false,
            "--no-reworded" => o.reworded = false,
            // the old opt-in flag: reworded passages are now the default
            "--paraphrase" => o.reworded = true,
            "--min-length" => o.min_length = num(value("a number")?)?,
            "--max-gap" => o.max_gap = num(value("a number")?)?,
            "--seed-length" => o.seed_length = num(value("a number")?)?,
            "--max-occurrences" => o.max_occurrences = num(value("a number")?)?,
            "--min-similarity" => {
                let v = value("a number from 0 to 1")?;
                o.min_similarity = v
                    .parse()
                    .map_err(|_| format!("{name} needs a number from 0 to 1, got {v:?}"))?;
            }
            "--options" => {
                let json = value("a JSON object")?;
                let patch = serde_json::from_str(&json).map_err(|e| format!("--options: {e}"))?;
                *o = merge_options(o, &patch, "--options")?;
            }
            "--manifest" => args.manifest = Some(value("a file")?),
            "--out-dir" => args.out_dir = Some(value("a folder")?),
            "--sample" => {
                let lang = match it.peek().map(String::as_str) {
                    Some("en") | Some("ja") => it.next(),
                    _ => inline.clone(),
                };
                args.sample = Some(match lang.as_deref() {
                    None | Some("en") => 0,
                    Some("ja") => 1,
                    Some(other) => return Err(format!("--sample takes en or ja, got {other:?}")),
                });
            }
            _ => return Err(format!("unknown option {name} (see --help)")),
        }
    }
    args.options.validate().map_err(|e| e.to_string())?;
    Ok(Some(args))
}

/// `current` with the keys of the JSON object `patch` set: `--options`
/// (and a manifest's `options`) change what they name and keep what came
/// before. `what` names the source in messages.
fn merge_options(
    current: &Options,
    patch: &serde_json::Value,
    what: &str,
) -> Result<Options, String> {
    let serde_json::Value::Object(patch) = patch.clone() else {
        return Err(format!("{what} needs a JSON object, got {patch}"));
    };
    let mut merged = serde_json::to_value(current).map_err(|e| format!("{what}: {e}"))?;
    for (key, value) in patch {
        // the name the option had before schema 2
        let key = if key == "paraphrase" {
            "reworded".to_string()
        } else {
            key
        };
        merged[key] = value;
    }
    serde_json::from_value(merged).map_err(|e| format!("{what}: {e}"))
}

/// Reads a file (`-`: standard input), refusing binary input with a
/// message naming it.
fn read(path: &str) -> Result<Decoded, String> {
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("standard input: cannot read: {e}"))?;
        bytes
    } else {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if let Some(why) = too_large(usize::try_from(size).unwrap_or(usize::MAX)) {
            return Err(format!("{path}: {why}"));
        }
        std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?
    };
    let decoded = decode_text(&bytes).map_err(|e| format!("{path}: {e}"))?;
    if decoded.replaced > 0 {
        eprintln!(
            "quotelens: warning: {path}: {} invalid {} sequence(s) replaced by U+FFFD",
            decoded.replaced, decoded.encoding
        );
    }
    if decoded.control > 0 {
        eprintln!(
            "quotelens: warning: {path}: {} stray control character(s) (such as NUL) read as text",
            decoded.control
        );
    }
    Ok(decoded)
}

/// Reads files with [`read`], refusing them once their texts together are
/// too large. Returns the texts and, apart, how each was decoded.
fn read_all(paths: &[String]) -> Result<(Vec<String>, Vec<Decoded>), String> {
    let mut texts = Vec::with_capacity(paths.len());
    let mut decoded = Vec::with_capacity(paths.len());
    let mut total = 0;
    for f in paths {
        let mut d = read(f)?;
        total += d.text.len();
        if let Some(why) = too_large(total) {
            return Err(format!("the texts are {why}"));
        }
        texts.push(std::mem::take(&mut d.text));
        decoded.push(d);
    }
    Ok((texts, decoded))
}

/// How a document's encoding was found, for the summary.
fn encoding_note(d: &quotelens::Document, how: Option<DetectedBy>) -> String {
    match (&d.encoding, how) {
        (Some(e), Some(DetectedBy::Bom)) => format!("  {e} (BOM)"),
        (Some(e), Some(DetectedBy::Declared)) => format!("  {e} (declared)"),
        (Some(e), Some(DetectedBy::Guessed)) => format!("  {e} (detected)"),
        (Some(e), _) => format!("  {e}"),
        (None, _) => String::new(),
    }
}

/// A one-line excerpt of `text[start..end]` (UTF-16 units): its head and tail.
fn excerpt(units: &[u16], start: u32, end: u32) -> String {
    const HEAD: usize = 36;
    const TAIL: usize = 16;
    let s = String::from_utf16_lossy(&units[start as usize..end as usize]);
    let flat: Vec<char> = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut out: String = if flat.len() <= HEAD + TAIL + 1 {
        flat.iter().collect()
    } else {
        let head: String = flat[..HEAD].iter().collect();
        let tail: String = flat[flat.len() - TAIL..].iter().collect();
        format!("{head} … {tail}")
    };
    out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    out
}

fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn summary(
    report: &Report,
    texts: &[String],
    how: &[Option<DetectedBy>],
    out: &mut impl Write,
) -> std::io::Result<()> {
    let units: Vec<Vec<u16>> = texts.iter().map(|t| t.encode_utf16().collect()).collect();
    let width = report
        .documents
        .iter()
        .map(|d| d.name.chars().count())
        .max()
        .unwrap_or(0);
    writeln!(out, "Documents")?;
    for (i, d) in report.documents.iter().enumerate() {
        let n = report
            .passages
            .iter()
            .filter(|p| p.a.doc as usize == i || p.b.doc as usize == i)
            .count();
        writeln!(
            out,
            "  [{}] {:width$}  {:>8} chars  shared {:5.1}%  added {:5.1}%  {} passage{}{}",
            i + 1,
            d.name,
            d.length,
            percent(d.shared, d.length),
            percent(d.added, d.length),
            n,
            if n == 1 { "" } else { "s" },
            encoding_note(d, how.get(i).copied().flatten()),
        )?;
    }
    writeln!(out)?;
    if report.passages.is_empty() {
        writeln!(out, "No shared passages.")?;
        return Ok(());
    }
    writeln!(out, "Passages")?;
    for p in &report.passages {
        let changes = p.edits.iter().filter(|e| e.kind != EditKind::Equal).count();
        let detail = match p.kind {
            PassageKind::Verbatim => "verbatim".to_string(),
            PassageKind::Edited => format!(
                "edited, {changes} edit run{}",
                if changes == 1 { "" } else { "s" }
            ),
            PassageKind::Reworded => {
                let n = p.matched.a.len().min(p.matched.b.len());
                format!(
                    "reworded, {n} matched span{}",
                    if n == 1 { "" } else { "s" }
                )
            }
        };
        writeln!(
            out,
            "  #{} [{}] {}..{}  <->  [{}] {}..{}   {}, similarity {:.2}{}",
            p.id + 1,
            p.a.doc + 1,
            p.a.start,
            p.a.end,
            p.b.doc + 1,
            p.b.start,
            p.b.end,
            detail,
            p.similarity,
            if report.documents.len() > 2 {
                format!(", group {}", p.group + 1)
            } else {
                String::new()
            }
        )?;
        for s in [p.a, p.b] {
            writeln!(
                out,
                "      [{}] {}",
                s.doc + 1,
                excerpt(&units[s.doc as usize], s.start, s.end)
            )?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(Some(a)) => a,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => return fail(&e),
    };
    match (&args.manifest, &args.out_dir) {
        (Some(m), Some(dir)) => {
            if !args.files.is_empty() || args.sample.is_some() || args.json {
                return fail(
                    "--manifest takes no files, --sample or --json: its reports go to --out-dir",
                );
            }
            return match manifest::run(m, dir, &args.options) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(2),
                Err(e) => fail(&e),
            };
        }
        (Some(_), None) => return fail("--manifest needs --out-dir, the folder for its reports"),
        (None, Some(_)) => return fail("--out-dir goes with --manifest"),
        (None, None) => {}
    }
    let (names, texts, decoded): (Vec<String>, Vec<String>, Vec<Option<Decoded>>) =
        if let Some(k) = args.sample {
            if !args.files.is_empty() {
                return fail("--sample takes no files");
            }
            let (na, ta, nb, tb) = SAMPLES[k];
            (
                vec![na.to_string(), nb.to_string()],
                vec![ta.to_string(), tb.to_string()],
                vec![None, None],
            )
        } else {
            if args.files.len() < 2 {
                return fail("give at least two files to compare (or --sample); see --help");
            }
            if args.files.iter().filter(|f| *f == "-").count() > 1 {
                return fail("- (standard input) can be given once");
            }
            let (texts, decoded) = match read_all(&args.files) {
                Ok((texts, decoded)) => (texts, decoded.into_iter().map(Some).collect()),
                Err(e) => return fail(&e),
            };
            let names = args
                .files
                .iter()
                .map(|f| {
                    if f == "-" {
                        "stdin".to_string()
                    } else {
                        f.clone()
                    }
                })
                .collect();
            (names, texts, decoded)
        };
    let mut report = compare(&texts, &args.options);
    for ((d, name), dec) in report.documents.iter_mut().zip(&names).zip(&decoded) {
        d.name = name.clone();
        d.encoding = Some(dec.as_ref().map_or("UTF-8", |x| x.encoding).to_string());
    }
    let how: Vec<Option<DetectedBy>> = decoded
        .iter()
        .map(|d| d.as_ref().map(|d| d.detected_by))
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = if args.json {
        serde_json::to_writer(&mut out, &report)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out))
    } else {
        summary(&report, &texts, &how, &mut out)
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // a closed pipe (`quotelens … | head`) is not an error
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write output: {e}")),
    }
}
