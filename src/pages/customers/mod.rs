//! `/customers`: the partner's customers and a way to put one in view; the customers it has
//! created that have not accepted yet; creating one (`create.rs`) and the links that ask a
//! customer to accept (`invite.rs`).

mod create;
mod invite;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_domain::Customer;

use create::CreateCustomerDialog;
use invite::{InvitationDialog, RequestLinkDialog};

use crate::api::use_api;
use crate::components::{Head, TableHead, remote_view, remote_view_with, use_page_title};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;

#[component]
pub fn Customers() -> impl IntoView {
    use_page_title(|t| t.customers.title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let is_partner = session.me().is_some_and(|me| me.is_partner_user());

    let may_create = session.me().is_some_and(|me| me.creates_customers());
    let customers = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move { api.customers().await }
        }
    });
    let created = RwSignal::new(0_u32);
    let pending = LocalResource::new(move || {
        let _ = created.get();
        let api = api.clone();
        async move { if is_partner { api.pending_customers().await } else { Ok(Vec::new()) } }
    });
    let creating = RwSignal::new(false);
    let requesting = RwSignal::new(false);
    // The customer (id, name) whose invitation link is being shown.
    let inviting = RwSignal::new(None::<(String, String)>);
    let notice = RwSignal::new(None::<String>);
    let on_created = Callback::new(move |customer: Customer| {
        let name = customer.company_profile.company_name;
        notice.set(Some((i18n.t_untracked().customers.created)(&name)));
        created.update(|n| *n += 1);
        // What comes next: the link for its first admin.
        inviting.set(Some((customer.id, name)));
    });
    let on_invite = Callback::new(move |customer: (String, String)| inviting.set(Some(customer)));
    let on_close = Callback::new(move |()| {
        creating.set(false);
        // The button that opened it, or what the page now says.
        crate::browser::focus(if notice.with_untracked(Option::is_some) {
            "customers-notice"
        } else {
            "new-customer"
        });
    });

    view! {
        <h1>{move || t().customers.title}</h1>
        {if !is_partner {
            view! { <p class="notice info">{move || t().customers.partner_only}</p> }.into_any()
        } else {
            view! {
                {may_create
                    .then(|| {
                        view! {
                            <div class="actions">
                                <button
                                    type="button"
                                    id="new-customer"
                                    class="button primary"
                                    on:click=move |_| {
                                        notice.set(None);
                                        creating.set(true);
                                    }
                                >
                                    {move || t().customers.new_customer}
                                </button>
                                <button
                                    type="button"
                                    id="request-relationship"
                                    class="button secondary"
                                    on:click=move |_| requesting.set(true)
                                >
                                    {move || t().customers.request_link}
                                </button>
                            </div>
                        }
                    })}
                <p id="customers-notice" class="change-notice" role="status" tabindex="-1">
                    {move || notice.get()}
                </p>
                {move || {
                    creating
                        .get()
                        .then(|| {
                            view! {
                                <CreateCustomerDialog on_close=on_close on_created=on_created />
                            }
                        })
                }}
                {move || {
                    requesting
                        .get()
                        .then(|| {
                            let on_close = Callback::new(move |()| {
                                requesting.set(false);
                                crate::browser::focus("request-relationship");
                            });
                            view! { <RequestLinkDialog on_close=on_close /> }
                        })
                }}
                {move || {
                    inviting
                        .get()
                        .map(|(id, name)| {
                            let button = format!("invite-{id}");
                            let on_close = Callback::new(move |()| {
                                inviting.set(None);
                                crate::browser::focus(&button);
                            });
                            view! {
                                <InvitationDialog
                                    customer_id=id
                                    company_name=name
                                    on_close=on_close
                                />
                            }
                        })
                }}
                {remote_view_with(
                    ViewFn::from(|| ()),
                    pending,
                    move |list| {
                        (!list.is_empty())
                            .then(|| {
                                view! {
                                    <PendingTable
                                        customers=list
                                        may_invite=may_create
                                        on_invite=on_invite
                                    />
                                }
                            })
                    },
                )}
                {remote_view(
                    customers,
                    move |list| {
                        if list.is_empty() {
                            view! { <p class="empty">{move || t().customers.empty}</p> }.into_any()
                        } else {
                            view! { <CustomerTable customers=list /> }.into_any()
                        }
                    },
                )}
            }
                .into_any()
        }}
    }
}

