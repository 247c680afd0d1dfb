//! Microsoft Defender for IoT plans: an Azure subscription onboarded with a number of committed
//! devices, its sensors, and what it costs. The Pricing page's estimate and the server's charges
//! both come from the functions here, so they agree to the cent.
//!
//! Billing (seed 000, reference §6): a monthly plan pays from its onboarding day to the end of the
//! calendar month, prorated by day, then whole months; offboarding pays the rest of the month in
//! which it happens, which was already charged, so it neither charges nor refunds. An annual plan
//! pays its year up front on the onboarding day and on each anniversary. More devices are charged
//! prorated from the day of the change to the end of the month (monthly) or of the plan year
//! (annual); fewer devices take effect on the first day of the next month, without refund. A
//! trial covers 1,000 devices for 30 days, once per Azure subscription, and costs nothing.

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use crate::billing::{BillingCycle, BillingPeriod, prorated_to_month_end, term_end};
use crate::catalog::Availability;
use crate::envelope::{Attributes, Link};
use crate::money::{Amount, Currency};

/// The catalog's Defender for IoT product and its committed-devices SKU, whose prices (per block
/// of 1,000 devices) and maximum quantity (in blocks) a plan takes.
pub const PRODUCT_ID: &str = "DG7GMGF0DMDI";
pub const SKU_ID: &str = "0001";

/// Devices are committed in blocks of this many; a block is what the catalog prices.
pub const DEVICES_PER_BLOCK: i64 = 1_000;
/// What a trial covers.
pub const TRIAL_DEVICES: i64 = 1_000;
pub const TRIAL_DAYS: i64 = 30;
pub const SENSOR_NAME_MAX_LEN: usize = 64;

/// Why a number of committed devices is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaProblem {
    BelowMinimum {
        minimum: i64,
    },
    NotAMultiple {
        step: i64,
    },
    AboveMaximum {
        maximum: i64,
    },
    /// A trial covers exactly this many devices.
    TrialIsFixed {
        devices: i64,
    },
}

impl QuotaProblem {
    /// The API's sentence for `deviceQuota`.
    pub fn describe(self) -> String {
        match self {
            QuotaProblem::BelowMinimum { minimum } => format!("must be at least {minimum}"),
            QuotaProblem::NotAMultiple { step } => format!("must be a multiple of {step}"),
            QuotaProblem::AboveMaximum { maximum } => format!("must be at most {maximum}"),
            QuotaProblem::TrialIsFixed { devices } => format!("must be {devices} for a trial"),
        }
    }
}

/// The number of blocks `devices` stands for, when it is a number of committed devices a plan
/// may have: at least one block, whole blocks, at most `maximum_devices`.
pub fn check_device_quota(devices: i64, maximum_devices: i64) -> Result<i64, QuotaProblem> {
    if devices < DEVICES_PER_BLOCK {
        Err(QuotaProblem::BelowMinimum { minimum: DEVICES_PER_BLOCK })
    } else if devices % DEVICES_PER_BLOCK != 0 {
        Err(QuotaProblem::NotAMultiple { step: DEVICES_PER_BLOCK })
    } else if devices > maximum_devices {
        Err(QuotaProblem::AboveMaximum { maximum: maximum_devices })
    } else {
        Ok(devices / DEVICES_PER_BLOCK)
    }
}

/// The device counts the onboarding dialog offers: every whole block up to the maximum.
pub fn device_choices(maximum_devices: i64) -> impl Iterator<Item = i64> {
    (1..=maximum_devices / DEVICES_PER_BLOCK).map(|blocks| blocks * DEVICES_PER_BLOCK)
}

/// Why a sensor name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SensorNameProblem {
    Required,
    TooLong {
        max: usize,
    },
    /// Letters, digits, `-`, `_` and `.` only, starting with a letter or digit.
    InvalidCharacters,
}

