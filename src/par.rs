//! Par: run independent per-document work on the machine's cores. Natively
//! the calling thread and a scoped thread per other core take documents
//! from a shared counter; in wasm (one thread) and for small inputs
//! everything runs in order. Results come back in input order, so the
//! output never depends on the scheduling.
//!
//! # Complexity
//! The work itself, divided by the cores in use, plus one thread start per
//! core but one (tens of microseconds), paid only from
//! [`PARALLEL_MIN_BYTES`] on.

/// Below this much input in total, threads cost more than they save.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// How many threads [`map`] would use for items of these sizes (1: in order).
///
/// Asked once per pair of documents and more, so it must cost nothing below
/// [`PARALLEL_MIN_BYTES`]: the number of cores is looked up once per process
/// (on Linux the standard library reads the cgroup's CPU quota from files
/// for it, tens of microseconds; asked for each of the 499,500 pairs of
/// 1,000 posts, that was 7 of their 7.6 seconds).
pub(crate) fn threads(count: usize, total_size: usize) -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    if total_size >= PARALLEL_MIN_BYTES {
        return cores().min(count).max(1);
    }
    let _ = (count, total_size);
    1
}

/// The cores this process may use, looked up once.
#[cfg(not(target_arch = "wasm32"))]
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `f` applied to each item, in order; `size` tells how much work an item
/// is, to decide whether threads are worth starting.
pub(crate) fn map<T: Sync, R: Send>(
    items: &[T],
    size: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let total: usize = items.iter().map(&size).sum();
        let threads = threads(items.len(), total);
        if threads > 1 {
            use std::sync::atomic::{AtomicUsize, Ordering};
            let next = AtomicUsize::new(0);
            let work = || {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    mine.push((i, f(item)));
                }
                mine
            };
            let mut done: Vec<(usize, R)> = std::thread::scope(|s| {
                // the calling thread works too, instead of waiting idle:
                // one thread fewer to start
                let workers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
                let mut done = work();
                for w in workers {
                    done.extend(w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
                }
                done
            });
            done.sort_unstable_by_key(|(i, _)| *i);
            return done.into_iter().map(|(_, r)| r).collect();
        }
    }
    let _ = &size;
    items.iter().map(f).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_input_order() {
        let items: Vec<usize> = (0..50).collect();
        let out = super::map(&items, |_| 1 << 20, |&x| x * 2);
        assert_eq!(out, (0..50).map(|x| x * 2).collect::<Vec<_>>());
        let small = super::map(&items, |_| 1, |&x| x + 1);
        assert_eq!(small[49], 50);
    }
}
