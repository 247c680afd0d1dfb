//! Customers as a user may see them: a partner user sees the customers with an active
//! relationship to their partner; a customer user sees only their own customer.

use portal_domain::customer::NewCustomer;
use portal_domain::relationship::RelationshipStatus;
use portal_domain::validation::normalize_vat_number;
use sqlx::FromRow;

use crate::db::Db;
use crate::identity::Scope;
use crate::store::activity::{self, Actor, Entry};
use crate::store::insert::Insert;
use crate::store::{OnDuplicate, composed, escape_like};

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
    /// The partner's relationship (`RelationshipStatus`) in a partner's view; None in a
    /// customer's own.
    pub relationship_status: Option<String>,
    // The billing contact and address: NULL for customers made before they were asked for.
    pub contact_email: Option<String>,
    pub language: Option<String>,
    pub address_line1: Option<String>,
    pub city: Option<String>,
    pub postal_code: Option<String>,
    pub contact_first_name: Option<String>,
    pub contact_last_name: Option<String>,
    pub phone_number: Option<String>,
    pub vat_number: Option<String>,
}

/// Where a page of customers starts: after this (company name, id) in list order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub company_name: String,
    pub id: String,
}

/// Which customers a list shows: those whose relationship has one of `statuses` (a customer
/// user's own counts as active), and whose name, domain or id contains `search`, if given.
#[derive(Debug, Clone, Copy)]
pub struct ListFilter<'a> {
    pub statuses: &'a [RelationshipStatus],
    pub search: Option<&'a str>,
}

impl ListFilter<'_> {
    pub const ACTIVE: ListFilter<'static> =
        ListFilter { statuses: &[RelationshipStatus::Active], search: None };
}

/// The columns of a [`CustomerRow`] but the relationship (a macro, to build the views below
/// as literals).
macro_rules! customer_columns {
    () => {
        "c.id, c.company_name, c.domain, c.country, c.currency, c.culture, c.contact_email,
         c.language, c.address_line1, c.city, c.postal_code, c.contact_first_name,
         c.contact_last_name, c.phone_number, c.vat_number"
    };
}

/// A partner's customers whose relationship meets `$status` (a condition on `r.status`).
macro_rules! partner_view {
    ($status:literal) => {
        concat!(
            "SELECT ",
            customer_columns!(),
            ", r.relationship_type, r.status AS relationship_status
             FROM customers c JOIN partner_customer_relationships r ON r.customer_id = c.id
             WHERE r.partner_id = $1 AND ",
            $status
        )
    };
}

const PARTNER_VIEW: &str = partner_view!("r.status = 'active'");
const PARTNER_PENDING_VIEW: &str = partner_view!("r.status = 'pending'");
const PARTNER_CURRENT_VIEW: &str = partner_view!("r.status IN ('pending', 'active')");
/// Every customer the partner has or had a relationship with; a list narrows it by status.
const PARTNER_ANY_VIEW: &str = partner_view!("1 = 1");

const CUSTOMER_VIEW: &str = concat!(
    "SELECT ",
    customer_columns!(),
    ", NULL AS relationship_type, NULL AS relationship_status FROM customers c WHERE c.id = $1"
);

/// The customers this scope works for: only they are ever visible for anything else.
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
    filter: ListFilter<'_>,
    after: Option<&After>,
    limit: i64,
) -> sqlx::Result<Vec<CustomerRow>> {
    let (mut sql, key) = match scope {
        Scope::Partner { partner_id } => {
            // The statuses' own spellings, never the request's text, go into the statement.
            let statuses: Vec<String> =
                filter.statuses.iter().map(|s| format!("'{}'", s.as_str())).collect();
            if statuses.is_empty() {
                return Ok(Vec::new());
            }
            (format!("{PARTNER_ANY_VIEW} AND r.status IN ({})", statuses.join(", ")), &**partner_id)
        }
        Scope::Customer { customer_id } => {
            if !filter.statuses.contains(&RelationshipStatus::Active) {
                return Ok(Vec::new());
            }
            (CUSTOMER_VIEW.to_owned(), &**customer_id)
        }
    };
    // Placeholders are numbered as values are added: `$1` is the scope's key.
    let mut values: Vec<String> = vec![key.to_owned()];
    let mut next = |value: &str| {
        values.push(value.to_owned());
        format!("${}", values.len())
    };
    let pattern = filter.search.map(str::trim).filter(|s| !s.is_empty()).map(like_pattern);
    if let Some(pattern) = &pattern {
        let p = next(pattern);
        sql.push_str(&format!(
            " AND (LOWER(c.company_name) LIKE {p} ESCAPE '\\' OR LOWER(c.domain) LIKE {p} ESCAPE '\\'
                   OR LOWER(c.id) LIKE {p} ESCAPE '\\')"
        ));
    }
    if let Some(after) = after {
        let (name, id) = (next(&after.company_name), next(&after.id));
        sql.push_str(&format!(
            " AND (c.company_name > {name} OR (c.company_name = {name} AND c.id > {id}))"
        ));
    }
    sql.push_str(&format!(" ORDER BY c.company_name, c.id LIMIT ${}", values.len() + 1));
    let mut query = sqlx::query_as(composed(&sql));
    for value in values {
        query = query.bind(value);
    }
    query.bind(limit).fetch_all(db).await
}