impl SensorNameProblem {
    pub fn describe(self) -> String {
        match self {
            SensorNameProblem::Required => "is required".into(),
            SensorNameProblem::TooLong { max } => format!("must be at most {max} characters"),
            SensorNameProblem::InvalidCharacters => "may hold only letters, digits, '-', '_' and '.', and must start with a letter or digit".into(),
        }
    }
}

/// A sensor's name, trimmed, as Azure accepts it for an on-premises sensor resource.
pub fn check_sensor_name(name: &str) -> Result<&str, SensorNameProblem> {
    let name = name.trim();
    let mut chars = name.chars();
    match chars.next() {
        None => Err(SensorNameProblem::Required),
        _ if name.chars().count() > SENSOR_NAME_MAX_LEN => {
            Err(SensorNameProblem::TooLong { max: SENSOR_NAME_MAX_LEN })
        }
        Some(first)
            if first.is_ascii_alphanumeric()
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) =>
        {
            Ok(name)
        }
        _ => Err(SensorNameProblem::InvalidCharacters),
    }
}

/// What a plan is billed: the price of one block of devices for one billing cycle (a month, or a
/// year when billed annually), in the customer's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanPrice {
    pub block_price: Amount,
    pub cycle: BillingCycle,
    pub currency: Currency,
}

/// A plan's price in the customer's country, from the committed-devices availability; `None` for
/// a cycle it is not sold with.
pub fn plan_price(offer: &Availability, cycle: BillingCycle) -> Option<PlanPrice> {
    if cycle == BillingCycle::None {
        return None;
    }
    let price = offer.price(None, cycle)?;
    let currency = Currency::from_code(&offer.default_currency.code)?;
    Some(PlanPrice { block_price: price.unit_price, cycle, currency })
}

/// What onboarding on a day costs: the first charge, the days it covers, and what each following
/// month (or year) costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnboardingCost {
    pub first_charge: Amount,
    pub first_from: NaiveDate,
    /// The last day the first charge covers, included.
    pub first_to: NaiveDate,
    pub recurring: Amount,
}

/// The cost of onboarding `devices` on `day`; a trial costs nothing for its 30 days.
pub fn onboarding_cost(
    price: PlanPrice,
    devices: i64,
    is_trial: bool,
    day: NaiveDate,
) -> Option<OnboardingCost> {
    let blocks = devices / DEVICES_PER_BLOCK;
    if is_trial {
        return Some(OnboardingCost {
            first_charge: Amount::ZERO,
            first_from: day,
            first_to: trial_end(day)?,
            recurring: Amount::ZERO,
        });
    }
    let whole = price.block_price.mul_div_round(blocks, 1, price.currency)?;
    match price.cycle {
        BillingCycle::Annual => Some(OnboardingCost {
            first_charge: whole,
            first_from: day,
            first_to: term_end(day, 12)?,
            recurring: whole,
        }),
        _ => Some(OnboardingCost {
            first_charge: prorated_to_month_end(price.block_price, blocks, day, price.currency)?,
            first_from: day,
            first_to: BillingPeriod::containing(day).end,
            recurring: whole,
        }),
    }
}

/// The last day of a trial that starts on `day`, included.
pub fn trial_end(day: NaiveDate) -> Option<NaiveDate> {
    day.checked_add_signed(TimeDelta::days(TRIAL_DAYS - 1))
}

/// The plan year of an annual plan onboarded on `start` that contains `day`: its first and last
/// days.
fn plan_year(start: NaiveDate, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let mut from = start;
    loop {
        let to = term_end(from, 12)?;
        if day <= to {
            return Some((from, to));
        }
        from = to.succ_opt()?;
    }
}

