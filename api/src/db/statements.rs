//! Counts the statements every pooled connection sends, `BEGIN` and `COMMIT` included: each is a
//! round trip the request waits for, the first thing to look at when a request is slow. Exposed
//! as `schwarm_db_statements_total` on `/metrics`; the benchmark divides it by the requests.

use std::sync::LazyLock;

use prometheus::IntCounter;

pub static STATEMENTS: LazyLock<IntCounter> = LazyLock::new(|| {
    #[expect(clippy::expect_used, reason = "a constant, valid metric name")]
    IntCounter::new(
        "schwarm_db_statements_total",
        "Statements sent to the database, BEGIN and COMMIT included (each one a round trip)",
    )
    .expect("valid metric")
});

/// Counts one statement started (called by the pool's instrumentation of every connection).
pub fn count() {
    STATEMENTS.inc();
}
