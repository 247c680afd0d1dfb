//! Defender for IoT plans: onboarding with committed devices, the estimate against the recorded
//! charge, changes, offboarding and sensors, roles and tenants. The test clock stands on
//! 21 November 2026; Contoso (France) pays 275 € per 1,000 devices a month, 3,000 € a year.

use chrono::TimeDelta;
use portal_server::demo::{
    CONTOSO_AZURE_PLAN_ID, CONTOSO_LAB_ID, CONTOSO_PRODUCTION_ID, FABRIKAM_PRODUCTION_ID,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

fn plans() -> String {
    format!("/v1/customers/{CONTOSO}/defenderplans")
}

fn plan(subscription: &str) -> String {
    format!("/v1/customers/{CONTOSO}/defenderplans/{subscription}")
}

impl TestApp {
    async fn onboard(&self, body: Value) -> reqwest::Response {
        self.post_json(&plans(), &body).await
    }

    async fn patch_devices(&self, subscription: &str, devices: i64) -> reqwest::Response {
        let body = json!({ "deviceQuota": devices });
        self.client.patch(self.url(&plan(subscription))).json(&body).send().await.unwrap()
    }

    async fn delete(&self, path: &str) -> reqwest::Response {
        self.client.delete(self.url(path)).send().await.unwrap()
    }

    async fn plan_list(&self) -> Vec<Value> {
        let list = json_of(self.get(&plans()).await).await;
        list["items"].as_array().unwrap().clone()
    }
}

fn lab(devices: i64, cycle: &str) -> Value {
    json!({ "subscriptionId": CONTOSO_LAB_ID, "deviceQuota": devices, "billingCycle": cycle })
}

#[tokio::test]
async fn onboarding_charges_exactly_what_the_estimate_said() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let estimate = json_of(
        app.get(&format!("{}/estimate?deviceQuota=2000&billingCycle=monthly", plans())).await,
    )
    .await;
    // 2 × 275 € × 10 of 30 days = 183.33 €, then 550 € a month.
    assert_eq!(estimate["firstCharge"], json!({"amount": 183.33, "currencyCode": "EUR"}));
    assert_eq!(
        (&estimate["firstPeriodStart"], &estimate["firstPeriodEnd"]),
        (&json!("2026-11-21"), &json!("2026-11-30"))
    );
    assert_eq!(estimate["recurringCharge"]["amount"], json!(550));

    let response = app.onboard(lab(2_000, "monthly")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        response.headers()["location"],
        format!("/v1/customers/{CONTOSO}/defenderplans/{CONTOSO_LAB_ID}").as_str()
    );
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["subscriptionName"], "Contoso Lab");
    assert_eq!(created["deviceQuota"], 2_000);
    assert_eq!(created["status"], "active");
    assert_eq!(created["sensorCount"], 0);
    assert_eq!(created["currentPeriodCharge"], estimate["firstCharge"]);
    assert_eq!(created["attributes"]["objectType"], "DefenderPlan");

    // What the server recorded as the charge is the estimate, to the cent.
    let (recorded,): (i64,) = sqlx::query_as(
        "SELECT CAST(SUM(e.amount) AS BIGINT) FROM defender_plan_events e
         JOIN defender_plans p ON p.id = e.plan_id WHERE p.azure_subscription_id = $1",
    )
    .bind(CONTOSO_LAB_ID)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(recorded, 1_833_300);

    // Both Azure subscriptions are listed: Production from the demo data, with a whole month.
    let list = app.plan_list().await;
    let names: Vec<_> = list.iter().map(|p| p["subscriptionName"].clone()).collect();
    assert_eq!(names, [json!("Contoso Lab"), json!("Contoso Production")]);
    assert_eq!(list[1]["currentPeriodCharge"]["amount"], json!(1375));
    assert_eq!(list[1]["sensorCount"], 1);
}

#[tokio::test]
async fn an_annual_plan_pays_its_year_up_front() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let response = app.onboard(lab(3_000, "annual")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["billingCycle"], "annual");
    assert_eq!(created["currentPeriodCharge"]["amount"], json!(9000));
}

#[tokio::test]
async fn bad_device_counts_and_cycles_name_their_field() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    for devices in [
        json!(999),
        json!(0),
        json!(-1000),
        json!(1500),
        json!(101_000),
        json!(1000.5),
        json!("2000x"),
        json!(null),
    ] {
        let body = json!({ "subscriptionId": CONTOSO_LAB_ID, "deviceQuota": devices, "billingCycle": "monthly" });
        let error = expect_error(app.onboard(body).await, StatusCode::BAD_REQUEST, "800002").await;
        assert_eq!(error.data[0].field, "deviceQuota", "{devices}: {}", error.description);
    }
    for cycle in ["weekly", "none"] {
        let error =
            expect_error(app.onboard(lab(2_000, cycle)).await, StatusCode::BAD_REQUEST, "800002")
                .await;
        assert_eq!(error.data[0].field, "billingCycle", "{cycle}");
    }
    let error = expect_error(
        app.get(&format!("{}/estimate?deviceQuota=1500&billingCycle=monthly", plans())).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(error.data[0].field, "deviceQuota");
    let error = expect_error(
        app.get(&format!("{}/estimate?deviceQuota=abc&billingCycle=yearly", plans())).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    let fields: Vec<_> = error.data.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["deviceQuota", "billingCycle"]);
    // Nothing was onboarded by any of it.
    assert_eq!(app.plan_list().await.len(), 1);
}

