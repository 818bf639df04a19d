use actix_web::{get, web};

use super::dto::{HealthResponse, ReadinessResponse};
use crate::db::Db;
use crate::error::{ApiError, Problem};

/// Liveness: answers while the process serves HTTP, whatever the state of its dependencies.
#[utoipa::path(
    tag = "health",
    operation_id = "get_health",
    responses((status = 200, description = "The server is alive", body = HealthResponse)),
    security(())
)]
#[get("/health")]
pub async fn get_health() -> web::Json<HealthResponse> {
    web::Json(HealthResponse {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// Readiness: 200 while the database answers, 503 while it does not. Recovers by itself when
/// the database comes back; route traffic only to ready replicas.
#[utoipa::path(
    tag = "health",
    operation_id = "get_readiness",
    responses(
        (status = 200, description = "The database answers", body = ReadinessResponse),
        (status = 503, description = "The database is not reachable", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/ready")]
pub async fn get_readiness(db: web::Data<Db>) -> Result<web::Json<ReadinessResponse>, ApiError> {
    db.check().await?;
    Ok(web::Json(ReadinessResponse {
        status: "ready".into(),
        database: db.backend().into(),
    }))
}
