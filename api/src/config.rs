//! Server configuration: one struct, loaded once from the environment at start-up.
//!
//! Every field has a default that works with an empty environment (embedded SQLite under
//! `./data`). A value that is set but unusable stops start-up with a [`ConfigError`] naming the
//! variable, so an operator never runs with a silently ignored setting.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Which database backend a [`DatabaseUrl`] selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A parsed `DATABASE_URL`: the backend is chosen explicitly from the scheme.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path (the part after `sqlite://`).
    Sqlite(PathBuf),
    /// A libpq connection URL, passed through unchanged.
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if let Some(path) = raw.strip_prefix("sqlite://") {
            if path.is_empty() || path == ":memory:" {
                return Err(
                    "expected a file path after sqlite://, such as sqlite://./data/schwarm.db \
                            (an in-memory database would not be shared between pooled connections)"
                        .into(),
                );
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(raw.to_owned()));
        }
        let scheme = raw.split_once("://").map_or(raw, |(scheme, _)| scheme);
        Err(format!(
            "unsupported scheme `{scheme}`: use sqlite://<file> or postgres://user@host:port/db"
        ))
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Shown in logs: never prints a PostgreSQL password.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => f.write_str(&redact_password(url)),
        }
    }
}

/// The URL with its password hidden, wherever libpq takes one: `user:password@` and the
/// `password=` (or `sslpassword=`) query parameter.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (address, query) = match rest.split_once('?') {
        Some((address, query)) => (address, Some(query)),
        None => (rest, None),
    };
    let address = match address.split_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{user}:***@{host}")
        }
        _ => address.to_owned(),
    };
    let Some(query) = query else {
        return format!("{scheme}://{address}");
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _))
                if key.eq_ignore_ascii_case("password") || key.eq_ignore_ascii_case("sslpassword") =>
            {
                format!("{key}=***")
            }
            _ => pair.to_owned(),
        })
        .collect();
    format!("{scheme}://{address}?{}", query.join("&"))
}

/// The secret that signs access tokens. Never printed.
#[derive(Clone)]
pub struct JwtSecret(Vec<u8>);

impl JwtSecret {
    /// HS256 wants at least as many key bytes as the hash output (RFC 7518 §3.2).
    pub const MIN_LEN: usize = 32;

    pub fn new(bytes: Vec<u8>) -> Result<Self, String> {
        if bytes.len() < Self::MIN_LEN {
            return Err(format!("must be at least {} bytes long", Self::MIN_LEN));
        }
        Ok(Self(bytes))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JwtSecret(***)")
    }
}

