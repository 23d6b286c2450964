//! What wraps every API request: retry safety, fairness under load and bounded waiting.

pub mod idempotency;
pub mod limits;
pub mod public_cache;
pub mod rate_limit;
pub mod timeout;
