//! `/orders` and `/orders/{id}`: what was ordered, with a status that updates on its own while
//! the subscriptions are provisioned.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_domain::order::{Order, OrderStatus};
use portal_domain::subscription::Subscription;
use portal_domain::{Amount, Customer};

use crate::api::{ApiError, use_api};
use crate::components::{
    Head, TableHead, customer_view, refresh_while, subscription_badge, use_page_title,
};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;

fn status_badge(status: OrderStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        OrderStatus::Pending => "badge pending",
        OrderStatus::Completed => "badge done",
        OrderStatus::Cancelled => "badge",
        OrderStatus::Failed => "badge failed",
    };
    view! { <span class=class>{move || i18n.t().order_status(status)}</span> }
}

#[component]
pub fn Orders() -> impl IntoView {
    use_page_title(|t| t.orders().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let orders = LocalResource::new(move || {
        let (api, customer) = (api.clone(), session.customer_in_view());
        async move {
            let Some(id) = customer else { return Ok(None) };
            let customer = api.customer(&id).await?;
            Ok::<_, ApiError>(Some((customer, api.orders(&id).await?)))
        }
    });
    refresh_while(orders, |found| {
        found
            .as_ref()
            .is_some_and(|(_, list)| list.iter().any(|o| o.status == OrderStatus::Pending))
    });

    view! {
        <h1>{move || t().orders().title}</h1>
        {customer_view(
            orders,
            move |(customer, list)| {
                if list.is_empty() {
                    view! {
                        <p class="empty">{move || t().orders().empty}</p>
                        <A href="/pricing">{move || t().browse_pricing}</A>
                    }
                        .into_any()
                } else {
                    view! { <OrderTable customer=customer orders=list /> }.into_any()
                }
            },
        )}
    }
}

#[component]
fn OrderTable(customer: Customer, orders: Vec<Order>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let company = customer.company_profile.company_name;
    view! {
        <div class="table-wrap">
            <table>
                <caption>{move || (t().orders().caption)(&company)}</caption>
                <TableHead columns=[
                    Head::text(|t| t.orders().col_order),
                    Head::text(|t| t.orders().col_placed),
                    Head::text(|t| t.col_billing),
                    Head::text(|t| t.col_status),
                    Head::text(|t| t.orders().col_charged),
                ] />
                <tbody>
                    {orders
                        .into_iter()
                        .map(|order| {
                            let href = format!("/orders/{}", order.id);
                            let (id, created, currency) = (
                                order.alternate_id.clone(),
                                order.creation_date.clone(),
                                order.currency_code.clone(),
                            );
                            let total = order.total_price.unwrap_or(Amount::ZERO);
                            let cycle = order.billing_cycle;
                            view! {
                                <tr>
                                    <th scope="row">
                                        <A href=href>{move || (t().order_heading)(&id)}</A>
                                    </th>
                                    <td>
                                        {move || format::timestamp_date(
                                            &i18n.format_tag(),
                                            &created,
                                        )}
                                    </td>
                                    <td>{move || t().billing_cycle(cycle)}</td>
                                    <td>{status_badge(order.status)}</td>
                                    <td>
                                        {move || format::money(
                                            &i18n.format_tag(),
                                            total,
                                            &currency,
                                        )}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn OrderDetail() -> impl IntoView {
    use_page_title(|t| t.orders().col_order);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let params = use_params_map();
    let detail = LocalResource::new(move || {
        let (api, customer) = (api.clone(), session.customer_in_view());
        let order_id = params.read().get("id").unwrap_or_default();
        async move {
            let Some(customer) = customer else { return Ok(None) };
            let order = api.order(&customer, &order_id).await?;
            let subscriptions = api.subscriptions_of_order(&customer, &order_id).await?;
            Ok::<_, ApiError>(Some((order, subscriptions)))
        }
    });
    refresh_while(detail, |found| {
        found.as_ref().is_some_and(|(order, _)| order.status == OrderStatus::Pending)
    });

    let heading = move || {
        detail
            .with(|d| {
                d.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .and_then(|o| o.as_ref().map(|(order, _)| order.alternate_id.clone()))
            })
            .map(|id| (t().order_heading)(&id))
            .unwrap_or_else(|| t().orders().col_order.to_owned())
    };
    view! {
        <p>
            <A href="/orders">{move || t().all_orders}</A>
        </p>
        <h1>{heading}</h1>
        {customer_view(
            detail,
            |(order, subscriptions)| view! { <OrderView order=order subscriptions=subscriptions /> },
        )}
    }
}

#[component]
fn OrderView(order: Order, subscriptions: Vec<Subscription>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (created, currency, cycle) =
        (order.creation_date.clone(), order.currency_code.clone(), order.billing_cycle);
    let total = order.total_price.unwrap_or(Amount::ZERO);
    let failure = order.failure_reason;
    // The page's heading names the order.
    view! {
        {failure
            .map(|failure| {
                view! {
                    <p class="notice error" data-testid="order-failure">
                        {move || t().provisioning_failure(failure)}
                    </p>
                }
            })}
        <dl class="details">
            <dt>{move || t().col_status}</dt>
            <dd>
                <span role="status">{status_badge(order.status)}</span>
            </dd>
            <dt>{move || t().orders().col_placed}</dt>
            <dd>{move || format::timestamp_date(&i18n.format_tag(), &created)}</dd>
            <dt>{move || t().col_billing}</dt>
            <dd>{move || t().billing_cycle(cycle)}</dd>
            <dt>{move || t().orders().col_charged}</dt>
            <dd>
                {
                    let currency = currency.clone();
                    move || format::money(&i18n.format_tag(), total, &currency)
                }
            </dd>
        </dl>
        <div class="table-wrap">
            <table>
                <TableHead columns=[
                    Head::text(|t| t.col_item),
                    Head::text(|t| t.col_commitment),
                    Head::text(|t| t.col_quantity),
                    Head::text(|t| t.col_unit_price),
                    Head::text(|t| t.orders().col_charged),
                    Head::text(|t| t.col_subscription),
                ] />
                <tbody>
                    {order
                        .line_items
                        .into_iter()
                        .map(|line| {
                            let subscription = subscriptions
                                .iter()
                                .find(|s| Some(&s.id) == line.subscription_id.as_ref())
                                .cloned();
                            let pricing = line.pricing.clone();
                            let (currency_a, currency_b) = (currency.clone(), currency.clone());
                            let term = line.term_duration.clone();
                            view! {
                                <tr>
                                    <th scope="row">{line.friendly_name.clone()}</th>
                                    <td>
                                        {move || match &term {
                                            Some(term) => t().offer_option(term, cycle),
                                            None => t().no_commitment.to_owned(),
                                        }}
                                    </td>
                                    <td>{line.quantity}</td>
                                    <td>
                                        {
                                            let pricing = pricing.clone();
                                            move || {
                                                pricing
                                                    .as_ref()
                                                    .map(|p| format::money(
                                                        &i18n.format_tag(),
                                                        p.list_price,
                                                        &currency_a,
                                                    ))
                                                    .unwrap_or_default()
                                            }
                                        }
                                    </td>
                                    <td>
                                        {move || {
                                            pricing
                                                .as_ref()
                                                .map(|p| format::money(
                                                    &i18n.format_tag(),
                                                    p.prorated_price,
                                                    &currency_b,
                                                ))
                                                .unwrap_or_default()
                                        }}
                                    </td>
                                    <td>
                                        {subscription
                                            .map(|s| {
                                                let status = s.status;
                                                view! {
                                                    <A href=format!(
                                                        "/subscriptions/{}",
                                                        s.id,
                                                    )>{s.friendly_name}</A>
                                                    " – "
                                                    {subscription_badge(status)}
                                                }
                                            })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
