//! `openapi.yaml` in the repository is generated from the code; this fails when it is stale.
//! `UPDATE_OPENAPI=1 cargo test -p schwarm-tests --test openapi_contract` rewrites it.

use schwarm_tests::{TestServer, workspace_root};

#[test]
fn committed_openapi_yaml_matches_the_code() {
    let generated = schwarm_api::openapi::openapi()
        .to_yaml()
        .expect("serialize the OpenAPI document");
    let path = workspace_root().join("openapi.yaml");
    if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write openapi.yaml");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi.yaml is stale: run `UPDATE_OPENAPI=1 cargo test -p schwarm-tests --test openapi_contract`, \
         then `npm run gen:api` in frontend/, and commit both"
    );
}

#[test]
fn the_server_serves_the_same_document() {
    let server = TestServer::start();
    let res = server.get("/api/v1/openapi.json");
    assert_eq!(res.status, 200);
    assert_eq!(res.content_type(), "application/json");
    let served = res.json();
    let generated = serde_json::to_value(schwarm_api::openapi::openapi()).unwrap();
    assert_eq!(served, generated);
    assert_eq!(served["openapi"], "3.1.0");
    for path in [
        "/api/v1/health",
        "/api/v1/ready",
        "/api/v1/metrics",
        "/api/v1/openapi.json",
    ] {
        assert!(served["paths"][path]["get"].is_object(), "{path} is documented");
    }
}

#[test]
fn every_reference_in_the_document_resolves() {
    let spec = serde_json::to_value(schwarm_api::openapi::openapi()).unwrap();
    let mut refs = Vec::new();
    collect_refs(&spec, &mut refs);
    assert!(!refs.is_empty());
    for reference in refs {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external $ref {reference}"));
        assert!(
            spec.pointer(pointer).is_some(),
            "dangling $ref {reference}: register the type in components"
        );
    }
}

fn collect_refs(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(reference)) = map.get("$ref") {
                out.push(reference.clone());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}
