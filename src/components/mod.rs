//! Reusable pieces of the widget's UI.

pub mod choices;
pub mod field;
pub mod load;
pub mod pentagon;
pub mod reasons;
