//! Invoices (Partner Center §3.7): the list, one invoice, summaries per currency, billing and
//! daily rated usage line items, the unbilled estimate, the PDF statement and a CSV export that
//! streams; payments and correction notes are our extensions.
//!
//! The partner bills its customers: partner users see every customer's invoices, customer users
//! only their own, and anyone else's invoice is a 404.

use axum::Json as JsonResponse;
use axum::Router;
use axum::body::Body;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing;
use portal_domain::billing::{BillingPeriod, parse_day};
use portal_domain::invoice::{
    BillingLineItem, CloseFailure, DailyRatedUsageLineItem, DetailLinks, DocumentType, Invoice,
    InvoiceDetail, InvoiceStatus, InvoiceSummary, LineKind, LineTotals, NewAmendment, NewPayment,
    Payment, check_payment, tax_rate_basis_points,
};
use portal_domain::{Amount, Attributes, Collection, Currency, ErrorCode, Link};
use serde::{Deserialize, Serialize};

use crate::auth::CurrentUser;
use crate::auth::access::{Allowed, RecordPayments, VisibleCustomer, VisibleInvoice};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query};
use crate::identity::{Scope, User};
use crate::invoicing;
use crate::paging::{check_seek_operation, cursor_from, invalid_token, page_size, seek_page};
use crate::request_ids::RequestIds;
use crate::state::AppState;
use crate::store::invoices::{
    self as store, InvoiceRow, LineRow, PaymentRow, UsageLineRow, UsageOrder, UsagePage,
    UsageSource,
};
use crate::timestamp;

/// `/v1/invoices…` (Partner Center §3.7; payments, notes and the CSV export are our extensions).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/invoices", routing::get(list))
        .route("/invoices/summaries", routing::get(summaries))
        .route("/invoices/closefailures", routing::get(close_failures))
        .route("/invoices/unbilled/lineitems", routing::get(unbilled_line_items))
}

/// Mounted at `/v1/invoices/{invoice_id}`, behind its visibility guard.
pub fn invoice_router() -> Router<AppState> {
    Router::new()
        .route("/", routing::get(get))
        .route("/lineitems", routing::get(line_items))
        .route("/lineitems/export", routing::get(export))
        .route("/documents/statement", routing::get(statement))
        .route("/payments", routing::get(payments).post(record_payment))
        .route("/amendments", routing::post(amend))
}

/// Billing lines and invoices per page, by default and at most (Partner Center: 2,000 lines).
const DEFAULT_SIZE: i64 = 200;
const MAX_SIZE: i64 = 2_000;

/// A currency the database holds; one this build does not know is an internal error.
fn currency_of(code: &str) -> AppResult<Currency> {
    Currency::from_code(code)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown currency '{code}' stored")))
}

fn amount(value: i64) -> Amount {
    Amount::from_ten_thousandths(value)
}

/// `2026-10-01` as the midnight UTC timestamp Partner Center writes period dates as.
fn day_start(day: &str) -> String {
    format!("{day}T00:00:00Z")
}

pub(crate) fn status_of(row: &InvoiceRow) -> InvoiceStatus {
    InvoiceStatus::of(row.document_type, row.voided, amount(row.total - row.paid_amount))
}

fn to_resource(row: &InvoiceRow, amendments: Vec<Invoice>) -> Invoice {
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
        last_payment_date: row.last_payment_at.clone(),
        reason: row.reason.clone(),
        billing_line_count: row.line_count,
        usage_line_count: row.usage_line_count,
        attributes: Attributes::of("Invoice"),
    }
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    size: Option<i64>,
    offset: Option<i64>,
    /// Our extension: `YYYY-MM`, the billing period.
    period: Option<String>,
    /// Our extension: outstanding | paid | voided | issued.
    status: Option<String>,
}

/// `GET /v1/invoices[?size=&offset=&period=&status=]`: newest first, index paging.
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
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
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
                AppError::invalid_field("status", "must be outstanding, paid, voided or issued")
            })?,
        ),
    };
    let filter = store::ListFilter {
        period_start: period.map(|p| p.start.to_string()),
        status: status.map(InvoiceStatus::as_str),
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

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// `GET /v1/invoices/{invoiceId}`, with the notes that amend it.
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
pub async fn close_failures(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    _: Allowed<RecordPayments>,
) -> AppResult<JsonResponse<Collection<CloseFailure>>> {
    let Scope::Partner { partner_id } = user.scope() else {
        return Err(AppError::forbidden("see which invoices could not be issued"));
    };
    let items = store::close_failures(&state.db, &partner_id)
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
pub async fn summaries(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
) -> AppResult<JsonResponse<Collection<InvoiceSummary>>> {
    let scope = user.scope();
    let mut items = Vec::new();
    for row in store::summaries(&state.db, &scope).await? {
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
            attributes: Attributes::of("InvoiceSummary"),
        });
    }
    Ok(JsonResponse(Collection::page(items, "/invoices/summaries")))
}

