//! What every format's parser hands to validation: the dataset and where each item came from.

use super::position::Positions;
use crate::model::Dataset;

/// A parsed document: the dataset, and the JSON path each kept item came from.
///
/// Native JSON, both `TimelineJS` JSON forms and both CSV forms all produce this, so validation
/// is one step for every format.
pub struct Parsed {
    pub dataset: Dataset,
    /// Places of the paths findings name. A native file that decoded cleanly carries
    /// [`Positions::deferred`]: its places are found after validation, only for the paths that
    /// have a finding.
    pub positions: Positions,
    /// The path of each kept event (events that failed to decode are not kept). Empty when every
    /// event was kept, so event `i` is `events[i]`: a million paths are never written out.
    pub event_paths: Vec<String>,
    pub source_paths: Vec<String>,
    pub lane_paths: Vec<String>,
    pub actor_paths: Vec<String>,
    /// Ids of events that failed to decode, so relations to them are not reported as dangling too.
    pub broken_event_ids: Vec<String>,
}
