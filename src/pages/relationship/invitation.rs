//! `/invitation#<token>`: a new customer's first admin reads who asks what, sets a password and
//! accepts (signed in at once), or declines. The token is in the address's fragment, which the
//! browser never sends to a server; the page sends it in request bodies only.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_domain::relationship::{AcceptInvitation, InvitationDetails, InvitationState};
use portal_domain::validation::Violation;

use super::DelegatedAccess;
use crate::api::{ApiError, use_api};
use crate::browser;
use crate::components::{
    LinkCard, MutationError, TextField, link_token, mutation, open_link, remote_view,
    use_page_title,
};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;

#[component]
pub fn InvitationPage() -> impl IntoView {
    use_page_title(|t| t.relationships().invitation_title);
    let i18n = use_i18n();
    let token = link_token();
    let details = open_link(&token, |api, token| async move { api.open_invitation(&token).await });
    view! {
        <LinkCard wide=true>
            {remote_view(
                details,
                move |found| match found {
                    None => {
                        view! {
                            <h1>{move || i18n.t().relationships().invitation_title}</h1>
                            <p class="notice error">
                                {move || i18n.t().relationships().link_invalid}
                            </p>
                        }
                            .into_any()
                    }
                    Some(details) => {
                        view! { <Invitation details=details token=token.clone() /> }.into_any()
                    }
                },
            )}
        </LinkCard>
    }
}

#[component]
fn Invitation(details: InvitationDetails, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let partner = details.partner_name.clone();
    let heading = {
        let partner = partner.clone();
        move || (t().relationships().invitation_heading)(&partner)
    };
    let closed_message = {
        let (partner, expires_at) = (partner.clone(), details.expires_at.clone());
        move |state: InvitationState| match state {
            InvitationState::Accepted => t().relationships().state_accepted.to_owned(),
            InvitationState::Declined => (t().relationships().state_declined)(&partner),
            InvitationState::Replaced => (t().relationships().state_replaced)(&partner),
            InvitationState::Expired | InvitationState::Open => {
                let date = format::timestamp_date(&i18n.format_tag(), &expires_at);
                (t().relationships().state_expired)(&partner, &date)
            }
        }
    };
    let state = details.state;
    view! {
        <h1>{heading}</h1>
        {if state == InvitationState::Open {
            view! { <OpenInvitation details=details token=token /> }.into_any()
        } else {
            view! {
                <p class="notice info">{move || closed_message(state)}</p>
                <p>
                    <a href="/signin" class="button primary">
                        {move || t().relationships().go_sign_in}
                    </a>
                </p>
            }
                .into_any()
        }}
    }
}

/// The fields the form may mark: by the shared rules, or because the server named them.
const FIELDS: [(&str, &str); 2] =
    [("displayName", "invitee-name"), ("password", "invitee-password")];

#[component]
fn OpenInvitation(details: InvitationDetails, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let InvitationDetails {
        partner_name,
        company_name,
        email,
        delegated_roles,
        duration_days,
        expires_at,
        ..
    } = details;

    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<(&'static str, Option<Violation>)>::new());
    let declined = RwSignal::new(false);

    let accept = mutation({
        let api = api.clone();
        move |answer: AcceptInvitation| {
            let (api, navigate) = (api.clone(), navigate.clone());
            async move {
                match api.accept_invitation(&answer).await {
                    Ok(me) => {
                        session.signed_in(me);
                        navigate("/account", Default::default());
                        Ok(())
                    }
                    Err(ApiError::Validation { fields, .. })
                        if fields.iter().any(|f| FIELDS.iter().any(|(n, _)| *n == f.field)) =>
                    {
                        problems.set(
                            FIELDS
                                .iter()
                                .filter(|(n, _)| fields.iter().any(|f| f.field == *n))
                                .map(|(n, _)| (*n, None))
                                .collect(),
                        );
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
        }
    });
    let decline = mutation({
        let api = api.clone();
        move |token: String| {
            let api = api.clone();
            async move {
                api.decline_invitation(&token).await?;
                declined.set(true);
                browser::focus("invitation-declined");
                Ok(())
            }
        }
    });
    let on_submit = {
        let token = token.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let answer = AcceptInvitation {
                token: token.clone(),
                display_name: name.get_untracked(),
                password: password.get_untracked(),
            };
            let found: Vec<_> =
                answer.violations().into_iter().map(|(f, v)| (f, Some(v))).collect();
            if let Some((field, _)) = found.first() {
                let id =
                    FIELDS.iter().find(|(n, _)| n == field).map_or("invitee-name", |(_, id)| id);
                browser::focus(id);
                problems.set(found);
                return;
            }
            problems.set(Vec::new());
            accept.dispatch(answer);
        }
    };
    let message = move |field: &'static str| {
        Signal::derive(move || {
            problems.with(|p| {
                p.iter().find(|(f, _)| *f == field).map(|(_, v)| match v {
                    Some(v) => t().violation(*v),
                    None => t().error_invalid_input.to_owned(),
                })
            })
        })
    };
    let busy = move || accept.pending().get() || decline.pending().get();
    let asks = {
        let (partner, company) = (partner_name.clone(), company_name.clone());
        move || (t().relationships().asks)(&partner, &company)
    };
    let expires = move || {
        (t().relationships().link_expires)(&format::timestamp_date(&i18n.format_tag(), &expires_at))
    };

    view! {
        <Show
            when=move || !declined.get()
            fallback=move || {
                let partner = partner_name.clone();
                view! {
                    <p id="invitation-declined" class="notice info" role="status" tabindex="-1">
                        {move || (t().relationships().declined_done)(&partner)}
                    </p>
                }
            }
        >
            <p>{asks.clone()}</p>
            <DelegatedAccess roles=delegated_roles.clone() duration_days=duration_days />
            <p>
                {
                    let (company, email) = (company_name.clone(), email.clone());
                    move || (t().relationships().you_become_admin)(&company, &email)
                }
            </p>
            <p class="hint">{expires.clone()}</p>
            <form on:submit=on_submit.clone() novalidate class="stacked-form">
                <TextField
                    id="invitee-name"
                    label=Signal::derive(move || t().relationships().display_name)
                    value=name
                    error=message("displayName")
                    autocomplete="name"
                    required=true
                />
                <TextField
                    id="invitee-password"
                    label=Signal::derive(move || t().relationships().new_password)
                    value=password
                    error=message("password")
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                />
                <p class="hint">{move || t().relationships().password_hint}</p>
                <MutationError mutation=accept />
                <MutationError mutation=decline />
                <div class="dialog-buttons">
                    <button type="submit" class="button primary" disabled=busy>
                        {move || {
                            if accept.pending().get() {
                                t().relationships().accepting
                            } else {
                                t().relationships().accept_invitation
                            }
                        }}
                    </button>
                    <button
                        type="button"
                        class="button secondary"
                        disabled=busy
                        on:click={
                            let token = token.clone();
                            move |_| decline.dispatch(token.clone())
                        }
                    >
                        {move || {
                            if decline.pending().get() {
                                t().relationships().declining
                            } else {
                                t().relationships().decline
                            }
                        }}
                    </button>
                </div>
            </form>
        </Show>
    }
}
