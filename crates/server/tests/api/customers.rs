//! Customers: what each kind of user sees, paging, and tenant isolation.

use portal_server::demo::{CONTOSO_ID, FABRIKAM_ID};
use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn partner_users_see_their_customers_in_name_order() {
    let app = TestApp::spawn().await;
    for user in [ADMIN, SALES, BILLING] {
        let client = browser();
        client
            .post(app.url("/v1/auth/login"))
            .json(&serde_json::json!({"email": user.0, "password": user.1}))
            .send()
            .await
            .unwrap();
        let page = json_of(client.get(app.url("/v1/customers")).send().await.unwrap()).await;
        assert_eq!(page["totalCount"], 3, "{}", user.0);
        assert_eq!(page["attributes"]["objectType"], "Collection");
        let names: Vec<_> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["companyProfile"]["companyName"].clone())
            .collect();
        assert_eq!(names, ["Contoso", "Fabrikam", "Litware"]);
    }
}

#[tokio::test]
async fn customer_resource_has_the_partner_center_fields() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let contoso = json_of(app.get(&format!("/v1/customers/{CONTOSO_ID}")).await).await;
    assert_eq!(contoso["id"], CONTOSO_ID);
    assert_eq!(contoso["companyProfile"]["companyName"], "Contoso");
    assert_eq!(contoso["companyProfile"]["domain"], "contoso.example");
    assert_eq!(contoso["billingProfile"]["defaultAddress"]["country"], "FR");
    assert_eq!(contoso["billingProfile"]["culture"], "fr-FR");
    assert_eq!(contoso["currency"], "EUR");
    assert_eq!(contoso["relationshipToPartner"], "reseller");
    assert_eq!(contoso["links"]["self"]["uri"], format!("/customers/{CONTOSO_ID}"));
    assert_eq!(contoso["attributes"]["objectType"], "Customer");
}

