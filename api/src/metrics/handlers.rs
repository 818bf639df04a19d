use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, get, web};

use super::Metrics;
use crate::db::Db;
use crate::error::ApiError;

/// Prometheus metrics in the text exposition format: `schwarm_http_requests_total` and
/// `schwarm_http_requests_duration_seconds` by endpoint pattern, method and status, the
/// `schwarm_db_pool_*` gauges, and the job queue (`schwarm_jobs`,
/// `schwarm_job_oldest_age_seconds` by kind and status, `schwarm_job_failures_total` by kind).
/// Restrict access to it at the proxy in production.
#[utoipa::path(
    tag = "health",
    operation_id = "get_metrics",
    responses((status = 200, description = "Metrics", body = String, content_type = "text/plain")),
    security(())
)]
#[get("/metrics")]
pub async fn get_metrics(metrics: web::Data<Metrics>, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    // With the database away the other metrics still answer, without the queue's.
    let queue = db.run(crate::jobs::stats).await.unwrap_or_default();
    let body = metrics.render(&db, &queue).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(ContentType(
            prometheus::TEXT_FORMAT.parse().map_err(ApiError::internal)?,
        ))
        .body(body))
}
