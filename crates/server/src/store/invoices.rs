//! Invoices, their lines, numbers and payments.

use portal_domain::Currency;
use portal_domain::invoice::{DocumentType, LineKind};
use sqlx::FromRow;

use crate::db::Db;
use crate::identity::Scope;

#[derive(Debug, Clone)]
pub struct InvoiceRow {
    pub id: String,
    pub partner_id: String,
    pub customer_id: String,
    pub document_type: DocumentType,
    pub amends_id: Option<String>,
    pub reason: Option<String>,
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
    /// Whether a void note cancels this invoice.
    pub voided: bool,
}

#[derive(Debug, Clone, FromRow)]
struct InvoiceColumns {
    id: String,
    partner_id: String,
    customer_id: String,
    document_type: String,
    amends_id: Option<String>,
    reason: Option<String>,
    currency_code: String,
    period_start: String,
    period_end: String,
    invoice_date: String,
    subtotal: i64,
    tax: i64,
    total: i64,
    paid_amount: i64,
    last_payment_at: Option<String>,
    line_count: i64,
    usage_line_count: i64,
    customer_name: String,
    customer_country: String,
    customer_culture: String,
    tax_rate_bp: i64,
    created_by: String,
    /// Whether a void note cancels this invoice.
    voided: i64,
}

impl TryFrom<InvoiceColumns> for InvoiceRow {
    type Error = sqlx::Error;

    fn try_from(c: InvoiceColumns) -> sqlx::Result<Self> {
        Ok(InvoiceRow {
            document_type: super::column("invoices.document_type", &c.document_type)?,
            currency: Currency::from_code(&c.currency_code).ok_or_else(|| {
                super::unreadable("invoices.currency_code", format!("'{}'", c.currency_code))
            })?,
            voided: c.voided > 0,
            id: c.id,
            partner_id: c.partner_id,
            customer_id: c.customer_id,
            amends_id: c.amends_id,
            reason: c.reason,
            period_start: c.period_start,
            period_end: c.period_end,
            invoice_date: c.invoice_date,
            subtotal: c.subtotal,
            tax: c.tax,
            total: c.total,
            paid_amount: c.paid_amount,
            last_payment_at: c.last_payment_at,
            line_count: c.line_count,
            usage_line_count: c.usage_line_count,
            customer_name: c.customer_name,
            customer_country: c.customer_country,
            customer_culture: c.customer_culture,
            tax_rate_bp: c.tax_rate_bp,
            created_by: c.created_by,
        })
    }
}

fn typed(rows: Vec<InvoiceColumns>) -> sqlx::Result<Vec<InvoiceRow>> {
    rows.into_iter().map(InvoiceRow::try_from).collect()
}

const SELECT: &str = "SELECT i.id, i.partner_id, i.customer_id, i.document_type, i.amends_id, i.reason, \
     i.currency_code, i.period_start, i.period_end, i.invoice_date, i.subtotal, i.tax, i.total, i.paid_amount, \
     i.last_payment_at, i.line_count, i.usage_line_count, i.customer_name, i.customer_country, \
     i.customer_culture, i.tax_rate_bp, i.created_by, \
     CAST((SELECT COUNT(*) FROM invoices v WHERE v.amends_id = i.id AND v.document_type = 'void_note') AS BIGINT) AS voided \
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
    let rows = sqlx::query_as(&format!(
        "{SELECT} WHERE {scope_condition} AND i.period_start LIKE $4 {status}
         ORDER BY i.invoice_date DESC, i.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(key)
    .bind(limit)
    .bind(offset)
    .bind(filter.period_start.as_deref().unwrap_or("%"))
    .fetch_all(db)
    .await?;
    typed(rows)
}

/// The document if this scope may see it.
pub async fn find<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    scope: &Scope,
    id: &str,
) -> sqlx::Result<Option<InvoiceRow>> {
    let (filter, key) = scope_filter(scope);
    let row: Option<InvoiceColumns> =
        sqlx::query_as(&format!("{SELECT} WHERE {filter} AND i.id = $2"))
            .bind(key)
            .bind(id)
            .fetch_optional(db)
            .await?;
    row.map(InvoiceRow::try_from).transpose()
}

