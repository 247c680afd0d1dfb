//! Orders: `/v1/customers/{customerId}/orders…`.

use axum::Json;
use axum::extract::{Path, State};
use portal_domain::order::{
    FulfillmentStatus, Order, OrderFailure, OrderLineItem, OrderLineItemLinks,
    OrderLineItemPricing, OrderLineItemProvisioningStatus, OrderLinks, OrderStatus,
    QuantityProvisioning,
};
use portal_domain::{Amount, Attributes, Collection, Currency, ErrorCode, Link};
use serde::Deserialize;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::auth::access::VisibleCustomer;
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::state::AppState;
use crate::store::orders::{self, OrderLineRow, OrderRow};

/// `/v1/orders/…`: across the partner's customers.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(failures))
}

/// The most failed orders listed.
const FAILURES_MAX: i64 = 100;

/// `GET /v1/orders/failures` (our extension, partner users): the orders of the partner's
/// customers that could not be provisioned, newest first. Customer users get 403: their own
/// orders say it.
#[utoipa::path(
    get,
    path = "/orders/failures",
    operation_id = "listOrderFailures",
    tag = "Orders",
    summary = "Orders that could not be provisioned (our extension)",
    description = "The orders of the partner's customers that could not be provisioned, newest first (at most 100). Partner users only.",
    security(("session" = [])),
    responses(
        (status = 200, description = "The failed orders", body = Collection<OrderFailure>),
    )
)]
pub async fn failures(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
) -> AppResult<Json<Collection<OrderFailure>>> {
    let partner_id = super::partner_of(&user, "see the orders of every customer")?;
    let items = orders::failures(&state.db, partner_id, FAILURES_MAX)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(OrderFailure {
                failure_reason: row.failure_reason.parse().ok()?,
                order_id: row.id,
                alternate_id: row.alternate_id,
                customer_id: row.customer_id,
                customer_name: row.company_name,
                failed_at: row.failed_at,
                attributes: Attributes::of("OrderFailure"),
            })
        })
        .collect();
    Ok(Json(Collection::page(items, "/orders/failures")))
}

/// Mounted under `/v1/customers/{customer_id}`, behind its visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
        .routes(routes!(provisioning_status))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PriceQuery {
    /// Partner Center's `include_price`: adds `totalPrice` and each line's `pricing`.
    #[serde(default)]
    include_price: bool,
}

fn order_not_found(order_id: &str) -> AppError {
    AppError::new(
        ErrorCode::OrderNotFound,
        format!("Order '{order_id}' was not found for this customer."),
    )
}

pub(crate) fn to_resource(order: &OrderRow, lines: &[OrderLineRow], include_price: bool) -> Order {
    let customer_id = &order.customer_id;
    let base = format!("/customers/{customer_id}/orders/{}", order.id);
    let currency = Currency::from_code(&order.currency_code);
    let line_items = lines
        .iter()
        .map(|line| OrderLineItem {
            line_item_number: line.line_item_number,
            offer_id: line.offer_id.clone(),
            subscription_id: Some(line.subscription_id.clone()),
            friendly_name: line.friendly_name.clone(),
            quantity: line.quantity,
            term_duration: line.term_duration.clone(),
            transaction_type: "New".to_owned(),
            pricing: include_price.then(|| OrderLineItemPricing {
                list_price: Amount::from_ten_thousandths(line.unit_price.unwrap_or(0)),
                extended_price: Amount::from_ten_thousandths(line.extended_price),
                prorated_price: Amount::from_ten_thousandths(line.prorated_price),
            }),
            links: OrderLineItemLinks {
                subscription: Some(Link::get(format!(
                    "/customers/{customer_id}/subscriptions/{}",
                    line.subscription_id
                ))),
                provisioning_status: Link::get(format!("{base}/provisioningstatus")),
            },
        })
        .collect();
    let total = Amount::sum(lines.iter().map(|l| Amount::from_ten_thousandths(l.prorated_price)));
    Order {
        id: order.id.clone(),
        alternate_id: order.alternate_id.clone(),
        reference_customer_id: customer_id.clone(),
        billing_cycle: order.billing_cycle,
        transaction_type: "UserPurchase".to_owned(),
        line_items,
        currency_code: order.currency_code.clone(),
        currency_symbol: currency.map(|c| c.symbol).unwrap_or_default().to_owned(),
        creation_date: order.created_at.clone(),
        status: match order.status.as_str() {
            "completed" => OrderStatus::Completed,
            "cancelled" => OrderStatus::Cancelled,
            "failed" => OrderStatus::Failed,
            _ => OrderStatus::Pending,
        },
        failure_reason: order.failure_reason.as_deref().and_then(|r| r.parse().ok()),
        total_price: if include_price { total } else { None },
        links: OrderLinks {
            self_link: Link::get(base.clone()),
            provisioning_status: Link::get(format!("{base}/provisioningstatus")),
        },
        attributes: Attributes::of("Order"),
    }
}

