//! Carts and checkout: `/v1/customers/{customerId}/carts…`.

use axum::Json as JsonResponse;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, TimeDelta, Utc};
use portal_domain::cart::{
    CART_LIFETIME_DAYS, Cart, CartCheckoutResult, CartLineItem, CartLinks, CartRequest, CartStatus,
};
use portal_domain::{Attributes, Collection, ErrorCode, Link};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::access::{Allowed, Purchase, VisibleCustomer};
use crate::catalog::currency_of;
use crate::checkout::{self, CheckoutContext};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::identity::User;
use crate::request_ids::RequestIds;
use crate::routes::catalog::language;
use crate::routes::orders;
use crate::state::AppState;
use crate::store::activity::{self, Actor, Entry};
use crate::store::carts::{self, ACTIVE, CartRow, ORDERED};
use crate::store::customers::CustomerRow;
use crate::store::{orders as order_store, subscriptions};
use crate::timestamp;

/// Mounted under `/v1/customers/{customer_id}`, behind its visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get, update))
        .routes(routes!(checkout))
}

/// More lines than anyone orders at once; a bound on the work one request can ask for.
const MAX_LINES: usize = 50;

/// A checkout older than this is assumed dead (its server stopped) and the cart can be taken over.
const CHECKOUT_CLAIM_TIMEOUT: TimeDelta = TimeDelta::minutes(2);

fn check_line_count(request: &CartRequest, minimum: usize) -> AppResult<()> {
    let n = request.line_items.len();
    if n < minimum {
        return Err(AppError::invalid_field("lineItems", "must hold at least one line"));
    }
    if n > MAX_LINES {
        return Err(AppError::invalid_field(
            "lineItems",
            format!("must hold at most {MAX_LINES} lines"),
        ));
    }
    Ok(())
}

fn validated_lines(
    customer: &CustomerRow,
    request: CartRequest,
    headers: &HeaderMap,
    has_legacy_azure: bool,
) -> AppResult<Vec<CartLineItem>> {
    let currency = currency_of(&customer.country).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!(
            "customer {} is in a country without a catalog",
            customer.id
        ))
    })?;
    if let Some((field, reason)) = portal_domain::cart::size_problem(&request.line_items) {
        return Err(AppError::invalid_field(&field, reason));
    }
    Ok(checkout::validate_lines(
        request.line_items,
        &customer.country,
        currency,
        language(headers),
        has_legacy_azure,
    ))
}

fn cart_not_found(cart_id: &str) -> AppError {
    AppError::new(
        ErrorCode::CartNotFound,
        format!("Cart '{cart_id}' was not found for this customer, or it has expired."),
    )
}

fn already_submitted(cart_id: &str) -> AppError {
    AppError::new(
        ErrorCode::CartAlreadySubmitted,
        format!("Cart '{cart_id}' has been checked out already; start a new cart."),
    )
}

fn being_processed(cart_id: &str) -> AppError {
    AppError::new(
        ErrorCode::CartBeingProcessed,
        format!("Cart '{cart_id}' is being checked out by another request; try again in a moment."),
    )
}

fn to_resource(row: &CartRow) -> AppResult<Cart> {
    let line_items: Vec<CartLineItem> = serde_json::from_str(&row.line_items)
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("stored cart lines")))?;
    Ok(Cart {
        id: row.id.clone(),
        creation_timestamp: row.created_at.clone(),
        last_modified_timestamp: row.last_modified_at.clone(),
        expiration_timestamp: row.expires_at.clone(),
        last_modified_user: row.last_modified_by.clone(),
        line_items,
        status: if row.status == ORDERED { CartStatus::Ordered } else { CartStatus::Active },
        links: CartLinks {
            self_link: Link::get(format!("/customers/{}/carts/{}", row.customer_id, row.id)),
        },
        attributes: Attributes::of("Cart"),
    })
}

fn lines_json(lines: &[CartLineItem]) -> AppResult<String> {
    serde_json::to_string(lines).map_err(|e| AppError::Internal(e.into()))
}

