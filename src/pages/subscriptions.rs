//! `/subscriptions`: the customer's subscriptions, with a filter by status and a search by name.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::Customer;
use portal_domain::subscription::{Subscription, SubscriptionStatus};

use crate::api::{ApiError, use_api};
use crate::components::{Head, TableHead, customer_view, subscription_badge, use_page_title};
use crate::i18n::{Messages, format, use_i18n};
use crate::session::use_session;

const STATUSES: [SubscriptionStatus; 4] = [
    SubscriptionStatus::Active,
    SubscriptionStatus::Pending,
    SubscriptionStatus::Suspended,
    SubscriptionStatus::Deleted,
];

#[component]
pub fn Subscriptions() -> impl IntoView {
    use_page_title(|t| t.subscriptions().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let list = LocalResource::new(move || {
        let (api, customer) = (api.clone(), session.customer_in_view());
        async move {
            let Some(id) = customer else { return Ok(None) };
            let customer = api.customer(&id).await?;
            Ok::<_, ApiError>(Some((customer, api.subscriptions(&id).await?)))
        }
    });

    view! {
        <h1>{move || t().subscriptions().title}</h1>
        {customer_view(
            list,
            move |(customer, all)| {
                if all.is_empty() {
                    view! {
                        <p class="empty">{move || t().subscriptions().empty}</p>
                        <A href="/pricing">{move || t().browse_pricing}</A>
                    }
                        .into_any()
                } else {
                    view! { <SubscriptionTable customer=customer all=all /> }.into_any()
                }
            },
        )}
    }
}

/// `Renews on 21 July 2027`, `Ends on 20 July 2027`, or none (no term, or cancelled).
fn renewal(t: &Messages, tag: &str, s: &Subscription) -> String {
    match (s.renews_on(), s.term_end()) {
        _ if s.status == SubscriptionStatus::Deleted => t.subscriptions().no_renewal.to_owned(),
        (Some(day), _) => (t.subscriptions().renews_on_short)(&format::long_date(tag, day)),
        (None, Some(end)) => (t.subscriptions().ends_on_short)(&format::long_date(tag, end)),
        (None, None) => t.subscriptions().no_renewal.to_owned(),
    }
}

#[component]
fn SubscriptionTable(customer: Customer, all: Vec<Subscription>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let search = RwSignal::new(String::new());
    // An index into STATUSES; None for every status.
    let status = RwSignal::new(None::<usize>);
    let all = StoredValue::new(all);
    let shown = move || {
        let needle = search.get().trim().to_lowercase();
        let status = status.get().and_then(|i| STATUSES.get(i));
        all.with_value(|all| {
            all.iter()
                .filter(|s| status.is_none_or(|status| s.status == *status))
                .filter(|s| s.friendly_name.to_lowercase().contains(&needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let total = all.with_value(Vec::len);
    let company = customer.company_profile.company_name;

    view! {
        <div class="filters" role="search">
            <div class="field">
                <label for="subscription-search">
                    {move || t().subscriptions().search_by_name}
                </label>
                <input id="subscription-search" type="search" bind:value=search />
            </div>
            <div class="field">
                <label for="subscription-status">{move || t().col_status}</label>
                <select
                    id="subscription-status"
                    on:change=move |ev| status.set(event_target_value(&ev).parse().ok())
                >
                    <option value="">{move || t().subscriptions().all_statuses}</option>
                    {STATUSES
                        .into_iter()
                        .enumerate()
                        .map(|(i, s)| {
                            view! {
                                <option value=i
                                    .to_string()>{move || t().subscription_status(s)}</option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
        <p role="status" class="hint">
            {move || {
                let count = shown().len();
                let tag = i18n.format_tag();
                (t()
                    .subscriptions()
                    .shown)(
                    &format::integer(&tag, count as i64),
                    &format::integer(&tag, total as i64),
                    total as i64,
                )
            }}
        </p>
        {move || {
            let rows = shown();
            if rows.is_empty() {
                return view! { <p class="empty">{move || t().subscriptions().no_match}</p> }
                    .into_any();
            }
            let company = company.clone();
            view! {
                <div class="table-wrap">
                    <table>
                        <caption>{move || (t().subscriptions().caption)(&company)}</caption>
                        <TableHead columns=[
                            Head::text(|t| t.col_name),
                            Head::text(|t| t.subscriptions().col_offer),
                            Head::text(|t| t.col_quantity),
                            Head::text(|t| t.col_status),
                            Head::text(|t| t.subscriptions().col_term),
                            Head::text(|t| t.col_billing),
                            Head::text(|t| t.subscriptions().col_renewal),
                        ] />
                        <tbody>
                            {rows.into_iter().map(|s| view! { <Row s=s /> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
                .into_any()
        }}
    }
}

#[component]
fn Row(s: Subscription) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let href = format!("/subscriptions/{}", s.id);
    let (name, offer, quantity, cycle) =
        (s.friendly_name.clone(), s.offer_name.clone(), s.quantity, s.billing_cycle);
    let term = s.term_duration.clone();
    view! {
        <tr>
            <th scope="row">
                <A href=href>{name}</A>
            </th>
            <td>{offer}</td>
            <td>{move || format::integer(&i18n.format_tag(), quantity)}</td>
            <td>{subscription_badge(s.status)}</td>
            <td>
                {move || {
                    term.as_deref()
                        .map(|term| t().term(term))
                        .unwrap_or_else(|| t().no_commitment.to_owned())
                }}
            </td>
            <td>{move || t().billing_cycle(cycle)}</td>
            <td>{move || renewal(t(), &i18n.format_tag(), &s)}</td>
        </tr>
    }
}
