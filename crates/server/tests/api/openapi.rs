//! The API's description (`/v1/openapi.json`, made from the handlers) and its reference page.

use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn the_description_is_served_with_what_each_operation_answers() {
    let app = TestApp::spawn().await;
    let description = json_of(app.get("/v1/openapi.json").await).await;
    assert_eq!(description["openapi"], "3.1.0");
    let paths = description["paths"].as_object().unwrap();

    let mut operation_ids = HashSet::new();
    for (method, path, operation) in operations(&description) {
        assert!(path.starts_with("/v1/") || path == "/healthz", "{path}");
        let id = operation["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path}"));
        assert!(operation_ids.insert(id.to_owned()), "operationId {id} twice");
        // Every operation says what its errors look like.
        for status in ["403", "500", "503"] {
            assert_eq!(
                operation["responses"][status]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/ApiErrorBody",
                "{method} {path} {status}"
            );
        }
    }
    // A path parameter is declared where the path has one.
    let get_customer = &paths["/v1/customers/{customer_id}"]["get"];
    assert_eq!(get_customer["parameters"][0]["name"], "customer_id");
    assert_eq!(get_customer["parameters"][0]["in"], "path");
    let list = &paths["/v1/customers"]["get"];
    let names: Vec<&str> = list["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"relationshipStatus") && names.contains(&"MS-ContinuationToken"));
    assert_eq!(
        list["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Collection_Customer"
    );
    // Both ways of authenticating are described.
    let schemes = &description["components"]["securitySchemes"];
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["session"]["name"], "portal_session");
    assert_eq!(schemes["apiKey"]["scheme"], "bearer");
    // Every schema an operation names exists.
    let text = description.to_string();
    let schemas = description["components"]["schemas"].as_object().unwrap();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = &reference[..reference.find('"').unwrap()];
        assert!(schemas.contains_key(name), "{name} is named but not described");
    }
}

#[tokio::test]
async fn the_reference_page_is_served_from_the_binary() {
    let app = TestApp::spawn().await;
    let page = app.get("/api-docs/").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("swagger-initializer.js"));
    let initializer = app.get("/api-docs/swagger-initializer.js").await;
    assert_eq!(initializer.status(), StatusCode::OK);
    assert!(initializer.text().await.unwrap().contains("/v1/openapi.json"));
    let bundle = app.get("/api-docs/swagger-ui-bundle.js").await;
    assert_eq!(bundle.status(), StatusCode::OK);
    let _: Value = json_of(app.get("/v1/openapi.json").await).await;
}

/// The routes the router holds, `(path, method)`, read from its `Debug` text: axum offers no
/// other view of its table (paths by route id, then each route's `Allow` methods).
fn routes_of(router: &axum::Router) -> Vec<(String, String)> {
    let text = format!("{router:?}");
    // The routes proper, not the fallback router (whose route ids start again at 1).
    let table = text.split(", fallback_router: ").next().unwrap();
    let mut paths = std::collections::HashMap::new();
    let mut methods = std::collections::HashMap::new();
    for entry in table.split("RouteId(").skip(1) {
        let Some((id, rest)) = entry.split_once("): ") else { continue };
        if let Some(path) = rest.strip_prefix('"') {
            paths.insert(id.to_owned(), path[..path.find('"').unwrap()].to_owned());
        } else if rest.starts_with("MethodRouter(")
            && let Some(allow) = rest.split("allow_header: Bytes(b\"").nth(1)
        {
            methods.insert(id.to_owned(), allow[..allow.find('"').unwrap()].to_owned());
        }
    }
    assert!(paths.len() > 100 && !methods.is_empty(), "the router's Debug text changed:\n{text}");
    let mut routes = Vec::new();
    for (id, allow) in methods {
        for method in allow.split(',').filter(|m| *m != "HEAD") {
            routes.push((paths[&id].clone(), method.to_ascii_lowercase()));
        }
    }
    routes.sort();
    routes
}

