//! Managing users: the partner's staff and a customer's users, their roles, deactivation, the
//! last admin kept, and the links new users choose a password with.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

const SALES_ID: &str = "a1000000-0000-4000-8000-000000000002";
const ADMIN_ID: &str = "a1000000-0000-4000-8000-000000000001";
const CONTOSO_ADMIN_ID: &str = "c1000000-0000-4000-8000-000000000001";
const CONTOSO_READER_ID: &str = "c1000000-0000-4000-8000-000000000002";

/// The token at the end of a password link.
fn token_of(link: &Value) -> String {
    let url = link["url"].as_str().unwrap();
    url.split_once("/set-password#").expect("a password link").1.to_owned()
}

async fn patch(app: &TestApp, path: &str, body: Value) -> reqwest::Response {
    app.client.patch(app.url(path)).json(&body).send().await.unwrap()
}

/// Chooses the password through the link, in a browser of its own; that browser, signed in.
async fn choose_password(app: &TestApp, token: &str, password: &str) -> TestApp {
    let browser = app.new_browser();
    let me = browser
        .post_json("/v1/passwordlinks/use", &json!({"token": token, "password": password}))
        .await;
    assert_eq!(me.status(), StatusCode::OK);
    browser
}

#[tokio::test]
async fn a_partner_admin_invites_a_colleague_who_chooses_a_password() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let staff = json_of(app.get("/v1/users").await).await;
    assert_eq!(staff["totalCount"], 3);
    assert_eq!(staff["items"][0]["displayName"], "Avery Martin");
    assert_eq!(staff["items"][0]["state"], "active");

    let created = app
        .post_json(
            "/v1/users",
            &json!({"email": "Kim@Northwind.example", "displayName": "Kim Lee", "roles": ["sales_agent"]}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let kim: Value = created.json().await.unwrap();
    assert_eq!(kim["email"], "kim@northwind.example");
    assert_eq!(kim["state"], "invited");
    assert_eq!(kim["passwordLink"]["expiresAt"], "2026-11-28T10:00:00.000Z");
    assert_eq!(kim["passwordLink"]["emailed"], false);
    let token = token_of(&kim["passwordLink"]);
    // No password yet: signing in fails like any wrong password.
    let early = app.new_browser().login(("kim@northwind.example", "")).await;
    assert_eq!(early.status(), StatusCode::BAD_REQUEST);
    let guess = app.new_browser().login(("kim@northwind.example", "anything at all")).await;
    expect_error(guess, StatusCode::UNAUTHORIZED, "700001").await;

    let invitee = app.new_browser();
    let details =
        json_of(invitee.post_json("/v1/passwordlinks/open", &json!({"token": token})).await).await;
    assert_eq!(details["organization"], "Northwind Cloud Partners");
    assert_eq!(
        (details["reset"].as_bool(), details["state"].as_str()),
        (Some(false), Some("open"))
    );
    let short = invitee
        .post_json("/v1/passwordlinks/use", &json!({"token": token, "password": "short"}))
        .await;
    assert_eq!(
        expect_error(short, StatusCode::BAD_REQUEST, "800002").await.data[0].field,
        "password"
    );
    let kim_browser = choose_password(&app, &token, "kim's long password").await;
    let me = json_of(kim_browser.get("/v1/me").await).await;
    assert_eq!(me["roles"], json!(["sales_agent"]));
    let again = app.new_browser();
    again.sign_in(("kim@northwind.example", "kim's long password")).await;
    // Used once, it is spent.
    let reused = app
        .new_browser()
        .post_json(
            "/v1/passwordlinks/use",
            &json!({"token": token, "password": "another long one"}),
        )
        .await;
    expect_error(reused, StatusCode::CONFLICT, "940009").await;
    let listed = json_of(app.get("/v1/users").await).await;
    let kim_row = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "kim@northwind.example")
        .cloned();
    assert_eq!(kim_row.unwrap()["state"], "active");

    // The same email twice is refused; so are customer roles for partner staff.
    let twice = app
        .post_json("/v1/users", &json!({"email": "kim@northwind.example", "displayName": "K", "roles": ["sales_agent"]}))
        .await;
    expect_error(twice, StatusCode::CONFLICT, "940004").await;
    let wrong = app
        .post_json("/v1/users", &json!({"email": "x@northwind.example", "displayName": "X", "roles": ["customer_admin"]}))
        .await;
    assert_eq!(expect_error(wrong, StatusCode::BAD_REQUEST, "800002").await.data[0].field, "roles");
}

