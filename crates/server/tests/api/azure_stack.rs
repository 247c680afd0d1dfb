//! Azure Stack Hub registrations (seed 001): connected and disconnected, the rules of each
//! billing model, the clouds refused, changes kept in the history, removal.

use portal_server::demo::{CONTOSO_LAB_ID, CONTOSO_PRODUCTION_ID};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

const CLOUD: &str = "7a7e3f1e-5c2b-4e0d-9f3a-2b8c6d4e1f00";
const OTHER_CLOUD: &str = "0c4d2a9b-1e3f-4a5b-8c7d-6e5f4a3b2c10";

fn registration(azure: &str, name: &str) -> String {
    format!(
        "/v1/customers/{CONTOSO}/subscriptions/{azure}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/{name}"
    )
}

async fn put(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.client.put(app.url(path)).json(&body).send().await.unwrap()
}

fn connected(model: &str, agreement: Option<&str>, nodes: i64, cores: i64) -> Value {
    json!({"location": "global", "properties": {
        "billingModel": model, "agreementNumber": agreement, "cloudId": CLOUD,
        "nodeCount": nodes, "cores": cores}})
}

/// A token made by the deployment's side, with a partner API key.
async fn token(app: &TestApp, body: Value) -> reqwest::Response {
    let key = app.api_key(None).await;
    app.client
        .post(app.url("/v1/azurestack/registrationtokens"))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_connected_deployment_registers_changes_and_is_removed() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let name = format!("AzureStack-{CLOUD}");
    let path = registration(CONTOSO_PRODUCTION_ID, &name);

    let created = put(&app, &path, connected("PayAsYouUse", None, 4, 64)).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.headers()["etag"], "\"1\"");
    let created: Value = created.json().await.unwrap();
    assert_eq!(
        created["id"],
        format!(
            "/subscriptions/{CONTOSO_PRODUCTION_ID}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/{name}"
        )
    );
    assert_eq!(created["type"], "Microsoft.AzureStack/registrations");
    assert_eq!(created["location"], "global");
    assert_eq!(created["resourceGroupLocation"], "westcentralus", "AzureStack-Tools' default");
    let props = &created["properties"];
    assert_eq!(
        (props["billingModel"].as_str(), props["connection"].as_str(), props["status"].as_str()),
        (Some("PayAsYouUse"), Some("connected"), Some("activated"))
    );
    assert_eq!(props["registeredBy"], "Camille Durand <admin@contoso.example>");
    assert_eq!(json_of(app.get(&path).await).await, created);
    let listed =
        json_of(app.get(&format!("/v1/customers/{CONTOSO}/azurestack/registrations")).await).await;
    assert_eq!(listed["items"][0]["name"], name);
    // Beside the demo's own deployment, registered when the demo history starts.
    let demo = format!("AzureStack-{}", portal_server::demo::CONTOSO_AZURE_STACK_CLOUD_ID);
    assert_eq!(listed["items"][1]["name"], demo);
    assert_eq!(listed["items"][1]["properties"]["status"], "activated");
    // Azure's lists, per Azure subscription and per resource group.
    let in_scope = |scope: String| {
        let app = &app;
        async move {
            let page = json_of(
                app.get(&format!(
                    "/v1/customers/{CONTOSO}/subscriptions/{scope}/providers/Microsoft.AzureStack/registrations"
                ))
                .await,
            )
            .await;
            page["totalCount"].as_i64().unwrap()
        }
    };
    assert_eq!(in_scope(CONTOSO_PRODUCTION_ID.to_owned()).await, 2);
    assert_eq!(in_scope(format!("{CONTOSO_PRODUCTION_ID}/resourceGroups/AzureStack")).await, 2);
    assert_eq!(in_scope(format!("{CONTOSO_PRODUCTION_ID}/resourceGroups/other")).await, 0);
    assert_eq!(in_scope(CONTOSO_LAB_ID.to_owned()).await, 0);
    // Activated as it registered: no activation key to ask for.
    let key = app.post_json(&format!("{path}/getactivationkey"), &json!({})).await;
    expect_error(key, StatusCode::BAD_REQUEST, "800096").await;

    // Capacity: the agreement number is required, and the capacity must cover the cores.
    let refused = put(&app, &path, connected("Capacity", None, 4, 64)).await;
    let error = expect_error(refused, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "properties.agreementNumber");
    let uncovered = put(&app, &path, connected("Capacity", Some("12345678"), 4, 64)).await;
    let error = expect_error(uncovered, StatusCode::CONFLICT, "950003").await;
    assert!(error.description.contains("buy 64 more cores"), "{}", error.description);
    // Development is one node.
    let refused = put(&app, &path, connected("Development", None, 4, 64)).await;
    let error = expect_error(refused, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "properties.nodeCount");
    // PATCH changes a registration (only one that exists), with PUT's body.
    let patch = |path: String| {
        app.client.patch(app.url(&path)).json(&connected("Development", None, 1, 16)).send()
    };
    let missing = patch(registration(CONTOSO_PRODUCTION_ID, "nothing-here")).await.unwrap();
    expect_error(missing, StatusCode::NOT_FOUND, "950001").await;
    let changed = patch(path.clone()).await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(changed.headers()["etag"], "\"2\"");
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["properties"]["billingModel"], "Development");

    // Its history: registered, then changed, with the terms each left.
    let history = json_of(app.get(&format!("{path}/history")).await).await;
    let changes: Vec<(&str, &str)> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["change"].as_str().unwrap(), e["billingModel"].as_str().unwrap()))
        .collect();
    assert_eq!(changes, [("registered", "PayAsYouUse"), ("changed", "Development")]);

    // The same deployment under another name or subscription: remove it first.
    let twice = put(
        &app,
        &registration(CONTOSO_PRODUCTION_ID, "second"),
        connected("PayAsYouUse", None, 4, 64),
    )
    .await;
    let error = expect_error(twice, StatusCode::CONFLICT, "950002").await;
    assert!(error.description.contains(&name), "{}", error.description);

    // A reader sees it and cannot change it.
    let reader = app.new_browser();
    reader.sign_in(CONTOSO_READER).await;
    assert_eq!(reader.get(&path).await.status(), StatusCode::OK);
    let refused = put(&reader, &path, connected("PayAsYouUse", None, 4, 64)).await;
    expect_error(refused, StatusCode::FORBIDDEN, "2032").await;

    let removed = app.client.delete(app.url(&path)).send().await.unwrap();
    assert_eq!(removed.status(), StatusCode::OK);
    let removed: Value = removed.json().await.unwrap();
    assert_eq!(removed["properties"]["status"], "removed");
    expect_error(app.get(&path).await, StatusCode::NOT_FOUND, "950001").await;
    let gone = app.client.delete(app.url(&path)).send().await.unwrap();
    expect_error(gone, StatusCode::NOT_FOUND, "950001").await;
    // Removed, it may be registered again, under another subscription too.
    let again =
        put(&app, &registration(CONTOSO_LAB_ID, &name), connected("PayAsYouUse", None, 4, 64))
            .await;
    assert_eq!(again.status(), StatusCode::CREATED);
    let all = json_of(
        app.get(&format!("/v1/customers/{CONTOSO}/azurestack/registrations?includeRemoved=true"))
            .await,
    )
    .await;
    assert_eq!(all["totalCount"], 3, "with the demo's own registration");

    // Logged: registered, changed, removed, registered.
    let log = json_of(app.get("/v1/activity?action=azure_stack").await).await;
    let actions: Vec<&str> =
        log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        [
            "azure_stack.registered",
            "azure_stack.removed",
            "azure_stack.changed",
            "azure_stack.registered"
        ]
    );
}

