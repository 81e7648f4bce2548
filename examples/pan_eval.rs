//! Scores quotelens on the PAN 2013 text-alignment training corpus with
//! PAN's measure (Potthast et al., 2010): precision, recall, granularity and
//! PlagDet per sub-corpus, and overall.
//!
//! ```text
//! cargo run --release --example pan_eval -- [PAN_DIR] [--limit N] [--options JSON]
//! ```
//!
//! PAN_DIR defaults to ../shared/pan13-train. Each pair is compared as
//! `[suspicious, source]`; every passage is a detection. PAN offsets count
//! characters (code points), so the report's UTF-16 offsets are converted.
//! `--limit N` scores only the first N pairs of each sub-corpus; `--fold
//! even|odd` only the even- or odd-numbered pairs (a two-fold check: tune on
//! one half, score on the other). The default
//! options (reworded passages included); `--options` replaces them.
//!
//! `PAN_CASES=1` prints, for every case, how much of it the detections
//! touching it cover on each side (`CASE pair susp covered/length src
//! covered/length dets n`); `PAN_DEBUG=1` prints detections of low
//! precision with the text they take in beyond their case; `PAN_DETS=1`
//! prints every detection (`DET pair kind similarity susp_start susp_end
//! src_start src_end precision edit_runs`), to sort them by kind.
//!
//! `--check` exits with status 1 when a score falls below its regression
//! floor in [`FLOORS`] (set a little under the measured figures, so a
//! change that loses quality fails `make test`).

use quotelens::{compare, Options};
use std::path::{Path, PathBuf};

#[path = "../tests/measure/plagdet.rs"]
mod plagdet;
use plagdet::{coverage, overlap, Pair, Score};

fn attr(tag: &str, name: &str) -> Option<u32> {
    let key = format!(" {name}=\"");
    let s = tag.find(&key)? + key.len();
    let e = tag[s..].find('"')? + s;
    tag[s..e].parse().ok()
}

/// The plagiarism cases of one pair, from its XML file.
fn cases(xml: &str) -> Vec<Pair> {
    xml.split("<feature")
        .skip(1)
        .filter(|t| t.contains("name=\"plagiarism\""))
        .filter_map(|t| {
            let (so, sl) = (attr(t, "this_offset")?, attr(t, "this_length")?);
            let (ro, rl) = (attr(t, "source_offset")?, attr(t, "source_length")?);
            Some(Pair {
                susp: (so, so + sl),
                src: (ro, ro + rl),
            })
        })
        .collect()
}

/// UTF-16 offset → character offset table of a text.
fn char_index(text: &str) -> Vec<u32> {
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.chars().enumerate() {
        for _ in 0..c.len_utf16() {
            map.push(i as u32);
        }
    }
    map.push(text.chars().count() as u32);
    map
}

fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

fn score_pair(
    dir: &Path,
    root: &Path,
    line: &str,
    opts: &Options,
) -> Option<(Vec<Pair>, Vec<Pair>)> {
    let mut it = line.split_whitespace();
    let (susp, src) = (it.next()?, it.next()?);
    let xml_name = format!(
        "{}-{}.xml",
        susp.trim_end_matches(".txt"),
        src.trim_end_matches(".txt")
    );
    let truth = std::fs::read_to_string(dir.join(xml_name)).unwrap_or_default();
    let ts = read(&root.join("susp").join(susp));
    let tr = read(&root.join("src").join(src));
    let report = compare(&[&ts, &tr], opts);
    let (ms, mr) = (char_index(&ts), char_index(&tr));
    let detections: Vec<Pair> = report
        .passages
        .iter()
        .map(|p| Pair {
            susp: (ms[p.a.start as usize], ms[p.a.end as usize]),
            src: (mr[p.b.start as usize], mr[p.b.end as usize]),
        })
        .collect();
    let cases = cases(&truth);
    if std::env::var("PAN_DETS").is_ok() {
        for (d, p) in detections.iter().zip(&report.passages) {
            let (pr, _) = coverage(d, &cases);
            eprintln!(
                "DET {line} {:?} {:.3} {} {} {} {} {pr:.3} {}",
                p.kind,
                p.similarity,
                d.susp.0,
                d.susp.1,
                d.src.0,
                d.src.1,
                p.edits.len()
            );
        }
    }
    if std::env::var("PAN_CASES").is_ok() {
        for c in &cases {
            let touching: Vec<&Pair> = detections.iter().filter(|d: &&Pair| d.touches(c)).collect();
            let mut s: Vec<(u32, u32)> = touching.iter().map(|o| o.susp).collect();
            let mut r: Vec<(u32, u32)> = touching.iter().map(|o| o.src).collect();
            let cs = plagdet::covered(c.susp, &mut s);
            let cr = plagdet::covered(c.src, &mut r);
            eprintln!(
                "CASE {line} susp {cs}/{} src {cr}/{} dets {}",
                c.susp.1 - c.susp.0,
                c.src.1 - c.src.0,
                touching.len(),
            );
        }
    }
    if std::env::var("PAN_DEBUG").is_ok() {
        let cs: Vec<char> = ts.chars().collect();
        for d in &detections {
            let (p, _) = coverage(d, &cases);
            if p < 0.8 {
                let ex = |s: u32, e: u32| -> String {
                    cs[s as usize..e as usize]
                        .iter()
                        .collect::<String>()
                        .replace('\n', " ")
                };
                eprintln!(
                    "{line}: detection {:?} precision {p:.2}; cases {:?}",
                    d.susp,
                    cases.iter().map(|c| c.susp).collect::<Vec<_>>()
                );
                if let Some(c) = cases.iter().find(|c| overlap(c.susp, d.susp) > 0) {
                    if d.susp.0 < c.susp.0 {
                        eprintln!(
                            "   extra before: {:?}",
                            ex(d.susp.0, c.susp.0.min(d.susp.0 + 300))
                        );
                    }
                    if d.susp.1 > c.susp.1 {
                        eprintln!(
                            "   extra after: {:?}",
                            ex(c.susp.1.max(d.susp.1.saturating_sub(300)), d.susp.1)
                        );
                    }
                }
            }
        }
    }
    Some((cases, detections))
}

