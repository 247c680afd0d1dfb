//! Defender for IoT plans (our extension, Partner Center conventions):
//! `/v1/customers/{customerId}/defenderplans…`: onboarding an Azure subscription with committed
//! devices, changing them, offboarding, the sensors, and the estimate the Pricing page shows.

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use portal_domain::defender::{
    self, Charge, DefenderEstimate, DefenderPlan, DefenderPlanLinks, DefenderPlanPatch,
    DefenderPlanStatus, NewDefenderPlan, NewSensor, PlanFacts, PlanPrice, Sensor,
};
use portal_domain::{
    Attributes, BillingCycle, BillingPeriod, Collection, ErrorCode, FieldError, Link,
};
use serde::Deserialize;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::access::{AdministerCustomer, Allowed, VisibleCustomer};
use crate::catalog::{self, Language};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use crate::store::OnDuplicate;
use crate::store::activity::{self, Actor, Entry};
use crate::store::customers::CustomerRow;
use crate::store::defender::{self as store, NewEvent, NewPlan, PlanRow, SensorRow};
use crate::store::subscriptions;
use crate::timestamp;

/// Defender for IoT plans (our extension), mounted under `/v1/customers/{customer_id}`, behind
/// its visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, onboard))
        .routes(routes!(estimate))
        .routes(routes!(get, change, offboard))
        .routes(routes!(sensors, add_sensor))
        .routes(routes!(delete_sensor))
}

fn plan_not_found(subscription_id: &str) -> AppError {
    AppError::new(
        ErrorCode::DefenderPlanNotFound,
        format!(
            "The Azure subscription '{subscription_id}' is not onboarded to Defender for IoT for this customer."
        ),
    )
}

/// The price of a plan for the customer's country, and the most devices it may commit.
fn offer(customer: &CustomerRow, cycle: BillingCycle) -> AppResult<(PlanPrice, i64)> {
    let availability = catalog::availabilities(
        &customer.country,
        defender::PRODUCT_ID,
        defender::SKU_ID,
        Language::En,
    )
    .ok()
    .and_then(|list| list.into_iter().next());
    let (_, max_blocks) = catalog::sku_bounds(defender::PRODUCT_ID, defender::SKU_ID)
        .ok_or_else(|| anyhow::anyhow!("the catalog has no Defender for IoT SKU"))?;
    let price = availability.as_ref().and_then(|a| defender::plan_price(a, cycle));
    match price {
        Some(price) => Ok((price, max_blocks * defender::DEVICES_PER_BLOCK)),
        None => Err(AppError::invalid_field(
            "billingCycle",
            format!(
                "must be monthly or annual: Defender for IoT is not sold with '{cycle}' in this country"
            ),
        )),
    }
}

/// `deviceQuota` if it is a number of devices a plan may commit, or a 400 naming it.
fn check_quota(devices: i64, maximum: i64, is_trial: bool) -> AppResult<i64> {
    if is_trial && devices != defender::TRIAL_DEVICES {
        let problem = defender::QuotaProblem::TrialIsFixed { devices: defender::TRIAL_DEVICES };
        return Err(AppError::invalid_field("deviceQuota", problem.describe()));
    }
    defender::check_device_quota(devices, maximum)
        .map(|_blocks| devices)
        .map_err(|problem| AppError::invalid_field("deviceQuota", problem.describe()))
}

fn today(state: &AppState) -> (DateTime<Utc>, NaiveDate) {
    let now = state.clock.now();
    (now, now.date_naive())
}

async fn facts(state: &AppState, row: &PlanRow) -> AppResult<PlanFacts> {
    Ok(store::facts(&state.db, row).await?)
}

