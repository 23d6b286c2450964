//! Notifications: what each event tells whom by email (`letters`) and a city's systems by
//! webhook (`webhook`), how they leave the outbox (`delivery`), and the links that stop mails
//! (`unsubscribe`). The events themselves write the
//! outbox, in their own transactions (`store::outbox`).

pub mod attempt;
pub mod delivery;
mod digests;
mod draft;
pub mod letters;
pub mod unsubscribe;
pub mod webhook;
