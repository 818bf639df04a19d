use serde::Serialize;
use utoipa::ToSchema;

use crate::config::Backend;

/// The process is up and serving HTTP.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthResponse {
    /// Always `ok`: a process that cannot answer does not answer at all.
    #[schema(example = "ok")]
    pub status: String,
    /// The server's version.
    #[schema(example = "0.1.0")]
    pub version: String,
}

/// The server can do useful work: its database answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadinessResponse {
    /// Always `ready` (an unready server answers 503).
    #[schema(example = "ready")]
    pub status: String,
    /// Which database backend this server uses.
    pub database: DatabaseBackend,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DatabaseBackend {
    Sqlite,
    Postgres,
}

impl From<Backend> for DatabaseBackend {
    fn from(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => DatabaseBackend::Sqlite,
            Backend::Postgres => DatabaseBackend::Postgres,
        }
    }
}
