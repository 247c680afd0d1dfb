//! Delegated admin relationships (seed 002): the partner's request link, invitations for the
//! customers it creates, the customer's answer, and ending a relationship.
//!
//! - `GET /v1/customers/relationshiprequests` (Partner Center): the partner's general link.
//! - `GET /v1/relationshiprequests/{partnerId}`, `POST …/accept` (ours): a signed-in customer
//!   admin reads that request and accepts it.
//! - `POST /v1/invitations` (ours): a single-use link for a new customer's first admin, emailed
//!   when SMTP is configured; `POST /v1/invitations/open|accept|decline` answer it. The token
//!   travels in the body, never in a URL, to stay out of access logs.
//! - `GET /v1/customers/{id}/relationships` (Partner Center) and `PATCH /v1/customers/{id}` with
//!   `relationshipToPartner: none` (Partner Center's way to end one).

use axum::Json as JsonResponse;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum_extra::extract::CookieJar;
use portal_domain::relationship::{
    AcceptInvitation, CustomerPatch, DelegatedRole, Invitation, InvitationDetails, InvitationState,
    InvitationToken, NewInvitation, PartnerRelationship, RELATIONSHIP_DAYS, RELATIONSHIP_DURATION,
    RelationshipRequest, RelationshipRequestDetails,
};
use portal_domain::{
    ApiErrorBody, Attributes, Collection, Customer, ErrorCode, FieldError, Me,
    RelationshipToPartner, Role,
};

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::access::{
    Allowed, AnswerRelationshipRequests, CreateCustomers, EndRelationships, Permission,
    VisibleCustomer,
};
use crate::auth::{password, session};
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::identity::User;
use crate::mail::InvitationMail;
use crate::request_ids::RequestIds;
use crate::routes::customers::to_resource;
use crate::state::AppState;
use crate::store::activity::Actor;
use crate::store::relationships::{
    self, AnswerRefusal, InvitationRow, IssueRefusal, NewInvitationRow, Refusal, RelationshipRow,
};
use crate::store::sessions;
use crate::store::users::NewUser;

/// What every request asks for (see [`DelegatedRole`]).
const ASKED_ROLES: [DelegatedRole; 3] = DelegatedRole::ALL;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(request_url))
        .routes(routes!(request_details))
        .routes(routes!(accept_request))
        .routes(routes!(invite))
        .routes(routes!(open_invitation))
        .routes(routes!(accept_invitation))
        .routes(routes!(decline_invitation))
}

/// Mounted under `/v1/customers/{customer_id}`, behind its visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// `GET /v1/customers/relationshiprequests`: the link a customer's admin opens to accept this
/// partner as its reseller.
#[utoipa::path(
    get,
    path = "/customers/relationshiprequests",
    operation_id = "getRelationshipRequestUrl",
    tag = "Customers",
    summary = "The link a customer's admin opens to accept this partner as reseller",
    description = "Partner global admins and sales agents.",
    security(("session" = [])),
    responses(
        (status = 200, description = "The link", body = RelationshipRequest),
    )
)]
pub async fn request_url(
    State(state): State<AppState>,
    allowed: Allowed<CreateCustomers>,
) -> AppResult<JsonResponse<RelationshipRequest>> {
    Ok(JsonResponse(RelationshipRequest {
        url: format!("{}/partner-request/{}", state.public_url(), allowed.partner_id()?),
        attributes: Attributes::of("RelationshipRequest"),
    }))
}

