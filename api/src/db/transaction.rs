//! Write transactions that never fail with "database is locked" on SQLite.
//!
//! A plain `BEGIN` on SQLite starts a read transaction that is upgraded at its first write; when
//! two such transactions both try to upgrade, SQLite fails one at once with SQLITE_BUSY and the
//! busy timeout cannot help. `BEGIN IMMEDIATE` takes the write lock up front, so concurrent
//! writers queue on the busy timeout instead. PostgreSQL needs nothing special.

use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};

use super::DbConnection;

/// Runs `work` in a transaction that will write: committed when it returns `Ok`, rolled back
/// when it returns `Err`. Nested `conn.transaction(..)` calls inside become savepoints.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Postgres(_) => return conn.transaction(work),
        DbConnection::Sqlite(lite) => AnsiTransactionManager::begin_transaction_sql(lite, "BEGIN IMMEDIATE")?,
    }
    let outcome = work(conn);
    let DbConnection::Sqlite(lite) = conn else {
        // `work` swapped the connection for another backend mid-transaction; nothing here
        // does, but a half-open transaction must not pass silently.
        return Err(diesel::result::Error::BrokenTransactionManager.into());
    };
    match outcome {
        Ok(value) => match AnsiTransactionManager::commit_transaction(lite) {
            Ok(()) => Ok(value),
            Err(commit_error) => {
                // Same recovery as diesel's own `transaction`: a failed COMMIT leaves the
                // transaction open, so roll it back before reporting the commit error.
                let _ = AnsiTransactionManager::rollback_transaction(lite);
                Err(commit_error.into())
            }
        },
        Err(work_error) => {
            AnsiTransactionManager::rollback_transaction(lite)?;
            Err(work_error)
        }
    }
}

/// Serialises write transactions that share `key` until the current transaction ends (a
/// rule that reads before it writes, such as a per-member limit or a voter's budget, holds
/// under parallel requests). PostgreSQL: a transaction-scoped advisory lock on the key's hash;
/// SQLite: nothing, its write transactions are serial already.
pub fn lock_key(conn: &mut DbConnection, key: &str) -> Result<(), diesel::result::Error> {
    lock_keys(conn, &[key])
}

/// [`lock_key`] for each of `keys`, in their order, in one round trip. Read what the locks
/// guard in a later statement: on PostgreSQL a statement reads what was committed when it began,
/// before its locks were granted.
pub fn lock_keys(conn: &mut DbConnection, keys: &[&str]) -> Result<(), diesel::result::Error> {
    use diesel::RunQueryDsl;
    let DbConnection::Postgres(pg) = conn else {
        return Ok(());
    };
    if keys.is_empty() {
        return Ok(());
    }
    // The select list is evaluated left to right, so the locks are taken in the keys' order.
    let locks: Vec<String> = (1..=keys.len())
        .map(|n| format!("pg_advisory_xact_lock(hashtextextended(${n}, 0))"))
        .collect();
    let mut query = diesel::sql_query(format!("SELECT {}", locks.join(", "))).into_boxed();
    for key in keys {
        query = query.bind::<diesel::sql_types::Text, _>(*key);
    }
    query.execute(pg)?;
    Ok(())
}