/// `POST /v1/customers/{customerId}/carts` → 201 with the validated cart.
#[utoipa::path(
    post,
    path = "/carts",
    operation_id = "createCart",
    tag = "Carts",
    summary = "Create a cart",
    description = "Checks every line against the customer's catalog and prices it. A cart lasts seven days.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    request_body = CartRequest,
    responses(
        (status = 201, description = "The cart, its lines checked and priced", body = Cart, links(
            ("getCart" = (operation_id = "getCart", parameters(("customer_id" = "$request.path.customer_id"), ("cart_id" = "$response.body#/id")))),
            ("updateCart" = (operation_id = "updateCart", parameters(("customer_id" = "$request.path.customer_id"), ("cart_id" = "$response.body#/id")))),
            ("checkoutCart" = (operation_id = "checkoutCart", parameters(("customer_id" = "$request.path.customer_id"), ("cart_id" = "$response.body#/id")))),
        )),
        (status = 400, description = "A line is invalid: `data` names the field of each", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    headers: HeaderMap,
    Json(request): Json<CartRequest>,
) -> AppResult<(StatusCode, JsonResponse<Cart>)> {
    check_line_count(&request, 1)?;
    let has_legacy_azure = subscriptions::has_legacy_azure(&state.db, &customer.id).await?;
    let lines = validated_lines(&customer, request, &headers, has_legacy_azure)?;
    let now = state.clock.now();
    let now_text = timestamp::to_text(now);
    let row = CartRow {
        id: uuid::Uuid::new_v4().to_string(),
        customer_id: customer.id,
        created_by: user.id.clone(),
        status: ACTIVE.to_owned(),
        line_items: lines_json(&lines)?,
        created_at: now_text.clone(),
        last_modified_at: now_text.clone(),
        last_modified_by: user.id.clone(),
        expires_at: timestamp::to_text(now + TimeDelta::days(CART_LIFETIME_DAYS)),
        checkout_request_id: None,
        checkout_started_at: None,
        checkout_result: None,
    };
    carts::insert(&state.db, &row).await?;
    Ok((StatusCode::CREATED, JsonResponse(to_resource(&row)?)))
}

/// `GET /v1/customers/{customerId}/carts` (our extension): the caller's active carts for the
/// customer, newest first, so a cart follows its user to another browser.
#[utoipa::path(
    get,
    path = "/carts",
    operation_id = "listCarts",
    tag = "Carts",
    summary = "List the customer's active carts",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    responses(
        (status = 200, description = "The carts the user may still check out", body = Collection<Cart>),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
) -> AppResult<JsonResponse<Collection<Cart>>> {
    let now = timestamp::to_text(state.clock.now());
    let rows = carts::list_active(&state.db, &customer.id, &user.id, &now).await?;
    let items = rows.iter().map(to_resource).collect::<AppResult<Vec<_>>>()?;
    Ok(JsonResponse(Collection::page(
        items,
        format!("/customers/{customer_id}/carts", customer_id = customer.id),
    )))
}

#[utoipa::path(
    get,
    path = "/carts/{cart_id}",
    operation_id = "getCart",
    tag = "Carts",
    summary = "Get a cart",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("cart_id" = String, Path, description = "The cart's id")),
    responses(
        (status = 200, description = "The cart", body = Cart),
        (status = 404, description = "No such cart, or it expired", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, cart_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<Cart>> {
    let now = timestamp::to_text(state.clock.now());
    let row = carts::find(&state.db, &customer.id, &cart_id, &now)
        .await?
        .ok_or_else(|| cart_not_found(&cart_id))?;
    Ok(JsonResponse(to_resource(&row)?))
}

/// `PUT /v1/customers/{customerId}/carts/{cartId}`: the whole cart, validated again.
#[utoipa::path(
    put,
    path = "/carts/{cart_id}",
    operation_id = "updateCart",
    tag = "Carts",
    summary = "Replace a cart's lines",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("cart_id" = String, Path, description = "The cart's id")),
    request_body = CartRequest,
    responses(
        (status = 200, description = "The cart, its lines checked and priced", body = Cart),
        (status = 400, description = "A line is invalid: `data` names the field of each", body = portal_domain::ApiErrorBody),
        (status = 404, description = "No such cart, or it expired", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The cart was checked out already, or is being checked out", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    headers: HeaderMap,
    Path((_, cart_id)): Path<(String, String)>,
    Json(request): Json<CartRequest>,
) -> AppResult<JsonResponse<Cart>> {
    check_line_count(&request, 0)?;
    let now = timestamp::to_text(state.clock.now());
    let row = carts::find(&state.db, &customer.id, &cart_id, &now)
        .await?
        .ok_or_else(|| cart_not_found(&cart_id))?;
    if row.status == ORDERED {
        return Err(already_submitted(&cart_id));
    }
    let has_legacy_azure = subscriptions::has_legacy_azure(&state.db, &customer.id).await?;
    let lines = validated_lines(&customer, request, &headers, has_legacy_azure)?;
    if !carts::update_lines(&state.db, &cart_id, &lines_json(&lines)?, &user.id, &now).await? {
        // Checked out, or being checked out, since we read it.
        let row = carts::find(&state.db, &customer.id, &cart_id, &now)
            .await?
            .ok_or_else(|| cart_not_found(&cart_id))?;
        return Err(if row.status == ORDERED {
            already_submitted(&cart_id)
        } else {
            being_processed(&cart_id)
        });
    }
    let row = carts::find(&state.db, &customer.id, &cart_id, &now)
        .await?
        .ok_or_else(|| cart_not_found(&cart_id))?;
    Ok(JsonResponse(to_resource(&row)?))
}

/// The answer for a cart that is already ordered: the same result for a retry of the request
/// that ordered it (same MS-RequestId), 400 800065 for anyone else.
fn settled(row: &CartRow, request_id: &str) -> AppResult<Option<CartCheckoutResult>> {
    if row.status != ORDERED {
        return Ok(None);
    }
    match (&row.checkout_request_id, &row.checkout_result) {
        (Some(id), Some(result)) if id == request_id => {
            serde_json::from_str(result).map(Some).map_err(|e| {
                AppError::Internal(anyhow::Error::new(e).context("stored checkout result"))
            })
        }
        _ => Err(already_submitted(&row.id)),
    }
}

/// `POST /v1/customers/{customerId}/carts/{cartId}/checkout` → 201 with one order per group that
/// could be ordered and an error per group that could not.
#[utoipa::path(
    post,
    path = "/carts/{cart_id}/checkout",
    operation_id = "checkoutCart",
    tag = "Carts",
    summary = "Check out a cart",
    description = "Places one order per group of lines that can be ordered together, and says why any other could not. Retried with the same `MS-RequestId`, it answers the same without ordering twice.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("cart_id" = String, Path, description = "The cart's id"), ("MS-RequestId" = Option<String>, Header, description = "The checkout's idempotency key: the same id checks out the cart once and gives the same answer again")),
    responses(
        (status = 201, description = "The orders placed, and the lines that could not be ordered with why", body = CartCheckoutResult, links(
            ("getOrder" = (operation_id = "getOrder", parameters(("customer_id" = "$request.path.customer_id"), ("order_id" = "$response.body#/orders/0/id")))),
            ("getOrderProvisioningStatus" = (operation_id = "getOrderProvisioningStatus", parameters(("customer_id" = "$request.path.customer_id"), ("order_id" = "$response.body#/orders/0/id")))),
        )),
        (status = 404, description = "No such cart, or it expired", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The cart was checked out already (by another request id), or is being checked out", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn checkout(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<Purchase>,
    Extension(ids): Extension<RequestIds>,
    Path((_, cart_id)): Path<(String, String)>,
) -> AppResult<(StatusCode, JsonResponse<CartCheckoutResult>)> {
    let now = state.clock.now();
    let now_text = timestamp::to_text(now);
    let row = carts::find(&state.db, &customer.id, &cart_id, &now_text)
        .await?
        .ok_or_else(|| cart_not_found(&cart_id))?;
    if let Some(result) = settled(&row, &ids.request_id)? {
        return Ok((StatusCode::CREATED, JsonResponse(result)));
    }
    // Orders are provisioned and billed by the customer's reseller: without one, nobody would.
    // (Partner users reach only customers they are active for; this is the customer's own admin
    // after the relationship ended.)
    if crate::store::customers::reseller_mpn_id(&state.db, &customer.id).await?.is_none() {
        return Err(AppError::new(
            ErrorCode::RelationshipConflict,
            "This customer has no active reseller, so nothing can be bought: accept a partner's relationship request first.",
        ));
    }

    let stale_before = timestamp::to_text(now - CHECKOUT_CLAIM_TIMEOUT);
    if !carts::claim_for_checkout(&state.db, &cart_id, &ids.request_id, &now_text, &stale_before)
        .await?
    {
        let row = carts::find(&state.db, &customer.id, &cart_id, &now_text)
            .await?
            .ok_or_else(|| cart_not_found(&cart_id))?;
        return match settled(&row, &ids.request_id)? {
            Some(result) => Ok((StatusCode::CREATED, JsonResponse(result))),
            None => Err(being_processed(&cart_id)),
        };
    }
    // Placed from the lines as they are now that the cart is ours: a PUT between the first read
    // and the claim changed them, and no PUT can change them from here on.
    let placed = async {
        let claimed = carts::find(&state.db, &customer.id, &cart_id, &now_text)
            .await?
            .ok_or_else(|| cart_not_found(&cart_id))?;
        let actor = Actor::user(&user, &ids.request_id);
        place(&state, &customer, &claimed, (&user, &actor), now).await
    }
    .await;
    match placed {
        Ok(result) => {
            if result.orders.is_empty() {
                // Nothing could be ordered: the cart stays open for the user to fix.
                carts::release_claim(&state.db, &cart_id, &ids.request_id).await?;
            } else {
                state.provisioning.notify_one();
            }
            Ok((StatusCode::CREATED, JsonResponse(result)))
        }
        Err(error) => {
            carts::release_claim(&state.db, &cart_id, &ids.request_id).await?;
            Err(error)
        }
    }
}

/// Writes the orders of a claimed cart and marks it ordered, in one transaction.
#[tracing::instrument(skip_all, fields(customer_id = %customer.id, cart_id = %cart.id))]
async fn place(
    state: &AppState,
    customer: &CustomerRow,
    cart: &CartRow,
    (user, actor): (&User, &Actor),
    now: DateTime<Utc>,
) -> AppResult<CartCheckoutResult> {
    let lines: Vec<CartLineItem> = serde_json::from_str(&cart.line_items)
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("stored cart lines")))?;
    let currency = currency_of(&customer.country).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!("customer {} has no catalog", customer.id))
    })?;
    let now_text = timestamp::to_text(now);

    let mut tx = begin_write(&state.db).await?;
    let context = CheckoutContext {
        country: &customer.country,
        currency,
        today: now.date_naive(),
        has_azure_plan: subscriptions::has_azure_plan(&mut tx, &customer.id).await?,
        has_legacy_azure: subscriptions::has_legacy_azure(&mut *tx, &customer.id).await?,
        company_name: &customer.company_name,
    };
    let (drafts, order_errors) = checkout::plan(&lines, &context);
    let placement = order_store::Placement {
        customer_id: &customer.id,
        cart_id: Some(&cart.id),
        created_by: &user.id,
        created_by_name: &user.display_name,
        created_at: &now_text,
        today: context.today,
        currency,
        provisioned: false,
    };
    for draft in &drafts {
        order_store::insert(&mut tx, &placement, draft)
            .await
            .map_err(|e| unique_race(e, &cart.id))?;
    }
    // The checkout answer includes prices, so the confirmation can show what was charged.
    let orders = drafts
        .iter()
        .map(|d| {
            let (order, lines) = order_store::rows_of(&placement, d);
            orders::to_resource(&order, &lines, true)
        })
        .collect();
    let result = CartCheckoutResult {
        orders,
        order_errors,
        attributes: Attributes::of("CartCheckoutResult"),
    };
    if !drafts.is_empty() {
        let stored = serde_json::to_string(&result).map_err(|e| AppError::Internal(e.into()))?;
        carts::mark_ordered(&mut tx, &cart.id, &stored, &now_text).await?;
    }
    for order in &result.orders {
        let items: Vec<String> = order
            .line_items
            .iter()
            .map(|l| format!("{} × {}", l.quantity, l.friendly_name))
            .collect();
        let entry = Entry {
            action: "order.placed",
            customer_id: Some(&customer.id),
            partner_id: None,
            target_id: &order.id,
            target_name: &order.id,
            before: None,
            after: Some(items.join("; ")),
        };
        activity::record(&mut tx, actor, entry, now).await?;
    }
    tx.commit().await.map_err(|e| unique_race(e, &cart.id))?;
    Ok(result)
}

/// Two checkouts for one customer racing to create its only Azure plan: the loser is told to
/// try again, and will then see the plan exists.
fn unique_race(error: sqlx::Error, cart_id: &str) -> AppError {
    if crate::store::is_duplicate(&error) { being_processed(cart_id) } else { error.into() }
}
