//! Tasks: added one by one or imported by the thousand (all rows checked first, then inserted in
//! one transaction, so an import with a bad row adds nothing and names the row and field), and
//! read as workers see them (never gold, never a result) or as managers do.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use serde_json::Value;
use validator::Validate;

use super::dto::{
    CreateTaskRequest, GivenAnswer, ImportTasksResponse, TaskListFilter, TaskPayload, TaskResponse,
    TaskResult, TaskState,
};
use super::form::AnswerForm;
use super::repo::{self, ClaimRow, TaskFilter, TaskRow};
use super::settings::{configured, managed, microtask_campaign};
use crate::campaigns::repo::CampaignRow;
use crate::db::{DbConnection, write_transaction};
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::events::catalogue::TasksAddedData;
use crate::events::{self, Event, EventType};
use crate::ids::new_id;
use crate::media::dto::media_url;
use crate::media::repo as media;
use crate::pagination::KeyedPage;
use crate::users::repo as users;

/// Tasks one import may add.
pub const MAX_IMPORT: usize = 10_000;
/// Tasks one campaign may have.
const MAX_TASKS: i64 = 100_000;
/// Field errors one refused import lists (the first ones).
const MAX_REPORTED: usize = 100;

/// The task's state as people read it.
pub fn state_of(row: &TaskRow) -> TaskState {
    if row.retired_at.is_some() {
        TaskState::Retired
    } else if row.gold_answer.is_none() && row.answers >= row.redundancy {
        TaskState::Completed
    } else if row.taken > 0 || row.answers > 0 {
        TaskState::InProgress
    } else {
        TaskState::Open
    }
}

fn parse(json: Option<&str>) -> Option<Value> {
    json.and_then(|text| serde_json::from_str(text).ok())
}

/// A task as a response; `manager` adds gold, result and (with `answers`) every answer.
pub fn task_response(row: TaskRow, manager: bool, answers: Option<Vec<GivenAnswer>>) -> TaskResponse {
    let payload: TaskPayload = serde_json::from_str(&row.payload).unwrap_or_default();
    let state = state_of(&row);
    let result = match (manager, parse(row.result_answer.as_deref())) {
        (true, Some(answer)) => Some(TaskResult {
            answer,
            agreement_percent: row.agreement_bp.unwrap_or(0) / 100,
            agreeing: row.agreeing,
            answers: row.answers,
        }),
        _ => None,
    };
    TaskResponse {
        image_url: payload.image.as_deref().map(media_url),
        payload,
        state: manager.then_some(state),
        retired_reason: row.retired_reason.filter(|_| manager),
        retired_at: row.retired_at.filter(|_| manager).map(|at| at.and_utc()),
        gold: manager.then_some(row.gold_answer.is_some()),
        gold_answer: if manager {
            parse(row.gold_answer.as_deref())
        } else {
            None
        },
        result,
        given_answers: answers,
        created_at: row.created_at.and_utc(),
        id: row.id,
        campaign_id: row.campaign_id,
        instructions: row.instructions,
        redundancy: row.redundancy,
        reward_points: row.reward_points,
        priority: row.priority,
        taken: manager.then_some(row.taken),
        answers: manager.then_some(row.answers),
    }
}

/// A gold answer as the form reads it: a form whose answers are not text takes a text gold answer
/// (a CSV cell such as `42`, `["a","b"]` or a rectangle) as JSON; text and choice forms take it
/// as it is, so `1` stays the option `"1"`.
fn gold_value(form: &AnswerForm, answer: &Value) -> Value {
    match (form, answer) {
        (
            AnswerForm::Number { .. } | AnswerForm::MultipleChoice { .. } | AnswerForm::Rectangle { .. },
            Value::String(text),
        ) => serde_json::from_str(text).unwrap_or_else(|_| answer.clone()),
        _ => answer.clone(),
    }
}

