//! The catalog: `/v1/products…?country=` and the customer-scoped forms under
//! `/v1/customers/{customerId}/products…`, which take the country from the customer. Our
//! extension `/v1/customers/{customerId}/availabilities` lists everything purchasable at once.

use axum::Json;
use axum::extract::Path;
use axum::http::HeaderMap;
use portal_domain::catalog::{Availability, Product, Sku};
use portal_domain::{ApiErrorBody, Collection, ErrorCode};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::CurrentUser;
use crate::auth::access::VisibleCustomer;
use crate::catalog::{self, Language, Missing};
use crate::error::{AppError, AppResult};
use crate::extract::Query;
use crate::state::AppState;

/// The catalog by country: `/v1/products…`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(products))
        .routes(routes!(product))
        .routes(routes!(skus))
        .routes(routes!(sku))
        .routes(routes!(availabilities))
        .routes(routes!(availability))
}

/// The catalog for a customer, mounted under `/v1/customers/{customer_id}`, behind its
/// visibility guard.
pub fn customer_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(customer_purchasable))
        .routes(routes!(customer_products))
        .routes(routes!(customer_product))
        .routes(routes!(customer_skus))
        .routes(routes!(customer_sku))
        .routes(routes!(customer_sku_availabilities))
        .routes(routes!(customer_availability))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct CatalogQuery {
    /// Required: the catalog's country, ISO 3166 (FR, US…).
    country: Option<String>,
    /// Required where a list of products is asked for: MicrosoftAzure, Azure, OnlineServices…
    target_view: Option<String>,
}

/// The customer's catalog takes its country from the customer: only the view is asked.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
#[allow(dead_code)]
struct TargetViewQuery {
    /// MicrosoftAzure, Azure, OnlineServices…
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

#[utoipa::path(
    get,
    path = "/products",
    operation_id = "listProducts",
    tag = "Catalog",
    summary = "List the products of a country's catalog",
    security(("session" = [])),
    params(CatalogQuery, ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The products of one target view", body = Collection<Product>),
        (status = 400, description = "`country` or `targetView` is missing or unknown", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
    )
)]
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

