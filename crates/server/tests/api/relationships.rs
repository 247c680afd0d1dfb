//! Delegated admin relationships: invitations (single use, seven days, emailed), accepting and
//! declining, ending, the partner's general request link, expiry, and what the partner can reach
//! at each step.

use std::sync::{Arc, Mutex};

use chrono::TimeDelta;
use portal_server::demo::{PARTNER_ID, TAILSPIN_ID};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::helpers::*;

fn adventure_works() -> Value {
    json!({
        "companyProfile": {"domain": "adventure-works.example", "companyName": "Adventure Works"},
        "billingProfile": {
            "email": "ops@adventure-works.example", "culture": "en-US", "language": "en",
            "defaultAddress": {
                "country": "US", "addressLine1": "1 Main Street", "city": "Seattle",
                "postalCode": "98101", "firstName": "Jordan", "lastName": "Lee"
            }
        }
    })
}

/// Creates Adventure Works as the signed-in partner admin; its id.
async fn create_customer(app: &TestApp) -> String {
    let response = app.post_json("/v1/customers", &adventure_works()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["relationshipStatus"], "pending");
    created["id"].as_str().unwrap().to_owned()
}

/// Invites the customer's first admin as the signed-in partner user; the invitation.
async fn invite(app: &TestApp, customer: &str) -> Value {
    let response = app.post_json("/v1/invitations", &json!({"customerId": customer})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

/// The token at the end of an invitation link.
fn token_of(invitation: &Value) -> String {
    let url = invitation["url"].as_str().unwrap();
    url.split_once("/invitation#").expect("an invitation link").1.to_owned()
}

/// What the signed-in partner user gets for the customer itself, its subscriptions and a new
/// cart (of Microsoft 365 Business Standard, sold in the customer's country): the partner's
/// reach, as status codes.
async fn partner_reach(app: &TestApp, customer: &str) -> [StatusCode; 3] {
    let base = format!("/v1/customers/{customer}");
    let item = if customer == CONTOSO { STANDARD_FR } else { STANDARD_US };
    let cart = app
        .post_json(
            &format!("{base}/carts"),
            &json!({"lineItems": [line(item, 1, "monthly", Some("P1M"))]}),
        )
        .await;
    [
        app.get(&base).await.status(),
        app.get(&format!("{base}/subscriptions")).await.status(),
        cart.status(),
    ]
}

async fn open_invitation(browser: &TestApp, token: String) -> reqwest::Response {
    browser.post_json("/v1/invitations/open", &json!({ "token": token })).await
}

async fn accept_invitation(browser: &TestApp, token: String) -> reqwest::Response {
    let body =
        json!({"token": token, "displayName": "Jordan Lee", "password": "a long enough secret"});
    browser.post_json("/v1/invitations/accept", &body).await
}

const NO_REACH: [StatusCode; 3] = [StatusCode::NOT_FOUND; 3];
const FULL_REACH: [StatusCode; 3] = [StatusCode::OK, StatusCode::OK, StatusCode::CREATED];

#[tokio::test]
async fn an_invited_admin_accepts_and_the_partner_can_then_buy_for_the_customer() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let customer = create_customer(&app).await;
    assert_eq!(partner_reach(&app, &customer).await, NO_REACH, "pending: no access");

    let invitation = invite(&app, &customer).await;
    assert_eq!(invitation["email"], "ops@adventure-works.example");
    assert_eq!(invitation["companyName"], "Adventure Works");
    assert_eq!(invitation["expiresAt"], "2026-11-28T10:00:00.000Z", "seven days");
    assert_eq!(invitation["emailed"], false, "no SMTP configured");
    assert!(invitation["url"].as_str().unwrap().starts_with(&app.base), "{invitation}");
    let token = token_of(&invitation);
    // Only a hash of the token is stored.
    let (stored,): (String,) = sqlx::query_as("SELECT token_hash FROM invitations WHERE id = $1")
        .bind(invitation["id"].as_str().unwrap())
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_ne!(stored, token);

    // The invitee, in another browser, reads what is asked.
    let invitee = app.new_browser();
    let details =
        json_of(invitee.post_json("/v1/invitations/open", &json!({"token": token})).await).await;
    assert_eq!(details["state"], "open");
    assert_eq!(details["partnerName"], "Northwind Cloud Partners");
    assert_eq!(details["companyName"], "Adventure Works");
    assert_eq!(details["email"], "ops@adventure-works.example");
    assert_eq!(details["delegatedRoles"], json!(["purchasing", "billing", "userAdministration"]));
    assert_eq!(
        (details["duration"].as_str(), details["durationDays"].as_i64()),
        (Some("P730D"), Some(730))
    );

    // The password follows the rules for new passwords; nothing is used up by a refusal.
    let short = invitee
        .post_json(
            "/v1/invitations/accept",
            &json!({"token": token, "displayName": "Jordan Lee", "password": "too-short"}),
        )
        .await;
    let refused = expect_error(short, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(refused.data[0].field, "password");
    assert!(refused.data[0].message.contains("at least 12"), "{}", refused.data[0].message);

    let accept =
        json!({"token": token, "displayName": "Jordan Lee", "password": "a long enough secret"});
    let me = json_of(invitee.post_json("/v1/invitations/accept", &accept).await).await;
    assert_eq!(me["email"], "ops@adventure-works.example");
    assert_eq!(me["customerId"], customer.as_str());
    assert_eq!(me["roles"], json!(["customer_admin"]));
    // Signed in by accepting, and able to sign in again with the chosen password.
    assert_eq!(json_of(invitee.get("/v1/me").await).await["displayName"], "Jordan Lee");
    let again = app.new_browser();
    again.sign_in(("ops@adventure-works.example", "a long enough secret")).await;

    // The partner now reaches the customer, lists it, and buys for it.
    assert_eq!(partner_reach(&app, &customer).await, FULL_REACH);
    let listed = json_of(app.get("/v1/customers").await).await;
    assert!(listed["items"].as_array().unwrap().iter().any(|c| c["id"] == customer.as_str()));
    let bought = app.buy(&customer, line(STANDARD_US, 2, "monthly", Some("P1M"))).await;
    assert_eq!(bought["quantity"], 2);

    // Single use: the link is spent, and says so.
    let reused = invitee.post_json("/v1/invitations/accept", &accept).await;
    expect_error(reused, StatusCode::CONFLICT, "940002").await;
    let state =
        json_of(invitee.post_json("/v1/invitations/open", &json!({"token": token})).await).await;
    assert_eq!(state["state"], "accepted");
    // The relationship, from both sides.
    let mine = json_of(invitee.get(&format!("/v1/customers/{customer}/relationships")).await).await;
    assert_eq!(mine["items"][0]["status"], "active");
    assert_eq!(mine["items"][0]["expiresAt"], "2028-11-20T10:00:00.000Z", "two years");
    let theirs = json_of(app.get(&format!("/v1/customers/{customer}/relationships")).await).await;
    assert_eq!(theirs["items"][0]["name"], "Northwind Cloud Partners");
    // Each step is in both logs; the acceptance is the invitee's.
    let log = json_of(invitee.get(&format!("/v1/activity?customerId={customer}")).await).await;
    let steps: Vec<&str> =
        log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(steps[..3], ["order.placed", "invitation.accepted", "invitation.issued"]);
    assert_eq!(log["items"][1]["actor"], "Jordan Lee <ops@adventure-works.example>");
}

#[tokio::test]
async fn a_declined_invitation_leaves_the_partner_out_until_a_new_one_is_accepted() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let customer = create_customer(&app).await;
    let first = token_of(&invite(&app, &customer).await);
    let invitee = app.new_browser();
    let declined = invitee.post_json("/v1/invitations/decline", &json!({"token": first})).await;
    assert_eq!(declined.status(), StatusCode::NO_CONTENT);
    assert_eq!(partner_reach(&app, &customer).await, NO_REACH);
    let waiting = json_of(app.get("/v1/customers?relationshipStatus=declined").await).await;
    let row =
        waiting["items"].as_array().unwrap().iter().find(|c| c["id"] == customer.as_str()).cloned();
    assert_eq!(row.unwrap()["relationshipStatus"], "declined");
    // Declined is final for that link.
    let late = invitee
        .post_json(
            "/v1/invitations/accept",
            &json!({"token": first, "displayName": "J", "password": "a long enough secret"}),
        )
        .await;
    expect_error(late, StatusCode::CONFLICT, "940002").await;

    // Asked again: a new link, pending again; the customer accepts this time.
    let second = token_of(&invite(&app, &customer).await);
    let accept =
        json!({"token": second, "displayName": "Jordan Lee", "password": "a long enough secret"});
    json_of(invitee.post_json("/v1/invitations/accept", &accept).await).await;
    assert_eq!(partner_reach(&app, &customer).await, FULL_REACH);
    // Accepted customers get no more invitations.
    let more = app.post_json("/v1/invitations", &json!({"customerId": customer})).await;
    expect_error(more, StatusCode::CONFLICT, "940003").await;
}

#[tokio::test]
async fn only_the_newest_invitation_works_and_only_for_seven_days() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let customer = create_customer(&app).await;
    let older = token_of(&invite(&app, &customer).await);
    let newer = token_of(&invite(&app, &customer).await);
    let invitee = app.new_browser();
    let open = |token: &str| open_invitation(&invitee, token.to_owned());
    assert_eq!(json_of(open(&older).await).await["state"], "replaced");
    let accept = |token: &str| accept_invitation(&invitee, token.to_owned());
    let refused = expect_error(accept(&older).await, StatusCode::CONFLICT, "940002").await;
    assert!(refused.description.contains("newer invitation"), "{}", refused.description);

    // A second before the seventh day ends it still opens; at the end it has expired.
    app.clock.advance(TimeDelta::days(7) - TimeDelta::seconds(1));
    assert_eq!(json_of(open(&newer).await).await["state"], "open");
    app.clock.advance(TimeDelta::seconds(1));
    assert_eq!(json_of(open(&newer).await).await["state"], "expired");
    let expired = expect_error(accept(&newer).await, StatusCode::CONFLICT, "940002").await;
    assert!(expired.description.contains("expired on 2026-11-28"), "{}", expired.description);
    app.sign_in(ADMIN).await;
    assert_eq!(partner_reach(&app, &customer).await, NO_REACH);

    // Unknown or missing tokens say so, without telling anything about any invitation.
    expect_error(open("not-a-token").await, StatusCode::NOT_FOUND, "940001").await;
    let blank = expect_error(open(" ").await, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(blank.data[0].field, "token");
}

#[tokio::test]
async fn who_may_invite_and_for_which_customers() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let customer = create_customer(&app).await;
    // Sales agents and customer users may not invite; nor may anyone invite for a customer that
    // is not the partner's pending one.
    for user in [SALES, BILLING, CONTOSO_ADMIN] {
        let other = app.new_browser();
        other.sign_in(user).await;
        let refused = other.post_json("/v1/invitations", &json!({"customerId": customer})).await;
        expect_error(refused, StatusCode::FORBIDDEN, "2032").await;
    }
    let active = app.post_json("/v1/invitations", &json!({"customerId": CONTOSO})).await;
    expect_error(active, StatusCode::CONFLICT, "940003").await;
    let unknown = app.post_json("/v1/invitations", &json!({"customerId": "nope"})).await;
    expect_error(unknown, StatusCode::NOT_FOUND, "60003").await;
    let blank = expect_error(
        app.post_json("/v1/invitations", &json!({})).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(blank.data[0].field, "customerId");
    // An account with the invited email already exists: accepting says to sign in instead.
    sqlx::query("UPDATE customers SET contact_email = 'admin@contoso.example' WHERE id = $1")
        .bind(&customer)
        .execute(&app.db)
        .await
        .unwrap();
    let token = token_of(&invite(&app, &customer).await);
    let invitee = app.new_browser();
    let taken = invitee
        .post_json(
            "/v1/invitations/accept",
            &json!({"token": token, "displayName": "X", "password": "a long enough secret"}),
        )
        .await;
    expect_error(taken, StatusCode::CONFLICT, "940004").await;
    // Nothing half-done: the link still works and the relationship still waits.
    let still =
        json_of(invitee.post_json("/v1/invitations/open", &json!({"token": token})).await).await;
    assert_eq!(still["state"], "open");
    assert_eq!(partner_reach(&app, &customer).await, NO_REACH);
}

#[tokio::test]
async fn a_customer_admin_ends_the_relationship_and_the_partner_loses_access_at_once() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    assert_eq!(partner_reach(&app, CONTOSO).await, FULL_REACH);
    let contoso = app.new_browser();
    contoso.sign_in(CONTOSO_ADMIN).await;
    let end = json!({"relationshipToPartner": "none"});
    let path = format!("/v1/customers/{CONTOSO}");

    // Readers and the partner's sales agents may not end it; nor may it be set to anything else.
    for user in [CONTOSO_READER, SALES] {
        let other = app.new_browser();
        other.sign_in(user).await;
        let refused = other.client.patch(other.url(&path)).json(&end).send().await.unwrap();
        expect_error(refused, StatusCode::FORBIDDEN, "2032").await;
    }
    let bad = contoso
        .client
        .patch(contoso.url(&path))
        .json(&json!({"relationshipToPartner": "reseller"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        expect_error(bad, StatusCode::BAD_REQUEST, "800002").await.data[0].field,
        "relationshipToPartner"
    );

    let ended = contoso.client.patch(contoso.url(&path)).json(&end).send().await.unwrap();
    let customer = json_of(ended).await;
    assert_eq!(customer["relationshipToPartner"], "none");
    // The partner's session is the same one; its next request finds nothing.
    assert_eq!(partner_reach(&app, CONTOSO).await, NO_REACH);
    let listed = json_of(app.get("/v1/customers").await).await;
    assert_eq!(listed["totalCount"], 2);
    // Still listed, as ended: the partner keeps the customer record, none of its data.
    let ended = json_of(app.get("/v1/customers?relationshipStatus=ended").await).await;
    assert_eq!(ended["items"][0]["id"], CONTOSO);
    assert_eq!(ended["items"][0]["relationshipStatus"], "ended");
    // The customer keeps its subscriptions and sees the relationship as ended.
    let subscriptions = json_of(contoso.get(&format!("{path}/subscriptions")).await).await;
    assert!(subscriptions["totalCount"].as_u64().unwrap() > 0);
    let relationships = json_of(contoso.get(&format!("{path}/relationships")).await).await;
    assert_eq!(relationships["items"][0]["status"], "ended");
    assert_eq!(relationships["items"][0]["endedAt"], "2026-11-21T10:00:00.000Z");
    let twice = contoso.client.patch(contoso.url(&path)).json(&end).send().await.unwrap();
    expect_error(twice, StatusCode::CONFLICT, "940003").await;

    // The partner's general link brings it back when the customer's admin accepts it.
    let link = json_of(app.get("/v1/customers/relationshiprequests").await).await;
    assert_eq!(link["attributes"]["objectType"], "RelationshipRequest");
    let url = link["url"].as_str().unwrap();
    assert_eq!(url, format!("{}/partner-request/{PARTNER_ID}", app.base));
    let request =
        json_of(contoso.get(&format!("/v1/relationshiprequests/{PARTNER_ID}")).await).await;
    assert_eq!(request["partnerName"], "Northwind Cloud Partners");
    assert_eq!(request["status"], "ended");
    assert!(request.get("otherReseller").is_none());
    let accepted = contoso
        .client
        .post(contoso.url(&format!("/v1/relationshiprequests/{PARTNER_ID}/accept")))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(accepted).await["status"], "active");
    assert_eq!(partner_reach(&app, CONTOSO).await, FULL_REACH);
}

#[tokio::test]
async fn a_customer_with_a_reseller_cannot_accept_a_second_one() {
    let app = TestApp::spawn().await;
    sqlx::query("INSERT INTO partners (id, name, mpn_id, created_at) VALUES ('other-partner', 'Wide World Cloud', '5550001', '2026-11-01T00:00:00.000Z')")
        .execute(&app.db)
        .await
        .unwrap();
    let fabrikam = app.new_browser();
    fabrikam.sign_in(FABRIKAM_ADMIN).await;
    let request = json_of(fabrikam.get("/v1/relationshiprequests/other-partner").await).await;
    assert_eq!(request["partnerName"], "Wide World Cloud");
    assert_eq!(request["otherReseller"], "Northwind Cloud Partners");
    let refused = fabrikam
        .client
        .post(fabrikam.url("/v1/relationshiprequests/other-partner/accept"))
        .send()
        .await
        .unwrap();
    let body = expect_error(refused, StatusCode::CONFLICT, "940003").await;
    assert!(body.description.contains("Northwind Cloud Partners"), "{}", body.description);
    let unknown = fabrikam.get("/v1/relationshiprequests/nope").await;
    expect_error(unknown, StatusCode::NOT_FOUND, "1000").await;
    // Only a customer's admins answer requests.
    for user in [ADMIN, CONTOSO_READER] {
        let other = app.new_browser();
        other.sign_in(user).await;
        let denied = other
            .client
            .post(other.url(&format!("/v1/relationshiprequests/{PARTNER_ID}/accept")))
            .send()
            .await
            .unwrap();
        expect_error(denied, StatusCode::FORBIDDEN, "2032").await;
    }
    // The general link is for the partner's admins.
    let sales = app.new_browser();
    sales.sign_in(SALES).await;
    expect_error(
        sales.get("/v1/customers/relationshiprequests").await,
        StatusCode::FORBIDDEN,
        "2032",
    )
    .await;
}

#[tokio::test]
async fn a_relationship_expires_after_two_years() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let customer = create_customer(&app).await;
    let token = token_of(&invite(&app, &customer).await);
    let accept =
        json!({"token": token, "displayName": "Jordan Lee", "password": "a long enough secret"});
    json_of(app.new_browser().post_json("/v1/invitations/accept", &accept).await).await;

    app.clock.advance(TimeDelta::days(730) - TimeDelta::seconds(1));
    let expired =
        portal_server::store::relationships::expire_due(&app.db, app.clock.now()).await.unwrap();
    assert_eq!(expired, 0, "not yet");
    app.clock.advance(TimeDelta::seconds(1));
    let expired =
        portal_server::store::relationships::expire_due(&app.db, app.clock.now()).await.unwrap();
    // The demo's three were accepted, for two years, when the test started too.
    assert_eq!(expired, 4);
    app.sign_in(ADMIN).await;
    assert_eq!(partner_reach(&app, &customer).await, NO_REACH);
    let admin = app.new_browser();
    admin.sign_in(("ops@adventure-works.example", "a long enough secret")).await;
    let seen = json_of(admin.get(&format!("/v1/customers/{customer}/relationships")).await).await;
    assert_eq!(seen["items"][0]["status"], "expired");
}