#[tokio::test]
async fn every_route_the_server_answers_is_described() {
    let app = TestApp::spawn().await;
    let description = json_of(app.get("/v1/openapi.json").await).await;
    let routes = routes_of(&portal_server::build_router(app.state()).unwrap());
    // Not operations of the API: the description itself, its reference page, the lower-case
    // spelling Partner Center also accepts for product upgrades, and the fallbacks (the SPA's
    // files at `/`, a 404 under `/v1`).
    let undescribed = |path: &str| {
        path == "/v1/openapi.json"
            || path.starts_with("/api-docs")
            || path.starts_with("/v1/productupgrades")
            || path.contains("__private__axum_fallback")
            || path == "/v1"
    };
    let missing: Vec<String> = routes
        .iter()
        .filter(|(path, _)| !undescribed(path))
        .filter(|(path, method)| description["paths"][path][method].is_null())
        .map(|(path, method)| format!("{method} {path}"))
        .collect();
    assert!(missing.is_empty(), "routes missing from the description: {missing:#?}");
    assert!(routes.len() > 100, "{routes:?}");
    // And the other way: nothing described that the server does not answer.
    for (method, path, _) in operations(&description) {
        assert!(
            routes.contains(&(path.clone(), method.clone())),
            "{method} {path} is described but not routed"
        );
    }
}

/// The example of an operation's request body: the first of its schema's `examples`.
fn body_example<'a>(description: &'a Value, operation: &Value) -> Option<&'a Value> {
    let schema =
        operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str()?;
    let name = schema.strip_prefix("#/components/schemas/")?;
    description["components"]["schemas"][name]["examples"].get(0)
}

/// Every operation of the description: (method, path, operation).
fn operations(description: &Value) -> Vec<(String, String, Value)> {
    let mut all = Vec::new();
    for (path, item) in description["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            all.push((method.clone(), path.clone(), operation.clone()));
        }
    }
    all
}