async fn resource(state: &AppState, row: &PlanRow) -> AppResult<DefenderPlan> {
    let (_, today) = today(state);
    let facts = facts(state, row).await?;
    let billed_now = facts.devices_on(today);
    let trial_end = facts.is_trial.then(|| defender::trial_end(facts.onboarded_on)).flatten();
    let status = if row.offboarded_at.is_some() {
        DefenderPlanStatus::Offboarded
    } else if trial_end.is_some_and(|end| today > end) {
        DefenderPlanStatus::Expired
    } else {
        DefenderPlanStatus::Active
    };
    let pending =
        (row.offboarded_at.is_none() && row.device_quota != billed_now).then_some(row.device_quota);
    let charge = facts
        .charge_for(BillingPeriod::containing(today))
        .ok_or_else(|| anyhow::anyhow!("plan {} charge overflows", row.id))?;
    let base =
        format!("/customers/{}/defenderplans/{}", row.customer_id, row.azure_subscription_id);
    Ok(DefenderPlan {
        subscription_id: row.azure_subscription_id.clone(),
        subscription_name: row.subscription_name.clone(),
        device_quota: billed_now,
        pending_device_quota: pending,
        pending_device_quota_date: pending
            .map(|_| defender::decrease_takes_effect(today).to_string()),
        billing_cycle: facts.price.cycle,
        is_trial: facts.is_trial,
        trial_end_date: trial_end.map(|d| d.to_string()),
        status,
        onboarded_at: row.onboarded_at.clone(),
        offboarded_at: row.offboarded_at.clone(),
        sensor_count: row.sensor_count,
        current_period_charge: Charge::new(charge, facts.price.currency),
        links: DefenderPlanLinks {
            sensors: Link::get(format!("{base}/sensors")),
            self_link: Link::get(base),
        },
        attributes: Attributes::of("DefenderPlan"),
    })
}

/// `GET …/defenderplans`: the plans onboarded now and those offboarded this month, which are
/// still billed for it.
#[utoipa::path(
    get,
    path = "/defenderplans",
    operation_id = "listDefenderPlans",
    tag = "Defender for IoT",
    summary = "List the customer's Defender for IoT plans",
    description = "The plans onboarded now, and those offboarded this month (still billed for it).",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    responses(
        (status = 200, description = "The plans", body = Collection<DefenderPlan>),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
) -> AppResult<JsonResponse<Collection<DefenderPlan>>> {
    let (_, today) = today(&state);
    let month_start = timestamp::to_text(
        BillingPeriod::containing(today).start.and_time(NaiveTime::MIN).and_utc(),
    );
    let rows = store::list(&state.db, &customer.id, &month_start).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in &rows {
        items.push(resource(&state, row).await?);
    }
    Ok(JsonResponse(Collection::page(
        items,
        format!("/customers/{customer_id}/defenderplans", customer_id = customer.id),
    )))
}

async fn onboarded(
    state: &AppState,
    customer: &CustomerRow,
    subscription_id: &str,
) -> AppResult<PlanRow> {
    let mut conn = state.db.acquire().await?;
    store::onboarded(&mut conn, &customer.id, subscription_id)
        .await?
        .ok_or_else(|| plan_not_found(subscription_id))
}

