//! Links the partner passes on: an invitation for the first admin of a customer it created, and
//! its general relationship request link for customers that already use the portal.

use leptos::prelude::*;

use crate::api::use_api;
use crate::components::{CloseButton, CopyLink, EmailedHint, Modal, remote_view};
use crate::i18n::{format, use_i18n};

/// A new invitation for the customer, issued as the dialog opens (earlier links stop working),
/// shown to copy, with whether it was emailed too.
#[component]
pub(super) fn InvitationDialog(
    customer_id: String,
    company_name: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let invitation = LocalResource::new(move || {
        let (api, customer_id) = (api.clone(), customer_id.clone());
        async move { api.invite(&customer_id).await }
    });
    view! {
        <Modal title_id="invitation-title" on_close=on_close>
            <h2 id="invitation-title">{move || (t().customers().invite_title)(&company_name)}</h2>
            <p class="visually-hidden" role="status">
                {move || invitation.get().is_none().then(|| t().customers().issuing)}
            </p>
            {remote_view(
                invitation,
                move |invitation| {
                    let (email, expires_at) = (invitation.email.clone(), invitation.expires_at);
                    let intro = {
                        let email = email.clone();
                        move || {
                            let expires = format::timestamp_date(&i18n.format_tag(), &expires_at);
                            (t().customers().invite_intro)(&email, &expires)
                        }
                    };
                    view! {
                        <p>{intro}</p>
                        <CopyLink
                            id="invitation-link"
                            label=Signal::derive(move || t().customers().link_label)
                            url=invitation.url
                        />
                        <EmailedHint emailed=invitation.emailed email=email />
                    }
                },
            )}
            <CloseButton />
        </Modal>
    }
}

/// The partner's general request link.
#[component]
pub(super) fn RequestLinkDialog(on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let link = LocalResource::new(move || {
        let api = api.clone();
        async move { api.relationship_request_link().await }
    });
    view! {
        <Modal title_id="request-link-title" on_close=on_close>
            <h2 id="request-link-title">{move || t().customers().request_link_title}</h2>
            <p>{move || t().customers().request_link_intro}</p>
            {remote_view(
                link,
                move |link| {
                    view! {
                        <CopyLink
                            id="request-link"
                            label=Signal::derive(move || t().customers().request_link_label)
                            url=link.url
                        />
                    }
                },
            )}
            <CloseButton />
        </Modal>
    }
}