/// Checks one task against validation, the form (its gold answer; an image where the form needs
/// one) and the media store; its field errors are named under `prefix`.
fn check_task(
    conn: &mut DbConnection,
    form: &AnswerForm,
    request: &CreateTaskRequest,
    prefix: &str,
    known_media: &mut HashSet<String>,
) -> Result<(Option<String>, Vec<FieldError>), ApiError> {
    let mut errors: Vec<FieldError> = match request.validate() {
        Ok(()) => Vec::new(),
        Err(invalid) => ApiError::from(invalid)
            .field_errors()
            .iter()
            .cloned()
            .map(|mut error| {
                error.field = format!("{prefix}{}", error.field);
                error
            })
            .collect(),
    };
    let payload = &request.payload;
    let blank = |value: &Option<String>| value.as_deref().is_none_or(|text| text.trim().is_empty());
    if blank(&payload.text) && blank(&payload.image) && blank(&payload.link) {
        errors.push(FieldError::new(
            format!("{prefix}payload"),
            ErrorCode::TaskPayloadEmpty,
            "a task shows a text, an image or a link",
        ));
    }
    match payload.image.as_deref() {
        Some(image) if !known_media.contains(image) => {
            if media::find(conn, image)?.is_some() {
                known_media.insert(image.to_owned());
            } else {
                errors.push(FieldError::new(
                    format!("{prefix}payload.image"),
                    ErrorCode::TaskImageUnknown,
                    "not a media id of this server (upload it with POST /media first)",
                ));
            }
        }
        None if form.needs_image() => errors.push(FieldError::new(
            format!("{prefix}payload.image"),
            ErrorCode::TaskImageRequired,
            "the campaign's question is about an image: every task needs one",
        )),
        _ => {}
    }
    let gold = match &request.gold_answer {
        Some(answer) => match form.check(&format!("{prefix}gold_answer"), &gold_value(form, answer)) {
            Ok(canonical) => Some(canonical.to_string()),
            Err(error) => {
                errors.push(error);
                None
            }
        },
        None => None,
    };
    Ok((gold, errors))
}

fn new_row(
    campaign_id: &str,
    request: CreateTaskRequest,
    gold: Option<String>,
    now: NaiveDateTime,
) -> Result<TaskRow, ApiError> {
    Ok(TaskRow {
        id: new_id(),
        campaign_id: campaign_id.to_owned(),
        payload: serde_json::to_string(&request.payload).map_err(ApiError::internal)?,
        instructions: request.instructions,
        redundancy: request.redundancy,
        reward_points: request.reward_points,
        priority: request.priority,
        gold_answer: gold,
        taken: 0,
        answers: 0,
        retired_at: None,
        retired_reason: None,
        result_answer: None,
        agreement_bp: None,
        agreeing: 0,
        created_at: now,
        updated_at: now,
    })
}

fn record_added(
    conn: &mut DbConnection,
    campaign: &CampaignRow,
    actor: &str,
    count: usize,
    gold: usize,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    events::record(
        conn,
        Event::new(
            EventType::TasksAdded,
            &campaign.id,
            TasksAddedData { count, gold },
        )
        .of_campaign(&campaign.organization_id, &campaign.id)
        .by_maybe(Some(actor)),
        now,
    )?;
    Ok(())
}

fn room_for(conn: &mut DbConnection, campaign: &CampaignRow, adding: usize) -> Result<i64, ApiError> {
    let existing = repo::count_tasks(conn, &campaign.id)?;
    if existing + i64::try_from(adding).unwrap_or(i64::MAX) > MAX_TASKS {
        return Err(ApiError::invalid(
            "tasks",
            ErrorCode::FieldLength,
            format!("a campaign has at most {MAX_TASKS} tasks; it has {existing}"),
        )
        .param("max", MAX_TASKS));
    }
    Ok(existing)
}

pub fn create(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    request: CreateTaskRequest,
    now: NaiveDateTime,
) -> Result<TaskResponse, ApiError> {
    write_transaction(conn, |conn| {
        let (campaign, _) = managed(conn, actor, key)?;
        let (_, form) = configured(conn, &campaign)?;
        let (gold, errors) = check_task(conn, &form, &request, "", &mut HashSet::new())?;
        if !errors.is_empty() {
            return Err(ApiError::fields(errors));
        }
        room_for(conn, &campaign, 1)?;
        let is_gold = gold.is_some();
        let row = new_row(&campaign.id, request, gold, now)?;
        repo::insert_tasks(conn, std::slice::from_ref(&row))?;
        record_added(conn, &campaign, actor, 1, usize::from(is_gold), now)?;
        Ok(task_response(row, true, None))
    })
}

