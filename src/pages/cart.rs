//! `/cart`: the active cart of the customer in view. Edit lines, see what today's charge will
//! be (the shared billing rules, so it matches what the order charges), review, place the order.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use portal_domain::billing::{first_charge, period_charge};
use portal_domain::cart::{
    Cart, CartCheckoutResult, CartLineItem, CartLineItemRequest, LineProblem,
};
use portal_domain::catalog::Availability;
use portal_domain::{Amount, BillingCycle, Currency, Customer};
use time::Date;

use crate::api::{ApiError, use_api};
use crate::browser;
use crate::cart_state::{CartState, use_cart};
use crate::components::{ErrorNotice, Loading, customer_view, use_page_title};
use crate::i18n::{Messages, format, use_i18n};
use crate::pages::pricing::offer_name;
use crate::session::use_session;

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Edit,
    /// `request_id` names this checkout, so retrying after a lost answer does not order twice.
    Review {
        request_id: String,
    },
    Done(CartCheckoutResult),
}

/// What the cart page needs beside the cart: the customer and its catalog, by catalog item.
#[derive(Clone)]
struct Shop {
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
    use_page_title(|t| t.cart_title);

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
        Step::Edit => t().cart_title,
        Step::Review { .. } => t().review_title,
        Step::Done(_) => t().confirmation_title,
    };

    view! {
        <h1 id="cart-heading" tabindex="-1">{heading}</h1>
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
                <p class="empty">{move || t().cart_empty}</p>
                <A href="/pricing">{move || t().browse_pricing}</A>
            }
            .into_any(),
        },
    }
    }
}

/// What one line costs today and then per billing period; None for lines that cannot be ordered.
fn line_charges(line: &CartLineItem, today: Date) -> Option<(Amount, Option<Amount>)> {
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

/// Lines by order group, in group order.
fn groups(cart: &Cart) -> Vec<(String, Vec<CartLineItem>)> {
    let mut groups: Vec<(String, Vec<CartLineItem>)> = Vec::new();
    for line in &cart.line_items {
        let group = line.order_group.clone().unwrap_or_default();
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, lines)) => lines.push(line.clone()),
            None => groups.push((group, vec![line.clone()])),
        }
    }
    groups.sort_by_key(|(g, _)| g.parse::<u32>().unwrap_or(u32::MAX));
    groups
}

fn group_heading(t: &Messages, index: usize, lines: &[CartLineItem], shop: &Shop) -> String {
    let usage = lines.iter().any(|l| {
        shop.offers
            .get(&l.catalog_item_id)
            .and_then(|o| o.sku.as_ref())
            .is_some_and(|s| s.is_usage_based())
    });
    let billing = if usage {
        t.usage_group
    } else {
        match lines.first().map(|l| l.billing_cycle) {
            Some(BillingCycle::Annual) => t.billed_annually,
            Some(BillingCycle::None) => t.free_trial,
            _ => t.billed_monthly,
        }
    };
    (t.order_group)(&(index + 1).to_string(), billing)
}

fn sum_today(lines: &[CartLineItem], today: Date) -> Amount {
    Amount::sum(lines.iter().filter_map(|l| line_charges(l, today)).map(|(first, _)| first))
        .unwrap_or(Amount::ZERO)
}

fn line_name(line: &CartLineItem, shop: &Shop) -> String {
    shop.offers
        .get(&line.catalog_item_id)
        .map(offer_name)
        .unwrap_or_else(|| line.catalog_item_id.clone())
}

