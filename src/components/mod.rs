//! Reusable pieces of the widget's UI.

pub mod choices;
pub mod decision;
pub mod field;
pub mod load;
pub mod pages;
pub mod pentagon;
pub mod reasons;
pub mod verified;
