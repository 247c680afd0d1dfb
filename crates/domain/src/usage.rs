//! Azure usage: the records meters send (our extension `POST /v1/usage/records`), the rule that
//! rates them, and the API keys that senders authenticate with.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::billing::parse_day;
use crate::envelope::Attributes;
use crate::money::{Amount, Currency};
use crate::validation::{Violation, check_text};

/// The most records one request may carry.
pub const MAX_BATCH: usize = 5_000;
/// Record ids, names and resource texts are at most this long.
pub const TEXT_MAX_LEN: usize = 200;
/// How far back a usage date may be: usage older than this belongs to a closed period.
pub const MAX_AGE_DAYS: i64 = 400;
/// The largest quantity one record may carry: a billion units (hours, GB, transactions) of one
/// meter for one resource in one day is far beyond any real meter, and bounds every sum.
pub const MAX_QUANTITY: Amount = Amount::from_ten_thousandths(1_000_000_000 * 10_000);
/// The most one record may cost: ten million in the customer's currency. With at most
/// [`MAX_BATCH`] records a request and the daily totals capped at [`MAX_DAILY_COST`], no
/// request, day, month or invoice total can overflow the 64-bit amounts they are kept in.
pub const MAX_RECORD_COST: Amount = Amount::from_ten_thousandths(10_000_000 * 10_000);
/// The most a plan's usage of one meter may cost in one day (a hundred billion). A batch that
/// would take a day past it is refused whole; no real usage comes near.
pub const MAX_DAILY_COST: Amount = Amount::from_ten_thousandths(100_000_000_000 * 10_000);
/// The most a plan's usage of one meter may add up to in one day: a thousand million million
/// units. A month of such days per meter still fits in 64 bits.
pub const MAX_DAILY_QUANTITY: Amount = Amount::from_ten_thousandths(1_000_000_000_000 * 10_000);

/// One usage record as a meter sends it. Every field is read leniently so that one bad record is
/// rejected with its reason while the rest of the batch is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UsageRecordInput {
    /// Chosen by the sender, unique among its records: a record sent again is skipped.
    pub id: String,
    pub customer_id: String,
    /// The Azure subscription (an entitlement of an Azure plan), or the Azure plan itself.
    pub subscription_id: String,
    pub meter_id: String,
    /// Informational: the catalog's name, category and unit for `meterId` are what is kept.
    #[serde(default)]
    pub meter_name: String,
    #[serde(default)]
    pub meter_category: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub resource_uri: String,
    #[serde(default)]
    pub resource_group: String,
    #[serde(default)]
    pub resource_location: String,
    pub quantity: Amount,
    /// `YYYY-MM-DD` (a timestamp's day is taken too).
    pub usage_date: String,
    /// For Azure Stack Hub meters: the cloud ID of the deployment that reports it, registered
    /// to pay as it uses under `subscriptionId`.
    #[serde(default)]
    pub azure_stack_cloud_id: Option<String>,
}

/// A field of a record at fault, and why (the API's sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    pub field: &'static str,
    pub reason: String,
}

impl RecordProblem {
    fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self { field, reason: reason.into() }
    }
}

/// The record's usage day when it holds together on its own: required texts present and not too
/// long, a quantity of zero or more, a real day neither in the future nor older than
/// `MAX_AGE_DAYS`. Whether the customer, subscription and meter exist is the server's to check.
pub fn check_record(
    record: &UsageRecordInput,
    today: NaiveDate,
) -> Result<NaiveDate, RecordProblem> {
    let texts: [(&'static str, &str, bool); 9] = [
        ("id", &record.id, true),
        ("customerId", &record.customer_id, true),
        ("subscriptionId", &record.subscription_id, true),
        ("meterId", &record.meter_id, true),
        ("meterName", &record.meter_name, false),
        ("meterCategory", &record.meter_category, false),
        ("unit", &record.unit, false),
        ("resourceUri", &record.resource_uri, false),
        ("resourceGroup", &record.resource_group, false),
    ];
    for (field, text, required) in texts {
        if required && text.trim().is_empty() {
            return Err(RecordProblem::new(field, "is required"));
        }
        if text.chars().count() > TEXT_MAX_LEN {
            return Err(RecordProblem::new(
                field,
                format!("must be at most {TEXT_MAX_LEN} characters"),
            ));
        }
    }
    if record.resource_location.chars().count() > TEXT_MAX_LEN {
        return Err(RecordProblem::new(
            "resourceLocation",
            format!("must be at most {TEXT_MAX_LEN} characters"),
        ));
    }
    if record.quantity.is_negative() {
        return Err(RecordProblem::new("quantity", "must be zero or more"));
    }
    if record.quantity > MAX_QUANTITY {
        return Err(RecordProblem::new("quantity", "must be at most 1000000000 for one record"));
    }
    let Some(day) = parse_day(&record.usage_date) else {
        return Err(RecordProblem::new("usageDate", "must be a date such as 2026-11-21"));
    };
    if day > today {
        return Err(RecordProblem::new("usageDate", "must not be in the future"));
    }
    if (today - day).num_days() > MAX_AGE_DAYS {
        return Err(RecordProblem::new(
            "usageDate",
            format!("must be within the last {MAX_AGE_DAYS} days"),
        ));
    }
    Ok(day)
}

/// What a record costs: `unit price × quantity`, kept to the ten-thousandth (half away from
/// zero). Charges are rounded to the cent only when they are invoiced, once per line. A record
/// that would cost more than [`MAX_RECORD_COST`] is refused, naming its quantity.
pub fn rate(unit_price: Amount, quantity: Amount) -> Result<Amount, RecordProblem> {
    unit_price.times(quantity).filter(|cost| *cost <= MAX_RECORD_COST).ok_or_else(|| {
        RecordProblem::new("quantity", "is too large: one record may cost at most 10000000")
    })
}

/// One record turned away, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Rejection {
    /// Its position in the batch, from 0.
    pub index: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub field: String,
    pub reason: String,
}

