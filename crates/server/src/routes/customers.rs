//! `GET /v1/customers` and `GET /v1/customers/{customerId}`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use portal_domain::customer::CustomerLinks;
use portal_domain::{
    Address, Attributes, BillingProfile, Collection, CompanyProfile, Customer, Link,
    RelationshipToPartner,
};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::paging;
use crate::state::AppState;
use crate::store::customers::{self, After, CustomerRow};

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

pub async fn get(
    State(state): State<AppState>,
    CurrentUser { user, .. }: CurrentUser,
    Path(customer_id): Path<String>,
) -> AppResult<Json<Customer>> {
    visible(&state, &user, &customer_id).await.map(|row| Json(to_resource(row)))
}

/// The customer if the caller may see it; 404 otherwise, whether it exists or not. Every route
/// under `/v1/customers/{customerId}` starts here.
pub(crate) async fn visible(
    state: &AppState,
    user: &crate::auth::User,
    customer_id: &str,
) -> AppResult<CustomerRow> {
    customers::find(&state.db, &user.scope(), customer_id)
        .await?
        .ok_or_else(|| AppError::customer_not_found(customer_id))
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