#[tokio::test]
async fn only_partner_global_admins_manage_partner_users() {
    let app = TestApp::spawn().await;
    for user in [SALES, BILLING, CONTOSO_ADMIN] {
        let other = app.new_browser();
        other.sign_in(user).await;
        expect_error(other.get("/v1/users").await, StatusCode::FORBIDDEN, "2032").await;
        let patched =
            patch(&other, &format!("/v1/users/{ADMIN_ID}"), json!({"state": "deactivated"})).await;
        expect_error(patched, StatusCode::FORBIDDEN, "2032").await;
    }
    app.sign_in(ADMIN).await;
    // Another organization's user is not found here.
    let elsewhere =
        patch(&app, &format!("/v1/users/{CONTOSO_ADMIN_ID}"), json!({"roles": ["sales_agent"]}))
            .await;
    expect_error(elsewhere, StatusCode::NOT_FOUND, "940006").await;
}

#[tokio::test]
async fn a_changed_role_counts_from_the_next_request_and_deactivation_ends_sessions() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let sales = app.new_browser();
    sales.sign_in(SALES).await;
    let cart = json!({"lineItems": [line(STANDARD_FR, 1, "monthly", Some("P1M"))]});
    let path = format!("/v1/customers/{CONTOSO}/carts");
    assert_eq!(sales.post_json(&path, &cart).await.status(), StatusCode::CREATED);

    // Billing admin only: the same session may no longer buy.
    let changed =
        patch(&app, &format!("/v1/users/{SALES_ID}"), json!({"roles": ["billing_admin"]})).await;
    assert_eq!(json_of(changed).await["roles"], json!(["billing_admin"]));
    expect_error(sales.post_json(&path, &cart).await, StatusCode::FORBIDDEN, "2032").await;
    assert_eq!(json_of(sales.get("/v1/me").await).await["roles"], json!(["billing_admin"]));

    // Deactivated: the session ends at once, and signing in fails.
    let off = patch(&app, &format!("/v1/users/{SALES_ID}"), json!({"state": "deactivated"})).await;
    assert_eq!(json_of(off).await["state"], "deactivated");
    expect_error(sales.get("/v1/me").await, StatusCode::UNAUTHORIZED, "800001").await;
    expect_error(app.new_browser().login(SALES).await, StatusCode::UNAUTHORIZED, "700001").await;
    // A deactivated user gets no password link.
    let reset = app
        .client
        .post(app.url(&format!("/v1/users/{SALES_ID}/passwordreset")))
        .send()
        .await
        .unwrap();
    expect_error(reset, StatusCode::CONFLICT, "940007").await;
    // Restored, with a new role.
    let on = patch(
        &app,
        &format!("/v1/users/{SALES_ID}"),
        json!({"state": "active", "roles": ["sales_agent"]}),
    )
    .await;
    assert_eq!(json_of(on).await["state"], "active");
    sales.sign_in(SALES).await;
    assert_eq!(sales.post_json(&path, &cart).await.status(), StatusCode::CREATED);
    let invited = patch(&app, &format!("/v1/users/{SALES_ID}"), json!({"state": "invited"})).await;
    assert_eq!(
        expect_error(invited, StatusCode::BAD_REQUEST, "800002").await.data[0].field,
        "state"
    );
}