/// `GET …/defenderplans/{subscriptionId}`.
#[utoipa::path(
    get,
    path = "/defenderplans/{subscription_id}",
    operation_id = "getDefenderPlan",
    tag = "Defender for IoT",
    summary = "Get a Defender for IoT plan",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the plan covers", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001")),
    responses(
        (status = 200, description = "The plan", body = DefenderPlan),
        (status = 404, description = "No plan on this subscription", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<DefenderPlan>> {
    let row = onboarded(&state, &customer, &subscription_id).await?;
    Ok(JsonResponse(resource(&state, &row).await?))
}

/// `POST …/defenderplans` `{subscriptionId, deviceQuota, billingCycle, isTrial}` → 201.
/// The plan's change in the activity log, in the change's transaction: on which Azure
/// subscription, the committed devices before and after.
async fn log_plan_event(
    tx: &mut sqlx::AnyConnection,
    actor: &Actor,
    customer_id: &str,
    (azure_id, azure_name): (&str, &str),
    event: &NewEvent<'_>,
    now: chrono::DateTime<chrono::Utc>,
) -> sqlx::Result<()> {
    let action = match event.kind {
        "onboarded" => "defender.onboarded",
        "offboarded" => "defender.offboarded",
        _ => "defender.devices_changed",
    };
    let devices = |n: Option<i64>| n.map(|n| format!("{n} devices"));
    let entry = Entry {
        action,
        customer_id: Some(customer_id),
        partner_id: None,
        target_id: azure_id,
        target_name: azure_name,
        before: devices(event.old_devices),
        after: devices(event.new_devices),
    };
    activity::record(tx, actor, entry, now).await
}

#[utoipa::path(
    post,
    path = "/defenderplans",
    operation_id = "onboardDefenderPlan",
    tag = "Defender for IoT",
    summary = "Onboard an Azure subscription to Defender for IoT",
    description = "Commits a number of devices, billed monthly from today to the end of the month (or a 30-day trial). Customer admins and partner admin agents.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    request_body = NewDefenderPlan,
    responses(
        (status = 201, description = "The plan; `Location` names it", body = DefenderPlan),
        (status = 409, description = "The subscription has a plan already, or is not an active Azure subscription", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn onboard(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<AdministerCustomer>,
    actor: Actor,
    Json(body): Json<NewDefenderPlan>,
) -> AppResult<(StatusCode, HeaderMap, JsonResponse<DefenderPlan>)> {
    let (price, maximum) = offer(&customer, body.billing_cycle)?;
    let devices = check_quota(body.device_quota, maximum, body.is_trial)?;
    let (now, today) = today(&state);
    let now_text = timestamp::to_text(now);
    let cost = defender::onboarding_cost(price, devices, body.is_trial, today)
        .ok_or_else(|| anyhow::anyhow!("onboarding charge overflows"))?;

    let mut tx = begin_write(&state.db).await?;
    let Some(azure) =
        subscriptions::azure_subscription(&mut *tx, &customer.id, &body.subscription_id).await?
    else {
        return Err(AppError::new(
            ErrorCode::EntitlementNotFound,
            format!(
                "The customer has no Azure subscription '{}'. Pick one of its Azure subscriptions, or buy an Azure plan first.",
                body.subscription_id
            ),
        ));
    };
    if azure.status != "active"
        || azure.plan_status != portal_domain::subscription::SubscriptionStatus::Active
    {
        return Err(AppError::new(
            ErrorCode::AzureSubscriptionNotActive,
            format!(
                "The Azure subscription '{}' is not active, so it cannot be onboarded. Reactivate its Azure plan, or pick an active Azure subscription.",
                azure.friendly_name
            ),
        ));
    }
    if store::onboarded(&mut tx, &customer.id, &azure.id).await?.is_some() {
        return Err(already_onboarded(&azure.friendly_name));
    }
    if body.is_trial && store::had_trial(&mut tx, &azure.id).await? {
        return Err(AppError::new(
            ErrorCode::TrialAlreadyUsed,
            format!(
                "The Azure subscription '{}' has had its 30-day trial already. Onboard it with a monthly or annual plan.",
                azure.friendly_name
            ),
        ));
    }
    let plan_id = uuid::Uuid::new_v4().to_string();
    let new = NewPlan {
        id: &plan_id,
        customer_id: &customer.id,
        azure_subscription_id: &azure.id,
        devices,
        billing_cycle: price.cycle.as_str(),
        is_trial: body.is_trial,
        block_price: price.block_price.ten_thousandths(),
        currency_code: price.currency.code,
        now: &now_text,
    };
    if store::insert(&mut tx, &new).await.unless_duplicate()?.is_none() {
        // Another request onboarded it between our check and our insert.
        return Err(already_onboarded(&azure.friendly_name));
    }
    let event = NewEvent {
        plan_id: &plan_id,
        occurred_at: &now_text,
        actor_id: Some(&user.id),
        actor_name: &user.display_name,
        kind: "onboarded",
        old_devices: None,
        new_devices: Some(devices),
        amount: cost.first_charge.ten_thousandths(),
    };
    store::insert_event(&mut tx, &event).await?;
    let azure_ref = (azure.id.as_str(), azure.friendly_name.as_str());
    log_plan_event(&mut tx, &actor, &customer.id, azure_ref, &event, now).await?;
    tx.commit().await?;

    let row = onboarded(&state, &customer, &azure.id).await?;
    let plan = resource(&state, &row).await?;
    let mut headers = HeaderMap::new();
    if let Ok(location) = format!("/v1{}", plan.links.self_link.uri).parse() {
        headers.insert(axum::http::header::LOCATION, location);
    }
    Ok((StatusCode::CREATED, headers, JsonResponse(plan)))
}

fn already_onboarded(name: &str) -> AppError {
    AppError::new(
        ErrorCode::DefenderPlanExists,
        format!(
            "The Azure subscription '{name}' is onboarded to Defender for IoT already. Change its committed devices instead."
        ),
    )
}

/// `PATCH …/defenderplans/{subscriptionId}` `{deviceQuota}`: more devices are charged now,
/// prorated; fewer apply from the next month. The same request sent twice changes nothing more.
#[utoipa::path(
    patch,
    path = "/defenderplans/{subscription_id}",
    operation_id = "changeDefenderPlan",
    tag = "Defender for IoT",
    summary = "Change the committed devices",
    description = "More devices are charged now, prorated to the end of the month; fewer apply from the next month. Sent twice, it changes nothing more.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the plan covers", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001")),
    request_body = DefenderPlanPatch,
    responses(
        (status = 200, description = "The plan", body = DefenderPlan),
        (status = 404, description = "No plan on this subscription", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The plan is offboarded", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn change(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<AdministerCustomer>,
    actor: Actor,
    Path((_, subscription_id)): Path<(String, String)>,
    Json(body): Json<DefenderPlanPatch>,
) -> AppResult<JsonResponse<DefenderPlan>> {
    let row = onboarded(&state, &customer, &subscription_id).await?;
    if row.is_trial != 0 {
        return Err(AppError::invalid_field(
            "deviceQuota",
            "cannot change during a trial: offboard the trial, then onboard a monthly or annual plan",
        ));
    }
    let cycle = row.billing_cycle;
    let (_, maximum) = offer(&customer, cycle)?;
    let devices = check_quota(body.device_quota, maximum, false)?;
    if devices == row.device_quota {
        return Ok(JsonResponse(resource(&state, &row).await?));
    }
    let (now, today) = today(&state);
    let now_text = timestamp::to_text(now);
    let facts = facts(&state, &row).await?;
    // An increase is charged from what is billed today: a decrease waiting for next month
    // followed by an increase back charges only what goes beyond today's devices.
    let billed_now = facts.devices_on(today);
    let charge =
        defender::change_charge(facts.price, facts.onboarded_on, billed_now, devices, today)
            .ok_or_else(|| anyhow::anyhow!("change charge overflows"))?;

    let mut tx = begin_write(&state.db).await?;
    if !store::set_device_quota(&mut tx, &row.id, row.device_quota, devices).await? {
        return Err(AppError::new(
            ErrorCode::ChangeRefused,
            "The plan changed while this request was made. Reload it and try again.",
        ));
    }
    let event = NewEvent {
        plan_id: &row.id,
        occurred_at: &now_text,
        actor_id: Some(&user.id),
        actor_name: &user.display_name,
        kind: "devices_changed",
        old_devices: Some(billed_now),
        new_devices: Some(devices),
        amount: charge.ten_thousandths(),
    };
    store::insert_event(&mut tx, &event).await?;
    let azure_ref = (row.azure_subscription_id.as_str(), row.subscription_name.as_str());
    log_plan_event(&mut tx, &actor, &customer.id, azure_ref, &event, state.clock.now()).await?;
    tx.commit().await?;
    let row = onboarded(&state, &customer, &subscription_id).await?;
    Ok(JsonResponse(resource(&state, &row).await?))
}

/// `DELETE …/defenderplans/{subscriptionId}` → 204: offboards. The rest of the month stays
/// billed. Refused with 409 while sensors are attached; `data` names them.
#[utoipa::path(
    delete,
    path = "/defenderplans/{subscription_id}",
    operation_id = "offboardDefenderPlan",
    tag = "Defender for IoT",
    summary = "Offboard",
    description = "The rest of the month stays billed. Refused while sensors are attached: `data` names them.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the plan covers", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001")),
    responses(
        (status = 204, description = "Offboarded"),
        (status = 404, description = "No plan on this subscription", body = portal_domain::ApiErrorBody),
        (status = 409, description = "Sensors are attached: remove them first", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn offboard(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
    _: Allowed<AdministerCustomer>,
    actor: Actor,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    let (now, _) = today(&state);
    let now_text = timestamp::to_text(now);
    let mut tx = begin_write(&state.db).await?;
    let row = store::onboarded(&mut tx, &customer.id, &subscription_id)
        .await?
        .ok_or_else(|| plan_not_found(&subscription_id))?;
    let sensors = store::sensors(&mut tx, &row.azure_subscription_id).await?;
    if !sensors.is_empty() {
        let names: Vec<&str> = sensors.iter().map(|s| s.name.as_str()).collect();
        return Err(AppError::Api {
            code: ErrorCode::SensorsAttached,
            description: format!(
                "Delete the sensors of '{}' before offboarding it: {}.",
                row.subscription_name,
                names.join(", ")
            ),
            data: sensors.iter().map(|s| FieldError::new("sensors", s.name.clone())).collect(),
            retry_after: None,
        });
    }
    if store::offboard(&mut tx, &row.id, &now_text).await? {
        let event = NewEvent {
            plan_id: &row.id,
            occurred_at: &now_text,
            actor_id: Some(&user.id),
            actor_name: &user.display_name,
            kind: "offboarded",
            old_devices: Some(row.device_quota),
            new_devices: None,
            amount: 0,
        };
        store::insert_event(&mut tx, &event).await?;
        let azure_ref = (row.azure_subscription_id.as_str(), row.subscription_name.as_str());
        log_plan_event(&mut tx, &actor, &customer.id, azure_ref, &event, now).await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct EstimateQuery {
    /// Required: the devices to commit, a whole number within the plan's limits.
    device_quota: Option<String>,
    /// Required: `monthly` or `annual`.
    billing_cycle: Option<String>,
    /// `true` for the 30-day trial, `false` (the default) otherwise.
    is_trial: Option<String>,
}

/// `GET …/defenderplans/estimate?deviceQuota=&billingCycle=&isTrial=`: what onboarding today
/// costs, by the same rule the charge is recorded with.
#[utoipa::path(
    get,
    path = "/defenderplans/estimate",
    operation_id = "estimateDefenderPlan",
    tag = "Defender for IoT",
    summary = "What onboarding today would cost",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, EstimateQuery),
    responses(
        (status = 200, description = "The charge, by the rule onboarding records it with", body = DefenderEstimate),
    )
)]
pub async fn estimate(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Query(q): Query<EstimateQuery>,
) -> AppResult<JsonResponse<DefenderEstimate>> {
    let mut problems = Vec::new();
    let devices = q.device_quota.as_deref().map(str::trim).and_then(|d| d.parse::<i64>().ok());
    if devices.is_none() {
        problems.push(FieldError::new("deviceQuota", "is required: a whole number of devices"));
    }
    let cycle = q.billing_cycle.as_deref().unwrap_or("").parse::<BillingCycle>().ok();
    if !matches!(cycle, Some(BillingCycle::Monthly | BillingCycle::Annual)) {
        problems.push(FieldError::new("billingCycle", "must be monthly or annual"));
    }
    let is_trial = match q.is_trial.as_deref() {
        None => Some(false),
        Some(text) => text.parse::<bool>().ok(),
    };
    if is_trial.is_none() {
        problems.push(FieldError::new("isTrial", "must be true or false"));
    }
    let (Some(devices), Some(cycle), Some(is_trial)) = (devices, cycle, is_trial) else {
        return Err(AppError::invalid_fields(problems));
    };
    let (price, maximum) = offer(&customer, cycle)?;
    let devices = check_quota(devices, maximum, is_trial)?;
    let (_, today) = today(&state);
    let cost = defender::onboarding_cost(price, devices, is_trial, today)
        .ok_or_else(|| anyhow::anyhow!("estimate overflows"))?;
    Ok(JsonResponse(DefenderEstimate {
        device_quota: devices,
        billing_cycle: cycle,
        is_trial,
        first_charge: Charge::new(cost.first_charge, price.currency),
        first_period_start: cost.first_from.to_string(),
        first_period_end: cost.first_to.to_string(),
        recurring_charge: Charge::new(cost.recurring, price.currency),
        attributes: Attributes::of("DefenderEstimate"),
    }))
}

fn sensor_resource(row: &SensorRow) -> Sensor {
    Sensor {
        name: row.name.clone(),
        subscription_id: row.azure_subscription_id.clone(),
        created_at: row.created_at.clone(),
        attributes: Attributes::of("Sensor"),
    }
}

/// `GET …/defenderplans/{subscriptionId}/sensors`.
#[utoipa::path(
    get,
    path = "/defenderplans/{subscription_id}/sensors",
    operation_id = "listSensors",
    tag = "Defender for IoT",
    summary = "List a plan's sensors",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the plan covers", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001")),
    responses(
        (status = 200, description = "The sensors", body = Collection<Sensor>),
        (status = 404, description = "No plan on this subscription", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn sensors(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<Collection<Sensor>>> {
    let row = onboarded(&state, &customer, &subscription_id).await?;
    let mut conn = state.db.acquire().await?;
    let rows = store::sensors(&mut conn, &row.azure_subscription_id).await?;
    Ok(JsonResponse(Collection::page(
        rows.iter().map(sensor_resource).collect(),
        format!(
            "/customers/{customer_id}/defenderplans/{subscription_id}/sensors",
            customer_id = customer.id
        ),
    )))
}

/// `POST …/defenderplans/{subscriptionId}/sensors` `{name}` → 201.
/// A sensor added or deleted, in the activity log, in the change's transaction.
async fn log_sensor(
    tx: &mut sqlx::AnyConnection,
    actor: &Actor,
    plan: &store::PlanRow,
    (action, name): (&'static str, &str),
    now: chrono::DateTime<chrono::Utc>,
) -> sqlx::Result<()> {
    let (before, after) = match action {
        "defender.sensor_added" => (None, Some(name.to_owned())),
        _ => (Some(name.to_owned()), None),
    };
    let entry = Entry {
        action,
        customer_id: Some(&plan.customer_id),
        partner_id: None,
        target_id: &plan.azure_subscription_id,
        target_name: &plan.subscription_name,
        before,
        after,
    };
    activity::record(tx, actor, entry, now).await
}

#[utoipa::path(
    post,
    path = "/defenderplans/{subscription_id}/sensors",
    operation_id = "addSensor",
    tag = "Defender for IoT",
    summary = "Attach a sensor",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the plan covers", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001")),
    request_body = NewSensor,
    responses(
        (status = 201, description = "The sensor", body = Sensor),
        (status = 404, description = "No plan on this subscription", body = portal_domain::ApiErrorBody),
        (status = 409, description = "A sensor has this name already, or the plan is offboarded", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn add_sensor(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<AdministerCustomer>,
    actor: Actor,
    Path((_, subscription_id)): Path<(String, String)>,
    Json(body): Json<NewSensor>,
) -> AppResult<(StatusCode, JsonResponse<Sensor>)> {
    let name = defender::check_sensor_name(&body.name)
        .map_err(|problem| AppError::invalid_field("name", problem.describe()))?;
    let row = onboarded(&state, &customer, &subscription_id).await?;
    let now = timestamp::to_text(state.clock.now());
    let mut tx = begin_write(&state.db).await?;
    let inserted =
        store::insert_sensor(&mut tx, &customer.id, &row.azure_subscription_id, name, &now).await;
    if inserted.unless_duplicate()?.is_none() {
        return Err(AppError::new(
            ErrorCode::SensorExists,
            format!(
                "A sensor named '{name}' is attached to '{}' already. Pick another name.",
                row.subscription_name
            ),
        ));
    }
    log_sensor(&mut tx, &actor, &row, ("defender.sensor_added", name), state.clock.now()).await?;
    tx.commit().await?;
    let created = SensorRow {
        azure_subscription_id: row.azure_subscription_id,
        name: name.to_owned(),
        created_at: now,
    };
    Ok((StatusCode::CREATED, JsonResponse(sensor_resource(&created))))
}

/// `DELETE …/defenderplans/{subscriptionId}/sensors/{sensorName}` → 204.
#[utoipa::path(
    delete,
    path = "/defenderplans/{subscription_id}/sensors/{sensor_name}",
    operation_id = "deleteSensor",
    tag = "Defender for IoT",
    summary = "Remove a sensor",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the plan covers", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001"), ("sensor_name" = String, Path, description = "The sensor's name")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such plan or sensor", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn delete_sensor(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<AdministerCustomer>,
    actor: Actor,
    Path((_, subscription_id, sensor_name)): Path<(String, String, String)>,
) -> AppResult<StatusCode> {
    let row = onboarded(&state, &customer, &subscription_id).await?;
    let mut tx = begin_write(&state.db).await?;
    if store::delete_sensor(&mut tx, &row.azure_subscription_id, &sensor_name).await? {
        let change = ("defender.sensor_deleted", sensor_name.as_str());
        log_sensor(&mut tx, &actor, &row, change, state.clock.now()).await?;
        tx.commit().await?;
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::new(
            ErrorCode::SensorNotFound,
            format!("No sensor named '{sensor_name}' is attached to '{}'.", row.subscription_name),
        ))
    }
}
