//! Notifications by email: what each event tells whom (`letters`), how they leave the outbox
//! (`delivery`), and the links that stop them (`unsubscribe`). The events themselves write the
//! outbox, in their own transactions (`store::outbox`).

pub mod delivery;
pub mod letters;
pub mod unsubscribe;
