//! One way to write a row: `Insert::into("table").value("column", value)…`, so each column sits
//! beside its value and nobody counts `$1 … $15` by hand.

use sqlx::any::{AnyArguments, AnyQueryResult};
use sqlx::{Any, Arguments, Encode, Executor, Type};

use crate::store::composed;

pub struct Insert {
    table: &'static str,
    columns: Vec<&'static str>,
    arguments: AnyArguments,
    /// The first value that could not be encoded, reported when the insert runs.
    error: Option<sqlx::error::BoxDynError>,
    /// What follows the values, such as `ON CONFLICT (…) DO NOTHING`.
    suffix: &'static str,
}

impl Insert {
    pub fn into(table: &'static str) -> Self {
        Insert {
            table,
            columns: Vec::new(),
            arguments: AnyArguments::default(),
            error: None,
            suffix: "",
        }
    }

    pub fn value<'t, T>(mut self, column: &'static str, value: T) -> Self
    where
        T: Encode<'t, Any> + Type<Any>,
    {
        if let Err(e) = self.arguments.add(value) {
            self.error.get_or_insert(e);
        }
        self.columns.push(column);
        self
    }

    /// SQL written after the values (`ON CONFLICT …`); it may not use placeholders.
    pub fn then(mut self, suffix: &'static str) -> Self {
        self.suffix = suffix;
        self
    }

    fn sql(&self) -> String {
        let placeholders: Vec<String> = (1..=self.columns.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.table,
            self.columns.join(", "),
            placeholders.join(", ")
        );
        if self.suffix.is_empty() { sql } else { format!("{sql} {}", self.suffix) }
    }

    pub async fn execute<'e, E>(self, executor: E) -> sqlx::Result<AnyQueryResult>
    where
        E: Executor<'e, Database = Any>,
    {
        if let Some(e) = self.error {
            return Err(sqlx::Error::Encode(e));
        }
        let sql = self.sql();
        sqlx::query_with(composed(&sql), self.arguments).execute(executor).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_the_placeholders_in_column_order() {
        let insert = Insert::into("invoice_payments")
            .value("id", "p1")
            .value("amount", 1_000_i64)
            .value("reference", None::<String>)
            .then("ON CONFLICT DO NOTHING");
        assert_eq!(
            insert.sql(),
            "INSERT INTO invoice_payments (id, amount, reference) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"
        );
    }
}