/// The operation whose `operationId` is `id`: (method, path, operation).
fn operation(description: &Value, id: &str) -> (String, String, Value) {
    operations(description)
        .into_iter()
        .find(|(_, _, operation)| operation["operationId"] == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

#[tokio::test]
async fn every_request_body_has_an_example() {
    let app = TestApp::spawn().await;
    let description = json_of(app.get("/v1/openapi.json").await).await;
    let without: Vec<String> = operations(&description)
        .into_iter()
        .filter(|(_, _, operation)| !operation["requestBody"].is_null())
        .filter(|(_, _, operation)| body_example(&description, operation).is_none())
        .map(|(method, path, _)| format!("{method} {path}"))
        .collect();
    assert!(without.is_empty(), "request bodies without an example: {without:#?}");
}

/// A client reading the description can copy an example and have it work: each operation whose
/// path the description can fill from its parameters' examples (the demo data's ids) is sent
/// its body's example, verbatim, as the partner's global admin, and accepts it.
#[tokio::test]
async fn the_examples_are_accepted_as_they_are() {
    let app = TestApp::spawn().await;
    let description = json_of(app.get("/v1/openapi.json").await).await;
    app.sign_in(ADMIN).await;
    let key = app.post_json("/v1/apikeys", &json!({ "name": "examples" })).await;
    assert_eq!(key.status(), StatusCode::CREATED);
    let key = key.json::<Value>().await.unwrap()["key"].as_str().unwrap().to_owned();
    // Not meant to work as written: the examples of what only an email or a deployment hands
    // out (a sign-in, a token, a link's secret), and ending Contoso's relationship, which would
    // hide Contoso from the examples after it.
    let not_meant_to = [
        "signIn",
        "activateAzureStack",
        "unregisterAzureStackWithToken",
        "openInvitation",
        "acceptInvitation",
        "declineInvitation",
        "openPasswordLink",
        "usePasswordLink",
        "endRelationship",
    ];
    // What creates (a registration's PUT) before what changes it (its PATCH).
    let mut all = operations(&description);
    all.sort_by_key(|(method, _, _)| method == "patch");
    let mut sent = Vec::new();
    for (method, template, operation) in all {
        let id = operation["operationId"].as_str().unwrap();
        let Some(body) = body_example(&description, &operation) else { continue };
        if not_meant_to.contains(&id) {
            continue;
        }
        let mut path = template.clone();
        for parameter in operation["parameters"].as_array().into_iter().flatten() {
            if parameter["in"] == "path"
                && let Some(example) = parameter["example"].as_str()
            {
                path =
                    path.replace(&format!("{{{}}}", parameter["name"].as_str().unwrap()), example);
            }
        }
        if path.contains('{') {
            continue; // an id the description has no example of (a cart, a user …)
        }
        let method = reqwest::Method::from_bytes(method.to_ascii_uppercase().as_bytes()).unwrap();
        let mut request = app.client.request(method, app.url(&path)).json(body);
        if operation["security"][0]["apiKey"].is_array() {
            request = request.bearer_auth(&key);
        }
        let mut parameters = operation["parameters"].as_array().into_iter().flatten();
        if parameters.any(|p| p["name"] == "If-Match" && p["required"] == true) {
            // The version the change is made to, as a client reads it first.
            let current = json_of(app.get(&path).await).await;
            request = request.header("If-Match", current["attributes"]["etag"].as_str().unwrap());
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        assert!(status.is_success(), "{id} {path}: {status} {}", response.text().await.unwrap());
        sent.push(id.to_owned());
    }
    // Carts, customers, users, subscriptions, budgets, usage, Defender, Azure Stack, upgrades …
    assert!(sent.len() >= 20, "only {sent:?}");
}

/// The value a link's runtime expression names (`$request.path.x`, `$response.body#/pointer`).
fn resolve(expression: &str, request_path: &[(&str, &str)], response: &Value) -> String {
    if let Some(name) = expression.strip_prefix("$request.path.") {
        let (_, value) = request_path.iter().find(|(n, _)| *n == name).unwrap();
        return (*value).to_owned();
    }
    let pointer = expression.strip_prefix("$response.body#").unwrap();
    response
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer}"))
        .to_owned()
}

/// The path the link named `link` in operation `from`'s 201 answer leads to, its parameters
/// resolved from that request's path and answer.
fn follow(
    description: &Value,
    from: &Value,
    link: &str,
    request_path: &[(&str, &str)],
    response: &Value,
) -> String {
    let link = &from["responses"]["201"]["links"][link];
    let target = link["operationId"].as_str().unwrap_or_else(|| panic!("no link {link}"));
    let (_, mut path, _) = operation(description, target);
    for (name, expression) in link["parameters"].as_object().unwrap() {
        let value = resolve(expression.as_str().unwrap(), request_path, response);
        path = path.replace(&format!("{{{name}}}"), &value);
    }
    assert!(!path.contains('{'), "{path}");
    path
}

/// The description's links lead from a new cart to its checkout, and from the checkout to the
/// order placed, as a client (or schemathesis' stateful phase) would follow them.
#[tokio::test]
async fn the_links_lead_from_a_cart_to_its_order() {
    let app = TestApp::spawn().await;
    let description = json_of(app.get("/v1/openapi.json").await).await;
    app.sign_in(ADMIN).await;
    let (_, _, create_cart) = operation(&description, "createCart");
    let (_, _, checkout) = operation(&description, "checkoutCart");
    let customer = create_cart["parameters"][0]["example"].as_str().unwrap().to_owned();
    let request_path = [("customer_id", customer.as_str())];

    let cart_path = format!("/v1/customers/{customer}/carts");
    let cart = app.post_json(&cart_path, body_example(&description, &create_cart).unwrap()).await;
    assert_eq!(cart.status(), StatusCode::CREATED);
    let cart: Value = cart.json().await.unwrap();

    let checkout_path = follow(&description, &create_cart, "checkoutCart", &request_path, &cart);
    assert_eq!(checkout_path, format!("{cart_path}/{}/checkout", cart["id"].as_str().unwrap()));
    let result = app.post_json(&checkout_path, &json!({})).await;
    assert_eq!(result.status(), StatusCode::CREATED);
    let result: Value = result.json().await.unwrap();

    let order_path = follow(&description, &checkout, "getOrder", &request_path, &result);
    let order = json_of(app.get(&order_path).await).await;
    assert_eq!(order["id"], result["orders"][0]["id"]);
    assert_eq!(order["lineItems"][0]["offerId"], cart["lineItems"][0]["catalogItemId"]);
}