/// The answer to a batch: every record is counted once, as accepted, duplicate or rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IngestionResult {
    pub accepted: usize,
    pub duplicates: usize,
    pub rejected: usize,
    pub rejections: Vec<Rejection>,
    pub attributes: Attributes,
}

/// A customer's monthly spending budget for Azure usage (Partner Center SpendingBudget); `amount`
/// null means none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SpendingBudget {
    pub amount: Option<Amount>,
    pub attributes: Attributes,
}

/// What a budget may be: zero or more.
pub fn check_budget(amount: Amount) -> Result<Amount, &'static str> {
    if amount.is_negative() { Err("must be zero or more") } else { Ok(amount) }
}

/// `GET /v1/customers/{id}/usagesummary` (Partner Center CustomerUsageSummary): the customer's
/// rated usage in a billing period, with its budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerUsageSummary {
    pub resource_id: String,
    pub resource_name: String,
    pub total_cost: Amount,
    /// Ours: what the invoice bills for this usage, before tax: one line per Azure plan and
    /// meter, each rounded to the cent ([`billed`]), so it can differ from `totalCost` by a
    /// few cents.
    #[serde(default)]
    pub billed_cost: Amount,
    pub currency_code: String,
    pub budget: SpendingBudget,
    pub billing_start_date: String,
    pub billing_end_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    pub attributes: Attributes,
}

/// `GET …/subscriptions/{id}/usagesummary` (SubscriptionUsageSummary): an Azure plan's usage in
/// a billing period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionUsageSummary {
    pub resource_id: String,
    pub resource_name: String,
    pub total_cost: Amount,
    pub currency_code: String,
    pub billing_start_date: String,
    pub billing_end_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    pub attributes: Attributes,
}

/// `GET …/subscriptions/usagerecords` (SubscriptionMonthlyUsageRecord): one per Azure plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionMonthlyUsageRecord {
    pub resource_id: String,
    pub resource_name: String,
    pub offer_id: String,
    pub status: crate::subscription::SubscriptionStatus,
    pub total_cost: Amount,
    pub currency_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    pub attributes: Attributes,
}

/// `GET …/subscriptions/{id}/meterusagerecords` (MeterUsageRecord): usage by meter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeterUsageRecord {
    pub subscription_id: String,
    pub meter_id: String,
    pub meter_name: String,
    pub category: String,
    pub unit: String,
    pub quantity_used: Amount,
    pub total_cost: Amount,
    pub currency_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    pub attributes: Attributes,
}

/// `GET …/subscriptions/{id}/resourceusagerecords` (ResourceUsageRecord): usage by resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResourceUsageRecord {
    pub subscription_id: String,
    pub resource_uri: String,
    pub resource_name: String,
    pub resource_group_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_name: Option<String>,
    pub total_cost: Amount,
    pub currency_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    pub attributes: Attributes,
}

/// The customer's usage on one day in one meter category (our extension, for the chart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DailyUsage {
    pub date: String,
    pub category: String,
    pub total_cost: Amount,
    pub currency_code: String,
    pub attributes: Attributes,
}

