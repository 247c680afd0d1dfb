//! The API's OpenAPI 3.1 description, made from the code: each handler's `#[utoipa::path]` and
//! the resource types' schemas (portal-domain's `openapi` feature), registered with the route
//! itself (`utoipa_axum::routes!`), so a route and its description are one registration.
//! `GET /v1/openapi.json` serves it, `/api-docs` shows it (Swagger UI, served from the binary).

use axum::Router;
use axum::body::Bytes;
use axum::http::HeaderValue;
use axum::http::header::CONTENT_TYPE;
use axum::routing::MethodRouter;
use portal_domain::ApiErrorBody;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi as Description, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::auth::session::COOKIE_NAME;
use crate::state::AppState;

/// The parts of the description no handler gives: what the API is, its tags and how callers
/// authenticate ([`complete`] adds the errors each operation may give).
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Billing portal API",
        version = "1",
        description = "Partner Center v1 conventions: camelCase JSON, collections as `{totalCount, items, links, attributes}`, errors as `{code, description, data}`. The prose (flows, paging, idempotent checkouts, rate limits) is in docs/api.md."
    ),
    modifiers(&Conventions),
    components(schemas(ApiErrorBody, RateLimitExceeded)),
    tags(
        (name = "Sign-in", description = "Sessions: sign in, sign out, who is signed in"),
        (name = "Customers", description = "A partner's customers"),
        (name = "Catalog", description = "Products, SKUs and availabilities, by country or for a customer"),
        (name = "Carts", description = "A customer's carts and their checkout into orders"),
        (name = "Orders", description = "A customer's orders and their provisioning"),
        (name = "Subscriptions", description = "A customer's subscriptions: their life cycle, history, Azure subscriptions, registration, support contact and who holds a role on them"),
        (name = "Invoices", description = "Invoices and correction notes, their lines, statements and payments; the month in progress"),
        (name = "Usage", description = "Azure usage: sending it (API keys), summaries and records by customer, plan, meter and resource, budgets and their alerts"),
        (name = "Users", description = "Users of the partner and of its customers, their roles, password links"),
        (name = "Azure Stack Hub", description = "Registrations of Azure Stack Hub deployments: register, activate, check in, change, remove"),
        (name = "Activity", description = "The activity log"),
        (name = "Operations", description = "For load balancers and probes"),
        (name = "Defender for IoT", description = "Defender for IoT plans (our extension): committed devices and sensors"),
    )
)]
pub struct ApiDoc;

/// The security schemes.
struct Conventions;

/// The error answers any operation may give, whatever it does: refused (403: a browser's
/// cross-site request, or roles that do not allow it), failed (500), too busy or too slow (503).
const ANY_OPERATION: [(&str, &str); 3] = [
    ("403", "Refused: a cross-site request, or the caller's roles do not allow it"),
    ("500", "The server failed; the request may be retried"),
    ("503", "Too busy or too slow: try again after `Retry-After` seconds"),
];

/// The errors an operation may give because of its shape, each added unless the operation
/// describes it itself.
fn errors_of_shape(path: &str, operation: &Operation) -> Vec<(&'static str, RefOr<Response>)> {
    let mut errors: Vec<_> =
        ANY_OPERATION.iter().map(|&(status, meaning)| (status, error(meaning))).collect();
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        errors.push(("401", error("No session (or API key), or it ended")));
    }
    if operation.request_body.is_some() {
        errors.push((
            "400",
            error("The body is not the JSON described, or a field is invalid (`data` names it)"),
        ));
        errors.push(("413", error("The body is too large")));
        errors.push(("415", error("The body is not `application/json`")));
    } else if operation.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
        errors.push(("400", error("A parameter is invalid (`description` names it)")));
    }
    if path.contains('{') {
        errors.push(("404", error("Nothing the path names, or nothing the caller may see")));
    }
    if path.starts_with("/v1/customers/{customer_id}/") {
        errors.push((
            "429",
            answer(
                "The customer's 500 requests a minute are used up: try again after `Retry-After` seconds",
                RateLimitExceeded::name(),
            ),
        ));
    }
    errors
}

impl Modify for Conventions {
    fn modify(&self, openapi: &mut Description) {
        let components = openapi.components.get_or_insert_default();
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                COOKIE_NAME,
                "The session cookie `POST /v1/auth/login` sets",
            ))),
        );
        components.add_security_scheme(
            "apiKey",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API key a partner global admin created (usage records); `X-Api-Key: <key>` works too",
                    ))
                    .build(),
            ),
        );
    }
}

/// The description as served: the routes `routes::api` registered (their paths relative to
/// `/v1`) under `/v1`, the routes outside it (`outside`: `/healthz`) as they are, and each
/// operation with the errors its shape may give.
pub fn complete(mut api: Description, outside: Description) -> Description {
    let paths = std::mem::take(&mut api.paths.paths);
    let under_v1 = paths.into_iter().map(|(path, item)| {
        let path = if path == "/" { "/v1".to_owned() } else { format!("/v1{path}") };
        (path, item)
    });
    for (path, mut item) in under_v1.chain(outside.paths.paths) {
        let operations =
            [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            for (status, response) in errors_of_shape(&path, operation) {
                operation.responses.responses.entry(status.to_owned()).or_insert(response);
            }
        }
        api.paths.paths.insert(path, item);
    }
    api
}

/// Partner Center's answer to a request over a customer's rate limit (reference §1.8): a body of
/// its own, not the error body.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct RateLimitExceeded {
    /// 429.
    status_code: u16,
    /// When to try again.
    message: String,
}

/// An error answer: Partner Center's error body.
fn error(description: &str) -> RefOr<Response> {
    answer(description, ApiErrorBody::name())
}

/// An answer whose JSON body is the component schema `schema`.
fn answer(description: &str, schema: std::borrow::Cow<'static, str>) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new().schema(Some(Ref::from_schema_name(schema))).build(),
        )
        .into()
}

/// The customer a path names (`/customers/{customer_id}/…`), for the operations under it.
///
/// The description's examples (of ids here and in the paths, and of bodies) are the demo data's,
/// so that a request copied from the reference works against `make run`; the API tests send
/// them as they are (`the_examples_are_accepted_as_they_are`).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct CustomerPath {
    /// The customer's id (its Microsoft Entra tenant id). A customer the caller may not see is
    /// answered 404, as one that does not exist.
    #[allow(dead_code)]
    #[param(example = json!(crate::demo::CONTOSO_ID))]
    customer_id: String,
}

/// `GET /v1/openapi.json`: the description, written once when the server starts.
pub fn served(description: &Description) -> anyhow::Result<MethodRouter<AppState>> {
    let json: Bytes = description.to_json()?.into();
    Ok(axum::routing::get(move || {
        let json = json.clone();
        async move { ([(CONTENT_TYPE, HeaderValue::from_static("application/json"))], json) }
    }))
}

/// `/api-docs`: the reference page, Swagger UI showing `/v1/openapi.json`, its files served
/// from the binary (no CDN).
pub fn reference_page() -> Router<AppState> {
    SwaggerUi::new("/api-docs").config(Config::new(["/v1/openapi.json"])).into()
}

/// The invoice a path names (`/invoices/{invoice_id}/…`), for the operations under it.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct InvoicePath {
    /// The invoice's (or correction note's) id. One the caller may not see is answered 404, as
    /// one that does not exist.
    #[allow(dead_code)]
    invoice_id: String,
}
