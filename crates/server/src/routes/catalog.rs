//! The catalog: `/v1/products…?country=` and the customer-scoped forms under
//! `/v1/customers/{customerId}/products…`, which take the country from the customer. Our
//! extension `/v1/customers/{customerId}/availabilities` lists everything purchasable at once.

use axum::Json;
use axum::Router;
use axum::extract::Path;
use axum::http::HeaderMap;
use axum::routing;
use portal_domain::catalog::{Availability, Product, Sku};
use portal_domain::{Collection, ErrorCode};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::auth::access::VisibleCustomer;
use crate::catalog::{self, Language, Missing};
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::state::AppState;

/// The catalog by country: `/v1/products…`.
pub fn router() -> Router<AppState> {
    let sku = "/products/{product_id}/skus/{sku_id}";
    Router::new()
        .route("/products", routing::get(products))
        .route("/products/{product_id}", routing::get(product))
        .route("/products/{product_id}/skus", routing::get(skus))
        .route(sku, routing::get(self::sku))
        .route(&format!("{sku}/availabilities"), routing::get(availabilities))
        .route(&format!("{sku}/availabilities/{{availability_id}}"), routing::get(availability))
}

/// The catalog for a customer, mounted under `/v1/customers/{customer_id}`, behind its
/// visibility guard.
pub fn customer_router() -> Router<AppState> {
    let sku = "/products/{product_id}/skus/{sku_id}";
    Router::new()
        .route("/availabilities", routing::get(customer_purchasable))
        .route("/products", routing::get(customer_products))
        .route("/products/{product_id}", routing::get(customer_product))
        .route("/products/{product_id}/skus", routing::get(customer_skus))
        .route(sku, routing::get(customer_sku))
        .route(&format!("{sku}/availabilities"), routing::get(customer_sku_availabilities))
        .route(
            &format!("{sku}/availabilities/{{availability_id}}"),
            routing::get(customer_availability),
        )
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogQuery {
    country: Option<String>,
    target_view: Option<String>,
}

/// The language of catalog text: `X-Locale`, as in Partner Center; English by default.
pub(crate) fn language(headers: &HeaderMap) -> Language {
    Language::from_locale(headers.get("x-locale").and_then(|v| v.to_str().ok()))
}

fn missing(what: Missing) -> AppError {
    match what {
        Missing::Product => {
            AppError::new(ErrorCode::ProductNotFound, "No such product in this catalog.")
        }
        Missing::Sku => AppError::new(ErrorCode::SkuNotFound, "The product has no such SKU."),
        Missing::Availability => {
            AppError::new(ErrorCode::AvailabilityNotFound, "The SKU has no such availability.")
        }
    }
}

/// The `country` parameter of the global routes: required, and one we sell in.
fn country(query: &CatalogQuery) -> AppResult<String> {
    let Some(country) = query.country.as_deref().map(str::trim).filter(|c| !c.is_empty()) else {
        return Err(AppError::invalid_field(
            "country",
            "is required: an ISO 3166 code such as FR or US",
        ));
    };
    let known: Vec<_> = catalog::COUNTRIES.iter().map(|(c, _)| *c).collect();
    known.iter().find(|c| c.eq_ignore_ascii_case(country)).map(|c| (*c).to_owned()).ok_or_else(
        || {
            AppError::invalid_field(
                "country",
                format!("is not a country this catalog sells in ({})", known.join(", ")),
            )
        },
    )
}

fn target_view(query: &CatalogQuery) -> AppResult<&str> {
    query.target_view.as_deref().filter(|v| !v.trim().is_empty()).ok_or_else(|| {
        AppError::invalid_field(
            "targetView",
            "is required, e.g. MicrosoftAzure, Azure or OnlineServices",
        )
    })
}

fn page<T>(items: Vec<T>, uri: String) -> Json<Collection<T>> {
    Json(Collection::page(items, uri))
}

// Global forms.

pub async fn products(
    _: CurrentUser,
    headers: HeaderMap,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Collection<Product>>> {
    let (country, view) = (country(&q)?, target_view(&q)?);
    Ok(page(
        catalog::products(&country, Some(view), language(&headers)),
        format!("/products?country={country}&targetView={view}"),
    ))
}

pub async fn product(
    _: CurrentUser,
    headers: HeaderMap,
    Path(p): Path<String>,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Product>> {
    catalog::product(&country(&q)?, &p, language(&headers)).map(Json).map_err(missing)
}

pub async fn skus(
    _: CurrentUser,
    headers: HeaderMap,
    Path(p): Path<String>,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Collection<Sku>>> {
    let country = country(&q)?;
    let skus = catalog::skus(&country, &p, language(&headers)).map_err(missing)?;
    Ok(page(skus, format!("/products/{p}/skus?country={country}")))
}

pub async fn sku(
    _: CurrentUser,
    headers: HeaderMap,
    Path((p, s)): Path<(String, String)>,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Sku>> {
    catalog::sku(&country(&q)?, &p, &s, language(&headers)).map(Json).map_err(missing)
}

pub async fn availabilities(
    _: CurrentUser,
    headers: HeaderMap,
    Path((p, s)): Path<(String, String)>,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Collection<Availability>>> {
    let country = country(&q)?;
    let list = catalog::availabilities(&country, &p, &s, language(&headers)).map_err(missing)?;
    Ok(page(list, format!("/products/{p}/skus/{s}/availabilities?country={country}")))
}

pub async fn availability(
    _: CurrentUser,
    headers: HeaderMap,
    Path((p, s, a)): Path<(String, String, String)>,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Availability>> {
    catalog::availability(&country(&q)?, &p, &s, &a, language(&headers)).map(Json).map_err(missing)
}

// Customer-scoped forms: the customer's country, and only for customers the caller may see.

pub async fn customer_products(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Collection<Product>>> {
    let country = &customer.country;
    let view = target_view(&q)?;
    Ok(page(
        catalog::products(country, Some(view), language(&headers)),
        format!("/customers/{}/products?targetView={view}", customer.id),
    ))
}

pub async fn customer_product(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Path((_, p)): Path<(String, String)>,
) -> AppResult<Json<Product>> {
    let country = &customer.country;
    catalog::product(country, &p, language(&headers)).map(Json).map_err(missing)
}

pub async fn customer_skus(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Path((_, p)): Path<(String, String)>,
) -> AppResult<Json<Collection<Sku>>> {
    let country = &customer.country;
    let skus = catalog::skus(country, &p, language(&headers)).map_err(missing)?;
    Ok(page(skus, format!("/customers/{}/products/{p}/skus", customer.id)))
}

pub async fn customer_sku(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Path((_, p, s)): Path<(String, String, String)>,
) -> AppResult<Json<Sku>> {
    let country = &customer.country;
    catalog::sku(country, &p, &s, language(&headers)).map(Json).map_err(missing)
}

pub async fn customer_sku_availabilities(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Path((_, p, s)): Path<(String, String, String)>,
) -> AppResult<Json<Collection<Availability>>> {
    let country = &customer.country;
    let list = catalog::availabilities(country, &p, &s, language(&headers)).map_err(missing)?;
    Ok(page(list, format!("/customers/{}/products/{p}/skus/{s}/availabilities", customer.id)))
}

pub async fn customer_availability(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Path((_, p, s, a)): Path<(String, String, String, String)>,
) -> AppResult<Json<Availability>> {
    let country = &customer.country;
    catalog::availability(country, &p, &s, &a, language(&headers)).map(Json).map_err(missing)
}

/// Our extension: every purchasable availability for the customer, with product and SKU
/// embedded (optionally one `targetView`): the Pricing page in one call.
pub async fn customer_purchasable(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Collection<Availability>>> {
    let country = &customer.country;
    let view = q.target_view.as_deref().filter(|v| !v.trim().is_empty());
    Ok(page(
        catalog::purchasable(country, view, language(&headers)),
        format!("/customers/{}/availabilities", customer.id),
    ))
}