/// How many of the partner's customers have each relationship status: the list's filters,
/// counted.
pub async fn count_by_status(db: &Db, partner_id: &str) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT r.status, CAST(COUNT(*) AS BIGINT) FROM customers c
         JOIN partner_customer_relationships r ON r.customer_id = c.id
         WHERE r.partner_id = $1 GROUP BY r.status",
    )
    .bind(partner_id)
    .fetch_all(db)
    .await
}

/// `text` as a case-insensitive LIKE pattern matching values that contain it.
fn like_pattern(text: &str) -> String {
    format!("%{}%", escape_like(&text.to_lowercase()))
}

/// The customer if this scope may see it. A customer that exists but is out of scope is
/// indistinguishable from one that does not exist.
pub async fn find(db: &Db, scope: &Scope, customer_id: &str) -> sqlx::Result<Option<CustomerRow>> {
    let (view, key) = scope_key(scope);
    let sql = format!("{view} AND c.id = $2");
    sqlx::query_as(composed(&sql)).bind(key).bind(customer_id).fetch_optional(db).await
}

/// A customer the partner has just created, with its relationship still to be accepted.
pub struct NewCustomerRow<'a> {
    pub id: &'a str,
    pub partner_id: &'a str,
    pub currency: &'a str,
    pub customer: &'a NewCustomer,
    pub now: chrono::DateTime<chrono::Utc>,
    pub actor: &'a Actor,
}

/// The customer the partner created with the request `request_id` (its `MS-RequestId`), while
/// they still work together: what a retried creation answers with.
pub async fn created_by_request(
    db: &Db,
    partner_id: &str,
    request_id: &str,
) -> sqlx::Result<Option<CustomerRow>> {
    let sql = format!("{PARTNER_CURRENT_VIEW} AND r.request_id = $2");
    sqlx::query_as(composed(&sql)).bind(partner_id).bind(request_id).fetch_optional(db).await
}

/// Writes the customer and its pending reseller relationship in one transaction, and reads it
/// back as the partner now sees it. `Ok(None)` when another customer already has the domain, or
/// the partner already created one with this request (see [`created_by_request`]).
pub async fn create(db: &Db, new: NewCustomerRow<'_>) -> sqlx::Result<Option<CustomerRow>> {
    let (company, billing) = (&new.customer.company_profile, &new.customer.billing_profile);
    let address = &billing.default_address;
    let now = crate::timestamp::to_text(new.now);
    let mut tx = db.begin().await?;
    let inserted = Insert::into("customers")
        .value("id", new.id)
        .value("company_name", company.company_name.trim())
        .value("domain", company.domain.trim().to_ascii_lowercase())
        .value("country", address.country.trim().to_ascii_uppercase())
        .value("currency", new.currency)
        .value("culture", billing.culture.trim())
        .value("language", billing.language.trim())
        .value("contact_email", billing.email.trim())
        .value("address_line1", address.address_line1.trim())
        .value("city", address.city.trim())
        .value("postal_code", address.postal_code.trim())
        .value("contact_first_name", address.first_name.trim())
        .value("contact_last_name", address.last_name.trim())
        .value(
            "phone_number",
            address.phone_number.as_deref().map(str::trim).filter(|p| !p.is_empty()),
        )
        .value(
            "vat_number",
            billing.vat_number.as_deref().map(normalize_vat_number).filter(|v| !v.is_empty()),
        )
        .value("created_at", &now)
        .execute(&mut *tx)
        .await
        .unless_duplicate()?;
    if inserted.is_none() {
        return Ok(None);
    }
    let inserted = Insert::into("partner_customer_relationships")
        .value("partner_id", new.partner_id)
        .value("customer_id", new.id)
        .value("relationship_type", "reseller")
        .value("status", RelationshipStatus::Pending.as_str())
        .value("created_at", &now)
        .value("request_id", &new.actor.request_id)
        .execute(&mut *tx)
        .await
        .unless_duplicate()?;
    if inserted.is_none() {
        return Ok(None);
    }
    let entry = Entry {
        action: "customer.created",
        customer_id: Some(new.id),
        partner_id: Some(new.partner_id),
        target_id: new.id,
        target_name: company.company_name.trim(),
        before: None,
        after: Some(format!(
            "{} · {}",
            company.domain.trim().to_ascii_lowercase(),
            address.country.trim().to_ascii_uppercase()
        )),
    };
    activity::record(&mut tx, new.actor, entry, new.now).await?;
    let sql = format!("{PARTNER_PENDING_VIEW} AND c.id = $2");
    let row = sqlx::query_as(composed(&sql))
        .bind(new.partner_id)
        .bind(new.id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(row))
}

/// The MPN ID of the customer's reseller of record: the partner it has an active relationship
/// with.
pub async fn reseller_mpn_id(db: &Db, customer_id: &str) -> sqlx::Result<Option<String>> {
    let found: Option<(String,)> = sqlx::query_as(
        "SELECT p.mpn_id FROM partner_customer_relationships r JOIN partners p ON p.id = r.partner_id
         WHERE r.customer_id = $1 AND r.status = 'active' ORDER BY r.partner_id LIMIT 1",
    )
    .bind(customer_id)
    .fetch_optional(db)
    .await?;
    Ok(found.map(|(mpn,)| mpn))
}