/// Where the JWT secret comes from; generating one needs `DATA_DIR`, which happens in
/// [`crate::secrets`] after the configuration is complete.
#[derive(Debug, Clone)]
pub enum JwtSecretSource {
    Env(JwtSecret),
    GeneratedInDataDir,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub bind_addr: SocketAddr,
    pub data_dir: PathBuf,
    pub jwt_secret: JwtSecretSource,
    /// The built SPA served at `/`; `None` serves only the API and docs.
    pub static_dir: Option<PathBuf>,
    pub db_pool_size: u32,
    /// How long a request waits for a pooled connection (and start-up for the first one).
    pub db_timeout: Duration,
    /// Largest request body accepted anywhere; larger bodies get 413.
    pub max_body_bytes: usize,
    /// How long SIGTERM waits for in-flight requests before closing connections.
    pub shutdown_timeout: Duration,
    pub workers: usize,
    /// Origins allowed to call the API from a browser (CORS); empty means same-origin only.
    pub cors_origins: Vec<String>,
    /// Lifetime of a JWT access token.
    pub access_token_ttl: Duration,
    /// Lifetime of a refresh token (each rotation starts a new one).
    pub refresh_token_ttl: Duration,
    /// Login, register and refresh attempts per client IP per minute.
    pub auth_rate_limit_per_ip: u32,
    /// Login attempts per account (email) per minute.
    pub auth_rate_limit_per_account: u32,
    /// Take the client IP from `Forwarded`/`X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy_headers: bool,
    /// Largest uploaded media file; larger uploads get 413.
    pub media_max_bytes: usize,
    /// The bytes one person's uploads may take in all.
    pub media_quota_bytes: i64,
    /// Where uploaded media are kept.
    pub media_store: MediaStoreUrl,
    /// Votes and retractions per user per minute.
    pub vote_rate_limit_per_minute: u32,
    /// How often each replica folds new votes into the scores (and events into the analytics).
    pub score_fold_interval: Duration,
    /// Recorded visits per client IP per minute.
    pub visit_rate_limit_per_minute: u32,
    /// The smallest group of people the analytics and exports show; smaller ones are left out.
    pub analytics_min_group_size: i64,
    /// ... and the fewest networks its people must come from (1: any).
    pub analytics_min_networks: i64,
    /// Seconds between two publications of a campaign's segment figures, at least.
    pub analytics_publish_interval_secs: i64,
    /// Tests only: a file whose RFC 3339 instant stops the domain clock (see [`crate::clock`]).
    pub test_clock_file: Option<PathBuf>,
    /// The address people open the site at, for links in mail (no trailing slash).
    pub public_url: String,
    /// The SMTP server mail goes through; `None` writes `.eml` files under `DATA_DIR/mail`.
    pub smtp_url: Option<String>,
    /// The sender of every mail.
    pub mail_from: String,
    /// How long a notification must be quiet before its immediate mail goes (bursts become one).
    pub email_coalesce: Duration,
    /// The hour (UTC) daily and weekly digests go out.
    pub digest_hour: u32,
    /// Jobs one replica runs at once.
    pub job_concurrency: usize,
    /// Memory password hashing may take on a replica at once (12 MiB per hash); the server runs
    /// as many hashes at once as fit, at most one per core, and queues the rest.
    pub password_hashing_memory_bytes: usize,
    /// How long a claimed job belongs to its replica before others may take it over.
    pub job_lease: Duration,
    /// How often new events are dispatched to notifications and webhooks.
    pub dispatch_interval: Duration,
    /// Webhook targets may be `http://` (not only `https://`).
    pub webhook_allow_http: bool,
    /// Webhook targets may be loopback, private or link-local addresses.
    pub webhook_allow_private_targets: bool,
    /// An endpoint whose deliveries fail this long is disabled.
    pub webhook_disable_after: Duration,
    /// Funding campaigns may use the simulated payment provider (demos and tests; no money moves).
    pub simulated_payments: bool,
    /// How often the funding settlement looks for campaigns past their deadline.
    pub funding_settle_interval: Duration,
    /// How often the microtask sweep expires leases and approves unreviewed answers.
    pub microtasks_sweep_interval: Duration,
    /// The bearer token `/metrics` needs; `None` turns the endpoint off.
    pub metrics_token: Option<String>,
    /// `Strict-Transport-Security` max-age in seconds; 0 sends none.
    pub hsts_max_age: u64,
}

/// Where uploaded media live: a folder (the default, `DATA_DIR/media`) or an S3-compatible
/// bucket shared by all replicas (`s3://bucket/optional/prefix`, credentials and endpoint from
/// the usual `AWS_*` variables).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaStoreUrl {
    Local(PathBuf),
    S3 { bucket: String, prefix: String },
}

impl MediaStoreUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if let Some(rest) = raw.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err("expected a bucket name after s3://, such as s3://schwarm-media".into());
            }
            if !cfg!(feature = "s3") {
                return Err("this build has no S3 support: build with `--features s3`".into());
            }
            return Ok(MediaStoreUrl::S3 {
                bucket: bucket.to_owned(),
                prefix: prefix.trim_matches('/').to_owned(),
            });
        }
        let path = raw.strip_prefix("file://").unwrap_or(raw);
        if path.contains("://") {
            return Err("expected a folder path, file://<folder> or s3://<bucket>[/<prefix>]".into());
        }
        Ok(MediaStoreUrl::Local(PathBuf::from(path)))
    }
}

