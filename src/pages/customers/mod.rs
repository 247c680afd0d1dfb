//! `/customers`: the partner's customers, found by name, domain or Microsoft ID and filtered by
//! where their relationship stands, each with a way to put it in view or open it
//! (`detail.rs`); creating one (`create.rs`) and the links that ask a customer to accept
//! (`invite.rs`).

mod create;
mod detail;
mod invite;

pub use detail::CustomerDetail;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_domain::Customer;
use portal_domain::relationship::RelationshipStatus;

use create::CreateCustomerDialog;
use invite::{InvitationDialog, RequestLinkDialog};

use crate::api::use_api;
use crate::components::{Head, TableHead, remote_view, use_page_title};
use crate::i18n::{Messages, format, use_i18n};
use crate::session::use_session;

/// A choice's words.
type Label = fn(&Messages) -> &'static str;

/// The relationship filter's choices (the `relationshipStatus` sent): one status each, then all.
const FILTERS: [(&str, Label); 6] = [
    ("active", |t| t.relationships().status_active),
    ("pending", |t| t.relationships().status_pending),
    ("declined", |t| t.relationships().status_declined),
    ("ended", |t| t.relationships().status_ended),
    ("expired", |t| t.relationships().status_expired),
    ("active,pending,declined,ended,expired", |t| t.customers().filter_all),
];