/// Which line items a call asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineType {
    Billing,
    Usage,
}

#[derive(Debug, Deserialize)]
pub struct LineItemsQuery {
    provider: Option<String>,
    invoicelineitemtype: Option<String>,
    size: Option<i64>,
    offset: Option<i64>,
    #[serde(rename = "seekOperation")]
    seek_operation: Option<String>,
    /// Billing lines: `licence`, `usage` or `credit` (our extension).
    kind: Option<String>,
    /// Usage lines: `usageDate` (default) or `cost`, `order` `asc` (default) or `desc`, and
    /// `filter`, text in the meter or resource (our extensions).
    sort: Option<String>,
    order: Option<String>,
    filter: Option<String>,
    /// The unbilled estimate: the customer (partner users), `currencycode` and `period=current`.
    #[serde(rename = "customerId")]
    customer_id: Option<String>,
    currencycode: Option<String>,
    period: Option<String>,
}

impl LineItemsQuery {
    fn line_type(&self) -> AppResult<LineType> {
        if let Some(provider) = self.provider.as_deref()
            && !["onetime", "one_time"].iter().any(|p| p.eq_ignore_ascii_case(provider))
        {
            return Err(AppError::invalid_field(
                "provider",
                "must be onetime: the portal's line items are all one-time (new commerce)",
            ));
        }
        match self.invoicelineitemtype.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("billinglineitems" | "billing_line_items") => Ok(LineType::Billing),
            Some("usagelineitems" | "usage_line_items") => Ok(LineType::Usage),
            Some(_) => Err(AppError::invalid_field(
                "invoicelineitemtype",
                "must be billinglineitems or usagelineitems",
            )),
        }
    }

    fn kind(&self) -> AppResult<Option<LineKind>> {
        match self.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            None => Ok(None),
            Some(text) => text
                .parse()
                .map(Some)
                .map_err(|_| AppError::invalid_field("kind", "must be licence, usage or credit")),
        }
    }

    fn usage_order(&self) -> AppResult<(UsageOrder, bool)> {
        let order = match self.sort.as_deref() {
            None | Some("usageDate") => UsageOrder::Date,
            Some("cost") => UsageOrder::Cost,
            Some(_) => return Err(AppError::invalid_field("sort", "must be usageDate or cost")),
        };
        let descending = match self.order.as_deref() {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(_) => return Err(AppError::invalid_field("order", "must be asc or desc")),
        };
        Ok((order, descending))
    }

    fn filter(&self) -> Option<&str> {
        self.filter.as_deref().map(str::trim).filter(|f| !f.is_empty())
    }

    /// The query string of the next page, without paging.
    fn usage_params(&self) -> String {
        [("sort", &self.sort), ("order", &self.order), ("filter", &self.filter)]
            .into_iter()
            .filter_map(|(name, value)| value.as_ref().map(|v| format!("&{name}={}", encode(v))))
            .collect()
    }
}

/// Where the next page of usage lines starts: the last line's sort key and id.
#[derive(Debug, Serialize, Deserialize)]
struct UsageCursor {
    key: String,
    id: String,
}

/// The customer-facing fields of an invoice that every line item repeats.
struct LineContext<'a> {
    partner_id: &'a str,
    customer_id: &'a str,
    customer_name: &'a str,
    customer_country: &'a str,
    invoice_number: Option<&'a str>,
    currency: Currency,
}

