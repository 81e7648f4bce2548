//! End-to-end benchmarks of `compare` on generated Japanese and English
//! pairs of 10 KB, 100 KB, 1 MB and 4 MB per side, about 30% shared, with
//! an edit every 30 words inside the quotes (see `gen/mod.rs`).
//!
//! After criterion's timings it prints a table of throughput and peak heap
//! per input byte, measured with a counting allocator.
//!
//! `cargo bench` runs everything; `cargo bench -- ja/1MB` one case.

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use quotelens::{compare, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

mod gen;
use gen::{quoting_pair, Script};

/// Counts live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new) };
        if !q.is_null() {
            if new > layout.size() {
                let live =
                    LIVE.fetch_add(new - layout.size(), Ordering::Relaxed) + new - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const SIZES: [(usize, &str); 4] = [
    (10 << 10, "10KB"),
    (100 << 10, "100KB"),
    (1 << 20, "1MB"),
    (4 << 20, "4MB"),
];

fn inputs() -> Vec<(Script, &'static str, usize, &'static str, String, String)> {
    let mut v = Vec::new();
    for (script, lang) in [(Script::Ja, "ja"), (Script::En, "en")] {
        for (bytes, label) in SIZES {
            let (a, b) = quoting_pair(bytes as u64 ^ 0x5EED, script, bytes, 30);
            v.push((script, lang, bytes, label, a, b));
        }
    }
    v
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let mut group = c.benchmark_group("compare");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for (_, lang, _, label, a, b) in inputs() {
        group.throughput(Throughput::Bytes((a.len() + b.len()) as u64));
        group.bench_with_input(BenchmarkId::new(lang, label), &(a, b), |bench, (a, b)| {
            bench.iter(|| compare(black_box(&[a.as_str(), b.as_str()]), &opts))
        });
    }
    group.finish();
}

/// Throughput and peak memory, one run each after a warm-up, as a table.
fn table() {
    let opts = Options::default();
    println!();
    println!("| input (per side) | bytes (both) | passages | time | MB/s | ms per MB | peak heap / input byte |");
    println!("|---|---|---|---|---|---|---|");
    for (_, lang, _, label, a, b) in inputs() {
        let total = a.len() + b.len();
        let _ = compare(&[&a, &b], &opts);
        let runs = if total > 4 << 20 { 3 } else { 5 };
        let mut best = Duration::MAX;
        let mut passages = 0;
        let mut peak = 0;
        for _ in 0..runs {
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let t = Instant::now();
            let r = compare(&[&a, &b], &opts);
            best = best.min(t.elapsed());
            peak = PEAK.load(Ordering::Relaxed) - base;
            passages = r.passages.len();
            drop(r);
        }
        let mb = total as f64 / (1 << 20) as f64;
        println!(
            "| {lang} {label} | {total} | {passages} | {:.1} ms | {:.1} | {:.1} | {:.1} |",
            best.as_secs_f64() * 1e3,
            mb / best.as_secs_f64(),
            best.as_secs_f64() * 1e3 / mb,
            peak as f64 / total as f64
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    // `cargo test --benches` passes --bench-less flags; only time when asked.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--table") {
        table();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
    if !args.iter().any(|a| a == "--list" || a == "--test") {
        table();
    }
}
