//! Changing a subscription: its life cycle rules applied to what a `PATCH` asks for, the
//! charges and refunds that follow, and the history it leaves. The routes read the request
//! and answer it; the provisioning worker and the monthly close share the rules and prices.

use chrono::{DateTime, Utc};
use portal_domain::billing::parse_day;
use portal_domain::lifecycle::{Change, Kind, Lifecycle, Pricing, Refusal};
use portal_domain::subscription::{
    BillingType, EventKind, PARTNER_INITIATED, SubscriptionEvent, SubscriptionPatch,
    SubscriptionStatus, charged_so_far, may_lift_suspension,
};
use portal_domain::{Amount, ErrorCode, FieldError};

use crate::catalog;
use crate::db::{Db, begin_write};
use crate::error::{AppError, AppResult};
use crate::identity::User;
use crate::store::activity::{self, Actor, Entry};
use crate::store::azure_stack;
use crate::store::subscriptions::{self, EntitlementRow, NewEvent, SubscriptionRow, Update};
use crate::timestamp;

pub fn is_azure_plan(row: &SubscriptionRow) -> bool {
    row.billing_type == BillingType::Usage
}

/// The facts the life cycle rules need.
pub fn rules(row: &SubscriptionRow, active_azure_subscriptions: usize) -> sqlx::Result<Lifecycle> {
    let (minimum_quantity, maximum_quantity) =
        catalog::sku_bounds(&row.product_id, &row.sku_id).unwrap_or((row.quantity, row.quantity));
    let kind = if is_azure_plan(row) {
        Kind::AzurePlan { active_azure_subscriptions }
    } else {
        Kind::Licence { is_trial: row.is_trial != 0, has_term: row.term_duration.is_some() }
    };
    Ok(Lifecycle {
        status: row.status,
        kind,
        created_at: timestamp::parse(&row.created_at)
            .map_err(|e| crate::store::unreadable("subscriptions.created_at", e))?,
        quantity: row.quantity,
        minimum_quantity,
        maximum_quantity,
    })
}

pub fn pricing(row: &SubscriptionRow) -> sqlx::Result<Pricing> {
    Ok(Pricing {
        unit_price: Amount::from_ten_thousandths(row.unit_price.unwrap_or(0)),
        cycle: row.billing_cycle,
        start: parse_day(&row.effective_start_date).ok_or_else(|| {
            crate::store::unreadable(
                "subscriptions.effective_start_date",
                &row.effective_start_date,
            )
        })?,
        currency: row.currency,
    })
}

pub fn stale() -> AppError {
    AppError::new(
        ErrorCode::EtagMismatch,
        "The subscription has changed since it was read (the etag is no longer valid). Read it again and review the change.",
    )
}

