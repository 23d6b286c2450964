//! What wraps every API request: retry safety, fairness under load, bounded waiting, and the
//! nudge that sends the notifications a write queued.

pub mod idempotency;
pub mod limits;
pub mod public_cache;
pub mod rate_limit;
pub mod timeout;
pub mod wake_delivery;