fn billing_line(ctx: &LineContext<'_>, row: &LineRow) -> BillingLineItem {
    BillingLineItem {
        line_number: row.line_number,
        line_kind: row.kind,
        partner_id: ctx.partner_id.to_owned(),
        customer_id: ctx.customer_id.to_owned(),
        customer_name: ctx.customer_name.to_owned(),
        customer_country: ctx.customer_country.to_owned(),
        invoice_number: ctx.invoice_number.map(str::to_owned),
        product_name: row.product_name.clone(),
        sku_name: row.description.clone(),
        charge_type: row.charge_type.clone(),
        unit_price: row.unit_price.map(amount),
        unit_type: row.unit_type.clone(),
        quantity: amount(row.quantity),
        subtotal: amount(row.subtotal),
        tax_total: amount(row.tax),
        total_for_customer: amount(row.total),
        currency: ctx.currency.code.to_owned(),
        subscription_id: row.subscription_id.clone(),
        charge_start_date: day_start(&row.charge_start),
        charge_end_date: day_start(&row.charge_end),
        invoice_line_item_type: "billing_line_items".to_owned(),
        billing_provider: "one_time".to_owned(),
        attributes: Attributes::of("OneTimeInvoiceLineItem"),
    }
}

fn usage_line(ctx: &LineContext<'_>, row: UsageLineRow) -> DailyRatedUsageLineItem {
    DailyRatedUsageLineItem {
        partner_id: row.partner_id,
        customer_id: row.customer_id,
        customer_name: ctx.customer_name.to_owned(),
        invoice_number: row.invoice_id,
        subscription_id: row.plan_id,
        usage_date: day_start(&row.usage_date),
        meter_category: row.meter_category,
        meter_id: row.meter_id,
        meter_name: row.meter_name,
        unit_of_measure: row.unit,
        resource_location: row.resource_location,
        resource_group: row.resource_group,
        resource_uri: row.resource_uri,
        entitlement_id: row.entitlement_id,
        charge_type: "new".to_owned(),
        unit_price: amount(row.unit_price),
        quantity: amount(row.quantity),
        billing_pre_tax_total: amount(row.cost),
        billing_currency: row.currency_code,
        invoice_line_item_type: "usage_line_items".to_owned(),
        billing_provider: "marketplace".to_owned(),
        attributes: Attributes::of("DailyRatedUsageLineItem"),
    }
}

fn context(row: &InvoiceRow) -> LineContext<'_> {
    LineContext {
        partner_id: &row.partner_id,
        customer_id: &row.customer_id,
        customer_name: &row.customer_name,
        customer_country: &row.customer_country,
        invoice_number: Some(&row.id),
        currency: row.currency,
    }
}

/// A page of usage lines from `source`, seek-paged.
async fn usage_page(
    state: &AppState,
    headers: &HeaderMap,
    q: &LineItemsQuery,
    source: UsageSource<'_>,
    ctx: &LineContext<'_>,
    base_uri: &str,
) -> AppResult<Collection<serde_json::Value>> {
    check_seek_operation(q.seek_operation.as_deref())?;
    let size = page_size(q.size, MAX_SIZE, MAX_SIZE)?;
    let (order, descending) = q.usage_order()?;
    let cursor: Option<UsageCursor> = cursor_from(headers)?;
    // A token that decodes but whose key does not fit the order was altered: the database
    // would fail to compare it (PostgreSQL cannot cast text to a number), so it is refused here.
    if let Some(cursor) = &cursor {
        let fits = match order {
            UsageOrder::Cost => cursor.key.parse::<i64>().is_ok(),
            UsageOrder::Date => parse_day(&cursor.key).is_some(),
        };
        if !fits {
            return Err(invalid_token());
        }
    }
    let page = UsagePage {
        source,
        order,
        descending,
        filter: q.filter(),
        after: cursor.map(|c| (c.key, c.id)),
        limit: size + 1,
    };
    let rows = store::usage_lines(&state.db, &page).await?;
    let uri = format!("{base_uri}{}", q.usage_params());
    let collection = seek_page(
        rows,
        size,
        &uri,
        |row: &UsageLineRow| UsageCursor {
            key: match order {
                UsageOrder::Date => row.usage_date.clone(),
                UsageOrder::Cost => row.cost.to_string(),
            },
            id: row.id.clone(),
        },
        |row| serde_json::to_value(usage_line(ctx, row)).unwrap_or_default(),
    );
    Ok(collection)
}