/// A configuration variable that is set to something unusable.
#[derive(Debug, thiserror::Error)]
#[error("{variable}={value:?} is invalid: {reason}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub value: String,
    pub reason: String,
}

/// The built SPA is picked up from here when `STATIC_DIR` is not set, if it exists.
const DEFAULT_STATIC_DIR: &str = "frontend/dist";
/// The most HTTP workers (`WORKERS`) a process starts.
const MAX_WORKERS: usize = 256;

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds the configuration from any variable source (the environment, or a map in tests).
    /// Empty values count as unset, so `FOO= schwarm` behaves like not setting `FOO`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());

        let data_dir = PathBuf::from(var("DATA_DIR").unwrap_or_else(|| "./data".into()));
        let database_url = match var("DATABASE_URL") {
            Some(raw) => DatabaseUrl::parse(&raw).map_err(|reason| ConfigError {
                variable: "DATABASE_URL",
                value: redact_password(&raw),
                reason,
            })?,
            None => DatabaseUrl::Sqlite(data_dir.join("schwarm.db")),
        };
        // Behind HTTPS, browsers are told to keep to it by default.
        let public_url_is_https = var("PUBLIC_URL").is_some_and(|url| url.trim().starts_with("https://"));
        let bind_addr = parse_var(&var, "BIND_ADDR", "127.0.0.1:8080", |raw| {
            raw.parse::<SocketAddr>().map_err(|_| {
                "expected host:port with a numeric IP, such as 127.0.0.1:8080 or 0.0.0.0:8080".into()
            })
        })?;
        let jwt_secret = match var("JWT_SECRET") {
            Some(raw) => {
                JwtSecretSource::Env(JwtSecret::new(raw.into_bytes()).map_err(|reason| ConfigError {
                    variable: "JWT_SECRET",
                    value: "***".into(),
                    reason,
                })?)
            }
            None => JwtSecretSource::GeneratedInDataDir,
        };
        let static_dir = match var("STATIC_DIR") {
            Some(raw) => Some(
                check_static_dir(PathBuf::from(&raw)).map_err(|reason| ConfigError {
                    variable: "STATIC_DIR",
                    value: raw,
                    reason,
                })?,
            ),
            None => check_static_dir(PathBuf::from(DEFAULT_STATIC_DIR)).ok(),
        };
        let media_store = match var("MEDIA_STORE") {
            Some(raw) => MediaStoreUrl::parse(&raw).map_err(|reason| ConfigError {
                variable: "MEDIA_STORE",
                value: raw,
                reason,
            })?,
            None => MediaStoreUrl::Local(data_dir.join("media")),
        };
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let db_pool_size = parse_var(&var, "DB_POOL_SIZE", "10", |raw| parse_in_range(raw, 1, 500))?;
        // A request's database work runs on its HTTP worker (`Db::run`), so workers are what lets
        // requests use the pool's connections at once: one per connection, but no more than two
        // a core (each costs about 3.5 MB, and beyond that they mostly wait for the cores; on 2
        // cores 4 workers served reads as fast as 10 and votes up to 15 % slower, in 22 MB less).
        let workers = (2 * cores).min(db_pool_size as usize).max(cores).min(MAX_WORKERS);

        Ok(Config {
            database_url,
            bind_addr,
            data_dir,
            jwt_secret,
            static_dir,
            db_pool_size,
            db_timeout: Duration::from_secs(parse_var(&var, "DB_TIMEOUT_SECS", "5", |raw| {
                parse_in_range(raw, 1, 300)
            })?),
            max_body_bytes: parse_var(&var, "MAX_BODY_BYTES", "1048576", |raw| {
                parse_in_range(raw, 1024, 1 << 30)
            })?,
            shutdown_timeout: Duration::from_secs(parse_var(&var, "SHUTDOWN_TIMEOUT_SECS", "30", |raw| {
                parse_in_range(raw, 0, 3600)
            })?),
            workers: parse_var(&var, "WORKERS", &workers.to_string(), |raw| {
                parse_in_range(raw, 1, MAX_WORKERS)
            })?,
            cors_origins: parse_var(&var, "CORS_ORIGINS", "", parse_origins)?,
            access_token_ttl: Duration::from_secs(parse_var(&var, "ACCESS_TOKEN_TTL_SECS", "900", |raw| {
                parse_in_range(raw, 30, 86_400)
            })?),
            refresh_token_ttl: Duration::from_secs(
                86_400
                    * parse_var(&var, "REFRESH_TOKEN_TTL_DAYS", "30", |raw| {
                        parse_in_range(raw, 1, 365)
                    })?,
            ),
            auth_rate_limit_per_ip: parse_var(&var, "AUTH_RATE_LIMIT_PER_IP", "60", |raw| {
                parse_in_range(raw, 1, 1_000_000)
            })?,
            auth_rate_limit_per_account: parse_var(&var, "AUTH_RATE_LIMIT_PER_ACCOUNT", "10", |raw| {
                parse_in_range(raw, 1, 1_000_000)
            })?,
            trust_proxy_headers: parse_var(&var, "TRUST_PROXY_HEADERS", "false", parse_bool)?,
            media_quota_bytes: parse_var(&var, "MEDIA_QUOTA_BYTES", "209715200", |raw| {
                parse_in_range(raw, 1, 1_099_511_627_776)
            })?,
            media_max_bytes: parse_var(&var, "MEDIA_MAX_BYTES", "10485760", |raw| {
                parse_in_range(raw, 1024, 1 << 30)
            })?,
            media_store,
            vote_rate_limit_per_minute: parse_var(&var, "VOTE_RATE_LIMIT_PER_MINUTE", "120", |raw| {
                parse_in_range(raw, 1, 1_000_000)
            })?,
            score_fold_interval: Duration::from_millis(parse_var(
                &var,
                "SCORE_FOLD_INTERVAL_MS",
                "200",
                |raw| parse_in_range(raw, 10, 60_000),
            )?),
            visit_rate_limit_per_minute: parse_var(&var, "VISIT_RATE_LIMIT_PER_MINUTE", "60", |raw| {
                parse_in_range(raw, 1, 1_000_000)
            })?,
            analytics_min_group_size: parse_var(&var, "ANALYTICS_MIN_GROUP_SIZE", "5", |raw| {
                parse_in_range(raw, 2, 1_000)
            })?,
            analytics_min_networks: parse_var(&var, "ANALYTICS_MIN_NETWORKS", "5", |raw| {
                parse_in_range(raw, 1, 1_000)
            })?,
            analytics_publish_interval_secs: parse_var(
                &var,
                "ANALYTICS_PUBLISH_INTERVAL_SECS",
                "3600",
                |raw| parse_in_range(raw, 0, 7 * 24 * 3600),
            )?,
            test_clock_file: var("TEST_CLOCK_FILE").map(PathBuf::from),
            public_url: parse_var(
                &var,
                "PUBLIC_URL",
                &default_public_url(bind_addr),
                parse_public_url,
            )?,
            smtp_url: var("SMTP_URL"),
            mail_from: var("MAIL_FROM").unwrap_or_else(|| "Schwarm <noreply@localhost>".into()),
            email_coalesce: Duration::from_secs(parse_var(&var, "EMAIL_COALESCE_SECS", "60", |raw| {
                parse_in_range(raw, 0, 3600)
            })?),
            digest_hour: parse_var(&var, "DIGEST_HOUR_UTC", "7", |raw| parse_in_range(raw, 0, 23))?,
            job_concurrency: parse_var(&var, "JOB_CONCURRENCY", "8", |raw| parse_in_range(raw, 1, 256))?,
            password_hashing_memory_bytes: parse_var(&var, "PASSWORD_HASHING_MEMORY_MB", "64", |raw| {
                // At least one password hash (12 MiB), or nobody could sign up.
                parse_in_range::<usize>(raw, 12, 65536)
            })? << 20,
            job_lease: Duration::from_secs(parse_var(&var, "JOB_LEASE_SECS", "60", |raw| {
                parse_in_range(raw, 15, 3600)
            })?),
            dispatch_interval: Duration::from_millis(parse_var(
                &var,
                "DISPATCH_INTERVAL_MS",
                "250",
                |raw| parse_in_range(raw, 10, 60_000),
            )?),
            webhook_allow_http: parse_var(&var, "WEBHOOK_ALLOW_HTTP", "false", parse_bool)?,
            webhook_allow_private_targets: parse_var(
                &var,
                "WEBHOOK_ALLOW_PRIVATE_TARGETS",
                "false",
                parse_bool,
            )?,
            webhook_disable_after: Duration::from_secs(
                3600 * parse_var(&var, "WEBHOOK_DISABLE_AFTER_HOURS", "120", |raw| {
                    parse_in_range(raw, 0, 8760)
                })?,
            ),
            simulated_payments: parse_var(&var, "SIMULATED_PAYMENTS", "false", parse_bool)?,
            funding_settle_interval: Duration::from_millis(parse_var(
                &var,
                "FUNDING_SETTLE_INTERVAL_MS",
                "60000",
                |raw| parse_in_range(raw, 10, 3_600_000),
            )?),
            microtasks_sweep_interval: Duration::from_millis(parse_var(
                &var,
                "MICROTASKS_SWEEP_INTERVAL_MS",
                "15000",
                |raw| parse_in_range(raw, 10, 3_600_000),
            )?),
            hsts_max_age: parse_var(
                &var,
                "HSTS_MAX_AGE_SECS",
                if public_url_is_https { "31536000" } else { "0" },
                |raw| parse_in_range(raw, 0, 63_072_000),
            )?,
            metrics_token: match var("METRICS_TOKEN") {
                Some(token) if token.trim().chars().count() < 16 => {
                    return Err(ConfigError {
                        variable: "METRICS_TOKEN",
                        value: "(hidden)".into(),
                        reason: "use at least 16 characters (e.g. openssl rand -hex 24)".into(),
                    });
                }
                token => token.map(|token| token.trim().to_owned()),
            },
        })
    }
}

