//! Database access: one pool of [`DbConnection`]s, and [`Db::run`] to use one off the actix
//! worker threads.

mod connection;
pub mod fragment;
pub mod migrations;
mod pool;
pub mod raw;
pub mod search;
pub mod statements;
pub mod text_enum;
mod transaction;
pub mod writes;

use std::sync::Arc;
use std::time::Duration;

use actix_web::web;
use diesel::RunQueryDsl;
use diesel::r2d2::{Pool, PooledConnection};

use crate::config::{Backend, Config, DatabaseUrl};
use crate::error::{ApiError, ErrorCode};
pub use connection::{DbConnection, MultiBackend};
pub use pool::{ConnectError, Manager};
pub use transaction::{Locked, lock_key, lock_keys, write_transaction};
pub use writes::{Writer, Writes};

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
    /// One turn per pooled connection: work waits here, in arrival order, before it takes a
    /// blocking thread. r2d2 hands a returned connection to whichever thread locks the pool
    /// first, so a thread woken for it often loses it to a newcomer and sleeps again at the back:
    /// in a benchmark the slowest 1 % of votes took 0.1–0.4 s while the median took 45 ms. With
    /// a turn in hand a connection is free (jobs and requests all take turns), and threads that
    /// would only sleep on the pool are never started.
    turns: Arc<tokio::sync::Semaphore>,
    /// How long work waits for its turn (`DB_TIMEOUT_SECS`) before it answers 503.
    wait: Duration,
    /// Whom this handle's statements are counted for (`schwarm_db_statements_total`).
    origin: statements::Origin,
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
            turns: Arc::new(tokio::sync::Semaphore::new(config.db_pool_size as usize)),
            wait: config.db_timeout,
            origin: statements::Origin::Request,
        })
    }

    /// The same pool and turns, its statements counted as background work (the job queue's).
    pub fn background(&self) -> Db {
        Db {
            origin: statements::Origin::Background,
            ..self.clone()
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Runs blocking diesel work with a pooled connection, once it is its turn.
    ///
    /// A request's work runs right here, on the HTTP worker that answers it, when a connection
    /// lies idle in the pool (it does whenever the pool is warm). Handing it to a blocking thread
    /// and back cost two thread wake-ups a database turn, half of all the context switches of a
    /// read by id, and a runnable thread more for every request in flight: on a machine whose
    /// cores the database shares, that was the read by id's tail (p99 5–8× its median, 2–3×
    /// here). A worker blocked on a statement holds up the other connections it serves, so the
    /// server starts several (`WORKERS`: two a core, up to one per pooled connection), and
    /// anything slow stays off the workers: opening a connection (none idle), the readiness
    /// check and all background work (jobs wait on channels and run long batches) still go to
    /// the blocking pool. A connection that a panic left inside a transaction is discarded on
    /// return, as before (`Manager::has_broken`).
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let turn = self.turn(self.wait).await?;
        if self.origin == statements::Origin::Request
            && let Some(mut conn) = self.pool.try_get()
        {
            let _counted = self.origin.enter();
            // A panic answers 500, as it does from a blocking thread, instead of taking the
            // worker and every connection it serves down with it.
            let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&mut conn)))
                .unwrap_or_else(|_| Err(ApiError::internal("database work panicked")));
            drop(conn);
            drop(turn);
            return done;
        }
        let (pool, origin) = (self.pool.clone(), self.origin);
        web::block(move || {
            let _counted = origin.enter();
            let mut conn = checkout(&pool, None)?;
            let done = work(&mut conn);
            // The connection goes back before the turn, so the next in line finds it free.
            drop(conn);
            drop(turn);
            done
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Whether the database answers a trivial query now (for `/ready`); never waits long.
    pub async fn check(&self) -> Result<(), ApiError> {
        let turn = self.turn(READY_CHECK_TIMEOUT).await?;
        let (pool, origin) = (self.pool.clone(), self.origin);
        web::block(move || {
            let _turn = turn;
            let _counted = origin.enter();
            let mut conn = checkout(&pool, Some(READY_CHECK_TIMEOUT))?;
            diesel::sql_query("SELECT 1")
                .execute(&mut *conn)
                .map_err(unavailable)?;
            Ok(())
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Waits, in arrival order, for one of the connections; `wait` at the most.
    async fn turn(&self, wait: Duration) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        match tokio::time::timeout(wait, self.turns.clone().acquire_owned()).await {
            Ok(Ok(turn)) => Ok(turn),
            Ok(Err(closed)) => Err(ApiError::internal(closed)),
            Err(_) => Err(unavailable(format!(
                "no database connection came free within {} ms",
                wait.as_millis()
            ))),
        }
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex, mpsc};

    use super::*;

    /// A database on a fresh SQLite file with `pool_size` connections, waiting 1 s for a turn.
    fn open(dir: &tempfile::TempDir, pool_size: u32) -> Db {
        let url = format!("sqlite://{}", dir.path().join("turns.db").display());
        let data_dir = dir.path().display().to_string();
        let config = Config::from_lookup(|name| match name {
            "DATABASE_URL" => Some(url.clone()),
            "DATA_DIR" => Some(data_dir.clone()),
            "DB_POOL_SIZE" => Some(pool_size.to_string()),
            "DB_TIMEOUT_SECS" => Some("1".into()),
            _ => None,
        })
        .unwrap();
        Db::open(&config).unwrap()
    }

    /// As the job queue's: work that blocks on channels, which on the test's one thread only the
    /// blocking pool can run (a request's work runs on the thread that awaits it).
    fn open_background(dir: &tempfile::TempDir, pool_size: u32) -> Db {
        open(dir, pool_size).background()
    }

    /// Holds the only connection until the returned sender is dropped.
    async fn hold(
        db: &Db,
    ) -> (
        mpsc::Sender<()>,
        actix_web::rt::task::JoinHandle<Result<(), ApiError>>,
    ) {
        let (release, released) = mpsc::channel::<()>();
        let (taken, is_taken) = tokio::sync::oneshot::channel();
        let holder = db.clone();
        let handle = actix_web::rt::spawn(async move {
            holder
                .run(move |_conn| {
                    taken.send(()).unwrap();
                    let _ = released.recv();
                    Ok(())
                })
                .await
        });
        is_taken.await.unwrap();
        (release, handle)
    }

    /// Spawns work that records `n` once it has a connection, and lets it reach the queue.
    async fn ask(
        db: &Db,
        served: &Arc<Mutex<Vec<usize>>>,
        n: usize,
    ) -> actix_web::rt::task::JoinHandle<Result<(), ApiError>> {
        let (db, served) = (db.clone(), Arc::clone(served));
        let asked = actix_web::rt::spawn(async move {
            db.run(move |_conn| {
                served.lock().unwrap().push(n);
                Ok(())
            })
            .await
        });
        actix_web::rt::task::yield_now().await;
        asked
    }

    #[actix_web::test]
    async fn work_gets_the_connection_in_the_order_it_asked() {
        let dir = tempfile::tempdir().unwrap();
        let db = open_background(&dir, 1);
        let (release, holder) = hold(&db).await;
        let served = Arc::new(Mutex::new(Vec::new()));
        let mut asked = Vec::new();
        for n in 0..8 {
            asked.push(ask(&db, &served, n).await);
        }
        // Newcomers keep arriving while the queue drains: none may overtake those waiting (a
        // pool that hands a returned connection to whoever grabs it first lets them).
        drop(release);
        for n in 8..200 {
            asked.push(ask(&db, &served, n).await);
        }
        holder.await.unwrap().unwrap();
        for work in asked {
            work.await.unwrap().unwrap();
        }
        assert_eq!(*served.lock().unwrap(), (0..200).collect::<Vec<_>>());
    }

    #[actix_web::test]
    async fn work_that_gets_no_connection_in_time_answers_503() {
        let dir = tempfile::tempdir().unwrap();
        let db = open_background(&dir, 1);
        let (release, holder) = hold(&db).await;
        let refused = db.run(|_conn| Ok(())).await.unwrap_err();
        assert_eq!(refused.code(), ErrorCode::Unavailable);
        drop(release);
        holder.await.unwrap().unwrap();
        db.run(|_conn| Ok(()))
            .await
            .expect("served once the connection is free");
    }

    #[actix_web::test]
    async fn a_requests_work_runs_on_the_thread_that_awaits_it_and_jobs_work_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&dir, 2);
        let here = std::thread::current().id();
        let request = db.run(|_conn| Ok(std::thread::current().id())).await.unwrap();
        assert_eq!(request, here, "a request's work hops to another thread");
        let job = db
            .background()
            .run(|_conn| Ok(std::thread::current().id()))
            .await
            .unwrap();
        assert_ne!(job, here, "background work runs on the thread that awaits it");
    }

    #[actix_web::test]
    async fn a_request_whose_work_panics_answers_500_and_the_next_is_served() {
        let dir = tempfile::tempdir().unwrap();
        let db = open(&dir, 1);
        let failed = db
            .run(|_conn| -> Result<(), ApiError> { panic!("a bug in a repository") })
            .await
            .unwrap_err();
        assert_eq!(failed.code(), ErrorCode::Internal);
        let answer = db
            .run(|conn| {
                diesel::sql_query("SELECT 1").execute(conn)?;
                Ok(std::thread::current().id())
            })
            .await
            .expect("the connection and its turn came back");
        assert_eq!(answer, std::thread::current().id());
    }
}
