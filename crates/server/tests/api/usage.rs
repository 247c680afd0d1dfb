//! Usage coming in: API keys and their scopes, batch ingestion with duplicates and invalid
//! records, rating, and usage refused for cancelled Azure subscriptions.

use portal_server::demo::{
    CONTOSO_AZURE_PLAN_ID, CONTOSO_LAB_ID, CONTOSO_PRODUCTION_ID, FABRIKAM_PRODUCTION_ID,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

/// D2s v5 virtual machine hours: 0.0960 € (and $) an hour.
const VM_HOURS: &str = "a1f3c6d2-0001-4e2b-9d61-7c0e5b2a9f01";

pub(crate) fn record(id: &str, customer: &str, subscription: &str, quantity: Value) -> Value {
    json!({
        "id": id,
        "customerId": customer,
        "subscriptionId": subscription,
        "meterId": VM_HOURS,
        "meterName": "D2s v5",
        "meterCategory": "Virtual Machines",
        "unit": "1 Hour",
        "resourceUri": "/subscriptions/x/resourceGroups/web/providers/Microsoft.Compute/virtualMachines/web-1",
        "resourceGroup": "web",
        "resourceLocation": "westeurope",
        "quantity": quantity,
        "usageDate": "2026-11-20",
    })
}

impl TestApp {
    /// A key made by the partner's global admin (signed in on another client), optionally
    /// scoped to one customer.
    pub(crate) async fn api_key(&self, customer: Option<&str>) -> String {
        let admin = TestApp::new_browser(self);
        admin.sign_in(ADMIN).await;
        let response = admin
            .post_json("/v1/apikeys", &json!({ "name": "meter feed", "customerId": customer }))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let created: Value = response.json().await.unwrap();
        created["key"].as_str().unwrap().to_owned()
    }

    pub(crate) async fn send_usage(&self, key: &str, records: Value) -> reqwest::Response {
        self.client
            .post(self.url("/v1/usage/records"))
            .bearer_auth(key)
            .json(&json!({ "records": records }))
            .send()
            .await
            .unwrap()
    }

    async fn stored_usage(&self) -> (i64, i64) {
        sqlx::query_as("SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(cost), 0) AS BIGINT) FROM usage_records")
            .fetch_one(&self.db)
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn global_admins_create_list_and_revoke_keys() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let response = app
        .post_json("/v1/apikeys", &json!({ "name": "  Contoso meters " , "customerId": CONTOSO }))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    let key = created["key"].as_str().unwrap();
    assert!(key.starts_with("pk_") && key.len() > 40, "{key}");
    assert_eq!(created["prefix"], key[..10]);
    assert_eq!(
        (&created["name"], &created["customerId"]),
        (&json!("Contoso meters"), &json!(CONTOSO))
    );

    // Listed without the key; only its hash is stored.
    let list = json_of(app.get("/v1/apikeys").await).await;
    assert_eq!(list["items"][0]["id"], created["id"]);
    assert!(list["items"][0].get("key").is_none());
    let (stored,): (String,) =
        sqlx::query_as("SELECT key_hash FROM api_keys").fetch_one(&app.db).await.unwrap();
    assert!(!stored.contains(key) && stored.len() == 64);

    // Revoked: it stops working at once; revoking again is harmless.
    let id = created["id"].as_str().unwrap();
    let revoke = |app: &TestApp| {
        let url = app.url(&format!("/v1/apikeys/{id}"));
        let client = app.client.clone();
        async move { client.delete(url).send().await.unwrap().status() }
    };
    assert_eq!(revoke(&app).await, StatusCode::NO_CONTENT);
    assert_eq!(revoke(&app).await, StatusCode::NO_CONTENT);
    let sender = TestApp::new_browser(&app);
    let refused =
        sender.send_usage(key, json!([record("r1", CONTOSO, CONTOSO_LAB_ID, json!(1))])).await;
    expect_error(refused, StatusCode::UNAUTHORIZED, "800001").await;

    let error = expect_error(
        app.post_json("/v1/apikeys", &json!({ "name": "x", "customerId": "not-a-customer" })).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(error.data[0].field, "customerId");
    let error = expect_error(
        app.post_json("/v1/apikeys", &json!({ "name": " " })).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(error.data[0].field, "name");
}

#[tokio::test]
async fn only_partner_global_admins_manage_keys() {
    let app = TestApp::spawn().await;
    for user in [SALES, BILLING, CONTOSO_ADMIN] {
        let client = TestApp::new_browser(&app);
        client.sign_in(user).await;
        expect_error(client.get("/v1/apikeys").await, StatusCode::FORBIDDEN, "2032").await;
        expect_error(
            client.post_json("/v1/apikeys", &json!({ "name": "x" })).await,
            StatusCode::FORBIDDEN,
            "2032",
        )
        .await;
    }
    expect_error(app.get("/v1/apikeys").await, StatusCode::UNAUTHORIZED, "800001").await;
}

#[tokio::test]
async fn a_batch_stores_valid_records_once_and_says_why_others_are_rejected() {
    let app = TestApp::spawn().await;
    let key = app.api_key(None).await;
    let batch = json!([
        record("r1", CONTOSO, CONTOSO_LAB_ID, json!(24)),
        record("r2", CONTOSO, CONTOSO_PRODUCTION_ID, json!(0.5)),
        record("r1", CONTOSO, CONTOSO_LAB_ID, json!(24)),
        record("r3", FABRIKAM, FABRIKAM_PRODUCTION_ID, json!(10)),
        record("r4", CONTOSO, CONTOSO_LAB_ID, json!(-1)),
        record("r5", CONTOSO, FABRIKAM_PRODUCTION_ID, json!(1)),
        record("r6", CONTOSO, CONTOSO_AZURE_PLAN_ID, json!("many")),
        json!({ "id": "r7", "customerId": CONTOSO, "subscriptionId": CONTOSO_LAB_ID, "meterId": "nope", "quantity": 1, "usageDate": "2026-11-20" }),
        json!({ "id": "r8", "customerId": CONTOSO, "subscriptionId": CONTOSO_LAB_ID, "meterId": VM_HOURS, "quantity": 1, "usageDate": "2026-12-01" }),
    ]);
    let response = app.send_usage(&key, batch.clone()).await;
    let result = json_of(response).await;
    assert_eq!(
        (&result["accepted"], &result["duplicates"], &result["rejected"]),
        (&json!(3), &json!(1), &json!(5))
    );
    let rejections: Vec<(u64, &str)> = result["rejections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["index"].as_u64().unwrap(), r["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rejections,
        [(4, "quantity"), (5, "subscriptionId"), (6, "quantity"), (7, "meterId"), (8, "usageDate")]
    );
    assert_eq!(result["rejections"][0]["id"], "r4");

    // Rated at 0.0960 per hour: 24 h = 2.304, 0.5 h = 0.048, 10 h = 0.96 (in ten-thousandths).
    assert_eq!(app.stored_usage().await, (3, 23_040 + 480 + 9_600));
    let (currency,): (String,) =
        sqlx::query_as("SELECT currency_code FROM usage_records WHERE id = 'r3'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(currency, "USD");

    // The same batch again (an answer lost, a retry): nothing is stored twice.
    let again = json_of(app.send_usage(&key, batch).await).await;
    assert_eq!(
        (&again["accepted"], &again["duplicates"], &again["rejected"]),
        (&json!(0), &json!(4), &json!(5))
    );
    assert_eq!(app.stored_usage().await, (3, 33_120));
    // The totals summaries read count each record once too: 2.304 + 0.048 for Contoso.
    app.sign_in(CONTOSO_ADMIN).await;
    let summary = json_of(app.get(&format!("/v1/customers/{CONTOSO}/usagesummary")).await).await;
    assert_eq!(summary["totalCost"], json!(2.352));
}

#[tokio::test]
async fn a_key_scoped_to_a_customer_sends_for_that_customer_only() {
    let app = TestApp::spawn().await;
    let key = app.api_key(Some(CONTOSO)).await;
    let result = json_of(
        app.send_usage(
            &key,
            json!([
                record("c1", CONTOSO, CONTOSO_LAB_ID, json!(1)),
                record("f1", FABRIKAM, FABRIKAM_PRODUCTION_ID, json!(1)),
            ]),
        )
        .await,
    )
    .await;
    assert_eq!((&result["accepted"], &result["rejected"]), (&json!(1), &json!(1)));
    assert_eq!(result["rejections"][0]["field"], "customerId");
    assert_eq!(app.stored_usage().await.0, 1);
}

#[tokio::test]
async fn usage_for_a_cancelled_azure_subscription_is_rejected() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    app.cancel_azure_subscription(CONTOSO, CONTOSO_AZURE_PLAN_ID, CONTOSO_LAB_ID).await;
    let key = app.api_key(None).await;
    let result = json_of(
        app.send_usage(&key, json!([record("x1", CONTOSO, CONTOSO_LAB_ID, json!(1))])).await,
    )
    .await;
    assert_eq!(result["rejected"], 1);
    assert_eq!(result["rejections"][0]["field"], "subscriptionId");
    assert!(result["rejections"][0]["reason"].as_str().unwrap().contains("cancelled"));
}

#[tokio::test]
async fn batches_are_between_1_and_5000_records_and_need_a_key() {
    let app = TestApp::spawn().await;
    let key = app.api_key(None).await;
    for records in
        [json!([]), Value::Array(vec![record("r", CONTOSO, CONTOSO_LAB_ID, json!(1)); 5_001])]
    {
        let error =
            expect_error(app.send_usage(&key, records).await, StatusCode::BAD_REQUEST, "800002")
                .await;
        assert_eq!(error.data[0].field, "records");
    }
    // 5,000 records of a few hundred bytes each are accepted in one request.
    let full: Vec<Value> =
        (0..5_000).map(|i| record(&format!("b{i}"), CONTOSO, CONTOSO_LAB_ID, json!(1))).collect();
    let result = json_of(app.send_usage(&key, Value::Array(full)).await).await;
    assert_eq!(result["accepted"], 5_000);
    expect_error(
        app.send_usage("pk_not-a-key", json!([record("r", CONTOSO, CONTOSO_LAB_ID, json!(1))]))
            .await,
        StatusCode::UNAUTHORIZED,
        "800001",
    )
    .await;
}

impl TestApp {
    async fn alert_thresholds(&self, customer: &str) -> Vec<i64> {
        let list = json_of(self.get(&format!("/v1/customers/{customer}/usagealerts")).await).await;
        list["items"].as_array().unwrap().iter().map(|a| a["threshold"].as_i64().unwrap()).collect()
    }

    async fn patch_budget(&self, customer: &str, body: Value) -> reqwest::Response {
        let url = self.url(&format!("/v1/customers/{customer}/usagebudget"));
        self.client.patch(url).json(&body).send().await.unwrap()
    }
}

#[tokio::test]
async fn admins_set_the_spending_budget_and_bad_amounts_name_the_field() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let budget = format!("/v1/customers/{CONTOSO}/usagebudget");
    let none = json_of(app.get(&budget).await).await;
    assert_eq!(none, json!({ "amount": null, "attributes": { "objectType": "SpendingBudget" } }));

    let set = json_of(app.patch_budget(CONTOSO, json!({ "amount": 500 })).await).await;
    assert_eq!(set["amount"], json!(500));
    // Partner Center's samples write the body in PascalCase.
    let pascal = json_of(
        app.patch_budget(
            CONTOSO,
            json!({ "Amount": 250.5, "Attributes": { "ObjectType": "SpendingBudget" } }),
        )
        .await,
    )
    .await;
    assert_eq!(pascal["amount"], json!(250.5));
    assert_eq!(json_of(app.get(&budget).await).await["amount"], json!(250.5));

    for bad in [
        json!({ "amount": -1 }),
        json!({ "amount": "lots" }),
        json!({ "amount": 1.23456 }),
        json!({}),
    ] {
        let error = expect_error(
            app.patch_budget(CONTOSO, bad.clone()).await,
            StatusCode::BAD_REQUEST,
            "800002",
        )
        .await;
        assert_eq!(error.data[0].field, "amount", "{bad}");
    }
    assert_eq!(json_of(app.get(&budget).await).await["amount"], json!(250.5));
    let removed = json_of(app.patch_budget(CONTOSO, json!({ "amount": null })).await).await;
    assert_eq!(removed["amount"], json!(null));

    let reader = TestApp::new_browser(&app);
    reader.sign_in(CONTOSO_READER).await;
    assert_eq!(json_of(reader.get(&budget).await).await["amount"], json!(null));
    expect_error(
        reader.patch_budget(CONTOSO, json!({ "amount": 1 })).await,
        StatusCode::FORBIDDEN,
        "2032",
    )
    .await;
    let fabrikam = TestApp::new_browser(&app);
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    expect_error(
        fabrikam.patch_budget(CONTOSO, json!({ "amount": 1 })).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
    // The partner's global admin may set it too.
    let partner = TestApp::new_browser(&app);
    partner.sign_in(ADMIN).await;
    assert_eq!(
        json_of(partner.patch_budget(CONTOSO, json!({ "amount": 100 })).await).await["amount"],
        json!(100)
    );
}

#[tokio::test]
async fn a_record_counts_in_the_summary_as_soon_as_it_is_accepted() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let summary = format!("/v1/customers/{CONTOSO}/usagesummary");
    let before = json_of(app.get(&summary).await).await;
    assert_eq!(
        (
            &before["totalCost"],
            &before["currencyCode"],
            &before["billingStartDate"],
            &before["billingEndDate"]
        ),
        (&json!(0), &json!("EUR"), &json!("2026-11-01"), &json!("2026-11-30"))
    );
    assert_eq!(before["attributes"]["objectType"], "CustomerUsageSummary");
    app.patch_budget(CONTOSO, json!({ "amount": 300 })).await;

    let key = app.api_key(None).await;
    let mut october = record("old", CONTOSO, CONTOSO_LAB_ID, json!(10));
    october["usageDate"] = json!("2026-10-31");
    let result = json_of(
        app.send_usage(&key, json!([record("now", CONTOSO, CONTOSO_LAB_ID, json!(24)), october]))
            .await,
    )
    .await;
    assert_eq!(result["accepted"], 2);
    let after = json_of(app.get(&summary).await).await;
    assert_eq!(after["totalCost"], json!(2.304));
    assert_eq!(after["budget"]["amount"], json!(300));
    assert_eq!(after["lastModifiedDate"], "2026-11-21T10:00:00.000Z");
    let previous = json_of(app.get(&format!("{summary}?period=2026-10")).await).await;
    assert_eq!(
        (&previous["totalCost"], &previous["billingEndDate"]),
        (&json!(0.96), &json!("2026-10-31"))
    );

    for bad in ["2026-13", "2026-12", "last"] {
        let error = expect_error(
            app.get(&format!("{summary}?period={bad}")).await,
            StatusCode::BAD_REQUEST,
            "800002",
        )
        .await;
        assert_eq!(error.data[0].field, "period", "{bad}");
    }
    // Another customer's summary stays out of reach.
    let fabrikam = TestApp::new_browser(&app);
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    expect_error(fabrikam.get(&summary).await, StatusCode::NOT_FOUND, "60003").await;
    assert_eq!(
        json_of(fabrikam.get(&format!("/v1/customers/{FABRIKAM}/usagesummary")).await).await["totalCost"],
        json!(0)
    );
}

/// LRS storage: 0.0196 € per GB-month.
const STORAGE: &str = "a1f3c6d2-0002-4e2b-9d61-7c0e5b2a9f02";

fn on_resource(
    id: &str,
    subscription: &str,
    meter: &str,
    resource: &str,
    quantity: i64,
    day: &str,
) -> Value {
    let mut r = record(id, CONTOSO, subscription, json!(quantity));
    r["meterId"] = json!(meter);
    r["meterName"] = json!("");
    r["meterCategory"] = json!("");
    r["unit"] = json!("");
    r["resourceUri"] = json!(format!("/subscriptions/x/resourceGroups/rg/providers/p/{resource}"));
    r["usageDate"] = json!(day);
    r
}

#[tokio::test]
async fn usage_reads_by_plan_meter_resource_and_day() {
    let app = TestApp::spawn().await;
    let key = app.api_key(None).await;
    let mut renamed = on_resource("1", CONTOSO_LAB_ID, VM_HOURS, "vm-a", 10, "2026-11-19");
    renamed["meterName"] = json!("our big VMs");
    let batch = json!([
        renamed,
        on_resource("2", CONTOSO_PRODUCTION_ID, VM_HOURS, "vm-b", 20, "2026-11-20"),
        on_resource("3", CONTOSO_PRODUCTION_ID, STORAGE, "disk-c", 100, "2026-11-20"),
    ]);
    assert_eq!(json_of(app.send_usage(&key, batch).await).await["accepted"], 3);
    app.sign_in(CONTOSO_READER).await;
    let plan = format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}");

    let summary = json_of(app.get(&format!("{plan}/usagesummary")).await).await;
    // 30 h × 0.096 = 2.88; 100 GB × 0.0196 = 1.96.
    assert_eq!(summary["totalCost"], json!(4.84));
    let plans =
        json_of(app.get(&format!("/v1/customers/{CONTOSO}/subscriptions/usagerecords")).await)
            .await;
    assert_eq!(plans["totalCount"], 1);
    assert_eq!(
        (&plans["items"][0]["resourceId"], &plans["items"][0]["totalCost"]),
        (&json!(CONTOSO_AZURE_PLAN_ID), &json!(4.84))
    );

    let meters = json_of(app.get(&format!("{plan}/meterusagerecords")).await).await;
    let meters: Vec<(Value, Value, Value)> = meters["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["meterName"].clone(), m["quantityUsed"].clone(), m["totalCost"].clone()))
        .collect();
    // Names come from the catalog, whatever the sender called the meter; the costliest first.
    assert_eq!(
        meters,
        [
            (json!("D2s v5"), json!(30), json!(2.88)),
            (json!("LRS Data Stored"), json!(100), json!(1.96))
        ]
    );

    let resources =
        json_of(app.get(&format!("{plan}/resourceusagerecords?sort=resourceUri&order=asc")).await)
            .await;
    let names: Vec<_> =
        resources["items"].as_array().unwrap().iter().map(|r| r["resourceName"].clone()).collect();
    assert_eq!(names, [json!("disk-c"), json!("vm-a"), json!("vm-b")]);
    assert_eq!(resources["items"][1]["entitlementName"], "Contoso Lab");
    let filtered = json_of(app.get(&format!("{plan}/resourceusagerecords?filter=VM-")).await).await;
    assert_eq!(filtered["totalCount"], 2);
    assert_eq!(filtered["items"][0]["resourceName"], "vm-b");

    let daily =
        json_of(app.get(&format!("/v1/customers/{CONTOSO}/usagesummary/daily")).await).await;
    let days: Vec<(Value, Value, Value)> = daily["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["date"].clone(), d["category"].clone(), d["totalCost"].clone()))
        .collect();
    assert_eq!(
        days,
        [
            (json!("2026-11-19"), json!("Virtual Machines"), json!(0.96)),
            (json!("2026-11-20"), json!("Storage"), json!(1.96)),
            (json!("2026-11-20"), json!("Virtual Machines"), json!(1.92)),
        ]
    );
    // Licence subscriptions have no usage.
    let licences = portal_server::demo::CONTOSO_LICENCES_ID;
    expect_error(
        app.get(&format!("/v1/customers/{CONTOSO}/subscriptions/{licences}/meterusagerecords"))
            .await,
        StatusCode::NOT_FOUND,
        "20003",
    )
    .await;
}

#[tokio::test]
async fn resources_come_a_page_at_a_time() {
    let app = TestApp::spawn().await;
    let key = app.api_key(None).await;
    let records: Vec<Value> = (0..250)
        .map(|i| {
            on_resource(
                &format!("r{i}"),
                CONTOSO_LAB_ID,
                VM_HOURS,
                &format!("vm-{i:03}"),
                i + 1,
                "2026-11-20",
            )
        })
        .collect();
    assert_eq!(json_of(app.send_usage(&key, Value::Array(records)).await).await["accepted"], 250);
    app.sign_in(CONTOSO_ADMIN).await;
    let mut next = Some(format!(
        "/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}/resourceusagerecords?size=100"
    ));
    let mut costs = Vec::new();
    while let Some(path) = next {
        let page = json_of(app.get(&format!("/v1{path}")).await).await;
        costs.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["resourceName"].as_str().unwrap().to_owned()),
        );
        next = page["links"]["next"]["uri"].as_str().map(str::to_owned);
    }
    // All 250, the costliest (the most hours) first, none twice.
    assert_eq!(costs.len(), 250);
    assert_eq!((costs[0].as_str(), costs[249].as_str()), ("vm-249", "vm-000"));
    let plan = format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_AZURE_PLAN_ID}");
    for (query, field) in [
        ("size=0", "size"),
        ("size=1001", "size"),
        ("offset=-1", "offset"),
        ("sort=cost", "sort"),
        ("order=up", "order"),
    ] {
        let error = expect_error(
            app.get(&format!("{plan}/resourceusagerecords?{query}")).await,
            StatusCode::BAD_REQUEST,
            "800002",
        )
        .await;
        assert_eq!(error.data[0].field, field, "{query}");
    }
}

#[tokio::test]
async fn partner_users_see_every_customers_spend_against_its_budget() {
    let app = TestApp::spawn().await;
    let key = app.api_key(None).await;
    // Contoso: 24 h × 0.096 = 2.304 € this month against a budget of 2 €: over.
    // Fabrikam: 10 h × 0.096 = 0.96 $ by the 21st against 1.20 $: on course for 1.37 $, trending over.
    let batch = json!([
        record("c", CONTOSO, CONTOSO_LAB_ID, json!(24)),
        record("f", FABRIKAM, FABRIKAM_PRODUCTION_ID, json!(10)),
    ]);
    assert_eq!(json_of(app.send_usage(&key, batch).await).await["accepted"], 2);
    app.sign_in(ADMIN).await;
    app.patch_budget(CONTOSO, json!({ "amount": 2 })).await;
    app.patch_budget(FABRIKAM, json!({ "amount": 1.2 })).await;

    let records = json_of(app.get("/v1/customers/usagerecords").await).await;
    let contoso =
        records["items"].as_array().unwrap().iter().find(|r| r["resourceId"] == CONTOSO).unwrap();
    assert_eq!(
        (&contoso["totalCost"], &contoso["percentUsed"], &contoso["isUpgraded"]),
        (&json!(2.304), &json!(115.2), &json!(true))
    );
    assert_eq!(contoso["budget"]["amount"], json!(2));
    let litware =
        records["items"].as_array().unwrap().iter().find(|r| r["resourceId"] == LITWARE).unwrap();
    assert_eq!((&litware["totalCost"], &litware["isUpgraded"]), (&json!(0), &json!(false)));
    assert!(litware.get("percentUsed").is_none());

    let summary = json_of(app.get("/v1/usagesummary").await).await;
    assert_eq!(
        (&summary["customersOverBudget"], &summary["customersTrendingOver"]),
        (&json!(1), &json!(1))
    );
    assert_eq!(summary["customersWithUsageBasedSubscription"], 2);
    assert_eq!(
        summary["totals"],
        json!([{ "amount": 2.304, "currencyCode": "EUR" }, { "amount": 0.96, "currencyCode": "USD" }])
    );

    // Customer users get their own summary, not the partner's.
    let customer = TestApp::new_browser(&app);
    customer.sign_in(CONTOSO_ADMIN).await;
    expect_error(customer.get("/v1/usagesummary").await, StatusCode::FORBIDDEN, "2032").await;
    expect_error(customer.get("/v1/customers/usagerecords").await, StatusCode::FORBIDDEN, "2032")
        .await;
}

#[tokio::test]
async fn the_demo_seeds_usage_once_per_day_and_subscription() {
    let app = TestApp::spawn_with(|config| config.demo_usage_days = 30).await;
    let (seeded, _) = app.stored_usage().await;
    // Three active Azure subscriptions of the global cloud (Contoso Production and Lab, Fabrikam
    // Production; not Fabrikam US Government), six resources each, and the Azure Stack Hub
    // deployment registered under Contoso Production (virtual machines and storage), 30 days.
    assert_eq!(seeded, (3 * 6 + 2) * 30);
    let (reported,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM usage_records
         WHERE azure_stack_registration_id IS NOT NULL AND meter_category = 'Azure Stack Hub'
           AND resource_uri LIKE '%/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/AzureStack-%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(reported, 2 * 30, "the deployment's records name its registration");
    // What the month's estimate bills for the month's usage: its usage lines, each rounded to
    // the cent, as the summary says beside its exact total.
    app.sign_in(CONTOSO_ADMIN).await;
    let summary = json_of(app.get(&format!("/v1/customers/{CONTOSO}/usagesummary")).await).await;
    let total: portal_domain::Amount = summary["totalCost"].to_string().parse().unwrap();
    let estimate = json_of(
        app.get(&format!(
            "/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&period=current&customerId={CONTOSO}&size=2000"
        ))
        .await,
    )
    .await;
    let usage_lines =
        estimate["items"].as_array().unwrap().iter().filter(|l| l["chargeType"] == "usage");
    let billed = portal_domain::Amount::sum(
        usage_lines.map(|l| l["subtotal"].to_string().parse::<portal_domain::Amount>().unwrap()),
    )
    .unwrap();
    let said: portal_domain::Amount = summary["billedCost"].to_string().parse().unwrap();
    assert_eq!(said, billed);
    assert!((said.checked_sub(total).unwrap()).abs() < "1".parse().unwrap(), "cents apart at most");
    let today = day("2026-11-21");
    assert_eq!(portal_server::usage_seed::seed(&app.db, today, 30).await.unwrap(), 0);
    assert_eq!(portal_server::usage_seed::seed(&app.db, today, 31).await.unwrap(), 3 * 6 + 2);

    app.sign_in(CONTOSO_ADMIN).await;
    let daily =
        json_of(app.get(&format!("/v1/customers/{CONTOSO}/usagesummary/daily")).await).await;
    let days: std::collections::BTreeSet<_> = daily["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(days.len(), 21, "1 to 21 November");
    let summary = json_of(app.get(&format!("/v1/customers/{CONTOSO}/usagesummary")).await).await;
    let total: portal_domain::Amount = summary["totalCost"].to_string().parse().unwrap();
    // Production's web VM alone runs about 24 h a day at 0.096 €: tens of euros by the 21st.
    assert!(total > "50".parse().unwrap() && total < "5000".parse().unwrap(), "{total}");
}

#[tokio::test]
async fn passing_80_and_100_percent_of_the_budget_is_raised_once_per_month() {
    let app = TestApp::spawn().await;
    let key = app.api_key(None).await;
    app.sign_in(CONTOSO_ADMIN).await;
    app.patch_budget(CONTOSO, json!({ "amount": 3 })).await;
    // 24 h × 0.096 = 2.304 €: 76.8% of 3 €. Last month's usage does not count.
    let mut october = record("oct", CONTOSO, CONTOSO_LAB_ID, json!(100));
    october["usageDate"] = json!("2026-10-15");
    app.send_usage(&key, json!([record("a", CONTOSO, CONTOSO_LAB_ID, json!(24)), october])).await;
    assert!(app.alert_thresholds(CONTOSO).await.is_empty());
    // One hour more: 2.40 € = 80%.
    app.send_usage(&key, json!([record("b", CONTOSO, CONTOSO_LAB_ID, json!(1))])).await;
    assert_eq!(app.alert_thresholds(CONTOSO).await, [80]);
    // Past 3 €: 100% too; sending the same again raises nothing more.
    for _ in 0..2 {
        app.send_usage(&key, json!([record("c", CONTOSO, CONTOSO_LAB_ID, json!(10))])).await;
    }
    assert_eq!(app.alert_thresholds(CONTOSO).await, [80, 100]);
    let list = json_of(app.get(&format!("/v1/customers/{CONTOSO}/usagealerts")).await).await;
    assert_eq!(list["items"][0]["period"], "2026-11");
    assert_eq!(list["items"][0]["raisedAt"], "2026-11-21T10:00:00.000Z");

    // Fabrikam's budget set under what it has spent already: both at once.
    app.send_usage(&key, json!([record("f", FABRIKAM, FABRIKAM_PRODUCTION_ID, json!(10))])).await;
    let partner = TestApp::new_browser(&app);
    partner.sign_in(ADMIN).await;
    partner.patch_budget(FABRIKAM, json!({ "amount": 0.5 })).await;
    let all = json_of(partner.get("/v1/usagealerts").await).await;
    let raised: Vec<(String, i64)> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["customerName"].as_str().unwrap().to_owned(), a["threshold"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        raised,
        [
            ("Contoso".to_owned(), 80),
            ("Contoso".to_owned(), 100),
            ("Fabrikam".to_owned(), 80),
            ("Fabrikam".to_owned(), 100)
        ]
    );
    // Customers see their own alerts only.
    expect_error(app.get("/v1/usagealerts").await, StatusCode::FORBIDDEN, "2032").await;
    let fabrikam = TestApp::new_browser(&app);
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    expect_error(
        fabrikam.get(&format!("/v1/customers/{CONTOSO}/usagealerts")).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
}
