//! Media: images are recognised by their bytes, refused with the right problem when they are
//! empty, too large, not images or mislabelled, served with their type and long-lived caching,
//! and attachable only by their uploader; with `MEDIA_STORE=s3://...` they live in the bucket.

use schwarm_tests::api::{multipart_file, tiny_png};
use schwarm_tests::{ServerOptions, TestServer};
use serde_json::json;

#[test]
fn a_png_is_stored_and_served_with_its_type_and_caching() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let png = tiny_png();
    let res = server.client.upload(&ada, "dot.png", "image/png", &png);
    assert_eq!(res.status, 201, "{}", res.text());
    let media = res.json();
    assert_eq!(media["content_type"], "image/png");
    assert_eq!(
        (media["width"].as_i64(), media["height"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(media["size"].as_u64(), Some(png.len() as u64));
    let url = media["url"].as_str().unwrap();
    assert_eq!(res.header("location"), Some(url));

    let served = server.get(url);
    assert_eq!(served.status, 200);
    assert_eq!(served.content_type(), "image/png");
    assert_eq!(served.body, png, "the same bytes come back");
    let caching = served.header("cache-control").unwrap();
    assert!(
        caching.contains("immutable") && caching.contains("max-age=31536000"),
        "{caching}"
    );
    let etag = served.header("etag").unwrap().to_owned();
    let again = server.client.get_with(url, &[("if-none-match", &etag)]);
    assert_eq!(again.status, 304, "a cached copy stays valid");
    assert_eq!(again.header("etag"), Some(etag.as_str()));

    server
        .get("/api/v1/media/0193a0a4-5c1e-7c3a-9c55-3f1f2b9d6e10")
        .problem(404);
    server.get("/api/v1/media/not-an-id").problem(404);
}

#[test]
fn the_content_decides_and_bad_files_get_the_right_problem() {
    let server = TestServer::start_with(ServerOptions::new().env("MEDIA_MAX_BYTES", "2048"));
    let ada = server.client.register("ada");
    let png = tiny_png();

    let renamed = server
        .client
        .upload(&ada, "invoice.exe", "image/jpeg", &png)
        .problem(415);
    assert!(
        renamed["detail"].as_str().unwrap().contains("image/png"),
        "{renamed}"
    );
    let octets = server
        .client
        .upload(&ada, "invoice.exe", "application/octet-stream", &png);
    assert_eq!(
        octets.status,
        201,
        "a generic label leaves it to the content: {}",
        octets.text()
    );
    assert_eq!(octets.json()["content_type"], "image/png");

    let empty = server
        .client
        .upload(&ada, "empty.png", "image/png", b"")
        .problem(422);
    assert_eq!(empty["errors"][0]["field"], "file", "{empty}");

    let text = server
        .client
        .upload(&ada, "notes.png", "image/png", b"just some text, not pixels");
    let text = text.problem(415);
    assert!(
        text["detail"]
            .as_str()
            .unwrap()
            .contains("PNG, JPEG, WebP or GIF"),
        "{text}"
    );

    // Over the limit inside the multipart allowance: the handler stops reading at the limit.
    let mut big = png.clone();
    big.resize(3000, 0);
    let over = server
        .client
        .upload(&ada, "big.png", "image/png", &big)
        .problem(413);
    assert!(over["detail"].as_str().unwrap().contains("2048"), "{over}");
    // Far over: refused from its declared length before anything is read.
    let mut huge = png.clone();
    huge.resize(200_000, 0);
    let refused = server
        .client
        .upload(&ada, "huge.png", "image/png", &huge)
        .problem(413);
    assert_eq!(
        refused["params"]["limit"], 2048,
        "the file's limit, as a client can check it"
    );
    let limits = server.get("/api/v1/media/limits").json();
    assert_eq!(limits["max_bytes"], 2048, "{limits}");
    assert_eq!(limits["content_types"][0], "image/png", "{limits}");

    let json_body = server
        .client
        .call("POST", "/api/v1/media", ada.token(), Some(&json!({})));
    json_body.problem(415);
    let (content_type, body) = multipart_file("picture", "dot.png", "image/png", &png);
    let wrong_field = server
        .client
        .send_as("POST", "/api/v1/media", ada.token(), &content_type, &body);
    assert_eq!(wrong_field.problem(422)["errors"][0]["field"], "picture");
    // The image followed by a part the form does not declare: refused, naming that part.
    let (content_type, mut body) = multipart_file("file", "dot.png", "image/png", &png);
    let boundary = content_type.rsplit('=').next().unwrap().to_owned();
    body.truncate(body.len() - format!("--{boundary}--\r\n").len());
    body.extend_from_slice(
        format!(
            "--{boundary}\r\ncontent-disposition: form-data; name=\"caption\"\r\n\r\nhi\r\n--{boundary}--\r\n"
        )
        .as_bytes(),
    );
    let extra_part = server
        .client
        .send_as("POST", "/api/v1/media", ada.token(), &content_type, &body);
    assert_eq!(extra_part.problem(422)["errors"][0]["field"], "caption");
    let anonymous = server
        .client
        .send_as("POST", "/api/v1/media", None, &content_type, &body);
    anonymous.problem(401);
}

#[test]
fn only_the_uploader_attaches_an_image_to_a_contribution_or_cover() {
    let server = TestServer::start();
    let owner = server.client.register("owner");
    server.client.create_organization(&owner, "acme");
    let campaign = server.client.open_campaign(&owner, "acme", "Bottle", json!({}));
    let (ada, bob) = (server.client.register("ada"), server.client.register("bob"));
    let upload = |user| {
        server
            .client
            .upload(user, "dot.png", "image/png", &tiny_png())
            .json()
    };
    let (first, second) = (upload(&ada), upload(&ada));
    let (first_id, second_id) = (first["id"].as_str().unwrap(), second["id"].as_str().unwrap());

    let contributions = format!("/api/v1/campaigns/{campaign}/contributions");
    let borrowed = server.client.call(
        "POST",
        &contributions,
        bob.token(),
        Some(&json!({"title": "Borrowed", "media_ids": [first_id]})),
    );
    assert_eq!(borrowed.problem(422)["errors"][0]["field"], "media_ids[0]");
    let twice = server.client.call(
        "POST",
        &contributions,
        ada.token(),
        Some(&json!({"title": "Twice", "media_ids": [first_id, first_id]})),
    );
    assert_eq!(twice.problem(422)["errors"][0]["field"], "media_ids[1]");

    let made = server.client.call(
        "POST",
        &contributions,
        ada.token(),
        Some(&json!({"title": "Wave", "media_ids": [second_id, first_id]})),
    );
    assert_eq!(made.status, 201, "{}", made.text());
    let made = made.json();
    let shown: Vec<&str> = made["media"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(shown, [second_id, first_id], "in the chosen order");
    let gallery = server.get(&contributions).json();
    assert_eq!(gallery["items"][0]["media"][0]["url"], second["url"]);

    let edited = server.client.call(
        "PATCH",
        &format!("/api/v1/contributions/{}", made["id"].as_str().unwrap()),
        ada.token(),
        Some(&json!({"media_ids": [first_id]})),
    );
    assert_eq!(edited.json()["media"].as_array().unwrap().len(), 1);

    let cover = upload(&owner);
    let cover_id = cover["id"].as_str().unwrap();
    let path = format!("/api/v1/campaigns/{campaign}");
    let foreign = server.client.call(
        "PATCH",
        &path,
        owner.token(),
        Some(&json!({"cover_media_id": first_id})),
    );
    assert_eq!(foreign.problem(422)["errors"][0]["field"], "cover_media_id");
    let set = server.client.call(
        "PATCH",
        &path,
        owner.token(),
        Some(&json!({"cover_media_id": cover_id})),
    );
    assert_eq!(
        set.json()["cover_url"],
        cover["url"],
        "a cover may change while submissions run"
    );
    let removed = server.client.call(
        "PATCH",
        &path,
        owner.token(),
        Some(&json!({"cover_media_id": null})),
    );
    assert_eq!(removed.json()["cover_url"], json!(null));
}

#[test]
fn with_an_s3_bucket_the_bytes_live_in_the_bucket() {
    let Some(s3) = schwarm_tests::s3::S3Server::start("schwarm-media") else {
        return;
    };
    let mut options = ServerOptions::new();
    for (key, value) in s3.env() {
        options = options.env(key, value);
    }
    let server = TestServer::start_with(options);
    let ada = server.client.register("ada");
    let png = tiny_png();
    let res = server.client.upload(&ada, "dot.png", "image/png", &png);
    assert_eq!(res.status, 201, "{}", res.text());
    let url = res.json()["url"].as_str().unwrap().to_owned();
    let served = server.get(&url);
    assert_eq!((served.status, served.body), (200, png.clone()));

    // The object is in the bucket under the configured prefix, with the image's size (objects
    // are private: reading them needs signed requests).
    let listing = ureq::get(&format!(
        "{}/{}?list-type=2&prefix=media/",
        s3.endpoint, s3.bucket
    ))
    .call()
    .expect("list the bucket")
    .into_body()
    .read_to_string()
    .expect("listing");
    let element = |name: &str| -> Vec<String> {
        listing
            .split(&format!("<{name}>"))
            .skip(1)
            .filter_map(|rest| rest.split(&format!("</{name}>")).next().map(str::to_owned))
            .collect()
    };
    assert_eq!(element("Key").len(), 1, "one object under media/: {listing}");
    assert_eq!(element("Size"), [png.len().to_string()], "{listing}");
}

#[test]
fn a_large_image_gets_smaller_copies_for_galleries_and_phones() {
    let server = TestServer::start();
    let ada = server.client.register("ada");
    let picture = image::RgbImage::from_fn(1200, 900, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let res = server.client.upload(&ada, "poster.png", "image/png", &png);
    assert_eq!(res.status, 201, "{}", res.text());
    let media = res.json();
    let variants: Vec<(i64, i64, String)> = media["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["width"].as_i64().unwrap(),
                v["height"].as_i64().unwrap(),
                v["url"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let url = media["url"].as_str().unwrap();
    assert_eq!(
        variants,
        [
            (480, 360, format!("{url}?w=480")),
            (960, 720, format!("{url}?w=960"))
        ],
        "narrower copies, same shape"
    );
    for (width, height, variant_url) in &variants {
        let copy = server.get(variant_url);
        assert_eq!(copy.status, 200);
        assert_eq!(copy.content_type(), "image/jpeg");
        let decoded = image::load_from_memory(&copy.body).unwrap();
        assert_eq!(
            (i64::from(decoded.width()), i64::from(decoded.height())),
            (*width, *height)
        );
    }
    // A width that was not made serves the original.
    let original = server.get(&format!("{url}?w=123"));
    assert_eq!((original.status, original.content_type()), (200, "image/png"));
    assert_eq!(original.body, png);
    for width in ["0", "16385", "2147483648"] {
        let refused = server.get(&format!("{url}?w={width}"));
        assert!(
            [400, 422].contains(&refused.status),
            "w={width}: {}",
            refused.text()
        );
    }
    // A small image has no copies.
    let small = server
        .client
        .upload(&ada, "dot.png", "image/png", &tiny_png())
        .json();
    assert_eq!(small["variants"], json!([]));
}
