//! How far a load has got, shared between the thread that loads and the window that shows it.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The steps of a load, in order, each with its own measure of work done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Opening and reading the file into memory.
    Reading,
    /// The text checks before decoding: UTF-8, size limits, and splitting out the events.
    Scanning,
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
            Self::Scanning => "Scanning",
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
    /// When each stage began, in order: `claimline check --timings` and the benches read them.
    started: Mutex<Vec<(Stage, Instant)>>,
    /// The load is no longer wanted: it stops at its next check and builds nothing.
    cancelled: AtomicBool,
}

impl Progress {
    /// Starts `stage` with `total` units of work.
    pub fn begin(&self, stage: Stage, total: u64) {
        self.0.done.store(0, Ordering::Relaxed);
        self.0.total.store(total, Ordering::Relaxed);
        self.0.stage.store(stage as u8, Ordering::Relaxed);
        if let Ok(mut started) = self.0.started.lock() {
            started.push((stage, Instant::now()));
        }
    }

    /// How long each stage took, in order, the last one measured up to now.
    pub fn timings(&self) -> Vec<(Stage, Duration)> {
        let Ok(started) = self.0.started.lock() else {
            return Vec::new();
        };
        let now = Instant::now();
        let ends = started.iter().skip(1).map(|(_, at)| *at).chain([now]);
        started
            .iter()
            .zip(ends)
            .map(|((stage, begun), end)| (*stage, end.saturating_duration_since(*begun)))
            .collect()
    }

    /// Asks the load to stop: every stage checks often (between events, rows and stretches of a
    /// source text) and gives up, so a cancelled load stops using the cores within moments.
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether [`Self::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::Relaxed)
    }

    /// Records `units` more of the current stage's work as done.
    pub fn advance(&self, units: u64) {
        self.0.done.fetch_add(units, Ordering::Relaxed);
    }

    pub fn stage(&self) -> Stage {
        match self.0.stage.load(Ordering::Relaxed) {
            1 => Stage::Scanning,
            2 => Stage::Parsing,
            3 => Stage::Validating,
            4 => Stage::Indexing,
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
            // Shares measured in the app opening 1M events with one citation each.
            Stage::Reading => (0.0, 0.03),
            Stage::Scanning => (0.03, 0.12),
            Stage::Parsing => (0.15, 0.47),
            Stage::Validating => (0.62, 0.1),
            Stage::Indexing => (0.72, 0.28),
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
        assert_eq!(
            p.timings().iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            [Stage::Parsing]
        );
        p.begin(Stage::Validating, 10);
        assert!(p.overall() > parsing);
        p.begin(Stage::Indexing, 10);
        p.advance(10);
        assert!((p.overall() - 1.0).abs() < 1e-6);
        let stages: Vec<Stage> = p.timings().iter().map(|(s, _)| *s).collect();
        assert_eq!(stages, [Stage::Parsing, Stage::Validating, Stage::Indexing]);
    }
}
