//! `/customers/:id`: one customer as its partner sees it: its account (Microsoft ID, domain,
//! address, contact), the relationship (status, delegated access, since, until), its
//! subscriptions, and the seed's link to its directory in the Azure portal. Partner admins end
//! the relationship here.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_domain::Customer;
use portal_domain::relationship::{PartnerRelationship, RelationshipStatus};
use portal_domain::subscription::Subscription;

use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{Head, TableHead, remote_view, subscription_badge, use_page_title};
use crate::i18n::{format, use_i18n};
use crate::pages::{Directory, EndRelationshipDialog, UserDirectory};
use crate::session::use_session;

/// Everything the page shows, read together.
#[derive(Clone)]
struct CustomerFile {
    customer: Customer,
    relationship: Option<PartnerRelationship>,
    subscriptions: Vec<Subscription>,
}

#[component]
pub fn CustomerDetail() -> impl IntoView {
    use_page_title(|t| t.customers().detail_title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let params = use_params_map();
    let file = LocalResource::new(move || {
        let api = api.clone();
        let id = params.read().get("id").unwrap_or_default();
        async move {
            let customer = api.customer(&id).await?;
            let relationship = api.relationships(&id).await?.into_iter().next();
            let subscriptions = api.subscriptions(&id).await?;
            Ok::<_, ApiError>(CustomerFile { customer, relationship, subscriptions })
        }
    });
    view! {
        // The customer's name is the heading once it is read; until then, or if it cannot be:
        <Show when=move || !file.with(|f| matches!(f, Some(Ok(_))))>
            <h1>{move || t().customers().detail_title}</h1>
        </Show>
        {remote_view(file, |file| view! { <File file=file /> })}
    }
}

#[component]
fn File(file: CustomerFile) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let navigate = use_navigate();
    // The partner's global admins and admin agents end the relationship and manage its users.
    let may_end = session.me().is_some_and(|me| me.creates_customers());
    let CustomerFile { customer, relationship, subscriptions } = file;
    let Customer { id, company_profile, billing_profile, currency, .. } = customer;
    let name = company_profile.company_name.clone();
    let address = billing_profile.default_address;
    let country = address.country.clone();
    let directory = Directory::Customer { id: id.clone(), country: country.clone() };
    let contact = [address.first_name, address.last_name].into_iter().flatten().collect::<Vec<_>>();
    let street = [address.address_line1, address.postal_code, address.city]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let contact_line = [Some(contact.join(" ")), billing_profile.email, address.phone_number]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let azure_portal = format!("https://portal.azure.com/#@{}", company_profile.tenant_id);
    let ending = RwSignal::new(false);
    let ended = RwSignal::new(false);
    let put_in_view = {
        let id = id.clone();
        move |_| {
            session.set_customer_in_view(Some(id.clone()));
            navigate("/subscriptions", Default::default());
        }
    };
    let end_name = name.clone();
    view! {
        <h1>{name.clone()}</h1>
        <p id="customer-notice" class="change-notice" role="status" tabindex="-1">
            {
                let name = name.clone();
                move || ended.get().then(|| (t().customers().ended)(&name))
            }
        </p>
        <div class="actions">
            <button type="button" class="button primary" on:click=put_in_view>
                {move || t().customers().put_in_view}
            </button>
            <a href=azure_portal class="button secondary" target="_blank" rel="noopener noreferrer">
                {move || t().customers().azure_portal}
            </a>
        </div>
        <p class="hint">{move || t().customers().azure_portal_hint}</p>
        <section aria-labelledby="account-title">
            <h2 id="account-title">{move || t().customers().account_details}</h2>
            <dl class="facts">
                <dt>{move || t().customers().col_microsoft_id}</dt>
                <dd class="identifier">{company_profile.tenant_id.clone()}</dd>
                <dt>{move || t().domain}</dt>
                <dd>{company_profile.domain}</dd>
                <dt>{move || t().country}</dt>
                <dd>{move || format::region_name(&i18n.format_tag(), &country)}</dd>
                <dt>{move || t().billing_currency}</dt>
                <dd>{currency}</dd>
                {(!street.is_empty())
                    .then(|| {
                        view! {
                            <dt>{move || t().customers().address}</dt>
                            <dd>{street}</dd>
                        }
                    })}
                {billing_profile
                    .vat_number
                    .map(|vat| {
                        view! {
                            <dt>{move || t().customers().vat_number_short}</dt>
                            <dd class="identifier">{vat}</dd>
                        }
                    })}
                {(!contact_line.is_empty())
                    .then(|| {
                        view! {
                            <dt>{move || t().customers().contact}</dt>
                            <dd>{contact_line}</dd>
                        }
                    })}
            </dl>
        </section>
        <section aria-labelledby="relationship-title">
            <h2 id="relationship-title">{move || t().customers().relationship}</h2>
            {relationship
                .map(|r| {
                    let date = move |at: &Option<String>| {
                        at.as_deref()
                            .map(|at| format::timestamp_date(&i18n.format_tag(), at))
                            .unwrap_or_default()
                    };
                    let (since, until) = (r.accepted_at.clone(), r.expires_at.clone());
                    let status = r.status;
                    view! {
                        <dl class="facts">
                            <dt>{move || t().col_status}</dt>
                            <dd>
                                {move || {
                                    if ended.get() {
                                        t().relationship_status(RelationshipStatus::Ended)
                                    } else {
                                        t().relationship_status(status)
                                    }
                                }}
                            </dd>
                            <dt>{move || t().relationships().col_access}</dt>
                            <dd>
                                <ul class="plain">
                                    {r
                                        .delegated_roles
                                        .into_iter()
                                        .map(|role| {
                                            view! { <li>{move || t().delegated_role_name(role)}</li> }
                                        })
                                        .collect_view()}
                                </ul>
                            </dd>
                            <dt>{move || t().relationships().col_since}</dt>
                            <dd>{move || date(&since)}</dd>
                            <dt>{move || t().relationships().col_expires}</dt>
                            <dd>{move || date(&until)}</dd>
                        </dl>
                    }
                })}
            {(may_end)
                .then(|| {
                    view! {
                        <Show when=move || !ended.get()>
                            <button
                                type="button"
                                id="end-relationship"
                                class="button danger"
                                on:click=move |_| ending.set(true)
                            >
                                {move || t().relationships().end}
                            </button>
                        </Show>
                    }
                })}
        </section>
        {may_end
            .then(|| {
                view! {
                    <section aria-labelledby="users-title">
                        <h2 id="users-title">{move || t().users().title}</h2>
                        <p class="hint">{move || t().users().intro_customer}</p>
                        <UserDirectory directory=directory />
                    </section>
                }
            })}
        <section aria-labelledby="customer-subscriptions-title">
            <h2 id="customer-subscriptions-title">{move || t().customers().subscriptions}</h2>
            <SubscriptionList subscriptions=subscriptions />
        </section>
        {move || {
            ending
                .get()
                .then(|| {
                    let on_close = Callback::new(move |()| {
                        ending.set(false);
                        browser::focus(
                            if ended.get_untracked() {
                                "customer-notice"
                            } else {
                                "end-relationship"
                            },
                        );
                    });
                    view! {
                        <EndRelationshipDialog
                            customer_id=id.clone()
                            other_side=end_name.clone()
                            by_partner=true
                            on_close=on_close
                            on_ended=Callback::new(move |()| ended.set(true))
                        />
                    }
                })
        }}
    }
}

#[component]
fn SubscriptionList(subscriptions: Vec<Subscription>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    if subscriptions.is_empty() {
        return view! { <p class="empty">{move || t().customers().no_subscriptions}</p> }
            .into_any();
    }
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{move || t().customers().subscriptions}</caption>
                <TableHead columns=[
                    Head::text(|t| t.col_name),
                    Head::text(|t| t.col_item),
                    Head::figure(|t| t.col_quantity),
                    Head::text(|t| t.col_status),
                ] />
                <tbody>
                    {subscriptions
                        .into_iter()
                        .map(|s| {
                            let quantity = s.quantity;
                            view! {
                                <tr>
                                    <th scope="row">{s.friendly_name}</th>
                                    <td>{s.offer_name}</td>
                                    <td class="numeric">
                                        {move || format::integer(&i18n.format_tag(), quantity)}
                                    </td>
                                    <td>{subscription_badge(s.status)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
