//! Prometheus metrics: request counts and latency histograms by route pattern, method and status
//! (recorded by the `actix-web-prom` middleware), plus the database pool's state.

mod handlers;

use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use prometheus::{IntGauge, Registry};

use crate::db::Db;

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
}

impl Metrics {
    pub fn new() -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
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
        Ok(Metrics {
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
        })
    }

    /// The middleware that records every request.
    pub fn middleware(&self) -> PrometheusMetrics {
        self.middleware.clone()
    }

    /// Everything in the Prometheus text exposition format, with the pool gauges read now.
    fn render(&self, db: &Db) -> Result<String, prometheus::Error> {
        let stats = db.pool_stats();
        self.pool_max.set(i64::from(stats.max_size));
        self.pool_connections.set(i64::from(stats.connections));
        self.pool_idle.set(i64::from(stats.idle));
        prometheus::TextEncoder::new().encode_to_string(&self.registry.gather())
    }
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::get_metrics);
}
