//! Subscriptions (Partner Center §2.7) and the Azure subscriptions under an Azure plan.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::billing::{BillingCycle, parse_day};
use crate::catalog::UnitType;
use crate::envelope::{Attributes, Link};
/// The status belongs with the life cycle rules that move it; the resource's field is of its type.
pub use crate::lifecycle::SubscriptionStatus;
use crate::lifecycle::{Pricing, RefundType, Refusal, SubscriptionAction};
use crate::money::{Amount, Currency};

/// The suspension reason of a subscription its partner suspended (for non-payment, say):
/// Partner Center's spelling. Only partner users may reactivate such a subscription.
pub const PARTNER_INITIATED: &str = "PartnerInitiated";

/// Whether a partner user (`by_partner`) or a customer user may lift a suspension with these
/// reasons: one the partner made is the partner's to lift. The page and the server both ask.
pub fn may_lift_suspension<'a>(
    suspension_reasons: impl IntoIterator<Item = &'a str>,
    by_partner: bool,
) -> bool {
    by_partner || !suspension_reasons.into_iter().any(|r| r == PARTNER_INITIATED)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillingType {
    /// Charged per unit (licences, devices, cores).
    License,
    /// Charged from metered usage.
    Usage,
}

crate::spelled!(BillingType { License => "license", Usage => "usage" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: String,
    /// The catalog item bought (`product:sku:availability`).
    pub offer_id: String,
    /// What Azure knows an Azure offer by: the Azure plan (or the legacy Azure subscription)
    /// itself; none for licences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement_id: Option<String>,
    /// The reseller of record's MPN ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_id: Option<String>,
    /// How it was bought: always `subscription` here (no product keys or redemption codes).
    #[serde(default)]
    pub contract_type: String,
    #[serde(default)]
    pub publisher_name: String,
    #[serde(default)]
    pub is_microsoft_product: bool,
    /// Whether add-ons can be bought for it (the catalog has none).
    #[serde(default)]
    pub has_purchasable_addons: bool,
    pub offer_name: String,
    pub friendly_name: String,
    pub quantity: i64,
    pub unit_type: UnitType,
    pub billing_type: BillingType,
    pub billing_cycle: BillingCycle,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<String>,
    pub status: SubscriptionStatus,
    pub auto_renew_enabled: bool,
    pub is_trial: bool,
    pub creation_date: String,
    /// UTC date the subscription started (`YYYY-MM-DD`).
    pub effective_start_date: String,
    /// Last UTC day of the current term (`9999-12-31` for usage-based plans, which have none).
    pub commitment_end_date: String,
    /// The term it renews for, when auto-renew is on: `P1M` or `P1Y` (see [`renewal_term`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal_term_duration: Option<String>,
    /// Until when it can still be cancelled (licences within their refund window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation_allowed_until_date: Option<String>,
    /// What can be done with it now.
    #[serde(default)]
    pub actions: Vec<SubscriptionAction>,
    #[serde(default)]
    pub suspension_reasons: Vec<String>,
    /// The refunds a cancellation would still get, each with when it ends.
    #[serde(default)]
    pub refund_options: Vec<RefundOption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_subscription_id: Option<String>,
    pub order_id: String,
    /// Our extension: the price of one unit per billing period (none for usage-based plans), so
    /// that a client can say what a change will cost before it is made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Amount>,
    /// Our extension: the currency it is billed in.
    pub currency_code: String,
    /// Our extension: the quantities its offer allows.
    pub minimum_quantity: i64,
    pub maximum_quantity: i64,
    pub links: SubscriptionLinks,
    pub attributes: Attributes,
}

impl Subscription {
    /// How its charges and refunds are computed; `None` for usage-based plans.
    pub fn pricing(&self) -> Option<Pricing> {
        Some(Pricing {
            unit_price: self.unit_price?,
            cycle: self.billing_cycle,
            start: parse_day(&self.effective_start_date)?,
            currency: Currency::from_code(&self.currency_code)?,
        })
    }

    /// The last day of the current term; none without a term.
    pub fn term_end(&self) -> Option<NaiveDate> {
        self.term_duration.as_ref()?;
        parse_day(&self.commitment_end_date)
    }

    /// The day it starts its next term, while auto-renew is on.
    pub fn renews_on(&self) -> Option<NaiveDate> {
        if !self.auto_renew_enabled {
            return None;
        }
        self.term_end()?.succ_opt()
    }

    /// Whether the overview should tell of its term ending on `today` ([`term_needs_notice`]).
    pub fn term_needs_notice(&self, today: NaiveDate) -> bool {
        self.status == SubscriptionStatus::Active
            && self.term_end().is_some_and(|end| {
                term_needs_notice(
                    self.term_duration.as_deref(),
                    self.auto_renew_enabled,
                    self.is_trial,
                    end,
                    today,
                )
            })
    }

    pub fn allows(&self, action: SubscriptionAction) -> bool {
        self.actions.contains(&action)
    }

    /// Whether a partner user (`by_partner`) or a customer user may reactivate it.
    pub fn may_be_reactivated_by(&self, by_partner: bool) -> bool {
        may_lift_suspension(self.suspension_reasons.iter().map(String::as_str), by_partner)
    }

    /// Whether `quantity` can be asked for now: within the offer's bounds, and below the current
    /// quantity only while `actions` allows a decrease (inside the refund window).
    pub fn check_quantity(&self, quantity: i64) -> Result<(), Refusal> {
        if quantity < self.minimum_quantity || quantity > self.maximum_quantity {
            Err(Refusal::QuantityOutOfRange {
                minimum: self.minimum_quantity,
                maximum: self.maximum_quantity,
            })
        } else if quantity < self.quantity && !self.allows(SubscriptionAction::DecreaseQuantity) {
            Err(Refusal::DecreaseOutsideRefundWindow)
        } else {
            Ok(())
        }
    }
}

/// Everything a subscription has charged so far, less what it refunded: the sum of the amounts
/// in its history. `None` on overflow.
pub fn charged_so_far(history: &[SubscriptionEvent]) -> Option<Amount> {
    Amount::sum(history.iter().filter_map(|event| event.amount))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RefundOption {
    #[serde(rename = "type")]
    pub refund_type: RefundType,
    pub expires_at: String,
}

/// `PATCH …/subscriptions/{id}`: the fields to change. A client may send the whole resource, as
/// Partner Center's do; only fields that differ from the current ones count as changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({"quantity": 30}))))]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renew_enabled: Option<bool>,
    /// `suspended` suspends, `active` reactivates, `deleted` cancels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SubscriptionStatus>,
}

/// What happened to a subscription (our extension: `GET …/subscriptions/{id}/history`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Created,
    Renamed,
    QuantityChanged,
    AutoRenewChanged,
    Suspended,
    Reactivated,
    Cancelled,
    AzureSubscriptionAdded,
    AzureSubscriptionCancelled,
    /// A legacy subscription moved to an Azure plan by a product upgrade.
    Upgraded,
    #[serde(other)]
    Other,
}

crate::spelled!(EventKind {
    Created => "created",
    Renamed => "renamed",
    QuantityChanged => "quantity_changed",
    AutoRenewChanged => "auto_renew_changed",
    Suspended => "suspended",
    Reactivated => "reactivated",
    Cancelled => "cancelled",
    AzureSubscriptionAdded => "azure_subscription_added",
    AzureSubscriptionCancelled => "azure_subscription_cancelled",
    Upgraded => "upgraded",
    Other => "other",
});

impl EventKind {
    /// Its name in the activity log.
    pub const fn activity(self) -> &'static str {
        match self {
            EventKind::Created => "subscription.created",
            EventKind::Renamed => "subscription.renamed",
            EventKind::QuantityChanged => "subscription.quantity_changed",
            EventKind::AutoRenewChanged => "subscription.auto_renew_changed",
            EventKind::Suspended => "subscription.suspended",
            EventKind::Reactivated => "subscription.reactivated",
            EventKind::Cancelled => "subscription.cancelled",
            EventKind::AzureSubscriptionAdded => "subscription.azure_subscription_added",
            EventKind::AzureSubscriptionCancelled => "subscription.azure_subscription_cancelled",
            EventKind::Upgraded => "subscription.upgraded",
            EventKind::Other => "subscription.changed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionEvent {
    pub id: String,
    pub occurred_at: String,
    /// Who made the change (a person's name, or `System`).
    pub actor: String,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_value: Option<String>,
    /// The charge (positive) or refund (negative) it caused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<String>,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
    pub offer: Link,
    /// The catalog's product, SKU and availability it was bought as (when in the catalog).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Link>,
    /// An Azure plan's Azure subscriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlement: Option<Link>,
}

/// The term a subscription of `term` renews for: Partner Center's renewal terms are one month
/// or one year, so a three-year term renews for a year.
pub fn renewal_term(term: &str) -> &'static str {
    if term == "P1M" { "P1M" } else { "P1Y" }
}

/// How far ahead the overview tells of an active subscription's term coming to its end.
pub const TERM_NOTICE_DAYS: u64 = 30;

/// Whether an active subscription's term of `term_duration` ending on `end` deserves notice on
/// `today`: it ends within [`TERM_NOTICE_DAYS`], and either stops there (a trial, or auto-renew
/// off) or renews for a year (a commitment worth confirming). A monthly term that renews itself
/// ends every month; telling of it would bury the notices that matter.
pub fn term_needs_notice(
    term_duration: Option<&str>,
    auto_renew_enabled: bool,
    is_trial: bool,
    end: NaiveDate,
    today: NaiveDate,
) -> bool {
    let within = end >= today && end <= today + chrono::Days::new(TERM_NOTICE_DAYS);
    let stops = is_trial || !auto_renew_enabled;
    within && (stops || term_duration.is_some_and(|term| renewal_term(term) == "P1Y"))
}

/// A subscription whose term ends soon, among the partner's customers' (our extension,
/// `GET /v1/subscriptions/termsending`): what [`term_needs_notice`] selects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct EndingTerm {
    pub customer_id: String,
    pub customer_name: String,
    pub subscription_id: String,
    pub friendly_name: String,
    pub offer_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<String>,
    /// The term's last day, `YYYY-MM-DD`.
    pub commitment_end_date: String,
    pub auto_renew_enabled: bool,
    pub is_trial: bool,
    pub attributes: Attributes,
}

