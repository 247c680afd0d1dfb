//! The API's description (`/v1/openapi.json`, made from the handlers) and its reference page.

use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

#[tokio::test]
async fn the_description_is_served_with_what_each_operation_answers() {
    let app = TestApp::spawn().await;
    let description = json_of(app.get("/v1/openapi.json").await).await;
    assert_eq!(description["openapi"], "3.1.0");
    let paths = description["paths"].as_object().unwrap();

    let mut operation_ids = HashSet::new();
    for (path, item) in paths {
        assert!(path.starts_with("/v1/") || path == "/healthz", "{path}");
        for (method, operation) in item.as_object().unwrap() {
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
    for (path, item) in description["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            assert!(
                routes.contains(&(path.clone(), method.clone())),
                "{method} {path} is described but not routed"
            );
        }
    }
}
