use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, get, web};

use super::Metrics;
use crate::db::Db;
use crate::error::ApiError;

/// Prometheus metrics in the text exposition format: `schwarm_http_requests_total` and
/// `schwarm_http_requests_duration_seconds` by endpoint pattern, method and status, and the
/// `schwarm_db_pool_*` gauges. Restrict access to it at the proxy in production.
#[utoipa::path(
    tag = "health",
    operation_id = "get_metrics",
    responses((status = 200, description = "Metrics", body = String, content_type = "text/plain")),
    security(())
)]
#[get("/metrics")]
pub async fn get_metrics(metrics: web::Data<Metrics>, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let body = metrics.render(&db).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(ContentType(
            prometheus::TEXT_FORMAT.parse().map_err(ApiError::internal)?,
        ))
        .body(body))
}