/// `GET /v1/invoices/{invoiceId}/lineitems?provider=onetime&invoicelineitemtype=…`: billing
/// lines with index paging (`size`, `offset`, our `kind`), or daily rated usage lines with seek
/// paging (`seekOperation=Next` and `MS-ContinuationToken`).
pub async fn line_items(
    State(state): State<AppState>,
    VisibleInvoice { invoice, .. }: VisibleInvoice,
    headers: HeaderMap,
    Query(q): Query<LineItemsQuery>,
) -> AppResult<JsonResponse<Collection<serde_json::Value>>> {
    let ctx = context(&invoice);
    match q.line_type()? {
        LineType::Usage => {
            let base = format!(
                "/invoices/{}/lineitems?provider=onetime&invoicelineitemtype=usagelineitems",
                invoice.id
            );
            Ok(JsonResponse(
                usage_page(&state, &headers, &q, UsageSource::Invoice(&invoice.id), &ctx, &base)
                    .await?,
            ))
        }
        LineType::Billing => {
            let size = page_size(q.size, DEFAULT_SIZE, MAX_SIZE)?;
            let offset = q.offset.unwrap_or(0).max(0);
            let kind = q.kind()?;
            let rows =
                store::lines(&state.db, &invoice.id, kind.map(LineKind::as_str), size + 1, offset)
                    .await?;
            let has_more = rows.len() as i64 > size;
            let items = rows
                .iter()
                .take(size as usize)
                .map(|row| serde_json::to_value(billing_line(&ctx, row)).unwrap_or_default())
                .collect();
            let kind_param = kind.map(|k| format!("&kind={}", k.as_str())).unwrap_or_default();
            let base = format!(
                "/invoices/{}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems{kind_param}",
                invoice.id
            );
            let mut page = Collection::page(items, format!("{base}&size={size}&offset={offset}"));
            if has_more {
                page.links.next =
                    Some(Link::get(format!("{base}&size={size}&offset={}", offset + size)));
            }
            Ok(JsonResponse(page))
        }
    }
}

/// The customer whose unbilled lines are asked for: a customer user's own; a partner user names
/// one with `customerId`.
async fn unbilled_customer(
    state: &AppState,
    user: &User,
    q: &LineItemsQuery,
) -> AppResult<store::BilledCustomer> {
    let customer_id = match (user.scope(), q.customer_id.as_deref()) {
        (Scope::Customer { customer_id }, _) => customer_id,
        (Scope::Partner { .. }, Some(id)) if !id.trim().is_empty() => id.trim().to_owned(),
        (Scope::Partner { .. }, _) => {
            return Err(AppError::invalid_field(
                "customerId",
                "is required for partner users: name the customer whose estimate you want",
            ));
        }
    };
    VisibleCustomer::resolve(state, user.clone(), &customer_id).await?;
    store::billed_customer(&state.db, &customer_id)
        .await?
        .ok_or_else(|| AppError::customer_not_found(&customer_id))
}

/// `GET /v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=…&period=current`:
/// what the month in progress will bill the customer so far, computed as closing it would.
pub async fn unbilled_line_items(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<LineItemsQuery>,
) -> AppResult<JsonResponse<Collection<serde_json::Value>>> {
    if let Some(period) = q.period.as_deref()
        && !period.eq_ignore_ascii_case("current")
    {
        return Err(AppError::invalid_field(
            "period",
            "must be current: past months are on their invoices",
        ));
    }
    let customer = unbilled_customer(&state, &user, &q).await?;
    let wanted_currency = q.currencycode.as_deref().map(str::to_ascii_uppercase);
    let ctx_for = |currency: Currency| LineContext {
        partner_id: &customer.partner_id,
        customer_id: &customer.id,
        customer_name: &customer.company_name,
        customer_country: &customer.country,
        invoice_number: None,
        currency,
    };
    let customer_param = format!("&customerId={}", customer.id);
    match q.line_type()? {
        LineType::Usage => {
            let base = format!(
                "/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=usagelineitems&period=current{customer_param}"
            );
            let currency = match wanted_currency.as_deref().and_then(Currency::from_code) {
                Some(currency) => currency,
                None => currency_of(&customer.currency)?,
            };
            let source = UsageSource::Unbilled { customer_id: &customer.id };
            Ok(JsonResponse(
                usage_page(&state, &headers, &q, source, &ctx_for(currency), &base).await?,
            ))
        }
        LineType::Billing => {
            let period = BillingPeriod::containing(state.clock.now().date());
            let tax_rate = tax_rate_basis_points(&customer.country);
            let mut items = Vec::new();
            for (number, (code, charge)) in invoicing::estimate(&state.db, &customer, period)
                .await?
                .into_iter()
                .filter(|(code, _)| wanted_currency.as_deref().is_none_or(|w| w == code))
                .enumerate()
            {
                let currency = currency_of(&code)?;
                let totals = LineTotals::of(charge.amount, tax_rate, currency)
                    .ok_or_else(|| anyhow::anyhow!("an estimate line overflows"))?;
                let row = charge.into_line("", number as i64 + 1, totals);
                items.push(
                    serde_json::to_value(billing_line(&ctx_for(currency), &row))
                        .unwrap_or_default(),
                );
            }
            Ok(JsonResponse(Collection::page(
                items,
                format!(
                    "/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&period=current{customer_param}"
                ),
            )))
        }
    }
}

