//! Invoices, their lines, numbers and payments.

mod closing;
mod lines;
mod payments;

pub use closing::*;
pub use lines::*;
pub use payments::*;

use portal_domain::Currency;
use portal_domain::invoice::DocumentType;
use sqlx::FromRow;

use crate::db::Db;
use crate::identity::Scope;
use crate::store::composed;
use crate::store::insert::Insert;

#[derive(Debug, Clone, FromRow)]
pub struct InvoiceRow {
    pub id: String,
    pub partner_id: String,
    pub customer_id: String,
    #[sqlx(try_from = "String")]
    pub document_type: DocumentType,
    pub amends_id: Option<String>,
    pub reason: Option<String>,
    #[sqlx(rename = "currency_code", try_from = "String")]
    pub currency: Currency,
    pub period_start: String,
    pub period_end: String,
    pub invoice_date: String,
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
    pub paid_amount: i64,
    pub last_payment_at: Option<String>,
    pub line_count: i64,
    pub usage_line_count: i64,
    pub customer_name: String,
    pub customer_country: String,
    pub customer_culture: String,
    pub tax_rate_bp: i64,
    pub created_by: String,
    #[sqlx(flatten)]
    pub parties: Parties,
    /// How many void notes cancel this invoice (0 or 1): SQLite and PostgreSQL both count it as
    /// a number, which the Any driver does not read as a bool.
    void_notes: i64,
}

impl InvoiceRow {
    /// Whether a void note cancels this invoice.
    pub fn voided(&self) -> bool {
        self.void_notes > 0
    }
}

const SELECT: &str = "SELECT i.id, i.partner_id, i.customer_id, i.document_type, i.amends_id, i.reason, \
     i.currency_code, i.period_start, i.period_end, i.invoice_date, i.subtotal, i.tax, i.total, i.paid_amount, \
     i.last_payment_at, i.line_count, i.usage_line_count, i.customer_name, i.customer_country, \
     i.customer_culture, i.tax_rate_bp, i.created_by, \
     i.issuer_name, i.issuer_address, i.issuer_country, i.issuer_vat_number, i.issuer_registration, \
     i.customer_address, i.customer_vat_number, \
     CAST((SELECT COUNT(*) FROM invoices v WHERE v.amends_id = i.id AND v.document_type = 'void_note') AS BIGINT) AS void_notes \
     FROM invoices i";

/// The condition that keeps a scope to its own documents, on `$1`.
fn scope_filter(scope: &Scope) -> (&'static str, &str) {
    match scope {
        Scope::Partner { partner_id } => ("i.partner_id = $1", partner_id),
        Scope::Customer { customer_id } => ("i.customer_id = $1", customer_id),
    }
}

/// Which documents a list shows.
#[derive(Debug, Default)]
pub struct ListFilter {
    /// `YYYY-MM-DD`, the first day of the billing period.
    pub period_start: Option<String>,
    /// An `InvoiceStatus` spelling.
    pub status: Option<&'static str>,
    /// Only documents dated before this day (`YYYY-MM-DD`): with `outstanding`, the overdue.
    pub issued_before: Option<String>,
}

const VOIDED: &str =
    "EXISTS (SELECT 1 FROM invoices v WHERE v.amends_id = i.id AND v.document_type = 'void_note')";

