//! `/set-password#<token>`: a new user, or one whose password was reset, chooses a password
//! with the single-use link an administrator gave them, and is signed in.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_domain::users::{PasswordLinkDetails, UsePasswordLink};
use portal_domain::validation::Violation;

use crate::api::use_api;
use crate::browser;
use crate::components::{
    LinkCard, MutationError, TextField, link_token, mutation, open_link, remote_view,
    use_page_title,
};
use crate::i18n::{format, use_i18n};
use crate::session::use_session;

#[component]
pub fn SetPassword() -> impl IntoView {
    use_page_title(|t| t.users().set_title);
    let i18n = use_i18n();
    let token = link_token();
    let details =
        open_link(&token, |api, token| async move { api.open_password_link(&token).await });
    view! {
        <LinkCard>
            {remote_view(
                details,
                move |found| match found {
                    Some(details) if details.state == "open" => {
                        view! { <ChooseForm details=details token=token.clone() /> }.into_any()
                    }
                    Some(details) => view! { <Closed details=details /> }.into_any(),
                    None => {
                        view! {
                            <h1>{move || i18n.t().users().set_title}</h1>
                            <p class="notice error">{move || i18n.t().users().link_invalid}</p>
                        }
                            .into_any()
                    }
                },
            )}
        </LinkCard>
    }
}

/// A link that no longer works, and what to do.
#[component]
fn Closed(details: PasswordLinkDetails) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let PasswordLinkDetails { state, expires_at, .. } = details;
    let message = move || match state.as_str() {
        "used" => t().users().link_used.to_owned(),
        "replaced" => t().users().link_replaced.to_owned(),
        _ => (t().users().link_expired)(&format::timestamp_date(&i18n.format_tag(), &expires_at)),
    };
    view! {
        <h1>{move || t().users().set_title}</h1>
        <p class="notice info">{message}</p>
        <p>
            <a href="/signin" class="button primary">
                {move || t().relationships().go_sign_in}
            </a>
        </p>
    }
}

#[component]
fn ChooseForm(details: PasswordLinkDetails, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let PasswordLinkDetails { email, display_name, organization, reset, expires_at, .. } = details;
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Violation>);
    let choose = mutation(move |body: UsePasswordLink| {
        let (api, navigate) = (api.clone(), navigate.clone());
        async move {
            let me = api.use_password_link(&body).await?;
            session.signed_in(me);
            navigate("/", Default::default());
            Ok(())
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let body = UsePasswordLink { token: token.clone(), password: password.get_untracked() };
        match body.violations().first() {
            Some((_, violation)) => {
                problem.set(Some(*violation));
                browser::focus("new-password");
            }
            None => {
                problem.set(None);
                choose.dispatch(body);
            }
        }
    };
    let heading = move || {
        if reset {
            t().users().set_heading_reset.to_owned()
        } else {
            (t().users().set_heading_new)(&organization)
        }
    };
    view! {
        <h1>{heading}</h1>
        <p>{move || (t().users().set_for)(&display_name, &email)}</p>
        <p class="hint">
            {move || {
                (t()
                    .relationships()
                    .link_expires)(&format::timestamp_date(&i18n.format_tag(), &expires_at))
            }}
        </p>
        <form on:submit=on_submit novalidate>
            <TextField
                id="new-password"
                label=Signal::derive(move || t().users().new_password)
                value=password
                error=Signal::derive(move || problem.get().map(|v| i18n.t().violation(v)))
                input_type="password"
                autocomplete="new-password"
                required=true
            />
            <p class="hint">{move || t().relationships().password_hint}</p>
            <MutationError mutation=choose />
            <button type="submit" class="button primary" disabled=choose.pending()>
                {move || {
                    if choose.pending().get() {
                        t().users().setting
                    } else {
                        t().users().set_submit
                    }
                }}
            </button>
        </form>
    }
}