/// The last segment of a resource URI: the resource's own name.
pub fn resource_name(uri: &str) -> &str {
    uri.trim_end_matches('/').rsplit('/').next().unwrap_or(uri)
}

/// `GET /v1/customers/usagerecords` (CustomerMonthlyUsageRecord): each customer's usage this
/// period, for partner users, with how much of the budget it uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerMonthlyUsageRecord {
    pub resource_id: String,
    pub resource_name: String,
    pub total_cost: Amount,
    pub currency_code: String,
    pub budget: SpendingBudget,
    /// Percent of the budget used, two decimals; absent without a budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_used: Option<Amount>,
    /// Whether the customer has an Azure plan.
    pub is_upgraded: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    pub attributes: Attributes,
}

/// How much of `budget` `spent` is, in percent rounded half away from zero to two decimals;
/// None without a budget, or with a budget of zero.
pub fn percent_used(spent: Amount, budget: Option<Amount>) -> Option<Amount> {
    let budget = budget.filter(|b| !b.is_zero())?;
    // spent / budget × 100, kept to the hundredth of a percent.
    let hundredths = i128::from(spent.ten_thousandths()) * 10_000;
    let value = hundredths / i128::from(budget.ten_thousandths());
    let remainder = hundredths % i128::from(budget.ten_thousandths());
    let rounded =
        if remainder * 2 >= i128::from(budget.ten_thousandths()) { value + 1 } else { value };
    i64::try_from(rounded * 100).ok().map(Amount::from_ten_thousandths)
}

/// The budget thresholds the portal tells about, in percent.
pub const THRESHOLDS: [i64; 2] = [80, 100];

/// The highest threshold `spent` has reached, if any.
pub fn threshold_reached(spent: Amount, budget: Option<Amount>) -> Option<i64> {
    let percent = percent_used(spent, budget)?;
    THRESHOLDS.into_iter().rev().find(|t| percent >= Amount::from_ten_thousandths(t * 10_000))
}

/// A customer's usage passing a threshold of its budget in a month (our extension): raised
/// once per threshold and month, for the banner and the badge that tell about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UsageAlert {
    pub customer_id: String,
    pub customer_name: String,
    /// `YYYY-MM`.
    pub period: String,
    /// Percent of the budget: 80 or 100.
    pub threshold: i64,
    pub raised_at: String,
    pub attributes: Attributes,
}

/// `GET /v1/usagesummary` (PartnerUsageSummary): the partner's customers this period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PartnerUsageSummary {
    pub resource_id: String,
    pub resource_name: String,
    /// Customers bill in different currencies: one total per currency (our extension).
    pub totals: Vec<CurrencyTotal>,
    pub customers_over_budget: usize,
    /// Customers not over budget yet whose spending so far, continued at the same daily rate,
    /// would pass their budget by the end of the month.
    pub customers_trending_over: usize,
    pub customers_with_usage_based_subscription: usize,
    pub billing_start_date: String,
    pub billing_end_date: String,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CurrencyTotal {
    pub amount: Amount,
    pub currency_code: String,
}

/// Whether spending `spent` in the first `days_elapsed` of a `days_in_period`-day period, at the
/// same rate, would pass `budget` by its end.
pub fn trending_over(
    spent: Amount,
    budget: Amount,
    days_elapsed: i64,
    days_in_period: i64,
) -> bool {
    days_elapsed > 0
        && i128::from(spent.ten_thousandths()) * i128::from(days_in_period)
            > i128::from(budget.ten_thousandths()) * i128::from(days_elapsed)
}

/// Where spending `spent` in the first `days_elapsed` of a `days_in_period`-day period leads by
/// its end at the same daily rate, rounded to the currency's minor unit; None before the period
/// begins (nothing to go by) or on overflow. The rule [`trending_over`] compares exactly.
pub fn projected(
    spent: Amount,
    days_elapsed: i64,
    days_in_period: i64,
    currency: Currency,
) -> Option<Amount> {
    (days_elapsed > 0).then(|| spent.mul_div_round(days_in_period, days_elapsed, currency))?
}

/// An API key as listed: never the key itself, which is shown once when it is created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    /// The key's first characters, to recognise it.
    pub prefix: String,
    /// Set when the key may send usage for this customer only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    pub created_at: String,
    pub created_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    /// Only in the answer to its creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub attributes: Attributes,
}

pub const API_KEY_NAME_MAX_LEN: usize = 100;

/// What an API key may be called: something, at most 100 characters (spaces around it do not
/// count). Shared by the form and the server.
pub fn check_key_name(name: &str) -> Result<&str, Violation> {
    check_text(name, API_KEY_NAME_MAX_LEN).map(|()| name.trim())
}

