//! Managing users (seed 002).
//!
//! - `/v1/users` (our extension; Partner Center has no API for partner users): the partner's
//!   staff, for its global admins.
//! - `/v1/customers/{customerId}/users` and `…/directoryroles` (Partner Center): a customer's
//!   users and their roles, for the customer's admins and the partner's global admins and admin
//!   agents.
//! - `/v1/passwordlinks/open|use` (our extension, no session): a new user, or one whose password
//!   was reset, chooses a password with the single-use link they were given.
//!
//! The organization's protected role (partner global admin, customer admin) always keeps an
//! active holder. A changed role counts from the next request; a deactivated user's sessions end.

use axum::Json as JsonResponse;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum_extra::extract::CookieJar;
use portal_domain::relationship::InvitationToken;
use portal_domain::users::{
    CustomerUser, CustomerUserPatch, DirectoryRole, NewCustomerUser, NewPartnerUser, PartnerUser,
    PartnerUserPatch, PasswordLink, PasswordLinkDetails, UsePasswordLink, UserMember, UserState,
};
use portal_domain::validation::Violation;
use portal_domain::{Attributes, Collection, ErrorCode, FieldError, Me, Role};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::access::{Allowed, ManageCustomerUsers, ManagePartnerUsers, VisibleCustomer};
use crate::auth::{password, session};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::identity::User;
use crate::mail::PasswordLinkMail;
use crate::state::AppState;
use crate::store::accounts::{self, AccountRow, NewAccount, NewLink, Owner, Refusal};
use crate::store::activity::Actor;
use crate::store::{sessions, users};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_partner_users, create_partner_user))
        .routes(routes!(update_partner_user))
        .routes(routes!(reset_partner_user))
        .routes(routes!(open_link))
        .routes(routes!(use_link))
}

/// Mounted under `/v1/customers/{customer_id}`, behind its visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_customer_users, create_customer_user))
        .routes(routes!(update_customer_user, delete_customer_user))
        .routes(routes!(reset_customer_user))
        .routes(routes!(directory_roles))
        .routes(routes!(role_members, add_role_member))
        .routes(routes!(remove_role_member))
}

/// The roles a customer's users can hold, as directory roles.
const CUSTOMER_ROLES: [(Role, &str); 2] =
    [(Role::CustomerAdmin, "Customer admin"), (Role::CustomerReader, "Customer reader")];

fn refusal_error(refusal: Refusal, owner: Owner<'_>, user_id: &str) -> AppError {
    match refusal {
        Refusal::NotFound => user_not_found(user_id),
        Refusal::LastAdmin => AppError::new(
            ErrorCode::LastAdmin,
            match owner {
                Owner::Partner(_) => {
                    "This is the last active global admin: make someone else a global admin first."
                }
                Owner::Customer(_) => {
                    "This is the last active customer admin: make someone else a customer admin first."
                }
            },
        ),
    }
}

fn user_not_found(user_id: &str) -> AppError {
    AppError::new(ErrorCode::UserNotFound, format!("There is no user '{user_id}' here."))
}