#[utoipa::path(
    get,
    path = "/orders",
    operation_id = "listOrders",
    tag = "Orders",
    summary = "List the customer's orders",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, PriceQuery),
    responses(
        (status = 200, description = "The orders, newest first", body = Collection<Order>),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Query(q): Query<PriceQuery>,
) -> AppResult<Json<Collection<Order>>> {
    let items = orders::list(&state.db, &customer.id)
        .await?
        .iter()
        .map(|(order, lines)| to_resource(order, lines, q.include_price))
        .collect();
    Ok(Json(Collection::page(
        items,
        format!("/customers/{customer_id}/orders", customer_id = customer.id),
    )))
}

#[utoipa::path(
    get,
    path = "/orders/{order_id}",
    operation_id = "getOrder",
    tag = "Orders",
    summary = "Get an order",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("order_id" = String, Path, description = "The order's id", example = "0d0c0e1a0001"), PriceQuery),
    responses(
        (status = 200, description = "The order", body = Order),
        (status = 404, description = "No such order for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, order_id)): Path<(String, String)>,
    Query(q): Query<PriceQuery>,
) -> AppResult<Json<Order>> {
    let (order, lines) = orders::find(&state.db, &customer.id, &order_id)
        .await?
        .ok_or_else(|| order_not_found(&order_id))?;
    Ok(Json(to_resource(&order, &lines, q.include_price)))
}

/// `GET …/orders/{orderId}/provisioningstatus`: one entry per line.
#[utoipa::path(
    get,
    path = "/orders/{order_id}/provisioningstatus",
    operation_id = "getOrderProvisioningStatus",
    tag = "Orders",
    summary = "What each line of an order has become",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("order_id" = String, Path, description = "The order's id", example = "0d0c0e1a0001")),
    responses(
        (status = 200, description = "Each line's fulfilment status and the subscriptions it made", body = Collection<OrderLineItemProvisioningStatus>),
        (status = 404, description = "No such order for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn provisioning_status(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, order_id)): Path<(String, String)>,
) -> AppResult<Json<Collection<OrderLineItemProvisioningStatus>>> {
    let (_, lines) = orders::find(&state.db, &customer.id, &order_id)
        .await?
        .ok_or_else(|| order_not_found(&order_id))?;
    let items = lines
        .iter()
        .map(|line| {
            let status = match line.provisioning_status.as_str() {
                "Fulfilled" => FulfillmentStatus::Fulfilled,
                "Unfulfilled" => FulfillmentStatus::Unfulfilled,
                _ => FulfillmentStatus::PrefulfillmentPending,
            };
            OrderLineItemProvisioningStatus {
                line_item_number: line.line_item_number,
                status,
                quantity_provisioning_information: vec![QuantityProvisioning {
                    quantity: line.quantity,
                    status,
                }],
                attributes: Attributes::of("OrderLineItemProvisioningStatus"),
            }
        })
        .collect();
    Ok(Json(Collection::page(
        items,
        format!(
            "/customers/{customer_id}/orders/{order_id}/provisioningstatus",
            customer_id = customer.id
        ),
    )))
}
