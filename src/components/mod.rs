//! Reusable pieces of the widget's UI.

pub mod choices;
pub mod decision;
pub mod field;
pub mod filters;
pub mod heading;
pub mod invitations;
pub mod load;
pub mod pages;
pub mod partner;
pub mod pentagon;
pub mod reasons;
pub mod verified;