#[utoipa::path(
    get,
    path = "/products/{product_id}",
    operation_id = "getProduct",
    tag = "Catalog",
    summary = "Get a product",
    security(("session" = [])),
    params(CatalogQuery, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The product", body = Product),
        (status = 400, description = "`country` or `targetView` is missing or unknown", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
pub async fn product(
    _: CurrentUser,
    headers: HeaderMap,
    Path(p): Path<String>,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Product>> {
    catalog::product(&country(&q)?, &p, language(&headers)).map(Json).map_err(missing)
}

#[utoipa::path(
    get,
    path = "/products/{product_id}/skus",
    operation_id = "listSkus",
    tag = "Catalog",
    summary = "List a product's SKUs",
    security(("session" = [])),
    params(CatalogQuery, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The SKUs", body = Collection<Sku>),
        (status = 400, description = "`country` or `targetView` is missing or unknown", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
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

#[utoipa::path(
    get,
    path = "/products/{product_id}/skus/{sku_id}",
    operation_id = "getSku",
    tag = "Catalog",
    summary = "Get a SKU",
    security(("session" = [])),
    params(CatalogQuery, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("sku_id" = String, Path, description = "The SKU's id within the product", example = "0001"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The SKU", body = Sku),
        (status = 400, description = "`country` or `targetView` is missing or unknown", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
pub async fn sku(
    _: CurrentUser,
    headers: HeaderMap,
    Path((p, s)): Path<(String, String)>,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Sku>> {
    catalog::sku(&country(&q)?, &p, &s, language(&headers)).map(Json).map_err(missing)
}

#[utoipa::path(
    get,
    path = "/products/{product_id}/skus/{sku_id}/availabilities",
    operation_id = "listAvailabilities",
    tag = "Catalog",
    summary = "List a SKU's availabilities",
    security(("session" = [])),
    params(CatalogQuery, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("sku_id" = String, Path, description = "The SKU's id within the product", example = "0001"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The availabilities", body = Collection<Availability>),
        (status = 400, description = "`country` or `targetView` is missing or unknown", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
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

#[utoipa::path(
    get,
    path = "/products/{product_id}/skus/{sku_id}/availabilities/{availability_id}",
    operation_id = "getAvailability",
    tag = "Catalog",
    summary = "Get an availability",
    security(("session" = [])),
    params(CatalogQuery, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("sku_id" = String, Path, description = "The SKU's id within the product", example = "0001"), ("availability_id" = String, Path, description = "The availability's id within the SKU", example = "CFQ7TTC0LDPF"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The availability", body = Availability),
        (status = 400, description = "`country` or `targetView` is missing or unknown", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
pub async fn availability(
    _: CurrentUser,
    headers: HeaderMap,
    Path((p, s, a)): Path<(String, String, String)>,
    Query(q): Query<CatalogQuery>,
) -> AppResult<Json<Availability>> {
    catalog::availability(&country(&q)?, &p, &s, &a, language(&headers)).map(Json).map_err(missing)
}

// Customer-scoped forms: the customer's country, and only for customers the caller may see.

#[utoipa::path(
    get,
    path = "/products",
    operation_id = "listCustomerProducts",
    tag = "Catalog",
    summary = "List the products of the customer's catalog (its country's)",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, TargetViewQuery, ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The products of one target view", body = Collection<Product>),
        (status = 400, description = "`targetView` is missing", body = ApiErrorBody),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
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

#[utoipa::path(
    get,
    path = "/products/{product_id}",
    operation_id = "getCustomerProduct",
    tag = "Catalog",
    summary = "Get a product of the customer's catalog",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The product", body = Product),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
pub async fn customer_product(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Path((_, p)): Path<(String, String)>,
) -> AppResult<Json<Product>> {
    let country = &customer.country;
    catalog::product(country, &p, language(&headers)).map(Json).map_err(missing)
}

#[utoipa::path(
    get,
    path = "/products/{product_id}/skus",
    operation_id = "listCustomerSkus",
    tag = "Catalog",
    summary = "List a product's SKUs in the customer's catalog",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The SKUs", body = Collection<Sku>),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
pub async fn customer_skus(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Path((_, p)): Path<(String, String)>,
) -> AppResult<Json<Collection<Sku>>> {
    let country = &customer.country;
    let skus = catalog::skus(country, &p, language(&headers)).map_err(missing)?;
    Ok(page(skus, format!("/customers/{}/products/{p}/skus", customer.id)))
}

#[utoipa::path(
    get,
    path = "/products/{product_id}/skus/{sku_id}",
    operation_id = "getCustomerSku",
    tag = "Catalog",
    summary = "Get a SKU of the customer's catalog",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("sku_id" = String, Path, description = "The SKU's id within the product", example = "0001"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The SKU", body = Sku),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
pub async fn customer_sku(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Path((_, p, s)): Path<(String, String, String)>,
) -> AppResult<Json<Sku>> {
    let country = &customer.country;
    catalog::sku(country, &p, &s, language(&headers)).map(Json).map_err(missing)
}

#[utoipa::path(
    get,
    path = "/products/{product_id}/skus/{sku_id}/availabilities",
    operation_id = "listCustomerAvailabilities",
    tag = "Catalog",
    summary = "List a SKU's availabilities in the customer's catalog",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("sku_id" = String, Path, description = "The SKU's id within the product", example = "0001"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The availabilities", body = Collection<Availability>),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
pub async fn customer_sku_availabilities(
    VisibleCustomer { customer, .. }: VisibleCustomer,
    headers: HeaderMap,
    Path((_, p, s)): Path<(String, String, String)>,
) -> AppResult<Json<Collection<Availability>>> {
    let country = &customer.country;
    let list = catalog::availabilities(country, &p, &s, language(&headers)).map_err(missing)?;
    Ok(page(list, format!("/customers/{}/products/{p}/skus/{s}/availabilities", customer.id)))
}

#[utoipa::path(
    get,
    path = "/products/{product_id}/skus/{sku_id}/availabilities/{availability_id}",
    operation_id = "getCustomerAvailability",
    tag = "Catalog",
    summary = "Get an availability of the customer's catalog",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, ("product_id" = String, Path, description = "The product's id, DZH318Z0BPS6 for the Azure plan", example = "CFQ7TTC0LDPB"), ("sku_id" = String, Path, description = "The SKU's id within the product", example = "0001"), ("availability_id" = String, Path, description = "The availability's id within the SKU", example = "CFQ7TTC0LDPF"), ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "The availability", body = Availability),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
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
#[utoipa::path(
    get,
    path = "/availabilities",
    operation_id = "listPurchasable",
    tag = "Catalog",
    summary = "Everything the customer can buy (our extension)",
    security(("session" = [])),
    params(crate::openapi::CustomerPath, TargetViewQuery, ("X-Locale" = Option<String>, Header, description = "The language of names and descriptions: fr-FR or en-US (the default)")),
    responses(
        (status = 200, description = "Every purchasable availability, its product and SKU embedded (optionally of one target view)", body = Collection<Availability>),
        (status = 401, description = "No session", body = ApiErrorBody),
        (status = 404, description = "No such product, SKU or availability (or customer)", body = ApiErrorBody),
    )
)]
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
