//! Prometheus metrics: request counts and latency histograms by route pattern, method and status
//! (recorded by the `actix-web-prom` middleware), the database pool's state, and the job queue
//! (depth and the age of the oldest job by kind and status, failed attempts by kind).

mod handlers;

use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use prometheus::{GaugeVec, IntGauge, IntGaugeVec, Opts, Registry};

use crate::db::Db;
use crate::jobs::QueueStats;

/// Metric names start with this.
const NAMESPACE: &str = "schwarm";

/// Shared by all workers: one registry, one middleware, the pool gauges.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    middleware: PrometheusMetrics,
    pool_max: IntGauge,
    pool_connections: IntGauge,
    pool_idle: IntGauge,
    jobs: IntGaugeVec,
    oldest_job: GaugeVec,
    /// SHA-256 of `METRICS_TOKEN`; without one the endpoint is off.
    token_digest: Option<String>,
}

impl Metrics {
    /// Whether `presented` (a bearer token) opens the metrics: `None` when they are off (no
    /// `METRICS_TOKEN`), else whether it is the token. Digests are compared, so the time taken
    /// does not tell how much of a guess was right.
    pub fn admits(&self, presented: Option<&str>) -> Option<bool> {
        let expected = self.token_digest.as_ref()?;
        Some(presented.is_some_and(|token| crate::digest::sha256_hex(token.as_bytes()) == *expected))
    }

    pub fn new(token: Option<&str>) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let registry = Registry::new();
        let middleware = PrometheusMetricsBuilder::new(NAMESPACE)
            .registry(registry.clone())
            // Paths that match no route are counted under one label, so scanners probing random
            // URLs cannot blow up the number of time series.
            .mask_unmatched_patterns("unmatched")
            .build()?;
        let gauge = |name: &str, help: &str| -> Result<IntGauge, prometheus::Error> {
            let gauge = IntGauge::new(format!("{NAMESPACE}_{name}"), help)?;
            registry.register(Box::new(gauge.clone()))?;
            Ok(gauge)
        };
        registry.register(Box::new(crate::auth::password::VERIFICATIONS.clone()))?;
        registry.register(Box::new(crate::jobs::FAILURES.clone()))?;
        registry.register(Box::new(crate::db::statements::STATEMENTS.clone()))?;
        let jobs = IntGaugeVec::new(
            Opts::new(
                format!("{NAMESPACE}_jobs"),
                "Jobs on the queue by kind and status (queued, running, dead)",
            ),
            &["kind", "status"],
        )?;
        registry.register(Box::new(jobs.clone()))?;
        let oldest_job = GaugeVec::new(
            Opts::new(
                format!("{NAMESPACE}_job_oldest_age_seconds"),
                "Seconds since the oldest job of a kind and status was due",
            ),
            &["kind", "status"],
        )?;
        registry.register(Box::new(oldest_job.clone()))?;
        Ok(Metrics {
            token_digest: token.map(|token| crate::digest::sha256_hex(token.as_bytes())),
            pool_max: gauge(
                "db_pool_max_connections",
                "Configured size of the database connection pool",
            )?,
            pool_connections: gauge(
                "db_pool_connections",
                "Open database connections (idle and in use)",
            )?,
            pool_idle: gauge("db_pool_idle_connections", "Idle database connections")?,
            registry,
            middleware,
            jobs,
            oldest_job,
        })
    }

    /// The middleware that records every request.
    pub fn middleware(&self) -> PrometheusMetrics {
        self.middleware.clone()
    }

    /// Everything in the Prometheus text exposition format, with the pool gauges read now and
    /// the queue as `queue` says.
    fn render(&self, db: &Db, queue: &[QueueStats]) -> Result<String, prometheus::Error> {
        self.jobs.reset();
        self.oldest_job.reset();
        for stats in queue {
            let labels = [stats.kind.as_str(), stats.status.as_str()];
            self.jobs.with_label_values(&labels).set(stats.count);
            self.oldest_job
                .with_label_values(&labels)
                .set(stats.oldest_age_secs);
        }
        let stats = db.pool_stats();
        self.pool_max.set(i64::from(stats.max_size));
        self.pool_connections.set(i64::from(stats.connections));
        self.pool_idle.set(i64::from(stats.idle));
        prometheus::TextEncoder::new().encode_to_string(&self.registry.gather())
    }
}

pub fn configure(cfg: &mut impl crate::http::Register) {
    cfg.service(handlers::get_metrics);
}
