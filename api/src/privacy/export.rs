//! `GET /me/export`: one JSON document with everything Schwarm keeps about the caller, section by
//! section (profile, sessions, tokens without their secrets, memberships, contributions and
//! co-authorships, comments, votes with the segments they were counted under, reports, uploads,
//! points, award shares, pledges, task answers and standing, notifications and their settings,
//! the campaigns they took part in and through which channel). Each section is one query that
//! the database itself turns into JSON, the same statement shape on both backends.

use actix_web::{HttpResponse, get, web};
use diesel::QueryableByName;
use diesel::RunQueryDsl;
use diesel::sql_types::Text;
use serde_json::{Map, Value};

use crate::auth::Auth;
use crate::auth::scopes::ProfileRead;
use crate::db::{Db, DbConnection};
use crate::error::{ApiError, Problem};
use crate::http::no_store::no_store;
use crate::ids::now;

/// One section: what it is called, the table, the column naming the person, and the columns
/// handed out (never password or token hashes, nor the integrity hashes derived from secrets).
struct Section {
    name: &'static str,
    table: &'static str,
    owner: &'static str,
    columns: &'static [&'static str],
}

const SECTIONS: &[Section] = &[
    Section {
        name: "profile",
        table: "users",
        owner: "id",
        columns: &[
            "id",
            "email",
            "display_name",
            "locale",
            "research_consent",
            "country",
            "birth_year",
            "interests",
            "signup_via",
            "created_at",
            "updated_at",
        ],
    },
    Section {
        name: "sessions",
        table: "sessions",
        owner: "user_id",
        columns: &["id", "user_agent", "created_at", "last_used_at", "revoked_at"],
    },
    Section {
        name: "personal_access_tokens",
        table: "personal_access_tokens",
        owner: "user_id",
        columns: &[
            "id",
            "name",
            "token_prefix",
            "scopes",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
        ],
    },
    Section {
        name: "memberships",
        table: "organization_members",
        owner: "user_id",
        columns: &["organization_id", "role", "created_at", "updated_at"],
    },
    Section {
        name: "participation_rights",
        table: "participation_grants",
        owner: "user_id",
        columns: &["organization_id", "campaign_id", "invitation_id", "granted_at"],
    },
    Section {
        name: "contributions",
        table: "contributions",
        owner: "submitter_id",
        columns: &[
            "id",
            "campaign_id",
            "title",
            "body",
            "tags",
            "parent_id",
            "status",
            "created_at",
            "updated_at",
            "published_at",
            "moderation_reason",
        ],
    },
    Section {
        name: "authorships",
        table: "contribution_authors",
        owner: "user_id",
        columns: &["contribution_id", "share_bp", "accepted_at"],
    },
    Section {
        name: "comments",
        table: "comments",
        owner: "author_id",
        columns: &[
            "id",
            "contribution_id",
            "campaign_id",
            "parent_id",
            "body",
            "created_at",
            "deleted_at",
        ],
    },
    Section {
        name: "votes",
        table: "votes",
        owner: "voter_id",
        columns: &[
            "id",
            "campaign_id",
            "contribution_id",
            "value",
            "jury",
            "created_at",
            "updated_at",
            "invalidation_id",
            "segments",
        ],
    },
    Section {
        name: "reports",
        table: "reports",
        owner: "reporter_id",
        columns: &[
            "id",
            "target_type",
            "target_id",
            "campaign_id",
            "reason",
            "created_at",
        ],
    },
    Section {
        name: "uploads",
        table: "media",
        owner: "owner_id",
        columns: &[
            "id",
            "content_type",
            "size_bytes",
            "width",
            "height",
            "created_at",
        ],
    },
    Section {
        name: "points",
        table: "points_ledger",
        owner: "user_id",
        columns: &[
            "id",
            "campaign_id",
            "source_type",
            "source_id",
            "points",
            "created_at",
        ],
    },
    Section {
        name: "award_shares",
        table: "award_splits",
        owner: "user_id",
        columns: &["award_id", "reason", "amount_minor", "points"],
    },
    Section {
        name: "pledges",
        table: "pledges",
        owner: "backer_id",
        columns: &[
            "id",
            "campaign_id",
            "tier_id",
            "amount_minor",
            "currency",
            "status",
            "provider",
            "payment_method",
            "collected_at",
            "ended_at",
            "created_at",
            "updated_at",
        ],
    },
    Section {
        name: "task_answers",
        table: "task_claims",
        owner: "worker_id",
        columns: &[
            "id",
            "task_id",
            "campaign_id",
            "status",
            "answer",
            "submitted_at",
            "reviewed_at",
            "review_reason",
            "points",
            "created_at",
            "updated_at",
        ],
    },
    Section {
        name: "task_standing",
        table: "task_workers",
        owner: "worker_id",
        columns: &[
            "campaign_id",
            "gold_answered",
            "gold_correct",
            "paused_at",
            "paused_reason",
            "created_at",
        ],
    },
    Section {
        name: "notifications",
        table: "notifications",
        owner: "recipient_id",
        columns: &[
            "id",
            "kind",
            "category",
            "campaign_id",
            "subject_id",
            "count",
            "data",
            "created_at",
            "read_at",
        ],
    },
    Section {
        name: "notification_settings",
        table: "notification_preferences",
        owner: "user_id",
        columns: &["category", "in_app", "email"],
    },
    Section {
        name: "participations",
        table: "campaign_participants",
        owner: "user_id",
        columns: &[
            "campaign_id",
            "source_id",
            "first_touch_at",
            "joined_at",
            "signed_up",
            "first_vote_at",
            "first_contribution_at",
            "first_pledge_at",
            "first_task_at",
            "voter_segments",
        ],
    },
];