/// What going from `old_devices` to `new_devices` on `day` charges now: more devices are charged
/// prorated by day to the end of the month (monthly) or of the plan year (annual); fewer devices
/// charge nothing and apply from `decrease_takes_effect(day)`.
pub fn change_charge(
    price: PlanPrice,
    onboarded_on: NaiveDate,
    old_devices: i64,
    new_devices: i64,
    day: NaiveDate,
) -> Option<Amount> {
    let added = (new_devices - old_devices) / DEVICES_PER_BLOCK;
    if added <= 0 {
        return Some(Amount::ZERO);
    }
    match price.cycle {
        BillingCycle::Annual => {
            let (from, to) = plan_year(onboarded_on, day)?;
            let year_days = (to - from).num_days() + 1;
            let days_left = (to - day).num_days() + 1;
            price.block_price.mul_div_round(
                added.checked_mul(days_left)?,
                year_days,
                price.currency,
            )
        }
        _ => prorated_to_month_end(price.block_price, added, day, price.currency),
    }
}

/// What changing a plan's committed devices on `day` does, to state before it is made. The
/// charge is [`change_charge`]'s, the one the server records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DevicesChange {
    /// Charged now for the devices added, prorated to `charged_to`; zero for a decrease.
    pub charge_now: Amount,
    /// The last day that charge covers: the month's end, or the plan year's (annual).
    pub charged_to: NaiveDate,
    /// The first day the plan is billed for the new number of devices.
    pub takes_effect: NaiveDate,
    /// Each following month's charge (each year's, annual) for the new number of devices.
    pub recurring: Amount,
}

/// Going from `billed_now` devices to `new_devices` on `day`, for a plan onboarded on
/// `onboarded_on`: more devices count from today, fewer from [`decrease_takes_effect`].
pub fn devices_change(
    price: PlanPrice,
    onboarded_on: NaiveDate,
    billed_now: i64,
    new_devices: i64,
    day: NaiveDate,
) -> Option<DevicesChange> {
    let charged_to = match price.cycle {
        BillingCycle::Annual => plan_year(onboarded_on, day)?.1,
        _ => BillingPeriod::containing(day).end,
    };
    Some(DevicesChange {
        charge_now: change_charge(price, onboarded_on, billed_now, new_devices, day)?,
        charged_to,
        takes_effect: if new_devices < billed_now { decrease_takes_effect(day) } else { day },
        recurring: price.block_price.mul_div_round(
            new_devices / DEVICES_PER_BLOCK,
            1,
            price.currency,
        )?,
    })
}

/// The day a decrease of committed devices made on `day` takes effect: the next month's first.
pub fn decrease_takes_effect(day: NaiveDate) -> NaiveDate {
    BillingPeriod::containing(day).next().start
}

/// A change of committed devices, as the plan's history records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaChange {
    pub on: NaiveDate,
    pub old_devices: i64,
    pub new_devices: i64,
}

/// A plan's history, which is all its charges depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFacts {
    pub price: PlanPrice,
    pub is_trial: bool,
    pub onboarded_on: NaiveDate,
    pub initial_devices: i64,
    /// In the order they were made.
    pub changes: Vec<QuotaChange>,
    pub offboarded_on: Option<NaiveDate>,
}

impl PlanFacts {
    /// The devices billed on `day`: increases count from their day, decreases from the next
    /// month.
    pub fn devices_on(&self, day: NaiveDate) -> i64 {
        self.devices_counting(&self.changes, day)
    }

    /// The devices a month's (or plan year's) charge starting on `day` bills: those of changes
    /// made before it. An increase made on that day is charged on its own (`change_charge`, from
    /// that day to the period's end); counting it here as well billed it twice.
    fn devices_charged_from(&self, day: NaiveDate) -> i64 {
        // `changes` are in the order they were made, so by day.
        let made_before = self.changes.partition_point(|change| change.on < day);
        self.devices_counting(&self.changes[..made_before], day)
    }

    /// [`devices_on`](Self::devices_on) `day` as if only `changes` had been made.
    fn devices_counting(&self, changes: &[QuotaChange], day: NaiveDate) -> i64 {
        let mut devices = self.initial_devices;
        for change in changes {
            let effective = if change.new_devices >= change.old_devices {
                change.on
            } else {
                decrease_takes_effect(change.on)
            };
            if effective <= day {
                devices = change.new_devices;
            }
        }
        devices
    }

