//! The quotelens command line: compare files, print a summary or the JSON
//! report. A thin shell over `quotelens::compare`; see `--help`.

use quotelens::{compare, decode_text, EditKind, Options, PassageKind, Report};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
quotelens: find the passages texts share, and what each author added

USAGE:
    quotelens [OPTIONS] FILE FILE [FILE ...]
    quotelens [OPTIONS] --sample [en|ja]

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
    --options JSON           options as a JSON object (camelCase keys)
    --sample [en|ja]         compare the built-in sample pair (default en)
    -h, --help               this text
    -V, --version            the version

Weighted characters: a letter counts 1, a Han, kana or Hangul character 2.
Exit codes: 0 done, 2 bad usage or unreadable input.";

const SAMPLES: [(&str, &str, &str, &str); 2] = [
    (
        "wire-en.txt",
        include_str!("../../www/samples/wire-en.txt"),
        "post-en.txt",
        include_str!("../../www/samples/post-en.txt"),
    ),
    (
        "wire-ja.txt",
        include_str!("../../www/samples/wire-ja.txt"),
        "post-ja.txt",
        include_str!("../../www/samples/post-ja.txt"),
    ),
];

struct Args {
    json: bool,
    options: Options,
    files: Vec<String>,
    sample: Option<usize>,
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
                let v = value("a JSON object")?;
                *o = serde_json::from_str(&v).map_err(|e| format!("--options: {e}"))?;
            }
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

/// Reads a file, refusing binary input with a message naming it.
fn read(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let decoded = decode_text(&bytes).map_err(|e| format!("{path}: {e}"))?;
    if decoded.replaced > 0 {
        eprintln!(
            "quotelens: warning: {path}: {} invalid UTF-8 sequence(s) replaced by U+FFFD",
            decoded.replaced
        );
    }
    if decoded.control > 0 {
        eprintln!(
            "quotelens: warning: {path}: {} stray control character(s) (such as NUL) read as text",
            decoded.control
        );
    }
    Ok(decoded.text)
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

fn summary(report: &Report, texts: &[String], out: &mut impl Write) -> std::io::Result<()> {
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
            "  [{}] {:width$}  {:>8} chars  shared {:5.1}%  added {:5.1}%  {} passage{}",
            i + 1,
            d.name,
            d.length,
            percent(d.shared, d.length),
            percent(d.added, d.length),
            n,
            if n == 1 { "" } else { "s" },
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
    let (names, texts): (Vec<String>, Vec<String>) = if let Some(k) = args.sample {
        if !args.files.is_empty() {
            return fail("--sample takes no files");
        }
        let (na, ta, nb, tb) = SAMPLES[k];
        (
            vec![na.to_string(), nb.to_string()],
            vec![ta.to_string(), tb.to_string()],
        )
    } else {
        if args.files.len() < 2 {
            return fail("give at least two files to compare (or --sample); see --help");
        }
        let mut texts = Vec::new();
        for f in &args.files {
            match read(f) {
                Ok(t) => texts.push(t),
                Err(e) => return fail(&e),
            }
        }
        (args.files.clone(), texts)
    };
    let mut report = compare(&texts, &args.options);
    for (d, name) in report.documents.iter_mut().zip(&names) {
        d.name = name.clone();
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = if args.json {
        serde_json::to_writer(&mut out, &report)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out))
    } else {
        summary(&report, &texts, &mut out)
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // a closed pipe (`quotelens … | head`) is not an error
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write output: {e}")),
    }
}
