//! A month of usage written straight to the database, in bulk: for the tests of closing and
//! exporting large invoices (shared by the API suite and the export memory test).

use chrono::NaiveDate;
use portal_domain::BillingPeriod;
use portal_server::demo::{CONTOSO_AZURE_PLAN_ID, PARTNER_ID};

use crate::helpers::{CONTOSO, TestApp};

pub const NOVEMBER: BillingPeriod = BillingPeriod {
    start: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    end: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
};

/// `count` usage records for Contoso's Azure plan, spread over 1–28 November, each of cost
/// `0.0123 × (i mod 7 + 1)`, written straight to the database (a million through the API would
/// take minutes).
pub async fn add_november_usage(app: &TestApp, count: i64) {
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
         INSERT INTO usage_records (partner_id, id, customer_id, plan_id, entitlement_id, meter_id, meter_name,
             meter_category, unit, resource_uri, resource_group, resource_location, quantity, usage_date,
             unit_price, cost, currency_code, received_at)
         SELECT $2, 'bulk-' || CAST(i AS TEXT), $3, $4, NULL, 'meter-' || CAST(i % 3 AS TEXT),
             'Meter ' || CAST(i % 3 AS TEXT), 'Compute', 'Hours',
             '/subscriptions/x/resourceGroups/rg/providers/vm/vm-' || CAST(i % 50 AS TEXT), 'rg', 'westeurope',
             10000 * (i % 7 + 1), '2026-11-' || CASE WHEN i % 28 < 9 THEN '0' ELSE '' END || CAST(i % 28 + 1 AS TEXT),
             123, 123 * (i % 7 + 1), 'EUR', '2026-11-21T09:00:00.000Z'
         FROM n",
    )
    .bind(count)
    .bind(PARTNER_ID)
    .bind(CONTOSO)
    .bind(CONTOSO_AZURE_PLAN_ID)
    .execute(&app.db)
    .await
    .unwrap();
}

/// `count` customers of the demo partner, `bench-1` … `bench-{count}`, each with a monthly
/// Microsoft 365 licence bought in October and raised from 10 to 12 on 5 November: one invoice
/// each when November closes.
pub async fn add_customers_with_licences(app: &TestApp, count: i64) {
    let generate = |body: &str| {
        format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2) {body}"
        )
    };
    let statements = [
        generate(
            "INSERT INTO customers (id, company_name, domain, country, currency, culture, created_at)
             SELECT 'bench-' || CAST(i AS TEXT), 'Bench ' || CAST(i AS TEXT), 'bench' || CAST(i AS TEXT) || '.example',
                    'FR', 'EUR', 'fr-FR', '2026-10-01T00:00:00.000Z' FROM n",
        ),
        generate(
            "INSERT INTO partner_customer_relationships (partner_id, customer_id, relationship_type, status, created_at, accepted_at)
             SELECT $1, 'bench-' || CAST(i AS TEXT), 'reseller', 'active', '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z' FROM n",
        ),
        generate(
            "INSERT INTO orders (id, alternate_id, customer_id, cart_id, order_group, billing_cycle, currency_code, status,
                                 created_by, created_at, completed_at)
             SELECT 'bench-o-' || CAST(i AS TEXT), 'bench-o-' || CAST(i AS TEXT), 'bench-' || CAST(i AS TEXT), NULL, '0',
                    'monthly', 'EUR', 'completed', 'bench', '2026-10-10T09:00:00.000Z', '2026-10-10T09:00:00.000Z' FROM n",
        ),
        generate(
            "INSERT INTO subscriptions (id, customer_id, order_id, offer_id, product_id, sku_id, offer_name, friendly_name,
                 quantity, unit_type, billing_type, billing_cycle, term_duration, status, auto_renew_enabled, is_trial,
                 unit_price, currency_code, created_at, effective_start_date, commitment_end_date, version)
             SELECT 'bench-s-' || CAST(i AS TEXT), 'bench-' || CAST(i AS TEXT), 'bench-o-' || CAST(i AS TEXT),
                    'CFQ7TTC0LDPB:0001:CFQ7TTC0LDPF', 'CFQ7TTC0LDPB', '0001', 'Microsoft 365 Business Standard',
                    'Bench licences', 12, 'licenses', 'license', 'monthly', 'P1Y', 'active', 1, 0, 117000, 'EUR',
                    '2026-10-10T09:00:00.000Z', '2026-10-10', '2027-10-09', 1 FROM n",
        ),
        generate(
            "INSERT INTO subscription_events (id, subscription_id, seq, customer_id, occurred_at, actor_id, actor_name, kind,
                 old_value, new_value, amount, currency_code)
             SELECT 'bench-e1-' || CAST(i AS TEXT), 'bench-s-' || CAST(i AS TEXT), 1, 'bench-' || CAST(i AS TEXT),
                    '2026-10-10T09:00:00.000Z', NULL, 'Bench', 'created', NULL, '10', 832300, 'EUR' FROM n",
        ),
        generate(
            "INSERT INTO subscription_events (id, subscription_id, seq, customer_id, occurred_at, actor_id, actor_name, kind,
                 old_value, new_value, amount, currency_code)
             SELECT 'bench-e2-' || CAST(i AS TEXT), 'bench-s-' || CAST(i AS TEXT), 2, 'bench-' || CAST(i AS TEXT),
                    '2026-11-05T09:00:00.000Z', NULL, 'Bench', 'quantity_changed', '10', '12', 89700, 'EUR' FROM n",
        ),
    ];
    for sql in statements {
        // Test data built from the fixed statements above.
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(PARTNER_ID)
            .bind(count)
            .execute(&app.db)
            .await
            .unwrap();
    }
}
