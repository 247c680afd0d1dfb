//! What a cart becomes: line validation for every save, and the plan of a checkout (orders per
//! group, or an error per group). Pure functions; the routes do the reading and writing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use portal_domain::billing::{first_charge, period_charge};
use portal_domain::cart::{
    CartLineItem, CartLineItemRequest, LineProblem, ORDER_ERROR_CART_ITEMS,
    ORDER_ERROR_LEGACY_AZURE, ORDER_ERROR_LIMIT_REACHED, OrderError, check_line, order_group_key,
};
use portal_domain::catalog::Availability;
use portal_domain::{Amount, BillingCycle, Currency};

use crate::catalog::{self, AZURE_PLAN_PRODUCT_ID, Language};
pub use crate::store::orders::{LineDraft, OrderDraft};

/// Checks every line against the customer's catalog, prices the good ones and numbers the order
/// groups ("0", "1", … in order of first appearance). A bad line carries its error; it does not
/// fail the cart.
pub fn validate_lines(
    requests: Vec<CartLineItemRequest>,
    country: &str,
    currency: Currency,
    language: Language,
    has_legacy_azure: bool,
) -> Vec<CartLineItem> {
    let mut groups: Vec<(bool, BillingCycle)> = Vec::new();
    requests
        .into_iter()
        .enumerate()
        .map(|(index, request)| {
            let availability =
                catalog::find_catalog_item(country, &request.catalog_item_id, language);
            let usage_based = availability
                .as_ref()
                .and_then(|a| a.sku.as_ref())
                .is_some_and(|s| s.is_usage_based());
            let key = order_group_key(request.billing_cycle, usage_based);
            let group = groups.iter().position(|g| *g == key).unwrap_or_else(|| {
                groups.push(key);
                groups.len() - 1
            });
            let azure_plan =
                availability.as_ref().is_some_and(|a| a.product_id == AZURE_PLAN_PRODUCT_ID);
            let outcome = check_line(
                request.quantity,
                request.billing_cycle,
                request.term_duration.as_deref(),
                availability.as_ref(),
            )
            .and_then(|terms| {
                // A legacy Azure subscription is upgraded to a plan, not replaced by a bought one.
                if azure_plan && has_legacy_azure {
                    Err(LineProblem::LegacyAzureSubscription)
                } else {
                    Ok(terms)
                }
            });
            let (term_duration, unit_price, error) = match outcome {
                Ok(terms) => (terms.term_duration, terms.unit_price, None),
                Err(problem) => (request.term_duration, None, Some(problem.to_cart_error())),
            };
            CartLineItem {
                id: index as i64,
                catalog_item_id: request.catalog_item_id,
                friendly_name: request.friendly_name.filter(|n| !n.trim().is_empty()),
                quantity: request.quantity,
                currency_code: availability.is_some().then(|| currency.code.to_owned()),
                billing_cycle: request.billing_cycle,
                term_duration,
                order_group: Some(group.to_string()),
                error,
                unit_price,
                provisioning_context: request.provisioning_context,
            }
        })
        .collect()
}

/// What else the checkout needs to know about the customer.
pub struct CheckoutContext<'a> {
    pub country: &'a str,
    pub currency: Currency,
    /// The order day, in UTC.
    pub today: NaiveDate,
    pub has_azure_plan: bool,
    /// A legacy Azure subscription is upgraded to a plan, never replaced by a bought one.
    pub has_legacy_azure: bool,
    /// Names the first Azure subscription of a new Azure plan.
    pub company_name: &'a str,
}

/// Splits the cart into orders by group. A group with a bad line, or one that would give the
/// customer a second Azure plan, becomes an error instead; the others are ordered.
pub fn plan(
    lines: &[CartLineItem],
    context: &CheckoutContext,
) -> (Vec<OrderDraft>, Vec<OrderError>) {
    let mut groups: BTreeMap<String, Vec<&CartLineItem>> = BTreeMap::new();
    for line in lines {
        groups.entry(line.order_group.clone().unwrap_or_default()).or_default().push(line);
    }
    let mut drafts = Vec::new();
    let mut errors = Vec::new();
    let mut azure_plan_ordered = context.has_azure_plan;
    // Groups in numeric order ("10" after "9").
    let mut ordered: Vec<_> = groups.into_iter().collect();
    ordered.sort_by_key(|(group, _)| (group.len(), group.clone()));
    for (group, group_lines) in ordered {
        match draft_group(&group, &group_lines, context, &mut azure_plan_ordered) {
            Ok(draft) => drafts.push(draft),
            Err((code, description)) => {
                errors.push(OrderError { order_group_id: group, code, description })
            }
        }
    }
    (drafts, errors)
}

