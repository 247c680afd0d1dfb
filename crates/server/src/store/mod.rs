//! All SQL lives here, one module per resource. Every query runs unchanged on SQLite and PostgreSQL.
//!
//! Rows hold domain types where a column stores one (`#[sqlx(try_from = "String")]` with the
//! type's one spelling): a value the code cannot read is a [`sqlx::Error::ColumnDecode`], which
//! the API answers as an internal error and logs; it never becomes a default.

pub mod accounts;
pub mod activity;
pub mod api_keys;
pub mod azure_stack;
pub mod budgets;
pub mod carts;
pub mod customers;
pub mod defender;
pub mod insert;
pub mod invoices;
pub mod login_throttle;
pub mod orders;
pub mod relationships;
pub mod role_assignments;
pub mod sessions;
pub mod subscriptions;
pub mod upgrades;
pub mod usage;
pub mod users;

use std::fmt::Display;

use sqlx::AssertSqlSafe;

/// A query put together from this crate's own fixed fragments (shared column lists, a scope's
/// filter, a sort direction): no value is ever formatted into one, every value is bound. sqlx
/// asks that such strings be marked, so that one built from input cannot slip through unseen.
pub(crate) fn composed(sql: &str) -> AssertSqlSafe<&str> {
    AssertSqlSafe(sql)
}

/// `text` for a LIKE pattern with `ESCAPE '\'`: its own `%`, `_` and `\` taken literally.
pub(crate) fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The column `column` (`table.column`) could not be read as its type.
pub(crate) fn unreadable(column: &str, problem: impl Display) -> sqlx::Error {
    sqlx::Error::ColumnDecode { index: column.to_owned(), source: problem.to_string().into() }
}

/// A write a unique index may refuse because the same thing was written first, often by the
/// same request sent twice or by a racing one.
pub trait OnDuplicate<T> {
    /// `Ok(Some(value))`; `Ok(None)` when a unique index refused the write; other errors as
    /// they are.
    fn unless_duplicate(self) -> sqlx::Result<Option<T>>;
}

impl<T> OnDuplicate<T> for sqlx::Result<T> {
    fn unless_duplicate(self) -> sqlx::Result<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(e) if is_duplicate(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Whether a unique index refused the write.
pub fn is_duplicate(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|d| d.is_unique_violation())
}
