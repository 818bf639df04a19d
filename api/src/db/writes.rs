//! Writes that go to the database together. A vote appends its ballot, a score delta, the day's
//! count and an event: four rows in four tables, written by four modules, each a round trip on
//! which the request waits. [`Writes`] gathers them and sends them as **one statement** on
//! PostgreSQL (the first ones as data-modifying `WITH` clauses of the last); on SQLite, which runs
//! in-process and has no round trip to save, it runs them one after another.
//!
//! A module that writes takes `to: &mut impl Writer`, so its callers choose: a
//! [`DbConnection`] sends each write at once, a [`Writes`] gathers it. Gather only writes whose
//! outcome nothing in between depends on: a gathered write has not happened until
//! [`Writes::send`], and its errors (a unique violation, say) surface there. In one PostgreSQL
//! statement the writes do not see each other's rows, so two of them must not touch the same row.

use diesel::QueryResult;
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::query_dsl::methods::ExecuteDsl;
use diesel::sqlite::Sqlite;

use super::DbConnection;

/// A statement either backend can run (an insert, update or delete built with diesel's DSL).
pub trait Write: QueryFragment<Pg> + QueryFragment<Sqlite> {}

impl<T: QueryFragment<Pg> + QueryFragment<Sqlite>> Write for T {}

/// Where a module's writes go: at once (a [`DbConnection`]) or into a batch ([`Writes`]).
pub trait Writer<'a> {
    /// Writes `statement` (or gathers it).
    fn write<S: Write + QueryId + 'a>(&mut self, statement: S) -> QueryResult<()>;

    /// Writes every statement of `writes` (or gathers them).
    fn write_all(&mut self, writes: Writes<'a>) -> QueryResult<()>;
}

impl<'a> Writer<'a> for DbConnection {
    fn write<S: Write + QueryId + 'a>(&mut self, statement: S) -> QueryResult<()> {
        // Sent as it is, so a statement with a static shape is found in the cache by its type.
        match self {
            DbConnection::Postgres(pg) => ExecuteDsl::<_, Pg>::execute(statement, pg),
            DbConnection::Sqlite(lite) => ExecuteDsl::<_, Sqlite>::execute(statement, lite),
        }
        .map(drop)
    }

    fn write_all(&mut self, writes: Writes<'a>) -> QueryResult<()> {
        writes.send(self)
    }
}

/// Writes gathered to be sent together (see the module's documentation).
#[derive(Default)]
pub struct Writes<'a> {
    statements: Vec<Box<dyn Write + 'a>>,
}

impl<'a> Writer<'a> for Writes<'a> {
    fn write<S: Write + QueryId + 'a>(&mut self, statement: S) -> QueryResult<()> {
        self.statements.push(Box::new(statement));
        Ok(())
    }

    fn write_all(&mut self, writes: Writes<'a>) -> QueryResult<()> {
        self.statements.extend(writes.statements);
        Ok(())
    }
}

impl<'a> Writes<'a> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends the gathered writes in the order they were gathered: one statement on PostgreSQL,
    /// one after another on SQLite. Nothing is sent when there are none.
    pub fn send(self, conn: &mut DbConnection) -> QueryResult<()> {
        if self.statements.is_empty() {
            return Ok(());
        }
        match conn {
            DbConnection::Postgres(pg) => {
                ExecuteDsl::<_, Pg>::execute(Together(&self.statements), pg).map(drop)
            }
            DbConnection::Sqlite(lite) => self.statements.iter().try_for_each(|statement| {
                ExecuteDsl::<_, Sqlite>::execute(One(&**statement), lite).map(drop)
            }),
        }
    }
}

/// `WITH w0 AS (first), w1 AS (second), … last`: PostgreSQL runs every data-modifying `WITH`
/// clause to completion, whether the main statement reads it or not.
struct Together<'w, 'a>(&'w [Box<dyn Write + 'a>]);

impl QueryFragment<Pg> for Together<'_, '_> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        let Some((last, first)) = self.0.split_last() else {
            return Ok(());
        };
        for (n, statement) in first.iter().enumerate() {
            out.push_sql(if n == 0 { "WITH " } else { ", " });
            out.push_sql(&format!("w{n} AS ("));
            QueryFragment::<Pg>::walk_ast(&**statement, out.reborrow())?;
            out.push_sql(")");
        }
        if !first.is_empty() {
            out.push_sql(" ");
        }
        QueryFragment::<Pg>::walk_ast(&**last, out.reborrow())
    }
}

/// Its shape depends on what was gathered: the statement cache finds it by its SQL.
impl QueryId for Together<'_, '_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

/// One gathered statement, run on its own (SQLite).
struct One<'w>(&'w dyn Write);

impl QueryFragment<Sqlite> for One<'_> {
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        QueryFragment::<Sqlite>::walk_ast(self.0, out)
    }
}

impl QueryId for One<'_> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}
