//! `/pricing`: what the customer in view can buy, grouped by product family, with an
//! "Add to cart" form per offer for users who may buy.

use std::collections::BTreeMap;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::cart::{CartLineItemRequest, LineProblem, check_line};
use portal_domain::catalog::Availability;
use portal_domain::defender;
use portal_domain::{BillingCycle, Customer};

use crate::api::{ApiError, use_api};
use crate::cart_state::use_cart;
use crate::components::{FieldProblem, MutationError, customer_view, mutation, use_page_title};
use crate::i18n::{format, use_i18n};
use crate::pages::defender::DefenderSection;
use crate::session::use_session;

#[component]
pub fn Pricing() -> impl IntoView {
    use_page_title(|t| t.pricing().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();

    let offers = LocalResource::new(move || {
        let (api, customer) = (api.clone(), session.customer_in_view());
        // Catalog text follows the language: load again when it changes.
        let _language = i18n.locale();
        async move {
            let Some(id) = customer else { return Ok(None) };
            let customer = api.customer(&id).await?;
            let offers = api.purchasable(&id).await?;
            Ok::<_, ApiError>(Some((customer, offers)))
        }
    });
    let can_buy = move || session.me().is_some_and(|me| me.can_purchase());
    let can_manage = move || session.me().is_some_and(|me| me.administers_customers());

    view! {
        <h1>{move || t().pricing().title}</h1>
        {customer_view(
            offers,
            move |(customer, list)| {
                view! {
                    <Offers
                        customer=customer
                        offers=list
                        can_buy=can_buy()
                        can_manage=can_manage()
                    />
                }
            },
        )}
    }
}

#[component]
fn Offers(
    customer: Customer,
    offers: Vec<Availability>,
    can_buy: bool,
    can_manage: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let defender_offer = offers
        .iter()
        .find(|o| o.product_id == defender::PRODUCT_ID && o.sku_id == defender::SKU_ID)
        .cloned();
    // Families in catalog order.
    let mut families: Vec<(String, String, Vec<Availability>)> = Vec::new();
    for offer in offers {
        let (id, name) = offer
            .product
            .as_ref()
            .map(|p| (p.product_type.id.clone(), p.product_type.display_name.clone()))
            .unwrap_or_default();
        match families.iter_mut().find(|(family, _, _)| *family == id) {
            Some((_, _, list)) => list.push(offer),
            None => families.push((id, name, vec![offer])),
        }
    }
    let company = customer.company_profile.company_name.clone();
    view! {
        <p class="lead">{move || (t().pricing().intro)(&company)}</p>
        {(!can_buy)
            .then(|| {
                view! { <p class="notice info">{move || t().pricing().readers_cannot_buy}</p> }
            })}
        <DefenderSection
            customer_id=customer.id.clone()
            offer=defender_offer
            can_manage=can_manage
        />
        {families
            .into_iter()
            .map(|(id, name, list)| {
                let heading_id = format!("family-{}", id.to_lowercase());
                let section_label = heading_id.clone();
                view! {
                    <section class="family" aria-labelledby=section_label>
                        <h2 id=heading_id>{move || t().family(&id, &name)}</h2>
                        <div class="offers">
                            {list
                                .into_iter()
                                .map(|offer| {
                                    view! {
                                        <OfferCard
                                            offer=offer
                                            customer_id=customer.id.clone()
                                            can_buy=can_buy
                                        />
                                    }
                                })
                                .collect_view()}
                        </div>
                    </section>
                }
            })
            .collect_view()}
    }
}

/// The offer's name: the product, and the SKU when it says something more.
pub(crate) fn offer_name(offer: &Availability) -> String {
    match (&offer.product, &offer.sku) {
        (Some(p), Some(s)) if s.title != p.title => format!("{} – {}", p.title, s.title),
        (Some(p), _) => p.title.clone(),
        _ => offer.catalog_item_id.clone(),
    }
}

#[component]
fn OfferCard(offer: Availability, customer_id: String, can_buy: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let Some(sku) = offer.sku.clone() else { return ().into_any() };
    let name = offer_name(&offer);
    let heading_id = format!("offer-{}", offer.id);
    let description = offer.product.as_ref().map(|p| p.description.clone()).unwrap_or_default();
    let currency = offer.default_currency.code.clone();
    let prices = offer.prices.clone();
    let usage_based = sku.is_usage_based();
    let article_label = heading_id.clone();
    view! {
        <article class="card offer" aria-labelledby=article_label>
            <h3 id=heading_id>{name}</h3>
            <p>{description}</p>
            <p class="hint">{sku.description.clone()}</p>
            {if usage_based {
                view! { <p class="price">{move || t().pricing().usage_based_price}</p> }.into_any()
            } else {
                view! {
                    <ul class="prices">
                        {prices
                            .into_iter()
                            .map(|price| {
                                let currency = currency.clone();
                                if price.billing_cycle == BillingCycle::None {
                                    return view! {
                                        <li>
                                            <strong>{move || t().pricing().trial_offer}</strong>
                                        </li>
                                    }
                                        .into_any();
                                }
                                view! {
                                    <li>
                                        <span>
                                            {move || {
                                                t().offer_option(&price.term_duration, price.billing_cycle)
                                            }}
                                        </span>
                                        " "
                                        <strong>
                                            {move || format::money(
                                                &i18n.format_tag(),
                                                price.unit_price,
                                                &currency,
                                            )}
                                        </strong>
                                        " "
                                        <span class="hint">
                                            {move || t().price_unit(sku.unit_type, price.billing_cycle)}
                                        </span>
                                    </li>
                                }
                                    .into_any()
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {can_buy.then(|| view! { <AddToCart offer=offer.clone() customer_id=customer_id /> })}
        </article>
    }
    .into_any()
}

/// Quantity, commitment and "Add to cart". Checks the line with the same rules as the server
/// before sending it.
#[component]
fn AddToCart(offer: Availability, customer_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let cart = use_cart();
    let Some(sku) = offer.sku.clone() else { return ().into_any() };
    let usage_based = sku.is_usage_based();
    let quantity = RwSignal::new(sku.minimum_quantity.to_string());
    let option = RwSignal::new(0usize);
    let problem = RwSignal::new(None::<String>);
    let added = RwSignal::new(false);
    let name = offer_name(&offer);

    let (quantity_id, option_id) =
        (format!("quantity-{}", offer.id), format!("option-{}", offer.id));
    let (hint_id, error_id) =
        (format!("quantity-hint-{}", offer.id), format!("quantity-error-{}", offer.id));
    let prices = offer.prices.clone();
    let offer = StoredValue::new(offer);

    let add = mutation(move |line: CartLineItemRequest| {
        let (api, customer_id) = (api.clone(), customer_id.clone());
        async move {
            cart.add(&api, &customer_id, line).await?;
            added.try_set(true);
            Ok(())
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        added.set(false);
        let line = offer.with_value(|offer| {
            let (cycle, term) = if usage_based {
                (BillingCycle::Monthly, None)
            } else {
                let price = offer.prices.get(option.get_untracked()).or(offer.prices.first());
                (
                    price.map(|p| p.billing_cycle).unwrap_or(BillingCycle::Monthly),
                    price.map(|p| p.term_duration.clone()),
                )
            };
            let quantity = if usage_based {
                Some(1)
            } else {
                quantity.get_untracked().trim().parse::<i64>().ok()
            };
            let Some(quantity) = quantity else { return Err(t().problem_not_a_number.to_owned()) };
            check_line(quantity, cycle, term.as_deref(), Some(offer))
                .map_err(|p: LineProblem| t().line_problem(&p))?;
            Ok(CartLineItemRequest {
                id: None,
                catalog_item_id: offer.catalog_item_id.clone(),
                friendly_name: None,
                quantity,
                billing_cycle: cycle,
                term_duration: term,
                provisioning_context: BTreeMap::new(),
            })
        });
        match line {
            Ok(line) => {
                problem.set(None);
                add.dispatch(line);
            }
            Err(message) => {
                problem.set(Some(message));
                crate::browser::focus(&format!("quantity-{}", offer.with_value(|o| o.id.clone())));
            }
        }
    };

    let (min, max) = (sku.minimum_quantity, sku.maximum_quantity);
    let unit_type = sku.unit_type;
    view! {
        <form class="add-to-cart" on:submit=on_submit novalidate>
            {(!usage_based)
                .then(|| {
                    let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
                    let described = {
                        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
                        move || {
                            if problem.with(Option::is_some) {
                                format!("{hint_id} {error_id}")
                            } else {
                                hint_id.clone()
                            }
                        }
                    };
                    view! {
                        <div class="field">
                            <label for=quantity_id
                                .clone()>{move || t().quantity_label(unit_type)}</label>
                            <input
                                id=quantity_id.clone()
                                type="number"
                                inputmode="numeric"
                                min=min
                                max=max
                                step="1"
                                bind:value=quantity
                                aria-invalid=move || problem.with(Option::is_some).to_string()
                                aria-describedby=described
                            />
                            <p id=hint_id class="hint">
                                {move || (t()
                                    .pricing()
                                    .quantity_range)(
                                    &format::integer(&i18n.format_tag(), min),
                                    &format::integer(&i18n.format_tag(), max),
                                )}
                            </p>
                            <FieldProblem id=error_id.clone() message=problem />
                        </div>
                    }
                })}
            {(prices.len() > 1)
                .then(|| {
                    view! {
                        <div class="field">
                            <label for=option_id.clone()>{move || t().pricing().commitment}</label>
                            <select
                                id=option_id.clone()
                                on:change=move |ev| {
                                    option.set(event_target_value(&ev).parse().unwrap_or(0))
                                }
                            >
                                {prices
                                    .iter()
                                    .enumerate()
                                    .map(|(index, price)| {
                                        let (term, cycle) = (
                                            price.term_duration.clone(),
                                            price.billing_cycle,
                                        );
                                        view! {
                                            <option
                                                value=index.to_string()
                                                prop:selected=move || option.get() == index
                                            >
                                                {move || t().offer_option(&term, cycle)}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            <button type="submit" class="button primary" disabled=move || add.pending().get()>
                {move || {
                    if add.pending().get() {
                        t().pricing().adding
                    } else {
                        t().pricing().add_to_cart
                    }
                }}
            </button>
            <div role="status" class="added">
                {move || {
                    let name = name.clone();
                    added
                        .get()
                        .then(|| {
                            view! {
                                <span>{move || (t().pricing().added_to_cart)(&name)}</span>
                                " "
                                <A href="/cart">{move || t().pricing().view_cart}</A>
                            }
                        })
                }}
            </div>
            <MutationError mutation=add />
        </form>
    }
    .into_any()
}
