//! Runs one generated benchmark case in a loop, for a profiler:
//! `cargo run --release --example profile_case -- ja 1048576 [runs] [--no-reworded]`.

#[path = "../benches/gen/mod.rs"]
mod gen;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let script = if args.first().map(String::as_str) == Some("en") {
        gen::Script::En
    } else {
        gen::Script::Ja
    };
    let bytes: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(1 << 20);
    let runs: usize = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(5);
    let (a, b) = gen::quoting_pair(bytes as u64 ^ 0x5EED, script, bytes, 30);
    let opts = quotelens::Options {
        reworded: !args.iter().any(|a| a == "--no-reworded"),
        ..Default::default()
    };
    let t = std::time::Instant::now();
    let mut passages = 0;
    for _ in 0..runs {
        passages = quotelens::compare(&[&a, &b], &opts).passages.len();
    }
    eprintln!(
        "{} passages, {:.1} ms per run",
        passages,
        t.elapsed().as_secs_f64() * 1e3 / runs as f64
    );
}
