//! Reviewing the cart before checkout, and the confirmation after it.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::Amount;
use portal_domain::cart::{Cart, CartCheckoutResult};

use super::{Shop, Step, group_heading, groups, line_name, sum_today};
use crate::api::use_api;
use crate::cart_state::use_cart;
use crate::components::{MutationError, mutation};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;

#[component]
pub(super) fn Review(
    cart: Cart,
    shop: Shop,
    request_id: String,
    step: RwSignal<Step>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let cart_context = use_cart();
    let session = use_session();
    let today = format::today_utc();
    let currency = shop.customer.currency.clone();
    let total = sum_today(&cart.line_items, today);
    let company = shop.customer.company_profile.company_name.clone();

    let place = mutation({
        let (customer_id, cart_id) = (shop.customer.id.clone(), cart.id.clone());
        move |request_id: String| {
            let (api, customer_id, cart_id) = (api.clone(), customer_id.clone(), cart_id.clone());
            async move {
                let result = api.checkout(&customer_id, &cart_id, &request_id).await?;
                if result.orders.is_empty() {
                    // Nothing ordered: the cart is still open on the server.
                    cart_context.reload(api, session, session.customer_in_view_untracked());
                } else {
                    cart_context.set(None);
                }
                step.set(Step::Done(result));
                Ok(())
            }
        }
    });

    let shop = StoredValue::new(shop);
    view! {
        <p class="lead">{move || (t().cart().review_intro)(&company)}</p>
        {groups(&cart.line_items)
            .into_iter()
            .enumerate()
            .map(|(index, (group, lines))| {
                let heading_id = format!("review-group-{group}");
                let heading = shop.with_value(|shop| group_heading(t(), index, &lines, shop));
                let subtotal = sum_today(&lines, today);
                let currency = currency.clone();
                let section_label = heading_id.clone();
                view! {
                    <section class="card order-group" aria-labelledby=section_label>
                        <h2 id=heading_id>{heading}</h2>
                        <ul>
                            {lines
                                .iter()
                                .map(|line| {
                                    let name = shop.with_value(|shop| line_name(line, shop));
                                    let option = line
                                        .term_duration
                                        .clone()
                                        .map(|term| (term, line.billing_cycle));
                                    let quantity = line.quantity;
                                    view! {
                                        <li>
                                            {move || format!("{quantity} × {name}")}
                                            {option
                                                .map(|(term, cycle)| {
                                                    view! {
                                                        <span class="hint">
                                                            {move || format!(" ({})", t().offer_option(&term, cycle))}
                                                        </span>
                                                    }
                                                })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <p class="subtotal">
                            {move || t().cart().col_today} ": "
                            <strong>
                                {move || format::money(&i18n.format_tag(), subtotal, &currency)}
                            </strong>
                        </p>
                    </section>
                }
            })
            .collect_view()}
        <div class="cart-summary card">
            <p class="figure">
                {move || t().cart().total_today} ": "
                <span>{move || format::money(&i18n.format_tag(), total, &currency)}</span>
            </p>
            <MutationError mutation=place />
            <div class="actions">
                <button
                    type="button"
                    class="button secondary"
                    on:click=move |_| step.set(Step::Edit)
                    disabled=move || place.pending().get()
                >
                    {move || t().cart().back_to_cart}
                </button>
                <button
                    type="button"
                    class="button primary"
                    disabled=move || place.pending().get()
                    on:click=move |_| {
                        place.dispatch(request_id.clone());
                    }
                >
                    {move || {
                        if place.pending().get() {
                            t().cart().placing_order
                        } else {
                            t().cart().place_order
                        }
                    }}
                </button>
            </div>
        </div>
    }
}

#[component]
pub(super) fn Confirmation(result: CartCheckoutResult) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let nothing = result.orders.is_empty();
    view! {
        <p class="lead">
            {move || {
                if nothing { t().cart().nothing_ordered } else { t().cart().confirmation_body }
            }}
        </p>
        <ul class="placed-orders">
            {result
                .orders
                .into_iter()
                .map(|order| {
                    let href = format!("/orders/{}", order.id);
                    let (id, cycle, currency) = (
                        order.alternate_id.clone(),
                        order.billing_cycle,
                        order.currency_code.clone(),
                    );
                    let total = order.total_price.unwrap_or(Amount::ZERO);
                    view! {
                        <li>
                            <A href=href>{move || (t().order_heading)(&id)}</A>
                            {move || {
                                format!(
                                    " – {} – {}",
                                    t().billing_cycle(cycle),
                                    format::money(&i18n.format_tag(), total, &currency),
                                )
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {(!result.order_errors.is_empty())
            .then(|| {
                let errors = result.order_errors.clone();
                view! {
                    <div class="notice error" role="alert">
                        {errors
                            .into_iter()
                            .map(|e| view! { <p>{move || t().order_error(&e)}</p> })
                            .collect_view()}
                    </div>
                }
            })}
        <p>
            <A href="/orders">{move || t().all_orders}</A>
        </p>
    }
}
