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