/// Regression floors: (sub-corpus, lowest PlagDet). For no-plagiarism, the
/// largest share of pairs with a detection.
///
/// Measured with default options (reworded passages included): 1.0%,
/// 0.968, 0.892, 0.931, 0.667, 0.916. The issue's targets (≤ 1%, 0.97, 0.93,
/// 0.93, 0.65, 0.93) are reached for no-plagiarism and summary, whose floors
/// are the targets, and for translation; the other floors guard what is.
const FLOORS: [(&str, f64); 6] = [
    ("no-plagiarism", 0.010),
    ("no-obfuscation", 0.955),
    ("random", 0.88),
    ("translation", 0.925),
    ("summary", 0.65),
    ("overall", 0.91),
];

fn floor_ok(label: &str, value: f64) -> bool {
    match FLOORS.iter().find(|(l, _)| *l == label) {
        Some((_, f)) if label == "no-plagiarism" => value <= *f,
        Some((_, f)) => value >= *f,
        None => true,
    }
}

fn main() {
    let mut root = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/pan13-train"
    ));
    let mut limit = usize::MAX;
    // two-fold check: score only the even- or odd-numbered pairs
    let mut fold: Option<usize> = None;
    let mut opts = Options::default();
    let mut check = false;
    let mut failed: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => check = true,
            "--limit" => limit = args.next().and_then(|v| v.parse().ok()).expect("--limit N"),
            "--fold" => {
                fold = match args.next().as_deref() {
                    Some("even") => Some(0),
                    Some("odd") => Some(1),
                    _ => panic!("--fold even|odd"),
                }
            }
            "--options" => {
                opts = serde_json::from_str(&args.next().expect("--options JSON"))
                    .expect("valid options")
            }
            _ => root = PathBuf::from(a),
        }
    }
    let subs = [
        ("01-no-plagiarism", "no-plagiarism"),
        ("02-no-obfuscation", "no-obfuscation"),
        ("03-random-obfuscation", "random"),
        ("04-translation-obfuscation", "translation"),
        ("05-summary-obfuscation", "summary"),
    ];
    if !root.join(subs[0].0).exists() {
        eprintln!("pan_eval: no PAN corpus at {}", root.display());
        std::process::exit(2);
    }
    println!("| sub-corpus | pairs | precision | recall | granularity | PlagDet | pairs with detections |");
    println!("|---|---|---|---|---|---|---|");
    let mut overall = Score::default();
    let started = std::time::Instant::now();
    for (folder, label) in subs {
        let dir = root.join(folder);
        let pairs = std::fs::read_to_string(dir.join("pairs")).expect("pairs file");
        let lines: Vec<&str> = pairs
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(limit)
            .enumerate()
            .filter(|(i, _)| fold.is_none_or(|f| i % 2 == f))
            .map(|(_, l)| l)
            .collect();
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let chunk = lines.len().div_ceil(workers).max(1);
        let score = std::thread::scope(|s| {
            let handles: Vec<_> = lines
                .chunks(chunk)
                .map(|part| {
                    let (dir, root, opts) = (&dir, &root, &opts);
                    s.spawn(move || {
                        let mut sc = Score::default();
                        for line in part {
                            if let Some((c, d)) = score_pair(dir, root, line, opts) {
                                sc.add(&c, &d);
                            }
                        }
                        sc
                    })
                })
                .collect();
            let mut total = Score::default();
            for h in handles {
                total.merge(&h.join().expect("worker"));
            }
            total
        });
        overall.merge(&score);
        let value = if score.cases == 0 {
            score.pairs_with_detections as f64 / score.pairs.max(1) as f64
        } else {
            score.plagdet()
        };
        if !floor_ok(label, value) {
            failed.push(format!("{label}: {value:.3}"));
        }
        if score.cases == 0 {
            println!(
                "| {label} | {} | – | – | – | – | {} ({:.1}%) |",
                score.pairs,
                score.pairs_with_detections,
                100.0 * score.pairs_with_detections as f64 / score.pairs.max(1) as f64
            );
        } else {
            println!(
                "| {label} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
                score.pairs,
                score.precision(),
                score.recall(),
                score.granularity(),
                score.plagdet(),
                score.pairs_with_detections
            );
        }
    }
    println!(
        "| overall | {} | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
        overall.pairs,
        overall.precision(),
        overall.recall(),
        overall.granularity(),
        overall.plagdet(),
        overall.pairs_with_detections
    );
    if !floor_ok("overall", overall.plagdet()) {
        failed.push(format!("overall: {:.3}", overall.plagdet()));
    }
    eprintln!("scored in {:.1} s", started.elapsed().as_secs_f64());
    if check {
        if failed.is_empty() {
            eprintln!("pan_eval: every score is above its regression floor");
        } else {
            eprintln!(
                "pan_eval: below the regression floor: {}",
                failed.join(", ")
            );
            std::process::exit(1);
        }
    }
}