#[tokio::test]
async fn the_last_active_global_admin_cannot_be_demoted_or_deactivated() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let me = format!("/v1/users/{ADMIN_ID}");
    let demoted = patch(&app, &me, json!({"roles": ["sales_agent"]})).await;
    expect_error(demoted, StatusCode::CONFLICT, "940005").await;
    let off = patch(&app, &me, json!({"state": "deactivated"})).await;
    expect_error(off, StatusCode::CONFLICT, "940005").await;
    // An invited global admin who has not chosen a password does not count yet.
    let created = app
        .post_json("/v1/users", &json!({"email": "jo@northwind.example", "displayName": "Jo", "roles": ["global_admin"]}))
        .await;
    let jo: Value = created.json().await.unwrap();
    expect_error(
        patch(&app, &me, json!({"roles": ["sales_agent"]})).await,
        StatusCode::CONFLICT,
        "940005",
    )
    .await;
    let jo_browser =
        choose_password(&app, &token_of(&jo["passwordLink"]), "jo's long password").await;
    // Now there are two: either may step down, and then the other is the last.
    let stepped = patch(&app, &me, json!({"roles": ["admin_agent"]})).await;
    assert_eq!(json_of(stepped).await["roles"], json!(["admin_agent"]));
    let last = patch(
        &jo_browser,
        &format!("/v1/users/{}", jo["id"].as_str().unwrap()),
        json!({"state": "deactivated"}),
    )
    .await;
    expect_error(last, StatusCode::CONFLICT, "940005").await;
}

