//! Per-key rate limits (per client IP, per account, per voter), kept in memory per replica: N
//! replicas allow up to N times the configured rate, which is enough to stop a script and cheap
//! enough to sit on every vote.

use std::hash::Hash;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// Forget idle keys once this many are tracked, so memory stays bounded under a scan.
const RETAIN_THRESHOLD: usize = 10_000;

pub struct KeyedRateLimit<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
    clock: DefaultClock,
}

impl<K: Hash + Eq + Clone> KeyedRateLimit<K> {
    /// `per_minute` requests per key (at least 1), allowed in a burst.
    pub fn per_minute(per_minute: u32) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN));
        KeyedRateLimit {
            limiter: RateLimiter::keyed(quota),
            clock: DefaultClock::default(),
        }
    }

    /// Counts one request for `key`; 429 with `Retry-After` once its budget is spent.
    pub fn check(&self, key: &K) -> Result<(), ApiError> {
        if self.limiter.len() > RETAIN_THRESHOLD {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            ApiError::rate_limited(wait.as_secs() + 1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_limited_without_affecting_others() {
        let limit = KeyedRateLimit::per_minute(3);
        for _ in 0..3 {
            assert!(limit.check(&"a").is_ok());
        }
        let err = limit.check(&"a").unwrap_err();
        assert_eq!(err.code(), crate::error::ErrorCode::RateLimited);
        assert!(err.to_problem().params["retry_after"].as_u64() >= Some(1));
        assert!(limit.check(&"b").is_ok());
    }
}