/// An Azure subscription created under an Azure plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AzureEntitlement {
    pub id: String,
    pub friendly_name: String,
    pub status: SubscriptionStatus,
    /// The Azure plan it belongs to.
    pub subscription_id: String,
    /// Ours: the Azure cloud it lives in (`AzureCloud` for most).
    #[serde(default)]
    pub cloud: crate::azure_stack::AzureCloud,
    pub attributes: Attributes,
}

/// `GET …/subscriptions/{id}/provisioningstatus`: `success`, `pending` or `failed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProvisioningStatus {
    pub sku_id: String,
    pub status: String,
    /// Ours: why it `failed` (its order could not be provisioned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<crate::order::ProvisioningFailure>,
    pub quantity: i64,
    pub end_date: String,
    pub attributes: Attributes,
}

/// `GET …/subscriptions/{id}/registrationstatus` of an Azure plan (for reserved instances):
/// `notregistered`, `registering` or `registered`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
// Named as its objectType in the API's description, apart from Azure Stack Hub's.
#[cfg_attr(feature = "openapi", schema(as = SubscriptionRegistrationStatus))]
#[serde(rename_all = "camelCase")]
pub struct RegistrationStatus {
    pub subscription_id: String,
    pub status: String,
    pub attributes: Attributes,
}

