//! Where resources register their handlers. The server registers them with actix alone; the
//! OpenAPI document is built once, by registering the same handlers with utoipa, which also
//! documents each one. So the routes and their docs come from one list, and no worker pays for
//! documenting every route again as it starts (about 30 MB of short-lived allocations each).

use actix_web::dev::HttpServiceFactory;
use utoipa_actix_web::OpenApiFactory;

/// A route tree being built: each resource's `configure` adds its handlers to it.
pub trait Register {
    /// Adds one handler (an actix service that utoipa can document).
    fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static;

    /// Lets `configure` add its handlers.
    fn configure(&mut self, configure: impl FnOnce(&mut Self)) -> &mut Self {
        configure(self);
        self
    }
}

/// The server's routes: actix only.
impl Register for actix_web::web::ServiceConfig {
    fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static,
    {
        actix_web::web::ServiceConfig::service(self, factory)
    }
}

/// The documented routes: utoipa records each operation and its schemas.
impl Register for utoipa_actix_web::service_config::ServiceConfig<'_> {
    fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + 'static,
    {
        utoipa_actix_web::service_config::ServiceConfig::service(self, factory)
    }
}
