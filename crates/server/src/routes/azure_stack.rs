//! Azure Stack Hub registrations (seed 001), with Azure's `Microsoft.AzureStack/registrations`
//! paths under a customer: `…/subscriptions/{azureSubscriptionId}/resourceGroups/{rg}/providers/
//! Microsoft.AzureStack/registrations/{name}` (`PUT` registers or changes, `GET`, `DELETE`
//! removes, `POST …/getactivationkey`), and ours: `GET /v1/customers/{customerId}/azurestack/
//! registrations` (every registration of the customer) and `POST …/azurestack/unregister` (with
//! the registration token). The deployment's side takes a partner API key:
//! `POST /v1/azurestack/registrationtokens` (a disconnected deployment's token),
//! `…/activations` (it presents its activation key) and `…/checkins` (it reports its state).

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use portal_domain::azure_stack::{
    self as rules, BillingModel, Connection, NewRegistration, Registering, Registration,
    RegistrationEvent, RegistrationProperties, RegistrationStatus,
};
use portal_domain::subscription::SubscriptionStatus;
use portal_domain::{Attributes, Collection, ErrorCode, FieldError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::access::{Allowed, RegisterDeployments, VisibleCustomer};
use crate::auth::{ApiKeyCaller, session};
use crate::azure_stack_token::{self as token, TokenClaims};
use crate::db::begin_write;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query};
use crate::state::AppState;
use crate::store::activity::{self, Actor};
use crate::store::azure_stack::{self as store, RegistrationRow};
use crate::store::customers::CustomerRow;
use crate::store::subscriptions::{self, AzureSubscriptionRow};
use crate::timestamp;

/// The key registration tokens are signed with.
const TOKEN_KEY: &str = "azure_stack_registration_token";

/// The deployment's side: `POST /v1/azurestack/registrationtokens`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(make_token))
        .routes(routes!(activate))
        .routes(routes!(check_in))
}

/// Mounted under `/v1/customers/{customer_id}`, behind its visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(list_in_scope))
        .routes(routes!(list_in_resource_group))
        .routes(routes!(remove_with_token))
        .routes(routes!(get, register, change, remove))
        .routes(routes!(activation_key))
        .routes(routes!(history))
}

#[derive(Debug, Deserialize)]
pub struct RegistrationPath {
    subscription_id: String,
    resource_group: String,
    name: String,
}

fn azure_id(row: &RegistrationRow) -> String {
    format!(
        "/subscriptions/{}/resourceGroups/{}/providers/{}/{}",
        row.azure_subscription_id,
        row.resource_group,
        rules::RESOURCE_TYPE,
        row.name
    )
}

fn etag(row: &RegistrationRow) -> String {
    format!("\"{}\"", row.version)
}

fn to_resource(row: RegistrationRow) -> Registration {
    Registration {
        id: azure_id(&row),
        etag: etag(&row),
        name: row.name,
        resource_type: rules::RESOURCE_TYPE.to_owned(),
        location: "global".to_owned(),
        properties: RegistrationProperties {
            cloud_id: row.cloud_id,
            billing_model: row.billing_model,
            agreement_number: row.agreement_number,
            connection: row.connection,
            node_count: row.node_count,
            cores: row.cores,
            status: row.status,
            registered_at: row.registered_at,
            registered_by: row.registered_by,
            activated_at: row.activated_at,
            last_reported_at: row.last_reported_at,
            removed_at: row.removed_at,
        },
        customer_id: row.customer_id,
        azure_subscription_id: row.azure_subscription_id,
        azure_subscription_name: row.azure_subscription_name,
        resource_group: row.resource_group,
        resource_group_location: row.resource_group_location,
        attributes: Attributes::of("AzureStackRegistration"),
    }
}

fn with_etag(row: RegistrationRow) -> (HeaderMap, JsonResponse<Registration>) {
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&etag(&row)) {
        headers.insert(header::ETAG, value);
    }
    (headers, JsonResponse(to_resource(row)))
}

/// The live registration at `path`, or 404.
async fn live<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    customer_id: &str,
    path: &RegistrationPath,
) -> AppResult<RegistrationRow> {
    store::find(db, customer_id, &path.subscription_id, &path.resource_group, &path.name)
        .await?
        .ok_or_else(|| registration_not_found(&path.name))
}

fn registration_not_found(name: &str) -> AppError {
    AppError::new(
        ErrorCode::RegistrationNotFound,
        format!(
            "No Azure Stack Hub registration '{name}' in this resource group of this Azure subscription."
        ),
    )
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `true` lists removed registrations too.
    #[serde(rename = "includeRemoved")]
    include_removed: Option<bool>,
}

