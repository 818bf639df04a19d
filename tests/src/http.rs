//! A small blocking HTTP client for tests, plus raw requests for cases a client library would
//! "fix" for us (a declared body size that is never sent).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use ureq::Agent;

/// A response read completely.
#[derive(Debug, Clone)]
pub struct TestResponse {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl TestResponse {
    /// The first value of a header (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or_default()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|err| panic!("body is not JSON ({err}): {}", self.text()))
    }

    /// Asserts the body is an RFC 9457 problem with this status, and returns it.
    pub fn problem(&self, status: u16) -> serde_json::Value {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(self.content_type(), "application/problem+json", "{}", self.text());
        let body = self.json();
        assert_eq!(body["status"], status, "{body}");
        assert!(body["title"].is_string(), "{body}");
        // Every refusal carries a machine code from the catalogue, which also names its type.
        let code = body["code"]
            .as_str()
            .unwrap_or_else(|| panic!("a refusal without a code: {body}"));
        assert!(
            code.parse::<schwarm_api::error::ErrorCode>().is_ok(),
            "{code} is not in the catalogue: {body}"
        );
        assert_eq!(body["type"], format!("urn:schwarm:problem:{code}"), "{body}");
        body
    }
}

#[derive(Clone)]
pub struct HttpClient {
    agent: Agent,
    base_url: String,
}

impl HttpClient {
    pub fn new(base_url: &str) -> Self {
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        HttpClient {
            agent,
            base_url: base_url.to_owned(),
        }
    }

    pub fn get(&self, path: &str) -> TestResponse {
        self.get_with(path, &[])
    }

    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = self.agent.get(format!("{}{path}", self.base_url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.call().unwrap_or_else(|err| panic!("GET {path}: {err}")))
    }

    /// A JSON request, with a bearer token if given.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
    ) -> TestResponse {
        self.call_with(method, path, token, body, &[])
    }

    /// [`HttpClient::call`] with extra headers.
    pub fn call_with(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        self.try_call(method, path, token, body, headers)
            .unwrap_or_else(|err| panic!("{method} {path}: {err}"))
    }

    /// [`HttpClient::call_with`] that reports a failed connection (a server killed under the
    /// request) instead of panicking.
    pub fn try_call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> Result<TestResponse, ureq::Error> {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base_url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let bytes = match body {
            Some(body) => {
                request = request.header("content-type", "application/json");
                serde_json::to_vec(body).expect("serialize body")
            }
            None => Vec::new(),
        };
        let request = request.body(bytes).expect("valid request");
        self.agent.run(request).map(read)
    }

    pub fn send(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> TestResponse {
        self.send_as(method, path, None, content_type, body)
    }

    /// Sends raw bytes, with a bearer token if given.
    pub fn send_as(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: &[u8],
    ) -> TestResponse {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base_url))
            .header("content-type", content_type);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = request.body(body.to_vec()).expect("valid request");
        read(
            self.agent
                .run(request)
                .unwrap_or_else(|err| panic!("{method} {path}: {err}")),
        )
    }
}

fn read(mut response: ureq::http::Response<ureq::Body>) -> TestResponse {
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(256 * 1024 * 1024)
        .read_to_vec()
        .expect("read body");
    TestResponse {
        status,
        headers,
        body,
    }
}

/// Sends `head` (request line and headers, without the blank line) and reads one response;
/// the connection is closed afterwards.
pub fn raw_request(addr: &str, head: &str) -> TestResponse {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(stream, "{head}\r\nConnection: close\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> TestResponse {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("complete response head");
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    TestResponse {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}
