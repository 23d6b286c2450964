//! One module per view of the widget.

pub mod about;