#[tokio::test]
async fn a_customer_user_sees_only_their_own_customer() {
    let app = TestApp::spawn().await;
    app.sign_in(CONTOSO_READER).await;
    let page = json_of(app.get("/v1/customers").await).await;
    assert_eq!(page["totalCount"], 1);
    assert_eq!(page["items"][0]["id"], CONTOSO_ID);
    assert_eq!(page["items"][0]["relationshipToPartner"], "none");
    assert_eq!(
        json_of(app.get(&format!("/v1/customers/{CONTOSO_ID}")).await).await["id"],
        CONTOSO_ID
    );

    // The other customer is answered exactly like one that does not exist.
    let other = expect_error(
        app.get(&format!("/v1/customers/{FABRIKAM_ID}")).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
    let missing = expect_error(
        app.get("/v1/customers/no-such-customer").await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
    assert!(!other.description.contains("Fabrikam"));
    assert!(missing.description.contains("no-such-customer"));
}

#[tokio::test]
async fn fabrikam_cannot_see_contoso() {
    let app = TestApp::spawn().await;
    app.sign_in(FABRIKAM_ADMIN).await;
    expect_error(
        app.get(&format!("/v1/customers/{CONTOSO_ID}")).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
}

#[tokio::test]
async fn a_partner_sees_a_customer_only_once_the_relationship_is_accepted() {
    let app = TestApp::spawn().await;
    sqlx::query(
        "UPDATE partner_customer_relationships SET status = 'pending' WHERE customer_id = $1",
    )
    .bind(FABRIKAM_ID)
    .execute(&app.db)
    .await
    .unwrap();
    app.sign_in(ADMIN).await;
    let page = json_of(app.get("/v1/customers").await).await;
    let ids: Vec<_> = page["items"].as_array().unwrap().iter().map(|c| c["id"].clone()).collect();
    assert_eq!(ids.len(), 2);
    assert!(!ids.contains(&serde_json::json!(FABRIKAM_ID)), "{ids:?}");
    expect_error(
        app.get(&format!("/v1/customers/{FABRIKAM_ID}")).await,
        StatusCode::NOT_FOUND,
        "60003",
    )
    .await;
}

#[tokio::test]
async fn customers_are_seek_paged_with_a_continuation_token() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let first = json_of(app.get("/v1/customers?size=1").await).await;
    assert_eq!(first["totalCount"], 1);
    assert_eq!(first["items"][0]["companyProfile"]["companyName"], "Contoso");
    let token = first["continuationToken"].as_str().unwrap().to_owned();
    let next = &first["links"]["next"];
    assert_eq!(next["uri"], "/customers?size=1&seekOperation=Next");
    assert_eq!(next["headers"][0]["key"], "MS-ContinuationToken");
    assert_eq!(next["headers"][0]["value"], token.as_str());

    let second = app
        .client
        .get(app.url("/v1/customers?size=1&seekOperation=Next"))
        .header("MS-ContinuationToken", &token)
        .send()
        .await
        .unwrap();
    let second = json_of(second).await;
    assert_eq!(second["items"][0]["companyProfile"]["companyName"], "Fabrikam");
    let token = second["continuationToken"].as_str().unwrap().to_owned();
    let third = app
        .client
        .get(app.url("/v1/customers?size=1&seekOperation=Next"))
        .header("MS-ContinuationToken", &token)
        .send()
        .await
        .unwrap();
    let third = json_of(third).await;
    assert_eq!(third["items"][0]["companyProfile"]["companyName"], "Litware");
    assert!(third.get("continuationToken").is_none());
    assert!(third["links"].get("next").is_none());
}

#[tokio::test]
async fn bad_paging_input_is_400_naming_the_parameter() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    for (query, field) in [
        ("size=0", "size"),
        ("size=lots", "size"),
        ("size=501", "size"),
        ("seekOperation=Back", "seekOperation"),
    ] {
        let error = expect_error(
            app.get(&format!("/v1/customers?{query}")).await,
            StatusCode::BAD_REQUEST,
            "800002",
        )
        .await;
        assert_eq!(error.data[0].field, field, "{query}");
    }
    let forged = app
        .client
        .get(app.url("/v1/customers"))
        .header("MS-ContinuationToken", "forged")
        .send()
        .await
        .unwrap();
    let error = expect_error(forged, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "MS-ContinuationToken");
}

#[tokio::test]
async fn customers_need_a_session() {
    let app = TestApp::spawn().await;
    expect_error(app.get("/v1/customers").await, StatusCode::UNAUTHORIZED, "800001").await;
    expect_error(
        app.get(&format!("/v1/customers/{CONTOSO_ID}")).await,
        StatusCode::UNAUTHORIZED,
        "800001",
    )
    .await;
}

fn adventure_works() -> serde_json::Value {
    serde_json::json!({
        "companyProfile": {"domain": "adventure-works.fr", "companyName": "Adventure Works"},
        "billingProfile": {
            "email": "compta@adventure-works.fr", "culture": "fr-FR", "language": "fr",
            "defaultAddress": {
                "country": "fr", "addressLine1": "1 rue de la Paix", "city": "Paris",
                "postalCode": "75002", "firstName": "Camille", "lastName": "Martin"
            }
        }
    })
}

#[tokio::test]
async fn a_partner_admin_creates_a_customer_that_waits_for_the_relationship() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let response = app.post_json("/v1/customers", &adventure_works()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let created: serde_json::Value = response.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    assert_eq!(location, format!("/v1/customers/{id}"));
    assert_eq!(created["companyProfile"]["tenantId"], id);
    assert_eq!(created["companyProfile"]["companyName"], "Adventure Works");
    // The currency follows the country, whatever the case it was typed in.
    assert_eq!(created["billingProfile"]["defaultAddress"]["country"], "FR");
    assert_eq!(created["currency"], "EUR");
    assert_eq!(created["attributes"]["objectType"], "Customer");
    // The contact and address come back as Partner Center shows them; no phone was given.
    assert_eq!(created["billingProfile"]["email"], "compta@adventure-works.fr");
    assert_eq!(created["billingProfile"]["language"], "fr");
    let address = &created["billingProfile"]["defaultAddress"];
    assert_eq!(address["addressLine1"], "1 rue de la Paix");
    assert_eq!(address["city"], "Paris");
    assert_eq!(address["postalCode"], "75002");
    assert_eq!(
        (address["firstName"].as_str(), address["lastName"].as_str()),
        (Some("Camille"), Some("Martin"))
    );
    assert!(address.get("phoneNumber").is_none(), "{address}");

    // Pending: the partner reaches none of its data until the customer accepts.
    let pending = app.get(&location).await;
    expect_error(pending, StatusCode::NOT_FOUND, "60003").await;
    let carts = app.get(&format!("{location}/carts")).await;
    expect_error(carts, StatusCode::NOT_FOUND, "60003").await;
    let page = json_of(app.get("/v1/customers").await).await;
    assert_eq!(page["totalCount"], 3, "only customers with an accepted relationship are listed");
    let waiting = json_of(app.get("/v1/customers?relationshipStatus=pending").await).await;
    // Beside the demo's Tailspin Toys, which has not accepted either.
    let ids: Vec<&str> =
        waiting["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [id, portal_server::demo::TAILSPIN_ID], "in name order");
    let bad = app.get("/v1/customers?relationshipStatus=active,gone").await;
    let refused = expect_error(bad, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(refused.data[0].field, "relationshipStatus");
    // A customer user's own relationship is accepted: nothing of theirs is pending.
    let contoso = app.new_browser();
    contoso.sign_in(CONTOSO_ADMIN).await;
    let own = json_of(contoso.get("/v1/customers?relationshipStatus=pending").await).await;
    assert_eq!(own["totalCount"], 0);

    // Written with its contact and address, and a pending reseller relationship.
    let (status, contact): (String, String) = sqlx::query_as(
        "SELECT r.status, c.contact_email FROM customers c
         JOIN partner_customer_relationships r ON r.customer_id = c.id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((status.as_str(), contact.as_str()), ("pending", "compta@adventure-works.fr"));
}

#[tokio::test]
async fn each_bad_field_of_a_new_customer_is_named_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let mut body = adventure_works();
    body["companyProfile"]["domain"] = "adventure works".into();
    body["billingProfile"]["email"] = "compta".into();
    body["billingProfile"]["culture"] = "french".into();
    body["billingProfile"]["defaultAddress"]["country"] = "JP".into();
    body["billingProfile"]["defaultAddress"].as_object_mut().unwrap().remove("city");
    let refused = expect_error(
        app.post_json("/v1/customers", &body).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    let fields: Vec<&str> = refused.data.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "companyProfile.domain",
            "billingProfile.email",
            "billingProfile.culture",
            "billingProfile.defaultAddress.city",
            "billingProfile.defaultAddress.country",
        ]
    );
    assert!(refused.data[4].message.contains("DE, FR, US"), "{}", refused.data[4].message);
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM customers").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 4, "the demo's four, nothing more");
}

#[tokio::test]
async fn a_domain_already_taken_is_refused_on_the_domain_field() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let created = app.post_json("/v1/customers", &adventure_works()).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    // The same domain again, typed in capitals: still the same domain.
    let mut again = adventure_works();
    again["companyProfile"]["domain"] = "ADVENTURE-WORKS.FR".into();
    let refused = expect_error(
        app.post_json("/v1/customers", &again).await,
        StatusCode::BAD_REQUEST,
        "800002",
    )
    .await;
    assert_eq!(refused.data[0].field, "companyProfile.domain");
    assert!(refused.data[0].message.contains("already used"));
}

#[tokio::test]
async fn a_creation_sent_again_with_its_request_id_answers_with_the_same_customer() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let send = |request_id: &'static str| {
        app.client
            .post(app.url("/v1/customers"))
            .header("MS-RequestId", request_id)
            .json(&adventure_works())
            .send()
    };
    let first = send("7d1e0f00-0000-4000-8000-000000000001").await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: serde_json::Value = first.json().await.unwrap();
    // The answer was lost; the same request again.
    let again = send("7d1e0f00-0000-4000-8000-000000000001").await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    let location = again.headers()["location"].to_str().unwrap().to_owned();
    let again: serde_json::Value = again.json().await.unwrap();
    assert_eq!(again, first);
    assert_eq!(location, format!("/v1/customers/{}", first["id"].as_str().unwrap()));
    let (customers, logged): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM customers WHERE domain = 'adventure-works.fr'),
                (SELECT COUNT(*) FROM activity WHERE action = 'customer.created')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((customers, logged), (1, 1), "one customer, created once");
    // Another request for the same domain is another customer: refused.
    let other = send("7d1e0f00-0000-4000-8000-000000000002").await.unwrap();
    let refused = expect_error(other, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(refused.data[0].field, "companyProfile.domain");
}