#[component]
fn Editor(cart: Cart, shop: Shop, step: RwSignal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let cart_context = use_cart();
    let saving = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let today = format::today_utc();
    let currency = shop.customer.currency.clone();
    let has_errors = cart.line_items.iter().any(|l| l.error.is_some());
    let total = sum_today(&cart.line_items, today);

    // Every edit saves the whole cart, as the API takes it.
    let save = {
        let (customer_id, cart_id, lines) =
            (shop.customer.id.clone(), cart.id.clone(), cart.line_items.clone());
        Callback::new(move |edit: (i64, Option<CartLineItemRequest>)| {
            let (api, customer_id, cart_id) = (api.clone(), customer_id.clone(), cart_id.clone());
            let requests: Vec<CartLineItemRequest> = lines
                .iter()
                .filter_map(|line| {
                    if line.id == edit.0 { edit.1.clone() } else { Some(line.to_request()) }
                })
                .collect();
            saving.set(true);
            failure.set(None);
            spawn_local(async move {
                if let Err(e) = cart_context.save(&api, &customer_id, &cart_id, requests).await {
                    failure.set(Some(e));
                }
                saving.set(false);
            });
        })
    };

    let shop = StoredValue::new(shop);
    view! {
        {groups(&cart)
            .into_iter()
            .enumerate()
            .map(|(index, (group, lines))| {
                let heading_id = format!("group-{group}");
                let heading = shop.with_value(|shop| group_heading(t(), index, &lines, shop));
                let subtotal = sum_today(&lines, today);
                let currency = currency.clone();
                let (section_label, table_label) = (heading_id.clone(), heading_id.clone());
                view! {
                    <section class="order-group" aria-labelledby=section_label>
                        <h2 id=heading_id>{heading}</h2>
                        <div class="table-wrap">
                            <table aria-labelledby=table_label>
                                <thead>
                                    <tr>
                                        <th scope="col">{move || t().col_item}</th>
                                        <th scope="col">{move || t().col_commitment}</th>
                                        <th scope="col">{move || t().col_quantity}</th>
                                        <th scope="col">{move || t().col_unit_price}</th>
                                        <th scope="col">{move || t().col_today}</th>
                                        <th scope="col">{move || t().actions}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {lines
                                        .into_iter()
                                        .map(|line| view! { <EditorRow line=line shop=shop.get_value() save=save saving=saving today=today /> })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <p class="subtotal">
                            {move || t().subtotal}
                            ": "
                            <strong>{move || format::money(&i18n.format_tag(), subtotal, &currency)}</strong>
                        </p>
                    </section>
                }
            })
            .collect_view()}
        <div class="cart-summary card">
            <p class="figure">
                {move || t().total_today}
                ": "
                <span data-testid="cart-total">{move || format::money(&i18n.format_tag(), total, &currency)}</span>
            </p>
            <p class="hint">{move || t().first_charge_explained}</p>
            <p role="status" class="hint">{move || saving.get().then(|| t().saving)}</p>
            {move || failure.get().map(|e| view! { <p class="notice error" role="alert">{e.message(t())}</p> })}
            {has_errors.then(|| view! { <p class="notice error">{move || t().fix_lines_first}</p> })}
            <button
                type="button"
                class="button primary"
                disabled=move || has_errors || saving.get()
                on:click=move |_| step.set(Step::Review { request_id: browser::random_id() })
            >
                {move || t().review_order}
            </button>
        </div>
    }
}

#[component]
fn EditorRow(
    line: CartLineItem,
    shop: Shop,
    save: Callback<(i64, Option<CartLineItemRequest>)>,
    saving: RwSignal<bool>,
    today: Date,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let name = line_name(&line, &shop);
    let offer = shop.offers.get(&line.catalog_item_id).cloned();
    let usage_based =
        offer.as_ref().and_then(|o| o.sku.as_ref()).is_some_and(|s| s.is_usage_based());
    let unit_type = offer.as_ref().and_then(|o| o.sku.as_ref()).map(|s| s.unit_type);
    let currency = line.currency_code.clone().unwrap_or_else(|| shop.customer.currency.clone());
    let problem = line.error.as_ref().and_then(LineProblem::from_cart_error);
    let server_words = line.error.as_ref().map(|e| e.error_description.clone());
    let charges = line_charges(&line, today);
    let (quantity_id, option_id, error_id) = (
        format!("line-{}-quantity", line.id),
        format!("line-{}-option", line.id),
        format!("line-{}-error", line.id),
    );
    let has_error = line.error.is_some();
    let line = StoredValue::new(line);

    let change_quantity = move |ev: leptos::ev::Event| {
        let Ok(quantity) = event_target_value(&ev).trim().parse::<i64>() else { return };
        let mut request = line.with_value(CartLineItem::to_request);
        request.quantity = quantity;
        save.run((request.id.unwrap_or_default(), Some(request)));
    };
    let prices = offer.as_ref().map(|o| o.prices.clone()).unwrap_or_default();
    let selected = line.with_value(|l| {
        prices.iter().position(|p| {
            Some(&p.term_duration) == l.term_duration.as_ref() && p.billing_cycle == l.billing_cycle
        })
    });
    let change_option = {
        let prices = prices.clone();
        move |ev: leptos::ev::Event| {
            let Some(price) =
                event_target_value(&ev).parse::<usize>().ok().and_then(|i| prices.get(i))
            else {
                return;
            };
            let mut request = line.with_value(CartLineItem::to_request);
            request.billing_cycle = price.billing_cycle;
            request.term_duration = Some(price.term_duration.clone());
            save.run((request.id.unwrap_or_default(), Some(request)));
        }
    };
    let remove_name = name.clone();

    view! {
        <tr class:has-error=has_error>
            <th scope="row">{name.clone()}</th>
            <td>
                {if usage_based || prices.is_empty() {
                    view! { <span>{move || t().no_commitment}</span> }.into_any()
                } else {
                    let label = name.clone();
                    view! {
                        <label class="visually-hidden" for=option_id.clone()>{move || format!("{} – {}", t().col_commitment, label)}</label>
                        <select id=option_id.clone() on:change=change_option disabled=move || saving.get()>
                            {selected.is_none().then(|| view! { <option value="" selected>"–"</option> })}
                            {prices
                                .iter()
                                .enumerate()
                                .map(|(i, p)| {
                                    let (term, cycle) = (p.term_duration.clone(), p.billing_cycle);
                                    view! { <option value=i.to_string() selected=selected == Some(i)>{move || t().offer_option(&term, cycle)}</option> }
                                })
                                .collect_view()}
                        </select>
                    }
                        .into_any()
                }}
            </td>
            <td>
                {if usage_based {
                    view! { <span>"1"</span> }.into_any()
                } else {
                    let label = name.clone();
                    let quantity = line.with_value(|l| l.quantity);
                    view! {
                        <label class="visually-hidden" for=quantity_id.clone()>
                            {move || format!("{} – {}", unit_type.map(|u| t().quantity_label(u)).unwrap_or(t().col_quantity), label)}
                        </label>
                        <input
                            id=quantity_id.clone()
                            class="quantity"
                            type="number"
                            inputmode="numeric"
                            step="1"
                            value=quantity
                            on:change=change_quantity
                            disabled=move || saving.get()
                            aria-invalid=has_error.to_string()
                            aria-describedby=has_error.then(|| error_id.clone())
                        />
                    }
                        .into_any()
                }}
            </td>
            <td>
                {
                    let currency = currency.clone();
                    move || {
                        line.with_value(|l| l.unit_price)
                            .map(|p| format::money(&i18n.format_tag(), p, &currency))
                            .unwrap_or_else(|| t().usage_later.to_owned())
                    }
                }
            </td>
            <td>
                {charges
                    .map(|(today_charge, recurring)| {
                        let currency = currency.clone();
                        let cycle = line.with_value(|l| l.billing_cycle);
                        view! {
                            <strong>{
                                let currency = currency.clone();
                                move || format::money(&i18n.format_tag(), today_charge, &currency)
                            }</strong>
                            {recurring.map(|amount| {
                                view! {
                                    <br />
                                    <span class="hint">
                                        {move || {
                                            let money = format::money(&i18n.format_tag(), amount, &currency);
                                            if cycle == BillingCycle::Annual { (t().then_per_year)(&money) } else { (t().then_per_month)(&money) }
                                        }}
                                    </span>
                                }
                            })}
                        }
                    })}
            </td>
            <td>
                <button
                    type="button"
                    class="button secondary small"
                    aria-label=move || (t().remove_item)(&remove_name)
                    disabled=move || saving.get()
                    on:click=move |_| save.run((line.with_value(|l| l.id), None))
                >
                    {move || t().remove}
                </button>
            </td>
        </tr>
        {has_error.then(|| {
            view! {
                <tr class="line-error">
                    <td colspan="6" id=error_id.clone()>
                        {move || problem.as_ref().map(|p| t().line_problem(p)).or_else(|| server_words.clone()).unwrap_or_default()}
                    </td>
                </tr>
            }
        })}
    }
}

#[component]
fn Review(cart: Cart, shop: Shop, request_id: String, step: RwSignal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let cart_context = use_cart();
    let session = use_session();
    let today = format::today_utc();
    let currency = shop.customer.currency.clone();
    let total = sum_today(&cart.line_items, today);
    let company = shop.customer.company_profile.company_name.clone();

    let reload_api = api.clone();
    let place = Action::new_local({
        let (customer_id, cart_id) = (shop.customer.id.clone(), cart.id.clone());
        move |request_id: &String| {
            let (api, customer_id, cart_id, request_id) =
                (api.clone(), customer_id.clone(), cart_id.clone(), request_id.clone());
            async move { api.checkout(&customer_id, &cart_id, &request_id).await }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(result)) = place.value().get() {
            if result.orders.is_empty() {
                // Nothing ordered: the cart is still open on the server.
                cart_context.reload(
                    reload_api.clone(),
                    session,
                    session.customer_in_view_untracked(),
                );
            } else {
                cart_context.set(None);
            }
            step.set(Step::Done(result));
        }
    });

    let shop = StoredValue::new(shop);
    view! {
        <p class="lead">{move || (t().review_intro)(&company)}</p>
        {groups(&cart)
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
                                    let option = line.term_duration.clone().map(|term| (term, line.billing_cycle));
                                    let quantity = line.quantity;
                                    view! {
                                        <li>
                                            {move || format!("{quantity} × {name}")}
                                            {option.map(|(term, cycle)| view! { <span class="hint">{move || format!(" ({})", t().offer_option(&term, cycle))}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <p class="subtotal">
                            {move || t().col_today}
                            ": "
                            <strong>{move || format::money(&i18n.format_tag(), subtotal, &currency)}</strong>
                        </p>
                    </section>
                }
            })
            .collect_view()}
        <div class="cart-summary card">
            <p class="figure">
                {move || t().total_today}
                ": "
                <span>{move || format::money(&i18n.format_tag(), total, &currency)}</span>
            </p>
            {move || {
                place.value().get().and_then(Result::err).map(|e| view! { <p class="notice error" role="alert">{e.message(t())}</p> })
            }}
            <div class="actions">
                <button type="button" class="button secondary" on:click=move |_| step.set(Step::Edit) disabled=move || place.pending().get()>
                    {move || t().back_to_cart}
                </button>
                <button
                    type="button"
                    class="button primary"
                    disabled=move || place.pending().get()
                    on:click=move |_| {
                        place.dispatch(request_id.clone());
                    }
                >
                    {move || if place.pending().get() { t().placing_order } else { t().place_order }}
                </button>
            </div>
        </div>
    }
}

#[component]
fn Confirmation(result: CartCheckoutResult) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let nothing = result.orders.is_empty();
    view! {
        <p class="lead">{move || if nothing { t().nothing_ordered } else { t().confirmation_body }}</p>
        <ul class="placed-orders">
            {result
                .orders
                .into_iter()
                .map(|order| {
                    let href = format!("/orders/{}", order.id);
                    let (id, cycle, currency) = (order.alternate_id.clone(), order.billing_cycle, order.currency_code.clone());
                    let total = order.total_price.unwrap_or(Amount::ZERO);
                    view! {
                        <li>
                            <A href=href>{move || (t().order_heading)(&id)}</A>
                            {move || format!(" – {} – {}", t().billing_cycle(cycle), format::money(&i18n.format_tag(), total, &currency))}
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
                        {errors.into_iter().map(|e| view! { <p>{move || t().order_error(&e)}</p> }).collect_view()}
                    </div>
                }
            })}
        <p>
            <A href="/orders">{move || t().all_orders}</A>
        </p>
    }
}
