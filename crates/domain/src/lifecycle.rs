//! What can happen to a subscription, and what it costs. The server enforces these rules and the
//! browser shows them (which actions exist now, what a change will charge or refund), from this
//! one place, so the dialog's estimate is what the server records.
//!
//! Refunds: a licence subscription can be cancelled with a full refund within 72 hours of its
//! purchase and a prorated refund within 7 days; after that it runs to the end of its term
//! (auto-renew off instead). Quantity increases are charged prorated from the day of the change;
//! decreases are allowed only inside the refund window and refund the rest of the period.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::billing::{BillingCycle, BillingPeriod, term_end};
use crate::error::ErrorCode;
use crate::money::{Amount, Currency};

/// Where a subscription is in its life (Partner Center `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    /// Ordered, not provisioned yet.
    Pending,
    Active,
    Suspended,
    Deleted,
}

crate::spelled!(SubscriptionStatus {
    Pending => "pending",
    Active => "active",
    Suspended => "suspended",
    Deleted => "deleted",
});

pub const FULL_REFUND_WINDOW: TimeDelta = TimeDelta::hours(72);
pub const PARTIAL_REFUND_WINDOW: TimeDelta = TimeDelta::days(7);

/// An action a subscription allows now (`Subscription.actions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionAction {
    Rename,
    ChangeAutoRenew,
    IncreaseQuantity,
    DecreaseQuantity,
    Suspend,
    Reactivate,
    Cancel,
    AddAzureSubscription,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum RefundType {
    Full,
    Partial,
}

/// What kind of subscription, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Charged per unit for a term (licences, devices, cores), or a free trial.
    Licence { is_trial: bool, has_term: bool },
    /// Usage-based, with the number of its Azure subscriptions that are active.
    AzurePlan { active_azure_subscriptions: usize },
}

/// A requested change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Rename(String),
    Quantity(i64),
    AutoRenew(bool),
    Suspend,
    Reactivate,
    Cancel,
}

/// Why a change is refused; each has its Partner Center code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Deleted,
    StillProvisioning,
    Suspended,
    AzurePlanCannotBeReactivated,
    NotSuspended,
    AlreadySuspended,
    QuantityNotChangeable,
    QuantityOutOfRange { minimum: i64, maximum: i64 },
    DecreaseOutsideRefundWindow,
    CancelOutsideRefundWindow,
    AzurePlanCannotBeCancelled,
    AutoRenewNotApplicable,
    NameRequired,
    NameTooLong { max: usize },
    AzurePlanHasActiveSubscriptions { count: usize },
}

pub const NAME_MAX_LEN: usize = 100;

impl Refusal {
    pub fn code(&self) -> ErrorCode {
        match self {
            Refusal::Deleted => ErrorCode::DeletedCannotChange,
            Refusal::StillProvisioning => ErrorCode::OrderInProgress,
            Refusal::Suspended => ErrorCode::SuspendedCannotChange,
            Refusal::QuantityNotChangeable => ErrorCode::QuantityNotChangeable,
            Refusal::QuantityOutOfRange { .. } => ErrorCode::QuantityOutOfRange,
            Refusal::DecreaseOutsideRefundWindow => ErrorCode::QuantityCannotDecrease,
            Refusal::NameRequired | Refusal::NameTooLong { .. } => ErrorCode::InvalidInput,
            Refusal::AzurePlanHasActiveSubscriptions { .. } => {
                ErrorCode::AzurePlanHasActiveSubscriptions
            }
            Refusal::AzurePlanCannotBeReactivated
            | Refusal::NotSuspended
            | Refusal::AlreadySuspended
            | Refusal::CancelOutsideRefundWindow
            | Refusal::AzurePlanCannotBeCancelled
            | Refusal::AutoRenewNotApplicable => ErrorCode::ChangeRefused,
        }
    }

