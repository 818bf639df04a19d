//! The r2d2 connection pool, with a manager that builds the backend named by `DATABASE_URL`.
//!
//! diesel's own `ConnectionManager<MultiConnection>` tries every backend in turn and reports only
//! the last failure, which hides the real reason a PostgreSQL connection failed; this manager
//! connects to exactly one backend and keeps its error.

use std::time::{Duration, Instant};

use diesel::connection::{Instrumentation, InstrumentationEvent, SimpleConnection};
use diesel::r2d2::{ManageConnection, R2D2Connection};
use diesel::{Connection, PgConnection, QueryResult, RunQueryDsl, SqliteConnection};

use super::DbConnection;
use crate::config::DatabaseUrl;

/// SQLite settings applied to every pooled connection: WAL lets readers run beside the one
/// writer; busy_timeout makes a writer wait for the lock instead of failing with "database is
/// locked"; foreign keys are off by default in SQLite.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL;
     PRAGMA busy_timeout = 10000;
     PRAGMA synchronous = NORMAL;
     PRAGMA foreign_keys = ON;";

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(transparent)]
    Connection(#[from] diesel::ConnectionError),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

pub struct Manager {
    url: DatabaseUrl,
}

impl Manager {
    pub fn new(url: DatabaseUrl) -> Self {
        Self { url }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = ConnectError;

    fn connect(&self) -> Result<DbConnection, ConnectError> {
        let mut conn = match &self.url {
            DatabaseUrl::Postgres(url) => DbConnection::Postgres(PgConnection::establish(url)?),
            DatabaseUrl::Sqlite(path) => {
                DbConnection::Sqlite(SqliteConnection::establish(&path.to_string_lossy())?)
            }
        };
        conn.set_instrumentation(Watch::default());
        if let DbConnection::Sqlite(sqlite) = &mut conn {
            sqlite.batch_execute(SQLITE_PRAGMAS)?;
            static CHECKED: std::sync::Once = std::sync::Once::new();
            CHECKED.call_once(|| warn_about_missing_sqlite_options(sqlite));
        }
        Ok(conn)
    }

    /// Pings a connection before it is lent out, unless it answered a statement a moment ago:
    /// under load every connection is in constant use, and a ping per request would be one
    /// round trip in five of a vote. A connection that failed a statement is always pinged.
    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ConnectError> {
        let recently_alive = conn
            .instrumentation()
            .downcast_ref::<Watch>()
            .is_some_and(|watch| watch.answered_within(ALIVE_WITHOUT_PING));
        if recently_alive {
            return Ok(());
        }
        Ok(conn.ping()?)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// The compile-time options `.cargo/config.toml` gives the bundled SQLite. A build that lost them
/// (`LIBSQLITE3_FLAGS` set in the environment wins over the file) still works, only slower.
const SQLITE_BUILD_OPTIONS: [&str; 2] = ["ENABLE_QPSG", "DEFAULT_MEMSTATUS=0"];

fn missing_sqlite_options(sqlite: &mut SqliteConnection) -> QueryResult<Vec<&'static str>> {
    #[derive(diesel::QueryableByName)]
    struct CompileOption {
        #[diesel(sql_type = diesel::sql_types::Text)]
        compile_options: String,
    }
    let present: Vec<CompileOption> =
        diesel::sql_query("SELECT compile_options FROM pragma_compile_options").load(sqlite)?;
    Ok(SQLITE_BUILD_OPTIONS
        .into_iter()
        .filter(|wanted| !present.iter().any(|option| option.compile_options == *wanted))
        .collect())
}

fn warn_about_missing_sqlite_options(sqlite: &mut SqliteConnection) {
    match missing_sqlite_options(sqlite) {
        Ok(missing) if missing.is_empty() => {}
        Ok(missing) => log::warn!(
            "this server's SQLite was built without {missing:?} (see .cargo/config.toml): \
             it prepares statements again when their values change, and runs slower"
        ),
        Err(err) => log::warn!("cannot read SQLite's compile options: {err}"),
    }
}

/// How recent an answer must be to stand in for a ping. HikariCP's `aliveBypassWindowMs` does
/// the same with 500 ms; a connection that died within the window costs one request a 503 (its
/// statement fails with a closed connection) and is pinged, found dead and replaced next time.
const ALIVE_WITHOUT_PING: Duration = Duration::from_millis(500);

/// Every pooled connection's instrumentation: counts its statements
/// ([`super::statements`]) and remembers when the database last answered one without error.
#[derive(Default)]
struct Watch {
    last_answer: Option<Instant>,
}

impl Watch {
    /// Whether the database answered this connection's last statement, within `window`.
    fn answered_within(&self, window: Duration) -> bool {
        self.last_answer.is_some_and(|at| at.elapsed() < window)
    }
}

impl Instrumentation for Watch {
    fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
        match event {
            InstrumentationEvent::StartQuery { query, .. } => {
                super::statements::count();
                // `RUST_LOG=schwarm_api::db=trace` lists every statement a request sends.
                log::trace!("statement: {query}");
            }
            // Any error, even a refusal such as a unique violation, makes the next lending ping:
            // errors are rare, and telling a dead socket from a refusal is not worth the risk.
            InstrumentationEvent::FinishQuery { error: None, .. } => self.last_answer = Some(Instant::now()),
            InstrumentationEvent::FinishQuery { error: Some(_), .. } => self.last_answer = None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watch(conn: &mut DbConnection) -> &Watch {
        conn.instrumentation()
            .downcast_ref::<Watch>()
            .expect("every pooled connection carries a Watch")
    }

    #[test]
    fn the_bundled_sqlite_plans_without_looking_at_bound_values() {
        let dir = tempfile::tempdir().expect("temp dir");
        let manager = Manager::new(DatabaseUrl::Sqlite(dir.path().join("options.sqlite")));
        let DbConnection::Sqlite(mut sqlite) = manager.connect().expect("a SQLite connection") else {
            unreachable!("a SQLite URL gives a SQLite connection")
        };
        assert_eq!(
            missing_sqlite_options(&mut sqlite).expect("compile options"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_connection_counts_as_alive_only_after_an_answer_without_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let manager = Manager::new(DatabaseUrl::Sqlite(dir.path().join("watch.sqlite")));
        let mut conn = manager.connect().expect("a SQLite connection");
        let hour = Duration::from_secs(3600);
        assert!(
            watch(&mut conn).answered_within(hour),
            "the pragmas were answered"
        );

        diesel::sql_query("SELECT no_such_column FROM no_such_table")
            .execute(&mut conn)
            .expect_err("a failing statement");
        assert!(
            !watch(&mut conn).answered_within(hour),
            "an error forgets the last answer"
        );

        diesel::sql_query("SELECT 1")
            .execute(&mut conn)
            .expect("an answer");
        assert!(watch(&mut conn).answered_within(hour));
        assert!(
            !watch(&mut conn).answered_within(Duration::ZERO),
            "the window bounds it"
        );
        manager.is_valid(&mut conn).expect("a live connection is valid");
    }
}