/// `GET /v1/customers/{customerId}/azurestack/registrations[?includeRemoved=true]` (ours).
#[utoipa::path(
    get,
    path = "/azurestack/registrations",
    operation_id = "listAzureStackRegistrations",
    tag = "Azure Stack Hub",
    summary = "The customer's Azure Stack Hub registrations (our extension)",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ListQuery),
    responses(
        (status = 200, description = "The registrations", body = Collection<Registration>),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Query(q): Query<ListQuery>,
) -> AppResult<JsonResponse<Collection<Registration>>> {
    let rows = store::list(&state.db, &customer.id, q.include_removed.unwrap_or(false)).await?;
    Ok(JsonResponse(Collection::page(
        rows.into_iter().map(to_resource).collect(),
        format!("/customers/{}/azurestack/registrations", customer.id),
    )))
}

#[derive(Debug, Deserialize)]
pub struct ScopePath {
    subscription_id: String,
    resource_group: Option<String>,
}

/// [`list_in_scope`] within a resource group: an operation of its own in the API's description.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/resourceGroups/{resource_group}/providers/Microsoft.AzureStack/registrations",
    operation_id = "listAzureStackRegistrationsInResourceGroup",
    tag = "Azure Stack Hub",
    summary = "The live registrations in a resource group",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the registration is in", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001"), ("resource_group" = String, Path, description = "Its resource group", example = "azurestack")),
    responses(
        (status = 200, description = "The registrations", body = Collection<Registration>),
    )
)]
pub async fn list_in_resource_group(
    state: State<AppState>,
    customer: VisibleCustomer,
    scope: Path<ScopePath>,
) -> AppResult<JsonResponse<Collection<Registration>>> {
    list_in_scope(state, customer, scope).await
}

/// Azure's lists: `GET …/subscriptions/{azureSubscriptionId}/providers/Microsoft.AzureStack/
/// registrations` and the same under `…/resourceGroups/{rg}`: the live registrations there.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/providers/Microsoft.AzureStack/registrations",
    operation_id = "listAzureStackRegistrationsInSubscription",
    tag = "Azure Stack Hub",
    summary = "The live registrations in an Azure subscription",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the registration is in", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001")),
    responses(
        (status = 200, description = "The registrations", body = Collection<Registration>),
    )
)]
pub async fn list_in_scope(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path(scope): Path<ScopePath>,
) -> AppResult<JsonResponse<Collection<Registration>>> {
    // A customer has a handful of registrations: its list, narrowed here.
    let rows = store::list(&state.db, &customer.id, false).await?;
    let within = |row: &RegistrationRow| {
        row.azure_subscription_id.eq_ignore_ascii_case(&scope.subscription_id)
            && scope
                .resource_group
                .as_ref()
                .is_none_or(|rg| row.resource_group.eq_ignore_ascii_case(rg))
    };
    let group =
        scope.resource_group.as_ref().map(|rg| format!("/resourceGroups/{rg}")).unwrap_or_default();
    Ok(JsonResponse(Collection::page(
        rows.into_iter().filter(within).map(to_resource).collect(),
        format!(
            "/customers/{}/subscriptions/{}{group}/providers/{}",
            customer.id,
            scope.subscription_id,
            rules::RESOURCE_TYPE
        ),
    )))
}

