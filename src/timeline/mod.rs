//! The timeline core: index, calendar ticks, view and layout. Pure data in, plain data out; the
//! window and the exporter both paint what [`layout::layout`] returns.

pub mod arrow;
mod density;
pub mod filter;
pub mod index;
mod label_spots;
pub mod labels;
pub mod layout;
mod layout_input;
pub mod legend;
mod occupancy;
pub mod paint;
pub mod primitives;
mod relation_arrows;
mod relation_tags;
pub mod scene;
pub mod search;
pub mod shown;
mod stack_rows;
pub mod style;
pub mod table;
pub mod text;
pub mod ticks;
pub mod title_cut;
pub mod view;
pub mod walk;

pub use filter::{Filter, Matches, QuoteStatus, SearchIndex};
pub use index::TimelineIndex;
pub use labels::CalloutMode;
pub use layout::{LayoutInput, layout};
pub use scene::Scene;
pub use view::{TimeView, ViewLimits};
