//! Password hashing with argon2id in OWASP's minimum configuration that takes the least memory of
//! its five equivalent ones (m = 12 MiB, t = 3, p = 1), and a login check that costs the same
//! whether or not the account exists.

use std::sync::{LazyLock, OnceLock};

use argon2::password_hash::phc::PasswordHash;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
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

/// argon2's memory per hash, in KiB. OWASP lists five settings of equal strength that trade memory
/// for passes (19 MiB x 2, 12 MiB x 3, 9 MiB x 4, ...); with about the same CPU time, 12 MiB x 3
/// lets a sign-up burst take 7 MiB less per hash in flight than the crate's default 19 MiB x 2.
const MEMORY_KIB: u32 = 12 * 1024;
/// argon2's passes over that memory.
const PASSES: u32 = 3;

/// Memory one argon2 computation takes. Hashes stored with other settings (before 12 MiB x 3:
/// 19 MiB x 2) keep verifying with their own, which their PHC string records.
pub const HASH_MEMORY_BYTES: usize = MEMORY_KIB as usize * 1024;

/// At most this many argon2 computations (12 MiB each) run at once on a replica, however many
/// requests arrive from however many addresses: the rest wait their turn holding no memory, so a
/// sign-up burst at a campaign launch slows down instead of exhausting memory. Set once at start
/// by [`limit_concurrency`]; one per core until then (tests that hash without a server).
static HASHING: OnceLock<tokio::sync::Semaphore> = OnceLock::new();

/// How many hashes may run at once for a memory budget: as many as fit, never more than the
/// cores can compute (more would only queue inside the CPU), never fewer than one.
pub fn concurrency_for(memory_budget_bytes: usize, cores: usize) -> usize {
    (memory_budget_bytes / HASH_MEMORY_BYTES).clamp(1, cores.max(1))
}

/// Sets the replica's hashing limit (once, at start; later calls change nothing).
pub fn limit_concurrency(permits: usize) {
    let _ = HASHING.set(tokio::sync::Semaphore::new(permits.max(1)));
}

fn hashing() -> &'static tokio::sync::Semaphore {
    HASHING.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        tokio::sync::Semaphore::new(cores)
    })
}

/// [`hash`] on a blocking thread, within the replica's hashing limit.
pub async fn hash_limited(password: String) -> Result<String, ApiError> {
    let _turn = hashing().acquire().await.map_err(ApiError::internal)?;
    actix_web::web::block(move || hash(&password))
        .await
        .map_err(ApiError::internal)?
}

/// [`verify`] on a blocking thread, within the replica's hashing limit.
pub async fn verify_limited(password: String, stored: Option<String>) -> Result<bool, ApiError> {
    let _turn = hashing().acquire().await.map_err(ApiError::internal)?;
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

/// [`MEMORY_KIB`] and [`PASSES`] on one lane, checked when the server is compiled.
const PARAMS: Params = match Params::new(MEMORY_KIB, PASSES, 1, None) {
    Ok(params) => params,
    Err(_) => panic!("argon2 parameters out of bounds"),
};

/// argon2id, v1.3, with [`PARAMS`].
fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, PARAMS)
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=12288,t=3,p=1$...`). CPU-heavy: call
/// off the async workers.
pub fn hash(password: &str) -> Result<String, ApiError> {
    argon2()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(ApiError::internal)
}

/// Whether a stored hash was made with other settings than new hashes get (before 12 MiB x 3:
/// 19 MiB x 2). A sign-in that proves the password replaces it, so that in time every account
/// costs what the hashing budget counts per hash, and what the equaliser costs for unknown
/// accounts. Unreadable hashes are not outdated: they verify nothing and are left as they are.
pub fn outdated(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let same = Params::try_from(&parsed).is_ok_and(|params| {
        params.m_cost() == PARAMS.m_cost()
            && params.t_cost() == PARAMS.t_cost()
            && params.p_cost() == PARAMS.p_cost()
    });
    !same || parsed.algorithm.as_str() != "argon2id"
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
        assert!(hashed.starts_with("$argon2id$v=19$m=12288,t=3,p=1$"), "{hashed}");
        assert!(verify("correct horse battery", Some(&hashed)));
        assert!(!verify("wrong horse battery", Some(&hashed)));
    }

    #[test]
    fn hashes_stored_with_the_former_settings_still_verify() {
        // Accounts created before the switch carry 19 MiB x 2 hashes (the crate's default).
        let former = Argon2::default()
            .hash_password(b"correct horse battery")
            .unwrap()
            .to_string();
        assert!(former.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{former}");
        assert!(verify("correct horse battery", Some(&former)));
        assert!(!verify("wrong horse battery", Some(&former)));
        assert!(outdated(&former), "a sign-in replaces it");
        assert!(!outdated(&hash("correct horse battery").unwrap()));
        assert!(!outdated("not a phc string"));
    }

    #[test]
    fn the_limit_fits_the_memory_budget_and_the_cores() {
        assert_eq!(
            concurrency_for(64 << 20, 8),
            5,
            "five 12 MiB hashes fit in 64 MiB"
        );
        assert_eq!(concurrency_for(64 << 20, 2), 2, "no more than the cores");
        assert_eq!(concurrency_for(1 << 20, 4), 1, "always at least one");
    }

    #[test]
    fn unknown_accounts_never_verify() {
        assert!(!verify("schwarm-timing-equaliser", None));
        assert!(!verify("anything", Some("not a phc string")));
    }
}