/// Adds every task or none: all rows are checked first and the refusal names each bad row's
/// field (`tasks[41].redundancy`, the first 100 of them, with the row number in `params.row`).
pub fn import(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    requests: Vec<CreateTaskRequest>,
    now: NaiveDateTime,
) -> Result<ImportTasksResponse, ApiError> {
    if requests.is_empty() || requests.len() > MAX_IMPORT {
        return Err(ApiError::invalid(
            "tasks",
            ErrorCode::FieldLength,
            format!("an import has 1 to {MAX_IMPORT} tasks"),
        )
        .param("min", 1)
        .param("max", MAX_IMPORT));
    }
    write_transaction(conn, |conn| {
        let (campaign, _) = managed(conn, actor, key)?;
        let (_, form) = configured(conn, &campaign)?;
        let existing = room_for(conn, &campaign, requests.len())?;
        let mut errors = Vec::new();
        let mut rows = Vec::with_capacity(requests.len());
        let mut known_media = HashSet::new();
        for (index, request) in requests.into_iter().enumerate() {
            let (gold, row_errors) = check_task(
                conn,
                &form,
                &request,
                &format!("tasks[{index}]."),
                &mut known_media,
            )?;
            if row_errors.is_empty() {
                rows.push(new_row(&campaign.id, request, gold, now)?);
            } else {
                errors.extend(row_errors.into_iter().map(|error| error.param("row", index + 1)));
            }
            if errors.len() >= MAX_REPORTED {
                break;
            }
        }
        if !errors.is_empty() {
            errors.truncate(MAX_REPORTED);
            return Err(ApiError::fields(errors));
        }
        let gold = rows.iter().filter(|row| row.gold_answer.is_some()).count();
        repo::insert_tasks(conn, &rows)?;
        record_added(conn, &campaign, actor, rows.len(), gold, now)?;
        Ok(ImportTasksResponse {
            imported: rows.len(),
            gold,
            total: existing + i64::try_from(rows.len()).unwrap_or(i64::MAX),
        })
    })
}

/// Reads a CSV import: a header row naming the columns (`text`, `image`, `link`,
/// `instructions`, `redundancy`, `reward_points`, `priority`, `gold_answer`), then a task per
/// row. Empty cells take the defaults; `gold_answer` is JSON or plain text.
pub fn parse_csv(body: &[u8]) -> Result<Vec<CreateTaskRequest>, ApiError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(body);
    let unreadable = |row: usize, message: String| {
        ApiError::invalid("body", ErrorCode::ImportUnreadable, message).param("row", row)
    };
    let headers: Vec<String> = reader
        .headers()
        .map_err(|err| unreadable(0, format!("the header row cannot be read: {err}")))?
        .iter()
        .map(|name| name.trim().to_ascii_lowercase())
        .collect();
    const COLUMNS: [&str; 8] = [
        "text",
        "image",
        "link",
        "instructions",
        "redundancy",
        "reward_points",
        "priority",
        "gold_answer",
    ];
    if let Some(unknown) = headers.iter().find(|name| !COLUMNS.contains(&name.as_str())) {
        return Err(unreadable(
            0,
            format!(
                "unknown column `{unknown}`; the columns are {}",
                COLUMNS.join(", ")
            ),
        ));
    }
    let mut tasks = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 1;
        let record = record.map_err(|err| unreadable(row, format!("row {row} cannot be read: {err}")))?;
        if tasks.len() >= MAX_IMPORT {
            return Err(ApiError::invalid(
                "tasks",
                ErrorCode::FieldLength,
                format!("an import has 1 to {MAX_IMPORT} tasks"),
            )
            .param("max", MAX_IMPORT));
        }
        // NUL cannot be stored in PostgreSQL text; the JSON import replaces it the same way.
        let cells: HashMap<&str, String> = headers
            .iter()
            .map(String::as_str)
            .zip(record.iter())
            .filter(|(_, cell)| !cell.trim().is_empty())
            .map(|(name, cell)| (name, cell.replace('\0', "\u{FFFD}")))
            .collect();
        let text = |name: &str| cells.get(name).cloned();
        let mut number = |name: &str, default: i32| -> i32 {
            match cells.get(name).map(|cell| cell.trim().parse()) {
                None => default,
                Some(Ok(value)) => value,
                Some(Err(_)) => {
                    errors.push(
                        FieldError::new(
                            format!("tasks[{index}].{name}"),
                            ErrorCode::FieldFormat,
                            format!("row {row}: `{name}` is a whole number"),
                        )
                        .param("row", row),
                    );
                    default
                }
            }
        };
        let (redundancy, reward_points, priority) = (
            number("redundancy", 3),
            number("reward_points", 10),
            number("priority", 0),
        );
        tasks.push(CreateTaskRequest {
            payload: TaskPayload {
                text: text("text"),
                image: text("image").map(|id| id.trim().to_owned()),
                link: text("link").map(|link| link.trim().to_owned()),
            },
            instructions: text("instructions").unwrap_or_default(),
            redundancy,
            reward_points,
            priority,
            // As written: the form decides how to read it (see `gold_value`).
            gold_answer: cells
                .get("gold_answer")
                .map(|cell| Value::String(cell.trim().to_owned())),
        });
        if errors.len() >= MAX_REPORTED {
            break;
        }
    }
    match errors.is_empty() {
        true => Ok(tasks),
        false => Err(ApiError::fields(errors)),
    }
}

