use leptos::prelude::*;

use crate::api::use_api;
use crate::i18n::use_i18n;
use crate::session::use_session;

/// For partner users: the customer whose account the pages show.
#[component]
pub fn CustomerSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let customers = LocalResource::new(move || {
        let api = api.clone();
        async move { api.customers().await }
    });

    // A remembered customer the partner can no longer see is forgotten.
    Effect::new(move |_| {
        if let (Some(Ok(list)), Some(current)) = (customers.get(), session.customer_in_view())
            && !list.iter().any(|c| c.id == current)
        {
            session.set_customer_in_view(None);
        }
    });

    view! {
        <div class="field inline">
            <label for="customer-in-view">{move || i18n.t().customer_in_view}</label>
            <select
                id="customer-in-view"
                aria-busy=move || customers.get().is_none().to_string()
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    session.set_customer_in_view((!id.is_empty()).then_some(id));
                }
            >
                <option value="" prop:selected=move || session.customer_in_view().is_none()>
                    {move || i18n.t().choose_customer}
                </option>
                {move || {
                    customers
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|customer| {
                            let id = customer.id.clone();
                            view! {
                                <option
                                    value=customer.id
                                    prop:selected=move || {
                                        session.customer_in_view().as_deref() == Some(id.as_str())
                                    }
                                >
                                    {customer.company_profile.company_name}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            {move || {
                customers
                    .get()
                    .and_then(Result::err)
                    .map(|e| {
                        view! {
                            <p class="inline-error" role="alert">
                                {e.message(i18n.t())}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
