//! One line per request, as `key=value` pairs that log tools can parse, written once its body
//! has been sent (target `schwarm_api::http::access_log`):
//! `method=GET path=/api/v1/health status=200 latency_ms=0.412000 bytes=15 request_id=…`.
//!
//! This replaces actix's `Logger`, which wrote the same line at a cost the benchmark's profile
//! found on every request (5.5 % of a read by id's server CPU): it clones its parsed format and
//! renders each field of it into a `String` of its own, and reads the wall clock twice. Here
//! the line is formatted straight into the log record from what the request already holds, and
//! nothing is done when the line's target is filtered out (`RUST_LOG`).

use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, ready};
use std::time::Instant;

use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::{Method, StatusCode};
use actix_web::web::Bytes;
use actix_web::{Error, HttpMessage, HttpRequest};

use super::request_id::RequestId;

/// The middleware; wrap it outermost so that the line carries the final status, the request id
/// and the method the client sent (HEAD is served as GET further in).
pub struct AccessLog;

impl<S, B> Transform<S, ServiceRequest> for AccessLog
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<LoggedBody<B>>;
    type Error = Error;
    type Transform = AccessLogService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(AccessLogService {
            service: Rc::new(service),
        }))
    }
}

pub struct AccessLogService<S> {
    service: Rc<S>,
}

impl<S, B> Service<ServiceRequest> for AccessLogService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<LoggedBody<B>>;
    type Error = Error;
    type Future = Logging<S::Future>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        // Taken now: the method is rewritten for HEAD before routing.
        let method = log::log_enabled!(log::Level::Info).then(|| req.method().clone());
        Logging {
            inner: self.service.call(req),
            method,
            started: Instant::now(),
        }
    }
}

pin_project_lite::pin_project! {
    /// The inner service's future; its response's body logs the line when it is dropped.
    pub struct Logging<F> {
        #[pin]
        inner: F,
        method: Option<Method>,
        started: Instant,
    }
}

impl<F, B> Future for Logging<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    type Output = Result<ServiceResponse<LoggedBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        // An `Err` goes on as actix's `Logger` let it: the server turns it into a response
        // outside every middleware, unlogged. Ours come as responses (`problem_guard`).
        let res = ready!(this.inner.poll(cx))?;
        let line = this.method.take().map(|method| Line {
            request: res.request().clone(),
            method,
            status: res.status(),
            started: *this.started,
            bytes: 0,
        });
        Poll::Ready(Ok(res.map_body(|_, body| LoggedBody { body, line })))
    }
}

pin_project_lite::pin_project! {
    /// A response body that counts the bytes it yields and logs the request's line when it
    /// ends (or when the client goes away and it is dropped), as actix's `Logger` did.
    pub struct LoggedBody<B> {
        #[pin]
        body: B,
        line: Option<Line>,
    }
}

impl<B: MessageBody> MessageBody for LoggedBody<B> {
    type Error = B::Error;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.project();
        let chunk = ready!(this.body.poll_next(cx));
        if let (Some(Ok(bytes)), Some(line)) = (&chunk, this.line.as_mut()) {
            line.bytes += bytes.len();
        }
        Poll::Ready(chunk)
    }
}

/// What the line needs from the request once it has been answered. Holding the request (a
/// reference count) is safe only from here on: before routing, actix needs it unshared.
struct Line {
    request: HttpRequest,
    method: Method,
    status: StatusCode,
    started: Instant,
    bytes: usize,
}

impl Drop for Line {
    fn drop(&mut self) {
        let latency_ms = self.started.elapsed().as_secs_f64() * 1000.0;
        let extensions = self.request.extensions();
        let request_id = extensions
            .get::<RequestId>()
            .and_then(|id| id.0.to_str().ok())
            .unwrap_or("-");
        log::info!(
            "method={} path={} status={} latency_ms={latency_ms:.6} bytes={} request_id={request_id}",
            self.method,
            self.request.path(),
            self.status.as_u16(),
            self.bytes,
        );
    }
}
