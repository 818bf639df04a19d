//! Spreading the word offline: each channel's link as a QR code for posters and packaging.

use schwarm_tests::{ServerOptions, TestServer};
use serde_json::json;

#[test]
fn a_channel_link_comes_as_a_qr_code_of_the_absolute_link_for_its_managers_only() {
    let server = TestServer::start_with(ServerOptions::new().env("PUBLIC_URL", "https://schwarm.example"));
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let slug = server.client.open_campaign(&owner, "acme", "Bottle", json!({}));
    let created = server.client.call(
        "POST",
        &format!("/api/v1/campaigns/{slug}/channels"),
        owner.token(),
        Some(&json!({"name": "Poster at the station", "kind": "community"})),
    );
    assert_eq!(created.status, 201, "{}", created.text());
    let channel = created.json();
    let path = format!(
        "/api/v1/campaigns/{slug}/channels/{}/qr.svg",
        channel["id"].as_str().unwrap()
    );

    let res = server.client.call("GET", &path, owner.token(), None);
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(res.content_type(), "image/svg+xml");
    // The code a phone camera reads: the channel's link made absolute, so the visit counts for it.
    let expected_url = format!("https://schwarm.example{}", channel["link"].as_str().unwrap());
    let expected = qrcode::QrCode::with_error_correction_level(expected_url.as_bytes(), qrcode::EcLevel::M)
        .unwrap()
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build();
    assert_eq!(res.text(), expected, "the QR code of {expected_url}");

    let stranger = server.client.register("stranger");
    server
        .client
        .call("GET", &path, stranger.token(), None)
        .problem(403);
    let unknown = format!("/api/v1/campaigns/{slug}/channels/0193a0a4-5c1e-7c3a-9c55-3f1f2b9d6e10/qr.svg");
    server
        .client
        .call("GET", &unknown, owner.token(), None)
        .problem(404);
}
