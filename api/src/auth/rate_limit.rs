//! Rate limits for the endpoints that guess passwords or mint tokens: per client IP, and per
//! account for login, so that a brute force on one account is stopped without locking out
//! others.

use std::net::IpAddr;

use crate::error::ApiError;
use crate::http::client_ip::limit_key;
use crate::rate_limit::KeyedRateLimit;

pub struct AuthRateLimits {
    per_ip: KeyedRateLimit<IpAddr>,
    per_account: KeyedRateLimit<String>,
}

impl AuthRateLimits {
    /// `per_ip` and `per_account` are requests per minute (at least 1).
    pub fn new(per_ip: u32, per_account: u32) -> Self {
        AuthRateLimits {
            per_ip: KeyedRateLimit::per_minute(per_ip),
            per_account: KeyedRateLimit::per_minute(per_account),
        }
    }

    /// Per network: an IPv6 client is its /64 (see [`limit_key`]).
    pub fn check_ip(&self, ip: IpAddr) -> Result<(), ApiError> {
        self.per_ip.check(&limit_key(ip))
    }

    /// `account` is the normalised email the client acts on; each action (`login`,
    /// `register`) has its own budget, so signing up never uses up login attempts.
    pub fn check_account(&self, action: &str, account: &str) -> Result<(), ApiError> {
        self.per_account.check(&format!("{action}:{account}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_has_its_own_budget_per_account() {
        let limits = AuthRateLimits::new(100, 3);
        for _ in 0..3 {
            assert!(limits.check_account("login", "a@example.com").is_ok());
        }
        assert!(limits.check_account("login", "a@example.com").is_err());
        assert!(limits.check_account("login", "b@example.com").is_ok());
        assert!(
            limits.check_account("register", "a@example.com").is_ok(),
            "separate budget per action"
        );
    }
}