pub fn refused(refusal: Refusal, entitlements: &[EntitlementRow]) -> AppError {
    let data = match refusal {
        // The refusal names the Azure subscriptions to cancel first.
        Refusal::AzurePlanHasActiveSubscriptions { .. } => entitlements
            .iter()
            .filter(|e| e.status == SubscriptionStatus::Active)
            .map(|e| {
                FieldError::new("azureEntitlements", format!("{} ({})", e.friendly_name, e.id))
            })
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<_> = data.iter().map(|f| f.message.clone()).collect();
    let mut description = refusal.english();
    if !names.is_empty() {
        description = format!("{description} Active: {}.", names.join(", "));
    }
    AppError::Api { code: refusal.code(), description, data, retry_after: None }
}

/// The changes a PATCH asks for: the fields that differ from the subscription as it is.
pub fn requested_changes(
    row: &SubscriptionRow,
    patch: SubscriptionPatch,
) -> AppResult<Vec<Change>> {
    let mut changes = Vec::new();
    if let Some(name) = patch.friendly_name.filter(|n| n.trim() != row.friendly_name) {
        changes.push(Change::Rename(name));
    }
    let quantity_change = patch.quantity.filter(|q| *q != row.quantity);
    if let Some(auto_renew) =
        patch.auto_renew_enabled.filter(|a| *a != (row.auto_renew_enabled != 0))
    {
        changes.push(Change::AutoRenew(auto_renew));
    }
    let status_change = match patch.status.filter(|s| *s != row.status) {
        None => None,
        Some(SubscriptionStatus::Suspended) => Some(Change::Suspend),
        Some(SubscriptionStatus::Active) => Some(Change::Reactivate),
        Some(SubscriptionStatus::Deleted) => Some(Change::Cancel),
        Some(SubscriptionStatus::Pending) => {
            return Err(AppError::invalid_field(
                "status",
                "can be set to active, suspended or deleted",
            ));
        }
    };
    if quantity_change.is_some() && status_change.is_some() {
        return Err(AppError::new(
            ErrorCode::QuantityWithStatusChange,
            "Change the quantity and the status in separate requests.",
        ));
    }
    changes.extend(quantity_change.map(Change::Quantity));
    changes.extend(status_change);
    Ok(changes)
}

/// Applies `changes` to the subscription read as `row` at `version`, as `user` (`actor` in the
/// activity log), all or none: 412 if it changed since, a refusal naming the rule otherwise.
#[tracing::instrument(skip_all, fields(subscription_id = %row.id))]
pub async fn change(
    db: &Db,
    now: DateTime<Utc>,
    row: &SubscriptionRow,
    (user, actor): (&User, &Actor),
    version: i64,
    changes: &[Change],
) -> AppResult<()> {
    // A suspension the partner made (for non-payment, say) is the partner's to lift.
    if changes.contains(&Change::Reactivate)
        && !may_lift_suspension(row.suspension_reason.as_deref(), user.partner_id.is_some())
    {
        return Err(AppError::new(
            ErrorCode::SuspendedByPartner,
            "Your partner suspended this subscription, so only your partner can reactivate it: contact them.",
        ));
    }

    let entitlements = subscriptions::entitlements(db, &row.id).await?;
    let active = entitlements.iter().filter(|e| e.status == SubscriptionStatus::Active).count();
    let rules = rules(row, active)?;
    for change in changes {
        rules.check(change, now).map_err(|refusal| refused(refusal, &entitlements))?;
    }

    let now_text = timestamp::to_text(now);
    let pricing = pricing(row)?;
    let mut update = Update::default();
    let mut events: Vec<Recorded> = Vec::new();
    let mut tx = begin_write(db).await?;
    for change in changes {
        let recorded = match change {
            Change::Rename(name) => {
                update.friendly_name = Some(name.trim());
                Recorded {
                    kind: EventKind::Renamed,
                    old_value: Some(row.friendly_name.clone()),
                    new_value: Some(name.trim().to_owned()),
                    amount: None,
                }
            }
            Change::Quantity(quantity) => {
                update.quantity = Some(*quantity);
                Recorded {
                    kind: EventKind::QuantityChanged,
                    old_value: Some(row.quantity.to_string()),
                    new_value: Some(quantity.to_string()),
                    amount: pricing.quantity_change(row.quantity, *quantity, now.date_naive()),
                }
            }
            Change::AutoRenew(on) => {
                update.auto_renew_enabled = Some(*on);
                Recorded {
                    kind: EventKind::AutoRenewChanged,
                    old_value: Some((!on).to_string()),
                    new_value: Some(on.to_string()),
                    amount: None,
                }
            }
            Change::Suspend => {
                update.status = Some(SubscriptionStatus::Suspended);
                update.suspension_reason = Some(if user.partner_id.is_some() {
                    PARTNER_INITIATED
                } else {
                    "CustomerInitiated"
                });
                Recorded {
                    kind: EventKind::Suspended,
                    old_value: Some(row.status.to_string()),
                    new_value: Some(SubscriptionStatus::Suspended.to_string()),
                    amount: None,
                }
            }
            Change::Reactivate => {
                update.status = Some(SubscriptionStatus::Active);
                Recorded {
                    kind: EventKind::Reactivated,
                    old_value: Some(row.status.to_string()),
                    new_value: Some(SubscriptionStatus::Active.to_string()),
                    amount: None,
                }
            }
            Change::Cancel => {
                update.status = Some(SubscriptionStatus::Deleted);
                let refund = match rules.refund_window(now) {
                    Some(refund) => {
                        let history: Vec<_> = subscriptions::events(&mut *tx, &row.id)
                            .await?
                            .iter()
                            .map(SubscriptionEvent::from)
                            .collect();
                        charged_so_far(&history).and_then(|charged| {
                            pricing.cancellation_refund(
                                refund,
                                charged,
                                row.quantity,
                                now.date_naive(),
                            )
                        })
                    }
                    None => None,
                };
                Recorded {
                    kind: EventKind::Cancelled,
                    old_value: Some(row.status.to_string()),
                    new_value: Some(SubscriptionStatus::Deleted.to_string()),
                    amount: refund,
                }
            }
        };
        events.push(recorded);
    }
    if !subscriptions::update(&mut tx, &row.id, version, &update).await? {
        return Err(stale());
    }
    if row.product_id == portal_domain::azure_stack::CAPACITY_PRODUCT_ID {
        azure_stack::expire_uncovered(&mut tx, &row.customer_id, &now_text, &user.display_name)
            .await?;
    }
    for Recorded { kind, old_value, new_value, amount } in &events {
        subscriptions::insert_event(
            &mut tx,
            &NewEvent {
                subscription_id: &row.id,
                customer_id: &row.customer_id,
                occurred_at: &now_text,
                actor_id: Some(&user.id),
                actor_name: &user.display_name,
                kind: *kind,
                old_value: old_value.as_deref(),
                new_value: new_value.as_deref(),
                amount: *amount,
                currency_code: amount.map(|_| row.currency.code),
            },
        )
        .await?;
        let entry = Entry {
            action: kind.activity(),
            customer_id: Some(&row.customer_id),
            partner_id: None,
            target_id: &row.id,
            target_name: &row.friendly_name,
            before: old_value.clone(),
            after: new_value.clone(),
        };
        activity::record(&mut tx, actor, entry, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A change as the history records it.
struct Recorded {
    kind: EventKind,
    old_value: Option<String>,
    new_value: Option<String>,
    /// The charge (+) or refund (−) it causes.
    amount: Option<Amount>,
}
