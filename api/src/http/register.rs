//! Where resources register their handlers. The server registers them with actix alone; the
//! OpenAPI document is built once, by registering the same handlers with utoipa, which also
//! documents each one. So the routes and their docs come from one list, and no worker pays for
//! documenting every route again as it starts (about 30 MB of short-lived allocations each).

use actix_web::dev::{HttpServiceFactory, Url};
use actix_web::guard::{Guard, GuardContext};
use actix_web::web::{self, ServiceConfig};
use utoipa_actix_web::OpenApiFactory;

/// A route tree being built: each resource's `configure` adds its handlers to it.
pub trait Register {
    /// Adds one handler (an actix service that utoipa can document, and so knows its path).
    fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + utoipa::Path + 'static;

    /// Lets `configure` add its handlers.
    fn configure(&mut self, configure: impl FnOnce(&mut Self)) -> &mut Self {
        configure(self);
        self
    }
}

/// The documented routes: utoipa records each operation and its schemas.
impl Register for utoipa_actix_web::service_config::ServiceConfig<'_> {
    fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + utoipa::Path + 'static,
    {
        utoipa_actix_web::service_config::ServiceConfig::service(self, factory)
    }
}

/// The server's routes, grouped by their first segment and their number of segments.
///
/// actix tries a request against each route of a scope in registration order, a regex search
/// per route, so a vote's route was searched after some 80 others (5–7 % of a request's CPU).
/// Here each group is a scope without a prefix whose guard compares the request's first segment
/// and segment count, a few string comparisons; only the routes of the one group that can match
/// are searched. A route's segments are `/`-separated and a parameter matches exactly one, so
/// a route can only match a path of its own group: the grouping changes which regexes run, never
/// which route answers (within a group the order is the registration order). A request that
/// matches no route of its group gets the same 404/405 from the default service as before.
pub struct GroupedRoutes {
    prefix: &'static str,
    groups: Vec<(RouteGroup, Vec<AddRoute>)>,
}

/// Registers one handler with actix (kept until its group is registered).
type AddRoute = Box<dyn FnOnce(&mut ServiceConfig)>;

impl GroupedRoutes {
    /// Routes that will be served under the scope `prefix` (e.g. `/api/v1`).
    pub fn new(prefix: &'static str) -> Self {
        GroupedRoutes {
            prefix,
            groups: Vec::new(),
        }
    }

    /// Registers every group, in the order its first route was added, on the scope's config.
    pub fn register(self, cfg: &mut ServiceConfig) {
        for (group, routes) in self.groups {
            cfg.service(web::scope("").guard(group).configure(|scope| {
                for route in routes {
                    route(scope);
                }
            }));
        }
    }
}

impl Register for GroupedRoutes {
    fn service<F>(&mut self, factory: F) -> &mut Self
    where
        F: HttpServiceFactory + OpenApiFactory + utoipa::Path + 'static,
    {
        let template = F::path();
        let group = RouteGroup::of_template(self.prefix, &template);
        let route: AddRoute = Box::new(move |cfg| {
            cfg.service(factory);
        });
        match self.groups.iter_mut().find(|(known, _)| *known == group) {
            Some((_, routes)) => routes.push(route),
            None => self.groups.push((group, vec![route])),
        }
        self
    }
}

/// The routes a request path can match: those with its first segment and its segment count.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RouteGroup {
    prefix: &'static str,
    first: String,
    segments: usize,
}

impl RouteGroup {
    /// The group of a route template such as `/contributions/{id}/vote`.
    ///
    /// # Panics
    /// At start-up, for a template whose first segment is a parameter or that has a tail
    /// parameter (`{tail}*`) or a custom pattern: such a route could match paths of any group.
    fn of_template(prefix: &'static str, template: &str) -> Self {
        let (first, segments) = shape(template);
        assert!(
            !first.contains('{') && !template.contains('*') && !template.contains(':'),
            "route {template} cannot be grouped by its first segment: give it a literal first \
             segment, or register it outside GroupedRoutes"
        );
        RouteGroup {
            prefix,
            first: first.to_owned(),
            segments,
        }
    }

    fn admits(&self, path: &str) -> bool {
        match path.strip_prefix(self.prefix) {
            Some(rest) => {
                let (first, segments) = shape(rest);
                first == self.first && segments == self.segments
            }
            None => false,
        }
    }
}

/// A path's first segment and how many segments it has (`/a/b/c` → `("a", 3)`).
fn shape(path: &str) -> (&str, usize) {
    let rest = path.strip_prefix('/').unwrap_or(path);
    let first = rest.split('/').next().unwrap_or_default();
    (first, rest.split('/').count())
}

impl Guard for RouteGroup {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        let uri = &ctx.head().uri;
        if uri.path().contains('%') {
            // actix matches routes against the path with its unreserved characters decoded.
            self.admits(Url::new(uri.clone()).path())
        } else {
            self.admits(uri.path())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_admits_the_paths_of_its_first_segment_and_length() {
        let group = RouteGroup::of_template("/api/v1", "/contributions/{id}/vote");
        assert!(group.admits("/api/v1/contributions/7/vote"));
        assert!(group.admits("/api/v1/contributions/7/comments"));
        assert!(!group.admits("/api/v1/contributions/7"));
        assert!(!group.admits("/api/v1/contributions/7/vote/x"));
        assert!(!group.admits("/api/v1/campaigns/7/vote"));
        assert!(!group.admits("/api/v2/contributions/7/vote"));
        // A trailing slash is one more (empty) segment, which no route has.
        assert!(!group.admits("/api/v1/contributions/7/vote/"));
    }

    #[test]
    #[should_panic(expected = "cannot be grouped")]
    fn a_route_with_a_parameter_first_cannot_be_grouped() {
        RouteGroup::of_template("/api/v1", "/{kind}/items");
    }
}
