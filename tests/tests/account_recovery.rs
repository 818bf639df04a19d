//! Getting back into an account and confirming its address, through a real SMTP server
//! (aiosmtpd on loopback): the links come by mail in the holder's language, work once, expire,
//! never tell who has an account, and a reset signs every session out.

use std::sync::Barrier;
use std::time::Duration;

use schwarm_tests::api::PASSWORD;
use schwarm_tests::smtp::{Mail, SmtpSink};
use schwarm_tests::{ServerOptions, TestServer};
use serde_json::json;

fn server(sink: &SmtpSink) -> TestServer {
    TestServer::start_with(
        ServerOptions::new()
            .env("SMTP_URL", sink.url.clone())
            .env("PUBLIC_URL", "https://schwarm.example"),
    )
}

/// The secret at the end of the link in `mail` that contains `marker`.
fn token_in(mail: &Mail, marker: &str) -> String {
    let link = mail
        .link_with(marker)
        .unwrap_or_else(|| panic!("no {marker} link in {}", mail.body));
    assert!(link.starts_with("https://schwarm.example/"), "{link}");
    link.rsplit('/').next().unwrap().to_owned()
}

fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !ready() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_forgotten_password_is_set_anew_by_the_mailed_link_once() {
    let Some(sink) = SmtpSink::start() else { return };
    let server = server(&sink);
    let ada = server.client.register("ada");
    let ask = |email: &str| {
        server.client.call(
            "POST",
            "/api/v1/auth/password-reset",
            None,
            Some(&json!({"email": email})),
        )
    };
    // The same answer whether or not an account has the address.
    assert_eq!(ask("nobody@example.com").status, 202);
    assert_eq!(ask("ADA@example.com").status, 202);
    let mails = sink.wait_for(1, Duration::from_secs(30));
    assert_eq!(mails.len(), 1, "only the account holder gets a mail: {mails:?}");
    assert_eq!(mails[0].to, "ada@example.com");
    let token = token_in(&mails[0], "/password-reset/pwr_");

    let confirm = |token: &str, password: &str| {
        server.client.call(
            "POST",
            "/api/v1/auth/password-reset/confirm",
            None,
            Some(&json!({"token": token, "password": password})),
        )
    };
    let weak = confirm(&token, "ada@example.com").problem(422);
    assert_eq!(weak["field"], "password", "{weak}");
    assert_eq!(confirm(&token, "a whole new secret").status, 204);
    assert_eq!(
        confirm(&token, "another new secret").problem(410)["params"]["reason"],
        "used",
        "a link works once"
    );
    // Every session is signed out; the new password signs in, the old one does not.
    assert_eq!(
        server.client.call("GET", "/api/v1/me", ada.token(), None).status,
        401
    );
    assert_eq!(server.client.login("ada@example.com", PASSWORD).status, 401);
    let signed_in = server.client.login("ada@example.com", "a whole new secret");
    assert_eq!(signed_in.status, 200, "{}", signed_in.text());
    let token_now = signed_in.json()["access_token"].as_str().unwrap().to_owned();
    let me = server
        .client
        .call("GET", "/api/v1/me", Some(&token_now), None)
        .json();
    assert_eq!(me["email_verified"], true, "the link reached the address");

    // A link is good for an hour by the server's clock.
    assert_eq!(ask("ada@example.com").status, 202);
    let mails = sink.wait_for(2, Duration::from_secs(30));
    let late = token_in(&mails[1], "/password-reset/pwr_");
    let later = chrono::Utc::now() + chrono::TimeDelta::minutes(61);
    server.set_clock(&later.to_rfc3339());
    assert_eq!(
        confirm(&late, "too late a secret").problem(410)["params"]["reason"],
        "expired"
    );
    assert_eq!(
        confirm("pwr_made_up", "any new secret").problem(410)["params"]["reason"],
        "unknown"
    );
}

#[test]
fn the_address_is_confirmed_by_the_link_mailed_at_sign_up() {
    let Some(sink) = SmtpSink::start() else { return };
    let server = server(&sink);
    let bea = server.client.register("bea");
    let me =
        |user: &schwarm_tests::api::User| server.client.call("GET", "/api/v1/me", user.token(), None).json();
    assert_eq!(me(&bea)["email_verified"], false);
    wait_until("bea's confirmation", || !sink.confirmations().is_empty());
    let first = token_in(&sink.confirmations()[0], "/verify-email/vfy_");

    // Asking again sends a new link; the earlier one stops working.
    let resend = |user: &schwarm_tests::api::User| {
        server
            .client
            .call("POST", "/api/v1/me/email-verification", user.token(), None)
    };
    assert_eq!(resend(&bea).status, 202);
    wait_until("the second confirmation", || sink.confirmations().len() == 2);
    let second = token_in(&sink.confirmations()[1], "/verify-email/vfy_");
    let verify = |token: &str| {
        server.client.call(
            "POST",
            "/api/v1/auth/verify-email",
            None,
            Some(&json!({"token": token})),
        )
    };
    assert_eq!(verify(&first).problem(410)["params"]["reason"], "used");

    // Opened on several devices at once, the link confirms once.
    let barrier = Barrier::new(6);
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|_| {
                scope.spawn(|| {
                    barrier.wait();
                    verify(&second).status
                })
            })
            .collect();
        let mut statuses: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        statuses.sort_unstable();
        statuses
    });
    assert_eq!(statuses, [204, 410, 410, 410, 410, 410]);
    assert_eq!(me(&bea)["email_verified"], true);
    assert_eq!(resend(&bea).problem(409)["code"], "account.email_verified");
    assert!(
        sink.messages().is_empty(),
        "confirmations are the only mail here: {:?}",
        sink.messages()
    );
}