/// The notes that correct an invoice, oldest first.
pub async fn amendments(db: &Db, invoice_id: &str) -> sqlx::Result<Vec<InvoiceRow>> {
    let rows =
        sqlx::query_as(&format!("{SELECT} WHERE i.amends_id = $1 ORDER BY i.invoice_date, i.id"))
            .bind(invoice_id)
            .fetch_all(db)
            .await?;
    typed(rows)
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
    sqlx::query(
        "INSERT INTO invoice_numbers (year, last_number) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING",
    )
    .bind(i64::from(year))
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
}

pub async fn insert(conn: &mut sqlx::AnyConnection, new: &NewInvoice<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO invoices (id, partner_id, customer_id, document_type, amends_id, reason, currency_code,
                               period_start, period_end, invoice_date, subtotal, tax, total, paid_amount,
                               line_count, usage_line_count, customer_name, customer_country,
                               customer_culture, tax_rate_bp, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 0, 0, 0, 0, 0, $11, $12, $13, $14, $15)",
    )
    .bind(new.id)
    .bind(new.partner_id)
    .bind(new.customer_id)
    .bind(new.document_type)
    .bind(new.amends_id)
    .bind(new.reason)
    .bind(new.currency_code)
    .bind(new.period_start)
    .bind(new.period_end)
    .bind(new.invoice_date)
    .bind(new.customer_name)
    .bind(new.customer_country)
    .bind(new.customer_culture)
    .bind(new.tax_rate_bp)
    .bind(new.created_by)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct LineRow {
    pub invoice_id: String,
    pub line_number: i64,
    #[sqlx(try_from = "String")]
    pub kind: LineKind,
    pub charge_type: String,
    pub subscription_id: Option<String>,
    pub product_name: String,
    pub description: String,
    pub quantity: i64,
    pub unit_type: String,
    pub unit_price: Option<i64>,
    pub charge_start: String,
    pub charge_end: String,
    pub subtotal: i64,
    pub tax: i64,
    pub total: i64,
}

pub async fn insert_line(conn: &mut sqlx::AnyConnection, line: &LineRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO invoice_line_items (invoice_id, line_number, kind, charge_type, subscription_id,
                                         product_name, description, quantity, unit_type, unit_price,
                                         charge_start, charge_end, subtotal, tax, total)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(&line.invoice_id)
    .bind(line.line_number)
    .bind(line.kind.as_str())
    .bind(&line.charge_type)
    .bind(&line.subscription_id)
    .bind(&line.product_name)
    .bind(&line.description)
    .bind(line.quantity)
    .bind(&line.unit_type)
    .bind(line.unit_price)
    .bind(&line.charge_start)
    .bind(&line.charge_end)
    .bind(line.subtotal)
    .bind(line.tax)
    .bind(line.total)
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the document's totals and line counts, computed from the lines just written.
pub async fn set_totals(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    (subtotal, tax, total): (i64, i64, i64),
    line_count: i64,
    usage_line_count: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE invoices SET subtotal = $1, tax = $2, total = $3, line_count = $4, usage_line_count = $5
         WHERE id = $6",
    )
    .bind(subtotal)
    .bind(tax)
    .bind(total)
    .bind(line_count)
    .bind(usage_line_count)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

const LINE_COLUMNS: &str = "invoice_id, line_number, kind, charge_type, subscription_id, product_name, description, \
     quantity, unit_type, unit_price, charge_start, charge_end, subtotal, tax, total";

/// Billing lines in line order: `limit` after skipping `offset`, of one kind or all.
pub async fn lines<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    invoice_id: &str,
    kind: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<LineRow>> {
    sqlx::query_as(&format!(
        "SELECT {LINE_COLUMNS} FROM invoice_line_items
         WHERE invoice_id = $1 AND kind LIKE $2 ORDER BY line_number LIMIT $3 OFFSET $4"
    ))
    .bind(invoice_id)
    .bind(kind.unwrap_or("%"))
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Marks the customer's usage not billed yet, up to `last_day`, in `currency_code`, as billed
/// by `invoice_id`; returns how many records.
pub async fn mark_usage(
    conn: &mut sqlx::AnyConnection,
    invoice_id: &str,
    customer_id: &str,
    currency_code: &str,
    last_day: &str,
) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE usage_records SET invoice_id = $1
         WHERE customer_id = $2 AND invoice_id IS NULL AND currency_code = $3 AND usage_date <= $4",
    )
    .bind(invoice_id)
    .bind(customer_id)
    .bind(currency_code)
    .bind(last_day)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The usage an invoice bills, per Azure plan and meter: what its usage lines are made of.
#[derive(Debug, Clone, FromRow)]
pub struct UsageGroup {
    pub plan_id: String,
    pub plan_name: String,
    pub meter_id: String,
    pub meter_name: String,
    pub meter_category: String,
    pub unit: String,
    pub quantity: i64,
    pub cost: i64,
    pub first_day: String,
    pub last_day: String,
}

/// Usage records per plan and meter, for the records `condition` picks.
fn usage_groups_sql(condition: &str) -> String {
    format!(
        "SELECT r.plan_id, s.friendly_name AS plan_name, r.meter_id, r.meter_name, r.meter_category, r.unit,
                CAST(SUM(r.quantity) AS BIGINT) AS quantity, CAST(SUM(r.cost) AS BIGINT) AS cost,
                MIN(r.usage_date) AS first_day, MAX(r.usage_date) AS last_day
         FROM usage_records r JOIN subscriptions s ON s.id = r.plan_id
         WHERE {condition}
         GROUP BY r.plan_id, s.friendly_name, r.meter_id, r.meter_name, r.meter_category, r.unit
         ORDER BY s.friendly_name, r.plan_id, r.meter_category, r.meter_name, r.meter_id"
    )
}

pub async fn usage_groups(
    conn: &mut sqlx::AnyConnection,
    invoice_id: &str,
) -> sqlx::Result<Vec<UsageGroup>> {
    sqlx::query_as(&usage_groups_sql("r.invoice_id = $1")).bind(invoice_id).fetch_all(conn).await
}

/// The customer's usage not billed yet in a currency, per plan and meter: the estimate's usage
/// lines.
pub async fn unbilled_usage_groups(
    db: &Db,
    customer_id: &str,
    currency_code: &str,
) -> sqlx::Result<Vec<UsageGroup>> {
    sqlx::query_as(&usage_groups_sql(
        "r.customer_id = $1 AND r.invoice_id IS NULL AND r.currency_code = $2",
    ))
    .bind(customer_id)
    .bind(currency_code)
    .fetch_all(db)
    .await
}

/// Currencies of the customer's usage not billed yet, up to `last_day`.
pub async fn unbilled_usage_currencies(
    db: &Db,
    customer_id: &str,
    last_day: &str,
) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT currency_code FROM usage_records
         WHERE customer_id = $1 AND invoice_id IS NULL AND usage_date <= $2",
    )
    .bind(customer_id)
    .bind(last_day)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