    /// Whether the plan is onboarded on `day` (the offboarding day itself is its last).
    fn is_on(&self, day: NaiveDate) -> bool {
        self.onboarded_on <= day && self.offboarded_on.is_none_or(|off| day <= off)
    }

    /// Everything the plan is charged in the billing period: the month's (or year's) charge
    /// falling in it and the increases made in it. This is "this month's charge".
    pub fn charge_for(&self, period: BillingPeriod) -> Option<Amount> {
        if self.is_trial {
            return Some(Amount::ZERO);
        }
        let mut total = Amount::ZERO;
        let base = match self.price.cycle {
            BillingCycle::Annual => {
                // The onboarding day and each anniversary that falls in the period.
                let mut charged = Amount::ZERO;
                let mut from = self.onboarded_on;
                while from <= period.end {
                    if from >= period.start && self.is_on(from) {
                        let blocks = self.devices_charged_from(from) / DEVICES_PER_BLOCK;
                        let year =
                            self.price.block_price.mul_div_round(blocks, 1, self.price.currency)?;
                        charged = charged.checked_add(year)?;
                    }
                    from = term_end(from, 12)?.succ_opt()?;
                }
                charged
            }
            _ if BillingPeriod::containing(self.onboarded_on) == period => {
                onboarding_cost(self.price, self.initial_devices, false, self.onboarded_on)?
                    .first_charge
            }
            _ if self.is_on(period.start) => {
                let blocks = self.devices_charged_from(period.start) / DEVICES_PER_BLOCK;
                self.price.block_price.mul_div_round(blocks, 1, self.price.currency)?
            }
            _ => Amount::ZERO,
        };
        total = total.checked_add(base)?;
        for change in &self.changes {
            if period.start <= change.on && change.on <= period.end {
                let charge = change_charge(
                    self.price,
                    self.onboarded_on,
                    change.old_devices,
                    change.new_devices,
                    change.on,
                )?;
                total = total.checked_add(charge)?;
            }
        }
        Some(total)
    }
}

/// An amount with its currency, as Partner Center writes prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Charge {
    pub amount: Amount,
    pub currency_code: String,
}

impl Charge {
    pub fn new(amount: Amount, currency: Currency) -> Self {
        Self { amount, currency_code: currency.code.to_owned() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DefenderPlanStatus {
    Active,
    /// A trial past its 30 days: offboard it, then onboard a paid plan.
    Expired,
    /// Offboarded this month: still billed for the month, shown until it ends.
    Offboarded,
}

crate::spelled!(DefenderPlanStatus {
    Active => "active",
    Expired => "expired",
    Offboarded => "offboarded",
});

/// `DefenderPlan` (our extension): one Azure subscription onboarded to Defender for IoT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DefenderPlan {
    /// The Azure subscription (an AzureEntitlement of the customer's Azure plan).
    pub subscription_id: String,
    pub subscription_name: String,
    /// Committed devices billed now.
    pub device_quota: i64,
    /// A decrease waiting for the next month, and the day it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_device_quota: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_device_quota_date: Option<String>,
    pub billing_cycle: BillingCycle,
    pub is_trial: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial_end_date: Option<String>,
    pub status: DefenderPlanStatus,
    pub onboarded_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offboarded_at: Option<String>,
    pub sensor_count: i64,
    pub current_period_charge: Charge,
    pub links: DefenderPlanLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DefenderPlanLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
    pub sensors: Link,
}

/// `POST …/defenderplans`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "subscriptionId": "c0a2e5b1-7d3f-4e6a-9b8c-000000000002",
    "deviceQuota": 1000,
    "billingCycle": "monthly"
}))))]
#[serde(rename_all = "camelCase")]
pub struct NewDefenderPlan {
    pub subscription_id: String,
    pub device_quota: i64,
    pub billing_cycle: BillingCycle,
    #[serde(default)]
    pub is_trial: bool,
}

/// `PATCH …/defenderplans/{subscriptionId}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({"deviceQuota": 2000}))))]
#[serde(rename_all = "camelCase")]
pub struct DefenderPlanPatch {
    pub device_quota: i64,
}

