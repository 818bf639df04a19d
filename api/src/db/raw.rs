//! Hand-written SQL for what diesel's DSL cannot say on both backends (an upsert into a partial
//! unique index from a SELECT, say). Statements use `?` placeholders; PostgreSQL gets them
//! numbered (`$1`, `$2`, ...). Keep the SQL itself portable, or branch on [`DbConnection`].

use chrono::NaiveDateTime;
use diesel::RunQueryDsl;
use diesel::sql_types::{Bool, Integer, Nullable, Text, Timestamp};

use super::DbConnection;

/// One bound value.
#[derive(Debug, Clone)]
pub enum Param {
    Text(String),
    OptText(Option<String>),
    Int(i32),
    Bool(bool),
    Time(NaiveDateTime),
}

impl From<&str> for Param {
    fn from(value: &str) -> Self {
        Param::Text(value.to_owned())
    }
}

impl From<String> for Param {
    fn from(value: String) -> Self {
        Param::Text(value)
    }
}

impl From<Option<&str>> for Param {
    fn from(value: Option<&str>) -> Self {
        Param::OptText(value.map(str::to_owned))
    }
}

impl From<i32> for Param {
    fn from(value: i32) -> Self {
        Param::Int(value)
    }
}

impl From<NaiveDateTime> for Param {
    fn from(value: NaiveDateTime) -> Self {
        Param::Time(value)
    }
}

/// `?` placeholders as PostgreSQL's `$1`, `$2`, ... (the statements never hold a literal `?`).
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

macro_rules! bind_all {
    ($query:expr, $params:expr) => {{
        let mut query = $query;
        for param in $params {
            query = match param {
                Param::Text(value) => query.bind::<Text, _>(value),
                Param::OptText(value) => query.bind::<Nullable<Text>, _>(value),
                Param::Int(value) => query.bind::<Integer, _>(value),
                Param::Bool(value) => query.bind::<Bool, _>(value),
                Param::Time(value) => query.bind::<Timestamp, _>(value),
            };
        }
        query
    }};
}

/// Runs a statement; returns the rows it affected.
pub fn execute(conn: &mut DbConnection, sql: &str, params: Vec<Param>) -> diesel::QueryResult<usize> {
    match conn {
        DbConnection::Postgres(pg) => {
            let sql = numbered(sql);
            bind_all!(diesel::sql_query(sql).into_boxed::<diesel::pg::Pg>(), params).execute(pg)
        }
        DbConnection::Sqlite(lite) => bind_all!(
            diesel::sql_query(sql).into_boxed::<diesel::sqlite::Sqlite>(),
            params
        )
        .execute(lite),
    }
}

/// A new random text id in SQL, for rows an `INSERT ... SELECT` makes.
pub fn random_id(conn: &DbConnection) -> &'static str {
    match conn {
        DbConnection::Postgres(_) => "gen_random_uuid()::text",
        DbConnection::Sqlite(_) => "lower(hex(randomblob(16)))",
    }
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn placeholders_are_numbered_in_order() {
        assert_eq!(numbered("a = ? AND b IN (?, ?)"), "a = $1 AND b IN ($2, $3)");
    }
}
