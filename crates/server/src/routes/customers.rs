//! `GET /v1/customers`, `POST /v1/customers` and `GET /v1/customers/{customerId}`.

use axum::Json as JsonResponse;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use portal_domain::customer::{CustomerLinks, CustomerSummary, NewCustomer};
use portal_domain::relationship::RelationshipStatus;
use portal_domain::validation::FieldError;
use portal_domain::{
    Address, ApiErrorBody, Attributes, BillingProfile, Collection, CompanyProfile, Customer, Link,
    RelationshipToPartner,
};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::auth::access::{Allowed, CreateCustomers, VisibleCustomer};
use crate::catalog;
use crate::error::{AppError, AppResult};
use crate::extract::{Json, Query};
use crate::openapi::CustomerPath;
use crate::paging;
use crate::state::AppState;
use crate::store::activity::Actor;
use crate::store::customers::{self, After, CustomerRow, ListFilter, NewCustomerRow};

/// `/v1/customers`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(summary))
}

/// `GET /v1/customers/summary` (our extension): how many customers the partner has in each
/// relationship status, for the overview. Customer users get 403.
#[utoipa::path(
    get,
    path = "/customers/summary",
    operation_id = "getCustomerSummary",
    tag = "Customers",
    summary = "Count the partner's customers by relationship status",
    description = "Our extension. Partner users only.",
    security(("session" = [])),
    responses(
        (status = 200, description = "The counts", body = CustomerSummary),
        (status = 401, description = "No session", body = ApiErrorBody),
    )
)]
pub async fn summary(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
) -> AppResult<JsonResponse<CustomerSummary>> {
    let partner_id = super::partner_of(&user, "count the partner's customers")?;
    let mut summary = CustomerSummary {
        active: 0,
        pending: 0,
        declined: 0,
        ended: 0,
        expired: 0,
        attributes: Attributes::of("CustomerSummary"),
    };
    for (status, count) in customers::count_by_status(&state.db, partner_id).await? {
        let slot = match status.parse::<RelationshipStatus>() {
            Ok(RelationshipStatus::Active) => &mut summary.active,
            Ok(RelationshipStatus::Pending) => &mut summary.pending,
            Ok(RelationshipStatus::Declined) => &mut summary.declined,
            Ok(RelationshipStatus::Ended) => &mut summary.ended,
            Ok(RelationshipStatus::Expired) => &mut summary.expired,
            Err(_) => return Err(anyhow::anyhow!("unknown relationship status {status}").into()),
        };
        *slot = count;
    }
    Ok(JsonResponse(summary))
}

/// Mounted at `/v1/customers/{customer_id}`, behind its visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get, super::relationships::end))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct ListParams {
    /// Customers a page, 1 to 500 (100).
    #[param(minimum = 1, maximum = 500)]
    size: Option<i64>,
    /// `next` with `MS-ContinuationToken` for the next page (the collection's `links.next`).
    seek_operation: Option<String>,
    /// Our extension: `active` (the default), `pending`, `declined`, `ended`, `expired`, or
    /// several separated by commas.
    relationship_status: Option<String>,
    /// Our extension: only customers whose name, domain or Microsoft ID contains this.
    q: Option<String>,
}

/// The most a search may be: longer than any name, domain or id.
const SEARCH_MAX_LEN: usize = 253;

const DEFAULT_PAGE: i64 = 100;
const MAX_PAGE: i64 = 500;

