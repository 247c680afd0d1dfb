//! `/customers`: the partner's customers and a way to put one in view; the customers it has
//! created that have not accepted yet; creating one (`create.rs`).

mod create;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_domain::Customer;

use create::CreateCustomerDialog;

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
    let notice = RwSignal::new(None::<String>);
    let on_created = Callback::new(move |name: String| {
        notice.set(Some((i18n.t_untracked().customers.created)(&name)));
        created.update(|n| *n += 1);
    });
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
                {remote_view_with(
                    ViewFn::from(|| ()),
                    pending,
                    move |list| {
                        (!list.is_empty()).then(|| view! { <PendingTable customers=list /> })
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

/// The customers the partner created that have not accepted the relationship yet.
#[component]
fn PendingTable(customers: Vec<Customer>) -> impl IntoView {
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
                    ] />
                    <tbody>
                        {customers
                            .into_iter()
                            .map(|c| {
                                let country = c.billing_profile.default_address.country;
                                view! {
                                    <tr>
                                        <th scope="row">{c.company_profile.company_name}</th>
                                        <td>{c.company_profile.domain}</td>
                                        <td>{c.company_profile.tenant_id}</td>
                                        <td>
                                            {move || format::region_name(&i18n.format_tag(), &country)}
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
