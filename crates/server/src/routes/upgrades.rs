//! Product upgrades (Partner Center): `POST /v1/productUpgrades/eligibility`,
//! `POST /v1/productupgrades` (202 with `Location`), `POST /v1/productUpgrades/{id}/status`.
//! Partner staff who may buy move a customer from a legacy Microsoft Azure (MS-AZR-0145P)
//! subscription to an Azure plan; the background worker carries the upgrade out.

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing;
use portal_domain::upgrade::{
    AZURE, NotEligible, ProductUpgradeRequest, ProductUpgradesEligibility, ProductUpgradesStatus,
    UpgradeErrorDetails, UpgradeProduct, UpgradesLineItem,
};
use portal_domain::{Attributes, ErrorCode};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::access::{Allowed, UpgradeProducts, VisibleCustomer};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::identity::User;
use crate::state::AppState;
use crate::store::activity::{self, Actor};
use crate::store::customers::CustomerRow;
use crate::store::subscriptions;
use crate::store::upgrades::{self, UpgradeRow};
use crate::timestamp;

/// What a legacy subscription becomes, as the activity log says it.
const AZURE_PLAN_NAME: &str = "Azure plan";

/// Product upgrades: `/v1/productUpgrades…`; Partner Center spells the path both ways.
pub fn router() -> OpenApiRouter<AppState> {
    // Partner Center's paths are case-insensitive here: the lower-case spelling is an alias, not
    // described apart.
    let alias = "/productupgrades";
    OpenApiRouter::new()
        .routes(routes!(check_eligibility))
        .routes(routes!(create))
        .routes(routes!(status))
        .route(&format!("{alias}/eligibility"), routing::post(check_eligibility))
        .route(alias, routing::post(create))
        .route(&format!("{alias}/{{upgrade_id}}/status"), routing::post(status))
}

/// The customer (visible to the caller) and the product family, checked.
async fn request_target(
    state: &AppState,
    user: User,
    request: &ProductUpgradeRequest,
) -> AppResult<CustomerRow> {
    if !request.product_family.eq_ignore_ascii_case(AZURE) {
        return Err(AppError::invalid_field(
            "productFamily",
            "must be Azure, the only family that can be upgraded",
        ));
    }
    Ok(VisibleCustomer::resolve(state, user, request.customer_id.trim()).await?.customer)
}

/// Whether the customer can be upgraded now, and if not, why.
async fn eligibility(
    state: &AppState,
    customer: &CustomerRow,
) -> AppResult<ProductUpgradesEligibility> {
    let mut answer = ProductUpgradesEligibility {
        customer_id: customer.id.clone(),
        product_family: AZURE.to_owned(),
        is_eligible: false,
        upgrade_id: None,
        reason: None,
        reason_code: None,
        attributes: Attributes::of("ProductUpgradesEligibility"),
    };
    let refusal = if let Some(upgrade) = upgrades::in_progress_for(&state.db, &customer.id).await? {
        answer.upgrade_id = Some(upgrade.id);
        Some(NotEligible::UpgradeInProgress)
    } else if upgrades::legacy_subscription(&state.db, &customer.id).await?.is_none() {
        Some(NotEligible::NoLegacySubscription)
    } else if subscriptions::has_azure_plan(&mut *state.db.acquire().await?, &customer.id).await? {
        Some(NotEligible::HasAzurePlan)
    } else {
        None
    };
    answer.is_eligible = refusal.is_none();
    answer.reason = refusal.map(|r| r.english().to_owned());
    answer.reason_code = refusal;
    Ok(answer)
}

