//! SQL expressions written once per backend that a DSL query can select: a JSON aggregate of a
//! row's children, say, whose syntax differs between PostgreSQL and SQLite. Selecting the children
//! with the row saves the round trip a second query would cost.
//!
//! Unlike `diesel::dsl::sql`, a [`backend_fragment!`](crate::backend_fragment) has a static query
//! id, so the query that selects it keeps being found in the statement cache by its type and no SQL
//! is written per execution (see [`on_backend!`](crate::on_backend)).

use chrono::NaiveDateTime;
use serde::{Deserialize, Deserializer};

/// Declares a unit struct that is an SQL expression of type `$ty`, written as `postgres` on
/// PostgreSQL and as `sqlite` on SQLite. The SQL may name the enclosing query's tables (a
/// correlated subquery); the type system cannot check that, the tests on both backends do.
#[macro_export]
macro_rules! backend_fragment {
    ($(#[$meta:meta])* $vis:vis $name:ident: $ty:ty, postgres = $pg:expr, sqlite = $lite:expr $(,)?) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, diesel::query_builder::QueryId)]
        $vis struct $name;

        impl diesel::expression::Expression for $name {
            type SqlType = $ty;
        }

        impl<QS> diesel::expression::AppearsOnTable<QS> for $name {}

        impl<QS> diesel::expression::SelectableExpression<QS> for $name {}

        impl diesel::expression::ValidGrouping<()> for $name {
            type IsAggregate = diesel::expression::is_aggregate::Never;
        }

        impl diesel::query_builder::QueryFragment<diesel::pg::Pg> for $name {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
            ) -> diesel::QueryResult<()> {
                out.push_sql($pg);
                Ok(())
            }
        }

        impl diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite> for $name {
            fn walk_ast<'b>(
                &'b self,
                mut out: diesel::query_builder::AstPass<'_, 'b, diesel::sqlite::Sqlite>,
            ) -> diesel::QueryResult<()> {
                out.push_sql($lite);
                Ok(())
            }
        }
    };
}

/// Reads a JSON array built by a fragment; a malformed one is a deserialization error of the query.
pub fn json_rows<T: for<'de> Deserialize<'de>>(json: &str) -> diesel::QueryResult<Vec<T>> {
    serde_json::from_str(json).map_err(|error| diesel::result::Error::DeserializationError(Box::new(error)))
}

/// A timestamp inside a fragment's JSON: PostgreSQL writes `2026-11-27T04:47:34.123456`, SQLite
/// the text it stores, `2026-11-27 04:47:34.123456`.
pub fn json_timestamp<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDateTime, D::Error> {
    let text = String::deserialize(deserializer)?;
    NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S%.f"))
        .map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct At {
        #[serde(deserialize_with = "json_timestamp")]
        at: NaiveDateTime,
    }

    #[test]
    fn timestamps_read_the_same_from_either_backend() {
        let pg: Vec<At> = json_rows(r#"[{"at":"2026-11-27T04:47:34.123456"},{"at":"2026-11-27T04:47:34"}]"#)
            .expect("PostgreSQL's form");
        let lite: Vec<At> =
            json_rows(r#"[{"at":"2026-11-27 04:47:34.123456"},{"at":"2026-11-27 04:47:34"}]"#)
                .expect("SQLite's form");
        assert_eq!(pg[0].at, lite[0].at);
        assert_eq!(pg[1].at, lite[1].at);
        assert_eq!(pg[0].at.and_utc().timestamp_subsec_micros(), 123_456);
    }

    #[test]
    fn a_malformed_array_is_an_error_not_an_empty_list() {
        assert!(json_rows::<At>(r#"[{"at":"yesterday"}]"#).is_err());
        assert!(json_rows::<At>("not json").is_err());
    }
}
