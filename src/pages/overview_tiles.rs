//! The overview's tiles about the customer in view: each reads what it shows with one request,
//! has its own loading and error states, and links to the page its figure comes from.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::defender::DefenderPlanStatus;
use portal_domain::order::OrderStatus;
use portal_domain::subscription::{BillingType, SubscriptionStatus};
use portal_domain::{BillingPeriod, upgrade, usage};

use crate::api::use_api;
use crate::components::{Remote, remote_view, remote_view_with};
use crate::i18n::{Messages, format, use_i18n};

/// A headed region: its figure, read on its own, and a link to its page.
#[component]
fn Tile<T, V>(
    id: &'static str,
    title: fn(&Messages) -> &'static str,
    data: Remote<T>,
    show: fn(&Messages, &str, T) -> V,
    href: &'static str,
    link: fn(&Messages) -> &'static str,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <section class="card tile" aria-labelledby=id>
            <h2 id=id>{move || title(t())}</h2>
            {remote_view(data, move |value| show(t(), &i18n.format_tag(), value))}
            <A href=href>{move || link(t())}</A>
        </section>
    }
}

/// The customer's tiles. `own_invoices`: the user is the customer's, whose invoices these are
/// (a partner's invoice list is every customer's).
#[component]
pub fn CustomerTiles(customer_id: String, own_invoices: bool) -> impl IntoView {
    let api = use_api();
    let customer = StoredValue::new(customer_id);
    let spend = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, id) = (api.clone(), customer.get_value());
            async move { api.usage_summary(&id, None).await }
        }
    });
    let subscriptions = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, id) = (api.clone(), customer.get_value());
            async move { api.subscriptions(&id).await }
        }
    });
    let defender = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, id) = (api.clone(), customer.get_value());
            async move { api.defender_plans(&id).await }
        }
    });
    let orders = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, id) = (api.clone(), customer.get_value());
            async move { api.orders(&id).await }
        }
    });
    let balance = LocalResource::new(move || {
        let api = api.clone();
        async move { if own_invoices { api.invoice_summaries().await.map(Some) } else { Ok(None) } }
    });

    view! {
        <Tile
            id="tile-spend"
            title=|t| t.overview.tile_spend
            data=spend
            show=|t, tag, s| {
                let money = |a| format::money_rounded(tag, a, &s.currency_code);
                let used = s.budget.amount.zip(usage::percent_used(s.total_cost, s.budget.amount));
                let text = match used {
                    Some((budget, percent)) => {
                        (t
                            .overview
                            .spend_of_budget)(
                            &money(s.total_cost),
                            &money(budget),
                            &format::percent(tag, percent),
                        )
                    }
                    None => (t.overview.spend_no_budget)(&money(s.total_cost)),
                };
                view! {
                    <p class="figure" data-testid="tile-spend">
                        {text}
                    </p>
                }
            }
            href="/usage"
            link=|t| t.overview.see_usage
        />
        {own_invoices
            .then(|| {
                view! {
                    <Tile
                        id="tile-balance"
                        title=|t| t.overview.tile_balance
                        data=balance
                        show=|t, tag, summaries| {
                            let next = BillingPeriod::containing(format::today_utc()).next().start;
                            let due: Vec<String> = summaries
                                .unwrap_or_default()
                                .into_iter()
                                .filter(|s| !s.balance_amount.is_zero())
                                .map(|s| format::money(tag, s.balance_amount, &s.currency_code))
                                .collect();
                            let text = if due.is_empty() {
                                t.overview.nothing_due.to_owned()
                            } else {
                                due.join(" · ")
                            };
                            view! {
                                <p class="figure" data-testid="tile-balance">
                                    {text}
                                </p>
                                <p class="hint">
                                    {(t.overview.next_invoice)(&format::long_date(tag, next))}
                                </p>
                            }
                        }
                        href="/invoices"
                        link=|t| t.overview.see_invoices
                    />
                }
            })}
        <Tile
            id="tile-subscriptions"
            title=|t| t.overview.tile_subscriptions
            data=subscriptions
            show=|t, _tag, list| {
                let active = |usage: bool| {
                    list
                        .iter()
                        .filter(|s| s.status == SubscriptionStatus::Active)
                        .filter(|s| (s.billing_type == BillingType::Usage) == usage)
                        .count() as i64
                };
                let text = (t.overview.subscriptions_active)(active(true), active(false));
                view! {
                    <p class="figure" data-testid="tile-subscriptions">
                        {text}
                    </p>
                }
            }
            href="/subscriptions"
            link=|t| t.overview.see_subscriptions
        />
        <Tile
            id="tile-defender"
            title=|t| t.overview.tile_defender
            data=defender
            show=|t, tag, plans| {
                let onboarded: Vec<_> = plans
                    .iter()
                    .filter(|p| p.status != DefenderPlanStatus::Offboarded)
                    .collect();
                let devices: i64 = onboarded.iter().map(|p| p.device_quota).sum();
                let text = (t
                    .overview
                    .devices_committed)(&format::integer(tag, devices), onboarded.len() as i64);
                view! {
                    <p class="figure" data-testid="tile-defender">
                        {text}
                    </p>
                }
            }
            href="/pricing"
            link=|t| t.overview.see_pricing
        />
        <Tile
            id="tile-orders"
            title=|t| t.overview.tile_orders
            data=orders
            show=|t, _tag, list| {
                let open = list.iter().filter(|o| o.status == OrderStatus::Pending).count() as i64;
                view! {
                    <p class="figure" data-testid="tile-orders">
                        {(t.overview.orders_open)(open)}
                    </p>
                }
            }
            href="/orders"
            link=|t| t.overview.see_orders
        />
        // What the customer should act on: a legacy Microsoft Azure subscription to upgrade,
        // from the list the subscriptions tile reads (one request). Nothing while there is none.
        {remote_view_with(
            ViewFn::from(|| ()),
            subscriptions,
            move |list| {
                let legacy: Vec<(String, String)> = list
                    .into_iter()
                    .filter(|s| {
                        s.offer_id == upgrade::LEGACY_AZURE_OFFER
                            && s.status != SubscriptionStatus::Deleted
                    })
                    .map(|s| (s.id, s.friendly_name))
                    .collect();
                (!legacy.is_empty()).then(|| view! { <Attention legacy=legacy /> })
            },
        )}
    }
}

#[component]
fn Attention(legacy: Vec<(String, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <section class="card attention" aria-labelledby="attention-heading">
            <h2 id="attention-heading">{move || t().overview.attention}</h2>
            <ul>
                {legacy
                    .into_iter()
                    .map(|(id, name)| {
                        view! {
                            <li>
                                <A href=format!(
                                    "/subscriptions/{id}",
                                )>{move || (t().upgrade.available)(&name)}</A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
