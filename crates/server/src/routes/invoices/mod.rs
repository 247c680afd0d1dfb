//! Invoices (Partner Center §3.7): the list, one invoice, summaries per currency, billing and
//! daily rated usage line items, the unbilled estimate, the PDF statement and a CSV export that
//! streams; payments and correction notes are our extensions.
//!
//! The partner bills its customers: partner users see every customer's invoices, customer users
//! only their own, and anyone else's invoice is a 404.

mod documents;
mod line_items;
mod payments;

use axum::Json as JsonResponse;
use axum::extract::State;
use chrono::NaiveDate;
use portal_domain::invoice::{
    CloseFailure, DetailLinks, DocumentType, Invoice, InvoiceDetail, InvoiceStatus, InvoiceSummary,
    PAYMENT_TERMS_DAYS, due_date,
};
use portal_domain::{Amount, Attributes, Collection, Currency, Link};
use serde::Deserialize;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::auth::access::{Allowed, RecordPayments, VisibleInvoice};
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::invoicing;
use crate::paging::page_size;
use crate::state::AppState;
use crate::store::invoices::{self as store, InvoiceRow};

/// `/v1/invoices…` (Partner Center §3.7; payments, notes and the CSV export are our extensions).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(summaries))
        .routes(routes!(close_failures))
        .routes(routes!(line_items::unbilled_line_items))
}

/// Mounted at `/v1/invoices/{invoice_id}`, behind its visibility guard.
pub fn invoice_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get))
        .routes(routes!(line_items::line_items))
        .routes(routes!(documents::export))
        .routes(routes!(documents::statement))
        .routes(routes!(payments::payments, payments::record_payment))
        .routes(routes!(payments::amend))
}

/// A subscription's billing lines (our extension), mounted under `/v1/customers/{customer_id}`
/// with the subscriptions.
pub fn subscription_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(line_items::subscription_line_items))
}

/// Billing lines and invoices per page, by default and at most (Partner Center: 2,000 lines).
pub(super) const DEFAULT_SIZE: i64 = 200;
pub(super) const MAX_SIZE: i64 = 2_000;

/// A currency the database holds; one this build does not know is an internal error.
pub(super) fn currency_of(code: &str) -> AppResult<Currency> {
    Currency::from_code(code)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown currency '{code}' stored")))
}

pub(super) fn amount(value: i64) -> Amount {
    Amount::from_ten_thousandths(value)
}

/// `2026-10-01` as the midnight UTC timestamp Partner Center writes period dates as.
pub(super) fn day_start(day: &str) -> String {
    format!("{day}T00:00:00Z")
}

/// The day of a stored `invoice_date` timestamp.
fn issue_day(invoice_date: &str) -> Option<NaiveDate> {
    invoice_date.get(..10).and_then(|day| day.parse().ok())
}

/// The `invoice_date` before which an invoice still outstanding `today` is overdue, as stored
/// text compares: an invoice dated that day is due today, not late.
fn overdue_cutoff(today: NaiveDate) -> String {
    (today - chrono::Days::new(PAYMENT_TERMS_DAYS)).to_string()
}

pub(super) fn status_of(row: &InvoiceRow) -> InvoiceStatus {
    InvoiceStatus::of(row.document_type, row.voided(), amount(row.total - row.paid_amount))
}

