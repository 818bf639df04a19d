//! Assembles the actix `App`: shared state, middleware, the API scope, the docs UI and the SPA.

use std::path::PathBuf;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::from_fn;
use actix_web::{App, Error, web};
use utoipa_swagger_ui::SwaggerUi;

use crate::accounts::AuthSettings;
use crate::auth::jwt::TokenIssuer;
use crate::auth::rate_limit::AuthRateLimits;
use crate::clock::Clock;
use crate::config::{Config, JwtSecret};
use crate::db::Db;
use crate::error::extractor_configs;
use crate::funding::PaymentSettings;
use crate::http::body_limit::{self, BodyLimits};
use crate::http::client_ip::TrustProxyHeaders;
use crate::http::register::GroupedRoutes;
use crate::http::routes::{self, RouteTable};
use crate::http::{
    access_log::AccessLog, cors, etag, head, nul_guard, problem_guard, request_id, security_headers, spa,
};
use crate::idempotency;
use crate::insight::Disclosure;
use crate::mail::PublicUrl;
use crate::media::{MediaQuota, MediaStore};
use crate::metrics::Metrics;
use crate::notifications::unsubscribe::UnsubscribeKey;
use crate::openapi::{OpenApiJson, openapi};
use crate::pagination::CursorKey;
use crate::rate_limit::KeyedRateLimit;
use crate::reach::VisitRateLimit;
use crate::votes::VoteRateLimit;
use crate::votes::signals::IntegritySalt;
use crate::webhooks::guard::TargetPolicy;
use crate::{API_PREFIX, configure_api};

/// Everything the workers share, built once at start-up.
#[derive(Clone)]
pub struct AppContext {
    db: web::Data<Db>,
    metrics: web::Data<Metrics>,
    routes: web::Data<RouteTable>,
    openapi_json: web::Data<OpenApiJson>,
    body_limits: web::Data<BodyLimits>,
    media_store: web::Data<MediaStore>,
    media_quota: web::Data<MediaQuota>,
    clock: web::Data<Clock>,
    vote_rate_limit: web::Data<VoteRateLimit>,
    visit_rate_limit: web::Data<VisitRateLimit>,
    disclosure: web::Data<Disclosure>,
    public_url: web::Data<PublicUrl>,
    payment_settings: web::Data<PaymentSettings>,
    integrity_salt: web::Data<IntegritySalt>,
    cursor_key: web::Data<CursorKey>,
    target_policy: web::Data<TargetPolicy>,
    unsubscribe_key: web::Data<UnsubscribeKey>,
    token_issuer: web::Data<TokenIssuer>,
    auth_settings: web::Data<AuthSettings>,
    auth_rate_limits: web::Data<AuthRateLimits>,
    trust_proxy_headers: web::Data<TrustProxyHeaders>,
    cors_origins: Vec<String>,
    static_dir: Option<PathBuf>,
    hsts_max_age: u64,
}

impl AppContext {
    pub fn new(
        config: &Config,
        db: Db,
        metrics: Metrics,
        jwt_secret: JwtSecret,
        media_store: MediaStore,
        target_policy: TargetPolicy,
        unsubscribe_key: UnsubscribeKey,
    ) -> Result<Self, serde_json::Error> {
        let (routes, openapi_json) = documented_routes()?;
        Ok(AppContext {
            routes: web::Data::new(routes),
            openapi_json: web::Data::new(openapi_json),
            db: web::Data::new(db),
            metrics: web::Data::new(metrics),
            body_limits: web::Data::new(BodyLimits {
                json: config.max_body_bytes,
                upload: config.media_max_bytes,
            }),
            media_store: web::Data::new(media_store),
            media_quota: web::Data::new(MediaQuota(config.media_quota_bytes)),
            clock: web::Data::new(match &config.test_clock_file {
                Some(path) => Clock::File(path.clone()),
                None => Clock::System,
            }),
            vote_rate_limit: web::Data::new(VoteRateLimit(KeyedRateLimit::per_minute(
                config.vote_rate_limit_per_minute,
            ))),
            visit_rate_limit: web::Data::new(VisitRateLimit(KeyedRateLimit::per_minute(
                config.visit_rate_limit_per_minute,
            ))),
            disclosure: web::Data::new(Disclosure {
                min_group: config.analytics_min_group_size,
                min_networks: config.analytics_min_networks,
                interval_secs: config.analytics_publish_interval_secs,
            }),
            public_url: web::Data::new(PublicUrl(config.public_url.clone())),
            payment_settings: web::Data::new(PaymentSettings {
                simulated: config.simulated_payments,
            }),
            integrity_salt: web::Data::new(IntegritySalt::derive(&jwt_secret)),
            cursor_key: web::Data::new(CursorKey::derive(jwt_secret.as_bytes())),
            target_policy: web::Data::new(target_policy),
            unsubscribe_key: web::Data::new(unsubscribe_key),
            token_issuer: web::Data::new(TokenIssuer::new(&jwt_secret, config.access_token_ttl)),
            auth_settings: web::Data::new(AuthSettings {
                refresh_token_ttl: config.refresh_token_ttl,
            }),
            auth_rate_limits: web::Data::new(AuthRateLimits::new(
                config.auth_rate_limit_per_ip,
                config.auth_rate_limit_per_account,
            )),
            trust_proxy_headers: web::Data::new(TrustProxyHeaders(config.trust_proxy_headers)),
            cors_origins: config.cors_origins.clone(),
            static_dir: config.static_dir.clone(),
            hsts_max_age: config.hsts_max_age,
        })
    }
}