/// `GET`/`PUT …/subscriptions/{id}/supportcontact`: who supports the subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "supportTenantId": "5e0c1f5a-6b2e-4c1d-9a3e-5f8b2c4d1e01",
    "supportMpnId": "1234567",
    "name": "Northwind Traders support"
}))))]
#[serde(rename_all = "camelCase")]
pub struct SupportContact {
    pub support_tenant_id: String,
    pub support_mpn_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SupportContactLinks>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Attributes>,
}

/// A support contact's field refused; [`ContactProblem::field`] names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactProblem {
    /// The support tenant id is a GUID.
    TenantId,
    /// An MPN ID is 1 to 10 digits.
    MpnId,
    /// The name is required, at most 100 characters.
    Name,
}

impl ContactProblem {
    pub fn field(self) -> &'static str {
        match self {
            ContactProblem::TenantId => "supportTenantId",
            ContactProblem::MpnId => "supportMpnId",
            ContactProblem::Name => "name",
        }
    }

    /// The server's wording; the browser says it in the user's language.
    pub fn english(self) -> &'static str {
        match self {
            ContactProblem::TenantId => "must be a tenant id (a GUID)",
            ContactProblem::MpnId => "must be an MPN id of 1 to 10 digits",
            ContactProblem::Name => "is required, at most 100 characters",
        }
    }
}