/// Links point at the server itself unless `PUBLIC_URL` says otherwise.
fn default_public_url(bind: SocketAddr) -> String {
    match bind.ip() {
        ip if ip.is_unspecified() => format!("http://localhost:{}", bind.port()),
        _ => format!("http://{bind}"),
    }
}

fn parse_public_url(raw: &str) -> Result<String, String> {
    let url = url::Url::parse(raw)
        .map_err(|_| "expected an http(s) address such as https://schwarm.example".to_owned())?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("expected an http(s) address such as https://schwarm.example".into());
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn parse_var<T>(
    var: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    default: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, ConfigError> {
    let raw = var(variable).unwrap_or_else(|| default.to_owned());
    parse(raw.trim()).map_err(|reason| ConfigError {
        variable,
        value: raw,
        reason,
    })
}

fn parse_in_range<T>(raw: &str, min: T, max: T) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + fmt::Display + Copy,
{
    match raw.parse::<T>() {
        Ok(value) if value >= min && value <= max => Ok(value),
        _ => Err(format!("expected a whole number from {min} to {max}")),
    }
}

fn parse_bool(raw: &str) -> Result<bool, String> {
    match raw.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err("expected true or false".into()),
    }
}

/// `https://app.example.com,http://localhost:5173`: scheme and host (and port), nothing else,
/// because a browser's `Origin` header never carries a path.
fn parse_origins(raw: &str) -> Result<Vec<String>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|origin| !origin.is_empty())
        .map(|origin| {
            let rest = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))
                .ok_or_else(|| format!("`{origin}` must start with http:// or https://"))?;
            if rest.is_empty() || rest.contains('/') {
                return Err(format!(
                    "`{origin}` must be an origin (scheme://host[:port]) without a path"
                ));
            }
            Ok(origin.to_owned())
        })
        .collect()
}

