//! The activity log: written with each change (and only when the change happens), read by the
//! partner's and the customer's admins, each seeing their own, filtered and exported as CSV.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

const SALES_ID: &str = "a1000000-0000-4000-8000-000000000002";
const ADMIN_ID: &str = "a1000000-0000-4000-8000-000000000001";
const CONTOSO_READER_ID: &str = "c1000000-0000-4000-8000-000000000002";

async fn entries(browser: &TestApp, query: &str) -> Vec<Value> {
    let page = json_of(browser.get(&format!("/v1/activity{query}")).await).await;
    page["items"].as_array().unwrap().clone()
}

fn actions(entries: &[Value]) -> Vec<&str> {
    entries.iter().map(|e| e["action"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn each_change_is_logged_with_who_what_and_its_request_id() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    assert!(entries(&app, "").await.is_empty(), "the demo's own data is not activity");

    let request_id = "0b0c0d0e-0000-4000-8000-000000000001";
    let created = app
        .client
        .post(app.url("/v1/customers"))
        .header("MS-RequestId", request_id)
        .json(&json!({
            "companyProfile": {"domain": "wingtip.example", "companyName": "Wingtip Toys"},
            "billingProfile": {"email": "it@wingtip.example", "culture": "en-US", "language": "en",
                "defaultAddress": {"country": "US", "addressLine1": "1 Pier", "city": "Boston",
                    "postalCode": "02110", "firstName": "Ada", "lastName": "Moss"}}
        }))
        .send()
        .await
        .unwrap();
    let customer: Value = created.json().await.unwrap();
    let changed = app
        .client
        .patch(app.url(&format!("/v1/users/{SALES_ID}")))
        .json(&json!({"roles": ["sales_agent", "billing_admin"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);

    let log = entries(&app, "").await;
    assert_eq!(actions(&log), ["user.roles_changed", "customer.created"], "newest first");
    let roles = &log[0];
    assert_eq!(roles["actor"], "Avery Martin <admin@northwind.example>");
    assert_eq!(roles["targetName"], "Sam Patel <sales@northwind.example>");
    assert_eq!(
        (roles["before"].as_str(), roles["after"].as_str()),
        (Some("sales_agent"), Some("billing_admin, sales_agent"))
    );
    let created = &log[1];
    assert_eq!(created["requestId"], request_id);
    assert_eq!(created["customerId"], customer["id"]);
    assert_eq!(created["companyName"], "Wingtip Toys");
    assert_eq!(created["at"], "2026-11-21T10:00:00.000Z");

    // A refused change leaves nothing: the entry is written in the change's own transaction.
    let refused = app
        .client
        .patch(app.url(&format!("/v1/users/{ADMIN_ID}")))
        .json(&json!({"roles": ["sales_agent"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let plan = json_of(
        app.get(&format!(
            "/v1/customers/{CONTOSO}/subscriptions/{}",
            portal_server::demo::CONTOSO_AZURE_PLAN_ID
        ))
        .await,
    )
    .await;
    let bad = app.patch_subscription(CONTOSO, &plan, json!({"quantity": 5})).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM activity").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 2);

    // Commerce: a subscription change and an order.
    let renamed =
        app.patch_subscription(CONTOSO, &plan, json!({"friendlyName": "Contoso cloud"})).await;
    assert_eq!(renamed.status(), StatusCode::OK);
    app.buy(CONTOSO, line(STANDARD_FR, 2, "monthly", Some("P1M"))).await;
    let log = entries(&app, "").await;
    assert_eq!(actions(&log)[..2], ["order.placed", "subscription.renamed"]);
    assert_eq!(
        (log[1]["before"].as_str(), log[1]["after"].as_str()),
        (Some("Contoso Azure plan"), Some("Contoso cloud"))
    );
    assert!(log[0]["after"].as_str().unwrap().starts_with("2 × "), "{}", log[0]);

    // API keys, created and revoked.
    let key: Value =
        app.post_json("/v1/apikeys", &json!({"name": "meter"})).await.json().await.unwrap();
    let revoked = app
        .client
        .delete(app.url(&format!("/v1/apikeys/{}", key["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    let keys = entries(&app, "?action=api_key").await;
    assert_eq!(actions(&keys), ["api_key.revoked", "api_key.created"]);
    assert_eq!(keys[1]["targetName"], "meter");
}

#[tokio::test]
async fn each_organization_reads_its_own_log() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let contoso = app.new_browser();
    contoso.sign_in(CONTOSO_ADMIN).await;
    // A partner change, a customer change.
    app.client
        .patch(app.url(&format!("/v1/users/{SALES_ID}")))
        .json(&json!({"state": "deactivated"}))
        .send()
        .await
        .unwrap();
    let members = format!("/v1/customers/{CONTOSO}/directoryroles/customer_admin/usermembers");
    let promoted = contoso.post_json(&members, &json!({"id": CONTOSO_READER_ID})).await;
    assert_eq!(promoted.status(), StatusCode::CREATED);

    // The customer sees its own; the partner sees both (it works for Contoso).
    assert_eq!(actions(&entries(&contoso, "").await), ["user.roles_changed"]);
    assert_eq!(actions(&entries(&app, "").await), ["user.roles_changed", "user.deactivated"]);
    let fabrikam = app.new_browser();
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    assert!(entries(&fabrikam, "").await.is_empty());
    // Filters: by customer, kind, dates.
    assert_eq!(entries(&app, &format!("?customerId={CONTOSO}")).await.len(), 1);
    assert_eq!(entries(&app, "?action=user").await.len(), 2);
    assert!(entries(&app, "?action=subscription").await.is_empty());
    assert_eq!(entries(&app, "?since=2026-11-21&until=2026-11-21").await.len(), 2);
    assert!(entries(&app, "?since=2026-11-22").await.is_empty());
    let bad = app.get("/v1/activity?action=nonsense").await;
    assert_eq!(expect_error(bad, StatusCode::BAD_REQUEST, "800002").await.data[0].field, "action");
    let bad = app.get("/v1/activity?since=21/11/2026").await;
    assert_eq!(expect_error(bad, StatusCode::BAD_REQUEST, "800002").await.data[0].field, "since");
    // Billing admins do not read it (nor readers, nor sales agents: the same permission).
    let billing = app.new_browser();
    billing.sign_in(BILLING).await;
    expect_error(billing.get("/v1/activity").await, StatusCode::FORBIDDEN, "2032").await;

    // The export: the same entries as CSV.
    let export = app.get("/v1/activity/export?action=user").await;
    assert_eq!(export.status(), StatusCode::OK);
    assert!(export.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = export.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "at,actor,customerId,companyName,action,targetId,targetName,before,after,requestId,id"
    );
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].contains("user.roles_changed") && lines[1].contains("Contoso"),
        "{}",
        lines[1]
    );
}

#[tokio::test]
async fn defender_plans_and_budgets_are_logged_too() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let lab = portal_server::demo::CONTOSO_LAB_ID;
    let plans = format!("/v1/customers/{CONTOSO}/defenderplans");
    let body = json!({"subscriptionId": lab, "deviceQuota": 2000, "billingCycle": "monthly"});
    assert_eq!(app.post_json(&plans, &body).await.status(), StatusCode::CREATED);
    let changed = app
        .client
        .patch(app.url(&format!("{plans}/{lab}")))
        .json(&json!({"deviceQuota": 3000}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    let budget = app
        .client
        .patch(app.url(&format!("/v1/customers/{CONTOSO}/usagebudget")))
        .json(&json!({"amount": 500}))
        .send()
        .await
        .unwrap();
    assert_eq!(budget.status(), StatusCode::OK);

    let defender = entries(&app, "?action=defender").await;
    assert_eq!(actions(&defender), ["defender.devices_changed", "defender.onboarded"]);
    assert_eq!(defender[0]["targetName"], "Contoso Lab");
    assert_eq!(
        (defender[0]["before"].as_str(), defender[0]["after"].as_str()),
        (Some("2000 devices"), Some("3000 devices"))
    );
    let sensors = format!("{plans}/{lab}/sensors");
    assert_eq!(
        app.post_json(&sensors, &json!({"name": "bench-01"})).await.status(),
        StatusCode::CREATED
    );
    let deleted = app.client.delete(app.url(&format!("{sensors}/bench-01"))).send().await.unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let sensor_log = entries(&app, "?action=defender").await;
    assert_eq!(actions(&sensor_log)[..2], ["defender.sensor_deleted", "defender.sensor_added"]);
    assert_eq!(sensor_log[1]["after"], "bench-01");
    let budgets = entries(&app, "?action=budget").await;
    assert_eq!(
        (budgets[0]["before"].as_str(), budgets[0]["after"].as_str()),
        (None, Some("500.00 EUR"))
    );
}
