//! The Pentahelix domain, shared by the widget (wasm32) and the server (native).
//!
//! Everything here is pure: no I/O, no clock, no database. That is what lets the same types,
//! validation rules and matching engine run in a citizen's browser and on the server, so the two
//! can never disagree about what a valid initiative is or why a partner was suggested.

pub mod achievements;
pub mod api;
pub mod format;
pub mod lang;
pub mod matching;
pub mod pentagon;
pub mod region;
pub mod similar;
pub mod taxonomy;
pub mod validate;
pub mod words;

pub use lang::Lang;
pub use region::{Region, RegionCode, RegionLevel, Regions};
pub use taxonomy::{Helix, HelixSet, Resource, ResourceSet, Subsector, SubsectorSet};
