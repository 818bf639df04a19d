//! Database access: one pool of [`DbConnection`]s, and [`Db::run`] to use one off the actix
//! worker threads.

mod connection;
pub mod migrations;
mod pool;
pub mod raw;
pub mod search;
pub mod statements;
pub mod text_enum;
mod transaction;

use std::time::Duration;

use actix_web::web;
use diesel::RunQueryDsl;
use diesel::r2d2::{Pool, PooledConnection};

use crate::config::{Backend, Config, DatabaseUrl};
use crate::error::{ApiError, ErrorCode};
pub use connection::{DbConnection, MultiBackend};
pub use pool::{ConnectError, Manager};
pub use transaction::{lock_key, write_transaction};

/// Runs a diesel query on the backend's own connection inside a [`DbConnection`]:
/// `on_backend!(conn, c => query.first(c))`. The query is written once and typed for each backend.
///
/// Why: `MultiConnection` hands every query to the backend wrapped in a serializer that writes its
/// SQL string anew on every execution, even when the prepared statement is cached, one allocation
/// per quoted column name. On a read that selects an entry with its campaign (some 80 columns)
/// that was a tenth of the request's CPU. On the backend's own connection a query with a static
/// shape is looked up in the statement cache by its type and no SQL is written; `eq_any` also
/// becomes one array parameter on PostgreSQL, so a list of ids no longer changes the statement.
/// Used on the hot paths (reading an entry, a vote, the session check); the transaction, the
/// statement cache and the instrumentation are the same connection's either way.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Postgres($c) => $body,
            $crate::db::DbConnection::Sqlite($c) => $body,
        }
    };
}

/// A readiness probe should answer quickly even when the database hangs.
const READY_CHECK_TIMEOUT: Duration = Duration::from_secs(2);

/// Why the server could not open its database at start-up.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot create the directory for the SQLite database {path}: {source}")]
    CreateDir { path: String, source: std::io::Error },
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] ConnectError),
    #[error("database migration failed: {0}")]
    Migrate(migrations::MigrationError),
    #[error("cannot open the connection pool: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
}

/// The shared handle to the database (cheap to clone).
#[derive(Clone)]
pub struct Db {
    pool: Pool<Manager>,
    backend: Backend,
}

/// Pool size, idle and in-use connection counts (for metrics).
pub struct PoolStats {
    pub max_size: u32,
    pub connections: u32,
    pub idle: u32,
}

impl Db {
    /// Connects, applies pending migrations and opens the pool. The first connection is made
    /// directly so that a wrong URL or an unreachable server is reported with its real cause.
    pub fn open(config: &Config) -> Result<Self, StartupError> {
        if let DatabaseUrl::Sqlite(path) = &config.database_url
            && let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| StartupError::CreateDir {
                path: path.display().to_string(),
                source,
            })?;
        }
        let manager = Manager::new(config.database_url.clone());
        let mut first = diesel::r2d2::ManageConnection::connect(&manager)?;
        let applied = migrations::run_pending(&mut first).map_err(StartupError::Migrate)?;
        if !applied.is_empty() {
            log::info!("applied {} migration(s): {}", applied.len(), applied.join(", "));
        }
        drop(first);
        let pool = Pool::builder()
            .max_size(config.db_pool_size)
            .min_idle(Some(1))
            .connection_timeout(config.db_timeout)
            .build(manager)?;
        Ok(Db {
            pool,
            backend: config.database_url.backend(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs blocking diesel work on actix's blocking thread pool with a pooled connection.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = checkout(&pool, None)?;
            work(&mut conn)
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Whether the database answers a trivial query now (for `/ready`); never waits long.
    pub async fn check(&self) -> Result<(), ApiError> {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = checkout(&pool, Some(READY_CHECK_TIMEOUT))?;
            diesel::sql_query("SELECT 1")
                .execute(&mut *conn)
                .map_err(unavailable)?;
            Ok(())
        })
        .await
        .map_err(ApiError::internal)?
    }

    pub fn pool_stats(&self) -> PoolStats {
        let state = self.pool.state();
        PoolStats {
            max_size: self.pool.max_size(),
            connections: state.connections,
            idle: state.idle_connections,
        }
    }

    /// A connection for code that is already off the actix workers (migrations tooling, tests).
    pub fn connection(&self) -> Result<PooledConnection<Manager>, ApiError> {
        checkout(&self.pool, None)
    }
}

fn checkout(pool: &Pool<Manager>, timeout: Option<Duration>) -> Result<PooledConnection<Manager>, ApiError> {
    let conn = match timeout {
        Some(timeout) => pool.get_timeout(timeout),
        None => pool.get(),
    };
    conn.map_err(unavailable)
}

fn unavailable(err: impl std::fmt::Display) -> ApiError {
    log::warn!("database unavailable: {err}");
    ApiError::unavailable("the database is not reachable right now; try again shortly")
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::NotFound => ApiError::new(ErrorCode::NotFound, "no such resource"),
            // Call sites that can name the clashing value map this themselves; this is the
            // fallback for a race that slipped past their check.
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::new(ErrorCode::AlreadyExists, "this already exists")
            }
            // PostgreSQL chose this transaction as a deadlock victim (40P01) or could not
            // serialize it (40001): nothing was written, and the same request will likely pass
            // when sent again.
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                log::warn!("a transaction lost a serialization conflict; answered 503");
                ApiError::unavailable("the request collided with another one; send it again")
            }
            Error::DatabaseError(DatabaseErrorKind::Unknown, info)
                if info.message().contains("deadlock detected") =>
            {
                log::warn!("a transaction was a deadlock victim; answered 503");
                ApiError::unavailable("the request collided with another one; send it again")
            }
            // The connection died under the statement (the database restarted or the network
            // dropped): nothing was committed, and the pool replaces the connection.
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => unavailable(info.message()),
            other => ApiError::internal(other),
        }
    }
}
