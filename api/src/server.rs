//! Start-up: configuration is already loaded; open the database, build the shared context,
//! start the job worker, and serve until SIGTERM/SIGINT, letting in-flight requests finish.

use std::time::Duration;

use actix_web::HttpServer;

use crate::app::{AppContext, build_app};
use crate::campaigns::announcer;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{self, Db};
use crate::dispatch::{self, retention};
use crate::jobs::worker::{self, Registry, WorkerSettings};
use crate::mail::Mailer;
use crate::media::MediaStore;
use crate::metrics::Metrics;
use crate::notifications::mail::{self as notification_mail, MailJobs, MailSettings};
use crate::notifications::unsubscribe::UnsubscribeKey;
use crate::secrets::{self, SecretError};
use crate::webhooks::deliver::{self, Deliverer};
use crate::webhooks::guard::TargetPolicy;
use crate::{counters, idempotency, scores};

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
    #[error("{0}")]
    Mail(String),
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

/// How often the recurring jobs that are not configured run.
const ANNOUNCE_EVERY: Duration = Duration::from_secs(1);
const MAIL_EVERY: Duration = Duration::from_secs(2);
const DIGEST_EVERY: Duration = Duration::from_secs(5);
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

pub async fn run(config: Config) -> Result<(), StartError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|source| StartError::DataDir {
        dir: config.data_dir.display().to_string(),
        source,
    })?;
    let jwt_secret = secrets::load_jwt_secret(&config.jwt_secret, &config.data_dir)?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let hashing = crate::auth::password::concurrency_for(config.password_hashing_memory_bytes, cores);
    crate::auth::password::limit_concurrency(hashing);
    log::info!(
        "password hashing: {hashing} at once ({} MiB budget)",
        config.password_hashing_memory_bytes >> 20
    );
    log::info!(
        "opening database {:?} with up to {} connections",
        config.database_url,
        config.db_pool_size
    );
    let db = Db::open(&config)?;
    let metrics =
        Metrics::new(config.metrics_token.as_deref()).map_err(|err| StartError::Metrics(err.to_string()))?;
    let media_store = MediaStore::open(&config.media_store).map_err(StartError::MediaStore)?;
    let mailer = Mailer::open(
        config.smtp_url.as_deref(),
        config.data_dir.join("mail"),
        &config.mail_from,
    )
    .map_err(StartError::Mail)?;
    log::info!("mail goes out as {}", mailer.describe());
    let policy = TargetPolicy {
        allow_http: config.webhook_allow_http,
        allow_private: config.webhook_allow_private_targets,
    };
    let unsubscribe_key = UnsubscribeKey::derive(jwt_secret.as_bytes());
    let clock = match &config.test_clock_file {
        Some(path) => Clock::File(path.clone()),
        None => Clock::System,
    };
    let ctx = AppContext::new(
        &config,
        db.clone(),
        metrics,
        jwt_secret,
        media_store,
        policy,
        unsubscribe_key.clone(),
    )?;

    let background = db.background();
    let registry = jobs(&config, &background, &clock, mailer, unsubscribe_key, policy);
    log::info!("working the job queue: {}", registry.kinds().join(", "));
    worker::spawn(
        background,
        registry,
        WorkerSettings {
            concurrency: config.job_concurrency,
            lease: config.job_lease,
            idle_poll: Duration::from_millis(250),
        },
    );
    let server = HttpServer::new(move || build_app(ctx.clone()))
        .workers(config.workers)
        // Database work takes a turn (one per pooled connection, see `Db`) before it takes a
        // blocking thread, and password hashes take a permit of their own; so a worker never
        // needs more threads than the pool holds plus the hashes it may run.
        .worker_max_blocking_threads(config.db_pool_size as usize + hashing)
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