#[derive(QueryableByName)]
struct Rows {
    #[diesel(sql_type = Text)]
    rows: String,
}

/// The rows of one section as a JSON array, built by the database.
fn section(conn: &mut DbConnection, section: &Section, user_id: &str) -> Result<Value, ApiError> {
    let pairs: Vec<String> = section
        .columns
        .iter()
        .map(|column| format!("'{column}', t.\"{column}\""))
        .collect();
    let pairs = pairs.join(", ");
    let (table, owner, first) = (section.table, section.owner, section.columns[0]);
    let rows = match conn {
        DbConnection::Postgres(pg) => diesel::sql_query(format!(
            "SELECT COALESCE(json_agg(json_build_object({pairs}) ORDER BY t.\"{first}\"), '[]'::json)::text AS rows \
             FROM \"{table}\" t WHERE t.\"{owner}\" = $1"
        ))
        .bind::<Text, _>(user_id)
        .get_result::<Rows>(pg)?,
        DbConnection::Sqlite(lite) => diesel::sql_query(format!(
            "SELECT COALESCE(json_group_array(json_object({pairs})), '[]') AS rows \
             FROM (SELECT * FROM \"{table}\" WHERE \"{owner}\" = ? ORDER BY \"{first}\") t"
        ))
        .bind::<Text, _>(user_id)
        .get_result::<Rows>(lite)?,
    };
    serde_json::from_str(&rows.rows).map_err(ApiError::internal)
}

/// Everything about `user_id`, one section per kind of data.
fn collect(conn: &mut DbConnection, user_id: &str) -> Result<Value, ApiError> {
    let mut document = Map::new();
    document.insert("exported_at".into(), Value::String(now().and_utc().to_rfc3339()));
    for spec in SECTIONS {
        let mut rows = section(conn, spec, user_id)?;
        if spec.name == "profile" {
            rows = rows
                .as_array_mut()
                .and_then(|rows| rows.pop())
                .unwrap_or(Value::Null);
        }
        document.insert(spec.name.into(), rows);
    }
    Ok(Value::Object(document))
}

/// Everything Schwarm keeps about the signed-in person, as one JSON document to download: the
/// profile, sessions, tokens (without secrets), memberships, contributions, co-authorships,
/// comments, votes (with the segments they were counted under), reports, uploads, points, award
/// shares, pledges, task answers, notifications and settings, and the campaigns taken part in.
#[utoipa::path(
    tag = "me",
    operation_id = "export_me",
    responses(
        (status = 200, description = "The document (a download)", body = Object, content_type = "application/json",
            headers(("Content-Disposition" = String, description = "attachment; filename=\"schwarm-export.json\""))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["profile:read"]))
)]
#[get("/me/export")]
pub async fn export_me(auth: Auth<ProfileRead>, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let document = db.run(move |conn| collect(conn, &auth.user_id)).await?;
    Ok(no_store(HttpResponse::Ok())
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"schwarm-export.json\"",
        ))
        .json(document))
}
