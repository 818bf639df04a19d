//! Generated from the route list (the served OpenAPI document): every operation that requires a
//! credential refuses no credential (401), a personal access token without the operation's
//! scope (403), and, for an organization's routes, a signed-in user from outside it (403).

use std::collections::BTreeMap;

use schwarm_tests::api::User;
use schwarm_tests::{ServerOptions, TestServer};
use serde_json::{Value, json};

/// A valid body for each operation that takes one, so that only authorisation can refuse it.
fn sample_body(operation_id: &str) -> Option<Value> {
    match operation_id {
        "update_me" => Some(json!({"display_name": "renamed"})),
        "delete_me" => Some(json!({"password": "wrong password for the matrix"})),
        "create_token" => Some(json!({"name": "matrix", "scopes": ["profile:read"]})),
        "change_password" => Some(
            json!({"current_password": "wrong but long enough", "new_password": "another long passphrase"}),
        ),
        "create_organization" => Some(json!({"slug": "matrix-org", "name": "Matrix"})),
        "update_organization" => Some(json!({"name": "renamed"})),
        "put_member" => Some(json!({"role": "juror"})),
        "create_invitation" => Some(json!({})),
        "create_campaign" => Some(json!({"kind": "idea", "title": "Matrix"})),
        "update_campaign" => Some(json!({"title": "renamed"})),
        "create_contribution" => Some(json!({"title": "Matrix"})),
        "update_contribution" => Some(json!({"title": "renamed"})),
        "answer_authorship" => Some(json!({"accept": true})),
        "moderate_contribution" => Some(json!({"decision": "approve"})),
        "report_contribution" | "report_comment" => Some(json!({"reason": "spam"})),
        "resolve_report" => Some(json!({"action": "keep"})),
        "create_comment" => Some(json!({"body": "matrix"})),
        "cast_vote" => Some(json!({"value": 1})),
        "update_award" => Some(json!({"status": "approved"})),
        "create_channel" => Some(json!({"name": "matrix", "kind": "community"})),
        "invalidate_votes" => {
            Some(json!({"vote_ids": ["00000000-0000-7000-8000-000000000000"], "reason": "matrix"}))
        }
        "mark_notifications_read" => Some(json!({"all": true})),
        "update_notification_settings" => {
            Some(json!({"categories": [{"category": "comments", "in_app": true, "email": "off"}]}))
        }
        "set_funding" => Some(
            json!({"goal_minor": 1000, "currency": "EUR", "model": "all_or_nothing", "provider": "manual"}),
        ),
        "create_tier" => Some(json!({"title": "Matrix", "min_amount_minor": 100})),
        "update_tier" => Some(json!({"title": "renamed"})),
        "create_pledge" => Some(json!({"amount_minor": 100, "payment_method": "invoice"})),
        "update_pledge" => Some(json!({"amount_minor": 200})),
        "record_payment" => Some(json!({"amount_minor": 100})),
        "settle_funding" => Some(json!({"dry_run": true})),
        "set_task_settings" => {
            Some(json!({"answer_form": {"kind": "text", "question": "Why?", "max_length": 100}}))
        }
        "create_task" => Some(json!({"payload": {"text": "Matrix"}})),
        "import_tasks" => Some(json!({"tasks": [{"payload": {"text": "Matrix"}}]})),
        "update_claim" => Some(json!({"action": "release"})),
        "submit_answer" => Some(json!({"answer": "matrix"})),
        "review_answer" => Some(json!({"decision": "approved"})),
        "update_task_worker" => Some(json!({"paused": false})),
        "create_webhook" => Some(json!({"url": "https://hooks.example.com/matrix"})),
        "update_webhook" => Some(json!({"description": "renamed"})),
        // Credentials are checked before the multipart body is read, so any body will do.
        "upload_media" => Some(json!({})),
        _ => None,
    }
}