    /// The server's wording; the browser words the refusal itself.
    pub fn english(&self) -> String {
        match self {
            Refusal::Deleted => "This subscription is cancelled; it cannot be changed.".into(),
            Refusal::StillProvisioning => "This subscription is still being provisioned; try again in a minute.".into(),
            Refusal::Suspended => "This subscription is suspended: reactivate it before changing it.".into(),
            Refusal::AzurePlanCannotBeReactivated => "A suspended Azure plan cannot be reactivated; buy a new Azure plan instead.".into(),
            Refusal::NotSuspended => "Only a suspended subscription can be reactivated.".into(),
            Refusal::AlreadySuspended => "This subscription is already suspended.".into(),
            Refusal::QuantityNotChangeable => "The quantity of a usage-based subscription cannot be changed.".into(),
            Refusal::QuantityOutOfRange { minimum, maximum } => format!("The quantity must be from {minimum} to {maximum}."),
            Refusal::DecreaseOutsideRefundWindow => "The quantity can only be decreased within 7 days of the purchase; turn auto-renew off to stop at the end of the term.".into(),
            Refusal::CancelOutsideRefundWindow => "The subscription can no longer be cancelled before its term ends (the 7-day refund window has passed); turn auto-renew off so it stops at the end of the term.".into(),
            Refusal::AzurePlanCannotBeCancelled => "An Azure plan is not cancelled; suspend it once its Azure subscriptions are cancelled.".into(),
            Refusal::AutoRenewNotApplicable => "This subscription has no term to renew.".into(),
            Refusal::NameRequired => "The name is required.".into(),
            Refusal::NameTooLong { max } => format!("The name must be at most {max} characters."),
            Refusal::AzurePlanHasActiveSubscriptions { count } => format!(
                "The Azure plan still has {count} active Azure subscription(s); cancel them before suspending the plan."
            ),
        }
    }
}

/// A name for a subscription or an Azure subscription, trimmed, or why it is refused.
pub fn check_name(name: &str) -> Result<&str, Refusal> {
    let name = name.trim();
    if name.is_empty() {
        Err(Refusal::NameRequired)
    } else if name.chars().count() > NAME_MAX_LEN {
        Err(Refusal::NameTooLong { max: NAME_MAX_LEN })
    } else {
        Ok(name)
    }
}

/// The facts the rules need about one subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifecycle {
    pub status: SubscriptionStatus,
    pub kind: Kind,
    pub created_at: DateTime<Utc>,
    pub quantity: i64,
    pub minimum_quantity: i64,
    pub maximum_quantity: i64,
}

impl Lifecycle {
    fn is_licence(&self) -> bool {
        matches!(self.kind, Kind::Licence { is_trial: false, .. })
    }

    /// Which refund a cancellation would get now; trials and plans have none.
    pub fn refund_window(&self, now: DateTime<Utc>) -> Option<RefundType> {
        if !self.is_licence() {
            return None;
        }
        let age = now - self.created_at;
        if age <= FULL_REFUND_WINDOW {
            Some(RefundType::Full)
        } else if age <= PARTIAL_REFUND_WINDOW {
            Some(RefundType::Partial)
        } else {
            None
        }
    }

    /// The refund options still open now, each with when it ends (`Subscription.refundOptions`).
    pub fn refund_options(&self, now: DateTime<Utc>) -> Vec<(RefundType, DateTime<Utc>)> {
        if !self.is_licence() || self.status != SubscriptionStatus::Active {
            return Vec::new();
        }
        [
            (RefundType::Full, self.created_at + FULL_REFUND_WINDOW),
            (RefundType::Partial, self.created_at + PARTIAL_REFUND_WINDOW),
        ]
        .into_iter()
        .filter(|(_, until)| now <= *until)
        .collect()
    }

    /// Until when a cancellation is possible, for licences still inside the window.
    pub fn cancellation_allowed_until(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.refund_options(now).last().map(|(_, until)| *until)
    }

    /// The actions allowed now.
    pub fn actions(&self, now: DateTime<Utc>) -> Vec<SubscriptionAction> {
        let candidates = [
            (SubscriptionAction::Rename, Change::Rename("x".into())),
            (SubscriptionAction::ChangeAutoRenew, Change::AutoRenew(true)),
            (SubscriptionAction::IncreaseQuantity, Change::Quantity(self.quantity + 1)),
            (SubscriptionAction::DecreaseQuantity, Change::Quantity(self.quantity - 1)),
            (SubscriptionAction::Suspend, Change::Suspend),
            (SubscriptionAction::Reactivate, Change::Reactivate),
            (SubscriptionAction::Cancel, Change::Cancel),
        ];
        let mut allowed: Vec<_> = candidates
            .into_iter()
            .filter(|(_, change)| self.check(change, now).is_ok())
            .map(|(action, _)| action)
            .collect();
        if matches!(self.kind, Kind::AzurePlan { .. }) && self.status == SubscriptionStatus::Active
        {
            allowed.push(SubscriptionAction::AddAzureSubscription);
        }
        allowed
    }