#[tokio::test]
async fn bad_fields_are_named_and_other_clouds_are_refused() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let bad = put(
        &app,
        &registration(CONTOSO_PRODUCTION_ID, "bad name."),
        json!({"location": "westeurope", "properties": {}}),
    )
    .await;
    let error = expect_error(bad, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "location");
    let missing =
        put(&app, &registration(CONTOSO_PRODUCTION_ID, "x"), json!({"properties": {}})).await;
    let error = expect_error(missing, StatusCode::BAD_REQUEST, "800002").await;
    let fields: Vec<&str> = error.data.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "properties.billingModel",
            "properties.cloudId",
            "properties.nodeCount",
            "properties.cores"
        ]
    );
    let mut body = connected("PayAsYouUse", Some("12345678"), 4, 2);
    body["properties"]["cloudId"] = "stack-1".into();
    body["resourceGroupLocation"] = "usgovvirginia".into();
    let refused = put(&app, &registration(CONTOSO_PRODUCTION_ID, "bad name."), body).await;
    let error = expect_error(refused, StatusCode::BAD_REQUEST, "800002").await;
    let fields: Vec<&str> = error.data.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "properties.cloudId",
            "properties.agreementNumber",
            "name",
            "resourceGroupLocation",
            "properties.cores"
        ]
    );

    // The region of the resource group is chosen once: a change to another one is refused.
    let path = registration(CONTOSO_PRODUCTION_ID, "in-europe");
    let mut body = connected("PayAsYouUse", None, 4, 64);
    body["resourceGroupLocation"] = " WestEurope ".into();
    let created = put(&app, &path, body.clone()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.json::<Value>().await.unwrap()["resourceGroupLocation"], "westeurope");
    body["resourceGroupLocation"] = "northeurope".into();
    let moved = put(&app, &path, body).await;
    let error = expect_error(moved, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "resourceGroupLocation");
    assert!(error.data[0].message.contains("is in westeurope"), "{}", error.data[0].message);

    // The seed: China, Germany and US Government cloud subscriptions cannot register (the demo
    // has one, Fabrikam's).
    let fabrikam = app.new_browser();
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    let gov = format!(
        "/v1/customers/{FABRIKAM}/subscriptions/{}/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/gov",
        portal_server::demo::FABRIKAM_US_GOVERNMENT_ID
    );
    let gov = put(&fabrikam, &gov, connected("PayAsYouUse", None, 4, 64)).await;
    let error = expect_error(gov, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "subscriptionId");
    assert!(error.data[0].message.contains("AzureUSGovernment"), "{}", error.data[0].message);
    // Not the customer's Azure subscription.
    let other = put(
        &app,
        &registration(portal_server::demo::FABRIKAM_PRODUCTION_ID, "x"),
        connected("PayAsYouUse", None, 4, 64),
    )
    .await;
    expect_error(other, StatusCode::NOT_FOUND, "700008").await;
}