/// A scope that does not cover `required`, for the under-scoped token.
fn other_scopes(required: &str) -> Vec<&'static str> {
    match required {
        "session" => vec!["profile:write", "organizations:write"],
        scope if scope.starts_with("profile:") => vec!["organizations:write"],
        _ => vec!["profile:write"],
    }
}

struct Operation {
    method: String,
    path: String,
    id: String,
    required: String,
    documented: Vec<String>,
    takes_body: bool,
}

fn protected_operations(spec: &Value) -> Vec<Operation> {
    let mut operations = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let security = operation["security"]
                .as_array()
                .unwrap_or_else(|| panic!("{method} {path}: no security"));
            // Public (`security: [{}]`), or optionally signed in (`[{}, {bearer: [...]}]`).
            if security
                .iter()
                .any(|s| s.as_object().is_some_and(|o| o.is_empty()))
            {
                continue;
            }
            let Some(required) = security.iter().find_map(|s| s["bearer"].as_array()) else {
                continue;
            };
            operations.push(Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                id: operation["operationId"].as_str().unwrap().to_owned(),
                required: required[0].as_str().unwrap().to_owned(),
                documented: operation["responses"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect(),
                takes_body: operation.get("requestBody").is_some(),
            });
        }
    }
    operations
}

#[test]
fn every_protected_operation_refuses_missing_outsider_and_underscoped_credentials() {
    // One token per scope is minted for one user, each confirmed with the password: more than
    // the per-account limit on password confirmations allows a minute.
    let server = TestServer::start_with(ServerOptions::new().env("AUTH_RATE_LIMIT_PER_ACCOUNT", "1000"));
    let spec = server.get("/api/v1/openapi.json").json();
    let client = &server.client;
    let owner = client.register("owner");
    let outsider = client.register("outsider");
    let target = client.register("target");
    client.create_organization(&owner, "acme");
    assert_eq!(client.set_role(&owner, "acme", &target, "juror").status, 201);

    let concrete = |path: &str| {
        path.replace("{slug}", "acme")
            .replace("{user_id}", &target.id)
            .replace("{id}", "00000000-0000-7000-8000-000000000000")
    };
    let mut tokens: BTreeMap<String, String> = BTreeMap::new();
    let mut underscoped = |required: &str, user: &User| {
        tokens
            .entry(required.to_owned())
            .or_insert_with(|| client.personal_token(user, &other_scopes(required)))
            .clone()
    };

    let operations = protected_operations(&spec);
    assert!(
        operations.len() >= 10,
        "the matrix sees every protected route: {}",
        operations.len()
    );
    for op in &operations {
        let name = format!("{} {} ({})", op.method, op.path, op.id);
        let body = sample_body(&op.id);
        assert!(
            body.is_some() || !op.takes_body,
            "{name}: add a sample body to the matrix"
        );
        for status in ["401", "403"] {
            assert!(
                op.documented.iter().any(|s| s == status),
                "{name} does not document {status}"
            );
        }
        let path = concrete(&op.path);

        let anonymous = client.call(&op.method, &path, None, body.as_ref());
        assert_eq!(
            anonymous.status,
            401,
            "{name} without a token: {}",
            anonymous.text()
        );

        let token = underscoped(&op.required, &outsider);
        let weak = client.call(&op.method, &path, Some(&token), body.as_ref());
        assert_eq!(
            weak.status,
            403,
            "{name} with a token lacking `{}`: {}",
            op.required,
            weak.text()
        );

        if op.path.starts_with("/api/v1/organizations/{slug}") {
            let foreign = client.call(&op.method, &path, outsider.token(), body.as_ref());
            assert!(
                [403, 404].contains(&foreign.status),
                "{name} by a non-member answered {}: {}",
                foreign.status,
                foreign.text()
            );
        }
    }
    // Nothing the outsider tried changed the organization.
    let members = client
        .call("GET", "/api/v1/organizations/acme/members", owner.token(), None)
        .json();
    assert_eq!(members["items"].as_array().unwrap().len(), 2, "{members}");
    assert_eq!(
        server.get("/api/v1/organizations/acme").json()["name"],
        "acme brand"
    );
}