#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/resourceGroups/{resource_group}/providers/Microsoft.AzureStack/registrations/{name}",
    operation_id = "getAzureStackRegistration",
    tag = "Azure Stack Hub",
    summary = "Get a registration",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the registration is in", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001"), ("resource_group" = String, Path, description = "Its resource group", example = "azurestack"), ("name" = String, Path, description = "The registration's name", example = "AzureStack-8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")),
    responses(
        (status = 200, description = "The registration; `ETag` is its version", body = Registration),
        (status = 404, description = "No such live registration", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path(path): Path<RegistrationPath>,
) -> AppResult<(HeaderMap, JsonResponse<Registration>)> {
    let row = live(&state.db, &customer.id, &path).await?;
    Ok(with_etag(row))
}

/// `GET …/registrations/{name}/history` (ours): what happened to the registration, oldest
/// first.
#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/resourceGroups/{resource_group}/providers/Microsoft.AzureStack/registrations/{name}/history",
    operation_id = "listAzureStackRegistrationHistory",
    tag = "Azure Stack Hub",
    summary = "What happened to a registration (our extension)",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the registration is in", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001"), ("resource_group" = String, Path, description = "Its resource group", example = "azurestack"), ("name" = String, Path, description = "The registration's name", example = "AzureStack-8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")),
    responses(
        (status = 200, description = "Its events, oldest first", body = Collection<RegistrationEvent>),
        (status = 404, description = "No such registration", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn history(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    Path(path): Path<RegistrationPath>,
) -> AppResult<JsonResponse<Collection<RegistrationEvent>>> {
    let row = live(&state.db, &customer.id, &path).await?;
    let items = store::events(&state.db, &row.id)
        .await?
        .into_iter()
        .map(|e| RegistrationEvent {
            at: e.at,
            actor: e.actor,
            change: e.change,
            billing_model: e.billing_model,
            agreement_number: e.agreement_number,
            node_count: e.node_count,
            cores: e.cores,
            attributes: Attributes::of("AzureStackRegistrationEvent"),
        })
        .collect();
    Ok(JsonResponse(Collection::page(items, format!("{}/history", azure_id(&row)))))
}

/// The Azure subscription to register under: the customer's, active, under an active Azure
/// plan, in the global Azure cloud.
async fn usable_subscription(
    state: &AppState,
    customer: &CustomerRow,
    id: &str,
) -> AppResult<AzureSubscriptionRow> {
    let found = subscriptions::azure_subscription(&state.db, &customer.id, id).await?.ok_or_else(|| {
        AppError::new(
            ErrorCode::EntitlementNotFound,
            format!("No Azure subscription '{id}' for this customer: register under one of its Azure plan's Azure subscriptions."),
        )
    })?;
    if found.status != "active" || found.plan_status != SubscriptionStatus::Active {
        return Err(AppError::new(
            ErrorCode::AzureSubscriptionNotActive,
            format!(
                "The Azure subscription '{}' is not active: register under an active one.",
                found.friendly_name
            ),
        ));
    }
    if !found.cloud.supports_registration() {
        return Err(AppError::invalid_field(
            "subscriptionId",
            format!(
                "is in the {} cloud: subscriptions of the China, Germany and US Government clouds cannot be used to register Azure Stack Hub for now; choose a subscription of the global Azure cloud",
                found.cloud
            ),
        ));
    }
    Ok(found)
}

/// What the request registers: from the token of a disconnected deployment, or from the fields
/// a connected one sends. Every missing or refused field is named.
struct Terms {
    connection: Connection,
    /// The region of the resource group as asked (lower case), if asked.
    region: Option<String>,
    claims: TokenClaims,
    token_hash: Option<String>,
}

async fn terms(state: &AppState, body: &NewRegistration) -> AppResult<Terms> {
    if let Some(location) = body.location.as_deref()
        && !location.eq_ignore_ascii_case("global")
    {
        return Err(AppError::invalid_field("location", "must be global, as Azure's"));
    }
    let region = body.resource_group_location.as_deref().map(|r| r.trim().to_ascii_lowercase());
    let p = &body.properties;
    if let Some(text) = p.registration_token.as_deref() {
        let key = store::signing_key(&state.db, TOKEN_KEY, &now_text(state)).await?;
        let claims = token::decode(text, &key, state.clock.now())
            .map_err(|e| AppError::invalid_field("properties.registrationToken", e.english()))?;
        return Ok(Terms {
            connection: Connection::Disconnected,
            region,
            claims,
            token_hash: Some(format!("{:x}", Sha256::digest(text.trim().as_bytes()))),
        });
    }
    let mut missing = Vec::new();
    for (field, present) in [
        ("properties.billingModel", p.billing_model.is_some()),
        ("properties.cloudId", p.cloud_id.is_some()),
        ("properties.nodeCount", p.node_count.is_some()),
        ("properties.cores", p.cores.is_some()),
    ] {
        if !present {
            missing.push(FieldError::new(
                field,
                "is required for a connected deployment (a disconnected one sends properties.registrationToken instead)",
            ));
        }
    }
    if !missing.is_empty() {
        return Err(AppError::invalid_fields(missing));
    }
    Ok(Terms {
        connection: Connection::Connected,
        region,
        claims: TokenClaims {
            cloud_id: p.cloud_id.clone().unwrap_or_default().trim().to_owned(),
            billing_model: p.billing_model.unwrap_or(BillingModel::Development),
            agreement_number: p.agreement_number.clone(),
            node_count: p.node_count.unwrap_or_default(),
            cores: p.cores.unwrap_or_default(),
            issued_at: now_text(state),
        },
        token_hash: None,
    })
}

fn now_text(state: &AppState) -> String {
    timestamp::to_text(state.clock.now())
}

/// The most physical cores a deployment may report: 16 nodes of 128 cores.
const MAX_CORES: i64 = 2_048;

/// Checks the terms against the rules, naming each refused field (`prefix` before the fields of
/// the terms: `properties.` in a registration's body).
fn check(terms: &Terms, path: &RegistrationPath, prefix: &str) -> AppResult<Option<String>> {
    let c = &terms.claims;
    let registering = Registering {
        billing_model: c.billing_model,
        agreement_number: c.agreement_number.as_deref(),
        cloud_id: &c.cloud_id,
        name: &path.name,
        resource_group: &path.resource_group,
        region: terms.region.as_deref().unwrap_or(rules::DEFAULT_REGION),
        node_count: c.node_count,
        connection: terms.connection,
    };
    let mut problems: Vec<FieldError> = registering
        .problems()
        .into_iter()
        .map(|p| {
            let field = match p.field() {
                // Beside `properties` in the body, or in the path.
                "name" | "resourceGroup" | "resourceGroupLocation" => p.field().to_owned(),
                other => format!("{prefix}{other}"),
            };
            FieldError::new(&field, p.english())
        })
        .collect();
    if !(c.node_count..=MAX_CORES).contains(&c.cores) || c.cores < 1 {
        problems.push(FieldError::new(
            format!("{prefix}cores"),
            format!("must be from the node count to {MAX_CORES} physical cores"),
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::invalid_fields(problems));
    }
    Ok(rules::check_agreement_number(c.billing_model, c.agreement_number.as_deref())
        .unwrap_or_default())
}

/// A Capacity deployment's cores must be covered by the customer's active Azure Stack Hub
/// capacity; the refusal says how many are missing.
async fn check_capacity(state: &AppState, customer: &CustomerRow, cores: i64) -> AppResult<()> {
    let covered = store::capacity_cores(&state.db, &customer.id).await?;
    let missing = rules::missing_cores(covered, cores);
    if missing > 0 {
        return Err(AppError::new(
            ErrorCode::CapacityNotCovered,
            format!(
                "The deployment reports {cores} cores, but the customer's active Azure Stack Hub capacity covers {covered}: buy {missing} more cores of Azure Stack Hub capacity, or register with another billing model."
            ),
        ));
    }
    Ok(())
}

/// `PUT …/registrations/{name}`: registers the deployment (201), or changes the registration of
/// the same deployment (200): after a capacity renewal, a change of billing model or of nodes.
/// Another Azure subscription means removing it first, as the seed says.
#[utoipa::path(
    put,
    path = "/subscriptions/{subscription_id}/resourceGroups/{resource_group}/providers/Microsoft.AzureStack/registrations/{name}",
    operation_id = "registerAzureStack",
    tag = "Azure Stack Hub",
    summary = "Register a deployment, or change its registration",
    description = "Registers the deployment (201), or changes the registration of the same deployment (200): after a capacity renewal, a change of billing model or of nodes. A connected deployment sends its cloud id; a disconnected one its registration token.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the registration is in", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001"), ("resource_group" = String, Path, description = "Its resource group", example = "azurestack"), ("name" = String, Path, description = "The registration's name", example = "AzureStack-8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")),
    request_body = NewRegistration,
    responses(
        (status = 201, description = "Registered", body = Registration),
        (status = 200, description = "The registration, changed", body = Registration),
        (status = 409, description = "The deployment or token is registered already elsewhere, or Capacity cores exceed what the customer holds", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<RegisterDeployments>,
    actor: Actor,
    Path(path): Path<RegistrationPath>,
    Json(body): Json<NewRegistration>,
) -> AppResult<(StatusCode, HeaderMap, JsonResponse<Registration>)> {
    put_or_patch(&state, &customer, &actor, &path, &body, Verb::Put).await
}

/// `PATCH …/registrations/{name}`: changes a live registration only (404 when there is none),
/// with the same body as `PUT`.
#[utoipa::path(
    patch,
    path = "/subscriptions/{subscription_id}/resourceGroups/{resource_group}/providers/Microsoft.AzureStack/registrations/{name}",
    operation_id = "changeAzureStackRegistration",
    tag = "Azure Stack Hub",
    summary = "Change a live registration",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the registration is in", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001"), ("resource_group" = String, Path, description = "Its resource group", example = "azurestack"), ("name" = String, Path, description = "The registration's name", example = "AzureStack-8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")),
    request_body = NewRegistration,
    responses(
        (status = 200, description = "The registration, changed", body = Registration),
        (status = 404, description = "No such live registration", body = portal_domain::ApiErrorBody),
        (status = 409, description = "Capacity cores exceed what the customer holds", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn change(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<RegisterDeployments>,
    actor: Actor,
    Path(path): Path<RegistrationPath>,
    Json(body): Json<NewRegistration>,
) -> AppResult<(StatusCode, HeaderMap, JsonResponse<Registration>)> {
    put_or_patch(&state, &customer, &actor, &path, &body, Verb::Patch).await
}

/// `PUT` creates a registration or changes it; `PATCH` only changes one.
#[derive(Clone, Copy, PartialEq)]
enum Verb {
    Put,
    Patch,
}

async fn put_or_patch(
    state: &AppState,
    customer: &CustomerRow,
    actor: &Actor,
    path: &RegistrationPath,
    body: &NewRegistration,
    verb: Verb,
) -> AppResult<(StatusCode, HeaderMap, JsonResponse<Registration>)> {
    let azure = usable_subscription(state, customer, &path.subscription_id).await?;
    let terms = terms(state, body).await?;
    let agreement = check(&terms, path, "properties.")?;
    let c = &terms.claims;
    if c.billing_model == BillingModel::Capacity {
        check_capacity(state, customer, c.cores).await?;
    }
    let now = state.clock.now();
    let now_text = timestamp::to_text(now);
    let mut tx = begin_write(&state.db).await?;
    let existing =
        store::find(&mut *tx, &customer.id, &azure.id, &path.resource_group, &path.name).await?;
    let (status, id, change) = match existing {
        Some(row) if !row.cloud_id.eq_ignore_ascii_case(&c.cloud_id) => {
            return Err(AppError::new(
                ErrorCode::RegistrationExists,
                format!(
                    "The registration '{}' is another deployment's (cloud id {}): choose another name.",
                    row.name, row.cloud_id
                ),
            ));
        }
        // The same token again for the same registration: a retry, which changes nothing.
        Some(row) if terms.token_hash.is_some() && row.token_hash == terms.token_hash => {
            (StatusCode::OK, row.id, None)
        }
        // A token older than the registration's terms would bring back what was replaced.
        Some(row)
            if terms.token_hash.is_some()
                && store::terms_newer_than(&mut *tx, &row.id, &c.issued_at).await? =>
        {
            return Err(AppError::new(
                ErrorCode::RegistrationExists,
                "This registration token is older than the registration's last change: get a new one from the deployment.",
            ));
        }
        Some(row) if terms.region.as_ref().is_some_and(|r| *r != row.resource_group_location) => {
            return Err(AppError::invalid_field(
                "resourceGroupLocation",
                format!(
                    "cannot change: the resource group '{}' is in {}. To use another region, remove the registration and register it again",
                    row.resource_group, row.resource_group_location
                ),
            ));
        }
        Some(row) => {
            let change = store::Change {
                billing_model: c.billing_model,
                agreement_number: agreement.as_deref(),
                node_count: c.node_count,
                cores: c.cores,
                token_hash: terms.token_hash.as_deref(),
            };
            if !store::change(&mut tx, &row, &change, &now_text, &actor.name).await? {
                return Err(AppError::new(
                    ErrorCode::RegistrationExists,
                    "This registration token was used already: get a new one from the deployment.",
                ));
            }
            (StatusCode::OK, row.id, Some("azure_stack.changed"))
        }
        None if verb == Verb::Patch => return Err(registration_not_found(&path.name)),
        None => {
            let id = uuid::Uuid::new_v4().to_string();
            // A connected deployment reaches Azure itself: registering activates it. A
            // disconnected one activates later, with the key it is given.
            let status = match terms.connection {
                Connection::Connected => RegistrationStatus::Activated,
                Connection::Disconnected => RegistrationStatus::Registered,
            };
            let new = store::NewRegistration {
                id: &id,
                customer_id: &customer.id,
                azure_subscription_id: &azure.id,
                resource_group: path.resource_group.trim(),
                resource_group_location: terms.region.as_deref().unwrap_or(rules::DEFAULT_REGION),
                name: path.name.trim(),
                cloud_id: &c.cloud_id,
                connection: terms.connection,
                billing_model: c.billing_model,
                agreement_number: agreement.as_deref(),
                node_count: c.node_count,
                cores: c.cores,
                status,
                token_hash: terms.token_hash.as_deref(),
                now: &now_text,
                actor: &actor.name,
            };
            if store::insert(&mut tx, &new).await?.is_none() {
                drop(tx);
                return Err(already_registered(state, &c.cloud_id).await?);
            }
            (StatusCode::CREATED, id, Some("azure_stack.registered"))
        }
    };
    let row = store::by_id(&mut *tx, &id).await?;
    if let Some(action) = change {
        let entry = activity::Entry {
            action,
            customer_id: Some(&customer.id),
            partner_id: None,
            target_id: &row.id,
            target_name: &row.name,
            before: None,
            after: Some(terms_in_words(&row)),
        };
        activity::record(&mut tx, actor, entry, now).await?;
    }
    tx.commit().await?;
    let (headers, body) = with_etag(row);
    Ok((status, headers, body))
}

/// What a refused registration collided with: the deployment's live registration, or the token.
async fn already_registered(state: &AppState, cloud_id: &str) -> AppResult<AppError> {
    Ok(match store::live_for_cloud(&state.db, cloud_id).await? {
        Some(row) => AppError::new(
            ErrorCode::RegistrationExists,
            format!(
                "This deployment (cloud id {cloud_id}) is registered already as '{}' under the Azure subscription '{}': change that registration, or remove it first to register under another subscription.",
                row.name, row.azure_subscription_name
            ),
        ),
        None => AppError::new(
            ErrorCode::RegistrationExists,
            "This registration token was used already: get a new one from the deployment.",
        ),
    })
}

fn terms_in_words(row: &RegistrationRow) -> String {
    let agreement =
        row.agreement_number.as_deref().map(|a| format!(" · agreement {a}")).unwrap_or_default();
    format!(
        "{}{agreement} · {} nodes · {} cores · {}",
        row.billing_model, row.node_count, row.cores, row.connection
    )
}

/// `DELETE …/registrations/{name}`: removes it; billing and Marketplace syndication stop.
#[utoipa::path(
    delete,
    path = "/subscriptions/{subscription_id}/resourceGroups/{resource_group}/providers/Microsoft.AzureStack/registrations/{name}",
    operation_id = "removeAzureStackRegistration",
    tag = "Azure Stack Hub",
    summary = "Remove a registration",
    description = "Billing and Marketplace syndication stop.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the registration is in", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001"), ("resource_group" = String, Path, description = "Its resource group", example = "azurestack"), ("name" = String, Path, description = "The registration's name", example = "AzureStack-8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")),
    responses(
        (status = 200, description = "The registration, removed", body = Registration),
        (status = 404, description = "No such live registration", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<RegisterDeployments>,
    actor: Actor,
    Path(path): Path<RegistrationPath>,
) -> AppResult<(HeaderMap, JsonResponse<Registration>)> {
    let now = state.clock.now();
    let mut tx = begin_write(&state.db).await?;
    let row = live(&mut *tx, &customer.id, &path).await?;
    remove_row(tx, &actor, row, now).await
}

/// Removes the registration `row` read in `tx`, and logs it.
async fn remove_row(
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    actor: &Actor,
    row: RegistrationRow,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<(HeaderMap, JsonResponse<Registration>)> {
    let now_text = timestamp::to_text(now);
    if !store::remove(&mut tx, &row.id, row.version, &now_text, &actor.name).await? {
        return Err(registration_not_found(&row.name));
    }
    let entry = activity::Entry {
        action: "azure_stack.removed",
        customer_id: Some(&row.customer_id),
        partner_id: None,
        target_id: &row.id,
        target_name: &row.name,
        before: Some(terms_in_words(&row)),
        after: None,
    };
    activity::record(&mut tx, actor, entry, now).await?;
    let removed = store::by_id(&mut *tx, &row.id).await?;
    tx.commit().await?;
    Ok(with_etag(removed))
}

/// What a deployment puts in its token (`Get-AzsRegistrationToken`'s parameters).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(examples(json!({
    "cloudId": "8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
    "billingModel": "Capacity",
    "agreementNumber": "12345678",
    "nodeCount": 4,
    "cores": 64
})))]
#[serde(rename_all = "camelCase")]
pub struct TokenRequest {
    pub cloud_id: String,
    pub billing_model: BillingModel,
    #[serde(default)]
    pub agreement_number: Option<String>,
    pub node_count: i64,
    pub cores: i64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenAnswer {
    pub registration_token: String,
    pub expires_at: String,
    attributes: Attributes,
}

/// `POST /v1/azurestack/registrationtokens` (ours, with a partner API key): what a disconnected
/// deployment runs to get its registration token (Capacity or Development only).
#[utoipa::path(
    post,
    path = "/azurestack/registrationtokens",
    operation_id = "createAzureStackRegistrationToken",
    tag = "Azure Stack Hub",
    summary = "A registration token for a disconnected deployment (our extension)",
    security(("apiKey" = [])),
    request_body = TokenRequest,
    responses(
        (status = 201, description = "The signed token", body = TokenAnswer),
    )
)]
pub async fn make_token(
    State(state): State<AppState>,
    _: ApiKeyCaller,
    Json(request): Json<TokenRequest>,
) -> AppResult<(StatusCode, JsonResponse<TokenAnswer>)> {
    let answer = issue_token(&state.db, request, state.clock.now()).await?;
    Ok((StatusCode::CREATED, JsonResponse(answer)))
}

