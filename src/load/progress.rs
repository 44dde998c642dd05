//! How far a load has got, shared between the thread that loads and the window that shows it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

/// The steps of a load, in order, each with its own measure of work done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Reading,
    /// Decoding the text; work is bytes.
    Parsing,
    /// Cross-checks and quotes; work is events.
    Validating,
    /// Building the timeline index; work is events.
    Indexing,
}

impl Stage {
    /// "Parsing", for the status bar.
    pub fn label(self) -> &'static str {
        match self {
            Self::Reading => "Reading",
            Self::Parsing => "Parsing",
            Self::Validating => "Checking",
            Self::Indexing => "Indexing",
        }
    }
}

/// Progress of one load; cheap to clone, updated with relaxed atomics (it is only ever shown).
#[derive(Clone, Debug, Default)]
pub struct Progress(Arc<Inner>);

#[derive(Debug, Default)]
struct Inner {
    stage: AtomicU8,
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// Starts `stage` with `total` units of work.
    pub fn begin(&self, stage: Stage, total: u64) {
        self.0.done.store(0, Ordering::Relaxed);
        self.0.total.store(total, Ordering::Relaxed);
        self.0.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// Records `units` more of the current stage's work as done.
    pub fn advance(&self, units: u64) {
        self.0.done.fetch_add(units, Ordering::Relaxed);
    }

    pub fn stage(&self) -> Stage {
        match self.0.stage.load(Ordering::Relaxed) {
            1 => Stage::Parsing,
            2 => Stage::Validating,
            3 => Stage::Indexing,
            _ => Stage::Reading,
        }
    }

    /// The current stage's work done, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        let total = self.0.total.load(Ordering::Relaxed);
        let done = self.0.done.load(Ordering::Relaxed);
        if total == 0 {
            0.0
        } else {
            (done as f64 / total as f64).min(1.0) as f32
        }
    }

    /// The whole load from 0 to 1, weighting each stage by its usual share of the time.
    pub fn overall(&self) -> f32 {
        let (start, share) = match self.stage() {
            Stage::Reading => (0.0, 0.05),
            Stage::Parsing => (0.05, 0.55),
            Stage::Validating => (0.6, 0.25),
            Stage::Indexing => (0.85, 0.15),
        };
        start + share * self.fraction()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_moves_forward_through_the_stages() {
        let p = Progress::default();
        p.begin(Stage::Parsing, 200);
        p.advance(100);
        assert_eq!(p.stage(), Stage::Parsing);
        assert!((p.fraction() - 0.5).abs() < 1e-6);
        let parsing = p.overall();
        p.begin(Stage::Validating, 10);
        assert!(p.overall() > parsing);
        p.begin(Stage::Indexing, 10);
        p.advance(10);
        assert!((p.overall() - 1.0).abs() < 1e-6);
    }
}
