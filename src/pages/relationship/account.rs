//! `/account`: a customer user's organization and its partners; its admins end a partner's
//! relationship here.

use leptos::prelude::*;
use portal_domain::Customer;
use portal_domain::relationship::{PartnerRelationship, RelationshipStatus};

use super::EndRelationshipDialog;
use crate::api::use_api;
use crate::browser;
use crate::components::{Head, TableHead, remote_view, use_page_title};
use crate::i18n::{format, use_i18n};
use crate::pages::{Directory, UserDirectory};
use crate::session::use_session;

#[component]
pub fn Account() -> impl IntoView {
    use_page_title(|t| t.relationships().account_title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let me = session.me();
    let customer_id = me.as_ref().and_then(|me| me.customer_id.clone());
    // The customer's admins end relationships and manage its users.
    let may_end = me.is_some_and(|me| me.administers_customers());
    let Some(customer_id) = customer_id else {
        return view! {
            <h1>{move || t().relationships().account_title}</h1>
            <p class="notice info">{move || t().relationships().customers_only}</p>
        }
        .into_any();
    };
    let changed = RwSignal::new(0_u32);
    let notice = RwSignal::new(None::<String>);
    let customer = LocalResource::new({
        let (api, id) = (api.clone(), customer_id.clone());
        move || {
            let (api, id) = (api.clone(), id.clone());
            async move { api.customer(&id).await }
        }
    });
    let partners = LocalResource::new({
        let (api, id) = (api.clone(), customer_id.clone());
        move || {
            let _ = changed.get();
            let (api, id) = (api.clone(), id.clone());
            async move { api.relationships(&id).await }
        }
    });
    let ending = RwSignal::new(None::<PartnerRelationship>);
    let on_ended = Callback::new(move |partner: String| {
        notice.set(Some((i18n.t_untracked().relationships().ended)(&partner)));
        changed.update(|n| *n += 1);
    });
    view! {
        <h1>{move || t().relationships().account_title}</h1>
        <p id="account-notice" class="change-notice" role="status" tabindex="-1">
            {move || notice.get()}
        </p>
        {remote_view(
            customer,
            move |customer| {
                let directory = Directory::Customer {
                    id: customer.id.clone(),
                    country: customer.billing_profile.default_address.country.clone(),
                };
                view! {
                    <Organization customer=customer />
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
                }
            },
        )}
        <section aria-labelledby="partners-title">
            <h2 id="partners-title">{move || t().relationships().partners_title}</h2>
            {remote_view(
                partners,
                move |list| {
                    if list.is_empty() {
                        view! { <p class="empty">{move || t().relationships().no_partners}</p> }
                            .into_any()
                    } else {
                        view! { <PartnerTable partners=list may_end=may_end ending=ending /> }
                            .into_any()
                    }
                },
            )}
        </section>
        {move || {
            ending
                .get()
                .map(|partner| {
                    let on_close = Callback::new(move |()| {
                        ending.set(None);
                        browser::focus("account-notice");
                    });
                    let name = partner.name.clone();
                    view! {
                        <EndRelationshipDialog
                            customer_id=customer_id.clone()
                            other_side=partner.name
                            on_close=on_close
                            on_ended=Callback::new(move |()| on_ended.run(name.clone()))
                        />
                    }
                })
        }}
    }
    .into_any()
}

#[component]
fn Organization(customer: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let Customer { id, company_profile, billing_profile, currency, .. } = customer;
    let country = billing_profile.default_address.country.clone();
    view! {
        <section aria-labelledby="organization-title">
            <h2 id="organization-title">{move || t().relationships().organization}</h2>
            <dl class="facts">
                <dt>{move || t().company}</dt>
                <dd>{company_profile.company_name}</dd>
                <dt>{move || t().domain}</dt>
                <dd>{company_profile.domain}</dd>
                <dt>{move || t().customers().col_microsoft_id}</dt>
                <dd>{id}</dd>
                <dt>{move || t().country}</dt>
                <dd>{move || format::region_name(&i18n.format_tag(), &country)}</dd>
                <dt>{move || t().billing_currency}</dt>
                <dd>{currency}</dd>
            </dl>
        </section>
    }
}

#[component]
fn PartnerTable(
    partners: Vec<PartnerRelationship>,
    may_end: bool,
    ending: RwSignal<Option<PartnerRelationship>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">
                    {move || t().relationships().partners_caption}
                </caption>
                <TableHead columns=[
                    Head::text(|t| t.relationships().col_partner),
                    Head::text(|t| t.col_status),
                    Head::text(|t| t.relationships().col_access),
                    Head::text(|t| t.relationships().col_since),
                    Head::text(|t| t.relationships().col_expires),
                    Head::text(|t| t.actions),
                ] />
                <tbody>
                    {partners
                        .into_iter()
                        .map(|partner| {
                            let status = partner.status;
                            let roles = partner.delegated_roles.clone();
                            let since = partner.accepted_at.clone();
                            let until = partner.ended_at.clone().or(partner.expires_at.clone());
                            let date = move |at: &Option<String>| {
                                at.as_deref()
                                    .map(|at| format::timestamp_date(&i18n.format_tag(), at))
                                    .unwrap_or_default()
                            };
                            let name = partner.name.clone();
                            let label = partner.name.clone();
                            view! {
                                <tr>
                                    <th scope="row">{name}</th>
                                    <td>{move || t().relationship_status(status)}</td>
                                    <td>
                                        <ul class="plain">
                                            {roles
                                                .into_iter()
                                                .map(|role| {
                                                    view! { <li>{move || t().delegated_role_name(role)}</li> }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </td>
                                    <td>{move || date(&since)}</td>
                                    <td>{move || date(&until)}</td>
                                    <td>
                                        {(may_end && status == RelationshipStatus::Active)
                                            .then(|| {
                                                view! {
                                                    <button
                                                        type="button"
                                                        class="button danger small"
                                                        aria-label=move || { (t().relationships().end_for)(&label) }
                                                        on:click=move |_| { ending.set(Some(partner.clone())) }
                                                    >
                                                        {move || t().relationships().end}
                                                    </button>
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