/// A customer to invoice, as it is now.
#[derive(Debug, Clone, FromRow)]
pub struct BilledCustomer {
    pub id: String,
    pub partner_id: String,
    pub company_name: String,
    pub country: String,
    pub culture: String,
    pub currency: String,
}

const BILLED_CUSTOMERS: &str =
    "SELECT c.id, r.partner_id, c.company_name, c.country, c.culture, c.currency
     FROM customers c JOIN partner_customer_relationships r ON r.customer_id = c.id
     WHERE r.status = 'accepted'";

/// Every customer with an accepted relationship, in id order.
pub async fn billed_customers(db: &Db) -> sqlx::Result<Vec<BilledCustomer>> {
    sqlx::query_as(&format!("{BILLED_CUSTOMERS} ORDER BY c.id")).fetch_all(db).await
}

pub async fn billed_customer(db: &Db, customer_id: &str) -> sqlx::Result<Option<BilledCustomer>> {
    sqlx::query_as(&format!("{BILLED_CUSTOMERS} AND c.id = $1"))
        .bind(customer_id)
        .fetch_optional(db)
        .await
}

/// A customer that could not be invoiced when its period was closed, and why.
#[derive(Debug, Clone, FromRow)]
pub struct CloseFailureRow {
    pub period_start: String,
    pub customer_id: String,
    pub company_name: String,
    pub reason: String,
    pub attempts: i64,
    pub first_failed_at: String,
    pub last_failed_at: String,
}

