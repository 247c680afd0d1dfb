//! API keys (`/v1/apikeys`, partner global admins, our extension): what meters send usage with.

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_domain::usage::{self, ApiKey, NewApiKey};
use portal_domain::{Attributes, Collection};

use crate::auth::access::{Allowed, ManageApiKeys};
use crate::auth::session;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::store::activity::Actor;
use crate::store::api_keys::{self as store, ApiKeyRow};
use crate::timestamp;

fn key_resource(row: ApiKeyRow, key: Option<String>) -> ApiKey {
    ApiKey {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        customer_id: row.customer_id,
        created_at: row.created_at,
        created_by: row.created_by,
        revoked_at: row.revoked_at,
        key,
        attributes: Attributes::of("ApiKey"),
    }
}

/// `GET /v1/apikeys`: the partner's keys, revoked ones included, without the keys themselves.
#[utoipa::path(
    get,
    path = "/apikeys",
    operation_id = "listApiKeys",
    tag = "Usage",
    summary = "List the partner's API keys",
    description = "Revoked ones included, without the keys themselves. Partner global admins.",
    security(("session" = [])),
    responses(
        (status = 200, description = "The keys", body = Collection<ApiKey>),
    )
)]
pub async fn list_keys(
    State(state): State<AppState>,
    keys_admin: Allowed<ManageApiKeys>,
) -> AppResult<JsonResponse<Collection<ApiKey>>> {
    let partner_id = keys_admin.partner_id()?.to_owned();
    let rows = store::keys(&state.db, &partner_id).await?;
    let items = rows.into_iter().map(|row| key_resource(row, None)).collect();
    Ok(JsonResponse(Collection::page(items, "/apikeys")))
}

/// `POST /v1/apikeys` `{name, customerId?}` → 201 with the key, shown this once.
#[utoipa::path(
    post,
    path = "/apikeys",
    operation_id = "createApiKey",
    tag = "Usage",
    summary = "Create an API key",
    description = "The key is in the answer, this once. Partner global admins.",
    security(("session" = [])),
    request_body = NewApiKey,
    responses(
        (status = 201, description = "The key, shown this once", body = ApiKey),
    )
)]
pub async fn create_key(
    State(state): State<AppState>,
    keys_admin: Allowed<ManageApiKeys>,
    actor: Actor,
    Json(body): Json<NewApiKey>,
) -> AppResult<(StatusCode, JsonResponse<ApiKey>)> {
    let partner_id = keys_admin.partner_id()?.to_owned();
    let name = usage::check_key_name(&body.name)
        .map_err(|v| AppError::invalid_field("name", v.english()))?;
    if let Some(customer_id) = &body.customer_id
        && store::partner_customer_currency(&state.db, &partner_id, customer_id).await?.is_none()
    {
        return Err(AppError::invalid_field("customerId", "is not a customer of this partner"));
    }
    let key = format!("pk_{}", session::new_token());
    let row = ApiKeyRow {
        id: uuid::Uuid::new_v4().to_string(),
        partner_id,
        customer_id: body.customer_id,
        name: name.to_owned(),
        prefix: key.chars().take(10).collect(),
        created_by: keys_admin.user.display_name.clone(),
        created_at: timestamp::to_text(state.clock.now()),
        revoked_at: None,
    };
    store::insert_key(&state.db, &row, &session::hash_token(&key), &actor, state.clock.now())
        .await?;
    Ok((StatusCode::CREATED, JsonResponse(key_resource(row, Some(key)))))
}

/// `DELETE /v1/apikeys/{id}` → 204: the key stops working at once. Revoking again is harmless.
#[utoipa::path(
    delete,
    path = "/apikeys/{key_id}",
    operation_id = "revokeApiKey",
    tag = "Usage",
    summary = "Revoke an API key",
    description = "It stops working at once. Revoking again is harmless.",
    security(("session" = [])),
    params(("key_id" = String, Path, description = "The key's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such key", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn revoke_key(
    State(state): State<AppState>,
    keys_admin: Allowed<ManageApiKeys>,
    actor: Actor,
    Path(id): Path<String>,
) -> AppResult<StatusCode> {
    let partner_id = keys_admin.partner_id()?.to_owned();
    if store::revoke_key(&state.db, &partner_id, &id, &actor, state.clock.now()).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::new(portal_domain::ErrorCode::NotFound, format!("No API key '{id}'.")))
    }
}