fn payment_resource(row: PaymentRow) -> Payment {
    Payment {
        id: row.id,
        invoice_id: row.invoice_id,
        amount: amount(row.amount),
        paid_on: row.paid_on,
        reference: row.reference,
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at,
        attributes: Attributes::of("Payment"),
    }
}

/// `GET /v1/invoices/{invoiceId}/payments` (our extension), oldest first.
pub async fn payments(
    State(state): State<AppState>,
    VisibleInvoice { invoice, .. }: VisibleInvoice,
) -> AppResult<JsonResponse<Collection<Payment>>> {
    let items =
        store::payments(&state.db, &invoice.id).await?.into_iter().map(payment_resource).collect();
    Ok(JsonResponse(Collection::page(items, format!("/invoices/{}/payments", invoice.id))))
}

/// `POST /v1/invoices/{invoiceId}/payments` (our extension): records a payment received. A
/// retry with the same `MS-RequestId` returns the first answer and records nothing more.
pub async fn record_payment(
    State(state): State<AppState>,
    VisibleInvoice { user, invoice }: VisibleInvoice,
    _: Allowed<RecordPayments>,
    Extension(ids): Extension<RequestIds>,
    Json(body): Json<NewPayment>,
) -> AppResult<(StatusCode, JsonResponse<Payment>)> {
    let now = state.clock.now();
    let paid_on = match body.paid_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => now.date(),
        Some(text) => {
            parse_day(text).filter(|d| text.len() == 10 && *d <= now.date()).ok_or_else(|| {
                AppError::invalid_field(
                    "paidOn",
                    "must be a date written YYYY-MM-DD, not in the future",
                )
            })?
        }
    };
    let reference = body.reference.trim();
    if reference.chars().count() > 100 {
        return Err(AppError::invalid_field("reference", "must be at most 100 characters"));
    }
    let currency = invoice.currency;
    if body.amount.round_to(currency) != body.amount {
        return Err(AppError::invalid_field("amount", "must be in whole cents"));
    }

    let mut tx = begin_write(&state.db).await?;
    store::lock(&mut tx, &invoice.id).await?;
    if let Some(done) = store::payment_by_request(&mut tx, &invoice.id, &ids.request_id).await? {
        return Ok((StatusCode::OK, JsonResponse(payment_resource(done))));
    }
    // Read again under the invoice's lock: two payments at once must not both fit the balance,
    // and a void note issued meanwhile is seen.
    let id = invoice.id;
    let invoice = store::find(&mut *tx, &user.scope(), &id)
        .await?
        .ok_or_else(|| AppError::invoice_not_found(&id))?;
    match status_of(&invoice) {
        InvoiceStatus::Voided => {
            return Err(AppError::new(
                ErrorCode::InvoiceVoided,
                "This invoice is voided: there is nothing to pay.",
            ));
        }
        InvoiceStatus::Issued => {
            return Err(AppError::invalid_field(
                "invoiceId",
                "is a correction note: payments go against invoices",
            ));
        }
        _ => {}
    }
    let balance = amount(invoice.total - invoice.paid_amount);
    check_payment(body.amount, balance).map_err(|message| {
        AppError::invalid_field(
            "amount",
            format!("{message} ({} {})", balance.to_decimal_string(2), currency.code),
        )
    })?;
    let row = PaymentRow {
        id: uuid::Uuid::new_v4().to_string(),
        invoice_id: invoice.id.clone(),
        amount: body.amount.ten_thousandths(),
        paid_on: paid_on.to_string(),
        reference: reference.to_owned(),
        recorded_by: user.display_name.clone(),
        recorded_at: timestamp::to_text(now),
    };
    store::insert_payment(&mut tx, &row, &ids.request_id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, JsonResponse(payment_resource(row))))
}