    /// Whether `change` is allowed now, and if not, why.
    pub fn check(&self, change: &Change, now: DateTime<Utc>) -> Result<(), Refusal> {
        match self.status {
            SubscriptionStatus::Deleted => return Err(Refusal::Deleted),
            SubscriptionStatus::Pending => return Err(Refusal::StillProvisioning),
            SubscriptionStatus::Suspended => {
                return match (change, self.kind) {
                    (Change::Reactivate, Kind::AzurePlan { .. }) => {
                        Err(Refusal::AzurePlanCannotBeReactivated)
                    }
                    (Change::Reactivate, _) => Ok(()),
                    (Change::Suspend, _) => Err(Refusal::AlreadySuspended),
                    _ => Err(Refusal::Suspended),
                };
            }
            SubscriptionStatus::Active => {}
        }
        match change {
            Change::Rename(name) => check_name(name).map(|_| ()),
            Change::AutoRenew(_) => match self.kind {
                Kind::Licence { is_trial: false, has_term: true } => Ok(()),
                _ => Err(Refusal::AutoRenewNotApplicable),
            },
            Change::Quantity(quantity) => {
                if !self.is_licence() {
                    return Err(Refusal::QuantityNotChangeable);
                }
                if *quantity < self.minimum_quantity || *quantity > self.maximum_quantity {
                    return Err(Refusal::QuantityOutOfRange {
                        minimum: self.minimum_quantity,
                        maximum: self.maximum_quantity,
                    });
                }
                if *quantity < self.quantity && self.refund_window(now).is_none() {
                    return Err(Refusal::DecreaseOutsideRefundWindow);
                }
                Ok(())
            }
            Change::Suspend => match self.kind {
                Kind::AzurePlan { active_azure_subscriptions }
                    if active_azure_subscriptions > 0 =>
                {
                    Err(Refusal::AzurePlanHasActiveSubscriptions {
                        count: active_azure_subscriptions,
                    })
                }
                _ => Ok(()),
            },
            Change::Reactivate => Err(Refusal::NotSuspended),
            Change::Cancel => match self.kind {
                Kind::AzurePlan { .. } => Err(Refusal::AzurePlanCannotBeCancelled),
                // A trial ends whenever the customer likes; it charged nothing.
                Kind::Licence { is_trial: true, .. } => Ok(()),
                Kind::Licence { .. } if self.refund_window(now).is_some() => Ok(()),
                Kind::Licence { .. } => Err(Refusal::CancelOutsideRefundWindow),
            },
        }
    }
}

/// The billing period that contains `day`: the calendar month for monthly billing, the
/// subscription year (from `start`, its effective start) for annual billing.
pub fn current_period(
    cycle: BillingCycle,
    start: NaiveDate,
    day: NaiveDate,
) -> (NaiveDate, NaiveDate) {
    match cycle {
        BillingCycle::Annual => {
            let mut from = start;
            let mut until = term_end(from, 12).unwrap_or(NaiveDate::MAX);
            while until < day {
                from = until.succ_opt().unwrap_or(NaiveDate::MAX);
                until = term_end(start, months_between(start, from) + 12).unwrap_or(NaiveDate::MAX);
            }
            (from, until)
        }
        _ => {
            let period = BillingPeriod::containing(day);
            (period.start, period.end)
        }
    }
}

fn months_between(start: NaiveDate, later: NaiveDate) -> u32 {
    let months = (later.year() - start.year()) * 12 + later.month() as i32 - start.month() as i32;
    months.max(0) as u32
}

fn days(from: NaiveDate, until: NaiveDate) -> i64 {
    (until - from).num_days() + 1
}

/// How a subscription is priced: what its charges and refunds are computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pricing {
    pub unit_price: Amount,
    pub cycle: BillingCycle,
    /// The subscription's effective start, which anchors annual billing periods.
    pub start: NaiveDate,
    pub currency: Currency,
}

impl Pricing {
    /// What changing the quantity from `from` to `to` on `day` costs: an increase is charged from
    /// that day (included) to the end of the current period; a decrease refunds the removed units
    /// from the next day. Positive is a charge, negative a refund. One rounding.
    pub fn quantity_change(&self, from: i64, to: i64, day: NaiveDate) -> Option<Amount> {
        if self.cycle == BillingCycle::None || to == from {
            return Some(Amount::ZERO);
        }
        let (period_start, period_end) = current_period(self.cycle, self.start, day);
        let length = days(period_start, period_end);
        let remaining = if to > from { days(day, period_end) } else { days(day, period_end) - 1 };
        self.unit_price.mul_div_round((to - from).checked_mul(remaining)?, length, self.currency)
    }

