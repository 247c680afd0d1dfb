//! Azure usage: the records meters send (our extension `POST /v1/usage/records`), the rule that
//! rates them, and the API keys that senders authenticate with.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::billing::parse_day;
use crate::envelope::Attributes;
use crate::money::Amount;

/// The most records one request may carry.
pub const MAX_BATCH: usize = 5_000;
/// Record ids, names and resource texts are at most this long.
pub const TEXT_MAX_LEN: usize = 200;
/// How far back a usage date may be: usage older than this belongs to a closed period.
pub const MAX_AGE_DAYS: i64 = 400;

/// One usage record as a meter sends it. Every field is read leniently so that one bad record is
/// rejected with its reason while the rest of the batch is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageRecordInput {
    /// Chosen by the sender, unique among its records: a record sent again is skipped.
    pub id: String,
    pub customer_id: String,
    /// The Azure subscription (an entitlement of an Azure plan), or the Azure plan itself.
    pub subscription_id: String,
    pub meter_id: String,
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
pub fn check_record(record: &UsageRecordInput, today: Date) -> Result<Date, RecordProblem> {
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
    let Some(day) = parse_day(&record.usage_date) else {
        return Err(RecordProblem::new("usageDate", "must be a date such as 2026-11-21"));
    };
    if day > today {
        return Err(RecordProblem::new("usageDate", "must not be in the future"));
    }
    if (today - day).whole_days() > MAX_AGE_DAYS {
        return Err(RecordProblem::new(
            "usageDate",
            format!("must be within the last {MAX_AGE_DAYS} days"),
        ));
    }
    Ok(day)
}

/// What a record costs: `unit price × quantity`, kept to the ten-thousandth (half away from
/// zero). Charges are rounded to the cent only when they are invoiced, once per line.
pub fn rate(unit_price: Amount, quantity: Amount) -> Option<Amount> {
    unit_price.times(quantity)
}

/// One record turned away, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(rename_all = "camelCase")]
pub struct CustomerUsageSummary {
    pub resource_id: String,
    pub resource_name: String,
    pub total_cost: Amount,
    pub currency_code: String,
    pub budget: SpendingBudget,
    pub billing_start_date: String,
    pub billing_end_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    pub attributes: Attributes,
}

/// An API key as listed: never the key itself, which is shown once when it is created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// `POST /v1/apikeys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewApiKey {
    pub name: String,
    #[serde(default)]
    pub customer_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

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
        }
    }

    const TODAY: Date = date!(2026 - 11 - 21);

    #[test]
    fn a_good_record_gives_its_day() {
        assert_eq!(check_record(&record(), TODAY), Ok(date!(2026 - 11 - 20)));
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
    fn rating_is_exact_to_the_ten_thousandth() {
        let a = |t: &str| t.parse::<Amount>().unwrap();
        assert_eq!(rate(a("0.096"), a("24")), Some(a("2.304")));
        // 0.0012 × 0.5 = 0.0006 exactly; 0.0012 × 0.0417 = 0.00005004 → 0.0001 (half away from zero).
        assert_eq!(rate(a("0.0012"), a("0.5")), Some(a("0.0006")));
        assert_eq!(rate(a("0.0012"), a("0.0417")), Some(a("0.0001")));
        assert_eq!(rate(a("0.0012"), a("0.0416")), Some(a("0")));
        assert_eq!(rate(a("900000000000"), a("100000")), None);
    }
}