#[tokio::test]
async fn only_partner_global_admins_and_admin_agents_create_customers() {
    let app = TestApp::spawn().await;
    for user in [SALES, BILLING, CONTOSO_ADMIN] {
        let client = app.new_browser();
        client.sign_in(user).await;
        let refused = client.post_json("/v1/customers", &adventure_works()).await;
        expect_error(refused, StatusCode::FORBIDDEN, "2032").await;
    }
    let anonymous = app.new_browser().post_json("/v1/customers", &adventure_works()).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn partners_search_their_customers_and_filter_them_by_relationship() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let names = |page: serde_json::Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["companyProfile"]["companyName"].as_str().unwrap().to_owned())
            .collect()
    };
    // By name, domain or Microsoft ID, without regard to case; active ones unless asked.
    let by_name = json_of(app.get("/v1/customers?q=FABRI").await).await;
    assert_eq!(names(by_name), ["Fabrikam"]);
    let by_domain = json_of(app.get("/v1/customers?q=litware.example").await).await;
    assert_eq!(names(by_domain), ["Litware"]);
    let by_id = json_of(app.get(&format!("/v1/customers?q={}", &CONTOSO_ID[..8])).await).await;
    assert_eq!(names(by_id), ["Contoso"]);
    // LIKE's own wildcards are taken literally.
    let wildcard = json_of(app.get("/v1/customers?q=%25").await).await;
    assert_eq!(wildcard["totalCount"], 0);
    let pending = json_of(app.get("/v1/customers?q=tail").await).await;
    assert_eq!(pending["totalCount"], 0, "Tailspin Toys has not accepted");
    let any = json_of(app.get("/v1/customers?q=t&relationshipStatus=active,pending").await).await;
    assert_eq!(names(any), ["Contoso", "Litware", "Tailspin Toys"]);
    let long = app.get(&format!("/v1/customers?q={}", "x".repeat(254))).await;
    assert_eq!(expect_error(long, StatusCode::BAD_REQUEST, "800002").await.data[0].field, "q");

    // Paged, the search and the filter carried to the next page.
    let first =
        json_of(app.get("/v1/customers?q=t&relationshipStatus=active,pending&size=2").await).await;
    assert_eq!(names(first.clone()), ["Contoso", "Litware"]);
    let next = &first["links"]["next"];
    assert_eq!(
        next["uri"],
        "/customers?relationshipStatus=active%2Cpending&q=t&size=2&seekOperation=Next"
    );
    let token = next["headers"][0]["value"].as_str().unwrap();
    let second = app
        .client
        .get(app.url(&format!("/v1{}", next["uri"].as_str().unwrap())))
        .header("MS-ContinuationToken", token)
        .send()
        .await
        .unwrap();
    assert_eq!(names(json_of(second).await), ["Tailspin Toys"]);
}