#[component]
pub fn Customers() -> impl IntoView {
    use_page_title(|t| t.customers().title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let is_partner = session.me().is_some_and(|me| me.is_partner_user());
    let may_create = session.me().is_some_and(|me| me.creates_customers());

    // What the list shows: the search sent (the box may hold more typing), the filter, how many
    // pages; `reloads` asks again after a change.
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    // The filter a link asked for (the overview's "pending"), if it is one of the choices.
    let asked = use_query_map().with_untracked(|q| q.get("relationshipStatus"));
    let filter = RwSignal::new(
        asked
            .filter(|a| FILTERS.iter().any(|(value, _)| value == a))
            .unwrap_or_else(|| FILTERS[0].0.to_owned()),
    );
    let pages = RwSignal::new(1_usize);
    let reloads = RwSignal::new(0_u32);
    let customers = LocalResource::new(move || {
        let (search, filter, pages, _) = (search.get(), filter.get(), pages.get(), reloads.get());
        let api = api.clone();
        async move {
            if is_partner {
                api.find_customers(&search, &filter, pages).await
            } else {
                Ok((Vec::new(), false))
            }
        }
    });
    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        pages.set(1);
        search.set(typed.get_untracked());
    };

    let creating = RwSignal::new(false);
    let requesting = RwSignal::new(false);
    // The customer (id, name) whose invitation link is being shown.
    let inviting = RwSignal::new(None::<(String, String)>);
    let notice = RwSignal::new(None::<String>);
    let on_created = Callback::new(move |customer: Customer| {
        let name = customer.company_profile.company_name;
        notice.set(Some((i18n.t_untracked().customers().created)(&name)));
        // Shown where it now is, among those waiting for an answer.
        filter.set("pending".to_owned());
        pages.set(1);
        reloads.update(|n| *n += 1);
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
    let caption = move || {
        let t = t();
        let chosen = filter.get();
        match FILTERS.iter().find(|(value, _)| *value == chosen) {
            Some(("active", _)) | None => t.customers().caption.to_owned(),
            Some((_, label)) => (t.customers().caption_filtered)(label(t)),
        }
    };

    view! {
        <h1>{move || t().customers().title}</h1>
        {if !is_partner {
            view! { <p class="notice info">{move || t().customers().partner_only}</p> }.into_any()
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
                                    {move || t().customers().new_customer}
                                </button>
                                <button
                                    type="button"
                                    id="request-relationship"
                                    class="button secondary"
                                    on:click=move |_| requesting.set(true)
                                >
                                    {move || t().customers().request_link}
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
                <form class="filters" role="search" on:submit=on_search>
                    <div class="field">
                        <label for="customer-search">{move || t().customers().search}</label>
                        <input id="customer-search" type="search" bind:value=typed />
                    </div>
                    <div class="field">
                        <label for="customer-filter">
                            {move || t().customers().col_relationship}
                        </label>
                        <select
                            id="customer-filter"
                            prop:value=move || filter.get()
                            on:change=move |ev| {
                                pages.set(1);
                                filter.set(event_target_value(&ev));
                            }
                        >
                            {FILTERS
                                .iter()
                                .map(|(value, label)| {
                                    let label = *label;
                                    let chosen = filter.with_untracked(|f| f == value);
                                    // Chosen as the page opens, before `prop:value` can.
                                    view! {
                                        <option value=*value selected=chosen>
                                            {move || label(t())}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <button type="submit" class="button secondary">
                            {move || t().customers().search_button}
                        </button>
                    </div>
                </form>
                {remote_view(
                    customers,
                    move |(list, more)| {
                        if list.is_empty() {
                            let narrowed = move || {
                                !search.with(String::is_empty) || filter.with(|f| f != FILTERS[0].0)
                            };
                            view! {
                                <p class="empty">
                                    {move || {
                                        if narrowed() {
                                            t().customers().no_match
                                        } else {
                                            t().customers().empty
                                        }
                                    }}
                                </p>
                            }
                                .into_any()
                        } else {
                            view! {
                                <CustomerTable
                                    customers=list
                                    caption=Signal::derive(caption)
                                    may_invite=may_create
                                    on_invite=on_invite
                                />
                                {more
                                    .then(|| {
                                        view! {
                                            <p>
                                                <button
                                                    type="button"
                                                    class="button secondary"
                                                    on:click=move |_| pages.update(|n| *n += 1)
                                                >
                                                    {move || t().customers().load_more}
                                                </button>
                                            </p>
                                        }
                                    })}
                            }
                                .into_any()
                        }
                    },
                )}
            }
                .into_any()
        }}
    }
}

#[component]
fn CustomerTable(
    customers: Vec<Customer>,
    caption: Signal<String>,
    may_invite: bool,
    on_invite: Callback<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let count = customers.len() as i64;
    view! {
        <p class="lead">
            {move || (t().customers().count)(&format::integer(&i18n.format_tag(), count), count)}
        </p>
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <TableHead columns=[
                    Head::text(|t| t.company),
                    Head::text(|t| t.domain),
                    Head::text(|t| t.customers().col_microsoft_id),
                    Head::text(|t| t.country),
                    Head::text(|t| t.billing_currency),
                    Head::text(|t| t.customers().col_relationship),
                    Head::text(|t| t.actions),
                ] />
                <tbody>
                    {customers
                        .into_iter()
                        .map(|c| {
                            view! {
                                <CustomerRow customer=c may_invite=may_invite on_invite=on_invite />
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CustomerRow(
    customer: Customer,
    may_invite: bool,
    on_invite: Callback<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let Customer { id, company_profile, billing_profile, currency, relationship_status, .. } =
        customer;
    let name = company_profile.company_name;
    let country = billing_profile.default_address.country;
    let status = relationship_status.unwrap_or(RelationshipStatus::Active);
    let action = match status {
        RelationshipStatus::Active => {
            view! { <ViewButton id=id.clone() name=name.clone() /> }.into_any()
        }
        RelationshipStatus::Pending | RelationshipStatus::Declined if may_invite => {
            let (id, name) = (id.clone(), name.clone());
            let label = name.clone();
            view! {
                <button
                    type="button"
                    id=format!("invite-{id}")
                    class="button secondary small"
                    aria-label=move || (t().customers().invitation_link_for)(&label)
                    on:click=move |_| on_invite.run((id.clone(), name.clone()))
                >
                    {move || t().customers().invitation_link}
                </button>
            }
            .into_any()
        }
        _ => ().into_any(),
    };
    // Only an active customer has a page to open.
    let company = if status == RelationshipStatus::Active {
        view! { <A href=format!("/customers/{id}")>{name}</A> }.into_any()
    } else {
        name.into_any()
    };
    view! {
        <tr>
            <th scope="row">{company}</th>
            <td>{company_profile.domain}</td>
            <td class="identifier">{company_profile.tenant_id}</td>
            <td>{move || format::region_name(&i18n.format_tag(), &country)}</td>
            <td>{currency}</td>
            <td>{move || t().relationship_status(status)}</td>
            <td>{action}</td>
        </tr>
    }
}

/// Puts the customer in view and goes to its overview; says so when it is in view already.
#[component]
fn ViewButton(id: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let navigate = use_navigate();
    let in_view = {
        let id = id.clone();
        move || session.customer_in_view().as_deref() == Some(id.as_str())
    };
    let put_in_view = move |_| {
        session.set_customer_in_view(Some(id.clone()));
        navigate("/", Default::default());
    };
    view! {
        <Show
            when=in_view
            fallback=move || {
                let put_in_view = put_in_view.clone();
                let name = name.clone();
                view! {
                    <button
                        type="button"
                        class="button secondary small"
                        aria-label=move || (t().customers().view_customer)(&name)
                        on:click=put_in_view
                    >
                        {move || t().customers().view}
                    </button>
                }
            }
        >
            <span class="badge">{move || t().customers().in_view}</span>
        </Show>
    }
}