/// The customers the partner created that have not accepted the relationship (yet, or that
/// declined), each with a way to get a new invitation link for it.
#[component]
fn PendingTable(
    customers: Vec<Customer>,
    may_invite: bool,
    on_invite: Callback<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <section aria-labelledby="pending-customers-title">
            <h2 id="pending-customers-title">{move || t().customers.pending_title}</h2>
            <p class="hint">{move || t().customers.pending_intro}</p>
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">
                        {move || t().customers.pending_caption}
                    </caption>
                    <TableHead columns=[
                        Head::text(|t| t.company),
                        Head::text(|t| t.domain),
                        Head::text(|t| t.customers.col_microsoft_id),
                        Head::text(|t| t.country),
                        Head::text(|t| t.customers.col_relationship),
                        Head::text(|t| t.actions),
                    ] />
                    <tbody>
                        {customers
                            .into_iter()
                            .map(|c| {
                                let country = c.billing_profile.default_address.country;
                                let status = c.relationship_status;
                                let name = c.company_profile.company_name;
                                let (id, label) = (c.id, name.clone());
                                view! {
                                    <tr>
                                        <th scope="row">{name.clone()}</th>
                                        <td>{c.company_profile.domain}</td>
                                        <td>{c.company_profile.tenant_id}</td>
                                        <td>
                                            {move || format::region_name(&i18n.format_tag(), &country)}
                                        </td>
                                        <td>
                                            {move || status.map(|s| t().relationship_status(s))}
                                        </td>
                                        <td>
                                            {may_invite
                                                .then(|| {
                                                    let button = format!("invite-{id}");
                                                    view! {
                                                        <button
                                                            type="button"
                                                            id=button
                                                            class="button secondary small"
                                                            aria-label=move || {
                                                                (t().customers.invitation_link_for)(&label)
                                                            }
                                                            on:click=move |_| {
                                                                on_invite.run((id.clone(), name.clone()))
                                                            }
                                                        >
                                                            {move || t().customers.invitation_link}
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
        </section>
    }
}

#[component]
fn CustomerTable(customers: Vec<Customer>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let count = customers.len() as i64;
    view! {
        <p class="lead">
            {move || (t().customers.count)(&format::integer(&i18n.format_tag(), count), count)}
        </p>
        <div class="table-wrap">
            <table>
                <caption>{move || t().customers.caption}</caption>
                <TableHead columns=[
                    Head::text(|t| t.company),
                    Head::text(|t| t.domain),
                    Head::text(|t| t.country),
                    Head::text(|t| t.billing_currency),
                    Head::text(|t| t.actions),
                ] />
                <tbody>
                    {customers
                        .into_iter()
                        .map(|c| view! { <CustomerRow customer=c /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CustomerRow(customer: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let navigate = use_navigate();
    let Customer { id, company_profile, billing_profile, currency, .. } = customer;
    let name = company_profile.company_name;
    let country = billing_profile.default_address.country;
    let in_view = {
        let id = id.clone();
        move || session.customer_in_view().as_deref() == Some(id.as_str())
    };
    let label_name = name.clone();
    let put_in_view = move |_| {
        session.set_customer_in_view(Some(id.clone()));
        navigate("/", Default::default());
    };
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td>{company_profile.domain}</td>
            <td>{move || format::region_name(&i18n.format_tag(), &country)}</td>
            <td>{currency}</td>
            <td>
                <Show
                    when=in_view
                    fallback=move || {
                        let put_in_view = put_in_view.clone();
                        let label_name = label_name.clone();
                        view! {
                            <button
                                type="button"
                                class="button secondary small"
                                aria-label=move || (t().customers.view_customer)(&label_name)
                                on:click=put_in_view
                            >
                                {move || t().customers.view}
                            </button>
                        }
                    }
                >
                    <span class="badge">{move || t().customers.in_view}</span>
                </Show>
            </td>
        </tr>
    }
}