fn draft_group(
    group: &str,
    lines: &[&CartLineItem],
    context: &CheckoutContext,
    azure_plan_ordered: &mut bool,
) -> Result<OrderDraft, (i64, String)> {
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    let mut adds_azure_plan = false;
    for (number, line) in lines.iter().enumerate() {
        // Prices and rules as they are now, not as they were when the line was saved.
        let availability =
            catalog::find_catalog_item(context.country, &line.catalog_item_id, Language::En);
        match check_line(
            line.quantity,
            line.billing_cycle,
            line.term_duration.as_deref(),
            availability.as_ref(),
        ) {
            Ok(terms) => {
                let availability = availability.expect("a valid line has an availability");
                adds_azure_plan |= availability.product_id == AZURE_PLAN_PRODUCT_ID;
                drafts.push(draft_line(
                    number as i64,
                    line,
                    &availability,
                    terms.term_duration,
                    terms.unit_price,
                    context,
                ));
            }
            Err(problem) => problems.push(format!("line {}: {}", line.id, problem_text(&problem))),
        }
    }
    if !problems.is_empty() {
        return Err((
            ORDER_ERROR_CART_ITEMS,
            format!("Error in cart items ({}).", problems.join("; ")),
        ));
    }
    if adds_azure_plan {
        if context.has_legacy_azure {
            return Err((
                ORDER_ERROR_LEGACY_AZURE,
                "The customer has a Microsoft Azure (MS-AZR-0145P) subscription: upgrade it to an Azure plan instead of buying one."
                    .to_owned(),
            ));
        }
        if *azure_plan_ordered {
            return Err((
                ORDER_ERROR_LIMIT_REACHED,
                "The customer already has an Azure plan; add Azure subscriptions to it instead of buying another."
                    .to_owned(),
            ));
        }
        *azure_plan_ordered = true;
    }
    let billing_cycle = lines.first().map(|l| l.billing_cycle).unwrap_or(BillingCycle::Monthly);
    let id = uuid::Uuid::new_v4().simple().to_string();
    Ok(OrderDraft {
        alternate_id: id[..12].to_owned(),
        id,
        order_group: group.to_owned(),
        billing_cycle,
        lines: drafts,
    })
}

fn problem_text(problem: &LineProblem) -> String {
    problem.to_cart_error().error_description
}

