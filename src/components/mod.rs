//! Reusable pieces of the widget's UI.

pub mod pentagon;