/// An on-premises sensor attached to an onboarded Azure subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Sensor {
    pub name: String,
    pub subscription_id: String,
    pub created_at: String,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({"name": "warehouse-dock-03"}))))]
#[serde(rename_all = "camelCase")]
pub struct NewSensor {
    pub name: String,
}

/// `GET …/defenderplans/estimate`: what onboarding today costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DefenderEstimate {
    pub device_quota: i64,
    pub billing_cycle: BillingCycle,
    pub is_trial: bool,
    pub first_charge: Charge,
    pub first_period_start: String,
    pub first_period_end: String,
    /// Each following month, or year for an annual plan.
    pub recurring_charge: Charge,
    pub attributes: Attributes,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::day;

    fn eur(text: &str) -> Amount {
        text.parse().unwrap()
    }

    const MONTHLY: PlanPrice = PlanPrice {
        block_price: Amount::from_ten_thousandths(2_750_000),
        cycle: BillingCycle::Monthly,
        currency: Currency::EUR,
    };
    const ANNUAL: PlanPrice = PlanPrice {
        block_price: Amount::from_ten_thousandths(30_000_000),
        cycle: BillingCycle::Annual,
        currency: Currency::EUR,
    };

    fn plan(price: PlanPrice, on: NaiveDate, devices: i64) -> PlanFacts {
        PlanFacts {
            price,
            is_trial: false,
            onboarded_on: on,
            initial_devices: devices,
            changes: Vec::new(),
            offboarded_on: None,
        }
    }

    fn month(day: NaiveDate) -> BillingPeriod {
        BillingPeriod::containing(day)
    }

    #[test]
    fn device_quotas_are_whole_blocks_within_the_maximum() {
        assert_eq!(check_device_quota(2_000, 100_000), Ok(2));
        assert_eq!(check_device_quota(100_000, 100_000), Ok(100));
        assert_eq!(
            check_device_quota(999, 100_000),
            Err(QuotaProblem::BelowMinimum { minimum: 1_000 })
        );
        assert_eq!(
            check_device_quota(0, 100_000),
            Err(QuotaProblem::BelowMinimum { minimum: 1_000 })
        );
        assert_eq!(
            check_device_quota(-1_000, 100_000),
            Err(QuotaProblem::BelowMinimum { minimum: 1_000 })
        );
        assert_eq!(
            check_device_quota(1_500, 100_000),
            Err(QuotaProblem::NotAMultiple { step: 1_000 })
        );
        assert_eq!(
            check_device_quota(101_000, 100_000),
            Err(QuotaProblem::AboveMaximum { maximum: 100_000 })
        );
        assert_eq!(device_choices(3_000).collect::<Vec<_>>(), [1_000, 2_000, 3_000]);
    }

    #[test]
    fn sensor_names_follow_azure_resource_names() {
        assert_eq!(check_sensor_name("  plant-floor_1.a "), Ok("plant-floor_1.a"));
        assert_eq!(check_sensor_name("   "), Err(SensorNameProblem::Required));
        assert_eq!(check_sensor_name("-leading"), Err(SensorNameProblem::InvalidCharacters));
        assert_eq!(check_sensor_name("with space"), Err(SensorNameProblem::InvalidCharacters));
        assert_eq!(check_sensor_name("capteur-été"), Err(SensorNameProblem::InvalidCharacters));
        assert_eq!(check_sensor_name(&"s".repeat(64)), Ok("s".repeat(64).as_str()));
        assert_eq!(check_sensor_name(&"s".repeat(65)), Err(SensorNameProblem::TooLong { max: 64 }));
    }

    #[test]
    fn onboarding_pays_to_the_end_of_the_month_then_whole_months() {
        // 2 blocks at 275 € from 12 November: 19 of 30 days of 550 € = 348.33 €.
        let cost = onboarding_cost(MONTHLY, 2_000, false, day("2026-11-12")).unwrap();
        assert_eq!(cost.first_charge, eur("348.33"));
        assert_eq!((cost.first_from, cost.first_to), (day("2026-11-12"), day("2026-11-30")));
        assert_eq!(cost.recurring, eur("550"));
        // The first day of the month pays the whole month; the last day pays one day.
        assert_eq!(
            onboarding_cost(MONTHLY, 1_000, false, day("2026-12-01")).unwrap().first_charge,
            eur("275")
        );
        assert_eq!(
            onboarding_cost(MONTHLY, 1_000, false, day("2026-12-31")).unwrap().first_charge,
            eur("8.87")
        );
    }

    #[test]
    fn february_prorates_over_its_own_days() {
        // 28 days in 2027: from the 15th, 14 days of 275 € = 137.50 €.
        assert_eq!(
            onboarding_cost(MONTHLY, 1_000, false, day("2027-02-15")).unwrap().first_charge,
            eur("137.5")
        );
        // 29 days in 2028: the 29th is one day, 275 / 29 = 9.4827… → 9.48.
        let leap = onboarding_cost(MONTHLY, 1_000, false, day("2028-02-29")).unwrap();
        assert_eq!((leap.first_charge, leap.first_to), (eur("9.48"), day("2028-02-29")));
    }

    #[test]
    fn annual_plans_pay_the_year_up_front_and_trials_nothing() {
        let cost = onboarding_cost(ANNUAL, 3_000, false, day("2026-11-21")).unwrap();
        assert_eq!((cost.first_charge, cost.first_to), (eur("9000"), day("2027-11-20")));
        let trial = onboarding_cost(MONTHLY, 1_000, true, day("2026-11-21")).unwrap();
        assert_eq!((trial.first_charge, trial.first_to), (Amount::ZERO, day("2026-12-20")));
        let mut facts = plan(MONTHLY, day("2026-11-21"), 1_000);
        facts.is_trial = true;
        assert_eq!(facts.charge_for(month(day("2026-12-01"))), Some(Amount::ZERO));
    }

    #[test]
    fn this_months_charge_is_the_onboarding_charge_then_whole_months() {
        let facts = plan(MONTHLY, day("2026-11-12"), 2_000);
        let onboarding = onboarding_cost(MONTHLY, 2_000, false, day("2026-11-12")).unwrap();
        assert_eq!(facts.charge_for(month(day("2026-11-30"))), Some(onboarding.first_charge));
        assert_eq!(facts.charge_for(month(day("2026-12-01"))), Some(eur("550")));
        assert_eq!(facts.charge_for(month(day("2026-10-31"))), Some(Amount::ZERO));
    }

    #[test]
    fn a_mid_month_increase_is_prorated_and_a_decrease_waits_for_next_month() {
        let mut facts = plan(MONTHLY, day("2026-11-01"), 2_000);
        // +1 block on 21 November: 10 of 30 days of 275 € = 91.67 €.
        assert_eq!(
            change_charge(MONTHLY, facts.onboarded_on, 2_000, 3_000, day("2026-11-21")),
            Some(eur("91.67"))
        );
        facts.changes.push(QuotaChange {
            on: day("2026-11-21"),
            old_devices: 2_000,
            new_devices: 3_000,
        });
        assert_eq!(facts.charge_for(month(day("2026-11-01"))), Some(eur("641.67")));
        assert_eq!(facts.devices_on(day("2026-11-21")), 3_000);
        // −2 blocks on 10 December: nothing now; January bills 1 block.
        assert_eq!(
            change_charge(MONTHLY, facts.onboarded_on, 3_000, 1_000, day("2026-12-10")),
            Some(Amount::ZERO)
        );
        assert_eq!(decrease_takes_effect(day("2026-12-10")), day("2027-01-01"));
        facts.changes.push(QuotaChange {
            on: day("2026-12-10"),
            old_devices: 3_000,
            new_devices: 1_000,
        });
        assert_eq!(facts.devices_on(day("2026-12-31")), 3_000);
        assert_eq!(facts.charge_for(month(day("2026-12-01"))), Some(eur("825")));
        assert_eq!(facts.charge_for(month(day("2027-01-01"))), Some(eur("275")));
    }

    #[test]
    fn an_increase_on_the_first_day_of_a_month_is_charged_once() {
        let mut facts = plan(MONTHLY, day("2026-10-05"), 5_000);
        assert_eq!(facts.charge_for(month(day("2026-12-01"))), Some(eur("1375")));
        // +1 block on 1 December: the whole month of it, 275 €, on top of December's 5 blocks.
        facts.changes.push(QuotaChange {
            on: day("2026-12-01"),
            old_devices: 5_000,
            new_devices: 6_000,
        });
        assert_eq!(facts.charge_for(month(day("2026-12-01"))), Some(eur("1650")));
        assert_eq!(facts.devices_on(day("2026-12-01")), 6_000);
        assert_eq!(facts.charge_for(month(day("2027-01-01"))), Some(eur("1650")));
    }

    #[test]
    fn an_annual_increase_is_prorated_over_the_rest_of_the_plan_year() {
        // Year from 21 Nov 2026 to 20 Nov 2027 (365 days); +1 block on 21 May 2027: 184 days left.
        let charge = change_charge(ANNUAL, day("2026-11-21"), 1_000, 2_000, day("2027-05-21"));
        // 3000 × 184 / 365 = 1512.3287… → 1512.33.
        assert_eq!(charge, Some(eur("1512.33")));
        let mut facts = plan(ANNUAL, day("2026-11-21"), 1_000);
        facts.changes.push(QuotaChange {
            on: day("2027-05-21"),
            old_devices: 1_000,
            new_devices: 2_000,
        });
        assert_eq!(facts.charge_for(month(day("2026-11-21"))), Some(eur("3000")));
        assert_eq!(facts.charge_for(month(day("2027-01-01"))), Some(Amount::ZERO));
        assert_eq!(facts.charge_for(month(day("2027-05-01"))), Some(eur("1512.33")));
        // The anniversary bills the year for the devices committed then.
        assert_eq!(facts.charge_for(month(day("2027-11-01"))), Some(eur("6000")));
    }

    #[test]
    fn a_devices_change_says_what_it_charges_until_when_and_from_when_it_applies() {
        let more = devices_change(MONTHLY, day("2026-11-01"), 2_000, 3_000, day("2026-11-21"));
        assert_eq!(
            more,
            Some(DevicesChange {
                charge_now: eur("91.67"),
                charged_to: day("2026-11-30"),
                takes_effect: day("2026-11-21"),
                recurring: eur("825"),
            })
        );
        let fewer = devices_change(MONTHLY, day("2026-11-01"), 3_000, 1_000, day("2026-12-10"));
        assert_eq!(
            fewer.map(|c| (c.charge_now, c.takes_effect, c.recurring)),
            Some((Amount::ZERO, day("2027-01-01"), eur("275")))
        );
        let annual = devices_change(ANNUAL, day("2026-11-21"), 1_000, 2_000, day("2027-05-21"));
        assert_eq!(
            annual.map(|c| (c.charge_now, c.charged_to, c.recurring)),
            Some((eur("1512.33"), day("2027-11-20"), eur("6000")))
        );
    }

    #[test]
    fn offboarding_bills_the_rest_of_its_month_and_nothing_after() {
        let mut facts = plan(MONTHLY, day("2026-10-05"), 1_000);
        facts.offboarded_on = Some(day("2026-11-30"));
        // Offboarded on the last day: November is billed in full, December not at all.
        assert_eq!(facts.charge_for(month(day("2026-11-01"))), Some(eur("275")));
        assert_eq!(facts.charge_for(month(day("2026-12-01"))), Some(Amount::ZERO));
        // Offboarded the day it was onboarded: that month's charge stands, no refund.
        let mut same_day = plan(MONTHLY, day("2026-11-12"), 2_000);
        same_day.offboarded_on = Some(day("2026-11-12"));
        assert_eq!(same_day.charge_for(month(day("2026-11-12"))), Some(eur("348.33")));
    }
}