/// Every kind of background work and its handler.
fn jobs(
    config: &Config,
    db: &Db,
    clock: &Clock,
    mailer: Mailer,
    key: UnsubscribeKey,
    policy: TargetPolicy,
) -> Registry {
    let mut registry = Registry::default();
    let fold_every = config.score_fold_interval;
    let dispatch_every = config.dispatch_interval;
    let with_db = |db: &Db| db.clone();
    {
        let db = with_db(db);
        registry.every_while(
            scores::fold::FOLD,
            fold_every,
            scores::fold::has_work,
            move |job| {
                let db = db.clone();
                async move { scores::fold::run(&db, job, fold_every).await }
            },
        );
    }
    {
        let db = with_db(db);
        registry.every_while(
            counters::fold::FOLD,
            fold_every,
            counters::fold::has_work,
            move |job| {
                let db = db.clone();
                async move { counters::fold::run(&db, job, fold_every).await }
            },
        );
    }
    {
        let db = with_db(db);
        registry.every_while(
            dispatch::DISPATCH,
            dispatch_every,
            dispatch::has_work,
            move |job| {
                let db = db.clone();
                async move { dispatch::dispatch(&db, job, dispatch_every).await }
            },
        );
    }
    {
        let db = with_db(db);
        registry.every(retention::PRUNE, PRUNE_EVERY, move |job| {
            let db = db.clone();
            async move { retention::prune(&db, job, PRUNE_EVERY).await }
        });
    }
    {
        let (db, clock) = (with_db(db), clock.clone());
        let has_work = announcer::has_work(clock.clone());
        registry.every_while(announcer::ANNOUNCE, ANNOUNCE_EVERY, has_work, move |job| {
            let (db, clock) = (db.clone(), clock.clone());
            async move { announcer::run(&db, &clock, job, ANNOUNCE_EVERY).await }
        });
    }
    {
        let db = with_db(db);
        registry.every(idempotency::PRUNE, idempotency::PRUNE_EVERY, move |job| {
            let db = db.clone();
            async move { idempotency::prune_job(&db, job).await }
        });
    }
    {
        let (db, clock) = (with_db(db), clock.clone());
        let every = config.funding_settle_interval;
        registry.every(crate::funding::settle::SETTLE, every, move |job| {
            let (db, clock) = (db.clone(), clock.clone());
            async move { crate::funding::settle::job(&db, &clock, job, every).await }
        });
    }
    {
        let (db, clock) = (with_db(db), clock.clone());
        let every = config.microtasks_sweep_interval;
        registry.every(crate::microtasks::sweep::SWEEP, every, move |job| {
            let (db, clock) = (db.clone(), clock.clone());
            async move { crate::microtasks::sweep::job(&db, &clock, job, every).await }
        });
    }
    let mail = MailJobs {
        db: db.clone(),
        clock: clock.clone(),
        mailer,
        key,
        settings: MailSettings {
            public_url: config.public_url.clone(),
            coalesce: config.email_coalesce,
            digest_hour: config.digest_hour,
        },
    };
    {
        let mail = mail.clone();
        let has_work = mail.immediate_due();
        registry.every_while(
            notification_mail::COMPOSE_IMMEDIATE,
            MAIL_EVERY,
            has_work,
            move |job| {
                let mail = mail.clone();
                async move { mail.compose_immediate(job, MAIL_EVERY).await }
            },
        );
    }
    {
        let mail = mail.clone();
        let has_work = mail.digests_due();
        registry.every_while(
            notification_mail::COMPOSE_DIGESTS,
            DIGEST_EVERY,
            has_work,
            move |job| {
                let mail = mail.clone();
                async move { mail.compose_digests(job, DIGEST_EVERY).await }
            },
        );
    }
    registry.handle(notification_mail::SEND, move |job| {
        let mail = mail.clone();
        async move { mail.send(job).await }
    });
    let deliverer = Deliverer {
        db: db.clone(),
        policy,
        disable_after: config.webhook_disable_after,
    };
    registry.handle(deliver::DELIVER, move |job| {
        let deliverer = deliverer.clone();
        async move { deliverer.run(job).await }
    });
    registry
}
