//! `/partner-request/:partner_id`: the partner's general request link, opened by a signed-in
//! customer admin, who reads what is asked and accepts it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_domain::relationship::{RelationshipRequestDetails, RelationshipStatus};

use super::DelegatedAccess;
use crate::api::use_api;
use crate::browser;
use crate::components::{MutationError, mutation, remote_view, use_page_title};
use crate::i18n::use_i18n;
use crate::session::use_session;

#[component]
pub fn PartnerRequest() -> impl IntoView {
    use_page_title(|t| t.relationships().request_title);
    let i18n = use_i18n();
    let t = move || i18n.t();
    let session = use_session();
    let api = use_api();
    let params = use_params_map();
    let is_customer_admin = session.me().is_some_and(|me| {
        !me.is_partner_user() && me.roles.contains(&portal_domain::Role::CustomerAdmin)
    });
    let request = LocalResource::new(move || {
        let api = api.clone();
        let partner_id = params.read().get("partner_id").unwrap_or_default();
        async move { api.relationship_request(&partner_id).await }
    });
    view! {
        <h1>{move || t().relationships().request_title}</h1>
        {if is_customer_admin {
            remote_view(request, |details| view! { <Request details=details /> }).into_any()
        } else {
            view! { <p class="notice info">{move || t().relationships().request_admins_only}</p> }
                .into_any()
        }}
    }
}

#[component]
fn Request(details: RelationshipRequestDetails) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let RelationshipRequestDetails {
        partner_id,
        partner_name,
        mpn_id,
        delegated_roles,
        duration_days,
        status,
        other_reseller,
        ..
    } = details;
    let accepted = RwSignal::new(status == Some(RelationshipStatus::Active));
    let accept = mutation(move |partner_id: String| {
        let api = api.clone();
        async move {
            api.accept_relationship_request(&partner_id).await?;
            accepted.set(true);
            browser::focus("request-outcome");
            Ok(())
        }
    });
    let name = partner_name.clone();
    let outcome = move || {
        if status == Some(RelationshipStatus::Active) {
            (t().relationships().request_active_already)(&name)
        } else {
            (t().relationships().request_accepted)(&name)
        }
    };
    view! {
        <h2>
            {
                let name = partner_name.clone();
                move || (t().relationships().request_heading)(&name)
            }
        </h2>
        <p class="hint">{move || (t().relationships().partner_id)(&mpn_id)}</p>
        <p>
            {
                let name = partner_name.clone();
                move || (t().relationships().request_asks)(&name)
            }
        </p>
        <DelegatedAccess roles=delegated_roles duration_days=duration_days />
        <Show
            when=move || !accepted.get()
            fallback=move || {
                view! {
                    <p id="request-outcome" class="notice success" role="status" tabindex="-1">
                        {outcome.clone()}
                    </p>
                    <p>
                        <A href="/account">{move || t().nav_account}</A>
                    </p>
                }
            }
        >
            {match other_reseller.clone() {
                Some(other) => {
                    view! {
                        <p class="notice info">
                            {move || (t().relationships().request_other_reseller)(&other)}
                        </p>
                    }
                        .into_any()
                }
                None => {
                    let partner_id = partner_id.clone();
                    view! {
                        <MutationError mutation=accept />
                        <div class="actions">
                            <button
                                type="button"
                                class="button primary"
                                disabled=accept.pending()
                                on:click=move |_| accept.dispatch(partner_id.clone())
                            >
                                {move || t().relationships().accept}
                            </button>
                            <A href="/">{move || t().relationships().not_now}</A>
                        </div>
                    }
                        .into_any()
                }
            }}
        </Show>
    }
}