/// Partner users get the customers their partner has an active relationship with, or those
/// whose relationship has the statuses asked for (customers that have not accepted or that left
/// stay listed: their record, none of their data); a customer user gets a collection holding
/// only their own customer.
#[utoipa::path(
    get,
    path = "/customers",
    tag = "Customers",
    summary = "List customers",
    operation_id = "listCustomers",
    description = "A partner user gets the customers whose relationship with the partner is active (or has the statuses asked for); a customer user, their own customer. Sorted by company name, paged with `MS-ContinuationToken`.",
    security(("session" = [])),
    params(
        ListParams,
        ("MS-ContinuationToken" = Option<String>, Header, description = "The next page's token, from the previous page's `links.next`"),
    ),
    responses(
        (status = 200, description = "A page of customers", body = Collection<Customer>),
        (status = 400, description = "A parameter is invalid", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    headers: HeaderMap,
    Query(params): Query<ListParams>,
) -> AppResult<JsonResponse<Collection<Customer>>> {
    let size = paging::page_size(params.size, DEFAULT_PAGE, MAX_PAGE)?;
    paging::check_seek_operation(params.seek_operation.as_deref())?;
    let after = paging::cursor_from::<(String, String)>(&headers)?
        .map(|(company_name, id)| After { company_name, id });
    let statuses = match params.relationship_status.as_deref() {
        None => vec![RelationshipStatus::Active],
        Some(text) => text.split(',').map(|s| s.trim().parse()).collect::<Result<Vec<_>, _>>().map_err(
            |_| {
                AppError::invalid_field(
                    "relationshipStatus",
                    "must be active, pending, declined, ended or expired (or several, separated by commas)",
                )
            },
        )?,
    };
    let search = params.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if search.is_some_and(|q| q.chars().count() > SEARCH_MAX_LEN) {
        return Err(AppError::invalid_field(
            "q",
            format!("must be at most {SEARCH_MAX_LEN} characters"),
        ));
    }
    let filter = ListFilter { statuses: &statuses, search };
    let rows = customers::list(&state.db, &user.scope(), filter, after.as_ref(), size + 1).await?;
    // The next page's link repeats the query (percent-encoded).
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(text) = &params.relationship_status {
        query.append_pair("relationshipStatus", text);
    }
    if let Some(q) = search {
        query.append_pair("q", q);
    }
    let query = query.finish();
    let base =
        if query.is_empty() { "/customers".to_owned() } else { format!("/customers?{query}") };
    Ok(JsonResponse(paging::seek_page(
        rows,
        size,
        &base,
        |row| (row.company_name.clone(), row.id.clone()),
        to_resource,
    )))
}

/// `POST /v1/customers` → 201 with the customer, whose id is its new tenant id. Its billing
/// currency comes from its country; its reseller relationship waits for the customer to accept it,
/// and until then the partner sees none of its data.
#[utoipa::path(
    post,
    path = "/customers",
    tag = "Customers",
    summary = "Create a customer",
    operation_id = "createCustomer",
    description = "Creates the customer with a pending reseller relationship: the partner sees none of its data until the customer accepts. Its billing currency follows its country. Partner global admins and sales agents.",
    security(("session" = [])),
    request_body = NewCustomer,
    responses(
        (status = 201, description = "Created; `Location` names it", body = Customer,
            headers(("Location" = String, description = "The new customer's path")),
            links(("getCustomer" = (operation_id = "getCustomer", parameters(("customer_id" = "$response.body#/id")))))),
        (status = 400, description = "A field is missing or invalid (`data` lists them)", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 409, description = "A customer with this domain exists", body = ApiErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    allowed: Allowed<CreateCustomers>,
    actor: Actor,
    Json(new): Json<NewCustomer>,
) -> AppResult<(StatusCode, HeaderMap, JsonResponse<Customer>)> {
    let mut problems: Vec<FieldError> = new
        .violations()
        .into_iter()
        .map(|(field, violation)| FieldError::new(field, violation.english()))
        .collect();
    let country = new.billing_profile.default_address.country.trim().to_ascii_uppercase();
    let currency = catalog::currency_of(&country);
    if currency.is_none() && !country.is_empty() {
        let sold_in: Vec<&str> = catalog::COUNTRIES.iter().map(|(c, _)| *c).collect();
        problems.push(FieldError::new(
            "billingProfile.defaultAddress.country",
            format!("is not a country we sell in ({})", sold_in.join(", ")),
        ));
    }
    let Some(currency) = currency.filter(|_| problems.is_empty()) else {
        return Err(AppError::invalid_fields(problems));
    };
    let id = uuid::Uuid::new_v4().to_string();
    let partner_id = allowed.partner_id()?;
    let row = NewCustomerRow {
        id: &id,
        partner_id,
        currency: currency.code,
        customer: &new,
        now: state.clock.now(),
        actor: &actor,
    };
    let created = match customers::create(&state.db, row).await? {
        Some(created) => created,
        // The same request again (a retry after a lost answer) gets the customer it created.
        None => customers::created_by_request(&state.db, partner_id, &actor.request_id)
            .await?
            .ok_or_else(|| {
                AppError::invalid_field(
                    "companyProfile.domain",
                    "is already used by another customer: check it, or find that customer in the list",
                )
            })?,
    };
    let mut headers = HeaderMap::new();
    headers.insert(
        header::LOCATION,
        HeaderValue::from_str(&format!("/v1/customers/{}", created.id))
            .expect("a UUID is a header value"),
    );
    Ok((StatusCode::CREATED, headers, JsonResponse(to_resource(created))))
}

#[utoipa::path(
    get,
    path = "/",
    tag = "Customers",
    summary = "Get a customer",
    operation_id = "getCustomer",
    security(("session" = [])),
    params(CustomerPath),
    responses(
        (status = 200, description = "The customer", body = Customer),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such customer, or not one the caller may see", body = ApiErrorBody),
    )
)]
pub async fn get(VisibleCustomer { customer, .. }: VisibleCustomer) -> JsonResponse<Customer> {
    JsonResponse(to_resource(customer))
}

pub(crate) fn to_resource(row: CustomerRow) -> Customer {
    let relationship_to_partner = match row.relationship_type.as_deref() {
        Some("reseller") => RelationshipToPartner::Reseller,
        _ => RelationshipToPartner::None,
    };
    Customer {
        links: CustomerLinks { self_link: Link::get(format!("/customers/{}", row.id)) },
        company_profile: CompanyProfile {
            tenant_id: row.id.clone(),
            company_name: row.company_name,
            domain: row.domain,
        },
        billing_profile: BillingProfile {
            culture: row.culture,
            email: row.contact_email,
            language: row.language,
            vat_number: row.vat_number,
            default_address: Address {
                country: row.country,
                address_line1: row.address_line1,
                city: row.city,
                postal_code: row.postal_code,
                first_name: row.contact_first_name,
                last_name: row.contact_last_name,
                phone_number: row.phone_number,
            },
        },
        currency: row.currency,
        relationship_to_partner,
        // A status this build cannot read is left out rather than guessed.
        relationship_status: row.relationship_status.as_deref().and_then(|s| s.parse().ok()),
        id: row.id,
        attributes: Attributes::of("Customer"),
    }
}
