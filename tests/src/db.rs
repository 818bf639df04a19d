//! Direct reads of a test server's database, for checks the API cannot make: that a vote is
//! stored exactly once, that stored scores equal a recount of the votes.

use std::time::{Duration, Instant};

use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl, SqliteConnection};

pub enum TestDb {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(QueryableByName)]
struct KeyCount {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

impl TestDb {
    pub fn connect(url: &str) -> TestDb {
        match url.strip_prefix("sqlite://") {
            Some(path) => {
                let mut lite = SqliteConnection::establish(path).expect("open the SQLite database");
                // The server writes meanwhile: wait for its lock as it does, never fail on it.
                diesel::sql_query("PRAGMA busy_timeout = 10000")
                    .execute(&mut lite)
                    .expect("set the busy timeout");
                TestDb::Sqlite(lite)
            }
            None => TestDb::Postgres(PgConnection::establish(url).expect("connect to PostgreSQL")),
        }
    }

    /// Rows of `(key, n)` from a query selecting a text `key` and an integer `n` (cast sums with
    /// `CAST(... AS BIGINT)`: PostgreSQL sums bigints as numeric).
    pub fn key_counts(&mut self, sql: &str) -> Vec<(String, i64)> {
        let rows: Vec<KeyCount> = match self {
            TestDb::Postgres(pg) => diesel::sql_query(sql).load(pg),
            TestDb::Sqlite(lite) => diesel::sql_query(sql).load(lite),
        }
        .unwrap_or_else(|err| panic!("{sql}: {err}"));
        rows.into_iter().map(|row| (row.key, row.n)).collect()
    }

    /// Runs a statement that changes rows, to set up a state the API cannot reach (data an older
    /// version wrote); returns how many rows it changed.
    pub fn execute(&mut self, sql: &str) -> usize {
        match self {
            TestDb::Postgres(pg) => diesel::sql_query(sql).execute(pg),
            TestDb::Sqlite(lite) => diesel::sql_query(sql).execute(lite),
        }
        .unwrap_or_else(|err| panic!("{sql}: {err}"))
    }

    /// Waits until the server has folded every vote delta into the scores.
    pub fn wait_for_folded_scores(&mut self) {
        // Long enough for a fold whose replica died to be taken over when its lease (15 s at
        // the least) runs out.
        let deadline = Instant::now() + Duration::from_secs(45);
        loop {
            let pending = self.key_counts("SELECT 'pending' AS key, COUNT(*) AS n FROM vote_deltas");
            if pending[0].1 == 0 {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{} vote deltas still pending",
                pending[0].1
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