/// `POST /v1/invoices/{invoiceId}/amendments` (our extension): issues a void or adjustment note
/// that references the invoice, which itself never changes.
pub async fn amend(
    State(state): State<AppState>,
    VisibleInvoice { user, invoice }: VisibleInvoice,
    _: Allowed<RecordPayments>,
    Json(body): Json<NewAmendment>,
) -> AppResult<(StatusCode, JsonResponse<Invoice>)> {
    let reason = body.reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(AppError::invalid_field("reason", "is required, at most 200 characters"));
    }
    if invoice.document_type != DocumentType::Invoice {
        return Err(AppError::invalid_field(
            "invoiceId",
            "is a correction note: notes amend invoices",
        ));
    }
    if invoice.voided {
        return Err(AppError::new(ErrorCode::InvoiceVoided, "This invoice is voided already."));
    }
    let currency = invoice.currency;
    let amount = match body.document_type {
        DocumentType::Invoice => {
            return Err(AppError::invalid_field(
                "documentType",
                "must be void_note or adjustment_note",
            ));
        }
        DocumentType::VoidNote if invoice.paid_amount != 0 => {
            return Err(AppError::invalid_field(
                "documentType",
                "cannot void an invoice with payments: issue an adjustment note instead",
            ));
        }
        DocumentType::VoidNote => None,
        DocumentType::AdjustmentNote => match body.amount {
            Some(a) if !a.is_zero() && a.round_to(currency) == a => Some(a),
            _ => {
                return Err(AppError::invalid_field(
                    "amount",
                    "must be a non-zero amount in whole cents (negative for a credit)",
                ));
            }
        },
    };
    let note_id = invoicing::amend(
        &state.db,
        &invoice,
        body.document_type,
        amount,
        reason,
        &user.display_name,
        state.clock.now(),
    )
    .await
    .map_err(|e| {
        // Two void notes at once: the unique index keeps the first.
        if e.downcast_ref::<sqlx::Error>().is_some_and(crate::store::is_duplicate) {
            AppError::new(ErrorCode::InvoiceVoided, "This invoice is voided already.")
        } else if e.is::<invoicing::PaidMeanwhile>() {
            AppError::invalid_field(
                "documentType",
                "cannot void an invoice with payments: issue an adjustment note instead",
            )
        } else {
            AppError::Internal(e)
        }
    })?;
    let note = store::find(&state.db, &user.scope(), &note_id)
        .await?
        .ok_or_else(|| AppError::invoice_not_found(&note_id))?;
    Ok((StatusCode::CREATED, JsonResponse(to_resource(&note, Vec::new()))))
}

/// `GET /v1/invoices/{invoiceId}/documents/statement`: the PDF, in the customer's language.
pub async fn statement(
    State(state): State<AppState>,
    VisibleInvoice { invoice, .. }: VisibleInvoice,
) -> AppResult<Response> {
    let lines = store::lines(&state.db, &invoice.id, None, i64::MAX, 0).await?;
    let partner = crate::store::usage::partner_name(&state.db, &invoice.partner_id)
        .await?
        .unwrap_or_default();
    // Laying out and compressing a PDF takes tens of milliseconds of CPU: off the async workers.
    let file_name = format!("attachment; filename=Invoice_{}.pdf", invoice.id);
    let pdf =
        tokio::task::spawn_blocking(move || crate::statement::render(&invoice, &lines, &partner))
            .await
            .map_err(|e| {
                AppError::Internal(anyhow::Error::new(e).context("rendering a statement"))
            })??;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&file_name).map_err(|e| anyhow::anyhow!(e))?,
            ),
        ],
        pdf,
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    invoicelineitemtype: Option<String>,
}

/// `GET /v1/invoices/{invoiceId}/lineitems/export?invoicelineitemtype=…` (our extension): every
/// line as CSV, streamed page by page, so memory stays flat at any size.
pub async fn export(
    State(state): State<AppState>,
    VisibleInvoice { invoice, .. }: VisibleInvoice,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let usage = match q.invoicelineitemtype.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("billinglineitems") => false,
        Some("usagelineitems") => true,
        Some(_) => {
            return Err(AppError::invalid_field(
                "invoicelineitemtype",
                "must be billinglineitems or usagelineitems",
            ));
        }
    };
    let what = if usage { "usage" } else { "billing" };
    let filename = format!("{}_{what}_line_items.csv", invoice.id);
    let body = if usage {
        Body::from_stream(crate::export::usage_lines(state.db.clone(), invoice.id.clone()))
    } else {
        Body::from_stream(crate::export::billing_lines(state.db.clone(), invoice))
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&format!("attachment; filename={filename}"))
                    .map_err(|e| anyhow::anyhow!(e))?,
            ),
        ],
        body,
    )
        .into_response())
}
