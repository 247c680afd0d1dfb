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
                (t().relationships.duration)(&format::integer(&i18n.format_tag(), duration_days))
            }}
        </p>
    }
}
