//! Knows every API path template and its methods (read from the OpenAPI document, which is
//! generated from the route tree), so that a request that matched no handler can be answered
//! precisely: 405 with `Allow` when the path exists, 404 otherwise.

use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use utoipa::openapi::OpenApi;

use crate::error::no_route;

pub struct RouteTable {
    routes: Vec<(ResourceDef, Vec<Method>)>,
}

impl RouteTable {
    pub fn from_openapi(spec: &OpenApi) -> Self {
        let routes = spec
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let operations = [
                    (Method::GET, &item.get),
                    (Method::PUT, &item.put),
                    (Method::POST, &item.post),
                    (Method::DELETE, &item.delete),
                    (Method::OPTIONS, &item.options),
                    (Method::HEAD, &item.head),
                    (Method::PATCH, &item.patch),
                    (Method::TRACE, &item.trace),
                ];
                let mut methods: Vec<Method> = operations
                    .into_iter()
                    .filter(|(_, op)| op.is_some())
                    .map(|(method, _)| method)
                    .collect();
                if methods.contains(&Method::GET) && !methods.contains(&Method::HEAD) {
                    // actix answers HEAD wherever it answers GET.
                    methods.push(Method::HEAD);
                }
                (ResourceDef::new(path.as_str()), methods)
            })
            .collect();
        RouteTable { routes }
    }

    /// The methods served at `path`; empty when no route has this path.
    pub fn allowed_methods(&self, path: &str) -> Vec<Method> {
        self.routes
            .iter()
            .filter(|(def, _)| def.is_match(path))
            .flat_map(|(_, methods)| methods.iter().cloned())
            .collect()
    }
}

/// The default service of the API scope and of the whole app: 404 or 405 as problem+json.
pub async fn unmatched(req: HttpRequest, table: web::Data<RouteTable>) -> HttpResponse {
    no_route(&req, table.allowed_methods(req.path())).error_response()
}