/// The scope's documents, newest first: `limit` of them after skipping `offset`.
pub async fn list(
    db: &Db,
    scope: &Scope,
    filter: &ListFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<InvoiceRow>> {
    let (scope_condition, key) = scope_filter(scope);
    // The same rules as `InvoiceStatus::of`, in SQL so that paging counts only matches.
    let status = match filter.status {
        Some("outstanding") => {
            format!("AND i.document_type = 'invoice' AND i.total > i.paid_amount AND NOT {VOIDED}")
        }
        Some("paid") => {
            format!("AND i.document_type = 'invoice' AND i.total <= i.paid_amount AND NOT {VOIDED}")
        }
        Some("voided") => format!("AND i.document_type = 'invoice' AND {VOIDED}"),
        Some(_) => "AND i.document_type <> 'invoice'".to_owned(),
        None => String::new(),
    };
    sqlx::query_as(composed(&format!(
        "{SELECT} WHERE {scope_condition} AND i.period_start LIKE $4 AND i.invoice_date < $5 {status}
         ORDER BY i.invoice_date DESC, i.id DESC LIMIT $2 OFFSET $3"
    )))
    .bind(key)
    .bind(limit)
    .bind(offset)
    .bind(filter.period_start.as_deref().unwrap_or("%"))
    // Every stored date sorts before "9".
    .bind(filter.issued_before.as_deref().unwrap_or("9"))
    .fetch_all(db)
    .await
}

/// The document if this scope may see it.
pub async fn find<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    scope: &Scope,
    id: &str,
) -> sqlx::Result<Option<InvoiceRow>> {
    let (filter, key) = scope_filter(scope);
    sqlx::query_as(composed(&format!("{SELECT} WHERE {filter} AND i.id = $2")))
        .bind(key)
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The notes that correct an invoice, oldest first.
pub async fn amendments(db: &Db, invoice_id: &str) -> sqlx::Result<Vec<InvoiceRow>> {
    sqlx::query_as(composed(&format!(
        "{SELECT} WHERE i.amends_id = $1 ORDER BY i.invoice_date, i.id"
    )))
    .bind(invoice_id)
    .fetch_all(db)
    .await
}

/// Whether the customer already has its invoice for this currency and period.
pub async fn period_invoice_exists(
    conn: &mut sqlx::AnyConnection,
    customer_id: &str,
    currency_code: &str,
    period_start: &str,
) -> sqlx::Result<bool> {
    let found: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM invoices WHERE customer_id = $1 AND currency_code = $2 AND period_start = $3
         AND document_type = 'invoice'",
    )
    .bind(customer_id)
    .bind(currency_code)
    .bind(period_start)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// The next number of `year`, taken in the caller's transaction: a rollback gives it back.
pub async fn next_number(conn: &mut sqlx::AnyConnection, year: i32) -> sqlx::Result<i64> {
    Insert::into("invoice_numbers")
        .value("year", i64::from(year))
        .value("last_number", 0_i64)
        .then("ON CONFLICT (year) DO NOTHING")
        .execute(&mut *conn)
        .await?;
    let (number,): (i64,) = sqlx::query_as(
        "UPDATE invoice_numbers SET last_number = last_number + 1 WHERE year = $1 RETURNING last_number",
    )
    .bind(i64::from(year))
    .fetch_one(conn)
    .await?;
    Ok(number)
}

/// A document to write. Its totals are set by `set_totals` once its lines are written.
pub struct NewInvoice<'a> {
    pub id: &'a str,
    pub partner_id: &'a str,
    pub customer_id: &'a str,
    pub document_type: &'a str,
    pub amends_id: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub currency_code: &'a str,
    pub period_start: &'a str,
    pub period_end: &'a str,
    pub invoice_date: &'a str,
    pub customer_name: &'a str,
    pub customer_country: &'a str,
    pub customer_culture: &'a str,
    pub tax_rate_bp: i64,
    pub created_by: &'a str,
    /// The request that issued a correction note (`MS-RequestId`); none for invoices.
    pub request_id: Option<&'a str>,
    pub parties: &'a Parties,
}

/// Who a document is from and to, beyond the customer's name and country: copied from the
/// partner's and the customer's billing profiles when it is issued, so that printing it again
/// prints what was sent. Addresses are lines separated by `\n`, without the country.
#[derive(Debug, Clone, Default, FromRow)]
pub struct Parties {
    pub issuer_name: Option<String>,
    pub issuer_address: Option<String>,
    pub issuer_country: Option<String>,
    pub issuer_vat_number: Option<String>,
    pub issuer_registration: Option<String>,
    pub customer_address: Option<String>,
    pub customer_vat_number: Option<String>,
}

/// A street, postal code and city as a country's post writes them: the postal code after the
/// city in the United States, before it elsewhere. None without a street.
fn postal_address(
    street: Option<String>,
    postal: Option<String>,
    city: Option<String>,
    country: &str,
) -> Option<String> {
    let street = street.filter(|s| !s.trim().is_empty())?;
    let (postal, city) = (postal.unwrap_or_default(), city.unwrap_or_default());
    let town = if country.eq_ignore_ascii_case("US") {
        format!("{city} {postal}")
    } else {
        format!("{postal} {city}")
    };
    Some(format!("{street}\n{}", town.trim()))
}

/// A billing profile's postal address and VAT number, as the partners and customers tables
/// hold them.
#[derive(FromRow)]
struct Profile {
    name: String,
    address_line1: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: Option<String>,
    vat_number: Option<String>,
    registration: Option<String>,
}

/// The partner's and the customer's billing profiles as an invoice between them prints them.
pub async fn parties(
    conn: &mut sqlx::AnyConnection,
    partner_id: &str,
    customer_id: &str,
) -> sqlx::Result<Parties> {
    let partner: Option<Profile> = sqlx::query_as(
        "SELECT name, address_line1, postal_code, city, country, vat_number, registration
         FROM partners WHERE id = $1",
    )
    .bind(partner_id)
    .fetch_optional(&mut *conn)
    .await?;
    let customer: Option<Profile> = sqlx::query_as(
        "SELECT company_name AS name, address_line1, postal_code, city, country, vat_number,
                NULL AS registration
         FROM customers WHERE id = $1",
    )
    .bind(customer_id)
    .fetch_optional(&mut *conn)
    .await?;
    let mut parties = Parties::default();
    if let Some(p) = partner {
        let country = p.country.unwrap_or_default();
        parties.issuer_name = Some(p.name);
        parties.issuer_address = postal_address(p.address_line1, p.postal_code, p.city, &country);
        parties.issuer_country = Some(country).filter(|c| !c.is_empty());
        parties.issuer_vat_number = p.vat_number;
        parties.issuer_registration = p.registration;
    }
    if let Some(c) = customer {
        let country = c.country.unwrap_or_default();
        parties.customer_address = postal_address(c.address_line1, c.postal_code, c.city, &country);
        parties.customer_vat_number = c.vat_number;
    }
    Ok(parties)
}