fn check_static_dir(dir: PathBuf) -> Result<PathBuf, String> {
    if dir.join("index.html").is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "no index.html in {} (build the SPA with `npm run build` in frontend/)",
            Path::new(&dir).display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn empty_environment_gives_embedded_sqlite_on_localhost() {
        let config = load(&[]).unwrap();
        assert_eq!(
            config.database_url,
            DatabaseUrl::Sqlite(PathBuf::from("./data/schwarm.db"))
        );
        assert_eq!(config.bind_addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(config.data_dir, PathBuf::from("./data"));
        assert!(matches!(config.jwt_secret, JwtSecretSource::GeneratedInDataDir));
        assert_eq!(config.db_pool_size, 10);
        assert_eq!(config.max_body_bytes, 1_048_576);
        assert_eq!(
            config.media_store,
            MediaStoreUrl::Local(PathBuf::from("./data/media"))
        );
        assert_eq!(config.media_max_bytes, 10 * 1024 * 1024);
        assert_eq!(config.test_clock_file, None);
    }

    #[test]
    fn media_store_is_a_folder_or_a_bucket() {
        let folder = load(&[("MEDIA_STORE", "file:///srv/media")]).unwrap();
        assert_eq!(
            folder.media_store,
            MediaStoreUrl::Local(PathBuf::from("/srv/media"))
        );
        let err = load(&[("MEDIA_STORE", "ftp://host/media")]).unwrap_err();
        assert_eq!(err.variable, "MEDIA_STORE");
        let err = load(&[("MEDIA_STORE", "s3:///prefix")]).unwrap_err();
        assert!(err.reason.contains("bucket"), "{err}");
        match load(&[("MEDIA_STORE", "s3://media/uploads/")]) {
            Ok(config) => assert_eq!(
                config.media_store,
                MediaStoreUrl::S3 {
                    bucket: "media".into(),
                    prefix: "uploads".into()
                }
            ),
            Err(err) => assert!(
                !cfg!(feature = "s3") && err.reason.contains("--features s3"),
                "{err}"
            ),
        }
    }

    #[test]
    fn default_sqlite_file_follows_data_dir() {
        let config = load(&[("DATA_DIR", "/var/lib/schwarm")]).unwrap();
        assert_eq!(
            config.database_url,
            DatabaseUrl::Sqlite(PathBuf::from("/var/lib/schwarm/schwarm.db"))
        );
    }

    #[test]
    fn a_postgres_password_never_reaches_the_log() {
        for url in [
            "postgres://app:s3cret@db:5432/schwarm",
            "postgres://app@db:5432/schwarm?sslmode=require&password=s3cret",
            "postgresql://db/schwarm?PASSWORD=s3cret&application_name=x",
            "postgres://app:s3cret@db/schwarm?sslpassword=s3cret",
        ] {
            let parsed = DatabaseUrl::parse(url).unwrap();
            let shown = format!("{parsed:?}");
            assert!(!shown.contains("s3cret"), "{shown}");
            assert!(shown.contains("***"), "{shown}");
        }
        let refused = load(&[("DATABASE_URL", "mysql://app@db/x?password=s3cret")]).unwrap_err();
        assert!(!refused.to_string().contains("s3cret"), "{refused}");
    }

    #[test]
    fn backend_is_chosen_from_the_url_scheme() {
        let pg = load(&[("DATABASE_URL", "postgres://u:pw@db:5432/schwarm")]).unwrap();
        assert_eq!(pg.database_url.backend(), Backend::Postgres);
        let pg2 = load(&[("DATABASE_URL", "postgresql://db/schwarm")]).unwrap();
        assert_eq!(pg2.database_url.backend(), Backend::Postgres);
        let lite = load(&[("DATABASE_URL", "sqlite:///tmp/x.db")]).unwrap();
        assert_eq!(lite.database_url, DatabaseUrl::Sqlite(PathBuf::from("/tmp/x.db")));
    }

    #[test]
    fn unknown_scheme_names_database_url() {
        let err = load(&[("DATABASE_URL", "mysql://x")]).unwrap_err();
        assert_eq!(err.variable, "DATABASE_URL");
        assert!(err.to_string().contains("unsupported scheme `mysql`"), "{err}");
    }

    #[test]
    fn in_memory_sqlite_is_refused() {
        let err = load(&[("DATABASE_URL", "sqlite://:memory:")]).unwrap_err();
        assert_eq!(err.variable, "DATABASE_URL");
    }

    #[test]
    fn bad_bind_addr_names_the_variable() {
        let err = load(&[("BIND_ADDR", "nonsense")]).unwrap_err();
        assert_eq!(err.variable, "BIND_ADDR");
        assert!(
            err.to_string().starts_with("BIND_ADDR=\"nonsense\" is invalid"),
            "{err}"
        );
    }

    #[test]
    fn numbers_out_of_range_are_refused() {
        for (variable, value) in [
            ("DB_POOL_SIZE", "0"),
            ("DB_POOL_SIZE", "ten"),
            ("DB_TIMEOUT_SECS", "-1"),
            ("MAX_BODY_BYTES", "12"),
            ("WORKERS", "100000"),
        ] {
            let err = load(&[(variable, value)]).unwrap_err();
            assert_eq!(err.variable, variable, "{value}");
        }
    }

    #[test]
    fn short_jwt_secret_is_refused_without_echoing_it() {
        let err = load(&[("JWT_SECRET", "too-short")]).unwrap_err();
        assert_eq!(err.variable, "JWT_SECRET");
        assert!(!err.to_string().contains("too-short"), "{err}");
    }

    #[test]
    fn cors_origins_are_parsed_and_checked() {
        let config = load(&[("CORS_ORIGINS", "https://app.example.com, http://localhost:5173")]).unwrap();
        assert_eq!(
            config.cors_origins,
            ["https://app.example.com", "http://localhost:5173"]
        );
        assert!(load(&[]).unwrap().cors_origins.is_empty());
        for bad in ["app.example.com", "https://app.example.com/path", "ftp://x"] {
            let err = load(&[("CORS_ORIGINS", bad)]).unwrap_err();
            assert_eq!(err.variable, "CORS_ORIGINS", "{bad}");
        }
    }

    #[test]
    fn booleans_accept_the_usual_spellings_only() {
        assert!(
            load(&[("TRUST_PROXY_HEADERS", "true")])
                .unwrap()
                .trust_proxy_headers
        );
        assert!(
            !load(&[("TRUST_PROXY_HEADERS", "off")])
                .unwrap()
                .trust_proxy_headers
        );
        assert_eq!(
            load(&[("TRUST_PROXY_HEADERS", "maybe")]).unwrap_err().variable,
            "TRUST_PROXY_HEADERS"
        );
    }

    #[test]
    fn static_dir_without_index_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = load(&[("STATIC_DIR", dir.path().to_str().unwrap())]).unwrap_err();
        assert_eq!(err.variable, "STATIC_DIR");
        std::fs::write(dir.path().join("index.html"), "<html></html>").unwrap();
        let config = load(&[("STATIC_DIR", dir.path().to_str().unwrap())]).unwrap();
        assert_eq!(config.static_dir.as_deref(), Some(dir.path()));
    }

    #[test]
    fn postgres_password_is_redacted_in_debug_output() {
        let url = DatabaseUrl::parse("postgres://schwarm:hunter2@db:5432/schwarm").unwrap();
        let shown = format!("{url:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert_eq!(shown, "postgres://schwarm:***@db:5432/schwarm");
    }
}
