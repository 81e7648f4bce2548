//! One sort for the whole crate. Every `sort_by_key` with its own closure
//! instantiates a whole sort algorithm (several KB of wasm each); here the
//! keys are packed into a `u128` and one `sort_unstable` on `(u128, u32)`
//! serves every caller. Ties keep their input order, so it is stable.
//!
//! # Complexity
//! O(n log n) time, 24 bytes of scratch per element.

/// Sorts `v` by `key`, stably.
pub(crate) fn sort_by_key<T, F: Fn(&T) -> u128>(v: &mut Vec<T>, key: F) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<(u128, u32)> = v
        .iter()
        .enumerate()
        .map(|(i, x)| (key(x), i as u32))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|(_, i)| slots[i as usize].take()),
    );
}

/// Packs up to four `u32` fields into one key, most significant first.
pub(crate) fn key4(a: u32, b: u32, c: u32, d: u32) -> u128 {
    ((a as u128) << 96) | ((b as u128) << 64) | ((c as u128) << 32) | d as u128
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut x = 7u64;
        let mut v: Vec<(u32, u32)> = (0..500)
            .map(|i| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                ((x >> 60) as u32, i)
            })
            .collect();
        let mut want = v.clone();
        want.sort_by_key(|p| p.0);
        sort_by_key(&mut v, |p| p.0 as u128);
        assert_eq!(v, want);
        assert!(key4(1, 0, 0, 0) > key4(0, u32::MAX, u32::MAX, u32::MAX));
    }
}
