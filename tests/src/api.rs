//! Shortcuts for the API's own flows (sign up, sign in, organizations), so tests read as what
//! a client does.

use serde_json::{Value, json};

use crate::{HttpClient, TestResponse};

/// The password every test account uses.
pub const PASSWORD: &str = "correct horse battery staple";

/// A signed-in test user.
#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub email: String,
    pub access_token: String,
    pub refresh_token: String,
}

impl User {
    pub fn token(&self) -> Option<&str> {
        Some(&self.access_token)
    }
}

/// `instant` (RFC 3339) moved by `micros` microseconds, e.g. `-1` for a moment before it.
pub fn shifted(instant: &str, micros: i64) -> String {
    let parsed = chrono::DateTime::parse_from_rfc3339(instant).expect("an RFC 3339 instant");
    (parsed + chrono::TimeDelta::microseconds(micros)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl HttpClient {
    /// Uploads `bytes` to `POST /media` as the `file` part.
    pub fn upload(&self, user: &User, filename: &str, content_type: &str, bytes: &[u8]) -> TestResponse {
        let (multipart_type, body) = multipart_file("file", filename, content_type, bytes);
        self.send_as("POST", "/api/v1/media", user.token(), &multipart_type, &body)
    }

    /// Registers `name@example.com` and returns the session.
    pub fn register(&self, name: &str) -> User {
        let email = format!("{name}@example.com");
        let res = self.call(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(&json!({"email": email, "password": PASSWORD, "display_name": name})),
        );
        assert_eq!(res.status, 201, "register {name}: {}", res.text());
        session(&res.json(), &email)
    }

    pub fn login(&self, email: &str, password: &str) -> TestResponse {
        self.call(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(&json!({"email": email, "password": password})),
        )
    }

    pub fn refresh(&self, refresh_token: &str) -> TestResponse {
        self.call(
            "POST",
            "/api/v1/auth/refresh",
            None,
            Some(&json!({"refresh_token": refresh_token})),
        )
    }

    /// Creates an organization owned by `owner` and returns its slug.
    pub fn create_organization(&self, owner: &User, slug: &str) -> String {
        let res = self.call(
            "POST",
            "/api/v1/organizations",
            owner.token(),
            Some(&json!({"slug": slug, "name": format!("{slug} brand")})),
        );
        assert_eq!(res.status, 201, "create organization {slug}: {}", res.text());
        slug.to_owned()
    }

    /// Gives `member` the `role` in the organization, acting as `actor`.
    pub fn set_role(&self, actor: &User, slug: &str, member: &User, role: &str) -> TestResponse {
        self.call(
            "PUT",
            &format!("/api/v1/organizations/{slug}/members/{}", member.id),
            actor.token(),
            Some(&json!({"role": role})),
        )
    }

    /// Creates a personal access token with `scopes` and returns its secret.
    pub fn personal_token(&self, user: &User, scopes: &[&str]) -> String {
        let res = self.call(
            "POST",
            "/api/v1/me/tokens",
            user.token(),
            Some(&json!({"name": "test", "scopes": scopes, "password": PASSWORD})),
        );
        assert_eq!(res.status, 201, "create token: {}", res.text());
        res.json()["token"].as_str().expect("token secret").to_owned()
    }
}

/// The session in a register/login/refresh response.
pub fn session(body: &Value, email: &str) -> User {
    User {
        id: body["user"]["id"].as_str().expect("user id").to_owned(),
        email: email.to_owned(),
        access_token: body["access_token"].as_str().expect("access token").to_owned(),
        refresh_token: body["refresh_token"].as_str().expect("refresh token").to_owned(),
    }
}

/// A 1×1 PNG, the smallest real image.
pub const TINY_PNG_BASE64: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

pub fn tiny_png() -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(TINY_PNG_BASE64)
        .expect("valid base64")
}

/// A `multipart/form-data` body with one file part; returns its content type and bytes.
pub fn multipart_file(field: &str, filename: &str, content_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "schwarm-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = format!(
        "--{boundary}\r\ncontent-disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n\
         content-type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// An RFC 3339 instant `secs` from now (negative: in the past).
pub fn at(secs: i64) -> String {
    (chrono::Utc::now() + chrono::TimeDelta::seconds(secs)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl HttpClient {
    /// Creates and publishes a campaign of `organization` whose submissions are open for an hour
    /// (voting the hour after), with `rules` merged over the defaults; returns its slug.
    pub fn open_campaign(&self, owner: &User, organization: &str, title: &str, rules: Value) -> String {
        let schedule = json!({"submissions_open_at": at(-60), "submissions_close_at": at(3600),
                              "voting_open_at": at(3600), "voting_close_at": at(7200)});
        self.campaign_with_schedule(owner, organization, title, rules, schedule)
    }

    /// Creates and publishes a campaign with the given rules and schedule; returns its slug.
    pub fn campaign_with_schedule(
        &self,
        owner: &User,
        organization: &str,
        title: &str,
        rules: Value,
        schedule: Value,
    ) -> String {
        let body = json!({"kind": "design", "title": title, "schedule": schedule, "rules": rules});
        let created = self.call(
            "POST",
            &format!("/api/v1/organizations/{organization}/campaigns"),
            owner.token(),
            Some(&body),
        );
        assert_eq!(created.status, 201, "create campaign: {}", created.text());
        let slug = created.json()["slug"].as_str().expect("slug").to_owned();
        let published = self.call(
            "POST",
            &format!("/api/v1/campaigns/{slug}/publish"),
            owner.token(),
            None,
        );
        assert_eq!(published.status, 200, "publish: {}", published.text());
        slug
    }
}
