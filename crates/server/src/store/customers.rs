//! Customers as a user may see them: a partner user sees the customers with an accepted
//! relationship to their partner; a customer user sees only their own customer.

use sqlx::FromRow;

use crate::db::Db;
use crate::identity::Scope;
use crate::store::composed;

#[derive(Debug, Clone, FromRow)]
pub struct CustomerRow {
    pub id: String,
    pub company_name: String,
    pub domain: String,
    pub country: String,
    pub currency: String,
    pub culture: String,
    /// `reseller` for a partner's view; None in a customer's own view.
    pub relationship_type: Option<String>,
}

/// Where a page of customers starts: after this (company name, id) in list order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub company_name: String,
    pub id: String,
}

const PARTNER_VIEW: &str =
    "SELECT c.id, c.company_name, c.domain, c.country, c.currency, c.culture, r.relationship_type
     FROM customers c JOIN partner_customer_relationships r ON r.customer_id = c.id
     WHERE r.partner_id = $1 AND r.status = 'accepted'";

const CUSTOMER_VIEW: &str =
    "SELECT c.id, c.company_name, c.domain, c.country, c.currency, c.culture,
            NULL AS relationship_type
     FROM customers c WHERE c.id = $1";

fn scope_key(scope: &Scope) -> (&'static str, &str) {
    match scope {
        Scope::Partner { partner_id } => (PARTNER_VIEW, partner_id),
        Scope::Customer { customer_id } => (CUSTOMER_VIEW, customer_id),
    }
}

/// Up to `limit` customers in (company name, id) order, starting after `after`.
pub async fn list(
    db: &Db,
    scope: &Scope,
    after: Option<&After>,
    limit: i64,
) -> sqlx::Result<Vec<CustomerRow>> {
    let (view, key) = scope_key(scope);
    let rows = match after {
        None => {
            let sql = format!("{view} ORDER BY c.company_name, c.id LIMIT $2");
            sqlx::query_as(composed(&sql)).bind(key).bind(limit).fetch_all(db).await?
        }
        Some(after) => {
            let sql = format!(
                "{view} AND (c.company_name > $2 OR (c.company_name = $2 AND c.id > $3))
                 ORDER BY c.company_name, c.id LIMIT $4"
            );
            sqlx::query_as(composed(&sql))
                .bind(key)
                .bind(&after.company_name)
                .bind(&after.id)
                .bind(limit)
                .fetch_all(db)
                .await?
        }
    };
    Ok(rows)
}

/// The customer if this scope may see it. A customer that exists but is out of scope is
/// indistinguishable from one that does not exist.
pub async fn find(db: &Db, scope: &Scope, customer_id: &str) -> sqlx::Result<Option<CustomerRow>> {
    let (view, key) = scope_key(scope);
    let sql = format!("{view} AND c.id = $2");
    sqlx::query_as(composed(&sql)).bind(key).bind(customer_id).fetch_optional(db).await
}