#[utoipa::path(
    post,
    path = "/productUpgrades/eligibility",
    operation_id = "checkProductUpgradeEligibility",
    tag = "Subscriptions",
    summary = "Whether a customer can upgrade to an Azure plan",
    security(("session" = [])),
    request_body = ProductUpgradeRequest,
    responses(
        (status = 200, description = "Eligible or not, and why", body = ProductUpgradesEligibility),
        (status = 404, description = "No such customer the caller may see", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn check_eligibility(
    State(state): State<AppState>,
    Allowed { user, .. }: Allowed<UpgradeProducts>,
    Json(request): Json<ProductUpgradeRequest>,
) -> AppResult<JsonResponse<ProductUpgradesEligibility>> {
    let customer = request_target(&state, user.clone(), &request).await?;
    Ok(JsonResponse(eligibility(&state, &customer).await?))
}

/// Starts the upgrade: 202 with `Location: productUpgrades/{id}` and (ours) its status in the
/// body, so that a client without access to the headers can follow it.
#[utoipa::path(
    post,
    path = "/productUpgrades",
    operation_id = "createProductUpgrade",
    tag = "Subscriptions",
    summary = "Upgrade a customer from a legacy Microsoft Azure offer to an Azure plan",
    description = "Starts the upgrade: 202 with `Location: productUpgrades/{id}`, and (our extension) its status in the body.",
    security(("session" = [])),
    request_body = ProductUpgradeRequest,
    responses(
        (status = 202, description = "Started; `Location` names it", body = ProductUpgradesStatus),
        (status = 404, description = "No such customer the caller may see", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The customer is not eligible, or has an upgrade in progress", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Allowed { user, .. }: Allowed<UpgradeProducts>,
    actor: Actor,
    Json(request): Json<ProductUpgradeRequest>,
) -> AppResult<Response> {
    let customer = request_target(&state, user.clone(), &request).await?;
    let answer = eligibility(&state, &customer).await?;
    if answer.upgrade_id.is_some() {
        return Err(upgrade_in_progress());
    }
    if !answer.is_eligible {
        let reason = answer.reason.unwrap_or_default();
        return Err(AppError::new(
            ErrorCode::ChangeRefused,
            format!("The customer cannot be upgraded: {reason}"),
        ));
    }
    let Some((legacy_id, legacy_name)) =
        upgrades::legacy_subscription(&state.db, &customer.id).await?
    else {
        return Err(AppError::new(
            ErrorCode::ChangeRefused,
            "The customer has no legacy Azure subscription.",
        ));
    };
    let row = UpgradeRow {
        id: uuid::Uuid::new_v4().to_string(),
        customer_id: customer.id,
        product_family: AZURE.to_owned(),
        status: upgrades::IN_PROGRESS.to_owned(),
        source_subscription_id: legacy_id,
        target_subscription_id: None,
        requested_by: user.id.clone(),
        completed_at: None,
        attempts: 0,
        failure_reason: None,
    };
    // Requests that raced past the eligibility check: one holding the legacy subscription at a
    // time, an upgrade finished meanwhile is seen, and one in progress meets the unique index.
    let mut tx = begin_write(&state.db).await?;
    if !upgrades::hold_live_legacy(&mut tx, &row.source_subscription_id).await? {
        return Err(AppError::new(
            ErrorCode::ChangeRefused,
            "The customer cannot be upgraded: it has no Microsoft Azure (MS-AZR-0145P) subscription any more.",
        ));
    }
    let now = state.clock.now();
    if !upgrades::insert(&mut tx, &row, &timestamp::to_text(now)).await? {
        return Err(upgrade_in_progress());
    }
    let entry = activity::Entry {
        action: "subscription.upgrade_requested",
        customer_id: Some(&row.customer_id),
        partner_id: None,
        target_id: &row.source_subscription_id,
        target_name: &legacy_name,
        before: Some(format!("Microsoft Azure ({})", portal_domain::upgrade::LEGACY_AZURE_OFFER)),
        after: Some(AZURE_PLAN_NAME.to_owned()),
    };
    activity::record(&mut tx, &actor, entry, now).await?;
    tx.commit().await?;
    state.provisioning.notify_one();
    let location = HeaderValue::from_str(&format!("productUpgrades/{}", row.id));
    let mut response = (StatusCode::ACCEPTED, JsonResponse(status_of(row))).into_response();
    if let Ok(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

fn upgrade_in_progress() -> AppError {
    AppError::new(
        ErrorCode::UpgradeInProgress,
        "An upgrade to an Azure plan is already in progress for this customer: follow it with its status.",
    )
}

/// `POST /v1/productUpgrades/{id}/status` with the customer and family: `inProgress`, then
/// `succeeded`.
#[utoipa::path(
    post,
    path = "/productUpgrades/{upgrade_id}/status",
    operation_id = "getProductUpgradeStatus",
    tag = "Subscriptions",
    summary = "An upgrade's status",
    security(("session" = [])),
    params(("upgrade_id" = String, Path, description = "The upgrade's id")),
    request_body = ProductUpgradeRequest,
    responses(
        (status = 200, description = "`inProgress`, then `succeeded` (or `failed`)", body = ProductUpgradesStatus),
        (status = 404, description = "No such upgrade for the customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn status(
    State(state): State<AppState>,
    Allowed { user, .. }: Allowed<UpgradeProducts>,
    Path(upgrade_id): Path<String>,
    Json(request): Json<ProductUpgradeRequest>,
) -> AppResult<JsonResponse<ProductUpgradesStatus>> {
    let customer = request_target(&state, user.clone(), &request).await?;
    let upgrade = upgrades::find(&state.db, &customer.id, &upgrade_id).await?.ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            format!("No product upgrade '{upgrade_id}' for this customer."),
        )
    })?;
    Ok(JsonResponse(status_of(upgrade)))
}

/// The upgrade as Partner Center's `ProductUpgradesStatus`.
fn status_of(upgrade: UpgradeRow) -> ProductUpgradesStatus {
    let done = upgrade.status == upgrades::SUCCEEDED;
    ProductUpgradesStatus {
        id: upgrade.id,
        product_family: upgrade.product_family,
        status: upgrade.status.clone(),
        line_items: vec![UpgradesLineItem {
            source_product: UpgradeProduct {
                id: upgrade.source_subscription_id,
                name: "Microsoft Azure (MS-AZR-0145P)".into(),
            },
            target_product: upgrade
                .target_subscription_id
                .map(|id| UpgradeProduct { id, name: "Azure plan".into() }),
            upgraded_date: upgrade.completed_at.filter(|_| done),
            status: upgrade.status.clone(),
        }],
        error_details: (upgrade.status == upgrades::FAILED).then(|| UpgradeErrorDetails {
            code: "upgradeFailed".to_owned(),
            description: upgrade
                .failure_reason
                .unwrap_or_else(|| "The upgrade could not be carried out.".to_owned()),
        }),
        attributes: Attributes::of("ProductUpgradesStatus"),
    }
}