/// An SMTP server that accepts every message and keeps it: enough of RFC 5321 for a client.
async fn smtp_sink() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else { return };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ready\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(message) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 kept\r\n").await.unwrap();
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    let verb = line.split(' ').next().unwrap_or_default().to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go on\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn the_invitation_is_emailed_when_smtp_is_configured() {
    let (port, received) = smtp_sink().await;
    let app = TestApp::spawn_with(|config| {
        config.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        config.public_url = Some("https://portal.example".to_owned());
    })
    .await;
    app.sign_in(ADMIN).await;
    let invitation = invite(&app, TAILSPIN_ID).await;
    assert_eq!(invitation["emailed"], true);
    let url = invitation["url"].as_str().unwrap();
    assert!(url.starts_with("https://portal.example/invitation#"), "{url}");
    let mails = received.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    let mail = quoted_printable_decoded(&mails[0]);
    assert!(mail.contains("To: anna.schmidt@tailspintoys.example"), "{mail}");
    assert!(mail.contains("Subject: Northwind Cloud Partners invites you"), "{mail}");
    assert!(mail.lines().any(|l| l == url), "the link, whole, on its own line: {mail}");
}

/// Undoes quoted-printable (RFC 2045 §6.7) as a mail reader does: soft line breaks joined, `=XX`
/// bytes restored. Good enough for ASCII text, which is all the test needs.
fn quoted_printable_decoded(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let mut out = String::new();
    let mut rest = joined.as_str();
    while let Some(at) = rest.find('=') {
        out.push_str(&rest[..at]);
        match u8::from_str_radix(rest.get(at + 1..at + 3).unwrap_or("zz"), 16) {
            Ok(byte) if byte.is_ascii() => {
                out.push(byte as char);
                rest = &rest[at + 3..];
            }
            _ => {
                out.push('=');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn a_partner_admin_may_end_the_relationship_too() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let path = format!("/v1/customers/{LITWARE}");
    let end = json!({"relationshipToPartner": "none"});
    let ended = app.client.patch(app.url(&path)).json(&end).send().await.unwrap();
    assert_eq!(json_of(ended).await["relationshipToPartner"], "none");
    expect_error(app.get(&path).await, StatusCode::NOT_FOUND, "60003").await;
    let litware = app.new_browser();
    litware.sign_in(LITWARE_ADMIN).await;
    let seen = json_of(litware.get(&format!("{path}/relationships")).await).await;
    assert_eq!(seen["items"][0]["status"], "ended");
    // Who ended it is kept.
    let (by,): (String,) = sqlx::query_as(
        "SELECT ended_by FROM partner_customer_relationships WHERE customer_id = $1",
    )
    .bind(LITWARE)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(by, "a1000000-0000-4000-8000-000000000001");
}

/// Who reaches what, for each status of the relationship: the partner's roles (rows) against a
/// read of the customer, a read of its subscriptions and a purchase (columns). Only an active
/// relationship opens anything; inside it, each role's rights apply.
#[tokio::test]
async fn the_partner_reaches_a_customer_only_while_their_relationship_is_active() {
    let app = TestApp::spawn().await;
    let reads = |customer: &str| {
        [format!("/v1/customers/{customer}"), format!("/v1/customers/{customer}/subscriptions")]
    };
    let cart = json!({"lineItems": [line(STANDARD_US, 1, "monthly", Some("P1M"))]});
    for status in ["pending", "declined", "active", "ended", "expired"] {
        sqlx::query("UPDATE partner_customer_relationships SET status = $1 WHERE customer_id = $2")
            .bind(status)
            .bind(FABRIKAM)
            .execute(&app.db)
            .await
            .unwrap();
        for (user, buys) in [(ADMIN, true), (SALES, true), (BILLING, false)] {
            let browser = app.new_browser();
            browser.sign_in(user).await;
            let active = status == "active";
            for path in reads(FABRIKAM) {
                let expected = if active { StatusCode::OK } else { StatusCode::NOT_FOUND };
                assert_eq!(
                    browser.get(&path).await.status(),
                    expected,
                    "{status} {} {path}",
                    user.0
                );
            }
            let bought = browser.post_json(&format!("/v1/customers/{FABRIKAM}/carts"), &cart).await;
            let expected = match (active, buys) {
                (false, _) => StatusCode::NOT_FOUND,
                (true, true) => StatusCode::CREATED,
                (true, false) => StatusCode::FORBIDDEN,
            };
            assert_eq!(bought.status(), expected, "{status} {} buys", user.0);
        }
        // The customer's own users keep their access whatever the partner's status.
        let fabrikam = app.new_browser();
        fabrikam.sign_in(FABRIKAM_ADMIN).await;
        for path in reads(FABRIKAM) {
            assert_eq!(fabrikam.get(&path).await.status(), StatusCode::OK, "{status} {path}");
        }
    }
}