/// `POST /v1/apikeys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({"name": "Usage uploader"}))))]
#[serde(rename_all = "camelCase")]
pub struct NewApiKey {
    pub name: String,
    #[serde(default)]
    pub customer_id: Option<String>,
}

/// What an invoice bills for usage whose cost per Azure plan and meter is `lines`: each line is
/// rounded to the cent ([`crate::invoice::LineTotals::of`]), then they are added up. None on
/// overflow.
pub fn billed(lines: impl IntoIterator<Item = Amount>, currency: Currency) -> Option<Amount> {
    lines.into_iter().try_fold(Amount::ZERO, |sum, line| sum.checked_add(line.round_to(currency)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::day;

    #[test]
    fn usage_is_billed_line_by_line_rounded_to_the_cent() {
        // Two lines of 0.005 €: 0.01 € rated in all, 0.02 € billed (each rounded half up).
        let half_cent = Amount::from_ten_thousandths(50);
        assert_eq!(billed([half_cent, half_cent], Currency::EUR), Some("0.02".parse().unwrap()));
        assert_eq!(billed([], Currency::EUR), Some(Amount::ZERO));
    }

    #[test]
    fn a_month_so_far_projects_at_its_daily_rate_and_agrees_with_the_trend_rule() {
        let november = crate::BillingPeriod::containing(day("2026-11-21"));
        assert_eq!(november.days_elapsed(day("2026-10-31")), 0);
        assert_eq!(november.days_elapsed(day("2026-11-21")), 21);
        assert_eq!(november.days_elapsed(day("2026-12-02")), 30);
        let spent: Amount = "700".parse().unwrap();
        // 700 in 21 days of 30: 1,000 by the end.
        let heading = projected(spent, 21, 30, Currency::EUR).unwrap();
        assert_eq!(heading, "1000".parse().unwrap());
        assert!(trending_over(spent, "999.99".parse().unwrap(), 21, 30));
        assert!(!trending_over(spent, "1000".parse().unwrap(), 21, 30));
        // Rounded to the cent: 100 in 3 days of 31 heads to 1,033.33.
        assert_eq!(
            projected("100".parse().unwrap(), 3, 31, Currency::EUR),
            Some("1033.33".parse().unwrap())
        );
        assert_eq!(projected(spent, 0, 30, Currency::EUR), None);
    }

    #[test]
    fn key_names_are_required_and_bounded() {
        assert_eq!(check_key_name("  Meter feed "), Ok("Meter feed"));
        assert_eq!(check_key_name("   "), Err(Violation::Required));
        assert_eq!(check_key_name(&"é".repeat(100)).map(str::len), Ok(200));
        assert_eq!(check_key_name(&"a".repeat(101)), Err(Violation::TooLong { max: 100 }));
    }

    fn record() -> UsageRecordInput {
        UsageRecordInput {
            id: "r-1".into(),
            customer_id: "c".into(),
            subscription_id: "s".into(),
            meter_id: "m".into(),
            meter_name: "D2s v5".into(),
            meter_category: "Virtual Machines".into(),
            unit: "1 Hour".into(),
            resource_uri: "/subscriptions/s/resourceGroups/g/providers/x/vm1".into(),
            resource_group: "g".into(),
            resource_location: "westeurope".into(),
            quantity: "24".parse().unwrap(),
            usage_date: "2026-11-20".into(),
            azure_stack_cloud_id: None,
        }
    }

    const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();

    #[test]
    fn a_good_record_gives_its_day() {
        assert_eq!(check_record(&record(), TODAY), Ok(day("2026-11-20")));
        let today = UsageRecordInput { usage_date: "2026-11-21T23:00:00Z".into(), ..record() };
        assert_eq!(check_record(&today, TODAY), Ok(TODAY));
        let zero = UsageRecordInput { quantity: Amount::ZERO, ..record() };
        assert!(check_record(&zero, TODAY).is_ok());
    }

    #[test]
    fn each_problem_names_its_field() {
        let field = |r: UsageRecordInput| check_record(&r, TODAY).unwrap_err().field;
        assert_eq!(field(UsageRecordInput { id: " ".into(), ..record() }), "id");
        assert_eq!(field(UsageRecordInput { meter_id: String::new(), ..record() }), "meterId");
        assert_eq!(
            field(UsageRecordInput { resource_group: "g".repeat(201), ..record() }),
            "resourceGroup"
        );
        assert_eq!(
            field(UsageRecordInput { quantity: "-1".parse().unwrap(), ..record() }),
            "quantity"
        );
        assert_eq!(
            field(UsageRecordInput { usage_date: "2026-02-30".into(), ..record() }),
            "usageDate"
        );
        assert_eq!(
            field(UsageRecordInput { usage_date: "2026-11-22".into(), ..record() }),
            "usageDate"
        );
        assert_eq!(
            field(UsageRecordInput { usage_date: "2025-10-16".into(), ..record() }),
            "usageDate"
        );
        // 400 days back is still accepted.
        assert!(
            check_record(&UsageRecordInput { usage_date: "2025-10-17".into(), ..record() }, TODAY)
                .is_ok()
        );
    }

    #[test]
    fn budgets_are_used_in_percent_and_thresholds() {
        let a = |t: &str| t.parse::<Amount>().unwrap();
        assert_eq!(percent_used(a("250"), Some(a("1000"))), Some(a("25")));
        // 1 / 3 = 33.333…% → 33.33; 2 / 3 → 66.67.
        assert_eq!(percent_used(a("1"), Some(a("3"))), Some(a("33.33")));
        assert_eq!(percent_used(a("2"), Some(a("3"))), Some(a("66.67")));
        assert_eq!(percent_used(a("5"), None), None);
        assert_eq!(percent_used(a("5"), Some(Amount::ZERO)), None);
        assert_eq!(threshold_reached(a("79.99"), Some(a("100"))), None);
        assert_eq!(threshold_reached(a("80"), Some(a("100"))), Some(80));
        assert_eq!(threshold_reached(a("100"), Some(a("100"))), Some(100));
        assert_eq!(threshold_reached(a("250"), Some(a("100"))), Some(100));
        // 40 spent in 10 of 30 days: 120 by the end, over a budget of 100, not of 120.
        assert!(trending_over(a("40"), a("100"), 10, 30));
        assert!(!trending_over(a("40"), a("120"), 10, 30));
        assert!(!trending_over(a("40"), a("100"), 0, 30));
        assert_eq!(resource_name("/subscriptions/s/resourceGroups/g/providers/x/vm-1"), "vm-1");
        assert_eq!(resource_name("vm-2/"), "vm-2");
    }

    #[test]
    fn rating_is_exact_to_the_ten_thousandth() {
        let a = |t: &str| t.parse::<Amount>().unwrap();
        assert_eq!(rate(a("0.096"), a("24")), Ok(a("2.304")));
        // 0.0012 × 0.5 = 0.0006 exactly; 0.0012 × 0.0417 = 0.00005004 → 0.0001 (half away from zero).
        assert_eq!(rate(a("0.0012"), a("0.5")), Ok(a("0.0006")));
        assert_eq!(rate(a("0.0012"), a("0.0417")), Ok(a("0.0001")));
        assert_eq!(rate(a("0.0012"), a("0.0416")), Ok(a("0")));
        assert_eq!(rate(a("900000000000"), a("100000")).unwrap_err().field, "quantity");
    }

    #[test]
    fn quantities_and_costs_are_bounded_so_sums_cannot_overflow() {
        let a = |t: &str| t.parse::<Amount>().unwrap();
        let today = day("2026-11-21");
        let at_most = UsageRecordInput { quantity: MAX_QUANTITY, ..record() };
        assert!(check_record(&at_most, today).is_ok());
        // The quantity the review sent: accepted before, refused now, naming the field.
        let huge = UsageRecordInput { quantity: a("922337203685477"), ..record() };
        assert_eq!(check_record(&huge, today).unwrap_err().field, "quantity");
        // The dearest record at the largest quantity is refused on its cost.
        assert_eq!(rate(a("10000"), MAX_QUANTITY).unwrap_err().field, "quantity");
        assert_eq!(rate(a("0.01"), MAX_QUANTITY), Ok(a("10000000")));
        // A whole batch of the dearest records fits in a day, and a month of the largest days
        // of a hundred meters still adds up in 64 bits.
        let batch = (MAX_RECORD_COST.ten_thousandths() as i128) * MAX_BATCH as i128;
        assert!(batch <= MAX_DAILY_COST.ten_thousandths() as i128);
        let month = (MAX_DAILY_COST.ten_thousandths() as i128) * 31 * 100;
        assert!(month < i64::MAX as i128);
        // Quantities are added per meter only: a month of the largest days fits.
        let quantities = (MAX_DAILY_QUANTITY.ten_thousandths() as i128) * 31;
        assert!(quantities < i64::MAX as i128);
        assert!(MAX_QUANTITY.ten_thousandths() * 1_000 <= MAX_DAILY_QUANTITY.ten_thousandths());
    }
}
