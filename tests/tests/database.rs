//! The database layer on the current backend, in-process through the server library: migrations
//! are reversible, and concurrent writers never fail with "database is locked".

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use diesel::RunQueryDsl;
use diesel::sql_types::{BigInt, Text};
use schwarm_api::config::Config;
use schwarm_api::db::{Db, DbConnection, migrations, write_transaction};
use schwarm_tests::TestDatabase;

fn open(db: &TestDatabase, pool_size: u32) -> Db {
    let data_dir = tempfile::tempdir().unwrap();
    let url = db.url.clone();
    let config = Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "DATA_DIR" => Some(data_dir.path().display().to_string()),
        "DB_POOL_SIZE" => Some(pool_size.to_string()),
        "DB_TIMEOUT_SECS" => Some("30".into()),
        _ => None,
    })
    .unwrap();
    Db::open(&config).unwrap()
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

fn user_tables(conn: &mut DbConnection) -> BTreeSet<String> {
    let query = match conn {
        DbConnection::Postgres(_) => {
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        }
        DbConnection::Sqlite(_) => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
    };
    diesel::sql_query(query)
        .load::<Name>(conn)
        .unwrap()
        .into_iter()
        .map(|row| row.name)
        .filter(|name| name != "__diesel_schema_migrations")
        .collect()
}

#[test]
fn both_backends_embed_the_same_migrations() {
    assert_eq!(migrations::names_for_postgres(), migrations::names_for_sqlite());
}

#[test]
fn every_migration_reverts_cleanly_and_reapplies() {
    let test_db = TestDatabase::fresh();
    let db = open(&test_db, 2);
    let mut conn = db.connection().unwrap();
    let migrated = user_tables(&mut conn);

    let reverted = migrations::revert_all(&mut conn).unwrap();
    assert_eq!(
        reverted.len(),
        migrations::names_for_sqlite().len(),
        "every migration was reverted"
    );
    assert!(
        user_tables(&mut conn).is_empty(),
        "down.sql files left tables behind: {:?}",
        user_tables(&mut conn)
    );

    let reapplied = migrations::run_pending(&mut conn).unwrap();
    assert_eq!(reapplied.len(), reverted.len());
    assert_eq!(
        user_tables(&mut conn),
        migrated,
        "re-applying gives the same schema"
    );
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The pattern that breaks naive SQLite setups: many transactions that read, then write. With a
/// plain deferred `BEGIN`, two of them upgrading at once makes SQLite fail one immediately with
/// "database is locked"; `write_transaction` must make them queue instead.
#[test]
fn parallel_read_then_write_transactions_all_commit() {
    const THREADS: i64 = 8;
    const PER_THREAD: i64 = 25;
    let test_db = TestDatabase::fresh();
    let db = Arc::new(open(&test_db, THREADS as u32));
    {
        let mut conn = db.connection().unwrap();
        diesel::sql_query("CREATE TABLE write_probe (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)")
            .execute(&mut conn)
            .unwrap();
        diesel::sql_query("INSERT INTO write_probe (id, n) VALUES (1, 0)")
            .execute(&mut conn)
            .unwrap();
    }
    let workers: Vec<_> = (0..THREADS)
        .map(|_| {
            let db = Arc::clone(&db);
            std::thread::spawn(move || {
                let mut conn = db.connection().unwrap();
                for _ in 0..PER_THREAD {
                    write_transaction(&mut conn, |conn| {
                        diesel::sql_query("SELECT n FROM write_probe WHERE id = 1").load::<Count>(conn)?;
                        // Widen the window between the read and the write, as real work does.
                        std::thread::sleep(Duration::from_millis(1));
                        diesel::sql_query("UPDATE write_probe SET n = n + 1 WHERE id = 1").execute(conn)?;
                        Ok::<_, diesel::result::Error>(())
                    })
                    .expect("a write transaction failed");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("writer thread panicked");
    }
    let mut conn = db.connection().unwrap();
    let total = diesel::sql_query("SELECT n FROM write_probe WHERE id = 1")
        .get_result::<Count>(&mut conn)
        .unwrap();
    assert_eq!(
        total.n,
        THREADS * PER_THREAD,
        "every increment committed exactly once"
    );
}

#[test]
fn a_failed_write_transaction_leaves_nothing_behind() {
    let test_db = TestDatabase::fresh();
    let db = open(&test_db, 2);
    let mut conn = db.connection().unwrap();
    diesel::sql_query("CREATE TABLE rollback_probe (id BIGINT PRIMARY KEY)")
        .execute(&mut conn)
        .unwrap();
    let result = write_transaction(&mut conn, |conn| {
        diesel::sql_query("INSERT INTO rollback_probe (id) VALUES (1)").execute(conn)?;
        diesel::sql_query("INSERT INTO rollback_probe (id) VALUES (1)").execute(conn)?;
        Ok::<_, diesel::result::Error>(())
    });
    assert!(result.is_err(), "the duplicate key fails the transaction");
    let count = diesel::sql_query("SELECT COUNT(*) AS n FROM rollback_probe")
        .get_result::<Count>(&mut conn)
        .unwrap();
    assert_eq!(count.n, 0, "the first insert was rolled back");
    // The connection is usable afterwards (no transaction left open).
    write_transaction(&mut conn, |conn| {
        diesel::sql_query("INSERT INTO rollback_probe (id) VALUES (2)")
            .execute(conn)
            .map(drop)
    })
    .unwrap();
}