#[tokio::test]
async fn a_disconnected_deployment_registers_once_with_its_token() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    // The deployment cannot pay as it uses without a connection.
    let payg = token(
        &app,
        json!({"cloudId": OTHER_CLOUD, "billingModel": "PayAsYouUse", "nodeCount": 1, "cores": 8}),
    )
    .await;
    let error = expect_error(payg, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "billingModel");
    let made = token(
        &app,
        json!({"cloudId": OTHER_CLOUD, "billingModel": "Development", "nodeCount": 1, "cores": 8}),
    )
    .await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    let token_text = made["registrationToken"].as_str().unwrap().to_owned();

    let path = registration(CONTOSO_PRODUCTION_ID, "lab-stack");
    let body = |t: &str| json!({"location": "global", "properties": {"registrationToken": t}});
    // Changed on the way: refused.
    let (payload, signature) = token_text.split_once('.').unwrap();
    let tampered = format!("{payload}x.{signature}");
    let refused = put(&app, &path, body(&tampered)).await;
    let error = expect_error(refused, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "properties.registrationToken");

    let registered = put(&app, &path, body(&token_text)).await;
    assert_eq!(registered.status(), StatusCode::CREATED);
    let registered: Value = registered.json().await.unwrap();
    let props = &registered["properties"];
    assert_eq!(
        (props["connection"].as_str(), props["status"].as_str(), props["cloudId"].as_str()),
        (Some("disconnected"), Some("registered"), Some(OTHER_CLOUD))
    );
    // The same token again, under another name: used already. Sent again for the same
    // registration (a retry), it changes nothing.
    let again = put(&app, &registration(CONTOSO_PRODUCTION_ID, "copy"), body(&token_text)).await;
    expect_error(again, StatusCode::CONFLICT, "950002").await;
    let retried = put(&app, &path, body(&token_text)).await;
    assert_eq!(retried.status(), StatusCode::OK);
    assert_eq!(retried.headers()["etag"], "\"1\"");

    // Verified from the deployment's side: registered, not activated yet.
    let key = app.api_key(Some(CONTOSO)).await;
    let check_in = |cores: i64| {
        app.client
            .post(app.url("/v1/azurestack/checkins"))
            .bearer_auth(&key)
            .json(&json!({"cloudId": OTHER_CLOUD, "nodeCount": 1, "cores": cores}))
            .send()
    };
    let before = json_of(check_in(8).await.unwrap()).await;
    assert_eq!(
        (before["registered"].as_bool(), before["marketplaceAvailable"].as_bool()),
        (Some(true), Some(false))
    );
    assert!(before["warnings"][0].as_str().unwrap().contains("not activated"));
    // The activation key: for the customer's admins, a newer one replacing the older.
    let key_path = format!("{path}/getactivationkey");
    let reader = app.new_browser();
    reader.sign_in(CONTOSO_READER).await;
    expect_error(reader.post_json(&key_path, &json!({})).await, StatusCode::FORBIDDEN, "2032")
        .await;
    let first = json_of(app.post_json(&key_path, &json!({})).await).await;
    let second = json_of(app.post_json(&key_path, &json!({})).await).await;
    let activate = |k: &Value| {
        app.client
            .post(app.url("/v1/azurestack/activations"))
            .bearer_auth(&key)
            .json(&json!({"activationKey": k["activationKey"]}))
            .send()
    };
    expect_error(activate(&first).await.unwrap(), StatusCode::NOT_FOUND, "950001").await;
    let activated = json_of(activate(&second).await.unwrap()).await;
    assert_eq!(activated["properties"]["status"], "activated");
    assert!(activated["properties"]["activatedAt"].is_string());
    let after = json_of(check_in(8).await.unwrap()).await;
    assert_eq!(after["marketplaceAvailable"], true);
    assert!(after.get("warnings").is_none(), "{after}");
    let grown = json_of(check_in(16).await.unwrap()).await;
    assert!(grown["warnings"][0].as_str().unwrap().contains("16 cores"), "{grown}");
    assert!(json_of(app.get(&path).await).await["properties"]["lastReportedAt"].is_string());

    // The deployment grew: a newer token changes the registration, which stays activated.
    app.clock.advance(chrono::Duration::minutes(5));
    let renewal = token(
        &app,
        json!({"cloudId": OTHER_CLOUD, "billingModel": "Development", "nodeCount": 1, "cores": 16}),
    )
    .await;
    let renewal: Value = renewal.json().await.unwrap();
    let renewal = renewal["registrationToken"].as_str().unwrap().to_owned();
    app.clock.advance(chrono::Duration::minutes(5));
    let changed = json_of(put(&app, &path, body(&renewal)).await).await;
    assert_eq!(
        (changed["properties"]["cores"].as_i64(), changed["properties"]["status"].as_str()),
        (Some(16), Some("activated"))
    );
    // The first token, older than that change, cannot bring its terms back.
    let stale = put(&app, &path, body(&token_text)).await;
    let error = expect_error(stale, StatusCode::CONFLICT, "950002").await;
    assert!(error.description.contains("older"), "{}", error.description);
    let history = json_of(app.get(&format!("{path}/history")).await).await;
    let changes: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["registered", "activated", "changed"]);

    // Removed with its token.
    let unregister = format!("/v1/customers/{CONTOSO}/azurestack/unregister");
    let removed =
        json_of(app.post_json(&unregister, &json!({"registrationToken": renewal})).await).await;
    assert_eq!(removed["properties"]["status"], "removed");
    let again = app.post_json(&unregister, &json!({"registrationToken": renewal})).await;
    expect_error(again, StatusCode::NOT_FOUND, "950001").await;
    assert_eq!(json_of(check_in(8).await.unwrap()).await["registered"], false);

    // Expired after 30 days.
    let old = token(
        &app,
        json!({"cloudId": CLOUD, "billingModel": "Development", "nodeCount": 1, "cores": 8}),
    )
    .await;
    let old: Value = old.json().await.unwrap();
    app.clock.advance(chrono::Duration::days(31));
    app.sign_in(CONTOSO_ADMIN).await;
    let late = put(
        &app,
        &registration(CONTOSO_PRODUCTION_ID, "late"),
        body(old["registrationToken"].as_str().unwrap()),
    )
    .await;
    let error = expect_error(late, StatusCode::BAD_REQUEST, "800002").await;
    assert!(error.data[0].message.contains("expired"), "{}", error.data[0].message);
}