fn invalid(violations: Vec<(&'static str, Violation)>) -> AppResult<()> {
    if violations.is_empty() {
        return Ok(());
    }
    Err(AppError::invalid_fields(
        violations.into_iter().map(|(field, v)| FieldError::new(field, v.english())).collect(),
    ))
}

/// Issues a password link for the user, emails it when SMTP is configured, and returns it.
async fn password_link(
    state: &AppState,
    owner: Owner<'_>,
    account: &AccountRow,
    (organization, locale): (&str, &str),
    actor: &Actor,
    token: Option<(String, String)>,
) -> AppResult<PasswordLink> {
    let created_by = actor.user_id.as_deref().unwrap_or_default();
    // A link stored with the account's creation comes with its token and expiry.
    let (token, expires_at) = match token {
        Some(issued) => issued,
        None => {
            let token = session::new_token();
            let id = uuid::Uuid::new_v4().to_string();
            let link = NewLink { id: &id, token_hash: &session::hash_token(&token), created_by };
            let now = state.clock.now();
            let expires_at =
                accounts::issue_link(&state.db, owner, &account.id, &link, actor, now).await?;
            (token, expires_at)
        }
    };
    let url = format!("{}/set-password#{token}", state.public_url());
    let emailed = state
        .mailer
        .send_password_link(&PasswordLinkMail {
            to: &account.email,
            language: locale,
            display_name: &account.display_name,
            organization,
            url: &url,
            expires_on: expires_at.get(..10).unwrap_or(&expires_at),
            reset: account.has_password != 0,
        })
        .await;
    Ok(PasswordLink { url, expires_at, emailed })
}

/// The organization's name, and the locale its new users start with: the customer's culture,
/// or for a partner's staff `staff_locale` (the admin adding them works in it too).
async fn organization_name(
    state: &AppState,
    owner: Owner<'_>,
    staff_locale: &str,
) -> AppResult<(String, String)> {
    let found = match owner {
        Owner::Partner(id) => {
            let name: Option<(String,)> = sqlx::query_as("SELECT name FROM partners WHERE id = $1")
                .bind(id)
                .fetch_optional(&state.db)
                .await?;
            name.map(|(name,)| (name, staff_locale.to_owned()))
        }
        Owner::Customer(id) => {
            sqlx::query_as("SELECT company_name, culture FROM customers WHERE id = $1")
                .bind(id)
                .fetch_optional(&state.db)
                .await?
        }
    };
    found.ok_or_else(|| AppError::Internal(anyhow::anyhow!("an organization without a row")))
}

/// Adds a user to the organization, with a link to choose their password unless one is given.
async fn add_user(
    state: &AppState,
    owner: Owner<'_>,
    created_by: &User,
    actor: &Actor,
    new: NewAccount<'_>,
) -> AppResult<(AccountRow, Option<PasswordLink>)> {
    let (organization, locale) = organization_name(state, owner, &created_by.locale).await?;
    let created_by = created_by.id.as_str();
    let wants_link = new.password_hash.is_none();
    let token = session::new_token();
    let link_id = uuid::Uuid::new_v4().to_string();
    let token_hash = session::hash_token(&token);
    let link = NewLink { id: &link_id, token_hash: &token_hash, created_by };
    let new = NewAccount { locale: &locale, ..new };
    let Some(expires_at) =
        accounts::create(&state.db, &new, wants_link.then_some(&link), actor, state.clock.now())
            .await?
    else {
        return Err(AppError::new(
            ErrorCode::AccountExists,
            "An account with this email exists already: each email signs in to one account.",
        ));
    };
    let account = accounts::find(&state.db, owner, new.id)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a created user vanished")))?;
    tracing::info!(user_id = %account.id, created_by, "user added");
    let link = match wants_link {
        true => Some(
            password_link(
                state,
                owner,
                &account,
                (&organization, &locale),
                actor,
                Some((token, expires_at)),
            )
            .await?,
        ),
        false => None,
    };
    Ok((account, link))
}

fn to_partner_user(row: AccountRow, password_link: Option<PasswordLink>) -> PartnerUser {
    PartnerUser {
        state: row.state(),
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        roles: row.roles,
        created_at: row.created_at,
        password_link,
        attributes: Attributes::of("PartnerUser"),
    }
}

fn partner_of(allowed: &Allowed<ManagePartnerUsers>) -> AppResult<Owner<'_>> {
    allowed.partner_id().map(Owner::Partner)
}

#[utoipa::path(
    get,
    path = "/users",
    operation_id = "listPartnerUsers",
    tag = "Users",
    summary = "The partner's users",
    description = "Partner global admins.",
    security(("session" = [])),
    responses(
        (status = 200, description = "The users and their roles", body = Collection<PartnerUser>),
    )
)]
pub async fn list_partner_users(
    State(state): State<AppState>,
    allowed: Allowed<ManagePartnerUsers>,
) -> AppResult<JsonResponse<Collection<PartnerUser>>> {
    let rows = accounts::list(&state.db, partner_of(&allowed)?).await?;
    let items = rows.into_iter().map(|row| to_partner_user(row, None)).collect();
    Ok(JsonResponse(Collection::page(items, "/users")))
}