#[tokio::test]
async fn an_onboarded_subscription_cannot_be_onboarded_again() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let production = json!({ "subscriptionId": CONTOSO_PRODUCTION_ID, "deviceQuota": 1000, "billingCycle": "monthly" });
    let error = expect_error(app.onboard(production).await, StatusCode::CONFLICT, "910001").await;
    assert!(error.description.contains("Contoso Production"), "{}", error.description);
    assert_eq!(app.onboard(lab(1_000, "monthly")).await.status(), StatusCode::CREATED);
    expect_error(app.onboard(lab(1_000, "monthly")).await, StatusCode::CONFLICT, "910001").await;
}

#[tokio::test]
async fn another_customers_subscription_is_not_found() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let fabrikams = json!({ "subscriptionId": FABRIKAM_PRODUCTION_ID, "deviceQuota": 1000, "billingCycle": "monthly" });
    expect_error(app.onboard(fabrikams).await, StatusCode::NOT_FOUND, "700008").await;
    expect_error(app.get(&plan(FABRIKAM_PRODUCTION_ID)).await, StatusCode::NOT_FOUND, "910002")
        .await;
    // Fabrikam's admin sees nothing of Contoso's plans.
    let fabrikam = TestApp::new_browser(&app);
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    expect_error(fabrikam.get(&plans()).await, StatusCode::NOT_FOUND, "60003").await;
    expect_error(
        fabrikam.delete(&plan(CONTOSO_PRODUCTION_ID)).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
}

#[tokio::test]
async fn a_cancelled_azure_subscription_cannot_be_onboarded() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    app.cancel_azure_subscription(CONTOSO, CONTOSO_AZURE_PLAN_ID, CONTOSO_LAB_ID).await;
    let error =
        expect_error(app.onboard(lab(1_000, "monthly")).await, StatusCode::CONFLICT, "910007")
            .await;
    assert!(error.description.contains("Contoso Lab"));
}