impl SupportContact {
    /// Every field refused, in the order of the form.
    pub fn problems(&self) -> Vec<ContactProblem> {
        let mpn = self.support_mpn_id.trim();
        let name = self.name.trim().chars().count();
        [
            (!crate::validation::is_guid(self.support_tenant_id.trim()))
                .then_some(ContactProblem::TenantId),
            (mpn.is_empty() || mpn.len() > 10 || !mpn.bytes().all(|b| b.is_ascii_digit()))
                .then_some(ContactProblem::MpnId),
            (!(1..=100).contains(&name)).then_some(ContactProblem::Name),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportContactLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
}

#[cfg(test)]
mod term_notice_tests {
    use super::*;
    use crate::billing::day;

    #[test]
    fn a_term_is_told_of_when_it_stops_or_renews_for_a_year_within_thirty_days() {
        let today = day("2026-11-21");
        let (soon, later) = (day("2026-12-21"), day("2026-12-22"));
        // A trial, or a term without auto-renew, stops: told of within 30 days, not after.
        assert!(term_needs_notice(Some("P1M"), false, true, soon, today));
        assert!(term_needs_notice(Some("P1M"), false, false, soon, today));
        assert!(!term_needs_notice(Some("P1M"), false, false, later, today));
        // A yearly (or three-year) term renewing for a year is a commitment to confirm.
        assert!(term_needs_notice(Some("P1Y"), true, false, soon, today));
        assert!(term_needs_notice(Some("P3Y"), true, false, soon, today));
        // A month renewing itself is routine.
        assert!(!term_needs_notice(Some("P1M"), true, false, soon, today));
        // An end already past is no notice.
        assert!(!term_needs_notice(Some("P1Y"), false, false, day("2026-11-20"), today));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::day;

    #[test]
    fn only_the_partner_lifts_a_suspension_it_made() {
        assert!(may_lift_suspension(["CustomerInitiated"], false));
        assert!(may_lift_suspension([], false));
        assert!(!may_lift_suspension([PARTNER_INITIATED], false));
        assert!(may_lift_suspension([PARTNER_INITIATED], true));
    }

    fn licences(quantity: i64, actions: Vec<SubscriptionAction>) -> Subscription {
        Subscription {
            id: "s1".into(),
            offer_id: "P:S:A".into(),
            entitlement_id: None,
            partner_id: None,
            contract_type: "subscription".into(),
            publisher_name: "Microsoft Corporation".into(),
            is_microsoft_product: true,
            has_purchasable_addons: false,
            offer_name: "Microsoft 365 E3".into(),
            friendly_name: "E3".into(),
            quantity,
            unit_type: UnitType::Licenses,
            billing_type: BillingType::License,
            billing_cycle: BillingCycle::Monthly,
            term_duration: Some("P1Y".into()),
            status: SubscriptionStatus::Active,
            auto_renew_enabled: true,
            is_trial: false,
            creation_date: "2026-11-21T10:00:00.000Z".into(),
            effective_start_date: "2026-11-21".into(),
            commitment_end_date: "2027-11-20".into(),
            renewal_term_duration: Some("P1Y".into()),
            cancellation_allowed_until_date: None,
            actions,
            suspension_reasons: Vec::new(),
            refund_options: Vec::new(),
            parent_subscription_id: None,
            order_id: "o1".into(),
            unit_price: Some("36".parse().unwrap()),
            currency_code: "EUR".into(),
            minimum_quantity: 1,
            maximum_quantity: 300,
            links: SubscriptionLinks {
                self_link: Link::get("/s1"),
                offer: Link::get("/p"),
                product: None,
                sku: None,
                availability: None,
                entitlement: None,
            },
            attributes: Attributes::of("Subscription"),
        }
    }

    #[test]
    fn pricing_comes_from_the_resource() {
        let pricing = licences(10, Vec::new()).pricing().unwrap();
        assert_eq!(pricing.start, day("2026-11-21"));
        assert_eq!(pricing.currency, Currency::EUR);
        // 5 more on 21 November, billed monthly: 10 of 30 days of 5 × 36 = 60.
        assert_eq!(pricing.quantity_change(10, 15, day("2026-11-21")), Some("60".parse().unwrap()));
        let mut plan = licences(1, Vec::new());
        plan.unit_price = None;
        assert_eq!(plan.pricing(), None);
    }

    #[test]
    fn a_term_ends_the_day_before_it_renews() {
        let mut s = licences(10, Vec::new());
        assert_eq!(s.term_end(), Some(day("2027-11-20")));
        assert_eq!(s.renews_on(), Some(day("2027-11-21")));
        s.auto_renew_enabled = false;
        assert_eq!(s.renews_on(), None);
        s.term_duration = None;
        s.commitment_end_date = "9999-12-31".into();
        assert_eq!(s.term_end(), None);
    }

    #[test]
    fn quantities_follow_the_bounds_and_the_refund_window() {
        use SubscriptionAction::*;
        let inside = licences(10, vec![IncreaseQuantity, DecreaseQuantity]);
        assert_eq!(inside.check_quantity(15), Ok(()));
        assert_eq!(inside.check_quantity(5), Ok(()));
        assert_eq!(
            inside.check_quantity(0),
            Err(Refusal::QuantityOutOfRange { minimum: 1, maximum: 300 })
        );
        assert_eq!(
            inside.check_quantity(301),
            Err(Refusal::QuantityOutOfRange { minimum: 1, maximum: 300 })
        );
        let after = licences(10, vec![IncreaseQuantity]);
        assert_eq!(after.check_quantity(9), Err(Refusal::DecreaseOutsideRefundWindow));
        assert_eq!(after.check_quantity(11), Ok(()));
    }

    #[test]
    fn charged_so_far_sums_the_history() {
        let event = |amount: Option<&str>| SubscriptionEvent {
            id: "e".into(),
            occurred_at: "2026-11-21T10:00:00.000Z".into(),
            actor: "A".into(),
            kind: EventKind::Other,
            old_value: None,
            new_value: None,
            amount: amount.map(|a| a.parse().unwrap()),
            currency_code: None,
            attributes: Attributes::of("SubscriptionEvent"),
        };
        let history = [event(Some("120.00")), event(None), event(Some("60")), event(Some("-18"))];
        assert_eq!(charged_so_far(&history), Some("162".parse().unwrap()));
        assert_eq!(charged_so_far(&[]), Some(Amount::ZERO));
    }
}