/// The route table and the served OpenAPI document, built once on a thread of their own. Building
/// the document allocates about 30 MB that is garbage a moment later. The allocator hands a
/// finished thread's memory back at once, but an idle thread's only when it next gets busy, and
/// the start-up thread sleeps from here on (measured with transparent huge pages still on: 6 MB
/// less resident at rest).
fn documented_routes() -> Result<(RouteTable, OpenApiJson), serde_json::Error> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let spec = openapi();
                Ok((
                    RouteTable::from_openapi(&spec),
                    OpenApiJson(serde_json::to_string(&spec)?),
                ))
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// The application one worker runs.
pub fn build_app(
    ctx: AppContext,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    let (json, query, path, payload) = extractor_configs(ctx.body_limits.json);
    let mut routes = GroupedRoutes::new(API_PREFIX);
    configure_api(&mut routes);
    let api = web::scope(API_PREFIX)
        .configure(|cfg| routes.register(cfg))
        .default_service(web::to(routes::unmatched))
        .wrap(from_fn(etag::conditional_get))
        .wrap(from_fn(idempotency::idempotent));
    let mut app = App::new()
        .app_data(ctx.db.clone())
        .app_data(ctx.metrics.clone())
        .app_data(ctx.routes.clone())
        .app_data(ctx.openapi_json.clone())
        .app_data(ctx.body_limits.clone())
        .app_data(ctx.media_store.clone())
        .app_data(ctx.media_quota.clone())
        .app_data(ctx.clock.clone())
        .app_data(ctx.vote_rate_limit.clone())
        .app_data(ctx.visit_rate_limit.clone())
        .app_data(ctx.disclosure.clone())
        .app_data(ctx.public_url.clone())
        .app_data(ctx.payment_settings.clone())
        .app_data(ctx.integrity_salt.clone())
        .app_data(ctx.cursor_key.clone())
        .app_data(ctx.target_policy.clone())
        .app_data(ctx.unsubscribe_key.clone())
        .app_data(ctx.token_issuer.clone())
        .app_data(ctx.auth_settings.clone())
        .app_data(ctx.auth_rate_limits.clone())
        .app_data(ctx.trust_proxy_headers.clone())
        .app_data(json)
        .app_data(query)
        .app_data(path)
        .app_data(payload)
        .service(api)
        .service(web::redirect("/docs", "/docs/"))
        .service(
            SwaggerUi::new("/docs/{_:.*}").config(utoipa_swagger_ui::Config::from(format!(
                "{API_PREFIX}/openapi.json"
            ))),
        );
    if let Some(dir) = &ctx.static_dir {
        app = app
            .service(spa::shell(dir))
            .service(spa::assets(dir))
            .service(spa::service(dir));
    }
    // Outermost last: the access log sees the request id, the final status and the method the
    // client sent (HEAD is rewritten innermost, just before routing).
    app.default_service(web::to(routes::unmatched))
        .wrap(from_fn(head::route_as_get))
        .wrap(from_fn(nul_guard::refuse_nul))
        .wrap(from_fn(body_limit::enforce))
        .wrap(ctx.metrics.middleware())
        .wrap(cors(&ctx.cors_origins))
        .wrap(from_fn(problem_guard::ensure_problem_json))
        .wrap(security_headers(ctx.hsts_max_age))
        .wrap(from_fn(request_id::assign))
        .wrap(AccessLog)
}