#[tokio::test]
async fn offboarding_is_refused_while_sensors_remain() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let production = plan(CONTOSO_PRODUCTION_ID);
    let error = expect_error(app.delete(&production).await, StatusCode::CONFLICT, "910003").await;
    assert_eq!(error.data[0].message, "plant-floor-01");
    assert!(error.description.contains("plant-floor-01"));

    let sensor = format!("{production}/sensors/plant-floor-01");
    assert_eq!(app.delete(&sensor).await.status(), StatusCode::NO_CONTENT);
    expect_error(app.delete(&sensor).await, StatusCode::NOT_FOUND, "910005").await;
    assert_eq!(app.delete(&production).await.status(), StatusCode::NO_CONTENT);

    // Offboarded: gone from its own address, still listed with this month's charge.
    expect_error(app.get(&production).await, StatusCode::NOT_FOUND, "910002").await;
    expect_error(app.delete(&production).await, StatusCode::NOT_FOUND, "910002").await;
    let list = app.plan_list().await;
    assert_eq!(list[0]["status"], "offboarded");
    assert_eq!(list[0]["currentPeriodCharge"]["amount"], json!(1375));
    // Next month it is no longer billed, nor listed; it can be onboarded again.
    app.clock.advance(TimeDelta::days(10));
    app.sign_in(CONTOSO_ADMIN).await; // sessions end after 12 hours
    assert!(app.plan_list().await.is_empty());
    let again = json!({ "subscriptionId": CONTOSO_PRODUCTION_ID, "deviceQuota": 1000, "billingCycle": "monthly" });
    assert_eq!(app.onboard(again).await.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn more_devices_are_charged_now_and_fewer_apply_next_month() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    assert_eq!(app.onboard(lab(2_000, "monthly")).await.status(), StatusCode::CREATED);
    // +1,000 on the 21st: 275 € × 10/30 = 91.67 € more this month.
    let more = json_of(app.patch_devices(CONTOSO_LAB_ID, 3_000).await).await;
    assert_eq!(more["deviceQuota"], 3_000);
    assert_eq!(more["currentPeriodCharge"]["amount"], json!(275));
    // The same request again charges nothing more.
    let again = json_of(app.patch_devices(CONTOSO_LAB_ID, 3_000).await).await;
    assert_eq!(again["currentPeriodCharge"]["amount"], json!(275));

    let fewer = json_of(app.patch_devices(CONTOSO_LAB_ID, 1_000).await).await;
    assert_eq!(fewer["deviceQuota"], 3_000);
    assert_eq!(fewer["pendingDeviceQuota"], 1_000);
    assert_eq!(fewer["pendingDeviceQuotaDate"], "2026-12-01");
    assert_eq!(fewer["currentPeriodCharge"]["amount"], json!(275));

    let error = expect_error(
        app.patch_devices(CONTOSO_LAB_ID, 1_234).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(error.data[0].field, "deviceQuota");

    app.clock.advance(TimeDelta::days(11));
    app.sign_in(CONTOSO_ADMIN).await; // sessions end after 12 hours
    let december = json_of(app.get(&plan(CONTOSO_LAB_ID)).await).await;
    assert_eq!(december["deviceQuota"], 1_000);
    assert!(december.get("pendingDeviceQuota").is_none());
    assert_eq!(december["currentPeriodCharge"]["amount"], json!(275));
}

#[tokio::test]
async fn a_trial_is_free_for_1000_devices_once_per_subscription() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let trial = |devices: i64| json!({ "subscriptionId": CONTOSO_LAB_ID, "deviceQuota": devices, "billingCycle": "monthly", "isTrial": true });
    let error =
        expect_error(app.onboard(trial(2_000)).await, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "deviceQuota");
    let response = app.onboard(trial(1_000)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(
        (created["isTrial"].clone(), created["trialEndDate"].clone()),
        (json!(true), json!("2026-12-20"))
    );
    assert_eq!(created["currentPeriodCharge"]["amount"], json!(0));
    app.clock.advance(TimeDelta::days(30));
    app.sign_in(CONTOSO_ADMIN).await; // sessions end after 12 hours
    assert_eq!(json_of(app.get(&plan(CONTOSO_LAB_ID)).await).await["status"], "expired");
    assert_eq!(app.delete(&plan(CONTOSO_LAB_ID)).await.status(), StatusCode::NO_CONTENT);
    expect_error(app.onboard(trial(1_000)).await, StatusCode::CONFLICT, "910006").await;
}

#[tokio::test]
async fn sensors_are_named_like_azure_resources_and_unique() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_ADMIN).await;
    let sensors = format!("{}/sensors", plan(CONTOSO_PRODUCTION_ID));
    let response = app.post_json(&sensors, &json!({ "name": "  line-2.gateway " })).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["name"], "line-2.gateway");
    for bad in ["", "has space", "-dash-first", &"x".repeat(65)] {
        let error = expect_error(
            app.post_json(&sensors, &json!({ "name": bad })).await,
            StatusCode::BAD_REQUEST,
            "800002",
        )
        .await;
        assert_eq!(error.data[0].field, "name", "{bad:?}");
    }
    expect_error(
        app.post_json(&sensors, &json!({ "name": "PLANT-FLOOR-01" })).await,
        StatusCode::CONFLICT,
        "910004",
    )
    .await;
    let list = json_of(app.get(&sensors).await).await;
    let names: Vec<_> =
        list["items"].as_array().unwrap().iter().map(|s| s["name"].clone()).collect();
    assert_eq!(names, [json!("line-2.gateway"), json!("plant-floor-01")]);
    // Contoso Lab is not onboarded: it has no sensors to add to.
    expect_error(
        app.post_json(&format!("{}/sensors", plan(CONTOSO_LAB_ID)), &json!({ "name": "s1" })).await,
        StatusCode::NOT_FOUND,
        "910002",
    )
    .await;
}

#[tokio::test]
async fn readers_and_sales_agents_look_but_do_not_change() {
    let app = TestApp::spawn().await;
    for user in [CONTOSO_READER, SALES] {
        let client = TestApp::new_browser(&app);
        client.sign_in(user).await;
        assert_eq!(client.plan_list().await.len(), 1, "{}", user.0);
        expect_error(client.onboard(lab(1_000, "monthly")).await, StatusCode::FORBIDDEN, "2032")
            .await;
        expect_error(
            client.patch_devices(CONTOSO_PRODUCTION_ID, 6_000).await,
            StatusCode::FORBIDDEN,
            "2032",
        )
        .await;
        expect_error(
            client.delete(&plan(CONTOSO_PRODUCTION_ID)).await,
            StatusCode::FORBIDDEN,
            "2032",
        )
        .await;
        let sensors = format!("{}/sensors", plan(CONTOSO_PRODUCTION_ID));
        expect_error(
            client.post_json(&sensors, &json!({ "name": "s1" })).await,
            StatusCode::FORBIDDEN,
            "2032",
        )
        .await;
        expect_error(
            client.delete(&format!("{sensors}/plant-floor-01")).await,
            StatusCode::FORBIDDEN,
            "2032",
        )
        .await;
    }
    // The partner's global admin may.
    let admin = TestApp::new_browser(&app);
    admin.sign_in(ADMIN).await;
    assert_eq!(admin.onboard(lab(1_000, "monthly")).await.status(), StatusCode::CREATED);
}
