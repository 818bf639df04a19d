//! The one connection type of the server: PostgreSQL or SQLite behind one diesel API.
//!
//! Kept in its own module because `#[derive(MultiConnection)]` emits helper modules beside the
//! enum.

/// A connection to whichever backend `DATABASE_URL` selected.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}
