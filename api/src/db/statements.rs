//! Counts the statements every pooled connection sends, `BEGIN` and `COMMIT` included: each is a
//! round trip the request waits for, the first thing to look at when a request is slow. Exposed
//! as `schwarm_db_statements_total` on `/metrics`, by origin: what requests sent and what the job
//! queue sent apart, so a request's statements can be counted exactly while jobs run beside it.
//! The benchmark divides their sum by the requests.

use std::cell::Cell;
use std::sync::LazyLock;

use prometheus::{IntCounter, IntCounterVec, Opts};

pub static STATEMENTS: LazyLock<IntCounterVec> = LazyLock::new(|| {
    #[expect(clippy::expect_used, reason = "a constant, valid metric name and label")]
    IntCounterVec::new(
        Opts::new(
            "schwarm_db_statements_total",
            "Statements sent to the database, BEGIN and COMMIT included (each one a round trip), \
             by origin: request or background (the job queue, migrations)",
        ),
        &["origin"],
    )
    .expect("valid metric")
});

/// The two series, looked up once: a statement is counted without hashing its label.
static BY_ORIGIN: LazyLock<[IntCounter; 2]> = LazyLock::new(|| {
    [Origin::Request, Origin::Background].map(|origin| STATEMENTS.with_label_values(&[origin.label()]))
});

/// Who a connection's statements are sent for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Request,
    Background,
}

impl Origin {
    fn label(self) -> &'static str {
        match self {
            Origin::Request => "request",
            Origin::Background => "background",
        }
    }

    /// Counts this thread's statements under `self` until the guard drops (work runs on a
    /// blocking thread that serves requests and jobs in turn).
    pub fn enter(self) -> Entered {
        Entered {
            before: CURRENT.replace(self),
        }
    }
}

thread_local! {
    /// Outside [`Origin::enter`] (start-up, tooling) nothing is a request.
    static CURRENT: Cell<Origin> = const { Cell::new(Origin::Background) };
}

/// Restores the thread's origin from before [`Origin::enter`].
pub struct Entered {
    before: Origin,
}

impl Drop for Entered {
    fn drop(&mut self) {
        CURRENT.set(self.before);
    }
}

/// Counts one statement started (called by the pool's instrumentation of every connection).
pub fn count() {
    let index = match CURRENT.get() {
        Origin::Request => 0,
        Origin::Background => 1,
    };
    BY_ORIGIN[index].inc();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_count_under_the_origin_entered_and_it_is_restored_after() {
        let sent = |origin: Origin| STATEMENTS.with_label_values(&[origin.label()]).get();
        std::thread::spawn(move || {
            let (requests, background) = (sent(Origin::Request), sent(Origin::Background));
            {
                let _request = Origin::Request.enter();
                count();
                count();
                {
                    let _job = Origin::Background.enter();
                    count();
                }
                count();
            }
            count();
            // Other tests count on other threads at the same time: at least these.
            assert!(sent(Origin::Request) >= requests + 3);
            assert!(sent(Origin::Background) >= background + 2);
            assert_eq!(CURRENT.get(), Origin::Background, "restored");
        })
        .join()
        .expect("the counting thread");
    }
}