pub async fn insert(conn: &mut sqlx::AnyConnection, new: &NewInvoice<'_>) -> sqlx::Result<()> {
    Insert::into("invoices")
        .value("id", new.id)
        .value("partner_id", new.partner_id)
        .value("customer_id", new.customer_id)
        .value("document_type", new.document_type)
        .value("amends_id", new.amends_id)
        .value("reason", new.reason)
        .value("currency_code", new.currency_code)
        .value("period_start", new.period_start)
        .value("period_end", new.period_end)
        .value("invoice_date", new.invoice_date)
        .value("subtotal", 0_i64)
        .value("tax", 0_i64)
        .value("total", 0_i64)
        .value("paid_amount", 0_i64)
        .value("line_count", 0_i64)
        .value("usage_line_count", 0_i64)
        .value("customer_name", new.customer_name)
        .value("customer_country", new.customer_country)
        .value("customer_culture", new.customer_culture)
        .value("tax_rate_bp", new.tax_rate_bp)
        .value("created_by", new.created_by)
        .value("request_id", new.request_id)
        .value("issuer_name", new.parties.issuer_name.as_deref())
        .value("issuer_address", new.parties.issuer_address.as_deref())
        .value("issuer_country", new.parties.issuer_country.as_deref())
        .value("issuer_vat_number", new.parties.issuer_vat_number.as_deref())
        .value("issuer_registration", new.parties.issuer_registration.as_deref())
        .value("customer_address", new.parties.customer_address.as_deref())
        .value("customer_vat_number", new.parties.customer_vat_number.as_deref())
        .execute(conn)
        .await?;
    Ok(())
}

/// Per currency: the balance left on every document, the first and latest document dates, and
/// the last payment.
#[derive(Debug, Clone, FromRow)]
pub struct SummaryRow {
    pub currency_code: String,
    pub balance: i64,
    pub first_date: String,
    pub latest_date: String,
    pub outstanding: i64,
    /// Outstanding invoices dated before the cutoff, and what is left on them.
    pub overdue: i64,
    pub overdue_balance: i64,
}

/// `overdue_before`: the `invoice_date` before which an outstanding invoice is overdue.
pub async fn summaries(
    db: &Db,
    scope: &Scope,
    overdue_before: &str,
) -> sqlx::Result<Vec<SummaryRow>> {
    let (filter, key) = scope_filter(scope);
    let outstanding =
        format!("i.document_type = 'invoice' AND i.total > i.paid_amount AND NOT {VOIDED}");
    let overdue = format!("{outstanding} AND i.invoice_date < $2");
    // A voided invoice and its void note cancel out, so plain sums give the balance.
    sqlx::query_as(composed(&format!(
        "SELECT i.currency_code, CAST(SUM(i.total - i.paid_amount) AS BIGINT) AS balance,
                MIN(i.invoice_date) AS first_date, MAX(i.invoice_date) AS latest_date,
                CAST(SUM(CASE WHEN {outstanding} THEN 1 ELSE 0 END) AS BIGINT) AS outstanding,
                CAST(SUM(CASE WHEN {overdue} THEN 1 ELSE 0 END) AS BIGINT) AS overdue,
                CAST(SUM(CASE WHEN {overdue} THEN i.total - i.paid_amount ELSE 0 END) AS BIGINT)
                    AS overdue_balance
         FROM invoices i WHERE {filter} GROUP BY i.currency_code ORDER BY i.currency_code"
    )))
    .bind(key)
    .bind(overdue_before)
    .fetch_all(db)
    .await
}

/// The scope's latest payment in a currency: (paid on, amount).
pub async fn last_payment(
    db: &Db,
    scope: &Scope,
    currency_code: &str,
) -> sqlx::Result<Option<(String, i64)>> {
    let (filter, key) = scope_filter(scope);
    sqlx::query_as(composed(&format!(
        "SELECT p.recorded_at, p.amount FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id
         WHERE {filter} AND i.currency_code = $2 ORDER BY p.recorded_at DESC, p.id DESC LIMIT 1"
    )))
    .bind(key)
    .bind(currency_code)
    .fetch_optional(db)
    .await
}

/// The correction note of `invoice_id` the request `request_id` issued, if any.
pub async fn note_by_request(
    conn: &mut sqlx::AnyConnection,
    invoice_id: &str,
    request_id: &str,
) -> sqlx::Result<Option<String>> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT id FROM invoices WHERE amends_id = $1 AND request_id = $2")
            .bind(invoice_id)
            .bind(request_id)
            .fetch_optional(conn)
            .await?;
    Ok(found.map(|(id,)| id))
}