/// `POST /v1/users` → 201 with the user, invited: `passwordLink` is theirs to choose a password.
#[utoipa::path(
    post,
    path = "/users",
    operation_id = "createPartnerUser",
    tag = "Users",
    summary = "Invite a user to the partner",
    description = "The answer's `passwordLink` is the new user's to choose a password. Partner global admins.",
    security(("session" = [])),
    request_body = NewPartnerUser,
    responses(
        (status = 201, description = "The user, invited", body = PartnerUser, links(
            ("updatePartnerUser" = (operation_id = "updatePartnerUser", parameters(("user_id" = "$response.body#/id")))),
        )),
        (status = 409, description = "An account with this email exists already", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn create_partner_user(
    State(state): State<AppState>,
    allowed: Allowed<ManagePartnerUsers>,
    actor: Actor,
    Json(new): Json<NewPartnerUser>,
) -> AppResult<(StatusCode, JsonResponse<PartnerUser>)> {
    invalid(new.violations())?;
    let owner = partner_of(&allowed)?;
    let id = uuid::Uuid::new_v4().to_string();
    let account = NewAccount {
        id: &id,
        owner,
        email: &new.email,
        display_name: &new.display_name,
        first_name: None,
        last_name: None,
        usage_location: None,
        locale: "",
        password_hash: None,
        roles: &new.roles,
    };
    let (row, link) = add_user(&state, owner, &allowed.user, &actor, account).await?;
    Ok((StatusCode::CREATED, JsonResponse(to_partner_user(row, link))))
}

/// `PATCH /v1/users/{userId}`: roles and/or state.
#[utoipa::path(
    patch,
    path = "/users/{user_id}",
    operation_id = "updatePartnerUser",
    tag = "Users",
    summary = "Change a partner user's roles or state",
    security(("session" = [])),
    params(("user_id" = String, Path, description = "The user's id")),
    request_body = PartnerUserPatch,
    responses(
        (status = 200, description = "The user", body = PartnerUser),
        (status = 404, description = "No such user of the partner", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The change would leave no active global admin", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn update_partner_user(
    State(state): State<AppState>,
    allowed: Allowed<ManagePartnerUsers>,
    actor: Actor,
    Path(user_id): Path<String>,
    Json(patch): Json<PartnerUserPatch>,
) -> AppResult<JsonResponse<PartnerUser>> {
    invalid(patch.violations())?;
    let owner = partner_of(&allowed)?;
    apply(&state, owner, &actor, &user_id, patch.roles.as_deref(), patch.state).await?;
    let row = accounts::find(&state.db, owner, &user_id)
        .await?
        .ok_or_else(|| user_not_found(&user_id))?;
    Ok(JsonResponse(to_partner_user(row, None)))
}

/// Applies a change of roles and of state, each checked against the protected role.
async fn apply(
    state: &AppState,
    owner: Owner<'_>,
    actor: &Actor,
    user_id: &str,
    roles: Option<&[Role]>,
    new_state: Option<UserState>,
) -> AppResult<()> {
    let now = state.clock.now();
    if let Some(roles) = roles {
        accounts::set_roles(&state.db, owner, user_id, roles, actor, now)
            .await?
            .map_err(|r| refusal_error(r, owner, user_id))?;
    }
    if let Some(new_state) = new_state {
        let active = new_state != UserState::Deactivated;
        accounts::set_active(&state.db, owner, user_id, active, actor, now)
            .await?
            .map_err(|r| refusal_error(r, owner, user_id))?;
    }
    tracing::info!(%user_id, ?roles, ?new_state, "user changed");
    Ok(())
}

/// `POST /v1/users/{userId}/passwordreset` → 201 with a new link to choose a password (the
/// current one keeps working until the link is used).
#[utoipa::path(
    post,
    path = "/users/{user_id}/passwordreset",
    operation_id = "resetPartnerUserPassword",
    tag = "Users",
    summary = "A new link for a partner user to choose a password",
    description = "The current password keeps working until the link is used.",
    security(("session" = [])),
    params(("user_id" = String, Path, description = "The user's id")),
    responses(
        (status = 201, description = "The link", body = PasswordLink),
        (status = 404, description = "No such user of the partner", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The user is deactivated", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn reset_partner_user(
    State(state): State<AppState>,
    allowed: Allowed<ManagePartnerUsers>,
    actor: Actor,
    Path(user_id): Path<String>,
) -> AppResult<(StatusCode, JsonResponse<PasswordLink>)> {
    let owner = partner_of(&allowed)?;
    reset(&state, owner, &allowed.user, &actor, &user_id).await
}

async fn reset(
    state: &AppState,
    owner: Owner<'_>,
    created_by: &User,
    actor: &Actor,
    user_id: &str,
) -> AppResult<(StatusCode, JsonResponse<PasswordLink>)> {
    let account =
        accounts::find(&state.db, owner, user_id).await?.ok_or_else(|| user_not_found(user_id))?;
    if account.state() == UserState::Deactivated {
        return Err(AppError::new(
            ErrorCode::UserDeactivated,
            "This user is deactivated: make them active again first.",
        ));
    }
    let (organization, _) = organization_name(state, owner, &created_by.locale).await?;
    let link = password_link(state, owner, &account, (&organization, &account.locale), actor, None)
        .await?;
    tracing::info!(%user_id, created_by = %created_by.id, "password link issued");
    Ok((StatusCode::CREATED, JsonResponse(link)))
}

// ---- A customer's users (Partner Center) ----

fn customer_owner(visible: &VisibleCustomer) -> Owner<'_> {
    Owner::Customer(&visible.customer.id)
}

fn to_customer_user(row: AccountRow, password_link: Option<PasswordLink>) -> CustomerUser {
    CustomerUser {
        state: row.state(),
        id: row.id,
        user_principal_name: row.email,
        first_name: row.first_name.unwrap_or_default(),
        last_name: row.last_name.unwrap_or_default(),
        display_name: row.display_name,
        usage_location: row.usage_location.unwrap_or_default(),
        roles: row.roles,
        password_link,
        attributes: Attributes::of("CustomerUser"),
    }
}

/// The customer in the path, seen by someone who may manage its users.
fn may_manage(visible: &VisibleCustomer) -> AppResult<()> {
    use crate::auth::access::Permission;
    if ManageCustomerUsers::allows(&visible.user) {
        Ok(())
    } else {
        Err(AppError::forbidden(ManageCustomerUsers::REFUSAL))
    }
}

#[utoipa::path(
    get,
    path = "/users",
    operation_id = "listCustomerUsers",
    tag = "Users",
    summary = "The customer's users",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    responses(
        (status = 200, description = "The users", body = Collection<CustomerUser>),
    )
)]
pub async fn list_customer_users(
    State(state): State<AppState>,
    visible: VisibleCustomer,
) -> AppResult<JsonResponse<Collection<CustomerUser>>> {
    may_manage(&visible)?;
    let rows = accounts::list(&state.db, customer_owner(&visible)).await?;
    let items = rows.into_iter().map(|row| to_customer_user(row, None)).collect();
    Ok(JsonResponse(Collection::page(items, format!("/customers/{}/users", visible.customer.id))))
}

/// `POST /v1/customers/{customerId}/users` → 201. The user holds `customer_reader` until given
/// another role through `directoryroles`.
#[utoipa::path(
    post,
    path = "/users",
    operation_id = "createCustomerUser",
    tag = "Users",
    summary = "Create a customer's user",
    description = "The user holds the reader role until given another through `directoryroles`.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    request_body = NewCustomerUser,
    responses(
        (status = 201, description = "The user; `passwordLink` is theirs to choose a password", body = CustomerUser, links(
            ("updateCustomerUser" = (operation_id = "updateCustomerUser", parameters(("customer_id" = "$request.path.customer_id"), ("user_id" = "$response.body#/id")))),
        )),
        (status = 409, description = "An account with this email exists already", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn create_customer_user(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    actor: Actor,
    Json(new): Json<NewCustomerUser>,
) -> AppResult<(StatusCode, JsonResponse<CustomerUser>)> {
    may_manage(&visible)?;
    invalid(new.violations())?;
    let hash = match new.password_profile.as_ref() {
        Some(profile) => Some(password::hash(profile.password.clone()).await?),
        None => None,
    };
    let owner = customer_owner(&visible);
    let id = uuid::Uuid::new_v4().to_string();
    let account = NewAccount {
        id: &id,
        owner,
        email: &new.user_principal_name,
        display_name: &new.display_name,
        first_name: Some(&new.first_name),
        last_name: Some(&new.last_name),
        usage_location: Some(&new.usage_location),
        locale: "",
        password_hash: hash.as_deref(),
        roles: &[Role::CustomerReader],
    };
    let (row, link) = add_user(&state, owner, &visible.user, &actor, account).await?;
    Ok((StatusCode::CREATED, JsonResponse(to_customer_user(row, link))))
}

/// `PATCH …/users/{userId}`: the display name, or `state: active` to restore a deleted user.
#[utoipa::path(
    patch,
    path = "/users/{user_id}",
    operation_id = "updateCustomerUser",
    tag = "Users",
    summary = "Rename a customer's user, or restore a deleted one",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("user_id" = String, Path, description = "The user's id")),
    request_body = CustomerUserPatch,
    responses(
        (status = 200, description = "The user", body = CustomerUser),
        (status = 404, description = "No such user of the customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn update_customer_user(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    actor: Actor,
    Path((_, user_id)): Path<(String, String)>,
    Json(patch): Json<CustomerUserPatch>,
) -> AppResult<JsonResponse<CustomerUser>> {
    may_manage(&visible)?;
    let owner = customer_owner(&visible);
    let mut problems = Vec::new();
    if let Some(name) = &patch.display_name
        && let Err(v) =
            portal_domain::validation::check_text(name, portal_domain::validation::NAME_MAX_LEN)
    {
        problems.push(("displayName", v));
    }
    if patch.state == Some(UserState::Invited) {
        problems.push(("state", Violation::NotAState));
    }
    invalid(problems)?;
    if let Some(name) = &patch.display_name {
        accounts::rename(&state.db, owner, &user_id, name, &actor, state.clock.now())
            .await?
            .map_err(|r| refusal_error(r, owner, &user_id))?;
    }
    apply(&state, owner, &actor, &user_id, None, patch.state).await?;
    let row = accounts::find(&state.db, owner, &user_id)
        .await?
        .ok_or_else(|| user_not_found(&user_id))?;
    Ok(JsonResponse(to_customer_user(row, None)))
}

/// `DELETE …/users/{userId}` → 204: the user is deactivated (restorable with a PATCH).
#[utoipa::path(
    delete,
    path = "/users/{user_id}",
    operation_id = "deleteCustomerUser",
    tag = "Users",
    summary = "Deactivate a customer's user",
    description = "Restorable with a PATCH.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("user_id" = String, Path, description = "The user's id")),
    responses(
        (status = 204, description = "Deactivated"),
        (status = 404, description = "No such user of the customer", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The change would leave no active customer admin", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn delete_customer_user(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    actor: Actor,
    Path((_, user_id)): Path<(String, String)>,
) -> AppResult<StatusCode> {
    may_manage(&visible)?;
    let owner = customer_owner(&visible);
    apply(&state, owner, &actor, &user_id, None, Some(UserState::Deactivated)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/users/{user_id}/passwordreset",
    operation_id = "resetCustomerUserPassword",
    tag = "Users",
    summary = "A new link for a customer's user to choose a password",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("user_id" = String, Path, description = "The user's id")),
    responses(
        (status = 201, description = "The link", body = PasswordLink),
        (status = 404, description = "No such user of the customer", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The user is deactivated", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn reset_customer_user(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    actor: Actor,
    Path((_, user_id)): Path<(String, String)>,
) -> AppResult<(StatusCode, JsonResponse<PasswordLink>)> {
    may_manage(&visible)?;
    reset(&state, customer_owner(&visible), &visible.user, &actor, &user_id).await
}

#[utoipa::path(
    get,
    path = "/directoryroles",
    operation_id = "listDirectoryRoles",
    tag = "Users",
    summary = "The roles a customer's users can hold",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    responses(
        (status = 200, description = "The roles", body = Collection<DirectoryRole>),
    )
)]
pub async fn directory_roles(
    visible: VisibleCustomer,
) -> AppResult<JsonResponse<Collection<DirectoryRole>>> {
    may_manage(&visible)?;
    let items = CUSTOMER_ROLES
        .iter()
        .map(|(role, name)| DirectoryRole {
            id: role.as_str().to_owned(),
            name: (*name).to_owned(),
            attributes: Attributes::of("DirectoryRole"),
        })
        .collect();
    Ok(JsonResponse(Collection::page(
        items,
        format!("/customers/{}/directoryroles", visible.customer.id),
    )))
}

/// A customer directory role named in the path; 404 otherwise.
fn customer_role(role_id: &str) -> AppResult<Role> {
    CUSTOMER_ROLES.iter().map(|(r, _)| *r).find(|r| r.as_str() == role_id).ok_or_else(|| {
        AppError::new(ErrorCode::NotFound, format!("There is no directory role '{role_id}'."))
    })
}

fn member(row: &AccountRow, role: Role) -> UserMember {
    UserMember {
        id: row.id.clone(),
        display_name: row.display_name.clone(),
        user_principal_name: row.email.clone(),
        role_id: role.as_str().to_owned(),
    }
}

#[utoipa::path(
    get,
    path = "/directoryroles/{role_id}/usermembers",
    operation_id = "listRoleMembers",
    tag = "Users",
    summary = "Who holds a role",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("role_id" = String, Path, description = "The directory role's id")),
    responses(
        (status = 200, description = "The users holding it", body = Collection<UserMember>),
        (status = 404, description = "No such role", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn role_members(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    Path((_, role_id)): Path<(String, String)>,
) -> AppResult<JsonResponse<Collection<UserMember>>> {
    may_manage(&visible)?;
    let role = customer_role(&role_id)?;
    let rows = accounts::list(&state.db, customer_owner(&visible)).await?;
    let items = rows.iter().filter(|r| r.roles.contains(&role)).map(|r| member(r, role)).collect();
    Ok(JsonResponse(Collection::page(
        items,
        format!("/customers/{}/directoryroles/{role_id}/usermembers", visible.customer.id),
    )))
}

/// `POST …/directoryroles/{roleId}/usermembers` with `{"id": userId}` → 201.
#[utoipa::path(
    post,
    path = "/directoryroles/{role_id}/usermembers",
    operation_id = "addRoleMember",
    tag = "Users",
    summary = "Give a customer's user a role",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("role_id" = String, Path, description = "The directory role's id")),
    request_body = UserMember,
    responses(
        (status = 201, description = "The user holds the role", body = UserMember),
        (status = 404, description = "No such role or user of the customer", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn add_role_member(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    actor: Actor,
    Path((_, role_id)): Path<(String, String)>,
    Json(body): Json<UserMember>,
) -> AppResult<(StatusCode, JsonResponse<UserMember>)> {
    may_manage(&visible)?;
    let role = customer_role(&role_id)?;
    if body.id.trim().is_empty() {
        return Err(AppError::invalid_field("id", "is required: the user to add"));
    }
    let owner = customer_owner(&visible);
    let row = accounts::find(&state.db, owner, &body.id)
        .await?
        .ok_or_else(|| user_not_found(&body.id))?;
    let mut roles = row.roles.clone();
    if !roles.contains(&role) {
        roles.push(role);
    }
    apply(&state, owner, &actor, &row.id, Some(&roles), None).await?;
    Ok((StatusCode::CREATED, JsonResponse(member(&row, role))))
}

/// `DELETE …/directoryroles/{roleId}/usermembers/{userId}` → 204.
#[utoipa::path(
    delete,
    path = "/directoryroles/{role_id}/usermembers/{user_id}",
    operation_id = "removeRoleMember",
    tag = "Users",
    summary = "Take a role away",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("role_id" = String, Path, description = "The directory role's id"), ("user_id" = String, Path, description = "The user's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such role, or the user does not hold it", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The change would leave no active customer admin", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn remove_role_member(
    State(state): State<AppState>,
    visible: VisibleCustomer,
    actor: Actor,
    Path((_, role_id, user_id)): Path<(String, String, String)>,
) -> AppResult<StatusCode> {
    may_manage(&visible)?;
    let role = customer_role(&role_id)?;
    let owner = customer_owner(&visible);
    let row = accounts::find(&state.db, owner, &user_id)
        .await?
        .ok_or_else(|| user_not_found(&user_id))?;
    let roles: Vec<Role> = row.roles.iter().copied().filter(|r| *r != role).collect();
    apply(&state, owner, &actor, &user_id, Some(&roles), None).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- Password links ----

async fn link(state: &AppState, token: &str) -> AppResult<accounts::LinkRow> {
    let token = token.trim();
    if token.is_empty() {
        return Err(AppError::invalid_field("token", "is required"));
    }
    accounts::link_by_token(&state.db, &session::hash_token(token)).await?.ok_or_else(|| {
        AppError::new(
            ErrorCode::PasswordLinkNotFound,
            "This link is not complete or not right: open it again from the email, or ask an administrator for a new one.",
        )
    })
}

#[utoipa::path(
    post,
    path = "/passwordlinks/open",
    operation_id = "openPasswordLink",
    tag = "Users",
    summary = "What a password link is for",
    description = "Needs no session: the link's token is the proof.",
    request_body = InvitationToken,
    responses(
        (status = 200, description = "Whose account, and until when the link works", body = PasswordLinkDetails),
        (status = 404, description = "No such link", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The link was used, replaced or has expired", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn open_link(
    State(state): State<AppState>,
    Json(body): Json<InvitationToken>,
) -> AppResult<JsonResponse<PasswordLinkDetails>> {
    let row = link(&state, &body.token).await?;
    Ok(JsonResponse(PasswordLinkDetails {
        state: row.state(state.clock.now()).to_owned(),
        email: row.email,
        display_name: row.display_name,
        organization: row.organization,
        reset: row.has_password != 0,
        expires_at: row.expires_at,
        attributes: Attributes::of("PasswordLinkDetails"),
    }))
}

/// `POST /v1/passwordlinks/use` → 200 with the user, signed in with the new password.
#[utoipa::path(
    post,
    path = "/passwordlinks/use",
    operation_id = "usePasswordLink",
    tag = "Users",
    summary = "Choose a password with a link, and sign in",
    description = "Needs no session: the link's token is the proof. Sets the session cookie.",
    request_body = UsePasswordLink,
    responses(
        (status = 200, description = "Signed in: the user", body = Me),
        (status = 404, description = "No such link", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The link was used, replaced or has expired", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn use_link(
    State(state): State<AppState>,
    axum::Extension(ids): axum::Extension<crate::request_ids::RequestIds>,
    headers: HeaderMap,
    jar: CookieJar,
    Json(body): Json<UsePasswordLink>,
) -> AppResult<(CookieJar, JsonResponse<Me>)> {
    let row = link(&state, &body.token).await?;
    let now = state.clock.now();
    let closed = || {
        AppError::new(
            ErrorCode::PasswordLinkClosed,
            "This link no longer works (used, replaced by a newer one, or expired): ask an administrator for a new one.",
        )
    };
    if row.state(now) != "open" {
        return Err(closed());
    }
    invalid(body.violations())?;
    let hash = password::hash(body.password).await?;
    if !accounts::use_link(&state.db, &row, &hash, &ids.request_id, now).await? {
        return Err(closed());
    }
    let user = users::find_for_login(&state.db, &row.email)
        .await?
        .map(|(user, _)| user)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a user who just chose a password")))?;
    tracing::info!(user_id = %user.id, "password chosen through a link");
    let token = session::new_token();
    sessions::create(
        &state.db,
        &session::hash_token(&token),
        &user.id,
        now,
        now + session::LIFETIME,
    )
    .await?;
    let jar = jar.add(session::cookie(token, session::is_https(&headers)));
    Ok((jar, JsonResponse(user.to_me())))
}
