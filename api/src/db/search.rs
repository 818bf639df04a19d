//! Case-insensitive text search that works alike on SQLite and PostgreSQL: `lower(column) LIKE
//! pattern ESCAPE '\'`, with the pattern built from the user's text by [`contains_pattern`].

diesel::define_sql_function! {
    /// SQL `lower()`, on both backends, for case-insensitive search.
    fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// `%text%`, lower-case, with LIKE's wildcards in the user's text escaped (use `.escape('\\')`).
pub fn contains_pattern(text: &str) -> String {
    let escaped: String = text
        .trim()
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_escape_wildcards() {
        assert_eq!(contains_pattern(" Bottle "), "%bottle%");
        assert_eq!(contains_pattern("100%_x"), "%100\\%\\_x%");
    }
}
