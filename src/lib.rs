//! The Pentahelix widget: a Leptos client-side app that a city embeds in its own website.
//!
//! `public/embed.js` attaches a shadow root to each `<pentahelix-widget>` element, puts the
//! stylesheet inside it and calls [`mount`]. Everything the widget shows lives in that root, so
//! the host page's CSS cannot break it and its CSS cannot leak out.

pub mod api;
mod app;
mod clipboard;
pub mod components;
pub mod config;
mod context;
mod creation;
mod deeplink;
pub mod draft;
pub mod format;
pub mod i18n;
mod json;
mod manage_link;
mod mount;
mod navigation;
mod regions;
pub mod storage;
mod views;

pub use mount::{Instance, mount};