pub(super) fn to_resource(row: &InvoiceRow, amendments: Vec<Invoice>) -> Invoice {
    let currency = row.currency;
    let base = format!("/invoices/{}", row.id);
    let detail = |line_type: &str, query: &str| InvoiceDetail {
        invoice_line_item_type: line_type.to_owned(),
        billing_provider: "one_time".to_owned(),
        links: DetailLinks {
            self_link: Link::get(format!(
                "{base}/lineitems?provider=onetime&invoicelineitemtype={query}"
            )),
        },
        attributes: Attributes::of("InvoiceDetail"),
    };
    Invoice {
        id: row.id.clone(),
        invoice_date: row.invoice_date.clone(),
        billing_period_start_date: day_start(&row.period_start),
        billing_period_end_date: day_start(&row.period_end),
        total_charges: amount(row.total),
        paid_amount: amount(-row.paid_amount),
        currency_code: currency.code.to_owned(),
        currency_symbol: currency.symbol.to_owned(),
        pdf_download_link: format!("{base}/documents/statement"),
        document_type: row.document_type,
        amends_of: row.amends_id.clone(),
        invoice_type: "OneTime".to_owned(),
        invoice_details: vec![
            detail("billing_line_items", "billinglineitems"),
            detail("usage_line_items", "usagelineitems"),
        ],
        amendments,
        customer_id: row.customer_id.clone(),
        customer_name: row.customer_name.clone(),
        subtotal: amount(row.subtotal),
        tax_total: amount(row.tax),
        // Basis points × 100 are ten-thousandths of a percent.
        tax_rate_percent: amount(row.tax_rate_bp.saturating_mul(100)),
        balance_amount: amount(row.total - row.paid_amount),
        status: status_of(row),
        due_date: (row.document_type == DocumentType::Invoice)
            .then(|| issue_day(&row.invoice_date).map(|day| due_date(day).to_string()))
            .flatten(),
        last_payment_date: row.last_payment_at.clone(),
        reason: row.reason.clone(),
        billing_line_count: row.line_count,
        usage_line_count: row.usage_line_count,
        attributes: Attributes::of("Invoice"),
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Invoices a page, 1 to 2,000 (200).
    size: Option<i64>,
    /// Invoices to skip.
    offset: Option<i64>,
    /// Our extension: `YYYY-MM`, the billing period.
    period: Option<String>,
    /// Our extension: outstanding | paid | voided | issued, or overdue (outstanding past the
    /// due date).
    status: Option<String>,
}

/// `GET /v1/invoices[?size=&offset=&period=&status=]`: newest first, index paging.
#[utoipa::path(
    get,
    path = "/invoices",
    operation_id = "listInvoices",
    tag = "Invoices",
    summary = "List invoices",
    description = "Newest first, index-paged. A partner user gets every customer's; a customer user, their own.",
    security(("session" = [])),
    params(ListQuery),
    responses(
        (status = 200, description = "A page of invoices", body = Collection<Invoice>),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Query(q): Query<ListQuery>,
) -> AppResult<JsonResponse<Collection<Invoice>>> {
    let size = page_size(q.size, DEFAULT_SIZE, MAX_SIZE)?;
    let offset = q.offset.unwrap_or(0);
    if offset < 0 {
        return Err(AppError::invalid_field("offset", "must be 0 or more"));
    }
    let period = match q.period.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(text) => Some(invoicing::parse_month(text).ok_or_else(|| {
            AppError::invalid_field("period", "must be a month written YYYY-MM, such as 2026-10")
        })?),
    };
    let status_text = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let overdue = status_text.is_some_and(|s| s.eq_ignore_ascii_case("overdue"));
    let status = match status_text {
        None => None,
        Some(_) if overdue => Some(InvoiceStatus::Outstanding),
        Some(text) => Some(
            [
                InvoiceStatus::Outstanding,
                InvoiceStatus::Paid,
                InvoiceStatus::Voided,
                InvoiceStatus::Issued,
            ]
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                AppError::invalid_field(
                    "status",
                    "must be outstanding, overdue, paid, voided or issued",
                )
            })?,
        ),
    };
    let filter = store::ListFilter {
        period_start: period.map(|p| p.start.to_string()),
        status: status.map(InvoiceStatus::as_str),
        issued_before: overdue.then(|| overdue_cutoff(state.clock.now().date_naive())),
    };
    let rows = store::list(&state.db, &user.scope(), &filter, size + 1, offset).await?;
    let has_more = rows.len() as i64 > size;
    let items: Vec<Invoice> =
        rows.iter().take(size as usize).map(|row| to_resource(row, Vec::new())).collect();
    let extra: String = [("period", &q.period), ("status", &q.status)]
        .into_iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("&{name}={}", encode(v))))
        .collect();
    let mut page = Collection::page(items, format!("/invoices?size={size}&offset={offset}{extra}"));
    if has_more {
        page.links.next =
            Some(Link::get(format!("/invoices?size={size}&offset={}{extra}", offset + size)));
    }
    if offset > 0 {
        page.links.previous = Some(Link::get(format!(
            "/invoices?size={size}&offset={}{extra}",
            (offset - size).max(0)
        )));
    }
    Ok(JsonResponse(page))
}

