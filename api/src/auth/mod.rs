//! Credentials: who is calling, and what they may do. Every authenticated route takes an
//! [`Auth`] extractor that names its required scope; the bearer is a JWT access token from a
//! login session (`accounts`) or a personal access token (`tokens`). This layer knows how to
//! verify both and nothing about the resources behind them.

mod extractor;
pub mod jwt;
pub mod opaque;
pub mod password;
pub mod personal_token;
pub mod rate_limit;
pub mod scopes;
pub mod sessions;

pub use extractor::{Auth, Caller, Credential, MaybeAuth, identify};
