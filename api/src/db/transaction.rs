//! Write transactions that never fail with "database is locked" on SQLite.
//!
//! A plain `BEGIN` on SQLite starts a read transaction that is upgraded at its first write; when
//! two such transactions both try to upgrade, SQLite fails one at once with SQLITE_BUSY and the
//! busy timeout cannot help. `BEGIN IMMEDIATE` takes the write lock up front, so concurrent
//! writers queue on the busy timeout instead. PostgreSQL needs nothing special.

use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::query_dsl::methods::ExecuteDsl;
use diesel::sql_types::{Bool, Text};
use diesel::sqlite::Sqlite;

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
    let DbConnection::Postgres(pg) = conn else {
        return Ok(());
    };
    // A select list holds at most 1664 columns; larger lists go in chunks, in order.
    for chunk in keys.chunks(1000) {
        ExecuteDsl::<_, Pg>::execute(AdvisoryLocks(chunk), pg)?;
    }
    Ok(())
}

/// `SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), …`, one per key. Written as a query
/// fragment rather than with `sql_query`, which diesel never keeps prepared: this one is
/// prepared once per connection and number of keys, and PostgreSQL no longer parses and plans it
/// on every vote.
struct AdvisoryLocks<'k>(&'k [&'k str]);

impl QueryFragment<Pg> for AdvisoryLocks<'_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> diesel::QueryResult<()> {
        // The select list is evaluated left to right, so the locks are taken in the keys' order.
        out.push_sql("SELECT ");
        for (n, key) in self.0.iter().enumerate() {
            if n > 0 {
                out.push_sql(", ");
            }
            out.push_sql("pg_advisory_xact_lock(hashtextextended(");
            out.push_bind_param::<Text, _>(*key)?;
            out.push_sql(", 0))");
        }
        Ok(())
    }
}

/// Its SQL depends on the number of keys: the statement cache finds it by its SQL.
impl QueryId for AdvisoryLocks<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

/// An expression that takes, on PostgreSQL, the transaction-scoped advisory lock on the text
/// `key` and is false; on SQLite it is false and takes nothing (its writers queue). Selected with
/// a query, the lock costs no round trip of its own, and `key` may name the columns of the row
/// the query reads (a lock per campaign, for a query that reads the campaign). Several in one
/// select list are taken left to right. As with [`lock_keys`], read what the lock guards in a
/// later statement; and select it from a query that finds one row at most, since every row
/// found takes it.
#[derive(Debug, Clone, Copy, QueryId)]
pub struct Locked<K>(pub K);

impl<K> Expression for Locked<K> {
    type SqlType = Bool;
}

impl<K: AppearsOnTable<QS>, QS> AppearsOnTable<QS> for Locked<K> {}

impl<K: SelectableExpression<QS>, QS> SelectableExpression<QS> for Locked<K> {}

impl<K: ValidGrouping<()>> ValidGrouping<()> for Locked<K> {
    type IsAggregate = K::IsAggregate;
}

impl<K: QueryFragment<Pg>> QueryFragment<Pg> for Locked<K> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> diesel::QueryResult<()> {
        // The function returns `void`, which no client reads: `IS NULL` makes it a boolean.
        out.push_sql("(pg_advisory_xact_lock(hashtextextended(");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(", 0)) IS NULL)");
        Ok(())
    }
}

impl<K> QueryFragment<Sqlite> for Locked<K> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> diesel::QueryResult<()> {
        out.push_sql("0");
        Ok(())
    }
}
