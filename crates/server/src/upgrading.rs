//! Carrying out a product upgrade (the background worker's part): the customer gets an Azure
//! plan, its legacy Azure subscription becomes an Azure subscription under the plan (same id),
//! and the legacy subscription stops. All in one transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use portal_domain::BillingCycle;
use portal_domain::cart::CartLineItemRequest;
use portal_domain::subscription::EventKind;

use crate::catalog::{self, AZURE_PLAN_PRODUCT_ID, Language};
use crate::checkout::{self, CheckoutContext};
use crate::db::{Db, begin_write};
use crate::metrics::Pass;
use crate::store::orders::{self, Placement};
use crate::store::subscriptions::{self, NewEvent};
use crate::store::upgrades::{self, UpgradeRow};
use crate::timestamp;

/// Tries a failed upgrade this many times in all, then marks it `failed` with its reason.
pub const MAX_ATTEMPTS: i64 = 5;

/// The wait after the `attempts`-th failure: 2, 4, 8, 16 seconds.
fn backoff(attempts: i64) -> TimeDelta {
    TimeDelta::seconds(1_i64 << attempts.clamp(1, 10))
}

/// Carries out every upgrade that is due, each on its own: one that fails waits and is tried
/// again, and after `MAX_ATTEMPTS` is marked failed; it never holds up the others. Returns how
/// many were carried out and how many tries failed.
pub async fn run_pending(db: &Db, now: DateTime<Utc>) -> anyhow::Result<Pass> {
    let now_text = timestamp::to_text(now);
    let mut pass = Pass::default();
    for upgrade in upgrades::due(db, &now_text).await? {
        match carry_out(db, &upgrade, now).await {
            Ok(()) => {
                pass.done += 1;
                tracing::info!(upgrade_id = %upgrade.id, customer_id = %upgrade.customer_id, "product upgraded");
            }
            Err(e) => {
                pass.failed += 1;
                let reason = format!("{e:#}");
                let attempts = upgrade.attempts + 1;
                let retry_at =
                    (attempts < MAX_ATTEMPTS).then(|| timestamp::to_text(now + backoff(attempts)));
                tracing::error!(upgrade_id = %upgrade.id, customer_id = %upgrade.customer_id, attempts, %reason, will_retry = retry_at.is_some(), "product upgrade failed");
                upgrades::record_failure(db, &upgrade.id, &reason, retry_at.as_deref(), &now_text)
                    .await?;
            }
        }
    }
    Ok(pass)
}

#[tracing::instrument(skip_all, fields(upgrade_id = %upgrade.id, customer_id = %upgrade.customer_id))]
async fn carry_out(db: &Db, upgrade: &UpgradeRow, now: DateTime<Utc>) -> anyhow::Result<()> {
    let (country, company_name): (String, String) =
        sqlx::query_as("SELECT country, company_name FROM customers WHERE id = $1")
            .bind(&upgrade.customer_id)
            .fetch_one(db)
            .await?;
    let (requester_name,): (String,) =
        sqlx::query_as("SELECT display_name FROM users WHERE id = $1")
            .bind(&upgrade.requested_by)
            .fetch_one(db)
            .await?;
    let (legacy_name,): (String,) =
        sqlx::query_as("SELECT friendly_name FROM subscriptions WHERE id = $1")
            .bind(&upgrade.source_subscription_id)
            .fetch_one(db)
            .await?;
    let currency = catalog::currency_of(&country)
        .ok_or_else(|| anyhow::anyhow!("no catalog for {country}"))?;
    let plan_item = catalog::purchasable(&country, Some("MicrosoftAzure"), Language::En)
        .into_iter()
        .find(|a| a.product_id == AZURE_PLAN_PRODUCT_ID)
        .ok_or_else(|| anyhow::anyhow!("no Azure plan in the {country} catalog"))?;
    let request = CartLineItemRequest {
        id: None,
        catalog_item_id: plan_item.catalog_item_id,
        friendly_name: Some(format!("{company_name} Azure plan")),
        quantity: 1,
        billing_cycle: BillingCycle::Monthly,
        term_duration: None,
        provisioning_context: BTreeMap::new(),
    };
    let lines = checkout::validate_lines(vec![request], &country, currency, Language::En, false);
    let context = CheckoutContext {
        country: &country,
        currency,
        today: now.date_naive(),
        has_azure_plan: false,
        has_legacy_azure: false,
        company_name: &company_name,
    };
    let (mut drafts, errors) = checkout::plan(&lines, &context);
    anyhow::ensure!(
        errors.is_empty() && drafts.len() == 1,
        "the upgrade's Azure plan does not plan: {errors:?}"
    );
    let mut draft = drafts.remove(0);
    // The Azure subscription keeps its id: it moves under the plan.
    draft.lines[0].azure_entitlement = Some((upgrade.source_subscription_id.clone(), legacy_name));
    let plan_id = draft.lines[0].subscription_id.clone();

    let now_text = timestamp::to_text(now);
    let placement = Placement {
        customer_id: &upgrade.customer_id,
        cart_id: None,
        created_by: &upgrade.requested_by,
        created_by_name: &requester_name,
        created_at: &now_text,
        today: now.date_naive(),
        currency,
        provisioned: true,
    };
    let mut tx = begin_write(db).await?;
    // The legacy subscription's row first, as a request starting an upgrade locks it first: the
    // same order everywhere, so the two never wait for each other in a circle.
    anyhow::ensure!(
        upgrades::hold_live_legacy(&mut tx, &upgrade.source_subscription_id).await?,
        "the legacy subscription is no longer active"
    );
    if !upgrades::complete(&mut tx, &upgrade.id, &plan_id, &now_text).await? {
        return Ok(()); // another replica did it
    }
    sqlx::query("UPDATE subscriptions SET status = 'deleted', version = version + 1 WHERE id = $1")
        .bind(&upgrade.source_subscription_id)
        .execute(&mut *tx)
        .await?;
    subscriptions::insert_event(
        &mut tx,
        &NewEvent {
            subscription_id: &upgrade.source_subscription_id,
            customer_id: &upgrade.customer_id,
            occurred_at: &now_text,
            actor_id: Some(&upgrade.requested_by),
            actor_name: &requester_name,
            kind: EventKind::Upgraded,
            old_value: Some("active"),
            new_value: Some(&plan_id),
            amount: None,
            currency_code: None,
        },
    )
    .await?;
    orders::insert(&mut tx, &placement, &draft).await?;
    tx.commit().await?;
    Ok(())
}
