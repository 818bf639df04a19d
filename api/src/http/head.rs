//! HEAD is answered wherever GET is (RFC 9110 §9.3.2): load balancers and link checkers use it.
//! actix's `#[get]` routes match GET only, so HEAD is routed as GET; actix-http remembers that the
//! request was HEAD and sends the headers without the body.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;

pub async fn route_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if req.method() == Method::HEAD {
        req.head_mut().method = Method::GET;
    }
    next.call(req).await
}
