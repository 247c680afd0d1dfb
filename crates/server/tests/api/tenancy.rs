//! A customer never reaches another customer's data: the guard every customer-scoped route is
//! mounted behind, tried on a route added the documented way, and every such route of the API
//! tried by another customer's user.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use portal_server::auth::access::VisibleCustomer;
use portal_server::routes;
use tower::ServiceExt;

use crate::helpers::*;

/// The session cookie `user` gets by signing in to `app`.
async fn session_cookie(app: &TestApp, user: (&str, &str)) -> String {
    let response = app.new_browser().login(user).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_route_added_under_a_customer_never_runs_for_a_customer_its_caller_cannot_see() {
    let app = TestApp::spawn().await;
    let state = app.state();
    let runs = Arc::new(AtomicUsize::new(0));
    let counted = runs.clone();
    // A new resource, written as the routes module says: its handler forgets to ask for the
    // customer; the guard asks anyway.
    let probe = Router::new().route(
        "/secrets",
        axum::routing::get(move || async move {
            counted.fetch_add(1, Ordering::SeqCst);
            "secret"
        }),
    );
    let router: Router = Router::new()
        .nest("/customers/{customer_id}", routes::customer_scoped(&state, probe.into()).into())
        .with_state(state);
    let call = |customer: &str, cookie: Option<&str>| {
        let mut request = Request::get(format!("/customers/{customer}/secrets"));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        router.clone().oneshot(request.body(Body::empty()).unwrap())
    };

    let contoso = session_cookie(&app, CONTOSO_ADMIN).await;
    assert_eq!(call(FABRIKAM, Some(&contoso)).await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(
        call("no-such-customer", Some(&contoso)).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(call(FABRIKAM, None).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(runs.load(Ordering::SeqCst), 0, "the handler ran for a customer it must not see");

    assert_eq!(call(CONTOSO, Some(&contoso)).await.unwrap().status(), StatusCode::OK);
    // The partner sees its customers.
    let partner = session_cookie(&app, ADMIN).await;
    assert_eq!(call(FABRIKAM, Some(&partner)).await.unwrap().status(), StatusCode::OK);
    assert_eq!(runs.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn the_guard_hands_the_customer_to_the_handler() {
    let app = TestApp::spawn().await;
    let state = app.state();
    let probe = Router::new().route(
        "/name",
        axum::routing::get(|VisibleCustomer { customer, .. }: VisibleCustomer| async move {
            customer.company_name
        }),
    );
    let router: Router = Router::new()
        .nest("/customers/{customer_id}", routes::customer_scoped(&state, probe.into()).into())
        .with_state(state);
    let cookie = session_cookie(&app, ADMIN).await;
    let request = Request::get(format!("/customers/{FABRIKAM}/name"))
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = axum::body::to_bytes(response.into_body(), 1024).await.unwrap();
    assert_eq!(&body[..], b"Fabrikam");
}

/// Every route under `/v1/customers/{customerId}` and `/v1/invoices/{invoiceId}`, with a method
/// it answers. A new one belongs here too.
const CUSTOMER_ROUTES: &[(Method, &str)] = &[
    (Method::GET, ""),
    (Method::GET, "/availabilities"),
    (Method::GET, "/products"),
    (Method::GET, "/products/DZH318Z0BPS6"),
    (Method::GET, "/products/DZH318Z0BPS6/skus"),
    (Method::GET, "/products/DZH318Z0BPS6/skus/0001"),
    (Method::GET, "/products/DZH318Z0BPS6/skus/0001/availabilities"),
    (Method::GET, "/products/DZH318Z0BPS6/skus/0001/availabilities/DZH318Z0BMGF"),
    (Method::GET, "/carts"),
    (Method::POST, "/carts"),
    (Method::GET, "/carts/c"),
    (Method::PUT, "/carts/c"),
    (Method::POST, "/carts/c/checkout"),
    (Method::GET, "/orders"),
    (Method::GET, "/orders/o"),
    (Method::GET, "/orders/o/provisioningstatus"),
    (Method::GET, "/subscriptions"),
    (Method::GET, "/subscriptions/usagerecords"),
    (Method::GET, "/subscriptions/s"),
    (Method::PATCH, "/subscriptions/s"),
    (Method::GET, "/subscriptions/s/history"),
    (Method::GET, "/subscriptions/s/azureEntitlements"),
    (Method::POST, "/subscriptions/s/azureEntitlements"),
    (Method::POST, "/subscriptions/s/azureEntitlements/e/cancel"),
    (Method::GET, "/subscriptions/s/provisioningstatus"),
    (Method::POST, "/subscriptions/s/registrations"),
    (Method::GET, "/subscriptions/s/registrationstatus"),
    (Method::GET, "/subscriptions/s/supportcontact"),
    (Method::PUT, "/subscriptions/s/supportcontact"),
    (Method::GET, "/subscriptions/s/usagesummary"),
    (Method::GET, "/subscriptions/s/meterusagerecords"),
    (Method::GET, "/subscriptions/s/resourceusagerecords"),
    (Method::GET, "/usagebudget"),
    (Method::PATCH, "/usagebudget"),
    (Method::GET, "/usagesummary"),
    (Method::GET, "/usagesummary/daily"),
    (Method::GET, "/usagealerts"),
    (Method::GET, "/defenderplans"),
    (Method::POST, "/defenderplans"),
    (Method::GET, "/defenderplans/estimate"),
    (Method::GET, "/defenderplans/s"),
    (Method::PATCH, "/defenderplans/s"),
    (Method::DELETE, "/defenderplans/s"),
    (Method::GET, "/defenderplans/s/sensors"),
    (Method::POST, "/defenderplans/s/sensors"),
    (Method::DELETE, "/defenderplans/s/sensors/n"),
];

const INVOICE_ROUTES: &[(Method, &str)] = &[
    (Method::GET, ""),
    (Method::GET, "/lineitems"),
    (Method::GET, "/lineitems/export"),
    (Method::GET, "/documents/statement"),
    (Method::GET, "/payments"),
    (Method::POST, "/payments"),
    (Method::POST, "/amendments"),
];

#[tokio::test]
async fn every_customer_and_invoice_route_answers_404_for_another_customers_data() {
    let app = TestApp::spawn().await;
    // Fabrikam's admin holds every customer role a user can have.
    app.sign_in(FABRIKAM_ADMIN).await;
    let (contoso_invoice,): (String,) =
        sqlx::query_as("SELECT id FROM invoices WHERE customer_id = $1 LIMIT 1")
            .bind(CONTOSO)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let routes = CUSTOMER_ROUTES
        .iter()
        .map(|(method, path)| (method, format!("/v1/customers/{CONTOSO}{path}"), "60003"))
        .chain(INVOICE_ROUTES.iter().map(|(method, path)| {
            (method, format!("/v1/invoices/{contoso_invoice}{path}"), "920001")
        }));
    for (method, path, code) in routes {
        let response = app
            .client
            .request(method.clone(), app.url(&path))
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {path}");
        let body: portal_domain::ApiErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, code, "{method} {path}");
    }
}

#[tokio::test]
async fn an_id_that_is_not_text_is_a_400_naming_it_never_a_500() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    for (path, field) in
        [("/v1/customers/%FF/orders", "customerId"), ("/v1/invoices/%C3%28", "invoiceId")]
    {
        let body = expect_error(app.get(path).await, StatusCode::BAD_REQUEST, "800002").await;
        assert_eq!(body.data[0].field, field, "{path}");
    }
}