/// Who answered what, for managers.
pub fn given_answers(conn: &mut DbConnection, claims: Vec<ClaimRow>) -> Result<Vec<GivenAnswer>, ApiError> {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut out = Vec::with_capacity(claims.len());
    for claim in claims {
        if !names.contains_key(&claim.worker_id) {
            let name = users::find(conn, &claim.worker_id)?
                .map(|user| user.display_name)
                .unwrap_or_default();
            names.insert(claim.worker_id.clone(), name);
        }
        out.push(GivenAnswer {
            worker_name: names[&claim.worker_id].clone(),
            answer: parse(claim.answer.as_deref()).unwrap_or(Value::Null),
            status: claim.status,
            submitted_at: claim.submitted_at.map(|at| at.and_utc()),
            claim_id: claim.id,
            worker_id: claim.worker_id,
        });
    }
    Ok(out)
}

pub fn list(
    conn: &mut DbConnection,
    viewer: Option<&str>,
    key: &str,
    filter: Option<TaskListFilter>,
    after: Option<&str>,
    limit: usize,
) -> Result<KeyedPage<TaskResponse>, ApiError> {
    let (campaign, role) = microtask_campaign(conn, viewer, key)?;
    let manager = role.is_some_and(|role| role.manages());
    let filter = match (filter, manager) {
        (Some(TaskListFilter::All), true) | (None, true) => TaskFilter::All,
        (Some(TaskListFilter::Retired), _) => TaskFilter::Retired,
        (Some(TaskListFilter::Gold), true) => TaskFilter::Gold,
        _ => TaskFilter::Available,
    };
    let limit = i64::try_from(limit).unwrap_or(100);
    let rows = repo::tasks_of(conn, &campaign.id, filter, after, limit + 1)?;
    // Workers never learn which tasks are gold: retired gold tasks stay out of their lists.
    let rows = rows
        .into_iter()
        .filter(|row| manager || row.gold_answer.is_none())
        .collect();
    Ok(KeyedPage::from_rows(rows, limit as usize, |row| row.id.clone())
        .map(|row| task_response(row, manager, None)))
}

pub fn get(conn: &mut DbConnection, viewer: Option<&str>, id: &str) -> Result<TaskResponse, ApiError> {
    let task = repo::task(conn, id)?.ok_or_else(|| ApiError::not_found("task"))?;
    let (_, role) =
        microtask_campaign(conn, viewer, &task.campaign_id).map_err(|_| ApiError::not_found("task"))?;
    let manager = role.is_some_and(|role| role.manages());
    // A gold task exists for a worker only while they hold (or held) a claim on it: anyone else
    // could learn which tasks are checks.
    let claimed = match viewer {
        Some(viewer) if task.gold_answer.is_some() => repo::live_claim_of(conn, &task.id, viewer)?.is_some(),
        _ => false,
    };
    if !manager && task.gold_answer.is_some() && !claimed {
        return Err(ApiError::not_found("task"));
    }
    let answers = match manager {
        true => {
            let claims = repo::answered_claims_of(conn, std::slice::from_ref(&task.id))?;
            Some(given_answers(conn, claims)?)
        }
        false => None,
    };
    Ok(task_response(task, manager, answers))
}
