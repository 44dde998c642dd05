//! The timeline core: index, calendar ticks, view and layout. Pure data in, plain data out; the
//! window and the exporter both paint what [`layout::layout`] returns.

pub mod arrow;
pub mod filter;
pub mod index;
pub mod labels;
pub mod layout;
pub mod scene;
pub mod style;
pub mod table;
pub mod text;
pub mod ticks;
pub mod view;
pub mod walk;

pub use filter::{Filter, Matches, QuoteStatus, SearchIndex};
pub use index::TimelineIndex;
pub use labels::CalloutMode;
pub use layout::{LayoutInput, layout};
pub use scene::Scene;
pub use view::{TimeView, ViewLimits};