#[utoipa::path(
    get,
    path = "/relationshiprequests/{partner_id}",
    operation_id = "getRelationshipRequest",
    tag = "Customers",
    summary = "What a partner's request asks",
    security(("session" = [])),
    params(("partner_id" = String, Path, description = "The partner's id", example = "5e0c1f5a-6b2e-4c1d-9a3e-5f8b2c4d1e01")),
    responses(
        (status = 200, description = "The partner and the roles it asks for", body = RelationshipRequestDetails),
        (status = 404, description = "No such partner", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn request_details(
    State(state): State<AppState>,
    allowed: Allowed<AnswerRelationshipRequests>,
    Path(partner_id): Path<String>,
) -> AppResult<JsonResponse<RelationshipRequestDetails>> {
    let customer_id = customer_of(&allowed.user)?;
    let partner = partner(&state, &partner_id).await?;
    let mine = relationships::of_customer(&state.db, customer_id, None).await?;
    let status = mine.iter().find(|r| r.partner_id == partner_id).map(|r| r.status);
    let other_reseller = mine
        .iter()
        .find(|r| r.partner_id != partner_id && r.status.keeps_others_out())
        .map(|r| r.partner_name.clone());
    Ok(JsonResponse(RelationshipRequestDetails {
        partner_id,
        partner_name: partner.0,
        mpn_id: partner.1,
        delegated_roles: ASKED_ROLES.to_vec(),
        duration: RELATIONSHIP_DURATION.to_owned(),
        duration_days: RELATIONSHIP_DAYS,
        status,
        other_reseller,
        attributes: Attributes::of("RelationshipRequestDetails"),
    }))
}

/// Accepts the partner's request for the signed-in admin's organization → 200 with the now
/// active relationship.
#[utoipa::path(
    post,
    path = "/relationshiprequests/{partner_id}/accept",
    operation_id = "acceptRelationshipRequest",
    tag = "Customers",
    summary = "Accept a partner as the organization's reseller",
    description = "By a customer admin.",
    security(("session" = [])),
    params(("partner_id" = String, Path, description = "The partner's id", example = "5e0c1f5a-6b2e-4c1d-9a3e-5f8b2c4d1e01")),
    responses(
        (status = 200, description = "The relationship, now active", body = PartnerRelationship),
        (status = 404, description = "No such partner", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The customer has a reseller already", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn accept_request(
    State(state): State<AppState>,
    allowed: Allowed<AnswerRelationshipRequests>,
    actor: Actor,
    Path(partner_id): Path<String>,
) -> AppResult<JsonResponse<PartnerRelationship>> {
    let customer_id = customer_of(&allowed.user)?;
    let (partner_name, _) = partner(&state, &partner_id).await?;
    let now = state.clock.now();
    let partner = (partner_id.as_str(), partner_name.as_str());
    match relationships::accept_request(&state.db, partner, customer_id, now, &actor).await? {
        Ok(()) => {}
        Err(Refusal::AlreadyActive) => {
            return Err(AppError::new(
                ErrorCode::RelationshipConflict,
                "This partner already acts for your organization: there is nothing to accept.",
            ));
        }
        Err(Refusal::OtherReseller(name)) => return Err(other_reseller(&name)),
        Err(Refusal::NothingToEnd) => unreachable!("accepting never ends"),
    }
    tracing::info!(%partner_id, %customer_id, "relationship request accepted");
    let row = relationships::of_customer(&state.db, customer_id, Some(&partner_id))
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("an accepted relationship vanished")))?;
    Ok(JsonResponse(to_resource_relationship(row)))
}

fn other_reseller(name: &str) -> AppError {
    let who = if name.is_empty() { "another partner".to_owned() } else { name.to_owned() };
    AppError::new(
        ErrorCode::RelationshipConflict,
        format!(
            "Your organization already works with {who}. This portal bills each customer through \
             one reseller: end that relationship on your account page first, then accept this one."
        ),
    )
}

/// The customer of a customer user (the permission guarantees one).
fn customer_of(user: &User) -> AppResult<&str> {
    user.customer_id.as_deref().ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!("a customer permission held by a partner user"))
    })
}

/// The partner's name and MPN id; 404 for an unknown partner.
async fn partner(state: &AppState, partner_id: &str) -> AppResult<(String, String)> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT name, mpn_id FROM partners WHERE id = $1")
            .bind(partner_id)
            .fetch_optional(&state.db)
            .await?;
    found.ok_or_else(|| {
        AppError::new(
            ErrorCode::NotFound,
            "This request link names no partner: ask the partner for its link again.",
        )
    })
}

