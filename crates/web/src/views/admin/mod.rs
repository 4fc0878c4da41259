//! The back office's pages, one module per feature as in `crate::admin`. Same principles as
//! the public site: labelled fields, errors tied to them, no script, every string from the
//! locale files.

pub mod api_keys;
pub mod audit;
pub mod chapters;
pub mod charts;
pub mod credentials;
pub mod dashboard;
pub mod events;
pub mod experts;
pub mod import;
pub mod labels;
pub mod layout;
pub mod members;
pub mod newsletters;
pub mod organizers;
pub mod password;
pub mod sign_in;
pub mod step_up;
pub mod summit;
pub mod texts;
pub mod two_factor;
pub mod webhooks;

pub use layout::{Viewer, layout, layout_refreshing};