#[tokio::test]
async fn the_token_command_makes_tokens_the_portal_accepts() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    // What `portal-server azs-token` runs, on the same database.
    let request = portal_server::routes::azure_stack::TokenRequest {
        cloud_id: CLOUD.to_owned(),
        billing_model: portal_domain::azure_stack::BillingModel::Development,
        agreement_number: None,
        node_count: 1,
        cores: 8,
    };
    let now = app.clock.now();
    let answer =
        portal_server::routes::azure_stack::issue_token(&app.db, request, now).await.unwrap();
    let body = json!({"properties": {"registrationToken": answer.registration_token}});
    let registered =
        put(&app, &registration(CONTOSO_PRODUCTION_ID, "from-the-command"), body).await;
    assert_eq!(registered.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn capacity_registrations_are_covered_by_the_customers_capacity_cores() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let path = registration(CONTOSO_PRODUCTION_ID, "capacity");
    let refused = put(&app, &path, connected("Capacity", Some("12345678"), 4, 48)).await;
    let error = expect_error(refused, StatusCode::CONFLICT, "950003").await;
    assert!(error.description.contains("buy 48 more cores"), "{}", error.description);

    // 32 cores of Azure Stack Hub capacity (France, one year): still 16 short.
    let capacity = line("DG7GMGF0ASHC:0001:DG7GMGF0AF01", 32, "annual", Some("P1Y"));
    let bought = app.buy(CONTOSO, capacity.clone()).await;
    assert_eq!(bought["status"], "active");
    let refused = put(&app, &path, connected("Capacity", Some("12345678"), 4, 48)).await;
    let error = expect_error(refused, StatusCode::CONFLICT, "950003").await;
    assert!(error.description.contains("covers 32: buy 16 more cores"), "{}", error.description);
    // Two subscriptions add up.
    let mut more = capacity;
    more["quantity"] = json!(16);
    let more = app.buy(CONTOSO, more).await;
    let covered = put(&app, &path, connected("Capacity", Some("12345678"), 4, 48)).await;
    assert_eq!(covered.status(), StatusCode::CREATED);
    let covered: Value = covered.json().await.unwrap();
    assert_eq!(covered["properties"]["agreementNumber"], "12345678");

    // The deployment grew past its capacity: its check-in says how many cores are missing.
    let key = app.api_key(Some(CONTOSO)).await;
    let check = app
        .client
        .post(app.url("/v1/azurestack/checkins"))
        .bearer_auth(&key)
        .json(&json!({"cloudId": CLOUD, "nodeCount": 4, "cores": 64}))
        .send()
        .await
        .unwrap();
    let check = json_of(check).await;
    let warnings: Vec<&str> =
        check["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert!(warnings.iter().any(|w| w.contains("covers 48: buy 16 more cores")), "{check}");

    // The capacity ends (here, one of its subscriptions is cancelled): the registration it no
    // longer covers expires, and says so in its history.
    let cancelled = app.patch_subscription(CONTOSO, &more, json!({"status": "deleted"})).await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    let expired = json_of(app.get(&path).await).await;
    assert_eq!(expired["properties"]["status"], "expired", "{expired}");
    let history = json_of(app.get(&format!("{path}/history")).await).await;
    let changes: Vec<&str> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["registered", "expired"]);
    // Renewed with covering capacity and the new agreement number, it is active again.
    let renewal = line("DG7GMGF0ASHC:0001:DG7GMGF0AF01", 16, "annual", Some("P1Y"));
    app.buy(CONTOSO, renewal).await;
    let renewed = put(&app, &path, connected("Capacity", Some("87654321"), 4, 48)).await;
    let renewed = json_of(renewed).await;
    assert_eq!(renewed["properties"]["status"], "activated", "{renewed}");
    assert_eq!(renewed["properties"]["agreementNumber"], "87654321");
}

