//! Password hashing with argon2id at the OWASP minimum (m = 19 MiB, t = 2, p = 1), and a login
//! check that costs the same whether or not the account exists.

use std::sync::{LazyLock, OnceLock};

use argon2::password_hash::phc::PasswordHash;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use prometheus::{IntCounterVec, Opts};

use crate::error::ApiError;

/// Password checks by outcome (`accepted` or `refused`): operators see credential stuffing (many
/// refusals) at a glance. A refusal does not say whether the account exists: that label would
/// undo the equal cost of both cases.
pub static VERIFICATIONS: LazyLock<IntCounterVec> = LazyLock::new(|| {
    let opts = Opts::new(
        "schwarm_password_verifications_total",
        "Password verifications by outcome",
    );
    #[expect(clippy::expect_used, reason = "a constant, valid metric name and label set")]
    IntCounterVec::new(opts, &["outcome"]).expect("valid metric")
});

/// At most this many argon2 computations (19 MiB each) run at once on a replica, however many
/// requests arrive from however many addresses: the rest wait their turn without memory, so a
/// flood of logins slows down instead of exhausting memory. One per core keeps every core busy.
static HASHING: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    tokio::sync::Semaphore::new(cores)
});

/// [`hash`] on a blocking thread, within the replica's hashing limit.
pub async fn hash_limited(password: String) -> Result<String, ApiError> {
    let _turn = HASHING.acquire().await.map_err(ApiError::internal)?;
    actix_web::web::block(move || hash(&password))
        .await
        .map_err(ApiError::internal)?
}

/// [`verify`] on a blocking thread, within the replica's hashing limit.
pub async fn verify_limited(password: String, stored: Option<String>) -> Result<bool, ApiError> {
    let _turn = HASHING.acquire().await.map_err(ApiError::internal)?;
    actix_web::web::block(move || verify(&password, stored.as_deref()))
        .await
        .map_err(ApiError::internal)
}

/// Re-authentication: checks that `given` is the password behind `stored` (within the hashing
/// limit); a 422 naming `field` if not.
pub async fn confirm(given: String, stored: String, field: &str) -> Result<(), ApiError> {
    if verify_limited(given, Some(stored)).await? {
        return Ok(());
    }
    Err(ApiError::invalid(
        field,
        crate::error::ErrorCode::PasswordIncorrect,
        "this is not your password",
    ))
}

/// The crate's defaults are exactly the OWASP minimum for argon2id.
fn argon2() -> Argon2<'static> {
    Argon2::default()
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`). CPU-heavy: call
/// off the async workers.
pub fn hash(password: &str) -> Result<String, ApiError> {
    argon2()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(ApiError::internal)
}

/// Checks a password against a stored hash; `None` (no such account) checks against a fixed
/// fixed equaliser hash instead, so that both cases take the same time and give the same answer.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let equaliser = equaliser_hash();
    let (phc, account_exists) = match stored {
        Some(stored) => (stored, true),
        None => (equaliser.as_str(), false),
    };
    let matches = PasswordHash::new(phc)
        .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false);
    let accepted = matches && account_exists;
    VERIFICATIONS
        .with_label_values(&[if accepted { "accepted" } else { "refused" }])
        .inc();
    accepted
}

fn equaliser_hash() -> &'static String {
    static EQUALISER: OnceLock<String> = OnceLock::new();
    EQUALISER.get_or_init(|| {
        // Any fixed input works: nobody can log in against it (`account_exists` is false).
        argon2()
            .hash_password(b"schwarm-timing-equaliser")
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_at_the_owasp_minimum_and_verify() {
        let hashed = hash("correct horse battery").unwrap();
        assert!(hashed.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hashed}");
        assert!(verify("correct horse battery", Some(&hashed)));
        assert!(!verify("wrong horse battery", Some(&hashed)));
    }

    #[test]
    fn unknown_accounts_never_verify() {
        assert!(!verify("schwarm-timing-equaliser", None));
        assert!(!verify("anything", Some("not a phc string")));
    }
}
