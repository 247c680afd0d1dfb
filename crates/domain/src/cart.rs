//! Carts (Partner Center §2.1–2.4): lines are validated one by one against the catalog, and a
//! line's problem travels as a `CartError` on the line instead of failing the whole cart.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::billing::BillingCycle;
use crate::catalog::Availability;
use crate::envelope::{Attributes, Link};
use crate::money::Amount;
use crate::order::Order;

/// Days a cart stays usable after it is created.
pub const CART_LIFETIME_DAYS: i64 = 7;

/// The most lines a cart may hold.
pub const MAX_LINES: usize = 50;
/// The most entries a line's `provisioningContext` may hold, and how long each key and value
/// may be: enough for every Partner Center context (domains, tenant ids, keys), bounded so a
/// cart cannot be made into megabytes of stored JSON.
pub const CONTEXT_MAX_ENTRIES: usize = 20;
pub const CONTEXT_KEY_MAX_LEN: usize = 100;
pub const CONTEXT_VALUE_MAX_LEN: usize = 1_000;

/// What is wrong with the size of a cart's request, as (field, reason); None when it fits. The
/// friendly name follows the subscription's own rule (`lifecycle::NAME_MAX_LEN`).
pub fn size_problem(lines: &[CartLineItemRequest]) -> Option<(String, String)> {
    if lines.len() > MAX_LINES {
        return Some(("lineItems".into(), format!("must hold at most {MAX_LINES} lines")));
    }
    for (i, line) in lines.iter().enumerate() {
        let max_name = crate::lifecycle::NAME_MAX_LEN;
        if line.friendly_name.as_ref().is_some_and(|n| n.chars().count() > max_name) {
            return Some((
                format!("lineItems[{i}].friendlyName"),
                format!("must be at most {max_name} characters"),
            ));
        }
        let context = &line.provisioning_context;
        let field = format!("lineItems[{i}].provisioningContext");
        if context.len() > CONTEXT_MAX_ENTRIES {
            return Some((field, format!("must hold at most {CONTEXT_MAX_ENTRIES} entries")));
        }
        let too_long = context.iter().any(|(k, v)| {
            k.chars().count() > CONTEXT_KEY_MAX_LEN || v.chars().count() > CONTEXT_VALUE_MAX_LEN
        });
        if too_long {
            return Some((
                field,
                format!(
                    "keys must be at most {CONTEXT_KEY_MAX_LEN} characters and values at most {CONTEXT_VALUE_MAX_LEN}"
                ),
            ));
        }
    }
    None
}

/// A cart line as a client sends it (create or update). Fields the server fills (`orderGroup`,
/// `error`, `currencyCode`, `unitPrice`) are ignored if sent, so a client can PUT back what it GOT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartLineItemRequest {
    #[serde(default)]
    pub id: Option<i64>,
    pub catalog_item_id: String,
    #[serde(default)]
    pub friendly_name: Option<String>,
    pub quantity: i64,
    pub billing_cycle: BillingCycle,
    #[serde(default)]
    pub term_duration: Option<String>,
    #[serde(default)]
    pub provisioning_context: BTreeMap<String, String>,
}

