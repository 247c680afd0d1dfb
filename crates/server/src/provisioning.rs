//! The background worker. It provisions orders (their subscriptions become active and the order
//! completed, within seconds of checkout; Partner Center takes up to 15 minutes), carries out
//! product upgrades and completes subscription registrations.
//!
//! A checkout wakes it; it also looks every second, for orders placed through another replica.
//! Completing an order is a conditional update, so replicas never provision one twice.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{Notify, watch};

use crate::clock::Clock;
use crate::db::Db;
use crate::metrics::{Job, Metrics, Pass};
use crate::store::orders::Provisioned;
use crate::store::{orders, subscriptions};
use crate::timestamp;

const POLL: Duration = Duration::from_secs(1);
const BATCH: i64 = 50;

pub async fn run(
    db: Db,
    clock: Clock,
    metrics: Arc<Metrics>,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        provision_pending(&db, &clock, &metrics).await;
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(POLL) => {}
            _ = stop.changed() => return,
        }
    }
}

/// Orders, upgrades and registrations, each kind on its own: a failure in one is logged and
/// does not hold up the others.
async fn provision_pending(db: &Db, clock: &Clock, metrics: &Metrics) {
    let started = Instant::now();
    let orders = async {
        let mut pass = Pass::default();
        for order_id in orders::pending(db, BATCH).await? {
            match orders::complete(db, &order_id, &timestamp::to_text(clock.now())).await {
                Ok(Provisioned::Completed) => {
                    pass.done += 1;
                    tracing::info!(order_id = %order_id, "order provisioned");
                }
                Ok(Provisioned::Failed(reason)) => {
                    pass.failed += 1;
                    tracing::warn!(order_id = %order_id, %reason, "order could not be provisioned");
                }
                Ok(Provisioned::Taken) => {}
                // One order that cannot be completed must not hold up the ones after it.
                Err(e) => tracing::error!(order_id = %order_id, error = %e, "order not provisioned; retrying"),
            }
        }
        anyhow::Ok(pass)
    }
    .await;
    finish(metrics, Job::Orders, started, orders);

    let started = Instant::now();
    let upgrades = crate::upgrading::run_pending(db, clock.now()).await;
    finish(metrics, Job::Upgrades, started, upgrades);

    let started = Instant::now();
    let registrations = subscriptions::complete_registrations(db, &timestamp::to_text(clock.now()))
        .await
        .map(|registered| {
            if registered > 0 {
                tracing::info!(registered, "subscriptions registered");
            }
            Pass { done: registered, failed: 0 }
        });
    finish(metrics, Job::Registrations, started, registrations);
}

/// Counts a pass of `job` and logs the error that stopped it, if one did (the next pass retries).
fn finish<E: std::fmt::Display>(
    metrics: &Metrics,
    job: Job,
    started: Instant,
    result: Result<Pass, E>,
) {
    metrics.pass(job, started, &result);
    if let Err(e) = result {
        tracing::error!(job = ?job, error = format!("{e:#}"), "provisioning failed; retrying");
    }
}