const BASE_VM: &str = "a25c0000-0001-4e2b-9d61-7c0e5b2a9f11";

fn stack_record(id: &str, subscription: &str, meter: &str, cloud: Option<&str>) -> Value {
    let mut record = crate::usage::record(id, CONTOSO, subscription, json!(1000));
    record["meterId"] = json!(meter);
    record["usageDate"] = json!("2026-11-05");
    if let Some(cloud) = cloud {
        record["azureStackCloudId"] = json!(cloud);
    }
    record
}

#[tokio::test]
async fn pay_as_you_use_usage_is_reported_by_the_registration_and_billed_at_the_close() {
    let app = TestApp::spawn().await;
    let demo = portal_server::demo::CONTOSO_AZURE_STACK_CLOUD_ID;
    let key = app.api_key(Some(CONTOSO)).await;
    let lab_vm = crate::usage::record("azure-1", CONTOSO, CONTOSO_LAB_ID, json!(1));
    let mut azure_with_cloud = lab_vm.clone();
    azure_with_cloud["id"] = json!("azure-2");
    azure_with_cloud["azureStackCloudId"] = json!(demo);
    let sent = json_of(
        app.send_usage(
            &key,
            json!([
                stack_record("azs-1", CONTOSO_PRODUCTION_ID, BASE_VM, Some(demo)),
                stack_record("azs-2", CONTOSO_PRODUCTION_ID, BASE_VM, None),
                stack_record("azs-3", CONTOSO_LAB_ID, BASE_VM, Some(demo)),
                stack_record("azs-4", CONTOSO_PRODUCTION_ID, BASE_VM, Some(OTHER_CLOUD)),
                azure_with_cloud,
            ]),
        )
        .await,
    )
    .await;
    assert_eq!(sent["accepted"], 1, "{sent}");
    let refused: Vec<(i64, &str)> = sent["rejections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["index"].as_i64().unwrap(), r["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        refused,
        [
            (1, "azureStackCloudId"),
            (2, "azureStackCloudId"),
            (3, "azureStackCloudId"),
            (4, "azureStackCloudId")
        ]
    );

    // On the Azure plan's usage, under its own category; 1,000 vCPU hours at €0.0075.
    app.sign_in(CONTOSO_ADMIN).await;
    let plan = portal_server::demo::CONTOSO_AZURE_PLAN_ID;
    let meters = json_of(
        app.get(&format!(
            "/v1/customers/{CONTOSO}/subscriptions/{plan}/meterusagerecords?period=2026-11"
        ))
        .await,
    )
    .await;
    let vm = meters["items"].as_array().unwrap().iter().find(|m| m["meterId"] == BASE_VM).unwrap();
    assert_eq!(vm["category"], "Azure Stack Hub");
    assert_eq!(
        vm["totalCost"].to_string().parse::<portal_domain::Amount>().unwrap(),
        "7.5".parse().unwrap()
    );

    // Billed by November's invoice, on the plan the registration's subscription belongs to.
    let december = app.clock.now() + chrono::Duration::days(12);
    let period = portal_domain::BillingPeriod::containing(app.clock.now().date_naive());
    portal_server::invoicing::close_period(&app.db, period, december).await.unwrap();
    let invoices = json_of(app.get("/v1/invoices?period=2026-11").await).await;
    let id = invoices["items"][0]["id"].as_str().unwrap();
    let lines = json_of(
        app.get(&format!(
            "/v1/invoices/{id}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=2000"
        ))
        .await,
    )
    .await;
    let stack = lines["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["productName"] == "Azure Stack Hub · Base VM")
        .expect("an Azure Stack Hub line");
    assert_eq!(stack["subscriptionId"], plan);
    assert_eq!(
        stack["subtotal"].to_string().parse::<portal_domain::Amount>().unwrap(),
        "7.5".parse().unwrap()
    );
}
