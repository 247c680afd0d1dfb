//! Line items: an invoice's billing and daily rated usage lines, and the unbilled estimate of
//! the month in progress.

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use portal_domain::billing::{BillingPeriod, parse_day};
use portal_domain::invoice::{
    BillingLineItem, DailyRatedUsageLineItem, LineKind, LineTotals, tax_rate_basis_points,
};
use portal_domain::{Attributes, Collection, Currency, Link};
use serde::{Deserialize, Serialize};

use super::{DEFAULT_SIZE, MAX_SIZE, amount, currency_of, day_start, encode};

use crate::auth::CurrentUser;
use crate::auth::access::{VisibleCustomer, VisibleInvoice};
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::identity::{Scope, User};
use crate::invoicing;
use crate::paging::{check_seek_operation, cursor_from, invalid_token, page_size, seek_page};
use crate::routes::subscriptions::subscription_not_found;
use crate::state::AppState;
use crate::store::invoices::{
    self as store, InvoiceRow, LineRow, UsageLineRow, UsageOrder, UsagePage, UsageSource,
};
use crate::store::subscriptions;

/// Which line items a call asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineType {
    Billing,
    Usage,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LineItemsQuery {
    /// `onetime`.
    provider: Option<String>,
    /// `billinglineitems` or `usagelineitems`.
    invoicelineitemtype: Option<String>,
    /// Lines a page, 1 to 2,000 (200).
    size: Option<i64>,
    /// Billing lines to skip.
    offset: Option<i64>,
    /// Usage lines: `Next` with `MS-ContinuationToken`.
    #[serde(rename = "seekOperation")]
    seek_operation: Option<String>,
    /// Billing lines: `licence`, `usage` or `credit` (our extension).
    kind: Option<String>,
    /// Usage lines: `usageDate` (default) or `cost`, `order` `asc` (default) or `desc`, and
    /// `filter`, text in the meter or resource (our extensions).
    sort: Option<String>,
    /// `asc` or `desc`.
    order: Option<String>,
    /// Text in the meter or resource.
    filter: Option<String>,
    /// The unbilled estimate: the customer (partner users), `currencycode` and `period=current`.
    #[serde(rename = "customerId")]
    customer_id: Option<String>,
    /// The unbilled estimate: its currency.
    currencycode: Option<String>,
    /// The unbilled estimate: `current`.
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
#[utoipa::path(
    get,
    path = "/lineitems",
    operation_id = "listInvoiceLineItems",
    tag = "Invoices",
    summary = "An invoice's lines",
    description = "`provider=onetime` with `invoicelineitemtype=billinglineitems` for its billing lines (index-paged; our `kind`), or `usagelineitems` for its daily rated usage (seek-paged with `seekOperation=Next` and `MS-ContinuationToken`).",
    security(("session" = [])),
    params(crate::openapi::InvoicePath, LineItemsQuery, ("MS-ContinuationToken" = Option<String>, Header, description = "Usage lines: the next page's token")),
    responses(
        (status = 200, description = "A page of lines (billing or usage lines, as asked)", body = Collection<serde_json::Value>),
    )
)]
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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Lines a page, 1 to 2,000 (200).
    size: Option<i64>,
    /// Lines to skip.
    offset: Option<i64>,
}

/// `GET /v1/customers/{customerId}/subscriptions/{subscriptionId}/invoicelineitems[?size=&offset=]`
/// (our extension): the subscription's billing lines on its customer's invoices and correction
/// notes, newest document first, index-paged. A user who reaches only some subscriptions sees
/// their charges here rather than in the invoices, which bill the whole customer.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/invoicelineitems",
    operation_id = "listSubscriptionInvoiceLineItems",
    tag = "Invoices",
    summary = "A subscription's billing lines on invoices and notes (our extension)",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002"), PageQuery),
    responses(
        (status = 200, description = "Newest document first", body = Collection<BillingLineItem>),
    )
)]
pub async fn subscription_line_items(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
) -> AppResult<JsonResponse<Collection<BillingLineItem>>> {
    let size = page_size(q.size, DEFAULT_SIZE, MAX_SIZE)?;
    let offset = q.offset.unwrap_or(0).max(0);
    subscriptions::find(&state.db, &customer.id, &subscription_id)
        .await?
        .ok_or_else(|| subscription_not_found(&subscription_id))?;
    let rows =
        store::subscription_lines(&state.db, &customer.id, &subscription_id, size + 1, offset)
            .await?;
    let has_more = rows.len() as i64 > size;
    let items = rows
        .iter()
        .take(size as usize)
        .map(|row| {
            let ctx = LineContext {
                partner_id: &row.partner_id,
                customer_id: &customer.id,
                customer_name: &row.customer_name,
                customer_country: &row.customer_country,
                invoice_number: Some(&row.line.invoice_id),
                currency: row.currency,
            };
            billing_line(&ctx, &row.line)
        })
        .collect();
    let base = format!(
        "/customers/{}/subscriptions/{}/invoicelineitems?size={size}",
        customer.id, subscription_id
    );
    let mut page = Collection::page(items, format!("{base}&offset={offset}"));
    if has_more {
        page.links.next = Some(Link::get(format!("{base}&offset={}", offset + size)));
    }
    Ok(JsonResponse(page))
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
#[utoipa::path(
    get,
    path = "/invoices/unbilled/lineitems",
    operation_id = "listUnbilledLineItems",
    tag = "Invoices",
    summary = "What the month in progress will bill so far",
    description = "`provider=onetime`, `invoicelineitemtype`, `currencycode` and `period=current`; partner users name the customer (`customerId`). Computed as closing the month would.",
    security(("session" = [])),
    params(LineItemsQuery),
    responses(
        (status = 200, description = "The lines so far", body = Collection<serde_json::Value>),
        (status = 404, description = "No such customer the caller may see (`customerId`)", body = portal_domain::ApiErrorBody),
    )
)]
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
            let period = BillingPeriod::containing(state.clock.now().date_naive());
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
