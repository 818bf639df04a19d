//! Schema migrations, embedded in the binary per backend (same names, dialect-specific SQL) and
//! run at start-up.

use diesel::RunQueryDsl;
use diesel::migration::MigrationSource;
use diesel::pg::Pg;
use diesel::sqlite::Sqlite;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConnection;

const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// Any fixed number shared by all replicas: the key of the advisory lock that lets only one
/// replica migrate a PostgreSQL database at a time when several start together.
const MIGRATION_LOCK_KEY: i64 = 0x5C4A_524D;

pub type MigrationError = Box<dyn std::error::Error + Send + Sync>;

/// Applies every pending migration and returns the names of those applied.
pub fn run_pending(conn: &mut DbConnection) -> Result<Vec<String>, MigrationError> {
    match conn {
        DbConnection::Postgres(pg) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")).execute(pg)?;
            let applied = pg.run_pending_migrations(POSTGRES).map(names);
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")).execute(pg)?;
            applied
        }
        DbConnection::Sqlite(lite) => lite.run_pending_migrations(SQLITE).map(names),
    }
}

/// Reverts every applied migration, newest first (operators rolling back; tests proving that
/// every `down.sql` works).
pub fn revert_all(conn: &mut DbConnection) -> Result<Vec<String>, MigrationError> {
    match conn {
        DbConnection::Postgres(pg) => pg.revert_all_migrations(POSTGRES).map(names),
        DbConnection::Sqlite(lite) => lite.revert_all_migrations(SQLITE).map(names),
    }
}

fn names(versions: Vec<diesel::migration::MigrationVersion<'_>>) -> Vec<String> {
    versions.iter().map(ToString::to_string).collect()
}

/// The names of the embedded PostgreSQL migrations (the two sets must match name for name).
pub fn names_for_postgres() -> Vec<String> {
    names_of::<Pg>(POSTGRES)
}

/// The names of the embedded SQLite migrations.
pub fn names_for_sqlite() -> Vec<String> {
    names_of::<Sqlite>(SQLITE)
}

fn names_of<C: diesel::backend::Backend>(source: EmbeddedMigrations) -> Vec<String>
where
    EmbeddedMigrations: MigrationSource<C>,
{
    MigrationSource::<C>::migrations(&source)
        .map(|all| all.iter().map(|m| m.name().to_string()).collect())
        .unwrap_or_default()
}