pub async fn record_close_failure(
    db: &Db,
    period_start: &str,
    customer: &BilledCustomer,
    reason: &str,
    now: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO close_failures (period_start, customer_id, partner_id, reason, attempts, first_failed_at, last_failed_at)
         VALUES ($1, $2, $3, $4, 1, $5, $5)
         ON CONFLICT (period_start, customer_id) DO UPDATE SET
             reason = excluded.reason, attempts = close_failures.attempts + 1,
             last_failed_at = excluded.last_failed_at",
    )
    .bind(period_start)
    .bind(&customer.id)
    .bind(&customer.partner_id)
    .bind(reason)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn clear_close_failure(
    db: &Db,
    period_start: &str,
    customer_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM close_failures WHERE period_start = $1 AND customer_id = $2")
        .bind(period_start)
        .bind(customer_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The partner's customers that could not be invoiced, latest period first.
pub async fn close_failures(db: &Db, partner_id: &str) -> sqlx::Result<Vec<CloseFailureRow>> {
    sqlx::query_as(
        "SELECT f.period_start, f.customer_id, c.company_name, f.reason, f.attempts, f.first_failed_at, f.last_failed_at
         FROM close_failures f JOIN customers c ON c.id = f.customer_id
         WHERE f.partner_id = $1 ORDER BY f.period_start DESC, c.company_name",
    )
    .bind(partner_id)
    .fetch_all(db)
    .await
}

pub async fn period_closed(db: &Db, period_start: &str) -> sqlx::Result<bool> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT period_start FROM closed_periods WHERE period_start = $1")
            .bind(period_start)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

pub async fn mark_period_closed(db: &Db, period_start: &str, now: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO closed_periods (period_start, closed_at) VALUES ($1, $2)
         ON CONFLICT (period_start) DO NOTHING",
    )
    .bind(period_start)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// A usage record as a daily rated usage line.
#[derive(Debug, Clone, FromRow)]
pub struct UsageLineRow {
    pub partner_id: String,
    pub id: String,
    pub customer_id: String,
    pub plan_id: String,
    pub entitlement_id: Option<String>,
    pub meter_id: String,
    pub meter_name: String,
    pub meter_category: String,
    pub unit: String,
    pub resource_uri: String,
    pub resource_group: String,
    pub resource_location: String,
    pub quantity: i64,
    pub usage_date: String,
    pub unit_price: i64,
    pub cost: i64,
    pub currency_code: String,
    pub invoice_id: Option<String>,
}

const USAGE_COLUMNS: &str = "partner_id, id, customer_id, plan_id, entitlement_id, meter_id, meter_name, meter_category, \
     unit, resource_uri, resource_group, resource_location, quantity, usage_date, unit_price, cost, currency_code, invoice_id";

/// How a page of usage lines is ordered and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsageOrder {
    /// Usage date, then record id.
    Date,
    /// Cost, then record id.
    Cost,
}

/// The records whose lines to read: billed by an invoice, or the customer's not billed yet.
pub enum UsageSource<'a> {
    Invoice(&'a str),
    Unbilled { customer_id: &'a str },
}

pub struct UsagePage<'a> {
    pub source: UsageSource<'a>,
    pub order: UsageOrder,
    pub descending: bool,
    /// Text to find in the meter name, category or resource URI.
    pub filter: Option<&'a str>,
    /// After this (date or cost, id) in the order.
    pub after: Option<(String, String)>,
    pub limit: i64,
}

/// A page of usage lines in seek order: the WHERE clause compares (key, id) with the cursor, so
/// every page costs the same however deep it is.
pub async fn usage_lines<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    page: &UsagePage<'_>,
) -> sqlx::Result<Vec<UsageLineRow>> {
    let (source, key) = match page.source {
        UsageSource::Invoice(id) => ("invoice_id = $1", id),
        UsageSource::Unbilled { customer_id } => {
            ("customer_id = $1 AND invoice_id IS NULL", customer_id)
        }
    };
    let column = match page.order {
        UsageOrder::Date => "usage_date",
        UsageOrder::Cost => "cost",
    };
    let (compare, direction) = if page.descending { ("<", "DESC") } else { (">", "ASC") };
    let mut sql = format!("SELECT {USAGE_COLUMNS} FROM usage_records WHERE {source}");
    let mut next = 3;
    if page.filter.is_some() {
        sql.push_str(&format!(
            " AND (LOWER(meter_name) LIKE ${next} OR LOWER(meter_category) LIKE ${next} \
             OR LOWER(resource_uri) LIKE ${next})"
        ));
        next += 1;
    }
    if page.after.is_some() {
        // Costs compare as numbers, dates as text; the cursor holds both as text.
        let key = match page.order {
            UsageOrder::Date => format!("${next}"),
            UsageOrder::Cost => format!("CAST(${next} AS BIGINT)"),
        };
        let id = next + 1;
        sql.push_str(&format!(
            " AND ({column} {compare} {key} OR ({column} = {key} AND id {compare} ${id}))"
        ));
    }
    sql.push_str(&format!(" ORDER BY {column} {direction}, id {direction} LIMIT $2"));
    let mut query = sqlx::query_as(&sql).bind(key).bind(page.limit);
    if let Some(filter) = page.filter {
        query = query.bind(format!("%{}%", escape_like(&filter.to_lowercase())));
    }
    if let Some((after_key, after_id)) = &page.after {
        query = query.bind(after_key.clone()).bind(after_id.clone());
    }
    query.fetch_all(db).await
}