/// `POST /v1/invitations` → 201: a new link for the first admin of a customer the partner
/// created, valid for seven days; earlier unanswered links for the customer stop working.
#[utoipa::path(
    post,
    path = "/invitations",
    operation_id = "createInvitation",
    tag = "Customers",
    summary = "Invite the first admin of a customer the partner created",
    description = "The link works for seven days; earlier unanswered links for the customer stop working.",
    security(("session" = [])),
    request_body = NewInvitation,
    responses(
        (status = 201, description = "The invitation and its link", body = Invitation),
        (status = 404, description = "No such customer of the partner", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The relationship cannot be asked for now (the customer has a reseller)", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn invite(
    State(state): State<AppState>,
    allowed: Allowed<CreateCustomers>,
    actor: Actor,
    Json(new): Json<NewInvitation>,
) -> AppResult<(StatusCode, JsonResponse<Invitation>)> {
    let customer_id = new.customer_id.trim();
    if customer_id.is_empty() {
        return Err(AppError::invalid_field("customerId", "is required"));
    }
    let token = session::new_token();
    let id = uuid::Uuid::new_v4().to_string();
    let issued = relationships::issue_invitation(
        &state.db,
        NewInvitationRow {
            id: &id,
            token_hash: &session::hash_token(&token),
            partner_id: allowed.partner_id()?,
            customer_id,
            actor: &actor,
            now: state.clock.now(),
        },
    )
    .await?;
    let row = match issued {
        Ok(row) => row,
        Err(IssueRefusal::NotFound) => return Err(AppError::customer_not_found(customer_id)),
        Err(IssueRefusal::AlreadyActive) => {
            return Err(AppError::new(
                ErrorCode::RelationshipConflict,
                "This customer has accepted your relationship already: it is in your customer list.",
            ));
        }
        Err(IssueRefusal::NoEmail) => {
            return Err(AppError::new(
                ErrorCode::RelationshipConflict,
                "This customer has no contact email to invite: send it your request link instead.",
            ));
        }
    };
    let url = format!("{}/invitation#{token}", state.public_url());
    let expires_on = row.expires_at.get(..10).unwrap_or(&row.expires_at);
    let emailed = state
        .mailer
        .send_invitation(&InvitationMail {
            to: &row.email,
            language: row.language.as_deref().unwrap_or(&row.culture),
            partner_name: &row.partner_name,
            company_name: &row.company_name,
            url: &url,
            expires_on,
        })
        .await;
    tracing::info!(invitation_id = %id, %customer_id, emailed, "invitation issued");
    Ok((
        StatusCode::CREATED,
        JsonResponse(Invitation {
            id,
            customer_id: row.customer_id,
            company_name: row.company_name,
            email: row.email,
            url,
            expires_at: row.expires_at,
            emailed,
            attributes: Attributes::of("Invitation"),
        }),
    ))
}

/// The invitation a token opens; 404 for none.
async fn invitation(state: &AppState, token: &str) -> AppResult<InvitationRow> {
    let token = token.trim();
    if token.is_empty() {
        return Err(AppError::invalid_field("token", "is required"));
    }
    relationships::invitation_by_token(&state.db, &session::hash_token(token)).await?.ok_or_else(
        || {
            AppError::new(
                ErrorCode::InvitationNotFound,
                "This invitation link is not complete or not right: open it again from the email, or ask your partner for a new one.",
            )
        },
    )
}

/// `POST /v1/invitations/open`: what the invitation asks, and whether it can still be answered.
#[utoipa::path(
    post,
    path = "/invitations/open",
    operation_id = "openInvitation",
    tag = "Customers",
    summary = "What an invitation asks",
    description = "Needs no session: the token is the proof.",
    request_body = InvitationToken,
    responses(
        (status = 200, description = "The invitation, and whether it can still be answered", body = InvitationDetails),
        (status = 404, description = "No such invitation", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn open_invitation(
    State(state): State<AppState>,
    Json(body): Json<InvitationToken>,
) -> AppResult<JsonResponse<InvitationDetails>> {
    let row = invitation(&state, &body.token).await?;
    Ok(JsonResponse(InvitationDetails {
        state: row.state(state.clock.now()),
        partner_name: row.partner_name,
        company_name: row.company_name,
        domain: row.domain,
        email: row.email,
        delegated_roles: ASKED_ROLES.to_vec(),
        duration: RELATIONSHIP_DURATION.to_owned(),
        duration_days: RELATIONSHIP_DAYS,
        expires_at: row.expires_at,
        attributes: Attributes::of("InvitationDetails"),
    }))
}

/// 409 for an invitation that can no longer be answered, saying why and what to do.
fn closed(row: &InvitationRow, state: InvitationState) -> AppError {
    let partner = &row.partner_name;
    let description = match state {
        InvitationState::Accepted => {
            "This invitation has been accepted already: sign in with the email address it was sent to.".to_owned()
        }
        InvitationState::Declined => format!(
            "This invitation was declined. If that was a mistake, ask {partner} for a new one."
        ),
        InvitationState::Replaced => format!(
            "{partner} has sent a newer invitation since this one: use the newest link."
        ),
        InvitationState::Expired | InvitationState::Open => format!(
            "This invitation expired on {}. Ask {partner} for a new one.",
            row.expires_at.get(..10).unwrap_or(&row.expires_at)
        ),
    };
    AppError::new(ErrorCode::InvitationClosed, description)
}

/// `POST /v1/invitations/accept` → 200 with the new admin, signed in: the customer's first admin
/// account is created with the invitation's email, and the relationship becomes active.
#[utoipa::path(
    post,
    path = "/invitations/accept",
    operation_id = "acceptInvitation",
    tag = "Customers",
    summary = "Accept an invitation: create the first admin and sign in",
    description = "Needs no session: the token is the proof. The relationship becomes active; the session cookie is set.",
    request_body = AcceptInvitation,
    responses(
        (status = 200, description = "The new admin, signed in", body = Me),
        (status = 404, description = "No such invitation", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The invitation was answered, replaced or has expired, or an account with this email exists", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn accept_invitation(
    State(state): State<AppState>,
    Extension(ids): Extension<RequestIds>,
    headers: HeaderMap,
    jar: CookieJar,
    Json(body): Json<AcceptInvitation>,
) -> AppResult<(CookieJar, JsonResponse<Me>)> {
    let row = invitation(&state, &body.token).await?;
    let now = state.clock.now();
    let current = row.state(now);
    if current != InvitationState::Open {
        return Err(closed(&row, current));
    }
    let violations = body.violations();
    if !violations.is_empty() {
        return Err(AppError::invalid_fields(
            violations.into_iter().map(|(field, v)| FieldError::new(field, v.english())).collect(),
        ));
    }
    let hash = password::hash(body.password).await?;
    let user = User {
        id: uuid::Uuid::new_v4().to_string(),
        email: row.email.to_lowercase(),
        display_name: body.display_name.trim().to_owned(),
        partner_id: None,
        customer_id: Some(row.customer_id.clone()),
        locale: row.culture.clone(),
        roles: vec![Role::CustomerAdmin],
    };
    let admin = NewUser {
        id: &user.id,
        email: &user.email,
        display_name: &user.display_name,
        password_hash: &hash,
        partner_id: None,
        customer_id: user.customer_id.as_deref(),
        locale: &user.locale,
        roles: &user.roles,
    };
    let actor = Actor::user(&user, &ids.request_id);
    match relationships::accept_invitation(&state.db, &row, &admin, &actor, now).await? {
        Ok(()) => {}
        Err(AnswerRefusal::Closed) => {
            // Answered or replaced a moment ago: say what it is now.
            let fresh = invitation(&state, &body.token).await?;
            return Err(closed(&fresh, fresh.state(now)));
        }
        Err(AnswerRefusal::RelationshipChanged) => {
            return Err(AppError::new(
                ErrorCode::RelationshipConflict,
                format!(
                    "{} no longer waits for this answer (the relationship changed meanwhile). Ask {} for a new invitation.",
                    row.company_name, row.partner_name
                ),
            ));
        }
        Err(AnswerRefusal::AccountExists) => {
            return Err(AppError::new(
                ErrorCode::AccountExists,
                format!(
                    "An account with {} exists already. Sign in with it, then open {}'s request link to accept.",
                    row.email, row.partner_name
                ),
            ));
        }
    }
    tracing::info!(invitation_id = %row.id, customer_id = %row.customer_id, user_id = %user.id, "invitation accepted");
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

/// `POST /v1/invitations/decline` → 204: the partner gets no access; it may invite again.
#[utoipa::path(
    post,
    path = "/invitations/decline",
    operation_id = "declineInvitation",
    tag = "Customers",
    summary = "Decline an invitation",
    description = "Needs no session: the token is the proof. The partner gets no access; it may invite again.",
    request_body = InvitationToken,
    responses(
        (status = 204, description = "Declined"),
        (status = 404, description = "No such invitation", body = portal_domain::ApiErrorBody),
        (status = 409, description = "The invitation was answered, replaced or has expired", body = portal_domain::ApiErrorBody),
    )
)]
pub async fn decline_invitation(
    State(state): State<AppState>,
    Extension(ids): Extension<RequestIds>,
    Json(body): Json<InvitationToken>,
) -> AppResult<StatusCode> {
    let row = invitation(&state, &body.token).await?;
    let now = state.clock.now();
    let current = row.state(now);
    if current != InvitationState::Open {
        return Err(closed(&row, current));
    }
    let actor = Actor::anonymous(&row.email, &ids.request_id);
    match relationships::decline_invitation(&state.db, &row, &actor, now).await? {
        Ok(()) => {}
        Err(_) => {
            let fresh = invitation(&state, &body.token).await?;
            return Err(closed(&fresh, fresh.state(now)));
        }
    }
    tracing::info!(invitation_id = %row.id, customer_id = %row.customer_id, "invitation declined");
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /v1/customers/{customerId}/relationships`: the customer's partners (a partner user sees
/// only its own relationship).
#[utoipa::path(
    get,
    path = "/relationships",
    operation_id = "listRelationships",
    tag = "Customers",
    summary = "The customer's partners",
    description = "A partner user sees only its own relationship.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    responses(
        (status = 200, description = "The relationships", body = Collection<PartnerRelationship>),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    VisibleCustomer { user, customer }: VisibleCustomer,
) -> AppResult<JsonResponse<Collection<PartnerRelationship>>> {
    let rows =
        relationships::of_customer(&state.db, &customer.id, user.partner_id.as_deref()).await?;
    let items = rows.into_iter().map(to_resource_relationship).collect();
    Ok(JsonResponse(Collection::page(items, format!("/customers/{}/relationships", customer.id))))
}

/// `PATCH /v1/customers/{customerId}` with `{"relationshipToPartner": "none"}`: ends the reseller
/// relationship. The partner loses access at once (its sessions included: every request reads
/// the relationship); the subscriptions stay with the customer.
#[utoipa::path(
    patch,
    path = "/",
    tag = "Customers",
    summary = "End the reseller relationship",
    operation_id = "endRelationship",
    description = "With `{\"relationshipToPartner\": \"none\"}`: the partner loses access at once; the customer keeps its subscriptions. Partner global admins.",
    security(("session" = [])),
    params(crate::openapi::CustomerPath),
    request_body = CustomerPatch,
    responses(
        (status = 200, description = "The customer, its relationship ended", body = Customer),
        (status = 400, description = "Only `relationshipToPartner: none` may be sent", body = ApiErrorBody),
        (status = 409, description = "There is no active relationship with a partner to end", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such customer, or not one the caller may see", body = ApiErrorBody),
    )
)]
pub async fn end(
    State(state): State<AppState>,
    VisibleCustomer { user, mut customer }: VisibleCustomer,
    actor: Actor,
    Json(patch): Json<CustomerPatch>,
) -> AppResult<JsonResponse<Customer>> {
    // The customer is visible (the guard said so); ending it is for its admins only.
    if !EndRelationships::allows(&user) {
        return Err(AppError::forbidden(EndRelationships::REFUSAL));
    }
    if patch.relationship_to_partner != RelationshipToPartner::None {
        return Err(AppError::invalid_field(
            "relationshipToPartner",
            "can only be set to none (ending the relationship); a customer accepts a new one itself",
        ));
    }
    let ended = relationships::end(
        &state.db,
        &customer.id,
        user.partner_id.as_deref(),
        &actor,
        state.clock.now(),
    )
    .await?;
    if ended.is_err() {
        return Err(AppError::new(
            ErrorCode::RelationshipConflict,
            "There is no active relationship with a partner to end.",
        ));
    }
    tracing::info!(customer_id = %customer.id, user_id = %user.id, "relationship ended");
    customer.relationship_type = None;
    Ok(JsonResponse(to_resource(customer)))
}

fn to_resource_relationship(row: RelationshipRow) -> PartnerRelationship {
    PartnerRelationship {
        id: row.partner_id,
        name: row.partner_name,
        mpn_id: row.mpn_id,
        relationship_type: row.relationship_type,
        status: row.status,
        delegated_roles: ASKED_ROLES.to_vec(),
        duration: RELATIONSHIP_DURATION.to_owned(),
        created_at: row.created_at,
        accepted_at: row.accepted_at,
        expires_at: row.expires_at,
        ended_at: row.ended_at,
        attributes: Attributes::of("PartnerRelationship"),
    }
}

/// Mark expired relationships as such, every few minutes beside the server.
pub async fn run_expiry(
    db: crate::db::Db,
    clock: crate::clock::Clock,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(300);
    loop {
        match relationships::expire_due(&db, clock.now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "delegated admin relationships expired"),
            Err(e) => tracing::error!(error = %e, "expiring relationships failed; retrying"),
        }
        tokio::select! {
            () = tokio::time::sleep(EVERY) => {}
            _ = stop.changed() => return,
        }
    }
}