/// A signed registration token for the deployment `request` describes, checked as registering
/// will check it; the API and the `portal-server azs-token` command both make them here.
pub async fn issue_token(
    db: &crate::db::Db,
    request: TokenRequest,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<TokenAnswer> {
    let claims = TokenClaims {
        cloud_id: request.cloud_id.trim().to_owned(),
        billing_model: request.billing_model,
        agreement_number: request.agreement_number,
        node_count: request.node_count,
        cores: request.cores,
        issued_at: timestamp::to_text(now),
    };
    // The name, resource group and region come at registration; the defaults stand in here.
    let terms =
        Terms { connection: Connection::Disconnected, region: None, claims, token_hash: None };
    let path = RegistrationPath {
        subscription_id: String::new(),
        resource_group: rules::DEFAULT_RESOURCE_GROUP.to_owned(),
        name: rules::default_registration_name(&terms.claims.cloud_id),
    };
    let agreement = check(&terms, &path, "")?;
    let claims = TokenClaims { agreement_number: agreement, ..terms.claims };
    let key = store::signing_key(db, TOKEN_KEY, &timestamp::to_text(now)).await?;
    let expires = now + chrono::Duration::days(token::VALIDITY_DAYS);
    Ok(TokenAnswer {
        registration_token: token::encode(&claims, &key),
        expires_at: timestamp::to_text(expires),
        attributes: Attributes::of("AzureStackRegistrationToken"),
    })
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(examples(json!({"registrationToken": "eyJhbGciOi…"})))]
#[serde(rename_all = "camelCase")]
pub struct TokenBody {
    registration_token: String,
}

/// `POST /v1/customers/{customerId}/azurestack/unregister` `{registrationToken}` (ours,
/// `UnRegister-AzsEnvironment -RegistrationToken`): removes the registration the token made,
/// however old the token.
#[utoipa::path(
    post,
    path = "/azurestack/unregister",
    operation_id = "unregisterAzureStackWithToken",
    tag = "Azure Stack Hub",
    summary = "Remove the registration a token made (our extension)",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    request_body = TokenBody,
    responses(
        (status = 200, description = "The registration, removed", body = Registration),
        (status = 404, description = "No live registration made with this token", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn remove_with_token(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<RegisterDeployments>,
    actor: Actor,
    Json(body): Json<TokenBody>,
) -> AppResult<(HeaderMap, JsonResponse<Registration>)> {
    let key = store::signing_key(&state.db, TOKEN_KEY, &now_text(&state)).await?;
    let claims = token::verify(&body.registration_token, &key)
        .map_err(|e| AppError::invalid_field("registrationToken", e.english()))?;
    let now = state.clock.now();
    let mut tx = begin_write(&state.db).await?;
    let row = store::live_for_customer_cloud(&mut *tx, &customer.id, &claims.cloud_id)
        .await?
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::RegistrationNotFound,
                format!(
                    "The deployment of this token (cloud id {}) has no registration for this customer: it may have been removed already.",
                    claims.cloud_id
                ),
            )
        })?;
    remove_row(tx, &actor, row, now).await
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActivationKey {
    activation_key: String,
    attributes: Attributes,
}

/// `POST …/registrations/{name}/getactivationkey`: a new key for the disconnected deployment to
/// activate with (the newer replaces the older; only its hash is kept).
#[utoipa::path(
    post,
    path = "/subscriptions/{subscription_id}/resourceGroups/{resource_group}/providers/Microsoft.AzureStack/registrations/{name}/getactivationkey",
    operation_id = "getAzureStackActivationKey",
    tag = "Azure Stack Hub",
    summary = "A key for a disconnected deployment to activate with",
    description = "A newer key replaces the older.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The Azure subscription the registration is in", example = "c0a2e5b1-7d3f-4e6a-9b8c-000000000001"), ("resource_group" = String, Path, description = "Its resource group", example = "azurestack"), ("name" = String, Path, description = "The registration's name", example = "AzureStack-8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0")),
    responses(
        (status = 200, description = "The key", body = ActivationKey),
        (status = 404, description = "No such live registration", body = portal_domain::ApiErrorBody),
        (status = 400, description = "The deployment is connected: it needs no key", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn activation_key(
    State(state): State<AppState>,
    VisibleCustomer { customer, .. }: VisibleCustomer,
    _: Allowed<RegisterDeployments>,
    Path(path): Path<RegistrationPath>,
) -> AppResult<JsonResponse<ActivationKey>> {
    let row = live(&state.db, &customer.id, &path).await?;
    if row.connection == Connection::Connected {
        return Err(AppError::new(
            ErrorCode::ChangeRefused,
            "A connected deployment is activated when it registers: it needs no activation key.",
        ));
    }
    let key = format!("azsak.{}", session::new_token());
    if !store::set_activation_key(&state.db, &row.id, &session::hash_token(&key)).await? {
        return Err(registration_not_found(&path.name));
    }
    Ok(JsonResponse(ActivationKey {
        activation_key: key,
        attributes: Attributes::of("AzureStackActivationKey"),
    }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(examples(json!({"activationKey": "eyJhbGciOi…"})))]
#[serde(rename_all = "camelCase")]
pub struct Activation {
    activation_key: String,
}

/// `POST /v1/azurestack/activations` `{activationKey}` (the deployment, with an API key): the
/// disconnected deployment activates its registration. Presenting the key again changes nothing.
#[utoipa::path(
    post,
    path = "/azurestack/activations",
    operation_id = "activateAzureStack",
    tag = "Azure Stack Hub",
    summary = "A disconnected deployment activates its registration",
    description = "Presenting the key again changes nothing.",
    security(("apiKey" = [])),
    request_body = Activation,
    responses(
        (status = 200, description = "The registration, activated", body = Registration),
        (status = 404, description = "No registration has this key", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn activate(
    State(state): State<AppState>,
    caller: ApiKeyCaller,
    Json(body): Json<Activation>,
) -> AppResult<(HeaderMap, JsonResponse<Registration>)> {
    let unknown = || {
        AppError::new(
            ErrorCode::RegistrationNotFound,
            "No registration has this activation key: ask for a new one on the registration's page (a newer key replaces the older).",
        )
    };
    let hash = session::hash_token(body.activation_key.trim());
    let now = state.clock.now();
    let mut tx = begin_write(&state.db).await?;
    let row = store::by_activation_key(&mut *tx, &hash).await?.ok_or_else(unknown)?;
    if caller.customer_currency(&state.db, &row.customer_id).await?.is_none() {
        return Err(unknown());
    }
    store::activate(&mut tx, &row.id, &timestamp::to_text(now), "the deployment").await?;
    let row = store::by_id(&mut *tx, &row.id).await?;
    tx.commit().await?;
    Ok(with_etag(row))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(examples(json!({
    "cloudId": "8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
    "nodeCount": 4,
    "cores": 64
})))]
#[serde(rename_all = "camelCase")]
pub struct CheckIn {
    cloud_id: String,
    node_count: i64,
    cores: i64,
}

/// What a deployment learns when it checks in: the seed's verification, from its side.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationCheck {
    cloud_id: String,
    registered: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<RegistrationStatus>,
    /// Marketplace management can add items from Azure: the registration is activated.
    marketplace_available: bool,
    /// What the deployment's administrators should see, if anything is wrong.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    attributes: Attributes,
}

/// `POST /v1/azurestack/checkins` `{cloudId, nodeCount, cores}` (the deployment, with an API
/// key): records that it reported in, and tells it whether it is registered and activated,
/// with a warning for each thing to fix (not registered, not activated, other nodes or cores
/// than registered).
#[utoipa::path(
    post,
    path = "/azurestack/checkins",
    operation_id = "checkInAzureStack",
    tag = "Azure Stack Hub",
    summary = "A deployment reports in",
    description = "Says whether it is registered and activated, with a warning for each thing to fix.",
    security(("apiKey" = [])),
    request_body = CheckIn,
    responses(
        (status = 200, description = "Its registration state and warnings", body = RegistrationCheck),
    )
)]
pub async fn check_in(
    State(state): State<AppState>,
    caller: ApiKeyCaller,
    Json(body): Json<CheckIn>,
) -> AppResult<JsonResponse<RegistrationCheck>> {
    let cloud_id = body.cloud_id.trim();
    let row = match store::live_for_cloud(&state.db, cloud_id).await? {
        Some(row) if caller.customer_currency(&state.db, &row.customer_id).await?.is_some() => {
            Some(row)
        }
        _ => None,
    };
    let mut warnings = Vec::new();
    let Some(row) = row else {
        warnings.push("This Azure Stack Hub is not registered with Azure: register it, or usage under pay-as-you-use breaks the licence terms.".to_owned());
        return Ok(JsonResponse(RegistrationCheck {
            cloud_id: cloud_id.to_owned(),
            registered: false,
            status: None,
            marketplace_available: false,
            warnings,
            attributes: Attributes::of("AzureStackRegistrationCheck"),
        }));
    };
    store::reported(&state.db, &row.id, &now_text(&state)).await?;
    if row.status == RegistrationStatus::Registered {
        warnings.push("Registered but not activated: present the activation key from the registration's page.".to_owned());
    }
    if row.status == RegistrationStatus::Expired {
        warnings.push(
            "The Capacity registration has expired: renew it with the new agreement number."
                .to_owned(),
        );
    }
    if (body.node_count, body.cores) != (row.node_count, row.cores) {
        warnings.push(format!(
            "The deployment has {} nodes and {} cores, the registration says {} and {}: change the registration.",
            body.node_count, body.cores, row.node_count, row.cores
        ));
    }
    // Capacity: the cores the deployment has must be covered by the capacity bought.
    if row.billing_model == BillingModel::Capacity {
        let covered = store::capacity_cores(&state.db, &row.customer_id).await?;
        let missing = rules::missing_cores(covered, body.cores);
        if missing > 0 {
            warnings.push(format!(
                "The deployment has {} cores but its Azure Stack Hub capacity covers {covered}: buy {missing} more cores of capacity.",
                body.cores
            ));
        }
    }
    Ok(JsonResponse(RegistrationCheck {
        cloud_id: row.cloud_id,
        registered: true,
        status: Some(row.status),
        marketplace_available: row.status == RegistrationStatus::Activated,
        warnings,
        attributes: Attributes::of("AzureStackRegistrationCheck"),
    }))
}