/// `%` and `_` typed by a user are letters, not wildcards.
fn escape_like(text: &str) -> String {
    text.replace(['%', '_'], "")
}

#[derive(Debug, Clone, FromRow)]
pub struct PaymentRow {
    pub id: String,
    pub invoice_id: String,
    pub amount: i64,
    pub paid_on: String,
    pub reference: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

pub async fn payments(db: &Db, invoice_id: &str) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as(
        "SELECT id, invoice_id, amount, paid_on, reference, recorded_by, recorded_at
         FROM invoice_payments WHERE invoice_id = $1 ORDER BY recorded_at, id",
    )
    .bind(invoice_id)
    .fetch_all(db)
    .await
}

/// The invoice's payment recorded by the call with this MS-RequestId, if any.
pub async fn payment_by_request(
    conn: &mut sqlx::AnyConnection,
    invoice_id: &str,
    request_id: &str,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(
        "SELECT id, invoice_id, amount, paid_on, reference, recorded_by, recorded_at
         FROM invoice_payments WHERE invoice_id = $1 AND request_id = $2",
    )
    .bind(invoice_id)
    .bind(request_id)
    .fetch_optional(conn)
    .await
}

/// What has been paid of the invoice, as of now (read under `lock`).
pub async fn paid_amount(conn: &mut sqlx::AnyConnection, invoice_id: &str) -> sqlx::Result<i64> {
    let (paid,): (i64,) = sqlx::query_as("SELECT paid_amount FROM invoices WHERE id = $1")
        .bind(invoice_id)
        .fetch_one(conn)
        .await?;
    Ok(paid)
}

/// Locks the invoice's row until the transaction ends, so that payments and void notes of one
/// invoice happen one after the other (on SQLite the write transaction already does).
pub async fn lock(conn: &mut sqlx::AnyConnection, invoice_id: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE invoices SET paid_amount = paid_amount WHERE id = $1")
        .bind(invoice_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records the payment and adds it to the invoice's paid amount.
pub async fn insert_payment(
    conn: &mut sqlx::AnyConnection,
    payment: &PaymentRow,
    request_id: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO invoice_payments (id, invoice_id, amount, paid_on, reference, recorded_by, recorded_at, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&payment.id)
    .bind(&payment.invoice_id)
    .bind(payment.amount)
    .bind(&payment.paid_on)
    .bind(&payment.reference)
    .bind(&payment.recorded_by)
    .bind(&payment.recorded_at)
    .bind(request_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE invoices SET paid_amount = paid_amount + $1, last_payment_at = $2 WHERE id = $3",
    )
    .bind(payment.amount)
    .bind(&payment.recorded_at)
    .bind(&payment.invoice_id)
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
}

pub async fn summaries(db: &Db, scope: &Scope) -> sqlx::Result<Vec<SummaryRow>> {
    let (filter, key) = scope_filter(scope);
    // A voided invoice and its void note cancel out, so plain sums give the balance.
    sqlx::query_as(&format!(
        "SELECT i.currency_code, CAST(SUM(i.total - i.paid_amount) AS BIGINT) AS balance,
                MIN(i.invoice_date) AS first_date, MAX(i.invoice_date) AS latest_date,
                CAST(SUM(CASE WHEN i.document_type = 'invoice' AND i.total > i.paid_amount
                    AND NOT EXISTS (SELECT 1 FROM invoices v WHERE v.amends_id = i.id AND v.document_type = 'void_note')
                    THEN 1 ELSE 0 END) AS BIGINT) AS outstanding
         FROM invoices i WHERE {filter} GROUP BY i.currency_code ORDER BY i.currency_code"
    ))
    .bind(key)
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
    sqlx::query_as(&format!(
        "SELECT p.recorded_at, p.amount FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id
         WHERE {filter} AND i.currency_code = $2 ORDER BY p.recorded_at DESC, p.id DESC LIMIT 1"
    ))
    .bind(key)
    .bind(currency_code)
    .fetch_optional(db)
    .await
}