/// `POST .../carts` and `PUT .../carts/{id}`: the whole cart; only its lines matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(examples(json!({
    "lineItems": [
        {
            "id": 0,
            "catalogItemId": "CFQ7TTC0LDPB:0001:CFQ7TTC0LDPF",
            "quantity": 5,
            "billingCycle": "monthly",
            "termDuration": "P1Y",
            "friendlyName": "Business Standard"
        }
    ]
}))))]
#[serde(rename_all = "camelCase")]
pub struct CartRequest {
    pub line_items: Vec<CartLineItemRequest>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CartStatus {
    /// Can be changed and checked out.
    Active,
    /// Checked out; kept for its checkout result.
    Ordered,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Cart {
    pub id: String,
    pub creation_timestamp: String,
    pub last_modified_timestamp: String,
    pub expiration_timestamp: String,
    pub last_modified_user: String,
    pub line_items: Vec<CartLineItem>,
    pub status: CartStatus,
    pub links: CartLinks,
    pub attributes: Attributes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartLinks {
    #[serde(rename = "self")]
    pub self_link: Link,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartLineItem {
    pub id: i64,
    pub catalog_item_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    pub quantity: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<String>,
    pub billing_cycle: BillingCycle,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_duration: Option<String>,
    /// Lines with the same group are ordered together, in one order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<CartError>,
    /// Our extension: the unit price the line would be ordered at; absent for usage-based items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Amount>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provisioning_context: BTreeMap<String, String>,
}

impl CartLineItem {
    /// The line as a client would send it back.
    pub fn to_request(&self) -> CartLineItemRequest {
        CartLineItemRequest {
            id: Some(self.id),
            catalog_item_id: self.catalog_item_id.clone(),
            friendly_name: self.friendly_name.clone(),
            quantity: self.quantity,
            billing_cycle: self.billing_cycle,
            term_duration: self.term_duration.clone(),
            provisioning_context: self.provisioning_context.clone(),
        }
    }
}

/// Partner Center `CartErrorCode`, the ones this API answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CartErrorCode {
    CatalogItemIdIsNotValid,
    InvalidInput,
    BillingPlanNotSupported,
    MaxAllowedSeatsPerSubscriptionExceeded,
    /// An Azure plan for a customer who still has a legacy Microsoft Azure (MS-AZR-0145P)
    /// subscription: it moves to a plan with a product upgrade instead.
    LegacyOfferNotEligibleForPurchase,
    /// A code this build does not know.
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartError {
    pub error_code: CartErrorCode,
    pub error_description: String,
    /// `field` names the line's field at fault; other keys give the allowed values.
    #[serde(default)]
    pub additional_information: BTreeMap<String, String>,
}

/// Why a line cannot be ordered as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// No such item in the customer's country, or not for sale.
    UnknownCatalogItem,
    QuantityBelowMinimum {
        minimum: i64,
    },
    QuantityAboveMaximum {
        maximum: i64,
    },
    BillingCycleNotSupported {
        supported: Vec<BillingCycle>,
    },
    /// The term is not offered with that billing cycle (or none was given and there is a choice).
    TermNotOffered {
        offered: Vec<String>,
    },
    /// An Azure plan for a customer with a legacy Azure subscription, which must be upgraded.
    LegacyAzureSubscription,
}

/// What an acceptable line will be ordered at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTerms {
    pub term_duration: Option<String>,
    /// None for usage-based items, which have no unit price.
    pub unit_price: Option<Amount>,
}

/// Checks a line against the availability it names (`None` when the catalog has no such item
/// for the customer). The browser runs this before sending; the server runs it on every save.
pub fn check_line(
    quantity: i64,
    cycle: BillingCycle,
    term: Option<&str>,
    availability: Option<&Availability>,
) -> Result<LineTerms, LineProblem> {
    let Some((availability, sku)) =
        availability.filter(|a| a.is_purchasable).and_then(|a| Some((a, a.sku.as_ref()?)))
    else {
        return Err(LineProblem::UnknownCatalogItem);
    };
    if quantity < sku.minimum_quantity {
        return Err(LineProblem::QuantityBelowMinimum { minimum: sku.minimum_quantity });
    }
    if quantity > sku.maximum_quantity {
        return Err(LineProblem::QuantityAboveMaximum { maximum: sku.maximum_quantity });
    }
    if !sku.supported_billing_cycles.contains(&cycle) {
        return Err(LineProblem::BillingCycleNotSupported {
            supported: sku.supported_billing_cycles.clone(),
        });
    }
    if sku.is_usage_based() {
        // Usage is billed as it comes: no term, no unit price.
        return match term {
            None => Ok(LineTerms { term_duration: None, unit_price: None }),
            Some(_) => Err(LineProblem::TermNotOffered { offered: Vec::new() }),
        };
    }
    match availability.price(term, cycle) {
        Some(price) => Ok(LineTerms {
            term_duration: Some(price.term_duration.clone()),
            unit_price: Some(price.unit_price),
        }),
        None => Err(LineProblem::TermNotOffered {
            offered: availability
                .prices
                .iter()
                .filter(|p| p.billing_cycle == cycle)
                .map(|p| p.term_duration.clone())
                .collect(),
        }),
    }
}

impl LineProblem {
    /// The error carried on the cart line, worded for API clients.
    pub fn to_cart_error(&self) -> CartError {
        let info = |pairs: &[(&str, String)]| {
            pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
        };
        let (error_code, error_description, additional_information) = match self {
            LineProblem::UnknownCatalogItem => (
                CartErrorCode::CatalogItemIdIsNotValid,
                "This catalog item is not for sale in the customer's country; choose an availability from the customer's catalog.".to_owned(),
                info(&[("field", "catalogItemId".to_owned())]),
            ),
            LineProblem::QuantityBelowMinimum { minimum } => (
                CartErrorCode::InvalidInput,
                format!("The quantity must be at least {minimum}."),
                info(&[("field", "quantity".to_owned()), ("minimumQuantity", minimum.to_string())]),
            ),
            LineProblem::QuantityAboveMaximum { maximum } => (
                CartErrorCode::MaxAllowedSeatsPerSubscriptionExceeded,
                format!("The quantity must be at most {maximum}."),
                info(&[("field", "quantity".to_owned()), ("maximumQuantity", maximum.to_string())]),
            ),
            LineProblem::BillingCycleNotSupported { supported } => {
                let list = join(supported.iter().map(|c| c.as_str()));
                (
                    CartErrorCode::BillingPlanNotSupported,
                    format!("This offer is billed {list} only."),
                    info(&[("field", "billingCycle".to_owned()), ("supportedBillingCycles", list)]),
                )
            }
            LineProblem::LegacyAzureSubscription => (
                CartErrorCode::LegacyOfferNotEligibleForPurchase,
                "This customer has a Microsoft Azure (MS-AZR-0145P) subscription: move it to an Azure plan with a product upgrade instead of buying one.".to_owned(),
                info(&[("field", "catalogItemId".to_owned())]),
            ),
            LineProblem::TermNotOffered { offered } => {
                let list = join(offered.iter().map(String::as_str));
                let description = if offered.is_empty() {
                    "This offer has no term for that billing cycle; leave the term out.".to_owned()
                } else {
                    format!("Choose a term this offer has for that billing cycle: {list}.")
                };
                (
                    CartErrorCode::InvalidInput,
                    description,
                    info(&[("field", "termDuration".to_owned()), ("offeredTerms", list)]),
                )
            }
        };
        CartError { error_code, error_description, additional_information }
    }

    /// The problem a cart error describes, so the browser can word it in the user's language.
    pub fn from_cart_error(error: &CartError) -> Option<LineProblem> {
        let get = |key: &str| error.additional_information.get(key);
        let number = |key: &str| get(key)?.parse::<i64>().ok();
        let list = |key: &str| {
            get(key).map(|v| {
                v.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect::<Vec<_>>()
            })
        };
        match (error.error_code, get("field").map(String::as_str)) {
            (CartErrorCode::CatalogItemIdIsNotValid, _) => Some(LineProblem::UnknownCatalogItem),
            (CartErrorCode::LegacyOfferNotEligibleForPurchase, _) => {
                Some(LineProblem::LegacyAzureSubscription)
            }
            (CartErrorCode::InvalidInput, Some("quantity")) => {
                Some(LineProblem::QuantityBelowMinimum { minimum: number("minimumQuantity")? })
            }
            (CartErrorCode::MaxAllowedSeatsPerSubscriptionExceeded, _) => {
                Some(LineProblem::QuantityAboveMaximum { maximum: number("maximumQuantity")? })
            }
            (CartErrorCode::BillingPlanNotSupported, _) => {
                Some(LineProblem::BillingCycleNotSupported {
                    supported: list("supportedBillingCycles")?
                        .iter()
                        .filter_map(|c| c.parse().ok())
                        .collect(),
                })
            }
            (CartErrorCode::InvalidInput, Some("termDuration")) => {
                Some(LineProblem::TermNotOffered { offered: list("offeredTerms")? })
            }
            _ => None,
        }
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(",")
}

/// Lines that can be ordered together share a group: one order has one billing cycle, and
/// usage-based items are ordered apart from licences. Returns the key; groups are numbered by
/// the server in order of first appearance.
pub fn order_group_key(cycle: BillingCycle, usage_based: bool) -> (bool, BillingCycle) {
    (usage_based, cycle)
}

/// `OrderError.code` when a group has lines with errors (Partner Center 800009).
pub const ORDER_ERROR_CART_ITEMS: i64 = 800009;
/// `OrderError.code` for an Azure plan while a legacy Azure subscription remains (Partner Center
/// 500600): the customer moves to a plan with a product upgrade.
pub const ORDER_ERROR_LEGACY_AZURE: i64 = 500600;
/// `OrderError.code` when the customer already has what the group would add, such as a second
/// Azure plan (Partner Center 800066, maximum subscriptions per customer).
pub const ORDER_ERROR_LIMIT_REACHED: i64 = 800066;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderError {
    pub order_group_id: String,
    pub code: i64,
    pub description: String,
}

/// `POST .../carts/{id}/checkout`: one order per group that could be ordered, and an error per
/// group that could not. Partial success is possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CartCheckoutResult {
    pub orders: Vec<Order>,
    pub order_errors: Vec<OrderError>,
    pub attributes: Attributes,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{AvailabilityLinks, CurrencyRef, Price, Sku, SkuLinks, UnitType};

    #[test]
    fn cart_requests_are_bounded_in_size() {
        let line = |name: &str, context: &[(&str, &str)]| CartLineItemRequest {
            id: None,
            catalog_item_id: "x".into(),
            friendly_name: Some(name.into()),
            quantity: 1,
            billing_cycle: crate::BillingCycle::Monthly,
            term_duration: None,
            provisioning_context: context
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        assert_eq!(size_problem(&[line("Contoso seats", &[("domain", "contoso.example")])]), None);
        let long_name = "n".repeat(101);
        assert_eq!(
            size_problem(&[line("ok", &[]), line(&long_name, &[])]).unwrap().0,
            "lineItems[1].friendlyName"
        );
        let huge = "v".repeat(1_001);
        assert_eq!(
            size_problem(&[line("ok", &[("k", &huge)])]).unwrap().0,
            "lineItems[0].provisioningContext"
        );
        let many: Vec<_> = (0..51).map(|_| line("ok", &[])).collect();
        assert_eq!(size_problem(&many).unwrap().0, "lineItems");
    }

    fn licence(prices: &[(&str, BillingCycle, &str)]) -> Availability {
        let sku = Sku {
            id: "0001".into(),
            product_id: "P".into(),
            title: "Licence".into(),
            description: String::new(),
            minimum_quantity: 1,
            maximum_quantity: 300,
            is_trial: false,
            supported_billing_cycles: vec![BillingCycle::Monthly, BillingCycle::Annual],
            purchase_prerequisites: vec![],
            inventory_variables: vec![],
            provisioning_variables: vec![],
            unit_type: UnitType::Licenses,
            links: SkuLinks { availabilities: Link::get("/a"), self_link: Link::get("/s") },
            attributes: Attributes::of("Sku"),
        };
        Availability {
            id: "A".into(),
            product_id: "P".into(),
            sku_id: "0001".into(),
            catalog_item_id: "P:0001:A".into(),
            default_currency: CurrencyRef { code: "EUR".into(), symbol: "€".into() },
            segment: "commercial".into(),
            country: "FR".into(),
            is_purchasable: true,
            is_renewable: true,
            terms: vec![],
            prices: prices
                .iter()
                .map(|(term, cycle, price)| Price {
                    term_duration: (*term).into(),
                    billing_cycle: *cycle,
                    unit_price: price.parse().unwrap(),
                })
                .collect(),
            product: None,
            sku: Some(sku),
            links: AvailabilityLinks { self_link: Link::get("/x") },
            attributes: Attributes::of("Availability"),
        }
    }

    fn standard() -> Availability {
        licence(&[
            ("P1M", BillingCycle::Monthly, "14.04"),
            ("P1Y", BillingCycle::Monthly, "11.70"),
            ("P1Y", BillingCycle::Annual, "140.40"),
        ])
    }

    #[test]
    fn a_valid_line_gets_its_price() {
        let terms = check_line(5, BillingCycle::Monthly, Some("P1Y"), Some(&standard())).unwrap();
        assert_eq!(
            terms,
            LineTerms {
                term_duration: Some("P1Y".into()),
                unit_price: Some("11.70".parse().unwrap())
            }
        );
        // Annual billing has only P1Y, so the term may be left out.
        let annual = check_line(5, BillingCycle::Annual, None, Some(&standard())).unwrap();
        assert_eq!(annual.term_duration.as_deref(), Some("P1Y"));
    }

    #[test]
    fn every_problem_is_named() {
        let a = standard();
        assert_eq!(
            check_line(1, BillingCycle::Monthly, Some("P1Y"), None),
            Err(LineProblem::UnknownCatalogItem)
        );
        assert_eq!(
            check_line(0, BillingCycle::Monthly, Some("P1Y"), Some(&a)),
            Err(LineProblem::QuantityBelowMinimum { minimum: 1 })
        );
        assert_eq!(
            check_line(-3, BillingCycle::Monthly, Some("P1Y"), Some(&a)),
            Err(LineProblem::QuantityBelowMinimum { minimum: 1 })
        );
        assert_eq!(
            check_line(301, BillingCycle::Monthly, Some("P1Y"), Some(&a)),
            Err(LineProblem::QuantityAboveMaximum { maximum: 300 })
        );
        assert_eq!(
            check_line(1, BillingCycle::None, None, Some(&a)),
            Err(LineProblem::BillingCycleNotSupported {
                supported: vec![BillingCycle::Monthly, BillingCycle::Annual]
            })
        );
        assert_eq!(
            check_line(1, BillingCycle::Annual, Some("P3Y"), Some(&a)),
            Err(LineProblem::TermNotOffered { offered: vec!["P1Y".into()] })
        );
        // Monthly has two terms: leaving it out is ambiguous.
        assert_eq!(
            check_line(1, BillingCycle::Monthly, None, Some(&a)),
            Err(LineProblem::TermNotOffered { offered: vec!["P1M".into(), "P1Y".into()] })
        );
        let mut closed = standard();
        closed.is_purchasable = false;
        assert_eq!(
            check_line(1, BillingCycle::Monthly, Some("P1Y"), Some(&closed)),
            Err(LineProblem::UnknownCatalogItem)
        );
    }

    #[test]
    fn bounds_are_inclusive() {
        let a = standard();
        assert!(check_line(1, BillingCycle::Monthly, Some("P1M"), Some(&a)).is_ok());
        assert!(check_line(300, BillingCycle::Monthly, Some("P1M"), Some(&a)).is_ok());
    }

    #[test]
    fn problems_survive_the_trip_through_a_cart_error() {
        let problems = [
            LineProblem::UnknownCatalogItem,
            LineProblem::QuantityBelowMinimum { minimum: 1 },
            LineProblem::QuantityAboveMaximum { maximum: 300 },
            LineProblem::BillingCycleNotSupported { supported: vec![BillingCycle::Annual] },
            LineProblem::TermNotOffered { offered: vec!["P1Y".into(), "P3Y".into()] },
            LineProblem::TermNotOffered { offered: vec![] },
            LineProblem::LegacyAzureSubscription,
        ];
        for problem in problems {
            let error = problem.to_cart_error();
            let json = serde_json::to_string(&error).unwrap();
            let back: CartError = serde_json::from_str(&json).unwrap();
            assert_eq!(LineProblem::from_cart_error(&back), Some(problem), "{json}");
        }
    }

    #[test]
    fn cart_error_codes_use_the_documented_wire_names() {
        let error = LineProblem::QuantityAboveMaximum { maximum: 300 }.to_cart_error();
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["errorCode"], "max_allowed_seats_per_subscription_exceeded");
        assert_eq!(json["additionalInformation"]["maximumQuantity"], "300");
        let unknown: CartError = serde_json::from_str(
            r#"{"errorCode":"sandbox_limit_exceeded","errorDescription":"x"}"#,
        )
        .unwrap();
        assert_eq!(unknown.error_code, CartErrorCode::Unknown);
    }

    #[test]
    fn lines_group_by_cycle_with_usage_apart() {
        assert_eq!(
            order_group_key(BillingCycle::Monthly, false),
            order_group_key(BillingCycle::Monthly, false)
        );
        assert_ne!(
            order_group_key(BillingCycle::Monthly, false),
            order_group_key(BillingCycle::Annual, false)
        );
        assert_ne!(
            order_group_key(BillingCycle::Monthly, false),
            order_group_key(BillingCycle::Monthly, true)
        );
    }
}
