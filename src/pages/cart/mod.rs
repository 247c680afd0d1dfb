//! `/cart`: the active cart of the customer in view. Edit lines, see what today's charge will
//! be (the shared billing rules, so it matches what the order charges), review, place the order.

mod editor;
mod review;

use std::collections::HashMap;

use chrono::NaiveDate;
use editor::Editor;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::billing::{first_charge, period_charge};
use portal_domain::cart::{CartCheckoutResult, CartLineItem};
use portal_domain::catalog::Availability;
use portal_domain::{Amount, BillingCycle, Currency, Customer};
use review::{Confirmation, Review};

use crate::api::{ApiError, use_api};
use crate::browser;
use crate::cart_state::{CartState, use_cart};
use crate::components::{ErrorNotice, Loading, customer_view, use_page_title};
use crate::i18n::{Messages, use_i18n};
use crate::pages::pricing::offer_name;
use crate::session::use_session;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Step {
    Edit,
    /// `request_id` names this checkout, so retrying after a lost answer does not order twice.
    Review {
        request_id: String,
    },
    Done(CartCheckoutResult),
}

/// What the cart page needs beside the cart: the customer and its catalog, by catalog item.
#[derive(Clone)]
pub(super) struct Shop {
    customer: Customer,
    offers: HashMap<String, Availability>,
}

#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let step = RwSignal::new(Step::Edit);
    use_page_title(|t| t.cart().title);

    let shop = LocalResource::new(move || {
        let (api, customer) = (api.clone(), session.customer_in_view());
        let _language = i18n.locale();
        async move {
            let Some(id) = customer else { return Ok(None) };
            let customer = api.customer(&id).await?;
            let offers = api
                .purchasable(&id)
                .await?
                .into_iter()
                .map(|a| (a.catalog_item_id.clone(), a))
                .collect();
            Ok::<_, ApiError>(Some(Shop { customer, offers }))
        }
    });

    // A new customer in view starts over.
    Effect::new(move |_| {
        session.customer_in_view();
        step.set(Step::Edit);
    });
    // Each step's heading takes the focus, so screen readers follow the flow.
    Effect::new(move |previous: Option<()>| {
        step.track();
        if previous.is_some() {
            request_animation_frame(|| browser::focus("cart-heading"));
        }
    });

    let heading = move || match step.get() {
        Step::Edit => t().cart().title,
        Step::Review { .. } => t().cart().review_title,
        Step::Done(_) => t().cart().confirmation_title,
    };

    view! {
        <h1 id="cart-heading" tabindex="-1">
            {heading}
        </h1>
        {customer_view(shop, move |shop| view! { <CartSteps shop=shop step=step /> })}
    }
}

#[component]
fn CartSteps(shop: Shop, step: RwSignal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let cart = use_cart();
    let api = use_api();
    let session = use_session();
    let shop = StoredValue::new(shop);
    move || {
        match step.get() {
        Step::Done(result) => view! { <Confirmation result=result /> }.into_any(),
        step_now => match cart.state() {
            CartState::Loading => view! { <Loading /> }.into_any(),
            CartState::Failed(error) => {
                let (api, customer) = (api.clone(), session.customer_in_view_untracked());
                let retry = Callback::new(move |()| cart.reload(api.clone(), session, customer.clone()));
                view! { <ErrorNotice error=error retry=retry /> }.into_any()
            }
            CartState::Ready(Some(current)) if !current.line_items.is_empty() => match step_now {
                Step::Review { request_id } => {
                    view! { <Review cart=current shop=shop.get_value() request_id=request_id step=step /> }.into_any()
                }
                _ => view! { <Editor cart=current shop=shop.get_value() step=step /> }.into_any(),
            },
            CartState::Ready(_) => view! {
                <p class="empty">{move || t().cart().empty}</p>
                <A href="/pricing">{move || t().browse_pricing}</A>
            }
            .into_any(),
        },
    }
    }
}