fn draft_line(
    number: i64,
    line: &CartLineItem,
    availability: &Availability,
    term_duration: Option<String>,
    unit_price: Option<Amount>,
    context: &CheckoutContext,
) -> LineDraft {
    let product =
        availability.product.as_ref().expect("catalog availabilities embed their product");
    let sku = availability.sku.as_ref().expect("catalog availabilities embed their SKU");
    let offer_name = if sku.title == product.title {
        product.title.clone()
    } else {
        format!("{} ({})", product.title, sku.title)
    };
    let price = unit_price.unwrap_or(Amount::ZERO);
    let extended_price =
        period_charge(price, line.quantity, context.currency).unwrap_or(Amount::ZERO);
    let prorated_price =
        first_charge(price, line.quantity, line.billing_cycle, context.today, context.currency)
            .unwrap_or(Amount::ZERO);
    let subscription_id = uuid::Uuid::new_v4().to_string();
    let azure_entitlement = (availability.product_id == AZURE_PLAN_PRODUCT_ID).then(|| {
        (uuid::Uuid::new_v4().to_string(), format!("{} Azure subscription 1", context.company_name))
    });
    LineDraft {
        number,
        offer_id: availability.catalog_item_id.clone(),
        product_id: availability.product_id.clone(),
        sku_id: availability.sku_id.clone(),
        friendly_name: line.friendly_name.clone().unwrap_or_else(|| offer_name.clone()),
        offer_name,
        quantity: line.quantity,
        term_duration,
        unit_type: sku.unit_type,
        is_trial: sku.is_trial,
        unit_price,
        extended_price,
        prorated_price,
        subscription_id,
        azure_entitlement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    const E3: &str = "CFQ7TTC0LFLX:0001:CFQ7TTC0LFLF";
    const STANDARD: &str = "CFQ7TTC0LDPB:0001:CFQ7TTC0LDPF";
    const AZURE_PLAN: &str = "DZH318Z0BPS6:0001:DZH318Z0BMGF";

    fn line(
        catalog_item_id: &str,
        quantity: i64,
        cycle: BillingCycle,
        term: Option<&str>,
    ) -> CartLineItemRequest {
        CartLineItemRequest {
            id: None,
            catalog_item_id: catalog_item_id.into(),
            friendly_name: None,
            quantity,
            billing_cycle: cycle,
            term_duration: term.map(str::to_owned),
            provisioning_context: BTreeMap::new(),
        }
    }

    fn context(has_azure_plan: bool) -> CheckoutContext<'static> {
        CheckoutContext {
            country: "FR",
            currency: Currency::EUR,
            today: day("2026-11-21"),
            has_azure_plan,
            has_legacy_azure: false,
            company_name: "Contoso",
        }
    }

    fn validated(lines: Vec<CartLineItemRequest>) -> Vec<CartLineItem> {
        validate_lines(lines, "FR", Currency::EUR, Language::En, false)
    }

    #[test]
    fn lines_are_grouped_by_billing_cycle_with_usage_apart() {
        let lines = validated(vec![
            line(E3, 5, BillingCycle::Monthly, Some("P1Y")),
            line(STANDARD, 2, BillingCycle::Annual, Some("P1Y")),
            line(STANDARD, 3, BillingCycle::Monthly, Some("P1M")),
            line(AZURE_PLAN, 1, BillingCycle::Monthly, None),
        ]);
        let groups: Vec<_> = lines.iter().map(|l| l.order_group.clone().unwrap()).collect();
        assert_eq!(groups, ["0", "1", "0", "2"]);
        assert!(lines.iter().all(|l| l.error.is_none()));
        assert_eq!(lines[0].unit_price, Some("33.70".parse().unwrap()));
        assert_eq!(lines[0].currency_code.as_deref(), Some("EUR"));
        assert_eq!(lines[3].unit_price, None);
    }

    #[test]
    fn a_bad_line_carries_its_error_and_keeps_the_others() {
        let lines = validated(vec![
            line(E3, 5001, BillingCycle::Monthly, Some("P1Y")),
            line(E3, 5, BillingCycle::Monthly, Some("P1Y")),
        ]);
        assert!(lines[0].error.is_some());
        assert!(lines[1].error.is_none());
    }

    #[test]
    fn checkout_orders_each_good_group_and_reports_the_bad_ones() {
        let lines = validated(vec![
            line(E3, 5, BillingCycle::Monthly, Some("P1Y")),
            line(STANDARD, 0, BillingCycle::Annual, Some("P1Y")),
        ]);
        let (orders, errors) = plan(&lines, &context(false));
        assert_eq!(orders.len(), 1);
        assert_eq!(orders[0].billing_cycle, BillingCycle::Monthly);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].order_group_id.as_str(), errors[0].code),
            ("1", ORDER_ERROR_CART_ITEMS)
        );
        assert!(errors[0].description.contains("at least 1"), "{}", errors[0].description);
    }

    #[test]
    fn checkout_charges_what_the_billing_rules_say() {
        let lines = validated(vec![
            line(E3, 5, BillingCycle::Monthly, Some("P1Y")),
            line(STANDARD, 2, BillingCycle::Annual, Some("P1Y")),
        ]);
        let (orders, _) = plan(&lines, &context(false));
        // 33.70 × 5 × 10/30 (21–30 November) = 56.1666… → 56.17.
        assert_eq!(orders[0].lines[0].prorated_price, "56.17".parse().unwrap());
        assert_eq!(orders[0].lines[0].extended_price, "168.5".parse().unwrap());
        // The year up front: 140.40 × 2.
        assert_eq!(orders[1].total(), "280.8".parse().unwrap());
    }

    #[test]
    fn a_second_azure_plan_is_refused() {
        let lines = validated(vec![line(AZURE_PLAN, 1, BillingCycle::Monthly, None)]);
        let (orders, errors) = plan(&lines, &context(true));
        assert!(orders.is_empty());
        assert_eq!(errors[0].code, ORDER_ERROR_LIMIT_REACHED);
        // A first plan comes with its first Azure subscription.
        let (orders, errors) = plan(&lines, &context(false));
        assert!(errors.is_empty());
        let entitlement = orders[0].lines[0].azure_entitlement.clone().unwrap();
        assert_eq!(entitlement.1, "Contoso Azure subscription 1");
    }
}
