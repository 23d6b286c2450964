//! The bounds every API request lives within: how much of a body it may send, how long it may
//! take.

use std::time::Duration;

/// The largest request body the API reads: a long initiative description is a few KB, so 64 KiB
/// leaves room without letting a client make the server buffer megabytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// How long a request may take before it is answered 503 (see `timeout`).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
