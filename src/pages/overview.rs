//! `/`: who is signed in, the partner's tiles across its customers, the customer in view with
//! its tiles, and the billing period in progress.

use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::{BillingPeriod, Customer, RelationshipToPartner};

use crate::api::{ApiError, use_api};
use crate::components::{remote_view, use_page_title};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;

#[component]
pub fn Overview() -> impl IntoView {
    use_page_title(|t| t.overview().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let is_partner = move || session.me().is_some_and(|me| me.is_partner_user());
    let name = move || session.me().map(|me| me.display_name).unwrap_or_default();
    if session.me_untracked().is_some_and(|me| me.is_subscription_scoped()) {
        return view! {
            <h1>{move || t().overview().title}</h1>
            <p class="notice info">{move || i18n.t().users().scoped_intro}</p>
            <ul>
                <li>
                    <A href="/subscriptions">{move || i18n.t().users().see_subscriptions}</A>
                </li>
                <li>
                    <A href="/usage">{move || i18n.t().users().see_usage}</A>
                </li>
            </ul>
        }
        .into_any();
    }

    let customer = LocalResource::new(move || {
        let (api, id) = (api.clone(), session.customer_in_view());
        async move {
            match id {
                // A customer no longer visible is as good as none chosen.
                Some(id) => match api.customer(&id).await {
                    Err(ApiError::NotFound) => Ok(None),
                    found => found.map(Some),
                },
                None => Ok(None),
            }
        }
    });
    let period = BillingPeriod::containing(format::today_utc());

    view! {
        <h1>{move || t().overview().title}</h1>
        <p class="lead">{move || (t().overview().welcome)(&name())}</p>
        <Show when=is_partner>
            <crate::pages::overview_tiles::PartnerTiles />
        </Show>
        <div class="cards">
            <section class="card" aria-labelledby="customer-heading">
                <h2 id="customer-heading">{move || t().customer_in_view}</h2>
                {remote_view(
                    customer,
                    move |found| match found {
                        Some(c) => view! { <CustomerDetails customer=c /> }.into_any(),
                        None => {
                            view! {
                                <p>{move || t().overview().no_customer_in_view}</p>
                                <Show when=is_partner>
                                    <A href="/customers">
                                        {move || t().overview().see_all_customers}
                                    </A>
                                </Show>
                            }
                                .into_any()
                        }
                    },
                )}
            </section>
            <section class="card" aria-labelledby="period-heading">
                <h2 id="period-heading">{move || t().overview().billing_period}</h2>
                <p class="figure">
                    {move || {
                        let tag = i18n.format_tag();
                        (t()
                            .overview()
                            .billing_period_range)(
                            &format::long_date(&tag, period.start),
                            &format::long_date(&tag, period.end),
                        )
                    }}
                </p>
                <p class="hint">{move || t().overview().billing_period_explained}</p>
            </section>
            {move || {
                session
                    .customer_in_view()
                    .map(|id| {
                        view! {
                            <crate::pages::overview_tiles::CustomerTiles
                                customer_id=id
                                own_invoices=!is_partner()
                            />
                        }
                    })
            }}
        </div>
    }
    .into_any()
}

#[component]
fn CustomerDetails(customer: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let Customer { company_profile, billing_profile, currency, relationship_to_partner, .. } =
        customer;
    let country = billing_profile.default_address.country;
    let is_reseller = relationship_to_partner == RelationshipToPartner::Reseller;
    view! {
        <dl class="details">
            <dt>{move || t().company}</dt>
            <dd>{company_profile.company_name}</dd>
            <dt>{move || t().domain}</dt>
            <dd>{company_profile.domain}</dd>
            <dt>{move || t().country}</dt>
            <dd>{move || format::region_name(&i18n.format_tag(), &country)}</dd>
            <dt>{move || t().billing_currency}</dt>
            <dd>
                {move || {
                    format!("{} ({currency})", format::currency_name(&i18n.format_tag(), &currency))
                }}
            </dd>
            {is_reseller
                .then(|| {
                    view! {
                        <dt>{move || t().overview().relationship}</dt>
                        <dd>{move || t().overview().relationship_reseller}</dd>
                    }
                })}
        </dl>
    }
}
