//! Start-up: configuration is already loaded; open the database, build the shared context and
//! serve until SIGTERM/SIGINT, letting in-flight requests finish.

use actix_web::HttpServer;

use crate::app::{AppContext, build_app};
use crate::config::Config;
use crate::db::{self, Db};
use crate::media::MediaStore;
use crate::metrics::Metrics;
use crate::secrets::{self, SecretError};

/// Why the server did not start; `main` prints it and exits non-zero.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("DATA_DIR={dir:?}: cannot create it: {source}")]
    DataDir { dir: String, source: std::io::Error },
    #[error("JWT_SECRET: {0}")]
    Secret(#[from] SecretError),
    #[error("DATABASE_URL: {0}")]
    Database(#[from] db::StartupError),
    #[error("MEDIA_STORE: {0}")]
    MediaStore(String),
    #[error("metrics registry: {0}")]
    Metrics(String),
    #[error("building the OpenAPI document: {0}")]
    OpenApi(#[from] serde_json::Error),
    #[error("BIND_ADDR={addr}: cannot listen: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

pub async fn run(config: Config) -> Result<(), StartError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|source| StartError::DataDir {
        dir: config.data_dir.display().to_string(),
        source,
    })?;
    let jwt_secret = secrets::load_jwt_secret(&config.jwt_secret, &config.data_dir)?;
    log::info!("opening database {:?}", config.database_url);
    let db = Db::open(&config)?;
    let metrics = Metrics::new().map_err(|err| StartError::Metrics(err.to_string()))?;
    let db_for_folder = db.clone();
    let media_store = MediaStore::open(&config.media_store).map_err(StartError::MediaStore)?;
    let ctx = AppContext::new(&config, db, metrics, jwt_secret, media_store)?;

    crate::scores::fold::spawn_fold_loop(db_for_folder.clone(), config.score_fold_interval);
    crate::counters::fold::spawn_fold_loop(db_for_folder, config.score_fold_interval);
    let server = HttpServer::new(move || build_app(ctx.clone()))
        .workers(config.workers)
        .shutdown_timeout(config.shutdown_timeout.as_secs())
        .bind(config.bind_addr)
        .map_err(|source| StartError::Bind {
            addr: config.bind_addr,
            source,
        })?;
    for addr in server.addrs() {
        // Tests and scripts wait for this line (and read the port from it when BIND_ADDR ends in :0).
        log::info!("listening on http://{addr}");
    }
    match &config.static_dir {
        Some(dir) => log::info!("serving the SPA from {}", dir.display()),
        None => log::info!("no SPA to serve (build frontend/ or set STATIC_DIR); API and /docs only"),
    }
    server.run().await.map_err(StartError::Serve)?;
    log::info!("shut down cleanly");
    Ok(())
}
