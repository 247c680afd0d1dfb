//! Editing the cart: its lines, quantities, terms and billing cycles.

use chrono::NaiveDate;
use leptos::prelude::*;
use portal_domain::BillingCycle;
use portal_domain::cart::{Cart, CartLineItem, CartLineItemRequest, LineProblem};

use super::{Shop, Step, group_heading, groups, line_charges, line_name, sum_today};
use crate::api::use_api;
use crate::browser;
use crate::cart_state::use_cart;
use crate::components::{Head, Mutation, MutationError, TableHead, mutation};
use crate::i18n::{format, use_i18n};

#[component]
pub(super) fn Editor(cart: Cart, shop: Shop, step: RwSignal<Step>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let cart_context = use_cart();
    let today = format::today_utc();
    let currency = shop.customer.currency.clone();
    let has_errors = cart.line_items.iter().any(|l| l.error.is_some());
    let total = sum_today(&cart.line_items, today);

    // Every edit saves the whole cart, as the API takes it: the line's new request, or `None`
    // to remove it.
    let save = {
        let (customer_id, cart_id, lines) =
            (shop.customer.id.clone(), cart.id.clone(), cart.line_items.clone());
        mutation(move |(line_id, edited): (i64, Option<CartLineItemRequest>)| {
            let (api, customer_id, cart_id) = (api.clone(), customer_id.clone(), cart_id.clone());
            let requests: Vec<CartLineItemRequest> = lines
                .iter()
                .filter_map(|line| {
                    if line.id == line_id { edited.clone() } else { Some(line.to_request()) }
                })
                .collect();
            async move { cart_context.save(&api, &customer_id, &cart_id, requests).await.map(drop) }
        })
    };
    let saving = save.pending();

    let shop = StoredValue::new(shop);
    view! {
        {groups(&cart.line_items)
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
                                <TableHead columns=[
                                    Head::text(|t| t.col_item),
                                    Head::text(|t| t.col_commitment),
                                    Head::text(|t| t.col_quantity),
                                    Head::text(|t| t.col_unit_price),
                                    Head::text(|t| t.cart().col_today),
                                    Head::text(|t| t.actions),
                                ] />
                                <tbody>
                                    {lines
                                        .into_iter()
                                        .map(|line| {
                                            view! {
                                                <EditorRow
                                                    line=line
                                                    shop=shop.get_value()
                                                    save=save
                                                    saving=saving
                                                    today=today
                                                />
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <p class="subtotal">
                            {move || t().cart().subtotal} ": "
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
                <span data-testid="cart-total">
                    {move || format::money(&i18n.format_tag(), total, &currency)}
                </span>
            </p>
            <p class="hint">{move || t().cart().first_charge_explained}</p>
            <p role="status" class="hint">
                {move || saving.get().then(|| t().saving)}
            </p>
            <MutationError mutation=save />
            {has_errors
                .then(|| {
                    view! { <p class="notice error">{move || t().cart().fix_lines_first}</p> }
                })}
            <button
                type="button"
                class="button primary"
                disabled=move || has_errors || saving.get()
                on:click=move |_| {
                    step.set(Step::Review {
                        request_id: browser::random_id(),
                    })
                }
            >
                {move || t().cart().review_order}
            </button>
        </div>
    }
}

#[component]
fn EditorRow(
    line: CartLineItem,
    shop: Shop,
    save: Mutation<(i64, Option<CartLineItemRequest>)>,
    saving: Memo<bool>,
    today: NaiveDate,
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
        save.dispatch((request.id.unwrap_or_default(), Some(request)));
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
            save.dispatch((request.id.unwrap_or_default(), Some(request)));
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
                        <label class="visually-hidden" for=option_id.clone()>
                            {move || format!("{} – {}", t().col_commitment, label)}
                        </label>
                        <select
                            id=option_id.clone()
                            on:change=change_option
                            disabled=move || saving.get()
                        >
                            {selected
                                .is_none()
                                .then(|| {
                                    view! {
                                        <option value="" selected>
                                            "–"
                                        </option>
                                    }
                                })}
                            {prices
                                .iter()
                                .enumerate()
                                .map(|(i, p)| {
                                    let (term, cycle) = (p.term_duration.clone(), p.billing_cycle);
                                    view! {
                                        <option value=i.to_string() selected=selected == Some(i)>
                                            {move || t().offer_option(&term, cycle)}
                                        </option>
                                    }
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
                            {move || {
                                format!(
                                    "{} – {}",
                                    unit_type
                                        .map(|u| t().quantity_label(u))
                                        .unwrap_or(t().col_quantity),
                                    label,
                                )
                            }}
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
                            .unwrap_or_else(|| t().cart().usage_later.to_owned())
                    }
                }
            </td>
            <td>
                {charges
                    .map(|(today_charge, recurring)| {
                        let currency = currency.clone();
                        let cycle = line.with_value(|l| l.billing_cycle);
                        view! {
                            <strong>
                                {
                                    let currency = currency.clone();
                                    move || format::money(
                                        &i18n.format_tag(),
                                        today_charge,
                                        &currency,
                                    )
                                }
                            </strong>
                            {recurring
                                .map(|amount| {
                                    view! {
                                        <br />
                                        <span class="hint">
                                            {move || {
                                                let money = format::money(
                                                    &i18n.format_tag(),
                                                    amount,
                                                    &currency,
                                                );
                                                if cycle == BillingCycle::Annual {
                                                    (t().cart().then_per_year)(&money)
                                                } else {
                                                    (t().cart().then_per_month)(&money)
                                                }
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
                    aria-label=move || (t().cart().remove_item)(&remove_name)
                    disabled=move || saving.get()
                    on:click=move |_| save.dispatch((line.with_value(|l| l.id), None))
                >
                    {move || t().cart().remove}
                </button>
            </td>
        </tr>
        {has_error
            .then(|| {
                view! {
                    <tr class="line-error">
                        <td colspan="6" id=error_id.clone()>
                            {move || {
                                problem
                                    .as_ref()
                                    .map(|p| t().line_problem(p))
                                    .or_else(|| server_words.clone())
                                    .unwrap_or_default()
                            }}
                        </td>
                    </tr>
                }
            })}
    }
}
