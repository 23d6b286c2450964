//! One delivery attempt: how attempts are paced, and what one came to. Apart from `delivery`,
//! so the application state can hold the pace without importing the worker that reads it.

use std::time::Duration;

/// How delivery paces itself.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    /// Longest a send may take before it counts as failed.
    pub timeout: Duration,
    /// The wait after a first failure; it doubles with each further one.
    pub retry_base: Duration,
    /// Failed attempts after which a notification is given up and shown to admins.
    pub max_attempts: i64,
}

/// What one attempt came to.
pub enum Delivered {
    Sent,
    /// No longer meaningful (the record is gone, the recipient turned the kind off).
    Dropped(&'static str),
    /// Worth another attempt; the text is the receiving server's answer, never the message.
    Failed(String),
}