pub(super) fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// `GET /v1/invoices/{invoiceId}`, with the notes that amend it.
#[utoipa::path(
    get,
    path = "/",
    operation_id = "getInvoice",
    tag = "Invoices",
    summary = "Get an invoice",
    security(("session" = [])),
    params(crate::openapi::InvoicePath),
    responses(
        (status = 200, description = "The invoice, with the notes that amend it", body = Invoice),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    VisibleInvoice { invoice: row, .. }: VisibleInvoice,
) -> AppResult<JsonResponse<Invoice>> {
    let amendments = store::amendments(&state.db, &row.id)
        .await?
        .iter()
        .map(|r| to_resource(r, vec![]))
        .collect();
    Ok(JsonResponse(to_resource(&row, amendments)))
}

/// `GET /v1/invoices/closefailures` (our extension): the customers whose invoices the monthly
/// close could not issue, and why; for the partner's billing admins and global admins.
#[utoipa::path(
    get,
    path = "/invoices/closefailures",
    operation_id = "listCloseFailures",
    tag = "Invoices",
    summary = "Customers the month's close could not invoice (our extension)",
    description = "And why. Partner billing admins and global admins.",
    security(("session" = [])),
    responses(
        (status = 200, description = "The failures", body = Collection<CloseFailure>),
    )
)]
pub async fn close_failures(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    _: Allowed<RecordPayments>,
) -> AppResult<JsonResponse<Collection<CloseFailure>>> {
    let partner_id = super::partner_of(&user, "see which invoices could not be issued")?;
    let items = store::close_failures(&state.db, partner_id)
        .await?
        .into_iter()
        .map(|row| CloseFailure {
            billing_period_start: row.period_start,
            customer_id: row.customer_id,
            company_name: row.company_name,
            reason: row.reason,
            attempts: row.attempts,
            first_failed_at: row.first_failed_at,
            last_failed_at: row.last_failed_at,
            attributes: Attributes::of("CloseFailure"),
        })
        .collect();
    Ok(JsonResponse(Collection::page(items, "/invoices/closefailures")))
}

/// `GET /v1/invoices/summaries`: one per currency.
#[utoipa::path(
    get,
    path = "/invoices/summaries",
    operation_id = "listInvoiceSummaries",
    tag = "Invoices",
    summary = "Balances, one per currency",
    security(("session" = [])),
    responses(
        (status = 200, description = "The summaries", body = Collection<InvoiceSummary>),
    )
)]
pub async fn summaries(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
) -> AppResult<JsonResponse<Collection<InvoiceSummary>>> {
    let scope = user.scope();
    let cutoff = overdue_cutoff(state.clock.now().date_naive());
    let mut items = Vec::new();
    for row in store::summaries(&state.db, &scope, &cutoff).await? {
        let currency = currency_of(&row.currency_code)?;
        let last = store::last_payment(&state.db, &scope, &row.currency_code).await?;
        items.push(InvoiceSummary {
            balance_amount: amount(row.balance),
            currency_code: currency.code.to_owned(),
            currency_symbol: currency.symbol.to_owned(),
            first_invoice_creation_date: Some(row.first_date),
            latest_invoice_date: Some(row.latest_date),
            last_payment_date: last.as_ref().map(|(at, _)| at.clone()),
            last_payment_amount: last.map(|(_, paid)| amount(paid)),
            outstanding_count: row.outstanding,
            overdue_count: row.overdue,
            overdue_amount: amount(row.overdue_balance),
            attributes: Attributes::of("InvoiceSummary"),
        });
    }
    Ok(JsonResponse(Collection::page(items, "/invoices/summaries")))
}
