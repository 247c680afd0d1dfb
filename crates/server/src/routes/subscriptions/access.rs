//! `…/subscriptions/{subscriptionId}/roleassignments` (our extension): who holds Owner,
//! Contributor or Reader on the subscription (the seed's "Access control"). Managed by the
//! customer's admins and the partner's global admins and admin agents.

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use portal_domain::users::{NewRoleAssignment, RoleAssignment};
use portal_domain::{Attributes, Collection, ErrorCode};

use super::find;

use crate::auth::access::{ManageCustomerUsers, Permission, VisibleCustomer};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::state::AppState;
use crate::store::accounts::{self, Owner};
use crate::store::activity::Actor;
use crate::store::role_assignments::{self, AssignmentRow, Target};

fn may_manage(visible: &VisibleCustomer) -> AppResult<()> {
    if ManageCustomerUsers::allows(&visible.user) {
        Ok(())
    } else {
        Err(AppError::forbidden(ManageCustomerUsers::REFUSAL))
    }
}

fn to_resource(row: AssignmentRow) -> RoleAssignment {
    RoleAssignment {
        user_id: row.user_id,
        display_name: row.display_name,
        user_principal_name: row.email,
        role: row.role,
        created_at: row.created_at,
        attributes: Attributes::of("RoleAssignment"),
    }
}

#[utoipa::path(
    get,
    path = "/subscriptions/{subscription_id}/roleassignments",
    operation_id = "listRoleAssignments",
    tag = "Subscriptions",
    summary = "Who holds a role on a subscription",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002")),
    responses(
        (status = 200, description = "The customer's users with a role on it", body = Collection<RoleAssignment>),
        (status = 404, description = "No such subscription for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    Path((_, subscription_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<Collection<RoleAssignment>>> {
    may_manage(&visible)?;
    let subscription = find(&state, &visible.customer, &subscription_id).await?;
    let rows = role_assignments::of_subscription(&state.db, &subscription.id).await?;
    Ok(JsonResponse(Collection::page(
        rows.into_iter().map(to_resource).collect(),
        format!(
            "/customers/{}/subscriptions/{}/roleassignments",
            visible.customer.id, subscription.id
        ),
    )))
}

/// `POST` `{userId, role}` → 201: the customer's user now holds `role` on the subscription.
#[utoipa::path(
    post,
    path = "/subscriptions/{subscription_id}/roleassignments",
    operation_id = "assignRole",
    tag = "Subscriptions",
    summary = "Give a customer's user a role on a subscription",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002")),
    request_body = NewRoleAssignment,
    responses(
        (status = 201, description = "The user now holds the role", body = RoleAssignment),
        (status = 404, description = "No such subscription or user for this customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn assign(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    actor: Actor,
    Path((_, subscription_id)): Path<(String, String)>,
    Json(new): Json<NewRoleAssignment>,
) -> AppResult<(StatusCode, JsonResponse<RoleAssignment>)> {
    may_manage(&visible)?;
    let subscription = find(&state, &visible.customer, &subscription_id).await?;
    let owner = Owner::Customer(&visible.customer.id);
    let Some(user) = accounts::find(&state.db, owner, &new.user_id).await? else {
        return Err(AppError::invalid_field("userId", "is not one of this customer's users"));
    };
    let target = Target {
        subscription_id: &subscription.id,
        subscription_name: &subscription.friendly_name,
        customer_id: &visible.customer.id,
    };
    let who = format!("{} <{}>", user.display_name, user.email);
    let now = state.clock.now();
    role_assignments::assign(&state.db, &target, (&user.id, &who), new.role, &actor, now).await?;
    tracing::info!(subscription_id = %subscription.id, user_id = %new.user_id, role = %new.role, "role assigned");
    let row = role_assignments::of_subscription(&state.db, &subscription.id)
        .await?
        .into_iter()
        .find(|r| r.user_id == new.user_id)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("an assigned role vanished")))?;
    Ok((StatusCode::CREATED, JsonResponse(to_resource(row))))
}

#[utoipa::path(
    delete,
    path = "/subscriptions/{subscription_id}/roleassignments/{user_id}",
    operation_id = "removeRole",
    tag = "Subscriptions",
    summary = "Take a user's role on a subscription away",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("subscription_id" = String, Path, description = "The subscription's id", example = "5ab0c0e1-0000-4000-8000-00000000a002"), ("user_id" = String, Path, description = "The user's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such subscription, or the user holds no role on it", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn remove(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    actor: Actor,
    Path((_, subscription_id, user_id)): Path<(String, String, String)>,
) -> AppResult<StatusCode> {
    may_manage(&visible)?;
    let subscription = find(&state, &visible.customer, &subscription_id).await?;
    let owner = Owner::Customer(&visible.customer.id);
    let who = match accounts::find(&state.db, owner, &user_id).await? {
        Some(user) => format!("{} <{}>", user.display_name, user.email),
        None => user_id.clone(),
    };
    let target = Target {
        subscription_id: &subscription.id,
        subscription_name: &subscription.friendly_name,
        customer_id: &visible.customer.id,
    };
    let now = state.clock.now();
    if !role_assignments::remove(&state.db, &target, (&user_id, &who), &actor, now).await? {
        return Err(AppError::new(
            ErrorCode::UserNotFound,
            format!("User '{user_id}' holds no role on this subscription."),
        ));
    }
    tracing::info!(subscription_id = %subscription.id, %user_id, "role removed");
    Ok(StatusCode::NO_CONTENT)
}