    /// What cancelling on `day` refunds (a negative amount): everything charged so far with a full
    /// refund; the unused rest of the current period with a partial one.
    pub fn cancellation_refund(
        &self,
        refund: RefundType,
        charged_so_far: Amount,
        quantity: i64,
        day: NaiveDate,
    ) -> Option<Amount> {
        match refund {
            RefundType::Full => Amount::ZERO.checked_sub(charged_so_far),
            RefundType::Partial => self.quantity_change(quantity, 0, day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::day;

    const BOUGHT: DateTime<Utc> =
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap().and_hms_opt(10, 0, 0).unwrap().and_utc();

    fn licence(status: SubscriptionStatus) -> Lifecycle {
        Lifecycle {
            status,
            kind: Kind::Licence { is_trial: false, has_term: true },
            created_at: BOUGHT,
            quantity: 10,
            minimum_quantity: 1,
            maximum_quantity: 300,
        }
    }

    fn plan(active: usize) -> Lifecycle {
        Lifecycle {
            status: SubscriptionStatus::Active,
            kind: Kind::AzurePlan { active_azure_subscriptions: active },
            created_at: BOUGHT,
            quantity: 1,
            minimum_quantity: 1,
            maximum_quantity: 1,
        }
    }

    #[test]
    fn refund_windows_close_at_72_hours_and_7_days() {
        let l = licence(SubscriptionStatus::Active);
        assert_eq!(l.refund_window(BOUGHT + TimeDelta::hours(72)), Some(RefundType::Full));
        assert_eq!(
            l.refund_window(BOUGHT + TimeDelta::hours(72) + TimeDelta::seconds(1)),
            Some(RefundType::Partial)
        );
        assert_eq!(l.refund_window(BOUGHT + TimeDelta::days(7)), Some(RefundType::Partial));
        assert_eq!(l.refund_window(BOUGHT + TimeDelta::days(7) + TimeDelta::seconds(1)), None);
        assert_eq!(l.refund_options(BOUGHT).len(), 2);
        assert_eq!(
            l.refund_options(BOUGHT + TimeDelta::days(4)),
            [(RefundType::Partial, BOUGHT + TimeDelta::days(7))]
        );
        assert_eq!(l.cancellation_allowed_until(BOUGHT), Some(BOUGHT + TimeDelta::days(7)));
        assert_eq!(l.cancellation_allowed_until(BOUGHT + TimeDelta::days(8)), None);
    }

    #[test]
    fn actions_follow_the_state_and_the_window() {
        use SubscriptionAction::*;
        let fresh = licence(SubscriptionStatus::Active);
        assert_eq!(
            fresh.actions(BOUGHT),
            [Rename, ChangeAutoRenew, IncreaseQuantity, DecreaseQuantity, Suspend, Cancel]
        );
        assert_eq!(
            fresh.actions(BOUGHT + TimeDelta::days(8)),
            [Rename, ChangeAutoRenew, IncreaseQuantity, Suspend]
        );
        assert_eq!(licence(SubscriptionStatus::Suspended).actions(BOUGHT), [Reactivate]);
        assert!(licence(SubscriptionStatus::Deleted).actions(BOUGHT).is_empty());
        assert!(licence(SubscriptionStatus::Pending).actions(BOUGHT).is_empty());
        assert_eq!(plan(2).actions(BOUGHT), [Rename, AddAzureSubscription]);
        assert_eq!(plan(0).actions(BOUGHT), [Rename, Suspend, AddAzureSubscription]);
    }

    #[test]
    fn every_refusal_has_its_code() {
        let now = BOUGHT + TimeDelta::days(10);
        let active = licence(SubscriptionStatus::Active);
        assert_eq!(
            active.check(&Change::Quantity(5), now),
            Err(Refusal::DecreaseOutsideRefundWindow)
        );
        assert_eq!(
            active.check(&Change::Quantity(301), now),
            Err(Refusal::QuantityOutOfRange { minimum: 1, maximum: 300 })
        );
        assert_eq!(active.check(&Change::Quantity(11), now), Ok(()));
        assert_eq!(active.check(&Change::Cancel, now), Err(Refusal::CancelOutsideRefundWindow));
        assert_eq!(active.check(&Change::Reactivate, now), Err(Refusal::NotSuspended));
        assert_eq!(active.check(&Change::Rename("  ".into()), now), Err(Refusal::NameRequired));
        assert_eq!(
            licence(SubscriptionStatus::Suspended).check(&Change::Quantity(11), now),
            Err(Refusal::Suspended)
        );
        assert_eq!(
            licence(SubscriptionStatus::Deleted).check(&Change::Rename("x".into()), now),
            Err(Refusal::Deleted)
        );
        assert_eq!(
            plan(2).check(&Change::Suspend, now),
            Err(Refusal::AzurePlanHasActiveSubscriptions { count: 2 })
        );
        assert_eq!(plan(0).check(&Change::Quantity(2), now), Err(Refusal::QuantityNotChangeable));
        let mut suspended_plan = plan(0);
        suspended_plan.status = SubscriptionStatus::Suspended;
        assert_eq!(
            suspended_plan.check(&Change::Reactivate, now),
            Err(Refusal::AzurePlanCannotBeReactivated)
        );
        assert_eq!(Refusal::DecreaseOutsideRefundWindow.code(), ErrorCode::QuantityCannotDecrease);
        assert_eq!(Refusal::Suspended.code().code(), "800091");
        assert_eq!(Refusal::AzurePlanHasActiveSubscriptions { count: 1 }.code().http_status(), 403);
    }

    #[test]
    fn a_trial_can_end_any_time_and_has_no_refund() {
        let mut trial = licence(SubscriptionStatus::Active);
        trial.kind = Kind::Licence { is_trial: true, has_term: true };
        assert_eq!(trial.check(&Change::Cancel, BOUGHT + TimeDelta::days(20)), Ok(()));
        assert!(trial.refund_options(BOUGHT).is_empty());
        assert_eq!(
            trial.check(&Change::AutoRenew(true), BOUGHT),
            Err(Refusal::AutoRenewNotApplicable)
        );
    }

    fn pricing(price: &str, cycle: BillingCycle, start: NaiveDate) -> Pricing {
        Pricing { unit_price: price.parse().unwrap(), cycle, start, currency: Currency::EUR }
    }

    #[test]
    fn increases_are_charged_from_the_day_of_the_change() {
        let monthly = pricing("30", BillingCycle::Monthly, day("2026-11-01"));
        // 21 November (30-day month): 10 days of 5 more units = 30 × 5 × 10/30 = 50.
        assert_eq!(monthly.quantity_change(10, 15, day("2026-11-21")), Some("50".parse().unwrap()));
        // A decrease refunds from the next day: 9 days of 2 units = -18.
        assert_eq!(monthly.quantity_change(10, 8, day("2026-11-21")), Some("-18".parse().unwrap()));
        // Annual from 1 March 2026: the subscription year runs to 28 February 2027 (365 days);
        // from 1 December, 90 days remain. 365 × 1 unit × 90/365 = 90.
        let annual = pricing("365", BillingCycle::Annual, day("2026-03-01"));
        assert_eq!(annual.quantity_change(1, 2, day("2026-12-01")), Some("90".parse().unwrap()));
        // Trials charge nothing.
        let trial = pricing("0", BillingCycle::None, day("2026-11-01"));
        assert_eq!(trial.quantity_change(1, 2, day("2026-11-21")), Some(Amount::ZERO));
    }

    #[test]
    fn cancellation_refunds() {
        let monthly = pricing("30", BillingCycle::Monthly, day("2026-11-21"));
        let full = monthly.cancellation_refund(
            RefundType::Full,
            "123.45".parse().unwrap(),
            10,
            day("2026-11-22"),
        );
        assert_eq!(full, Some("-123.45".parse().unwrap()));
        // Partial on the 25th: 5 days of 30 left, 10 units at 30 = -50.
        let partial =
            monthly.cancellation_refund(RefundType::Partial, Amount::ZERO, 10, day("2026-11-25"));
        assert_eq!(partial, Some("-50".parse().unwrap()));
    }

    #[test]
    fn subscription_years_follow_the_start_date() {
        assert_eq!(
            current_period(BillingCycle::Annual, day("2026-11-21"), day("2026-11-21")),
            (day("2026-11-21"), day("2027-11-20"))
        );
        assert_eq!(
            current_period(BillingCycle::Annual, day("2026-11-21"), day("2028-01-10")),
            (day("2027-11-21"), day("2028-11-20"))
        );
        assert_eq!(
            current_period(BillingCycle::Monthly, day("2026-11-21"), day("2027-02-10")),
            (day("2027-02-01"), day("2027-02-28"))
        );
    }
}
