//! The r2d2 connection pool, with a manager that builds the backend named by `DATABASE_URL`.
//!
//! diesel's own `ConnectionManager<MultiConnection>` tries every backend in turn and reports only
//! the last failure, which hides the real reason a PostgreSQL connection failed; this manager
//! connects to exactly one backend and keeps its error.

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ManageConnection, R2D2Connection};
use diesel::{Connection, PgConnection, SqliteConnection};

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
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                conn.batch_execute(SQLITE_PRAGMAS)?;
                DbConnection::Sqlite(conn)
            }
        };
        conn.set_instrumentation(super::statements::count);
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), ConnectError> {
        Ok(conn.ping()?)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}