/// What one line costs today and then per billing period; None for lines that cannot be ordered.
pub(super) fn line_charges(
    line: &CartLineItem,
    today: NaiveDate,
) -> Option<(Amount, Option<Amount>)> {
    if line.error.is_some() {
        return None;
    }
    let currency = Currency::from_code(line.currency_code.as_deref()?)?;
    match line.unit_price {
        // Usage-based: nothing today, billed later from usage.
        None => Some((Amount::ZERO, None)),
        Some(price) => {
            let today_charge =
                first_charge(price, line.quantity, line.billing_cycle, today, currency)?;
            let recurring = (line.billing_cycle != BillingCycle::None)
                .then(|| period_charge(price, line.quantity, currency))
                .flatten();
            Some((today_charge, recurring))
        }
    }
}

/// Lines by order group, in group order (numbered groups first, by number).
pub(super) fn groups(lines: &[CartLineItem]) -> Vec<(String, Vec<CartLineItem>)> {
    let rank = |group: &str| group.parse::<u32>().unwrap_or(u32::MAX);
    let mut groups: Vec<(String, Vec<CartLineItem>)> = Vec::new();
    for line in lines {
        let group = line.order_group.clone().unwrap_or_default();
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, lines)) => lines.push(line.clone()),
            // Kept in order as they come (cheaper in the bundle than a sort of its own).
            None => {
                let at = groups.partition_point(|(g, _)| rank(g) <= rank(&group));
                groups.insert(at, (group, vec![line.clone()]));
            }
        }
    }
    groups
}

pub(super) fn group_heading(
    t: &Messages,
    index: usize,
    lines: &[CartLineItem],
    shop: &Shop,
) -> String {
    let usage = lines.iter().any(|l| {
        shop.offers
            .get(&l.catalog_item_id)
            .and_then(|o| o.sku.as_ref())
            .is_some_and(|s| s.is_usage_based())
    });
    let billing = if usage {
        t.cart().usage_group
    } else {
        match lines.first().map(|l| l.billing_cycle) {
            Some(BillingCycle::Annual) => t.billed_annually,
            Some(BillingCycle::None) => t.free_trial,
            _ => t.billed_monthly,
        }
    };
    (t.cart().order_group)(&(index + 1).to_string(), billing)
}

pub(super) fn sum_today(lines: &[CartLineItem], today: NaiveDate) -> Amount {
    Amount::sum(lines.iter().filter_map(|l| line_charges(l, today)).map(|(first, _)| first))
        .unwrap_or(Amount::ZERO)
}

pub(super) fn line_name(line: &CartLineItem, shop: &Shop) -> String {
    shop.offers
        .get(&line.catalog_item_id)
        .map(offer_name)
        .unwrap_or_else(|| line.catalog_item_id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: i64, group: Option<&str>) -> CartLineItem {
        serde_json::from_value(serde_json::json!({
            "id": id,
            "catalogItemId": "DZH318Z0BQ3Q:0001:DZH318Z0BZP1",
            "quantity": 1,
            "billingCycle": "monthly",
            "orderGroup": group,
        }))
        .unwrap()
    }

    #[test]
    fn lines_are_grouped_numbered_groups_first_by_number_then_as_they_came() {
        let lines = [
            line(1, Some("2")),
            line(2, None),
            line(3, Some("10")),
            line(4, Some("2")),
            line(5, Some("0")),
            line(6, Some("x")),
        ];
        let found: Vec<(String, Vec<i64>)> = groups(&lines)
            .into_iter()
            .map(|(group, lines)| (group, lines.iter().map(|l| l.id).collect()))
            .collect();
        assert_eq!(
            found,
            [
                ("0".to_owned(), vec![5]),
                ("2".to_owned(), vec![1, 4]),
                ("10".to_owned(), vec![3]),
                (String::new(), vec![2]),
                ("x".to_owned(), vec![6]),
            ]
        );
    }
}
