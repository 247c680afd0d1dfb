//! `GET /v1/customers` and `GET /v1/customers/{customerId}`.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing;
use portal_domain::customer::CustomerLinks;
use portal_domain::{
    Address, Attributes, BillingProfile, Collection, CompanyProfile, Customer, Link,
    RelationshipToPartner,
};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::auth::access::VisibleCustomer;
use crate::error::AppResult;
use crate::extract::Query;
use crate::paging;
use crate::state::AppState;
use crate::store::customers::{self, After, CustomerRow};

/// `/v1/customers`.
pub fn router() -> Router<AppState> {
    Router::new().route("/customers", routing::get(list))
}

/// Mounted at `/v1/customers/{customer_id}`, behind its visibility guard.
pub fn customer_router() -> Router<AppState> {
    Router::new().route("/", routing::get(get))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListParams {
    size: Option<i64>,
    seek_operation: Option<String>,
}

const DEFAULT_PAGE: i64 = 100;
const MAX_PAGE: i64 = 500;

/// Partner users get the customers their partner has an accepted relationship with; a customer
/// user gets a collection holding only their own customer.
pub async fn list(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    headers: HeaderMap,
    Query(params): Query<ListParams>,
) -> AppResult<Json<Collection<Customer>>> {
    let size = paging::page_size(params.size, DEFAULT_PAGE, MAX_PAGE)?;
    paging::check_seek_operation(params.seek_operation.as_deref())?;
    let after = paging::cursor_from::<(String, String)>(&headers)?
        .map(|(company_name, id)| After { company_name, id });
    let rows = customers::list(&state.db, &user.scope(), after.as_ref(), size + 1).await?;
    Ok(Json(paging::seek_page(
        rows,
        size,
        "/customers",
        |row| (row.company_name.clone(), row.id.clone()),
        to_resource,
    )))
}

pub async fn get(VisibleCustomer { customer, .. }: VisibleCustomer) -> Json<Customer> {
    Json(to_resource(customer))
}

fn to_resource(row: CustomerRow) -> Customer {
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
            default_address: Address { country: row.country },
        },
        currency: row.currency,
        relationship_to_partner,
        id: row.id,
        attributes: Attributes::of("Customer"),
    }
}
