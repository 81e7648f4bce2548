//! PAN's text-alignment measure (Potthast et al., 2010): precision, recall,
//! granularity and PlagDet over cases and detections, each a pair of
//! character spans. Shared by `examples/pan_eval.rs` and the Japanese
//! reworded set in `tests/suite/reworded_ja.rs` (both include this file).
//!
//! Cost: O(c · d) per document pair for c cases and d detections.
#![allow(dead_code)]

/// A case or a detection: character ranges in the suspicious and the
/// source document.
#[derive(Clone, Copy, Debug)]
pub struct Pair {
    pub susp: (u32, u32),
    pub src: (u32, u32),
}

impl Pair {
    pub fn len(&self) -> u32 {
        (self.susp.1 - self.susp.0) + (self.src.1 - self.src.0)
    }
    pub fn touches(&self, o: &Pair) -> bool {
        overlap(self.susp, o.susp) > 0 && overlap(self.src, o.src) > 0
    }
}

pub fn overlap(x: (u32, u32), y: (u32, u32)) -> u32 {
    x.1.min(y.1).saturating_sub(x.0.max(y.0))
}

/// Length of the union of the parts of `within` that `ranges` cover.
pub fn covered(within: (u32, u32), ranges: &mut [(u32, u32)]) -> u32 {
    ranges.sort_unstable();
    let mut total = 0;
    let mut cur: Option<(u32, u32)> = None;
    for &(s, e) in ranges.iter() {
        let (s, e) = (s.max(within.0), e.min(within.1));
        if s >= e {
            continue;
        }
        cur = match cur {
            Some((cs, ce)) if s <= ce => Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs;
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    if let Some((cs, ce)) = cur {
        total += ce - cs;
    }
    total
}

/// Share of `x` covered by those of `others` that touch it.
pub fn coverage(x: &Pair, others: &[Pair]) -> (f64, usize) {
    let touching: Vec<&Pair> = others.iter().filter(|o| o.touches(x)).collect();
    let mut susp: Vec<(u32, u32)> = touching.iter().map(|o| o.susp).collect();
    let mut src: Vec<(u32, u32)> = touching.iter().map(|o| o.src).collect();
    let c = covered(x.susp, &mut susp) + covered(x.src, &mut src);
    (c as f64 / x.len().max(1) as f64, touching.len())
}

/// Running sums of the measure over many document pairs.
#[derive(Default, Clone)]
pub struct Score {
    pub cases: usize,
    pub recall_sum: f64,
    pub detections: usize,
    pub precision_sum: f64,
    pub detected_cases: usize,
    pub granularity_sum: usize,
    pub pairs: usize,
    pub pairs_with_detections: usize,
}

impl Score {
    pub fn add(&mut self, cases: &[Pair], detections: &[Pair]) {
        self.pairs += 1;
        if !detections.is_empty() {
            self.pairs_with_detections += 1;
        }
        for c in cases {
            let (r, n) = coverage(c, detections);
            self.cases += 1;
            self.recall_sum += r;
            if n > 0 {
                self.detected_cases += 1;
                self.granularity_sum += n;
            }
        }
        for d in detections {
            let (p, _) = coverage(d, cases);
            self.detections += 1;
            self.precision_sum += p;
        }
    }

    pub fn merge(&mut self, o: &Score) {
        self.cases += o.cases;
        self.recall_sum += o.recall_sum;
        self.detections += o.detections;
        self.precision_sum += o.precision_sum;
        self.detected_cases += o.detected_cases;
        self.granularity_sum += o.granularity_sum;
        self.pairs += o.pairs;
        self.pairs_with_detections += o.pairs_with_detections;
    }

    pub fn recall(&self) -> f64 {
        if self.cases == 0 {
            0.0
        } else {
            self.recall_sum / self.cases as f64
        }
    }
    pub fn precision(&self) -> f64 {
        if self.detections == 0 {
            0.0
        } else {
            self.precision_sum / self.detections as f64
        }
    }
    pub fn granularity(&self) -> f64 {
        if self.detected_cases == 0 {
            1.0
        } else {
            self.granularity_sum as f64 / self.detected_cases as f64
        }
    }
    pub fn plagdet(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            return 0.0;
        }
        let f1 = 2.0 * p * r / (p + r);
        f1 / (1.0 + self.granularity()).log2()
    }
}
