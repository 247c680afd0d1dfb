//! The background worker. It provisions orders (their subscriptions become active and the order
//! completed, within seconds of checkout; Partner Center takes up to 15 minutes), carries out
//! product upgrades and completes subscription registrations.
//!
//! A checkout wakes it; it also looks every second, for orders placed through another replica.
//! Completing an order is a conditional update, so replicas never provision one twice.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};

use crate::clock::Clock;
use crate::db::Db;
use crate::store::orders::Provisioned;
use crate::store::{orders, subscriptions};
use crate::timestamp;

const POLL: Duration = Duration::from_secs(1);
const BATCH: i64 = 50;

pub async fn run(db: Db, clock: Clock, wake: Arc<Notify>, mut stop: watch::Receiver<bool>) {
    loop {
        if let Err(e) = provision_pending(&db, &clock).await {
            tracing::error!(error = format!("{e:#}"), "provisioning failed; retrying");
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(POLL) => {}
            _ = stop.changed() => return,
        }
    }
}

/// Orders, upgrades and registrations, each kind on its own: a failure in one is logged and
/// does not hold up the others.
async fn provision_pending(db: &Db, clock: &Clock) -> anyhow::Result<()> {
    let orders = async {
        for order_id in orders::pending(db, BATCH).await? {
            match orders::complete(db, &order_id, &timestamp::to_text(clock.now())).await {
                Ok(Provisioned::Completed) => tracing::info!(order_id = %order_id, "order provisioned"),
                Ok(Provisioned::Failed(reason)) => {
                    tracing::warn!(order_id = %order_id, %reason, "order could not be provisioned");
                }
                Ok(Provisioned::Taken) => {}
                // One order that cannot be completed must not hold up the ones after it.
                Err(e) => tracing::error!(order_id = %order_id, error = %e, "order not provisioned; retrying"),
            }
        }
        anyhow::Ok(())
    }
    .await;
    let upgrades = crate::upgrading::run_pending(db, clock.now()).await;
    let registrations = async {
        let registered =
            subscriptions::complete_registrations(db, &timestamp::to_text(clock.now())).await?;
        if registered > 0 {
            tracing::info!(registered, "subscriptions registered");
        }
        anyhow::Ok(())
    }
    .await;
    orders.and(upgrades).and(registrations)
}