#[tokio::test]
async fn the_summary_counts_the_customers_each_relationship_filter_lists() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    let summary = json_of(app.get("/v1/customers/summary").await).await;
    assert_eq!(summary["attributes"]["objectType"], "CustomerSummary");
    // The demo: three active customers and Tailspin Toys, invited, not answered yet.
    assert_eq!((summary["active"].as_i64(), summary["pending"].as_i64()), (Some(3), Some(1)));
    for status in ["active", "pending", "declined", "ended", "expired"] {
        let page =
            json_of(app.get(&format!("/v1/customers?relationshipStatus={status}")).await).await;
        assert_eq!(summary[status], page["totalCount"], "{status}");
    }
    // Only the partner's staff count its customers.
    let customer = TestApp::spawn().await;
    customer.sign_in(CONTOSO_ADMIN).await;
    assert_eq!(customer.get("/v1/customers/summary").await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_eu_customers_vat_number_is_kept_as_written_on_its_invoices_and_checked() {
    let app = TestApp::spawn().await;
    app.sign_in(ADMIN).await;
    // Not of its country: refused, naming the field.
    let mut customer = adventure_works();
    customer["billingProfile"]["vatNumber"] = "DE123456789".into();
    let refused = app.post_json("/v1/customers", &customer).await;
    let error = expect_error(refused, StatusCode::BAD_REQUEST, "800002").await;
    assert_eq!(error.data[0].field, "billingProfile.vatNumber");
    // Spaces and small letters are how people copy it: kept as printed.
    customer["billingProfile"]["vatNumber"] = "fr 40 123 456 789".into();
    let response = app.post_json("/v1/customers", &customer).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: serde_json::Value = response.json().await.unwrap();
    assert_eq!(created["billingProfile"]["vatNumber"], "FR40123456789");
    // Without one, the field is left out.
    let fabrikam = json_of(app.get(&format!("/v1/customers/{FABRIKAM_ID}")).await).await;
    assert!(fabrikam["billingProfile"].get("vatNumber").is_none(), "{fabrikam}");
}
