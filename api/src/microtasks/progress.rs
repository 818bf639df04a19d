//! A microtask campaign's insight: tasks by state, answers by review state, the pace and the
//! projected completion against the close, the workers' leaderboard; and the results export.

use chrono::{NaiveDateTime, TimeDelta};

use super::dto::{AnswerCounts, TaskCounts, TaskProgress};
use super::repo;
use super::review::standings;
use super::settings::managed;
use crate::db::DbConnection;
use crate::domain::ClaimStatus;
use crate::error::ApiError;
use crate::http::download::{csv_bytes, text_cell};

/// Workers on the progress page's leaderboard.
const LEADERBOARD: usize = 10;
/// Tasks per query of the export.
const EXPORT_BATCH: i64 = 500;

pub fn progress(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
    now: NaiveDateTime,
) -> Result<TaskProgress, ApiError> {
    let (campaign, _) = managed(conn, actor, key)?;
    let mut tasks = TaskCounts::default();
    for repo::TaskStateCount {
        gold,
        retired,
        full,
        held,
        count,
    } in repo::task_states(conn, &campaign.id)?
    {
        if gold {
            tasks.gold += count;
            continue;
        }
        tasks.total += count;
        match (retired, full, held) {
            (true, _, _) => tasks.retired += count,
            (false, true, _) => tasks.completed += count,
            (false, false, true) => tasks.in_progress += count,
            (false, false, false) => tasks.open += count,
        }
    }
    let mut answers = AnswerCounts::default();
    for (status, count) in repo::claim_states(conn, &campaign.id)? {
        match status {
            ClaimStatus::Active => answers.active_leases += count,
            ClaimStatus::Submitted => answers.pending_review += count,
            ClaimStatus::Approved => answers.approved += count,
            ClaimStatus::Rejected => answers.rejected += count,
            ClaimStatus::Expired => answers.expired_leases += count,
            ClaimStatus::Released => answers.released_leases += count,
        }
    }
    let wanted = repo::answers_wanted(conn, &campaign.id)?;
    let last_hour = repo::answers_since(conn, &campaign.id, now - TimeDelta::hours(1))?;
    let last_day = repo::answers_since(conn, &campaign.id, now - TimeDelta::hours(24))?;
    // The pace over the last 24 hours, or over the hours since the work window opened when that
    // is shorter (at least one): a campaign opened this morning is not judged by yesterday.
    let hours = campaign
        .submissions_open_at
        .map_or(24.0, |opened| (now - opened).num_seconds() as f64 / 3600.0)
        .clamp(1.0, 24.0);
    let per_hour = last_day as f64 / hours;
    let projected = match (wanted, per_hour > 0.0) {
        (0, _) => Some(now),
        (_, true) => Some(now + TimeDelta::seconds((wanted as f64 / per_hour * 3600.0).min(3.0e9) as i64)),
        (_, false) => None,
    };
    let closes_at = campaign.submissions_close_at;
    let workers = standings(conn, &campaign.id)?;
    Ok(TaskProgress {
        tasks,
        answers,
        answers_wanted: wanted,
        answers_last_hour: last_hour,
        answers_per_hour: (per_hour * 100.0).round() / 100.0,
        on_track: match (projected, closes_at) {
            (Some(projected), Some(close)) => Some(projected <= close),
            _ => None,
        },
        projected_completion_at: projected.map(|at| at.and_utc()),
        closes_at: closes_at.map(|at| at.and_utc()),
        workers: workers
            .iter()
            .filter(|w| w.approved + w.pending + w.rejected > 0)
            .count() as i64,
        paused_workers: workers.iter().filter(|w| w.paused).count() as i64,
        leaderboard: workers.into_iter().take(LEADERBOARD).collect(),
    })
}

/// An answer as a cell: text as it is (defused if a spreadsheet would run it), anything else as
/// JSON (a number, a list of options, a rectangle).
fn answer_cell(answer: &serde_json::Value) -> String {
    match answer {
        serde_json::Value::String(text) => text_cell(text).into_owned(),
        other => other.to_string(),
    }
}

const RESULTS_HEADER: [&str; 12] = [
    "task_id",
    "state",
    "retired_reason",
    "gold",
    "text",
    "image",
    "link",
    "answers",
    "result",
    "agreement_percent",
    "agreeing",
    "contributing_answers",
];

/// Every task with its consensus and the answers behind it, as CSV, in creation order.
pub fn results_csv(
    conn: &mut DbConnection,
    actor: &str,
    key: &str,
) -> Result<(String, actix_web::web::Bytes), ApiError> {
    let (campaign, _) = managed(conn, actor, key)?;
    let mut records: Vec<Vec<String>> = vec![RESULTS_HEADER.iter().map(|name| (*name).to_owned()).collect()];
    let mut after = String::new();
    loop {
        let rows = repo::task_batch(conn, &campaign.id, &after, EXPORT_BATCH)?;
        let Some(last) = rows.last() else { break };
        after = last.id.clone();
        let full = rows.len() as i64 == EXPORT_BATCH;
        let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
        let mut given: std::collections::HashMap<String, Vec<String>> = Default::default();
        for claim in repo::answered_claims_of(conn, &ids)? {
            if ClaimStatus::ANSWERED.contains(&claim.status)
                && let Some(answer) = claim.answer
            {
                given.entry(claim.task_id).or_default().push(answer);
            }
        }
        for row in rows {
            let task = super::tasks::task_response(row, true, None);
            let contributing = given.remove(&task.id).unwrap_or_default();
            records.push(vec![
                task.id.clone(),
                serde_json::to_value(task.state)
                    .ok()
                    .and_then(|value| value.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                task.retired_reason
                    .map(|reason| reason.as_str().to_owned())
                    .unwrap_or_default(),
                task.gold.unwrap_or(false).to_string(),
                text_cell(task.payload.text.as_deref().unwrap_or_default()).into_owned(),
                task.payload.image.unwrap_or_default(),
                text_cell(task.payload.link.as_deref().unwrap_or_default()).into_owned(),
                // Gold tasks keep no count of their own: their answers are the ones listed.
                match task.gold {
                    Some(true) => contributing.len().to_string(),
                    _ => task.answers.unwrap_or(0).to_string(),
                },
                task.result
                    .as_ref()
                    .map(|result| answer_cell(&result.answer))
                    .unwrap_or_default(),
                task.result
                    .as_ref()
                    .map(|result| result.agreement_percent.to_string())
                    .unwrap_or_default(),
                task.result
                    .as_ref()
                    .map(|result| result.agreeing.to_string())
                    .unwrap_or_default(),
                text_cell(&format!("[{}]", contributing.join(","))).into_owned(),
            ]);
        }
        if !full {
            break;
        }
    }
    Ok((format!("{}-task-results.csv", campaign.slug), csv_bytes(records)?))
}