#[tokio::test]
async fn a_password_reset_link_replaces_the_password_and_ends_old_sessions() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let sales = app.new_browser();
    sales.sign_in(SALES).await;
    let first = app
        .client
        .post(app.url(&format!("/v1/users/{SALES_ID}/passwordreset")))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let second: Value = app
        .client
        .post(app.url(&format!("/v1/users/{SALES_ID}/passwordreset")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // Until it is used, the old password still works; only the newest link does.
    app.new_browser().sign_in(SALES).await;
    let old = app
        .new_browser()
        .post_json("/v1/passwordlinks/open", &json!({"token": token_of(&first)}))
        .await;
    assert_eq!(json_of(old).await["state"], "replaced");
    let details = json_of(
        app.new_browser()
            .post_json("/v1/passwordlinks/open", &json!({"token": token_of(&second)}))
            .await,
    )
    .await;
    assert_eq!(details["reset"], true);
    choose_password(&app, &token_of(&second), "sam's brand new password").await;
    expect_error(sales.get("/v1/me").await, StatusCode::UNAUTHORIZED, "800001").await;
    expect_error(app.new_browser().login(SALES).await, StatusCode::UNAUTHORIZED, "700001").await;
    app.new_browser().sign_in(("sales@northwind.example", "sam's brand new password")).await;
    let unknown =
        app.new_browser().post_json("/v1/passwordlinks/open", &json!({"token": "nope"})).await;
    expect_error(unknown, StatusCode::NOT_FOUND, "940008").await;
}

#[tokio::test]
async fn customer_admins_and_partner_admins_manage_a_customer_users_and_roles() {
    let app = TestApp::spawn().await;
    let contoso = app.new_browser();
    contoso.sign_in(CONTOSO_ADMIN).await;
    let users = format!("/v1/customers/{CONTOSO}/users");
    let listed = json_of(contoso.get(&users).await).await;
    assert_eq!(listed["totalCount"], 3, "its admin, its reader, its lab reader");
    assert_eq!(listed["items"][0]["attributes"]["objectType"], "CustomerUser");

    // With a password, as Partner Center creates them: active at once, reader by default.
    let created = contoso
        .post_json(
            &users,
            &json!({"userPrincipalName": "ines@contoso.example", "firstName": "Inès", "lastName": "Moreau",
                    "displayName": "Inès Moreau", "usageLocation": "fr",
                    "passwordProfile": {"forceChangePassword": false, "password": "ines long password"}}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let ines: Value = created.json().await.unwrap();
    assert_eq!(
        (ines["state"].as_str(), ines["usageLocation"].as_str()),
        (Some("active"), Some("FR"))
    );
    assert_eq!(ines["roles"], json!(["customer_reader"]));
    assert!(ines.get("passwordLink").is_none());
    let ines_browser = app.new_browser();
    ines_browser.sign_in(("ines@contoso.example", "ines long password")).await;
    // Without one: a link to choose it.
    let linked: Value = contoso
        .post_json(
            &users,
            &json!({"userPrincipalName": "leo@contoso.example", "firstName": "Léo", "lastName": "Petit",
                    "displayName": "Léo Petit", "usageLocation": "FR"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(linked["state"], "invited");
    assert!(linked["passwordLink"]["url"].as_str().unwrap().contains("/set-password#"));

    // Directory roles: make Inès an admin; she may then manage users herself.
    let roles =
        json_of(contoso.get(&format!("/v1/customers/{CONTOSO}/directoryroles")).await).await;
    let ids: Vec<&str> =
        roles["items"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["customer_admin", "customer_reader"]);
    let members = format!("/v1/customers/{CONTOSO}/directoryroles/customer_admin/usermembers");
    expect_error(ines_browser.get(&users).await, StatusCode::FORBIDDEN, "2032").await;
    let added = contoso.post_json(&members, &json!({"id": ines["id"]})).await;
    assert_eq!(added.status(), StatusCode::CREATED);
    assert_eq!(json_of(ines_browser.get(&users).await).await["totalCount"], 5);
    let admins = json_of(contoso.get(&members).await).await;
    assert_eq!(admins["totalCount"], 2);
    let removed = contoso
        .client
        .delete(contoso.url(&format!("{members}/{}", ines["id"].as_str().unwrap())))
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    expect_error(ines_browser.get(&users).await, StatusCode::FORBIDDEN, "2032").await;

    // The last customer admin stays.
    let own = contoso
        .client
        .delete(contoso.url(&format!("{members}/{CONTOSO_ADMIN_ID}")))
        .send()
        .await
        .unwrap();
    expect_error(own, StatusCode::CONFLICT, "940005").await;

    // Deleting deactivates (sessions end); a PATCH restores.
    let gone = contoso
        .client
        .delete(contoso.url(&format!("{users}/{CONTOSO_READER_ID}")))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    expect_error(app.new_browser().login(CONTOSO_READER).await, StatusCode::UNAUTHORIZED, "700001")
        .await;
    let back =
        patch(&contoso, &format!("{users}/{CONTOSO_READER_ID}"), json!({"state": "active"})).await;
    assert_eq!(json_of(back).await["state"], "active");
    app.new_browser().sign_in(CONTOSO_READER).await;

    // The partner's global admins and admin agents manage them too; others may not; another
    // customer's admin does not even see them.
    let partner = app.new_browser();
    partner.sign_in(ADMIN).await;
    assert_eq!(json_of(partner.get(&users).await).await["totalCount"], 5);
    for user in [SALES, CONTOSO_READER] {
        let other = app.new_browser();
        other.sign_in(user).await;
        expect_error(other.get(&users).await, StatusCode::FORBIDDEN, "2032").await;
    }
    let fabrikam = app.new_browser();
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    expect_error(fabrikam.get(&users).await, StatusCode::NOT_FOUND, "60003").await;
}

const LAB_READER: (&str, &str) = ("lab@contoso.example", "demo-lab-1");
const LAB_READER_ID: &str = "c1000000-0000-4000-8000-000000000003";
const CONTOSO_PLAN: &str = portal_server::demo::CONTOSO_AZURE_PLAN_ID;
const CONTOSO_LICENCES: &str = portal_server::demo::CONTOSO_LICENCES_ID;

/// The ids of the subscriptions the browser's user lists for Contoso.
async fn listed_subscriptions(browser: &TestApp) -> Vec<String> {
    let page = json_of(browser.get(&format!("/v1/customers/{CONTOSO}/subscriptions")).await).await;
    page["items"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_user_with_only_subscription_roles_reaches_those_subscriptions_and_nothing_else() {
    let app = TestApp::spawn().await;
    let lab = app.new_browser();
    lab.sign_in(LAB_READER).await;
    assert_eq!(json_of(lab.get("/v1/me").await).await["roles"], json!([]));
    // Reader on the Azure plan: that subscription, to read.
    assert_eq!(listed_subscriptions(&lab).await, [CONTOSO_PLAN]);
    let plan =
        json_of(lab.get(&format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_PLAN}")).await)
            .await;
    let azure = lab
        .get(&format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_PLAN}/azureEntitlements"))
        .await;
    assert_eq!(azure.status(), StatusCode::OK);
    let renamed = lab.patch_subscription(CONTOSO, &plan, json!({"friendlyName": "Lab"})).await;
    expect_error(renamed, StatusCode::FORBIDDEN, "2032").await;
    // Everything else answers as if it did not exist.
    for path in [
        format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_LICENCES}"),
        format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_PLAN}/roleassignments"),
        format!("/v1/customers/{CONTOSO}/carts"),
        format!("/v1/customers/{CONTOSO}/orders"),
        format!("/v1/customers/{CONTOSO}/users"),
        "/v1/invoices".to_owned(),
        format!("/v1/customers/{CONTOSO}/relationships"),
    ] {
        expect_error(lab.get(&path).await, StatusCode::NOT_FOUND, "1000").await;
    }

    // Contoso's admin makes them Owner of the licences too: they may now change those.
    let contoso = app.new_browser();
    contoso.sign_in(CONTOSO_ADMIN).await;
    let access =
        format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_LICENCES}/roleassignments");
    let given =
        contoso.post_json(&access, &json!({"userId": LAB_READER_ID, "role": "owner"})).await;
    assert_eq!(given.status(), StatusCode::CREATED);
    let given: Value = given.json().await.unwrap();
    assert_eq!(
        (given["displayName"].as_str(), given["role"].as_str()),
        (Some("Nora Lambert"), Some("owner"))
    );
    let mut both = listed_subscriptions(&lab).await;
    both.sort();
    assert_eq!(both, [CONTOSO_PLAN, CONTOSO_LICENCES]);
    let licences = json_of(
        lab.get(&format!("/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_LICENCES}")).await,
    )
    .await;
    let renamed =
        lab.patch_subscription(CONTOSO, &licences, json!({"friendlyName": "Office seats"})).await;
    assert_eq!(json_of(renamed).await["friendlyName"], "Office seats");
    // Still nothing of the plan's to change, and still no carts.
    expect_error(
        lab.get(&format!("/v1/customers/{CONTOSO}/carts")).await,
        StatusCode::NOT_FOUND,
        "1000",
    )
    .await;
    // Listed for the admin; taken back, the subscription is gone for them at once.
    let holders = json_of(contoso.get(&access).await).await;
    assert_eq!(holders["items"][0]["userId"], LAB_READER_ID);
    let taken = contoso
        .client
        .delete(contoso.url(&format!("{access}/{LAB_READER_ID}")))
        .send()
        .await
        .unwrap();
    assert_eq!(taken.status(), StatusCode::NO_CONTENT);
    assert_eq!(listed_subscriptions(&lab).await, [CONTOSO_PLAN]);
    let again = contoso
        .client
        .delete(contoso.url(&format!("{access}/{LAB_READER_ID}")))
        .send()
        .await
        .unwrap();
    expect_error(again, StatusCode::NOT_FOUND, "940006").await;

    // Who may give roles: the customer's admins and the partner's; not readers, and no other
    // customer; only to the customer's own users.
    let reader = app.new_browser();
    reader.sign_in(CONTOSO_READER).await;
    let refused =
        reader.post_json(&access, &json!({"userId": LAB_READER_ID, "role": "reader"})).await;
    expect_error(refused, StatusCode::FORBIDDEN, "2032").await;
    let fabrikam = app.new_browser();
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    expect_error(fabrikam.get(&access).await, StatusCode::NOT_FOUND, "60003").await;
    let stranger = contoso
        .post_json(
            &access,
            &json!({"userId": "f1000000-0000-4000-8000-000000000001", "role": "reader"}),
        )
        .await;
    assert_eq!(
        expect_error(stranger, StatusCode::BAD_REQUEST, "800002").await.data[0].field,
        "userId"
    );
    let bad_role =
        contoso.post_json(&access, &json!({"userId": LAB_READER_ID, "role": "admin"})).await;
    assert_eq!(
        expect_error(bad_role, StatusCode::BAD_REQUEST, "800002").await.data[0].field,
        "role"
    );
    let partner = app.new_browser();
    partner.sign_in(ADMIN).await;
    let by_partner =
        partner.post_json(&access, &json!({"userId": LAB_READER_ID, "role": "contributor"})).await;
    assert_eq!(by_partner.status(), StatusCode::CREATED);

    // Given a directory role, they are an ordinary user again.
    let members = format!("/v1/customers/{CONTOSO}/directoryroles/customer_reader/usermembers");
    contoso.post_json(&members, &json!({"id": LAB_READER_ID})).await;
    assert_eq!(lab.get(&format!("/v1/customers/{CONTOSO}/orders")).await.status(), StatusCode::OK);
}

fn amount(value: &Value) -> portal_domain::Amount {
    value.to_string().parse().unwrap_or_else(|_| panic!("{value} is not an amount"))
}

/// The billing lines of one subscription, as `browser` sees them.
async fn subscription_lines(browser: &TestApp, subscription: &str) -> Vec<Value> {
    let path =
        format!("/v1/customers/{CONTOSO}/subscriptions/{subscription}/invoicelineitems?size=2000");
    json_of(browser.get(&path).await).await["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_user_with_only_subscription_roles_sees_the_usage_and_invoice_lines_of_those() {
    // The demo's three closed months, with their usage.
    let app = TestApp::spawn_with(|config| config.demo_usage_days = 90).await;
    let contoso = app.new_browser();
    contoso.sign_in(CONTOSO_ADMIN).await;
    let budget =
        patch(&contoso, &format!("/v1/customers/{CONTOSO}/usagebudget"), json!({"amount": 500}))
            .await;
    assert_eq!(budget.status(), StatusCode::OK);
    let lab = app.new_browser();
    lab.sign_in(LAB_READER).await;
    let period = "?period=2026-10";
    let summary_path = format!("/v1/customers/{CONTOSO}/usagesummary{period}");
    let daily_path = format!("/v1/customers/{CONTOSO}/usagesummary/daily{period}");
    let plans_path = format!("/v1/customers/{CONTOSO}/subscriptions/usagerecords{period}");

    // Reader on the Azure plan: the customer's summary counts that plan, without the budget,
    // which is about the whole customer; the days add up to it.
    let plan_total = amount(
        &json_of(
            lab.get(&format!(
                "/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_PLAN}/usagesummary{period}"
            ))
            .await,
        )
        .await["totalCost"],
    );
    assert!(plan_total > portal_domain::Amount::ZERO, "the demo's plan has usage in October");
    let theirs = json_of(lab.get(&summary_path).await).await;
    assert_eq!(amount(&theirs["totalCost"]), plan_total);
    assert_eq!(theirs["budget"]["amount"], Value::Null);
    let days = json_of(lab.get(&daily_path).await).await;
    let days_total = portal_domain::Amount::sum(
        days["items"].as_array().unwrap().iter().map(|d| amount(&d["totalCost"])),
    )
    .unwrap();
    assert_eq!(days_total, plan_total);
    let plans = json_of(lab.get(&plans_path).await).await;
    assert_eq!(plans["items"].as_array().unwrap().len(), 1);
    assert_eq!(plans["items"][0]["resourceId"], CONTOSO_PLAN);
    // The admin still sees the budget.
    assert_eq!(
        amount(&json_of(contoso.get(&summary_path).await).await["budget"]["amount"]),
        "500".parse().unwrap()
    );
    // The budget and its alerts stay the administrators'.
    for path in [
        format!("/v1/customers/{CONTOSO}/usagebudget"),
        format!("/v1/customers/{CONTOSO}/usagealerts"),
        format!("/v1/customers/{FABRIKAM}/usagesummary"),
    ] {
        expect_error(lab.get(&path).await, StatusCode::NOT_FOUND, "1000").await;
    }

    // The plan's lines on the invoices: the same as the admin reads on each invoice.
    let lines = subscription_lines(&lab, CONTOSO_PLAN).await;
    assert!(!lines.is_empty(), "the closed months bill the plan's usage");
    assert!(
        lines.iter().all(|l| l["subscriptionId"] == CONTOSO_PLAN && l["customerId"] == CONTOSO)
    );
    let mut on_invoices = Vec::new();
    let invoices = json_of(contoso.get("/v1/invoices").await).await;
    for invoice in invoices["items"].as_array().unwrap() {
        let id = invoice["id"].as_str().unwrap();
        let page = json_of(
            contoso
                .get(&format!(
                    "/v1/invoices/{id}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=2000"
                ))
                .await,
        )
        .await;
        on_invoices.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["subscriptionId"] == CONTOSO_PLAN)
                .cloned(),
        );
    }
    let key = |l: &Value| (l["invoiceNumber"].to_string(), l["lineNumber"].as_i64());
    let mut seen: Vec<_> = lines.iter().map(key).collect();
    let mut expected: Vec<_> = on_invoices.iter().map(key).collect();
    seen.sort();
    expected.sort();
    assert_eq!(seen, expected);
    // Newest invoice first, a page at a time.
    let first = json_of(
        lab.get(&format!(
            "/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_PLAN}/invoicelineitems?size=1"
        ))
        .await,
    )
    .await;
    assert_eq!(first["items"][0], lines[0]);
    let next = first["links"]["next"]["uri"].as_str().expect("a next page");
    assert_eq!(json_of(lab.get(&format!("/v1{next}")).await).await["items"][0], lines[1]);
    // Not the licences' lines, nor an unknown subscription's.
    expect_error(
        lab.get(&format!(
            "/v1/customers/{CONTOSO}/subscriptions/{CONTOSO_LICENCES}/invoicelineitems"
        ))
        .await,
        StatusCode::NOT_FOUND,
        "1000",
    )
    .await;
    let unknown = contoso
        .get(&format!(
            "/v1/customers/{CONTOSO}/subscriptions/no-such-subscription/invoicelineitems"
        ))
        .await;
    expect_error(unknown, StatusCode::NOT_FOUND, "20003").await;

    // Moved from the plan to the licences: the plan's usage is gone for them, the licences'
    // lines are theirs.
    let access = |s: &str| format!("/v1/customers/{CONTOSO}/subscriptions/{s}/roleassignments");
    let taken = contoso
        .client
        .delete(contoso.url(&format!("{}/{LAB_READER_ID}", access(CONTOSO_PLAN))))
        .send()
        .await
        .unwrap();
    assert_eq!(taken.status(), StatusCode::NO_CONTENT);
    let given = contoso
        .post_json(&access(CONTOSO_LICENCES), &json!({"userId": LAB_READER_ID, "role": "reader"}))
        .await;
    assert_eq!(given.status(), StatusCode::CREATED);
    let theirs = json_of(lab.get(&summary_path).await).await;
    assert_eq!(amount(&theirs["totalCost"]), portal_domain::Amount::ZERO);
    assert_eq!(json_of(lab.get(&daily_path).await).await["items"], json!([]));
    assert_eq!(json_of(lab.get(&plans_path).await).await["items"], json!([]));
    let licence_lines = subscription_lines(&lab, CONTOSO_LICENCES).await;
    assert!(!licence_lines.is_empty(), "the licences are billed every month");
    assert!(licence_lines.iter().all(|l| l["subscriptionId"] == CONTOSO_LICENCES));
}
