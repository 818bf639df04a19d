use actix_web::http::header::{self, ContentType};
use actix_web::{HttpRequest, HttpResponse, get, web};

use super::Metrics;
use crate::db::Db;
use crate::error::{ApiError, ErrorCode, Problem};

/// Prometheus metrics in the text exposition format: `schwarm_http_requests_total` and
/// `schwarm_http_requests_duration_seconds` by endpoint pattern, method and status, the
/// `schwarm_db_pool_*` gauges, and the job queue (`schwarm_jobs`,
/// `schwarm_job_oldest_age_seconds` by kind and status, `schwarm_job_failures_total` by kind).
/// Needs `Authorization: Bearer <METRICS_TOKEN>` (401 without); without `METRICS_TOKEN`
/// configured the endpoint is off (404 to any token). No label tells anything about a person or an account.
#[utoipa::path(
    tag = "health",
    operation_id = "get_metrics",
    responses(
        (status = 200, description = "Metrics", body = String, content_type = "text/plain"),
        (status = 401, description = "No or the wrong metrics token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Metrics are off (no METRICS_TOKEN configured)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("metrics_token" = []))
)]
#[get("/metrics")]
pub async fn get_metrics(
    request: HttpRequest,
    metrics: web::Data<Metrics>,
    db: web::Data<Db>,
) -> Result<HttpResponse, ApiError> {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    if presented.is_none() {
        return Err(ApiError::new(
            ErrorCode::AuthRequired,
            "the metrics need Authorization: Bearer <METRICS_TOKEN>",
        ));
    }
    match metrics.admits(presented) {
        None => return Err(ApiError::not_found("metrics")),
        Some(false) => {
            return Err(ApiError::new(
                ErrorCode::AuthInvalidToken,
                "this is not the metrics token",
            ));
        }
        Some(true) => {}
    }
    // With the database away the other metrics still answer, without the queue's.
    let queue = db.run(crate::jobs::stats).await.unwrap_or_default();
    let body = metrics.render(&db, &queue).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type(ContentType(
            prometheus::TEXT_FORMAT.parse().map_err(ApiError::internal)?,
        ))
        .body(body))
}
