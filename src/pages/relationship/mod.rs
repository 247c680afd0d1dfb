//! The customer's side of delegated admin: an invitation for a new customer's first admin
//! (`invitation.rs`), a partner's request for a customer already in the portal (`request.rs`),
//! and the account page where an admin sees and ends its partners' relationships (`account.rs`).

mod account;
mod invitation;
mod request;

pub use account::Account;
pub use invitation::InvitationPage;
pub use request::PartnerRequest;

use leptos::prelude::*;
use portal_domain::relationship::DelegatedRole;

use crate::api::use_api;
use crate::components::{CancelButton, Modal, MutationError, close_dialog, mutation};
use crate::i18n::{format, use_i18n};

/// What the partner may do once accepted, and for how long: the same words on every page that
/// asks.
#[component]
fn DelegatedAccess(roles: Vec<DelegatedRole>, duration_days: i64) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    view! {
        <ul class="delegated-access">
            {roles
                .into_iter()
                .map(|role| view! { <li>{move || t().delegated_role(role)}</li> })
                .collect_view()}
        </ul>
        <p>
            {move || {
                (t().relationships().duration)(&format::integer(&i18n.format_tag(), duration_days))
            }}
        </p>
    }
}

/// Asks before ending a relationship, which cuts the partner off at once. `other_side` is who
/// the relationship is with, as the one ending it sees it: the partner (a customer admin ending
/// it) or the customer (`by_partner`).
#[component]
pub fn EndRelationshipDialog(
    customer_id: String,
    other_side: String,
    #[prop(optional)] by_partner: bool,
    on_close: Callback<()>,
    on_ended: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let end = mutation(move |customer_id: String| {
        let api = api.clone();
        async move {
            api.end_relationship(&customer_id).await?;
            on_ended.run(());
            close_dialog();
            Ok(())
        }
    });
    // The title and the explanation, in the language of the moment.
    let words = move || {
        let t = i18n.t();
        if by_partner {
            (t.customers().end_title, t.customers().end_body)
        } else {
            (t.relationships().end_title, t.relationships().end_body)
        }
    };
    let (title, body) = (other_side.clone(), other_side);
    view! {
        <Modal title_id="end-title" on_close=on_close>
            <h2 id="end-title">{move || (words().0)(&title)}</h2>
            <p>{move || (words().1)(&body)}</p>
            <MutationError mutation=end />
            <div class="dialog-buttons">
                <button
                    type="button"
                    class="button danger"
                    disabled=end.pending()
                    on:click=move |_| end.dispatch(customer_id.clone())
                >
                    {move || {
                        if end.pending().get() {
                            t().relationships().ending
                        } else {
                            t().relationships().end
                        }
                    }}
                </button>
                <CancelButton safe_choice=true />
            </div>
        </Modal>
    }
}
