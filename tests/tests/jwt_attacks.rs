//! Every way of forging or misusing an access token is refused with 401. The server runs with a
//! known `JWT_SECRET` so that the tests can sign tokens exactly as an attacker who guessed or
//! stole parts of it would.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use schwarm_tests::api::User;
use schwarm_tests::{ServerOptions, TestServer};
use serde_json::{Value, json};

const SECRET: &str = "test-secret-that-is-long-enough-for-hs256-0123456789";

fn server() -> (TestServer, User) {
    let server = TestServer::start_with(ServerOptions::new().env("JWT_SECRET", SECRET));
    let user = server.client.register("mallory");
    (server, user)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Valid claims for `user` in their login session; tests change one thing at a time.
fn claims(user: &User) -> Value {
    json!({"iss": "schwarm", "aud": "schwarm-api", "sub": user.id, "iat": now(), "exp": now() + 600,
           "typ": "access", "sid": session_of(user)})
}

/// The login session an access token the server issued names.
fn session_of(user: &User) -> String {
    let payload = user.access_token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    claims["sid"].as_str().unwrap().to_owned()
}

fn sign(alg: Algorithm, claims: &Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &Header::new(alg),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

fn assert_refused(server: &TestServer, token: &str) {
    let res = server.client.call("GET", "/api/v1/me", Some(token), None);
    let problem = res.problem(401);
    assert_eq!(res.header("www-authenticate"), Some("Bearer"), "{problem}");
}

#[test]
fn a_correctly_signed_token_is_accepted() {
    // The control: the forgeries below differ from this in one respect each.
    let (server, user) = server();
    let token = sign(Algorithm::HS256, &claims(&user), SECRET);
    let res = server.client.call("GET", "/api/v1/me", Some(&token), None);
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(res.json()["id"], user.id.as_str());
}

#[test]
fn a_correctly_signed_token_of_another_or_no_session_is_refused() {
    let (server, user) = server();
    let mut foreign = claims(&user);
    foreign["sid"] = json!("0193a0a4-5c1e-7c3a-9c55-3f1f2b9d6e10");
    assert_refused(&server, &sign(Algorithm::HS256, &foreign, SECRET));
    let mut sessionless = claims(&user);
    sessionless.as_object_mut().unwrap().remove("sid");
    assert_refused(&server, &sign(Algorithm::HS256, &sessionless, SECRET));
}

#[test]
fn missing_authorization_is_401() {
    let (server, _) = server();
    server.client.call("GET", "/api/v1/me", None, None).problem(401);
}

#[test]
fn a_non_bearer_scheme_is_401() {
    let (server, user) = server();
    let res = server.client.get_with(
        "/api/v1/me",
        &[("Authorization", &format!("Basic {}", user.access_token))],
    );
    res.problem(401);
}

#[test]
fn garbage_is_401() {
    let (server, _) = server();
    assert_refused(&server, "not-a-jwt");
    assert_refused(&server, "a.b.c");
}

#[test]
fn alg_none_is_401() {
    let (server, user) = server();
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims(&user).to_string());
    assert_refused(&server, &format!("{header}.{payload}."));
}

#[test]
fn another_algorithm_with_the_right_secret_is_401() {
    let (server, user) = server();
    assert_refused(&server, &sign(Algorithm::HS512, &claims(&user), SECRET));
    assert_refused(&server, &sign(Algorithm::HS384, &claims(&user), SECRET));
}

#[test]
fn a_tampered_payload_is_401() {
    let (server, user) = server();
    let victim = server.client.register("victim");
    let genuine = user.access_token.clone();
    let parts: Vec<&str> = genuine.split('.').collect();
    let mut payload: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    payload["sub"] = json!(victim.id);
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[2]
    );
    assert_refused(&server, &forged);
}

#[test]
fn a_token_signed_with_another_secret_is_401() {
    let (server, user) = server();
    assert_refused(
        &server,
        &sign(
            Algorithm::HS256,
            &claims(&user),
            "some-other-secret-of-sufficient-length-000",
        ),
    );
}

#[test]
fn an_expired_token_is_401() {
    let (server, user) = server();
    let mut expired = claims(&user);
    expired["iat"] = json!(now() - 7200);
    expired["exp"] = json!(now() - 3600);
    assert_refused(&server, &sign(Algorithm::HS256, &expired, SECRET));
}

#[test]
fn a_wrong_audience_is_401() {
    let (server, user) = server();
    let mut wrong = claims(&user);
    wrong["aud"] = json!("some-other-service");
    assert_refused(&server, &sign(Algorithm::HS256, &wrong, SECRET));
}

#[test]
fn a_wrong_issuer_is_401() {
    let (server, user) = server();
    let mut wrong = claims(&user);
    wrong["iss"] = json!("evil");
    assert_refused(&server, &sign(Algorithm::HS256, &wrong, SECRET));
}

#[test]
fn missing_required_claims_are_401() {
    let (server, user) = server();
    for claim in ["exp", "iat", "sub", "aud", "iss", "typ"] {
        let mut partial = claims(&user);
        partial.as_object_mut().unwrap().remove(claim);
        let res = server.client.call(
            "GET",
            "/api/v1/me",
            Some(&sign(Algorithm::HS256, &partial, SECRET)),
            None,
        );
        assert_eq!(res.status, 401, "token without `{claim}`: {}", res.text());
    }
}

#[test]
fn a_token_of_another_type_is_401() {
    let (server, user) = server();
    let mut other = claims(&user);
    other["typ"] = json!("refresh");
    assert_refused(&server, &sign(Algorithm::HS256, &other, SECRET));
}

#[test]
fn a_refresh_token_used_as_access_token_is_401() {
    let (server, user) = server();
    assert_refused(&server, &user.refresh_token);
}
